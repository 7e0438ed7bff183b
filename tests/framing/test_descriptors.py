import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import mentions
from framescope.framing import descriptors
from tests.framing.conftest import (
    EMPTY_MENTIONS,
    EMPTY_SENTENCES,
    PROFILE,
    by_prefix,
    make_sentences,
)


def run_labels(*texts: str) -> list[tuple[str, str, bool]]:
    sentences = make_sentences(*texts)
    found = mentions.extract(sentences, PROFILE)
    return descriptors.labels(sentences, found, PROFILE).select("actor", "label", "listed").rows()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Seed 000 (Breitbart): a premodifier before a possessive name.
        (
            "The Russian Foreign Ministry appeared to confirm Chinese dictator Xi Jinping’s "
            "visit to Moscow on Monday.",
            [("xi_jinping", "dictator", True)],
        ),
        (
            "Xi and Russian leader Vladimir Putin are each other’s closest allies.",
            [("vladimir_putin", "leader", True)],
        ),
        # The alias itself carries the title.
        ("Chinese President Xi Jinping will visit Russia.", [("xi_jinping", "president", True)]),
        ("Xi, China's president, arrived.", [("xi_jinping", "president", True)]),
        (
            "We are in communication with all parties, spokesman Wang Wenbin said.",
            [("wang_wenbin", "spokesman", True)],
        ),
        (
            "Putin invited Xi for a state visit, and China’s top diplomat, Wang Yi, laid the "
            "groundwork for the trip.",
            [("wang_yi", "top diplomat", True)],
        ),
        # Seed 004: the apposition before "China’s" belongs to the whole phrase, not China.
        (
            "In a rare Thursday call with his Ukrainian counterpart, China’s new foreign "
            "minister, Qin Gang said Beijing feared the conflict was spiraling out of control.",
            [("qin_gang", "foreign minister", True)],
        ),
        # Seed 001: "a Chinese official" is the source, not Putin's apposition.
        (
            "According to a Chinese official, Mr Putin did not tell the truth to his Chinese "
            "counterpart Xi Jinping, reported the Financial Times.",
            [("xi_jinping", "counterpart", True)],
        ),
        (
            "Although relations are good, said Ian Bremmer, chairman of Eurasia Group.",
            [("ian_bremmer", "chairman", True)],
        ),
        (
            "said Yan Zhang, a senior fellow at the Council on Foreign Relations.",
            [("zhang_yan", "senior fellow", True)],
        ),
        # Discovered: lowercase words after a nationality, not in the descriptor list.
        (
            "According to a report by Russian state news agency TASS, it was so.",
            [("tass", "state news agency", False)],
        ),
        ("the planned visit by ally Moscow", [("russia", "ally", True)]),
        ("the Putin regime and the Kremlin", [("vladimir_putin", "regime", True)]),
        # Plurals are reported in the listed form.
        ("The Russian leaders Putin and Medvedev met.", [("vladimir_putin", "leader", True)]),
        # Not labels: a verb before a name, a plural compound after it, no name at all.
        ("Putin invited Xi to Moscow.", []),
        ("Xi and Putin last met at the SCO leaders’ summit in Uzbekistan.", []),
        ("Moscow’s invasion of Ukraine was condemned by the Chinese president.", []),
    ],
)
def test_labels(text: str, expected: list[tuple[str, str, bool]]) -> None:
    assert run_labels(text) == expected


def test_labels_are_one_row_per_sentence_actor_and_label() -> None:
    result = run_labels("President Xi Jinping met Xi, China's president, and Xi Jinping.")
    assert result == [("xi_jinping", "president", True)]


def test_labels_empty_inputs() -> None:
    result = descriptors.labels(EMPTY_SENTENCES, EMPTY_MENTIONS, PROFILE)
    assert_frame_equal(result, pl.DataFrame(schema=descriptors.LABEL_SCHEMA))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Issue 14: a capitalised word ending like a nationality is no nationality.
        ("Morgan senior economist Wang Wenbin said so.", []),
        ("Munich security adviser Wang Wenbin left.", []),
        ("Which security adviser Wang Wenbin meant is unclear.", []),
        ("Brian press aide Wang Wenbin left.", []),
        # Nationalities the old suffix pattern missed.
        ("Swiss private banker Wang Wenbin left.", [("wang_wenbin", "private banker", False)]),
        ("Greek ship owner Wang Wenbin left.", [("wang_wenbin", "ship owner", False)]),
        # Compounds and abbreviations still count.
        (
            "Sino-Russian trade negotiator Wang Wenbin left.",
            [("wang_wenbin", "trade negotiator", False)],
        ),
        ("US trade negotiator Wang Wenbin left.", [("wang_wenbin", "trade negotiator", False)]),
    ],
)
def test_discovered_labels_follow_a_nationality_word(
    text: str, expected: list[tuple[str, str, bool]]
) -> None:
    assert run_labels(text) == expected


def test_seed_labels_for_xi(seeds: dict[str, pl.DataFrame]) -> None:
    xi = by_prefix(seeds["labels"], seeds).filter(pl.col("actor") == "xi_jinping")
    labels = {p: set(g["label"]) for (p,), g in xi.group_by("prefix")}
    assert "dictator" in labels["000"]  # Breitbart
    for prefix in ("001", "002", "004"):
        assert labels[prefix] & {"president", "leader"}, prefix
        assert "dictator" not in labels[prefix], prefix
    # The Portuguese repost names Xi in full, then as "the Chinese president" and "the Chinese
    # head of state": his roles (issue 15; before, a description without a name gave none).
    assert labels["003"] == {"president", "head of state"}
