"""Hedges: the hedges and certainty markers of each sentence ("may", "reportedly", "declined
to confirm"), one row per occurrence, by the rule in :mod:`framescope.rules.hedges`.
"""

from __future__ import annotations

import polars as pl

from framescope.profile import Profile
from framescope.rules import hedges as hedge_rule
from framescope.rules.spans import KEYS

HEDGE_SCHEMA = pl.Schema(
    {
        "article_id": pl.String(),
        "sentence_idx": pl.Int32(),
        "hedge": pl.String(),
    }
)
"""Columns of the hedges table: one row per hedge occurrence, as listed in the profile."""


def hedges(sentences: pl.DataFrame, profile: Profile) -> pl.DataFrame:
    """Hedges and certainty markers: one row per occurrence, as listed in the profile.

    Examples
    --------
    >>> from framescope.profile import load
    >>> s = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0], "text": [
    ...     "Xi may visit in May, reportedly."]})
    >>> hedges(s, load())["hedge"].to_list()
    ['may', 'reportedly']
    """
    if sentences.is_empty() or not profile.hedges:
        return pl.DataFrame(schema=HEDGE_SCHEMA)
    return (
        hedge_rule.locate(sentences, profile.hedges)
        .sort(*KEYS, "start", maintain_order=True)
        .select(list(HEDGE_SCHEMA))
        .cast(HEDGE_SCHEMA)
        .collect()
    )
