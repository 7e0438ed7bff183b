from __future__ import annotations

import csv
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal
from textblob import TextBlob
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from framescope import config, sentiment, store

GOLD = Path(__file__).parent / "fixtures" / "gold_sentiment.csv"
SEEDS = config.ROOT / "data" / "raw" / "xi_moscow_2023"
TEXTS = [
    "The talks were a great success.",
    "The attack was a horrible disaster.",
    "The meeting is on Tuesday.",
    "Putin praised the strong partnership, but sanctions are NOT helpful!!",
    "",
]


def _sentences(texts: list[str | None], article_id: str = "a") -> pl.DataFrame:
    return pl.DataFrame(
        {
            "article_id": [article_id] * len(texts),
            "sentence_idx": list(range(len(texts))),
            "text": texts,
        },
        schema={"article_id": pl.String, "sentence_idx": pl.Int32, "text": pl.String},
    )


def _sentiment(rows: list[tuple[str, int, str, float | None]]) -> pl.DataFrame:
    return pl.DataFrame(
        rows,
        schema={
            k: v for k, v in sentiment.SENTIMENT_SCHEMA.items() if k not in {"pos", "neu", "neg"}
        },
        orient="row",
    )


def _write(path: Path, content: str) -> Path:
    path.write_text(content, encoding="utf-8")
    return path


@dataclass(frozen=True)
class CountingScorer:
    """Scores every text 0.5 and remembers what it was asked to score."""

    name: str = "counting"
    seen: list[str] = field(default_factory=list)

    def score_texts(self, texts: list[str]) -> pl.DataFrame:
        self.seen.extend(texts)
        return pl.DataFrame(
            {"compound": [0.5] * len(texts), "pos": None, "neu": None, "neg": None},
            schema=sentiment.SCORE_SCHEMA,
        )


# scoring


def test_vader_equals_polarity_scores_per_sentence() -> None:
    result = sentiment.score(_sentences(TEXTS))
    analyzer = SentimentIntensityAnalyzer()
    scores = [analyzer.polarity_scores(text) for text in TEXTS]
    expected = pl.DataFrame(
        {
            "article_id": ["a"] * len(TEXTS),
            "sentence_idx": list(range(len(TEXTS))),
            "method": ["vader"] * len(TEXTS),
            **{column: [s[column] for s in scores] for column in ("compound", "pos", "neu", "neg")},
        },
        schema=sentiment.SENTIMENT_SCHEMA,
    )
    assert_frame_equal(result, expected)
    assert result["compound"][0] == 0.8316


def test_textblob_equals_textblob_polarity() -> None:
    result = sentiment.score(_sentences(TEXTS), methods=["textblob"])
    expected = pl.DataFrame(
        {
            "article_id": ["a"] * len(TEXTS),
            "sentence_idx": list(range(len(TEXTS))),
            "method": ["textblob"] * len(TEXTS),
            "compound": [TextBlob(text).sentiment.polarity for text in TEXTS],
            "pos": None,
            "neu": None,
            "neg": None,
        },
        schema=sentiment.SENTIMENT_SCHEMA,
    )
    assert_frame_equal(result, expected)
    assert result["compound"][1] == -1.0


def test_textblob_needs_no_nltk_data(tmp_path: Path) -> None:
    # A fresh process with no NLTK data anywhere and downloading forbidden.
    code = (
        "import nltk\n"
        "def refuse(*args, **kwargs):\n"
        "    raise SystemExit('nltk.download was called')\n"
        "nltk.download = refuse\n"
        f"nltk.data.path[:] = [{str(tmp_path)!r}]\n"
        "from framescope import sentiment\n"
        "frame = sentiment.TextBlobScorer().score_texts(['A great success.'])\n"
        "print(frame['compound'][0])\n"
    )
    env = {"HOME": str(tmp_path), "NLTK_DATA": str(tmp_path), "PATH": "/usr/bin:/bin"}
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=False
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0.55"


def test_score_stacks_methods_and_keeps_null_texts() -> None:
    result = sentiment.score(_sentences(["Good.", None]), methods=["vader", "textblob"])
    assert result.schema == pl.Schema(sentiment.SENTIMENT_SCHEMA)
    assert result.select("method", "sentence_idx").rows() == [
        ("vader", 0),
        ("vader", 1),
        ("textblob", 0),
        ("textblob", 1),
    ]
    assert result["compound"].is_null().to_list() == [False, True, False, True]


def test_score_empty_sentences() -> None:
    result = sentiment.score(_sentences([]), methods=["vader", "textblob"])
    expected = pl.DataFrame(schema=sentiment.SENTIMENT_SCHEMA)
    assert_frame_equal(result, expected)


def test_score_scores_each_distinct_text_once(monkeypatch: pytest.MonkeyPatch) -> None:
    counting = CountingScorer()
    monkeypatch.setitem(sentiment.METHODS, "counting", lambda: counting)
    texts = ["Good.", "Bad.", "Good.", "Good.", "Bad."]
    result = sentiment.score(_sentences(texts), methods=["counting"])
    assert counting.seen == ["Good.", "Bad."]
    assert result["method"].to_list() == ["counting"] * 5
    assert result["compound"].to_list() == [0.5] * 5


def test_dedup_gives_the_same_scores_as_one_by_one() -> None:
    texts = ["Good.", "A terrible war.", "Good.", "Neutral words here.", "A terrible war."]
    frame = pl.concat([_sentences(texts, "a"), _sentences(texts[::-1], "b")])
    result = sentiment.score(frame, methods=["vader", "textblob"])
    expected = pl.concat(
        sentiment.score(frame.slice(i, 1), methods=[method])
        for method in ("vader", "textblob")
        for i in range(frame.height)
    )
    assert_frame_equal(result, expected)


def test_processes_two_equals_serial() -> None:
    frame = pl.concat([_sentences(TEXTS, "a"), _sentences([t + " Really." for t in TEXTS], "b")])
    expected = sentiment.score(frame, methods=["vader", "textblob"])
    result = sentiment.score(frame, methods=["vader", "textblob"], processes=2)
    assert_frame_equal(result, expected)


def test_processes_need_a_picklable_factory(monkeypatch: pytest.MonkeyPatch) -> None:
    def local() -> CountingScorer:  # a nested function cannot be pickled
        return CountingScorer()

    monkeypatch.setitem(sentiment.METHODS, "local", local)
    with pytest.raises(ValueError, match="cannot be sent to worker processes"):
        sentiment.score(_sentences(["Good.", "Bad."]), methods=["local"], processes=2)


def test_unknown_method_names_it_and_lists_known() -> None:
    with pytest.raises(ValueError, match=r"'vadr'.*known methods: textblob, vader"):
        sentiment.score(_sentences(["Good."]), methods=["vader", "vadr"])


@pytest.mark.parametrize(
    ("kwargs", "match"),
    [
        ({"methods": []}, "methods is empty"),
        ({"processes": 0}, "processes must be at least 1, got 0"),
    ],
)
def test_score_rejects_bad_options(kwargs: dict, match: str) -> None:
    with pytest.raises(ValueError, match=match):
        sentiment.score(_sentences(["Good."]), **kwargs)


def test_score_accepts_one_method_name_as_a_string() -> None:
    result = sentiment.score(_sentences(["Good."]), methods="textblob")
    assert result["method"].to_list() == ["textblob"]


def test_score_names_missing_sentence_column() -> None:
    with pytest.raises(ValueError, match="sentences has no column 'text'"):
        sentiment.score(_sentences(["Good."]).drop("text"))


def test_scorer_with_wrong_output_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    @dataclass(frozen=True)
    class Broken:
        name: str = "broken"

        def score_texts(self, texts: list[str]) -> pl.DataFrame:
            return pl.DataFrame(
                {"compound": [2.0] * len(texts), "pos": None, "neu": None, "neg": None}
            )

    monkeypatch.setitem(sentiment.METHODS, "broken", Broken)
    with pytest.raises(ValueError, match=r"scorer 'broken' returned compound 2\.0 outside -1\.\.1"):
        sentiment.score(_sentences(["Good."]), methods=["broken"])
    assert isinstance(Broken(), sentiment.Scorer)


# aggregation


def test_article_tone() -> None:
    frame = _sentiment(
        [
            ("a", 0, "vader", -0.05),
            ("a", 1, "vader", 0.0),
            ("a", 2, "vader", 0.05),
            ("a", 3, "vader", 0.8),
            ("a", 4, "vader", None),
            ("a", 0, "textblob", -1.0),
            ("b", 0, "vader", -0.6),
        ]
    )
    result = sentiment.article_tone(frame)
    rule = "mean/median of sentence compound; negative <= -0.05 < neutral < 0.05 <= positive"
    expected = pl.DataFrame(
        {
            "article_id": ["a", "b"],
            "method": ["vader", "vader"],
            "n_sentences": [4, 1],
            "mean": [0.2, -0.6],
            "median": [0.025, -0.6],
            "share_negative": [0.25, 1.0],
            "share_neutral": [0.25, 0.0],
            "share_positive": [0.5, 0.0],
            "rule": [rule, rule],
        },
        schema=sentiment.ARTICLE_TONE_SCHEMA,
    )
    assert_frame_equal(result, expected)


def test_article_tone_threshold_shows_in_rule() -> None:
    frame = _sentiment([("a", 0, "textblob", 0.05), ("a", 1, "textblob", 0.2)])
    result = sentiment.article_tone(frame, method="textblob", threshold=0.1)
    assert result.select("share_neutral", "share_positive", "rule").row(0) == (
        0.5,
        0.5,
        "mean/median of sentence compound; negative <= -0.1 < neutral < 0.1 <= positive",
    )


def test_article_tone_empty_and_errors() -> None:
    empty = pl.DataFrame(schema=sentiment.SENTIMENT_SCHEMA)
    assert_frame_equal(
        sentiment.article_tone(empty), pl.DataFrame(schema=sentiment.ARTICLE_TONE_SCHEMA)
    )
    frame = _sentiment([("a", 0, "vader", 0.1)])
    with pytest.raises(
        ValueError, match=r"no rows for method 'textblob'; methods present: \['vader'\]"
    ):
        sentiment.article_tone(frame, method="textblob")
    with pytest.raises(ValueError, match=r"threshold must be between 0 and 1 .*got 0"):
        sentiment.article_tone(frame, threshold=0)


def test_actor_tone() -> None:
    frame = _sentiment(
        [
            ("a", 0, "vader", -0.4),
            ("a", 1, "vader", 0.6),
            ("a", 2, "vader", 0.9),
            ("a", 1, "textblob", -1.0),
            ("b", 0, "vader", 0.2),
        ]
    )
    mentions = pl.DataFrame(
        {
            "article_id": ["a", "a", "a", "a", "b", "c"],
            "sentence_idx": [0, 0, 1, 1, 0, 0],
            "actor": ["xi", "xi", "xi", "putin", "putin", "xi"],
            "alias": ["Xi", "Xi Jinping", "Xi", "Putin", "Putin", "Xi"],
            "start": [0, 10, 0, 5, 0, 0],
            "end": [2, 20, 2, 10, 5, 2],
        },
        schema_overrides={"sentence_idx": pl.Int32},
    )
    result = sentiment.actor_tone(frame, mentions)
    expected = pl.DataFrame(
        {
            "article_id": ["a", "a", "b"],
            "actor": ["xi", "putin", "putin"],
            "method": ["vader"] * 3,
            "n_sentences": [2, 1, 1],
            "mean": [0.1, 0.6, 0.2],
        },
        schema=sentiment.ACTOR_TONE_SCHEMA,
    )
    assert_frame_equal(result, expected)


def test_actor_tone_joins_across_index_dtypes() -> None:
    frame = _sentiment([("a", 0, "vader", 0.5)])
    mentions = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0], "actor": ["xi"]})
    result = sentiment.actor_tone(frame, mentions)
    assert result.select("actor", "n_sentences", "mean").rows() == [("xi", 1, 0.5)]


# gold standard


def test_read_gold_numeric_csv(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "gold.csv",
        'sentence,rating\n"Talks, finally.",5\nWar.,1\nMeh.,3\nOk.,4\n',
    )
    result = sentiment.read_gold(path, text_col="sentence", score_col="rating")
    expected = pl.DataFrame(
        {
            "text": ["Talks, finally.", "War.", "Meh.", "Ok."],
            "original": ["5", "1", "3", "4"],
            "score": [1.0, -1.0, 0.0, 0.5],
            "label": ["positive", "negative", "neutral", "positive"],
        },
        schema=sentiment.GOLD_SCHEMA,
    )
    assert_frame_equal(result, expected)


def test_read_gold_numeric_explicit_scale_and_band(tmp_path: Path) -> None:
    path = _write(tmp_path / "gold.csv", "text,score\na,47\nb,48\nc,52\nd,53\ne,60\n")
    result = sentiment.read_gold(path, scale=(0, 100))
    assert result["label"].to_list() == ["negative", "neutral", "neutral", "positive", "positive"]
    assert result["score"].to_list() == pytest.approx([-0.06, -0.04, 0.04, 0.06, 0.2])
    wide = sentiment.read_gold(path, scale=(0, 100), neutral_band=0.25)
    assert wide["label"].to_list() == ["neutral"] * 5
    with pytest.raises(ValueError, match=r"score 52 is outside the scale 0\.\.50"):
        sentiment.read_gold(path, scale=(0, 50))


def test_read_gold_label_tsv(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "gold.tsv",
        'text\tscore\nXi, Putin met.\tPositive\n"Quoted ""no"", he said."\tNEG\n'
        "Plain.\t neu \nSanctions hurt.\tnegative\n",
    )
    result = sentiment.read_gold(path)
    expected = pl.DataFrame(
        {
            "text": ["Xi, Putin met.", 'Quoted "no", he said.', "Plain.", "Sanctions hurt."],
            "original": ["Positive", "NEG", "neu", "negative"],
            "score": [1.0, -1.0, 0.0, -1.0],
            "label": ["positive", "negative", "neutral", "negative"],
        },
        schema=sentiment.GOLD_SCHEMA,
    )
    assert_frame_equal(result, expected)


def test_read_gold_sniffs_the_separator(tmp_path: Path) -> None:
    path = _write(tmp_path / "gold.txt", "\ufefftext\tscore\nGood, really.\t2\nBad.\t-2\n")
    result = sentiment.read_gold(path)
    assert result.select("text", "label").rows() == [
        ("Good, really.", "positive"),
        ("Bad.", "negative"),
    ]


@pytest.mark.parametrize(
    ("name", "content", "kwargs", "match"),
    [
        ("empty.csv", "", {}, "is empty"),
        ("blank.tsv", "\n  \n", {}, "is empty"),
        ("header.csv", "text,score\n", {}, "has a header but no rows"),
        (
            "cols.csv",
            "sentence,score\nGood.,1\n",
            {},
            r"has no column 'text'; columns found: \['sentence', 'score'\]",
        ),
        ("cols.csv", "text,score\nGood.,1\n", {"score_col": "rating"}, "no column 'rating'"),
        ("label.csv", "text,score\nGood.,positive\nHm.,mixed\n", {}, "unknown label 'mixed'"),
        ("mixed.csv", "text,score\nGood.,1\nHm.,neutral\n", {}, "unknown label '1'"),
        ("flat.csv", "text,score\nGood.,1\nFine.,1\n", {}, "every score is 1"),
        ("nan.csv", "text,score\nGood.,nan\nFine.,1\n", {}, "score nan is not a finite"),
        ("band.csv", "text,score\nGood.,1\n", {"neutral_band": 1}, "neutral_band must be"),
        ("hole.csv", "text,score\nGood.,1\nBad.,\n", {}, "line 3 has no score"),
        ("latin.csv", "text,score\nCaf\xe9.,1\n", {}, "is not UTF-8"),
    ],
)
def test_read_gold_rejects_bad_files(
    tmp_path: Path, name: str, content: str, kwargs: dict, match: str
) -> None:
    path = tmp_path / name
    encoding = "latin-1" if name == "latin.csv" else "utf-8"
    path.write_bytes(content.encode(encoding))
    with pytest.raises(ValueError, match=match):
        sentiment.read_gold(path, **kwargs)


def test_gold_fixture_labels_agree_with_scores() -> None:
    by_score = sentiment.read_gold(GOLD)
    by_label = sentiment.read_gold(GOLD, score_col="label")
    assert by_score.height == 32
    assert_frame_equal(by_score.select("text", "label"), by_label.select("text", "label"))
    assert by_score["original"].cast(pl.Int64).is_between(-2, 2).all()


def test_gold_fixture_seed_sentences_are_built_sentences(seed_build: Path) -> None:
    with GOLD.open(encoding="utf-8") as handle:
        rows = [row for row in csv.DictReader(handle) if row["origin"] != "written"]
    built = set(store.read("sentences", seed_build)["text"])
    assert len(rows) >= 10
    assert {(SEEDS / row["origin"]).is_file() for row in rows} == {True}
    assert [row["text"] for row in rows if row["text"] not in built] == []


# validation


def test_macro_f1_by_hand() -> None:
    # positive: TP 1, FP 0, FN 1 -> 2/3; negative: TP 1, FP 1, FN 0 -> 2/3; neutral: 0.
    result = sentiment.macro_f1(
        ["positive", "positive", "negative", "neutral"],
        ["positive", "neutral", "negative", "negative"],
    )
    assert result == pytest.approx(4 / 9)
    assert sentiment.macro_f1(["neutral"], ["neutral"]) == 1.0
    assert sentiment.macro_f1([], []) is None
    with pytest.raises(ValueError, match="gold has 1 labels but predicted has 0"):
        sentiment.macro_f1(["neutral"], [])


def test_validate_pins_macro_f1_on_hand_made_gold() -> None:
    texts = [
        "This is a wonderful, excellent agreement.",  # vader 0.891: positive
        "The attack was a horrible disaster.",  # -0.8934: negative
        "The meeting is on Tuesday.",  # 0.0: neutral
        "The talks were a great success.",  # 0.8316: positive
    ]
    labels = ["positive", "negative", "negative", "positive"]
    gold = pl.DataFrame(
        {"text": texts, "score": [1.0, -1.0, -1.0, 1.0], "label": labels},
    )
    result = sentiment.validate(gold, methods=["vader"])
    # positive: F1 1; negative: TP 1, FP 0, FN 1 -> 2/3; neutral: TP 0, FP 1 -> 0.
    assert result["macro_f1"][0] == pytest.approx(5 / 9)
    compound = [0.891, -0.8934, 0.0, 0.8316]
    assert result["pearson_r"][0] == pytest.approx(np.corrcoef([1, -1, -1, 1], compound)[0, 1])
    assert result["n"][0] == 4


def test_validate_on_fixture() -> None:
    result = sentiment.validate(sentiment.read_gold(GOLD))
    records = result.to_dicts()
    assert [record["method"] for record in records] == ["vader", "textblob"]
    for record in records:
        assert list(record) == ["method", "n", "pearson_r", "spearman_rho", "macro_f1"]
        assert record["n"] == 32
        for key in ("pearson_r", "spearman_rho"):
            assert isinstance(record[key], float)
            assert -1 <= record[key] <= 1
        assert 0 <= record["macro_f1"] <= 1


def test_validate_undefined_measures_are_none() -> None:
    gold = pl.DataFrame({"text": ["Good.", "Great."], "score": [0.0, 0.0], "label": ["neu", "neu"]})
    result = sentiment.validate(gold, methods=["vader"])
    assert result.to_dicts() == [
        {"method": "vader", "n": 2, "pearson_r": None, "spearman_rho": None, "macro_f1": 0.0}
    ]
    report = sentiment.validation_report(result)
    assert report.splitlines()[1].split() == ["vader", "2", "n/a", "n/a", "0.000"]


def test_validate_rejects_bad_gold() -> None:
    with pytest.raises(ValueError, match="gold has no column 'label'"):
        sentiment.validate(pl.DataFrame({"text": ["a"], "score": [1.0]}))
    gold = pl.DataFrame({"text": ["a"], "score": [1.0], "label": ["happy"]})
    with pytest.raises(ValueError, match="unknown label 'happy'"):
        sentiment.validate(gold)


def test_validation_report_table() -> None:
    result = pl.DataFrame(
        {
            "method": ["vader", "textblob"],
            "n": [32, 32],
            "pearson_r": [0.5, -0.25],
            "spearman_rho": [0.125, None],
            "macro_f1": [0.75, 0.5],
        },
        schema=sentiment.VALIDATION_SCHEMA,
    )
    lines = sentiment.validation_report(result).splitlines()
    assert lines[0].split() == ["method", "n", "pearson_r", "spearman_rho", "macro_f1"]
    assert lines[1].split() == ["vader", "32", "0.500", "0.125", "0.750"]
    assert lines[2].split() == ["textblob", "32", "-0.250", "n/a", "0.500"]
    assert "negative <= -0.05 < neutral < 0.05 <= positive" in lines[3]


# end to end


def test_scores_the_built_seed_sentences(seed_build: Path) -> None:
    sentences = store.read("sentences", seed_build)
    result = sentiment.score(sentences, methods=["vader", "textblob"])
    assert result.schema == pl.Schema(sentiment.SENTIMENT_SCHEMA)
    assert result.height == 2 * sentences.height
    assert result.select("article_id", "sentence_idx", "method").is_unique().all()
    assert result["compound"].null_count() == 0
    assert result["compound"].is_between(-1, 1).all()
    vader = result.filter(pl.col("method") == "vader")
    assert (vader["pos"] + vader["neu"] + vader["neg"] - 1).abs().max() < 0.01

    tone = sentiment.article_tone(result)
    assert tone.height == sentences["article_id"].n_unique()
    shares = tone["share_negative"] + tone["share_neutral"] + tone["share_positive"]
    assert (shares - 1).abs().max() < 1e-9
    assert tone["n_sentences"].sum() == sentences.height

    actors = sentiment.actor_tone(result, store.read("mentions", seed_build))
    assert actors.height > 0
    assert actors["mean"].is_between(-1, 1).all()
