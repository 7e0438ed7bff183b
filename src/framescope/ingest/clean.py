"""Cleaning steps, each a pure polars expression over a text column.

Expressions rather than per-article Python keep cleaning vectorised over millions of rows.
Every step keeps the article's own words: it removes what is not the article (comment
counters, disclaimers, follow lines, tweet-embed attributions) and normalises characters that
differ only in typography.
"""

from __future__ import annotations

from collections.abc import Callable

import polars as pl

from framescope.rules.words import MONTH_NUMBERS

# Invisible characters, removed. A zero-width space between two letters or digits is first
# made a space (see _SPACED_ZWSP); the soft hyphen (U+00AD), the word joiner (U+2060) and
# U+FEFF (a word joiner too, or a byte-order mark left where files were joined) mark a place
# inside a word, so they go without a trace.
_INVISIBLE = ["\u200b", "\u2060", "\ufeff", "\u00ad"]
# Direction controls (embeddings, overrides, isolates, marks) only change how text is shown,
# never its order in memory, and U+202E can make a line display reversed: all removed.
_DIRECTION = [chr(code) for code in (*range(0x202A, 0x202F), *range(0x2066, 0x206A))] + [
    "\u200e",
    "\u200f",
    "\u061c",
]
# A zero-width space marks a word break: between letters or digits it becomes a space
# ("Xi\u200bJinping", a scraper's <wbr>), except in scripts written without spaces (Thai,
# Lao, Khmer, Myanmar, Chinese, Japanese), where it is the only word break and a space would
# add what the writer did not. Run twice: each match uses the letter after the space, so
# "a\u200bb\u200bc" needs a second pass for its second space.
_SPACED = r"[\p{L}\p{N}--[\p{Thai}\p{Lao}\p{Khmer}\p{Myanmar}\p{Han}\p{Hiragana}\p{Katakana}]]"
_SPACED_ZWSP = rf"({_SPACED})\u200b+({_SPACED})"
# Zero-width (non-)joiners carry meaning in Persian and other Arabic-script text ("می‌خواهم"),
# in Indic scripts (conjuncts) and in emoji sequences (👨‍👩‍👧): they stay there. Next to
# Latin, Cyrillic or Greek letters, ASCII or whitespace, or at either end, they mean nothing
# and hide a name from matching (a joiner is a word character, so "Putin\u200c said" has no
# word boundary after "Putin"): removed.
_NO_JOINER = r"[\p{Latin}\p{Cyrillic}\p{Greek}\x00-\x7f\s]"
_STRAY_JOINER = rf"(^|{_NO_JOINER})[\u200c\u200d]+|[\u200c\u200d]+({_NO_JOINER}|$)"
_SPACES = ["\u00a0", "\u2007", "\u202f", "\u205f", "\u3000", "\t", "\f", "\v"] + [
    chr(code) for code in range(0x2000, 0x200B)
]
# Full-width ASCII (common in text that passed through Chinese or Japanese systems).
_FULL_WIDTH = {chr(code): chr(code - 0xFEE0) for code in range(0xFF01, 0xFF5F)}
_CHARACTER_MAP: dict[str, str] = {
    **dict.fromkeys(_INVISIBLE, ""),
    **dict.fromkeys(_DIRECTION, ""),
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

_MONTH_NAME = "(?:" + "|".join(m.capitalize() for m in MONTH_NUMBERS) + r")\.?"
_SOCIAL = r"(?:Facebook|Twitter|X|Instagram|Threads|LinkedIn|TikTok|YouTube|Telegram|Bluesky)"

# A tail is what a page appends after the article: a trigger line of its own (never the text's
# first line), then only short lines to the end. Triggers are whole lines, so prose that merely
# starts with "300 comments poured in" or "Disclaimer:" is article text, and a one-line text
# (as exports give) has no tail. Two kinds, by what follows the trigger:
# - a comment counter, "Leave a Reply" or a disclaimer of at most 200 characters, then at most
#   4 lines of at most 200 characters (an author's name, a bio, a sign-off, a comment form);
# - "Share this:" or a "Related articles" heading, then at most 8 headline or button lines of
#   at most 120 characters that do not end in a full stop (a sentence ends in one, so short
#   paragraphs of article text stop the match and nothing is removed).
# So a tail is at most about 1,000 characters, and _TAIL_MAX_SHARE caps it further.
_COUNTER_OR_REPLY = (
    r"\d{1,6}[ ]+[Cc]omments?|Leave[ ]+a[ ]+(?:[Rr]eply|[Cc]omment)(?:[ ]+Cancel[ ]+reply)?"
)
_SHARE_OR_RELATED = (
    r"Share[ ]+this(?:[ ]+article)?:|Related[ ]+(?:[Pp]osts|[Aa]rticles|[Ss]tories):?"
)
_BIO_LINE = r"[^\n]{1,200}"
# Ends in anything but a full stop or a full stop inside closing quotes, or is an ellipsis
# ("Like Loading...").
_LINK_LINE = r"(?:[^\n]{0,119}[^\s.”’\")]|[^\n]{0,118}[^\s.][”’\")]|[^\n]{0,117}\.\.\.)[ ]*"
# The match starts at the trigger line's own newline, so never on the first line. Starting it
# at the whitespace before (\s*\n) made the regex ten times slower; _remove_tail strips that.
_TAIL = (
    rf"\n[ ]*(?:(?:{_COUNTER_OR_REPLY}|Disclaimer:[^\n]{{0,200}})[ ]*"
    rf"(?:\n\s*{_BIO_LINE}){{0,4}}|(?:{_SHARE_OR_RELATED})[^\n]{{0,80}}"
    rf"(?:\n\s*{_LINK_LINE}){{0,8}})\s*$"
)
# A tail is removed only where the rest of the text is at least as long: boilerplate is an
# appendix, so a "tail" longer than the article is more likely article text misread (or a stub
# whose boilerplate hardly matters) than a sign-off, and keeping a few words of boilerplate
# costs less than losing the article's own. Measured without edge whitespace, so a trigger
# after leading blank lines (the first line in all but name) is never removed.
_TAIL_MAX_SHARE = 1 / 2
# A text made only of fixed furniture phrases ("1 comment", "Leave a Reply") has no article
# to protect: it becomes empty (and is rejected as such).
_ONLY_FURNITURE = rf"^\s*(?:(?:{_COUNTER_OR_REPLY}|{_SHARE_OR_RELATED})\s*)+$"
# Text every _TAIL match contains; _remove_tail runs on the texts that have it alone. _TAIL
# used to start at any whitespace and cost 0.16 ms per article; starting at a newline made it
# about as cheap as this hint (8 µs per 4,000-character text), so the hint now mostly spares
# _remove_tail's length checks on texts that cannot have a tail.
_TAIL_HINT = (
    r"\d[ ]+[Cc]omment|Leave[ ]+a[ ]+(?:[Rr]eply|[Cc]omment)|Disclaimer:|Share[ ]+this"
    r"|Related[ ]+(?:[Pp]osts|[Aa]rticles|[Ss]tories)"
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

    A zero-width space between two letters or digits becomes a space (not in Thai, Lao,
    Khmer, Myanmar, Chinese or Japanese, which have no spaces); elsewhere it goes, as do soft
    hyphens, word joiners, U+FEFF and the direction controls (U+202A-U+202E, U+2066-U+2069,
    U+200E, U+200F, U+061C). Zero-width joiners and non-joiners stay between letters of
    other scripts (Persian, Indic) and in emoji, and go elsewhere. Curly apostrophes and
    quotes stay curly (they are readable and meaningful); only variants of them are mapped.
    A spaced en dash is a parenthetical dash and becomes an em dash; an en dash between
    numbers is a range and stays.

    Examples
    --------
    >>> pl.select(normalise_characters(pl.lit("«Oui»\\u00a0– ２０２３"))).item()
    '“Oui” — 2023'
    >>> pl.select(normalise_characters(pl.lit("Xi\\u200bJinping\\u202e, Kanz\\u00adler"))).item()
    'Xi Jinping, Kanzler'
    """
    # The regexes run only on texts with a zero-width space or joiner (nulls skip them):
    # on every text they took twice as long as the rest of this step.
    zero_width = pl.when(text.str.contains("[\u200b-\u200d]")).then(text)
    spaced = zero_width.str.replace_all(_SPACED_ZWSP, "$1 $2").str.replace_all(
        _SPACED_ZWSP, "$1 $2"
    )
    joined = pl.coalesce(spaced.str.replace_all(_STRAY_JOINER, "$1$2"), text)
    mapped = joined.str.replace_many(list(_CHARACTER_MAP), list(_CHARACTER_MAP.values()))
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

    Removed: a tail (a comment counter, "Leave a Reply" or a reposting blog's disclaimer
    followed by a few short lines such as an author bio, or a "Share this:" / "Related
    articles" box of short link lines, on lines of their own at the end, never on the first
    line and never more than half the text), tweet-embed attributions and bare t.co
    links, "Follow NAME on Twitter" lines (also when scraping glued them:
    "onFacebookandTwitter"), newsletter and advertisement lines, and a stray full stop left
    between two sentences (". .").

    Examples
    --------
    >>> text = "Xi and Putin met for talks in Moscow on Monday and Tuesday.\\n\\n1 comment"
    >>> pl.select(remove_boilerplate(pl.lit(text))).item()
    'Xi and Putin met for talks in Moscow on Monday and Tuesday.'
    """
    return (
        _replace_where(text, _TAIL_HINT, _remove_tail)
        .str.replace_all(_TWEET_ATTRIBUTION, "")
        .pipe(_replace_where, _BARE_SHORT_LINK_HINT, _remove_bare_short_links)
        .str.replace_all(_FOLLOW, "")
        .str.replace_all(_FURNITURE_LINE, "")
        .str.replace_all(r"([.!?][”’\"]?)(?:[ ]+\.)+([ \n]|$)", "${1}${2}")
    )


def _remove_tail(texts: pl.Series) -> pl.Series:
    """``texts`` without their tail (see ``_TAIL``) where it is at most ``_TAIL_MAX_SHARE`` of
    the text; texts of furniture phrases alone become empty.

    Examples
    --------
    >>> texts = pl.Series(["The talks ended on Tuesday.", "Ended."]) + "\\n\\n12 Comments"
    >>> _remove_tail(texts).to_list()
    ['The talks ended on Tuesday.', 'Ended.\\n\\n12 Comments']
    """
    removed = texts.str.replace(_TAIL, "")
    article = removed.str.strip_chars_end()
    changed = removed.str.len_chars() < texts.str.len_chars()
    whole = texts.str.strip_chars().str.len_chars()
    within_cap = article.str.strip_chars_start().str.len_chars() >= whole * (1 - _TAIL_MAX_SHARE)
    return article.zip_with(changed & within_cap, texts).str.replace(_ONLY_FURNITURE, "")


def _remove_bare_short_links(texts: pl.Series) -> pl.Series:
    return texts.str.replace_all(_BARE_SHORT_LINK, "")


def _replace_where(text: pl.Expr, hint: str, replace: Callable[[pl.Series], pl.Series]) -> pl.Expr:
    """``replace`` applied only to the texts where ``hint`` (a cheap pattern found in every
    text that ``replace`` changes) is found: the same result as on every text.

    Examples
    --------
    >>> def drop(texts: pl.Series) -> pl.Series:
    ...     return texts.str.replace_all("[0-9]b", "")
    >>> pl.select(_replace_where(pl.lit("a1b2"), "[0-9]", drop)).item()
    'a2'
    """

    def apply(texts: pl.Series) -> pl.Series:
        where = texts.str.contains(hint).fill_null(value=False)
        if not where.any():
            return texts
        return texts.clone().scatter(where.arg_true(), replace(texts.filter(where)))

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


_STUB = (
    r"(?i)enable javascript|javascript (?:is )?(?:disabled|required)|turn on javascript"
    r"|please (?:enable|accept|allow) cookies|cookies to continue|are you a robot"
    r"|verify (?:that )?you are (?:a )?human"
    r"|checking (?:if the site connection is secure|your browser)|verifying you are human"
    r"|unusual (?:traffic|activity)|(?:reached|used) your (?:limit|quota) of free"
    r"|access (?:to this page has been )?denied|403 forbidden|404 not found|page not found"
    r"|(?:subscribe|sign in|log in|register) to (?:continue|read)|subscribers only"
    r"|this (?:content|article) is (?:only )?(?:available )?(?:for|to) (?:paying )?subscribers"
)
STUB_WORDS = 80
"""A text is a stub page only when shorter than this: an article that mentions cookies or
JavaScript in passing is still an article."""
_STUB_BYTES = STUB_WORDS * 20  # no text of STUB_WORDS words is longer (words of 19 bytes)


def is_stub(text: pl.Expr) -> pl.Expr:
    """True for a bot wall, paywall, consent or error page scraped instead of the article.

    Examples
    --------
    >>> texts = pl.Series(["Please enable JavaScript and cookies to continue.",
    ...                    "Xi met Putin. Russia asked users to enable cookies on state sites."])
    >>> pl.select(is_stub(pl.lit(texts))).to_series().to_list()
    [True, False]
    """

    def check(texts: pl.Series) -> pl.Series:
        # A stub is short: the patterns run only on texts short enough to be one.
        short = (texts.str.len_bytes() < _STUB_BYTES).fill_null(value=False)
        chosen = texts.filter(short)
        found = (chosen.str.count_matches(r"\S+") < STUB_WORDS) & chosen.str.contains(_STUB)
        return pl.repeat(value=False, n=len(texts), eager=True).scatter(short.arg_true(), found)

    return text.map_batches(check, return_dtype=pl.Boolean())
