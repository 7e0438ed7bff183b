"""What the text said next to what the build kept: dates, cleaning, glued words.

Each function is a small pure function over the processed tables, except :func:`raw_records`,
which reads inputs through :mod:`framescope.ingest` exactly as a build does (so the notebooks
can show what cleaning and the sidecar changed). The two functions that need
:mod:`framescope.ingest` import it when called, so that the dashboard, which imports
:mod:`framescope.report` for the trade tables, does not load the ingest stack (HTML
extraction, language detection, word segmentation: about 0.3 s and their memory in every
server process).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from pathlib import Path

import polars as pl

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
