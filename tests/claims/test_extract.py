import random
import re
from datetime import date
from pathlib import Path

import polars as pl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal

from framescope.claims import candidates, context, extract, scan
from framescope.claims.extract import (
    FIGURE_SCHEMA,
    KINDS,
    MAX_FIGURES_PER_SENTENCE,
    UNITS,
    _figures_in,
)
from framescope.claims.matching import Matcher
from tests.claims.conftest import (
    PROFILE,
    SCAN_TEXT,
    TOKENS,
    figures_of,
    one_figure,
    sentence_frame,
)

# --- number shapes ----------------------------------------------------------------------------


def test_from_a_level_to_another_is_two_figures_not_a_range() -> None:
    result = figures_of("Trade rose from $146.9 billion to $190.3 billion.")
    assert result["surface"].to_list() == ["$146.9 billion", "$190.3 billion"]


def test_a_percentage_then_an_amount_is_two_figures() -> None:
    result = figures_of("Trade rose 29.3% to $190,27 billion in 2022.")
    expected = pl.DataFrame(
        {
            "surface": ["29.3%", "$190,27 billion"],
            "value": [29.3, 190.27e9],
            "unit": ["percent", "USD"],
            "kind": ["change", "actual"],
            "direction": ["up", None],
        }
    )
    assert_frame_equal(result.select(expected.columns), expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "It analyzed 40 million Russian customs record entries.",
            ("40 million", 40e6, "Russian customs record entries", "customs_records"),
        ),
        (
            "Heads of state have held forty meetings.",
            ("forty", 40.0, "meetings", "leader_meetings"),
        ),
        (
            "Beijing published a 12-point peace proposal.",
            ("12", 12.0, "point peace proposal", "peace_plan_points"),
        ),
        (
            "Beijing published a 12 point peace proposal.",
            ("12", 12.0, "point peace proposal", "peace_plan_points"),
        ),
        ("China sold a dozen drones.", ("a dozen", 12.0, "drones", "drone_sales")),
        ("They met twenty-five officials.", ("twenty-five", 25.0, "officials", "other")),
        (
            "He saw two hundred and five soldiers.",
            ("two hundred and five", 205.0, "soldiers", "other"),
        ),
        ("China has 1.4 billion people.", ("1.4 billion", 1.4e9, "people", "other")),
        ("Four people briefed on it spoke.", ("Four", 4.0, "people", "other")),
        ("They held one hundred meetings.", ("one hundred", 100.0, "meetings", "leader_meetings")),
        ("Half a dozen drones were sold.", ("Half a dozen", 6.0, "drones", "drone_sales")),
        (
            "China bought 1.5 million barrels of Russian oil per day.",
            ("1.5 million", 1.5e6, "barrels of Russian oil", "oil_purchases"),
        ),
        (
            "They held forty meetings of the two leaders.",
            ("forty", 40.0, "meetings", "leader_meetings"),
        ),
    ],
)
def test_counts_with_their_noun(text: str, expected: tuple) -> None:
    assert one_figure(text, "surface", "value", "noun", "metric", "unit") == (*expected, "count")


def test_scraping_glue_before_a_count_is_read_as_the_article_a() -> None:
    # The NBC News seed has "A12 point peace proposalBeijing's publication" ("A 12-point").
    result = one_figure(
        "A12 point peace proposal Beijing’s publication last month.", "surface", "noun"
    )
    assert result == ("12", "point peace proposal")


def test_a_scaled_number_with_no_noun_is_a_count_without_noun() -> None:
    result = one_figure("Trade reached 190 billion in 2022.", "value", "unit", "noun", "metric")
    assert result == (190e9, "count", None, "bilateral_trade")


@pytest.mark.parametrize(
    "text",
    [
        "Xi has refused to travel since late 2019.",
        "This will be the central event on the agenda for 2023.",
        "The agreement covers 2022-23.",
        "Xi and Putin last spoke in a video call on Dec. 30.",
        "Xi will be in Russia between March 20 and 22.",
        "The visit runs 20-22 March.",
        "February 24 this year marks the anniversary.",
        "It happened on the 24th of February.",
        "It happened on 24 February 2022.",
        "It happened on 2023-03-20.",
        "It happened on 3/20.",
        "Xi Jinping, 69 years old, secured his third term.",
        "Xi Jinping, 69, secured a third term.",
        "The 69-year-old leader spoke.",
        "He was aged 69.",
        "Xi's first visit was his 20th trip.",
        "Call +7 495 123-45-67 for details.",
        "Call (202) 555-0123 or 555-0199.",
        "They met at 10:30 and again at 3 p.m.",
        "They met at 10 am.",
        "The covid-19 pandemic and COVID-19 and the G20 summit.",
        "Su-35 jets and 5G networks.",
        "Nord Stream 2 was damaged.",
        "Article 5 applies.",
        "It is point 3 of the plan.",
        "He is No. 1 on the list.",
        "Russia is one of the few countries.",
        "It will solve at least one unemployment problem.",
        "The two leaders met the two governments.",
        "They met just 20 days before the invasion.",
        "It has lasted three years.",
        "Some countries have double standards.",
        "It was a double-digit rise.",
        "See https://example.com/2023/200-billion/12-point.",
        "It is said [3] to be true.",
        "Does Russia plan to assign half of the country to China?",
        "The score was 12.",
        "The road is 5m wide.",
    ],
)
def test_not_figures(text: str) -> None:
    result = figures_of(text)
    assert result.height == 0, result.select("surface").to_series().to_list()


def test_a_year_like_amount_with_a_currency_is_money() -> None:
    assert one_figure("It cost $1999 in 2019.", "surface", "value") == ("$1999", 1999.0)
    assert one_figure("It cost 2000 dollars.", "surface", "value") == ("2000 dollars", 2000.0)


def test_a_year_with_a_noun_is_still_a_year() -> None:
    # A known loss: four-digit numbers from 1800 to 2099 are read as years.
    assert figures_of("2000 troops arrived.").height == 0


def test_one_before_a_number_it_is_no_range_with_is_not_a_count() -> None:
    # Regression: "one and two" without "between" raised an IndexError.
    result = figures_of("They saw one and two people.")
    assert result.select("surface", "noun").rows() == [("two", "people")]


# --- metric ---------------------------------------------------------------------------------


# --- kind, direction, period --------------------------------------------------------------------


# --- speaker, hedges, offsets -----------------------------------------------------------------


def test_speaker_from_the_quotes_table_wins() -> None:
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
    unresolved = quotes.with_columns(pl.lit("unresolved").alias("speaker"))
    assert one_figure(text, "speaker", quotes=unresolved) == ("reuters",)


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


# --- the ledger -----------------------------------------------------------------------------


@given(st.lists(st.sampled_from(TOKENS), max_size=25).map(" ".join))
@settings(max_examples=300, deadline=None)
def test_any_text_gives_well_formed_figures(text: str) -> None:
    result = extract(sentence_frame(text), PROFILE)
    for row in result.iter_rows(named=True):
        assert text[row["start"] : row["end"]] == row["surface"]
        assert row["unit"] in UNITS
        assert row["kind"] in KINDS
        assert row["low"] <= row["value"] <= row["high"]


# --- the candidate search and reading each text once ------------------------------------------


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
        for figure in _figures_in(matcher, text, years.get(article_id)):
            if figure["metric"] is None:
                previous = texts.get((article_id, index - 1))
                inherited = context.inherited_metric(matcher, previous)
                figure["metric"], figure["metric_term"], figure["metric_from"] = inherited
            figure["article_id"], figure["sentence_idx"] = article_id, index
            figure["start"] += start
            figure["end"] += start
            figure["speaker"] = quoted.get((article_id, index), figure["speaker"])
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


@given(SCAN_TEXT)
@settings(max_examples=300, deadline=None)
def test_the_previous_word_is_the_last_before_the_final_whitespace(text: str) -> None:
    found = re.search(r"([^\s]+)\s+$", text)
    expected = (found.group(1), not text[: found.start()].strip(" “\"'‘(")) if found else ("", True)
    assert scan._previous_word(text) == expected


def test_a_sentence_gives_at_most_max_figures_in_text_order():
    text = "Trade " + " ".join(f"${n} billion" for n in range(1, 151)) + "."
    sentences = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0], "text": [text]})
    result = extract(sentences, PROFILE)["value"].to_list()
    expected = [n * 1e9 for n in range(1, MAX_FIGURES_PER_SENTENCE + 1)]
    assert result == expected
