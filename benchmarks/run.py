"""The benchmark runner: framescope against the baseline on synthetic corpora; writes a report.

::

    python -m benchmarks.run [--sizes 1000,5000,20000,100000] [--formats jsonl]
                             [--skip-baseline-above 5000] [--dask-size 20000]
                             [--families dense,light,realistic,stubs,sampled]
                             [--family-sizes 20000] [--realistic-size 100000]
                             [--load-size 100000] [--load-sessions 20,50]
                             [--browser-size 100000] [--browser-runs 5]

For each format and size it generates the corpus (cached in ``benchmarks/out/corpus``) and runs
framescope's full build and the baseline on it, each in a process of its own while this process
samples that process tree's memory. Then: the Dask engine at one size, a cProfile of one build,
framescope's build of each coverage-like family (:mod:`benchmarks.families`) at each family
size, judged against what the generator planted (:mod:`benchmarks.score`), and the dashboard's
server-side timings on the seed build and on the largest build, and with ``--load-size`` the
served dashboard under concurrent websocket sessions (:mod:`benchmarks.load`) on the seed build
and the build of that size, and with ``--browser-size`` the served dashboard in Chromium
(:mod:`benchmarks.browser`) on the seed build and the build of that size. The report
(``benchmarks/README.md``; :mod:`benchmarks.report`) gives per-stage wall time, articles/s, MB/s
and peak RSS, the framescope/baseline throughput ratio, the counts both pipelines found, each
family's identify time, peak RSS, syndication recall and precision, and each target of issues
7, 8, 12, 13 and 17 with whether it was met.

Above ``--skip-baseline-above`` articles the baseline is not run; its time is extrapolated
linearly from the largest size it ran at, and the report says so wherever the number appears.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import subprocess
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from importlib import metadata
from pathlib import Path
from typing import Any

import polars as pl
import psutil

from benchmarks import coverage, families, generate, score
from benchmarks.coverage import FamilyRun
from benchmarks.markdown import MB
from benchmarks.report import SAMPLE_SECONDS, Results, Run, render

ROOT = Path(__file__).resolve().parents[1]
OUT = ROOT / "benchmarks" / "out"
REPORT = ROOT / "benchmarks" / "README.md"
SEEDS = ROOT / "data" / "raw" / "xi_moscow_2023"


# --- measuring ------------------------------------------------------------------------------


def _tree_rss(process: psutil.Process) -> int:
    """Resident memory of a process and all its descendants."""
    try:
        members = [process, *process.children(recursive=True)]
    except psutil.NoSuchProcess:
        return 0
    total = 0
    for member in members:
        try:
            total += member.memory_info().rss
        except (psutil.NoSuchProcess, psutil.AccessDenied):
            continue
    return total


def _stop(process: psutil.Process) -> None:
    """End a run that started here: its children first, then the process itself."""
    try:
        members = [*process.children(recursive=True), process]
    except psutil.NoSuchProcess:
        return
    for member in members:
        try:
            member.kill()
        except psutil.NoSuchProcess:
            continue
    psutil.wait_procs(members, timeout=30)


def measure(
    kind: str, options: list[str], *, result: Path, log: Path, limit: float | None = None
) -> dict[str, Any]:
    """Run ``python -m benchmarks.workers KIND`` and sample its memory until it exits.

    Returns the worker's JSON result plus ``peak_rss`` (the largest sampled tree RSS or the
    worker's own VmHWM, whichever is larger) and ``samples`` (monotonic time, bytes). A run
    whose process tree grows past ``limit`` bytes is stopped (RuntimeError), so a build that
    outgrows the machine fails alone instead of pushing everything else into swap or the OOM
    killer.
    """
    result.parent.mkdir(parents=True, exist_ok=True)
    log.parent.mkdir(parents=True, exist_ok=True)
    result.unlink(missing_ok=True)
    command = [sys.executable, "-m", "benchmarks.workers", kind, *options]
    command += ["--result", str(result)]
    samples: list[tuple[float, int]] = []
    with log.open("w") as handle:
        process = psutil.Popen(command, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT)
        while process.poll() is None:
            samples.append((time.monotonic(), _tree_rss(process)))
            if limit and samples[-1][1] > limit:
                _stop(process)
                reached = samples[-1][1] / 1e9
                msg = (
                    f"stopped at {reached:.1f} GB, over the --memory-limit of {limit / 1e9:.1f} GB"
                )
                raise RuntimeError(msg)
            time.sleep(SAMPLE_SECONDS)
    if process.returncode != 0 or not result.exists():
        tail = "\n".join(log.read_text(errors="replace").splitlines()[-20:])
        msg = f"{' '.join(command)} failed with exit code {process.returncode}:\n{tail}"
        raise RuntimeError(msg)
    data = json.loads(result.read_text())
    sampled = max((rss for _, rss in samples), default=0)
    data["peak_rss"] = max(sampled, int(data.get("peak_rss_self", 0)))
    data["samples"] = samples
    return data


def stage_peaks(data: dict[str, Any]) -> dict[str, int]:
    """The largest tree RSS sampled while each stage ran."""
    samples = data.get("samples", [])
    peaks = {}
    for stage, start in data.get("started", {}).items():
        end = start + data["seconds"].get(stage, 0.0)
        inside = [rss for t, rss in samples if start <= t <= end]
        if not inside:  # shorter than the sampling interval: the first sample after it began
            inside = [rss for t, rss in samples if t >= start][:1]
        if inside:
            peaks[stage] = max(inside)
    return peaks


class Runner:
    """Starts measured runs and keeps their results, logs and outputs under one folder."""

    def __init__(self, out: Path, *, limit: float | None = None) -> None:
        self.out = out
        self.limit = limit
        self.failures: list[str] = []
        self.errors: dict[str, str] = {}
        """The last line of each failed run's error, by corpus."""

    def run(
        self, pipeline: str, kind: str, options: list[str], *, corpus: str, articles: int, size: int
    ) -> Run | None:
        """One measured process; None (and a line in :attr:`failures`) if it failed."""
        slug = "-".join(f"{corpus} {pipeline}".replace("(", "").replace(")", "").split())
        print(f"  {pipeline} on {corpus} ...", flush=True)
        log = self.out / "runs" / f"{slug}.log"
        try:
            data = measure(
                kind, options, result=self.out / "runs" / f"{slug}.json", log=log, limit=self.limit
            )
        except RuntimeError as error:
            last = str(error).strip().splitlines()[-1]
            self.failures.append(f"{pipeline} on {corpus} failed: `{last}` (log: {log}).")
            self.errors[corpus] = last
            print(f"    FAILED: {last}", flush=True)
            return None
        run = Run(pipeline, corpus, articles, size, data, data["peak_rss"], stage_peaks(data))
        if "total" in data:
            print(
                f"    {run.total:,.1f} s, {run.articles_per_second:,.0f} articles/s, "
                f"peak {run.peak_rss / MB:,.0f} MB",
                flush=True,
            )
        return run

    def build(self, name: str) -> Path:
        """Where a run writes its tables."""
        return self.out / "builds" / name


def extrapolate(measured: Run, articles: int, size: int, corpus: str) -> Run:
    """``measured`` scaled linearly to ``articles`` (no memory: it is not linear)."""
    scale = articles / measured.articles
    result = {
        "seconds": {stage: s * scale for stage, s in measured.result["seconds"].items()},
        "total": measured.total * scale,
        "counts": {},
    }
    return Run(
        measured.pipeline, corpus, articles, size, result, extrapolated_from=measured.articles
    )


def ensure_corpus(
    n_articles: int, fmt: str, *, seed: int, out: Path, family: str = "dense"
) -> tuple[Path, generate.Stats]:
    """The generated corpus folder for ``n_articles`` originals of ``family`` in ``fmt``,
    generated once and cached."""
    folder = out / "corpus" / f"{fmt}-{n_articles}-seed{seed}-{family}"
    stats = generate.read_stats(folder)
    wanted = (n_articles, fmt, seed, family)
    found = stats and (stats.originals, stats.format, stats.seed, stats.family)
    if found != wanted or not (folder / generate.PLANTED_FILE).is_file():
        print(f"generating {n_articles:,} synthetic articles ({fmt}, {family}) ...", flush=True)
        stats = generate.write(n_articles, folder, formats=[fmt], seed=seed, family=family)[fmt]
    return folder, stats


def _bytes_under(path: Path) -> int:
    if path.is_file():
        return path.stat().st_size
    files = (p for p in path.rglob("*") if p.is_file() and not p.name.startswith("."))
    return sum(p.stat().st_size for p in files)


def _git(*args: str) -> str:
    return subprocess.run(
        ["git", *args], cwd=ROOT, capture_output=True, text=True, check=True
    ).stdout.strip()


def machine() -> dict[str, str]:
    """Cores, memory, CPU model, versions, date and the code's commit."""
    model = "unknown"
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    try:
        commit = _git("rev-parse", "--short", "HEAD")
        if _git("status", "--porcelain", "--untracked-files=no"):
            commit += ", with uncommitted changes"
    except (OSError, subprocess.CalledProcessError):
        commit = "unknown"

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return "not installed"

    packages = ("polars", "pandas", "framescope", "vaderSentiment", "textblob", "dask", "panel")
    return {
        "cores": str(os.cpu_count()),
        "memory": f"{psutil.virtual_memory().total / 2**30:.1f} GiB",
        "cpu": model,
        "os": platform.platform(),
        "python": platform.python_version(),
        **{name: version(name) for name in packages},
        "commit": commit,
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "load": "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
    }


# --- the run --------------------------------------------------------------------------------


def _seeds(runner: Runner, results: Results, *, dashboard: bool) -> None:
    print("seed corpus:", flush=True)
    common = {"corpus": "seeds", "articles": 5, "size": _bytes_under(SEEDS)}
    built = runner.build("seeds-framescope")
    raw = ["--raw", str(SEEDS)]
    ours = runner.run("framescope", "framescope", [*raw, "--out", str(built)], **common)
    out = ["--out", str(runner.build("seeds-baseline"))]
    theirs = runner.run("baseline", "baseline", [*raw, *out], **common)
    results.builds += [run for run in (ours, theirs) if run is not None]
    if dashboard and ours is not None:
        dash = runner.run("dashboard", "dashboard", ["--data", str(built)], **common)
        results.dashboards += [dash] if dash else []


@dataclass
class _Size:
    """What one corpus size gave."""

    corpus: str
    bytes: int
    build: Run | None
    baseline: Run | None


def _size(runner: Runner, results: Results, args: argparse.Namespace, fmt: str, n: int) -> _Size:
    """framescope and the baseline (and the Dask engine, and a profile) on one corpus."""
    folder, stats = ensure_corpus(n, fmt, seed=args.seed, out=args.out)
    corpus = f"{fmt} {n:,}"
    results.corpora[corpus] = stats
    size = _bytes_under(folder)
    print(f"{corpus} ({size / MB:,.1f} MB):", flush=True)
    common = {"corpus": corpus, "articles": n, "size": size}
    raw = ["--raw", str(folder)]
    out = ["--out", str(runner.build(f"{fmt}-{n}-framescope"))]
    build = runner.run("framescope", "framescope", [*raw, *out], **common)
    results.builds += [build] if build else []
    baseline = None
    if n <= args.skip_baseline_above:
        out = ["--out", str(runner.build(f"{fmt}-{n}-baseline"))]
        baseline = runner.run("baseline", "baseline", [*raw, *out], **common)
    if fmt == args.formats[0] and n == args.dask_size:
        out = ["--out", str(runner.build(f"{fmt}-{n}-dask"))]
        engine = ["--engine", "dask", "--workers", str(args.dask_workers)]
        dask = runner.run("framescope (dask)", "framescope", [*raw, *out, *engine], **common)
        results.builds += [dask] if dask else []
    if fmt == args.formats[0] and n == args.profile_size:
        out = ["--out", str(runner.build(f"{fmt}-{n}-profile"))]
        results.profile = runner.run("profile", "profile", [*raw, *out], **common)
    return _Size(corpus, size, build, baseline)


def benchmark(args: argparse.Namespace) -> Results:
    """Run every measurement the options ask for."""
    runner = Runner(args.out, limit=args.memory_limit * 1e9 if args.memory_limit else None)
    options = vars(args) | {"out": str(args.out), "report": str(args.report)}
    results = Results(machine(), options)
    if args.seeds:
        _seeds(runner, results, dashboard=args.dashboard)
    largest: Run | None = None
    for fmt in args.formats:
        measured: Run | None = None
        for n in args.sizes:
            done = _size(runner, results, args, fmt, n)
            if done.build and (largest is None or n > largest.articles):
                largest = done.build
            if done.baseline is not None:
                measured = done.baseline
                results.builds.append(done.baseline)
            elif n > args.skip_baseline_above and measured is not None:
                results.builds.append(extrapolate(measured, n, done.bytes, done.corpus))
            elif n > args.skip_baseline_above:
                results.notes.append(
                    f"{done.corpus}: the baseline ran at no size up to --skip-baseline-above "
                    f"{args.skip_baseline_above:,}, so there is nothing to extrapolate from."
                )
    for name, size in (("--dask-size", args.dask_size), ("--profile-size", args.profile_size)):
        if size and size not in args.sizes:
            results.notes.append(f"{name} {size:,} is not one of --sizes, so it was not run.")
    if args.families:
        print("coverage-like families:", flush=True)
        _families(runner, results, args)
    _dashboard(runner, results, args, largest)
    results.notes += runner.failures
    return results


def _dashboard(
    runner: Runner, results: Results, args: argparse.Namespace, largest: Run | None
) -> None:
    """The dashboard's server-side timings on the largest build, the load test and the
    browser's timings, as the options ask."""
    if args.dashboard and largest is not None:
        data = runner.build(f"{args.formats[0]}-{largest.articles}-framescope")
        dash = runner.run(
            "dashboard",
            "dashboard",
            ["--data", str(data)],
            corpus=largest.corpus,
            articles=largest.articles,
            size=largest.input_bytes,
        )
        results.dashboards += [dash] if dash else []
    if args.load_size:
        _loads(runner, results, args)
    if args.browser_size:
        _browsers(runner, results, args)


def _load(
    runner: Runner, results: Results, args: argparse.Namespace, build: Run, folder: Path
) -> None:
    """``python -m benchmarks.load`` on ``build``'s tables in ``folder``: a process of its own,
    which starts and measures the server; a failure (a build the server refuses, say) becomes
    a note."""
    corpus = build.corpus
    slug = "-".join(f"load {corpus}".replace(",", "").split())
    result, log = runner.out / "runs" / f"{slug}.json", runner.out / "runs" / f"{slug}.log"
    sessions = ",".join(map(str, args.load_sessions))
    print(f"  dashboard load ({sessions} sessions) on {corpus} ...", flush=True)
    if not (folder / "manifest.json").is_file():
        runner.failures.append(f"dashboard load on {corpus}: no build in {folder}.")
        return
    result.unlink(missing_ok=True)
    command = [sys.executable, "-m", "benchmarks.load", "--data", str(folder)]
    command += ["--sessions", sessions, "--result", str(result)]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as handle:
        done = subprocess.run(
            command, check=False, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT
        )
    if done.returncode != 0 or not result.exists():
        last = (log.read_text(errors="replace").strip().splitlines() or ["no output"])[-1]
        runner.failures.append(f"dashboard load on {corpus} failed: `{last}` (log: {log}).")
        print(f"    FAILED: {last}", flush=True)
        return
    data = json.loads(result.read_text())
    for line in log.read_text(errors="replace").splitlines():
        if " sessions: p50 " in line:
            print(f"  {line.strip()}", flush=True)
    peak = max((r["rss_peak"] for r in data["rounds"]), default=0)
    results.loads.append(Run("load", corpus, build.articles, build.input_bytes, data, peak))


def _seeds_and_size(
    runner: Runner,
    results: Results,
    args: argparse.Namespace,
    measure: Callable[[Runner, Results, argparse.Namespace, Run, Path], None],
    *,
    size: int,
    option: str,
    missed: str,
) -> None:
    """``measure`` on the seed build (when the seeds ran) and on the ``size`` build of the first
    format; a run that built no corpus of that size gets a note naming ``option``."""
    seeds = results.find("framescope", "seeds")
    if seeds is not None:
        measure(runner, results, args, seeds, runner.build("seeds-framescope"))
    fmt = args.formats[0]
    build = results.find("framescope", f"{fmt} {size:,}")
    if build is None:
        results.notes.append(
            f"{option} {size:,}: this run built no {fmt} corpus of that size (add it to "
            f"--sizes), so {missed}."
        )
        return
    measure(runner, results, args, build, runner.build(f"{fmt}-{size}-framescope"))


def _loads(runner: Runner, results: Results, args: argparse.Namespace) -> None:
    """The load test on the seed build (when the seeds ran) and on the ``--load-size`` build."""
    print("dashboard under load:", flush=True)
    _seeds_and_size(runner, results, args, _load, size=args.load_size, option="--load-size",
                    missed="the dashboard was not load-tested on it")  # fmt: skip


def _browser(
    runner: Runner, results: Results, args: argparse.Namespace, build: Run, folder: Path
) -> None:
    """``python -m benchmarks.browser`` on ``build``'s tables in ``folder``, as served and with
    Panel's full plotly.js: a process of its own; a failure (no Chromium, say) becomes a
    note."""
    slug = "-".join(f"browser {build.corpus}".replace(",", "").split())
    result, log = runner.out / "runs" / f"{slug}.json", runner.out / "runs" / f"{slug}.log"
    what = f"dashboard in a browser on {build.corpus}"
    print(f"  {what} ...", flush=True)
    if not (folder / "manifest.json").is_file():
        runner.failures.append(f"{what}: no build in {folder}.")
        return
    result.unlink(missing_ok=True)
    command = [sys.executable, "-m", "benchmarks.browser", "--data", str(folder)]
    command += ["--runs", str(args.browser_runs), "--result", str(result)]
    log.parent.mkdir(parents=True, exist_ok=True)
    with log.open("w") as handle:
        done = subprocess.run(
            command, check=False, cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT
        )
    if done.returncode != 0 or not result.exists():
        last = (log.read_text(errors="replace").strip().splitlines() or ["no output"])[-1]
        runner.failures.append(f"{what} failed: `{last}` (log: {log}).")
        print(f"    FAILED: {last}", flush=True)
        return
    for line in log.read_text(errors="replace").splitlines():
        if "median of" in line:
            print(f"  {line.strip()}", flush=True)
    data = json.loads(result.read_text())
    for bundle, measured in data["bundles"].items():
        entry = measured | {"bundle": bundle, "load_average": data["load_average"]}
        pipeline = "browser" if bundle == "served" else f"browser ({bundle})"
        run = Run(pipeline, build.corpus, build.articles, build.input_bytes, entry)
        run.peak_rss = measured["rss_peak"]
        results.browsers.append(run)


def _browsers(runner: Runner, results: Results, args: argparse.Namespace) -> None:
    """The browser's timings on the seed build (when the seeds ran) and on the
    ``--browser-size`` build."""
    print("dashboard in a browser:", flush=True)
    _seeds_and_size(runner, results, args, _browser, size=args.browser_size,
                    option="--browser-size",
                    missed="the dashboard was not timed in a browser on it")  # fmt: skip


def _scores(build: Path, corpus: Path, records: int) -> score.Scores:
    """The build's articles judged against what the generator planted in ``corpus``."""
    path = build / "articles.parquet"
    present = pl.read_parquet_schema(path)
    wanted = ("article_id", "external_id", *score.MARK_COLUMNS, "wire")
    articles = pl.read_parquet(path, columns=[c for c in wanted if c in present])
    return score.score(articles, generate.read_planted(corpus), records=records)


def _family(
    runner: Runner, results: Results, args: argparse.Namespace, family: str, n: int
) -> FamilyRun:
    """One family at ``n`` originals, built and judged. ``dense`` at one of the JSONL
    ``--sizes`` is that size's build, not another."""
    folder, stats = ensure_corpus(n, "jsonl", seed=args.seed, out=args.out, family=family)
    entry = FamilyRun(family, n, f"{family} {n:,}", None)
    entry.planted = score.describe(generate.read_planted(folder))
    shared = f"jsonl {n:,}"
    if family == "dense" and "jsonl" in args.formats and n in args.sizes:
        entry.corpus = entry.shared = shared
        entry.run = results.find("framescope", shared)
        build = runner.build(f"jsonl-{n}-framescope")
    else:
        results.corpora[entry.corpus] = stats
        build = runner.build(f"{family}-{n}-framescope")
        size = _bytes_under(folder)
        print(f"{entry.corpus} ({stats.articles:,} records, {size / MB:,.1f} MB):", flush=True)
        options = ["--raw", str(folder), "--out", str(build)]
        common = {"corpus": entry.corpus, "articles": stats.articles, "size": size}
        entry.run = runner.run("framescope", "framescope", options, **common)
    if entry.run is None:
        entry.failure = runner.errors.get(entry.corpus, "failed")
    else:
        entry.scores = _scores(build, folder, stats.articles)
    return entry


def _families(runner: Runner, results: Results, args: argparse.Namespace) -> None:
    """Each family at each of ``--family-sizes``, and realistic at ``--realistic-size``."""
    for family in args.families:
        sizes = set(args.family_sizes)
        if family == "realistic" and args.realistic_size:
            sizes.add(args.realistic_size)
        results.families += [_family(runner, results, args, family, n) for n in sorted(sizes)]


def _sizes(text: str) -> list[int]:
    try:
        sizes = sorted({int(part.replace("_", "")) for part in text.split(",") if part.strip()})
    except ValueError:
        msg = f"sizes must be comma-separated integers, got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if sizes and sizes[0] < 1:
        msg = f"sizes must be positive, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return sizes


def _families_option(text: str) -> list[str]:
    names = list(dict.fromkeys(name for name in text.split(",") if name))
    unknown = sorted(set(names) - set(families.FAMILIES))
    if unknown:
        msg = f"unknown families {unknown}; choose from {list(families.FAMILIES)}"
        raise argparse.ArgumentTypeError(msg)
    return names


def _formats(text: str) -> list[str]:
    formats = [f for f in text.split(",") if f]
    unknown = sorted(set(formats) - set(generate.FORMATS))
    if unknown or not formats:
        msg = f"unknown format(s) {unknown or text!r}; choose from {list(generate.FORMATS)}"
        raise argparse.ArgumentTypeError(msg)
    return formats


def parser() -> argparse.ArgumentParser:
    """The command line."""
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add = p.add_argument
    add(
        "--sizes",
        type=_sizes,
        default=[1_000, 5_000, 20_000, 100_000],
        help="corpus sizes in articles (default 1000,5000,20000,100000)",
    )
    add(
        "--formats",
        type=_formats,
        default=["jsonl"],
        help=f"input formats, comma-separated: {','.join(generate.FORMATS)} (default jsonl)",
    )
    add(
        "--skip-baseline-above",
        type=int,
        default=5_000,
        metavar="N",
        help="run the baseline up to N articles and extrapolate above (default 5000)",
    )
    add(
        "--dask-size",
        type=int,
        default=20_000,
        metavar="N",
        help="also build this size with the Dask engine; 0: never (default 20000)",
    )
    add(
        "--dask-workers",
        type=int,
        default=2,
        metavar="N",
        help="worker processes of the Dask LocalCluster (default 2)",
    )
    add(
        "--profile-size",
        type=int,
        default=5_000,
        metavar="N",
        help="profile a build of this size; 0: never (default 5000)",
    )
    add(
        "--families",
        type=_families_option,
        default=list(families.FAMILIES),
        metavar="NAME,NAME",
        help=f"coverage-like corpus families, comma-separated: {','.join(families.FAMILIES)}; "
        "'' for none (default all)",
    )
    add(
        "--family-sizes",
        type=_sizes,
        default=[20_000],
        metavar="N,N",
        help="original articles per family corpus (copies and stubs on top); '' for none "
        "(default 20000)",
    )
    add(
        "--realistic-size",
        type=int,
        default=100_000,
        metavar="N",
        help="also build the realistic family at N originals; 0: never (default 100000)",
    )
    add(
        "--memory-limit",
        type=float,
        default=round(0.8 * psutil.virtual_memory().total / 1e9),
        metavar="GB",
        help="stop a run whose processes use more; 0: no limit (default: 80%% of RAM)",
    )
    add(
        "--load-size",
        type=int,
        default=0,
        metavar="N",
        help="load-test the served dashboard on the N-article build (one of --sizes) and the "
        "seed build with concurrent websocket sessions (benchmarks.load); 0: never (default 0)",
    )
    add(
        "--load-sessions",
        type=_sizes,
        default=[20, 50],
        metavar="N,N",
        help="concurrent sessions of the load test, one fresh server each (default 20,50)",
    )
    add(
        "--browser-size",
        type=int,
        default=0,
        metavar="N",
        help="time the served dashboard in Chromium (benchmarks.browser: first chart on a first "
        "and a later visit, filter changes) on the N-article build (one of --sizes) and the seed "
        "build; 0: never (default 0)",
    )
    add(
        "--browser-runs",
        type=int,
        default=5,
        metavar="N",
        help="fresh browser contexts per build of the browser timings (default 5)",
    )
    add("--no-seeds", dest="seeds", action="store_false", help="skip the seed corpus")
    add("--no-dashboard", dest="dashboard", action="store_false", help="skip the dashboard")
    add("--seed", type=int, default=0, help="generator seed (default 0)")
    add(
        "--out",
        type=Path,
        default=OUT,
        help=f"corpora, builds and raw results (default {OUT.relative_to(ROOT)})",
    )
    add(
        "--report",
        type=Path,
        default=REPORT,
        help=f"the markdown report (default {REPORT.relative_to(ROOT)})",
    )
    return p  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m benchmarks.run``."""
    args = parser().parse_args(argv)
    started = time.perf_counter()
    results = benchmark(args)
    args.report.parent.mkdir(parents=True, exist_ok=True)
    args.report.write_text(render(results))
    runs = [*results.builds, *results.dashboards, *results.loads, *results.browsers]
    runs += [e.run for e in results.families if e.run and not e.shared]
    runs += [results.profile] if results.profile else []
    raw = {
        "machine": results.machine,
        "options": results.options,
        "corpora": {name: asdict(stats) for name, stats in results.corpora.items()},
        "runs": [
            asdict(run) | {"result": {k: v for k, v in run.result.items() if k != "samples"}}
            for run in runs
        ],
        "families": [coverage.raw(entry) for entry in results.families],
    }
    (args.out / "results.json").write_text(json.dumps(raw, indent=2, default=str) + "\n")
    print(f"wrote {args.report} in {time.perf_counter() - started:,.0f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
