"""What a figure is about: its metric, kind, direction and period, from its clause and sentence.

- ``metric``: from the profile's metric terms in the sentence (case-insensitive, word
  boundaries, longest first). A count takes a metric only from a term inside its noun
  ("40 million Russian customs record entries"), else ``other``. Any other figure takes the
  term that ends at most 40 characters before it in its clause, the subject of the number
  ("imports fell 16% and trade rose 29%"), else the nearest term in the sentence (a term
  before the number winning a tie). A metric's exclusions, and the generic phrases in
  :data:`~framescope.claims.matching.NOT_METRIC_TERMS` ("trade deficit"), are matched like
  terms and give ``other``, so "the trade deficit tripled" is not bilateral trade. A money,
  percent or multiple figure in a sentence with no term at all inherits the metric of the
  previous sentence when that sentence names exactly one metric ("... current account
  surplus ... The surplus of $227 billion ..."); ``metric_from`` says ``previous_sentence``
  then, and ``metric_term`` gives the term that decided.
- ``kind``: from cue words in the figure's clause (the sentence split at commas, semicolons,
  colons, brackets, dashes, "while", "but", "followed by"), in this order of precedence:
  ``target`` ("goal", "target", "aim", "seeking", "ahead of schedule"), ``forecast``
  ("expect", "will", "forecast", "projected"), ``change`` ("rose", "fell", "contraction",
  "growth", "up 29.3%"; only for percentages, multiples and amounts after "by": "rose to $190
  billion" is a level, not a change), else ``actual``. When the clause has no cue, the
  nearest cue in the sentence decides. Multiples are changes unless a target or forecast
  cue says otherwise. ``direction`` (up/down) is set for changes when a cue says which.
- ``period``: the nearest period phrase in the figure's clause: a month range ("between
  January and September 2022", "January-September 2022", "the first nine months of 2022"
  -> "2022-01..2022-09"; "the first half of 2022" -> "2022-01..2022-06"), a month ("March
  2023" -> "2023-03"), a year ("in 2023", "for the whole of 2022", "by 2024" -> "2023"), a
  year range ("2022-23" -> "2022..2023"), "last/this/next year" (resolved against the
  article's ``published`` date when ``articles`` is given), else "annual" for "annual", "per
  year", "a year". With none in the clause, the nearest period before the figure in the
  sentence, else null.
"""

from __future__ import annotations

import functools
import re

from framescope.claims import grammar
from framescope.claims.anchored import Anchored, leading_words, search_end
from framescope.claims.matching import Matcher
from framescope.claims.scan import Quantity, overlaps, url_spans, without_qualifier
from framescope.rules.words import MONTH_NUMBERS

_CLAUSE_BREAK = re.compile(
    r",(?=\s)|[;:()\[\]—]|\s[-–]\s|(?<!\w)(?i:while|whereas|but|although|followed\s+by)(?!\w)"
)
_CUES = {
    "target": (
        r"goals?|targets?|targeted|targeting|aims?|aimed|aiming|objectives?|ambitions?"
        r"|seeks?|seeking|sought|strives?|striving|pledged?|pledges|ahead\s+of\s+schedule"
        r"|plans?\s+to\s+(?:reach|achieve|raise|increase|boost)"
    ),
    "forecast": (
        r"expects?|expected|expecting|expectations?|forecasts?|forecasted|projected"
        r"|projections?|predicts?|predicted|predictions?|anticipated?|anticipates|will"
        r"|(?:is|are)\s+set\s+to|on\s+track\s+to|outlook"
    ),
    "change": (
        r"rose|rise|rises|risen|rising|fell|fall|falls|fallen|falling|grew|grow|grows|grown"
        r"|growing|growth|increased?|increases|increasing|decreased?|decreases|decreasing"
        r"|declined?|declines|declining|dropped|drops?|contraction|contracted|shrank|shrinks?"
        r"|shrunk|jumped|jumps?|surged?|surges|soared?|soars|plunged?|plunges|slumped?"
        r"|slumps|gained|gains?|climbed?|climbs|year-on-year|year\s+on\s+year|yoy"
        r"|compared\s+(?:to|with)|from\s+a\s+year\s+earlier"
    ),
}
_CUE = re.compile(
    "|".join(rf"(?P<{kind}>(?<![\w-])(?i:{words})(?![\w-]))" for kind, words in _CUES.items())
)
_DOWN = re.compile(
    r"(?i)^(?:fell|fall|falls|fallen|falling|decreased?|decreases|decreasing|declined?"
    r"|declines|declining|dropped|drops?|contraction|contracted|shrank|shrinks?|shrunk"
    r"|plunged?|plunges|slumped?|slumps)$"
)
_UP = re.compile(r"(?i)rose|rise|risen|rising|grew|grow|growth|increase|jump|surge|soar|gain|climb")
_UP_DOWN_BEFORE = re.compile(r"(?i)(?<![\w])(up|down)\s+(?:by\s+)?$")
_BY_BEFORE = re.compile(r"(?i)(?<![\w])by\s+$")

_PERIOD = re.compile(
    "|".join(
        [
            # between January and September 2022, from March 2022 to May 2023
            rf"(?P<range>(?i:between|from)\s+(?P<m1>{grammar.MONTH})(?:\s+(?P<y1>\d{{4}}))?\s+"
            rf"(?i:and|to|through|until)\s+(?P<m2>{grammar.MONTH})\s+(?P<y2>\d{{4}}))",
            rf"(?P<dash>(?P<m3>{grammar.MONTH})\s?[-–]\s?(?P<m4>{grammar.MONTH})\s+(?P<y3>\d{{4}}))",
            rf"(?P<first>(?i:first)\s+(?P<n>\d{{1,2}}|(?i:{grammar.one_of(grammar.ONES)}))\s+"
            rf"(?i:months)\s+(?i:of)\s+(?:(?i:the\s+year)\s+)?(?P<y4>\d{{4}}))",
            r"(?P<half>(?i:first)\s+(?P<part>half|quarter)\s+(?i:of)\s+(?P<y5>\d{4}))",
            rf"(?P<month>(?P<m5>{grammar.MONTH})\s+(?P<y6>\d{{4}}))",
            r"(?P<years>(?<![\d,.])(?P<y7>(?:19|20)\d{2})\s?[-–/]\s?(?P<y8>\d{4}|\d{2})(?!\d))",
            r"(?P<year>(?<![\d,.$])(?P<y9>(?:19|20)\d{2})(?![\d%]|\s?(?i:percent|billion)))",
            r"(?P<relative>(?i:(?P<which>last|this|next|previous)\s+year))",
            r"(?P<annual>(?<![\w-])(?i:annual|annually|yearly|per\s+year|per\s+annum"
            r"|a\s+year(?!\s+(?:ago|earlier|before|later|after))|each\s+year|every\s+year)"
            r"(?![\w-]))",
        ]
    )
)
_PERIOD_WORDS = ("between", "from", "first", "last", "this", "next", "previous", "annual")
_PERIOD_SCAN = Anchored.of(
    _PERIOD,
    [*grammar.MONTH_STARTS, "19", "20", *_PERIOD_WORDS, "year", "per", "each", "every"],
    after_a=("year",),
)
_CUE_SCAN = Anchored.of(_CUE, set().union(*map(leading_words, _CUES.values())))
_CLAUSE_SCAN = Anchored.of(
    _CLAUSE_BREAK,
    [*",;:()[]—", "while", "whereas", "but", "although", "followed"],
    after_space=("-", "–"),
)
SCANS = (_PERIOD_SCAN, _CUE_SCAN, _CLAUSE_SCAN)
"""The scans this module tries, for :func:`framescope.claims.anchored.searched`."""


# A sentence with several figures needs its cue words, periods and clauses once each; the
# caches are keyed on the sentence text.
@functools.lru_cache(maxsize=4096)
def _cue_spans(text: str) -> tuple[tuple[str, int, int, str], ...]:
    cues = _CUE_SCAN.finditer(text)
    return tuple((f.lastgroup or "", f.start(), f.end(), f.group(0)) for f in cues)


@functools.lru_cache(maxsize=4096)
def _clause_breaks(text: str) -> tuple[tuple[int, int], ...]:
    return tuple(found.span() for found in _CLAUSE_SCAN.finditer(text))


def _distance(a: tuple[int, int], b: tuple[int, int]) -> int:
    return max(0, b[0] - a[1], a[0] - b[1])


def metric_of(
    matcher: Matcher,
    spans: list[tuple[int, int, str]],
    quantity: Quantity,
    clause: tuple[int, int],
) -> tuple[str, str | None, str | None] | None:
    """(metric, the term that decided it, "sentence") from the sentence's term ``spans``, or
    None when the previous sentence decides (:func:`inherited_metric`)."""
    span = (quantity.start, quantity.end)
    if quantity.noun is not None:
        # A count says what it counts: only a term inside its noun ties it to a metric.
        inside = [t for t in spans if quantity.end <= t[0] and t[1] <= quantity.noun_end]
        if inside:
            return matcher.metric(inside[0][2]), inside[0][2], "sentence"
        return "other", None, None
    # The subject just before the number governs it ("imports fell 16% and trade rose 29%");
    # otherwise the nearest term, a term before the number winning a tie.
    governing = [t for t in spans if clause[0] <= t[0] and t[1] <= span[0] <= t[1] + 40]
    if governing:
        term = governing[-1][2]
        return matcher.metric(term), term, "sentence"
    if spans:
        term = min(spans, key=lambda t: (_distance(span, t[:2]), t[0] > span[0]))[2]
        return matcher.metric(term), term, "sentence"
    if quantity.unit == "count":
        return "other", None, None
    return None


def inherited_metric(matcher: Matcher, previous: str | None) -> tuple[str, str | None, str | None]:
    """The metric a figure with no term of its own takes from the previous sentence."""
    earlier = [t for t in matcher.term_spans(previous) if matcher.metric(t[2]) != "other"]
    metrics = {matcher.metric(t[2]) for t in earlier}
    if len(metrics) == 1:
        return metrics.pop(), earlier[-1][2], "previous_sentence"
    return "other", None, None


def clause_of(text: str, start: int, end: int) -> tuple[int, int]:
    """The bounds of the clause of ``text`` that holds ``start:end``: the sentence split at
    commas, semicolons, colons, brackets, dashes, "while", "but", "followed by".

    Examples
    --------
    >>> text = "Exports rose 30%, while imports fell 16% in 2022."
    >>> left, right = clause_of(text, 37, 40)
    >>> text[left:right]
    ' imports fell 16% in 2022.'
    """
    left, right = 0, len(text)
    for break_start, break_end in _clause_breaks(text):
        if break_end <= start:
            left = break_end
        elif break_start >= end:
            right = break_start
            break
    return left, right


def kind_of(text: str, quantity: Quantity, clause: tuple[int, int]) -> tuple[str, str | None]:
    """(kind, direction) of a figure from the cue words around it.

    Examples
    --------
    >>> text = "Exports rose 30%, while imports fell 16% in 2022."
    >>> kind_of(text, Quantity(37, 40, 16.0, 16.0, 16.0, "percent"), clause_of(text, 37, 40))
    ('change', 'down')
    """
    before = without_qualifier(text[: quantity.start])
    can_change = quantity.unit in {"percent", "percentage_points", "multiple"} or bool(
        search_end(_BY_BEFORE, before, len("by"))
    )
    cues = [c for c in _cue_spans(text) if c[0] != "change" or can_change]
    # "up" or "down" ends ``before``, or comes before a final "by".
    head = before.rstrip()
    head = head[:-2].rstrip() if head[-2:].lower() == "by" else head
    up_down = _UP_DOWN_BEFORE.search(before, max(0, len(head) - len("down")))
    if up_down and quantity.unit in {"percent", "percentage_points"}:
        cues.append(("change", up_down.start(1), up_down.end(1), up_down.group(1)))
    inside = [c for c in cues if clause[0] <= c[1] and c[2] <= clause[1]]
    if inside:
        order = {"target": 0, "forecast": 1, "change": 2}
        kind = min(inside, key=lambda c: order[c[0]])[0]
        changes = [c for c in inside if c[0] == "change"]
    elif cues:
        nearest = min(cues, key=lambda c: _distance((quantity.start, quantity.end), c[1:3]))
        kind = nearest[0]
        changes = [nearest] if kind == "change" else []
    else:
        kind, changes = ("change" if quantity.unit == "multiple" else "actual"), []
    if quantity.unit == "multiple" and kind == "actual":
        kind = "change"
    if kind != "change":
        return kind, None
    if quantity.unit == "multiple":
        return kind, "down" if quantity.value < 1 else "up"
    if not changes:
        return kind, None
    cue = min(changes, key=lambda c: _distance((quantity.start, quantity.end), c[1:3]))[3]
    down = _DOWN.match(cue) or cue.lower() == "down"
    up = cue.lower() == "up" or _UP.match(cue)
    return kind, "down" if down else ("up" if up else None)


def _month(name: str) -> int:
    return MONTH_NUMBERS[name.rstrip(".").lower()]


def _period_value(found: re.Match[str], year: int | None) -> str | None:
    group = found.lastgroup
    g = found.group
    if group == "range":
        y2 = int(g("y2"))
        y1 = int(g("y1")) if g("y1") else y2
        return f"{y1}-{_month(g('m1')):02d}..{y2}-{_month(g('m2')):02d}"
    if group == "dash":
        return f"{g('y3')}-{_month(g('m3')):02d}..{g('y3')}-{_month(g('m4')):02d}"
    if group == "first":
        months = int(grammar.number(g("n")))
        return f"{g('y4')}-01..{g('y4')}-{months:02d}" if 1 <= months <= 12 else None
    if group == "half":
        months = 6 if g("part").lower() == "half" else 3
        return f"{g('y5')}-01..{g('y5')}-{months:02d}"
    if group == "month":
        return f"{g('y6')}-{_month(g('m5')):02d}"
    if group == "years":
        first, second = g("y7"), g("y8")
        second = first[:2] + second if len(second) == 2 else second
        return f"{first}..{second}" if int(second) > int(first) else None
    if group == "year":
        return g("y9")
    if group == "relative":
        if year is None:
            return None
        offset = {"last": -1, "previous": -1, "this": 0, "next": 1}[g("which").lower()]
        return str(year + offset)
    return "annual"


@functools.lru_cache(maxsize=4096)
def _period_mentions(text: str, year: int | None) -> tuple[tuple[int, int, str, str], ...]:
    urls = url_spans(text)
    mentions = []
    for found in _PERIOD_SCAN.finditer(text):
        value = _period_value(found, year)
        if value is not None and not overlaps(*found.span(), urls):
            mentions.append((found.start(), found.end(), value, found.lastgroup or ""))
    return tuple(mentions)


def period_of(
    text: str, quantity: Quantity, clause: tuple[int, int], year: int | None
) -> str | None:
    """The period a figure is about; ``year`` (of publication) resolves "last year".

    Examples
    --------
    >>> text = "Exports rose 30%, while imports fell 16% in 2022."
    >>> period_of(text, Quantity(37, 40, 16.0, 16.0, 16.0, "percent"), (23, 49), None)
    '2022'
    """
    span = (quantity.start, quantity.end)
    mentions = _period_mentions(text, year)
    inside = [m for m in mentions if clause[0] <= m[0] and m[1] <= clause[1]]
    dated = [m for m in inside if m[3] != "annual"]
    if dated:
        return min(dated, key=lambda m: (_distance(span, m[:2]), m[0] > span[0]))[2]
    if inside:
        return "annual"
    earlier = [m for m in mentions if m[1] <= span[0] and m[3] != "annual"]
    return earlier[-1][2] if earlier else None
