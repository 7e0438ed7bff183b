"""Article and actor tone: distributions of sentence scores, never one score per article.

VADER's compound is a normalised sum, ``s / sqrt(s**2 + 15)`` over the valences of a text's
words, so on a long text the sum grows and the compound saturates near -1 or +1 whatever the
balance of the text; an article's tone is therefore the distribution of its sentences' scores
(:func:`article_tone`), cut into three classes at :data:`THRESHOLD` (:func:`classify`).

Examples
--------
>>> classify(pl.Series([-0.4, 0.01, 0.3])).to_list()
['negative', 'neutral', 'positive']
"""

from __future__ import annotations

import polars as pl

from framescope.sentiment.columns import require_columns

ARTICLE_TONE_SCHEMA = pl.Schema(
    {
        "article_id": pl.String(),
        "method": pl.String(),
        "n_sentences": pl.Int64(),
        "mean": pl.Float64(),
        "median": pl.Float64(),
        "share_negative": pl.Float64(),
        "share_neutral": pl.Float64(),
        "share_positive": pl.Float64(),
        "rule": pl.String(),
    }
)

ACTOR_TONE_SCHEMA = pl.Schema(
    {
        "article_id": pl.String(),
        "actor": pl.String(),
        "method": pl.String(),
        "n_sentences": pl.Int64(),
        "mean": pl.Float64(),
    }
)

LABELS = ("negative", "neutral", "positive")
"""The three classes, for gold labels and for scores cut at the thresholds."""

THRESHOLD = 0.05
"""VADER's documented cut-offs: positive >= 0.05, neutral in between, negative <= -0.05."""


def classify(compound: pl.Series, *, threshold: float = THRESHOLD) -> pl.Series:
    """Cut scores into negative (<= -threshold), neutral and positive (>= threshold).

    Examples
    --------
    >>> classify(pl.Series([-0.05, 0.0, 0.05])).to_list()
    ['negative', 'neutral', 'positive']
    """
    check_threshold(threshold)
    return (
        pl.select(
            pl.when(compound <= -threshold)
            .then(pl.lit("negative"))
            .when(compound >= threshold)
            .then(pl.lit("positive"))
            .when(compound.is_not_null())
            .then(pl.lit("neutral"))
        )
        .to_series()
        .alias("label")
    )


def check_threshold(threshold: float, name: str = "threshold") -> None:
    """Raise a ValueError unless ``0 < threshold < 1``; ``name`` is the option's name."""
    if not 0 < threshold < 1:
        msg = f"{name} must be between 0 and 1 (exclusive), got {threshold!r}"
        raise ValueError(msg)


def _method_rows(sentiment: pl.DataFrame, method: str) -> pl.DataFrame:
    require_columns(sentiment, ("article_id", "sentence_idx", "method", "compound"), "sentiment")
    rows = sentiment.filter(pl.col("method") == method)
    if rows.is_empty() and not sentiment.is_empty():
        present = sentiment.get_column("method").unique().sort().to_list()
        msg = f"the sentiment table has no rows for method {method!r}; methods present: {present}"
        raise ValueError(msg)
    return rows.filter(pl.col("compound").is_not_null()).with_columns(
        pl.col("sentence_idx").cast(pl.Int32)
    )


def tone_rule(threshold: float = THRESHOLD) -> str:
    """The aggregation rule of :func:`article_tone`, as shown beside its numbers.

    Examples
    --------
    >>> tone_rule()
    'mean/median of sentence compound; negative <= -0.05 < neutral < 0.05 <= positive'
    """
    return (
        f"mean/median of sentence compound; "
        f"negative <= -{threshold:g} < neutral < {threshold:g} <= positive"
    )


def article_tone(
    sentiment: pl.DataFrame, *, method: str = "multilex", threshold: float = THRESHOLD
) -> pl.DataFrame:
    """Each article's tone as the distribution of its sentences' compound scores.

    A sentence is negative when its compound is <= -threshold, positive when >= threshold,
    neutral in between. The default 0.05 is VADER's documented cut-off ("positive sentiment:
    compound score >= 0.05 ... negative sentiment: compound score <= -0.05": vaderSentiment
    README, "About the Scoring", https://github.com/cjhutto/vaderSentiment#about-the-scoring;
    Hutto & Gilbert, ICWSM 2014). For other methods it is a convention, not a calibrated value.

    Parameters
    ----------
    sentiment
        The sentiment table.
    method
        Which method's scores to aggregate.
    threshold
        Half-width of the neutral band, in compound units.

    Returns
    -------
    pl.DataFrame
        ``article_id, method, n_sentences, mean, median, share_negative, share_neutral,
        share_positive, rule``; articles in order of first appearance. Sentences with a null
        compound are not counted. ``rule`` names the aggregation (:func:`tone_rule`).

    Examples
    --------
    >>> sentiment = pl.DataFrame(
    ...     {"article_id": ["a", "a"], "sentence_idx": [0, 1], "method": ["multilex"] * 2,
    ...      "compound": [-0.25, 0.75]}
    ... )
    >>> article_tone(sentiment).select("n_sentences", "mean", "share_positive").row(0)
    (2, 0.25, 0.5)
    """
    check_threshold(threshold)
    rows = _method_rows(sentiment, method)
    compound = pl.col("compound")
    return (
        rows.group_by("article_id", maintain_order=True)
        .agg(
            n_sentences=pl.len(),
            mean=compound.mean(),
            median=compound.median(),
            share_negative=(compound <= -threshold).mean(),
            share_neutral=((compound > -threshold) & (compound < threshold)).mean(),
            share_positive=(compound >= threshold).mean(),
        )
        .with_columns(method=pl.lit(method), rule=pl.lit(tone_rule(threshold)))
        .select(*ARTICLE_TONE_SCHEMA)
        .cast(ARTICLE_TONE_SCHEMA)
    )


def actor_tone(
    sentiment: pl.DataFrame, mentions: pl.DataFrame, *, method: str = "multilex"
) -> pl.DataFrame:
    """Per article and actor, the mean compound of the sentences that mention the actor.

    A sentence that mentions an actor twice (or by two aliases) counts once for that actor; a
    sentence that mentions two actors counts for each.

    Parameters
    ----------
    sentiment
        The sentiment table.
    mentions
        The mentions table (at least ``article_id``, ``sentence_idx``, ``actor``).
    method
        Which method's scores to use.

    Returns
    -------
    pl.DataFrame
        ``article_id, actor, method, n_sentences, mean``, in order of first mention.

    Examples
    --------
    >>> sentiment = pl.DataFrame(
    ...     {"article_id": ["a", "a"], "sentence_idx": [0, 1], "method": ["multilex"] * 2,
    ...      "compound": [-0.25, 0.75]}
    ... )
    >>> mentions = pl.DataFrame(
    ...     {"article_id": ["a"] * 3, "sentence_idx": [0, 0, 1], "actor": ["xi"] * 3}
    ... )
    >>> actor_tone(sentiment, mentions).select("actor", "n_sentences", "mean").row(0)
    ('xi', 2, 0.25)
    """
    require_columns(mentions, ("article_id", "sentence_idx", "actor"), "mentions")
    rows = _method_rows(sentiment, method).select("article_id", "sentence_idx", "compound")
    mentioned = mentions.select(
        pl.col("article_id").cast(pl.String), pl.col("sentence_idx").cast(pl.Int32), "actor"
    ).unique(maintain_order=True)
    return (
        mentioned.join(rows, on=["article_id", "sentence_idx"], how="inner", maintain_order="left")
        .group_by("article_id", "actor", maintain_order=True)
        .agg(n_sentences=pl.len(), mean=pl.col("compound").mean())
        .with_columns(method=pl.lit(method))
        .select(*ACTOR_TONE_SCHEMA)
        .cast(ACTOR_TONE_SCHEMA)
    )
