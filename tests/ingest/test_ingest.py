"""framescope.ingest's front door: discover, read_file, prepare, identify."""

import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from framescope import ingest
from framescope.ingest.records import REJECT_REASONS, raw_record, records_frame

NAMES = {"xi", "jinping", "putin"}


def test_discover_skips_hidden_files_and_finds_sidecars(tmp_path):
    for name in ("b.txt", "a.html", "sub/c.jsonl", ".hidden.txt", ".git/x.txt", "sources.csv"):
        path = tmp_path / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text("x")
    files, sidecars = ingest.discover([tmp_path])
    result = [f.path.relative_to(tmp_path).as_posix() for f in files]
    assert result == ["a.html", "b.txt", "sub/c.jsonl"]
    assert sidecars == [tmp_path / "sources.csv"]


def test_discover_takes_an_explicit_file_even_if_named_like_a_sidecar(tmp_path):
    path = tmp_path / "sources.csv"
    path.write_text("id,text\n1,Body.\n")
    files, sidecars = ingest.discover([path])
    assert ([f.path for f in files], sidecars) == ([path], [])


def test_discover_missing_path_is_an_error(tmp_path):
    with pytest.raises(FileNotFoundError, match=r"'.*nope' does not exist"):
        ingest.discover([tmp_path / "nope"])


def _read(tmp_path, name: str, data: bytes) -> ingest.Batch:
    path = tmp_path / name
    path.write_bytes(data)
    return ingest.read_file(ingest.InputFile(path, name))


@pytest.mark.parametrize(
    ("name", "data", "title"),
    [
        (
            "page.html",
            b"<html><head><title>T</title></head><body><article><p>"
            + b"Xi Jinping arrived in Moscow on Monday for talks with Vladimir Putin. " * 3
            + b"</p></article></body></html>",
            "T",
        ),
        (
            "page",
            b"<!doctype html><html><head><title>Sniffed</title></head><body><article><p>"
            + b"Xi Jinping arrived in Moscow on Monday for talks with Vladimir Putin. " * 3
            + b"</p></article></body></html>",
            "Sniffed",
        ),
        ("notes.log", b"Headline here\nXi arrived in Moscow.", "Headline here"),
    ],
)
def test_read_file_dispatches_by_suffix_and_content(tmp_path, name, data, title):
    batch = _read(tmp_path, name, data)
    assert (batch.records.height, batch.rejects.height) == (1, 0)
    assert batch.records["title"].item() == title
    assert batch.records["path"].item() == name


def test_read_file_explains_unsupported_binaries(tmp_path):
    batch = _read(tmp_path, "report.docx", b"PK\x03\x04" + bytes(200))
    assert batch.rejects["reason"].item() == "binary"
    assert "framescope reads .csv" in batch.rejects["detail"].item()


def test_read_file_unreadable(tmp_path):
    folder = tmp_path / "dir.txt"
    folder.mkdir()
    batch = ingest.read_file(ingest.InputFile(folder, "dir.txt"))
    assert batch.rejects["reason"].item() == "unreadable"


def test_read_file_relabels_export_rows(tmp_path):
    (tmp_path / "e.jsonl").write_text('{"text": "Xi met Putin."}\n')
    batch = ingest.read_file(ingest.InputFile(tmp_path / "e.jsonl", "raw/e.jsonl"))
    assert batch.records["path"].to_list() == ["raw/e.jsonl#1"]


def test_prepare_cleans_identifies_and_rejects_pure_boilerplate():
    records = records_frame(
        [
            raw_record(
                "a.txt",
                "Chinese PresidentXi Jinpingwill visit.\n\n1 comment\nLeave a Reply",
                source="Outlet",
            ),
            raw_record("b.txt", "Leave a Reply"),
            raw_record("c.txt", "Xi met Putin.  This article was machine translated."),
            raw_record("d.txt", "Please enable JS and cookies.\n\nPlease enable JavaScript."),
        ]
    )
    articles, rejects = ingest.prepare(records, sources=None, names=NAMES)
    result = articles.select("path", "source", "text", "translated", "n_words", "warnings")
    expected = pl.DataFrame(
        {
            "path": ["a.txt", "c.txt"],
            "source": ["Outlet", "unknown"],
            "text": [
                "Chinese President Xi Jinping will visit.",
                "Xi met Putin. This article was machine translated.",
            ],
            "translated": [None, True],
            "n_words": [6, 8],
            "warnings": [[], ["no source: name it in sources.csv"]],
        },
        schema_overrides={"translated": pl.Boolean()},
    )
    assert_frame_equal(result, expected)
    assert articles.columns == ingest.ARTICLE_COLUMNS
    assert rejects.rejects.rows() == [
        ("b.txt", "empty", "nothing is left once boilerplate is removed"),
        (
            "d.txt",
            "stub",
            "a bot wall, paywall or error page: 'Please enable JS and cookies.\\n\\nPlease "
            "enable JavaScript.'",
        ),
    ]


def test_identify_sorts_and_marks():
    records = records_frame(
        [raw_record(p, "Xi met Putin in Moscow today.", source="S") for p in ("b.txt", "a.txt")]
    )
    articles, _ = ingest.prepare(records, sources=None, names=NAMES)
    result, rejects = ingest.identify(articles, threshold=0.8, story_threshold=0.7)
    assert result["path"].to_list() == ["a.txt"]
    assert rejects.rejects["reason"].to_list() == ["duplicate"]


SUFFIXES = ["txt", "html", "md", "csv", "tsv", "jsonl", "json", "parquet", "bin", ""]


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    data=st.one_of(st.binary(max_size=600), st.text(max_size=400).map(str.encode)),
    suffix=st.sampled_from(SUFFIXES),
)
def test_any_bytes_become_articles_or_rejects_never_a_crash(tmp_path, data, suffix):
    name = f"input.{suffix}" if suffix else "input"
    batch = _read(tmp_path, name, data)
    articles, dropped = ingest.prepare(batch.records, sources=None, names=NAMES)
    rejects = pl.concat([batch.rejects, dropped.rejects])
    assert articles.height + rejects.height >= 1
    assert rejects["reason"].is_in(list(REJECT_REASONS)).all()
    assert (articles["text"].str.len_chars() > 0).all()
