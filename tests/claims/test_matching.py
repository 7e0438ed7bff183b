"""The profile in a sentence: metric terms (longest first, phrases that measure something
else), speakers and hedges."""

import pytest

from framescope.claims.matching import metric_terms
from tests.claims.conftest import PROFILE, one_figure


def test_the_longest_term_wins() -> None:
    result = one_figure(
        "Russia's current account surplus was $227 billion.", "metric", "metric_term"
    )
    assert result == ("current_account_surplus", "current account surplus")


def test_a_phrase_that_is_not_the_metric_gives_other() -> None:
    text = "The trade war, which doubled tariffs in 2019, hurt exporters."
    assert one_figure(text, "metric", "metric_term") == ("other", "trade war")


def test_the_profile_can_make_such_a_phrase_a_metric() -> None:
    text = "China has a trade deficit, which tripled in 2022 as Beijing bought crude oil."
    assert one_figure(text, "metric", "metric_term") == ("trade_balance", "trade deficit")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "China is a supplier, according to a report by the Washington-based Free Russia "
            "Foundation that analyzed 40 million Russian customs record entries.",
            "free_russia_foundation",
        ),
        ("According to Reuters, trade reached $190 billion.", "reuters"),
        (
            "The Russian Foreign Ministry said trade reached $190 billion.",
            "russian_foreign_ministry",
        ),
        ("Trade reached $190 billion, said Wang Wenbin.", "wang_wenbin"),
        ("Trade reached $190 billion, said Ivan Petrov.", "Ivan Petrov"),
        ("Trade hit a record $190 billion, Xinhua reported.", "Xinhua"),
        ("Trade reached $190 billion, he said.", None),
        ("The statement said Moscow wanted $200 billion in trade.", None),
        ("According to the report, trade reached $190 billion.", None),
    ],
)
def test_speaker_in_the_sentence(text: str, expected: str | None) -> None:
    assert one_figure(text, "speaker") == (expected,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trade may reach $200 billion.", True),
        ("Trade reportedly reached $200 billion.", True),
        ("Could trade reach $200 billion?", True),
        ("Trade reached $200 billion in May 2023.", False),
        ("Trade reached $200 billion.", False),
    ],
)
def test_hedged(text: str, expected: bool) -> None:
    assert one_figure(text, "hedged") == (expected,)


def test_metric_terms_table() -> None:
    table = metric_terms(PROFILE)
    assert table["current account surplus"] == "current_account_surplus"
    assert table["trade deficit"] == "trade_balance"  # the profile makes it a metric
    assert table["trade war"] == "other"
