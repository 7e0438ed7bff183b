"""The dashboard app: filters in the sidebar, one tab per view, filters synced to the URL."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import panel as pn

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
    }
    return pn.Param(store, parameters=list(widgets), widgets=widgets, show_name=False,
                    sizing_mode="stretch_width")  # fmt: skip


def create_app(data_dir: str | Path | None = None) -> pn.template.BaseTemplate:
    """The whole app for the build in ``data_dir`` (default ``data/processed``).

    The app reads only the processed tables and reference files of that build; nothing a
    visitor types becomes a path.
    """
    store = DataStore(data_dir)
    tabs = pn.Tabs(*[(view.title, view(store=store)) for view in VIEWS], dynamic=False)
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
