"""framescope.plots.tone."""

from datetime import date, datetime

import numpy as np
import polars as pl
import pytest

from framescope import plots, timeseries

SERIES = pl.DataFrame(
    {
        "period": [date(2023, 3, 13)] * 3,
        "source": ["C", "A", "B"],
        "n_sentences": [10, 4, 60],
        "n_articles": [3, 1, 8],
        "mean_tone": [0.2, 0.0, 0.01],
        "ci_low": [0.1, None, -0.1],
        "ci_high": [0.35, None, 0.1],
        "rule": ["mean of sentence VADER compound"] * 3,
        "small_sample": [True, True, False],
    }
)


def _trace(figure, name):
    return next(trace for trace in figure.data if trace.name == name)


def test_tone_over_time_carries_intervals_and_n():
    figure = plots.tone_over_time(SERIES)
    trace = _trace(figure, "C")
    result = (list(trace.error_y.array), list(trace.error_y.arrayminus))
    assert result == (pytest.approx([0.15]), pytest.approx([0.1]))
    assert trace.customdata[0] == (
        "week of 13 Mar 2023<br>mean tone 0.2<br>95% interval 0.1 to 0.35<br>"
        "n: 10 sentences in 3 articles<br>small sample: fewer than 5 articles"
    )


def test_a_point_without_an_interval_has_no_bar_and_says_why():
    figure = plots.tone_over_time(SERIES)
    trace = _trace(figure, "A")
    # NaN draws nothing; a zero-length bar would read as certainty.
    assert np.isnan(trace.error_y.array[0]) and np.isnan(trace.error_y.arrayminus[0])
    assert "no interval: one article" in trace.customdata[0]
    assert "no bar: one article, so no interval" in figure.layout.title.subtitle.text


def test_small_samples_are_hollow_and_the_subtitle_says_so():
    figure = plots.tone_over_time(SERIES)
    result = {trace.name: trace.marker.symbol.tolist() for trace in figure.data}
    hollow, filled = plots.tone.HOLLOW, plots.tone.FILLED
    assert result == {"A": [hollow], "B": [filled], "C": [hollow]}
    subtitle = figure.layout.title.subtitle.text
    assert f"hollow: fewer than {timeseries.SMALL_SAMPLE_ARTICLES} articles" in subtitle
    plain = plots.tone_over_time(SERIES.filter(pl.col("source") == "B"))
    assert "hollow" not in plain.layout.title.subtitle.text
    assert "no bar" not in plain.layout.title.subtitle.text


def test_outlets_of_one_period_sit_side_by_side_in_name_order():
    figure = plots.tone_over_time(SERIES)
    xs = {trace.name: trace.x[0] for trace in figure.data}
    middle = np.datetime64(datetime(2023, 3, 16, 12), "ms")
    assert xs["A"] < xs["B"] == middle < xs["C"]
    # Within the week: 60% of it shared by three outlets, 0.2 of a week apart.
    assert xs["C"] - xs["B"] == np.timedelta64(int(0.2 * 7 * 86_400_000), "ms")
    event = plots.tone_over_time(SERIES.with_columns(period=pl.lit(-7)), axis="event")
    assert sorted(trace.x[0] for trace in event.data) == pytest.approx([-4.9, -3.5, -2.1])


def test_tone_axis_and_title_in_plain_words():
    figure = plots.tone_over_time(SERIES, title="Tone of all sentences", method="VADER")
    assert figure.layout.yaxis.title.text == "mean tone (-1 negative to +1 positive)"
    assert list(figure.layout.yaxis.range) == [-1.05, 1.05]
    assert figure.layout.title.text == "Tone of all sentences"
    assert "(VADER)" in figure.layout.title.subtitle.text
    assert "_" not in figure.layout.title.subtitle.text


def test_tone_colours_come_from_the_build():
    figure = plots.tone_over_time(SERIES, colours={"A": "#111111", "B": "#222222", "C": "#333"})
    assert {trace.name: trace.line.color for trace in figure.data} == {
        "A": "#111111",
        "B": "#222222",
        "C": "#333",
    }


def test_tone_over_time_escapes_outlet_names():
    figure = plots.tone_over_time(SERIES.with_columns(source=pl.lit("<img src=x>")))
    assert "<img" not in figure.to_json()


SCORES = pl.DataFrame(
    {
        "article_id": ["a", "a", "b", "c", "c"],
        "label": ["X · 2023-03-20"] * 3 + ["Y · 2023-03-21"] * 2,
        "source": ["X", "X", "X", "Y", "Y"],
        "compound": [0.5, -0.1, 0.2, -0.4, 0.0],
    }
)


def test_tone_distribution_is_a_readable_row_per_article():
    figure = plots.tone_distribution(SCORES, colours={"X": "#111111", "Y": "#222222"})
    result = [
        (trace.name, trace.orientation, trace.marker.color, len(trace.x)) for trace in figure.data
    ]
    expected = [
        ("X · 2023-03-20", "h", "#111111", 2),
        # Same outlet and day: a row of its own, not drawn over the first.
        ("X · 2023-03-20 (2)", "h", "#111111", 1),
        ("Y · 2023-03-21", "h", "#222222", 2),
    ]
    assert result == expected
    assert figure.layout.yaxis.automargin is True
    assert figure.layout.yaxis.autorange == "reversed"  # first article on top


def test_tone_distribution_grows_with_the_articles():
    many = pl.DataFrame(
        {
            "article_id": [f"a{i:02d}" for i in range(40)],
            "label": [f"X · {i:02d}" for i in range(40)],
            "source": ["X"] * 40,
            "compound": [0.1] * 40,
        }
    )
    few = plots.tone_distribution(SCORES).layout.height
    result = plots.tone_distribution(many).layout.height
    assert result >= few + 37 * 20  # at least 20 px more per article


def test_tone_summary_one_box_per_outlet():
    stats = pl.DataFrame(
        {"source": ["B", "A"], "q1": [-0.2, 0.0], "median": [0.0, 0.1], "q3": [0.3, 0.2],
         "lowerfence": [-0.9, -0.1], "upperfence": [0.9, 0.4], "mean": [0.05, 0.1],
         "n": [40, 12], "n_articles": [3, 2]}
    )  # fmt: skip
    result = plots.tone_summary(stats, method="VADER")
    assert [trace.name for trace in result.data] == [
        "B (n=40 sentences in 3 articles)",
        "A (n=12 sentences in 2 articles)",
    ]
    assert list(result.data[0].median) == [0.0]
    assert result.data[0].orientation == "h"
    assert "(VADER)" in result.layout.title.subtitle.text
    assert plots.tone_summary(stats.clear()).layout.annotations[0].text == plots.NO_DATA
