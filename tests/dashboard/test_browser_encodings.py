"""Issue 17 in a real browser: an outlet keeps its colour through filters and tabs, and no view
shows a snake_case id at the default filters."""

from __future__ import annotations

import re

import pytest

from tests.dashboard.browser import SHOTS, VIEWS, open_view

pytestmark = pytest.mark.browser

# An id as the build stores it: lowercase words joined by underscores ("xi_jinping",
# "special_military_operation"). Names people read have none.
SNAKE_CASE = re.compile(r"\b[a-z0-9]+(?:_[a-z0-9]+)+\b")
# Article text is the build's, not ours: the hostile build's articles hold none of these, but
# the reader shows whatever an article says, so it is left out of the check.
UNCHECKED = ("Articles",)


def _outlet_colours(page) -> dict[str, str]:
    """Each outlet trace's colour in the visible chart (bars: marker, lines: line)."""
    chart = page.locator(".js-plotly-plot:visible").first
    chart.wait_for()
    return chart.evaluate(
        """el => Object.fromEntries(el.data
            .filter(t => t.showlegend !== false && t.name)
            .map(t => [t.name, (t.marker && t.marker.color) || (t.line && t.line.color)]))"""
    )


def _outlet_chips(page) -> list[str]:
    return page.locator(".choices__list--multiple .choices__item").all_inner_texts()


def test_an_outlet_keeps_its_colour_through_filters_and_tabs(page):
    open_view(page, "Overview")
    before = _outlet_colours(page)
    assert len(set(before.values())) == len(before)  # one colour per outlet
    first = _outlet_chips(page)[0].removesuffix("Remove item").strip()
    page.locator(".choices__button").first.click()  # the first outlet out
    page.wait_for_timeout(1500)
    without = _outlet_colours(page)
    assert first not in without
    assert without == {name: before[name] for name in without}
    page.locator(".choices__input--cloned").first.click()  # and back in
    page.locator(".choices__item--choice", has_text=first).first.click()
    page.keyboard.press("Escape")
    page.wait_for_timeout(1500)
    assert _outlet_colours(page) == before
    open_view(page, "Sentiment")
    tone = _outlet_colours(page)
    shared = set(tone) & set(before)
    assert shared
    assert {name: tone[name] for name in shared} == {name: before[name] for name in shared}
    assert page.console_errors == []


def test_no_view_shows_a_snake_case_id_at_the_default_filters(page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    found: dict[str, set[str]] = {}
    for view in VIEWS:
        open_view(page, view)
        if view in UNCHECKED:
            continue
        # Locators pierce Panel's shadow roots; SVG text (legends, titles, ticks) included.
        content = "els => els.map(el => el.textContent || '')"
        drawn = page.locator(".js-plotly-plot:visible text").evaluate_all(content)
        assert any(text.strip() for text in drawn), view  # the check reads the charts' text
        texts = [*page.get_by_text(SNAKE_CASE).evaluate_all(content), *drawn]
        ids = {match for text in texts for match in SNAKE_CASE.findall(text)}
        if ids:
            found[view] = ids
        page.screenshot(
            path=str(SHOTS / f"names_{view.lower().replace(' ', '_')}.png"), full_page=True
        )
    assert found == {}
