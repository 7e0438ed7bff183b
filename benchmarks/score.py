"""How much of what the generator planted a build found: syndicated copies, stub pages and wire
credits, judged from the build's articles table against ``.planted.parquet``.

The measures (the report's Method section says the same):

- An article's *group* is the article its ``syndicated_from`` names (the earliest article
  carrying the same story), or the article itself when that is null. A build without
  ``syndicated_from`` is judged on ``duplicate_of`` (near-copies only) instead.
- A record's *story* is, for a planted copy, the first article of its chain of copies (a copy
  of a copy belongs to its original's original); for a stub page, "stub"; for any other
  record, itself.
- **Recall**: a planted copy is recalled when the build holds it and its story's first
  article in one group.
- **Precision**: of the articles the build marks (the column set) that are not stub pages,
  the share whose group's article carries the same story. For a planted copy grouped under its
  story's first article that is the whole condition; an original grouped under a same-day copy
  of itself also counts as right (which article a tie names first is the build's choice).
  Stub pages are counted apart: stubs grouped with stubs are right.
- **Wire**: a planted credit is found when the copy's ``wire`` names the agency it credits,
  alone or among others ("AFP, TASS"), ignoring case; "Associated Press" and "Agence
  France-Presse" name AP and AFP.
"""

from __future__ import annotations

from dataclasses import dataclass

import polars as pl

MARK_COLUMNS = ("syndicated_from", "duplicate_of")
"""The column a build is judged on: the first of these it has."""
MAX_HOPS = 32
"""A group's article is found by following the column at most this many times (a build that
points at a non-earliest article would otherwise hide its group)."""
_AGENCY_NAMES = {"associated press": "ap", "agence france-presse": "afp"}
_STUB = "stub"


@dataclass(frozen=True)
class Scores:
    """What a build found of what was planted (see the module docstring)."""

    column: str
    records: int
    articles: int
    lost: int
    copies: int
    copies_built: int
    recalled: int
    marked: int
    marked_right: int
    stubs: int
    stubs_built: int
    stubs_marked: int
    stubs_marked_right: int
    credits: int
    credits_found: int | None = None
    wire_unplanted: int | None = None

    @property
    def recall(self) -> float | None:
        """Recalled planted copies over planted copies (None if none were planted)."""
        return self.recalled / self.copies if self.copies else None

    @property
    def precision(self) -> float | None:
        """Rightly marked articles over marked articles, stub pages apart (None if none)."""
        return self.marked_right / self.marked if self.marked else None

    @property
    def wire_recall(self) -> float | None:
        """Planted credits found in ``wire`` over planted credits (None without either)."""
        if self.credits_found is None or not self.credits:
            return None
        return self.credits_found / self.credits


def groups(articles: pl.DataFrame, column: str) -> pl.DataFrame:
    """``article_id`` and the ``group`` article it belongs to, following ``column`` to its end.

    Examples
    --------
    >>> marks = pl.DataFrame({"article_id": ["a", "b", "c"], "m": [None, "a", "b"]})
    >>> groups(marks, "m")["group"].to_list()
    ['a', 'a', 'a']
    """
    step = articles.select(pl.col("article_id").alias("group"), pl.col(column).alias("next"))
    result = articles.select("article_id", pl.coalesce(column, "article_id").alias("group"))
    for _ in range(MAX_HOPS):
        moved = result.join(step, on="group", how="left", maintain_order="left").select(
            "article_id", pl.coalesce("next", "group").alias("group")
        )
        if moved["group"].equals(result["group"]):
            break
        result = moved
    return result


def _agencies(column: str) -> pl.Expr:
    """The agencies a ``wire`` value names (it may name several: "AFP, TASS"), lower-cased."""
    named = pl.col(column).str.to_lowercase().str.split(",")
    return named.list.eval(pl.element().str.strip_chars().replace(_AGENCY_NAMES))


def score(articles: pl.DataFrame, planted: pl.DataFrame, *, records: int) -> Scores:
    """Judge a build's ``articles`` (``article_id``, ``external_id``, ``syndicated_from`` or
    ``duplicate_of``, optionally ``wire``) against the ``planted`` truth of a corpus of
    ``records`` records.

    Examples
    --------
    >>> articles = pl.DataFrame({"article_id": ["A", "B"], "external_id": ["o", "c"],
    ...                          "syndicated_from": [None, "A"]})
    >>> planted = pl.DataFrame({"id": ["c"], "kind": ["copy"], "story": ["o"], "wire": [None]},
    ...                        schema_overrides={"wire": pl.String})
    >>> s = score(articles, planted, records=2)
    >>> s.recall, s.precision
    (1.0, 1.0)
    """
    column = next((c for c in MARK_COLUMNS if c in articles.columns), None)
    if column is None:
        msg = f"the articles table has none of {list(MARK_COLUMNS)}: {articles.columns}"
        raise ValueError(msg)
    truth = planted.select("id", "kind", "story", pl.col("wire").alias("planted_wire"))
    built = (
        articles.rename({"external_id": "id"})
        .join(groups(articles, column), on="article_id", how="left")
        .join(truth, on="id", how="left")
        .with_columns(
            pl.when(pl.col("kind") == _STUB)
            .then(pl.lit(_STUB))
            .otherwise(pl.coalesce("story", "id"))
            .alias("story"),
            (pl.col("kind") == _STUB).fill_null(value=False).alias("stub"),
        )
    )
    heads = built.select(pl.col("article_id").alias("group"), pl.col("story").alias("head_story"))
    marked = built.filter(pl.col(column).is_not_null()).join(heads, on="group", how="left")
    right = pl.col("story") == pl.col("head_story")
    story_groups = built.select(pl.col("id").alias("story"), pl.col("group").alias("story_group"))
    copies = (
        built.filter(pl.col("kind") == "copy")
        .select("story", "group")
        .join(story_groups, on="story", how="left")
    )
    credited = truth.filter(pl.col("planted_wire").is_not_null())
    found = unplanted = None
    if "wire" in built.columns:
        found = (
            credited.join(built.select("id", "wire"), on="id")
            .filter(_agencies("wire").list.contains(_agencies("planted_wire").list.first()))
            .height
        )
        unplanted = built.filter(
            pl.col("wire").is_not_null() & pl.col("planted_wire").is_null()
        ).height
    n_stubs = truth.filter(pl.col("kind") == _STUB).height
    stubs_built = built.filter("stub").height
    return Scores(
        column=column,
        records=records,
        articles=built.height,
        lost=records - n_stubs - (built.height - stubs_built),
        copies=truth.filter(pl.col("kind") == "copy").height,
        copies_built=copies.height,
        recalled=copies.filter(pl.col("group") == pl.col("story_group")).height,
        marked=marked.filter(~pl.col("stub")).height,
        marked_right=marked.filter(~pl.col("stub") & right).height,
        stubs=n_stubs,
        stubs_built=stubs_built,
        stubs_marked=marked.filter("stub").height,
        stubs_marked_right=marked.filter(pl.col("stub") & right).height,
        credits=credited.height,
        credits_found=found,
        wire_unplanted=unplanted,
    )


def describe(planted: pl.DataFrame) -> dict[str, float]:
    """What was planted: counts, and the median, 5th percentile and least of each copy
    measure (``containment``, ``body_containment``, ``jaccard``).

    Examples
    --------
    >>> planted = pl.DataFrame({"id": ["c", "s"], "kind": ["copy", "stub"],
    ...     "original": ["o", None], "story": ["o", None], "wire": ["AP", None],
    ...     "containment": [0.9, None], "body_containment": [1.0, None], "jaccard": [0.7, None]})
    >>> describe(planted)["containment_median"], describe(planted)["stubs"]
    (0.9, 1)
    """
    copies = planted.filter(pl.col("kind") == "copy")
    result: dict[str, float] = {
        "copies": copies.height,
        "copies_of_copies": copies.filter(pl.col("original") != pl.col("story")).height,
        "credited": copies["wire"].is_not_null().sum(),
        "stubs": planted.filter(pl.col("kind") == _STUB).height,
    }
    if copies.is_empty():
        return result
    for key in ("containment", "body_containment", "jaccard"):
        values = copies[key]
        result |= {
            f"{key}_median": float(values.median()),
            f"{key}_p5": float(values.quantile(0.05, interpolation="lower")),
            f"{key}_min": float(values.min()),
        }
    return result
