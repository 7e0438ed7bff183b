"""Tests for framescope.report.tone: tone per outlet under each method, gold disagreements."""

from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope.report import tone


def _articles(**columns: list) -> pl.DataFrame:
    base = {"article_id": ["a", "b"], "source": ["X", "Y"], "duplicate_of": [None, None]}
    return pl.DataFrame({**base, **columns}, schema_overrides={"duplicate_of": pl.String})


SCORES = pl.DataFrame(
    {
        "article_id": ["a", "a", "b", "a", "a", "b"],
        "sentence_idx": [0, 1, 0, 0, 1, 0],
        "method": ["vader"] * 3 + ["textblob"] * 3,
        "compound": [0.4, 0.2, -0.5, -0.2, 0.0, 0.3],
    },
    schema_overrides={"sentence_idx": pl.Int32},
)


def test_tone_by_method_ranks_outlets_within_each_method() -> None:
    result = tone.tone_by_method(SCORES, _articles())

    expected = pl.DataFrame(
        {
            "source": ["Y", "X", "X", "Y"],
            "method": ["textblob", "textblob", "vader", "vader"],
            "n_sentences": [1, 2, 2, 1],
            "n_articles": [1, 1, 1, 1],
            "mean_tone": [0.3, -0.1, 0.30000000000000004, -0.5],
            "rank": [1, 2, 1, 2],
        }
    )
    assert_frame_equal(result, expected)


def test_tone_by_method_for_an_actor_counts_a_sentence_once() -> None:
    mentions = pl.DataFrame(
        {"article_id": ["a", "a", "b"], "sentence_idx": [1, 1, 0], "actor": ["xi", "xi", "putin"]}
    )

    result = tone.tone_by_method(
        SCORES, _articles(), methods=["vader"], mentions=mentions, actor="xi"
    )

    expected = pl.DataFrame(
        {
            "source": ["X"],
            "method": ["vader"],
            "n_sentences": [1],
            "n_articles": [1],
            "mean_tone": [0.2],
            "rank": [1],
        }
    )
    assert_frame_equal(result, expected)


def test_tone_by_method_leaves_near_duplicates_out_by_default() -> None:
    articles = _articles(duplicate_of=[None, "a"])

    result = tone.tone_by_method(SCORES, articles)["source"].unique().to_list()

    assert result == ["X"]


def test_tone_by_method_names_an_unknown_method() -> None:
    with pytest.raises(ValueError, match=r"methods: \['nope'\] not in the sentiment table"):
        tone.tone_by_method(SCORES, _articles(), methods=["nope"])


def test_tone_by_method_needs_mentions_for_an_actor() -> None:
    with pytest.raises(ValueError, match="actor='xi' needs the mentions table"):
        tone.tone_by_method(SCORES, _articles(), actor="xi")


def test_scored_gold_gives_each_method_its_class_and_agreement() -> None:
    gold = pl.DataFrame(
        {
            "text": ["A great success.", "The talks happened on Monday."],
            "score": [1.0, 1.0],
            "label": ["Positive", "positive"],
        }
    )

    result = tone.scored_gold(gold, methods=["vader"]).drop("compound")

    expected = pl.DataFrame(
        {
            "text": ["A great success.", "The talks happened on Monday."],
            "gold_label": ["positive", "positive"],
            "gold_score": [1.0, 1.0],
            "method": ["vader", "vader"],
            "predicted": ["positive", "neutral"],
            "agrees": [True, False],
        }
    )
    assert_frame_equal(result, expected)


def test_scored_gold_needs_a_gold_standard() -> None:
    with pytest.raises(ValueError, match=r"gold lacks column\(s\) \['score', 'label'\]"):
        tone.scored_gold(pl.DataFrame({"text": ["x"]}))
