"""Fixtures shared by the sentiment tests."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import strategies as st

from framescope import store


@pytest.fixture(scope="session")
def seed_sentences(seed_build: Path) -> list[str]:
    """The text of every sentence of the built seed corpus."""
    return store.read("sentences", seed_build).get_column("text").to_list()


def texts_of(
    words: st.SearchStrategy[str], separators: st.SearchStrategy[str]
) -> st.SearchStrategy[str]:
    """Texts for the property tests: a method's hard words joined by odd separators, words
    mixed with arbitrary snippets, and arbitrary text."""
    return st.one_of(
        st.lists(st.tuples(words, separators), max_size=12).map(
            lambda pairs: "".join(word + separator for word, separator in pairs)
        ),
        st.lists(st.one_of(words, st.text(max_size=6)), max_size=10).map(" ".join),
        st.text(max_size=40),
    )
