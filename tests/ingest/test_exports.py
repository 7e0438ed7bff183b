from __future__ import annotations

import codecs
import csv
import datetime as dt
import io
import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path
from typing import Any

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from framescope import config
from framescope.ingest import exports
from framescope.ingest.dates import date_from_url
from framescope.ingest.exports import read_export
from framescope.ingest.pieces import cut
from framescope.ingest.records import Batch, raw_record, records_frame, rejects_frame


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    if isinstance(content, str):
        content = content.encode()
    path.write_bytes(content)
    return path


def jsonl(*items: dict[str, Any] | str) -> str:
    lines = (
        item if isinstance(item, str) else json.dumps(item, ensure_ascii=False) for item in items
    )
    return "".join(line + "\n" for line in lines)


def record(path: Path, n: int, text: str, **fields: Any) -> dict[str, Any]:
    return raw_record(f"{path}#{n}", text, **fields)


def bad(path: Path | str, reason: str, detail: str) -> dict[str, str]:
    return {"path": str(path), "reason": reason, "detail": detail}


def test_read_export_refuses_an_unknown_mapping_field(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jsonl", jsonl({"text": "x"}))
    with pytest.raises(ValueError, match="unknown field 'body'"):
        read_export(path, mapping={"body": "text"})


# Tools' own column names


def test_news_please_jsonl(tmp_path: Path) -> None:
    article = {
        "maintext": "Xi Jinping arrived in Moscow.",
        "description": "A teaser.",
        "date_publish": "2023-03-20 09:15:00",
        "source_domain": "www.reuters.com",
        "title": "Xi arrives",
        "url": "https://www.reuters.com/world/xi-arrives",
        "language": "en",
    }
    path = write(tmp_path, "np.jsonl", jsonl(article))
    result = read_export(path)
    expected = records_frame(
        [
            record(
                path,
                1,
                "Xi Jinping arrived in Moscow.",
                source="www.reuters.com",
                published=dt.date(2023, 3, 20),
                date_origin="metadata",
                title="Xi arrives",
                url="https://www.reuters.com/world/xi-arrives",
                language="en",
            )
        ]
    )
    assert_frame_equal(result.records, expected)
    assert_frame_equal(result.rejects, rejects_frame([]))


def test_media_cloud_csv(tmp_path: Path) -> None:
    content = (
        "stories_id,media_name,publish_date,title,url,language,story_text\n"
        "1234,TASS,2023-03-21 00:00:00,Talks end,https://tass.com/politics/1,ru,Talks ended.\n"
    )
    path = write(tmp_path, "mc.csv", content)
    result = read_export(path).records
    expected = records_frame(
        [
            record(
                path,
                1,
                "Talks ended.",
                external_id="1234",
                source="TASS",
                published=dt.date(2023, 3, 21),
                date_origin="metadata",
                title="Talks end",
                url="https://tass.com/politics/1",
                language="ru",
            )
        ]
    )
    assert_frame_equal(result, expected)


def test_gdelt_style_tsv(tmp_path: Path) -> None:
    content = (
        "GKGRECORDID\tDATE\tSourceCommonName\tDocumentIdentifier\tfull_text\n"
        "20230320-1\t20230320101500\tglobaltimes.cn\thttps://www.globaltimes.cn/a\tA visit.\n"
    )
    path = write(tmp_path, "gkg.tsv", content)
    result = read_export(path).records
    expected = records_frame(
        [
            record(
                path,
                1,
                "A visit.",
                external_id="20230320-1",
                source="globaltimes.cn",
                published=dt.date(2023, 3, 20),
                date_origin="metadata",
                url="https://www.globaltimes.cn/a",
            )
        ]
    )
    assert_frame_equal(result, expected)


def test_generic_names_match_case_insensitively_first_alias_wins(tmp_path: Path) -> None:
    content = (
        "ID,Outlet,PubDate,Headline,Body,TEXT,Link,Lang\n7,Xinhua,2023-03-22,H,body,text,u,zh\n"
    )
    path = write(tmp_path, "g.csv", content)
    result = read_export(path).records.select("external_id", "source", "title", "text", "language")
    expected = pl.DataFrame(
        {
            "external_id": ["7"],
            "source": ["Xinhua"],
            "title": ["H"],
            "text": ["text"],
            "language": ["zh"],
        }
    )
    assert_frame_equal(result, expected)


def test_mapping_overrides_aliases(tmp_path: Path) -> None:
    path = write(
        tmp_path, "m.jsonl", jsonl({"text": "teaser", "body_html": "full", "pub": "20230317"})
    )
    result = read_export(path, mapping={"text": "BODY_HTML", "published": "pub"}).records
    expected = pl.DataFrame({"text": ["full"], "published": [dt.date(2023, 3, 17)]})
    assert_frame_equal(result.select("text", "published"), expected)


def test_mapping_to_a_missing_column_rejects_the_file(tmp_path: Path) -> None:
    path = write(tmp_path, "m.jsonl", jsonl({"text": "x"}))
    result = read_export(path, mapping={"published": "pub"})
    detail = "--map names columns the file does not have (published='pub'); columns found: 'text'"
    assert_frame_equal(result.records, records_frame([]))
    assert_frame_equal(result.rejects, rejects_frame([bad(path, "unparseable", detail)]))


# Field rules


UNPARSEABLE = ["could not parse date '31/31/2023'"]


@pytest.mark.parametrize(
    ("date", "url", "expected"),
    [
        ("2023-03-17T10:00:00Z", None, (dt.date(2023, 3, 17), "metadata", [])),
        ("March 17, 2023", None, (dt.date(2023, 3, 17), "metadata", [])),
        ("31/31/2023", None, (None, "unknown", UNPARSEABLE)),
        ("31/31/2023", "https://x.ru/2023/03/20/a", (None, "unknown", UNPARSEABLE)),
        (None, "https://x.ru/news/2023/03/20/a", (dt.date(2023, 3, 20), "inferred", [])),
        ("  ", "https://x.ru/news/20230320-a", (dt.date(2023, 3, 20), "inferred", [])),
        (None, "https://x.ru/news/a", (None, "unknown", [])),
        (None, None, (None, "unknown", [])),
    ],
)
def test_published_and_date_origin(
    tmp_path: Path, date: str | None, url: str | None, expected: tuple[Any, ...]
) -> None:
    path = write(tmp_path, "d.jsonl", jsonl({"text": "x", "date": date, "url": url, "source": "s"}))
    result = read_export(path).records.select("published", "date_origin", "warnings")
    expected_frame = pl.DataFrame(
        [expected],
        schema={
            "published": pl.Date(),
            "date_origin": pl.String(),
            "warnings": pl.List(pl.String()),
        },
        orient="row",
    )
    assert_frame_equal(result, expected_frame)


@pytest.mark.parametrize(
    "url",
    [
        "https://example.com/world/2023/03/17/xi-visit",
        "https://example.com/2023-03-17-xi",
        "https://example.com/20230317/xi",
        "https://example.com/2023/02/30/not-a-day",
        "https://example.com/2023/13/01/not-a-month",
        "https://example.com/id/202303171234",
        "https://example.com/world",
    ],
)
def test_url_dates_agree_with_date_from_url(tmp_path: Path, url: str) -> None:
    path = write(tmp_path, "u.jsonl", jsonl({"text": "x", "url": url, "source": "s"}))
    result = read_export(path).records["published"].to_list()
    assert result == [date_from_url(url)]


@pytest.mark.parametrize(
    ("source", "url", "expected", "warnings"),
    [
        ("RIA Novosti", "https://ria.ru/a", "RIA Novosti", []),
        (None, "https://www.RT.com/news/a?x=1", "rt.com", ["source taken from the URL host"]),
        ("", "http://user@tass.com:8080/a", "tass.com", ["source taken from the URL host"]),
        (None, "not a url", None, []),
        (None, None, None, []),
    ],
)
def test_source_falls_back_on_the_url_host(
    tmp_path: Path, source: str | None, url: str | None, expected: str | None, warnings: list[str]
) -> None:
    path = write(tmp_path, "s.jsonl", jsonl({"text": "x", "source": source, "url": url}))
    result = read_export(path).records.select("source", "warnings")
    expected_frame = pl.DataFrame(
        {"source": [expected], "warnings": [warnings]},
        schema={"source": pl.String(), "warnings": pl.List(pl.String())},
    )
    assert_frame_equal(result, expected_frame)


def test_translated_flags(tmp_path: Path) -> None:
    values = ["true", "FALSE", " Yes ", "no", "1", "0", "maybe", ""]
    content = "text,translated\n" + "".join(f"t,{value}\n" for value in values)
    path = write(tmp_path, "t.csv", content)
    result = read_export(path).records["translated"]
    expected = pl.Series("translated", [True, False, True, False, True, False, None, None])
    assert_frame_equal(result.to_frame(), expected.to_frame())


def test_text_and_title_pass_through_raw(tmp_path: Path) -> None:
    text = "  MOSCOW (Reuters) -\n\n\tXi  arrived.\u00a0Read more: click here  "
    path = write(tmp_path, "r.jsonl", jsonl({"text": text, "title": "  <b>Xi</b> "}))
    result = read_export(path).records.select("title", "text")
    expected = pl.DataFrame({"title": ["  <b>Xi</b> "], "text": [text]})
    assert_frame_equal(result, expected)


def test_records_without_text_are_rejected(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        "n.jsonl",
        jsonl(
            {"id": 1, "text": "ok"}, {"id": 2, "text": None}, {"id": 3}, {"id": 4, "text": " \n"}
        ),
    )
    result = read_export(path)
    expected = rejects_frame(
        [
            bad(f"{path}#{n}", "no_text", f"record {n} has no text in column 'text'")
            for n in (2, 3, 4)
        ]
    )
    assert_frame_equal(result.rejects, expected)
    assert result.records["path"].to_list() == [f"{path}#1"]


def test_overlong_text_is_rejected(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(config, "MAX_ARTICLE_CHARS", 10)
    path = write(tmp_path, "l.csv", "text\n0123456789\nééééééééééé\n")
    result = read_export(path)
    detail = "record 2 has 11 characters of text, over the 10-character limit"
    assert_frame_equal(result.rejects, rejects_frame([bad(f"{path}#2", "too_large", detail)]))
    assert result.records["text"].to_list() == ["0123456789"]


def test_a_file_without_a_text_column_is_one_reject(tmp_path: Path) -> None:
    path = write(tmp_path, "nt.csv", "id,headline,description\n1,H,D\n2,H,D\n")
    result = read_export(path)
    detail = (
        "no column holds the article text; columns found: 'id', 'headline', 'description'; "
        "use --map text=COLUMN to name it"
    )
    assert_frame_equal(result.records, records_frame([]))
    assert_frame_equal(result.rejects, rejects_frame([bad(path, "unparseable", detail)]))


def test_output_has_the_raw_schema_for_typed_parquet(tmp_path: Path) -> None:
    path = tmp_path / "p.parquet"
    pl.DataFrame(
        {
            "id": [1, 2],
            "text": [["First paragraph.", "Second."], None],
            "date": [dt.datetime(2023, 3, 17, 10), None],
            "translated": [True, None],
            "meta": [{"k": 1}, None],
        }
    ).write_parquet(path)
    result = read_export(path, mapping={"title": "meta"})
    expected = records_frame(
        [
            record(
                path,
                1,
                "First paragraph.\n\nSecond.",
                external_id="1",
                published=dt.date(2023, 3, 17),
                date_origin="metadata",
                title='{"k":1}',
                translated=True,
            )
        ]
    )
    assert_frame_equal(result.records, expected)
    reject_detail = "record 2 has no text in column 'text'"
    assert_frame_equal(result.rejects, rejects_frame([bad(f"{path}#2", "no_text", reject_detail)]))


# JSON Lines


def test_jsonl_bad_lines_are_rejected_and_good_lines_kept(tmp_path: Path) -> None:
    content = jsonl(
        {"id": "a", "text": "one"},
        "",
        "{not json",
        "   ",
        "[1, 2]",
        '"a string"',
        {"id": "b", "text": "two"},
    )
    path = write(tmp_path, "b.jsonl", content)
    result = read_export(path)
    expected_records = records_frame(
        [record(path, 1, "one", external_id="a"), record(path, 7, "two", external_id="b")]
    )
    expected_rejects = rejects_frame(
        [
            bad(
                f"{path}#3",
                "unparseable",
                "line 3 is not valid JSON "
                "(Expecting property name enclosed in double quotes: line 1 column 2 (char 1))",
            ),
            bad(f"{path}#5", "unparseable", "line 5 holds an array, not a JSON object"),
            bad(f"{path}#6", "unparseable", "line 6 holds a string, not a JSON object"),
        ]
    )
    assert_frame_equal(result.records, expected_records)
    assert_frame_equal(result.rejects, expected_rejects)


def test_jsonl_blank_lines_keep_line_numbers_on_the_fast_path(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_python_parsing(*_: object, **__: object) -> None:
        raise AssertionError

    monkeypatch.setattr(exports.json, "loads", no_python_parsing)
    path = write(tmp_path, "f.ndjson", jsonl({"text": "one"}, "", " \t", {"text": "two"}))
    result = read_export(path).records["path"].to_list()
    assert result == [f"{path}#1", f"{path}#4"]


def test_jsonl_fields_first_seen_late_are_kept(tmp_path: Path) -> None:
    items = [{"text": f"t{n}"} for n in range(150)] + [{"text": "last", "title": "Late"}]
    path = write(tmp_path, "late.jsonl", jsonl(*items))
    result = read_export(path).records["title"].drop_nulls().to_list()
    assert result == ["Late"]


def test_jsonl_values_of_mixed_types_become_text(tmp_path: Path) -> None:
    items = [
        {"id": 1, "text": "a", "translated": True},
        {"id": "x-2", "text": "b", "translated": "no"},
        {"id": 3.5, "text": "c", "translated": 1},
    ]
    path = write(tmp_path, "mixed.jsonl", jsonl(*items))
    result = read_export(path).records.select("external_id", "translated")
    expected = pl.DataFrame({"external_id": ["1", "x-2", "3.5"], "translated": [True, False, True]})
    assert_frame_equal(result, expected)


def test_jsonl_paragraph_lists_and_objects_become_text(tmp_path: Path) -> None:
    items = [
        {"text": ["First paragraph.", "Second."], "title": {"main": "Xi", "sub": None}},
        {"text": ["Only one."], "title": None},
    ]
    path = write(tmp_path, "nested.jsonl", jsonl(*items))
    result = read_export(path).records.select("text", "title")
    expected = pl.DataFrame(
        {
            "text": ["First paragraph.\n\nSecond.", "Only one."],
            "title": ['{"main":"Xi","sub":null}', None],
        }
    )
    assert_frame_equal(result, expected)


def test_jsonl_in_a_legacy_encoding_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = write(
        tmp_path, "c.jsonl", jsonl({"text": "Café in Moscow", "source": "s"}).encode("cp1252")
    )
    result = read_export(path).records.select("text", "warnings")
    expected = pl.DataFrame(
        {"text": ["Café in Moscow"], "warnings": [["decoded as cp1252 (not plain UTF-8)"]]}
    )
    assert_frame_equal(result, expected)


def test_jsonl_in_utf16_is_decoded_with_a_warning(tmp_path: Path) -> None:
    path = write(
        tmp_path, "u.jsonl", jsonl({"text": "Си Цзиньпин", "source": "s"}).encode("utf-16")
    )
    result = read_export(path).records.select("text", "warnings")
    expected = pl.DataFrame(
        {"text": ["Си Цзиньпин"], "warnings": [["decoded as utf-16 (not plain UTF-8)"]]}
    )
    assert_frame_equal(result, expected)


def test_jsonl_with_a_utf8_bom_reads_without_a_warning(tmp_path: Path) -> None:
    path = write(
        tmp_path, "bom.jsonl", b"\xef\xbb\xbf" + jsonl({"text": "x", "source": "s"}).encode()
    )
    result = read_export(path).records.select("text", "warnings")
    expected = pl.DataFrame(
        {"text": ["x"], "warnings": [[]]}, schema_overrides={"warnings": pl.List(pl.String())}
    )
    assert_frame_equal(result, expected)


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (bytes(range(128, 256)) * 3, "encoding"),
        (b"\x1f\x8b\x08\x00" + bytes(range(256)), "binary"),
        (b"", "empty"),
        (b" \n\n\t\n", "empty"),
    ],
)
def test_jsonl_whole_file_problems(tmp_path: Path, content: bytes, reason: str) -> None:
    path = write(tmp_path, "x.jsonl", content)
    result = read_export(path)
    assert_frame_equal(result.records, records_frame([]))
    assert result.rejects.select("path", "reason").rows() == [(str(path), reason)]


@given(
    lines=st.lists(
        st.one_of(
            st.text(st.characters(exclude_characters="\n", exclude_categories=["Cs"]), max_size=25),
            st.fixed_dictionaries(
                {"text": st.text(max_size=15)},
                optional={
                    "id": st.integers() | st.text(max_size=5),
                    "date": st.sampled_from(["2023-03-17", "17 March 2023", "31/31/2023", ""]),
                    "url": st.sampled_from(["https://www.rt.com/2023/03/20/a", "x", ""]),
                },
            ).map(json.dumps),
            st.sampled_from(["{", "[1, 2]", "null", "42", '{"text": }', "{}", " ", "\t", "NaN"]),
        ),
        max_size=12,
    )
)
@settings(max_examples=75, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_jsonl_every_line_is_one_record_or_one_reject(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str]
) -> None:
    path = write(tmp_path_factory.mktemp("prop"), "p.jsonl", "\n".join(lines))
    result = read_export(path)
    nonblank = [f"{path}#{n}" for n, line in enumerate(lines, 1) if line.strip(" \t\r")]
    whole_file = result.rejects.filter(pl.col("path") == str(path))
    per_line = result.rejects.filter(pl.col("path") != str(path))["path"].to_list()
    if whole_file.is_empty():
        assert Counter(result.records["path"].to_list() + per_line) == Counter(nonblank)
    else:
        assert result.records.is_empty()
        assert whole_file["reason"].to_list() == ["empty" if not nonblank else "unparseable"]
        assert set(per_line) <= set(nonblank)


# JSON


def test_json_array_with_a_non_object_item(tmp_path: Path) -> None:
    content = json.dumps([{"id": "a", "content": "one"}, 5, {"id": "b", "content": "two"}])
    path = write(tmp_path, "a.json", content)
    result = read_export(path)
    expected_records = records_frame(
        [record(path, 1, "one", external_id="a"), record(path, 3, "two", external_id="b")]
    )
    expected_rejects = rejects_frame(
        [bad(f"{path}#2", "unparseable", "item 2 is a number, not a JSON object")]
    )
    assert_frame_equal(result.records, expected_records)
    assert_frame_equal(result.rejects, expected_rejects)


def test_json_single_pretty_printed_object(tmp_path: Path) -> None:
    path = write(tmp_path, "one.json", json.dumps({"maintext": "Body", "title": "T"}, indent=4))
    result = read_export(path).records
    expected = records_frame([record(path, 1, "Body", title="T")])
    assert_frame_equal(result, expected)


def test_json_lines_saved_as_json(tmp_path: Path) -> None:
    path = write(tmp_path, "lines.json", jsonl({"text": "one"}, {"text": "two"}))
    result = read_export(path).records["text"].to_list()
    assert result == ["one", "two"]


@pytest.mark.parametrize(
    ("content", "detail"),
    [
        ('[{"text": "a"},', "not valid JSON (Expecting value: line 1 column 16 (char 15))"),
        ("42", "holds a number, not an array of objects"),
        ("[]", "the file holds no records"),
    ],
)
def test_json_whole_file_problems(tmp_path: Path, content: str, detail: str) -> None:
    path = write(tmp_path, "bad.json", content)
    result = read_export(path)
    reason = "empty" if content == "[]" else "unparseable"
    assert_frame_equal(result.records, records_frame([]))
    assert_frame_equal(result.rejects, rejects_frame([bad(path, reason, detail)]))


# CSV


SPLIT_AT = " (fields split at ','; if the file uses another delimiter, name it with --delimiter)"


def test_csv_rows_with_the_wrong_number_of_fields_are_rejected(tmp_path: Path) -> None:
    content = (
        'id,text,url\n1,one,u1\n2,two\n\n3,"three, quoted",u3\n4,four,u4,extra\n5,"multi\nline",\n'
    )
    path = write(tmp_path, "r.csv", content)
    result = read_export(path)
    expected_records = records_frame(
        [
            record(path, 1, "one", external_id="1", url="u1"),
            record(path, 3, "three, quoted", external_id="3", url="u3"),
            record(path, 5, "multi\nline", external_id="5"),
        ]
    )
    expected_rejects = rejects_frame(
        [
            bad(f"{path}#2", "unparseable", f"row 2 has 2 field(s); the header has 3{SPLIT_AT}"),
            bad(f"{path}#4", "unparseable", f"row 4 has 4 field(s); the header has 3{SPLIT_AT}"),
        ]
    )
    assert_frame_equal(result.records, expected_records)
    assert_frame_equal(result.rejects, expected_rejects)


def test_csv_unterminated_quote_rejects_the_rest(tmp_path: Path) -> None:
    path = write(tmp_path, "q.csv", 'id,text\n1,one\n2,"never closed\n3,three\n')
    result = read_export(path)
    detail = "row 2 is not valid CSV (unexpected end of data)"
    assert_frame_equal(result.records, records_frame([record(path, 1, "one", external_id="1")]))
    assert_frame_equal(result.rejects, rejects_frame([bad(f"{path}#2", "unparseable", detail)]))


def test_csv_clean_file_is_read_without_the_csv_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(exports.csv, "reader", None)
    path = write(tmp_path, "fast.csv", "id,text\n1,one\n2,two\n")
    result = read_export(path).records["text"].to_list()
    assert result == ["one", "two"]


def test_csv_in_a_legacy_encoding_is_decoded_with_a_warning(tmp_path: Path) -> None:
    text = "Großer Empfang für Xi Jinping in Moskau: Präsident Putin begrüßt den Gast"
    path = write(tmp_path, "w.csv", f"text,source\n{text},Die Welt\n".encode("cp1252"))
    result = read_export(path).records.select("text", "warnings")
    expected = pl.DataFrame({"text": [text], "warnings": [["decoded as cp1252 (not plain UTF-8)"]]})
    assert_frame_equal(result, expected)


def test_csv_long_fields_beat_the_csv_module_default_limit(tmp_path: Path) -> None:
    text = "word " * 40_000  # 200,000 characters, over the csv module's default 131,072
    path = write(tmp_path, "long.csv", f"id,text\n1,{text}\n2\n")
    result = read_export(path)
    assert result.records["text"].to_list() == [text]
    assert result.rejects["path"].to_list() == [f"{path}#2"]


@pytest.mark.parametrize(
    ("name", "content"),
    [
        # Excel in many European locales: a BOM and semicolons. Every row was rejected.
        ("s.csv", "\ufeffid;title;text\n1;Xi in Moscow;Xi arrives, Putin waits.\n"),
        ("q.csv", '"id";"title";"text"\n1;Xi in Moscow;"Xi arrives, Putin waits."\n'),
        ("p.csv", "id|title|text\n1|Xi in Moscow|Xi arrives, Putin waits.\n"),
        ("t.csv", "id\ttitle\ttext\n1\tXi in Moscow\tXi arrives, Putin waits.\n"),
        ("c.tsv", 'id,title,text\n1,Xi in Moscow,"Xi arrives, Putin waits."\n'),
        ("s.tsv", "\n\nid;title;text\n1;Xi in Moscow;Xi arrives, Putin waits.\n"),
    ],
)
def test_csv_delimiter_is_sniffed_from_the_header(tmp_path: Path, name: str, content: str) -> None:
    path = write(tmp_path, name, content)
    result = read_export(path)
    expected = records_frame(
        [record(path, 1, "Xi arrives, Putin waits.", external_id="1", title="Xi in Moscow")]
    )
    assert_frame_equal(result.records, expected)
    assert result.rejects.is_empty()


def test_csv_delimiter_option_overrides_the_sniffing(tmp_path: Path) -> None:
    path = write(tmp_path, "h.csv", "id#text\n1#Xi arrives, Putin waits.\n")
    result = read_export(path, delimiter="#").records.select("external_id", "text").rows()
    assert result == [("1", "Xi arrives, Putin waits.")]


def test_csv_rows_that_do_not_fit_the_header_name_the_delimiter(tmp_path: Path) -> None:
    path = write(tmp_path, "w.csv", "id,text\n1;Xi arrives\n")
    result = read_export(path)
    detail = f"row 1 has 1 field(s); the header has 2{SPLIT_AT}"
    assert_frame_equal(result.rejects, rejects_frame([bad(f"{path}#1", "unparseable", detail)]))
    result = read_export(path, delimiter=";")
    detail = (
        "row 1 has 2 field(s); the header has 1 (fields split at ';'; if the file uses another "
        "delimiter, name it with --delimiter)"
    )
    assert_frame_equal(result.rejects, rejects_frame([bad(f"{path}#1", "unparseable", detail)]))


@pytest.mark.parametrize("delimiter", ["", ";;", '"', "\n"])
def test_read_export_refuses_a_bad_delimiter(tmp_path: Path, delimiter: str) -> None:
    path = write(tmp_path, "a.csv", "id,text\n1,x\n")
    with pytest.raises(ValueError, match=re.escape(f"got {delimiter!r}")):
        read_export(path, delimiter=delimiter)


@pytest.mark.parametrize(("content", "detail"), [("id,text\n", "the file holds no records")])
def test_csv_header_only_is_empty(tmp_path: Path, content: str, detail: str) -> None:
    path = write(tmp_path, "h.csv", content)
    result = read_export(path)
    assert_frame_equal(result.rejects, rejects_frame([bad(path, "empty", detail)]))


# Whole files


@pytest.mark.parametrize("name", ["e.jsonl", "e.ndjson", "e.json", "e.csv", "e.tsv", "e.parquet"])
def test_empty_files_are_rejected(tmp_path: Path, name: str) -> None:
    path = write(tmp_path, name, b"")
    result = read_export(path)
    assert_frame_equal(result.rejects, rejects_frame([bad(path, "empty", "the file is empty")]))


def test_corrupt_parquet_is_unparseable(tmp_path: Path) -> None:
    path = write(tmp_path, "c.parquet", b"PAR1 this is not really parquet PAR1")
    result = read_export(path)
    assert result.rejects.select("path", "reason").rows() == [(str(path), "unparseable")]
    assert result.rejects["detail"][0].startswith("not a readable Parquet file (")


def test_an_oversized_export_is_rejected_unread(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(config, "MAX_EXPORT_BYTES", 10)
    path = write(tmp_path, "big.jsonl", jsonl({"text": "more than ten bytes"}))
    result = read_export(path)
    detail = f"{path.stat().st_size} bytes is over the 10-byte export limit"
    assert_frame_equal(result.rejects, rejects_frame([bad(path, "too_large", detail)]))


def test_an_unreadable_export_is_rejected(tmp_path: Path) -> None:
    path = tmp_path / "folder.jsonl"
    path.mkdir()
    result = read_export(path)
    assert result.rejects.select("path", "reason").rows() == [(str(path), "unreadable")]


def test_an_unsupported_suffix_is_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, "a.xlsx", b"PK\x03\x04")
    result = read_export(path)
    assert result.rejects.select("path", "reason").rows() == [(str(path), "unsupported")]


# Pieces: a large export read a piece at a time gives what the whole file gives


def read_in_pieces(path: Path, *, size: int, mapping: dict[str, str] | None = None) -> Batch:
    found = cut(path, size=size)
    assert len(found) > 1
    return Batch.concat([read_export(path, mapping=mapping, piece=piece) for piece in found])


MESSY_JSONL = (
    codecs.BOM_UTF8
    + jsonl(
        {"id": 1, "text": "Xi arrives in Moscow.", "date": "2023-03-20"},
        "",
        {"id": 2, "text": "Putin greets Xi.", "url": "https://www.rt.com/2023/03/20/a"},
        "{broken",
        {"id": 3, "text": ""},
        "  \t",
        "[1, 2]",
        {"id": 4, "text": "Talks on trade,\nin two lines.", "source": "TASS"},
        {"id": 5, "text": None, "title": "A record without text"},
        {"id": 6, "text": "Си Цзиньпин в Москве.", "title": "Late title"},
    )
    .replace("\n", "\r\n")
    .encode()
)


@pytest.mark.parametrize("size", [1, 60, 200])
def test_jsonl_pieces_read_as_the_whole_file(tmp_path: Path, size: int) -> None:
    path = write(tmp_path, "m.jsonl", MESSY_JSONL)
    result = read_in_pieces(path, size=size)
    expected = read_export(path)
    assert expected.rejects.height == 4  # the broken line, [1, 2], and two without text
    assert_frame_equal(result.records, expected.records)
    assert_frame_equal(result.rejects, expected.rejects)


@pytest.mark.parametrize(("size", "inside"), [(200, True), (60, False)])
def test_a_broken_line_inside_a_piece_or_starting_one_costs_that_line(
    tmp_path: Path, size: int, inside: bool
) -> None:
    path = write(tmp_path, "m.jsonl", MESSY_JSONL)
    broken = MESSY_JSONL.index(b"{broken")
    assert any(piece.start < broken < piece.stop for piece in cut(path, size=size)) is inside
    result = read_in_pieces(path, size=size)
    assert result.records["external_id"].to_list() == ["1", "2", "4", "6"]
    assert result.rejects.filter(pl.col("reason") == "unparseable")["path"].to_list() == [
        f"{path}#4",
        f"{path}#7",
    ]


MESSY_CSV = (
    codecs.BOM_UTF8
    + (
        "id,text,url\r\n"
        "1,Xi arrives in Moscow.,u1\r\n"
        "\r\n"
        '2,"Talks on trade,\r\nin ""two"" lines.",u2\r\n'
        "3,too few fields\r\n"
        '4,"A quoted field\n\nwith blank lines",u4\r\n'
        "5,,u5\r\n"
        '6,"Си Цзиньпин в Москве.",u6\r\n'
        "7,one,two,three\r\n"
        "8,Putin greets Xi.,u8\r\n"
    ).encode()
)


@pytest.mark.parametrize("size", [1, 40, 90])
def test_csv_pieces_read_as_the_whole_file(tmp_path: Path, size: int) -> None:
    path = write(tmp_path, "m.csv", MESSY_CSV)
    result = read_in_pieces(path, size=size)
    expected = read_export(path)
    assert expected.records["external_id"].to_list() == ["1", "2", "4", "6", "8"]
    assert_frame_equal(result.records, expected.records)
    assert_frame_equal(result.rejects, expected.rejects)


@pytest.mark.parametrize("delimiter", [None, ";"])
def test_semicolon_csv_pieces_read_as_the_whole_file(tmp_path: Path, delimiter: str | None) -> None:
    content = "\ufeffid;text\n" + "".join(f'{n};"Xi; Putin\nmeet {n}"\n' for n in range(12))
    path = write(tmp_path, "s.csv", content)
    found = cut(path, size=40, delimiter=delimiter)
    assert len(found) > 1
    result = Batch.concat([read_export(path, piece=p, delimiter=delimiter) for p in found])
    expected = read_export(path, delimiter=delimiter)
    assert expected.records["text"].to_list() == [f"Xi; Putin\nmeet {n}" for n in range(12)]
    assert_frame_equal(result.records, expected.records)
    assert_frame_equal(result.rejects, expected.rejects)


def test_tsv_and_parquet_pieces_read_as_the_whole_file(tmp_path: Path) -> None:
    rows = {"id": [str(n) for n in range(20)], "text": [f"Article\n{n}" for n in range(20)]}
    rows["text"][7] = None
    for name in ("m.tsv", "m.parquet"):
        path = tmp_path / name
        if name.endswith(".tsv"):
            pl.DataFrame(rows).write_csv(path, separator="\t")
        else:
            pl.DataFrame(rows).write_parquet(path)
        result = read_in_pieces(path, size=path.stat().st_size // 4)
        expected = read_export(path)
        assert expected.records.height == 19
        assert_frame_equal(result.records, expected.records)
        assert_frame_equal(result.rejects, expected.rejects)


def test_a_piece_without_the_text_column_names_its_records(tmp_path: Path) -> None:
    # The whole file gives one reject; each piece can only speak for its own records.
    path = write(tmp_path, "w.jsonl", jsonl(*({"summary": f"s{n}"} for n in range(4))))
    result = read_in_pieces(path, size=30).rejects["detail"].to_list()
    expected = [
        f"no column holds the article text; columns found: 'summary' in records #{a} to #{b}; "
        "use --map text=COLUMN to name it"
        for a, b in [(1, 2), (3, 4)]
    ]
    assert result == expected


def test_a_json_array_has_no_pieces(tmp_path: Path) -> None:
    path = write(tmp_path, "a.json", json.dumps([{"text": "a"}, {"text": "b"}]))
    piece = cut(write(tmp_path, "a.jsonl", jsonl({"text": "a"}, {"text": "b"})), size=1)[0]
    with pytest.raises(ValueError, match=r"a\.json is read whole"):
        read_export(path, piece=piece)


JSONL_LINES = st.lists(
    st.one_of(
        st.fixed_dictionaries(
            {"text": st.text(max_size=15)},
            optional={"id": st.integers(-(10**6), 10**6) | st.text(max_size=5)},
        ).map(json.dumps),
        st.sampled_from(["{", "[1, 2]", "null", '{"text": }', '{"text": null}', " ", "", "\r"]),
    ),
    min_size=2,
    max_size=12,
)


@given(lines=JSONL_LINES, size=st.integers(1, 120), crlf=st.booleans())
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_jsonl_any_pieces_read_as_the_whole_file(
    tmp_path_factory: pytest.TempPathFactory, lines: list[str], size: int, crlf: bool
) -> None:
    content = ("\r\n" if crlf else "\n").join(lines)
    path = write(tmp_path_factory.mktemp("jsonl"), "p.jsonl", content)
    expected = read_export(path)
    found = cut(path, size=size)  # none: the file is read whole
    result = Batch.concat([read_export(path, piece=p) for p in found]) if found else expected
    assert_frame_equal(result.records, expected.records)
    assert_frame_equal(result.rejects, expected.rejects)


CSV_FIELDS = st.text(st.sampled_from('ab é,"\n\r'), max_size=8)


@given(
    rows=st.lists(
        st.lists(CSV_FIELDS, min_size=2, max_size=2)
        | st.sampled_from([[], ["only"], ["a", "b", "c"]]),
        min_size=2,
        max_size=10,
    ),
    raw=st.sampled_from(["", '9,"unclosed\n', '9,"a"b\n', '9,5" screen\n']),
    size=st.integers(1, 60),
)
@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_csv_any_pieces_read_as_the_whole_file(
    tmp_path_factory: pytest.TempPathFactory, rows: list[list[str]], raw: str, size: int
) -> None:
    text = io.StringIO()
    # CRLF row ends make the writer quote a lone CR, which polars and the csv module split
    # differently (the whole file and its pieces may then take different readers).
    writer = csv.writer(text, lineterminator="\r\n")
    writer.writerows([["id", "text"], *rows[:2]])
    text.write(raw)  # a hand-written line, maybe not valid CSV, between two rows
    writer.writerows(rows[2:])
    path = write(tmp_path_factory.mktemp("csv"), "p.csv", text.getvalue())
    expected = read_export(path)
    found = cut(path, size=size)  # none: the file is read whole
    result = Batch.concat([read_export(path, piece=p) for p in found]) if found else expected
    assert_frame_equal(result.records, expected.records)
    assert_frame_equal(result.rejects, expected.rejects)


# VmHWM, not getrusage's ru_maxrss: Linux carries the parent's peak across exec into
# ru_maxrss, so a child of a big pytest process would seem never to grow.
_PEAK_GROWTH = """
import re, sys
from pathlib import Path
from framescope import ingest

def peak():
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) * 1024

item = ingest.InputFile(Path(sys.argv[1]), "big.jsonl")
start = peak()
for part in ingest.split(item, size=int(sys.argv[2])):
    ingest.read_file(part)
pieces = peak() - start
ingest.read_file(item)
print(pieces, peak() - start)
"""


@pytest.mark.slow
def test_a_large_jsonl_read_in_pieces_stays_in_bounded_memory(tmp_path: Path) -> None:
    line = json.dumps({"id": 1, "source": "s", "text": "Xi Jinping met Vladimir Putin. " * 200})
    path = tmp_path / "big.jsonl"
    with path.open("w") as stream:
        stream.writelines(f"{line}\n" for _ in range(32_000))  # 200 MB
    command = [sys.executable, "-c", _PEAK_GROWTH, str(path), str(8 * 1024**2)]
    output = subprocess.run(command, capture_output=True, text=True, check=True).stdout
    pieces, whole = (int(number) for number in output.split())
    # Measured on 2 cores: pieces of 8 MB grow the process by 100 MB (4 MB: 87, 16 MB: 117),
    # the whole file by 460 MB.
    assert whole > path.stat().st_size
    assert pieces < whole / 3
