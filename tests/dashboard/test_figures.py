import dataclasses

import panel as pn

from framescope.dashboard import app, figures
from framescope.dashboard.state import DataStore
from framescope.profile import TermGroup


def test_trade_view_sets_claims_against_official_statistics(seed_build):
    trade = figures.Trade(store=DataStore(seed_build))
    names = [trace.name for trace in trade.chart.object.data]
    assert "China GAC: annual total" in names
    assert "claim: Breitbart News" in names
    compared = trade.store.comparison()
    ratios = dict(zip(compared["reference_year"], compared["ratio"], strict=False))
    assert round(ratios[2022], 3) == round(200 / 190.27, 3)
    assert round(ratios[2023], 3) == round(200 / 240.11, 3)


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


def test_the_seed_figures_view_labels_its_reference_lines_by_reporter(seed_build):
    trade = figures.Trade(store=DataStore(seed_build))
    names = [trace.name for trace in trade.chart.object.data]
    assert "China GAC: annual total" in names
    assert "China GAC: year to date" in names
    headings = [part.object for part in trade.ledger if isinstance(part, pn.pane.Markdown)]
    assert "**Claims against official statistics** (China GAC)" in headings
    # Its ledger keeps to the profile's metrics, as before.
    assert not trade.store.ledger()["claim"].str.starts_with("other: ").any()
