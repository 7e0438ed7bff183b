"""Tests for framescope.rules.reporting: the vocabulary of reporting."""

import polars as pl
import pytest

from framescope.rules import reporting


def test_reporting_verbs_map_surfaces_to_lemmas() -> None:
    result = {s: reporting.REPORTING_VERBS[s] for s in ("said", "declined to confirm", "as saying")}
    assert result == {"said": "say", "declined to confirm": "decline", "as saying": "say"}
    # Present-tense forms that are more often nouns are not verbs here, or only before "that"
    # or at the end of the sentence.
    assert not {"quotes", "states"} & set(reporting.REPORTING_VERBS)
    assert set(reporting.NOUN_LIKE) <= set(reporting.REPORTING_VERBS)


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("China's General Administration of Customs", True),
        ("the data of the Chinese General Administration of Customs", True),
        ("official Chinese customs figures released Tuesday", True),
        ("Official statistics", True),
        ("The latest data from the Bank of Russia", True),
        ("Russia's customs agency", True),
        ("released figures", True),
        ("political figures", False),
        ("a customs official", False),
        ("the customs spokesman", False),
        ("the central bank", False),
        ("Reuters", False),
    ],
)
def test_data_source(phrase: str, expected: bool) -> None:
    result = pl.select(reporting.data_source(pl.lit(phrase))).item()
    assert result is expected


def test_not_speakers_are_documented_by_reason() -> None:
    assert set(reporting.NOT_SPEAKERS) == {"bare data", "several actors", "an event or a relation"}
    assert reporting.REPORTING_VERBS["citing"] == "according to"
    assert reporting.DATA_ONLY == ("show",)


def test_pronouns_are_left_for_resolution() -> None:
    assert set(reporting.PRONOUNS) == {"he", "she", "they"}
