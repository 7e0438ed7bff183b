from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope.ingest import sidecar
from framescope.ingest.records import raw_record, records_frame


def _write(tmp_path, text: str, encoding: str = "utf-8"):
    path = tmp_path / "sources.csv"
    path.write_bytes(text.encode(encoding))
    return path


def test_read_parses_dates_and_flags(tmp_path):
    path = _write(
        tmp_path,
        "file,source,translated,published,url\n"
        "a.txt,Outlet A,true,2023-03-17,\n"
        "b.txt,Outlet B,no,not a date,https://b.example/x\n",
    )
    result = sidecar.read(path).select("file", "source", "translated_flag", "published_date", "url")
    expected = pl.DataFrame(
        {
            "file": ["a.txt", "b.txt"],
            "source": ["Outlet A", "Outlet B"],
            "translated_flag": [True, False],
            "published_date": [date(2023, 3, 17), None],
            "url": [None, "https://b.example/x"],
        }
    )
    assert_frame_equal(result, expected)


def test_read_accepts_cp1252_and_missing_optional_columns(tmp_path):
    path = _write(tmp_path, "File,Source\na.txt,Le Monde café\n", encoding="cp1252")
    result = sidecar.read(path).select("file", "source", "published_date").row(0)
    assert result == ("a.txt", "Le Monde café", None)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("source,published\nX,2023-01-01\n", "has no 'file' column"),
        ("", "is unusable"),
    ],
)
def test_read_errors_name_the_problem(tmp_path, content, message):
    with pytest.raises(sidecar.SidecarError, match=message):
        sidecar.read(_write(tmp_path, content))


def test_read_missing_file(tmp_path):
    with pytest.raises(sidecar.SidecarError, match="cannot read sidecar"):
        sidecar.read(tmp_path / "nope.csv")


def test_apply_sidecar_wins_and_warns_on_disagreement(tmp_path):
    side = sidecar.read(
        _write(
            tmp_path,
            "file,source,published,translated\n"
            "a.txt,Outlet A,2023-02-01,true\nb.txt,Outlet B,bad,\n",
        )
    )
    records = records_frame(
        [
            raw_record("raw/a.txt", "A.", published=date(2023, 2, 2), date_origin="byline"),
            raw_record("raw/b.txt", "B.", published=date(2023, 3, 1), date_origin="header"),
            raw_record("raw/c.txt", "C.", source="Parsed"),
        ]
    )
    result = sidecar.apply(records, side).select(
        "source", "published", "date_origin", "translated", "warnings"
    )
    expected = pl.DataFrame(
        {
            "source": ["Outlet A", "Outlet B", "Parsed"],
            "published": [date(2023, 2, 1), date(2023, 3, 1), None],
            "date_origin": ["sidecar", "header", "unknown"],
            "translated": [True, None, None],
            "warnings": [
                [
                    "sidecar date 2023-02-01 differs from the byline date 2023-02-02; "
                    "the sidecar wins"
                ],
                ["sidecar date bad could not be parsed; ignored"],
                [],
            ],
        },
        schema_overrides={"translated": pl.Boolean()},
    )
    assert_frame_equal(result, expected)


def test_apply_matches_export_rows_by_file(tmp_path):
    side = sidecar.read(_write(tmp_path, "file,source\nexport.jsonl,Wire\n"))
    records = records_frame([raw_record("in/export.jsonl#3", "Body.")])
    assert sidecar.apply(records, side)["source"].to_list() == ["Wire"]
