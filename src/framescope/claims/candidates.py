"""Which sentences may hold a figure: the candidate search, in polars over all sentence texts.

Only sentences with a digit left once years, dates, ordinals and clock times are set aside, a
currency or percent sign or word, a number word or a multiple word (:func:`hint`), and among
those only sentences with a number the rules of :mod:`framescope.claims.scan` do not reject by
its neighbours alone ("the two leaders", "20 days", "Nord Stream 2", "COVID-19") or with a
money, percent or multiple word (:func:`candidate`), are read by those rules in Python.
"""

from __future__ import annotations

import polars as pl

from framescope.claims import grammar

# Number words but "one", which is everywhere.
_NUMBER_WORDS = "|".join(
    sorted({*(w for w in grammar.ONES if w != "one"), *grammar.TENS, "dozen", "hundred"})
)
_BARE_MULTIPLE = grammar.one_of(grammar.BARE_MULTIPLES)

# Sentences worth reading in Python: a digit, a number word or a multiple word. ASCII word
# boundaries keep polars on its fast regex engine.
_HINT_WORDS = (
    rf"(?i)(?-u:\b)(?:{_NUMBER_WORDS}"
    + r"|doubl|tripl|quadrupl|halv|[a-z]*-?fold|dollars?|yuan|renminbi|roubles?|rubles?"
    + r"|euros?|percent|per cent)|[$€£₽%]"
)
# Years, dates, ordinals and clock times are the commonest digits in news and never figures;
# a sentence whose only digits are these, with no currency or percent word or sign ("$1999"),
# is not read in Python at all.
_HINT_SKIP = (
    r"(?-u:\b)(?:1[89]|20)[0-9]{2}(?-u:\b)"
    rf"|{grammar.MONTH}\s+[0-9]{{1,2}}(?-u:\b)"
    rf"|(?-u:\b)[0-9]{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{grammar.MONTH}"
    r"|[0-9]+(?:st|nd|rd|th)(?-u:\b)|[0-9]{1,2}:[0-9]{2}"
)


def hint() -> pl.Expr:
    """True for sentences that may hold a figure (the broad vectorised candidate search).

    Examples
    --------
    >>> texts = pl.DataFrame({"text": ["Xi arrived on March 20, 2023.", "Forty met."]})
    >>> texts.select(hint())["text"].to_list()
    [False, True]
    """
    text = pl.col("text")
    digits = text.str.replace_all(_HINT_SKIP, "").str.contains("[0-9]")
    return digits | text.str.contains(_HINT_WORDS)


# Of the sentences `hint` lets through, most hold no figure: their numbers are the ones the
# Python rules reject by their neighbours ("the two leaders", "20 days", "Nord Stream 2",
# "COVID-19"). `candidate` removes those numbers and looks for one that is left, or for a sign
# or word that can make any number a figure. Each removal needs the whole context its rule
# checks (ASCII and case-sensitive where Python's is), so it can only miss a rejection, never
# invent one; a placeholder keeps a removed span from making its neighbours a new context.
_SPACE = r"[\s\x1c-\x1f]"  # Python's \s: the regex crate's and four separator controls
_ANY_FIGURE = "|".join(
    [
        # Money, percent and multiple signs and words; "İ" and "ı" match "i" only in Python.
        r"[$€£₽%İı]|USD|EUR|GBP|RUB|CNY|RMB",
        rf"(?i:per{_SPACE}?cent|pct|fold|doubled|doubling|tripled|tripling|quadrupled"
        r"|quadrupling|halved|halving)",
        r"(?i:dollars?|yuan|renminbi|roubles?|rubles?|euros?|sterling)(?i:[^a-z]|$)",
        rf"(?i:{_BARE_MULTIPLE})(?:{_SPACE}+(?i:the|its|his|her|their|that"
        r"|this|those|these|what|a|an|in|by|from|to|since|over|compared|last)|[.!?]*$)",
        rf"(?i:more{_SPACE}+than|nearly|almost|about|over|roughly|at{_SPACE}+least|than|to"
        rf"|will|would|could|may|might|can|did|set{_SPACE}+to){_SPACE}+"
        rf"(?i:{_BARE_MULTIPLE})",
        rf"{_SPACE}(?i:times){_SPACE}+(?i:as|more|larger|higher|bigger|greater|less|smaller"
        r"|lower|over|the|that)",
    ]
)
_LEFT_NUMBER = (
    rf"\d|(?i:^|[^a-z])(?i:{_NUMBER_WORDS})(?i:[^a-z]|$)"
    # "one" alone is never read, but "one million" and "one to two" are.
    + rf"|(?i:^|[^a-z])(?i:one)(?:{_SPACE}*[-–—]|[-\s\x1c-\x1f]*(?i:thousand|million|billion"
    r"|trillion|bn|bln|mn|mln|tn|trn|to|and))"
)
_ASCII_NUMBER = (
    r"(?:[0-9]{1,3}(?:,[0-9]{3})+(?:\.[0-9]+)?|[0-9]+(?:\.[0-9]+)?"
    rf"|(?i-u:{grammar.NUMBER_WORDS})(?-u:\b))"
)
_QUOTES = r"[“\"'‘(]*"
_QUALIFIER_WORDS = sorted(
    {w for q in grammar.QUALIFIERS if (w := q.split()[-1]).isalpha()} | {"between"}
)
_BEFORE_NO_COUNT = grammar.one_of(grammar.DETERMINERS | grammar.LABEL_WORDS)
_AFTER_NO_NOUN = grammar.one_of(grammar.NOUN_STOP - {"to", "and", "per"})
_NOT_FIGURES = (
    (_HINT_SKIP, "_"),
    # Glued to letters or after a hyphen: "G20", "COVID-19", "Su-35" (but "A12 point").
    (r"([A-Za-z]{2,}|[B-Zb-z])[0-9]+", "${1}_"),
    (r"([A-Za-z0-9])-[0-9]+", "${1}-_"),
    # A duration: "20 days", "three years", "69-year-old".
    (
        rf"{_ASCII_NUMBER}((?:\s+|-)(?i-u:{grammar.one_of(grammar.TIME_UNITS)})(?:[\s.,;:!?)\]”\"-]|$))",
        "_${1}",
    ),
    # After a determiner or a label word: "the two leaders", "Article 5".
    (
        rf"((?:^|\s){_QUOTES}(?i-u:{_BEFORE_NO_COUNT}){_QUOTES}\s+)"
        rf"{_ASCII_NUMBER}",
        "${1}_",
    ),
    # After a capitalised word that is not the sentence's first or a qualifier ("Over 40"):
    # "Nord Stream 2". Capitalised qualifier words are lowercased first so the next rule
    # passes them by.
    (
        r"(?-u:\b)(?:"
        + "|".join(f"{w[0].upper()}(?i-u:{w[1:]})" for w in _QUALIFIER_WORDS)
        + r")(?-u:\b)",
        "q",
    ),
    (r"([^\s“\"'‘(]\s+[A-Z][A-Za-z]*\s+)(?:[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+)(?:\.[0-9]+)?", "${1}_"),
    # A number with no noun after it: punctuation or the end follows ("since June 6289."),
    # or a word that ends a noun phrase ("40 of the"). Without a sign, scale or unit, which
    # `_ANY_FIGURE` looks for in the whole sentence, such a number is no figure. Dashes,
    # "to" and "and" may join a range, and "per" a percentage, so they are left alone.
    (rf"{_ASCII_NUMBER}(\s*(?:[.;:!?)\]}}”\"'’…]|,(?:[^0-9]|$)|$))", "_${1}"),
    (
        rf"{_ASCII_NUMBER}(\s+(?i-u:{_AFTER_NO_NOUN})"
        r"(?:[\s.,;:!?)\]”\"]|$))",
        "_${1}",
    ),
)


def candidate() -> pl.Expr:
    """True for sentences with a number the Python rules may read as a figure; with `hint`,
    the vectorised candidate search.

    Examples
    --------
    >>> texts = pl.DataFrame({"text": ["Nord Stream 2 was damaged.", "Imports fell 16%."]})
    >>> texts.select(hint() & candidate())["text"].to_list()
    [False, True]
    """
    text = pl.col("text")
    left = text
    for pattern, replacement in _NOT_FIGURES:
        left = left.str.replace_all(pattern, replacement)
    return text.str.contains(_ANY_FIGURE) | left.str.contains(_LEFT_NUMBER)
