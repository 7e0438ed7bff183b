"""The candidate search passes by sentences only when they hold no figure."""

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from framescope.claims import candidates
from framescope.claims.extract import _figures_in
from framescope.claims.matching import Matcher
from tests.claims.conftest import PROFILE, SCAN_TEXT, figures_of


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The two leaders met the two governments.", False),
        ("They met just 20 days before the invasion.", False),
        ("Xi Jinping, 69 years old, secured his third term.", False),
        ("Nord Stream 2 was damaged.", False),
        ("The covid-19 pandemic and COVID-19 and the G20 summit.", False),
        ("It is filed under Ref 12345.", False),
        ("Tensions rose in the fourth year.", False),
        ("Some countries have double standards.", False),
        ("Over 40 people came.", True),
        ("Ref 12345 to $5 billion.", True),
        ("The two leaders signed 12 deals.", True),
        ("They saw one million people in 12 cities.", True),
        ("Trade will double by 2025.", True),
        ("Heads of state have held forty meetings.", True),
    ],
)
def test_the_candidate_search_passes_by_numbers_the_rules_reject(text: str, expected: bool) -> None:
    frame = pl.DataFrame({"text": [text]})
    assert frame.select(candidates.hint() & candidates.candidate()).item() is expected
    assert (figures_of(text).height > 0) is expected


@given(st.lists(SCAN_TEXT, min_size=1, max_size=40))
@settings(max_examples=150, deadline=None)
def test_the_candidate_search_only_passes_by_sentences_without_figures(
    texts: list[str],
) -> None:
    matcher = Matcher.of(PROFILE)
    frame = pl.DataFrame({"text": texts}).filter(candidates.hint() & ~candidates.candidate())
    for text in frame["text"]:
        assert _figures_in(matcher, text, None) == [], text
