import polars as pl
import pytest

from framescope import store
from framescope.dashboard.tables import FIELD_TABLES, FIELDS, Tables


def test_asking_whether_a_table_exists_reads_nothing(seed_build):
    tables = Tables(seed_build, ["articles", "sentences"])  # not the cached one
    result = ("sentences" in tables, "no_such_table" in tables)
    assert result == (True, False)
    assert "sentences" not in tables._read  # the text-heavy table stays on disk


def test_field_tables_are_the_tables_with_a_field_column(headline_build):
    manifest = store.read_manifest(headline_build) or {}
    result = {
        name
        for name in manifest["tables"]
        if "field" in store.scan(name, headline_build, field=None).collect_schema().names()
    }
    assert result == FIELD_TABLES


def test_slim_and_read_give_the_rows_of_the_field(headline_build):
    tables = Tables(headline_build, list(store.read_manifest(headline_build)["tables"]))
    result = {
        field: (tables.slim("mentions", field).height, tables.read("mentions", field).height)
        for field in ("text", "title")
    }
    heights = {f: store.read("mentions", headline_build, field=f).height for f in FIELDS}
    expected = {field: (heights[field], heights[field]) for field in FIELDS}
    assert result == expected
    assert heights == {"text": 9, "title": 6}
    assert tables["mentions"] is tables.read("mentions", "text")  # the text's, as before


def test_a_table_without_a_field_is_the_texts_for_either_field(headline_build):
    tables = Tables(headline_build, list(store.read_manifest(headline_build)["tables"]))
    assert tables.slim("frames", "title") is tables.slim("frames", "text")
    assert tables.read("quotes", "title") is tables.read("quotes")
    assert not any(key[-1] == "title" for key in tables._read if isinstance(key, tuple))


def test_a_build_from_before_titles_has_no_headline_rows(monkeypatch, headline_build):
    # Its mentions table has no ``field`` column: store.scan gives every row whatever it asks.
    old = pl.LazyFrame({"article_id": ["a"], "sentence_idx": [0], "actor": ["xi_jinping"]})
    monkeypatch.setattr(store, "scan", lambda name, data, field="text": old)
    tables = Tables(headline_build, ["mentions"])
    result = (tables.slim("mentions", "text").height, tables.slim("mentions", "title").height)
    assert result == (1, 0)


def test_an_unknown_field_is_refused(headline_build):
    tables = Tables(headline_build, ["mentions"])
    with pytest.raises(ValueError, match="field: '<b>' is not one of"):
        tables.slim("mentions", "<b>")
