from datetime import date

import polars as pl

from framescope.ingest import dedupe
from tests.conftest import seed_path


def _articles(texts: list[str], published: list[date | None] | None = None) -> pl.DataFrame:
    n = len(texts)
    return pl.DataFrame(
        {
            "article_id": [f"id{i}" for i in range(n)],
            "path": [f"p{i}" for i in range(n)],
            "published": published or [None] * n,
            "text": texts,
        },
        schema_overrides={"published": pl.Date()},
    )


def test_content_ids_are_stable_and_source_aware():
    result = dedupe.content_ids(pl.Series(["A", "A", "B"]), pl.Series(["x", "x", "x"])).to_list()
    assert result[0] == result[1] != result[2]
    assert result[0] == dedupe.content_ids(pl.Series(["A"]), pl.Series(["x"])).item()
    assert len(result[0]) == 16


def test_drop_exact_duplicates_keeps_first_by_path():
    articles = pl.DataFrame({"article_id": ["x", "y", "x"], "path": ["b.txt", "c.txt", "a.txt"]})
    kept, rejects = dedupe.drop_exact_duplicates(articles)
    assert kept["path"].to_list() == ["a.txt", "c.txt"]
    assert [(r["path"], r["reason"]) for r in rejects] == [("b.txt", "duplicate")]
    assert "a.txt" in rejects[0]["detail"]


def test_near_duplicates_point_to_the_earliest_copy():
    base = seed_path("003").read_text(encoding="utf-8")
    other = seed_path("001").read_text(encoding="utf-8")
    repost = base.replace("this Friday", "on Friday") + "\nReposted with permission."
    articles = _articles(
        [repost, base, other], published=[date(2023, 3, 18), date(2023, 3, 17), None]
    )
    result = dedupe.mark_near_duplicates(articles, threshold=0.8)["duplicate_of"].to_list()
    assert result == ["id1", None, None]


def test_unrelated_and_short_texts_are_not_duplicates():
    articles = _articles(["Xi visits Moscow.", "Putin meets Xi.", "", seed_path("004").read_text()])
    result = dedupe.mark_near_duplicates(articles, threshold=0.8)["duplicate_of"].to_list()
    assert result == [None, None, None, None]


def test_short_identical_texts_are_near_duplicates():
    articles = _articles(["Xi lands in Moscow", "Xi lands in Moscow"])
    result = dedupe.mark_near_duplicates(articles, threshold=0.8)["duplicate_of"].to_list()
    assert result == [None, "id0"]


def test_similarity_estimate_tracks_true_jaccard():
    words = [f"w{i}" for i in range(400)]
    a = " ".join(words)
    b = " ".join(words[:300] + [f"x{i}" for i in range(100)])  # 296 of 496 shingles shared
    pairs = dedupe.near_duplicate_pairs(dedupe.sketches(_articles([a, b])), threshold=0.0)
    assert abs(pairs["similarity"].item() - 296 / 496) < 0.15


def test_sketch_of_a_short_text_runs_into_an_adjacent_copy():
    # The whole-text shingle of a short text takes words from an identical copy right after
    # it, as the masked shifts always did; kept so that sketches stay the same across versions.
    articles = pl.DataFrame(
        {"article_id": ["a", "a", "b"], "text": ["One two three.", "One two three.", "Four."]}
    )
    result = dedupe.sketches(articles).filter(pl.col("article_id") == "a")["sketch"].item()
    expected = sorted(pl.Series(["one two three one two", "one two three"]).hash(seed=7))
    assert result.to_list() == expected
