"""The views over time: the overview's coverage, mentions by actor and outlet, tone by outlet."""

from __future__ import annotations

from typing import Any

import panel as pn
import param
import plotly.graph_objects as go
import polars as pl

from framescope import plots, safe
from framescope.dashboard.state import MAX_ARTICLE_BOXES
from framescope.dashboard.views import FIELDED, FILTERS, View, axis_titled, headlined, tabulator

_CARD_STYLE = (
    "<style>.fs-card{display:inline-block;margin:4px 12px 4px 0;padding:6px 12px;"
    "border:1px solid #ddd;border-radius:6px}</style>"
)


class Overview(View):
    """Corpus size, date span, outlets and the coverage timeline with the milestones."""

    title = "Overview"
    depends = (*FILTERS, "granularity", "axis")

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self.cards = pn.pane.HTML(sizing_mode="stretch_width")
        self.chart = pn.pane.Plotly(sizing_mode="stretch_width", height=380)
        self.refresh()

    def data(self) -> pl.DataFrame:
        return self.store.periods().select("article_id", "source", "published", "period", "title")

    def update(self) -> None:
        facts = self.store.overview()
        span = f"{facts['first']} to {facts['last']}" if facts["first"] else "no dated articles"
        items = [
            ("articles", facts["articles"]),
            ("outlets", facts["outlets"]),
            ("published", span),
            ("words", f"{facts['words']:,}"),
            ("undated", facts["undated"]),
            ("near-duplicates (whole corpus)", facts["near_duplicates"]),
            ("syndicated copies (whole corpus)", facts["syndicated"]),
            ("rejected inputs", facts["rejects"]),
        ]
        cards = "".join(
            f'<div class="fs-card"><b>{safe.escape(v)}</b><br>{safe.escape(k)}</div>'
            for k, v in items
        )
        self.cards.object = cards + _CARD_STYLE
        store = self.store
        self.chart.object = self.figure(
            "coverage",
            lambda: axis_titled(
                plots.coverage(store.periods(), milestones=store.milestones(), axis=store.axis),
                store,
            ),
        )

    def layout(self) -> pn.viewable.Viewable:
        return pn.Column(self.cards, self.chart, self.download, sizing_mode="stretch_width")


class Mentions(View):
    """Mentions over time by actor and outlet, raw or normalised; click a point for sentences."""

    title = "Mentions"
    depends = (*FIELDED, "granularity", "axis", "actors", "value")

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self.chart = pn.pane.Plotly(sizing_mode="stretch_width", height=450)
        self.evidence = pn.Column(
            pn.pane.Markdown("Click a point to see the sentences behind it."),
            sizing_mode="stretch_width",
        )
        self.chart.param.watch(self._clicked, "click_data")
        self.refresh()

    def data(self) -> pl.DataFrame:
        return self.store.mention_series()

    def update(self) -> None:
        store = self.store
        self.chart.object = self.figure(
            "mentions",
            lambda: headlined(
                axis_titled(
                    plots.mentions_over_time(
                        store.mention_series(),
                        value=store.value,
                        axis=store.axis,
                        milestones=store.milestones(),
                    ),
                    store,
                ),
                store.field,
            ),
        )

    def _clicked(self, event: param.parameterized.Event) -> None:
        points = (event.new or {}).get("points") or []
        name = points[0].get("data", {}).get("name", "") if points else ""
        if " · " not in name:
            trace = self.chart.object.data[points[0]["curveNumber"]] if points else None
            name = trace.name if trace is not None else ""
        if " · " not in name:
            return
        # The chart's names are escaped (plots.py): the filter needs the values themselves.
        actor, source = (safe.unescape(part) for part in name.split(" · ", 1))
        self.show_evidence(actor=actor, source=source, period=points[0].get("x"))

    def show_evidence(self, *, actor: str, source: str, period: Any) -> None:
        """List the sentences behind one point."""
        found = self.store.evidence(actor=actor, source=source, period=period)
        noun = "headline sentences" if self.store.field == "title" else "sentences"
        header = (
            f"<b>{len(found)} {noun}</b> mentioning <code>{safe.escape(actor)}</code> in "
            f"<i>{safe.escape(source)}</i>, period {safe.escape(period)}"
        )
        self.evidence[:] = [pn.pane.HTML(header), tabulator(found, layout="fit_data_stretch")]

    def layout(self) -> pn.viewable.Viewable:
        return pn.Column(self.chart, self.download, self.evidence, sizing_mode="stretch_width")


class Sentiment(View):
    """Tone over time by outlet, tone of the chosen actor's sentences, tone per article."""

    title = "Sentiment"
    depends = (*FIELDED, "granularity", "axis", "method", "actor")

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self.overall = pn.pane.Plotly(sizing_mode="stretch_width", height=380)
        self.directed = pn.pane.Plotly(sizing_mode="stretch_width", height=380)
        self.spread = pn.pane.Plotly(sizing_mode="stretch_width", height=380)
        self.refresh()

    def data(self) -> pl.DataFrame:
        return self.store.sentence_tone()

    def update(self) -> None:
        store = self.store
        self.overall.object = self.figure(
            "overall",
            lambda: headlined(
                axis_titled(
                    plots.tone_over_time(
                        store.tone_series(),
                        axis=store.axis,
                        milestones=store.milestones(),
                        title=f"Tone of all sentences ({safe.escape(store.method)})",
                    ),
                    store,
                ),
                store.field,
            ),
            depends=(*FIELDED, "granularity", "axis", "method"),
        )
        self.directed.object = self.figure(
            "directed",
            lambda: headlined(
                axis_titled(
                    plots.tone_over_time(
                        store.tone_series(actor=store.actor),
                        axis=store.axis,
                        milestones=store.milestones(),
                        title=(
                            f"Tone of sentences mentioning {safe.escape(store.actor)} "
                            f"({safe.escape(store.method)})"
                        ),
                    ),
                    store,
                ),
                store.field,
            ),
        )
        self.spread.object = self.figure("spread", self._spread, depends=(*FIELDED, "method"))

    def _spread(self) -> go.Figure:
        store = self.store
        if store.articles().height <= MAX_ARTICLE_BOXES:
            return headlined(plots.tone_distribution(store.tone_points()), store.field)
        return headlined(plots.tone_summary(store.tone_summary()), store.field)

    def layout(self) -> pn.viewable.Viewable:
        return pn.Column(
            self.overall, self.directed, self.spread, self.download, sizing_mode="stretch_width"
        )
