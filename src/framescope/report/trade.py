"""Trade claims for the chart and the tables: claims next to official lines and stated targets."""

from __future__ import annotations

from collections.abc import Mapping

import polars as pl

from framescope.claims import official
from framescope.claims.ledger import format_value


def trade_claims(
    figures: pl.DataFrame, articles: pl.DataFrame, *, metric: str = official.TRADE_METRIC
) -> pl.DataFrame:
    """Money claims about ``metric`` at their publication dates, in billion USD, for
    :func:`framescope.plots.claims_against_reference`.

    Returns
    -------
    DataFrame with ``published``, ``source``, ``metric``, ``kind``, ``surface``, ``period``,
    ``sentence`` and ``value_bn``; undated articles are left out (they have no x).

    Examples
    --------
    >>> from datetime import date
    >>> figures = pl.DataFrame({"article_id": ["a"], "metric": ["bilateral_trade"],
    ...     "unit": ["USD"], "value": [200e9], "kind": ["target"], "surface": ["$200 billion"],
    ...     "period": ["2023"], "sentence": ["..."]})
    >>> articles = pl.DataFrame({"article_id": ["a"], "source": ["X"],
    ...     "published": [date(2023, 2, 1)]})
    >>> trade_claims(figures, articles).select("source", "value_bn").row(0)
    ('X', 200.0)
    """
    return (
        figures.filter((pl.col("metric") == metric) & (pl.col("unit") == "USD"))
        .join(articles.select("article_id", "source", "published"), on="article_id")
        .filter(pl.col("published").is_not_null())
        .select(
            "published",
            "source",
            "metric",
            "kind",
            "surface",
            "period",
            "sentence",
            (pl.col("value") / 1e9).alias("value_bn"),
        )
        .sort("published", "source")
    )


def reference_lines(series: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """Official series as plot lines: ``date`` (period end), ``value_bn`` and ``label``.

    ``series`` maps each line's label to a reference series in
    :data:`framescope.claims.series.SERIES_SCHEMA` (``annual``, ``year_to_date``, ``monthly``).

    Examples
    --------
    >>> lines = reference_lines({"GAC annual": official.annual()})
    >>> lines.filter(pl.col("date").dt.year() == 2022).select("value_bn", "label").row(0)
    (190.27, 'GAC annual')
    """
    parts = [
        frame.select(
            pl.col("period_end").alias("date"),
            (pl.col("value") / 1e9).alias("value_bn"),
            pl.lit(label, dtype=pl.String).alias("label"),
        )
        for label, frame in series.items()
    ]
    if not parts:
        return pl.DataFrame(schema={"date": pl.Date, "value_bn": pl.Float64, "label": pl.String})
    return pl.concat(parts).sort("label", "date")


def target_markers(targets: pl.DataFrame) -> pl.DataFrame:
    """Stated targets as plot markers at the date they were stated.

    Examples
    --------
    >>> target_markers(official.targets())["label"][0]
    'China and Russia governments: $100 billion by 2015'
    """
    amounts = [
        format_value(value, unit) for value, unit in targets.select("value", "unit").iter_rows()
    ]
    return targets.select(
        pl.col("stated_on").alias("date"),
        (pl.col("value") / 1e9).alias("value_bn"),
        pl.format(
            "{}: {} by {}",
            "stated_by",
            pl.Series("amount", amounts, dtype=pl.String),
            "target_year",
        ).alias("label"),
    )


def matching_targets(
    claims: pl.DataFrame, targets: pl.DataFrame, *, tolerance: float = 0.05
) -> pl.DataFrame:
    """Target claims next to the official targets they may repeat.

    A claim of kind ``target`` meets every stated target of the same metric and unit whose
    value is within ``tolerance`` (relative) of the claim's. Whether the target had been
    stated before the article was published is in ``stated_before``.

    Parameters
    ----------
    claims
        A figures table or ledger with ``metric``, ``unit``, ``value``, ``kind``, ``period``
        and optionally ``source``, ``published``, ``surface``.
    targets
        :func:`framescope.claims.official.targets`.
    tolerance
        Relative difference under which a claim repeats a target.

    Returns
    -------
    DataFrame with ``article_id``, ``source``, ``published``, ``surface``, ``claim_period``,
    ``target_year``, ``stated_on``, ``stated_by``, ``stated_before`` and ``target_source``,
    sorted by source and ``stated_on``.

    Examples
    --------
    >>> claims = pl.DataFrame({"metric": ["bilateral_trade"], "unit": ["USD"],
    ...     "value": [200e9], "kind": ["target"], "period": ["2023"]})
    >>> matching_targets(claims, official.targets())["target_year"].to_list()
    [2020, 2024, 2023]
    """
    if tolerance < 0:
        msg = f"tolerance must be 0 or more, got {tolerance!r}"
        raise ValueError(msg)
    carried = {
        "article_id": pl.String,
        "source": pl.String,
        "published": pl.Date,
        "surface": pl.String,
    }
    for column, dtype in carried.items():
        if column not in claims.columns:
            claims = claims.with_columns(pl.lit(None, dtype).alias(column))
    stated = targets.select(
        "metric",
        "unit",
        pl.col("value").alias("target_value"),
        "target_year",
        "stated_on",
        "stated_by",
        pl.col("source").alias("target_source"),
    )
    return (
        claims.filter(pl.col("kind") == "target")
        .select(
            "article_id",
            "source",
            "published",
            "surface",
            "metric",
            "unit",
            "value",
            pl.col("period").alias("claim_period"),
        )
        .join(stated, on=["metric", "unit"], how="inner")
        .filter(
            (pl.col("value") - pl.col("target_value")).abs()
            <= tolerance * pl.col("target_value").abs()
        )
        .with_columns((pl.col("stated_on") < pl.col("published")).alias("stated_before"))
        .select(
            "article_id",
            "source",
            "published",
            "surface",
            "claim_period",
            "target_year",
            "stated_on",
            "stated_by",
            "stated_before",
            "target_source",
        )
        .sort("source", "stated_on", "target_year")
    )


def checked_claims(
    ledger: pl.DataFrame,
    *,
    comparison: pl.DataFrame | None = None,
    target_matches: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Each ledger row with what it could be checked against.

    Parameters
    ----------
    ledger
        :func:`framescope.claims.ledger`.
    comparison
        :func:`framescope.claims.compare` of the ledger.
    target_matches
        :func:`matching_targets` of the ledger.

    Returns
    -------
    The ledger's ``source``, ``claim``, ``surface``, ``kind`` and ``period`` with
    ``checked_against``: "official statistics", "stated targets", both joined by " and ", or
    "no reference". A report is matched on ``article_id`` and ``surface``.

    Examples
    --------
    >>> ledger = pl.DataFrame({"article_id": ["a", "a"], "source": ["X", "X"],
    ...     "claim": ["trade: $200 billion", "points: 12"], "surface": ["$200 billion", "12"],
    ...     "kind": ["target", "actual"], "period": ["2023", None]})
    >>> matches = pl.DataFrame({"article_id": ["a"], "surface": ["$200 billion"]})
    >>> checked_claims(ledger, target_matches=matches)["checked_against"].to_list()
    ['stated targets', 'no reference']
    """
    found = [
        frame.select("article_id", "surface").with_columns(pl.lit(label).alias("_against"))
        for label, frame in (
            ("official statistics", comparison),
            ("stated targets", target_matches),
        )
        if frame is not None and not frame.is_empty()
    ]
    keys = ["article_id", "surface"]
    against = (
        pl.concat(found)
        .unique()
        .group_by(keys)
        .agg(pl.col("_against").sort().str.join(" and ").alias("checked_against"))
        if found
        else pl.DataFrame(schema={**dict.fromkeys(keys, pl.String), "checked_against": pl.String})
    )
    return (
        ledger.join(against, on=keys, how="left", maintain_order="left")
        .with_columns(pl.col("checked_against").fill_null("no reference"))
        .select("source", "claim", "surface", "kind", "period", "checked_against")
    )
