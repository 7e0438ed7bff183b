"""The articles a per-source comparison counts: :func:`framescope.counting.counted` over an
articles table whose columns are checked first. Shared by the framing comparisons and the
distinctive words, so that every per-source number leaves out the same articles.
"""

from __future__ import annotations

import polars as pl

from framescope.counting import counted


def kept(articles: pl.DataFrame, *, include_duplicates: bool) -> pl.DataFrame:
    """The articles that count, near-duplicates left out unless ``include_duplicates``.

    ``articles`` needs ``article_id`` and ``source``; without ``duplicate_of`` every article
    counts.

    Examples
    --------
    >>> arts = pl.DataFrame({"article_id": ["a", "b"], "source": ["X", "X"],
    ...                      "duplicate_of": [None, "a"]})
    >>> kept(arts, include_duplicates=False)["article_id"].to_list()
    ['a']
    """
    missing = sorted({"article_id", "source"} - set(articles.columns))
    if missing:
        msg = f"articles: missing column(s) {missing}; got {articles.columns}"
        raise ValueError(msg)
    if "duplicate_of" not in articles.columns:
        return articles
    return articles.filter(counted(include_duplicates=include_duplicates))
