"""Sentence sentiment: pluggable scorers, article and actor tone, validation against people.

Every score is for one sentence, never for a whole article. VADER's compound is a normalised
sum, ``s / sqrt(s**2 + 15)`` over the valences of a text's words, so on a long text the sum
grows and the compound saturates near -1 or +1 whatever the balance of the text; an article's
tone is therefore the distribution of its sentences' scores (:func:`article_tone`).

Methods live in :data:`METHODS`, a registry of factories that build a :class:`Scorer`; add your
own there and ``score(..., methods=["mine"])`` uses it. Each scorer is built once per process
and each distinct sentence text is scored once, however often it recurs in the corpus.

``vader`` scores come from :mod:`framescope.vader`, the vaderSentiment package's rules applied to
all sentences at once; they equal the package's ``polarity_scores`` (tests/test_vader.py
compares the two), about ten times faster.
"""

from __future__ import annotations

import csv
import functools
import io
import math
import multiprocessing
import pickle
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from dataclasses import dataclass
from itertools import repeat
from pathlib import Path
from typing import Protocol, runtime_checkable

import polars as pl

from framescope import pattern, vader

SCORE_SCHEMA: dict[str, pl.DataType] = {
    "compound": pl.Float64(),
    "pos": pl.Float64(),
    "neu": pl.Float64(),
    "neg": pl.Float64(),
}
"""What a :class:`Scorer` returns: one row per text, in the order of the texts."""

SENTIMENT_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "sentence_idx": pl.Int32(),
    "method": pl.String(),
    **SCORE_SCHEMA,
}
"""Columns of the sentiment table: one row per sentence and method. ``compound`` is in
-1..1; ``pos``, ``neu`` and ``neg`` are VADER's proportions, null for methods without them."""

ARTICLE_TONE_SCHEMA: dict[str, pl.DataType] = {
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

ACTOR_TONE_SCHEMA: dict[str, pl.DataType] = {
    "article_id": pl.String(),
    "actor": pl.String(),
    "method": pl.String(),
    "n_sentences": pl.Int64(),
    "mean": pl.Float64(),
}

GOLD_SCHEMA: dict[str, pl.DataType] = {
    "text": pl.String(),
    "original": pl.String(),
    "score": pl.Float64(),
    "label": pl.String(),
}
"""A gold standard as :func:`read_gold` returns it: ``original`` is the cell as written,
``score`` the human score rescaled to -1..1 (labels as -1, 0, 1), ``label`` its class."""

VALIDATION_SCHEMA: dict[str, pl.DataType] = {
    "method": pl.String(),
    "n": pl.Int64(),
    "pearson_r": pl.Float64(),
    "spearman_rho": pl.Float64(),
    "macro_f1": pl.Float64(),
}

LABELS = ("negative", "neutral", "positive")
"""The three classes, for gold labels and for scores cut at the thresholds."""

THRESHOLD = 0.05
"""VADER's documented cut-offs: positive >= 0.05, neutral in between, negative <= -0.05."""

_LABEL_ALIASES = {
    "negative": "negative",
    "neg": "negative",
    "neutral": "neutral",
    "neu": "neutral",
    "positive": "positive",
    "pos": "positive",
}
_LABEL_SCORES = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}


@runtime_checkable
class Scorer(Protocol):
    """A sentiment method: scores sentence texts, one row per text.

    ``score_texts`` returns a frame with the columns of :data:`SCORE_SCHEMA` (``compound`` in
    -1..1; ``pos``/``neu``/``neg`` may be null), as many rows as texts, in the same order.
    """

    name: str

    def score_texts(self, texts: Sequence[str]) -> pl.DataFrame:
        """Score each text."""
        ...


@dataclass(frozen=True)
class VaderScorer:
    """VADER (Hutto & Gilbert 2014): compound plus the pos/neu/neg proportions.

    Examples
    --------
    >>> VaderScorer().score_texts(["A great success."])["compound"].to_list()
    [0.8316]
    """

    name: str = "vader"

    def score_texts(self, texts: Sequence[str] | pl.Series) -> pl.DataFrame:
        """Score all texts at once with :func:`framescope.vader.scores`.

        The scores equal the vaderSentiment package's ``polarity_scores``, text by text.
        """
        return vader.scores(pl.Series(texts, dtype=pl.String))


@dataclass(frozen=True)
class TextBlobScorer:
    """TextBlob's pattern polarity as ``compound``; it gives no pos/neu/neg (null).

    The polarity is TextBlob's default ``PatternAnalyzer`` with the pattern lexicon shipped
    inside the textblob package (no NLTK corpus download), computed for all texts at once by
    :mod:`framescope.pattern`.

    Examples
    --------
    >>> TextBlobScorer().score_texts(["A great success."])["compound"].to_list()
    [0.55]
    """

    name: str = "textblob"

    def score_texts(self, texts: Sequence[str] | pl.Series) -> pl.DataFrame:
        """Score all texts at once with :func:`framescope.pattern.polarity`.

        The scores equal ``TextBlob(text).sentiment.polarity``, text by text.
        """
        polarity = pattern.polarity(pl.Series(texts, dtype=pl.String)).alias("compound")
        return pl.DataFrame(polarity).with_columns(
            pl.lit(None, pl.Float64).alias(column) for column in ("pos", "neu", "neg")
        )


METHODS: dict[str, Callable[[], Scorer]] = {"vader": VaderScorer, "textblob": TextBlobScorer}
"""Method name -> factory of its :class:`Scorer`. Register your own here; with
``processes > 1`` the factory must be importable (defined at module level) to reach workers."""


_SERIES_SCORERS = (VaderScorer, TextBlobScorer)


@functools.cache
def _scorer(factory: Callable[[], Scorer]) -> Scorer:
    # Building VADER reads its lexicon file: once per process, not once per call or chunk.
    return factory()


def _score_chunk(factory: Callable[[], Scorer], texts: pl.Series) -> pl.DataFrame:
    scorer = _scorer(factory)
    # The shipped scorers take the polars column as it is; others get the list the protocol
    # promises (55,000 Python strings cost about 0.03 s each way).
    given = texts if isinstance(scorer, _SERIES_SCORERS) else texts.to_list()
    result = scorer.score_texts(given)
    missing = [column for column in SCORE_SCHEMA if column not in result.columns]
    if missing or result.height != len(texts):
        msg = (
            f"scorer {scorer.name!r} returned {result.height} rows with columns {result.columns} "
            f"for {len(texts)} texts; expected one row per text with columns {list(SCORE_SCHEMA)}"
        )
        raise ValueError(msg)
    result = result.select(pl.col(column).cast(dtype) for column, dtype in SCORE_SCHEMA.items())
    outside = result.filter(~pl.col("compound").is_between(-1.0, 1.0))
    if outside.height:
        msg = f"scorer {scorer.name!r} returned compound {outside['compound'][0]!r} outside -1..1"
        raise ValueError(msg)
    return result


def _score_distinct(
    factory: Callable[[], Scorer], texts: pl.Series, *, processes: int
) -> pl.DataFrame:
    if processes == 1 or len(texts) < 2:
        return _score_chunk(factory, texts)
    # A few chunks per worker balances uneven sentence lengths. "spawn", because polars'
    # thread pool is not fork-safe and the workers build polars frames.
    try:
        pickle.dumps(factory)
    except (pickle.PicklingError, AttributeError, TypeError) as error:
        msg = (
            f"the factory {factory!r} cannot be sent to worker processes ({error}); define it "
            "at module level in an importable module, or use processes=1"
        )
        raise ValueError(msg) from None
    n_chunks = min(len(texts), 4 * processes)
    size = -(-len(texts) // n_chunks)
    chunks = [texts.slice(start, size) for start in range(0, len(texts), size)]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        return pl.concat(pool.map(_score_chunk, repeat(factory), chunks))


def _factories(methods: Sequence[str]) -> dict[str, Callable[[], Scorer]]:
    names = [methods] if isinstance(methods, str) else list(dict.fromkeys(methods))
    if not names:
        msg = "methods is empty: name at least one sentiment method"
        raise ValueError(msg)
    for name in names:
        if name not in METHODS:
            msg = (
                f"unknown sentiment method {name!r}; known methods: {', '.join(sorted(METHODS))} "
                "(register others in framescope.sentiment.METHODS)"
            )
            raise ValueError(msg)
    return {name: METHODS[name] for name in names}


def _require_columns(frame: pl.DataFrame, columns: Sequence[str], what: str) -> None:
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        msg = f"{what} has no column {', '.join(map(repr, missing))}; columns: {frame.columns}"
        raise ValueError(msg)


def score(
    sentences: pl.DataFrame, *, methods: Sequence[str] = ("vader",), processes: int = 1
) -> pl.DataFrame:
    """The sentiment table: every sentence scored by every method.

    Parameters
    ----------
    sentences
        The sentences table (at least ``article_id``, ``sentence_idx``, ``text``).
    methods
        Names in :data:`METHODS`; the ``method`` column holds these names.
    processes
        Worker processes for the scoring. Each distinct text is scored once either way and the
        scores are identical; starting workers costs about half a second, so use more than one
        only for tens of thousands of distinct sentences. Workers are spawned, not forked: a
        script that uses them must guard its entry point with ``if __name__ == "__main__":``.

    Returns
    -------
    pl.DataFrame
        :data:`SENTIMENT_SCHEMA`; one block of rows per method, sentences in input order. A
        null sentence text gets null scores.

    Examples
    --------
    >>> sentences = pl.DataFrame(
    ...     {"article_id": ["a"], "sentence_idx": [0], "text": ["A great success."]},
    ...     schema_overrides={"sentence_idx": pl.Int32},
    ... )
    >>> score(sentences).select("method", "compound").row(0)
    ('vader', 0.8316)
    """
    _require_columns(sentences, ("article_id", "sentence_idx", "text"), "sentences")
    if processes < 1:
        msg = f"processes must be at least 1, got {processes!r}"
        raise ValueError(msg)
    factories = _factories(methods)
    keys = sentences.select(
        pl.col("article_id").cast(pl.String), pl.col("sentence_idx").cast(pl.Int32)
    )
    # A private categorical numbers the distinct texts: each is scored once, and its scores
    # reach every sentence by its number (a gather, cheaper than joining on the text). A null
    # text has a null number and so gets null scores.
    categories = pl.Categories.random()
    numbered = sentences.get_column("text").cast(pl.String).cast(pl.Categorical(categories))
    texts = categories.to_series()  # in number order; read while `numbered` uses them
    number = numbered.to_physical()
    parts = []
    for name, factory in factories.items():
        scores = _score_distinct(factory, texts, processes=processes)
        parts.append(
            pl.concat(
                [keys.with_columns(method=pl.lit(name)), scores.select(pl.all().gather(number))],
                how="horizontal",
            )
        )
    return pl.concat(parts).cast(SENTIMENT_SCHEMA)


def classify(compound: pl.Series, *, threshold: float = THRESHOLD) -> pl.Series:
    """Cut scores into negative (<= -threshold), neutral and positive (>= threshold).

    Examples
    --------
    >>> classify(pl.Series([-0.05, 0.0, 0.05])).to_list()
    ['negative', 'neutral', 'positive']
    """
    _check_threshold(threshold)
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


def _check_threshold(threshold: float, name: str = "threshold") -> None:
    if not 0 < threshold < 1:
        msg = f"{name} must be between 0 and 1 (exclusive), got {threshold!r}"
        raise ValueError(msg)


def _method_rows(sentiment: pl.DataFrame, method: str) -> pl.DataFrame:
    _require_columns(sentiment, ("article_id", "sentence_idx", "method", "compound"), "sentiment")
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
    sentiment: pl.DataFrame, *, method: str = "vader", threshold: float = THRESHOLD
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
    ...     {"article_id": ["a", "a"], "sentence_idx": [0, 1], "method": ["vader"] * 2,
    ...      "compound": [-0.25, 0.75]}
    ... )
    >>> article_tone(sentiment).select("n_sentences", "mean", "share_positive").row(0)
    (2, 0.25, 0.5)
    """
    _check_threshold(threshold)
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
    sentiment: pl.DataFrame, mentions: pl.DataFrame, *, method: str = "vader"
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
    ...     {"article_id": ["a", "a"], "sentence_idx": [0, 1], "method": ["vader"] * 2,
    ...      "compound": [-0.25, 0.75]}
    ... )
    >>> mentions = pl.DataFrame(
    ...     {"article_id": ["a"] * 3, "sentence_idx": [0, 0, 1], "actor": ["xi"] * 3}
    ... )
    >>> actor_tone(sentiment, mentions).select("actor", "n_sentences", "mean").row(0)
    ('xi', 2, 0.25)
    """
    _require_columns(mentions, ("article_id", "sentence_idx", "actor"), "mentions")
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


def _separator(path: Path, content: str) -> str:
    suffix = path.suffix.lower()
    if suffix in {".tsv", ".tab"}:
        return "\t"
    if suffix == ".csv":
        return ","
    try:
        return csv.Sniffer().sniff(content[:8192], delimiters=",\t;|").delimiter
    except csv.Error:
        return ","


def _gold_labels(values: pl.Series, *, where: str) -> pl.Series:
    labels = values.str.to_lowercase().replace_strict(_LABEL_ALIASES, default=None)
    unknown = values.filter(labels.is_null()).unique(maintain_order=True).to_list()
    if unknown:
        msg = (
            f"{where}: unknown label {', '.join(map(repr, unknown[:5]))}; a score is a number "
            "or one of negative/neutral/positive (neg/neu/pos), in any case"
        )
        raise ValueError(msg)
    return labels


def _rescale(numbers: pl.Series, *, scale: tuple[float, float] | None, where: str) -> pl.Series:
    if not numbers.is_finite().all():
        bad = numbers.filter(~numbers.is_finite())[0]
        msg = f"{where}: score {bad!r} is not a finite number"
        raise ValueError(msg)
    if scale is None:
        low, high = float(numbers.min()), float(numbers.max())
        if low == high:
            msg = f"{where}: every score is {low:g}, so the scale cannot be inferred; pass scale="
            raise ValueError(msg)
    else:
        low, high = (float(end) for end in scale)
        if not low < high:
            msg = f"scale must be (low, high) with low < high, got {scale!r}"
            raise ValueError(msg)
        outside = numbers.filter(~numbers.is_between(low, high))
        if outside.len():
            msg = f"{where}: score {outside[0]:g} is outside the scale {low:g}..{high:g}"
            raise ValueError(msg)
    midpoint, half = (low + high) / 2, (high - low) / 2
    return (numbers - midpoint) / half


def read_gold(
    path: str | Path,
    *,
    text_col: str = "text",
    score_col: str = "score",
    scale: tuple[float, float] | None = None,
    neutral_band: float = THRESHOLD,
) -> pl.DataFrame:
    """Read human-coded sentences (CSV or TSV) as a gold standard for :func:`validate`.

    The separator comes from the suffix (``.csv``; ``.tsv``/``.tab``), otherwise it is
    sniffed. The score column holds either labels (negative/neutral/positive or neg/neu/pos,
    any case) or numbers on any scale. Numbers are rescaled linearly to -1..1, the scale's low
    end to -1 and its high end to +1; the scale is ``scale`` or, when not given, the lowest
    and highest score in the file. A rescaled score ``z`` is labelled negative when
    ``z <= -neutral_band``, positive when ``z >= neutral_band``, neutral in between: with
    the default 0.05, on a -2..2 or 1-5 scale only the midpoint is neutral, on 0-100 the open
    interval 47.5..52.5 is. Labels score -1, 0 and 1.

    Parameters
    ----------
    path
        The gold file, UTF-8 (a byte-order mark is fine).
    text_col, score_col
        The columns holding the sentence and the human score or label.
    scale
        ``(low, high)`` of a numeric scale. Pass it whenever a file may lack the extremes:
        an inferred scale shifts the midpoint.
    neutral_band
        Half-width of the neutral band, as a fraction of half the scale.

    Returns
    -------
    pl.DataFrame
        :data:`GOLD_SCHEMA`, rows in file order.

    Examples
    --------
    >>> read_gold("tests/fixtures/gold_sentiment.csv").columns  # doctest: +SKIP
    ['text', 'original', 'score', 'label']
    """
    path = Path(path)
    _check_threshold(neutral_band, "neutral_band")
    try:
        content = path.read_bytes().decode("utf-8-sig")
    except UnicodeDecodeError as error:
        msg = f"gold file {path} is not UTF-8 text ({error})"
        raise ValueError(msg) from None
    if not content.strip():
        msg = f"gold file {path} is empty"
        raise ValueError(msg)
    separator = _separator(path, content)
    frame = pl.read_csv(io.StringIO(content), separator=separator, infer_schema=False)
    missing = [column for column in (text_col, score_col) if column not in frame.columns]
    if missing:
        msg = (
            f"gold file {path} has no column {', '.join(map(repr, missing))}; "
            f"columns found: {frame.columns} (separator {separator!r})"
        )
        raise ValueError(msg)
    if frame.is_empty():
        msg = f"gold file {path} is empty: it has a header but no rows"
        raise ValueError(msg)
    frame = frame.select(
        text=pl.col(text_col), original=pl.col(score_col).str.strip_chars()
    ).with_row_index("line", offset=2)
    blank = frame.filter(pl.col("text").is_null() | pl.col("original").is_null())
    if blank.height:
        msg = (
            f"gold file {path}: line {blank['line'][0]} has no "
            f"{text_col if blank['text'][0] is None else score_col}"
        )
        raise ValueError(msg)
    where = f"gold file {path}, column {score_col!r}"
    numbers = frame.get_column("original").cast(pl.Float64, strict=False)
    if numbers.null_count() == 0:
        rescaled = _rescale(numbers, scale=scale, where=where)
        labels = classify(rescaled, threshold=neutral_band)
    else:
        labels = _gold_labels(frame.get_column("original"), where=where)
        rescaled = labels.replace_strict(_LABEL_SCORES, return_dtype=pl.Float64)
    return frame.select("text", "original", score=rescaled, label=labels).cast(GOLD_SCHEMA)


def macro_f1(gold: Sequence[str | None], predicted: Sequence[str | None]) -> float | None:
    """Macro-averaged F1: the mean over classes of ``2 TP / (2 TP + FP + FN)``.

    The classes are those that occur in ``gold`` or ``predicted`` (as scikit-learn's
    ``f1_score(average="macro")`` does); None when there is nothing to compare.

    Examples
    --------
    >>> macro_f1(["pos", "pos", "neg", "neu"], ["pos", "neu", "neg", "neg"])
    0.4444444444444444
    """
    if len(gold) != len(predicted):
        msg = f"gold has {len(gold)} labels but predicted has {len(predicted)}"
        raise ValueError(msg)
    classes = sorted({*gold, *predicted} - {None})
    if not classes:
        return None
    pairs = list(zip(gold, predicted, strict=True))
    scores = []
    for label in classes:
        true_positive = sum(g == label and p == label for g, p in pairs)
        false_positive = sum(g != label and p == label for g, p in pairs)
        false_negative = sum(g == label and p != label for g, p in pairs)
        scores.append(2 * true_positive / (2 * true_positive + false_positive + false_negative))
    return sum(scores) / len(scores)


def _correlations(x: list[float], y: list[float]) -> tuple[float | None, float | None]:
    # Undefined (None) for fewer than two pairs or a constant side, where scipy returns nan.
    if len(x) < 2 or len(set(x)) < 2 or len(set(y)) < 2:
        return None, None
    from scipy import stats  # noqa: PLC0415  (about a second to import; only validation needs it)

    pearson = float(stats.pearsonr(x, y).statistic)
    spearman = float(stats.spearmanr(x, y).statistic)
    return (
        pearson if math.isfinite(pearson) else None,
        spearman if math.isfinite(spearman) else None,
    )


def validate(
    gold: pl.DataFrame,
    *,
    methods: Sequence[str] = ("vader", "textblob"),
    threshold: float = THRESHOLD,
) -> pl.DataFrame:
    """How well each method agrees with human coding.

    Each gold text is scored as one sentence. ``pearson_r`` and ``spearman_rho`` correlate
    the compound with the gold ``score`` (rescaled to -1..1, labels as -1/0/1; a linear
    rescaling leaves both unchanged); ``macro_f1`` compares the gold ``label`` with the
    compound cut at ±threshold (:func:`classify`, :func:`macro_f1`).

    Parameters
    ----------
    gold
        A gold standard with ``text``, ``score`` and ``label``, as :func:`read_gold` gives.
    methods
        Names in :data:`METHODS`.
    threshold
        Where the model's compound is cut into classes.

    Returns
    -------
    pl.DataFrame
        One row per method: ``method, n, pearson_r, spearman_rho, macro_f1``; a measure is
        null when undefined (fewer than two texts, or a constant gold or model score), so
        ``to_dicts()`` is ready for JSON.

    Examples
    --------
    >>> gold = read_gold("tests/fixtures/gold_sentiment.csv")  # doctest: +SKIP
    >>> validate(gold, methods=["vader"]).columns  # doctest: +SKIP
    ['method', 'n', 'pearson_r', 'spearman_rho', 'macro_f1']
    """
    _require_columns(gold, ("text", "score", "label"), "gold")
    _gold_labels(gold.get_column("label").drop_nulls(), where="gold")
    names = list(_factories(methods))
    sentences = gold.select(
        article_id=pl.lit("gold"),
        sentence_idx=pl.int_range(pl.len(), dtype=pl.Int32),
        text=pl.col("text"),
    )
    scored = score(sentences, methods=names)
    rows = []
    for name in names:
        compound = scored.filter(pl.col("method") == name).get_column("compound")
        pairs = pl.DataFrame(
            {
                "gold": gold.get_column("score"),
                "label": gold.get_column("label").str.to_lowercase().replace(_LABEL_ALIASES),
                "compound": compound,
            }
        ).drop_nulls()
        predicted = classify(pairs.get_column("compound"), threshold=threshold)
        pearson, spearman = _correlations(pairs["gold"].to_list(), pairs["compound"].to_list())
        rows.append(
            {
                "method": name,
                "n": pairs.height,
                "pearson_r": pearson,
                "spearman_rho": spearman,
                "macro_f1": macro_f1(pairs["label"].to_list(), predicted.to_list()),
            }
        )
    return pl.DataFrame(rows, schema=VALIDATION_SCHEMA)


def validation_report(result: pl.DataFrame, *, threshold: float = THRESHOLD) -> str:
    """A plain-text table of :func:`validate`'s result, with the rules under it.

    Examples
    --------
    >>> result = pl.DataFrame(
    ...     {"method": ["vader"], "n": [3], "pearson_r": [0.5], "spearman_rho": [None],
    ...      "macro_f1": [1.0]}
    ... )
    >>> print(validation_report(result).splitlines()[1])
    vader     3      0.500          n/a     1.000
    """
    _require_columns(result, list(VALIDATION_SCHEMA), "validation result")
    width = max([len("method"), *(len(name) for name in result.get_column("method"))])

    def number(value: float | None) -> str:
        return "n/a" if value is None else f"{value:.3f}"

    lines = [f"{'method':<{width}} {'n':>4} {'pearson_r':>10} {'spearman_rho':>12} {'macro_f1':>9}"]
    lines.extend(
        f"{row['method']:<{width}} {row['n']:>4} {number(row['pearson_r']):>10} "
        f"{number(row['spearman_rho']):>12} {number(row['macro_f1']):>9}"
        for row in result.iter_rows(named=True)
    )
    lines.append(
        "pearson_r, spearman_rho: sentence compound vs the human score (labels as -1/0/1); "
        f"macro_f1: 3 classes, model negative <= -{threshold:g} < neutral < {threshold:g} "
        "<= positive"
    )
    return "\n".join(lines)
