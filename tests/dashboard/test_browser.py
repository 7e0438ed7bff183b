"""The served dashboard in a real browser: Debian's Chromium driven by Playwright.

The server runs `framescope serve` on a free localhost port, for the hostile build (markup in
titles, text and outlet names) and for the OPEC+ build (no reference statistics, no war terms);
screenshots of every view go to build/test-output/dashboard/.
"""

from __future__ import annotations

import json
import urllib.error
import urllib.request
from urllib.parse import unquote_plus, urlencode, urlsplit

import pytest

from tests.dashboard.browser import (
    INJECTED,
    PAYLOADS,
    SHOTS,
    VIEWS,
    open_view,
    trace_names,
    visit,
)
from tests.dashboard.conftest import STORED, STORED_OG

pytestmark = pytest.mark.browser


def test_every_view_renders_a_chart_without_console_errors(page):
    SHOTS.mkdir(parents=True, exist_ok=True)
    for view in VIEWS:
        open_view(page, view)
        if view == "Articles":
            assert page.locator(".tabulator:visible").count() >= 1
        else:
            assert page.locator(".js-plotly-plot:visible .main-svg").count() > 0
        page.screenshot(path=str(SHOTS / f"{view.lower().replace(' ', '_')}.png"), full_page=True)
    assert page.console_errors == []


def test_outlet_filter_changes_the_chart(page):
    open_view(page, "Mentions")
    before = trace_names(page)
    page.locator(".choices__button").first.click()  # remove the first outlet chip
    page.wait_for_timeout(1500)
    after = trace_names(page)
    assert len(after) < len(before)
    assert page.console_errors == []


def test_filters_sync_to_the_url(browser, url):
    context = browser.new_context()
    shared = context.new_page()
    shared.goto(url + '?outlets=["NBC News"]&actors=["xi_jinping"]', timeout=90_000)
    shared.locator(".js-plotly-plot").first.wait_for(timeout=90_000)
    open_view(shared, "Mentions")
    assert trace_names(shared) == ["NBC News"]  # one panel, Xi Jinping's: lines are outlets
    context.close()


def test_the_field_switches_the_charts_and_the_link(browser, url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    shared = visit(context, url + "?field=title")
    open_view(shared, "Mentions")
    title = "el => el.layout.title.text"
    assert shared.locator(".js-plotly-plot:visible").first.evaluate(title).startswith("Headlines")
    shared.screenshot(path=str(SHOTS / "mentions_in_headlines.png"), full_page=True)
    button = shared.locator("button", has_text="Article text").first
    button.hover()  # the tooltip says what the field leaves alone
    shared.get_by_text("Frames, war terms, quotes").first.wait_for(timeout=10_000)
    button.click()
    shared.wait_for_timeout(1500)
    assert shared.locator(".js-plotly-plot:visible").first.evaluate(title) == "Mentions over time"
    assert "field=title" not in shared.evaluate("() => window.location.search")
    assert shared.console_errors == []
    context.close()


def test_hostile_article_executes_nothing(page):
    open_view(page, "Articles")
    row = page.locator(".tabulator-row", has_text="Xi in Moscow <script>").first
    row.wait_for(timeout=10_000)  # the title is shown as text, tags and all
    row.click()
    page.get_by_text("window.__xss = 3").first.wait_for(timeout=10_000)
    page.screenshot(path=str(SHOTS / "hostile_article.png"), full_page=True)
    assert page.evaluate("() => window.__xss") is None
    assert page.console_errors == []


def test_outlet_names_that_are_markup_show_as_text_and_run_nothing(page):
    for view in VIEWS:
        open_view(page, view)
    assert page.dialogs == []
    assert page.locator(INJECTED).count() == 0
    assert page.locator(".choices__item", has_text=STORED).count() > 0  # the outlet chip
    # Its title: the claims ledger (another tab) has rows of that outlet too.
    page.locator(".tabulator-row", has_text="Xi and Putin sign deals").first.click()
    page.locator("i", has_text=f"{STORED_OG} · 2023-03-21").wait_for(timeout=10_000)  # reader
    assert page.dialogs == []
    assert page.locator(INJECTED).count() == 0
    assert page.console_errors == []


def test_link_values_the_build_lacks_are_named_as_text_and_run_nothing(browser, url):
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    query = {
        "outlets": json.dumps([PAYLOADS["outlets"]]),
        "actors": json.dumps([PAYLOADS["actors"]]),
        "actor": PAYLOADS["actor"],
    }
    shared = visit(context, f"{url}?{urlencode(query)}")
    for view in VIEWS:
        open_view(shared, view)
    assert shared.dialogs == []
    assert shared.locator(INJECTED).count() == 0
    notice = shared.get_by_text("This link asks for values this build does not have")
    assert f"outlets: {PAYLOADS['outlets']}" in notice.inner_text()
    assert f"actor: {PAYLOADS['actor']}" in notice.inner_text()
    link = unquote_plus(shared.evaluate("() => window.location.search"))
    assert not any(payload in link for payload in PAYLOADS.values())  # gone from the link too
    context.close()


def test_no_request_leaves_this_machine(page):
    for view in VIEWS:
        open_view(page, view)
    page.locator(".tabulator-row").first.click()
    page.wait_for_timeout(1000)
    fetched = [urlsplit(address) for address in page.requests]
    hosts = {address.hostname for address in fetched if address.scheme in ("http", "https")}
    assert hosts == {"127.0.0.1"}


def test_the_component_route_imports_nothing(url, server_log):
    # Panel's handler imports the module a URL names before it looks for the file; the
    # second is a file Panel itself would serve from there.
    for path in (
        "components/this/x/_css/y",
        "components/panel.template.bootstrap/BootstrapTemplate/_css/bootstrap.css",
    ):
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url + path, timeout=10)
        assert refused.value.code == 404
    assert "Beautiful is better than ugly" not in server_log.read_text()  # `import this`


@pytest.mark.slow  # a second build and server
def test_a_build_without_reference_or_war_terms_opens_every_tab(browser, opec_url):
    # Issue 16: the figures tab is "Figures"; no tab is blank without a line saying why.
    context = browser.new_context(viewport={"width": 1400, "height": 1000})
    shown = visit(context, opec_url)
    assert shown.locator(".bk-tab", has_text="Trade figures").count() == 0
    for view in ("Overview", "Mentions", "Sentiment", "Framing", "Figures", "Articles"):
        open_view(shown, view)
        if view == "Articles":
            assert shown.locator(".tabulator:visible").count() >= 1
        else:
            assert shown.locator(".js-plotly-plot:visible .main-svg").count() > 0
        if view == "Framing":
            shown.get_by_text("the profile names no war or issue terms").first.wait_for(
                timeout=10_000
            )
        if view == "Figures":
            shown.locator(".tabulator-row:visible").first.wait_for(timeout=10_000)  # the ledger
        shown.screenshot(path=str(SHOTS / f"opec_{view.lower()}.png"), full_page=True)
    assert shown.console_errors == []
    context.close()
