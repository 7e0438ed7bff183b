"""Sentences and the spans found in them: the keys, the text around a span, and findings
set beside their sentence without copying its text.

Rows per finding carry their sentence's ``text``: polars strings are views into shared
buffers, so that costs next to nothing, but a join, sort or group-by on such rows writes a
copy of the text for every row (gigabytes for one long sentence with thousands of
findings). So the text is read only by elementwise expressions on bounded windows
(:func:`before`, :func:`after`) and dropped before any join, sort or group-by; findings that
need their sentence again get it once per sentence (:func:`in_sentence`).
"""

from __future__ import annotations

import polars as pl

KEYS = ("article_id", "sentence_idx")
"""The columns that identify a sentence in every table."""

CONTEXT_CHARS = 250
"""Characters before and after a span searched for the words around it (naming cues such as
"which Russia still describes as a", speaker phrases of at most 12 words and an aside naming
the speaker). Bounded so that the work per finding does not grow with its sentence."""


def sentence_frame(sentences: pl.DataFrame, *, start: bool = False) -> pl.LazyFrame:
    """The keys and text of a sentences table (and its ``start`` offsets), typed as every
    table types them.

    Examples
    --------
    >>> s = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0], "start": [9], "text": ["Hi."]})
    >>> sentence_frame(s, start=True).collect().dtypes
    [String, Int32, Int64, String]
    """
    return sentences.lazy().select(
        pl.col("article_id").cast(pl.String),
        pl.col("sentence_idx").cast(pl.Int32),
        *([pl.col("start").cast(pl.Int64)] if start else []),
        pl.col("text").cast(pl.String),
    )


def texts_frame(texts: pl.Series) -> pl.DataFrame:
    """Texts as a sentences table, for code that reads texts one by one: one article (``""``),
    ``sentence_idx`` the text's position.

    Examples
    --------
    >>> texts_frame(pl.Series(["A.", "B."])).rows()
    [('', 0, 'A.'), ('', 1, 'B.')]
    """
    return (
        texts.cast(pl.String)
        .to_frame("text")
        .select(
            pl.lit("").alias("article_id"),
            pl.int_range(pl.len(), dtype=pl.Int32).alias("sentence_idx"),
            "text",
        )
    )


def in_sentence(rows: pl.LazyFrame, sentences: pl.LazyFrame) -> pl.LazyFrame:
    """``rows`` (findings keyed by sentence) beside their sentence's ``text`` and
    ``_sentence_start``, rows of a sentence together and in their order.

    The rows are gathered into lists per sentence, joined to the sentences once each and
    spread out again: a join row by row would copy the text for every row.

    Examples
    --------
    >>> s = pl.LazyFrame({"article_id": ["a"], "sentence_idx": [0], "start": [5], "text": ["Hi."]})
    >>> rows = pl.LazyFrame({"article_id": ["a", "a"], "sentence_idx": [0, 0], "n": [1, 2]})
    >>> in_sentence(rows, s).collect().rows()
    [('a', 0, 1, 5, 'Hi.'), ('a', 0, 2, 5, 'Hi.')]
    """
    names = [c for c in rows.collect_schema().names() if c not in KEYS]
    return (
        rows.group_by(*KEYS, maintain_order=True)
        .agg(names)
        .join(
            sentences.select(*KEYS, pl.col("start").alias("_sentence_start"), "text"),
            on=list(KEYS),
            how="inner",
        )
        .explode(names)
    )


def before(start: pl.Expr) -> pl.Expr:
    """At most :data:`CONTEXT_CHARS` characters of the sentence (``text``) before ``start``.

    Examples
    --------
    >>> pl.DataFrame({"text": ["so-called war"]}).select(before(pl.lit(10))).item()
    'so-called '
    """
    begin = pl.max_horizontal(start - CONTEXT_CHARS, pl.lit(0))
    return pl.col("text").str.slice(begin, start - begin)


def after(end: pl.Expr) -> pl.Expr:
    """At most :data:`CONTEXT_CHARS` characters of the sentence (``text``) from ``end``.

    Examples
    --------
    >>> pl.DataFrame({"text": ["war, as Moscow calls it"]}).select(after(pl.lit(3))).item()
    ', as Moscow calls it'
    """
    return pl.col("text").str.slice(end, CONTEXT_CHARS)
