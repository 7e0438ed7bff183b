"""The figures view: numeric claims, each with its verdict against official statistics.

:class:`Trade` reads the claims with their verdicts, the ledger and the official statistics
from the :class:`DataStore` (``figures_state``) and draws them as every view does (``views``).
"""

from __future__ import annotations

from typing import Any

import panel as pn
import plotly.graph_objects as go
import polars as pl

from framescope import claims, plots, safe
from framescope.dashboard.views import FIELDED, View, axis_titled, headlined, tabulator
from framescope.plots.claims import VERDICT_SYMBOLS, claims_by_period
from framescope.report import trade as trade_report

NO_FIGURES = "no numeric claims in this selection"
__all__ = ["NO_FIGURES", "VERDICT_HELP", "VERDICT_SYMBOLS", "Trade"]
VERDICT_HELP = (
    f"**matches**: within {claims.TOLERANCE:.0%} of the official figure for the claim's period "
    "· **rounding**: the official figure rounded to the precision the claim states "
    "· **wrong period**: another period's official figure "
    "· **target stated as fact**: a stated target reported as what happened "
    "· **differs**: more than rounding from the official figure "
    "· **no reference**: no official figure for that metric and period. "
    "Targets and forecasts are checked against the stated targets. A claim that names no "
    "period is set against its publication year and the one before, and drawn at its "
    "publication date."
)
"""The verdicts in one paragraph, above their table (``claims.verdicts`` has the rules)."""
# Pixels per column of the verdict table: the key columns fit at 1500 px, the rest scroll.
WIDTHS = {
    "source": 170, "surface": 150, "period_label": 170, "official": 200, "verdict": 150,
    "verdict_note": 320, "metric_name": 200, "kind": 80, "published": 100, "speaker": 160,
    "hedged": 80, "divergences": 150, "ratio": 130, "official_source": 220, "sentence": 460,
}  # fmt: skip
CLAIMS_PAGE = 25
"""Claims per page of the verdict table: a corpus the size of the seeds' on one page."""
WRAPPED = (
    "source", "surface", "period_label", "official", "verdict_note", "metric_name", "speaker",
    "official_source", "sentence",
)  # fmt: skip


class Trade(View):
    """Numeric claims. With the profile's official statistics: every claim by metric and by the
    period it is about, with its verdict, against them, and the claims with their verdicts in
    a table. Without: every numeric claim counted per period and metric, and the ledger."""

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
        self._tabled: tuple[int, str] | None = None  # the claims table shown
        self.refresh()

    def data(self) -> pl.DataFrame:
        """The claims with their verdicts and the official figures they were set against (ids
        and numbers, one row per outlet report); the ledger without reference statistics."""
        store = self.store
        return store.verdicts() if store.has_reference() else store.ledger()

    def update(self) -> None:
        store = self.store
        if store.has_reference():
            figure = self.figure("claims", self._claims, depends=FIELDED)
        else:
            figure = self.figure("metrics", self._metrics)
        self.chart.height = int(figure.layout.height or 450)
        self.chart.object = figure
        shown = self.data()
        key = (id(shown), store.field)
        if key == self._tabled:
            return  # a granularity or axis change: the tables stay (and keep their page)
        self._tabled = key
        if shown.is_empty():
            self.ledger[:] = [pn.pane.Markdown(NO_FIGURES)]
        elif store.has_reference():
            self.ledger[:] = self._verdict_parts(shown)
        else:
            self.ledger[:] = self._ledger_parts(shown)

    def _verdict_parts(self, checked: pl.DataFrame) -> list[pn.viewable.Viewable]:
        store = self.store
        counts = checked.group_by("verdict").len()
        order = {verdict: i for i, verdict in enumerate(claims.VERDICTS)}
        tally = ", ".join(
            f"{n} {verdict}"
            for verdict, n in sorted(counts.rows(), key=lambda row: order.get(row[0], 99))
        )
        reporters = _series_reporters(store)
        by = f" ({safe.escape(', '.join(reporters))})" if reporters else ""
        table = trade_report.verdict_table(checked, _metric_names(store, checked))
        if "speaker" in table.columns:
            table = table.with_columns(store.names.expr("actor", "speaker"))
        titles = {c: t for c, t in trade_report.VERDICT_COLUMNS.items() if c in table.columns}
        shown = tabulator(
            table,
            layout="fit_columns",
            titles=titles,
            widths={c: w for c, w in WIDTHS.items() if c in table.columns},
            formatters={c: {"type": "textarea"} for c in WRAPPED if c in table.columns},
            frozen_columns=["source"],
        )
        shown.page_size = CLAIMS_PAGE
        return [
            pn.pane.Markdown(
                f"**Claims checked against official statistics**{by} and stated targets"
                + (" in the headlines" if store.field == "title" else "")
                + f": {checked.height} claims, {tally}"
            ),
            pn.pane.Markdown(VERDICT_HELP, styles={"font-size": "90%"}),
            shown,
        ]

    def _ledger_parts(self, ledger: pl.DataFrame) -> list[pn.viewable.Viewable]:
        table = ledger.select(
            "claim",
            "source",
            "published",
            "surface",
            "kind",
            "period",
            "speaker",
            "hedged",
            pl.col("divergences").list.join(", ").str.replace_all("_", " "),
            "sentence",
        ).with_columns(self.store.names.expr("actor", "speaker"))
        return [
            pn.pane.Markdown(
                "**Claims ledger**: the same claim as each outlet reported it"
                + (" in its headlines" if self.store.field == "title" else "")
                + " (every numeric claim; `other`: tied to no metric)"
            ),
            tabulator(table, layout="fit_data_stretch"),
        ]

    def _claims(self) -> go.Figure:
        store = self.store
        official = store.official()
        lines = trade_report.official_points(
            {
                _reference_label(official["annual"], "annual total"): official["annual"],
                _reference_label(official["ytd"], "year to date (cumulative)"): official["ytd"],
            }
        )
        checked = store.verdicts()
        points = (
            trade_report.claim_points(checked)
            if not checked.is_empty()
            else pl.DataFrame(schema=_CLAIM_POINTS)
        )
        # Milestones are weeks apart on a decade-long axis: they would only clutter it.
        figure = claims_by_period(
            points,
            lines,
            trade_report.target_points(official["targets"]),
            metric_names=_metric_names(store, points),
            colours=store.outlet_colours(),
            tolerance=claims.TOLERANCE,
        )
        return headlined(figure, store.field)

    def _metrics(self) -> go.Figure:
        store = self.store
        # plots.coverage stacks rows per period by ``source``: here one row per claim, by the
        # label of its metric.
        counted = store.figure_counts().select("period", pl.col("label").alias("source"))
        if counted.is_empty():
            return plots.empty(NO_FIGURES)
        figure = plots.coverage(
            counted, freq=store.granularity, milestones=store.milestones(), axis=store.axis
        )
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


_CLAIM_POINTS = {
    "metric": pl.String, "unit": pl.String, "value": pl.Float64, "x": pl.Date,
    "placed": pl.String, "period_label": pl.String, "source": pl.String, "surface": pl.String,
    "kind": pl.String, "verdict": pl.String, "verdict_note": pl.String,
}  # fmt: skip


def _metric_names(store: Any, frame: pl.DataFrame) -> dict[str, str]:
    """Each metric of ``frame`` by the name a person reads (``store.names``)."""
    return {m: store.names.name("metric", m) for m in frame["metric"].unique().to_list()}


def _series_reporters(store: Any) -> list[str]:
    """Who reported the official series (annual, year to date), each once."""
    official = store.official()
    return list(dict.fromkeys(r for k in ("annual", "ytd") for r in _reporters(official[k])))


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
