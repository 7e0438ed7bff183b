"""Numeric claims: moved to :mod:`framescope.claims`.

Kept only until its last caller, the dashboard's state, imports :mod:`framescope.claims`; it
re-exports that package's public names and will be deleted.
"""

from framescope.claims import (
    FIGURE_SCHEMA,
    KINDS,
    LEDGER_SCHEMA,
    MAX_FIGURES_PER_SENTENCE,
    NOT_METRIC_TERMS,
    UNITS,
    extract,
    format_value,
    ledger,
    metric_terms,
)

__all__ = [
    "FIGURE_SCHEMA",
    "KINDS",
    "LEDGER_SCHEMA",
    "MAX_FIGURES_PER_SENTENCE",
    "NOT_METRIC_TERMS",
    "UNITS",
    "extract",
    "format_value",
    "ledger",
    "metric_terms",
]
