"""Tests for framescope.claims.official: the shipped reference files and their validation."""

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import config
from framescope.claims.official import annual, targets, year_to_date
from framescope.claims.series import SERIES_SCHEMA, ReferenceDataError
from tests.claims.conftest import write_file

SHIPPED = config.ROOT / "data" / "reference"


def _copy(tmp_path: Path, name: str, old: str = "", new: str = "") -> Path:
    """A copy of a shipped reference file with one piece of text replaced."""
    text = (SHIPPED / name).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def test_annual() -> None:
    result = annual()
    assert result.schema == pl.Schema(SERIES_SCHEMA)
    assert result.height == 10
    assert result["year"].to_list() == [2014, *range(2016, 2025)]
    assert result["reporter"].unique().to_list() == ["China GAC"]
    assert result["basis"].unique().to_list() == ["annual"]
    by_year = dict(result.select("year", "value").iter_rows())
    assert by_year[2022] == pytest.approx(190.27e9)
    assert by_year[2023] == pytest.approx(240.11e9)
    assert by_year[2021] == pytest.approx(146.887e9)


@pytest.mark.parametrize(
    ("loader", "rows"),
    [(annual, 10), (year_to_date, 16), (targets, 4)],
)
def test_every_shipped_row_keeps_its_provenance(loader, rows: int) -> None:
    result = loader()
    assert result.height == rows
    assert result["source"].null_count() == 0
    assert result["url"].str.contains(r"^https?://").all()
    assert result["reporter"].null_count() == 0


def test_year_to_date() -> None:
    result = year_to_date()
    assert result.select("period", "months", "value", "yoy_pct").head(3).rows() == [
        ("2022-01..2022-02", 2, 26.4e9, 38.5),
        ("2022-01..2022-03", 3, 38.17e9, 28.7),
        ("2022-01..2022-05", 5, 65.81e9, 28.9),
    ]
    assert result["basis"].unique().to_list() == ["ytd"]
    july = result.filter(pl.col("period") == "2022-01..2022-07")
    assert july["yoy_pct"].to_list() == [None]


def test_year_to_date_december_matches_the_annual_total() -> None:
    december = year_to_date().filter(pl.col("months") == 12).select("year", "value")
    totals = annual().filter(pl.col("year").is_in([2022, 2023])).select("year", "value")
    assert_frame_equal(december, totals)


def test_targets() -> None:
    result = targets()
    assert result.select("stated_on", "target_year", "value", "stated_by").rows()[-1] == (
        date(2023, 3, 21),
        2023,
        200e9,
        "Vladimir Putin (expects target passed in 2023)",
    )
    assert result["reporter"].to_list() == result["stated_by"].to_list()


def test_the_reference_folder_comes_from_config(tmp_path: Path, monkeypatch) -> None:
    path = _copy(tmp_path, "china_russia_trade_annual.csv", "2022,190.27", "2022,190.5")
    monkeypatch.setattr(config, "REFERENCE", path.parent)
    assert annual().filter(pl.col("year") == 2022)["value"].item() == 190.5e9


# --- monthly values -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "old", "new", "message"),
    [
        (
            "china_russia_trade_annual.csv",
            "2022,190.27,",
            "2022,abc,",
            r"row 8 \(line 9\), column 'trade_usd_bn': 'abc' is not a number",
        ),
        (
            "china_russia_trade_annual.csv",
            "2014,95.28",
            "20x4,95.28",
            r"row 1 \(line 2\), column 'year': '20x4' is not an integer",
        ),
        (
            "china_russia_trade_annual.csv",
            "2016,69.52",
            "2016,-69.52",
            r"row 2 \(line 3\), column 'trade_usd_bn': '-69.52' is negative",
        ),
        (
            "china_russia_trade_annual.csv",
            ",Sputnik (2017-03-15),",
            ",,",
            r"row 2 \(line 3\), column 'source': is empty",
        ),
        (
            "china_russia_trade_annual.csv",
            "https://tass.com/economy/1178145",
            "tass.com/economy",
            r"row 3 \(line 4\), column 'url': 'tass.com/economy' is not an http\(s\) URL",
        ),
        (
            "china_russia_trade_annual.csv",
            "2019,110.75,3.4,China GAC,reported",
            "2019,110.75,3.4,China GAC,rumoured",
            r"row 5 \(line 6\), column 'status': 'rumoured' is not one of",
        ),
        (
            "china_russia_trade_annual.csv",
            "2020,107.76",
            "2019,107.76",
            r"rows 5 and 6 \(lines 6 and 7\) both give reporter and year \['China GAC', 2019\]",
        ),
        (
            "china_russia_trade_annual.csv",
            "year,trade_usd_bn",
            "year,trade",
            r"missing column\(s\) \['trade_usd_bn'\]",
        ),
        (
            "china_russia_trade_ytd.csv",
            "2022-02-28,2,",
            "2022-02-30,2,",
            r"row 1 \(line 2\), column 'period_end': '2022-02-30' is not a date",
        ),
        (
            "china_russia_trade_ytd.csv",
            "2022-03-31,3,",
            "2022-03-31,4,",
            r"row 2 \(line 3\), column 'months': '4' does not match period_end",
        ),
        (
            "china_russia_trade_ytd.csv",
            "2022-03-31,3,",
            "2022-03-30,3,",
            r"row 2 \(line 3\), column 'period_end': .* is not the last day of a month",
        ),
        (
            "trade_targets.csv",
            "2023-03-21,200,2023,year",
            "2023-03-21,200,2023,decade",
            r"row 4 \(line 5\), column 'per': 'decade' is not 'year'",
        ),
    ],
)
def test_bad_reference_files_name_file_row_and_column(
    tmp_path: Path, name: str, old: str, new: str, message: str
) -> None:
    path = _copy(tmp_path, name, old, new)
    loader = {
        "china_russia_trade_annual.csv": annual,
        "china_russia_trade_ytd.csv": year_to_date,
        "trade_targets.csv": targets,
    }[name]
    with pytest.raises(ReferenceDataError, match=message) as error:
        loader(path)
    assert str(path) in str(error.value)


def test_a_missing_or_unreadable_reference_file(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="no such reference file"):
        annual(tmp_path / "nope.csv")
    ragged = _copy(tmp_path, "china_russia_trade_annual.csv", "1178145\n", "1178145,extra\n")
    with pytest.raises(ReferenceDataError, match="not a readable CSV: found more fields"):
        annual(ragged)
    with pytest.raises(ReferenceDataError, match="not a readable CSV: empty CSV"):
        annual(write_file(tmp_path, ""))
