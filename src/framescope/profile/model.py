"""What a validated profile holds: its dataclasses and the closed vocabularies of its keys.

The file format, every key and how profiles extend one another are in ``docs/profile.md``.
"""

from __future__ import annotations

import datetime
import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

from framescope import config

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
REFERENCE_KINDS = ("annual", "year_to_date", "targets")
"""The official series a profile's ``[reference]`` table may name, one CSV file each."""


class ProfileError(ValueError):
    """A profile that cannot be used; the message names the file and the key at fault."""


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
class Reference:
    """The official statistics files of an event (``[reference]``): names relative to the
    reference folder (:data:`framescope.config.REFERENCE`, ``data/reference/``), or absolute.

    Examples
    --------
    >>> Reference(annual="trade.csv").path("annual", folder=Path("/ref"))
    PosixPath('/ref/trade.csv')
    >>> Reference().path("annual") is None
    True
    """

    annual: str | None = None
    year_to_date: str | None = None
    targets: str | None = None

    def path(self, kind: str, *, folder: Path | None = None) -> Path | None:
        """The file of series ``kind`` (one of :data:`REFERENCE_KINDS`), None if not named."""
        if kind not in REFERENCE_KINDS:
            msg = f"reference kind {kind!r} is not one of {list(REFERENCE_KINDS)}"
            raise ValueError(msg)
        name = getattr(self, kind)
        if name is None:
            return None
        # config.REFERENCE is read at call time so FRAMESCOPE_REFERENCE and tests can move it.
        return (folder if folder is not None else config.REFERENCE) / name


@dataclass(frozen=True)
class Profile:
    """A validated topic profile (an event profile merged with the profiles it extends).

    ``event_date`` is day 0 of the days-from-event axis; None for a profile that names no
    event (the base profile). ``sha256`` changes when any file of the profile changes.
    """

    id: str
    title: str
    event_date: date | None
    languages: tuple[str, ...]
    actors: tuple[Actor, ...]
    milestones: tuple[Milestone, ...]
    sha256: str
    descriptors: tuple[str, ...] = ()
    hedges: tuple[str, ...] = ()
    war_terms: tuple[TermGroup, ...] = ()
    frames: tuple[TermGroup, ...] = ()
    metrics: tuple[TermGroup, ...] = ()
    reference: Reference = Reference()

    def actor(self, actor_id: str) -> Actor:
        """The actor with this id.

        Examples
        --------
        >>> from framescope.profile import load_base
        >>> load_base().actor("tass").speaker_kind
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
        >>> from framescope.profile import load
        >>> "jinping" in load().name_words()
        True
        """
        words: set[str] = set()
        for actor in self.actors:
            for surface in (actor.name, *actor.aliases):
                words.update(w.lower() for w in re.findall(r"[^\W\d_]+", surface))
        return words


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
