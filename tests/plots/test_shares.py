"""framescope.plots.shares."""

import polars as pl

from framescope import plots


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
