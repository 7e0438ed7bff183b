"""The only module that reads and writes processed tables.

Writes are atomic per build: every table is first written in full to a temporary file beside
its target; only when all are on disk are they renamed into place, and the manifest last.
A build killed before that point leaves the previous tables untouched. Every table carries its
build's id in its Parquet footer, and so does the manifest: readers check each table's id and
row count against the manifest (reading the footer only), so tables from two different builds
(a build killed between two renames) never mix silently.

One build at a time writes to a folder: :func:`lock` holds ``.lock`` in it, and the build
removes what killed builds left behind (:func:`remove_debris`) while it holds it.
"""

from __future__ import annotations

import errno
import fcntl
import json
import os
import re
import shutil
import socket
import time
import uuid
from collections.abc import Iterator, Sequence
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager, suppress
from pathlib import Path
from typing import Any

import polars as pl
import pyarrow as pa
import pyarrow.parquet as pq

from framescope import config

MANIFEST = "manifest.json"
LOCK = ".lock"
STAGING_PREFIX = ".staging-"
"""The engine's per-build partition folders in ``out`` start with this."""
BUILD_KEY = "framescope_build"
"""The Parquet key-value metadata entry (and manifest key) holding a table's build id."""


class StoreError(RuntimeError):
    """Processed tables that are missing or do not match their manifest."""


class LockHeldError(StoreError):
    """Another build is writing to the same folder."""


def _fsync(path: Path) -> None:
    with path.open("rb") as handle:
        os.fsync(handle.fileno())


Table = pl.DataFrame | pl.LazyFrame | Sequence[pl.LazyFrame]
"""A table to write: in memory, lazy (streamed to its file), or lazy parts written one after
the other into one file (only one part is in memory at a time)."""


def write(out: Path, tables: dict[str, Table], manifest: dict[str, Any]) -> dict[str, Any]:
    """Write ``tables`` as ``out/<name>.parquet`` and the manifest, atomically per build.

    Returns the manifest as written: with a ``tables`` entry giving each table's rows, and the
    build id every table carries in its footer. A write that fails (a full disk) removes its
    temporary files and leaves the previous build as it was.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> write(out, {"articles": pl.DataFrame({"a": [1, 2]})}, {})["tables"]
    {'articles': {'rows': 2}}
    """
    out.mkdir(parents=True, exist_ok=True)
    build = f"{time.strftime('%Y%m%dT%H%M%S')}-{uuid.uuid4().hex[:12]}"
    staged = [(out / f".{name}.parquet.tmp", out / f"{name}.parquet") for name in tables]
    manifest_tmp = out / f".{MANIFEST}.tmp"
    try:
        # Two tables at a time: compression and sorting release the GIL, and text-heavy tables
        # (sentences, articles) would otherwise keep one core idle while they compress.
        with ThreadPoolExecutor(max_workers=2) as pool:
            written = pool.map(
                _write_table, tables.values(), [t for t, _ in staged], [build] * len(staged)
            )
            counts = list(written)
        rows = dict(zip(tables, counts, strict=True))
        manifest = {
            **manifest,
            BUILD_KEY: build,
            "tables": {name: {"rows": n} for name, n in rows.items()},
        }
        text = json.dumps(manifest, indent=2, sort_keys=True, default=str) + "\n"
        manifest_tmp.write_text(text)
        _fsync(manifest_tmp)
    except BaseException:
        for temporary in [manifest_tmp, *(t for t, _ in staged)]:
            temporary.unlink(missing_ok=True)  # a full disk gets its space back
        raise
    for temporary, target in staged:
        temporary.replace(target)
    manifest_tmp.replace(out / MANIFEST)
    return manifest


@contextmanager
def writing(path: Path) -> Iterator[None]:
    """Polars' I/O errors while writing ``path`` as the OSError they are, so that a full disk
    is ``OSError(errno.ENOSPC)`` whichever library wrote.

    Polars 2.1 reports a full disk as a ComputeError ending in "(os error 28)", or, when the
    footer is what no longer fits, as "Invalid thrift: transport error" with no code; that
    one is taken for a full disk when under a megabyte is left there. Any other polars error
    (a query that fails while it is sunk) is raised as it is.

    Examples
    --------
    >>> with writing(Path("t.parquet")):  # what polars 2.1 raises on a full disk
    ...     raise pl.exceptions.ComputeError("underlying IO error: ... (os error 28)")
    Traceback (most recent call last):
    ...
    OSError: [Errno 28] No space left on device: 't.parquet'
    """
    try:
        yield
    except pl.exceptions.PolarsError as error:
        found = re.search(r"\(os error (\d+)\)", str(error))
        if found is not None:
            code = int(found.group(1))
        elif _nearly_full(path.parent):
            code = errno.ENOSPC
        else:
            raise
        raise OSError(code, os.strerror(code), str(path)) from error


def _nearly_full(folder: Path) -> bool:
    """Under a megabyte left for this user in ``folder``'s file system."""
    try:
        found = os.statvfs(folder)
    except OSError:
        return False
    return found.f_bavail * found.f_frsize < 1 << 20


def _write_table(frame: Table, temporary: Path, build: str) -> int:
    """Write one table to ``temporary`` with its build id, flushed to disk; its rows."""
    metadata = {BUILD_KEY: build}
    with writing(temporary):
        if isinstance(frame, pl.DataFrame):
            frame.write_parquet(temporary, statistics=True, metadata=metadata)
        elif isinstance(frame, pl.LazyFrame):
            frame.sink_parquet(temporary, statistics=True, metadata=metadata)
        else:
            _write_parts(frame, temporary, metadata)
    _fsync(temporary)
    return _footer(temporary)[0]


_SLICE_ROWS = 65_536


def _write_parts(parts: Sequence[pl.LazyFrame], path: Path, metadata: dict[str, str]) -> None:
    if not parts:
        msg = f"{path.name}: a table given in parts needs at least one part (for its schema)"
        raise ValueError(msg)
    writer = None
    try:
        for part in parts:
            # A slice at a time: polars shares one copy of a string among rows (a sentence and
            # its 600 figures), arrow copies it per row.
            frame = part.collect()
            for rows in frame.iter_slices(_SLICE_ROWS) if frame.height else [frame]:
                table = rows.to_arrow()
                if writer is None:
                    schema = table.schema.with_metadata(metadata)  # the footer's metadata
                    writer = pq.ParquetWriter(path, schema, compression="zstd")
                writer.write_table(table.replace_schema_metadata(metadata))
    finally:
        if writer is not None:
            writer.close()


def _footer(path: Path) -> tuple[int, str | None]:
    """A Parquet file's rows and build id, from its footer only."""
    footer = pq.read_metadata(path)
    build = (footer.metadata or {}).get(BUILD_KEY.encode())
    return footer.num_rows, build.decode() if build is not None else None


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


def scan(name: str, data: Path | None = None, *, field: str | None = "text") -> pl.LazyFrame:
    """One processed table, lazily, checked against the manifest: its row count and build id
    are in the Parquet footer, so the check reads no rows.

    Tables with a ``field`` column (mentions, labels, sentiment, figures) hold the findings of
    the article text and of its title: ``field`` says which rows to read, the text's by
    default (what every count was before titles were analysed), ``"title"`` for headlines,
    None for all.

    Examples
    --------
    >>> scan("articles").select("source").unique().collect()  # doctest: +SKIP
    >>> scan("mentions", field="title").collect()  # doctest: +SKIP
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
        found, build = _footer(path)
    except (OSError, pa.ArrowException) as error:
        msg = f"{path} is unreadable ({error}); run 'framescope build' again"
        raise StoreError(msg) from None
    if found != expected["rows"]:
        msg = (
            f"{path} has {found} rows but the manifest says "
            f"{expected['rows']}: the build was interrupted; run 'framescope build' again"
        )
        raise StoreError(msg)
    # Builds before build ids had neither; a table and manifest of one build agree.
    if build != manifest.get(BUILD_KEY):
        msg = (
            f"{path} is from build {build} but the manifest is from build "
            f"{manifest.get(BUILD_KEY)}: tables from two builds: run 'framescope build' again"
        )
        raise StoreError(msg)
    table = pl.scan_parquet(path)
    if field is None or "field" not in table.collect_schema():
        return table
    return table.filter(pl.col("field") == field)


def read(name: str, data: Path | None = None, *, field: str | None = "text") -> pl.DataFrame:
    """Read one processed table, checked against the manifest (``field``: see :func:`scan`).

    Examples
    --------
    >>> read("articles").columns[:3]  # doctest: +SKIP
    ['article_id', 'source', 'published']
    """
    return scan(name, data, field=field).collect()


def read_all(data: Path | None = None, *, field: str | None = "text") -> dict[str, pl.DataFrame]:
    """Every table of the build in ``data`` (``field``: see :func:`scan`)."""
    manifest = read_manifest(data) or {}
    return {name: read(name, data, field=field) for name in manifest.get("tables", {})}


@contextmanager
def lock(out: Path) -> Iterator[str | None]:
    """Hold ``out/.lock`` while one build writes to ``out``.

    The kernel's lock on the file (``flock``) is what excludes, and it is released when its
    process ends however it ends, so a killed build never blocks the next. The file names its
    holder (pid, host, start) for the message another build gets, and is emptied on release:
    a holder still named in it on entry is a build that was killed, whose lock is taken over.

    Yields
    ------
    str or None
        A note naming the killed build whose lock was taken over, else None.

    Raises
    ------
    LockHeldError
        When another build holds the lock; the message names its pid.

    Examples
    --------
    >>> import tempfile
    >>> with lock(Path(tempfile.mkdtemp())) as note:
    ...     note is None
    True
    """
    out.mkdir(parents=True, exist_ok=True)
    path = out / LOCK
    with path.open("a+") as handle:  # appending: what a holder wrote stays until it is ours
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            msg = f"{_holder(handle)} is writing to {out}: wait for it to finish, or stop it"
            raise LockHeldError(msg) from None
        except OSError as error:
            msg = f"cannot lock {path} ({error.strerror}): builds need a file system with locks"
            raise StoreError(msg) from None
        left = _holder(handle, missing="")
        with suppress(OSError):  # a full disk: the kernel's lock holds without the name
            _rewrite(handle, json.dumps(_this_build()))
        try:
            yield f"took over the lock of {left}, which stopped without finishing" if left else None
        finally:
            with suppress(OSError):  # left named, the next build only notes a takeover
                _rewrite(handle, "")


def _this_build() -> dict[str, Any]:
    started = time.strftime("%Y-%m-%d %H:%M:%S")
    return {"pid": os.getpid(), "host": socket.gethostname(), "started": started}


def _holder(handle: Any, *, missing: str = "another build") -> str:
    """Who the lock file names: 'build pid 4242 on host (started ...)', or ``missing``."""
    handle.seek(0)
    try:
        named = json.loads(handle.read())
        return f"build pid {named['pid']} on {named['host']} (started {named['started']})"
    except (json.JSONDecodeError, KeyError, TypeError):  # empty: held, not yet named
        return missing


def _rewrite(handle: Any, text: str) -> None:
    handle.seek(0)
    handle.truncate()
    handle.write(text)
    handle.flush()
    os.fsync(handle.fileno())


def remove_debris(out: Path) -> int:
    """Remove what killed builds left in ``out``: partition folders and temporary tables.

    Only for a build holding :func:`lock`: a running build's files look the same. Returns
    how many were removed.

    Examples
    --------
    >>> import tempfile
    >>> out = Path(tempfile.mkdtemp())
    >>> (out / f"{STAGING_PREFIX}1").mkdir(); _ = (out / ".articles.parquet.tmp").write_text("")
    >>> remove_debris(out), sorted(out.iterdir())
    (2, [])
    """
    found = [*out.glob(f"{STAGING_PREFIX}*"), *out.glob(".*.tmp")]
    for path in found:
        if path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
        else:
            path.unlink(missing_ok=True)
    return len(found)
