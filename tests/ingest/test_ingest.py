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
    (tmp_path / "link").symlink_to(tmp_path / "gone.txt")
    with pytest.raises(FileNotFoundError, match=r"is a link to '.*gone.txt', which cannot be"):
        ingest.discover([tmp_path / "link"])


def _symlink_folder(tmp_path):
    """A raw folder with a file and every kind of link, and a folder outside it."""
    raw, outside = tmp_path / "raw", tmp_path / "outside"
    (raw / "sub").mkdir(parents=True)
    outside.mkdir()
    (raw / "a.txt").write_text("Xi met Putin.")
    (raw / "sub" / "b.txt").write_text("Putin met Xi.")
    (outside / "secret.txt").write_text("root:x:0:0")
    links = {
        "to_a.txt": raw / "a.txt",
        "to_outside.txt": outside / "secret.txt",
        "dangling.txt": raw / "gone.txt",
        "loop1": raw / "loop2",
        "loop2": raw / "loop1",
        "to_sub": raw / "sub",
        "to_outside_folder": outside,
    }
    for name, target in links.items():
        (raw / name).symlink_to(target)
    return raw, outside


def test_links_are_followed_only_inside_the_raw_folders_and_never_silently(tmp_path):
    # Issue 13 #8: dangling links, loops and folder links gave nothing; an outside link was read.
    raw, _ = _symlink_folder(tmp_path)
    found = ingest.find_inputs([raw])
    assert [f.path for f in found.files] == [raw / "a.txt", raw / "sub" / "b.txt"]
    result = found.rejects.with_columns(pl.col("path").str.replace(f"{tmp_path}/", ""))
    expected = pl.DataFrame(
        {
            "path": [
                "raw/dangling.txt",
                "raw/loop1",
                "raw/loop2",
                "raw/to_outside.txt",
                "raw/to_outside_folder",
                "raw/to_sub",
                "raw/to_a.txt",
            ],
            "reason": ["symlink"] * 7,
            "detail": [
                f"a dangling link to '{raw}/gone.txt', which does not exist",
                "a symlink loop: following it never reaches a file",
                "a symlink loop: following it never reaches a file",
                f"a link to {tmp_path}/outside/secret.txt, outside the raw folders: not followed "
                "(name it with --raw to read it)",
                f"a link to the folder {tmp_path}/outside, outside the raw folders: not followed "
                "(name it with --raw to read it)",
                f"a link to the folder {raw}/sub, inside the raw folders, whose files are read "
                "under their own paths",
                f"a link to {raw}/a.txt, which is read once, under that path",
            ],
        }
    )
    assert_frame_equal(result, expected)
    assert found.notes == []


def test_a_file_reached_twice_is_one_input(tmp_path):
    # Issue 13 #4: --raw R --raw R/sub read R/sub's files twice.
    raw, _ = _symlink_folder(tmp_path)
    found = ingest.find_inputs([raw, raw / "sub", raw / "a.txt"])
    assert [f.path for f in found.files] == [raw / "a.txt", raw / "sub" / "b.txt"]
    assert found.notes == ["2 files under more than one --raw path were read once"]
    assert found.rejects.height == 7  # the same links as with [raw] alone


def test_a_link_named_explicitly_is_followed(tmp_path):
    raw, outside = _symlink_folder(tmp_path)
    found = ingest.find_inputs([raw / "to_outside.txt", raw / "to_outside_folder"])
    result = [(f.path, f.label) for f in found.files]
    assert result == [(outside / "secret.txt", (outside / "secret.txt").as_posix())]
    assert (found.rejects.height, found.notes) == (
        0,
        ["1 file under more than one --raw path was read once"],
    )


def test_a_link_to_a_file_only_reached_through_links_is_read_once(tmp_path):
    (tmp_path / ".hidden.txt").write_text("Xi met Putin.")
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).symlink_to(tmp_path / ".hidden.txt")
    found = ingest.find_inputs([tmp_path])
    assert [f.label for f in found.files] == [(tmp_path / ".hidden.txt").as_posix()]
    assert found.rejects["path"].to_list() == [(tmp_path / "two.txt").as_posix()]


def test_sidecars_are_found_once(tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "sources.csv").write_text("file,source\n")
    files, sidecars = ingest.discover([tmp_path, tmp_path / "sub"])
    assert (files, sidecars) == ([], [tmp_path / "sub" / "sources.csv"])


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
