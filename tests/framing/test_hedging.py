import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope.framing import hedging
from tests.framing.conftest import EMPTY_SENTENCES, PROFILE, make_sentences


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xi may visit in May, reportedly.", ["may", "reportedly"]),
        ("May Xi visit Moscow?", ["may"]),
        ("Theresa May said it is likely.", ["likely"]),
        (
            "The Russian Foreign Ministry appeared to confirm the visit; Beijing declined to "
            "confirm it.",
            ["appeared to", "declined to confirm"],
        ),
        ("It is expected to happen.", ["is expected"]),
    ],
)
def test_hedges(text: str, expected: list[str]) -> None:
    assert hedging.hedges(make_sentences(text), PROFILE)["hedge"].to_list() == expected


def test_hedges_empty_input() -> None:
    assert_frame_equal(
        hedging.hedges(EMPTY_SENTENCES, PROFILE), pl.DataFrame(schema=hedging.HEDGE_SCHEMA)
    )
