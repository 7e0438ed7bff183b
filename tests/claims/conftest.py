"""Shared claims test helpers: sentences from literal texts, their figures, and the token
soups the property tests build sentences from."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

import polars as pl
import pytest
from hypothesis import strategies as st

from framescope import profile, store
from framescope.claims import extract

PROFILE = profile.load()


def sentence_frame(*texts: str, start: int = 0) -> pl.DataFrame:
    """One article ("a") whose sentences are ``texts``, each at offset ``start``."""
    return pl.DataFrame(
        {
            "article_id": ["a"] * len(texts),
            "sentence_idx": list(range(len(texts))),
            "start": [start] * len(texts),
            "text": list(texts),
        },
        schema={
            "article_id": pl.String,
            "sentence_idx": pl.Int32,
            "start": pl.Int64,
            "text": pl.String,
        },
    )


def figures_of(*texts: str, **options: object) -> pl.DataFrame:
    """The figures of one article whose sentences are ``texts``."""
    return extract(sentence_frame(*texts), PROFILE, **options)


def one_figure(text: str, *columns: str, **options: object) -> tuple:
    """``columns`` of the one figure in ``text`` (fails when there is not exactly one)."""
    result = figures_of(text, **options)
    assert result.height == 1, result.select("surface").to_series().to_list()
    return result.select(columns).row(0)


@pytest.fixture(scope="module")
def seeds(seed_build: Path) -> tuple[pl.DataFrame, pl.DataFrame]:
    """The figures of the built seed corpus, extracted from its sentences, and its articles."""
    articles = store.read("articles", seed_build)
    found = extract(store.read("sentences", seed_build), PROFILE, articles=articles)
    return found, articles


TOKENS = [
    "$", "US$", "€", "%", "200", "1,280", "190,27", "3.3", "-", "–", "to", "and", "between",
    "from", "billion", "bn", "m", "dollars", "yuan", "percent", "forty", "a", "dozen",
    "hundred", "one", "double", "tripled", "times", "as", "fold", "trade", "imports",
    "surplus", "rose", "fell", "goal", "will", "in", "2022", "March", "20", "Dec.", "years",
    "old", "(", ")", ",", ".", "G20", "COVID-19", "A12", "point", "said", "according",
    "Reuters", "last", "year", "https://t.co/x1",
]  # fmt: skip
_SCAN_TOKENS = [
    *TOKENS, "the", "The", "between", "Between", "from", "xfrom", "first", "this", "This",
    "next", "previous", "annual", "yearly", "per", "each", "every", "ago", "dozen", "Half",
    "twenty-five", "fifteen", "fifty", "often", "U.S.", "USD", "usd", "EUR", "£", "₽", "−", "—",
    "2022-23", "10:30", "3/20", "2023-03-20", "+7", "(202)", "[3]", ";", ":", "[", "]", "o’clock",
    "aged", "page", "Mar.", "Sept", "May", "may", "and", "through", "quarter", "goals", "plans",
    "reach", "is", "set", "on", "track", "expected", "soared", "year-on-year", "yoy", "compared",
    "while", "But", "although", "followed by", "two-fold", "tenfold", "halve", "imports",
    "current account surplus", "Trade", "UAVs", "ſix", "fİrst", "ıs", "K", "٣", "²", "é",
]  # fmt: skip
_GLUES = ["", " ", " ", "  ", "-", "\xa0", "\t", "\n", ",", ". "]
SCAN_TEXT = st.lists(
    st.tuples(st.sampled_from(_SCAN_TOKENS), st.sampled_from(_GLUES)), max_size=16
).map(lambda parts: "".join(token + glue for token, glue in parts))
"""Texts glued from the words, signs and odd characters the scans and rules look for."""


def matches(found: Iterable[re.Match[str] | None]) -> list[tuple]:
    """What a test compares of regex matches: spans, group names and groups."""
    return [(m.span(), m.lastgroup, m.groups()) for m in found if m is not None]


def write_file(tmp_path: Path, text: str, name: str = "series.csv") -> Path:
    """``text`` written to ``tmp_path / name`` (a reference CSV for a test)."""
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path
