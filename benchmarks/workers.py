"""One measured run per process: ``python -m benchmarks.workers KIND --result FILE ...``.

:mod:`benchmarks.run` starts each run in a fresh process so that its peak memory is that
run's alone, and samples the process tree's memory from outside. Each worker writes a JSON
result: seconds per stage, when each stage started (``time.monotonic``, which every process on
the machine shares, so the runner can attribute its memory samples to stages), row counts,
and its own peak RSS (``VmHWM``).

Kinds:

- ``framescope``: ``pipeline.build(force=True)`` with the local or the Dask engine; per-stage
  seconds come from ``BuildReport.seconds``.
- ``baseline``: :func:`benchmarks.baseline.run`.
- ``dashboard``: the dashboard's server-side work, in process: the preparation once per
  build, a session's first render (including its Bokeh document), outlet and date changes
  on the shown tab, and opening each other tab after a filter change.
- ``profile``: ``pipeline.build`` under cProfile; the functions that take the time.
- ``identify``: exact and near-duplicate detection (``ingest.identify``) alone.
"""

from __future__ import annotations

import argparse
import cProfile
import io
import json
import os
import pstats
import resource
import shutil
import statistics
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import polars as pl

BUILD_PHASES = ("discover", "prepare", "identify", "analyse", "write", "other")
"""A build's phases in the order ``pipeline.build`` runs them; ``other`` is the time
``BuildReport.seconds`` leaves between them. The stages (ingest, sentences, ...) run inside
prepare and analyse, in every worker process at once; ``BuildReport.stages`` sums them."""

MONEY_UNITS = ("USD", "CNY", "RUB", "EUR", "GBP")


def _vm_hwm_bytes() -> int:
    """This process's peak resident set size."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    except OSError:
        pass
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024


def _fresh(out: Path) -> Path:
    shutil.rmtree(out, ignore_errors=True)
    out.mkdir(parents=True)
    return out


def _stage_starts(seconds: dict[str, float], started: float) -> dict[str, float]:
    """When each stage started, from the stages' durations and the build's start."""
    result = {}
    position = started
    for stage in BUILD_PHASES:
        if stage in seconds:
            result[stage] = position
            position += seconds[stage]
    return result


def _framescope_counts(out: Path) -> dict[str, Any]:
    """What the build produced, read back after the timing: for the count comparison."""
    sentences = pl.read_parquet(out / "sentences.parquet", columns=["text"])
    mentions = pl.read_parquet(out / "mentions.parquet", columns=["actor"])
    figures = pl.read_parquet(out / "figures.parquet", columns=["unit"])
    return {
        "mentions_by_actor": dict(sorted(mentions["actor"].value_counts().iter_rows())),
        "distinct_sentences": sentences["text"].n_unique(),
        "money_percent_figures": figures.filter(
            pl.col("unit").is_in([*MONEY_UNITS, "percent"])
        ).height,
    }


def framescope(raw: Path, out: Path, *, engine: str, workers: int | None) -> dict[str, Any]:
    """One full build; seconds per stage from ``BuildReport.seconds``."""
    from framescope import pipeline  # noqa: PLC0415 - imports are not part of the build time

    _fresh(out)
    started = time.monotonic()
    report = pipeline.build(
        [raw], out=out, progress=False, force=True, engine=engine, workers=workers
    )
    seconds = dict(report.seconds)
    total = seconds.pop("total")
    seconds["other"] = max(0.0, total - sum(seconds.values()))
    return {
        "seconds": seconds,
        "stages": dict(report.stages),
        "workers": report.workers,
        "total": total,
        "started": _stage_starts(seconds, started),
        "counts": dict(report.tables),
        "near_duplicates": int(report.near_duplicates),
        "rejects": dict(report.rejects_by_reason),
        **_framescope_counts(out),
    }


def baseline(raw: Path, out: Path) -> dict[str, Any]:
    """One run of the baseline pipeline."""
    from benchmarks import baseline as analyst  # noqa: PLC0415

    _fresh(out)
    report = analyst.run(raw, out)
    return {
        "seconds": report.seconds,
        "total": sum(report.seconds.values()),
        "started": report.started,
        "counts": report.counts,
        "mentions_by_actor": report.mentions_by_actor,
        "money_percent_figures": report.counts["figures"],
    }


def _name(function: tuple[str, int, str]) -> str:
    path, line, name = function
    if path == "~":
        return name
    return f"{path.split('site-packages/')[-1].split('src/')[-1]}:{line}({name})"


def _top(profile: cProfile.Profile, *, key: str, limit: int, prefix: str) -> list[dict[str, Any]]:
    """The ``limit`` functions (whose file path contains ``prefix``) with the largest ``key``:
    ``own_s`` (time in the function itself), ``cumulative_s`` (with everything it calls) or
    ``within_s`` (with what it calls, minus the calls into other functions matching
    ``prefix``: for framescope's functions, the time spent in them and in the libraries they
    call, which names the framescope function to speed up)."""
    stats = pstats.Stats(profile, stream=io.StringIO()).stats  # type: ignore[attr-defined]
    within = {function: entry[3] for function, entry in stats.items()}
    for function, entry in stats.items():
        if prefix and prefix in function[0]:
            for caller, timing in entry[4].items():
                if caller != function and caller in within:
                    within[caller] -= timing[3]
    rows = [
        {
            "function": _name(function),
            "calls": calls,
            "own_s": own,
            "cumulative_s": cumulative,
            "within_s": within[function],
        }
        for function, (_, calls, own, cumulative, _) in stats.items()
        if not prefix or prefix in function[0]
    ]
    rows.sort(key=lambda row: row[key], reverse=True)
    return rows[:limit]


def profile_build(raw: Path, out: Path) -> dict[str, Any]:
    """``pipeline.build`` under cProfile: the functions with the most own time (compiled
    extensions included) and framescope's functions by the time spent in them and the
    libraries they call. One process (``workers=1``): cProfile sees no worker process."""
    from framescope import pipeline  # noqa: PLC0415

    _fresh(out)
    profiler = cProfile.Profile()
    profiler.enable()
    report = pipeline.build([raw], out=out, progress=False, force=True, workers=1)
    profiler.disable()
    return {
        "seconds": report.seconds,
        "stages": report.stages,
        "own": _top(profiler, key="own_s", limit=12, prefix=""),
        "framescope": _top(profiler, key="within_s", limit=15, prefix="framescope/"),
    }


def identify(raw: Path) -> dict[str, Any]:
    """``ingest.identify`` (exact and near-duplicates) alone, on the records as read: the
    synthetic text needs no cleaning, and reading and cleaning are timed in the builds."""
    from framescope import config, ingest  # noqa: PLC0415
    from framescope.ingest import dedupe  # noqa: PLC0415

    files, _ = ingest.discover([raw])
    records = ingest.read(files, progress=False).records
    articles = records.with_columns(
        dedupe.content_ids(records["source"], records["text"]),
        pl.lit(None, pl.String).alias("duplicate_of"),
    )
    started = time.monotonic()
    tick = time.perf_counter()
    kept, duplicates = ingest.identify(
        articles,
        threshold=config.NEAR_DUPLICATE_THRESHOLD,
        story_threshold=config.STORY_THRESHOLD,
    )
    seconds = time.perf_counter() - tick
    return {
        "seconds": {"identify": seconds},
        "total": seconds,
        "started": {"identify": started},
        "near_duplicates": int(kept["duplicate_of"].is_not_null().sum()),
        "exact_duplicates": duplicates.rejects.height,
    }


def _timed(work: Callable[[], Any]) -> float:
    tick = time.perf_counter()
    work()
    return time.perf_counter() - tick


def dashboard(data: Path) -> dict[str, Any]:
    """Server-side dashboard timings for the build in ``data``: what a visitor waits for.

    - *Preparation* (once per build): ``app.prepare``, which ``framescope serve`` runs before
      it accepts connections: reading the tables, the per-cell aggregates and every view at
      the default filters (tone intervals included).
    - *First render* (each session): the session's ``DataStore``, ``app.create_app`` (only
      the first tab, Overview, draws; the URL sync is left out: no URL here) and the Bokeh
      document a browser session gets (``server_doc``).
    - *Outlet change* and *date change*: assigning a new outlet list or date range to the
      store, with the document built: the shown tab redraws and its Bokeh models update
      (three of each, all different; median and slowest).
    - *Tab switch*: after a further filter change (a state no view has drawn yet), opening
      each other tab, which redraws it for those filters; the slowest is reported by name.
      That is also what a filter change costs while that tab is the one shown.

    None includes the network or the browser drawing the charts.
    """
    tick = time.perf_counter()
    import panel as pn  # noqa: PLC0415
    from bokeh.document import Document  # noqa: PLC0415

    from framescope.dashboard import app  # noqa: PLC0415
    from framescope.dashboard.state import DataStore  # noqa: PLC0415

    imports = time.perf_counter() - tick
    preparation = _timed(lambda: app.prepare(data))
    parts: dict[str, float] = {}
    holder: dict[str, Any] = {}

    def state() -> None:
        holder["store"] = DataStore(data)

    def views() -> None:
        holder["template"] = app.create_app(store=holder["store"])

    def document() -> None:
        holder["template"].server_doc(Document())

    parts["datastore"] = _timed(state)
    parts["app"] = _timed(views)
    parts["document"] = _timed(document)
    store = holder["store"]
    tabs = holder["template"].main[0]
    assert isinstance(tabs, pn.Tabs)
    outlets = list(store.param.sources.objects)
    first, last = store.param.date_range.bounds
    span = last - first

    def between(start: float, end: float) -> tuple[Any, Any]:
        return (first + span * start, first + span * end)

    changes = [outlets[1:], outlets[:1], outlets[:-1]] if len(outlets) > 1 else [[], outlets]
    outlet_seconds = [
        _timed(lambda chosen=chosen: setattr(store, "sources", chosen)) for chosen in changes
    ]
    ranges = [between(0.1, 1), between(0, 0.9), between(0.2, 0.8)]
    date_seconds = [
        _timed(lambda chosen=chosen: setattr(store, "date_range", chosen)) for chosen in ranges
    ]
    switches: dict[str, float] = {}
    for index in range(1, len(tabs)):
        # A filter state no view has drawn: each switch redraws for filters it has not seen.
        store.param.update(
            sources=[o for k, o in enumerate(outlets) if k != index % len(outlets)],
            date_range=between(0.01 * index, 1 - 0.01 * index),
        )
        switches[tabs._names[index]] = _timed(lambda index=index: setattr(tabs, "active", index))
        tabs.active = 0
    profiler = cProfile.Profile()
    profiler.enable()
    store.sources = outlets[::2] if len(outlets) > 2 else outlets
    profiler.disable()
    filter_seconds = outlet_seconds + date_seconds
    slowest = max(switches, key=switches.__getitem__) if switches else ""
    return {
        "imports": imports,
        "preparation": preparation,
        "first_render": sum(parts.values()),
        "first_render_parts": parts,
        "filter_change": statistics.median(filter_seconds),
        "filter_change_max": max(filter_seconds),
        "outlet_change": statistics.median(outlet_seconds),
        "outlet_changes": outlet_seconds,
        "date_change": statistics.median(date_seconds),
        "date_changes": date_seconds,
        "tab_switches": switches,
        "tab_switch_max": switches.get(slowest, 0.0),
        "tab_switch_slowest": slowest,
        "outlets": len(outlets),
        "articles": store.tables["articles"].height,
        "filter_profile": _top(profiler, key="within_s", limit=10, prefix="framescope/"),
    }


def main(argv: Sequence[str] | None = None) -> int:
    """Run one kind of measurement and write its JSON result."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.workers")
    kinds = ["framescope", "baseline", "dashboard", "profile", "identify"]
    parser.add_argument("kind", choices=kinds)
    parser.add_argument("--raw", type=Path, help="corpus file or folder")
    parser.add_argument("--out", type=Path, help="output folder (emptied first)")
    parser.add_argument("--data", type=Path, help="a build folder (dashboard)")
    parser.add_argument("--engine", default="local", choices=["local", "dask"])
    parser.add_argument("--workers", type=int, help="Dask LocalCluster worker processes")
    parser.add_argument("--result", type=Path, required=True, help="where the JSON goes")
    args = parser.parse_args(argv)
    if args.kind == "framescope":
        result = framescope(args.raw, args.out, engine=args.engine, workers=args.workers)
    elif args.kind == "baseline":
        result = baseline(args.raw, args.out)
    elif args.kind == "profile":
        result = profile_build(args.raw, args.out)
    elif args.kind == "identify":
        result = identify(args.raw)
    else:
        result = dashboard(args.data)
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss * 1024
    result |= {"peak_rss_self": _vm_hwm_bytes(), "peak_rss_children": children, "pid": os.getpid()}
    args.result.write_text(json.dumps(result, indent=2, default=str) + "\n")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
