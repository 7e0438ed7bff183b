"""Take the README's screenshots of the dashboard on the seed build: `make screenshots`.

Serves ``data/processed`` (``make build`` first) with ``framescope serve`` on a free port, opens
it in Debian's Chromium at 1500x1000 and saves one picture per step of the README's "Start
here" walkthrough into ``docs/start/``, plus ``docs/dashboard.png``.
"""

from __future__ import annotations

import shutil
import sys
from pathlib import Path

from playwright.sync_api import sync_playwright

from framescope import config
from tests.dashboard.browser import CHROMIUM_FLAGS, open_view, serve

OUT = config.ROOT / "docs" / "start"
# step file name: (tab, what to click after opening it, or None)
STEPS = {
    "1_overview": ("Overview", None),
    "2_compare": ("Compare", None),
    "3_mentions": ("Mentions", ".js-plotly-plot:visible .scatterlayer .point"),
    "4_framing": ("Framing", ".js-plotly-plot:visible .heatmaplayer"),
    "5_trade_figures": ("Trade figures", None),
}


def main(build: Path = config.PROCESSED) -> None:
    """Serve ``build`` and save the walkthrough's screenshots."""
    OUT.mkdir(parents=True, exist_ok=True)
    log = config.ROOT / "build" / "screenshots-serve.log"
    log.parent.mkdir(parents=True, exist_ok=True)
    server = serve(build, log)
    address = next(server)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=shutil.which("chromium"), args=CHROMIUM_FLAGS
            )
            page = browser.new_page(viewport={"width": 1500, "height": 1000})
            page.goto(address, timeout=90_000)
            page.locator(".js-plotly-plot").first.wait_for(timeout=90_000)
            for name, (tab, click) in STEPS.items():
                open_view(page, tab)
                page.wait_for_timeout(1500)
                if click is not None:
                    page.locator(click).first.click(force=True)
                    page.wait_for_timeout(2500)
                page.screenshot(path=str(OUT / f"{name}.png"))
            open_view(page, "Sentiment")
            page.wait_for_timeout(1500)
            page.screenshot(path=str(config.ROOT / "docs" / "dashboard.png"))
            browser.close()
    finally:
        next(server, None)  # the generator goes on past its yield: it stops the server


if __name__ == "__main__":
    main(Path(sys.argv[1]) if len(sys.argv) > 1 else config.PROCESSED)
