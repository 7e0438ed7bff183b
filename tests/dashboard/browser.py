"""What the browser tests share: `framescope serve` on a free port, Debian's Chromium driven by
Playwright, a page that records console errors, dialogs and requests, and tab switching.

The fixtures (``url``, ``opec_url``, ``browser``, ``page``) are in ``conftest.py`` with session
scope, so every browser test file shares one server per build and one browser.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from framescope import config

SHOTS = config.ROOT / "build" / "test-output" / "dashboard"
VIEWS = ("Overview", "Compare", "Mentions", "Sentiment", "Framing", "Trade figures", "Articles")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def serve(build: Path, log_path: Path) -> Iterator[str]:
    """`framescope serve` of ``build`` on a free port: its address while it runs."""
    port = free_port()
    # BOKEH_RESOURCES=cdn: the environment asks for CDN resources; the dashboard must load
    # everything from itself anyway (and this machine may be offline).
    env = {**os.environ, "CI": "true", "BOKEH_RESOURCES": "cdn", "PYTHONUNBUFFERED": "1"}
    with log_path.open("w") as log:
        server = subprocess.Popen(
            [sys.executable, "-m", "framescope.cli", "serve", "--data", str(build),
             "--port", str(port)],
            stdout=log, stderr=subprocess.STDOUT, env=env,
        )  # fmt: skip
    address = f"http://127.0.0.1:{port}/"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(address, timeout=5) as response:
                if response.status == 200:
                    break
        except OSError:
            if server.poll() is not None:
                pytest.fail(f"the server exited: {log_path.read_text()}")
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("the dashboard did not answer within 90 s")
    yield address
    server.terminate()
    server.wait(timeout=20)


def visit(context, address: str):
    """A page at ``address`` that records console errors, dialogs and every request."""
    opened = context.new_page()
    opened.console_errors, opened.dialogs, opened.requests = [], [], []
    opened.on(
        "console", lambda m: opened.console_errors.append(m.text) if m.type == "error" else None
    )
    opened.on("pageerror", lambda e: opened.console_errors.append(str(e)))
    opened.on("dialog", lambda d: (opened.dialogs.append(d.message), d.dismiss()))
    opened.on("request", lambda r: opened.requests.append(r.url))
    opened.goto(address, timeout=90_000)
    opened.locator(".js-plotly-plot").first.wait_for(timeout=90_000)
    return opened


PAYLOADS = {name: f"<img src=x onerror=alert('{name}')>" for name in ("outlets", "actors", "actor")}
# Panel and Bokeh render into shadow roots; Playwright's CSS selectors look inside them.
INJECTED = "img[onerror], img[src='x']"


def open_view(page, view: str) -> None:
    page.locator(".bk-tab", has_text=view).click()
    page.wait_for_timeout(800)


def trace_names(page) -> list[str]:
    charts = page.locator(".js-plotly-plot:visible")
    charts.first.wait_for()
    return charts.first.evaluate("el => el.data.map(trace => trace.name)")
