"""TextBlob's pattern polarity for a whole column of sentences at once, equal to TextBlob.

``TextBlob(text).sentiment.polarity`` (the default ``PatternAnalyzer``: pattern's rules in
``textblob/_text.py``) tokenises and scores one text at a time in Python, 3,000 to 5,000
sentences a second. :func:`polarity` applies the same rules to all sentences together:

1. polars splits every text at spaces; each distinct chunk is tokenised once as ``find_tokens``
   does (quotes set apart, " n't", other whitespace, then leading and trailing punctuation,
   "..." and periods peeled off unless the rest is an abbreviation, with column operations
   repeated while any chunk still has something to peel), and numpy lays the chunks' tokens
   out text by text;
2. where a token may close up with the one before it (": )", "( ! )", "2018 )"), and only
   there, the text's tokens are joined by spaces and the package's two substitutions run on
   the string: the sarcasm mark "(!)" and split emoticons, with one leftmost-first
   Aho-Corasick pass in the order of the package's regex;
3. each distinct token is lower-cased and looked up in the lexicon the package loads from its
   own ``en-sentiment.xml`` (senses and parts of speech averaged, "-ly" adverbs derived from
   adjectives), its negations and its emoticons;
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

import functools
import importlib.util
import itertools
import re
from dataclasses import dataclass
from pathlib import Path
from types import ModuleType
from typing import Any

import numpy as np
import numpy.typing as npt
import polars as pl

from framescope.vader import _checked, _distinct, _whitespace

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]

_SARCASM = r"\( ?! ?\)"  # textblob._text.RE_SARCASM on space-joined tokens
# Where find_tokens starts a new sentence (it closes up emoticons within each): a blank line
# (after "\r\n" became "\n") or its marker for one, and an emoticon around a lone period.
_BLANK_LINE = r"\n\r?\n|END-OF-SENTENCE"
_EMOTICON_AROUND_PERIOD = r"o \. O|> \. >"


@functools.cache
def _package_text() -> ModuleType:
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
def _sentiment() -> Any:
    """The lexicon of ``textblob.en.sentiment`` (which PatternAnalyzer calls), loaded as it is.

    ``textblob/en/__init__.py`` builds it from ``en-sentiment.xml`` with these arguments, and its
    ``Sentiment.load`` adds an "-ly" adverb (RB) for every adjective (JJ); both are repeated
    here so that the package's import is not needed. tests/test_pattern.py checks that the
    lexicon equals the package's.
    """
    text = _package_text()

    class Sentiment(text.Sentiment):  # type: ignore[name-defined,misc]
        def load(self, path: str | None = None) -> None:
            text.Sentiment.load(self, path)
            if not path:
                for word, pos in list(dict.items(self)):
                    if "JJ" in pos:
                        stem = word[:-1] + "i" if word.endswith("y") else word
                        stem = stem[:-2] if stem.endswith("le") else stem
                        p, s, i = pos["JJ"]
                        self.annotate(stem + "ly", "RB", p, s, i)

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


def _char_class(chars: str) -> str:
    return "".join(f"\\x{{{ord(char):x}}}" for char in chars)


@dataclass(frozen=True)
class _Rules:
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
def _rules() -> _Rules:
    _text = _package_text()

    sentiment = _sentiment()
    other_space = _whitespace().replace(" ", "")
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
    return _Rules(
        other_space=f"[{_char_class(other_space)}]",
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
class _Lexicon:
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
def _lexicon() -> _Lexicon:
    sentiment = _sentiment()
    words = list(dict.keys(sentiment))
    # The scores of all senses averaged per part of speech, then over them: the None entry.
    scores = np.array([dict.__getitem__(sentiment, word)[None] for word in words], float)
    modifiers = sentiment.modifiers
    return _Lexicon(
        ids={word: number for number, word in enumerate(words)},
        polarity=np.r_[scores[:, 0], np.nan],
        intensity=np.r_[scores[:, 2], np.nan],
        modifier=np.r_[
            [any(tag in dict.__getitem__(sentiment, word) for tag in modifiers) for word in words],
            False,
        ],
        ends_in_ly=np.r_[[bool(sentiment.modifier(word)) for word in words], False],
    )


def _peel(chunks: pl.Series) -> pl.Series:
    """The tokens find_tokens makes of each whitespace-free chunk, joined by spaces.

    Each leading punctuation mark is a token; from the end, one turn at a time: a punctuation
    mark, then "..." (and any periods before it, which are dropped), then a period unless what
    is left is an abbreviation ("U.S.", "Mr.", "e.g."), which ends the loop.
    """
    rules = _rules()
    punctuation = list(rules.punctuation)
    lead_class = "".join(re.escape(char) for char in rules.punctuation)
    frame = pl.DataFrame({"chunk": chunks}).with_columns(
        lead=pl.col("chunk").str.extract(f"^([{lead_class}]*)", 1)
    )
    frame = frame.with_columns(
        t=pl.col("chunk").str.slice(pl.col("lead").str.len_chars()),
        tail=pl.lit(""),
        row=pl.int_range(pl.len(), dtype=pl.Int64),
    )

    def ends_peelable(column: pl.Expr) -> pl.Expr:
        return column.str.tail(1).is_in(punctuation) | column.str.ends_with(".")

    def prepend(piece: str | pl.Expr, where: pl.Expr) -> pl.Expr:
        joined = pl.concat_str(piece, pl.lit(" "), pl.col("tail"))
        return pl.when(where).then(joined).otherwise("tail")

    t = pl.col("t")
    is_abbreviation = t.is_in(list(rules.abbreviations))
    for pattern in rules.abbreviation_patterns:
        is_abbreviation |= t.str.contains(pattern)
    # find_tokens' loop over the end of a chunk, one turn at a time, on the chunks still in it.
    active = frame.filter(ends_peelable(t))
    done = []
    while active.height:
        last = t.str.tail(1)
        step = active.with_columns(mark=last.is_in(punctuation))
        step = step.with_columns(
            tail=prepend(last, pl.col("mark")),
            t=pl.when("mark").then(t.str.head(-1)).otherwise(t),
        )
        step = step.with_columns(ellipsis=t.str.ends_with("..."))
        step = step.with_columns(
            tail=prepend(pl.lit("..."), pl.col("ellipsis")),
            t=pl.when("ellipsis").then(t.str.head(-3).str.strip_chars_end(".")).otherwise(t),
        )
        step = step.with_columns(
            period=t.str.ends_with(".") & ~is_abbreviation,
            stop=t.str.ends_with(".") & is_abbreviation,
        )
        step = step.with_columns(
            tail=prepend(pl.lit("."), pl.col("period")),
            t=pl.when("period").then(t.str.head(-1)).otherwise(t),
        )
        step = step.select("row", "t", "tail", more=~pl.col("stop") & ends_peelable(t))
        done.append(step.filter(~pl.col("more")).drop("more"))
        active = step.filter("more").drop("more")
    if done:
        peeled = pl.concat(done)
        frame = frame.update(peeled, on="row")
    return frame.select(
        pl.concat_str(pl.col("lead").str.replace_all(".", "$0 "), "t", pl.lit(" "), "tail")
        .str.replace_all(" +", " ")
        .str.strip_chars(" ")
    ).to_series()


def _chunk_tokens(chunks: pl.Series) -> pl.Series:
    """The tokens find_tokens makes of each chunk of a text between spaces (List[String]).

    Before it splits, find_tokens puts spaces around quotes and before "n't" and collapses
    whitespace; all of that stays within a chunk, so it runs on the distinct chunks only.
    """
    rules = _rules()
    # Of the contractions only "n't" changes the tokens: the others put a space before an
    # apostrophe that the quote rule sets apart anyway.
    pieces = (
        chunks.str.replace_all("n't", " n't", literal=True)
        .str.replace_all("([“”‘’'\"])", " $1 ")
        .str.replace_all(rules.other_space, " ")
        .str.split(" ")
    )
    distinct = pieces.explode().drop_nulls().unique()
    peeled = _peel(distinct)
    changed = distinct != peeled
    return (
        pieces.list.eval(pl.element().replace(distinct.filter(changed), peeled.filter(changed)))
        .list.join(" ")
        .str.split(" ")
        .list.eval(pl.element().filter(pl.element() != ""))
    )


@dataclass(frozen=True)
class _Tokens:
    """The texts' tokens, flattened in order: texts ascending, tokens in order within each."""

    sentence: Ints  # the text of each token
    word: Ints  # each token's index in ``vocabulary``
    vocabulary: pl.Series  # the distinct tokens, as written
    n_texts: int


def _ragged(starts: Ints, counts: Ints) -> Ints:
    """``concatenate([arange(start, start + count) for start, count in ...])``, vectorised."""
    ends = np.cumsum(counts)
    return np.repeat(starts - (ends - counts), counts) + np.arange(ends[-1] if ends.size else 0)


def _split(texts: pl.Series) -> _Tokens:
    """The tokens of each text before emoticons are closed up (find_tokens up to there)."""
    chunks = texts.str.split(" ")
    chunk_counts = chunks.list.len().to_numpy().astype(np.int64)
    code, distinct = _distinct(chunks.explode())
    code = code.astype(np.int64)
    token_lists = _chunk_tokens(distinct)
    lengths = token_lists.list.len().to_numpy().astype(np.int64)
    ids, vocabulary = _distinct(token_lists.explode().drop_nulls())
    counts = lengths[code]
    offsets = np.cumsum(lengths) - lengths
    sentence = np.repeat(np.repeat(np.arange(len(texts)), chunk_counts), counts)
    word = ids.astype(np.int64)[_ragged(offsets[code], counts)]
    return _Tokens(sentence=sentence, word=word, vocabulary=vocabulary, n_texts=len(texts))


def _may_close_up(tokens: _Tokens) -> Bools:
    """Texts where the sarcasm mark or an emoticon may be closed up, and more.

    Closing up needs a token that is a later piece of an emoticon (or "!") right after a
    token that ends with the character before that piece (or "("): ": )", "2018 )".
    """
    rules = _rules()
    vocabulary = tokens.vocabulary
    piece = (
        vocabulary.replace_strict(
            rules.pieces, range(len(rules.pieces)), default=-1, return_dtype=pl.Int64
        )
        .to_numpy()
        .astype(np.int64)
    )
    end = (
        vocabulary.str.tail(1)
        .replace_strict(
            rules.piece_ends, range(len(rules.piece_ends)), default=-1, return_dtype=pl.Int64
        )
        .to_numpy()
        .astype(np.int64)
    )
    at = np.flatnonzero(piece[tokens.word] >= 0)
    at = at[at > 0]
    at = at[tokens.sentence[at - 1] == tokens.sentence[at]]
    before = end[tokens.word[at - 1]]
    at = at[before >= 0]
    hit = at[rules.joins[before[before >= 0], piece[tokens.word[at]]]]
    result = np.zeros(tokens.n_texts, bool)
    result[tokens.sentence[hit]] = True
    return result


def _tokens(texts: pl.Series) -> tuple[_Tokens, Bools]:
    """Each text's tokens as find_tokens gives them, and which texts to leave to the package
    (find_tokens splits them into sentences where that changes the tokens)."""
    rules = _rules()
    tokens = _split(texts)
    fallback = texts.str.contains(_BLANK_LINE).to_numpy()
    candidate = _may_close_up(tokens)
    if not candidate.any():
        return tokens, fallback
    # The few texts where something may close up: their tokens joined by spaces, and then the
    # package's two substitutions on the whole string.
    inside = candidate[tokens.sentence]
    joined = (
        pl.DataFrame(
            {
                "sentence": tokens.sentence[inside],
                "token": tokens.vocabulary.gather(tokens.word[inside]),
            }
        )
        .group_by("sentence", maintain_order=True)
        .agg(pl.col("token").str.join(" "))
    )
    rows = joined.get_column("sentence").to_numpy()
    strings = joined.get_column("token")
    fallback[rows] |= strings.str.contains(_EMOTICON_AROUND_PERIOD).to_numpy()
    spaced = strings.str.replace_all(_SARCASM, "(!)") + " "
    closed = (
        spaced.str.replace_many(rules.emoticon_variants, rules.emoticon_closed, leftmost=True)
        .str.strip_chars_end(" ")
        .str.split(" ")
    )
    flat = closed.explode()
    new = flat.filter(~flat.is_in(tokens.vocabulary.implode())).unique(maintain_order=True)
    vocabulary = pl.concat([tokens.vocabulary, new])
    word = flat.replace_strict(
        vocabulary, pl.int_range(len(vocabulary), eager=True), return_dtype=pl.Int64
    ).to_numpy()
    sentence = np.repeat(rows, closed.list.len().to_numpy().astype(np.int64))
    sentence = np.concatenate([tokens.sentence[~inside], sentence])
    order = np.argsort(sentence, kind="stable")
    word = np.concatenate([tokens.word[~inside], word])[order]
    result = _Tokens(
        sentence=sentence[order], word=word, vocabulary=vocabulary, n_texts=tokens.n_texts
    )
    return result, fallback


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
    rules = _rules()
    lexicon = _lexicon()
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


def _get(values: npt.NDArray[Any], index: Ints, missing: object) -> npt.NDArray[Any]:
    """``values[index]``, with ``missing`` where the index is -1."""
    if not len(values):
        return np.full(len(index), missing)
    return np.where(index >= 0, values[np.maximum(index, 0)], missing)


def _acting(tokens: _Tokens, features: _Features) -> _Acting:
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
    lexicon = _lexicon()
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
    lexicon = _lexicon()
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


def _polarities(tokens: _Tokens) -> Floats:
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
    tokens, fallback = _tokens(texts)
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
    texts = _checked(texts, batch_size)
    result = np.full(len(texts), np.nan)
    present = np.flatnonzero(texts.is_not_null().to_numpy())
    texts = texts.drop_nulls()
    for start in range(0, len(texts), batch_size):
        batch = texts.slice(start, batch_size).rechunk()
        result[present[start : start + batch_size]] = _polarity(batch)[0]
    # A polarity is never NaN, so NaN marks exactly the null texts.
    return pl.Series("polarity", result, nan_to_null=True)
