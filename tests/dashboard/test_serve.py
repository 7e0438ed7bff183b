import contextlib
import re
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from types import SimpleNamespace

import plotly.graph_objects as go
import psutil
import pytest
from bokeh.settings import settings
from panel.models.plotly import PLOTLY_VERSION
from plotly.basedatatypes import BaseTraceType

import framescope
from framescope import store
from framescope.dashboard import serve


def test_websocket_origins():
    assert serve.websocket_origins("::1", 8000) == ["::1:8000", "localhost:8000"]
    with pytest.raises(ValueError, match="--allow-websocket-origin"):
        serve.websocket_origins("0.0.0.0", 8000)


def test_serve_stops_before_serving_without_a_build(tmp_path):
    with pytest.raises(store.StoreError, match="run 'framescope build' first"):
        serve.serve(tmp_path)


def test_serve_wants_at_least_one_worker(seed_build):
    with pytest.raises(ValueError, match="--workers must be at least 1, got 0"):
        serve.serve(seed_build, workers=0)


@pytest.fixture
def steps(monkeypatch):
    """What ``serve`` does, in order, with Panel's server and the preparing replaced."""
    done = []
    server = SimpleNamespace(
        start=lambda: done.append(("start", {})),
        io_loop=SimpleNamespace(start=lambda: None, add_callback=lambda *_: None),
    )
    monkeypatch.setenv("BOKEH_RESOURCES", "cdn")
    monkeypatch.setattr(serve, "prepare", lambda data: done.append(("prepare", {})))
    monkeypatch.setattr(
        serve.pn, "serve", lambda apps, **options: done.append(("pn.serve", options)) or server
    )
    yield done
    settings.resources.unset_value()


@pytest.fixture
def served(seed_build, steps):
    """What ``serve`` hands Panel's server, with the environment asking for CDN resources."""
    serve.serve(seed_build, port=5999)
    return steps[0][1]


def test_serve_loads_every_resource_from_this_server(served):
    assert settings.resources(default="cdn") == "server"
    assert served["websocket_origin"] == ["127.0.0.1:5999", "localhost:5999"]


def test_serve_refuses_the_component_route(served):
    assert (serve.COMPONENTS_ROUTE, serve.Refused) in served["extra_patterns"]


def test_workers_are_server_processes_that_each_prepare_after_the_fork(seed_build, steps):
    serve.serve(seed_build, port=5999, workers=3)
    result = [name for name, _ in steps]
    expected = ["pn.serve", "prepare", "start"]  # nothing read before Panel's server forks
    assert result == expected
    assert (steps[0][1]["num_procs"], steps[0][1]["start"]) == (3, False)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


@pytest.mark.slow
def test_two_workers_answer_and_end_with_the_command(seed_build, tmp_path):
    port, log = _free_port(), tmp_path / "serve.log"
    command = [sys.executable, "-m", "framescope.cli", "serve", "--data", str(seed_build),
               "--port", str(port), "--workers", "2"]  # fmt: skip
    with log.open("w") as out:
        server = psutil.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    workers = []
    try:
        deadline = time.monotonic() + 120
        while log.read_text().count("serving ") < 2 and time.monotonic() < deadline:
            assert server.poll() is None, log.read_text()
            time.sleep(0.2)
        workers = server.children()
        assert len(workers) == 2
        for _ in range(4):
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/app", timeout=30) as page:
                assert page.status == 200 and b"token" in page.read()
        assert "worker 1 of 2" in log.read_text() and "worker 2 of 2" in log.read_text()
    finally:
        with contextlib.suppress(psutil.NoSuchProcess):  # ended already: the log says why
            server.terminate()  # the command only: its workers end with it
        server.wait(timeout=30)
    _, alive = psutil.wait_procs(workers, timeout=30)
    assert not alive


def test_serve_sends_a_partial_plotly_at_the_address_of_panel_s(served):
    wanted = f"build that version in {serve.STATIC} (its README.md says how)"
    assert serve.PLOTLY_BUNDLE is not None, f"Panel loads plotly.js {PLOTLY_VERSION}: {wanted}"
    route = next(r for r in served["extra_patterns"] if r[0] == serve.PLOTLY_ROUTE)
    assert route[1] is serve.PlotlyBundle
    panel_url = f"/static/extensions/panel/bundled/plotlyplot/plotly-{PLOTLY_VERSION}.min.js"
    assert re.fullmatch(serve.PLOTLY_ROUTE, panel_url)
    assert not re.fullmatch(serve.PLOTLY_ROUTE, panel_url.replace("plotly-", "plotly-x"))
    header = serve.PLOTLY_BUNDLE.read_text(encoding="utf-8")[:200]  # the version Panel loads
    assert f"plotly.js (framescope - minified) v{PLOTLY_VERSION}" in header


# plotly's trace classes by name, with the type each draws (go.Bar: "bar").
TRACES = {
    name: getattr(go, name)().type
    for name in dir(go)
    if isinstance(getattr(go, name), type) and issubclass(getattr(go, name), BaseTraceType)
    and getattr(go, name) is not BaseTraceType
}  # fmt: skip


def test_the_bundle_draws_every_trace_type_the_dashboard_builds():
    # Charts are plotly graph objects (go.Bar(...)) or dicts ({"type": "scattergl", ...}); a
    # WebGL type is chosen by name at run time ("scattergl" if ... else "scatter").
    source = "\n".join(p.read_text() for p in Path(framescope.__file__).parent.rglob("*.py"))
    classes = set(re.findall(r"\bgo\.([A-Z]\w*)\(", source))
    used = {getattr(go, name)().type for name in classes & TRACES.keys()}
    named = re.findall(r"""["']type["']:\s*["'](\w+)["']""", source)  # shapes' types too
    used |= (set(named) | set(re.findall(r"""["'](\w+gl)["']""", source))) & set(TRACES.values())
    bundled = set(re.findall(r'moduleType:"trace",name:"(\w+)"', serve.PLOTLY_BUNDLE.read_text()))
    assert {"bar", "box", "heatmap", "scatter", "scattergl"} <= used
    assert used <= bundled


def test_serve_warms_up_after_preparing_and_before_serving(seed_build, steps, monkeypatch):
    monkeypatch.setattr(serve, "warm_up", lambda: steps.append(("warm_up", {})))
    serve.serve(seed_build, port=5999)
    assert [name for name, _ in steps] == ["pn.serve", "prepare", "warm_up", "start"]


@pytest.mark.slow
def test_warm_up_resolves_plotly_s_figure_widget_once():
    code = (
        "import plotly.graph_objs as go; from framescope.dashboard import serve; "
        "before = 'FigureWidget' in vars(go); serve.warm_up(); "
        "print(before, 'FigureWidget' in vars(go), go.FigureWidget.__name__)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.split() == ["False", "True", "FigureWidget"]


@pytest.mark.slow
def test_the_served_plotly_bundle_is_the_partial_one_and_cached(seed_build, tmp_path):
    port, log = _free_port(), tmp_path / "serve.log"
    command = [sys.executable, "-m", "framescope.cli", "serve", "--data", str(seed_build),
               "--port", str(port)]  # fmt: skip
    with log.open("w") as out:
        server = subprocess.Popen(command, stdout=out, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 120
        while "serving " not in log.read_text() and time.monotonic() < deadline:
            assert server.poll() is None, log.read_text()
            time.sleep(0.2)
        base = f"http://127.0.0.1:{port}"
        with urllib.request.urlopen(base + "/", timeout=30) as page:
            html = page.read().decode()
        path = re.search(r'src="(static/[^"]*plotlyplot/plotly-[^"]+)"', html).group(1)
        with urllib.request.urlopen(f"{base}/{path}", timeout=30) as bundle:
            body = bundle.read()
            cache = bundle.headers["Cache-Control"]
        assert body == serve.PLOTLY_BUNDLE.read_bytes()
        assert cache == f"max-age={serve.PLOTLY_CACHE_SECONDS}"
    finally:
        server.terminate()
        server.wait(timeout=30)
