"""The report's section on coverage-like corpus families and the targets of issue 12.

Each family (:data:`benchmarks.families.FAMILIES`) is built at each size like the other
corpora; its build is then judged against what the generator planted (:mod:`benchmarks.score`).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from benchmarks import families
from benchmarks.markdown import MB, megabytes, number, seconds, share, table, verdict

if TYPE_CHECKING:
    from benchmarks.report import Results, Run
    from benchmarks.score import Scores

TARGET_FAMILY_SIZE = 20_000
TARGET_FAMILY_PEAK_BYTES = 4e9
TARGET_REALISTIC_SIZE = 100_000
TARGET_REALISTIC_SECONDS = 150.0
TARGET_IDENTIFY_SECONDS = 5.0
TARGET_RECALL = 0.95
TARGET_PRECISION = 0.98


@dataclass
class FamilyRun:
    """One family at one size: its build (None if it failed), how it scored, and what was
    planted (:func:`benchmarks.score.describe`)."""

    family: str
    size: int
    corpus: str
    run: Run | None
    scores: Scores | None = None
    planted: dict[str, float] = field(default_factory=dict)
    failure: str = ""
    shared: str = ""
    """The corpus of the size runs whose build this is (``dense`` at one of ``--sizes``)."""

    @property
    def name(self) -> str:
        """The family and its size, as the tables name it."""
        return f"{self.family} {self.size:,}"


COST_COLUMNS = (
    "family",
    "originals",
    "records",
    "input MB",
    "wall s",
    "records/s",
    "identify s",
    "identify peak RSS MB",
    "peak RSS MB",
)
FOUND_COLUMNS = (
    "family",
    "judged on",
    "planted copies",
    "recall",
    "marked",
    "precision",
    "stub pages: articles / not",
    "stubs marked (right)",
    "wire credits",
    "wire recall",
    "wire, no credit",
    "lost",
)
PLANTED_COLUMNS = (
    "family",
    "copies",
    "copies of copies",
    "credited",
    "containment as written: median / 5% / min",
    "body containment: median / 5% / min",
    "Jaccard as written: median / 5%",
)


def _records(results: Results, entry: FamilyRun) -> int:
    stats = results.corpora.get(entry.corpus)
    return stats.articles if stats else entry.size


def cost_rows(results: Results) -> list[list[str]]:
    """Per family and size: wall time, identify time and peak memory of the build."""
    rows = []
    for entry in results.families:
        run = entry.run
        label = entry.family + (f" (the {entry.shared} build)" if entry.shared else "")
        head = [label, number(entry.size), number(_records(results, entry))]
        if run is None:
            rows.append([*head, "—", entry.failure or "failed", *["—"] * 4])
            continue
        identify = run.result["seconds"].get("identify")
        rows.append(
            [
                *head,
                number(run.input_bytes / MB, 1),
                seconds(run.total),
                number(run.articles_per_second),
                seconds(identify) if identify is not None else "—",
                megabytes(run.stage_peak_rss.get("identify", 0)),
                megabytes(run.peak_rss),
            ]
        )
    return rows


def _stub_fate(entry: FamilyRun) -> str:
    scores = entry.scores
    if scores is None or not scores.stubs:
        return "—"
    rejects = entry.run.result.get("rejects", {}) if entry.run else {}
    reasons = ", ".join(f"{reason} {n:,}" for reason, n in sorted(rejects.items()))
    kept = f"{scores.stubs_built:,} / {scores.stubs - scores.stubs_built:,}"
    return kept + (f" (build's rejects: {reasons})" if reasons else "")


def found_rows(results: Results) -> list[list[str]]:
    """Per family and size: what the build found of what was planted."""
    rows = []
    for entry in results.families:
        s = entry.scores
        if s is None:
            rows.append([entry.name, *["—"] * (len(FOUND_COLUMNS) - 1)])
            continue
        rows.append(
            [
                entry.name,
                f"`{s.column}`",
                number(s.copies),
                f"{share(s.recall)} ({s.recalled:,})" if s.copies else "—",
                number(s.marked),
                f"{share(s.precision)} ({s.marked_right:,})" if s.marked else "—",
                _stub_fate(entry),
                f"{s.stubs_marked:,} ({s.stubs_marked_right:,})" if s.stubs else "—",
                number(s.credits),
                share(s.wire_recall) if s.credits_found is not None else "no `wire` column",
                number(s.wire_unplanted) if s.wire_unplanted is not None else "—",
                number(s.lost),
            ]
        )
    return rows


def planted_rows(results: Results) -> list[list[str]]:
    """Per family and size with copies: what the copies look like, over word 5-shingles."""

    def spread(key: str, *, least: bool = True) -> str:
        values = [planted[f"{key}_median"], planted[f"{key}_p5"]]
        values += [planted[f"{key}_min"]] if least else []
        return " / ".join(f"{value:.2f}" for value in values)

    rows = []
    for entry in results.families:
        planted = entry.planted
        if not planted.get("copies"):
            continue
        rows.append(
            [
                entry.name,
                number(planted["copies"]),
                number(planted["copies_of_copies"]),
                number(planted["credited"]),
                spread("containment"),
                spread("body_containment"),
                spread("jaccard", least=False),
            ]
        )
    return rows


def _listed(entries: list[tuple[str, str]]) -> str:
    return "; ".join(f"{name}: {value}" for name, value in entries) or "—"


def _peak_target(results: Results) -> list[str]:
    name = f"every family at {TARGET_FAMILY_SIZE:,} articles builds in < 4 GB (issue 12)"
    at = [e for e in results.families if e.size == TARGET_FAMILY_SIZE]
    if not at:
        return [name, "—", verdict(None) + f" (no family at {TARGET_FAMILY_SIZE:,} in this run)"]
    shown = [
        (e.family, f"{megabytes(e.run.peak_rss)} MB" if e.run else e.failure or "failed")
        for e in at
    ]
    over = [e.family for e in at if e.run is None or e.run.peak_rss >= TARGET_FAMILY_PEAK_BYTES]
    missing = sorted(set(families.FAMILIES) - {e.family for e in at})
    if over:
        result = verdict(False) + f" ({', '.join(over)})"
    elif missing:
        result = verdict(None) + f" for {', '.join(missing)} (not run); the others met it"
    else:
        result = verdict(True)
    return [name, _listed(shown), result]


def _realistic_targets(results: Results) -> list[list[str]]:
    size = f"{TARGET_REALISTIC_SIZE:,}"
    time_name = f"realistic at {size} articles (+30% copies) built in < 150 s (issue 12)"
    peak_name = f"realistic at {size} articles (+30% copies) builds in < 4 GB (issue 12)"
    wanted = ("realistic", TARGET_REALISTIC_SIZE)
    entry = next((e for e in results.families if (e.family, e.size) == wanted), None)
    if entry is None or entry.run is None:
        why = entry.failure if entry else f"no realistic {size} build in this run"
        return [[time_name, "—", verdict(None) + f" ({why})"], [peak_name, "—", verdict(None)]]
    run = entry.run
    records = f" ({run.articles:,} records)"
    fast = run.total < TARGET_REALISTIC_SECONDS
    small = run.peak_rss < TARGET_FAMILY_PEAK_BYTES
    return [
        [time_name, f"{seconds(run.total)} s{records}", verdict(fast)],
        [peak_name, f"{megabytes(run.peak_rss)} MB{records}", verdict(small)],
    ]


def _identify_target(results: Results) -> list[str]:
    name = f"identify < 5 s at {TARGET_REALISTIC_SIZE:,} articles (issue 12)"
    runs = [r for r in results.local_builds() if r.articles >= TARGET_REALISTIC_SIZE]
    large = [e for e in results.families if e.size >= TARGET_REALISTIC_SIZE and not e.shared]
    runs += [e.run for e in large if e.run]
    if not runs:
        return [name, "—", verdict(None) + f" (no build of {TARGET_REALISTIC_SIZE:,} or more)"]
    times = [(run.corpus, run.result["seconds"].get("identify", 0.0)) for run in runs]
    shown = [(corpus, f"{seconds(value)} s") for corpus, value in times]
    return [name, _listed(shown), verdict(all(v < TARGET_IDENTIFY_SECONDS for _, v in times))]


def _judged_on(scored: list[FamilyRun]) -> str:
    columns = {e.scores.column for e in scored if e.scores}
    if "duplicate_of" in columns:
        return (
            " Judged on `duplicate_of` (near-copies only) where the build has no `syndicated_from`."
        )
    return ""


def _accuracy_targets(results: Results) -> list[list[str]]:
    """Recall and precision on the families with planted copies; the others' false marks are
    shown beside them (every mark there is false: no two of their articles share a story)."""
    recall_name = "syndication recall >= 0.95 on planted copies (issue 12)"
    precision_name = "syndication precision >= 0.98 on planted copies (issue 12)"
    scored = [e for e in results.families if e.scores is not None]
    judged = [e for e in scored if e.scores.copies]
    if not judged:
        missing = verdict(None) + " (no family with planted copies was built)"
        return [[recall_name, "—", missing], [precision_name, "—", missing]]
    recalls = [(e.name, share(e.scores.recall)) for e in judged]
    recall_met = all(e.scores.recall >= TARGET_RECALL for e in judged)
    precisions = [
        (e.name, share(e.scores.precision) if e.scores.marked else "nothing marked") for e in judged
    ]
    unplanted = [
        f"{e.name} {e.scores.marked:,} of {e.scores.articles:,}"
        for e in scored
        if not e.scores.copies
    ]
    if unplanted:
        precisions.append(("articles marked where no copy was planted", ", ".join(unplanted)))
    precision_met = all(e.scores.precision >= TARGET_PRECISION for e in judged if e.scores.marked)
    note = _judged_on(judged)
    return [
        [recall_name, _listed(recalls), verdict(recall_met) + note],
        [precision_name, _listed(precisions), verdict(precision_met) + note],
    ]


def target_rows(results: Results) -> list[list[str]]:
    """The targets of issue 12 that the families measure."""
    return [
        _peak_target(results),
        *_realistic_targets(results),
        _identify_target(results),
        *_accuracy_targets(results),
    ]


def _family_lines() -> str:
    lines = []
    for family in families.FAMILIES.values():
        parts = [f"{family.outlets} outlets", f"perturbation `{family.perturbation}`"]
        parts += ["outlet boilerplate and bylines"] if family.boilerplate else []
        parts += [f"{family.copies:.0%} syndicated copies"] if family.copies else []
        parts += [f"stub pages {family.stubs:.0%} of the rest"] if family.stubs else []
        lines.append(f"- `{family.name}`: {', '.join(parts)}.")
    return "\n".join(lines)


NOTES = f"""\
Corpora that repeat themselves as real coverage does (`benchmarks/families.py`). *originals*
is the size asked for; syndicated copies and stub pages come on top (*records*). All are
JSONL exports in files of 10,000 records.

{_family_lines()}

A copy is made of one of the last {families.WINDOW:,} articles (an original or an earlier
copy) and run by another outlet the same day or up to {families.COPY_DAYS[1]} days later: an
edited headline, the last paragraph dropped (in {families.EXTRA_TRIM:.0%} of the copies also
the one before), in {families.LEDE_REWRITE:.0%} the first sentence rewritten, another byline,
the copying outlet's header and footer lines, and a wire credit in
{families.NEW_CREDIT:.0%} of the copies of an uncredited article ({families.KEEP_CREDIT:.0%}
keep the credit of a credited one): "MOSCOW (Reuters) - ", "(AP) — ", "— AFP",
"Xinhua contributed reporting", "MOSCOW, March 21. /TASS/." and the like. Stub pages ("Please enable
JavaScript and cookies to continue", "Subscribe to continue reading", ...) come from
{families.STUB_OUTLETS} outlets. What was planted is in each corpus's hidden
`.planted.parquet`; the measures are defined in [Method](#method)."""

FOUND_NOTES = """\
*recall* and *precision* with the counts behind them in brackets (recalled copies, rightly
marked articles). *marked* counts the articles that are not stub pages with the judged column
set. *stub pages: articles / not*: stubs that became articles and those that did not (the
build's rejects by reason beside them). *stubs marked (right)*: stub pages marked, and of
them those grouped with another stub. *wire, no credit*: articles whose `wire` names an agency
where none was planted (the seed sentences quote TASS and Reuters in passing). *lost*:
originals and copies that did not become articles."""


def section(results: Results) -> str:
    """The families section: notes, the cost table, what was found and what was planted."""
    if not results.families:
        return "Not run (`--families ''`)."
    parts = [
        NOTES,
        "",
        table(COST_COLUMNS, cost_rows(results)),
        "",
        "What each build found of what was planted:",
        "",
        FOUND_NOTES,
        "",
        table(FOUND_COLUMNS, found_rows(results)),
    ]
    planted = planted_rows(results)
    if planted:
        parts += [
            "",
            "The planted copies, against their story's first article over word 5-shingles: "
            "*as written* is the whole text field (boilerplate, byline and credit included), "
            "*body* the article paragraphs alone; containment is of the shorter text.",
            "",
            table(PLANTED_COLUMNS, planted),
        ]
    return "\n".join(parts)


METHOD = f"""\
- **Families and planted truth**: see [Coverage-like families](#coverage-like-families).
  The build's articles table (`articles.parquet`) is read after the timing. An article's
  *group* is the article its `syndicated_from` names (the earliest article carrying the same
  story), or the article itself when that is null (followed to its end should it name an
  article that names another). A record's *story* is, for a planted copy, the first article
  of its chain of copies (a copy of a copy counts transitively); for a stub page, *stub*; for
  any other record, itself. **Recall**: the share of planted copies the build holds in the same
  group as their story's first article. **Precision**: of the articles the build marks
  (`syndicated_from` set) that are not stub pages, the share whose group's article carries
  the same story: a planted copy grouped under its original, or an original grouped under a
  same-day copy of itself. Stub pages are counted apart (stubs grouped with stubs is what a
  build should do). **Wire recall**: the share of planted credits whose copy's `wire` names
  the credited agency, alone or among others (case ignored; "Associated Press" and "Agence
  France-Presse" count as AP and AFP). A build without `syndicated_from` is judged on
  `duplicate_of` (near-copies, Jaccard >= 0.8), and the tables say so. Targets (issue 12):
  every family at {TARGET_FAMILY_SIZE:,} originals under 4 GB; realistic at
  {TARGET_REALISTIC_SIZE:,} originals (+30% copies) under 4 GB and
  {TARGET_REALISTIC_SECONDS:.0f} s; identify under {TARGET_IDENTIFY_SECONDS:.0f} s at
  {TARGET_REALISTIC_SIZE:,}; recall >= {TARGET_RECALL} and precision >= {TARGET_PRECISION}
  on the families with planted copies (on the others no two articles share a story, so every
  mark is false: the Targets table lists how many)."""


def raw(entry: FamilyRun) -> dict[str, Any]:
    """A family run for ``results.json``."""
    scores = entry.scores
    measures = {}
    if scores is not None:
        measures = {
            **vars(scores),
            "recall": scores.recall,
            "precision": scores.precision,
            "wire_recall": scores.wire_recall,
        }
    return {
        "family": entry.family,
        "size": entry.size,
        "corpus": entry.corpus,
        "build": entry.run.corpus if entry.run else None,
        "failure": entry.failure,
        "shared": entry.shared,
        "scores": measures,
        "planted": entry.planted,
    }
