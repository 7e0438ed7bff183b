"""Builds the dashboard tests read: the seeds plus a hostile article, and a one-article corpus."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from framescope import pipeline
from tests.conftest import SEEDS

HOSTILE = (
    " date 2023-03-19 World\n"
    'Xi in Moscow <script>window.__xss = 1</script><img src=x onerror="window.__xss = 2">\n'
    "Xi Jinping met Vladimir Putin <script>window.__xss = 3</script> in Moscow on Sunday. "
    '<img src=x onerror="window.__xss = 4"> The talks were described as friendly.\n'
)


@pytest.fixture(scope="session")
def hostile_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed corpus plus an article whose title and text carry script and img tags."""
    raw = tmp_path_factory.mktemp("raw_hostile") / "raw"
    shutil.copytree(SEEDS, raw)
    (raw / "zz_hostile.txt").write_text(HOSTILE, encoding="utf-8")
    out = tmp_path_factory.mktemp("processed_hostile")
    pipeline.build([raw], out=out, progress=False)
    return out


@pytest.fixture(scope="session")
def single_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A corpus of one article."""
    raw = tmp_path_factory.mktemp("raw_single")
    shutil.copy(next(SEEDS.glob("004_*.txt")), raw / "only.txt")
    out = tmp_path_factory.mktemp("processed_single")
    pipeline.build([raw], out=out, progress=False)
    return out
