"""Tests for framescope.report.trade's figures-view frames: claims, official figures and
targets placed by the period they are about, gaps kept, and the verdict table."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope.claims.official import TARGET_SCHEMA
from framescope.claims.series import SERIES_SCHEMA
from framescope.report import trade


@pytest.mark.parametrize(
    ("period", "expected"),
    [
        ("2022", date(2022, 7, 2)),
        ("2023-03", date(2023, 3, 15)),
        ("2022-01..2022-09", date(2022, 9, 30)),
        ("2022-01..2022-12", date(2022, 12, 31)),
        ("2021..2022", date(2022, 1, 1)),
        ("annual", None),
        (None, None),
        ("sometime", None),
    ],
)
def test_period_position(period, expected) -> None:
    assert trade.period_position(period) == expected


def test_claim_points_fall_back_to_the_publication_date_and_say_so() -> None:
    checked = pl.DataFrame(
        {
            "period": ["2022", "annual", None, None],
            "kind": ["actual", "target", "actual", "forecast"],
            "published": [date(2023, 2, 1), date(2023, 2, 1), date(2023, 3, 18), None],
        }
    )
    result = trade.claim_points(checked).select("x", "placed", "period_label")
    expected = pl.DataFrame(
        {
            "x": [date(2022, 7, 2), date(2023, 2, 1), date(2023, 3, 18), None],
            "placed": ["period", "publication", "publication", None],
            "period_label": [
                "2022",
                "annual target, no year named (published 2023-02-01)",
                "none named (published 2023-03-18)",
                "none named forecast, undated",
            ],
        }
    )
    assert_frame_equal(result, expected)


def _series(rows: list[tuple], basis: str) -> pl.DataFrame:
    frame = pl.DataFrame(
        rows, schema={"period": pl.String, "year": pl.Int32, "months": pl.Int8,
                      "period_end": pl.Date, "value": pl.Float64}, orient="row",
    )  # fmt: skip
    return frame.with_columns(
        metric=pl.lit("trade"), unit=pl.lit("USD"), basis=pl.lit(basis), reporter=pl.lit("GAC")
    ).select(c for c in SERIES_SCHEMA if c in frame.columns or c in ("metric", "unit", "basis"))


def test_official_points_leave_a_gap_for_a_missing_year() -> None:
    annual = _series(
        [
            ("2014", 2014, 12, date(2014, 12, 31), 95e9),
            ("2016", 2016, 12, date(2016, 12, 31), 70e9),
            ("2017", 2017, 12, date(2017, 12, 31), 84e9),
        ],
        "annual",
    )
    result = trade.official_points({"GAC annual": annual})
    expected = pl.DataFrame(
        {
            "metric": ["trade"] * 4,
            "unit": ["USD"] * 4,
            "x": [date(2014, 7, 2), date(2015, 7, 2), date(2016, 7, 2), date(2017, 7, 2)],
            "value": [95e9, None, 70e9, 84e9],
            "period": ["2014", "2015", "2016", "2017"],
            "label": ["GAC annual"] * 4,
        }
    )
    assert_frame_equal(result, expected)


def test_official_points_break_year_to_date_lines_at_missing_months_and_each_new_year() -> None:
    ytd = _series(
        [
            ("2022-01..2022-02", 2022, 2, date(2022, 2, 28), 26e9),
            ("2022-01..2022-04", 2022, 4, date(2022, 4, 30), 50e9),
            ("2023-01..2023-03", 2023, 3, date(2023, 3, 31), 54e9),
        ],
        "ytd",
    )
    result = trade.official_points({"ytd": ytd}).select("x", "value", "period")
    expected = pl.DataFrame(
        {
            "x": [date(2022, 2, 28), date(2022, 3, 31), date(2022, 4, 30), date(2022, 5, 31),
                  date(2023, 3, 31), date(2023, 4, 30)],
            "value": [26e9, None, 50e9, None, 54e9, None],
            "period": ["2022-01..2022-02", "2022-01..2022-03", "2022-01..2022-04",
                       "2022-01..2022-05", "2023-01..2023-03", "2023-01..2023-04"],
        }
    )  # fmt: skip
    assert_frame_equal(result, expected)


def test_official_points_of_nothing() -> None:
    result = trade.official_points({"none": pl.DataFrame(schema=SERIES_SCHEMA)})
    assert result.is_empty()
    assert result.columns == ["metric", "unit", "x", "value", "period", "label"]


def test_target_points_sit_at_the_year_they_are_for() -> None:
    targets = pl.DataFrame(
        [("trade", "Putin", date(2023, 3, 21), 2023, "year", 200e9, "USD", "Putin", "TASS", "t")],
        schema=TARGET_SCHEMA,
        orient="row",
    )
    result = trade.target_points(targets)
    expected = pl.DataFrame(
        {
            "metric": ["trade"],
            "unit": ["USD"],
            "x": [date(2023, 7, 2)],
            "value": [200e9],
            "period": ["2023 target"],
            "label": ["Putin, 2023-03-21: $200 billion for 2023"],
        }
    )
    assert_frame_equal(result, expected)


def test_verdict_table_puts_the_key_columns_first_and_writes_years_as_text() -> None:
    checked = pl.DataFrame(
        {
            "claim": ["trade: $190 billion"],
            "metric": ["bilateral_trade"],
            "unit": ["USD"],
            "source": ["X"],
            "published": [date(2023, 3, 21)],
            "surface": ["$190 billion"],
            "kind": ["actual"],
            "period": ["2022"],
            "speaker": [None],
            "hedged": [False],
            "sentence": ["Trade hit $190 billion last year."],
            "divergences": [["period_differs", "target_as_fact"]],
            "official_value": [190.27e9],
            "official_period": ["2022"],
            "official_source": ["Reuters"],
            "ratio": [190 / 190.27],
            "verdict": ["rounding"],
            "verdict_note": ["GAC's 2022 figure ($190.27 billion) rounded ..."],
        },
        schema_overrides={"speaker": pl.String},
    )
    result = trade.verdict_table(checked, {"bilateral_trade": "China-Russia trade"})
    assert result.columns[:5] == ["source", "surface", "period_label", "official", "verdict"]
    assert result.columns == [c for c in trade.VERDICT_COLUMNS if c in result.columns]
    row = result.row(0, named=True)
    assert row["official"] == "$190.27 billion (2022)"  # not "2,022"
    assert row["period_label"] == "2022"
    assert row["metric_name"] == "China-Russia trade"
    assert row["divergences"] == "period differs, target as fact"
    assert row["ratio"] == 0.999
