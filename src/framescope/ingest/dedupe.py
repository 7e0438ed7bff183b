"""Article identity: stable ids, exact duplicates kept once, near-duplicates marked.

Near-duplicates are found with a bottom-k MinHash sketch of word 5-shingles, computed with
polars expressions so it scales with the corpus: each article keeps the ``k`` smallest
shingle hashes; articles sharing one of their few smallest hashes become candidate pairs; a
pair is a near-duplicate when the sketch estimate of their Jaccard similarity (Broder 1997)
reaches the threshold. Each cluster points to its earliest article.
"""

from __future__ import annotations

import hashlib

import polars as pl

from framescope.ingest.records import reject

SHINGLE_WORDS = 5
SKETCH_SIZE = 64
_CANDIDATE_KEYS = 8  # two articles at J >= 0.8 share two of their 8 smallest hashes almost surely
_SHARED_KEYS = 2


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


def drop_exact_duplicates(articles: pl.DataFrame) -> tuple[pl.DataFrame, list[dict[str, str]]]:
    """Keep the first article (by path) of each ``article_id``; the others become rejects."""
    ordered = articles.sort("path")
    first = ordered.unique("article_id", keep="first", maintain_order=True)
    kept_path = dict(zip(first["article_id"], first["path"], strict=True))
    dropped = ordered.filter(pl.int_range(pl.len()).over("article_id") > 0)
    rejects = [
        reject(
            path,
            "duplicate",
            f"same source and text as {kept_path[article_id]} (article {article_id}); kept once",
        )
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
        .agg(pl.col("h").unique().bottom_k(k).sort().alias("sketch"))
        .collect()
    )


def _shingles(words: pl.Expr, key: pl.Expr | None) -> pl.Expr:
    # Each word joined with the next four, those with the same ``key`` when one is given.
    following = [
        words.shift(-i) if key is None else pl.when(key.shift(-i) == key).then(words.shift(-i))
        for i in range(SHINGLE_WORDS)
    ]
    return pl.concat_str(following, separator=" ", ignore_nulls=True)


def near_duplicate_pairs(
    sketch: pl.DataFrame, *, threshold: float, k: int = SKETCH_SIZE
) -> pl.DataFrame:
    """Pairs ``a < b`` whose estimated Jaccard similarity is at least ``threshold``.

    Candidates share two of their few smallest hashes (one, for a text with a single
    shingle). At J >= 0.8 a true pair fails that with probability about 2e-5, while pairs
    that merely share one common phrase, which grow with the square of the articles using
    it, drop out: on 100,000 synthetic articles, 1.8 M candidates became 9,818.
    """
    heads = sketch.select(
        "article_id",
        pl.col("sketch").list.head(_CANDIDATE_KEYS),
        pl.min_horizontal(pl.col("sketch").list.len(), _SHARED_KEYS).alias("need"),
    )
    keys = heads.explode("sketch")
    pairs = (
        keys.join(keys, on="sketch", suffix="_b")
        .filter(pl.col("article_id") < pl.col("article_id_b"))
        .group_by(a="article_id", b="article_id_b")
        .agg(pl.len().alias("shared"), pl.min_horizontal("need", "need_b").first())
        .filter(pl.col("shared") >= pl.col("need"))
        .select("a", "b")
    )
    both = pairs.join(sketch, left_on="a", right_on="article_id").join(
        sketch, left_on="b", right_on="article_id", suffix="_b"
    )
    union = pl.concat_list("sketch", "sketch_b").list.unique().list.sort().list.head(k)
    shared = union.list.set_intersection("sketch").list.set_intersection("sketch_b").list.len()
    return both.select("a", "b", (shared / union.list.len()).alias("similarity")).filter(
        pl.col("similarity") >= threshold
    )


def _clusters(pairs: pl.DataFrame) -> dict[str, str]:
    parent: dict[str, str] = {}

    def root(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b in pairs.select("a", "b").iter_rows():
        parent[root(a)] = root(b)
    return {x: root(x) for x in parent}


def mark_near_duplicates(
    articles: pl.DataFrame, *, threshold: float, sketch: pl.DataFrame | None = None
) -> pl.DataFrame:
    """Add ``duplicate_of``: the earliest article of its near-duplicate cluster, else null.

    Earliest means first published (unknown dates last), then first by path, so the copy
    that most likely came first stays in counts and reposts point to it. ``sketch`` (from
    :func:`sketches`) may be computed elsewhere, e.g. on the workers of a cluster; then
    ``articles`` needs only ``article_id``, ``published`` and ``path``.
    """
    if sketch is None:
        sketch = sketches(articles)
    sketch = sketch.unique("article_id").join(articles.select("article_id"), on="article_id")
    pairs = near_duplicate_pairs(sketch, threshold=threshold)
    cluster = _clusters(pairs)
    if not cluster:
        return articles.with_columns(pl.lit(None, pl.String()).alias("duplicate_of"))
    members = pl.DataFrame(
        {"article_id": list(cluster), "_cluster": list(cluster.values())},
        schema={"article_id": pl.String(), "_cluster": pl.String()},
    )
    heads = (
        articles.join(members, on="article_id")
        .sort("published", "path", nulls_last=True)
        .group_by("_cluster", maintain_order=True)
        .agg(pl.col("article_id").first().alias("_head"))
    )
    return (
        articles.join(members, on="article_id", how="left", maintain_order="left")
        .join(heads, on="_cluster", how="left", maintain_order="left")
        .with_columns(
            pl.when(pl.col("_head") != pl.col("article_id"))
            .then(pl.col("_head"))
            .alias("duplicate_of")
        )
        .drop("_cluster", "_head")
    )
