"""Tests for framescope.claims.series: your own reference series from a CSV."""

from datetime import date
from pathlib import Path

import polars as pl
import pytest

from framescope.claims.series import SERIES_SCHEMA, ReferenceDataError, read_series
from tests.claims.conftest import write_file

HEADER = "metric,reporter,period,value,unit,status,source,url,yoy_pct\n"


def test_read_series(tmp_path: Path) -> None:
    path = write_file(
        tmp_path,
        HEADER
        + "bilateral_trade,Russian customs,2023,240.1,USD bn,,FCS,https://customs.gov.ru/a,\n"
        + "bilateral_trade,Russian customs,2023-03,21.5,USD billion,preliminary,FCS,"
        "https://customs.gov.ru/b,\n"
        + "bilateral_trade,Russian customs,2023-01..2023-03,60,USD bn,,FCS,https://x.ru/c,4.5\n"
        + "bilateral_trade,Russian customs,2023-04..2023-05,40,USD bn,,FCS,https://x.ru/d,\n"
        + "imports,Rosstat,2022,-16,percent,estimated,Rosstat,https://rosstat.gov.ru,\n",
    )
    result = read_series(path)
    assert result.schema == pl.Schema(SERIES_SCHEMA)
    assert result.select(
        "metric", "period", "basis", "months", "value", "unit", "status"
    ).rows() == [
        ("bilateral_trade", "2023-01..2023-03", "ytd", 3, 60e9, "USD", "reported"),
        ("bilateral_trade", "2023-03", "month", 1, 21.5e9, "USD", "preliminary"),
        ("bilateral_trade", "2023-04..2023-05", "months", 2, 40e9, "USD", "reported"),
        ("bilateral_trade", "2023", "annual", 12, 240.1e9, "USD", "reported"),
        ("imports", "2022", "annual", 12, -16.0, "percent", "estimated"),
    ]


def test_read_series_with_dates(tmp_path: Path) -> None:
    path = write_file(
        tmp_path,
        "metric,reporter,date,months,value,unit,source,url\n"
        "bilateral_trade,GAC,2023-06-30,6,114.547,USD bn,Sputnik,https://sputnikglobe.com/a\n"
        "reserves,CBR,2023-06-30,,580,USD bn,CBR,https://cbr.ru/b\n",
    )
    result = read_series(path)
    assert result.select("period", "basis", "months", "period_start").rows() == [
        ("2023-01..2023-06", "ytd", 6, date(2023, 1, 1)),
        ("2023-06-30", "point", None, date(2023, 6, 30)),
    ]


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (
            HEADER + "bilateral_trade,GAC,2023,1,USD bn,,S,https://a.b,\n"
            "bilateral_trade,GAC,2023,2,USD bn,,S,https://a.b,\n",
            r"rows 1 and 2 \(lines 2 and 3\) both give metric, reporter and period",
        ),
        (
            HEADER + "bilateral_trade,GAC,2023-13,1,USD bn,,S,https://a.b,\n",
            r"row 1 \(line 2\), column 'period': '2023-13' is not a period",
        ),
        (
            HEADER + "bilateral_trade,GAC,2023,1,dollars,,S,https://a.b,\n",
            r"row 1 \(line 2\), column 'unit': 'dollars' is not a unit",
        ),
        (
            HEADER + "bilateral_trade,,2023,1,USD,,S,https://a.b,\n",
            r"row 1 \(line 2\), column 'reporter': is empty",
        ),
        (
            "metric,reporter,period,date,value,unit,source,url\n",
            r"give exactly one of the columns 'period' or 'date'",
        ),
        ("metric,reporter,period,value,unit,source\n", r"missing column\(s\) \['url'\]"),
    ],
)
def test_read_series_rejects_bad_files(tmp_path: Path, text: str, message: str) -> None:
    with pytest.raises(ReferenceDataError, match=message):
        read_series(write_file(tmp_path, text))


# --- reporters and comparison ---------------------------------------------------------------
