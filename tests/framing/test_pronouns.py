from collections.abc import Sequence

import polars as pl

from framescope import mentions
from framescope.framing import pronouns
from framescope.rules.quotation import quote_marks
from tests.framing.conftest import PROFILE, make_sentences

RESOLVED_SCHEMA = {
    "article_id": pl.String,
    "sentence_idx": pl.Int32,
    "_verb_start": pl.Int64,
    "_part": pl.Int32,
    "actor": pl.String,
    "_person": pl.String,
}


def persons_of(*texts: str) -> pl.LazyFrame:
    sentences = make_sentences(*texts)
    found = mentions.extract(sentences, PROFILE)
    return pronouns.person_mentions(
        sentences.lazy(), found.lazy(), PROFILE, quote_marks(sentences.lazy())
    )


def resolve_one(
    phrase: str, at: int, persons: pl.LazyFrame, resolved: Sequence[tuple[object, ...]]
) -> str:
    """The actor :func:`by_pronoun` gives ``phrase`` spoken in sentence ``at``."""
    asking = pl.LazyFrame(
        {"_cid": [0], "article_id": ["a"], "sentence_idx": [at], "speaker_text": [phrase]},
        schema_overrides={"sentence_idx": pl.Int32, "_cid": pl.UInt32},
    ).with_columns(pl.lit(20, pl.Int64).alias("_verb_start"))
    speakers = pl.LazyFrame(resolved, schema=RESOLVED_SCHEMA, orient="row")
    found = pronouns.by_pronoun(asking, speakers, persons, PROFILE).collect()
    return found["actor"].item()


def test_person_mentions_leave_out_possessives_and_quoted_names() -> None:
    found = persons_of(
        "Putin met with Xi.", "Xi's aides agreed.", "“Putin is right,” he said."
    ).collect()
    assert found.select("_at", "actor", "_object").rows() == [
        (0, "vladimir_putin", False),
        (0, "xi_jinping", True),  # after "with"
    ]


def test_he_is_the_subject_before_it_not_the_object() -> None:
    persons = persons_of("Putin met with Xi.", "He said so.")
    assert resolve_one("he", 1, persons, []) == "vladimir_putin"


def test_he_after_an_institution_that_spoke_is_unresolved() -> None:
    persons = persons_of("Putin met officials.", "The ministry said so.", "He said so.")
    assert resolve_one("he", 2, persons, []) == "vladimir_putin"
    spoke = [("a", 1, 13, 0, "russian_foreign_ministry", None)]
    assert resolve_one("he", 2, persons, spoke) == "unresolved"


def test_the_official_is_the_last_person_who_spoke_named() -> None:
    persons = persons_of("Kremlin aide Yury Ushakov told reporters so.", "It was agreed.", "x")
    spoke = [("a", 0, 26, 0, None, "Yury Ushakov")]
    assert resolve_one("the official", 2, persons, spoke) == "Yury Ushakov"
    # A pronoun with no named person before it: nobody.
    assert resolve_one("she", 2, persons_of("Trade rose.", "x", "y"), []) == "unresolved"
