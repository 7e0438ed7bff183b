"""build(): raw inputs -> processed tables, incrementally.

A build fingerprints its inputs (SHA-256 of each file) and its configuration (the code that
makes the tables, profile, sidecars, column mapping, sentiment methods, thresholds, size
limits). Same fingerprints as the last build: nothing to do. Same configuration and only files
added: only the new files are read, and corpus-level identity (duplicates) is recomputed over
everything, so the tables equal a full build's. Anything else: a full rebuild, because a
changed sidecar, profile or analysis function can change every row.

One build at a time writes to a folder (``store.lock``). A build that fails on something other
than its input (a full disk, a dead worker) raises :class:`BuildError` and leaves the previous
tables as they were.
"""

from __future__ import annotations

import errno
import hashlib
import time
from collections.abc import Callable, Iterable, Mapping, Sequence
from concurrent.futures import CancelledError
from concurrent.futures.process import BrokenProcessPool
from contextlib import AbstractContextManager
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

import polars as pl

from framescope import __version__, config, ingest, sentiment, store
from framescope import engine as engine_
from framescope import profile as profiles
from framescope.ingest import dedupe, sidecar
from framescope.ingest.fields import parse_delimiter
from framescope.ingest.records import Batch, rejects_frame
from framescope.stages import canonical_order, merge_canonical

SENTIMENT_METHODS = ("multilex", "vader")
"""What a build scores sentiment with unless told: multilex, the default tone (Pearson r 0.59
with 455 hand-scored news sentences, VADER 0.57), and VADER, so that a finding can be checked
against a change of method. TextBlob (r 0.25) is scored only when named (``--methods``)."""
ENGINES = ("local", "dask")
PACKAGE = Path(__file__).parent
"""The installed package, whose code :func:`code_sha256` fingerprints."""
READERS = frozenset({"cli.py", "dashboard", "plots.py", "report", "safe.py", "timeseries.py"})
"""Files and folders of the package that only start a build or read its tables: editing them
cannot change a table, so it does not rebuild. Anything else in the package, a new module
too, is the build's code. tests/test_imports.py checks that the build imports none of them."""
RECOMPUTED_REJECTS = ("duplicate", "missing_file", "symlink")
"""Rejects that depend on the whole set of inputs, not on one file: every build makes them
again rather than keeping the previous build's."""


class BuildError(RuntimeError):
    """A build stopped by something other than its input (a full disk, a dead worker); the
    tables in its folder are those of the previous build."""


@dataclass(frozen=True)
class BuildReport:
    """What a build did, for the CLI and for tests."""

    status: str  # "built", "updated", "up_to_date" or "nothing_built"
    out: Path
    inputs: int
    read: int
    tables: dict[str, int] = field(default_factory=dict)
    rejects_by_reason: dict[str, int] = field(default_factory=dict)
    near_duplicates: int = 0
    syndicated: int = 0
    seconds: dict[str, float] = field(default_factory=dict)  # wall time of each phase
    stages: dict[str, float] = field(default_factory=dict)  # stage seconds summed over tasks
    workers: int = 1
    notes: tuple[str, ...] = ()  # what a person should know that is not a reject
    profile: Path | str = ""  # the profile file used ("base": the shipped base alone)

    def summary(self) -> str:
        """One paragraph a person reads after ``framescope build``."""
        notes = [f"  note: {note}" for note in self.notes]
        if self.status == "up_to_date":
            done = f"{self.out}: up to date ({self.inputs} inputs unchanged); nothing to do."
            return "\n".join([done, *notes])
        verb = {"built": "built", "updated": "updated", "nothing_built": "NOTHING BUILT in"}
        articles = self.tables.get("articles", 0)
        reasons = ", ".join(f"{n} {r}" for r, n in sorted(self.rejects_by_reason.items()))
        lines = [
            f"{verb[self.status]} {self.out}: read {self.read} of {self.inputs} input files",
            f"  {articles} articles ({self.near_duplicates} marked near-duplicate, "
            f"{self.syndicated} carrying an earlier article's story), "
            f"{self.tables.get('sentences', 0)} sentences, "
            f"{self.tables.get('mentions', 0)} actor mentions",
            f"  {self.tables.get('rejects', 0)} rejects" + (f" ({reasons})" if reasons else ""),
        ]
        if self.status == "nothing_built":
            lines.append("  no input became an article; see rejects.parquet for why each failed")
        return "\n".join([*lines, *notes])


def _sha256(path: Path) -> str:
    digest = hashlib.sha256()
    with path.open("rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


def code_sha256(package: Path) -> str:
    """SHA-256 of the code that makes the tables: every file of ``package`` (its path and
    bytes) except :data:`READERS`, hidden files and compiled caches.

    A change of an analysis function changes it, so the next build rebuilds rather than
    keep tables the new code would not make; about 1 MB of source, read in milliseconds.

    Examples
    --------
    >>> code_sha256(PACKAGE) == code_sha256(PACKAGE)
    True
    """
    digest = hashlib.sha256()
    for path in sorted(package.rglob("*")):
        parts = path.relative_to(package).parts
        if parts[0] in READERS or any(p.startswith(".") or p == "__pycache__" for p in parts):
            continue
        if path.is_file():
            digest.update(f"{'/'.join(parts)}\0{_sha256(path)}\n".encode())
    return digest.hexdigest()


def _fingerprints(found: ingest.Inputs) -> dict[str, str]:
    fingerprints = {}
    for item in found.files:
        try:
            fingerprints[item.label] = _sha256(item.path)
        except OSError:
            fingerprints[item.label] = "unreadable"  # read_file will reject it with the reason
    # A link added, removed or pointed elsewhere changes the rejects like a file would.
    for path, detail in found.rejects.select("path", "detail").iter_rows():
        fingerprints[path] = f"symlink: {detail}"
    return fingerprints


def _sidecars(paths: list[Path]) -> tuple[pl.DataFrame | None, Batch]:
    if not paths:
        return None, Batch()
    tables = [sidecar.read(path) for path in paths]
    missing = Batch.concat(
        [ingest.missing_sidecar_files(t, p.parent) for t, p in zip(tables, paths, strict=True)]
    )
    return pl.concat(tables), missing


def _previous(out: Path, settings: dict[str, Any], inputs: dict[str, str]) -> dict | None:
    """The last build's inputs, its tables (lazy, checked against the manifest) and the
    inputs it rejected as exact duplicates, if this build may extend it, else None."""
    try:
        manifest = store.read_manifest(out)
        if manifest is None or manifest.get("settings") != settings:
            return None
        before = manifest.get("inputs", {})
        if any(inputs.get(path) != sha for path, sha in before.items()):
            return None  # a file changed or went away
        tables = {name: store.scan(name, out, field=None) for name in manifest.get("tables", {})}
        duplicates = (
            tables["rejects"]
            .filter(pl.col("reason") == "duplicate")
            .select(dedupe.duplicate_kept_id(pl.col("detail")).alias("article_id"), "path")
            .collect()
        )
    except (store.StoreError, KeyError):
        return None
    if duplicates["article_id"].null_count():  # cannot be identified again: rebuild
        return None
    return {"inputs": before, "tables": tables, "duplicates": duplicates}


def build(
    raw: Iterable[str | Path] | None = None,
    *,
    sources: str | Path | None = None,
    profile: str | Path | None = None,
    out: str | Path | None = None,
    mapping: Mapping[str, str] | None = None,
    delimiter: str | None = None,
    progress: bool = True,
    force: bool = False,
    engine: str = "local",
    scheduler: str | None = None,
    workers: int | None = None,
    methods: Sequence[str] | None = None,
) -> BuildReport:
    """Build the processed tables from raw inputs.

    Parameters
    ----------
    raw
        Folders or files of any accepted kind; default ``data/raw/xi_moscow_2023``.
    sources
        A sidecar CSV; default: every ``sources.csv`` found in the raw folders.
    profile
        The topic profile TOML; ``"base"`` for the shipped base profile alone; ``"auto"`` for
        no event profile: the base plus the actors drafted from the corpus
        (:func:`framescope.profile.draft.draft`), written to ``<out>/profile.toml`` for a
        person to edit and pass next time; default :data:`framescope.config.PROFILE`.
    out
        Where the tables go; default ``data/processed``.
    mapping
        Export column names for fields (``{"text": "body"}``), as ``--map`` gives them.
    delimiter
        The delimiter of CSV/TSV exports (``--delimiter``); default: sniffed from each file's
        header line.
    force
        Rebuild everything even when nothing changed.
    engine
        ``"local"`` (worker processes on this machine) or ``"dask"`` (a dask.distributed
        cluster). Both run the same tasks per shard of files and batch of articles, see
        :mod:`framescope.engine`, and give identical tables.
    scheduler
        With ``engine="dask"``: the scheduler's address; default a LocalCluster here.
    workers
        Local worker processes (default ``config.WORKERS``, one per core), or with
        ``engine="dask"`` and no scheduler, LocalCluster workers.
    methods
        Sentiment methods, names in :data:`framescope.sentiment.METHODS` (or one string of
        them separated by commas); default :data:`SENTIMENT_METHODS`. Other methods than the
        last build's rebuild everything.

    Raises
    ------
    ValueError
        When ``engine`` or a method of ``methods`` is unknown (see
        :func:`framescope.sentiment.check_methods`), before any work.
    store.LockHeldError
        When another build is writing to ``out``.
    BuildError
        When something other than the input stops the build (a full disk, a dead worker);
        ``out`` keeps the previous build's tables.

    Examples
    --------
    >>> build(progress=False).tables["articles"]  # doctest: +SKIP
    5
    """
    if engine not in ENGINES:
        msg = f"engine {engine!r} is not one of {list(ENGINES)}"
        raise ValueError(msg)
    # Workers import the methods afresh: one registered at run time exists only here.
    in_workers = engine != "local" or (workers or config.WORKERS) > 1
    methods = sentiment.check_methods(
        SENTIMENT_METHODS if methods is None else methods, in_workers=in_workers
    )
    started = time.perf_counter()
    out = Path(out) if out is not None else config.PROCESSED
    delimiter = parse_delimiter(delimiter)  # a bad one is the user's, before any work
    profile = config.PROFILE if profile is None else profile
    drafted_note = None
    if profile == config.AUTO_PROFILE:
        profile, drafted_note = _drafted_profile(
            raw, sources=sources, out=out, mapping=mapping, delimiter=delimiter
        )
    topic = profiles.load(profile)
    used = profile if profile == "base" else Path(profile).resolve()
    found = ingest.find_inputs(raw if raw is not None else [config.RAW])
    sidecar_paths = [Path(sources)] if sources is not None else found.sidecars
    for path in sidecar_paths:
        if not path.is_file():
            msg = f"sidecar {str(path)!r} does not exist"
            raise FileNotFoundError(msg)
    inputs = _fingerprints(found)
    settings = {
        "framescope_version": __version__,
        "code_sha256": code_sha256(PACKAGE),
        "profile_sha256": topic.sha256,
        "sidecars": {ingest.label(p): _sha256(p) for p in sidecar_paths},
        "mapping": dict(sorted((mapping or {}).items())),
        "delimiter": delimiter,
        "sentiment_methods": sorted(methods),  # the table is sorted on method: order is moot
        "near_duplicate_threshold": config.NEAR_DUPLICATE_THRESHOLD,
        "story_threshold": config.STORY_THRESHOLD,
        # What is over a limit becomes a reject instead of an article: a new limit rebuilds.
        "limits": {
            "max_file_bytes": config.MAX_FILE_BYTES,
            "max_export_bytes": config.MAX_EXPORT_BYTES,
            "max_article_chars": config.MAX_ARTICLE_CHARS,
        },
        # Stored sketches are reused by the next build: a change of how they are made rebuilds.
        "sketch": {"shingle_words": dedupe.SHINGLE_WORDS, "size": dedupe.SKETCH_SIZE},
    }
    discovered = time.perf_counter() - started
    try:
        with store.lock(out) as took_over:
            notes = [*found.notes, *([took_over] if took_over else [])]
            notes += [drafted_note] if drafted_note else []
            if store.remove_debris(out):
                notes.append(f"removed what an interrupted build left in {out}")
            previous = None if force else _previous(out, settings, inputs)
            if previous is not None and previous["inputs"] == inputs:
                return BuildReport(
                    "up_to_date", out, len(found.files), 0, notes=(*notes,), profile=used
                )
            report = _update(
                out,
                found,
                previous,
                sidecar_paths=sidecar_paths,
                manifest={"settings": settings, "inputs": inputs},
                topic=topic,
                methods=methods,
                profile=used,
                mapping=mapping,
                delimiter=delimiter,
                connect=lambda: engine_.connect(
                    engine, scheduler=scheduler, workers=workers, progress=progress
                ),
            )
    except _failures(engine) as error:
        msg = f"the build failed ({_why(error, out)}); the tables in {out} are unchanged"
        raise BuildError(msg) from error
    report.seconds["discover"] += discovered
    report.seconds["total"] = time.perf_counter() - started
    return replace(report, notes=(*notes,), profile=used)


def _update(
    out: Path,
    found: ingest.Inputs,
    previous: dict[str, Any] | None,
    *,
    sidecar_paths: list[Path],
    manifest: dict[str, Any],
    topic: profiles.Profile,
    methods: Sequence[str],
    profile: Path | str,
    mapping: Mapping[str, str] | None,
    delimiter: str | None,
    connect: Callable[[], AbstractContextManager[engine_.Executor]],
) -> BuildReport:
    """Read the inputs not in ``previous`` (all of them without it), identify and analyse
    them, and write every table."""
    tick = time.perf_counter()
    new_files = [f for f in found.files if previous is None or f.label not in previous["inputs"]]
    sources_table, sidecar_rejects = _sidecars(sidecar_paths)
    clock = {"discover": time.perf_counter() - tick}
    old = {} if previous is None else previous["tables"]
    with engine_.staging(out) as staging:
        # The workers stop before the write: their memory is not needed for it.
        with connect() as executor:
            built = engine_.run(
                executor,
                new_files,
                old_articles=old.get("articles"),
                old_sketches=old.get("sketches"),
                old_duplicates=None if previous is None else previous["duplicates"],
                mapping=mapping,
                delimiter=delimiter,
                sources=sources_table,
                topic=topic,
                methods=methods,
                threshold=config.NEAR_DUPLICATE_THRESHOLD,
                story_threshold=config.STORY_THRESHOLD,
                staging=staging,
            )
        clock |= built.clock
        tick = time.perf_counter()
        tables = _assemble(built, old, [sidecar_rejects.rejects, found.rejects])
        # "base" names the shipped base profile, not a file in the working folder.
        used = {"path": str(profile), "id": topic.id}
        written = store.write(out, tables, {**manifest, "profile": used})
        clock["write"] = time.perf_counter() - tick

    rows = {name: entry["rows"] for name, entry in written["tables"].items()}
    status = "nothing_built" if built.kept.is_empty() else ("updated" if old else "built")
    return BuildReport(
        status,
        out,
        inputs=len(found.files),
        read=len(new_files),
        tables=rows,
        rejects_by_reason=dict(tables["rejects"].group_by("reason").len().iter_rows()),
        near_duplicates=built.kept["duplicate_of"].count(),
        syndicated=built.kept["syndicated_from"].count(),
        seconds=clock,
        stages=built.stages,
        workers=executor.workers,
    )


DRAFTED = "profile.toml"
"""Where a build with no event profile writes the profile it drafted, inside ``out``."""


def _drafted_profile(
    raw: Iterable[str | Path] | None,
    *,
    sources: str | Path | None,
    out: Path,
    mapping: Mapping[str, str] | None,
    delimiter: str | None,
) -> tuple[Path | str, str]:
    """Draft an event profile from the corpus (the base profile plus the actors found in it),
    write it to ``out/profile.toml`` and say so: for a build with no event profile. With no
    readable article there is nothing to draft from: the base profile alone."""
    from framescope.profile import draft  # noqa: PLC0415 - only a build without a profile

    found = list(raw) if raw is not None else [config.RAW]
    try:
        drafted = draft.draft(found, sources=sources, mapping=mapping, delimiter=delimiter)
    except ValueError:  # no article could be read: the build says why, article by article
        return "base", "no event profile and no article to draft one from: the base profile"
    path = out / DRAFTED
    out.mkdir(parents=True, exist_ok=True)
    path.write_text(draft.render(drafted, profile_id="drafted"), encoding="utf-8")
    note = (
        f"no event profile: the base profile and {len(drafted.actors)} actors drafted from the "
        f"corpus, written to {path}; edit it and pass --profile to use it"
    )
    return path, note


def _failures(engine: str) -> tuple[type[BaseException], ...]:
    """What stops a build that is not its input's fault: a full disk or another I/O error
    (OSError, also when a worker raised it), a local worker that died, Dask workers that kept
    dying on a task or a cluster that went away."""
    failures: tuple[type[BaseException], ...] = (OSError, BrokenProcessPool, CancelledError)
    if engine == "dask":
        from distributed import KilledWorker  # noqa: PLC0415 - optional at import time

        failures += (KilledWorker,)
    return failures


def _why(error: BaseException, out: Path) -> str:
    """A failure of :func:`_failures` in a few words, naming the file or the task.

    Examples
    --------
    >>> _why(OSError(errno.ENOSPC, "No space left on device", "/data/.x.tmp"), Path("/data"))
    'the disk holding /data is full'
    >>> _why(PermissionError(errno.EACCES, "Permission denied", "/data"), Path("/data"))
    'Permission denied: /data'
    """
    if isinstance(error, OSError):
        written = Path(error.filename) if error.filename else out
        if error.errno == errno.ENOSPC:  # the temporary file's name would tell a user nothing
            where = out if written == out or out in written.parents else written
            return f"the disk holding {where} is full"
        return f"{error.strerror or error}: {error.filename}" if error.filename else str(error)
    if isinstance(error, BrokenProcessPool):
        return "a worker process died, killed or out of memory"
    if isinstance(error, CancelledError):
        return "the cluster cancelled the build's tasks (the scheduler or client went away)"
    return f"Dask workers kept dying on one task ({type(error).__name__})"


def _assemble(
    built: engine_.Built,
    old: dict[str, pl.LazyFrame],
    rejects: list[pl.DataFrame],
) -> dict[str, Any]:
    """The build's tables: the previous build's rows and the new ones, of kept articles
    only, in canonical order; lazy where they are big, so they stream to disk. ``rejects``
    are this build's rejects that did not come from reading a file (sidecar, links)."""
    kept = built.kept.lazy()
    new = dict(built.tables)
    articles = [new.pop("articles")]
    survivors = kept.select("article_id").head(0)
    if "articles" in old:  # old articles stay, with this build's duplicate marks
        marked = (
            old["articles"]
            .drop("duplicate_of", "syndicated_from")
            .join(kept, on=["article_id", "path"])
        )
        articles.insert(0, marked.select(ingest.ARTICLE_COLUMNS))
        survivors = marked.select("article_id")
    # An old article's rows stay only while it is kept at its old path: kept at a new path
    # (an added file sorts first), it was analysed again with the new files.
    per_article = {
        name: pl.concat(
            [old[name].join(survivors, on="article_id", how="semi", maintain_order="left"), table]
            if name in old
            else [table],
            how="vertical_relaxed",
        ).pipe(merge_canonical)
        for name, table in new.items()
    }
    before = (
        old["rejects"].filter(~pl.col("reason").is_in(RECOMPUTED_REJECTS)).collect()
        if "rejects" in old
        else rejects_frame([])
    )
    every = [before, built.rejects, built.duplicates.rejects, *rejects]
    return {
        "articles": pl.concat(articles, how="vertical_relaxed").sort("path"),
        "rejects": pl.concat(every).pipe(canonical_order),
        "sketches": built.sketch.sort("article_id"),
        **per_article,
    }
