"""The benchmark's generator, baseline and runner (no timing assertions: timing is the
benchmark's business, not the tests')."""

from __future__ import annotations

import datetime as dt
import json
import random
import re
import subprocess
import sys

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import config, ingest, mentions, profile, sentences
from framescope.ingest import sidecar

sys.path.insert(0, str(config.ROOT))  # benchmarks/ lives beside src/, not inside it

from benchmarks import (
    baseline,
    browser,
    coverage,
    families,
    generate,
    load,
    patches,
    report,
    run,
    score,
)
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


@pytest.mark.parametrize("family", families.FAMILIES)
def test_each_family_is_deterministic_for_a_seed(family):
    def corpus(seed: int, size: int) -> tuple[pl.DataFrame, pl.DataFrame]:
        parts = list(generate.chunks(60, family=family, seed=seed, size=size))
        return pl.concat(p.frame for p in parts), pl.concat(p.planted for p in parts)

    result = corpus(3, 7)
    expected = corpus(3, 100)
    assert_frame_equal(result[0], expected[0])
    assert_frame_equal(result[1], expected[1])
    assert not result[0].equals(corpus(4, 100)[0])
    assert result[0]["text"].str.count_matches(r"\n\n").min() >= (0 if family == "stubs" else 2)


@pytest.mark.parametrize("family", ["dense", "light"])
def test_most_generated_sentences_are_distinct(tmp_path, family):
    stats = generate.write(300, tmp_path, seed=1, family=family)["jsonl"]
    assert stats.sentences >= 300 * generate.SENTENCES_PER_ARTICLE[0]
    assert stats.distinct_ratio >= 0.9
    assert generate.read_stats(tmp_path) == stats
    assert generate.read_planted(tmp_path).is_empty()


def test_sampled_articles_share_the_seed_sentences_unchanged(tmp_path):
    stats = generate.write(100, tmp_path, family="sampled")["jsonl"]
    assert stats.distinct_sentences <= len(generate.seed_pool().sentences)
    assert stats.sentences >= 100 * generate.SENTENCES_PER_ARTICLE[0]


def _body(text: str, outlet: str) -> list[str]:
    """The paragraphs of a generated article between its outlet's header and footer."""
    furniture = families.boilerplate(outlet)
    blocks = text.split("\n\n")
    return blocks[1 : len(blocks) - len(furniture.footer)]


def test_the_planted_file_holds_what_was_written(tmp_path):
    stats = generate.write(150, tmp_path, family="stubs", part_size=40, seed=7)["jsonl"]
    records = pl.concat(pl.read_ndjson(p) for p in sorted(tmp_path.glob("articles-*.jsonl")))
    planted = generate.read_planted(tmp_path)
    result = (stats.originals, stats.copies, stats.stubs, stats.articles, records.height)
    assert result == (150, 45, 58, 253, 253)
    assert planted["kind"].value_counts().sort("kind").rows() == [("copy", 45), ("stub", 58)]
    assert planted["id"].is_in(records["id"].implode()).all()
    assert records["note"].str.starts_with("SYNTHETIC").all()
    assert records["title"].str.starts_with("Synthetic benchmark article").all()
    by_id = {row["id"]: row for row in records.iter_rows(named=True)}
    for copy in planted.filter(kind="copy").iter_rows(named=True):
        ours, theirs, story = by_id[copy["id"]], by_id[copy["original"]], by_id[copy["story"]]
        assert ours["source"] != theirs["source"]
        day = dt.date.fromisoformat
        assert 0 <= (day(ours["published"]) - day(theirs["published"])).days <= 2
        assert ours["title"].split(": ", 1)[1] != story["title"].split(": ", 1)[1]
        written = families.containment(ours["text"], story["text"])
        assert written == pytest.approx((copy["containment"], copy["jaccard"]))
        # Most of the story's body stays: a copy drops at most its last two paragraphs and
        # rewrites its lede (0.79 for one short article with seed 7, after the profile's
        # actors changed the random draws).
        assert copy["body_containment"] >= 0.7
        if copy["original"] == copy["story"]:  # the original's last paragraph is dropped
            assert _body(theirs["text"], theirs["source"])[-1] not in ours["text"]
        credit = {"AP": "(AP)|Associated Press"}.get(copy["wire"], copy["wire"])
        assert copy["wire"] is None or re.search(credit, ours["text"])
    stubs = records.filter(pl.col("id").is_in(planted.filter(kind="stub")["id"].implode()))
    assert stubs["text"].str.count_matches(r"\S+").max() < 40
    assert stubs["source"].n_unique() > 20
    articles = records.join(planted.filter(kind="stub"), on="id", how="anti")
    assert articles["text"].str.count_matches(r"\S+").min() > 200
    for row in articles.iter_rows(named=True):  # each outlet's lines on each of its articles
        furniture = families.boilerplate(row["source"])
        assert row["text"].startswith("\n".join(furniture.header))
        assert row["text"].endswith("\n\n".join(furniture.footer))


def _planted(*rows: tuple[str, str, str | None, str | None]) -> pl.DataFrame:
    """Planted rows from (id, kind, story, wire); each copy's original is its story."""
    frame = pl.DataFrame(rows, schema=["id", "kind", "story", "wire"], orient="row")
    measures = ("containment", "jaccard", "body_containment")
    return frame.with_columns(
        pl.col("story").alias("original"), *(pl.lit(None, pl.Float64).alias(m) for m in measures)
    ).select(list(generate.PLANTED_SCHEMA))


# Records: originals o1-o4 (o4 did not become an article), copies c1 (of o1), c2 (of c1, so of
# o1's story), c3 (of o2), c4 (of o3), stub pages s1-s3 (s3 rejected). The build groups c1 and
# c2 under o1 (right), o2 under its same-day copy c3 (right: one story), o3 under o1 (wrong),
# leaves c4 alone (missed) and s2 under s1 (a stub with a stub: right). It finds the credits
# of c1, c2 (among two agencies) and c3 (by the agency's long name), not c4's, and names an
# agency for o3, which credits none.
PLANTED = _planted(
    ("c1", "copy", "o1", "Reuters"),
    ("c2", "copy", "o1", "AFP"),
    ("c3", "copy", "o2", "AP"),
    ("c4", "copy", "o3", "Xinhua"),
    ("s1", "stub", None, None),
    ("s2", "stub", None, None),
    ("s3", "stub", None, None),
)
BUILT = pl.DataFrame(
    {
        "article_id": ["O1", "O2", "O3", "C1", "C2", "C3", "C4", "S1", "S2"],
        "external_id": ["o1", "o2", "o3", "c1", "c2", "c3", "c4", "s1", "s2"],
        "syndicated_from": [None, "C3", "O1", "O1", "O1", None, None, None, "S1"],
        "wire": [None, None, "TASS", "Reuters", "TASS, AFP", "Associated Press", None, None, None],
    }
)


def test_scores_judge_a_build_against_what_was_planted():
    result = score.score(BUILT, PLANTED, records=11)
    expected = score.Scores(
        column="syndicated_from",
        records=11,
        articles=9,
        lost=1,
        copies=4,
        copies_built=4,
        recalled=3,
        marked=4,
        marked_right=3,
        stubs=3,
        stubs_built=2,
        stubs_marked=1,
        stubs_marked_right=1,
        credits=4,
        credits_found=3,
        wire_unplanted=1,
    )
    assert result == expected
    assert (result.recall, result.precision, result.wire_recall) == (0.75, 0.75, 0.75)


def test_scores_fall_back_to_duplicate_of_and_follow_chains():
    # A build that names a copy's copy as the group (C2 -> C1 -> O1) still groups them all.
    chained = BUILT.drop("wire").rename({"syndicated_from": "duplicate_of"})
    chained = chained.with_columns(
        pl.when(pl.col("article_id") == "C2")
        .then(pl.lit("C1"))
        .otherwise("duplicate_of")
        .alias("duplicate_of")
    )
    result = score.score(chained, PLANTED, records=11)
    assert (result.column, result.recalled, result.marked_right) == ("duplicate_of", 3, 3)
    assert (result.credits_found, result.wire_unplanted, result.wire_recall) == (None, None, None)
    both = BUILT.with_columns(pl.lit(None, pl.String).alias("duplicate_of"))
    assert score.score(both, PLANTED, records=11).column == "syndicated_from"


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


@pytest.mark.slow
def test_run_writes_a_report_with_every_column(tmp_path):
    report_file = tmp_path / "README.md"
    options = ["--sizes", "30", "--skip-baseline-above", "30", "--dask-size", "0"]
    options += ["--profile-size", "0", "--no-seeds"]
    options += ["--families", "dense,realistic,stubs", "--family-sizes", "30"]
    options += ["--realistic-size", "0"]
    run.main([*options, "--out", str(tmp_path), "--report", str(report_file)])
    text = report_file.read_text()
    for columns in (
        report.BUILD_COLUMNS,
        report.PHASE_COLUMNS,
        report.STAGE_COLUMNS,
        report.DASHBOARD_COLUMNS,
        report.COUNT_COLUMNS,
        report.CORPUS_COLUMNS,
        coverage.COST_COLUMNS,
        coverage.FOUND_COLUMNS,
        coverage.PLANTED_COLUMNS,
        ("target", "measured", "verdict"),
    ):
        assert "| " + " | ".join(columns) + " |" in text
    rows = [line.split(" | ") for line in text.splitlines() if line.startswith("| jsonl 30 | ")]
    assert {row[2] for row in rows if row[1] == "framescope"} >= set(report.PHASES) - {"other"}
    assert {row[2] for row in rows if row[1] == "baseline"} >= set(report.STAGES)
    assert {row[1] for row in rows} >= {*report.STAGES[:-1], "write_partitions"}  # per stage
    for pipeline in ("framescope", "baseline"):
        assert f"| jsonl 30 | {pipeline} | 30 | 0.2 |" in text
    assert "| dense (the jsonl 30 build) | 30 | 30 |" in text
    assert "| realistic | 30 | 39 |" in text
    assert "| stubs | 30 | 51 |" in text
    assert re.search(r"\| realistic 30 \| `(syndicated_from|duplicate_of)` \| 9 \|", text)
    assert "| stubs 30 | stubs | dense | 51 | 9 | 12 |" in text
    for target in ("10x the baseline's", "every family at 20,000", "syndication recall"):
        assert target in text
    assert "--families dense,realistic,stubs --family-sizes 30 --realistic-size 0" in text
    assert "Machine: " in text
    assert "## Dashboard under load\n\nNot run (`--load-size 0`)." in text
    assert "## Dashboard in a browser\n\nNot run (`--browser-size 0`)." in text
    assert "polars 2" in text
    assert not re.search(r"\b(None|nan|inf)\b", text)
    results = json.loads((tmp_path / "results.json").read_text())
    kinds = {r["pipeline"] for r in results["runs"]}
    assert kinds == {"framescope", "baseline", "dashboard"}
    assert [(f["family"], f["size"]) for f in results["families"]] == [
        ("dense", 30),
        ("realistic", 30),
        ("stubs", 30),
    ]
    assert results["families"][1]["scores"]["copies"] == 9


# --- the dashboard under load (benchmarks.load) ---------------------------------------------


def test_percentiles_interpolate_between_ranks():
    values = [0.5, 0.1, 0.4, 0.2, 0.3]
    assert load.percentile(values, 0) == 0.1
    assert load.percentile(values, 50) == 0.3
    assert load.percentile(values, 90) == pytest.approx(0.46)
    assert load.percentile(values, 100) == 0.5
    assert load.summary(values) == pytest.approx(
        {"n": 5, "p50": 0.3, "p90": 0.46, "p99": 0.496, "max": 0.5, "mean": 0.3}
    )
    assert load.summary([])["p99"] is None


def _model(name: str, key: str, **attributes) -> dict:
    return {"type": "object", "name": name, "id": key, "attributes": attributes}


DAY = patches.DAY_MS
PULLED = {
    "roots": [
        _model("panel.models.location.Location", "p1", search="?x"),
        _model(
            "panel.models.layout.Column",
            "p2",
            children=[
                _model("MultiChoice", "p3", title="Outlets", options=["a", "b", "c", "d"],
                       value=["a", "b", "c", "d"]),
                _model("MultiChoice", "p4", title="Actors (mention charts)", options=["x"]),
                _model("DateRangeSlider", "p5", start=0, end=30 * DAY, value=[0, 30 * DAY]),
                _model("panel.models.widgets.CustomSelect", "p6", title="Actor (tone, evidence)",
                       options=[["x", "x"], ["y", "y"]], value="x"),
                _model("panel.models.tabs.Tabs", "p7", tabs=[
                    _model("TabPanel", "p8", title="Overview"),
                    _model("TabPanel", "p9", title="Sentiment"),
                ]),
                _model("panel.models.plotly.PlotlyPlot", "p10", data=[]),
                {"id": "p3"},  # a model seen before is written by id only
            ],
        ),
    ]
}  # fmt: skip


def test_a_pulled_document_gives_the_widgets_and_each_change_a_new_value():
    found = patches.objects(PULLED)
    assert len(found) == 10
    controls = patches.widgets(found)
    assert (controls.outlets["id"], controls.dates["id"], controls.actor["id"]) == (
        "p3",
        "p5",
        "p6",
    )
    assert controls.tab_titles == ["Overview", "Sentiment"]
    rng = random.Random(0)
    seen = []
    for kind in ("outlets", "dates", "actor") * 5:
        before = found[{"outlets": "p3", "dates": "p5", "actor": "p6"}[kind]]["attributes"]["value"]
        [event] = patches.plan(kind, controls, rng)
        assert event["kind"] == "ModelChanged" and event["attr"] == "value"
        assert event["new"] != before
        seen.append(event["new"])
        if kind == "outlets":
            assert 2 <= len(event["new"]) < 4
            assert event["new"] == sorted(event["new"])  # in the widget's order
        elif kind == "dates":
            start, end = event["new"]
            assert 0 <= start < end <= 30 * DAY
            assert end - start >= 10 * DAY and start % DAY == end % DAY == 0
        else:
            assert event["new"] in ("x", "y")
    assert len({json.dumps(value) for value in seen}) > 5
    with pytest.raises(RuntimeError, match="Outlets"):
        patches.widgets({})


def test_only_content_patches_count_and_a_chart_or_table_patch_is_a_redraw():
    names = {key: model["name"] for key, model in patches.objects(PULLED).items()}

    def event(key: str, attr: str, kind: str = "ModelChanged") -> dict:
        return {"kind": kind, "model": {"id": key}, "attr": attr}

    busy = [event("p2", "css_classes"), event("p10", "stylesheets"), event("p1", "search")]
    classify = patches.classify
    assert classify(busy, names) == (0, False)
    assert classify([event("p3", "value"), event("p99", "text")], names) == (2, False)
    assert classify([event("p10", "data"), event("p10", "_render_count")], names) == (2, True)
    assert classify([event("p42", "data", "ColumnDataChanged")], names) == (1, True)


def _load_result(**rounds: tuple[float, float, int]) -> dict:
    """A benchmarks.load result: sessions -> (p90, p99, errors)."""
    return {
        "options": {"changes": 6, "think": 1.0, "quiet": 1.0, "timeout": 60.0},
        "rounds": [
            {
                "sessions": int(n),
                "opened": int(n),
                "changes": 6 * int(n),
                "latency": {"n": 6 * int(n), "p50": 0.1, "p90": p90, "p99": p99, "max": p99},
                "open_seconds": load.summary([2.0]),
                "errors": errors,
                "timeouts": 0,
                "late": 0,
                "server_cpu_per_change": 0.06,
                "server_busy": 0.5,
                "rss_ready": 2.1e9,
                "rss_end": 2.2e9,
                "rss_peak": 2.3e9,
            }
            for n, (p90, p99, errors) in ((k.removeprefix("s"), v) for k, v in rounds.items())
        ],
    }


def test_the_load_section_and_the_issue_13_targets():
    results = report.Results({}, {"formats": ["jsonl"]})
    assert report.load_section(results) == "Not run (`--load-size 0`)."
    assert all("not measured" in row[2] for row in report._load_targets(results))
    result = _load_result(s20=(0.8, 1.2, 0), s50=(3.0, 6.5, 0))
    results.loads.append(report.Run("load", "jsonl 100,000", 100_000, 0, result, int(2.3e9)))
    text = report.load_section(results)
    assert "| " + " | ".join(report.LOAD_COLUMNS) + " |" in text
    assert "| jsonl 100,000 | 100,000 | 20 | 20 | 120 | 0.10 | 0.80 | 1.20 |" in text
    assert "| 60 | 50% of a core | — | 2,100 / 2,200 / 2,300 |" in text
    twenty, fifty = report._load_targets(results)
    assert "p90 < 1 s" in twenty[0] and twenty[2] == "**met**"
    assert twenty[1].startswith("0.80 s on jsonl 100,000 (120 changes, 0 errors, 0 timeouts)")
    assert "p99 < 5 s" in fifty[0] and fifty[2].startswith("**not met** Server CPU 60 ms")
    failing = _load_result(s20=(0.8, 1.2, 3))
    results.loads[0] = report.Run("load", "jsonl 100,000", 100_000, 0, failing, 0)
    twenty, fifty = report._load_targets(results)
    assert twenty[2].startswith("**not met**") and "3 errors or timeouts" in twenty[2]
    assert fifty[2].startswith("not measured")
    small = report.Run("load", "seeds", 5, 0, result, 0)
    results.loads = [small]
    assert "largest build: 5" in report._load_targets(results)[0][2]
    assert "`--timeout` 60.0.\n" in report.load_section(results)
    small.result["server_args"] = ["--workers", "2"]
    assert "`--timeout` 60.0; `framescope serve --workers 2`." in report.load_section(results)


@pytest.mark.slow
def test_the_load_harness_drives_sessions_against_a_served_build(seed_build, tmp_path):
    result = tmp_path / "load.json"
    options = ["--data", str(seed_build), "--sessions", "2", "--changes", "2"]
    options += ["--think", "0.2", "--quiet", "0.5", "--timeout", "30", "--result", str(result)]
    assert load.main(options) == 0
    [entry] = json.loads(result.read_text())["rounds"]
    assert (entry["sessions"], entry["opened"], entry["changes"]) == (2, 2, 4)
    assert (entry["errors"], entry["timeouts"], entry["no_redraw"]) == (0, 0, 0)
    assert entry["latency"]["n"] == 4
    assert 0 < entry["latency"]["p50"] < 30
    assert set(entry["by_kind"]) == {"outlets", "dates"}
    assert entry["rss_peak"] >= entry["rss_ready"] > 50e6
    assert entry["server_cpu_per_change"] > 0
    assert all(sample[4] > 0 for sample in entry["samples"])  # each redraw sent content


# --- the dashboard in a browser (benchmarks.browser) ----------------------------------------


def test_a_visit_s_parts_follow_one_another_and_skip_what_was_not_seen():
    assert browser._parts([300.0, 1200.0, 1400.0], 2000.0) == {
        "document": 0.3,
        "scripts": 0.9,
        "websocket": 0.2,
        "drawing": 0.6,
    }
    result = browser._parts([300.0, 1200.0, None], 2000.0)
    assert result == {"document": 0.3, "scripts": 0.9, "drawing": 0.8}


def _browser_run(
    corpus: str, bundle: str, times: tuple[float, float, float], *, hosts=("127.0.0.1",)
) -> report.Run:
    """A benchmarks.browser result for one build and bundle, as the runner keeps it: the
    median first and later visit, and the median change, in seconds."""
    cold, warm, change = times
    articles = 5 if corpus == "seeds" else 100_000

    def visit(seconds: float) -> dict:
        parts = {"document": 0.3, "scripts": 1.0, "websocket": 0.1, "drawing": seconds - 1.4}
        return {"first_chart": seconds, "fastest": seconds - 0.5, "parts": parts,
                "transferred": 7.2e6}  # fmt: skip

    result = {
        "bundle": bundle,
        "summary": {"cold": visit(cold), "warm": visit(warm) | {"transferred": 25_000}},
        "first_visit_after_start": cold + 1.0,
        "change": change,
        "change_min": change / 2,
        "change_max": 2 * change,
        "change_by_kind": {"outlet": change, "granularity": change + 0.01},
        "change_server": change - 0.05,
        "change_browser": 0.05,
        "no_redraw": 0,
        "hosts": list(hosts),
        "console_errors": [],
        "runs": [{}] * 5,
        "load_average": {"min": 1.04, "max": 2.51},
        "rss_peak": 2.3e9,
    }
    pipeline = "browser" if bundle == "served" else f"browser ({bundle})"
    return report.Run(pipeline, corpus, articles, 0, result)


def test_the_browser_section_and_the_issue_17_targets():
    results = report.Results({}, {"formats": ["jsonl"]})
    assert browser.section(results) == "Not run (`--browser-size 0`)."
    assert all("not measured" in row[2] for row in browser.target_rows(results))
    results.browsers += [
        _browser_run("seeds", "served", (2.0, 1.5, 0.12)),
        _browser_run("seeds", "panel-plotly", (3.0, 2.6, 0.13)),
        _browser_run("jsonl 100,000", "served", (2.5, 1.8, 0.2)),
        _browser_run("jsonl 100,000", "panel-plotly", (3.6, 3.2, 0.25)),
    ]
    text = browser.section(results)
    assert "| " + " | ".join(browser.COLUMNS) + " |" in text
    assert (
        "| jsonl 100,000 | 100,000 | served (partial, 1.5 MB) | 5 | 2.50 (2.00) | 1.80 (1.30) | "
        "0.30 + 1.00 + 0.10 + 1.10 | 0.30 + 1.00 + 0.10 + 0.40 | 7.2 / 0.03 | 200 | 210 | "
        "100 / 400 | 150 + 50 | 3.50 | 1.0-2.5 |" in text
    )
    assert "| seeds | 5 | Panel's full bundle | 5 | 3.00 (2.50) | 2.60 (2.10) |" in text
    assert text.endswith("Every request went to 127.0.0.1.")
    cold, warm, change = browser.target_rows(results)
    assert "first chart < 5 s at 100,000 articles (issue 17)" in cold[0]
    assert cold[1:] == [
        "2.50 s on jsonl 100,000 (median of 5 runs; load average 1.0-2.5); seeds 2.00 s; with "
        "Panel's full plotly.js 3.60 s",
        "**met**",
    ]
    assert warm[2] == "**met**"
    assert change[1] == (
        "200 ms on jsonl 100,000 (median of 5 runs, slowest 400 ms; load average 1.0-2.5); seeds "
        "120 ms; with Panel's full plotly.js 250 ms"
    )
    leaky = ("127.0.0.1", "cdn.example.org")
    results.browsers[2] = _browser_run("jsonl 100,000", "served", (6.0, 3.5, 0.4), hosts=leaky)
    cold, warm, change = browser.target_rows(results)
    assert cold[2] == "**not met** The longest part is drawing (4.60 s)."
    assert warm[2] == "**not met** The longest part is drawing (2.10 s)."
    assert change[2] == (
        "**not met** Until the chart's update arrived from the server 350 ms, then the browser's "
        "redraw 50 ms (medians)."
    )
    assert browser.section(results).endswith("**Requests left this machine**, to: cdn.example.org.")
    results.browsers = results.browsers[:2]  # the seeds alone: no target size
    assert browser.target_rows(results)[0][2] == "not measured (largest build: 5)"


@pytest.mark.slow
@pytest.mark.browser
def test_the_browser_harness_times_a_served_build(seed_build, tmp_path):
    result = tmp_path / "browser.json"
    options = ["--data", str(seed_build), "--runs", "1", "--no-baseline", "--result", str(result)]
    # A process of its own, as the runner starts it: Playwright's sync API runs an event loop
    # that another in this process (a browser fixture's, asyncio.run) would meet.
    command = [sys.executable, "-m", "benchmarks.browser", *options]
    subprocess.run(command, cwd=config.ROOT, check=True, capture_output=True, timeout=600)
    data = json.loads(result.read_text())
    assert list(data["bundles"]) == ["served"]
    served = data["bundles"]["served"]
    cold = served["summary"]["cold"]
    assert 0 < cold["first_chart"] == served["first_visit_after_start"]
    assert set(cold["parts"]) == set(browser.PARTS)
    assert sum(cold["parts"].values()) == pytest.approx(cold["first_chart"], abs=0.01)
    assert cold["transferred"] > 1e6 > served["summary"]["warm"]["transferred"]  # cached
    [run_] = served["runs"]
    assert [c["kind"] for c in run_["changes"]] == [kind for kind, _ in browser.CHANGES]
    assert all(c["latency"] and c["redraws"] for c in run_["changes"])
    for change in run_["changes"]:  # the figure's update arrived before the redraw
        assert change["server"] + change["browser"] == pytest.approx(change["latency"])
    assert served["hosts"] == ["127.0.0.1"]
    assert served["console_errors"] == []
    bundle = next(r for r in run_["cold"]["largest"] if r["name"].startswith("plotly-"))
    assert bundle["bytes"] < 2e6  # the partial plotly.js, not Panel's 4.8 MB


def test_the_load_and_browser_runs_measure_the_seeds_and_their_size_or_say_why_not(tmp_path):
    from argparse import Namespace
    from types import SimpleNamespace

    from benchmarks import run

    measured = []
    seeds = SimpleNamespace(corpus="seeds")
    results = SimpleNamespace(find=lambda _, corpus: seeds if corpus == "seeds" else None, notes=[])
    runner = SimpleNamespace(build=lambda name: tmp_path / name)
    run._seeds_and_size(
        runner, results, Namespace(formats=["jsonl"]),
        lambda *a: measured.append((a[3].corpus, a[4].name)),
        size=100_000, option="--browser-size", missed="it was not timed",
    )  # fmt: skip
    result = (measured, results.notes)
    expected = (
        [("seeds", "seeds-framescope")],
        ["--browser-size 100,000: this run built no jsonl corpus of that size (add it to "
         "--sizes), so it was not timed."],
    )  # fmt: skip
    assert result == expected
