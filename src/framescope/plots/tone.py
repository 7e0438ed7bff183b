"""Charts of tone: mean tone over time with intervals, and its spread per article or outlet.

Tone is a sentence score from -1 (negative) to +1 (positive); each chart says which scorer
made it. Thin evidence is shown, not hidden: a point from fewer than
``timeseries.SMALL_SAMPLE_ARTICLES`` articles is hollow, a point from one article has no
interval bar, and the subtitle says both.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import numpy as np
import plotly.graph_objects as go
import polars as pl

from framescope import timeseries
from framescope.plots.common import colours_for, empty, x_title
from framescope.plots.time import (
    dodge,
    dodged_x,
    milestone_marks,
    period_noun,
    period_ticks,
    with_period_marks,
)
from framescope.safe import escape

TONE_AXIS = "mean tone (-1 negative to +1 positive)"
SCORE_AXIS = "sentence tone (-1 negative to +1 positive)"
HOLLOW, FILLED = 100, 0  # marker symbols: circle-open, circle
_ROW_PX = 26  # one box per article or outlet: enough for its label and jittered points


def tone_over_time(
    series: pl.DataFrame,
    *,
    freq: str = "week",
    axis: str = "calendar",
    milestones: pl.DataFrame | None = None,
    title: str = "Tone over time",
    method: str = "",
    colours: Mapping[str, str] | None = None,
) -> go.Figure:
    """Mean sentence tone per period and outlet with its interval, from ``tone_series``.

    Each outlet's point sits at its own place within the period (outlets side by side, in
    name order), so equal tones do not hide each other. A ``small_sample`` point is hollow;
    a point without an interval (one article) has no bar; the subtitle says so when the
    chart has either. ``method`` is the scorer's name as a reader knows it.

    Examples
    --------
    >>> from datetime import date
    >>> series = pl.DataFrame({"period": [date(2023, 3, 13)] * 2, "source": ["A", "B"],
    ...     "n_sentences": [4, 9], "n_articles": [1, 6], "mean_tone": [0.1, -0.2],
    ...     "ci_low": [None, -0.3], "ci_high": [None, -0.1], "small_sample": [True, False]})
    >>> figure = tone_over_time(series)
    >>> [trace.marker.symbol.tolist() for trace in figure.data]  # hollow, filled
    [[100], [0]]
    >>> "no bar: one article" in figure.layout.title.subtitle.text
    True
    """
    if series.is_empty():
        return empty()
    if "small_sample" not in series.columns:
        flagged = pl.col("n_articles") < timeseries.SMALL_SAMPLE_ARTICLES
        series = series.with_columns(flagged.alias("small_sample"))
    sources = sorted(series["source"].unique().to_list())
    colours = colours_for(sources, colours)
    marked = with_period_marks(series.sort("source", "period"), freq=freq, axis=axis)
    offsets = dodge(sources)
    marked = marked.with_columns(_tone_hover(marked).alias("_hover"))
    traces: list[dict[str, object]] = []
    for (source,), rows in marked.group_by("source", maintain_order=True):
        mean = rows["mean_tone"]
        # numpy arrays, not lists: see plots.time.mentions_over_time. NaN draws no bar, where
        # a zero-length one would read as certainty.
        upper = (rows["ci_high"] - mean).fill_null(np.nan).to_numpy()
        lower = (mean - rows["ci_low"]).fill_null(np.nan).to_numpy()
        small = rows["small_sample"].to_numpy()
        traces.append(
            {
                "type": "scatter",
                "x": dodged_x(rows, offsets[source], axis=axis),
                "y": mean.to_numpy(),
                "mode": "lines+markers",
                "name": escape(source),
                "line": {"color": colours[source], "width": 1.5},
                "marker": {
                    "size": 9,
                    # Plotly's numbers for circle-open and circle: an array of names is
                    # checked name by name (55 ms at 2,400 points), numbers at once.
                    "symbol": np.where(small, HOLLOW, FILLED),
                    "line": {"width": 2, "color": colours[source]},
                },
                "error_y": {"type": "data", "array": upper, "arrayminus": lower,
                            "visible": True, "thickness": 1.5, "width": 4},
                "customdata": rows["_hover"].to_numpy(),
                "hovertemplate": "%{customdata}<extra>" + escape(source) + "</extra>",
            }
        )  # fmt: skip
    layout: dict[str, Any] = {
        "title": {"text": title, "subtitle": {"text": _tone_notes(series, freq, axis, method)}},
        "xaxis": {"title": {"text": x_title(axis)}, **period_ticks(marked, freq=freq, axis=axis)},
        "yaxis": {"title": {"text": TONE_AXIS}, "range": [-1.05, 1.05], "zeroline": False},
        "legend": {"title": {"text": "outlet"}},
        "hovermode": "closest",
        # Neutral tone, under the points (what add_hline draws, without copying the figure).
        "shapes": [{"type": "line", "xref": "x domain", "x0": 0, "x1": 1, "yref": "y", "y0": 0,
                    "y1": 0, "line": {"color": "lightgrey"}, "layer": "below"}],
    }  # fmt: skip
    lines, labels = milestone_marks(milestones, axis=axis)
    layout["shapes"] += lines
    layout["annotations"] = labels
    # Plain dicts, validated once by the figure.
    return go.Figure(data=traces, layout=layout)


def _tone_hover(marked: pl.DataFrame) -> pl.Expr:
    """Each point's hover text, made for the whole column at once (no loop over points)."""
    interval = (
        pl.when(pl.col("ci_low").is_null())
        .then(pl.lit("no interval: one article"))
        .otherwise(
            pl.format(
                "95% interval {} to {}",
                pl.col("ci_low").round(2).cast(pl.String),
                pl.col("ci_high").round(2).cast(pl.String),
            )
        )
    )
    small = pl.when(pl.col("small_sample")).then(
        pl.lit(f"<br>small sample: fewer than {timeseries.SMALL_SAMPLE_ARTICLES} articles")
    )
    return pl.format(
        "{}<br>mean tone {}<br>{}<br>n: {} sentences in {} articles{}",
        pl.col("_label"),
        pl.col("mean_tone").round(2).cast(pl.String),
        interval,
        pl.col("n_sentences"),
        pl.col("n_articles"),
        small.otherwise(pl.lit("")),
    )


def _tone_notes(series: pl.DataFrame, freq: str, axis: str, method: str) -> str:
    """The subtitle: what a point and a bar are, and why some points are hollow or bare."""
    scorer = f" ({escape(method)})" if method else ""
    notes = [
        f"a point: mean of the sentences' tone{scorer} per {period_noun(freq, axis)} and "
        "outlet; bar: 95% interval over articles"
    ]
    if series["small_sample"].any():
        notes.append(f"hollow: fewer than {timeseries.SMALL_SAMPLE_ARTICLES} articles")
    if series["ci_low"].null_count():
        notes.append("no bar: one article, so no interval")
    return "; ".join(notes)


def tone_distribution(
    scores: pl.DataFrame, *, method: str = "", colours: Mapping[str, str] | None = None
) -> go.Figure:
    """Sentence tone per article as horizontal box plots, one row per article, grouped by
    outlet, labelled on the y axis; the figure grows with the articles so none is squashed.

    ``scores`` needs ``label`` (the article's name on the axis), ``source`` and ``compound``;
    with ``article_id``, two articles that share a label get a row each.

    Examples
    --------
    >>> scores = pl.DataFrame({"article_id": ["a", "a", "b"], "label": ["X · 2023-03-20"] * 3,
    ...     "source": ["X"] * 3, "compound": [0.5, -0.1, 0.2]})
    >>> figure = tone_distribution(scores)
    >>> [trace.name for trace in figure.data], figure.data[0].orientation
    (['X · 2023-03-20', 'X · 2023-03-20 (2)'], 'h')
    """
    if scores.is_empty():
        return empty()
    colours = colours_for(scores["source"].unique().to_list(), colours)
    keys = ["label", "article_id"] if "article_id" in scores.columns else ["label"]
    articles = scores.select(*keys, "source").unique(maintain_order=True).sort(keys)
    # Boxes of one name share a row: a second article of one outlet and day needs its own.
    articles = articles.with_columns(
        pl.when(pl.int_range(pl.len()).over("label") > 0)
        .then(pl.format("{} ({})", "label", pl.int_range(1, pl.len() + 1).over("label")))
        .otherwise(pl.col("label"))
        .alias("_row")
    )
    rows = dict(zip(articles.select(keys).rows(), articles["_row"].to_list(), strict=True))
    traces: list[go.BaseTraceType] = []
    for key, part in scores.sort(keys).group_by(keys, maintain_order=True):
        source = part["source"][0]
        name = escape(rows[tuple(key)])
        traces.append(
            go.Box(
                x=part["compound"].to_numpy(),
                y=np.full(part.height, name, dtype=object),
                name=name,
                orientation="h",
                marker_color=colours[source],
                boxpoints="all",
                jitter=0.5,
                pointpos=0,
                legendgroup=escape(source),
                hovertemplate="%{x:.2f}<extra>" + f"{name} (n={part.height} sentences)</extra>",
            )
        )
    scorer = f" ({escape(method)})" if method else ""
    figure = go.Figure(data=traces)
    figure.update_layout(
        title={
            "text": "Tone of each article's sentences",
            "subtitle": {
                "text": f"one row per article, each dot a sentence{scorer}; box: the middle "
                "half of its sentences, line: median"
            },
        },
        showlegend=False,
        xaxis={"title": SCORE_AXIS, "range": [-1.05, 1.05], "zeroline": True},
        # First article on top, as a list reads.
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
        height=_rows_height(len(traces)),
    )
    return figure


def tone_summary(
    stats: pl.DataFrame, *, method: str = "", colours: Mapping[str, str] | None = None
) -> go.Figure:
    """Sentence tone per outlet as horizontal box plots drawn from precomputed statistics.

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
            y=[name],
            name=name,
            orientation="h",
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
    scorer = f" ({escape(method)})" if method else ""
    figure = go.Figure(data=traces)
    figure.update_layout(
        title={
            "text": "Tone of each outlet's sentences",
            "subtitle": {
                "text": f"too many articles for a row each: every sentence{scorer} of the "
                "outlet's filtered articles; box: the middle half, line: median, dashes: mean"
            },
        },
        showlegend=False,
        xaxis={"title": SCORE_AXIS, "range": [-1.05, 1.05], "zeroline": True},
        yaxis={"autorange": "reversed", "automargin": True, "type": "category"},
        height=_rows_height(len(traces), row=40),
    )
    return figure


def _rows_height(rows: int, *, row: int = _ROW_PX) -> int:
    return 190 + row * max(rows, 3)
