import re

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope.profile import TermGroup
from framescope.rules import terms

TEXTS = [
    "An award, a war, an all-out war and a WAR.",
    "The trade war and the Trade  War.",
    "Ok war’s end; éwar; war_x; 2war; war2.",
    "Xi met Putin in Xi’an; Xinhua reported; XI is a numeral.",
    "Путин и Си Цзиньпин; 习近平和普京会谈",
]


@pytest.mark.parametrize(
    ("words", "ignore_case"),
    [
        (["war", "all-out war", "trade war"], True),
        (["Xi", "Putin", "Xi Jinping"], False),
        (["Путин", "Си Цзиньпин", "习近平", "普京"], False),
        (["U.S.", "US"], False),
    ],
)
def test_compiled_matches_what_polars_matches(words: list[str], ignore_case: bool) -> None:
    # One rule in both engines: claims reads one text at a time with Python's re.
    pattern = terms.alternation(words, ignore_case=ignore_case)
    expected = pl.Series(TEXTS).str.extract_all(pattern).to_list()
    compiled = terms.compiled(words, ignore_case=ignore_case)
    result = [[m.group() for m in compiled.finditer(text)] for text in TEXTS]
    assert result == expected


def test_alternation_longest_first_on_word_edges() -> None:
    result = pl.Series(TEXTS[:2]).str.extract_all(terms.alternation(["war", "all-out war"]))
    assert result.to_list() == [["war", "all-out war", "WAR"], ["war", "War"]]


def test_alias_alternation_is_as_written() -> None:
    pattern = terms.alternation(["Xi", "US"], ignore_case=False, any_space=False)
    result = pl.Series(["Xi and us, XI and US", "Xi’an and Xinhua"]).str.extract_all(pattern)
    assert result.to_list() == [["Xi", "US"], ["Xi"]]


def test_alternation_without_edges_is_escaped_and_longest_first() -> None:
    words = ["one", "one hundred", "a+b"]
    pattern = terms.alternation(words, ignore_case=False, any_space=False, edges=False)
    assert pattern == r"(?:one\ hundred|a\+b|one)"
    assert re.findall(pattern, "someone hundred a+b") == ["one hundred", "a+b"]


def test_listed_forms_first_listing_wins_and_exclusions_drop() -> None:
    group = TermGroup(id="g", terms=("Covid", "covid", "war"), exclusions=("trade war", "WAR"))
    assert terms.listed_forms(group) == {"covid": "Covid", "war": None, "trade war": None}


def test_group_matches_drop_exclusions_and_report_the_listed_term() -> None:
    sentences = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0], "text": [TEXTS[1]]})
    groups = [
        TermGroup(id="war", terms=("War",), exclusions=("trade war",)),
        TermGroup(id="trade", terms=("trade",)),
    ]
    result = terms.group_matches(sentences, groups).select("group", "surface", "term", "start")
    expected = pl.DataFrame(
        [("trade", "trade", "trade", 4), ("trade", "Trade", "trade", 22)],
        schema={"group": pl.String, "surface": pl.String, "term": pl.String, "start": pl.Int64},
        orient="row",
    )
    assert_frame_equal(result.collect(), expected)


def test_locate_keeps_the_sentence_columns_and_gives_offsets() -> None:
    sentences = pl.LazyFrame({"id": [7, 8], "text": ["no hit", "war and war"]})
    result = terms.locate(sentences, {"w": terms.alternation(["war"])}).collect()
    expected = pl.DataFrame(
        {
            "id": [8, 8],
            "text": ["war and war"] * 2,
            "group": ["w", "w"],
            "surface": ["war", "war"],
            "start": [0, 8],
            "end": [3, 11],
        },
        schema_overrides={"start": pl.Int64, "end": pl.Int64},
    )
    assert_frame_equal(result, expected)
    empty = terms.locate(sentences, {}).collect()
    assert empty.columns == ["id", "text", "group", "surface", "start", "end"]


def test_locate_offsets_hold_in_a_long_sentence() -> None:
    text = "the war, the invasion and the conflict " * 200
    sentences = pl.LazyFrame({"article_id": ["a"], "sentence_idx": [0], "text": [text]})
    result = terms.locate(sentences, {"war": terms.alternation(["war", "conflict"])}).collect()
    assert result.height == 400
    assert all(
        text[start:end] == surface
        for start, end, surface in result.select("start", "end", "surface").iter_rows()
    )
    assert result["start"].to_list()[-1] == len(text) - len("conflict ")
