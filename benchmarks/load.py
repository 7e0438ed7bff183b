"""The served dashboard under load: N concurrent websocket sessions changing filters.

::

    python -m benchmarks.load --data BUILD --sessions 20,50 [--port P] [--changes 6]
                              [--think 1] [--quiet 1] [--tab Overview] [--profile FILE]
                              [--result FILE] [--server-args ...]

For each session count it starts ``framescope serve --data BUILD`` afresh (so each count's
memory is its own; :mod:`benchmarks.loadserver`), opens the sessions at once and lets each make
``--changes`` filter changes, alternating outlets and dates, while a thread samples the server's
process-tree RSS. Each session talks to the server as a browser does, in Bokeh's own protocol
(:mod:`benchmarks.wsclient`); one process runs every session in one asyncio loop.

A change is *done* at the last patch that carries content (anything but a busy indicator,
loading spinners and the URL) before ``--quiet`` seconds without one, and only once a patch has
touched a chart or a table (a Plotly figure, a data source, a Tabulator): proof the server's
callbacks redrew. Its latency runs from sending the change to that last patch; the quiet
period is not counted. A content patch that arrives after a change was judged done is counted
as *late* (a quiet period too short for the load). No redraw within ``--timeout`` is a timeout.

Sessions start their changes after every session has opened, staggered over the first
``--think`` seconds, and wait ``--think`` x 0.5-1.5 after each change's quiet period, a person
reading the chart; each change picks different values (seeded), so sessions seldom share what
the server caches per filter state. With ``--profile FILE`` the server runs under cProfile,
switched on only while the sessions change filters; the result names where its time went.
"""

from __future__ import annotations

import argparse
import asyncio
import datetime as dt
import json
import math
import os
import signal
import sys
import time
from collections.abc import Sequence
from dataclasses import asdict
from pathlib import Path
from typing import Any

from benchmarks.loadserver import ROOT, Server, free_port, profile_summary
from benchmarks.patches import KINDS
from benchmarks.wsclient import Options, Session

# --- numbers --------------------------------------------------------------------------------


def percentile(values: Sequence[float], q: float) -> float | None:
    """The ``q``-th percentile (0-100), interpolated between ranks as numpy's default does;
    None for no values.

    Examples
    --------
    >>> percentile([1.0, 2.0, 3.0, 4.0], 50), percentile([5.0], 99), percentile([], 90)
    (2.5, 5.0, None)
    """
    if not values:
        return None
    ordered = sorted(values)
    position = (len(ordered) - 1) * q / 100
    low, high = math.floor(position), math.ceil(position)
    return ordered[low] + (ordered[high] - ordered[low]) * (position - low)


def summary(values: Sequence[float]) -> dict[str, float | int | None]:
    """Count, p50, p90, p99, max and mean of some latencies (None where there are none).

    Examples
    --------
    >>> summary([1.0, 3.0])["p50"], summary([])["max"]
    (2.0, None)
    """
    return {
        "n": len(values),
        "p50": percentile(values, 50),
        "p90": percentile(values, 90),
        "p99": percentile(values, 99),
        "max": max(values) if values else None,
        "mean": sum(values) / len(values) if values else None,
    }


# --- a round --------------------------------------------------------------------------------


async def _sessions(port: int, n: int, options: Options, server: Server) -> dict[str, Any]:
    """Open ``n`` sessions at once, let them change filters, close them; what happened."""
    sessions = [Session(index, port, options) for index in range(n)]
    tick = time.perf_counter()
    opened = await asyncio.gather(
        *(asyncio.wait_for(s.open(), options.open_timeout) for s in sessions),
        return_exceptions=True,
    )
    open_wall = time.perf_counter() - tick
    failures = [f"{type(e).__name__}: {e}"[:300] for e in opened if isinstance(e, BaseException)]
    live = [s for s, outcome in zip(sessions, opened, strict=True) if outcome is None]
    rss_open = server.rss()
    if server.profile is not None:
        server.signal(signal.SIGUSR1)
    cpu, clock, client = server.cpu_seconds(), time.perf_counter(), time.process_time()
    waited, load_before = server.waited_seconds(), os.getloadavg()[0]
    start = asyncio.Event()
    runs = [asyncio.create_task(s.run(start)) for s in live]
    start.set()
    outcomes = await asyncio.gather(*runs, return_exceptions=True)
    load_seconds = time.perf_counter() - clock
    cpu = server.cpu_seconds() - cpu
    waited = server.waited_seconds() - waited
    client = time.process_time() - client
    if server.profile is not None:
        server.signal(signal.SIGUSR2)
    rss_end = server.rss()
    failures += [f"{type(e).__name__}: {e}"[:300] for e in outcomes if isinstance(e, BaseException)]
    failures += [s.error for s in live if s.error]
    for session in live:
        await session.close()
    changes = [c for s in live for c in s.changes]
    filters = [c for c in changes if c.kind != "tab"]
    latencies = [c.latency for c in filters if c.latency is not None]
    by_kind = {
        kind: summary([c.latency for c in filters if c.kind == kind and c.latency is not None])
        for kind in dict.fromkeys(c.kind for c in filters)
    }
    tabs = [c.latency for c in changes if c.kind == "tab" and c.latency is not None]
    return {
        "sessions": n,
        "opened": len(live),
        "open_seconds": summary([s.opened for s in live if s.opened is not None]),
        "open_wall_seconds": open_wall,
        "changes": len(filters),
        "latency": summary(latencies),
        "by_kind": by_kind,
        "tab_switch": summary(tabs) if tabs else None,
        "errors": len(failures),
        "error_messages": sorted(set(failures))[:10],
        "timeouts": sum(c.timed_out for c in changes),
        "no_redraw": sum(1 for c in changes if not c.timed_out and not c.drawn),
        "late": sum(c.late for c in changes),
        # Panel's busy indicator is global: each change flips it in every session's page.
        "ignored_events_per_change": sum(s.ignored for s in live) / len(changes)
        if changes
        else None,
        "load_seconds": load_seconds,
        "server_cpu_seconds": cpu,
        "server_cpu_per_change": cpu / len(changes) if changes else None,
        "server_busy": cpu / load_seconds if load_seconds else None,
        "server_waited_seconds": waited,
        "client_cpu_seconds": client,
        "load_average": [load_before, os.getloadavg()[0]],
        "rss_open": rss_open,
        "rss_end": rss_end,
        "samples": [
            [c.session, c.kind, c.sent - clock, c.latency, c.patches, c.late, c.timed_out]
            for c in changes
        ],
    }


def run_round(data: Path, n: int, options: Options, *, port: int, out: Path,
              server_args: list[str], profile: Path | None = None) -> dict[str, Any]:  # fmt: skip
    """One session count against a fresh server: latencies, errors, server memory and CPU."""
    log = out / f"load-server-{n}.log"
    server = Server(data, port, log, server_args, profile)
    print(f"  {n} sessions: starting the server ...", flush=True)
    server.start()
    rss_ready = server.rss()
    try:
        print(f"  {n} sessions: server ready in {server.ready_seconds:.1f} s", flush=True)
        result = asyncio.run(_sessions(port, n, options, server))
        if profile is not None:
            for _ in range(100):  # the wrapper writes the profile when it gets SIGUSR2
                if profile.exists() and profile.stat().st_size:
                    break
                time.sleep(0.1)
            time.sleep(0.5)
            result["profile"] = profile_summary(profile)
    finally:
        server.stop()
    peak = max((rss for _, rss in server.samples), default=0)
    result |= {
        "server_ready_seconds": server.ready_seconds,
        "rss_ready": rss_ready,
        "rss_peak": max(peak, result.get("rss_end", 0)),
        "server_errors": server.server_errors(),
        "server_log": str(log),
    }
    latency = result["latency"]
    print(
        f"  {n} sessions: p50 {_s(latency['p50'])}, p90 {_s(latency['p90'])}, "
        f"p99 {_s(latency['p99'])} over {latency['n']} changes; {result['errors']} errors, "
        f"{result['timeouts']} timeouts, {result['late']} late patches; server peak "
        f"{result['rss_peak'] / 1e6:,.0f} MB, {result['server_busy'] or 0:.0%} of a core",
        flush=True,
    )
    return result


def _s(value: float | None) -> str:
    return "—" if value is None else f"{value:.2f} s"


def articles_in(data: Path) -> int:
    """The build's article count, from its manifest (0 if it has none)."""
    try:
        manifest = json.loads((data / "manifest.json").read_text())
    except (OSError, ValueError):
        return 0
    return int(manifest.get("tables", {}).get("articles", {}).get("rows", 0))


def measure(data: Path, counts: Sequence[int], options: Options, *, port: int | None,
            out: Path, server_args: list[str], profile: Path | None) -> dict[str, Any]:  # fmt: skip
    """Every session count in turn, each against a fresh server."""
    rounds = []
    for n in counts:
        chosen = profile.with_name(f"{profile.stem}-{n}{profile.suffix}") if profile else None
        if chosen is not None:
            chosen.unlink(missing_ok=True)
        rounds.append(
            run_round(
                data,
                n,
                options,
                port=port or free_port(),
                out=out,
                server_args=server_args,
                profile=chosen,
            )
        )
    return {
        "data": str(data),
        "articles": articles_in(data),
        "options": asdict(options) | {"kinds": list(options.kinds)},
        "server_args": server_args,
        "cores": os.cpu_count(),
        "load_average": "{:.2f} {:.2f} {:.2f}".format(*os.getloadavg()),
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "rounds": rounds,
    }


# --- command line ---------------------------------------------------------------------------


def _counts(text: str) -> list[int]:
    try:
        counts = [int(part) for part in text.split(",") if part.strip()]
    except ValueError:
        msg = f"session counts must be comma-separated integers, got {text!r}"
        raise argparse.ArgumentTypeError(msg) from None
    if not counts or min(counts) < 1:
        msg = f"session counts must be positive, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return counts


def _kinds(text: str) -> tuple[str, ...]:
    kinds = tuple(k for k in text.split(",") if k)
    if not kinds or set(kinds) - set(KINDS):
        msg = f"change kinds must be among {','.join(KINDS)}, got {text!r}"
        raise argparse.ArgumentTypeError(msg)
    return kinds


def parser() -> argparse.ArgumentParser:
    """The command line."""
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.load",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add = p.add_argument
    add("--data", type=Path, required=True, help="the build folder to serve")
    add(
        "--sessions",
        type=_counts,
        default=[20, 50],
        metavar="N,N",
        help="concurrent sessions, one round (and one fresh server) each (default 20,50)",
    )
    add("--port", type=int, help="the server's port (default: a free one)")
    add("--changes", type=int, default=6, help="filter changes per session (default 6)")
    add(
        "--kinds",
        type=_kinds,
        default=("outlets", "dates"),
        metavar="KIND,KIND",
        help=f"change kinds in turn, among {','.join(KINDS)} (default outlets,dates)",
    )
    add(
        "--think",
        type=float,
        default=1.0,
        metavar="S",
        help="a session waits S x 0.5-1.5 after each change is done (default 1)",
    )
    add(
        "--quiet",
        type=float,
        default=1.0,
        metavar="S",
        help="a change is done after S seconds without a content patch (default 1)",
    )
    add(
        "--timeout",
        type=float,
        default=60.0,
        metavar="S",
        help="a change with no redraw within S seconds times out (default 60)",
    )
    add("--tab", default="", help="switch every session to this tab first (default: Overview)")
    add("--seed", type=int, default=0, help="seed of the sessions' choices (default 0)")
    add(
        "--profile",
        type=Path,
        metavar="FILE",
        help="run the server under cProfile while sessions change filters; FILE-N.prof each",
    )
    add(
        "--result",
        type=Path,
        default=ROOT / "benchmarks" / "out" / "load.json",
        help="where the JSON result goes (default benchmarks/out/load.json)",
    )
    add(
        "--server-args",
        nargs=argparse.REMAINDER,
        default=[],
        help="further arguments for 'framescope serve' (must come last)",
    )
    return p  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m benchmarks.load``."""
    args = parser().parse_args(sys.argv[1:] if argv is None else argv)
    options = Options(
        changes=args.changes,
        kinds=args.kinds,
        think=args.think,
        quiet=args.quiet,
        timeout=args.timeout,
        tab=args.tab,
        seed=args.seed,
    )
    out = args.result.parent
    print(f"load on {args.data} ({articles_in(args.data):,} articles):", flush=True)
    result = measure(args.data, args.sessions, options, port=args.port, out=out,
                     server_args=args.server_args, profile=args.profile)  # fmt: skip
    args.result.parent.mkdir(parents=True, exist_ok=True)
    args.result.write_text(json.dumps(result, indent=2, default=str) + "\n")
    print(f"wrote {args.result}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
