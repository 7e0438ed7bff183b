"""framescope.plots.common."""

from datetime import date

import plotly.graph_objects as go
import polars as pl

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
    result = plots.add_milestones(go.Figure(), marks, axis="event")
    assert [s.x0 for s in result.layout.shapes] == [-49, 0]
    assert [a.text for a in result.layout.annotations] == ["invitation", "visit"]
    assert result.layout.shapes[0].yref == "y domain"
