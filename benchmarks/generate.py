"""A seeded synthetic corpus for the benchmark, written in every input format framescope reads.

Articles are assembled from the sentences of the five seed articles (``data/raw/xi_moscow_2023``,
cleaned and split by framescope itself), with random dates (January to April 2023), random
outlets ("synthetic outlet 1" ... "synthetic outlet 20") and 15-40 sentences each, in
paragraphs of two to five. Each corpus belongs to a *family* (:data:`families.FAMILIES`):

- ``dense`` (default): every sentence is perturbed: its numbers are redrawn, an actor name may
  be swapped for another alias from the profile, and a random word from the seeds' vocabulary
  goes in after every three or four words, so no five-word run of seed text survives. Real
  coverage shares few five-word shingles across many articles; with only the seeds' ~140
  sentences as material, anything lighter makes every article share shingles with a fifth of
  the corpus. Well over 90% of the sentences are distinct, so a pipeline that scores each
  distinct sentence once (framescope does) cannot look faster than it is; :class:`Stats`
  reports the ratio.
- ``light``: one to three random words inserted per sentence instead: articles share many
  shingles with each other.
- ``realistic``: ``dense`` articles over 50 outlets, each wrapped in its outlet's fixed header
  and footer lines and most with a byline, plus 30% syndicated copies (see
  :mod:`benchmarks.families`): a copy of an earlier article (an original or a copy) run by
  another outlet the same day or up to two days later, with an edited headline, its last
  paragraph dropped (and in a quarter of the copies the one before), in 30% its first sentence
  rewritten, another byline, the copying outlet's boilerplate and sometimes a wire credit.
- ``stubs``: ``realistic`` plus bot-wall and paywall pages from 200 outlets, 30% of the
  realistic pages (23% of all).
- ``sampled``: the seed sentences unchanged, drawn at random: every article shares whole
  sentences with thousands of others (the adversarial case for duplicate detection).

``n_articles`` counts the originals; copies and stub pages come on top, interleaved at random
with them. The generator writes what it planted to the hidden ``.planted.parquet``
(:data:`PLANTED_SCHEMA`): one row per copy (its record ``id``, the ``original`` it was made
from, the ``story``'s first article, the ``wire`` agency it credits, and how much of it the
story's first article holds) and one per stub page.

Nothing generated here is real coverage, and every output says so: each record carries a
``note`` (exports, HTML metadata, the text files' sidecar), every outlet is called "synthetic
outlet N", every title starts "Synthetic benchmark article" and text files open with a
`` date YYYY-MM-DD Synthetic`` header.

Exports are written as ``articles-00001.jsonl`` (``.csv``, ``.parquet``), one file per 10,000
records; text and HTML as one file per record (``0000000.txt`` plus ``sources.csv``). The
hidden ``.synthetic.json`` holds the :class:`Stats`.

Command line (one format writes into ``DIR``; several write ``DIR/<format>/``)::

    python -m benchmarks.generate --articles 20000 --format jsonl --out DIR --seed 0 \\
        [--family realistic]
"""

from __future__ import annotations

import argparse
import csv
import html
import itertools
import json
import random
import re
from collections import deque
from collections.abc import Iterator, Sequence
from dataclasses import asdict, dataclass
from datetime import date, timedelta
from functools import cache
from pathlib import Path

import numpy as np
import polars as pl

from benchmarks import families
from framescope import config, ingest, mentions, sentences
from framescope import profile as profiles
from framescope.ingest import sidecar

FORMATS = ("txt", "jsonl", "csv", "parquet", "html")
"""Every input format the ingest accepts: text files with a sidecar, three exports, HTML."""

FIRST_DAY = date(2023, 1, 1)
LAST_DAY = date(2023, 4, 30)
SENTENCES_PER_ARTICLE = (15, 40)
LIGHT_INSERTS = (1, 3)
"""Random words inserted per sentence by the ``light`` perturbation."""
DENSE_GAP = (3, 4)
"""Seed words between two inserted words with the ``dense`` perturbation."""
SWAP_PROBABILITY = 0.5
BYLINE_PROBABILITY = 0.7
"""Share of the originals with a byline, in the families with outlet boilerplate."""
NOTE = (
    "SYNTHETIC benchmark article: assembled by benchmarks/generate.py from sentences of the "
    "five seed articles; not real coverage, do not analyse"
)
VERSION = 5
"""Changes whenever the same seed would give a different corpus, so cached corpora regenerate."""
STATS_FILE = ".synthetic.json"
"""Written next to the corpus; hidden, so neither framescope nor the baseline ingests it."""
PLANTED_FILE = ".planted.parquet"
"""What the generator planted, next to the corpus and hidden like :data:`STATS_FILE`."""
PLANTED_SCHEMA: dict[str, pl.DataType] = {
    "id": pl.String(),
    "kind": pl.String(),
    "original": pl.String(),
    "story": pl.String(),
    "wire": pl.String(),
    "containment": pl.Float64(),
    "jaccard": pl.Float64(),
    "body_containment": pl.Float64(),
}
"""One row per planted record. ``kind`` is ``copy`` or ``stub``. For a copy: ``original``, the
record it was made from (an original or an earlier copy); ``story``, the first article of
its chain of copies; ``wire``, the agency it credits (or null); ``containment`` (of the
shorter text in the longer) and ``jaccard`` between its text and the story's first article's
as written, over word 5-shingles, and ``body_containment`` between their bodies alone (no
boilerplate, byline or credit)."""

PART_SIZE = 10_000
"""Records per export file, and generated at a time: a million articles never sit in memory,
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
    """What was generated: sizes, what was planted and how many sentences are distinct.

    ``articles`` counts every record written; ``originals`` the articles asked for, which
    ``copies`` and ``stubs`` come on top of; ``credits`` the copies that credit a wire agency.
    Sentences are those assembled into article bodies (boilerplate and stub pages left out).
    """

    articles: int
    sentences: int
    distinct_sentences: int
    bytes: int
    format: str
    seed: int
    family: str = "dense"
    perturbation: str = "dense"
    originals: int = 0
    copies: int = 0
    stubs: int = 0
    credits: int = 0
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


def _outlet(index: int) -> str:
    return f"synthetic outlet {index + 1}"


def _sentence(rng: random.Random, pool: Pool, perturbation: str) -> str:
    """A random pool sentence, perturbed (``none``: as it is)."""
    index = rng.randrange(len(pool.sentences))
    if perturbation == "none":
        return pool.sentences[index]
    return perturb(rng, pool, index, perturbation=perturbation)


@dataclass(frozen=True)
class Record:
    """One generated record: its export row, its body's sentences and what was planted in it
    (a :data:`PLANTED_SCHEMA` row, or None for an original)."""

    row: dict[str, str]
    sentences: list[str]
    planted: dict[str, object] | None = None


@dataclass(frozen=True)
class _Source:
    """An article a later copy can be made of, with what the copy's measures need."""

    id: str
    outlet: int
    published: date
    headline: str
    paragraphs: list[list[str]]
    agency: str | None
    story: str
    story_text: str
    story_body: str


class _Stream:
    """A family's records in order, drawn from one seeded generator."""

    def __init__(self, family: families.Family, pool: Pool, seed: int) -> None:
        self.family = family
        self.pool = pool
        self.seed = seed
        self.rng = random.Random(seed)
        self.recent: deque[_Source] = deque(maxlen=families.WINDOW)

    def _row(self, number: int, outlet: str, published: date, title: str, text: str) -> dict:
        return {
            "id": f"synthetic-{self.seed}-{number:07d}",
            "source": outlet,
            "published": published.isoformat(),
            "title": f"Synthetic benchmark article {number:07d}" + (title and f": {title}"),
            "text": text,
            "url": f"https://synthetic.invalid/outlet-{outlet.rsplit(' ', 1)[-1]}/{number:07d}",
            "note": NOTE,
        }

    def original(self, number: int) -> Record:
        """An article of distinct (or, for ``sampled``, shared) sentences."""
        rng, family = self.rng, self.family
        chosen = [
            _sentence(rng, self.pool, family.perturbation)
            for _ in range(rng.randint(*SENTENCES_PER_ARTICLE))
        ]
        paragraphs = []
        position = 0
        while position < len(chosen):
            size = rng.randint(2, 5)
            paragraphs.append(chosen[position : position + size])
            position += size
        outlet = rng.randrange(family.outlets)
        published = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
        title = byline = ""
        if family.boilerplate:
            title = families.headline(rng, rng.choice(self.pool.sentences))
            if rng.random() < BYLINE_PROBABILITY:
                byline = families.byline(rng, _outlet(outlet))
        furniture = families.boilerplate(_outlet(outlet)) if family.boilerplate else None
        text = families.page(paragraphs, furniture=furniture, byline=byline or None)
        row = self._row(number, _outlet(outlet), published, title, text)
        if family.copies:
            own = row["id"]
            body = families.page(paragraphs)
            self.recent.append(
                _Source(own, outlet, published, title, paragraphs, None, own, text, body)
            )
        return Record(row, chosen)

    def copy(self, number: int) -> Record:
        """A copy of a recent article run by another outlet (see the module docstring)."""
        rng, family = self.rng, self.family
        source = self.recent[rng.randrange(len(self.recent))]
        outlet = rng.randrange(family.outlets - 1)
        outlet += outlet >= source.outlet  # any outlet but the source's
        published = source.published + timedelta(days=rng.randint(*families.COPY_DAYS))
        paragraphs = families.trim(rng, source.paragraphs)
        if rng.random() < families.LEDE_REWRITE:
            lede = _sentence(rng, self.pool, family.perturbation)
            paragraphs[0] = [lede, *paragraphs[0][1:]]
        if source.agency:
            agency = source.agency if rng.random() < families.KEEP_CREDIT else None
        else:
            agency = rng.choice(families.AGENCIES) if rng.random() < families.NEW_CREDIT else None
        credit = families.credit(rng, agency, published) if agency else None
        title = families.edited_headline(rng, source.headline)
        text = families.page(
            paragraphs,
            furniture=families.boilerplate(_outlet(outlet)),
            byline=families.byline(rng, _outlet(outlet)),
            credit=credit,
        )
        row = self._row(number, _outlet(outlet), published, title, text)
        body = families.page(paragraphs)
        self.recent.append(
            _Source(
                row["id"], outlet, published, source.headline, paragraphs, agency,
                source.story, source.story_text, source.story_body,
            )
        )  # fmt: skip
        contained, jaccard = families.containment(text, source.story_text)
        planted = {
            "id": row["id"],
            "kind": "copy",
            "original": source.id,
            "story": source.story,
            "wire": agency,
            "containment": contained,
            "jaccard": jaccard,
            "body_containment": families.containment(body, source.story_body)[0],
        }
        return Record(row, [s for p in paragraphs for s in p], planted)

    def stub(self, number: int) -> Record:
        """A bot-wall or paywall page from one of many outlets."""
        rng = self.rng
        outlet = _outlet(rng.randrange(families.STUB_OUTLETS))
        published = FIRST_DAY + timedelta(days=rng.randrange((LAST_DAY - FIRST_DAY).days + 1))
        row = self._row(number, outlet, published, "", families.stub(rng, outlet))
        planted = dict.fromkeys(PLANTED_SCHEMA) | {"id": row["id"], "kind": "stub"}
        return Record(row, [], planted)


def records(
    n_articles: int, *, family: str = "dense", seed: int = 0, pool: Pool | None = None
) -> Iterator[Record]:
    """The records of a corpus of ``n_articles`` originals of ``family``, in order.

    Copies and stub pages (:meth:`families.Family.counts`) are interleaved at random with the
    originals; a copy is made of one of the last :data:`families.WINDOW` articles.

    Examples
    --------
    >>> [r.planted["kind"] for r in records(20, family="stubs") if r.planted]  # doctest: +SKIP
    ['copy', 'stub', ...]
    """
    if family not in families.FAMILIES:
        msg = f"family {family!r} is not one of {list(families.FAMILIES)}"
        raise ValueError(msg)
    stream = _Stream(families.FAMILIES[family], pool or seed_pool(), seed)
    left = list(stream.family.counts(n_articles))
    for number in range(sum(left)):
        kind = 0
        if left[1] or left[2]:  # no draw otherwise: dense and light corpora stay as they were
            drawn = stream.rng.randrange(sum(left))
            kind = 0 if drawn < left[0] else 1 if drawn < left[0] + left[1] else 2
            kind = 0 if kind == 1 and not stream.recent else kind
        left[kind] -= 1
        yield (stream.original, stream.copy, stream.stub)[kind](number)


@dataclass(frozen=True)
class Part:
    """Consecutive records as an export frame (``id, source, published, title, text, url,
    note``), their sentences and their :data:`PLANTED_SCHEMA` rows."""

    frame: pl.DataFrame
    sentences: list[str]
    planted: pl.DataFrame


def chunks(
    n_articles: int,
    *,
    family: str = "dense",
    seed: int = 0,
    pool: Pool | None = None,
    size: int = PART_SIZE,
) -> Iterator[Part]:
    """The corpus (see :func:`records`) in parts of ``size`` records.

    The same ``seed`` gives the same corpus whatever the part size.

    Examples
    --------
    >>> [part.frame.height for part in chunks(25, size=10)]  # doctest: +SKIP
    [10, 10, 5]
    """
    stream = records(n_articles, family=family, seed=seed, pool=pool)
    while batch := list(itertools.islice(stream, size)):
        planted = [record.planted for record in batch if record.planted]
        yield Part(
            pl.DataFrame([record.row for record in batch]),
            [sentence for record in batch for sentence in record.sentences],
            pl.DataFrame(planted, schema=PLANTED_SCHEMA, orient="row" if not planted else None),
        )


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
    names = [f"articles-*.{fmt}", f"{'[0-9]' * 7}.{fmt}", STATS_FILE, PLANTED_FILE]
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
    family: str = "dense",
    part_size: int = PART_SIZE,
    pool: Pool | None = None,
) -> dict[str, Stats]:
    """Generate ``n_articles`` originals of ``family`` (and the family's copies and stub
    pages) and write them in each of ``formats``.

    One format writes into ``out``; several write into ``out/<format>/``. Exports are split
    into files of ``part_size`` records (``articles-00001.jsonl``, ...), as large exports
    come; text and HTML are one file per record. Each folder gets a hidden
    ``.synthetic.json`` with its :class:`Stats` and a hidden ``.planted.parquet`` with what was
    planted (:data:`PLANTED_SCHEMA`). Files already in the folders are removed.

    Examples
    --------
    >>> write(50, "/tmp/corpus", family="realistic")["jsonl"].articles  # doctest: +SKIP
    65
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
    planted = [pl.DataFrame(schema=PLANTED_SCHEMA)]
    n_records = n_sentences = 0
    parts = chunks(n_articles, family=family, seed=seed, pool=pool, size=part_size)
    for number, part in enumerate(parts, start=1):
        n_records += part.frame.height
        n_sentences += len(part.sentences)
        hashes.append(pl.Series(part.sentences, dtype=pl.String).hash(seed=0).to_numpy())
        planted.append(part.planted)
        for fmt, folder in folders.items():
            if fmt in ("txt", "html"):
                _write_files(part.frame, folder, fmt)
            else:
                _write_export(part.frame, folder / f"articles-{number:05d}.{fmt}")
    truth = pl.concat(planted)
    kinds = truth["kind"].value_counts()
    counted = dict(zip(kinds["kind"], kinds["count"], strict=True))
    common = {
        "articles": n_records,
        "sentences": n_sentences,
        "distinct_sentences": int(np.unique(np.concatenate(hashes)).size) if hashes else 0,
        "seed": seed,
        "family": family,
        "perturbation": families.FAMILIES[family].perturbation,
        "originals": n_articles,
        "copies": counted.get("copy", 0),
        "stubs": counted.get("stub", 0),
        "credits": truth["wire"].is_not_null().sum(),
    }
    result = {}
    for fmt, folder in folders.items():
        stats = Stats(**common, bytes=_folder_bytes(folder), format=fmt)
        truth.write_parquet(folder / PLANTED_FILE)
        payload = {**asdict(stats), "distinct_ratio": stats.distinct_ratio}
        (folder / STATS_FILE).write_text(json.dumps(payload, indent=2) + "\n")
        result[fmt] = stats
    return result


def read_stats(folder: str | Path) -> Stats | None:
    """The :class:`Stats` of a generated corpus folder, or None if it holds none (or only
    stats of an older generator, whose fields differ)."""
    path = Path(folder) / STATS_FILE
    if not path.is_file():
        return None
    payload = json.loads(path.read_text())
    payload.pop("distinct_ratio", None)
    if payload.get("version", 1) != VERSION:
        return None
    return Stats(**payload)


def read_planted(folder: str | Path) -> pl.DataFrame:
    """What the generator planted in the corpus in ``folder`` (:data:`PLANTED_SCHEMA`)."""
    return pl.read_parquet(Path(folder) / PLANTED_FILE)


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m benchmarks.generate``: write a synthetic corpus."""
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.generate",
        description="Write a seeded SYNTHETIC corpus assembled from the seed articles.",
    )
    parser.add_argument("--articles", type=int, required=True, help="number of originals")
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
        help=f"records per export file (default {PART_SIZE:,})",
    )
    parser.add_argument(
        "--family",
        choices=list(families.FAMILIES),
        default="dense",
        help="dense (default): a random word every 3-4 words; light: 1-3 per sentence; "
        "realistic: dense + outlet boilerplate + 30%% syndicated copies; stubs: realistic + "
        "stub pages (23%% of all); sampled: seed sentences unchanged",
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
        family=args.family,
        part_size=args.part_size,
    )
    for fmt, stats in written.items():
        print(
            f"{fmt}: {stats.articles:,} synthetic records ({stats.copies:,} syndicated copies, "
            f"{stats.stubs:,} stub pages), {stats.sentences:,} sentences "
            f"({stats.distinct_ratio:.1%} distinct), {stats.bytes / 1e6:.1f} MB"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
