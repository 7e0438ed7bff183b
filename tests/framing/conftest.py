"""Helpers for the framing tests: one article's sentences from texts, articles from rows, the
seed corpus's framing tables."""

from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest

from framescope import framing, mentions, profile, store

PROFILE = profile.load()
SENTENCE_SCHEMA = {
    "article_id": pl.String,
    "sentence_idx": pl.Int32,
    "start": pl.Int64,
    "end": pl.Int64,
    "text": pl.String,
}
ARTICLE_SCHEMA = {
    "article_id": pl.String,
    "source": pl.String,
    "n_words": pl.Int64,
    "duplicate_of": pl.String,
}
EMPTY_SENTENCES = pl.DataFrame(schema=SENTENCE_SCHEMA)
EMPTY_MENTIONS = pl.DataFrame(schema=mentions.MENTION_SCHEMA)


def make_sentences(*texts: str, article_id: str = "a") -> pl.DataFrame:
    """One article's sentences with offsets as if joined by single spaces."""
    rows, start = [], 0
    for idx, text in enumerate(texts):
        rows.append((article_id, idx, start, start + len(text), text))
        start += len(text) + 1
    return pl.DataFrame(rows, schema=SENTENCE_SCHEMA, orient="row")


def make_articles(rows: list[tuple[str, str, int, str | None]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=ARTICLE_SCHEMA, orient="row")


FILLER = "and the talks went on " * 60  # 1,320 characters, past every context window


@pytest.fixture(scope="session")
def seeds(seed_build: Path) -> dict[str, pl.DataFrame]:
    """The seed corpus's articles, sentences and mentions, its framing tables computed from
    them, and each article's file-name ``prefix`` ("000" ...)."""
    tables = {name: store.read(name, seed_build) for name in ("articles", "sentences", "mentions")}
    tables |= framing.extract_all(tables["sentences"], tables["mentions"], PROFILE)
    prefixes = (
        tables["articles"]
        .select("article_id", pl.col("path").str.extract(r"(\d{3})_[0-9a-f]+\.txt$", 1))
        .rows()
    )
    tables["prefix"] = pl.DataFrame(prefixes, schema=["article_id", "prefix"], orient="row")
    return tables


def by_prefix(table: pl.DataFrame, seeds: dict[str, pl.DataFrame]) -> pl.DataFrame:
    return table.join(seeds["prefix"], on="article_id")
