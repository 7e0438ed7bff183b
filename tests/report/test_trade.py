"""Tests for framescope.report.trade: trade claims, official lines and stated targets."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope.report import trade

FIGURES = pl.DataFrame(
    {
        "article_id": ["a", "a", "b", "c"],
        "sentence_idx": [3, 4, 1, 0],
        "surface": ["$200 billion", "12", "200 billion dollars", "$190 billion"],
        "value": [200e9, 12.0, 200e9, 190e9],
        "unit": ["USD", "count", "USD", "USD"],
        "metric": ["bilateral_trade", "peace_plan_points", "bilateral_trade", "bilateral_trade"],
        "period": ["annual", None, "2023", "2022"],
        "kind": ["target", "actual", "target", "actual"],
        "sentence": ["s1", "s2", "s3", "s4"],
    }
)
META = pl.DataFrame(
    {
        "article_id": ["a", "b", "c"],
        "source": ["X", "Y", "Z"],
        "published": [date(2023, 2, 1), date(2023, 2, 2), None],
    }
)
TARGETS = pl.DataFrame(
    {
        "metric": ["bilateral_trade"] * 3,
        "unit": ["USD"] * 3,
        "value": [100e9, 200e9, 204e9],
        "target_year": [2015, 2024, 2023],
        "stated_on": [date(2011, 10, 9), date(2019, 9, 17), date(2023, 3, 21)],
        "stated_by": ["governments", "Medvedev", "Putin"],
        "source": ["People's Daily", "CGTN", "TASS"],
    }
)


def test_trade_claims_keeps_dated_usd_claims_of_the_metric_in_billions() -> None:
    result = trade.trade_claims(FIGURES, META)

    expected = pl.DataFrame(
        {
            "published": [date(2023, 2, 1), date(2023, 2, 2)],
            "source": ["X", "Y"],
            "metric": ["bilateral_trade"] * 2,
            "kind": ["target", "target"],
            "surface": ["$200 billion", "200 billion dollars"],
            "period": ["annual", "2023"],
            "sentence": ["s1", "s3"],
            "value_bn": [200.0, 200.0],
        }
    )
    assert_frame_equal(result, expected)


def test_reference_lines_label_each_series() -> None:
    annual = pl.DataFrame(
        {"period_end": [date(2023, 12, 31), date(2022, 12, 31)], "value": [240.11e9, 190.27e9]}
    )
    ytd = pl.DataFrame({"period_end": [date(2023, 3, 31)], "value": [53.85e9]})

    result = trade.reference_lines({"annual": annual, "ytd": ytd})

    expected = pl.DataFrame(
        {
            "date": [date(2022, 12, 31), date(2023, 12, 31), date(2023, 3, 31)],
            "value_bn": [190.27, 240.11, 53.85],
            "label": ["annual", "annual", "ytd"],
        }
    )
    assert_frame_equal(result, expected)


def test_reference_lines_of_nothing_is_an_empty_frame() -> None:
    result = trade.reference_lines({})

    assert result.is_empty()
    assert result.columns == ["date", "value_bn", "label"]


def test_target_markers_say_who_set_what_for_when() -> None:
    result = trade.target_markers(TARGETS.head(1))

    expected = pl.DataFrame(
        {
            "date": [date(2011, 10, 9)],
            "value_bn": [100.0],
            "label": ["governments: $100 billion by 2015"],
        }
    )
    assert_frame_equal(result, expected)


def test_matching_targets_pairs_target_claims_with_targets_within_tolerance() -> None:
    claims = FIGURES.join(META, on="article_id")

    result = trade.matching_targets(claims, TARGETS).select(
        "source", "claim_period", "target_year", "stated_before"
    )

    expected = pl.DataFrame(
        {
            "source": ["X", "X", "Y", "Y"],
            "claim_period": ["annual", "annual", "2023", "2023"],
            "target_year": [2024, 2023, 2024, 2023],
            "stated_before": [True, False, True, False],
        },
        schema_overrides={"target_year": pl.Int64},
    )
    assert_frame_equal(result, expected)


def test_matching_targets_with_zero_tolerance_needs_the_exact_value() -> None:
    result = trade.matching_targets(FIGURES, TARGETS, tolerance=0)

    assert result["target_year"].to_list() == [2024, 2024]
    assert result["source"].to_list() == [None, None]


def test_matching_targets_rejects_a_negative_tolerance() -> None:
    with pytest.raises(ValueError, match=r"tolerance must be 0 or more, got -0\.1"):
        trade.matching_targets(FIGURES, TARGETS, tolerance=-0.1)


def test_checked_claims_names_what_each_report_was_checked_against() -> None:
    ledger = FIGURES.join(META, on="article_id").with_columns(claim=pl.col("surface"))
    comparison = pl.DataFrame(
        {"article_id": ["a", "a", "c"], "surface": ["$200 billion", "$200 billion", "$190 billion"]}
    )
    matches = trade.matching_targets(ledger, TARGETS)

    result = trade.checked_claims(ledger, comparison=comparison, target_matches=matches)

    expected = [
        "official statistics and stated targets",
        "no reference",
        "stated targets",
        "official statistics",
    ]
    assert result["checked_against"].to_list() == expected


def test_checked_claims_without_references_marks_every_claim() -> None:
    ledger = FIGURES.join(META, on="article_id").with_columns(claim=pl.col("surface"))

    result = trade.checked_claims(ledger)

    assert result["checked_against"].unique().to_list() == ["no reference"]
