"""What is a figure: ranges or two figures, counts and their nouns, and the numbers that are
no figure (years, dates, ages, durations, identifiers, references)."""

import re

import polars as pl
import pytest
from hypothesis import given, settings
from polars.testing import assert_frame_equal

from framescope.claims.scan import _previous_word
from tests.claims.conftest import SCAN_TEXT, figures_of, one_figure


def test_from_a_level_to_another_is_two_figures_not_a_range() -> None:
    result = figures_of("Trade rose from $146.9 billion to $190.3 billion.")
    assert result["surface"].to_list() == ["$146.9 billion", "$190.3 billion"]


def test_a_year_then_an_amount_is_no_range() -> None:
    # Issue 15: "2022 to $28 billion" was one range of $2,022 billion to $28 billion.
    result = figures_of(
        "Revenues slumped from $29 billion in January-June 2022 to $28 billion this year."
    )
    assert result.select("surface", "low", "high").rows() == [
        ("$29 billion", 29e9, 29e9),
        ("$28 billion", 28e9, 28e9),
    ]


def test_estimates_ranging_from_one_amount_to_another_are_a_range() -> None:
    result = one_figure("Some estimates range from $215 to $220 bln.", "surface", "low", "high")
    assert result == ("$215 to $220 bln", 215e9, 220e9)


def test_a_percentage_then_an_amount_is_two_figures() -> None:
    result = figures_of("Trade rose 29.3% to $190,27 billion in 2022.")
    expected = pl.DataFrame(
        {
            "surface": ["29.3%", "$190,27 billion"],
            "value": [29.3, 190.27e9],
            "unit": ["percent", "USD"],
            "kind": ["change", "actual"],
            "direction": ["up", None],
        }
    )
    assert_frame_equal(result.select(expected.columns), expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It analyzed 40 million Russian customs record entries.",
            ("40 million", 40e6, "Russian customs record entries", "customs_records"),
        ),
        (
            "Heads of state have held forty meetings.",
            ("forty", 40.0, "meetings", "leader_meetings"),
        ),
        (
            "Beijing published a 12-point peace proposal.",
            ("12", 12.0, "point peace proposal", "peace_plan_points"),
        ),
        (
            "Beijing published a 12 point peace proposal.",
            ("12", 12.0, "point peace proposal", "peace_plan_points"),
        ),
        ("China sold a dozen drones.", ("a dozen", 12.0, "drones", "drone_sales")),
        ("They met twenty-five officials.", ("twenty-five", 25.0, "officials", "other")),
        (
            "He saw two hundred and five soldiers.",
            ("two hundred and five", 205.0, "soldiers", "other"),
        ),
        ("China has 1.4 billion people.", ("1.4 billion", 1.4e9, "people", "other")),
        ("Four people briefed on it spoke.", ("Four", 4.0, "people", "other")),
        ("They held one hundred meetings.", ("one hundred", 100.0, "meetings", "leader_meetings")),
        ("Half a dozen drones were sold.", ("Half a dozen", 6.0, "drones", "drone_sales")),
        (
            "China bought 1.5 million barrels of Russian oil per day.",
            ("1.5 million", 1.5e6, "barrels of Russian oil", "oil_purchases"),
        ),
        (
            "They held forty meetings of the two leaders.",
            ("forty", 40.0, "meetings", "leader_meetings"),
        ),
    ],
)
def test_counts_with_their_noun(text: str, expected: tuple) -> None:
    assert one_figure(text, "surface", "value", "noun", "metric", "unit") == (*expected, "count")


def test_scraping_glue_before_a_count_is_read_as_the_article_a() -> None:
    # The NBC News seed has "A12 point peace proposalBeijing's publication" ("A 12-point").
    result = one_figure(
        "A12 point peace proposal Beijing’s publication last month.", "surface", "noun"
    )
    assert result == ("12", "point peace proposal")


def test_a_scaled_number_with_no_noun_is_a_count_without_noun() -> None:
    result = one_figure("Trade reached 190 billion in 2022.", "value", "unit", "noun", "metric")
    assert result == (190e9, "count", None, "bilateral_trade")


@pytest.mark.parametrize(
    "text",
    [
        "Xi has refused to travel since late 2019.",
        "This will be the central event on the agenda for 2023.",
        "The agreement covers 2022-23.",
        "Xi and Putin last spoke in a video call on Dec. 30.",
        "Xi will be in Russia between March 20 and 22.",
        "The visit runs 20-22 March.",
        "February 24 this year marks the anniversary.",
        "It happened on the 24th of February.",
        "It happened on 24 February 2022.",
        "It happened on 2023-03-20.",
        "It happened on 3/20.",
        "Xi Jinping, 69 years old, secured his third term.",
        "Xi Jinping, 69, secured a third term.",
        "The 69-year-old leader spoke.",
        "He was aged 69.",
        "Xi's first visit was his 20th trip.",
        "Call +7 495 123-45-67 for details.",
        "Call (202) 555-0123 or 555-0199.",
        "They met at 10:30 and again at 3 p.m.",
        "They met at 10 am.",
        "The covid-19 pandemic and COVID-19 and the G20 summit.",
        "Su-35 jets and 5G networks.",
        "Nord Stream 2 was damaged.",
        "Article 5 applies.",
        "It is point 3 of the plan.",
        "He is No. 1 on the list.",
        "Russia is one of the few countries.",
        "It will solve at least one unemployment problem.",
        "The two leaders met the two governments.",
        "They met just 20 days before the invasion.",
        "It has lasted three years.",
        "Some countries have double standards.",
        "It was a double-digit rise.",
        "See https://example.com/2023/200-billion/12-point.",
        "It is said [3] to be true.",
        "Does Russia plan to assign half of the country to China?",
        "The score was 12.",
        "The road is 5m wide.",
    ],
)
def test_not_figures(text: str) -> None:
    result = figures_of(text)
    assert result.height == 0, result.select("surface").to_series().to_list()


def test_a_year_like_amount_with_a_currency_is_money() -> None:
    assert one_figure("It cost $1999 in 2019.", "surface", "value") == ("$1999", 1999.0)
    assert one_figure("It cost 2000 dollars.", "surface", "value") == ("2000 dollars", 2000.0)


def test_a_year_with_a_noun_is_still_a_year() -> None:
    # A known loss: four-digit numbers from 1800 to 2099 are read as years.
    assert figures_of("2000 troops arrived.").height == 0


def test_one_before_a_number_it_is_no_range_with_is_not_a_count() -> None:
    # Regression: "one and two" without "between" raised an IndexError.
    result = figures_of("They saw one and two people.")
    assert result.select("surface", "noun").rows() == [("two", "people")]


@given(SCAN_TEXT)
@settings(max_examples=300, deadline=None)
def test_the_previous_word_is_the_last_before_the_final_whitespace(text: str) -> None:
    found = re.search(r"([^\s]+)\s+$", text)
    expected = (found.group(1), not text[: found.start()].strip(" “\"'‘(")) if found else ("", True)
    assert _previous_word(text) == expected
