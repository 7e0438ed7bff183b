"""Sentence sentiment: scorers in a registry, article and actor tone, validation against people.

Every score is for one sentence, never for a whole article (:mod:`.tone` says why); an
article's tone is the distribution of its sentences' scores.

- :mod:`.registry`: the methods by name (:data:`METHODS`): the built-in ``multilex``,
  ``vader`` and ``textblob``, any declared in the entry-point group ``framescope.sentiment``,
  resolved in whichever process scores; :func:`check_methods` checks a list of names early.
- :mod:`.score`: :func:`score`, the sentiment table, each distinct text scored once.
- :mod:`.multilex`: the default method, four lexicons (VADER, AFINN, pattern, sentimentr)
  each rescaled on 2023 news sentences and averaged (van der Veen & Bleich 2024).
- :mod:`.vader` and :mod:`.textblob`: computed for a whole column at once and equal to the
  vaderSentiment and textblob packages text by text, ten to forty times faster.
- :mod:`.tone`: :func:`article_tone`, :func:`actor_tone`, :func:`classify`.
- :mod:`.validation`: :func:`read_gold`, :func:`validate`, :func:`validation_report`.

Examples
--------
>>> import polars as pl
>>> sentences = pl.DataFrame(
...     {"article_id": ["a", "a"], "sentence_idx": [0, 1], "text": ["A great success.", "War."]}
... )
>>> scores = score(sentences, methods=check_methods("multilex"))
>>> article_tone(scores).select("n_sentences", "share_positive", "share_negative").row(0)
(2, 0.5, 0.5)
"""

from __future__ import annotations

from framescope.sentiment.multilex import MultilexScorer
from framescope.sentiment.registry import (
    GROUP,
    METHODS,
    SCORE_SCHEMA,
    Registry,
    Scorer,
    check_methods,
)
from framescope.sentiment.score import SENTIMENT_SCHEMA, score
from framescope.sentiment.textblob import TextBlobScorer
from framescope.sentiment.tone import (
    ACTOR_TONE_SCHEMA,
    ARTICLE_TONE_SCHEMA,
    LABELS,
    THRESHOLD,
    actor_tone,
    article_tone,
    classify,
    tone_rule,
)
from framescope.sentiment.vader import VaderScorer
from framescope.sentiment.validation import (
    GOLD_SCHEMA,
    VALIDATION_SCHEMA,
    macro_f1,
    read_gold,
    validate,
    validation_report,
)

__all__ = [
    "ACTOR_TONE_SCHEMA",
    "ARTICLE_TONE_SCHEMA",
    "GOLD_SCHEMA",
    "GROUP",
    "LABELS",
    "METHODS",
    "SCORE_SCHEMA",
    "SENTIMENT_SCHEMA",
    "THRESHOLD",
    "VALIDATION_SCHEMA",
    "MultilexScorer",
    "Registry",
    "Scorer",
    "TextBlobScorer",
    "VaderScorer",
    "actor_tone",
    "article_tone",
    "check_methods",
    "classify",
    "macro_f1",
    "read_gold",
    "score",
    "tone_rule",
    "validate",
    "validation_report",
]
