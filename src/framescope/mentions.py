"""Actor mentions: every alias occurrence in every sentence, with offsets into the article.

Counting rules (the README repeats them, because users compare counts across outlets):

- A mention is one occurrence of one of an actor's aliases, matched case-sensitively on word
  boundaries ("Xi" inside "Xinhua" is not Xi; "US" is not "us").
- Overlapping aliases resolve leftmost-longest: "President Xi Jinping" is one mention.
- A possessive counts as the actor ("Putin's", "Putin’s"); the span covers the name only.
- An exclusion (a surface form that looks like an alias but is someone or something else:
  "Olena Zelenska", "Xi’an", "South China Morning Post") is matched like an alias and then
  dropped, so the alias inside or after it never counts.
- Pronouns and descriptions ("he", "the Chinese leader") are not mentions: they are not
  resolved. Adjectives ("Chinese", "Russian") are not country mentions.
- Mentions never cross a sentence boundary.

All of it is one longest-first regex alternation (:mod:`framescope.rules.terms`, the rule
every profile term follows, here case-sensitive and with the alias's own spacing) run by
polars over the whole sentences table.
"""

from __future__ import annotations

import polars as pl

from framescope.profile import Profile
from framescope.rules.terms import alternation, locate

MENTION_SCHEMA = pl.Schema(
    {
        "article_id": pl.String(),
        "sentence_idx": pl.Int32(),
        "actor": pl.String(),
        "alias": pl.String(),
        "start": pl.Int64(),
        "end": pl.Int64(),
    }
)
"""Columns of the mentions table; ``start``/``end`` are character offsets into
``articles.text``, like the sentences table's."""

_EXCLUDED = ""  # the actor id that marks an exclusion's surface form


def surfaces(profile: Profile) -> dict[str, str]:
    """Every alias and exclusion with its actor id (exclusions map to ``""``).

    Examples
    --------
    >>> from framescope.profile import load
    >>> surfaces(load())["South China Sea"] == ""
    True
    """
    table: dict[str, str] = {}
    for actor in profile.actors:
        table.update(dict.fromkeys(actor.aliases, actor.id))
    for actor in profile.actors:
        # An exclusion that is another actor's alias ("South China Morning Post") stays that
        # actor's mention; it only blocks the alias inside it.
        table.update({e: _EXCLUDED for e in actor.exclusions if e not in table})
    return table


def extract(sentences: pl.DataFrame, profile: Profile) -> pl.DataFrame:
    """The mentions table for a sentences table.

    Parameters
    ----------
    sentences
        ``article_id``, ``sentence_idx``, ``start`` and ``text`` of each sentence.
    profile
        The topic profile whose actors, aliases and exclusions are matched.

    Examples
    --------
    >>> from framescope.profile import load
    >>> s = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0], "start": [10],
    ...                   "text": ["President Xi Jinping met Putin’s envoy in Xi’an."]})
    >>> extract(s, load()).select("actor", "alias", "start", "end").rows()
    [('xi_jinping', 'President Xi Jinping', 10, 30), ('vladimir_putin', 'Putin', 35, 40)]
    """
    table = surfaces(profile)
    if not table:
        return pl.DataFrame(schema=MENTION_SCHEMA)
    # Aliases match as written: "US" is not "us", and an alias is one surface form.
    pattern = alternation(table, ignore_case=False, any_space=False)
    found = locate(
        sentences.lazy().select(
            "article_id",
            pl.col("sentence_idx").cast(pl.Int32()),
            pl.col("start").alias("_offset"),
            "text",
        ),
        {"alias": pattern},
        sparse=False,
    )
    return (
        found.with_columns(
            # A lookup, not a join: see framescope.rules.spans.
            pl.col("surface")
            .replace_strict(table, default=None, return_dtype=pl.String())
            .alias("actor")
        )
        .filter(pl.col("actor") != _EXCLUDED)
        .select(
            "article_id",
            "sentence_idx",
            "actor",
            pl.col("surface").alias("alias"),
            (pl.col("_offset") + pl.col("start")).alias("start"),
            (pl.col("_offset") + pl.col("end")).alias("end"),
        )
        .cast(MENTION_SCHEMA)
        .collect()
    )
