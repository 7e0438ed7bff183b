"""Plotly figure builders: ``(frame, *, options) -> go.Figure``; no Panel, no I/O.

Every builder takes the tables the analysis functions return, labels raw and normalised values
for what they are, puts the ``n`` behind each point in its hover text, and turns an empty
selection into a figure that says so instead of an empty axis.

Plotly reads a subset of HTML in every text it draws (names, categories, hover and titles), so
every value from the data goes in through :func:`escape` and shows as written; a click on a
chart gives the escaped value back (``safe.unescape``). Titles are the callers' markup: a
caller escapes any value it puts into one.

Builders are grouped by what they draw: ``common`` (empty figure, escaping, colours,
milestones), ``time`` (coverage, mentions over time), ``tone`` (tone over time, its spread),
``shares`` (heatmaps, stacked shares), ``claims`` (numeric claims against official
statistics). Colours come from the build (``framescope.encoding``) when a caller passes
them, so a value keeps its colour.
"""

from framescope.plots.claims import WEBGL_POINTS, claims_against_reference
from framescope.plots.common import NO_DATA, add_milestones, colours_for, empty
from framescope.plots.shares import heatmap, stacked_shares
from framescope.plots.time import VALUE_LABELS, coverage, mentions_over_time
from framescope.plots.tone import tone_distribution, tone_over_time, tone_summary

__all__ = [
    "NO_DATA",
    "VALUE_LABELS",
    "WEBGL_POINTS",
    "add_milestones",
    "claims_against_reference",
    "colours_for",
    "coverage",
    "empty",
    "heatmap",
    "mentions_over_time",
    "stacked_shares",
    "tone_distribution",
    "tone_over_time",
    "tone_summary",
]
