"""Quotes: who is quoted, and saying what.

An attributed statement is a reporting verb with a speaker phrase
(:func:`framescope.rules.speakers.clauses`: one per speaker of "Xi and Putin said"),
resolved to a profile actor where possible (:mod:`framescope.framing.resolve`); otherwise
a person is kept by name ("Yury Ushakov" for "Kremlin aide Yury Ushakov", "Gazprom" for
"Russia's top producer, Gazprom"), any other phrase as text ("a Chinese official"; all with
speaker_kind and voice "other"), and
pronouns with no antecedent and "they" give "unresolved". A data source ("Chinese customs
data showed", "according to China's General Administration of Customs":
:func:`framescope.rules.reporting.data_source`) is kept as written with speaker_kind "data"
and voice "other", never resolved to the country it names. ``quote`` holds the quoted spans
of the sentence (``direct=True``), or the whole sentence for indirect speech. A sentence
that starts with or inside a quotation and has no attribution of its own continues a
neighbour's statement: the next sentence's when the quotation runs on into it or the next
sentence is a bare attribution ("When Guanzhong said."), else the nearest attributed
sentence before it (at most two sentences back, or any distance across a run of such
quotation sentences). Straight quotes count too: a sentence that opens with a lone " and one
that closes with a lone ," before its attribution ('"Our countries ...' / 'And we are able
...," Putin said.'). One row per sentence x speaker; a relayed statement gives a row for
the speaker and one for the relay ("TASS quoted the ministry as saying": the ministry with
"say", TASS with "quote").
"""

from __future__ import annotations

import polars as pl

from framescope.framing.persons import person_name, titled, titles_named
from framescope.framing.pronouns import by_pronoun, person_mentions
from framescope.framing.resolve import (
    apposition_name,
    by_alias,
    by_document,
    by_head_word,
    by_mention,
    by_pair,
    by_role,
)
from framescope.profile import Profile
from framescope.rules.quotation import quote_marks, quote_spans
from framescope.rules.reporting import PAIR, PRONOUNS, RELAY
from framescope.rules.spans import KEYS, sentence_frame
from framescope.rules.speakers import clauses

QUOTE_SCHEMA = pl.Schema(
    {
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
)
"""Columns of the quotes table. ``speaker`` is a profile actor id when resolved, else the
speaker phrase as written ("a Chinese official") or ``"unresolved"`` (a pronoun with no
antecedent); ``speaker_kind`` and ``voice`` come from the profile actor, ``"other"`` when
not resolved, ``"data"`` for a data source. ``verb`` is the reporting verb's lemma ("say",
"claim", "according to"). ``speaker_text`` is the phrase as written ("he", "the former
diplomat"); ``direct`` says whether ``quote`` holds quoted words (True) or the whole
sentence of indirect speech."""


_STRAIGHT_OPEN = r'^\s*"([^"“”]*\w[^"“”]*)$'
"""A sentence that opens a quotation with a lone straight quote, and its quoted words."""
_STRAIGHT_CLOSE = r'^([^"“”]*\w[^"“”]*?)[,.?!]"\s[^"“”]*$'
"""A sentence that closes a quotation with a lone straight quote after a comma or a full stop,
and its quoted words."""


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
        return pl.DataFrame(schema=QUOTE_SCHEMA)
    text_only = sentence_frame(sentences)
    sentence_rows = sentence_frame(sentences, start=True).sort(*KEYS)
    mention_frame = mentions.lazy().select(
        pl.col("article_id").cast(pl.String),
        pl.col("sentence_idx").cast(pl.Int32),
        "actor",
        "alias",
        pl.col("start").cast(pl.Int64),
        pl.col("end").cast(pl.Int64),
    )
    # Computed once: the clauses and the pronouns' antecedents both look at quote marks.
    marks = quote_marks(text_only).collect().lazy()
    found = clauses(text_only, marks=marks).with_row_index("_cid").collect().lazy()
    pronoun = pl.col("speaker_text").str.to_lowercase().is_in(list(PRONOUNS)) | titled(
        pl.col("speaker_text")
    )
    named = found.filter(~pronoun & ~pl.col("_data")).with_columns(
        person_name(pl.col("speaker_text")).alias("_person"),
        apposition_name(pl.col("speaker_text"), pl.col("_apposition")).alias("_apposition_name"),
    )
    # A role phrase is its actor or nobody: it is not read again for a name inside it.
    role = by_role(named, mention_frame, profile).collect().lazy()
    aliased = by_alias(named.join(role, on="_cid", how="anti"), profile)
    # "The two leaders said": one row for each of the pair, or none (the phrase names no one).
    relative = mention_frame.join(
        sentence_rows.select(*KEYS, pl.col("start").alias("_sentence_start")), on=list(KEYS)
    ).with_columns((pl.col("start") - pl.col("_sentence_start")).alias("start"))
    pairs = by_pair(named, relative, profile).collect()
    named = named.filter(
        ~pl.col("speaker_text").str.contains(PAIR) | pl.col("_cid").is_in(pairs["_cid"].implode())
    )
    paired = pairs.lazy()
    rest = named.join(pl.concat([role, aliased, paired]), on="_cid", how="anti")
    mentioned = by_mention(rest, mention_frame)
    documents = by_document(rest.join(mentioned, on="_cid", how="anti"), profile)
    by_head = by_head_word(
        rest.join(pl.concat([mentioned, documents]), on="_cid", how="anti"), mention_frame, profile
    )
    named_resolved = pl.concat(
        [
            named.join(
                pl.concat([role, aliased, paired, mentioned, documents, by_head]),
                on="_cid",
                how="left",
            ),
            found.filter(pl.col("_data")).with_columns(
                pl.lit(None, pl.String).alias("_person"),
                pl.lit(None, pl.String).alias("_apposition_name"),
                pl.lit(None, pl.String).alias("actor"),
            ),
        ]
    ).collect()
    # A pair ("the two leaders said") is two rows of one clause: numbered apart, by actor, so
    # that what follows them (the last speaker before "the official said") does not depend on
    # row order.
    named_resolved = named_resolved.sort("_cid", "actor", nulls_last=True).with_columns(
        (pl.col("_part") + pl.int_range(pl.len()).over("_cid")).cast(pl.Int32).alias("_part")
    )
    named_resolved = _antecedents(_titled(_surnames(named_resolved), text_only, profile))
    pronouns = by_pronoun(
        found.filter(pronoun),
        # Text speakers count too: "he" after "a Chinese official said" is that official.
        named_resolved.lazy(),
        person_mentions(sentence_rows, mention_frame, profile, marks),
        profile,
    )
    resolved = pl.concat(
        [
            named_resolved.lazy(),
            found.filter(pronoun)
            .with_columns(
                pl.lit(None, pl.String).alias("_person"),
                pl.lit(None, pl.String).alias("_apposition_name"),
            )
            .join(pronouns, on="_cid", how="left")
            .with_columns(pl.lit(None, pl.String).alias("_antecedent")),
        ]
    )
    kinds = {a.id: a.speaker_kind for a in profile.actors}
    voices = {a.id: a.voice for a in profile.actors}
    attributed = (
        resolved.with_columns(
            pl.coalesce(
                "actor", "_person", "_apposition_name", "_antecedent", "speaker_text"
            ).alias("speaker"),
            pl.when(pl.col("_data"))
            .then(pl.lit("data"))
            .otherwise(
                pl.col("actor").replace_strict(kinds, default="other", return_dtype=pl.String)
            )
            .alias("speaker_kind"),
            pl.col("actor")
            .replace_strict(voices, default="other", return_dtype=pl.String)
            .alias("voice"),
        )
        .sort(*KEYS, "_verb_start", "_part")
        .unique(subset=[*KEYS, "speaker"], keep="first", maintain_order=True)
        .collect()
    )
    quoted = (
        sentence_rows.select(*KEYS, "text", quote_spans(pl.col("text")).alias("_spans"))
        .with_columns(pl.when(pl.col("_spans") != "").then(pl.col("_spans")).alias("_spans"))
        # A quotation of several sentences in straight quotes: the sentence that opens it
        # with a lone " and the one that closes it with a lone ," before its attribution.
        .with_columns(
            pl.coalesce(
                "_spans",
                pl.col("text").str.extract(_STRAIGHT_OPEN, 1),
                pl.col("text").str.extract(_STRAIGHT_CLOSE, 1),
            ).alias("_spans")
        )
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


def _titled(resolved: pl.DataFrame, sentences: pl.LazyFrame, profile: Profile) -> pl.DataFrame:
    """A title resolved to nobody is the person the article names with it
    (:func:`~framescope.framing.persons.titles_named`: "NATO Secretary General said" after
    "NATO Secretary General Jens Stoltenberg"); a profile actor by its id."""
    # An institution or place found in the phrase is its modifier's voice ("the Kremlin
    # spokesperson" speaks for the Kremlin), but the person named with that title is who
    # speaks.
    kinds = {a.id: a.kind for a in profile.actors}
    not_person = pl.col("actor").replace_strict(kinds, default="other", return_dtype=pl.String)
    open_ = (
        (pl.col("actor").is_null() | (not_person != "person"))
        & pl.col("_person").is_null()
        & pl.col("_apposition_name").is_null()
        & ~pl.col("_data")
    )
    named = titles_named(resolved.lazy().filter(open_), sentences).collect()
    if named.is_empty():
        return resolved
    ids = {alias: a.id for a in profile.actors for alias in (a.name, *a.aliases)}
    actor = pl.col("_titled").replace_strict(ids, default=None, return_dtype=pl.String)
    return (
        resolved.join(named, on="_cid", how="left", maintain_order="left")
        .with_columns(
            pl.when(pl.col("_titled").is_not_null()).then(actor).otherwise("actor").alias("actor"),
            pl.coalesce("_person", pl.when(actor.is_null()).then("_titled")).alias("_person"),
        )
        .drop("_titled")
    )


def _antecedents(resolved: pl.DataFrame) -> pl.DataFrame:
    """ "the ministry" resolved to nobody is the latest earlier speaker of its article whose
    phrase ends with that word ("Japan's foreign ministry confirmed ... the ministry said"):
    its actor, else its name or phrase as the column ``_antecedent``."""
    open_ = (
        pl.col("actor").is_null()
        & pl.col("_person").is_null()
        & pl.col("_apposition_name").is_null()
        & ~pl.col("_data")
    )
    position = (pl.col("sentence_idx").cast(pl.Int64) * 1_000_000 + pl.col("_verb_start")).alias(
        "_at"
    )
    head = pl.col("speaker_text").str.extract(r"^[Tt]he\s+([a-z]+)$", 1)
    asking = resolved.filter(open_ & head.is_not_null()).select(
        "_cid", "article_id", head.alias("_key"), position
    )
    earlier = resolved.filter(~pl.col("_data") & head.is_null()).select(
        "article_id",
        pl.col("speaker_text").str.extract(r"(?:^|\s)([a-z]+)$", 1).alias("_key"),
        position,
        pl.col("actor").alias("_antecedent_actor"),
        pl.coalesce("_person", "_apposition_name", "speaker_text").alias("_antecedent"),
    )
    found = (
        asking.drop_nulls("_key")
        .sort("_at")
        .join_asof(
            earlier.drop_nulls("_key").sort("_at"),
            on="_at",
            by=["article_id", "_key"],
            strategy="backward",
            allow_exact_matches=False,
            check_sortedness=False,
        )
        .select("_cid", "_antecedent_actor", "_antecedent")
    )
    return (
        resolved.join(found, on="_cid", how="left", maintain_order="left")
        .with_columns(
            pl.coalesce("actor", "_antecedent_actor").alias("actor"),
            pl.when(pl.col("_antecedent_actor").is_null()).then("_antecedent").alias("_antecedent"),
        )
        .drop("_antecedent_actor")
    )


def _surnames(resolved: pl.DataFrame) -> pl.DataFrame:
    """A lone capitalised word that names no actor is the person of that surname named as a
    speaker elsewhere in the article: "Ushakov said" after "Presidential Aide Yuri Ushakov
    told reporters" is Yuri Ushakov."""
    full = (
        resolved.filter(pl.col("actor").is_null() & pl.col("_person").is_not_null())
        # The first in the text, so that the choice does not change between runs.
        .sort("article_id", "sentence_idx", "_verb_start", "_part")
        .select(
            "article_id",
            pl.col("_person").str.extract(r"(\S+)$", 1).alias("speaker_text"),
            pl.col("_person").alias("_full"),
        )
        .unique(subset=["article_id", "speaker_text"], keep="first", maintain_order=True)
    )
    lone = pl.col("actor").is_null() & pl.col("_person").is_null()
    return (
        resolved.join(full, on=["article_id", "speaker_text"], how="left", maintain_order="left")
        .with_columns(
            pl.when(lone).then(pl.col("_full")).otherwise(pl.col("_person")).alias("_person")
        )
        .drop("_full")
    )


def _continued(quoted: pl.DataFrame, attributed: pl.DataFrame) -> pl.DataFrame:
    """Quotation sentences with no attribution of their own, given a neighbour's speaker."""
    primary = (
        attributed.sort(*KEYS, pl.col("verb").is_in(RELAY), "_verb_start", "_part")
        .group_by(*KEYS, maintain_order=True)
        .agg(pl.all().first())
        .select(*KEYS, "speaker", "speaker_kind", "voice", "verb", "speaker_text")
    )
    has_clause = pl.col("_has_clause")
    text = pl.col("text")
    # Each text test is a column of its own (``tests`` below): as expressions, they were
    # evaluated again at every use, which took most of the time here.
    tests = {
        "_starts_inside": text.str.contains(r"^[^“”]*”") | text.str.contains(_STRAIGHT_CLOSE),
        "_starts_quote": text.str.contains(r'^\s*[“"]'),
        "_ends_open": text.str.contains(r"“[^“”]*$") | text.str.contains(_STRAIGHT_OPEN),
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
