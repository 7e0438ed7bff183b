"""Claims set against official figures, and the rules that keep a series comparable.

- ``reporter`` is on every row. Chinese customs (GAC) and Russian customs publish different
  totals for the same trade; a series never mixes them: :func:`check_reporters` raises when
  one metric has more than one reporter, and :func:`compare` calls it.
- :func:`monthly` derives monthly values from year-to-date points only where the data allows:
  two consecutive points of one reporter within one year. One month apart, the difference is
  that month's value; further apart, it is the total of the months between, marked
  ``basis="months"`` and never split evenly. Derived rows have ``derived=True``,
  ``status="derived"`` and the periods they came from in ``derived_from``.
- :func:`compare` sets claims (a figures table or a ledger) against a series; the matching
  rules are in its docstring.
"""

from __future__ import annotations

import polars as pl

from framescope.claims.ledger import format_value
from framescope.claims.series import ReferenceDataError, _finish

COMPARISON_SCHEMA = pl.Schema(
    {
        "claim": pl.String(),
        "article_id": pl.String(),
        "source": pl.String(),
        "published": pl.Date(),
        "surface": pl.String(),
        "metric": pl.String(),
        "kind": pl.String(),
        "unit": pl.String(),
        "claim_value": pl.Float64(),
        "claim_period": pl.String(),
        "reference_year": pl.Int32(),
        "reference_period": pl.String(),
        "reference_basis": pl.String(),
        "reference_value": pl.Float64(),
        "difference": pl.Float64(),
        "ratio": pl.Float64(),
        "reference_reporter": pl.String(),
        "reference_status": pl.String(),
        "reference_derived": pl.Boolean(),
        "reference_source": pl.String(),
        "reference_url": pl.String(),
    }
)
"""Columns of :func:`compare`: ``difference`` is claim minus reference, ``ratio`` claim over
reference."""


def check_reporters(series: pl.DataFrame) -> pl.DataFrame:
    """``series`` unchanged, or an error if one metric in it has more than one reporter.

    Chinese customs (GAC) and Russian customs report different totals for the same trade;
    a chart or comparison that mixed them would show a change that is only a change of
    source.

    Examples
    --------
    >>> from framescope.claims.official import annual
    >>> check_reporters(annual()).height
    10
    """
    missing = [c for c in ("metric", "reporter") if c not in series.columns]
    if missing:
        msg = f"series lacks column(s) {missing}; every reference row needs a reporter"
        raise ReferenceDataError(msg)
    mixed = (
        series.group_by("metric")
        .agg(pl.col("reporter").unique().sort())
        .filter(pl.col("reporter").list.len() > 1)
        .sort("metric")
    )
    if mixed.height:
        metric, reporters = mixed.row(0)
        msg = (
            f"series mixes reporters {reporters} for metric {metric!r}; keep one, e.g. "
            f"series.filter(pl.col('reporter') == {reporters[0]!r})"
        )
        raise ReferenceDataError(msg)
    return series


def monthly(ytd: pl.DataFrame) -> pl.DataFrame:
    """Monthly values derived from year-to-date totals, only where the data allows.

    For two consecutive year-to-date points of the same reporter and metric in the same
    year, the later total minus the earlier is the value of the months between: one month
    (``basis="month"``, period ``2022-03``) or several (``basis="months"``, period
    ``2022-04..2022-05``; the total of those months, not split). A reported one-month total
    (January) is kept as it is. The first point of a year that starts after January gives
    nothing: its months are not separable.

    Raises
    ------
    ReferenceDataError
        If a later total is smaller than an earlier one (the numbers do not add up).

    Examples
    --------
    >>> from framescope.claims.official import year_to_date
    >>> monthly(year_to_date()).select("period", "basis", "value").row(0)
    ('2022-03', 'month', 11770000000.0)
    """
    required = ("metric", "reporter", "year", "months", "value", "period", "source", "url")
    missing = [c for c in required if c not in ytd.columns]
    if missing:
        msg = f"year-to-date series lacks column(s) {missing}"
        raise ReferenceDataError(msg)
    if "basis" in ytd.columns and not ytd["basis"].is_in(["ytd", "month"]).all():
        bad = ytd.filter(~pl.col("basis").is_in(["ytd", "month"]))["period"][0]
        msg = f"monthly() needs year-to-date totals; period {bad!r} is not one"
        raise ReferenceDataError(msg)
    series = ("metric", "reporter", "unit", "year")
    prior = [
        pl.col(c).shift(1).over(series) for c in ("months", "value", "period", "source", "url")
    ]
    steps = (
        _finish(ytd)
        .sort(*series, "months")
        .with_columns(
            prior[0].alias("_months"),
            prior[1].alias("_value"),
            prior[2].alias("_period"),
            prior[3].alias("_source"),
            prior[4].alias("_url"),
        )
    )
    if steps.select(pl.struct(*series, "months").is_duplicated().any()).item():
        msg = "year-to-date series has two totals for the same reporter, year and month"
        raise ReferenceDataError(msg)
    shrinking = steps.filter(pl.col("value") < pl.col("_value"))
    if shrinking.height:
        row = shrinking.row(0, named=True)
        msg = (
            f"year-to-date totals of {row['reporter']!r} shrink from {row['_period']} "
            f"({row['_value']:,.0f}) to {row['period']} ({row['value']:,.0f}); "
            "cumulative values cannot fall: check the file"
        )
        raise ReferenceDataError(msg)
    first_month = (pl.col("_months").fill_null(0) + 1).cast(pl.Int32())
    start = pl.date(pl.col("year"), first_month, 1)
    derived = steps.filter(pl.col("_months").is_not_null()).with_columns(
        (pl.col("value") - pl.col("_value")).round(0).alias("value"),
        (pl.col("months") - pl.col("_months")).alias("months"),
        start.alias("period_start"),
        pl.lit(True).alias("derived"),
        pl.lit("derived").alias("status"),
        pl.lit(None, pl.Float64()).alias("yoy_pct"),
        pl.concat_list("period", "_period").alias("derived_from"),
        pl.concat_str("source", pl.lit(" | "), "_source").alias("source"),
        pl.concat_str("url", pl.lit(" | "), "_url").alias("url"),
    )
    reported = steps.filter(pl.col("_months").is_null() & (pl.col("months") == 1)).with_columns(
        pl.col("period_end").dt.month_start().alias("period_start")
    )
    months = pl.concat([derived, reported], how="diagonal_relaxed").with_columns(
        pl.when(pl.col("months") == 1)
        .then(pl.lit("month"))
        .otherwise(pl.lit("months"))
        .alias("basis"),
        pl.when(pl.col("months") == 1)
        .then(pl.col("period_end").dt.strftime("%Y-%m"))
        .otherwise(
            pl.concat_str(
                pl.col("period_start").dt.strftime("%Y-%m"),
                pl.lit(".."),
                pl.col("period_end").dt.strftime("%Y-%m"),
            )
        )
        .alias("period"),
    )
    return _finish(months).sort("metric", "reporter", "period_end")


def _claim_years(period: pl.Expr, published: pl.Expr) -> pl.Expr:
    # A claim about 2023 is set against 2023 and 2022 (what was known when it was made); a
    # claim with no year ("annual", null) against the year it was published and the one before.
    year = period.str.extract(r"^(\d{4})$", 1).cast(pl.Int32())
    anchor = pl.coalesce(year, published.dt.year().cast(pl.Int32()))
    return pl.when(anchor.is_not_null()).then(pl.concat_list(anchor - 1, anchor))


def compare(claims: pl.DataFrame, reference: pl.DataFrame) -> pl.DataFrame:
    """Set claims (a figures table or a ledger) against a reference series.

    Matching: same ``metric`` and ``unit`` (no currency conversion). A claim whose period is a
    year Y meets the reference's annual values for Y-1 and Y; a claim with period "annual" or
    none meets the annual values for its publication year and the one before (when the
    claims have ``published``, as a ledger does); a claim whose period is a month range meets
    reference rows with exactly that period (year-to-date totals, derived months). A
    percentage change (unit ``percent``, kind ``change``) meets the reference's ``yoy_pct``.
    Claims that meet nothing are not in the result.

    Parameters
    ----------
    claims
        ``metric``, ``unit``, ``value``, ``kind``, ``period``; optionally ``claim``,
        ``article_id``, ``source``, ``published``, ``surface``, which are carried through.
    reference
        A series in :data:`~framescope.claims.series.SERIES_SCHEMA`
        (:func:`~framescope.claims.official.annual`, ``year_to_date``, :func:`monthly`,
        :func:`~framescope.claims.series.read_series`, or several concatenated), one
        reporter per metric.

    Returns
    -------
    DataFrame in :data:`COMPARISON_SCHEMA`, one row per claim and reference value.

    Raises
    ------
    ReferenceDataError
        If the reference mixes reporters for one metric (see :func:`check_reporters`).

    Examples
    --------
    >>> from framescope.claims.official import annual
    >>> claims = pl.DataFrame({"metric": ["bilateral_trade"], "unit": ["USD"],
    ...     "value": [200e9], "kind": ["target"], "period": ["2023"]})
    >>> result = compare(claims, annual())
    >>> result.select("reference_year", "reference_value", pl.col("ratio").round(3)).rows()
    [(2022, 190270000000.0, 1.051), (2023, 240110000000.0, 0.833)]
    """
    check_reporters(reference)
    missing = [c for c in ("metric", "unit", "value", "kind", "period") if c not in claims.columns]
    if missing:
        msg = f"claims lack column(s) {missing}; pass a figures table or a ledger"
        raise ValueError(msg)
    carried = {
        "claim": pl.String(), "article_id": pl.String(), "source": pl.String(),
        "published": pl.Date(), "surface": pl.String(),
    }  # fmt: skip
    for column, dtype in carried.items():
        if column not in claims.columns:
            claims = claims.with_columns(pl.lit(None, dtype).alias(column))
    labels = [
        claim or f"{format_value(value, unit)} {kind}" + (f" ({period})" if period else "")
        for claim, value, unit, kind, period in claims.select(
            "claim", "value", "unit", "kind", "period"
        ).iter_rows()
    ]
    prepared = claims.select(
        pl.Series("claim", labels, pl.String()),
        *[pl.col(c).cast(t) for c, t in carried.items() if c != "claim"],
        "metric",
        "kind",
        "unit",
        pl.col("value").cast(pl.Float64()).alias("claim_value"),
        pl.col("period").cast(pl.String()).alias("claim_period"),
        ((pl.col("unit") == "percent") & (pl.col("kind") == "change")).alias("_change"),
        _claim_years(pl.col("period").cast(pl.String()), pl.col("published").cast(pl.Date())).alias(
            "_years"
        ),
    )
    series = _finish(reference)
    view = pl.concat(
        [
            series.with_columns(pl.lit(False).alias("_change")),
            series.filter(pl.col("yoy_pct").is_not_null()).with_columns(
                pl.col("yoy_pct").alias("value"),
                pl.lit("percent").alias("unit"),
                pl.lit(True).alias("_change"),
            ),
        ]
    ).select(
        "metric",
        "unit",
        "_change",
        pl.col("year").alias("reference_year"),
        pl.col("period").alias("reference_period"),
        pl.col("basis").alias("reference_basis"),
        pl.col("value").alias("reference_value"),
        pl.col("reporter").alias("reference_reporter"),
        pl.col("status").alias("reference_status"),
        pl.col("derived").alias("reference_derived"),
        pl.col("source").alias("reference_source"),
        pl.col("url").alias("reference_url"),
    )
    keys = ["metric", "unit", "_change"]
    by_year = (
        prepared.explode("_years")
        .filter(pl.col("_years").is_not_null())
        .join(
            view.filter(pl.col("reference_basis") == "annual"),
            left_on=[*keys, "_years"],
            right_on=[*keys, "reference_year"],
            maintain_order="left",
        )
        .with_columns(pl.col("_years").alias("reference_year"))
        .drop("_years")
    )
    by_period = (
        prepared.join(
            view.filter(pl.col("reference_basis") != "annual"),
            left_on=[*keys, "claim_period"],
            right_on=[*keys, "reference_period"],
            maintain_order="left",
        )
        .with_columns(pl.col("claim_period").alias("reference_period"))
        .drop("_years")
    )
    result = pl.concat([by_year, by_period], how="diagonal_relaxed").with_columns(
        (pl.col("claim_value") - pl.col("reference_value")).alias("difference"),
        (pl.col("claim_value") / pl.col("reference_value")).alias("ratio"),
    )
    return result.select(list(COMPARISON_SCHEMA)).cast(COMPARISON_SCHEMA)
