"""Tests for framescope.stages: the per-batch analysis and the tables' canonical order."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import profile, stages


@pytest.fixture(scope="module")
def articles() -> pl.DataFrame:
    text = [
        "Xi Jinping met Vladimir Putin in Moscow. Trade hit $190 billion last year.",
        "Putin called it a great success.",
    ]
    return pl.DataFrame(
        {"article_id": ["b2", "a1"], "published": [date(2023, 3, 21)] * 2, "text": text}
    )


def test_analyse_makes_every_per_sentence_table(articles):
    result = stages.analyse(articles, profile.load(None), methods=["vader"])
    expected = [
        "sentences",
        "mentions",
        "sentiment",
        "labels",
        "war_terms",
        "frames",
        "hedges",
        "quotes",
        "figures",
    ]
    assert list(result) == expected
    assert result["sentences"].select("article_id", "sentence_idx").rows() == [
        ("b2", 0),
        ("b2", 1),
        ("a1", 0),
    ]
    assert result["figures"].select("article_id", "value", "period").rows() == [
        ("b2", 190e9, "2022")  # "last year" of a 2023 article
    ]


def test_analyse_scores_sentiment_by_the_methods_given(articles):
    topic = profile.load(None)
    result = stages.analyse(articles, topic, methods=["textblob", "vader"])["sentiment"]
    expected = {"textblob": 3, "vader": 3}
    assert dict(result.group_by("method").len().iter_rows()) == expected


def test_analyse_adds_each_stage_seconds_to_the_clock(articles):
    clock = {"sentences": 100.0}
    stages.analyse(articles, profile.load(None), methods=["vader"], clock=clock)
    expected = {"sentences", "mentions", "sentiment", "framing", "figures", "headlines"}
    assert set(clock) == expected
    assert clock["sentences"] > 100.0  # added to, not replaced


def test_titles_are_analysed_as_a_field_of_their_own():
    # The Portuguese seed's headline, as translated: Putin and Xi are named in the title only.
    articles = pl.DataFrame(
        {
            "article_id": ["a"],
            "published": [date(2023, 3, 20)],
            "title": ["Putin invited and Xi accepted. Trade to reach $200 billion"],
            "text": ["The visit was announced on Monday."],
        }
    )
    tables = stages.analyse(articles, profile.load(None), methods=["vader"])
    mentions = tables["mentions"].select("field", "sentence_idx", "start", "end", "actor")
    expected = [("title", 0, 0, 5, "vladimir_putin"), ("title", 0, 18, 20, "xi_jinping")]
    assert sorted(mentions.rows()) == expected
    figures = tables["figures"].select("field", "sentence_idx", "surface")
    assert figures.rows() == [("title", 1, "$200 billion")]
    tone = tables["sentiment"].group_by("field").agg(pl.col("sentence_idx").sort())
    assert sorted(tone.rows()) == [("text", [0]), ("title", [0, 1])]
    # The sentences table is the text's; so are the framing tables without a field.
    assert tables["sentences"]["text"].to_list() == ["The visit was announced on Monday."]
    assert "field" not in tables["quotes"].columns


def test_articles_without_titles_give_text_rows_only(articles):
    tables = stages.analyse(articles, profile.load(None), methods=["vader"])
    for name in ("mentions", "sentiment", "labels", "figures"):
        assert set(tables[name]["field"]) <= {"text"}, name
    assert tables["mentions"].height > 0


def test_canonical_order_is_the_same_whatever_order_rows_come_in():
    rows = pl.DataFrame(
        {
            "article_id": ["b", "a", "a", "a"],
            "sentence_idx": [0, 1, 0, 0],
            "method": ["vader", "vader", "vader", "textblob"],
            "tags": [["x"], [], ["y"], []],  # a list column is carried, not sorted on
        }
    )
    result = stages.canonical_order(rows.reverse())
    expected = rows[[3, 2, 1, 0]]
    assert_frame_equal(result, expected)
    assert_frame_equal(stages.canonical_order(rows.lazy()).collect(), expected)


def test_canonical_order_breaks_ties_on_sentence_columns():
    # Sentence-long columns are sorted on by hash (a sort copies its keys per row): still a
    # total order, the same whatever order the rows come in.
    rows = pl.DataFrame(
        {"article_id": ["a"] * 3, "sentence_idx": [0] * 3, "sentence": ["x y", "z", "x y z"]}
    )
    result = stages.canonical_order(rows.reverse())
    expected = stages.canonical_order(rows)
    assert_frame_equal(result, expected)
    assert result.height == 3


def test_merge_canonical_orders_partitions_by_id_as_a_number():
    first = pl.DataFrame({"article_id": ["c0", "10"], "sentence_idx": [0, 1]})
    second = pl.DataFrame({"article_id": ["0f", "10", "zz"], "sentence_idx": [2, 0, 0]})
    parts = stages.merge_canonical(pl.concat([first, second]).lazy())
    result = pl.concat([part.collect() for part in parts])
    expected = pl.DataFrame(
        {"article_id": ["0f", "10", "10", "c0", "zz"], "sentence_idx": [2, 0, 1, 0, 0]}
    )
    assert_frame_equal(result, expected)
    assert len(parts) == 4
