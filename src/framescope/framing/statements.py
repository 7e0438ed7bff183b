"""Source framing: actor labels, war naming, frame cues, hedges, who is quoted, distinctive
words, omissions, and the per-outlet comparisons built on them.

Every extractor is a pure function over the processed tables (``sentences``, ``mentions``,
``articles``) and a :class:`~framescope.profile.Profile`, and returns one row per piece of
evidence keyed by ``article_id`` and ``sentence_idx``, so every number built on them can be
traced back to its sentences (:func:`evidence`). Term matching is done by polars string
expressions over the whole sentences table; there is no Python loop per sentence.

Matching rules shared by every measure
    Profile terms match case-insensitively on word boundaries ("war" is not in "award"),
    a space in a term matches any run of whitespace, and within one term group the longest
    surface wins where two overlap ("all-out war" is one hit, not two). A group's
    exclusions are matched like its terms and then dropped, so "trade war" hides the "war"
    inside it. Groups are matched independently of each other.

Labels (:func:`labels`)
    A descriptor is attached to an actor mention when it stands (1) inside the alias
    ("President Xi Jinping" gives "president"), (2) right before the name ("Chinese dictator
    Xi Jinping", "spokesman Wang Wenbin"), (3) in an apposition after the name ("Xi, China's
    president", "Ian Bremmer, chairman of Eurasia Group") or before it ("China's top
    diplomat, Wang Yi"), or (4) after the name in "the <name> <descriptor>" ("the Putin
    regime"). Listed descriptors (``profile.descriptors``) are matched with their plurals and
    reported in their listed, lowercased form (``listed=True``). Unlisted descriptors are
    *discovered* in the premodifier slot only: the 1-3 lowercase words right before a name
    that follow a nationality adjective or a possessive ("Russian state news agency TASS"
    gives "state news agency"), unless one of the words is a stop word or a reporting verb
    or the last ends in -ed/-ing/-ly (``listed=False``). One row per sentence x actor x
    label. Limits: descriptions without a name ("the Chinese president") are not mentions
    and give no label; discovered labels are not lemmatised.

War naming (:func:`war_naming`)
    Every occurrence of a ``profile.war_terms`` surface, with ``term`` the war-term id.
    ``quoted``: the occurrence is inside quotation marks in its sentence: after an opening
    “ that is not yet closed, inside a pair of straight double quotes, after an opening ‘
    with a closing ’ later (apostrophes between letters are not quote marks), or before a
    closing ” when the sentence began inside a quotation opened in an earlier sentence.
    ``attributed``: quoted, or introduced as someone's wording right before it ("so-called",
    "what Moscow calls", "which Russia still describes as a", "calling it an") or right
    after it ("..., as the Kremlin calls it", "..., according to Moscow"). Limits: a
    sentence in the middle of a multi-sentence quotation with no quote mark of its own is
    not seen as quoted; "according to" elsewhere in the sentence does not count, because
    it usually attributes the claim, not the naming.

Frames (:func:`frames`) and hedges (:func:`hedges`)
    Frames are sentence-level: one row per frame x sentence in which at least one of the
    frame's cue terms occurs, with the *first* cue in text order (so shares count
    sentences, not cue words). Hedges are counted per occurrence: one row per hedge match.
    A hedge written with a capital initial in mid-sentence is taken for a proper noun and
    skipped ("in May", "Theresa May"). Cues are reported in their listed form. Frames are
    evidence for a reader, not a classification of the sentence.

Quotes (:func:`quotes`)
    An attributed statement is a reporting verb (:data:`REPORTING_VERBS`: "said", "told",
    "claimed", "revealed", "according to", "quoted ... as saying", "declined to confirm",
    ...) outside quotation marks, with a speaker phrase. The speaker phrase is the clause
    before the verb, back to the previous comma, colon, quote mark, "that" or reporting
    verb ("Beijing denies the allegations, Wang said"). When that is empty (the verb follows
    a comma or a quote), it is the phrase after the verb ("..., said Ian Bremmer, chairman
    of Eurasia Group"), else the subject before one comma-enclosed aside ("Kuleba, who also
    spoke with Blinken, said"; the aside names the speaker when it starts with a name or an
    article: "the spokesman for ..., Wang Wenbin, revealed"). "according to X" and "cited
    by X" always take the phrase after. A phrase is rejected when it reads as a verb
    phrase (auxiliaries, negation, "it"/"we" subjects, a conditional "if", more than 10-12
    words), which drops "did not say", "if he had told us" and "the Kremlin has not
    confirmed". The speaker is resolved to a profile actor, in this order: an actor
    mention inside the phrase (the one nearest the verb, or the apposition's name); for
    "the <word>" or a lone capitalised word ("the ministry", "Wang"), the actor most
    recently mentioned in the article with that word in its name or aliases; for "he"/"she",
    the speaker of the nearest attribution in the previous three sentences if it is a
    person actor ("unresolved" if it is an institution), else the last person actor
    mentioned, not as a possessive and not inside quotes, in the previous two sentences.
    Otherwise the phrase is kept as text ("a Chinese official", speaker_kind and voice
    "other"); pronouns with no antecedent and "they" give "unresolved". ``quote`` holds the
    quoted spans of the sentence (``direct=True``), or the whole sentence for indirect
    speech. A sentence that starts with or inside a quotation and has no attribution of its
    own continues a neighbour's statement: the next sentence's when the quotation runs on
    into it or the next sentence is a bare attribution ("When Guanzhong said."), else the
    nearest attributed sentence before it (at most two sentences back, or any distance
    across a run of such quotation sentences). One row per sentence x speaker; a relayed
    statement gives a row for the speaker and one for the relay ("TASS quoted the ministry
    as saying": the ministry with "say", TASS with "quote"). Limits: no parser, so
    coordinated verbs with an elided subject ("..., and claimed that") and participles
    ("saying", "stressing") are not attributions; gender is not known, so "she" can
    resolve to a man.

Distinctive words (:func:`distinctive_terms`)
    Log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008,
    "Fightin' Words", eqs. 16-22), one outlet against all the others pooled, so any number
    of outlets works. See the function for the formulas, tokenisation and the small-sample
    flag.
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping, Sequence

import polars as pl

from framescope.counting import counted
from framescope.mentions import word_edge
from framescope.profile import VOICES, Profile, TermGroup

KEYS = ("article_id", "sentence_idx")
"""The columns that identify a sentence in every table."""

LABEL_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "sentence_idx": pl.Int32(),
    "actor": pl.String(),
    "label": pl.String(),
    "listed": pl.Boolean(),
}
"""Columns of the labels table: ``label`` is a lowercased descriptor; ``listed`` says
whether it is in the profile's descriptor list (False: discovered)."""

WAR_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "sentence_idx": pl.Int32(),
    "term": pl.String(),
    "surface": pl.String(),
    "quoted": pl.Boolean(),
    "attributed": pl.Boolean(),
}
"""Columns of the war-terms table: ``term`` is the profile war-term id, ``surface`` the
words as written."""

FRAME_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "sentence_idx": pl.Int32(),
    "frame": pl.String(),
    "category": pl.String(),
    "cue": pl.String(),
}
"""Columns of the frames table: one row per frame x sentence, ``cue`` the first cue term
(as listed in the profile) in text order, ``category`` the Policy Frames Codebook one."""

HEDGE_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "sentence_idx": pl.Int32(),
    "hedge": pl.String(),
}
"""Columns of the hedges table: one row per hedge occurrence, as listed in the profile."""

QUOTE_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "sentence_idx": pl.Int32(),
    "speaker": pl.String(),
    "speaker_kind": pl.String(),
    "voice": pl.String(),
    "verb": pl.String(),
    "quote": pl.String(),
    "speaker_text": pl.String(),
    "direct": pl.Boolean(),
}
"""Columns of the quotes table. ``speaker`` is a profile actor id when resolved, else the
speaker phrase as written ("a Chinese official") or ``"unresolved"`` (a pronoun with no
antecedent); ``speaker_kind`` and ``voice`` come from the profile actor, ``"other"`` when
not resolved. ``verb`` is the reporting verb's lemma ("say", "claim", "according to").
``speaker_text`` is the phrase as written ("he", "the former diplomat"); ``direct`` says
whether ``quote`` holds quoted words (True) or the whole sentence of indirect speech."""

DISTINCTIVE_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),
    "ngram": pl.Int8(),
    "term": pl.String(),
    "n_source": pl.Int64(),
    "n_rest": pl.Int64(),
    "log_odds": pl.Float64(),
    "z": pl.Float64(),
    "small_sample": pl.Boolean(),
}
"""Columns of :func:`distinctive_terms`."""

OMISSION_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),
    "kind": pl.String(),
    "item": pl.String(),
    "present": pl.Boolean(),
    "n": pl.Int64(),
    "n_sources_with_item": pl.Int64(),
    "n_sources": pl.Int64(),
}
"""Columns of :func:`omissions`."""

VOICE_SHARE_SCHEMA: dict[str, pl.DataType] = {
    "source": pl.String(),
    "voice": pl.String(),
    "n": pl.Int64(),
    "n_source": pl.Int64(),
    "share": pl.Float64(),
    "small_sample": pl.Boolean(),
}
"""Columns of :func:`voice_shares`."""

SMALL_SAMPLE_TOKENS = 1000
"""An outlet with fewer content tokens (unigrams after stop-word removal) than this is
flagged ``small_sample`` by :func:`distinctive_terms`: with a few hundred tokens most words
occur once or twice and their log-odds mostly reflect the prior and chance."""

SMALL_SAMPLE_ROWS = 20
"""Default ``min_n`` of :func:`shares`: a share computed over fewer rows is flagged."""

DEFAULT_ALPHA0 = 1000.0
"""Default strength of the informative prior in :func:`distinctive_terms`, in pseudo-tokens:
about as much evidence as a small outlet, negligible against a large one."""

STOP_WORDS = frozenset(
    {
        "a", "about", "above", "after", "again", "against", "all", "almost", "also", "although",
        "am", "among", "an", "and", "another", "any", "anyone", "anything", "are", "aren't",
        "around", "as", "at", "be", "became", "because", "been", "before", "being", "below",
        "between", "both", "but", "by", "can", "can't", "cannot", "could", "couldn't", "did",
        "didn't", "do", "does", "doesn't", "doing", "don't", "down", "during", "each", "either",
        "else", "even", "ever", "every", "few", "for", "from", "further", "had", "hadn't", "has",
        "hasn't", "have", "haven't", "having", "he", "he'd", "he'll", "he's", "her", "here",
        "here's", "hers", "herself", "him", "himself", "his", "how", "how's", "however", "i",
        "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is", "isn't", "it", "it's", "its",
        "itself", "just", "let's", "may", "me", "might", "mine", "more", "most", "much", "must",
        "mustn't", "my", "myself", "neither", "no", "nor", "not", "now", "of", "off", "on", "once",
        "one", "only", "or", "other", "others", "ought", "our", "ours", "ourselves", "out", "over",
        "own", "per", "rather", "same", "shall", "shan't", "she", "she'd", "she'll", "she's",
        "should", "shouldn't", "since", "so", "some", "such", "than", "that", "that's", "the",
        "their", "theirs", "them", "themselves", "then", "there", "there's", "these", "they",
        "they'd", "they'll", "they're", "they've", "this", "those", "though", "through", "thus",
        "to", "too", "toward", "towards", "under", "until", "up", "upon", "us", "very", "via",
        "was", "wasn't", "we", "we'd", "we'll", "we're", "we've", "were", "weren't", "what",
        "what's", "whatever", "when", "when's", "where", "where's", "whether", "which", "while",
        "who", "who's", "whom", "whose", "why", "why's", "will", "with", "within", "without",
        "won't", "would", "wouldn't", "yet", "you", "you'd", "you'll", "you're", "you've", "your",
        "yours", "yourself", "yourselves", "s", "t", "d", "ll", "m", "re", "ve", "mr", "mrs", "ms",
        "dr",
    }
)  # fmt: skip
"""English stop words removed by :func:`distinctive_terms` (lowercase, straight apostrophes):
function words only, so content words such as "said" or "war" stay in."""

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

# A speaker may follow these verbs ("..., said Ian Bremmer"); "told X" names the listener.
_INVERTIBLE = ("say", "add", "note", "write", "report", "stress", "explain", "claim", "reveal",
               "according to", "cite", "quote", "conclude")  # fmt: skip
# Verbs that pass on someone else's statement; a continued quotation belongs to the speaker.
_RELAY = ("quote", "cite")

# Naming cues for war terms: the wording is presented as someone's label.
_NAMING_BEFORE = (
    r"(?i)(?:(?-u:\b)so[- ]called|(?-u:\b)(?:calls?|called|calling|describes?|described|"
    r"describing|terms?|termed|dubs?|dubbed|labels?|labell?ed|brands?|branded|refers? to|"
    r"referred to|known as|characteri[sz]es?|characteri[sz]ed)"
    r"(?:\s+(?:it|this|that|the war|the invasion|the conflict))?(?:\s+as)?)"
    r"\s+(?:(?:a|an|the|its|their|his|her)\s+)?[“\"‘]?\s*$"
)
_NAMING_AFTER = (
    r"(?i)^[”\"’]?\s*,?\s*(?:as\s+[^,.;]{1,40}?\s+(?:calls?|called|describes?|described|"
    r"terms?|termed|dubs?|dubbed|puts?|refers to)\s+it|according to)"
)

# Building blocks of the label and speaker patterns.
_DET = r"(?:the|a|an|his|her|its|their|our|The|A|An|His|Her|Its|Their|Our)"
_POSS = r"[A-Z][\p{L}.-]*['’]s"
_NAT = r"(?:[A-Z][a-z]+(?:-[A-Z][a-z]+)?(?:an|ese|ish|ian|ch|i)|U\.S\.|US|UK|EU|UN)"
_PREPOSITION = r"(?:of|for|at|to|in|with|from|on)"
_BOUNDARY = r'[,;:“”"()\[\]—–]'
_NOT_BOUNDARY = r'[^,;:“”"()\[\]—–]'
_DISCOVERY_WINDOW = 120  # characters before a mention searched for premodifiers
_AFTER_WINDOW = 160  # characters after a mention searched for an apposition
# Characters before and after a war term or reporting verb searched for naming cues ("which
# Russia still describes as a") and speaker phrases (at most 12 words, and an aside naming
# the speaker). Bounded so that the work per finding does not grow with its sentence.
_CONTEXT_CHARS = 250
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
_PRONOUNS = ("he", "she", "they")
_QUOTE_SPAN = r'“[^“”]*”|"[^"]*"|^[^“”]*”|“[^“”]*$'


# --------------------------------------------------------------------------- patterns


def _term_regex(term: str) -> str:
    body = r"\s+".join(re.escape(word) for word in term.split())
    return word_edge(term[0]) + body + word_edge(term[-1])


def _alternation(terms: Iterable[str]) -> str:
    """Case-insensitive, word-bounded, longest-first alternation of ``terms``."""
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    return "(?i:" + "|".join(_term_regex(t) for t in ordered) + ")"


def _normalised(surface: pl.Expr) -> pl.Expr:
    return surface.str.replace_all(r"\s+", " ").str.to_lowercase()


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _plural_forms(terms: Iterable[str]) -> dict[str, str]:
    """Each lowercase term and its regular plurals, mapped to the term."""
    forms: dict[str, str] = {}
    for term in terms:
        forms.setdefault(term, term)
        if term[-1].isalpha():
            if term.endswith("y") and term[-2:-1] not in ("a", "e", "o", "u"):
                forms.setdefault(term[:-1] + "ies", term)
            else:
                forms.setdefault(term + "s", term)
                forms.setdefault(term + "es", term)
    return forms


# Rows per finding carry their sentence's ``text``: polars strings are views into shared
# buffers, so that costs next to nothing, but a join, sort or group-by on such rows writes a
# copy of the text for every row (gigabytes for one long sentence with thousands of
# findings). So the text is read only by elementwise expressions on bounded windows
# (_before, _after) and dropped before any join, sort or group-by.
def _locate(sentences: pl.LazyFrame, patterns: Mapping[str, str]) -> pl.LazyFrame:
    """Every match of each named pattern, with character offsets within the sentence.

    Returns ``article_id, sentence_idx, text, group, surface, start, end``. Each
    ``extract_all`` match runs from the end of the previous one up to and including a hit,
    so cumulative match lengths give the offsets without a Python loop (as in mentions.py).
    """
    frames = [
        # One match test first: most sentences hold no hit and skip the slower extraction.
        sentences.filter(pl.col("text").str.contains(pattern))
        .select(
            *KEYS,
            "text",
            pl.col("text").str.extract_all(rf"(?s).*?{pattern}").alias("_piece"),
        )
        .with_row_index("_row")
        .explode("_piece")
        .filter(pl.col("_piece").is_not_null())
        .with_columns(
            pl.col("_piece").str.len_chars().cum_sum().over("_row").cast(pl.Int64).alias("end"),
            pl.col("_piece").str.extract(rf"(?s)({pattern})$", 1).alias("surface"),
        )
        .select(
            *KEYS,
            "text",
            pl.lit(group, dtype=pl.String).alias("group"),
            "surface",
            (pl.col("end") - pl.col("surface").str.len_chars()).alias("start"),
            "end",
        )
        for group, pattern in patterns.items()
    ]
    if not frames:
        return pl.LazyFrame(
            schema={
                "article_id": pl.String,
                "sentence_idx": pl.Int32,
                "text": pl.String,
                "group": pl.String,
                "surface": pl.String,
                "start": pl.Int64,
                "end": pl.Int64,
            }
        )
    return pl.concat(frames, how="vertical")


def _group_matches(sentences: pl.DataFrame, groups: Sequence[TermGroup]) -> pl.LazyFrame:
    """Located term hits of each group, exclusions dropped, with the listed ``term``."""
    patterns = {g.id: _alternation([*g.terms, *g.exclusions]) for g in groups}
    # Group and lowercase surface -> the term as listed; exclusions map to None (dropped).
    # The first listing of a surface wins. A lookup, not a join: see the note above _locate.
    lookup: dict[str, str | None] = {}
    for g in groups:
        for t in g.terms:
            lookup.setdefault(f"{g.id}\x1f{t.lower()}", t)
    for g in groups:
        for e in g.exclusions:
            lookup[f"{g.id}\x1f{e.lower()}"] = None
    key = pl.concat_str(pl.col("group"), _normalised(pl.col("surface")), separator="\x1f")
    return (
        _locate(_sentence_frame(sentences), patterns)
        .with_columns(
            key.replace_strict(lookup, default=None, return_dtype=pl.String).alias("term")
        )
        .filter(pl.col("term").is_not_null())
    )


def _in_sentence(rows: pl.LazyFrame, sentences: pl.LazyFrame) -> pl.LazyFrame:
    """``rows`` (findings keyed by sentence) beside their sentence's ``text`` and
    ``_sentence_start``, rows of a sentence together and in their order.

    The rows are gathered into lists per sentence, joined to the sentences once each and
    spread out again: a join row by row would copy the text for every row (see the note
    above :func:`_locate`).
    """
    names = [c for c in rows.collect_schema().names() if c not in KEYS]
    return (
        rows.group_by(*KEYS, maintain_order=True)
        .agg(names)
        .join(
            sentences.select(*KEYS, pl.col("start").alias("_sentence_start"), "text"),
            on=list(KEYS),
            how="inner",
        )
        .explode(names)
    )


def _sentence_frame(sentences: pl.DataFrame) -> pl.LazyFrame:
    return sentences.lazy().select(
        pl.col("article_id").cast(pl.String),
        pl.col("sentence_idx").cast(pl.Int32),
        pl.col("text").cast(pl.String),
    )


def _before(start: pl.Expr) -> pl.Expr:
    """At most :data:`_CONTEXT_CHARS` characters of the sentence (``text``) before ``start``."""
    begin = pl.max_horizontal(start - _CONTEXT_CHARS, pl.lit(0))
    return pl.col("text").str.slice(begin, start - begin)


def _after(end: pl.Expr) -> pl.Expr:
    """At most :data:`_CONTEXT_CHARS` characters of the sentence (``text``) from ``end``."""
    return pl.col("text").str.slice(end, _CONTEXT_CHARS)


_MARKS = '“”"‘’'


def _quote_marks(sentences: pl.LazyFrame) -> pl.LazyFrame:
    """The quote marks of each sentence, with the quotation state before and after each.

    Returns ``article_id, sentence_idx, _at`` (the mark's offset in the sentence) and: for
    the text up to and including the mark, ``_last_curly`` (the last “ or ”),
    ``_last_single`` (the last ‘ or closing ’) and ``_straight`` (how many "); for the text
    from the mark on, ``_next_curly`` (the first “ or ”), ``_closing`` (whether a closing ’
    comes) and ``_straight_on`` (how many "). A ’ between letters is an apostrophe
    ("Russia’s", "don’t"), not a mark. Sentences with no “, ”, " or ‘ are left out: nothing
    in them is quoted.

    Each finding then reads its state from the marks next to it (:func:`_quoted`), instead of
    searching its own copy of the text before and after it: that took memory and time growing
    with the sentence for every finding, gigabytes on one long sentence.
    """
    # Per sentence, lists over the pieces of text ending at each mark (and the text after the
    # last one): list operations, not windows over an exploded frame, which took twice as long.
    piece = pl.element()
    mark = piece.str.slice(-1)
    letter = r"^\p{L}"
    apostrophe = (
        (mark == "’")
        & piece.str.slice(-2, 1).str.contains(letter)
        & piece.str.slice(0, 1).shift(-1).str.contains(letter).fill_null(False)
    )
    kind = pl.when(mark.is_in(list(_MARKS)) & ~apostrophe).then(mark)
    kinds = pl.col("_kind")
    curly = pl.when(piece.is_in(["“", "”"])).then(piece)
    single = pl.when(piece.is_in(["‘", "’"])).then(piece)
    straight = (piece == '"').cast(pl.Int64)
    return (
        sentences.filter(pl.col("text").str.contains('[“”"‘]'))
        .select(
            *KEYS,
            pl.col("text").str.extract_all(f"[^{_MARKS}]*[{_MARKS}]|[^{_MARKS}]+$").alias("_piece"),
        )
        .select(
            *KEYS,
            pl.col("_piece")
            .list.eval(piece.str.len_chars().cast(pl.Int64).cum_sum() - 1)
            .alias("_at"),
            pl.col("_piece").list.eval(kind).alias("_kind"),
        )
        .select(
            *KEYS,
            "_at",
            "_kind",
            kinds.list.eval(curly.forward_fill()).alias("_last_curly"),
            kinds.list.eval(single.forward_fill()).alias("_last_single"),
            kinds.list.eval(straight.cum_sum()).alias("_straight"),
            kinds.list.eval(curly.backward_fill()).alias("_next_curly"),
            kinds.list.eval((piece == "’").fill_null(False).cum_max(reverse=True)).alias(
                "_closing"
            ),
            kinds.list.eval(straight.cum_sum(reverse=True)).alias("_straight_on"),
        )
        .explode(pl.exclude(KEYS))
        .filter(kinds.is_not_null())
        .drop("_kind")
    )


def _quoted(
    rows: pl.LazyFrame,
    marks: pl.LazyFrame,
    *,
    start: str = "start",
    end: str = "end",
    carried: bool = True,
) -> pl.LazyFrame:
    """``rows`` (in their order) with ``_quoted``: whether the text between the offsets
    ``start`` and ``end`` in its sentence is inside quotation marks (module docstring).

    ``marks`` are the sentences' :func:`_quote_marks`. With ``carried``, text before a
    closing ” with no opening “ before it counts as quoted: the quotation began in an earlier
    sentence.
    """
    before = marks.select(*KEYS, "_at", "_last_curly", "_last_single", "_straight")
    after = marks.select(
        *KEYS, pl.col("_at").alias("_at_after"), "_next_curly", "_closing", "_straight_on"
    )
    n_before = pl.col("_straight").fill_null(0)
    curly = pl.col("_last_curly") == "“"
    straight = n_before % 2 == 1
    if carried:
        curly = curly | (pl.col("_last_curly").is_null() & (pl.col("_next_curly") == "”"))
        straight = straight | ((n_before == 0) & (pl.col("_straight_on").fill_null(0) % 2 == 1))
    single = (pl.col("_last_single") == "‘") & pl.col("_closing")
    quoted = curly.fill_null(False) | straight.fill_null(False) | single.fill_null(False)
    flags = (
        rows.select(
            *KEYS,
            pl.col(start).cast(pl.Int64).alias("_from"),
            pl.col(end).cast(pl.Int64).alias("_to"),
        )
        .with_row_index("_order")
        .sort(*KEYS, "_from")
        # The state before the text: at the last mark before it; after it: at the first
        # mark from its end on.
        .join_asof(
            before,
            left_on="_from",
            right_on="_at",
            by=list(KEYS),
            strategy="backward",
            allow_exact_matches=False,
            check_sortedness=False,
        )
        .sort(*KEYS, "_to")
        .join_asof(
            after,
            left_on="_to",
            right_on="_at_after",
            by=list(KEYS),
            strategy="forward",
            check_sortedness=False,
        )
        .sort("_order")
        .select(quoted.alias("_quoted"))
    )
    # Set beside the rows rather than joined to them: a join or a sort copies each row's
    # sentence text (see the note above :func:`_locate`).
    return pl.concat([rows, flags], how="horizontal")


def _empty(schema: Mapping[str, pl.DataType]) -> pl.DataFrame:
    return pl.DataFrame(schema=dict(schema))


# --------------------------------------------------------------------------- labels


def labels(sentences: pl.DataFrame, mentions: pl.DataFrame, profile: Profile) -> pl.DataFrame:
    """Descriptors attached to actor mentions, listed and discovered.

    Parameters
    ----------
    sentences
        ``article_id``, ``sentence_idx``, ``start`` and ``text`` of each sentence.
    mentions
        The mentions table of those sentences (:func:`framescope.mentions.extract`).
    profile
        Its ``descriptors`` are the listed labels.

    Returns
    -------
    DataFrame in :data:`LABEL_SCHEMA`, one row per sentence x actor x label, sorted by
    sentence. The rules are in the module docstring.

    Examples
    --------
    >>> from framescope import mentions as mention_table
    >>> from framescope.profile import load
    >>> text = "Chinese dictator Xi Jinping met Russian state news agency TASS."
    >>> s = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0], "start": [0], "text": [text]})
    >>> found = labels(s, mention_table.extract(s, load()), load())
    >>> found.select("actor", "label", "listed").rows()
    [('xi_jinping', 'dictator', True), ('tass', 'state news agency', False)]
    """
    descriptors = _unique(d.lower() for d in profile.descriptors)
    if mentions.is_empty() or sentences.is_empty():
        return _empty(LABEL_SCHEMA)
    forms = _plural_forms(descriptors) if descriptors else {}
    # A pattern that never matches keeps the plan the same when the profile lists nothing.
    alternation = _alternation(forms) if forms else r"[^\s\S]"
    singular = _alternation(descriptors) if descriptors else r"[^\s\S]"
    named = f"({alternation})"
    between = rf"(?:(?:[a-z][\w-]*|{_NAT})\s+){{0,2}}?"
    title = rf"^{named}\s"
    premodifier = rf"{named}\s+$"
    apposition_after = (
        rf"^,\s+(?:{_DET}\s+|{_POSS}\s+)?{between}{named}"
        rf'(?:\s+{_PREPOSITION}(?-u:\b)|\s*[,.;:)”’"]|\s*$)'
    )
    apposition_before = (
        rf"(?:^|(?P<word>\S+)\s+)(?:{_DET}|{_POSS}|{_NAT})\s+{between}(?P<label>{alternation})"
        rf'(?:\s+{_PREPOSITION}\s+[^,;:“”"]{{1,60}}?)?,\s*$'
    )
    discovered = rf"(?:^|\s)(?:{_NAT}|{_POSS}|his|her|its|their)\s+((?:[a-z][a-z-]*\s+){{1,3}})$"
    rel_start = pl.col("start") - pl.col("_sentence_start")
    rel_end = pl.col("end") - pl.col("_sentence_start")
    window = pl.max_horizontal(rel_start - _DISCOVERY_WINDOW, pl.lit(0))
    before = pl.col("text").str.slice(window, rel_start - window)
    after = pl.col("text").str.slice(rel_end, _AFTER_WINDOW)
    possessive = after.str.contains(r"^['’]s(?-u:\b)")
    aside = before.str.extract_groups(apposition_before)
    # "According to a Chinese official, Mr Putin": a phrase after a preposition is not an
    # apposition; nor is one before a possessive ("his counterpart, China's new minister").
    aside_ok = ~possessive & ~aside.struct.field("word").str.to_lowercase().is_in(
        ["to", "of", "by", "from", "with", "for", "in", "at", "on", "about", "against", "than"]
    ).fill_null(False)
    found = _in_sentence(
        mentions.lazy().select(*KEYS, "actor", "alias", "start", "end"), sentences.lazy()
    ).select(
        *KEYS,
        "actor",
        "start",
        pl.col("alias").str.extract(title, 1).alias("title"),
        before.str.extract(premodifier, 1).alias("premodifier"),
        after.str.extract(apposition_after, 1).alias("apposition_after"),
        pl.when(aside_ok).then(aside.struct.field("label")).alias("apposition_before"),
        # "the Putin regime"; singular only: "the SCO leaders' summit" is about members.
        pl.when(before.str.contains(r"(?i:(?-u:\b)the)\s+$"))
        .then(after.str.extract(rf"^\s+({singular})(?:$|[^\p{{L}}’'])", 1))
        .alias("postmodifier"),
        before.str.extract(discovered, 1).str.strip_chars().alias("discovered"),
    )
    words = pl.col("label").str.split(" ")
    rejected = _unique([*STOP_WORDS, *REPORTING_VERBS, *(f.split()[0] for f in REPORTING_VERBS)])
    listed = (
        found.unpivot(
            index=[*KEYS, "actor", "start"],
            on=["title", "premodifier", "apposition_after", "apposition_before", "postmodifier"],
            variable_name="rule",
            value_name="label",
        )
        .filter(pl.col("label").is_not_null())
        .select(
            *KEYS,
            "actor",
            "start",
            _normalised(pl.col("label")).replace_strict(forms, default=None).alias("label"),
            pl.lit(True).alias("listed"),
        )
    )
    unlisted = (
        found.filter(pl.col("premodifier").is_null() & pl.col("discovered").is_not_null())
        .select(
            *KEYS,
            "actor",
            "start",
            _normalised(pl.col("discovered")).alias("label"),
            pl.lit(False).alias("listed"),
        )
        .filter(
            ~words.list.eval(pl.element().is_in(rejected)).list.any()
            & ~pl.col("label").str.contains(r"(?:ed|ing|ly)$")
        )
    )
    return (
        pl.concat([listed, unlisted])
        .filter(pl.col("label").is_not_null())
        .sort(*KEYS, "start", maintain_order=True)
        .unique(subset=[*KEYS, "actor", "label"], keep="first", maintain_order=True)
        .select(list(LABEL_SCHEMA))
        .cast(LABEL_SCHEMA)
        .collect()
    )


# --------------------------------------------------------------------------- war naming


def war_naming(sentences: pl.DataFrame, profile: Profile) -> pl.DataFrame:
    """Every war-term occurrence, with whether it is quoted or attributed to someone.

    Parameters
    ----------
    sentences
        ``article_id``, ``sentence_idx`` and ``text`` of each sentence.
    profile
        Its ``war_terms`` groups (terms and exclusions) are matched.

    Returns
    -------
    DataFrame in :data:`WAR_SCHEMA`, one row per occurrence, in text order.

    Examples
    --------
    >>> from framescope.profile import load
    >>> s = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0], "text": [
    ...     "Russia’s “special military operation” is a war, not a trade war."]})
    >>> war_naming(s, load()).select("term", "quoted", "attributed").rows()
    [('special_military_operation', True, True), ('war', False, False)]
    """
    if sentences.is_empty() or not profile.war_terms:
        return _empty(WAR_SCHEMA)
    before = _before(pl.col("start"))
    after = _after(pl.col("end"))
    quoted = pl.col("_quoted")
    found = _group_matches(sentences, profile.war_terms).collect()
    # Only the few sentences with a war term need their quote marks.
    with_terms = _sentence_frame(sentences).join(
        found.lazy().select(KEYS).unique(), on=list(KEYS), how="semi"
    )
    marks = _quote_marks(with_terms).collect().lazy()
    return (
        _quoted(found.lazy(), marks)
        .select(
            *KEYS,
            "start",
            pl.col("group").alias("term"),
            "surface",
            quoted.alias("quoted"),
            (
                quoted
                | before.str.contains(_NAMING_BEFORE).fill_null(False)
                | after.str.contains(_NAMING_AFTER).fill_null(False)
            ).alias("attributed"),
        )
        .sort(*KEYS, "start", maintain_order=True)
        .select(list(WAR_SCHEMA))
        .cast(WAR_SCHEMA)
        .collect()
    )


# --------------------------------------------------------------------------- frames, hedges


def frames(sentences: pl.DataFrame, profile: Profile) -> pl.DataFrame:
    """Sentence-level frame cues: one row per frame x sentence, with the first cue.

    Parameters
    ----------
    sentences
        ``article_id``, ``sentence_idx`` and ``text`` of each sentence.
    profile
        Its ``frames`` groups: cue terms, exclusions and Policy Frames Codebook category.

    Returns
    -------
    DataFrame in :data:`FRAME_SCHEMA`, sorted by sentence and then by the profile's frame
    order. ``cue`` is the first of the frame's cues in text order, as listed.

    Examples
    --------
    >>> from framescope.profile import load
    >>> s = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0], "text": [
    ...     "Sanctions hit oil exports, and trade fell."]})
    >>> frames(s, load()).select("frame", "category", "cue").rows()
    [('economic_ties', 'economic', 'oil'), ('sanctions_law', 'legality', 'sanctions')]
    """
    groups = profile.frames
    if sentences.is_empty() or not groups:
        return _empty(FRAME_SCHEMA)
    columns = []
    for index, group in enumerate(groups):
        hits = (
            pl.col("text")
            .str.extract_all(_alternation([*group.terms, *group.exclusions]))
            .list.eval(_normalised(pl.element()))
        )
        if group.exclusions:
            excluded = [e.lower() for e in group.exclusions]
            hits = hits.list.eval(pl.element().filter(~pl.element().is_in(excluded)))
        columns.append(hits.list.first().alias(f"_{index}"))
    lookup = pl.LazyFrame(
        [
            (f"_{i}", i, g.id, g.category, t.lower(), t)
            for i, g in enumerate(groups)
            for t in g.terms
        ],
        schema={
            "_column": pl.String,
            "_order": pl.Int64,
            "frame": pl.String,
            "category": pl.String,
            "_key": pl.String,
            "cue": pl.String,
        },
        orient="row",
    ).unique(subset=["_column", "_key"], keep="first", maintain_order=True)
    return (
        _sentence_frame(sentences)
        .select(*KEYS, *columns)
        .unpivot(index=list(KEYS), variable_name="_column", value_name="_key")
        .filter(pl.col("_key").is_not_null())
        .join(lookup, on=["_column", "_key"], how="inner")
        .sort(*KEYS, "_order")
        .select(list(FRAME_SCHEMA))
        .cast(FRAME_SCHEMA)
        .collect()
    )


def hedges(sentences: pl.DataFrame, profile: Profile) -> pl.DataFrame:
    """Hedges and certainty markers: one row per occurrence.

    Examples
    --------
    >>> from framescope.profile import load
    >>> s = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0], "text": [
    ...     "Xi may visit in May, reportedly."]})
    >>> hedges(s, load())["hedge"].to_list()
    ['may', 'reportedly']
    """
    if sentences.is_empty() or not profile.hedges:
        return _empty(HEDGE_SCHEMA)
    group = TermGroup(id="hedge", terms=tuple(profile.hedges))
    capitalised = pl.col("surface").str.contains(r"^\p{Lu}")
    # Nothing but non-letters before the hedge: the text's first letter is the hedge's.
    non_letters = (
        pl.when(capitalised).then(pl.col("text")).str.extract(r"^([\W\d_]*)", 1).str.len_chars()
    )
    at_start = pl.when(capitalised).then(non_letters >= pl.col("start"))
    return (
        _group_matches(sentences, [group])
        # A capitalised hedge in mid-sentence is a name: "in May", "Theresa May".
        .filter(~capitalised | at_start)
        .select(*KEYS, "start", pl.col("term").alias("hedge"))
        .sort(*KEYS, "start", maintain_order=True)
        .select(list(HEDGE_SCHEMA))
        .cast(HEDGE_SCHEMA)
        .collect()
    )


# --------------------------------------------------------------------------- quotes


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
        & ~phrase.str.contains(rf"^{_DET}$")
    ).fill_null(False)


def _clauses(sentences: pl.LazyFrame, marks: pl.LazyFrame) -> pl.LazyFrame:
    """Reporting verbs outside quotes, with the speaker phrase each one attributes to.

    Returns ``article_id, sentence_idx, verb, speaker_text, _apposition, _side,
    _verb_start``: ``_side`` says whether the speaker came before the verb ("left") or
    after it ("right"), ``_apposition`` is the text beside the speaker phrase that may name
    it. ``marks`` are the sentences' :func:`_quote_marks`.
    """
    verbs = _alternation(REPORTING_VERBS)
    before = _before(pl.col("start"))
    after = _after(pl.col("end"))
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
    right = (
        after.str.replace(r"^\s*(?:by\s+)?", "")
        .str.replace(from_boundary, "")
        .str.replace(r"[\s.]+$", "")
    )
    to_aside = rf"^\s*(?:by\s+)?{_NOT_BOUNDARY}*,\s*"
    right_aside = (
        pl.when(after.str.contains(to_aside))
        .then(after.str.replace(to_aside, "").str.replace(from_boundary, ""))
        .str.strip_chars()
    )
    name_like = rf"^(?:[A-Z]|{_DET}\s|(?:one|two|three|four|five|six|several|some|many|\d+)\s)"
    invertible = pl.col("verb").is_in(_INVERTIBLE)
    # "according to X" and "cited by X" name their source after the verb, always.
    forced_right = (pl.col("verb") == "according to") | after.str.contains(r"^\s*by\s")
    located = _locate(sentences, {"verb": verbs})
    candidates = (
        # A quotation carried over from the previous sentence ends at its closing ”; an
        # opening quote mark lost in scraping would otherwise hide the attribution after it.
        _quoted(located, marks, carried=False)
        .filter(~pl.col("_quoted"))
        # A lookup, not a join: see the note above _locate.
        .with_columns(
            _normalised(pl.col("surface"))
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


def _by_mention(clauses: pl.LazyFrame, mentions: pl.LazyFrame) -> pl.LazyFrame:
    """The actor named inside each clause's speaker phrase or apposition, if any."""

    def position(phrase: str) -> list[pl.Expr]:
        parts = pl.col(phrase).str.split(pl.col("alias"))
        before_char = parts.list.first().str.slice(-1)
        after_char = parts.list.get(1, null_on_oob=True).str.slice(0, 1)
        whole_word = ~before_char.str.contains(r"[\p{L}\p{N}]").fill_null(False) & ~(
            after_char.str.contains(r"[\p{L}\p{N}]").fill_null(False)
        )
        found = (parts.list.len() > 1) & whole_word
        return [
            pl.when(found)
            .then(parts.list.first().str.len_chars().cast(pl.Int64))
            .alias(f"{phrase}_first"),
            pl.when(found)
            .then(
                pl.col(phrase).str.len_chars().cast(pl.Int64)
                - parts.list.last().str.len_chars().cast(pl.Int64)
                - pl.col("alias").str.len_chars().cast(pl.Int64)
            )
            .alias(f"{phrase}_last"),
        ]

    # Each actor and alias once per sentence: the test is whether the alias is in the phrase,
    # so repeats add nothing but rows (a sentence naming Putin 200 times made 200 per clause).
    named = mentions.select(*KEYS, "actor", "alias").unique()
    candidates = (
        clauses.join(named, on=list(KEYS), how="inner")
        .with_columns(*position("speaker_text"), *position("_apposition"))
        .with_columns(
            # Lower rank wins: a name opening the apposition ("..., Wang Wenbin, said"),
            # then the name nearest the verb in the phrase, then any name in the apposition.
            pl.when((pl.col("_apposition_first") == 0) & (pl.col("_side") == "left"))
            .then(0)
            .when(pl.col("speaker_text_first").is_not_null())
            .then(1)
            .when(pl.col("_apposition_first").is_not_null())
            .then(2)
            .alias("_rank"),
            pl.when(pl.col("_side") == "left")
            .then(-pl.col("speaker_text_last"))
            .otherwise(pl.col("speaker_text_first"))
            .fill_null(0)
            .alias("_distance"),
        )
        .filter(pl.col("_rank").is_not_null())
    )
    return (
        candidates.sort(
            "_cid",
            "_rank",
            "_distance",
            pl.col("alias").str.len_chars(),
            # Ties (two names of one length in the apposition) went to whichever row came
            # first, which changed with the thread count: the name nearest the verb wins.
            pl.when(pl.col("_side") == "left")
            .then(-pl.col("_apposition_last"))
            .otherwise(pl.col("_apposition_first")),
            "actor",
            descending=[False, False, False, True, False, False],
            nulls_last=True,
        )
        .group_by("_cid", maintain_order=True)
        .agg(pl.col("actor").first())
    )


def _by_head_word(clauses: pl.LazyFrame, mentions: pl.LazyFrame, profile: Profile) -> pl.LazyFrame:
    """ "the ministry", "Wang": the latest actor mentioned with that word in its names."""
    words = pl.LazyFrame(
        [
            (actor.id, word)
            for actor in profile.actors
            for word in {
                w.lower()
                for surface in (actor.name, *actor.aliases)
                for w in re.findall(r"[^\W\d_]+", surface)
            }
            if len(word) >= 2 and word not in STOP_WORDS
        ],
        schema={"actor": pl.String, "_head": pl.String},
        orient="row",
    )
    head = pl.coalesce(
        pl.col("speaker_text").str.extract(r"^(?:[Tt]he\s+)(?:[\p{L}’'-]+\s+){0,3}([\p{L}-]+)$", 1),
        pl.col("speaker_text").str.extract(r"^(\p{Lu}[\p{L}-]+)$", 1),
    ).str.to_lowercase()
    history = mentions.select(
        "article_id", "actor", pl.col("sentence_idx").alias("_at"), pl.col("start").alias("_pos")
    ).sort("article_id", "actor", "_at", "_pos")
    return (
        clauses.select("_cid", *KEYS, head.alias("_head"))
        .filter(pl.col("_head").is_not_null())
        .join(words, on="_head", how="inner")
        # Each candidate actor's latest mention up to the clause's sentence, found by an as-of
        # join: joining every earlier mention grew with the square of the article's length.
        .sort("article_id", "actor", "sentence_idx")
        .join_asof(
            history,
            left_on="sentence_idx",
            right_on="_at",
            by=["article_id", "actor"],
            strategy="backward",
            check_sortedness=False,
        )
        .filter(pl.col("_at").is_not_null())
        .sort("_cid", "_at", "_pos", descending=[False, True, True])
        .group_by("_cid", maintain_order=True)
        .agg(pl.col("actor").first())
    )


def _person_mentions(
    sentences: pl.LazyFrame, mentions: pl.LazyFrame, profile: Profile, marks: pl.LazyFrame
) -> pl.LazyFrame:
    """Person-actor mentions that can be a pronoun's antecedent: not possessive, not quoted
    (``marks``: the sentences' :func:`_quote_marks`)."""
    persons = [a.id for a in profile.actors if a.kind == "person"]
    # Three characters after the name tell a possessive: "’s" and the next one, for \b.
    possessive = pl.col("text").str.slice(pl.col("_rel_end"), 3).str.contains(r"^['’]s(?-u:\b)")
    found = _in_sentence(mentions.filter(pl.col("actor").is_in(persons)), sentences)
    return (
        _quoted(
            found.with_columns(
                (pl.col("start") - pl.col("_sentence_start")).alias("_rel_start"),
                (pl.col("end") - pl.col("_sentence_start")).alias("_rel_end"),
            ),
            marks,
            start="_rel_start",
            end="_rel_end",
        )
        .filter(~possessive & ~pl.col("_quoted"))
        .select(
            "article_id",
            pl.col("sentence_idx").alias("_at"),
            pl.col("start").alias("_pos"),
            "actor",
        )
    )


def _by_pronoun(
    pronouns: pl.LazyFrame,
    resolved: pl.LazyFrame,
    persons: pl.LazyFrame,
    profile: Profile,
) -> pl.LazyFrame:
    """he/she: the last person speaker in the previous 3 sentences, else the last person
    mentioned in the previous 2; "unresolved" when the last speaker was not a person."""
    kinds = {a.id: a.kind for a in profile.actors}
    asking = pronouns.select("_cid", "article_id", "sentence_idx").sort(
        "article_id", "sentence_idx"
    )

    def latest_before(rows: pl.LazyFrame, window: int) -> pl.LazyFrame:
        # The last row (by sentence, then position) in a sentence before the pronoun's, if it
        # is at most ``window`` sentences back: an as-of join, so that the work does not grow
        # with the square of an article's attributions.
        return asking.join_asof(
            rows.sort("article_id", "_at", "_pos"),
            left_on="sentence_idx",
            right_on="_at",
            by="article_id",
            strategy="backward",
            allow_exact_matches=False,
            check_sortedness=False,
        ).filter(pl.col("_at") >= pl.col("sentence_idx") - window)

    speakers = resolved.select(
        "article_id",
        pl.col("sentence_idx").alias("_at"),
        pl.col("_verb_start").alias("_pos"),
        pl.col("actor").alias("_speaker"),
    )
    earlier = latest_before(speakers, 3).select(
        "_cid",
        pl.when(
            pl.col("_speaker").replace_strict(kinds, default="other", return_dtype=pl.String)
            == "person"
        )
        .then(pl.col("_speaker"))
        .otherwise(pl.lit("unresolved"))
        .alias("_by_speaker"),
    )
    mentioned = latest_before(persons, 2).select("_cid", pl.col("actor").alias("_by_mention"))
    he_or_she = pl.col("speaker_text").str.to_lowercase().is_in(["he", "she"])
    return (
        pronouns.select("_cid", "speaker_text")
        .join(earlier, on="_cid", how="left")
        .join(mentioned, on="_cid", how="left")
        .select(
            "_cid",
            pl.when(he_or_she)
            .then(pl.coalesce("_by_speaker", "_by_mention", pl.lit("unresolved")))
            .otherwise(pl.lit("unresolved"))
            .alias("actor"),
        )
    )


def _quote_spans(text: pl.Expr) -> pl.Expr:
    """The quoted words of a sentence, quote marks removed, spans joined by " … "."""
    return (
        text.str.extract_all(_QUOTE_SPAN)
        .list.eval(
            pl.element()
            .str.strip_chars('“”" ')
            .str.strip_chars_end(",")
            .filter(pl.element().str.contains(r"\w"))
        )
        .list.join(" … ")
    )


def quotes(sentences: pl.DataFrame, mentions: pl.DataFrame, profile: Profile) -> pl.DataFrame:
    """Attributed statements, with the speaker resolved to a profile actor where possible.

    Parameters
    ----------
    sentences
        ``article_id``, ``sentence_idx``, ``start`` and ``text`` of each sentence, every
        sentence of each article (pronouns and continued quotations look at neighbours).
    mentions
        The mentions table of those sentences.
    profile
        Actors give ``speaker_kind`` and ``voice``; their names resolve "the ministry".

    Returns
    -------
    DataFrame in :data:`QUOTE_SCHEMA`, one row per sentence x speaker, sorted by sentence.
    The rules are in the module docstring.

    Examples
    --------
    >>> from framescope import mentions as mention_table
    >>> from framescope.profile import load
    >>> s = pl.DataFrame({"article_id": ["a", "a"], "sentence_idx": [0, 1], "start": [0, 40],
    ...     "text": ["China is neutral, Wang Wenbin said.", "“We are neutral,” he added."]})
    >>> quotes(s, mention_table.extract(s, load()), load()).select(
    ...     "speaker", "voice", "verb", "quote").rows()  # doctest: +NORMALIZE_WHITESPACE
    [('wang_wenbin', 'chinese_official', 'say', 'China is neutral, Wang Wenbin said.'),
     ('wang_wenbin', 'chinese_official', 'add', 'We are neutral')]
    """
    if sentences.is_empty():
        return _empty(QUOTE_SCHEMA)
    text_only = _sentence_frame(sentences)
    sentence_rows = (
        sentences.lazy()
        .select(
            pl.col("article_id").cast(pl.String),
            pl.col("sentence_idx").cast(pl.Int32),
            pl.col("start").cast(pl.Int64),
            pl.col("text").cast(pl.String),
        )
        .sort(*KEYS)
    )
    mention_frame = mentions.lazy().select(
        pl.col("article_id").cast(pl.String),
        pl.col("sentence_idx").cast(pl.Int32),
        "actor",
        "alias",
        pl.col("start").cast(pl.Int64),
        pl.col("end").cast(pl.Int64),
    )
    # Computed once: the clauses and the pronouns' antecedents both look at quote marks.
    marks = _quote_marks(text_only).collect().lazy()
    clauses = _clauses(text_only, marks).with_row_index("_cid").collect().lazy()
    pronoun = pl.col("speaker_text").str.to_lowercase().is_in(list(_PRONOUNS))
    named = clauses.filter(~pronoun)
    by_mention = _by_mention(named, mention_frame)
    by_head = _by_head_word(named.join(by_mention, on="_cid", how="anti"), mention_frame, profile)
    named_resolved = named.join(pl.concat([by_mention, by_head]), on="_cid", how="left").collect()
    by_pronoun = _by_pronoun(
        clauses.filter(pronoun),
        # Text speakers count too: "he" after "a Chinese official said" is that official.
        named_resolved.lazy(),
        _person_mentions(sentence_rows, mention_frame, profile, marks),
        profile,
    )
    resolved = pl.concat(
        [
            named_resolved.lazy(),
            clauses.filter(pronoun).join(by_pronoun, on="_cid", how="left"),
        ]
    )
    kinds = {a.id: a.speaker_kind for a in profile.actors}
    voices = {a.id: a.voice for a in profile.actors}
    attributed = (
        resolved.with_columns(
            pl.coalesce("actor", "speaker_text").alias("speaker"),
            pl.col("actor")
            .replace_strict(kinds, default="other", return_dtype=pl.String)
            .alias("speaker_kind"),
            pl.col("actor")
            .replace_strict(voices, default="other", return_dtype=pl.String)
            .alias("voice"),
        )
        .sort(*KEYS, "_verb_start")
        .unique(subset=[*KEYS, "speaker"], keep="first", maintain_order=True)
        .collect()
    )
    quoted = (
        sentence_rows.select(*KEYS, "text", _quote_spans(pl.col("text")).alias("_spans"))
        .with_columns(pl.when(pl.col("_spans") != "").then(pl.col("_spans")).alias("_spans"))
        .collect()
    )
    rows = (
        attributed.join(quoted, on=list(KEYS), how="left")
        .with_columns(
            pl.coalesce("_spans", "text").alias("quote"),
            pl.col("_spans").is_not_null().alias("direct"),
        )
        .select(list(QUOTE_SCHEMA))
    )
    continued = _continued(quoted, attributed)
    return (
        pl.concat([rows, continued])
        .sort(*KEYS, maintain_order=True)
        .select(list(QUOTE_SCHEMA))
        .cast(QUOTE_SCHEMA)
    )


def _continued(quoted: pl.DataFrame, attributed: pl.DataFrame) -> pl.DataFrame:
    """Quotation sentences with no attribution of their own, given a neighbour's speaker."""
    primary = (
        attributed.sort(*KEYS, pl.col("verb").is_in(_RELAY), "_verb_start")
        .group_by(*KEYS, maintain_order=True)
        .agg(pl.all().first())
        .select(*KEYS, "speaker", "speaker_kind", "voice", "verb", "speaker_text")
    )
    has_clause = pl.col("_has_clause")
    text = pl.col("text")
    # Each text test is a column of its own (``tests`` below): as expressions, they were
    # evaluated again at every use, which took most of the time here.
    tests = {
        "_starts_inside": text.str.contains(r"^[^“”]*”"),
        "_starts_quote": text.str.contains(r'^\s*[“"]'),
        "_ends_open": text.str.contains(r"“[^“”]*$"),
        "_ends_said": text.str.contains(
            r"(?i)(?-u:\b)(?:said|says|added|wrote|as saying)\s*\.?\s*$"
        ),
    }
    starts_inside = pl.col("_starts_inside")
    nxt = {
        name: expr.shift(-1).over("article_id")
        for name, expr in {
            "has_clause": has_clause,
            "starts_inside": starts_inside,
            "bare": has_clause & pl.col("_spans").is_null() & pl.col("_ends_said"),
        }.items()
    }
    candidate = (
        pl.col("_spans").is_not_null() & ~has_clause & (pl.col("_starts_quote") | starts_inside)
    )
    is_candidate = pl.col("_candidate")
    index = pl.col("sentence_idx")
    last_clause = pl.when(has_clause).then(index).forward_fill().shift(1).over("article_id")
    # A sentence that is neither attributed nor part of the quotation breaks the run.
    last_break = (
        pl.when(~has_clause & ~is_candidate).then(index).forward_fill().shift(1).over("article_id")
    )
    source = (
        pl.when(is_candidate & pl.col("_ends_open") & nxt["starts_inside"] & nxt["has_clause"])
        .then(index + 1)
        .when(is_candidate & nxt["bare"].fill_null(False))
        .then(index + 1)
        .when(
            is_candidate
            & last_clause.is_not_null()
            & ((index - last_clause <= 2) | last_break.is_null() | (last_break < last_clause))
        )
        .then(last_clause)
    )
    clause_sentences = primary.select(*KEYS).with_columns(pl.lit(True).alias("_has_clause"))
    return (
        quoted.join(clause_sentences, on=list(KEYS), how="left")
        .with_columns(has_clause.fill_null(False), **tests)
        .sort(*KEYS)
        .with_columns(candidate.alias("_candidate"))
        .with_columns(source.alias("_source"))
        .filter(pl.col("_source").is_not_null())
        .select(*KEYS, pl.col("_spans").alias("quote"), "_source")
        .join(
            primary.rename({"sentence_idx": "_source"}),
            on=["article_id", "_source"],
            how="inner",
        )
        .select(
            *KEYS,
            "speaker",
            "speaker_kind",
            "voice",
            "verb",
            "quote",
            "speaker_text",
            pl.lit(True).alias("direct"),
        )
    )


# --------------------------------------------------------------------------- pipeline


def extract_all(
    sentences: pl.DataFrame, mentions: pl.DataFrame, profile: Profile
) -> dict[str, pl.DataFrame]:
    """Every framing table of some sentences, for the pipeline.

    Returns ``{"labels", "war_terms", "frames", "hedges", "quotes"}``; each depends only on
    its own article, so a build may add articles without recomputing the old ones.

    Examples
    --------
    >>> from framescope.profile import load
    >>> empty = pl.DataFrame(schema={"article_id": pl.String, "sentence_idx": pl.Int32,
    ...                             "start": pl.Int64, "end": pl.Int64, "text": pl.String})
    >>> sorted(extract_all(empty, empty, load()))
    ['frames', 'hedges', 'labels', 'quotes', 'war_terms']
    """
    return {
        "labels": labels(sentences, mentions, profile),
        "war_terms": war_naming(sentences, profile),
        "frames": frames(sentences, profile),
        "hedges": hedges(sentences, profile),
        "quotes": quotes(sentences, mentions, profile),
    }


# --------------------------------------------------------------------------- comparisons


def _kept_articles(articles: pl.DataFrame, *, include_duplicates: bool) -> pl.DataFrame:
    missing = sorted({"article_id", "source"} - set(articles.columns))
    if missing:
        msg = f"articles: missing column(s) {missing}; got {articles.columns}"
        raise ValueError(msg)
    if "duplicate_of" not in articles.columns:
        return articles
    return articles.filter(counted(include_duplicates=include_duplicates))


def _columns(by: str | Sequence[str] | None) -> list[str]:
    if by is None:
        return []
    return [by] if isinstance(by, str) else list(by)


def shares(
    table: pl.DataFrame,
    articles: pl.DataFrame,
    *,
    by: str | Sequence[str] | None,
    include_duplicates: bool = False,
    min_n: int = SMALL_SAMPLE_ROWS,
) -> pl.DataFrame:
    """Counts and shares of a framing table's rows per source (and per ``by`` value).

    Parameters
    ----------
    table
        Any table with ``article_id`` (war terms, frames, hedges, labels, quotes, ...).
    articles
        ``article_id``, ``source``, ``n_words`` and ``duplicate_of``.
    by
        Column(s) of ``table`` to break each source's rows down by (``"term"``,
        ``"frame"``, ``"label"``...), or None for one total row per source.
    include_duplicates
        Count near-duplicate articles (``duplicate_of`` not null) too.
    min_n
        Rows of a source below which its shares are flagged ``small_sample``.

    Returns
    -------
    DataFrame with ``source``, the ``by`` columns, ``n`` (rows), ``n_source`` (rows of the
    source), ``share`` (``n / n_source``, null when the source has none), ``articles_with``
    (articles of the source with such a row), ``n_articles``, ``n_words``,
    ``per_1k_words`` and ``small_sample``. Every source of ``articles`` x every ``by``
    value seen in ``table`` has a row, zeros included, so absences are visible. Use
    :func:`evidence` for the sentences behind a row.

    Examples
    --------
    >>> war = pl.DataFrame({"article_id": ["a", "a", "b"], "term": ["war", "invasion", "war"]})
    >>> arts = pl.DataFrame({"article_id": ["a", "b"], "source": ["X", "Y"],
    ...                      "n_words": [1000, 500], "duplicate_of": [None, None]})
    >>> shares(war, arts, by="term").select("source", "term", "n", "share").rows()
    ... # doctest: +NORMALIZE_WHITESPACE
    [('X', 'invasion', 1, 0.5), ('X', 'war', 1, 0.5),
     ('Y', 'invasion', 0, 0.0), ('Y', 'war', 1, 1.0)]
    """
    columns = _columns(by)
    missing = sorted({"article_id", *columns} - set(table.columns))
    if missing:
        msg = f"shares: column(s) {missing} not in the table; it has {table.columns}"
        raise ValueError(msg)
    kept = _kept_articles(articles, include_duplicates=include_duplicates)
    words = pl.col("n_words") if "n_words" in kept.columns else pl.lit(None, dtype=pl.Int64)
    per_source = kept.group_by("source").agg(
        pl.len().cast(pl.Int64).alias("n_articles"), words.sum().cast(pl.Int64).alias("n_words")
    )
    rows = table.select("article_id", *columns).join(
        kept.select("article_id", "source"), on="article_id", how="inner"
    )
    counts = rows.group_by("source", *columns).agg(
        pl.len().cast(pl.Int64).alias("n"),
        pl.col("article_id").n_unique().cast(pl.Int64).alias("articles_with"),
    )
    return shares_of(counts, per_source, table.select(columns).unique(), min_n=min_n)


def shares_of(
    counts: pl.DataFrame, per_source: pl.DataFrame, values: pl.DataFrame, *, min_n: int
) -> pl.DataFrame:
    """:func:`shares` from its parts: ``counts`` (source, the ``values`` columns, ``n``,
    ``articles_with``), ``per_source`` (source, ``n_articles``, ``n_words``) and the
    distinct ``values`` to break sources down by (no columns: one row per source).

    Examples
    --------
    >>> counts = pl.DataFrame({"source": ["X"], "term": ["war"], "n": [2], "articles_with": [1]})
    >>> per_source = pl.DataFrame({"source": ["X", "Y"], "n_articles": [1, 1], "n_words": [500, 9]})
    >>> shares_of(counts, per_source, counts.select("term"), min_n=1).select("source", "n").rows()
    [('X', 2), ('Y', 0)]
    """
    columns = values.columns
    grid = per_source.select("source")
    if columns:
        grid = grid.join(values, how="cross")
    return (
        grid.join(counts, on=["source", *columns], how="left", nulls_equal=True)
        .join(per_source, on="source", how="left")
        .with_columns(pl.col("n", "articles_with").fill_null(0))
        .with_columns(pl.col("n").sum().over("source").alias("n_source"))
        .with_columns(
            pl.when(pl.col("n_source") > 0).then(pl.col("n") / pl.col("n_source")).alias("share"),
            pl.when(pl.col("n_words") > 0)
            .then(pl.col("n") * 1000 / pl.col("n_words"))
            .alias("per_1k_words"),
            (pl.col("n_source") < min_n).alias("small_sample"),
        )
        .select(
            "source",
            *columns,
            "n",
            "n_source",
            "share",
            "articles_with",
            "n_articles",
            "n_words",
            "per_1k_words",
            "small_sample",
        )
        .sort("source", *columns, nulls_last=True)
    )


def evidence(
    table: pl.DataFrame,
    sentences: pl.DataFrame,
    *,
    articles: pl.DataFrame | None = None,
    **filters: object,
) -> pl.DataFrame:
    """The sentences behind a number: ``table`` rows matching ``filters``, with their text.

    A filter value that is a list, tuple or set keeps rows with any of its values. Give
    ``articles`` to filter on its columns too (``source="NBC News"``).

    Examples
    --------
    >>> war = pl.DataFrame({"article_id": ["a", "a"], "sentence_idx": [0, 1],
    ...                     "term": ["war", "invasion"]})
    >>> s = pl.DataFrame({"article_id": ["a", "a"], "sentence_idx": [0, 1],
    ...                   "text": ["It is a war.", "An invasion."]})
    >>> evidence(war, s, term="invasion")["sentence"].to_list()
    ['An invasion.']
    """
    frame = table
    if articles is not None:
        extra = [c for c in articles.columns if c not in frame.columns or c == "article_id"]
        frame = frame.join(articles.select(extra), on="article_id", how="left")
    for column, value in filters.items():
        if column not in frame.columns:
            msg = f"evidence: cannot filter on {column!r}; columns are {frame.columns}"
            raise ValueError(msg)
        if isinstance(value, (list, tuple, set, frozenset)):
            frame = frame.filter(pl.col(column).is_in(list(value)))
        else:
            frame = frame.filter(pl.col(column) == value)
    text = sentences.select(
        pl.col("article_id").cast(pl.String),
        pl.col("sentence_idx").cast(pl.Int32),
        pl.col("text").alias("sentence"),
    )
    return (
        frame.with_columns(pl.col("sentence_idx").cast(pl.Int32))
        .join(text, on=list(KEYS), how="left")
        .sort(*KEYS, maintain_order=True)
    )


def voice_shares(
    quotes: pl.DataFrame,
    articles: pl.DataFrame,
    *,
    include_duplicates: bool = False,
    min_n: int = 10,
) -> pl.DataFrame:
    """Share of quoted statements per voice (russian_official, ..., other) per source.

    Every source x every voice in :data:`framescope.profile.VOICES` has a row (zeros
    included); ``n_source`` is the source's attributed statements, and ``small_sample``
    flags sources with fewer than ``min_n``.

    Examples
    --------
    >>> q = pl.DataFrame({"article_id": ["a", "a"], "voice": ["russian_official", "other"]})
    >>> arts = pl.DataFrame({"article_id": ["a"], "source": ["X"], "duplicate_of": [None]})
    >>> voice_shares(q, arts).filter(pl.col("n") > 0).select("voice", "share").rows()
    [('other', 0.5), ('russian_official', 0.5)]
    """
    kept = _kept_articles(articles, include_duplicates=include_duplicates)
    counts = (
        quotes.select("article_id", "voice")
        .join(kept.select("article_id", "source"), on="article_id", how="inner")
        .group_by("source", "voice")
        .agg(pl.len().cast(pl.Int64).alias("n"))
    )
    return voice_shares_of(counts, kept["source"], min_n=min_n)


def voice_shares_of(counts: pl.DataFrame, sources: pl.Series, *, min_n: int = 10) -> pl.DataFrame:
    """:func:`voice_shares` from statement counts per source and voice (``n``), for every
    source in ``sources`` (a source with no statements gets zeros).

    Examples
    --------
    >>> counts = pl.DataFrame({"source": ["X"], "voice": ["other"], "n": [3]})
    >>> voice_shares_of(counts, pl.Series(["X", "Y"])).filter(pl.col("voice") == "other").rows()
    [('X', 'other', 3, 3, 1.0, True), ('Y', 'other', 0, 0, None, True)]
    """
    grid = (
        sources.unique()
        .to_frame("source")
        .join(pl.DataFrame({"voice": list(VOICES)}, schema={"voice": pl.String}), how="cross")
    )
    return (
        grid.join(counts, on=["source", "voice"], how="left")
        .with_columns(pl.col("n").fill_null(0))
        .with_columns(pl.col("n").sum().over("source").alias("n_source"))
        .with_columns(
            pl.when(pl.col("n_source") > 0).then(pl.col("n") / pl.col("n_source")).alias("share"),
            (pl.col("n_source") < min_n).alias("small_sample"),
        )
        .sort("source", "voice")
        .select(list(VOICE_SHARE_SCHEMA))
        .cast(VOICE_SHARE_SCHEMA)
    )


def omissions(
    articles: pl.DataFrame,
    *,
    mentions: pl.DataFrame | None = None,
    frames: pl.DataFrame | None = None,
    quotes: pl.DataFrame | None = None,
    figures: pl.DataFrame | None = None,
    include_duplicates: bool = False,
) -> pl.DataFrame:
    """Which actors, frames, figures and quoted voices each source has and the others lack.

    Parameters
    ----------
    articles
        ``article_id``, ``source`` and ``duplicate_of``.
    mentions, frames, quotes, figures
        The tables to compare, each optional: items are ``mentions.actor`` (kind
        "actor"), ``frames.frame`` ("frame"), ``quotes.speaker`` ("voice", leaving out
        "unresolved") and ``figures.metric`` ("figure", leaving out null and "other").

    Returns
    -------
    DataFrame in :data:`OMISSION_SCHEMA`: one row per source x item seen in any source,
    with ``present``, ``n`` (rows in the source), ``n_sources_with_item`` and
    ``n_sources``. An item present in one source only is that source's exclusive; one
    absent from a single source is that source's omission.

    Examples
    --------
    >>> arts = pl.DataFrame({"article_id": ["a", "b"], "source": ["X", "Y"],
    ...                      "duplicate_of": [None, None]})
    >>> m = pl.DataFrame({"article_id": ["a", "a", "b"], "actor": ["tass", "china", "china"]})
    >>> omissions(arts, mentions=m).filter(~pl.col("present")).select("source", "item").rows()
    [('Y', 'tass')]
    """
    kept = _kept_articles(articles, include_duplicates=include_duplicates)
    items = []
    for kind, table, column, drop in (
        ("actor", mentions, "actor", ()),
        ("frame", frames, "frame", ()),
        ("voice", quotes, "speaker", ("unresolved",)),
        ("figure", figures, "metric", ("other",)),
    ):
        if table is None:
            continue
        if column not in table.columns:
            msg = f"omissions: the {kind} table has no {column!r} column; it has {table.columns}"
            raise ValueError(msg)
        items.append(
            table.select(
                pl.col("article_id").cast(pl.String),
                pl.lit(kind).alias("kind"),
                pl.col(column).cast(pl.String).alias("item"),
            ).filter(pl.col("item").is_not_null() & ~pl.col("item").is_in(list(drop)))
        )
    if not items:
        return _empty(OMISSION_SCHEMA)
    counts = (
        pl.concat(items)
        .join(kept.select("article_id", "source"), on="article_id", how="inner")
        .group_by("source", "kind", "item")
        .agg(pl.len().cast(pl.Int64).alias("n"))
    )
    sources = kept.select("source").unique()
    return (
        sources.join(counts.select("kind", "item").unique(), how="cross")
        .join(counts, on=["source", "kind", "item"], how="left")
        .with_columns(pl.col("n").fill_null(0))
        .with_columns(
            (pl.col("n") > 0).alias("present"),
            (pl.col("n") > 0)
            .sum()
            .over("kind", "item")
            .cast(pl.Int64)
            .alias("n_sources_with_item"),
            pl.lit(sources.height, dtype=pl.Int64).alias("n_sources"),
        )
        .sort("kind", "item", "source")
        .select(list(OMISSION_SCHEMA))
        .cast(OMISSION_SCHEMA)
    )


# --------------------------------------------------------------------------- distinctive words


def tokens(sentences: pl.DataFrame, *, ngram: tuple[int, int] = (1, 2)) -> pl.LazyFrame:
    """The n-grams of each sentence, lowercased, stop words out (see distinctive_terms).

    Returns ``article_id, sentence_idx, ngram, term`` (lazy), one row per occurrence.
    """
    low, high = _ngram_range(ngram)
    stop = list(STOP_WORDS)
    exploded = (
        sentences.lazy()
        .select(
            pl.col("article_id").cast(pl.String),
            pl.col("sentence_idx").cast(pl.Int32),
            pl.col("text")
            .str.to_lowercase()
            .str.replace_all("’", "'", literal=True)
            .str.extract_all(r"[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*")
            .alias("term"),
        )
        .with_row_index("_sentence")
        .explode("term")
        .filter(pl.col("term").is_not_null())
        .with_columns(pl.col("term").str.replace(r"'s$", ""))
        .with_columns(
            (pl.col("term").is_in(stop) | ~pl.col("term").str.contains(r"\p{L}")).alias("_stop")
        )
    )
    grams = []
    for n in range(low, high + 1):
        # An n-gram is n adjacent words of one sentence, none of them a stop word.
        keep = pl.all_horizontal(
            *(~pl.col("_stop").shift(-k).fill_null(True) for k in range(n)),
            *(
                (pl.col("_sentence").shift(-k) == pl.col("_sentence")).fill_null(False)
                for k in range(1, n)
            ),
        )
        term = pl.concat_str([pl.col("term").shift(-k) for k in range(n)], separator=" ")
        grams.append(
            exploded.select(*KEYS, keep.alias("_keep"), term.alias("term"))
            .filter(pl.col("_keep"))
            .select(*KEYS, pl.lit(n, dtype=pl.Int8).alias("ngram"), "term")
        )
    return pl.concat(grams)


def _ngram_range(ngram: tuple[int, int]) -> tuple[int, int]:
    low, high = ngram
    if not (isinstance(low, int) and isinstance(high, int) and 1 <= low <= high <= 5):
        msg = f"ngram: expected (low, high) with 1 <= low <= high <= 5, got {ngram!r}"
        raise ValueError(msg)
    return low, high


def distinctive_terms(
    sentences: pl.DataFrame,
    articles: pl.DataFrame,
    *,
    ngram: tuple[int, int] = (1, 2),
    prior: float | None = None,
    alpha0: float = DEFAULT_ALPHA0,
    min_count: int = 2,
    include_duplicates: bool = False,
    small_sample_tokens: int = SMALL_SAMPLE_TOKENS,
) -> pl.DataFrame:
    """Words and phrases that set each source apart from all the others.

    For each source ``i`` against the rest ``j`` (all other sources pooled) and each term
    ``w`` of an n-gram order, with ``y`` counts and ``n`` totals of that order (Monroe,
    Colaresi & Quinn 2008, eqs. 16-22)::

        a_w   = alpha0 * y_w / n          informative prior: the whole corpus's frequencies
              = prior                     when ``prior`` is a number (uninformative), and
        a_0   = sum of a_w                then a_0 = prior * vocabulary size
        delta = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w))
              - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w))
        var   = 1 / (y_iw + a_w) + 1 / (y_jw + a_w)
        z     = delta / sqrt(var)

    Tokens are runs of letters and digits (inner hyphens and apostrophes kept:
    "sino-russian", "don't"), lowercased, with a final "'s" dropped ("russia's" counts as
    "russia"). Tokens with no letter and :data:`STOP_WORDS` are not unigrams; an n-gram is
    n adjacent tokens of one sentence, none of them a stop word ("foreign ministry", not
    "invasion ukraine" from "invasion of Ukraine").

    Parameters
    ----------
    sentences
        ``article_id``, ``sentence_idx``, ``text``.
    articles
        ``article_id``, ``source`` and ``duplicate_of``.
    ngram
        Smallest and largest n-gram order, as in scikit-learn's ``ngram_range``.
    prior
        None for the informative prior; a number for the same ``a_w`` for every term.
    alpha0
        Strength of the informative prior, in pseudo-tokens (:data:`DEFAULT_ALPHA0`).
    min_count
        Terms seen fewer times in the whole corpus are left out of the result (they still
        count in the totals).
    include_duplicates
        Count near-duplicate articles too.
    small_sample_tokens
        A source with fewer tokens than this (of the smallest n-gram order asked for:
        unigrams by default) is flagged ``small_sample`` and a warning names it
        (:data:`SMALL_SAMPLE_TOKENS`).

    Returns
    -------
    DataFrame in :data:`DISTINCTIVE_SCHEMA`: one row per source x term, terms a source
    never uses included (negative z), sorted by source, ngram and descending z.

    Raises
    ------
    ValueError
        If fewer than two sources have text, or an option is out of range.

    Examples
    --------
    >>> s = pl.DataFrame({"article_id": ["a", "b"], "sentence_idx": [0, 0],
    ...                   "text": ["Invasion, invasion and war.", "War and war and invasion."]})
    >>> arts = pl.DataFrame({"article_id": ["a", "b"], "source": ["X", "Y"],
    ...                      "duplicate_of": [None, None]})
    >>> out = distinctive_terms(s, arts, ngram=(1, 1), prior=1.0, min_count=1,
    ...                         small_sample_tokens=0)
    >>> out.filter(pl.col("source") == "X").select("term", "n_source", "n_rest").rows()
    [('invasion', 2, 1), ('war', 1, 2)]
    """
    _ngram_range(ngram)
    if prior is not None and not prior > 0:
        msg = f"prior: expected a positive number or None, got {prior!r}"
        raise ValueError(msg)
    if not alpha0 > 0:
        msg = f"alpha0: expected a positive number, got {alpha0!r}"
        raise ValueError(msg)
    kept = _kept_articles(articles, include_duplicates=include_duplicates)
    counts = (
        tokens(sentences, ngram=ngram)
        .join(kept.lazy().select("article_id", "source"), on="article_id", how="inner")
        .group_by("source", "ngram", "term")
        .agg(pl.len().cast(pl.Int64).alias("n_source"))
        .collect()
    )
    if counts.is_empty():
        return _empty(DISTINCTIVE_SCHEMA)
    sources = counts.select("source").unique().sort("source")
    if sources.height < 2:
        msg = f"distinctive terms compare sources; only one has text: {sources['source'][0]!r}"
        raise ValueError(msg)
    totals = counts.group_by("source", "ngram").agg(pl.col("n_source").sum().alias("n_i"))
    corpus = counts.group_by("ngram", "term").agg(pl.col("n_source").sum().alias("y_w"))
    sizes = corpus.group_by("ngram").agg(
        pl.col("y_w").sum().alias("n"), pl.len().cast(pl.Int64).alias("vocabulary")
    )
    if prior is None:
        a_w = alpha0 * pl.col("y_w") / pl.col("n")
        a_0 = pl.lit(alpha0)
    else:
        a_w = pl.lit(prior)
        a_0 = prior * pl.col("vocabulary")
    # The flag counts tokens of the smallest order asked for: unigrams by default.
    unigrams = totals.filter(pl.col("ngram") == ngram[0]).select(
        "source", pl.col("n_i").alias("_unigrams")
    )
    small = (
        sources.join(unigrams, on="source", how="left")
        .filter(pl.col("_unigrams").fill_null(0) < small_sample_tokens)["source"]
        .to_list()
    )
    if small:
        warnings.warn(
            f"distinctive terms: {len(small)} source(s) have fewer than {small_sample_tokens} "
            f"tokens, so their log-odds rest on few counts: {small}",
            UserWarning,
            stacklevel=2,
        )
    y_i, y_j = pl.col("n_source"), pl.col("n_rest")
    n_i, n_j = pl.col("n_i"), pl.col("n") - pl.col("n_i")
    delta = ((y_i + pl.col("a_w")) / (n_i + pl.col("a_0") - y_i - pl.col("a_w"))).log() - (
        (y_j + pl.col("a_w")) / (n_j + pl.col("a_0") - y_j - pl.col("a_w"))
    ).log()
    variance = 1 / (y_i + pl.col("a_w")) + 1 / (y_j + pl.col("a_w"))
    return (
        corpus.join(sizes, on="ngram")
        .with_columns(a_w.alias("a_w"), a_0.alias("a_0"))
        .filter(pl.col("y_w") >= min_count)
        .join(sources, how="cross")
        .join(counts, on=["source", "ngram", "term"], how="left")
        .join(totals, on=["source", "ngram"], how="left")
        .with_columns(pl.col("n_source", "n_i").fill_null(0))
        .with_columns((pl.col("y_w") - pl.col("n_source")).alias("n_rest"))
        .with_columns(delta.alias("log_odds"))
        .with_columns(
            (pl.col("log_odds") / variance.sqrt()).alias("z"),
            pl.col("source").is_in(small).alias("small_sample"),
        )
        .sort(["source", "ngram", "z", "term"], descending=[False, False, True, False])
        .select(list(DISTINCTIVE_SCHEMA))
        .cast(DISTINCTIVE_SCHEMA)
    )
