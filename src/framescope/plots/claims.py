"""Numeric claims against official statistics and stated targets.

``claims_against_reference`` (the notebooks') puts trade claims at their publication dates;
``claims_by_period`` (the figures view's) puts every claim at the period it is about, one row per
metric and unit, its verdict as its marker.
"""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

import plotly.graph_objects as go
import polars as pl
from plotly.subplots import make_subplots

from framescope.plots.common import NO_DATA, add_milestones, colours_for, empty, escaped_value
from framescope.safe import escape, escape_expr

# Above this many claims the points are drawn with WebGL (``scattergl``): SVG markers make a
# browser crawl at tens of thousands. Below it SVG, which every browser draws.
WEBGL_POINTS = 1000


def claims_against_reference(
    claims: pl.DataFrame,
    reference: pl.DataFrame,
    targets: pl.DataFrame | None = None,
    *,
    milestones: pl.DataFrame | None = None,
    colours: Mapping[str, str] | None = None,
) -> go.Figure:
    """Trade claims at their publication dates with the official series and stated targets.

    ``claims``: published, value_bn, source, metric, kind, surface; ``reference``: date,
    value_bn, label (one line per series); ``targets``: date, value_bn, label.
    """
    if claims.is_empty() and reference.is_empty():
        return empty()
    traces: list[go.BaseTraceType] = []
    line_styles = [{"color": "black"}, {"color": "grey", "dash": "dot"}, {"color": "grey"}]
    for index, ((label,), rows) in enumerate(
        reference.sort("date").group_by("label", maintain_order=True)
    ):
        traces.append(
            go.Scatter(
                x=rows["date"].to_list(),
                y=rows["value_bn"].to_list(),
                mode="lines+markers",
                name=escape(label),
                line=line_styles[index % len(line_styles)],
                hovertemplate="%{x}: %{y:.2f} bn USD<extra>" + escape(label) + "</extra>",
            )
        )
    if targets is not None and not targets.is_empty():
        traces.append(
            go.Scatter(
                x=targets["date"].to_list(),
                y=targets["value_bn"].to_list(),
                mode="markers",
                name="stated targets",
                marker={
                    "symbol": "star",
                    "size": 12,
                    "color": "gold",
                    "line": {"color": "black", "width": 1},
                },
                customdata=[escaped_value(label) for label in targets["label"]],
                hovertemplate="%{x}: %{y:.0f} bn USD<br>%{customdata}<extra>target</extra>",
            )
        )
    figure = go.Figure(data=traces)
    if claims.is_empty():
        # The official series still give context; say plainly that no article is plotted.
        figure.add_annotation(
            text=NO_DATA,
            showarrow=False,
            x=0.5,
            y=0.95,
            xref="paper",
            yref="paper",
            font={"size": 14},
        )
        claims = pl.DataFrame(schema={"source": pl.String()})
    colours = colours_for(claims["source"].unique().to_list(), colours)
    # Plain dicts of numpy arrays: Plotly checks a list element by element (about 1 s for
    # 32,000 claims), an array at once.
    claims_traces = [
        {
            "type": "scattergl" if claims.height > WEBGL_POINTS else "scatter",
            "x": rows["published"].to_numpy(),
            "y": rows["value_bn"].to_numpy(),
            "mode": "markers",
            "name": f"claim: {escape(source)}",
            "marker": {"size": 11, "color": colours[source], "symbol": "diamond"},
            "customdata": rows.select(
                escape_expr(pl.col(c).cast(pl.String)) for c in ("metric", "kind", "surface")
            ).to_numpy(),
            "hovertemplate": (
                "%{x}: %{y:.1f} bn USD<br>%{customdata[2]}<br>"
                "%{customdata[0]} (%{customdata[1]})<extra>" + escape(source) + "</extra>"
            ),
        }
        for (source,), rows in claims.sort("source").group_by("source", maintain_order=True)
    ]
    figure.add_traces(claims_traces)
    figure.update_layout(
        title="Trade figures claimed in articles against official statistics",
        xaxis_title="date",
        yaxis_title="billion USD",
    )
    return add_milestones(figure, milestones) if milestones is not None else figure


VERDICT_SYMBOLS = {
    "matches": "circle",
    "rounding": "circle-open",
    "wrong period": "diamond-wide",
    "target stated as fact": "star",
    "differs": "x",
    "no reference": "square-open",
}
"""The marker of each of :data:`framescope.claims.VERDICTS` (the colour is the outlet's)."""
MAX_ROWS = 12
"""Rows (metric and unit) drawn at most: those with official figures, then the most claimed."""
ROW_POINTS = 600
"""Points drawn at most per row; past it a note says how many are left to the table."""
ROW_PX = 110
"""Height of a row of claims with no official figures; a row with them is twice as high."""
_LEVELS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_UNIT_WORDS = {"percent": "%", "percentage_points": "percentage points", "multiple": "times (×)"}
_LINE_STYLES = ({"color": "black"}, {"color": "grey", "dash": "dot"}, {"color": "grey"})
_POINT_SCHEMA = {"metric": pl.String, "unit": pl.String, "x": pl.Date, "value": pl.Float64,
                 "period": pl.String, "label": pl.String}  # fmt: skip


def row_scale(unit: str, values: pl.Series) -> tuple[float, str]:
    """What a row's values are divided by, and its axis title: money and counts in the
    largest of trillion, billion and million their values reach.

    Examples
    --------
    >>> row_scale("USD", pl.Series([3.3e6, 2e11])), row_scale("percent", pl.Series([16.0]))
    ((1000000000.0, 'billion USD'), (1.0, '%'))
    >>> row_scale("count", pl.Series([12.0])), row_scale("count", pl.Series([4e7]))
    ((1.0, 'count'), (1000000.0, 'million'))
    """
    if unit in _UNIT_WORDS:
        return 1.0, _UNIT_WORDS[unit]
    largest = values.abs().max() if values.len() else None
    for size, word in _LEVELS:
        if largest is not None and largest >= size:  # type: ignore[operator]
            return size, word if unit == "count" else f"{word} {unit}"
    return 1.0, "count" if unit == "count" else unit


def dodged(points: pl.DataFrame, *, step_days: float, widest_days: float = 300) -> pl.Series:
    """``points``' ``x`` moved apart by ``slot`` where several slots share one ``x`` in a
    ``row``: evenly about it, ``step_days`` apart, never wider than ``widest_days`` in all.

    Examples
    --------
    >>> from datetime import date
    >>> points = pl.DataFrame({"row": [0, 0, 0], "x": [date(2022, 7, 2)] * 2 + [date(2023, 7, 2)],
    ...                        "slot": ["A", "B", "A"]})
    >>> dodged(points, step_days=40).to_list()
    [datetime.date(2022, 6, 12), datetime.date(2022, 7, 22), datetime.date(2023, 7, 2)]
    """
    place = pl.col("slot").rank("dense").over("row", "x") - 1
    count = pl.col("slot").n_unique().over("row", "x")
    step = pl.min_horizontal(pl.lit(step_days), widest_days / (count - 1).clip(1))
    offset = ((place - (count - 1) / 2) * step).round(0).cast(pl.Int64)
    return points.select(pl.col("x") + pl.duration(days=offset)).get_column("x")


def claims_by_period(
    points: pl.DataFrame,
    official: pl.DataFrame | None = None,
    targets: pl.DataFrame | None = None,
    *,
    metric_names: Mapping[str, str] | None = None,
    colours: Mapping[str, str] | None = None,
    tolerance: float = 0.02,
) -> go.Figure:
    """Every claim by metric and by the period it is about, with its verdict, against the
    official series and the stated targets: one row per metric and unit.

    Reports of one outlet with the same value, period and verdict are one point (its hover
    says how many); outlets that share a period stand side by side in it. Past
    :data:`MAX_ROWS` rows or :data:`ROW_POINTS` points in a row, the chart keeps the checked
    verdicts and the most repeated claims and says how many it leaves to the table.

    Parameters
    ----------
    points
        :func:`framescope.report.trade.claim_points` of claims with verdicts: ``metric``,
        ``unit``, ``value``, ``x``, ``period_label``, ``source``, ``surface``, ``kind``,
        ``verdict``, ``verdict_note``. Claims without ``x`` are counted in a note.
    official
        :func:`framescope.report.trade.official_points`: one line per ``label``; null values
        are gaps in the statistics and drawn as gaps.
    targets
        :func:`framescope.report.trade.target_points`.
    metric_names
        Row titles by metric id (ids humanised otherwise).
    colours
        Outlet colours (the build's).
    tolerance
        The verdicts' tolerance, for the legend.

    Examples
    --------
    >>> from datetime import date
    >>> points = pl.DataFrame({"metric": ["trade", "trade"], "unit": ["USD", "USD"],
    ...     "value": [200e9, 200e9], "x": [date(2023, 7, 2)] * 2,
    ...     "period_label": ["2023 target"] * 2, "source": ["A", "B"], "surface": ["$200bn"] * 2,
    ...     "kind": ["target"] * 2, "verdict": ["matches"] * 2, "verdict_note": ["..."] * 2})
    >>> figure = claims_by_period(points)
    >>> [t.name for t in figure.data if t.showlegend is not False]
    ['A', 'B', 'matches']
    >>> drawn = next(t for t in figure.data if t.showlegend is False)
    >>> len(set(drawn.x))  # the two outlets' claims side by side
    2
    """
    official = official if official is not None else pl.DataFrame(schema=_POINT_SCHEMA)
    targets = targets if targets is not None else pl.DataFrame(schema=_POINT_SCHEMA)
    names = dict(metric_names or {})
    plotted = points.filter(pl.col("x").is_not_null())
    notes = []
    if points.height > plotted.height:
        notes.append(
            f"{points.height - plotted.height:,} claims name no period and have no date: "
            "in the table only"
        )
    every = _rows(plotted, official, targets)
    rows = every[:MAX_ROWS]
    if len(every) > len(rows):
        left = plotted.join(pl.DataFrame(rows, schema=["metric", "unit"], orient="row"),
                            on=["metric", "unit"], how="anti").height  # fmt: skip
        notes.append(f"{left:,} claims of {len(every) - len(rows)} more metrics and units: in "
                     "the table only")  # fmt: skip
    if not rows:
        return empty(notes[0] if notes else NO_DATA)
    referenced = set(official.select("metric", "unit").unique().iter_rows())
    heights = [2.0 if key in referenced else 1.0 for key in rows]
    frames = (plotted, official, targets)
    scales = {key: row_scale(key[1], _values(frames, key)) for key in rows}
    titles = [
        f"{escape(names.get(key[0], key[0].replace('_', ' ')))} ({scales[key][1]})" for key in rows
    ]
    figure = make_subplots(
        rows=len(rows),
        cols=1,
        shared_xaxes=True,
        row_heights=heights,
        vertical_spacing=min(0.06, 0.35 / len(rows)),
        subplot_titles=titles,
    )
    index = {key: i + 1 for i, key in enumerate(rows)}
    named = plotted.with_columns(
        pl.col("metric")
        .replace_strict(names, default=pl.col("metric").str.replace_all("_", " "),
                        return_dtype=pl.String)
        .alias("metric_name")
    )  # fmt: skip
    traces, at = _claim_traces(named, index, scales, colours, notes)
    lines, line_rows = _official_traces(official, targets, index, scales)
    figure.add_traces([*lines, *traces], rows=[*line_rows, *at], cols=1)
    shown = set(plotted["verdict"])
    figure.add_traces(
        [
            go.Scatter(
                x=[None],
                y=[None],
                mode="markers",
                name=verdict,
                legend="legend2",
                marker={
                    "symbol": symbol,
                    "size": 11,
                    "color": "dimgrey",
                    "line": {"color": "dimgrey", "width": 2},
                },
            )
            for verdict, symbol in VERDICT_SYMBOLS.items()
            if verdict in shown
        ]
    )
    if points.is_empty():
        # The official series still give context; say plainly that no article is plotted.
        figure.layout.annotations = (
            go.layout.Annotation(text=NO_DATA, showarrow=False, x=0.5, y=1.0, xref="paper",
                                 yref="paper", yanchor="bottom", font={"size": 14}),
            *figure.layout.annotations,
        )  # fmt: skip
    figure.update_layout(
        title={
            "text": "Figures claimed in articles, by the period they are about, against "
            "official statistics and stated targets"
            + "".join(f"<br><sub>{note}</sub>" for note in notes),
        },
        height=int(sum(ROW_PX * h for h in heights) + 160),
        margin={"t": 90 + 18 * len(notes), "b": 70},
        # The outlets' legend is a key: the sidebar chooses outlets.
        legend={"title": {"text": "outlet"}, "y": 1, "yanchor": "top", "itemclick": False,
                "itemdoubleclick": False},
        legend2={
            "title": {"text": f"verdict (matches: within {tolerance:.0%}) and official figures"},
            "orientation": "h", "yref": "container", "y": 0, "yanchor": "bottom",
            "x": 0, "xanchor": "left",
        },
        hovermode="closest",
    )  # fmt: skip
    figure.update_xaxes(
        type="date", dtick="M12", tickformat="%Y", ticklabelmode="period", showticklabels=True,
        showgrid=True, tickfont={"size": 10},
    )  # fmt: skip
    figure.update_yaxes(rangemode="tozero", tickfont={"size": 10})
    return figure


def _values(frames: tuple[pl.DataFrame, ...], key: tuple[str, str]) -> pl.Series:
    mine = (pl.col("metric") == key[0]) & (pl.col("unit") == key[1])
    return pl.concat([f.filter(mine)["value"] for f in frames]).drop_nulls()


def _rows(
    claims: pl.DataFrame, official: pl.DataFrame, targets: pl.DataFrame
) -> list[tuple[str, str]]:
    """(metric, unit) of each row: those with official figures first, then by claims."""
    keys = ["metric", "unit"]
    first = official.select(keys).unique(maintain_order=True).rows()
    counted = claims.group_by(keys).len().sort(["len", *keys], descending=[True, False, False])
    rows = list(dict.fromkeys([*first, *counted.select(keys).rows()]))
    claimed_metrics = {metric for metric, _ in rows}
    stated = targets.select(keys).unique(maintain_order=True).rows()
    return rows + [key for key in stated if key not in rows and key[0] in claimed_metrics]


def _official_traces(
    official: pl.DataFrame,
    targets: pl.DataFrame,
    index: Mapping[tuple[str, str], int],
    scales: Mapping[tuple[str, str], tuple[float, str]],
) -> tuple[list[go.Scatter], list[int]]:
    """The official lines (gaps kept) and the stated targets, and the row of each."""
    traces: list[go.Scatter] = []
    rows: list[int] = []
    labels = official["label"].unique(maintain_order=True).to_list()
    for (metric, unit, label), part in official.group_by(
        "metric", "unit", "label", maintain_order=True
    ):
        size, title = scales[(metric, unit)]
        traces.append(
            go.Scatter(
                x=part["x"].to_list(),
                y=[None if v is None else v / size for v in part["value"]],
                mode="lines+markers", connectgaps=False, name=escape(label),
                legend="legend2", legendgroup=f"official {label}",
                showlegend=label not in {t.name for t in traces},
                line=_LINE_STYLES[labels.index(label) % len(_LINE_STYLES)], marker={"size": 5},
                customdata=[escaped_value(p) for p in part["period"]],
                hovertemplate="%{customdata}: %{y:,.2f} " + title + "<extra>" + escape(label)
                + "</extra>",
            )
        )  # fmt: skip
        rows.append(index[(metric, unit)])
    for number, ((metric, unit), part) in enumerate(targets.group_by("metric", "unit")):
        if (metric, unit) not in index:
            continue
        traces.append(
            go.Scatter(
                x=part["x"].to_list(), y=(part["value"] / scales[(metric, unit)][0]).to_list(),
                mode="markers", name="stated targets", legend="legend2",
                legendgroup="stated targets", showlegend=number == 0,
                marker={"symbol": "line-ew-open", "size": 26, "color": "darkgoldenrod",
                        "line": {"color": "darkgoldenrod", "width": 3}},
                customdata=[escaped_value(label) for label in part["label"]],
                hovertemplate="%{customdata}<extra>stated target</extra>",
            )
        )  # fmt: skip
        rows.append(index[(metric, unit)])
    return traces, rows


def _wrapped(text: str | None, width: int = 70) -> str:
    """``text`` escaped, its lines at most ``width`` characters, joined by ``<br>``."""
    lines = textwrap.wrap(text or "", width, break_long_words=False, break_on_hyphens=False)
    return "<br>".join(escape(line) for line in lines)


def _kept(points: pl.DataFrame, notes: list[str]) -> pl.DataFrame:
    """Each outlet's reports of one value, period and verdict as one point (``n``); past
    :data:`ROW_POINTS` in a row, the checked verdicts first, then the most repeated."""
    same = ["row", "x", "value", "source", "verdict", "kind"]
    merged = points.group_by(same, maintain_order=True).agg(
        pl.len().alias("n"), pl.exclude(same).first()
    )
    order = {v: i for i, v in enumerate(("matches", "rounding", "wrong period",
                                          "target stated as fact", "differs"))}  # fmt: skip
    priority = pl.col("verdict").replace_strict(order, default=len(order), return_dtype=pl.Int8)
    ranked = (
        merged.with_columns(priority.alias("_priority"))
        .sort("row", "_priority", "n", descending=[False, False, True], maintain_order=True)
        .with_columns(pl.int_range(pl.len()).over("row").alias("_rank"))
        .drop("_priority")
    )
    kept = ranked.filter(pl.col("_rank") < ROW_POINTS).drop("_rank")
    if kept.height < merged.height:
        left = merged.height - kept.height
        notes.append(f"{left:,} more points (claims not checked or differing, seldom repeated) "
                     f"past {ROW_POINTS} a row: in the table")  # fmt: skip
    return kept


def _claim_traces(
    claims: pl.DataFrame,
    index: Mapping[tuple[str, str], int],
    scales: Mapping[tuple[str, str], tuple[float, str]],
    colours: Mapping[str, str] | None,
    notes: list[str],
) -> tuple[list[go.BaseTraceType], list[int]]:
    """A legend entry per outlet (its colour), and one trace of points per row: each point
    in its outlet's colour, its verdict's symbol; several reports of one point, larger."""
    keys = pl.DataFrame(
        [(*key, row) for key, row in index.items()],
        schema={"metric": pl.String, "unit": pl.String, "row": pl.Int64},
        orient="row",
    )
    claims = claims.join(keys, on=["metric", "unit"])
    if claims.is_empty():
        return [], []
    claims = _kept(claims, notes)
    palette = colours_for(claims["source"].unique().to_list(), colours)
    rank = {source: i for i, source in enumerate(palette if colours is None else colours)}
    claims = claims.with_columns(
        pl.col("source").replace_strict(rank, default=len(rank), return_dtype=pl.Int64)
        .alias("_rank"),
    ).sort("row", "x", "_rank", "source", "value")  # fmt: skip
    span = claims.select((pl.col("x").max() - pl.col("x").min()).dt.total_days()).item()
    slots = pl.format("{}|{}", pl.col("_rank"), pl.col("source"))
    claims = claims.with_columns(slots.alias("slot")).with_columns(
        dodged(claims.with_columns(slots.alias("slot")), step_days=max(span, 3650) / 90).alias("_x")
    )
    outlets = claims.sort("_rank", "source")["source"].unique(maintain_order=True)
    # A note is a sentence or two: wrapped, it stays inside the chart (each once).
    wrapped = {note: _wrapped(note) for note in claims["verdict_note"].unique().to_list()}
    traces: list[go.BaseTraceType] = [
        go.Scatter(
            x=[None],
            y=[None],
            mode="markers",
            name=escape(source),
            legend="legend",
            marker={"symbol": "circle", "size": 11, "color": palette[source]},
        )
        for source in outlets
    ]
    rows = [1] * len(traces)
    kind = "scattergl" if claims.height > WEBGL_POINTS else "scatter"
    hover = (
        "<b>%{customdata[0]}</b>: %{customdata[1]}%{customdata[7]}<br>%{customdata[2]} "
        "(%{customdata[3]})<br>period: %{customdata[4]}<br><b>%{customdata[5]}</b>: "
        "%{customdata[6]}<extra></extra>"
    )
    # Colours as numbers on a stepped scale: plotly checks an array of colour names one by
    # one (0.3 s for 7,000 points), numbers at once.
    order = list(palette)
    steps = max(len(order) - 1, 1)
    scale = [[i / steps, palette[name]] for i, name in enumerate(order)] or [[0, "grey"]]
    scale = scale if len(scale) > 1 else [*scale, [1, scale[0][1]]]
    for (row,), part in claims.group_by("row", maintain_order=True):
        size, _ = scales[part.select("metric", "unit").row(0)]
        shades = {
            "color": part["source"].replace_strict(
                {name: i for i, name in enumerate(order)}, return_dtype=pl.Int64
            ).to_numpy(),
            "colorscale": scale, "cmin": 0, "cmax": steps,
        }  # fmt: skip
        data = part.select(
            *(escape_expr(pl.col(c).cast(pl.String)).fill_null("")
              for c in ("source", "surface", "metric_name", "kind", "period_label", "verdict")),
            pl.col("verdict_note").replace_strict(wrapped, default="", return_dtype=pl.String),
            pl.when(pl.col("n") > 1).then(pl.format(" ({} reports)", "n")).otherwise(pl.lit("")),
        ).to_numpy()  # fmt: skip
        traces.append(
            {
                "type": kind, "x": part["_x"].to_numpy(), "y": (part["value"] / size).to_numpy(),
                "mode": "markers", "name": f"claims, row {row}", "legend": "legend",
                "showlegend": False,
                "marker": {
                    "size": (9 + 3 * part["n"].log(2)).clip(upper_bound=21).to_numpy(),
                    **shades,
                    "symbol": part["verdict"].replace_strict(VERDICT_SYMBOLS, default="circle")
                    .to_numpy(),
                    "line": {**shades, "width": 2},
                    # Plotly dims points with a colour scale unless told: the legend's colour.
                    "opacity": 1,
                },
                "customdata": data, "hovertemplate": hover,
            }
        )  # fmt: skip
        rows.append(int(row))
    return traces, rows
