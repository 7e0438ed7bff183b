"""VADER sentiment for a whole column of sentences at once, equal to the vaderSentiment package.

``SentimentIntensityAnalyzer.polarity_scores`` scores one text at a time in Python, about
15,000-20,000 sentences a second on one core. :func:`scores` applies the same rules (Hutto &
Gilbert 2014, vaderSentiment 3.3.2) to all sentences together:

1. polars splits every text into tokens as ``str.split()`` does and explodes them; each distinct
   token is looked at once (punctuation stripped as the package does, lower-cased, looked up in
   the package's own lexicon file, boosters, negations, ALL CAPS: :mod:`.vader_tokens`);
2. numpy applies the window rules to the lexicon words, reading the three words before and
   the two after each from the same token arrays (boosters and their ALL CAPS emphasis, "no",
   negations, "never so", "without doubt", special idioms, "kind of", "least");
3. then the contrastive "but" rule, as the package applies it (below), the per-sentence sums,
   punctuation emphasis and normalisation.

No Python code runs per sentence or per token, except for the rare texts handed to the package.

The result equals the package's to the last bit, not only to rounding, because every float
operation happens in the package's order: each sentence's valences are summed left to right
(``np.bincount`` adds in index order; pairwise sums would differ in the last place and could
flip a rounded digit), and scores are rounded as Python's ``round`` does. That order is the
package's under Python 3.11; from 3.12 the builtin ``sum()`` of floats is compensated, so there
the package itself may differ from this in the last place and, very rarely, in a rounded digit.

Quirks of the package that are reproduced, not fixed:

- "but": the package means to multiply each valence before the first "but" by 0.5 and each
  after it by 1.5, but finds each value with ``list.index``: when a value equals an earlier one
  as already scaled, the earlier one is scaled again and the later one not at all. Valences
  1.0, "but", 0.5 become 0.25, 0, 0.5 rather than 0.5, 0, 0.75. This is emulated exactly, for
  all sentences with a "but" at once.
- Three words back, a preceding "so" or "this" multiplies the valence by 1.25 whether or not
  "never" comes before it (operator precedence in ``_negation_check``).
- Special idioms ("the shit", "bad ass", ...) and the booster phrases "kind of", "sort of",
  "just enough" are only seen when the lexicon word is at least the fourth word of the text and
  the third word before it is not a lexicon word; "kind" followed by "of" scores 0 everywhere.
- An ALL CAPS lexicon word with valence exactly 0 (a "NO" before a lexicon word) gets -0.733.

Texts with a character the package replaces by an emoji description (emoji, and also ©, ®, ™,
‼ and a few arrows) are scored by the package itself: they are found with one regex over the
distinct tokens, and are rare in news (none of the seed sentences).

Examples
--------
>>> scores(pl.Series(["VADER is smart, handsome, and funny.", None])).rows()
[(0.8316, 0.746, 0.254, 0.0), (None, None, None, None)]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt
import polars as pl
from vaderSentiment.vaderSentiment import C_INCR, N_SCALAR

from framescope.sentiment import vader_tokens
from framescope.sentiment.columns import Bools, Floats, Ints, in_batches
from framescope.sentiment.registry import SCORE_SCHEMA
from framescope.sentiment.vader_tokens import Tokens, Window

SCHEMA = SCORE_SCHEMA
"""The columns :func:`scores` returns, as ``polarity_scores`` names them."""


def _is(word: npt.NDArray[np.int32], *names: str) -> Bools:
    vocabulary = vader_tokens.vocabulary()
    return np.isin(word, [vocabulary[name] for name in names])


def _matches(window: Window, offsets: tuple[int, ...], key: tuple[int, ...]) -> Bools:
    result = np.ones(len(window.word[0]), bool)
    for offset, word in zip(offsets, key, strict=True):
        result &= window.word[offset] == word
    return result


def _special_idioms(valence: Floats, window: Window) -> Floats:
    # SentimentIntensityAnalyzer._special_idioms_check: the first matching sequence before the
    # word wins, then a match starting at the word overrides it, then booster phrases add.
    vocabulary = vader_tokens.vocabulary()
    before = ((-1, 0), (-2, -1, 0), (-2, -1), (-3, -2, -1), (-3, -2))
    found = np.full(len(valence), np.nan)
    for offsets in reversed(before):
        for key, value in vocabulary.special_cases:
            if len(key) == len(offsets):
                found[_matches(window, offsets, key)] = value
    valence = np.where(np.isnan(found), valence, found)
    for offsets in ((0, 1), (0, 1, 2)):
        for key, value in vocabulary.special_cases:
            if len(key) == len(offsets):
                valence = np.where(_matches(window, offsets, key), value, valence)
    for offsets in ((-3, -2, -1), (-3, -2), (-2, -1)):
        for key, value in vocabulary.booster_phrases:
            if len(key) == len(offsets):
                valence = np.where(_matches(window, offsets, key), valence + value, valence)
    return valence


def _negation(valence: Floats, window: Window, distance: int) -> Floats:
    # SentimentIntensityAnalyzer._negation_check for the word `distance` places back.
    word = window.word
    if distance == 1:
        return np.where(window.negated[-1], valence * N_SCALAR, valence)
    if distance == 2:
        never = _is(word[-2], "never") & _is(word[-1], "so", "this")
        without = _is(word[-2], "without") & _is(word[-1], "doubt")
    else:
        # As written in the package: `never and (so or this) or (so or this)`.
        never = (_is(word[-3], "never") & _is(word[-2], "so", "this")) | _is(word[-1], "so", "this")
        without = _is(word[-3], "without") & (_is(word[-2], "doubt") | _is(word[-1], "doubt"))
    negated = ~never & ~without & window.negated[-distance]
    return np.where(never, valence * 1.25, np.where(negated, valence * N_SCALAR, valence))


def _lexicon_valences(tokens: Tokens, at: Ints, cap_differential: Bools) -> Floats:
    """SentimentIntensityAnalyzer.sentiment_valence for the lexicon words at ``at``."""
    vocabulary = vader_tokens.vocabulary()
    window = vader_tokens.window(tokens, at, range(-3, 3))
    word = window.word
    position = tokens.position[at]
    caps = cap_differential[tokens.sentence[at]]
    base = vocabulary.valence[word[0]]
    valence = np.where(_is(word[0], "no") & window.in_lexicon[1], 0.0, base)
    by_no = (
        _is(word[-1], "no")
        | _is(word[-2], "no")
        | (_is(word[-3], "no") & _is(word[-1], "or", "nor"))
    )
    valence = np.where(by_no, base * N_SCALAR, valence)
    emphasis = window.upper[0] & caps
    valence = np.where(
        emphasis,
        np.where(valence > 0, valence + C_INCR, valence - C_INCR),
        valence,
    )
    for distance, damping in ((1, None), (2, 0.95), (3, 0.9)):
        guard = (position >= distance) & ~window.in_lexicon[-distance]
        booster = vocabulary.booster[word[-distance]]
        is_booster = booster != 0
        scalar = np.where(is_booster, np.where(valence < 0, -booster, booster), 0.0)
        shouted = is_booster & window.upper[-distance] & caps
        scalar = np.where(
            shouted,
            np.where(valence > 0, scalar + C_INCR, scalar - C_INCR),
            scalar,
        )
        if damping is not None:
            scalar = np.where(scalar != 0, scalar * damping, scalar)
        valence = np.where(guard, valence + scalar, valence)
        valence = np.where(guard, _negation(valence, window, distance), valence)
        if distance == 3:
            valence = np.where(guard, _special_idioms(valence, window), valence)
    least = (
        _is(word[-1], "least")
        & ~window.in_lexicon[-1]
        & ~_is(word[-2], "at")
        & ~_is(word[-2], "very")
    )
    return np.where(least, valence * N_SCALAR, valence)


def _starts_run(values: Ints) -> Bools:
    """Where a run of equal values begins."""
    return np.diff(values, prepend=-1) != 0


def _but(sentence: Ints, position: Ints, valence: Floats, but_at: Ints) -> Floats:
    """SentimentIntensityAnalyzer._but_check on the nonzero valences, in sentence order.

    The package walks the list and scales ``sentiments[sentiments.index(value)]``: the first
    element equal to the current one, which may be an earlier, already scaled element. Zeros
    stay zero either way. Sentences are processed together, grouped by their number of
    nonzero valences (powers of two) to bound the padding.
    """
    result = valence.copy()
    selected = np.flatnonzero(but_at[sentence] >= 0)
    if not selected.size:
        return result
    where = but_at[sentence[selected]]
    factor = np.where(
        position[selected] < where, 0.5, np.where(position[selected] > where, 1.5, 1.0)
    )
    group_sentence = sentence[selected]
    first = _starts_run(group_sentence)
    group = np.cumsum(first) - 1
    starts = np.flatnonzero(first)
    rank = np.arange(len(selected)) - starts[group]
    sizes = np.diff(np.r_[starts, len(selected)])
    buckets = np.ceil(np.log2(sizes)).astype(np.int64)
    for bucket in np.unique(buckets):
        members = np.flatnonzero(buckets == bucket)
        in_bucket = np.isin(group, members)
        row = np.searchsorted(members, group[in_bucket])
        column = rank[in_bucket]
        width = int(column.max()) + 1
        original = np.full((len(members), width), np.nan)
        original[row, column] = valence[selected[in_bucket]]
        scale = np.ones((len(members), width))
        scale[row, column] = factor[in_bucket]
        current = original.copy()
        rows = np.arange(len(members))
        for step in range(width):
            value = original[:, step]
            active = rows[~np.isnan(value)]
            hit = np.argmax(current[active, : step + 1] == value[active, None], axis=1)
            current[active, hit] *= scale[active, hit]
        result[selected[in_bucket]] = current[row, column]
    return result


def _round(values: Floats, digits: int) -> Floats:
    """Python's ``round(value, digits)`` on each value.

    ``round`` rounds the exact binary value (ties to even), while ``x * 10**digits`` is itself
    rounded: values within a hair of a tie are left to ``round``. Exact ties are common (a
    proportion such as 13/16), but they are well under 1% of the values.
    """
    scale = 10.0**digits
    scaled = values * scale
    result = np.round(scaled) / scale
    near_tie = np.abs(np.abs(scaled - np.trunc(scaled)) - 0.5) < 1e-6
    if near_tie.any():
        result[near_tie] = [round(value, digits) for value in values[near_tie].tolist()]
    return result


def batch_scores(texts: pl.Series, tokens: Tokens | None = None) -> dict[str, Floats]:
    """The four scores of non-null texts, from their :func:`~.vader_tokens.tokens` if given.

    One batch of :func:`scores`, without its checks; :mod:`.multilex` passes the tokens it
    looks its other lexicons up in, so the texts are split once.
    """
    if tokens is None:
        tokens = vader_tokens.tokens(texts)
    vocabulary = vader_tokens.vocabulary()
    n_texts = len(tokens.length)
    sentence, position = tokens.sentence, tokens.position
    # Per distinct token first, then gathered for every token: cheaper than per token.
    fallback = np.zeros(n_texts, bool)
    if tokens.emoji.any():
        fallback[sentence[tokens.emoji[tokens.code]]] = True
    n_upper = np.bincount(sentence[tokens.upper[tokens.code]], minlength=n_texts)
    cap_differential = (n_upper > 0) & (n_upper < tokens.length)
    is_but = np.flatnonzero((tokens.word == vocabulary["but"])[tokens.code])
    but_at = np.full(n_texts, -1)
    first_but = is_but[_starts_run(sentence[is_but])]
    but_at[sentence[first_but]] = position[first_but]

    # Boosters and "kind" before "of" score 0; other lexicon words get the window rules.
    scored = ~np.isnan(vocabulary.valence[tokens.word]) & (vocabulary.booster[tokens.word] == 0)
    candidates = np.flatnonzero(scored[tokens.code])
    window = vader_tokens.window(tokens, candidates, range(2))
    kind_of = (window.word[0] == vocabulary["kind"]) & (window.word[1] == vocabulary["of"])
    at = candidates[~kind_of]
    valence = _lexicon_valences(tokens, at, cap_differential)
    nonzero = valence != 0
    at, valence = at[nonzero], valence[nonzero]
    valence = _but(sentence[at], position[at], valence, but_at)

    # Sums left to right, as the package's loops do.
    owner = sentence[at]
    total = np.bincount(owner, weights=valence, minlength=n_texts)
    positive, negative = valence > 0, valence < 0
    pos_sum = np.bincount(owner[positive], weights=valence[positive] + 1, minlength=n_texts)
    neg_sum = np.bincount(owner[negative], weights=valence[negative] - 1, minlength=n_texts)
    neutral = (
        tokens.length
        - np.bincount(owner[positive], minlength=n_texts)
        - np.bincount(owner[negative], minlength=n_texts)
    )

    exclamations = np.minimum(texts.str.count_matches("!", literal=True).to_numpy(), 4)
    questions = texts.str.count_matches("?", literal=True).to_numpy()
    amplifier = exclamations * 0.292 + np.where(
        questions > 1, np.where(questions <= 3, questions * 0.18, 0.96), 0.0
    )
    total = np.where(total > 0, total + amplifier, np.where(total < 0, total - amplifier, total))
    compound = np.clip(total / np.sqrt(total * total + 15), -1.0, 1.0)
    pos_sum, neg_sum = (
        np.where(pos_sum > np.abs(neg_sum), pos_sum + amplifier, pos_sum),
        np.where(pos_sum < np.abs(neg_sum), neg_sum - amplifier, neg_sum),
    )
    denominator = pos_sum + np.abs(neg_sum) + neutral
    has_words = tokens.length > 0
    denominator[~has_words] = 1.0
    zero = np.zeros(n_texts)
    result = {
        "compound": _round(np.where(has_words, compound, zero), 4),
        "pos": _round(np.where(has_words, np.abs(pos_sum / denominator), zero), 3),
        "neu": _round(np.where(has_words, np.abs(neutral / denominator), zero), 3),
        "neg": _round(np.where(has_words, np.abs(neg_sum / denominator), zero), 3),
    }
    # Texts with an emoji: the package replaces it by a description before anything else.
    analyzer = vader_tokens.analyzer()
    for row, text in zip(
        np.flatnonzero(fallback).tolist(), texts.filter(fallback).to_list(), strict=True
    ):
        for name, value in analyzer.polarity_scores(text).items():
            result[name][row] = value
    return result


def scores(texts: pl.Series, *, batch_size: int = 50_000) -> pl.DataFrame:
    """VADER's compound, pos, neu and neg for each text, as ``polarity_scores`` gives them.

    Equal to ``SentimentIntensityAnalyzer().polarity_scores(text)`` of the vaderSentiment
    package for every text (see the module docstring for how and for the quirks kept), and
    about ten times faster on a corpus.

    Parameters
    ----------
    texts
        Sentences (String). A null text gets null scores; an empty or blank one gets 0 for
        all four, as the package gives.
    batch_size
        Texts scored together; memory grows with it (about 150 MB per 50,000 sentences of
        news, times the number of polars threads), speed hardly does beyond it.

    Returns
    -------
    pl.DataFrame
        :data:`SCHEMA`: ``compound, pos, neu, neg``, one row per text, in order.

    Examples
    --------
    >>> scores(pl.Series(["The book was good.", "Not bad at all", ""])).rows()
    [(0.4404, 0.492, 0.508, 0.0), (0.431, 0.487, 0.513, 0.0), (0.0, 0.0, 0.0, 0.0)]
    """
    vader_tokens.patterns(), vader_tokens.vocabulary()  # built once, before the threads
    return in_batches(texts, batch_scores, SCHEMA, batch_size).cast(SCHEMA)


@dataclass(frozen=True)
class VaderScorer:
    """VADER (Hutto & Gilbert 2014): compound plus the pos/neu/neg proportions.

    Examples
    --------
    >>> VaderScorer().score_texts(["A great success."])["compound"].to_list()
    [0.8316]
    """

    name: str = "vader"

    def score_texts(self, texts: Sequence[str] | pl.Series) -> pl.DataFrame:
        """Score all texts at once with :func:`scores`.

        The scores equal the vaderSentiment package's ``polarity_scores``, text by text.
        """
        return scores(pl.Series(texts, dtype=pl.String))
