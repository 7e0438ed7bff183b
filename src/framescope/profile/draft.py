"""``framescope profile draft``: a commented event profile, drafted from a corpus, to edit.

The draft proposes actors (people, organisations, countries) ranked by how many articles and
outlets name them, each with the surface forms seen for it grouped as aliases (full name,
surname, "President X", transliterations; possessives are matched by the code), exclusions
where a surname or name word is shared with a name that is not the actor, and the roles
("Chinese leader", "Kremlin chief") written next to it when it is the only actor they were
written next to. It guesses the event date from the coverage peak and lists the words most
often next to a figure as candidate metrics. Names are found by rules, see
:mod:`framescope.profile.names` for why.

The corpus is read and counted in batches by :mod:`framescope.profile.corpus`, so memory is
bounded whatever its size; this module turns the summed counts into a draft and TOML.

Examples
--------
>>> import polars as pl
>>> articles = pl.DataFrame({"source": ["A", "B"], "published": [None, None],
...     "text": ["Chinese leader Xi Jinping met President Putin. Xi smiled.",
...              "Russian President Vladimir Putin greeted Xi Jinping's team."]},
...     schema_overrides={"published": pl.Date})
>>> result = propose(count(articles))
>>> [(a.name, a.n_articles, a.aliases) for a in result.actors[:2]]
[('Vladimir Putin', 2, ('Vladimir Putin', 'President Putin', 'President Vladimir Putin', 'Putin')), ('Xi Jinping', 2, ('Xi Jinping', 'Xi'))]
>>> result.actors[1].roles
('Chinese leader',)
"""  # noqa: E501

from __future__ import annotations

import re
from collections import Counter, defaultdict
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from datetime import date
from pathlib import Path

import polars as pl

from framescope.profile import load_base, names
from framescope.profile.corpus import Counts, count, count_corpus, peak_date, read_batches
from framescope.profile.model import Profile, role_key

__all__ = ["Candidate", "Draft", "Metric", "count", "draft", "propose", "render"]

MAX_ALIASES = 12
MAX_EXCLUSIONS = 5


@dataclass(frozen=True)
class Candidate:
    """A proposed actor, with the counts a person needs to judge it."""

    id: str
    name: str
    kind: str
    n_articles: int
    n_outlets: int
    aliases: tuple[str, ...]
    roles: tuple[str, ...] = ()
    exclusions: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True)
class Metric:
    """A word seen next to figures, with its most frequent units."""

    id: str
    term: str
    n_articles: int
    units: tuple[str, ...]


@dataclass(frozen=True)
class Draft:
    """A drafted profile as data (what :func:`render` writes as TOML)."""

    articles: int
    outlets: int
    event_date: date | None
    peak_articles: int
    actors: tuple[Candidate, ...]
    metrics: tuple[Metric, ...] = ()
    notes: tuple[str, ...] = field(default=())


def _snake(name: str) -> str:
    ascii_name = re.sub(r"[^a-z0-9]+", "_", name.lower().replace("’", "").replace("'", ""))
    ascii_name = ascii_name.strip("_")
    return ascii_name if re.match(r"^[a-z]", ascii_name) else f"actor_{ascii_name}".rstrip("_")


def _groups(counts: pl.DataFrame) -> dict[str, str]:
    """Each name (title and possessive off) -> the key of the actor it belongs to."""
    by_articles = dict(counts.select("name", "n").iter_rows())
    ordered = sorted(by_articles, key=lambda n: (-by_articles[n], n))
    key: dict[str, str] = {}
    by_skeleton: dict[str, str] = {}
    multi = [n for n in ordered if " " in n and names.kind_of(n) == "person"]
    for name in ordered:  # transliterations and institutions' forms, most frequent first
        kind = names.kind_of(name)
        if kind in ("institution", "media", "organisation"):
            group = f"i:{names.institution_key(name)}"
        elif kind == "country":
            group = f"c:{names.COUNTRIES[name]}"
        else:
            group = f"s:{names.skeleton(name)}"
        key[name] = by_skeleton.setdefault(group, name)
    parents: dict[str, list[str]] = defaultdict(list)
    alone = {names.skeleton(n): by_articles[n] for n in reversed(ordered) if " " not in n}
    for full in multi:  # its first or last word ("Xi", "Putin"), whichever is more used alone
        if key[full] != full:
            continue
        words = [names.skeleton(w) for w in (full.split()[0], full.split()[-1])]
        parents[max(words, key=lambda w: (alone.get(w, 0), w == words[1]))].append(full)
    for name in ordered:
        if " " in name or names.kind_of(name) != "other":
            continue
        owners = parents.get(names.skeleton(name), [])
        if len(owners) == 1 or (
            len(owners) > 1 and by_articles[owners[0]] >= 2 * by_articles[owners[1]]
        ):
            key[name] = owners[0]
    return {name: key[key[name]] for name in key}


def propose(counts: Counts, *, top: int = 30, min_articles: int = 1) -> Draft:
    """The draft profile's actors, event date and metrics from corpus counts.

    Parameters
    ----------
    counts
        From :func:`count` or :func:`count_corpus`.
    top
        Actors proposed at most, the most named first.
    min_articles
        Articles an actor must be named in to be proposed.
    """
    forms = counts.forms
    readings = {s: names.readings(s) for s in forms["surface"].unique().to_list()}
    per_form = pl.DataFrame(
        [(s, r.name, r.titled, r.role) for s, found in readings.items() for r in found],
        schema={"surface": pl.String, "name": pl.String, "titled": pl.String, "role": pl.String},
        orient="row",
    )
    mentions = forms.join(per_form, on="surface")
    name_counts = mentions.group_by("name").agg(pl.col("article").n_unique().alias("n"))
    actor_of = _groups(name_counts)
    mentions = mentions.with_columns(
        pl.col("name").replace_strict(actor_of, default=None).alias("actor")
    ).drop_nulls("actor")
    ranked = (
        mentions.group_by("actor")
        .agg(
            pl.col("article").n_unique().alias("n_articles"),
            pl.col("source").n_unique().alias("n_outlets"),
        )
        .filter(pl.col("n_articles") >= min_articles)
        .sort(["n_articles", "n_outlets", "actor"], descending=[True, True, False])
        .head(top)
    )
    chosen = ranked["actor"].to_list()
    aliases = _aliases(mentions, chosen)
    roles, role_notes = _roles(counts.roles, per_form, actor_of, chosen)
    exclusions = _exclusions(name_counts, actor_of, aliases, chosen)
    notes = _shared_words(name_counts, actor_of, chosen)
    taken: set[str] = set()
    ids: set[str] = set()
    actors = []
    for actor, n_articles, n_outlets in ranked.iter_rows():
        own = tuple(a for a in aliases[actor] if a not in taken)
        taken.update(own)
        actor_id = _snake(actor)
        while actor_id in ids:
            actor_id += "_2"
        ids.add(actor_id)
        actors.append(
            Candidate(
                id=actor_id,
                name=actor,
                kind=names.kind_of(actor),
                n_articles=n_articles,
                n_outlets=n_outlets,
                aliases=own or (actor,),
                roles=tuple(r for r in roles.get(actor, ()) if r not in taken),
                exclusions=exclusions.get(actor, ()),
                notes=(*role_notes.get(actor, ()), *notes.get(actor, ())),
            )
        )
    event_date, peak = peak_date(counts.dates)
    return Draft(
        articles=counts.articles,
        outlets=forms["source"].n_unique(),
        event_date=event_date,
        peak_articles=peak,
        actors=tuple(actors),
        metrics=_metrics(counts.figures),
    )


def _aliases(mentions: pl.DataFrame, chosen: list[str]) -> dict[str, tuple[str, ...]]:
    """Each actor's names and titled forms, the most frequent first (its name leads)."""
    forms = pl.concat(
        [
            mentions.select("actor", "article", pl.col("name").alias("form")),
            mentions.drop_nulls("titled").select(
                "actor", "article", pl.col("titled").alias("form")
            ),
        ]
    )
    counted = (
        forms.filter(pl.col("actor").is_in(chosen))
        .group_by("actor", "form")
        .agg(pl.col("article").n_unique().alias("n"))
        .sort(["actor", "n", "form"], descending=[False, True, False])
    )
    result: dict[str, tuple[str, ...]] = {}
    for (actor,), group in counted.group_by("actor", maintain_order=True):
        others = [f for f in group["form"] if f != actor][: MAX_ALIASES - 1]
        result[str(actor)] = (str(actor), *others)
    return result


def with_base(actors: Iterable[Candidate], base: Profile) -> tuple[Candidate, ...]:
    """Candidates as an event profile that extends ``base`` must write them: one that has an
    alias of a base actor becomes that actor's entry (same id, so it replaces the base's, with
    the base's aliases and roles kept and the forms seen added); an alias or role that is
    another base actor's is left out, because a profile gives each to one actor.

    Examples
    --------
    >>> from framescope.profile import load_base
    >>> us = Candidate("us", "US", "country", 4, 4, ("US", "Washington"))
    >>> merged = with_base([us], load_base())[0]
    >>> merged.id, merged.aliases[:2], merged.notes
    ('united_states', ('United States', 'U.S.'), ("the base profile's 'united_states', with its aliases",))
    """  # noqa: E501
    owner = {alias: actor for actor in base.actors for alias in actor.aliases}
    role_owner = {role_key(r): actor for actor in base.actors for r in actor.roles}
    merged: dict[str, Candidate] = {}
    for candidate in actors:
        known = next((owner[a] for a in candidate.aliases if a in owner), None)
        mine = known.id if known else None
        aliases = [a for a in candidate.aliases if a not in owner or owner[a].id == mine]
        roles = [
            r
            for r in candidate.roles
            if role_key(r) not in role_owner or role_owner[role_key(r)].id == mine
        ]
        if known is None:
            if aliases:
                merged.setdefault(candidate.id, replace(candidate, aliases=tuple(aliases)))
            continue
        before = merged.get(known.id)
        note = f"the base profile's {known.id!r}, with its aliases"
        merged[known.id] = Candidate(
            id=known.id,
            name=known.name,
            kind=known.kind,
            n_articles=max(candidate.n_articles, before.n_articles if before else 0),
            n_outlets=max(candidate.n_outlets, before.n_outlets if before else 0),
            aliases=_unique((*(before.aliases if before else known.aliases), *aliases)),
            roles=_unique((*(before.roles if before else known.roles), *roles)),
            exclusions=_unique(
                (*(before.exclusions if before else known.exclusions), *candidate.exclusions)
            ),
            notes=_unique((*(before.notes if before else (note,)), *candidate.notes)),
        )
    return tuple(merged.values())


def _unique(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _first_name(surface: str | None) -> str | None:
    found = names.readings(surface) if surface else ()
    return found[0].name if found else None


def _roles(
    roles: pl.DataFrame, per_form: pl.DataFrame, actor_of: dict[str, str], chosen: list[str]
) -> tuple[dict[str, tuple[str, ...]], dict[str, list[str]]]:
    """Roles written next to one actor only, and how often each was written alone."""
    titled_roles = per_form.drop_nulls("role").select("role", "name")
    written = [
        (role, _first_name(surface))
        for role, surface in roles.select("role", "surface").iter_rows()
    ] + list(titled_roles.iter_rows())
    next_to: dict[str, Counter[str]] = defaultdict(Counter)
    alone: Counter[str] = Counter()
    for role, name in written:
        key = " ".join(role.split())
        if name is None:
            alone[key] += 1
        elif name in actor_of:
            next_to[key][actor_of[name]] += 1
    result: dict[str, list[str]] = defaultdict(list)
    notes: dict[str, list[str]] = defaultdict(list)
    for role, actors in sorted(next_to.items(), key=lambda kv: -sum(kv[1].values())):
        (actor, n), *others = actors.most_common()
        if actor not in chosen:
            continue
        if others:
            shared = ", ".join(a for a, _ in others[:3])
            notes[actor].append(f"role {role!r} not listed: also written before {shared}")
            continue
        result[actor].append(role)
        notes[actor].append(f"role {role!r}: {_n(n, 'time')} before the name, {alone[role]} alone")
    return {a: tuple(r) for a, r in result.items()}, notes


def _exclusions(
    name_counts: pl.DataFrame,
    actor_of: dict[str, str],
    aliases: dict[str, tuple[str, ...]],
    chosen: list[str],
) -> dict[str, tuple[str, ...]]:
    """Names of someone else that contain one of an actor's one-word aliases ("Olena
    Zelenska" is no Zelensky, "South China Sea" no China), the most frequent first."""
    words: dict[str, str] = {}
    for actor in chosen:
        for alias in aliases.get(actor, ()):
            if " " not in alias:
                words[alias] = actor
    found: dict[str, list[str]] = defaultdict(list)
    # Ties broken by name: the draft is the same text for the same corpus (a build with no
    # profile fingerprints it).
    for name, _ in name_counts.sort(["n", "name"], descending=[True, False]).iter_rows():
        owner = actor_of.get(name)
        for word in name.split():
            holder = words.get(_first_name(word) or word)
            if holder and owner not in chosen and " " in name and name not in found[holder]:
                found[holder].append(name)
    return {a: tuple(n[:MAX_EXCLUSIONS]) for a, n in found.items()}


def _shared_words(
    name_counts: pl.DataFrame, actor_of: dict[str, str], chosen: list[str]
) -> dict[str, list[str]]:
    """A one-word name left out because several actors share it ("Wang": Wang Yi, Wang
    Wenbin), noted on each of them."""
    by_word: dict[str, set[str]] = defaultdict(set)
    for actor in chosen:
        if " " in actor and names.kind_of(actor) == "person":
            parts = actor.split()
            for word in {parts[0], parts[-1]}:
                by_word[word].add(actor)
    n_of = dict(name_counts.iter_rows())
    notes: dict[str, list[str]] = defaultdict(list)
    for word, owners in by_word.items():
        if len(owners) > 1 and n_of.get(word) and actor_of.get(word) not in owners:
            shared = ", ".join(sorted(owners))
            for owner in owners:
                alone = _n(n_of[word], "article")
                notes[owner].append(f"{word!r} alone ({alone}) may be any of {shared}: not listed")
    return notes


def _metrics(figures: pl.DataFrame, *, top: int = 10) -> tuple[Metric, ...]:
    """The words most often next to a figure, with their units."""
    if figures.is_empty():
        return ()
    per_term = (
        figures.group_by("term")
        .agg(
            pl.col("article").n_unique().alias("n"),
            pl.col("unit").value_counts(sort=True).alias("units"),
        )
        .sort(["n", "term"], descending=[True, False])
        .head(top)
    )
    metrics = []
    for term, n, units in per_term.iter_rows():
        metrics.append(Metric(_snake(term), term, n, tuple(u["unit"] for u in units[:3])))
    return tuple(metrics)


def _n(number: int, noun: str) -> str:
    return f"{number} {noun}" + ("" if number == 1 else "s")


def _toml_list(values: Iterable[str]) -> str:
    return "[" + ", ".join(_toml_string(v) for v in values) + "]"


def _toml_string(value: str) -> str:
    escaped = value.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


def render(draft: Draft, *, profile_id: str = "draft", title: str | None = None) -> str:
    """The draft as commented TOML that extends the base profile.

    Examples
    --------
    >>> d = Draft(articles=2, outlets=2, event_date=date(2023, 3, 20), peak_articles=2,
    ...           actors=(Candidate("xi", "Xi", "person", 2, 2, ("Xi",)),))
    >>> print(render(d).split("[[actors]]")[1].strip())
    # 2 articles, 2 outlets
    id = "xi"
    name = "Xi"
    kind = "person"
    speaker_kind = "other"
    voice = "other"
    aliases = ["Xi"]
    """
    speaker = {"country": "government", "institution": "government"}
    when = draft.event_date.isoformat() if draft.event_date else date.today().isoformat()
    why_date = (
        f"the coverage peak: {draft.peak_articles} articles within a day of it"
        if draft.event_date
        else "no article has a publication date: set the event's day"
    )
    lines = [
        "# Drafted by `framescope profile draft` from "
        f"{draft.articles} articles by {draft.outlets} outlets: edit before use.",
        "# Actors are ranked by the articles that name them; check every alias, delete what is",
        "# not an actor of this event, and set speaker_kind and voice. Possessives ('s) are",
        "# matched by the code, so they are not listed. Roles are descriptions written next",
        "# to one actor only; exclusions are names of someone else that contain an alias.",
        'extends = "base"',
        "",
        "[profile]",
        f"id = {_toml_string(profile_id)}",
        f"title = {_toml_string(title or profile_id.replace('_', ' ').capitalize())}",
        f"event_date = {_toml_string(when)}  # {why_date}",
        'languages = ["en"]',
    ]
    for actor in draft.actors:
        counted = f"# {_n(actor.n_articles, 'article')}, {_n(actor.n_outlets, 'outlet')}"
        lines += ["", "[[actors]]", counted]
        lines += [f"# {note}" for note in actor.notes]
        lines += [
            f"id = {_toml_string(actor.id)}",
            f"name = {_toml_string(actor.name)}",
            f"kind = {_toml_string(actor.kind)}",
            f"speaker_kind = {_toml_string(speaker.get(actor.kind, 'other'))}",
            'voice = "other"',
            f"aliases = {_toml_list(actor.aliases)}",
        ]
        if actor.roles:
            lines.append(f"roles = {_toml_list(actor.roles)}")
        if actor.exclusions:
            lines.append(f"exclusions = {_toml_list(actor.exclusions)}")
    used: set[str] = set()
    for metric in draft.metrics:
        if metric.id in used:
            continue
        used.add(metric.id)
        lines += [
            "",
            "[[metrics]]",
            f"# next to a figure in {_n(metric.n_articles, 'article')}; "
            f"units: {', '.join(metric.units)}",
            f"id = {_toml_string(metric.id)}",
            f"label = {_toml_string(metric.term)}",
            f"terms = {_toml_list([metric.term])}",
        ]
    return "\n".join(lines) + "\n"


def draft(
    raw: Iterable[str | Path],
    *,
    sources: str | Path | None = None,
    top: int = 30,
    mapping: Mapping[str, str] | None = None,
    delimiter: str | None = None,
) -> Draft:
    """Read the corpus under ``raw`` in batches and propose a profile whose actors extend the
    shipped base profile's (:func:`with_base`).

    Examples
    --------
    >>> from framescope import config
    >>> "Xi Jinping" in [a.name for a in draft([config.RAW]).actors]
    True
    """
    raw = list(raw)
    counts = count_corpus(read_batches(raw, sources=sources, mapping=mapping, delimiter=delimiter))
    if counts.articles == 0:
        msg = f"no article could be read under {[str(p) for p in raw]}"
        raise ValueError(msg)
    drafted = propose(counts, top=top)
    return replace(drafted, actors=with_base(drafted.actors, load_base()))
