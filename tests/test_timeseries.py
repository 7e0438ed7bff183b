from __future__ import annotations

import hashlib
from datetime import date, timedelta

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import profile, timeseries

EVENT = date(2023, 3, 20)  # a Monday
ARTICLE_SCHEMA = {
    "article_id": pl.String,
    "source": pl.String,
    "published": pl.Date,
    "n_words": pl.Int64,
    "duplicate_of": pl.String,
}


def make_articles(rows: list[tuple[str, str, date | None, int, str | None]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=ARTICLE_SCHEMA, orient="row")


def make_mentions(rows: list[tuple[str, int, str]]) -> pl.DataFrame:
    return pl.DataFrame(
        [(article_id, idx, actor, actor, 0, 1) for article_id, idx, actor in rows],
        schema={
            "article_id": pl.String,
            "sentence_idx": pl.Int32,
            "actor": pl.String,
            "alias": pl.String,
            "start": pl.Int64,
            "end": pl.Int64,
        },
        orient="row",
    )


def make_sentiment(rows: list[tuple[str, int, str, float | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            "article_id": pl.String,
            "sentence_idx": pl.Int32,
            "method": pl.String,
            "compound": pl.Float64,
        },
        orient="row",
    ).with_columns(pos=pl.lit(0.0), neu=pl.lit(1.0), neg=pl.lit(0.0))


ARTICLES = make_articles(
    [
        ("a1", "x", date(2023, 3, 13), 200, None),
        ("a2", "x", date(2023, 3, 19), 300, None),  # Sunday: still the week of 13 March
        ("a3", "x", date(2023, 3, 20), 500, None),
        ("b1", "y", date(2023, 3, 14), 1000, None),
        ("u1", "x", None, 100, None),
        ("d1", "y", date(2023, 3, 21), 400, "b1"),
        ("d2", "y", None, 50, "b1"),
    ]
)
MENTIONS = make_mentions(
    [
        ("a1", 0, "xi"),
        ("a1", 0, "xi"),
        ("a1", 1, "putin"),
        ("a2", 0, "xi"),
        ("a3", 2, "putin"),
        ("u1", 0, "xi"),
        ("u1", 1, "lavrov"),  # only in an undated article, still gets rows of zeros
        ("d1", 0, "putin"),
        ("d1", 3, "putin"),
    ]
)

# -- mentions ------------------------------------------------------------------------------

MENTION_SCHEMA = {
    "period": pl.Date,
    "source": pl.String,
    "actor": pl.String,
    "mentions": pl.Int64,
    "articles_mentioning": pl.Int64,
    "articles": pl.Int64,
    "words": pl.Int64,
    "mentions_per_1k_words": pl.Float64,
    "share_of_articles": pl.Float64,
}


def test_mention_series_counts_normalises_and_fills_zeros() -> None:
    result = timeseries.mention_series(MENTIONS, ARTICLES)
    w1, w2 = date(2023, 3, 13), date(2023, 3, 20)
    expected = pl.DataFrame(
        [
            (w1, "x", "lavrov", 0, 0, 2, 500, 0.0, 0.0),
            (w1, "x", "putin", 1, 1, 2, 500, 2.0, 0.5),
            (w1, "x", "xi", 3, 2, 2, 500, 6.0, 1.0),
            (w1, "y", "lavrov", 0, 0, 1, 1000, 0.0, 0.0),
            (w1, "y", "putin", 0, 0, 1, 1000, 0.0, 0.0),
            (w1, "y", "xi", 0, 0, 1, 1000, 0.0, 0.0),
            (w2, "x", "lavrov", 0, 0, 1, 500, 0.0, 0.0),
            (w2, "x", "putin", 1, 1, 1, 500, 2.0, 1.0),
            (w2, "x", "xi", 0, 0, 1, 500, 0.0, 0.0),
        ],
        schema=MENTION_SCHEMA,
        orient="row",
    )
    assert_frame_equal(result, expected)


def test_mention_series_includes_duplicates_on_request() -> None:
    result = timeseries.mention_series(MENTIONS, ARTICLES, include_duplicates=True).filter(
        pl.col("source") == "y", pl.col("period") == date(2023, 3, 20)
    )
    expected = pl.DataFrame(
        [
            (date(2023, 3, 20), "y", "lavrov", 0, 0, 1, 400, 0.0, 0.0),
            (date(2023, 3, 20), "y", "putin", 2, 1, 1, 400, 5.0, 1.0),
            (date(2023, 3, 20), "y", "xi", 0, 0, 1, 400, 0.0, 0.0),
        ],
        schema=MENTION_SCHEMA,
        orient="row",
    )
    assert_frame_equal(result, expected)


def test_mention_series_event_axis_by_day_with_chosen_actors() -> None:
    result = timeseries.mention_series(
        MENTIONS, ARTICLES, freq="day", axis="event", event_date=EVENT, actors=["xi", "zelensky"]
    ).filter(pl.col("source") == "x")
    expected = pl.DataFrame(
        [
            (-7, "x", "xi", 2, 1, 1, 200, 10.0, 1.0),
            (-7, "x", "zelensky", 0, 0, 1, 200, 0.0, 0.0),
            (-1, "x", "xi", 1, 1, 1, 300, 10 / 3, 1.0),
            (-1, "x", "zelensky", 0, 0, 1, 300, 0.0, 0.0),
            (0, "x", "xi", 0, 0, 1, 500, 0.0, 0.0),
            (0, "x", "zelensky", 0, 0, 1, 500, 0.0, 0.0),
        ],
        schema={**MENTION_SCHEMA, "period": pl.Int64},
        orient="row",
    )
    assert_frame_equal(result, expected)


def test_mention_series_rate_is_null_without_words() -> None:
    articles = make_articles([("a", "x", EVENT, 0, None)])
    result = timeseries.mention_series(make_mentions([("a", 0, "xi")]), articles)
    expected = pl.DataFrame(
        [(EVENT, "x", "xi", 1, 1, 1, 0, None, 1.0)], schema=MENTION_SCHEMA, orient="row"
    )
    assert_frame_equal(result, expected)


def test_mention_series_without_mentions_is_empty() -> None:
    result = timeseries.mention_series(make_mentions([]), ARTICLES)
    assert_frame_equal(result, pl.DataFrame(schema=MENTION_SCHEMA))


def test_undated_counts_left_out_articles_per_source() -> None:
    result = timeseries.undated(ARTICLES)
    expected = pl.DataFrame(
        {"source": ["x"], "articles": [1], "words": [100]},
        schema={"source": pl.String, "articles": pl.Int64, "words": pl.Int64},
    )
    assert_frame_equal(result, expected)

    result = timeseries.undated(ARTICLES, include_duplicates=True)
    expected = pl.DataFrame(
        {"source": ["x", "y"], "articles": [1, 1], "words": [100, 50]},
        schema={"source": pl.String, "articles": pl.Int64, "words": pl.Int64},
    )
    assert_frame_equal(result, expected)


# -- tone ----------------------------------------------------------------------------------

SENTIMENT = make_sentiment(
    [
        ("a1", 0, "multilex", 0.5),
        ("a1", 1, "multilex", 0.25),
        ("a1", 1, "other", -1.0),  # another method: ignored
        ("a2", 0, "multilex", -0.5),
        ("a2", 1, "multilex", None),  # no score: not a sentence with tone
        ("a3", 0, "multilex", 0.0),
        ("a3", 1, "multilex", 1.0),
        ("a3", 2, "multilex", -1.0),
        ("b1", 0, "multilex", 0.75),
        ("b1", 1, "multilex", -0.25),
        ("u1", 0, "multilex", 1.0),  # undated
        ("d1", 0, "multilex", -1.0),  # duplicate
    ]
)
RULE = "mean of sentence MULTILEX compound; 95% CI: article-cluster bootstrap, 1000 resamples"
TONE_SCHEMA = {
    "period": pl.Date,
    "source": pl.String,
    "n_sentences": pl.Int64,
    "n_articles": pl.Int64,
    "mean_tone": pl.Float64,
    "ci_low": pl.Float64,
    "ci_high": pl.Float64,
    "rule": pl.String,
    "small_sample": pl.Boolean,
}


def test_tone_series_means_counts_and_intervals() -> None:
    result = timeseries.tone_series(SENTIMENT, ARTICLES)
    # With two articles a resample is {a1, a1}, {a1, a2} or {a2, a2}, a quarter of the time
    # each of the pure ones, so a 95% interval runs exactly from one article's mean to the
    # other's. A single article gives no interval.
    expected = pl.DataFrame(
        [
            (date(2023, 3, 13), "x", 3, 2, 0.25 / 3, -0.5, 0.375, RULE, True),
            (date(2023, 3, 13), "y", 2, 1, 0.25, None, None, RULE, True),
            (date(2023, 3, 20), "x", 3, 1, 0.0, None, None, RULE, True),
        ],
        schema=TONE_SCHEMA,
        orient="row",
    )
    assert_frame_equal(result, expected)


def test_tone_series_for_one_actor_counts_each_sentence_once() -> None:
    result = timeseries.tone_series(
        SENTIMENT, ARTICLES, mentions=MENTIONS, actor="xi", axis="event", event_date=EVENT
    )
    # a1 mentions Xi twice in one sentence; a2 (a Sunday) is day -1, in the bucket of -7.
    schema = {"period": pl.Int64, "source": pl.String, "actor": pl.String}
    expected = pl.DataFrame(
        [(-7, "x", "xi", 2, 2, 0.0, -0.5, 0.5, RULE, True)],
        schema={**schema, **{k: v for k, v in TONE_SCHEMA.items() if k not in schema}},
        orient="row",
    )
    assert_frame_equal(result, expected)


def test_tone_series_includes_duplicates_on_request() -> None:
    result = timeseries.tone_series(
        SENTIMENT, ARTICLES, include_duplicates=True, freq="month", n_boot=10, level=0.9
    ).filter(pl.col("source") == "y")
    rule = "mean of sentence MULTILEX compound; 90% CI: article-cluster bootstrap, 10 resamples"
    assert result.select("n_sentences", "n_articles", "mean_tone", "rule").rows() == [
        (3, 2, -0.5 / 3, rule)
    ]


@pytest.mark.parametrize(
    ("options", "message"),
    [
        ({"actor": "xi"}, r"mentions: None; actor='xi' needs the mentions table"),
        (
            {"method": "vadr"},
            r"method: 'vadr' is not in the sentiment table; it has \['multilex', 'other'",
        ),
        ({"n_boot": 0}, r"n_boot: 0 is not"),
        ({"level": 95}, r"level: 95 is not strictly between 0 and 1"),
        ({"freq": "hour"}, r"freq: 'hour'"),
    ],
)
def test_tone_series_rejects_bad_options(options: dict[str, object], message: str) -> None:
    with pytest.raises(ValueError, match=message):
        timeseries.tone_series(SENTIMENT, ARTICLES, **options)


# -- the bootstrap ---------------------------------------------------------------------------


def random_corpus(
    sizes: dict[tuple[date, str], int], *, seed: int
) -> tuple[pl.DataFrame, pl.DataFrame]:
    """Articles with 1-5 sentences each, a per-article slant and sentence noise."""
    rng = np.random.default_rng(seed)
    articles, sentiment = [], []
    for (day, source), n_articles in sizes.items():
        for i in range(n_articles):
            article_id = f"{source}{day:%m%d}_{i:03d}"
            articles.append((article_id, source, day, 100, None))
            slant = rng.normal(0, 0.4)
            for idx in range(rng.integers(1, 6)):
                tone = float(np.clip(slant + rng.normal(0, 0.2), -1, 1))
                sentiment.append((article_id, idx, "multilex", tone))
    return make_articles(articles), make_sentiment(sentiment)


MASK = (1 << 64) - 1


def reference_uniform(key: int, counter: int) -> float:
    """SplitMix64 in plain Python integers, written from the published algorithm."""
    z = (key + (counter + 1) * 0x9E3779B97F4A7C15) & MASK
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & MASK
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & MASK
    z ^= z >> 31
    return (z >> 11) / 2**53


def reference_tone(
    articles: pl.DataFrame, sentiment: pl.DataFrame, *, n_boot: int, seed: int, level: float
) -> pl.DataFrame:
    """The documented scheme as a loop: one resample, one draw and one article at a time."""
    tones: dict[str, list[float]] = {}
    for article_id, compound in sentiment.select("article_id", "compound").iter_rows():
        tones.setdefault(article_id, []).append(compound)
    groups: dict[tuple[date, str], list[str]] = {}
    for article_id, source, day in articles.select("article_id", "source", "published").rows():
        week = day - timedelta(days=day.weekday())
        groups.setdefault((week, source), []).append(article_id)
    rows = []
    for (week, source), unsorted in sorted(groups.items()):
        members = sorted(unsorted)
        k = len(members)
        key_text = f"{seed}\x1f{week}\x1f{source}".encode()
        key = int.from_bytes(hashlib.blake2b(key_text, digest_size=8).digest(), "little")
        means = []
        for b in range(n_boot):
            drawn = [members[int(reference_uniform(key, b * k + j) * k)] for j in range(k)]
            means.append(np.mean(np.concatenate([tones[a] for a in drawn])))
        low, high = np.quantile(means, [(1 - level) / 2, (1 + level) / 2])
        rows.append((week, source, float(low), float(high)))
    return pl.DataFrame(
        rows,
        schema={
            "period": pl.Date,
            "source": pl.String,
            "ci_low": pl.Float64,
            "ci_high": pl.Float64,
        },
        orient="row",
    )


def test_bootstrap_matches_a_reference_loop() -> None:
    sizes = {(date(2023, 3, 14), "x"): 2, (date(2023, 3, 14), "y"): 5, (EVENT, "x"): 4}
    articles, sentiment = random_corpus(sizes, seed=1)
    result = timeseries.tone_series(sentiment, articles, n_boot=200, seed=7, level=0.9)
    expected = reference_tone(articles, sentiment, n_boot=200, seed=7, level=0.9)
    assert_frame_equal(result.select("period", "source", "ci_low", "ci_high"), expected)


def test_bootstrap_agrees_with_a_numpy_generator_bootstrap() -> None:
    # The counter-based draws should behave like any good generator: compare with a plain
    # cluster bootstrap on numpy's default generator; Monte Carlo error allows 0.02.
    articles, sentiment = random_corpus({(EVENT, "x"): 30}, seed=2)
    result = timeseries.tone_series(sentiment, articles, n_boot=4000)
    per_article = sentiment.group_by("article_id").agg(
        pl.col("compound").sum().alias("total"), pl.len().alias("n")
    )
    totals, counts = per_article["total"].to_numpy(), per_article["n"].to_numpy()
    drawn = np.random.default_rng(0).integers(0, len(totals), size=(4000, len(totals)))
    means = totals[drawn].sum(axis=1) / counts[drawn].sum(axis=1)
    expected = np.quantile(means, [0.025, 0.975])
    np.testing.assert_allclose(result.select("ci_low", "ci_high").row(0), expected, atol=0.02)


def test_bootstrap_is_deterministic_given_the_seed() -> None:
    articles, sentiment = random_corpus({(EVENT, "x"): 8, (EVENT, "y"): 3}, seed=3)
    first = timeseries.tone_series(sentiment, articles, n_boot=300, seed=5)
    again = timeseries.tone_series(sentiment.reverse(), articles.reverse(), n_boot=300, seed=5)
    other = timeseries.tone_series(sentiment, articles, n_boot=300, seed=6)
    assert_frame_equal(first, again)
    assert first["ci_low"].to_list() != other["ci_low"].to_list()


def test_bootstrap_interval_of_a_group_ignores_other_groups() -> None:
    articles, sentiment = random_corpus({(EVENT, "x"): 6, (EVENT, "y"): 9}, seed=4)
    both = timeseries.tone_series(sentiment, articles, n_boot=300)
    alone = timeseries.tone_series(sentiment, articles.filter(pl.col("source") == "x"), n_boot=300)
    assert_frame_equal(alone.drop("rule"), both.filter(pl.col("source") == "x").drop("rule"))


def test_bootstrap_chunking_does_not_change_numbers(monkeypatch: pytest.MonkeyPatch) -> None:
    sizes = {(date(2023, 3, 6), "x"): 3, (date(2023, 3, 13), "x"): 7, (EVENT, "y"): 12}
    articles, sentiment = random_corpus(sizes, seed=5)
    expected = timeseries.tone_series(sentiment, articles, n_boot=250)
    monkeypatch.setattr(timeseries, "_BOOTSTRAP_CHUNK", 9)
    result = timeseries.tone_series(sentiment, articles, n_boot=250)
    assert_frame_equal(result, expected)


def test_bootstrap_interval_contains_the_mean_and_narrows_with_more_articles() -> None:
    sizes = {(EVENT, "few"): 5, (EVENT, "some"): 25, (EVENT, "many"): 200}
    articles, sentiment = random_corpus(sizes, seed=6)
    result = timeseries.tone_series(sentiment, articles).with_columns(
        width=pl.col("ci_high") - pl.col("ci_low")
    )
    assert (
        result.select(
            (pl.col("ci_low") <= pl.col("mean_tone")) & (pl.col("mean_tone") <= pl.col("ci_high"))
        )
        .to_series()
        .all()
    )
    widths = dict(result.select("source", "width").iter_rows())
    assert widths["few"] > widths["some"] > widths["many"] > 0


def test_small_samples_are_flagged_below_the_threshold() -> None:
    counts = {(EVENT, "few"): timeseries.SMALL_SAMPLE_ARTICLES - 1,
              (EVENT, "enough"): timeseries.SMALL_SAMPLE_ARTICLES}  # fmt: skip
    articles, sentiment = random_corpus(counts, seed=3)
    result = dict(
        timeseries.tone_series(sentiment, articles).select("source", "small_sample").rows()
    )
    assert result == {"enough": False, "few": True}


def test_bootstrap_gives_no_interval_for_a_single_article() -> None:
    articles, sentiment = random_corpus({(EVENT, "x"): 1}, seed=7)
    result = timeseries.tone_series(sentiment, articles)
    assert result.select("n_articles", "ci_low", "ci_high").row(0) == (1, None, None)


def test_tone_series_without_sentences_is_empty() -> None:
    result = timeseries.tone_series(make_sentiment([]), ARTICLES)
    assert_frame_equal(result, pl.DataFrame(schema=TONE_SCHEMA))


# -- milestones ----------------------------------------------------------------------------


def test_milestones_frame() -> None:
    topic = profile.parse(
        '[profile]\nid = "t"\ntitle = "T"\nevent_date = 2023-03-20\n'
        '[[actors]]\nid = "xi"\nname = "Xi"\naliases = ["Xi"]\n'
        '[[milestones]]\nid = "announcement"\ndate = "2023-01-30"\nlabel = "Invitation"\n'
        '[[milestones]]\nid = "visit"\ndate = "2023-03-20"\nend = "2023-03-22"\nlabel = "Visit"\n'
    )
    result = timeseries.milestones_frame(topic)
    expected = pl.DataFrame(
        {
            "id": ["announcement", "visit"],
            "date": [date(2023, 1, 30), date(2023, 3, 20)],
            "end": [None, date(2023, 3, 22)],
            "label": ["Invitation", "Visit"],
            "days_from_event": [-49, 0],
        },
        schema={
            "id": pl.String,
            "date": pl.Date,
            "end": pl.Date,
            "label": pl.String,
            "days_from_event": pl.Int64,
        },
    )
    assert_frame_equal(result, expected)


def test_seed_build_series(seed_build):
    from framescope import profile, store, timeseries

    articles = store.read("articles", seed_build)
    found = store.read("mentions", seed_build)
    topic = profile.load()
    series = timeseries.mention_series(found, articles, freq="month")
    xi = series.filter(pl.col("actor") == "xi_jinping").select(pl.col("mentions").sum()).item()
    assert xi == 46  # the hand counts 11 + 8 + 12 + 6 + 9
    tone = timeseries.tone_series(
        store.read("sentiment", seed_build),
        articles,
        axis="event",
        event_date=topic.event_date,
        mentions=found,
        actor="vladimir_putin",
    )
    assert tone["n_articles"].to_list() == [1] * 5  # one article per outlet: no intervals
    assert tone["ci_low"].null_count() == 5
    # 31 Jan and 1 Feb are 48-47 days before the 20 March visit; 17-18 March are 3-2 days before
    assert sorted(tone["period"].to_list()) == [-49, -49, -49, -7, -7]
