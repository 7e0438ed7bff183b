import dataclasses
import json
from urllib.parse import parse_qs, urlencode

from bokeh.models import MultiChoice
from panel.io.location import Location

from framescope import safe
from framescope.dashboard import app
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
    widget = app.sidebar(state)._widgets["field"]
    result = (widget.name, widget.options, widget.value)
    expected = ("Findings in", {"Article text": "text", "Headlines": "title"}, "text")
    assert result == expected
    assert "Frames, war terms, quotes" in widget.description  # what it leaves alone
    widget.value = "title"
    assert state.field == "title"
