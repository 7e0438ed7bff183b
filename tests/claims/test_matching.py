"""The profile's metric terms in a sentence: longest first, any whitespace between words,
phrases that measure something else."""

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


def test_terms_match_with_any_whitespace_between_their_words() -> None:
    text = "Russia's current\u00a0account  surplus was $227 billion."
    assert one_figure(text, "metric", "metric_term") == (
        "current_account_surplus",
        "current\u00a0account  surplus",
    )


def test_metric_terms_table() -> None:
    table = metric_terms(PROFILE)
    assert table["current account surplus"] == "current_account_surplus"
    assert table["trade deficit"] == "trade_balance"  # the profile makes it a metric
    assert table["trade war"] == "other"
