"""Charts of shares and spreads per outlet: tone boxes, heatmaps, stacked category bars."""

from __future__ import annotations

from collections.abc import Mapping

import plotly.graph_objects as go
import polars as pl

from framescope import encoding
from framescope.plots.common import colours_for, empty, escaped_value
from framescope.safe import escape


def heatmap(
    table: pl.DataFrame, *, x: str, y: str, value: str, title: str, text: str | None = None
) -> go.Figure:
    """A ``y`` x ``x`` heatmap of ``value`` (e.g. outlet x frame share); hover shows ``text``."""
    if table.is_empty():
        return empty()
    xs = sorted(table[x].unique().to_list())
    ys = sorted(table[y].unique().to_list())
    grid = {(r[y], r[x]): r for r in table.iter_rows(named=True)}
    cells = [[grid.get((b, a), {}) for a in xs] for b in ys]
    z = [[cell.get(value) for cell in row] for row in cells]
    hover = [[escaped_value(cell.get(text)) if text else None for cell in row] for row in cells]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=[escaped_value(a) for a in xs],
            y=[escaped_value(b) for b in ys],
            colorscale="Blues",
            customdata=hover,
            hovertemplate="%{y} · %{x}: %{z:.2f}<br>%{customdata}<extra></extra>",
        )
    )
    figure.update_layout(title=title, xaxis_title=x, yaxis_title=y)
    return figure


def stacked_shares(
    table: pl.DataFrame,
    *,
    category: str,
    value: str = "share",
    n: str = "n",
    title: str,
    top: int | None = 25,
    colours: Mapping[str, str] | None = None,
) -> go.Figure:
    """Horizontal stacked bars per outlet: the shares of each category (war naming, voices).

    Only the ``top`` categories with the most rows over all outlets get a bar of their own;
    the rest are summed into one grey ``other <category>s (k)`` bar and the subtitle says so.
    A large build attaches thousands of one-off labels to an actor: a bar each is unreadable
    and heavy to draw. ``top=None`` draws every category.

    Examples
    --------
    >>> table = pl.DataFrame({"source": ["X"] * 3, "label": ["ally", "foe", "host"],
    ...                       "share": [0.5, 0.3, 0.2], "n": [5, 3, 2]})
    >>> [trace.name for trace in stacked_shares(table, category="label", title="t", top=1).data]
    ['ally', 'other labels (2)']
    """
    if table.is_empty():
        return empty()
    totals = (
        table.group_by(category)
        .agg(pl.col(n).sum())
        .sort(n, category, descending=[True, False], nulls_last=True)
    )
    rest = totals.height - top if top is not None and totals.height > top else 0
    other = f"other {category}s ({rest:,})"
    # ``rest`` is nonzero only with a ``top``; testing both tells the type checker as much.
    if top is not None and rest:
        kept = totals[category].head(top).implode()
        table = (
            table.with_columns(
                pl.when(pl.col(category).is_in(kept))
                .then(pl.col(category))
                .otherwise(pl.lit(other))
                .alias(category)
            )
            .group_by("source", category, maintain_order=True)
            .agg(pl.col(value).sum(), pl.col(n).sum())
        )
        title = (
            f"{title}<br><sup>the {top} most frequent of {totals.height:,} {category}s; "
            f"the other {rest:,} summed in one grey bar</sup>"
        )
    names = [name for name in table[category].unique().to_list() if not (rest and name == other)]
    colours = {
        **colours_for(names, colours, palette=encoding.CATEGORY_PALETTE),
        other: encoding.OTHER,
    }
    # One aggregation and plain dicts: a go.Bar per category is validated twice (once
    # built, once copied into the figure).
    grouped = (
        table.sort("source")
        .group_by(category, maintain_order=True)
        .agg(pl.col("source"), pl.col(value), pl.col(n))
        # The summed rest goes last, at the end of each bar.
        .sort(pl.col(category) == other, maintain_order=True)
    )
    traces = [
        {
            "type": "bar",
            "y": [escaped_value(source) for source in sources],
            "x": values,
            "name": escape(name),
            "orientation": "h",
            "marker": {"color": colours[name]},
            "customdata": counts,
            "hovertemplate": "%{y}: %{x:.0%} (n=%{customdata})<extra>" + escape(name) + "</extra>",
        }
        for name, sources, values, counts in grouped.iter_rows()
    ]
    figure = go.Figure(data=traces)
    figure.update_layout(barmode="stack", title=title, xaxis_title="share", xaxis_tickformat=".0%")
    return figure
