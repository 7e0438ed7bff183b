"""Charts of tone: mean tone over time with intervals, and its spread per article or outlet."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go
import polars as pl

from framescope.plots.common import add_milestones, colours_for, empty, x_title
from framescope.safe import escape


def tone_over_time(
    series: pl.DataFrame,
    *,
    axis: str = "calendar",
    milestones: pl.DataFrame | None = None,
    title: str = "Tone over time",
    colours: Mapping[str, str] | None = None,
) -> go.Figure:
    """Mean sentence tone per period and outlet with its interval, from ``tone_series``."""
    if series.is_empty():
        return empty()
    colours = colours_for(series["source"].unique().to_list(), colours)
    traces: list[go.BaseTraceType] = []
    for (source,), rows in series.sort("period").group_by("source", maintain_order=True):
        mean = rows["mean_tone"]
        # numpy arrays, not lists: see mentions_over_time.
        upper = (rows["ci_high"] - mean).fill_null(0).to_numpy()
        lower = (mean - rows["ci_low"]).fill_null(0).to_numpy()
        traces.append(
            go.Scatter(
                x=rows["period"].to_numpy(),
                y=mean.to_numpy(),
                mode="lines+markers",
                name=escape(source),
                line={"color": colours[source]},
                error_y={"type": "data", "array": upper, "arrayminus": lower, "visible": True},
                customdata=rows.select("n_sentences", "n_articles", "ci_low", "ci_high").to_numpy(),
                hovertemplate=(
                    escape(source) + "<br>%{x}: mean %{y:.3f}<br>95% CI %{customdata[2]:.3f} .. "
                    "%{customdata[3]:.3f}<br>n: %{customdata[0]} sentences in "
                    "%{customdata[1]} articles<extra></extra>"
                ),
            )
        )
    rule = series["rule"][0] if "rule" in series.columns else ""
    figure = go.Figure(data=traces)
    figure.update_layout(
        title={"text": f"{title}<br><sup>{escape(rule)}</sup>"},
        xaxis_title=x_title(axis),
        yaxis_title="mean sentence tone (-1..1)",
        yaxis_range=[-1, 1],
    )
    figure.add_hline(y=0, line={"color": "lightgrey"})
    return add_milestones(figure, milestones, axis=axis) if milestones is not None else figure


def tone_distribution(
    scores: pl.DataFrame, *, colours: Mapping[str, str] | None = None
) -> go.Figure:
    """Sentence tone per article as box plots, grouped by outlet.

    ``scores`` needs ``label`` (the article's name on the axis), ``source`` and ``compound``.
    """
    if scores.is_empty():
        return empty()
    colours = colours_for(scores["source"].unique().to_list(), colours)
    traces: list[go.BaseTraceType] = []
    for (label, source), rows in scores.group_by("label", "source", maintain_order=True):
        traces.append(
            go.Box(
                y=rows["compound"].to_list(),
                name=escape(label),
                marker_color=colours[source],
                boxpoints="all",
                jitter=0.4,
                legendgroup=escape(source),
                hovertemplate="%{y:.3f}<extra>" + f"{escape(source)} (n={rows.height})</extra>",
            )
        )
    figure = go.Figure(data=traces)
    figure.update_layout(
        title="Distribution of sentence tone per article",
        showlegend=False,
        yaxis_title="sentence compound (-1..1)",
        yaxis_range=[-1.05, 1.05],
    )
    return figure


def tone_summary(stats: pl.DataFrame, *, colours: Mapping[str, str] | None = None) -> go.Figure:
    """Sentence tone per outlet as box plots drawn from precomputed statistics.

    For selections with too many articles for :func:`tone_distribution`'s one box each.
    ``stats`` needs ``source``, ``q1``, ``median``, ``q3``, ``lowerfence``, ``upperfence``,
    ``mean``, ``n`` (sentences) and ``n_articles`` (as ``aggregates.box_stats`` returns).

    Examples
    --------
    >>> stats = pl.DataFrame({"source": ["X"], "q1": [-0.2], "median": [0.0], "q3": [0.3],
    ...     "lowerfence": [-0.9], "upperfence": [0.9], "mean": [0.05], "n": [40],
    ...     "n_articles": [3]})
    >>> tone_summary(stats).data[0].name
    'X (n=40 sentences in 3 articles)'
    """
    if stats.is_empty():
        return empty()
    colours = colours_for(stats["source"].to_list(), colours)
    names = [
        f"{escape(source)} (n={n} sentences in {n_articles} articles)"
        for source, n, n_articles in stats.select("source", "n", "n_articles").iter_rows()
    ]
    traces = [
        go.Box(
            x=[name],
            name=name,
            q1=[row["q1"]],
            median=[row["median"]],
            q3=[row["q3"]],
            lowerfence=[row["lowerfence"]],
            upperfence=[row["upperfence"]],
            mean=[row["mean"]],
            marker_color=colours[row["source"]],
        )
        for name, row in zip(names, stats.iter_rows(named=True), strict=True)
    ]
    figure = go.Figure(data=traces)
    figure.update_layout(
        title="Distribution of sentence tone per outlet<br><sup>too many articles for one box "
        "each: every sentence of the outlet's filtered articles</sup>",
        showlegend=False,
        yaxis_title="sentence compound (-1..1)",
        yaxis_range=[-1.05, 1.05],
    )
    return figure
