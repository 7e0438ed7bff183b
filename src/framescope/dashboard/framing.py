"""The framing view: frames, labels, war naming and voices per outlet, with their sentences.

Charts show the profile's names (``store.names``) and the build's category colours; the ids
ride in each trace (``plots.shares``), so a click filters on the id. The sentences behind a
click open directly under the chart clicked, and the page scrolls to them.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar

import panel as pn
import param
import plotly.graph_objects as go
import polars as pl

from framescope import display, framing, plots, safe
from framescope.dashboard.views import FIELDED, FILTERS, View, evidence_table, headlined
from framescope.plots.shares import clicked_id

NO_WAR_TERMS = "the profile names no war or issue terms (war_terms): no naming to compare"
HINT = "Click a cell or a bar: the sentences behind it open under the chart."
OTHER_CLICKED = (
    "The grey bar sums the categories outside the most frequent ones; click a coloured bar "
    "for its sentences, or download the data (CSV) for every category."
)
# Runs in the browser when an evidence area gets new content: brings its top into view, about
# a third down the window (the chart clicked stays partly in sight above it), unless it is
# already in the upper half. Only the area's position is read: its table may still be drawing.
SCROLL_INTO_VIEW = """
if (source.children.length === 0) { return }
setTimeout(() => {
  const view = Bokeh.index.find_one(source)
  if (view == null) { return }
  const top = view.el.getBoundingClientRect().top
  if (top >= 0 && top < window.innerHeight * 0.5) { return }
  view.el.style.scrollMarginTop = Math.round(window.innerHeight * 0.3) + "px"
  view.el.scrollIntoView({behavior: "smooth", block: "start"})
}, 50)
"""


@dataclass(frozen=True)
class Chart:
    """What one framing chart shows: its table, the column a click filters on, the kind of
    names and colours its categories take, what it counts, and the columns its evidence lists
    beside each sentence."""

    table: str
    column: str
    kind: str
    noun: str
    detail: tuple[str, ...] = ()


class Framing(View):
    """How each outlet frames the event: frames, labels, war naming, voices; click for evidence."""

    title = "Framing"
    depends = (*FIELDED, "actor")
    CHARTS: ClassVar[dict[str, Chart]] = {
        "frames": Chart("frames", "frame", "frame", "frame cues", ("cue",)),
        "labels": Chart("labels", "label", "label", "labels"),
        "war": Chart("war_terms", "term", "term", "war terms", ("surface",)),
        "voices": Chart("quotes", "voice", "voice", "attributed statements", ("speaker", "verb")),
    }

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self.panes = {
            name: pn.pane.Plotly(sizing_mode="stretch_width", height=360) for name in self.CHARTS
        }
        # Each chart's sentences open directly under it.
        self.areas = {name: pn.Column(sizing_mode="stretch_width") for name in self.CHARTS}
        for name, pane in self.panes.items():
            pane.param.watch(lambda event, name=name: self._clicked(name, event), "click_data")
            # Bokeh's name for the layout's objects: a name it lacks breaks the whole page.
            self.areas[name].jscallback(children=SCROLL_INTO_VIEW)
        self.shown_area = "frames"
        self.refresh()

    @property
    def evidence(self) -> pn.Column:
        """The evidence area last filled (the frames' before any click)."""
        return self.areas[self.shown_area]

    def _shares(self, name: str) -> pl.DataFrame:
        chart = self.CHARTS[name]
        actor = self.store.actor if name == "labels" else None
        return self.store.shares(chart.table, chart.column, actor=actor)

    def data(self) -> pl.DataFrame:
        parts = []
        for name, chart in self.CHARTS.items():
            table = self._shares(name)
            if not table.is_empty():
                measure = pl.lit(name).alias("measure")
                parts.append(
                    table.select(
                        "source", measure, pl.col(chart.column).alias("item"), "n", "share"
                    )
                )
        return pl.concat(parts) if parts else pl.DataFrame()

    def names(self, name: str, ids: list[str]) -> dict[str, str]:
        """What a chart shows for its category ids: the profile's names, no two alike
        (``DisplayNames.options``); labels are the build's words, with spaces for underscores."""
        kind = self.CHARTS[name].kind
        if kind == "label":
            return {value: display.humanise(value) for value in ids}
        return {value: shown for shown, value in self.store.names.options(kind, ids).items()}  # type: ignore[arg-type]

    def update(self) -> None:
        # Only the labels follow the actor and the field.
        self._draw("frames", self._frames, depends=FILTERS)
        self._draw("labels", lambda: headlined(self._bars("labels"), self.store.field))
        self._draw("war", self._war, depends=FILTERS)
        self._draw("voices", lambda: self._bars("voices"), depends=FILTERS)
        for area in self.areas.values():
            area.clear()

    def _draw(self, name: str, build: Callable[[], go.Figure], **options: Any) -> None:
        figure = self.figure(name, build, **options)
        pane = self.panes[name]
        pane.height = int(figure.layout.height or 360)
        pane.object = figure

    def _bars(self, name: str) -> go.Figure:
        shares = self._shares(name)
        ids = shares[self.CHARTS[name].column].unique().to_list() if not shares.is_empty() else []
        chart = self.CHARTS[name]
        return plots.stacked_shares(
            shares,
            category=chart.column,
            title=self._title(name),
            colours=self.store.category_colours(chart.kind),
            names=self.names(name, ids),
        )

    def _title(self, name: str) -> str:
        if name == "labels":
            actor = self.store.names.name("actor", self.store.actor or "")
            return f"Labels attached to {safe.escape(actor)}: share of each outlet's labels"
        if name == "war":
            return "How the war is named: share of each outlet's war terms"
        return "Who is quoted: share of each outlet's attributed statements, by voice"

    def _war(self) -> go.Figure:
        if not self.store.profile.war_terms:
            return plots.empty(NO_WAR_TERMS)
        return self._bars("war")

    def _frames(self) -> go.Figure:
        frames = self._shares("frames")
        ids: list[str] = []
        if not frames.is_empty():
            ids = frames["frame"].unique().to_list()
            hover = pl.format("n = {} of {} frame cues", "n", "n_source").alias("hover")
            frames = frames.with_columns(hover)
        order = [group.id for group in self.store.profile.frames]
        figure = plots.heatmap(
            frames,
            x="frame",
            y="source",
            value="share",
            text="hover",
            names=self.names("frames", ids),
            order=order,
            value_format=".0%",
            x_title="",
            y_title="",
            title=(
                "Frames: share of each outlet's frame cues<br><sup>frames as the profile maps "
                "them to the Policy Frames Codebook; a row sums to 100%</sup>"
            ),
        )
        if frames.height:
            figure.update_layout(height=200 + 30 * frames["source"].n_unique())
        return figure

    def _clicked(self, name: str, event: param.parameterized.Event) -> None:
        points = (event.new or {}).get("points") or []
        if not points:
            return
        point = points[0]
        data = self.panes[name].object.data
        curve = point.get("curveNumber", 0)
        if not isinstance(curve, int) or not 0 <= curve < len(data):
            return
        source = point.get("y")
        if not isinstance(source, str):
            return
        item = clicked_id(data[curve], point)
        # The chart's names are escaped (plots.shares): the filter needs the values themselves.
        source = safe.unescape(source)
        if item is None:
            self._show(name, [pn.pane.Markdown(OTHER_CLICKED)])
            return
        self.show_evidence(name, source=source, item=item)

    def _show(self, name: str, parts: list[Any]) -> None:
        """``parts`` in ``name``'s evidence area, every other area emptied."""
        for other, area in self.areas.items():
            if other != name and len(area):
                area.clear()
        self.shown_area = name
        self.areas[name][:] = parts

    def show_evidence(self, name: str, *, source: str, item: str) -> None:
        """The sentences behind one cell or bar, under its chart, one row per sentence."""
        chart = self.CHARTS[name]
        rows = self.store.table(chart.table)
        if name == "labels":
            rows = rows.filter(pl.col("actor") == self.store.actor)
        field = self.store.field_of(chart.table)
        found = framing.evidence(
            rows,
            self.store.sentences(field),
            articles=self.store.articles(),
            source=source,
            **{chart.column: item},
        )
        shown = self._sentences(found, chart)
        noun = "headline sentences" if field == "title" else "sentences"
        header = pn.pane.HTML(self._header(name, shown.height, noun, source, item))
        # One outlet, named in the header: its column would say it again on every row.
        self._show(name, [header, evidence_table(shown, hidden_columns=["source"])])

    def _sentences(self, found: pl.DataFrame, chart: Chart) -> pl.DataFrame:
        """One row per sentence: outlet, date, title, the sentence, what in it was counted."""
        if "speaker" in found.columns:
            found = found.with_columns(self.store.names.expr("actor", "speaker"))
        detail = [c for c in chart.detail if c in found.columns]
        keys = [c for c in ("source", "published", "title", "article_id", "sentence_idx")
                if c in found.columns]  # fmt: skip
        return (
            found.group_by(keys, maintain_order=True)
            .agg(
                pl.col("sentence").first().alias("text"),
                *[
                    pl.col(c).cast(pl.String).unique(maintain_order=True).str.join(", ")
                    for c in detail
                ],
            )
            .sort("published", "article_id", "sentence_idx", nulls_last=True)
        )

    def _header(self, name: str, sentences: int, noun: str, source: str, item: str) -> str:
        """What was clicked, in words: the count, the category by its name, the outlet, and
        the chart's number for the cell (n of the outlet's total, share)."""
        chart = self.CHARTS[name]
        shown = f"<b>{safe.escape(self.names(name, [item]).get(item, item))}</b>"
        actor = safe.escape(self.store.names.name("actor", self.store.actor or ""))
        what = {
            "frames": f"frame {shown}",
            "labels": f"label {shown} for {actor}",
            "war": f"the war named {shown}",
            "voices": f"{shown} quoted",
        }[name]
        header = f"<b>{sentences} {noun}</b>: {what} in <i>{safe.escape(source)}</i>"
        cell = self._shares(name)
        if not cell.is_empty():
            cell = cell.filter((pl.col("source") == source) & (pl.col(chart.column) == item))
        if cell.height:
            n, total, share = cell.select("n", "n_source", "share").row(0)
            header += f" · {n:,} of its {total:,} {chart.noun} ({share:.0%})"
        return header

    def layout(self) -> pn.viewable.Viewable:
        charts = [part for name in self.CHARTS for part in (self.panes[name], self.areas[name])]
        return pn.Column(
            pn.pane.Markdown(HINT), *charts, self.download, sizing_mode="stretch_width"
        )
