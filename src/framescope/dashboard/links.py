"""Values from outside the app: a shared link's filter values, checked against what the build
has before any of them is set (an unknown outlet or actor is never shown, only reported).
"""

from __future__ import annotations

from collections.abc import Collection, Mapping
from typing import Any


def known_values(
    values: Mapping[str, Any],
    choices: Mapping[str, Collection[Any]],
    *,
    lists: Collection[str] = (),
) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """Split ``values`` into those ``choices`` allows and the rest, by name.

    A name in ``lists`` takes a list and keeps its allowed items (an empty list stays empty,
    a list with none allowed is dropped whole); any other name keeps its value only if it is
    one of its choices, of the same type (``1`` is not ``True``). A name without choices is
    dropped.

    Examples
    --------
    >>> known_values({"sources": ["A", "<b>"], "method": "x", "stories": True},
    ...              {"sources": ["A", "B"], "method": ["vader"], "stories": [True, False]},
    ...              lists=["sources"])
    ({'sources': ['A'], 'stories': True}, {'sources': ['<b>'], 'method': ['x']})
    """
    kept: dict[str, Any] = {}
    dropped: dict[str, list[Any]] = {}
    for name, value in values.items():
        # By type and value: thousands of outlets against a link's thousands, at once.
        allowed = {_typed(item) for item in choices.get(name, ())}
        if name in lists and isinstance(value, list):
            known = [item for item in value if _typed(item) in allowed]
            unknown = [item for item in value if _typed(item) not in allowed]
            if known or not value:
                kept[name] = known
            if unknown:
                dropped[name] = unknown
        elif name not in lists and _typed(value) in allowed:
            kept[name] = value
        else:
            dropped[name] = [value]
    return kept, dropped


def _typed(value: Any) -> tuple[type, Any]:
    # A list or dict from a link's JSON cannot be hashed, and is no option here either.
    return (type(value), value if isinstance(value, str | int | float | bool | None) else id(value))
