"""Charts of shares per outlet: heatmaps and stacked category bars.

Both read tables whose categories are ids (``special_military_operation``) and show the names
a caller gives (``names``); the ids ride along in each trace's ``meta`` (escaped, as everything
from the data is), so a click is turned back into the id it filters on (:func:`clicked_id`).
Outlets read top to bottom in alphabetical order in both.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Iterable, Mapping, Sequence
from typing import Any

import plotly.graph_objects as go
import polars as pl

from framescope import encoding
from framescope.plots.common import colours_for, empty, escaped_value
from framescope.safe import escape, unescape

PATTERNS = ("", "/", ".", "x", "-", "|", "+", "\\")
"""Fill patterns of the categories that share a colour: a palette of 12 cycles over a profile's
39 descriptors, so two categories in one chart can get one colour; the pattern tells them
apart and, like the colour, follows the profile's order, not what is shown."""
TICK_CHARACTERS = 16
"""A heatmap's column names wrap at about this many characters: horizontal, readable ticks."""


def named(value: str, names: Mapping[str, str] | None) -> str:
    """``value``'s name in ``names`` (itself when unnamed), escaped for plotly.

    Examples
    --------
    >>> named("smo", {"smo": "special <military> operation"}), named("war", None)
    ('special &lt;military&gt; operation', 'war')
    """
    return escape((names or {}).get(value, value))


def wrapped(text: str, width: int = TICK_CHARACTERS) -> str:
    """``text`` in lines of about ``width`` characters joined by plotly's ``<br>``.

    Escape first: the lines break at spaces only, so an entity is never cut.

    Examples
    --------
    >>> wrapped("partnership and diplomacy")
    'partnership and<br>diplomacy'
    """
    return "<br>".join(textwrap.wrap(text, width, break_long_words=False)) or text


def patterns_for(keys: Iterable[str], colours: Mapping[str, str]) -> dict[str, str]:
    """A fill pattern per key: none for the first key (in ``colours``' order) of each colour,
    then one per repeat of it, so two keys of one colour never look alike.

    Examples
    --------
    >>> patterns_for(["a", "b", "c"], {"a": "red", "b": "blue", "c": "red"})
    {'a': '', 'b': '', 'c': '/'}
    """
    rank = encoding.repeats(colours, colours)
    return {key: PATTERNS[rank.get(key, 0) % len(PATTERNS)] for key in keys}


def clicked_id(trace: Any, point: Mapping[str, Any]) -> str | None:
    """The category id behind a click on :func:`heatmap` or :func:`stacked_shares`: the
    heatmap's column (by its place among the trace's ``x``), a bar's trace. ``None`` for the
    summed rest and for a click these charts did not draw.

    Examples
    --------
    >>> figure = stacked_shares(pl.DataFrame({"source": ["X"], "term": ["smo"], "share": [1.0],
    ...                                       "n": [1]}), category="term", title="t",
    ...                         names={"smo": "special military operation"})
    >>> clicked_id(figure.data[0], {"y": "X"})
    'smo'
    """
    meta = trace.meta
    if isinstance(meta, str):
        return unescape(meta)
    if isinstance(meta, Mapping) and "x" in meta:
        columns = list(trace.x)
        x = point.get("x")
        if x in columns:
            return unescape(meta["x"][columns.index(x)])
    return None


def heatmap(
    table: pl.DataFrame,
    *,
    x: str,
    y: str,
    value: str,
    title: str,
    text: str | None = None,
    names: Mapping[str, str] | None = None,
    order: Sequence[str] | None = None,
    value_format: str = ".2f",
    x_title: str | None = None,
    y_title: str | None = None,
) -> go.Figure:
    """A ``y`` x ``x`` heatmap of ``value`` (e.g. outlet x frame share); hover shows ``text``.

    Columns show their ``names`` (wrapped to a few words a line) in ``order`` (the profile's),
    values ``order`` does not list after it, sorted; rows are ``y``'s values, alphabetical top
    to bottom. Each column's id is in the trace's ``meta["x"]``. Hover values are formatted
    with ``value_format`` (``".0%"`` for shares).

    Examples
    --------
    >>> table = pl.DataFrame({"source": ["A", "B"], "frame": ["war_cost"] * 2,
    ...                       "share": [0.2, 0.5]})
    >>> figure = heatmap(table, x="frame", y="source", value="share", title="Frames",
    ...                  names={"war_cost": "cost of the war"})
    >>> figure.data[0].x, figure.data[0].meta["x"]
    (('cost of the war',), ['war_cost'])
    """
    if table.is_empty():
        return empty()
    present = set(table[x].unique().to_list())
    listed = [value for value in (order or []) if value in present]
    xs = listed + sorted(present - set(listed))
    ys = sorted(table[y].unique().to_list())
    grid = {(r[y], r[x]): r for r in table.iter_rows(named=True)}
    cells = [[grid.get((b, a), {}) for a in xs] for b in ys]
    z = [[cell.get(value) for cell in row] for row in cells]
    hover = [[escaped_value(cell.get(text)) if text else None for cell in row] for row in cells]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=[wrapped(named(a, names)) for a in xs],
            y=[escaped_value(b) for b in ys],
            colorscale="Blues",
            customdata=hover,
            meta={"x": [escape(a) for a in xs]},
            hovertemplate=(
                f"%{{y}} · %{{x}}: %{{z:{value_format}}}<br>%{{customdata}}<extra></extra>"
            ),
            colorbar={"tickformat": value_format},
        )
    )
    figure.update_layout(
        title=title,
        xaxis={"title": x_title if x_title is not None else x, "tickangle": 0},
        yaxis={"title": y_title if y_title is not None else y, "autorange": "reversed"},
    )
    return figure


def ranked(table: pl.DataFrame, *, category: str, n: str = "n") -> list[str]:
    """``category``'s values, most rows (``n`` summed over outlets) first, ties by value.

    Examples
    --------
    >>> ranked(pl.DataFrame({"term": ["war", "smo", "war"], "n": [1, 3, 1]}), category="term")
    ['smo', 'war']
    """
    totals = (
        table.group_by(category)
        .agg(pl.col(n).sum())
        .sort(n, category, descending=[True, False], nulls_last=True)
    )
    return totals[category].to_list()


def stacked_shares(
    table: pl.DataFrame,
    *,
    category: str,
    value: str = "share",
    n: str = "n",
    title: str,
    top: int | None = 12,
    colours: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> go.Figure:
    """Horizontal stacked bars per outlet: the shares of each category (war naming, voices).

    Only the ``top`` categories with the most rows over all outlets get a bar of their own;
    the rest are summed into one grey ``other <category>s (k)`` bar and the subtitle says so.
    A large build attaches thousands of one-off labels to an actor: a bar each is unreadable
    and heavy to draw. ``top=None`` draws every category.

    Bars and the legend (below the chart, across: it grows, never scrolls) go from the most
    frequent category to the least, the summed rest last. Categories show their ``names``
    and keep their ``colours`` (the build's, ``encoding``; the category palette otherwise),
    with a fill pattern where two share a colour (:func:`patterns_for`). Each trace's
    ``meta`` is its category's id (escaped; ``None`` for the rest). The figure's height
    fits the outlets and the legend.

    Examples
    --------
    >>> table = pl.DataFrame({"source": ["X"] * 3, "label": ["ally", "foe", "host"],
    ...                       "share": [0.5, 0.3, 0.2], "n": [5, 3, 2]})
    >>> [trace.name for trace in stacked_shares(table, category="label", title="t", top=1).data]
    ['ally', 'other labels (2)']
    """
    if table.is_empty():
        return empty()
    order = ranked(table, category=category, n=n)
    kept = order if top is None else order[:top]
    rest = len(order) - len(kept)
    other = f"other {category}s ({rest:,})"
    if rest:
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
            f"{title}<br><sup>the {top} most frequent of {len(order):,} {category}s; "
            f"the other {rest:,} summed in one grey bar</sup>"
        )
    full = dict(colours) if colours is not None else {}
    full |= {
        key: colour
        for key, colour in colours_for(kept, colours, palette=encoding.CATEGORY_PALETTE).items()
        if key not in full
    }
    patterns = patterns_for(kept, full)
    sources = sorted(table["source"].unique().to_list())
    rows = {
        key: group.sort("source") for (key,), group in table.group_by(category, maintain_order=True)
    }
    # Plain dicts, one aggregation: a go.Bar per category is validated twice (once built, once
    # copied into the figure).
    traces = [
        _bar(
            rows[key],
            name=named(key, names),
            meta=escape(key),
            colour=full[key],
            pattern=patterns[key],
            value=value,
            n=n,
        )
        for key in kept
        if key in rows
    ]
    if rest:
        traces.append(
            _bar(rows[other], name=escape(other), meta=None, colour=encoding.OTHER, pattern="",
                 value=value, n=n)
        )  # fmt: skip
    figure = go.Figure(data=traces)
    legend_rows = math.ceil(len(traces) / 5)
    figure.update_layout(
        barmode="stack",
        title=title,
        xaxis={"tickformat": ".0%", "range": [0, 1.0001]},
        yaxis={
            "categoryorder": "array",
            "categoryarray": [escape(source) for source in sources],
            "autorange": "reversed",
        },
        # Plotly leaves out the legend of a single trace: then nothing would name its colour.
        showlegend=True,
        legend={
            "orientation": "h",
            "x": 0,
            "xanchor": "left",
            "y": -0.08,
            "yanchor": "top",
            "traceorder": "normal",
        },
        height=170 + 30 * len(sources) + 24 * legend_rows + (20 if rest else 0),
        margin={"t": 80 if rest else 60, "b": 20},
    )
    return figure


def _bar(
    rows: pl.DataFrame,
    *,
    name: str,
    meta: str | None,
    colour: str,
    pattern: str,
    value: str,
    n: str,
) -> dict[str, Any]:
    """One category's bars (a plain dict of :func:`stacked_shares`' trace)."""
    marker: dict[str, Any] = {"color": colour}
    if pattern:
        marker["pattern"] = {"shape": pattern, "fillmode": "overlay", "fgcolor": "white"}
    return {
        "type": "bar",
        "y": [escape(source) for source in rows["source"]],
        "x": rows[value].to_list(),
        "name": name,
        "meta": meta,
        "orientation": "h",
        "marker": marker,
        "customdata": rows[n].to_list(),
        "hovertemplate": "%{y}: %{x:.0%} (n=%{customdata})<extra>" + name + "</extra>",
    }
