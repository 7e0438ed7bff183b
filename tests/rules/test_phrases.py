import polars as pl
import pytest

from framescope.rules import phrases


def apply(rule: pl.Expr, *texts: str) -> list[str | None]:
    return pl.DataFrame({"p": list(texts)}).select(rule).to_series().to_list()


def test_trim_drops_connectives_adverbs_and_the_issued_document() -> None:
    found = apply(
        phrases.trim(pl.col("p")),
        "and Putin has also",
        "a statement from the ministry",
        "Russia's closest ally",
        "They implicitly",
    )
    assert found == ["Putin", "the ministry", "Russia's closest ally", "They"]


def test_subject_of_drops_what_only_leads_to_the_subject() -> None:
    found = apply(
        phrases.subject_of(pl.col("p")),
        "In the newspaper he",
        "in the newspaper",
        "alliance the two presidents",
        "Xi",
    )
    assert found == ["he", None, "the two presidents", "Xi"]


@pytest.mark.parametrize(
    ("phrase", "parts"),
    [
        ("Xi and Putin", ["Xi", "Putin"]),
        ("China and the Kremlin", ["China", "the Kremlin"]),
        ("Russian and Chinese state media", ["Russian state media", "Chinese state media"]),
        ("officials in Moscow and Beijing", ["officials in Moscow and Beijing"]),
        ("Some Chinese and Russian observers", ["Chinese observers", "Russian observers"]),
    ],
)
def test_conjuncts_give_one_phrase_per_speaker(phrase: str, parts: list[str]) -> None:
    found = phrases.conjuncts(
        pl.LazyFrame({"speaker_text": [phrase], "_data": [False], "_apposition": ["x"]})
    ).collect()
    assert found["speaker_text"].to_list() == parts
    assert found["_part"].to_list() == list(range(len(parts)))
    # An aside naming the speaker goes with the last part only.
    assert found["_apposition"].to_list() == [None] * (len(parts) - 1) + ["x"]
