"""Tests for framescope.report.corpus: raw inputs, their dates and what cleaning changed."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope.ingest import label
from framescope.report import corpus

# --- raw_records, date_provenance ------------------------------------------------------------


def test_raw_records_reads_dates_from_the_text_without_the_sidecar(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(" date 2023-03-18 HONG KONG Xi will visit.\n", "utf-8")
    (tmp_path / "b.txt").write_text("Putin invited Xi this Friday.\n", "utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "sources.csv").write_text("file,source,published\nb.txt,Z,2023-03-17\n", "utf-8")

    result = corpus.raw_records([tmp_path]).select("path", "published", "date_origin")

    expected = pl.DataFrame(
        {
            "path": [label(tmp_path / "a.txt"), label(tmp_path / "b.txt")],
            "published": [date(2023, 3, 18), None],
            "date_origin": ["header", "unknown"],
        }
    )
    assert_frame_equal(result, expected)


def test_date_provenance_sets_the_built_date_beside_the_texts() -> None:
    articles = pl.DataFrame(
        {
            "path": ["c.txt", "a.txt", "b.txt"],
            "source": ["Z", "X", "Y"],
            "published": [date(2023, 3, 17), date(2023, 2, 1), date(2023, 2, 2)],
            "date_origin": ["sidecar", "sidecar", "sidecar"],
        }
    )
    records = pl.DataFrame(
        {
            "path": ["a.txt", "b.txt", "c.txt"],
            "published": [date(2023, 2, 1), date(2023, 1, 31), None],
            "date_origin": ["header", "byline", "unknown"],
        }
    )

    result = corpus.date_provenance(articles, records).select("path", "text_date_origin", "agrees")

    expected = pl.DataFrame(
        {
            "path": ["a.txt", "b.txt", "c.txt"],
            "text_date_origin": ["header", "byline", "unknown"],
            "agrees": [True, False, None],
        }
    )
    assert_frame_equal(result, expected)


# --- cleaning --------------------------------------------------------------------------------


RAW = pl.DataFrame(
    {
        "path": ["a", "b"],
        "text": ["It ended.\n\n1 comment\nLeave a Reply", "Xi met withPresident Putin."],
    }
)
CLEAN = pl.DataFrame(
    {
        "path": ["b", "a"],
        "source": ["Y", "X"],
        "text": ["Xi met with President Putin.", "It ended."],
    }
)


def test_cleaning_diff_counts_words_and_shows_both_ends() -> None:
    result = corpus.cleaning_diff(RAW, CLEAN, chars=9)

    expected = pl.DataFrame(
        {
            "path": ["a", "b"],
            "source": ["X", "Y"],
            "words_before": [7, 4],
            "words_after": [2, 5],
            "words_change": [-5, 1],
            "head_before": ["It ended.", "Xi met wi"],
            "head_after": ["It ended.", "Xi met wi"],
            "tail_before": ["e a Reply", "nt Putin."],
            "tail_after": ["It ended.", "nt Putin."],
        }
    )
    assert_frame_equal(result, expected)


def test_cleaning_diff_rejects_a_non_positive_width() -> None:
    with pytest.raises(ValueError, match="chars must be at least 1, got 0"):
        corpus.cleaning_diff(RAW, CLEAN, chars=0)


def test_cleaning_edits_lists_removals_and_splits_in_text_order() -> None:
    result = corpus.cleaning_edits(RAW, CLEAN)

    expected = pl.DataFrame(
        {
            "path": ["a", "b"],
            "source": ["X", "Y"],
            "word": [2, 2],
            "edit": ["removed", "replaced"],
            "before": ["1 comment Leave a Reply", "withPresident"],
            "after": ["", "with President"],
        }
    )
    assert_frame_equal(result, expected)


def test_cleaning_edits_of_unchanged_texts_is_empty() -> None:
    same = CLEAN.select("path", "text")

    result = corpus.cleaning_edits(same, CLEAN)

    assert result.is_empty()
    assert result.columns == ["path", "source", "word", "edit", "before", "after"]


def test_glued_by_article_counts_before_and_after_most_glued_first() -> None:
    result = corpus.glued_by_article(RAW, CLEAN, names=["Vladimir Putin"])

    expected = pl.DataFrame(
        {"path": ["b", "a"], "source": ["Y", "X"], "glued_before": [1, 0], "glued_after": [0, 0]}
    )
    assert_frame_equal(result, expected)
