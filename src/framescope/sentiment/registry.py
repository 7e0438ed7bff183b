"""Sentiment methods by name, the same in every process that scores.

A method is a name and a factory that builds a :class:`Scorer`. The methods are:

1. the built-in ones, ``multilex``, ``vader`` and ``textblob`` (:data:`BUILTIN`);
2. those declared in the entry-point group ``framescope.sentiment`` by any installed
   distribution, framescope's own pyproject.toml included::

       [project.entry-points."framescope.sentiment"]
       mine = "my_package.scorers:MyScorer"

3. those registered at run time, ``METHODS["mine"] = MyScorer``: they exist only in the process
   that registered them (and the pools :func:`framescope.sentiment.score` starts), never in a
   build's worker processes.

Names are resolved in whichever process scores, so a build's workers, spawned fresh, find the
built-in and entry-point methods as the parent does; :func:`check_methods` checks a list of
names before any work starts.

Examples
--------
>>> check_methods("vader,textblob")
('vader', 'textblob')
"""

from __future__ import annotations

import functools
import importlib
import sys
from collections.abc import Callable, Iterator, MutableMapping, Sequence
from importlib import metadata
from typing import Protocol, runtime_checkable

import polars as pl

GROUP = "framescope.sentiment"
"""The entry-point group where distributions declare sentiment methods."""

BUILTIN: dict[str, str] = {
    "multilex": "framescope.sentiment.multilex:MultilexScorer",
    "vader": "framescope.sentiment.vader:VaderScorer",
    "textblob": "framescope.sentiment.textblob:TextBlobScorer",
}
"""The built-in methods and their factories, as pyproject.toml declares them; listed here too
so that a checkout run without installing (``PYTHONPATH=src``) still has them."""

SCORE_SCHEMA = pl.Schema(
    {
        "compound": pl.Float64(),
        "pos": pl.Float64(),
        "neu": pl.Float64(),
        "neg": pl.Float64(),
    }
)
"""What a :class:`Scorer` returns: one row per text, in the order of the texts."""


@runtime_checkable
class Scorer(Protocol):
    """A sentiment method: scores sentence texts, one row per text.

    ``score_texts`` returns a frame with the columns of :data:`SCORE_SCHEMA` (``compound`` in
    -1..1; ``pos``/``neu``/``neg`` may be null), as many rows as texts, in the same order.
    """

    name: str

    def score_texts(self, texts: Sequence[str]) -> pl.DataFrame:
        """Score each text."""
        ...


Factory = Callable[[], Scorer]


@functools.lru_cache(maxsize=4)
def _declared(group: str, path: tuple[str, ...]) -> dict[str, str]:
    # Keyed on sys.path as well: a distribution put on the path later (a test's temporary one)
    # is seen, while scoring batch after batch reads the installed metadata once.
    targets = dict(BUILTIN)
    for entry in sorted(metadata.entry_points(group=group), key=lambda entry: entry.name):
        known = targets.setdefault(entry.name, entry.value)
        if known != entry.value:
            origin = entry.dist.name if entry.dist else "an unnamed distribution"
            msg = (
                f"sentiment method {entry.name!r} is declared twice: as {known!r} and, by "
                f"{origin}, as {entry.value!r}; uninstall one or rename its entry point"
            )
            raise ValueError(msg)
    return targets


def declared(group: str = GROUP) -> dict[str, str]:
    """Name -> ``"module:attribute"`` of the built-in and entry-point methods.

    Built-in methods come first, then entry points by name. A name declared twice for two
    different factories is a ValueError.

    Examples
    --------
    >>> declared()["vader"]
    'framescope.sentiment.vader:VaderScorer'
    """
    return dict(_declared(group, tuple(sys.path)))


@functools.cache
def load(target: str) -> Factory:
    """The factory that ``"module:attribute"`` names, imported in this process.

    Examples
    --------
    >>> load("framescope.sentiment.vader:VaderScorer").__name__
    'VaderScorer'
    """
    module_name, _, attribute = target.partition(":")
    try:
        value: object = importlib.import_module(module_name)
        for part in attribute.split(".") if attribute else ():
            value = getattr(value, part)
    except (ImportError, AttributeError) as error:
        error.add_note(f"while loading the sentiment method factory {target!r}")
        raise
    if not attribute or not callable(value):
        msg = f"sentiment method factory {target!r} is not a callable 'module:attribute'"
        raise ValueError(msg)
    return value


class Registry(MutableMapping[str, Factory]):
    """Method name -> factory of its :class:`Scorer`: declared methods, then run-time ones.

    Setting an item registers a method in this process only; the declared ones cannot be
    deleted. A declared factory is imported when first looked up.
    """

    def __init__(self, group: str = GROUP) -> None:
        self.group = group
        self.added: dict[str, Factory] = {}

    def __getitem__(self, name: str) -> Factory:
        if name in self.added:
            return self.added[name]
        return load(declared(self.group)[name])

    def __setitem__(self, name: str, factory: Factory) -> None:
        if not isinstance(name, str) or not name or "," in name:
            msg = f"a sentiment method name is a non-empty string without commas, got {name!r}"
            raise ValueError(msg)
        self.added[name] = factory

    def __delitem__(self, name: str) -> None:
        if name not in self.added:
            msg = f"{name!r} was not registered at run time, so it cannot be removed"
            raise KeyError(msg)
        del self.added[name]

    def __iter__(self) -> Iterator[str]:
        names = declared(self.group)
        yield from names
        yield from (name for name in self.added if name not in names)

    def __len__(self) -> int:
        return sum(1 for _ in self)

    def __contains__(self, name: object) -> bool:
        return name in self.added or name in declared(self.group)

    def __repr__(self) -> str:
        return f"Registry({list(self)!r})"


METHODS = Registry()
"""The sentiment methods. ``list(METHODS)`` names them; ``METHODS[name]()`` builds a scorer."""


def check_methods(names: str | Sequence[str], *, in_workers: bool = False) -> tuple[str, ...]:
    """The method names, checked: known, at least one, each once, in the order given.

    Parameters
    ----------
    names
        Method names, or one string of names separated by commas (``"vader,textblob"``).
    in_workers
        The methods will run in worker processes: refuse those registered at run time (or
        overridden), which the workers would not see or would see as declared.

    Returns
    -------
    tuple[str, ...]
        The names, stripped of spaces, without repeats.

    Examples
    --------
    >>> check_methods(["textblob", "vader", "textblob"])
    ('textblob', 'vader')
    >>> check_methods("vadr")  # doctest: +ELLIPSIS
    Traceback (most recent call last):
    ...
    ValueError: unknown sentiment method 'vadr'; known methods: multilex, textblob, vader (...)
    """
    if isinstance(names, str):
        names = names.split(",")
    result = tuple(dict.fromkeys(name.strip() for name in names if name.strip()))
    if not result:
        msg = "methods is empty: name at least one sentiment method"
        raise ValueError(msg)
    for name in result:
        if name not in METHODS:
            msg = (
                f"unknown sentiment method {name!r}; known methods: {', '.join(sorted(METHODS))} "
                f"(others are declared in the entry-point group {GROUP!r})"
            )
            raise ValueError(msg)
        if in_workers and name in METHODS.added:
            msg = (
                f"sentiment method {name!r} was registered at run time, so worker processes "
                f"cannot see it; declare it in the entry-point group {GROUP!r} and reinstall "
                "its package, or score in one process"
            )
            raise ValueError(msg)
    return result
