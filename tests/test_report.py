"""Tests for framescope.report: the side-by-side tables the notebooks show."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import report
from framescope.ingest import label


def _articles(**columns: list) -> pl.DataFrame:
    base = {"article_id": ["a", "b"], "source": ["X", "Y"], "duplicate_of": [None, None]}
    return pl.DataFrame({**base, **columns}, schema_overrides={"duplicate_of": pl.String})


# --- raw_records, date_provenance ------------------------------------------------------------


def test_raw_records_reads_dates_from_the_text_without_the_sidecar(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text(" date 2023-03-18 HONG KONG Xi will visit.\n", "utf-8")
    (tmp_path / "b.txt").write_text("Putin invited Xi this Friday.\n", "utf-8")
    (tmp_path / "empty.txt").write_bytes(b"")
    (tmp_path / "sources.csv").write_text("file,source,published\nb.txt,Z,2023-03-17\n", "utf-8")

    result = report.raw_records([tmp_path]).select("path", "published", "date_origin")

    expected = pl.DataFrame(
        {
            "path": [label(tmp_path / "a.txt"), label(tmp_path / "b.txt")],
            "published": [date(2023, 3, 18), None],
            "date_origin": ["header", "unknown"],
        }
    )
    assert_frame_equal(result, expected)


def test_date_provenance_sets_the_built_date_beside_the_texts() -> None:
    articles = pl.DataFrame(
        {
            "path": ["c.txt", "a.txt", "b.txt"],
            "source": ["Z", "X", "Y"],
            "published": [date(2023, 3, 17), date(2023, 2, 1), date(2023, 2, 2)],
            "date_origin": ["sidecar", "sidecar", "sidecar"],
        }
    )
    records = pl.DataFrame(
        {
            "path": ["a.txt", "b.txt", "c.txt"],
            "published": [date(2023, 2, 1), date(2023, 1, 31), None],
            "date_origin": ["header", "byline", "unknown"],
        }
    )

    result = report.date_provenance(articles, records).select("path", "text_date_origin", "agrees")

    expected = pl.DataFrame(
        {
            "path": ["a.txt", "b.txt", "c.txt"],
            "text_date_origin": ["header", "byline", "unknown"],
            "agrees": [True, False, None],
        }
    )
    assert_frame_equal(result, expected)


# --- cleaning --------------------------------------------------------------------------------


RAW = pl.DataFrame(
    {
        "path": ["a", "b"],
        "text": ["It ended.\n\n1 comment\nLeave a Reply", "Xi met withPresident Putin."],
    }
)
CLEAN = pl.DataFrame(
    {
        "path": ["b", "a"],
        "source": ["Y", "X"],
        "text": ["Xi met with President Putin.", "It ended."],
    }
)


def test_cleaning_diff_counts_words_and_shows_both_ends() -> None:
    result = report.cleaning_diff(RAW, CLEAN, chars=9)

    expected = pl.DataFrame(
        {
            "path": ["a", "b"],
            "source": ["X", "Y"],
            "words_before": [7, 4],
            "words_after": [2, 5],
            "words_change": [-5, 1],
            "head_before": ["It ended.", "Xi met wi"],
            "head_after": ["It ended.", "Xi met wi"],
            "tail_before": ["e a Reply", "nt Putin."],
            "tail_after": ["It ended.", "nt Putin."],
        }
    )
    assert_frame_equal(result, expected)


def test_cleaning_diff_rejects_a_non_positive_width() -> None:
    with pytest.raises(ValueError, match="chars must be at least 1, got 0"):
        report.cleaning_diff(RAW, CLEAN, chars=0)


def test_cleaning_edits_lists_removals_and_splits_in_text_order() -> None:
    result = report.cleaning_edits(RAW, CLEAN)

    expected = pl.DataFrame(
        {
            "path": ["a", "b"],
            "source": ["X", "Y"],
            "word": [2, 2],
            "edit": ["removed", "replaced"],
            "before": ["1 comment Leave a Reply", "withPresident"],
            "after": ["", "with President"],
        }
    )
    assert_frame_equal(result, expected)


def test_cleaning_edits_of_unchanged_texts_is_empty() -> None:
    same = CLEAN.select("path", "text")

    result = report.cleaning_edits(same, CLEAN)

    assert result.is_empty()
    assert result.columns == ["path", "source", "word", "edit", "before", "after"]


def test_glued_by_article_counts_before_and_after_most_glued_first() -> None:
    result = report.glued_by_article(RAW, CLEAN, names=["Vladimir Putin"])

    expected = pl.DataFrame(
        {"path": ["b", "a"], "source": ["Y", "X"], "glued_before": [1, 0], "glued_after": [0, 0]}
    )
    assert_frame_equal(result, expected)


# --- sentiment -------------------------------------------------------------------------------


SCORES = pl.DataFrame(
    {
        "article_id": ["a", "a", "b", "a", "a", "b"],
        "sentence_idx": [0, 1, 0, 0, 1, 0],
        "method": ["vader"] * 3 + ["textblob"] * 3,
        "compound": [0.4, 0.2, -0.5, -0.2, 0.0, 0.3],
    },
    schema_overrides={"sentence_idx": pl.Int32},
)


def test_tone_by_method_ranks_outlets_within_each_method() -> None:
    result = report.tone_by_method(SCORES, _articles())

    expected = pl.DataFrame(
        {
            "source": ["Y", "X", "X", "Y"],
            "method": ["textblob", "textblob", "vader", "vader"],
            "n_sentences": [1, 2, 2, 1],
            "n_articles": [1, 1, 1, 1],
            "mean_tone": [0.3, -0.1, 0.30000000000000004, -0.5],
            "rank": [1, 2, 1, 2],
        }
    )
    assert_frame_equal(result, expected)


def test_tone_by_method_for_an_actor_counts_a_sentence_once() -> None:
    mentions = pl.DataFrame(
        {"article_id": ["a", "a", "b"], "sentence_idx": [1, 1, 0], "actor": ["xi", "xi", "putin"]}
    )

    result = report.tone_by_method(
        SCORES, _articles(), methods=["vader"], mentions=mentions, actor="xi"
    )

    expected = pl.DataFrame(
        {
            "source": ["X"],
            "method": ["vader"],
            "n_sentences": [1],
            "n_articles": [1],
            "mean_tone": [0.2],
            "rank": [1],
        }
    )
    assert_frame_equal(result, expected)


def test_tone_by_method_leaves_near_duplicates_out_by_default() -> None:
    articles = _articles(duplicate_of=[None, "a"])

    result = report.tone_by_method(SCORES, articles)["source"].unique().to_list()

    assert result == ["X"]


def test_tone_by_method_names_an_unknown_method() -> None:
    with pytest.raises(ValueError, match=r"methods: \['nope'\] not in the sentiment table"):
        report.tone_by_method(SCORES, _articles(), methods=["nope"])


def test_tone_by_method_needs_mentions_for_an_actor() -> None:
    with pytest.raises(ValueError, match="actor='xi' needs the mentions table"):
        report.tone_by_method(SCORES, _articles(), actor="xi")


def test_scored_gold_gives_each_method_its_class_and_agreement() -> None:
    gold = pl.DataFrame(
        {
            "text": ["A great success.", "The talks happened on Monday."],
            "score": [1.0, 1.0],
            "label": ["Positive", "positive"],
        }
    )

    result = report.scored_gold(gold, methods=["vader"]).drop("compound")

    expected = pl.DataFrame(
        {
            "text": ["A great success.", "The talks happened on Monday."],
            "gold_label": ["positive", "positive"],
            "gold_score": [1.0, 1.0],
            "method": ["vader", "vader"],
            "predicted": ["positive", "neutral"],
            "agrees": [True, False],
        }
    )
    assert_frame_equal(result, expected)


def test_scored_gold_needs_a_gold_standard() -> None:
    with pytest.raises(ValueError, match=r"gold lacks column\(s\) \['score', 'label'\]"):
        report.scored_gold(pl.DataFrame({"text": ["x"]}))


# --- trade figures ---------------------------------------------------------------------------


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
    result = report.trade_claims(FIGURES, META)

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

    result = report.reference_lines({"annual": annual, "ytd": ytd})

    expected = pl.DataFrame(
        {
            "date": [date(2022, 12, 31), date(2023, 12, 31), date(2023, 3, 31)],
            "value_bn": [190.27, 240.11, 53.85],
            "label": ["annual", "annual", "ytd"],
        }
    )
    assert_frame_equal(result, expected)


def test_reference_lines_of_nothing_is_an_empty_frame() -> None:
    result = report.reference_lines({})

    assert result.is_empty()
    assert result.columns == ["date", "value_bn", "label"]


def test_target_markers_say_who_set_what_for_when() -> None:
    result = report.target_markers(TARGETS.head(1))

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

    result = report.matching_targets(claims, TARGETS).select(
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
    result = report.matching_targets(FIGURES, TARGETS, tolerance=0)

    assert result["target_year"].to_list() == [2024, 2024]
    assert result["source"].to_list() == [None, None]


def test_matching_targets_rejects_a_negative_tolerance() -> None:
    with pytest.raises(ValueError, match=r"tolerance must be 0 or more, got -0\.1"):
        report.matching_targets(FIGURES, TARGETS, tolerance=-0.1)


def test_checked_claims_names_what_each_report_was_checked_against() -> None:
    ledger = FIGURES.join(META, on="article_id").with_columns(claim=pl.col("surface"))
    comparison = pl.DataFrame(
        {"article_id": ["a", "a", "c"], "surface": ["$200 billion", "$200 billion", "$190 billion"]}
    )
    matches = report.matching_targets(ledger, TARGETS)

    result = report.checked_claims(ledger, comparison=comparison, target_matches=matches)

    expected = [
        "official statistics and stated targets",
        "no reference",
        "stated targets",
        "official statistics",
    ]
    assert result["checked_against"].to_list() == expected


def test_checked_claims_without_references_marks_every_claim() -> None:
    ledger = FIGURES.join(META, on="article_id").with_columns(claim=pl.col("surface"))

    result = report.checked_claims(ledger)

    assert result["checked_against"].unique().to_list() == ["no reference"]
