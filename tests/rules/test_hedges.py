import polars as pl
import pytest

from framescope.profile import load
from framescope.rules import hedges

HEDGES = load().hedges


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xi may visit in May, reportedly.", ["may", "reportedly"]),
        ("May Xi visit Moscow?", ["may"]),
        ("“May Xi visit?” he asked.", ["may"]),
        ("Theresa May said it is likely.", ["likely"]),
        ("It MAY RAIN.", []),
        ("Beijing declined to confirm it.", ["declined to confirm"]),
    ],
)
def test_locate_skips_capitalised_hedges_in_mid_sentence(text: str, expected: list[str]) -> None:
    sentences = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0], "text": [text]})
    assert hedges.locate(sentences, HEDGES).collect()["hedge"].to_list() == expected


def test_hedged_says_which_texts_hold_a_hedge() -> None:
    texts = pl.Series("text", ["Theresa May spoke.", "It may rain.", "MAY I?", None, "Nothing."])
    result = hedges.hedged(texts, HEDGES)
    expected = pl.Series("text", [False, True, True, False, False])
    assert result.to_list() == expected.to_list()
    assert result.name == "text"
    assert hedges.hedged(texts, []).to_list() == [False] * 5
