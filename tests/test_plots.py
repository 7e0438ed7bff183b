from datetime import date

import polars as pl
import pytest

from framescope import plots


def test_empty_frames_say_so():
    empty = pl.DataFrame()
    for figure in (
        plots.coverage(empty),
        plots.mentions_over_time(empty),
        plots.tone_over_time(empty),
        plots.tone_distribution(empty),
        plots.heatmap(empty, x="a", y="b", value="c", title="t"),
        plots.stacked_shares(empty, category="c", title="t"),
        plots.claims_against_reference(empty, empty),
    ):
        assert figure.layout.annotations[0].text == plots.NO_DATA


def test_mentions_over_time_labels_raw_and_normalised():
    series = pl.DataFrame(
        {
            "period": [date(2023, 3, 13), date(2023, 3, 20)],
            "source": ["A", "A"],
            "actor": ["xi_jinping", "xi_jinping"],
            "mentions": [2, 3],
            "articles": [1, 2],
            "words": [100, 300],
            "mentions_per_1k_words": [20.0, 10.0],
        }
    )
    raw = plots.mentions_over_time(series)
    normalised = plots.mentions_over_time(series, value="mentions_per_1k_words")
    assert raw.layout.yaxis.title.text == "mentions (raw count)"
    assert "normalised" in normalised.layout.yaxis.title.text
    assert list(normalised.data[0].y) == [20.0, 10.0]
    assert raw.data[0].name == "xi_jinping · A"
    with pytest.raises(ValueError, match="value 'bogus' is not one of"):
        plots.mentions_over_time(series, value="bogus")


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


def test_milestones_are_drawn():
    milestones = pl.DataFrame(
        {"date": [date(2023, 3, 20)], "label": ["visit"], "days_from_event": [0]}
    )
    articles = pl.DataFrame({"period": [date(2023, 3, 20)], "source": ["A"]})
    figure = plots.coverage(articles, milestones=milestones)
    assert [a.text for a in figure.layout.annotations] == ["visit"]
    assert len(figure.layout.shapes) == 1


def test_milestones_are_lines_and_labels_added_at_once():
    marks = pl.DataFrame(
        {"date": [date(2023, 1, 30), date(2023, 3, 20)], "days_from_event": [-49, 0],
         "label": ["invitation", "visit"]}
    )  # fmt: skip
    result = plots.add_milestones(plots.go.Figure(), marks, axis="event")
    assert [s.x0 for s in result.layout.shapes] == [-49, 0]
    assert [a.text for a in result.layout.annotations] == ["invitation", "visit"]
    assert result.layout.shapes[0].yref == "y domain"


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


def test_stacked_shares_sums_all_but_the_top_categories():
    table = pl.DataFrame(
        {"source": ["X", "X", "X", "Y", "Y"], "label": ["ally", "foe", "host", "ally", "guest"],
         "share": [0.5, 0.3, 0.2, 0.6, 0.4], "n": [5, 3, 2, 6, 4]}
    )  # fmt: skip
    figure = plots.stacked_shares(table, category="label", title="Labels", top=2)
    result = {trace.name: dict(zip(trace.y, trace.x, strict=True)) for trace in figure.data}
    expected = {"ally": {"X": 0.5, "Y": 0.6}, "guest": {"Y": 0.4},
                "other labels (2)": {"X": 0.5}}  # fmt: skip
    assert result == expected
    assert list(result)[-1] == "other labels (2)"  # the rest at the end of each bar
    assert "the 2 most frequent of 4 labels" in figure.layout.title.text


def test_stacked_shares_draws_every_category_when_few():
    table = pl.DataFrame({"source": ["X", "X"], "term": ["war", "conflict"],
                          "share": [0.5, 0.5], "n": [1, 1]})  # fmt: skip
    result = plots.stacked_shares(table, category="term", title="War")
    assert sorted(trace.name for trace in result.data) == ["conflict", "war"]
    assert result.layout.title.text == "War"


def test_claims_are_drawn_with_webgl_only_when_many():
    def claims(n):
        return pl.DataFrame(
            {"published": [date(2023, 3, 1)] * n, "value_bn": [200.0] * n, "source": ["X"] * n,
             "metric": ["bilateral_trade"] * n, "kind": ["target"] * n, "surface": ["$200bn"] * n}
        )  # fmt: skip

    reference = pl.DataFrame(schema={"date": pl.Date, "value_bn": pl.Float64, "label": pl.String})
    few = plots.claims_against_reference(claims(3), reference)
    many = plots.claims_against_reference(claims(plots.WEBGL_POINTS + 1), reference)
    assert [trace.type for trace in few.data] == ["scatter"]
    assert [trace.type for trace in many.data] == ["scattergl"]
    assert list(few.data[0].customdata[0]) == ["bilateral_trade", "target", "$200bn"]
