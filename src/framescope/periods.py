"""Periods of time for series and charts: which period a date falls in, and where a chart
draws it.

On the calendar axis a period is labelled by its first day: the day itself, the Monday of its
ISO week, or the first of its month. On the event axis it is labelled by whole days from the
event date, in buckets of 1, 7 or 30 days laid out so that day 0 starts a bucket: day -1 falls
in the bucket labelled -7, days 0 to 6 in the one labelled 0. Buckets are anchored on the
event rather than on Mondays so that "the week of the visit" is one bucket whatever weekday
the event fell on.

A period covers ``[period, period_end)``: on either axis a day ``d`` is the stretch from ``d``
to ``d + 1``, as a date on a calendar axis is its midnight. A chart draws a period at its middle
with its real width (:func:`period_middle`, :func:`period_width`) and names it in words
(:func:`period_label`). ``framescope.timeseries`` re-exports all of this.
"""

from __future__ import annotations

from datetime import date

import polars as pl

FREQS = ("day", "week", "month")
"""Period lengths: calendar days, ISO weeks (Monday first), calendar months."""

AXES = ("calendar", "event")
"""Time axes: dates, or whole days relative to the event date."""

_TRUNCATE = {"day": "1d", "week": "1w", "month": "1mo"}
_EVENT_BUCKET_DAYS = {"day": 1, "week": 7, "month": 30}


def relative_days(published: pl.Expr, event_date: date) -> pl.Expr:
    """Whole days from ``event_date`` to the date in ``published`` (negative before it).

    Examples
    --------
    >>> frame = pl.DataFrame({"published": [date(2023, 3, 13), date(2023, 3, 22)]})
    >>> days = relative_days(pl.col("published"), date(2023, 3, 20))
    >>> frame.select(days)["published"].to_list()
    [-7, 2]
    """
    return (published.cast(pl.Date) - pl.lit(event_date, dtype=pl.Date)).dt.total_days()


def periods(
    published: pl.Expr,
    *,
    freq: str = "week",
    axis: str = "calendar",
    event_date: date | None = None,
) -> pl.Expr:
    """The period a publication date falls in.

    Parameters
    ----------
    published
        An expression giving dates (Datetimes are cut to their date). Null stays null.
    freq
        One of :data:`FREQS`: ``"day"``, ``"week"`` or ``"month"``.
    axis
        ``"calendar"``: the period's first day (a Date; weeks start on Monday).
        ``"event"``: whole days from ``event_date`` (Int64), in buckets of 1, 7 or 30 days
        aligned so that day 0 starts a bucket, each labelled by its first day (..., -7, 0,
        7, ...). ``event_date`` is ignored on the calendar axis.
    event_date
        The day 0 of the event axis; required when ``axis="event"``.

    Raises
    ------
    ValueError
        If ``freq`` or ``axis`` is unknown, or ``axis="event"`` comes without ``event_date``.

    Examples
    --------
    >>> frame = pl.DataFrame({"published": [date(2023, 3, 19), date(2023, 3, 22)]})
    >>> frame.select(periods(pl.col("published")))["published"].to_list()
    [datetime.date(2023, 3, 13), datetime.date(2023, 3, 20)]
    >>> event = periods(pl.col("published"), axis="event", event_date=date(2023, 3, 20))
    >>> frame.select(event)["published"].to_list()
    [-7, 0]
    """
    _check_period_options(freq, axis)
    if axis == "calendar":
        return published.cast(pl.Date).dt.truncate(_TRUNCATE[freq])
    if event_date is None:
        msg = "event_date: None; axis='event' needs the date of day 0"
        raise ValueError(msg)
    width = _EVENT_BUCKET_DAYS[freq]
    # Floor division keeps buckets aligned on day 0 for negative offsets too: -1 // 7 == -1.
    return (relative_days(published, event_date) // width) * width


def _check_period_options(freq: str, axis: str) -> None:
    if freq not in FREQS:
        msg = f"freq: {freq!r} is not one of {list(FREQS)}"
        raise ValueError(msg)
    if axis not in AXES:
        msg = f"axis: {axis!r} is not one of {list(AXES)}"
        raise ValueError(msg)


def period_end(period: pl.Expr, *, freq: str = "week", axis: str = "calendar") -> pl.Expr:
    """Where a period from :func:`periods` ends: the first day of the next one (exclusive).

    A period covers ``[period, period_end)``: on either axis a day ``d`` is the stretch from
    ``d`` to ``d + 1``, as a date on a calendar axis is its midnight.

    Examples
    --------
    >>> frame = pl.DataFrame({"period": [date(2023, 2, 1)]})
    >>> frame.select(period_end(pl.col("period"), freq="month")).item()
    datetime.date(2023, 3, 1)
    >>> pl.select(period_end(pl.lit(-7), axis="event")).item()
    0
    """
    _check_period_options(freq, axis)
    if axis == "calendar":
        return period.dt.offset_by(_TRUNCATE[freq])
    return period + _EVENT_BUCKET_DAYS[freq]


def period_width(period: pl.Expr, *, freq: str = "week", axis: str = "calendar") -> pl.Expr:
    """How long each period lasts, as a chart's bar ``width`` wants it: milliseconds on the
    calendar axis (a month's days vary), days on the event axis (Int64 both).

    Examples
    --------
    >>> frame = pl.DataFrame({"period": [date(2023, 2, 1), date(2023, 3, 1)]})
    >>> frame.select(period_width(pl.col("period"), freq="month"))["period"].to_list()
    [2419200000, 2678400000]
    >>> pl.select(period_width(pl.lit(0), freq="week", axis="event")).item()
    7
    """
    _check_period_options(freq, axis)
    if axis == "calendar":
        start = period.cast(pl.Datetime("ms"))
        end = period_end(period, freq=freq, axis=axis).cast(pl.Datetime("ms"))
        return (end - start).dt.total_milliseconds()
    return pl.when(period.is_not_null()).then(pl.lit(_EVENT_BUCKET_DAYS[freq], dtype=pl.Int64))


def period_middle(period: pl.Expr, *, freq: str = "week", axis: str = "calendar") -> pl.Expr:
    """The middle of each period, where a chart centres its mark: a Datetime (ms) on the
    calendar axis, a Float64 day on the event axis.

    Drawn at its first day, a period's mark would sit before the days it counts (a 30-day
    bucket of days -30 to -1 drawn at -30, weeks before the milestones its articles report).

    Examples
    --------
    >>> frame = pl.DataFrame({"period": [date(2023, 3, 13)]})
    >>> frame.select(period_middle(pl.col("period"))).item()
    datetime.datetime(2023, 3, 16, 12, 0)
    >>> pl.select(period_middle(pl.lit(-30), freq="month", axis="event")).item()
    -15.0
    """
    _check_period_options(freq, axis)
    if axis == "calendar":
        start = period.cast(pl.Datetime("ms"))
        end = period_end(period, freq=freq, axis=axis).cast(pl.Datetime("ms"))
        return start + (end - start) / 2
    return period.cast(pl.Float64) + _EVENT_BUCKET_DAYS[freq] / 2


def period_label(period: pl.Expr, *, freq: str = "week", axis: str = "calendar") -> pl.Expr:
    """Each period in words, for hover text and tables: "17 Mar 2023", "week of 13 Mar 2023",
    "March 2023"; on the event axis "day -3", "days -7 to -1".

    Examples
    --------
    >>> frame = pl.DataFrame({"period": [date(2023, 3, 13)]})
    >>> frame.select(period_label(pl.col("period"))).item()
    'week of 13 Mar 2023'
    >>> pl.select(period_label(pl.lit(-30), freq="month", axis="event")).item()
    'days -30 to -1'
    """
    _check_period_options(freq, axis)
    if axis == "calendar":
        formats = {"day": "%-d %b %Y", "week": "week of %-d %b %Y", "month": "%B %Y"}
        return period.dt.strftime(formats[freq])
    if freq == "day":
        return pl.format("day {}", period)
    return pl.format("days {} to {}", period, period + (_EVENT_BUCKET_DAYS[freq] - 1))
