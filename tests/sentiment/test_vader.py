from __future__ import annotations

import random
import re

import numpy as np
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

from framescope.sentiment import vader
from tests.sentiment.conftest import texts_of

ANALYZER = SentimentIntensityAnalyzer()

# The examples of vaderSentiment.py's demo (`if __name__ == "__main__":`), as written there:
# its sentences, its tricky sentences, the sentences of its paragraph and its image tags.
PACKAGE_EXAMPLES = [
    "VADER is smart, handsome, and funny.",
    "VADER is smart, handsome, and funny!",
    "VADER is very smart, handsome, and funny.",
    "VADER is VERY SMART, handsome, and FUNNY.",
    "VADER is VERY SMART, handsome, and FUNNY!!!",
    "VADER is VERY SMART, uber handsome, and FRIGGIN FUNNY!!!",
    "VADER is not smart, handsome, nor funny.",
    "The book was good.",
    "At least it isn't a horrible book.",
    "The book was only kind of good.",
    "The plot was good, but the characters are uncompelling and the dialog is not great.",
    "Today SUX!",
    "Today only kinda sux! But I'll get by, lol",
    "Make sure you :) or :D today!",
    "Catch utf-8 emoji such as 💘 and 💋 and 😁",
    "Not bad at all",
    "Sentiment analysis has never been good.",
    "Sentiment analysis has never been this good!",
    "Most automated sentiment analysis tools are shit.",
    "With VADER, sentiment analysis is the shit!",
    "Other sentiment analysis tools can be quite bad.",
    "On the other hand, VADER is quite bad ass",
    "VADER is such a badass!",
    "Without a doubt, excellent idea.",
    "Roger Dodger is one of the most compelling variations on this theme.",
    "Roger Dodger is at least compelling as a variation on the theme.",
    "Roger Dodger is one of the least compelling variations on this theme.",
    "Not such a badass after all.",
    "Without a doubt, an excellent idea.",
    "It was one of the worst movies I've seen, despite good reviews.",
    "Unbelievably bad acting!!",
    "Poor direction.",
    "VERY poor production.",
    "The movie was bad.",
    "Very bad movie.",
    "VERY BAD movie!",
    *("balloons", "cake", "candles", "happy birthday", "friends", "laughing", "smiling", "party"),
    *("riot", "fire", "fight", "blood", "mob", "war", "police", "tear gas"),
    "I'm surprised to see just how amazingly helpful VADER is!",
]

# Words that switch a rule on, for the synthetic corpus and the property test.
MODIFIERS = [
    *BOOSTER_DICT,
    *NEGATE,
    *SPECIAL_CASES,
    *("no", "nor", "or", "never so", "never this", "so", "this", "without doubt", "without"),
    *("but", "But", "BUT", "least", "at least", "very least", "kind of", "Kind Of"),
    *("!!!", "!", "??", "?", "?!?", ":)", ":-(", ":D", ":(", "<3", "lol", "NOT", "NO"),
]
LEXICON_WORDS = sorted(ANALYZER.lexicon)


def expected_scores(texts: list[str | None]) -> pl.DataFrame:
    """The package's polarity_scores, one row per text (null for a null text)."""
    rows = [None if text is None else ANALYZER.polarity_scores(text) for text in texts]
    return pl.DataFrame(
        {column: [None if row is None else row[column] for row in rows] for column in vader.SCHEMA},
        schema=vader.SCHEMA,
    )


def assert_equals_package(texts: list[str | None]) -> None:
    result = vader.scores(pl.Series(texts, dtype=pl.String))
    assert_frame_equal(result, expected_scores(texts), rel_tol=0, abs_tol=1e-9)


def synthetic_corpus(sentences: list[str], n: int, *, seed: int) -> list[str]:
    """Seed sentence fragments recombined, with modifiers, caps and punctuation put in."""
    rng = random.Random(seed)
    fragments = [
        words[start : start + rng.randint(3, 9)]
        for words in (sentence.split() for sentence in sentences)
        for start in range(0, len(words), 5)
    ]
    corpus = []
    for _ in range(n):
        words = [word for _ in range(rng.randint(1, 3)) for word in rng.choice(fragments)]
        for _ in range(rng.randint(0, 4)):
            insert = rng.choice(MODIFIERS) if rng.random() < 0.7 else rng.choice(LEXICON_WORDS)
            words.insert(rng.randint(0, len(words)), insert)
        for _ in range(rng.randint(0, 2)):
            at = rng.randrange(len(words))
            words[at] = words[at].upper()
        text = " ".join(words)
        if rng.random() < 0.2:
            text += rng.choice(["!!!", "??", "!", "?", " :)", " :-(", "!?!?"])
        corpus.append(text)
    return corpus


# equality with the package


def test_package_examples() -> None:
    assert_equals_package(PACKAGE_EXAMPLES)


def test_seed_sentences(seed_sentences: list[str]) -> None:
    assert len(seed_sentences) > 100
    assert_equals_package(seed_sentences)


def test_synthetic_corpus(seed_sentences: list[str]) -> None:
    corpus = synthetic_corpus(seed_sentences, 4000, seed=8)
    assert len(set(corpus)) > 3900
    assert_equals_package(corpus)


_WORDS = st.sampled_from(
    [
        *MODIFIERS,
        *LEXICON_WORDS[::25],
        *("good", "bad", "GOOD", "Bad", "great!", "(good)", "'bad'", "hate", "love", "ass"),
        *("the", "shit", "bomb", "kiss", "of", "death", "to", "die", "for", "yeah", "right"),
        *("don't", "DON'T", "isn't", "n't", "...", "--", "''", "x", "A", "I"),
        *("İSTANBUL", "ǅemal", "ΟΔΟΣ", "Kill", "ﬁne", "ß", "ÉTÉ", "😁", "©", "™", "💘x"),
    ]
)
_SEPARATORS = st.sampled_from([" ", " ", " ", "  ", "\t", "\n", "\x1c", "\x85", "\xa0", "\u2003"])
_TEXTS = texts_of(_WORDS, _SEPARATORS)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.none(), _TEXTS), min_size=1, max_size=25))
def test_any_texts(texts: list[str | None]) -> None:
    assert_equals_package(texts)


# rules that needed care, one by one


def _word_with(valence: float) -> str:
    return next(
        word for word in LEXICON_WORDS if word.isalpha() and ANALYZER.lexicon[word] == valence
    )


def test_but_scales_the_first_equal_value_as_the_package_does() -> None:
    # The package finds each value with list.index: [1.0, but, 0.5] becomes [0.25, but, 0.5]
    # (0.5 is found at the already halved first word), not [0.5, but, 0.75].
    one, half, two, one_and_half = (_word_with(value) for value in (1.0, 0.5, 2.0, 1.5))
    texts = [
        f"{one} but {half}",
        f"{two} {one} but",
        f"but {one} {one_and_half}",
        f"{one} x {half} but {half} {one} {one_and_half} {two}",
        f"{two} but {one} {half} {one} but {two}",
    ]
    assert_equals_package(texts)
    result = vader.scores(pl.Series(texts[:1]))["compound"][0]
    naive = (1.0 * 0.5 + 0.5 * 1.5) / np.sqrt((1.0 * 0.5 + 0.5 * 1.5) ** 2 + 15)
    assert result != round(naive, 4)


def test_but_in_a_long_sentence() -> None:
    # More nonzero valences than one padding bucket holds.
    words = [_word_with(value) for value in (1.0, 0.5, 2.0, 1.5, -1.0, -0.5)]
    rng = random.Random(3)
    texts = [
        " ".join([*rng.choices(words, k=90), "but", *rng.choices(words, k=90)]),
        " ".join([*["x"] * 40, "but", *rng.choices(words, k=3)]),
    ]
    assert_equals_package(texts)


def test_window_rules() -> None:
    texts = [
        "I do not like it",
        "no good at all",
        "no no good",
        "a b c NO good here",
        "NO good, everything FINE",
        "the food was kind of good",
        "I kind of love this",
        "it was a b sort of bad",
        "x y z kind of great",
        "this is the shit",
        "x y this is the shit",
        "x y z bad ass",
        "a b c d bad ass movie",
        "a b c to die for",
        "a b c kiss of death",
        "a b c yeah right",
        "at a bus stop",
        "x y z bus stop there",
        "it has never been so good",
        "it has never this good",
        "a b c so good",
        "a b c this good",
        "without doubt good",
        "a without doubt good",
        "a b without c doubt good",
        "not the least good",
        "at least good",
        "very least good",
        "least good",
        "EXTREMELY good but the rest IS bad",
        "extremely GOOD and fine",
        "SO SO GOOD",
        "good good good GOOD!!!!!",
        "bad ?? really ????",
        "isn't it bad",
        "it is uh-uh bad",
        "a b nope c bad",
    ]
    assert_equals_package(texts)


def test_sums_are_left_to_right() -> None:
    # Python 3.11's sum() adds left to right; a pairwise or compensated sum differs here.
    values = np.array([1e16, 1.0, -1e16, 1.0])
    assert np.bincount(np.zeros(4, np.int64), weights=values)[0] == sum(values.tolist()) == 1.0


@pytest.mark.parametrize("digits", [3, 4])
def test_round_is_pythons_round(digits: int) -> None:
    rng = np.random.default_rng(0)
    ties = (np.arange(-2000, 2000) + 0.5) / 10**digits
    values = np.concatenate([rng.uniform(-1, 1, 20_000), ties, np.nextafter(ties, 2)])
    result = vader._round(values, digits)
    assert result.tolist() == [round(value, digits) for value in values.tolist()]


def test_splits_on_what_str_split_splits_on() -> None:
    spaces = [chr(code) for code in range(0x3001) if chr(code).isspace()]
    texts = [f"good{space}bad{space}{space}great" for space in spaces]
    texts += ["good\u200bbad", "good\ufeffbad great", "\u3000 good \u3000"]
    assert_equals_package(texts)


def test_all_caps_is_str_isupper_on_every_cased_character() -> None:
    # Whether GOOD is emphasised depends on whether the other word counts as ALL CAPS, as
    # str.isupper() decides it: Lu, Lt, Ll and also Other_Uppercase/Other_Lowercase (Ⅰ, ⓐ, ª).
    cased = [
        chr(code)
        for code in range(0x20000)
        if chr(code).isupper() or chr(code).islower() or chr(code).istitle()
    ]
    texts = [f"GOOD {char}" for char in cased] + [f"VERY good {char}x!" for char in cased[::7]]
    assert_equals_package(texts)


# nulls, empties, input


def test_null_and_empty_texts() -> None:
    texts = [None, "", " ", "\n\t", "Good.", None, "!!!", "??"]
    result = vader.scores(pl.Series(texts))
    assert result.schema == pl.Schema(vader.SCHEMA)
    assert result.row(0) == (None, None, None, None)
    assert result.row(1) == (0.0, 0.0, 0.0, 0.0)
    assert result.row(6) == (0.0, 0.0, 1.0, 0.0)
    assert_equals_package(texts)


@pytest.mark.parametrize(
    "texts",
    [pl.Series([], dtype=pl.String), pl.Series([None, None]), pl.Series([None], dtype=pl.String)],
)
def test_no_text_to_score(texts: pl.Series) -> None:
    result = vader.scores(texts)
    expected = pl.DataFrame(
        {column: [None] * len(texts) for column in vader.SCHEMA}, schema=vader.SCHEMA
    )
    assert_frame_equal(result, expected)


def test_emoji_texts_use_the_package() -> None:
    texts = ["I ❤ it", "good©", "bad ™ ‼ news", "😁😁 sad", "plain text"]
    assert_equals_package(texts)


def test_batches_give_the_same_scores(seed_sentences: list[str]) -> None:
    texts: list[str | None] = [*seed_sentences[:40], None, "", *seed_sentences[40:60], None]
    result = vader.scores(pl.Series(texts), batch_size=7)
    assert_frame_equal(result, vader.scores(pl.Series(texts)))
    assert_frame_equal(result, expected_scores(texts), rel_tol=0, abs_tol=1e-9)


def test_rejects_a_batch_size_below_one() -> None:
    with pytest.raises(ValueError, match="batch_size must be at least 1, got 0"):
        vader.scores(pl.Series(["good"]), batch_size=0)


def test_rejects_non_strings() -> None:
    with pytest.raises(TypeError, match=re.escape("dtype Int64")):
        vader.scores(pl.Series([1, 2]))
