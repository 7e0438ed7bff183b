import errno
import json
import os
import subprocess
import sys
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest
from polars.testing import assert_frame_equal

from framescope import store


def _tables(n: int) -> dict[str, pl.DataFrame]:
    return {"articles": pl.DataFrame({"a": list(range(n))}), "rejects": pl.DataFrame({"r": ["x"]})}


def test_write_then_read(tmp_path):
    manifest = store.write(tmp_path, _tables(3), {"settings": {"k": 1}})
    assert manifest["tables"] == {"articles": {"rows": 3}, "rejects": {"rows": 1}}
    assert store.read_manifest(tmp_path)["settings"] == {"k": 1}
    assert_frame_equal(store.read("articles", tmp_path), _tables(3)["articles"])
    assert set(store.read_all(tmp_path)) == {"articles", "rejects"}


def test_field_chooses_the_rows_of_the_text_or_of_the_title(tmp_path):
    mentions = pl.DataFrame({"article_id": ["a", "a"], "field": ["text", "title"], "n": [1, 2]})
    store.write(tmp_path, {**_tables(1), "mentions": mentions}, {})
    assert store.read("mentions", tmp_path)["n"].to_list() == [1]
    assert store.read("mentions", tmp_path, field="title")["n"].to_list() == [2]
    assert store.read("mentions", tmp_path, field=None)["n"].to_list() == [1, 2]
    assert store.read_all(tmp_path, field="title")["mentions"]["n"].to_list() == [2]
    # Tables without the column are read whole whatever the field.
    assert store.read("articles", tmp_path, field="title").height == 1


def test_lazy_tables_and_parts_are_written_whole(tmp_path):
    frame = pl.DataFrame({"a": [3, 1, 2], "b": ["x", None, "z"]})
    parts = [frame.lazy().filter(pl.col("a") < 2), frame.lazy().filter(pl.col("a") >= 2)]
    tables = {"lazy": frame.lazy(), "parts": parts, "no_rows": [frame.lazy().head(0)]}
    manifest = store.write(tmp_path, tables, {})
    assert manifest["tables"] == {"lazy": {"rows": 3}, "parts": {"rows": 3}, "no_rows": {"rows": 0}}
    assert_frame_equal(store.read("lazy", tmp_path), frame)
    result = store.read("parts", tmp_path)
    expected = pl.DataFrame({"a": [1, 3, 2], "b": [None, "x", "z"]})
    assert_frame_equal(result, expected)
    assert_frame_equal(store.read("no_rows", tmp_path), frame.head(0))


def test_a_write_killed_half_way_leaves_the_previous_build(tmp_path, monkeypatch):
    store.write(tmp_path, _tables(3), {})
    calls = {"n": 0}
    original = pl.DataFrame.write_parquet

    def dies_on_second_table(self, *args, **kwargs):
        calls["n"] += 1
        if calls["n"] == 2:
            raise KeyboardInterrupt  # what a Ctrl-C or kill between two tables looks like
        return original(self, *args, **kwargs)

    monkeypatch.setattr(pl.DataFrame, "write_parquet", dies_on_second_table)
    with pytest.raises(KeyboardInterrupt):
        store.write(tmp_path, _tables(5), {})
    monkeypatch.undo()
    assert_frame_equal(store.read("articles", tmp_path), _tables(3)["articles"])
    store.write(tmp_path, _tables(5), {})  # the next build cleans up and succeeds
    assert store.read("articles", tmp_path).height == 5
    assert not list(tmp_path.glob(".*.tmp"))


def test_read_detects_tables_from_two_builds(tmp_path):
    store.write(tmp_path, _tables(3), {})
    pl.DataFrame({"a": [1]}).write_parquet(tmp_path / "articles.parquet")
    with pytest.raises(store.StoreError, match="has 1 rows but the manifest says 3"):
        store.read("articles", tmp_path)


def test_read_errors(tmp_path):
    with pytest.raises(store.StoreError, match="no build in"):
        store.read("articles", tmp_path)
    store.write(tmp_path, _tables(1), {})
    with pytest.raises(store.StoreError, match="table 'mentions' is not in the build"):
        store.read("mentions", tmp_path)
    (tmp_path / "manifest.json").write_text("{broken")
    with pytest.raises(store.StoreError, match="unreadable"):
        store.read_manifest(tmp_path)


def test_every_table_carries_the_build_id_of_its_manifest(tmp_path):
    frame = pl.DataFrame({"a": [1, 2]})
    tables = {"eager": frame, "lazy": frame.lazy(), "parts": [frame.lazy(), frame.lazy()]}
    manifest = store.write(tmp_path, tables, {})
    result = {
        name: pq.read_metadata(tmp_path / f"{name}.parquet").metadata[b"framescope_build"]
        for name in tables
    }
    expected = dict.fromkeys(tables, manifest["framescope_build"].encode())
    assert result == expected
    assert json.loads((tmp_path / "manifest.json").read_text())["framescope_build"]


def test_a_kill_between_two_renames_is_detected_even_with_equal_row_counts(tmp_path, monkeypatch):
    # Issue 13 #6: the renamed table and the old manifest agreed on row counts.
    store.write(tmp_path, _tables(3), {})
    replace = Path.replace

    def killed_after_articles(self, target):
        result = replace(self, target)
        if Path(target).name == "articles.parquet":
            raise KeyboardInterrupt  # a kill right after the first rename
        return result

    monkeypatch.setattr(Path, "replace", killed_after_articles)
    with pytest.raises(KeyboardInterrupt):
        store.write(
            tmp_path,
            {"articles": pl.DataFrame({"a": [7, 8, 9]}), "rejects": pl.DataFrame({"r": ["y"]})},
            {},
        )
    monkeypatch.undo()
    with pytest.raises(store.StoreError, match="tables from two builds: run 'framescope build'"):
        store.read("articles", tmp_path)
    assert_frame_equal(store.read("rejects", tmp_path), _tables(3)["rejects"])


def test_a_build_without_ids_still_reads(tmp_path):
    # Builds made before build ids: neither the manifest nor the tables have one.
    pl.DataFrame({"a": [1]}).write_parquet(tmp_path / "articles.parquet")
    (tmp_path / "manifest.json").write_text('{"tables": {"articles": {"rows": 1}}}')
    assert store.read("articles", tmp_path).height == 1


@pytest.mark.parametrize(
    "error",
    [
        OSError(errno.ENOSPC, "No space left on device"),
        # What polars 2.1 raises when the disk fills under write_parquet or sink_parquet.
        pl.exceptions.ComputeError(
            "parquet: File out of specification: underlying IO error: "
            "No space left on device (os error 28)"
        ),
    ],
)
def test_a_full_disk_is_an_oserror_and_leaves_nothing_behind(tmp_path, monkeypatch, error):
    store.write(tmp_path, _tables(3), {})
    original = pl.DataFrame.write_parquet

    def fills_the_disk(self, file, *args, **kwargs):
        if str(file).endswith(".rejects.parquet.tmp"):
            raise error
        return original(self, file, *args, **kwargs)

    monkeypatch.setattr(pl.DataFrame, "write_parquet", fills_the_disk)
    with pytest.raises(OSError) as raised:
        store.write(tmp_path, _tables(5), {})
    assert raised.value.errno == errno.ENOSPC
    assert not list(tmp_path.glob(".*.tmp"))  # the space is given back
    monkeypatch.undo()
    assert_frame_equal(store.read("articles", tmp_path), _tables(3)["articles"])


def test_a_full_disk_polars_reports_without_a_code_is_an_oserror(tmp_path, monkeypatch):
    # Measured on a full tmpfs: the footer that no longer fits gives no errno.
    thrift = pl.exceptions.ComputeError("parquet: File out of specification: Invalid thrift")
    full = os.statvfs_result((4096, 4096, 100, 0, 0, 10, 0, 0, 0, 255))
    monkeypatch.setattr(os, "statvfs", lambda _: full)
    with (
        pytest.raises(OSError, match="No space left on device") as raised,
        store.writing(tmp_path / "t.parquet"),
    ):
        raise thrift
    assert raised.value.errno == errno.ENOSPC
    monkeypatch.undo()  # with space left, a polars error is not taken for a full disk
    with pytest.raises(pl.exceptions.ComputeError), store.writing(tmp_path / "t.parquet"):
        raise thrift


def test_lock_excludes_a_second_holder_and_is_free_again_after(tmp_path):
    with store.lock(tmp_path) as note:
        assert note is None
        with (
            pytest.raises(store.LockHeldError, match=f"build pid {os.getpid()} on .* is writing"),
            store.lock(tmp_path),
        ):
            pass
    with store.lock(tmp_path) as note:
        assert note is None


def test_the_lock_of_a_killed_build_is_taken_over_with_a_note(tmp_path):
    holds = "import sys, time; from pathlib import Path; from framescope import store\n"
    holds += "with store.lock(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(60)"
    holder = subprocess.Popen(
        [sys.executable, "-c", holds, str(tmp_path)], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline() == "locked\n"
        with (
            pytest.raises(store.LockHeldError, match=f"build pid {holder.pid} "),
            store.lock(tmp_path),
        ):
            pass
    finally:
        holder.kill()  # SIGKILL: its lock file still names it
        holder.wait()
    with store.lock(tmp_path) as note:
        assert note.startswith(f"took over the lock of build pid {holder.pid} on ")
        assert note.endswith("which stopped without finishing")


def test_remove_debris_leaves_the_tables(tmp_path):
    store.write(tmp_path, _tables(2), {})
    (tmp_path / ".staging-0123").mkdir()
    (tmp_path / ".staging-0123" / "part.parquet").write_text("x")
    (tmp_path / ".sentences.parquet.tmp").write_text("x")
    assert store.remove_debris(tmp_path) == 2
    result = sorted(p.name for p in tmp_path.iterdir())
    assert result == ["articles.parquet", "manifest.json", "rejects.parquet"]


def test_manifest_is_json(tmp_path):
    store.write(tmp_path, _tables(2), {"inputs": {"a.txt": "sha"}})
    assert json.loads((tmp_path / "manifest.json").read_text())["inputs"] == {"a.txt": "sha"}


def test_a_part_longer_than_a_slice_is_written_whole(tmp_path, monkeypatch):
    # Parts are converted to arrow a slice at a time (arrow copies a string per row).
    monkeypatch.setattr(store, "_SLICE_ROWS", 2)
    frame = pl.DataFrame({"a": [1, 2, 3, 4, 5], "b": ["v", "w", "x", "y", "z"]})
    store.write(tmp_path, {"parts": [frame.lazy().head(3), frame.lazy().tail(2)]}, {})
    result = store.read("parts", tmp_path)
    expected = frame
    assert_frame_equal(result, expected)
