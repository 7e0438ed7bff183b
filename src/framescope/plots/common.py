"""What every chart shares: the empty figure, escaping of data values, colours, milestones."""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from datetime import date

import plotly.graph_objects as go
import polars as pl

from framescope import encoding
from framescope.safe import escape

NO_DATA = "no data for this selection"


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


def colours_for(
    keys: Iterable[str],
    colours: Mapping[str, str] | None,
    *,
    palette: Sequence[str] = encoding.OUTLET_PALETTE,
) -> dict[str, str]:
    """Each key's colour: from ``colours`` (the build's, ``encoding``) when given, so a value
    keeps its colour whatever else is shown; else by the keys' sorted order.

    Examples
    --------
    >>> colours_for(["b", "a"], None)["a"] == encoding.OUTLET_PALETTE[0]
    True
    >>> colours_for(["b"], {"b": "red"})
    {'b': 'red'}
    """
    if colours is None:
        return encoding.assign(sorted(keys), palette)
    return {key: encoding.colour(colours, key, palette=palette) for key in keys}


def escaped_value(value: object) -> object:
    # Only text can carry markup; numbers, dates and missing values stay what they are, so an
    # axis of them keeps its type and a missing hover shows nothing (not "None").
    return escape(value) if isinstance(value, str) else value


def x_title(axis: str) -> str:
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
