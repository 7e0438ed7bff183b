import polars as pl
import pytest

from framescope import mentions
from framescope.framing import resolve
from tests.framing.conftest import PROFILE, make_sentences


def test_nations_come_from_names_roles_and_voice() -> None:
    result = resolve.nations(PROFILE)
    assert result["xi_jinping"] == ["china"]  # from its roles
    assert result["russian_foreign_ministry"] == ["russia"]  # from its name
    assert result["wang_wenbin"] == ["china"]  # from its voice
    assert result["tass"] == ["russia"]  # "Russian News Agency"
    assert result["reuters"] == []


def head_word(*texts: str) -> list[str | None]:
    """The head-word actor of each sentence's last clause, from "<text> said so."."""
    sentences = make_sentences(*texts)
    clauses = pl.LazyFrame(
        {
            "_cid": list(range(len(texts))),
            "article_id": ["a"] * len(texts),
            "sentence_idx": list(range(len(texts))),
            "speaker_text": [t.split(" said")[0].split(". ")[-1] for t in texts],
        },
        schema={"_cid": pl.UInt32, "article_id": pl.String, "sentence_idx": pl.Int32,
                "speaker_text": pl.String},
    )  # fmt: skip
    found = dict(
        resolve.by_head_word(clauses, mentions.extract(sentences, PROFILE).lazy(), PROFILE)
        .collect()
        .rows()
    )
    return [found.get(i) for i in range(len(texts))]


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # Issue 15: "The Chinese President" was resolved to Putin, the last "President" named.
        (("Putin met the delegation.", "The Chinese President said so."), [None, None]),
        (("Xi and Putin met.", "The Chinese President said so."), [None, "xi_jinping"]),
        (
            ("The Chinese Foreign Ministry and the Russian Foreign Ministry met.",
             "The Russian ministry said so.", "The Ukrainian ministry said so."),
            [None, "russian_foreign_ministry", None],
        ),
        # An outlet word is the latest media actor (Al Jazeera: "the newspaper said").
        (
            ("Xi will visit, according to the Wall Street Journal.", "The newspaper said so."),
            [None, "wall_street_journal"],
        ),
        # No nationality in the phrase: the latest actor with the word, as before.
        (("Xi met Putin.", "The president said so."), [None, "vladimir_putin"]),
    ],
)  # fmt: skip
def test_by_head_word(texts: tuple[str, ...], expected: list[str | None]) -> None:
    assert head_word(*texts) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("a subsequent Russian statement", "russia"),
        ("the Chinese readout", "china"),
        ("a joint statement", None),  # whose, the phrase does not say
        ("a British statement", None),  # no profile country
        ("the Russian president", None),  # no document
    ],
)
def test_by_document(phrase: str, expected: str | None) -> None:
    found = resolve.by_document(pl.LazyFrame({"_cid": [0], "speaker_text": [phrase]}), PROFILE)
    rows = found.collect()
    result = rows["actor"].item() if rows.height else None
    assert result == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("Russia’s foreign ministry", "russian_foreign_ministry"),  # another case
        ("China‘s Ministry of Foreign Affairs", "chinese_foreign_ministry"),  # country form
        ("Beijing's foreign ministry", "chinese_foreign_ministry"),
        ("the Kremlin", "kremlin"),
        ("a ministry", None),
    ],
)
def test_by_alias(phrase: str, expected: str | None) -> None:
    found = resolve.by_alias(pl.LazyFrame({"_cid": [0], "speaker_text": [phrase]}), PROFILE)
    rows = found.collect()
    assert (rows["actor"].item() if rows.height else None) == expected
