"""framescope.dashboard.timelines: the overview's coverage, mentions and sentiment views."""

import base64
import re
from datetime import date
from types import SimpleNamespace

import numpy as np
import polars as pl
import pytest

from framescope import plots, safe, timeseries
from framescope.dashboard import views
from framescope.dashboard.state import DataStore
from framescope.dashboard.timelines import TONE_COLUMNS, Mentions, Overview, Sentiment
from tests.dashboard.conftest import STORED

SNAKE = re.compile(r"\b[a-z]+_[a-z_]+\b")


def _click(**point):
    return SimpleNamespace(new={"points": [point]})


def _read(figure):
    """What a person reads in a chart: legend entries, titles, axis titles, annotations."""
    layout = figure.layout
    shown = [trace.name for trace in figure.data if trace.showlegend is not False and trace.name]
    shown += [layout.title.text or "", layout.title.subtitle.text or ""]
    shown += [axis.title.text or "" for axis in (layout.xaxis, layout.yaxis)]
    shown += [annotation.text for annotation in layout.annotations]
    return shown


def _figures(view):
    names = ("chart", "overall", "directed", "spread")
    return [getattr(view, name).object for name in names if hasattr(view, name)]


@pytest.mark.parametrize("view", [Overview, Mentions, Sentiment])
def test_no_snake_case_id_where_people_read_at_the_default_filters(seed_build, view):
    built = view(store=DataStore(seed_build))
    result = [text for figure in _figures(built) for text in _read(figure) if SNAKE.search(text)]
    assert result == []


def test_every_chart_uses_the_build_s_outlet_colours(seed_build):
    state = DataStore(seed_build)
    colours = state.outlet_colours()
    overview, mentions, sentiment = (view(store=state) for view in (Overview, Mentions, Sentiment))
    result = {(trace.name, trace.marker.color) for trace in overview.chart.object.data} | {
        (trace.name, trace.line.color)
        for figure in (mentions.chart.object, sentiment.overall.object, sentiment.directed.object)
        for trace in figure.data
    }
    assert result == {(safe.escape(name), colours[name]) for name, _ in result}
    assert {name for name, _ in result} == set(state.sources)


def _numbers(values):
    # A shared chart is a copy of a dict (views.frozen): numeric arrays in it are Plotly's
    # base64 typed arrays, as the browser gets them.
    if isinstance(values, dict):
        return np.frombuffer(base64.b64decode(values["bdata"]), dtype=values["dtype"]).tolist()
    return list(values)


def test_the_overview_draws_bars_as_wide_as_their_period(seed_build):
    state = DataStore(seed_build, granularity="month", axis="event")
    chart = Overview(store=state).chart.object
    assert chart.layout.yaxis.rangemode == "tozero"
    # The 17-18 March articles are 3 and 2 days before the visit, in the bucket of days -30
    # to -1: drawn across it, ending at 0 where the visit's milestone is, not starting there.
    nbc = next(trace for trace in chart.data if trace.name == "NBC News")
    assert (_numbers(nbc.x), _numbers(nbc.width)) == ([-15.0], [30])


def test_a_single_period_draws_visible_bars(seed_build):
    february = (date(2023, 2, 1), date(2023, 2, 28))
    state = DataStore(seed_build, granularity="month", date_range=february)
    chart = Overview(store=state).chart.object
    result = {trace.name: _numbers(trace.width) for trace in chart.data}
    expected = {
        "Breitbart News": [28 * 86_400_000],
        "Chinese-language outlet (translated)": [28 * 86_400_000],
    }
    assert result == expected


def test_the_mentions_view_grows_with_the_actors(seed_build):
    state = DataStore(seed_build)
    mentions = Mentions(store=state)
    four = mentions.chart.height
    assert four == mentions.chart.object.layout.height
    state.actors = state.actors[:1]
    assert mentions.chart.height < four
    titles = [a.text for a in mentions.chart.object.layout.annotations if a.text.startswith("<b>")]
    assert titles == ["<b>Xi Jinping</b>"]


def test_views_update_when_the_outlet_filter_changes(seed_build):
    state = DataStore(seed_build)
    mentions = Mentions(store=state)
    before = {trace.name for trace in mentions.chart.object.data}
    state.sources = ["NBC News"]
    after = {tuple(trace.meta) for trace in mentions.chart.object.data}
    assert len(before) == 5
    assert after == {(actor, "NBC News") for actor in state.actors}


def test_a_click_on_a_point_lists_its_sentences(seed_build):
    mentions = Mentions(store=DataStore(seed_build))
    chart = mentions.chart.object
    curve = [tuple(trace.meta) for trace in chart.data].index(("xi_jinping", "NBC News"))
    mentions._clicked(_click(curveNumber=curve, pointNumber=0, pointIndex=0))
    header, table = mentions.evidence
    assert header.object == (
        "<b>9 sentences</b> mentioning <b>Xi Jinping</b> in <i>NBC News</i>, week of 13 Mar 2023"
    )
    assert table.value["source"].unique().tolist() == ["NBC News"]
    assert table.value["published"].unique().tolist() == ["2023-03-18"]


def test_a_click_on_the_event_axis_finds_the_period(seed_build):
    mentions = Mentions(store=DataStore(seed_build, axis="event", granularity="month"))
    chart = mentions.chart.object
    curve = [tuple(trace.meta) for trace in chart.data].index(("xi_jinping", "NBC News"))
    assert chart.data[curve].text[0] == "days -30 to -1"
    mentions._clicked(_click(curveNumber=curve, pointNumber=0, pointIndex=0))
    assert mentions.evidence[0].object.startswith("<b>9 sentences</b>")
    assert mentions.evidence[0].object.endswith(", days -30 to -1")


def test_a_click_finds_the_period_by_the_point_s_place_in_its_line(headline_build):
    # Outlet Two published on 21 and 22 March: by day, two points on each of its lines.
    mentions = Mentions(store=DataStore(headline_build, granularity="day"))
    chart = mentions.chart.object
    curve = [tuple(trace.meta) for trace in chart.data].index(("xi_jinping", "Outlet Two"))
    assert list(chart.data[curve].text) == ["21 Mar 2023", "22 Mar 2023"]
    mentions._clicked(_click(curveNumber=curve, pointNumber=1, pointIndex=1))
    header, table = mentions.evidence
    assert header.object.endswith("in <i>Outlet Two</i>, 22 Mar 2023")
    assert table.value["published"].unique().tolist() == ["2023-03-22"]
    mentions._clicked(_click(curveNumber=curve, pointNumber=7, pointIndex=7))  # no such point
    assert mentions.evidence[0].object.endswith("all periods")


def test_a_click_without_a_trace_or_ids_does_nothing(seed_build):
    mentions = Mentions(store=DataStore(seed_build))
    before = list(mentions.evidence)
    for event in (_click(curveNumber=999), _click(), SimpleNamespace(new=None)):
        mentions._clicked(event)
    assert list(mentions.evidence) == before


def test_evidence_on_click(seed_build):
    mentions = Mentions(store=DataStore(seed_build))
    mentions.show_evidence(actor="xi_jinping", source="NBC News", period=None)
    assert mentions.evidence[0].object.startswith("<b>9 sentences</b> mentioning <b>Xi Jinping")
    assert mentions.evidence[0].object.endswith("all periods")


def test_mentions_names_outlets_as_text_and_a_click_finds_their_sentences(hostile_build):
    mentions = Mentions(store=DataStore(hostile_build))
    chart = mentions.chart.object
    names = [trace.name for trace in chart.data]
    assert safe.escape(STORED) in names
    assert not any("<" in name for name in names)
    assert "<img" not in chart.to_json()
    curve = [tuple(trace.meta) for trace in chart.data].index(("xi_jinping", safe.escape(STORED)))
    mentions._clicked(_click(curveNumber=curve, pointNumber=0, pointIndex=0))
    header, table = mentions.evidence
    result = header.object
    expected = f"<b>1 sentences</b> mentioning <b>Xi Jinping</b> in <i>{safe.escape(STORED)}"
    assert result.startswith(expected)
    assert table.value["source"].unique().tolist() == [STORED]


def test_evidence_headers_escape_what_a_click_sends(hostile_build):
    mentions = Mentions(store=DataStore(hostile_build))
    mentions.show_evidence(actor="<b>", source=STORED, period="<img src=x onerror=alert(2)>")
    assert "<img" not in mentions.evidence[0].object
    assert "<b>&lt;b&gt;</b>" in mentions.evidence[0].object
    assert mentions.evidence[0].object.endswith("period &lt;img src=x onerror=alert(2)&gt;")


def test_the_sentiment_csv_is_the_plotted_series(seed_build):
    state = DataStore(seed_build)
    sentiment = Sentiment(store=state)
    result = pl.read_csv(sentiment._csv())
    assert tuple(result.columns) == TONE_COLUMNS
    counts = dict(result.group_by("sentences").len().iter_rows())
    assert counts == {"all sentences": 5, "sentences mentioning the actor": 5}
    assert result.filter(pl.col("sentences") == "all sentences")["actor"].null_count() == 5
    actor = result.filter(pl.col("actor").is_not_null())
    assert actor["actor"].unique().to_list() == ["xi_jinping"]
    # The plotted means: the numbers the chart draws, not sentence scores.
    plotted = sorted(y for trace in sentiment.overall.object.data for y in _numbers(trace.y))
    assert sorted(result.filter(pl.col("actor").is_null())["mean_tone"]) == pytest.approx(plotted)
    assert result["small_sample"].all()  # one article per outlet
    assert result["ci_low"].null_count() == result.height


def test_sentiment_says_why_points_are_hollow_and_bare(seed_build):
    sentiment = Sentiment(store=DataStore(seed_build))
    overall, directed = sentiment.overall.object, sentiment.directed.object
    subtitle = overall.layout.title.subtitle.text
    assert f"hollow: fewer than {timeseries.SMALL_SAMPLE_ARTICLES} articles" in subtitle
    assert "no bar: one article, so no interval" in subtitle
    assert "(multilex)" in subtitle
    assert directed.layout.title.text == "Tone of sentences mentioning Xi Jinping, by outlet"
    symbols = {symbol for trace in overall.data for symbol in _numbers(trace.marker.symbol)}
    assert symbols == {plots.tone.HOLLOW}


def test_the_per_article_tone_is_tall_enough_to_read(seed_build):
    sentiment = Sentiment(store=DataStore(seed_build))
    spread = sentiment.spread.object
    assert [trace.orientation for trace in spread.data] == ["h"] * 5
    assert sentiment.spread.height == spread.layout.height >= 5 * 26


def test_the_sentiment_view_escapes_outlet_names(hostile_build):
    sentiment = Sentiment(store=DataStore(hostile_build))
    for figure in _figures(sentiment):
        assert "<img" not in figure.to_json()
    data = sentiment.data()
    assert STORED in data["source"].to_list()  # the CSV holds the values themselves


def test_a_copied_chart_takes_updates_as_a_built_one_does(seed_build):
    built = Mentions(store=DataStore(seed_build)).chart.object
    copied = views.thawed(views.frozen(built))
    for figure in (built, copied):
        figure.update_layout(title="t", xaxis_range=[0, 3])
        figure.data[0].line.width = 4
    assert copied.to_json() == built.to_json()
    assert copied.layout.title.text == "t"
    with pytest.raises(ValueError, match="bogus"):
        copied.update_layout(bogus=1)


def test_a_build_without_actors_says_so_in_the_actor_chart(seed_build):
    state = DataStore(seed_build)
    state.actor = None
    sentiment = Sentiment(store=state)
    assert (
        sentiment.directed.object.layout.annotations[0].text == "no actor to choose in this build"
    )
    assert set(sentiment.data()["sentences"]) == {"all sentences"}
