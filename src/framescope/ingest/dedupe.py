"""Article identity: stable ids, exact duplicates kept once, near-copies and stories marked.

Similar articles are found with a bottom-k MinHash sketch of word 5-shingles, computed with
polars expressions so it scales with the corpus: each article keeps the ``k`` smallest
shingle hashes and its number of distinct shingles. Candidate pairs share two of their few
smallest hashes (:mod:`framescope.ingest.candidates`, linear in the corpus). A pair is a
near-copy when the sketch estimate of its Jaccard similarity (Broder 1997) reaches the
near-duplicate threshold, and one story when the shorter text's containment in the longer
reaches the story threshold: outlets trim wire copy, so real reprints have low Jaccard
similarity but high containment (AP 0.78 / 0.93, AFP 0.44 / 0.69, Reuters 0.68 / 0.89, Xinhua
0.49 / 0.78 on real pairs). Each group points to its earliest article.
"""

from __future__ import annotations

import hashlib

import numpy as np
import polars as pl
from scipy import sparse
from scipy.sparse.csgraph import connected_components

from framescope.ingest import candidates
from framescope.ingest.records import reject

SHINGLE_WORDS = 5
SKETCH_SIZE = 64
MIN_STORY_SHINGLES = 25
"""Distinct shingles (about 30 words) the shorter text of a story pair needs."""
_PAIR_SCHEMA = {
    "a": pl.UInt32(),
    "b": pl.UInt32(),
    "similarity": pl.Float64(),
    "containment": pl.Float64(),
}


def content_ids(source: pl.Series, text: pl.Series) -> pl.Series:
    """Stable ids: the first 16 hex digits of SHA-256 over source and cleaned text.

    The source is part of identity because the same wire story run by two outlets is two
    editorial choices (marked as near-duplicates), while the same article ingested twice is one.

    Examples
    --------
    >>> content_ids(pl.Series(["NBC"]), pl.Series(["Text."])).item()
    'c3094cf6ee042478'
    """
    ids = [
        hashlib.sha256(f"{s or ''}\x1f{t}".encode()).hexdigest()[:16]
        for s, t in zip(source.to_list(), text.to_list(), strict=True)
    ]
    return pl.Series("article_id", ids, dtype=pl.String())


def duplicate_detail(kept_path: str, article_id: str) -> str:
    """The detail of a ``duplicate`` reject: the copy kept and its id (read back by
    :func:`duplicate_kept_id`)."""
    return f"same source and text as {kept_path} (article {article_id}); kept once"


def duplicate_kept_id(detail: pl.Expr) -> pl.Expr:
    """The kept article's id in a ``duplicate`` detail: an incremental build identifies the
    previous build's duplicate inputs again from their rejects.

    Examples
    --------
    >>> frame = pl.DataFrame({"detail": [duplicate_detail("a.txt", "c3094cf6ee042478")]})
    >>> frame.select(duplicate_kept_id(pl.col("detail"))).item()
    'c3094cf6ee042478'
    """
    return detail.str.extract(r"\(article ([0-9a-f]+)\); kept once$")


def drop_exact_duplicates(articles: pl.DataFrame) -> tuple[pl.DataFrame, list[dict[str, str]]]:
    """Keep the first article (by path) of each ``article_id``; the others become rejects."""
    ordered = articles.sort("path")
    first = ordered.unique("article_id", keep="first", maintain_order=True)
    kept_path = dict(zip(first["article_id"], first["path"], strict=True))
    dropped = ordered.filter(pl.int_range(pl.len()).over("article_id") > 0)
    rejects = [
        reject(path, "duplicate", duplicate_detail(kept_path[article_id], article_id))
        for path, article_id in zip(dropped["path"], dropped["article_id"], strict=True)
    ]
    return first, rejects


def sketches(articles: pl.DataFrame, *, k: int = SKETCH_SIZE) -> pl.DataFrame:
    """The bottom-k sketch (sorted u64 hashes of word 5-shingles) of each article's text.

    Examples
    --------
    >>> short = pl.DataFrame({"article_id": ["a"], "text": ["One two three."]})
    >>> sketches(short)["sketch"].list.len().item()  # shorter than a shingle: one, the whole
    1
    """
    n = pl.col("w").list.len().cast(pl.Int64())  # signed: n - 5 may be < 0
    words = (
        articles.select(
            "article_id", pl.col("text").str.to_lowercase().str.extract_all(r"\w+").alias("w")
        )
        .filter(n > 0)
        .with_columns(n.alias("n"), pl.int_ranges(n).alias("i"))
    )
    # Shifts over the whole column rather than windows per article: a shingle starting at
    # word i <= n - 5 lies inside its article, so no masks are needed, and the shingles that
    # run past an article's end (its last four words) are dropped once hashed.
    full = (
        words.lazy()
        .filter(pl.col("n") >= SHINGLE_WORDS)
        .explode("w", "i")
        .select(
            "article_id",
            _shingles(pl.col("w"), None).hash(seed=7).alias("h"),
            (pl.col("i") <= pl.col("n") - SHINGLE_WORDS).alias("whole"),
        )
        .filter("whole")
        .drop("whole")
    )
    # Short texts have no full shingle; their whole word sequence is one, masked by id as the
    # sketch always was: an identical copy less than five words on still adds its words. The
    # four articles after a short one hold every word its shingle can reach.
    short = pl.col("n") < SHINGLE_WORDS
    near = pl.any_horizontal(short.shift(i).fill_null(value=False) for i in range(SHINGLE_WORDS))
    short_shingles = (
        words.lazy()
        .filter(near)
        .explode("w", "i")
        .select(
            "article_id",
            _shingles(pl.col("w"), pl.col("article_id")).hash(seed=7).alias("h"),
            (short & (pl.col("i") == 0)).alias("first"),
        )
        .filter("first")
        .drop("first")
    )
    return (
        pl.concat([full, short_shingles])
        .group_by("article_id")
        .agg(
            pl.col("h").unique().bottom_k(k).sort().alias("sketch"),
            pl.col("h").n_unique().cast(pl.UInt32()).alias("shingles"),
        )
        .collect()
    )


def _shingles(words: pl.Expr, key: pl.Expr | None) -> pl.Expr:
    # Each word joined with the next four, those with the same ``key`` when one is given.
    following = [
        words.shift(-i) if key is None else pl.when(key.shift(-i) == key).then(words.shift(-i))
        for i in range(SHINGLE_WORDS)
    ]
    return pl.concat_str(following, separator=" ", ignore_nulls=True)


def similar_pairs(
    sketch: pl.DataFrame,
    *,
    threshold: float,
    story_threshold: float | None = None,
    k: int = SKETCH_SIZE,
) -> pl.DataFrame:
    """Pairs ``a < b`` (row numbers of ``sketch``) of near-copies, estimated Jaccard similarity
    >= ``threshold``, and, given ``story_threshold``, of one story: containment of the shorter
    text in the longer >= it.

    Candidates come from :mod:`framescope.ingest.candidates` in memory linear in the corpus.
    A story pair needs :data:`MIN_STORY_SHINGLES` in the shorter text: a stub page or a slogan
    is contained in every page that carries it without being the same story.

    Examples
    --------
    >>> words = " ".join(f"w{i}" for i in range(100))
    >>> frame = pl.DataFrame({"article_id": ["a", "b", "c"],
    ...                       "text": [words, words + " more words here", "other text"]})
    >>> similar_pairs(sketches(frame).sort("article_id"), threshold=0.8).select("a", "b").rows()
    [(0, 1)]
    """
    matrix = candidates.sketch_matrix(sketch["sketch"], k=k)
    shingles = sketch["shingles"].to_numpy().astype(np.float64)
    keys = candidates.pair_keys(matrix, sketch["sketch"].list.len().to_numpy())
    found = [pl.DataFrame(schema=_PAIR_SCHEMA)]
    for chunk in candidates.candidate_pairs(keys):
        a, b = chunk["a"].to_numpy(), chunk["b"].to_numpy()
        similarity = candidates.jaccard(matrix, a, b)
        contained = candidates.containment(similarity, shingles[a], shingles[b])
        keep = similarity >= threshold
        if story_threshold is not None:
            long_enough = np.minimum(shingles[a], shingles[b]) >= MIN_STORY_SHINGLES
            keep |= (contained >= story_threshold) & long_enough
        columns = {"a": a, "b": b, "similarity": similarity, "containment": contained}
        found.append(pl.DataFrame({n: v[keep] for n, v in columns.items()}, schema=_PAIR_SCHEMA))
    return pl.concat(found).sort("a", "b")


def _groups(pairs: pl.DataFrame, n: int) -> np.ndarray:
    """Connected components of ``n`` items joined by ``pairs`` (a, b): a label per item."""
    graph = sparse.coo_matrix(
        (np.ones(pairs.height, dtype=np.int8), (pairs["a"].to_numpy(), pairs["b"].to_numpy())),
        shape=(n, n),
    )
    return connected_components(graph, directed=False)[1]


def mark_copies(
    articles: pl.DataFrame,
    *,
    threshold: float,
    story_threshold: float,
    sketch: pl.DataFrame | None = None,
) -> pl.DataFrame:
    """Add ``duplicate_of`` (near-copies) and ``syndicated_from`` (one story) to ``articles``.

    Each points to the earliest article of its group, null for that article and for articles
    in no group. Earliest means first published (unknown dates last), then first by path, so
    the copy that most likely came first stays in counts and reposts point to it. A near-copy
    is always part of its story too. ``sketch`` (from :func:`sketches`) may be computed
    elsewhere, e.g. on the workers of a cluster; then ``articles`` needs only ``article_id``,
    ``published`` and ``path``.

    Examples
    --------
    >>> words = " ".join(f"w{i}" for i in range(100))
    >>> frame = pl.DataFrame({"article_id": ["a", "b"], "path": ["1", "2"],
    ...     "published": [None, None], "text": [words, words + " more words"]})
    >>> mark_copies(frame, threshold=0.8, story_threshold=0.7)["duplicate_of"].to_list()
    [None, 'a']
    """
    if sketch is None:
        sketch = sketches(articles)
    ordered = (
        articles.select("article_id", "published", "path")
        .with_row_index("_row")
        .sort("published", "path", nulls_last=True)
    )
    sketch = ordered.join(
        sketch.unique("article_id"), on="article_id", how="left", maintain_order="left"
    ).with_columns(
        pl.col("sketch").fill_null(pl.lit([], pl.List(pl.UInt64()))),
        pl.col("shingles").fill_null(0),
    )
    pairs = similar_pairs(sketch, threshold=threshold, story_threshold=story_threshold)
    near = _groups(pairs.filter(pl.col("similarity") >= threshold), ordered.height)
    story = _groups(pairs, ordered.height)
    heads = ordered.select(
        "_row",
        _earliest(near, ordered["article_id"]).alias("duplicate_of"),
        _earliest(story, ordered["article_id"]).alias("syndicated_from"),
    ).sort("_row")
    return articles.drop("duplicate_of", "syndicated_from", strict=False).with_columns(
        heads["duplicate_of"], heads["syndicated_from"]
    )


def _earliest(group: np.ndarray, ids: pl.Series) -> pl.Series:
    """The id of the first row of each row's group, null for that first row itself."""
    first = np.unique(group, return_index=True)[1]  # groups are numbered 0, 1, ...
    head = first[group]
    return ids.gather(head).set(pl.Series(head == np.arange(len(group))), None)
