import json

import polars as pl
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


def test_manifest_is_json(tmp_path):
    store.write(tmp_path, _tables(2), {"inputs": {"a.txt": "sha"}})
    assert json.loads((tmp_path / "manifest.json").read_text())["inputs"] == {"a.txt": "sha"}
