"""The one rule for showing untrusted text as HTML: escape it.

Article text, titles and outlet names come from scraped pages and exports, and filter values
from the URL; all of them reach the browser as HTML somewhere (Panel's HTML panes, Bokeh's
option chips, Plotly's legends and hover labels, which read a subset of HTML tags). Every such
string passes through :func:`escape` on its way there.

Quotes become numeric references (``&#34;``, ``&#39;``) rather than ``&quot;``: Plotly decodes
only numeric and a few named entities, so those are the forms a browser and Plotly both show
as the character they stand for.
"""

from __future__ import annotations

import html

import polars as pl

_ENTITIES = {"&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&#34;", "'": "&#39;"}
_TABLE = str.maketrans(_ENTITIES)


def escape(value: object) -> str:
    """``value`` as text that HTML (and Plotly) shows as written, never as markup.

    Examples
    --------
    >>> escape("<img src=x onerror=alert('x')>")
    '&lt;img src=x onerror=alert(&#39;x&#39;)&gt;'
    >>> escape(3)
    '3'
    """
    return str(value).translate(_TABLE)


def escape_expr(column: str | pl.Expr) -> pl.Expr:
    """:func:`escape` as a polars expression, for whole columns (hover data of many points).

    Examples
    --------
    >>> pl.select(escape_expr(pl.lit('"AT&T" <b>'))).item()
    '&#34;AT&amp;T&#34; &lt;b&gt;'
    """
    expr = pl.col(column) if isinstance(column, str) else column
    # One pass over each string: "&" is not escaped again inside the entities it produces.
    return expr.str.replace_many(list(_ENTITIES), list(_ENTITIES.values()))


def unescape(text: str) -> str:
    """The value :func:`escape` was given: a click on a chart returns its escaped name.

    Examples
    --------
    >>> unescape(escape("AT&T <news>"))
    'AT&T <news>'
    """
    return html.unescape(text)
