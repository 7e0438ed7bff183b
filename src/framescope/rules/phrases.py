"""Speaker phrases: what of a candidate phrase is its speaker, whether it can be one, and one
phrase per speaker of a coordinated subject. Used by :func:`framescope.rules.speakers.clauses`,
which finds the candidates (the clause before a reporting verb, the phrase after it, ...).

A phrase is trimmed to its subject (:func:`trim`, :func:`subject_of`): quote marks,
connectives and adverbs around it go, a leading prepositional phrase goes ("In the newspaper
he" is "he"; "in the newspaper" alone is nobody), and so does a noun whose relative clause
the verb is in ("the alliance the two presidents declared"). It is rejected
(:func:`speaker_ok`) when it reads as a verb phrase (auxiliaries, negation, "it"/"we"
subjects, a conditional "if", more than 10-12 words: "did not say", "if he had told us",
"the Kremlin has not confirmed"), or names no speaker
(:data:`~framescope.rules.reporting.NOT_SPEAKERS`: bare "data", a plural description such
as "the two major powers", an event such as "the visit"; "the two leaders" is kept for the
pair it names).

The sentence's subject (:func:`main_subject`: after a dateline and a leading phrase such as
"On Monday,", names, possessives and titles before a verb) speaks for a verb whose subject is
elided and for a participle of saying after a comma.

A coordinated subject gives one phrase per speaker (:func:`conjuncts`: "Xi and Putin said",
"China and the Kremlin said", "The US and its allies have argued"; not "officials in Moscow
and Beijing"); two nationality words share the noun after them ("according to Russian and
Chinese state media": Russian state media, Chinese state media), and an event before the
speakers is left out ("shortly before the invasion and U.S. and European leaders have
said"). Limit: a subject list with commas ("Russia, China and India said") gives its last
two only.
"""

from __future__ import annotations

import polars as pl

from framescope.rules.nationalities import PATTERN as NATIONALITY
from framescope.rules.reporting import EVENTS, NOT_SPEAKER_PATTERN, PAIR
from framescope.rules.words import DETERMINER

ADVERBS = (
    r"also|has|have|had|later|then|again|further|previously|once|recently|separately|"
    r"earlier|reportedly|publicly|repeatedly|already|still|too|first|on\s+\w+|last\s+\w+|"
    r"this\s+\w+|in\s+a\s+statement|long|strongly|sharply|firmly|openly|jointly|explicitly|"
    r"directly|personally|swiftly|quickly|immediately|loudly|widely|often|always|usually|"
    r"typically|normally|generally|regularly|frequently|consistently"
)
"""Adverbs (and "has", "on Monday", "in a statement") that go from the end of a phrase
before its verb ("Putin has also said")."""
_CONNECTIVES = (
    r"and|but|or|so|yet|then|meanwhile|however|also|which|who|while|as|whereas|"
    r"although|though|earlier|later|separately|moreover|both"
)
_PREPOSITION = (
    r"in|on|at|for|with|to|from|into|during|under|through|over|about|of|like|per|despite|amid|"
    r"among|against|via|upon|throughout|within"
)
DETERMINERS = r"the|a|an|his|her|its|their|our"
"""Words that open a noun phrase ("the alliance the two presidents declared")."""
# Words that make a phrase a verb phrase or a clause rather than a speaker.
_NOT_SPEAKER = (
    r"(?i:(?-u:\b)(?:not|never|did|does|do|is|are|was|were|be|been|being|has|have|had|will|"
    r"would|can|could|may|might|must|should|shall|it|we|you|me|cannot)(?-u:\b)|n['’]t(?-u:\b))"
    r"|(?-u:\b)(?:I|us)(?-u:\b)"
)
_BAD_LAST = r"(?i)(?-u:\b)(?:to|and|or|but|the|a|an|of|for|that|which|who|with|by|in|on|at|as)$"


_NOT_ADVERBS = ("ally", "rally", "family", "supply", "reply", "assembly", "monopoly", "anomaly",
                "july", "italy", "daily", "weekly", "monthly", "quarterly")  # fmt: skip
"""Words ending in "-ly" that end a speaker phrase as nouns ("Russia's closest ally said")."""


ISSUED = (
    rf"^(?:{DETERMINER}\s+)?(?:[a-z-]+\s+){{0,2}}?"
    r"(?:statement|readout|communiqu[eé]|report|release|announcement|news|map|analysis|study|"
    r"survey|poll|estimate)\s+(?:from|by|of|issued\s+by|released\s+by)\s+"
)
"""A document before its issuer ("a statement from the ministry", "a report by TASS")."""


def trim(phrase: pl.Expr) -> pl.Expr:
    """A candidate speaker phrase without the quote marks, connectives and adverbs around it
    (the listed ones, and any other "-ly" word before the verb: "They implicitly
    criticized")."""
    trimmed = (
        phrase.str.replace(r"^[\s.‘’'`]+", "")
        .str.replace(rf"(?i)^(?:(?:{_CONNECTIVES})\s+)+", "")
        # "a statement from the ministry said": the issuer speaks.
        .str.replace(ISSUED, "")
        .str.replace(rf"(?i)(?:\s*(?-u:\b)(?:{ADVERBS}))+\s*$", "")
        .str.strip_chars()
    )
    last_ly = trimmed.str.extract(r"\s([a-z]{2,}ly)$", 1)
    return (
        pl.when(last_ly.is_not_null() & ~last_ly.is_in(list(_NOT_ADVERBS)))
        .then(trimmed.str.replace(r"\s+[a-z]{2,}ly$", ""))
        .otherwise(trimmed)
    )


_SUBJECT_NOUNS = (
    r"spokes(?:man|woman|person)|aide|adviser|advisor|president|leader|minister|administration|"
    r"government|ministry|foreign|state|official|envoy|ambassador|secretary|premier|chief|head|"
    r"media|side|counterpart|diplomat"
)
_OPENING = (
    r"^(?:[^—–]{0,80}\(\w+\)\s*[—–-]+\s*|[A-Z][A-Z ,.'-]{2,60}[—–]\s*)?"  # a dateline
    r"(?:(?:On|In|At|During|After|Before|Earlier|Later|Early|Late|Meanwhile|However|Separately|"
    r"Speaking|Asked|Answering|Last|This|Also|Still|Yet|Now|Instead|Previously|Then|Finally|"
    r"Shortly|Following|Despite|Amid|When|While|As|Although|Since|Hours|Days|Weeks)(?-u:\b)"
    r"[^,]{0,60},\s*)?"
)
_IRREGULAR = (
    "met|held|told|spoke|made|gave|took|sent|went|came|saw|left|began|wrote|led|brought|put|"
    "set|hit|cut|won|sought|chose|drew|flew|got|kept|paid|ran|said|stood|struck|sat|found|"
    "heard|felt|meant|knew|thought|bought|fell|rose|grew|became|shook|broke|spent|lost|"
    "has|have|had|is|are|was|were|will|would|can|could|did|does|do|may|might|must|should"
)
_MAIN_SUBJECT = (
    rf"{_OPENING}((?:{DETERMINER}\s+)?(?:(?:\p{{Lu}}[\p{{L}}.'’-]*(?:['’]s)?|{_SUBJECT_NOUNS}|and|of)"
    rf"\s+){{0,6}}(?:\p{{Lu}}[\p{{L}}.'’-]*|{_SUBJECT_NOUNS}|he|she|they))\s+(?:(?:{ADVERBS}|[a-z]+ly)\s+)*"
    rf"(?:[a-z]+(?:ed|s)|{_IRREGULAR})(?-u:\b)"
)


def main_subject(before: pl.Expr) -> pl.Expr:
    """The subject that opens a sentence (after a dateline and a leading phrase such as "On
    Monday,"): names, a possessive and titles before its first lowercase word, for a verb
    whose subject is elided ("Putin congratulated Xi ... and voiced hope") or a participle
    after a comma ("Ukraine's president invited his Chinese counterpart ..., saying").

    Examples
    --------
    >>> s = pl.Series(["Kremlin spokesman Dmitry Peskov declined to give details, ",
    ...     "ON A TRAIN, Ukraine (AP) — Ukraine's president invited Xi, ",
    ...     "On Monday, he welcomed the plan and ", "“We agree,” he said, ",
    ...     "Early on Wednesday, Gazprom completely halted the flow, "])
    >>> s.to_frame("b").select(main_subject(pl.col("b"))).to_series().to_list()
    ['Kremlin spokesman Dmitry Peskov', "Ukraine's president", 'he', None, 'Gazprom']
    """
    return before.str.extract(_MAIN_SUBJECT, 1)


def subject_of(stripped: pl.Expr) -> pl.Expr:
    """A trimmed phrase without what only leads to its subject: a prepositional phrase ("In
    the newspaper he" is "he"; "in the newspaper" alone is nobody) and a noun whose relative
    clause the verb is in ("the alliance the two presidents declared": "the two
    presidents")."""
    # The captures below run only on the few phrases each rule is for (a regex on null is
    # free): on every phrase they made clauses a third slower.
    led = pl.when(stripped.str.contains(rf"(?i)^(?:{_PREPOSITION}|by)\s")).then(stripped)
    subject = led.str.extract(
        r"(?:^|\s)((?:[Hh]e|[Ss]he|[Tt]hey)|\p{Lu}[\p{L}\p{N}.'’-]*(?:\s+\p{Lu}[\p{L}\p{N}.'’-]*)*)$",
        1,
    )
    noun_led = pl.when(
        stripped.str.contains(r"^[a-z]")
        & ~stripped.str.contains(rf"^(?:{DETERMINERS}|{_PREPOSITION}|both|all|some|many)(?:\s|$)")
    ).then(stripped)
    parts = noun_led.str.extract_groups(
        rf"^(?P<words>[a-z][\w-]*(?:\s+[a-z][\w-]*)*?)\s+(?P<rest>(?:{DETERMINERS})\s.+)$"
    )
    is_relative = parts.struct.field("rest").is_not_null() & ~parts.struct.field(
        "words"
    ).str.contains(rf"(?:^|\s)(?:{_PREPOSITION}|and|or|by|as)$")
    return (
        pl.when(led.is_not_null())
        .then(subject)
        .when(is_relative.fill_null(False))
        .then(parts.struct.field("rest"))
        .otherwise(stripped)
    )


def at_most(phrase: pl.Expr, words: int) -> pl.Expr:
    """Whether a phrase has 1 to ``words`` words (false for null)."""
    # 1 to ``words`` words, as one match test: counting every word of a long clause first
    # took longer than all the other tests together.
    return phrase.str.contains(rf"^\s*(?:\S+\s+){{0,{words - 1}}}\S+\s*$").fill_null(False)


def speaker_ok(phrase: pl.Expr, *, max_words: int) -> pl.Expr:
    """Whether a trimmed phrase can be a speaker: at most ``max_words`` words, not a verb
    phrase, a condition or a possessive, not ending on a function word, and naming someone
    (``NOT_SPEAKER_PATTERN``, except the pair "the two leaders").

    Examples
    --------
    >>> s = pl.Series(["Wang Wenbin", "the Kremlin has not confirmed", "if he", "the"])
    >>> s.to_frame("p").select(speaker_ok(pl.col("p"), max_words=10)).to_series().to_list()
    [True, False, False, False]
    """
    return (
        phrase.is_not_null()
        & at_most(phrase, max_words)
        & ~phrase.str.contains(_NOT_SPEAKER)
        & ~phrase.str.contains(r"(?i)^(?:if|whether|unless)(?-u:\b)")
        & ~phrase.str.contains(_BAD_LAST)
        & ~phrase.str.contains(r"['’]s$")
        & ~phrase.str.contains(rf"^{DETERMINER}$")
        & (~phrase.str.contains(NOT_SPEAKER_PATTERN) | phrase.str.contains(PAIR))
    ).fill_null(False)


_QUANTIFIERS = "[Ss]ome|[Mm]any|[Ss]everal|[Oo]ther|[Mm]ost|[Bb]oth"
"""Words that may open a coordinated subject before its nationality words ("Some Chinese and
Russian observers")."""


def conjuncts(found: pl.LazyFrame) -> pl.LazyFrame:
    """One row per speaker of a coordinated subject ("Xi and Putin said", "China and the
    Kremlin said", "The US and its allies have argued"), numbered by ``_part``. A phrase is
    split on "and" when every part starts like a name or with an article and the first part
    does not hold a preposition ("officials in Moscow and Beijing"); two nationality words
    share the noun after them ("Russian and Chinese state media": Russian state media and
    Chinese state media); an event before the speakers goes ("the invasion and U.S. and
    European leaders"); an aside naming the speaker goes with the last part."""
    # Tests on the whole phrase, not on a list of its parts, and only on phrases with an
    # "and" (a regex on null is free): list work on every clause took longer than all the
    # rest of the rule.
    # An event before the speakers is what the clause opened after ("shortly before the
    # invasion and U.S. and European leaders have said"), and two nationality words share the
    # noun after the second ("Russian and Chinese state media": Russian state media, Chinese
    # state media; "U.S. and European leaders").
    text = (
        pl.when(pl.col("speaker_text").str.contains(r"\sand\s") & ~pl.col("_data"))
        .then(pl.col("speaker_text"))
        .str.replace(rf"(?i)^(?:{DETERMINER}\s+)?(?:[\w-]+\s+){{0,2}}?(?:{EVENTS})\s+and\s+", "")
        .str.replace(
            rf"^(?:(?:{DETERMINER}|{_QUANTIFIERS})\s+)?({NATIONALITY})\s+and\s+({NATIONALITY})\s+([^\s].*)$",
            "$1 $3 and $2 $3",
        )
    )
    starts = rf"(?:\p{{Lu}}|{DETERMINER}\s)"
    first = text.str.replace(r"\s+and\s.*$", "")
    coordinated = (
        text.str.contains(rf"^{starts}")
        & (text.str.count_matches(r"\sand\s") == text.str.count_matches(rf"\sand\s+{starts}"))
        & ~(
            first.str.contains(rf"^(?:{DETERMINER}\s+)?{NATIONALITY}$")
            & text.str.contains(rf"\sand\s+{NATIONALITY}\s")
        )
        & ~first.str.contains(rf"(?i)(?-u:\b)(?:{_PREPOSITION}|by)(?-u:\b)")
    ).fill_null(False)
    split = (
        pl.when(coordinated).then(text.str.split(" and ")).otherwise(pl.concat_list("speaker_text"))
    )
    return (
        found.with_columns(split.alias("speaker_text"))
        .with_columns(
            pl.int_ranges(0, pl.col("speaker_text").list.len(), dtype=pl.Int32).alias("_part")
        )
        .with_columns((pl.col("_part").list.len() - 1).alias("_last_part"))
        .explode("speaker_text", "_part")
        .with_columns(
            pl.col("speaker_text").str.strip_chars(),
            pl.when(pl.col("_part") == pl.col("_last_part"))
            .then(pl.col("_apposition"))
            .alias("_apposition"),
        )
        .drop("_last_part")
    )
