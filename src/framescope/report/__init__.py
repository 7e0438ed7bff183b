"""Side-by-side tables for the notebooks: what the text said next to what the build kept,
one sentiment method next to another, claims next to the targets they repeat.

- :mod:`~framescope.report.corpus`: raw inputs, their dates and what cleaning changed.
- :mod:`~framescope.report.tone`: tone per outlet under each sentiment method; gold
  disagreements.
- :mod:`~framescope.report.trade`: trade claims, official lines and stated targets; claims
  with their verdicts placed by period, and their table.
- :mod:`~framescope.report.event`: what a notebook picks from the build when its settings
  leave it open (actors to follow, a value to read), the official series a profile names
  (or none) and the figures of any event by metric.
- :mod:`~framescope.report.show`: the build's colours and names as the dashboard shows them,
  and tables as HTML a person reads (``report.look(articles, topic).table(frame)``).

The notebooks call these instead of defining functions of their own; ``from framescope import
report`` gives every one of them. The dashboard imports this package for the trade tables, so
nothing here imports :mod:`framescope.ingest` at import time.
"""

from framescope.report.corpus import (
    cleaning_diff,
    cleaning_edits,
    date_provenance,
    glued_by_article,
    raw_records,
)
from framescope.report.event import (
    figures_by_metric,
    leading_actors,
    names_reference,
    official_lines,
    official_series,
    period_ratios,
    rarest,
    reference_note,
)
from framescope.report.show import Look, Table, look, table
from framescope.report.tone import scored_gold, tone_by_method
from framescope.report.trade import (
    checked_claims,
    claim_points,
    matching_targets,
    official_points,
    reference_lines,
    target_markers,
    target_points,
    trade_claims,
    verdict_table,
)

__all__ = [
    "Look",
    "Table",
    "checked_claims",
    "claim_points",
    "cleaning_diff",
    "cleaning_edits",
    "date_provenance",
    "figures_by_metric",
    "glued_by_article",
    "leading_actors",
    "look",
    "matching_targets",
    "names_reference",
    "official_lines",
    "official_points",
    "official_series",
    "period_ratios",
    "rarest",
    "raw_records",
    "reference_lines",
    "reference_note",
    "scored_gold",
    "table",
    "target_markers",
    "target_points",
    "tone_by_method",
    "trade_claims",
    "verdict_table",
]
