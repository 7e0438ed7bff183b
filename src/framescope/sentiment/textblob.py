"""TextBlob's pattern polarity for a whole column of sentences at once, equal to TextBlob.

``TextBlob(text).sentiment.polarity`` (the default ``PatternAnalyzer``: pattern's rules in
``textblob/_text.py``) tokenises and scores one text at a time in Python, 3,000 to 5,000
sentences a second. :func:`polarity` applies the same rules to all sentences together:

1. polars splits every text at spaces; each distinct chunk is tokenised once as ``find_tokens``
   does (quotes set apart, " n't", other whitespace, then leading and trailing punctuation,
   "..." and periods peeled off unless the rest is an abbreviation, with column operations
   repeated while any chunk still has something to peel), and numpy lays the chunks' tokens
   out text by text (:mod:`.textblob_tokens`);
2. where a token may close up with the one before it (": )", "( ! )", "2018 )"), and only
   there, the text's tokens are joined by spaces and the package's two substitutions run on
   the string: the sarcasm mark "(!)" and split emoticons, with one leftmost-first
   Aho-Corasick pass in the order of the package's regex;
3. each distinct token is lower-cased and looked up in the lexicon the package loads from its
   own ``en-sentiment.xml`` (senses and parts of speech averaged, "-ly" adverbs derived from
   adjectives), its negations and its emoticons (:mod:`.textblob_lexicon`);
4. numpy runs ``Sentiment.assessments`` over all tokens at once. Its state is a pending
   modifier (the last known adverb, kept across words of two characters or fewer) and a
   pending negation ("no", "not", "never", kept across one-character words): each is the last
   event that set or cleared it, found with running maxima of indices and running counts of
   the words that clear it. A known word opens an assessment or, after a modifier, rewrites
   the open one; each "!" multiplies the open one's polarity by 1.25; emoticons and "(!)"
   open their own. Then the mean per text, summed left to right as the package sums.

No Python code runs per sentence or per token, except for the rare texts handed to the package.

Rules of the package that are reproduced, not fixed:

- An apostrophe is always a token of its own: "isn't" becomes "is", "n", "'", "t", so "n't"
  never negates anything and the lexicon's "can't" or "won't" never match.
- A word after a modifier replaces the open assessment's polarity, whatever that assessment
  is: in "very :) good" the smiley's 0.5 becomes good's 0.7 (times the smiley's intensity).
  An exclamation mark before that word is lost with it.
- "not" after an adverb in "-ly" negates that adverb's assessment and keeps the adverb as the
  modifier of the next word: "really not good" is -0.35.
- A negation inverts the intensity it meets ("not very good" scales good by 1/1.3) and the
  negated assessment ends at -0.5 times its polarity.
- The emoticon regex has no left boundary: "(2018)" gives the tokens "(" and "2018)", since
  "8)" is an emoticon.

``find_tokens`` closes up emoticons sentence by sentence, so a text it splits where that could
change the tokens is scored by the package itself: a text with a blank line (or the literal
marker "END-OF-SENTENCE") and one with "o . O" or "> . >" (an emoticon around a period that
ends a sentence). framescope's sentences never hold a line break, and none of the seed
sentences nor of 200,000 news-like benchmark sentences is such a text.

Examples
--------
>>> polarity(pl.Series(["A great success.", "Not very good!", None])).to_list()
[0.55, -0.33653846153846145, None]
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from framescope.sentiment import textblob_lexicon, textblob_tokens
from framescope.sentiment.columns import Bools, Floats, Ints, check_texts
from framescope.sentiment.textblob_tokens import Tokens


@dataclass(frozen=True)
class _Features:
    """What the assessments look at, by vocabulary id."""

    word: Ints  # lexicon id (unknown: _Lexicon.unknown)
    negation: Bools  # "no", "not", "n't", "never"
    clears_modifier: Bools  # unknown, not a negation, longer than two characters
    clears_negation: Bools  # unknown, not a negation, longer than one without apostrophes
    short: Bools  # at most two characters
    exclamation: Bools  # "!"
    irony: Bools  # "(!)", the sarcasm mark
    emoticon: Floats  # an unknown emoticon's polarity, NaN for other tokens
    acts: Bools  # any of: known, negation, "!", "(!)", emoticon


def _features(vocabulary: pl.Series) -> _Features:
    rules = textblob_lexicon.rules()
    lexicon = textblob_lexicon.lexicon()
    # polars lower-cases with a newer Unicode than Python 3.11's: a few dozen recent letters
    # differ, none of them to ASCII, so no lexicon word, negation or emoticon differs.
    lower = pl.col("token").str.to_lowercase()
    features = pl.DataFrame({"token": vocabulary}).select(
        word=lower.replace_strict(
            list(lexicon.ids), list(lexicon.ids.values()), default=lexicon.unknown
        ),
        negation=lower.is_in(rules.negations),
        keeps_negation=lower.str.strip_chars("'").str.len_chars() <= 1,
        keeps_modifier=lower.str.len_chars() <= 2,
        exclamation=lower == "!",
        irony=lower == "(!)",
        emoticon=lower.replace_strict(
            list(rules.emoticon_polarity),
            list(rules.emoticon_polarity.values()),
            default=float("nan"),
            return_dtype=pl.Float64,
        ),
    )

    def column(name: str) -> npt.NDArray[Any]:
        return features.get_column(name).to_numpy()

    word = column("word").astype(np.int64)
    known = word != lexicon.unknown
    negation = column("negation")
    emoticon = np.where(known, np.nan, column("emoticon"))
    exclamation = column("exclamation") & ~known
    irony = column("irony") & ~known
    return _Features(
        word=word,
        negation=negation,
        clears_modifier=~known & ~negation & ~column("keeps_modifier"),
        clears_negation=~known & ~negation & ~column("keeps_negation"),
        short=column("keeps_modifier"),
        exclamation=exclamation,
        irony=irony,
        emoticon=emoticon,
        acts=known | negation | exclamation | irony | ~np.isnan(emoticon),
    )


@dataclass(frozen=True)
class _Acting:
    """The tokens that act (known words, negations, "!", "(!)", emoticons), in text order.

    Other tokens only end a pending modifier or negation; for each acting token the running
    counts of those before it stand in for them.
    """

    token: Ints  # vocabulary id
    sentence: Ints  # the text it is in
    modifier_clears: Ints  # tokens before it, in the whole batch, that end a pending modifier
    negation_clears: Ints  # tokens before it, in the whole batch, that end a pending negation
    sentence_start: Ints  # index of its text's first acting token

    def last_before(self, where: Bools, *, inclusive: bool = False) -> Ints:
        """For each acting token, the last earlier one of its text where ``where`` holds (or
        itself, if ``inclusive``); -1 when there is none."""
        running = np.maximum.accumulate(np.where(where, np.arange(len(where)), -1))
        if not inclusive:
            running = np.r_[-1, running[:-1]]
        return np.where(running >= self.sentence_start, running, -1)


def _get(values: npt.NDArray[Any], index: Ints, missing: bool | int) -> npt.NDArray[Any]:
    """``values[index]``, with ``missing`` where the index is -1."""
    if not len(values):
        return np.full(len(index), missing)
    return np.where(index >= 0, values[np.maximum(index, 0)], missing)


def _acting(tokens: Tokens, features: _Features) -> _Acting:
    at = np.flatnonzero(features.acts[tokens.word])
    token = tokens.word[at]
    sentence = tokens.sentence[at]
    # Counted up to and including each token, less the token itself.
    modifier_clears = np.cumsum(features.clears_modifier[tokens.word])[at]
    negation_clears = np.cumsum(features.clears_negation[tokens.word])[at]
    first = np.diff(sentence, prepend=-1) != 0
    return _Acting(
        token=token,
        sentence=sentence,
        modifier_clears=modifier_clears - features.clears_modifier[token],
        negation_clears=negation_clears - features.clears_negation[token],
        sentence_start=np.maximum.accumulate(np.where(first, np.arange(len(at)), 0)),
    )


@dataclass(frozen=True)
class _Pending:
    """For each acting token, what the package's ``m`` and ``n`` hold when it comes."""

    modified: Bools  # a modifier is pending
    negated: Bools  # a negation is pending
    negates_adverb: Bools  # a negation that negates the pending "-ly" modifier's assessment


def _pending(acting: _Acting, features: _Features) -> _Pending:
    lexicon = textblob_lexicon.lexicon()
    word = features.word[acting.token]
    known = word != lexicon.unknown
    negation = features.negation[acting.token]
    # The modifier: set by a known adverb, cleared by another known word or an unknown word
    # longer than two characters, except that an unknown negation longer than that keeps an
    # adverb in "-ly" (it negates that adverb's assessment instead).
    setter = acting.last_before(known)
    setter_ly = _get(lexicon.ends_in_ly[word], setter, False)
    keeps_ly_only = ~known & negation & ~features.short[acting.token]
    modified = (
        _get(lexicon.modifier[word], setter, False)
        & (acting.modifier_clears == _get(acting.modifier_clears, setter, -1))
        & (setter_ly | (acting.last_before(keeps_ly_only) < setter))
    )
    negates_adverb = ~known & negation & modified & setter_ly
    # The negation: set by a negation, cleared by a known word (once used), by an unknown word
    # longer than one character, or at once when it negates an adverb.
    sets = negation & ~negates_adverb
    event = acting.last_before(sets | (known & ~negation) | negates_adverb)
    negated = _get(sets, event, False) & (
        acting.negation_clears == _get(acting.negation_clears, event, -1)
    )
    return _Pending(modified=modified, negated=negated, negates_adverb=negates_adverb)


def _assessments(acting: _Acting, features: _Features) -> tuple[Ints, Floats]:
    """The text and the final polarity of each assessment, in order."""
    lexicon = textblob_lexicon.lexicon()
    pending = _pending(acting, features)
    word = features.word[acting.token]
    known = word != lexicon.unknown
    emoticon = features.emoticon[acting.token]
    is_emoticon = ~np.isnan(emoticon)
    irony = features.irony[acting.token]
    # A known word opens an assessment unless a modifier is pending; emoticons and "(!)"
    # always do. Every token acts on the last one opened in its text, if any.
    opens = (known & ~pending.modified) | is_emoticon | irony
    inside = acting.last_before(opens, inclusive=True) >= 0
    group = np.cumsum(opens) - 1  # the open assessment, where ``inside``
    n_groups = int(opens.sum())

    # Intensity and polarity as each writing token leaves the open assessment; a modified
    # word scales its polarity by the intensity the previous writing token left.
    writer = np.flatnonzero(known | is_emoticon | irony)
    by_word = known[writer]
    intensity = np.where(by_word, lexicon.intensity[word[writer]], 1.0)
    intensity = np.where(by_word & pending.negated[writer], 1.0 / intensity, intensity)
    previous = np.r_[np.nan, intensity[:-1]]
    value = np.where(
        by_word, lexicon.polarity[word[writer]], np.where(is_emoticon[writer], emoticon[writer], 0)
    )
    value = np.where(
        by_word & pending.modified[writer], np.clip(value * previous, -1.0, 1.0), value
    )
    # The last writing token sets an assessment's polarity; each "!" after it boosts it, one
    # clipped multiplication at a time as the package rounds them.
    last = np.zeros(n_groups, np.int64)
    last[group[writer]] = writer
    polarity = np.zeros(n_groups)
    polarity[group[writer]] = value
    after_last = np.arange(len(opens)) > _get(last, group, -1)
    boosts = np.bincount(
        group[inside & features.exclamation[acting.token] & after_last], minlength=n_groups
    )
    boosted = np.flatnonzero(boosts)
    for turn in range(int(boosts.max(initial=0))):
        boosted = boosted[(boosts[boosted] > turn) & (np.abs(polarity[boosted]) < 1.0)]
        polarity[boosted] = np.clip(polarity[boosted] * 1.25, -1.0, 1.0)
    negated = np.zeros(n_groups, bool)
    negated[group[inside & ((known & pending.negated) | pending.negates_adverb)]] = True
    return acting.sentence[opens], np.where(negated, polarity * -0.5, polarity)


def _polarities(tokens: Tokens) -> Floats:
    """Sentiment.__call__'s polarity of each text: the mean over its assessments."""
    features = _features(tokens.vocabulary)
    owner, polarity = _assessments(_acting(tokens, features), features)
    # Summed left to right, as the package sums (np.bincount adds in order).
    total = np.bincount(owner, weights=polarity, minlength=tokens.n_texts)
    count = np.bincount(owner, minlength=tokens.n_texts)
    return total / np.maximum(count, 1)


def _package_polarity(text: str) -> float:
    # The rare texts left to the package itself, so the package is imported only for them.
    from textblob.en import sentiment  # noqa: PLC0415

    return float(sentiment(text)[0])


def _polarity(texts: pl.Series) -> tuple[Floats, int]:
    """The polarity of non-null texts, and how many of them the package scored."""
    tokens, fallback = textblob_tokens.tokens(texts)
    result = _polarities(tokens)
    rows = np.flatnonzero(fallback)
    for row, text in zip(rows.tolist(), texts.gather(rows), strict=True):
        result[row] = _package_polarity(text)
    return result, len(rows)


def polarity(texts: pl.Series, *, batch_size: int = 100_000) -> pl.Series:
    """TextBlob's polarity of each text, as ``TextBlob(text).sentiment.polarity`` gives it.

    Equal to the default ``PatternAnalyzer`` of the textblob package for every text (see the
    module docstring for how and for the rules kept), and twenty to forty times faster on a
    corpus of news sentences.

    Parameters
    ----------
    texts
        Sentences (String). A null text gets a null polarity; an empty one gets 0.0, as the
        package gives.
    batch_size
        Texts scored together; memory grows with it, speed hardly does beyond it.

    Returns
    -------
    pl.Series
        ``polarity`` (Float64, -1..1), one value per text, in order.

    Examples
    --------
    >>> polarity(pl.Series(["The book was good.", "Not bad at all!", ""])).to_list()
    [0.7, 0.4374999999999999, 0.0]
    """
    texts = check_texts(texts, batch_size)
    result = np.full(len(texts), np.nan)
    present = np.flatnonzero(texts.is_not_null().to_numpy())
    texts = texts.drop_nulls()
    for start in range(0, len(texts), batch_size):
        batch = texts.slice(start, batch_size).rechunk()
        result[present[start : start + batch_size]] = _polarity(batch)[0]
    # A polarity is never NaN, so NaN marks exactly the null texts.
    return pl.Series("polarity", result, nan_to_null=True)


@dataclass(frozen=True)
class TextBlobScorer:
    """TextBlob's pattern polarity as ``compound``; it gives no pos/neu/neg (null).

    The polarity is TextBlob's default ``PatternAnalyzer`` with the pattern lexicon shipped
    inside the textblob package (no NLTK corpus download), computed for all texts at once by
    :func:`polarity`.

    Examples
    --------
    >>> TextBlobScorer().score_texts(["A great success."])["compound"].to_list()
    [0.55]
    """

    name: str = "textblob"

    def score_texts(self, texts: Sequence[str] | pl.Series) -> pl.DataFrame:
        """Score all texts at once with :func:`polarity`.

        The scores equal ``TextBlob(text).sentiment.polarity``, text by text.
        """
        compound = polarity(pl.Series(texts, dtype=pl.String)).alias("compound")
        return pl.DataFrame(compound).with_columns(
            pl.lit(None, pl.Float64).alias(column) for column in ("pos", "neu", "neg")
        )
