"""What a person reads instead of an id: actor, frame, war-term, metric and voice names.

Tables, CSVs and links keep ids (``xi_jinping``, ``special_military_operation``); charts,
pickers, legends and notebooks show the profile's names ("President Xi Jinping", "special
military operation"). One :class:`DisplayNames` per profile holds every kind; an id the
profile does not name (a speaker the build found, a label) is shown with its underscores as
spaces, so no snake_case id reaches a reader.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Literal

import polars as pl

from framescope import profile as profiles

Kind = Literal["actor", "frame", "term", "metric", "voice", "category", "measure"]

VOICE_NAMES = {
    "russian_official": "Russian officials",
    "chinese_official": "Chinese officials",
    "ukrainian_official": "Ukrainian officials",
    "western_official": "Western officials",
    "independent": "independent voices",
    "other": "other voices",
}
"""Each of ``profile.VOICES`` as a legend shows it."""
MEASURE_NAMES = {
    "mentions": "mentions (raw count)",
    "mentions_per_1k_words": "mentions per 1,000 words",
    "share_of_articles": "share of the outlet's articles mentioning the actor",
    "articles_mentioning": "articles mentioning the actor (raw count)",
    "multilex": "multilex",
    "vader": "VADER",
    "textblob": "TextBlob",
    "day": "day",
    "week": "week",
    "month": "month",
    "calendar": "calendar dates",
    "event": "days from the event",
}
"""Measures, methods and axis choices with their units, as a picker or an axis shows them."""


def humanise(value: str) -> str:
    """An id with its underscores as spaces: what a reader sees of an id nothing names.

    Examples
    --------
    >>> humanise("western_official"), humanise("US officials")
    ('western official', 'US officials')
    """
    return value.replace("_", " ")


@dataclass(frozen=True)
class DisplayNames:
    """Names by kind and id, from :func:`for_profile`.

    Examples
    --------
    >>> names = DisplayNames({"actor": {"xi_jinping": "Xi Jinping"}})
    >>> names.name("actor", "xi_jinping"), names.name("actor", "wang_wenbin")
    ('Xi Jinping', 'wang wenbin')
    """

    by_kind: Mapping[str, Mapping[str, str]] = field(default_factory=dict)

    def name(self, kind: Kind, value: str) -> str:
        """``value``'s name as ``kind``; an id nothing names, humanised."""
        return self.by_kind.get(kind, {}).get(value) or humanise(value)

    def options(self, kind: Kind, values: Iterable[str]) -> dict[str, str]:
        """A picker's options, ``{name: value}`` in ``values``' order; a name two values share
        gets its value after it, so no option hides another.

        Examples
        --------
        >>> DisplayNames({"actor": {"a": "Wang", "b": "Wang"}}).options("actor", ["a", "b"])
        {'Wang (a)': 'a', 'Wang (b)': 'b'}
        """
        values = list(values)
        named = [self.name(kind, value) for value in values]
        shared = {name for name, n in Counter(named).items() if n > 1}
        return {
            (f"{name} ({humanise(value)})" if name in shared else name): value
            for name, value in zip(named, values, strict=True)
        }

    def expr(self, kind: Kind, column: str) -> pl.Expr:
        """``column``'s values as names, as a polars expression (kept under its own name).

        Examples
        --------
        >>> names = DisplayNames({"term": {"smo": "special military operation"}})
        >>> frame = pl.DataFrame({"term": ["smo", "war_of"]})
        >>> frame.select(names.expr("term", "term"))["term"].to_list()
        ['special military operation', 'war of']
        """
        named = dict(self.by_kind.get(kind, {}))
        return (
            pl.col(column)
            .replace_strict(named, default=pl.col(column).str.replace_all("_", " "))
            .cast(pl.String)
            .alias(column)
        )


def for_profile(profile: profiles.Profile) -> DisplayNames:
    """Every name a profile gives: actors' names, frames', war terms' and metrics' labels,
    the voices and Policy Frames Codebook categories, and the measures.

    Examples
    --------
    >>> names = for_profile(profiles.load())
    >>> names.name("actor", "xi_jinping"), names.name("term", "special_military_operation")
    ('Xi Jinping', 'special military operation')
    >>> names.name("voice", "western_official"), names.name("category", "security_and_defense")
    ('Western officials', 'security and defense')
    """
    return DisplayNames(
        {
            "actor": {actor.id: actor.name for actor in profile.actors},
            "frame": {group.id: group.label or humanise(group.id) for group in profile.frames},
            "term": {group.id: group.label or humanise(group.id) for group in profile.war_terms},
            "metric": {group.id: group.label or humanise(group.id) for group in profile.metrics},
            "voice": VOICE_NAMES,
            "category": {c: humanise(c) for c in profiles.FRAME_CATEGORIES},
            "measure": MEASURE_NAMES,
        }
    )
