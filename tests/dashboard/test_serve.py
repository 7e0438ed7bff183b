import pytest
from bokeh.settings import settings

from framescope import store
from framescope.dashboard import serve


def test_websocket_origins():
    assert serve.websocket_origins("::1", 8000) == ["::1:8000", "localhost:8000"]
    with pytest.raises(ValueError, match="--allow-websocket-origin"):
        serve.websocket_origins("0.0.0.0", 8000)


def test_serve_stops_before_serving_without_a_build(tmp_path):
    with pytest.raises(store.StoreError, match="run 'framescope build' first"):
        serve.serve(tmp_path)


@pytest.fixture
def served(seed_build, monkeypatch):
    """What ``serve`` hands Panel's server, with the environment asking for CDN resources."""
    calls = []
    monkeypatch.setenv("BOKEH_RESOURCES", "cdn")
    monkeypatch.setattr(serve, "prepare", lambda data: None)
    monkeypatch.setattr(serve.pn, "serve", lambda apps, **options: calls.append(options))
    serve.serve(seed_build, port=5999)
    yield calls[0]
    settings.resources.unset_value()


def test_serve_loads_every_resource_from_this_server(served):
    assert settings.resources(default="cdn") == "server"
    assert served["websocket_origin"] == ["127.0.0.1:5999", "localhost:5999"]


def test_serve_refuses_the_component_route(served):
    assert (serve.COMPONENTS_ROUTE, serve.Refused) in served["extra_patterns"]
