"""Reporting clauses and their speakers: the one place a reporting verb gets its speaker
phrase (used by the quotes table, and by claims for the speaker of a figure).

A reporting verb (:data:`REPORTING_VERBS`: "said", "told", "claimed", "agreed", "revealed",
"according to", "citing", "quoted ... as saying", "declined to confirm", "pointed out", and
verbs of stance and appeal: "pledged", "urged", "called for", "called on", "praised",
"hailed", "touted", "condemned", "denounced", "decried", "criticised", "blamed", "accused",
"rejected", "described ... as", "voiced", "assured", ...) outside quotation marks attributes
its sentence to a speaker phrase (a lone straight quote after a comma or a full stop closes a
quotation opened in an earlier sentence: 'And we are able ...," Putin said.' is outside).
"reports", "claims" and "notes", more often nouns, count only before "that" or at the end of
the sentence ("..., TASS reports."); a verb of stance never attributes to a document
(:data:`DOCUMENTS`: "The plan calls on all parties"), "accused of" and "described as" with no
object are descriptions, and "called on Monday" or "a video call on Dec. 30" no appeal.

The speaker phrase is the clause before the verb, back to the previous comma, colon, quote
mark, "that", reporting verb or word that opens a clause inside it ("which", "what",
"while", "when", "after", ...: "a dinner at which Kremlin spokesman Dmitry Peskov said",
"even while Beijing declared"). When that is empty (the verb follows a comma or a quote), it
is the antecedent of "which" or "who" for a verb of saying ("Kyiv, which says ..."), else
the phrase after the verb ("..., said Ian Bremmer, chairman of Eurasia Group"), else the
subject before one comma-enclosed aside ("Kuleba, who also spoke with Blinken, said"; the
aside names the speaker when it starts with a name or an article: "the spokesman for ...,
Wang Wenbin, revealed"). "according to X", "citing X" and a passive "by X" ("cited by X",
"stated by X") always take the phrase after, without a time after it ("on March 20").

A phrase is trimmed to its subject: quote marks, connectives and adverbs around it go, a
leading prepositional phrase goes ("In the newspaper he" is "he"; "in the newspaper" alone
is nobody), and so does a noun whose relative clause the verb is in ("the alliance the two
presidents declared"). It is rejected when it reads as a verb phrase (auxiliaries,
negation, "it"/"we" subjects, a conditional "if", more than 10-12 words: "did not say", "if
he had told us", "the Kremlin has not confirmed"), or names no speaker
(:data:`NOT_SPEAKERS`: bare "data", a plural description such as "the two leaders" or "the
two major powers", an event such as "the visit"). A document is a speaker ("the statement
said"): its words are quoted, and the phrase is kept as written, because its issuer is not
always the previous speaker (a joint statement has two). "agreed to a partnership" and
"agreed to review the plan" are acts, not statements, and "said to be" a description.

The sentence's subject (:func:`main_subject`: after a dateline and a leading phrase such as
"On Monday,", names, possessives and titles before a verb) is the speaker of a verb whose
subject is elided after "and" ("Putin congratulated Xi ... and voiced hope") and of a
participle of saying after a comma (:data:`PARTICIPLES`: "Kremlin spokesman Dmitry Peskov
declined to give further details, telling reporters ..."), unless the participle follows an
attribution ("..., the Chinese president stressed, adding that").

A coordinated subject gives one phrase per speaker ("Xi and Putin said", "China and the
Kremlin said", "The US and its allies have argued"; not "the Chinese and Russian leaders" or
"officials in Moscow and Beijing"); two nationality words share the noun after them
("according to Russian and Chinese state media": Russian state media, Chinese state media),
and an event before the speakers is left out ("shortly before the invasion and U.S. and
European leaders have said").
A data source (:func:`data_source`: "Chinese customs data", "China's General Administration
of Customs", "official figures") is a speaker after "according to" or "citing" even in
lowercase, may be 14 words long, and is the only subject "showed"/"shows" attributes to
("customs data showed"); it is flagged ``_data`` so that it is never resolved to the country
it names. Limits: no parser, so a subject that does not open its sentence is not found for
an elided verb or a participle ("In Moscow on a visit that ..., Xi met Putin and said"), and
a subject list with commas ("Russia, China and India said") gives its last two only.

The words (:data:`REPORTING_VERBS`, :data:`DOCUMENTS`, :data:`PARTICIPLES`,
:data:`NOT_SPEAKERS`, :func:`data_source`) are in :mod:`framescope.rules.reporting`. Which
actor a phrase names is the quotes table's business (:mod:`framescope.framing.resolve`).
"""

from __future__ import annotations

import polars as pl

from framescope.rules import spans
from framescope.rules.nationalities import PATTERN as NATIONALITY
from framescope.rules.quotation import quote_marks, quoted
from framescope.rules.reporting import (
    CLAUSE_VERBS,
    DATA_ONLY,
    DATA_WORDS,
    DOCUMENTS,
    EVENTS,
    INVERTIBLE,
    NOT_SPEAKER_PATTERN,
    NOUN_LIKE,
    PAIR,
    PARTICIPLES,
    PRONOUNS,
    REPORTING_VERBS,
    STANCE,
    WORDS_FOLLOW,
    data_source,
)
from framescope.rules.spans import KEYS, texts_frame
from framescope.rules.terms import alternation, locate, normalised
from framescope.rules.words import DETERMINER, MONTHS

_BOUNDARY = r'[,;:“”"()\[\]—–]'
_NOT_BOUNDARY = r'[^,;:“”"()\[\]—–]'
_ADVERBS = (
    r"also|has|have|had|later|then|again|further|previously|once|recently|separately|"
    r"earlier|reportedly|publicly|repeatedly|already|still|too|first|on\s+\w+|last\s+\w+|"
    r"this\s+\w+|in\s+a\s+statement|long|strongly|sharply|firmly|openly|jointly|explicitly|"
    r"directly|personally|swiftly|quickly|immediately|loudly|widely|often|always|usually|"
    r"typically|normally|generally|regularly|frequently|consistently"
)
_CONNECTIVES = (
    r"and|but|or|so|yet|then|meanwhile|however|also|which|who|while|as|whereas|"
    r"although|though|earlier|later|separately|moreover|both"
)
# Words that open a clause inside the phrase before the verb; its subject follows them:
# "even while Beijing declared", "a dinner at which Kremlin spokesman Dmitry Peskov said",
# "the day after Putin said". "if", "whether" and "unless" are not among them: a condition
# is no attribution (see _speaker_ok).
_CLAUSE_OPENERS = (
    r"which|what|while|whereas|although|though|because|since|until|after|before|when|where"
)
_PREPOSITION = (
    r"in|on|at|for|with|to|from|into|during|under|through|over|about|of|like|per|despite|amid|"
    r"among|against|via|upon|throughout|within"
)
_DETERMINERS = r"the|a|an|his|her|its|their|our"
# Words that make a phrase a verb phrase or a clause rather than a speaker.
_NOT_SPEAKER = (
    r"(?i:(?-u:\b)(?:not|never|did|does|do|is|are|was|were|be|been|being|has|have|had|will|"
    r"would|can|could|may|might|must|should|shall|it|we|you|me|cannot)(?-u:\b)|n['’]t(?-u:\b))"
    r"|(?-u:\b)(?:I|us)(?-u:\b)"
)
_BAD_LAST = r"(?i)(?-u:\b)(?:to|and|or|but|the|a|an|of|for|that|which|who|with|by|in|on|at|as)$"


_WHEN_AFTER = (
    rf"(?i)(?:\s+(?:on|in|last|this|earlier|later|early|late)\s+(?:{'|'.join(MONTHS)}|Monday|"
    r"Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year)(?:\s+\d{1,2})?"
    r"|\s+(?:today|yesterday|earlier|later))+[\s.]*$"
)
"""A time after a speaker that follows its verb ("..., reported the press service on March
20"): not part of the speaker."""


_NOT_ADVERBS = ("ally", "rally", "family", "supply", "reply", "assembly", "monopoly", "anomaly",
                "july", "italy", "daily", "weekly", "monthly", "quarterly")  # fmt: skip
"""Words ending in "-ly" that end a speaker phrase as nouns ("Russia's closest ally said")."""


_ISSUED = (
    rf"^(?:{DETERMINER}\s+)?(?:[a-z-]+\s+){{0,2}}?"
    r"(?:statement|readout|communiqu[eé]|report|release|announcement|news|map|analysis|study|"
    r"survey|poll|estimate)\s+(?:from|by|of|issued\s+by|released\s+by)\s+"
)
"""A document before its issuer ("a statement from the ministry", "a report by TASS")."""


_NAME_ENDS = r"\s+(?:the\s+)?\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4}[\s.!]*$"
"""A name that ends the sentence."""


def _trim(phrase: pl.Expr) -> pl.Expr:
    """A candidate speaker phrase without the quote marks, connectives and adverbs around it
    (the listed ones, and any other "-ly" word before the verb: "They implicitly
    criticized")."""
    trimmed = (
        phrase.str.replace(r"^[\s.‘’'`]+", "")
        .str.replace(rf"(?i)^(?:(?:{_CONNECTIVES})\s+)+", "")
        # "a statement from the ministry said": the issuer speaks.
        .str.replace(_ISSUED, "")
        .str.replace(rf"(?i)(?:\s*(?-u:\b)(?:{_ADVERBS}))+\s*$", "")
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
    rf"\s+){{0,6}}(?:\p{{Lu}}[\p{{L}}.'’-]*|{_SUBJECT_NOUNS}|he|she|they))\s+(?:(?:{_ADVERBS}|[a-z]+ly)\s+)*"
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


def _subject_of(stripped: pl.Expr) -> pl.Expr:
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
        & ~stripped.str.contains(rf"^(?:{_DETERMINERS}|{_PREPOSITION}|both|all|some|many)(?:\s|$)")
    ).then(stripped)
    parts = noun_led.str.extract_groups(
        rf"^(?P<words>[a-z][\w-]*(?:\s+[a-z][\w-]*)*?)\s+(?P<rest>(?:{_DETERMINERS})\s.+)$"
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


def _at_most(phrase: pl.Expr, words: int) -> pl.Expr:
    # 1 to ``words`` words, as one match test: counting every word of a long clause first
    # took longer than all the other tests together.
    return phrase.str.contains(rf"^\s*(?:\S+\s+){{0,{words - 1}}}\S+\s*$").fill_null(False)


def _speaker_ok(phrase: pl.Expr, *, max_words: int) -> pl.Expr:
    return (
        phrase.is_not_null()
        & _at_most(phrase, max_words)
        & ~phrase.str.contains(_NOT_SPEAKER)
        & ~phrase.str.contains(r"(?i)^(?:if|whether|unless)(?-u:\b)")
        & ~phrase.str.contains(_BAD_LAST)
        & ~phrase.str.contains(r"['’]s$")
        & ~phrase.str.contains(rf"^{DETERMINER}$")
        & (~phrase.str.contains(NOT_SPEAKER_PATTERN) | phrase.str.contains(PAIR))
    ).fill_null(False)


def clauses(sentences: pl.LazyFrame, *, marks: pl.LazyFrame | None = None) -> pl.LazyFrame:
    """Reporting verbs outside quotes, with the speaker phrase each one attributes to.

    Returns ``article_id, sentence_idx, verb, speaker_text, _apposition, _side,
    _verb_start, _data, _part``, one row per speaker (two for "Xi and Putin said", numbered
    by ``_part``): ``_side`` says whether the speaker came before the verb ("left") or after
    it ("right"), ``_apposition`` is the text beside the speaker phrase that may name it,
    ``_data`` whether the phrase is a data source. ``sentences`` has ``article_id``,
    ``sentence_idx`` and ``text``; ``marks`` are their
    :func:`~framescope.rules.quotation.quote_marks` when already computed.

    Examples
    --------
    >>> s = pl.LazyFrame({"article_id": ["a"], "sentence_idx": [0],
    ...                   "text": ["“We agree,” said Ian Bremmer, and officials did not say."]})
    >>> clauses(s).select("verb", "speaker_text", "_side").collect().rows()
    [('say', 'Ian Bremmer', 'right')]
    """
    if marks is None:
        marks = quote_marks(sentences)
    verbs = alternation(REPORTING_VERBS)
    before = spans.before(pl.col("start"))
    after = spans.after(pl.col("end"))
    # The clause before the verb: back to the last boundary mark, "that" or reporting verb.
    # Removing everything up to that mark gives what a capture of the rest would, but needs
    # no capture groups, so the regex runs on its fast DFA (about 15x faster).
    up_to_segment = rf"(?s)^.*(?:{_BOUNDARY}|(?-u:\b)(?i:that|{_CLAUSE_OPENERS})(?-u:\b)|{verbs})"
    left = pl.col("_left")
    parenthesis = left.str.extract_groups(
        rf"(?P<subject>{_NOT_BOUNDARY}*),\s*(?P<aside>{_NOT_BOUNDARY}*),\s*$"
    )
    relative_end = r"(?i),\s*(?:which|who)\s*$"
    # The phrases after the verb are cut out by removals rather than captured, as above.
    from_boundary = rf"(?s){_BOUNDARY}.*$"
    # A relative clause ends the phrase: "according to a report by the Free Russia Foundation
    # that analysed 40 million records" names the foundation, not the analysis.
    relative = r"(?s)\s(?:that|which|who|whom|whose)(?-u:\b).*$"
    right = (
        after.str.replace(r"^\s*(?:by\s+)?", "")
        .str.replace(_ISSUED, "")
        .str.replace(from_boundary, "")
        .str.replace(relative, "")
        .str.replace(_WHEN_AFTER, "")
        .str.replace(r"[\s.]+$", "")
    )
    to_aside = rf"^\s*(?:by\s+)?{_NOT_BOUNDARY}*,\s*"
    right_aside = (
        pl.when(after.str.contains(to_aside))
        .then(after.str.replace(to_aside, "").str.replace(from_boundary, ""))
        .str.strip_chars()
    )
    name_like = (
        rf"^(?:(?:former|ex-)\s*)?"
        rf"(?:[A-Z]|{DETERMINER}\s|(?:one|two|three|four|five|six|several|some|many|\d+)\s)"
    )
    # After the verb, an unnamed source too ("citing people familiar with the issue"), and a
    # name with a lowercase particle ("according to von der Leyen").
    right_like = (
        rf"{name_like}|^(?:[a-z-]+\s+)?(?:people|sources|officials|diplomats|analysts|experts|"
        r"observers|insiders|residents|witnesses|agencies|media|outlets|newspapers)(?-u:\b)"
        r"|^(?:von|van|de|da|di|del|al|bin)\s+\p{Lu}"
    )
    invertible = pl.col("verb").is_in(INVERTIBLE)
    participle = pl.col("surface").str.to_lowercase().is_in(list(PARTICIPLES))
    # "..., the Chinese president stressed, adding that": the participle continues that
    # attribution, which has its speaker already.
    after_clause = rf"(?i)(?-u:\b)(?:{verbs})(?-u:\b){_NOT_BOUNDARY}{{0,60}},\s*$"
    comma_left = pl.when(participle).then(left).str.contains(r",\s*$").fill_null(False)
    participle_after_comma = comma_left & ~pl.when(comma_left).then(left).str.contains(
        after_clause
    ).fill_null(False)
    # "Putin congratulated Xi ... and voiced hope", "The ministry thanked ... but said".
    elided = (
        pl.when(~participle).then(left).str.contains(r"(?-u:\b)(?:and|but)\s*$").fill_null(False)
    )
    # "according to X" and "cited by X" name their source after the verb, always.
    forced_right = (pl.col("verb") == "according to") | after.str.contains(r"^\s*by\s")
    located = locate(sentences, {"verb": verbs})
    # "agreed to a partnership", "agreed on the text": an act, not a statement ("agreed that
    # ..." is one).
    # "agreed to review the plan", "agreed to discuss": an undertaking, not a statement,
    # unless their words are quoted ("agreed to “significantly increase” trade").
    agreed_to_thing = (pl.col("verb") == "agree") & (
        after.str.contains(
            rf"^(?:\s+\S+){{0,4}}?\s+(?i:to|on|upon)\s+(?:{_DETERMINERS}|this|that)\s"
        )
        | after.str.contains(r"^(?:\s+(?:also|jointly|to\s+jointly))?\s+to\s+[a-z]")
    )
    # "called each other “dear friend”", "calling Xi Jinping a “dear friend”": a name given in
    # someone's words, so a quotation follows the object; not "so-called", not "called the
    # meeting a success".
    named_so = pl.when(pl.col("verb") == "call").then(after).str.contains(
        r"^\s+(?:(?:each\s+other|one\s+another|him|her|them|it|"
        r"\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){0,3}|"
        r"(?:the|his|her|their|its)\s+[\w-]+(?:\s+[\w-]+)?)\s+)?"
        r"(?:(?:a|an|the|his|her|their|its|my|our)\s+)?[“\"‘]"
    ) & (pl.col("text").str.slice((pl.col("start") - 1).clip(0), 1) != "-")
    not_named = (pl.col("verb") == "call") & ~named_so.fill_null(False)
    # "Wang, said to be close to Xi": a description, not an attribution.
    said_to_be = (pl.col("verb") == "say") & after.str.contains(r"^\s+to\s+(?:be|have)\s")

    # "Putin, accused of war crimes", "what China described as": a participle or a relative
    # clause describing someone, not a statement; "described ... as" needs its "as".
    def after_for(*lemmas: str) -> pl.Expr:
        # The text after the verb, only for the rows of these lemmas (a regex on null is free).
        return pl.when(pl.col("verb").is_in(lemmas)).then(after)

    described = (
        after_for("accuse").str.contains(r"^\s+of\s")
        | (
            after_for("describe").str.contains(r"^\s+as\s")
            | ~after_for("describe").str.contains(r"\sas\s")
        )
        & ~after_for("describe").str.contains(r"^\s*by\s")
        # "called on Monday" (telephoned), "a video call on Dec. 30": no appeal.
        | after_for("call on").str.contains(
            rf"^\s+(?:the\s+)?(?:sidelines?|phone|\d|{'|'.join(MONTHS)}|Jan|Feb|Mar|Apr|Jun|Jul|"
            r"Aug|Sept?|Oct|Nov|Dec|Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
        )
    ).fill_null(False)
    noun_like = pl.col("surface").str.to_lowercase().is_in(NOUN_LIKE)
    words_follow = pl.col("verb").is_in(WORDS_FOLLOW)
    not_a_verb = (
        # "..., TASS reports.", "reports that", "claims to have", an inverted "..., reports
        # Agence France-Presse."
        noun_like
        & ~pl.when(noun_like)
        .then(after)
        .str.contains(
            rf"^(?:\s+(?:that|to|citing|with\s+reference\s+to)(?-u:\b)|[\s.!]*$|{_NAME_ENDS})"
        )
    ).fill_null(False) | (
        words_follow
        & ~pl.when(words_follow).then(after).str.contains(r"^(?:\s+that(?-u:\b)|[^.;]{0,25}[:“\"])")
    ).fill_null(False)
    candidates = (
        # A quotation carried over from the previous sentence ends at its closing ”; an
        # opening quote mark lost in scraping would otherwise hide the attribution after it.
        quoted(located, marks, carried=False)
        # A lone straight quote after a comma or a full stop closes a quotation opened in an
        # earlier sentence ('And we are able to overcome ... this year," Putin said.'): what
        # follows it is outside (tested only on the rows found quoted).
        .filter(
            ~pl.col("_quoted")
            | pl.when(pl.col("_quoted"))
            .then(before)
            .str.contains(r'^[^"“”]*[,.?!]"\s[^"“”]*$')
            .fill_null(False)
        )
        # A lookup, not a join: see framescope.rules.spans.
        .with_columns(
            normalised(pl.col("surface"))
            .replace_strict(REPORTING_VERBS, default=None, return_dtype=pl.String)
            .alias("verb")
        )
        .filter(~agreed_to_thing & ~said_to_be & ~described & ~not_a_verb & ~not_named)
        # "show" needs a data source before it: most "show"s are not verbs of saying.
        .filter(~pl.col("verb").is_in(DATA_ONLY) | before.str.contains(DATA_WORDS))
        .with_columns(
            # An acronym in brackets is no boundary: "Zhang Yuejiao, former chair of the
            # Appellate Body of the World Trade Organization (WTO), told Xinhua".
            before.str.replace(rf"(?i)(?:\s*(?-u:\b)(?:{_ADVERBS}))+\s*$", "")
            .str.replace_all(r"\s*\(\p{Lu}{2,10}\)", "")
            .alias("_left"),
            pl.col("start").alias("_verb_start"),
            forced_right.alias("_forced_right"),
            # After "according to X", only a name ending the sentence is X's apposition
            # ("according to Russia's top producer, Gazprom."), not the main clause after it.
            pl.when(
                ~forced_right
                | pl.when(forced_right)
                .then(after)
                .str.contains(r",\s*\p{Lu}[\p{L}.'’&-]*(?:\s+\p{Lu}[\p{L}.'’&-]*){0,3}[\s.]*$")
                .fill_null(False)
            )
            .then(right_aside)
            .alias("_right_aside"),
            right.alias("_right"),
        )
        .with_columns(
            _trim(left.str.replace(up_to_segment, "")).alias("_segment"),
            _trim(parenthesis.struct.field("subject").str.replace(up_to_segment, "")).alias(
                "_subject"
            ),
            parenthesis.struct.field("aside").str.strip_chars().alias("_aside"),
            data_source(pl.col("_right")).alias("_right_data"),
            _trim(left.str.extract(rf"({_NOT_BOUNDARY}+)\)\s*$", 1)).alias("_bracketed"),
            # A verb whose subject is elided ("Putin congratulated Xi ... and voiced hope")
            # or a participle after a comma ("..., telling reporters"): the sentence's subject.
            # Each test runs only on the rows it is for (a regex on null is free): on every
            # clause, the subject and the verb alternation made clauses a third slower.
            _trim(main_subject(pl.when(participle_after_comma | elided).then(before))).alias(
                "_main"
            ),
            # "Kyiv, which says ...": the relative clause's speaker is what it follows.
            _trim(
                pl.when(left.str.contains(relative_end)).then(
                    left.str.replace(relative_end, "").str.replace(up_to_segment, "")
                )
            ).alias("_antecedent"),
        )
        # In a stage of its own: each phrase is read several times by the subject rule, and
        # an expression used twice is computed twice.
        .with_columns(
            _subject_of(pl.col(name)).alias(name)
            for name in ("_segment", "_subject", "_bracketed", "_antecedent")
        )
        .with_columns(data_source(pl.col("_segment")).alias("_segment_data"))
    )
    # A data source may be longer: "the General Administration of Customs of the People's
    # Republic of China" is one.
    right_data = pl.col("_right_data")
    right_ok = (
        (invertible | pl.col("_forced_right"))
        & _speaker_ok(pl.col("_right"), max_words=14)
        & (_at_most(pl.col("_right"), 12) | right_data)
        & (pl.col("_right").str.contains(right_like).fill_null(False) | right_data)
    )
    segment_empty = pl.col("_segment").fill_null("") == ""
    segment_ok = _speaker_ok(pl.col("_segment"), max_words=14) & (
        _at_most(pl.col("_segment"), 10) | pl.col("_segment_data")
    )
    # Candidates in order: the clause before the verb; when that is empty (the verb follows
    # a comma or a quote), the phrase after an invertible verb ("..., said Ian Bremmer"),
    # then the subject before a comma-enclosed aside ("X, who ..., said"), then a subject
    # closed by a bracket.
    main_ok = _speaker_ok(pl.col("_main"), max_words=10) & ~pl.col("_main").str.contains(
        rf"^(?:{DETERMINER}\s+)?{NATIONALITY}$"
    ).fill_null(False)
    choice = (
        pl.when(pl.col("_forced_right"))
        .then(pl.when(right_ok).then(pl.lit("right")))
        .when(participle)
        .then(pl.when(main_ok).then(pl.lit("main")))
        .when(pl.col("_main").is_not_null() & main_ok)
        .then(pl.lit("main"))
        .when(~segment_empty)
        .then(pl.when(segment_ok).then(pl.lit("segment")))
        .when(pl.col("verb").is_in(CLAUSE_VERBS) & _speaker_ok(pl.col("_antecedent"), max_words=10))
        .then(pl.lit("antecedent"))
        .when(right_ok)
        .then(pl.lit("right"))
        .when(_speaker_ok(pl.col("_subject"), max_words=10))
        .then(pl.lit("subject"))
        .when(_speaker_ok(pl.col("_bracketed"), max_words=10))
        .then(pl.lit("bracketed"))
    )
    chosen = pl.col("_choice")
    chosen_clauses = (
        candidates.with_columns(choice.alias("_choice"))
        .filter(chosen.is_not_null())
        .select(
            *KEYS,
            "verb",
            pl.when(chosen == "right")
            .then(pl.col("_right"))
            .when(chosen == "segment")
            .then(pl.col("_segment"))
            .when(chosen == "subject")
            .then(pl.col("_subject"))
            .when(chosen == "antecedent")
            .then(pl.col("_antecedent"))
            .when(chosen == "main")
            .then(pl.col("_main"))
            .otherwise(pl.col("_bracketed"))
            .alias("speaker_text"),
            # Beside a speaker before the verb, an aside names it only when it starts like a
            # name (", Wang Wenbin,", not ", for its part," or ", who also spoke ..."); after
            # the verb, a relative clause may name it too ("the former diplomat, who signed
            # himself Shi Jiangtao").
            pl.when(chosen == "right")
            .then(pl.col("_right_aside"))
            .when((chosen == "subject") & pl.col("_aside").str.contains(name_like))
            .then(pl.col("_aside"))
            .alias("_apposition"),
            pl.when(chosen == "right")
            .then(pl.lit("right"))
            .otherwise(pl.lit("left"))
            .alias("_side"),
            "_verb_start",
            # Known already for the two common choices; read for the rare others.
            pl.when(chosen == "right")
            .then(pl.col("_right_data"))
            .when(chosen == "segment")
            .then(pl.col("_segment_data"))
            .otherwise(
                data_source(
                    pl.when(chosen == "subject")
                    .then(pl.col("_subject"))
                    .when(chosen == "antecedent")
                    .then(pl.col("_antecedent"))
                    .when(chosen == "bracketed")
                    .then(pl.col("_bracketed"))
                    .when(chosen == "main")
                    .then(pl.col("_main"))
                )
            )
            .alias("_data"),
        )
        .filter(~pl.col("verb").is_in(DATA_ONLY) | pl.col("_data"))
        .filter(~pl.col("verb").is_in(STANCE) | ~pl.col("speaker_text").str.contains(DOCUMENTS))
    )
    return _conjuncts(chosen_clauses)


_QUANTIFIERS = "[Ss]ome|[Mm]any|[Ss]everal|[Oo]ther|[Mm]ost|[Bb]oth"
"""Words that may open a coordinated subject before its nationality words ("Some Chinese and
Russian observers")."""


def _conjuncts(found: pl.LazyFrame) -> pl.LazyFrame:
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


def named(texts: pl.Series) -> pl.Series:
    """The speaker phrase of each text's first attribution (:func:`clauses`, in text order),
    pronouns left out; null where there is none. For code that reads texts, not a sentences
    table.

    Examples
    --------
    >>> named(pl.Series(["Trade rose, Reuters reported.", "He said so.", "No verb."])).to_list()
    ['Reuters', None, None]
    """
    frame = texts_frame(texts)
    found = (
        clauses(frame.lazy())
        .filter(~pl.col("speaker_text").str.to_lowercase().is_in(list(PRONOUNS)))
        .sort("sentence_idx", "_verb_start", "_part")
        .group_by("sentence_idx", maintain_order=True)
        .agg(pl.col("speaker_text").first())
        .collect()
    )
    return (
        frame.select("sentence_idx")
        .join(found, on="sentence_idx", how="left", maintain_order="left")["speaker_text"]
        .alias(texts.name)
    )
