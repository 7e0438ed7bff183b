"""Hedges and certainty markers: the one rule for finding them, used by the hedges table and
by claims (whether a figure is hedged).

A hedge is a profile hedge term (``profile.hedges``: "may", "reportedly", "declined to
confirm", ...) matched as every profile term is (:mod:`framescope.rules.terms`: any case, word
edges, longest first), except that a hedge written with a capital initial in mid-sentence is
taken for a proper noun and skipped ("in May", "Theresa May"). At the start of the sentence,
after nothing but non-letters, a capital is just the sentence's ("May Xi visit?").
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from framescope.profile import TermGroup
from framescope.rules.spans import KEYS, texts_frame
from framescope.rules.terms import group_matches


def locate(sentences: pl.DataFrame, terms: Sequence[str]) -> pl.LazyFrame:
    """Every hedge occurrence: ``article_id, sentence_idx, start`` and ``hedge`` (as listed).

    ``sentences`` has ``article_id``, ``sentence_idx`` and ``text``; rows are in the order of
    the sentences, then of the text.

    Examples
    --------
    >>> s = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0],
    ...                   "text": ["May Xi visit in May? It may."]})
    >>> locate(s, ["may"]).collect().rows()
    [('a', 0, 0, 'may'), ('a', 0, 24, 'may')]
    """
    group = TermGroup(id="hedge", terms=tuple(terms))
    capitalised = pl.col("surface").str.contains(r"^\p{Lu}")
    # Nothing but non-letters before the hedge: the text's first letter is the hedge's.
    non_letters = (
        pl.when(capitalised).then(pl.col("text")).str.extract(r"^([\W\d_]*)", 1).str.len_chars()
    )
    at_start = pl.when(capitalised).then(non_letters >= pl.col("start"))
    return (
        group_matches(sentences, [group])
        .filter(~capitalised | at_start)
        .select(*KEYS, "start", pl.col("term").alias("hedge"))
    )


def hedged(texts: pl.Series, terms: Sequence[str]) -> pl.Series:
    """Whether each text holds a hedge (:func:`locate`), for code that reads texts, not a
    sentences table.

    Examples
    --------
    >>> hedged(pl.Series(["Theresa May spoke.", "It may rain.", None]), ["may"]).to_list()
    [False, True, False]
    """
    if not terms:
        return pl.Series(texts.name, [False] * len(texts), dtype=pl.Boolean)
    frame = texts_frame(texts)
    found = locate(frame, terms).select("sentence_idx").collect()["sentence_idx"]
    return frame["sentence_idx"].is_in(found.implode()).alias(texts.name)
