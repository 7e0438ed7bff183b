"""The only module that reads and writes processed tables.

Writes are atomic per build: every table is first written in full to a temporary file beside
its target; only when all are on disk are they renamed into place, and the manifest last.
A build killed before that point leaves the previous tables untouched. Readers check each
table against the manifest's row counts, so tables from two different builds never mix
silently.
"""

from __future__ import annotations

import json
import os
from collections.abc import Sequence
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow.parquet as pq

from framescope import config

MANIFEST = "manifest.json"


class StoreError(RuntimeError):
    """Processed tables that are missing or do not match their manifest."""


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


Table = pl.DataFrame | pl.LazyFrame | Sequence[pl.LazyFrame]
"""A table to write: in memory, lazy (streamed to its file), or lazy parts written one after
the other into one file (only one part is in memory at a time)."""


def write(out: Path, tables: dict[str, Table], manifest: dict[str, Any]) -> dict[str, Any]:
    """Write ``tables`` as ``out/<name>.parquet`` and the manifest, atomically per build.

    Returns the manifest as written (with a ``tables`` entry giving each table's rows).
    """
    out.mkdir(parents=True, exist_ok=True)
    for leftover in out.glob(".*.tmp"):  # from a build that was killed half-way
        leftover.unlink()
    staged = [(out / f".{name}.parquet.tmp", out / f"{name}.parquet") for name in tables]
    # Two tables at a time: compression and sorting release the GIL, and text-heavy tables
    # (sentences, articles) would otherwise keep one core idle while they compress.
    with ThreadPoolExecutor(max_workers=2) as pool:
        counts = list(pool.map(_write_table, tables.values(), [t for t, _ in staged]))
    rows = dict(zip(tables, counts, strict=True))
    manifest = {**manifest, "tables": {name: {"rows": n} for name, n in rows.items()}}
    manifest_tmp = out / f".{MANIFEST}.tmp"
    manifest_tmp.write_text(json.dumps(manifest, indent=2, sort_keys=True, default=str) + "\n")
    _fsync(manifest_tmp)
    for temporary, target in staged:
        temporary.replace(target)
    manifest_tmp.replace(out / MANIFEST)
    return manifest


def _write_table(frame: Table, temporary: Path) -> int:
    """Write one table to ``temporary``, flushed to disk; its rows."""
    if isinstance(frame, pl.DataFrame):
        frame.write_parquet(temporary, statistics=True)
    elif isinstance(frame, pl.LazyFrame):
        frame.sink_parquet(temporary, statistics=True)
    else:
        _write_parts(frame, temporary)
    _fsync(temporary)
    return _rows(temporary)


def _write_parts(parts: Sequence[pl.LazyFrame], path: Path) -> None:
    if not parts:
        msg = f"{path.name}: a table given in parts needs at least one part (for its schema)"
        raise ValueError(msg)
    writer = None
    try:
        for part in parts:
            table = part.collect().to_arrow()
            if writer is None:
                writer = pq.ParquetWriter(path, table.schema, compression="zstd")
            writer.write_table(table)
    finally:
        if writer is not None:
            writer.close()


def _rows(path: Path) -> int:
    return pl.scan_parquet(path).select(pl.len()).collect().item()  # from the footer only


def read_manifest(data: Path | None = None) -> dict[str, Any] | None:
    """The manifest of the build in ``data`` (default ``data/processed``), or None."""
    path = (data or config.PROCESSED) / MANIFEST
    if not path.exists():
        return None
    try:
        return json.loads(path.read_text())
    except (OSError, json.JSONDecodeError) as error:
        msg = f"{path} is unreadable ({error}); rebuild with 'framescope build'"
        raise StoreError(msg) from None


def scan(name: str, data: Path | None = None) -> pl.LazyFrame:
    """One processed table, lazily, checked against the manifest (its row count is in the
    Parquet footer, so the check reads no rows).

    Examples
    --------
    >>> scan("articles").select("source").unique().collect()  # doctest: +SKIP
    """
    data = data or config.PROCESSED
    manifest = read_manifest(data)
    if manifest is None:
        msg = f"no build in {data}: run 'framescope build' first"
        raise StoreError(msg)
    expected = manifest.get("tables", {}).get(name)
    if expected is None:
        msg = f"table {name!r} is not in the build in {data}; tables: {sorted(manifest['tables'])}"
        raise StoreError(msg)
    path = data / f"{name}.parquet"
    try:
        found = _rows(path)
    except (OSError, pl.exceptions.PolarsError) as error:
        msg = f"{path} is unreadable ({error}); run 'framescope build' again"
        raise StoreError(msg) from None
    if found != expected["rows"]:
        msg = (
            f"{path} has {found} rows but the manifest says "
            f"{expected['rows']}: the build was interrupted; run 'framescope build' again"
        )
        raise StoreError(msg)
    return pl.scan_parquet(path)


def read(name: str, data: Path | None = None) -> pl.DataFrame:
    """Read one processed table, checked against the manifest.

    Examples
    --------
    >>> read("articles").columns[:3]  # doctest: +SKIP
    ['article_id', 'source', 'published']
    """
    return scan(name, data).collect()


def read_all(data: Path | None = None) -> dict[str, pl.DataFrame]:
    """Every table of the build in ``data``."""
    manifest = read_manifest(data) or {}
    return {name: read(name, data) for name in manifest.get("tables", {})}
