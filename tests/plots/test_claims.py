"""framescope.plots.claims."""

from datetime import date

import polars as pl

from framescope import plots
from framescope.plots import claims as plots_claims
from framescope.plots.claims import claims_by_period


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


def _points(rows):
    """Claims with verdicts as ``report.trade.claim_points`` gives them."""
    return pl.DataFrame(
        rows,
        schema={"metric": pl.String, "unit": pl.String, "value": pl.Float64, "x": pl.Date,
                "source": pl.String, "verdict": pl.String},
        orient="row",
    ).with_columns(
        placed=pl.lit("period"), period_label=pl.lit("2022"), surface=pl.lit("$200 billion"),
        kind=pl.lit("actual"), verdict_note=pl.lit("why"),
    )  # fmt: skip


OFFICIAL = pl.DataFrame(
    {
        "metric": ["trade"] * 3,
        "unit": ["USD"] * 3,
        "x": [date(2014, 7, 2), date(2015, 7, 2), date(2016, 7, 2)],
        "value": [95e9, None, 70e9],
        "period": ["2014", "2015", "2016"],
        "label": ["GAC: annual total"] * 3,
    }
)
TARGETS = pl.DataFrame(
    {
        "metric": ["trade"],
        "unit": ["USD"],
        "x": [date(2023, 7, 2)],
        "value": [200e9],
        "period": ["2023 target"],
        "label": ["Putin: $200 billion for 2023"],
    }
)


def _claim_traces(figure):
    return [t for t in figure.data if t.legend == "legend" and t.showlegend is False]


def test_claims_by_period_draws_a_row_per_metric_and_unit_with_names_and_units() -> None:
    points = _points(
        [
            ("trade", "USD", 200e9, date(2023, 7, 2), "A", "target stated as fact"),
            ("imports", "percent", 16.0, date(2022, 7, 2), "A", "no reference"),
            ("drones", "USD", 3.3e6, date(2022, 7, 2), "B", "no reference"),
        ]
    )
    figure = claims_by_period(
        points, OFFICIAL, TARGETS, metric_names={"trade": "China-Russia trade"}
    )
    titles = [a.text for a in figure.layout.annotations]
    # Rows with official figures first, then by claims and id; ids the names lack humanised.
    assert titles[:3] == ["China-Russia trade (billion USD)", "drones (million USD)", "imports (%)"]
    # Every claim is a point, in its row, at its value in the row's unit.
    traces = _claim_traces(figure)
    assert sorted((t.yaxis, list(t.y)) for t in traces) == [
        ("y", [200.0]), ("y2", [3.3]), ("y3", [16.0]),
    ]  # fmt: skip
    assert [list(t.marker.symbol) for t in traces if t.yaxis == "y"] == [["star"]]
    # One legend of outlets, one of verdicts and official figures.
    outlets = [t.name for t in figure.data if t.legend == "legend" and t.showlegend is not False]
    assert outlets == ["A", "B"]
    second = [t.name for t in figure.data if t.legend == "legend2" and t.showlegend is not False]
    assert second == [
        "GAC: annual total", "stated targets", "target stated as fact", "no reference",
    ]  # fmt: skip
    assert "within 2%" in figure.layout.legend2.title.text


def test_the_official_line_is_broken_at_a_gap() -> None:
    figure = claims_by_period(_points([]), OFFICIAL)
    line = next(t for t in figure.data if t.name == "GAC: annual total")
    assert list(line.y) == [95.0, None, 70.0]
    assert line.connectgaps is False
    assert figure.layout.annotations[0].text == plots.NO_DATA  # the lines still shown


def test_claims_of_the_same_value_and_period_from_two_outlets_are_apart() -> None:
    same = ("trade", "USD", 200e9, date(2023, 7, 2))
    figure = claims_by_period(
        _points([(*same, "A", "matches"), (*same, "B", "matches"), (*same, "B", "matches")])
    )
    (trace,) = _claim_traces(figure)
    xs = sorted(x.astype("datetime64[D]").item() for x in trace.x)
    assert len(xs) == 2  # B's two reports are one point, A's another, side by side
    assert xs[0] < date(2023, 7, 2) < xs[-1]
    assert (xs[-1] - xs[0]).days <= 300  # still within its year
    by_outlet = {row[0]: (row[7], size) for row, size in zip(trace.customdata, trace.marker.size,
                                                              strict=True)}  # fmt: skip
    assert by_outlet["B"][0] == " (2 reports)"
    assert by_outlet["A"][0] == ""
    assert by_outlet["B"][1] > by_outlet["A"][1]


def test_a_crowded_row_keeps_the_checked_verdicts_and_says_what_it_leaves_out() -> None:
    n = plots_claims.ROW_POINTS + 5
    rows = [("trade", "USD", 1e9 * i, date(2022, 7, 2), "A", "differs") for i in range(n)]
    rows += [("trade", "USD", 200e9 + 1, date(2023, 7, 2), "B", "wrong period")]
    figure = claims_by_period(_points(rows))
    (trace,) = _claim_traces(figure)
    assert len(trace.x) == plots_claims.ROW_POINTS
    assert "wrong period" in {row[5] for row in trace.customdata}
    assert "6 more points" in figure.layout.title.text


def test_claims_take_the_builds_outlet_colours_and_escape_what_the_data_says() -> None:
    hostile = "<img src=x onerror=alert(1)>"
    points = _points([("trade", "USD", 200e9, date(2023, 7, 2), hostile, "matches")])
    figure = claims_by_period(points, colours={hostile: "#123456"})
    legend = next(t for t in figure.data if t.legend == "legend" and t.showlegend is not False)
    assert legend.name == "&lt;img src=x onerror=alert(1)&gt;"
    assert legend.marker.color == "#123456"
    (trace,) = _claim_traces(figure)
    assert trace.customdata[0][0] == legend.name
    # The point's colour: its number on the trace's stepped scale is the outlet's colour.
    assert trace.marker.colorscale[trace.marker.color[0]][1] == "#123456"


def test_each_point_has_its_outlets_colour() -> None:
    colours = {"A": "#111111", "B": "#222222", "C": "#333333"}
    points = _points(
        [("trade", "USD", 1e9 * i, date(2022, 7, 2), source, "differs")
         for i, source in enumerate("CAB")]
    )  # fmt: skip
    (trace,) = _claim_traces(figure := claims_by_period(points, colours=colours))
    steps = trace.marker.cmax - trace.marker.cmin
    scale = {round(position * steps): colour for position, colour in trace.marker.colorscale}
    drawn = {row[0]: scale[int(c)] for row, c in zip(trace.customdata, trace.marker.color,
                                                      strict=True)}  # fmt: skip
    assert drawn == colours
    assert trace.marker.opacity == 1  # plotly dims points on a colour scale: not the legend's
    assert figure.layout.legend.itemclick is False  # the sidebar chooses outlets


def test_claims_without_a_place_are_counted_not_lost() -> None:
    points = _points(
        [("trade", "USD", 200e9, date(2023, 7, 2), "A", "matches"),
         ("trade", "USD", 12.0, None, "A", "no reference")]
    )  # fmt: skip
    figure = claims_by_period(points)
    assert "1 claims name no period and have no date" in figure.layout.title.text
    only_unplaced = claims_by_period(points.filter(pl.col("x").is_null()))
    assert only_unplaced.layout.annotations[0].text.startswith("1 claims name no period")
    assert claims_by_period(_points([])).layout.annotations[0].text == plots.NO_DATA


def test_many_claims_are_drawn_with_webgl() -> None:
    # Two rows, each full: more points in all than SVG draws quickly.
    rows = [
        (metric, "USD", 1e9 * i, date(2000 + i % 20, 7, 2), "A", "matches")
        for metric in ("trade", "imports")
        for i in range(plots_claims.ROW_POINTS)
    ]
    assert len(rows) > plots.WEBGL_POINTS
    figure = claims_by_period(_points(rows))
    assert {t.type for t in _claim_traces(figure)} == {"scattergl"}
