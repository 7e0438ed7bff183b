import json
import shutil
import subprocess
import sys

from framescope import cli, config
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
    ] * 2
    assert [r["method"] for r in result] == ["vader", "textblob"]


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
