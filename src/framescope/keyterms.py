"""Distinctive words: the words and phrases that set each outlet apart from all the others.

Log-odds ratios with an informative Dirichlet prior (Monroe, Colaresi & Quinn 2008, "Fightin'
Words", eqs. 16-22), one outlet against all the others pooled, so any number of outlets
works. See :func:`distinctive_terms` for the formulas, tokenisation and the small-sample flag.
"""

from __future__ import annotations

import warnings

import polars as pl

from framescope.rules.articles import kept as kept_articles
from framescope.rules.spans import KEYS, sentence_frame
from framescope.rules.words import STOP_WORDS

DISTINCTIVE_SCHEMA = pl.Schema(
    {
        "source": pl.String(),
        "ngram": pl.Int8(),
        "term": pl.String(),
        "n_source": pl.Int64(),
        "n_rest": pl.Int64(),
        "log_odds": pl.Float64(),
        "z": pl.Float64(),
        "small_sample": pl.Boolean(),
    }
)
"""Columns of :func:`distinctive_terms`."""

SMALL_SAMPLE_TOKENS = 1000
"""An outlet with fewer content tokens (unigrams after stop-word removal) than this is
flagged ``small_sample`` by :func:`distinctive_terms`: with a few hundred tokens most words
occur once or twice and their log-odds mostly reflect the prior and chance."""

DEFAULT_ALPHA0 = 1000.0
"""Default strength of the informative prior in :func:`distinctive_terms`, in pseudo-tokens:
about as much evidence as a small outlet, negligible against a large one."""


def tokens(sentences: pl.DataFrame, *, ngram: tuple[int, int] = (1, 2)) -> pl.LazyFrame:
    """The n-grams of each sentence, lowercased, stop words out (see distinctive_terms).

    Returns ``article_id, sentence_idx, ngram, term`` (lazy), one row per occurrence.

    Examples
    --------
    >>> s = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0],
    ...                   "text": ["Russia’s Foreign Ministry said so."]})
    >>> tokens(s, ngram=(2, 2)).collect()["term"].to_list()
    ['russia foreign', 'foreign ministry', 'ministry said']
    """
    low, high = _ngram_range(ngram)
    stop = list(STOP_WORDS)
    exploded = (
        sentence_frame(sentences)
        .select(
            *KEYS,
            pl.col("text")
            .str.to_lowercase()
            .str.replace_all("’", "'", literal=True)
            .str.extract_all(r"[\p{L}\p{N}]+(?:[-'][\p{L}\p{N}]+)*")
            .alias("term"),
        )
        .with_row_index("_sentence")
        .explode("term")
        .filter(pl.col("term").is_not_null())
        .with_columns(pl.col("term").str.replace(r"'s$", ""))
        .with_columns(
            (pl.col("term").is_in(stop) | ~pl.col("term").str.contains(r"\p{L}")).alias("_stop")
        )
    )
    grams = []
    for n in range(low, high + 1):
        # An n-gram is n adjacent words of one sentence, none of them a stop word.
        keep = pl.all_horizontal(
            *(~pl.col("_stop").shift(-k).fill_null(True) for k in range(n)),
            *(
                (pl.col("_sentence").shift(-k) == pl.col("_sentence")).fill_null(False)
                for k in range(1, n)
            ),
        )
        term = pl.concat_str([pl.col("term").shift(-k) for k in range(n)], separator=" ")
        grams.append(
            exploded.select(*KEYS, keep.alias("_keep"), term.alias("term"))
            .filter(pl.col("_keep"))
            .select(*KEYS, pl.lit(n, dtype=pl.Int8).alias("ngram"), "term")
        )
    return pl.concat(grams)


def _ngram_range(ngram: tuple[int, int]) -> tuple[int, int]:
    low, high = ngram
    if not (isinstance(low, int) and isinstance(high, int) and 1 <= low <= high <= 5):
        msg = f"ngram: expected (low, high) with 1 <= low <= high <= 5, got {ngram!r}"
        raise ValueError(msg)
    return low, high


def distinctive_terms(
    sentences: pl.DataFrame,
    articles: pl.DataFrame,
    *,
    ngram: tuple[int, int] = (1, 2),
    prior: float | None = None,
    alpha0: float = DEFAULT_ALPHA0,
    min_count: int = 2,
    include_duplicates: bool = False,
    small_sample_tokens: int = SMALL_SAMPLE_TOKENS,
) -> pl.DataFrame:
    """Words and phrases that set each source apart from all the others.

    For each source ``i`` against the rest ``j`` (all other sources pooled) and each term
    ``w`` of an n-gram order, with ``y`` counts and ``n`` totals of that order (Monroe,
    Colaresi & Quinn 2008, eqs. 16-22)::

        a_w   = alpha0 * y_w / n          informative prior: the whole corpus's frequencies
              = prior                     when ``prior`` is a number (uninformative), and
        a_0   = sum of a_w                then a_0 = prior * vocabulary size
        delta = log((y_iw + a_w) / (n_i + a_0 - y_iw - a_w))
              - log((y_jw + a_w) / (n_j + a_0 - y_jw - a_w))
        var   = 1 / (y_iw + a_w) + 1 / (y_jw + a_w)
        z     = delta / sqrt(var)

    Tokens are runs of letters and digits (inner hyphens and apostrophes kept:
    "sino-russian", "don't"), lowercased, with a final "'s" dropped ("russia's" counts as
    "russia"). Tokens with no letter and :data:`STOP_WORDS` are not unigrams; an n-gram is
    n adjacent tokens of one sentence, none of them a stop word ("foreign ministry", not
    "invasion ukraine" from "invasion of Ukraine").

    Parameters
    ----------
    sentences
        ``article_id``, ``sentence_idx``, ``text``.
    articles
        ``article_id``, ``source`` and ``duplicate_of``.
    ngram
        Smallest and largest n-gram order, as in scikit-learn's ``ngram_range``.
    prior
        None for the informative prior; a number for the same ``a_w`` for every term.
    alpha0
        Strength of the informative prior, in pseudo-tokens (:data:`DEFAULT_ALPHA0`).
    min_count
        Terms seen fewer times in the whole corpus are left out of the result (they still
        count in the totals).
    include_duplicates
        Count near-duplicate articles too.
    small_sample_tokens
        A source with fewer tokens than this (of the smallest n-gram order asked for:
        unigrams by default) is flagged ``small_sample`` and a warning names it
        (:data:`SMALL_SAMPLE_TOKENS`).

    Returns
    -------
    DataFrame in :data:`DISTINCTIVE_SCHEMA`: one row per source x term, terms a source
    never uses included (negative z), sorted by source, ngram and descending z.

    Raises
    ------
    ValueError
        If fewer than two sources have text, or an option is out of range.

    Examples
    --------
    >>> s = pl.DataFrame({"article_id": ["a", "b"], "sentence_idx": [0, 0],
    ...                   "text": ["Invasion, invasion and war.", "War and war and invasion."]})
    >>> arts = pl.DataFrame({"article_id": ["a", "b"], "source": ["X", "Y"],
    ...                      "duplicate_of": [None, None]})
    >>> out = distinctive_terms(s, arts, ngram=(1, 1), prior=1.0, min_count=1,
    ...                         small_sample_tokens=0)
    >>> out.filter(pl.col("source") == "X").select("term", "n_source", "n_rest").rows()
    [('invasion', 2, 1), ('war', 1, 2)]
    """
    _ngram_range(ngram)
    if prior is not None and not prior > 0:
        msg = f"prior: expected a positive number or None, got {prior!r}"
        raise ValueError(msg)
    if not alpha0 > 0:
        msg = f"alpha0: expected a positive number, got {alpha0!r}"
        raise ValueError(msg)
    kept = kept_articles(articles, include_duplicates=include_duplicates)
    counts = (
        tokens(sentences, ngram=ngram)
        .join(kept.lazy().select("article_id", "source"), on="article_id", how="inner")
        .group_by("source", "ngram", "term")
        .agg(pl.len().cast(pl.Int64).alias("n_source"))
        .collect()
    )
    if counts.is_empty():
        return pl.DataFrame(schema=DISTINCTIVE_SCHEMA)
    sources = counts.select("source").unique().sort("source")
    if sources.height < 2:
        msg = f"distinctive terms compare sources; only one has text: {sources['source'][0]!r}"
        raise ValueError(msg)
    totals = counts.group_by("source", "ngram").agg(pl.col("n_source").sum().alias("n_i"))
    corpus = counts.group_by("ngram", "term").agg(pl.col("n_source").sum().alias("y_w"))
    sizes = corpus.group_by("ngram").agg(
        pl.col("y_w").sum().alias("n"), pl.len().cast(pl.Int64).alias("vocabulary")
    )
    if prior is None:
        a_w = alpha0 * pl.col("y_w") / pl.col("n")
        a_0 = pl.lit(alpha0)
    else:
        a_w = pl.lit(prior)
        a_0 = prior * pl.col("vocabulary")
    # The flag counts tokens of the smallest order asked for: unigrams by default.
    unigrams = totals.filter(pl.col("ngram") == ngram[0]).select(
        "source", pl.col("n_i").alias("_unigrams")
    )
    small = (
        sources.join(unigrams, on="source", how="left")
        .filter(pl.col("_unigrams").fill_null(0) < small_sample_tokens)["source"]
        .to_list()
    )
    if small:
        warnings.warn(
            f"distinctive terms: {len(small)} source(s) have fewer than {small_sample_tokens} "
            f"tokens, so their log-odds rest on few counts: {small}",
            UserWarning,
            stacklevel=2,
        )
    y_i, y_j = pl.col("n_source"), pl.col("n_rest")
    n_i, n_j = pl.col("n_i"), pl.col("n") - pl.col("n_i")
    delta = ((y_i + pl.col("a_w")) / (n_i + pl.col("a_0") - y_i - pl.col("a_w"))).log() - (
        (y_j + pl.col("a_w")) / (n_j + pl.col("a_0") - y_j - pl.col("a_w"))
    ).log()
    variance = 1 / (y_i + pl.col("a_w")) + 1 / (y_j + pl.col("a_w"))
    return (
        corpus.join(sizes, on="ngram")
        .with_columns(a_w.alias("a_w"), a_0.alias("a_0"))
        .filter(pl.col("y_w") >= min_count)
        .join(sources, how="cross")
        .join(counts, on=["source", "ngram", "term"], how="left")
        .join(totals, on=["source", "ngram"], how="left")
        .with_columns(pl.col("n_source", "n_i").fill_null(0))
        .with_columns((pl.col("y_w") - pl.col("n_source")).alias("n_rest"))
        .with_columns(delta.alias("log_odds"))
        .with_columns(
            (pl.col("log_odds") / variance.sqrt()).alias("z"),
            pl.col("source").is_in(small).alias("small_sample"),
        )
        .sort(["source", "ngram", "z", "term"], descending=[False, False, True, False])
        .select(list(DISTINCTIVE_SCHEMA))
        .cast(DISTINCTIVE_SCHEMA)
    )
