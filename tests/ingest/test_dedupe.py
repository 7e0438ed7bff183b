import random
from datetime import date

import polars as pl
from polars.testing import assert_frame_equal

from framescope.ingest import candidates, dedupe
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


def _mark(articles: pl.DataFrame) -> pl.DataFrame:
    return dedupe.mark_copies(articles, threshold=0.8, story_threshold=0.7)


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
    result = _mark(articles)["duplicate_of"].to_list()
    assert result == ["id1", None, None]


def test_unrelated_and_short_texts_are_not_duplicates():
    articles = _articles(["Xi visits Moscow.", "Putin meets Xi.", "", seed_path("004").read_text()])
    result = _mark(articles)["duplicate_of"].to_list()
    assert result == [None, None, None, None]


def test_short_identical_texts_are_near_duplicates():
    articles = _articles(["Xi lands in Moscow", "Xi lands in Moscow"])
    result = _mark(articles)["duplicate_of"].to_list()
    assert result == [None, "id0"]


def test_similarity_estimate_tracks_true_jaccard():
    words = [f"w{i}" for i in range(400)]
    a = " ".join(words)
    b = " ".join(words[:300] + [f"x{i}" for i in range(100)])  # 296 of 496 shingles shared
    pairs = dedupe.similar_pairs(dedupe.sketches(_articles([a, b])), threshold=0.0)
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


def _old_near_duplicate_pairs(sketch: pl.DataFrame, threshold: float) -> set[tuple[str, str]]:
    """The rule before issue 12, kept as the reference: every pair sharing two of the 8
    smallest hashes (a self-join on them), checked on the whole sketches."""
    heads = sketch.select(
        "article_id",
        pl.col("sketch").list.head(8),
        pl.min_horizontal(pl.col("sketch").list.len(), 2).alias("need"),
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
    union = pl.concat_list("sketch", "sketch_b").list.unique().list.sort().list.head(64)
    shared = union.list.set_intersection("sketch").list.set_intersection("sketch_b").list.len()
    found = both.filter(shared / union.list.len() >= threshold)
    return set(found.select("a", "b").iter_rows())


def _corpus(n: int, *, copies: int, seed: int = 0) -> pl.DataFrame:
    """``n`` distinct texts of seed words in random order, then ``copies`` edited copies."""
    rng = random.Random(seed)
    words = " ".join(seed_path(s).read_text(encoding="utf-8") for s in ("000", "001")).split()
    texts = [" ".join(rng.sample(words, rng.randint(40, 300))) for _ in range(n)]
    for _ in range(copies):
        copy = rng.choice(texts).split()
        copy = copy[: int(len(copy) * rng.choice([1.0, 0.95, 0.8, 0.7]))]
        for _ in range(int(len(copy) * rng.choice([0.0, 0.01, 0.03]))):
            copy[rng.randrange(len(copy))] = "edited"
        texts.append(" ".join(copy))
    return _articles(texts)


def test_near_duplicates_are_those_of_the_old_rule():
    articles = _corpus(600, copies=200)
    sketch = dedupe.sketches(articles).sort("article_id")
    pairs = dedupe.similar_pairs(sketch, threshold=0.8)
    ids = sketch["article_id"]
    result = {(ids[a], ids[b]) for a, b in pairs.select("a", "b").iter_rows()}
    expected = _old_near_duplicate_pairs(sketch, 0.8)
    assert len(expected) > 50
    assert result == expected


def test_trimmed_copies_carry_the_story_without_being_near_duplicates():
    base = seed_path("003").read_text(encoding="utf-8")
    paragraphs = base.split("\n\n")
    trimmed = "\n\n".join(paragraphs[: len(paragraphs) // 2])  # the first half only
    other = seed_path("001").read_text(encoding="utf-8")
    articles = _articles([trimmed, base, other], published=[date(2023, 3, 18), None, None])
    result = _mark(articles).select("duplicate_of", "syndicated_from")
    expected = pl.DataFrame(
        {"duplicate_of": [None, None, None], "syndicated_from": [None, "id0", None]},
        schema={"duplicate_of": pl.String(), "syndicated_from": pl.String()},
    )
    assert_frame_equal(result, expected)


def test_a_near_duplicate_is_part_of_its_story():
    base = seed_path("002").read_text(encoding="utf-8")
    articles = _articles([base, base.replace("Moscow", "the Russian capital", 1)])
    result = _mark(articles).select("duplicate_of", "syndicated_from").rows()
    assert result == [(None, None), ("id0", "id0")]


def test_a_short_stub_inside_pages_is_not_their_story():
    stub = "Please enable JavaScript and cookies to continue reading this page."
    pages = [f"{seed_path(s).read_text(encoding='utf-8')}\n{stub}" for s in ("000", "001")]
    result = _mark(_articles([stub, *pages]))["syndicated_from"].to_list()
    assert result == [None, None, None]


def test_a_pathological_bucket_stays_linear(monkeypatch):
    # 3,000 articles that share one 60-word phrase, and 2,000 identical stub pages: the old
    # self-join made ~9 million pairs of them.
    rng = random.Random(1)
    phrase = " ".join(f"shared{i}" for i in range(60))
    texts = [f"{phrase} " + " ".join(f"w{rng.random()}" for _ in range(20)) for _ in range(3000)]
    texts += ["Subscribe to continue reading."] * 2000
    sketch = dedupe.sketches(_articles(texts)).sort("article_id")
    monkeypatch.setattr(candidates, "CHUNK_PAIRS", 20_000)
    keys = candidates.pair_keys(
        candidates.sketch_matrix(sketch["sketch"], k=64), sketch["sketch"].list.len().to_numpy()
    )
    chunks = list(candidates.candidate_pairs(keys))
    assert max(chunk.height for chunk in chunks) <= 20_000 + candidates.BUCKET_CAP * keys.height
    assert sum(chunk.height for chunk in chunks) <= candidates.BUCKET_CAP * keys.height
    marked = _mark(_articles(texts))
    result = marked.group_by(pl.col("duplicate_of").is_not_null()).len().sort("duplicate_of")
    assert result["len"].to_list() == [3001, 1999]  # the stubs point to the first stub
