import shutil
from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import pipeline, store
from framescope.dashboard import aggregates
from framescope.dashboard.state import DataStore, known_values
from tests.conftest import SEEDS


@pytest.fixture
def state(seed_build):
    return DataStore(seed_build)


def test_defaults_cover_the_whole_corpus(state):
    assert len(state.sources) == 5
    assert state.actor == "xi_jinping"
    assert state.actors[:2] == ["xi_jinping", "vladimir_putin"]
    assert state.date_range == (date(2023, 1, 31), date(2023, 3, 18))
    assert state.articles().height == 5


def test_outlet_filter_changes_the_derived_data(state):
    state.actors = ["xi_jinping"]
    before = state.mention_series()
    state.sources = ["NBC News"]
    result = state.mention_series().select("source", "actor", pl.col("mentions").sum())
    expected = pl.DataFrame({"source": ["NBC News"], "actor": ["xi_jinping"], "mentions": [9]})
    assert before["source"].n_unique() == 5
    assert result.rows() == expected.rows()


def test_date_filter(state):
    state.date_range = (date(2023, 3, 1), date(2023, 3, 18))
    assert sorted(state.articles()["source"].to_list()) == [
        "NBC News",
        "Portuguese-language outlet (translated repost)",
    ]


def test_method_switch_changes_tone(state):
    vader = state.tone_series()["mean_tone"].to_list()
    state.method = "textblob"
    assert state.tone_series()["mean_tone"].to_list() != vader
    assert state.sentiment()["method"].unique().to_list() == ["textblob"]


def test_evidence_returns_the_sentences_behind_a_point(state):
    result = state.evidence(source="Unnamed UK outlet", actor="xi_jinping")
    assert result.height == 8  # the hand count for that article
    assert all("Xi" in text for text in result["text"])


def test_empty_selection(state):
    state.sources = []
    assert state.articles().is_empty()
    assert state.mention_series().is_empty()
    assert state.tone_series().is_empty()
    assert state.overview()["articles"] == 0


def test_search(state):
    state.search = "black sea"  # case-insensitive
    assert state.article_list()["source"].to_list() == ["NBC News"]


def test_memo_follows_filters(state):
    first = state.articles()
    assert state.articles() is first  # cached
    state.include_duplicates = True
    assert state.articles() is not first


def test_one_story_counts_once(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    body = next(raw.glob("003_*.txt")).read_text().split("\n\n")
    (raw / "zz_trimmed.txt").write_text("MOSCOW (Reuters) - " + "\n\n".join(body[2:6]))
    with (raw / "sources.csv").open("a") as sidecar:
        sidecar.write("zz_trimmed.txt,Reprint outlet,GB,en,false,2023-03-18,,a trimmed copy\n")
    pipeline.build([raw], out=tmp_path / "out", progress=False)
    state = DataStore(tmp_path / "out")
    state.actors = ["vladimir_putin"]
    before = (state.articles().height, state.mention_series()["mentions"].sum())
    state.one_per_story = True
    after = (state.articles().height, state.mention_series()["mentions"].sum())
    assert before[0] - after[0] == 1
    assert before[1] > after[1]
    assert state.overview()["syndicated"] == 1


def test_missing_build(tmp_path):
    with pytest.raises(store.StoreError, match="run 'framescope build' first"):
        DataStore(tmp_path)


def test_tone_summary_is_box_stats_of_the_filtered_sentences(state):
    state.date_range = (date(2023, 2, 1), date(2023, 3, 18))
    state.sources = state.param.sources.objects[1:]
    result = state.tone_summary().sort("source")
    scored = state.sentence_tone().filter(pl.col("compound").is_not_null())
    expected = aggregates.box_stats(scored, value="compound", by="source")
    assert_frame_equal(result, expected)


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


def test_accepted_checks_values_against_the_build(state):
    payload = "<img src=x onerror=alert(1)>"
    result = state.accepted(
        {
            "sources": ["NBC News", payload],
            "actors": [payload],
            "actor": payload,
            "method": "textblob",
            "include_duplicates": "yes",
        }
    )
    expected = (
        {"sources": ["NBC News"], "method": "textblob"},
        {"sources": [payload], "actors": [payload], "actor": [payload],
         "include_duplicates": ["yes"]},
    )  # fmt: skip
    assert result == expected


def test_an_unknown_outlet_or_actor_is_refused_not_added(state):
    objects = list(state.param.sources.objects)
    for name, value in [("sources", ["<b>x</b>"]), ("actors", ["<b>"]), ("actor", "<b>")]:
        with pytest.raises(ValueError, match="does not accept"):
            setattr(state, name, value)
    assert list(state.param.sources.objects) == objects
    assert "<b>" not in state.param.actor.objects
