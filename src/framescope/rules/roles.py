"""Roles: descriptions that refer to one profile actor within the event without naming it
("the Chinese leader", "the Kremlin chief", "the president of the aggressor country").

Forms (:func:`forms`)
    A role is listed once per actor in the profile (``roles``), without its article. It also
    matches in its country forms: when it opens with the nationality word of a profile
    country (a ``country`` actor whose name or alias is a country of
    :data:`framescope.rules.nationalities.BY_COUNTRY`: "Chinese" for ``china``), the rest
    after that country's name or alias as a possessive or after "of": "Chinese leader" also
    matches "China's leader", "Beijing’s leader", "leader of China" and "leader of the
    People's Republic of China". Forms match in any case, on word edges, with any whitespace
    between words and either apostrophe. A role's label is the profile descriptor it holds
    (the leftmost, the longest there: "Kremlin chief" gives "chief", "president of the
    aggressor country" gives "president"); a role without one ("head of the Kremlin",
    "Chinese side") resolves speakers but gives no label.

In sentences (:func:`occurrences`)
    A form is an occurrence of its actor's role unless the word before it makes it someone
    else's ("former", "ex-", "late", "then", "future", "next", "previous", "deputy", "vice",
    "acting": "former Russian president Dmitry Medvedev"), a form ending "of <country>" is
    followed by a possessive ("the leader of Russia's closest ally" is Xi), or a capitalised
    word follows it that does not start a mention of the same actor ("his Russian
    counterpart Sergey Lavrov" is Lavrov's title; "President of Russia Vladimir Putin" is
    Putin's). It counts only in an article that mentions the actor by name: "the Chinese
    president" in an article that names no Chinese president is left alone.

As a speaker (:func:`actor_of`)
    A speaker phrase *is* a role when it ends with a form and what comes before the form is
    at most an article or a possessive and two lowercase modifiers that are neither a
    preposition nor one of the words above ("the visiting Chinese leader", not "an adviser to
    the Chinese leader" or "the former Russian president").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

import polars as pl

from framescope.profile import Profile, role_key
from framescope.rules.nationalities import BY_COUNTRY
from framescope.rules.spans import KEYS, after, before
from framescope.rules.terms import locate
from framescope.rules.words import DETERMINER, MONTHS

NOT_THE_HOLDER = ("former", "ex", "late", "then", "future", "next", "previous", "deputy",
                  "vice", "acting", "would-be", "outgoing")  # fmt: skip
"""Words before a role that make it someone else's ("former Russian president")."""

_PREPOSITIONS = ("of", "for", "to", "at", "from", "with", "by", "on", "in", "about", "near",
                 "under", "against", "than", "like", "beside", "behind")  # fmt: skip
_NOT_A_NAME = rf"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|{'|'.join(MONTHS)})"


@dataclass(frozen=True)
class Role:
    """One form of a role: the actor it refers to and the label it gives (None: no label)."""

    actor: str
    role: str
    label: str | None


def country_names(profile: Profile) -> dict[str, tuple[str, ...]]:
    """Each nationality word (lowercase) of a profile country, and that country's name and
    aliases.

    Examples
    --------
    >>> from framescope.profile import load
    >>> country_names(load())["russian"]
    ('Russia', 'Russian Federation', 'Moscow')
    """
    names: dict[str, tuple[str, ...]] = {}
    for actor in profile.actors:
        if actor.kind != "country":
            continue
        surfaces = (actor.name, *actor.aliases)
        for surface in surfaces:
            for adjective in BY_COUNTRY.get(surface, ()):
                names[adjective.lower()] = tuple(dict.fromkeys(surfaces))
    return names


def _label(role: str, descriptors: Iterable[str]) -> str | None:
    found = [
        (match.start(), -len(descriptor), descriptor)
        for descriptor in descriptors
        for match in re.finditer(rf"(?<!\w){re.escape(descriptor)}(?!\w)", role)
    ]
    return min(found)[2] if found else None


def country_forms(key: str, countries: dict[str, tuple[str, ...]]) -> list[str]:
    """A lowercase phrase and, when it opens with a nationality word of ``countries``
    (:func:`country_names`), its forms with the country's names: possessive, "of", "of the".

    Examples
    --------
    >>> country_forms("chinese leader", {"chinese": ("China",)})
    ['chinese leader', "China's leader", 'leader of China', 'leader of the China']
    """
    first, _, rest = key.partition(" ")
    variants = [key]
    if rest and first in countries:
        for name in countries[first]:
            variants += [f"{name}'s {rest}", f"{rest} of {name}", f"{rest} of the {name}"]
    return variants


def forms(profile: Profile) -> dict[str, Role]:
    """Every form of every role (:func:`framescope.profile.role_key`), and its :class:`Role`.

    Examples
    --------
    >>> from framescope.profile import load
    >>> found = forms(load())
    >>> found["leader of the people's republic of china"]
    Role(actor='xi_jinping', role='Chinese leader', label='leader')
    >>> found["head of the kremlin"].label is None
    True
    """
    countries = country_names(profile)
    descriptors = sorted({d.lower() for d in profile.descriptors})
    found: dict[str, Role] = {}
    for actor in profile.actors:
        for role in actor.roles:
            key = role_key(role)
            entry = Role(actor=actor.id, role=role, label=_label(key, descriptors))
            for variant in country_forms(key, countries):
                found.setdefault(role_key(variant), entry)
    return found


def _bounded(form: str) -> str:
    words = [re.escape(word).replace("'", "['’]") for word in form.split()]
    return r"(?-u:\b)" + r"\s+".join(words) + r"(?-u:\b)"


def pattern(profile: Profile) -> str | None:
    """One pattern matching any role form, longest first, in any case; None without roles.

    Examples
    --------
    >>> from framescope.profile import load
    >>> s = pl.Series(["Russia’s President spoke", "the Kremlin chiefs"])
    >>> s.str.extract(pattern(load()), 0).to_list()
    ['Russia’s President', None]
    """
    keys = sorted(forms(profile), key=lambda k: (-len(k), k))
    if not keys:
        return None
    return "(?i:" + "|".join(_bounded(key) for key in keys) + ")"


def _lookup(surface: pl.Expr, profile: Profile, field: str) -> pl.Expr:
    table = {key: getattr(role, field) for key, role in forms(profile).items()}
    key = surface.str.replace_all("’", "'").str.replace_all(r"\s+", " ").str.to_lowercase()
    return key.replace_strict(table, default=None, return_dtype=pl.String)


def _holder_words() -> str:
    return "|".join(re.escape(word) for word in NOT_THE_HOLDER)


def occurrences(sentences: pl.LazyFrame, mentions: pl.LazyFrame, profile: Profile) -> pl.LazyFrame:
    """Role occurrences that refer to their actor, by the rules in the module docstring.

    ``sentences`` has ``article_id``, ``sentence_idx``, ``start`` and ``text``; ``mentions``
    the mentions of the same articles. Returns ``article_id, sentence_idx, actor, label,
    start, end`` (offsets within the sentence), in text order.

    Examples
    --------
    >>> from framescope import mentions as mention_table
    >>> from framescope.profile import load
    >>> s = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0], "start": [0],
    ...     "text": ["Putin met the Chinese leader; former Russian president Medvedev left."]})
    >>> m = mention_table.extract(s, load())
    >>> occurrences(s.lazy(), m.lazy(), load()).select("actor", "label").collect().rows()
    []
    >>> s = s.with_columns(pl.lit("Xi met the Chinese leader's aide.").alias("text"))
    >>> m = mention_table.extract(s, load())
    >>> occurrences(s.lazy(), m.lazy(), load()).select("actor", "label").collect().rows()
    [('xi_jinping', 'leader')]
    """
    found = pattern(profile)
    schema = {"article_id": pl.String, "sentence_idx": pl.Int32, "actor": pl.String,
              "label": pl.String, "start": pl.Int64, "end": pl.Int64}  # fmt: skip
    if found is None:
        return pl.LazyFrame(schema=schema)
    text = sentences.select(
        pl.col("article_id").cast(pl.String),
        pl.col("sentence_idx").cast(pl.Int32),
        pl.col("start").cast(pl.Int64).alias("_sentence_start"),
        "text",
    )
    holders = list({role.actor for role in forms(profile).values()})
    known = mentions.select(pl.col("article_id").cast(pl.String), "actor", "start").filter(
        pl.col("actor").is_in(holders)
    )
    named = known.select("article_id", "actor").unique()
    # A mention starting right after the role (article offsets): the role is its title.
    titled = known.select(
        "article_id",
        "actor",
        pl.col("start").cast(pl.Int64).alias("_name_at"),
        pl.lit(True).alias("_own_name"),
    )
    following = after(pl.col("end")).str.extract(r"^(\s+)\p{Lu}", 1)
    not_a_name = after(pl.col("end")).str.contains(rf"^\s+{_NOT_A_NAME}")
    return (
        locate(text, {"role": found})
        .with_columns(
            _lookup(pl.col("surface"), profile, "actor").alias("actor"),
            _lookup(pl.col("surface"), profile, "label").alias("label"),
            (
                before(pl.col("start")).str.contains(
                    rf"(?i)(?:^|[^\p{{L}}])(?:{_holder_words()})(?:\s+|-)$"
                )
                # "the leader of Russia's closest ally": the country's possessive, no role.
                | (
                    pl.col("surface").str.contains(r"\s(?i:of)\s")
                    & after(pl.col("end")).str.contains(r"^['’]s(?-u:\b)")
                )
            ).alias("_other_holder"),
            pl.when(~not_a_name)
            .then(
                pl.col("_sentence_start") + pl.col("end") + following.str.len_chars().cast(pl.Int64)
            )
            .alias("_name_at"),
        )
        .drop("text")
        .filter(~pl.col("_other_holder"))
        .join(named, on=["article_id", "actor"], how="semi")
        .join(titled, on=["article_id", "actor", "_name_at"], how="left")
        .filter(pl.col("_name_at").is_null() | pl.col("_own_name").fill_null(False))
        .select(*KEYS, "actor", "label", "start", "end")
        .sort(*KEYS, "start", maintain_order=True)
    )


def actor_of(phrase: pl.Expr, profile: Profile) -> pl.Expr:
    """The actor whose role a speaker phrase is (null if it is none), by the rule in the
    module docstring. Whether the article names the actor is the caller's test.

    Examples
    --------
    >>> from framescope.profile import load
    >>> s = pl.Series(["The Chinese President", "an adviser to the Chinese president",
    ...                "the former Russian president", "the visiting Kremlin chief", "Putin"])
    >>> s.to_frame("p").select(actor_of(pl.col("p"), load())).to_series().to_list()
    ['xi_jinping', None, None, 'vladimir_putin', None]
    """
    found = pattern(profile)
    if found is None:
        return pl.lit(None, dtype=pl.String)
    parts = phrase.str.extract_groups(
        rf"^(?P<head>(?:{DETERMINER}\s+|\p{{Lu}}[\p{{L}}.-]*['’]s\s+)?)"
        rf"(?P<modifiers>(?:[a-z][a-z-]*\s+){{0,2}}?)(?P<role>{found})$"
    )
    blocked = "|".join([_holder_words(), *_PREPOSITIONS])
    modifiers_ok = ~parts.struct.field("modifiers").str.contains(rf"(?i)(?:^|\s)(?:{blocked})\s")
    return pl.when(modifiers_ok).then(_lookup(parts.struct.field("role"), profile, "actor"))
