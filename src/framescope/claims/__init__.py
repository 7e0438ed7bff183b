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
- :mod:`~framescope.claims.series`: a reference series' columns, your own series, and how
  reference CSVs are validated; :mod:`~framescope.claims.official`: the shipped official
  statistics (annual, year to date, targets); :mod:`~framescope.claims.checks`: claims set
  against them; :mod:`~framescope.claims.verdicts`: a verdict per claim (matches, rounding,
  wrong period, target stated as fact, differs, no reference).
"""

from framescope.claims import verdicts
from framescope.claims.checks import COMPARISON_SCHEMA, check_reporters, compare, monthly
from framescope.claims.extract import (
    FIGURE_SCHEMA,
    KINDS,
    MAX_FIGURES_PER_SENTENCE,
    UNITS,
    extract,
)
from framescope.claims.ledger import LEDGER_SCHEMA, format_value, ledger
from framescope.claims.matching import NOT_METRIC_TERMS, metric_terms
from framescope.claims.official import TARGET_SCHEMA, TRADE_METRIC, annual, targets, year_to_date
from framescope.claims.series import SERIES_SCHEMA, STATUSES, ReferenceDataError, read_series
from framescope.claims.verdicts import TOLERANCE, VERDICT_SCHEMA, VERDICTS, judge

__all__ = [
    "COMPARISON_SCHEMA",
    "FIGURE_SCHEMA",
    "KINDS",
    "LEDGER_SCHEMA",
    "MAX_FIGURES_PER_SENTENCE",
    "NOT_METRIC_TERMS",
    "SERIES_SCHEMA",
    "STATUSES",
    "TARGET_SCHEMA",
    "TOLERANCE",
    "TRADE_METRIC",
    "UNITS",
    "VERDICTS",
    "VERDICT_SCHEMA",
    "ReferenceDataError",
    "annual",
    "check_reporters",
    "compare",
    "extract",
    "format_value",
    "judge",
    "ledger",
    "metric_terms",
    "monthly",
    "read_series",
    "targets",
    "verdicts",
    "year_to_date",
]
