"""framescope.dashboard.compare and compare_state: the outlets side by side on one actor."""

import shutil
from datetime import date

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import display, plots, safe, timeseries
from framescope.dashboard import aggregates, compare, compare_state
from framescope.dashboard.compare import Compare
from framescope.dashboard.framing import NO_WAR_TERMS
from framescope.dashboard.state import N_BOOT, DataStore
from tests.dashboard.conftest import STORED, STORED_OG

# -- pure functions ------------------------------------------------------------------------

PER_ARTICLE = pl.DataFrame(
    {
        "article_id": ["a", "b", "c", "d"],
        "source": ["X", "X", "X", "Y"],
        "published": [date(2023, 3, 20), date(2023, 3, 20), date(2023, 3, 21), None],
        "duplicate": [False, False, False, False],
        "syndicated": [False, False, True, False],
        "total": [1.5, -0.5, 0.2, 0.3],
        "n": [3, 1, 2, 1],
    }
)


def test_tone_cells_sum_what_the_normal_interval_needs_per_cell():
    result = tone_cells = compare_state.tone_cells(PER_ARTICLE).sort("source", "published")
    expected = pl.DataFrame(
        {
            "source": ["X", "X", "Y"],
            "published": [date(2023, 3, 20), date(2023, 3, 21), None],
            "duplicate": [False] * 3,
            "syndicated": [False, True, False],
            "n_articles": [2, 1, 1],
            "n_sentences": [4, 2, 1],
            "total": [1.0, 0.2, 0.3],
            "total_sq": [2.5, 0.04, 0.09],
            "total_n": [4.0, 0.4, 0.3],
            "n_sq": [10.0, 4.0, 1.0],
        }
    )
    assert_frame_equal(result, expected, check_column_order=False)
    assert tone_cells.height == 3


def test_outlet_tone_is_the_ratio_mean_with_the_clustered_normal_interval():
    result = compare_state.outlet_tone(compare_state.tone_cells(PER_ARTICLE))
    # By hand over X's three articles: mean = 1.2 / 6; residuals total - mean * n.
    mean = 1.2 / 6
    residuals = np.array([1.5 - 3 * mean, -0.5 - mean, 0.2 - 2 * mean])
    error = 1.959964 * np.sqrt(3 / 2 * (residuals**2).sum()) / 6
    expected = pl.DataFrame(
        {
            "source": ["X", "Y"],
            "n_sentences": [6, 1],
            "n_articles": [3, 1],
            "mean_tone": [mean, 0.3],
            "ci_low": [mean - error, None],
            "ci_high": [mean + error, None],
        }
    )
    assert_frame_equal(result, expected, abs_tol=1e-6)


def test_the_normal_interval_is_close_to_the_article_bootstrap_on_many_articles():
    rng = np.random.default_rng(3)
    k = 400
    n = rng.integers(1, 12, size=k)
    totals = np.array([rng.uniform(-1, 1, size=m).sum() + 0.3 * m for m in n])
    per_article = pl.DataFrame(
        {"article_id": [f"a{i:04d}" for i in range(k)], "source": ["X"] * k,
         "published": [date(2023, 3, 20)] * k, "duplicate": [False] * k,
         "syndicated": [False] * k, "total": totals, "n": n},
    )  # fmt: skip
    normal = compare_state.outlet_tone(compare_state.tone_cells(per_article)).row(0, named=True)
    low, high = timeseries._interval(
        [("X",)], np.array([k]), totals, n, n_boot=N_BOOT, seed=0, level=0.95
    )
    width = high[0] - low[0]
    assert abs(normal["ci_low"] - low[0]) < 0.1 * width
    assert abs(normal["ci_high"] - high[0]) < 0.1 * width


def test_bootstrap_groups_lay_each_outlets_articles_out_contiguously():
    groups, rows = compare_state.bootstrap_groups(PER_ARTICLE.reverse())
    assert groups.select("source", "n_articles").rows() == [("X", 3), ("Y", 1)]
    assert rows["article_id"].to_list() == ["a", "b", "c", "d"]
    same, _ = compare_state.bootstrap_groups(PER_ARTICLE)
    assert same["members"].to_list() == groups["members"].to_list()


def test_tone_rows_give_every_outlet_a_row_and_say_how_each_interval_was_drawn():
    tone = pl.DataFrame(
        {"source": ["X", "Y", "Z"], "n_sentences": [30, 5, 900], "n_articles": [4, 1, 300],
         "mean_tone": [0.1, 0.2, -0.1], "ci_low": [0.0, None, -0.12],
         "ci_high": [0.2, None, -0.08]},
    )  # fmt: skip
    result = compare_state.tone_rows(tone, sources=["W", "X", "Y", "Z"], method="vader")
    assert result.schema == compare_state.SCHEMA
    expected = [
        ("W", 0, None, None, True),
        ("X", 30, 0.1, compare_state.BOOTSTRAP, False),
        ("Y", 5, 0.2, None, True),
        ("Z", 900, -0.1, compare_state.NORMAL, False),
    ]
    assert result.select("source", "n", "mean", "interval", "small_sample").rows() == expected
    assert set(result["item"]) == {"vader"}


def test_share_rows_carry_n_share_and_a_rate_per_article():
    shares = pl.DataFrame(
        {"source": ["X", "X", "Y", "Y"], "voice": ["other", "russian_official"] * 2,
         "n": [1, 3, 0, 0], "n_source": [4, 4, 0, 0], "share": [0.25, 0.75, None, None],
         "small_sample": [True] * 4},
    )  # fmt: skip
    outlets = pl.DataFrame({"source": ["X", "Y"], "n_articles": [2, 1]})
    result = compare_state.share_rows(shares, outlets, measure="voices")
    assert result.schema == compare_state.SCHEMA
    expected = [
        ("X", "other", 1, 4, 0.25, 0.5),
        ("X", "russian_official", 3, 4, 0.75, 1.5),
        ("Y", "other", 0, 0, None, 0.0),
        ("Y", "russian_official", 0, 0, None, 0.0),
    ]
    assert (
        result.select("source", "item", "n", "n_total", "share", "per_article").rows() == expected
    )


def test_share_rows_of_a_table_the_build_lacks_are_none_and_an_unknown_measure_is_named():
    result = compare_state.share_rows(pl.DataFrame(), pl.DataFrame(), measure="frames")
    assert result.is_empty() and result.schema == compare_state.SCHEMA
    with pytest.raises(ValueError, match="'tone'"):
        compare_state.share_rows(pl.DataFrame(), pl.DataFrame(), measure="tone")


def test_outlets_are_ordered_by_tone_most_negative_first_unmentioned_last():
    rows = pl.DataFrame(
        {"source": ["A", "B", "C", "D", "E"], "measure": ["tone"] * 4 + ["labels"],
         "mean": [0.3, None, -0.2, 0.3, -0.9]},
    )  # fmt: skip
    assert compare_state.outlet_order(rows) == ["C", "A", "D", "B"]


def test_items_are_named_for_readers_and_keep_their_ids():
    rows = pl.DataFrame(
        {"measure": ["war_terms", "voices", "labels", "figures", "tone"],
         "item": ["special_military_operation", "western_official", "head of state", "other",
                  "vader"]},
    )  # fmt: skip
    names = display.DisplayNames({"voice": display.VOICE_NAMES})
    result = compare_state.named(rows, names)
    expected = ["special military operation", "Western officials", "head of state",
                compare_state.NO_METRIC, "vader"]  # fmt: skip
    assert result["name"].to_list() == expected
    assert result["item"].to_list() == rows["item"].to_list()


# -- the view -------------------------------------------------------------------------------


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def _outlets(view):
    return list(view.chart.object.layout.yaxis.categoryarray)


def test_the_view_puts_every_outlet_side_by_side_on_six_measures(seed_build):
    view = Compare(store=DataStore(seed_build))
    figure = view.chart.object
    titles = " ".join(a.text for a in figure.layout.annotations)
    for title in ("Tone", "Labels for Xi Jinping", "War naming", "Voices quoted", "Frames",
                  "Numeric claims"):  # fmt: skip
        assert title in titles
    assert sorted(_outlets(view)) == sorted(view.store.sources)
    assert view.chart.height == figure.layout.height
    assert "sorted by mean tone" in figure.layout.title.text


def test_outlets_are_sorted_by_the_actors_mean_tone(seed_build):
    store = DataStore(seed_build)
    view = Compare(store=store)
    # Tone of the sentences mentioning Xi, per outlet, from the build's tables directly.
    mentioning = store.tables["mentions"].filter(pl.col("actor") == "xi_jinping")
    expected = (
        store.tables["sentiment"]
        .filter(pl.col("method") == store.method)
        .join(
            mentioning.select("article_id", "sentence_idx").unique(),
            on=["article_id", "sentence_idx"],
        )
        .join(store.tables["articles"].select("article_id", "source"), on="article_id")
        .group_by("source")
        .agg(pl.col("compound").mean())
        .sort("compound")
    )
    assert _outlets(view) == expected["source"].to_list()
    tone = view.data().filter(pl.col("measure") == "tone").sort("source")
    assert tone["mean"].to_list() == pytest.approx(expected.sort("source")["compound"].to_list())


def test_an_outlet_with_one_article_has_no_interval_and_the_chart_says_why(seed_build):
    view = Compare(store=DataStore(seed_build))
    tone = view.data().filter(pl.col("measure") == "tone")
    assert (tone["n_articles"] == 1).all()  # the seeds: one article per outlet
    assert tone["ci_low"].null_count() == tone.height
    counts = next(t for t in view.chart.object.data if t.mode == "text" and (t.xaxis or "x") == "x")
    assert all(text.endswith("1 article: no interval") for text in counts.text)
    points = next(t for t in view.chart.object.data if t.mode == "markers")
    assert set(points.marker.symbol) == {"circle-open"}  # every outlet a small sample


def test_outlets_of_a_few_articles_get_the_article_bootstrap(opec_build):
    store = DataStore(opec_build)
    view = Compare(store=store)
    tone = view.data().filter(pl.col("measure") == "tone", pl.col("n_articles") >= 2)
    assert tone.height > 0
    assert set(tone["interval"]) == {compare_state.BOOTSTRAP}
    # The same draws as timeseries' bootstrap over that outlet's articles.
    source = tone["source"][0]
    per_article = (
        store._article_tone(store.actor)
        .join(
            store.articles().filter(pl.col("source") == source).select("article_id"),
            on="article_id",
        )
        .sort("article_id")
    )
    low, high = aggregates.intervals(
        [("compare", source)], np.array([per_article.height]),
        per_article["total"].to_numpy(), per_article["n"].to_numpy(), n_boot=N_BOOT,
    )  # fmt: skip
    row = tone.row(0, named=True)
    assert (row["ci_low"], row["ci_high"]) == pytest.approx((low[0], high[0]))


@pytest.mark.parametrize(("build", "field"), [("seed_build", "text"), ("headline_build", "title")])
def test_claims_are_counted_as_the_store_counts_them_without_their_sentences(request, build, field):
    store = DataStore(request.getfixturevalue(build), field=field)
    result = compare_state.claim_shares(store)
    expected = store.shares("figures", "metric")
    assert result.height > 0
    assert_frame_equal(result, expected)
    store.sources = store.sources[:1]
    assert_frame_equal(compare_state.claim_shares(store), store.shares("figures", "metric"))


def test_the_csv_holds_one_row_per_outlet_measure_and_item_with_ids(seed_build):
    view = Compare(store=DataStore(seed_build))
    result = pl.read_csv(view._csv())
    assert result.columns[:4] == ["source", "actor", "measure", "item"]
    assert set(result["measure"]) == {"tone", *compare_state.MEASURES}
    assert result.select("source", "measure", "item").is_duplicated().sum() == 0
    assert set(result["actor"]) == {"xi_jinping"}
    assert "special_military_operation" in result["item"].to_list()  # ids, not names
    assert {"n", "n_total", "share", "mean", "ci_low", "ci_high", "small_sample"} <= set(
        result.columns
    )


def test_the_view_follows_the_filters(seed_build):
    store = DataStore(seed_build)
    view = Compare(store=store)
    store.sources = ["NBC News", "Breitbart News"]
    assert sorted(_outlets(view)) == ["Breitbart News", "NBC News"]
    assert set(view.data()["source"]) == {"Breitbart News", "NBC News"}
    store.actor = "vladimir_putin"
    assert "Labels for Vladimir Putin" in " ".join(
        a.text for a in view.chart.object.layout.annotations
    )
    store.sources = []
    assert view.chart.object.layout.annotations[0].text == plots.NO_DATA


def test_an_actor_never_mentioned_in_the_selection_is_said_instead_of_empty_axes(seed_build):
    store = DataStore(seed_build)
    view = Compare(store=store)
    store.param.update(actor="qin_gang", sources=["Breitbart News", "Unnamed UK outlet"])
    figure = view.chart.object
    assert figure.data == ()
    assert figure.layout.annotations[0].text.startswith(
        "Qin Gang is not mentioned in the selected articles"
    )


def test_filter_changes_filter_counted_cells_and_read_no_sentence_table(seed_build, monkeypatch):
    store = DataStore(seed_build)
    view = Compare(store=store)

    def refuse(*_args, **_kwargs):
        raise AssertionError("counted again on a filter change")

    monkeypatch.setattr(aggregates, "cell_counts", refuse)
    monkeypatch.setattr(aggregates, "article_tone", refuse)
    monkeypatch.setattr(store.tables, "scan", refuse)  # what reads a table from disk
    store.date_range = (date(2023, 2, 1), store.date_range[1])
    store.include_duplicates = True
    assert len(_outlets(view)) == store.articles()["source"].n_unique()


def test_sessions_with_the_same_filters_share_one_build(seed_build, tmp_path, monkeypatch):
    folder = tmp_path / "build"
    shutil.copytree(seed_build, folder)  # a memo of its own
    built = []
    draw = compare.outlets_side_by_side
    monkeypatch.setattr(
        compare, "outlets_side_by_side", lambda *a, **k: built.append(1) or draw(*a, **k)
    )
    first, second = (Compare(store=DataStore(folder)) for _ in range(2))
    assert first.chart.object.to_dict() == second.chart.object.to_dict()
    assert len(built) == 1
    first.store.method = "vader"
    assert len(built) == 2


def test_markup_in_outlet_names_shows_as_text(hostile_build):
    view = Compare(store=DataStore(hostile_build))
    shown = list(_strings(view.chart.object.to_dict()))
    assert not [text for text in shown if "<img" in text or "<script" in text]
    outlets = _outlets(view)
    assert safe.escape(STORED) in outlets and safe.escape(STORED_OG) in outlets
    assert STORED in view.data()["source"].to_list()  # the CSV keeps the name as it is


def test_headlines_say_which_panels_follow_them(headline_build):
    view = Compare(store=DataStore(headline_build, field="title"))
    assert "from the headlines" in view.chart.object.layout.title.text


def test_a_profile_without_war_terms_says_so_in_its_panel(opec_build):
    view = Compare(store=DataStore(opec_build))
    texts = [a.text for a in view.chart.object.layout.annotations]
    assert NO_WAR_TERMS in texts


def test_a_single_article_corpus_works(single_build):
    view = Compare(store=DataStore(single_build))
    assert len(_outlets(view)) == 1
    assert view.data().filter(pl.col("measure") == "tone")["ci_low"].to_list() == [None]
