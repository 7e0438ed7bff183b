"""Dashboard views: each reads from a :class:`DataStore` and draws with ``framescope.plots``.

Views hold no data of their own. They watch the store parameters they depend on and replace
their panes' objects, so a filter change redraws only the views it touches. Every view offers
the data behind it as CSV. Everything from the build (article text, titles, outlet names) is
untrusted web content: it reaches HTML only through ``safe.escape``; tables show it as text.

This module holds the base :class:`View` and its helpers; the overview, mentions and sentiment
views are ``timelines``', the framing view ``framing``'s, the figures view ``figures.Trade``,
the reader ``reader.Articles``.
"""

from __future__ import annotations

import io
import time
from collections.abc import Callable, Collection, Mapping, Sequence
from typing import Any, ClassVar, Literal

import panel as pn
import param
import plotly.graph_objects as go
import polars as pl

from framescope.dashboard.state import DataStore

FILTERS = ("sources", "date_range", "include_duplicates", "one_per_story")
# What a view of mentions, tone, labels or figures depends on: they are the text's or the
# headlines' (``DataStore.field``); frames, war terms and quotes are always the text's.
FIELDED = (*FILTERS, "field")
# A view whose last redraw took longer than this (seconds) shows the loading spinner while
# it redraws; a quicker one redraws without it (see View.refresh).
SLOW_REDRAW = 0.3
# Tables longer than this page on the server: a browser gets one page, not 100,000 rows.
REMOTE_ROWS = 1000


def pagination(frame: pl.DataFrame) -> Literal["local", "remote"]:
    """Tabulator's pagination for ``frame``: served a page at a time when it is long."""
    return "remote" if frame.height > REMOTE_ROWS else "local"


def frozen(figure: go.Figure) -> dict[str, Any]:
    """A figure as a plain dict to keep and share: no session ever holds this one.

    Examples
    --------
    >>> frozen(go.Figure(go.Bar(x=[1], y=[2])))["data"][0]["type"]
    'bar'
    """
    return figure.to_dict()


def thawed(kept: dict[str, Any]) -> go.Figure:
    """A session's own figure from :func:`frozen`'s dict.

    At 100,000 articles a copy takes 1-4 ms (the claims chart 23), a build 10-80 ms once its data
    is at hand. Plotly validated every property when the figure was built; checking them again
    would cost half a build (``_validate=False``, as plotly does for its own templates). Checks are
    back on afterwards, so the copy takes updates as any figure does. It holds deep copies of
    ``kept``'s traces and layout: what a session does to it (Panel's pane hooks into it, a
    zoom relayouts it) stays in that session.

    Examples
    --------
    >>> kept = frozen(go.Figure(go.Bar(x=[1], y=[2])))
    >>> thawed(kept).update_layout(title="mine").layout.title.text, "title" in kept["layout"]
    ('mine', False)
    """
    figure = go.Figure(kept, _validate=False)
    for part in (figure, figure.layout, *figure.data):
        part._validate = True
    return figure


def headlined(figure: go.Figure, field: str) -> go.Figure:
    """``figure`` with "Headlines: " before its title when it shows the headlines' findings.

    Examples
    --------
    >>> headlined(go.Figure(layout={"title": "Tone"}), "title").layout.title.text
    'Headlines: Tone'
    >>> headlined(go.Figure(layout={"title": "Tone"}), "text").layout.title.text
    'Tone'
    """
    if field == "title":
        figure.update_layout(title_text=f"Headlines: {figure.layout.title.text or ''}")
    return figure


def axis_titled(figure: go.Figure, store: DataStore) -> go.Figure:
    """``figure`` with its x axis named for what day 0 is when the profile names no event date
    (the days-from-event axis then counts from the first article).

    Examples
    --------
    >>> from types import SimpleNamespace
    >>> store = SimpleNamespace(axis="event", profile=SimpleNamespace(event_date=None),
    ...                         event_date=lambda: "2023-04-01")
    >>> axis_titled(go.Figure(), store).layout.xaxis.title.text
    'days from the first article (2023-04-01; the profile names no event date)'
    """
    if store.axis == "event" and store.profile.event_date is None:
        figure.update_layout(
            xaxis_title=(
                f"days from the first article ({store.event_date()}; "
                "the profile names no event date)"
            )
        )
    return figure


def tabulator(frame: pl.DataFrame, **options: Any) -> pn.widgets.Tabulator:
    """``frame`` as a read-only table, a page of 10 rows at a time, stretched to the width;
    ``options`` go to Panel's Tabulator.

    Tabulator escapes cell text by default (its plaintext and textarea formatters), so article
    text shown in a table cannot inject markup. Dates show as text: pandas would show them as
    midnight timestamps.

    Examples
    --------
    >>> from datetime import date
    >>> tabulator(pl.DataFrame({"published": [date(2023, 3, 20)]})).value["published"][0]
    '2023-03-20'
    """
    shown = frame.with_columns(pl.col(pl.Date).cast(pl.String))
    return pn.widgets.Tabulator(
        shown.to_pandas(),
        disabled=True,
        show_index=False,
        sizing_mode="stretch_width",
        pagination=pagination(frame),
        page_size=10,
        **options,
    )


EVIDENCE_FIRST = ("source", "published", "title")
"""What a reader of evidence wants first: whose, when, in which article."""
EVIDENCE_LAST = ("article_id", "sentence_idx", "field")
"""Ids: kept (to find an article again, and in the CSV), but at the end."""
COLUMN_TITLES = {
    "source": "outlet",
    "published": "date",
    "title": "article title",
    "text": "sentence",
    "sentence": "sentence",
    "article_id": "article id",
    "sentence_idx": "sentence no.",
    "field": "found in",
    "cue": "cue",
    "surface": "as written",
    "speaker": "speaker",
}
"""Column headers a person reads; the columns (and the CSVs) keep their names."""
CHARACTER_PX = 9
"""About one character of an evidence table's 14 px font, in pixels (Chromium, DejaVu Sans)."""
HEADER_PX = 10
"""About one character of its bold headers."""
WIDEST = 200
"""The widest a column other than the sentence gets; longer text wraps within it."""
TABLE_PX = 1100
"""An evidence table's width in a 1500 px window (the sidebar takes the rest): what the
columns' widths in pixels are shares of."""
OTHERS_SHARE = 0.6
"""The most the columns other than the sentence take of a table together: the sentence
always gets the rest, 40% or more."""
FLOORS = {"article_id": 90, "title": 150}
"""When the columns do not fit their share, these give way first, in this order, down to
these pixels (the id cut, the title wrapped); then every column gives way in proportion."""
SENTENCE_MIN = 300
"""The narrowest the sentence gets, whatever the window."""
EVIDENCE_CSS = ".tabulator.tabulator { font-size: 14px; }"
"""Evidence tables in a smaller font than Tabulator's 16 px: more of a sentence per line.
(The class twice: Tabulator's own rule is as specific and comes later.)"""


def evidence_columns(
    columns: Sequence[str],
    *,
    first: Sequence[str] = EVIDENCE_FIRST,
    text: str = "text",
    last: Sequence[str] = EVIDENCE_LAST,
) -> list[str]:
    """``columns`` in the order evidence reads: ``first`` (those present), the sentence
    ``text``, every other column in its order, then the ids (``last``).

    Examples
    --------
    >>> evidence_columns(["article_id", "sentence_idx", "text", "cue", "published", "source"])
    ['source', 'published', 'text', 'cue', 'article_id', 'sentence_idx']
    """
    ordered = [c for c in first if c in columns]
    ordered += [text] if text in columns and text not in ordered else []
    tail = [c for c in last if c in columns and c not in ordered]
    return ordered + [c for c in columns if c not in ordered and c not in tail] + tail


def header_width(title: str) -> int:
    """Pixels a header needs: headers wrap at spaces, so its longest word, plus the cell's
    padding and the sort arrow.

    Examples
    --------
    >>> header_width("article id")
    126
    """
    return max((len(word) for word in title.split()), default=0) * HEADER_PX + 56


def column_widths(
    frame: pl.DataFrame, *, text: str = "text", titles: Mapping[str, str] | None = None
) -> dict[str, int]:
    """Pixels for each column but ``text``: enough for its header and longest value, at most
    :data:`WIDEST`.

    Examples
    --------
    >>> column_widths(pl.DataFrame({"source": ["NBC News"], "text": ["A long sentence."]}))
    {'source': 116}
    """
    titles = titles or {}
    others = [column for column in frame.columns if column != text]
    # Characters of each column's longest value (0 for an empty table or column).
    longest = frame.select(pl.col(others).cast(pl.String).str.len_chars().max().fill_null(0)).row(
        0, named=True
    )
    return {
        column: min(
            WIDEST,
            max(header_width(titles.get(column, column)), longest[column] * CHARACTER_PX + 28),
        )
        for column in others
    }


def fitted_widths(
    widths: Mapping[str, int],
    *,
    floors: Mapping[str, int] = FLOORS,
    table: int = TABLE_PX,
    share: float = OTHERS_SHARE,
) -> dict[str, str]:
    """``widths`` (pixels) as whole percentages of a ``table`` pixels wide, together at most
    ``share`` of it: the columns in ``floors`` give way first, in its order, down to their
    floor; then all in proportion. Percentages, so the sentence keeps its part of a table of
    any width.

    Examples
    --------
    >>> fitted_widths({"source": 110, "article_id": 172}, table=400, share=0.5)
    {'source': '27%', 'article_id': '22%'}
    """
    fitted = {column: float(width) for column, width in widths.items()}
    budget = table * share
    for column, floor in floors.items():
        excess = sum(fitted.values()) - budget
        if excess > 0 and fitted.get(column, 0) > floor:
            fitted[column] -= min(excess, fitted[column] - floor)
    scale = min(1.0, budget / sum(fitted.values())) if fitted else 1.0
    # Whole percentages: Tabulator reads "12.5%" as 12%.
    return {
        column: f"{max(1, int(100 * width * scale / table))}%" for column, width in fitted.items()
    }


def evidence_table(
    frame: pl.DataFrame,
    *,
    first: Sequence[str] = EVIDENCE_FIRST,
    text: str = "text",
    titles: Mapping[str, str] | None = None,
    **options: Any,
) -> pn.widgets.Tabulator:
    """Sentences as a table a person reads: outlet, date and title first, then the whole
    sentence, wrapped (never cut at the table's edge), then any other column, ids last
    (:func:`evidence_columns`); a column with no value is left out. Headers are words
    (:data:`COLUMN_TITLES`, then ``titles``); the table's value keeps the columns' names.
    Columns are as wide as their text (at most :data:`WIDEST`), together at most
    :data:`OTHERS_SHARE` of the table (:func:`fitted_widths`); text wraps in them.
    ``options`` go to :func:`tabulator` (``widths``, ``formatters`` and ``stylesheets`` add
    to the ones set here).

    Examples
    --------
    >>> table = evidence_table(pl.DataFrame({"article_id": ["a1"], "text": ["It is a war."],
    ...                                      "source": ["NBC News"]}))
    >>> list(table.value.columns), table.titles["text"], table.formatters["text"]["type"]
    (['source', 'text', 'article_id'], 'sentence', 'textarea')
    """
    # A column with nothing in it (no article has a title) only takes room.
    empty = [c for c in frame.columns if c != text and 0 < frame.height == frame[c].null_count()]
    shown = frame.select(evidence_columns(frame.columns, first=first, text=text)).drop(empty)
    headers = {c: t for c, t in {**COLUMN_TITLES, **(titles or {})}.items() if c in shown.columns}
    hidden = set(options.get("hidden_columns", []))
    widths = {
        column: width
        for column, width in column_widths(shown, text=text, titles=headers).items()
        if column not in hidden
    }
    # No column gives way past its header: a cut header is a riddle.
    floors = {c: max(px, header_width(headers.get(c, c))) for c, px in FLOORS.items()}
    # Text wraps (at spaces) rather than end in "..." when its column is narrower than it.
    wrapped = [c for c in widths if shown[c].dtype == pl.String and c not in EVIDENCE_LAST]
    formatters = {column: {"type": "textarea"} for column in [text, *wrapped]}
    configuration = {
        "columns": [{"field": text, "minWidth": SENTENCE_MIN}],
        # Headers wrap at spaces (their longest word sets the width) rather than end in "...".
        "columnDefaults": {"headerWordWrap": True},
    }
    # A caller's widths, formatters and stylesheets add to these (or replace one column's).
    return tabulator(
        shown,
        layout="fit_columns",
        titles=headers,
        widths={**fitted_widths(widths, floors=floors), **options.pop("widths", {})},
        formatters={**formatters, **options.pop("formatters", {})},
        configuration=configuration,
        stylesheets=[EVIDENCE_CSS, *options.pop("stylesheets", [])],
        **options,
    )


class View(pn.viewable.Viewer):
    """A tab of the dashboard: title, panes that follow the store, CSV of its data.

    Only an active (shown) view redraws when a store parameter it depends on changes; a
    hidden one is marked out of date and redraws when it is shown again, so a filter change
    costs the visible tab's work, not every tab's. While it redraws the view shows Panel's
    loading spinner: the cue is the session's own, where the template's busy indicator is
    every session's (see ``app.create_app``).

    Subclasses lay their panes out in :meth:`layout` and draw them in :meth:`update`, building
    each chart through :meth:`figure` so that sessions share it.
    """

    store: DataStore = param.ClassSelector(class_=DataStore)  # type: ignore[assignment]  # always given
    active = param.Boolean(default=True, doc="shown: redraw on every change, else when shown")
    # The tab's title; a view whose title follows the build sets its own
    # (``figures.Trade``).
    title: str = ""
    depends: ClassVar[tuple[str, ...]] = FILTERS

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self.stale = True  # the panes do not show the store's current state yet
        self._slow = True  # the last redraw took longer than SLOW_REDRAW (none yet: assume so)
        self.download = pn.widgets.FileDownload(
            callback=self._csv,
            filename=f"framescope_{self.slug}.csv",
            label="Download data (CSV)",
            width=220,
        )
        self._shown: pn.viewable.Viewable | None = None
        self.store.param.watch(self._changed, list(self.depends))
        self.param.watch(lambda *_: self.refresh(), "active")

    def _changed(self, *_: param.parameterized.Event) -> None:
        self.stale = True
        self.refresh()

    def refresh(self) -> None:
        """Redraw the panes if the view is shown and out of date."""
        if not (self.active and self.stale):
            return
        # Panel writes the spinner to this session's page at once (its own document is the
        # one being changed), before the redraw holds the server. Those patches cost about
        # 160 ms a change in Chromium (270 -> 113 ms without them on the seeds), more than a
        # quick redraw takes: only a view whose last redraw was slow shows it.
        shown = self._shown if self._slow else None
        if shown is not None:
            shown.loading = True
        started = time.perf_counter()
        try:
            self.update()
            self.stale = False
        finally:
            self._slow = time.perf_counter() - started > SLOW_REDRAW
            if shown is not None:
                shown.loading = False

    def figure(
        self,
        name: str,
        build: Callable[[], go.Figure],
        *,
        depends: Collection[str] | None = None,
    ) -> go.Figure:
        """The chart ``name`` of this view: ``build()`` once per value of the store parameters
        it ``depends`` on (default the view's), for every session; each session gets its own
        copy (:func:`thawed`), so nothing one session does to it reaches another."""
        names = tuple(self.depends if depends is None else depends)
        kept = self.store.shared(f"figure {self.slug} {name}", names, lambda: frozen(build()))
        return thawed(kept)

    @property
    def slug(self) -> str:
        """The view's name in file names and test ids."""
        return self.title.lower().replace(" ", "_")

    def data(self) -> pl.DataFrame:
        """The data behind what the view shows, for the CSV download."""
        raise NotImplementedError

    def update(self) -> None:
        """Redraw the panes from the store."""
        raise NotImplementedError

    def layout(self) -> pn.viewable.Viewable:
        """The view's panes laid out, made once (:meth:`__panel__`)."""
        raise NotImplementedError

    def __panel__(self) -> pn.viewable.Viewable:
        # One layout per view: it is the one the loading spinner goes on.
        if self._shown is None:
            self._shown = self.layout()
        return self._shown

    def _csv(self) -> io.StringIO:
        frame = self.data()
        # Lists (warnings) do not fit a CSV cell; join them.
        frame = frame.with_columns(pl.col(pl.List(pl.String)).list.join("; "))
        return io.StringIO(frame.write_csv())
