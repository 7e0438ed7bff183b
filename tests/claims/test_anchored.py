"""Anchored scans find exactly what their patterns find, searched ahead or one text at a
time; searching the end of a text finds what searching all of it finds."""

import polars as pl
from hypothesis import given, settings
from hypothesis import strategies as st

from framescope.claims import anchored, grammar
from framescope.claims.anchored import _one_byte, search_end, searched
from framescope.claims.context import _BY_BEFORE
from framescope.claims.context import SCANS as CONTEXT_SCANS
from framescope.claims.matching import Matcher
from framescope.claims.scan import _FROM_BEFORE
from framescope.claims.scan import SCANS as FIGURE_SCANS
from tests.claims.conftest import PROFILE, SCAN_TEXT, matches


@given(SCAN_TEXT, st.integers(min_value=0, max_value=200))
@settings(max_examples=400, deadline=None)
def test_anchored_scans_find_what_the_patterns_find(text: str, position: int) -> None:
    scans = [*FIGURE_SCANS, *CONTEXT_SCANS, Matcher.of(PROFILE).term_pattern]
    for scan in scans:
        assert scan is not None
        assert scan.words is not None  # every one has a fast path
        assert matches(scan.finditer(text)) == matches(scan.pattern.finditer(text))
        start = min(position, len(text))
        result = scan.search(text, start, scan.starts(text))
        assert matches([result]) == matches([scan.pattern.search(text, start)])


@given(st.lists(SCAN_TEXT, min_size=1, max_size=20))
@settings(max_examples=200, deadline=None)
def test_searching_ahead_finds_the_starts_searching_each_text_finds(texts: list[str]) -> None:
    scans = [*FIGURE_SCANS, *CONTEXT_SCANS, Matcher.of(PROFILE).term_pattern]
    texts = [*texts, "“$5” in €6 — about ₽7−8 trillion, K ten"]
    expected = [[scan.starts(text) for scan in scans] for text in texts]
    with searched(scans, pl.Series(texts).unique()):
        result = [[scan.starts(text) for scan in scans] for text in texts]
        assert all(getattr(scan.ahead, "found", None) is not None for scan in scans)
    assert result == expected
    assert not any(getattr(scan.ahead, "found", None) is not None for scan in scans)


def test_one_byte_keeps_character_offsets() -> None:
    text = "“US$5” — €6, Russia’s"
    result = pl.select(_one_byte(pl.lit(text), "€—")).item()
    expected = "\x00US$5\x00 \x02 \x016, Russia\x00s"
    assert result == expected
    assert len(result) == len(text)


@given(SCAN_TEXT)
@settings(max_examples=300, deadline=None)
def test_searching_the_end_of_a_text_finds_what_searching_all_of_it_finds(text: str) -> None:
    for pattern, width in [
        (grammar.QUALIFIER, grammar.QUALIFIER_WIDTH),
        (_BY_BEFORE, 2),
        (_FROM_BEFORE, 4),
    ]:
        result = search_end(pattern, text, width)
        assert matches([result]) == matches([pattern.search(text)])


def test_lowers_to_ascii_is_every_character_that_lowercases_to_ascii():
    result = anchored.LOWERS_TO_ASCII
    expected = "".join(
        c for c in map(chr, range(0x80, 0x110000)) if any(x.isascii() for x in c.lower())
    )
    assert result == expected
