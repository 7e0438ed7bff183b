import polars as pl
from polars.testing import assert_frame_equal

from framescope.rules import spans


def test_before_and_after_are_bounded_windows() -> None:
    text = "x" * 300 + "war" + "y" * 300
    frame = pl.DataFrame({"text": [text]})
    result = frame.select(
        spans.before(pl.lit(300)).alias("before"), spans.after(pl.lit(303)).alias("after")
    )
    expected = pl.DataFrame({"before": ["x" * spans.CONTEXT_CHARS], "after": ["y" * 250]})
    assert_frame_equal(result, expected)


def test_in_sentence_sets_rows_beside_their_sentence() -> None:
    sentences = pl.LazyFrame(
        {"article_id": ["a", "a"], "sentence_idx": [0, 1], "start": [0, 10], "text": ["A.", "B."]}
    )
    rows = pl.LazyFrame({"article_id": ["a", "a", "a"], "sentence_idx": [1, 1, 0], "n": [3, 1, 2]})
    # Sentences may come in any order; a sentence's rows keep theirs.
    result = spans.in_sentence(rows, sentences).collect().sort("sentence_idx", maintain_order=True)
    expected = pl.DataFrame(
        {
            "article_id": ["a", "a", "a"],
            "sentence_idx": [0, 1, 1],
            "n": [2, 3, 1],
            "_sentence_start": [0, 10, 10],
            "text": ["A.", "B.", "B."],
        }
    )
    assert_frame_equal(result, expected)


def test_sentence_frame_types_the_keys() -> None:
    sentences = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0], "text": ["A."], "x": [1]})
    result = spans.sentence_frame(sentences).collect()
    expected = pl.DataFrame(
        {"article_id": ["a"], "sentence_idx": [0], "text": ["A."]},
        schema={"article_id": pl.String, "sentence_idx": pl.Int32, "text": pl.String},
    )
    assert_frame_equal(result, expected)


def test_texts_frame_numbers_texts_as_one_article() -> None:
    result = spans.texts_frame(pl.Series(["A.", None]))
    expected = pl.DataFrame(
        {"article_id": ["", ""], "sentence_idx": [0, 1], "text": ["A.", None]},
        schema={"article_id": pl.String, "sentence_idx": pl.Int32, "text": pl.String},
    )
    assert_frame_equal(result, expected)
