"""Shared test helpers: paths to the seed corpus and a built seed corpus per session."""

from __future__ import annotations

from pathlib import Path

import pytest

from framescope import config

SEEDS = config.ROOT / "data" / "raw" / "xi_moscow_2023"


def seed_path(prefix: str) -> Path:
    """The seed article whose file name starts with ``prefix`` (e.g. "004")."""
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path


@pytest.fixture(scope="session")
def seed_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The seed corpus built once into a temporary folder; tests only read it."""
    from framescope import pipeline

    out = tmp_path_factory.mktemp("processed")
    pipeline.build([SEEDS], out=out, progress=False)
    return out
