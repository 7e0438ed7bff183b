"""Per-outlet comparisons of the framing tables: counts and shares per source (zeros
included, so absences show), the sentences behind a number, quoted voices, and what each
source has that the others lack.

Every function counts the articles :func:`framescope.rules.articles.kept` keeps
(near-duplicates aside unless asked for), and flags shares computed over few rows
``small_sample``.
"""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from framescope.profile import VOICES
from framescope.rules.articles import kept as kept_articles
from framescope.rules.spans import KEYS

OMISSION_SCHEMA = pl.Schema(
    {
        "source": pl.String(),
        "kind": pl.String(),
        "item": pl.String(),
        "present": pl.Boolean(),
        "n": pl.Int64(),
        "n_sources_with_item": pl.Int64(),
        "n_sources": pl.Int64(),
    }
)
"""Columns of :func:`omissions`."""

VOICE_SHARE_SCHEMA = pl.Schema(
    {
        "source": pl.String(),
        "voice": pl.String(),
        "n": pl.Int64(),
        "n_source": pl.Int64(),
        "share": pl.Float64(),
        "small_sample": pl.Boolean(),
    }
)
"""Columns of :func:`voice_shares`."""

SMALL_SAMPLE_ROWS = 20
"""Default ``min_n`` of :func:`shares`: a share computed over fewer rows is flagged."""


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
    kept = kept_articles(articles, include_duplicates=include_duplicates)
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
    kept = kept_articles(articles, include_duplicates=include_duplicates)
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
    kept = kept_articles(articles, include_duplicates=include_duplicates)
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
        return pl.DataFrame(schema=OMISSION_SCHEMA)
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
