"""Numeric claims: money, percentages, multiples and counts, tied to what they measure.

``claims.extract(sentences, profile)`` builds the ``figures`` table; ``claims.ledger`` aligns
the same claim across outlets. The rules, which the README repeats because the ledger is built
on them, are written where they are applied:

- :mod:`~framescope.claims.grammar`: how numbers, scales, currencies, units and multiples are
  written, and the words around a number that make it no figure.
- :mod:`~framescope.claims.scan`: what is a figure in a sentence.
- :mod:`~framescope.claims.context`: what a figure is about (metric, kind, direction, period).
- :mod:`~framescope.claims.matching`: the profile's metric terms (speakers and hedges are
  :mod:`framescope.rules`').
- :mod:`~framescope.claims.candidates`: which sentences are read at all.
- :mod:`~framescope.claims.anchored`: regex scans tried only where a match can start.
- :mod:`~framescope.claims.extract` and :mod:`~framescope.claims.ledger`: the two tables.
"""

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
