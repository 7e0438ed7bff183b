"""Charts over time: coverage per period and outlet, mentions per period, actor and outlet.

Every period's mark sits at the middle of the period with the period's real width
(``periods.period_middle``, ``period_width``): a bar spans the days it counts, so it
neither sits before the milestones its articles report nor vanishes when the selection holds
a single period. Counts start at zero.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
import plotly.graph_objects as go
import polars as pl

from framescope import display
from framescope.periods import period_label, period_middle, period_width
from framescope.plots.common import add_milestones, colours_for, empty, x_title
from framescope.safe import escape, escape_expr

VALUE_LABELS = {
    "mentions": "mentions (raw count)",
    "mentions_per_1k_words": "mentions per 1,000 words (normalised)",
    "share_of_articles": "share of the outlet's articles mentioning the actor (normalised)",
    "articles_mentioning": "articles mentioning the actor (raw count)",
}
"""Each plottable value of ``timeseries.mention_series`` in words, with its unit."""
SHORT_LABELS = {
    "mentions": "mentions",
    "mentions_per_1k_words": "per 1,000 words",
    "share_of_articles": "share of articles",
    "articles_mentioning": "articles",
}
"""The same, short enough for the y axis of one small panel."""
_HOVER_VALUE = {
    "mentions": "%{y}",
    "mentions_per_1k_words": "%{y:.2f}",
    "share_of_articles": "%{y:.0%}",
    "articles_mentioning": "%{y}",
}
_EVENT_NOUNS = {"day": "day", "week": "7-day period", "month": "30-day period"}
# Outlets of one period share this part of its width, side by side: equal values of two
# outlets would otherwise sit on one pixel.
DODGE = 0.6
DAY_MS = 86_400_000
MAX_TICKS = 16  # period boundaries as ticks up to this many; beyond, Plotly's own
LABEL_GROUND = "rgba(255, 255, 255, 0.6)"  # a milestone's label over bars
TITLE_GROUND = "rgba(255, 255, 255, 0.85)"  # a panel's title over a milestone's label
# Bars a little see-through, so the milestone lines (drawn above) and gridlines show.
BAR_OPACITY = 0.85


def with_period_marks(
    frame: pl.DataFrame, *, period: str = "period", freq: str = "week", axis: str = "calendar"
) -> pl.DataFrame:
    """``frame`` with ``_x`` (the period's middle), ``_width`` (ms on dates, days on the event
    axis) and ``_label`` (the period in words, escaped for hover text) for its ``period``.

    Periods that are labels (text, not dates or day numbers) are drawn as categories: ``_x``
    is the label and ``_width`` null.

    Raises
    ------
    ValueError
        If ``period`` holds dates on the event axis or numbers on the calendar axis.

    Examples
    --------
    >>> from datetime import date
    >>> marked = with_period_marks(pl.DataFrame({"period": [date(2023, 3, 13)]}))
    >>> marked.select("_width", "_label").row(0)
    (604800000, 'week of 13 Mar 2023')
    """
    column = pl.col(period)
    dtype = frame.schema[period]
    if dtype in (pl.String, pl.Categorical):
        return frame.with_columns(
            column.alias("_x"),
            pl.lit(None, pl.Int64).alias("_width"),
            escape_expr(column).alias("_label"),
        )
    wanted = dtype.is_temporal() if axis == "calendar" else dtype.is_integer()
    if not wanted:
        msg = (
            f"{period}: {dtype} values on the {axis!r} axis; it needs dates on 'calendar', "
            "whole days on 'event'"
        )
        raise ValueError(msg)
    options = {"freq": freq, "axis": axis}
    return frame.with_columns(
        period_middle(column, **options).alias("_x"),
        period_width(column, **options).alias("_width"),
        escape_expr(period_label(column, **options)).alias("_label"),
    )


def dodge(keys: Sequence[str], *, spread: float = DODGE) -> dict[str, float]:
    """Each key's offset within a period, as a fraction of the period's width: the keys side
    by side across ``spread`` of it, in the order given, centred on the middle.

    Examples
    --------
    >>> dodge(["a", "b", "c"])
    {'a': -0.2, 'b': 0.0, 'c': 0.2}
    """
    step = spread / max(len(keys), 1)
    return {key: round((i - (len(keys) - 1) / 2) * step, 12) for i, key in enumerate(keys)}


def dodged_x(rows: pl.DataFrame, share: float, *, axis: str) -> np.ndarray:
    """The x of ``rows`` (from :func:`with_period_marks`) moved ``share`` of their period's
    width: milliseconds on a date axis, days on the event axis."""
    if rows["_width"].null_count():  # categories: no width to share
        return rows["_x"].to_numpy()
    offset = rows["_width"].to_numpy() * share
    if axis != "event":
        offset = offset.astype(np.int64).astype("timedelta64[ms]")
    return rows["_x"].to_numpy() + offset


def period_ticks(marked: pl.DataFrame, *, freq: str, axis: str) -> dict[str, object]:
    """x axis ticks on the periods' boundaries (Mondays for weeks; 0, 7, 14... or 0, 30,
    60... days on the event axis), when few enough to read; else Plotly's own (``{}``).

    Plotly's own weekly ticks fall on Sundays, between two ISO weeks' bars.

    Examples
    --------
    >>> marked = with_period_marks(pl.DataFrame({"period": [-30, 0]}), freq="month", axis="event")
    >>> period_ticks(marked, freq="month", axis="event")
    {'tick0': 0, 'dtick': 30}
    """
    if marked.is_empty() or marked["_width"].null_count() or (freq == "day" and axis != "event"):
        return {}
    spread = marked.select(pl.col("_x").max() - pl.col("_x").min()).item()  # days or timedelta
    if axis == "event":
        step = 30 if freq == "month" else 7
        return {"tick0": 0, "dtick": step} if spread / step <= MAX_TICKS else {}
    if freq == "month":
        return {}  # Plotly's monthly ticks are the firsts of months already
    return {"tick0": "2023-01-02", "dtick": 7 * DAY_MS} if spread.days / 7 <= MAX_TICKS else {}


def milestone_marks(
    milestones: pl.DataFrame | None,
    *,
    axis: str = "calendar",
    ground: str | None = None,
    across: bool = False,
) -> tuple[list[dict[str, Any]], list[dict[str, Any]]]:
    """The lines and labels ``common.add_milestones`` draws, as layout entries: a figure of
    many traces is made once with them, where adding them would validate and copy it again.

    ``ground`` puts the labels on a pale ground (over bars; over points it would hide them);
    ``across`` runs the lines through every panel of a figure whose panels share the x axis.

    Examples
    --------
    >>> from datetime import date
    >>> marks = pl.DataFrame({"date": [date(2023, 3, 20)], "days_from_event": [0],
    ...                       "label": ["visit"]})
    >>> lines, labels = milestone_marks(marks, ground=LABEL_GROUND, across=True)
    >>> lines[0]["yref"], labels[0]["text"], labels[0]["bgcolor"] == LABEL_GROUND
    ('paper', 'visit', True)
    """
    if milestones is None:
        return [], []
    drawn = add_milestones(go.Figure(), milestones, axis=axis).layout
    lines = [line.to_plotly_json() | ({"yref": "paper"} if across else {}) for line in drawn.shapes]
    ground_of = {"bgcolor": ground} if ground else {}
    labels = [label.to_plotly_json() | ground_of for label in drawn.annotations]
    return lines, labels


def count_ticks(largest: object) -> dict[str, object]:
    """A count axis's ticks: every whole number when the counts are small (Plotly would mark
    0.5 articles), else Plotly's own.

    Examples
    --------
    >>> count_ticks(2), count_ticks(40)
    ({'dtick': 1}, {})
    """
    return {"dtick": 1} if isinstance(largest, int | float) and largest <= 5 else {}


def coverage(
    articles: pl.DataFrame,
    *,
    period: str = "period",
    freq: str = "week",
    milestones: pl.DataFrame | None = None,
    axis: str = "calendar",
    colours: Mapping[str, str] | None = None,
) -> go.Figure:
    """Articles per period and outlet, stacked, each bar spanning its period, with the
    milestones marked.

    ``articles`` needs ``period`` (from ``timeseries.periods`` with the same ``freq`` and
    ``axis``) and ``source``, one row per article. Names show as written:

    Examples
    --------
    >>> from datetime import date
    >>> articles = pl.DataFrame({"period": [date(2023, 3, 20)], "source": ["<b>X</b>"]})
    >>> bar = coverage(articles).data[0]
    >>> bar.name, int(bar.width[0]) == 7 * 86_400_000
    ('&lt;b&gt;X&lt;/b&gt;', True)
    """
    if articles.is_empty():
        return empty()
    # Sorted by outlet too: group_by order is arbitrary, and the legend should not shuffle.
    counts = with_period_marks(
        articles.group_by(period, "source").len().sort("source", period),
        period=period,
        freq=freq,
        axis=axis,
    )
    colours = colours_for(counts["source"].unique().to_list(), colours)
    # Plain dicts, validated once by the figure (a go.Bar would be validated again there).
    traces = [
        {
            "type": "bar",
            "x": rows["_x"].to_numpy(),
            "y": rows["len"].to_numpy(),
            "width": None if rows["_width"].null_count() else rows["_width"].to_numpy(),
            "name": escape(source),
            "marker": {"color": colours[source], "opacity": BAR_OPACITY,
                       "line": {"color": "white", "width": 0.5}},
            "customdata": rows["_label"].to_numpy(),
            "hovertemplate": "%{customdata}<br>%{y} articles<extra>" + escape(source) + "</extra>",
        }
        for (source,), rows in counts.group_by("source", maintain_order=True)
    ]  # fmt: skip
    totals = counts.group_by(period).agg(pl.col("len").sum())["len"]
    layout: dict[str, Any] = {
        "barmode": "stack",
        "title": {
            "text": f"Coverage: articles per {period_noun(freq, axis)} and outlet",
            "subtitle": {"text": "each bar spans its period; dotted lines: the event's milestones"},
        },
        "xaxis": {"title": {"text": x_title(axis)}, **period_ticks(counts, freq=freq, axis=axis)},
        "yaxis": {
            "title": {"text": "articles (raw count)"},
            "rangemode": "tozero",
            **count_ticks(totals.max()),
        },
        "legend": {"title": {"text": "outlet"}},
    }
    layout["shapes"], layout["annotations"] = milestone_marks(
        milestones, axis=axis, ground=LABEL_GROUND
    )
    return go.Figure(data=traces, layout=layout)


def mentions_over_time(
    series: pl.DataFrame,
    *,
    value: str = "mentions",
    freq: str = "week",
    axis: str = "calendar",
    milestones: pl.DataFrame | None = None,
    colours: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
    actors: Sequence[str] | None = None,
) -> go.Figure:
    """One panel per actor (same scale, shared time axis), one line per outlet, from
    ``timeseries.mention_series``; within a period the outlets' points sit side by side.

    ``value`` picks the raw count or a normalised share; the subtitle and the axes say which.
    ``names`` gives the actors' display names (an id it lacks shows with spaces for
    underscores); ``actors`` the panels' order (default: the series' actors, sorted). Colour
    is the outlet's (``colours``), so each legend entry is one outlet and toggles it in every
    panel. For a click, each trace's ``meta`` holds its actor id and outlet (escaped); its
    points are in period order.

    Examples
    --------
    >>> from datetime import date
    >>> series = pl.DataFrame({"period": [date(2023, 3, 13)], "source": ["X"],
    ...     "actor": ["xi_jinping"], "mentions": [2], "articles": [1], "words": [100]})
    >>> figure = mentions_over_time(series, names={"xi_jinping": "Xi Jinping"})
    >>> figure.data[0].name, list(figure.data[0].meta), figure.layout.annotations[0].text
    ('X', ['xi_jinping', 'X'], '<b>Xi Jinping</b>')
    """
    if value not in VALUE_LABELS:
        msg = f"value {value!r} is not one of {list(VALUE_LABELS)}"
        raise ValueError(msg)
    if series.is_empty():
        return empty()
    present = set(series["actor"].unique().to_list())
    order = [a for a in (actors if actors is not None else sorted(present)) if a in present]
    colours = colours_for(series["source"].unique().to_list(), colours)
    marked = with_period_marks(series.sort("source", "period"), freq=freq, axis=axis).with_columns(
        pl.col("mentions", "articles", "words").cast(pl.Int64)
    )
    rows = len(order)
    offsets = dodge(sorted(colours))
    parts = marked.partition_by("actor", "source", as_dict=True, maintain_order=True)
    traces: list[dict[str, object]] = []
    titles: list[dict[str, object]] = []
    shown: set[str] = set()
    hover_value = _HOVER_VALUE[value]
    for row, actor in enumerate(order, start=1):
        label = escape((names or {}).get(actor) or display.humanise(actor))
        for (owner, source), part in parts.items():
            if owner != actor:
                continue
            # A plain dict, validated once by the figure; numpy arrays: Plotly checks a list
            # element by element, an array at once (80 traces at 100,000 articles: 0.45 s as
            # lists).
            traces.append(
                {
                    "type": "scatter",
                    "x": dodged_x(part, offsets[source], axis=axis),
                    "y": part[value].to_numpy(),
                    "mode": "lines+markers",
                    "marker": {"size": 7},
                    "cliponaxis": False,  # a zero sits on the axis line, whole
                    "name": escape(source),
                    "legendgroup": escape(source),
                    "showlegend": source not in shown,
                    "line": {"color": colours[source], "width": 2},
                    "meta": [escape(actor), escape(source)],
                    # Numbers only: an array of mixed types is copied item by item.
                    "customdata": part.select("mentions", "articles", "words").to_numpy(),
                    "text": part["_label"].to_numpy(),
                    "hovertemplate": (
                        f"<b>{label}</b> in {escape(source)}<br>%{{text}}: "
                        f"{hover_value} {SHORT_LABELS[value]}<br>n: %{{customdata[0]}} mentions "
                        "in %{customdata[1]} articles, %{customdata[2]:,} words<extra></extra>"
                    ),
                    "xaxis": "x",
                    "yaxis": _axis_id("y", row),
                }
            )
            shown.add(source)
        titles.append(_panel_title(label, row, rows))
    counted = value in ("mentions", "articles_mentioning")
    layout = _panel_axes(rows, value, count_ticks(marked[value].max()) if counted else {})
    layout["xaxis"] |= {
        "title": {"text": x_title(axis)},
        **period_ticks(marked, freq=freq, axis=axis),
    }
    layout |= {
        "title": {
            "text": "Mentions over time",
            "subtitle": {
                "text": f"{VALUE_LABELS[value]} per {period_noun(freq, axis)}: one panel per "
                "actor, all on one scale; colour: outlet"
            },
        },
        "legend": {"title": {"text": "outlet"}},
        "height": _panels_height(rows),
        "hovermode": "closest",
    }
    # The panels' titles after the milestones' labels, so that they are drawn over them.
    lines, labels = milestone_marks(milestones, axis=axis, across=True)
    layout |= {"shapes": lines, "annotations": [*labels, *titles]}
    # One figure made at once: add_trace and update_layout validate and copy it each time.
    return go.Figure(data=traces, layout=layout)


def period_noun(freq: str, axis: str) -> str:
    """What one period is, in words: "week", or "7-day period" on the event axis, whose
    buckets are days counted from the event rather than calendar weeks and months.

    Examples
    --------
    >>> period_noun("month", "calendar"), period_noun("month", "event")
    ('month', '30-day period')
    """
    return _EVENT_NOUNS[freq] if axis == "event" else freq


def _axis_id(letter: str, row: int) -> str:
    return letter if row == 1 else f"{letter}{row}"


def _domains(rows: int, gap: float) -> list[tuple[float, float]]:
    """Each panel's vertical extent, top first, with ``gap`` (a fraction) between panels."""
    height = (1 - gap * (rows - 1)) / rows
    tops = 1 - np.arange(rows) * (height + gap)
    return [(max(0.0, float(top - height)), float(top)) for top in tops]


def _panel_axes(rows: int, value: str, ticks: dict[str, object]) -> dict[str, Any]:
    # One x axis under the last panel and a y axis per panel: a milestone line on that x axis
    # runs through every panel, and a view that names the x axis names the only one.
    gap = 0.35 / rows if rows > 1 else 0.0
    axes: dict[str, Any] = {
        "xaxis": {"anchor": _axis_id("y", rows), "domain": [0, 1], "showgrid": True}
    }
    for row, domain in enumerate(_domains(rows, gap), start=1):
        axes[f"yaxis{'' if row == 1 else row}"] = {
            "domain": list(domain),
            "anchor": "x",
            "rangemode": "tozero",
            "title": {"text": SHORT_LABELS[value]},
            "tickformat": ".0%" if value == "share_of_articles" else None,
            **ticks,
            # Same scale in every panel: a taller line means more, whichever actor it is.
            **({"matches": "y"} if row > 1 else {}),
        }
    return axes


def _panel_title(label: str, row: int, rows: int) -> dict[str, object]:
    gap = 0.35 / rows if rows > 1 else 0.0
    top = _domains(rows, gap)[row - 1][1]
    return {
        "text": f"<b>{label}</b>",
        "x": 0,
        "xref": "paper",
        "xanchor": "left",
        "y": top,
        "yref": "paper",
        "yanchor": "bottom",
        "showarrow": False,
        "font": {"size": 13},
        "bgcolor": TITLE_GROUND,
    }


def _panels_height(rows: int) -> int:
    return 180 + 150 * rows
