from __future__ import annotations

import re
import sys

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope.sentiment import columns


def test_whitespace_is_str_isspace() -> None:
    # The regex pass over all code points finds what str.isspace() finds, char by char.
    result = columns.whitespace()
    expected = "".join(chr(code) for code in range(sys.maxunicode + 1) if chr(code).isspace())
    assert result == expected


def test_char_class_matches_exactly_its_characters() -> None:
    chars = [" ", "\t", "a", "b", "c", "é", "\u3000", "😁"]
    pattern = columns.char_class(chars)
    probe = [*chars, "d", "x", "`", "\n", "\u3001", "😂"]
    result = pl.Series(probe).str.contains(pattern).to_list()
    expected = [True] * len(chars) + [False] * 6
    assert result == expected
    assert re.fullmatch(r"\[.*\]", pattern)


def test_distinct_values_number_values_in_order_of_first_appearance() -> None:
    codes, distinct = columns.distinct_values(pl.Series("token", ["b", "a", "b", "c"]))
    assert codes.tolist() == [0, 1, 0, 2]
    assert distinct.to_list() == ["b", "a", "c"]
    assert distinct.name == "token"


def test_check_texts() -> None:
    assert columns.check_texts(pl.Series([None, None]), 1).dtype == pl.String
    with pytest.raises(ValueError, match="batch_size must be at least 1, got 0"):
        columns.check_texts(pl.Series(["good"]), 0)
    with pytest.raises(TypeError, match=re.escape("dtype Int64")):
        columns.check_texts(pl.Series([1, 2]), 1)


def test_require_columns_names_the_missing_ones() -> None:
    frame = pl.DataFrame({"text": ["a"]})
    columns.require_columns(frame, ["text"], "sentences")
    with pytest.raises(ValueError, match=r"sentences has no column 'article_id', 'sentence_idx'"):
        columns.require_columns(frame, ["article_id", "text", "sentence_idx"], "sentences")


def test_in_batches_keeps_order_and_nulls_whatever_the_batch_size() -> None:
    texts = pl.Series(["abc", None, "", "de", None, "f"])

    def lengths(batch: pl.Series) -> dict[str, np.ndarray]:
        assert batch.null_count() == 0  # a scorer never sees a null
        n = batch.str.len_chars().cast(pl.Float64).to_numpy()
        return {"n": n, "twice": 2 * n}

    expected = pl.DataFrame(
        {"n": [3.0, None, 0.0, 2.0, None, 1.0], "twice": [6.0, None, 0.0, 4.0, None, 2.0]}
    )
    for batch_size in (1, 2, 4, 100):
        result = columns.in_batches(texts, lengths, ["n", "twice"], batch_size)
        assert_frame_equal(result, expected)
