"""Pairs of articles worth comparing, and their similarity, in memory linear in the corpus.

Each article's sketch (bottom-k MinHash, see :func:`framescope.ingest.dedupe.sketches`) gives it
one key per pair of its :data:`HEAD` smallest hashes: two articles sharing a key share two of
their smallest hashes, the candidate rule the corpus-wide self-join used to apply. Articles
sharing a key form a bucket. A bucket of at most :data:`BUCKET_CAP` articles yields all its
pairs; a larger one (a phrase, boilerplate or a stub page shared by thousands) links each member
to the bucket's first member only, so pairs grow with the bucket, never with its square. Pairs
are made and checked a chunk of first members at a time, so no pair table outgrows
:data:`CHUNK_PAIRS` whatever the corpus repeats.

The similarity is the bottom-k estimate of Jaccard similarity (Broder 1997): of the ``k``
smallest hashes of the union of two sketches, the share found in both. Containment of the
shorter article in the longer follows from it and the articles' shingle counts.
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator

import numpy as np
import polars as pl

HEAD = 12
"""Hashes per article whose pairs are keys. Two articles share two of their 12 smallest
hashes with probability 0.98 at Jaccard 0.4 (Binomial(12, J) >= 2): syndicated copies that an
outlet trimmed (containment 0.7 of the shorter in a text 1.4 times longer is J 0.41)."""

BUCKET_CAP = 32
"""Buckets up to this size give every pair; larger ones link members to their first one."""

CHUNK_PAIRS = 2_000_000
"""Pair rows made at once before they are checked; bounds the memory of the pair step."""

_CHECK_PAIRS = 100_000  # pairs compared at once: a (pairs x 2k) u64 matrix is sorted
_PAD = np.iinfo(np.uint64).max  # fills sketches shorter than k; never counted
_GOLDEN = np.uint64(0x9E3779B97F4A7C15)


def sketch_matrix(sketch: pl.Series, *, k: int) -> np.ndarray:
    """Sketches (sorted u64 lists of at most ``k``) as rows of a matrix padded with 2**64 - 1.

    Examples
    --------
    >>> sketch_matrix(pl.Series([[1, 2], [3]], dtype=pl.List(pl.UInt64)), k=2).tolist()
    [[1, 2], [3, 18446744073709551615]]
    """
    # In a frame, so that the one-row padding literal broadcasts: Series.list.concat takes
    # only Series, which would repeat the padding for every row.
    pad = pl.lit([int(_PAD)] * k, pl.List(pl.UInt64()))
    padded = sketch.to_frame("s").select(pl.col("s").list.concat(pad).list.head(k)).to_series()
    return padded.explode().to_numpy().astype(np.uint64).reshape(len(sketch), k)


def pair_keys(matrix: np.ndarray, lengths: np.ndarray) -> pl.DataFrame:
    """One key per pair of each row's first :data:`HEAD` hashes (a lone hash pairs with itself),
    in row order.

    Examples
    --------
    >>> m = np.array([[5, 7, 9], [5, 7, 8]], dtype=np.uint64)
    >>> keys = pair_keys(m, np.array([3, 3]))
    >>> keys.group_by("key").len().filter(pl.col("len") == 2).height  # they share (5, 7)
    1
    """
    head = min(HEAD, matrix.shape[1])
    combos = [(i, j) for i, j in itertools.combinations(range(head), 2)] or [(0, 0)]
    first = np.array([i for i, _ in combos])
    second = np.array([j for _, j in combos])
    # The hashes are uniform already, so one multiply-add (mod 2**64) keys a pair: two
    # different pairs collide with probability about 2**-64.
    with np.errstate(over="ignore"):
        keys = matrix[:, first] * _GOLDEN + matrix[:, second]
        single = lengths == 1
        keys[single, 0] = matrix[single, 0] * _GOLDEN + matrix[single, 0]
    valid = (second[None, :] < lengths[:, None]) | (single[:, None] & (np.arange(len(combos)) == 0))
    rows, columns = np.nonzero(valid)
    return pl.DataFrame(
        {"key": keys[rows, columns], "idx": rows.astype(np.uint32)},
        schema={"key": pl.UInt64(), "idx": pl.UInt32()},
    )


def candidate_pairs(keys: pl.DataFrame) -> Iterator[pl.DataFrame]:
    """Distinct pairs ``a < b`` (row numbers) sharing a key, a chunk of ``a`` at a time.

    Every pair of a bucket of at most :data:`BUCKET_CAP`; in a larger bucket each member with
    the smallest member. A pair is in exactly one chunk; no chunk makes more than
    :data:`CHUNK_PAIRS` pair rows (or one first member's, if it alone makes more).

    Examples
    --------
    >>> keys = pl.DataFrame({"key": [1, 1, 1, 2], "idx": [0, 1, 2, 3]},
    ...                     schema={"key": pl.UInt64, "idx": pl.UInt32})
    >>> sorted(pl.concat(candidate_pairs(keys)).rows())
    [(0, 1), (0, 2), (1, 2)]
    """
    # Sorted, a bucket is a run of one key: its size and first member come from run bounds.
    # ``keys`` come in member order, so a stable sort on the key keeps members in order.
    ordered = keys.sort("key", maintain_order=True)
    key, idx = ordered["key"].to_numpy(), ordered["idx"].to_numpy()
    repeat = key[1:] == key[:-1]
    shared = np.zeros(len(key), dtype=bool)
    shared[1:] |= repeat
    shared[:-1] |= repeat
    key, idx, starts = key[shared], idx[shared], ~np.concatenate([[False], repeat])[shared]
    run = np.cumsum(starts) - 1
    buckets = pl.DataFrame(
        {
            "key": key,
            "idx": idx,
            "size": np.bincount(run)[run].astype(np.uint32),
            "first": idx[starts][run],
        }
    )
    small = buckets.filter(pl.col("size") <= BUCKET_CAP).select("key", "idx", "size")
    big = buckets.filter(pl.col("size") > BUCKET_CAP, pl.col("idx") != pl.col("first")).select(
        a="first", b="idx"
    )
    # Rows each first member makes: its place in small buckets (at most size - 1 partners
    # each) and its links in big ones. Chunks are cut on the running total.
    cost = pl.concat(
        [
            small.select(pl.col("idx").alias("a"), (pl.col("size") - 1).alias("n")),
            big.group_by("a").len("n").select("a", pl.col("n").cast(pl.UInt32())),
        ],
        how="vertical_relaxed",
    )
    per_member = cost.group_by("a").agg(pl.col("n").sum()).sort("a")
    chunk = (per_member["n"].cast(pl.UInt64()).cum_sum() // CHUNK_PAIRS).alias("chunk")
    bounds = per_member.with_columns(chunk).group_by("chunk").agg(pl.col("a").max()).sort("chunk")
    low = 0
    for high in bounds["a"]:
        inside = pl.col("idx").is_between(low, high)
        left = small.filter(inside).select("key", a="idx")
        joined = left.join(small.select("key", b="idx"), on="key").filter(pl.col("a") < pl.col("b"))
        linked = big.filter(pl.col("a").is_between(low, high))
        yield pl.concat([joined.select("a", "b"), linked]).unique()
        low = high + 1


def jaccard(matrix: np.ndarray, a: np.ndarray, b: np.ndarray) -> np.ndarray:
    """The bottom-k estimate of Jaccard similarity for the row pairs ``(a[i], b[i])``.

    Of the ``k`` smallest hashes of the union of two sketches, the share present in both.

    Examples
    --------
    >>> m = np.array([[1, 2, 3, 4], [2, 3, 4, 5]], dtype=np.uint64)
    >>> jaccard(m, np.array([0]), np.array([1])).tolist()  # union's 4 smallest: 1 2 3 4
    [0.75]
    """
    k = matrix.shape[1]
    result = np.empty(len(a), dtype=np.float64)
    for start in range(0, len(a), _CHECK_PAIRS):
        part = slice(start, start + _CHECK_PAIRS)
        merged = np.sort(np.concatenate([matrix[a[part]], matrix[b[part]]], axis=1), axis=1)
        # A sketch holds each hash once, so a hash in both sketches is a run of two.
        repeat = merged[:, 1:] == merged[:, :-1]
        new = np.ones_like(merged, dtype=bool)
        new[:, 1:] = ~repeat
        new &= merged != _PAD
        in_union = new & (np.cumsum(new, axis=1, dtype=np.int16) <= k)
        in_both = in_union[:, :-1] & repeat
        size = np.minimum(new.sum(axis=1), k)
        result[part] = in_both.sum(axis=1) / np.maximum(size, 1)
    return result


def containment(similarity: np.ndarray, n_a: np.ndarray, n_b: np.ndarray) -> np.ndarray:
    """Share of the shorter text's shingles found in the longer, from Jaccard ``J`` and sizes:
    the intersection is ``J (n_a + n_b) / (1 + J)``.

    Examples
    --------
    >>> containment(np.array([0.5]), np.array([100]), np.array([200])).round(3).tolist()
    [1.0]
    """
    shared = similarity * (n_a + n_b) / (1 + similarity)
    return np.minimum(shared / np.maximum(np.minimum(n_a, n_b), 1), 1.0)
