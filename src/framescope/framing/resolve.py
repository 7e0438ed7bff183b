"""Which actor a speaker phrase names: the resolution half of the quotes table.

A speaker phrase (:func:`framescope.rules.speakers.clauses`) is resolved to a profile actor,
in this order: an actor mention inside the phrase (the one nearest the verb, or the
apposition's name: :func:`by_mention`); for "the <word>" or a lone capitalised word ("the
ministry", "Wang"), the actor most recently mentioned in the article with that word in its
name or aliases (:func:`by_head_word`); for "he"/"she", the speaker of the nearest
attribution in the previous three sentences if it is a person actor ("unresolved" if it is an
institution), else the last person actor mentioned, not as a possessive and not inside quotes,
in the previous two sentences (:func:`by_pronoun`). Limits: gender is not known, so "she" can
resolve to a man.

Each function takes clauses numbered by ``_cid`` and returns ``_cid, actor`` for those it
resolves.
"""

from __future__ import annotations

import re

import polars as pl

from framescope.profile import Profile
from framescope.rules.quotation import quoted
from framescope.rules.spans import KEYS, in_sentence
from framescope.rules.words import STOP_WORDS


def by_mention(clauses: pl.LazyFrame, mentions: pl.LazyFrame) -> pl.LazyFrame:
    """The actor named inside each clause's speaker phrase or apposition, if any."""

    def position(phrase: str) -> list[pl.Expr]:
        parts = pl.col(phrase).str.split(pl.col("alias"))
        before_char = parts.list.first().str.slice(-1)
        after = parts.list.get(1, null_on_oob=True).str.slice(0, 2)
        # A name hyphened to a word modifies the speaker ("the Washington-based Free Russia
        # Foundation", "a Kremlin-backed outlet"); it is not the speaker.
        whole_word = ~before_char.str.contains(r"[\p{L}\p{N}]").fill_null(False) & ~(
            after.str.contains(r"^(?:[\p{L}\p{N}]|[-‐‑]\p{L})").fill_null(False)
        )
        found = (parts.list.len() > 1) & whole_word
        return [
            pl.when(found)
            .then(parts.list.first().str.len_chars().cast(pl.Int64))
            .alias(f"{phrase}_first"),
            pl.when(found)
            .then(
                pl.col(phrase).str.len_chars().cast(pl.Int64)
                - parts.list.last().str.len_chars().cast(pl.Int64)
                - pl.col("alias").str.len_chars().cast(pl.Int64)
            )
            .alias(f"{phrase}_last"),
        ]

    # Each actor and alias once per sentence: the test is whether the alias is in the phrase,
    # so repeats add nothing but rows (a sentence naming Putin 200 times made 200 per clause).
    named = mentions.select(*KEYS, "actor", "alias").unique()
    candidates = (
        clauses.join(named, on=list(KEYS), how="inner")
        .with_columns(*position("speaker_text"), *position("_apposition"))
        .with_columns(
            # Lower rank wins: a name opening the apposition ("..., Wang Wenbin, said"),
            # then the name nearest the verb in the phrase, then any name in the apposition.
            pl.when((pl.col("_apposition_first") == 0) & (pl.col("_side") == "left"))
            .then(0)
            .when(pl.col("speaker_text_first").is_not_null())
            .then(1)
            .when(pl.col("_apposition_first").is_not_null())
            .then(2)
            .alias("_rank"),
            pl.when(pl.col("_side") == "left")
            .then(-pl.col("speaker_text_last"))
            .otherwise(pl.col("speaker_text_first"))
            .fill_null(0)
            .alias("_distance"),
        )
        .filter(pl.col("_rank").is_not_null())
    )
    return (
        candidates.sort(
            "_cid",
            "_rank",
            "_distance",
            pl.col("alias").str.len_chars(),
            # Ties (two names of one length in the apposition) went to whichever row came
            # first, which changed with the thread count: the name nearest the verb wins.
            pl.when(pl.col("_side") == "left")
            .then(-pl.col("_apposition_last"))
            .otherwise(pl.col("_apposition_first")),
            "actor",
            descending=[False, False, False, True, False, False],
            nulls_last=True,
        )
        .group_by("_cid", maintain_order=True)
        .agg(pl.col("actor").first())
    )


def by_head_word(clauses: pl.LazyFrame, mentions: pl.LazyFrame, profile: Profile) -> pl.LazyFrame:
    """ "the ministry", "Wang": the latest actor mentioned with that word in its names."""
    words = pl.LazyFrame(
        [
            (actor.id, word)
            for actor in profile.actors
            for word in {
                w.lower()
                for surface in (actor.name, *actor.aliases)
                for w in re.findall(r"[^\W\d_]+", surface)
            }
            if len(word) >= 2 and word not in STOP_WORDS
        ],
        schema={"actor": pl.String, "_head": pl.String},
        orient="row",
    )
    head = pl.coalesce(
        pl.col("speaker_text").str.extract(r"^(?:[Tt]he\s+)(?:[\p{L}’'-]+\s+){0,3}([\p{L}-]+)$", 1),
        pl.col("speaker_text").str.extract(r"^(\p{Lu}[\p{L}-]+)$", 1),
    ).str.to_lowercase()
    history = mentions.select(
        "article_id", "actor", pl.col("sentence_idx").alias("_at"), pl.col("start").alias("_pos")
    ).sort("article_id", "actor", "_at", "_pos")
    return (
        clauses.select("_cid", *KEYS, head.alias("_head"))
        .filter(pl.col("_head").is_not_null())
        .join(words, on="_head", how="inner")
        # Each candidate actor's latest mention up to the clause's sentence, found by an as-of
        # join: joining every earlier mention grew with the square of the article's length.
        .sort("article_id", "actor", "sentence_idx")
        .join_asof(
            history,
            left_on="sentence_idx",
            right_on="_at",
            by=["article_id", "actor"],
            strategy="backward",
            check_sortedness=False,
        )
        .filter(pl.col("_at").is_not_null())
        .sort("_cid", "_at", "_pos", descending=[False, True, True])
        .group_by("_cid", maintain_order=True)
        .agg(pl.col("actor").first())
    )


def person_mentions(
    sentences: pl.LazyFrame, mentions: pl.LazyFrame, profile: Profile, marks: pl.LazyFrame
) -> pl.LazyFrame:
    """Person-actor mentions that can be a pronoun's antecedent: not possessive, not quoted
    (``marks``: the sentences' :func:`~framescope.rules.quotation.quote_marks`)."""
    persons = [a.id for a in profile.actors if a.kind == "person"]
    # Three characters after the name tell a possessive: "’s" and the next one, for \b.
    possessive = pl.col("text").str.slice(pl.col("_rel_end"), 3).str.contains(r"^['’]s(?-u:\b)")
    found = in_sentence(mentions.filter(pl.col("actor").is_in(persons)), sentences)
    return (
        quoted(
            found.with_columns(
                (pl.col("start") - pl.col("_sentence_start")).alias("_rel_start"),
                (pl.col("end") - pl.col("_sentence_start")).alias("_rel_end"),
            ),
            marks,
            start="_rel_start",
            end="_rel_end",
        )
        .filter(~possessive & ~pl.col("_quoted"))
        .select(
            "article_id",
            pl.col("sentence_idx").alias("_at"),
            pl.col("start").alias("_pos"),
            "actor",
        )
    )


def by_pronoun(
    pronouns: pl.LazyFrame,
    resolved: pl.LazyFrame,
    persons: pl.LazyFrame,
    profile: Profile,
) -> pl.LazyFrame:
    """he/she: the last person speaker in the previous 3 sentences, else the last person
    mentioned in the previous 2; "unresolved" when the last speaker was not a person."""
    kinds = {a.id: a.kind for a in profile.actors}
    asking = pronouns.select("_cid", "article_id", "sentence_idx").sort(
        "article_id", "sentence_idx"
    )

    def latest_before(rows: pl.LazyFrame, window: int) -> pl.LazyFrame:
        # The last row (by sentence, then position) in a sentence before the pronoun's, if it
        # is at most ``window`` sentences back: an as-of join, so that the work does not grow
        # with the square of an article's attributions.
        return asking.join_asof(
            rows.sort("article_id", "_at", "_pos"),
            left_on="sentence_idx",
            right_on="_at",
            by="article_id",
            strategy="backward",
            allow_exact_matches=False,
            check_sortedness=False,
        ).filter(pl.col("_at") >= pl.col("sentence_idx") - window)

    speakers = resolved.select(
        "article_id",
        pl.col("sentence_idx").alias("_at"),
        pl.col("_verb_start").alias("_pos"),
        pl.col("actor").alias("_speaker"),
    )
    earlier = latest_before(speakers, 3).select(
        "_cid",
        pl.when(
            pl.col("_speaker").replace_strict(kinds, default="other", return_dtype=pl.String)
            == "person"
        )
        .then(pl.col("_speaker"))
        .otherwise(pl.lit("unresolved"))
        .alias("_by_speaker"),
    )
    mentioned = latest_before(persons, 2).select("_cid", pl.col("actor").alias("_by_mention"))
    he_or_she = pl.col("speaker_text").str.to_lowercase().is_in(["he", "she"])
    return (
        pronouns.select("_cid", "speaker_text")
        .join(earlier, on="_cid", how="left")
        .join(mentioned, on="_cid", how="left")
        .select(
            "_cid",
            pl.when(he_or_she)
            .then(pl.coalesce("_by_speaker", "_by_mention", pl.lit("unresolved")))
            .otherwise(pl.lit("unresolved"))
            .alias("actor"),
        )
    )
