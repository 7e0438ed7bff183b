"""Tests for framescope.framing.persons: person names and titles in speaker phrases."""

import polars as pl
import pytest

from framescope.framing import persons


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov"),
        ("Russian Foreign Minister Sergei Lavrov", "Sergei Lavrov"),
        ("Chinese Ambassador to Russia Zhang Hanhui", "Zhang Hanhui"),
        ("Foreign Minister Lavrov", "Lavrov"),
        ("European Commission President Ursula von der Leyen", "Ursula von der Leyen"),
        # Institutions, roles and outlets end with no name.
        ("the Russian Foreign Ministry", None),
        ("the Chinese President", None),
        ("Russia Today", None),
        ("Eurasia Group", None),
        ("Minister of Foreign Affairs", None),
        ("Putin", None),  # one word is a name only after a title
    ],
)
def test_person_name(phrase: str, expected: str | None) -> None:
    result = pl.select(persons.person_name(pl.lit(phrase))).item()
    assert result == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("the official", True),
        ("The spokesperson", True),
        ("the ambassador", True),
        ("the Chinese official", False),
        ("officials", False),
        ("an official", False),
    ],
)
def test_titled(phrase: str, expected: bool) -> None:
    assert pl.select(persons.titled(pl.lit(phrase))).item() is expected
