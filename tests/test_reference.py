from datetime import date
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import config, reference
from framescope.reference import ReferenceDataError

SHIPPED = config.ROOT / "data" / "reference"


def _copy(tmp_path: Path, name: str, old: str = "", new: str = "") -> Path:
    """A copy of a shipped reference file with one piece of text replaced."""
    text = (SHIPPED / name).read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / name
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return path


def _write(tmp_path: Path, text: str, name: str = "series.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


# --- the shipped files ----------------------------------------------------------------------


def test_annual() -> None:
    result = reference.annual()
    assert result.schema == pl.Schema(reference.SERIES_SCHEMA)
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
    [(reference.annual, 10), (reference.year_to_date, 16), (reference.targets, 4)],
)
def test_every_shipped_row_keeps_its_provenance(loader, rows: int) -> None:
    result = loader()
    assert result.height == rows
    assert result["source"].null_count() == 0
    assert result["url"].str.contains(r"^https?://").all()
    assert result["reporter"].null_count() == 0


def test_year_to_date() -> None:
    result = reference.year_to_date()
    assert result.select("period", "months", "value", "yoy_pct").head(3).rows() == [
        ("2022-01..2022-02", 2, 26.4e9, 38.5),
        ("2022-01..2022-03", 3, 38.17e9, 28.7),
        ("2022-01..2022-05", 5, 65.81e9, 28.9),
    ]
    assert result["basis"].unique().to_list() == ["ytd"]
    july = result.filter(pl.col("period") == "2022-01..2022-07")
    assert july["yoy_pct"].to_list() == [None]


def test_year_to_date_december_matches_the_annual_total() -> None:
    december = reference.year_to_date().filter(pl.col("months") == 12).select("year", "value")
    annual = reference.annual().filter(pl.col("year").is_in([2022, 2023])).select("year", "value")
    assert_frame_equal(december, annual)


def test_targets() -> None:
    result = reference.targets()
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
    assert reference.annual().filter(pl.col("year") == 2022)["value"].item() == 190.5e9


# --- monthly values -------------------------------------------------------------------------


def test_monthly_from_the_shipped_year_to_date() -> None:
    # By hand: March 2022 = 38.17 - 26.40; April-May = 65.81 - 38.17 (two months, not split);
    # Sep-Dec 2022 = 190.27 - 117.20; the first 2023 point (Jan-Mar) gives nothing.
    result = reference.monthly(reference.year_to_date())
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
    return reference.year_to_date(_write(tmp_path, "\n".join(lines) + "\n"))


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
    result = reference.monthly(ytd)
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
        reference.monthly(ytd)


def test_monthly_needs_year_to_date_totals() -> None:
    with pytest.raises(ReferenceDataError, match="period '2014' is not one"):
        reference.monthly(reference.annual())


# --- bad files ------------------------------------------------------------------------------


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
        "china_russia_trade_annual.csv": reference.annual,
        "china_russia_trade_ytd.csv": reference.year_to_date,
        "trade_targets.csv": reference.targets,
    }[name]
    with pytest.raises(ReferenceDataError, match=message) as error:
        loader(path)
    assert str(path) in str(error.value)


def test_a_missing_or_unreadable_reference_file(tmp_path: Path) -> None:
    with pytest.raises(ReferenceDataError, match="no such reference file"):
        reference.annual(tmp_path / "nope.csv")
    ragged = _copy(tmp_path, "china_russia_trade_annual.csv", "1178145\n", "1178145,extra\n")
    with pytest.raises(ReferenceDataError, match="not a readable CSV: found more fields"):
        reference.annual(ragged)
    with pytest.raises(ReferenceDataError, match="not a readable CSV: empty CSV"):
        reference.annual(_write(tmp_path, ""))


# --- your own series ------------------------------------------------------------------------

HEADER = "metric,reporter,period,value,unit,status,source,url,yoy_pct\n"


def test_read_series(tmp_path: Path) -> None:
    path = _write(
        tmp_path,
        HEADER
        + "bilateral_trade,Russian customs,2023,240.1,USD bn,,FCS,https://customs.gov.ru/a,\n"
        + "bilateral_trade,Russian customs,2023-03,21.5,USD billion,preliminary,FCS,"
        "https://customs.gov.ru/b,\n"
        + "bilateral_trade,Russian customs,2023-01..2023-03,60,USD bn,,FCS,https://x.ru/c,4.5\n"
        + "bilateral_trade,Russian customs,2023-04..2023-05,40,USD bn,,FCS,https://x.ru/d,\n"
        + "imports,Rosstat,2022,-16,percent,estimated,Rosstat,https://rosstat.gov.ru,\n",
    )
    result = reference.read_series(path)
    assert result.schema == pl.Schema(reference.SERIES_SCHEMA)
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
    path = _write(
        tmp_path,
        "metric,reporter,date,months,value,unit,source,url\n"
        "bilateral_trade,GAC,2023-06-30,6,114.547,USD bn,Sputnik,https://sputnikglobe.com/a\n"
        "reserves,CBR,2023-06-30,,580,USD bn,CBR,https://cbr.ru/b\n",
    )
    result = reference.read_series(path)
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
        reference.read_series(_write(tmp_path, text))


# --- reporters and comparison ---------------------------------------------------------------


def _russian_customs(tmp_path: Path) -> pl.DataFrame:
    return reference.read_series(
        _write(
            tmp_path,
            HEADER + "bilateral_trade,Russian customs,2022,172.9,USD bn,,FCS,https://x.ru,\n",
        )
    )


def test_mixing_reporters_raises(tmp_path: Path) -> None:
    mixed = pl.concat([reference.annual(), _russian_customs(tmp_path)])
    with pytest.raises(ReferenceDataError, match=r"mixes reporters \['China GAC', 'Russian"):
        reference.check_reporters(mixed)
    claims = pl.DataFrame(
        {"metric": ["bilateral_trade"], "unit": ["USD"], "value": [200e9], "kind": ["target"],
         "period": ["2023"]}
    )  # fmt: skip
    with pytest.raises(ReferenceDataError, match="mixes reporters"):
        reference.compare(claims, mixed)
    assert reference.check_reporters(_russian_customs(tmp_path)).height == 1


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
    result = reference.compare(claims, reference.annual())
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
    assert result.schema == pl.Schema(reference.COMPARISON_SCHEMA)


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
    series = pl.concat([reference.annual(), reference.year_to_date()])
    result = reference.compare(claims, series)
    assert result.select("claim", "reference_period", "reference_value").rows() == [
        ("the target", "2022", 190.27e9),
        ("the target", "2023", 240.11e9),
        ("growth", "2021", 35.8),
        ("growth", "2022", 29.3),
        ("ytd", "2022-01..2022-08", 117.2e9),
    ]


def test_compare_needs_claim_columns() -> None:
    with pytest.raises(ValueError, match=r"claims lack column\(s\) \['kind', 'period'\]"):
        reference.compare(
            pl.DataFrame({"metric": ["m"], "unit": ["USD"], "value": [1.0]}), reference.annual()
        )
