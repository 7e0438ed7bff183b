"""framescope.periods: which period a date falls in, and where a chart draws it."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import periods

EVENT = date(2023, 3, 20)  # a Monday


def test_periods_calendar_day_week_month() -> None:
    frame = pl.DataFrame(
        {"published": [date(2023, 3, 19), date(2023, 3, 20), date(2023, 2, 28), None]}
    )
    result = frame.select(
        periods.periods(pl.col("published"), freq="day").alias("day"),
        periods.periods(pl.col("published"), freq="week").alias("week"),
        periods.periods(pl.col("published"), freq="month").alias("month"),
    )
    expected = pl.DataFrame(
        {
            "day": [date(2023, 3, 19), date(2023, 3, 20), date(2023, 2, 28), None],
            "week": [date(2023, 3, 13), date(2023, 3, 20), date(2023, 2, 27), None],
            "month": [date(2023, 3, 1), date(2023, 3, 1), date(2023, 2, 1), None],
        }
    )
    assert_frame_equal(result, expected)


def test_periods_event_axis_buckets_align_on_day_zero() -> None:
    offsets = [-31, -30, -29, -8, -7, -1, 0, 6, 7, 29, 30]
    frame = pl.DataFrame({"published": [EVENT + timedelta(days=d) for d in offsets]})
    result = frame.select(
        [
            periods.periods(pl.col("published"), freq=f, axis="event", event_date=EVENT).alias(f)
            for f in ("day", "week", "month")
        ]
    )
    expected = pl.DataFrame(
        {
            "day": offsets,
            "week": [-35, -35, -35, -14, -7, -7, 0, 0, 7, 28, 28],
            "month": [-60, -30, -30, -30, -30, -30, 0, 0, 0, 0, 30],
        }
    )
    assert_frame_equal(result, expected)


def test_periods_accept_datetimes_and_nulls() -> None:
    frame = pl.DataFrame({"published": [datetime(2023, 3, 19, 23, 30), None]})
    result = frame.select(
        periods.periods(pl.col("published"), freq="day").alias("calendar"),
        periods.periods(pl.col("published"), freq="day", axis="event", event_date=EVENT).alias(
            "event"
        ),
    )
    expected = pl.DataFrame(
        {"calendar": [date(2023, 3, 19), None], "event": [-1, None]},
        schema={"calendar": pl.Date, "event": pl.Int64},
    )
    assert_frame_equal(result, expected)


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"freq": "year"}, r"freq: 'year' is not one of \['day', 'week', 'month'\]"),
        ({"axis": "fiscal"}, r"axis: 'fiscal' is not one of \['calendar', 'event'\]"),
        ({"axis": "event"}, r"event_date: None; axis='event' needs"),
    ],
)
def test_periods_reject_bad_options(options: dict[str, str], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        periods.periods(pl.col("published"), **options)


DAY_MS = 86_400_000


def _marks(frame: pl.DataFrame, freq: str, axis: str) -> pl.DataFrame:
    options = {"freq": freq, "axis": axis}
    period = pl.col("period")
    return frame.select(
        periods.period_middle(period, **options).alias("middle"),
        periods.period_width(period, **options).alias("width"),
        periods.period_end(period, **options).alias("end"),
        periods.period_label(period, **options).alias("label"),
    )


@pytest.mark.parametrize(
    ("freq", "start", "expected"),
    [
        ("day", date(2023, 3, 17), (datetime(2023, 3, 17, 12), DAY_MS, date(2023, 3, 18),
                                    "17 Mar 2023")),
        ("week", date(2023, 3, 13), (datetime(2023, 3, 16, 12), 7 * DAY_MS, date(2023, 3, 20),
                                     "week of 13 Mar 2023")),
        ("month", date(2023, 2, 1), (datetime(2023, 2, 15), 28 * DAY_MS, date(2023, 3, 1),
                                     "February 2023")),
        ("month", date(2023, 3, 1), (datetime(2023, 3, 16, 12), 31 * DAY_MS, date(2023, 4, 1),
                                     "March 2023")),
    ],
)  # fmt: skip
def test_calendar_periods_are_marked_at_their_middle_with_their_length(
    freq: str, start: date, expected: tuple[object, ...]
) -> None:
    result = _marks(pl.DataFrame({"period": [start, None]}), freq, "calendar")
    assert result.row(0) == expected
    assert result.row(1) == (None, None, None, None)


@pytest.mark.parametrize(
    ("freq", "start", "expected"),
    [
        ("day", -3, (-2.5, 1, -2, "day -3")),
        ("week", -7, (-3.5, 7, 0, "days -7 to -1")),
        # The 17-18 March articles (days -3, -2) are in this bucket: drawn at its middle, not
        # at -30, they sit near the milestones they report.
        ("month", -30, (-15.0, 30, 0, "days -30 to -1")),
        ("month", 0, (15.0, 30, 30, "days 0 to 29")),
    ],
)
def test_event_periods_are_marked_at_their_middle_with_their_length(
    freq: str, start: int, expected: tuple[object, ...]
) -> None:
    result = _marks(pl.DataFrame({"period": [start]}), freq, "event")
    assert result.row(0) == expected


def test_period_marks_reject_bad_options() -> None:
    with pytest.raises(ValueError, match=r"freq: 'year' is not one of"):
        periods.period_middle(pl.col("period"), freq="year")
    with pytest.raises(ValueError, match=r"axis: 'fiscal' is not one of"):
        periods.period_width(pl.col("period"), axis="fiscal")


def test_relative_days() -> None:
    frame = pl.DataFrame({"published": [date(2023, 1, 30), EVENT, date(2023, 3, 22), None]})
    result = frame.select(periods.relative_days(pl.col("published"), EVENT))
    expected = pl.DataFrame({"published": [-49, 0, 2, None]}, schema={"published": pl.Int64})
    assert_frame_equal(result, expected)


def test_timeseries_gives_the_same_functions() -> None:
    from framescope import timeseries

    names = ("AXES", "FREQS", "periods", "relative_days", "period_middle", "period_label")
    assert all(getattr(timeseries, name) is getattr(periods, name) for name in names)
