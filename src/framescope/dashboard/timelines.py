"""The views over time: the overview's coverage, mentions by actor and outlet, tone by outlet.

People read names: actors by the profile's names, methods and measures in words
(``store.names``); ids stay in the CSVs and in what a click hands back. Outlets keep the
build's colours (``store.outlet_colours``) in every chart.
"""

from __future__ import annotations

from datetime import date
from typing import Any

import panel as pn
import param
import plotly.graph_objects as go
import polars as pl

from framescope import periods, plots, safe
from framescope.dashboard.framing import SCROLL_INTO_VIEW
from framescope.dashboard.state import MAX_ARTICLE_BOXES, DataStore
from framescope.dashboard.views import (
    FIELDED,
    FILTERS,
    View,
    axis_titled,
    evidence_table,
    headlined,
)

_CARD_STYLE = (
    "<style>.fs-card{display:inline-block;margin:4px 12px 4px 0;padding:6px 12px;"
    "border:1px solid #ddd;border-radius:6px}</style>"
)
TONE_COLUMNS = (
    "sentences", "actor", "period", "source", "mean_tone", "ci_low", "ci_high", "n_sentences",
    "n_articles", "small_sample", "method", "rule",
)  # fmt: skip
"""The Sentiment view's CSV: the plotted series, all sentences' and the chosen actor's."""


def fitted(pane: pn.pane.Plotly, figure: go.Figure, default: int) -> go.Figure:
    """``figure`` with ``pane`` as tall as the figure asks (a chart of many panels or rows
    grows rather than squashing them), else ``default`` pixels."""
    pane.height = int(figure.layout.height or default)
    return figure


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
                plots.coverage(
                    store.periods(),
                    freq=store.granularity,
                    milestones=store.milestones(),
                    axis=store.axis,
                    colours=store.outlet_colours(),
                ),
                store,
            ),
        )

    def layout(self) -> pn.viewable.Viewable:
        return pn.Column(self.cards, self.chart, self.download, sizing_mode="stretch_width")


class Mentions(View):
    """Mentions over time, a panel per actor and a line per outlet, raw or normalised; click a
    point for the sentences behind it."""

    title = "Mentions"
    depends = (*FIELDED, "granularity", "axis", "actors", "value")

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self.chart = pn.pane.Plotly(sizing_mode="stretch_width", height=450)
        self.evidence = pn.Column(
            pn.pane.Markdown("Click a point to see the sentences behind it."),
            sizing_mode="stretch_width",
        )
        # The chart is tall (a panel per actor): bring the sentences into view when they open.
        self.evidence.jscallback(children=SCROLL_INTO_VIEW)
        self.chart.param.watch(self._clicked, "click_data")
        self.refresh()

    def data(self) -> pl.DataFrame:
        return self.store.mention_series()

    def update(self) -> None:
        store = self.store
        figure = self.figure(
            "mentions",
            lambda: headlined(
                axis_titled(
                    plots.mentions_over_time(
                        store.mention_series(),
                        value=store.value,
                        freq=store.granularity,
                        axis=store.axis,
                        milestones=store.milestones(),
                        colours=store.outlet_colours(),
                        names=actor_names(store),
                        actors=list(store.actors),
                    ),
                    store,
                ),
                store.field,
            ),
        )
        self.chart.object = fitted(self.chart, figure, 450)

    def _clicked(self, event: param.parameterized.Event) -> None:
        points = (event.new or {}).get("points") or []
        figure = self.chart.object
        if not points or figure is None:
            return
        curve = points[0].get("curveNumber")
        if not isinstance(curve, int) or not 0 <= curve < len(figure.data):
            return
        # The trace carries the ids (plots.mentions_over_time), escaped as everything the
        # chart holds; its name is the outlet's alone and its panel says the actor's name.
        meta = figure.data[curve].meta
        if not isinstance(meta, list | tuple) or len(meta) != 2:
            return
        actor, source = (safe.unescape(str(part)) for part in meta)
        # The period by the point's place in its line: the browser sends no customdata of a
        # chart whose arrays are binary, and the point is drawn at the period's middle.
        index = points[0].get("pointIndex", points[0].get("pointNumber"))
        self.show_evidence(actor=actor, source=source, period=self._period(actor, source, index))

    def _period(self, actor: str, source: str, index: Any) -> Any:
        """The period of the ``index``-th point of one actor's line for one outlet, as the
        chart draws them (``plots.mentions_over_time``: in period order); None if there is
        no such point."""
        if not isinstance(index, int) or isinstance(index, bool) or index < 0:
            return None
        periods = (
            self.store.mention_series()
            .filter(pl.col("actor") == actor, pl.col("source") == source)
            .get_column("period")
            .sort()
        )
        return periods[index] if index < periods.len() else None

    def show_evidence(self, *, actor: str, source: str, period: Any) -> None:
        """List the sentences behind one point."""
        found = self.store.evidence(actor=actor, source=source, period=period)
        noun = "headline sentences" if self.store.field == "title" else "sentences"
        when = self._period_words(period)
        header = (
            f"<b>{len(found)} {noun}</b> mentioning "
            f"<b>{safe.escape(self.store.names.name('actor', actor))}</b> in "
            f"<i>{safe.escape(source)}</i>, {when}"
        )
        self.evidence[:] = [pn.pane.HTML(header), evidence_table(found)]

    def _period_words(self, period: Any) -> str:
        """A clicked period as the chart's hover says it ("week of 13 Mar 2023"), escaped; a
        value that is no period of the store's axis as sent."""
        if period is None:
            return "all periods"
        store = self.store
        try:
            value = int(period) if store.axis == "event" else date.fromisoformat(str(period)[:10])
        except ValueError:
            return f"period {safe.escape(period)}"
        words = periods.period_label(pl.lit(value), freq=store.granularity, axis=store.axis)
        return safe.escape(pl.select(words).item())

    def layout(self) -> pn.viewable.Viewable:
        return pn.Column(self.chart, self.download, self.evidence, sizing_mode="stretch_width")


class Sentiment(View):
    """Tone over time by outlet, tone of the chosen actor's sentences, tone per article."""

    title = "Sentiment"
    depends = (*FIELDED, "granularity", "axis", "method", "actor")

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self.overall = pn.pane.Plotly(sizing_mode="stretch_width", height=420)
        self.directed = pn.pane.Plotly(sizing_mode="stretch_width", height=420)
        self.spread = pn.pane.Plotly(sizing_mode="stretch_width", height=420)
        self.refresh()

    def data(self) -> pl.DataFrame:
        """The plotted series: each point's mean, interval and n, for all sentences and for
        the chosen actor's (``actor`` null on the first)."""
        store = self.store
        parts = [store.tone_series().with_columns(pl.lit(None, pl.String).alias("actor"))]
        if store.actor is not None:
            parts.append(store.tone_series(actor=store.actor))
        names = ("all sentences", "sentences mentioning the actor")
        return pl.concat(
            [
                part.with_columns(
                    pl.lit(name).alias("sentences"), pl.lit(store.method).alias("method")
                ).select(TONE_COLUMNS)
                for name, part in zip(names, parts, strict=False)
            ]
        )

    def update(self) -> None:
        store = self.store
        method = store.names.name("measure", store.method)
        overall = self.figure(
            "overall",
            lambda: headlined(
                axis_titled(
                    plots.tone_over_time(
                        store.tone_series(),
                        freq=store.granularity,
                        axis=store.axis,
                        milestones=store.milestones(),
                        title="Tone of all sentences, by outlet",
                        method=method,
                        colours=store.outlet_colours(),
                    ),
                    store,
                ),
                store.field,
            ),
            depends=(*FIELDED, "granularity", "axis", "method"),
        )
        self.overall.object = fitted(self.overall, overall, 420)
        self.directed.object = fitted(self.directed, self.figure("directed", self._directed), 420)
        spread = self.figure("spread", self._spread, depends=(*FIELDED, "method"))
        self.spread.object = fitted(self.spread, spread, 420)

    def _directed(self) -> go.Figure:
        store = self.store
        if store.actor is None:
            return plots.empty("no actor to choose in this build")
        name = safe.escape(store.names.name("actor", store.actor))
        figure = plots.tone_over_time(
            store.tone_series(actor=store.actor),
            freq=store.granularity,
            axis=store.axis,
            milestones=store.milestones(),
            title=f"Tone of sentences mentioning {name}, by outlet",
            method=store.names.name("measure", store.method),
            colours=store.outlet_colours(),
        )
        return headlined(axis_titled(figure, store), store.field)

    def _spread(self) -> go.Figure:
        store = self.store
        method = store.names.name("measure", store.method)
        colours = store.outlet_colours()
        if store.articles().height <= MAX_ARTICLE_BOXES:
            figure = plots.tone_distribution(store.tone_points(), method=method, colours=colours)
        else:
            figure = plots.tone_summary(store.tone_summary(), method=method, colours=colours)
        return headlined(figure, store.field)

    def layout(self) -> pn.viewable.Viewable:
        return pn.Column(
            self.overall, self.directed, self.spread, self.download, sizing_mode="stretch_width"
        )


def actor_names(store: DataStore) -> dict[str, str]:
    """The chosen actors' names as the profile gives them (``store.names``)."""
    return {actor: store.names.name("actor", actor) for actor in store.actors}
