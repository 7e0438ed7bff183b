from __future__ import annotations

import multiprocessing
import re
import textwrap
import tomllib
from concurrent.futures import ProcessPoolExecutor
from importlib import metadata
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import config, sentiment
from framescope.sentiment import registry

PLUGIN = '''
import polars as pl

SCHEMA = {"compound": pl.Float64, "pos": pl.Float64, "neu": pl.Float64, "neg": pl.Float64}


class ShoutScorer:
    """0.25 for a text in capitals, 0 otherwise."""

    name = "shout"

    def score_texts(self, texts):
        compound = [0.25 if text.isupper() else 0.0 for text in texts]
        return pl.DataFrame({"compound": compound}, schema={"compound": pl.Float64}).with_columns(
            pl.lit(None, pl.Float64).alias(column) for column in ("pos", "neu", "neg")
        )
'''


def _distribution(root: Path, name: str, entry_points: str, module: str = "") -> Path:
    """A distribution as installed: its module (if any) and a dist-info with entry points."""
    root.mkdir(parents=True, exist_ok=True)
    if module:
        (root / f"{name}.py").write_text(textwrap.dedent(module), encoding="utf-8")
    info = root / f"{name}-1.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        f"Metadata-Version: 2.1\nName: {name}\nVersion: 1.0\n", encoding="utf-8"
    )
    (info / "entry_points.txt").write_text(
        f"[{registry.GROUP}]\n{textwrap.dedent(entry_points)}", encoding="utf-8"
    )
    return root


def _sentences(texts: list[str]) -> pl.DataFrame:
    return pl.DataFrame(
        {"article_id": ["a"] * len(texts), "sentence_idx": list(range(len(texts))), "text": texts},
        schema={"article_id": pl.String, "sentence_idx": pl.Int32, "text": pl.String},
    )


@pytest.fixture
def plugin(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """An installed third-party distribution that declares the method "shout"."""
    root = _distribution(
        tmp_path / "site",
        "fake_sentiment_plugin",
        "shout = fake_sentiment_plugin:ShoutScorer\n",
        PLUGIN,
    )
    monkeypatch.syspath_prepend(str(root))
    return root


# the built-in methods


def test_builtin_methods() -> None:
    result = list(sentiment.METHODS)[:3]
    expected = ["multilex", "vader", "textblob"]
    assert result == expected
    assert sentiment.METHODS["multilex"] is sentiment.MultilexScorer
    assert sentiment.METHODS["vader"] is sentiment.VaderScorer
    assert sentiment.METHODS["textblob"] is sentiment.TextBlobScorer
    assert isinstance(sentiment.METHODS["textblob"](), sentiment.Scorer)


def test_pyproject_declares_the_builtin_methods_and_they_are_installed() -> None:
    pyproject = tomllib.loads((config.ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    declared = pyproject["project"]["entry-points"][registry.GROUP]
    assert declared == registry.BUILTIN
    installed = {
        entry.name: entry.value
        for entry in metadata.distribution("framescope").entry_points
        if entry.group == registry.GROUP
    }
    assert installed == registry.BUILTIN, "reinstall: .venv/bin/python -m pip install -e ."


# checking names


@pytest.mark.parametrize(
    ("names", "expected"),
    [
        ("vader", ("vader",)),
        ("textblob, vader", ("textblob", "vader")),
        ("vader,,vader,", ("vader",)),
        (["textblob", "vader", "textblob"], ("textblob", "vader")),
        ((" vader ",), ("vader",)),
    ],
)
def test_check_methods(names: str | list[str], expected: tuple[str, ...]) -> None:
    result = sentiment.check_methods(names)
    assert result == expected


@pytest.mark.parametrize(
    ("names", "match"),
    [
        ([], "methods is empty"),
        (" , ", "methods is empty"),
        (
            "vader,vadr",
            r"unknown sentiment method 'vadr'; known methods: multilex, textblob, vader \(",
        ),
        (["TextBlob"], "unknown sentiment method 'TextBlob'"),
    ],
)
def test_check_methods_refuses(names: str | list[str], match: str) -> None:
    with pytest.raises(ValueError, match=match):
        sentiment.check_methods(names)


def test_methods_registered_at_run_time(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sentiment.METHODS, "loud", sentiment.VaderScorer)
    assert list(sentiment.METHODS)[-1] == "loud"
    assert sentiment.check_methods("loud") == ("loud",)
    result = sentiment.score(_sentences(["Good."]), methods="loud")
    assert result.select("method", "compound").row(0) == ("loud", 0.4404)
    # A build's workers would not see it: the check for them says so before any work.
    with pytest.raises(ValueError, match="'loud' was registered at run time, so worker"):
        sentiment.check_methods("vader,loud", in_workers=True)
    assert sentiment.check_methods("vader", in_workers=True) == ("vader",)


def test_registry_refuses_bad_names_and_keeps_declared_methods() -> None:
    with pytest.raises(ValueError, match="without commas, got 'a,b'"):
        sentiment.METHODS["a,b"] = sentiment.VaderScorer
    with pytest.raises(KeyError, match="'vader' was not registered at run time"):
        del sentiment.METHODS["vader"]
    with pytest.raises(KeyError):
        sentiment.METHODS["nope"]


# entry points


def test_entry_point_method_is_found(plugin: Path) -> None:
    assert "shout" in sentiment.METHODS
    assert list(sentiment.METHODS)[:4] == ["multilex", "vader", "textblob", "shout"]
    result = sentiment.score(_sentences(["WAR!", "Peace."]), methods="vader,shout")
    expected = [("vader", -0.636), ("vader", 0.5423), ("shout", 0.25), ("shout", 0.0)]
    assert result.select("method", "compound").rows() == expected


@pytest.mark.slow
def test_entry_point_method_is_found_in_a_spawned_worker(plugin: Path) -> None:
    frame = _sentences(["WAR!", "Peace.", "WAR!"])
    expected = sentiment.score(frame, methods=["shout", "vader"])
    # A fresh interpreter, as a build's workers are: it finds the method through the installed
    # distribution's entry point, by name, with nothing sent from this process but the name.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(1, mp_context=context) as pool:
        names = pool.submit(registry.declared).result()
        result = pool.submit(sentiment.score, frame, methods=["shout", "vader"]).result()
    assert names["shout"] == "fake_sentiment_plugin:ShoutScorer"
    assert_frame_equal(result, expected)
    # score's own worker processes import the factory too.
    assert_frame_equal(sentiment.score(frame, methods=["shout", "vader"], processes=2), expected)


def test_a_method_registered_at_run_time_is_not_in_a_worker(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setitem(sentiment.METHODS, "loud", sentiment.VaderScorer)
    context = multiprocessing.get_context("spawn")
    with (
        ProcessPoolExecutor(1, mp_context=context) as pool,
        pytest.raises(ValueError, match="unknown sentiment method 'loud'"),
    ):
        pool.submit(sentiment.check_methods, "loud").result()


def test_two_declarations_of_one_name_are_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _distribution(tmp_path, "rival_plugin", "vader = rival_plugin:Other\n")
    monkeypatch.syspath_prepend(str(root))
    with pytest.raises(ValueError, match=r"'vader' is declared twice: .* by rival_plugin, as"):
        sentiment.check_methods("vader")


def test_a_broken_entry_point_fails_when_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _distribution(tmp_path, "broken_plugin", "gone = no_such_module:Scorer\n")
    monkeypatch.syspath_prepend(str(root))
    assert sentiment.check_methods("vader,gone") == ("vader", "gone")
    with pytest.raises(ModuleNotFoundError) as error:
        sentiment.score(_sentences(["Good."]), methods="gone")
    assert "the sentiment method factory 'no_such_module:Scorer'" in str(error.value.__notes__)


def test_load_refuses_what_is_not_a_factory() -> None:
    with pytest.raises(ValueError, match=re.escape("registry:GROUP' is not a")):
        registry.load("framescope.sentiment.registry:GROUP")
    with pytest.raises(ValueError, match=re.escape("'framescope.sentiment' is not a callable")):
        registry.load("framescope.sentiment")
