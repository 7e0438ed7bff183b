"""A seeded synthetic corpus for the benchmark, written in every input format framescope reads.

Articles are assembled from the sentences of the five seed articles (``data/raw/xi_moscow_2023``,
cleaned and split by framescope itself), with random dates (January to April 2023), random
outlets ("synthetic outlet 1" ... "synthetic outlet 20") and 15-40 sentences each. Every
sentence is perturbed: its numbers are redrawn, an actor name may be swapped for another alias
from the profile, and random words from the seeds' vocabulary are inserted. That makes well
over 90% of the sentences distinct, so a pipeline that scores each distinct sentence once
(framescope does) cannot look faster than it is; :class:`Stats` reports the ratio.

How many words are inserted is the ``perturbation``:

- ``dense`` (default): a random word after every three or four words, so no five-word run of
  seed text survives. Real coverage shares few five-word shingles across many articles; with
  only the seeds' ~140 sentences as material, anything lighter makes every article share
  shingles with a fifth of the corpus.
- ``light``: one to three random words per sentence. Articles then share many shingles with
  each other, the adversarial case for near-duplicate detection (the benchmark uses it to
  show how that stage scales).

Nothing generated here is real coverage, and every output says so: each record carries a
``note`` (exports, HTML metadata, the text files' sidecar), every outlet is called "synthetic
outlet N", every title starts "Synthetic benchmark article" and text files open with a
`` date YYYY-MM-DD Synthetic`` header.

Exports are written as ``articles-00001.jsonl`` (``.csv``, ``.parquet``), one file per 10,000
articles; text and HTML as one file per article (``0000000.txt`` plus ``sources.csv``). The
hidden ``.synthetic.json`` holds the :class:`Stats`.

Command line (one format writes into ``DIR``; several write ``DIR/<format>/``)::

    python -m benchmarks.generate --articles 20000 --format jsonl --out DIR --seed 0
"""

from __future__ import annotations

import argparse
import csv
import html
import json
import random
import re
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import numpy as np
import polars as pl

from framescope import config, ingest, mentions, sentences
from framescope import profile as profiles
from framescope.ingest import sidecar

FORMATS = ("txt", "jsonl", "csv", "parquet", "html")
"""Every input format the ingest accepts: text files with a sidecar, three exports, HTML."""

OUTLETS = tuple(f"synthetic outlet {n}" for n in range(1, 21))
FIRST_DAY = date(2023, 1, 1)
LAST_DAY = date(2023, 4, 30)
SENTENCES_PER_ARTICLE = (15, 40)
PERTURBATIONS = ("dense", "light")
LIGHT_INSERTS = (1, 3)
"""Random words inserted per sentence by the ``light`` perturbation."""
DENSE_GAP = (3, 4)
"""Seed words between two inserted words with the ``dense`` perturbation."""
SWAP_PROBABILITY = 0.5
NOTE = (
    "SYNTHETIC benchmark article: assembled by benchmarks/generate.py from perturbed sentences "
    "of the five seed articles; not real coverage, do not analyse"
)
VERSION = 3
"""Changes whenever the same seed would give a different corpus, so cached corpora regenerate."""
STATS_FILE = ".synthetic.json"
"""Written next to the corpus; hidden, so neither framescope nor the baseline ingests it."""

PART_SIZE = 10_000
"""Articles per export file, and generated at a time: a million articles never sit in memory,
and the Dask engine (one shard per export file) has files to spread over its workers."""

_SIDECAR_COLUMNS = ("file", "source", "published", "url", "note")
_TERMINAL = re.compile(r"[.!?][\"'”’)\]]*$")
_NUMBER = re.compile(r"\d+")
_WORD = re.compile(r"\b[a-z]{3,12}\b")
_WORD_RUN = re.compile(r"\w+")
# Not inserted at random: next to a redrawn number they make up quantities ("27 one and 63")
# that no outlet wrote, which would change what the figures stage has to read.
_NUMBER_WORDS = frozenset(
    (
        "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
        "eleven", "twelve", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty",
        "ninety", "hundred", "thousand", "million", "billion", "trillion", "half", "double",
        "triple", "twice", "dozen", "percent",
    )
)  # fmt: skip


@dataclass(frozen=True)
class Pool:
    """What articles are assembled from: seed sentences, where their actor mentions are,
    the aliases that may replace a mention, and the words that may be inserted."""

    sentences: tuple[str, ...]
    spans: tuple[tuple[tuple[int, int], ...], ...]
    aliases: tuple[str, ...]
    words: tuple[str, ...]


@dataclass(frozen=True)
class Stats:
    """What was generated: sizes and how many sentences are distinct."""

    articles: int
    sentences: int
    distinct_sentences: int
    bytes: int
    format: str
    seed: int
    perturbation: str = "dense"
    version: int = VERSION
    note: str = NOTE

    @property
    def distinct_ratio(self) -> float:
        """Distinct sentence texts over all sentences."""
        return self.distinct_sentences / self.sentences if self.sentences else 0.0


@cache
def seed_pool(raw: Path = config.RAW, profile: Path = config.PROFILE) -> Pool:
    """The seed sentences, cleaned and split by framescope, with their actor mentions.

    Only sentences that end in terminal punctuation and have at least five words are kept
    (headlines and bylines would merge with the next sentence once assembled into a paragraph).
    """
    topic = profiles.load(profile)
    files, sidecars = ingest.discover([raw])
    batch = ingest.read(files, progress=False)
    sources = pl.concat([sidecar.read(path) for path in sidecars]) if sidecars else None
    articles, _ = ingest.prepare(batch.records, sources=sources, names=topic.name_words())
    split = sentences.split(articles.select("article_id", "text")).filter(
        pl.col("text").str.contains(_TERMINAL.pattern)
        & (pl.col("text").str.count_matches(r"\S+") >= 5)
    )
    # Offsets relative to each sentence: mentions.extract adds ``start``.
    found = mentions.extract(split.with_columns(pl.lit(0, pl.Int64).alias("start")), topic)
    spans: dict[tuple[str, int], list[tuple[int, int]]] = {}
    for article_id, index, start, end in found.select(
        "article_id", "sentence_idx", "start", "end"
    ).iter_rows():
        spans.setdefault((article_id, index), []).append((start, end))
    keys = split.select("article_id", "sentence_idx").rows()
    texts = split["text"].to_list()
    words = sorted({w for text in texts for w in _WORD.findall(text)} - _NUMBER_WORDS)
    return Pool(
        sentences=tuple(texts),
        spans=tuple(tuple(spans.get(key, ())) for key in keys),
        aliases=tuple(sorted({a for actor in topic.actors for a in actor.aliases})),
        words=tuple(words),
    )


def _digits(rng: random.Random, width: int) -> str:
    low = 10 ** (width - 1) if width > 1 else 0
    return str(rng.randrange(low, 10**width))


def perturb(rng: random.Random, pool: Pool, index: int, *, perturbation: str = "dense") -> str:
    """Pool sentence ``index`` with a swapped actor name (half the time), redrawn numbers and
    inserted words (see the module docstring for ``perturbation``)."""
    text = pool.sentences[index]
    spans = pool.spans[index]
    if spans and rng.random() < SWAP_PROBABILITY:
        start, end = spans[rng.randrange(len(spans))]
        text = text[:start] + rng.choice(pool.aliases) + text[end:]
    text = _NUMBER.sub(lambda found: _digits(rng, len(found.group())), text)
    tokens = text.split(" ")
    # Never first or last: the sentence keeps its capital and its final punctuation.
    if perturbation == "light":
        for _ in range(rng.randint(*LIGHT_INSERTS)):
            tokens.insert(rng.randint(1, max(1, len(tokens) - 1)), rng.choice(pool.words))
        return " ".join(tokens)
    # Also right after the first word and right before the last, so that no shingle across two
    # sentences is all seed text either.
    result = [tokens[0]]
    run = limit = 0
    for position in range(1, len(tokens)):
        # Counted in runs of word characters, as shingles are: "Russia’s" is two words.
        size = max(1, len(_WORD_RUN.findall(tokens[position])))
        if position in (1, len(tokens) - 1) or run + size > limit:
            result.append(rng.choice(pool.words))
            run, limit = 0, rng.randint(*DENSE_GAP)
        result.append(tokens[position])
        run += size
    return " ".join(result)


def _articles(
    rng: random.Random, pool: Pool, numbers: range, *, seed: int, perturbation: str
) -> tuple[pl.DataFrame, list[str]]:
    days = (LAST_DAY - FIRST_DAY).days + 1
    rows = []
    generated: list[str] = []
    for number in numbers:
        chosen = [
            perturb(rng, pool, rng.randrange(len(pool.sentences)), perturbation=perturbation)
            for _ in range(rng.randint(*SENTENCES_PER_ARTICLE))
        ]
        generated.extend(chosen)
        paragraphs = []
        position = 0
        while position < len(chosen):
            size = rng.randint(2, 5)
            paragraphs.append(" ".join(chosen[position : position + size]))
            position += size
        outlet = rng.randrange(len(OUTLETS))
        published = FIRST_DAY + timedelta(days=rng.randrange(days))
        rows.append(
            {
                "id": f"synthetic-{seed}-{number:07d}",
                "source": OUTLETS[outlet],
                "published": published.isoformat(),
                "title": f"Synthetic benchmark article {number:07d}",
                "text": "\n\n".join(paragraphs),
                "url": f"https://synthetic.invalid/outlet-{outlet + 1}/{number:07d}",
                "note": NOTE,
            }
        )
    return pl.DataFrame(rows), generated


def chunks(
    n_articles: int,
    *,
    seed: int = 0,
    perturbation: str = "dense",
    pool: Pool | None = None,
    size: int = PART_SIZE,
) -> Iterator[tuple[pl.DataFrame, list[str]]]:
    """The corpus in chunks of ``size`` articles: each chunk's articles and its sentences.

    Columns: ``id, source, published, title, text, url, note``. The same ``seed`` gives the
    same corpus whatever the chunk size.
    """
    if perturbation not in PERTURBATIONS:
        msg = f"perturbation {perturbation!r} is not one of {list(PERTURBATIONS)}"
        raise ValueError(msg)
    pool = pool or seed_pool()
    rng = random.Random(seed)
    for first in range(0, n_articles, size):
        numbers = range(first, min(first + size, n_articles))
        yield _articles(rng, pool, numbers, seed=seed, perturbation=perturbation)


def _html_page(row: dict[str, str]) -> str:
    paragraphs = "\n".join(f"<p>{html.escape(p)}</p>" for p in row["text"].split("\n\n"))
    e = {key: html.escape(value, quote=True) for key, value in row.items()}
    return (
        "<!DOCTYPE html>\n"
        f"<!-- {e['note']} -->\n"
        f'<html lang="en"><head><meta charset="utf-8"><title>{e["title"]}</title>\n'
        f'<meta name="description" content="{e["note"]}">\n'
        f'<meta property="og:site_name" content="{e["source"]}">\n'
        f'<meta property="article:published_time" content="{e["published"]}">\n'
        f'<link rel="canonical" href="{e["url"]}">\n'
        f"</head><body><article><h1>{e['title']}</h1>\n{paragraphs}\n</article></body></html>\n"
    )


def _text_file(row: dict[str, str]) -> str:
    # The header framescope's text parser reads (date and section), then the title line.
    return f" date {row['published']} Synthetic\n{row['title']}\n\n{row['text']}\n"


def _write_export(frame: pl.DataFrame, path: Path) -> None:
    if path.suffix == ".jsonl":
        frame.write_ndjson(path)
    elif path.suffix == ".csv":
        frame.write_csv(path)
    else:
        frame.write_parquet(path)


def _write_files(frame: pl.DataFrame, out: Path, fmt: str) -> None:
    """One file per article, and for text files their rows of the sidecar."""
    sidecar_rows = []
    for row in frame.iter_rows(named=True):
        name = f"{row['id'].rsplit('-', 1)[-1]}.{fmt}"
        page = _text_file(row) if fmt == "txt" else _html_page(row)
        (out / name).write_text(page, encoding="utf-8")
        sidecar_rows.append([row[c] if c != "file" else name for c in _SIDECAR_COLUMNS])
    if fmt == "txt":
        sidecar_path = out / config.SIDECAR_NAME
        new = not sidecar_path.exists()
        with sidecar_path.open("a", newline="", encoding="utf-8") as handle:
            writer = csv.writer(handle)
            if new:
                writer.writerow(_SIDECAR_COLUMNS)
            writer.writerows(sidecar_rows)


def _generated_files(folder: Path, fmt: str) -> list[Path]:
    """The files an earlier run of :func:`write` left in ``folder`` (and nothing else)."""
    names = [f"articles-*.{fmt}", f"{'[0-9]' * 7}.{fmt}", STATS_FILE]
    names += [config.SIDECAR_NAME] if fmt == "txt" else []
    return [path for name in names for path in folder.glob(name) if path.is_file()]


def _folder_bytes(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.iterdir() if not p.name.startswith("."))


def write(
    n_articles: int,
    out: str | Path,
    *,
    formats: Sequence[str] = ("jsonl",),
    seed: int = 0,
    perturbation: str = "dense",
    part_size: int = PART_SIZE,
    pool: Pool | None = None,
) -> dict[str, Stats]:
    """Generate ``n_articles`` and write them in each of ``formats``.

    One format writes into ``out``; several write into ``out/<format>/``. Exports are split
    into files of ``part_size`` articles (``articles-00001.jsonl``, ...), as large exports
    come; text and HTML are one file per article. Each folder gets a hidden
    ``.synthetic.json`` with its :class:`Stats`. Files already in the folders are removed.

    Examples
    --------
    >>> write(50, "/tmp/corpus", formats=["jsonl"])["jsonl"].articles  # doctest: +SKIP
    50
    """
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        msg = f"format(s) {unknown} not among {list(FORMATS)}"
        raise ValueError(msg)
    out = Path(out)
    formats = list(dict.fromkeys(formats))
    folders = {fmt: out if len(formats) == 1 else out / fmt for fmt in formats}
    for fmt, folder in folders.items():
        folder.mkdir(parents=True, exist_ok=True)
        for old in _generated_files(folder, fmt):
            old.unlink()
    hashes = []
    n_sentences = 0
    generated_chunks = chunks(
        n_articles, seed=seed, perturbation=perturbation, pool=pool, size=part_size
    )
    for part, (frame, generated) in enumerate(generated_chunks, start=1):
        n_sentences += len(generated)
        hashes.append(pl.Series(generated, dtype=pl.String).hash(seed=0).to_numpy())
        for fmt, folder in folders.items():
            if fmt in ("txt", "html"):
                _write_files(frame, folder, fmt)
            else:
                _write_export(frame, folder / f"articles-{part:05d}.{fmt}")
    distinct = int(np.unique(np.concatenate(hashes)).size) if hashes else 0
    result = {}
    for fmt, folder in folders.items():
        size = _folder_bytes(folder)
        stats = Stats(n_articles, n_sentences, distinct, size, fmt, seed, perturbation)
        payload = {**asdict(stats), "distinct_ratio": stats.distinct_ratio}
        (folder / STATS_FILE).write_text(json.dumps(payload, indent=2) + "\n")
        result[fmt] = stats
    return result


def read_stats(folder: str | Path) -> Stats | None:
    """The :class:`Stats` of a generated corpus folder, or None if it holds none."""
    path = Path(folder) / STATS_FILE
    if not path.is_file():
        return None
    payload = json.loads(path.read_text())
    payload.pop("distinct_ratio", None)
    payload.setdefault("version", 1)
    return Stats(**payload)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m benchmarks.generate``: write a synthetic corpus."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description="Write a seeded SYNTHETIC corpus assembled from the seed articles.",
    )
    parser.add_argument("--articles", type=int, required=True, help="number of articles")
    parser.add_argument(
        "--format",
        action="append",
        help=f"{'|'.join(FORMATS)}|all; repeatable or comma-separated (default jsonl)",
    )
    parser.add_argument("--out", required=True, help="output folder")
    parser.add_argument("--seed", type=int, default=0, help="random seed (default 0)")
    parser.add_argument(
        "--part-size",
        type=int,
        default=PART_SIZE,
        help=f"articles per export file (default {PART_SIZE:,})",
    )
    parser.add_argument(
        "--perturbation",
        choices=PERTURBATIONS,
        default="dense",
        help="dense (default): a random word every 3-4 words; light: 1-3 per sentence",
    )
    args = parser.parse_args(argv)
    if args.articles < 1:
        parser.error(f"--articles must be at least 1, got {args.articles}")
    formats = [f for spec in args.format or ["jsonl"] for f in spec.split(",") if f]
    formats = list(FORMATS) if "all" in formats else formats
    unknown = sorted(set(formats) - set(FORMATS))
    if unknown:
        parser.error(f"unknown format(s) {unknown}; choose from {list(FORMATS)} or all")
    if args.part_size < 1:
        parser.error(f"--part-size must be at least 1, got {args.part_size}")
    written = write(
        args.articles,
        args.out,
        formats=formats,
        seed=args.seed,
        perturbation=args.perturbation,
        part_size=args.part_size,
    )
    for fmt, stats in written.items():
        print(
            f"{fmt}: {stats.articles:,} synthetic articles, {stats.sentences:,} sentences "
            f"({stats.distinct_ratio:.1%} distinct), {stats.bytes / 1e6:.1f} MB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
