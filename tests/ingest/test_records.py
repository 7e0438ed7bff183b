from datetime import date

import polars as pl
import pytest

from framescope.ingest.records import (
    RAW_SCHEMA,
    REJECT_SCHEMA,
    Batch,
    raw_record,
    records_frame,
    reject,
)


def test_raw_record_fills_every_column():
    result = raw_record("a.txt", "Body.", title="T", published=date(2023, 1, 31))
    assert list(result) == list(RAW_SCHEMA)
    assert (result["date_origin"], result["warnings"], result["title"]) == ("unknown", [], "T")


def test_raw_record_rejects_unknown_fields_and_bad_dates():
    with pytest.raises(ValueError, match=r"unknown record fields \['headline'\]"):
        raw_record("a.txt", "x", headline="T")
    with pytest.raises(TypeError, match="published must be a date, got '2023-01-31'"):
        raw_record("a.txt", "x", published="2023-01-31")


def test_reject_checks_reason():
    with pytest.raises(ValueError, match="unknown reject reason 'weird'"):
        reject("a", "weird", "d")


def test_frames_have_the_schema_even_when_empty():
    assert records_frame([]).schema == pl.Schema(RAW_SCHEMA)
    assert Batch().rejects.schema == pl.Schema(REJECT_SCHEMA)


def test_batch_concat():
    one = Batch.of([raw_record("a", "x")], [])
    two = Batch.of([raw_record("b", "y")], [reject("c", "empty", "nothing")])
    result = Batch.concat([one, two])
    assert (result.records["path"].to_list(), result.rejects.height) == (["a", "b"], 1)
