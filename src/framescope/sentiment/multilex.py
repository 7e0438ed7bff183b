"""Multilex: several sentiment lexicons, each rescaled on news, averaged per sentence.

The method of van der Veen & Bleich's MultiLexScaled (PLOS ONE 2024), with the lexicons that
ship inside PyPI packages (nothing is downloaded at run time) under licences that allow
commercial use:

- ``vader``: VADER's compound (Hutto & Gilbert 2014; vaderSentiment, MIT), with all its rules
  (:mod:`.vader`);
- ``afinn``: AFINN-en-165 (Nielsen 2011; the afinn package's data file, ODbL 1.0);
- ``pattern``: the pattern lexicon TextBlob ships (De Smedt & Daelemans 2012; textblob, MIT;
  pattern, BSD), word by word rather than with TextBlob's rules (:mod:`.textblob_lexicon`);
- ``sentimentr``: the graded lexicon of the sentimentr package (Darwich; MIT, 15,000 words and
  phrases, -1..1; Python, not Rinker's R package of the same name).

Each lexicon gives a sentence a score (:func:`lexicon_scores`): VADER its compound; the others
the sum of the valences of the sentence's words, a valence multiplied by VADER's negation
factor (-0.74) when one of the three words before it is a negation ("not", "no", "never",
"without", any "n't" ...), and the sum normalised as VADER normalises its own,
``x / sqrt(x**2 + 15)``, after putting the valences on VADER's -4..4 scale (AFINN's -5..5
times 0.8, the others' -1..1 times 4). Words are split and stripped as VADER splits them, once
for all lexicons. VADER's boosters ("very", "extremely") and negations carry no valence in
the other lexicons either, and their phrases of two or more words are not looked for. Only the
packages' data files are read, never their code.

Each score is then standardised with the mean and standard deviation it has over a sample of
real 2023 news sentences (:data:`CALIBRATION`, computed by ``benchmarks/multilex.py`` from
``benchmarks/calibration/news_2023.txt``), so that every lexicon counts alike whatever its
scale and coverage, and the standardised scores are averaged (:func:`combine`). The compound
measures that average from the one a sentence without any lexicon word gets, so such a
sentence scores exactly 0 as it does with VADER rather than "as negative as the average news
sentence is positive"; measured so, the means cancel and each score counts as ``score / sd``
(no correlation changes). It is divided by :data:`SPREAD`, the standard deviation of the
average over the calibration sentences, and put through ``tanh``, so it stays in -1..1 with
most news sentences between -0.9 and 0.9. ``pos``, ``neu`` and ``neg`` are null.

Examples
--------
>>> texts = ["The two leaders hailed a new era of friendship.", "Sanctions deepened the crisis.",
...          "The meeting was held on Monday.", None]
>>> scores(pl.Series(texts)).round(3).to_list()
[0.875, -0.807, 0.0, None]
"""

from __future__ import annotations

import functools
import importlib.util
import string
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import polars as pl
from vaderSentiment.vaderSentiment import BOOSTER_DICT, N_SCALAR, NEGATE

from framescope.sentiment import textblob_lexicon, vader, vader_tokens
from framescope.sentiment.columns import Floats, in_batches
from framescope.sentiment.vader_tokens import Tokens

LEXICONS = ("vader", "afinn", "pattern", "sentimentr")
"""The lexicons averaged, in the column order of :func:`lexicon_scores`."""

# From each lexicon's range (AFINN -5..5, the others -1..1) to VADER's -4..4.
_TO_VADER_SCALE = {"afinn": 0.8, "pattern": 4.0, "sentimentr": 4.0}
_ALPHA = 15.0  # vaderSentiment's normalize(): x / sqrt(x**2 + alpha)
_WINDOW = 3  # words before a lexicon word where a negation turns it
_PUNCTUATION = string.punctuation
_NOT_VALENCED = frozenset({*BOOSTER_DICT, *NEGATE, "no"})


@dataclass(frozen=True)
class Calibration:
    """A lexicon's sentence score over the calibration sentences: its mean and standard
    deviation (population, ``ddof=0``)."""

    mean: float
    sd: float


# `python -m benchmarks.multilex calibrate` prints these from benchmarks/calibration/news_2023.txt:
# 639 distinct sentences of 129 English news pages from 2023 found by 33 topic searches (war,
# disasters, economy, business, diplomacy, elections, science, sport, film), split as a build
# splits articles. From 403 to 639 sentences each sd moved by less than 5%.
CALIBRATION: dict[str, Calibration] = {
    "vader": Calibration(mean=0.068554, sd=0.475802),
    "afinn": Calibration(mean=0.039577, sd=0.423567),
    "pattern": Calibration(mean=0.066214, sd=0.307491),
    "sentimentr": Calibration(mean=0.002926, sd=0.556748),
}
"""Mean and standard deviation of each lexicon's sentence score on real 2023 news."""

SPREAD = 0.826423
"""Standard deviation of the average of the standardised scores on the calibration sentences."""


def _package_file(package: str, *parts: str) -> Path:
    # Found without importing the package: only its data is used, never its code.
    spec = importlib.util.find_spec(package)
    if spec is None or not spec.submodule_search_locations:
        msg = f"the {package} package is not installed; pip install {package}"
        raise ModuleNotFoundError(msg)
    return Path(next(iter(spec.submodule_search_locations)), *parts)


@functools.cache
def lexicon(name: str) -> dict[str, float]:
    """A word lexicon the added lexicons score with: lower-case word -> valence, as shipped.

    ``"afinn"`` is AFINN-en-165 from the afinn package's data (-5..5); ``"pattern"`` the
    pattern lexicon of textblob (its senses averaged; -1..1); ``"sentimentr"`` the positive
    and negative lexicons of the sentimentr package (-1..1). Phrases, words with valence 0,
    VADER's boosters and negations ("no" is -1 in AFINN) are left out: a negation turns the
    next words instead.

    Examples
    --------
    >>> lexicon("afinn")["war"], lexicon("pattern")["good"], lexicon("sentimentr")["invasion"]
    (-2.0, 0.7, -0.7)
    """
    if name == "afinn":
        path = _package_file("afinn", "data", "AFINN-en-165.txt")
        rows = (line.rsplit("\t", 1) for line in path.read_text("utf-8").splitlines() if line)
        words = {word: float(value) for word, value in rows if " " not in word}
    elif name == "pattern":
        found = textblob_lexicon.lexicon()
        words = {word: float(found.polarity[number]) for word, number in found.ids.items()}
    elif name == "sentimentr":
        words = {}
        for polarity in ("pos", "neg"):
            path = _package_file("sentimentr", "lexica", f"{polarity} lexicon.txt")
            for line in path.read_text("utf-8").splitlines()[1:]:  # under a "#..." header
                word, _, value = line.partition("\t")
                words[word.strip().lower()] = float(value)
    else:
        msg = f"unknown word lexicon {name!r}; known: {', '.join(_TO_VADER_SCALE)}"
        raise ValueError(msg)
    return {
        word: value
        for word, value in words.items()
        if value != 0 and " " not in word and word not in _NOT_VALENCED
    }


def _squash(total: Floats) -> Floats:
    return total / np.sqrt(total * total + _ALPHA)


def _word_scores(tokens: Tokens) -> dict[str, Floats]:
    """AFINN's and pattern's normalised sums for the texts of ``tokens``."""
    n_texts = len(tokens.length)
    # Per distinct token: the word without its surrounding punctuation, lower-cased.
    word = tokens.distinct.str.strip_chars(_PUNCTUATION).str.to_lowercase()
    values = {}
    for name, scale in _TO_VADER_SCALE.items():
        found = lexicon(name)
        by_code = word.replace_strict(
            list(found), list(found.values()), default=0.0, return_dtype=pl.Float64
        ).to_numpy()
        values[name] = np.r_[by_code * scale, 0.0]  # the last code stands for "no token"
    negation = np.r_[(word == "no").to_numpy(), False] | tokens.negated
    any_value = np.zeros(len(negation), bool)
    for by_code in values.values():
        any_value |= by_code != 0
    at = np.flatnonzero(any_value[tokens.code])
    negated = np.zeros(len(at), bool)
    position = tokens.position[at]
    for distance in range(1, _WINDOW + 1):
        inside = position >= distance
        before = np.full(len(at), len(negation) - 1)
        before[inside] = tokens.code[at[inside] - distance]
        negated |= negation[before]
    factor = np.where(negated, N_SCALAR, 1.0)
    owner = tokens.sentence[at]
    result = {}
    for name, by_code in values.items():
        total: Floats = np.bincount(
            owner, weights=by_code[tokens.code[at]] * factor, minlength=n_texts
        ).astype(np.float64)
        result[name] = _squash(total)
    return result


def _lexicon_scores(texts: pl.Series) -> dict[str, Floats]:
    """Each lexicon's score of non-null texts."""
    tokens = vader_tokens.tokens(texts)
    return {"vader": vader.batch_scores(texts, tokens)["compound"], **_word_scores(tokens)}


def lexicon_scores(texts: pl.Series, *, batch_size: int = 50_000) -> pl.DataFrame:
    """Each lexicon's own score of each text, before rescaling: one column per lexicon.

    Parameters
    ----------
    texts
        Sentences (String). A null text gets null scores; an empty one 0.
    batch_size
        Texts scored together; memory grows with it, as for :func:`.vader.scores`.

    Returns
    -------
    pl.DataFrame
        Columns :data:`LEXICONS` (Float64, -1..1), one row per text, in order.

    Examples
    --------
    >>> lexicon_scores(pl.Series(["Not a good deal."])).select(pl.all().round(3)).row(0)
    (-0.341, -0.417, -0.472, -0.357)
    """
    # Built once, before the threads need them.
    vader_tokens.patterns(), vader_tokens.vocabulary()
    for name in _TO_VADER_SCALE:
        lexicon(name)
    return in_batches(texts, _lexicon_scores, LEXICONS, batch_size)


def combine(
    lexicon_columns: pl.DataFrame,
    *,
    calibration: dict[str, Calibration] | None = None,
    spread: float | None = None,
) -> pl.Series:
    """The multilex compound of each row of :func:`lexicon_scores`.

    Each lexicon's score is standardised, ``(score - mean) / sd``, and the standardised scores
    are averaged; the compound is ``tanh((average - neutral) / spread)``, ``neutral`` being the
    average of a row of zeros (a sentence without any lexicon word), which so scores 0. The
    means cancel in ``average - neutral``, so it is computed as the mean of ``score / sd``,
    which gives that 0 exactly.

    Parameters
    ----------
    lexicon_columns
        A frame with a column per lexicon of ``calibration``.
    calibration, spread
        :data:`CALIBRATION` and :data:`SPREAD` unless given (``benchmarks/multilex.py``
        passes its own while it computes them).

    Examples
    --------
    >>> frame = pl.DataFrame({"vader": [0.5, 0.0], "afinn": [0.4, 0.0]})
    >>> calibration = {"vader": Calibration(0.0, 0.5), "afinn": Calibration(0.1, 0.4)}
    >>> combine(frame, calibration=calibration, spread=1.0).round(4).to_list()
    [0.7616, 0.0]
    """
    calibration = CALIBRATION if calibration is None else calibration
    spread = SPREAD if spread is None else spread
    if not (spread > 0 and all(scale.sd > 0 for scale in calibration.values())):
        msg = f"standard deviations must be positive, got spread={spread!r} and {calibration!r}"
        raise ValueError(msg)
    # A sum, not mean_horizontal: a row with a null score is null, not the mean of the rest.
    total = sum((pl.col(name) / scale.sd for name, scale in calibration.items()), pl.lit(0.0))
    from_neutral = total / len(calibration)
    return lexicon_columns.select(compound=(from_neutral / spread).tanh()).get_column("compound")


def scores(texts: pl.Series, *, batch_size: int = 50_000) -> pl.Series:
    """The multilex compound of each text (-1..1); null for a null text.

    Examples
    --------
    >>> scores(pl.Series(["Talks collapsed amid mutual accusations."])).round(3).to_list()
    [-0.74]
    """
    return combine(lexicon_scores(texts, batch_size=batch_size))


@dataclass(frozen=True)
class MultilexScorer:
    """Multilex (:mod:`.multilex`): four lexicons rescaled on news and averaged.

    ``compound`` is in -1..1; it gives no pos/neu/neg (null).

    Examples
    --------
    >>> MultilexScorer().score_texts(["A great success."])["compound"].round(3).to_list()
    [0.977]
    """

    name: str = "multilex"

    def score_texts(self, texts: Sequence[str] | pl.Series) -> pl.DataFrame:
        """Score all texts at once with :func:`scores`."""
        compound = scores(pl.Series(texts, dtype=pl.String)).alias("compound")
        return pl.DataFrame(compound).with_columns(
            pl.lit(None, pl.Float64).alias(column) for column in ("pos", "neu", "neg")
        )
