"""Trade claims for the chart and the tables: claims next to official lines and stated targets.

Two charts read from here. The older one (``trade_claims``, ``reference_lines``,
``target_markers``) puts money claims at their publication dates. The figures view's
(``claim_points``, ``official_points``, ``target_points``) puts every claim, official figure and
stated target at the period it is about (:func:`period_position`), with its verdict
(:mod:`framescope.claims.verdicts`); ``verdict_table`` is its table.
"""

from __future__ import annotations

import re
from collections.abc import Mapping
from datetime import date, timedelta

import polars as pl

from framescope.claims import official
from framescope.claims.ledger import format_value
from framescope.claims.verdicts import TARGET_KINDS


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


def period_position(period: str | None) -> date | None:
    """Where a figure about ``period`` goes on a date axis; None for none ("annual", null).

    A year, a month or a span of years sits at its middle; a month range ("2022-01..2022-09",
    year-to-date totals) at its end, where a cumulative total is reached.

    Examples
    --------
    >>> period_position("2022"), period_position("2023-03"), period_position("2022-01..2022-09")
    (datetime.date(2022, 7, 2), datetime.date(2023, 3, 15), datetime.date(2022, 9, 30))
    >>> period_position("2022..2023"), period_position("annual"), period_position(None)
    (datetime.date(2023, 1, 1), None, None)
    """
    if period is None:
        return None
    if re.fullmatch(r"\d{4}", period):
        return date(int(period), 7, 2)
    if re.fullmatch(r"\d{4}-\d{2}", period):
        return date(int(period[:4]), int(period[5:7]), 15)
    months = re.fullmatch(r"\d{4}-\d{2}\.\.(\d{4})-(\d{2})", period)
    if months:
        year, month = int(months.group(1)), int(months.group(2))
        following = date(year + month // 12, month % 12 + 1, 1)
        return following - timedelta(days=1)
    years = re.fullmatch(r"(\d{4})\.\.(\d{4})", period)
    if years:
        first, last = date(int(years.group(1)), 1, 1), date(int(years.group(2)), 12, 31)
        return first + timedelta(days=((last - first).days + 1) // 2)
    return None


def period_label(period: str | None, kind: str | None, published: date | None) -> str:
    """A claim's period as a reader sees it: "2022", "2023 target", or where it is placed when
    it names none.

    Examples
    --------
    >>> period_label("2023", "target", None), period_label("2022", "actual", None)
    ('2023 target', '2022')
    >>> period_label("annual", "target", date(2023, 2, 1))
    'annual target, no year named (published 2023-02-01)'
    >>> period_label(None, "actual", None)
    'none named, undated'
    """
    suffix = f" {kind}" if kind in TARGET_KINDS else ""
    if period_position(period) is not None:
        return f"{period}{suffix}"
    named = f"{period}{suffix}, no year named" if period else f"none named{suffix}"
    return f"{named} (published {published})" if published else f"{named}, undated"


def claim_points(checked: pl.DataFrame) -> pl.DataFrame:
    """Claims with their verdicts (:func:`framescope.claims.judge` of a ledger) placed by the
    period they are about: ``x`` from :func:`period_position`, else the publication date
    (``placed`` says which; null x: neither, so not plotted), ``period_label`` for the hover.

    Examples
    --------
    >>> checked = pl.DataFrame({"period": ["2022", "annual"], "kind": ["actual", "target"],
    ...     "published": [date(2023, 2, 1)] * 2})
    >>> claim_points(checked).select("x", "placed").rows()
    [(datetime.date(2022, 7, 2), 'period'), (datetime.date(2023, 2, 1), 'publication')]
    """
    keys = ["period", "kind", "published"]
    # Positions and labels once per distinct period, kind and date: few, even at 100,000
    # articles.
    distinct = checked.select(keys).unique()
    placed = distinct.with_columns(
        pl.Series("_at", [period_position(p) for p in distinct["period"]], pl.Date()),
        pl.Series(
            "period_label",
            [period_label(p, k, d) for p, k, d in distinct.iter_rows()],
            pl.String(),
        ),
    )
    at_period = pl.col("_at")
    return (
        checked.drop([c for c in ("x", "placed", "period_label") if c in checked.columns])
        .join(placed, on=keys, how="left", nulls_equal=True, maintain_order="left")
        .with_columns(
            pl.coalesce(at_period, pl.col("published")).alias("x"),
            pl.when(at_period.is_not_null())
            .then(pl.lit("period"))
            .when(pl.col("published").is_not_null())
            .then(pl.lit("publication"))
            .alias("placed"),
        )
        .drop("_at")
    )


def official_points(series: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """Official series as points at the period they are about (:func:`period_position`):
    ``metric``, ``unit``, ``x``, ``value``, ``period`` and ``label`` (the key of ``series``).

    A period missing between two of a series' periods (a year of annual totals, a month of
    year-to-date totals) is a row with a null value, so a line through the points stops there
    instead of bridging it. Year-to-date totals start again each January: a null row after each
    year's last total ends that year's line.

    Examples
    --------
    >>> lines = official_points({"GAC": official.annual()})
    >>> lines.filter(pl.col("period").is_in(["2014", "2015", "2016"])).select(
    ...     "period", "value").rows()
    [('2014', 95280000000.0), ('2015', None), ('2016', 69520000000.0)]
    """
    schema = pl.Schema({"metric": pl.String, "unit": pl.String, "x": pl.Date,
                        "value": pl.Float64, "period": pl.String, "label": pl.String})  # fmt: skip
    parts = [pl.DataFrame(schema=schema)]
    for label, frame in series.items():
        for (metric, unit, basis), rows in frame.group_by(
            "metric", "unit", "basis", maintain_order=True
        ):
            parts.append(
                _gapped(rows, annual=basis == "annual").select(
                    pl.lit(metric, pl.String).alias("metric"),
                    pl.lit(unit, pl.String).alias("unit"),
                    "x",
                    "value",
                    "period",
                    pl.lit(label, pl.String).alias("label"),
                )
            )
    return pl.concat(parts).cast(schema)


def _gapped(rows: pl.DataFrame, *, annual: bool) -> pl.DataFrame:
    """One series' ``year``, ``months``, ``value`` and ``period`` with a null-valued row for
    each missing period, and ``x``; cumulative totals (not ``annual``) get a null row one month
    after each year's last, which ends the year's line."""
    rows = rows.select(
        pl.col("year").cast(pl.Int32),
        pl.col("months").cast(pl.Int32),
        "value",
        "period",
    )
    if annual:
        grid = rows.select(
            pl.int_range(pl.col("year").min(), pl.col("year").max() + 1, dtype=pl.Int32).alias(
                "year"
            ),
            pl.lit(12, pl.Int32).alias("months"),
        )
    else:
        grid = (
            rows.group_by("year")
            .agg(pl.int_ranges(pl.col("months").min(), pl.col("months").max() + 2).alias("months"))
            .explode("months")
            .cast({"months": pl.Int32})
        )
    month = pl.min_horizontal("months", pl.lit(12))
    period = (
        pl.col("year").cast(pl.String)
        if annual
        else pl.format("{}-01..{}-{}", "year", "year", month.cast(pl.String).str.zfill(2))
    )
    x = pl.date("year", 7, 2) if annual else pl.date("year", month, 1).dt.month_end()
    return (
        grid.join(rows, on=["year", "months"], how="left")
        .sort("year", "months")
        .with_columns(pl.coalesce("period", period).alias("period"), x.alias("x"))
    )


def target_points(targets: pl.DataFrame) -> pl.DataFrame:
    """Stated targets at the year they are for: ``metric``, ``unit``, ``x``, ``value``,
    ``period`` ("2023 target") and ``label`` (who stated what, when).

    Examples
    --------
    >>> target_points(official.targets()).select("period", "label").row(0)
    ('2015 target', 'China and Russia governments, 2011-10-09: $100 billion for 2015')
    """
    amounts = [
        format_value(value, unit) for value, unit in targets.select("value", "unit").iter_rows()
    ]
    return targets.select(
        "metric",
        "unit",
        pl.date(pl.col("target_year"), 7, 2).alias("x"),
        "value",
        pl.format("{} target", "target_year").alias("period"),
        pl.format(
            "{}, {}: {} for {}",
            "stated_by",
            "stated_on",
            pl.Series("amount", amounts, dtype=pl.String),
            "target_year",
        ).alias("label"),
    )


VERDICT_COLUMNS = {
    "source": "outlet",
    "surface": "claim as written",
    "period_label": "period",
    "official": "official value",
    "verdict": "verdict",
    "verdict_note": "why",
    "metric_name": "metric",
    "kind": "kind",
    "published": "published",
    "speaker": "speaker",
    "hedged": "hedged",
    "divergences": "across outlets",
    "ratio": "claim / official",
    "official_source": "official source",
    "sentence": "sentence",
}
"""The columns of :func:`verdict_table` (outlet, claim, period, official value and verdict
first) and their headers."""


def verdict_table(checked: pl.DataFrame, metric_names: Mapping[str, str]) -> pl.DataFrame:
    """The claims with their verdicts as a person reads them: the columns of
    :data:`VERDICT_COLUMNS` that ``checked`` has, the official value written as a figure with
    its period, metrics by name, years as text.

    Examples
    --------
    >>> checked = pl.DataFrame({"source": ["X"], "surface": ["$190 billion"],
    ...     "period": ["2022"], "kind": ["actual"], "published": [None], "unit": ["USD"],
    ...     "metric": ["trade"], "official_value": [190.27e9], "official_period": ["2022"],
    ...     "verdict": ["rounding"]})
    >>> verdict_table(checked, {"trade": "Trade"}).row(0)
    ('X', '$190 billion', '2022', '$190.27 billion (2022)', 'rounding', 'Trade', 'actual', None)
    """
    keys = ["official_value", "unit", "official_period"]
    figures = checked.select(keys).unique()
    written = figures.with_columns(
        pl.Series(
            "official",
            [
                f"{format_value(value, unit)} ({period})" if value is not None else None
                for value, unit, period in figures.iter_rows()
            ],
            pl.String,
        )
    )
    shown = (
        claim_points(checked)
        .join(written, on=keys, how="left", nulls_equal=True, maintain_order="left")
        .with_columns(
            pl.col("metric")
            .replace_strict(dict(metric_names), default=pl.col("metric"), return_dtype=pl.String)
            .alias("metric_name"),
        )
    )
    if "divergences" in shown.columns:
        # The ledger's flags are ids (period_differs): a reader gets words.
        shown = shown.with_columns(pl.col("divergences").list.join(", ").str.replace_all("_", " "))
    if "ratio" in shown.columns:
        shown = shown.with_columns(pl.col("ratio").round(3))
    return shown.select(c for c in VERDICT_COLUMNS if c in shown.columns)
