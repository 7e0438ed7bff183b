"""TextBlob's pattern lexicon and rules, loaded from the installed textblob package.

:mod:`framescope.sentiment.textblob` scores with them and :mod:`.textblob_tokens` tokenises
with them; both need the package's ``_text.py`` only, not its import (NLTK, SciPy).

Examples
--------
>>> found = lexicon()
>>> float(found.polarity[found.ids["good"]])
0.7
"""

from __future__ import annotations

import functools
import importlib.util
import itertools
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np

from framescope.sentiment.columns import Bools, Floats, char_class, whitespace


@functools.cache
def package_text() -> ModuleType:
    """The textblob package's ``_text.py`` (tokeniser, emoticons, ``Sentiment``), loaded on its own.

    Importing ``textblob`` imports NLTK and SciPy, about a second in every worker process;
    ``_text.py`` itself needs only the standard library, so it is run from the installed package
    under a private name.
    """
    spec = importlib.util.find_spec("textblob")  # finds the package without importing it
    if spec is None or spec.origin is None:
        msg = "the textblob package is not installed"
        raise ModuleNotFoundError(msg)
    path = Path(spec.origin).with_name("_text.py")
    spec = importlib.util.spec_from_file_location("framescope._textblob_text", path)
    module = importlib.util.module_from_spec(spec)  # type: ignore[arg-type]
    spec.loader.exec_module(module)  # type: ignore[union-attr]
    return module


@functools.cache
def package_sentiment() -> Any:
    """The lexicon of ``textblob.en.sentiment`` (which PatternAnalyzer calls), loaded as it is.

    ``textblob/en/__init__.py`` builds it from ``en-sentiment.xml`` with these arguments, and its
    ``Sentiment.load`` adds an "-ly" adverb (RB) for every adjective (JJ); both are repeated
    here so that the package's import is not needed. tests/sentiment/test_textblob.py checks the
    lexicon equals the package's.
    """
    text = package_text()

    # The base class exists only once the module is loaded: mypy cannot see it (name-defined).
    class Sentiment(text.Sentiment):  # type: ignore[name-defined]
        def load(self, path: str | None = None) -> None:
            text.Sentiment.load(self, path)
            if not path:
                # word -> {part of speech: (polarity, subjectivity, intensity)}
                entries: list[tuple[str, dict[str, Any]]] = list(dict.items(self))
                for word, pos in entries:
                    if "JJ" in pos:
                        stem = word[:-1] + "i" if word.endswith("y") else word
                        stem = stem[:-2] if stem.endswith("le") else stem
                        p, s, i = pos["JJ"]
                        self.annotate(stem + "ly", "RB", p, s, i)

    # package_text() runs the module from its file, so it has a __file__.
    assert text.__file__ is not None
    sentiment = Sentiment(
        path=str(Path(text.__file__).parent / "en" / "en-sentiment.xml"),
        synset="wordnet_id",
        negations=("no", "not", "n't", "never"),
        modifiers=("RB",),
        modifier=lambda word: word.endswith("ly"),
        language="en",
    )
    sentiment.load()
    return sentiment


@dataclass(frozen=True)
class Rules:
    """The tokeniser's and the assessments' constants, taken from textblob._text."""

    other_space: str  # regex: what Python's \s (str.isspace) matches, other than " "
    punctuation: tuple[str, ...]  # peeled one by one from either end of a chunk
    abbreviations: frozenset[str]
    abbreviation_patterns: tuple[str, ...]  # RE_ABBR1..3
    emoticon_variants: tuple[str, ...]  # every spacing of every emoticon, in regex order
    emoticon_closed: tuple[str, ...]  # the emoticon each variant closes up to
    emoticon_polarity: dict[str, float]  # lower-cased token -> polarity, where looked up
    pieces: tuple[str, ...]  # tokens that may be closed up with the token before them ...
    piece_ends: tuple[str, ...]  # ... when that one ends with one of these characters ...
    joins: Bools  # ... as this table (piece_ends x pieces) says
    negations: tuple[str, ...]


@functools.cache
def rules() -> Rules:
    _text = package_text()

    sentiment = package_sentiment()
    # RE_EMOTICONS is one alternation, in the order of EMOTICONS' values and of each set: at a
    # given position the first emoticon that matches wins (":c)" over ":c"), so the variants
    # keep that order. Each is followed by a space, which stands for the regex's ($|\s).
    emoticons = [emoticon for group in _text.EMOTICONS.values() for emoticon in group]
    variants, closed = [], []
    for emoticon in emoticons:
        for gaps in itertools.product(("", " "), repeat=len(emoticon) - 1):
            spaced = emoticon[0] + "".join(
                gap + char for gap, char in zip(gaps, emoticon[1:], strict=True)
            )
            variants.append(spaced + " ")
            closed.append(emoticon + " ")
    # assessments(): an unknown token that is not alphabetic, at most five characters long
    # and not a substring of PUNCTUATION, scores as the first emoticon set that holds it.
    polarity: dict[str, float] = {}
    for (_, value), group in _text.EMOTICONS.items():
        for emoticon in group:
            token = emoticon.lower()
            eligible = not token.isalpha() and len(token) <= 5 and token not in _text.PUNCTUATION
            if eligible and token not in sentiment:
                polarity.setdefault(token, value)
    # A spaced emoticon starts inside or at the end of one token and goes on with whole tokens:
    # the first two tell whether it may be there (and "( !" whether "( ! )" may be).
    joins = {
        (emoticon[start - 1], emoticon[start:end])
        for emoticon in emoticons
        for start in range(1, len(emoticon))
        for end in range(start + 1, len(emoticon) + 1)
    } | {("(", "!")}
    pieces = tuple(sorted({piece for _, piece in joins}))
    piece_ends = tuple(sorted({char for char, _ in joins}))
    table = np.zeros((len(piece_ends), len(pieces)), bool)
    for char, piece in joins:
        table[piece_ends.index(char), pieces.index(piece)] = True
    return Rules(
        other_space=char_class(whitespace().replace(" ", "")),
        punctuation=tuple(dict.fromkeys(_text.PUNCTUATION.replace(".", ""))),
        abbreviations=frozenset(_text.ABBREVIATIONS),
        abbreviation_patterns=tuple(
            pattern.pattern for pattern in (_text.RE_ABBR1, _text.RE_ABBR2, _text.RE_ABBR3)
        ),
        emoticon_variants=tuple(variants),
        emoticon_closed=tuple(closed),
        emoticon_polarity=polarity,
        pieces=pieces,
        piece_ends=piece_ends,
        joins=table,
        negations=tuple(sentiment.negations),
    )


@dataclass(frozen=True)
class Lexicon:
    """The lexicon by word id; the extra last entry stands for any word not in it."""

    ids: dict[str, int]
    polarity: Floats
    intensity: Floats
    modifier: Bools  # has an adverb (RB) sense: the next known word is modified by it
    ends_in_ly: Bools  # may carry a following "not" (Sentiment.modifier)

    @property
    def unknown(self) -> int:
        return len(self.polarity) - 1


@functools.cache
def lexicon() -> Lexicon:
    sentiment = package_sentiment()
    words = list(dict.keys(sentiment))
    # The scores of all senses averaged per part of speech, then over them: the None entry.
    scores = np.array([dict.__getitem__(sentiment, word)[None] for word in words], float)
    modifiers = sentiment.modifiers
    return Lexicon(
        ids={word: number for number, word in enumerate(words)},
        polarity=np.r_[scores[:, 0], np.nan],
        intensity=np.r_[scores[:, 2], np.nan],
        modifier=np.r_[
            [any(tag in dict.__getitem__(sentiment, word) for tag in modifiers) for word in words],
            False,
        ],
        ends_in_ly=np.r_[[bool(sentiment.modifier(word)) for word in words], False],
    )
