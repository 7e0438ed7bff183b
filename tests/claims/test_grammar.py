"""Number shapes as written: money, ranges, qualifiers, percentages, multiples."""

import pytest

from tests.claims.conftest import one_figure


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trade will reach $200 billion.", ("$200 billion", 200e9, "USD")),
        ("It aims at 200 billion dollars.", ("200 billion dollars", 200e9, "USD")),
        ("Trade hit US$26.4 billion.", ("US$26.4 billion", 26.4e9, "USD")),
        ("China sold drones worth $3.3 million.", ("$3.3 million", 3.3e6, "USD")),
        ("China sold drones worth $3.3m.", ("$3.3m", 3.3e6, "USD")),
        ("Trade was $93.8bn.", ("$93.8bn", 93.8e9, "USD")),
        ("Trade reached 1.28 trillion yuan.", ("1.28 trillion yuan", 1.28e12, "CNY")),
        ("Trade reached RMB 1.28 trillion.", ("RMB 1.28 trillion", 1.28e12, "CNY")),
        ("Trade was $190,27 billion.", ("$190,27 billion", 190.27e9, "USD")),
        ("It cost $1,280,000.", ("$1,280,000", 1_280_000.0, "USD")),
        ("It cost 3 trillion roubles.", ("3 trillion roubles", 3e12, "RUB")),
        ("It cost €5 billion.", ("€5 billion", 5e9, "EUR")),
        ("It cost 26.4 billion US dollars.", ("26.4 billion US dollars", 26.4e9, "USD")),
        ("A $200-billion target.", ("$200-billion", 200e9, "USD")),
        ("Two billion dollars changed hands.", ("Two billion dollars", 2e9, "USD")),
        ("It cost one billion dollars.", ("one billion dollars", 1e9, "USD")),
        ("It cost $5k.", ("$5k", 5e3, "USD")),
        ("It cost USD 26.4 billion.", ("USD 26.4 billion", 26.4e9, "USD")),
        ("It cost €5 bn.", ("€5 bn", 5e9, "EUR")),
    ],
)
def test_money(text: str, expected: tuple) -> None:
    assert one_figure(text, "surface", "value", "unit") == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Estimates run at $100-200 billion.", ("$100-200 billion", 150e9, 100e9, 200e9)),
        (
            "It is $100 billion to $200 billion.",
            ("$100 billion to $200 billion", 150e9, 100e9, 200e9),
        ),
        ("Between $100 and $200 billion.", ("$100 and $200 billion", 150e9, 100e9, 200e9)),
        ("Growth of 20-30% is likely.", ("20-30%", 25.0, 20.0, 30.0)),
    ],
)
def test_ranges_give_the_midpoint_and_the_bounds(text: str, expected: tuple) -> None:
    assert one_figure(text, "surface", "value", "low", "high") == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trade grew by more than 30%.", ("30%", "more than")),
        ("Trade is nearly $200 billion.", ("$200 billion", "nearly")),
        ("Trade is about $200 billion.", ("$200 billion", "about")),
        ("Trade is over $200 billion.", ("$200 billion", "more than")),
        ("Trade is at least $200 billion.", ("$200 billion", "at least")),
        ("Trade is almost $200 billion.", ("$200 billion", "nearly")),
        ("Trade is $200 billion.", ("$200 billion", None)),
    ],
)
def test_qualifiers_are_kept_apart_from_the_surface(text: str, expected: tuple) -> None:
    assert one_figure(text, "surface", "qualifier") == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Imports fell 16%.", ("16%", 16.0, "percent")),
        ("Exports grew 35 percent.", ("35 percent", 35.0, "percent")),
        ("Exports grew 35 per cent.", ("35 per cent", 35.0, "percent")),
        ("Trade was up 29.3%.", ("29.3%", 29.3, "percent")),
        ("Rates rose 0.5 percentage points.", ("0.5 percentage points", 0.5, "percentage_points")),
        ("Trade changed by -2.9%.", ("-2.9%", -2.9, "percent")),
    ],
)
def test_percentages(text: str, expected: tuple) -> None:
    assert one_figure(text, "surface", "value", "unit") == pytest.approx(expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The deficit tripled in 2022.", ("tripled", 3.0, None)),
        ("The surplus is more than double the record.", ("double", 2.0, "more than")),
        ("Trade has doubled.", ("doubled", 2.0, None)),
        ("Trade halved.", ("halved", 0.5, None)),
        ("Trade grew threefold.", ("threefold", 3.0, None)),
        ("Trade was 2.5 times as large.", ("2.5 times", 2.5, None)),
        ("Trade grew 4-fold.", ("4-fold", 4.0, None)),
        ("Trade grew two-fold.", ("two-fold", 2.0, None)),
        ("Trade will double by 2025.", ("double", 2.0, None)),
    ],
)
def test_multiples(text: str, expected: tuple) -> None:
    result = one_figure(text, "surface", "value", "qualifier", "unit")
    assert result == (*expected, "multiple")


def test_a_scale_after_a_no_break_space_is_read() -> None:
    # Regression: any whitespace before the scale word raised a KeyError.
    assert one_figure("Trade reached $200\xa0billion.", "value", "unit") == (200e9, "USD")
