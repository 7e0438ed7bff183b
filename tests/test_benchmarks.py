"""The benchmark's generator, baseline and runner (no timing assertions: timing is the
benchmark's business, not the tests')."""

from __future__ import annotations

import json
import re
import sys

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import config, ingest, mentions, profile, sentences
from framescope.ingest import sidecar

sys.path.insert(0, str(config.ROOT))  # benchmarks/ lives beside src/, not inside it

from benchmarks import baseline, generate, report, run
from tests.conftest import SEEDS
from tests.test_mentions import HAND_COUNTS

PROFILE = profile.load()


def _framescope_sentences(raw) -> pl.DataFrame:
    """framescope's cleaned and split sentences of the files under ``raw``, with the path."""
    files, sidecars = ingest.discover([raw])
    batch = ingest.read(files, progress=False)
    sources = pl.concat([sidecar.read(p) for p in sidecars]) if sidecars else None
    articles, _ = ingest.prepare(batch.records, sources=sources, names=PROFILE.name_words())
    split = sentences.split(articles.select("article_id", "text"))
    return split.join(articles.select("article_id", "path", "external_id"), on="article_id")


def test_the_generator_is_deterministic_for_a_seed():
    first = pl.concat([frame for frame, _ in generate.chunks(30, seed=3, size=7)])
    again = pl.concat([frame for frame, _ in generate.chunks(30, seed=3, size=30)])
    other = pl.concat([frame for frame, _ in generate.chunks(30, seed=4)])
    assert_frame_equal(first, again)
    assert not first.equals(other)
    assert first["text"].str.count_matches(r"\n\n").min() >= 2  # paragraphs


@pytest.mark.parametrize("perturbation", generate.PERTURBATIONS)
def test_most_generated_sentences_are_distinct(tmp_path, perturbation):
    stats = generate.write(300, tmp_path, seed=1, perturbation=perturbation)["jsonl"]
    assert stats.sentences >= 300 * generate.SENTENCES_PER_ARTICLE[0]
    assert stats.distinct_ratio >= 0.9
    assert generate.read_stats(tmp_path) == stats


def test_exports_come_in_parts_and_a_rewrite_replaces_them(tmp_path):
    (tmp_path / "keep.txt").write_text("not the generator's")
    generate.write(25, tmp_path, formats=["jsonl"], part_size=10)
    assert sorted(p.name for p in tmp_path.glob("articles-*")) == [
        "articles-00001.jsonl",
        "articles-00002.jsonl",
        "articles-00003.jsonl",
    ]
    generate.write(5, tmp_path, formats=["jsonl"], part_size=10)
    assert [p.name for p in tmp_path.glob("articles-*")] == ["articles-00001.jsonl"]
    assert (tmp_path / "keep.txt").exists()


def test_every_format_is_written_labelled_synthetic_and_read_by_the_ingest(tmp_path):
    n = 12
    written = generate.write(n, tmp_path, formats=generate.FORMATS, seed=2)
    assert set(written) == set(generate.FORMATS)
    for fmt in ("jsonl", "csv", "parquet"):
        folder = tmp_path / fmt
        (export,) = [p for p in folder.iterdir() if not p.name.startswith(".")]
        records = {"jsonl": pl.read_ndjson, "csv": pl.read_csv, "parquet": pl.read_parquet}[fmt](
            export
        )
        assert records.height == n
        assert records["note"].str.starts_with("SYNTHETIC").all()
        assert records["source"].str.starts_with("synthetic outlet ").all()
        assert records["title"].str.starts_with("Synthetic benchmark article").all()
    texts = sorted((tmp_path / "txt").glob("*.txt"))
    assert len(texts) == n
    assert all(p.read_text().startswith(" date 2023-") for p in texts)
    assert all(" Synthetic\nSynthetic benchmark article" in p.read_text() for p in texts)
    assert pl.read_csv(tmp_path / "txt" / "sources.csv")["note"].str.contains("SYNTHETIC").all()
    pages = sorted((tmp_path / "html").glob("*.html"))
    assert len(pages) == n
    assert all("<!-- SYNTHETIC" in p.read_text() for p in pages)
    for fmt in generate.FORMATS:
        files, _ = ingest.discover([tmp_path / fmt])
        batch = ingest.read(files, progress=False)
        assert batch.rejects.is_empty(), fmt
        assert batch.records.height == n, fmt


def test_baseline_finds_framescope_s_mentions_in_the_seed_sentences():
    split = _framescope_sentences(SEEDS)
    ours = mentions.extract(split, PROFILE).join(
        split.select("article_id", "sentence_idx", pl.col("start").alias("_offset")),
        on=["article_id", "sentence_idx"],
    )
    expected = ours.select(
        "article_id",
        "sentence_idx",
        "actor",
        "alias",
        (pl.col("start") - pl.col("_offset")).alias("start"),
        (pl.col("end") - pl.col("_offset")).alias("end"),
    ).sort(pl.all())
    found = baseline.mentions(
        split.select("article_id", "sentence_idx", "text").to_pandas(), baseline.load_profile()
    )
    result = pl.from_pandas(found).cast(expected.schema).sort(pl.all())
    assert_frame_equal(result, expected)
    files = split.select("article_id", pl.col("path").str.extract(r"/(\d{3})_[^/]*$")).unique()
    counts = result.join(files, on="article_id").group_by("path", "actor").len()
    by_file = {
        file: {
            a: counts.filter((pl.col("path") == file) & (pl.col("actor") == a))["len"].sum()
            for a in actors
        }
        for file, actors in HAND_COUNTS.items()
    }
    assert by_file == HAND_COUNTS


def test_baseline_counts_equal_framescope_s_on_a_synthetic_corpus(tmp_path):
    generate.write(40, tmp_path, seed=5)
    split = _framescope_sentences(tmp_path)
    ours = (
        mentions.extract(split, PROFILE)
        .join(split.select("article_id", "external_id").unique(), on="article_id")
        .group_by("external_id", "actor")
        .len()
    )
    articles = baseline.ingest(tmp_path)
    theirs = (
        pl.from_pandas(baseline.mentions(baseline.sentences(articles), baseline.load_profile()))
        .group_by(pl.col("article_id").alias("external_id"), "actor")
        .len()
    )
    assert len(articles) == split["article_id"].n_unique() == 40
    assert_frame_equal(ours.sort(pl.all()), theirs.sort(pl.all()), check_dtypes=False)


def test_baseline_splits_sentences_like_an_analyst():
    text = "Mr. Xi met Mr. Putin in the U.S. on Monday. “It rained,” he said. Next\nline"
    assert baseline.split_sentences(text) == [
        "Mr. Xi met Mr. Putin in the U.S. on Monday.",
        "“It rained,” he said.",
        "Next",
        "line",
    ]


def test_baseline_figures_read_money_and_percent():
    frame = baseline.sentences(
        baseline.pd.DataFrame({"id": ["a"], "text": ["Trade rose 29.3% to $190,27 billion."]})
    )
    result = pl.from_pandas(baseline.figures(frame)).select("surface", "value", "unit").rows()
    assert result == [("$190,27 billion", 190.27e9, "USD"), ("29.3%", 29.3, "percent")]


def test_run_writes_a_report_with_every_column(tmp_path):
    report_file = tmp_path / "README.md"
    options = ["--sizes", "30", "--skip-baseline-above", "30", "--dask-size", "0"]
    options += ["--profile-size", "0", "--stress-sizes", "20", "--no-seeds"]
    run.main([*options, "--out", str(tmp_path), "--report", str(report_file)])
    text = report_file.read_text()
    for columns in (
        report.BUILD_COLUMNS,
        report.PHASE_COLUMNS,
        report.STAGE_COLUMNS,
        report.DASHBOARD_COLUMNS,
        report.COUNT_COLUMNS,
        report.STRESS_COLUMNS,
        ("target", "measured", "verdict"),
    ):
        assert "| " + " | ".join(columns) + " |" in text
    rows = [line.split(" | ") for line in text.splitlines() if line.startswith("| jsonl 30 | ")]
    assert {row[2] for row in rows if row[1] == "framescope"} >= set(report.PHASES) - {"other"}
    assert {row[2] for row in rows if row[1] == "baseline"} >= set(report.STAGES)
    assert {row[1] for row in rows} >= {*report.STAGES[:-1], "write_partitions"}  # per stage
    for pipeline in ("framescope", "baseline"):
        assert f"| jsonl 30 | {pipeline} | 30 | 0.2 |" in text
    assert "| jsonl 20 light | light | 20 |" in text
    assert "Machine: " in text
    assert "polars 2" in text
    assert not re.search(r"\b(None|nan|inf)\b", text)
    results = json.loads((tmp_path / "results.json").read_text())
    kinds = {r["pipeline"] for r in results["runs"]}
    assert kinds == {"framescope", "baseline", "dashboard", "identify"}
