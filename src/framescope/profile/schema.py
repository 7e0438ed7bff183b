"""Validation of one profile file against the schema in ``docs/profile.md``.

:func:`read_layer` turns one file's TOML into a :class:`Layer`: its sections, validated,
before the profiles it extends are merged in (:mod:`framescope.profile.merge`). Every error
names the file, then the key (``data/profiles/x.toml: actors[3] (li).kind: 'persn' is not one
of [...]``), because a profile is written by hand.
"""

from __future__ import annotations

import hashlib
import re
import tomllib
from dataclasses import dataclass
from datetime import date
from typing import Any

from framescope.profile.model import (
    ACTOR_KINDS,
    FRAME_CATEGORIES,
    REFERENCE_KINDS,
    SPEAKER_KINDS,
    VOICES,
    Actor,
    Milestone,
    ProfileError,
    TermGroup,
)

_ID = re.compile(r"^[a-z][a-z0-9_]*$")
TOP_KEYS = {
    "extends",
    "profile",
    "actors",
    "milestones",
    "descriptors",
    "hedges",
    "war_terms",
    "frames",
    "metrics",
    "reference",
}
PROFILE_KEYS = {"id", "title", "event_date", "languages"}
ACTOR_KEYS = {"id", "name", "kind", "aliases", "roles", "exclusions", "speaker_kind", "voice"}
MILESTONE_KEYS = {"id", "date", "end", "label"}
GROUP_KEYS = {"id", "label", "terms", "exclusions", "category"}
GROUPS = ("war_terms", "frames", "metrics")
"""The sections of named term groups."""


@dataclass(frozen=True)
class Layer:
    """One file's validated sections; ``head`` holds the ``[profile]`` keys as validated."""

    source: str
    extends: str | None
    head: dict[str, Any]
    actors: tuple[Actor, ...]
    milestones: tuple[Milestone, ...]
    descriptors: tuple[str, ...]
    hedges: tuple[str, ...]
    groups: dict[str, tuple[TermGroup, ...]]
    reference: dict[str, str]
    sha256: str


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


def _choice(table: dict[str, Any], key: str, allowed: tuple[str, ...], where: str) -> str:
    value = table.get(key, "other")
    if value not in allowed:
        msg = f"{where}.{key}: {value!r} is not one of {list(allowed)}"
        raise ProfileError(msg)
    return value


def _tables(data: dict[str, Any], key: str) -> list[dict[str, Any]]:
    tables = data.get(key, [])
    if not isinstance(tables, list) or not all(isinstance(t, dict) for t in tables):
        msg = f"{key}: expected an array of tables ([[{key}]]), got {tables!r}"
        raise ProfileError(msg)
    return tables


def _actor(table: dict[str, Any], index: int) -> Actor:
    actor_id = _required(table, "id", str, f"actors[{index}]")
    if not _ID.match(actor_id):
        msg = f"actors[{index}].id: {actor_id!r} is not snake_case (like 'xi_jinping')"
        raise ProfileError(msg)
    where = f"actors[{index}] ({actor_id})"
    _check_keys(table, ACTOR_KEYS, where)
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


def _groups(data: dict[str, Any], key: str) -> tuple[TermGroup, ...]:
    categories = FRAME_CATEGORIES if key == "frames" else ()
    groups = []
    for index, table in enumerate(_tables(data, key)):
        group_id = _required(table, "id", str, f"{key}[{index}]")
        where = f"{key}[{index}] ({group_id})"
        _check_keys(table, GROUP_KEYS, where)
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
    unique([g.id for g in groups], key)
    return tuple(groups)


def _milestone(table: dict[str, Any], index: int) -> Milestone:
    where = f"milestones[{index}]"
    _check_keys(table, MILESTONE_KEYS, where)
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


def _head(data: dict[str, Any]) -> dict[str, Any]:
    head = _required(data, "profile", dict, "top level")
    _check_keys(head, PROFILE_KEYS, "profile")
    profile_id = _required(head, "id", str, "profile")
    title = _required(head, "title", str, "profile") if "title" in head else profile_id
    event_date = head.get("event_date")
    return {
        "id": profile_id,
        "title": title,
        "event_date": None if event_date is None else _date(event_date, "profile.event_date"),
        "languages": _strings(head, "languages", "profile", required=False) or ("en",),
    }


def _reference(data: dict[str, Any]) -> dict[str, str]:
    table = data.get("reference", {})
    if not isinstance(table, dict):
        msg = f"reference: expected a table ([reference]), got {table!r}"
        raise ProfileError(msg)
    _check_keys(table, set(REFERENCE_KINDS), "reference")
    for key, value in table.items():
        if not isinstance(value, str) or not value.strip():
            msg = f"reference.{key}: expected a file name (a non-empty string), got {value!r}"
            raise ProfileError(msg)
    return dict(table)


def unique(ids: list[str], what: str) -> None:
    """Stop at the first id seen twice in ``ids``; ``what`` names the section."""
    seen: set[str] = set()
    for item in ids:
        if item in seen:
            msg = f"{what}: duplicate id {item!r}"
            raise ProfileError(msg)
        seen.add(item)


def _layer(data: dict[str, Any], text: str, source: str) -> Layer:
    _check_keys(data, TOP_KEYS, "top level")
    extends = data.get("extends")
    if extends is not None and (not isinstance(extends, str) or not extends.strip()):
        msg = f'extends: expected "base" or a path to a profile file, got {extends!r}'
        raise ProfileError(msg)
    if extends is None and "actors" not in data:
        msg = "missing required key 'actors' (a profile without extends names its own actors)"
        raise ProfileError(msg)
    actors = tuple(_actor(t, i) for i, t in enumerate(_tables(data, "actors")))
    milestones = tuple(_milestone(t, i) for i, t in enumerate(_tables(data, "milestones")))
    unique([a.id for a in actors], "actors")
    unique([m.id for m in milestones], "milestones")
    return Layer(
        source=source,
        extends=extends,
        head=_head(data),
        actors=actors,
        milestones=milestones,
        descriptors=_strings(data, "descriptors", "", required=False),
        hedges=_strings(data, "hedges", "", required=False),
        groups={key: _groups(data, key) for key in GROUPS},
        reference=_reference(data),
        sha256=hashlib.sha256(text.encode()).hexdigest(),
    )


def read_layer(text: str, *, source: str) -> Layer:
    """One profile file's sections, validated; errors start with ``source``.

    Examples
    --------
    >>> layer = read_layer('extends = "base"\\n[profile]\\nid = "t"', source="t.toml")
    >>> layer.extends, layer.head["title"], layer.head["event_date"], layer.actors
    ('base', 't', None, ())
    >>> read_layer('[profile]\\nid = "t"\\n[[actors]]\\nid = "a"\\nname = "A"\\nkind = "persn"'
    ...            '\\naliases = ["A"]', source="t.toml")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    framescope.profile.model.ProfileError: t.toml: actors[0] (a).kind: 'persn' is not one of [...]
    """
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        msg = f"{source}: not valid TOML: {error}"
        raise ProfileError(msg) from None
    try:
        return _layer(data, text, source)
    except ProfileError as error:
        msg = f"{source}: {error}"
        raise ProfileError(msg) from None
