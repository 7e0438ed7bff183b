"""Column helpers shared by the scorers, the tone aggregates and validation.

Examples
--------
>>> codes, distinct = distinct_values(pl.Series(["b", "a", "b"]))
>>> distinct.gather(codes).to_list()
['b', 'a', 'b']
"""

from __future__ import annotations

import functools
import re
import sys
from collections.abc import Callable, Iterable, Sequence
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import numpy.typing as npt
import polars as pl

Ints = npt.NDArray[np.int64]
Floats = npt.NDArray[np.float64]
Bools = npt.NDArray[np.bool_]


def require_columns(frame: pl.DataFrame, columns: Sequence[str], what: str) -> None:
    """Raise a ValueError naming the columns of ``columns`` that ``frame`` lacks.

    Examples
    --------
    >>> require_columns(pl.DataFrame({"text": ["a"]}), ["text"], "sentences")
    """
    missing = [column for column in columns if column not in frame.columns]
    if missing:
        msg = f"{what} has no column {', '.join(map(repr, missing))}; columns: {frame.columns}"
        raise ValueError(msg)


def check_texts(texts: pl.Series, batch_size: int) -> pl.Series:
    """``texts`` as a String series (an all-null series becomes one), or a clear error.

    Examples
    --------
    >>> check_texts(pl.Series([None]), batch_size=10).dtype
    String
    """
    if batch_size < 1:
        msg = f"batch_size must be at least 1, got {batch_size!r}"
        raise ValueError(msg)
    if texts.dtype == pl.Null:
        texts = texts.cast(pl.String)
    if texts.dtype != pl.String:
        msg = f"texts must be a String series, got dtype {texts.dtype}"
        raise TypeError(msg)
    return texts


def in_batches(
    texts: pl.Series,
    score: Callable[[pl.Series], dict[str, Floats]],
    names: Iterable[str],
    batch_size: int,
) -> pl.DataFrame:
    """``score`` over ``texts`` a batch at a time, batches side by side on polars' threads:
    one Float64 column per name, one row per text in order, null for a null text.

    Batches bound the memory (a few hundred bytes per token) whatever the corpus size; most of
    a batch's work runs on one core. ``score`` gets non-null texts and never gives NaN, so NaN
    marks exactly the null texts. Warm any cache ``score`` shares before calling.

    Examples
    --------
    >>> lengths = lambda batch: {"n": batch.str.len_chars().cast(pl.Float64).to_numpy()}
    >>> in_batches(pl.Series(["ab", None, "c"]), lengths, ["n"], batch_size=1)["n"].to_list()
    [2.0, None, 1.0]
    """
    texts = check_texts(texts, batch_size)
    columns = {name: np.full(len(texts), np.nan) for name in names}
    present = np.flatnonzero(texts.is_not_null().to_numpy())
    texts = texts.drop_nulls()
    starts = range(0, len(texts), batch_size)
    batches = (texts.slice(start, batch_size).rechunk() for start in starts)
    with ThreadPoolExecutor(max(1, min(pl.thread_pool_size(), len(starts)))) as pool:
        for start, result in zip(starts, pool.map(score, batches), strict=True):
            for name, values in result.items():
                columns[name][present[start : start + batch_size]] = values
    return pl.DataFrame(
        [pl.Series(name, values, nan_to_null=True) for name, values in columns.items()]
    )


def distinct_values(values: pl.Series) -> tuple[npt.NDArray[np.uint32], pl.Series]:
    """Each value's number, and the distinct values in number order.

    ``distinct[code]`` is ``values``, so string work can run once per distinct value. A private
    categorical numbers them.

    Examples
    --------
    >>> distinct_values(pl.Series(["x", "y", "x"]))[0].tolist()
    [0, 1, 0]
    """
    categories = pl.Categories.random()
    categorical = values.cast(pl.Categorical(categories))
    # Read while `categorical` is alive: the categories live only as long as a column uses them.
    distinct = categories.to_series().alias(values.name)
    return categorical.to_physical().to_numpy(), distinct


@functools.cache
def whitespace() -> str:
    """Every character ``str.isspace()`` holds for, in this Python's Unicode version.

    Examples
    --------
    >>> whitespace()[:5] == "\\t\\n\\x0b\\x0c\\r"
    True
    """
    # One regex pass over all code points: re's \s is str.isspace() (Py_UNICODE_ISSPACE), and
    # decoding one buffer is much cheaper than a million chr() calls.
    everything = np.arange(sys.maxunicode + 1, dtype="<u4").tobytes()
    return "".join(re.findall(r"\s", everything.decode("utf-32-le", "surrogatepass")))


def char_class(chars: Iterable[str]) -> str:
    r"""A regex character class matching any of ``chars`` (at least one), as code point ranges.

    Examples
    --------
    >>> print(char_class("cab "))
    [\x{20}\x{61}-\x{63}]
    """
    codes = np.array(sorted({ord(char) for char in chars}), np.int64)
    breaks = np.flatnonzero(np.diff(codes) != 1)
    starts = np.r_[codes[0], codes[breaks + 1]]
    ends = np.r_[codes[breaks], codes[-1]]
    ranges = "".join(
        f"\\x{{{start:x}}}" if start == end else f"\\x{{{start:x}}}-\\x{{{end:x}}}"
        for start, end in zip(starts, ends, strict=True)
    )
    return f"[{ranges}]"
