"""Which articles count: the one rule behind every count, share and series.

Near-copies (``duplicate_of`` set: the same article reposted, Jaccard >= 0.8) are set aside
by default, as one article run twice. Syndicated articles (``syndicated_from`` set: another
outlet's trimmed or edited run of the same story) count for their outlet by default, because
running wire copy is an editorial choice; ``one_per_story`` counts each story once instead, at
its earliest article.
"""

from __future__ import annotations

import polars as pl


def counted(
    *,
    include_duplicates: bool = False,
    one_per_story: bool = False,
    duplicate: pl.Expr | None = None,
    syndicated: pl.Expr | None = None,
) -> pl.Expr:
    """True for the articles that count, over an articles table's columns.

    ``duplicate`` and ``syndicated`` (default: ``duplicate_of`` and ``syndicated_from`` set) may
    be flags computed earlier, as the dashboard's per-cell counts hold them.

    Examples
    --------
    >>> articles = pl.DataFrame({"article_id": ["a", "b", "c"],
    ...     "duplicate_of": [None, "a", None], "syndicated_from": [None, "a", "a"]})
    >>> articles.filter(counted())["article_id"].to_list()
    ['a', 'c']
    >>> articles.filter(counted(one_per_story=True))["article_id"].to_list()
    ['a']
    """
    duplicate = pl.col("duplicate_of").is_not_null() if duplicate is None else duplicate
    if one_per_story:
        syndicated = pl.col("syndicated_from").is_not_null() if syndicated is None else syndicated
        return ~syndicated & ~duplicate
    if include_duplicates:
        return pl.lit(value=True)
    return ~duplicate


def flags() -> list[pl.Expr]:
    """The two copy flags ``counted`` reads, as columns ``duplicate`` and ``syndicated``.

    Examples
    --------
    >>> articles = pl.DataFrame({"duplicate_of": [None, "a"], "syndicated_from": ["a", "a"]})
    >>> articles.select(flags()).rows()
    [(False, True), (True, True)]
    """
    return [
        pl.col("duplicate_of").is_not_null().alias("duplicate"),
        pl.col("syndicated_from").is_not_null().alias("syndicated"),
    ]


def one_per_story(tables: dict[str, pl.DataFrame]) -> dict[str, pl.DataFrame]:
    """A build's tables (``store.read_all``) with each story counted once: the rows of every
    article set aside by ``counted(one_per_story=True)`` leave every table keyed by article.

    Examples
    --------
    >>> tables = {"articles": pl.DataFrame({"article_id": ["a", "b"], "duplicate_of": [None, None],
    ...     "syndicated_from": [None, "a"]}), "mentions": pl.DataFrame({"article_id": ["a", "b"]})}
    >>> one_per_story(tables)["mentions"]["article_id"].to_list()
    ['a']
    """
    kept = tables["articles"].filter(counted(one_per_story=True)).select("article_id")
    return {
        name: table.join(kept, on="article_id", how="semi") if "article_id" in table else table
        for name, table in tables.items()
    }
