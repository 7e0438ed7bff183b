"""Topic profiles: load a TOML file that says what to look for, and validate it on load.

Validation errors name the key and the bad value, because a profile is written by hand.
"""

from __future__ import annotations

import datetime
import hashlib
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from framescope import config

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TOP_KEYS = {
    "profile",
    "actors",
    "milestones",
    "descriptors",
    "hedges",
    "war_terms",
    "frames",
    "metrics",
}
_PROFILE_KEYS = {"id", "title", "event_date", "languages"}
_ACTOR_KEYS = {"id", "name", "kind", "aliases", "roles", "exclusions", "speaker_kind", "voice"}
_MILESTONE_KEYS = {"id", "date", "end", "label"}
_GROUP_KEYS = {"id", "label", "terms", "exclusions", "category"}
ACTOR_KINDS = ("person", "country", "bloc", "institution", "organisation", "media", "other")
SPEAKER_KINDS = ("government", "state_media", "independent_media", "expert", "data", "other")
"""What kind of voice a quoted actor is (see the README's quotes section); ``data`` is a
statistical source (customs data, a statistics office), which the quotes table also gives
to data phrases that name no actor ("according to Chinese customs data")."""
VOICES = (
    "russian_official",
    "chinese_official",
    "ukrainian_official",
    "western_official",
    "independent",
    "other",
)
"""Which side a quoted voice speaks for, for the shares of voices per outlet."""
FRAME_CATEGORIES = (
    "economic",
    "capacity_and_resources",
    "morality",
    "fairness_and_equality",
    "legality",
    "policy_prescription",
    "crime_and_punishment",
    "security_and_defense",
    "health_and_safety",
    "quality_of_life",
    "cultural_identity",
    "public_opinion",
    "political",
    "external_regulation_and_reputation",
    "other",
)
"""The Policy Frames Codebook's dimensions (Boydstun, Card, Gross, Resnik & Smith 2014)."""


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the key at fault."""


@dataclass(frozen=True)
class Actor:
    """Someone or something whose mentions are counted.

    ``roles`` are descriptions that refer to the actor within the event without naming it
    ("Chinese leader", "Kremlin chief"); they are not mentions, but they resolve speakers
    and give labels (:mod:`framescope.rules.roles`).
    """

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    exclusions: tuple[str, ...] = ()
    speaker_kind: str = "other"
    voice: str = "other"
    roles: tuple[str, ...] = ()


@dataclass(frozen=True)
class TermGroup:
    """Named cue terms: a war-naming variant, a frame (with its codebook category) or a metric."""

    id: str
    terms: tuple[str, ...]
    label: str = ""
    category: str = ""
    exclusions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Milestone:
    """A dated event step, drawn on time axes; ``end`` for events that span days."""

    id: str
    date: date
    label: str
    # Qualified: inside the class body the field ``date`` shadows the type for a type checker.
    end: datetime.date | None = None


@dataclass(frozen=True)
class Profile:
    """A validated topic profile."""

    id: str
    title: str
    event_date: date
    languages: tuple[str, ...]
    actors: tuple[Actor, ...]
    milestones: tuple[Milestone, ...]
    sha256: str
    descriptors: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()
    war_terms: tuple[TermGroup, ...] = ()
    frames: tuple[TermGroup, ...] = ()
    metrics: tuple[TermGroup, ...] = ()

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id.

        Examples
        --------
        >>> load().actor("tass").speaker_kind
        'state_media'
        """
        for actor in self.actors:
            if actor.id == actor_id:
                return actor
        msg = f"no actor {actor_id!r} in profile {self.id!r}"
        raise KeyError(msg)

    def name_words(self) -> set[str]:
        """Every word of every alias and name, for tools that must know the names.

        Examples
        --------
        >>> "jinping" in load().name_words()
        True
        """
        words: set[str] = set()
        for actor in self.actors:
            for surface in (actor.name, *actor.aliases):
                words.update(w.lower() for w in re.findall(r"[^\W\d_]+", surface))
        return words


def _check_keys(table: dict[str, Any], allowed: set[str], where: str) -> None:
    unknown = sorted(set(table) - allowed)
    if unknown:
        msg = f"{where}: unknown key(s) {unknown}; allowed: {sorted(allowed)}"
        raise ProfileError(msg)


def _required(table: dict[str, Any], key: str, kind: type, where: str) -> Any:
    if key not in table:
        msg = f"{where}: missing required key {key!r}"
        raise ProfileError(msg)
    value = table[key]
    if not isinstance(value, kind):
        msg = f"{where}.{key}: expected {kind.__name__}, got {value!r}"
        raise ProfileError(msg)
    return value


def _date(value: Any, where: str) -> date:
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value))
    except ValueError:
        msg = f"{where}: {value!r} is not a date (write YYYY-MM-DD)"
        raise ProfileError(msg) from None


def _strings(table: dict[str, Any], key: str, where: str, *, required: bool) -> tuple[str, ...]:
    values = table.get(key, [])
    name = f"{where}.{key}" if where else key
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        msg = f"{name}: expected a list of non-empty strings, got {values!r}"
        raise ProfileError(msg)
    if required and not values:
        msg = f"{name}: the list is empty; give at least one surface form"
        raise ProfileError(msg)
    return tuple(values)


def _actor(table: dict[str, Any], index: int) -> Actor:
    actor_id = _required(table, "id", str, f"actors[{index}]")
    if not _ID.match(actor_id):
        msg = f"actors[{index}].id: {actor_id!r} is not snake_case (like 'xi_jinping')"
        raise ProfileError(msg)
    where = f"actors[{index}] ({actor_id})"
    _check_keys(table, _ACTOR_KEYS, where)
    return Actor(
        id=actor_id,
        name=_required(table, "name", str, where),
        kind=_choice(table, "kind", ACTOR_KINDS, where),
        aliases=_strings(table, "aliases", where, required=True),
        exclusions=_strings(table, "exclusions", where, required=False),
        roles=_strings(table, "roles", where, required=False),
        speaker_kind=_choice(table, "speaker_kind", SPEAKER_KINDS, where),
        voice=_choice(table, "voice", VOICES, where),
    )


def _choice(table: dict[str, Any], key: str, allowed: tuple[str, ...], where: str) -> str:
    value = table.get(key, "other")
    if value not in allowed:
        msg = f"{where}.{key}: {value!r} is not one of {list(allowed)}"
        raise ProfileError(msg)
    return value


def _groups(data: dict[str, Any], key: str, *, categories: tuple[str, ...] = ()) -> list[TermGroup]:
    tables = data.get(key, [])
    if not isinstance(tables, list):
        msg = f"{key}: expected an array of tables ([[{key}]]), got {tables!r}"
        raise ProfileError(msg)
    groups = []
    for index, table in enumerate(tables):
        group_id = _required(table, "id", str, f"{key}[{index}]")
        where = f"{key}[{index}] ({group_id})"
        _check_keys(table, _GROUP_KEYS, where)
        category = table.get("category", "")
        if categories and category not in categories:
            msg = f"{where}.category: {category!r} is not one of {list(categories)}"
            raise ProfileError(msg)
        groups.append(
            TermGroup(
                id=group_id,
                terms=_strings(table, "terms", where, required=True),
                label=table.get("label", group_id.replace("_", " ")),
                category=category,
                exclusions=_strings(table, "exclusions", where, required=False),
            )
        )
    _unique([g.id for g in groups], key)
    return groups


def _milestone(table: dict[str, Any], index: int) -> Milestone:
    where = f"milestones[{index}]"
    _check_keys(table, _MILESTONE_KEYS, where)
    start = _date(_required(table, "date", object, where), f"{where}.date")
    end = _date(table["end"], f"{where}.end") if "end" in table else None
    if end is not None and end < start:
        msg = f"{where}.end: {end} is before the date {start}"
        raise ProfileError(msg)
    return Milestone(
        id=_required(table, "id", str, where),
        date=start,
        label=_required(table, "label", str, where),
        end=end,
    )


def role_key(role: str) -> str:
    """A role as compared: lowercase, one space between words, straight apostrophes, without
    a leading article ("The  Chinese leader" and "chinese leader" are one role).

    Examples
    --------
    >>> role_key("The  Kremlin’s chief")
    "kremlin's chief"
    """
    words = role.replace("’", "'").lower().split()
    return " ".join(words[1:] if len(words) > 1 and words[0] in ("the", "a", "an") else words)


def _check_roles(actors: list[Actor]) -> None:
    """A role belongs to one actor and is nobody's alias: "the Chinese president" cannot name
    two actors, and a name is matched as a mention, not as a role."""
    aliases = {role_key(alias): actor.id for actor in actors for alias in actor.aliases}
    owners: dict[str, str] = {}
    for actor in actors:
        for role in actor.roles:
            key = role_key(role)
            other = owners.setdefault(key, actor.id)
            if other != actor.id:
                msg = f"actors ({actor.id}).roles: {role!r} is already a role of {other!r}"
                raise ProfileError(msg)
            if key in aliases:
                msg = f"actors ({actor.id}).roles: {role!r} is an alias of {aliases[key]!r}"
                raise ProfileError(msg)


def _unique(ids: list[str], what: str) -> None:
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            msg = f"{what}: duplicate id {item!r}"
            raise ProfileError(msg)
        seen.add(item)


def parse(text: str, *, source: str = "<profile>") -> Profile:
    """A validated profile from TOML text.

    Examples
    --------
    >>> p = parse('[profile]\\nid = "t"\\ntitle = "T"\\nevent_date = 2023-03-20\\n'
    ...           '[[actors]]\\nid = "a"\\nname = "A"\\naliases = ["A"]')
    >>> p.actors[0].aliases
    ('A',)
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        msg = f"{source}: not valid TOML: {error}"
        raise ProfileError(msg) from None
    _check_keys(data, _TOP_KEYS, source)
    head = _required(data, "profile", dict, source)
    _check_keys(head, _PROFILE_KEYS, "profile")
    actors = [_actor(t, i) for i, t in enumerate(_required(data, "actors", list, source))]
    milestones = [_milestone(t, i) for i, t in enumerate(data.get("milestones", []))]
    _unique([a.id for a in actors], "actors")
    _unique([m.id for m in milestones], "milestones")
    owners: dict[str, str] = {}
    for actor in actors:
        for alias in actor.aliases:
            other = owners.setdefault(alias, actor.id)
            if other != actor.id:
                msg = f"actors ({actor.id}).aliases: {alias!r} is already an alias of {other!r}"
                raise ProfileError(msg)
    _check_roles(actors)
    return Profile(
        id=_required(head, "id", str, "profile"),
        title=head.get("title", head["id"]),
        event_date=_date(_required(head, "event_date", object, "profile"), "profile.event_date"),
        languages=_strings(head, "languages", "profile", required=False) or ("en",),
        actors=tuple(actors),
        milestones=tuple(milestones),
        sha256=hashlib.sha256(text.encode()).hexdigest(),
        descriptors=_strings(data, "descriptors", "", required=False),
        hedges=_strings(data, "hedges", "", required=False),
        war_terms=tuple(_groups(data, "war_terms")),
        frames=tuple(_groups(data, "frames", categories=FRAME_CATEGORIES)),
        metrics=tuple(_groups(data, "metrics")),
    )


def load(path: str | Path | None = None) -> Profile:
    """Load and validate a profile file (default: the seed corpus profile).

    Examples
    --------
    >>> load().id
    'xi_moscow_2023'
    """
    path = Path(path) if path is not None else config.PROFILE
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as error:
        msg = f"cannot read profile {str(path)!r}: {error.strerror}"
        raise ProfileError(msg) from None
    return parse(text, source=str(path))
