"""Agreement with people: read a human-coded gold standard, validate methods, report.

Examples
--------
>>> macro_f1(["positive", "negative"], ["positive", "positive"])
0.3333333333333333
"""

from __future__ import annotations

import csv
import io
import math
from collections.abc import Sequence
from pathlib import Path

import polars as pl

from framescope.sentiment.columns import require_columns
from framescope.sentiment.registry import check_methods
from framescope.sentiment.score import score
from framescope.sentiment.tone import THRESHOLD, check_threshold, classify

GOLD_SCHEMA = pl.Schema(
    {
        "text": pl.String(),
        "original": pl.String(),
        "score": pl.Float64(),
        "label": pl.String(),
    }
)
"""A gold standard as :func:`read_gold` returns it: ``original`` is the cell as written,
``score`` the human score rescaled to -1..1 (labels as -1, 0, 1), ``label`` its class."""

VALIDATION_SCHEMA = pl.Schema(
    {
        "method": pl.String(),
        "n": pl.Int64(),
        "pearson_r": pl.Float64(),
        "spearman_rho": pl.Float64(),
        "macro_f1": pl.Float64(),
    }
)

_LABEL_ALIASES = {
    "negative": "negative",
    "neg": "negative",
    "neutral": "neutral",
    "neu": "neutral",
    "positive": "positive",
    "pos": "positive",
}
_LABEL_SCORES = {"negative": -1.0, "neutral": 0.0, "positive": 1.0}


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
        # Through numpy: Series.min() is typed as any Python literal, not as a number.
        values = numbers.to_numpy()
        low, high = float(values.min()), float(values.max())
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
    check_threshold(neutral_band, "neutral_band")
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
    classes = sorted({label for label in (*gold, *predicted) if label is not None})
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
    methods: str | Sequence[str] = ("multilex", "vader", "textblob"),
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
        Sentiment method names, as :func:`~framescope.sentiment.check_methods` takes them.
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
    require_columns(gold, ("text", "score", "label"), "gold")
    _gold_labels(gold.get_column("label").drop_nulls(), where="gold")
    names = check_methods(methods)
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
    require_columns(result, list(VALIDATION_SCHEMA), "validation result")
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
