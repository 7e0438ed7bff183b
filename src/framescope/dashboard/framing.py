"""The framing view: frames, labels, war naming and voices per outlet, with their sentences."""

from __future__ import annotations

from typing import Any, ClassVar

import panel as pn
import param
import plotly.graph_objects as go
import polars as pl

from framescope import framing, plots, safe
from framescope.dashboard.views import FIELDED, FILTERS, View, headlined, tabulator

NO_WAR_TERMS = "the profile names no war or issue terms (war_terms): no naming to compare"


class Framing(View):
    """How each outlet frames the event: frames, labels, war naming, voices; click for evidence."""

    title = "Framing"
    depends = (*FIELDED, "actor")
    CHARTS: ClassVar[dict[str, tuple[str, str]]] = {
        # pane name: (table, the column a click filters on)
        "frames": ("frames", "frame"),
        "labels": ("labels", "label"),
        "war": ("war_terms", "term"),
        "voices": ("quotes", "voice"),
    }

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self.panes = {
            name: pn.pane.Plotly(sizing_mode="stretch_width", height=360) for name in self.CHARTS
        }
        for name, pane in self.panes.items():
            pane.param.watch(lambda event, name=name: self._clicked(name, event), "click_data")
        self.evidence = pn.Column(
            pn.pane.Markdown("Click a cell or a bar to see the sentences behind it."),
            sizing_mode="stretch_width",
        )
        self.refresh()

    def _shares(self, name: str) -> pl.DataFrame:
        table, column = self.CHARTS[name]
        actor = self.store.actor if name == "labels" else None
        return self.store.shares(table, column, actor=actor)

    def data(self) -> pl.DataFrame:
        parts = []
        for name, (_, column) in self.CHARTS.items():
            table = self._shares(name)
            if not table.is_empty():
                measure = pl.lit(name).alias("measure")
                parts.append(
                    table.select("source", measure, pl.col(column).alias("item"), "n", "share")
                )
        return pl.concat(parts) if parts else pl.DataFrame()

    def update(self) -> None:
        # Only the labels follow the actor and the field.
        self.panes["frames"].object = self.figure("frames", self._frames, depends=FILTERS)
        self.panes["labels"].object = self.figure(
            "labels",
            lambda: headlined(
                plots.stacked_shares(
                    self._shares("labels"),
                    category="label",
                    title=f"Labels attached to {safe.escape(self.store.actor)}, share per outlet",
                ),
                self.store.field,
            ),
        )
        self.panes["war"].object = self.figure("war", self._war, depends=FILTERS)
        self.panes["voices"].object = self.figure(
            "voices",
            lambda: plots.stacked_shares(
                self._shares("voices"), category="voice", title="Who is quoted: voices per outlet"
            ),
            depends=FILTERS,
        )

    def _war(self) -> go.Figure:
        if not self.store.profile.war_terms:
            return plots.empty(NO_WAR_TERMS)
        return plots.stacked_shares(
            self._shares("war"), category="term", title="How the war is named, share per outlet"
        )

    def _frames(self) -> go.Figure:
        frames = self._shares("frames")
        if not frames.is_empty():
            hover = pl.format("n = {} of {} frame cues", "n", "n_source").alias("hover")
            frames = frames.with_columns(hover)
        return plots.heatmap(
            frames,
            x="frame",
            y="source",
            value="share",
            text="hover",
            title="Frames: share of each outlet's frame cues (Policy Frames Codebook mapping)",
        )

    def _clicked(self, name: str, event: param.parameterized.Event) -> None:
        points = (event.new or {}).get("points") or []
        if not points:
            return
        point = points[0]
        if name == "frames":
            source, item = point.get("y"), point.get("x")
        else:
            trace = self.panes[name].object.data[point["curveNumber"]]
            source, item = point.get("y"), trace.name
        # The chart's names are escaped (plots.py): the filter needs the values themselves.
        source, item = (safe.unescape(v) if isinstance(v, str) else v for v in (source, item))
        self.show_evidence(name, source=source, item=item)

    def show_evidence(self, name: str, *, source: str, item: str) -> None:
        """The sentences behind one cell or bar."""
        table, column = self.CHARTS[name]
        rows = self.store.table(table)
        if name == "labels":
            rows = rows.filter(pl.col("actor") == self.store.actor)
        field = self.store.field_of(table)
        found = framing.evidence(
            rows,
            self.store.sentences(field),
            articles=self.store.articles(),
            source=source,
            **{column: item},
        )
        noun = "headline sentences" if field == "title" else "sentences"
        header = (
            f"<b>{found.height} {noun}</b>: {column} <code>{safe.escape(item)}</code> in "
            f"<i>{safe.escape(source)}</i>"
        )
        if "sentence" in found.columns and "text" not in found.columns:
            # framing.evidence names the sentence ``sentence``; the mentions evidence ``text``.
            found = found.rename({"sentence": "text"})
        shown = found.select(
            [
                c
                for c in ("source", "published", "article_id", "sentence_idx", column, "text")
                if c in found.columns
            ]
        )
        self.evidence[:] = [pn.pane.HTML(header), tabulator(shown, layout="fit_data_stretch")]

    def layout(self) -> pn.viewable.Viewable:
        return pn.Column(
            *self.panes.values(), self.download, self.evidence, sizing_mode="stretch_width"
        )
