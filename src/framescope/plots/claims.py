"""Numeric claims against official statistics and stated targets."""

from __future__ import annotations

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
_LEVELS = ((1e12, "trillion"), (1e9, "billion"), (1e6, "million"))
_UNIT_WORDS = {"percent": "%", "percentage_points": "percentage points", "multiple": "times (×)"}
_LINE_STYLES = ({"color": "black"}, {"color": "grey", "dash": "dot"}, {"color": "grey"})
ROW_PX = 110
"""Height of a row of claims with no official figures; a row with them is twice as high."""


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
    """``points``' ``x`` moved apart where several share one (within a ``row``): evenly about
    it, ``step_days`` apart, in the order of the points, never spreading wider than
    ``widest_days`` in all, so claims of the same value and period stay distinguishable.

    Examples
    --------
    >>> from datetime import date
    >>> points = pl.DataFrame({"row": [0, 0, 0], "x": [date(2022, 7, 2)] * 2 + [date(2023, 7, 2)]})
    >>> dodged(points, step_days=40).to_list()
    [datetime.date(2022, 6, 12), datetime.date(2022, 7, 22), datetime.date(2023, 7, 2)]
    """
    place = pl.int_range(pl.len()).over("row", "x")
    count = pl.len().over("row", "x")
    step = pl.min_horizontal(pl.lit(step_days), widest_days / (count - 1).clip(1))
    offset = ((place - (count - 1) / 2) * step).round(0).cast(pl.Int64)
    return points.select((pl.col("x") + pl.duration(days=offset)).alias("x")).get_column("x")


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

    Parameters
    ----------
    points
        :func:`framescope.report.trade.claim_points` of claims with verdicts: ``metric``,
        ``unit``, ``value``, ``x``, ``placed``, ``period_label``, ``source``, ``surface``,
        ``kind``, ``verdict``, ``verdict_note``. Claims without ``x`` are counted in a note.
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
    ...     "value": [200e9, 200e9], "x": [date(2023, 7, 2)] * 2, "placed": ["period"] * 2,
    ...     "period_label": ["2023 target"] * 2, "source": ["A", "B"], "surface": ["$200bn"] * 2,
    ...     "kind": ["target"] * 2, "verdict": ["matches"] * 2, "verdict_note": ["..."] * 2})
    >>> figure = claims_by_period(points)
    >>> [t.name for t in figure.data if t.showlegend is not False]
    ['A', 'B', 'matches']
    >>> len({x for t in figure.data if t.x[0] is not None for x in t.x})  # moved apart
    2
    """
    official = official if official is not None else pl.DataFrame(schema=_POINT_SCHEMA)
    targets = targets if targets is not None else pl.DataFrame(schema=_POINT_SCHEMA)
    names = dict(metric_names or {})
    plotted = points.filter(pl.col("x").is_not_null())
    unplaced = points.height - plotted.height
    rows = _rows(plotted, official, targets)
    if not rows:
        return empty(NO_DATA if points.is_empty() else f"{unplaced} claims name no period and "
                     "have no date: see the table")  # fmt: skip
    referenced = {(m, u) for m, u in official.select("metric", "unit").unique().iter_rows()}
    heights = [2.0 if key in referenced else 1.0 for key in rows]
    scales = {
        key: row_scale(
            key[1],
            pl.concat(
                [
                    f.filter((pl.col("metric") == key[0]) & (pl.col("unit") == key[1]))["value"]
                    for f in (plotted, official, targets)
                ]
            ).drop_nulls(),
        )
        for key in rows
    }
    titles = [
        f"{escape(names.get(metric, metric.replace('_', ' ')))} ({scales[key][1]})"
        for key in rows
        for metric in [key[0]]
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
    _add_official(figure, official, index, scales)
    _add_targets(figure, targets, index, scales)
    named = plotted.with_columns(
        pl.col("metric")
        .replace_strict(names, default=pl.col("metric").str.replace_all("_", " "),
                        return_dtype=pl.String)
        .alias("metric_name")
    )  # fmt: skip
    _add_claims(figure, named, index, scales, colours)
    for verdict, symbol in VERDICT_SYMBOLS.items():
        if verdict in set(plotted["verdict"]):
            figure.add_trace(
                go.Scatter(
                    x=[None], y=[None], mode="markers", name=verdict, legend="legend2",
                    marker={"symbol": symbol, "size": 11, "color": "dimgrey",
                            "line": {"color": "dimgrey", "width": 2}},
                )
            )  # fmt: skip
    plot_px = sum(ROW_PX * h for h in heights)
    notes = []
    if unplaced:
        notes.append(f"{unplaced} claims name no period and have no date: in the table only")
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
        height=int(plot_px + 160),
        margin={"t": 90 + 18 * len(notes), "b": 70},
        legend={"title": {"text": "outlet"}, "y": 1, "yanchor": "top"},
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


_POINT_SCHEMA = {"metric": pl.String, "unit": pl.String, "x": pl.Date, "value": pl.Float64,
                 "period": pl.String, "label": pl.String}  # fmt: skip


def _rows(
    claims: pl.DataFrame, official: pl.DataFrame, targets: pl.DataFrame
) -> list[tuple[str, str]]:
    """(metric, unit) of each row: those with official figures first, then by claims."""
    keys = ["metric", "unit"]
    first = official.select(keys).unique(maintain_order=True).rows()
    counted = claims.group_by(keys).len().sort(["len", *keys], descending=[True, False, False])
    rows = list(dict.fromkeys([*first, *counted.select(keys).rows()]))
    claimed_metrics = {metric for metric, _ in rows}
    stated = [key for key in targets.select(keys).unique(maintain_order=True).rows()]
    return rows + [key for key in stated if key not in rows and key[0] in claimed_metrics]


def _add_official(
    figure: go.Figure,
    official: pl.DataFrame,
    index: Mapping[tuple[str, str], int],
    scales: Mapping[tuple[str, str], tuple[float, str]],
) -> None:
    labels = official["label"].unique(maintain_order=True).to_list()
    shown: set[str] = set()
    for (metric, unit, label), rows in official.group_by(
        "metric", "unit", "label", maintain_order=True
    ):
        key = (metric, unit)
        size, title = scales[key]
        figure.add_trace(
            go.Scatter(
                x=rows["x"].to_list(),
                y=[None if v is None else v / size for v in rows["value"]],
                mode="lines+markers",
                connectgaps=False,
                name=escape(label),
                legend="legend2",
                legendgroup=f"official {label}",
                showlegend=label not in shown,
                line=_LINE_STYLES[labels.index(label) % len(_LINE_STYLES)],
                marker={"size": 5},
                customdata=[escaped_value(p) for p in rows["period"]],
                hovertemplate="%{customdata}: %{y:,.2f} " + title + "<extra>"
                + escape(label) + "</extra>",
            ),
            row=index[key],
            col=1,
        )  # fmt: skip
        shown.add(label)


def _add_targets(
    figure: go.Figure,
    targets: pl.DataFrame,
    index: Mapping[tuple[str, str], int],
    scales: Mapping[tuple[str, str], tuple[float, str]],
) -> None:
    first = True
    for (metric, unit), rows in targets.group_by("metric", "unit", maintain_order=True):
        key = (metric, unit)
        if key not in index:
            continue
        size, _ = scales[key]
        figure.add_trace(
            go.Scatter(
                x=rows["x"].to_list(),
                y=(rows["value"] / size).to_list(),
                mode="markers",
                name="stated targets",
                legend="legend2",
                legendgroup="stated targets",
                showlegend=first,
                marker={"symbol": "line-ew-open", "size": 26, "color": "darkgoldenrod",
                        "line": {"color": "darkgoldenrod", "width": 3}},
                customdata=[escaped_value(label) for label in rows["label"]],
                hovertemplate="%{customdata}<extra>stated target</extra>",
            ),
            row=index[key],
            col=1,
        )  # fmt: skip
        first = False


def _add_claims(
    figure: go.Figure,
    claims: pl.DataFrame,
    index: Mapping[tuple[str, str], int],
    scales: Mapping[tuple[str, str], tuple[float, str]],
    colours: Mapping[str, str] | None,
) -> None:
    if claims.is_empty():
        return
    ranked = list(colours) if colours else []
    rank = {source: i for i, source in enumerate(ranked)}
    claims = claims.with_columns(
        pl.struct("metric", "unit")
        .map_elements(lambda k: index[(k["metric"], k["unit"])], return_dtype=pl.Int64)
        .alias("row"),
        pl.col("source")
        .replace_strict(rank, default=len(rank), return_dtype=pl.Int64)
        .alias("_rank"),
    ).sort("row", "x", "_rank", "source", "value")
    span = (claims["x"].max() - claims["x"].min()).days if claims.height else 0  # type: ignore[operator]
    claims = claims.with_columns(dodged(claims, step_days=max(span, 3650) / 90).alias("_x"))
    palette = colours_for(claims["source"].unique().to_list(), colours)
    kind = "scattergl" if claims.height > WEBGL_POINTS else "scatter"
    hover = (
        "<b>%{customdata[0]}</b>: %{customdata[1]}<br>%{customdata[2]} (%{customdata[3]})<br>"
        "period: %{customdata[4]}<br><b>%{customdata[5]}</b>: %{customdata[6]}<extra></extra>"
    )
    for source in claims.sort("_rank", "source")["source"].unique(maintain_order=True):
        # The legend's entry for an outlet is its colour alone (each point's symbol is its
        # verdict); clicking it hides the outlet's points in every row.
        figure.add_trace(
            go.Scatter(
                x=[None], y=[None], mode="markers", name=escape(source), legend="legend",
                legendgroup=f"outlet {escape(source)}",
                marker={"symbol": "circle", "size": 11, "color": palette[source]},
            )
        )  # fmt: skip
    for (row, source), rows in claims.group_by("row", "source", maintain_order=True):
        key = rows.select("metric", "unit").row(0)
        size, _ = scales[key]
        colour = palette[source]
        data = rows.select(
            escape_expr(pl.col(c).cast(pl.String)).fill_null("")
            for c in ("source", "surface", "metric_name", "kind", "period_label", "verdict",
                      "verdict_note")
        ).to_numpy()  # fmt: skip
        figure.add_trace(
            {
                "type": kind,
                "x": rows["_x"].to_numpy(),
                "y": (rows["value"] / size).to_numpy(),
                "mode": "markers",
                "name": escape(source),
                "legend": "legend",
                "legendgroup": f"outlet {escape(source)}",
                "showlegend": False,
                "marker": {
                    "size": 11,
                    "color": colour,
                    "symbol": [VERDICT_SYMBOLS.get(v, "circle") for v in rows["verdict"]],
                    "line": {"color": colour, "width": 2},
                },
                "customdata": data,
                "hovertemplate": hover,
            },
            row=int(row),
            col=1,
        )
