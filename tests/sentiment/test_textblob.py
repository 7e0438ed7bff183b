from __future__ import annotations

import random
import re
import subprocess
import sys
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from polars.testing import assert_series_equal
from textblob import TextBlob
from textblob.en import sentiment as pattern_sentiment

from framescope.sentiment import textblob_tokens
from framescope.sentiment.textblob import polarity
from tests.sentiment.conftest import texts_of

# Words that switch a rule on, for the synthetic corpus and the property test.
MODIFIERS = [
    *("very", "extremely", "really", "highly", "too", "more", "most", "so", "quite"),
    *("VERY", "Extremely", "absolutely", "particularly", "slightly", "badly", "truly"),
]
NEGATIONS = ["not", "never", "no", "NOT", "Never", "n't", "isn't", "don't", "can't", "won't"]
MARKS = ["!", "!!!", "!!", "(!)", "( ! )", "?!", "...", ".", ",", ";", "(", ")", "'", '"', "“", "”"]
EMOTICONS = [":)", ":-(", ":D", ":(", ";)", "<3", ":-)", ":c)", ":c", ":o)", "8)", "xD", "♥"]
LEXICON = dict(pattern_sentiment.items())  # loads the package's lexicon on first use
LEXICON_WORDS = sorted(LEXICON)
ADVERBS = [word for word in LEXICON_WORDS if "RB" in LEXICON[word]]


def expected_polarity(texts: list[str | None]) -> pl.Series:
    """TextBlob's polarity, one value per text (null for a null text)."""
    values = [None if text is None else TextBlob(text).sentiment.polarity for text in texts]
    return pl.Series("polarity", values, pl.Float64)


def assert_equals_textblob(texts: list[str | None]) -> None:
    result = polarity(pl.Series(texts, dtype=pl.String))
    assert_series_equal(result, expected_polarity(texts), rel_tol=0, abs_tol=1e-9)


def package_tokens(text: str) -> list[str]:
    """The tokens Sentiment.__call__ assesses (before lower-casing)."""
    return " ".join(pattern_sentiment.tokenizer(text)).split()


def our_tokens(texts: list[str]) -> tuple[list[list[str]], list[bool]]:
    tokens, fallback = textblob_tokens.tokens(pl.Series(texts, dtype=pl.String))
    vocabulary = tokens.vocabulary.to_list()
    result: list[list[str]] = [[] for _ in texts]
    for sentence, word in zip(tokens.sentence.tolist(), tokens.word.tolist(), strict=True):
        result[sentence].append(vocabulary[word])
    return result, fallback.tolist()


def synthetic_corpus(sentences: list[str], n: int, *, seed: int) -> list[str]:
    """Seed sentence fragments recombined, with modifiers, negations, marks, emoticons and
    capitals put in, alone or as phrases such as "not very good!!!"."""
    rng = random.Random(seed)
    fragments = [
        words[start : start + rng.randint(3, 9)]
        for words in (sentence.split() for sentence in sentences)
        for start in range(0, len(words), 5)
    ]
    inserts = [*MODIFIERS, *ADVERBS[::20], *NEGATIONS, *MARKS, *EMOTICONS]

    def phrase() -> str:
        words = [rng.choice(LEXICON_WORDS)]
        if rng.random() < 0.6:
            words.insert(0, rng.choice([*MODIFIERS, *ADVERBS[::20]]))
        if rng.random() < 0.5:
            words.insert(0, rng.choice(NEGATIONS))
        if rng.random() < 0.3:
            words[-1] += rng.choice(["!", "!!!", " !", " :)", " :-("])
        return " ".join(words)

    corpus = []
    for _ in range(n):
        words = [word for _ in range(rng.randint(1, 3)) for word in rng.choice(fragments)]
        for _ in range(rng.randint(0, 5)):
            insert = rng.choice(inserts) if rng.random() < 0.5 else phrase()
            words.insert(rng.randint(0, len(words)), insert)
        for _ in range(rng.randint(0, 2)):
            at = rng.randrange(len(words))
            words[at] = words[at] + "n't" if rng.random() < 0.3 else words[at].upper()
        text = " ".join(words)
        if rng.random() < 0.3:
            text += rng.choice(["!!!", "!", "?!", " :)", " :-(", ".", "...", " (!)"])
        corpus.append(text)
    return corpus


# equality with TextBlob


def test_seed_sentences(seed_sentences: list[str]) -> None:
    assert len(seed_sentences) > 100
    assert_equals_textblob(seed_sentences)


def test_no_seed_sentence_falls_back(seed_sentences: list[str]) -> None:
    _, fallback = textblob_tokens.tokens(pl.Series(seed_sentences))
    assert not fallback.any()


def test_synthetic_corpus(seed_sentences: list[str]) -> None:
    corpus = synthetic_corpus(seed_sentences, 4000, seed=8)
    assert len(set(corpus)) > 3900
    assert_equals_textblob(corpus)
    # It exercises the rules: negated, modified, boosted and emoticon assessments.
    assessed = [pattern_sentiment(text).assessments for text in corpus[:1000]]
    chunks = [words for assessments in assessed for words, *_ in assessments]
    assert sum(words[0] in {"not", "never", "no"} for words in chunks) > 100
    assert sum(len(words) > 1 and words[0] in ADVERBS for words in chunks) > 100
    assert sum("!" in words for words in chunks) > 100
    assert sum(words[0] in {":)", ":-("} for words in chunks) > 100


def test_synthetic_corpus_tokens(seed_sentences: list[str]) -> None:
    corpus = synthetic_corpus(seed_sentences, 1000, seed=9)
    tokens, fallback = our_tokens(corpus)
    assert not any(fallback)
    assert tokens == [package_tokens(text) for text in corpus]


_WORDS = st.sampled_from(
    [
        *MODIFIERS,
        *NEGATIONS,
        *MARKS,
        *EMOTICONS,
        *ADVERBS[::15],
        *LEXICON_WORDS[::25],
        *("good", "bad", "GOOD", "Bad", "great!", "(good)", "'bad'", "nice.", "terribly"),
        *("U.S.", "Mr.", "e.g.", "etc.", "A.", "Abc.", "x.", "word...", "a", "I", "is", "o"),
        *("2018", "(2018)", "8", ":", "-", "c", "O", "D", "^", ">", "=", "*", "'", "°"),
        *("İSTANBUL", "ǅemal", "ΟΔΟΣ", "ﬁne", "ß", "ÉTÉ", "😁", "©", "xd"),
    ]
)
_SEPARATORS = st.sampled_from([" ", " ", " ", "", "  ", "\t", "\n", "\x1c", "\xa0", "\r\n"])
_TEXTS = texts_of(_WORDS, _SEPARATORS)


@settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.one_of(st.none(), _TEXTS), min_size=1, max_size=25))
def test_any_texts(texts: list[str | None]) -> None:
    assert_equals_textblob(texts)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(_TEXTS, min_size=1, max_size=25))
def test_tokens_are_find_tokens(texts: list[str]) -> None:
    tokens, fallback = our_tokens(texts)
    for text, result, package in zip(texts, tokens, fallback, strict=True):
        if not package:
            assert result == package_tokens(text), text


# rules that needed care, one by one


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The book was good.", 0.7),
        ("not very good", -0.5 * 0.7 / 1.3),  # the negation inverts very's intensity
        ("really not good", -0.35),  # "not" negates "really", which still modifies "good"
        ("very :) good", (0.2 + 0.7) / 2),  # "good" rewrites the smiley's assessment
        ("isn't good", 0.7),  # "is n ' t": "n't" never negates
        ("good!!!", 1.0),
        ("good ! bad", (0.7 * 1.25 - 0.7) / 2),  # the "!" boosts "good", not "bad"
        ("(!) great", 0.4),  # the sarcasm mark is an assessment of 0
        (":c)", 0.75),  # ":c)" comes before ":c" in the emoticon regex
        ("(2018) was good", 0.7),  # "2018 )" closes up to "2018)" ("8)" is an emoticon)
        ("xD", 0.0),  # an alphabetic emoticon is never looked up
    ],
)
def test_rule(text: str, expected: float) -> None:
    result = polarity(pl.Series([text]))[0]
    assert result == pytest.approx(expected, abs=1e-12)
    assert_equals_textblob([text])


def test_rules() -> None:
    texts = [
        "not a good idea",  # a negation is kept across one-letter words
        "not an good idea",
        "no, good",
        "never ' good",
        "very is good",  # a modifier is kept across words of two characters or fewer
        "very the good",
        "very! good",
        "very very good",
        "extremely good",  # "extremely" is -0.125: derived from "extreme"
        "truly not good at all",
        "truly no good",
        "truly never so good",
        "quite not good",  # "quite" does not end in -ly: "not" ends it
        "slightly not :) good",
        "not :) good",
        "very :-) good",  # ":-)" is three characters: it ends the modifier
        "very ( ! ) good",
        "good!!!!!!!!!!!!!!!!!!!!!!!!!",
        "bad ! ! ! terrible!",
        "not bad!",
        "NOT BAD AT ALL!!!",
        "Mr. Nice is nice.",
        "U.S. good... Good.... GOOD..",
        "x.. y.,. A|. Abc. e.g. etc.)",
        "“good” ‘bad’ \"nice\" 'fine'",
        "( ! ) (!) (! ) ( !)",
        ": ) :-( : - ( 8 - ) = ] ; - ) > : D :'( : ' ( : ' ' ' (",
        ":c ) : c ) : o ) :o",
        "°O° ° o ° <3 ♥ o_O o . O",
        "good :) :) bad :(",
        "good\tbad\ngreat\x1cfine\xa0nice\u2003awful",
    ]
    assert_equals_textblob(texts)


def test_repeated_exclamation_marks_are_clipped_one_at_a_time() -> None:
    # The package multiplies by 1.25 and clips after each "!": no closed form rounds alike.
    words = [word for word in LEXICON_WORDS if word.isalpha()][::40]
    texts = [f"{word}{'!' * count}" for word in words for count in (1, 2, 3, 7)]
    assert_equals_textblob(texts)


# what the package scores


@pytest.mark.parametrize(
    "text",
    [
        "good\n\n:D",  # a blank line ends a sentence: ":" and "D" are not closed up
        "good\r\n\r\nbad",
        "good END-OF-SENTENCE bad",
        "it was a video . O good",  # "o . O" spans a sentence end
        "x > . > y",
    ],
)
def test_texts_split_into_sentences_use_the_package(text: str) -> None:
    _, fallback = textblob_tokens.tokens(pl.Series([text, "good"]))
    assert fallback.tolist() == [True, False]
    assert_equals_textblob([text, "good"])


# nulls, empties, input


def test_null_and_empty_texts() -> None:
    texts = [None, "", " ", "\n\t", "Good.", None, "!!!", "..."]
    result = polarity(pl.Series(texts))
    assert result.dtype == pl.Float64
    assert result.name == "polarity"
    assert result.to_list() == [None, 0.0, 0.0, 0.0, 0.7, None, 0.0, 0.0]
    assert_equals_textblob(texts)


@pytest.mark.parametrize(
    "texts",
    [pl.Series([], dtype=pl.String), pl.Series([None, None]), pl.Series([None], dtype=pl.String)],
)
def test_no_text_to_score(texts: pl.Series) -> None:
    result = polarity(texts)
    assert_series_equal(result, pl.Series("polarity", [None] * len(texts), pl.Float64))


def test_batches_give_the_same_result(seed_sentences: list[str]) -> None:
    texts = pl.Series([*seed_sentences[:40], None, "very good :)"])
    expected = polarity(texts)
    assert_series_equal(polarity(texts, batch_size=7), expected)
    assert np.isnan(expected.to_numpy()).sum() == 1


def test_rejects_bad_input() -> None:
    with pytest.raises(TypeError, match=re.escape("dtype Int64")):
        polarity(pl.Series([1, 2]))
    with pytest.raises(ValueError, match="batch_size must be at least 1, got 0"):
        polarity(pl.Series(["good"]), batch_size=0)


def test_polarity_imports_neither_textblob_nor_nltk() -> None:
    # A fresh process: the import of textblob (and NLTK, SciPy) costs about a second in each.
    code = (
        "import sys, polars as pl; from framescope.sentiment import textblob; "
        "textblob.polarity(pl.Series(['Not very good!'])); "
        "print(sorted({'textblob', 'nltk', 'scipy'} & set(sys.modules)))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True
    ).stdout.strip()
    expected = "[]"
    assert result == expected


def test_textblob_needs_no_nltk_data(tmp_path: Path) -> None:
    # A fresh process with no NLTK data anywhere and downloading forbidden.
    code = (
        "import nltk\n"
        "def refuse(*args, **kwargs):\n"
        "    raise SystemExit('nltk.download was called')\n"
        "nltk.download = refuse\n"
        f"nltk.data.path[:] = [{str(tmp_path)!r}]\n"
        "from framescope import sentiment\n"
        "frame = sentiment.TextBlobScorer().score_texts(['A great success.'])\n"
        "print(frame['compound'][0])\n"
    )
    env = {"HOME": str(tmp_path), "NLTK_DATA": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0.55"
