import polars as pl
import pytest

from framescope.rules import nationalities


def matched(word: str) -> str | None:
    return pl.Series([f"{word} envoy"]).str.extract(f"^({nationalities.PATTERN})\\s", 1).item()


@pytest.mark.parametrize(
    "word",
    ["Swiss", "Greek", "Chinese", "Russian", "American", "Dutch", "Thai", "South African",
     "New Zealand", "Sino-Russian", "Chinese-American", "Russo-Ukrainian", "U.S.", "US", "EU",
     "Ivorian", "Monégasque", "Kurdish", "European"],
)  # fmt: skip
def test_nationality_words_match(word: str) -> None:
    assert matched(word) == word


@pytest.mark.parametrize(
    "word",
    ["Morgan", "Brian", "Which", "Munich", "Iran", "Taiwan", "Julian", "Lai", "Republican",
     "Swissair", "Greeks", "Sino", "us", "swiss"],
)  # fmt: skip
def test_other_capitalised_words_do_not(word: str) -> None:
    assert matched(word) is None


def test_every_country_has_an_adjective_and_the_list_is_the_union() -> None:
    assert all(forms for forms in nationalities.BY_COUNTRY.values())
    assert nationalities.BY_COUNTRY["Switzerland"] == ("Swiss",)
    assert nationalities.BY_COUNTRY["Greece"][0] == "Greek"
    listed = {form for forms in nationalities.BY_COUNTRY.values() for form in forms}
    assert listed | set(nationalities.OTHER) | set(nationalities.ABBREVIATIONS) == set(
        nationalities.NATIONALITIES
    )
    # Every UN member state: 193, plus the two observers and Taiwan, among the entries.
    assert len(nationalities.BY_COUNTRY) >= 196


def test_every_word_has_ascii_edges() -> None:
    # A Unicode word boundary (an accented first or last letter) slows every label regex.
    words = [*nationalities.NATIONALITIES, *nationalities.COMBINING_FORMS]
    assert [w for w in words if not (w[0].isascii() and w.rstrip(".")[-1].isascii())] == []
