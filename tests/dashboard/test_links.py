"""Tests for framescope.dashboard.links: a link's values checked against the build."""

from datetime import date

import pytest

from framescope.dashboard.links import date_range, decoded, encoded, known_values


def test_known_values_keeps_the_allowed_and_reports_the_rest():
    values = {"sources": ["A", "<b>"], "actor": "<i>", "method": "vader", "bogus": 1}
    choices = {"sources": ["A", "B"], "actor": ["x"], "method": ["vader", "textblob"]}
    result = known_values(values, choices, lists=["sources"])
    expected = (
        {"sources": ["A"], "method": "vader"},
        {"sources": ["<b>"], "actor": ["<i>"], "bogus": [1]},
    )
    assert result == expected


def test_known_values_lists():
    choices = {"sources": ["A"]}
    assert known_values({"sources": []}, choices, lists=["sources"]) == ({"sources": []}, {})
    # None known: the filter keeps its value rather than showing nothing.
    assert known_values({"sources": ["<b>"]}, choices, lists=["sources"]) == (
        {},
        {"sources": ["<b>"]},
    )
    assert known_values({"sources": "A"}, choices, lists=["sources"]) == ({}, {"sources": ["A"]})


def test_known_values_compares_types():
    choices = {"stories": [True, False]}
    assert known_values({"stories": 1}, choices) == ({}, {"stories": [1]})
    assert known_values({"stories": True}, choices) == ({"stories": True}, {})


def test_decoded_reads_what_links_hold():
    result = [
        decoded('["NBC News","Südwest"]', "list"),
        decoded("['NBC News']", "list"),  # as Panel wrote links before
        decoded("[]", "list"),
        decoded('["NBC News", 1]', "list"),  # known_values checks the items
        decoded("true", "flag"),
        decoded("False", "flag"),
        decoded("2", "text"),  # not a number: the text is the value
    ]
    expected = [["NBC News", "Südwest"], ["NBC News"], [], ["NBC News", 1], True, False, "2"]
    assert result == expected


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ('["NBC News"', "list"),  # malformed JSON
        ("NBC News", "list"),
        ('"NBC News"', "list"),
        ('{"a": 1}', "list"),
        ("[" * 100_000, "list"),  # nested past any parser's depth
        ("1", "flag"),
        ("yes", "flag"),
    ],
)
def test_decoded_names_what_it_cannot_read(text, kind):
    with pytest.raises(ValueError, match="not "):
        decoded(text, kind)


def test_encoded_is_what_decoded_reads():
    values = [(["NBC News", 'Say "hi"', "Südwest"], "list"), (True, "flag"), (False, "flag")]
    result = [decoded(encoded(value), kind) for value, kind in values]
    expected = [value for value, _ in values]
    assert result == expected
    assert encoded(date(2023, 3, 18)) == "2023-03-18"


BOUNDS = (date(2023, 1, 31), date(2023, 3, 21))


@pytest.mark.parametrize(
    ("start", "end", "expected"),
    [
        ("2023-03-18", "2023-03-20", ((date(2023, 3, 18), date(2023, 3, 20)), {})),
        ("2023-03-18", None, ((date(2023, 3, 18), BOUNDS[1]), {})),
        (None, "2023-03-20", ((BOUNDS[0], date(2023, 3, 20)), {})),
        (None, None, (None, {})),
        # Beyond the build's dates there is no article: moved to the bound, nothing reported.
        ("2020-01-01", "2023-03-22", (BOUNDS, {})),
        # Not a date: left out and named, the other end kept.
        ("18 March", "2023-03-20", ((BOUNDS[0], date(2023, 3, 20)), {"from": ["18 March"]})),
        ("2023-03-18", "2023-02-30", ((date(2023, 3, 18), BOUNDS[1]), {"to": ["2023-02-30"]})),
        # A range that would show no article: left out whole.
        ("2023-03-20", "2023-03-18", (None, {"from": ["2023-03-20"], "to": ["2023-03-18"]})),
        ("2024-01-01", None, (None, {"from": ["2024-01-01"]})),
        ("x", "2020-01-01", (None, {"from": ["x"], "to": ["2020-01-01"]})),
    ],
)
def test_date_range_clamps_to_the_build_and_names_the_rest(start, end, expected):
    result = date_range(start, end, BOUNDS)
    assert result == expected
