"""The profile in a sentence: metric terms, hedges and speakers.

Framing and mentions match the same kinds of things; claims matches them only through
:class:`Matcher`, so that shared rules can take this module's place without touching the rest
of claims.

- Metric terms (:func:`metric_terms`): case-insensitive, on word boundaries, longest first; a
  metric's exclusions and :data:`NOT_METRIC_TERMS` are matched like terms and mean ``other``.
- ``speaker``: the ``quotes`` table's speaker for the sentence when given (``unresolved``
  ones left out, :func:`framescope.claims.extract`); else the name after "according to" or
  next to "said"/"told"/"reported" in the sentence, as the profile actor's id when the name is
  one of its aliases (like the quotes table: "Reuters" -> ``reuters``), else as written; else
  null.
- ``hedged``: a profile hedge term in the sentence (case-sensitive, or capitalised at the
  sentence start, so the month "May" is not the hedge "may").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from framescope.claims import grammar
from framescope.claims.anchored import Anchored, lowered
from framescope.profile import Profile

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

_SPEECH_VERBS = (
    r"said|says|told|tells|stated|states|noted|notes|added|adds|announced|claimed|reported"
)
_SPEECH_VERB_WORDS = tuple(_SPEECH_VERBS.split("|"))
_NAME = r"[A-Z][\w’'.&-]*(?:\s+(?:of\s+|on\s+|for\s+|and\s+)?[A-Z][\w’'.&-]*){0,5}"
_SAID_BEFORE = re.compile(rf"(?<![\w’'])({_NAME})\s+(?:{_SPEECH_VERBS})\b")
_SAID_AFTER = re.compile(rf"\b(?:said|says)\s+({_NAME})\s*(?:[.,;!?”\"]|$)")
_ACCORDING = re.compile(r"(?i)according\s+to\s+([^,.;:()]+)")
_PRONOUNS = {"He", "She", "It", "They", "We", "I", "You", "This", "That", "There"}


def _bounded_terms(terms: Iterable[str]) -> str:
    return r"(?<![\w])(?:" + grammar.alternation(terms) + r")(?![\w])"


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
    """A profile's metric terms, hedges and actor names, compiled once per call.

    Examples
    --------
    >>> from framescope.profile import load
    >>> matcher = Matcher.of(load())
    >>> text = "Imports may fall, Reuters said."
    >>> matcher.term_spans(text), matcher.hedged(text), matcher.speaker(text)
    ([(0, 7, 'Imports')], True, 'reuters')
    """

    terms: dict[str, str]
    term_pattern: Anchored | None
    hedge_pattern: re.Pattern[str] | None
    hedge_start: re.Pattern[str] | None
    actors: dict[str, str]

    @classmethod
    def of(cls, profile: Profile) -> Matcher:
        terms = metric_terms(profile)
        hedges = sorted(set(profile.hedges))
        capitalised = {h[0].upper() + h[1:] for h in hedges}
        return cls(
            terms=terms,
            term_pattern=Anchored.of(
                re.compile(_bounded_terms(terms), re.IGNORECASE), map(str.lower, terms)
            )
            if terms
            else None,
            hedge_pattern=re.compile(_bounded_terms(hedges)) if hedges else None,
            hedge_start=re.compile(r"^[\W]*" + _bounded_terms(capitalised)) if hedges else None,
            actors={
                surface: actor.id
                for actor in profile.actors
                for surface in (actor.name, *actor.aliases)
            },
        )

    def speaker(self, text: str) -> str | None:
        """The speaker the sentence names, as a profile actor's id when the name is one of
        its aliases (like the quotes table), else as written."""
        name = _named_speaker(text)
        return self.actors.get(name, name) if name else None

    def term_spans(self, text: str | None) -> list[tuple[int, int, str]]:
        """(start, end, term as written) of every metric term in ``text``, in text order."""
        if not text or self.term_pattern is None:
            return []
        return [(f.start(), f.end(), f.group(0)) for f in self.term_pattern.finditer(text)]

    def hedged(self, text: str) -> bool:
        """Whether a hedge term of the profile is in the sentence."""
        if self.hedge_pattern is None or self.hedge_start is None:
            return False
        return bool(self.hedge_pattern.search(text) or self.hedge_start.search(text))


_HYPHEN_LOWER = re.compile(r"-[a-z]")
_RELATIVE_CLAUSE = re.compile(r"\s(?:that|which|who)\s")
_NAME_EXTRAS = re.compile(r"^(?:The|A|An)\s+|(?<=[a-z])\.$")


def _name_run(phrase: str) -> str | None:
    """The last run of capitalised words in a phrase ("a report by the Free Russia
    Foundation" -> "Free Russia Foundation"), connectors such as "of" allowed inside."""
    words = phrase.split()
    run: list[str] = []
    for word in reversed(words):
        is_name = word[:1].isupper() and not _HYPHEN_LOWER.search(word)
        if is_name or (run and word in {"of", "on", "for", "and"}):
            run.insert(0, word)
        elif run:
            break
        else:
            return None
    while run and run[0] in {"of", "on", "for", "and", "The"}:
        run.pop(0)
    name = " ".join(run).strip("“”\"'’‘")
    return name or None


def _named_speaker(text: str) -> str | None:
    """A speaker named in the sentence itself: "according to X", "X said", "..., said X."."""
    low = lowered(text)
    found = _ACCORDING.search(text) if low is None or "according" in low else None
    if found:
        phrase = _RELATIVE_CLAUSE.split(found.group(1))[0]
        name = _name_run(phrase)
        if name:
            return name
    for pattern, verbs in ((_SAID_AFTER, ("said", "says")), (_SAID_BEFORE, _SPEECH_VERB_WORDS)):
        if not any(verb in text for verb in verbs):
            continue
        for found in pattern.finditer(text):
            # A sentence's final period after a name is not part of it ("said Wang Wenbin.").
            name = _NAME_EXTRAS.sub("", found.group(1)).strip()
            if name and name.split()[0] not in _PRONOUNS and name[:1].isupper():
                return name
    return None
