"""Cleaning steps, each a pure polars expression over a text column.

Expressions rather than per-article Python keep cleaning vectorised over millions of rows.
Every step keeps the article's own words: it removes what is not the article (comment
counters, disclaimers, follow lines, tweet-embed attributions) and normalises characters that
differ only in typography.
"""

from __future__ import annotations

import polars as pl

from framescope.ingest.dates import MONTHS

_INVISIBLE = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"]
_SPACES = ["\u00a0", "\u2007", "\u202f", "\u205f", "\u3000", "\t", "\f", "\v"] + [
    chr(code) for code in range(0x2000, 0x200B)
]
# Full-width ASCII (common in text that passed through Chinese or Japanese systems).
_FULL_WIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_CHARACTER_MAP: dict[str, str] = {
    **dict.fromkeys(_INVISIBLE, ""),
    **dict.fromkeys(_SPACES, " "),
    **_FULL_WIDTH,
    # Quote variants map to the standard curly pair; straight quotes stay as written.
    "„": "“",
    "‟": "“",
    "«": "“",
    "»": "”",
    "〝": "“",
    "〞": "”",
    "‚": "‘",
    "‛": "‘",
    "‹": "‘",
    "›": "’",
    "´": "’",
    # Hyphen look-alikes become the hyphen; the minus sign too, so "−2.9%" reads as a number.
    "\u2010": "-",
    "\u2011": "-",
    "\u2212": "-",
    "―": "—",
}

_MONTH_NAME = "(?:" + "|".join(m.capitalize() for m in MONTHS) + r")\.?"
_SOCIAL = r"(?:Facebook|Twitter|X|Instagram|Threads|LinkedIn|TikTok|YouTube|Telegram|Bluesky)"

# Everything from a comment counter, "Leave a Reply" or a reposting blog's disclaimer to the end
# of the text, when only a few short lines (an author bio, a sign-off) follow it.
_TAIL = (
    r"(?:^|\s*\n)[ ]*(?:\d+[ ]+[Cc]omments?|Leave[ ]+a[ ]+(?:[Rr]eply|[Cc]omment)|Disclaimer:"
    r"|Share this(?: article)?:|Related (?:posts|articles|stories):?)[^\n]*"
    r"(?:\n[^\n]{0,300}){0,6}\s*$"
)
# Text every _TAIL match contains. _TAIL's bounded repeats defeat the regex engine's fast
# paths (0.16 ms per article, most of cleaning); this finds the few texts that can match in
# a twentieth of the time, and _TAIL runs on those alone.
_TAIL_HINT = (
    r"\d[ ]+[Cc]omment|Leave[ ]+a[ ]+(?:[Rr]eply|[Cc]omment)|Disclaimer:|Share this"
    r"|Related (?:posts|articles|stories)"
)
# A scraped tweet embed ends "https://t.co/x — Name (@handle) March 1, 2022".
_TWEET_ATTRIBUTION = (
    r"(?:pic\.twitter\.com/\w+|https?://t\.co/\w+)\s*[—–-]\s*[^\n()—–]{1,80}\(@\w{1,15}\)"
    rf"(?:\s*{_MONTH_NAME}\s+\d{{1,2}},\s+\d{{4}})?"
)
_BARE_SHORT_LINK = r"\s*(?:https?://t\.co/\w+|pic\.twitter\.com/\w+)"
_BARE_SHORT_LINK_HINT = r"://t\.co/|pic\.twitter\.com/"  # its leading \s* is slow
_FOLLOW = (
    r"\s*Follow\s+(?:[A-Z][\w.'’-]*\s+){1,4}on\s*"
    rf"{_SOCIAL}(?:\s*(?:,|and|&)\s*{_SOCIAL})*(?:\s+@\w+)?\s*\.?"
)
_FURNITURE_LINE = (
    r"(?m)^[ ]*(?:Advertisement|ADVERTISEMENT|Sign up for [^\n]{0,80}newsletter[^\n]*"
    r"|Read more:[^\n]*|Click (?:here )?to share[^\n]*|Share on " + _SOCIAL + r"[^\n]*)[ ]*(?:\n|$)"
)


def normalise_newlines(text: pl.Expr) -> pl.Expr:
    """CRLF and lone CR line ends become LF.

    Examples
    --------
    >>> pl.select(normalise_newlines(pl.lit("a\\r\\nb\\rc"))).item()
    'a\\nb\\nc'
    """
    return text.str.replace_all("\r\n?", "\n", literal=False)


def normalise_characters(text: pl.Expr) -> pl.Expr:
    """Invisible characters go; odd spaces, full-width ASCII, quote and dash variants normalise.

    Curly apostrophes and quotes stay curly (they are readable and meaningful); only variants
    of them are mapped. A spaced en dash is a parenthetical dash and becomes an em dash;
    an en dash between numbers is a range and stays.

    Examples
    --------
    >>> pl.select(normalise_characters(pl.lit("«Oui»\\u00a0– ２０２３"))).item()
    '“Oui” — 2023'
    """
    mapped = text.str.replace_many(list(_CHARACTER_MAP), list(_CHARACTER_MAP.values()))
    return mapped.str.replace_all(" – ", " — ", literal=True)


def normalise_whitespace(text: pl.Expr) -> pl.Expr:
    """Runs of spaces become one, lines lose edge spaces, at most one blank line between.

    Examples
    --------
    >>> pl.select(normalise_whitespace(pl.lit("  a   b \\n\\n\\n\\n c "))).item()
    'a b\\n\\nc'
    """
    return (
        text.str.replace_all(r" {2,}", " ")
        .str.replace_all(r" *\n *", "\n")
        .str.replace_all(r"\n{3,}", "\n\n")
        .str.strip_chars()
    )


def remove_boilerplate(text: pl.Expr) -> pl.Expr:
    """Remove what a scraper kept that is not the article.

    Removed: comment counters, "Leave a Reply" and reposting-blog disclaimers with what follows
    them at the end, tweet-embed attributions and bare t.co links, "Follow NAME on Twitter"
    lines (also when scraping glued them: "onFacebookandTwitter"), newsletter and
    advertisement lines, and a stray full stop left between two sentences (". .").

    Examples
    --------
    >>> pl.select(remove_boilerplate(pl.lit("It ended.\\n\\n1 comment\\nLeave a Reply"))).item()
    'It ended.'
    """
    return (
        _replace_where(text, _TAIL_HINT, _TAIL, all_matches=False)
        .str.replace_all(_TWEET_ATTRIBUTION, "")
        .pipe(_replace_where, _BARE_SHORT_LINK_HINT, _BARE_SHORT_LINK, all_matches=True)
        .str.replace_all(_FOLLOW, "")
        .str.replace_all(_FURNITURE_LINE, "")
        .str.replace_all(r"([.!?][”’\"]?)(?:[ ]+\.)+([ \n]|$)", "${1}${2}")
    )


def _replace_where(text: pl.Expr, hint: str, pattern: str, *, all_matches: bool) -> pl.Expr:
    """``pattern`` removed, running it only on the texts where ``hint`` (a cheap pattern that
    every match of ``pattern`` contains) is found: the same result as on every text.

    Examples
    --------
    >>> pl.select(_replace_where(pl.lit("a1b2"), "[0-9]", "[0-9]b", all_matches=True)).item()
    'a2'
    """

    def apply(texts: pl.Series) -> pl.Series:
        where = texts.str.contains(hint).fill_null(value=False)
        if not where.any():
            return texts
        chosen = texts.filter(where)
        removed = (
            chosen.str.replace_all(pattern, "") if all_matches else chosen.str.replace(pattern, "")
        )
        return texts.clone().scatter(where.arg_true(), removed)

    return text.map_batches(apply, return_dtype=pl.String())


def drop_repeated_title(text: pl.Expr, title: pl.Expr) -> pl.Expr:
    """Drop the title where the body repeats it as its first line(s); keep it in ``title``.

    Examples
    --------
    >>> df = pl.DataFrame({"text": ["Xi visits\\nXi visits\\nBody."], "title": ["Xi visits"]})
    >>> df.select(drop_repeated_title(pl.col("text"), pl.col("title"))).item()
    'Body.'
    """
    line = pl.concat_str([title, pl.lit("\n")])
    for _ in range(3):  # seen repeated up to three times in scraped pages
        text = (
            pl.when(title.is_not_null() & text.str.starts_with(line))
            .then(text.str.slice(line.str.len_chars()).str.strip_chars_start())
            .otherwise(text)
        )
    return text


def says_translated(text: pl.Expr) -> pl.Expr:
    """True where the text says it is a translation, else null (unknown, not "no").

    Examples
    --------
    >>> pl.select(says_translated(pl.lit("This article was machine translated."))).item()
    True
    """
    pattern = (
        r"(?i)\b(?:machine[- ]translat\w*|auto(?:matically|-)?[- ]?translated"
        r"|translated (?:from|by) (?:the )?\w+|this (?:article|text|story|report) "
        r"(?:was|has been|is) (?:\w+ )?translated)"
    )
    return pl.when(text.str.contains(pattern)).then(pl.lit(True))
