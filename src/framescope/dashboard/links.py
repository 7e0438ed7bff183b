"""Values from outside the app: a shared link's filter values, read as text, checked against
what the build has before any of them is set (an unknown outlet or actor is never shown, only
reported), and written back in the one form :func:`decoded` reads.

A link is read here rather than by Panel's ``Location``: Panel drops a value it cannot parse
(``outlets=["NBC News"`` falls back to every outlet, with no word to the visitor), turns
digits into numbers, and writes lists back as Python reprs (``['NBC News']``).
"""

from __future__ import annotations

import ast
import json
from collections.abc import Collection, Mapping
from contextlib import suppress
from datetime import date
from typing import Any, Literal

Kind = Literal["list", "flag", "text"]


def decoded(text: str, kind: Kind) -> Any:
    """A link's ``text`` as a value of ``kind``: a list, a flag or the text itself.

    A list is JSON (as :func:`encoded` writes it) or a Python literal (as Panel wrote links
    before; such links are in address bars and messages already); its items are whatever
    they are, for :func:`known_values` to check. A flag is ``true`` or ``false`` in any case.
    Anything else raises ``ValueError`` naming the text.

    Examples
    --------
    >>> decoded('["NBC News", "Breitbart News"]', "list")
    ['NBC News', 'Breitbart News']
    >>> decoded("['NBC News']", "list"), decoded("False", "flag"), decoded("2", "text")
    (['NBC News'], False, '2')
    >>> decoded('["NBC News"', "list")
    Traceback (most recent call last):
    ...
    ValueError: not a list: '["NBC News"'
    """
    if kind == "flag":
        if text.lower() not in ("true", "false"):
            msg = f"not true or false: {text!r}"
            raise ValueError(msg)
        return text.lower() == "true"
    if kind == "text":
        return text
    value: Any = None
    # Deep nesting fails with RecursionError (MemoryError in literal_eval), not ValueError.
    with suppress(ValueError, TypeError, SyntaxError, MemoryError, RecursionError):
        try:
            value = json.loads(text)
        except (ValueError, RecursionError):
            value = ast.literal_eval(text)
    if not isinstance(value, list):
        msg = f"not a list: {text!r}"
        raise ValueError(msg)
    return value


def encoded(value: str | bool | list[str] | date) -> str:
    """``value`` as a link writes it, for :func:`decoded` (or :func:`date_range`) to read.

    Examples
    --------
    >>> encoded(["NBC News", "Südwest"]), encoded(True), encoded(date(2023, 3, 18))
    ('["NBC News","Südwest"]', 'true', '2023-03-18')
    """
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, list):
        # Compact, and names as written: the link is read in an address bar.
        return json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    if isinstance(value, date):
        return f"{value:%Y-%m-%d}"
    return value


def date_range(
    start: str | None, end: str | None, bounds: tuple[date, date]
) -> tuple[tuple[date, date] | None, dict[str, list[str]]]:
    """The date range a link's ``start`` and ``end`` (ISO dates, either may be missing) ask
    for within ``bounds``, and the texts left out, by ``"from"`` and ``"to"``.

    A missing end is the bound's. An end outside ``bounds`` is moved to the bound: no
    article lies beyond it, so the articles shown are those the link asked for. An end that is
    no date is left out (the other is kept); a range that ends before it starts, or lies
    wholly outside ``bounds``, would show no article and is left out whole. ``None`` when
    nothing is kept.

    Examples
    --------
    >>> bounds = (date(2023, 3, 1), date(2023, 3, 31))
    >>> date_range("2023-03-18", "2024-01-01", bounds)
    ((datetime.date(2023, 3, 18), datetime.date(2023, 3, 31)), {})
    >>> date_range("18 March", "2023-03-22", bounds)
    ((datetime.date(2023, 3, 1), datetime.date(2023, 3, 22)), {'from': ['18 March']})
    >>> date_range("2023-04-01", None, bounds)
    (None, {'from': ['2023-04-01']})
    """
    low, high = bounds
    asked: dict[str, date] = {}
    dropped: dict[str, list[str]] = {}
    texts = {"from": start, "to": end}
    for name, text in texts.items():
        if text is None:
            continue
        try:
            asked[name] = date.fromisoformat(text)
        except ValueError:
            dropped[name] = [text]
    if not asked:
        return None, dropped
    first, last = asked.get("from", low), asked.get("to", high)
    if first > last or first > high or last < low:
        return None, {name: [str(texts[name])] for name in texts if texts[name] is not None}
    return (max(first, low), min(last, high)), dropped


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
