"""Paths and defaults, each overridable by an environment variable. Nothing else lives here."""

from __future__ import annotations

import os
from pathlib import Path

ROOT = Path(os.environ.get("FRAMESCOPE_ROOT", Path(__file__).resolve().parents[2]))
"""The project folder: the one holding ``data/``."""

DATA = ROOT / "data"
RAW = Path(os.environ.get("FRAMESCOPE_RAW", DATA / "raw" / "xi_moscow_2023"))
PROCESSED = Path(os.environ.get("FRAMESCOPE_DATA", DATA / "processed"))
REFERENCE = Path(os.environ.get("FRAMESCOPE_REFERENCE", DATA / "reference"))
AUTO_PROFILE = "auto"
"""A build mode, not a file: no event profile, so the shipped base profile plus the actors
drafted from the corpus (:func:`framescope.pipeline.build`)."""


def _profile() -> Path | str:
    named = os.environ.get("FRAMESCOPE_PROFILE")
    if named in (AUTO_PROFILE, "base"):
        return named
    if named:
        return Path(named)
    # Someone else's corpus and no profile for it: draft one rather than count Xi and Putin.
    if "FRAMESCOPE_RAW" in os.environ:
        return AUTO_PROFILE
    return DATA / "profiles" / "xi_moscow_2023.toml"


PROFILE = _profile()
"""The topic profile: a TOML file, ``"base"``, or ``"auto"`` (the default when
``FRAMESCOPE_RAW`` names a corpus and ``FRAMESCOPE_PROFILE`` names no profile)."""


def _number(name: str, default: float) -> float:
    value = os.environ.get(name)
    if value is None:
        return default
    try:
        return float(value)
    except ValueError:
        msg = f"environment variable {name}={value!r} is not a number"
        raise ValueError(msg) from None


SIDECAR_NAME = "sources.csv"
"""A file of this name inside a raw folder is read as that folder's sidecar."""

MAX_FILE_BYTES = int(_number("FRAMESCOPE_MAX_FILE_BYTES", 20 * 1024 * 1024))
"""Article files (text, HTML) larger than this are rejected as ``too_large``."""

MAX_EXPORT_BYTES = int(_number("FRAMESCOPE_MAX_EXPORT_BYTES", 8 * 1024**3))
"""Exports (JSONL, CSV, Parquet) hold many articles, so their limit is far higher."""

MAX_ARTICLE_CHARS = int(_number("FRAMESCOPE_MAX_ARTICLE_CHARS", 1_000_000))
"""An export row whose text is longer than this is rejected as ``too_large``."""

NEAR_DUPLICATE_THRESHOLD = _number("FRAMESCOPE_NEAR_DUPLICATE_THRESHOLD", 0.8)
"""Estimated Jaccard similarity of word 5-shingles above which two articles are near-duplicates."""

STORY_THRESHOLD = _number("FRAMESCOPE_STORY_THRESHOLD", 0.65)
"""Share of the shorter article's word 5-shingles found in the longer above which two articles
carry the same (syndicated) story: below the lowest real wire reprint measured (AFP, 0.69), with
room for the sketch's estimation error (about 0.06 at Jaccard 0.4)."""

SHARD_FILES = int(_number("FRAMESCOPE_SHARD_FILES", 500))
"""Input files read by one task; an export (or each piece of a large one) is a shard of its own."""

EXPORT_PIECE_BYTES = int(_number("FRAMESCOPE_EXPORT_PIECE_BYTES", 64 * 1024**2))
"""A JSON Lines, CSV/TSV or Parquet export larger than this is read in pieces of about this
size (Parquet: decompressed), one task each: memory follows the piece, not the file. 64 MB
holds about 10,000 benchmark articles (five batches of 2,000); a worker preparing one peaked at
760 MB, against 690 MB for 32 MB and 870 MB for 128 MB: below that, the batch dominates."""

BATCH_ARTICLES = int(_number("FRAMESCOPE_BATCH_ARTICLES", 2000))
"""Articles prepared and analysed together in one task: bounds each worker's memory."""

WORKERS = int(_number("FRAMESCOPE_WORKERS", os.cpu_count() or 1))
"""Worker processes of the local engine; 1 builds in the calling process."""
