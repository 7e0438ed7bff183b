"""Outlets side by side: small multiples sharing one outlet axis, one row per outlet.

Each panel is one measure of ``dashboard.compare_state``'s table: mean tone with its interval,
or shares (or rates) of a measure's categories as stacked bars. Every row says its ``n`` at
the panel's right; a small sample is marked where it is drawn (a hollow point, hatched
bars), and an outlet with a single article says that it has no interval. Each bar panel has
its own legend under it, so no legend has to scroll.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any, Literal

import plotly.graph_objects as go
import polars as pl

from framescope import encoding
from framescope.plots.common import colours_for, empty
from framescope.safe import escape

# Pixels: a row per outlet, a panel's title and tick labels, a legend entry.
ROW_PX = 26
MIN_PLOT_PX = 110
TITLE_PX = 44
TICKS_PX = 26
LEGEND_ENTRY_PX = 19
BLOCK_GAP_PX = 18
COLUMN_GAP = 0.05
# Of a panel's width, the part right of the data where each row's n is written.
N_ROOM = 0.42
# The tone panel's n says more ("n=9, 1 article: no interval"): its column is wider, and so
# is the room for the n in it.
TONE_ROOM = 0.5
FIRST_COLUMN = 1.25
MIN_TONE_SPAN = 0.1
SMALL_PATTERN = {"shape": "/", "fillmode": "overlay", "fgcolor": "white", "size": 6}
"""Bars of a small sample: the category's colour, hatched white."""


@dataclass(frozen=True)
class Panel:
    """One small multiple: the ``measure`` it draws, its ``title`` (markup; the caller
    escapes any value in it), what it draws (``mean`` with its interval, ``share`` or
    ``per_article`` stacked by item) and what it says when it has no rows."""

    measure: str
    title: str
    value: Literal["mean", "share", "per_article"] = "share"
    empty: str = "nothing to compare"


def outlets_side_by_side(
    rows: pl.DataFrame,
    *,
    panels: Sequence[Panel],
    order: Sequence[str],
    title: str,
    note: str = "",
    outlet_colours: Mapping[str, str] | None = None,
    category_colours: Mapping[str, Mapping[str, str]] | None = None,
    columns: int = 3,
    top: int = 8,
) -> go.Figure:
    """The outlets in ``order`` (top to bottom) across ``panels``, ``columns`` to a row.

    ``rows``: ``source``, ``measure``, ``item``, ``name`` (the item as shown), ``n``,
    ``n_total``, ``n_articles``, ``share``, ``per_article``, ``mean``, ``ci_low``,
    ``ci_high``, ``interval`` (how it was drawn), ``small_sample``
    (``compare_state.SCHEMA`` with ``named``). A bar panel draws
    its ``top`` items with the most rows and sums the rest in one grey ``other`` bar;
    ``category_colours`` (by measure, then item id) keep each item's colour from other views.

    Examples
    --------
    >>> rows = pl.DataFrame({"source": ["X"], "measure": ["tone"], "item": ["vader"],
    ...     "name": ["vader"], "n": [3], "n_total": [3], "n_articles": [1], "share": [None],
    ...     "per_article": [None], "mean": [0.2], "ci_low": [None], "ci_high": [None],
    ...     "interval": [None], "small_sample": [True]})
    >>> figure = outlets_side_by_side(rows, panels=[Panel("tone", "Tone", "mean")],
    ...                               order=["X"], title="Compare")
    >>> figure.data[1].text[0]
    'n=3, 1 article: no interval'
    """
    if rows.is_empty() or not order:
        return empty()
    labels = [escape(source) for source in order]
    by_source = dict(zip(order, labels, strict=True))
    traces: list[dict[str, Any]] = []
    annotations: list[dict[str, Any]] = []
    shapes: list[dict[str, Any]] = []
    legends: dict[int, int] = {}  # panel index: legend entries
    ranges: dict[int, dict[str, Any]] = {}  # panel index: its x axis' range and ticks
    for index, panel in enumerate(panels):
        axes = {"xaxis": _axis("x", index), "yaxis": _axis("y", index)}
        shown = rows.filter(pl.col("measure") == panel.measure, pl.col("source").is_in(order))
        if shown.is_empty() or (panel.value != "mean" and shown["n"].sum() == 0):
            annotations.append(_panel_message(panel.empty, index))
            ranges[index] = {"range": [0.0, 1.0], "visible": False}
            continue
        if panel.value == "mean":
            drawn, ranges[index], zero = _tone_traces(shown, by_source, outlet_colours, axes)
            shapes.extend([zero] if zero else [])
        else:
            colours = (category_colours or {}).get(panel.measure)
            drawn, ranges[index], entries = _bar_traces(
                shown, by_source, panel, colours, axes, legend=_legend(len(legends)), top=top
            )
            legends[index] = entries
        traces.extend(drawn)
    layout = _layout(
        panels, labels, legends=legends, ranges=ranges, columns=columns, title=title, note=note
    )
    layout["annotations"].extend(annotations)
    # One construction: each update_layout validates and copies the whole layout again.
    figure = go.Figure(
        {
            "data": traces,
            "layout": {**layout, "shapes": shapes, "barmode": "stack", "hovermode": "closest"},
        }
    )
    return figure


def _axis(letter: str, index: int) -> str:
    # Panel 0 draws on x/y, panel 1 on x2/y2, ...
    return letter if index == 0 else f"{letter}{index + 1}"


def _legend(count: int) -> str:
    return "legend" if count == 0 else f"legend{count + 1}"


def _panel_message(text: str, index: int) -> dict[str, Any]:
    return {
        "text": text,
        "xref": f"{_axis('x', index)} domain",
        "yref": f"{_axis('y', index)} domain",
        "x": 0.5,
        "y": 0.5,
        "showarrow": False,
        "font": {"size": 12, "color": "grey"},
    }


def _tone_traces(
    shown: pl.DataFrame,
    by_source: Mapping[str, str],
    outlet_colours: Mapping[str, str] | None,
    axes: Mapping[str, str],
) -> tuple[list[dict[str, Any]], dict[str, Any], dict[str, Any] | None]:
    """Mean tone per outlet with its interval (a hollow point when small), and each row's n."""
    colours = colours_for(list(by_source), outlet_colours)
    scored = shown.filter(pl.col("n") > 0)
    low = scored.select(pl.col("ci_low").fill_null(pl.col("mean")))["ci_low"].to_list()
    high = scored.select(pl.col("ci_high").fill_null(pl.col("mean")))["ci_high"].to_list()
    # The data's own range (a dot plot need not start at 0: outlets an hundredth apart are
    # what a comparison at 100,000 articles shows), never narrower than MIN_TONE_SPAN.
    left, right = min(low), max(high)
    if right - left < MIN_TONE_SPAN:
        middle = (left + right) / 2
        left, right = middle - MIN_TONE_SPAN / 2, middle + MIN_TONE_SPAN / 2
    span = right - left
    pad = span * 0.06
    # The data take the left part of the panel, the n its right part (clear of the markers).
    text_x = right + 2 * pad
    shown_range = {
        "range": [left - pad, text_x + (span + 3 * pad) * TONE_ROOM / (1 - TONE_ROOM)],
        "tickvals": ticks(left, right),
    }
    # Points without an interval in a trace of their own: Plotly draws a missing error bar as
    # one of no length, its caps a bar through the point.
    points = [
        _tone_points(part, by_source, colours, axes, interval=interval)
        for interval, part in (
            (True, scored.filter(pl.col("ci_low").is_not_null())),
            (False, scored.filter(pl.col("ci_low").is_null())),
        )
        if not part.is_empty()
    ]
    counts = {
        "type": "scatter",
        **axes,
        "x": [text_x] * shown.height,
        "y": [by_source[source] for source in shown["source"]],
        "mode": "text",
        "text": [_tone_n(n, articles) for n, articles in shown.select("n", "n_articles").rows()],
        "textposition": "middle right",
        "textfont": {"size": 10, "color": "#444"},
        "showlegend": False,
        "hoverinfo": "skip",
        "cliponaxis": False,
    }
    # The neutral line, where it falls among the data (not under the n column).
    zero = (
        None
        if not left - pad <= 0 <= right + pad
        else {
            "type": "line",
            "xref": axes["xaxis"],
            "yref": f"{axes['yaxis']} domain",
            "x0": 0,
            "x1": 0,
            "y0": 0,
            "y1": 1,
            "line": {"color": "lightgrey", "width": 1},
            "layer": "below",
        }
    )
    return [*points, counts], shown_range, zero


def _tone_points(
    rows: pl.DataFrame,
    by_source: Mapping[str, str],
    colours: Mapping[str, str],
    axes: Mapping[str, str],
    *,
    interval: bool,
) -> dict[str, Any]:
    """Outlets' mean tone, hollow when small, with error bars when ``interval``."""
    sources = rows["source"].to_list()
    return {
        "type": "scatter",
        **axes,
        "x": rows["mean"].to_list(),
        "y": [by_source[source] for source in sources],
        "mode": "markers",
        "showlegend": False,
        "marker": {
            "size": 11,
            "color": [colours[source] for source in sources],
            "symbol": ["circle-open" if small else "circle" for small in rows["small_sample"]],
            "line": {"width": 2, "color": [colours[source] for source in sources]},
        },
        **(
            {
                "error_x": {
                    "type": "data",
                    "array": (rows["ci_high"] - rows["mean"]).to_list(),
                    "arrayminus": (rows["mean"] - rows["ci_low"]).to_list(),
                    "color": "#555",
                    "thickness": 1.5,
                }
            }
            if interval
            else {}
        ),
        "customdata": rows.select(
            "n",
            "n_articles",
            pl.format(
                "{} .. {} ({})",
                *(pl.col(c).cast(pl.Float64).round(3) for c in ("ci_low", "ci_high")),
                "interval",
            ).fill_null("none: one article"),
        ).rows(),
        "hovertemplate": (
            "%{y}<br>mean tone %{x:.3f}<br>95% CI %{customdata[2]}"
            "<br>n: %{customdata[0]} sentences in %{customdata[1]} articles<extra></extra>"
        ),
    }


def _tone_n(n: int, articles: int) -> str:
    if n == 0:
        return "not mentioned"
    if articles == 1:
        # One article: every resample would be that article again; no interval to be had.
        return f"n={n}, 1 article: no interval"
    return f"n={n} in {articles} articles"


def _bar_traces(
    shown: pl.DataFrame,
    by_source: Mapping[str, str],
    panel: Panel,
    colours: Mapping[str, str] | None,
    axes: Mapping[str, str],
    *,
    legend: str,
    top: int,
) -> tuple[list[dict[str, Any]], dict[str, Any], int]:
    """One stacked bar per outlet (an item per trace, hatched when the row is small), the
    rest of the items summed in grey, and each row's n at the right."""
    value = panel.value
    totals = (
        shown.group_by("item", "name")
        .agg(pl.col("n").sum())
        .filter(pl.col("n") > 0)
        .sort("n", "item", descending=[True, False])
    )
    kept = totals.head(top)
    rest = totals.height - kept.height
    other = f"{rest} others"
    colours = colours_for(kept["item"].to_list(), colours, palette=encoding.CATEGORY_PALETTE)
    drawn = shown.filter(pl.col("n") > 0).with_columns(
        pl.when(pl.col("item").is_in(kept["item"].implode()))
        .then(pl.col("item"))
        .otherwise(pl.lit(other))
        .alias("item")
    )
    grouped = drawn.group_by("source", "item").agg(
        pl.col(value).sum(), pl.col("n").sum(), pl.col("n_total").first(),
        pl.col("small_sample").first(),
    )  # fmt: skip
    items = [*kept.select("item", "name").rows(), *([(other, other)] if rest else [])]
    parts = grouped.sort("source").partition_by("item", "small_sample", as_dict=True)
    empty_part = grouped.clear()
    traces = []
    for item, name in items:
        colour = encoding.OTHER if item == other else colours[item]
        # Small rows in a trace of their own: the legend's swatch is the first trace's, plain.
        for small in (False, True):
            rows = parts.get((item, small), empty_part)
            y = [by_source[source] for source in rows["source"]]
            x = rows[value].to_list()
            if not small and not y:
                # Plotly leaves an empty trace out of the legend: a bar of no length keeps it.
                y, x = [next(iter(by_source.values()))], [0]
            traces.append(
                {
                    "type": "bar",
                    **axes,
                    "orientation": "h",
                    "y": y,
                    "x": x,
                    "name": escape(name),
                    "legend": legend,
                    "legendgroup": f"{legend} {item}",
                    "showlegend": not small,
                    "marker": {
                        "color": colour,
                        **({"pattern": SMALL_PATTERN} if small else {}),
                    },
                    "customdata": rows.select("n", "n_total").rows() or [(0, 0)],
                    "hovertemplate": (
                        "%{y}<br>"
                        + escape(name)
                        + (": %{x:.0%}" if value == "share" else ": %{x:.2f} per article")
                        + " (n=%{customdata[0]} of %{customdata[1]}"
                        + (", a small sample" if small else "")
                        + ")<extra></extra>"
                    ),
                }
            )
    per_source = shown.group_by("source").agg(
        pl.col("n_total").first(), pl.col("small_sample").first(), pl.col(value).sum()
    )
    # A rate's widest bar (all of a bar when shares); never 0, so the n have room.
    rates = per_source.get_column(value).fill_null(0).to_numpy()
    widest = 1.0 if value == "share" else max(float(rates.max(initial=0)), 1e-9)
    text_x = widest * 1.03
    traces.append(
        {
            "type": "scatter",
            **axes,
            "x": [text_x] * per_source.height,
            "y": [by_source[source] for source in per_source["source"]],
            "mode": "text",
            "text": [
                _share_n(n, small)
                for n, small in per_source.select("n_total", "small_sample").rows()
            ],
            "textposition": "middle right",
            "textfont": {"size": 10, "color": "#444"},
            "showlegend": False,
            "hoverinfo": "skip",
            "cliponaxis": False,
        }
    )
    shown_range = {
        "range": [0.0, text_x / (1 - N_ROOM)],
        **(
            {"tickvals": [0, 0.5, 1], "tickformat": ".0%"}
            if value == "share"
            else {"tickvals": ticks(0.0, widest)}
        ),
    }
    return traces, shown_range, len(items)


def ticks(low: float, high: float, *, most: int = 4) -> list[float]:
    """Round tick values from ``low`` to ``high`` only, at most ``most`` of them: the part of
    a panel right of the data holds each row's n, not values.

    Examples
    --------
    >>> ticks(-0.03, 0.41)
    [0.0, 0.2, 0.4]
    >>> ticks(0.0, 9.0)
    [0.0, 2.5, 5.0, 7.5]
    """
    span = max(high - low, 1e-9)
    magnitude = 10 ** math.floor(math.log10(span))
    step = next(
        m * magnitude
        for m in (0.1, 0.2, 0.25, 0.5, 1, 2, 2.5, 5, 10)
        if span / (m * magnitude) < most
    )
    first = math.ceil(low / step - 1e-9)
    last = math.floor(high / step + 1e-9)
    return [round(i * step, 10) + 0.0 for i in range(first, last + 1)]


def _share_n(n: int, small: bool) -> str:
    if n == 0:
        return "none"
    return f"n={n}, small" if small else f"n={n}"


def _layout(
    panels: Sequence[Panel],
    labels: Sequence[str],
    *,
    legends: Mapping[int, int],
    ranges: Mapping[int, Mapping[str, Any]],
    columns: int,
    title: str,
    note: str,
) -> dict[str, Any]:
    """Axes, panel titles and legends placed in pixels, then as fractions of the plot area."""
    plot_px = max(ROW_PX * len(labels), MIN_PLOT_PX)
    n_rows = math.ceil(len(panels) / columns)
    legend_px = [
        max([legends.get(i, 0) for i in range(r * columns, (r + 1) * columns)], default=0)
        * LEGEND_ENTRY_PX
        for r in range(n_rows)
    ]
    blocks = [TITLE_PX + plot_px + TICKS_PX + px + BLOCK_GAP_PX for px in legend_px]
    height = sum(blocks)
    weights = [FIRST_COLUMN, *[1.0] * (columns - 1)]
    widths = [(1 - COLUMN_GAP * (columns - 1)) * w / sum(weights) for w in weights]
    starts = [sum(widths[:c]) + c * COLUMN_GAP for c in range(columns)]
    layout: dict[str, Any] = {"annotations": []}
    legend_count = 0
    for index, panel in enumerate(panels):
        row, column = divmod(index, columns)
        top_px = sum(blocks[:row]) + TITLE_PX
        y_domain = [1 - (top_px + plot_px) / height, 1 - top_px / height]
        x_domain = [starts[column], starts[column] + widths[column]]
        suffix = "" if index == 0 else str(index + 1)
        layout[f"xaxis{suffix}"] = {
            "domain": x_domain,
            "anchor": f"y{suffix}",
            "tickfont": {"size": 10},
            "zeroline": False,
            **ranges.get(index, {"range": [0, 1]}),
        }
        layout[f"yaxis{suffix}"] = {
            "domain": y_domain,
            "anchor": f"x{suffix}",
            "type": "category",
            "categoryorder": "array",
            "categoryarray": list(labels),
            "range": [len(labels) - 0.5, -0.5],  # the first outlet at the top
            "showticklabels": column == 0,
            "automargin": True,
            "fixedrange": True,
        }
        layout["annotations"].append(
            {
                "text": panel.title,
                "xref": "paper",
                "yref": "paper",
                "x": x_domain[0],
                "y": y_domain[1] + 4 / height,
                "xanchor": "left",
                "yanchor": "bottom",
                "align": "left",
                "showarrow": False,
                "font": {"size": 13},
            }
        )
        if index in legends:
            name = _legend(legend_count)
            legend_count += 1
            layout[name] = {
                "x": x_domain[0],
                "y": y_domain[0] - TICKS_PX / height,
                "xanchor": "left",
                "yanchor": "top",
                "orientation": "v",
                "font": {"size": 11},
                "tracegroupgap": 0,
                "bgcolor": "rgba(0,0,0,0)",
            }
    # The title's line, then one per line of the note.
    top_margin = 50 + (note.count("<br>") + 1) * 16 if note else 50
    layout.update(
        title={"text": f"{title}<br><sup>{note}</sup>" if note else title, "x": 0.01},
        height=height + top_margin + 10,
        margin={"t": top_margin, "b": 10, "r": 10},
        showlegend=True,
        bargap=0.3,
    )
    return layout
