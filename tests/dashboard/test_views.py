import json
import shutil
import time
from types import SimpleNamespace

import panel as pn
import plotly.graph_objects as go
import polars as pl
import pytest

from framescope import plots, safe
from framescope.dashboard import app, figures, views
from framescope.dashboard.framing import NO_WAR_TERMS, Framing
from framescope.dashboard.state import DataStore
from framescope.dashboard.timelines import Mentions, Overview, Sentiment
from tests.dashboard.conftest import STORED, STORED_OG


def _figures(view):
    names = ("chart", "overall", "directed", "spread")
    panes = [getattr(view, name) for name in names if hasattr(view, name)]
    panes += list(getattr(view, "panes", {}).values())
    return [pane.object for pane in panes]


@pytest.mark.parametrize("view", [Overview, Mentions, Sentiment, Framing, figures.Trade])
def test_views_build_for_the_seeds_and_for_an_empty_selection(seed_build, view):
    state = DataStore(seed_build)
    built = view(store=state)
    assert all(len(figure.data) > 0 for figure in _figures(built))
    assert built.data().height > 0
    state.sources = []
    assert all(f.layout.annotations[0].text == plots.NO_DATA for f in _figures(built))


def test_views_update_when_the_outlet_filter_changes(seed_build):
    state = DataStore(seed_build)
    mentions = Mentions(store=state)
    before = {trace.name for trace in mentions.chart.object.data}
    state.sources = ["NBC News"]
    after = {trace.name for trace in mentions.chart.object.data}
    assert len(before) > len(after) > 0
    assert all(name.endswith("NBC News") for name in after)


def test_download_is_the_data_behind_the_view(seed_build):
    mentions = Mentions(store=DataStore(seed_build))
    result = pl.read_csv(mentions._csv())
    assert result.columns[:3] == ["period", "source", "actor"]
    assert result.height == mentions.data().height


def test_evidence_on_click(seed_build):
    mentions = Mentions(store=DataStore(seed_build))
    mentions.show_evidence(actor="xi_jinping", source="NBC News", period=None)
    assert "9 sentences" in mentions.evidence[0].object


def test_a_single_article_corpus_works(single_build):
    state = DataStore(single_build)
    for view in app.VIEWS:
        view(store=state)
    assert state.tone_series()["ci_low"].null_count() == state.tone_series().height


def test_app_builds(seed_build):
    template = app.create_app(seed_build)
    assert "Xi Jinping" in template.title


def test_framing_evidence_on_click(seed_build):
    framing_view = Framing(store=DataStore(seed_build))
    framing_view.show_evidence("war", source="Unnamed UK outlet", item="special_military_operation")
    assert framing_view.evidence[0].object.startswith("<b>1 sentences</b>")
    table = framing_view.evidence[1].value
    assert "special military operation" in table["text"].iloc[0]


def test_a_hidden_view_redraws_only_when_shown(seed_build):
    state = DataStore(seed_build)
    mentions = Mentions(store=state, active=False)
    assert mentions.chart.object is None  # nothing drawn while hidden
    mentions.active = True
    before = {trace.name for trace in mentions.chart.object.data}
    mentions.active = False
    state.sources = ["NBC News"]
    assert {trace.name for trace in mentions.chart.object.data} == before  # not redrawn yet
    mentions.active = True
    result = {trace.name for trace in mentions.chart.object.data}
    assert result and all(name.endswith("NBC News") for name in result)


def test_the_app_draws_a_tab_when_it_is_opened(seed_build):
    tabs = app.create_app(seed_build).main[0]
    overview, mentions = tabs[0][1], tabs[1][0]  # each tab's first chart pane
    assert len(overview.object.data) > 0
    assert mentions.object is None  # hidden: not drawn
    tabs.active = 1
    assert len(mentions.object.data) > 0


def test_prepare_fills_what_sessions_share(seed_build):
    state = app.prepare(seed_build)
    memo = state.tables._read
    assert ("memo", "ledger") in memo and ("memo", "tone_series") in memo
    assert DataStore(seed_build).tone_series().height == state.tone_series().height


def _click(**point):
    return SimpleNamespace(new={"points": [point]})


def test_evidence_headers_escape_what_a_click_sends(hostile_build):
    mentions = Mentions(store=DataStore(hostile_build))
    mentions.show_evidence(actor="<b>", source=STORED_OG, period="<img src=x onerror=alert(2)>")
    assert "<img" not in mentions.evidence[0].object
    framing = Framing(store=DataStore(hostile_build))
    framing.show_evidence("war", source=STORED_OG, item="<img src=x onerror=alert(3)>")
    assert "<img" not in framing.evidence[0].object
    assert safe.escape(STORED_OG) in framing.evidence[0].object


def test_framing_charts_name_outlets_as_text_and_a_click_finds_their_sentences(hostile_build):
    framing = Framing(store=DataStore(hostile_build))
    for pane in framing.panes.values():
        assert "<img" not in pane.object.to_json()
    term = "special_military_operation"
    curve = [trace.meta for trace in framing.panes["war"].object.data].index(term)
    framing._clicked("war", _click(curveNumber=curve, y=safe.escape(STORED)))
    found = framing.evidence[1].value
    assert found["source"].tolist() == [STORED]
    assert "special military operation" in found["text"].iloc[0]


def test_every_chart_escapes_outlet_names(hostile_build):
    state = DataStore(hostile_build)
    for view in (Overview, Sentiment, figures.Trade):
        for figure in _figures(view(store=state)):
            shown = figure.to_json()
            assert "<img" not in shown and "\\u003cimg" not in shown
            assert safe.escape(STORED) in shown or safe.escape(STORED_OG) in shown


@pytest.fixture
def own_build(seed_build, tmp_path):
    """The seed build in a folder of its own: its shared memo starts empty."""
    folder = tmp_path / "build"
    shutil.copytree(seed_build, folder)
    return folder


def test_sessions_with_the_same_filters_share_one_build_of_a_chart(own_build, monkeypatch):
    built = []
    coverage = plots.coverage
    monkeypatch.setattr(plots, "coverage", lambda *a, **k: built.append(1) or coverage(*a, **k))
    first, second = (Overview(store=DataStore(own_build)) for _ in range(2))
    result = second.chart.object
    expected = first.chart.object
    assert result.to_dict() == expected.to_dict()
    assert result is not expected  # each session its own copy
    assert len(built) == 1
    first.store.granularity = "day"
    assert len(built) == 2
    assert first.chart.object.to_dict() != expected.to_dict()


def test_what_one_session_does_to_its_chart_stays_in_that_session(own_build):
    first, second = (Overview(store=DataStore(own_build)) for _ in range(2))
    expected = second.chart.object.to_dict()
    # A zoom in the browser: Panel's pane relayouts the figure it was given.
    first.chart.relayout_data = {"xaxis.range[0]": "2023-02-01", "xaxis.range[1]": "2023-03-01"}
    first.chart.object.update_layout(title="changed in one session")
    first.chart.object.data[0].name = "renamed"
    assert first.chart.object.layout.xaxis.range == ("2023-02-01", "2023-03-01")
    third = Overview(store=DataStore(own_build))
    assert second.chart.object.to_dict() == expected
    assert third.chart.object.to_dict() == expected
    first.store.sources = ["NBC News"]
    assert second.chart.object.to_dict() == expected


def test_a_slow_view_shows_the_loading_spinner_while_it_redraws(seed_build, monkeypatch):
    overview = Overview(store=DataStore(seed_build))
    shown = overview.__panel__()
    seen = []

    def slow() -> None:
        seen.append(shown.loading)
        time.sleep(views.SLOW_REDRAW + 0.05)

    monkeypatch.setattr(overview, "update", slow)
    overview.store.granularity = "day"  # the redraw before it was quick: no spinner
    overview.store.granularity = "month"  # the one before it was slow: the spinner
    assert seen == [False, True]
    assert not shown.loading
    assert overview.__panel__() is shown


# -- issue 15: findings in the text or in the headlines ----------------------------------------


def _title(figure):
    return figure.layout.title.text or ""


def test_sessions_with_different_fields_get_their_own_charts(headline_build):
    stores = {field: DataStore(headline_build, field=field) for field in ("text", "title")}
    for view in (Mentions, Sentiment, figures.Trade):
        shown = {field: _figures(view(store=state)) for field, state in stores.items()}
        result = {field: [_title(f).startswith("Headlines: ") for f in shown[field]]
                  for field in shown}  # fmt: skip
        expected = {"text": [False] * len(shown["text"]), "title": [True] * len(shown["text"])}
        assert result == expected, view
        again = _figures(view(store=DataStore(headline_build)))  # after the title's
        assert [f.to_json() for f in again] == [f.to_json() for f in shown["text"]]


def test_a_field_change_redraws_what_follows_it_only(headline_build):
    state = DataStore(headline_build, actors=["xi_jinping", "vladimir_putin"])
    mentions, framing = Mentions(store=state), Framing(store=state)
    before = {name: pane.object.to_dict() for name, pane in framing.panes.items()}
    # As JSON: a chart's arrays are numpy's, which == does not compare as a whole.
    chart = json.loads(mentions.chart.object.to_json())
    state.field = "title"
    assert json.loads(mentions.chart.object.to_json())["data"] != chart["data"]
    assert _title(mentions.chart.object) == f"Headlines: {_title(go.Figure(chart))}"
    after = {name: pane.object.to_dict() for name, pane in framing.panes.items()}
    result = sorted(name for name in before if before[name] != after[name])
    assert result == ["labels"]  # frames, war terms and voices are the text's


def test_headline_evidence_on_click(headline_build):
    state = DataStore(headline_build, field="title", actor="vladimir_putin")
    mentions = Mentions(store=state)
    mentions.show_evidence(actor="vladimir_putin", source="Outlet One", period=None)
    header, table = mentions.evidence
    assert header.object.startswith("<b>1 headline sentences</b> mentioning")
    assert table.value["text"].tolist() == ["Dictator Putin hosts Xi in Moscow"]
    framing = Framing(store=state)
    framing.show_evidence("labels", source="Outlet One", item="dictator")
    header, table = framing.evidence
    assert header.object.startswith("<b>1 headline sentences</b>: label")
    assert table.value["text"].tolist() == ["Dictator Putin hosts Xi in Moscow"]
    # A frame cue is always the text's, whatever the field.
    framing.show_evidence("war", source="Outlet Two", item="war")
    assert framing.evidence[0].object.startswith("<b>1 sentences</b>")
    assert framing.evidence[1].value["text"].str.contains("cover for the war").all()


def test_a_profile_without_event_date_or_reference_works(base_build):
    # Issue 16: the base profile names no event and no official statistics.
    state = DataStore(base_build)
    assert (state.profile.id, state.profile.event_date) == ("any_event", None)
    expected = state.tables.slim("articles")["published"].min()
    assert state.event_date() == expected
    assert {name: frame.height for name, frame in state.official().items()} == {
        "annual": 0,
        "ytd": 0,
        "targets": 0,
    }
    state.axis = "event"
    assert state.milestones().is_empty()
    shown = [view(store=state) for view in app.VIEWS]
    assert app.create_app(store=state).title == "framescope: Any event"
    # Day 0 is the first article's date, and the axis says so.
    coverage = shown[0].chart.object
    assert coverage.layout.xaxis.title.text.startswith(f"days from the first article ({expected}")
    # No metric: every number is ``other``, and the ledger still lists each one.
    figures_view = shown[app.VIEWS.index(figures.Trade)]
    assert figures_view.title == "Figures"
    assert [trace.name for trace in figures_view.chart.object.data] == ["other"]
    assert state.ledger()["claim"].str.starts_with("other: ").all()
    assert state.ledger().height == state.table("figures").height > 0


def _annotations(figure):
    return [annotation.text for annotation in figure.layout.annotations]


@pytest.mark.parametrize("axis", ["calendar", "event"])
def test_every_view_works_on_a_build_without_reference_or_war_terms(opec_build, axis):
    # Issue 16: the OPEC+ corpus names its own metrics and milestones, no war terms and no
    # official statistics. No tab may be empty without saying why.
    state = DataStore(opec_build, axis=axis)
    assert not state.has_reference()
    shown = {view.title: view for view in (kind(store=state) for kind in app.VIEWS)}
    assert list(shown) == [
        "Overview",
        "Compare",
        "Mentions",
        "Sentiment",
        "Framing",
        "Figures",
        "Articles",
    ]
    for title, view in shown.items():
        assert view.data().height > 0, title
        for figure in _figures(view):
            assert len(figure.data) > 0 or _annotations(figure), title
    # Milestones drawn on the time axes.
    assert len(shown["Overview"].chart.object.layout.shapes) == 3
    assert _annotations(shown["Framing"].panes["war"].object) == [NO_WAR_TERMS]
    figures_view = shown["Figures"]
    assert figures_view.download.filename == "framescope_figures.csv"
    chart = figures_view.chart.object
    names = {trace.name for trace in chart.data}
    assert {"Oil output cut (barrels per day)", "other"} <= names
    assert not any("GAC" in name or "official" in name for name in names)
    assert chart.layout.yaxis.title.text == "numeric claims (raw count)"
    # The ledger lists every numeric claim, those tied to no metric too; no comparison table.
    ledger = state.ledger()
    assert ledger.height == state.table("figures").height
    assert ledger.filter(pl.col("claim").str.starts_with("other: ")).height > 0
    assert state.comparison().is_empty()
    headings = [part.object for part in figures_view.ledger if isinstance(part, pn.pane.Markdown)]
    assert headings[0].startswith("**Claims ledger**")
    assert not any("official statistics" in heading for heading in headings)
