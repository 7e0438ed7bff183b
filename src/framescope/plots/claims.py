"""Numeric claims against official statistics and stated targets."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go
import polars as pl

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
