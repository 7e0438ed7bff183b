"""Profiles that extend others: follow ``extends`` to the root and merge the layers.

An event profile says ``extends = "base"`` (the shipped :data:`BASE`) or names another profile
file by a path relative to its own file. The layers are merged from the root down:

- ``descriptors`` and ``hedges`` are extended: the extending file's terms follow the ones it
  inherits (a term already there is not repeated);
- ``actors``, ``war_terms``, ``frames``, ``metrics`` and ``milestones``: an entry whose id the
  inherited profile has already REPLACES that entry, in its place (nothing of the inherited
  entry is kept); an entry with a new id is appended;
- ``[profile]`` is the extending file's alone; ``[reference]`` keys override the inherited ones.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from pathlib import Path
from typing import Protocol, TypeVar

from framescope.profile.model import (
    Actor,
    Milestone,
    Profile,
    ProfileError,
    Reference,
    TermGroup,
    role_key,
)
from framescope.profile.schema import GROUPS, Layer, read_layer

BASE = Path(__file__).with_name("base.toml")
"""The shipped base profile: what holds for any news event."""
BASE_NAME = "base"
"""The ``extends`` value (and :func:`framescope.profile.load` argument) naming :data:`BASE`."""


class _Identified(Protocol):
    @property
    def id(self) -> str: ...


_T = TypeVar("_T", bound=_Identified)


def resolve(extends: str, source: str) -> Path:
    """The file an ``extends`` value names: the shipped base, or a path relative to ``source``.

    Examples
    --------
    >>> resolve("base", "data/profiles/x.toml") == BASE
    True
    >>> resolve("../shared.toml", "data/profiles/x.toml").as_posix()
    'data/profiles/../shared.toml'
    """
    if extends == BASE_NAME:
        return BASE
    path = Path(extends)
    if path.is_absolute():
        return path
    return Path(source).parent / path


def read(path: Path) -> str:
    """A profile file's text; an unreadable file is a :class:`ProfileError` naming it."""
    try:
        return path.read_text(encoding="utf-8")
    except OSError as error:
        msg = f"cannot read profile {str(path)!r}: {error.strerror}"
        raise ProfileError(msg) from None


def layers(text: str, *, source: str) -> list[Layer]:
    """The layers of a profile, root first: the file and each file it extends, in turn.

    A file that extends itself, or one that extends it, is refused: the message shows the
    cycle.
    """
    chain = [read_layer(text, source=source)]
    seen = [Path(source).resolve()]
    while (extends := chain[-1].extends) is not None:
        child = chain[-1]
        path = resolve(extends, child.source)
        if path.resolve() in seen:
            cycle = " -> ".join(str(p) for p in (*seen, path.resolve()))
            msg = f"{child.source}: extends: {extends!r} makes a cycle: {cycle}"
            raise ProfileError(msg)
        seen.append(path.resolve())
        chain.append(read_layer(read(path), source=str(path)))
    return chain[::-1]


def _by_id(inherited: Iterable[_T], own: Iterable[_T]) -> tuple[_T, ...]:
    merged = {item.id: item for item in inherited}
    merged.update((item.id, item) for item in own)  # a dict keeps a replaced key's place
    return tuple(merged.values())


def _extended(inherited: tuple[str, ...], own: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(dict.fromkeys((*inherited, *own)))


def _check_actors(actors: tuple[Actor, ...]) -> None:
    """An alias names one actor; a role belongs to one actor and is nobody's alias: "the
    Chinese president" cannot name two actors, and a name is matched as a mention, not as a
    role."""
    owners: dict[str, str] = {}
    for actor in actors:
        for alias in actor.aliases:
            other = owners.setdefault(alias, actor.id)
            if other != actor.id:
                msg = f"actors ({actor.id}).aliases: {alias!r} is already an alias of {other!r}"
                raise ProfileError(msg)
    aliases = {role_key(alias): actor.id for actor in actors for alias in actor.aliases}
    roles: dict[str, str] = {}
    for actor in actors:
        for role in actor.roles:
            key = role_key(role)
            other = roles.setdefault(key, actor.id)
            if other != actor.id:
                msg = f"actors ({actor.id}).roles: {role!r} is already a role of {other!r}"
                raise ProfileError(msg)
            if key in aliases:
                msg = f"actors ({actor.id}).roles: {role!r} is an alias of {aliases[key]!r}"
                raise ProfileError(msg)


def merge(chain: list[Layer]) -> Profile:
    """One profile from its layers (root first), checked as a whole.

    Examples
    --------
    >>> base = read_layer('hedges = ["may"]\\n[profile]\\nid = "b"\\n[[actors]]\\nid = "a"\\n'
    ...                   'name = "A"\\naliases = ["A"]', source="b.toml")
    >>> event = read_layer('extends = "b.toml"\\nhedges = ["might"]\\n[profile]\\nid = "e"\\n'
    ...                    '[[actors]]\\nid = "a"\\nname = "Ay"\\naliases = ["Ay"]',
    ...                    source="e.toml")
    >>> result = merge([base, event])
    >>> result.id, result.hedges, [a.name for a in result.actors]
    ('e', ('may', 'might'), ['Ay'])
    """
    top = chain[-1]
    actors: tuple[Actor, ...] = ()
    milestones: tuple[Milestone, ...] = ()
    descriptors: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()
    groups: dict[str, tuple[TermGroup, ...]] = {key: () for key in GROUPS}
    reference: dict[str, str] = {}
    for layer in chain:
        actors = _by_id(actors, layer.actors)
        milestones = _by_id(milestones, layer.milestones)
        descriptors = _extended(descriptors, layer.descriptors)
        hedges = _extended(hedges, layer.hedges)
        groups = {key: _by_id(groups[key], layer.groups[key]) for key in GROUPS}
        reference |= layer.reference
    try:
        _check_actors(actors)
    except ProfileError as error:
        inherited = ", ".join(layer.source for layer in chain[:-1])
        where = f"{top.source} (extending {inherited})" if inherited else top.source
        msg = f"{where}: {error}"
        raise ProfileError(msg) from None
    sha256 = (
        top.sha256
        if len(chain) == 1
        else hashlib.sha256("\n".join(layer.sha256 for layer in chain).encode()).hexdigest()
    )
    return Profile(
        **top.head,
        actors=actors,
        milestones=milestones,
        sha256=sha256,
        descriptors=descriptors,
        hedges=hedges,
        war_terms=groups["war_terms"],
        frames=groups["frames"],
        metrics=groups["metrics"],
        reference=Reference(**reference),
    )
