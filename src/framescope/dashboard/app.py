"""The dashboard app: filters in the sidebar, one tab per view, the whole state in the URL.

The link holds every filter, the date range (``from``, ``to``) and the open tab (``tab``). It is
read once, when the session starts: each value is checked against the build before any is set,
and one the build does not have or that cannot be read is left out and named, escaped, in a
notice (so a link cannot put text into the page), while the others are kept. From then on the
link follows the page.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import panel as pn
import param
from panel.io.location import Location

from framescope import safe
from framescope.dashboard import compare, figures, framing, links, reader, timelines, views
from framescope.dashboard.state import DataStore

VIEWS: list[type[views.View]] = [
    timelines.Overview,
    compare.Compare,
    timelines.Mentions,
    timelines.Sentiment,
    framing.Framing,
    figures.Trade,
    reader.Articles,
]
URL_PARAMETERS = {
    "sources": "outlets",
    "actors": "actors",
    "actor": "actor",
    "method": "method",
    "granularity": "granularity",
    "axis": "axis",
    "include_duplicates": "duplicates",
    "one_per_story": "stories",
    "value": "value",
    "field": "field",
}
# The date range's ends and the open tab (a view's ``slug``), by their names in the link.
DATE_PARAMETERS = ("from", "to")
TAB_PARAMETER = "tab"
# The field widget's tooltip: what follows it and what does not.
FIELD_HELP = (
    "Headlines: mentions, tone, labels and numeric claims found in the articles' titles instead "
    "of their text. Frames, war terms, quotes, the article list and the reader always show "
    "the article text."
)

# A notice names at most this many ignored values per filter, each cut to this many characters:
# a long hostile link must not fill the page.
NOTICE_VALUES = 5
NOTICE_CHARS = 80

pn.extension("plotly", "tabulator", sizing_mode="stretch_width")


class TextMultiChoice(pn.widgets.MultiChoice):
    """A MultiChoice whose options show as text, whatever characters the names hold.

    Bokeh's MultiChoice (Choices.js with ``allowHTML``) puts option labels into the page as
    HTML, so an outlet named ``<img onerror=...>`` would run. Labels are escaped here; the
    values, which the store filters on, stay the names themselves.
    """

    @property
    def labels(self) -> list[str]:
        return [safe.escape(label) for label in super().labels]


def sidebar_widgets(store: DataStore) -> dict[str, pn.widgets.Widget]:
    """The filter widgets by store parameter, each bound to it both ways."""
    widgets: dict[str, Any] = {
        "date_range": pn.widgets.DateRangeSlider,
        "sources": {"type": TextMultiChoice, "name": "Outlets"},
        "actors": {"type": TextMultiChoice, "name": "Actors (mention charts)"},
        "actor": {"type": pn.widgets.Select, "name": "Actor (tone, evidence)"},
        "field": {
            "type": pn.widgets.RadioButtonGroup,
            "name": "Findings in",
            "options": {"Article text": "text", "Headlines": "title"},
            "description": FIELD_HELP,
        },
        "method": {"type": pn.widgets.RadioButtonGroup, "name": "Sentiment method"},
        "granularity": {"type": pn.widgets.RadioButtonGroup, "name": "Granularity"},
        "axis": {"type": pn.widgets.RadioButtonGroup, "name": "Time axis"},
        "value": {"type": pn.widgets.Select, "name": "Mentions as"},
        "include_duplicates": {"type": pn.widgets.Checkbox, "name": "Include near-duplicates"},
        "one_per_story": {"type": pn.widgets.Checkbox, "name": "Count each story once"},
    }
    bound = {}
    for parameter, spec in widgets.items():
        options = spec if isinstance(spec, dict) else {"type": spec}
        kind = options["type"]
        bound[parameter] = kind.from_param(
            store.param[parameter], **{k: v for k, v in options.items() if k != "type"}
        )
    return bound


def sidebar(store: DataStore) -> pn.viewable.Viewable:
    """The filter widgets in a column, a heading over each button group."""
    shown: list[pn.viewable.Viewable] = []
    for widget in sidebar_widgets(store).values():
        if isinstance(widget, pn.widgets.RadioButtonGroup):
            # A button group draws no label of its own: without a heading, rows of buttons
            # ("week", "calendar dates") do not say what they choose.
            heading = f"<b>{safe.escape(widget.name)}</b>"
            shown.append(pn.pane.HTML(heading, margin=(8, 10, -6, 10)))
        shown.append(widget)
    return pn.Column(*shown, sizing_mode="stretch_width")


def create_app(
    data_dir: str | Path | None = None, *, store: DataStore | None = None
) -> pn.template.BaseTemplate:
    """The whole app for the build in ``data_dir`` (default ``data/processed``).

    The app reads only the processed tables and reference files of that build; nothing a
    visitor types becomes a path. Only the shown tab draws: the others draw when opened
    (see :class:`views.View`). ``store`` is a session's :class:`DataStore` when the caller
    has one already.
    """
    store = store if store is not None else DataStore(data_dir)
    # Hidden until the link has set the filters and the tab: the shown view then draws once.
    shown = [view(store=store, active=False) for view in VIEWS]
    tabs = pn.Tabs(*[(view.title, view) for view in shown], dynamic=False)

    def switch(*_: param.parameterized.Event) -> None:
        for index, view in enumerate(shown):
            view.active = index == tabs.active

    tabs.param.watch(switch, "active")
    location = pn.state.location
    slugs = [view.slug for view in shown]
    ignored = sync_url(store, location, tabs=tabs, slugs=slugs) if location is not None else {}
    switch()
    notice = [pn.pane.HTML(url_notice(ignored), sizing_mode="stretch_width")] if ignored else []
    # The template puts its title into the page as HTML; a profile's title is the build's.
    title = f"framescope: {store.profile.title}"
    return pn.template.BootstrapTemplate(
        title=safe.escape(title),
        sidebar=[sidebar(store)],
        main=[*notice, tabs],
        header_background="#1f4e79",
        # Panel's busy indicator follows the server-wide ``pn.state.busy``: each change in one
        # session restyled it in every session's page, work that grew with the sessions (67% of
        # the server's time at 50 sessions on 100,000 articles). The shown view's own loading
        # spinner (views.View.refresh) is the cue instead.
        busy_indicator=None,
    )


def sync_url(
    store: DataStore,
    location: Location,
    *,
    tabs: pn.Tabs | None = None,
    slugs: Sequence[str] = (),
) -> dict[str, list[Any]]:
    """Set the store's filters, its date range and the open tab (of ``tabs``, named by
    ``slugs``) from the link, then keep the link in step with them. Returns the values left
    out, by their names in the link, for :func:`url_notice`.

    The link is read once, here, by :func:`read_link`: each value on its own, so one the
    build does not have or that cannot be read leaves the others set. Panel's ``Location.sync``
    is not used: it sets a link's values in one ``param.update``, which stops at the first
    value it cannot set and keeps quiet, and it re-reads the link whenever it changes (the
    page sends back the link it was opened with once it loads).
    """
    kept, ignored = read_link(store, dict(parse_qsl(location.search[1:])), slugs=slugs)
    tab = kept.pop(TAB_PARAMETER, None)
    store.param.update(**kept)
    if tabs is not None and tab is not None:
        tabs.active = list(slugs).index(tab)

    def follow(*_: param.parameterized.Event) -> None:
        # Also when the page sends back the link it was opened with: it gets this one instead.
        wanted = _link(location.search, store, tabs, slugs)
        if location.search != wanted:
            location.search = wanted

    store.param.watch(follow, [*URL_PARAMETERS, "date_range"])
    location.param.watch(follow, "search")
    if tabs is not None:
        tabs.param.watch(follow, "active")
    follow()
    return ignored


def read_link(
    store: DataStore, query: Mapping[str, str], *, slugs: Sequence[str] = ()
) -> tuple[dict[str, Any], dict[str, list[Any]]]:
    """What a link's ``query`` asks for that the build has: store values by parameter name
    (``date_range`` from ``from`` and ``to``, see :func:`links.date_range`) and ``"tab"``, one
    of ``slugs``; and the values left out, by their names in the link, in the link's order.

    Names the dashboard does not use are neither kept nor reported: they may be another
    tool's (``utm_source``, ``fbclid``), and the link keeps them.

    Examples
    --------
    >>> query = {"granularity": "year", "axis": "event", "from": "2023-03-19",
    ...          "tab": "Sentiment", "utm_source": "mail"}
    >>> slugs = ["overview", "sentiment"]
    >>> kept, ignored = read_link(DataStore(), query, slugs=slugs)  # doctest: +SKIP
    >>> kept["axis"], kept["date_range"][0], kept["tab"], ignored  # doctest: +SKIP
    ('event', datetime.date(2023, 3, 19), 'sentiment', {'granularity': ['year']})
    """
    names = {url: name for name, url in URL_PARAMETERS.items()}
    asked: dict[str, Any] = {}
    ignored: dict[str, list[Any]] = {}
    for key, text in query.items():
        if key in names:
            try:
                asked[names[key]] = links.decoded(text, _kind(store.param[names[key]]))
            except ValueError:
                ignored[key] = [text]
    kept, unknown = store.accepted(asked)
    ignored.update({URL_PARAMETERS[name]: values for name, values in unknown.items()})
    start, end = (query.get(key) for key in DATE_PARAMETERS)
    dates, undated = links.date_range(start, end, store.param.date_range.bounds)
    if dates is not None:
        kept["date_range"] = dates
    ignored.update(undated)
    if TAB_PARAMETER in query:
        # Slugs are lower case; a typed "Sentiment" means the same tab.
        tab = query[TAB_PARAMETER].lower()
        if tab in slugs:
            kept[TAB_PARAMETER] = tab
        else:
            ignored[TAB_PARAMETER] = [query[TAB_PARAMETER]]
    return kept, {key: ignored[key] for key in query if key in ignored}


def _kind(parameter: param.Parameter) -> links.Kind:
    if isinstance(parameter, param.ListSelector):
        return "list"
    if isinstance(parameter, param.Boolean):
        return "flag"
    return "text"


def _link(search: str, store: DataStore, tabs: pn.Tabs | None, slugs: Sequence[str]) -> str:
    """``search`` with the dashboard's names set to the store's values and the open tab, the
    other names as they were."""
    ours = {*URL_PARAMETERS.values(), *DATE_PARAMETERS, TAB_PARAMETER}
    query = [(key, value) for key, value in parse_qsl(search[1:]) if key not in ours]
    for name, key in URL_PARAMETERS.items():
        value = getattr(store, name)
        if value is not None:  # a build without actors has no actor
            query.append((key, links.encoded(value)))
    if store.date_range is not None:
        # An end at the build's bound is no limit and is left out: the same link then shows
        # a later build's new days (and the undated articles, see aggregates.selection).
        ends = zip(DATE_PARAMETERS, store.date_range, store.param.date_range.bounds, strict=True)
        query.extend((key, links.encoded(day)) for key, day, bound in ends if day != bound)
    if tabs is not None and slugs:
        query.append((TAB_PARAMETER, slugs[tabs.active]))
    return f"?{urlencode(query)}" if query else ""


def url_notice(ignored: Mapping[str, list[Any]]) -> str:
    """HTML naming the link's values the build does not have or cannot read (:func:`read_link`),
    escaped and shortened, in one line.

    Examples
    --------
    >>> "kept. outlets: &lt;img src=x&gt;</div>" in url_notice({"outlets": ["<img src=x>"]})
    True
    """
    parts = []
    for name, values in ignored.items():
        shown = [_shortened(str(value)) for value in values[:NOTICE_VALUES]]
        more = f" and {len(values) - NOTICE_VALUES} more" if len(values) > NOTICE_VALUES else ""
        parts.append(f"{safe.escape(name)}: {', '.join(safe.escape(v) for v in shown)}{more}")
    return (
        '<div style="padding:8px 12px;border:1px solid #e0b252;background:#fff8e5;'
        'border-radius:6px">This link asks for values this build does not have or cannot read; '
        f"they are ignored, the rest of the link is kept. {'; '.join(parts)}</div>"
    )


def _shortened(text: str) -> str:
    return text if len(text) <= NOTICE_CHARS else text[: NOTICE_CHARS - 1] + "…"


def prepare(data_dir: str | Path | None = None) -> DataStore:
    """Do once per build, before the first visitor, what every session would otherwise do.

    Reads the tables, counts the per-cell aggregates and draws every view at the default
    filters once (tone intervals included); sessions share all of it (``Tables.derived`` and
    ``Tables.memo``), so a session's first render and each tab's first opening find their
    data ready. ``framescope serve`` calls it before it accepts connections.
    """
    store = DataStore(data_dir)
    for view in VIEWS:
        view(store=store)
    return store
