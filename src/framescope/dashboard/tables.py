"""Reading one build for the dashboard: its tables, profile and reference statistics.

Loaders are cached on small keys (the folder and the manifest's modification time, never on
frames), so every session of a served build shares one copy, and a rebuild is read afresh.

The tables in :data:`FIELD_TABLES` hold findings of the article text and of its title
(``field``): each read names the field it wants, and the field is part of its cache key.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterator, Mapping
from functools import lru_cache
from pathlib import Path
from typing import Any

import polars as pl

from framescope import claims, store
from framescope import profile as profiles

# The columns the views draw from. Text columns (article bodies, sentences, quotes) are read
# only when a visitor asks for evidence, an article or a search: at 100,000 articles they are
# most of the bytes of a build.
SLIM_COLUMNS: dict[str, tuple[str, ...]] = {
    "articles": (
        "article_id", "source", "published", "n_words", "duplicate_of", "syndicated_from",
        "wire", "title", "language", "translated",
    ),
    "mentions": ("article_id", "sentence_idx", "actor"),
    "sentiment": ("article_id", "sentence_idx", "method", "compound"),
    "frames": ("article_id", "frame"),
    "labels": ("article_id", "actor", "label"),
    "war_terms": ("article_id", "term"),
    "quotes": ("article_id", "voice"),
}  # fmt: skip


FIELDS = ("text", "title")
"""Where a finding is: the article's text or its title (``stages.FIELDS``)."""
FIELD_TABLES = frozenset({"mentions", "labels", "sentiment", "figures"})
"""The tables with a ``field`` column (``stages.analyse``): every other table is the text's
whatever field is asked for."""


class Tables(Mapping[str, pl.DataFrame]):
    """The build's tables by name, each read in full on first access and kept.

    ``tables[name]`` is the text's rows (as :func:`framescope.store.read`);
    :meth:`read` and :meth:`slim` take the field."""

    def __init__(self, data_dir: Path, names: list[str]) -> None:
        self.data_dir = data_dir
        self._names = names
        self._read: dict[Any, Any] = {}
        self._lock = threading.RLock()

    def __getitem__(self, name: str) -> pl.DataFrame:
        return self.read(name)

    def read(self, name: str, field: str = "text") -> pl.DataFrame:
        """The whole table, the rows of ``field`` (``"text"`` or ``"title"``) where it has them."""
        if name not in self._names:
            raise KeyError(name)
        key = _full_key(name, self.field_for(name, field))
        with self._lock:  # two sessions asking at once read the file once
            if key not in self._read:
                self._read[key] = self.scan(name, field).collect()
        return self._read[key]

    def scan(self, name: str, field: str = "text") -> pl.LazyFrame:
        """The table lazily, the rows of ``field`` where it has them: none of the title's in a
        build made before titles were analysed (no ``field`` column)."""
        field = self.field_for(name, field)
        table = store.scan(name, self.data_dir, field=field)
        if field != "text" and "field" not in table.collect_schema().names():
            return table.head(0)
        return table

    @staticmethod
    def field_for(name: str, field: str) -> str:
        """The field whose rows ``name`` gives when ``field`` is asked for: ``field`` for a
        table of :data:`FIELD_TABLES`, else ``"text"`` (so cache keys do not copy it).

        Examples
        --------
        >>> Tables.field_for("mentions", "title"), Tables.field_for("frames", "title")
        ('title', 'text')
        """
        if field not in FIELDS:
            msg = f"field: {field!r} is not one of {FIELDS}"
            raise ValueError(msg)
        return field if name in FIELD_TABLES else "text"

    def __contains__(self, name: object) -> bool:
        # Mapping's own asks for the item, which would read the whole table to say yes.
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def slim(self, name: str, field: str = "text") -> pl.DataFrame:
        """The table with only :data:`SLIM_COLUMNS` (all of it when already read in full), the
        rows of ``field`` where it has them."""
        field = self.field_for(name, field)
        if _full_key(name, field) in self._read or name not in SLIM_COLUMNS:
            return self.read(name, field)
        return self.derived(("slim", name, field), lambda: self._read_columns(name, field))

    def _read_columns(self, name: str, field: str) -> pl.DataFrame:
        scan = self.scan(name, field)
        present = scan.collect_schema().names()
        return scan.select([c for c in SLIM_COLUMNS[name] if c in present]).collect()

    def derived(self, key: tuple, build: Callable[[], Any]) -> Any:
        """``build()`` once per build folder, shared by every session (aggregates, caches)."""
        with self._lock:
            if key not in self._read:
                self._read[key] = build()
            return self._read[key]

    def memo(self, name: str, key: tuple, build: Callable[[], Any], *, size: int = 16) -> Any:
        """``build()`` kept under ``key`` for every session, the ``size`` most recently used
        keys of ``name`` only: what a filter state derives is the same for every visitor,
        so the second visitor (and the default view after ``app.prepare``) gets it at once."""
        with self._lock:
            kept = self._read.setdefault(("memo", name), OrderedDict())
            if key in kept:
                kept.move_to_end(key)
                return kept[key]
        value = build()  # outside the lock: one slow build must not hold up other sessions
        with self._lock:
            kept[key] = value
            while len(kept) > size:
                kept.popitem(last=False)
        return value


def _full_key(name: str, field: str) -> Any:
    # The text's rows under the table's name, as before titles were analysed.
    return name if field == "text" else ("full", name, field)


@lru_cache(maxsize=4)
def _load(data_dir: str, stamp: int) -> Tables:
    del stamp  # part of the cache key only: a rebuild changes it
    manifest = store.read_manifest(Path(data_dir)) or {}
    return Tables(Path(data_dir), list(manifest.get("tables", {})))


def load_tables(data_dir: str | Path) -> Tables:
    """Every table of the build in ``data_dir``, read on first use and cached until the
    build changes."""
    manifest = Path(data_dir) / store.MANIFEST
    if not manifest.exists():
        msg = f"no build in {data_dir}: run 'framescope build' first"
        raise store.StoreError(msg)
    return _load(str(Path(data_dir).resolve()), manifest.stat().st_mtime_ns)


def load_profile(data_dir: str | Path) -> profiles.Profile:
    """The profile the build used (its path is in the manifest), else the default one."""
    manifest = store.read_manifest(Path(data_dir)) or {}
    path = manifest.get("profile", {}).get("path")
    if path == "base" or (path and Path(path).exists()):
        return profiles.load(path)
    return profiles.load()


_NO_REFERENCE = profiles.Reference()


@lru_cache(maxsize=2)
def load_reference(
    folder: str, reference: profiles.Reference = _NO_REFERENCE
) -> dict[str, pl.DataFrame]:
    """The official statistics (annual, year-to-date, targets) in ``folder`` that a profile's
    ``reference`` names; an empty table for each it does not name.

    Examples
    --------
    >>> load_reference("data/reference")["annual"].height
    0
    """
    return claims.official.named(reference, folder)
