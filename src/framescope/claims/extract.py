"""The figures table: every numeric claim in the sentences, tied to what it measures.

Only the sentences :mod:`framescope.claims.candidates` lets through are read, each distinct
text once per publication year (the only other thing its figures depend on but the previous
sentence); the quotes table, when given, names a quoted figure's speaker.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterable
from typing import Any

import polars as pl

from framescope.claims import candidates, context, scan
from framescope.claims.anchored import searched
from framescope.claims.matching import Matcher
from framescope.profile import Profile
from framescope.rules import hedges, speakers

FIGURE_SCHEMA = pl.Schema(
    {
        "article_id": pl.String(),
        "sentence_idx": pl.Int32(),
        "surface": pl.String(),
        "value": pl.Float64(),
        "unit": pl.String(),
        "metric": pl.String(),
        "period": pl.String(),
        "kind": pl.String(),
        "speaker": pl.String(),
        "hedged": pl.Boolean(),
        "sentence": pl.String(),
        "start": pl.Int64(),
        "end": pl.Int64(),
        "qualifier": pl.String(),
        "noun": pl.String(),
        "low": pl.Float64(),
        "high": pl.Float64(),
        "direction": pl.String(),
        "metric_term": pl.String(),
        "metric_from": pl.String(),
    }
)
"""Columns of the figures table. ``start``/``end`` are offsets into ``articles.text`` (the
sentence's ``start`` plus the offset in the sentence; offsets into the sentence when the
sentences given have no ``start``) and cover ``surface``, which leaves out the qualifier."""

MAX_FIGURES_PER_SENTENCE = 100
"""The figures read from one sentence, in text order. A sentence a person wrote holds a
handful; hundreds come from a table or a list scraped as one run of text, and each figure row
carries its sentence (up to ``sentences.MAX_SENTENCE_CHARS`` characters): uncapped, a 2 MB
article of "$1 " gave 700,000 figures and a 2.5 GB build."""

# What one sentence's scan gives; its keys come from the sentences, and its speaker and
# whether it is hedged are read for all sentences at once.
_READING_SCHEMA = {
    k: v
    for k, v in FIGURE_SCHEMA.items()
    if k not in {"article_id", "sentence_idx", "speaker", "hedged"}
}
_INHERITED = ("metric", "metric_term", "metric_from")

UNITS = ("USD", "CNY", "RUB", "EUR", "GBP", "percent", "percentage_points", "count", "multiple")
"""The values of the ``unit`` column."""
KINDS = ("actual", "target", "forecast", "change")
"""The values of the ``kind`` column."""


def _surface(text: str, quantity: scan.Quantity) -> str:
    return text[quantity.start : quantity.end].strip()


def _figures_in(matcher: Matcher, text: str, year: int | None) -> list[dict[str, Any]]:
    """The figures of one sentence, in text order; ``year`` is its article's publication year.
    A figure whose metric the previous sentence decides has ``metric`` None."""
    quantities = scan.quantities(text)
    if not quantities:
        return []
    rows = []
    spans = matcher.term_spans(text)
    for quantity in quantities:
        clause = context.clause_of(text, quantity.start, quantity.end)
        metric, term, origin = context.metric_of(matcher, spans, quantity, clause) or (
            None,
            None,
            None,
        )
        kind, direction = context.kind_of(text, quantity, clause)
        rows.append(
            {
                "surface": _surface(text, quantity),
                "value": quantity.value,
                "unit": quantity.unit,
                "metric": metric,
                "period": context.period_of(text, quantity, clause, year),
                "kind": kind,
                "sentence": text,
                "start": quantity.start,
                "end": quantity.end,
                "qualifier": quantity.qualifier,
                "noun": quantity.noun,
                "low": min(quantity.low, quantity.high),
                "high": max(quantity.low, quantity.high),
                "direction": direction,
                "metric_term": term,
                "metric_from": origin,
            }
        )
    return rows


def named_speakers(texts: pl.Series, profile: Profile) -> pl.Series:
    """The speaker each text names (:func:`framescope.rules.speakers.named`), as the profile
    actor's id when the name is one of its names or aliases (like the quotes table), else as
    written; null where none is named.

    Examples
    --------
    >>> from framescope.profile import load
    >>> texts = pl.Series(["Trade rose, Reuters said.", "Trade rose, said Ivan Petrov.", "Hi."])
    >>> named_speakers(texts, load()).to_list()
    ['reuters', 'Ivan Petrov', None]
    """
    actors = {
        surface: actor.id for actor in profile.actors for surface in (actor.name, *actor.aliases)
    }
    return speakers.named(texts).replace(actors)


def require(frame: pl.DataFrame | pl.LazyFrame, columns: Iterable[str], name: str) -> None:
    """Raise a ValueError naming the ``columns`` that ``frame`` (called ``name``) lacks."""
    present = set(frame.collect_schema().names())
    missing = [c for c in columns if c not in present]
    if missing:
        msg = f"{name} lacks column(s) {missing}; it has {sorted(present)}"
        raise ValueError(msg)


def _quote_speakers(quotes: pl.DataFrame) -> pl.DataFrame:
    require(quotes, ("article_id", "sentence_idx", "speaker"), "quotes")
    return (
        quotes.lazy()
        .select("article_id", pl.col("sentence_idx").cast(pl.Int32()), "speaker")
        # A pronoun the quotes stage could not resolve names nobody.
        .filter(pl.col("speaker").is_not_null(), pl.col("speaker") != "unresolved")
        .group_by("article_id", "sentence_idx", maintain_order=True)
        .agg(pl.col("speaker").first())
        .collect()
    )


def extract(
    sentences: pl.DataFrame | pl.LazyFrame,
    profile: Profile,
    *,
    quotes: pl.DataFrame | None = None,
    articles: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """The figures table: every numeric claim in the sentences, tied to what it measures.

    Parameters
    ----------
    sentences
        ``article_id``, ``sentence_idx`` and ``text`` of each sentence, and ``start`` (its
        offset in the article) when figure offsets should be article offsets.
    profile
        The topic profile: its metrics tie numbers to what they measure, its hedges mark
        uncertain claims.
    quotes
        The quotes table (``article_id``, ``sentence_idx``, ``speaker``): when given, a
        figure's speaker is its sentence's first quote speaker (none for a pronoun the quotes
        stage left ``unresolved``); else the speaker phrase its sentence names.
    articles
        ``article_id`` and ``published``: when given, "last year" and "this year" become
        years counted from the publication date.

    Returns
    -------
    DataFrame in :data:`FIGURE_SCHEMA`, one row per figure, in text order. The rules are in
    the docstrings of :mod:`~framescope.claims.scan` (what is a figure),
    :mod:`~framescope.claims.context` (metric, kind, period),
    :mod:`~framescope.rules.speakers` (speaker) and :mod:`~framescope.rules.hedges` (hedged).

    Examples
    --------
    >>> from framescope.profile import load
    >>> s = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0],
    ...                   "text": ["Trade rose 29.3% to $190,27 billion in 2022."]})
    >>> extract(s, load()).select("surface", "value", "unit", "metric", "kind", "period").rows()
    [('29.3%', 29.3, 'percent', 'bilateral_trade', 'change', '2022'), ('$190,27 billion', 190270000000.0, 'USD', 'bilateral_trade', 'actual', '2022')]
    """  # noqa: E501
    require(sentences, ("article_id", "sentence_idx", "text"), "sentences")
    lazy = sentences.lazy()
    has_start = "start" in lazy.collect_schema().names()
    index = pl.col("sentence_idx")
    frame = lazy.select(
        "article_id",
        index.cast(pl.Int32()),
        (pl.col("start") if has_start else pl.lit(0)).cast(pl.Int64()).alias("_offset"),
        "text",
    ).collect()
    # The search runs once per distinct text, and its slower filter only on the texts the
    # faster one keeps (in one query polars would evaluate both on every text).
    hinted = frame.select("text").unique().lazy().filter(candidates.hint()).collect()
    readable = hinted.lazy().filter(candidates.candidate()).collect()
    # The previous sentence, for a figure that inherits its metric ("The surplus ..."),
    # looked up for the sentences read only (a sentence is one row: its keys are unique).
    previous = frame.lazy().select(
        "article_id", (index + 1).alias("sentence_idx"), pl.col("text").alias("_previous")
    )
    to_read = (
        frame.lazy()
        .join(readable.lazy(), on="text", how="semi")
        .join(previous, on=["article_id", "sentence_idx"], how="left")
        .sort("article_id", "sentence_idx")
    )
    if articles is not None:
        require(articles, ("article_id", "published"), "articles")
        years = articles.lazy().select(
            "article_id", pl.col("published").cast(pl.Date()).dt.year().alias("_year")
        )
        to_read = to_read.join(years, on="article_id", how="left", maintain_order="left")
    else:
        to_read = to_read.with_columns(pl.lit(None, pl.Int32()).alias("_year"))
    found = to_read.collect()
    # Corpora repeat sentences (syndication, boilerplate): each text is read once per
    # publication year, the only other thing its figures depend on but the previous sentence.
    distinct = found.select("text", "_year").unique(maintain_order=True)
    distinct = distinct.with_columns(
        hedges.hedged(distinct["text"], profile.hedges).alias("hedged")
    )
    if quotes is None:
        # Else the quotes table's speakers are the figures': the same rule, resolved to actors.
        named = named_speakers(distinct["text"], profile)
        distinct = distinct.with_columns(named.alias("speaker"))
    matcher = Matcher.of(profile)
    keys: list[int] = []
    readings: list[dict[str, Any]] = []
    scans = (
        *scan.SCANS,
        *context.SCANS,
        *([matcher.term_pattern] if matcher.term_pattern else []),
    )
    with searched(scans, distinct["text"].unique()):
        for key, (text, year) in enumerate(distinct.select("text", "_year").iter_rows()):
            for figure in itertools.islice(
                _figures_in(matcher, text, year), MAX_FIGURES_PER_SENTENCE
            ):
                keys.append(key)
                readings.append(figure)
    read = pl.DataFrame(readings, schema=_READING_SCHEMA).with_columns(
        pl.Series("_key", keys, pl.UInt32())
    )
    result = found.join(
        distinct.with_columns(pl.int_range(pl.len(), dtype=pl.UInt32()).alias("_key")),
        on=["text", "_year"],
        nulls_equal=True,
        maintain_order="left",
    ).join(read, on="_key", maintain_order="left_right")
    inheriting = result.filter(pl.col("metric").is_null())["_previous"].unique()
    if len(inheriting):
        inherited = pl.DataFrame(
            [(previous, *context.inherited_metric(matcher, previous)) for previous in inheriting],
            schema={"_previous": pl.String(), **{f"_{c}": pl.String() for c in _INHERITED}},
            orient="row",
        )
        result = result.join(
            inherited, on="_previous", how="left", nulls_equal=True, maintain_order="left"
        ).with_columns(
            pl.when(pl.col("metric").is_null()).then(pl.col(f"_{c}")).otherwise(c).alias(c)
            for c in _INHERITED
        )
    result = result.with_columns(
        pl.col("start") + pl.col("_offset"),
        pl.col("end") + pl.col("_offset"),
    )
    if quotes is not None:
        result = result.join(
            _quote_speakers(quotes),
            on=["article_id", "sentence_idx"],
            how="left",
            maintain_order="left",
        )
    return result.select(list(FIGURE_SCHEMA)).cast(FIGURE_SCHEMA)
