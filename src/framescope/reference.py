"""Official statistics with provenance, and claims set against them.

The shipped files in ``data/reference/`` (folder: :data:`framescope.config.REFERENCE`):

- ``china_russia_trade_annual.csv``: China-Russia trade per calendar year, in billions of US
  dollars, as reported by China's General Administration of Customs (GAC), with the
  year-on-year change and, on every row, the ``source`` that published the figure and its
  ``url``.
- ``china_russia_trade_ytd.csv``: the same trade, cumulative from January to the end of a
  month ("year to date"), 2022-2023.
- ``trade_targets.csv``: the trade targets the two governments stated, when and by whom.

Every loader validates its file and stops with an error naming the file, the row and the
column of the first bad value or missing column. Every row keeps ``source`` and ``url``.
Values are in base units (190.27e9 USD), like the figures table's.

Series rules:

- ``reporter`` is on every row. Chinese customs (GAC) and Russian customs publish different
  totals for the same trade; a series never mixes them: :func:`check_reporters` raises when
  one metric has more than one reporter, and :func:`compare` calls it.
- :func:`monthly` derives monthly values from year-to-date points only where the data allows:
  two consecutive points of one reporter within one year. One month apart, the difference is
  that month's value; further apart, it is the total of the months between, marked
  ``basis="months"`` and never split evenly. Derived rows have ``derived=True``,
  ``status="derived"`` and the periods they came from in ``derived_from``.

Your own series (:func:`read_series`) is a CSV with these columns:

=========== ========================================================================
column      meaning
=========== ========================================================================
metric      what is measured: a profile metric id, e.g. ``bilateral_trade``
reporter    who publishes it, e.g. ``China GAC``, ``Russian customs (FCS)``
period      ``2023`` (a year), ``2023-03`` (a month) or ``2023-01..2023-03`` (months,
            inclusive); or, instead of ``period``, a ``date`` (``2023-03-31``, the end of
            the period) with an optional ``months`` (how many months end there)
value       the number, in ``unit``
unit        ``USD``, ``CNY``, ``RUB``, ``EUR``, ``GBP``, ``percent`` or ``count``, optionally
            with a scale: ``USD bn``, ``USD billion``, ``CNY million``, ``RUB trillion``
status      optional: ``reported`` (default), ``preliminary``, ``revised``, ``estimated``
source      who published the figure (required on every row)
url         where (``http://`` or ``https://``; required on every row)
yoy_pct     optional: the change on the same period a year earlier, in percent
=========== ========================================================================
"""

from __future__ import annotations

import calendar
import re
from datetime import date
from pathlib import Path

import polars as pl

from framescope import config
from framescope.claims import format_value

SERIES_SCHEMA: dict[str, pl.DataType] = {
    "metric": pl.String(),
    "reporter": pl.String(),
    "period": pl.String(),
    "year": pl.Int32(),
    "months": pl.Int8(),
    "basis": pl.String(),
    "period_start": pl.Date(),
    "period_end": pl.Date(),
    "value": pl.Float64(),
    "unit": pl.String(),
    "yoy_pct": pl.Float64(),
    "status": pl.String(),
    "derived": pl.Boolean(),
    "derived_from": pl.List(pl.String()),
    "source": pl.String(),
    "url": pl.String(),
}
"""Columns of every reference series. ``period`` is written like the figures table's
(``2022``, ``2022-03``, ``2022-01..2022-09``); ``basis`` is ``annual``, ``ytd`` (from
January), ``month``, ``months`` (several months not from January) or ``point`` (a value at a
date); ``year`` is the year of ``period_end``; ``months`` how many months the value covers."""

TARGET_SCHEMA: dict[str, pl.DataType] = {
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
"""Columns of the targets table; ``reporter`` is who stated the target (= ``stated_by``)."""

COMPARISON_SCHEMA: dict[str, pl.DataType] = {
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
"""Columns of :func:`compare`: ``difference`` is claim minus reference, ``ratio`` claim over
reference."""

STATUSES = ("reported", "preliminary", "revised", "estimated")
TRADE_METRIC = "bilateral_trade"
"""The profile metric the shipped trade files measure."""

_SCALES = {
    "thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9,
    "trillion": 1e12, "tn": 1e12,
}  # fmt: skip
_UNIT = re.compile(
    r"^(USD|CNY|RUB|EUR|GBP|percent|count)(?:\s+(" + "|".join(_SCALES) + r"))?$", re.IGNORECASE
)
_CANONICAL_UNITS = {u.lower(): u for u in ("USD", "CNY", "RUB", "EUR", "GBP", "percent", "count")}


class ReferenceDataError(ValueError):
    """A reference file or series that cannot be used; the message says where."""


# --- validation helpers ---------------------------------------------------------------------


def _read(path: Path, required: tuple[str, ...]) -> pl.DataFrame:
    try:
        frame = pl.read_csv(path, infer_schema=False)
    except FileNotFoundError:
        msg = f"{path}: no such reference file"
        raise ReferenceDataError(msg) from None
    except (pl.exceptions.ComputeError, pl.exceptions.NoDataError) as error:
        # Polars' first line says what is wrong; the rest is advice about its own options.
        msg = f"{path}: not a readable CSV: {str(error).splitlines()[0]}"
        raise ReferenceDataError(msg) from None
    frame = frame.rename({c: c.strip() for c in frame.columns})
    missing = [c for c in required if c not in frame.columns]
    if missing:
        msg = f"{path}: missing column(s) {missing}; the file has {frame.columns}"
        raise ReferenceDataError(msg)
    return frame.with_columns(pl.col(pl.String).str.strip_chars().replace("", None))


def _fail(path: Path, row: int, column: str, problem: str) -> ReferenceDataError:
    # Row 1 is the first data row, on line 2 of the file (line 1 is the header).
    return ReferenceDataError(
        f"{path}: row {row + 1} (line {row + 2}), column {column!r}: {problem}"
    )


def _first_bad(mask: pl.Series) -> int | None:
    rows = mask.fill_null(True).arg_true()
    return int(rows[0]) if len(rows) else None


def _parsed(
    frame: pl.DataFrame, path: Path, column: str, dtype: pl.DataType, *, required: bool = True
) -> pl.Series:
    """A column parsed to ``dtype``; the first unparseable or missing value stops the load."""
    raw = frame[column]
    if dtype == pl.Date():
        parsed = raw.str.strptime(pl.Date(), "%Y-%m-%d", strict=False)
        what = "a date (YYYY-MM-DD)"
    elif dtype == pl.String():
        parsed, what = raw, "a non-empty text"
    else:
        parsed = raw.cast(dtype, strict=False)
        what = "an integer" if dtype.is_integer() else "a number"
    bad = raw.is_not_null() & parsed.is_null()
    if required:
        bad = bad | raw.is_null()
    row = _first_bad(bad)
    if row is not None:
        value = raw[row]
        problem = "is empty" if value is None else f"{value!r} is not {what}"
        raise _fail(path, row, column, problem)
    return parsed.alias(column)


def _check(path: Path, frame: pl.DataFrame, column: str, ok: pl.Series, problem: str) -> None:
    row = _first_bad(~ok)
    if row is not None:
        raise _fail(path, row, column, f"{frame[column][row]!r} {problem}")


def _provenance(path: Path, frame: pl.DataFrame) -> tuple[pl.Series, pl.Series]:
    source = _parsed(frame, path, "source", pl.String())
    url = _parsed(frame, path, "url", pl.String())
    _check(path, frame, "url", url.str.contains(r"^https?://\S+$"), "is not an http(s) URL")
    return source, url


def _status(path: Path, frame: pl.DataFrame) -> pl.Series:
    if "status" not in frame.columns:
        return pl.Series("status", ["reported"] * frame.height, pl.String())
    status = frame["status"].fill_null("reported")
    _check(path, frame, "status", status.is_in(STATUSES), f"is not one of {list(STATUSES)}")
    return status


def _unique(path: Path, frame: pl.DataFrame, keys: list[str], what: str) -> None:
    rows = frame.select(keys).is_duplicated().arg_true()
    if len(rows):
        first = int(rows[0])
        values = frame.row(first, named=True)
        same = frame.select(pl.all_horizontal(pl.col(k) == values[k] for k in keys)).to_series()
        second = int(same.arg_true()[1])
        msg = (
            f"{path}: rows {first + 1} and {second + 1} (lines {first + 2} and {second + 2}) "
            f"both give {what} {[values[k] for k in keys]}"
        )
        raise ReferenceDataError(msg)


def _month_end(year: int, month: int) -> date:
    return date(year, month, calendar.monthrange(year, month)[1])


def _span(start: date, end: date) -> str:
    if (start.year, start.month) == (end.year, end.month):
        return f"{start:%Y-%m}"
    return f"{start:%Y-%m}..{end:%Y-%m}"


def _finish(frame: pl.DataFrame) -> pl.DataFrame:
    for column, dtype in SERIES_SCHEMA.items():
        if column not in frame.columns:
            frame = frame.with_columns(pl.lit(None, dtype).alias(column))
    return frame.select(list(SERIES_SCHEMA)).cast(SERIES_SCHEMA)


def _dollar_series(
    path: Path,
    frame: pl.DataFrame,
    *,
    metric: str,
    periods: dict[str, pl.Series | list],
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


def _path(path: str | Path | None, name: str) -> Path:
    # config.REFERENCE is read at call time so FRAMESCOPE_REFERENCE and tests can move it.
    return Path(path) if path is not None else config.REFERENCE / name


# --- the shipped files ----------------------------------------------------------------------


def annual(path: str | Path | None = None, *, metric: str = TRADE_METRIC) -> pl.DataFrame:
    """Annual totals (``china_russia_trade_annual.csv``) as a series.

    The file's columns: ``year, trade_usd_bn, yoy_pct, reporter, status, source, url``.

    Returns
    -------
    DataFrame in :data:`SERIES_SCHEMA`, ``basis="annual"``, one row per reporter and year.

    Examples
    --------
    >>> annual().filter(pl.col("year") == 2022).select("value", "reporter", "source").row(0)
    (190270000000.0, 'China GAC', 'Vestnik Kavkaza (2023-01-13); Reuters (1.28 trillion yuan)')
    """
    path = _path(path, "china_russia_trade_annual.csv")
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
    """Cumulative January-to-month totals (``china_russia_trade_ytd.csv``) as a series.

    The file's columns: ``period_end, months, trade_usd_bn_ytd, yoy_pct, reporter, status,
    source, url``. ``period_end`` must be the last day of month ``months`` (the total runs
    from January).

    Returns
    -------
    DataFrame in :data:`SERIES_SCHEMA`, ``basis="ytd"``, periods such as ``2022-01..2022-02``.

    Examples
    --------
    >>> year_to_date().select("period", "value").row(0)
    ('2022-01..2022-02', 26400000000.0)
    """
    path = _path(path, "china_russia_trade_ytd.csv")
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
    """Stated trade targets (``trade_targets.csv``).

    The file's columns: ``stated_on, target_usd_bn, target_year, per, stated_by, source, url``.

    Returns
    -------
    DataFrame in :data:`TARGET_SCHEMA`, one row per stated target, oldest first.

    Examples
    --------
    >>> targets().filter(pl.col("target_year") == 2023).select("value", "stated_by").row(0)
    (200000000000.0, 'Vladimir Putin (expects target passed in 2023)')
    """
    path = _path(path, "trade_targets.csv")
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


# --- user series ----------------------------------------------------------------------------


def _period_bounds(period: str) -> tuple[date, date] | None:
    year = re.fullmatch(r"(\d{4})", period)
    if year:
        y = int(year.group(1))
        return date(y, 1, 1), date(y, 12, 31)
    month = re.fullmatch(r"(\d{4})-(\d{2})", period)
    if month and 1 <= int(month.group(2)) <= 12:
        y, m = int(month.group(1)), int(month.group(2))
        return date(y, m, 1), _month_end(y, m)
    months = re.fullmatch(r"(\d{4})-(\d{2})\.\.(\d{4})-(\d{2})", period)
    if months:
        y1, m1, y2, m2 = (int(g) for g in months.groups())
        if 1 <= m1 <= 12 and 1 <= m2 <= 12 and (y1, m1) < (y2, m2):
            return date(y1, m1, 1), _month_end(y2, m2)
    return None


def _basis(start: date, end: date) -> str:
    n = (end.year - start.year) * 12 + end.month - start.month + 1
    if n == 12 and start.month == 1:
        return "annual"
    if n == 1:
        return "month"
    return "ytd" if start.month == 1 and start.year == end.year else "months"


def read_series(path: str | Path) -> pl.DataFrame:
    """A reference series from your own CSV (the format is in the module docstring).

    Raises
    ------
    ReferenceDataError
        Naming the file, row and column of the first missing column or bad value, or the two
        rows that give the same metric, reporter and period.

    Examples
    --------
    >>> import tempfile
    >>> csv = ("metric,reporter,period,value,unit,source,url\\n"
    ...        "bilateral_trade,Russian customs,2023,240.1,USD bn,FCS,https://customs.gov.ru\\n")
    >>> with tempfile.NamedTemporaryFile("w", suffix=".csv", delete=False) as f:
    ...     _ = f.write(csv)
    >>> read_series(f.name).select("period", "basis", "value", "unit").row(0)
    ('2023', 'annual', 240100000000.0, 'USD')
    """
    path = Path(path)
    frame = _read(path, ("metric", "reporter", "value", "unit", "source", "url"))
    if ("period" in frame.columns) == ("date" in frame.columns):
        msg = f"{path}: give exactly one of the columns 'period' or 'date'; it has {frame.columns}"
        raise ReferenceDataError(msg)
    scale, unit = _units(path, frame)
    source, url = _provenance(path, frame)
    periods = _by_period(path, frame) if "period" in frame.columns else _by_date(path, frame)
    optional = {"yoy_pct": pl.Float64()}
    result = pl.DataFrame(
        {
            "metric": _parsed(frame, path, "metric", pl.String()),
            "reporter": _parsed(frame, path, "reporter", pl.String()),
            **periods,
            "year": [end.year for end in periods["period_end"]],
            "value": _parsed(frame, path, "value", pl.Float64()) * pl.Series(scale),
            "unit": unit,
            **{
                column: _parsed(frame, path, column, dtype, required=False)
                if column in frame.columns
                else pl.Series([None] * frame.height, dtype=dtype)
                for column, dtype in optional.items()
            },
            "status": _status(path, frame),
            "derived": [False] * frame.height,
            "source": source,
            "url": url,
        },
        schema_overrides={"months": pl.Int8()},
    )
    _unique(path, result, ["metric", "reporter", "period"], "metric, reporter and period")
    return _finish(result).sort("metric", "reporter", "period_end", "period_start")


def _units(path: Path, frame: pl.DataFrame) -> tuple[list[float], list[str]]:
    """Each row's scale factor and base unit: "USD bn" -> (1e9, "USD")."""
    units = _parsed(frame, path, "unit", pl.String())
    matches = [_UNIT.match(u) for u in units]
    problem = "is not a unit such as 'USD', 'USD bn', 'CNY million', 'percent' or 'count'"
    _check(path, frame, "unit", pl.Series([m is not None for m in matches]), problem)
    parts = [m.groups() for m in matches if m is not None]
    scale = [_SCALES[s.lower()] if s else 1.0 for _, s in parts]
    return scale, [_CANONICAL_UNITS[u.lower()] for u, _ in parts]


def _by_period(path: Path, frame: pl.DataFrame) -> dict[str, list]:
    period = _parsed(frame, path, "period", pl.String())
    bounds = [_period_bounds(p) for p in period]
    ok = pl.Series([b is not None for b in bounds])
    _check(path, frame, "period", ok, "is not a period: write 2023, 2023-03 or 2023-01..2023-03")
    spans = [b for b in bounds if b is not None]
    return {
        "period": period.to_list(),
        "months": [(e.year - s.year) * 12 + e.month - s.month + 1 for s, e in spans],
        "basis": [_basis(s, e) for s, e in spans],
        "period_start": [s for s, _ in spans],
        "period_end": [e for _, e in spans],
    }


def _by_date(path: Path, frame: pl.DataFrame) -> dict[str, list]:
    # A date alone is a value at that date; with "months", the months ending there.
    ends = _parsed(frame, path, "date", pl.Date()).to_list()
    counts = (
        _parsed(frame, path, "months", pl.Int16(), required=False)
        if "months" in frame.columns
        else pl.Series([None] * frame.height, dtype=pl.Int16())
    )
    _check(path, frame, "months", counts.is_between(1, 120) | counts.is_null(), "is not 1-120")
    columns: dict[str, list] = {"period": [], "months": [], "basis": [], "period_start": []}
    for end, n in zip(ends, counts, strict=True):
        if n is None:
            start, period, basis = end, end.isoformat(), "point"
        else:
            first = (end.year * 12 + end.month - 1) - (n - 1)
            start = date(first // 12, first % 12 + 1, 1)
            period, basis = _span(start, end), _basis(start, end)
        columns["period"].append(period)
        columns["months"].append(n)
        columns["basis"].append(basis)
        columns["period_start"].append(start)
    return {**columns, "period_end": ends}


# --- derived series, checks, comparison -----------------------------------------------------


def check_reporters(series: pl.DataFrame) -> pl.DataFrame:
    """``series`` unchanged, or an error if one metric in it has more than one reporter.

    Chinese customs (GAC) and Russian customs report different totals for the same trade;
    a chart or comparison that mixed them would show a change that is only a change of
    source.

    Examples
    --------
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
        A series in :data:`SERIES_SCHEMA` (:func:`annual`, :func:`year_to_date`,
        :func:`monthly`, :func:`read_series`, or several concatenated), one reporter per
        metric.

    Returns
    -------
    DataFrame in :data:`COMPARISON_SCHEMA`, one row per claim and reference value.

    Raises
    ------
    ReferenceDataError
        If the reference mixes reporters for one metric (see :func:`check_reporters`).

    Examples
    --------
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
