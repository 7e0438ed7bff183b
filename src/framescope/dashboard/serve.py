"""Serving the dashboard: Panel's server with every resource from this machine, one route shut,
and a lighter plotly.js.

Two things Panel's server does that a shared dashboard must not:

- load Bokeh's and Panel's JavaScript and CSS from public CDNs when the environment asks for
  it (``BOKEH_RESOURCES=cdn``): the dashboard must work offline, and its visitors' browsers
  should ask no third party for anything;
- answer ``/components/<module>/<class>/...`` by importing whatever installed module the URL
  names (``/components/this/x/_css/y`` prints the Zen of Python on the server), to serve files
  that components declare. Every file this app's pages load comes from ``/static``.

``workers`` > 1 runs that many server processes on one port (tornado forks them; the kernel
hands each new connection to one of them). Each process reads the build and prepares it itself,
after the fork: polars' thread pool does not survive a fork, so no table is read before it.
Memory grows with the processes: each holds the build. One process is the default, by
measurement on this 2-core machine (100,000 articles, 50 sessions, four runs each, the machine
shared with other jobs): p99 of a filter change 1.5-3.8 s with one process at 2.4 GB, 1.5-4.2 s
with two at 4.6-4.9 GB. A second process only pays with cores to spare; and a session whose page
and websocket reach different processes is built in both. Panel's callback threads
(``pn.config.nthreads = 2``: p99 1.6-2.6 s) were no better: plotly, Bokeh and param, most of a
redraw, hold the GIL, and caches the sessions share (tone intervals, box statistics) are plain
dicts that threads would race on.

Panel's page loads the full plotly.js bundle (4.8 MB; maps, 3-D, finance and all). Chromium spent
1-3 s of each page load evaluating it on this machine, cached or not, before the page could draw
anything. The charts here draw scatter, scattergl, bar, box and heatmap traces only:
:data:`PLOTLY_ROUTE` serves a build of the same plotly.js version with just those (1.5 MB, a
quarter of the time), vendored in ``static/`` with its licence and recipe, at Panel's address.
"""

from __future__ import annotations

import ctypes
import os
import re
import signal
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import panel as pn
from bokeh.settings import settings
from panel.models.plotly import PLOTLY_VERSION
from tornado import process
from tornado.web import HTTPError, RequestHandler, StaticFileHandler

from framescope import config, store
from framescope.dashboard.app import create_app, prepare

LOCAL_ADDRESSES = ("127.0.0.1", "localhost", "::1")
# Panel's route for files of components outside its bundle (panel.io.server.get_static_routes).
COMPONENTS_ROUTE = r"/components/.*"
# Where Panel's page loads plotly.js from (panel.models.plotly.PlotlyPlot.__javascript__).
PLOTLY_ROUTE = (
    rf"/static/extensions/panel/bundled/plotlyplot/(plotly-{re.escape(PLOTLY_VERSION)}\.min\.js)"
)
STATIC = Path(__file__).with_name("static")
# The partial plotly.js of the version Panel loads; None (Panel's full bundle) when this Panel
# wants another version than the one vendored here (static/README.md says how to make one).
_PARTIAL = STATIC / f"plotly-{PLOTLY_VERSION}-framescope.min.js"
PLOTLY_BUNDLE: Path | None = _PARTIAL if _PARTIAL.is_file() else None
# How long a browser keeps the bundle without asking again: its address names its version.
PLOTLY_CACHE_SECONDS = 7 * 24 * 3600


class Refused(RequestHandler):
    """404 for every request: stands in front of Panel's component route.

    The app's template, widgets and panes load their files from Panel's bundle under
    ``/static``, so the app needs none of ``/components``; refusing it whole (before the
    handler imports anything) is simpler to trust than a list of allowed modules.
    """

    def prepare(self) -> None:
        raise HTTPError(404)


class PlotlyBundle(StaticFileHandler):
    """:data:`PLOTLY_BUNDLE` at :data:`PLOTLY_ROUTE`: one fixed file, whatever the URL says."""

    @classmethod
    def get_absolute_path(cls, root: str, path: str) -> str:
        return str(PLOTLY_BUNDLE)

    def validate_absolute_path(self, root: str, absolute_path: str) -> str:
        return absolute_path

    def get_cache_time(self, path: str, modified: object, mime_type: str) -> int:
        return PLOTLY_CACHE_SECONDS


def routes() -> list[tuple[Any, ...]]:
    """The routes that come before Panel's own: the component route shut, the lighter
    plotly.js (when this Panel loads the vendored version)."""
    shut: list[tuple[Any, ...]] = [(COMPONENTS_ROUTE, Refused)]
    if PLOTLY_BUNDLE is None:
        return shut
    return [*shut, (PLOTLY_ROUTE, PlotlyBundle, {"path": str(PLOTLY_BUNDLE.parent)})]


def websocket_origins(address: str, port: int, allowed: Sequence[str] = ()) -> list[str]:
    """The origins whose pages may open the dashboard's websocket.

    Bound to this machine, the dashboard takes its own address and ``localhost``; bound to
    any other address it is reachable from elsewhere, and the caller must name the origins.

    Examples
    --------
    >>> websocket_origins("127.0.0.1", 5006)
    ['127.0.0.1:5006', 'localhost:5006']
    >>> websocket_origins("0.0.0.0", 80, ["dash.example.org"])
    ['dash.example.org']
    """
    if address not in LOCAL_ADDRESSES and not allowed:
        msg = (
            f"--address {address} exposes the dashboard beyond this machine: name the origin "
            "that may connect with --allow-websocket-origin HOST:PORT"
        )
        raise ValueError(msg)
    return list(allowed) or [f"{address}:{port}", f"localhost:{port}"]


def serve(
    data: str | Path | None = None,
    *,
    address: str = "127.0.0.1",
    port: int = 5006,
    origins: Sequence[str] = (),
    show: bool = False,
    workers: int = 1,
) -> None:
    """Serve the dashboard for the build in ``data`` (default ``data/processed``) until stopped.

    Checks the origins and the build first (a ``ValueError`` or the store's error, in one
    sentence), then starts ``workers`` server processes; each prepares what its sessions share
    before it accepts connections, then serves at ``/`` and ``/app`` with all resources local and
    ``/components`` refused (:func:`routes`).
    """
    if workers < 1:
        msg = f"--workers must be at least 1, got {workers}"
        raise ValueError(msg)
    allowed = websocket_origins(address, port, origins)
    folder = Path(data) if data else config.PROCESSED
    store.read_manifest(folder) or store.read("articles", folder)  # fail early, in one sentence
    # Above the environment: Bokeh reads the mode at each page, Panel its CSS paths from it.
    settings.resources.set_value("server")
    server = pn.serve(
        {"app": lambda: create_app(folder), "/": lambda: create_app(folder)},
        address=address,
        port=port,
        websocket_origin=allowed,
        show=False,
        start=False,
        num_procs=workers,
        title="framescope",
        # Tornado takes the first matching route, and these come before Panel's own.
        extra_patterns=routes(),
    )
    # From here on this is the one process, or one of the forked ones.
    worker = process.task_id()
    if worker is not None:
        _end_with_parent()
    print(f"preparing {folder} (once per build{_named(worker, workers)})", flush=True)
    # Before accepting connections, so no visitor waits for the shared work. Panel's server
    # already stops on Ctrl-C; while preparing, Ctrl-C ends the command as it ends a build.
    stop_serving = signal.signal(signal.SIGINT, signal.default_int_handler)
    prepare(folder)
    warm_up()
    signal.signal(signal.SIGINT, stop_serving)
    print(f"serving {folder} at http://{address}:{port}{_named(worker, workers)}", flush=True)
    if show and not worker:
        server.io_loop.add_callback(server.show, "/")
    server.start()
    server.io_loop.start()


def warm_up() -> None:
    """Import now what the first visitor's page would otherwise wait for.

    Panel's plotly pane asks plotly for ``FigureWidget`` each time it draws a chart, and plotly
    resolves the name at each asking: it imports plotly's widget module, which imports plotly's
    renderers and nbformat, then fails without ``anywidget`` and answers with a stand-in. The
    first time took 1.5-3 s of the first page on this machine (5-10 s with other load; later
    pages took 0.2-1 s), each later one 1.5 ms of a chart update. Kept, the answer costs nothing.
    """
    import plotly.graph_objs as go  # noqa: PLC0415

    go.FigureWidget = go.FigureWidget  # plotly's module __getattr__, resolved once


def _named(worker: int | None, workers: int) -> str:
    return "" if worker is None else f", worker {worker + 1} of {workers}"


def _end_with_parent() -> None:
    """Have Linux send this forked worker SIGTERM when the process that forked it ends.

    Tornado's parent process only waits for its workers: stopped with SIGTERM it would leave
    them serving the port. Elsewhere (no ``prctl``) the workers must be stopped by hand."""
    if not sys.platform.startswith("linux"):
        return
    pr_set_pdeathsig = 1
    ctypes.CDLL(None, use_errno=True).prctl(pr_set_pdeathsig, signal.SIGTERM)
    if os.getppid() == 1:  # the parent ended before the request took
        os.kill(os.getpid(), signal.SIGTERM)
