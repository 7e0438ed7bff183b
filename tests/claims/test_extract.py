"""The figures table: its columns and offsets, the quotes table's speakers, the seeds, and
reading each distinct text once."""

import random
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from framescope.claims import candidates, context, extract
from framescope.claims.extract import (
    FIGURE_SCHEMA,
    KINDS,
    MAX_FIGURES_PER_SENTENCE,
    UNITS,
    _figures_in,
)
from framescope.claims.matching import Matcher
from framescope.rules import hedges
from tests.claims.conftest import (
    PROFILE,
    TOKENS,
    figures_of,
    one_figure,
    sentence_frame,
)


def test_speaker_from_the_quotes_table_when_given() -> None:
    quotes = pl.DataFrame(
        {
            "article_id": ["a", "a"],
            "sentence_idx": [0, 0],
            "speaker": ["russian_foreign_ministry", "someone else"],
            "quote": ["...", "..."],
        }
    )
    text = "Trade will reach $200 billion, Reuters said."
    assert one_figure(text, "speaker", quotes=quotes) == ("russian_foreign_ministry",)
    assert one_figure(text, "speaker") == ("reuters",)
    # The quotes table applies the sentence's own rule: what it leaves out, nobody said.
    unresolved = quotes.with_columns(pl.lit("unresolved").alias("speaker"))
    assert one_figure(text, "speaker", quotes=unresolved) == (None,)
    assert one_figure(text, "speaker", quotes=quotes.clear()) == (None,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("According to Reuters, trade reached $190 billion.", "reuters"),
        ("Trade reached $190 billion, said Wang Wenbin.", "wang_wenbin"),
        ("Trade reached $190 billion, said Ivan Petrov.", "Ivan Petrov"),
        ("Trade hit a record $190 billion, Interfax reported.", "Interfax"),
        # A phrase that is no actor's name as written stays as written; the quotes table,
        # given in a build, resolves it ("The Russian Foreign Ministry" -> its actor).
        (
            "The Russian Foreign Ministry said trade reached $190 billion.",
            "The Russian Foreign Ministry",
        ),
        ("According to the report, trade reached $190 billion.", "the report"),
        ("Trade reached $190 billion, he said.", None),
        ("Trade reached $190 billion.", None),
    ],
)
def test_speaker_without_the_quotes_table(text: str, expected: str | None) -> None:
    assert one_figure(text, "speaker") == (expected,)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Trade may reach $200 billion.", True),
        ("Trade reportedly reached $200 billion.", True),
        ("Could trade reach $200 billion?", True),
        ("Trade reached $200 billion in May 2023.", False),
        ("Trade reached $200 billion.", False),
    ],
)
def test_hedged(text: str, expected: bool) -> None:
    assert one_figure(text, "hedged") == (expected,)


def test_offsets_are_into_the_article() -> None:
    article = "Intro. Trade rose by more than 30% in 2022."
    sentences = sentence_frame("Trade rose by more than 30% in 2022.", start=7)
    result = extract(sentences, PROFILE)
    start, end = result.select("start", "end").row(0)
    assert article[start:end] == "30%"


def test_one_figure_in_full() -> None:
    text = "Data show that China sold drones worth $3.3 million to Russia in 2022."
    result = figures_of(text)
    expected = pl.DataFrame(
        {
            "article_id": ["a"],
            "sentence_idx": [0],
            "surface": ["$3.3 million"],
            "value": [3.3e6],
            "unit": ["USD"],
            "metric": ["drone_sales"],
            "period": ["2022"],
            "kind": ["actual"],
            "speaker": [None],
            "hedged": [False],
            "sentence": [text],
            "start": [39],
            "end": [51],
            "qualifier": [None],
            "noun": [None],
            "low": [3.3e6],
            "high": [3.3e6],
            "direction": [None],
            "metric_term": ["drones"],
            "metric_from": ["sentence"],
        },
        schema=FIGURE_SCHEMA,
    )
    assert_frame_equal(result, expected)


def test_empty_and_figureless_input_give_a_typed_empty_table() -> None:
    expected = pl.DataFrame(schema=FIGURE_SCHEMA)
    assert_frame_equal(extract(sentence_frame(), PROFILE), expected)
    assert_frame_equal(figures_of("No numbers here."), expected)


def test_sentences_without_start_give_offsets_into_the_sentence() -> None:
    sentences = sentence_frame("Imports fell 16%.").drop("start")
    result = extract(sentences.lazy(), PROFILE)
    assert result.select("start", "end").row(0) == (13, 16)


def test_missing_columns_are_named() -> None:
    with pytest.raises(ValueError, match=r"sentences lacks column\(s\) \['text'\]"):
        extract(pl.DataFrame({"article_id": ["a"], "sentence_idx": [0]}), PROFILE)
    with pytest.raises(ValueError, match=r"quotes lacks column\(s\) \['speaker'\]"):
        figures_of("Imports fell 16%.", quotes=pl.DataFrame({"article_id": [], "sentence_idx": []}))


# --- the seeds --------------------------------------------------------------------------------


def _prefix(articles: pl.DataFrame, prefix: str) -> str:
    path = next(p for p in articles["path"] if Path(p).name.startswith(prefix))
    return articles.filter(pl.col("path") == path)["article_id"].item()


def test_seed_chinese_report(seeds: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    found, articles = seeds
    result = found.filter(
        pl.col("article_id") == _prefix(articles, "002"), pl.col("unit") != "count"
    ).select("surface", "value", "unit", "metric", "kind", "period")
    expected = pl.DataFrame(
        [
            ("$200 billion", 200e9, "USD", "bilateral_trade", "target", "annual"),
            ("$3.3 million", 3.3e6, "USD", "drone_sales", "actual", "2022"),
            ("$227 billion", 227e9, "USD", "current_account_surplus", "actual", "2022"),
            ("double", 2.0, "multiple", "current_account_surplus", "change", "2022"),
            ("$122 billion", 122e9, "USD", "current_account_surplus", "actual", "2021"),
            ("16%", 16.0, "percent", "imports", "change", "2022"),
            ("35%", 35.0, "percent", "imports", "change", None),
            ("30%", 30.0, "percent", "exports", "change", "2022-01..2022-09"),
        ],
        schema=["surface", "value", "unit", "metric", "kind", "period"],
        orient="row",
    )
    assert_frame_equal(result, expected)


def test_seed_breitbart_trade_goal(seeds: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    found, articles = seeds
    result = found.filter(pl.col("article_id") == _prefix(articles, "000"), pl.col("unit") == "USD")
    assert result.select("surface", "value", "metric", "kind", "period").rows() == [
        ("200 billion dollars", 200e9, "bilateral_trade", "target", "2023")
    ]


def test_seeds_report_no_year_date_or_age(seeds: tuple[pl.DataFrame, pl.DataFrame]) -> None:
    found, _ = seeds
    assert found.filter(pl.col("value").is_between(1900, 2100)).height == 0
    # Days of the month in the seeds: 20, 22, 24, 30, 31; Xi's age: 69.
    small = found.filter(
        pl.col("unit") == "count", pl.col("value").is_in([20.0, 22.0, 24.0, 30.0, 31.0, 69.0])
    )
    assert small.height == 0
    assert found.select("surface", "noun").rows() == [
        ("12", "point peace proposal"),
        ("200 billion dollars", None),
        ("tripled", None),
        ("four", "people"),
        ("forty", "meetings"),
        ("$200 billion", None),
        ("40 million", "Russian customs record entries"),
        ("$3.3 million", None),
        ("$227 billion", None),
        ("double", None),
        ("$122 billion", None),
        ("16%", None),
        ("35%", None),
        ("30%", None),
    ]


@pytest.mark.slow
@given(st.lists(st.sampled_from(TOKENS), max_size=25).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_well_formed_figures(text: str) -> None:
    result = extract(sentence_frame(text), PROFILE)
    for row in result.iter_rows(named=True):
        assert text[row["start"] : row["end"]] == row["surface"]
        assert row["unit"] in UNITS
        assert row["kind"] in KINDS
        assert row["low"] <= row["value"] <= row["high"]


# --- reading each text once -------------------------------------------------------------------


_MIXED = [
    "Russia will run its largest current account surplus on record.",
    "The surplus of $227 billion last year is more than double the record.",
    "Imports and exports both moved.",
    "The change was 16% this year.",
    "Trade was discussed.",
    "They held forty meetings and sent a dozen envoys.",
    "Trade rose 29.3% to $190,27 billion in 2022, Reuters said.",
    "China sold drones worth $3.3 million to Russia last year.",
    "Trade may reach $200 billion next year, according to Xinhua.",
    "The two leaders met the two governments.",
    "They met just 20 days before the invasion.",
    "Nord Stream 2 was damaged.",
    "The covid-19 pandemic and the G20 summit.",
    "Over 40 people came, and the 12 point plan was published.",
    "Exports rose 30% between January and September 2022.",
    "Trade was 2.5 times as large as in 2019.",
    "Estimates run at $100-200 billion a year.",
    "Trade reached one million in March 2023.",
    "Xi will be in Russia between March 20 and 22.",
    "It aims at 200 billion dollars in annual trade.",
    "Trade reached $200\xa0billion.",
    "See https://example.com/2023/200-billion/12-point.",
    "“Trade will double by 2025,” he said.",
    "No numbers here.",
]


def _mixed_corpus(seed: int) -> tuple[pl.DataFrame, pl.DataFrame, pl.DataFrame]:
    """Articles that repeat the same sentences after different ones, published in different
    years, some quoted."""
    rng = random.Random(seed)
    sentences, articles, quotes = [], [], []
    for number in range(60):
        article_id = f"article {number}"
        indexes = sorted(rng.sample(range(10), rng.randint(2, 8)))  # gaps break inheritance
        for index in indexes:
            sentences.append((article_id, index, 100 * index, rng.choice(_MIXED)))
            if rng.random() < 0.15:
                quotes.append((article_id, index, rng.choice(["reuters", "unresolved", None])))
        if number % 7:  # some articles are missing from the articles table
            published = rng.choice([None, date(2022, 5, 1), date(2023, 3, 20)])
            articles.append((article_id, published))
    return (
        pl.DataFrame(
            sentences,
            schema={"article_id": pl.String, "sentence_idx": pl.Int32, "start": pl.Int64,
                    "text": pl.String},
            orient="row",
        ),
        pl.DataFrame(
            articles, schema={"article_id": pl.String, "published": pl.Date}, orient="row"
        ),
        pl.DataFrame(
            quotes,
            schema={"article_id": pl.String, "sentence_idx": pl.Int32, "speaker": pl.String},
            orient="row",
        ),
    )  # fmt: skip


def _one_by_one(
    sentences: pl.DataFrame, articles: pl.DataFrame, quotes: pl.DataFrame
) -> pl.DataFrame:
    """The figures table from reading every sentence the broad search keeps, one at a time,
    with its own previous sentence, publication year and quote."""
    matcher = Matcher.of(PROFILE)
    texts = {(a, i): t for a, i, _, t in sentences.iter_rows()}
    years = {a: p.year if p else None for a, p in articles.iter_rows()}
    quoted: dict[tuple[str, int], str] = {}
    for article_id, index, speaker in quotes.iter_rows():
        if speaker not in {None, "unresolved"}:
            quoted.setdefault((article_id, index), speaker)
    broad = set(sentences.filter(candidates.hint())["text"])
    rows = []
    for article_id, index, start, text in sorted(sentences.iter_rows()):
        if text not in broad:
            continue
        # One text at a time, as the rule reads it among all the texts.
        hedged = hedges.hedged(pl.Series([text]), PROFILE.hedges)[0]
        for figure in _figures_in(matcher, text, years.get(article_id)):
            if figure["metric"] is None:
                previous = texts.get((article_id, index - 1))
                inherited = context.inherited_metric(matcher, previous)
                figure["metric"], figure["metric_term"], figure["metric_from"] = inherited
            figure["article_id"], figure["sentence_idx"] = article_id, index
            figure["start"] += start
            figure["end"] += start
            figure["speaker"] = quoted.get((article_id, index))
            figure["hedged"] = hedged
            rows.append(figure)
    return pl.DataFrame(rows, schema=FIGURE_SCHEMA)


@pytest.mark.parametrize("seed", [0, 1])
def test_reading_each_text_once_gives_what_reading_every_sentence_gives(seed: int) -> None:
    sentences, articles, quotes = _mixed_corpus(seed)
    result = extract(sentences, PROFILE, articles=articles, quotes=quotes)
    expected = _one_by_one(sentences, articles, quotes)
    assert_frame_equal(result, expected)
    # The corpus makes the context matter: one text, several metrics, periods and speakers.
    varied = result.group_by("sentence").agg(
        pl.col("metric", "period", "speaker").n_unique(), pl.col("article_id").n_unique()
    )
    assert varied.filter(pl.col("article_id") > 1).height > 10
    assert varied.filter(pl.col("metric") > 1).height > 0
    assert varied.filter(pl.col("period") > 1).height > 0
    assert varied.filter(pl.col("speaker") > 1).height > 0
    assert (result["metric_from"] == "previous_sentence").any()


def test_a_sentence_gives_at_most_max_figures_in_text_order():
    text = "Trade " + " ".join(f"${n} billion" for n in range(1, 151)) + "."
    sentences = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0], "text": [text]})
    result = extract(sentences, PROFILE)["value"].to_list()
    expected = [n * 1e9 for n in range(1, MAX_FIGURES_PER_SENTENCE + 1)]
    assert result == expected
