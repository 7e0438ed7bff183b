"""Official statistics with their provenance: annual, year-to-date, targets.

A profile's ``[reference]`` table names the files, in ``data/reference/`` (folder:
:data:`framescope.config.REFERENCE`); called without a path, each loader reads the file the
default profile names (the seed event's trade as China's customs reported it), and returns
an empty table when the profile names none:

- ``annual``: a total per calendar year, in billions of US dollars, with the year-on-year
  change and, on every row, the ``source`` that published the figure and its ``url``;
- ``year_to_date``: the same total, cumulative from January to the end of a month;
- ``targets``: the targets governments stated, when and by whom.

Each loader validates its file as :mod:`framescope.claims.series` describes (errors name the
file, row and column; every row keeps ``source`` and ``url``; values in base units) and
returns a series in :data:`~framescope.claims.series.SERIES_SCHEMA`, or targets in
:data:`TARGET_SCHEMA`. :mod:`framescope.claims.checks` sets claims against them.
"""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import polars as pl

from framescope import profile as profiles
from framescope.claims.series import (
    SERIES_SCHEMA,
    _check,
    _finish,
    _month_end,
    _parsed,
    _provenance,
    _read,
    _span,
    _status,
    _unique,
)

TARGET_SCHEMA = pl.Schema(
    {
        "metric": pl.String(),
        "reporter": pl.String(),
        "stated_on": pl.Date(),
        "target_year": pl.Int32(),
        "per": pl.String(),
        "value": pl.Float64(),
        "unit": pl.String(),
        "stated_by": pl.String(),
        "source": pl.String(),
        "url": pl.String(),
    }
)
"""Columns of the targets table; ``reporter`` is who stated the target (= ``stated_by``)."""

TRADE_METRIC = "bilateral_trade"
"""The profile metric the shipped trade files measure."""


def _dollar_series(
    path: Path,
    frame: pl.DataFrame,
    *,
    metric: str,
    periods: dict[str, Any],
    billions: pl.Series,
) -> pl.DataFrame:
    """A shipped series file's rows, before :func:`_finish`: its ``reporter``, ``yoy_pct``,
    ``status`` and provenance read from ``frame``, ``periods`` (``period, year, months,
    basis, period_start, period_end``), values given in billions of US dollars."""
    reporter = _parsed(frame, path, "reporter", pl.String())
    source, url = _provenance(path, frame)
    return pl.DataFrame(
        {
            "metric": [metric] * frame.height,
            "reporter": reporter,
            **periods,
            "value": billions * 1e9,
            "unit": ["USD"] * frame.height,
            "yoy_pct": _parsed(frame, path, "yoy_pct", pl.Float64(), required=False),
            "status": _status(path, frame),
            "derived": [False] * frame.height,
            "source": source,
            "url": url,
        }
    )


def _path(path: str | Path | None, kind: str) -> Path | None:
    """``path``, else the file of series ``kind`` the default profile names (None: none)."""
    return Path(path) if path is not None else profiles.load().reference.path(kind)


def annual(path: str | Path | None = None, *, metric: str = TRADE_METRIC) -> pl.DataFrame:
    """Annual totals (the profile's ``reference.annual`` file) as a series.

    The file's columns: ``year, trade_usd_bn, yoy_pct, reporter, status, source, url``.

    Returns
    -------
    DataFrame in :data:`~framescope.claims.series.SERIES_SCHEMA`, ``basis="annual"``, one row
    per reporter and year.

    Examples
    --------
    >>> annual().filter(pl.col("year") == 2022).select("value", "reporter", "source").row(0)
    (190270000000.0, 'China GAC', 'Vestnik Kavkaza (2023-01-13); Reuters (1.28 trillion yuan)')
    """
    path = _path(path, "annual")
    if path is None:
        return pl.DataFrame(schema=SERIES_SCHEMA)
    required = ("year", "trade_usd_bn", "yoy_pct", "reporter", "status", "source", "url")
    frame = _read(path, required)
    year = _parsed(frame, path, "year", pl.Int32())
    _check(path, frame, "year", year.is_between(1900, 2100), "is not a year")
    value = _parsed(frame, path, "trade_usd_bn", pl.Float64())
    _check(path, frame, "trade_usd_bn", value >= 0, "is negative")
    periods = {
        "period": year.cast(pl.String()),
        "year": year,
        "months": [12] * frame.height,
        "basis": ["annual"] * frame.height,
        "period_start": [date(y, 1, 1) for y in year],
        "period_end": [date(y, 12, 31) for y in year],
    }
    result = _dollar_series(path, frame, metric=metric, periods=periods, billions=value)
    _unique(path, result, ["reporter", "year"], "reporter and year")
    return _finish(result).sort("reporter", "year")


def year_to_date(path: str | Path | None = None, *, metric: str = TRADE_METRIC) -> pl.DataFrame:
    """Cumulative January-to-month totals (``reference.year_to_date``) as a series.

    The file's columns: ``period_end, months, trade_usd_bn_ytd, yoy_pct, reporter, status,
    source, url``. ``period_end`` must be the last day of month ``months`` (the total runs
    from January).

    Returns
    -------
    DataFrame in :data:`~framescope.claims.series.SERIES_SCHEMA`, ``basis="ytd"``, periods such
    as ``2022-01..2022-02``.

    Examples
    --------
    >>> year_to_date().select("period", "value").row(0)
    ('2022-01..2022-02', 26400000000.0)
    """
    path = _path(path, "year_to_date")
    if path is None:
        return pl.DataFrame(schema=SERIES_SCHEMA)
    required = (
        "period_end", "months", "trade_usd_bn_ytd", "yoy_pct", "reporter", "status", "source",
        "url",
    )  # fmt: skip
    frame = _read(path, required)
    end = _parsed(frame, path, "period_end", pl.Date())
    months = _parsed(frame, path, "months", pl.Int8())
    _check(path, frame, "months", months.is_between(1, 12), "is not a number of months (1-12)")
    month_ends = pl.Series([_month_end(d.year, d.month) for d in end], dtype=pl.Date())
    _check(path, frame, "period_end", end == month_ends, "is not the last day of a month")
    _check(
        path,
        frame,
        "months",
        months == end.dt.month().cast(pl.Int8()),
        "does not match period_end: a year-to-date total runs from January to period_end",
    )
    value = _parsed(frame, path, "trade_usd_bn_ytd", pl.Float64())
    _check(path, frame, "trade_usd_bn_ytd", value >= 0, "is negative")
    starts = [date(d.year, 1, 1) for d in end]
    periods = {
        "period": [_span(s, e) for s, e in zip(starts, end, strict=True)],
        "year": end.dt.year(),
        "months": months,
        "basis": ["ytd"] * frame.height,
        "period_start": starts,
        "period_end": end,
    }
    result = _dollar_series(path, frame, metric=metric, periods=periods, billions=value)
    _unique(path, result, ["reporter", "period_end"], "reporter and period_end")
    return _finish(result).sort("reporter", "period_end")


def targets(path: str | Path | None = None, *, metric: str = TRADE_METRIC) -> pl.DataFrame:
    """Stated targets (the profile's ``reference.targets`` file).

    The file's columns: ``stated_on, target_usd_bn, target_year, per, stated_by, source, url``.

    Returns
    -------
    DataFrame in :data:`TARGET_SCHEMA`, one row per stated target, oldest first.

    Examples
    --------
    >>> targets().filter(pl.col("target_year") == 2023).select("value", "stated_by").row(0)
    (200000000000.0, 'Vladimir Putin (expects target passed in 2023)')
    """
    path = _path(path, "targets")
    if path is None:
        return pl.DataFrame(schema=TARGET_SCHEMA)
    required = ("stated_on", "target_usd_bn", "target_year", "per", "stated_by", "source", "url")
    frame = _read(path, required)
    stated_on = _parsed(frame, path, "stated_on", pl.Date())
    target_year = _parsed(frame, path, "target_year", pl.Int32())
    _check(path, frame, "target_year", target_year.is_between(1900, 2100), "is not a year")
    value = _parsed(frame, path, "target_usd_bn", pl.Float64())
    _check(path, frame, "target_usd_bn", value > 0, "is not a positive amount")
    per = _parsed(frame, path, "per", pl.String())
    _check(path, frame, "per", per == "year", "is not 'year' (the only period targets use)")
    stated_by = _parsed(frame, path, "stated_by", pl.String())
    source, url = _provenance(path, frame)
    result = pl.DataFrame(
        [
            pl.Series("metric", [metric] * frame.height, pl.String()),
            stated_by.alias("reporter"),
            stated_on,
            target_year,
            per,
            (value * 1e9).alias("value"),
            pl.Series("unit", ["USD"] * frame.height, pl.String()),
            stated_by,
            source,
            url,
        ]
    )
    return result.select(list(TARGET_SCHEMA)).cast(TARGET_SCHEMA).sort("stated_on", "target_year")


def named(
    reference: profiles.Reference, folder: str | Path | None = None
) -> dict[str, pl.DataFrame]:
    """The official statistics a profile's ``[reference]`` names, read from ``folder``
    (default :data:`framescope.config.REFERENCE`): ``annual``, ``ytd`` and ``targets``, an
    empty table of the same columns for each it does not name.

    Examples
    --------
    >>> {k: v.height > 0 for k, v in named(profiles.load().reference).items()}
    {'annual': True, 'ytd': True, 'targets': True}
    >>> {k: v.height for k, v in named(profiles.load_base().reference).items()}
    {'annual': 0, 'ytd': 0, 'targets': 0}
    """
    base = Path(folder) if folder is not None else None
    paths = dict(
        zip(
            ("annual", "ytd", "targets"),
            (reference.path(kind, folder=base) for kind in profiles.REFERENCE_KINDS),
            strict=True,
        )
    )
    series = pl.DataFrame(schema=SERIES_SCHEMA)
    return {
        "annual": annual(paths["annual"]) if paths["annual"] else series,
        "ytd": year_to_date(paths["ytd"]) if paths["ytd"] else series,
        "targets": targets(paths["targets"])
        if paths["targets"]
        else pl.DataFrame(schema=TARGET_SCHEMA),
    }
