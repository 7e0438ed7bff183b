"""The claim ledger: the same numeric claim across outlets, and where the reports diverge.

Read by the dashboard's trade view and the trade-figures notebook; the figures it aligns come
from :func:`framescope.claims.extract`.
"""

from __future__ import annotations

import math
from typing import Any

import polars as pl

from framescope.claims.extract import FIGURE_SCHEMA, require
from framescope.counting import counted
from framescope.profile import Profile

LEDGER_SCHEMA = pl.Schema(
    {
        "claim": pl.String(),
        "metric": pl.String(),
        "unit": pl.String(),
        "claim_value": pl.Float64(),
        "n_reports": pl.UInt32(),
        "n_outlets": pl.UInt32(),
        "source": pl.String(),
        "published": pl.Date(),
        "article_id": pl.String(),
        "sentence_idx": pl.Int32(),
        "surface": pl.String(),
        "value": pl.Float64(),
        "kind": pl.String(),
        "period": pl.String(),
        "speaker": pl.String(),
        "hedged": pl.Boolean(),
        "qualifier": pl.String(),
        "sentence": pl.String(),
        "period_differs": pl.Boolean(),
        "rounding": pl.Boolean(),
        "target_as_fact": pl.Boolean(),
        "hedging_differs": pl.Boolean(),
        "divergences": pl.List(pl.String()),
    }
)
"""Columns of the ledger: one row per outlet report of a claim, the claim's flags repeated."""

_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£"}
_WORDS_AFTER = {"CNY": " yuan", "RUB": " roubles"}


def _plain(number: float) -> str:
    return f"{number:,.2f}".rstrip("0").rstrip(".")


def format_value(value: float, unit: str) -> str:
    """A figure as a reader would write it.

    Examples
    --------
    >>> format_value(190.27e9, "USD"), format_value(1.28e12, "CNY"), format_value(16, "percent")
    ('$190.27 billion', '1.28 trillion yuan', '16%')
    """
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    if unit == "percent":
        return f"{_plain(value)}%"
    if unit == "percentage_points":
        return f"{_plain(value)} percentage points"
    if unit == "multiple":
        return f"{_plain(value)}×"
    scaled = _plain(value)
    for word, size in (("trillion", 1e12), ("billion", 1e9), ("million", 1e6)):
        if abs(value) >= size:
            scaled = f"{_plain(value / size)} {word}"
            break
    return f"{_SIGNS.get(unit, '')}{scaled}{_WORDS_AFTER.get(unit, '')}"


def _claim_ids(rows: list[tuple[str, str, bool, float]], tolerance: float) -> list[int]:
    """Claim numbers for rows sorted by (metric, unit, family, value): a claim starts at a
    value and takes every later value within ``tolerance`` of that first value."""
    ids: list[int] = []
    claim = -1
    anchor: tuple[str, str, bool, float] = ("", "", False, 0.0)
    for row in rows:
        same_group = claim >= 0 and anchor[:3] == row[:3]
        if not (same_group and abs(row[3] - anchor[3]) <= tolerance * abs(anchor[3])):
            claim += 1
            anchor = row
        ids.append(claim)
    return ids


def ledger(
    figures: pl.DataFrame,
    articles: pl.DataFrame,
    *,
    profile: Profile,
    tolerance: float = 0.05,
    include_duplicates: bool = False,
    include_other: bool = False,
) -> pl.DataFrame:
    """Align the same claim across outlets and flag where the reports diverge.

    A claim is a metric, a unit and a value: figures of one metric and unit whose values are
    within ``tolerance`` (relative) of the claim's smallest value are the same claim, so
    "$200 billion" and "$203 billion" meet while "$200 billion" and "$240 billion" do not.
    Changes (kind ``change``) and levels (actual, target, forecast) never share a claim.

    Parameters
    ----------
    figures
        The figures table (:data:`FIGURE_SCHEMA`).
    articles
        The articles table: ``article_id``, ``source``, ``published`` and, optionally,
        ``duplicate_of``.
    profile
        Gives the metric labels used in the ``claim`` column.
    tolerance
        Relative difference under which two values are one claim (rounding).
    include_duplicates
        Keep figures from near-duplicate articles (``duplicate_of`` set); by default a
        reposted copy does not count as another outlet.
    include_other
        Keep figures whose metric is ``other``.

    Returns
    -------
    DataFrame in :data:`LEDGER_SCHEMA`, one row per report, claims with most outlets first.
    Flags, per claim: ``period_differs`` (more than one period or horizon, "annual" included),
    ``rounding`` (more than one value), ``target_as_fact`` (reported as actual by one report
    and as target or forecast by another), ``hedging_differs`` (hedged in some reports only);
    ``divergences`` lists the flags that are set.

    Examples
    --------
    >>> from framescope.profile import load
    >>> figures = pl.DataFrame({"article_id": ["a", "b"], "sentence_idx": [3, 9],
    ...     "surface": ["$200 billion", "200 billion dollars"], "value": [200e9, 200e9],
    ...     "unit": ["USD", "USD"], "metric": ["bilateral_trade"] * 2,
    ...     "period": ["annual", "2023"], "kind": ["target", "target"]})
    >>> articles = pl.DataFrame({"article_id": ["a", "b"], "source": ["X", "Y"],
    ...     "published": [None, None]})
    >>> ledger(figures, articles, profile=load()).select("claim", "source", "divergences").rows()
    [('China-Russia bilateral trade: $200 billion', 'X', ['period_differs']), ('China-Russia bilateral trade: $200 billion', 'Y', ['period_differs'])]
    """  # noqa: E501
    require(figures, ("article_id", "value", "unit", "metric", "kind"), "figures")
    require(articles, ("article_id", "source", "published"), "articles")
    if tolerance < 0:
        msg = f"tolerance must be 0 or more, got {tolerance!r}"
        raise ValueError(msg)
    for column, dtype in FIGURE_SCHEMA.items():
        if column not in figures.columns:
            figures = figures.with_columns(pl.lit(None, dtype).alias(column))
    copies = "duplicate_of" in articles.columns
    meta = articles.select(
        "article_id",
        pl.col("source").cast(pl.String()),
        pl.col("published").cast(pl.Date()),
        (counted(include_duplicates=include_duplicates) if copies else pl.lit(value=True)).alias(
            "_counts"
        ),
    )
    reports = figures.cast({k: v for k, v in FIGURE_SCHEMA.items() if k in figures.columns})
    reports = reports.join(meta, on="article_id", how="left").filter(pl.col("value").is_not_null())
    reports = reports.filter(pl.col("_counts").fill_null(value=True))
    if not include_other:
        reports = reports.filter(pl.col("metric") != "other")
    reports = reports.with_columns((pl.col("kind") == "change").alias("_change")).sort(
        "metric", "unit", "_change", "value", "source", "article_id", "sentence_idx"
    )
    keys = reports.select("metric", "unit", "_change", "value").rows()
    reports = reports.with_columns(pl.Series("_claim", _claim_ids(keys, tolerance), pl.Int64()))
    labels = {m.id: m.label for m in profile.metrics}
    by_claim = pl.col("_claim")
    periods = pl.col("period").drop_nulls().n_unique().over(by_claim)
    kinds = pl.col("kind").unique().implode().over(by_claim)
    flags = {
        "period_differs": periods > 1,
        "rounding": pl.col("value").n_unique().over(by_claim) > 1,
        "target_as_fact": kinds.list.contains("actual")
        & (kinds.list.contains("target") | kinds.list.contains("forecast")),
        "hedging_differs": pl.col("hedged").drop_nulls().n_unique().over(by_claim) > 1,
    }
    result = (
        reports.with_columns(
            pl.col("value").mode().sort().first().over(by_claim).alias("claim_value"),
            pl.len().over(by_claim).cast(pl.UInt32()).alias("n_reports"),
            pl.coalesce("source", "article_id")
            .n_unique()
            .over(by_claim)
            .cast(pl.UInt32())
            .alias("n_outlets"),
            **flags,
        )
        .with_columns(
            pl.concat_list([pl.when(pl.col(name)).then(pl.lit(name)) for name in flags])
            .list.drop_nulls()
            .alias("divergences"),
            pl.struct("metric", "unit", "claim_value", "_change")
            .map_elements(
                lambda s: _claim_label(s, labels), return_dtype=pl.String(), skip_nulls=False
            )
            .alias("claim"),
        )
        .sort(
            ["n_outlets", "n_reports", "claim", "published", "source"],
            descending=[True, True, False, False, False],
            nulls_last=True,
        )
    )
    return result.select(list(LEDGER_SCHEMA)).cast(LEDGER_SCHEMA)


def _claim_label(claim: dict[str, Any], labels: dict[str, str]) -> str:
    what = labels.get(claim["metric"], claim["metric"])
    amount = format_value(claim["claim_value"], claim["unit"])
    return f"{what}: {amount}" + (" (change)" if claim["_change"] else "")
