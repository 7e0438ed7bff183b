"""The served dashboard in a real browser: Debian's Chromium driven by Playwright.

The server runs `framescope serve` on a free localhost port; screenshots of every view go to
build/test-output/dashboard/.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from framescope import config

pytestmark = pytest.mark.browser
SHOTS = config.ROOT / "build" / "test-output" / "dashboard"
VIEWS = ("Overview", "Mentions", "Sentiment", "Framing", "Trade figures", "Articles")
CHROMIUM_FLAGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.fixture(scope="module")
def url(hostile_build: Path) -> Iterator[str]:
    port = _free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "framescope.cli", "serve", "--data", str(hostile_build),
         "--port", str(port)],
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env={**os.environ, "CI": "true"},
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
                pytest.fail(f"the server exited: {server.stdout.read().decode()}")
            time.sleep(0.5)
    else:
        server.kill()
        pytest.fail("the dashboard did not answer within 90 s")
    yield address
    server.terminate()
    server.wait(timeout=20)


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    executable = shutil.which("chromium")
    if executable is None:
        pytest.fail("Chromium is not installed: run 'make chromium' (Debian's package)")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_FLAGS)
        yield launched
        launched.close()


@pytest.fixture
def page(browser, url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    opened = context.new_page()
    opened.console_errors = []
    opened.on(
        "console", lambda m: opened.console_errors.append(m.text) if m.type == "error" else None
    )
    opened.on("pageerror", lambda e: opened.console_errors.append(str(e)))
    opened.goto(url, timeout=90_000)
    opened.locator(".js-plotly-plot").first.wait_for(timeout=90_000)
    yield opened
    context.close()


def _open(page, view: str) -> None:
    page.locator(".bk-tab", has_text=view).click()
    page.wait_for_timeout(800)


def _traces(page) -> list[str]:
    charts = page.locator(".js-plotly-plot:visible")
    charts.first.wait_for()
    return charts.first.evaluate("el => el.data.map(trace => trace.name)")


def test_every_view_renders_a_chart_without_console_errors(page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for view in VIEWS:
        _open(page, view)
        if view == "Articles":
            assert page.locator(".tabulator:visible").count() >= 1
        else:
            assert page.locator(".js-plotly-plot:visible .main-svg").count() > 0
        page.screenshot(path=str(SHOTS / f"{view.lower().replace(' ', '_')}.png"), full_page=True)
    assert page.console_errors == []


def test_outlet_filter_changes_the_chart(page):
    _open(page, "Mentions")
    before = _traces(page)
    page.locator(".choices__button").first.click()  # remove the first outlet chip
    page.wait_for_timeout(1500)
    after = _traces(page)
    assert len(after) < len(before)
    assert page.console_errors == []


def test_filters_sync_to_the_url(browser, url):
    context = browser.new_context()
    shared = context.new_page()
    shared.goto(url + '?outlets=["NBC News"]&actors=["xi_jinping"]', timeout=90_000)
    shared.locator(".js-plotly-plot").first.wait_for(timeout=90_000)
    _open(shared, "Mentions")
    assert _traces(shared) == ["xi_jinping · NBC News"]
    context.close()


def test_hostile_article_executes_nothing(page):
    _open(page, "Articles")
    row = page.locator(".tabulator-row", has_text="Xi in Moscow <script>").first
    row.wait_for(timeout=10_000)  # the title is shown as text, tags and all
    row.click()
    page.get_by_text("window.__xss = 3").first.wait_for(timeout=10_000)
    page.screenshot(path=str(SHOTS / "hostile_article.png"), full_page=True)
    assert page.evaluate("() => window.__xss") is None
    assert page.console_errors == []
