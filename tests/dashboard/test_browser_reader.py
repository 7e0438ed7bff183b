"""The reader in a real browser (the hostile seed build served): an article opened from the
list shows its paragraphs, a legend for the tone tint, and its actors in different colours."""

from __future__ import annotations

import pytest

from tests.dashboard.browser import INJECTED, SHOTS, open_view

pytestmark = pytest.mark.browser

# Both paragraphs and Xi and Putin named (seed 004, NBC News, 18 March 2023).
OUTLET = "NBC News"


def open_article(page, outlet: str):
    open_view(page, "Articles")
    page.locator(".tabulator-row", has_text=outlet).first.click()
    article = page.locator(".fs-article")
    article.wait_for(timeout=10_000)
    return article


def test_an_article_reads_in_paragraphs_under_its_legends(page):
    article = open_article(page, OUTLET)
    paragraphs = article.locator("p.fs-paragraph")
    assert paragraphs.count() > 1
    first, second = paragraphs.nth(0).bounding_box(), paragraphs.nth(1).bounding_box()
    assert second["y"] >= first["y"] + first["height"]  # one below the other, not run together
    legend = page.locator(".fs-tone-legend")
    assert "multilex score" in legend.inner_text()
    assert "strongly negative" in legend.inner_text() and "no tint" in legend.inner_text()
    assert legend.bounding_box()["y"] < paragraphs.nth(0).bounding_box()["y"]  # above the text
    tinted = article.locator(".fs-sentence").evaluate_all(
        "spans => spans.map(s => getComputedStyle(s).backgroundColor)"
    )
    assert any(colour.startswith("rgba(214, 39, 40") for colour in tinted)  # a negative one
    page.locator(".fs-legends").scroll_into_view_if_needed()
    page.screenshot(path=str(SHOTS / "reader_article.png"), full_page=True)
    assert page.console_errors == []


def test_actors_are_marked_in_different_colours_named_in_the_legend(page):
    article = open_article(page, OUTLET)
    marks = article.locator("mark.fs-actor").evaluate_all(
        "marks => marks.map(m => [m.title, getComputedStyle(m).borderBottomColor,"
        " getComputedStyle(m).backgroundColor])"
    )
    colours = {title: colour for title, colour, _ in marks}
    assert colours["Xi Jinping"] != colours["Vladimir Putin"]
    assert all(background == "rgba(0, 0, 0, 0)" for *_, background in marks)  # the tint shows
    legend = page.locator(".fs-actor-legend").inner_text()
    assert "Xi Jinping" in legend and "Vladimir Putin" in legend
    assert "xi_jinping" not in legend and "vladimir_putin" not in legend
    keys = page.locator(".fs-actor-key").evaluate_all(
        "keys => keys.map(k => [k.innerText, getComputedStyle(k.firstElementChild)"
        ".borderBottomColor])"
    )
    legend_colours = {text.split(" (")[0].strip(): colour for text, colour in keys}
    assert legend_colours["Xi Jinping"] == colours["Xi Jinping"]
    assert legend_colours["Vladimir Putin"] == colours["Vladimir Putin"]


def test_the_list_leads_with_outlet_date_and_title_and_hides_ids(page):
    open_view(page, "Articles")
    headers = page.locator(".tabulator-col:visible .tabulator-col-title").all_inner_texts()
    assert [h.strip() for h in headers[:3]] == ["Outlet", "Date", "Title"]
    assert "article_id" not in " ".join(headers) and "Article id" not in headers
    rows = page.locator(".tabulator-row:visible").all_inner_texts()
    assert any("(untitled)" in row for row in rows)
    page.screenshot(path=str(SHOTS / "reader_list.png"), full_page=True)


def test_hostile_text_keeps_its_lines_as_text(page):
    open_view(page, "Articles")
    page.locator(".tabulator-row", has_text="Xi in Moscow <script>").first.click()
    article = page.locator(".fs-article")
    article.wait_for(timeout=10_000)
    assert "<script>window.__xss = 3</script>" in article.inner_text()
    assert page.locator(INJECTED).count() == 0
    assert page.evaluate("() => window.__xss") is None
