"""Frames: which of the profile's frames (each mapped to a Policy Frames Codebook category)
a sentence's wording cues.

Frames are sentence-level: one row per frame x sentence in which at least one of the frame's
cue terms occurs (matched as every profile term is, :mod:`framescope.rules.terms`), with the
*first* cue in text order, as listed, so shares count sentences, not cue words. Frames are
evidence for a reader, not a classification of the sentence.
"""

from __future__ import annotations

import polars as pl

from framescope.profile import Profile
from framescope.rules.spans import KEYS, sentence_frame
from framescope.rules.terms import group_pattern, listed_forms, normalised

FRAME_SCHEMA = pl.Schema(
    {
        "article_id": pl.String(),
        "sentence_idx": pl.Int32(),
        "frame": pl.String(),
        "category": pl.String(),
        "cue": pl.String(),
    }
)
"""Columns of the frames table: one row per frame x sentence, ``cue`` the first cue term
(as listed in the profile) in text order, ``category`` the Policy Frames Codebook one."""


def frames(sentences: pl.DataFrame, profile: Profile) -> pl.DataFrame:
    """Sentence-level frame cues: one row per frame x sentence, with the first cue.

    Parameters
    ----------
    sentences
        ``article_id``, ``sentence_idx`` and ``text`` of each sentence.
    profile
        Its ``frames`` groups: cue terms, exclusions and Policy Frames Codebook category.

    Returns
    -------
    DataFrame in :data:`FRAME_SCHEMA`, sorted by sentence and then by the profile's frame
    order. ``cue`` is the first of the frame's cues in text order, as listed.

    Examples
    --------
    >>> from framescope.profile import load
    >>> s = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0], "text": [
    ...     "Sanctions hit oil exports, and trade fell."]})
    >>> frames(s, load()).select("frame", "category", "cue").rows()
    [('economic_ties', 'economic', 'oil'), ('sanctions_law', 'legality', 'sanctions')]
    """
    groups = profile.frames
    if sentences.is_empty() or not groups:
        return pl.DataFrame(schema=FRAME_SCHEMA)
    columns, lookup_rows = [], []
    for index, group in enumerate(groups):
        forms = listed_forms(group)
        hits = (
            pl.col("text").str.extract_all(group_pattern(group)).list.eval(normalised(pl.element()))
        )
        excluded = [surface for surface, term in forms.items() if term is None]
        if excluded:
            hits = hits.list.eval(pl.element().filter(~pl.element().is_in(excluded)))
        columns.append(hits.list.first().alias(f"_{index}"))
        lookup_rows += [
            (f"_{index}", index, group.id, group.category, surface, term)
            for surface, term in forms.items()
            if term is not None
        ]
    lookup = pl.LazyFrame(
        lookup_rows,
        schema={
            "_column": pl.String,
            "_order": pl.Int64,
            "frame": pl.String,
            "category": pl.String,
            "_key": pl.String,
            "cue": pl.String,
        },
        orient="row",
    )
    return (
        sentence_frame(sentences)
        .select(*KEYS, *columns)
        .unpivot(index=list(KEYS), variable_name="_column", value_name="_key")
        .filter(pl.col("_key").is_not_null())
        .join(lookup, on=["_column", "_key"], how="inner")
        .sort(*KEYS, "_order")
        .select(list(FRAME_SCHEMA))
        .cast(FRAME_SCHEMA)
        .collect()
    )
