"""The profile's metric terms in a sentence, the one profile rule claims applies itself.

- Metric terms (:func:`metric_terms`) match as every profile term does
  (:mod:`framescope.rules.terms`: any case, word edges, longest first, any whitespace between
  words); a metric's exclusions and :data:`NOT_METRIC_TERMS` are matched like terms and mean
  ``other``.

A figure's ``hedged`` and ``speaker`` come from the shared rules too, read for all sentences
at once by :func:`framescope.claims.extract`: :func:`framescope.rules.hedges.hedged` and
:func:`framescope.rules.speakers.named`.
"""

from __future__ import annotations

from dataclasses import dataclass

from framescope.claims.anchored import Anchored
from framescope.profile import Profile
from framescope.rules import terms as rules_terms

NOT_METRIC_TERMS = (
    "trade deficit",
    "trade deficits",
    "trade surplus",
    "trade surpluses",
    "trade balance",
    "trade war",
    "trade wars",
)
"""Phrases that contain a metric term but measure something else; they tie a number to
``other`` unless the profile makes them a metric's term."""


def metric_terms(profile: Profile) -> dict[str, str]:
    """Every metric term (lowercased) with its metric id; exclusions map to ``"other"``.

    Examples
    --------
    >>> from framescope.profile import load
    >>> table = metric_terms(load())
    >>> table["current account surplus"], table["trade war"]
    ('current_account_surplus', 'other')
    """
    table: dict[str, str] = {}
    for group in profile.metrics:
        for term in group.terms:
            table.setdefault(term.lower(), group.id)
    for group in profile.metrics:
        for term in group.exclusions:
            table.setdefault(term.lower(), "other")
    for term in NOT_METRIC_TERMS:
        table.setdefault(term, "other")
    return table


@dataclass(frozen=True)
class Matcher:
    """A profile's metric terms, compiled once per call.

    Examples
    --------
    >>> from framescope.profile import load
    >>> matcher = Matcher.of(load())
    >>> spans = matcher.term_spans("Imports and the current  account surplus fell.")
    >>> spans
    [(0, 7, 'Imports'), (16, 40, 'current  account surplus')]
    >>> [matcher.metric(term) for _, _, term in spans]
    ['imports', 'current_account_surplus']
    """

    terms: dict[str, str]
    term_pattern: Anchored | None

    @classmethod
    def of(cls, profile: Profile) -> Matcher:
        terms = metric_terms(profile)
        # A match starts with a term's first word, whatever whitespace follows it.
        first_words = {term.split()[0] for term in terms}
        pattern = rules_terms.compiled(terms, ignore_case=True)
        return cls(terms=terms, term_pattern=Anchored.of(pattern, first_words) if terms else None)

    def term_spans(self, text: str | None) -> list[tuple[int, int, str]]:
        """(start, end, term as written) of every metric term in ``text``, in text order."""
        if not text or self.term_pattern is None:
            return []
        return [(f.start(), f.end(), f.group(0)) for f in self.term_pattern.finditer(text)]

    def metric(self, term: str) -> str:
        """The metric id (or ``"other"``) of a term as written in a sentence."""
        return self.terms[" ".join(term.lower().split())]
