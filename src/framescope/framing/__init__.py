"""Source framing: actor labels, war naming, frame cues, hedges, who is quoted, and the
per-outlet comparisons built on them.

Every extractor is a pure function over the processed tables (``sentences``, ``mentions``,
``articles``) and a :class:`~framescope.profile.Profile`, and returns one row per piece of
evidence keyed by ``article_id`` and ``sentence_idx``, so every number built on them can be
traced back to its sentences (:func:`evidence`). Term matching is done by polars string
expressions over the whole sentences table; there is no Python loop per sentence.

- :mod:`~framescope.framing.descriptors`: descriptors attached to actors (:func:`labels`).
- :mod:`~framescope.framing.naming`: war terms, quoted or attributed (:func:`war_naming`).
- :mod:`~framescope.framing.cues`: frame cues per sentence (:func:`frames`).
- :mod:`~framescope.framing.hedging`: hedges per occurrence (:func:`hedges`).
- :mod:`~framescope.framing.statements` and :mod:`~framescope.framing.resolve`: attributed
  statements and their speakers (:func:`quotes`).
- :mod:`~framescope.framing.compare`: shares per source, evidence, voices, omissions.

The matching rules they share (profile terms, speakers, hedges, quotation marks, nationality
words) are in :mod:`framescope.rules`. Distinctive words are in :mod:`framescope.keyterms`,
re-exported here.
"""

from __future__ import annotations

import polars as pl

from framescope.framing.compare import (
    OMISSION_SCHEMA,
    SMALL_SAMPLE_ROWS,
    VOICE_SHARE_SCHEMA,
    evidence,
    omissions,
    shares,
    shares_of,
    voice_shares,
    voice_shares_of,
)
from framescope.framing.cues import FRAME_SCHEMA, frames
from framescope.framing.descriptors import LABEL_SCHEMA, labels
from framescope.framing.hedging import HEDGE_SCHEMA, hedges
from framescope.framing.naming import WAR_SCHEMA, war_naming
from framescope.framing.statements import QUOTE_SCHEMA, quotes
from framescope.keyterms import (
    DEFAULT_ALPHA0,
    DISTINCTIVE_SCHEMA,
    SMALL_SAMPLE_TOKENS,
    distinctive_terms,
    tokens,
)
from framescope.profile import Profile
from framescope.rules.reporting import REPORTING_VERBS
from framescope.rules.spans import KEYS
from framescope.rules.words import STOP_WORDS


def extract_all(
    sentences: pl.DataFrame, mentions: pl.DataFrame, profile: Profile
) -> dict[str, pl.DataFrame]:
    """Every framing table of some sentences, for the pipeline.

    Returns ``{"labels", "war_terms", "frames", "hedges", "quotes"}``; each depends only on
    its own article, so a build may add articles without recomputing the old ones.

    Examples
    --------
    >>> from framescope.profile import load
    >>> empty = pl.DataFrame(schema={"article_id": pl.String, "sentence_idx": pl.Int32,
    ...                             "start": pl.Int64, "end": pl.Int64, "text": pl.String})
    >>> sorted(extract_all(empty, empty, load()))
    ['frames', 'hedges', 'labels', 'quotes', 'war_terms']
    """
    return {
        "labels": labels(sentences, mentions, profile),
        "war_terms": war_naming(sentences, profile),
        "frames": frames(sentences, profile),
        "hedges": hedges(sentences, profile),
        "quotes": quotes(sentences, mentions, profile),
    }


__all__ = [
    "DEFAULT_ALPHA0",
    "DISTINCTIVE_SCHEMA",
    "FRAME_SCHEMA",
    "HEDGE_SCHEMA",
    "KEYS",
    "LABEL_SCHEMA",
    "OMISSION_SCHEMA",
    "QUOTE_SCHEMA",
    "REPORTING_VERBS",
    "SMALL_SAMPLE_ROWS",
    "SMALL_SAMPLE_TOKENS",
    "STOP_WORDS",
    "VOICE_SHARE_SCHEMA",
    "WAR_SCHEMA",
    "distinctive_terms",
    "evidence",
    "extract_all",
    "frames",
    "hedges",
    "labels",
    "omissions",
    "quotes",
    "shares",
    "shares_of",
    "tokens",
    "voice_shares",
    "voice_shares_of",
    "war_naming",
]
