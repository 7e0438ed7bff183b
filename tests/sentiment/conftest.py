"""Fixtures shared by the sentiment tests."""

from __future__ import annotations

from pathlib import Path

import pytest

from framescope import store


@pytest.fixture(scope="session")
def seed_sentences(seed_build: Path) -> list[str]:
    """The text of every sentence of the built seed corpus."""
    return store.read("sentences", seed_build).get_column("text").to_list()
