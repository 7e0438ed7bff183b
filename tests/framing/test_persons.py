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
        # An owner and its body end the title; a name may have capitals inside.
        ("adviser to the head of the President's Office Mykhailo Podoliak", "Mykhailo Podoliak"),
        ("former US Ambassador to Russia Michael McFaul", "Michael McFaul"),
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


@pytest.mark.parametrize(
    ("phrase", "texts", "expected"),
    [
        # The article names the title's holder, after or before the phrase.
        (
            "NATO Secretary General",
            ["NATO Secretary General Jens Stoltenberg spoke."],
            "Jens Stoltenberg",
        ),
        (
            "a former US ambassador",
            ["according to former US Ambassador to Russia Michael McFaul."],
            "Michael McFaul",
        ),
        (
            "EU’s foreign policy chief",
            ["EU's foreign policy chief Josep Borrell said so."],
            "Josep Borrell",
        ),
        # Two holders named: nobody; a comma is no title's end; a lone title is a pronoun's.
        (
            "the foreign minister",
            ["foreign minister Wang Yi met foreign minister Sergei Lavrov."],
            None,
        ),
        ("a Chinese official", ["According to a Chinese official, Mr Putin lied."], None),
        ("the ambassador", ["the ambassador Zhang Hanhui said."], None),
    ],
)
def test_titles_named(phrase: str, texts: list[str], expected: str | None) -> None:
    phrases = pl.LazyFrame({"_cid": [0], "article_id": ["a"], "speaker_text": [phrase]})
    sentences = pl.LazyFrame({"article_id": ["a"] * len(texts), "text": texts})
    found = persons.titles_named(phrases, sentences).collect()
    result = found["_titled"].item() if found.height else None
    assert result == expected
