import shutil
from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import pipeline, store
from framescope.dashboard import aggregates
from framescope.dashboard.state import DataStore
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


def test_method_switch_changes_tone(state, seed_build):
    # Another method the build scored, whichever is the default.
    scored = store.read("sentiment", seed_build)["method"].unique().sort().to_list()
    other = next(method for method in scored if method != state.method)
    before = state.tone_series()["mean_tone"].to_list()
    state.method = other
    assert state.tone_series()["mean_tone"].to_list() != before
    assert state.sentiment()["method"].unique().to_list() == [other]


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


def test_accepted_checks_values_against_the_build(state):
    payload = "<img src=x onerror=alert(1)>"
    result = state.accepted(
        {
            "sources": ["NBC News", payload],
            "actors": [payload],
            "actor": payload,
            "method": "vader",
            "include_duplicates": "yes",
        }
    )
    expected = (
        {"sources": ["NBC News"], "method": "vader"},
        {"sources": [payload], "actors": [payload], "actor": [payload],
         "include_duplicates": ["yes"]},
    )  # fmt: skip
    assert result == expected


def test_only_the_methods_the_build_scored_are_offered(state):
    # The seed build scores the default methods; TextBlob is registered but not scored.
    result = (state.param.method.objects, state.method)
    expected = (["multilex", "vader"], "multilex")
    assert result == expected
    assert state.accepted({"method": "textblob"}) == ({}, {"method": ["textblob"]})


def test_an_unknown_outlet_or_actor_is_refused_not_added(state):
    objects = list(state.param.sources.objects)
    for name, value in [("sources", ["<b>x</b>"]), ("actors", ["<b>"]), ("actor", "<b>")]:
        with pytest.raises(ValueError, match="does not accept"):
            setattr(state, name, value)
    assert list(state.param.sources.objects) == objects
    assert "<b>" not in state.param.actor.objects


# -- issue 15: findings in the text or in the headlines ----------------------------------------

PEOPLE = ["xi_jinping", "vladimir_putin"]


def _mentions(state):
    return (
        state.mention_series()
        .group_by("source", "actor")
        .agg(pl.col("mentions").sum())
        .sort("source", "actor")
    )


def test_headline_mentions_count_only_the_titles(headline_build):
    result = _mentions(DataStore(headline_build, field="title", actors=PEOPLE))
    expected = pl.DataFrame(
        {
            "source": ["Outlet One", "Outlet One", "Outlet Two", "Outlet Two"],
            "actor": ["vladimir_putin", "xi_jinping", "vladimir_putin", "xi_jinping"],
            "mentions": [1, 1, 0, 1],
        }
    )
    assert_frame_equal(result, expected)


def test_text_mentions_are_what_they_were(headline_build, seed_build):
    result = _mentions(DataStore(headline_build, field="text", actors=PEOPLE))
    expected = pl.DataFrame(
        {
            "source": ["Outlet One", "Outlet One", "Outlet Two", "Outlet Two"],
            "actor": ["vladimir_putin", "xi_jinping", "vladimir_putin", "xi_jinping"],
            "mentions": [0, 2, 3, 2],
        }
    )
    assert_frame_equal(result, expected)
    assert DataStore(seed_build).field == "text"
    assert_frame_equal(
        DataStore(seed_build).mention_series(), DataStore(seed_build, field="text").mention_series()
    )


def _mean_tone(build, field, method):
    # Each outlet's mean sentence score, straight from the build's rows of that field.
    scores = store.read("sentiment", build, field=field).filter(pl.col("method") == method)
    outlets = store.read("articles", build).select("article_id", "source")
    return (
        scores.join(outlets, on="article_id")
        .group_by("source")
        .agg(pl.col("compound").mean().alias("mean_tone"))
        .sort("source")
    )


def test_tone_series_follows_the_field(headline_build):
    text = DataStore(headline_build)
    title = DataStore(headline_build, field="title")
    result = {
        field: state.tone_series().select("source", "mean_tone").sort("source")
        for field, state in (("text", text), ("title", title))
    }
    for field in ("text", "title"):
        assert_frame_equal(result[field], _mean_tone(headline_build, field, text.method))
    assert result["text"]["mean_tone"].to_list() != result["title"]["mean_tone"].to_list()


def test_two_stores_with_different_fields_share_no_values(headline_build):
    # One build, one set of shared caches: each value is asked of one store, then the other.
    text = DataStore(headline_build, actors=PEOPLE)
    title = DataStore(headline_build, field="title", actors=PEOPLE)
    fresh = {}
    for state in (text, title, text):
        values = {
            "mentions": _mentions(state),
            "tone": state.tone_series().drop("rule"),
            "actor tone": state.tone_series(actor="xi_jinping").drop("rule"),
            "points": state.tone_points().sort("article_id", "sentence_idx"),
            "summary": state.tone_summary().sort("source"),
            "labels": state.shares("labels", "label", actor="vladimir_putin"),
            "claims": state.trade_claims().height,
            "evidence": state.evidence(actor="vladimir_putin"),
        }
        if state.field in fresh:
            for name, value in values.items():
                if isinstance(value, pl.DataFrame):
                    assert_frame_equal(value, fresh[state.field][name])
                else:
                    assert value == fresh[state.field][name]
        fresh[state.field] = values
    for name in fresh["text"]:
        assert not _same(fresh["text"][name], fresh["title"][name]), name


def _same(a, b):
    if isinstance(a, pl.DataFrame):
        return a.shape == b.shape and a.equals(b)
    return a == b


def test_tone_intervals_are_drawn_from_the_fields_own_articles(headline_build):
    # Outlet Two's two articles in one week: the same key but for the field.
    DataStore(headline_build).tone_series()
    result = DataStore(headline_build, field="title").tone_series()
    drawn = result.filter(pl.col("n_articles") > 1)
    assert drawn.height == 1
    assert drawn.select(
        (pl.col("ci_low") <= pl.col("mean_tone")) & (pl.col("mean_tone") <= pl.col("ci_high"))
    ).item()


def test_switching_the_field_back_gives_the_first_values(headline_build):
    state = DataStore(headline_build, actors=PEOPLE)
    before = _mentions(state)
    state.field = "title"
    assert not _mentions(state).equals(before)
    state.field = "text"
    assert_frame_equal(_mentions(state), before)


def test_headline_evidence_is_the_title(headline_build):
    title = DataStore(headline_build, field="title")
    result = title.evidence(actor="vladimir_putin").select("source", "sentence_idx", "text")
    expected = pl.DataFrame(
        {
            "source": ["Outlet One"],
            "sentence_idx": [0],
            "text": ["Dictator Putin hosts Xi in Moscow"],
        },
        schema_overrides={"sentence_idx": pl.Int32},
    )
    assert_frame_equal(result, expected)
    text = DataStore(headline_build).evidence(actor="vladimir_putin")
    assert text["source"].to_list() == ["Outlet Two"] * 3


def test_headline_sentences_hold_the_mentions_offsets(seed_build):
    # Split as the build split the titles: every title mention sits in its sentence.
    state = DataStore(seed_build, field="title")
    mentions = state.mentions().join(
        state.sentences("title"), on=["article_id", "sentence_idx"], suffix="_sentence"
    )
    titles = dict(state.articles().select("article_id", "title").rows())
    result = [
        titles[row["article_id"]][row["start"] : row["end"]]
        for row in mentions.iter_rows(named=True)
    ]
    assert mentions.height == state.mentions().height == 10
    assert result == mentions["alias"].to_list()
    assert mentions.select(
        (pl.col("start_sentence") <= pl.col("start")) & (pl.col("end") <= pl.col("end_sentence"))
    )["start_sentence"].all()


def test_headline_labels(headline_build):
    title = DataStore(headline_build, field="title")
    labels = title.shares("labels", "label", actor="vladimir_putin")
    result = labels.filter(pl.col("n") > 0).select("source", "label", "n", "share").rows()
    assert result == [("Outlet One", "dictator", 1, 1.0)]
    assert DataStore(headline_build).shares("labels", "label", actor="vladimir_putin").is_empty()


def test_tables_without_a_field_ignore_it(headline_build):
    text = DataStore(headline_build)
    title = DataStore(headline_build, field="title")
    for table, by in (("frames", "frame"), ("war_terms", "term"), ("quotes", "voice")):
        assert_frame_equal(title.shares(table, by), text.shares(table, by))
    assert_frame_equal(title.articles(), text.articles())
    assert_frame_equal(title.sentences(), text.sentences())


def test_a_link_may_ask_for_headlines_but_nothing_else(state):
    payload = "<script>alert(1)</script>"
    assert state.accepted({"field": "title"}) == ({"field": "title"}, {})
    assert state.accepted({"field": payload}) == ({}, {"field": [payload]})
    with pytest.raises(ValueError, match="does not accept"):
        state.field = payload
