"""The framing view in Chromium: names on the charts, and the sentences behind a click shown
where it was clicked, in view, wrapped. Screenshots go to build/test-output/dashboard/."""

from __future__ import annotations

import re

import pytest

from tests.dashboard.browser import SHOTS, open_view, visit

pytestmark = pytest.mark.browser

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")
VIEWPORT = {"width": 1500, "height": 1000}


@pytest.fixture
def framing(browser, url):
    context = browser.new_context(viewport=VIEWPORT)
    shown = visit(context, url)
    open_view(shown, "Framing")
    shown.locator(".js-plotly-plot:visible .main-svg").first.wait_for()
    yield shown
    context.close()


def _charts(page):
    return page.locator(".js-plotly-plot:visible")


def _evidence(page, clicked: str):
    """The evidence table shown after a click, once its header names what was clicked."""
    page.locator("b", has_text=clicked).first.wait_for(timeout=15_000)
    table = page.locator(".tabulator:visible").first
    table.locator(".tabulator-row").first.wait_for(timeout=15_000)
    page.wait_for_timeout(1200)  # the smooth scroll
    return table


def _assert_readable(page, table) -> None:
    box = table.bounding_box()
    assert box is not None
    assert 0 <= box["y"] < VIEWPORT["height"] - 150, box  # its first rows are on screen
    cells = table.locator(".tabulator-cell[tabulator-field='text']")
    sizes = cells.evaluate_all(
        """cells => cells.map(cell => ({
            chars: cell.textContent.length,
            height: cell.getBoundingClientRect().height,
            line: parseFloat(getComputedStyle(cell).lineHeight),
            cut: cell.scrollWidth > cell.clientWidth + 1,
        }))"""
    )
    longest = max(sizes, key=lambda size: size["chars"])
    assert longest["chars"] > 120, sizes  # a sentence that cannot fit one line
    assert longest["height"] > 1.8 * longest["line"], longest  # wrapped: two lines or more
    assert not any(size["cut"] for size in sizes), sizes
    # Tabulator's own first column (row selection) has no title; the outlet, named in the
    # header above, is hidden.
    titles = table.locator(".tabulator-col:visible .tabulator-col-title").all_text_contents()
    headers = [title for title in titles if title.strip()]
    assert headers[0] == "date" and "sentence" in headers[1:3], headers
    assert headers[-2:] == ["article id", "sentence no."], headers
    assert not [header for header in headers if SNAKE.search(header)], headers


def test_framing_charts_show_names_not_ids(framing):
    texts = _charts(framing).locator("text").all_text_contents()
    assert "special military operation" in texts
    assert "Western officials" in texts
    result = sorted({text for text in texts if SNAKE.search(text)})
    assert result == []
    # The legends lie below their charts, across: none scrolls.
    scrollbars = framing.locator(".js-plotly-plot:visible .legend .scrollbar").evaluate_all(
        "bars => bars.map(bar => bar.getBoundingClientRect().height)"
    )
    assert scrollbars and not any(scrollbars), scrollbars  # plotly draws them empty
    assert framing.console_errors == []


def test_a_heatmap_click_shows_its_sentences_under_it_in_view(framing):
    heatmap = _charts(framing).first
    trace = heatmap.evaluate(
        "el => ({x: el.data[0].x, y: el.data[0].y, z: el.data[0].z, ids: el.data[0].meta.x})"
    )
    # The outlet x frame cell with the most cues' share: sentences to show.
    row, column = max(
        ((r, c) for r, values in enumerate(trace["z"]) for c, _ in enumerate(values)),
        key=lambda cell: trace["z"][cell[0]][cell[1]] or 0,
    )
    area = heatmap.locator(".nsewdrag").first.bounding_box()
    assert area is not None
    x = area["x"] + (column + 0.5) * area["width"] / len(trace["x"])
    y = area["y"] + (row + 0.5) * area["height"] / len(trace["y"])  # outlets top-down
    framing.mouse.click(x, y)
    frame = trace["x"][column].replace("<br>", " ")
    table = _evidence(framing, frame)
    _assert_readable(framing, table)
    header = framing.locator("div", has_text=re.compile(r"sentences: frame")).last.inner_text()
    assert frame in header and trace["y"][row] in header and " of its " in header
    SHOTS.mkdir(parents=True, exist_ok=True)
    framing.screenshot(path=str(SHOTS / "framing_evidence_heatmap.png"))
    assert framing.console_errors == []


def test_a_bar_click_far_down_scrolls_its_sentences_into_view(framing):
    war = _charts(framing).nth(2)
    # The chart's foot at the window's foot: what opens under it starts out of view.
    war.evaluate("el => el.scrollIntoView({block: 'end'})")
    framing.wait_for_timeout(500)
    below = war.bounding_box()
    assert below is not None and below["y"] + below["height"] >= VIEWPORT["height"] - 5
    bars = war.locator("g.trace.bars").first.locator("g.point path")
    widths = bars.evaluate_all("paths => paths.map(p => p.getBoundingClientRect().width)")
    bar = bars.nth(max(range(len(widths)), key=widths.__getitem__))  # the widest first-term bar
    name = war.evaluate("el => el.data[0].name")
    box = bar.bounding_box()
    assert box is not None
    framing.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    table = _evidence(framing, name)
    _assert_readable(framing, table)
    # Under its own chart: below the war chart, above the voices chart.
    war_box, voices_box = war.bounding_box(), _charts(framing).nth(3).bounding_box()
    table_box = table.bounding_box()
    assert war_box and voices_box and table_box
    assert war_box["y"] + war_box["height"] <= table_box["y"] < voices_box["y"]
    framing.screenshot(path=str(SHOTS / "framing_evidence_bar.png"))
    assert framing.console_errors == []
