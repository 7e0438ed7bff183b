"""Labels: the descriptors outlets attach to actors ("dictator", "president", "state news
agency").

A descriptor is attached to an actor mention when it stands (1) inside the alias ("President
Xi Jinping" gives "president"), (2) right before the name, a closing quotation mark allowed
("Chinese dictator Xi Jinping", "spokesman Wang Wenbin", "his 'dear friend' Xi"), and so does
a descriptor joined to it by "and" ("his Russian counterpart and ally Vladimir Putin" gives
"counterpart" and "ally"); a plural title before two names joined by "and" is the second
name's too ("Presidents Xi and Putin", "both leaders Xi and Putin"); (3) in an apposition
after the name ("Xi, China's president", "Ian Bremmer, chairman of Eurasia Group"; up to
three modifiers, none a function word, and the descriptor ends the apposition or a
preposition or "who", "whose", "which", "that" follows it: "Xi, a powerful leader who
commands ...", "Xi, the most powerful world leader to have ...") or before it ("China's top
diplomat, Wang Yi"; after a preposition only where the name closes the apposition: "met with
his Russian counterpart, Vladimir Putin, on Tuesday", not "According to a Chinese official,
Mr Putin did"), or as its predicate, after a copula ("Putin is a war criminal"; not "is not a
...") or with a verb of calling before the name ("called Russian President Vladimir Putin a
'war criminal'", "called Putin his 'dear friend'", "hailed Xi as a partner"; up to two
modifiers, none a function word), or (4) after the name in "the <name> <descriptor>" ("the
Putin regime"); (5) as the descriptor in an actor's role, where the role stands for the actor
(:mod:`framescope.rules.roles`: "the Chinese leader said" gives Xi "leader", "the president
of the aggressor country" gives Putin "president", in an article that names them).

Plurals name two actors (6): two roles joined in one plural ("the Chinese and Ukrainian
leaders", "the leaders of Russia and China", "the presidents of the People's Republic of
China and the Russian Federation") give each role's actor its label, in an article that names
them; and "the leaders", "the two presidents", "both leaders", "the two heads of state", "the
leaders of the two countries" (a plural of a role label that at least two actors hold, after
"the", "the two" or "both", not followed by another "of") give the label to the pair named
last: the latest sentence, up to this one, that names (by name or role) two or more
*candidates*, if it names exactly two, and if no other candidate is named after it up to the
plural. Candidates are the persons who hold a labelled role, and the persons the article
itself calls by one of those labels ("French President Emmanuel Macron"); only a role's holder
gets its label.

A head of state's counterpart (7): "his Chinese counterpart" (or "Putin's Chinese
counterpart") with no name after it gives "counterpart" to the holder of the role "Chinese
leader" (else "Chinese president"), in an article that names that holder, when the last
person named before it, other than that holder, holds a labelled role and no other full
name stands between them ("Putin congratulated his Chinese counterpart" gives Xi; "Wang Yi
met his Russian counterpart" and "Putin said Sergey Lavrov met his Chinese counterpart" give
nobody).

Listed descriptors (``profile.descriptors``) are matched with their plurals ("leaders",
"chairmen", "heads of state") and reported in their listed, lowercased form (``listed=True``).
Unlisted descriptors are *discovered* in the premodifier slot only: the 1-3 lowercase words
right before a name that follow a nationality word (:mod:`framescope.rules.nationalities`:
"Russian", "Swiss", "Sino-Russian", "US") or a possessive ("Russian state news agency TASS"
gives "state news agency"; "Morgan senior economist Wang Wenbin" gives nothing, since
"Morgan" is no nationality), unless one of the words is a stop word or a reporting verb or
the last ends in -ed/-ing/-ly (``listed=False``). One row per sentence x actor x label.

Limits: discovered labels are not lemmatised; a role gives a label only when the article names
its actor; a pronoun's predicate is not followed ("he was reelected as the country's leader"); a
descriptor separated from the name by another apposition is not reached ("my friend, the
president of the People's Republic of China, comrade Xi Jinping" gives "president" and
"comrade", not "friend"); "the two leaders" whose pair is not the last one named (or is a
person the profile does not know) is given to the last pair named, or to nobody where the
last sentence names three.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

import polars as pl

from framescope.profile import Profile
from framescope.rules import roles
from framescope.rules.nationalities import PATTERN as NATIONALITY
from framescope.rules.reporting import REPORTING_VERBS
from framescope.rules.spans import KEYS, after, in_sentence, sentence_frame
from framescope.rules.terms import alternation, locate, normalised
from framescope.rules.words import DETERMINER, STOP_WORDS

LABEL_SCHEMA = pl.Schema(
    {
        "article_id": pl.String(),
        "sentence_idx": pl.Int32(),
        "actor": pl.String(),
        "label": pl.String(),
        "listed": pl.Boolean(),
    }
)
"""Columns of the labels table: ``label`` is a lowercased descriptor; ``listed`` says
whether it is in the profile's descriptor list (False: discovered)."""

_POSS = r"[A-Z][\p{L}.-]*['’]s"
_PREPOSITION = r"(?:of|for|at|to|in|with|from|on)"
_CLOSER = r"['’\"”]?"  # a closing quotation mark after a descriptor ("his 'dear friend' Xi")
_NOT_BETWEEN = sorted(STOP_WORDS - {"most", "more", "very"})
"""Words that end an apposition's modifiers: "Xi, the most powerful world leader" is one, "Putin,
who met the Chinese leader" is none."""
_ADJUNCT = (
    r",\s+(?:on|in|at|during|for|amid|as|and|to|with|after|before|this|last|next|earlier|later"
    r"|when|while|where)(?-u:\b)"
)
_NEVER = r"[^\s\S]"  # a pattern that never matches keeps the plan the same without terms
_COUNTRY = r"(?:the\s+)?\p{Lu}[\p{L}'’]*(?:\s+(?:of\s+)?\p{Lu}[\p{L}'’]*){0,3}"
_DISCOVERY_WINDOW = 120  # characters before a mention searched for premodifiers
_AFTER_WINDOW = 160  # characters after a mention searched for an apposition


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _plurals(word: str) -> list[str]:
    """Regular plurals of a lowercase word ("chairman" -> "chairmen", "ally" -> "allies")."""
    if not word[-1:].isalpha():
        return []
    if word.endswith("man"):
        return [word[:-3] + "men"]
    if word.endswith("y") and word[-2:-1] not in ("a", "e", "o", "u"):
        return [word[:-1] + "ies"]
    return [word + "es"] if word.endswith(("s", "x", "z", "ch", "sh")) else [word + "s"]


def _plural_forms(terms: Iterable[str]) -> dict[str, str]:
    """Each lowercase term and its regular plurals, mapped to the term; a term with "of"
    takes the plural before it ("heads of state")."""
    forms: dict[str, str] = {}
    for term in terms:
        forms.setdefault(term, term)
        head, of, rest = term.partition(" of ")
        for plural in _plurals(head):
            forms.setdefault(plural + of + rest, term)
    return forms


def _key(surface: pl.Expr) -> pl.Expr:
    return surface.str.replace_all("’", "'").str.replace_all(r"\s+", " ").str.to_lowercase()


def _plural_labels(
    sentences: pl.DataFrame,
    mentions: pl.LazyFrame,
    *,
    occurring: pl.LazyFrame,
    listed: pl.LazyFrame,
    profile: Profile,
    forms: dict[str, str],
) -> pl.LazyFrame:
    """Plural descriptors of two actors: two roles joined ("the Chinese and Ukrainian
    leaders", "the leaders of Russia and China"), and "the (two) leaders", "both leaders" of
    the pair named last (rules in the module docstring). Returns ``article_id,
    sentence_idx, actor, start, label, listed``."""
    table = roles.forms(profile)
    holders: dict[str, set[str]] = {}
    for role in table.values():
        if role.label is not None:
            holders.setdefault(role.label, set()).add(role.actor)
    # Plurals of the roles' labels ("leaders", "heads of state"); "the two leaders" only of
    # labels two or more actors hold.
    plural = {form: term for form, term in forms.items() if form != term and term in holders}
    paired = {form: term for form, term in plural.items() if len(holders[term]) >= 2}
    held_by = {actor for actors in holders.values() for actor in actors}
    any_plural = alternation(plural) if plural else _NEVER
    the = r"(?-u:\b)[Tt]he\s+"
    # Two roles in one plural: its parts (a, b) and the role key of a part.
    joined = [
        (
            rf"{the}(?P<a>{NATIONALITY})\s+and\s+(?P<b>{NATIONALITY})\s+(?P<plural>{any_plural})",
            lambda part, one: _key(part) + " " + one,  # "the Chinese and Ukrainian leaders"
        ),
        (
            rf"{the}(?:two\s+)?(?P<plural>{any_plural})\s+of\s+(?P<a>{_COUNTRY})\s+and\s+"
            rf"(?P<b>{_COUNTRY})",
            lambda part, one: one + " of " + _key(part),  # "the leaders of Russia and China"
        ),
    ]
    pair = (
        rf"(?-u:\b)(?:[Tt]he\s+(?:two\s+)?|[Bb]oth\s+(?:the\s+)?)"
        rf"({alternation(paired) if paired else _NEVER})"
        r"(\s+of\s+(?:the\s+two|both)\s+(?:countries|nations|states)(?-u:\b)|\s+of(?-u:\b))?"
    )
    # Few sentences hold a plural descriptor: the patterns below read only those.
    text = sentence_frame(sentences).filter(pl.col("text").str.contains(any_plural)).collect()
    singular = lambda found: normalised(found).replace_strict(  # noqa: E731
        plural, default=None, return_dtype=pl.String
    )
    # "and <word> leaders", "leaders of": what both shapes need, tested before the patterns.
    joins = text.lazy().filter(
        pl.col("text").str.contains(rf"\sand\s+\S+\s+{any_plural}|{any_plural}\s+of\s")
    )
    by_roles = []
    for pattern, role_key in joined:
        groups = pl.col("surface").str.extract_groups(pattern).struct
        one = singular(groups.field("plural"))
        by_roles.append(
            locate(joins, {"plural": pattern})
            .drop("text")
            .select(
                *KEYS,
                "start",
                pl.concat_list([role_key(groups.field(p), one) for p in "ab"]).alias("_key"),
            )
            .explode("_key")
        )
    actor_of = {key: role.actor for key, role in table.items()}
    label_of = {key: role.label for key, role in table.items() if role.label is not None}
    from_roles = (
        pl.concat(by_roles)
        .select(
            *KEYS,
            # Typed: with no roles in the profile the tables are empty and the type unknown.
            pl.col("_key")
            .replace_strict(actor_of, default=None, return_dtype=pl.String)
            .alias("actor"),
            "start",
            pl.col("_key")
            .replace_strict(label_of, default=None, return_dtype=pl.String)
            .alias("label"),
        )
        .filter(pl.col("actor").is_not_null() & pl.col("label").is_not_null())
        .join(mentions, on=["article_id", "actor"], how="semi")  # the article names it
        .collect()
        .lazy()  # read twice: labels and candidates below
    )
    of = pl.col("surface").str.extract(pair, 2)
    plurals = (
        locate(text.lazy(), {"pair": pair})
        .drop("text")
        .filter(of.is_null() | ~of.str.contains(r"of$"))
        .select(*KEYS, "start", singular(pl.col("surface").str.extract(pair, 1)).alias("label"))
        .collect()
    )
    # Who may be one of "the two leaders" (in the articles that have such a plural): a person
    # holding a labelled role, or a person the article itself calls by one of the roles' labels
    # ("French President Emmanuel Macron").
    where = plurals.select(pl.col("article_id").unique()).lazy()
    persons = [actor.id for actor in profile.actors if actor.kind == "person"]
    called = (
        listed.join(where, on="article_id", how="semi")
        .filter(pl.col("label").is_in(list(holders)) & pl.col("actor").is_in(persons))
        .select("article_id", "actor")
        .unique()
    )
    rows = pl.concat(
        [frame.select(*KEYS, "actor") for frame in (mentions, occurring, from_roles)]
    ).join(where, on="article_id", how="semi")
    candidates = (
        pl.concat(
            [
                rows.filter(pl.col("actor").is_in(sorted(held_by))),
                rows.join(called, on=["article_id", "actor"], how="semi"),
            ]
        )
        .unique()
        .collect()
        .lazy()  # read twice below
    )
    pairs = (
        candidates.group_by(*KEYS)
        .agg(pl.col("actor").unique().sort().alias("_pair"))
        .filter(pl.col("_pair").list.len() >= 2)
        .select("article_id", pl.col("sentence_idx").alias("_at"), "_pair")
    )
    held = pl.LazyFrame(
        [(label, actor) for label, actors in holders.items() for actor in actors],
        schema={"label": pl.String, "actor": pl.String},
        orient="row",
    )
    occurrences = (
        plurals.lazy()
        .sort("sentence_idx")
        .join_asof(
            pairs.sort("_at"),
            left_on="sentence_idx",
            right_on="_at",
            by="article_id",
            strategy="backward",
            check_sortedness=False,  # sorted by sentence, so within each article too
        )
        .filter(pl.col("_pair").list.len() == 2)
    )
    # A candidate named after the pair's sentence, up to the plural, who is not one of the
    # pair makes "the two leaders" someone else's.
    others = (
        occurrences.join(
            candidates.select("article_id", pl.col("sentence_idx").alias("_in"), "actor"),
            on="article_id",
        )
        .filter(
            (pl.col("_in") > pl.col("_at"))
            & (pl.col("_in") <= pl.col("sentence_idx"))
            & ~pl.col("_pair").list.contains(pl.col("actor"))
        )
        .select(*KEYS, "start")
    )
    from_pairs = (
        occurrences.join(others, on=[*KEYS, "start"], how="anti")
        .explode("_pair")
        .select(*KEYS, pl.col("_pair").alias("actor"), "start", "label")
        .join(held, on=["label", "actor"], how="semi")
    )
    return pl.concat([from_roles, from_pairs]).with_columns(pl.lit(True).alias("listed"))


def _counterparts(
    sentences: pl.DataFrame, mentions: pl.LazyFrame, occurring: pl.LazyFrame, profile: Profile
) -> pl.LazyFrame:
    """ "His Chinese counterpart" with no name after it, said of a head of state: the holder
    of the other country's "leader" (or "president") role (rules in the module docstring).
    ``mentions`` has article offsets, ``occurring`` (roles) offsets in the sentence. Returns
    ``article_id, sentence_idx, actor, start, label, listed``."""
    table = roles.forms(profile)
    heads = {key: role.actor for key, role in table.items() if role.label is not None}
    held_by = sorted(set(heads.values()))
    persons = [actor.id for actor in profile.actors if actor.kind == "person"]
    pattern = rf"(?:(?-u:\b)(?:[Hh]is|[Hh]er)|{_POSS})\s+({NATIONALITY})\s+counterpart(?-u:\b)"
    nationality = pl.col("surface").str.extract(pattern, 1).str.to_lowercase()
    text = (
        sentence_frame(sentences, start=True)
        .rename({"start": "_sentence_start"})
        .filter(pl.col("text").str.contains("counterpart", literal=True))
        .collect()
    )
    found = (
        locate(text.lazy(), {"counterpart": pattern})
        # "his Russian counterpart Sergey Lavrov", "..., Xi Jinping": a name's title.
        .filter(~after(pl.col("end")).str.contains(r"^,?\s*\p{Lu}"))
        .select(
            *KEYS,
            "start",
            pl.coalesce(
                (nationality + " " + word).replace_strict(
                    heads, default=None, return_dtype=pl.String
                )
                for word in ("leader", "president")
            ).alias("actor"),
        )
        .filter(pl.col("actor").is_not_null())
    )
    people = pl.concat(
        [
            mentions.join(text.lazy().select(*KEYS, "_sentence_start"), on=list(KEYS)).select(
                *KEYS,
                "actor",
                (pl.col("start") - pl.col("_sentence_start")).alias("_from"),
                (pl.col("end") - pl.col("_sentence_start")).alias("_to"),
            ),
            occurring.select(
                *KEYS, "actor", pl.col("start").alias("_from"), pl.col("end").alias("_to")
            ),
        ]
    ).filter(pl.col("actor").is_in(persons))
    # Whose counterpart: the last person named before "his" (or the possessive's own name)
    # other than the counterpart ("Xi called Putin his friend and praised his Russian
    # counterpart" is Xi's).
    owners = (
        found.join(people.rename({"actor": "_owner"}), on=list(KEYS))
        .filter((pl.col("_from") <= pl.col("start")) & (pl.col("_owner") != pl.col("actor")))
        .sort("_to")
        .group_by(*KEYS, "start", "actor")
        .agg(pl.col("_owner").last(), pl.col("_to").last())
    )
    between = pl.col("text").str.slice(
        pl.col("_to"), pl.max_horizontal(pl.col("start") - pl.col("_to"), 0)
    )
    return (
        in_sentence(owners, text.lazy().rename({"_sentence_start": "start"}))
        # A head of state's counterpart, with no other full name between ("Putin said Sergey
        # Lavrov met his Chinese counterpart" is Lavrov's).
        .filter(
            pl.col("_owner").is_in(held_by)
            & ~between.str.contains(r"\p{Lu}\p{Ll}+\s+\p{Lu}\p{Ll}+")
        )
        .select(*KEYS, "actor", "start", pl.lit("counterpart").alias("label"))
        .join(mentions, on=["article_id", "actor"], how="semi")  # the article names it
        .with_columns(pl.lit(True).alias("listed"))
    )


def labels(sentences: pl.DataFrame, mentions: pl.DataFrame, profile: Profile) -> pl.DataFrame:
    """Descriptors attached to actor mentions, listed and discovered.

    Parameters
    ----------
    sentences
        ``article_id``, ``sentence_idx``, ``start`` and ``text`` of each sentence.
    mentions
        The mentions table of those sentences (:func:`framescope.mentions.extract`).
    profile
        Its ``descriptors`` are the listed labels.

    Returns
    -------
    DataFrame in :data:`LABEL_SCHEMA`, one row per sentence x actor x label, sorted by
    sentence. The rules are in the module docstring.

    Examples
    --------
    >>> from framescope import mentions as mention_table
    >>> from framescope.profile import load
    >>> text = "Chinese dictator Xi Jinping met Russian state news agency TASS."
    >>> s = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0], "start": [0], "text": [text]})
    >>> found = labels(s, mention_table.extract(s, load()), load())
    >>> found.select("actor", "label", "listed").rows()
    [('xi_jinping', 'dictator', True), ('tass', 'state news agency', False)]
    """
    descriptors = _unique(d.lower() for d in profile.descriptors)
    if mentions.is_empty() or sentences.is_empty():
        return pl.DataFrame(schema=LABEL_SCHEMA)
    forms = _plural_forms(descriptors) if descriptors else {}
    # A pattern that never matches keeps the plan the same when the profile lists nothing.
    any_form = alternation(forms) if forms else r"[^\s\S]"
    singular = alternation(descriptors) if descriptors else r"[^\s\S]"
    named = f"({any_form})"
    plural = alternation({f: t for f, t in forms.items() if f != t}) if forms else r"[^\s\S]"
    between = rf"(?:(?:[a-z][\w-]*|{NATIONALITY})\s+){{0,2}}?"
    title = rf"^{named}\s"
    premodifier = rf"{named}{_CLOSER}\s+$"
    # "his Russian counterpart and ally Vladimir Putin": the first of two joined descriptors.
    coordinated = rf"{named}\s+and\s+{any_form}{_CLOSER}\s+$"
    # "Presidents Xi and Putin": a plural title before two names is the second name's too.
    shared = rf"(?:^|\s)({plural})\s+(?:\p{{Lu}}[\p{{L}}.'’-]*\s+){{1,3}}and\s+$"
    apposition_after = (
        rf"^,\s+(?:{DETERMINER}\s+|{_POSS}\s+)?"
        rf"(?P<words>(?:(?:[a-z][\w-]*|{NATIONALITY})\s+){{0,3}}?)(?P<label>{any_form})"
        rf'(?:\s+(?:{_PREPOSITION}|who|whose|which|that)(?-u:\b)|\s*[,.;:)”’"]|\s*$)'
    )
    # A predicate of the name: after a copula ("Putin is a war criminal") or a verb of calling
    # before the name ("called Putin his 'dear friend'", "hailed Xi as a friend").
    predicate = (
        rf"^\s+(?:(?P<copula>is|was|remains|remained|became|has\s+been|had\s+been)\s+"
        rf"(?:(?:also|now|still|officially|effectively)\s+)?|(?:as\s+)?){DETERMINER}\s+['‘“\"]?"
        rf"(?P<words>(?:(?:[a-z][\w-]*|{NATIONALITY})\s+){{0,2}}?)(?P<label>{any_form})"
        rf"(?:['’\"”](?:[^\p{{L}}]|$)|(?:\s+(?:{_PREPOSITION}|who|whose|which|that|and)(?-u:\b)"
        rf"|\s*[,.;:)]|\s*$))"
    )
    calling = (
        r"(?i:(?:^|\s)(?:call(?:s|ed|ing)?|dubb(?:ed|ing)|describ(?:es|ed|ing)|hail(?:s|ed|ing)))"
        rf"\s+(?:{NATIONALITY}\s+)?$"
    )
    apposition_before = (
        rf"(?:^|(?P<word>\S+)\s+)(?:{DETERMINER}|{_POSS}|{NATIONALITY})\s+{between}"
        rf"(?P<label>{any_form})"
        rf'(?:\s+{_PREPOSITION}\s+[^,;:“”"]{{1,60}}?)?,\s*$'
    )
    discovered = (
        rf"(?:^|\s)(?:{NATIONALITY}|{_POSS}|his|her|its|their)\s+((?:[a-z][a-z-]*\s+){{1,3}})$"
    )
    rel_start = pl.col("start") - pl.col("_sentence_start")
    rel_end = pl.col("end") - pl.col("_sentence_start")
    window = pl.max_horizontal(rel_start - _DISCOVERY_WINDOW, pl.lit(0))
    before = pl.col("text").str.slice(window, rel_start - window)
    after = pl.col("text").str.slice(rel_end, _AFTER_WINDOW)
    possessive = after.str.contains(r"^['’]s(?-u:\b)")
    aside = before.str.extract_groups(apposition_before)
    # "According to a Chinese official, Mr Putin": a phrase after a preposition is not an
    # apposition, unless the name closes it ("met with his Russian counterpart, Vladimir
    # Putin, on Tuesday"); nor is one before a possessive ("his counterpart, China's new
    # minister").
    closed = after.str.contains(rf'^\s*(?:$|[.;:!?)”"’]|{_ADJUNCT})')
    aside_ok = ~possessive & (
        closed
        | ~aside.struct.field("word")
        .str.to_lowercase()
        .is_in(
            ["to", "of", "by", "from", "with", "for", "in", "at", "on", "about", "against", "than"]
        )
        .fill_null(False)
    )
    appended = after.str.extract_groups(apposition_after)
    function_word = rf"(?:^|\s)(?:{'|'.join(map(re.escape, _NOT_BETWEEN))})\s"  # in modifiers
    plain = ~appended.struct.field("words").str.contains(function_word).fill_null(True)
    said = after.str.extract_groups(predicate)
    said_ok = (
        said.struct.field("copula").is_not_null() | before.str.contains(calling)
    ) & ~said.struct.field("words").str.contains(function_word).fill_null(True)
    found = in_sentence(
        mentions.lazy().select(*KEYS, "actor", "alias", "start", "end"), sentences.lazy()
    ).select(
        *KEYS,
        "actor",
        "start",
        pl.col("alias").str.extract(title, 1).alias("title"),
        before.str.extract(premodifier, 1).alias("premodifier"),
        before.str.extract(coordinated, 1).alias("coordinated"),
        before.str.extract(shared, 1).alias("shared"),
        pl.when(plain).then(appended.struct.field("label")).alias("apposition_after"),
        pl.when(aside_ok).then(aside.struct.field("label")).alias("apposition_before"),
        pl.when(~possessive & said_ok).then(said.struct.field("label")).alias("predicate"),
        # "the Putin regime"; singular only: "the SCO leaders' summit" is about members.
        pl.when(before.str.contains(r"(?i:(?-u:\b)the)\s+$"))
        .then(after.str.extract(rf"^\s+({singular})(?:$|[^\p{{L}}’'])", 1))
        .alias("postmodifier"),
        before.str.extract(discovered, 1).str.strip_chars().alias("discovered"),
    )
    # Collected once: the listed labels, the discovered ones and the plurals' candidates read it.
    found = found.collect().lazy()
    words = pl.col("label").str.split(" ")
    rejected = _unique([*STOP_WORDS, *REPORTING_VERBS, *(f.split()[0] for f in REPORTING_VERBS)])
    listed = (
        found.unpivot(
            index=[*KEYS, "actor", "start"],
            on=[
                "title",
                "premodifier",
                "coordinated",
                "shared",
                "apposition_after",
                "apposition_before",
                "predicate",
                "postmodifier",
            ],
            variable_name="rule",
            value_name="label",
        )
        .filter(pl.col("label").is_not_null())
        .select(
            *KEYS,
            "actor",
            "start",
            normalised(pl.col("label"))
            .replace_strict(forms, default=None, return_dtype=pl.String)
            .alias("label"),
            pl.lit(True).alias("listed"),
        )
        .collect()
        .lazy()  # read twice: a table of its own and who the article calls "president"
    )
    occurring = roles.occurrences(sentences.lazy(), mentions.lazy(), profile).collect().lazy()
    described = occurring.filter(pl.col("label").is_not_null()).select(
        *KEYS, "actor", "start", "label", pl.lit(True).alias("listed")
    )
    keyed = mentions.lazy().select(
        pl.col("article_id").cast(pl.String), pl.col("sentence_idx").cast(pl.Int32), "actor"
    )
    plurals = _plural_labels(
        sentences, keyed, occurring=occurring, listed=listed, profile=profile, forms=forms
    )
    if "counterpart" in forms:
        positioned = mentions.lazy().select(
            pl.col("article_id").cast(pl.String),
            pl.col("sentence_idx").cast(pl.Int32),
            "actor",
            pl.col("start").cast(pl.Int64),
            pl.col("end").cast(pl.Int64),
        )
        plurals = pl.concat(
            [plurals, _counterparts(sentences, positioned, occurring, profile)],
            how="diagonal_relaxed",
        )
    unlisted = (
        found.filter(pl.col("premodifier").is_null() & pl.col("discovered").is_not_null())
        .select(
            *KEYS,
            "actor",
            "start",
            normalised(pl.col("discovered")).alias("label"),
            pl.lit(False).alias("listed"),
        )
        .filter(
            ~words.list.eval(pl.element().is_in(rejected)).list.any()
            & ~pl.col("label").str.contains(r"(?:ed|ing|ly)$")
        )
    )
    return (
        pl.concat([listed, described, plurals, unlisted], how="diagonal_relaxed")
        .filter(pl.col("label").is_not_null())
        .sort(*KEYS, "start", maintain_order=True)
        .unique(subset=[*KEYS, "actor", "label"], keep="first", maintain_order=True)
        .select(list(LABEL_SCHEMA))
        .cast(LABEL_SCHEMA)
        .collect()
    )
