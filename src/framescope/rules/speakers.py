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

A phrase is trimmed to its subject ("In the newspaper he" is "he"; "in the newspaper" alone
is nobody) and rejected when it reads as a verb phrase ("did not say", "if he had told us",
more than 10-12 words) or names no speaker (:data:`NOT_SPEAKERS`: bare "data", "the two
major powers", "the visit"); a coordinated subject gives one phrase per speaker ("Xi and
Putin said"; "according to Russian and Chinese state media": Russian state media, Chinese
state media). These rules are in :mod:`framescope.rules.phrases`. A document is a speaker
("the statement said"): its words are quoted, and the phrase is kept as written, because its
issuer is not always the previous speaker (a joint statement has two). "agreed to a
partnership" and "agreed to review the plan" are acts, not statements, and "said to be" a
description.

The sentence's subject (:func:`~framescope.rules.phrases.main_subject`: after a dateline and
a leading phrase such as "On Monday,", names, possessives and titles before a verb) is the
speaker of a verb whose subject is elided after "and" ("Putin congratulated Xi ... and
voiced hope") and of a participle of saying after a comma (:data:`PARTICIPLES`: "Kremlin
spokesman Dmitry Peskov declined to give further details, telling reporters ..."), unless
the participle follows an attribution ("..., the Chinese president stressed, adding that").

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
from framescope.rules.phrases import (
    ADVERBS,
    DETERMINERS,
    ISSUED,
    at_most,
    conjuncts,
    main_subject,
    speaker_ok,
    subject_of,
    trim,
)
from framescope.rules.quotation import quote_marks, quoted
from framescope.rules.reporting import (
    CLAUSE_VERBS,
    DATA_ONLY,
    DATA_WORDS,
    DOCUMENTS,
    INVERTIBLE,
    NOUN_LIKE,
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
# Words that open a clause inside the phrase before the verb; its subject follows them:
# "even while Beijing declared", "a dinner at which Kremlin spokesman Dmitry Peskov said",
# "the day after Putin said". "if", "whether" and "unless" are not among them: a condition
# is no attribution (see framescope.rules.phrases.speaker_ok).
_CLAUSE_OPENERS = (
    r"which|what|while|whereas|although|though|because|since|until|after|before|when|where"
)


_WHEN_AFTER = (
    rf"(?i)(?:\s+(?:on|in|last|this|earlier|later|early|late)\s+(?:{'|'.join(MONTHS)}|Monday|"
    r"Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday|week|month|year)(?:\s+\d{1,2})?"
    r"|\s+(?:today|yesterday|earlier|later))+[\s.]*$"
)
"""A time after a speaker that follows its verb ("..., reported the press service on March
20"): not part of the speaker."""


_NAME_ENDS = r"\s+(?:the\s+)?\p{Lu}[\p{L}.'’-]*(?:\s+\p{Lu}[\p{L}.'’-]*){0,4}[\s.!]*$"
"""A name that ends the sentence."""


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
        .str.replace(ISSUED, "")
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
            rf"^(?:\s+\S+){{0,4}}?\s+(?i:to|on|upon)\s+(?:{DETERMINERS}|this|that)\s"
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
            before.str.replace(rf"(?i)(?:\s*(?-u:\b)(?:{ADVERBS}))+\s*$", "")
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
            trim(left.str.replace(up_to_segment, "")).alias("_segment"),
            trim(parenthesis.struct.field("subject").str.replace(up_to_segment, "")).alias(
                "_subject"
            ),
            parenthesis.struct.field("aside").str.strip_chars().alias("_aside"),
            data_source(pl.col("_right")).alias("_right_data"),
            trim(left.str.extract(rf"({_NOT_BOUNDARY}+)\)\s*$", 1)).alias("_bracketed"),
            # A verb whose subject is elided ("Putin congratulated Xi ... and voiced hope")
            # or a participle after a comma ("..., telling reporters"): the sentence's subject.
            # Each test runs only on the rows it is for (a regex on null is free): on every
            # clause, the subject and the verb alternation made clauses a third slower.
            trim(main_subject(pl.when(participle_after_comma | elided).then(before))).alias(
                "_main"
            ),
            # "Kyiv, which says ...": the relative clause's speaker is what it follows.
            trim(
                pl.when(left.str.contains(relative_end)).then(
                    left.str.replace(relative_end, "").str.replace(up_to_segment, "")
                )
            ).alias("_antecedent"),
        )
        # In a stage of its own: each phrase is read several times by the subject rule, and
        # an expression used twice is computed twice.
        .with_columns(
            subject_of(pl.col(name)).alias(name)
            for name in ("_segment", "_subject", "_bracketed", "_antecedent")
        )
        .with_columns(data_source(pl.col("_segment")).alias("_segment_data"))
    )
    # A data source may be longer: "the General Administration of Customs of the People's
    # Republic of China" is one.
    right_data = pl.col("_right_data")
    right_ok = (
        (invertible | pl.col("_forced_right"))
        & speaker_ok(pl.col("_right"), max_words=14)
        & (at_most(pl.col("_right"), 12) | right_data)
        & (pl.col("_right").str.contains(right_like).fill_null(False) | right_data)
    )
    segment_empty = pl.col("_segment").fill_null("") == ""
    segment_ok = speaker_ok(pl.col("_segment"), max_words=14) & (
        at_most(pl.col("_segment"), 10) | pl.col("_segment_data")
    )
    # Candidates in order: the clause before the verb; when that is empty (the verb follows
    # a comma or a quote), the phrase after an invertible verb ("..., said Ian Bremmer"),
    # then the subject before a comma-enclosed aside ("X, who ..., said"), then a subject
    # closed by a bracket.
    main_ok = speaker_ok(pl.col("_main"), max_words=10) & ~pl.col("_main").str.contains(
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
        .when(pl.col("verb").is_in(CLAUSE_VERBS) & speaker_ok(pl.col("_antecedent"), max_words=10))
        .then(pl.lit("antecedent"))
        .when(right_ok)
        .then(pl.lit("right"))
        .when(speaker_ok(pl.col("_subject"), max_words=10))
        .then(pl.lit("subject"))
        .when(speaker_ok(pl.col("_bracketed"), max_words=10))
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
    return conjuncts(chosen_clauses)


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
