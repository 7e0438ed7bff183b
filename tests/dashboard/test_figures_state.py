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
    claims = title.trade_claims().select("source", "surface")
    assert claims.rows() == [("Outlet Two", "$190 billion")]
    assert DataStore(headline_build).trade_claims().is_empty()
    assert title.ledger()["surface"].to_list() == ["$190 billion"]
