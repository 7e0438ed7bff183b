from __future__ import annotations

import datetime as dt
import logging
from collections.abc import Iterator
from pathlib import Path

import polars as pl
import pytest
import trafilatura
from polars.testing import assert_frame_equal

from framescope.ingest.html import read_html
from framescope.ingest.records import raw_record, records_frame, rejects_frame

ARTICLE = """<!DOCTYPE html>
<html lang="en">
<head>
  <title>Xi arrives in Moscow for state visit | Example News</title>
  <meta property="og:title" content="Xi arrives in Moscow for state visit">
  <meta property="og:site_name" content="Example News">
  <meta property="og:url" content="https://www.example.com/world/xi-arrives-moscow">
  <meta property="article:published_time" content="2023-03-17T10:00:00Z">
  <script>window.dataLayer = []; var tracker = "SCRIPT-MUST-NOT-APPEAR";</script>
</head>
<body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li>
  <li><a href="/politics">Politics</a></li></ul></nav>
  <div class="cookie-banner">We use cookies to improve your experience. Accept all cookies.</div>
  <article>
    <h1>Xi arrives in Moscow for state visit</h1>
    <p>Chinese President Xi Jinping arrived in Moscow on Monday for a three-day state visit,
    his first trip abroad since securing a third term.</p>
    <p>The Kremlin said the two leaders would discuss a comprehensive partnership and sign
    several agreements on trade and energy cooperation.</p>
    <p>Western officials have urged Beijing to press Moscow to end the war in Ukraine.</p>
  </article>
  <footer><p>Copyright 2023 Example News. All rights reserved.</p>
  <a href="/privacy">Privacy policy</a></footer>
</body>
</html>"""

ARTICLE_TEXT = (
    "Xi arrives in Moscow for state visit\n\n"
    "Chinese President Xi Jinping arrived in Moscow on Monday for a three-day state visit, "
    "his first trip abroad since securing a third term.\n\n"
    "The Kremlin said the two leaders would discuss a comprehensive partnership and sign "
    "several agreements on trade and energy cooperation.\n\n"
    "Western officials have urged Beijing to press Moscow to end the war in Ukraine."
)

NO_ARTICLE = """<html><head><title>Example News</title></head><body>
  <nav><ul><li><a href="/">Home</a></li><li><a href="/world">World</a></li></ul></nav>
  <div class="cookie-banner">We use cookies. Accept all.</div>
  <footer><p>Copyright 2023</p></footer>
</body></html>"""


def page(body: str, head: str = "") -> str:
    return f"<html><head>{head}</head><body>{body}</body></html>"


@pytest.fixture(autouse=True)
def quiet_trafilatura() -> Iterator[None]:
    # trafilatura logs an error for every page it cannot parse; the rejects already say so.
    loggers = [logging.getLogger(name) for name in ("trafilatura", "htmldate")]
    levels = [logger.level for logger in loggers]
    for logger in loggers:
        logger.setLevel(logging.CRITICAL)
    yield
    for logger, level in zip(loggers, levels, strict=True):
        logger.setLevel(level)


def test_article_text_and_metadata() -> None:
    path = Path("raw/xi.html")
    result = read_html(path, ARTICLE)
    expected = records_frame(
        [
            raw_record(
                "raw/xi.html",
                ARTICLE_TEXT,
                title="Xi arrives in Moscow for state visit",
                published=dt.date(2023, 3, 17),
                date_origin="metadata",
                url="https://www.example.com/world/xi-arrives-moscow",
                source="Example News",
            )
        ]
    )
    assert_frame_equal(result.records, expected)
    assert_frame_equal(result.rejects, rejects_frame([]))


@pytest.mark.parametrize(
    "boilerplate",
    ["SCRIPT-MUST-NOT-APPEAR", "dataLayer", "cookies", "Copyright", "Privacy", "Home"],
)
def test_boilerplate_is_left_out(boilerplate: str) -> None:
    result = read_html(Path("xi.html"), ARTICLE).records["text"][0]
    assert boilerplate not in result


def test_line_breaks_inside_a_paragraph_stay_single() -> None:
    body = (
        "<article><p>Xi Jinping met Vladimir Putin in the Kremlin.<br>"
        "The talks lasted four and a half hours.</p>"
        "<p>They signed a joint statement on Tuesday.</p>"
        "<ul><li>Trade in yuan</li><li>Power of Siberia 2</li></ul></article>"
    )
    result = read_html(Path("a.html"), page(body)).records["text"].to_list()
    expected = [
        "Xi Jinping met Vladimir Putin in the Kremlin.\n"
        "The talks lasted four and a half hours.\n\n"
        "They signed a joint statement on Tuesday.\n\n"
        "- Trade in yuan\n- Power of Siberia 2"
    ]
    assert result == expected


def test_a_short_article_is_kept() -> None:
    body = (
        "<nav><a href='/'>Home</a></nav><article><p>Xi Jinping will visit Moscow from "
        "March 20 to 22, the Chinese foreign ministry said.</p></article>"
    )
    result = read_html(Path("brief.html"), page(body)).records["text"].to_list()
    assert result == [
        "Xi Jinping will visit Moscow from March 20 to 22, the Chinese foreign ministry said."
    ]


def test_a_date_in_the_markup_beats_the_url() -> None:
    head = (
        '<meta property="article:published_time" content="2023-03-17T10:00:00Z">'
        '<link rel="canonical" href="https://example.com/world/2023/03/20/xi">'
    )
    body = "<article><p>Xi Jinping will visit Moscow next week, Beijing confirmed.</p></article>"
    result = read_html(Path("a.html"), page(body, head)).records.select("published", "date_origin")
    expected = pl.DataFrame({"published": [dt.date(2023, 3, 17)], "date_origin": ["metadata"]})
    assert_frame_equal(result, expected)


def test_a_date_only_in_the_url_is_inferred() -> None:
    head = '<link rel="canonical" href="https://www.example.com/world/2023/03/20/xi-putin">'
    body = "<article><p>Xi Jinping and Vladimir Putin met in the Kremlin for talks.</p></article>"
    result = read_html(Path("a.html"), page(body, head)).records
    expected = pl.DataFrame(
        {
            "published": [dt.date(2023, 3, 20)],
            "date_origin": ["inferred"],
            "source": ["example.com"],
        }
    )
    assert_frame_equal(result.select("published", "date_origin", "source"), expected)


def test_no_date_anywhere_is_unknown() -> None:
    body = "<article><p>Xi Jinping and Vladimir Putin met in the Kremlin for talks.</p></article>"
    result = read_html(Path("a.html"), page(body)).records.select("published", "date_origin")
    expected = pl.DataFrame(
        {"published": [None], "date_origin": ["unknown"]},
        schema={"published": pl.Date(), "date_origin": pl.String()},
    )
    assert_frame_equal(result, expected)


@pytest.mark.parametrize(
    "html",
    [
        NO_ARTICLE,
        "",
        "   ",
        "<",
        "<html></html>",
        "\x00\x01\x02 <<<>>> %%%",
        "plain words, no markup",
    ],
)
def test_pages_without_article_text_are_rejected(html: str) -> None:
    result = read_html(Path("x.html"), html)
    expected = rejects_frame(
        [{"path": "x.html", "reason": "no_text", "detail": "no article text found in the page"}]
    )
    assert_frame_equal(result.records, records_frame([]))
    assert_frame_equal(result.rejects, expected)


def test_a_trafilatura_failure_is_unparseable(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object, **__: object) -> None:
        msg = "lxml: Document is empty"
        raise ValueError(msg)

    monkeypatch.setattr(trafilatura, "bare_extraction", broken)
    result = read_html(Path("x.html"), ARTICLE)
    detail = "trafilatura could not parse the page: ValueError('lxml: Document is empty')"
    expected = rejects_frame([{"path": "x.html", "reason": "unparseable", "detail": detail}])
    assert_frame_equal(result.records, records_frame([]))
    assert_frame_equal(result.rejects, expected)
