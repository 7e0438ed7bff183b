"""A reference series: its columns, your own series from a CSV, and reading reference CSVs.

Every reader of a reference file (here and in :mod:`framescope.claims.official`) validates it
and stops with a :class:`ReferenceDataError` naming the file, the row and the column of the
first bad value or missing column. Every row keeps ``source`` and ``url``. Values are in base
units (190.27e9 USD), like the figures table's. The helpers ``_read``, ``_parsed``, ``_check``,
``_provenance``, ``_status``, ``_unique`` and ``_finish`` are shared with the other modules of
the claims package that read or build series.

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

SERIES_SCHEMA = pl.Schema(
    {
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
)
"""Columns of every reference series. ``period`` is written like the figures table's
(``2022``, ``2022-03``, ``2022-01..2022-09``); ``basis`` is ``annual``, ``ytd`` (from
January), ``month``, ``months`` (several months not from January) or ``point`` (a value at a
date); ``year`` is the year of ``period_end``; ``months`` how many months the value covers."""

STATUSES = ("reported", "preliminary", "revised", "estimated")

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
