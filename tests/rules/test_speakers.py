import polars as pl
import pytest

from framescope.rules import speakers


def phrases(*texts: str) -> list[tuple[int, str, str, str]]:
    sentences = pl.LazyFrame(
        {"article_id": ["a"] * len(texts), "sentence_idx": list(range(len(texts))), "text": texts},
        schema={"article_id": pl.String, "sentence_idx": pl.Int32, "text": pl.String},
    )
    found = speakers.clauses(sentences).collect()
    return found.select("sentence_idx", "verb", "speaker_text", "_side").rows()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Beijing denies it, Wang said.",
            [(0, "deny", "Beijing", "left"), (0, "say", "Wang", "left")],
        ),
        (
            "“No,” said Ian Bremmer, chairman of Eurasia Group.",
            [(0, "say", "Ian Bremmer", "right")],
        ),
        (
            "It is so, according to a Chinese official.",
            [(0, "according to", "a Chinese official", "right")],
        ),
        # A relative clause after the speaker is not part of it.
        (
            "China supplies chips, according to a report by the Washington-based Free Russia"
            " Foundation that analyzed 40 million customs records.",
            [
                (
                    0,
                    "according to",
                    "a report by the Washington-based Free Russia Foundation",
                    "right",
                )
            ],
        ),
        (
            "Trade grew, said the analysts who track the data.",
            [(0, "say", "the analysts", "right")],
        ),
        (
            "Kuleba, who also spoke with Blinken, said so.",
            [(0, "say", "Kuleba", "left")],
        ),
        (
            "TASS quoted the ministry as saying.",
            [(0, "quote", "TASS", "left"), (0, "say", "the ministry", "left")],
        ),
        # Verb phrases, conditionals and quoted verbs attribute nothing.
        ("The Kremlin did not say.", []),
        ("If he had told us, we would know.", []),
        ("“Wang said so,” the paper wrote.", [(0, "write", "the paper", "left")]),
    ],
)
def test_clauses_find_the_speaker_phrase(
    text: str, expected: list[tuple[int, str, str, str]]
) -> None:
    assert phrases(text) == expected


def test_reporting_verbs_map_surfaces_to_lemmas() -> None:
    result = {s: speakers.REPORTING_VERBS[s] for s in ("said", "declined to confirm", "as saying")}
    assert result == {"said": "say", "declined to confirm": "decline", "as saying": "say"}
    # Present-tense forms that are more often nouns are not verbs here.
    assert not {"reports", "claims", "notes", "quotes", "states"} & set(speakers.REPORTING_VERBS)


def test_pronouns_are_left_for_resolution() -> None:
    assert phrases("He said so.") == [(0, "say", "He", "left")]
    assert set(speakers.PRONOUNS) == {"he", "she", "they"}


def test_named_gives_each_text_its_first_speaker_phrase() -> None:
    texts = pl.Series(
        "text",
        [
            "Trade rose, according to customs data, Reuters reported.",
            "He said so, and the ministry confirmed it.",
            "Nothing is attributed here.",
            None,
        ],
    )
    result = speakers.named(texts)
    # Issue 15: "according to customs data" names a data source, the first speaker (it was
    # left out before because a phrase after the verb had to start like a name).
    expected = pl.Series("text", ["customs data", "the ministry", None, None])
    assert result.to_list() == expected.to_list()
    assert result.name == "text"
