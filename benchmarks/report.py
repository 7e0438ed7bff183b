"""The benchmark report: what was measured (:class:`Run`, :class:`Results`) and its markdown."""

from __future__ import annotations

import itertools
from dataclasses import dataclass, field
from typing import Any

from benchmarks import browser, coverage, generate
from benchmarks.coverage import FamilyRun
from benchmarks.markdown import (
    MB,
    megabytes,
    milliseconds,
    number,
    seconds,
    table,
    verdict,
)

SAMPLE_SECONDS = 0.05
"""How often the runner samples a run's memory."""

STAGES = ("ingest", "sentences", "mentions", "sentiment", "framing", "figures", "write")
"""The stages issue 8 asks about, in pipeline order."""

PHASES = ("discover", "prepare", "identify", "analyse", "write", "other")
"""framescope's phases, one after the other, in wall time; stages run inside prepare and
analyse, in every worker process at once."""

_STAGE_ORDER = ("discover", "prepare", "identify", "analyse", *STAGES[:-1], "other", "write")

TARGET_SIZE = 100_000
TARGET_RATIO = 5.0
TARGET_RATIO_SAME_RUN = 10.0
RATIO_FROM = 20_000
"""Judge the throughput ratio from this size up (below it, start-up costs dominate)."""
TARGET_BUILD_SECONDS = 90.0
TARGET_PEAK_BYTES = 4e9
TARGET_FIRST_RENDER_SECONDS = 3.0
TARGET_FILTER_CHANGE_SECONDS = 0.3
TARGET_LOAD = {20: ("p90", 1.0), 50: ("p99", 5.0)}
"""Issue 13: sessions -> (percentile, seconds) a filter change must stay under, served."""


@dataclass
class Run:
    """One measured process: what it reported plus the memory sampled from outside."""

    pipeline: str  # framescope, framescope (dask), baseline, dashboard, profile, identify
    corpus: str
    articles: int
    input_bytes: int
    result: dict[str, Any]
    peak_rss: int = 0
    stage_peak_rss: dict[str, int] = field(default_factory=dict)
    extrapolated_from: int | None = None

    @property
    def total(self) -> float:
        """Seconds of the whole pipeline (interpreter start and imports excluded)."""
        return float(self.result["total"])

    @property
    def articles_per_second(self) -> float:
        """Articles over :attr:`total`."""
        return self.articles / self.total if self.total else 0.0

    @property
    def label(self) -> str:
        """The pipeline's name, saying so when the numbers are extrapolated."""
        if self.extrapolated_from:
            return f"{self.pipeline} (extrapolated from {self.extrapolated_from:,})"
        return self.pipeline


@dataclass
class Results:
    """Everything one benchmark run measured."""

    machine: dict[str, str]
    options: dict[str, Any]
    builds: list[Run] = field(default_factory=list)
    corpora: dict[str, generate.Stats] = field(default_factory=dict)
    dashboards: list[Run] = field(default_factory=list)
    families: list[FamilyRun] = field(default_factory=list)
    loads: list[Run] = field(default_factory=list)
    """The served dashboard under concurrent sessions (:mod:`benchmarks.load`), per build."""
    browsers: list[Run] = field(default_factory=list)
    """The served dashboard in Chromium (:mod:`benchmarks.browser`), per build and bundle."""
    profile: Run | None = None
    notes: list[str] = field(default_factory=list)

    def find(self, pipeline: str, corpus: str) -> Run | None:
        """The build of ``pipeline`` on ``corpus``, if any."""
        return next((r for r in self.builds if r.pipeline == pipeline and r.corpus == corpus), None)

    def local_builds(self) -> list[Run]:
        """framescope's local builds of the first format's synthetic corpora, smallest first."""
        first = f"{self.options['formats'][0]} "
        runs = [r for r in self.builds if r.pipeline == "framescope" and r.corpus.startswith(first)]
        return sorted(runs, key=lambda r: r.articles)


# --- tables ---------------------------------------------------------------------------------

BUILD_COLUMNS = (
    "corpus",
    "pipeline",
    "articles",
    "input MB",
    "sentences",
    "distinct sentences",
    "wall s",
    "articles/s",
    "MB/s",
    "peak RSS MB",
    "ratio",
)
PHASE_COLUMNS = (
    "corpus",
    "pipeline",
    "phase or stage",
    "wall s",
    "share",
    "articles/s",
    "MB/s",
    "peak RSS MB",
)
STAGE_COLUMNS = (
    "corpus",
    "stage",
    "framescope process-s",
    "articles/s per process",
    "MB/s per process",
    "baseline s",
    "baseline articles/s",
    "per-process ratio",
)
DASHBOARD_COLUMNS = (
    "build",
    "articles",
    "preparation s (once per build)",
    "session first render s",
    "parts s",
    "outlet change ms",
    "date change ms",
    "slowest filter change ms",
    "slowest tab switch ms",
    "peak RSS MB",
)
LOAD_COLUMNS = (
    "build",
    "articles",
    "sessions",
    "opened",
    "changes",
    "p50 s",
    "p90 s",
    "p99 s",
    "max s",
    "errors",
    "timeouts",
    "late patches",
    "session open p90 s",
    "server CPU per change ms",
    "server busy",
    "server waited for a core s",
    "server MB ready / end / peak",
)
COUNT_COLUMNS = (
    "corpus",
    "articles",
    "sentences",
    "mentions",
    "actors differing",
    "sentiment rows",
    "frame rows",
    "war-term rows",
    "hedge rows",
    "money+percent figures",
)


CORPUS_COLUMNS = (
    "corpus",
    "family",
    "perturbation",
    "records",
    "copies",
    "stub pages",
    "sentences",
    "distinct",
    "MB",
)


def _ratio(results: Results, run: Run) -> str:
    base = results.find("baseline", run.corpus)
    if not run.pipeline.startswith("framescope") or base is None:
        return "—"
    note = " (vs extrapolated)" if base.extrapolated_from else ""
    return f"{base.total / run.total:.1f}x{note}"


def _distinct(results: Results, run: Run) -> str:
    sentences = run.result.get("counts", {}).get("sentences")
    distinct = run.result.get("distinct_sentences")
    if distinct and sentences:
        return f"{distinct / sentences:.1%}"
    stats = results.corpora.get(run.corpus)
    return f"{stats.distinct_ratio:.1%} (generated)" if stats else "—"


def build_rows(results: Results) -> list[list[str]]:
    """One row per build: wall time, throughput, peak memory, ratio to the baseline."""
    rows = []
    for run in results.builds:
        sentences = run.result.get("counts", {}).get("sentences")
        rows.append(
            [
                run.corpus,
                run.label,
                number(run.articles),
                number(run.input_bytes / MB, 1),
                number(sentences) if sentences else "—",
                _distinct(results, run),
                seconds(run.total),
                number(run.articles_per_second),
                number(run.input_bytes / MB / run.total, 2),
                megabytes(run.peak_rss),
                _ratio(results, run),
            ]
        )
    return rows


def phase_rows(results: Results) -> list[list[str]]:
    """One row per build and phase (framescope) or stage (the baseline), in wall time."""
    rows = []
    for run in results.builds:
        timed = run.result["seconds"]
        for stage in (s for s in _STAGE_ORDER if s in timed):
            value = timed[stage]
            rows.append(
                [
                    run.corpus,
                    run.label,
                    stage,
                    seconds(value),
                    f"{value / run.total:.0%}" if run.total else "—",
                    number(run.articles / value) if value > 0 else "—",
                    number(run.input_bytes / MB / value, 2) if value > 0 else "—",
                    megabytes(run.stage_peak_rss.get(stage, 0)),
                ]
            )
    return rows


def stage_rows(results: Results) -> list[list[str]]:
    """Each stage of framescope's local builds, summed over its worker processes, beside the
    baseline's time for the same stage."""
    rows = []
    for run in results.local_builds():
        base = results.find("baseline", run.corpus)
        for stage, value in _stages(run).items():
            theirs = base.result["seconds"].get(stage) if base else None
            rows.append(
                [
                    run.corpus,
                    stage,
                    seconds(value),
                    number(run.articles / value) if value > 0 else "—",
                    number(run.input_bytes / MB / value, 2) if value > 0 else "—",
                    seconds(theirs) if theirs else "—",
                    number(run.articles / theirs) if theirs else "—",
                    f"{theirs / value:.1f}x" if theirs and value > 0 else "—",
                ]
            )
    return rows


def _stages(run: Run) -> dict[str, float]:
    """Seconds per stage: summed over framescope's worker processes, the baseline's own."""
    timed = run.result.get("stages") or run.result["seconds"]
    return {stage: timed[stage] for stage in (*STAGES, "write_partitions") if stage in timed}


def dashboard_rows(results: Results) -> list[list[str]]:
    """One row per build the dashboard was timed on."""

    def ms(run: Run, key: str) -> str:
        return number(1000 * run.result[key]) if key in run.result else "—"

    def switch(run: Run) -> str:
        if not run.result.get("tab_switch_slowest"):
            return "—"
        return f"{ms(run, 'tab_switch_max')} ({run.result['tab_switch_slowest']})"

    return [
        [
            run.corpus,
            number(run.articles),
            seconds(run.result["preparation"]) if "preparation" in run.result else "—",
            seconds(run.result["first_render"]),
            " + ".join(f"{k} {seconds(v)}" for k, v in run.result["first_render_parts"].items()),
            ms(run, "outlet_change"),
            ms(run, "date_change"),
            ms(run, "filter_change_max"),
            switch(run),
            megabytes(run.peak_rss),
        ]
        for run in results.dashboards
    ]


def _maybe(value: float | None) -> str:
    return "—" if value is None else seconds(value)


def load_rows(results: Results) -> list[list[str]]:
    """One row per build and session count of the load test."""
    rows = []
    for run in results.loads:
        for entry in sorted(run.result.get("rounds", []), key=lambda r: r["sessions"]):
            latency = entry["latency"]
            per_change = entry.get("server_cpu_per_change")
            busy = entry.get("server_busy")
            memory = " / ".join(
                megabytes(entry.get(key, 0)) for key in ("rss_ready", "rss_end", "rss_peak")
            )
            rows.append(
                [
                    run.corpus,
                    number(run.articles),
                    number(entry["sessions"]),
                    number(entry["opened"]),
                    number(entry["changes"]),
                    _maybe(latency["p50"]),
                    _maybe(latency["p90"]),
                    _maybe(latency["p99"]),
                    _maybe(latency["max"]),
                    number(entry["errors"]),
                    number(entry["timeouts"]),
                    number(entry["late"]),
                    _maybe(entry["open_seconds"]["p90"]),
                    "—" if per_change is None else number(1000 * per_change),
                    "—" if busy is None else f"{busy:.0%} of a core",
                    _maybe(entry.get("server_waited_seconds")),
                    memory,
                ]
            )
    return rows


_LOAD_NOTES = """\
`python -m benchmarks.load`: for each session count a fresh `framescope serve` (its defaults:
one process, `--workers 1`, unless the options below say otherwise), and that many sessions
opened at once from one asyncio process, each speaking Bokeh's websocket protocol as a browser
does (GET the page, open its websocket with the page's token, pull the document,
`document_ready`, then each filter change as a `ModelChanged` patch on the widget's model): the
server runs the same callbacks as for a browser; the browser's drawing is not included. Each
session alternates an outlet change (a random subset, at least half) and a date change (a
random range, at least a third of the span) on the Overview tab, waiting `--think` x 0.5-1.5 s
after each (options below); sessions seldom share a filter state, so the server's per-filter
caches rarely help. A change is *done* at the last content patch (loading spinners and URL left
out) before `--quiet` s without one, once a chart or table patch came back; latency is from
sending to that patch. *late patches* came after a change was judged done (none: the quiet
period was long enough); *errors* are sessions that failed to open or lost their websocket; a
*timeout* is no redraw within `--timeout` s. *session open*: page, websocket and document, all
sessions arriving at once. Server memory is its process tree's RSS: after preparing, at the end
(sessions still open), and the peak (sampled every 100 ms; with `--workers` it sums the
processes). *server busy* is its CPU time over the changes' wall time: near 100% one server
process, one Python thread, is the bottleneck. *server waited for a core* is the time its
threads were ready to run but had no core (Linux schedstat, summed over threads): the machine's
2 cores are shared with the client process and with any other load, so the latencies are noisy,
and this column says how much."""


def load_section(results: Results) -> str:
    """The load test's table and how it was measured."""
    if not results.loads:
        return "Not run (`--load-size 0`)."
    options = results.loads[0].result.get("options", {})
    how = ", ".join(
        f"`--{k}` {v}" for k, v in options.items() if k in ("changes", "think", "quiet", "timeout")
    )
    served = results.loads[0].result.get("server_args")
    how += f"; `framescope serve {' '.join(served)}`" if served else ""
    return "\n".join(
        [_LOAD_NOTES, "", f"Options: {how}.", "", table(LOAD_COLUMNS, load_rows(results))]
    )


def _within_row(row: dict[str, Any]) -> list[str]:
    """A profiled function: calls, time in it and its libraries, cumulative time."""
    return [
        f"`{row['function']}`",
        number(row["calls"]),
        seconds(row["within_s"]),
        seconds(row["cumulative_s"]),
    ]


def filter_profile_section(results: Results) -> str:
    """Where a profiled outlet-filter change on the largest build spends its time."""
    dash = max(results.dashboards, key=lambda r: r.articles, default=None)
    if dash is None:
        return ""
    rows = [_within_row(r) for r in dash.result["filter_profile"]]
    return "\n".join(
        [
            f"One more outlet change on {dash.corpus} under cProfile: framescope's functions by "
            "the time spent in them and in the libraries they call.",
            "",
            table(["function", "calls", "in it and its libraries s", "cumulative s"], rows),
        ]
    )


def _pair(ours: dict[str, Any], theirs: dict[str, Any], table_name: str) -> str:
    a, b = ours["counts"].get(table_name, 0), theirs["counts"].get(table_name, 0)
    return f"{a:,} / {b:,}" + ("" if a == b or not b else f" ({(a - b) / b:+.1%})")


def _actors(ours: dict[str, int], theirs: dict[str, int], shown: int = 4) -> str:
    actors = sorted(set(ours) | set(theirs))
    differing = [a for a in actors if ours.get(a, 0) != theirs.get(a, 0)]
    result = f"{len(differing)} of {len(actors)}"
    if differing:
        listed = ", ".join(f"{a} {ours.get(a, 0)}/{theirs.get(a, 0)}" for a in differing[:shown])
        more = f" and {len(differing) - shown} more" if len(differing) > shown else ""
        result += f": {listed}{more}"
    return result


def count_rows(results: Results) -> list[list[str]]:
    """framescope's counts next to the baseline's, for every corpus both ran on."""
    rows = []
    for run in results.builds:
        base = results.find("baseline", run.corpus)
        if run.pipeline != "framescope" or base is None or base.extrapolated_from:
            continue
        ours, theirs = run.result, base.result
        rows.append(
            [
                run.corpus,
                _pair(ours, theirs, "articles"),
                _pair(ours, theirs, "sentences"),
                _pair(ours, theirs, "mentions"),
                _actors(ours["mentions_by_actor"], theirs["mentions_by_actor"]),
                _pair(ours, theirs, "sentiment"),
                _pair(ours, theirs, "frames"),
                _pair(ours, theirs, "war_terms"),
                _pair(ours, theirs, "hedges"),
                f"{ours['money_percent_figures']:,} / {theirs['money_percent_figures']:,}",
            ]
        )
    return rows


def profile_section(results: Results) -> str:
    """The functions a profiled build spends its time in."""
    run = results.profile
    if run is None:
        return "Not run (`--profile-size 0`)."
    own = [
        [f"`{r['function']}`", number(r["calls"]), seconds(r["own_s"])] for r in run.result["own"]
    ]
    ours = [_within_row(r) for r in run.result["framescope"]]
    return "\n".join(
        [
            f"`pipeline.build(workers=1)` on {run.corpus} under cProfile, in one process "
            f"({seconds(run.result['seconds']['total'])} s with the profiler on). cProfile slows "
            "Python-heavy code more than compiled code: read it for where the time goes, not "
            "for how much.",
            "",
            "Most own time (compiled extensions included):",
            "",
            table(["function", "calls", "own s"], own),
            "",
            "framescope's functions by the time spent in them and in the libraries they call "
            "(calls into other framescope functions left out), which names the function to "
            "speed up:",
            "",
            table(["function", "calls", "in it and its libraries s", "cumulative s"], ours),
        ]
    )


# --- targets --------------------------------------------------------------------------------


def hotspots(results: Results, limit: int = 3) -> str:
    """The framescope functions the profile names as taking the time, as a clause."""
    run = results.profile
    if run is None:
        return "no profile was run (--profile-size 0)"
    top = run.result["framescope"][:limit]
    named = ", ".join(f"`{r['function']}` ({seconds(r['within_s'])} s)" for r in top)
    return f"profiled on {run.corpus}, the time is spent in {named}"


def slowest_stage(run: Run) -> str:
    """Where a build's time went, as a sentence: its stages' process-seconds over its worker
    processes, and the phases that run in the building process alone."""
    named = _stages(run)
    if not named:
        return "The engine reports no per-stage times."
    ordered = sorted(named, key=lambda s: -named[s])
    stages = ", ".join(f"{stage} {seconds(named[stage])}" for stage in ordered)
    workers = int(run.result.get("workers", 1))
    alone = {p: run.result["seconds"].get(p, 0.0) for p in ("discover", "identify", "write")}
    alone["other"] = run.result["seconds"].get("other", 0.0)
    serial = ", ".join(f"{phase} {seconds(value)}" for phase, value in alone.items())
    return (
        f"Its stages took {seconds(sum(named.values()))} process-seconds ({stages}), "
        f"{seconds(sum(named.values()) / workers)} s on {workers} worker processes; the phases "
        f"in the building process alone took {seconds(sum(alone.values()))} s ({serial})"
    )


def _gap_spread(run: Run) -> str:
    """Whether one stage could close the build-time gap alone, as a sentence."""
    named = _stages(run)
    if not named:
        return ""
    workers = int(run.result.get("workers", 1))
    biggest = max(named, key=lambda s: named[s])
    gap = run.total - TARGET_BUILD_SECONDS
    if named[biggest] / workers >= gap:
        return (
            f"The largest stage, {biggest}, is {seconds(named[biggest] / workers)} s of wall time, "
            f"more than the gap of {seconds(gap)} s."
        )
    return (
        f"No single stage holds the gap: even the largest, {biggest}, is "
        f"{seconds(named[biggest] / workers)} s of wall time against a gap of {seconds(gap)} s."
    )


def _ratio_target(
    results: Results,
    target: float = TARGET_RATIO,
    name: str = "full build >= 5x the baseline's throughput (issue 8)",
    *,
    measured_only: bool = False,
) -> list[str]:
    ratios = []
    for run in results.local_builds():
        base = results.find("baseline", run.corpus)
        if base is not None:
            ratios.append((run, base, base.total / run.total))
    if not ratios:
        return [name, "—", verdict(None)]
    detail = "; ".join(
        f"{run.articles:,} articles: {ratio:.1f}x"
        + (" (baseline extrapolated)" if base.extrapolated_from else "")
        for run, base, ratio in ratios
    )
    # Start-up (imports, models) dominates small corpora; the target is about throughput. A
    # target "measured in the same run" is judged on the largest size the baseline ran at.
    if measured_only:
        judged = [item for item in ratios if not item[1].extrapolated_from][-1:]
        if not judged:
            return [name, detail, verdict(None)]
        detail += f"; judged at {judged[0][0].articles:,} articles, the largest the baseline ran at"
    else:
        judged = [item for item in ratios if item[0].articles >= RATIO_FROM] or ratios[-1:]
    worst_run, _, worst = min(judged, key=lambda item: item[2])
    if worst >= target:
        return [name, detail, verdict(True)]
    cause = (
        f" Gap: {target / worst:.1f}x short at {worst_run.articles:,} articles. "
        f"{slowest_stage(worst_run)}. Profile: {hotspots(results)}."
    )
    return [name, detail, verdict(False) + cause]


def _size_targets(results: Results) -> list[list[str]]:
    time_name = "100,000 articles built in < 90 s (issue 8)"
    peak_name = "peak memory < 4 GB at 100,000 articles (issue 8)"
    big = next((r for r in results.local_builds() if r.articles == TARGET_SIZE), None)
    if big is None:
        missing = verdict(None) + f" (no {TARGET_SIZE:,}-article build in this run; see Notes)"
        return [[time_name, "—", missing], [peak_name, "—", missing]]
    rows = []
    met = big.total < TARGET_BUILD_SECONDS
    cause = (
        ""
        if met
        else f" Gap: {big.total - TARGET_BUILD_SECONDS:,.0f} s over "
        f"({big.total / TARGET_BUILD_SECONDS:.1f}x the target). "
        f"{slowest_stage(big)}. {_gap_spread(big)} Profile (one process, model loading "
        f"included): {hotspots(results)}."
    )
    rows.append([time_name, f"{seconds(big.total)} s", verdict(met) + cause])
    met = big.peak_rss < TARGET_PEAK_BYTES
    cause = ""
    if not met:
        stage = max(big.stage_peak_rss, key=lambda s: big.stage_peak_rss[s], default="?")
        over = (big.peak_rss - TARGET_PEAK_BYTES) / MB
        cause = f" Gap: {over:,.0f} MB over; the peak is reached in the {stage} stage."
    rows.append([peak_name, f"{megabytes(big.peak_rss)} MB", verdict(met) + cause])
    return rows


def _growth_target(results: Results) -> list[str]:
    name = "memory grows no faster than the corpus (issue 8)"
    local = results.local_builds()
    if len(local) < 2:
        return [name, "—", verdict(None) + " (needs two sizes)"]
    steps = []
    met = True
    for small, large in itertools.pairwise(local):
        growth = large.peak_rss / small.peak_rss
        corpus = large.articles / small.articles
        extra = (large.peak_rss - small.peak_rss) / (large.articles - small.articles)
        steps.append(
            f"{small.articles:,} -> {large.articles:,} articles: corpus x{corpus:.0f}, "
            f"peak RSS x{growth:.1f} ({extra / 1e3:,.0f} KB per extra article)"
        )
        met = met and growth <= corpus
    cause = " (dense corpora; the coverage-like families are below)" if results.families else ""
    return [name, "; ".join(steps), verdict(met) + cause]


def _dashboard_targets(results: Results) -> list[list[str]]:
    names = {
        "first_render": "dashboard first render < 3 s at 100,000 articles (issue 7): a "
        "session's, after the server's preparation once per build",
        "filter_change": "dashboard filter change < 300 ms at 100,000 articles (issue 7): "
        "outlets and dates, on the shown tab (median)",
    }
    limits = {"first_render": TARGET_FIRST_RENDER_SECONDS}
    limits["filter_change"] = TARGET_FILTER_CHANGE_SECONDS
    dash = max(results.dashboards, key=lambda r: r.articles, default=None)
    if dash is None:
        return [[name, "—", verdict(None)] for name in names.values()]
    at_target = dash.articles >= TARGET_SIZE
    rows = []
    for key, name in names.items():
        value = dash.result[key]
        shown = milliseconds(value) if key == "filter_change" else f"{seconds(value)} s"
        measured = f"{shown} on {dash.corpus} (server side)"
        if key == "filter_change" and "filter_change_max" in dash.result:
            measured += f"; slowest {milliseconds(dash.result['filter_change_max'])}"
            if dash.result.get("tab_switch_slowest"):
                slowest = milliseconds(dash.result["tab_switch_max"])
                measured += (
                    f"; opening a tab after a change: up to {slowest}"
                    f" ({dash.result['tab_switch_slowest']})"
                )
        elif key == "first_render" and "preparation" in dash.result:
            measured += f"; preparation once per build {seconds(dash.result['preparation'])} s"
        if not at_target:
            rows.append([name, measured, verdict(None) + f" (largest build: {dash.articles:,})"])
            continue
        met = value < limits[key]
        cause = ""
        if not met and key == "filter_change":
            top = dash.result["filter_profile"][:3]
            where = ", ".join(f"`{r['function']}` ({seconds(r['within_s'])} s)" for r in top)
            cause = (
                f" Gap: {milliseconds(value - limits[key])} over. A profiled outlet change spends "
                f"its time in {where}."
            )
        elif not met:
            parts = dash.result["first_render_parts"]
            slowest = max(parts, key=lambda p: parts[p])
            cause = (
                f" Gap: {seconds(value - limits[key])} s over; the slowest part is {slowest} "
                f"({seconds(parts[slowest])} s)."
            )
        rows.append([name, measured, verdict(met) + cause])
    return rows


def _load_targets(results: Results) -> list[list[str]]:
    """Issue 13: filter-change latency percentiles under concurrent sessions, served."""
    run = max(results.loads, key=lambda r: r.articles, default=None)
    rows = []
    for sessions, (key, limit) in TARGET_LOAD.items():
        name = (
            f"{sessions} concurrent websocket sessions: filter change {key} < {limit:g} s at "
            f"{TARGET_SIZE:,} articles, served (issue 13)"
        )
        entry = next(
            (r for r in (run.result["rounds"] if run else []) if r["sessions"] == sessions), None
        )
        if run is None or entry is None:
            rows.append([name, "—", verdict(None) + " (`--load-size`, `--load-sessions`)"])
            continue
        value = entry["latency"][key]
        failed = entry["errors"] + entry["timeouts"]
        measured = (
            f"{_maybe(value)} s on {run.corpus} ({entry['changes']:,} changes, "
            f"{entry['errors']} errors, {entry['timeouts']} timeouts); server peak "
            f"{megabytes(entry['rss_peak'])} MB"
        )
        if run.articles < TARGET_SIZE:
            rows.append([name, measured, verdict(None) + f" (largest build: {run.articles:,})"])
            continue
        met = value is not None and value < limit and not failed
        cause = ""
        if not met:
            per_change = entry.get("server_cpu_per_change") or 0.0
            busy = entry.get("server_busy") or 0.0
            waited = entry.get("server_waited_seconds")
            cause = (
                f" Server CPU {number(1000 * per_change)} ms per change, {busy:.0%} of a core "
                "during the changes"
                + (f", {seconds(waited)} s waiting for a core" if waited else "")
                + (
                    f"; {failed} errors or timeouts, not met whatever the percentile"
                    if failed
                    else ""
                )
                + "."
            )
        rows.append([name, measured, verdict(met) + cause])
    return rows


def target_rows(results: Results) -> list[list[str]]:
    """Each target of issues 8, 7 and 12: what was measured and whether it was met."""
    same_run = "full build >= 10x the baseline's throughput, measured in the same run (issue 12)"
    return [
        _ratio_target(results),
        *_size_targets(results),
        _growth_target(results),
        *_dashboard_targets(results),
        *_load_targets(results),
        *browser.target_rows(results),
        _ratio_target(results, TARGET_RATIO_SAME_RUN, same_run, measured_only=True),
        *coverage.target_rows(results),
    ]


# --- the page -------------------------------------------------------------------------------

_HOW_TO = """\
```
make bench                                   # everything below, with the sizes above
.venv/bin/python -m benchmarks.run --help    # sizes, formats, baseline, Dask, profile, families
.venv/bin/python -m benchmarks.generate --articles 20000 --format jsonl --out DIR --seed 0
.venv/bin/python -m benchmarks.generate --articles 20000 --family realistic --out DIR
.venv/bin/python -m benchmarks.baseline --raw DIR --out OUT
```

Generated corpora, builds, logs and the raw numbers (`results.json`) go to `benchmarks/out/`
(git-ignored); corpora are cached there between runs. Each run is stopped if its processes
outgrow `--memory-limit` (80% of RAM by default), so one runaway build cannot take the machine
down with it."""

_COUNT_NOTES = """\
Why counts differ where they do:

- **Sentences**: the baseline splits at `.`, `!` or `?` followed by a space and an ASCII
  capital or an opening quote, with a short list of abbreviations (Mr., Dr., St., initials).
  framescope also starts a sentence at a non-ASCII capital (the generator swaps in Cyrillic
  and Chinese names) and treats month abbreviations, decimals and lowercase continuations
  differently. Sentiment and frame rows follow the sentences.
- **Mentions**: the same aliases, exclusions, word boundaries and leftmost-longest rule: on
  the synthetic corpora every actor's total agrees. On the raw seed files they differ because
  framescope cleans first: it repairs glued words ("PresidentXi Jinpingwill" in the NBC seed),
  drops boilerplate such as tweet-embed attributions, and takes titles out of the body; the
  baseline does none of that. `tests/test_benchmarks.py` checks that on the same seed
  sentences both find exactly the same mentions, and the hand counts.
- **Figures**: the baseline keeps every money and percent pattern match; framescope also reads
  counts and multiples, leaves out dates, ranges and the like, and ties each figure to a
  metric, a period, a kind and a speaker. The column compares money and percent rows only.
- **Work only framescope does**: boilerplate removal, glued-word repair, language detection,
  near-duplicate detection (MinHash), actor labels, attributed quotes, canonical row order and
  atomic writes. The throughput ratio is therefore conservative for framescope."""

_PHASE_NOTES = """\
Wall time of framescope's phases (`BuildReport.seconds`) and of the baseline's stages (its own
clock). *discover* is finding and hashing the inputs and reading sidecars; *prepare* reads and
cleans every shard of input files in the worker processes (ingest); *identify* decides exact
and near-duplicates over the whole corpus; *analyse* runs sentences to figures on every batch
of articles in the worker processes; *write* streams the partitions into the final tables in
canonical row order; *other* is what is left. A phase's peak RSS is the largest sample taken
while it ran."""

_STAGE_NOTES = """\
Inside *prepare* and *analyse* each worker process times its stages
(`BuildReport.stages`); this table adds them up over the processes, so with two processes a
stage's wall time is about half its process-seconds. *write_partitions* is the workers writing
their Parquet partitions. *per-process ratio* is the baseline's seconds over framescope's
process-seconds for the same stage: the speed-up before parallelism. framescope's ingest
includes cleaning, glued-word repair, language detection and MinHash sketches, which the
baseline does not do."""

_DASHBOARD_NOTES = """\
Measured in one process with `framescope.dashboard` (`benchmarks.workers.dashboard`).
*Preparation* is `app.prepare`, which `framescope serve` runs once per build before it
accepts connections: reading the tables, the per-cell aggregates, every view at the default
filters (tone bootstrap intervals included); sessions share what it computes. *Session first
render* is a new session's DataStore, `app.create_app` (only the shown tab, Overview, draws;
the others draw when opened) and its Bokeh document (`server_doc`). *Outlet change* and *date
change* assign a new outlet list or date range to the store with the document built: the
shown tab redraws and its Bokeh models update (median of three different values each;
*slowest filter change* is the slowest of the six). *Slowest tab switch*: after a further
filter change no view has drawn, opening each other tab (it redraws for those filters); the
slowest tab is named. It is also what a filter change costs while that tab is shown. This
is **server-side time**: the websocket transfer and the browser drawing the charts come on
top."""


def _method(results: Results) -> str:
    skip = results.options["skip_baseline_above"]
    return f"""\
- **Corpus**: `python -m benchmarks.generate` assembles articles from the seed articles'
  sentences (cleaned and split by framescope; those ending in terminal punctuation with five or
  more words): 15-40 sentences each, random dates from January to April 2023, twenty outlets
  named "synthetic outlet N". Each sentence's numbers are redrawn, half of them get an actor
  name swapped for another alias from the profile, and a random word from the seeds' vocabulary
  goes in after every three or four words (the *dense* perturbation: no five-word run of seed
  text survives, so articles share few shingles, as real coverage does). Well over 90% of the
  sentences are distinct (table above), so once-per-distinct-sentence scoring cannot flatter
  framescope. Every record carries a `note` saying it is synthetic; text files open with a
  ` date ... Synthetic` header. The coverage-like families add outlet boilerplate, syndicated
  copies, stub pages or unperturbed sentences (see their section).
- **Baseline** (`benchmarks/baseline.py`): pandas; files read one by one; NFC, invisible
  characters and whitespace cleaning; exact duplicates dropped; a regex sentence splitter; one
  Python `re` per alias and exclusion with leftmost-longest overlap resolution; one
  `vaderSentiment` `polarity_scores` and one TextBlob polarity per sentence (framescope scores
  both, `pipeline.SENTIMENT_METHODS`); frame cues, war terms and hedges with one `re` per term
  group; money and percent with `re`; Parquet tables and a CSV summary. It does not import
  framescope.
- **Processes**: every run is a fresh process (`python -m benchmarks.workers`). The runner
  samples the resident memory of that process and all its children every
  {SAMPLE_SECONDS * 1000:.0f} ms with psutil and also reads the process's own VmHWM; peak RSS
  is the larger. For the Dask engine the tree holds the scheduler, nannies and workers (pages
  shared between processes count in each). MB are 10^6 bytes.
- **Extrapolation**: above {skip:,} articles the baseline is not run; its time is its
  per-article time at the largest size it ran at times the size (per-sentence Python work is
  linear), and every such number says *extrapolated*.
- **framescope**: `pipeline.build(force=True)` with the local engine: one worker process per
  core, batches of `config.BATCH_ARTICLES` articles (see the main README's Scale section).
- **Dask**: `pipeline.build(engine="dask", workers=N)` starts a LocalCluster of N
  single-threaded worker processes on this machine; starting the cluster is inside the time.
{coverage.METHOD}
- The near-duplicate section of earlier reports (`ingest.identify` alone on dense and light
  corpora of 1,000-3,000 articles, `--stress-sizes`) is gone: the families measure identify
  inside whole builds, at 20,000 and 100,000 articles, on the corpora that stress it.
- Timings move by a few percent between runs and with other load on the machine (the load
  average above)."""


def _joined(values: list[Any]) -> str:
    return ",".join(map(str, values)) or "''"


def render(results: Results) -> str:
    """The report as markdown."""
    m = results.machine
    opts = results.options
    corpora = [
        [
            name,
            s.family,
            s.perturbation,
            number(s.articles),
            number(s.copies),
            number(s.stubs),
            number(s.sentences),
            f"{s.distinct_ratio:.2%}",
            number(s.bytes / MB, 1),
        ]
        for name, s in results.corpora.items()
    ]
    command = (
        f"python -m benchmarks.run --sizes {_joined(opts['sizes'])} "
        f"--formats {','.join(opts['formats'])} "
        f"--skip-baseline-above {opts['skip_baseline_above']} --dask-size {opts['dask_size']} "
        f"--profile-size {opts['profile_size']} --families {_joined(opts['families'])} "
        f"--family-sizes {_joined(opts['family_sizes'])} "
        f"--realistic-size {opts['realistic_size']}"
    )
    if opts.get("load_size"):
        command += (
            f" --load-size {opts['load_size']} --load-sessions {_joined(opts['load_sessions'])}"
        )
    if opts.get("browser_size"):
        command += f" --browser-size {opts['browser_size']} --browser-runs {opts['browser_runs']}"
    sections = [
        "# framescope benchmark",
        "",
        "Written by `make bench` (`python -m benchmarks.run`): rerun it rather than edit this "
        "page. Every corpus here except the five seed articles (`data/raw/xi_moscow_2023`) is "
        "**synthetic**; see [Method](#method).",
        "",
        f"Machine: {m['cores']} cores, {m['memory']} RAM, {m['cpu']} ({m['os']}); load "
        f"average {m['load']} when the report was written. Python {m['python']}, polars "
        f"{m['polars']}, pandas {m['pandas']}, framescope {m['framescope']} (commit "
        f"{m['commit']}), vaderSentiment {m['vaderSentiment']}, textblob {m['textblob']}, dask "
        f"{m['dask']}, panel {m['panel']}. Date: {m['date']}. Command: `{command}`.",
        "",
        "## Targets",
        "",
        table(["target", "measured", "verdict"], target_rows(results)),
        "",
        "## How to run",
        "",
        _HOW_TO,
        "",
        "## Full build",
        "",
        "Wall time of the whole pipeline inside its process (interpreter start and imports "
        "excluded), throughput over the input files' bytes, and peak RSS of the process tree. "
        "*ratio* is framescope's throughput over the baseline's on the same corpus.",
        "",
        table(BUILD_COLUMNS, build_rows(results)),
        "",
        "## Phases",
        "",
        _PHASE_NOTES,
        "",
        table(PHASE_COLUMNS, phase_rows(results)),
        "",
        "## Per stage",
        "",
        _STAGE_NOTES,
        "",
        table(STAGE_COLUMNS, stage_rows(results)),
        "",
        "## Dashboard (server side)",
        "",
        _DASHBOARD_NOTES,
        "",
        table(DASHBOARD_COLUMNS, dashboard_rows(results)) if results.dashboards else "Not run.",
        "",
        filter_profile_section(results),
        "",
        "## Dashboard under load",
        "",
        load_section(results),
        "",
        "## Dashboard in a browser",
        "",
        browser.section(results),
        "",
        "## Counts: framescope / baseline",
        "",
        "Where the work is the same the counts must be the same. *actors differing* lists the "
        "actors whose mention totals differ (framescope/baseline).",
        "",
        table(COUNT_COLUMNS, count_rows(results)),
        "",
        _COUNT_NOTES,
        "",
        "## Where the time goes",
        "",
        profile_section(results),
        "",
        "## Coverage-like families",
        "",
        coverage.section(results),
        "",
        "## Synthetic corpora",
        "",
        table(CORPUS_COLUMNS, corpora) if corpora else "None.",
        "",
        "## Method",
        "",
        _method(results),
    ]
    if results.notes:
        sections += ["", "## Notes", "", *[f"- {note}" for note in results.notes]]
    return "\n".join(sections) + "\n"
