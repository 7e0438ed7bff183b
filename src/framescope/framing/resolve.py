"""Which actor a speaker phrase names: the resolution half of the quotes table.

A speaker phrase (:func:`framescope.rules.speakers.clauses`) is resolved to a profile actor,
in this order:

1. a role (:func:`by_role`): a phrase that is one of an actor's roles ("the Chinese leader",
   "The president of the aggressor country", :mod:`framescope.rules.roles`) is that actor
   when the article names it, and stays as written when it does not; it never falls through
   to the rules below, which would read "the Kremlin chief" as the Kremlin;
2. an actor mention inside the phrase (the one nearest the verb, or the apposition's name:
   :func:`by_mention`), except a country's possessive before an outlet ("China's Xinhua
   news agency" is not China). A phrase that ends with a person's name (:func:`person_name`:
   "Kremlin spokesman Dmitry Peskov", "Zhang Hanhui, China's ambassador to Russia, said") is
   that person: only an actor within the name counts, not one in his title or apposition,
   and a person outside the profile is kept by name ("Yury Ushakov", not the Kremlin); a
   lone capitalised word that names no actor is not resolved through its apposition
   ("Ushakov, Putin's aide, said"), and is the person of that surname named as a speaker
   elsewhere in the article ("Ushakov said" after "Presidential Aide Yuri Ushakov told"). A
   place named as the speaker is its country actor, because the profile lists capitals among
   their country's aliases: "Moscow said", "Beijing insists" and "officials in Moscow say"
   are ``russia`` or ``china``, with that government's speaker_kind and voice; but a name
   right before a plural of people only modifies it (:data:`PEOPLE`: "U.S. officials",
   "Kremlin sources", "U.S. and European leaders" are unnamed people, kept as written);
3. for "the <word>" or a lone capitalised word ("the ministry", "Wang", "the newspaper"), the
   actor most recently mentioned in the article with that word in its name or aliases, a
   media actor for a word that names an outlet ("newspaper", "agency", "paper"), and never
   an actor the phrase's nationality or country contradicts: "the Chinese President" is not
   Putin, "the Russian ministry" not the Chinese one (:func:`by_head_word`);
4. for "he"/"she", the last person actor named before it in its own sentence, else a person
   who spoke, or was named as a subject, in the sentences just before it ("Putin met with
   Xi. He said" is Putin): :mod:`framescope.framing.pronouns` has the rules in their order;
5. for "the" and a title alone ("the official", "the spokesperson", "the ambassador":
   :data:`TITLE_WORDS`), the last person who spoke, named, in the previous four sentences
   (TASS: "Presidential Aide Yuri Ushakov told reporters ... 'It was agreed upon in
   advance,' the official said"), else the phrase as written (read with the pronouns:
   :func:`framescope.framing.pronouns.by_pronoun`).

Data sources ("China's customs data") are not resolved at all (the quotes table keeps them
as written, speaker_kind "data"). Limits: an actor's nationality is read from its names,
roles and voice, so an actor with none of these is never contradicted.

Names and titles are read by :mod:`framescope.framing.persons` (:func:`person_name`,
:data:`TITLE_WORDS`).
"""

from __future__ import annotations

import re

import polars as pl

from framescope.framing.persons import TITLE_WORDS
from framescope.profile import Profile
from framescope.rules import roles
from framescope.rules.nationalities import BY_COUNTRY
from framescope.rules.nationalities import PATTERN as NATIONALITY
from framescope.rules.reporting import PAIR
from framescope.rules.spans import KEYS
from framescope.rules.words import DETERMINER, STOP_WORDS

OUTLET_WORDS = (
    "newspaper", "paper", "daily", "agency", "broadcaster", "outlet", "publication", "channel",
    "website", "tabloid", "article", "commentary", "editorial", "writer", "author", "columnist",
)  # fmt: skip
"""Head words that name a media actor without its name ("the newspaper said", "the article
said", "The writer criticized")."""


EXPERTS = "experts|analysts|observers|scholars|economists|researchers|commentators|people"
"""Plurals of people who speak for no government: "experts from China and Russia" are not
the two countries."""

PEOPLE = (
    "officials|leaders|diplomats|lawmakers|legislators|senators|sources|analysts|experts|"
    "politicians|journalists|commentators|scholars|observers|negotiators|officers|economists|"
    "researchers|insiders|media|outlets|agencies|newspapers|broadcasters|companies|firms|banks"
)
"""Plurals of people or bodies that a place or institution name before them only modifies
("U.S. officials", "Kremlin sources", "Russian state media", "US outlets")."""


GOVERNMENT_BODIES = "ministry|government|cabinet|embassy|authorities|administration|presidency"
"""Head words of a country's own government bodies, which speak as that country."""

NAME_CONTINUATIONS = (
    "Post|Times|Journal|Daily|Today|Review|Herald|Tribune|Gazette|Insider|Examiner|Observer|"
    "Institute|University|Foundation|Center|Centre"
)
"""Capitalised words that make a place's name the start of another name ("Washington Post",
"Moscow Times", "Russia Today", "China Institute")."""


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
        # "Ukraine's air force", "Russia's Gazprom", "China's Xinhua news agency", "Putin's
        # spokesman": an owner is not the one who speaks (a name after it may be). A
        # country's ministry or government is that country's government voice ("Ukraine's
        # Ministry of Foreign Affairs said").
        rest = parts.list.get(1, null_on_oob=True)
        owner = (
            after.str.contains(r"^['’]s$")
            & ~rest.str.contains(rf"^['’]s\s+(?:[\w-]+\s+){{0,2}}(?i:{GOVERNMENT_BODIES})(?-u:\b)")
        ).fill_null(False)
        # "Washington Post", "Moscow Times", "Russia Today": a place that starts a longer
        # name is not the place.
        longer_name = rest.str.contains(rf"^\s+(?:{NAME_CONTINUATIONS})(?-u:\b)").fill_null(False)
        # "U.S. officials", "Kremlin sources", "U.S. and European leaders": a name before a
        # plural of people is their modifier; they are unnamed people, not the government.
        people = (
            parts.list.get(1, null_on_oob=True)
            .str.contains(rf"^\s+(?:[a-z-]+\s+)?(?:{PEOPLE})(?-u:\b)")
            .fill_null(False)
        )
        # "a former US ambassador" no longer speaks for the US.
        former = pl.col(phrase).str.contains(rf"(?i)(?-u:\b)(?:{'|'.join(roles.NOT_THE_HOLDER)})\s")
        # "a US State Department official", "a Kremlin source": one unnamed person, as "U.S.
        # officials" are several; "the Kremlin spokesperson" (one post) speaks for it.
        someone = pl.col(phrase).str.contains(r"^(?:[Aa]n?|[Oo]ne)\s") & rest.str.contains(
            rf"^(?:\s+[\p{{L}}.-]+){{0,2}}\s+(?:{'|'.join(TITLE_WORDS)}|source)$"
        ).fill_null(False)
        found = (
            (parts.list.len() > 1)
            & whole_word
            & ~owner
            & ~longer_name
            & ~people
            & ~former
            & ~someone
        )
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
    # A phrase that ends with a person's name is that person: an actor named in his title
    # ("Kremlin spokesman Dmitry Peskov", "Kremlin aide Yury Ushakov") or beside him ("Zhang
    # Hanhui, China's ambassador to Russia, said") is not the speaker; only an actor within
    # the name is. So is a lone capitalised word ("Ushakov, Putin's aide, said").
    person = pl.col("_person")
    name_from = pl.col("speaker_text").str.len_chars().cast(pl.Int64) - person.str.len_chars().cast(
        pl.Int64
    )
    proper = person.is_not_null() | pl.col("speaker_text").str.contains(r"^\p{Lu}[\p{Ll}'’-]+$")
    # "Experts from both China and Russia said": people not of the government, of a place.
    experts = pl.col("speaker_text").str.contains(
        rf"^(?i:(?:the|some|many|several|two|three)\s+)?(?:[a-z-]+\s+)?(?i:{EXPERTS})\s+"
        r"(?:from|in|at|of|across)\s"
    )
    # "according to Russia's top producer, Gazprom": the name in the apposition speaks.
    described = pl.col("_apposition_name").is_not_null()
    candidates = (
        clauses.join(named, on=list(KEYS), how="inner")
        .with_columns(*position("speaker_text"), *position("_apposition"))
        .with_columns(
            # Lower rank wins: a name opening the apposition ("..., Wang Wenbin, said"),
            # then the name nearest the verb in the phrase, then any name in the apposition.
            pl.when((pl.col("_apposition_first") == 0) & (pl.col("_side") == "left") & ~proper)
            .then(0)
            .when(
                pl.col("speaker_text_first").is_not_null()
                & ~experts
                & ~described
                & (
                    person.is_null()
                    | (
                        pl.col("speaker_text_last") + pl.col("alias").str.len_chars().cast(pl.Int64)
                        > name_from
                    )
                )
            )
            .then(1)
            .when(pl.col("_apposition_first").is_not_null() & ~proper)
            .then(2)
            .alias("_rank"),
            # The name that ends the phrase is its head, on either side of the verb: "Kremlin
            # spokesman Dmitry Peskov said", "according to Russia state news agency TASS".
            (-pl.col("speaker_text_last")).fill_null(0).alias("_distance"),
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


def apposition_name(phrase: pl.Expr, apposition: pl.Expr) -> pl.Expr:
    """The proper name in the apposition of a description, which names the speaker:
    "according to Russia's top producer, Gazprom" is Gazprom; null otherwise.

    Examples
    --------
    >>> f = pl.DataFrame({"p": ["Russia’s top producer", "the Kremlin", "its spokesman",
    ...                         "the Kremlin's foreign policy adviser"],
    ...                   "a": ["Gazprom", "Putin", "who said so", "Yury Ushakov"]})
    >>> f.select(apposition_name(pl.col("p"), pl.col("a"))).to_series().to_list()
    ['Gazprom', None, None, 'Yury Ushakov']
    """
    description = phrase.str.contains(
        r"^(?:(?:the|a|an|its|their|his|her)\s+(?:\p{Lu}[\p{L}.-]*['’]s\s+)?"
        r"|\p{Lu}[\p{L}.-]*['’]s\s+)"
        r"(?:[a-z][\w-]*\s+){0,3}[a-z][\w-]*$"
    )
    name = apposition.str.strip_chars(" .")
    return (
        pl.when(
            description & name.str.contains(r"^\p{Lu}[\p{L}.'’&-]*(?:\s+\p{Lu}[\p{L}.'’&-]*){0,3}$")
        )
        .then(name)
        .otherwise(None)
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


def alias_key(surface: pl.Expr) -> pl.Expr:
    """A surface compared with aliases: lowercase, one apostrophe, one space, no leading
    "the"."""
    return (
        surface.str.replace_all(r"[’‘]", "'")
        .str.replace_all(r"\s+", " ")
        .str.to_lowercase()
        .str.replace(r"^the ", "")
    )


def by_alias(clauses: pl.LazyFrame, profile: Profile) -> pl.LazyFrame:
    """A speaker phrase that is an actor's name or alias in another case ("Russia's foreign
    ministry" for "Russia's Foreign Ministry"), or in a country form of its nationality word
    ("China‘s Ministry of Foreign Affairs" for "Chinese Ministry of Foreign Affairs"), is that
    actor; a phrase two actors share is neither.

    Examples
    --------
    >>> from framescope.profile import load
    >>> c = pl.LazyFrame({"_cid": [0, 1], "speaker_text": ["Russia’s foreign ministry", "a man"]})
    >>> by_alias(c, load()).collect().rows()
    [(0, 'russian_foreign_ministry')]
    """

    def key(surface: str) -> str:
        return re.sub(r"^the ", "", re.sub(r"\s+", " ", surface.replace("’", "'").lower()))

    countries = roles.country_names(profile)
    owners: dict[str, set[str]] = {}
    for actor in profile.actors:
        for surface in (actor.name, *actor.aliases):
            # "Chinese Ministry of Foreign Affairs" also as "China's Ministry of Foreign Affairs".
            for form in roles.country_forms(key(surface), countries):
                owners.setdefault(key(form), set()).add(actor.id)
    table = {key: ids.pop() for key, ids in owners.items() if len(ids) == 1}
    return clauses.select(
        "_cid",
        alias_key(pl.col("speaker_text"))
        .replace_strict(table, default=None, return_dtype=pl.String)
        .alias("actor"),
    ).drop_nulls("actor")


PAIR_WINDOW = 3
"""Sentences back (and the clause's own) in which "the two leaders" looks for its pair."""


def by_pair(clauses: pl.LazyFrame, mentions: pl.LazyFrame, profile: Profile) -> pl.LazyFrame:
    """ "The two leaders said", "Both leaders called for": the two actors holding roles (the
    profile's leaders) named last, in the clause's sentence before its verb or in the
    :data:`PAIR_WINDOW` sentences before; a row for each, none when fewer than two are
    named.

    ``clauses`` has ``_cid``, the keys, ``speaker_text`` and ``_verb_start``; ``mentions``
    the mentions with offsets in the sentence (``start``). Returns ``_cid, actor``.

    Examples
    --------
    >>> from framescope.profile import load
    >>> c = pl.LazyFrame({"_cid": [0], "article_id": ["a"], "sentence_idx": [1],
    ...                   "speaker_text": ["The two leaders"], "_verb_start": [16]})
    >>> m = pl.LazyFrame({"article_id": ["a", "a"], "sentence_idx": [0, 0],
    ...                   "actor": ["xi_jinping", "vladimir_putin"], "start": [0, 10]})
    >>> sorted(by_pair(c, m, load()).collect().rows())
    [(0, 'vladimir_putin'), (0, 'xi_jinping')]
    """
    holders = [actor.id for actor in profile.actors if actor.kind == "person" and actor.roles]
    asking = clauses.filter(pl.col("speaker_text").str.contains(PAIR)).select(
        "_cid", "article_id", "sentence_idx", "_verb_start"
    )
    named = mentions.filter(pl.col("actor").is_in(holders)).select(
        "article_id", pl.col("sentence_idx").alias("_at"), pl.col("start").alias("_pos"), "actor"
    )
    latest = (
        asking.join(named, on="article_id", how="inner")
        .filter(
            (pl.col("_at") < pl.col("sentence_idx"))
            & (pl.col("_at") >= pl.col("sentence_idx") - PAIR_WINDOW)
            | (pl.col("_at") == pl.col("sentence_idx")) & (pl.col("_pos") < pl.col("_verb_start"))
        )
        .group_by("_cid", "actor")
        .agg((pl.col("_at").cast(pl.Int64) * 1_000_000 + pl.col("_pos")).max().alias("_last"))
        .sort("_cid", "_last", "actor", descending=[False, True, False])
        .group_by("_cid", maintain_order=True)
        .head(2)
    )
    return latest.filter(pl.len().over("_cid") == 2).select("_cid", "actor")


def by_document(clauses: pl.LazyFrame, profile: Profile) -> pl.LazyFrame:
    """A document of a country as the speaker is that country: "a subsequent Russian
    statement said" is ``russia``, when the nationality is a profile country's.

    Examples
    --------
    >>> from framescope.profile import load
    >>> c = pl.LazyFrame({"_cid": [0, 1], "speaker_text": ["a subsequent Russian statement",
    ...                                                   "the Chinese readout"]})
    >>> by_document(c, load()).collect().rows()
    [(0, 'russia'), (1, 'china')]
    """
    nationality = pl.col("speaker_text").str.extract(
        rf"^(?:{DETERMINER}\s+)?(?:[a-z-]+\s+){{0,2}}({NATIONALITY})\s+(?:joint\s+)?"
        r"(?:statement|readout|communiqu[eé]|announcement)$",
        1,
    )
    return clauses.select(
        "_cid",
        nationality.replace_strict(
            _nation_words(profile), default=None, return_dtype=pl.String
        ).alias("actor"),
    ).drop_nulls("actor")


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
        .sort("_cid", "_at", "_pos", "actor", descending=[False, True, True, False])
        .group_by("_cid", maintain_order=True)
        .agg(pl.col("actor").first())
    )
