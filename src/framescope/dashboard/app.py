"""The dashboard app: filters in the sidebar, one tab per view, filters synced to the URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import panel as pn
import param

from framescope.dashboard import views
from framescope.dashboard.state import DataStore

VIEWS: list[type[views.View]] = [
    views.Overview,
    views.Mentions,
    views.Sentiment,
    views.Framing,
    views.Trade,
    views.Articles,
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
}

pn.extension("plotly", "tabulator", sizing_mode="stretch_width")


def sidebar(store: DataStore) -> pn.viewable.Viewable:
    """The filter widgets, each bound to a store parameter."""
    widgets: dict[str, Any] = {
        "date_range": pn.widgets.DateRangeSlider,
        "sources": {"type": pn.widgets.MultiChoice, "name": "Outlets"},
        "actors": {"type": pn.widgets.MultiChoice, "name": "Actors (mention charts)"},
        "actor": {"type": pn.widgets.Select, "name": "Actor (tone, evidence)"},
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
    shown = [view(store=store, active=index == 0) for index, view in enumerate(VIEWS)]
    tabs = pn.Tabs(*[(view.title, view) for view in shown], dynamic=False)

    def switch(event: param.parameterized.Event) -> None:
        for index, view in enumerate(shown):
            view.active = index == event.new

    tabs.param.watch(switch, "active")
    if pn.state.location is not None:
        pn.state.location.sync(store, URL_PARAMETERS)
    return pn.template.BootstrapTemplate(
        title="framescope: how outlets framed Xi Jinping's 2023 visit to Moscow"
        if store.profile.id == "xi_moscow_2023"
        else f"framescope: {store.profile.title}",
        sidebar=[sidebar(store)],
        main=[tabs],
        header_background="#1f4e79",
    )


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
