"""Build engines: one per-shard pipeline, run in this process, in a pool of local worker
processes, or on a dask.distributed cluster, reading and writing partitioned Parquet.

1. Prepare: a task reads one shard of input files, cleans the articles and writes them as
   Parquet partitions of at most ``config.BATCH_ARTICLES`` rows; it returns the rejects, the
   article keys and the MinHash sketches, which are small.
2. Identity: the calling process decides exact and near-duplicates over the whole corpus from
   keys and sketches alone.
3. Analyse: a task runs :func:`framescope.stages.analyse` on one partition's kept articles
   and writes one partition per table, in :func:`framescope.stages.canonical_order`.
4. ``pipeline.build`` streams the partitions into the final tables in that order
   (:func:`framescope.stages.merge_canonical`), so every engine and worker count gives the
   same tables.

Batches bound memory: no process holds more than one batch's intermediate tables, whatever
the corpus size. Every partition is written to a temporary file and renamed, and every task
may be retried: a worker that dies mid-task leaves no half-written partition, and the retried
task writes the same bytes again. On a cluster the output folder must be visible to the
workers under the same path (one machine, or a shared file system).

Each kept article is analysed once, by the first batch that carries it: identity decides
which, so an input read twice can never double an article's rows. Local workers die with the
process that started them (on Linux), so a killed build leaves no worker behind.
"""

from __future__ import annotations

import ctypes
import multiprocessing
import os
import shutil
import signal
import sys
import time
import uuid
from collections.abc import Callable, Iterator, Mapping, Sequence
from concurrent.futures import ProcessPoolExecutor, as_completed
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Protocol, TypeVar

import polars as pl
from tqdm import tqdm

from framescope import config, ingest, sentences, stages, store
from framescope.ingest import dedupe
from framescope.profile import Profile

RETRIES = 3
_TEXT_SCHEMA = {"article_id": pl.String(), "text": pl.String()}
T = TypeVar("T")
_KEPT_SCHEMA = {
    "article_id": pl.String(),
    "path": pl.String(),
    "duplicate_of": pl.String(),
    "syndicated_from": pl.String(),
}
_KEY_COLUMNS = ("article_id", "path", "published")
_PR_SET_PDEATHSIG = 1  # from <linux/prctl.h>


@dataclass(frozen=True)
class Shard:
    """Input files (or one piece of an export) read together, and the staging folder their
    partitions go to."""

    index: int
    files: tuple[ingest.InputFile, ...]
    staging: Path


def shards(
    files: list[ingest.InputFile],
    staging: Path,
    *,
    size: int | None = None,
    piece_bytes: int | None = None,
    delimiter: str | None = None,
) -> list[Shard]:
    """Group input files into shards of at most ``size`` article files; an export is a shard
    of its own, and a large one a shard per piece of about ``piece_bytes`` (default
    ``config.EXPORT_PIECE_BYTES``), so that its reading spreads over the workers."""
    size = size or config.SHARD_FILES
    groups: list[list[ingest.InputFile]] = []
    current: list[ingest.InputFile] = []
    for item in files:
        if item.path.suffix.lower() in ingest.EXPORT_SUFFIXES:
            pieces = ingest.split(item, size=piece_bytes, delimiter=delimiter)
            groups.extend([part] for part in pieces)
            continue
        current.append(item)
        if len(current) >= size:
            groups.append(current)
            current = []
    if current:
        groups.append(current)
    return [Shard(i, tuple(group), staging) for i, group in enumerate(groups)]


def _write(frame: pl.DataFrame, path: Path) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_name(f".{path.name}.{uuid.uuid4().hex}.tmp")
    with store.writing(temporary):  # a full disk is an OSError, as it is for the final tables
        frame.write_parquet(temporary, compression="lz4")  # staging: read once, soon deleted
    temporary.replace(path)  # atomic: a reader sees the old partition or the whole new one


def prepare_shard(
    shard: Shard,
    *,
    mapping: Mapping[str, str] | None,
    delimiter: str | None = None,
    sources: pl.DataFrame | None,
    names: frozenset[str],
    batch_articles: int,
) -> dict[str, Any]:
    """Task: read and clean one shard, ``batch_articles`` at a time; write each batch; return
    the keys and sketches."""
    tick = time.perf_counter()
    batch = ingest.read(list(shard.files), mapping=mapping, delimiter=delimiter, progress=False)
    rejects = [batch.rejects]
    keys, sketch, batches = [], [], []
    for i, records in enumerate(batch.records.iter_slices(batch_articles)):
        prepared, dropped = ingest.prepare(records, sources=sources, names=names)
        path = shard.staging / "prepared" / f"part-{shard.index:06d}-{i:05d}.parquet"
        _write(prepared, path)
        rejects.append(dropped.rejects)
        keys.append(
            prepared.select("article_id", "path", "published", pl.lit(path.name).alias("batch"))
        )
        sketch.append(dedupe.sketches(prepared))
        batches.append(str(path))
    return {
        "rejects": pl.concat(rejects),
        "keys": pl.concat(keys) if keys else None,
        "sketch": pl.concat(sketch) if sketch else None,
        "batches": batches,
        "clock": {"ingest": time.perf_counter() - tick},
    }


def analyse_batch(
    batch: str, *, kept: str, topic: Profile, methods: Sequence[str]
) -> dict[str, Any]:
    """Task: analyse one prepared batch's kept articles (``kept``: the identity decisions, a
    Parquet file of article_id, path, duplicate_of, syndicated_from, and the batch that
    analyses the article), scoring sentiment by ``methods``; write one partition per table."""
    prepared = Path(batch)
    mine = pl.scan_parquet(kept).filter(pl.col("batch") == prepared.name).drop("batch")
    articles = (
        pl.read_parquet(prepared)
        .drop("duplicate_of", "syndicated_from")
        .join(mine.collect(), on=["article_id", "path"], how="inner")
        .select(ingest.ARTICLE_COLUMNS)
        .with_columns(pl.col("warnings").list.concat(sentences.cut_warnings(pl.col("text"))))
    )
    clock: dict[str, float] = {}
    tables = {"articles": articles, **stages.analyse(articles, topic, methods=methods, clock=clock)}
    tick = time.perf_counter()
    for name, table in tables.items():
        # In order here, in parallel, so that the final merge is a cheap stable sort.
        ordered = table.sort("path") if name == "articles" else stages.canonical_order(table)
        _write(ordered, prepared.parent.parent / name / prepared.name)
    clock["write_partitions"] = time.perf_counter() - tick
    return {"rows": {name: table.height for name, table in tables.items()}, "clock": clock}


# --- where tasks run --------------------------------------------------------------------------


class Executor(Protocol):
    """Runs a task over items, returning results in the items' order."""

    workers: int

    def map(self, task: Callable[..., T], items: Sequence[Any], **kwargs: Any) -> list[T]:
        """``[task(item, **kwargs) for item in items]``, wherever the tasks run."""
        ...


class Processes:
    """Local worker processes, started on first need; a single task runs in this process
    (starting a worker costs more than a small corpus takes).

    On Linux a worker is killed when the thread that started it ends (the kernel's
    parent-death signal), so start builds from a thread that outlives them, such as the main
    one; a killed build then leaves no worker behind.
    """

    def __init__(self, workers: int, *, progress: bool = False) -> None:
        self.workers = max(1, workers)
        self.progress = progress and not os.environ.get("CI")
        self._pool: ProcessPoolExecutor | None = None

    def map(self, task: Callable[..., T], items: Sequence[Any], **kwargs: Any) -> list[T]:
        """Run ``task`` on every item, in parallel when there are several."""
        if self.workers == 1 or len(items) <= 1:
            return [task(item, **kwargs) for item in items]
        if self._pool is None:
            # spawn, not fork: polars' thread pool does not survive a fork.
            context = multiprocessing.get_context("spawn")
            self._pool = ProcessPoolExecutor(
                self.workers,
                mp_context=context,
                initializer=die_with_parent,
                initargs=(os.getpid(),),
            )
        # Workers start as tasks are submitted and read this when they import polars: the
        # cores are shared out between processes rather than each taking them all (2 cores,
        # 2 workers, 20,000 articles: 35.0 s -> 30.8 s in one pair of runs).
        threads = str(max(1, (os.cpu_count() or 1) // self.workers))
        with _environment("POLARS_MAX_THREADS", threads):
            futures = [self._pool.submit(task, item, **kwargs) for item in items]
        name = task.__name__.split("_")[0]  # prepare, analyse
        with tqdm(total=len(futures), desc=name, disable=not self.progress, leave=False) as bar:
            for _ in as_completed(futures):
                bar.update()
        return [future.result() for future in futures]

    def close(self) -> None:
        """Stop the workers; a later :meth:`map` starts new ones."""
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
            self._pool = None


def die_with_parent(parent: int) -> None:
    """Worker initializer: have the kernel kill this process when ``parent`` dies (Linux's
    ``prctl(PR_SET_PDEATHSIG, SIGKILL)``; elsewhere nothing is asked).

    A worker blocks on its task queue, which it holds both ends of, so it would otherwise
    outlive a killed build for good, with the memory of the batch it held.

    Examples
    --------
    >>> die_with_parent(os.getppid())  # doctest: +SKIP
    """
    if sys.platform.startswith("linux"):
        libc = ctypes.CDLL(None, use_errno=True)
        if libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
            code = ctypes.get_errno()
            msg = f"prctl(PR_SET_PDEATHSIG) failed: {os.strerror(code)}"
            raise OSError(code, msg)
    if os.getppid() != parent:  # the parent died before the signal was asked for
        os._exit(1)


@contextmanager
def _environment(name: str, value: str) -> Iterator[None]:
    """``os.environ[name] = value`` inside the block (for processes started in it)."""
    before = os.environ.get(name)
    os.environ[name] = value
    try:
        yield
    finally:
        if before is None:
            del os.environ[name]
        else:
            os.environ[name] = before


@dataclass
class Dask:
    """A dask.distributed client: tasks are retried when a worker dies."""

    client: Any
    workers: int = field(init=False)

    def __post_init__(self) -> None:
        self.workers = len(self.client.scheduler_info().get("workers", {})) or 1

    def map(self, task: Callable[..., T], items: Sequence[Any], **kwargs: Any) -> list[T]:
        """Run ``task`` on every item on the cluster."""
        futures = self.client.map(task, items, retries=RETRIES, pure=False, **kwargs)
        return self.client.gather(futures)


@contextmanager
def connect(
    engine: str,
    *,
    scheduler: str | None = None,
    workers: int | None = None,
    progress: bool = False,
) -> Iterator[Executor]:
    """An executor: ``local`` worker processes, or the Dask cluster at ``scheduler`` (a
    LocalCluster started here when there is none)."""
    if engine == "local":
        processes = Processes(workers or config.WORKERS, progress=progress)
        try:
            yield processes
        finally:
            processes.close()
        return
    from distributed import Client, LocalCluster  # noqa: PLC0415 - optional at import time

    if scheduler:
        with Client(scheduler) as client:
            yield Dask(client)
        return
    with (
        LocalCluster(
            n_workers=workers or min(os.cpu_count() or 1, 4),
            threads_per_worker=1,
            processes=True,
            dashboard_address=None,
        ) as cluster,
        Client(cluster) as client,
    ):
        yield Dask(client)


# --- one build ----------------------------------------------------------------------------------


@dataclass
class Built:
    """What :func:`run` produced: small frames in memory, big tables as partition scans."""

    kept: pl.DataFrame  # article_id, path, duplicate_of, syndicated_from of every kept article
    sketch: pl.DataFrame  # the sketches of every kept article, old and new
    rejects: pl.DataFrame
    duplicates: ingest.Batch
    tables: dict[str, pl.LazyFrame]  # new articles and their per-sentence tables
    clock: dict[str, float]  # wall seconds of each phase
    stages: dict[str, float]  # seconds of each stage, summed over the tasks


def _add(total: dict[str, float], clocks: Sequence[dict[str, float]]) -> None:
    for clock in clocks:
        for stage, seconds in clock.items():
            total[stage] = total.get(stage, 0.0) + seconds


@contextmanager
def staging(out: Path) -> Iterator[Path]:
    """A folder for one build's partitions inside ``out``, removed when the block ends."""
    folder = out / f"{store.STAGING_PREFIX}{uuid.uuid4().hex}"
    try:
        yield folder
    finally:
        shutil.rmtree(folder, ignore_errors=True)


def run(
    executor: Executor,
    files: list[ingest.InputFile],
    *,
    old_articles: pl.LazyFrame | None,
    old_sketches: pl.LazyFrame | None,
    old_duplicates: pl.DataFrame | None = None,
    mapping: Mapping[str, str] | None,
    delimiter: str | None = None,
    sources: pl.DataFrame | None,
    topic: Profile,
    methods: Sequence[str],
    threshold: float,
    story_threshold: float,
    staging: Path,
) -> Built:
    """Prepare, identify and analyse ``files``, leaving the partitions in ``staging``;
    sentiment is scored by ``methods``. Without any batch to analyse, the tables are empty.

    The previous build's articles are identified again with the new ones from their keys and
    stored sketches (``old_sketches``): adding files never re-reads the old texts. So are the
    inputs it rejected as exact duplicates (``old_duplicates``: article_id, path), so that
    their rejects name the copy kept now, which an added file may have become."""
    clock: dict[str, float] = {}
    stages: dict[str, float] = {}
    tick = time.perf_counter()
    prepared = executor.map(
        prepare_shard,
        shards(files, staging, delimiter=delimiter),
        mapping=mapping,
        delimiter=delimiter,
        sources=sources,
        names=frozenset(topic.name_words()),
        batch_articles=config.BATCH_ARTICLES,  # read here: workers may have other settings
    )
    _add(stages, [p["clock"] for p in prepared])
    clock["prepare"] = time.perf_counter() - tick
    if isinstance(executor, Processes):
        # Workers keep what preparing a piece of an export took (about 0.7 GB each) into the
        # analysis; new ones start small (100,000 articles, one 668 MB export, 2 workers: all
        # processes 3.1 -> 2.2 GB at peak, 148 -> 141 s).
        executor.close()

    tick = time.perf_counter()
    keys = [p["keys"] for p in prepared if p["keys"] is not None]
    sketches = [p["sketch"] for p in prepared if p["sketch"] is not None]
    old_keys = []
    if old_duplicates is not None:  # rejected before identity: they have no date
        old_keys.append(old_duplicates.with_columns(pl.lit(None, pl.Date()).alias("published")))
    if old_articles is not None:
        if old_sketches is None:  # the old articles would leave the build unidentified
            msg = "old_articles were given without their old_sketches"
            raise ValueError(msg)
        old_keys.insert(0, old_articles.select("article_id", "path", "published").collect())
        sketches.insert(0, old_sketches.collect())
    old_batch = pl.lit(None, pl.String()).alias("batch")  # analysed before: by no batch now
    keys[:0] = [frame.select(*_KEY_COLUMNS, old_batch) for frame in old_keys]
    empty = dedupe.sketches(pl.DataFrame(schema=_TEXT_SCHEMA))
    # An exact duplicate has its original's id and sketch: one row each is kept.
    sketch = pl.concat([empty, *sketches]).unique("article_id", keep="first", maintain_order=True)
    if keys:
        # The same input reached twice is one article, analysed by the first batch carrying it.
        owners = pl.concat(keys).unique(["article_id", "path"], keep="first", maintain_order=True)
        kept, duplicates = ingest.identify(
            owners.drop("batch"),
            threshold=threshold,
            story_threshold=story_threshold,
            sketch=sketch,
        )
    else:  # no article at all: every input was rejected
        owners = pl.DataFrame(schema={**_KEPT_SCHEMA, "batch": pl.String()})
        kept, duplicates = pl.DataFrame(schema=_KEPT_SCHEMA), ingest.Batch()
    kept = kept.select(list(_KEPT_SCHEMA))
    sketch = sketch.join(kept.select("article_id"), on="article_id", how="semi")
    # A file, not scattered data: scattered data lost with a worker cannot be recomputed.
    decided = staging / "kept.parquet"
    owner = owners.select("article_id", "path", "batch")
    _write(kept.join(owner, on=["article_id", "path"], how="left"), decided)
    clock["identify"] = time.perf_counter() - tick

    tick = time.perf_counter()
    batches = [batch for p in prepared for batch in p["batches"]]
    analysed = executor.map(
        analyse_batch, batches, kept=str(decided), topic=topic, methods=tuple(methods)
    )
    _add(stages, [a["clock"] for a in analysed])
    clock["analyse"] = time.perf_counter() - tick

    tables = {
        folder.name: pl.concat(
            [pl.scan_parquet(part) for part in sorted(folder.glob("*.parquet"))],
            how="vertical_relaxed",
        )
        for folder in sorted(staging.iterdir())  # kept.parquet is there: it exists
        if folder.is_dir() and folder.name != "prepared" and any(folder.glob("*.parquet"))
    } or _empty_tables(topic, methods=methods)
    rejects = pl.concat([ingest.Batch().rejects, *(p["rejects"] for p in prepared)])
    return Built(kept, sketch, rejects, duplicates, tables, clock, stages)


def _empty_tables(topic: Profile, *, methods: Sequence[str]) -> dict[str, pl.LazyFrame]:
    """Every table of a build in which no batch was analysed, with no rows."""
    articles = ingest.prepare(ingest.Batch().records, sources=None, names=())[0]
    tables = stages.analyse(articles, topic, methods=methods)
    return {"articles": articles.lazy()} | {name: table.lazy() for name, table in tables.items()}
