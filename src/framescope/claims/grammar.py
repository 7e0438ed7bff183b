"""The grammar of a figure: how numbers, scales, currencies, units and multiples are written,
and the words and spans around a number that make it no figure.

Patterns and word tables, with the two functions that give a written number its value;
:mod:`framescope.claims.scan` applies them to a sentence, and
:mod:`framescope.claims.candidates` mirrors some of them as polars expressions.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from framescope.rules import terms
from framescope.rules.words import MONTH_ABBREVIATIONS, MONTHS

ONES = {
    "zero": 0, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6, "seven": 7,
    "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12, "thirteen": 13,
    "fourteen": 14, "fifteen": 15, "sixteen": 16, "seventeen": 17, "eighteen": 18,
    "nineteen": 19,
}  # fmt: skip
TENS = {
    "twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70,
    "eighty": 80, "ninety": 90,
}  # fmt: skip
_SCALES = {
    "thousand": 1e3, "k": 1e3, "million": 1e6, "mn": 1e6, "mln": 1e6, "m": 1e6,
    "billion": 1e9, "bn": 1e9, "bln": 1e9, "b": 1e9, "trillion": 1e12, "tn": 1e12,
    "trn": 1e12,
}  # fmt: skip
_ASCII_FOLDS = str.maketrans({"ſ": "s", "K": "k", "İ": "i", "ı": "i"})
CURRENCY_SIGNS = {"$": "USD", "€": "EUR", "£": "GBP", "₽": "RUB"}
CURRENCY_WORDS = {
    "dollar": "USD", "dollars": "USD", "usd": "USD", "yuan": "CNY", "renminbi": "CNY",
    "rmb": "CNY", "cny": "CNY", "rouble": "RUB", "roubles": "RUB", "ruble": "RUB",
    "rubles": "RUB", "rub": "RUB", "euro": "EUR", "euros": "EUR", "eur": "EUR",
    "gbp": "GBP", "sterling": "GBP",
}  # fmt: skip
MULTIPLE_WORDS = {
    "double": 2.0, "doubled": 2.0, "doubles": 2.0, "doubling": 2.0,
    "triple": 3.0, "tripled": 3.0, "triples": 3.0, "tripling": 3.0,
    "quadruple": 4.0, "quadrupled": 4.0, "quadruples": 4.0, "quadrupling": 4.0,
    "halve": 0.5, "halved": 0.5, "halving": 0.5,
    "twofold": 2.0, "two-fold": 2.0, "threefold": 3.0, "three-fold": 3.0,
    "fourfold": 4.0, "four-fold": 4.0, "fivefold": 5.0, "five-fold": 5.0,
    "tenfold": 10.0, "ten-fold": 10.0,
}  # fmt: skip
# The base and -s forms of these verbs are also adjectives ("double standards").
BARE_MULTIPLES = {"double", "doubles", "triple", "triples", "quadruple", "quadruples", "halve"}


def one_of(words: Iterable[str]) -> str:
    """A group matching any of ``words`` as written, longest first so a word wins over its
    prefix, with no word edges: :func:`framescope.rules.terms.alternation` for the grammar's
    own word tables, which sit inside larger patterns that set their own edges.

    Examples
    --------
    >>> one_of(["ten", "six", "sixty"])
    '(?:sixty|six|ten)'
    """
    return terms.alternation(words, ignore_case=False, any_space=False, edges=False)


_ONE_TO_NINE = one_of(w for w, v in ONES.items() if 1 <= v <= 9)
NUMBER_WORDS = (
    rf"half\s+a\s+dozen|(?:a|{one_of(ONES)})\s+dozen"
    rf"|(?:a|{_ONE_TO_NINE})\s+hundred(?:\s+(?:and\s+)?(?:(?:{one_of(TENS)})"
    rf"(?:[-\s](?:{_ONE_TO_NINE}))?|{one_of(ONES)}))?"
    rf"|(?:{one_of(TENS)})(?:[-\s](?:{_ONE_TO_NINE}))?"
    rf"|{one_of(ONES)}"
)
_SCALE_WORD = r"thousand|million|billion|trillion|bn|bln|mn|mln|tn|trn"
_DIGITS = (
    r"\d{1,3}(?:,\d{3})+(?:\.\d+)?"
    # A European decimal comma ("190,27 billion") only counts where a scale or percent follows.
    rf"|\d+,\d{{1,2}}(?=\s?(?:%|(?i:{_SCALE_WORD}|percent)\b))"
    r"|\d+(?:\.\d+)?"
)
_CURRENCY_BEFORE = r"U\.?S\.?\s?\$|\$|€|£|₽|(?:USD|EUR|GBP|RUB|CNY|RMB)\s?"
_UNIT_AFTER = (
    r"\s?%|\s?(?i:percentage\s+points?|percent|per\s?cent|pct)\b"
    r"|[\s-](?:U\.?S\.?\s)?(?i:dollars?)\b"
    r"|\s(?i:yuan|renminbi|roubles?|rubles?|euros?|pounds\s+sterling)\b"
    r"|\s(?:USD|EUR|GBP|RUB|CNY|RMB)\b"
)


def _item(n: int) -> str:
    # One amount: currency sign, number, scale, unit. A number glued to letters that are not
    # a scale ("5G", "20th") never matches, so identifiers and ordinals drop out here.
    return (
        rf"(?P<cur{n}>{_CURRENCY_BEFORE})?"
        rf"(?P<num{n}>{_DIGITS}|(?i:{NUMBER_WORDS})\b)"
        rf"(?P<scale{n}>[\s-]?(?i:thousand|million|billion|trillion)\b"
        rf"|\s?(?i:bn|bln|mn|mln|tn|trn)\b|(?<=\d)[mkb]\b)?"
        r"(?![A-Za-z\d])"
        rf"(?P<unit{n}>{_UNIT_AFTER})?"
    )


# A number starts after a space or punctuation, not after a letter, digit, hyphen, slash,
# colon or decimal point ("G20", "COVID-19", "3/20", "10:30"); the one exception is scraping
# glue that fused the article "A" onto a number ("A12 point peace proposal").
_BOUNDARY = r"(?:(?<![\w.,/:\-−])|(?<=(?<![\w])[Aa])(?=\d+\s+[a-z]))"
SINGLE = re.compile(rf"{_BOUNDARY}(?P<sign>[-−](?=\d))?{_item(1)}")
QUANTITY = re.compile(
    rf"(?P<between>(?<!\w)(?i:between)\s+)?{_BOUNDARY}(?P<sign>[-−](?=\d))?{_item(1)}"
    rf"(?:\s*(?P<sep>-|–|—|(?i:to|and)\b)\s*{_item(2)})?"
)

MONTH = rf"(?:{one_of(MONTHS)}|{one_of(MONTH_ABBREVIATIONS)}\.?)"
MONTH_STARTS = [m[:3].lower() for m in MONTHS]
"""What every way of writing a month starts with, lowercase."""
_DAY = r"\d{1,2}(?:st|nd|rd|th)?"
_DAY_RANGE = rf"{_DAY}(?:\s*(?:-|–|and|to)\s*{_DAY})?"

# Spans in which a bare number is not a count. Money and percentages are read before these.
NOT_COUNTS = re.compile(
    "|".join(
        [
            rf"{MONTH}\s+{_DAY_RANGE}(?:,?\s+\d{{4}})?(?!\d)",  # March 20 and 22, Dec. 30
            rf"(?<!\d){_DAY_RANGE}\s+(?:of\s+)?{MONTH}",  # 24 February, 20-22 March
            r"\d{4}-\d{1,2}-\d{1,2}|\d{1,2}/\d{1,2}(?:/\d{2,4})?|\d{1,2}\.\d{1,2}\.\d{2,4}",
            r"\d{1,2}:\d{2}(?::\d{2})?(?:\s?[ap]\.?m\b\.?)?",  # 10:30, 10:30 a.m.
            r"\d{1,2}(?:\.\d{2})?\s?(?:[ap]\.m\b\.?|[ap]m\b)|\d{1,2}\s+o[’']clock",
            r"\+\d[\d\s().-]{6,}\d|\(\d{2,4}\)\s?\d{3,4}[-.\s]\d{3,4}",  # phone numbers
            r"\d{3}[-.]\d{3}[-.]\d{4}|(?<!\d)\d{3}[-.]\d{4}(?!\d)",
            r"\d{1,3}[-\s]years?[-\s]old|(?i:aged|age|age\s+of)\s+\d{1,3}",  # ages
            r"(?<=[^\W\d_]),\s\d{1,3}(?=,)",  # "Xi Jinping, 69, said"
            r"(?<![\d.,])(?:1[89]\d{2}|20\d{2})(?:\s?[-–/]\s?(?:\d{4}|\d{2}))?(?!\d)",  # years
            r"\[\d+\]",  # citation marks
        ]
    )
)
YEAR = re.compile(r"(?:1[89]|20)[0-9]{2}")
URL = re.compile(
    r"(?:https?://|www\.)\S+|@\w+"
    r"|(?<![\w.-])[\w-]+(?:\.[\w-]+)*\.(?:com|org|net|gov|cn|ru|uk|co)\b(?:/\S*)?"
)
URL_PARTS = ("://", "www.", "@", ".co", ".org", ".net", ".gov", ".cn", ".ru", ".uk")
"""Every URL holds one of these."""

QUALIFIERS = {
    "in excess of": "more than", "upwards of": "more than", "more than": "more than",
    "well over": "more than", "just over": "more than", "over": "more than",
    "above": "more than", "at least": "at least", "as much as": "up to",
    "as many as": "up to", "up to": "up to", "less than": "less than",
    "fewer than": "less than", "under": "less than", "just under": "less than",
    "below": "less than", "at most": "at most", "nearly": "nearly", "almost": "nearly",
    "close to": "nearly", "about": "about", "around": "about", "roughly": "about",
    "approximately": "about", "approx.": "about", "some": "about", "~": "about",
}  # fmt: skip
QUALIFIER = re.compile(rf"(?i)(?<![\w])({one_of(QUALIFIERS)})\s*$")
QUALIFIER_WIDTH = max(map(len, QUALIFIERS))

DETERMINERS = {
    "the", "these", "those", "its", "their", "our", "his", "her", "both", "all", "my",
    "your", "whose", "which",
}  # fmt: skip
LABEL_WORDS = {
    "no", "no.", "nr", "nr.", "number", "article", "section", "chapter", "page", "p.", "pp.",
    "item", "point", "paragraph", "phase", "stage", "level", "tier", "line", "route",
    "flight", "room", "gate", "platform", "version", "model", "resolution", "rule",
    "clause", "#", "vol.", "volume", "part", "episode", "season",
}  # fmt: skip
TIME_UNITS = {
    "second", "seconds", "minute", "minutes", "hour", "hours", "day", "days", "week",
    "weeks", "fortnight", "fortnights", "month", "months", "year", "years", "decade",
    "decades", "century", "centuries", "night", "nights",
}  # fmt: skip
NOUN_STOP = {
    "of", "in", "on", "at", "to", "for", "from", "by", "with", "without", "and", "or",
    "but", "nor", "that", "which", "who", "whom", "whose", "than", "as", "is", "are", "was",
    "were", "be", "been", "being", "has", "have", "had", "will", "would", "could", "should",
    "may", "might", "can", "did", "do", "does", "the", "a", "an", "this", "these", "those",
    "it", "its", "their", "his", "her", "per", "each", "every", "since", "until", "before",
    "after", "during", "between", "into", "over", "under", "about", "against", "among",
    "ago", "earlier", "later", "more", "less", "last", "next", "so", "not", "also", "just",
    "only", "said", "says", "while", "when", "where", "if", "worth", "apiece",
}  # fmt: skip
NOUN_WORD = re.compile(r"([^\W\d_][\w’'&]*(?:-[\w’']+)*)")
TIMES_COMPARED = re.compile(
    r"(\s+times)\s+(?:as|more|larger|higher|bigger|greater|less|smaller|lower|over|the|that)\b",
    re.IGNORECASE,
)
FOLD = re.compile(r"\s?-?fold\b", re.IGNORECASE)
MULTIPLE = re.compile(
    rf"(?<![\w-])(?i:{one_of(MULTIPLE_WORDS)})(?![\w-])",
)
BARE_MULTIPLE_AFTER = re.compile(
    r"\s+(?:the|its|his|her|their|that|this|those|these|what|a|an|in|by|from|to|since|over"
    r"|compared|last)\b",
    re.IGNORECASE,
)
BARE_MULTIPLE_BEFORE = re.compile(
    r"(?i)(?:more\s+than|nearly|almost|about|over|roughly|at\s+least|than|to|will|would|could"
    r"|may|might|can|did|set\s+to)\s+$"
)


_DECIMAL_COMMA = re.compile(r"\d+,\d{1,2}")
_WORD_BREAK = re.compile(r"[\s-]+")


def number(text: str) -> float:
    """The value of a number written in digits or words.

    Examples
    --------
    >>> number("1,280"), number("190,27"), number("forty-five"), number("half a dozen")
    (1280.0, 190.27, 45.0, 6.0)
    """
    text = text.strip()
    if text[0].isdigit():
        if _DECIMAL_COMMA.fullmatch(text):
            return float(text.replace(",", "."))
        return float(text.replace(",", ""))
    total = 0.0
    half = False
    for word in _WORD_BREAK.split(text.lower()):
        if word in ONES:
            total += ONES[word]
        elif word in TENS:
            total += TENS[word]
        elif word == "a":
            total += 1
        elif word == "hundred":
            total = (total or 1) * 100
        elif word == "dozen":
            total = (total or 1) * 12
        elif word == "half":
            half = True
    return total / 2 if half and total else total


def scale(text: str | None) -> float:
    """The factor a scale word gives a number, 1 when there is none.

    Examples
    --------
    >>> scale(" billion"), scale("-million"), scale("bn"), scale(None)
    (1000000000.0, 1000000.0, 1000000000.0, 1.0)
    """
    # Any whitespace may come before the word ("$200\xa0billion"), and IGNORECASE matched
    # "ſ", "K", "İ" and "ı" as ASCII letters.
    return _SCALES[text.strip().strip("-").translate(_ASCII_FOLDS).lower()] if text else 1.0


# The verb phrase that holds a figure (framescope.claims.context.governing_start): the words
# that end it going back from the figure, and the ones that say whether a verb is finite.
MODALS = frozenset({"will", "would", "could", "can", "may", "might", "should", "shall", "must"})
FINITE_AUXILIARIES = frozenset(
    {"is", "are", "was", "were", "am", "has", "have", "had", "do", "does", "did"}
)
BEFORE_NON_FINITE = MODALS | FINITE_AUXILIARIES | {
    "to", "be", "been", "being", "having", "get", "gets", "got",
}  # fmt: skip
"""A verb form right after one of these (adverbs between) is not finite: "is expected",
"could hit", "to have", "has reached"."""
IRREGULAR_PAST = frozenset(
    {
        "rose", "fell", "grew", "hit", "set", "stood", "said", "told", "saw", "made", "took",
        "became", "came", "went", "got", "held", "kept", "lost", "paid", "sold", "bought",
        "brought", "spent", "sent", "won", "shrank", "sank", "slid", "swung", "began", "put",
        "cut", "led", "met", "left", "gave", "found", "thought", "knew", "drew", "broke", "spoke",
    }
)  # fmt: skip
"""Past tenses not ending in -ed: a finite verb unless an auxiliary comes before it."""
NOT_PAST = frozenset({"hundred", "indeed", "speed", "breed"})
"""Words ending in -ed that are no verb."""
SUBORDINATORS = frozenset(
    {
        "that", "which", "who", "whom", "whose", "after", "before", "because", "since", "when",
        "whether", "if", "unless", "once", "where", "though",
    }
)  # fmt: skip
"""Words that open a clause of their own: a verb phrase does not reach back past them."""
ADVERBS = frozenset(
    {
        "not", "also", "already", "still", "even", "just", "never", "further", "now", "soon",
        "then", "again", "indeed", "reportedly", "originally", "earlier", "recently",
    }
)  # fmt: skip
"""Words (with any ending in -ly) skipped when looking for what comes before a verb."""
