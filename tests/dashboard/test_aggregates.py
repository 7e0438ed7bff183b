"""Each cell aggregate gives what the original analysis function gives for the same articles."""

from datetime import date

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import counting, framing, timeseries
from framescope.dashboard import aggregates

ARTICLES = pl.DataFrame(
    {
        "article_id": ["a", "b", "c", "d", "e"],
        "source": ["X", "X", "Y", "Y", "X"],
        "published": [date(2023, 3, 13), date(2023, 3, 21), date(2023, 3, 21), None,
                      date(2023, 3, 22)],
        "n_words": [100, 200, 300, 50, 80],
        "duplicate_of": [None, None, None, None, "a"],
        "syndicated_from": [None, None, "b", None, "a"],
    },
    schema_overrides={"duplicate_of": pl.String, "syndicated_from": pl.String},
)  # fmt: skip
MENTIONS = pl.DataFrame(
    {
        "article_id": ["a", "a", "b", "c", "c", "d", "e"],
        "sentence_idx": [0, 1, 0, 0, 1, 0, 0],
        "actor": ["xi", "putin", "xi", "xi", "xi", "putin", "xi"],
    }
)
SENTIMENT = pl.DataFrame(
    {
        "article_id": ["a", "a", "b", "b", "c", "c", "e"],
        "sentence_idx": [0, 1, 0, 1, 0, 1, 0],
        "method": ["vader"] * 7,
        "compound": [0.5, -0.2, 0.1, None, -0.7, 0.3, 0.9],
    }
)


@pytest.mark.parametrize(
    ("one_per_story", "expected"),
    [
        (False, ["a", "b", "c"]),  # d undated and the range is not the whole corpus; e a copy
        (True, ["a", "b"]),  # c carries b's story
    ],
)
def test_selection_is_the_article_filter(one_per_story, expected):
    keep = aggregates.selection(
        sources=["X", "Y"],
        date_range=(date(2023, 3, 13), date(2023, 3, 21)),
        bounds=(date(2023, 3, 13), date(2023, 3, 22)),
        counts=counting.counted(one_per_story=one_per_story),
    )
    result = ARTICLES.filter(keep)["article_id"].to_list()
    assert result == expected


def test_mention_series_matches_timeseries():
    kept = ARTICLES.filter(pl.col("duplicate_of").is_null())
    counts = aggregates.cell_counts(
        MENTIONS.join(kept, on="article_id", how="semi"), kept, by=["actor"]
    )
    for freq, axis in (("week", "calendar"), ("day", "event")):
        result = aggregates.mention_series(
            counts, kept, actors=["xi", "putin", "nobody"], freq=freq, axis=axis,
            event_date=date(2023, 3, 20),
        )  # fmt: skip
        expected = timeseries.mention_series(
            MENTIONS, kept, freq=freq, axis=axis, event_date=date(2023, 3, 20),
            include_duplicates=True, actors=["xi", "putin", "nobody"],
        )  # fmt: skip
        assert_frame_equal(result, expected)


def test_shares_match_framing():
    frames = MENTIONS.rename({"actor": "frame"})
    result = aggregates.shares(
        aggregates.cell_counts(frames, ARTICLES, by=["frame"]), ARTICLES, by="frame"
    )
    expected = framing.shares(frames, ARTICLES, by="frame", include_duplicates=True)
    assert_frame_equal(result, expected)


def test_voice_shares_match_framing():
    quotes = MENTIONS.with_columns(
        pl.when(pl.col("actor") == "xi")
        .then(pl.lit("chinese_official"))
        .otherwise(pl.lit("other"))
        .alias("voice")
    )
    result = aggregates.voice_shares(
        aggregates.cell_counts(quotes, ARTICLES, by=["voice"]), ARTICLES
    )
    expected = framing.voice_shares(quotes, ARTICLES, include_duplicates=True)
    assert_frame_equal(result, expected)


def test_tone_groups_and_intervals_match_tone_series():
    expected = timeseries.tone_series(
        SENTIMENT, ARTICLES, method="vader", include_duplicates=True, n_boot=200
    )
    groups, per_article = aggregates.tone_groups(aggregates.article_tone(SENTIMENT), ARTICLES)
    low, high = aggregates.intervals(
        groups.select("period", "source").rows(),
        groups["n_articles"].to_numpy(),
        per_article["total"].to_numpy(),
        per_article["n"].to_numpy(),
        n_boot=200,
    )
    result = groups.select(
        "period", "source", "n_sentences", "n_articles", "mean_tone",
        pl.Series("ci_low", low).fill_nan(None), pl.Series("ci_high", high).fill_nan(None),
    )  # fmt: skip
    assert_frame_equal(result, expected.drop("rule", "small_sample"))


def test_intervals_split_over_threads_give_the_same_numbers():
    rng = np.random.default_rng(0)
    sizes = np.array([300, 500, 200, 400])
    totals, counts = rng.normal(size=sizes.sum()), rng.integers(1, 9, size=sizes.sum())
    groups = [(f"p{i}", "X") for i in range(len(sizes))]
    result = aggregates.intervals(groups, sizes, totals, counts, n_boot=20_000)
    expected = timeseries._interval(
        groups, sizes, totals, counts, n_boot=20_000, seed=0, level=0.95
    )
    np.testing.assert_array_equal(result, expected)


def test_box_stats():
    frame = pl.DataFrame(
        {"source": ["X"] * 6, "article_id": list("aabbbc"),
         "compound": [-1.0, 0.0, 0.1, 0.2, 0.3, 0.25]}
    )  # fmt: skip
    result = aggregates.box_stats(frame, value="compound", by="source")
    expected = pl.DataFrame(
        {"source": ["X"], "q1": [0.025], "median": [0.15], "q3": [0.2375], "lowerfence": [0.0],
         "upperfence": [0.3], "mean": [-0.025], "n": [6], "n_articles": [3]}
    )  # fmt: skip
    assert_frame_equal(result, expected)  # -1.0 lies beyond 1.5 IQR: outside the whiskers


def test_sorted_box_stats_matches_box_stats():
    rng = np.random.default_rng(0)
    for size in (1, 2, 5, 6, 101):
        frame = pl.DataFrame(
            {"source": ["X"] * size, "article_id": rng.integers(0, 4, size).astype(str),
             "compound": np.round(rng.uniform(-1, 1, size), 2)}
        )  # fmt: skip
        expected = aggregates.box_stats(frame, value="compound", by="source")
        result = aggregates.sorted_box_stats(frame.sort("compound"), value="compound", source="X")
        assert_frame_equal(result, expected)


def test_sorted_box_stats_of_no_rows_is_no_row():
    frame = pl.DataFrame(schema={"article_id": pl.String, "compound": pl.Float64})
    result = aggregates.sorted_box_stats(frame, value="compound", source="X")
    expected = aggregates.box_stats(
        frame.with_columns(source=pl.lit("X")), value="compound", by="source"
    )
    assert result.is_empty()
    assert_frame_equal(result, expected)


def test_kept_intervals_answer_every_key_when_the_kept_ones_are_dropped(monkeypatch):
    # Regression: the store emptied its kept intervals past the cap, then read a key it had
    # just dropped (KeyError) when a selection mixed kept and new groups.
    monkeypatch.setattr(aggregates, "MAX_KEPT_INTERVALS", 1)
    kept: dict = {}
    group = {"sizes": np.array([2, 2]), "counts": np.array([1, 1, 1, 1]), "n_boot": 10}
    totals = np.array([1.0, -1.0, 0.5, 0.2])
    aggregates.kept_intervals(
        kept,
        [("a",)],
        groups=[("a",)],
        totals=totals[:2],
        **{**group, "sizes": np.array([2]), "counts": np.array([1, 1])},
    )
    result = aggregates.kept_intervals(
        kept, [("a",), ("b",)], groups=[("a",), ("b",)], totals=totals, **group
    )
    assert len(result[0]) == 2
    assert list(kept) == [("b",)]  # past the cap: only the newly drawn are kept
