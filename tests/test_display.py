"""framescope.display: names instead of ids."""

import polars as pl
from polars.testing import assert_frame_equal

from framescope import display
from framescope import profile as profiles


def test_every_kind_has_names_and_unknown_ids_lose_their_underscores():
    names = display.for_profile(profiles.load())
    result = [
        names.name("actor", "vladimir_putin"),
        names.name("frame", "partnership_diplomacy"),
        names.name("term", "special_military_operation"),
        names.name("voice", "western_official"),
        names.name("measure", "mentions_per_1k_words"),
        names.name("actor", "ian_bremmer_not_in_profile"),
    ]
    expected = [
        "Vladimir Putin",
        "partnership and diplomacy",
        "special military operation",
        "Western officials",
        "mentions per 1,000 words",
        "ian bremmer not in profile",
    ]
    assert result == expected


def test_a_column_of_ids_becomes_names():
    names = display.DisplayNames({"voice": display.VOICE_NAMES})
    frame = pl.DataFrame({"voice": ["russian_official", "unheard_of"]})
    result = frame.with_columns(names.expr("voice", "voice"))
    expected = pl.DataFrame({"voice": ["Russian officials", "unheard of"]})
    assert_frame_equal(result, expected)
