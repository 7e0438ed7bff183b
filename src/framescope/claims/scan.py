"""What is a figure: the money, percentages, multiples and counts in a sentence.

The rules (the README repeats them, because the ledger is built on them):

- **Money**: a number with a currency sign or word, before or after it: "$200 billion",
  "200 billion dollars", "US$26.4 billion", "$3.3m", "1.28 trillion yuan", "RUB 3 trillion",
  "$190,27 billion" (a comma followed by one or two digits and a scale word or a percent sign
  is a European decimal comma: 190.27), ranges ("$100-200 billion", "between $100 and $200
  billion": ``value`` is the midpoint, ``low``/``high`` the bounds). Units: USD, CNY, RUB,
  EUR, GBP; values in base units (200e9).
- **Percentages**: "16%", "35 percent", "29.3 per cent", "20-30%"; "percentage points" has
  its own unit, ``percentage_points``.
- **Multiples** (unit ``multiple``): "doubled", "tripled", "more than double the ...",
  "halved" (0.5), "threefold", "2.5 times as much". A bare "double" or "triple" is a multiple
  only before a determiner or preposition ("double the record", "double by 2025") or after a
  qualifier or modal ("more than double", "will double"): "double standards" is not.
- **Counts** (unit ``count``): a number with the noun it counts ("40 million Russian customs
  record entries", "forty meetings", "a dozen drones", "12 point peace proposal": 12, noun
  "point peace proposal"). A scaled number with no noun ("190 billion in 2022") is a count
  with a null noun; a bare number with neither noun nor scale is not read, because nothing
  says what it measures.
- **Not figures**: years ("2019", "in 2023", "2022-23"; so "2000 troops" is lost too), dates
  ("February 24", "Dec. 30", "March 20 and 22", "24th of February", "2023-03-20", "3/20"),
  times ("10:30", "3 p.m."), ages ("69 years old", "69-year-old", "aged 69", "Xi Jinping,
  69,"), durations (a count whose noun is a time unit: "20 days", "three years"), ordinals
  ("20th", "first", "third term"), identifiers (a number glued to letters or after a hyphen:
  "G20", "COVID-19", "Su-35", "5G"; after a capitalised word inside the sentence or a
  label word: "Nord Stream 2", "Article 5", "No. 1"), phone numbers, numbers inside URLs,
  citation marks ("[3]"), the word "one" on its own ("one of the", "at least one problem"),
  referential counts after a determiner ("the two leaders", "its 27 members") and fractions
  of a thing ("half of the country").
  Scraping glue "A12 point" is read as "A 12 point".
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from framescope.claims import grammar
from framescope.claims.anchored import Anchored, search_end
from framescope.rules.words import MONTHS


@dataclass(frozen=True)
class Quantity:
    """One figure as read from a sentence: where it is (offsets into the sentence, leaving out
    the qualifier), its value and bounds in base units, and for a count the noun it counts and
    where that noun ends."""

    start: int
    end: int
    value: float
    low: float
    high: float
    unit: str
    qualifier: str | None = None
    noun: str | None = None
    noun_end: int = 0


def _qualifier(before: str) -> str | None:
    found = search_end(grammar.QUALIFIER, before, grammar.QUALIFIER_WIDTH)
    return grammar.QUALIFIERS[found.group(1).lower()] if found else None


def without_qualifier(before: str) -> str:
    """``before`` without the qualifier ("more than", "about") that ends it."""
    found = search_end(grammar.QUALIFIER, before, grammar.QUALIFIER_WIDTH)
    return before[: found.start()] if found else before


def _previous_word(before: str) -> tuple[str, bool]:
    """The word before a position (when whitespace ends ``before``) and whether it is the
    sentence's first word."""
    stripped = before.rstrip()
    if not stripped or len(stripped) == len(before):
        return "", True
    word = stripped.rsplit(None, 1)[-1]
    return word, not stripped[: len(stripped) - len(word)].strip(" “\"'‘(")


def _noun(text: str, position: int) -> tuple[str | None, int]:
    """The noun phrase a count counts (the words after the number, up to a stop word) and
    where it ends. One "of" phrase is kept: "1.5 million barrels of Russian oil"."""
    skip = 1 if text[position : position + 1] == "-" else 0  # "12-point"
    words: list[str] = []
    phrase_start = 0  # where the current phrase (before or after "of") starts in words
    cursor = position + skip
    tokens = grammar.NOUN_WORD.finditer(text, cursor)
    found = next(tokens, None)
    while found is not None:
        following = next(tokens, None)
        if text[cursor : found.start()].strip() or len(words) == 6:
            break  # punctuation ends the phrase
        word = found.group(1)
        lower = word.lower()
        if (
            lower == "of"
            and words
            and phrase_start == 0
            and following is not None
            and following.group(1).lower() not in grammar.NOUN_STOP
            and not text[found.end() : following.start()].strip()
        ):
            words.append(word)
            phrase_start = len(words)
            cursor = found.end()
            found = following
            continue
        if lower in grammar.NOUN_STOP or lower.endswith(("’s", "'s")):
            break
        # A capital after lowercase words starts a new phrase ("point peace proposal
        # Beijing’s ..."); a participle ends it ("four people briefed on ...").
        phrase = words[phrase_start:]
        if phrase and (
            (word[0].isupper() and any(w[0].islower() for w in phrase))
            or lower.endswith(("ed", "ing"))
        ):
            break
        words.append(word)
        cursor = found.end()
        found = following
    if words and words[-1] == "of":
        words.pop()
    return " ".join(words) or None, cursor


def _is_multiple_word(text: str, found: re.Match[str]) -> bool:
    word = found.group(0).lower()
    if word not in grammar.BARE_MULTIPLES:
        return True
    return bool(
        grammar.BARE_MULTIPLE_AFTER.match(text, found.end())
        or grammar.BARE_MULTIPLE_BEFORE.search(text[: found.start()])
        or found.end() == len(text.rstrip(".!?"))
    )


_CURRENCY_STARTS = ("us", "u.s", "eur", "gbp", "rub", "cny", "rmb")  # US$, U.S. $, USD, EUR...
_QUANTITY_SCAN = Anchored.of(
    grammar.QUANTITY,
    [*"0123456789$€£₽-−", *grammar.ONES, *grammar.TENS, "half", "between", *_CURRENCY_STARTS],
    after_a=("dozen", "hundred"),
)
_MULTIPLE_SCAN = Anchored.of(grammar.MULTIPLE, grammar.MULTIPLE_WORDS)
_NOT_COUNTS_SCAN = Anchored.of(
    grammar.NOT_COUNTS, [*"0123456789+([,", *grammar.MONTH_STARTS, "age"]
)
SCANS = (_QUANTITY_SCAN, _MULTIPLE_SCAN, _NOT_COUNTS_SCAN)
"""The scans this module tries, for :func:`framescope.claims.anchored.searched`."""


# A sentence with several figures needs its URLs and the spans that are no count once each;
# the caches are keyed on the sentence text.
@functools.lru_cache(maxsize=4096)
def url_spans(text: str) -> tuple[tuple[int, int], ...]:
    """Where the URLs, web addresses and handles in ``text`` are; none of them holds a figure."""
    if not any(part in text for part in grammar.URL_PARTS):
        return ()
    return tuple(found.span() for found in grammar.URL.finditer(text))


@functools.lru_cache(maxsize=4096)
def _not_count_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(found.span() for found in _NOT_COUNTS_SCAN.finditer(text))


def overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    """Whether ``start:end`` overlaps any of ``spans``."""
    return any(s < end and start < e for s, e in spans)


_PERCENT_UNIT = re.compile(r"%|per|pct")
_PERCENT_UNIT_ANY_CASE = re.compile(r"%|per|pct", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"(?i)(?<![\w])from\s+$")
_RANGE_FROM_BEFORE = re.compile(r"(?i)(?<![\w])(?:range[sd]?|ranging)\s+from\s+$")


def _item_kind(found: re.Match[str], n: int) -> str | None:
    unit = (found.group(f"unit{n}") or "").lower()
    if found.group(f"cur{n}") or (unit and not _PERCENT_UNIT.search(unit)):
        return "money"
    return "percent" if unit else None


def _range_allowed(found: re.Match[str], before: str) -> bool:
    first, second = _item_kind(found, 1), _item_kind(found, 2)
    if first and second and first != second:
        return False  # "rose 29.3% to $190 billion": two figures, not a range
    if first is None and not found.group("scale1") and grammar.YEAR.fullmatch(found.group("num1")):
        return False  # "grow from $190 billion in 2022 to $200 billion": a year, then an amount
    sep = (found.group("sep") or "").lower()
    if sep == "and":
        return bool(found.group("between"))
    if sep == "to":
        # "from $146.9 billion to $190.3 billion" is a change between two levels, not a range;
        # "estimates range from $215 to $220 billion" is a range.
        from_before = search_end(_FROM_BEFORE, before, len("from"))
        return not from_before or bool(_RANGE_FROM_BEFORE.search(before))
    return True


def _amount(found: re.Match[str], n: int, scale: float) -> float:
    return grammar.number(found.group(f"num{n}")) * scale


def quantities(text: str) -> list[Quantity]:
    """Every money, percent, multiple and count figure in one sentence, in text order.

    Examples
    --------
    >>> [(q.unit, q.value) for q in quantities("Trade doubled to $190 billion in 2022.")]
    [('multiple', 2.0), ('USD', 190000000000.0)]
    """
    urls = url_spans(text)
    found_all: list[Quantity] = []
    position = 0
    starts = _QUANTITY_SCAN.starts(text)
    while True:
        found = _QUANTITY_SCAN.search(text, position, starts)
        if found is None:
            break
        start = found.start("sign") if found.group("sign") else found.start("cur1")
        start = found.start("num1") if start < 0 else start
        before = text[: found.start()]
        if found.group("sep") and not _range_allowed(found, before):
            # Read the first amount alone; the second is found on the next pass.
            found = grammar.SINGLE.match(text, start) or found
        position = max(found.end(), position + 1)
        if overlaps(found.start(), found.end(), urls):
            continue
        quantity = _read(text, found, start)
        if quantity is not None:
            found_all.append(quantity)
    taken = [(q.start, q.end) for q in found_all]
    for found in _MULTIPLE_SCAN.finditer(text):
        if overlaps(*found.span(), [*urls, *taken]):
            continue  # "two-fold" was read as a number with "-fold" already
        if _is_multiple_word(text, found):
            value = grammar.MULTIPLE_WORDS[found.group(0).lower()]
            qualifier = _qualifier(text[: found.start()])
            found_all.append(
                Quantity(found.start(), found.end(), value, value, value, "multiple", qualifier)
            )
    return sorted(found_all, key=lambda q: q.start)


def _read(text: str, found: re.Match[str], start: int) -> Quantity | None:
    """Interpret one number match, or None when it is not a figure."""
    has_range = found.groupdict().get("num2") is not None
    last = 2 if has_range else 1
    scale_words = [found.group(f"scale{n}") for n in range(1, last + 1)]
    units = [found.group(f"unit{n}") for n in range(1, last + 1)]
    signs = [found.group(f"cur{n}") for n in range(1, last + 1)]
    glued = any(s and s.strip(" -").lower() in {"m", "k", "b"} for s in scale_words)
    currency = _currency(signs, units)
    unit_text = next((u for u in reversed(units) if u), "")
    # "$100-200 billion": a first amount with no scale of its own takes the second's.
    scales = [grammar.scale(scale_words[-1] if s is None else s) for s in scale_words]
    low = _amount(found, 1, scales[0])
    if found.group("sign"):
        low = -low
    high = _amount(found, 2, scales[1]) if has_range else low
    qualifier = _qualifier(text[: found.start()])
    if currency is not None:
        unit = currency
    elif glued:
        return None  # "5m" with no currency is a length, not five million
    elif _PERCENT_UNIT_ANY_CASE.search(unit_text):
        unit = "percentage_points" if "point" in unit_text.lower() else "percent"
    else:
        return _count(text, found, start, low=low, high=high, qualifier=qualifier)
    return Quantity(start, found.end(), (low + high) / 2, low, high, unit, qualifier)


def _currency(signs: list[str | None], units: list[str | None]) -> str | None:
    for written in signs:
        if written:
            sign = written.strip()
            if sign.endswith("$"):
                return "USD"
            if sign in grammar.CURRENCY_SIGNS:
                return grammar.CURRENCY_SIGNS[sign]
            return "CNY" if sign == "RMB" else sign
    for unit in units:
        if unit:
            word = unit.strip(" -").split()[-1].lower()
            if word in grammar.CURRENCY_WORDS:
                return grammar.CURRENCY_WORDS[word]
    return None


def _count(
    text: str,
    found: re.Match[str],
    start: int,
    *,
    low: float,
    high: float,
    qualifier: str | None,
) -> Quantity | None:
    end = found.end()
    number = found.group("num1")
    # A year is inside a span of grammar.NOT_COUNTS anyway; most sentences need no other.
    if grammar.YEAR.fullmatch(number) or overlaps(start, end, _not_count_spans(text)):
        return None
    multiple = grammar.FOLD.match(text, end) or grammar.TIMES_COMPARED.match(text, end)
    if multiple:
        # The surface keeps "-fold" and "times" but not the comparison after "times".
        multiple_end = multiple.end() if multiple.re is grammar.FOLD else multiple.end(1)
        return Quantity(start, multiple_end, low, low, high, "multiple", qualifier)
    has_scale = bool(found.group("scale1") or found.groupdict().get("scale2"))
    if number.lower() == "one" and not has_scale and found.groupdict().get("num2") is None:
        return None  # "one of the", "at least one problem": a pronoun, not a count
    word, first = _previous_word(text[: found.start()])
    bare_word = word.strip("“\"'‘(").lower()
    if bare_word in grammar.DETERMINERS or bare_word in grammar.LABEL_WORDS:
        return None
    glued_article = text[start - 1 : start] in {"A", "a"} and start > 0
    if not glued_article and not first and word[:1].isupper() and qualifier is None:
        return None  # a name or label: "Nord Stream 2", "Power of Siberia 2"
    noun, noun_end = _noun(text, end)
    head = (noun or "").split()[0].split("-")[0].lower() if noun else ""
    if head in grammar.TIME_UNITS or head.capitalize() in MONTHS:
        return None
    if noun is None and not has_scale:
        return None
    return Quantity(start, end, (low + high) / 2, low, high, "count", qualifier, noun, noun_end)
