"""The per-batch analysis: some articles -> every per-sentence table, in one canonical order.

:func:`analyse` is what a build task runs on a batch of articles (:mod:`framescope.engine`
decides which and where); :func:`canonical_order` and :func:`merge_canonical` put the rows of
its tables in the one order every engine, worker count and incremental build writes.

Each table depends only on its own article, which is what lets a build add articles without
recomputing the old ones, and split a corpus into batches freely.
"""

from __future__ import annotations

import itertools
import time
from collections.abc import Callable, Sequence
from typing import Any, TypeVar

import polars as pl

from framescope import claims, framing, mentions, sentences, sentiment
from framescope.profile import Profile

FrameT = TypeVar("FrameT", pl.DataFrame, pl.LazyFrame)


def analyse(
    articles: pl.DataFrame,
    topic: Profile,
    *,
    methods: Sequence[str],
    clock: dict[str, float] | None = None,
) -> dict[str, pl.DataFrame]:
    """The per-sentence tables of some articles (at least ``article_id``, ``published`` and
    ``text``; ``title`` when there is one): sentences, mentions, sentiment (scored by every one
    of ``methods``, names in :data:`framescope.sentiment.METHODS`), the framing tables and
    figures. ``clock`` receives each stage's seconds, added to what it holds.

    Headlines are what most readers see, so mentions, labels, sentiment and figures are also
    found in each title, split into sentences of its own: those tables gain ``field``
    (:data:`FIELDS`: ``"text"`` or ``"title"``), with ``sentence_idx`` and offsets counted in
    that field. The sentences table and the other framing tables are the text's.

    Examples
    --------
    >>> from datetime import date
    >>> from framescope import profile
    >>> text = "Xi Jinping met Vladimir Putin. Trade hit $190 billion last year."
    >>> articles = pl.DataFrame(
    ...     {"article_id": ["a"], "published": [date(2023, 3, 20)], "text": [text]}
    ... )
    >>> tables = analyse(articles, profile.load(None), methods=["vader"])
    >>> tables["mentions"].select("field", "actor").rows()
    [('text', 'xi_jinping'), ('text', 'vladimir_putin')]
    >>> tables["figures"].select("value", "period").row(0)
    (190000000000.0, '2022')
    """
    clock = {} if clock is None else clock

    def timed(stage: str, work: Callable[[], Any]) -> Any:
        tick = time.perf_counter()
        result = work()
        clock[stage] = clock.get(stage, 0.0) + time.perf_counter() - tick
        return result

    split = timed("sentences", lambda: sentences.split(articles.select("article_id", "text")))
    found = timed("mentions", lambda: mentions.extract(split, topic))
    scored = timed("sentiment", lambda: sentiment.score(split, methods=methods))
    framed = timed("framing", lambda: framing.extract_all(split, found, topic))
    # Publication dates turn "last year" into a year; quotes give the figure's speaker.
    figures = timed(
        "figures",
        lambda: claims.extract(split, topic, quotes=framed["quotes"], articles=articles),
    )
    in_titles = timed("headlines", lambda: _headlines(articles, topic, methods=methods))
    tables = {"sentences": split, "mentions": found, "sentiment": scored, **framed}
    tables["figures"] = figures
    return {
        name: _fields(table, in_titles[name]) if name in in_titles else table
        for name, table in tables.items()
    }


FIELDS = ("text", "title")
"""Where a finding of the mentions, labels, sentiment and figures tables is: the article's
text or its title (``field``)."""


def _headlines(
    articles: pl.DataFrame, topic: Profile, *, methods: Sequence[str]
) -> dict[str, pl.DataFrame]:
    """Mentions, labels, sentiment and figures of the articles' titles."""
    if "title" not in articles.columns:
        articles = articles.with_columns(pl.lit(None, pl.String).alias("title"))
    titles = sentences.split(articles.select("article_id", pl.col("title").alias("text")))
    found = mentions.extract(titles, topic)
    return {
        "mentions": found,
        "sentiment": sentiment.score(titles, methods=methods),
        "labels": framing.labels(titles, found, topic),
        # A title has no reporting clause worth a quotes table; claims reads speakers itself.
        "figures": claims.extract(titles, topic, articles=articles),
    }


def _fields(text: pl.DataFrame, title: pl.DataFrame) -> pl.DataFrame:
    """The rows of the text and of the title in one table, ``field`` after ``article_id``."""
    tagged = [
        frame.with_columns(pl.lit(field).alias("field"))
        for field, frame in zip(FIELDS, (text, title), strict=True)
    ]
    columns = ["article_id", "field", *(c for c in text.columns if c != "article_id")]
    return pl.concat(tagged).select(columns)


SENTENCE_COLUMNS = frozenset({"text", "sentence", "quote", "speaker_text"})
"""Columns that can hold a whole sentence: :func:`canonical_order` sorts on their hash, as a
sort copies its keys for every row (666,667 figures in one 2,000-character sentence: 1.9 GB
sorted on ``sentence``, 0.7 GB on its hash)."""


def canonical_order(table: FrameT) -> FrameT:
    """Rows sorted by every scalar column, keys first: the same rows give the same table
    whatever order the engine produced them in (full, incremental or distributed builds).

    Examples
    --------
    >>> canonical_order(pl.DataFrame({"article_id": ["b", "a"], "x": [1, 2]}))["x"].to_list()
    [2, 1]
    """
    schema = table.collect_schema()
    # Annotated: mypy checks the body once per FrameT and cannot infer them the second time.
    keys: list[str] = [c for c in ("article_id", "sentence_idx") if c in schema]
    scalar: list[pl.Expr] = [
        pl.col(c).hash(seed=0) if c in SENTENCE_COLUMNS else pl.col(c)
        for c, dtype in schema.items()
        if c not in keys and not isinstance(dtype, pl.List | pl.Struct | pl.Array)
    ]
    return table.sort([*keys, *scalar], nulls_last=True)


_ID_RANGES = ("", "4", "8", "c", None)
"""Article ids (hex) split into four ranges by their first digit: a table is sorted and
written a range at a time, so a quarter of it is in memory at once."""


def merge_canonical(table: pl.LazyFrame) -> list[pl.LazyFrame]:
    """Partitions each in :func:`canonical_order`, concatenated, brought into it as a whole:
    parts to write one after the other.

    One article's rows are all in one partition, already in order, so a stable sort on the
    keys alone is enough; the ids (16 hex digits) sort as 64-bit integers, several times
    faster than as strings.

    Examples
    --------
    >>> parts = pl.LazyFrame({"article_id": ["f1", "0b", "0a", "0a"], "sentence_idx": [0, 0, 1, 1]})
    >>> [part.collect()["article_id"].to_list() for part in merge_canonical(parts)]
    [['0a', '0a', '0b'], [], [], ['f1']]
    """
    number = pl.col("article_id").str.to_integer(base=16, dtype=pl.UInt64(), strict=False)
    keys = [number, "article_id"]  # the string only breaks ties: equal ids, or not hex
    keys += ["sentence_idx"] if "sentence_idx" in table.collect_schema() else []
    ordered = []
    for low, high in itertools.pairwise(_ID_RANGES):
        inside = pl.col("article_id") >= low
        inside &= pl.col("article_id") < high if high is not None else pl.lit(value=True)
        ordered.append(table.filter(inside).sort(keys, nulls_last=True, maintain_order=True))
    return ordered
