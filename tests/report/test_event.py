"""Tests for framescope.report.event: notebook defaults from the build, official series a
profile names (or none), figures by metric and ratios within an article."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from framescope import claims, config
from framescope import profile as profiles
from framescope.report import event

OPEC = config.ROOT / "data" / "profiles" / "opec_cut_2023.toml"
ARTICLES = pl.DataFrame({"article_id": ["a", "b", "c"], "source": ["X", "Y", "Y"]})


@pytest.fixture(scope="module")
def seed() -> profiles.Profile:
    return profiles.load()


@pytest.fixture(scope="module")
def base() -> profiles.Profile:
    return profiles.load_base()


def test_leading_actors_rank_by_articles_then_mentions(seed: profiles.Profile) -> None:
    mentions = pl.DataFrame(
        {
            "article_id": ["a", "a", "a", "b", "b", "c"],
            "actor": [
                "vladimir_putin",
                "vladimir_putin",
                "xi_jinping",
                "xi_jinping",
                "kremlin",
                "putin_unknown",
            ],
        }
    )
    # Xi is in two articles, Putin and the Kremlin in one each; Putin has more mentions.
    assert event.leading_actors(mentions, seed, n=2) == ["xi_jinping", "vladimir_putin"]
    # An id the profile does not list is never picked.
    assert "putin_unknown" not in event.leading_actors(mentions, seed, n=5)


def test_leading_actors_prefer_kinds_and_fill_from_others(seed: profiles.Profile) -> None:
    mentions = pl.DataFrame(
        {"article_id": ["a", "b", "c", "a"], "actor": ["china", "china", "china", "wang_yi"]}
    )
    assert event.leading_actors(mentions, seed, n=1, kinds=["person"]) == ["wang_yi"]
    assert event.leading_actors(mentions, seed, n=2, kinds=["person"]) == ["wang_yi", "china"]
    assert event.leading_actors(mentions.clear(), seed) == []
    with pytest.raises(ValueError, match="n must be"):
        event.leading_actors(mentions, seed, n=-1)


def test_rarest_is_the_value_in_fewest_outlets() -> None:
    frames = pl.DataFrame(
        {
            "article_id": ["a", "b", "b", "c", "c", "a"],
            "frame": ["economy", "economy", "power", "power", "power", "war"],
        }
    )
    # "power" is in one outlet (Y, two articles), "war" in one (X) with fewer rows.
    assert event.rarest(frames, ARTICLES, "frame") == "war"
    assert event.rarest(frames.clear(), ARTICLES, "frame") is None


def test_a_profile_without_reference_has_empty_series_and_says_so(base: profiles.Profile) -> None:
    official = event.official_series(base)
    assert set(official) == {"annual", "ytd", "targets"}
    assert all(frame.is_empty() for frame in official.values())
    assert official["annual"].schema == claims.SERIES_SCHEMA
    assert official["targets"].schema == claims.TARGET_SCHEMA
    assert not event.names_reference(base)
    assert event.reference_note(base, official).startswith("No official series is configured")
    assert event.official_lines(official).is_empty()


def test_the_opec_profile_names_no_reference() -> None:
    topic = profiles.load(OPEC)
    assert not event.names_reference(topic)
    assert all(frame.is_empty() for frame in event.official_series(topic).values())


def test_the_seed_profile_reads_its_reference_from_the_folder_given(
    seed: profiles.Profile, tmp_path: Path
) -> None:
    official = event.official_series(seed, config.REFERENCE)
    assert official["annual"].height > 0 and official["targets"].height > 0
    note = event.reference_note(seed, official)
    assert note.startswith("Official series of profile 'xi_moscow_2023'")
    assert f"({official['annual'].height} rows)" in note
    lines = event.official_lines(official)
    assert set(lines["label"]) == {"China GAC: annual total", "China GAC: year to date"}
    assert lines.height == official["annual"].height + official["ytd"].height
    # An empty folder holds none of the files the profile names: the loader says which.
    with pytest.raises(Exception, match="china_russia_trade_annual"):
        event.official_series(seed, tmp_path)


def test_figures_by_metric_counts_every_figure_and_lists_unstated_metrics() -> None:
    topic = profiles.load(OPEC)
    figures = pl.DataFrame(
        {
            "article_id": ["a", "b", "b", "c", "c"],
            "metric": ["output_cut", "output_cut", "output_cut", "other", "other"],
            "unit": ["count"] * 5,
            "surface": ["1.16 million bpd", "1.16 million bpd", "500,000 bpd", "20", "14"],
        }
    )
    table = event.figures_by_metric(figures, ARTICLES, topic)
    assert table.row(0, named=True) == {
        "metric": "output_cut",
        "label": "Oil output cut (barrels per day)",
        "unit": "count",
        "figures": 3,
        "articles": 2,
        "outlets": 2,
        "examples": "1.16 million bpd · 500,000 bpd",
    }
    assert table.row(1, named=True)["metric"] == "other"
    assert table.row(1, named=True)["label"].startswith("other")
    assert table.row(1, named=True)["examples"] == "20 · 14"
    unstated = table.filter(pl.col("figures") == 0)
    assert unstated["metric"].to_list() == ["oil_price"]


def test_figures_by_metric_of_an_empty_table(base: profiles.Profile) -> None:
    figures = pl.DataFrame(
        schema={
            "article_id": pl.String,
            "metric": pl.String,
            "unit": pl.String,
            "surface": pl.String,
        }
    )
    table = event.figures_by_metric(figures, ARTICLES, base)
    assert table["figures"].sum() == 0
    assert table.columns == [
        "metric",
        "label",
        "unit",
        "figures",
        "articles",
        "outlets",
        "examples",
    ]


def test_period_ratios_within_one_article_and_unit() -> None:
    ledger = pl.DataFrame(
        {
            "article_id": ["a", "a", "a", "a", "b", "b"],
            "source": ["X"] * 4 + ["Y"] * 2,
            "metric": ["surplus"] * 4 + ["surplus"] * 2,
            "unit": ["USD", "USD", "USD", "percent", "USD", "USD"],
            "value": [122e9, 227e9, 227e9, 5.0, 10e9, 20e9],
            "period": ["2021", "2022", "2022", "2021", "2022", "annual"],
            "sentence": ["s1", "s2", "s2 again", "s3", "t1", "t2"],
        }
    )
    result = event.period_ratios(ledger)
    # One ratio: a repeated year counts once, another unit or a non-year period pairs with nothing.
    assert result.select("source", "period_from", "period_to", "ratio", "sentence").rows() == [
        ("X", "2021", "2022", 1.86, "s2")
    ]
