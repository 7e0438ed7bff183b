"""A verdict for every numeric claim: is it the official figure, and if not, why not?

:func:`comparison` sets each claim against every official figure that bears on it (the
comparison frame); :func:`verdicts` reads that frame and gives each claim one of
:data:`VERDICTS`; :func:`judge` does both. The rules, in the order they are tried:

- The claim's **period** is the one it names: a year ("2022"), a month ("2023-03") or a month
  range ("2022-01..2022-09"). A claim that names none (period null or "annual") is set against
  the year it was published and the year before (what "trade is $190 billion" can mean in
  February 2023); ``period_named`` is then false.
- **What checks a claim**: an ``actual`` or ``change`` claim is checked against the official
  series of its metric and unit (annual totals, year-to-date totals, the months derived from
  them by :func:`~framescope.claims.checks.monthly`; a percentage change against the
  series' year-on-year change); a ``target`` or ``forecast`` claim against the stated targets.
  No currency is converted: a claim in yuan meets only a series in yuan.
- ``matches``: within :data:`TOLERANCE` (2%) of the official figure for its period. Two
  percent is about what a revision or a conversion at another month's exchange rate moves an
  annual total; the exact figure matches too.
- ``rounding``: the official figure rounded to the precision the claim states (half a unit of
  its last stated digit, :func:`stated_step`), e.g. "$190 billion" for 190.27. Tried before
  the 2% test, so a rounded figure is called what it is.
- ``target stated as fact``: neither, but the claim is not a target or forecast and its value
  is a stated target of its metric (within 2% or rounding), e.g. "trade reached $200 billion".
- ``wrong period``: none of those, but the value is the official figure of another period of
  the same kind (another year's total, another year's target).
- ``differs``: there is an official figure for its period and the claim is none of the above.
- ``no reference``: no official figure (or stated target) for its metric, unit and period.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from decimal import Decimal
from typing import Any

import polars as pl

from framescope.claims.checks import monthly
from framescope.claims.ledger import format_value
from framescope.claims.series import SERIES_SCHEMA, _finish

TOLERANCE = 0.02
"""Relative difference from the official figure under which a claim ``matches`` it."""

VERDICTS = (
    "matches",
    "rounding",
    "wrong period",
    "target stated as fact",
    "differs",
    "no reference",
)
"""Every verdict, from right to unverifiable (the order charts and legends use)."""

TARGET_KINDS = ("target", "forecast")
"""Kinds of claim checked against stated targets rather than the official series."""

COMPARISON_SCHEMA = pl.Schema(
    {
        "claim_row": pl.UInt32(),
        "reference_basis": pl.String(),
        "reference_period": pl.String(),
        "reference_year": pl.Int32(),
        "reference_value": pl.Float64(),
        "reference_reporter": pl.String(),
        "reference_source": pl.String(),
        "reference_url": pl.String(),
        "claimed": pl.Boolean(),
    }
)
"""Columns of :func:`comparison`: one row per claim (``claim_row``, its position in the claims)
and official figure; ``reference_basis`` is annual, ytd, month, months or target;
``claimed`` says the figure is for the claim's own period."""

VERDICT_SCHEMA = pl.Schema(
    {
        "official_value": pl.Float64(),
        "official_period": pl.String(),
        "official_basis": pl.String(),
        "official_reporter": pl.String(),
        "official_source": pl.String(),
        "official_url": pl.String(),
        "difference": pl.Float64(),
        "ratio": pl.Float64(),
        "period_named": pl.Boolean(),
        "verdict": pl.String(),
        "verdict_note": pl.String(),
    }
)
"""Columns :func:`verdicts` adds to the claims: the official figure for the claim's period
(the closest one when there are two), ``difference`` (claim minus it) and ``ratio`` (claim
over it), ``verdict`` (one of :data:`VERDICTS`) and ``verdict_note`` (why, in a sentence)."""

_SCALES = (1e12, 1e9, 1e6)
_YEAR = r"^\d{4}$"
_MONTHS = r"^\d{4}-\d{2}(\.\.\d{4}-\d{2})?$"


def stated_step(value: float, unit: str) -> float:
    """The unit of the last digit a claim states, in base units; rounding explains half of it.

    The value is read as :func:`~framescope.claims.ledger.format_value` writes it ("190
    billion", "3.3 million"): a decimal states its last decimal place; a whole number its last
    non-zero digit, but at least two significant digits ("200 billion" is read as 200 +/- 5,
    not +/- 50, which would let it round from anything between 150 and 250).

    Examples
    --------
    >>> stated_step(190e9, "USD"), stated_step(200e9, "USD"), stated_step(3.3e6, "USD")
    (10000000000.0, 10000000000.0, 100000.0)
    >>> stated_step(1.28e12, "CNY"), stated_step(16.0, "percent"), stated_step(12.0, "count")
    (10000000000.0, 1.0, 1.0)
    """
    if value is None or not math.isfinite(value) or value == 0:
        return 0.0
    scale = 1.0
    if unit not in ("percent", "percentage_points", "multiple"):
        scale = next((size for size in _SCALES if abs(value) >= size), 1.0)
    # Four decimals at most: what survives of the written number after float arithmetic.
    written = Decimal(f"{abs(value) / scale:.4f}").normalize()
    exponent = int(written.as_tuple().exponent)
    if exponent >= 0:
        digits = len(str(int(written)))
        exponent = min(exponent, max(digits - 2, 0))
    return float(Decimal(10) ** exponent) * scale


def stated_steps(values: pl.Series, units: pl.Series) -> pl.Series:
    """:func:`stated_step` of each value and unit, as one polars computation.

    Examples
    --------
    >>> values, units = pl.Series([190e9, 3.3e6, 16.0]), pl.Series(["USD", "USD", "percent"])
    >>> stated_steps(values, units).to_list()
    [10000000000.0, 100000.0, 1.0]
    """
    frame = pl.DataFrame({"value": values.cast(pl.Float64), "unit": units.cast(pl.String)})
    size = pl.col("value").abs()
    scale = (
        pl.when(pl.col("unit").is_in(["percent", "percentage_points", "multiple"]))
        .then(1.0)
        .when(size >= 1e12)
        .then(1e12)
        .when(size >= 1e9)
        .then(1e9)
        .when(size >= 1e6)
        .then(1e6)
        .otherwise(1.0)
    )
    # The written number, as stated_step reads it: four decimals at most.
    written = (size / scale).round(4)

    def whole(places: int) -> pl.Expr:
        # Whether ``written`` is a whole number of 10**places (places < 0: decimals).
        scaled = written / 10.0**places
        return (scaled.round(0) >= 1) & ((scaled - scaled.round(0)).abs() < 1e-6)

    decimals = pl.coalesce(*(pl.when(whole(-d)).then(pl.lit(-d)) for d in range(5)), pl.lit(-4))
    digits = (written.log10() + 1e-9).floor().cast(pl.Int64) + 1
    zeros = pl.coalesce(*(pl.when(whole(t)).then(pl.lit(t)) for t in range(15, 0, -1)), pl.lit(0))
    exponent = (
        pl.when(decimals < 0)
        .then(decimals)
        .otherwise(pl.min_horizontal(zeros, pl.max_horizontal(digits - 2, pl.lit(0))))
    )
    step = (
        pl.when(pl.col("value").is_null() | ~pl.col("value").is_finite() | (pl.col("value") == 0))
        .then(0.0)
        .otherwise(pl.lit(10.0).pow(exponent) * scale)
    )
    return frame.select(step.alias("")).to_series()


def _series(official: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """The official series as levels and year-on-year changes, one frame."""
    parts = [official[k] for k in ("annual", "ytd") if k in official and official[k].height]
    if "ytd" in official and official["ytd"].height:
        parts.append(monthly(official["ytd"]))
    if not parts:
        return pl.DataFrame(schema={**SERIES_SCHEMA, "_change": pl.Boolean()})
    series = pl.concat([_finish(part) for part in parts], how="diagonal_relaxed")
    return pl.concat(
        [
            series.with_columns(pl.lit(False).alias("_change")),
            series.filter(pl.col("yoy_pct").is_not_null()).with_columns(
                pl.col("yoy_pct").alias("value"),
                pl.lit("percent").alias("unit"),
                pl.lit(True).alias("_change"),
            ),
        ]
    )


def comparison(claims: pl.DataFrame, official: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """Every official figure that bears on each claim's verdict: the comparison frame.

    An ``actual`` or ``change`` claim whose period is a year, "annual" or none meets every
    annual total of its metric and unit (``claimed`` for its year, or for its publication year
    and the one before when it names none); one whose period is a month or a month range
    meets the figure of exactly that period. Every claim meets the stated targets of its metric
    and unit (``claimed`` for a target or forecast of the target's year; one that names no
    year claims the targets for its publication year or later).

    Parameters
    ----------
    claims
        ``metric``, ``unit``, ``value``, ``kind``, ``period`` and optionally ``published``
        (a figures table or a ledger).
    official
        ``annual``, ``ytd`` (series in :data:`~framescope.claims.series.SERIES_SCHEMA`) and
        ``targets`` (:data:`~framescope.claims.official.TARGET_SCHEMA`), as
        :func:`~framescope.claims.official.named` returns them; a missing or empty one is none.

    Returns
    -------
    DataFrame in :data:`COMPARISON_SCHEMA`.

    Examples
    --------
    >>> from framescope.claims.official import named
    >>> from framescope.profile import load
    >>> claims = pl.DataFrame({"metric": ["bilateral_trade"], "unit": ["USD"],
    ...     "value": [190e9], "kind": ["actual"], "period": ["2022"]})
    >>> found = comparison(claims, named(load().reference))
    >>> found.filter("claimed").select("reference_period", "reference_value").rows()
    [('2022', 190270000000.0)]
    """
    missing = [c for c in ("metric", "unit", "value", "kind", "period") if c not in claims.columns]
    if missing:
        msg = f"claims lack column(s) {missing}; pass a figures table or a ledger"
        raise ValueError(msg)
    published = (
        pl.col("published").cast(pl.Date()).dt.year().cast(pl.Int32())
        if "published" in claims.columns
        else pl.lit(None, pl.Int32())
    )
    period = pl.col("period").cast(pl.String())
    prepared = claims.with_row_index("claim_row").select(
        "claim_row",
        pl.col("metric").cast(pl.String()),
        pl.col("unit").cast(pl.String()),
        pl.col("kind").is_in(TARGET_KINDS).alias("_targeted"),
        ((pl.col("unit") == "percent") & (pl.col("kind") == "change")).alias("_change"),
        period.alias("_period"),
        period.str.extract(_YEAR, 0).cast(pl.Int32()).alias("_year"),
        (period.is_null() | (period == "annual")).alias("_unnamed"),
        published.alias("_published"),
    )
    series = _series(official).select(
        "metric",
        "unit",
        "_change",
        pl.col("basis").alias("reference_basis"),
        pl.col("period").alias("reference_period"),
        pl.col("year").cast(pl.Int32()).alias("reference_year"),
        pl.col("value").alias("reference_value"),
        pl.col("reporter").alias("reference_reporter"),
        pl.col("source").alias("reference_source"),
        pl.col("url").alias("reference_url"),
    )
    keys = ["metric", "unit", "_change"]
    levels = prepared.filter(~pl.col("_targeted"))
    year = pl.col("reference_year")
    by_year = levels.filter(pl.col("_year").is_not_null() | pl.col("_unnamed")).join(
        series.filter(pl.col("reference_basis") == "annual"), on=keys
    )
    by_year = by_year.with_columns(
        pl.when(pl.col("_unnamed"))
        .then(year.is_between(pl.col("_published") - 1, pl.col("_published")).fill_null(False))
        .otherwise(year == pl.col("_year"))
        .alias("claimed")
    )
    by_period = (
        levels.filter(pl.col("_period").str.contains(_MONTHS))
        .join(
            series.filter(pl.col("reference_basis") != "annual"),
            left_on=[*keys, "_period"],
            right_on=[*keys, "reference_period"],
        )
        .with_columns(pl.col("_period").alias("reference_period"), pl.lit(True).alias("claimed"))
    )
    targets = official.get("targets")
    stated = pl.DataFrame(schema=dict(COMPARISON_SCHEMA))
    if targets is not None and targets.height:
        target_rows = targets.select(
            "metric",
            "unit",
            pl.lit("target").alias("reference_basis"),
            pl.format("{} target", "target_year").alias("reference_period"),
            pl.col("target_year").cast(pl.Int32()).alias("reference_year"),
            pl.col("value").alias("reference_value"),
            pl.format("{}, {}", "stated_by", "stated_on").alias("reference_reporter"),
            pl.col("source").alias("reference_source"),
            pl.col("url").alias("reference_url"),
        )
        ahead = (year >= pl.col("_published")).fill_null(True)
        stated = (
            prepared.filter(~pl.col("_change"))
            .join(target_rows, on=["metric", "unit"])
            .with_columns(
                (
                    pl.col("_targeted")
                    & pl.when(pl.col("_year").is_not_null())
                    .then(year == pl.col("_year"))
                    .otherwise(pl.col("_unnamed") & ahead)
                ).alias("claimed")
            )
        )
    parts = [frame.select(list(COMPARISON_SCHEMA)) for frame in (by_year, by_period, stated)]
    return pl.concat(parts).cast(COMPARISON_SCHEMA).sort("claim_row", "reference_basis", year)


def verdicts(
    claims: pl.DataFrame, compared: pl.DataFrame, *, tolerance: float = TOLERANCE
) -> pl.DataFrame:
    """Each claim with its verdict, from the comparison frame (:func:`comparison`).

    The rules are the module's. Parameters: ``claims`` as given to :func:`comparison`,
    ``compared`` its result, ``tolerance`` the relative difference under which a claim
    ``matches``.

    Returns
    -------
    ``claims`` with the columns of :data:`VERDICT_SCHEMA` added (replacing any of the same
    name), in the claims' order.

    Examples
    --------
    >>> from framescope.claims.official import named
    >>> from framescope.profile import load
    >>> official = named(load().reference)
    >>> claims = pl.DataFrame({"metric": ["bilateral_trade"] * 4, "unit": ["USD"] * 4,
    ...     "value": [190e9, 147e9, 200e9, 170e9], "kind": ["actual"] * 4,
    ...     "period": ["2022", "2022", "2023", "2022"]})
    >>> verdicts(claims, comparison(claims, official))["verdict"].to_list()
    ['rounding', 'wrong period', 'target stated as fact', 'differs']
    """
    if tolerance < 0:
        msg = f"tolerance must be 0 or more, got {tolerance!r}"
        raise ValueError(msg)
    missing = [c for c in COMPARISON_SCHEMA if c not in compared.columns]
    if missing:
        msg = f"the comparison lacks column(s) {missing}; pass verdicts.comparison(claims, ...)"
        raise ValueError(msg)
    values = claims.get_column("value").cast(pl.Float64())
    units = claims.get_column("unit").cast(pl.String())
    prepared = claims.with_row_index("claim_row").select(
        "claim_row",
        values.alias("_value"),
        units.alias("_unit"),
        pl.col("kind").cast(pl.String()).alias("_kind"),
        pl.col("period").cast(pl.String()).alias("_period"),
        pl.col("kind").is_in(TARGET_KINDS).alias("_targeted"),
        stated_steps(values, units).alias("_step"),
        (pl.col("period").is_null() | (pl.col("period").cast(pl.String()) == "annual")).alias(
            "_unnamed"
        ),
    )
    gap = (pl.col("_value") - pl.col("reference_value")).abs()
    # 0: the figure itself; 1: it rounded to the claim's precision; 2: within the tolerance.
    fit = (
        pl.when(gap <= 1e-9 * pl.col("reference_value").abs())
        .then(0)
        .when(gap <= pl.col("_step") / 2 * (1 + 1e-9))
        .then(1)
        .when(gap <= tolerance * pl.col("reference_value").abs())
        .then(2)
    )
    rows = compared.join(prepared, on="claim_row").with_columns(
        fit.alias("_fit"),
        gap.alias("_gap"),
        (pl.col("reference_basis") == "target").alias("_target_row"),
    )
    own = pl.col("_target_row") == pl.col("_targeted")
    by = ["claim_row", "_fit", "_gap", "reference_period"]

    def first(frame: pl.DataFrame, prefix: str) -> pl.DataFrame:
        chosen = frame.sort(by, nulls_last=True).unique("claim_row", keep="first")
        return chosen.select(
            "claim_row",
            *(
                pl.col(c).alias(prefix + c)
                for c in ("_fit", *COMPARISON_SCHEMA)
                if c != "claim_row"
            ),
        )

    judged = (
        prepared.join(
            first(rows.filter(own & pl.col("claimed")), "own"), on="claim_row", how="left"
        )
        .join(
            first(
                rows.filter(pl.col("_target_row") & ~pl.col("_targeted")).drop_nulls("_fit"), "tgt"
            ),
            on="claim_row",
            how="left",
        )
        .join(
            first(rows.filter(own & ~pl.col("claimed")).drop_nulls("_fit"), "other"),
            on="claim_row",
            how="left",
        )
        .join(
            rows.filter(own).select("claim_row", pl.lit(True).alias("_known")).unique(),
            on="claim_row",
            how="left",
        )
        .sort("claim_row")
    )
    checked = pl.col("ownreference_value").is_not_null()
    verdict = (
        pl.when(pl.col("own_fit").is_in([0, 2]))
        .then(pl.lit("matches"))
        .when(pl.col("own_fit") == 1)
        .then(pl.lit("rounding"))
        .when(pl.col("tgtreference_value").is_not_null())
        .then(pl.lit("target stated as fact"))
        .when(checked & pl.col("otherreference_value").is_not_null())
        .then(pl.lit("wrong period"))
        .when(checked)
        .then(pl.lit("differs"))
        .otherwise(pl.lit("no reference"))
    )
    judged = judged.with_columns(verdict.alias("verdict"))
    # Notes of claims with no reference depend on three columns: written as an expression,
    # so only the claims that were checked (a fraction at 100,000 articles) go through Python.
    noted = judged.filter(pl.col("verdict") != "no reference")
    written = dict(
        zip(
            noted["claim_row"],
            (_note(row, tolerance) for row in noted.iter_rows(named=True)),
            strict=True,
        )
    )
    against = (
        pl.when("_targeted").then(pl.lit("stated target")).otherwise(pl.lit("official figure"))
    )
    unchecked = (
        pl.when(pl.col("_known").fill_null(False))
        .then(
            pl.format(
                "no {} for its period ({})", against, pl.col("_period").fill_null("none named")
            )
        )
        .when("_targeted")
        .then(pl.lit("no stated targets for this metric and unit"))
        .otherwise(pl.lit("no official series for this metric and unit"))
    )
    notes = judged.select(
        pl.when(pl.col("verdict") == "no reference")
        .then(unchecked)
        .otherwise(
            pl.col("claim_row").replace_strict(written, default=None, return_dtype=pl.String)
        )
    ).to_series()
    added = judged.select(
        pl.col("ownreference_value").alias("official_value"),
        pl.col("ownreference_period").alias("official_period"),
        pl.col("ownreference_basis").alias("official_basis"),
        pl.col("ownreference_reporter").alias("official_reporter"),
        pl.col("ownreference_source").alias("official_source"),
        pl.col("ownreference_url").alias("official_url"),
        (pl.col("_value") - pl.col("ownreference_value")).alias("difference"),
        (pl.col("_value") / pl.col("ownreference_value")).alias("ratio"),
        (~pl.col("_unnamed")).alias("period_named"),
        "verdict",
        notes.alias("verdict_note"),
    ).cast(VERDICT_SCHEMA)
    kept = claims.drop([c for c in VERDICT_SCHEMA if c in claims.columns])
    return pl.concat([kept, added], how="horizontal")


def judge(
    claims: pl.DataFrame, official: Mapping[str, pl.DataFrame], *, tolerance: float = TOLERANCE
) -> pl.DataFrame:
    """:func:`verdicts` of ``claims`` against ``official`` (see :func:`comparison`).

    Examples
    --------
    >>> from framescope.claims.official import named
    >>> from framescope.profile import load
    >>> claims = pl.DataFrame({"metric": ["bilateral_trade", "imports"], "unit": ["USD"] * 2,
    ...     "value": [200e9, 5e9], "kind": ["target", "actual"], "period": ["2023", "2022"]})
    >>> judge(claims, named(load().reference)).select("verdict", "official_period").rows()
    [('matches', '2023 target'), ('no reference', None)]
    """
    return verdicts(claims, comparison(claims, official), tolerance=tolerance)


def _figure(row: dict[str, Any], prefix: str) -> str:
    """An official figure as a note names it: "China GAC's 2022 figure ($190.27 billion)"."""
    amount = format_value(row[prefix + "reference_value"], row["_unit"])
    if row[prefix + "reference_basis"] == "target":
        year = row[prefix + "reference_year"]
        return f"the {amount} target for {year} stated by {row[prefix + 'reference_reporter']}"
    period = row[prefix + "reference_period"]
    return f"{row[prefix + 'reference_reporter']}'s {period} figure ({amount})"


def _note(row: dict[str, Any], tolerance: float) -> str:
    """Why ``row`` (a checked claim with its chosen official figures) has its verdict; the
    notes of "no reference" are :func:`verdicts`' own expression."""
    verdict = row["verdict"]
    unnamed = (
        "no period named, so set against its publication year and the year before; "
        if row["_unnamed"] and not row["_targeted"]
        else ""
    )
    own = _figure(row, "own") if row["ownreference_value"] is not None else ""
    value, official = row["_value"], row["ownreference_value"]
    if official is not None:
        off = (
            f"{value - official:+.1f} points"
            if row["_unit"] in ("percent", "percentage_points")
            else (f"{value / official - 1:+.1%}" if official else "")
        )
    if verdict == "matches":
        if row["own_fit"] == 0:
            return f"{unnamed}{own}"
        return f"{unnamed}within {tolerance:.0%} of {own}: {off}"
    if verdict == "rounding":
        step = format_value(row["_step"], row["_unit"])
        return f"{unnamed}{own} rounded to the claim's precision ({step})"
    if verdict == "target stated as fact":
        actual = f"; {own}" if own else "; no official figure for its period"
        return f"stated as {row['_kind']}, but it is {_figure(row, 'tgt')}{actual}"
    if verdict == "wrong period":
        return f"{unnamed}{_figure(row, 'other')}, not {own}"
    return f"{unnamed}{own}: {off}"
