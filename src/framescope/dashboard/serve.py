"""Serving the dashboard: Panel's server with every resource from this machine, one route shut.

Two things Panel's server does that a shared dashboard must not:

- load Bokeh's and Panel's JavaScript and CSS from public CDNs when the environment asks for
  it (``BOKEH_RESOURCES=cdn``): the dashboard must work offline, and its visitors' browsers
  should ask no third party for anything;
- answer ``/components/<module>/<class>/...`` by importing whatever installed module the URL
  names (``/components/this/x/_css/y`` prints the Zen of Python on the server), to serve files
  that components declare. Every file this app's pages load comes from ``/static``.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

import panel as pn
from bokeh.settings import settings
from tornado.web import HTTPError, RequestHandler

from framescope import config, store
from framescope.dashboard.app import create_app, prepare

LOCAL_ADDRESSES = ("127.0.0.1", "localhost", "::1")
# Panel's route for files of components outside its bundle (panel.io.server.get_static_routes).
COMPONENTS_ROUTE = r"/components/.*"


class Refused(RequestHandler):
    """404 for every request: stands in front of Panel's component route.

    The app's template, widgets and panes load their files from Panel's bundle under
    ``/static``, so the app needs none of ``/components``; refusing it whole (before the
    handler imports anything) is simpler to trust than a list of allowed modules.
    """

    def prepare(self) -> None:
        raise HTTPError(404)


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
) -> None:
    """Serve the dashboard for the build in ``data`` (default ``data/processed``) until stopped.

    Checks the origins and the build first (a ``ValueError`` or the store's error, in one
    sentence), prepares what every session shares, then serves at ``/`` and ``/app`` with all
    resources local and ``/components`` refused.
    """
    allowed = websocket_origins(address, port, origins)
    folder = Path(data) if data else config.PROCESSED
    store.read_manifest(folder) or store.read("articles", folder)  # fail early, in one sentence
    # Above the environment: Bokeh reads the mode at each page, Panel its CSS paths from it.
    settings.resources.set_value("server")
    print(f"preparing {folder} (once per build)", flush=True)
    prepare(folder)  # before accepting connections: no visitor waits for the shared work
    print(f"serving {folder} at http://{address}:{port}", flush=True)
    pn.serve(
        {"app": lambda: create_app(folder), "/": lambda: create_app(folder)},
        address=address,
        port=port,
        websocket_origin=allowed,
        show=show,
        title="framescope",
        # Tornado takes the first matching route, and these come before Panel's own.
        extra_patterns=[(COMPONENTS_ROUTE, Refused)],
    )
