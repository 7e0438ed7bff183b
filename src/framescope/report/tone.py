"""One sentiment method next to another: outlets' tone and rank per method, gold disagreements."""

from __future__ import annotations

from collections.abc import Sequence

import polars as pl

from framescope import sentiment
from framescope.counting import counted


def tone_by_method(
    scores: pl.DataFrame,
    articles: pl.DataFrame,
    *,
    methods: Sequence[str] | None = None,
    mentions: pl.DataFrame | None = None,
    actor: str | None = None,
    include_duplicates: bool = False,
) -> pl.DataFrame:
    """Mean sentence tone per outlet under each method, and the outlets' rank per method.

    A finding that holds under one method only is a lead, not a result: comparing ranks
    shows whether the ordering of outlets survives a change of method.

    Parameters
    ----------
    scores
        The sentiment table (``article_id``, ``sentence_idx``, ``method``, ``compound``).
    articles
        The articles table (``article_id``, ``source``, ``duplicate_of``).
    methods
        Methods to compare; default every method in ``scores``.
    mentions, actor
        With ``actor``, only sentences mentioning that actor count (once each).
    include_duplicates
        Count near-duplicate articles too.

    Returns
    -------
    DataFrame with ``source``, ``method``, ``n_sentences``, ``n_articles``, ``mean_tone``
    and ``rank`` (1 = the most positive outlet under that method), sorted by method and
    rank.

    Examples
    --------
    >>> scores = pl.DataFrame({"article_id": ["a", "b", "a", "b"], "sentence_idx": [0] * 4,
    ...     "method": ["vader", "vader", "textblob", "textblob"],
    ...     "compound": [0.5, -0.5, -0.1, 0.2]})
    >>> articles = pl.DataFrame({"article_id": ["a", "b"], "source": ["X", "Y"],
    ...     "duplicate_of": [None, None]}, schema_overrides={"duplicate_of": pl.String})
    >>> tone_by_method(scores, articles).select("method", "source", "rank").rows()
    [('textblob', 'Y', 1), ('textblob', 'X', 2), ('vader', 'X', 1), ('vader', 'Y', 2)]
    """
    if actor is not None and mentions is None:
        msg = f"mentions: None; actor={actor!r} needs the mentions table"
        raise ValueError(msg)
    available = scores.get_column("method").unique().sort().to_list()
    chosen = available if methods is None else list(methods)
    unknown = [m for m in chosen if m not in available]
    if unknown:
        msg = f"methods: {unknown} not in the sentiment table; it has {available}"
        raise ValueError(msg)
    kept = articles
    if "duplicate_of" in articles.columns:
        kept = articles.filter(counted(include_duplicates=include_duplicates))
    rows = scores.filter(pl.col("method").is_in(chosen), pl.col("compound").is_not_null())
    if actor is not None and mentions is not None:
        keys = mentions.filter(pl.col("actor") == actor).select(
            pl.col("article_id").cast(pl.String), pl.col("sentence_idx").cast(pl.Int32)
        )
        rows = rows.with_columns(pl.col("sentence_idx").cast(pl.Int32)).join(
            keys.unique(), on=["article_id", "sentence_idx"], how="semi"
        )
    return (
        rows.join(kept.select("article_id", "source"), on="article_id", how="inner")
        .group_by("source", "method")
        .agg(
            pl.len().cast(pl.Int64).alias("n_sentences"),
            pl.col("article_id").n_unique().cast(pl.Int64).alias("n_articles"),
            pl.col("compound").mean().alias("mean_tone"),
        )
        .with_columns(
            pl.col("mean_tone")
            .rank(method="min", descending=True)
            .over("method")
            .cast(pl.Int64)
            .alias("rank")
        )
        .sort("method", "rank", "source")
    )


def scored_gold(
    gold: pl.DataFrame,
    *,
    methods: Sequence[str] = ("multilex", "vader"),
    threshold: float = sentiment.THRESHOLD,
) -> pl.DataFrame:
    """Each hand-coded sentence with every method's score and class, to read disagreements.

    :func:`framescope.sentiment.validate` summarises agreement in three numbers; this is the
    table behind them, one row per sentence x method.

    Parameters
    ----------
    gold
        A gold standard as :func:`framescope.sentiment.read_gold` gives it.
    methods
        Names in :data:`framescope.sentiment.METHODS`.
    threshold
        Where a compound is cut into negative / neutral / positive.

    Returns
    -------
    DataFrame with ``text``, ``gold_label``, ``gold_score``, ``method``, ``compound``,
    ``predicted`` and ``agrees`` (``predicted == gold_label``), in gold order per method.

    Examples
    --------
    >>> gold = pl.DataFrame({"text": ["A great success."], "score": [1.0],
    ...     "label": ["positive"]})
    >>> scored_gold(gold, methods=["vader"]).select("method", "predicted", "agrees").row(0)
    ('vader', 'positive', True)
    """
    missing = [c for c in ("text", "score", "label") if c not in gold.columns]
    if missing:
        msg = f"gold lacks column(s) {missing}; read it with sentiment.read_gold"
        raise ValueError(msg)
    sentences = gold.select(
        pl.lit("gold").alias("article_id"),
        pl.int_range(pl.len(), dtype=pl.Int32).alias("sentence_idx"),
        "text",
    )
    scored = sentiment.score(sentences, methods=list(methods))
    coded = gold.select(
        pl.int_range(pl.len(), dtype=pl.Int32).alias("sentence_idx"),
        "text",
        pl.col("label").str.to_lowercase().alias("gold_label"),
        pl.col("score").alias("gold_score"),
    )
    result = coded.join(
        scored.select("sentence_idx", "method", "compound"), on="sentence_idx", how="inner"
    )
    predicted = sentiment.classify(result.get_column("compound"), threshold=threshold)
    return (
        result.with_columns(predicted.alias("predicted"))
        .with_columns((pl.col("predicted") == pl.col("gold_label")).alias("agrees"))
        .sort("method", "sentence_idx")
        .select("text", "gold_label", "gold_score", "method", "compound", "predicted", "agrees")
    )
