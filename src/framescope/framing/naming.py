"""War naming: which word an outlet uses for the war ("invasion", "special military
operation", "war", "conflict", "crisis"), and whether it uses it as its own.

Every occurrence of a ``profile.war_terms`` surface (:func:`framescope.rules.terms.group_matches`),
with ``term`` the war-term id. ``quoted``: the occurrence is inside quotation marks in its
sentence (:mod:`framescope.rules.quotation`). ``attributed``: quoted, or introduced as
someone's wording right before it ("so-called", "what Moscow calls", "which Russia still
describes as a", "calling it an") or right after it ("..., as the Kremlin calls it", "...,
according to Moscow"). Limits: "according to" elsewhere in the sentence does not count,
because it usually attributes the claim, not the naming.
"""

from __future__ import annotations

import polars as pl

from framescope.profile import Profile
from framescope.rules.quotation import quote_marks, quoted
from framescope.rules.spans import KEYS, after, before, sentence_frame
from framescope.rules.terms import group_matches

WAR_SCHEMA = pl.Schema(
    {
        "article_id": pl.String(),
        "sentence_idx": pl.Int32(),
        "term": pl.String(),
        "surface": pl.String(),
        "quoted": pl.Boolean(),
        "attributed": pl.Boolean(),
    }
)
"""Columns of the war-terms table: ``term`` is the profile war-term id, ``surface`` the
words as written."""

# Naming cues for war terms: the wording is presented as someone's label.
_NAMING_BEFORE = (
    r"(?i)(?:(?-u:\b)so[- ]called|(?-u:\b)(?:calls?|called|calling|describes?|described|"
    r"describing|terms?|termed|dubs?|dubbed|labels?|labell?ed|brands?|branded|refers? to|"
    r"referred to|known as|characteri[sz]es?|characteri[sz]ed)"
    r"(?:\s+(?:it|this|that|the war|the invasion|the conflict))?(?:\s+as)?)"
    r"\s+(?:(?:a|an|the|its|their|his|her)\s+)?[“\"‘]?\s*$"
)
_NAMING_AFTER = (
    r"(?i)^[”\"’]?\s*,?\s*(?:as\s+[^,.;]{1,40}?\s+(?:calls?|called|describes?|described|"
    r"terms?|termed|dubs?|dubbed|puts?|refers to)\s+it|according to)"
)


def war_naming(sentences: pl.DataFrame, profile: Profile) -> pl.DataFrame:
    """Every war-term occurrence, with whether it is quoted or attributed to someone.

    Parameters
    ----------
    sentences
        ``article_id``, ``sentence_idx`` and ``text`` of each sentence.
    profile
        Its ``war_terms`` groups (terms and exclusions) are matched.

    Returns
    -------
    DataFrame in :data:`WAR_SCHEMA`, one row per occurrence, in text order.

    Examples
    --------
    >>> from framescope.profile import load
    >>> s = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0], "text": [
    ...     "Russia’s “special military operation” is a war, not a trade war."]})
    >>> war_naming(s, load()).select("term", "quoted", "attributed").rows()
    [('special_military_operation', True, True), ('war', False, False)]
    """
    if sentences.is_empty() or not profile.war_terms:
        return pl.DataFrame(schema=WAR_SCHEMA)
    text_before = before(pl.col("start"))
    text_after = after(pl.col("end"))
    inside = pl.col("_quoted")
    found = group_matches(sentences, profile.war_terms).collect()
    # Only the few sentences with a war term need their quote marks.
    with_terms = sentence_frame(sentences).join(
        found.lazy().select(KEYS).unique(), on=list(KEYS), how="semi"
    )
    marks = quote_marks(with_terms).collect().lazy()
    return (
        quoted(found.lazy(), marks)
        .select(
            *KEYS,
            "start",
            pl.col("group").alias("term"),
            "surface",
            inside.alias("quoted"),
            (
                inside
                | text_before.str.contains(_NAMING_BEFORE).fill_null(False)
                | text_after.str.contains(_NAMING_AFTER).fill_null(False)
            ).alias("attributed"),
        )
        .sort(*KEYS, "start", maintain_order=True)
        .select(list(WAR_SCHEMA))
        .cast(WAR_SCHEMA)
        .collect()
    )
