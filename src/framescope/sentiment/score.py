"""The sentiment table: every sentence scored by every method, each distinct text once.

Each method's scorer is built once per process, and each distinct sentence text is scored
once however often it recurs in the corpus; with ``processes > 1`` the distinct texts are
scored in chunks by spawned worker processes.

Examples
--------
>>> sentences = pl.DataFrame(
...     {"article_id": ["a"], "sentence_idx": [0], "text": ["Talks failed."]},
...     schema_overrides={"sentence_idx": pl.Int32},
... )
>>> score(sentences, methods="vader,textblob").select("method", "compound").rows()
[('vader', -0.5106), ('textblob', -0.5)]
"""

from __future__ import annotations

import functools
import multiprocessing
import pickle
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor
from itertools import repeat

import polars as pl

from framescope.sentiment.columns import require_columns
from framescope.sentiment.multilex import MultilexScorer
from framescope.sentiment.registry import METHODS, SCORE_SCHEMA, Factory, Scorer, check_methods
from framescope.sentiment.textblob import TextBlobScorer
from framescope.sentiment.vader import VaderScorer

SENTIMENT_SCHEMA = pl.Schema(
    {
        "article_id": pl.String(),
        "sentence_idx": pl.Int32(),
        "method": pl.String(),
        **SCORE_SCHEMA,
    }
)
"""Columns of the sentiment table: one row per sentence and method. ``compound`` is in
-1..1; ``pos``, ``neu`` and ``neg`` are VADER's proportions, null for methods without them
(multilex, textblob)."""

_SERIES_SCORERS = (MultilexScorer, VaderScorer, TextBlobScorer)


@functools.cache
def _scorer(factory: Factory) -> Scorer:
    # Building a scorer reads lexicon files: once per process, not once per call or chunk.
    return factory()


def _score_chunk(factory: Factory, texts: pl.Series) -> pl.DataFrame:
    scorer = _scorer(factory)
    # The shipped scorers take the polars column as it is; others get the list the protocol
    # promises (55,000 Python strings cost about 0.03 s each way).
    if isinstance(scorer, _SERIES_SCORERS):
        result = scorer.score_texts(texts)
    else:
        result = scorer.score_texts(texts.to_list())
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


def _score_distinct(factory: Factory, texts: pl.Series, *, processes: int) -> pl.DataFrame:
    if processes == 1 or len(texts) < 2:
        return _score_chunk(factory, texts)
    # The factory travels by reference (its module and name), so each worker imports it itself:
    # a built-in, entry-point or module-level factory arrives, a lambda or nested one cannot.
    try:
        pickle.dumps(factory)
    except (pickle.PicklingError, AttributeError, TypeError) as error:
        msg = (
            f"the factory {factory!r} cannot be sent to worker processes ({error}); define it "
            "at module level in an importable module, or use processes=1"
        )
        raise ValueError(msg) from None
    # A few chunks per worker balances uneven sentence lengths. "spawn", because polars'
    # thread pool is not fork-safe and the workers build polars frames.
    n_chunks = min(len(texts), 4 * processes)
    size = -(-len(texts) // n_chunks)
    chunks = [texts.slice(start, size) for start in range(0, len(texts), size)]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, mp_context=context) as pool:
        return pl.concat(pool.map(_score_chunk, repeat(factory), chunks))


def score(
    sentences: pl.DataFrame, *, methods: str | Sequence[str] = ("vader",), processes: int = 1
) -> pl.DataFrame:
    """The sentiment table: every sentence scored by every method.

    Parameters
    ----------
    sentences
        The sentences table (at least ``article_id``, ``sentence_idx``, ``text``).
    methods
        Names in :data:`~framescope.sentiment.METHODS` (or one string of them separated by
        commas), checked by :func:`~framescope.sentiment.check_methods`; the ``method``
        column holds these names.
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
    require_columns(sentences, ("article_id", "sentence_idx", "text"), "sentences")
    if processes < 1:
        msg = f"processes must be at least 1, got {processes!r}"
        raise ValueError(msg)
    factories = {name: METHODS[name] for name in check_methods(methods)}
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
