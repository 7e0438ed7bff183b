"""Kept until src/framescope/dashboard/* move; I'll delete it.

The official statistics and the checks against them now live in the claims package:
:mod:`framescope.claims.official` (the shipped files), :mod:`framescope.claims.series` (a
series' columns, your own series) and :mod:`framescope.claims.checks` (comparing claims).

Examples
--------
>>> from framescope import claims, reference
>>> reference.annual is claims.annual
True
"""

from framescope.claims.checks import COMPARISON_SCHEMA, check_reporters, compare, monthly
from framescope.claims.official import TARGET_SCHEMA, TRADE_METRIC, annual, targets, year_to_date
from framescope.claims.series import SERIES_SCHEMA, STATUSES, ReferenceDataError, read_series

__all__ = [
    "COMPARISON_SCHEMA",
    "SERIES_SCHEMA",
    "STATUSES",
    "TARGET_SCHEMA",
    "TRADE_METRIC",
    "ReferenceDataError",
    "annual",
    "check_reporters",
    "compare",
    "monthly",
    "read_series",
    "targets",
    "year_to_date",
]
