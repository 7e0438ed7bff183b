"""The dashboard's figures state: numeric claims, the claims ledger, official statistics.

:class:`FiguresData` is a base class of :class:`~framescope.dashboard.state.DataStore` (no Panel
here): its methods read the store's tables, filters and caches as the store's own do, and
what the figures view (``figures.Trade``) and notebooks ask of a store about numbers comes
from them.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

import param
import polars as pl

from framescope import claims, config, report
from framescope import profile as profiles
from framescope.dashboard.tables import Tables, load_reference


class FiguresData(param.Parameterized):
    """The figures, the claims ledger and the official statistics of a ``DataStore``.

    It declares no parameters: the store's filters are the store's own."""

    if TYPE_CHECKING:
        # What its methods read of the DataStore that subclasses it (state.py).
        tables: Tables
        profile: profiles.Profile
        field: param.Selector
        granularity: param.Selector
        axis: param.Selector

        def _cached(
            self, name: str, keys: tuple, build: Callable[[], Any], *, size: int = 16
        ) -> Any: ...
        def _filter_key(self) -> tuple: ...
        def articles(self) -> pl.DataFrame: ...
        def table(self, name: str) -> pl.DataFrame: ...
        def periods(self) -> pl.DataFrame: ...

    def _ledger_figures(self, *, include_other: bool = False) -> pl.DataFrame:
        """Figures of the filtered articles about a profile metric, all ``claims.ledger`` and
        ``report.trade_claims`` use: at 100,000 articles most figures are ``other``, which
        only ``include_other`` keeps (the ledger of a build without reference statistics)."""
        if "figures" not in self.tables:
            return pl.DataFrame()
        if include_other:
            return self.table("figures")
        kept = self.tables.derived(
            ("ledger figures", self.field),
            lambda: (
                self.tables.scan("figures", self.field)
                .filter(pl.col("metric") != "other")
                .collect()
            ),
        )
        return self._cached(
            "ledger figures",
            self._filter_key(),
            lambda: kept.join(self.articles().select("article_id"), on="article_id", how="semi"),
        )

    def has_reference(self) -> bool:
        """Whether the profile's ``[reference]`` names official statistics: the figures view
        then draws the claims against them and compares the two."""
        reference = self.profile.reference
        return any(getattr(reference, kind) for kind in profiles.REFERENCE_KINDS)

    def metric_labels(self) -> dict[str, str]:
        """Each profile metric's label by id; ``other`` (a number tied to no metric) as is."""
        return {**{m.id: m.label for m in self.profile.metrics}, "other": "other"}

    def _trade_metric(self) -> str | None:
        # The first profile metric whose id or label mentions trade.
        for metric in self.profile.metrics:
            if "trade" in metric.id.lower() or "trade" in metric.label.lower():
                return metric.id
        return None

    def figures_title(self) -> str:
        """The figures view's title: "Trade figures" when the profile has reference series or
        a metric whose id or label mentions trade, else "Figures"."""
        traded = self.has_reference() or self._trade_metric() is not None
        return "Trade figures" if traded else "Figures"

    def ledger(self, *, include_other: bool | None = None) -> pl.DataFrame:
        """The claims ledger: the same claim as each outlet reported it, divergences flagged.

        ``include_other`` (default: when the profile names no reference statistics) keeps the
        numbers tied to no profile metric, so that ledger lists every numeric claim."""
        if include_other is None:
            include_other = not self.has_reference()
        found = self._ledger_figures(include_other=include_other)
        if found.is_empty():
            return pl.DataFrame()
        return self._cached(
            "ledger",
            (*self._filter_key(), include_other),
            lambda: claims.ledger(
                found,
                self.articles(),
                profile=self.profile,
                include_duplicates=True,
                include_other=include_other,
            ),
            size=4,  # tens of MB each at 100,000 articles (sentences included)
        )

    def official(self) -> dict[str, pl.DataFrame]:
        """Official statistics with their provenance, the files the profile's ``[reference]``
        names (in ``data/reference``); an empty series for each it does not name."""
        return load_reference(str(config.REFERENCE), self.profile.reference)

    def reference_metric(self) -> str | None:
        """The metric the official statistics measure, else the first profile metric whose id
        or label mentions trade; None when there is neither."""
        for frame in self.official().values():
            measured = frame.get_column("metric").drop_nulls()
            if measured.len():
                return str(measured[0])
        return self._trade_metric()

    def trade_claims(self, metric: str | None = None) -> pl.DataFrame:
        """Money claims about ``metric`` (default :meth:`reference_metric`) at their
        publication dates, in billion USD; an empty frame when there is no such metric."""
        metric = metric if metric is not None else self.reference_metric()
        if metric is None:
            return pl.DataFrame()
        found = self._ledger_figures() if metric != "other" else self.table("figures")
        if found.is_empty():
            return pl.DataFrame()
        return report.trade_claims(found, self.articles(), metric=metric)

    def figure_counts(self) -> pl.DataFrame:
        """The numeric claims of the filtered articles (``other`` included), one row each with
        its article's ``period`` and its metric's profile ``label``: what the figures view of
        a build without reference statistics counts per period and metric."""
        schema = {"article_id": pl.String, "metric": pl.String, "period": pl.String,
                  "label": pl.String}  # fmt: skip
        if "figures" not in self.tables:
            return pl.DataFrame(schema=schema)
        slim = self.tables.derived(
            ("figure metrics", self.field),
            lambda: (
                self.tables.scan("figures", self.field).select("article_id", "metric").collect()
            ),
        )
        labels = self.metric_labels()

        def build() -> pl.DataFrame:
            periods = self.periods().select("article_id", "period")
            return slim.join(periods, on="article_id").with_columns(
                pl.col("metric")
                .replace_strict(labels, default=pl.col("metric"), return_dtype=pl.String)
                .alias("label")
            )

        keys = (*self._filter_key(), self.granularity, self.axis)
        return self._cached("figure counts", keys, build)

    def verdicts(self) -> pl.DataFrame:
        """The ledger's claims (one row per outlet report) each with its verdict against the
        official statistics and stated targets (:func:`framescope.claims.judge`): what the
        figures view plots, tables and downloads. Without reference statistics every verdict is
        "no reference"; an empty frame when there are no claims."""
        ledger = self.ledger()
        if ledger.is_empty():
            return pl.DataFrame()
        return self._cached(
            "verdicts",
            (*self._filter_key(), self.has_reference()),
            lambda: claims.judge(ledger, self.official()),
            size=4,
        )

    def comparison(self) -> pl.DataFrame:
        """Ledger claims set against the official annual series (none without one)."""
        if not self.has_reference():
            return pl.DataFrame()
        ledger = self.ledger()
        if ledger.is_empty():
            return pl.DataFrame()
        return self._cached(
            "comparison",
            self._filter_key(),
            lambda: claims.compare(ledger, self.official()["annual"]),
            size=4,
        )
