"""framescope.plots.tone."""

from datetime import date

import polars as pl
import pytest

from framescope import plots


def test_tone_over_time_carries_intervals_and_n():
    series = pl.DataFrame(
        {
            "period": [date(2023, 3, 13)],
            "source": ["A"],
            "n_sentences": [10],
            "n_articles": [3],
            "mean_tone": [0.2],
            "ci_low": [0.1],
            "ci_high": [0.35],
            "rule": ["mean of sentence VADER compound"],
        }
    )
    figure = plots.tone_over_time(series)
    trace = figure.data[0]
    assert (list(trace.error_y.array), list(trace.error_y.arrayminus)) == (
        pytest.approx([0.15]),
        pytest.approx([0.1]),
    )
    assert list(trace.customdata[0][:2]) == [10, 3]
    assert "mean of sentence VADER compound" in figure.layout.title.text


def test_tone_summary_one_box_per_outlet():
    stats = pl.DataFrame(
        {"source": ["B", "A"], "q1": [-0.2, 0.0], "median": [0.0, 0.1], "q3": [0.3, 0.2],
         "lowerfence": [-0.9, -0.1], "upperfence": [0.9, 0.4], "mean": [0.05, 0.1],
         "n": [40, 12], "n_articles": [3, 2]}
    )  # fmt: skip
    result = plots.tone_summary(stats)
    assert [trace.name for trace in result.data] == [
        "B (n=40 sentences in 3 articles)",
        "A (n=12 sentences in 2 articles)",
    ]
    assert list(result.data[0].median) == [0.0]
    assert plots.tone_summary(stats.clear()).layout.annotations[0].text == plots.NO_DATA
