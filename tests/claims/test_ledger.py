"""The ledger aligns one claim across outlets and flags how its reports diverge; values are
written as a reader would."""

from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope.claims.ledger import LEDGER_SCHEMA, format_value, ledger
from tests.claims.conftest import PROFILE


@pytest.mark.parametrize(
    ("value", "unit", "expected"),
    [
        (200e9, "USD", "$200 billion"),
        (190.27e9, "USD", "$190.27 billion"),
        (3.3e6, "USD", "$3.3 million"),
        (1.28e12, "CNY", "1.28 trillion yuan"),
        (16.0, "percent", "16%"),
        (2.0, "multiple", "2×"),
        (40.0, "count", "40"),
    ],
)
def test_format_value(value: float, unit: str, expected: str) -> None:
    assert format_value(value, unit) == expected


def test_seed_ledger_aligns_the_200_billion_target(
    seeds: tuple[pl.DataFrame, pl.DataFrame],
) -> None:
    found, articles = seeds
    result = ledger(found, articles, profile=PROFILE).filter(pl.col("n_outlets") == 2)
    assert result.select("surface", "period", "kind", "divergences").rows() == [
        ("200 billion dollars", "2023", "target", ["period_differs"]),
        ("$200 billion", "annual", "target", ["period_differs"]),
    ]
    assert result["claim"].unique().to_list() == ["China-Russia bilateral trade: $200 billion"]


def _ledger_figures(rows: list[tuple]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "article_id": pl.String,
            "sentence_idx": pl.Int32,
            "surface": pl.String,
            "value": pl.Float64,
            "unit": pl.String,
            "metric": pl.String,
            "period": pl.String,
            "kind": pl.String,
            "hedged": pl.Boolean,
        },
        orient="row",
    )


ARTICLES = pl.DataFrame(
    {
        "article_id": ["a", "b", "c", "d"],
        "source": ["Outlet A", "Outlet B", "Outlet C", "Outlet A"],
        "published": [date(2023, 1, 31), date(2023, 2, 1), date(2023, 2, 2), date(2023, 2, 3)],
        "duplicate_of": [None, None, None, "a"],
    }
)


def test_ledger_groups_values_within_tolerance_and_flags_divergences() -> None:
    found = _ledger_figures(
        [
            ("a", 1, "$200 billion", 200e9, "USD", "bilateral_trade", "2023", "target", False),
            ("b", 4, "$203 billion", 203e9, "USD", "bilateral_trade", "2024", "actual", True),
            ("c", 2, "$240 billion", 240e9, "USD", "bilateral_trade", "2023", "actual", False),
            ("c", 3, "16%", 16.0, "percent", "imports", "2022", "change", False),
            ("c", 5, "four", 4.0, "count", "other", None, "actual", False),
        ]
    )
    result = ledger(found, ARTICLES, profile=PROFILE)
    expected = pl.DataFrame(
        [
            ("China-Russia bilateral trade: $200 billion", 2, "Outlet A", "$200 billion",
             ["period_differs", "rounding", "target_as_fact", "hedging_differs"]),
            ("China-Russia bilateral trade: $200 billion", 2, "Outlet B", "$203 billion",
             ["period_differs", "rounding", "target_as_fact", "hedging_differs"]),
            ("China-Russia bilateral trade: $240 billion", 1, "Outlet C", "$240 billion", []),
            ("Russia's imports: 16% (change)", 1, "Outlet C", "16%", []),
        ],
        schema={
            "claim": pl.String,
            "n_outlets": pl.UInt32,
            "source": pl.String,
            "surface": pl.String,
            "divergences": pl.List(pl.String),
        },
        orient="row",
    )  # fmt: skip
    assert_frame_equal(result.select(expected.columns), expected)


def test_ledger_excludes_near_duplicates_unless_asked() -> None:
    found = _ledger_figures(
        [
            ("a", 1, "$200 billion", 200e9, "USD", "bilateral_trade", "2023", "target", False),
            ("d", 1, "$200 billion", 200e9, "USD", "bilateral_trade", "2023", "target", False),
        ]
    )
    assert ledger(found, ARTICLES, profile=PROFILE).height == 1
    assert ledger(found, ARTICLES, profile=PROFILE, include_duplicates=True).height == 2


def test_ledger_keeps_changes_apart_from_levels_and_can_keep_other() -> None:
    found = _ledger_figures(
        [
            ("a", 1, "30%", 30.0, "percent", "exports", "2022", "change", False),
            ("b", 1, "30%", 30.0, "percent", "exports", "2022", "actual", False),
            ("c", 5, "four", 4.0, "count", "other", None, "actual", False),
        ]
    )
    result = ledger(found, ARTICLES, profile=PROFILE, include_other=True)
    assert sorted(result["claim"].to_list()) == [
        "Russia's exports: 30%",
        "Russia's exports: 30% (change)",
        "other: 4",
    ]


def test_ledger_checks_its_options() -> None:
    found = _ledger_figures([])
    with pytest.raises(ValueError, match="tolerance must be 0 or more, got -1"):
        ledger(found, ARTICLES, profile=PROFILE, tolerance=-1)
    with pytest.raises(ValueError, match=r"articles lacks column\(s\) \['source'\]"):
        ledger(found, ARTICLES.drop("source"), profile=PROFILE)
    assert_frame_equal(
        ledger(found, ARTICLES, profile=PROFILE),
        pl.DataFrame(schema=LEDGER_SCHEMA),
    )
