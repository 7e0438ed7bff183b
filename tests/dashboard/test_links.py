"""Tests for framescope.dashboard.links: a link's values checked against the build."""

from framescope.dashboard.links import known_values


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
