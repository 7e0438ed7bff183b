"""Builds the dashboard tests read: the seeds plus hostile articles, a one-article corpus, and
three articles whose headlines and texts find different things."""

from __future__ import annotations

import html
import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from framescope import config, pipeline
from tests.conftest import SEEDS
from tests.dashboard.browser import CHROMIUM_FLAGS, serve, visit

HOSTILE = (
    " date 2023-03-19 World\n"
    'Xi in Moscow <script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">\n'
    "Xi Jinping met Vladimir Putin <script>window.__xss = 3</script> in Moscow on Sunday. "
    '<img src=x onerror="window.__xss = 4"> The talks were described as friendly.\n'
)
# Outlet names that are markup (issue 13): a JSONL export's source field and an HTML page's
# og:site_name. Each calls alert() if it ever reaches the page as HTML.
STORED = "<img src=x onerror=alert('stored')>"
# trafilatura title-cases a site name that does not start with a capital ("Alert" would not
# run): the capital keeps the name as written.
STORED_OG = "Og<img src=x onerror=alert('og')>"
STORED_JSONL = json.dumps(
    {
        "id": "e1",
        "source": STORED,
        "date": "2023-03-20",
        "text": "President Xi Jinping met Vladimir Putin in Moscow. Putin said the special "
        "military operation in Ukraine would go on.",
    }
)
STORED_HTML = f"""<!doctype html><html lang="en"><head><meta charset="utf-8">
<title>Xi and Putin sign deals</title>
<meta property="og:site_name" content="{html.escape(STORED_OG)}">
<meta property="article:published_time" content="2023-03-21">
</head><body><article><h1>Xi and Putin sign deals</h1>
<p>Xi Jinping and Vladimir Putin signed a statement in Moscow on Tuesday, calling their
partnership a model for the world.</p>
<p>Putin said trade between Russia and China would reach 200 billion dollars this year.</p>
<p>Critics in the West described the visit as a show of support for the war in Ukraine.</p>
</article></body></html>
"""


# Issue 15: what the titles hold differs from what the texts hold. Titles: Putin called a
# dictator (a label), a trade figure, a headline tone far from its article's.
HEADLINES = [
    {
        "id": "h1",
        "source": "Outlet One",
        "date": "2023-03-20",
        "title": "Dictator Putin hosts Xi in Moscow",
        "text": "Chinese President Xi Jinping arrived in Moscow on Monday. Xi was greeted at "
        "the airport. The talks are expected to last three days.",
    },
    {
        "id": "h2",
        "source": "Outlet Two",
        "date": "2023-03-21",
        "title": "Trade between China and Russia hit $190 billion last year, Xi says",
        "text": "Xi Jinping and Vladimir Putin signed a joint statement on Tuesday. Putin "
        "called the partnership a model for the world.",
    },
    {
        "id": "h3",
        "source": "Outlet Two",
        "date": "2023-03-22",
        "title": "A wonderful, happy day for friendship",
        "text": "The visit ended in a terrible, angry dispute over Ukraine. Critics said Xi "
        "gave Putin cover for the war.",
    },
]


@pytest.fixture(scope="session")
def headline_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A JSONL export of the three :data:`HEADLINES` articles, built."""
    raw = tmp_path_factory.mktemp("raw_headlines")
    lines = [json.dumps(article) for article in HEADLINES]
    (raw / "export.jsonl").write_text("\n".join(lines) + "\n", encoding="utf-8")
    out = tmp_path_factory.mktemp("processed_headlines")
    pipeline.build([raw], out=out, progress=False)
    return out


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed corpus plus an article whose title and text carry script and img tags, and two
    articles whose outlet names are markup (:data:`STORED`, :data:`STORED_OG`)."""
    raw = tmp_path_factory.mktemp("raw_hostile") / "raw"
    shutil.copytree(SEEDS, raw)
    (raw / "zz_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    (raw / "zz_stored.jsonl").write_text(STORED_JSONL + "\n", encoding="utf-8")
    (raw / "zz_stored.html").write_text(STORED_HTML, encoding="utf-8")
    out = tmp_path_factory.mktemp("processed_hostile")
    pipeline.build([raw], out=out, progress=False)
    return out


@pytest.fixture(scope="session")
def single_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of one article."""
    raw = tmp_path_factory.mktemp("raw_single")
    shutil.copy(next(SEEDS.glob("004_*.txt")), raw / "only.txt")
    out = tmp_path_factory.mktemp("processed_single")
    pipeline.build([raw], out=out, progress=False)
    return out


@pytest.fixture(scope="session")
def base_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seeds built with a profile that only extends the base: no event date, no
    milestones, no metrics, no reference statistics (issue 16)."""
    folder = tmp_path_factory.mktemp("profile_base")
    profile = folder / "any_event.toml"
    # One role: framing.descriptors.labels fails when no actor has one (reported, issue 16).
    profile.write_text(
        'extends = "base"\n[profile]\nid = "any_event"\ntitle = "Any event"\n'
        '[[actors]]\nid = "xi_jinping"\nname = "Xi Jinping"\nkind = "person"\n'
        'aliases = ["Xi Jinping", "Xi"]\nroles = ["Chinese leader"]\n',
        encoding="utf-8",
    )
    out = tmp_path_factory.mktemp("processed_base")
    pipeline.build([SEEDS], out=out, profile=profile, progress=False)
    return out


OPEC_RAW = config.ROOT / "data" / "raw" / "opec_cut_2023"
OPEC_PROFILE = config.ROOT / "data" / "profiles" / "opec_cut_2023.toml"


@pytest.fixture(scope="session")
def opec_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The second corpus (the OPEC+ cut of April 2023) built with its profile: metrics of
    its own, milestones, no war terms, no reference statistics (issue 16)."""
    out = tmp_path_factory.mktemp("processed_opec")
    pipeline.build([OPEC_RAW], out=out, profile=OPEC_PROFILE, progress=False)
    return out


# -- the browser tests' server and browser (tests/dashboard/browser.py) ----------------------


@pytest.fixture(scope="session")
def server_log(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("server") / "serve.log"


@pytest.fixture(scope="session")
def url(hostile_build: Path, server_log: Path) -> Iterator[str]:
    yield from serve(hostile_build, server_log)


@pytest.fixture(scope="session")
def opec_url(opec_build: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The OPEC+ build served: no reference statistics, no war terms (issue 16)."""
    yield from serve(opec_build, tmp_path_factory.mktemp("server_opec") / "serve.log")


# Per module, not per session: Playwright's sync API keeps an event loop running while its
# browser is open, and tests of other modules (the benchmark harnesses) run their own.
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
    yield visit(context, url)
    context.close()
