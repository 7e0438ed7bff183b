"""Plotly figure builders: ``(frame, *, options) -> go.Figure``; no Panel, no I/O.

Every builder takes the tables the analysis functions return, labels raw and normalised values
for what they are, puts the ``n`` behind each point in its hover text, and turns an empty
selection into a figure that says so instead of an empty axis.

Plotly reads a subset of HTML in every text it draws (names, categories, hover and titles), so
every value from the data goes in through :func:`escape` and shows as written; a click on a
chart gives the escaped value back (``safe.unescape``). Titles are the callers' markup: a
caller escapes any value it puts into one.
"""

from __future__ import annotations

from datetime import date

import plotly.graph_objects as go
import polars as pl

from framescope.safe import escape, escape_expr

NO_DATA = "no data for this selection"
_PALETTE = [
    "#1f77b4",
    "#d62728",
    "#2ca02c",
    "#ff7f0e",
    "#9467bd",
    "#8c564b",
    "#e377c2",
    "#7f7f7f",
    "#bcbd22",
    "#17becf",
]
VALUE_LABELS = {
    "mentions": "mentions (raw count)",
    "mentions_per_1k_words": "mentions per 1,000 words (normalised)",
    "share_of_articles": "share of the outlet's articles mentioning the actor (normalised)",
    "articles_mentioning": "articles mentioning the actor (raw count)",
}


def empty(message: str = NO_DATA) -> go.Figure:
    """A figure with no axes that says why it is empty.

    Examples
    --------
    >>> empty().layout.annotations[0].text
    'no data for this selection'
    """
    figure = go.Figure()
    figure.add_annotation(
        text=message, showarrow=False, font={"size": 16}, x=0.5, y=0.5, xref="paper", yref="paper"
    )
    figure.update_layout(xaxis={"visible": False}, yaxis={"visible": False}, height=300)
    return figure


def _colours(keys: list[str]) -> dict[str, str]:
    # Colours follow the sorted key, so an outlet keeps its colour when filters change.
    return {key: _PALETTE[i % len(_PALETTE)] for i, key in enumerate(sorted(keys))}


def _escaped(value: object) -> object:
    # Only text can carry markup; numbers, dates and missing values stay what they are, so an
    # axis of them keeps its type and a missing hover shows nothing (not "None").
    return escape(value) if isinstance(value, str) else value


def _x_title(axis: str) -> str:
    return "days from the event" if axis == "event" else "date"


def add_milestones(
    figure: go.Figure, milestones: pl.DataFrame, *, axis: str = "calendar"
) -> go.Figure:
    """Vertical lines at the profile's milestones (``timeseries.milestones_frame``).

    Examples
    --------
    >>> from datetime import date
    >>> marks = pl.DataFrame({"date": [date(2023, 3, 20)], "days_from_event": [0],
    ...                       "label": ["visit"]})
    >>> figure = add_milestones(go.Figure(), marks)
    >>> (figure.layout.shapes[0].x0, figure.layout.annotations[0].text)
    ('2023-03-20', 'visit')
    """
    x_column = "days_from_event" if axis == "event" else "date"
    shapes, annotations = [], []
    for value, label in milestones.select(x_column, "label").iter_rows():
        x = value.isoformat() if isinstance(value, date) else value
        # What add_vline and add_annotation would add, but in one layout update: each of
        # those calls validates and copies the whole layout, ~20 ms per milestone.
        shapes.append(
            {
                "type": "line",
                "x0": x,
                "x1": x,
                "xref": "x",
                "y0": 0,
                "y1": 1,
                "yref": "y domain",
                "line": {"dash": "dot", "color": "grey", "width": 1},
            }
        )
        annotations.append(
            {
                "x": x,
                "y": 1,
                "yref": "paper",
                "text": escape(label),
                "showarrow": False,
                "textangle": -90,
                "xanchor": "right",
                "yanchor": "top",
                "font": {"size": 10, "color": "grey"},
            }
        )
    figure.update_layout(
        shapes=[*figure.layout.shapes, *shapes],
        annotations=[*figure.layout.annotations, *annotations],
    )
    return figure


def coverage(
    articles: pl.DataFrame,
    *,
    period: str = "period",
    milestones: pl.DataFrame | None = None,
    axis: str = "calendar",
) -> go.Figure:
    """Articles per period and outlet, stacked, with the milestones marked.

    ``articles`` needs ``period`` and ``source`` (one row per article). Names show as written:

    Examples
    --------
    >>> articles = pl.DataFrame({"period": ["2023-03-20"], "source": ["<b>X</b>"]})
    >>> coverage(articles).data[0].name
    '&lt;b&gt;X&lt;/b&gt;'
    """
    if articles.is_empty():
        return empty()
    # Sorted by outlet too: group_by order is arbitrary, and the legend should not shuffle.
    counts = articles.group_by(period, "source").len().sort(period, "source")
    colours = _colours(counts["source"].unique().to_list())
    traces: list[go.BaseTraceType] = []
    for (source,), rows in counts.group_by("source", maintain_order=True):
        traces.append(
            go.Bar(
                x=rows[period].to_list(),
                y=rows["len"].to_list(),
                name=escape(source),
                marker_color=colours[source],
                hovertemplate="%{x}<br>%{y} articles<extra>" + escape(source) + "</extra>",
            )
        )
    figure = go.Figure(data=traces)
    figure.update_layout(
        barmode="stack",
        title="Coverage: articles per period and outlet",
        xaxis_title=_x_title(axis),
        yaxis_title="articles (raw count)",
    )
    return add_milestones(figure, milestones, axis=axis) if milestones is not None else figure


def mentions_over_time(
    series: pl.DataFrame,
    *,
    value: str = "mentions",
    axis: str = "calendar",
    milestones: pl.DataFrame | None = None,
) -> go.Figure:
    """One line per actor and outlet from ``timeseries.mention_series``.

    ``value`` picks the raw count or a normalised share; the axis title says which.
    """
    if value not in VALUE_LABELS:
        msg = f"value {value!r} is not one of {list(VALUE_LABELS)}"
        raise ValueError(msg)
    if series.is_empty():
        return empty()
    colours = _colours(series["actor"].unique().to_list())
    dashes = ["solid", "dash", "dot", "dashdot", "longdash"]
    sources = sorted(series["source"].unique().to_list())
    traces: list[go.BaseTraceType] = []
    for (actor, source), rows in series.sort("period").group_by(
        "actor", "source", maintain_order=True
    ):
        traces.append(
            go.Scatter(
                # numpy arrays: Plotly checks a list element by element, an array at once
                # (80 traces at 100,000 articles: 0.45 s as lists).
                x=rows["period"].to_numpy(),
                y=rows[value].to_numpy(),
                mode="lines+markers",
                name=f"{escape(actor)} · {escape(source)}",
                line={"color": colours[actor], "dash": dashes[sources.index(source) % len(dashes)]},
                customdata=rows.select("mentions", "articles", "words").to_numpy(),
                hovertemplate=(
                    f"{escape(actor)} in {escape(source)}<br>%{{x}}: %{{y}}<br>"
                    "n: %{customdata[0]} mentions in %{customdata[1]} articles, "
                    "%{customdata[2]} words<extra></extra>"
                ),
            )
        )
    figure = go.Figure(data=traces)
    figure.update_layout(
        title="Mentions over time",
        xaxis_title=_x_title(axis),
        yaxis_title=VALUE_LABELS[value],
        legend_title="actor · outlet",
    )
    return add_milestones(figure, milestones, axis=axis) if milestones is not None else figure


def tone_over_time(
    series: pl.DataFrame,
    *,
    axis: str = "calendar",
    milestones: pl.DataFrame | None = None,
    title: str = "Tone over time",
) -> go.Figure:
    """Mean sentence tone per period and outlet with its interval, from ``tone_series``."""
    if series.is_empty():
        return empty()
    colours = _colours(series["source"].unique().to_list())
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
        xaxis_title=_x_title(axis),
        yaxis_title="mean sentence tone (-1..1)",
        yaxis_range=[-1, 1],
    )
    figure.add_hline(y=0, line={"color": "lightgrey"})
    return add_milestones(figure, milestones, axis=axis) if milestones is not None else figure


def tone_distribution(scores: pl.DataFrame) -> go.Figure:
    """Sentence tone per article as box plots, grouped by outlet.

    ``scores`` needs ``label`` (the article's name on the axis), ``source`` and ``compound``.
    """
    if scores.is_empty():
        return empty()
    colours = _colours(scores["source"].unique().to_list())
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


def tone_summary(stats: pl.DataFrame) -> go.Figure:
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
    colours = _colours(stats["source"].to_list())
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
    hover = [[_escaped(cell.get(text)) if text else None for cell in row] for row in cells]
    figure = go.Figure(
        go.Heatmap(
            z=z,
            x=[_escaped(a) for a in xs],
            y=[_escaped(b) for b in ys],
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
    colours = {**_colours(names), other: "#c7c7c7"}
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
            "y": [_escaped(source) for source in sources],
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


# Above this many claims the points are drawn with WebGL (``scattergl``): SVG markers make a
# browser crawl at tens of thousands. Below it SVG, which every browser draws.
WEBGL_POINTS = 1000


def claims_against_reference(
    claims: pl.DataFrame,
    reference: pl.DataFrame,
    targets: pl.DataFrame | None = None,
    *,
    milestones: pl.DataFrame | None = None,
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
                customdata=[_escaped(label) for label in targets["label"]],
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
    colours = _colours(claims["source"].unique().to_list())
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
