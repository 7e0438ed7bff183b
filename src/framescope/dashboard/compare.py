"""The Compare view: the outlets side by side on one chosen actor.

One row per outlet, sorted by the mean tone of the sentences mentioning the actor (most
negative at the top), across small multiples that share the outlet axis: that tone with its
interval and n, the labels the outlet attaches to the actor, how it names the war, whom it
quotes, its frames and the numeric claims it makes. Small samples are marked in the chart.
What it computes is ``compare_state``'s.
"""

from __future__ import annotations

from typing import Any

import panel as pn
import plotly.graph_objects as go
import polars as pl

from framescope import framing, plots, safe
from framescope.dashboard import compare_state
from framescope.dashboard.framing import NO_WAR_TERMS
from framescope.dashboard.views import View
from framescope.plots.compare import Panel, outlets_side_by_side

NO_ACTOR = "choose an actor to compare the outlets on"


class Compare(View):
    """Outlets side by side on the chosen actor: tone, labels, war naming, voices, frames,
    numeric claims."""

    title = "Compare"
    depends = compare_state.DEPENDS

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self.chart = pn.pane.Plotly(sizing_mode="stretch_width", height=700)
        self.refresh()

    def data(self) -> pl.DataFrame:
        rows = compare_state.comparison(self.store)
        order = {name: i for i, name in enumerate(["tone", *compare_state.MEASURES])}
        return (
            rows.with_columns(pl.lit(self.store.actor, pl.String).alias("actor"))
            .sort(pl.col("measure").replace_strict(order, return_dtype=pl.Int64), "source", "item")
            .select("source", "actor", *[c for c in rows.columns if c != "source"])
        )

    def update(self) -> None:
        figure = self.figure("outlets", self._outlets)
        # The figure's height follows the outlets and legends: the pane takes it first.
        self.chart.height = int(figure.layout.height or 400)
        self.chart.object = figure

    def _outlets(self) -> go.Figure:
        store = self.store
        if store.articles().is_empty():
            return plots.empty()
        if store.actor is None:
            return plots.empty(NO_ACTOR)
        actor = safe.escape(store.names.name("actor", store.actor))
        where = "headlines" if store.field == "title" else "articles"
        rows = compare_state.comparison(store)
        if not compare_state.mentioned(rows):
            return plots.empty(
                f"{actor} is not mentioned in the selected {where}: nothing to compare on "
                "them.<br>Choose another actor or widen the filters."
            )
        method = safe.escape(store.names.name("measure", store.method))
        panels = [
            Panel("tone", f"Tone<br><sup>mean {method} of sentences mentioning {actor}, "
                  "95% CI</sup>", "mean"),
            Panel("labels", f"Labels for {actor}<br><sup>share of the labels attached</sup>",
                  empty=f"no label attached to {actor}"),
            Panel("war_terms", "War naming<br><sup>share of the war terms used</sup>",
                  empty=NO_WAR_TERMS if not store.profile.war_terms else "no war term found"),
            Panel("voices", "Voices quoted<br><sup>share of attributed quotes</sup>",
                  empty="no attributed quote"),
            Panel("frames", "Frames<br><sup>share of frame cues</sup>", empty="no frame cue"),
            Panel("figures", "Numeric claims<br><sup>per article, by metric</sup>", "per_article",
                  empty="no numeric claim"),
        ]  # fmt: skip
        notes = [
            f"outlets sorted by mean tone towards {actor}, most negative at the top; "
            "n at the right of each row",
            f"hollow points and hatched bars: small samples (tone: fewer than "
            f"{framing.SMALL_SAMPLE_ROWS} sentences or one article; shares: fewer than "
            f"{framing.SMALL_SAMPLE_ROWS} rows, 10 quotes)",
        ]
        if store.field == "title":
            notes.append(
                "tone, labels and claims from the headlines; war naming, voices and frames "
                "from the article text"
            )
        return outlets_side_by_side(
            compare_state.named(rows, store.names),
            panels=panels,
            order=compare_state.outlet_order(rows),
            title=f"{actor} across outlets",
            note="<br>".join(notes),
            outlet_colours=store.outlet_colours(),
            category_colours=compare_state.measure_colours(store),
        )

    def layout(self) -> pn.viewable.Viewable:
        return pn.Column(self.chart, self.download, sizing_mode="stretch_width")
