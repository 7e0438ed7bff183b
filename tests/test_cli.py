import json
import os
import shutil
import signal
import subprocess
import sys
from subprocess import PIPE

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import cli, config, engine, store
from tests.conftest import SEEDS


def test_build_and_info(tmp_path, capsys):
    out = tmp_path / "out"
    result = cli.main(["build", "--raw", str(SEEDS), "--out", str(out), "--quiet"])
    printed = capsys.readouterr().out
    assert result == 0
    assert "5 articles" in printed
    assert cli.main(["build", "--raw", str(SEEDS), "--out", str(out), "--quiet"]) == 0
    assert "up to date" in capsys.readouterr().out
    assert cli.main(["info", "--data", str(out)]) == 0
    assert "published 2023-01-31 .. 2023-03-18; 5 sources" in capsys.readouterr().out


def test_user_errors_exit_2_with_one_sentence(tmp_path, capsys):
    cases = [
        (["build", "--raw", str(tmp_path / "nope"), "--out", str(tmp_path)], "does not exist"),
        (
            ["build", "--raw", str(SEEDS), "--profile", str(tmp_path / "p.toml")],
            "cannot read profile",
        ),
        (["build", "--raw", str(SEEDS), "--map", "body", "--out", str(tmp_path)], "body"),
    ]
    for argv, message in cases:
        assert cli.main(argv) == 2
        err = capsys.readouterr().err
        assert message in err
        assert "Traceback" not in err


def test_nothing_built_exits_1(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "a.txt").write_bytes(b"\x00\x01")
    assert cli.main(["build", "--raw", str(raw), "--out", str(tmp_path / "o"), "--quiet"]) == 1
    assert "NOTHING BUILT" in capsys.readouterr().out


def test_info_without_build(tmp_path, capsys):
    assert cli.main(["info", "--data", str(tmp_path)]) == 1
    assert "run 'framescope build' first" in capsys.readouterr().err


@pytest.mark.slow
def test_console_script_builds_from_a_copy(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    framescope = shutil.which(
        "framescope", path=str(__import__("pathlib").Path(sys.executable).parent)
    )
    done = subprocess.run(
        [framescope, "build", "--raw", str(raw), "--out", str(tmp_path / "out")],
        capture_output=True,
        text=True,
        check=False,
        env={"CI": "true", "PATH": "/usr/bin:/bin"},
    )
    assert done.returncode == 0, done.stderr
    assert "5 articles" in done.stdout


def test_validate_sentiment(capsys):
    gold = str(config.ROOT / "tests" / "fixtures" / "gold_sentiment.csv")
    assert cli.main(["validate-sentiment", "--gold", gold]) == 0
    assert "macro_f1" in capsys.readouterr().out
    assert cli.main(["validate-sentiment", "--gold", gold, "--json"]) == 0
    result = json.loads(capsys.readouterr().out)
    assert [set(r) for r in result] == [
        {"method", "n", "pearson_r", "spearman_rho", "macro_f1"}
    ] * 3
    assert [r["method"] for r in result] == ["multilex", "vader", "textblob"]


def test_validate_sentiment_bad_gold(tmp_path, capsys):
    gold = tmp_path / "gold.csv"
    gold.write_text("sentence,rating\nGood.,1\n")
    assert cli.main(["validate-sentiment", "--gold", str(gold)]) == 2
    assert "text" in capsys.readouterr().err


def test_serve_refuses_to_expose_without_an_origin(capsys):
    assert cli.main(["serve", "--address", "0.0.0.0"]) == 2
    assert "--allow-websocket-origin" in capsys.readouterr().err


def test_serve_without_a_build(tmp_path, capsys):
    assert cli.main(["serve", "--data", str(tmp_path)]) == 2
    assert "run 'framescope build' first" in capsys.readouterr().err


def _raw_copy(tmp_path):
    raw = tmp_path / "raw"
    shutil.copytree(SEEDS, raw)
    return raw


def _killed(*args, **kwargs):
    """A task whose worker dies, as an out-of-memory kill does (run in a worker process)."""
    os.kill(os.getpid(), signal.SIGKILL)


def _build_fails_with_exit_3(tmp_path, capfd, *options):
    raw, out = _raw_copy(tmp_path), tmp_path / "out"
    argv = ["build", "--raw", str(raw), "--out", str(out), "--quiet", *options]
    assert cli.main([*argv, "--workers", "1"]) == 0
    before = store.read_all(out)
    (raw / "later.txt").write_text("Xi Jinping arrived in Moscow on Monday.")
    capfd.readouterr()
    return argv, out, before


def _assert_one_sentence_and_nothing_changed(capfd, out, before, words):
    captured = capfd.readouterr()
    assert captured.err.count("\n") == 1, captured.err
    assert captured.err.startswith("framescope build: the build failed (")
    assert words in captured.err
    assert captured.err.endswith(f"the tables in {out} are unchanged\n")
    after = store.read_all(out)
    assert after.keys() == before.keys()
    for name in before:
        assert_frame_equal(after[name], before[name])
    assert not list(out.glob(".staging-*")) + list(out.glob(".*.tmp"))


def test_a_full_disk_exits_3_in_one_sentence(tmp_path, capfd, monkeypatch):
    # Issue 13 #13: a full disk printed a multi-page traceback and exited 1.
    argv, out, before = _build_fails_with_exit_3(tmp_path, capfd)

    def fills_the_disk(*args, **kwargs):
        # What polars 2.1 raises when the disk fills under sink_parquet.
        msg = "parquet: underlying IO error: No space left on device (os error 28)"
        raise pl.exceptions.ComputeError(msg)

    monkeypatch.setattr(pl.LazyFrame, "sink_parquet", fills_the_disk)
    assert cli.main([*argv, "--workers", "1"]) == 3
    _assert_one_sentence_and_nothing_changed(capfd, out, before, f"the disk holding {out} is full")


@pytest.mark.slow
def test_a_dead_worker_exits_3_in_one_sentence(tmp_path, capfd, monkeypatch):
    # Issue 13 #13: a dead worker printed a multi-page traceback and exited 1.
    argv, out, before = _build_fails_with_exit_3(tmp_path, capfd)
    monkeypatch.setattr(config, "SHARD_FILES", 1)  # a batch per file: the pool runs them
    monkeypatch.setattr(engine, "analyse_batch", _killed)
    assert cli.main([*argv, "--workers", "2", "--force"]) == 3  # all six files: in workers
    _assert_one_sentence_and_nothing_changed(capfd, out, before, "a worker process died")


def test_a_build_refuses_a_folder_another_build_holds(tmp_path, capsys):
    # Issue 13 #7: two builds into one folder both wrote it.
    out = tmp_path / "out"
    holds = "import sys, time; from pathlib import Path; from framescope import store\n"
    holds += "with store.lock(Path(sys.argv[1])):\n    print('locked', flush=True); time.sleep(60)"
    holder = subprocess.Popen([sys.executable, "-c", holds, str(out)], stdout=subprocess.PIPE)
    argv = ["build", "--raw", str(SEEDS), "--out", str(out), "--quiet"]
    try:
        assert holder.stdout.readline() == b"locked\n"
        assert cli.main(argv) == 2
        err = capsys.readouterr().err
        assert err.startswith(f"framescope build: build pid {holder.pid} on ")
        assert err.endswith(f"is writing to {out}: wait for it to finish, or stop it\n")
    finally:
        holder.kill()  # as a killed build would, it leaves its name in the lock file
        holder.wait()
    assert cli.main(argv) == 0
    printed = capsys.readouterr().out
    assert f"note: took over the lock of build pid {holder.pid} on " in printed
    assert "5 articles" in printed


@pytest.mark.slow
def test_two_builds_at_once_never_both_write(tmp_path):
    # Issue 13 #7: both said "built" (the last writer won), or one died on the other's files.
    raw, out = _raw_copy(tmp_path), tmp_path / "out"
    for i in range(3):  # enough articles that the two builds overlap
        for seed in SEEDS.glob("*.txt"):
            (raw / f"{i}_{seed.name}").write_text(f"Variant {i}.\n{seed.read_text()}")
    argv = [sys.executable, "-m", "framescope.cli", "build", "--raw", str(raw), "--out", str(out)]
    env = {**os.environ, "CI": "true"}
    builds = [
        subprocess.Popen([*argv, "--workers", "1"], env=env, stdout=PIPE, stderr=PIPE, text=True)
        for _ in range(2)
    ]
    outcomes = []
    for build in builds:
        printed, err = build.communicate(timeout=300)
        said = "up to date" if "up to date" in printed else printed.split(" ")[0]
        outcomes.append((build.returncode, said, "is writing to" in err))
    # One builds; the other is refused (naming the holder, or "another build" in the instant
    # before the holder has written its name) or, if it started after the first ended, is up
    # to date.
    refused = [(0, "built", False), (2, "", True)]
    assert sorted(outcomes) in (refused, [(0, "built", False), (0, "up to date", False)])
    assert store.read("articles", out).height == 20


def test_ctrl_c_exits_130_in_one_sentence(tmp_path, capsys, monkeypatch):
    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(cli.pipeline, "build", interrupted)
    result = cli.main(["build", "--out", str(tmp_path / "out")])
    err = capsys.readouterr().err
    assert (result, err) == (130, "framescope build: stopped (Ctrl-C)\n")


def test_delimiter_reads_a_csv_sniffing_cannot(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    text = "Xi Jinping met Vladimir Putin in Moscow on Monday for talks on trade and Ukraine."
    (raw / "export.csv").write_text(f"id#source#date#text\n1#Example News#2023-03-20#{text}\n")
    argv = ["build", "--raw", str(raw), "--out", str(tmp_path / "out"), "--quiet"]
    assert cli.main(argv) == 1  # sniffed as commas: one column, no text
    capsys.readouterr()
    result = cli.main([*argv, "--delimiter", "#"])
    expected = "1 articles"
    assert result == 0
    assert expected in capsys.readouterr().out  # a new delimiter rebuilds: not "up to date"
    assert cli.main([*argv, "--delimiter", "##"]) == 2
    assert "a CSV delimiter is one character" in capsys.readouterr().err


def test_serve_passes_the_workers_on(monkeypatch):
    from framescope.dashboard import serve

    calls = []
    monkeypatch.setattr(serve, "serve", lambda data, **options: calls.append(options))
    assert cli.main(["serve", "--workers", "2"]) == 0
    assert calls[0]["workers"] == 2
    assert cli.main(["serve"]) == 0
    assert calls[1]["workers"] == 1


def test_serve_refuses_no_workers(capsys):
    assert cli.main(["serve", "--workers", "0"]) == 2
    assert "--workers must be at least 1, got 0" in capsys.readouterr().err


def test_methods_chooses_the_sentiment_methods(tmp_path, capsys):
    argv = ["build", "--raw", str(SEEDS), "--out", str(tmp_path / "out"), "--quiet"]
    assert cli.main([*argv, "--methods", "vader"]) == 0
    result = store.read("sentiment", tmp_path / "out")["method"].unique().to_list()
    expected = ["vader"]
    assert result == expected
    assert cli.main([*argv, "--methods", "vadr"]) == 2
    assert "unknown sentiment method 'vadr'" in capsys.readouterr().err


def test_profile_draft_writes_a_profile_that_loads(tmp_path, capsys):
    from framescope import profile

    out = tmp_path / "draft.toml"
    result = cli.main(["profile", "draft", "--raw", str(SEEDS), "--out", str(out), "--id", "xi"])
    assert result == 0
    assert "candidate actors from 5 articles" in capsys.readouterr().err
    assert {"xi_jinping", "vladimir_putin"} <= {a.id for a in profile.load(out).actors}
    assert cli.main(["profile", "draft", "--raw", str(SEEDS), "--out", str(out)]) == 2
    assert "pass --force" in capsys.readouterr().err


def test_profile_draft_prints_without_out(capsys):
    assert cli.main(["profile", "draft", "--raw", str(SEEDS), "--top", "3"]) == 0
    assert capsys.readouterr().out.startswith("# Drafted by `framescope profile draft`")


def test_a_corpus_without_a_profile_is_drafted_one(tmp_path, capsys):
    # Issue 16: someone's own folder and no --profile: the base profile and drafted actors,
    # written beside the tables for a person to edit; the seeds keep their own profile.
    raw = tmp_path / "raw"
    shutil.copytree(config.ROOT / "data" / "raw" / "opec_cut_2023", raw)
    out = tmp_path / "out"
    assert cli.main(["build", "--raw", str(raw), "--out", str(out), "--quiet"]) == 0
    printed = capsys.readouterr().out
    assert "no event profile: the base profile and" in printed
    assert (out / "profile.toml").is_file()
    manifest = store.read_manifest(out)
    assert manifest is not None
    assert manifest["profile"] == {"path": str((out / "profile.toml").resolve()), "id": "drafted"}
    actors = set(store.read("mentions", out)["actor"])
    assert {"opec", "saudi_arabia", "russia"} <= actors
    assert "xi_jinping" not in actors
    assert cli.main(["build", "--raw", str(raw), "--out", str(out), "--quiet"]) == 0
    assert "up to date" in capsys.readouterr().out  # the same corpus drafts the same profile


def test_no_readable_article_drafts_nothing(tmp_path, capsys):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_text("   \n")
    out = tmp_path / "out"
    assert cli.main(["build", "--raw", str(raw), "--out", str(out), "--quiet"]) == 1
    assert "no article to draft one from: the base profile" in capsys.readouterr().out
