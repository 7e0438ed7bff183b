import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import profile
from framescope.framing import compare
from tests.framing.conftest import make_articles, make_sentences


def test_voice_shares_per_source_with_every_voice() -> None:
    quotes = pl.DataFrame(
        {
            "article_id": ["a", "a", "a", "b", "dup"],
            "voice": ["russian_official", "russian_official", "other", "independent", "other"],
        }
    )
    articles = make_articles([("a", "X", 100, None), ("b", "Y", 100, None), ("dup", "Y", 100, "b")])
    result = compare.voice_shares(quotes, articles, min_n=2).filter(pl.col("n") > 0)
    expected = pl.DataFrame(
        [
            ("X", "other", 1, 3, 1 / 3, False),
            ("X", "russian_official", 2, 3, 2 / 3, False),
            ("Y", "independent", 1, 1, 1.0, True),
        ],
        schema=compare.VOICE_SHARE_SCHEMA,
        orient="row",
    )
    assert_frame_equal(result, expected)
    assert compare.voice_shares(quotes, articles).height == 2 * len(profile.VOICES)


ARTICLES = make_articles(
    [
        ("a1", "X", 1000, None),
        ("a2", "X", 1000, None),
        ("b1", "Y", 500, None),
        ("b2", "Y", 500, "b1"),  # a near-duplicate of b1
        ("c1", "Z", 200, None),
    ]
)
WAR = pl.DataFrame(
    [("a1", 0, "war"), ("a1", 3, "invasion"), ("a2", 1, "war"), ("b1", 0, "war"),
     ("b2", 0, "war")],
    schema={"article_id": pl.String, "sentence_idx": pl.Int32, "term": pl.String},
    orient="row",
)  # fmt: skip


def test_shares_per_source_and_value_with_zeros_and_no_duplicates() -> None:
    result = compare.shares(WAR, ARTICLES, by="term", min_n=2)
    expected = pl.DataFrame(
        [
            ("X", "invasion", 1, 3, 1 / 3, 1, 2, 2000, 0.5, False),
            ("X", "war", 2, 3, 2 / 3, 2, 2, 2000, 1.0, False),
            ("Y", "invasion", 0, 1, 0.0, 0, 1, 500, 0.0, True),
            ("Y", "war", 1, 1, 1.0, 1, 1, 500, 2.0, True),
            ("Z", "invasion", 0, 0, None, 0, 1, 200, 0.0, True),
            ("Z", "war", 0, 0, None, 0, 1, 200, 0.0, True),
        ],
        schema={
            "source": pl.String,
            "term": pl.String,
            "n": pl.Int64,
            "n_source": pl.Int64,
            "share": pl.Float64,
            "articles_with": pl.Int64,
            "n_articles": pl.Int64,
            "n_words": pl.Int64,
            "per_1k_words": pl.Float64,
            "small_sample": pl.Boolean,
        },
        orient="row",
    )
    assert_frame_equal(result, expected)


def test_shares_totals_duplicates_and_errors() -> None:
    result = compare.shares(WAR, ARTICLES, by=None, include_duplicates=True)
    assert result.select("source", "n", "n_words").rows() == [
        ("X", 3, 2000),
        ("Y", 2, 1000),
        ("Z", 0, 200),
    ]
    with pytest.raises(ValueError, match="'frame'"):
        compare.shares(WAR, ARTICLES, by="frame")
    empty = compare.shares(WAR.clear(), ARTICLES, by="term")
    assert empty.height == 0


def test_evidence_returns_the_sentences_behind_a_number() -> None:
    sentences = pl.concat(
        [
            make_sentences("It is a war.", "x", "y", "An invasion.", article_id="a1"),
            make_sentences("Another war.", article_id="b1"),
        ]
    )
    result = compare.evidence(WAR, sentences, articles=ARTICLES, source="X", term=["invasion"])
    assert result.select("article_id", "sentence_idx", "sentence").rows() == [
        ("a1", 3, "An invasion.")
    ]
    with pytest.raises(ValueError, match="'frame'"):
        compare.evidence(WAR, sentences, frame="x")


def test_omissions_per_source_and_kind() -> None:
    found_mentions = pl.DataFrame(
        {"article_id": ["a1", "b1", "b2"], "actor": ["tass", "china", "tass"]}
    )
    found_frames = pl.DataFrame({"article_id": ["a1", "c1"], "frame": ["economic_ties"] * 2})
    found_quotes = pl.DataFrame(
        {"article_id": ["a1", "b1"], "speaker": ["russian_foreign_ministry", "unresolved"]}
    )
    figures = pl.DataFrame({"article_id": ["c1", "c1"], "metric": ["bilateral_trade", "other"]})
    result = compare.omissions(
        ARTICLES,
        mentions=found_mentions,
        frames=found_frames,
        quotes=found_quotes,
        figures=figures,
    )
    expected = pl.DataFrame(
        [
            ("X", "actor", "china", False, 0, 1, 3),
            ("Y", "actor", "china", True, 1, 1, 3),
            ("Z", "actor", "china", False, 0, 1, 3),
            ("X", "actor", "tass", True, 1, 1, 3),  # b2 is a duplicate: Y has no TASS
            ("Y", "actor", "tass", False, 0, 1, 3),
            ("Z", "actor", "tass", False, 0, 1, 3),
            ("X", "figure", "bilateral_trade", False, 0, 1, 3),
            ("Y", "figure", "bilateral_trade", False, 0, 1, 3),
            ("Z", "figure", "bilateral_trade", True, 1, 1, 3),  # "other" is not a metric
            ("X", "frame", "economic_ties", True, 1, 2, 3),
            ("Y", "frame", "economic_ties", False, 0, 2, 3),
            ("Z", "frame", "economic_ties", True, 1, 2, 3),
            ("X", "voice", "russian_foreign_ministry", True, 1, 1, 3),
            ("Y", "voice", "russian_foreign_ministry", False, 0, 1, 3),
            ("Z", "voice", "russian_foreign_ministry", False, 0, 1, 3),
        ],
        schema=compare.OMISSION_SCHEMA,
        orient="row",
    )
    assert_frame_equal(result, expected)
    assert_frame_equal(compare.omissions(ARTICLES), pl.DataFrame(schema=compare.OMISSION_SCHEMA))


def test_seed_shares_trace_back_to_sentences(seeds: dict[str, pl.DataFrame]) -> None:
    war = seeds["war_terms"]
    result = compare.shares(war, seeds["articles"], by="term")
    assert result["n"].sum() == war.height
    nbc = result.filter(pl.col("source") == "NBC News", pl.col("term") == "conflict")
    behind = compare.evidence(
        war, seeds["sentences"], articles=seeds["articles"], source="NBC News", term="conflict"
    )
    assert behind.height == nbc["n"].item() == 5
    assert behind["sentence"].str.contains("(?i)conflict").all()
