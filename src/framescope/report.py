"""Side-by-side tables for the notebooks: what the text said next to what the build kept,
one sentiment method next to another, claims next to the targets they repeat.

Each function is a small pure function over the processed tables, except :func:`raw_records`,
which reads inputs through :mod:`framescope.ingest` exactly as a build does (so the notebooks
can show what cleaning and the sidecar changed). The notebooks call these instead of defining
functions of their own.

The dashboard imports this module too, for the trade tables: the two functions that need
:mod:`framescope.ingest` import it when called, so that the dashboard does not load the ingest
stack (HTML extraction, language detection, word segmentation: about 0.3 s and their memory in
every server process).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path

import polars as pl

from framescope import reference, sentiment
from framescope.claims import format_value
from framescope.counting import counted

_WORDS = r"\S+"


def raw_records(
    raw: Iterable[str | Path], *, mapping: Mapping[str, str] | None = None
) -> pl.DataFrame:
    """Inputs as parsed from their own text: before the sidecar, cleaning and identity.

    ``path`` is recorded as a build records it (relative to the working folder when inside
    it), so the result joins the articles table of a build run from the same folder.
    ``published`` and ``date_origin`` are what the text itself gives (``header``,
    ``byline``, ``metadata``, ``inferred`` or ``unknown``); ``text`` is the body before any
    cleaning. Inputs that cannot become records are left out (the build lists them in
    ``rejects``).

    Examples
    --------
    >>> from framescope import config
    >>> raw_records([config.RAW]).select("date_origin").to_series().to_list()  # doctest: +SKIP
    ['header', 'header', 'byline', 'unknown', 'header']
    """
    from framescope import ingest  # noqa: PLC0415 - see the module docstring

    files, _ = ingest.discover(raw)
    return ingest.read(files, mapping=mapping, progress=False).records


def date_provenance(articles: pl.DataFrame, records: pl.DataFrame) -> pl.DataFrame:
    """Each article's date and its origin next to the date its own text gives.

    Parameters
    ----------
    articles
        The articles table (``path``, ``source``, ``published``, ``date_origin``).
    records
        :func:`raw_records` of the same inputs.

    Returns
    -------
    DataFrame with ``path``, ``source``, ``published``, ``date_origin`` (as built),
    ``text_date``, ``text_date_origin`` (from the text alone) and ``agrees``: True or False
    when both dates are known, null when either is not. Sorted by ``path``.

    Examples
    --------
    >>> from datetime import date
    >>> articles = pl.DataFrame({"path": ["a.txt"], "source": ["X"],
    ...     "published": [date(2023, 3, 17)], "date_origin": ["sidecar"]})
    >>> records = pl.DataFrame({"path": ["a.txt"], "published": [None],
    ...     "date_origin": ["unknown"]}, schema_overrides={"published": pl.Date})
    >>> date_provenance(articles, records).select("text_date_origin", "agrees").row(0)
    ('unknown', None)
    """
    text_dates = records.select(
        "path",
        pl.col("published").alias("text_date"),
        pl.col("date_origin").alias("text_date_origin"),
    )
    return (
        articles.select("path", "source", "published", "date_origin")
        .join(text_dates, on="path", how="left")
        .with_columns((pl.col("published") == pl.col("text_date")).alias("agrees"))
        .sort("path")
    )


def _before_and_after(records: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """``path``, ``source`` and the text after (``_after``) and before (``_before``) cleaning
    of each article found in both :func:`raw_records` and a build's articles."""
    return articles.select("path", "source", pl.col("text").alias("_after")).join(
        records.select("path", pl.col("text").alias("_before")), on="path", how="inner"
    )


def cleaning_diff(
    records: pl.DataFrame, articles: pl.DataFrame, *, chars: int = 200
) -> pl.DataFrame:
    """What cleaning changed in each article: word counts and the text's two ends.

    Parameters
    ----------
    records
        :func:`raw_records` (the text before cleaning).
    articles
        The articles table of a build of the same inputs (the cleaned text).
    chars
        Characters shown from each end of the text.

    Returns
    -------
    DataFrame with ``path``, ``source``, ``words_before``, ``words_after``,
    ``words_change`` (after minus before: negative where boilerplate went, positive where
    glued words were split), ``head_before``, ``head_after``, ``tail_before`` and
    ``tail_after``, one row per article found in both, sorted by ``path``.

    Examples
    --------
    >>> records = pl.DataFrame(
    ...     {"path": ["a"], "text": ["It ended.\\n\\n1 comment\\nLeave a Reply"]}
    ... )
    >>> articles = pl.DataFrame({"path": ["a"], "source": ["X"], "text": ["It ended."]})
    >>> cleaning_diff(records, articles, chars=9).select("words_change", "tail_after").row(0)
    (-5, 'It ended.')
    """
    if chars < 1:
        msg = f"chars must be at least 1, got {chars!r}"
        raise ValueError(msg)
    words_before = pl.col("_before").str.count_matches(_WORDS).cast(pl.Int64)
    words_after = pl.col("_after").str.count_matches(_WORDS).cast(pl.Int64)
    return (
        _before_and_after(records, articles)
        .select(
            "path",
            "source",
            words_before.alias("words_before"),
            words_after.alias("words_after"),
            (words_after - words_before).alias("words_change"),
            pl.col("_before").str.strip_chars().str.head(chars).alias("head_before"),
            pl.col("_after").str.strip_chars().str.head(chars).alias("head_after"),
            pl.col("_before").str.strip_chars().str.tail(chars).alias("tail_before"),
            pl.col("_after").str.strip_chars().str.tail(chars).alias("tail_after"),
        )
        .sort("path")
    )


def cleaning_edits(records: pl.DataFrame, articles: pl.DataFrame) -> pl.DataFrame:
    """Every word-level edit cleaning made: what was removed, split or changed, and where.

    Texts are compared as runs of whitespace-separated words, so changes of spacing alone
    do not show. Meant for reading a corpus's cleaning, not for very large corpora (the
    comparison is quadratic in the worst case).

    Parameters
    ----------
    records, articles
        As for :func:`cleaning_diff`.

    Returns
    -------
    DataFrame with ``path``, ``source``, ``word`` (position of the edit in the raw text,
    in words), ``edit`` (``removed``, ``replaced`` or ``inserted``), ``before`` and
    ``after``, in text order per article.

    Examples
    --------
    >>> records = pl.DataFrame({"path": ["a"], "text": ["Xi visits.\\nLeave a Reply"]})
    >>> articles = pl.DataFrame({"path": ["a"], "source": ["X"], "text": ["Xi visits."]})
    >>> cleaning_edits(records, articles).select("edit", "before", "after").row(0)
    ('removed', 'Leave a Reply', '')
    """
    kinds = {"delete": "removed", "replace": "replaced", "insert": "inserted"}
    joined = _before_and_after(records, articles)
    rows = []
    for path, source, after, before in joined.sort("path").iter_rows():
        old, new = (before or "").split(), (after or "").split()
        matcher = difflib.SequenceMatcher(None, old, new, autojunk=False)
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag != "equal":
                rows.append(
                    (path, source, i1, kinds[tag], " ".join(old[i1:i2]), " ".join(new[j1:j2]))
                )
    schema = {
        "path": pl.String,
        "source": pl.String,
        "word": pl.Int64,
        "edit": pl.String,
        "before": pl.String,
        "after": pl.String,
    }
    return pl.DataFrame(rows, schema=schema, orient="row")


def glued_by_article(
    records: pl.DataFrame, articles: pl.DataFrame, *, names: Iterable[str] = ()
) -> pl.DataFrame:
    """Glued-word tokens per article in the raw text and what is left after cleaning.

    Parameters
    ----------
    records, articles
        As for :func:`cleaning_diff`.
    names
        Known names, as the build passes them (``profile.name_words()``).

    Returns
    -------
    DataFrame with ``path``, ``source``, ``glued_before`` and ``glued_after``: occurrences
    of tokens that :func:`framescope.ingest.glue.glued_tokens` would split, most glued
    first.

    Examples
    --------
    >>> records = pl.DataFrame({"path": ["a"], "text": ["talks withPresident Putin"]})
    >>> articles = pl.DataFrame({"path": ["a"], "source": ["X"],
    ...     "text": ["talks with President Putin"]})
    >>> glued_by_article(records, articles).select("glued_before", "glued_after").row(0)
    (1, 0)
    """
    from framescope.ingest import glue  # noqa: PLC0415 - see the module docstring

    names = list(names)
    joined = _before_and_after(records, articles)
    counts = {
        column: [
            int(glue.glued_tokens(pl.Series([text], dtype=pl.String), names=names)["count"].sum())
            for text in joined.get_column(source)
        ]
        for column, source in (("glued_before", "_before"), ("glued_after", "_after"))
    }
    return (
        joined.select("path", "source")
        .with_columns(pl.Series(k, v, dtype=pl.Int64) for k, v in counts.items())
        .sort(["glued_before", "path"], descending=[True, False])
    )


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
    methods: Sequence[str] = ("vader", "textblob"),
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


def trade_claims(
    figures: pl.DataFrame, articles: pl.DataFrame, *, metric: str = reference.TRADE_METRIC
) -> pl.DataFrame:
    """Money claims about ``metric`` at their publication dates, in billion USD, for
    :func:`framescope.plots.claims_against_reference`.

    Returns
    -------
    DataFrame with ``published``, ``source``, ``metric``, ``kind``, ``surface``, ``period``,
    ``sentence`` and ``value_bn``; undated articles are left out (they have no x).

    Examples
    --------
    >>> from datetime import date
    >>> figures = pl.DataFrame({"article_id": ["a"], "metric": ["bilateral_trade"],
    ...     "unit": ["USD"], "value": [200e9], "kind": ["target"], "surface": ["$200 billion"],
    ...     "period": ["2023"], "sentence": ["..."]})
    >>> articles = pl.DataFrame({"article_id": ["a"], "source": ["X"],
    ...     "published": [date(2023, 2, 1)]})
    >>> trade_claims(figures, articles).select("source", "value_bn").row(0)
    ('X', 200.0)
    """
    return (
        figures.filter((pl.col("metric") == metric) & (pl.col("unit") == "USD"))
        .join(articles.select("article_id", "source", "published"), on="article_id")
        .filter(pl.col("published").is_not_null())
        .select(
            "published",
            "source",
            "metric",
            "kind",
            "surface",
            "period",
            "sentence",
            (pl.col("value") / 1e9).alias("value_bn"),
        )
        .sort("published", "source")
    )


def reference_lines(series: Mapping[str, pl.DataFrame]) -> pl.DataFrame:
    """Official series as plot lines: ``date`` (period end), ``value_bn`` and ``label``.

    ``series`` maps each line's label to a reference series in
    :data:`framescope.reference.SERIES_SCHEMA` (``annual``, ``year_to_date``, ``monthly``).

    Examples
    --------
    >>> lines = reference_lines({"GAC annual": reference.annual()})
    >>> lines.filter(pl.col("date").dt.year() == 2022).select("value_bn", "label").row(0)
    (190.27, 'GAC annual')
    """
    parts = [
        frame.select(
            pl.col("period_end").alias("date"),
            (pl.col("value") / 1e9).alias("value_bn"),
            pl.lit(label, dtype=pl.String).alias("label"),
        )
        for label, frame in series.items()
    ]
    if not parts:
        return pl.DataFrame(schema={"date": pl.Date, "value_bn": pl.Float64, "label": pl.String})
    return pl.concat(parts).sort("label", "date")


def target_markers(targets: pl.DataFrame) -> pl.DataFrame:
    """Stated targets as plot markers at the date they were stated.

    Examples
    --------
    >>> target_markers(reference.targets())["label"][0]
    'China and Russia governments: $100 billion by 2015'
    """
    amounts = [
        format_value(value, unit) for value, unit in targets.select("value", "unit").iter_rows()
    ]
    return targets.select(
        pl.col("stated_on").alias("date"),
        (pl.col("value") / 1e9).alias("value_bn"),
        pl.format(
            "{}: {} by {}",
            "stated_by",
            pl.Series("amount", amounts, dtype=pl.String),
            "target_year",
        ).alias("label"),
    )


def matching_targets(
    claims: pl.DataFrame, targets: pl.DataFrame, *, tolerance: float = 0.05
) -> pl.DataFrame:
    """Target claims next to the official targets they may repeat.

    A claim of kind ``target`` meets every stated target of the same metric and unit whose
    value is within ``tolerance`` (relative) of the claim's. Whether the target had been
    stated before the article was published is in ``stated_before``.

    Parameters
    ----------
    claims
        A figures table or ledger with ``metric``, ``unit``, ``value``, ``kind``, ``period``
        and optionally ``source``, ``published``, ``surface``.
    targets
        :func:`framescope.reference.targets`.
    tolerance
        Relative difference under which a claim repeats a target.

    Returns
    -------
    DataFrame with ``article_id``, ``source``, ``published``, ``surface``, ``claim_period``,
    ``target_year``, ``stated_on``, ``stated_by``, ``stated_before`` and ``target_source``,
    sorted by source and ``stated_on``.

    Examples
    --------
    >>> claims = pl.DataFrame({"metric": ["bilateral_trade"], "unit": ["USD"],
    ...     "value": [200e9], "kind": ["target"], "period": ["2023"]})
    >>> matching_targets(claims, reference.targets())["target_year"].to_list()
    [2020, 2024, 2023]
    """
    if tolerance < 0:
        msg = f"tolerance must be 0 or more, got {tolerance!r}"
        raise ValueError(msg)
    carried = {
        "article_id": pl.String,
        "source": pl.String,
        "published": pl.Date,
        "surface": pl.String,
    }
    for column, dtype in carried.items():
        if column not in claims.columns:
            claims = claims.with_columns(pl.lit(None, dtype).alias(column))
    stated = targets.select(
        "metric",
        "unit",
        pl.col("value").alias("target_value"),
        "target_year",
        "stated_on",
        "stated_by",
        pl.col("source").alias("target_source"),
    )
    return (
        claims.filter(pl.col("kind") == "target")
        .select(
            "article_id",
            "source",
            "published",
            "surface",
            "metric",
            "unit",
            "value",
            pl.col("period").alias("claim_period"),
        )
        .join(stated, on=["metric", "unit"], how="inner")
        .filter(
            (pl.col("value") - pl.col("target_value")).abs()
            <= tolerance * pl.col("target_value").abs()
        )
        .with_columns((pl.col("stated_on") < pl.col("published")).alias("stated_before"))
        .select(
            "article_id",
            "source",
            "published",
            "surface",
            "claim_period",
            "target_year",
            "stated_on",
            "stated_by",
            "stated_before",
            "target_source",
        )
        .sort("source", "stated_on", "target_year")
    )


def checked_claims(
    ledger: pl.DataFrame,
    *,
    comparison: pl.DataFrame | None = None,
    target_matches: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Each ledger row with what it could be checked against.

    Parameters
    ----------
    ledger
        :func:`framescope.claims.ledger`.
    comparison
        :func:`framescope.reference.compare` of the ledger.
    target_matches
        :func:`matching_targets` of the ledger.

    Returns
    -------
    The ledger's ``source``, ``claim``, ``surface``, ``kind`` and ``period`` with
    ``checked_against``: "official statistics", "stated targets", both joined by " and ", or
    "no reference". A report is matched on ``article_id`` and ``surface``.

    Examples
    --------
    >>> ledger = pl.DataFrame({"article_id": ["a", "a"], "source": ["X", "X"],
    ...     "claim": ["trade: $200 billion", "points: 12"], "surface": ["$200 billion", "12"],
    ...     "kind": ["target", "actual"], "period": ["2023", None]})
    >>> matches = pl.DataFrame({"article_id": ["a"], "surface": ["$200 billion"]})
    >>> checked_claims(ledger, target_matches=matches)["checked_against"].to_list()
    ['stated targets', 'no reference']
    """
    found = [
        frame.select("article_id", "surface").with_columns(pl.lit(label).alias("_against"))
        for label, frame in (
            ("official statistics", comparison),
            ("stated targets", target_matches),
        )
        if frame is not None and not frame.is_empty()
    ]
    keys = ["article_id", "surface"]
    against = (
        pl.concat(found)
        .unique()
        .group_by(keys)
        .agg(pl.col("_against").sort().str.join(" and ").alias("checked_against"))
        if found
        else pl.DataFrame(schema={**dict.fromkeys(keys, pl.String), "checked_against": pl.String})
    )
    return (
        ledger.join(against, on=keys, how="left", maintain_order="left")
        .with_columns(pl.col("checked_against").fill_null("no reference"))
        .select("source", "claim", "surface", "kind", "period", "checked_against")
    )
