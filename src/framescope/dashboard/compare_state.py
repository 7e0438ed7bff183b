"""What the Compare view computes: the outlets side by side on one actor. No Panel here.

One long table (:data:`SCHEMA`), one row per outlet x measure x item:

``tone``
    the mean tone of the sentences mentioning the actor (item: the sentiment method), with a
    95% interval over the whole filtered selection (not per period): the article-cluster
    bootstrap ``timeseries`` draws, or for an outlet with more than
    :data:`BOOTSTRAP_MAX_ARTICLES` articles its normal approximation; an outlet with one such
    article has no interval;
``labels``
    what the outlet calls the actor (share of the actor's labels);
``war_terms``, ``voices``, ``frames``
    how the war is named, who is quoted, the frame cues (shares, the article text's);
``figures``
    the numeric claims by metric (``share`` of the outlet's claims, ``per_article``).

Every outlet of the selection has its rows, zeros included, so an absence shows. Shares come
from the store's cell counts (``DataStore.shares``) and tone from per-cell sums of the
per-article tone (:func:`tone_cells`), so a filter change filters a few thousand cells; only
outlets small enough to bootstrap read their articles' rows.

``small_sample`` is the framing tables' rule (``framing.SMALL_SAMPLE_ROWS`` rows, 10 quotes)
and, for tone, fewer than ``SMALL_SAMPLE_ROWS`` sentences or a single article.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from statistics import NormalDist
from typing import TYPE_CHECKING

import polars as pl

from framescope import counting, display, framing
from framescope.dashboard import aggregates
from framescope.dashboard.state import N_BOOT

if TYPE_CHECKING:
    from framescope.dashboard.state import DataStore

SCHEMA = pl.Schema(
    {
        "source": pl.String(),
        "measure": pl.String(),
        "item": pl.String(),
        "n": pl.Int64(),
        "n_total": pl.Int64(),
        "n_articles": pl.Int64(),
        "share": pl.Float64(),
        "per_article": pl.Float64(),
        "mean": pl.Float64(),
        "ci_low": pl.Float64(),
        "ci_high": pl.Float64(),
        "interval": pl.String(),
        "small_sample": pl.Boolean(),
    }
)
"""Columns of :func:`comparison`: ``n`` rows of the item (tone: sentences), ``n_total`` rows
of the measure in the outlet, ``n_articles`` the outlet's articles (tone: those with a scored
sentence mentioning the actor), ``share`` = ``n / n_total``, ``per_article`` = ``n /
n_articles``, ``mean`` and its interval (tone only) with how it was drawn (``interval``)."""

BOOTSTRAP_MAX_ARTICLES = 200
"""Above this many articles an outlet's tone interval is the normal approximation over
articles (:func:`outlet_tone`), not the bootstrap: the bootstrap costs resamples x
articles, seconds per filter change at 100,000 articles. On that benchmark build, at 200
articles the two intervals' ends differed by at most 6.7% of the interval's width (median
1.9%), about what two bootstrap seeds differ by (4.1%, median 1.7%)."""
BOOTSTRAP = "article bootstrap"
NORMAL = "normal approximation over articles"

MEASURES: dict[str, tuple[str, str]] = {
    # measure: (the build's table, the column broken down by)
    "labels": ("labels", "label"),
    "war_terms": ("war_terms", "term"),
    "voices": ("quotes", "voice"),
    "frames": ("frames", "frame"),
    "figures": ("figures", "metric"),
}
"""The share measures in the order the view draws them, after ``tone``."""

NAME_KINDS: dict[str, display.Kind | None] = {
    "labels": None,  # descriptors are words already: shown as written (humanised)
    "war_terms": "term",
    "voices": "voice",
    "frames": "frame",
    "figures": "metric",
}
"""The :class:`~framescope.display.DisplayNames` kind of each measure's items."""

COLOUR_KINDS = {"labels": "label", "war_terms": "term", "voices": "voice", "frames": "frame",
                "figures": "metric"}  # fmt: skip
"""The ``encoding.category_order`` kind each measure's colours follow."""

NO_METRIC = "numbers tied to no metric"
"""The name of the ``other`` metric in the chart."""
NO_METRIC_COLOUR = "#969696"
"""Claims tied to no profile metric: grey, darker than ``encoding.OTHER`` (a panel's rest)."""

DEPENDS = (
    "sources", "date_range", "include_duplicates", "one_per_story", "field", "actor", "method",
)  # fmt: skip
"""The store parameters the comparison follows."""


def tone_cells(per_article: pl.DataFrame) -> pl.DataFrame:
    """Per-article tone sums (``total``, ``n``: sentences) summed per cell
    (``aggregates.CELL``): articles, sentences, the sum of tone, and the sums of squares and
    products :func:`outlet_tone` needs for the spread between articles.

    A filter selects whole cells, so every outlet's mean and normal interval for any selection
    comes from these few thousand rows (``per_article`` needs ``article_id``, the cell's
    columns, ``total`` and ``n``).

    Examples
    --------
    >>> from datetime import date
    >>> per_article = pl.DataFrame({"article_id": ["a", "b"], "source": ["X", "X"],
    ...     "published": [date(2023, 3, 20)] * 2, "duplicate": [False] * 2,
    ...     "syndicated": [False] * 2, "total": [1.0, -1.0], "n": [2, 2]})
    >>> tone_cells(per_article).select("n_articles", "n_sentences", "total", "total_sq").rows()
    [(2, 4, 0.0, 2.0)]
    """
    n = pl.col("n").cast(pl.Float64)
    return per_article.group_by(*aggregates.CELL).agg(
        pl.len().cast(pl.Int64).alias("n_articles"),
        pl.col("n").sum().cast(pl.Int64).alias("n_sentences"),
        pl.col("total").sum(),
        (pl.col("total") ** 2).sum().alias("total_sq"),
        (pl.col("total") * n).sum().alias("total_n"),
        (n**2).sum().alias("n_sq"),
    )


def outlet_tone(cells: pl.DataFrame, *, level: float = 0.95) -> pl.DataFrame:
    """Mean sentence tone per outlet from selected :func:`tone_cells`, with the interval of
    the normal approximation over articles (clusters): the ratio estimator's variance
    ``k / (k - 1) * sum((total - mean * n) ** 2) / N ** 2`` for ``k`` articles and ``N``
    sentences. No interval for one article, as the bootstrap gives none.

    Returns ``source``, ``n_sentences``, ``n_articles``, ``mean_tone``, ``ci_low`` and
    ``ci_high``, sorted by outlet.

    Examples
    --------
    >>> cells = pl.DataFrame({"source": ["X"], "n_articles": [2], "n_sentences": [4],
    ...     "total": [0.0], "total_sq": [2.0], "total_n": [0.0], "n_sq": [8.0]})
    >>> outlet_tone(cells).select("mean_tone", pl.col("ci_low", "ci_high").round(3)).row(0)
    (0.0, -0.98, 0.98)
    """
    if not 0 < level < 1:
        msg = f"level: {level!r} is not strictly between 0 and 1"
        raise ValueError(msg)
    z = NormalDist().inv_cdf(1 - (1 - level) / 2)
    k = pl.col("n_articles").cast(pl.Float64)
    mean = pl.col("total") / pl.col("n_sentences")
    # sum((t - m n)^2) from the cells' sums; never below 0 (rounding).
    squares = (pl.col("total_sq") - 2 * mean * pl.col("total_n") + mean**2 * pl.col("n_sq")).clip(
        lower_bound=0
    )
    error = (k / (k - 1) * squares).sqrt() / pl.col("n_sentences") * z
    return (
        cells.group_by("source")
        .agg(pl.col("n_articles", "n_sentences", "total", "total_sq", "total_n", "n_sq").sum())
        .filter(pl.col("n_sentences") > 0)
        .select(
            "source",
            pl.col("n_sentences").cast(pl.Int64),
            pl.col("n_articles").cast(pl.Int64),
            mean.alias("mean_tone"),
            pl.when(k > 1).then(mean - error).alias("ci_low"),
            pl.when(k > 1).then(mean + error).alias("ci_high"),
        )
        .sort("source")
    )


def bootstrap_groups(per_article: pl.DataFrame) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Outlets' per-article tone sums (``article_id``, ``source``, ``total``, ``n``) laid
    out for ``aggregates.intervals``: groups (``source``, ``n_articles``, ``members``, a
    fingerprint of the articles) and the rows sorted so each outlet's are contiguous, in the
    order the bootstrap draws.

    Examples
    --------
    >>> per_article = pl.DataFrame({"article_id": ["b", "a", "c"], "source": ["X", "X", "Y"],
    ...                             "total": [0.5, -0.5, 0.9], "n": [2, 1, 1]})
    >>> groups, rows = bootstrap_groups(per_article)
    >>> groups.select("source", "n_articles").rows(), rows["article_id"].to_list()
    ([('X', 2), ('Y', 1)], ['a', 'b', 'c'])
    """
    rows = per_article.select("article_id", "source", "total", "n").sort("source", "article_id")
    groups = rows.group_by("source", maintain_order=True).agg(
        pl.len().cast(pl.Int64).alias("n_articles"),
        pl.col("article_id").hash(seed=7).sum().alias("members"),
    )
    return groups, rows


def tone_rows(
    tone: pl.DataFrame,
    *,
    sources: Sequence[str],
    method: str,
    min_n: int = framing.SMALL_SAMPLE_ROWS,
    bootstrap_max: int = BOOTSTRAP_MAX_ARTICLES,
) -> pl.DataFrame:
    """The ``tone`` rows of :data:`SCHEMA` from :func:`outlet_tone`'s table (its intervals
    replaced by the bootstrap's up to ``bootstrap_max`` articles); every outlet of
    ``sources`` has one (``n`` 0 and no mean when none of its sentences mentions the actor).
    Small: fewer than ``min_n`` sentences or one article. ``interval`` names how the bounds
    were drawn.

    Examples
    --------
    >>> tone = pl.DataFrame({"source": ["X"], "n_sentences": [3], "n_articles": [1],
    ...                      "mean_tone": [0.2], "ci_low": [None], "ci_high": [None]},
    ...                     schema_overrides={"ci_low": pl.Float64, "ci_high": pl.Float64})
    >>> tone_rows(tone, sources=["X", "Y"], method="vader").select(
    ...     "source", "n", "mean", "ci_low", "small_sample").rows()
    [('X', 3, 0.2, None, True), ('Y', 0, None, None, True)]
    """
    every = pl.DataFrame({"source": list(dict.fromkeys(sources))}, schema={"source": pl.String})
    found = tone.select(
        "source",
        pl.col("n_sentences").alias("n"),
        "n_articles",
        pl.col("mean_tone").alias("mean"),
        pl.col("ci_low").fill_nan(None),
        pl.col("ci_high").fill_nan(None),
    )
    return (
        every.join(found, on="source", how="left")
        .with_columns(pl.col("n", "n_articles").fill_null(0))
        .with_columns(
            pl.lit("tone").alias("measure"),
            pl.lit(method).alias("item"),
            pl.col("n").alias("n_total"),
            pl.lit(None, pl.Float64).alias("share"),
            pl.lit(None, pl.Float64).alias("per_article"),
            pl.when(pl.col("ci_low").is_null())
            .then(None)
            .when(pl.col("n_articles") <= bootstrap_max)
            .then(pl.lit(BOOTSTRAP))
            .otherwise(pl.lit(NORMAL))
            .alias("interval"),
            ((pl.col("n") < min_n) | (pl.col("n_articles") < 2)).alias("small_sample"),
        )
        .select(list(SCHEMA))
        .cast(SCHEMA)
    )


def share_rows(shares: pl.DataFrame, outlets: pl.DataFrame, *, measure: str) -> pl.DataFrame:
    """The rows of one share measure (:data:`MEASURES`) from ``DataStore.shares``' table
    (``source``, the measure's column, ``n``, ``n_source``, ``share``, ``small_sample``) and
    ``outlets`` (``source``, ``n_articles``: the selection's articles per outlet); an empty
    frame of :data:`SCHEMA` when the build has no such table.

    Examples
    --------
    >>> shares = pl.DataFrame({"source": ["X", "X"], "term": ["war", "crisis"], "n": [3, 1],
    ...     "n_source": [4, 4], "share": [0.75, 0.25], "small_sample": [True, True]})
    >>> outlets = pl.DataFrame({"source": ["X"], "n_articles": [2]})
    >>> share_rows(shares, outlets, measure="war_terms").select(
    ...     "item", "n", "share", "per_article").rows()
    [('crisis', 1, 0.25, 0.5), ('war', 3, 0.75, 1.5)]
    """
    if measure not in MEASURES:
        msg = f"measure: {measure!r} is not one of {list(MEASURES)}"
        raise ValueError(msg)
    column = MEASURES[measure][1]
    if shares.is_empty():
        return pl.DataFrame(schema=SCHEMA)
    return (
        shares.select(
            "source", pl.col(column).alias("item"), "n", "n_source", "share", "small_sample"
        )
        .join(outlets.select("source", "n_articles"), on="source", how="left")
        .with_columns(
            pl.lit(measure).alias("measure"),
            pl.col("n_source").alias("n_total"),
            pl.col("n_articles").fill_null(0),
            pl.when(pl.col("n_articles") > 0)
            .then(pl.col("n") / pl.col("n_articles"))
            .alias("per_article"),
            *(pl.lit(None, pl.Float64).alias(c) for c in ("mean", "ci_low", "ci_high")),
            pl.lit(None, pl.String).alias("interval"),
        )
        .select(list(SCHEMA))
        .cast(SCHEMA)
        .sort("source", "item")
    )


def outlet_order(rows: pl.DataFrame) -> list[str]:
    """The outlets top to bottom: by mean tone, most negative first; outlets whose sentences
    never mention the actor last; ties by name.

    Examples
    --------
    >>> rows = pl.DataFrame({"source": ["A", "B", "C", "D"], "measure": ["tone"] * 4,
    ...                      "mean": [0.3, None, -0.1, 0.3]})
    >>> outlet_order(rows)
    ['C', 'A', 'D', 'B']
    """
    tone = rows.filter(pl.col("measure") == "tone")
    return (
        tone.sort("mean", "source", nulls_last=True)["source"].unique(maintain_order=True).to_list()
    )


def named(rows: pl.DataFrame, names: display.DisplayNames) -> pl.DataFrame:
    """``rows`` with ``name``: each item as a reader sees it (the measure's kind in
    :data:`NAME_KINDS`; labels and unnamed ids humanised). The ids stay in ``item``.

    Examples
    --------
    >>> rows = pl.DataFrame({"measure": ["war_terms", "labels"],
    ...                      "item": ["special_military_operation", "head of state"]})
    >>> named(rows, display.DisplayNames({"term": {"special_military_operation": "SMO"}}))[
    ...     "name"].to_list()
    ['SMO', 'head of state']
    """
    mapping = {
        (measure, item): (names.name(kind, item) if kind is not None else display.humanise(item))
        for measure, item in rows.select("measure", "item").unique().iter_rows()
        for kind in [NAME_KINDS.get(measure)]
    }
    # A number the profile ties to no metric: "other" alone would read as a panel's rest.
    if ("figures", "other") in mapping:
        mapping["figures", "other"] = NO_METRIC
    return rows.with_columns(
        pl.Series(
            "name",
            [mapping[key] for key in rows.select("measure", "item").iter_rows()],
            dtype=pl.String,
        )
    )


def mentioned(rows: pl.DataFrame) -> bool:
    """Whether any selected outlet's sentences mention the actor (scored or labelled).

    Examples
    --------
    >>> mentioned(pl.DataFrame({"measure": ["tone", "war_terms"], "n": [0, 5]}))
    False
    """
    about = rows.filter(pl.col("measure").is_in(["tone", "labels"]))
    return bool(about.get_column("n").sum() > 0)


# -- from the store ----------------------------------------------------------------------


def _tone_sums(store: DataStore) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Per-article tone sums over the actor's sentences with each article's cell, and their
    :func:`tone_cells`: once per method, actor and field, for every session."""
    actor = store.actor

    def build() -> tuple[pl.DataFrame, pl.DataFrame]:
        if "sentiment" in store.tables and actor is not None:
            # Per-article sums over the actor's sentences, shared with the Sentiment view.
            tone = store._article_tone(actor)
        else:
            tone = pl.DataFrame(schema={"article_id": pl.String, "total": pl.Float64,
                                        "n": pl.Int64})  # fmt: skip
        articles = store.tables.slim("articles").select(
            "article_id", "source", "published", *counting.flags()
        )
        per_article = tone.join(articles, on="article_id")
        return per_article, tone_cells(per_article)

    return store.tables.derived(("compare tone", store.method, actor, store.field), build)


def _tone(store: DataStore, outlets: Sequence[str]) -> pl.DataFrame:
    """The ``tone`` rows for the store's actor, method, field and selection: the normal
    interval from cells, the bootstrap's (kept for every session under the articles it was
    drawn from) for outlets of up to :data:`BOOTSTRAP_MAX_ARTICLES` articles."""
    per_article, cells = _tone_sums(store)
    # The store's own filter over cells, as every cell count of the dashboard is filtered.
    selected = store._selection(flagged=True)
    tone = outlet_tone(cells.filter(selected))
    few = tone.filter(pl.col("n_articles").is_between(2, BOOTSTRAP_MAX_ARTICLES))["source"]
    if few.is_empty():
        return tone_rows(tone, sources=outlets, method=store.method)
    groups, rows = bootstrap_groups(
        per_article.filter(selected, pl.col("source").is_in(few.implode()))
    )
    bounds = store.tables.derived(("compare intervals",), dict)
    prefix = (store.method, store.actor, store.field)
    wanted = [(*prefix, *row) for row in groups.select("source", "n_articles", "members").rows()]
    low, high = aggregates.kept_intervals(
        bounds,
        wanted,
        groups=[("compare", key[len(prefix)]) for key in wanted],
        sizes=groups.get_column("n_articles").to_numpy(),
        totals=rows.get_column("total").to_numpy(),
        counts=rows.get_column("n").to_numpy(),
        n_boot=N_BOOT,
    )
    drawn = pl.DataFrame(
        {"source": [key[len(prefix)] for key in wanted], "boot_low": low, "boot_high": high},
        schema={"source": pl.String, "boot_low": pl.Float64, "boot_high": pl.Float64},
    )
    tone = (
        tone.join(drawn, on="source", how="left")
        .with_columns(
            pl.coalesce("boot_low", "ci_low").alias("ci_low"),
            pl.coalesce("boot_high", "ci_high").alias("ci_high"),
        )
        .drop("boot_low", "boot_high")
    )
    return tone_rows(tone, sources=outlets, method=store.method)


def claim_shares(store: DataStore) -> pl.DataFrame:
    """``DataStore.shares("figures", "metric")`` from the figures' ids and metrics only: the
    store would read the whole table, sentences included (130 MB at 100,000 articles, 11 MB
    without them). An empty frame when the build has no figures."""
    if "figures" not in store.tables:
        return pl.DataFrame()
    field = store.field_of("figures")

    def build() -> pl.DataFrame:
        metrics = store.tables.scan("figures", field).select("article_id", "metric").collect()
        return aggregates.cell_counts(metrics, store.tables.slim("articles"), by=["metric"])

    cells = store.tables.derived(("compare claim cells", field), build)
    return aggregates.shares(
        cells.filter(store._selection(flagged=True)), store.articles(), by="metric"
    )


def comparison(store: DataStore) -> pl.DataFrame:
    """The Compare view's table (:data:`SCHEMA`) for the store's actor and filters, shared by
    every session with the same filters."""

    def build() -> pl.DataFrame:
        outlets = (
            store.articles().group_by("source").agg(pl.len().cast(pl.Int64).alias("n_articles"))
        )
        parts = [_tone(store, sorted(outlets["source"].to_list()))]
        for measure, (table, column) in MEASURES.items():
            if measure == "labels" and store.actor is None:
                continue
            if measure == "figures":
                shares = claim_shares(store)
            else:
                actor = store.actor if measure == "labels" else None
                shares = store.shares(table, column, actor=actor)
            parts.append(share_rows(shares, outlets, measure=measure))
        return pl.concat(parts)

    return store.shared("compare table", DEPENDS, build)


def measure_colours(store: DataStore) -> Mapping[str, Mapping[str, str]]:
    """Each share measure's colours by item id (``DataStore.category_colours``): the same as
    in the Framing view. A claim tied to no metric (``other``) is a grey darker than the
    summed rest of a panel."""
    colours = {measure: store.category_colours(kind) for measure, kind in COLOUR_KINDS.items()}
    return {**colours, "figures": {**colours["figures"], "other": NO_METRIC_COLOUR}}
