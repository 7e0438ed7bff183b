"""Small aggregates the dashboard filters instead of millions of sentence rows.

The dashboard's filters (outlets, date range, copies) select articles by four columns only:
``source``, ``published`` and whether the article is a near-copy or a syndicated copy
(:func:`framescope.counting.flags`). So every per-sentence table can be counted once per *cell*
(source x published day x copy flags, a few thousand rows at 100,000 articles) and a filter
change only filters cells. The
functions here rebuild, from cells, exactly what ``timeseries.mention_series``,
``framing.shares`` and ``framing.voice_shares`` return for the filtered articles; the tests
check each against its original. Counting distinct articles per cell is exact because an
article lies in exactly one cell.
"""

from __future__ import annotations

from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from typing import Any

import numpy as np
import polars as pl

from framescope import counting, framing, timeseries

CELL = ("source", "published", "duplicate", "syndicated")


def selection(
    *,
    sources: Sequence[str],
    date_range: tuple[date, date] | None,
    bounds: tuple[date, date] | None,
    counts: pl.Expr,
) -> pl.Expr:
    """The dashboard's article filter as one expression over ``source`` and ``published``.

    ``counts`` says which rows count (:func:`framescope.counting.counted`). Undated rows pass
    only when the date range is the whole corpus (``bounds``), so they are never silently lost.

    Examples
    --------
    >>> frame = pl.DataFrame({"source": ["A", "B", "A"], "published": [date(2023, 3, 1), None, None],
    ...                       "duplicate": [False, False, True]})
    >>> keep = selection(sources=["A", "B"], date_range=None, bounds=None,
    ...                  counts=~pl.col("duplicate"))
    >>> frame.filter(keep)["source"].to_list()
    ['A', 'B']
    """  # noqa: E501
    keep = pl.col("source").is_in(list(sources)) & counts
    start, end = date_range or (None, None)
    if start is not None and end is not None:
        full = (start, end) == bounds
        keep = keep & (
            pl.col("published").is_between(start, end) | (pl.col("published").is_null() & full)
        )
    return keep


def cell_counts(rows: pl.DataFrame, articles: pl.DataFrame, *, by: Sequence[str]) -> pl.DataFrame:
    """Rows of a per-sentence table counted per cell and ``by`` value.

    ``rows`` needs ``article_id`` and the ``by`` columns; ``articles`` needs ``article_id``,
    ``source``, ``published``, ``duplicate_of`` and ``syndicated_from``. Returns the cell
    columns (:data:`CELL`), ``by``, ``n`` (rows) and ``articles_with`` (distinct articles with
    such a row).

    Examples
    --------
    >>> rows = pl.DataFrame({"article_id": ["a", "a", "b"], "term": ["war", "war", "war"]})
    >>> articles = pl.DataFrame({"article_id": ["a", "b"], "source": ["X", "X"],
    ...     "published": [date(2023, 3, 1)] * 2, "duplicate_of": [None, None],
    ...     "syndicated_from": [None, None]},
    ...     schema_overrides={"duplicate_of": pl.String, "syndicated_from": pl.String})
    >>> cell_counts(rows, articles, by=["term"]).select("term", "n", "articles_with").rows()
    [('war', 3, 2)]
    """
    cells = articles.select("article_id", "source", "published", *counting.flags())
    return (
        rows.select("article_id", *by)
        .join(cells, on="article_id")
        .group_by(*CELL, *by)
        .agg(
            pl.len().cast(pl.Int64).alias("n"),
            pl.col("article_id").n_unique().cast(pl.Int64).alias("articles_with"),
        )
    )


def mention_series(
    counts: pl.DataFrame,
    articles: pl.DataFrame,
    *,
    actors: Sequence[str],
    freq: str = "week",
    axis: str = "calendar",
    event_date: date | None = None,
) -> pl.DataFrame:
    """``timeseries.mention_series`` for already filtered articles, from mention cells.

    ``counts`` is :func:`cell_counts` of the mentions by ``actor``, filtered like
    ``articles``; the result has the columns, rows and order of the original.

    Examples
    --------
    >>> articles = pl.DataFrame({"article_id": ["a", "b"], "source": ["x", "x"],
    ...     "published": [date(2023, 3, 20), date(2023, 3, 21)], "n_words": [100, 400],
    ...     "duplicate_of": [None, None], "syndicated_from": [None, None]},
    ...     schema_overrides={"duplicate_of": pl.String, "syndicated_from": pl.String})
    >>> mentions = pl.DataFrame({"article_id": ["a", "a"], "actor": ["xi", "xi"]})
    >>> counts = cell_counts(mentions, articles, by=["actor"])
    >>> mention_series(counts, articles, actors=["xi"]).select(
    ...     "mentions", "articles", "mentions_per_1k_words", "share_of_articles").rows()
    [(2, 2, 4.0, 0.5)]
    """
    period = timeseries.periods(pl.col("published"), freq=freq, axis=axis, event_date=event_date)
    totals = (
        articles.filter(pl.col("published").is_not_null())
        .group_by(period.alias("period"), "source")
        .agg(
            pl.len().cast(pl.Int64).alias("articles"),
            pl.col("n_words").sum().cast(pl.Int64).alias("words"),
        )
    )
    found = (
        counts.filter(
            pl.col("published").is_not_null(),
            pl.col("actor").is_in(list(actors)),
        )
        .group_by(period.alias("period"), "source", "actor")
        .agg(
            pl.col("n").sum().cast(pl.Int64).alias("mentions"),
            pl.col("articles_with").sum().cast(pl.Int64).alias("articles_mentioning"),
        )
    )
    return timeseries.mention_series_of(found, totals, actors)


def shares(
    counts: pl.DataFrame,
    articles: pl.DataFrame,
    *,
    by: str,
    min_n: int = framing.SMALL_SAMPLE_ROWS,
) -> pl.DataFrame:
    """``framing.shares(..., by=by, include_duplicates=True)`` for filtered articles, from
    :func:`cell_counts` cells filtered like ``articles``.

    Examples
    --------
    >>> war = pl.DataFrame({"article_id": ["a", "a", "b"], "term": ["war", "invasion", "war"]})
    >>> arts = pl.DataFrame({"article_id": ["a", "b"], "source": ["X", "Y"], "n_words": [1000, 500],
    ...     "published": [None, None], "duplicate_of": [None, None],
    ...     "syndicated_from": [None, None]}, schema_overrides={"published": pl.Date,
    ...     "duplicate_of": pl.String, "syndicated_from": pl.String})
    >>> shares(cell_counts(war, arts, by=["term"]), arts, by="term").select(
    ...     "source", "term", "n", "share").rows()  # doctest: +NORMALIZE_WHITESPACE
    [('X', 'invasion', 1, 0.5), ('X', 'war', 1, 0.5),
     ('Y', 'invasion', 0, 0.0), ('Y', 'war', 1, 1.0)]
    """
    per_source = articles.group_by("source").agg(
        pl.len().cast(pl.Int64).alias("n_articles"),
        pl.col("n_words").sum().cast(pl.Int64).alias("n_words"),
    )
    found = counts.group_by("source", by).agg(
        pl.col("n").sum().cast(pl.Int64), pl.col("articles_with").sum().cast(pl.Int64)
    )
    return framing.shares_of(found, per_source, found.select(by).unique(), min_n=min_n)


def voice_shares(counts: pl.DataFrame, articles: pl.DataFrame, *, min_n: int = 10) -> pl.DataFrame:
    """``framing.voice_shares(..., include_duplicates=True)`` for filtered articles, from
    :func:`cell_counts` of the quotes by ``voice``, filtered like ``articles``.

    Examples
    --------
    >>> quotes = pl.DataFrame({"article_id": ["a", "a"], "voice": ["other", "russian_official"]})
    >>> arts = pl.DataFrame({"article_id": ["a"], "source": ["X"], "published": [None],
    ...     "duplicate_of": [None], "syndicated_from": [None]},
    ...     schema_overrides={"published": pl.Date, "duplicate_of": pl.String,
    ...     "syndicated_from": pl.String})
    >>> voice_shares(cell_counts(quotes, arts, by=["voice"]), arts).filter(
    ...     pl.col("n") > 0).select("voice", "share").rows()
    [('other', 0.5), ('russian_official', 0.5)]
    """
    found = counts.group_by("source", "voice").agg(pl.col("n").sum().cast(pl.Int64))
    return framing.voice_shares_of(found, articles["source"], min_n=min_n)


def article_tone(scores: pl.DataFrame) -> pl.DataFrame:
    """Per article: the sum of its sentences' ``compound`` (``total``) and their number
    (``n``); sentences without a score are left out, as ``timeseries.tone_series`` does.

    Examples
    --------
    >>> scores = pl.DataFrame({"article_id": ["a", "a", "b"], "compound": [0.5, None, -0.5]})
    >>> article_tone(scores).sort("article_id").rows()
    [('a', 0.5, 1), ('b', -0.5, 1)]
    """
    return (
        scores.filter(pl.col("compound").is_not_null())
        .group_by("article_id")
        .agg(pl.col("compound").sum().alias("total"), pl.len().cast(pl.Int64).alias("n"))
    )


def tone_groups(
    tone: pl.DataFrame,
    articles: pl.DataFrame,
    *,
    freq: str = "week",
    axis: str = "calendar",
    event_date: date | None = None,
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The per-period means of ``timeseries.tone_series`` from :func:`article_tone`.

    Returns ``(groups, per_article)``: groups (``period``, ``source``, ``n_sentences``,
    ``n_articles``, ``mean_tone``, ``members``: a fingerprint of the group's articles) and
    the articles sorted so each group's are contiguous, in the order the bootstrap draws.

    Examples
    --------
    >>> articles = pl.DataFrame({"article_id": ["a", "b"], "source": ["x", "x"],
    ...     "published": [date(2023, 3, 20), date(2023, 3, 21)]})
    >>> tone = pl.DataFrame({"article_id": ["a", "b"], "total": [0.5, -0.5], "n": [2, 1]})
    >>> tone_groups(tone, articles)[0].select("n_sentences", "n_articles", "mean_tone").rows()
    [(3, 2, 0.0)]
    """
    period = timeseries.periods(pl.col("published"), freq=freq, axis=axis, event_date=event_date)
    dated = articles.filter(pl.col("published").is_not_null()).select(
        "article_id", "source", period.alias("period")
    )
    per_article = tone.join(dated, on="article_id").sort("period", "source", "article_id")
    groups = per_article.group_by("period", "source", maintain_order=True).agg(
        pl.col("n").sum().alias("n_sentences"),
        pl.len().cast(pl.Int64).alias("n_articles"),
        (pl.col("total").sum() / pl.col("n").sum()).alias("mean_tone"),
        pl.col("article_id").hash(seed=7).sum().alias("members"),
    )
    return groups, per_article


def intervals(
    groups: list[tuple[Any, ...]],
    sizes: np.ndarray,
    totals: np.ndarray,
    counts: np.ndarray,
    *,
    n_boot: int = 1000,
    seed: int = 0,
    level: float = 0.95,
) -> tuple[np.ndarray, np.ndarray]:
    """``timeseries``' article-cluster bootstrap bounds, the groups split over two threads.

    Each group draws from its own random stream, so splitting the groups changes no number;
    numpy releases the GIL in the heavy steps, so two cores do it in about half the time.

    Examples
    --------
    >>> low, high = intervals([("p", "x")], np.array([2]), np.array([1.0, -1.0]),
    ...                       np.array([1, 1]), n_boot=10)
    >>> bool(low[0] <= high[0])
    True
    """
    sizes = sizes.astype(np.int64)
    if len(groups) < 2 or int(sizes.sum()) * n_boot < 1 << 24:
        return timeseries._interval(  # the very numbers tone_series gives
            groups, sizes, totals, counts, n_boot=n_boot, seed=seed, level=level
        )
    ends = np.cumsum(sizes)
    half = int(np.searchsorted(ends, ends[-1] / 2)) + 1
    half = min(max(half, 1), len(groups) - 1)
    cut = int(ends[half - 1])

    def part(first: slice, rows: slice) -> tuple[np.ndarray, np.ndarray]:
        return timeseries._interval(
            groups[first], sizes[first], totals[rows], counts[rows],
            n_boot=n_boot, seed=seed, level=level,
        )  # fmt: skip

    with ThreadPoolExecutor(max_workers=2) as pool:
        left = pool.submit(part, slice(0, half), slice(0, cut))
        right = pool.submit(part, slice(half, None), slice(cut, None))
        (low_a, high_a), (low_b, high_b) = left.result(), right.result()
    return np.concatenate([low_a, low_b]), np.concatenate([high_a, high_b])


# Kept intervals above this many are dropped: many sessions and filters would grow them forever.
MAX_KEPT_INTERVALS = 100_000


def kept_intervals(
    kept: dict[tuple[Any, ...], tuple[float, float]],
    keys: list[tuple[Any, ...]],
    *,
    groups: list[tuple[Any, ...]],
    sizes: np.ndarray,
    totals: np.ndarray,
    counts: np.ndarray,
    n_boot: int = 1000,
) -> tuple[np.ndarray, np.ndarray]:
    """Each group's :func:`intervals` bounds, drawn only for the ``keys`` not in ``kept`` and
    kept there for later calls (every session's): a filter change draws again only where the
    articles changed. Groups lie one after another in ``totals`` and ``counts``, ``sizes``
    rows each; ``groups`` names each group's random stream.

    Examples
    --------
    >>> kept = {}
    >>> group = {"groups": [("p", "x")], "sizes": np.array([2]), "counts": np.array([1, 1])}
    >>> first = kept_intervals(kept, [("k",)], totals=np.array([1.0, -1.0]), n_boot=10, **group)
    >>> again = kept_intervals(kept, [("k",)], totals=np.array([9.0, 9.0]), n_boot=10, **group)
    >>> bool(first[0][0] == again[0][0]), len(kept)
    (True, 1)
    """
    missing = [i for i, key in enumerate(keys) if key not in kept]
    drawn: dict[tuple[Any, ...], tuple[float, float]] = {}
    if missing:
        starts = np.cumsum(sizes) - sizes
        rows = np.concatenate([np.arange(starts[i], starts[i] + sizes[i]) for i in missing])
        low, high = intervals(
            [groups[i] for i in missing], sizes[missing], totals[rows], counts[rows], n_boot=n_boot
        )
        drawn = dict(zip([keys[i] for i in missing], zip(low, high, strict=True), strict=True))
    bounds = [drawn[key] if key in drawn else kept[key] for key in keys]
    if len(kept) + len(drawn) > MAX_KEPT_INTERVALS:
        kept.clear()
    kept.update(drawn)
    return (
        np.array([bound[0] for bound in bounds], dtype=np.float64),
        np.array([bound[1] for bound in bounds], dtype=np.float64),
    )


def box_stats(frame: pl.DataFrame, *, value: str, by: str) -> pl.DataFrame:
    """Box-plot statistics of ``value`` per ``by``, as Plotly draws them (linear quartiles,
    whiskers at the furthest points within 1.5 IQR), with ``n`` and ``n_articles``.

    Examples
    --------
    >>> frame = pl.DataFrame({"source": ["X"] * 5, "article_id": ["a", "a", "b", "b", "b"],
    ...                       "compound": [-1.0, 0.0, 0.1, 0.2, 0.3]})
    >>> box_stats(frame, value="compound", by="source").select("median", "lowerfence").row(0)
    (0.1, 0.0)
    """
    q1 = pl.col(value).quantile(0.25, interpolation="linear")
    q3 = pl.col(value).quantile(0.75, interpolation="linear")
    stats = frame.group_by(by).agg(
        q1.alias("q1"),
        pl.col(value).median().alias("median"),
        q3.alias("q3"),
        pl.col(value).mean().alias("mean"),
        pl.len().cast(pl.Int64).alias("n"),
        pl.col("article_id").n_unique().cast(pl.Int64).alias("n_articles"),
    )
    reach = (pl.col("q3") - pl.col("q1")) * 1.5
    fences = (
        frame.join(stats.select(by, "q1", "q3"), on=by)
        .group_by(by)
        .agg(
            pl.col(value).filter(pl.col(value) >= pl.col("q1") - reach).min().alias("lowerfence"),
            pl.col(value).filter(pl.col(value) <= pl.col("q3") + reach).max().alias("upperfence"),
        )
    )
    return (
        stats.join(fences, on=by)
        .select(by, "q1", "median", "q3", "lowerfence", "upperfence", "mean", "n", "n_articles")
        .sort(by)
    )


def sorted_box_stats(frame: pl.DataFrame, *, value: str, source: str) -> pl.DataFrame:
    """:func:`box_stats` of one outlet's rows whose ``value`` is already sorted (nulls
    left out): quartiles and whiskers by position, no sort and no grouping.

    The dashboard keeps each outlet's sentences sorted by tone once, and a filter keeps
    that order, so a date-range change costs a filter per outlet instead of a sort.

    Examples
    --------
    >>> frame = pl.DataFrame({"article_id": list("aabbbc"),
    ...                       "compound": [-1.0, 0.0, 0.25, 0.5, 0.5, 0.75]})
    >>> sorted_box_stats(frame, value="compound", source="X").select("median", "lowerfence").row(0)
    (0.375, 0.0)
    """
    values = frame.get_column(value).to_numpy()
    if values.size == 0:
        return box_stats(frame.with_columns(pl.lit(source).alias("source")), value=value,
                         by="source")  # fmt: skip
    q1, median, q3 = (_linear_quantile(values, q) for q in (0.25, 0.5, 0.75))
    reach = (q3 - q1) * 1.5
    low = values[np.searchsorted(values, q1 - reach, side="left")]
    high = values[np.searchsorted(values, q3 + reach, side="right") - 1]
    return pl.DataFrame(
        {
            "source": [source],
            "q1": [float(q1)],
            "median": [float(median)],
            "q3": [float(q3)],
            "lowerfence": [float(low)],
            "upperfence": [float(high)],
            "mean": [frame.get_column(value).cast(pl.Float64).mean()],
            "n": [values.size],
            "n_articles": [frame.get_column("article_id").n_unique()],
        },
        schema={"source": pl.String, **dict.fromkeys(
            ("q1", "median", "q3", "lowerfence", "upperfence", "mean"), pl.Float64),
            "n": pl.Int64, "n_articles": pl.Int64},
    )  # fmt: skip


def _linear_quantile(values: np.ndarray, quantile: float) -> float:
    # Polars' linear interpolation, step for step, so the numbers match box_stats' exactly
    # (numpy's formula differs in the last bit).
    position = (values.size - 1) * quantile
    below = int(np.floor(position))
    lower, upper = float(values[below]), float(values[int(np.ceil(position))])
    return lower if lower == upper else (position - below) * (upper - lower) + lower
