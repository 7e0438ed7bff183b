"""The served dashboard in a browser: navigation to the first chart, cold and warm, and filter
changes until the shown chart has redrawn.

::

    python -m benchmarks.browser --data BUILD [--runs 5] [--no-baseline] [--result FILE]

Starts ``framescope serve --data BUILD`` (:class:`benchmarks.loadserver.Server`) and drives
Debian's Chromium (``chromium``) with Playwright, at 1500 x 1000 as an analyst's screen. Each
run opens a fresh browser context (an empty cache): the *cold* visit; then a second page in the
same context: the *warm* visit, with the first one's cached resources. A visit's time runs from
navigation start to the first Plotly chart drawn and visible on the page (checked every animation
frame, through Panel's shadow roots), and is taken apart from the browser's own timings: the
page document (the server builds the session before its first byte), the scripts (downloading
and evaluating them, until ``DOMContentLoaded``), the websocket and Bokeh document (until the
document arrives), and drawing (building the document's views and the first chart). On the warm
page it then makes filter changes on the shown tab, in turn: an outlet removed (its chip's x)
and the granularity changed (month, then day). A change runs from the pointer going down to the
last redraw of a visible chart (its Plotly data replaced, or a new chart) before ``--quiet``
seconds without one.

The baseline, unless ``--no-baseline``: a second server of the same build sending Panel's own
full plotly.js instead of the partial one ``framescope serve`` sends
(:mod:`framescope.dashboard.serve`). The two servers take turns, run by run, so load from
elsewhere on the machine falls on both.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import shutil
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from benchmarks.markdown import MB, milliseconds, number, seconds, table, verdict

if TYPE_CHECKING:
    from benchmarks.loadserver import Server
    from benchmarks.report import Results, Run

ROOT = Path(__file__).resolve().parents[1]

TARGET_SIZE = 100_000
TARGET_COLD_SECONDS = 5.0
TARGET_WARM_SECONDS = 3.0
TARGET_CHANGE_SECONDS = 0.3
VIEWPORT = {"width": 1500, "height": 1000}
# As the browser tests start it (tests/dashboard/browser.py): no GPU, nothing fetched of its own.
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
PARTS = ("document", "scripts", "websocket", "drawing")
"""A visit's time, one part after the other (see the module's docstring)."""
CHANGES = (("outlet", None), ("granularity", "month"), ("outlet", None), ("granularity", "day"))

# The visible Plotly charts, through shadow roots: Panel and Bokeh render into them.
_CHARTS = """
window.__fsCharts = () => {
  const found = [];
  const visit = (root) => {
    for (const chart of root.querySelectorAll('.js-plotly-plot')) {
      const svg = chart.querySelector('.main-svg');
      const box = svg && svg.getBoundingClientRect();
      if (box && box.width > 0 && box.height > 0) found.push(chart);
    }
    for (const element of root.querySelectorAll('*')) {
      if (element.shadowRoot) visit(element.shadowRoot);
    }
  };
  visit(document);
  return found;
};
"""
_FIRST_CHART = "() => window.__fsCharts && window.__fsCharts().length ? performance.now() : null"
# Started before a change, awaited after it: when the pointer went down, when charts redrew.
_WATCH = """([quiet, timeout]) => {
  const seen = new Map(window.__fsCharts().map((chart) => [chart, chart.data]));
  const pressed = {at: null};
  document.addEventListener('pointerdown', () => { pressed.at ??= performance.now(); },
                            {capture: true, once: true});
  const redraws = [];
  const begun = performance.now();
  window.__fsWatch = new Promise((resolve) => {
    const tick = () => {
      const now = performance.now();
      for (const chart of window.__fsCharts()) {
        if (seen.get(chart) !== chart.data) { redraws.push(now); seen.set(chart, chart.data); }
      }
      const last = redraws.length ? redraws[redraws.length - 1] : null;
      if ((last !== null && now - last > quiet) || now - begun > timeout) {
        resolve({pressed: pressed.at, redraws});
      } else {
        requestAnimationFrame(tick);
      }
    };
    requestAnimationFrame(tick);
  });
}"""
# How late Python may see a websocket frame after the page got it (see _change), seconds.
FRAME_LAG = 0.05
# A websocket message that updates a chart (a Plotly figure's data) or a table (a data source).
_UPDATES = ('"attr":"data"', '"ColumnDataChanged"')
_NAVIGATION = "JSON.parse(JSON.stringify(performance.getEntriesByType('navigation')[0]))"
_RESOURCES = "JSON.parse(JSON.stringify(performance.getEntriesByType('resource')))"


# --- one visit ------------------------------------------------------------------------------


def _visit(context: Any, address: str, timeout: float) -> tuple[Any, dict[str, Any], list[float]]:
    """Open ``address`` in a new page of ``context``: the page, what its load took, and a list
    that gets the arrival time (epoch seconds) of each chart or table update the server sends
    it from then on."""
    page = context.new_page()
    hosts: set[str] = set()
    errors: list[str] = []
    document_at: list[float] = []
    updates: list[float] = []

    def on_request(request: Any) -> None:
        parts = urlsplit(request.url)
        if parts.scheme in ("http", "https", "ws", "wss"):
            hosts.add(parts.hostname or "")

    def on_frame(payload: str | bytes) -> None:
        if not isinstance(payload, str):
            return
        if not document_at and '"PULL-DOC-REPLY"' in payload:
            document_at.append(time.time())
        elif any(marker in payload for marker in _UPDATES):
            updates.append(time.time())

    def on_websocket(socket: Any) -> None:
        hosts.add(urlsplit(socket.url).hostname or "")
        socket.on("framereceived", on_frame)

    page.on("request", on_request)
    page.on("websocket", on_websocket)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.add_init_script(_CHARTS)
    page.goto(address, wait_until="commit", timeout=timeout * 1000)
    chart = page.wait_for_function(_FIRST_CHART, polling="raf", timeout=timeout * 1000)
    first_chart = float(chart.json_value())
    origin = page.evaluate("performance.timeOrigin") / 1000
    navigation = page.evaluate(_NAVIGATION)
    resources = page.evaluate(_RESOURCES)
    document = 1000 * (document_at[0] - origin) if document_at else None
    marks = [navigation["responseEnd"], navigation["domContentLoadedEventEnd"], document]
    visit = {
        "first_chart": first_chart / 1000,
        "parts": _parts(marks, first_chart),
        "document_first_byte": navigation["responseStart"] / 1000,
        "dom_content_loaded": navigation["domContentLoadedEventEnd"] / 1000,
        "bokeh_document": None if document is None else document / 1000,
        "transferred": navigation["transferSize"] + sum(r["transferSize"] for r in resources),
        "resources": len(resources),
        "cached": sum(1 for r in resources if r["transferSize"] == 0 and r["decodedBodySize"]),
        "largest": sorted(
            (
                {
                    "name": urlsplit(r["name"]).path.rsplit("/", 1)[-1],
                    "bytes": r["decodedBodySize"],
                    "transferred": r["transferSize"],
                    "ms": r["duration"],
                }
                for r in resources
            ),
            key=lambda r: -r["bytes"],
        )[:6],
        "hosts": sorted(hosts),
        "console_errors": errors[:5],
    }
    return page, visit, updates


def _parts(marks: list[float | None], end: float) -> dict[str, float]:
    """Milliseconds since navigation at each part's end -> seconds each part took.

    Examples
    --------
    >>> _parts([300.0, 1200.0, 1400.0], 2000.0)
    {'document': 0.3, 'scripts': 0.9, 'websocket': 0.2, 'drawing': 0.6}
    """
    result, start = {}, 0.0
    for part, mark in zip(PARTS, [*marks, end], strict=True):
        if mark is None:
            continue
        result[part] = round(max(mark - start, 0.0) / 1000, 4)
        start = max(start, mark)
    return result


def _change(
    page: Any, updates: list[float], kind: str, value: str | None, *, quiet: float, timeout: float
) -> dict[str, Any]:
    """One filter change on ``page``: from the pointer going down to the last redraw, and of
    that the *server* part, until the last chart or table update before that redraw arrived
    (``updates``, from :func:`_visit`), and the *browser* part, the rest."""
    page.evaluate(_WATCH, [quiet * 1000, timeout * 1000])
    if kind == "outlet":
        page.locator(".choices__button").first.click()
    else:
        page.locator(".bk-btn", has_text=value).first.click()
    watched = page.evaluate("window.__fsWatch")
    origin = page.evaluate("performance.timeOrigin") / 1000
    pressed, redraws = watched["pressed"], watched["redraws"]
    result = {"kind": kind, "value": value, "latency": None, "redraws": len(redraws)}
    result |= {"server": None, "browser": None}
    if not redraws or pressed is None:
        return result
    start, end = origin + pressed / 1000, origin + redraws[-1] / 1000
    result["latency"] = end - start
    # A frame's time is taken when Playwright hands it to Python, a few ms after it arrived:
    # a redraw that quick after its update (the browser part is ~4 ms at 100,000 articles)
    # would find no frame before it. A frame up to FRAME_LAG after the redraw counts, at the
    # redraw's time at the latest.
    arrived = [min(t, end) for t in updates if start <= t <= end + FRAME_LAG]
    if arrived:
        result |= {"server": arrived[-1] - start, "browser": end - arrived[-1]}
    return result


# --- a build --------------------------------------------------------------------------------


def serve_panel_plotly(argv: list[str]) -> int:
    """``framescope`` with ``argv``, serving Panel's full plotly.js bundle."""
    from framescope import cli  # noqa: PLC0415
    from framescope.dashboard import serve  # noqa: PLC0415

    serve.PLOTLY_BUNDLE = None
    return cli.main(argv)


def _median(values: Sequence[float | None]) -> float | None:
    kept = [v for v in values if v is not None]
    return statistics.median(kept) if kept else None


BUNDLES = {"served": "served (partial, 1.5 MB)", "panel-plotly": "Panel's full bundle"}
"""What each server sends as plotly.js: ``framescope serve`` as it is, and the baseline."""


def _run(browser: Any, address: str, index: int, quiet: float, timeout: float) -> dict[str, Any]:
    """One fresh browser context: the cold visit, the warm one, the changes on the warm page."""
    context = browser.new_context(viewport=VIEWPORT)
    try:
        cold_page, cold, _ = _visit(context, address, timeout)
        cold_page.close()
        page, warm, updates = _visit(context, address, timeout)
        changes = [
            _change(page, updates, kind, value, quiet=quiet, timeout=timeout)
            for kind, value in CHANGES
        ]
    finally:
        context.close()
    return {"run": index, "cold": cold, "warm": warm, "changes": changes}


def measure(
    data: Path,
    *,
    runs: int,
    out: Path,
    bundles: Sequence[str] = tuple(BUNDLES),
    quiet: float = 1.0,
    timeout: float = 120.0,
) -> dict[str, Any]:
    """``runs`` cold and warm visits and the filter changes on ``data``'s build, served with
    each of ``bundles`` (keys of :data:`BUNDLES`) by a server of its own. The servers take
    turns run by run, first one then the other, so other load on the machine falls on both."""
    from playwright.sync_api import sync_playwright  # noqa: PLC0415

    # Not at the top: the runner's report imports this module, and loadserver the runner.
    from benchmarks.loadserver import Server, free_port  # noqa: PLC0415

    executable = shutil.which("chromium")
    if executable is None:
        msg = "Chromium is not installed: run 'make chromium' (Debian's package)"
        raise RuntimeError(msg)
    servers: dict[str, Server] = {}
    done: dict[str, list[dict[str, Any]]] = {bundle: [] for bundle in bundles}
    load = [os.getloadavg()[0]]
    try:
        for bundle in bundles:
            log = out / f"browser-server-{data.name}-{bundle}.log"
            wrapper = ["-m", "benchmarks.browser", "--serve-panel-plotly", "--"]
            server = Server(data, free_port(), log, wrapper=wrapper if bundle != "served" else [])
            print(f"  {BUNDLES[bundle]}: starting the server ...", flush=True)
            servers[bundle] = server
            server.start()
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
            for index in range(runs):
                turn = list(bundles) if index % 2 == 0 else list(reversed(bundles))
                for bundle in turn:
                    address = f"http://127.0.0.1:{servers[bundle].port}/"
                    run = _run(browser, address, index, quiet, timeout)
                    done[bundle].append(run)
                    print(
                        f"    run {index + 1}, {BUNDLES[bundle]}: first visit "
                        f"{run['cold']['first_chart']:.2f} s, later "
                        f"{run['warm']['first_chart']:.2f} s, changes "
                        + ", ".join(_ms(c["latency"]) for c in run["changes"]),
                        flush=True,
                    )
                load.append(os.getloadavg()[0])
            browser.close()
    finally:
        for server in servers.values():
            server.stop()
    return {
        "data": str(data),
        "articles": _articles(data),
        "runs": runs,
        "viewport": VIEWPORT,
        "load_average": {"min": min(load), "max": max(load)},
        "date": dt.datetime.now(dt.UTC).strftime("%Y-%m-%d %H:%M UTC"),
        "bundles": {bundle: summarise(done[bundle], servers[bundle]) for bundle in bundles},
    }


def _ms(value: float | None) -> str:
    return "no redraw" if value is None else f"{1000 * value:.0f} ms"


def summarise(runs: list[dict[str, Any]], server: Server) -> dict[str, Any]:
    """Medians over the runs of one server, with every visit and change kept."""
    summary: dict[str, Any] = {}
    for visit in ("cold", "warm"):
        parts = {p: _median([r[visit]["parts"].get(p) for r in runs]) for p in PARTS}
        summary[visit] = {
            "first_chart": _median([r[visit]["first_chart"] for r in runs]),
            "fastest": min((r[visit]["first_chart"] for r in runs), default=None),
            "parts": {p: s for p, s in parts.items() if s is not None},
            "transferred": _median([r[visit]["transferred"] for r in runs]),
        }
    changes = [c for r in runs for c in r["changes"]]
    latencies = [c["latency"] for c in changes]
    kinds = dict.fromkeys(c["kind"] for c in changes)
    pages = [r[visit] for r in runs for visit in ("cold", "warm")]
    return {
        "summary": summary,
        "first_visit_after_start": runs[0]["cold"]["first_chart"] if runs else None,
        "change": _median(latencies),
        "change_min": min((v for v in latencies if v is not None), default=None),
        "change_max": max((v for v in latencies if v is not None), default=None),
        "change_by_kind": {
            k: _median([c["latency"] for c in changes if c["kind"] == k]) for k in kinds
        },
        "change_server": _median([c.get("server") for c in changes]),
        "change_browser": _median([c.get("browser") for c in changes]),
        "no_redraw": sum(1 for v in latencies if v is None),
        "hosts": sorted({host for page in pages for host in page["hosts"]}),
        "console_errors": sorted({error for page in pages for error in page["console_errors"]})[:5],
        "server_ready_seconds": server.ready_seconds,
        "rss_peak": max((rss for _, rss in server.samples), default=0),
        "runs": runs,
    }


def _articles(data: Path) -> int:
    try:
        manifest = json.loads((data / "manifest.json").read_text())
    except (OSError, ValueError):
        return 0
    return int(manifest.get("tables", {}).get("articles", {}).get("rows", 0))


# --- the report -----------------------------------------------------------------------------

COLUMNS = (
    "build",
    "articles",
    "plotly.js",
    "runs",
    "first visit s (fastest)",
    "later visit s (fastest)",
    "first visit: document + scripts + websocket + drawing s",
    "later visit: document + scripts + websocket + drawing s",
    "MB sent first / later",
    "outlet change ms",
    "granularity change ms",
    "fastest / slowest change ms",
    "change: server + browser ms",
    "first visit after the server started s",
    "load average",
)

NOTES = """\
`python -m benchmarks.browser`: `framescope serve` on the build, and Debian's Chromium driven by
Playwright (headless, no GPU, 1500 x 1000). Each run opens a fresh browser context: the *first
visit* (nothing cached), then a second page in that context, the *later visit* (scripts and
styles cached). A visit runs from navigation start to the first Plotly chart drawn and visible
(checked every animation frame); medians over the runs, and the fastest run, which other load
on the machine slowed least. Its parts, one after the other: *document* until the page's last
byte (the server builds the session before the first one), *scripts* until `DOMContentLoaded`
(downloading and evaluating Bokeh, Panel and plotly.js), *websocket* until Bokeh's document
arrives, *drawing* until the chart shows (building the document's views, then plotly). On the
later visit's page, filter changes on the Overview tab: an outlet removed (its chip's x) and the
granularity changed (month, then day), twice each per run; a change runs from the pointer going
down to the last redraw of a visible chart (its data replaced) before a second without another;
its *server* part runs until the last chart or table update before that redraw arrived on the
websocket (the server's work, mostly), its *browser* part is the rest (medians of each).
*Panel's full bundle* rows serve the build with the plotly.js Panel ships (4.8 MB) instead of
the partial one `framescope serve` sends (1.5 MB, the trace types the charts draw): the
baseline, a second server of the same build measured in the same process, the two taking turns
run by run. Chromium, the servers and the runner share the machine's 2 cores with any other
load (*load average*: the 1-minute load, lowest and highest, while the build was measured), so
these times are noisy."""


def rows(results: Results) -> list[list[str]]:
    """One row per build and plotly.js bundle measured."""
    result = []
    for run in results.browsers:
        r = run.result
        cold, warm = r["summary"]["cold"], r["summary"]["warm"]

        def parts(visit: dict[str, Any]) -> str:
            return " + ".join(seconds(visit["parts"].get(p, 0.0)) for p in PARTS)

        by_kind = r["change_by_kind"]
        result.append(
            [
                run.corpus,
                number(run.articles),
                BUNDLES[r["bundle"]],
                number(len(r["runs"])),
                f"{_s(cold['first_chart'])} ({_s(cold.get('fastest'))})",
                f"{_s(warm['first_chart'])} ({_s(warm.get('fastest'))})",
                parts(cold),
                parts(warm),
                f"{cold['transferred'] / MB:,.1f} / {warm['transferred'] / MB:,.2f}",
                _milli(by_kind.get("outlet")),
                _milli(by_kind.get("granularity")),
                f"{_milli(r.get('change_min'))} / {_milli(r['change_max'])}",
                f"{_milli(r.get('change_server'))} + {_milli(r.get('change_browser'))}",
                _s(r["first_visit_after_start"]),
                "{min:.1f}-{max:.1f}".format(**r["load_average"]),
            ]
        )
    return result


def _s(value: float | None) -> str:
    return "—" if value is None else seconds(value)


def _milli(value: float | None) -> str:
    return "—" if value is None else number(1000 * value)


def section(results: Results) -> str:
    """The browser's table and how it was measured."""
    if not results.browsers:
        return "Not run (`--browser-size 0`)."
    parts = [NOTES, "", table(COLUMNS, rows(results))]
    leaks = sorted({h for run in results.browsers for h in run.result["hosts"]} - {"127.0.0.1"})
    parts += [
        "",
        "Every request went to 127.0.0.1."
        if not leaks
        else f"**Requests left this machine**, to: {', '.join(leaks)}.",
    ]
    return "\n".join(parts)


def _served(results: Results) -> tuple[Run | None, Run | None]:
    """The largest build as served and the seed build as served (the comparison)."""
    served = [r for r in results.browsers if r.result["bundle"] == "served"]
    largest = max(served, key=lambda r: r.articles, default=None)
    seeds = next((r for r in served if r.corpus == "seeds"), None)
    return largest, seeds


def _baseline(results: Results, run: Run, key: str) -> str:
    """The same measurement with Panel's full plotly.js, when it was taken."""
    other = next(
        (r for r in results.browsers if r.corpus == run.corpus and r.result["bundle"] != "served"),
        None,
    )
    if other is None:
        return ""
    value = _value(other, key)
    shown = "—" if value is None else _shown(key, value)
    return f"; with Panel's full plotly.js {shown}"


def _value(run: Run, key: str) -> float | None:
    if key == "change":
        return run.result["change"]
    return run.result["summary"][key]["first_chart"]


def _shown(key: str, value: float) -> str:
    return milliseconds(value) if key == "change" else f"{seconds(value)} s"


def target_rows(results: Results) -> list[list[str]]:
    """Issue 17: the browser's first chart, cold and warm, and a filter change."""
    names = {
        "cold": f"dashboard in a browser, first visit (empty cache): first chart < "
        f"{TARGET_COLD_SECONDS:g} s at {TARGET_SIZE:,} articles (issue 17)",
        "warm": f"dashboard in a browser, later visit (cached): first chart < "
        f"{TARGET_WARM_SECONDS:g} s at {TARGET_SIZE:,} articles (issue 17)",
        "change": f"dashboard in a browser: filter change until the chart has redrawn < "
        f"{1000 * TARGET_CHANGE_SECONDS:.0f} ms at {TARGET_SIZE:,} articles (issue 17): outlet "
        "removed, granularity changed (median)",
    }
    limits = {"cold": TARGET_COLD_SECONDS, "warm": TARGET_WARM_SECONDS}
    limits["change"] = TARGET_CHANGE_SECONDS
    run, seeds = _served(results)
    if run is None:
        return [[name, "—", verdict(None) + " (`--browser-size`)"] for name in names.values()]
    result = []
    for key, name in names.items():
        value = _value(run, key)
        shown = "—" if value is None else _shown(key, value)
        measured = f"{shown} on {run.corpus} (median of {len(run.result['runs'])} runs"
        if key == "change" and run.result["change_max"] is not None:
            measured += f", slowest {milliseconds(run.result['change_max'])}"
        measured += "; load average {min:.1f}-{max:.1f})".format(**run.result["load_average"])
        if seeds is not None and seeds is not run:
            seed_value = _value(seeds, key)
            measured += "; seeds " + ("—" if seed_value is None else _shown(key, seed_value))
        measured += _baseline(results, run, key)
        if run.articles < TARGET_SIZE:
            result.append([name, measured, verdict(None) + f" (largest build: {run.articles:,})"])
            continue
        met = value is not None and value < limits[key] and not run.result["no_redraw"]
        cause = ""
        if not met and key != "change":
            parts = run.result["summary"][key]["parts"]
            slowest = max(parts, key=lambda p: parts[p]) if parts else "—"
            cause = f" The longest part is {slowest} ({seconds(parts.get(slowest, 0.0))} s)."
        elif not met and run.result["no_redraw"]:
            cause = f" {run.result['no_redraw']} changes drew nothing."
        elif not met and run.result.get("change_server") is not None:
            server, drawing = run.result["change_server"], run.result["change_browser"]
            cause = (
                f" Until the chart's update arrived from the server {milliseconds(server)}, "
                f"then the browser's redraw {milliseconds(drawing)} (medians)."
            )
        result.append([name, measured, verdict(met) + cause])
    return result


# --- command line ---------------------------------------------------------------------------


def parser() -> argparse.ArgumentParser:
    """The command line."""
    p = argparse.ArgumentParser(
        prog="python -m benchmarks.browser",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    add = p.add_argument
    add("--data", type=Path, required=True, help="the build folder to serve")
    add("--runs", type=int, default=5, help="fresh browser contexts (default 5)")
    add(
        "--no-baseline",
        dest="baseline",
        action="store_false",
        help="leave out the baseline: a second server sending Panel's full plotly.js",
    )
    add(
        "--quiet",
        type=float,
        default=1.0,
        metavar="S",
        help="a change is done after S seconds without a redraw (default 1)",
    )
    add(
        "--timeout",
        type=float,
        default=120.0,
        metavar="S",
        help="give up on a page or a change after S seconds (default 120)",
    )
    add(
        "--result",
        type=Path,
        default=ROOT / "benchmarks" / "out" / "browser.json",
        help="where the JSON result goes (default benchmarks/out/browser.json)",
    )
    return p  # fmt: skip


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m benchmarks.browser``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    if argv[:1] == ["--serve-panel-plotly"] and argv[1:2] == ["--"]:
        return serve_panel_plotly(argv[2:])
    args = parser().parse_args(argv)
    if args.runs < 1:
        msg = f"--runs must be at least 1, got {args.runs}"
        raise SystemExit(msg)
    print(f"browser on {args.data} ({_articles(args.data):,} articles):", flush=True)
    result = measure(
        args.data,
        runs=args.runs,
        out=args.result.parent,
        bundles=list(BUNDLES) if args.baseline else ["served"],
        quiet=args.quiet,
        timeout=args.timeout,
    )
    for bundle, measured in result["bundles"].items():
        cold, warm = measured["summary"]["cold"], measured["summary"]["warm"]
        print(
            f"  {BUNDLES[bundle]}, median of {result['runs']} runs: first visit "
            f"{_s(cold['first_chart'])} s, later visit {_s(warm['first_chart'])} s, filter "
            f"change {_ms(measured['change'])}",
            flush=True,
        )
    args.result.parent.mkdir(parents=True, exist_ok=True)
    args.result.write_text(json.dumps(result, indent=2, default=str) + "\n")
    print(f"wrote {args.result}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
