import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope.rules import articles

ARTICLES = pl.DataFrame(
    {"article_id": ["a", "b", "c"], "source": ["X", "X", "Y"], "duplicate_of": [None, "a", None]}
)


def test_kept_leaves_near_duplicates_out_unless_asked() -> None:
    result = articles.kept(ARTICLES, include_duplicates=False)
    assert_frame_equal(result, ARTICLES.filter(pl.col("article_id") != "b"))
    assert_frame_equal(articles.kept(ARTICLES, include_duplicates=True), ARTICLES)
    no_flags = ARTICLES.drop("duplicate_of")
    assert_frame_equal(articles.kept(no_flags, include_duplicates=False), no_flags)


def test_kept_names_missing_columns() -> None:
    with pytest.raises(ValueError, match="'source'"):
        articles.kept(ARTICLES.drop("source"), include_duplicates=False)
