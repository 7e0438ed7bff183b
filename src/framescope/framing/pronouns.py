"""Pronouns and titles alone as speakers: who "he said" and "the official said" are, the last
two steps of speaker resolution (:mod:`framescope.framing.resolve` has the whole order).

"he"/"she" (:func:`by_pronoun`) is the last person actor named before it in its own
sentence, not after a preposition ("Putin spoke after talks with Xi, where he said ..." is
Putin); else a person actor named as a subject (not after a preposition) in a sentence after
the last attribution and at most two back ("The Kremlin said ... Peskov declined to give
details. 'There was ...,' he said" is Peskov); else the speaker of the nearest attribution
in the previous three sentences if it is a person: a person actor, or a phrase that ends
with a person's name ("Russian Prime Minister Mikhail Mishustin": Mikhail Mishustin);
"unresolved" if it is an institution ("the ministry"); else the last person actor
mentioned, not as a possessive and not inside quotes (:func:`person_mentions`), in the
previous two sentences, one not after a preposition first ("Putin met with Xi. He said" is
Putin).

"the" and a title alone ("the official", "the spokesperson", "the ambassador":
:func:`framescope.framing.persons.titled`) is the last person who spoke, named, in the
previous four sentences (TASS: "Presidential Aide Yuri Ushakov told reporters ... 'It was
agreed upon in advance,' the official said"), else the phrase as written.

Limits: gender is not known, so "she" can resolve to a man; a pronoun after another pronoun
looks past it (to the named speaker or mention before).
"""

from __future__ import annotations

import polars as pl

from framescope.framing.persons import titled
from framescope.profile import Profile
from framescope.rules.quotation import quoted
from framescope.rules.spans import in_sentence


def person_mentions(
    sentences: pl.LazyFrame, mentions: pl.LazyFrame, profile: Profile, marks: pl.LazyFrame
) -> pl.LazyFrame:
    """Person-actor mentions that can be a pronoun's antecedent: not possessive, not quoted
    (``marks``: the sentences' :func:`~framescope.rules.quotation.quote_marks`), with their
    offset in the article (``_pos``) and in their sentence (``_in_sentence``), and whether
    they follow a preposition (``_object``)."""
    persons = [a.id for a in profile.actors if a.kind == "person"]
    # Three characters after the name tell a possessive: "’s" and the next one, for \b.
    possessive = pl.col("text").str.slice(pl.col("_rel_end"), 3).str.contains(r"^['’]s(?-u:\b)")
    # Collected once: quoted() sets its flags beside the rows, and two evaluations of a join
    # need not give its rows in one order (which made "he" resolve differently between runs).
    found = in_sentence(mentions.filter(pl.col("actor").is_in(persons)), sentences).collect().lazy()
    # "talks with Xi", "a call to Putin": a name after a preposition is no clause's subject.
    window = pl.max_horizontal(pl.col("_rel_start") - 16, pl.lit(0))
    after_preposition = (
        pl.col("text")
        .str.slice(window, pl.col("_rel_start") - window)
        .str.contains(
            r"(?i)(?-u:\b)(?:with|to|by|for|from|of|on|at|about|against|than|between)\s+$"
        )
    )
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
            pl.col("_rel_start").alias("_in_sentence"),
            after_preposition.alias("_object"),
        )
    )


def by_pronoun(
    pronouns: pl.LazyFrame,
    resolved: pl.LazyFrame,
    persons: pl.LazyFrame,
    profile: Profile,
) -> pl.LazyFrame:
    """he/she: the last person actor named before it in its sentence (not after a
    preposition), else the last person
    speaker in the previous 3 sentences (a person actor, or a phrase ending in a person's
    name: that actor or phrase), else the last person mentioned in the previous 2 (not after
    a preposition first);
    "unresolved" when the last speaker was not a person."""
    kinds = {a.id: a.kind for a in profile.actors}
    asking = pronouns.select("_cid", "article_id", "sentence_idx").sort(
        "article_id", "sentence_idx"
    )

    def latest_before(rows: pl.LazyFrame, window: int, tie: str) -> pl.LazyFrame:
        # The last row (by sentence, then position) in a sentence before the pronoun's, if it
        # is at most ``window`` sentences back: an as-of join, so that the work does not grow
        # with the square of an article's attributions. ``tie`` orders rows at one position
        # (the parts of "Xi and Putin said"), so that the choice does not change between runs.
        return asking.join_asof(
            rows.sort("article_id", "_at", "_pos", tie),
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
        "_part",
        pl.col("actor").alias("_speaker"),
        # "Kremlin spokesman Dmitry Peskov", "Russian Prime Minister Mikhail Mishustin": a
        # phrase that ends with a person's name is that person.
        pl.col("_person").is_not_null().alias("_named"),
        pl.col("_person").alias("_speaker_text"),
    )
    earlier = latest_before(speakers, 3, "_part").select(
        "_cid",
        pl.when(
            pl.col("_speaker").replace_strict(kinds, default="other", return_dtype=pl.String)
            == "person"
        )
        .then(pl.col("_speaker"))
        .when(pl.col("_named"))
        .then(pl.coalesce("_speaker", "_speaker_text"))
        .otherwise(pl.lit("unresolved"))
        .alias("_by_speaker"),
        pl.col("_at").alias("_speaker_at"),
    )
    # "the official": the last person who spoke, named, in the previous four sentences (not
    # a role or an institution that spoke in between).
    is_person = (
        pl.col("_speaker").replace_strict(kinds, default="other", return_dtype=pl.String)
        == "person"
    ) | pl.col("_named")
    named_person = latest_before(speakers.filter(is_person), 4, "_part").select(
        "_cid", pl.coalesce("_speaker", "_speaker_text").alias("_by_person")
    )
    # A subject before an object ("Putin met with Xi. He said ..." is Putin), else anyone.
    subject = latest_before(persons.filter(~pl.col("_object")), 2, "actor").select(
        "_cid", pl.col("actor").alias("_by_subject"), pl.col("_at").alias("_subject_at")
    )
    mentioned = latest_before(persons, 2, "actor").select(
        "_cid", pl.col("actor").alias("_by_mention")
    )
    # "Vladimir Putin has been speaking ..., where he says": a person named before the pronoun
    # in its own sentence, not after a preposition ("talks with Xi"), comes first.
    same_sentence = (
        pronouns.select("_cid", "article_id", "sentence_idx", pl.col("_verb_start").cast(pl.Int64))
        .sort("article_id", "sentence_idx", "_verb_start")
        .join_asof(
            persons.filter(~pl.col("_object"))
            .select(
                "article_id",
                pl.col("_at").cast(pl.Int32).alias("sentence_idx"),
                pl.col("_in_sentence").cast(pl.Int64).alias("_before"),
                pl.col("actor").alias("_in_sentence_actor"),
            )
            .sort("article_id", "sentence_idx", "_before"),
            left_on="_verb_start",
            right_on="_before",
            by=["article_id", "sentence_idx"],
            strategy="backward",
            allow_exact_matches=False,
            check_sortedness=False,
        )
        .select("_cid", "_in_sentence_actor")
    )
    he_or_she = pl.col("speaker_text").str.to_lowercase().is_in(["he", "she"])
    return (
        pronouns.select("_cid", "speaker_text")
        .join(same_sentence, on="_cid", how="left")
        .join(earlier, on="_cid", how="left")
        .join(named_person, on="_cid", how="left")
        .join(subject, on="_cid", how="left")
        .join(mentioned, on="_cid", how="left")
        .select(
            "_cid",
            pl.when(he_or_she)
            .then(
                pl.coalesce(
                    "_in_sentence_actor",
                    # A person named as a subject after the last speaker, when that speaker
                    # was no person: "The Kremlin said ... Peskov declined to give details.
                    # 'There was ...,' he said." After a person who spoke, a person named in
                    # between is more often inside that person's reported words ("Wang said
                    # ... President Xi has maintained close contact ... he said").
                    pl.when(
                        pl.col("_speaker_at").is_null()
                        | (
                            (pl.col("_subject_at") > pl.col("_speaker_at"))
                            & (pl.col("_by_speaker") == "unresolved")
                        )
                    ).then(pl.col("_by_subject")),
                    "_by_speaker",
                    "_by_subject",
                    "_by_mention",
                    pl.lit("unresolved"),
                )
            )
            # "the official", "the spokesperson": the person who spoke last, named ("Kremlin
            # aide Yury Ushakov told reporters ... 'It was agreed,' the official said"); else
            # the phrase as written.
            .when(titled(pl.col("speaker_text")))
            .then(pl.col("_by_person"))
            .otherwise(pl.lit("unresolved"))
            .alias("actor"),
        )
    )
