import dataclasses
import json
from datetime import date
from urllib.parse import parse_qs, urlencode

import panel as pn
from bokeh.models import MultiChoice
from panel.io.location import Location

from framescope import safe
from framescope.dashboard import app, figures, reader
from framescope.dashboard.state import DataStore
from tests.dashboard.conftest import STORED, STORED_OG

PAYLOAD = "<img src=x onerror=alert(1)>"


def _location(**query: object) -> Location:
    encoded = {k: json.dumps(v) if isinstance(v, list) else v for k, v in query.items()}
    return Location(search="?" + urlencode(encoded))


def test_sync_url_sets_the_known_values_and_returns_the_rest(seed_build):
    state = DataStore(seed_build)
    location = _location(outlets=["NBC News", PAYLOAD], actor=PAYLOAD, method="vader", page=2)
    result = app.sync_url(state, location)
    expected = {"outlets": [PAYLOAD], "actor": [PAYLOAD]}
    assert result == expected
    assert (state.sources, state.actor, state.method) == (["NBC News"], "xi_jinping", "vader")
    query = parse_qs(location.search[1:])
    assert "onerror" not in location.search  # the link now holds what the page shows
    assert json.loads(query["outlets"][0]) == ["NBC News"]
    assert query["page"] == ["2"]  # not a filter: left alone


def test_a_later_url_change_cannot_set_unknown_values(seed_build):
    state = DataStore(seed_build)
    location = _location()
    app.sync_url(state, location)
    location.search = "?" + urlencode({"outlets": json.dumps([PAYLOAD]), "actor": PAYLOAD})
    assert len(state.sources) == 5
    assert state.actor == "xi_jinping"
    assert PAYLOAD not in state.param.sources.objects


def test_url_notice_escapes_and_shortens():
    long = "<b>" + "x" * 200
    result = app.url_notice({"outlets": [PAYLOAD, long, *"abcdef"], "actor": ["<i>"]})
    assert "<img" not in result and "<b>" not in result and "<i>" not in result
    assert f"outlets: {safe.escape(PAYLOAD)}, &lt;b&gt;xxx" in result
    assert "x" * 100 not in result and "…" in result
    assert "and 3 more; actor: &lt;i&gt;</div>" in result


def test_multichoice_shows_option_labels_as_text():
    widget = app.TextMultiChoice(options=[PAYLOAD, "A"], value=[PAYLOAD])
    model = widget.get_root()
    assert model.options == [safe.escape(PAYLOAD), "A"]
    assert model.value == [safe.escape(PAYLOAD)]
    # What the browser sends back maps to the names themselves.
    assert widget._process_property_change({"value": [safe.escape(PAYLOAD), "A"]}) == {
        "value": [PAYLOAD, "A"]
    }


def test_sidebar_sends_outlet_names_escaped(hostile_build):
    model = app.sidebar(DataStore(hostile_build)).get_root()
    outlets = next(m for m in model.select({"type": MultiChoice}) if STORED in map(
        safe.unescape, m.options))  # fmt: skip
    assert safe.escape(STORED) in outlets.options and safe.escape(STORED_OG) in outlets.options
    assert not any("<" in option for option in outlets.options)


def test_app_title_is_escaped(seed_build):
    state = DataStore(seed_build)
    state.profile = dataclasses.replace(state.profile, id="other", title="<b>Summit</b>")
    result = app.create_app(store=state).title
    expected = "framescope: &lt;b&gt;Summit&lt;/b&gt;"
    assert result == expected


def test_the_app_shows_a_notice_only_for_ignored_values(seed_build, monkeypatch):
    # Outside a server session Panel's state hands out this one Location.
    monkeypatch.setattr(app.pn.state, "_location", _location(actor=PAYLOAD), raising=False)
    main = app.create_app(seed_build).main
    assert safe.escape(PAYLOAD) in main[0].object
    monkeypatch.setattr(app.pn.state, "_location", _location(actor="vladimir_putin"))
    main = app.create_app(seed_build).main
    assert isinstance(main[0], app.pn.Tabs)


def test_the_template_has_no_server_wide_busy_indicator(seed_build):
    # Panel's indicator follows every session's work; each view shows its own spinner.
    result = app.create_app(seed_build).busy_indicator
    assert result is None


def test_a_link_sets_the_field_and_a_bad_one_is_named(seed_build):
    state = DataStore(seed_build)
    result = app.sync_url(state, _location(field="title"))
    assert (result, state.field) == ({}, "title")
    state = DataStore(seed_build)
    payload = "<script>alert(1)</script>"
    location = _location(field=payload)
    result = app.sync_url(state, location)
    assert (result, state.field) == ({"field": [payload]}, "text")
    assert "script" not in location.search
    state.field = "title"  # the link follows the widget
    assert parse_qs(location.search[1:])["field"] == ["title"]


def test_the_sidebar_offers_text_or_headlines(seed_build):
    state = DataStore(seed_build)
    widget = app.sidebar_widgets(state)["field"]
    result = (widget.name, widget.options, widget.value)
    expected = ("Findings in", {"Article text": "text", "Headlines": "title"}, "text")
    assert result == expected
    assert "Frames, war terms, quotes" in widget.description  # what it leaves alone
    widget.value = "title"
    assert state.field == "title"


def test_every_button_group_has_a_heading(seed_build):
    shown = list(app.sidebar(DataStore(seed_build)))
    groups = [i for i, item in enumerate(shown) if isinstance(item, pn.widgets.RadioButtonGroup)]
    result = [shown[i - 1].object for i in groups]
    expected = [f"<b>{shown[i].name}</b>" for i in groups]
    assert result == expected
    assert len(groups) == 4  # findings in, method, granularity, time axis


def test_a_bad_value_keeps_the_others(seed_build):
    # Issue 17's report: `?granularity=year&actor=nobody` reset every filter. Panel's
    # Location.sync set a link's values in one param.update, which stopped at "year".
    state = DataStore(seed_build)
    location = _location(
        granularity="year", actor="nobody", outlets=["NBC News"], axis="event", method="vader"
    )
    result = app.sync_url(state, location)
    expected = {"granularity": ["year"], "actor": ["nobody"]}
    assert result == expected
    kept = (state.sources, state.axis, state.method, state.granularity, state.actor)
    assert kept == (["NBC News"], "event", "vader", "week", "xi_jinping")
    query = parse_qs(location.search[1:])
    assert (query["granularity"], query["axis"], query["outlets"]) == (
        ["week"],
        ["event"],
        ['["NBC News"]'],
    )


def test_the_link_sent_back_on_load_changes_nothing_and_is_put_right(seed_build):
    # The page sends back the link it was opened with once it loads.
    state = DataStore(seed_build)
    opened = "?" + urlencode({"granularity": "year", "outlets": '["NBC News"]', "axis": "event"})
    location = Location(search=opened)
    app.sync_url(state, location)
    written = location.search
    location.search = opened
    result = (state.sources, state.axis, state.granularity, location.search)
    expected = (["NBC News"], "event", "week", written)
    assert result == expected


def test_every_kind_of_bad_value_is_named_and_other_names_are_kept(seed_build):
    state = DataStore(seed_build)
    query = {
        "outlets": '["NBC News"',  # malformed JSON: Panel dropped it without a word
        "actors": '["xi_jinping", "nobody"]',
        "duplicates": "1",
        "from": "18 March",
        "to": "2023-03-10",
        "tab": "nowhere",
        "utm_source": "newsletter",  # another tool's: kept, not reported
    }
    location = Location(search="?" + urlencode(query))
    result = app.sync_url(state, location, tabs=app.pn.Tabs(("A", "a")), slugs=["overview"])
    expected = {
        "outlets": ['["NBC News"'],
        "actors": ["nobody"],
        "duplicates": ["1"],
        "from": ["18 March"],
        "tab": ["nowhere"],
    }
    assert result == expected
    assert (state.actors, state.date_range[1]) == (["xi_jinping"], date(2023, 3, 10))
    assert len(state.sources) == 5
    query = parse_qs(location.search[1:])
    assert (query["utm_source"], query["to"], query["tab"]) == (
        ["newsletter"],
        ["2023-03-10"],
        ["overview"],
    )
    assert "from" not in query  # the build's first day: no limit
    notice = app.url_notice(result)
    assert "from: 18 March; tab: nowhere" in notice
    assert "outlets: [&#34;NBC News&#34;" in notice


def test_links_panel_wrote_still_read(seed_build):
    # Panel re-wrote the link as Python reprs at every change; such links are out there.
    state = DataStore(seed_build)
    location = Location(search="?outlets=%5B%27NBC+News%27%5D&duplicates=True&stories=False")
    result = app.sync_url(state, location)
    assert result == {}
    assert (state.sources, state.include_duplicates) == (["NBC News"], True)
    assert "outlets=%5B%22NBC+News%22%5D" in location.search  # JSON from now on


def test_dates_in_the_link(seed_build):
    state = DataStore(seed_build)
    low, high = state.param.date_range.bounds
    location = _location(**{"from": "2023-03-01", "to": "2030-01-01"})
    result = app.sync_url(state, location)
    assert (result, state.date_range) == ({}, (date(2023, 3, 1), high))
    query = parse_qs(location.search[1:])
    assert (query["from"], "to" in query) == (["2023-03-01"], False)  # clamped: no limit
    state.date_range = (low, date(2023, 3, 10))  # the slider moves: the link follows
    query = parse_qs(location.search[1:])
    assert ("from" in query, query["to"]) == (False, ["2023-03-10"])


def test_the_tab_in_the_link(seed_build):
    slugs = ["overview", "sentiment", "articles"]
    tabs = app.pn.Tabs(*[(slug, slug) for slug in slugs])
    location = _location(tab="Sentiment")
    result = app.sync_url(DataStore(seed_build), location, tabs=tabs, slugs=slugs)
    assert (result, tabs.active) == ({}, 1)
    assert parse_qs(location.search[1:])["tab"] == ["sentiment"]
    tabs.active = 2
    assert parse_qs(location.search[1:])["tab"] == ["articles"]


def test_the_app_opens_the_tab_the_link_names(seed_build, monkeypatch):
    # Any view of VIEWS, by its slug: one added later needs nothing in the app.
    monkeypatch.setattr(app, "VIEWS", [reader.Articles, *app.VIEWS])
    slug = figures.Trade(store=DataStore(seed_build), active=False).slug  # the build's title
    location = _location(tab=slug)
    monkeypatch.setattr(app.pn.state, "_location", location, raising=False)
    result = app.create_app(seed_build).main[0].active
    expected = app.VIEWS.index(figures.Trade)
    assert result == expected
    assert parse_qs(location.search[1:])["tab"] == [slug]
