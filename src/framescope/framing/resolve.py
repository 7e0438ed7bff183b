"""Which actor a speaker phrase names: the resolution half of the quotes table.

A speaker phrase (:func:`framescope.rules.speakers.clauses`) is resolved to a profile actor,
in this order:

1. a role (:func:`by_role`): a phrase that is one of an actor's roles ("the Chinese leader",
   "The president of the aggressor country", :mod:`framescope.rules.roles`) is that actor
   when the article names it, and stays as written when it does not; it never falls through
   to the rules below, which would read "the Kremlin chief" as the Kremlin;
2. an actor mention inside the phrase (the one nearest the verb, or the apposition's name:
   :func:`by_mention`), except a country's possessive before an outlet ("China's Xinhua
   news agency" is not China). A place named as the speaker is its country actor, because
   the profile lists capitals among their country's aliases: "Moscow said", "Beijing
   insists" and "officials in Moscow say" are ``russia`` or ``china``, with that
   government's speaker_kind and voice;
3. for "the <word>" or a lone capitalised word ("the ministry", "Wang", "the newspaper"), the
   actor most recently mentioned in the article with that word in its name or aliases, a
   media actor for a word that names an outlet ("newspaper", "agency", "paper"), and never
   an actor the phrase's nationality or country contradicts: "the Chinese President" is not
   Putin, "the Russian ministry" not the Chinese one (:func:`by_head_word`);
4. for "he"/"she" (:func:`by_pronoun`), the last person actor named before it in its own
   sentence, not after a preposition ("Putin spoke after talks with Xi, where he said ..."
   is Putin); else the speaker of the nearest attribution in the previous three sentences if
   it is a person: a person actor, or a phrase that ends with a person's name ("Russian
   Prime Minister Mikhail Mishustin", kept as written; "Kremlin spokesman Dmitry Peskov",
   resolved to the Kremlin); "unresolved" if it is an institution ("the ministry"); else the
   last person actor mentioned, not as a possessive and not inside quotes, in the previous
   two sentences, one not after a preposition first ("Putin met with Xi. He said" is Putin).

Data sources ("China's customs data") are not resolved at all (the quotes table keeps them
as written, speaker_kind "data"). Limits: gender is not known, so "she" can resolve to a
man; an actor's nationality is read from its names, roles and voice, so an actor with none
of these is never contradicted; a pronoun after another pronoun looks past it (to the named
speaker or mention before).
"""

from __future__ import annotations

import re

import polars as pl

from framescope.profile import Profile
from framescope.rules import roles
from framescope.rules.nationalities import BY_COUNTRY
from framescope.rules.nationalities import PATTERN as NATIONALITY
from framescope.rules.quotation import quoted
from framescope.rules.spans import KEYS, in_sentence
from framescope.rules.words import STOP_WORDS

OUTLET_WORDS = (
    "newspaper", "paper", "daily", "agency", "broadcaster", "outlet", "publication", "channel",
    "website", "tabloid",
)  # fmt: skip
"""Head words that name a media actor without its name ("the newspaper said")."""


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
        # "China's Xinhua news agency", "Russia's state news agencies": the country owns the
        # outlet, it does not speak through it.
        outlet = after.str.contains(r"^['’]s$").fill_null(False) & pl.col(phrase).str.contains(
            rf"(?i)(?-u:\b)(?:{'|'.join(OUTLET_WORDS)}|agencies|media|television|tv)$"
        ).fill_null(False)
        found = (parts.list.len() > 1) & whole_word & ~outlet
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


def by_role(clauses: pl.LazyFrame, mentions: pl.LazyFrame, profile: Profile) -> pl.LazyFrame:
    """Each clause whose speaker phrase is a role, and its actor when the article names it
    (else null: the phrase stays as written)."""
    named = mentions.select("article_id", "actor", pl.lit(True).alias("_named")).unique()
    return (
        clauses.select(
            "_cid", "article_id", roles.actor_of(pl.col("speaker_text"), profile).alias("actor")
        )
        .filter(pl.col("actor").is_not_null())
        .join(named, on=["article_id", "actor"], how="left")
        .select("_cid", pl.when(pl.col("_named")).then(pl.col("actor")).alias("actor"))
    )


def _nation_words(profile: Profile) -> dict[str, str]:
    """Each surface that names a profile country (its name, aliases and nationality words, as
    written), and the country's id."""
    words: dict[str, str] = {}
    for actor in profile.actors:
        if actor.kind == "country":
            for surface in (actor.name, *actor.aliases):
                words.setdefault(surface, actor.id)
                for adjective in BY_COUNTRY.get(surface, ()):
                    words.setdefault(adjective, actor.id)
    return words


def nations(profile: Profile) -> dict[str, list[str]]:
    """The countries each actor belongs to, read from its names, aliases and roles ("Chinese
    leader": ``china``); an actor with none is its voice's country when one profile country
    has that voice (Wang Wenbin, ``chinese_official``: ``china``).

    Examples
    --------
    >>> from framescope.profile import load
    >>> found = nations(load())
    >>> found["vladimir_putin"], found["china"], found["ian_bremmer"]
    (['russia'], ['china'], [])
    """
    words = _nation_words(profile)
    voices: dict[str, list[str]] = {}
    for actor in profile.actors:
        if actor.kind == "country" and actor.voice.endswith("_official"):
            voices.setdefault(actor.voice, []).append(actor.id)
    found: dict[str, list[str]] = {}
    for actor in profile.actors:
        text = " ".join((actor.name, *actor.aliases, *actor.roles))
        own = {actor.id} if actor.kind == "country" else set()
        own |= {
            country
            for word, country in words.items()
            if re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text)
        }
        if not own and len(voices.get(actor.voice, [])) == 1:
            own = set(voices[actor.voice])
        found[actor.id] = sorted(own)
    return found


def _phrase_nations(phrase: pl.Expr, profile: Profile) -> pl.Expr:
    """The countries a phrase names (profile countries by id; other nationalities as
    written): "the Chinese President" names ``china``, "the British envoy" "British"."""
    words = _nation_words(profile)
    names = "|".join(re.escape(word) for word in sorted(words, key=len, reverse=True))
    found = phrase.str.extract_all(rf"(?-u:\b)(?:{names})(?-u:\b)|{NATIONALITY}")
    return found.list.eval(pl.element().replace(words)).list.unique()


def by_head_word(clauses: pl.LazyFrame, mentions: pl.LazyFrame, profile: Profile) -> pl.LazyFrame:
    """ "the ministry", "Wang", "the newspaper": the latest actor mentioned with that word in
    its names (a media actor for an outlet word), not one the phrase's nationality
    contradicts."""
    words = pl.LazyFrame(
        [
            (actor.id, word)
            for actor in profile.actors
            for word in {
                w.lower()
                for surface in (actor.name, *actor.aliases)
                for w in re.findall(r"[^\W\d_]+", surface)
            }
            | (set(OUTLET_WORDS) if actor.kind == "media" else set())
            if len(word) >= 2 and word not in STOP_WORDS
        ],
        schema={"actor": pl.String, "_head": pl.String},
        orient="row",
    )
    actor_nations = pl.LazyFrame(
        list(nations(profile).items()),
        schema={"actor": pl.String, "_actor_nations": pl.List(pl.String)},
        orient="row",
    )
    head = pl.coalesce(
        pl.col("speaker_text").str.extract(r"^(?:[Tt]he\s+)(?:[\p{L}’'-]+\s+){0,3}([\p{L}-]+)$", 1),
        pl.col("speaker_text").str.extract(r"^(\p{Lu}[\p{L}-]+)$", 1),
    ).str.to_lowercase()
    history = mentions.select(
        "article_id", "actor", pl.col("sentence_idx").alias("_at"), pl.col("start").alias("_pos")
    ).sort("article_id", "actor", "_at", "_pos")
    phrase_nations = pl.col("_phrase_nations")
    contradicted = (
        (phrase_nations.list.len() > 0)
        & (pl.col("_actor_nations").list.len() > 0)
        & (phrase_nations.list.set_intersection("_actor_nations").list.len() == 0)
    )
    return (
        clauses.select(
            "_cid",
            *KEYS,
            head.alias("_head"),
            _phrase_nations(pl.col("speaker_text"), profile).alias("_phrase_nations"),
        )
        .filter(pl.col("_head").is_not_null())
        .join(words, on="_head", how="inner")
        .join(actor_nations, on="actor", how="left")
        .filter(~contradicted.fill_null(False))
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
    (``marks``: the sentences' :func:`~framescope.rules.quotation.quote_marks`), with their
    offset in the article (``_pos``) and in their sentence (``_in_sentence``), and whether
    they follow a preposition (``_object``)."""
    persons = [a.id for a in profile.actors if a.kind == "person"]
    # Three characters after the name tell a possessive: "’s" and the next one, for \b.
    possessive = pl.col("text").str.slice(pl.col("_rel_end"), 3).str.contains(r"^['’]s(?-u:\b)")
    found = in_sentence(mentions.filter(pl.col("actor").is_in(persons)), sentences)
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


_INSTITUTION_WORDS = (
    "Ministry|Department|Office|Council|Committee|Administration|Service|Agency|Bank|"
    "Foundation|Group|Institute|Center|Centre|Organisation|Organization|Union|Party|Government|"
    "Times|Post|Journal|News|Daily|Gazette|Press|Television|Kremlin|House|Court|Fund|"
    "Association|Commission|Bureau|Customs|Review|Assembly|Parliament|Duma|Forum|Company|"
    "Corporation|Holdings|University|College|School|Representation|Embassy|Mission|Statistics"
)
PERSON_NAMED = (
    rf"(?:^|\s)\p{{Lu}}[\p{{Ll}}'’-]+\s+(?:{_INSTITUTION_WORDS}$|(\p{{Lu}}[\p{{Ll}}'’-]+$))"
)
"""A speaker phrase that ends with a first and last name ("acting head Ruslan Davydov"), as
a pattern whose group 1 is set only then ("the Russian Foreign Ministry" ends with an
institution's name, not a person's)."""


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
        # "Kremlin spokesman Dmitry Peskov", "Russian Prime Minister Mikhail Mishustin": a
        # phrase that ends with a person's name is a person, whatever it resolved to.
        pl.col("speaker_text").str.extract(PERSON_NAMED, 1).is_not_null().alias("_named"),
        pl.col("speaker_text").alias("_speaker_text"),
    )
    earlier = latest_before(speakers, 3).select(
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
    )
    # A subject before an object ("Putin met with Xi. He said ..." is Putin), else anyone.
    subject = latest_before(persons.filter(~pl.col("_object")), 2).select(
        "_cid", pl.col("actor").alias("_by_subject")
    )
    mentioned = latest_before(persons, 2).select("_cid", pl.col("actor").alias("_by_mention"))
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
        .join(subject, on="_cid", how="left")
        .join(mentioned, on="_cid", how="left")
        .select(
            "_cid",
            pl.when(he_or_she)
            .then(
                pl.coalesce(
                    "_in_sentence_actor",
                    "_by_speaker",
                    "_by_subject",
                    "_by_mention",
                    pl.lit("unresolved"),
                )
            )
            .otherwise(pl.lit("unresolved"))
            .alias("actor"),
        )
    )
