"""The baseline: the pipeline a careful analyst writes without framescope.

pandas for tables, files read one by one, simple cleaning, a regular-expression sentence
splitter, Python ``re`` per actor alias (word boundaries, the profile's aliases and exclusions,
leftmost-longest) and per figure pattern (money, percent), one ``vaderSentiment``
``polarity_scores`` call and one TextBlob polarity per sentence (framescope's build scores both
methods, ``pipeline.SENTIMENT_METHODS``), frame cues, war terms and hedges with one ``re`` per
term group, and Parquet/CSV output. It does not import framescope: it reads the same topic
profile TOML with ``tomllib`` (and the base profile it extends).

Where the work is the same the counts are the same: articles, and actor mentions per actor when
both see the same sentences (``tests/test_benchmarks.py`` checks this on the seeds). Where
they differ, it is because the work differs, and :func:`run` reports the counts so the
benchmark can say by how much:

- sentences: one splitting regex with a short list of abbreviations; framescope's splitter
  also knows month abbreviations, decimals and lowercase continuations;
- cleaning: whitespace and invisible characters only; framescope also removes boilerplate,
  repairs glued words, detects language and translation, and marks near-duplicates, so on the
  raw seed files (glued words, tweet embeds) the mention counts differ;
- framing: frame cues, war terms and hedges only; framescope also finds actor labels and
  attributed quotes;
- figures: money and percent amounts only; framescope also reads counts and multiples, ties
  each figure to a metric, a period, a kind and a speaker, and leaves out dates and ranges.

Command line::

    python -m benchmarks.baseline --raw PATH --out DIR [--profile TOML] [--json FILE]
"""

from __future__ import annotations

import argparse
import json
import re
import time
import tomllib
import unicodedata
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pandas as pd

ROOT = Path(__file__).resolve().parents[1]
PROFILE = ROOT / "data" / "profiles" / "xi_moscow_2023.toml"
STAGES = ("ingest", "sentences", "mentions", "sentiment", "framing", "figures", "write")
SENTIMENT_METHODS = ("vader", "textblob")

# --- reading and cleaning ------------------------------------------------------------------

_TEXT_COLUMNS = ("text", "maintext", "body", "content", "story_text")
_SOURCE_COLUMNS = ("source", "media_name", "source_domain", "outlet")
_DATE_COLUMNS = ("published", "date_publish", "publish_date", "date")
_INVISIBLE = re.compile("[\u200b\u200c\u200d\u2060\ufeff\u00ad]")
_SPACES = re.compile(r"[^\S\n]+")


def _pick(frame: pd.DataFrame, names: Sequence[str]) -> pd.Series:
    for name in names:
        if name in frame.columns:
            return frame[name].astype("string")
    return pd.Series(pd.NA, index=frame.index, dtype="string")


def _standard(frame: pd.DataFrame, origin: str) -> pd.DataFrame:
    numbers = [f"{origin}#{n}" for n in range(1, len(frame) + 1)]
    return pd.DataFrame(
        {
            "id": _pick(frame, ("id",)).fillna(pd.Series(numbers, index=frame.index)),
            "source": _pick(frame, _SOURCE_COLUMNS),
            "published": _pick(frame, _DATE_COLUMNS),
            "title": _pick(frame, ("title",)),
            "text": _pick(frame, _TEXT_COLUMNS),
        }
    )


def _read_text_files(paths: list[Path], sidecar: pd.DataFrame | None) -> pd.DataFrame:
    rows = []
    for path in paths:
        lines = path.read_text(encoding="utf-8", errors="replace").splitlines()
        published = title = None
        # The scraper's layout: an optional " date YYYY-MM-DD ..." header, then a title line.
        if lines and lines[0].strip().startswith("date "):
            published = lines.pop(0).split()[1]
            if lines and lines[0].strip():
                title = lines.pop(0).strip()
        rows.append(
            {"id": path.name, "published": published, "title": title, "text": "\n".join(lines)}
        )
    frame = pd.DataFrame(rows, columns=["id", "published", "title", "text"])
    if sidecar is not None:
        meta = sidecar.rename(columns={"file": "id"})[["id", "source", "published"]]
        frame = frame.merge(meta, on="id", how="left", suffixes=("_text", ""))
        frame["published"] = frame["published"].fillna(frame.pop("published_text"))
    else:
        frame["source"] = pd.NA
    return frame[["id", "source", "published", "title", "text"]]


def _read_html_files(paths: list[Path]) -> pd.DataFrame:
    import trafilatura  # noqa: PLC0415 - only HTML input needs it

    rows = []
    for path in paths:
        page = path.read_text(encoding="utf-8", errors="replace")
        meta = trafilatura.extract_metadata(page)
        rows.append(
            {
                "id": path.name,
                "source": meta.sitename if meta else None,
                "published": meta.date if meta else None,
                "title": meta.title if meta else None,
                "text": trafilatura.extract(page) or "",
            }
        )
    return pd.DataFrame(rows, columns=["id", "source", "published", "title", "text"])


def read_corpus(path: str | Path) -> pd.DataFrame:
    """Every article under ``path`` (a file or a folder): ``id, source, published, title,
    text``. Reads JSON Lines, CSV, Parquet, text files with a ``sources.csv`` sidecar, and HTML;
    hidden files are skipped."""
    path = Path(path)
    files = [path] if path.is_file() else sorted(p for p in path.rglob("*") if p.is_file())
    files = [p for p in files if not p.name.startswith(".")]
    by_suffix: dict[str, list[Path]] = {}
    for item in files:
        by_suffix.setdefault(item.suffix.lower(), []).append(item)
    sidecars = [p for p in files if p.name == "sources.csv"]
    sidecar = pd.concat([pd.read_csv(p, dtype=str) for p in sidecars]) if sidecars else None
    frames = [
        _standard(pd.read_json(p, lines=True, dtype=False), str(p))
        for p in by_suffix.get(".jsonl", [])
    ]
    frames += [
        _standard(pd.read_csv(p, dtype=str, keep_default_na=False), str(p))
        for p in by_suffix.get(".csv", [])
        if p.name != "sources.csv"
    ]
    frames += [_standard(pd.read_parquet(p), str(p)) for p in by_suffix.get(".parquet", [])]
    if by_suffix.get(".txt"):
        frames.append(_read_text_files(by_suffix[".txt"], sidecar))
    html_files = by_suffix.get(".html", []) + by_suffix.get(".htm", [])
    if html_files:
        frames.append(_read_html_files(html_files))
    columns = ["id", "source", "published", "title", "text"]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=columns)


def clean(text: str) -> str:
    """NFC, no invisible characters, single spaces, no blank-line runs, stripped lines."""
    text = _INVISIBLE.sub("", unicodedata.normalize("NFC", text)).replace("\r\n", "\n")
    lines = (_SPACES.sub(" ", line).strip() for line in text.split("\n"))
    return "\n".join(line for line in lines if line)


def ingest(path: str | Path) -> pd.DataFrame:
    """Read, clean, drop empty texts and exact duplicates (same source and text)."""
    articles = read_corpus(path)
    articles["text"] = articles["text"].fillna("").map(clean)
    articles = articles[articles["text"] != ""]
    return articles.drop_duplicates(subset=["source", "text"]).reset_index(drop=True)


# --- sentences ------------------------------------------------------------------------------

# A sentence ends at . ! or ? (and any closing quote or bracket) before a space and a capital
# or an opening quote; not after Mr./Dr./St. and the like or a single capital ("U.S.", "F.").
_SPLIT = re.compile(
    r"(?<!\bMr\.)(?<!\bMrs\.)(?<!\bMs\.)(?<!\bDr\.)(?<!\bSt\.)(?<!\bGen\.)(?<!\bJr\.)"
    r"(?<!\b[A-Z]\.)"
    r"(?:(?<=[.!?])|(?<=[.!?][\"”’)]))\s+(?=[A-Z\"“‘(])"
)
_ALNUM = re.compile(r"\w")
_LETTER = re.compile(r"[^\W\d_]")


def split_sentences(text: str) -> list[str]:
    """Sentences of one text: every line break ends one, then :data:`_SPLIT`."""
    return [
        piece.strip()
        for line in text.split("\n")
        for piece in _SPLIT.split(line)
        if _ALNUM.search(piece)
    ]


def sentences(articles: pd.DataFrame) -> pd.DataFrame:
    """One row per sentence: ``article_id, sentence_idx, text``."""
    rows = [
        (article_id, index, sentence)
        for article_id, text in zip(articles["id"], articles["text"], strict=True)
        for index, sentence in enumerate(split_sentences(text))
    ]
    return pd.DataFrame(rows, columns=["article_id", "sentence_idx", "text"])


# --- the topic profile ----------------------------------------------------------------------


BASE_PROFILE = ROOT / "src" / "framescope" / "profile" / "base.toml"


def load_profile(path: str | Path = PROFILE) -> dict[str, Any]:
    """The topic profile TOML as a dict, merged with the profile it ``extends`` as framescope
    merges them: term lists extended, actors and term groups replaced by id."""
    with Path(path).open("rb") as handle:
        data = tomllib.load(handle)
    extends = data.pop("extends", None)
    if extends is None:
        return data
    inherited = load_profile(BASE_PROFILE if extends == "base" else Path(path).parent / extends)
    for key in ("descriptors", "hedges"):
        data[key] = list(dict.fromkeys([*inherited.get(key, []), *data.get(key, [])]))
    for key in ("actors", "war_terms", "frames", "metrics", "milestones"):
        merged = {item["id"]: item for item in inherited.get(key, [])}
        merged.update((item["id"], item) for item in data.get(key, []))
        data[key] = list(merged.values())
    return data


def _guard(char: str, *, before: bool) -> str:
    # framescope's rule: an ASCII word-boundary at an ASCII word character, a Unicode one at
    # any other letter, none for scripts written without spaces (Chinese).
    if char.isascii() and (char.isalnum() or char == "_"):
        word = "[A-Za-z0-9_]"
    elif char.isalpha() and not ("\u2e80" <= char <= "\u9fff"):
        word = r"\w"
    else:
        return ""
    return f"(?<!{word})" if before else f"(?!{word})"


def _bounded(surface: str, *, separator: str | None = None) -> str:
    body = (
        re.escape(surface)
        if separator is None
        else separator.join(re.escape(w) for w in surface.split())
    )
    return _guard(surface[0], before=True) + body + _guard(surface[-1], before=False)


@dataclass(frozen=True)
class AliasPattern:
    """One alias or exclusion: its compiled pattern and the actor (None: an exclusion)."""

    surface: str
    actor: str | None
    pattern: re.Pattern[str]


def alias_patterns(profile: dict[str, Any]) -> list[AliasPattern]:
    """One compiled pattern per alias and per exclusion that is not another actor's alias."""
    owners: dict[str, str | None] = {}
    for actor in profile.get("actors", []):
        for alias in actor["aliases"]:
            owners[alias] = actor["id"]
    for actor in profile.get("actors", []):
        for exclusion in actor.get("exclusions", []):
            owners.setdefault(exclusion, None)
    return [AliasPattern(s, a, re.compile(_bounded(s))) for s, a in owners.items()]


def find_mentions(text: str, patterns: Iterable[AliasPattern]) -> list[tuple[str, str, int, int]]:
    """``(actor, alias, start, end)`` of each mention in ``text``: every alias and exclusion
    is searched on its own, overlaps resolve leftmost-longest, exclusions are then dropped."""
    spans = [
        (found.start(), found.end(), item.actor, item.surface)
        for item in patterns
        for found in item.pattern.finditer(text)
    ]
    spans.sort(key=lambda span: (span[0], span[0] - span[1]))
    result = []
    position = 0
    for start, end, actor, surface in spans:
        if start < position:
            continue
        position = end
        if actor is not None:
            result.append((actor, surface, start, end))
    return result


def mentions(sentences: pd.DataFrame, profile: dict[str, Any]) -> pd.DataFrame:
    """One row per mention: ``article_id, sentence_idx, actor, alias, start, end`` (offsets
    within the sentence)."""
    patterns = alias_patterns(profile)
    rows = [
        (article_id, index, *found)
        for article_id, index, text in zip(
            sentences["article_id"], sentences["sentence_idx"], sentences["text"], strict=True
        )
        for found in find_mentions(text, patterns)
    ]
    return pd.DataFrame(
        rows, columns=["article_id", "sentence_idx", "actor", "alias", "start", "end"]
    )


# --- sentiment ------------------------------------------------------------------------------


def sentiment(sentences: pd.DataFrame) -> pd.DataFrame:
    """VADER's scores and TextBlob's polarity for every sentence, one call per sentence."""
    from textblob import TextBlob  # noqa: PLC0415 - imports NLTK: slow, only this stage
    from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer  # noqa: PLC0415

    analyzer = SentimentIntensityAnalyzer()
    vader = pd.DataFrame([analyzer.polarity_scores(text) for text in sentences["text"]])
    textblob = pd.Series([TextBlob(text).sentiment.polarity for text in sentences["text"]])
    keys = sentences[["article_id", "sentence_idx"]].reset_index(drop=True)
    parts = [
        keys.assign(method="vader", **{c: vader.get(c) for c in ("compound", "pos", "neu", "neg")}),
        keys.assign(method="textblob", compound=textblob, pos=None, neu=None, neg=None),
    ]
    return pd.concat(parts, ignore_index=True)


# --- framing --------------------------------------------------------------------------------


def _group_pattern(terms: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(set(terms), key=lambda t: (-len(t), t))
    guards = {(_guard(t[0], before=True), _guard(t[-1], before=False)) for t in ordered}
    if len(guards) == 1:
        # One boundary check around the whole alternation, not one per term: the same
        # matches, several times faster in Python's backtracking engine.
        ((before, after),) = guards
        body = "|".join(r"\s+".join(re.escape(w) for w in t.split()) for t in ordered)
        return re.compile(f"{before}(?:{body}){after}", re.IGNORECASE)
    return re.compile("|".join(_bounded(t, separator=r"\s+") for t in ordered), re.IGNORECASE)


def _hits(pattern: re.Pattern[str], text: str, excluded: set[str]) -> list[re.Match[str]]:
    return [
        m for m in pattern.finditer(text) if " ".join(m.group().lower().split()) not in excluded
    ]


def framing(sentences: pd.DataFrame, profile: dict[str, Any]) -> dict[str, pd.DataFrame]:
    """Frame cues (one row per frame and sentence), war terms and hedges (one row each)."""
    groups = {
        kind: [
            (
                g["id"],
                _group_pattern([*g["terms"], *g.get("exclusions", [])]),
                {e.lower() for e in g.get("exclusions", [])},
            )
            for g in profile.get(kind, [])
        ]
        for kind in ("frames", "war_terms")
    }
    hedge = _group_pattern(profile.get("hedges", []))
    frames, wars, hedges = [], [], []
    for article_id, index, text in zip(
        sentences["article_id"], sentences["sentence_idx"], sentences["text"], strict=True
    ):
        for frame, pattern, excluded in groups["frames"]:
            found = _hits(pattern, text, excluded)
            if found:
                frames.append((article_id, index, frame, found[0].group().lower()))
        for term, pattern, excluded in groups["war_terms"]:
            wars += [(article_id, index, term, m.group()) for m in _hits(pattern, text, excluded)]
        # A capitalised hedge inside a sentence is a name ("in May", "Theresa May").
        hedges += [
            (article_id, index, m.group().lower())
            for m in hedge.finditer(text)
            if not m.group()[0].isupper() or not _LETTER.search(text[: m.start()])
        ]
    keys = ["article_id", "sentence_idx"]
    return {
        "frames": pd.DataFrame(frames, columns=[*keys, "frame", "cue"]),
        "war_terms": pd.DataFrame(wars, columns=[*keys, "term", "surface"]),
        "hedges": pd.DataFrame(hedges, columns=[*keys, "hedge"]),
    }


# --- figures --------------------------------------------------------------------------------

_NUMBER = r"\d+(?:[.,]\d+)*"
_SCALE = r"(?:\s?(?P<scale>thousand|million|billion|trillion|bn|mn|tn))?"
_MONEY_BEFORE = re.compile(
    rf"(?P<currency>US\$|\$|€|£|₽)\s?(?P<number>{_NUMBER}){_SCALE}(?!\w)", re.IGNORECASE
)
_MONEY_AFTER = re.compile(
    rf"(?<![\w$€£₽])(?P<number>{_NUMBER}){_SCALE}\s(?P<currency>dollars|yuan|renminbi|roubles|"
    r"rubles|euros|USD|CNY|RMB|RUB|EUR)(?!\w)",
    re.IGNORECASE,
)
_PERCENT = re.compile(rf"(?<![\w.])(?P<number>{_NUMBER})\s?(?:%|per\s?cent|percent)(?!\w)")
_SCALES = {"thousand": 1e3, "million": 1e6, "mn": 1e6, "billion": 1e9, "bn": 1e9}
_SCALES |= {"trillion": 1e12, "tn": 1e12}
_CURRENCIES = {"$": "USD", "us$": "USD", "dollars": "USD", "€": "EUR", "euros": "EUR", "£": "GBP"}
_CURRENCIES |= {"₽": "RUB", "roubles": "RUB", "rubles": "RUB", "yuan": "CNY", "renminbi": "CNY"}
_CURRENCIES |= {"rmb": "CNY"}


def _value(found: re.Match[str]) -> float:
    number = found.group("number")
    # "190,27" is a decimal comma; "1,000" a thousands separator.
    if re.fullmatch(r"\d+,\d{1,2}", number):
        number = number.replace(",", ".")
    number = number.replace(",", "")
    if number.count(".") > 1:
        number = number.replace(".", "")
    scale = (found.groupdict().get("scale") or "").lower()
    return float(number) * _SCALES.get(scale, 1.0)


def figures(sentences: pd.DataFrame) -> pd.DataFrame:
    """Money and percent amounts: one row per match, value in base units."""
    rows = []
    for article_id, index, text in zip(
        sentences["article_id"], sentences["sentence_idx"], sentences["text"], strict=True
    ):
        for pattern in (_MONEY_BEFORE, _MONEY_AFTER):
            for found in pattern.finditer(text):
                currency = found.group("currency").lower()
                unit = _CURRENCIES.get(currency, currency.upper())
                rows.append((article_id, index, found.group(), _value(found), unit))
        rows += [
            (article_id, index, found.group(), _value(found), "percent")
            for found in _PERCENT.finditer(text)
        ]
    return pd.DataFrame(rows, columns=["article_id", "sentence_idx", "surface", "value", "unit"])


# --- the whole run --------------------------------------------------------------------------


@dataclass
class Report:
    """Seconds per stage (and when each started, on the monotonic clock) and row counts."""

    seconds: dict[str, float] = field(default_factory=dict)
    started: dict[str, float] = field(default_factory=dict)
    counts: dict[str, int] = field(default_factory=dict)
    mentions_by_actor: dict[str, int] = field(default_factory=dict)

    def timed(self, stage: str, work: Callable[[], Any]) -> Any:
        """Run one stage and record its wall time."""
        self.started[stage] = time.monotonic()
        tick = time.perf_counter()
        result = work()
        self.seconds[stage] = time.perf_counter() - tick
        return result


def write(out: Path, tables: dict[str, pd.DataFrame]) -> None:
    """Every table as Parquet, and the mention counts per outlet and actor as CSV."""
    out.mkdir(parents=True, exist_ok=True)
    for name, table in tables.items():
        table.to_parquet(out / f"{name}.parquet", index=False)
    per_outlet = (
        tables["mentions"]
        .merge(tables["articles"][["id", "source"]], left_on="article_id", right_on="id")
        .groupby(["source", "actor"])
        .size()
        .rename("mentions")
    )
    per_outlet.to_csv(out / "mentions_by_outlet.csv")


def run(raw: str | Path, out: str | Path, *, profile: str | Path = PROFILE) -> Report:
    """The whole baseline on ``raw``, writing into ``out``; returns times and counts."""
    report = Report()
    topic = load_profile(profile)
    articles = report.timed("ingest", lambda: ingest(raw))
    split = report.timed("sentences", lambda: sentences(articles))
    found = report.timed("mentions", lambda: mentions(split, topic))
    scored = report.timed("sentiment", lambda: sentiment(split))
    framed = report.timed("framing", lambda: framing(split, topic))
    claims = report.timed("figures", lambda: figures(split))
    tables = {
        "articles": articles,
        "sentences": split,
        "mentions": found,
        "sentiment": scored,
        **framed,
        "figures": claims,
    }
    report.timed("write", lambda: write(Path(out), tables))
    report.counts = {name: len(table) for name, table in tables.items()}
    report.mentions_by_actor = dict(sorted(Counter(found["actor"]).items()))
    return report


def main(argv: Sequence[str] | None = None) -> int:
    """``python -m benchmarks.baseline``: run the baseline and print its report as JSON."""
    parser = argparse.ArgumentParser(prog="python -m benchmarks.baseline", description=__doc__)
    parser.add_argument("--raw", required=True, help="a corpus file or folder")
    parser.add_argument("--out", required=True, help="folder for the output tables")
    parser.add_argument("--profile", default=str(PROFILE), help="topic profile TOML")
    parser.add_argument("--json", help="also write the report to this file")
    args = parser.parse_args(argv)
    report = run(args.raw, args.out, profile=args.profile)
    payload = json.dumps(
        {
            "seconds": report.seconds,
            "counts": report.counts,
            "mentions_by_actor": report.mentions_by_actor,
        },
        indent=2,
    )
    if args.json:
        Path(args.json).write_text(payload + "\n")
    print(payload)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
