import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope.framing import naming
from tests.framing.conftest import EMPTY_SENTENCES, FILLER, PROFILE, by_prefix, make_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Seed 001: unquoted but attributed by "which Russia still describes as".
        (
            "Mr Xi was caught off guard by the invasion of Ukraine, which Russia still "
            "describes as a special military operation, according to four people briefed on "
            "the February meeting between the two leaders.",
            [
                ("invasion", "invasion", False, False),
                ("special_military_operation", "special military operation", False, True),
            ],
        ),
        # Seed 002: scare quotes.
        (
            "At the invitation of Russian President Vladimir Putin, Chinese President Xi "
            "Jinping may visit Moscow this month on the first anniversary of Russia’s “special "
            "military operation” against Ukraine, the Russian foreign ministry said.",
            [("special_military_operation", "special military operation", True, True)],
        ),
        (
            "Putin's so-called special military operation",
            [("special_military_operation", "special military operation", False, True)],
        ),
        (
            "what Moscow calls its ‘special military operation’",
            [("special_military_operation", "special military operation", True, True)],
        ),
        (
            'the "special military operation" began',
            [("special_military_operation", "special military operation", True, True)],
        ),
        (
            "the conflict, as the Kremlin calls it, goes on",
            [("conflict", "conflict", False, True)],
        ),
        # The quotation began in the previous sentence and closes here.
        (
            "It will end the conflict,” he said.",
            [("conflict", "conflict", True, True)],
        ),
        # Apostrophes are not quote marks, also right after the term: "war’s" closes nothing.
        ("Russia’s war in Ukraine", [("war", "war in Ukraine", False, False)]),
        ("the ‘war’s cost", [("war", "war", False, False)]),
        ("the ‘war’s cost’ rose", [("war", "war", True, True)]),
        # Exclusions hide the term inside them; case does not matter.
        ("Trump’s trade war and the Cold War are not the WAR.", [("war", "WAR", False, False)]),
        ("they appear to be returning to their pre-war status", []),
        ("She refrained from calling it an invasion.", [("invasion", "invasion", False, True)]),
    ],
)
def test_war_naming(text: str, expected: list[tuple[str, str, bool, bool]]) -> None:
    result = naming.war_naming(make_sentences(text), PROFILE)
    assert result.select("term", "surface", "quoted", "attributed").rows() == expected


def test_war_naming_empty_input() -> None:
    result = naming.war_naming(EMPTY_SENTENCES, PROFILE)
    assert_frame_equal(result, pl.DataFrame(schema=naming.WAR_SCHEMA))


def test_seed_special_military_operation_is_attributed(seeds: dict[str, pl.DataFrame]) -> None:
    smo = by_prefix(seeds["war_terms"], seeds).filter(
        pl.col("term") == "special_military_operation"
    )
    assert sorted(smo["prefix"]) == ["001", "002"]
    assert smo["attributed"].all()
    assert smo.filter(pl.col("prefix") == "002")["quoted"].all()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The quotation opens far before the term and stays open, or closes far after it.
        (f"“{FILLER}the war", [("war", True, True)]),
        (f"the war {FILLER}”", [("war", True, True)]),
        (f"“a” {FILLER}the war", [("war", False, False)]),
        (
            f'"{FILLER}the war {FILLER}" and the invasion',
            [("war", True, True), ("invasion", False, False)],
        ),
        (f"‘{FILLER}the war {FILLER}’", [("war", True, True)]),
        (f"the so-called {FILLER}war", [("war", False, False)]),
    ],
)
def test_war_naming_quote_marks_count_across_a_long_sentence(
    text: str, expected: list[tuple[str, bool, bool]]
) -> None:
    result = naming.war_naming(make_sentences(text), PROFILE)
    assert result.select("term", "quoted", "attributed").rows() == expected
