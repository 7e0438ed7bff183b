import dataclasses
import io

import panel as pn
import polars as pl

from framescope import claims
from framescope.dashboard import app, figures
from framescope.dashboard.state import DataStore
from framescope.profile import TermGroup


def _claim_points(figure):
    """(row axis, outlet, verdict symbol) of every claim point drawn."""
    return [
        (trace.yaxis, trace.name, symbol)
        for trace in figure.data
        if trace.legend == "legend" and trace.showlegend is False
        for symbol in trace.marker.symbol
    ]


def test_every_seed_claim_is_drawn_by_metric_and_period_with_its_verdict(seed_build):
    trade = figures.Trade(store=DataStore(seed_build))
    chart = trade.chart.object
    checked = trade.store.verdicts()
    assert checked.height == trade.store.ledger().height == 13
    # Each of the 13 claims is a point, 10 rows (metric and unit), its verdict its symbol.
    drawn = _claim_points(chart)
    assert len(drawn) == 13
    assert len({axis for axis, _, _ in drawn}) == 10
    assert sorted(symbol for _, _, symbol in drawn) == sorted(
        figures.VERDICT_SYMBOLS[v] for v in checked["verdict"]
    )
    assert chart.layout.annotations[0].text == "China-Russia bilateral trade (billion USD)"
    # Legends: outlets (their build colours), then official figures and verdicts.
    colours = trade.store.outlet_colours()
    outlets = {
        t.name: t.marker.color
        for t in chart.data
        if t.legend == "legend" and t.showlegend is not False
    }
    assert outlets == {name: colours[name] for name in outlets}
    second = [t.name for t in chart.data if t.legend == "legend2" and t.showlegend is not False]
    assert second == [
        "China GAC: annual total", "China GAC: year to date (cumulative)", "stated targets",
        "matches", "no reference",
    ]  # fmt: skip
    # The gap in the official series (no 2015 figure) is drawn as one.
    annual = next(t for t in chart.data if t.name == "China GAC: annual total")
    assert annual.connectgaps is False
    assert annual.customdata[list(annual.y).index(None)] == "2015"
    assert trade.chart.height == chart.layout.height > 1000  # every row visible, no scroll


def test_the_table_gives_each_claim_its_verdict_key_columns_first(seed_build):
    trade = figures.Trade(store=DataStore(seed_build))
    headings = [part.object for part in trade.ledger if isinstance(part, pn.pane.Markdown)]
    assert headings[0] == (
        "**Claims checked against official statistics** (China GAC) and stated targets: "
        "13 claims, 2 matches, 11 no reference"
    )
    assert "within 2% of the official figure" in headings[1]
    table = next(part for part in trade.ledger if isinstance(part, pn.widgets.Tabulator))
    shown = table.value
    assert list(shown.columns[:5]) == ["source", "surface", "period_label", "official", "verdict"]
    assert [table.titles[c] for c in shown.columns[:5]] == [
        "outlet", "claim as written", "period", "official value", "verdict",
    ]  # fmt: skip
    assert shown["verdict"].notna().sum() == 13
    breitbart = shown[shown["surface"] == "200 billion dollars"].iloc[0]
    assert breitbart["period_label"] == "2023 target"
    assert breitbart["official"] == "$200 billion (2023 target)"
    # Names, not ids, where a person reads.
    assert "russian_foreign_ministry" not in set(shown["speaker"].dropna())
    assert "period_differs" not in set(shown["divergences"])


def test_the_csv_carries_the_comparison_and_the_verdict(seed_build):
    trade = figures.Trade(store=DataStore(seed_build))
    csv = pl.read_csv(io.StringIO(trade._csv().getvalue()))
    assert csv.height == 13
    assert {"metric", "value", "official_value", "official_period", "official_reporter",
            "difference", "ratio", "verdict", "verdict_note"} <= set(csv.columns)  # fmt: skip
    assert set(csv["verdict"]) <= set(claims.VERDICTS)
    target = csv.filter(pl.col("surface") == "200 billion dollars").row(0, named=True)
    assert (target["official_value"], target["official_period"]) == (200e9, "2023 target")
    assert target["metric"] == "bilateral_trade"  # ids stay in CSVs


def test_headline_claims_get_verdicts_too(headline_build):
    trade = figures.Trade(store=DataStore(headline_build, field="title"))
    assert trade.chart.object.layout.title.text.startswith("Headlines: ")
    checked = trade.store.verdicts()
    # "Trade ... hit $190 billion last year" (published 2023-03-21): GAC's 2022 total, rounded.
    assert checked.select("surface", "period", "verdict", "official_period").rows() == [
        ("$190 billion", "2022", "rounding", "2022")
    ]


def test_the_figures_view_is_titled_by_the_profile(base_build, seed_build):
    state = DataStore(base_build)
    assert figures.Trade(store=state).title == "Figures"
    metric = TermGroup(id="trade_volume", terms=("trade",), label="Bilateral trade")
    state.profile = dataclasses.replace(state.profile, metrics=(metric,))
    assert figures.Trade(store=state).title == "Trade figures"  # a trade metric, no reference
    assert state.reference_metric() == "trade_volume"
    assert figures.Trade(store=DataStore(seed_build)).title == "Trade figures"
    tabs = app.create_app(seed_build).main[0]
    assert "Trade figures" in tabs._names


def test_a_selection_without_claims_keeps_the_official_lines(seed_build):
    state = DataStore(seed_build, sources=["NBC News"])
    # NBC's one claim (12 points) has no official series; filter it out by date too.
    state.date_range = (state.date_range[0], state.date_range[0])
    trade = figures.Trade(store=state)
    names = {t.name for t in trade.chart.object.data}
    assert "China GAC: annual total" in names
    assert trade.data().is_empty()
    assert [p.object for p in trade.ledger] == [figures.NO_FIGURES]


def test_without_reference_statistics_the_view_keeps_its_claims_per_period(opec_build):
    state = DataStore(opec_build)
    trade = figures.Trade(store=state)
    assert trade.title == "Figures"
    assert trade.chart.object.layout.yaxis.title.text == "numeric claims (raw count)"
    assert trade.data().columns == state.ledger().columns  # the ledger, as before
    # Verdicts, asked for, are all "no reference".
    assert set(state.verdicts()["verdict"]) == {"no reference"}
