from __future__ import annotations

import math
import sys

import numpy as np
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal, assert_series_equal
from vaderSentiment.vaderSentiment import N_SCALAR

from framescope import config, sentiment
from framescope.sentiment import multilex, vader
from tests.sentiment.conftest import texts_of

sys.path.insert(0, str(config.ROOT))  # benchmarks/ lives beside src/, not inside it

from benchmarks import multilex as calibration


def _squash(total: float) -> float:
    return total / math.sqrt(total * total + 15)


# the lexicons


def test_lexicons_as_shipped() -> None:
    assert multilex.lexicon("afinn")["war"] == -2.0
    assert multilex.lexicon("afinn")["outstanding"] == 5.0
    assert multilex.lexicon("pattern")["good"] == 0.7
    assert multilex.lexicon("sentimentr")["invasion"] == -0.7
    assert multilex.lexicon("sentimentr")["cooperation"] == 0.3


@pytest.mark.parametrize("name", ["afinn", "pattern", "sentimentr"])
def test_lexicons_leave_out_boosters_phrases_and_zeros(name: str) -> None:
    words = multilex.lexicon(name)
    assert len(words) > 2000
    assert "very" not in words
    assert "extremely" not in words
    assert "no" not in words
    assert "without" not in words
    assert not [word for word in words if " " in word]
    assert 0.0 not in words.values()
    assert all(word == word.lower() for word in words)


def test_unknown_lexicon() -> None:
    with pytest.raises(ValueError, match="unknown word lexicon 'nrc'; known: afinn, pattern"):
        multilex.lexicon("nrc")


# each lexicon's sentence score


def test_vader_column_is_vaders_compound() -> None:
    texts = pl.Series(
        [
            "Moscow and Beijing hailed a new era of cooperation.",
            "NATO condemned the strikes as a grave violation of international law!",
            "Not bad at all",
            "",
            "   ",
        ]
    )
    result = multilex.lexicon_scores(texts)["vader"]
    assert_series_equal(result, vader.scores(texts)["compound"].alias("vader"))


def test_word_lexicon_scores() -> None:
    result = multilex.lexicon_scores(pl.Series(["War.", "Peace, at last!"]))
    afinn = multilex.lexicon("afinn")
    expected = [_squash(afinn["war"] * 0.8), _squash(afinn["peace"] * 0.8)]
    assert result["afinn"].to_list() == pytest.approx(expected, abs=1e-12)
    assert result["pattern"][0] == 0.0  # "war" is not in pattern's adjective lexicon


@pytest.mark.parametrize(
    "negated",
    [
        "The talks were not good.",
        "The talks were never good.",
        "The talks weren't good.",
        "There was no good outcome.",
        "Not a good outcome.",
    ],
)
def test_a_negation_up_to_three_words_before_turns_the_valence(negated: str) -> None:
    good = multilex.lexicon("afinn")["good"] * 0.8
    result = multilex.lexicon_scores(pl.Series([negated]))["afinn"][0]
    assert result == pytest.approx(_squash(good * N_SCALAR), abs=1e-12)


def test_a_negation_four_words_before_does_not() -> None:
    result = multilex.lexicon_scores(pl.Series(["Not that the talks were good."]))["afinn"][0]
    assert result == pytest.approx(_squash(multilex.lexicon("afinn")["good"] * 0.8), abs=1e-12)


def test_punctuation_and_case_do_not_hide_a_word() -> None:
    result = multilex.lexicon_scores(pl.Series(['"Peace"', "PEACE!", "(peace)"]))["afinn"]
    assert result.n_unique() == 1
    assert result[0] > 0


def test_lexicon_scores_null_empty_and_batches() -> None:
    texts = pl.Series(["Sanctions hurt.", None, "", "A fine day.", "Grim news."] * 3)
    result = multilex.lexicon_scores(texts)
    assert result.columns == list(multilex.LEXICONS)
    assert result.row(1) == (None, None, None, None)
    assert result.row(2) == (0.0, 0.0, 0.0, 0.0)
    assert_frame_equal(multilex.lexicon_scores(texts, batch_size=2), result)


# the combination


def test_combine_standardises_averages_and_measures_from_neutral() -> None:
    calibration_ = {
        "vader": multilex.Calibration(mean=0.1, sd=0.5),
        "afinn": multilex.Calibration(mean=-0.2, sd=0.25),
    }
    frame = pl.DataFrame({"vader": [0.0, 0.5, -0.25, None], "afinn": [0.0, 0.25, 0.5, 0.1]})
    result = multilex.combine(frame, calibration=calibration_, spread=2.0)
    # (x - mean) / sd averaged, less the average of a row of zeros: mean of x / sd.
    expected = pl.Series(
        "compound", [0.0, math.tanh((1.0 + 1.0) / 2 / 2), math.tanh((-0.5 + 2.0) / 2 / 2), None]
    )
    assert_series_equal(result, expected, abs_tol=1e-12)


def test_combine_rejects_a_zero_sd() -> None:
    with pytest.raises(ValueError, match="standard deviations must be positive"):
        multilex.combine(
            pl.DataFrame({"vader": [0.1]}),
            calibration={"vader": multilex.Calibration(mean=0.0, sd=0.0)},
        )


def test_the_shipped_constants_are_those_of_the_calibration_corpus() -> None:
    texts = calibration.calibration_sentences()
    computed, spread, _ = calibration.calibrate(texts)
    assert len(texts) == 639
    assert list(computed) == list(multilex.CALIBRATION) == list(multilex.LEXICONS)
    for name, scale in multilex.CALIBRATION.items():
        assert computed[name].mean == pytest.approx(scale.mean, abs=5e-7)
        assert computed[name].sd == pytest.approx(scale.sd, abs=5e-7)
    assert spread == pytest.approx(multilex.SPREAD, abs=5e-7)


def test_calibration_corpus_is_not_the_evaluation_set() -> None:
    pages = calibration.read_pages()
    evaluation = config.ROOT / "tests" / "evaluation" / "articles.csv"
    if not evaluation.exists():
        pytest.skip("no evaluation set")
    urls = set(pl.read_csv(evaluation)["url"].to_list())
    assert not urls & set(pages["article_id"].to_list())


def test_calibration_sentences_average_about_neutral() -> None:
    # On the corpus it was calibrated on, the compound is centred and spread as designed.
    result = multilex.scores(calibration.calibration_sentences())
    assert abs(result.mean()) < 0.2  # type: ignore[arg-type]
    assert 0.5 < result.std() < 0.8  # type: ignore[operator]


# news sentences, in the shapes of several outlets

NEWS = [
    # wire report: casualties, war
    ("The war has killed tens of thousands of people, according to United Nations estimates.", -1),
    # sanctions
    ("Western sanctions have cut Russia off from much of the global financial system.", -1),
    # negation of a negative verb, then a negative judgement
    ("Beijing did not condemn the invasion, a position Kyiv called deeply disappointing.", -1),
    # analysis: a warning
    ("Analysts warned the summit could embolden Moscow.", -1),
    # state media: praise in diplomatic language
    ("Xi praised the friendship between the two peoples and called the talks candid and "
     "fruitful.", 1),
    ("The two sides pledged to deepen their comprehensive strategic partnership of "
     "coordination.", 1),
    ("Putin said he welcomed China's willingness to play a constructive role in settling the "
     "crisis.", 1),
    # a schedule, a number: nothing to score
    ("The meeting is scheduled for Tuesday in the Kremlin.", 0),
    ("Trade between the two countries totalled $190 billion last year.", 0),
]  # fmt: skip


@pytest.mark.parametrize(("text", "sign"), NEWS)
def test_news_sentences(text: str, sign: int) -> None:
    result = multilex.scores(pl.Series([text]))[0]
    assert np.sign(round(result, 6)) == sign


def test_scorer_in_the_sentiment_table() -> None:
    sentences = pl.DataFrame(
        {
            "article_id": ["a"] * len(NEWS),
            "sentence_idx": list(range(len(NEWS))),
            "text": [text for text, _ in NEWS],
        },
        schema_overrides={"sentence_idx": pl.Int32},
    )
    result = sentiment.score(sentences, methods="multilex")
    expected = multilex.scores(sentences["text"]).to_list()
    assert result["method"].unique().to_list() == ["multilex"]
    assert result["compound"].to_list() == expected
    assert result.select("pos", "neu", "neg").null_count().row(0) == (len(NEWS),) * 3


# properties

WORDS = st.sampled_from(
    ["not", "no", "never", "war", "peace", "good", "bad", "very", "Sanctions", "crisis",
     "friendship", "n't", "ca", "isn't", "WAR", "Great", "without", "doubt", "😀", "(!)", ""]
)  # fmt: skip
SEPARATORS = st.sampled_from([" ", "  ", ", ", ". ", "! ", "\t", "\n", " - ", "'", '"'])


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.none(), texts_of(WORDS, SEPARATORS)), min_size=1, max_size=8))
def test_compound_is_bounded_and_null_only_for_null(texts: list[str | None]) -> None:
    result = multilex.scores(pl.Series(texts, dtype=pl.String))
    assert len(result) == len(texts)
    assert result.is_null().to_list() == [text is None for text in texts]
    assert result.drop_nulls().is_between(-1.0, 1.0).all()
    # Scoring alone or together gives the same score (to the last bits of tanh's SIMD).
    alone = pl.Series([multilex.scores(pl.Series([text], dtype=pl.String))[0] for text in texts])
    assert_series_equal(result, alone, check_names=False, check_dtypes=False, abs_tol=1e-12)
