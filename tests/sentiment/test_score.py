from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framescope import sentiment, store

TEXTS = [
    "The talks were a great success.",
    "The attack was a horrible disaster.",
    "The meeting is on Tuesday.",
    "Putin praised the strong partnership, but sanctions are NOT helpful!!",
    "",
]


def _sentences(texts: list[str | None], article_id: str = "a") -> pl.DataFrame:
    return pl.DataFrame(
        {
            "article_id": [article_id] * len(texts),
            "sentence_idx": list(range(len(texts))),
            "text": texts,
        },
        schema={"article_id": pl.String, "sentence_idx": pl.Int32, "text": pl.String},
    )


@dataclass(frozen=True)
class CountingScorer:
    """Scores every text 0.5 and remembers what it was asked to score."""

    name: str = "counting"
    seen: list[str] = field(default_factory=list)

    def score_texts(self, texts: list[str]) -> pl.DataFrame:
        self.seen.extend(texts)
        return pl.DataFrame(
            {"compound": [0.5] * len(texts), "pos": None, "neu": None, "neg": None},
            schema=sentiment.SCORE_SCHEMA,
        )


# scoring


def test_vader_equals_polarity_scores_per_sentence() -> None:
    result = sentiment.score(_sentences(TEXTS))
    analyzer = SentimentIntensityAnalyzer()
    scores = [analyzer.polarity_scores(text) for text in TEXTS]
    expected = pl.DataFrame(
        {
            "article_id": ["a"] * len(TEXTS),
            "sentence_idx": list(range(len(TEXTS))),
            "method": ["vader"] * len(TEXTS),
            **{column: [s[column] for s in scores] for column in ("compound", "pos", "neu", "neg")},
        },
        schema=sentiment.SENTIMENT_SCHEMA,
    )
    assert_frame_equal(result, expected)
    assert result["compound"][0] == 0.8316


def test_textblob_equals_textblob_polarity() -> None:
    result = sentiment.score(_sentences(TEXTS), methods=["textblob"])
    expected = pl.DataFrame(
        {
            "article_id": ["a"] * len(TEXTS),
            "sentence_idx": list(range(len(TEXTS))),
            "method": ["textblob"] * len(TEXTS),
            "compound": [TextBlob(text).sentiment.polarity for text in TEXTS],
            "pos": None,
            "neu": None,
            "neg": None,
        },
        schema=sentiment.SENTIMENT_SCHEMA,
    )
    assert_frame_equal(result, expected)
    assert result["compound"][1] == -1.0


def test_score_stacks_methods_and_keeps_null_texts() -> None:
    result = sentiment.score(_sentences(["Good.", None]), methods=["vader", "textblob"])
    assert result.schema == pl.Schema(sentiment.SENTIMENT_SCHEMA)
    assert result.select("method", "sentence_idx").rows() == [
        ("vader", 0),
        ("vader", 1),
        ("textblob", 0),
        ("textblob", 1),
    ]
    assert result["compound"].is_null().to_list() == [False, True, False, True]


def test_score_empty_sentences() -> None:
    result = sentiment.score(_sentences([]), methods=["vader", "textblob"])
    expected = pl.DataFrame(schema=sentiment.SENTIMENT_SCHEMA)
    assert_frame_equal(result, expected)


def test_score_scores_each_distinct_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    counting = CountingScorer()
    monkeypatch.setitem(sentiment.METHODS, "counting", lambda: counting)
    texts = ["Good.", "Bad.", "Good.", "Good.", "Bad."]
    result = sentiment.score(_sentences(texts), methods=["counting"])
    assert counting.seen == ["Good.", "Bad."]
    assert result["method"].to_list() == ["counting"] * 5
    assert result["compound"].to_list() == [0.5] * 5


def test_dedup_gives_the_same_scores_as_one_by_one() -> None:
    texts = ["Good.", "A terrible war.", "Good.", "Neutral words here.", "A terrible war."]
    frame = pl.concat([_sentences(texts, "a"), _sentences(texts[::-1], "b")])
    result = sentiment.score(frame, methods=["vader", "textblob"])
    expected = pl.concat(
        sentiment.score(frame.slice(i, 1), methods=[method])
        for method in ("vader", "textblob")
        for i in range(frame.height)
    )
    assert_frame_equal(result, expected)


def test_processes_two_equals_serial() -> None:
    frame = pl.concat([_sentences(TEXTS, "a"), _sentences([t + " Really." for t in TEXTS], "b")])
    expected = sentiment.score(frame, methods=["vader", "textblob"])
    result = sentiment.score(frame, methods=["vader", "textblob"], processes=2)
    assert_frame_equal(result, expected)


def test_processes_need_a_picklable_factory(monkeypatch: pytest.MonkeyPatch) -> None:
    def local() -> CountingScorer:  # a nested function cannot be pickled
        return CountingScorer()

    monkeypatch.setitem(sentiment.METHODS, "local", local)
    with pytest.raises(ValueError, match="cannot be sent to worker processes"):
        sentiment.score(_sentences(["Good.", "Bad."]), methods=["local"], processes=2)


def test_unknown_method_names_it_and_lists_known() -> None:
    with pytest.raises(ValueError, match=r"'vadr'.*known methods: multilex, textblob, vader"):
        sentiment.score(_sentences(["Good."]), methods=["vader", "vadr"])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"methods": []}, "methods is empty"),
        ({"processes": 0}, "processes must be at least 1, got 0"),
    ],
)
def test_score_rejects_bad_options(kwargs: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        sentiment.score(_sentences(["Good."]), **kwargs)


def test_score_accepts_one_method_name_as_a_string() -> None:
    result = sentiment.score(_sentences(["Good."]), methods="textblob")
    assert result["method"].to_list() == ["textblob"]


def test_score_names_missing_sentence_column() -> None:
    with pytest.raises(ValueError, match="sentences has no column 'text'"):
        sentiment.score(_sentences(["Good."]).drop("text"))


def test_scorer_with_wrong_output_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    @dataclass(frozen=True)
    class Broken:
        name: str = "broken"

        def score_texts(self, texts: list[str]) -> pl.DataFrame:
            return pl.DataFrame(
                {"compound": [2.0] * len(texts), "pos": None, "neu": None, "neg": None}
            )

    monkeypatch.setitem(sentiment.METHODS, "broken", Broken)
    with pytest.raises(ValueError, match=r"scorer 'broken' returned compound 2\.0 outside -1\.\.1"):
        sentiment.score(_sentences(["Good."]), methods=["broken"])
    assert isinstance(Broken(), sentiment.Scorer)


# end to end


def test_scores_the_built_seed_sentences(seed_build: Path) -> None:
    sentences = store.read("sentences", seed_build)
    result = sentiment.score(sentences, methods=["vader", "textblob"])
    assert result.schema == pl.Schema(sentiment.SENTIMENT_SCHEMA)
    assert result.height == 2 * sentences.height
    assert result.select("article_id", "sentence_idx", "method").is_unique().all()
    assert result["compound"].null_count() == 0
    assert result["compound"].is_between(-1, 1).all()
    vader = result.filter(pl.col("method") == "vader")
    assert (vader["pos"] + vader["neu"] + vader["neg"] - 1).abs().max() < 0.01

    tone = sentiment.article_tone(result, method="vader")
    assert tone.height == sentences["article_id"].n_unique()
    shares = tone["share_negative"] + tone["share_neutral"] + tone["share_positive"]
    assert (shares - 1).abs().max() < 1e-9
    assert tone["n_sentences"].sum() == sentences.height

    actors = sentiment.actor_tone(result, store.read("mentions", seed_build), method="vader")
    assert actors.height > 0
    assert actors["mean"].is_between(-1, 1).all()
