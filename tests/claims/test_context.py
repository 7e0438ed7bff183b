"""What a figure is about: its metric (the subject, the nearest term, the previous
sentence), kind and direction, and period."""

from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope.claims import extract
from tests.claims.conftest import PROFILE, figures_of, one_figure, sentence_frame


def test_metric_is_the_subject_just_before_the_number() -> None:
    result = figures_of("Exports grew 35%, imports fell 16% and trade was up 29.3%.")
    assert result["metric"].to_list() == ["exports", "imports", "bilateral_trade"]


def test_metric_is_the_nearest_term_otherwise() -> None:
    result = one_figure(
        "Sanctions lead to a 16% contraction in Russia’s imports.", "metric", "metric_term"
    )
    assert result == ("imports", "imports")


def test_a_figure_without_a_term_inherits_from_the_previous_sentence() -> None:
    result = figures_of(
        "Russia will run its largest current account surplus on record in 2022.",
        "The surplus of $227 billion in 2022 is more than double the record "
        "($122 billion in 2021).",
    )
    expected = pl.DataFrame(
        {
            "surface": ["$227 billion", "double", "$122 billion"],
            "metric": ["current_account_surplus"] * 3,
            "period": ["2022", "2022", "2021"],
            "kind": ["actual", "change", "actual"],
            "metric_from": ["previous_sentence"] * 3,
        }
    )
    assert_frame_equal(result.select(expected.columns), expected)


def test_no_inheritance_when_the_previous_sentence_names_two_metrics() -> None:
    result = figures_of("Imports and exports both moved.", "The change was 16%.")
    assert result["metric"].to_list() == ["other"]


def test_no_inheritance_across_a_gap_in_the_sentences() -> None:
    sentences = sentence_frame("Imports moved.", "The change was 16%.").with_columns(
        pl.Series("sentence_idx", [0, 5], pl.Int32)
    )
    assert extract(sentences, PROFILE)["metric"].to_list() == ["other"]


def test_counts_take_their_metric_from_their_noun_only() -> None:
    result = figures_of("Trade was discussed.", "They held forty meetings and sent a dozen envoys.")
    assert result.select("noun", "metric").rows() == [
        ("meetings", "leader_meetings"),
        ("envoys", "other"),
    ]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Russia wants to achieve its goal of $200 billion in annual trade.", ("target", None)),
        ("They are seeking to increase trade to 200 billion dollars in 2023.", ("target", None)),
        ("Trade is expected to reach $200 billion.", ("forecast", None)),
        ("Trade will reach $200 billion.", ("forecast", None)),
        ("Trade is projected at $200 billion.", ("forecast", None)),
        ("Sanctions lead to a 16% contraction in imports.", ("change", "down")),
        ("Exports rose by more than 30%.", ("change", "up")),
        ("Trade was up 29.3%.", ("change", "up")),
        ("Trade was down 2.9%.", ("change", "down")),
        ("Trade rose by $10 billion.", ("change", "up")),
        ("Trade rose to $190 billion.", ("actual", None)),
        ("Trade was $190 billion.", ("actual", None)),
        ("Imports are 16% of the total.", ("actual", None)),
        ("Trade halved.", ("change", "down")),
    ],
)
def test_kind(text: str, expected: tuple) -> None:
    assert one_figure(text, "kind", "direction") == expected


def test_kind_cues_in_another_clause_do_not_count() -> None:
    text = (
        "The first months of the war saw a significant contraction of 35%, "
        "followed by a recovery that experts expect to continue into 2023."
    )
    assert one_figure(text, "kind", "period") == ("change", None)


def test_with_no_cue_in_the_clause_the_nearest_cue_in_the_sentence_decides() -> None:
    assert one_figure("The goal, agreed in 2019, is $200 billion.", "kind") == ("target",)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trade was $200 billion in 2023.", "2023"),
        ("Imports fell 16% for the whole of 2022.", "2022"),
        ("Trade will reach $200 billion by 2024.", "2024"),
        ("Trade should reach $200 billion a year.", "annual"),
        ("Trade should reach $200 billion per year.", "annual"),
        ("It aims at $200 billion in annual trade.", "annual"),
        ("Exports rose 30% between January and September 2022.", "2022-01..2022-09"),
        ("Exports rose 30% from March 2022 to May 2023.", "2022-03..2023-05"),
        ("Exports rose 30% in January-September 2022.", "2022-01..2022-09"),
        ("Exports rose 30% in the first nine months of 2022.", "2022-01..2022-09"),
        ("Exports rose 30% in the first half of 2023.", "2023-01..2023-06"),
        ("Exports rose 30% in March 2023.", "2023-03"),
        ("Exports rose 30% in 2022-23.", "2022..2023"),
        ("In 2022, trade rose 29.3%.", "2022"),
        ("Trade rose 29.3%, and the target is 2024.", None),
        ("Trade rose 29.3%.", None),
    ],
)
def test_period(text: str, expected: str | None) -> None:
    assert one_figure(text, "period") == (expected,)


def test_relative_years_need_the_publication_date() -> None:
    text = "China sold drones worth $3.3 million to Russia last year."
    articles = pl.DataFrame({"article_id": ["a"], "published": [date(2023, 2, 1)]})
    assert one_figure(text, "period") == (None,)
    assert one_figure(text, "period", articles=articles) == ("2022",)
