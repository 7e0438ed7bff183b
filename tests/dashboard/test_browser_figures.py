"""The figures view in a real browser: every claim drawn and given its verdict, in the chart and
the table, on the hostile seed build (whose outlet names are markup) and on the OPEC+ build
(no official statistics)."""

from __future__ import annotations

import pytest

from framescope.dashboard.state import DataStore
from tests.dashboard.browser import INJECTED, SHOTS, open_view

pytestmark = pytest.mark.browser

# The claims' points: a trace per row, left out of the legend (each outlet's legend entry is a
# trace of its own); with each point, how many reports it stands for.
POINTS = """el => el.data
    .filter(t => t.legend === 'legend' && t.showlegend === false)
    .map(t => [Array.from(t.marker.symbol), t.customdata.map(d => d[7])])"""
TEXTS = "els => els.map(e => e.textContent)"  # SVG text has no innerText
TITLE = "Figures claimed in articles"


def claims_chart(page):
    """The figures view's chart, once drawn (the last tab's may still be showing)."""
    chart = page.locator(".js-plotly-plot:visible", has_text=TITLE).first
    chart.wait_for(timeout=30_000)
    return chart


def test_every_claim_has_its_verdict_in_the_chart_and_the_table(page, hostile_build):
    expected = DataStore(hostile_build).verdicts()
    assert expected.height > 13  # the seeds' 13, and the hostile outlet's $200 billion
    open_view(page, "Trade figures")
    chart = claims_chart(page)
    drawn = chart.evaluate(POINTS)
    # Every claim a point: none of the seeds' reports repeats another of the same outlet.
    assert all(report == "" for _, reports in drawn for report in reports)
    symbols = sorted(s for marks, _ in drawn for s in marks)
    assert symbols == sorted({"matches": "circle", "no reference": "square-open"}[v]
                             for v in expected["verdict"])  # fmt: skip
    # The verdict legend, drawn: each verdict of the build as an entry.
    outlets = chart.locator("text.legendtext").evaluate_all(TEXTS)
    assert "Og<img src=x onerror=alert('og')>" in outlets
    legend = chart.locator("text.legend2text").evaluate_all(TEXTS)
    assert {"matches", "no reference", "stated targets", "China GAC: annual total"} <= set(legend)
    assert any(text.startswith("verdict (matches: within 2%)") for text in
               chart.locator("text.legend2titletext").evaluate_all(TEXTS))  # fmt: skip
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "figures_verdicts.png"))
    # The table: a verdict cell per claim, the key columns first.
    table = page.locator(".tabulator:visible").first
    table.scroll_into_view_if_needed()
    cells = table.locator(".tabulator-cell[tabulator-field='verdict']")
    cells.first.wait_for()
    assert sorted(cells.all_inner_texts()) == sorted(expected["verdict"])
    # Tabulator's own first column (row handles) has a blank title.
    headers = [h for h in table.locator(".tabulator-col-title").all_inner_texts() if h.strip()]
    assert headers[:5] == ["outlet", "claim as written", "period", "official value", "verdict"]
    # The hostile outlet's claim shows its name as text; nothing ran.
    outlets = table.locator(".tabulator-cell[tabulator-field='source']").all_inner_texts()
    assert "Og<img src=x onerror=alert('og')>" in outlets
    assert page.locator(INJECTED).count() == 0
    assert page.dialogs == []
    assert page.console_errors == []
    heading = page.get_by_text("Claims checked against official statistics").first
    heading.evaluate("e => e.scrollIntoView({block: 'start'})")
    page.wait_for_timeout(300)
    page.screenshot(path=str(SHOTS / "figures_table.png"))


def test_a_claims_hover_says_its_verdict_and_why(page):
    open_view(page, "Trade figures")
    chart = claims_chart(page)
    # Breitbart's "200 billion dollars" target for 2023: the first row's point of that outlet.
    chart.evaluate(
        """el => {
            const i = el.data.findIndex(t => t.showlegend === false && t.yaxis === 'y');
            const p = el.data[i].customdata.findIndex(d => d[0] === 'Breitbart News');
            Plotly.Fx.hover(el, [{curveNumber: i, pointNumber: p}], 'xy');
        }"""
    )
    hover = chart.locator(".hoverlayer").text_content()
    assert "200 billion dollars" in hover
    assert "period: 2023 target" in hover
    assert "matches" in hover and "Vladimir Putin" in hover
    chart.screenshot(path=str(SHOTS / "figures_hover.png"))


def test_the_opec_build_keeps_its_figures_per_period(browser, opec_url):
    context = browser.new_context(viewport={"width": 1500, "height": 1000})
    from tests.dashboard.browser import visit

    opec = visit(context, opec_url)
    open_view(opec, "Figures")
    chart = opec.locator(".js-plotly-plot:visible").first
    chart.wait_for()
    names = chart.evaluate("el => el.data.map(t => t.name)")
    assert "Oil output cut (barrels per day)" in names
    assert not {"matches", "no reference"} & set(names)
    assert opec.locator("text", has_text="Claims ledger").count() == 0  # markdown, not SVG
    assert opec.get_by_text("Claims ledger").first.is_visible()
    assert opec.console_errors == []
    opec.screenshot(path=str(SHOTS / "figures_opec.png"), full_page=True)
    context.close()
