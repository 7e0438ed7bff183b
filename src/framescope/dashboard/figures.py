"""The figures view: numeric claims, the claims ledger, and official statistics.

:class:`Trade` reads the figures, the ledger and the official statistics from the
:class:`DataStore` (``figures_state``) and draws them as every view does (``views``).
"""

from __future__ import annotations

from typing import Any

import panel as pn
import plotly.graph_objects as go
import polars as pl

from framescope import plots, report, safe
from framescope.dashboard.views import FIELDED, View, axis_titled, headlined, tabulator

NO_FIGURES = "no numeric claims in this selection"


class Trade(View):
    """Numeric claims. With the profile's official statistics: the claims of the metric they
    measure at their publication dates against them, and the claims compared with them.
    Without: every numeric claim counted per period and metric. Both: the claims ledger."""

    title = "Trade figures"
    # Granularity and axis: the chart of claims per period (a build without reference series).
    depends = (*FIELDED, "granularity", "axis")

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        # "Trade figures" only for a profile with reference series or a trade metric.
        self.title = self.store.figures_title()
        self.download.filename = f"framescope_{self.slug}.csv"
        self.chart = pn.pane.Plotly(sizing_mode="stretch_width", height=450)
        self.ledger = pn.Column(sizing_mode="stretch_width")
        self._tabled: tuple[int, int, str] | None = None  # the ledger and comparison shown
        self.refresh()

    def data(self) -> pl.DataFrame:
        return self.store.ledger()

    def update(self) -> None:
        store = self.store
        if store.has_reference():
            self.chart.object = self.figure("claims", self._claims, depends=FIELDED)
        else:
            self.chart.object = self.figure("metrics", self._metrics)
        ledger = store.ledger()
        comparison = store.comparison()
        shown = (id(ledger), id(comparison), store.field)
        if shown == self._tabled:
            return  # a granularity or axis change: the tables stay (and keep their page)
        self._tabled = shown
        if ledger.is_empty():
            self.ledger[:] = [pn.pane.Markdown(NO_FIGURES)]
            return
        table = ledger.select(
            "claim",
            "source",
            "published",
            "surface",
            "kind",
            "period",
            "speaker",
            "hedged",
            pl.col("divergences").list.join(", "),
            "sentence",
        )
        every = (
            "" if store.has_reference() else " (every numeric claim; `other`: tied to no metric)"
        )
        parts = [
            pn.pane.Markdown(
                "**Claims ledger**: the same claim as each outlet reported it"
                + (" in its headlines" if store.field == "title" else "")
                + every
            ),
            tabulator(table, layout="fit_data_stretch"),
        ]
        if not comparison.is_empty():
            compared = comparison.select(
                "claim",
                "source",
                "surface",
                "claim_period",
                "reference_year",
                (pl.col("reference_value") / 1e9).round(2).alias("reference_bn"),
                pl.col("ratio").round(3),
                "reference_reporter",
                "reference_source",
            )
            reporters = _reporters(comparison, "reference_reporter")
            by = f" ({safe.escape(', '.join(reporters))})" if reporters else ""
            parts += [
                pn.pane.Markdown(f"**Claims against official statistics**{by}"),
                tabulator(compared, layout="fit_data_stretch"),
            ]
        self.ledger[:] = parts

    def _claims(self) -> go.Figure:
        official = self.store.official()
        lines = report.reference_lines(
            {
                _reference_label(official["annual"], "annual total"): official["annual"],
                _reference_label(official["ytd"], "year to date"): official["ytd"],
            }
        )
        targets = report.target_markers(official["targets"])
        # Milestones are weeks apart on a decade-long axis: they would only clutter it.
        return headlined(
            plots.claims_against_reference(self.store.trade_claims(), lines, targets),
            self.store.field,
        )

    def _metrics(self) -> go.Figure:
        store = self.store
        # plots.coverage stacks rows per period by ``source``: here one row per claim, by the
        # label of its metric.
        claims = store.figure_counts().select("period", pl.col("label").alias("source"))
        if claims.is_empty():
            return plots.empty(NO_FIGURES)
        figure = plots.coverage(claims, milestones=store.milestones(), axis=store.axis)
        figure.update_layout(
            title="Numeric claims per period, by metric (the profile names no reference series)",
            yaxis_title="numeric claims (raw count)",
            legend_title="metric",
        )
        for trace in figure.data:
            trace.hovertemplate = trace.hovertemplate.replace(" articles<", " numeric claims<")
        return headlined(axis_titled(figure, store), store.field)

    def layout(self) -> pn.viewable.Viewable:
        return pn.Column(self.chart, self.download, self.ledger, sizing_mode="stretch_width")


def _reporters(series: pl.DataFrame, column: str = "reporter") -> list[str]:
    if column not in series.columns:
        return []
    return series.get_column(column).drop_nulls().unique(maintain_order=True).to_list()


def _reference_label(series: pl.DataFrame, what: str) -> str:
    """A reference line's label: its one reporter's, else "official ..."

    Examples
    --------
    >>> _reference_label(pl.DataFrame({"reporter": ["China GAC"]}), "annual total")
    'China GAC: annual total'
    >>> _reference_label(pl.DataFrame({"reporter": ["A", "B"]}), "year to date")
    'official year to date'
    """
    reporters = _reporters(series)
    return f"{reporters[0]}: {what}" if len(reporters) == 1 else f"official {what}"
