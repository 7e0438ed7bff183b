import math
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import keyterms, store
from tests.framing.conftest import EMPTY_SENTENCES, make_articles, make_sentences


def two_outlets(x: str, y: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    sentences = pl.concat([make_sentences(x, article_id="x1"), make_sentences(y, article_id="y1")])
    articles = make_articles([("x1", "X", 3, None), ("y1", "Y", 4, None)])
    return sentences, articles


def test_log_odds_uniform_prior_worked_example() -> None:
    # X says "oil oil gas" (n_X = 3), Y says "oil gas gas gas" (n_Y = 4). Prior a_w = 1 for
    # both words, so a_0 = 2. For X against the rest (Y):
    #   oil: delta = log((2+1)/(3+2-2-1)) - log((1+1)/(4+2-1-1)) = log(3/2) - log(2/4) = log 3
    #        var   = 1/(2+1) + 1/(1+1) = 5/6
    #   gas: delta = log((1+1)/(3+2-1-1)) - log((3+1)/(4+2-3-1)) = log(2/3) - log(4/2) = -log 3
    #        var   = 1/(1+1) + 1/(3+1) = 3/4
    # and for Y the same numbers with the signs and variances swapped between the words.
    sentences, articles = two_outlets("Oil, oil and gas.", "Oil and gas, gas, gas.")
    result = keyterms.distinctive_terms(
        sentences, articles, ngram=(1, 1), prior=1.0, min_count=1, small_sample_tokens=0
    )
    log3 = math.log(3)
    expected = pl.DataFrame(
        [
            ("X", 1, "oil", 2, 1, log3, log3 / math.sqrt(5 / 6), False),
            ("X", 1, "gas", 1, 3, -log3, -log3 / math.sqrt(3 / 4), False),
            ("Y", 1, "gas", 3, 1, log3, log3 / math.sqrt(3 / 4), False),
            ("Y", 1, "oil", 1, 2, -log3, -log3 / math.sqrt(5 / 6), False),
        ],
        schema=keyterms.DISTINCTIVE_SCHEMA,
        orient="row",
    )
    assert_frame_equal(result, expected)


def test_log_odds_informative_prior_worked_example() -> None:
    # Same counts; corpus: oil 3, gas 4 of n = 7. With alpha0 = 7 the prior is the corpus
    # counts: a_oil = 7 * 3/7 = 3, a_gas = 7 * 4/7 = 4, a_0 = 7. For X:
    #   oil: delta = log((2+3)/(3+7-2-3)) - log((1+3)/(4+7-1-3)) = log(5/5) - log(4/7)
    #              = log(7/4);                var = 1/(2+3) + 1/(1+3) = 1/5 + 1/4
    #   gas: delta = log((1+4)/(3+7-1-4)) - log((3+4)/(4+7-3-4)) = log(5/5) - log(7/4)
    #              = -log(7/4);               var = 1/(1+4) + 1/(3+4) = 1/5 + 1/7
    sentences, articles = two_outlets("Oil, oil and gas.", "Oil and gas, gas, gas.")
    result = keyterms.distinctive_terms(
        sentences, articles, ngram=(1, 1), alpha0=7.0, min_count=1, small_sample_tokens=0
    ).filter(pl.col("source") == "X")
    delta = math.log(7 / 4)
    expected = pl.DataFrame(
        [
            ("X", 1, "oil", 2, 1, delta, delta / math.sqrt(1 / 5 + 1 / 4), False),
            ("X", 1, "gas", 1, 3, -delta, -delta / math.sqrt(1 / 5 + 1 / 7), False),
        ],
        schema=keyterms.DISTINCTIVE_SCHEMA,
        orient="row",
    )
    assert_frame_equal(result, expected)


def test_tokens_drop_stop_words_and_form_bigrams_of_adjacent_content_words() -> None:
    sentences = make_sentences("The invasion of Ukraine and Russia’s Foreign Ministry.")
    result = keyterms.tokens(sentences).collect().select("ngram", "term").rows()
    assert result == [
        (1, "invasion"),
        (1, "ukraine"),
        (1, "russia"),
        (1, "foreign"),
        (1, "ministry"),
        (2, "russia foreign"),
        (2, "foreign ministry"),
    ]


def test_distinctive_terms_one_vs_rest_with_five_outlets() -> None:
    texts = {
        "A": "Sanctions, sanctions and more sanctions on oil.",
        "B": "Oil trade and gas trade grew.",
        "C": "The summit praised the partnership.",
        "D": "Peace talks and a peace plan.",
        "E": "Oil and peace at the summit.",
    }
    sentences = pl.concat(
        [make_sentences(text, article_id=name.lower()) for name, text in texts.items()]
    )
    articles = make_articles([(name.lower(), name, 10, None) for name in texts])
    with pytest.warns(UserWarning, match="5 source"):
        result = keyterms.distinctive_terms(sentences, articles, min_count=1)
    assert result["source"].unique().sort().to_list() == list(texts)
    unigrams = result.filter(pl.col("ngram") == 1)
    # Every source gets every term, and its rest is the other four pooled.
    totals = unigrams.group_by("term").agg((pl.col("n_source") + pl.col("n_rest")).n_unique())
    assert totals["n_source"].to_list() == [1] * totals.height
    top = unigrams.group_by("source", maintain_order=True).first()
    assert dict(top.select("source", "term").rows())["A"] == "sanctions"
    assert result["small_sample"].all()
    # One-vs-rest equals a two-outlet comparison of A against the others merged.
    merged = articles.with_columns(
        pl.when(pl.col("source") == "A").then(pl.lit("A")).otherwise(pl.lit("rest")).alias("source")
    )
    with pytest.warns(UserWarning):
        pairwise = keyterms.distinctive_terms(sentences, merged, min_count=1)
    assert_frame_equal(
        result.filter(pl.col("source") == "A"), pairwise.filter(pl.col("source") == "A")
    )


def test_distinctive_terms_needs_two_sources_and_valid_options() -> None:
    sentences = make_sentences("Oil and gas.")
    articles = make_articles([("a", "Only", 3, None)])
    with pytest.raises(ValueError, match="'Only'"):
        keyterms.distinctive_terms(sentences, articles)
    with pytest.raises(ValueError, match=r"\(2, 1\)"):
        keyterms.distinctive_terms(sentences, articles, ngram=(2, 1))
    with pytest.raises(ValueError, match="-1"):
        keyterms.distinctive_terms(sentences, articles, prior=-1)
    empty = keyterms.distinctive_terms(EMPTY_SENTENCES, articles)
    assert_frame_equal(empty, pl.DataFrame(schema=keyterms.DISTINCTIVE_SCHEMA))


def test_seed_distinctive_terms_for_all_five_outlets(seed_build: Path) -> None:
    sentences, articles = store.read("sentences", seed_build), store.read("articles", seed_build)
    with pytest.warns(UserWarning, match="fewer than 1000 tokens"):
        result = keyterms.distinctive_terms(sentences, articles)
    assert result["source"].n_unique() == 5
    assert set(result["ngram"]) == {1, 2}
    assert result["small_sample"].all()
