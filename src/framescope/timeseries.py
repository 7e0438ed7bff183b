"""Time series for plots: period x source (x actor) aggregates with their counts behind them.

Every series row carries the raw numbers next to the normalised ones (``mentions`` and
``mentions_per_1k_words``, ``articles_mentioning`` and ``share_of_articles``) and the ``n``
behind the point (``articles``, ``n_sentences``, ``n_articles``), so a plot can show, filter
or caveat thin points instead of letting one article in a quiet week look like a trend.

Periods are ``framescope.periods``' (re-exported here): calendar days, ISO weeks and months,
or buckets of days from the event.

Which articles count
    Only articles with a known ``published`` date can be placed in a period; the rest are
    left out of every series and counted per source by :func:`undated`, so a notebook or
    the dashboard can say how many were set aside. Near-duplicates (``duplicate_of`` not
    null) are left out unless ``include_duplicates=True``: a wire story reprinted by three
    sites would otherwise count three times.

Tone intervals
    Sentences of one article share an author, a slant and a topic, so they are not
    independent draws; a sentence-level interval would be far too narrow. The interval is
    a percentile bootstrap over articles (clusters): each resample draws the group's
    articles with replacement and takes the mean over all sentences of the drawn articles.
    A group with one article has no interval (null): every resample would be that article
    again, and a zero-width band would read as certainty where there is no information.
    A group of fewer than :data:`SMALL_SAMPLE_ARTICLES` articles is flagged ``small_sample``:
    with so few clusters the resamples take few distinct values (three for two articles), so
    the interval is too narrow to trust, and a chart should say so rather than hide the point.

    The resamples are drawn from a counter-based generator (SplitMix64) keyed by the seed
    and the group's labels, so a group's interval depends only on its own sentences, the
    seed and ``n_boot``: hiding a source in the dashboard does not move the intervals of
    the others, and memory chunking does not change any number. Resample ``b`` of a group
    with ``k`` articles (sorted by ``article_id``) takes, as its ``j``-th draw, article
    ``floor(u * k)`` where ``u`` is output ``b * k + j`` of the stream.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from datetime import date

import numpy as np
import polars as pl

from framescope.counting import counted
from framescope.periods import (
    AXES,
    FREQS,
    period_end,
    period_label,
    period_middle,
    period_width,
    periods,
    relative_days,
)
from framescope.profile import Profile

__all__ = [
    "AXES",
    "FREQS",
    "SMALL_SAMPLE_ARTICLES",
    "mention_series",
    "mention_series_of",
    "milestones_frame",
    "period_end",
    "period_label",
    "period_middle",
    "period_width",
    "periods",
    "relative_days",
    "tone_series",
    "tone_table",
    "undated",
]

SMALL_SAMPLE_ARTICLES = 5
"""A tone series group of fewer articles than this is flagged ``small_sample``."""

# Elements per bootstrap work array (8 bytes each): ~32 MB, whatever the corpus size.
_BOOTSTRAP_CHUNK = 1 << 22

_GOLDEN = np.uint64(0x9E3779B97F4A7C15)
_MIX_1 = np.uint64(0xBF58476D1CE4E5B9)
_MIX_2 = np.uint64(0x94D049BB133111EB)


def undated(articles: pl.DataFrame, *, include_duplicates: bool = False) -> pl.DataFrame:
    """Articles left out of every series because their date is unknown, per source.

    Parameters
    ----------
    articles
        The articles table (``source``, ``published``, ``n_words``, ``duplicate_of``).
    include_duplicates
        Count near-duplicates too, as the series do when given the same option.

    Returns
    -------
    DataFrame with ``source``, ``articles`` (count) and ``words`` (their total ``n_words``),
    one row per source that has undated articles, sorted by source.

    Examples
    --------
    >>> articles = pl.DataFrame(
    ...     {"article_id": ["a", "b"], "source": ["x", "x"],
    ...      "published": [date(2023, 3, 20), None], "n_words": [100, 40],
    ...      "duplicate_of": [None, None]},
    ...     schema_overrides={"duplicate_of": pl.String},
    ... )
    >>> undated(articles).rows()
    [('x', 1, 40)]
    """
    return (
        _counted(articles, include_duplicates=include_duplicates)
        .filter(pl.col("published").is_null())
        .group_by("source")
        .agg(
            pl.len().cast(pl.Int64).alias("articles"),
            pl.col("n_words").sum().cast(pl.Int64).alias("words"),
        )
        .sort("source")
    )


def mention_series(
    mentions: pl.DataFrame,
    articles: pl.DataFrame,
    *,
    freq: str = "week",
    axis: str = "calendar",
    event_date: date | None = None,
    include_duplicates: bool = False,
    actors: list[str] | None = None,
) -> pl.DataFrame:
    """Actor mentions per period x source x actor, raw and normalised.

    Parameters
    ----------
    mentions
        The mentions table (``article_id``, ``actor``; one row per mention).
    articles
        The articles table (``article_id``, ``source``, ``published``, ``n_words``,
        ``duplicate_of``). Undated articles are left out (see :func:`undated`).
    freq, axis, event_date
        How dates become periods; see :func:`periods`.
    include_duplicates
        Count near-duplicates (``duplicate_of`` not null) as articles of their own.
    actors
        Actor ids to report. Default: every actor in ``mentions``, including those whose
        only mentions are in left-out articles. Give the profile's actor ids to also get
        all-zero rows for actors never mentioned.

    Returns
    -------
    DataFrame with one row per period x source with dated articles x actor, sorted so:

    - ``period`` (Date or Int64), ``source``, ``actor``
    - ``mentions``: mentions of the actor in the source's articles of the period
    - ``articles_mentioning``: those articles with at least one mention
    - ``articles``: all the source's articles of the period (the denominator)
    - ``words``: their total ``n_words``
    - ``mentions_per_1k_words``: ``mentions / words * 1000`` (null when ``words`` is 0)
    - ``share_of_articles``: ``articles_mentioning / articles``

    A period in which a source has articles but none mention an actor has a row of zeros
    for that actor, so plotted lines drop to zero instead of bridging the gap. A period in
    which a source has no dated article has no rows: there is nothing to measure there.

    Examples
    --------
    >>> articles = pl.DataFrame(
    ...     {"article_id": ["a", "b"], "source": ["x", "x"],
    ...      "published": [date(2023, 3, 20), date(2023, 3, 21)], "n_words": [100, 400],
    ...      "duplicate_of": [None, None]},
    ...     schema_overrides={"duplicate_of": pl.String},
    ... )
    >>> mentions = pl.DataFrame({"article_id": ["a", "a"], "actor": ["xi", "xi"]})
    >>> mention_series(mentions, articles).select(
    ...     "mentions", "articles", "mentions_per_1k_words", "share_of_articles"
    ... ).rows()
    [(2, 2, 4.0, 0.5)]
    """
    period = periods(pl.col("published"), freq=freq, axis=axis, event_date=event_date)
    dated = (
        _counted(articles, include_duplicates=include_duplicates)
        .filter(pl.col("published").is_not_null())
        .select("article_id", "source", period.alias("period"), "n_words")
    )
    totals = dated.group_by("period", "source").agg(
        pl.len().cast(pl.Int64).alias("articles"),
        pl.col("n_words").sum().cast(pl.Int64).alias("words"),
    )
    if actors is None:
        actors = mentions.get_column("actor").drop_nulls().unique().sort().to_list()
    counts = (
        mentions.select("article_id", "actor")
        .join(dated.select("article_id", "period", "source"), on="article_id")
        .group_by("period", "source", "actor")
        .agg(
            pl.len().cast(pl.Int64).alias("mentions"),
            pl.col("article_id").n_unique().cast(pl.Int64).alias("articles_mentioning"),
        )
    )
    return mention_series_of(counts, totals, actors)


def mention_series_of(
    counts: pl.DataFrame, totals: pl.DataFrame, actors: Sequence[str]
) -> pl.DataFrame:
    """:func:`mention_series` from its parts: ``counts`` (period, source, actor, mentions,
    articles_mentioning) and ``totals`` (period, source, articles, words); every period x
    source of ``totals`` gets a row per actor, zeros included.

    Examples
    --------
    >>> totals = pl.DataFrame({"period": [1], "source": ["X"], "articles": [2], "words": [500]})
    >>> counts = pl.DataFrame({"period": [1], "source": ["X"], "actor": ["xi"], "mentions": [3],
    ...     "articles_mentioning": [1]})
    >>> mention_series_of(counts, totals, ["xi"])["mentions_per_1k_words"].item()
    6.0
    """
    keys = ["period", "source", "actor"]
    return (
        totals.join(pl.DataFrame({"actor": list(actors)}, schema={"actor": pl.String}), how="cross")
        .join(counts, on=keys, how="left")
        .with_columns(pl.col("mentions", "articles_mentioning").fill_null(0))
        .select(
            *keys,
            "mentions",
            "articles_mentioning",
            "articles",
            "words",
            pl.when(pl.col("words") > 0)
            .then(pl.col("mentions") * 1000 / pl.col("words"))
            .alias("mentions_per_1k_words"),
            (pl.col("articles_mentioning") / pl.col("articles")).alias("share_of_articles"),
        )
        .sort(keys)
    )


def tone_series(
    sentiment: pl.DataFrame,
    articles: pl.DataFrame,
    *,
    method: str = "multilex",
    freq: str = "week",
    axis: str = "calendar",
    event_date: date | None = None,
    mentions: pl.DataFrame | None = None,
    actor: str | None = None,
    include_duplicates: bool = False,
    n_boot: int = 1000,
    seed: int = 0,
    level: float = 0.95,
) -> pl.DataFrame:
    """Mean sentence tone per period x source, with an article-cluster bootstrap interval.

    Parameters
    ----------
    sentiment
        The sentiment table (``article_id``, ``sentence_idx``, ``method``, ``compound``).
        Sentences with a null ``compound`` have no tone and are not counted.
    articles
        The articles table; undated articles are left out (see :func:`undated`).
    method
        The scorer whose ``compound`` is averaged. A method the (non-empty) table does not
        have is an error rather than an empty result, to catch typos.
    freq, axis, event_date
        How dates become periods; see :func:`periods`.
    mentions, actor
        With ``actor``, only sentences that mention that actor count (once each, however
        many times they mention it); ``mentions`` must then be given.
    include_duplicates
        Count near-duplicates (``duplicate_of`` not null) as articles of their own.
    n_boot, seed, level
        Bootstrap resamples, the seed of their generator and the interval's coverage.

    Returns
    -------
    DataFrame with one row per period x source with at least one scored sentence, sorted:
    ``period``, ``source``, (``actor`` when given), ``n_sentences``, ``n_articles``,
    ``mean_tone`` (mean of the sentences' ``compound``), ``ci_low``, ``ci_high`` (null
    when ``n_articles`` is 1: no interval can be had from one article), ``rule`` (how
    the numbers were made, for captions) and ``small_sample`` (fewer than
    :data:`SMALL_SAMPLE_ARTICLES` articles). The interval method is in the module docstring.

    Raises
    ------
    ValueError
        If ``actor`` comes without ``mentions``, ``method`` is not in ``sentiment``,
        ``n_boot`` is below 1, ``level`` is not strictly between 0 and 1, or a period
        option is invalid (see :func:`periods`).

    Examples
    --------
    >>> articles = pl.DataFrame(
    ...     {"article_id": ["a", "b"], "source": ["x", "x"],
    ...      "published": [date(2023, 3, 20), date(2023, 3, 21)], "n_words": [10, 10],
    ...      "duplicate_of": [None, None]},
    ...     schema_overrides={"duplicate_of": pl.String},
    ... )
    >>> sentiment = pl.DataFrame(
    ...     {"article_id": ["a", "a", "b"], "sentence_idx": [0, 1, 0],
    ...      "method": ["multilex"] * 3, "compound": [0.5, 0.0, -0.5]}
    ... )
    >>> result = tone_series(sentiment, articles)
    >>> result.select("n_sentences", "n_articles", "mean_tone").rows()
    [(3, 2, 0.0)]
    >>> result["rule"][0]
    'mean of sentence MULTILEX compound; 95% CI: article-cluster bootstrap, 1000 resamples'
    """
    period = periods(pl.col("published"), freq=freq, axis=axis, event_date=event_date)
    if actor is not None and mentions is None:
        msg = f"mentions: None; actor={actor!r} needs the mentions table"
        raise ValueError(msg)
    if isinstance(n_boot, bool) or not isinstance(n_boot, int) or n_boot < 1:
        msg = f"n_boot: {n_boot!r} is not a whole number of resamples >= 1"
        raise ValueError(msg)
    if not 0 < level < 1:
        msg = f"level: {level!r} is not strictly between 0 and 1"
        raise ValueError(msg)
    methods = sentiment.get_column("method").unique().sort().to_list()
    if methods and method not in methods:
        msg = f"method: {method!r} is not in the sentiment table; it has {methods}"
        raise ValueError(msg)

    scored = sentiment.filter(pl.col("method") == method, pl.col("compound").is_not_null()).select(
        "article_id", pl.col("sentence_idx").cast(pl.Int64), "compound"
    )
    if actor is not None and mentions is not None:
        mentioning = mentions.filter(pl.col("actor") == actor).select(
            "article_id", pl.col("sentence_idx").cast(pl.Int64)
        )
        scored = scored.join(mentioning, on=["article_id", "sentence_idx"], how="semi")
    dated = (
        _counted(articles, include_duplicates=include_duplicates)
        .filter(pl.col("published").is_not_null())
        .select("article_id", "source", period.alias("period"))
    )
    # One row per article, sorted so that each group's articles are contiguous and in a
    # fixed order: the bootstrap draws positions within a group, not article ids.
    per_article = (
        scored.join(dated, on="article_id")
        .group_by("period", "source", "article_id")
        .agg(pl.col("compound").sum().alias("total"), pl.len().cast(pl.Int64).alias("n"))
        .sort("period", "source", "article_id")
    )
    groups = per_article.group_by("period", "source", maintain_order=True).agg(
        pl.col("n").sum().alias("n_sentences"),
        pl.len().cast(pl.Int64).alias("n_articles"),
        (pl.col("total").sum() / pl.col("n").sum()).alias("mean_tone"),
    )
    low, high = _interval(
        groups.select("period", "source").rows(),
        groups.get_column("n_articles").to_numpy(),
        per_article.get_column("total").to_numpy(),
        per_article.get_column("n").to_numpy(),
        n_boot=n_boot,
        seed=seed,
        level=level,
    )
    return tone_table(groups, low, high, method=method, actor=actor, n_boot=n_boot, level=level)


def tone_table(
    groups: pl.DataFrame,
    low: np.ndarray,
    high: np.ndarray,
    *,
    method: str,
    actor: str | None,
    n_boot: int,
    level: float = 0.95,
) -> pl.DataFrame:
    """:func:`tone_series`'s table from its groups (period, source, n_sentences, n_articles,
    mean_tone) and each group's interval bounds (NaN: none).

    Examples
    --------
    >>> groups = pl.DataFrame({"period": [1], "source": ["X"], "n_sentences": [3],
    ...     "n_articles": [1], "mean_tone": [0.2]})
    >>> table = tone_table(groups, np.array([np.nan]), np.array([np.nan]), method="vader",
    ...     actor=None, n_boot=10)
    >>> table.select("ci_low", "small_sample").row(0)
    (None, True)
    """
    rule = (
        f"mean of sentence {method.upper()} compound; {level * 100:g}% CI: "
        f"article-cluster bootstrap, {n_boot} resamples"
    )
    actor_column = [] if actor is None else [pl.lit(actor, dtype=pl.String).alias("actor")]
    return groups.select(
        "period",
        "source",
        *actor_column,
        "n_sentences",
        "n_articles",
        "mean_tone",
        pl.Series("ci_low", low, dtype=pl.Float64).fill_nan(None),
        pl.Series("ci_high", high, dtype=pl.Float64).fill_nan(None),
        pl.lit(rule, dtype=pl.String).alias("rule"),
        (pl.col("n_articles") < SMALL_SAMPLE_ARTICLES).alias("small_sample"),
    )


def milestones_frame(profile: Profile, *, event_date: date | None = None) -> pl.DataFrame:
    """The profile's milestones as a frame for plots, with their offsets from the event.

    ``event_date`` is day 0 when given, else the profile's; with neither (a profile that
    names no event) ``days_from_event`` is null.

    Returns
    -------
    DataFrame with ``id``, ``date``, ``end`` (null for one-day milestones), ``label`` and
    ``days_from_event`` (of ``date``, as on the event axis of :func:`periods`), in profile
    order.

    Examples
    --------
    >>> from framescope import profile
    >>> frame = milestones_frame(profile.load())
    >>> frame.filter(pl.col("id") == "visit").select("date", "end", "days_from_event").row(0)
    (datetime.date(2023, 3, 20), datetime.date(2023, 3, 22), 0)
    """
    frame = pl.DataFrame(
        {
            "id": [m.id for m in profile.milestones],
            "date": [m.date for m in profile.milestones],
            "end": [m.end for m in profile.milestones],
            "label": [m.label for m in profile.milestones],
        },
        schema={"id": pl.String, "date": pl.Date, "end": pl.Date, "label": pl.String},
    )
    day0 = event_date or profile.event_date
    offsets = relative_days(pl.col("date"), day0) if day0 is not None else pl.lit(None, pl.Int64)
    return frame.with_columns(offsets.alias("days_from_event"))


def _counted(articles: pl.DataFrame, *, include_duplicates: bool) -> pl.DataFrame:
    return articles.filter(counted(include_duplicates=include_duplicates))


def _stream_key(seed: int, group: tuple[object, ...]) -> int:
    # blake2b rather than hash() or polars' hash: both change between runs or versions.
    text = "\x1f".join(str(part) for part in (seed, *group))
    return int.from_bytes(hashlib.blake2b(text.encode(), digest_size=8).digest(), "little")


def _uniforms(keys: np.ndarray, counters: np.ndarray) -> np.ndarray:
    """Output ``counters`` of the SplitMix64 streams seeded by ``keys``, as floats in [0, 1)."""
    z = keys + (counters + np.uint64(1)) * _GOLDEN  # uint64 arrays wrap, as SplitMix64 needs
    z = (z ^ (z >> np.uint64(30))) * _MIX_1
    z = (z ^ (z >> np.uint64(27))) * _MIX_2
    z ^= z >> np.uint64(31)
    return (z >> np.uint64(11)).astype(np.float64) * 2.0**-53


def _interval(
    groups: list[tuple[object, ...]],
    sizes: np.ndarray,
    totals: np.ndarray,
    counts: np.ndarray,
    *,
    n_boot: int,
    seed: int,
    level: float,
) -> tuple[np.ndarray, np.ndarray]:
    """Bootstrap interval bounds per group (NaN for groups of one article).

    ``totals`` and ``counts`` are per-article sentence sums and counts, grouped
    contiguously in the order of ``groups``, whose article counts are ``sizes``.
    """
    low = np.full(len(groups), np.nan)
    high = np.full(len(groups), np.nan)
    chosen = np.flatnonzero(sizes >= 2)
    if chosen.size == 0:
        return low, high
    keep = np.repeat(sizes >= 2, sizes)
    totals, counts, sizes = totals[keep], counts[keep].astype(np.float64), sizes[chosen]
    keys = np.array([_stream_key(seed, groups[g]) for g in chosen], dtype=np.uint64)
    starts = np.cumsum(sizes) - sizes
    # Batches of whole groups keep each work array near _BOOTSTRAP_CHUNK elements; one
    # large group alone is split over resamples instead.
    batch = starts // max(1, _BOOTSTRAP_CHUNK // n_boot)
    edges = [*np.flatnonzero(np.diff(batch)) + 1, len(sizes)]
    means = np.empty((n_boot, len(sizes)))
    first = 0
    for last in edges:
        means[:, first:last] = _resample_means(
            keys[first:last],
            sizes[first:last],
            starts[first:last],
            totals,
            counts,
            n_boot=n_boot,
        )
        first = last
    alpha = 1 - level
    low[chosen], high[chosen] = np.quantile(means, [alpha / 2, 1 - alpha / 2], axis=0)
    return low, high


def _resample_means(
    keys: np.ndarray,
    sizes: np.ndarray,
    starts: np.ndarray,
    totals: np.ndarray,
    counts: np.ndarray,
    *,
    n_boot: int,
) -> np.ndarray:
    """Resampled means, shape (n_boot, groups): column ``j`` of a row is one draw."""
    local_starts = np.cumsum(sizes) - sizes
    owner = np.repeat(np.arange(len(sizes)), sizes)
    draw = (np.arange(sizes.sum()) - local_starts[owner]).astype(np.uint64)
    size = sizes[owner]
    key, base = keys[owner], starts[owner]
    means = np.empty((n_boot, len(sizes)))
    step = max(1, _BOOTSTRAP_CHUNK // len(draw))
    for first in range(0, n_boot, step):
        resample = np.arange(first, min(first + step, n_boot), dtype=np.uint64)[:, None]
        u = _uniforms(key, resample * size.astype(np.uint64) + draw)
        picked = base + np.minimum((u * size).astype(np.int64), size - 1)
        sums = np.add.reduceat(totals[picked], local_starts, axis=1)
        n = np.add.reduceat(counts[picked], local_starts, axis=1)
        means[first : first + len(resample)] = sums / n
    return means
