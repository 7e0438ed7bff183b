"""Topic profiles: load TOML files that say what to look for, and validate them on load.

A profile is one file, or an event profile that extends the shipped base profile
(``extends = "base"``, :data:`BASE`): the base holds what is true of any news event
(descriptors, hedges, frames, countries, wires and outlets), the event profile its own actors,
war or issue terms, metrics, milestones, reference series and title. How layers merge is in
:mod:`framescope.profile.merge`; every key, its type and what it changes in
``docs/profile.md``. Validation errors name the file, the key and the bad value, because a
profile is written by hand.
"""

from __future__ import annotations

from pathlib import Path

from framescope import config
from framescope.profile.merge import BASE, BASE_NAME, layers, merge, read
from framescope.profile.model import (
    ACTOR_KINDS,
    FRAME_CATEGORIES,
    REFERENCE_KINDS,
    SPEAKER_KINDS,
    VOICES,
    Actor,
    Milestone,
    Profile,
    ProfileError,
    Reference,
    TermGroup,
    role_key,
)

__all__ = [
    "ACTOR_KINDS",
    "BASE",
    "FRAME_CATEGORIES",
    "REFERENCE_KINDS",
    "SPEAKER_KINDS",
    "VOICES",
    "Actor",
    "Milestone",
    "Profile",
    "ProfileError",
    "Reference",
    "TermGroup",
    "load",
    "load_base",
    "parse",
    "role_key",
]


def parse(text: str, *, source: str = "<profile>") -> Profile:
    """A validated profile from TOML text; ``source`` names it in errors and is where a
    relative ``extends`` path starts from.

    Examples
    --------
    >>> p = parse('[profile]\\nid = "t"\\ntitle = "T"\\nevent_date = 2023-03-20\\n'
    ...           '[[actors]]\\nid = "a"\\nname = "A"\\naliases = ["A"]')
    >>> p.actors[0].aliases
    ('A',)
    >>> event = parse('extends = "base"\\n[profile]\\nid = "e"\\n[[actors]]\\nid = "a"\\n'
    ...               'name = "A"\\naliases = ["Ay"]')
    >>> len(event.actors) > 1, event.actor("reuters").kind, event.event_date
    (True, 'media', None)
    """
    return merge(layers(text, source=source))


def load(path: str | Path | None = None) -> Profile:
    """Load and validate a profile file, merged with the profiles it extends.

    ``path`` is a TOML file, ``"base"`` for the shipped base profile alone, or None for the
    default profile (:data:`framescope.config.PROFILE`, ``FRAMESCOPE_PROFILE``).

    Examples
    --------
    >>> load().id
    'xi_moscow_2023'
    >>> load("base").id
    'base'
    """
    path = config.PROFILE if path is None else path
    if path == BASE_NAME:
        return load_base()
    if path == config.AUTO_PROFILE:
        msg = (
            "profile 'auto' is drafted by a build from its corpus: load the profile the build "
            "wrote (BuildReport.profile, <out>/profile.toml)"
        )
        raise ProfileError(msg)
    path = Path(path)
    return parse(read(path), source=str(path))


def load_base() -> Profile:
    """The shipped base profile alone: no event, so no ``event_date`` and no milestones.

    Examples
    --------
    >>> base = load_base()
    >>> base.title, base.event_date, base.milestones
    ('Any event (base profile)', None, ())
    """
    return parse(read(BASE), source=str(BASE))
