"""What the notebooks show: the build's colours, names instead of ids, tables a person reads.

The dashboard fixes a colour per outlet for the whole build and a colour per category by the
profile's order (:mod:`framescope.encoding`), and shows names where it would show ids
(:mod:`framescope.display`). :func:`look` gives a notebook the same: one call, then
``look.outlets`` and ``look.colours(kind)`` for the plots' ``colours=``, :meth:`Look.named`
for the frames they draw and :meth:`Look.table` for the tables they show.

A polars frame left as a cell's value renders with quoted strings, a row of dtypes and
``null``; :func:`table` renders it as a plain HTML table instead: text as written (escaped:
outlet names and sentences come from scraped pages), numbers rounded alike within a column,
missing values as a dash.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from datetime import date, datetime
from typing import Any

import polars as pl

from framescope import display, encoding
from framescope import profile as profiles
from framescope.safe import escape

NAMED_COLUMNS: dict[str, display.Kind] = {
    "actor": "actor",
    "frame": "frame",
    "term": "term",
    "metric": "metric",
    "voice": "voice",
    "method": "measure",
    "codebook_category": "category",
    "speaker": "actor",
}
"""Columns that hold ids of one kind in every table of a build (README: data dictionary); a
speaker is an actor's id or the words the build found."""
HUMANISED_COLUMNS = ("speaker_kind", "divergences")
"""Columns of codes that no profile names (``independent_media``, a ledger's list of
``period_differs``...): shown without underscores."""
ITEM_KINDS: dict[str, display.Kind] = {
    "actor": "actor",
    "frame": "frame",
    "voice": "actor",
    "figure": "metric",
}
"""``framing.omissions``: the kind of id its ``item`` holds, by its ``kind``."""
HEADER_KINDS: tuple[display.Kind, ...] = ("measure", "actor", "frame", "term", "metric", "voice")
"""Where a column's header finds its name: a measure, or an id that a pivot made a column."""
COLOUR_KINDS: dict[str, display.Kind | None] = {
    "actor": "actor",
    "frame": "frame",
    "term": "term",
    "label": None,
    "voice": "voice",
    "metric": "metric",
    "hedge": None,
}
"""Chart kinds with colours of their own, and the names their ids show as (None: as written)."""
MISSING = "—"
ROWS = 50
CHARS = 600
_STYLE = {
    "table": "border-collapse:collapse;font-size:12px;margin:0",
    "th": "vertical-align:bottom;padding:3px 8px;border-bottom:1px solid #888",
    "text": "text-align:left;vertical-align:top;padding:3px 8px;max-width:60em",
    "number": (
        "text-align:right;vertical-align:top;padding:3px 8px;white-space:nowrap;"
        "font-variant-numeric:tabular-nums"
    ),
    "date": "text-align:left;vertical-align:top;padding:3px 8px;white-space:nowrap",
    "missing": "color:#999",
}


def _decimals(values: Iterable[float], digits: int) -> int:
    """The fewest decimals that show every value of a column rounded to ``digits``."""
    most = 0
    for value in values:
        if math.isfinite(value):
            shown = f"{value:.{digits}f}".rstrip("0")
            most = max(most, len(shown) - shown.index(".") - 1)
    return most


def _number(value: float, decimals: int) -> str:
    # A separator from five digits on: years and four-digit counts read as written (2022).
    grouping = "," if abs(value) >= 10_000 else ""
    return f"{value:{grouping}.{decimals}f}"


def _cell(value: Any, *, decimals: int, chars: int) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return f'<span style="{_STYLE["missing"]}">{MISSING}</span>'
    if isinstance(value, bool):
        text = "true" if value else "false"
    elif isinstance(value, int):
        text = _number(value, 0)
    elif isinstance(value, float):
        text = _number(value, decimals) if math.isfinite(value) else str(value)
    elif isinstance(value, datetime):
        text = value.isoformat(sep=" ", timespec="minutes")
    elif isinstance(value, date):
        text = value.isoformat()
    elif isinstance(value, list):
        text = ", ".join(MISSING if item is None else str(item) for item in value)
    else:
        text = str(value)
    if len(text) > chars:
        text = text[: chars - 1] + "…"
    return escape(text)


def header(column: str, names: display.DisplayNames | None = None) -> str:
    """A column's header as a person reads it: a measure's or an id's name, else the column
    with its underscores as spaces.

    Examples
    --------
    >>> names = display.for_profile(profiles.load())
    >>> header("mentions_per_1k_words", names), header("xi_jinping", names)
    ('mentions per 1,000 words', 'Xi Jinping')
    >>> header("n_source")
    'n source'
    """
    if names is not None:
        for kind in HEADER_KINDS:
            if column in names.by_kind.get(kind, {}):
                return names.name(kind, column)
    return display.humanise(column)


@dataclass(frozen=True)
class Table:
    """A frame shown as an HTML table (JupyterLab and nbconvert call ``_repr_html_``).

    ``frame`` is every row, as shown; at most ``rows`` of them are drawn, with a line saying
    how many there are.
    """

    frame: pl.DataFrame
    names: display.DisplayNames | None = None
    digits: int | Mapping[str, int] = 3
    rows: int = ROWS
    chars: int = CHARS

    def _digits(self, column: str) -> int:
        if isinstance(self.digits, int):
            return self.digits
        return self.digits.get(column, 3)

    def _repr_html_(self) -> str:
        shown = self.frame.head(self.rows)
        numeric = {c for c, dtype in shown.schema.items() if dtype.is_numeric()}
        temporal = {c for c, dtype in shown.schema.items() if dtype.is_temporal()}
        style = {
            c: "number" if c in numeric else "date" if c in temporal else "text"
            for c in shown.columns
        }
        decimals = {
            column: _decimals(shown[column].drop_nulls().to_list(), self._digits(column))
            for column, dtype in shown.schema.items()
            if dtype.is_float()
        }
        # A header sits on the side its values do: numbers right, text left.
        heads = "".join(
            f'<th style="{_STYLE["th"]};text-align:{"right" if column in numeric else "left"}">'
            f"{escape(header(column, self.names))}</th>"
            for column in shown.columns
        )
        body = []
        for row in shown.iter_rows():
            cells = "".join(
                f'<td style="{_STYLE[style[column]]}">'
                f"{_cell(value, decimals=decimals.get(column, 0), chars=self.chars)}</td>"
                for column, value in zip(shown.columns, row, strict=True)
            )
            body.append(f"<tr>{cells}</tr>")
        if not body:
            span = max(len(shown.columns), 1)
            body.append(f'<tr><td colspan="{span}" style="{_STYLE["text"]}">no rows</td></tr>')
        count = self.frame.height
        note = f"{count:,} row{'' if count == 1 else 's'}"
        if count > shown.height:
            note = f"the first {shown.height:,} of {count:,} rows"
        return (
            f'<table style="{_STYLE["table"]}"><thead><tr>{heads}</tr></thead>'
            f"<tbody>{''.join(body)}</tbody></table><small>{note}</small>"
        )

    def __repr__(self) -> str:
        return repr(self.frame)


def table(
    frame: pl.DataFrame,
    *,
    names: display.DisplayNames | None = None,
    digits: int | Mapping[str, int] = 3,
    rows: int = ROWS,
    chars: int = CHARS,
) -> Table:
    """``frame`` as a table a person reads: no quotes, no dtype row, numbers rounded.

    Parameters
    ----------
    frame
        Any frame; ids in its :data:`NAMED_COLUMNS` are shown by their names when ``names``
        is given (then headers too: see :func:`header`).
    names
        The profile's names (``display.for_profile``).
    digits
        At most this many decimals for floats (or per column; 3 for columns not listed).
        A column shows all its values with the same decimals, the fewest that show each.
    rows
        At most this many rows are drawn; a line below says how many the frame has.
    chars
        Longer text is cut to this many characters, ending with "…".

    Examples
    --------
    >>> shown = table(pl.DataFrame({"outlet": ["<b>X</b>"], "share": [0.5], "year": [2022]}))
    >>> html = shown._repr_html_()
    >>> "&lt;b&gt;X&lt;/b&gt;" in html, ">0.5</td>" in html, ">2022</td>" in html
    (True, True, True)
    """
    if rows < 1 or chars < 2:
        msg = f"rows must be at least 1 and chars at least 2, got rows={rows!r}, chars={chars!r}"
        raise ValueError(msg)
    if names is not None:
        frame = named(frame, names)
    return Table(frame, names=names, digits=digits, rows=rows, chars=chars)


def named(frame: pl.DataFrame, names: display.DisplayNames) -> pl.DataFrame:
    """``frame`` with the ids in its :data:`NAMED_COLUMNS` replaced by their names, the codes
    of :data:`HUMANISED_COLUMNS` without underscores, and an omissions table's ``item`` named
    by its ``kind`` (:data:`ITEM_KINDS`).

    Examples
    --------
    >>> names = display.for_profile(profiles.load())
    >>> frame = pl.DataFrame({"actor": ["xi_jinping"], "voice": ["western_official"]})
    >>> named(frame, names).row(0)
    ('Xi Jinping', 'Western officials')
    >>> items = pl.DataFrame({"kind": ["actor", "frame"], "item": ["xi_jinping", "economy"]})
    >>> named(items, names)["item"].to_list()
    ['Xi Jinping', 'economy']
    """
    strings = {column for column, dtype in frame.schema.items() if dtype == pl.String}
    exprs = [
        names.expr(kind, column) for column, kind in NAMED_COLUMNS.items() if column in strings
    ]
    lists = {column for column, dtype in frame.schema.items() if dtype == pl.List(pl.String)}
    for column in HUMANISED_COLUMNS:
        if column in strings:
            exprs.append(pl.col(column).str.replace_all("_", " "))
        elif column in lists:
            exprs.append(pl.col(column).list.eval(pl.element().str.replace_all("_", " ")))
    if {"kind", "item"} <= strings:
        item = pl.col("item")
        for kind, name_kind in ITEM_KINDS.items():
            item = (
                pl.when(pl.col("kind") == kind).then(names.expr(name_kind, "item")).otherwise(item)
            )
        exprs.append(item.alias("item"))
    return frame.with_columns(exprs)


@dataclass(frozen=True)
class Look:
    """A build's colours and names, as the dashboard shows them (from :func:`look`)."""

    names: display.DisplayNames
    outlets: dict[str, str]
    """A colour per outlet, fixed by its rank in the build (``encoding.ranked_outlets``)."""
    categories: dict[str, dict[str, str]] = field(default_factory=dict)

    def colours(self, kind: str) -> dict[str, str]:
        """The colours of one chart kind (:data:`COLOUR_KINDS`), by id and by name, so a
        frame passed through :meth:`named` finds them too.

        Examples
        --------
        >>> topic = profiles.load()
        >>> shown = look(pl.DataFrame({"source": ["X"]}), topic)
        >>> voices = shown.colours("voice")
        >>> voices["western_official"] == voices["Western officials"]
        True
        """
        if kind not in self.categories:
            msg = f"kind {kind!r} is not one of {sorted(self.categories)}"
            raise ValueError(msg)
        return self.categories[kind]

    def named(self, frame: pl.DataFrame) -> pl.DataFrame:
        """``frame`` with names instead of ids (:func:`named`): for charts' legends and axes."""
        return named(frame, self.names)

    def table(
        self,
        frame: pl.DataFrame,
        *,
        digits: int | Mapping[str, int] = 3,
        rows: int = ROWS,
        chars: int = CHARS,
    ) -> Table:
        """``frame`` as an HTML table with the profile's names (:func:`table`)."""
        return table(frame, names=self.names, digits=digits, rows=rows, chars=chars)


def look(articles: pl.DataFrame, topic: profiles.Profile) -> Look:
    """The build's colours and names: one per outlet by its rank in ``articles`` (pass the
    build's whole articles table, as the dashboard ranks them), one per category by the
    profile's order, and the profile's names.

    Examples
    --------
    >>> topic = profiles.load()
    >>> shown = look(pl.DataFrame({"source": ["B", "A", "B"]}), topic)
    >>> shown.outlets == {"B": encoding.OUTLET_PALETTE[0], "A": encoding.OUTLET_PALETTE[1]}
    True
    >>> shown.colours("term")["invasion"] == encoding.CATEGORY_PALETTE[0]
    True
    """
    names = display.for_profile(topic)
    order = {**encoding.category_order(topic), "hedge": list(topic.hedges)}
    categories = {}
    for kind, name_kind in COLOUR_KINDS.items():
        colours = encoding.category_colours(order[kind])
        if name_kind is not None:
            # Ids win: a name that happens to be another category's id keeps that one's colour.
            for key, value in list(colours.items()):
                colours.setdefault(names.name(name_kind, key), value)
        categories[kind] = colours
    outlets = encoding.assign(encoding.ranked_outlets(articles), encoding.OUTLET_PALETTE)
    return Look(names, outlets, categories)
