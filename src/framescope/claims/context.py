"""What a figure is about: its metric, kind, direction and period, from its clause and sentence.

- ``metric``: from the profile's metric terms in the sentence (case-insensitive, word
  boundaries, longest first). A count takes a metric only from a term that starts inside its
  noun ("40 million Russian customs record entries", "500,000 barrels per day"), else
  ``other``. Any other figure takes the
  term that ends at most 40 characters before it in its clause, the subject of the number
  ("imports fell 16% and trade rose 29%"), else the nearest term in the sentence (a term
  before the number winning a tie). A metric's exclusions, and the generic phrases in
  :data:`~framescope.claims.matching.NOT_METRIC_TERMS` ("trade deficit"), are matched like
  terms and give ``other``, so "the trade deficit tripled" is not bilateral trade. A money,
  percent or multiple figure in a sentence with no term at all inherits the metric of the
  previous sentence when that sentence names exactly one metric ("... current account
  surplus ... The surplus of $227 billion ..."); ``metric_from`` says ``previous_sentence``
  then, and ``metric_term`` gives the term that decided.
- ``kind``: from the cue words that govern the figure, in this order of precedence:
  ``target`` (goals: "goal", "target", "aim", "objective", "intention", "seeking", "pledged",
  "task of", "ahead of schedule", and "plans", "hopes", "wants", "promised", "vowed",
  "agreed", "committed" before "to"), ``forecast`` (modals and future wording: "will",
  "would", "could", "can", "may" (lower case: "May" is the month), "might", "should",
  "expect", "forecast", "projected", "predicted", "outlook", "likely to", "is set to", "is
  seen", "is able to", "on track to", "estimated to", "estimates range"), ``change``
  ("rose", "fell", "contraction", "growth", "shrinking", "expanded", "up 29.3%", "26.3%
  higher"; only for percentages, multiples and amounts after "by": "rose to $190 billion"
  is a level, not a change), else ``actual``.
  A goal or forecast cue governs a figure when it is in the verb phrase that holds it: going
  back from the figure through its clause (the sentence split at commas, semicolons, colons,
  brackets, dashes, "while", "but", "followed by"), the figure's own verb with its
  auxiliaries and modals, up to a second finite verb, a word that opens a clause ("that",
  "which", "after") or 20 words (:func:`governing_start`). So "Putin said trade could reach
  $200 billion" is a forecast, "Putin said trade rose 30% to $185 billion" a change and a
  fact, "trade reached $190 billion, which would be a record" a fact, "the visit will
  deepen ties as trade reached $190 billion" a fact. A goal or forecast noun just after the
  figure also governs it ("a $50 billion target", "a 2.9% forecast"); "would" before
  "often", "usually", "later" (past habit) is no cue, nor a modal before "on the $5 billion
  deal", nor any goal or forecast for the level a move starts from ("grow from $190 billion
  to ..."). A change cue anywhere in the clause makes a change. A clause with no verb of its
  own before the figure ("The goal, agreed in 2019, is $200 billion"; "..., reaching $200
  billion") takes the nearest cue before it in the sentence. Multiples are changes unless a
  target or forecast cue says otherwise. ``direction`` (up/down) is set for changes when a
  cue says which.
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
from framescope.claims.anchored import Anchored, leading_words, lowered, search_end
from framescope.claims.matching import Matcher
from framescope.claims.scan import Quantity, overlaps, url_spans, without_qualifier
from framescope.rules.words import MONTH_NUMBERS

_CLAUSE_BREAK = re.compile(
    r",(?=\s)|[;:()\[\]—]|\s[-–]\s|(?<!\w)(?i:while|whereas|but|although|followed\s+by)(?!\w)"
)
_CUES = {
    "target": (
        r"goals?|targets?|targeted|targeting|aims?|aimed|aiming|objectives?|ambitions?"
        r"|aspirations?|intends?|intended|intending|intentions?|seeks?|seeking|sought"
        r"|strives?|striving|endeavou?rs?|pledged?|pledges|ahead\s+of\s+schedule"
        r"|tasks?\s+(?:of|to)|(?:plans?|planned|planning|hopes?|hoped|hoping|wants?|wanted"
        r"|promised?|promises|vowed?|vows|agreed?|agrees|committed)\s+to"
    ),
    "forecast": (
        r"expects?|expected|expecting|expectations?|forecasts?|forecasted|forecasting"
        r"|projected|projecting|projections?|predicts?|predicted|predicting|predictions?"
        r"|anticipated?|anticipates|anticipating|outlook|likely\s+to|poised\s+to"
        r"|(?:is|are|was|were)\s+set\s+to|(?:is|are)\s+seen|(?:is|are|be)\s+able\s+to"
        r"|on\s+(?:track|course|pace)\s+to|estimated\s+to"
        r"|estimates?\s+(?:range|ranging|of|for|put|at)"
        # A modal: "would" not in its past-habitual sense ("would often fall").
        r"|will|could|can|might|should|shall"
        r"|would(?!\s+(?:often|usually|typically|sometimes|always|regularly|frequently"
        r"|normally|routinely|later)(?![\w-]))"
    ),
    "change": (
        r"rose|rise|rises|risen|rising|fell|fall|falls|fallen|falling|grew|grow|grows|grown"
        r"|growing|growth|increased?|increases|increasing|decreased?|decreases|decreasing"
        r"|declined?|declines|declining|dropped|drops?|contraction|contracted|contracting"
        r"|shrank|shrinks?|shrunk|shrinking|expand|expands|expanded|expanding|expansion"
        r"|jumped|jumps?|surged?|surges|soared?|soars|plunged?|plunges|slumped?"
        r"|slumps|gained|gains?|climbed?|climbs|year-on-year|year\s+on\s+year|yoy"
        r"|compared\s+(?:to|with)|from\s+a\s+year\s+earlier"
    ),
}
# "may" only in lower case: "May" is a month far more often than a modal.
_MAY = r"|(?-i:may)"
_CUE = re.compile(
    "|".join(
        rf"(?P<{kind}>(?<![\w-])(?i:{words}{_MAY if kind == 'forecast' else ''})(?![\w-]))"
        for kind, words in _CUES.items()
    )
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
_CUE_SCAN = Anchored.of(_CUE, {"may"}.union(*map(leading_words, _CUES.values())))
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
        # A count says what it counts: only a term that starts inside its noun ties it to a
        # metric ("500,000 barrels per day": the term "barrels per day" runs past the noun).
        inside = [t for t in spans if quantity.end <= t[0] < quantity.noun_end]
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


_WORD = re.compile(r"[^\W\d_][\w’'-]*")
_MAX_PHRASE_WORDS = 20
# A past tense after one of these is an adjective: "the agreed $200 billion".
_PAST_BEFORE = {"the", "a", "an", "its", "their", "his", "her", "this", "these", "those", "our"}
# After a figure: the noun or participle that makes it a goal or a forecast ("a $50 billion
# target", "a 2.9% forecast", "6.5 per cent it predicted"), within a few words.
_TAIL_WORDS = 3
_TAIL_CUES = {
    **dict.fromkeys(("target", "targets", "targeted", "goal", "goals", "objective"), "target"),
    **dict.fromkeys(
        (
            "forecast", "forecasts", "forecasted", "projection", "projections", "projected",
            "predicted", "prediction", "estimate", "estimates", "outlook",
        ),
        "forecast",
    ),
}  # fmt: skip
_TAIL_STOPS = grammar.SUBORDINATORS | {
    "and", "or", "but", "than", "as", "with", "by", "in", "on", "at", "for", "from", "to",
    "against", "compared", "of", "while",
}  # fmt: skip
_CHANGE_AFTER = re.compile(r"\s+(higher|lower|up|down)(?![\w-])", re.IGNORECASE)
_RANGE_VERBS = {"range", "ranges", "ranged", "ranging"}
_ON_BEFORE = re.compile(r"(?i)(?<![\w-])(?:on|upon)\s+(?:(?:the|a|an|its|their|this|that)\s+)?$")


# A verb phrase of 20 words fits in this many characters before a figure.
_LEAD_CHARS = 240


def _words(text: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """The words of ``text[start:end]``, lowercase, with their offsets."""
    low = lowered(text)
    if low is not None:
        return [(m.start(), m.end(), m.group()) for m in _WORD.finditer(low, start, end)]
    return [(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text, start, end)]


def _adverb(word: str) -> bool:
    return word in grammar.ADVERBS or (len(word) > 4 and word.endswith("ly"))


def _verb_form(word: str) -> bool:
    """A word that can be a finite verb: a modal, an auxiliary or a past tense."""
    return (
        word in grammar.MODALS
        or word in grammar.FINITE_AUXILIARIES
        or word in grammar.IRREGULAR_PAST
        or (len(word) >= 5 and word.endswith("ed") and word not in grammar.NOT_PAST)
    )


def _finite(words: list[tuple[int, int, str]], at: int) -> bool:
    """Whether ``words[at]`` is a finite verb: a verb form that no auxiliary, modal or "to"
    comes before ("has reached", "could hit" are not), nor, for a past tense, a determiner
    ("the agreed $200 billion")."""
    word = words[at][2]
    if not _verb_form(word):
        return False
    before = at - 1
    while before >= 0 and _adverb(words[before][2]):
        before -= 1
    previous = words[before][2] if before >= 0 else ""
    if previous in grammar.BEFORE_NON_FINITE:
        return False
    modal = word in grammar.MODALS or word in grammar.FINITE_AUXILIARIES
    return modal or previous not in _PAST_BEFORE


def governing_start(text: str, clause: tuple[int, int], start: int) -> tuple[int, bool]:
    """Where the verb phrase that holds the figure at ``start`` begins in its ``clause``, and
    whether the clause has a verb of its own before the figure (not one that opens it: "is
    $200 billion" after "The goal, agreed in 2019," continues the clause before).

    Going back from the figure, the phrase takes the figure's own verb with its auxiliaries
    and modals ("could reach", "is expected to hit") and ends before a second finite verb
    ("Putin *said* trade could reach"), a word that opens a clause ("that", "which",
    "after") or 20 words. A finite verb is a modal, an auxiliary or a past tense that no
    auxiliary, modal or "to" comes before.

    Examples
    --------
    >>> text = "Putin said trade could reach $200 billion."
    >>> at, finite = governing_start(text, (0, len(text)), text.index("$"))
    >>> text[at:text.index("$")], finite
    (' trade could reach ', True)
    """
    window = max(clause[0], start - _LEAD_CHARS)
    words = _words(text, window, start)
    if not words:  # only numbers and signs before it ("$1 $1 $1 ..."): no verb to govern it
        return window, False
    finite = 0
    for at in range(len(words) - 1, max(0, len(words) - 1 - _MAX_PHRASE_WORDS) - 1, -1):
        _, word_end, word = words[at]
        if word in grammar.SUBORDINATORS:
            return word_end, finite > 0
        if _finite(words, at):
            finite += 1
            if finite == 2:
                return word_end, True
    if len(words) - 1 > _MAX_PHRASE_WORDS or window > clause[0]:
        return words[max(0, len(words) - 1 - _MAX_PHRASE_WORDS)][0], finite > 0
    opens_with_verb = bool(words) and (_verb_form(words[0][2]) or words[0][2].endswith("ing"))
    return clause[0], finite > 0 and not opens_with_verb


def _tail_cues(
    text: str, quantity: Quantity, clause: tuple[int, int]
) -> list[tuple[str, int, int, str]]:
    """The goal or forecast nouns just after a figure ("a $50 billion target")."""
    found = []
    for word_start, word_end, word in _words(text, quantity.end, clause[1])[:_TAIL_WORDS]:
        if word in _TAIL_STOPS:
            break
        if word in _TAIL_CUES:
            found.append((_TAIL_CUES[word], word_start, word_end, word))
    return found


def _starting_level(before: str, quantity: Quantity) -> bool:
    """Whether the figure is the level a move starts from ("grow from $190 billion to ..."),
    not what a goal or forecast is about; "estimates range from $215 to $220 billion" is."""
    words = before[-40:].split()
    return (
        len(words) >= 1
        and words[-1].lower() == "from"
        and quantity.low == quantity.high
        and (len(words) < 2 or words[-2].lower() not in _RANGE_VERBS)
    )


def kind_of(text: str, quantity: Quantity, clause: tuple[int, int]) -> tuple[str, str | None]:
    """(kind, direction) of a figure from the cue words around it.

    Examples
    --------
    >>> text = "Exports rose 30%, while imports fell 16% in 2022."
    >>> kind_of(text, Quantity(37, 40, 16.0, 16.0, 16.0, "percent"), clause_of(text, 37, 40))
    ('change', 'down')
    >>> text = "Putin said trade could reach $200 billion in 2023."
    >>> kind_of(text, Quantity(29, 41, 2e11, 2e11, 2e11, "USD"), clause_of(text, 29, 41))
    ('forecast', None)
    """
    before = without_qualifier(text[: quantity.start])
    percent = quantity.unit in {"percent", "percentage_points"}
    can_change = quantity.unit in {"percent", "percentage_points", "multiple"} or bool(
        search_end(_BY_BEFORE, before, len("by"))
    )
    cues = [c for c in _cue_spans(text) if c[0] != "change" or can_change]
    # "up" or "down" ends ``before``, or comes before a final "by"; "higher" or "lower"
    # follows a percentage ("26.3% higher than").
    head = before.rstrip()
    head = head[:-2].rstrip() if head[-2:].lower() == "by" else head
    up_down = _UP_DOWN_BEFORE.search(before, max(0, len(head) - len("down")))
    if up_down and percent:
        cues.append(("change", up_down.start(1), up_down.end(1), up_down.group(1)))
    after = _CHANGE_AFTER.match(text, quantity.end)
    if after and percent and after.end() <= clause[1]:
        cues.append(("change", after.start(1), after.end(1), after.group(1)))
    inside = [c for c in cues if clause[0] <= c[1] and c[2] <= clause[1]]
    # A goal or forecast word counts only where it governs the figure: in the verb phrase
    # that holds it ("said trade could reach $200 billion", not "trade reached $190 billion,
    # which would be a record"), or as the noun just after it.
    phrase, has_verb = governing_start(text, clause, quantity.start)
    governing = [c for c in inside if c[0] != "change" and phrase <= c[1] and c[2] <= len(before)]
    if _ON_BEFORE.search(before[-20:]):
        # "would not comment on the $5 billion deal": the figure names a thing, it is not
        # what the modal is about.
        governing = [c for c in governing if c[3].lower() not in grammar.MODALS]
    governing += _tail_cues(text, quantity, clause)
    changes = [c for c in inside if c[0] == "change"]
    # The level a move starts from is not what its goal or forecast is about.
    level = _starting_level(before, quantity)
    if governing and not level:
        kind = "target" if any(c[0] == "target" for c in governing) else "forecast"
    elif changes:
        kind = "change"
    elif not (has_verb or level) and (earlier := [c for c in cues if c[2] <= clause[0]]):
        # A clause with no verb of its own before the figure continues an earlier one
        # ("The goal, agreed in 2019, is $200 billion"): the nearest cue before it decides.
        nearest = max(earlier, key=lambda c: c[2])
        kind = nearest[0]
        changes = [nearest] if kind == "change" else []
    else:
        kind = "actual"
    if quantity.unit == "multiple" and kind == "actual":
        kind = "change"
    if kind != "change":
        return kind, None
    if quantity.unit == "multiple":
        return kind, "down" if quantity.value < 1 else "up"
    if not changes:
        return kind, None
    cue = min(changes, key=lambda c: _distance((quantity.start, quantity.end), c[1:3]))[3]
    down = _DOWN.match(cue) or cue.lower() in {"down", "lower"}
    up = cue.lower() in {"up", "higher"} or _UP.match(cue)
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
