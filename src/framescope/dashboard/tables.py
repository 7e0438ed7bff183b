"""Reading one build for the dashboard: its tables, profile and reference statistics.

Loaders are cached on small keys (the folder and the manifest's modification time, never on
frames), so every session of a served build shares one copy, and a rebuild is read afresh.
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


class Tables(Mapping[str, pl.DataFrame]):
    """The build's tables by name, each read in full on first access and kept."""

    def __init__(self, data_dir: Path, names: list[str]) -> None:
        self.data_dir = data_dir
        self._names = names
        self._read: dict[Any, Any] = {}
        self._lock = threading.RLock()

    def __getitem__(self, name: str) -> pl.DataFrame:
        if name not in self._names:
            raise KeyError(name)
        with self._lock:  # two sessions asking at once read the file once
            if name not in self._read:
                self._read[name] = store.read(name, self.data_dir)
        return self._read[name]

    def __contains__(self, name: object) -> bool:
        # Mapping's own asks for the item, which would read the whole table to say yes.
        return name in self._names

    def __iter__(self) -> Iterator[str]:
        return iter(self._names)

    def __len__(self) -> int:
        return len(self._names)

    def slim(self, name: str) -> pl.DataFrame:
        """The table with only :data:`SLIM_COLUMNS` (all of it when already read in full)."""
        if name in self._read or name not in SLIM_COLUMNS:
            return self[name]
        return self.derived(("slim", name), lambda: _read_columns(self.data_dir, name))

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


def _read_columns(data_dir: Path, name: str) -> pl.DataFrame:
    scan = store.scan(name, data_dir)
    present = scan.collect_schema().names()
    return scan.select([c for c in SLIM_COLUMNS[name] if c in present]).collect()


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
    if path and Path(path).exists():
        return profiles.load(path)
    return profiles.load()


@lru_cache(maxsize=2)
def load_reference(folder: str) -> dict[str, pl.DataFrame]:
    """The official statistics shipped in ``folder`` (annual, year-to-date, targets)."""
    base = Path(folder)
    return {
        "annual": claims.annual(base / "china_russia_trade_annual.csv"),
        "ytd": claims.year_to_date(base / "china_russia_trade_ytd.csv"),
        "targets": claims.targets(base / "trade_targets.csv"),
    }
