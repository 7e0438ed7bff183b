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

The work is one regular expression run by polars over every article at once (no Python loop
per article or per sentence): its matches tile the text, each match being a sentence with
its trailing whitespace, so the offsets are cumulative sums of match lengths.
"""

from __future__ import annotations

from typing import TypeVar

import polars as pl

SENTENCE_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "sentence_idx": pl.Int32(),
    "start": pl.Int64(),
    "end": pl.Int64(),
    "text": pl.String(),
}
"""Columns of the sentences table. ``sentence_idx`` counts 0, 1, 2, ... within an article;
``start``/``end`` are code-point offsets: ``article_text[start:end] == text``."""

ABBREVIATIONS = (
    # titles before a name
    "Mr", "Mrs", "Ms", "Messrs", "Dr", "Prof", "Rev", "Hon",
    "Sen", "Rep", "Gov", "Gen", "Lt", "Col", "Maj", "Sgt", "Capt", "Adm",
    # place-name prefixes and name suffixes
    "St", "Mt", "Jr", "Sr",
    # month abbreviations, as in "Dec. 30" and "(Jan. 31)"
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
    # dotted lowercase forms, written without their final period
    "vs", "a.m", "p.m", "e.g", "i.e",
)  # fmt: skip
"""Words whose final period never ends a sentence (matched case-sensitively, whole word)."""

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
    numbering.

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
