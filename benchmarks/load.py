"""The served dashboard under load: N concurrent websocket sessions changing filters.

::

    python -m benchmarks.load --data BUILD --sessions 20,50 [--port P] [--changes 6]
                              [--think 1] [--quiet 1] [--tab Overview] [--profile FILE]
                              [--result FILE] [--server-args ...]

For each session count it starts ``framescope serve --data BUILD`` afresh (so each count's
memory is its own), opens the sessions at once and lets each make ``--changes`` filter
changes, alternating outlets and dates, while a thread samples the server's process-tree RSS.

Each session talks to the server as a browser does, in Bokeh's own protocol (``bokeh.protocol``,
the messages BokehJS sends): it GETs the page (the server builds the session's document then),
opens the websocket with the page's session token, pulls the document, announces
``document_ready`` (Panel treats the session as loaded from then on) and sends each filter
change as a PATCH-DOC ``ModelChanged`` on the widget's model, as BokehJS does when a widget
changes. The server cannot tell it from a browser: the same Python callbacks run and the same
patches come back. What it leaves out is the browser's drawing and its small unprompted
messages (window size, theme). One process runs every session in one asyncio loop.

A change is *done* at the last patch that carries content (anything but the busy indicator,
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
import contextlib
import cProfile
import datetime as dt
import json
import math
import os
import pstats
import random
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import psutil

from benchmarks.run import _stop, _tree_rss

ROOT = Path(__file__).resolve().parents[1]
DAY_MS = 86_400_000
KINDS = ("outlets", "dates", "actor")
# Patches that say nothing about the view: Panel's busy indicator (which every session gets
# whenever any session is busy), loading spinners, and the URL kept in sync with the filters.
STYLE_ATTRS = frozenset({"css_classes", "stylesheets"})
IGNORED_MODELS = ("Location", "BrowserInfo")
# A patch to one of these is a redraw: the server's callbacks ran.
DRAWN_MODELS = ("PlotlyPlot", "ColumnDataSource", "DataTabulator")
TOKEN = re.compile(r'"token"\s*:\s*"([^"]+)"')
SAMPLE_SECONDS = 0.1


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


# --- the document as JSON -------------------------------------------------------------------


def objects(value: Any, found: dict[str, dict[str, Any]] | None = None) -> dict[str, dict]:
    """Every model serialised in ``value`` (a document, or a patch's new values) by id: Bokeh 3
    writes a model in full the first time it appears (``type: object``) and by id after.

    Examples
    --------
    >>> doc = {"roots": [{"type": "object", "name": "Tabs", "id": "p1",
    ...         "attributes": {"tabs": [{"type": "object", "name": "TabPanel", "id": "p2"}]}}]}
    >>> sorted(objects(doc))
    ['p1', 'p2']
    """
    found = {} if found is None else found
    if isinstance(value, dict):
        if value.get("type") == "object" and "id" in value and "name" in value:
            found[value["id"]] = value
        for item in value.values():
            objects(item, found)
    elif isinstance(value, list):
        for item in value:
            objects(item, found)
    return found


def _short(name: str) -> str:
    # 'panel.models.plotly.PlotlyPlot' -> 'PlotlyPlot': model names differ in their prefix.
    return name.rsplit(".", 1)[-1]


def classify(events: Sequence[dict[str, Any]], names: dict[str, str]) -> tuple[int, bool]:
    """How many of a PATCH-DOC's events carry content, and whether one redrew a chart or a
    table. ``names`` maps model ids to model names; a model the session has not seen (new
    since it pulled the document) counts as content.

    Examples
    --------
    >>> names = {"p1": "panel.models.plotly.PlotlyPlot", "p2": "panel.models.markup.HTML",
    ...          "p3": "panel.models.location.Location"}
    >>> classify([{"kind": "ModelChanged", "model": {"id": "p2"}, "attr": "css_classes"},
    ...           {"kind": "ModelChanged", "model": {"id": "p3"}, "attr": "search"}], names)
    (0, False)
    >>> classify([{"kind": "ModelChanged", "model": {"id": "p2"}, "attr": "text"},
    ...           {"kind": "ModelChanged", "model": {"id": "p1"}, "attr": "data"}], names)
    (2, True)
    """
    content, drawn = 0, False
    for event in events:
        model = _short(names.get(event.get("model", {}).get("id", ""), ""))
        if event.get("attr") in STYLE_ATTRS or model in IGNORED_MODELS:
            continue
        content += 1
        drawn = drawn or model in DRAWN_MODELS or event.get("kind") == "ColumnDataChanged"
    return content, drawn


@dataclass
class Widgets:
    """The models a session changes, found in the pulled document by their titles."""

    outlets: dict[str, Any]
    dates: dict[str, Any]
    actor: dict[str, Any] | None
    tabs: dict[str, Any] | None
    tab_titles: list[str]


def widgets(found: dict[str, dict[str, Any]]) -> Widgets:
    """The outlet MultiChoice, the date slider, the actor select and the tabs."""

    def titled(kind: str, prefix: str) -> dict[str, Any] | None:
        return next(
            (
                model
                for model in found.values()
                if _short(model["name"]) == kind
                and str(model.get("attributes", {}).get("title", "")).startswith(prefix)
            ),
            None,
        )

    outlets = titled("MultiChoice", "Outlet")
    dates = next((m for m in found.values() if _short(m["name"]) == "DateRangeSlider"), None)
    if outlets is None or dates is None:
        msg = "the page has no Outlets MultiChoice or no DateRangeSlider"
        raise RuntimeError(msg)
    tabs = next((m for m in found.values() if _short(m["name"]) == "Tabs"), None)
    titles = []
    for panel in (tabs or {}).get("attributes", {}).get("tabs", []):
        titles.append(found.get(panel.get("id", ""), {}).get("attributes", {}).get("title", ""))
    actor = titled("CustomSelect", "Actor (") or titled("Select", "Actor (")
    return Widgets(outlets, dates, actor, tabs, titles)


def _options(model: dict[str, Any]) -> list[str]:
    # Select options are [value, label] pairs or plain values.
    return [o[0] if isinstance(o, list) else o for o in model["attributes"].get("options", [])]


def changed(model: dict[str, Any], attr: str, new: Any) -> dict[str, Any]:
    """A ``ModelChanged`` event as BokehJS sends it when a widget's property changes.

    Examples
    --------
    >>> changed({"id": "p7"}, "value", ["a"])
    {'kind': 'ModelChanged', 'model': {'id': 'p7'}, 'attr': 'value', 'new': ['a']}
    """
    return {"kind": "ModelChanged", "model": {"id": model["id"]}, "attr": attr, "new": new}


DOCUMENT_READY = {
    "kind": "MessageSent",
    "msg_type": "bokeh_event",
    "msg_data": {"type": "event", "name": "document_ready", "values": {"type": "map"}},
}
"""What BokehJS sends once a document is rendered; Panel's session counts as loaded then."""


def _draw(kind: str, model: dict[str, Any], rng: random.Random) -> Any:
    """A random value for the widget ``model`` of a change of ``kind``."""
    attributes = model["attributes"]
    if kind == "outlets":
        options = _options(model)
        keep = max(1, min(len(options) - 1, rng.randint(len(options) // 2, len(options))))
        chosen = set(rng.sample(options, keep))
        return [o for o in options if o in chosen]
    if kind == "dates":
        days = int((attributes["end"] - attributes["start"]) // DAY_MS)
        span = rng.randint(max(1, days // 3), max(1, days))
        start = attributes["start"] + rng.randint(0, max(0, days - span)) * DAY_MS
        return [start, start + span * DAY_MS]
    return rng.choice(_options(model))


def plan(kind: str, controls: Widgets, rng: random.Random) -> list[dict[str, Any]]:
    """The events of one filter change of ``kind``: a random subset of outlets (at least half,
    never all), a random date range (at least a third of the span, whole days), or another
    actor; always a value the widget does not have now (the same value would redraw nothing).

    Examples
    --------
    >>> slider = {"id": "p2", "attributes": {"start": 0, "end": 9 * DAY_MS, "value": [0, 0]}}
    >>> controls = Widgets({"id": "p1", "attributes": {}}, slider, None, None, [])
    >>> [event] = plan("dates", controls, random.Random(1))
    >>> event["model"], event["new"] == slider["attributes"]["value"], event["new"] != [0, 0]
    ({'id': 'p2'}, True, True)
    """
    model = {"outlets": controls.outlets, "dates": controls.dates, "actor": controls.actor}.get(
        kind
    )
    if model is None:
        msg = f"cannot make a change of kind {kind!r} on this page"
        raise ValueError(msg)
    current = model["attributes"].get("value")  # as pulled (JSON lists), then as last sent
    for _ in range(50):
        value = _draw(kind, model, rng)
        if value != current:
            model["attributes"]["value"] = value
            return [changed(model, "value", value)]
    msg = f"found no {kind} value other than the current one ({current!r})"
    raise ValueError(msg)


# --- a session ------------------------------------------------------------------------------


async def page(host: str, port: int, path: str) -> str:
    """GET a page over HTTP/1.1, as a browser's first request. (A client of its own: an HTTP
    client library's connection pool would queue the sessions' requests.)"""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        request = f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nConnection: close\r\n\r\n"
        writer.write(request.encode())
        await writer.drain()
        response = await reader.read()
    finally:
        writer.close()
    head, _, body = response.partition(b"\r\n\r\n")
    status = head.split(b"\r\n", 1)[0].decode(errors="replace")
    if " 200 " not in status:
        msg = f"GET {path}: {status}"
        raise RuntimeError(msg)
    return body.decode(errors="replace")


@dataclass
class Change:
    """One change a session made, and what came back."""

    session: int
    kind: str
    sent: float
    last: float | None = None
    patches: int = 0
    drawn: bool = False
    done: bool = False
    late: int = 0
    timed_out: bool = False

    @property
    def latency(self) -> float | None:
        """Seconds from sending the change to its last content patch; None if it timed out."""
        if self.timed_out or self.last is None or not self.drawn:
            return None
        return self.last - self.sent


@dataclass
class Options:
    """How each session behaves."""

    changes: int = 6
    kinds: tuple[str, ...] = ("outlets", "dates")
    think: float = 1.0
    quiet: float = 1.0
    timeout: float = 60.0
    open_timeout: float = 600.0
    tab: str = ""
    seed: int = 0


class Session:
    """One visitor: the page, its websocket, and the changes it makes."""

    def __init__(self, index: int, port: int, options: Options) -> None:
        self.index = index
        self.host = "127.0.0.1"
        self.port = port
        self.options = options
        self.rng = random.Random(f"{options.seed}-{index}")
        self.names: dict[str, str] = {}
        self.controls: Widgets | None = None
        self.changes: list[Change] = []
        self.current: Change | None = None
        self.opened: float | None = None
        self.error: str | None = None
        self.ignored = 0
        """Events that carried no content (busy indicator, spinners, URL), from any cause."""
        self._socket: Any = None
        self._reader: asyncio.Task | None = None

    async def open(self) -> None:
        """GET the page, open its websocket, pull the document, announce it ready."""
        from bokeh.client.websocket import WebSocketClientConnectionWrapper  # noqa: PLC0415
        from bokeh.protocol import Protocol  # noqa: PLC0415
        from bokeh.protocol.receiver import Receiver  # noqa: PLC0415
        from tornado.httpclient import HTTPRequest  # noqa: PLC0415
        from tornado.websocket import websocket_connect  # noqa: PLC0415

        tick = time.perf_counter()
        token = TOKEN.search(await page(self.host, self.port, "/app"))
        if token is None:
            msg = "the page carries no session token"
            raise RuntimeError(msg)
        # The handshake waits behind every other session's page when they arrive together:
        # tornado's default 20 s request timeout would count that as a failure.
        wait = self.options.open_timeout
        request = HTTPRequest(
            f"ws://{self.host}:{self.port}/app/ws", connect_timeout=wait, request_timeout=wait
        )
        connection = await websocket_connect(
            request, subprotocols=["bokeh", token.group(1)], max_message_size=2**30
        )
        self._socket = WebSocketClientConnectionWrapper(connection)
        self._protocol = Protocol()
        self._receiver = Receiver(self._protocol)
        ack = await self._message()
        if ack is None or ack.msgtype != "ACK":
            msg = f"expected ACK, got {ack and ack.msgtype}"
            raise RuntimeError(msg)
        await self._protocol.create("PULL-DOC-REQ").send(self._socket)
        reply = await self._message()
        if reply is None or reply.msgtype != "PULL-DOC-REPLY":
            msg = f"expected PULL-DOC-REPLY, got {reply and reply.msgtype}"
            raise RuntimeError(msg)
        found = objects(reply.content["doc"])
        self.names = {key: model["name"] for key, model in found.items()}
        self.controls = widgets(found)
        await self._send([DOCUMENT_READY])
        self.opened = time.perf_counter() - tick
        self._reader = asyncio.create_task(self._read())

    async def _message(self) -> Any:
        while True:
            fragment = await self._socket.read_message()
            if fragment is None:
                return None
            message = await self._receiver.consume(fragment)
            if message is not None:
                return message

    async def _send(self, events: list[dict[str, Any]]) -> None:
        from bokeh.protocol.messages.patch_doc import patch_doc  # noqa: PLC0415

        message = patch_doc(patch_doc.create_header(), {}, {"events": events})
        await message.send(self._socket)

    async def _read(self) -> None:
        """Take in every patch the server sends, crediting it to the change in flight."""
        while True:
            message = await self._message()
            now = time.perf_counter()
            if message is None:
                if self.error is None and self.current is not None:
                    self.error = "the server closed the websocket"
                return
            if message.msgtype == "ERROR":
                self.error = f"server ERROR: {message.content.get('text', '')[:200]}"
                continue
            if message.msgtype != "PATCH-DOC":
                continue
            events = message.content.get("events", [])
            for key, model in objects(events).items():
                self.names[key] = model["name"]
            content, drawn = classify(events, self.names)
            self.ignored += len(events) - content
            change = self.current
            if change is None or not content:
                continue
            if change.done:
                change.late += content
                continue
            change.patches += content
            change.last = now
            change.drawn = change.drawn or drawn

    async def change(self, kind: str) -> Change:
        """Make one change and wait for it to be done (or to time out)."""
        assert self.controls is not None
        if kind == "tab":
            titles = self.controls.tab_titles
            if self.controls.tabs is None or self.options.tab not in titles:
                msg = f"no tab {self.options.tab!r} on the page (tabs: {titles})"
                raise ValueError(msg)
            events = [changed(self.controls.tabs, "active", titles.index(self.options.tab))]
        else:
            events = plan(kind, self.controls, self.rng)
        self.current = change = Change(self.index, kind, time.perf_counter())
        self.changes.append(change)
        await self._send(events)
        quiet, deadline = self.options.quiet, change.sent + self.options.timeout
        while self.error is None:
            now = time.perf_counter()
            if change.drawn and change.last is not None and now - change.last >= quiet:
                break
            if now > deadline:
                change.timed_out = True
                break
            await asyncio.sleep(0.02)
        change.done = True
        return change

    def _showing(self, title: str) -> bool:
        """Whether the tab titled ``title`` is the one shown (a switch to it would redraw
        nothing)."""
        if self.controls is None or self.controls.tabs is None:
            return False
        active = self.controls.tabs.get("attributes", {}).get("active", 0)
        titles = self.controls.tab_titles
        return 0 <= active < len(titles) and titles[active] == title

    async def run(self, start: asyncio.Event) -> None:
        """The session's changes, after every session has opened."""
        await start.wait()
        options = self.options
        await asyncio.sleep(self.rng.uniform(0, options.think))
        if options.tab and not self._showing(options.tab):
            await self.change("tab")
            await asyncio.sleep(options.think * self.rng.uniform(0.5, 1.5))
        for number in range(options.changes):
            if self.error is not None:
                return
            await self.change(options.kinds[number % len(options.kinds)])
            await asyncio.sleep(options.think * self.rng.uniform(0.5, 1.5))

    async def close(self) -> None:
        """Close the websocket, as a browser tab does when it is closed."""
        if self._reader is not None:
            self._reader.cancel()
        if self._socket is not None:
            self._socket.close()


# --- the server -----------------------------------------------------------------------------


def free_port() -> int:
    """A TCP port nothing on this machine listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class Server:
    """``framescope serve`` in a process of its own, its memory sampled from a thread."""

    data: Path
    port: int
    log: Path
    args: list[str] = field(default_factory=list)
    profile: Path | None = None
    samples: list[tuple[float, int]] = field(default_factory=list)
    process: psutil.Popen | None = None
    ready_seconds: float = 0.0
    _stop_sampling: threading.Event = field(default_factory=threading.Event)

    def command(self) -> list[str]:
        """The server's command line (under the profiling wrapper with ``profile``)."""
        serve = ["serve", "--data", str(self.data), "--port", str(self.port), *self.args]
        if self.profile is None:
            return [sys.executable, "-m", "framescope.cli", *serve]
        wrapper = [sys.executable, "-m", "benchmarks.load", "--serve-profiled", str(self.profile)]
        return [*wrapper, "--", *serve]

    def start(self, timeout: float = 900.0) -> None:
        """Start it and wait until it prints "serving" and accepts connections."""
        self.log.parent.mkdir(parents=True, exist_ok=True)
        tick = time.perf_counter()
        with self.log.open("w") as handle:
            self.process = psutil.Popen(
                self.command(), cwd=ROOT, stdout=handle, stderr=subprocess.STDOUT
            )
        threading.Thread(target=self._sample, daemon=True).start()
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                tail = "\n".join(self.log.read_text(errors="replace").splitlines()[-15:])
                msg = f"the server exited with code {self.process.returncode}:\n{tail}"
                raise RuntimeError(msg)
            if "serving" in self.log.read_text(errors="replace") and self._listening():
                self.ready_seconds = time.perf_counter() - tick
                return
            time.sleep(0.2)
        self.stop()
        msg = f"the server was not ready within {timeout:.0f} s (log: {self.log})"
        raise RuntimeError(msg)

    def _listening(self) -> bool:
        with socket.socket() as probe:
            return probe.connect_ex(("127.0.0.1", self.port)) == 0

    def _sample(self) -> None:
        while not self._stop_sampling.is_set() and self.process is not None:
            self.samples.append((time.monotonic(), _tree_rss(self.process)))
            time.sleep(SAMPLE_SECONDS)

    def rss(self) -> int:
        """The server's process-tree RSS now."""
        return _tree_rss(self.process) if self.process is not None else 0

    def cpu_seconds(self) -> float:
        """User and system CPU time the server's processes have used so far."""
        if self.process is None:
            return 0.0
        total = 0.0
        with contextlib.suppress(psutil.NoSuchProcess):
            for member in [self.process, *self.process.children(recursive=True)]:
                with contextlib.suppress(psutil.NoSuchProcess):
                    times = member.cpu_times()
                    total += times.user + times.system
        return total

    def waited_seconds(self) -> float:
        """Seconds the server's threads have so far spent ready to run but waiting for a core
        (Linux ``schedstat``): what other load on the machine cost it. 0 where unknown."""
        if self.process is None:
            return 0.0
        total = 0
        with contextlib.suppress(psutil.NoSuchProcess):
            for member in [self.process, *self.process.children(recursive=True)]:
                for task in Path(f"/proc/{member.pid}/task").glob("*/schedstat"):
                    with contextlib.suppress(OSError, IndexError, ValueError):
                        total += int(task.read_text().split()[1])
        return total / 1e9

    def signal(self, number: int) -> None:
        """Send a signal to the server process (the profiling wrapper's switch)."""
        if self.process is not None:
            self.process.send_signal(number)

    def stop(self) -> None:
        """Stop the server and its children, and the sampling."""
        self._stop_sampling.set()
        if self.process is None:
            return
        with contextlib.suppress(psutil.NoSuchProcess):
            self.process.terminate()
            try:
                self.process.wait(timeout=15)
            except psutil.TimeoutExpired:
                _stop(self.process)

    def server_errors(self) -> int:
        """Tracebacks and ERROR lines in the server's log (callbacks that failed)."""
        text = self.log.read_text(errors="replace") if self.log.exists() else ""
        return sum(1 for line in text.splitlines() if "Traceback" in line or "ERROR" in line)


# --- profiling the server -------------------------------------------------------------------


def serve_profiled(out: Path, argv: list[str]) -> int:
    """``framescope`` with ``argv`` under cProfile, off until SIGUSR1; SIGUSR2 switches it off
    and writes ``out``. The server's callbacks and Bokeh's writes run on its main thread, the
    one cProfile sees (Panel runs no callback in a thread unless ``nthreads`` is set)."""
    from framescope import cli  # noqa: PLC0415

    profiler = cProfile.Profile()

    def on(*_: Any) -> None:
        profiler.enable()

    def off(*_: Any) -> None:
        profiler.disable()
        profiler.dump_stats(out)

    signal.signal(signal.SIGUSR1, on)
    signal.signal(signal.SIGUSR2, off)
    return cli.main(argv)


def _package(path: str) -> str:
    """Which library a profiled function's file belongs to."""
    if path == "~":
        return "builtins"
    if "site-packages/" in path:
        return path.split("site-packages/", 1)[1].split("/", 1)[0].removesuffix(".py")
    if "/framescope/" in path:
        return "framescope"
    return "stdlib " + Path(path).stem


def profile_summary(path: Path, limit: int = 25) -> dict[str, Any]:
    """Where a profiled server spent its time: own time by library (a built-in function's
    time goes to the library that called it), and the functions with the most cumulative
    and the most own time."""
    stats = pstats.Stats(str(path)).stats  # type: ignore[attr-defined]
    by_package: dict[str, float] = {}
    for function, (_, _, own, _, callers) in stats.items():
        package = _package(function[0])
        if package in ("builtins", "stdlib json") and callers:
            for caller, timing in callers.items():
                name = f"{_package(caller[0])} (via {package})"
                by_package[name] = by_package.get(name, 0.0) + timing[2]
        else:
            by_package[package] = by_package.get(package, 0.0) + own

    def name(function: tuple[str, int, str]) -> str:
        path, line, function_name = function
        if path == "~":
            return function_name
        return f"{path.split('site-packages/')[-1].split('src/')[-1]}:{line}({function_name})"

    def top(column: int) -> list[dict[str, Any]]:
        rows = sorted(stats.items(), key=lambda item: item[1][column], reverse=True)[:limit]
        return [
            {"function": name(f), "calls": s[1], "own_s": s[2], "cumulative_s": s[3]}
            for f, s in rows
        ]

    total = sum(entry[2] for entry in stats.values())
    return {
        "total_s": total,
        "by_package": dict(sorted(by_package.items(), key=lambda kv: -kv[1])[:limit]),
        "cumulative": top(3),
        "own": top(2),
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
    add("--serve-profiled", type=Path, help=argparse.SUPPRESS)
    return p  # fmt: skip


def _serve_profiled_argv(argv: Sequence[str]) -> tuple[Path, list[str]] | None:
    """``--serve-profiled FILE -- ARGS``: the wrapper the harness starts the server with."""
    if len(argv) >= 3 and argv[0] == "--serve-profiled" and argv[2] == "--":
        return Path(argv[1]), list(argv[3:])
    return None


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m benchmarks.load``."""
    argv = list(sys.argv[1:] if argv is None else argv)
    wrapped = _serve_profiled_argv(argv)
    if wrapped is not None:
        return serve_profiled(*wrapped)
    args = parser().parse_args(argv)
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
