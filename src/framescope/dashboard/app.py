"""The dashboard app: filters in the sidebar, one tab per view, filters synced to the URL.

A link's filter values are checked against the build before any is set: one the build does not
have is left out and named, escaped, in a notice, so a link cannot put text into the page.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from pathlib import Path
from typing import Any
from urllib.parse import parse_qsl, urlencode

import panel as pn
import param
from panel.io.location import Location

from framescope import safe
from framescope.dashboard import figures, framing, reader, timelines, views
from framescope.dashboard.state import DataStore

VIEWS: list[type[views.View]] = [
    views.Overview,
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


def sidebar(store: DataStore) -> pn.viewable.Viewable:
    """The filter widgets, each bound to a store parameter."""
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
    return pn.Param(store, parameters=list(widgets), widgets=widgets, show_name=False,
                    sizing_mode="stretch_width")  # fmt: skip


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
    ignored = sync_url(store, pn.state.location) if pn.state.location is not None else {}
    shown = [view(store=store, active=index == 0) for index, view in enumerate(VIEWS)]
    tabs = pn.Tabs(*[(view.title, view) for view in shown], dynamic=False)

    def switch(event: param.parameterized.Event) -> None:
        for index, view in enumerate(shown):
            view.active = index == event.new

    tabs.param.watch(switch, "active")
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


def sync_url(store: DataStore, location: Location) -> dict[str, list[Any]]:
    """Set the store's filters from the URL (the values the build has), then keep the URL in
    step with them. Returns the values left out, by URL name, for :func:`url_notice`.

    Panel's ``Location.sync`` would try every value it finds and, for a selector without
    options, add the value to them; it only sees the URL after the unknown values are gone.
    """
    names = {url: name for name, url in URL_PARAMETERS.items()}
    asked = {names[key]: value for key, value in location.query_params.items() if key in names}
    kept, dropped = store.accepted(asked)
    store.param.update(**kept)
    _without_filters(location)
    location.sync(store, URL_PARAMETERS)
    if dropped:
        # The page sends back the URL it was opened with once it loads: a link copied from
        # the address bar must not carry the unknown values on.
        pn.state.onload(lambda: _rewrite(location, store))
    return {URL_PARAMETERS[name]: values for name, values in dropped.items()}


def _without_filters(location: Location) -> None:
    others = [
        (key, value)
        for key, value in parse_qsl(location.search[1:])
        if key not in URL_PARAMETERS.values()
    ]
    location.search = f"?{urlencode(others)}" if others else ""


def _rewrite(location: Location, store: DataStore) -> None:
    _without_filters(location)
    values = {}
    for name, key in URL_PARAMETERS.items():
        value = store.param[name].serialize(getattr(store, name))
        if value is not None:
            values[key] = value if isinstance(value, str) else json.dumps(value)
    location.update_query(**values)  # type: ignore[arg-type]  # Panel types **query as a Mapping


def url_notice(ignored: Mapping[str, list[Any]]) -> str:
    """HTML naming the link's values the build does not have, escaped and shortened.

    Examples
    --------
    >>> "ignored. outlets: &lt;img src=x&gt;</div>" in url_notice({"outlets": ["<img src=x>"]})
    True
    """
    parts = []
    for name, values in ignored.items():
        shown = [_shortened(str(value)) for value in values[:NOTICE_VALUES]]
        more = f" and {len(values) - NOTICE_VALUES} more" if len(values) > NOTICE_VALUES else ""
        parts.append(f"{safe.escape(name)}: {', '.join(safe.escape(v) for v in shown)}{more}")
    return (
        '<div style="padding:8px 12px;border:1px solid #e0b252;background:#fff8e5;'
        'border-radius:6px">This link asks for values this build does not have; they are '
        f"ignored. {'; '.join(parts)}</div>"
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
