"""Reporting clauses and their speakers: the one place a reporting verb gets its speaker
phrase (used by the quotes table, and by claims for the speaker of a figure).

A reporting verb (:data:`REPORTING_VERBS`: "said", "told", "claimed", "revealed",
"according to", "quoted ... as saying", "declined to confirm", ...) outside quotation marks
attributes its sentence to a speaker phrase. The speaker phrase is the clause before the
verb, back to the previous comma, colon, quote mark, "that" or reporting verb ("Beijing
denies the allegations, Wang said"). When that is empty (the verb follows a comma or a
quote), it is the phrase after the verb ("..., said Ian Bremmer, chairman of Eurasia
Group"), else the subject before one comma-enclosed aside ("Kuleba, who also spoke with
Blinken, said"; the aside names the speaker when it starts with a name or an article: "the
spokesman for ..., Wang Wenbin, revealed"). "according to X" and "cited by X" always take the
phrase after. A phrase is rejected when it reads as a verb phrase (auxiliaries, negation,
"it"/"we" subjects, a conditional "if", more than 10-12 words), which drops "did not say",
"if he had told us" and "the Kremlin has not confirmed". Limits: no parser, so coordinated
verbs with an elided subject ("..., and claimed that") and participles ("saying",
"stressing") are not attributions.

Which actor a phrase names is the quotes table's business (:mod:`framescope.framing.resolve`).
"""

from __future__ import annotations

import polars as pl

from framescope.rules import spans
from framescope.rules.quotation import quote_marks, quoted
from framescope.rules.spans import KEYS, texts_frame
from framescope.rules.terms import alternation, locate, normalised
from framescope.rules.words import DETERMINER

_VERB_FORMS: dict[str, tuple[str, ...]] = {
    "say": ("said", "says", "say"),
    "tell": ("told", "tells"),
    "add": ("added", "adds"),
    "note": ("noted",),
    "stress": ("stressed", "stresses"),
    "claim": ("claimed",),
    "reveal": ("revealed", "reveals"),
    "announce": ("announced", "announces"),
    "confirm": ("confirmed", "confirms"),
    "state": ("stated",),
    "warn": ("warned", "warns"),
    "deny": ("denied", "denies"),
    "insist": ("insisted", "insists"),
    "argue": ("argued", "argues"),
    "believe": ("believes", "believed"),
    "write": ("wrote", "writes"),
    "report": ("reported",),
    "explain": ("explained", "explains"),
    "acknowledge": ("acknowledged", "acknowledges"),
    "emphasise": ("emphasised", "emphasized", "emphasises", "emphasizes"),
    "declare": ("declared", "declares"),
    "conclude": ("concluded",),
    "quote": ("quoted",),
    "cite": ("cited",),
    "according to": ("according to",),
}
# Present-tense forms that are more often nouns ("reports", "claims", "notes", "quotes",
# "United States") are left out on purpose.
_DECLINED = ("confirm", "comment", "deny", "say", "answer", "disclose", "elaborate", "specify")
REPORTING_VERBS: dict[str, str] = (
    {form: lemma for lemma, forms in _VERB_FORMS.items() for form in forms}
    | {
        f"{verb} to {what}": lemma
        for lemma, verbs in {
            "decline": ("declined", "declines"),
            "refuse": ("refused", "refuses"),
        }.items()
        for verb in verbs
        for what in _DECLINED
    }
    | {"as saying": "say"}
)
"""Reporting-verb surfaces (lowercase) and their lemmas, as the quotes table reports them."""

INVERTIBLE = ("say", "add", "note", "write", "report", "stress", "explain", "claim", "reveal",
              "according to", "cite", "quote", "conclude")  # fmt: skip
"""Lemmas a speaker may follow ("..., said Ian Bremmer"); "told X" names the listener."""

RELAY = ("quote", "cite")
"""Lemmas that pass on someone else's statement; a continued quotation belongs to the speaker."""

PRONOUNS = ("he", "she", "they")
"""Speaker phrases that name someone said before: resolved from earlier sentences."""

_BOUNDARY = r'[,;:“”"()\[\]—–]'
_NOT_BOUNDARY = r'[^,;:“”"()\[\]—–]'
_ADVERBS = (
    r"also|has|have|had|later|then|again|further|previously|once|recently|separately|"
    r"earlier|reportedly|publicly|repeatedly|already|still|too|first|on\s+\w+|last\s+\w+|"
    r"this\s+\w+|in\s+a\s+statement"
)
_CONNECTIVES = (
    r"and|but|or|so|yet|then|meanwhile|however|also|after which|which|who|while|as|whereas|"
    r"although|though|earlier|later|separately|moreover"
)
# Words that make a phrase a verb phrase or a clause rather than a speaker.
_NOT_SPEAKER = (
    r"(?i:(?-u:\b)(?:not|never|did|does|do|is|are|was|were|be|been|being|has|have|had|will|"
    r"would|can|could|may|might|must|should|shall|it|we|you|me)(?-u:\b))|(?-u:\b)(?:I|us)(?-u:\b)"
)
_BAD_LAST = r"(?i)(?-u:\b)(?:to|and|or|but|the|a|an|of|for|that|which|who|with|by|in|on|at|as)$"


def _strip_speaker(phrase: pl.Expr) -> pl.Expr:
    """A candidate speaker phrase without the connectives and adverbs around it."""
    return (
        phrase.str.replace(r"^[\s.]+", "")
        .str.replace(rf"(?i)^(?:(?:{_CONNECTIVES})\s+)+", "")
        .str.replace(rf"(?i)(?:\s*(?-u:\b)(?:{_ADVERBS}))+\s*$", "")
        .str.strip_chars()
    )


def _speaker_ok(phrase: pl.Expr, *, max_words: int) -> pl.Expr:
    # 1 to max_words words, as one match test: counting every word of a long clause first
    # took longer than all the other tests together.
    words = rf"^\s*(?:\S+\s+){{0,{max_words - 1}}}\S+\s*$"
    return (
        phrase.is_not_null()
        & phrase.str.contains(words)
        & ~phrase.str.contains(_NOT_SPEAKER)
        & ~phrase.str.contains(r"(?i)^(?:if|whether|unless)(?-u:\b)")
        & ~phrase.str.contains(_BAD_LAST)
        & ~phrase.str.contains(r"['’]s$")
        & ~phrase.str.contains(rf"^{DETERMINER}$")
    ).fill_null(False)


def clauses(sentences: pl.LazyFrame, *, marks: pl.LazyFrame | None = None) -> pl.LazyFrame:
    """Reporting verbs outside quotes, with the speaker phrase each one attributes to.

    Returns ``article_id, sentence_idx, verb, speaker_text, _apposition, _side,
    _verb_start``: ``_side`` says whether the speaker came before the verb ("left") or
    after it ("right"), ``_apposition`` is the text beside the speaker phrase that may name
    it. ``sentences`` has ``article_id``, ``sentence_idx`` and ``text``; ``marks`` are their
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
    up_to_segment = rf"(?s)^.*(?:{_BOUNDARY}|(?-u:\b)(?i:that)(?-u:\b)|{verbs})"
    left = pl.col("_left")
    parenthesis = left.str.extract_groups(
        rf"(?P<subject>{_NOT_BOUNDARY}*),\s*(?P<aside>{_NOT_BOUNDARY}*),\s*$"
    )
    # The phrases after the verb are cut out by removals rather than captured, as above.
    from_boundary = rf"(?s){_BOUNDARY}.*$"
    # A relative clause ends the phrase: "according to a report by the Free Russia Foundation
    # that analysed 40 million records" names the foundation, not the analysis.
    relative = r"(?s)\s(?:that|which|who|whom|whose)(?-u:\b).*$"
    right = (
        after.str.replace(r"^\s*(?:by\s+)?", "")
        .str.replace(from_boundary, "")
        .str.replace(relative, "")
        .str.replace(r"[\s.]+$", "")
    )
    to_aside = rf"^\s*(?:by\s+)?{_NOT_BOUNDARY}*,\s*"
    right_aside = (
        pl.when(after.str.contains(to_aside))
        .then(after.str.replace(to_aside, "").str.replace(from_boundary, ""))
        .str.strip_chars()
    )
    name_like = (
        rf"^(?:[A-Z]|{DETERMINER}\s|(?:one|two|three|four|five|six|several|some|many|\d+)\s)"
    )
    invertible = pl.col("verb").is_in(INVERTIBLE)
    # "according to X" and "cited by X" name their source after the verb, always.
    forced_right = (pl.col("verb") == "according to") | after.str.contains(r"^\s*by\s")
    located = locate(sentences, {"verb": verbs})
    candidates = (
        # A quotation carried over from the previous sentence ends at its closing ”; an
        # opening quote mark lost in scraping would otherwise hide the attribution after it.
        quoted(located, marks, carried=False)
        .filter(~pl.col("_quoted"))
        # A lookup, not a join: see framescope.rules.spans.
        .with_columns(
            normalised(pl.col("surface"))
            .replace_strict(REPORTING_VERBS, default=None, return_dtype=pl.String)
            .alias("verb")
        )
        .with_columns(
            before.str.replace(rf"(?i)(?:\s*(?-u:\b)(?:{_ADVERBS}))+\s*$", "").alias("_left"),
            pl.col("start").alias("_verb_start"),
            forced_right.alias("_forced_right"),
            pl.when(~forced_right).then(right_aside).alias("_right_aside"),
            right.alias("_right"),
        )
        .with_columns(
            _strip_speaker(left.str.replace(up_to_segment, "")).alias("_segment"),
            _strip_speaker(
                parenthesis.struct.field("subject").str.replace(up_to_segment, "")
            ).alias("_subject"),
            parenthesis.struct.field("aside").str.strip_chars().alias("_aside"),
            _strip_speaker(left.str.extract(rf"({_NOT_BOUNDARY}+)\)\s*$", 1)).alias("_bracketed"),
        )
    )
    right_ok = (
        invertible
        & _speaker_ok(pl.col("_right"), max_words=12)
        & pl.col("_right").str.contains(name_like).fill_null(False)
    )
    segment_empty = pl.col("_segment").fill_null("") == ""
    # Candidates in order: the clause before the verb; when that is empty (the verb follows
    # a comma or a quote), the phrase after an invertible verb ("..., said Ian Bremmer"),
    # then the subject before a comma-enclosed aside ("X, who ..., said"), then a subject
    # closed by a bracket.
    choice = (
        pl.when(pl.col("_forced_right"))
        .then(pl.when(right_ok).then(pl.lit("right")))
        .when(~segment_empty)
        .then(pl.when(_speaker_ok(pl.col("_segment"), max_words=10)).then(pl.lit("segment")))
        .when(right_ok)
        .then(pl.lit("right"))
        .when(_speaker_ok(pl.col("_subject"), max_words=10))
        .then(pl.lit("subject"))
        .when(_speaker_ok(pl.col("_bracketed"), max_words=10))
        .then(pl.lit("bracketed"))
    )
    chosen = pl.col("_choice")
    return (
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
        )
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
        .sort("sentence_idx", "_verb_start")
        .group_by("sentence_idx", maintain_order=True)
        .agg(pl.col("speaker_text").first())
        .collect()
    )
    return (
        frame.select("sentence_idx")
        .join(found, on="sentence_idx", how="left", maintain_order="left")["speaker_text"]
        .alias(texts.name)
    )
