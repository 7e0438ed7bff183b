"""One visitor of the served dashboard, over Bokeh's websocket protocol as a browser talks it.

A :class:`Session` GETs the page (the server builds the session's document then), opens the
websocket with the page's session token, pulls the document, announces ``document_ready``
(Panel treats the session as loaded from then on) and sends each filter change as a PATCH-DOC
``ModelChanged`` on the widget's model (:func:`benchmarks.patches.plan`). The server cannot tell
it from a browser: the same Python callbacks run and the same patches come back. What it leaves
out is the browser's drawing and its small unprompted messages (window size, theme).

A change is *done* at the last patch that carries content (:func:`benchmarks.patches.classify`)
before ``quiet`` seconds without one, and only once a patch has touched a chart or a table.
"""

from __future__ import annotations

import asyncio
import random
import re
import time
from dataclasses import dataclass
from typing import Any

from benchmarks.patches import DOCUMENT_READY, Widgets, changed, classify, objects, plan, widgets

TOKEN = re.compile(r'"token"\s*:\s*"([^"]+)"')


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
