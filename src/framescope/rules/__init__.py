"""The rules every analysis shares, each written once.

- :mod:`~framescope.rules.terms`: profile terms in text (aliases, descriptors, war terms,
  frame cues, hedges, reporting verbs): word edges, longest first, exclusions, offsets.
- :mod:`~framescope.rules.reporting`: the vocabulary of reporting (verbs, participles, what
  names no speaker, data sources).
- :mod:`~framescope.rules.speakers`: reporting clauses and the speaker phrase of each.
- :mod:`~framescope.rules.roles`: descriptions that stand for an actor ("the Chinese
  leader"), for speakers and labels.
- :mod:`~framescope.rules.hedges`: hedges, and whether a text is hedged.
- :mod:`~framescope.rules.quotation`: whether a span is inside quotation marks.
- :mod:`~framescope.rules.nationalities`: nationality words ("Swiss", "Sino-Russian").
- :mod:`~framescope.rules.words`: stop words and determiners.
- :mod:`~framescope.rules.spans`: sentence keys, the text around a span.
- :mod:`~framescope.rules.articles`: the articles a per-source comparison counts.
"""

from framescope.rules import (
    articles,
    hedges,
    nationalities,
    quotation,
    reporting,
    roles,
    spans,
    speakers,
    terms,
    words,
)

__all__ = [
    "articles",
    "hedges",
    "nationalities",
    "quotation",
    "reporting",
    "roles",
    "spans",
    "speakers",
    "terms",
    "words",
]
