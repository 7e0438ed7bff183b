"""framescope.plots.time."""

from datetime import date, datetime

import numpy as np
import polars as pl
import pytest

from framescope import plots
from framescope.plots import time

DAY_MS = 86_400_000


@pytest.mark.parametrize(
    ("freq", "start", "middle", "width"),
    [
        ("day", date(2023, 3, 17), datetime(2023, 3, 17, 12), DAY_MS),
        ("week", date(2023, 3, 13), datetime(2023, 3, 16, 12), 7 * DAY_MS),
        ("month", date(2023, 2, 1), datetime(2023, 2, 15), 28 * DAY_MS),
        ("month", date(2023, 3, 1), datetime(2023, 3, 16, 12), 31 * DAY_MS),
    ],
)
def test_coverage_bars_span_their_calendar_period(freq, start, middle, width):
    articles = pl.DataFrame({"period": [start, start], "source": ["A", "A"]})
    (bar,) = plots.coverage(articles, freq=freq).data
    result = (bar.x[0], bar.width[0], bar.y[0])
    expected = (np.datetime64(middle, "ms"), width, 2)
    assert result == expected


@pytest.mark.parametrize(
    ("freq", "start", "middle", "width"),
    [("day", -3, -2.5, 1), ("week", -7, -3.5, 7), ("month", -30, -15.0, 30)],
)
def test_coverage_bars_span_their_period_on_the_event_axis(freq, start, middle, width):
    # Days -3 and -2 (the 17-18 March articles) in the month bucket -30: drawn at -15, inside
    # the bucket and right of -30, not at its first day.
    articles = pl.DataFrame({"period": [start], "source": ["A"]})
    (bar,) = plots.coverage(articles, freq=freq, axis="event").data
    assert (bar.x[0], bar.width[0]) == (middle, width)


def test_a_single_period_and_a_single_article_draw_a_visible_bar():
    articles = pl.DataFrame({"period": [date(2023, 3, 1)], "source": ["A"]})
    figure = plots.coverage(articles, freq="month")
    (bar,) = figure.data
    assert bar.width[0] == 31 * DAY_MS > 0
    assert list(bar.y) == [1]
    assert figure.layout.yaxis.rangemode == "tozero"


def test_coverage_colours_come_from_the_build_and_names_are_escaped():
    articles = pl.DataFrame({"period": [date(2023, 3, 13)] * 2, "source": ["<b>X</b>", "NBC"]})
    figure = plots.coverage(articles, colours={"NBC": "#123456", "<b>X</b>": "#abcdef"})
    result = {bar.name: bar.marker.color for bar in figure.data}
    assert result == {"&lt;b&gt;X&lt;/b&gt;": "#abcdef", "NBC": "#123456"}
    assert figure.data[0].customdata[0] == "week of 13 Mar 2023"


def test_coverage_of_text_periods_draws_categories():
    articles = pl.DataFrame({"period": ["w1", "w2"], "source": ["A", "A"]})
    (bar,) = plots.coverage(articles).data
    assert (list(bar.x), bar.width) == (["w1", "w2"], None)


def test_periods_of_the_wrong_kind_for_the_axis_are_an_error():
    articles = pl.DataFrame({"period": [-7], "source": ["A"]})
    with pytest.raises(ValueError, match="period: Int64 values on the 'calendar' axis"):
        plots.coverage(articles)


def test_week_ticks_fall_on_the_periods_boundaries():
    articles = pl.DataFrame({"period": [date(2023, 1, 30), date(2023, 3, 13)], "source": ["A"] * 2})
    axis = plots.coverage(articles).layout.xaxis
    # Plotly's own weekly ticks are Sundays, halfway through nothing.
    assert (axis.tick0, axis.dtick) == ("2023-01-02", 7 * DAY_MS)
    event = plots.coverage(
        pl.DataFrame({"period": [-60, -30], "source": ["A", "A"]}), freq="month", axis="event"
    ).layout.xaxis
    assert (event.tick0, event.dtick) == (0, 30)


SERIES = pl.DataFrame(
    {
        "period": [date(2023, 3, 13), date(2023, 3, 20)] * 4,
        "source": ["A", "A", "B", "B"] * 2,
        "actor": ["xi_jinping"] * 4 + ["wen_guanzhong"] * 4,
        "mentions": [2, 3, 0, 1, 1, 0, 0, 0],
        "articles": [1, 2, 1, 1] * 2,
        "words": [100, 300, 200, 200] * 2,
        "mentions_per_1k_words": [20.0, 10.0, 0.0, 5.0, 10.0, 0.0, 0.0, 0.0],
        "share_of_articles": [1.0, 0.5, 0.0, 1.0, 1.0, 0.0, 0.0, 0.0],
    }
)
NAMES = {"xi_jinping": "Xi Jinping", "wen_guanzhong": "Wen Guanzhong"}


def test_mentions_draw_a_panel_per_actor_and_a_line_per_outlet():
    figure = plots.mentions_over_time(
        SERIES, names=NAMES, actors=["xi_jinping", "wen_guanzhong"], colours={"A": "red"}
    )
    result = [
        (trace.name, tuple(trace.meta), trace.yaxis, trace.showlegend) for trace in figure.data
    ]
    expected = [
        ("A", ("xi_jinping", "A"), "y", True),
        ("B", ("xi_jinping", "B"), "y", True),
        ("A", ("wen_guanzhong", "A"), "y2", False),
        ("B", ("wen_guanzhong", "B"), "y2", False),
    ]
    assert result == expected
    # One legend entry per outlet, in the build's colour wherever it is drawn.
    assert {trace.line.color for trace in figure.data if trace.name == "A"} == {"red"}
    titles = [annotation.text for annotation in figure.layout.annotations]
    assert titles == ["<b>Xi Jinping</b>", "<b>Wen Guanzhong</b>"]
    # Same scale, from zero, in every panel; the time axis under the last one.
    assert (figure.layout.yaxis.rangemode, figure.layout.yaxis2.rangemode) == ("tozero", "tozero")
    assert figure.layout.yaxis2.matches == "y"
    assert figure.layout.xaxis.anchor == "y2"
    assert figure.layout.yaxis.domain[0] > figure.layout.yaxis2.domain[1]


def test_mentions_points_of_one_period_sit_side_by_side_within_it():
    figure = plots.mentions_over_time(SERIES.filter(pl.col("actor") == "xi_jinping"))
    first, second = (trace.x[0] for trace in figure.data)
    middle = np.datetime64(datetime(2023, 3, 16, 12), "ms")
    assert first < middle < second
    assert abs(second - first) < np.timedelta64(7 * DAY_MS, "ms") * 0.6 + 1


def test_mentions_hover_names_actor_outlet_period_and_n():
    figure = plots.mentions_over_time(SERIES, names=NAMES)
    trace = next(t for t in figure.data if tuple(t.meta) == ("xi_jinping", "A"))
    assert trace.hovertemplate.startswith("<b>Xi Jinping</b> in A<br>%{text}: %{y} mentions")
    assert trace.text[0] == "week of 13 Mar 2023"
    assert [list(row) for row in trace.customdata] == [[2, 1, 100], [3, 2, 300]]


def test_mentions_label_raw_and_normalised():
    raw = plots.mentions_over_time(SERIES)
    normalised = plots.mentions_over_time(SERIES, value="mentions_per_1k_words")
    share = plots.mentions_over_time(SERIES, value="share_of_articles")
    assert raw.layout.title.subtitle.text.startswith("mentions (raw count) per week")
    assert "normalised" in normalised.layout.title.subtitle.text
    assert normalised.layout.yaxis.title.text == "per 1,000 words"
    assert share.layout.yaxis.tickformat == ".0%"
    trace = next(t for t in normalised.data if tuple(t.meta) == ("xi_jinping", "A"))
    assert list(trace.y) == [20.0, 10.0]
    with pytest.raises(ValueError, match="value 'bogus' is not one of"):
        plots.mentions_over_time(SERIES, value="bogus")


def test_mentions_show_no_ids_where_people_read():
    figure = plots.mentions_over_time(SERIES, names=NAMES)
    shown = [trace.name for trace in figure.data if trace.showlegend]
    shown += [annotation.text for annotation in figure.layout.annotations]
    shown += [figure.layout.title.text, figure.layout.title.subtitle.text]
    assert not [text for text in shown if "_" in text]
    # An actor the names lack shows without underscores.
    unnamed = plots.mentions_over_time(SERIES)
    assert unnamed.layout.annotations[0].text == "<b>wen guanzhong</b>"


def test_milestones_run_through_every_mentions_panel():
    marks = pl.DataFrame({"date": [date(2023, 3, 20)], "label": ["visit"], "days_from_event": [0]})
    figure = plots.mentions_over_time(SERIES, milestones=marks, names=NAMES)
    (line,) = figure.layout.shapes
    assert (line.yref, line.y0, line.y1) == ("paper", 0, 1)
    # Panel titles drawn last, over a milestone's label; no ground under a milestone's label,
    # which would hide the points under it.
    result = [(a.text, a.bgcolor) for a in figure.layout.annotations]
    expected = [
        ("visit", None),
        ("<b>Wen Guanzhong</b>", time.TITLE_GROUND),
        ("<b>Xi Jinping</b>", time.TITLE_GROUND),
    ]
    assert result == expected
    bars = plots.coverage(
        pl.DataFrame({"period": [date(2023, 3, 13)], "source": ["A"]}), milestones=marks
    )
    assert [(a.text, a.bgcolor) for a in bars.layout.annotations] == [("visit", time.LABEL_GROUND)]


def test_small_counts_get_whole_number_ticks():
    articles = pl.DataFrame({"period": [date(2023, 3, 1)] * 2, "source": ["A", "B"]})
    assert plots.coverage(articles, freq="month").layout.yaxis.dtick == 1
    many = pl.DataFrame({"period": [date(2023, 3, 1)] * 40, "source": ["A"] * 40})
    assert plots.coverage(many, freq="month").layout.yaxis.dtick is None
    assert plots.mentions_over_time(SERIES).layout.yaxis2.dtick == 1
    assert plots.mentions_over_time(SERIES, value="share_of_articles").layout.yaxis.dtick is None


def test_a_single_period_of_mentions_draws_points():
    single = SERIES.filter(pl.col("period") == date(2023, 3, 20))
    figure = plots.mentions_over_time(single, freq="week", axis="calendar")
    assert all(len(trace.x) == 1 and "markers" in trace.mode for trace in figure.data)


def test_period_noun():
    assert time.period_noun("week", "calendar") == "week"
    assert time.period_noun("week", "event") == "7-day period"
