"""The dashboard's page as a load test sees it: its models by id, which patches carry content,
the widgets a session changes and the changes it makes (:mod:`benchmarks.wsclient` sends them).

Bokeh 3 writes a document and its patches as JSON in which a model appears in full the first time
(``type: object``) and by id after; a widget change is a ``ModelChanged`` event, as BokehJS sends
when a person moves a slider or picks outlets.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

DAY_MS = 86_400_000
KINDS = ("outlets", "dates", "actor")
# Patches that say nothing about the view: a busy indicator, loading spinners, and the URL kept
# in sync with the filters.
STYLE_ATTRS = frozenset({"css_classes", "stylesheets"})
IGNORED_MODELS = ("Location", "BrowserInfo")
# A patch to one of these is a redraw: the server's callbacks ran.
DRAWN_MODELS = ("PlotlyPlot", "ColumnDataSource", "DataTabulator")


def objects(value: Any, found: dict[str, dict[str, Any]] | None = None) -> dict[str, dict]:
    """Every model serialised in ``value`` (a document, or a patch's new values) by id: Bokeh 3
    writes a model in full the first time it appears (``type: object``) and by id after.

    Examples
    --------
    >>> doc = {"roots": [{"type": "object", "name": "Tabs", "id": "p1",
    ...         "attributes": {"tabs": [{"type": "object", "name": "TabPanel", "id": "p2"}]}}]}
    >>> sorted(objects(doc))
    ['p1', 'p2']
    """
    found = {} if found is None else found
    if isinstance(value, dict):
        if value.get("type") == "object" and "id" in value and "name" in value:
            found[value["id"]] = value
        for item in value.values():
            objects(item, found)
    elif isinstance(value, list):
        for item in value:
            objects(item, found)
    return found


def _short(name: str) -> str:
    # 'panel.models.plotly.PlotlyPlot' -> 'PlotlyPlot': model names differ in their prefix.
    return name.rsplit(".", 1)[-1]


def classify(events: Sequence[dict[str, Any]], names: dict[str, str]) -> tuple[int, bool]:
    """How many of a PATCH-DOC's events carry content, and whether one redrew a chart or a
    table. ``names`` maps model ids to model names; a model the session has not seen (new
    since it pulled the document) counts as content.

    Examples
    --------
    >>> names = {"p1": "panel.models.plotly.PlotlyPlot", "p2": "panel.models.markup.HTML",
    ...          "p3": "panel.models.location.Location"}
    >>> classify([{"kind": "ModelChanged", "model": {"id": "p2"}, "attr": "css_classes"},
    ...           {"kind": "ModelChanged", "model": {"id": "p3"}, "attr": "search"}], names)
    (0, False)
    >>> classify([{"kind": "ModelChanged", "model": {"id": "p2"}, "attr": "text"},
    ...           {"kind": "ModelChanged", "model": {"id": "p1"}, "attr": "data"}], names)
    (2, True)
    """
    content, drawn = 0, False
    for event in events:
        model = _short(names.get(event.get("model", {}).get("id", ""), ""))
        if event.get("attr") in STYLE_ATTRS or model in IGNORED_MODELS:
            continue
        content += 1
        drawn = drawn or model in DRAWN_MODELS or event.get("kind") == "ColumnDataChanged"
    return content, drawn


@dataclass
class Widgets:
    """The models a session changes, found in the pulled document by their titles."""

    outlets: dict[str, Any]
    dates: dict[str, Any]
    actor: dict[str, Any] | None
    tabs: dict[str, Any] | None
    tab_titles: list[str]


def widgets(found: dict[str, dict[str, Any]]) -> Widgets:
    """The outlet MultiChoice, the date slider, the actor select and the tabs."""

    def titled(kind: str, prefix: str) -> dict[str, Any] | None:
        return next(
            (
                model
                for model in found.values()
                if _short(model["name"]) == kind
                and str(model.get("attributes", {}).get("title", "")).startswith(prefix)
            ),
            None,
        )

    outlets = titled("MultiChoice", "Outlet")
    dates = next((m for m in found.values() if _short(m["name"]) == "DateRangeSlider"), None)
    if outlets is None or dates is None:
        msg = "the page has no Outlets MultiChoice or no DateRangeSlider"
        raise RuntimeError(msg)
    tabs = next((m for m in found.values() if _short(m["name"]) == "Tabs"), None)
    titles = []
    for panel in (tabs or {}).get("attributes", {}).get("tabs", []):
        titles.append(found.get(panel.get("id", ""), {}).get("attributes", {}).get("title", ""))
    actor = titled("CustomSelect", "Actor (") or titled("Select", "Actor (")
    return Widgets(outlets, dates, actor, tabs, titles)


def _options(model: dict[str, Any]) -> list[str]:
    # Select options are [value, label] pairs or plain values.
    return [o[0] if isinstance(o, list) else o for o in model["attributes"].get("options", [])]


def changed(model: dict[str, Any], attr: str, new: Any) -> dict[str, Any]:
    """A ``ModelChanged`` event as BokehJS sends it when a widget's property changes.

    Examples
    --------
    >>> changed({"id": "p7"}, "value", ["a"])
    {'kind': 'ModelChanged', 'model': {'id': 'p7'}, 'attr': 'value', 'new': ['a']}
    """
    return {"kind": "ModelChanged", "model": {"id": model["id"]}, "attr": attr, "new": new}


DOCUMENT_READY = {
    "kind": "MessageSent",
    "msg_type": "bokeh_event",
    "msg_data": {"type": "event", "name": "document_ready", "values": {"type": "map"}},
}
"""What BokehJS sends once a document is rendered; Panel's session counts as loaded then."""


def _draw(kind: str, model: dict[str, Any], rng: random.Random) -> Any:
    """A random value for the widget ``model`` of a change of ``kind``."""
    attributes = model["attributes"]
    if kind == "outlets":
        options = _options(model)
        keep = max(1, min(len(options) - 1, rng.randint(len(options) // 2, len(options))))
        chosen = set(rng.sample(options, keep))
        return [o for o in options if o in chosen]
    if kind == "dates":
        days = int((attributes["end"] - attributes["start"]) // DAY_MS)
        span = rng.randint(max(1, days // 3), max(1, days))
        start = attributes["start"] + rng.randint(0, max(0, days - span)) * DAY_MS
        return [start, start + span * DAY_MS]
    return rng.choice(_options(model))


def plan(kind: str, controls: Widgets, rng: random.Random) -> list[dict[str, Any]]:
    """The events of one filter change of ``kind``: a random subset of outlets (at least half,
    never all), a random date range (at least a third of the span, whole days), or another
    actor; always a value the widget does not have now (the same value would redraw nothing).

    Examples
    --------
    >>> slider = {"id": "p2", "attributes": {"start": 0, "end": 9 * DAY_MS, "value": [0, 0]}}
    >>> controls = Widgets({"id": "p1", "attributes": {}}, slider, None, None, [])
    >>> [event] = plan("dates", controls, random.Random(1))
    >>> event["model"], event["new"] == slider["attributes"]["value"], event["new"] != [0, 0]
    ({'id': 'p2'}, True, True)
    """
    model = {"outlets": controls.outlets, "dates": controls.dates, "actor": controls.actor}.get(
        kind
    )
    if model is None:
        msg = f"cannot make a change of kind {kind!r} on this page"
        raise ValueError(msg)
    current = model["attributes"].get("value")  # as pulled (JSON lists), then as last sent
    for _ in range(50):
        value = _draw(kind, model, rng)
        if value != current:
            model["attributes"]["value"] = value
            return [changed(model, "value", value)]
    msg = f"found no {kind} value other than the current one ({current!r})"
    raise ValueError(msg)
