"""Sentence segmentation with character offsets into the article text.

A sentence ends at ``.``, ``!`` or ``?`` (with any closing quotes or brackets after it) when
whitespace and then something other than a lowercase letter, a digit or ``,;:`` follows, and
at every line break: scraped headings ("A sign of despair over the existing world order:")
and bylines have no final period, so a line is the only boundary they give.

A period does not end a sentence after a title or a month abbreviation in
:data:`ABBREVIATIONS` ("Mr. President", "Dec. 30"), after a single capital letter (initials
and dotted acronyms: "John F. Kennedy", "U.S."), when a non-space character follows it
directly ("$3.3 million", "t.co", "a.m.") or when whitespace and then a lowercase letter or
digit follows it ("Jan. 31", a scraping slip such as "Cooperation. meeting").

A run of more than :data:`MAX_SENTENCE_CHARS` characters with no sentence end (a scraped
table, a list, a text without punctuation) is cut into pieces of at most that many
characters, each at the last space before the limit (:func:`cut`), and :func:`cut_warnings`
says so for the article.

The work is one regular expression run by polars over every article at once (no Python loop
per article or per sentence): its matches tile the text, each match being a sentence with
its trailing whitespace, so the offsets are cumulative sums of match lengths.
"""

from __future__ import annotations

import re
from typing import TypeVar

import polars as pl

from framescope.rules.words import MONTH_ABBREVIATIONS

SENTENCE_SCHEMA = pl.Schema(
    {
        "article_id": pl.String(),
        "sentence_idx": pl.Int32(),
        "start": pl.Int64(),
        "end": pl.Int64(),
        "text": pl.String(),
    }
)
"""Columns of the sentences table. ``sentence_idx`` counts 0, 1, 2, ... within an article;
``start``/``end`` are code-point offsets: ``article_text[start:end] == text``."""

ABBREVIATIONS = (
    # titles before a name
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Rev", "Hon",
    "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Maj", "Sgt", "Capt", "Adm",
    # place-name prefixes and name suffixes
    "St", "Mt", "Jr", "Sr",
    # month abbreviations, as in "Dec. 30" and "(Jan. 31)"
    *MONTH_ABBREVIATIONS,
    # dotted lowercase forms, written without their final period
    "vs", "a.m", "p.m", "e.g", "i.e",
)  # fmt: skip
"""Words whose final period never ends a sentence (matched case-sensitively, whole word)."""

MAX_SENTENCE_CHARS = 2_000
"""The longest sentence kept whole, in characters; a longer run is cut (:func:`cut`).

The longest real news sentences run to about 1,000 characters (the seed corpus's longest is
443), so twice that cuts no sentence a person wrote. Every per-sentence stage does work that
grows with the sentence for each finding in it, so without a cap one 2 MB line with no
punctuation became one sentence and a build went past 7.5 GB before it was killed."""

# The line breaks of Python's str.splitlines() that are also Unicode whitespace (\x1c-\x1e are
# not), so stripping a sentence and breaking it at a line agree on what whitespace is.
_LINE_BREAK = r"\n\r\x0b\x0c\x85\u2028\u2029"
_CLOSERS = r"\"'”’»)\]"

# Terminal punctuation and the closing quotes or brackets that belong to the sentence it ends.
_END = rf"[.!?]+[{_CLOSERS}]*"
# The ASCII word boundary keeps the regex engine on its fast DFA: 6.5x faster than a Unicode
# \b on the seed corpus. Its only cost: a non-ASCII letter glued before "Mr." counts as a
# word boundary.
_ABBREVIATION = (
    r"(?-u:\b)(?:"
    + "|".join(word.replace(".", r"\.") for word in sorted(ABBREVIATIONS, key=len, reverse=True))
    + r")\."
)
# Initials and dotted acronyms: "F." in "John F. Kennedy", "U." and "S." in "U.S.".
_INITIAL = r"(?-u:\b)[A-Z]\."
# A sentence goes on after terminal punctuation when the next word starts lowercase or with a
# digit ("Jan. 31", "he said. he said", "Group. , a firm"). Line breaks are excluded from the
# whitespace here because a line break always ends a sentence.
_CONTINUATION = rf"{_END}[^\S{_LINE_BREAK}]+[\p{{Ll}}0-9,;:]"
# Terminal punctuation glued to what follows is not a boundary: "3.3", "t.co/x", "a.m".
_INNER = rf"{_END}[^\s.!?{_CLOSERS}]"
# Anything else on the line; terminal punctuation only enters through the pieces above.
_OTHER = rf"[^.!?{_LINE_BREAK}]"

# Alternation order matters (the engine takes the first alternative that leads to a match):
# abbreviations and initials must be tried before the single-character fallback so that "Mr"
# is read as "Mr." rather than as two letters followed by a sentence end. The last two
# branches keep the matches tiling: a stray ". " with no words before it ("fuels. . Chinese")
# and whitespace that starts the text.
SENTENCE_PATTERN = (
    rf"(?:{_ABBREVIATION}|{_INITIAL}|{_CONTINUATION}|{_INNER}|{_OTHER})+(?:{_END})?\s*"
    rf"|{_END}\s*"
    r"|\s+"
)
"""Regular expression whose matches tile a text: each match is one sentence plus the
whitespace after it."""

# Matches with neither a letter nor a digit are scraping debris, not sentences.
_WORDLIKE = r"[\p{L}\p{N}]"

FrameT = TypeVar("FrameT", pl.DataFrame, pl.LazyFrame)

# Unicode White_Space, as polars strips it: Python's \s also takes \x1c-\x1f.
_SPACE = r"[^\S\x1c-\x1f]"
# Greedy: a match ends just after the last space of the string it is run on.
_UP_TO_LAST_SPACE = re.compile(rf"(?s).*{_SPACE}")
_SPACES = re.compile(rf"{_SPACE}*")


def _past_spaces(piece: str, pos: int = 0) -> int:
    """Index of the first non-space character of ``piece`` at or after ``pos``."""
    match = _SPACES.match(piece, pos)
    # A starred pattern matches (the empty string at worst) at every position.
    assert match is not None
    return match.end()


def cut(piece: str, *, limit: int = MAX_SENTENCE_CHARS) -> list[str]:
    """A sentence as consecutive parts of at most ``limit`` characters once stripped.

    Each cut falls at the last space before the limit, the spaces staying with the part
    before it; a run of ``limit`` characters with no space is cut where the limit falls.
    The parts joined give ``piece`` back, so offsets computed from them stay exact.

    Parameters
    ----------
    piece
        A sentence with the whitespace around it.
    limit
        The most characters a part may hold, not counting the whitespace around it.

    Raises
    ------
    ValueError
        If ``limit`` is less than 1.

    Examples
    --------
    >>> cut("one two three", limit=8)
    ['one two ', 'three']
    >>> cut("abcdefghij", limit=4)
    ['abcd', 'efgh', 'ij']
    """
    if limit < 1:
        msg = f"limit must be at least 1 character, got {limit!r}"
        raise ValueError(msg)
    end = len(piece.rstrip())
    parts = []
    begin = 0
    start = _past_spaces(piece)
    while end - start > limit:
        # A space after the first character and at most ``limit`` characters in.
        last = _UP_TO_LAST_SPACE.match(piece, start + 1, start + limit + 1)
        stop = _past_spaces(piece, last.end()) if last else start + limit
        parts.append(piece[begin:stop])
        begin = start = stop
    parts.append(piece[begin:])
    return parts


def _cut(piece: str) -> list[str]:
    return cut(piece, limit=MAX_SENTENCE_CHARS)


def cut_warnings(text: pl.Expr) -> pl.Expr:
    """Per text, a list holding a warning when :func:`split` cuts some of its sentences,
    else an empty list: for an article's ``warnings``.

    Examples
    --------
    >>> texts = pl.DataFrame({"text": ["Short. " + "word " * 500, "It rained."]})
    >>> texts.select(cut_warnings(pl.col("text"))).to_series().to_list()  # doctest: +ELLIPSIS
    [['1 sentence ran over 2,000 characters with no sentence end ...'], []]
    """
    # Only texts over the limit can hold a sentence over it: most news articles are longer,
    # but the test costs a tenth of a second per 20 MB of text.
    lengths = (
        pl.when(text.str.len_chars() > MAX_SENTENCE_CHARS)
        .then(text)
        .str.extract_all(SENTENCE_PATTERN)
        .list.eval(pl.element().str.strip_chars().str.len_chars())
    )
    n_cut = lengths.list.eval((pl.element() > MAX_SENTENCE_CHARS).sum()).list.first().fill_null(0)
    warning = pl.format(
        "{} ran over {} characters with no sentence end (a table, a list or text without "
        "punctuation?) and {} cut at spaces into parts of at most that length",
        pl.when(n_cut == 1).then(pl.lit("1 sentence")).otherwise(pl.format("{} sentences", n_cut)),
        pl.lit(f"{MAX_SENTENCE_CHARS:,}"),
        pl.when(n_cut == 1).then(pl.lit("was")).otherwise(pl.lit("were")),
    )
    return (
        pl.when(n_cut > 0)
        .then(pl.concat_list(warning))
        .otherwise(pl.lit([], dtype=pl.List(pl.String())))
    )


def _raise_unless_tiled(checks: pl.Series) -> pl.Series:
    # Offsets are cumulative sums of match lengths, so a text the matches do not cover
    # exactly would shift every later offset silently; stop instead.
    tiled = checks.struct.field("tiled")
    if not tiled.all():
        bad = checks.struct.field("article_id").filter(~tiled).head(5).to_list()
        msg = (
            f"sentence matches do not cover the whole text of article(s) {bad}; "
            "the offsets would be wrong (a bug in SENTENCE_PATTERN)"
        )
        raise ValueError(msg)
    return tiled


def split(articles: FrameT) -> FrameT:
    """Split article texts into sentences with character offsets.

    Parameters
    ----------
    articles
        A DataFrame or LazyFrame with at least ``article_id`` (str) and ``text`` (str).
        Null or empty texts give no sentences.

    Returns
    -------
    DataFrame or LazyFrame (the kind given) in :data:`SENTENCE_SCHEMA`: one row per
    sentence, in text order, with ``text`` stripped of surrounding whitespace,
    ``article_text[start:end] == text`` in code points, and ``sentence_idx`` contiguous from
    0 within each article. Pieces with no letter or digit (a stray ".") are dropped before
    numbering; a sentence over :data:`MAX_SENTENCE_CHARS` is cut into parts (:func:`cut`),
    each a sentence of its own.

    Raises
    ------
    ValueError
        If the sentence matches fail to cover an article's text exactly, which would make
        the offsets wrong (raised on ``collect`` for a LazyFrame).

    Examples
    --------
    >>> text = "Mr. Xi met Mr. Putin in the U.S. on Jan. 31. It rained."
    >>> articles = pl.DataFrame({"article_id": ["a"], "text": [text]})
    >>> split(articles).select("sentence_idx", "start", "end", "text").rows()
    [(0, 0, 44, 'Mr. Xi met Mr. Putin in the U.S. on Jan. 31.'), (1, 45, 55, 'It rained.')]
    """
    text = pl.col("text").fill_null("")
    piece = pl.col("_piece")
    stop = pl.col("_stop")
    sentences = (
        articles.lazy()
        # Numbering runs per input row, so articles sharing an id never interleave.
        .with_row_index("_row")
        .select(
            "article_id",
            "_row",
            text.str.extract_all(SENTENCE_PATTERN).alias("_piece"),
            text.str.len_chars().cast(pl.Int64).alias("_n_chars"),
        )
        .with_columns(
            # Where each match ends in the text, in code points (what Python slicing counts).
            piece.list.eval(pl.element().str.len_chars().cast(pl.Int64).cum_sum()).alias("_stop")
        )
        .filter(
            # Always true or raising; filtering on it keeps the check in the optimised plan.
            pl.struct(
                "article_id", tiled=stop.list.last().fill_null(0) == pl.col("_n_chars")
            ).map_batches(_raise_unless_tiled, return_dtype=pl.Boolean, is_elementwise=True)
        )
        .explode("_piece", "_stop")
        .with_columns(
            # Sentences over the cap are rare (see MAX_SENTENCE_CHARS): only they are cut,
            # in Python; the others become one-part lists.
            pl.coalesce(
                pl.when(piece.str.len_chars() > MAX_SENTENCE_CHARS)
                .then(piece)
                .map_elements(_cut, return_dtype=pl.List(pl.String()), skip_nulls=True),
                pl.concat_list(piece),
            ).alias("_piece"),
            (stop - piece.str.len_chars().cast(pl.Int64)).alias("_begin"),
        )
        .with_columns(
            piece.list.eval(pl.element().str.len_chars().cast(pl.Int64).cum_sum()).alias("_stop")
        )
        .explode("_piece", "_stop")
        .with_columns(stop + pl.col("_begin"))
        .filter(piece.str.contains(_WORDLIKE))
        .with_columns(
            (stop - piece.str.strip_chars_start().str.len_chars()).alias("start"),
            piece.str.strip_chars().alias("text"),
        )
        .select(
            "article_id",
            pl.int_range(pl.len(), dtype=pl.Int32).over("_row").alias("sentence_idx"),
            "start",
            (pl.col("start") + pl.col("text").str.len_chars()).alias("end"),
            "text",
        )
        .cast(SENTENCE_SCHEMA)
    )
    return sentences.collect() if isinstance(articles, pl.DataFrame) else sentences
