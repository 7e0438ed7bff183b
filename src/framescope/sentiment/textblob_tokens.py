"""TextBlob's tokens (pattern's ``find_tokens``) for a whole column of texts at once.

Steps 1 and 2 of :mod:`framescope.sentiment.textblob`: each distinct chunk between spaces is
tokenised once; emoticons and the sarcasm mark are closed up only in the few texts where a
token may join the one before it; texts ``find_tokens`` would split into sentences where that
changes the tokens are marked for the package itself.

Examples
--------
>>> found, fallback = tokens(pl.Series(["Not very good!", "good\\n\\n:D"]))
>>> found.vocabulary.gather(found.word[found.sentence == 0]).to_list()
['Not', 'very', 'good', '!']
>>> fallback.tolist()
[False, True]
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np
import polars as pl

from framescope.sentiment import textblob_lexicon
from framescope.sentiment.columns import Bools, Ints, distinct_values

_SARCASM = r"\( ?! ?\)"  # textblob._text.RE_SARCASM on space-joined tokens
# Where find_tokens starts a new sentence (it closes up emoticons within each): a blank line
# (after "\r\n" became "\n") or its marker for one, and an emoticon around a lone period.
_BLANK_LINE = r"\n\r?\n|END-OF-SENTENCE"
_EMOTICON_AROUND_PERIOD = r"o \. O|> \. >"


def _peel(chunks: pl.Series) -> pl.Series:
    """The tokens find_tokens makes of each whitespace-free chunk, joined by spaces.

    Each leading punctuation mark is a token; from the end, one turn at a time: a punctuation
    mark, then "..." (and any periods before it, which are dropped), then a period unless what
    is left is an abbreviation ("U.S.", "Mr.", "e.g."), which ends the loop.
    """
    rules = textblob_lexicon.rules()
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
    rules = textblob_lexicon.rules()
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
class Tokens:
    """The texts' tokens, flattened in order: texts ascending, tokens in order within each."""

    sentence: Ints  # the text of each token
    word: Ints  # each token's index in ``vocabulary``
    vocabulary: pl.Series  # the distinct tokens, as written
    n_texts: int


def _ragged(starts: Ints, counts: Ints) -> Ints:
    """``concatenate([arange(start, start + count) for start, count in ...])``, vectorised."""
    ends = np.cumsum(counts)
    return np.repeat(starts - (ends - counts), counts) + np.arange(ends[-1] if ends.size else 0)


def _split(texts: pl.Series) -> Tokens:
    """The tokens of each text before emoticons are closed up (find_tokens up to there)."""
    chunks = texts.str.split(" ")
    chunk_counts = chunks.list.len().to_numpy().astype(np.int64)
    code, distinct = distinct_values(chunks.explode())
    code = code.astype(np.int64)
    token_lists = _chunk_tokens(distinct)
    lengths = token_lists.list.len().to_numpy().astype(np.int64)
    ids, vocabulary = distinct_values(token_lists.explode().drop_nulls())
    counts = lengths[code]
    offsets = np.cumsum(lengths) - lengths
    sentence = np.repeat(np.repeat(np.arange(len(texts)), chunk_counts), counts)
    word = ids.astype(np.int64)[_ragged(offsets[code], counts)]
    return Tokens(sentence=sentence, word=word, vocabulary=vocabulary, n_texts=len(texts))


def _may_close_up(tokens: Tokens) -> Bools:
    """Texts where the sarcasm mark or an emoticon may be closed up, and more.

    Closing up needs a token that is a later piece of an emoticon (or "!") right after a
    token that ends with the character before that piece (or "("): ": )", "2018 )".
    """
    rules = textblob_lexicon.rules()
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


def tokens(texts: pl.Series) -> tuple[Tokens, Bools]:
    """Each text's tokens as find_tokens gives them, and which texts to leave to the package
    (find_tokens splits them into sentences where that changes the tokens)."""
    rules = textblob_lexicon.rules()
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
        # Lists: replace_many is typed for lists (the rules keep immutable tuples).
        spaced.str.replace_many(
            list(rules.emoticon_variants), list(rules.emoticon_closed), leftmost=True
        )
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
    result = Tokens(
        sentence=sentence[order], word=word, vocabulary=vocabulary, n_texts=tokens.n_texts
    )
    return result, fallback
