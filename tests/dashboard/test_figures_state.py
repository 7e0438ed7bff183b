import polars as pl

from framescope import claims
from framescope.dashboard.figures_state import FiguresData
from framescope.dashboard.state import DataStore


def test_the_store_takes_its_figures_methods_from_figures_state(seed_build):
    state = DataStore(seed_build)
    assert isinstance(state, FiguresData)
    assert state.has_reference()
    assert state.figures_title() == "Trade figures"
    assert set(state.official()) == {"annual", "ytd", "targets"}


def test_headline_figures(headline_build):
    title = DataStore(headline_build, field="title")
    claims_ = title.trade_claims().select("source", "surface")
    assert claims_.rows() == [("Outlet Two", "$190 billion")]
    assert DataStore(headline_build).trade_claims().is_empty()
    assert title.ledger()["surface"].to_list() == ["$190 billion"]


def test_verdicts_are_the_ledger_judged_and_follow_the_filters(seed_build):
    state = DataStore(seed_build)
    checked = state.verdicts()
    expected = claims.judge(state.ledger(), state.official())
    assert checked.equals(expected)
    assert state.verdicts() is checked  # cached for the filters
    state.sources = ["Breitbart News"]
    assert state.verdicts().select("surface", "verdict").sort("surface").rows() == [
        ("200 billion dollars", "matches"),
        ("tripled", "no reference"),
    ]
    state.sources = ["NBC News"]
    state.date_range = (state.date_range[0], state.date_range[0])
    assert state.verdicts().is_empty()
    assert isinstance(state.verdicts(), pl.DataFrame)
