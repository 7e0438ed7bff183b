"""The Dask engine: the same per-shard pipeline as the local engine, on a dask.distributed
cluster, reading and writing partitioned Parquet.

1. Workers read and clean shards of input files and write each shard's prepared articles as
   one Parquet partition; they return the rejects, the article keys and the MinHash
   sketches, which are small.
2. The client decides identity over the whole corpus (exact and near-duplicates) from keys
   and sketches alone.
3. Workers analyse each partition's kept articles (sentences, mentions, sentiment, framing,
   figures) and write one partition per table.
4. The client gathers the partitions in canonical row order, so the tables equal the local
   engine's, and writes them through ``store`` like any build.

Every partition is written to a temporary file and renamed, and every task may be retried:
a worker that dies mid-shard leaves no half-written partition, and the retried shard writes
the same bytes again. The output folder must be visible to the workers under the same path
(one machine, or a shared file system).
"""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polars as pl

from framescope import config, ingest
from framescope.ingest import dedupe
from framescope.profile import Profile

RETRIES = 3


@dataclass(frozen=True)
class Shard:
    """Input files processed together, and where their partitions go."""

    index: int
    files: tuple[ingest.InputFile, ...]
    staging: Path

    def partition(self, table: str) -> Path:
        """The Parquet partition of ``table`` this shard writes."""
        return self.staging / table / f"part-{self.index:06d}.parquet"


def shards(files: list[ingest.InputFile], staging: Path, *, size: int | None = None) -> list[Shard]:
    """Group input files into shards of at most ``size`` article files; exports alone."""
    size = size or config.SHARD_FILES
    groups: list[list[ingest.InputFile]] = []
    current: list[ingest.InputFile] = []
    for item in files:
        if item.path.suffix.lower() in ingest.EXPORT_SUFFIXES:
            groups.append([item])
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
    frame.write_parquet(temporary)
    temporary.replace(path)  # atomic: a reader sees the old partition or the whole new one


def prepare_shard(
    shard: Shard,
    *,
    mapping: Mapping[str, str] | None,
    sources: pl.DataFrame | None,
    names: frozenset[str],
) -> dict[str, pl.DataFrame]:
    """Worker task: read and clean one shard; write its prepared articles; return keys."""
    batch = ingest.read(list(shard.files), mapping=mapping, progress=False)
    prepared, dropped = ingest.prepare(batch.records, sources=sources, names=names)
    _write(prepared, shard.partition("prepared"))
    return {
        "rejects": pl.concat([batch.rejects, dropped.rejects]),
        "keys": prepared.select("article_id", "path", "published"),
        "sketch": dedupe.sketches(prepared),
    }


def analyse_shard(shard: Shard, *, kept: str, topic: Profile) -> dict[str, int]:
    """Worker task: analyse one shard's kept articles (``kept``: the identity decisions, a
    Parquet file of article_id, path, duplicate_of); write one partition per table."""
    from framescope.pipeline import analyse  # noqa: PLC0415 - pipeline imports this module

    prepared = pl.read_parquet(shard.partition("prepared"))
    articles = (
        prepared.drop("duplicate_of")
        .join(pl.read_parquet(kept), on=["article_id", "path"], how="inner")
        .select(ingest.ARTICLE_COLUMNS)
    )
    tables = {"articles": articles, **analyse(articles, topic)}
    for name, table in tables.items():
        _write(table, shard.partition(name))
    return {name: table.height for name, table in tables.items()}


@contextmanager
def connect(scheduler: str | None, *, workers: int | None = None) -> Iterator[Any]:
    """A client for the cluster at ``scheduler``, or for a LocalCluster started here."""
    from distributed import Client, LocalCluster  # noqa: PLC0415 - optional at import time

    if scheduler:
        with Client(scheduler) as client:
            yield client
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
        yield client


def run(
    client: Any,
    files: list[ingest.InputFile],
    *,
    old_articles: pl.DataFrame | None,
    mapping: Mapping[str, str] | None,
    sources: pl.DataFrame | None,
    topic: Profile,
    threshold: float,
    out: Path,
) -> tuple[pl.DataFrame, pl.DataFrame, ingest.Batch, dict[str, pl.DataFrame]]:
    """Build new files on the cluster: (articles, new rejects, duplicate rejects, tables)."""
    staging = out / f".staging-{uuid.uuid4().hex}"
    try:
        parts = shards(files, staging)
        names = frozenset(topic.name_words())
        prepared = client.gather(
            client.map(
                prepare_shard,
                parts,
                mapping=mapping,
                sources=sources,
                names=names,
                retries=RETRIES,
                pure=False,
            )
        )
        keys = [p["keys"] for p in prepared]
        sketch = [p["sketch"] for p in prepared]
        if old_articles is not None:
            keys.insert(0, old_articles.select("article_id", "path", "published"))
            sketch.insert(0, dedupe.sketches(old_articles))
        kept, duplicates = ingest.identify(
            pl.concat(keys), threshold=threshold, sketch=pl.concat(sketch)
        )
        kept = kept.select("article_id", "path", "duplicate_of")
        # A file, not scattered data: scattered data lost with a worker cannot be recomputed.
        decided = staging / "kept.parquet"
        _write(kept, decided)
        client.gather(
            client.map(
                analyse_shard, parts, kept=str(decided), topic=topic, retries=RETRIES, pure=False
            )
        )
        folders = sorted(staging.iterdir()) if staging.exists() else []
        gathered = {
            folder.name: pl.concat(
                [pl.read_parquet(part) for part in sorted(folder.glob("*.parquet"))],
                how="vertical_relaxed",
            )
            for folder in folders
            if folder.is_dir() and folder.name != "prepared"
        }
        articles = gathered.pop("articles")
        if old_articles is not None:
            old = old_articles.drop("duplicate_of").join(kept, on=["article_id", "path"])
            articles = pl.concat([old.select(ingest.ARTICLE_COLUMNS), articles])
        rejects = pl.concat([p["rejects"] for p in prepared])
        return articles.sort("path"), rejects, duplicates, gathered
    finally:
        shutil.rmtree(staging, ignore_errors=True)
