"""Numeric claims: money, percentages, multiples and counts, tied to what they measure."""

from framescope.claims.extract import (
    FIGURE_SCHEMA,
    KINDS,
    MAX_FIGURES_PER_SENTENCE,
    UNITS,
    extract,
)
from framescope.claims.ledger import LEDGER_SCHEMA, format_value, ledger
from framescope.claims.matching import NOT_METRIC_TERMS, metric_terms

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
