import contextlib
import socket
import subprocess
import sys
import time
import urllib.request
from types import SimpleNamespace

import psutil
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
