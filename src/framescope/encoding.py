"""Stable colours: one per outlet for the whole build, one per category within a chart kind.

Colours handed out by position among what a chart shows move when a filter changes (remove
one outlet and the next turns its colour). Here an outlet's colour is fixed by its rank in the
build (most articles first, so the largest outlets get the most distinct colours), and a
category's by its place in the profile (frames, war terms, descriptors, voices, actors), so
the same value has the same colour in every view, after every filter, and in the notebooks.
Outlets and categories draw from different palettes: a blue outlet is not a blue frame.
"""

from __future__ import annotations

import zlib
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

import polars as pl

from framescope import profile as profiles

OUTLET_PALETTE = (
    "#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf",
    "#bcbd22", "#393b79", "#ad494a", "#637939", "#843c39", "#7b4173", "#3182bd", "#e6550d",
    "#31a354", "#756bb1", "#636363", "#8c6d31",
)  # fmt: skip
"""Outlets: D3's ten (grey left out: it means "other"), then darker companions."""
CATEGORY_PALETTE = (
    "rgb(51, 34, 136)", "rgb(204, 102, 119)", "rgb(17, 119, 51)", "rgb(221, 204, 119)",
    "rgb(136, 204, 238)", "rgb(170, 68, 153)", "rgb(68, 170, 153)", "rgb(153, 153, 51)",
    "rgb(136, 34, 85)", "rgb(102, 17, 0)", "rgb(230, 131, 16)", "rgb(0, 134, 149)",
)  # fmt: skip
"""Categories: Paul Tol's colour-blind-safe muted scheme plus two, unlike the outlets' hues."""
OTHER = "#c7c7c7"
"""The summed rest of a chart's categories."""


def ranked_outlets(articles: pl.DataFrame) -> list[str]:
    """The build's outlets, most articles first, ties by name: the order colours follow.

    Examples
    --------
    >>> ranked_outlets(pl.DataFrame({"source": ["B", "A", "B", "C"]}))
    ['B', 'A', 'C']
    """
    counts = articles.group_by("source").len()
    return counts.sort(["len", "source"], descending=[True, False])["source"].to_list()


def assign(keys: Sequence[str], palette: Sequence[str]) -> dict[str, str]:
    """A colour per key by its place in ``keys``; keys past the palette's length reuse it.

    Examples
    --------
    >>> assign(["x", "y", "z"], ["red", "blue"])
    {'x': 'red', 'y': 'blue', 'z': 'red'}
    """
    return {key: palette[index % len(palette)] for index, key in enumerate(dict.fromkeys(keys))}


def colour(colours: Mapping[str, str], key: str, *, palette: Sequence[str] = OUTLET_PALETTE) -> str:
    """``key``'s colour in ``colours``; a key the map lacks gets one from its hash, the same
    in every session and run (never the position among what is shown).

    Examples
    --------
    >>> colour({"a": "red"}, "a"), colour({}, "b") == colour({}, "b")
    ('red', True)
    """
    if key in colours:
        return colours[key]
    return palette[zlib.crc32(key.encode()) % len(palette)]


def category_order(profile: profiles.Profile) -> dict[str, list[str]]:
    """The profile's order of each chart kind's categories (what fixes their colours).

    Examples
    --------
    >>> order = category_order(profiles.load())
    >>> order["term"][:3], order["voice"][0]
    (['invasion', 'war', 'special_military_operation'], 'russian_official')
    """
    return {
        "frame": [group.id for group in profile.frames],
        "term": [group.id for group in profile.war_terms],
        "label": list(profile.descriptors),
        "voice": list(profiles.VOICES),
        "actor": [actor.id for actor in profile.actors],
        "metric": [group.id for group in profile.metrics],
    }


def category_colours(order: Iterable[str], shown: Iterable[str] = ()) -> dict[str, str]:
    """Colours of one chart kind: by ``order`` (the profile's), then any ``shown`` value the
    profile does not list, by hash.

    Examples
    --------
    >>> colours = category_colours(["war", "invasion"], ["invasion", "crisis"])
    >>> colours["war"] == CATEGORY_PALETTE[0], colours["invasion"] == CATEGORY_PALETTE[1]
    (True, True)
    """
    colours = assign(list(order), CATEGORY_PALETTE)
    for value in shown:
        if value not in colours:
            colours[value] = colour({}, value, palette=CATEGORY_PALETTE)
    return colours


def repeats(keys: Iterable[str], colours: Mapping[str, str]) -> dict[str, int]:
    """How many keys before each one in ``keys`` have its colour (0: the first of its colour):
    a palette shorter than the categories gives two of them one colour, and a chart draws the
    later one with another pattern or line style by this number.

    Examples
    --------
    >>> repeats(["a", "b", "c", "d"], {"a": "red", "b": "blue", "c": "red", "d": "red"})
    {'a': 0, 'b': 0, 'c': 1, 'd': 2}
    """
    seen: Counter[str] = Counter()
    rank = {}
    for key in dict.fromkeys(keys):
        shade = colours[key]
        rank[key] = seen[shade]
        seen[shade] += 1
    return rank
