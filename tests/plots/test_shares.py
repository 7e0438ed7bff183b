"""framescope.plots.shares."""

import polars as pl

from framescope import encoding, plots
from framescope.plots import shares


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


def _terms(sources):
    rows = [(s, t, 0.5, 1) for s in sources for t in ("smo", "war_of_choice")]
    return pl.DataFrame(rows, schema=["source", "term", "share", "n"], orient="row")


def test_stacked_shares_shows_names_and_keeps_ids_for_clicks():
    names = {"smo": "special military operation", "war_of_choice": "war of choice"}
    figure = plots.stacked_shares(_terms(["A <b>"]), category="term", title="War", names=names)
    result = {trace.name: trace.meta for trace in figure.data}
    expected = {"special military operation": "smo", "war of choice": "war_of_choice"}
    assert result == expected
    assert [shares.clicked_id(trace, {"y": "A &lt;b&gt;"}) for trace in figure.data] == [
        "smo",
        "war_of_choice",
    ]
    assert list(figure.data[0].y) == ["A &lt;b&gt;"]  # outlets escaped


def test_stacked_shares_colours_follow_the_category_not_what_is_shown():
    colours = {"war_of_choice": "red", "smo": "blue"}
    result = [
        {trace.meta: trace.marker.color for trace in
         plots.stacked_shares(_terms(sources), category="term", title="t", colours=colours).data}
        for sources in (["A", "B"], ["B"], ["C", "A"])
    ]  # fmt: skip
    assert result == [{"smo": "blue", "war_of_choice": "red"}] * 3


def test_stacked_shares_default_colours_are_the_category_palette():
    figure = plots.stacked_shares(_terms(["A"]), category="term", title="t")
    result = {trace.marker.color for trace in figure.data}
    assert result <= set(encoding.CATEGORY_PALETTE)
    assert not result & set(encoding.OUTLET_PALETTE)


def test_stacked_shares_tells_apart_two_categories_of_one_colour():
    # A palette of 12 cycles over a profile's descriptors: the 13th shares the 1st's colour.
    colours = encoding.category_colours([f"label{i}" for i in range(13)])
    table = pl.DataFrame({"source": ["A", "A"], "label": ["label0", "label12"],
                          "share": [0.5, 0.5], "n": [1, 1]})  # fmt: skip
    figure = plots.stacked_shares(table, category="label", title="t", colours=colours)
    result = {trace.meta: (trace.marker.color, trace.marker.pattern.shape) for trace in figure.data}
    colour = encoding.CATEGORY_PALETTE[0]
    assert result == {"label0": (colour, None), "label12": (colour, shares.PATTERNS[1])}


def test_stacked_shares_rest_is_grey_last_and_not_clickable():
    table = pl.DataFrame({"source": ["X"] * 3, "label": ["ally", "foe", "host"],
                          "share": [0.5, 0.3, 0.2], "n": [5, 3, 2]})  # fmt: skip
    figure = plots.stacked_shares(table, category="label", title="t", top=1)
    rest = figure.data[-1]
    assert (rest.name, rest.marker.color, rest.meta) == ("other labels (2)", encoding.OTHER, None)
    assert shares.clicked_id(rest, {"y": "X"}) is None


def test_stacked_shares_legend_lies_below_and_outlets_read_top_down():
    figure = plots.stacked_shares(_terms(["B", "A", "C"]), category="term", title="t")
    assert figure.layout.showlegend
    assert (figure.layout.legend.orientation, figure.layout.legend.yanchor) == ("h", "top")
    assert list(figure.layout.yaxis.categoryarray) == ["A", "B", "C"]
    assert figure.layout.yaxis.autorange == "reversed"


def test_heatmap_columns_by_name_in_order_with_ids_for_clicks():
    table = pl.DataFrame({"source": ["B", "A", "A"], "frame": ["war_cost", "war_cost", "aid"],
                          "share": [1.0, 0.5, 0.5]})  # fmt: skip
    names = {"war_cost": "the cost of the war in lives", "aid": "aid"}
    figure = plots.heatmap(table, x="frame", y="source", value="share", title="t", names=names,
                           order=["war_cost", "aid"], value_format=".0%")  # fmt: skip
    trace = figure.data[0]
    assert list(trace.x) == ["the cost of the<br>war in lives", "aid"]
    assert list(trace.y) == ["A", "B"]
    assert [list(row) for row in trace.z] == [[0.5, 0.5], [1.0, None]]
    result = [shares.clicked_id(trace, {"x": x, "y": "A"}) for x in trace.x]
    assert result == ["war_cost", "aid"]
    assert shares.clicked_id(trace, {"x": "elsewhere", "y": "A"}) is None
    assert "%{z:.0%}" in trace.hovertemplate


def test_heatmap_escapes_names_and_outlets():
    table = pl.DataFrame({"source": ["<img src=x>"], "frame": ["f"], "share": [1.0]})
    figure = plots.heatmap(table, x="frame", y="source", value="share", title="t",
                           names={"f": "<b>bold</b>"})  # fmt: skip
    assert "<img" not in figure.to_json() and "<b>bold" not in figure.to_json()
    assert shares.clicked_id(figure.data[0], {"x": "&lt;b&gt;bold&lt;/b&gt;"}) == "f"


def test_stacked_shares_names_a_single_category_in_the_legend():
    table = pl.DataFrame({"source": ["A"], "label": ["president"], "share": [1.0], "n": [2]})
    assert plots.stacked_shares(table, category="label", title="t").layout.showlegend
