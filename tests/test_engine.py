"""The build engines: local worker processes, and Dask on a real LocalCluster with two
worker processes."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import cloudpickle
import polars as pl
import psutil
import pytest
from polars.testing import assert_frame_equal

from framescope import config, engine, ingest, pipeline, profile, store
from tests.conftest import SEEDS

distributed = pytest.importorskip("distributed")
# Workers cannot import this test module: ship the plugin class below by value.
cloudpickle.register_pickle_by_value(sys.modules[__name__])


@pytest.fixture(scope="module")
def scheduler():
    with distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    ) as local:
        yield local.scheduler_address


@pytest.fixture
def raw(tmp_path: Path) -> Path:
    """Seeds, near-duplicates, an export with an exact duplicate and bad inputs: every path."""
    folder = tmp_path / "raw"
    shutil.copytree(SEEDS, folder)
    original = next(folder.glob("003_*.txt"))
    (folder / "repost.txt").write_text(original.read_text() + "\nRepublished by a partner.\n")
    shutil.copy(next(folder.glob("001_*.txt")), folder / "copy_of_001.txt")
    rows = [
        {
            "id": i,
            "source": "Wire",
            "date": f"2023-03-{10 + i}",
            "title": f"Item {i}",
            "text": f"Xi Jinping and Vladimir Putin met for talk {i}. Trade hit $190 billion.",
        }
        for i in range(6)
    ]
    rows.append({**rows[0], "id": 99})  # the same source and text again: an exact duplicate
    (folder / "export.jsonl").write_text("\n".join(json.dumps(r) for r in rows) + "\n{broken\n")
    (folder / "empty.txt").write_bytes(b"")
    (folder / "binary.txt").write_bytes(bytes(range(256)))
    return folder


def _same_tables(left: Path, right: Path) -> None:
    a, b = store.read_all(left), store.read_all(right)
    assert a.keys() == b.keys()
    for name in a:
        assert_frame_equal(a[name], b[name])


def test_shards_keep_exports_alone(tmp_path):
    files = [
        ingest.InputFile(Path(f"{name}"), name)
        for name in ("a.txt", "b.txt", "c.jsonl", "d.txt", "e.txt", "f.txt")
    ]
    result = [[f.label for f in s.files] for s in engine.shards(files, tmp_path, size=2)]
    assert result == [["a.txt", "b.txt"], ["c.jsonl"], ["d.txt", "e.txt"], ["f.txt"]]


def test_shards_cut_a_large_export_into_pieces(tmp_path):
    export = tmp_path / "big.jsonl"
    export.write_text("".join(f'{{"text": "article {n}"}}\n' for n in range(10)))  # 10 x 22 bytes
    files = [ingest.InputFile(tmp_path / "a.txt", "a.txt"), ingest.InputFile(export, "big.jsonl")]
    result = [
        [(f.label, f.piece and (f.piece.start, f.piece.before)) for f in s.files]
        for s in engine.shards(files, tmp_path, piece_bytes=80)
    ]
    expected = [
        [("big.jsonl", (0, 0))],
        [("big.jsonl", (88, 4))],
        [("big.jsonl", (176, 8))],
        [("a.txt", None)],
    ]
    assert result == expected


@pytest.mark.slow
def test_exports_read_in_pieces_build_the_same_tables(raw, tmp_path, scheduler, monkeypatch):
    rows = [{"id": i, "source": "Wire", "text": f"Xi met Putin again, day {i}."} for i in range(4)]
    late = "\n".join(json.dumps(row) for row in rows[:2]) + "\n{broken\n\n"
    (raw / "late.jsonl").write_text(late + "\n".join(json.dumps(row) for row in rows[2:]))
    whole = pipeline.build([raw], out=tmp_path / "whole", progress=False, workers=1)
    monkeypatch.setattr(config, "EXPORT_PIECE_BYTES", 150)
    for name, count in [("export.jsonl", 4), ("late.jsonl", 2)]:
        assert len(ingest.split(ingest.InputFile(raw / name, name))) == count
    # Pieces on local workers, then more pieces in an incremental build on Dask.
    shutil.move(raw / "late.jsonl", tmp_path / "late.jsonl")
    pipeline.build([raw], out=tmp_path / "pieces", progress=False, workers=2)
    shutil.move(tmp_path / "late.jsonl", raw / "late.jsonl")
    pieces = pipeline.build(
        [raw], out=tmp_path / "pieces", progress=False, engine="dask", scheduler=scheduler
    )
    assert (pieces.status, pieces.read) == ("updated", 1)
    assert pieces.tables == whole.tables
    _same_tables(tmp_path / "whole", tmp_path / "pieces")


def _polars_threads(_: int) -> int:
    return pl.thread_pool_size()  # run in a worker process


@pytest.mark.slow
def test_worker_processes_share_out_the_cores():
    processes = engine.Processes(2)
    try:
        result = processes.map(_polars_threads, [0, 1])
    finally:
        processes.close()
    expected = [max(1, (os.cpu_count() or 1) // 2)] * 2
    assert result == expected
    assert "POLARS_MAX_THREADS" not in os.environ  # only the workers' setting


@pytest.mark.slow
def test_worker_processes_build_the_same_tables(raw, tmp_path, monkeypatch):
    monkeypatch.setattr(config, "SHARD_FILES", 3)  # four shards
    monkeypatch.setattr(config, "BATCH_ARTICLES", 2)  # and several batches in the export
    one = pipeline.build([raw], out=tmp_path / "one", progress=False, workers=1)
    two = pipeline.build([raw], out=tmp_path / "two", progress=False, workers=2)
    assert (one.workers, two.workers) == (1, 2)
    assert two.tables == one.tables
    assert two.stages.keys() >= {"ingest", "sentences", "sentiment", "figures"}
    _same_tables(tmp_path / "one", tmp_path / "two")
    assert not list((tmp_path / "two").glob(".staging-*"))


@pytest.mark.slow
def test_dask_build_equals_local_build(raw, tmp_path, scheduler, monkeypatch):
    monkeypatch.setattr(config, "SHARD_FILES", 3)  # several shards from a small corpus
    local = pipeline.build([raw], out=tmp_path / "local", progress=False)
    dask = pipeline.build(
        [raw], out=tmp_path / "dask", progress=False, engine="dask", scheduler=scheduler
    )
    assert dask.tables == local.tables
    assert dask.tables["articles"] == 13  # 5 seeds + repost + copy + 6 export rows
    assert dask.near_duplicates == 2  # the repost and the copy (its source is unknown)
    assert dask.rejects_by_reason == {"duplicate": 1, "empty": 1, "binary": 1, "unparseable": 1}
    _same_tables(tmp_path / "local", tmp_path / "dask")
    assert not list((tmp_path / "dask").glob(".staging-*"))


@pytest.mark.slow
def test_dask_incremental_build_equals_full_local_build(raw, tmp_path, scheduler, monkeypatch):
    monkeypatch.setattr(config, "SHARD_FILES", 3)
    late = tmp_path / "late.txt"
    shutil.move(raw / "repost.txt", late)
    out = tmp_path / "dask"
    pipeline.build([raw], out=out, progress=False, engine="dask", scheduler=scheduler)
    shutil.move(late, raw / "repost.txt")
    report = pipeline.build([raw], out=out, progress=False, engine="dask", scheduler=scheduler)
    assert (report.status, report.read) == ("updated", 1)
    pipeline.build([raw], out=tmp_path / "local", progress=False)
    _same_tables(tmp_path / "local", out)


class KillOnce(distributed.WorkerPlugin):
    """Kills the worker process the first time it starts analysing a batch."""

    def __init__(self, marker: str) -> None:
        self.marker = marker

    def transition(self, key, start, finish, **kwargs):
        if (
            finish == "executing"
            and "analyse_batch" in str(key)
            and not os.path.exists(self.marker)
        ):
            Path(self.marker).touch()
            os._exit(1)  # what an out-of-memory kill or a lost machine looks like to Dask


@pytest.mark.slow
def test_a_worker_killed_mid_build_loses_nothing(raw, tmp_path, scheduler, monkeypatch):
    monkeypatch.setattr(config, "SHARD_FILES", 3)
    marker = tmp_path / "killed"
    with distributed.Client(scheduler) as client:
        client.register_plugin(KillOnce(str(marker)), name="kill-once")
        try:
            report = pipeline.build(
                [raw], out=tmp_path / "dask", progress=False, engine="dask", scheduler=scheduler
            )
        finally:
            client.unregister_worker_plugin("kill-once")
    assert marker.exists()  # a worker really died during the build
    assert report.status == "built"
    pipeline.build([raw], out=tmp_path / "local", progress=False)
    _same_tables(tmp_path / "local", tmp_path / "dask")


def test_an_input_carried_by_two_batches_is_analysed_once(tmp_path, monkeypatch):
    # Issue 13 #4: both batches analysed it, and every per-sentence row was doubled.
    monkeypatch.setattr(config, "SHARD_FILES", 1)
    item = ingest.InputFile(next(SEEDS.glob("001_*.txt")), "001.txt")
    built = engine.run(
        engine.Processes(1),
        [item, item],
        old_articles=None,
        old_sketches=None,
        mapping=None,
        sources=None,
        topic=profile.load(None),
        methods=pipeline.SENTIMENT_METHODS,
        threshold=config.NEAR_DUPLICATE_THRESHOLD,
        story_threshold=config.STORY_THRESHOLD,
        staging=tmp_path,
    )
    sentences = built.tables["sentences"].collect()
    assert sentences.height == sentences.select("article_id", "sentence_idx").n_unique() > 20
    assert built.tables["articles"].collect().height == 1
    assert (built.kept.height, built.duplicates.rejects.height) == (1, 0)  # no self-duplicate


def _gone(process: psutil.Process) -> bool:
    try:
        return process.status() == psutil.STATUS_ZOMBIE  # dead, not yet reaped
    except psutil.NoSuchProcess:
        return True


@pytest.mark.slow
def test_worker_processes_die_with_a_killed_build(tmp_path):
    # Issue 13 #13: a killed build left its workers and the resource tracker for 12+ minutes.
    raw = tmp_path / "raw"
    raw.mkdir()
    for i in range(6):
        for seed in SEEDS.glob("*.txt"):
            (raw / f"{i}_{seed.name}").write_text(f"Variant {i}.\n{seed.read_text()}")
    build = [sys.executable, "-m", "framescope.cli", "build", "--raw", str(raw)]
    build += ["--out", str(tmp_path / "out"), "--workers", "2", "--quiet"]
    env = {**os.environ, "FRAMESCOPE_SHARD_FILES": "1", "CI": "true"}
    parent = subprocess.Popen(build, env=env, stderr=subprocess.DEVNULL)
    children: list[psutil.Process] = []
    try:
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            children = psutil.Process(parent.pid).children(recursive=True)
            if sum("spawn_main" in " ".join(c.cmdline()) for c in children) >= 2:
                break
            time.sleep(0.05)
        time.sleep(1)  # the workers are reading
        children = psutil.Process(parent.pid).children(recursive=True)  # and the tracker
        assert len(children) >= 3
        parent.kill()
        parent.wait()
        tick = time.monotonic()
        while not all(_gone(c) for c in children) and time.monotonic() - tick < 10:
            time.sleep(0.05)
        left = [c for c in children if not _gone(c)]
        assert left == [], f"alive {time.monotonic() - tick:.1f} s after the build was killed"
    finally:
        parent.kill()
        for child in children:
            if not _gone(child):
                child.kill()


def test_an_article_with_a_cut_sentence_says_so(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    run = "the delegation discussed trade energy and security " * 60  # 3,060 characters
    (raw / "a.txt").write_text(f"Xi in Moscow\n\nXi Jinping arrived on Monday. {run}\n")
    (raw / "b.txt").write_text("Talks\n\nXi Jinping met Vladimir Putin in Moscow on Monday.\n")
    pipeline.build([raw], out=tmp_path / "out", progress=False, workers=1)
    warnings = store.read("articles", tmp_path / "out").sort("path")["warnings"].to_list()
    result = [[w.split(" (")[0] for w in found if "sentence" in w] for found in warnings]
    expected = [["1 sentence ran over 2,000 characters with no sentence end"], []]
    assert result == expected
