"""Tests for framescope.claims.verdicts: each verdict on small frames, then the seed claims."""

from __future__ import annotations

from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope.claims import ledger
from framescope.claims import verdicts as v
from framescope.claims.official import TARGET_SCHEMA, named
from framescope.claims.series import SERIES_SCHEMA
from framescope.profile import load

# A made-up series with a gap (2015), one year-to-date total and two stated targets.
ANNUAL = pl.DataFrame(
    {
        "metric": ["trade"] * 3,
        "reporter": ["GAC"] * 3,
        "period": ["2014", "2016", "2022"],
        "year": [2014, 2016, 2022],
        "basis": ["annual"] * 3,
        "value": [95.28e9, 69.52e9, 190.27e9],
        "unit": ["USD"] * 3,
        "yoy_pct": [6.8, 2.2, 29.3],
        "source": ["S14", "S16", "S22"],
        "url": ["u14", "u16", "u22"],
    }
).cast({k: t for k, t in SERIES_SCHEMA.items() if k in ("year",)})
YTD = pl.DataFrame(
    {
        "metric": ["trade"],
        "reporter": ["GAC"],
        "period": ["2022-01..2022-08"],
        "year": [2022],
        "months": [8],
        "basis": ["ytd"],
        "period_end": [date(2022, 8, 31)],
        "value": [117.2e9],
        "unit": ["USD"],
        "yoy_pct": [31.0],
        "source": ["S8"],
        "url": ["u8"],
    }
).cast({"year": pl.Int32, "months": pl.Int8})
TARGETS = pl.DataFrame(
    {
        "metric": ["trade", "trade"],
        "reporter": ["Putin", "governments"],
        "stated_on": [date(2023, 3, 21), date(2011, 10, 9)],
        "target_year": [2023, 2015],
        "per": ["year", "year"],
        "value": [200e9, 100e9],
        "unit": ["USD", "USD"],
        "stated_by": ["Putin", "governments"],
        "source": ["TASS", "People's Daily"],
        "url": ["t", "p"],
    },
    schema=TARGET_SCHEMA,
)
OFFICIAL = {"annual": ANNUAL, "ytd": pl.DataFrame(schema=SERIES_SCHEMA), "targets": TARGETS}


def claims(*rows: tuple) -> pl.DataFrame:
    """Claims of metric ``trade``: (value, unit, kind, period[, published]) each."""
    return pl.DataFrame(
        [(*row, None)[:5] for row in rows],
        schema={"value": pl.Float64, "unit": pl.String, "kind": pl.String,
                "period": pl.String, "published": pl.Date},
        orient="row",
    ).with_columns(pl.lit("trade").alias("metric"))  # fmt: skip


def judged(frame: pl.DataFrame, official=OFFICIAL, **options) -> pl.DataFrame:
    return v.judge(frame, official, **options).select(
        "verdict", "official_period", "official_value"
    )


def expected(*rows: tuple) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={"verdict": pl.String, "official_period": pl.String, "official_value": pl.Float64},
        orient="row",
    )


@pytest.mark.parametrize(
    ("value", "unit", "step"),
    [
        (190.27e9, "USD", 0.01e9),
        (190e9, "USD", 10e9),
        (195e9, "USD", 1e9),
        (200e9, "USD", 10e9),  # at least two significant digits: not +/- 50 billion
        (1.28e12, "CNY", 0.01e12),
        (3.3e6, "USD", 0.1e6),
        (29.3, "percent", 0.1),
        (30.0, "percent", 1.0),
        (2.0, "multiple", 1.0),
        (40e6, "count", 1e6),
        (0.0, "USD", 0.0),
    ],
)
def test_stated_step_is_the_unit_of_the_last_stated_digit(value, unit, step) -> None:
    assert v.stated_step(value, unit) == pytest.approx(step)


def test_matches_within_two_percent_and_the_exact_figure() -> None:
    result = judged(claims((190.27e9, "USD", "actual", "2022"), (187e9, "USD", "actual", "2022")))
    assert_frame_equal(
        result, expected(("matches", "2022", 190.27e9), ("matches", "2022", 190.27e9))
    )
    notes = v.judge(claims((187e9, "USD", "actual", "2022")), OFFICIAL)["verdict_note"]
    assert notes.to_list() == ["within 2% of GAC's 2022 figure ($190.27 billion): -1.7%"]


def test_a_tighter_tolerance_turns_a_match_into_a_difference() -> None:
    result = judged(claims((187e9, "USD", "actual", "2022")), tolerance=0.01)
    assert_frame_equal(result, expected(("differs", "2022", 190.27e9)))


def test_rounding_is_the_official_figure_at_the_claims_precision() -> None:
    result = v.judge(
        claims((190e9, "USD", "actual", "2022"), (1.9e11 + 3e9, "USD", "actual", "2022")), OFFICIAL
    )
    assert result["verdict"].to_list() == [
        "rounding",
        "matches",
    ]  # 193: 1.4% off, not 190.27 rounded
    assert result["verdict_note"][0] == (
        "GAC's 2022 figure ($190.27 billion) rounded to the claim's precision ($10 billion)"
    )


def test_rounding_reaches_beyond_the_tolerance_only_as_far_as_the_stated_digits() -> None:
    # 96 for 95.28 is 0.8% off (matches); 90 is 5.5% off but 95.28 rounds to 100, not 90.
    result = judged(claims((96e9, "USD", "actual", "2014"), (90e9, "USD", "actual", "2014")))
    assert result["verdict"].to_list() == ["matches", "differs"]


def test_target_stated_as_fact() -> None:
    result = v.judge(claims((200e9, "USD", "actual", "2022")), OFFICIAL)
    assert_frame_equal(
        result.select("verdict", "official_period", "official_value"),
        expected(("target stated as fact", "2022", 190.27e9)),
    )
    assert result["verdict_note"][0] == (
        "stated as actual, but it is the $200 billion target for 2023 stated by Putin, "
        "2023-03-21; GAC's 2022 figure ($190.27 billion)"
    )


def test_a_target_claim_is_checked_against_the_stated_targets() -> None:
    result = judged(
        claims(
            (200e9, "USD", "target", "2023"),
            (250e9, "USD", "target", "2023"),
            (100e9, "USD", "forecast", "2023"),  # the 2015 target's value: wrong period
            (200e9, "USD", "target", "2030"),
            (200e9, "USD", "target", "annual", date(2023, 2, 1)),
        )
    )
    assert_frame_equal(
        result,
        expected(
            ("matches", "2023 target", 200e9),
            ("differs", "2023 target", 200e9),
            ("wrong period", "2023 target", 200e9),
            ("no reference", None, None),
            ("matches", "2023 target", 200e9),  # no year named: targets still ahead
        ),
    )


def test_wrong_period_is_another_years_figure() -> None:
    result = v.judge(claims((95e9, "USD", "actual", "2016")), OFFICIAL)
    assert_frame_equal(
        result.select("verdict", "official_period", "official_value"),
        expected(("wrong period", "2016", 69.52e9)),
    )
    assert result["verdict_note"][0] == (
        "GAC's 2014 figure ($95.28 billion), not GAC's 2016 figure ($69.52 billion)"
    )


def test_no_reference_for_a_gap_another_metric_or_an_unmatched_unit() -> None:
    frame = claims(
        (95e9, "USD", "actual", "2015"),  # the gap: 2014's value, but no 2015 figure to beat
        (1.28e12, "CNY", "actual", "2022"),  # no conversion
        (3.0, "multiple", "change", "2022"),
        (95e9, "USD", "actual", None),  # no period and no publication date
    )
    frame = pl.concat(
        [frame, claims((5e9, "USD", "actual", "2022")).with_columns(metric=pl.lit("imports"))]
    )
    result = v.judge(frame, OFFICIAL)
    assert result["verdict"].to_list() == ["no reference"] * 5
    assert result["verdict_note"].to_list() == [
        "no official figure for its period (2015)",
        "no official series for this metric and unit",
        "no official series for this metric and unit",
        "no official figure for its period (none named)",
        "no official series for this metric and unit",
    ]


def test_a_claim_that_names_no_period_meets_its_publication_year_and_the_one_before() -> None:
    result = v.judge(
        claims(
            (190e9, "USD", "actual", "annual", date(2023, 2, 1)),
            (95e9, "USD", "actual", None, date(2023, 2, 1)),
        ),
        OFFICIAL,
    )
    assert result.select("verdict", "official_period", "period_named").rows() == [
        ("rounding", "2022", False),
        ("wrong period", "2022", False),
    ]
    assert result["verdict_note"][1].startswith("no period named, so set against its publication")


def test_month_ranges_meet_year_to_date_totals_and_changes_the_yoy() -> None:
    official = {**OFFICIAL, "ytd": YTD}
    result = judged(
        claims(
            (117e9, "USD", "actual", "2022-01..2022-08"),
            (29.3, "percent", "change", "2022"),
            (30.0, "percent", "change", "2022-01..2022-08"),
        ),
        official,
    )
    assert_frame_equal(
        result,
        expected(
            ("rounding", "2022-01..2022-08", 117.2e9),
            ("matches", "2022", 29.3),
            ("differs", "2022-01..2022-08", 31.0),  # 1 point off: 30 states whole points
        ),
    )


def test_the_comparison_frame_marks_the_claimed_period() -> None:
    result = v.comparison(claims((190e9, "USD", "actual", "2022")), OFFICIAL)
    assert result.schema == v.COMPARISON_SCHEMA
    assert result.select("reference_period", "claimed").rows() == [
        ("2014", False),
        ("2016", False),
        ("2022", True),
        ("2015 target", False),
        ("2023 target", False),
    ]


def test_verdicts_keep_the_claims_columns_and_order() -> None:
    frame = claims((200e9, "USD", "actual", "2022"), (190e9, "USD", "actual", "2022")).with_columns(
        source=pl.Series(["X", "Y"]), ratio=pl.Series([9.0, 9.0])
    )
    result = v.judge(frame, OFFICIAL)
    assert result.columns == [c for c in frame.columns if c != "ratio"] + list(v.VERDICT_SCHEMA)
    assert result["source"].to_list() == ["X", "Y"]
    assert result["ratio"].round(4).to_list() == [round(200 / 190.27, 4), round(190 / 190.27, 4)]


def test_no_claims_and_no_official_statistics() -> None:
    empty = claims()
    assert v.judge(empty, OFFICIAL).height == 0
    nothing = {
        "annual": pl.DataFrame(schema=SERIES_SCHEMA),
        "targets": pl.DataFrame(schema=TARGET_SCHEMA),
    }
    result = v.judge(claims((190e9, "USD", "actual", "2022")), nothing)
    assert result["verdict"].to_list() == ["no reference"]


def test_bad_input_is_named() -> None:
    with pytest.raises(ValueError, match=r"claims lack column\(s\) \['kind', 'period'\]"):
        v.comparison(pl.DataFrame({"metric": ["m"], "unit": ["USD"], "value": [1.0]}), OFFICIAL)
    with pytest.raises(ValueError, match=r"tolerance must be 0 or more, got -0\.1"):
        v.judge(claims((1.0, "USD", "actual", "2022")), OFFICIAL, tolerance=-0.1)
    with pytest.raises(ValueError, match=r"comparison lacks column\(s\) \['claimed'\]"):
        v.verdicts(claims(), pl.DataFrame(schema=dict(v.COMPARISON_SCHEMA)).drop("claimed"))


@pytest.fixture(scope="module")
def seed_ledger(seeds: tuple[pl.DataFrame, pl.DataFrame]) -> pl.DataFrame:
    """The seed build's ledger as the dashboard reads it (copies included)."""
    found, articles = seeds
    return ledger(found, articles, profile=load(), include_duplicates=True)


def test_the_seed_claims(seed_ledger: pl.DataFrame) -> None:
    # The seeds' 13 ledger claims: both $200 billion targets are the stated 2023 target; no
    # other metric has official statistics.
    result = v.judge(seed_ledger, named(load().reference))
    counts = dict(result["verdict"].value_counts().iter_rows())
    assert counts == {"matches": 2, "no reference": 11}
    targets = result.filter(pl.col("verdict") == "matches")
    assert targets["surface"].sort().to_list() == ["$200 billion", "200 billion dollars"]
    assert set(targets["official_period"]) == {"2023 target"}


def test_stated_steps_agree_with_stated_step() -> None:
    values = [190.27e9, 190e9, 195e9, 200e9, 1.28e12, 3.3e6, 29.3, 30.0, 2.0, 40e6, 0.0, 1e15,
              146.887e9, 0.25, 1000.0, -16.0, None]  # fmt: skip
    units = ["USD", "USD", "USD", "CNY", "CNY", "USD", "percent", "percent", "multiple",
             "count", "USD", "count", "USD", "multiple", "count", "percent", "USD"]  # fmt: skip
    result = v.stated_steps(pl.Series(values, dtype=pl.Float64), pl.Series(units)).to_list()
    pairs = zip(values, units, strict=True)
    expected = [v.stated_step(x, u) if x is not None else 0.0 for x, u in pairs]
    assert result == pytest.approx(expected)
