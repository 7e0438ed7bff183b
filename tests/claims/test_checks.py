"""Tests for framescope.claims.checks: monthly values, one reporter per series, comparison."""

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope.claims.checks import COMPARISON_SCHEMA, check_reporters, compare, monthly
from framescope.claims.official import annual, year_to_date
from framescope.claims.series import ReferenceDataError, read_series
from tests.claims.conftest import write_file

HEADER = "metric,reporter,period,value,unit,status,source,url,yoy_pct\n"


def test_monthly_from_the_shipped_year_to_date() -> None:
    # By hand: March 2022 = 38.17 - 26.40; April-May = 65.81 - 38.17 (two months, not split);
    # Sep-Dec 2022 = 190.27 - 117.20; the first 2023 point (Jan-Mar) gives nothing.
    result = monthly(year_to_date())
    expected = pl.DataFrame(
        [
            ("2022-03", "month", 1, 11.77),
            ("2022-04..2022-05", "months", 2, 27.64),
            ("2022-06", "month", 1, 14.865),
            ("2022-07", "month", 1, 17.035),
            ("2022-08", "month", 1, 19.49),
            ("2022-09..2022-12", "months", 4, 73.07),
            ("2023-04", "month", 1, 19.298),
            ("2023-05", "month", 1, 20.652),
            ("2023-06", "month", 1, 20.747),
            ("2023-07..2023-08", "months", 2, 40.553),
            ("2023-09", "month", 1, 21.3),
            ("2023-10", "month", 1, 20.08),
            ("2023-11", "month", 1, 21.69),
            ("2023-12", "month", 1, 21.94),
        ],
        schema={"period": pl.String, "basis": pl.String, "months": pl.Int8, "value": pl.Float64},
        orient="row",
    )
    assert_frame_equal(
        result.select("period", "basis", "months", pl.col("value") / 1e9),
        expected,
        abs_tol=1e-9,
    )
    assert result["derived"].all()
    assert result["status"].unique().to_list() == ["derived"]
    first = result.row(0, named=True)
    assert first["derived_from"] == ["2022-01..2022-03", "2022-01..2022-02"]
    assert first["source"] == (
        "The Moscow Times citing RIA Novosti (2022-04-13) | SCMP (2022-03-07)"
    )
    assert first["url"].count(" | ") == 1
    assert (first["period_start"], first["period_end"]) == (date(2022, 3, 1), date(2022, 3, 31))


def _ytd_series(tmp_path: Path, rows: list[tuple]) -> pl.DataFrame:
    lines = ["period_end,months,trade_usd_bn_ytd,yoy_pct,reporter,status,source,url"]
    lines += [
        f"{end},{months},{value},,{reporter},reported,src {i},https://example.org/{i}"
        for i, (end, months, value, reporter) in enumerate(rows)
    ]
    return year_to_date(write_file(tmp_path, "\n".join(lines) + "\n"))


def test_monthly_keeps_a_reported_january_and_never_mixes_reporters(tmp_path: Path) -> None:
    ytd = _ytd_series(
        tmp_path,
        [
            ("2023-01-31", 1, 10.0, "China GAC"),
            ("2023-02-28", 2, 25.0, "China GAC"),
            ("2023-02-28", 2, 30.0, "Russian customs"),
            ("2023-03-31", 3, 40.0, "Russian customs"),
        ],
    )
    result = monthly(ytd)
    assert result.select("reporter", "period", "value", "derived").rows() == [
        ("China GAC", "2023-01", 10e9, False),
        ("China GAC", "2023-02", 15e9, True),
        ("Russian customs", "2023-03", 10e9, True),
    ]


def test_monthly_stops_when_cumulative_totals_shrink(tmp_path: Path) -> None:
    ytd = _ytd_series(
        tmp_path, [("2023-02-28", 2, 25.0, "China GAC"), ("2023-03-31", 3, 20.0, "China GAC")]
    )
    with pytest.raises(ReferenceDataError, match=r"shrink from 2023-01..2023-02"):
        monthly(ytd)


def test_monthly_needs_year_to_date_totals() -> None:
    with pytest.raises(ReferenceDataError, match="period '2014' is not one"):
        monthly(annual())


def _russian_customs(tmp_path: Path) -> pl.DataFrame:
    return read_series(
        write_file(
            tmp_path,
            HEADER + "bilateral_trade,Russian customs,2022,172.9,USD bn,,FCS,https://x.ru,\n",
        )
    )


def test_mixing_reporters_raises(tmp_path: Path) -> None:
    mixed = pl.concat([annual(), _russian_customs(tmp_path)])
    with pytest.raises(ReferenceDataError, match=r"mixes reporters \['China GAC', 'Russian"):
        check_reporters(mixed)
    claims = pl.DataFrame(
        {"metric": ["bilateral_trade"], "unit": ["USD"], "value": [200e9], "kind": ["target"],
         "period": ["2023"]}
    )  # fmt: skip
    with pytest.raises(ReferenceDataError, match="mixes reporters"):
        compare(claims, mixed)
    assert check_reporters(_russian_customs(tmp_path)).height == 1


def test_compare_a_target_with_the_years_around_it() -> None:
    claims = pl.DataFrame(
        {
            "article_id": ["b"],
            "surface": ["200 billion dollars"],
            "metric": ["bilateral_trade"],
            "unit": ["USD"],
            "value": [200e9],
            "kind": ["target"],
            "period": ["2023"],
        }
    )
    result = compare(claims, annual())
    expected = pl.DataFrame(
        {
            "claim": ["$200 billion target (2023)"] * 2,
            "reference_year": [2022, 2023],
            "reference_value": [190.27e9, 240.11e9],
            "difference": [9.73e9, -40.11e9],
            "reference_source": [
                "Vestnik Kavkaza (2023-01-13); Reuters (1.28 trillion yuan)",
                "Reuters; China Economic Review",
            ],
        },
        schema_overrides={"reference_year": pl.Int32},
    )
    assert_frame_equal(result.select(expected.columns), expected)
    assert result["ratio"].round(4).to_list() == [1.0511, 0.8330]
    assert result.schema == pl.Schema(COMPARISON_SCHEMA)


def test_compare_uses_the_publication_year_for_annual_claims_and_yoy_for_changes() -> None:
    claims = pl.DataFrame(
        {
            "claim": ["the target", "growth", "share", "in yuan", "ytd"],
            "published": [date(2023, 2, 1), None, None, None, None],
            "metric": ["bilateral_trade"] * 5,
            "unit": ["USD", "percent", "percent", "CNY", "USD"],
            "value": [200e9, 29.3, 29.3, 1.28e12, 117e9],
            "kind": ["target", "change", "actual", "actual", "actual"],
            "period": ["annual", "2022", "2022", "2022", "2022-01..2022-08"],
        }
    )
    series = pl.concat([annual(), year_to_date()])
    result = compare(claims, series)
    assert result.select("claim", "reference_period", "reference_value").rows() == [
        ("the target", "2022", 190.27e9),
        ("the target", "2023", 240.11e9),
        ("growth", "2021", 35.8),
        ("growth", "2022", 29.3),
        ("ytd", "2022-01..2022-08", 117.2e9),
    ]


def test_compare_needs_claim_columns() -> None:
    with pytest.raises(ValueError, match=r"claims lack column\(s\) \['kind', 'period'\]"):
        compare(pl.DataFrame({"metric": ["m"], "unit": ["USD"], "value": [1.0]}), annual())
