from __future__ import annotations

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import sentiment


def _sentiment(rows: list[tuple[str, int, str, float | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            k: v for k, v in sentiment.SENTIMENT_SCHEMA.items() if k not in {"pos", "neu", "neg"}
        },
        orient="row",
    )


def test_article_tone() -> None:
    frame = _sentiment(
        [
            ("a", 0, "vader", -0.05),
            ("a", 1, "vader", 0.0),
            ("a", 2, "vader", 0.05),
            ("a", 3, "vader", 0.8),
            ("a", 4, "vader", None),
            ("a", 0, "textblob", -1.0),
            ("b", 0, "vader", -0.6),
        ]
    )
    result = sentiment.article_tone(frame, method="vader")
    rule = "mean/median of sentence compound; negative <= -0.05 < neutral < 0.05 <= positive"
    expected = pl.DataFrame(
        {
            "article_id": ["a", "b"],
            "method": ["vader", "vader"],
            "n_sentences": [4, 1],
            "mean": [0.2, -0.6],
            "median": [0.025, -0.6],
            "share_negative": [0.25, 1.0],
            "share_neutral": [0.25, 0.0],
            "share_positive": [0.5, 0.0],
            "rule": [rule, rule],
        },
        schema=sentiment.ARTICLE_TONE_SCHEMA,
    )
    assert_frame_equal(result, expected)


def test_article_tone_threshold_shows_in_rule() -> None:
    frame = _sentiment([("a", 0, "textblob", 0.05), ("a", 1, "textblob", 0.2)])
    result = sentiment.article_tone(frame, method="textblob", threshold=0.1)
    assert result.select("share_neutral", "share_positive", "rule").row(0) == (
        0.5,
        0.5,
        "mean/median of sentence compound; negative <= -0.1 < neutral < 0.1 <= positive",
    )


def test_article_tone_empty_and_errors() -> None:
    empty = pl.DataFrame(schema=sentiment.SENTIMENT_SCHEMA)
    assert_frame_equal(
        sentiment.article_tone(empty), pl.DataFrame(schema=sentiment.ARTICLE_TONE_SCHEMA)
    )
    frame = _sentiment([("a", 0, "vader", 0.1)])
    with pytest.raises(
        ValueError, match=r"no rows for method 'textblob'; methods present: \['vader'\]"
    ):
        sentiment.article_tone(frame, method="textblob")
    with pytest.raises(ValueError, match=r"threshold must be between 0 and 1 .*got 0"):
        sentiment.article_tone(frame, threshold=0)


def test_actor_tone() -> None:
    frame = _sentiment(
        [
            ("a", 0, "vader", -0.4),
            ("a", 1, "vader", 0.6),
            ("a", 2, "vader", 0.9),
            ("a", 1, "textblob", -1.0),
            ("b", 0, "vader", 0.2),
        ]
    )
    mentions = pl.DataFrame(
        {
            "article_id": ["a", "a", "a", "a", "b", "c"],
            "sentence_idx": [0, 0, 1, 1, 0, 0],
            "actor": ["xi", "xi", "xi", "putin", "putin", "xi"],
            "alias": ["Xi", "Xi Jinping", "Xi", "Putin", "Putin", "Xi"],
            "start": [0, 10, 0, 5, 0, 0],
            "end": [2, 20, 2, 10, 5, 2],
        },
        schema_overrides={"sentence_idx": pl.Int32},
    )
    result = sentiment.actor_tone(frame, mentions, method="vader")
    expected = pl.DataFrame(
        {
            "article_id": ["a", "a", "b"],
            "actor": ["xi", "putin", "putin"],
            "method": ["vader"] * 3,
            "n_sentences": [2, 1, 1],
            "mean": [0.1, 0.6, 0.2],
        },
        schema=sentiment.ACTOR_TONE_SCHEMA,
    )
    assert_frame_equal(result, expected)


def test_actor_tone_joins_across_index_dtypes() -> None:
    frame = _sentiment([("a", 0, "vader", 0.5)])
    mentions = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0], "actor": ["xi"]})
    result = sentiment.actor_tone(frame, mentions, method="vader")
    assert result.select("actor", "n_sentences", "mean").rows() == [("xi", 1, 0.5)]
