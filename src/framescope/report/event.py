"""Choices a notebook makes from the build when its settings leave them open, and the
figures of any event: which actors to follow, which value to read in context, the official
series the profile names (if any) and the figures by metric.

Nothing here names an event: the seed corpus and any other run through the same calls.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from pathlib import Path

import polars as pl

from framescope import claims
from framescope import profile as profiles

REFERENCE_LABELS = {"annual": "annual total", "ytd": "year to date"}
"""How :func:`official_lines` names each series of :func:`official_series` on a chart."""


def leading_actors(
    mentions: pl.DataFrame,
    topic: profiles.Profile,
    *,
    n: int = 2,
    kinds: Iterable[str] | None = None,
) -> list[str]:
    """The ``n`` actors mentioned in the most articles (ties: more mentions, then id).

    ``mentions`` is any table with ``article_id`` and ``actor``: the mentions, or the labels
    (then: the actors labelled in the most articles). Actors of ``kinds`` (profile actor
    kinds: ``"person"``, ``"organisation"``...) come first; when fewer than ``n`` of them are
    mentioned, the most mentioned of the other kinds fill the list. Actors the profile does
    not list are left out; so is anyone never mentioned.

    Examples
    --------
    >>> topic = profiles.load()
    >>> m = pl.DataFrame({"article_id": ["a", "a", "b", "b", "b"],
    ...     "actor": ["china", "xi_jinping", "china", "xi_jinping", "vladimir_putin"]})
    >>> leading_actors(m, topic)
    ['china', 'xi_jinping']
    >>> leading_actors(m, topic, kinds=["person"])
    ['xi_jinping', 'vladimir_putin']
    >>> leading_actors(m, topic, n=3, kinds=["person"])
    ['xi_jinping', 'vladimir_putin', 'china']
    """
    if n < 0:
        msg = f"n must be 0 or more, got {n!r}"
        raise ValueError(msg)
    kind_of = {actor.id: actor.kind for actor in topic.actors}
    wanted = set(kinds) if kinds is not None else set(kind_of.values())
    ranked = (
        mentions.filter(pl.col("actor").is_in(list(kind_of)))
        .group_by("actor")
        .agg(pl.col("article_id").n_unique().alias("articles"), pl.len().alias("mentions"))
        .with_columns(
            pl.col("actor")
            .replace_strict(kind_of, return_dtype=pl.String)
            .is_in(list(wanted))
            .alias("wanted")
        )
        .sort(["wanted", "articles", "mentions", "actor"], descending=[True, True, True, False])
    )
    return ranked["actor"].head(n).to_list()


def rarest(table: pl.DataFrame, articles: pl.DataFrame, column: str) -> str | None:
    """The value of ``column`` found in the fewest outlets (ties: fewest rows, then name):
    what sets one or two outlets apart. None when ``table`` is empty.

    Examples
    --------
    >>> frames = pl.DataFrame({"article_id": ["a", "b", "b", "a"],
    ...     "frame": ["economy", "economy", "power", "economy"]})
    >>> arts = pl.DataFrame({"article_id": ["a", "b"], "source": ["X", "Y"]})
    >>> rarest(frames, arts, "frame")
    'power'
    >>> rarest(frames.clear(), arts, "frame") is None
    True
    """
    counted = (
        table.join(articles.select("article_id", "source"), on="article_id", how="left")
        .group_by(column)
        .agg(pl.col("source").n_unique().alias("outlets"), pl.len().alias("rows"))
        .sort("outlets", "rows", column, nulls_last=True)
    )
    return None if counted.is_empty() else counted[column][0]


def names_reference(topic: profiles.Profile) -> bool:
    """Whether the profile's ``[reference]`` names any official series file.

    Examples
    --------
    >>> names_reference(profiles.load()), names_reference(profiles.load_base())
    (True, False)
    """
    return any(getattr(topic.reference, kind) for kind in profiles.REFERENCE_KINDS)


def official_series(
    topic: profiles.Profile, folder: str | Path | None = None
) -> dict[str, pl.DataFrame]:
    """The official statistics ``topic``'s ``[reference]`` names
    (:func:`framescope.claims.official.named`).

    Examples
    --------
    >>> {k: v.height for k, v in official_series(profiles.load_base()).items()}
    {'annual': 0, 'ytd': 0, 'targets': 0}
    """
    return claims.official.named(topic.reference, folder)


def reference_note(topic: profiles.Profile, official: Mapping[str, pl.DataFrame]) -> str:
    """One line saying which official series the profile configures, or that it names none.

    Examples
    --------
    >>> base = profiles.load_base()
    >>> reference_note(base, official_series(base))[:59]
    "No official series is configured: profile 'base' names no ["
    """
    if not names_reference(topic):
        return (
            f"No official series is configured: profile {topic.id!r} names no [reference] "
            "files, so the claims are listed by metric and not checked against official "
            "statistics."
        )
    named = [
        f"{kind} = {getattr(topic.reference, kind)} ({official[key].height} rows)"
        for kind, key in zip(profiles.REFERENCE_KINDS, ("annual", "ytd", "targets"), strict=True)
        if getattr(topic.reference, kind)
    ]
    return f"Official series of profile {topic.id!r}: " + "; ".join(named)


def official_lines(official: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """The annual and year-to-date series of :func:`official_series` as chart lines
    (:func:`framescope.report.reference_lines`), one per series and reporter, labelled
    ``"<reporter>: annual total"`` or ``"<reporter>: year to date"``.

    Examples
    --------
    >>> lines = official_lines(official_series(profiles.load()))
    >>> sorted(lines["label"].unique())
    ['China GAC: annual total', 'China GAC: year to date']
    """
    parts = [
        series.select(
            pl.col("period_end").alias("date"),
            (pl.col("value") / 1e9).alias("value_bn"),
            pl.format("{}: {}", pl.col("reporter").fill_null("official"), pl.lit(label)).alias(
                "label"
            ),
        )
        for key, label in REFERENCE_LABELS.items()
        if (series := official.get(key)) is not None
    ]
    schema = pl.Schema({"date": pl.Date, "value_bn": pl.Float64, "label": pl.String})
    if not parts:
        return pl.DataFrame(schema=schema)
    return pl.concat([part.cast(schema) for part in parts]).sort("label", "date")


def figures_by_metric(
    figures: pl.DataFrame, articles: pl.DataFrame, topic: profiles.Profile
) -> pl.DataFrame:
    """Every figure the build found, counted by metric (``other``: no profile metric) and unit.

    Returns
    -------
    DataFrame with ``metric``, ``label`` (the profile's, or a note for ``other``), ``unit``,
    ``figures``, ``articles``, ``outlets`` and ``examples`` (up to three distinct surfaces),
    the most frequent first; profile metrics no article states are listed with zero figures.

    Examples
    --------
    >>> figs = pl.DataFrame({"article_id": ["a", "a", "b"], "metric": ["bilateral_trade",
    ...     "other", "other"], "unit": ["USD", "count", "count"],
    ...     "surface": ["$200 billion", "12", "40"]})
    >>> arts = pl.DataFrame({"article_id": ["a", "b"], "source": ["X", "Y"]})
    >>> table = figures_by_metric(figs, arts, profiles.load())
    >>> table.select("metric", "figures", "outlets").rows()[:2]
    [('other', 2, 2), ('bilateral_trade', 1, 1)]
    """
    labels = {metric.id: metric.label or metric.id for metric in topic.metrics}
    other = "other: a number tied to no profile metric"
    found = (
        figures.join(articles.select("article_id", "source"), on="article_id", how="left")
        .group_by("metric", "unit")
        .agg(
            pl.len().alias("figures"),
            pl.col("article_id").n_unique().alias("articles"),
            pl.col("source").n_unique().alias("outlets"),
            pl.col("surface").unique(maintain_order=True).head(3).str.join(" · ").alias("examples"),
        )
        .with_columns(
            pl.col("figures").cast(pl.UInt32),
            pl.col("articles").cast(pl.UInt32),
            pl.col("outlets").cast(pl.UInt32),
        )
    )
    unstated = [metric for metric in labels if metric not in set(found["metric"].to_list())]
    missing = pl.DataFrame(
        {
            "metric": unstated,
            "unit": [None] * len(unstated),
            "figures": [0] * len(unstated),
            "articles": [0] * len(unstated),
            "outlets": [0] * len(unstated),
            "examples": [""] * len(unstated),
        },
        schema=found.schema,
    )
    return (
        pl.concat([found, missing])
        .with_columns(
            pl.col("metric")
            .replace_strict(labels, default=other, return_dtype=pl.String)
            .alias("label")
        )
        .sort(["figures", "metric", "unit"], descending=[True, False, False], nulls_last=True)
        .select("metric", "label", "unit", "figures", "articles", "outlets", "examples")
    )


def period_ratios(ledger: pl.DataFrame) -> pl.DataFrame:
    """Within one article, a metric stated for two or more calendar years in one unit: each
    year's value over the previous stated year's. It shows how an article's own numbers
    compare ("more than double" next to a ratio of 1.86).

    Returns
    -------
    DataFrame with ``source``, ``metric``, ``unit``, ``period_from``, ``period_to``,
    ``value_from``, ``value_to``, ``ratio`` (two decimals) and the later figure's ``sentence``.

    Examples
    --------
    >>> ledger = pl.DataFrame({"article_id": ["a", "a", "b"], "source": ["X", "X", "Y"],
    ...     "metric": ["surplus"] * 3, "unit": ["USD"] * 3, "value": [122e9, 227e9, 5e9],
    ...     "period": ["2021", "2022", "2022"], "sentence": ["s", "s", "t"]})
    >>> period_ratios(ledger).select("source", "period_from", "period_to", "ratio").rows()
    [('X', '2021', '2022', 1.86)]
    """
    keys = ["article_id", "metric", "unit"]
    return (
        ledger.filter(pl.col("period").str.contains(r"^\d{4}$").fill_null(False))
        .filter(pl.col("value").is_not_null() & (pl.col("value") != 0))
        .sort([*keys, "period"])
        .unique(subset=[*keys, "period"], keep="first", maintain_order=True)
        .with_columns(
            pl.col("period").shift(1).over(keys).alias("period_from"),
            pl.col("value").shift(1).over(keys).alias("value_from"),
        )
        .filter(pl.col("period_from").is_not_null())
        .select(
            "source",
            "metric",
            "unit",
            "period_from",
            pl.col("period").alias("period_to"),
            "value_from",
            pl.col("value").alias("value_to"),
            (pl.col("value") / pl.col("value_from")).round(2).alias("ratio"),
            "sentence",
        )
        .sort("source", "metric", "period_to")
    )
