"""Corpus counts for drafting a profile: name forms, role phrases, publication dates and the
words next to figures, per batch of articles, summed batch by batch.

Memory is bounded by design: articles are read with the build's own ingest a batch of files
at a time, and each batch is reduced to these counts before the next is read (a row per
article and distinct name form, not per mention); no step pairs articles with articles.

Examples
--------
>>> a = pl.DataFrame({"source": ["A"], "published": [date(2023, 3, 20)],
...                   "text": ["Chinese leader Xi Jinping met Putin."]})
>>> count(a).roles.rows()
[(0, 'Chinese leader', 'Xi Jinping')]
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path

import polars as pl

from framescope import ingest
from framescope.claims import scan
from framescope.claims.grammar import NOUN_STOP
from framescope.ingest import sidecar
from framescope.profile import names
from framescope.rules.nationalities import PATTERN as NATIONALITY
from framescope.rules.words import STOP_WORDS

DESCRIPTORS = (
    "head of state", "prime minister", "foreign minister", "defence minister",
    "defense minister", "top diplomat", "foreign ministry spokesperson", "leader", "president",
    "premier", "dictator", "strongman", "autocrat", "chief", "boss", "chancellor", "envoy",
    "ambassador", "spokesman", "spokeswoman", "spokesperson", "minister",
)  # fmt: skip
"""Office and descriptor words that, after a nationality ("Chinese leader") or "Kremlin",
make a role."""
_ROLE = (
    rf"(?:{NATIONALITY}|Kremlin|White House)[ ]+(?:{'|'.join(DESCRIPTORS)})"
    rf"(?:[ ]+{names.NAME_SEQUENCE})?"
)
_ROLE_SPLIT = re.compile(rf"^(.+? (?:{'|'.join(DESCRIPTORS)}))(?: (.+))?$")
BATCH_FILES = 500
"""Text or HTML files read at a time: about 3 MB of text for news articles."""
PIECE_BYTES = 16 * 1024**2
"""Bytes of an export read at a time."""
BATCH_ARTICLES = 2_000
"""Articles cleaned and counted at a time."""
_METRIC_SKIP = NOUN_STOP | STOP_WORDS | {
    "rose", "fell", "grew", "reached", "increased", "decreased", "dropped", "jumped",
    "totalled", "totaled", "hit", "exceeded", "up", "down", "around", "nearly", "almost",
    "some", "roughly", "approximately", "least", "record", "percent", "billion", "million",
    "trillion", "thousand", "us", "year", "years", "according", "reported", "cent", "previous",
    "compared", "said", "says", "told", "new", "data", "showed", "shows", "figures",
}  # fmt: skip


@dataclass(frozen=True)
class Counts:
    """What a batch of articles (or a whole corpus, summed) says, small enough to keep.

    ``forms``: one row per article and name surface (``article``, ``source``, ``surface``);
    ``roles``: role phrases, with the name written after them or null (``article``, ``role``,
    ``surface``); ``dates``: articles per publication date; ``figures``: one row per article,
    unit and word next to a figure."""

    forms: pl.DataFrame
    roles: pl.DataFrame
    dates: pl.DataFrame
    figures: pl.DataFrame
    articles: int


def _figure_words(text: str) -> Iterator[tuple[str, str]]:
    """(unit, word) for each figure in a sentence: the noun a count counts, else the first
    run of content words in the figure's clause ("Bilateral trade rose 29% ...": "trade" and
    "bilateral trade"), which is usually what the figure measures.

    Examples
    --------
    >>> list(_figure_words("Bilateral trade between them rose 29.3% to $190 billion."))
    [('percent', 'trade'), ('percent', 'bilateral trade'), ('USD', 'trade'), ('USD', 'bilateral trade')]
    """  # noqa: E501
    for quantity in scan.quantities(text):
        if quantity.unit == "count" and quantity.noun:
            yield quantity.unit, quantity.noun.split(" of ")[0].split()[-1].lower()
            continue
        clause = re.split(r"[,;:()—–]", text[: quantity.start])[-1]
        run: list[str] = []
        for found in re.finditer(r"[^\W\d_][\w’'-]*|\S+", clause):
            word = found.group(0)
            lower = word.lower()
            initial = found.start() == 0 and clause is text[: quantity.start]
            content = (
                lower not in _METRIC_SKIP
                and word[0].isalpha()
                and (word[0].islower() or initial or clause.lstrip().startswith(word))
            )
            if content:
                run.append(lower)
            elif run:
                break
        if run:
            yield quantity.unit, run[-1]
            if len(run) > 1:
                yield quantity.unit, " ".join(run[-2:])


def count(articles: pl.DataFrame, *, first: int = 0) -> Counts:
    """Count one batch of articles (``source``, ``published``, ``text``); ``first`` numbers
    the batch's first article, so that batches can be summed.

    Examples
    --------
    >>> a = pl.DataFrame({"source": ["A"], "published": [date(2023, 3, 20)],
    ...                   "text": ["Trade rose 29% as Mr Putin met Xi Jinping."]})
    >>> c = count(a)
    >>> sorted(c.forms["surface"]), c.figures.rows()
    (['Mr Putin', 'Trade', 'Xi Jinping'], [(0, 'percent', 'trade')])
    """
    numbered = articles.select(
        pl.int_range(first, first + pl.len(), dtype=pl.UInt32).alias("article"),
        pl.col("source").fill_null("unknown"),
        pl.col("text").fill_null(""),
    )
    forms = (
        numbered.select(
            "article",
            "source",
            pl.col("text").str.extract_all(names.NAME_SEQUENCE).alias("surface"),
        )
        .explode("surface")
        .drop_nulls("surface")
        .unique()
    )
    role_matches = (
        numbered.select("article", pl.col("text").str.extract_all(_ROLE).alias("match"))
        .explode("match")
        .drop_nulls("match")
    )
    split = [_ROLE_SPLIT.match(m) for m in role_matches["match"]]
    roles = pl.DataFrame(
        {
            "article": role_matches["article"],
            "role": [m.group(1) if m else None for m in split],
            "surface": [m.group(2) if m else None for m in split],
        },
        schema={"article": pl.UInt32, "role": pl.String, "surface": pl.String},
    ).drop_nulls("role")
    with_figures = numbered.filter(pl.col("text").str.contains(r"[0-9]"))
    rows = [
        (article, unit, word)
        for article, text in with_figures.select("article", "text").iter_rows()
        for sentence in re.split(r"(?<=[.!?])\s+(?=[A-Z“\"])|\n+", text)
        if re.search(r"[0-9]", sentence)
        for unit, word in _figure_words(sentence)
    ]
    figures = pl.DataFrame(
        rows, schema={"article": pl.UInt32, "unit": pl.String, "term": pl.String}, orient="row"
    ).unique(maintain_order=True)
    dates = (
        articles.select(pl.col("published").cast(pl.Date))
        .drop_nulls()
        .group_by("published")
        .len("n")
        .with_columns(pl.col("n").cast(pl.Int64))
    )
    return Counts(forms, roles, dates, figures, articles.height)


def combine(parts: Iterable[Counts]) -> Counts:
    """The counts of several batches as one (their ``first`` numbers must not overlap)."""
    parts = list(parts)
    if not parts:
        return count(
            pl.DataFrame(schema={"source": pl.String, "published": pl.Date, "text": pl.String})
        )
    dates = pl.concat([p.dates for p in parts]).group_by("published").agg(pl.col("n").sum())
    return Counts(
        forms=pl.concat([p.forms for p in parts]),
        roles=pl.concat([p.roles for p in parts]),
        dates=dates,
        figures=pl.concat([p.figures for p in parts]),
        articles=sum(p.articles for p in parts),
    )


def read_batches(
    raw: Iterable[str | Path],
    *,
    sources: str | Path | None = None,
    size: int = BATCH_FILES,
    mapping: Mapping[str, str] | None = None,
    delimiter: str | None = None,
) -> Iterator[pl.DataFrame]:
    """Articles (``source``, ``published``, ``text``) under ``raw``, read and cleaned with the
    build's ingest (sidecars applied): ``size`` text or HTML files at a time, an export in
    pieces of :data:`PIECE_BYTES`, and at most :data:`BATCH_ARTICLES` articles a batch; an
    exact duplicate of an article already read is skipped."""
    found = ingest.find_inputs(raw)
    sidecar_paths = [Path(sources)] if sources is not None else found.sidecars
    for path in sidecar_paths:
        if not path.is_file():
            msg = f"sidecar {str(path)!r} does not exist"
            raise FileNotFoundError(msg)
    table = pl.concat([sidecar.read(p) for p in sidecar_paths]) if sidecar_paths else None
    files = [f for f in found.files if f.path.suffix.lower() not in ingest.EXPORT_SUFFIXES]
    groups = [files[i : i + size] for i in range(0, len(files), size)]
    groups += [
        [part]
        for item in found.files
        if item.path.suffix.lower() in ingest.EXPORT_SUFFIXES
        for part in ingest.split(item, size=PIECE_BYTES)
    ]
    seen: set[str] = set()
    for group in groups:
        records = ingest.read(group, mapping=mapping, delimiter=delimiter, progress=False).records
        for part in records.iter_slices(BATCH_ARTICLES):
            articles, _ = ingest.prepare(part, sources=table, names=())
            articles = articles.filter(~pl.col("article_id").is_in(list(seen))).unique(
                "article_id", keep="first", maintain_order=True
            )
            seen.update(articles["article_id"])
            yield articles.select("source", "published", "text")


def count_corpus(batches: Iterable[pl.DataFrame]) -> Counts:
    """:func:`count` over batches, summed as they come."""
    parts: list[Counts] = []
    first = 0
    for articles in batches:
        parts.append(count(articles, first=first))
        first += articles.height
        if len(parts) >= 20:  # keep few frames, not one per batch
            parts = [combine(parts)]
    return combine(parts)


def peak_date(dates: pl.DataFrame) -> tuple[date | None, int]:
    """The day with most articles over it and its two neighbours (the earliest on a tie), and
    that number of articles.

    Examples
    --------
    >>> d = pl.DataFrame({"published": [date(2023, 3, 20), date(2023, 3, 21), date(2023, 2, 1)],
    ...                   "n": [3, 2, 4]})
    >>> peak_date(d)
    (datetime.date(2023, 3, 20), 5)
    """
    per_day = dict(dates.select("published", "n").iter_rows())
    if not per_day:
        return None, 0
    one = timedelta(days=1)
    windows = {
        day: per_day.get(day - one, 0) + n + per_day.get(day + one, 0) for day, n in per_day.items()
    }
    best = max(windows.items(), key=lambda kv: (kv[1], -kv[0].toordinal()))
    return best[0], best[1]
