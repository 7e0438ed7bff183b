"""Numeric claims: money, percentages, multiples and counts, tied to what they measure.

What is a figure (the README repeats these rules, because the ledger is built on them):

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

What a figure is about, per figure:

- ``metric``: from the profile's metric terms in the sentence (case-insensitive, word
  boundaries, longest first). A count takes a metric only from a term inside its noun
  ("40 million Russian customs record entries"), else ``other``. Any other figure takes the
  term that ends at most 40 characters before it in its clause, the subject of the number
  ("imports fell 16% and trade rose 29%"), else the nearest term in the sentence (a term
  before the number winning a tie). A metric's exclusions, and the generic phrases in
  :data:`NOT_METRIC_TERMS` ("trade deficit"), are matched like terms and give ``other``, so
  "the trade deficit tripled" is not bilateral trade. A money, percent or multiple figure
  in a sentence with no term at all inherits the metric of the previous sentence when that
  sentence names exactly one metric ("... current account surplus ... The surplus of $227
  billion ..."); ``metric_from`` says ``previous_sentence`` then, and ``metric_term`` gives
  the term that decided.
- ``kind``: from cue words in the figure's clause (the sentence split at commas, semicolons,
  colons, brackets, dashes, "while", "but", "followed by"), in this order of precedence:
  ``target`` ("goal", "target", "aim", "seeking", "ahead of schedule"), ``forecast``
  ("expect", "will", "forecast", "projected"), ``change`` ("rose", "fell", "contraction",
  "growth", "up 29.3%"; only for percentages, multiples and amounts after "by": "rose to $190
  billion" is a level, not a change), else ``actual``. When the clause has no cue, the
  nearest cue in the sentence decides. Multiples are changes unless a target or forecast
  cue says otherwise. ``direction`` (up/down) is set for changes when a cue says which.
- ``period``: the nearest period phrase in the figure's clause: a month range ("between
  January and September 2022", "January-September 2022", "the first nine months of 2022"
  -> "2022-01..2022-09"; "the first half of 2022" -> "2022-01..2022-06"), a month ("March
  2023" -> "2023-03"), a year ("in 2023", "for the whole of 2022", "by 2024" -> "2023"), a
  year range ("2022-23" -> "2022..2023"), "last/this/next year" (resolved against the
  article's ``published`` date when ``articles`` is given), else "annual" for "annual", "per
  year", "a year". With none in the clause, the nearest period before the figure in the
  sentence, else null.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable
from dataclasses import dataclass

from framescope.claims import grammar
from framescope.claims.anchored import Anchored, leading_words, search_end
from framescope.claims.matching import Matcher

# --- context grammar ---------------------------------------------------------------------

_CLAUSE_BREAK = re.compile(
    r",(?=\s)|[;:()\[\]—]|\s[-–]\s|(?<!\w)(?i:while|whereas|but|although|followed\s+by)(?!\w)"
)
_CUES = {
    "target": (
        r"goals?|targets?|targeted|targeting|aims?|aimed|aiming|objectives?|ambitions?"
        r"|seeks?|seeking|sought|strives?|striving|pledged?|pledges|ahead\s+of\s+schedule"
        r"|plans?\s+to\s+(?:reach|achieve|raise|increase|boost)"
    ),
    "forecast": (
        r"expects?|expected|expecting|expectations?|forecasts?|forecasted|projected"
        r"|projections?|predicts?|predicted|predictions?|anticipated?|anticipates|will"
        r"|(?:is|are)\s+set\s+to|on\s+track\s+to|outlook"
    ),
    "change": (
        r"rose|rise|rises|risen|rising|fell|fall|falls|fallen|falling|grew|grow|grows|grown"
        r"|growing|growth|increased?|increases|increasing|decreased?|decreases|decreasing"
        r"|declined?|declines|declining|dropped|drops?|contraction|contracted|shrank|shrinks?"
        r"|shrunk|jumped|jumps?|surged?|surges|soared?|soars|plunged?|plunges|slumped?"
        r"|slumps|gained|gains?|climbed?|climbs|year-on-year|year\s+on\s+year|yoy"
        r"|compared\s+(?:to|with)|from\s+a\s+year\s+earlier"
    ),
}
_CUE = re.compile(
    "|".join(rf"(?P<{kind}>(?<![\w-])(?i:{words})(?![\w-]))" for kind, words in _CUES.items())
)
_DOWN = re.compile(
    r"(?i)^(?:fell|fall|falls|fallen|falling|decreased?|decreases|decreasing|declined?"
    r"|declines|declining|dropped|drops?|contraction|contracted|shrank|shrinks?|shrunk"
    r"|plunged?|plunges|slumped?|slumps)$"
)
_UP = re.compile(r"(?i)rose|rise|risen|rising|grew|grow|growth|increase|jump|surge|soar|gain|climb")
_UP_DOWN_BEFORE = re.compile(r"(?i)(?<![\w])(up|down)\s+(?:by\s+)?$")
_BY_BEFORE = re.compile(r"(?i)(?<![\w])by\s+$")

_PERIOD = re.compile(
    "|".join(
        [
            # between January and September 2022, from March 2022 to May 2023
            rf"(?P<range>(?i:between|from)\s+(?P<m1>{grammar.MONTH})(?:\s+(?P<y1>\d{{4}}))?\s+"
            rf"(?i:and|to|through|until)\s+(?P<m2>{grammar.MONTH})\s+(?P<y2>\d{{4}}))",
            rf"(?P<dash>(?P<m3>{grammar.MONTH})\s?[-–]\s?(?P<m4>{grammar.MONTH})\s+(?P<y3>\d{{4}}))",
            rf"(?P<first>(?i:first)\s+(?P<n>\d{{1,2}}|(?i:{grammar.alternation(grammar.ONES)}))\s+"
            rf"(?i:months)\s+(?i:of)\s+(?:(?i:the\s+year)\s+)?(?P<y4>\d{{4}}))",
            r"(?P<half>(?i:first)\s+(?P<part>half|quarter)\s+(?i:of)\s+(?P<y5>\d{4}))",
            rf"(?P<month>(?P<m5>{grammar.MONTH})\s+(?P<y6>\d{{4}}))",
            r"(?P<years>(?<![\d,.])(?P<y7>(?:19|20)\d{2})\s?[-–/]\s?(?P<y8>\d{4}|\d{2})(?!\d))",
            r"(?P<year>(?<![\d,.$])(?P<y9>(?:19|20)\d{2})(?![\d%]|\s?(?i:percent|billion)))",
            r"(?P<relative>(?i:(?P<which>last|this|next|previous)\s+year))",
            r"(?P<annual>(?<![\w-])(?i:annual|annually|yearly|per\s+year|per\s+annum"
            r"|a\s+year(?!\s+(?:ago|earlier|before|later|after))|each\s+year|every\s+year)"
            r"(?![\w-]))",
        ]
    )
)


# --- figures --------------------------------------------------------------------------------


@dataclass(frozen=True)
class Quantity:
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


def _without_qualifier(before: str) -> str:
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
"""The scans :func:`quantities` tries, for :func:`framescope.claims.anchored.searched`."""
_PERIOD_WORDS = ("between", "from", "first", "last", "this", "next", "previous", "annual")
_PERIOD_SCAN = Anchored.of(
    _PERIOD,
    [*grammar.MONTH_STARTS, "19", "20", *_PERIOD_WORDS, "year", "per", "each", "every"],
    after_a=("year",),
)
_CUE_SCAN = Anchored.of(_CUE, set().union(*map(leading_words, _CUES.values())))
_CLAUSE_SCAN = Anchored.of(
    _CLAUSE_BREAK,
    [*",;:()[]—", "while", "whereas", "but", "although", "followed"],
    after_space=("-", "–"),
)


# A sentence with several figures needs its URLs, cue words, periods and clauses once each;
# the caches are keyed on the sentence text.
@functools.lru_cache(maxsize=4096)
def _url_spans(text: str) -> tuple[tuple[int, int], ...]:
    if not any(part in text for part in grammar.URL_PARTS):
        return ()
    return tuple(found.span() for found in grammar.URL.finditer(text))


@functools.lru_cache(maxsize=4096)
def _not_count_spans(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(found.span() for found in _NOT_COUNTS_SCAN.finditer(text))


@functools.lru_cache(maxsize=4096)
def _cue_spans(text: str) -> tuple[tuple[str, int, int, str], ...]:
    cues = _CUE_SCAN.finditer(text)
    return tuple((f.lastgroup or "", f.start(), f.end(), f.group(0)) for f in cues)


@functools.lru_cache(maxsize=4096)
def _clause_breaks(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(found.span() for found in _CLAUSE_SCAN.finditer(text))


def _overlaps(start: int, end: int, spans: Iterable[tuple[int, int]]) -> bool:
    return any(s < end and start < e for s, e in spans)


_PERCENT_UNIT = re.compile(r"%|per|pct")
_PERCENT_UNIT_ANY_CASE = re.compile(r"%|per|pct", re.IGNORECASE)
_FROM_BEFORE = re.compile(r"(?i)(?<![\w])from\s+$")


def _item_kind(found: re.Match[str], n: int) -> str | None:
    unit = (found.group(f"unit{n}") or "").lower()
    if found.group(f"cur{n}") or (unit and not _PERCENT_UNIT.search(unit)):
        return "money"
    return "percent" if unit else None


def _range_allowed(found: re.Match[str], before: str) -> bool:
    first, second = _item_kind(found, 1), _item_kind(found, 2)
    if first and second and first != second:
        return False  # "rose 29.3% to $190 billion": two figures, not a range
    sep = (found.group("sep") or "").lower()
    if sep == "and":
        return bool(found.group("between"))
    if sep == "to":
        # "from $146.9 billion to $190.3 billion" is a change between two levels, not a range.
        return not search_end(_FROM_BEFORE, before, len("from"))
    return True


def _amount(found: re.Match[str], n: int, scale: float) -> float:
    return grammar.number(found.group(f"num{n}")) * scale


def quantities(text: str) -> list[Quantity]:
    """Every money, percent, multiple and count figure in one sentence, in text order."""
    urls = _url_spans(text)
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
        if _overlaps(found.start(), found.end(), urls):
            continue
        quantity = _read(text, found, start)
        if quantity is not None:
            found_all.append(quantity)
    taken = [(q.start, q.end) for q in found_all]
    for found in _MULTIPLE_SCAN.finditer(text):
        if _overlaps(*found.span(), [*urls, *taken]):
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
    if grammar.YEAR.fullmatch(number) or _overlaps(start, end, _not_count_spans(text)):
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
    if head in grammar.TIME_UNITS or head.capitalize() in grammar.MONTHS:
        return None
    if noun is None and not has_scale:
        return None
    return Quantity(start, end, (low + high) / 2, low, high, "count", qualifier, noun, noun_end)


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def _metric(
    context: Matcher,
    spans: list[tuple[int, int, str]],
    quantity: Quantity,
    clause: tuple[int, int],
) -> tuple[str, str | None, str | None] | None:
    """(metric, the term that decided it, "sentence") from the sentence's term ``spans``, or
    None when the previous sentence decides (:func:`_inherited`)."""
    span = (quantity.start, quantity.end)
    if quantity.noun is not None:
        # A count says what it counts: only a term inside its noun ties it to a metric.
        inside = [t for t in spans if quantity.end <= t[0] and t[1] <= quantity.noun_end]
        if inside:
            return context.terms[inside[0][2].lower()], inside[0][2], "sentence"
        return "other", None, None
    # The subject just before the number governs it ("imports fell 16% and trade rose 29%");
    # otherwise the nearest term, a term before the number winning a tie.
    governing = [t for t in spans if clause[0] <= t[0] and t[1] <= span[0] <= t[1] + 40]
    if governing:
        term = governing[-1][2]
        return context.terms[term.lower()], term, "sentence"
    if spans:
        term = min(spans, key=lambda t: (_distance(span, t[:2]), t[0] > span[0]))[2]
        return context.terms[term.lower()], term, "sentence"
    if quantity.unit == "count":
        return "other", None, None
    return None


def _inherited(context: Matcher, previous: str | None) -> tuple[str, str | None, str | None]:
    """The metric a figure with no term of its own takes from the previous sentence."""
    earlier = [t for t in context.term_spans(previous) if context.terms[t[2].lower()] != "other"]
    metrics = {context.terms[t[2].lower()] for t in earlier}
    if len(metrics) == 1:
        return metrics.pop(), earlier[-1][2], "previous_sentence"
    return "other", None, None


def _clause(text: str, start: int, end: int) -> tuple[int, int]:
    left, right = 0, len(text)
    for break_start, break_end in _clause_breaks(text):
        if break_end <= start:
            left = break_end
        elif break_start >= end:
            right = break_start
            break
    return left, right


def _kind(text: str, quantity: Quantity, clause: tuple[int, int]) -> tuple[str, str | None]:
    """(kind, direction) of a figure from the cue words around it."""
    before = _without_qualifier(text[: quantity.start])
    can_change = quantity.unit in {"percent", "percentage_points", "multiple"} or bool(
        search_end(_BY_BEFORE, before, len("by"))
    )
    cues = [c for c in _cue_spans(text) if c[0] != "change" or can_change]
    # "up" or "down" ends ``before``, or comes before a final "by".
    head = before.rstrip()
    head = head[:-2].rstrip() if head[-2:].lower() == "by" else head
    up_down = _UP_DOWN_BEFORE.search(before, max(0, len(head) - len("down")))
    if up_down and quantity.unit in {"percent", "percentage_points"}:
        cues.append(("change", up_down.start(1), up_down.end(1), up_down.group(1)))
    inside = [c for c in cues if clause[0] <= c[1] and c[2] <= clause[1]]
    if inside:
        order = {"target": 0, "forecast": 1, "change": 2}
        kind = min(inside, key=lambda c: order[c[0]])[0]
        changes = [c for c in inside if c[0] == "change"]
    elif cues:
        nearest = min(cues, key=lambda c: _distance((quantity.start, quantity.end), c[1:3]))
        kind = nearest[0]
        changes = [nearest] if kind == "change" else []
    else:
        kind, changes = ("change" if quantity.unit == "multiple" else "actual"), []
    if quantity.unit == "multiple" and kind == "actual":
        kind = "change"
    if kind != "change":
        return kind, None
    if quantity.unit == "multiple":
        return kind, "down" if quantity.value < 1 else "up"
    if not changes:
        return kind, None
    cue = min(changes, key=lambda c: _distance((quantity.start, quantity.end), c[1:3]))[3]
    down = _DOWN.match(cue) or cue.lower() == "down"
    up = cue.lower() == "up" or _UP.match(cue)
    return kind, "down" if down else ("up" if up else None)


def _month(name: str) -> int:
    return grammar.MONTH_NUMBERS[name.rstrip(".").lower()]


def _period_value(found: re.Match[str], year: int | None) -> str | None:
    group = found.lastgroup
    g = found.group
    if group == "range":
        y2 = int(g("y2"))
        y1 = int(g("y1")) if g("y1") else y2
        return f"{y1}-{_month(g('m1')):02d}..{y2}-{_month(g('m2')):02d}"
    if group == "dash":
        return f"{g('y3')}-{_month(g('m3')):02d}..{g('y3')}-{_month(g('m4')):02d}"
    if group == "first":
        months = int(grammar.number(g("n")))
        return f"{g('y4')}-01..{g('y4')}-{months:02d}" if 1 <= months <= 12 else None
    if group == "half":
        months = 6 if g("part").lower() == "half" else 3
        return f"{g('y5')}-01..{g('y5')}-{months:02d}"
    if group == "month":
        return f"{g('y6')}-{_month(g('m5')):02d}"
    if group == "years":
        first, second = g("y7"), g("y8")
        second = first[:2] + second if len(second) == 2 else second
        return f"{first}..{second}" if int(second) > int(first) else None
    if group == "year":
        return g("y9")
    if group == "relative":
        if year is None:
            return None
        offset = {"last": -1, "previous": -1, "this": 0, "next": 1}[g("which").lower()]
        return str(year + offset)
    return "annual"


@functools.lru_cache(maxsize=4096)
def _period_mentions(text: str, year: int | None) -> tuple[tuple[int, int, str, str], ...]:
    urls = _url_spans(text)
    mentions = []
    for found in _PERIOD_SCAN.finditer(text):
        value = _period_value(found, year)
        if value is not None and not _overlaps(*found.span(), urls):
            mentions.append((found.start(), found.end(), value, found.lastgroup or ""))
    return tuple(mentions)


def _period(text: str, quantity: Quantity, clause: tuple[int, int], year: int | None) -> str | None:
    span = (quantity.start, quantity.end)
    mentions = _period_mentions(text, year)
    inside = [m for m in mentions if clause[0] <= m[0] and m[1] <= clause[1]]
    dated = [m for m in inside if m[3] != "annual"]
    if dated:
        return min(dated, key=lambda m: (_distance(span, m[:2]), m[0] > span[0]))[2]
    if inside:
        return "annual"
    earlier = [m for m in mentions if m[1] <= span[0] and m[3] != "annual"]
    return earlier[-1][2] if earlier else None
