from __future__ import annotations

import csv
from pathlib import Path

import numpy as np
import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import config, sentiment, store

GOLD = config.ROOT / "tests" / "fixtures" / "gold_sentiment.csv"
SEEDS = config.ROOT / "data" / "raw" / "xi_moscow_2023"


def _write(path: Path, content: str) -> Path:
    path.write_text(content, encoding="utf-8")
    return path


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
    assert [record["method"] for record in records] == ["multilex", "vader", "textblob"]
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
