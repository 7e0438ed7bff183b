"""The Compare view in a real browser (issue 17): outlets side by side on the chosen actor, names
as text, a legend under each panel that never scrolls, small samples marked."""

from __future__ import annotations

import re

import pytest

from framescope import safe
from tests.dashboard.browser import INJECTED, SHOTS, open_view
from tests.dashboard.conftest import STORED, STORED_OG

pytestmark = pytest.mark.browser

SNAKE_CASE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")


def _open_compare(page) -> None:
    if not page.locator(".bk-tab", has_text="Compare").count():
        pytest.skip("Compare not yet in app.VIEWS")
    open_view(page, "Compare")
    page.wait_for_timeout(1500)


def _chart(page):
    chart = page.locator(".js-plotly-plot:visible").first
    chart.wait_for()
    return chart


def test_compare_shows_every_outlet_side_by_side_as_text(page):
    _open_compare(page)
    chart = _chart(page)
    outlets = chart.evaluate("el => el.layout.yaxis.categoryarray")
    assert safe.escape(STORED) in outlets and safe.escape(STORED_OG) in outlets
    # The outlet axis shows the markup as characters, and none of it became an element.
    ticks = chart.evaluate(
        "el => Array.from(el.querySelectorAll('.ytick text')).map(t => t.textContent)"
    )
    assert STORED in ticks and STORED_OG in ticks
    assert page.locator(INJECTED).count() == 0
    assert page.dialogs == []
    titles = chart.evaluate(
        "el => Array.from(el.querySelectorAll('.annotation-text')).map(t => t.textContent)"
    )
    for title in ("Tone", "Labels for Xi Jinping", "War naming", "Voices quoted", "Frames",
                  "Numeric claims"):  # fmt: skip
        assert any(text.startswith(title) for text in titles)
    # Tall enough for the whole chart: the chart's own box is the pane's first height.
    page.set_viewport_size({"width": 1400, "height": 1500})
    page.wait_for_timeout(1000)
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "compare.png"))
    assert page.console_errors == []


def test_compare_legends_do_not_scroll_and_small_samples_are_marked(page):
    _open_compare(page)
    chart = _chart(page)
    legends = chart.evaluate(
        """el => Array.from(el.querySelectorAll('g'))
            .filter(g => /^legend\\d*$/.test(g.getAttribute('class') || ''))
            .map(g => {
                const bar = g.querySelector('rect.scrollbar');
                return {entries: g.querySelectorAll('g.traces').length,
                        scroll: bar ? Number(bar.getAttribute('height') || 0) : 0};
            })"""
    )
    assert len(legends) == 5  # labels, war naming, voices, frames, claims
    assert all(legend["entries"] > 0 for legend in legends)
    assert all(legend["scroll"] == 0 for legend in legends)
    # One article per outlet in this build: every tone point hollow, every row says why.
    texts = chart.evaluate(
        "el => el.data.filter(t => t.mode === 'text' && (t.xaxis || 'x') === 'x')"
        ".flatMap(t => t.text)"
    )
    assert texts and all(text.endswith("no interval") for text in texts)
    symbols = chart.evaluate(
        "el => el.data.filter(t => t.mode === 'markers').flatMap(t => t.marker.symbol)"
    )
    assert set(symbols) == {"circle-open"}


def test_compare_shows_names_not_ids(page):
    _open_compare(page)
    shown = _chart(page).evaluate(
        "el => Array.from(el.querySelectorAll('text')).map(t => t.textContent).join(' | ')"
    )
    assert "special military operation" in shown or "invasion" in shown
    assert SNAKE_CASE.findall(shown) == []
