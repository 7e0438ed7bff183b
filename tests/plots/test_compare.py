"""framescope.plots.compare."""

import plotly.graph_objects as go
import polars as pl
import pytest

from framescope import encoding, plots
from framescope.plots.compare import SMALL_PATTERN, Panel, outlets_side_by_side, ticks

SCHEMA = {
    "source": pl.String, "measure": pl.String, "item": pl.String, "name": pl.String,
    "n": pl.Int64, "n_total": pl.Int64, "n_articles": pl.Int64, "share": pl.Float64,
    "per_article": pl.Float64, "mean": pl.Float64, "ci_low": pl.Float64, "ci_high": pl.Float64,
    "interval": pl.String, "small_sample": pl.Boolean,
}  # fmt: skip
HOSTILE = "<img src=x onerror=alert(1)>"
PANELS = [
    Panel("tone", "Tone", "mean"),
    Panel("war_terms", "War naming", empty="no war term found"),
    Panel("figures", "Claims", "per_article"),
]


def _tone(source, n, articles, mean, *, low=None, high=None, small=False):
    interval = None if low is None else "article bootstrap"
    return (source, "tone", "vader", "vader", n, n, articles, None, None, mean, low, high,
            interval, small)  # fmt: skip


def _share(source, measure, item, n, total, *, articles=2, small=False, name=None):
    share = n / total if total else None
    return (source, measure, item, name or item, n, total, articles, share, n / articles, None,
            None, None, None, small)  # fmt: skip


ROWS = pl.DataFrame(
    [
        _tone("A", 40, 5, 0.2, low=0.1, high=0.3),
        _tone("B", 3, 1, -0.1, small=True),
        _tone(HOSTILE, 25, 2, 0.0, low=-0.2, high=0.2),
        _share("A", "war_terms", "war", 30, 40),
        _share("A", "war_terms", "special_military_operation", 10, 40,
               name="special military operation"),
        _share("B", "war_terms", "war", 2, 2, small=True),
        _share("B", "war_terms", "special_military_operation", 0, 2, small=True,
               name="special military operation"),
        _share(HOSTILE, "war_terms", "war", 0, 0, small=True),
        _share(HOSTILE, "war_terms", "special_military_operation", 0, 0, small=True,
               name="special military operation"),
        _share("A", "figures", "bilateral_trade", 4, 4),
    ],
    schema=SCHEMA,
    orient="row",
)  # fmt: skip
ORDER = ["B", HOSTILE, "A"]


def _figure(rows=ROWS, **options):
    return outlets_side_by_side(rows, panels=PANELS, order=ORDER, title="Compare", **options)


def _traces(figure, axis):
    return [trace for trace in figure.data if (trace.xaxis or "x") == axis]


def test_one_row_per_outlet_in_the_order_given_top_to_bottom_on_every_panel():
    figure = _figure()
    expected = ["B", "&lt;img src=x onerror=alert(1)&gt;", "A"]
    for axis in ("yaxis", "yaxis2", "yaxis3"):
        result = figure.layout[axis]
        assert list(result.categoryarray) == expected
        assert result.range == (2.5, -0.5)  # the first outlet at the top
    # Outlet names on the first column only: the panels share them.
    assert [figure.layout[a].showticklabels for a in ("yaxis", "yaxis2", "yaxis3")] == [
        True, False, False,
    ]  # fmt: skip


def test_tone_points_carry_their_interval_and_are_hollow_when_small():
    with_interval, without, counts = _traces(_figure(), "x")
    result = {
        y: (x, symbol)
        for trace in (with_interval, without)
        for x, y, symbol in zip(trace.x, trace.y, trace.marker.symbol, strict=True)
    }
    expected = {"B": (-0.1, "circle-open"), "&lt;img src=x onerror=alert(1)&gt;": (0.0, "circle"),
                "A": (0.2, "circle")}  # fmt: skip
    assert result == expected
    error = with_interval.error_x
    bars = dict(zip(with_interval.y, zip(error.arrayminus, error.array, strict=True), strict=True))
    assert bars["A"] == pytest.approx((0.1, 0.1))
    # No interval, no error bar at all (not one of no length, whose caps cross the point).
    assert without.y == ("B",) and without.error_x.array is None
    assert dict(zip(counts.y, counts.text, strict=True))["B"] == "n=3, 1 article: no interval"
    assert dict(zip(counts.y, counts.text, strict=True))["A"] == "n=40 in 5 articles"


def test_an_outlet_whose_sentences_never_mention_the_actor_says_so():
    rows = pl.concat([ROWS, pl.DataFrame([_tone("C", 0, 0, None)], schema=SCHEMA, orient="row")])
    figure = outlets_side_by_side(rows, panels=PANELS, order=[*ORDER, "C"], title="Compare")
    *points, counts = _traces(figure, "x")
    assert "C" not in {y for trace in points for y in trace.y}
    assert dict(zip(counts.y, counts.text, strict=True))["C"] == "not mentioned"


def test_small_samples_are_hatched_and_the_legend_shows_each_item_once_plain():
    bars = [trace for trace in _traces(_figure(), "x2") if trace.type == "bar"]
    legend = [trace for trace in bars if trace.showlegend]
    assert [trace.name for trace in legend] == ["war", "special military operation"]
    assert all(trace.marker.pattern.shape is None for trace in legend)
    hatched = [trace for trace in bars if trace.marker.pattern.shape == SMALL_PATTERN["shape"]]
    result = {(trace.name, y) for trace in hatched for y in trace.y}
    assert result == {("war", "B")}  # B's zero-count term draws nothing
    assert {(trace.name, y) for trace in legend for y in trace.y} == {
        ("war", "A"), ("special military operation", "A"),
    }  # fmt: skip


def test_each_row_says_its_n_and_an_outlet_without_any_says_none():
    counts = next(trace for trace in _traces(_figure(), "x2") if trace.type == "scatter")
    result = dict(zip(counts.y, counts.text, strict=True))
    expected = {"A": "n=40", "B": "n=2, small", "&lt;img src=x onerror=alert(1)&gt;": "none"}
    assert result == expected


def test_items_beyond_the_top_are_summed_in_one_grey_bar_at_the_end():
    rows = pl.DataFrame(
        [_share("A", "war_terms", term, n, 10) for term, n in
         [("war", 5), ("crisis", 3), ("conflict", 1), ("invasion", 1)]]
        + [_tone("A", 40, 5, 0.2, low=0.1, high=0.3)],
        schema=SCHEMA, orient="row",
    )  # fmt: skip
    figure = outlets_side_by_side(rows, panels=PANELS, order=["A"], title="t", top=2)
    bars = [t for t in _traces(figure, "x2") if t.type == "bar" and t.showlegend]
    assert [trace.name for trace in bars] == ["war", "crisis", "2 others"]
    assert bars[-1].marker.color == encoding.OTHER
    assert bars[-1].x == (pytest.approx(0.2),)


def test_colours_come_from_the_build_by_item_and_outlet():
    figure = _figure(
        category_colours={"war_terms": {"war": "red", "special_military_operation": "blue"}},
        outlet_colours={"A": "green", "B": "orange", HOSTILE: "black"},
    )
    legend = {t.name: t.marker.color for t in _traces(figure, "x2") if t.showlegend}
    assert legend == {"war": "red", "special military operation": "blue"}
    points = _traces(figure, "x")[0]
    assert dict(zip(points.y, points.marker.color, strict=True))["A"] == "green"


def test_every_bar_panel_has_its_own_legend_under_it():
    figure = _figure()
    war, claims = (
        {t.legend for t in _traces(figure, axis) if t.type == "bar"} for axis in ("x2", "x3")
    )
    assert war == {"legend"} and claims == {"legend2"}
    assert figure.layout.legend.x == figure.layout.xaxis2.domain[0]
    assert figure.layout.legend.y < figure.layout.yaxis2.domain[0]
    assert figure.layout.legend2.x == figure.layout.xaxis3.domain[0]


def test_the_figure_grows_with_the_outlets():
    many = [f"outlet {i}" for i in range(30)]
    rows = pl.DataFrame([_tone(s, 30, 3, 0.1, low=0.0, high=0.2) for s in many], schema=SCHEMA,
                        orient="row")  # fmt: skip
    small, large = (
        outlets_side_by_side(rows.head(k), panels=PANELS, order=many[:k], title="t").layout.height
        for k in (3, 30)
    )
    assert large - small >= 27 * 26 - 110  # a row per outlet at least


def test_a_panel_without_rows_says_why_instead_of_an_empty_axis():
    rows = ROWS.filter(pl.col("measure") != "war_terms")
    figure = outlets_side_by_side(rows, panels=PANELS, order=ORDER, title="Compare")
    texts = [a.text for a in figure.layout.annotations]
    assert "no war term found" in texts
    assert not [t for t in figure.data if (t.xaxis or "x") == "x2"]
    assert figure.layout.xaxis2.visible is False


def test_no_rows_is_the_empty_figure():
    result = outlets_side_by_side(ROWS.clear(), panels=PANELS, order=[], title="t")
    assert result.layout.annotations[0].text == plots.NO_DATA


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def test_markup_in_outlet_and_item_names_is_escaped():
    rows = ROWS.with_columns(
        pl.when(pl.col("item") == "war").then(pl.lit("<b>war</b>")).otherwise("name").alias("name")
    )
    figure = outlets_side_by_side(rows, panels=PANELS, order=ORDER, title="t")
    shown = list(_strings(figure.to_dict()))
    assert not [text for text in shown if "<img" in text or "<b>war" in text]
    assert "&lt;b&gt;war&lt;/b&gt;" in shown


def test_the_figure_is_valid_plotly():
    figure = _figure()
    result = go.Figure(figure.to_dict())  # validates every property again
    assert len(result.data) == len(figure.data)


@pytest.mark.parametrize(
    ("low", "high", "expected"),
    [(-0.03, 0.41, [0.0, 0.2, 0.4]), (0.0, 9.0, [0.0, 2.5, 5.0, 7.5]),
     (-0.5, -0.1, [-0.4, -0.2])],
)  # fmt: skip
def test_ticks_stay_within_the_data(low, high, expected):
    result = ticks(low, high)
    assert result == pytest.approx(expected)
    assert all(low - 1e-9 <= tick <= high + 1e-9 for tick in result)


def test_the_tone_axis_fits_the_data_and_draws_the_neutral_line_only_among_them():
    rows = pl.DataFrame(
        [_tone("A", 900, 300, 0.18, low=0.175, high=0.185),
         _tone("B", 900, 300, 0.20, low=0.195, high=0.205)],
        schema=SCHEMA, orient="row",
    )  # fmt: skip
    figure = outlets_side_by_side(rows, panels=PANELS[:1], order=["A", "B"], title="t")
    low, high = figure.layout.xaxis.range
    assert 0 < low < 0.175 and high > 0.205  # outlets 0.02 apart, not squeezed against 0
    assert figure.layout.shapes == ()
    assert all(low <= tick <= 0.25 for tick in figure.layout.xaxis.tickvals)
    result = _figure().layout.shapes  # ROWS' tone spans 0
    assert [(shape.x0, shape.xref) for shape in result] == [(0, "x")]
