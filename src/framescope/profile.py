"""Topic profiles: load a TOML file that says what to look for, and validate it on load.

Validation errors name the key and the bad value, because a profile is written by hand.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from framescope import config

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
_TOP_KEYS = {"profile", "actors", "milestones"}
_PROFILE_KEYS = {"id", "title", "event_date", "languages"}
_ACTOR_KEYS = {"id", "name", "kind", "aliases", "exclusions"}
_MILESTONE_KEYS = {"id", "date", "end", "label"}
ACTOR_KINDS = ("person", "country", "bloc", "institution", "organisation", "media", "other")


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the key at fault."""


@dataclass(frozen=True)
class Actor:
    """Someone or something whose mentions are counted."""

    id: str
    name: str
    kind: str
    aliases: tuple[str, ...]
    exclusions: tuple[str, ...] = ()


@dataclass(frozen=True)
class Milestone:
    """A dated event step, drawn on time axes; ``end`` for events that span days."""

    id: str
    date: date
    label: str
    end: date | None = None


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
    if not isinstance(values, list) or not all(isinstance(v, str) and v.strip() for v in values):
        msg = f"{where}.{key}: expected a list of non-empty strings, got {values!r}"
        raise ProfileError(msg)
    if required and not values:
        msg = f"{where}.{key}: the list is empty; give at least one surface form"
        raise ProfileError(msg)
    return tuple(values)


def _actor(table: dict[str, Any], index: int) -> Actor:
    actor_id = _required(table, "id", str, f"actors[{index}]")
    if not _ID.match(actor_id):
        msg = f"actors[{index}].id: {actor_id!r} is not snake_case (like 'xi_jinping')"
        raise ProfileError(msg)
    where = f"actors[{index}] ({actor_id})"
    _check_keys(table, _ACTOR_KEYS, where)
    kind = table.get("kind", "other")
    if kind not in ACTOR_KINDS:
        msg = f"{where}.kind: {kind!r} is not one of {list(ACTOR_KINDS)}"
        raise ProfileError(msg)
    return Actor(
        id=actor_id,
        name=_required(table, "name", str, where),
        kind=kind,
        aliases=_strings(table, "aliases", where, required=True),
        exclusions=_strings(table, "exclusions", where, required=False),
    )


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
    return Profile(
        id=_required(head, "id", str, "profile"),
        title=head.get("title", head["id"]),
        event_date=_date(_required(head, "event_date", object, "profile"), "profile.event_date"),
        languages=_strings(head, "languages", "profile", required=False) or ("en",),
        actors=tuple(actors),
        milestones=tuple(milestones),
        sha256=hashlib.sha256(text.encode()).hexdigest(),
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
