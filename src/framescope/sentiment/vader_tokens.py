"""What VADER's rules read: its lexicon as word ids, the texts' tokens, and windows around them.

:mod:`framescope.sentiment.vader` applies the rules; this module turns a column of texts into
the arrays they run on. Tokens are split as ``str.split()`` splits, stripped of punctuation as
the vaderSentiment package strips it, and looked up once per distinct token.

Examples
--------
>>> found = tokens(pl.Series(["Not bad at all", "Good."]))
>>> found.length.tolist()
[4, 1]
"""

from __future__ import annotations

import functools
import string
from dataclasses import dataclass
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl
from vaderSentiment.vaderSentiment import (
    BOOSTER_DICT,
    NEGATE,
    SPECIAL_CASES,
    SentimentIntensityAnalyzer,
)

from framescope.sentiment.columns import (
    Bools,
    Floats,
    Ints,
    char_class,
    distinct_values,
    whitespace,
)

# Words whose identity a rule tests; every other word only needs its lexicon and booster values.
_KEYWORDS = (
    "no", "but", "kind", "of", "or", "nor", "never", "so", "this", "without", "doubt",
    "least", "at", "very",
)  # fmt: skip
_PUNCTUATION = string.punctuation  # what SentiText._strip_punc_if_word strips


@functools.cache
def analyzer() -> SentimentIntensityAnalyzer:
    """The package's analyzer, built once per process."""
    # Reads vader_lexicon.txt and emoji_utf8_lexicon.txt from the installed package; its parse
    # (a duplicated word keeps its last value) is the one polarity_scores uses.
    return SentimentIntensityAnalyzer()


@dataclass(frozen=True)
class Patterns:
    """Regex character classes the tokens are split and checked with."""

    other_space: str  # whitespace for str.split() other than " "
    emoji: str  # a character that polarity_scores replaces by its description


@functools.cache
def patterns() -> Patterns:
    """The regexes of the whitespace ``str.split()`` splits on (other than " ") and of emoji."""
    return Patterns(
        other_space=char_class(char for char in whitespace() if char != " "),
        emoji=char_class(key for key in analyzer().emojis if len(key) == 1),
    )


@dataclass(frozen=True)
class Vocabulary:
    """Every word a rule looks at, by id: 0 is any other word, ``none`` is "no word here"."""

    ids: dict[str, int]
    valence: Floats  # lexicon valence, NaN when not in the lexicon
    booster: Floats  # BOOSTER_DICT value, 0 when not a booster
    negation: Bools  # in NEGATE
    special_cases: tuple[tuple[tuple[int, ...], float], ...]  # SPECIAL_CASES as word ids
    booster_phrases: tuple[tuple[tuple[int, ...], float], ...]  # "kind of", "sort of", ...

    @property
    def none(self) -> int:
        return len(self.valence) - 1

    def __getitem__(self, word: str) -> int:
        return self.ids[word]


@functools.cache
def vocabulary() -> Vocabulary:
    """The lexicon, boosters, negations and rule words of the package, by word id."""
    lexicon = analyzer().lexicon
    phrases = [key for key in (*SPECIAL_CASES, *BOOSTER_DICT) if " " in key]
    words = sorted(
        {
            *lexicon,
            *BOOSTER_DICT,
            *NEGATE,
            *_KEYWORDS,
            *(word for phrase in phrases for word in phrase.split(" ")),
        }
    )
    ids = {word: number for number, word in enumerate(words, start=1)}
    size = len(words) + 2
    valence = np.full(size, np.nan)
    booster = np.zeros(size)
    negation = np.zeros(size, bool)
    for word, value in lexicon.items():
        valence[ids[word]] = value
    for word, value in BOOSTER_DICT.items():
        if word in ids:
            booster[ids[word]] = value
    negation[[ids[word] for word in NEGATE]] = True

    def as_ids(table: dict[str, float]) -> tuple[tuple[tuple[int, ...], float], ...]:
        # A key of one word never equals a sequence of words joined by spaces; drop it.
        return tuple(
            (tuple(ids[word] for word in key.split(" ")), float(value))
            for key, value in table.items()
            if " " in key
        )

    return Vocabulary(
        ids=ids,
        valence=valence,
        booster=booster,
        negation=negation,
        special_cases=as_ids(SPECIAL_CASES),
        booster_phrases=as_ids(BOOSTER_DICT),
    )


@dataclass(frozen=True)
class Tokens:
    """The texts' words, flattened in order: ``sentence`` and ``position`` of each word."""

    sentence: Ints
    position: Ints
    length: Ints  # words per text
    code: npt.NDArray[np.uint32]  # index into the distinct tokens' arrays below
    word: npt.NDArray[np.int32]  # vocabulary id, by distinct token (last: no token)
    upper: Bools  # str.isupper(), by distinct token
    negated: Bools  # in NEGATE or contains "n't" (vaderSentiment.negated), by distinct token
    emoji: Bools  # contains an emoji polarity_scores would replace, by distinct token
    distinct: pl.Series  # the distinct tokens themselves, by code (for other lexicons' lookups)


def tokens(texts: pl.Series) -> Tokens:
    """The words of non-null texts, split and looked up as ``polarity_scores`` does."""
    regex = patterns()
    vocab = vocabulary()
    # str.split() splits on runs of any whitespace and drops empty pieces: turn other whitespace
    # into " ", split on " " and drop the empty tokens below. Few texts have other whitespace,
    # and looking for it costs less than replacing it.
    if texts.str.contains(regex.other_space).any():
        texts = texts.str.replace_all(regex.other_space, " ")
    pieces = texts.str.split(" ")
    counts = pieces.list.len().to_numpy().astype(np.int64)
    code, distinct = distinct_values(pieces.explode())
    stripped = pl.col("token").str.strip_chars(_PUNCTUATION)
    word = pl.when(stripped.str.len_chars() <= 2).then("token").otherwise(stripped)
    # polars lower-cases with a newer Unicode than Python 3.11's: a few dozen recent letters
    # differ, none of them to ASCII, so no lexicon or rule word is ever matched differently.
    features = (
        pl.DataFrame({"token": distinct})
        .with_columns(word=word)
        .select(
            text=pl.col("word"),
            empty=pl.col("token") == "",
            emoji=pl.col("token").str.contains(regex.emoji),
            lower=pl.col("word").str.to_lowercase(),
        )
        .with_columns(
            nt=pl.col("lower").str.contains("n't", literal=True),
            word=pl.col("lower").replace_strict(
                list(vocab.ids), list(vocab.ids.values()), default=0
            ),
        )
    )
    # str.isupper() itself, once per distinct token: a regex for it would need character classes
    # of all upper and lower case code points, built over all of Unicode in every process.
    upper = np.fromiter(
        map(str.isupper, features.get_column("text").to_list()), bool, len(distinct)
    )

    # Arrays by token code; the extra last element stands for "no token" (past either end).
    # Any: the dtype is the column's (Boolean, or the vocabulary ids' integers).
    def column(name: str, fill: object) -> npt.NDArray[Any]:
        values = features.get_column(name).to_numpy()
        return np.r_[values, np.array([fill], values.dtype)]

    word_ids = column("word", vocab.none)
    sentence = np.repeat(np.arange(len(counts)), counts)
    empty = column("empty", False)
    if empty.any():
        kept = ~empty[code]
        code, sentence = code[kept], sentence[kept]
    length = np.bincount(sentence, minlength=len(counts)).astype(np.int64)
    starts = np.cumsum(length) - length
    return Tokens(
        sentence=sentence,
        position=np.arange(len(code)) - starts[sentence],
        length=length,
        code=code,
        word=word_ids,
        upper=np.r_[upper, False],
        negated=column("nt", False) | vocab.negation[word_ids],
        emoji=column("emoji", False),
        distinct=distinct,
    )


@dataclass(frozen=True)
class Window:
    """Features of the words at each offset around a set of tokens (``none`` past the ends)."""

    word: dict[int, npt.NDArray[np.int32]]
    upper: dict[int, Bools]
    negated: dict[int, Bools]
    in_lexicon: dict[int, Bools]


def window(tokens: Tokens, at: Ints, offsets: range) -> Window:
    """The words at each of ``offsets`` from the tokens at ``at``, within their own text."""
    vocab = vocabulary()
    position = tokens.position[at]
    length = tokens.length[tokens.sentence[at]]
    none = len(tokens.word) - 1
    words, upper, negated, in_lexicon = {}, {}, {}, {}
    for offset in offsets:
        inside = (position + offset >= 0) & (position + offset < length)
        code = np.full(len(at), none, np.int64)
        code[inside] = tokens.code[at[inside] + offset]
        words[offset] = tokens.word[code]
        upper[offset] = tokens.upper[code]
        negated[offset] = tokens.negated[code]
        in_lexicon[offset] = ~np.isnan(vocab.valence[words[offset]])
    return Window(words, upper, negated, in_lexicon)
