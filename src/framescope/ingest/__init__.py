"""Ingestion: input files of any accepted kind -> clean article records and rejects.

``read(paths)`` finds and parses inputs (text, HTML, JSONL/CSV/Parquet exports); ``prepare``
applies the sidecar, cleans text, detects language and assigns ids. Identity across the whole
corpus (exact and near-duplicates) is the pipeline's last ingest step, see ``dedupe``.
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, replace
from pathlib import Path

import polars as pl
from tqdm import tqdm

from framescope import config
from framescope.ingest import clean, dedupe, glue, language, sidecar, wire
from framescope.ingest.decode import decode_bytes
from framescope.ingest.exports import read_export
from framescope.ingest.html import read_html
from framescope.ingest.pieces import Piece, cut
from framescope.ingest.records import Batch, reject
from framescope.ingest.text import parse_article

__all__ = [
    "ARTICLE_COLUMNS",
    "Batch",
    "InputFile",
    "Inputs",
    "clean_text",
    "discover",
    "find_inputs",
    "identify",
    "label",
    "prepare",
    "read",
    "read_file",
    "split",
]

TEXT_SUFFIXES = {".txt", ".text", ".md"}
HTML_SUFFIXES = {".html", ".htm", ".xhtml"}
EXPORT_SUFFIXES = {".jsonl", ".ndjson", ".json", ".csv", ".tsv", ".parquet"}
ACCEPTED = sorted(TEXT_SUFFIXES | HTML_SUFFIXES | EXPORT_SUFFIXES)

ARTICLE_COLUMNS = [
    "article_id",
    "source",
    "published",
    "date_origin",
    "title",
    "text",
    "url",
    "language",
    "translated",
    "path",
    "n_words",
    "duplicate_of",
    "syndicated_from",
    "wire",
    "external_id",
    "source_country",
    "original_language",
    "section",
    "dateline",
    "note",
    "warnings",
]


@dataclass(frozen=True)
class InputFile:
    """A file to ingest and the path recorded for it (relative to the project when inside),
    or one piece of a large export (see :func:`split`)."""

    path: Path
    label: str
    piece: Piece | None = None


def label(path: Path) -> str:
    """The path recorded for an input: relative to the project folder when inside it, so a
    build records the same paths (and stays incremental) from any working folder."""
    resolved = path.resolve()
    try:
        return resolved.relative_to(config.ROOT.resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


@dataclass(frozen=True)
class Inputs:
    """What :func:`find_inputs` found under the raw paths."""

    files: list[InputFile]
    sidecars: list[Path]
    rejects: pl.DataFrame
    """``symlink`` rejects: links that were not followed, or led to a file read already."""
    notes: list[str]
    """What a person should know that is not a reject (a file under two ``--raw`` paths)."""


def find_inputs(paths: Iterable[str | Path]) -> Inputs:
    """Input files under ``paths``, each once, in a stable order; the sidecars found in folders;
    and the symbolic links that were not followed.

    A file is identified by its real path: reached twice (overlapping ``--raw`` paths, or a
    link to a file inside them) it is read once. A link inside a folder is followed only to a
    file inside the raw paths; a link that points outside them, to a folder, nowhere, or in a
    loop becomes a ``symlink`` reject, and so does a link to a file read under its own path. A
    path given explicitly is followed even if it is a link: the user named it. A
    ``sources.csv`` inside a folder is that folder's sidecar, not an export; hidden files and
    folders are skipped. A path that does not exist is an error (it is the user's typo, not
    bad data).

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.txt").write_text("Xi met Putin.")
    >>> (folder / "b.txt").symlink_to(folder / "a.txt")
    >>> found = find_inputs([folder, folder / "a.txt"])
    >>> [f.path.name for f in found.files], found.rejects["reason"].to_list(), found.notes
    (['a.txt'], ['symlink'], ['1 file under more than one --raw path was read once'])
    """
    given = [_existing(Path(raw)) for raw in paths]
    roots = [path.resolve() for path in given]
    reaches: list[tuple[Path, Path | None, bool]] = []  # real path, link reached by, sidecar
    rejects = []
    for path in given:
        if path.is_file():
            reaches.append((path.resolve(), None, False))
            continue
        for found in _walk(path):
            link = found if found.is_symlink() else None
            if link is None and not found.is_file():
                continue
            target, why = _follow(found, roots) if link else (found.resolve(), None)
            if target is None:
                rejects.append(reject(_link_label(found), "symlink", why or ""))
                continue
            reaches.append((target, link, found.name == config.SIDECAR_NAME))
    direct = {target for target, link, _ in reaches if link is None}
    chosen: dict[Path, bool] = {}  # real path -> read as a sidecar; in the order first reached
    overlaps = 0
    for target, link, is_sidecar in reaches:
        if link is not None and (target in direct or target in chosen):
            detail = f"a link to {label(target)}, which is read once, under that path"
            rejects.append(reject(_link_label(link), "symlink", detail))
        elif target in chosen:
            overlaps += 1  # a note, not a reject: its path is the article's own
        else:
            chosen[target] = is_sidecar
    files = [InputFile(path, label(path)) for path, is_sidecar in chosen.items() if not is_sidecar]
    sidecars = [path for path, is_sidecar in chosen.items() if is_sidecar]
    return Inputs(files, sidecars, Batch.of([], rejects).rejects, _overlap_notes(overlaps))


def _overlap_notes(overlaps: int) -> list[str]:
    if not overlaps:
        return []
    were = "files under more than one --raw path were" if overlaps > 1 else ""
    return [f"{overlaps} {were or 'file under more than one --raw path was'} read once"]


def _existing(path: Path) -> Path:
    """``path``, if it exists; a typo is the user's error, not bad data."""
    if path.is_symlink() and not path.exists():
        target = os.readlink(path)
        msg = f"input {str(path)!r} is a link to {target!r}, which cannot be followed"
        raise FileNotFoundError(msg)
    if not path.exists():
        msg = f"input {str(path)!r} does not exist"
        raise FileNotFoundError(msg)
    return path


def _walk(folder: Path) -> list[Path]:
    """Everything under ``folder`` but hidden files and folders, sorted; links to folders are
    listed, not entered."""
    return [
        found
        for found in sorted(folder.rglob("*"))
        if not any(part.startswith(".") for part in found.relative_to(folder).parts)
    ]


def _follow(link: Path, roots: list[Path]) -> tuple[Path | None, str | None]:
    """The file a symbolic link leads to if it is one to read, else None and why not."""
    try:
        target = link.resolve(strict=True)
    except FileNotFoundError:
        return None, f"a dangling link to {os.readlink(link)!r}, which does not exist"
    except RuntimeError:  # Python 3.11 reports a loop this way
        return None, "a symlink loop: following it never reaches a file"
    except OSError as error:
        return None, f"a link that cannot be followed: {error.strerror}"
    inside = any(target == root or root in target.parents for root in roots)
    if target.is_dir():
        where = (
            "inside the raw folders, whose files are read under their own paths"
            if inside
            else "outside the raw folders: not followed (name it with --raw to read it)"
        )
        return None, f"a link to the folder {label(target)}, {where}"
    if not inside:
        # A link can point anywhere (/etc/passwd): only what the user named is read.
        detail = f"a link to {label(target)}, outside the raw folders: not followed"
        return None, f"{detail} (name it with --raw to read it)"
    return target, None


def _link_label(link: Path) -> str:
    # label() resolves, which would name the link's target; a reject names the link itself.
    return (Path(label(link.parent)) / link.name).as_posix()


def discover(paths: Iterable[str | Path]) -> tuple[list[InputFile], list[Path]]:
    """The files and sidecars of :func:`find_inputs`, for callers that do not need its
    rejects and notes."""
    found = find_inputs(paths)
    return found.files, found.sidecars


def split(
    item: InputFile, *, size: int | None = None, delimiter: str | None = None
) -> list[InputFile]:
    """An input as the parts it is read in: a large export as its pieces, else itself.

    Parameters
    ----------
    item
        Any input; one that is already a piece is returned as it is.
    size
        Bytes per piece; default ``config.EXPORT_PIECE_BYTES``.
    delimiter
        The CSV/TSV delimiter (``--delimiter``); default: sniffed from the header line.

    Returns
    -------
    list of InputFile
        The pieces of about ``size`` bytes of an export that can be cut (JSON Lines, CSV/TSV
        and Parquet of 1.5 ``size`` or more, see :func:`framescope.ingest.pieces.cut`), in
        file order; else ``[item]``.

    Examples
    --------
    >>> import tempfile
    >>> path = Path(tempfile.mkdtemp()) / "a.jsonl"
    >>> _ = path.write_text('{"text": "one"}\\n{"text": "two"}\\n')
    >>> [part.piece.before for part in split(InputFile(path, "a.jsonl"), size=10)]
    [0, 1]
    """
    if item.piece is not None or item.path.suffix.lower() not in EXPORT_SUFFIXES:
        return [item]
    found = cut(item.path, size=size or config.EXPORT_PIECE_BYTES, delimiter=delimiter)
    return [replace(item, piece=piece) for piece in found] or [item]


def read_file(
    item: InputFile, *, mapping: Mapping[str, str] | None = None, delimiter: str | None = None
) -> Batch:
    """Parse one input file, or one piece of an export, into records and rejects; never
    raises for bad content. ``mapping`` and ``delimiter`` are for exports (``--map``,
    ``--delimiter``)."""
    suffix = item.path.suffix.lower()
    try:
        size = item.path.stat().st_size
        limit = config.MAX_EXPORT_BYTES if suffix in EXPORT_SUFFIXES else config.MAX_FILE_BYTES
        if size > limit:
            detail = f"{size:,} bytes is over the {limit:,}-byte limit for {suffix or 'this'} files"
            return Batch.of([], [reject(item.label, "too_large", detail)])
        if suffix in EXPORT_SUFFIXES:
            batch = read_export(item.path, mapping=mapping, piece=item.piece, delimiter=delimiter)
            return _relabel(batch, str(item.path), item.label)
        data = item.path.read_bytes()
    except OSError as error:
        return Batch.of([], [reject(item.label, "unreadable", f"cannot read: {error.strerror}")])
    decoded = decode_bytes(data)
    if decoded.text is None:
        detail = decoded.detail or ""
        if suffix not in TEXT_SUFFIXES | HTML_SUFFIXES:
            detail += f"; framescope reads {', '.join(ACCEPTED)}"
        return Batch.of([], [reject(item.label, decoded.reason or "unparseable", detail)])
    looks_html = decoded.text.lstrip()[:1] == "<"
    if suffix in HTML_SUFFIXES or (suffix not in TEXT_SUFFIXES and looks_html):
        batch = _relabel(read_html(item.path, decoded.text), str(item.path), item.label)
    else:
        batch = Batch.of([parse_article(item.label, decoded.text)], [])
    if decoded.warning:
        batch = Batch(
            batch.records.with_columns(pl.col("warnings").list.concat(pl.lit([decoded.warning]))),
            batch.rejects,
        )
    return batch


def _relabel(batch: Batch, path: str, label: str) -> Batch:
    # Readers record the path they were given; the table records the project-relative label.
    if path == label:
        return batch
    fix = pl.col("path").str.replace(path, label, literal=True)
    return Batch(batch.records.with_columns(fix), batch.rejects.with_columns(fix))


def read(
    files: list[InputFile],
    *,
    mapping: Mapping[str, str] | None = None,
    delimiter: str | None = None,
    progress: bool = True,
) -> Batch:
    """Parse every file (or piece, see :func:`split`); a progress bar shows on a terminal and
    stays quiet in CI."""
    quiet = not progress or bool(os.environ.get("CI"))
    bar = tqdm(files, desc="reading", unit="file", disable=True if quiet else None, leave=False)
    return Batch.concat([read_file(item, mapping=mapping, delimiter=delimiter) for item in bar])


def missing_sidecar_files(table: pl.DataFrame, folder: Path) -> Batch:
    """Rejects for sidecar rows that name a file not in the sidecar's folder."""
    rejects = [
        reject(
            label(folder / name),
            "missing_file",
            f"named in {folder / config.SIDECAR_NAME} but there is no such file",
        )
        for name in table["file"].to_list()
        if not (folder / name).exists()
    ]
    return Batch.of([], rejects)


def clean_text(records: pl.DataFrame, *, names: Iterable[str]) -> pl.DataFrame:
    """Clean ``text`` and ``title``: characters, boilerplate, glued words, whitespace, title.

    Glue repair runs after boilerplate removal (less text to judge) and before whitespace
    normalisation (its splits add spaces).
    """
    cleaned = records.with_columns(
        clean.remove_boilerplate(
            clean.normalise_characters(clean.normalise_newlines(pl.col("text")))
        ).alias("text"),
        clean.normalise_whitespace(clean.normalise_characters(pl.col("title"))).alias("title"),
    )
    return cleaned.with_columns(
        glue.repair_texts(cleaned["text"], names=names).alias("text")
    ).with_columns(
        clean.drop_repeated_title(clean.normalise_whitespace(pl.col("text")), pl.col("title"))
    )


def prepare(
    records: pl.DataFrame, *, sources: pl.DataFrame | None, names: Iterable[str]
) -> tuple[pl.DataFrame, Batch]:
    """Records -> articles (before corpus-level duplicate marking) and the records rejected.

    Applies the sidecar, cleans, flags translations, detects language, counts words and
    assigns the content id. Texts that cleaning leaves empty (pure boilerplate) become
    ``empty`` rejects, bot walls and paywalls scraped instead of the article ``stub`` rejects;
    records without a source get ``unknown`` and a warning.
    """
    if sources is not None:
        records = sidecar.apply(records, sources)
    records = records.with_columns(
        pl.lit(None, pl.String()).alias(column)
        for column in ("source_country", "original_language", "note")
        if column not in records.columns
    )
    records = clean_text(records, names=names)
    empty = pl.col("text").str.len_chars() == 0
    stub = clean.is_stub(pl.col("text"))
    dropped = records.filter(empty | stub).select("path", empty.alias("empty"), "text")
    rejects = [
        reject(path, "empty", "nothing is left once boilerplate is removed")
        if is_empty
        else reject(path, "stub", f"a bot wall, paywall or error page: {text[:120]!r}")
        for path, is_empty, text in dropped.iter_rows()
    ]
    articles = records.filter(~empty & ~stub)
    no_source = pl.col("source").is_null()
    articles = articles.with_columns(
        pl.when(no_source).then(pl.lit("unknown")).otherwise(pl.col("source")).alias("source"),
        pl.when(no_source)
        .then(pl.col("warnings").list.concat(pl.lit(["no source: name it in sources.csv"])))
        .otherwise(pl.col("warnings"))
        .alias("warnings"),
        pl.coalesce("translated", clean.says_translated(pl.col("text"))).alias("translated"),
        pl.col("text").str.count_matches(r"\S+").cast(pl.Int64()).alias("n_words"),
        pl.lit(None, pl.String()).alias("duplicate_of"),
        pl.lit(None, pl.String()).alias("syndicated_from"),
        wire.credited(pl.col("text")).alias("wire"),
    )
    articles = articles.with_columns(
        pl.coalesce("language", language.detect(articles["text"])).alias("language"),
        dedupe.content_ids(articles["source"], articles["text"]),
    )
    return articles.select(ARTICLE_COLUMNS), Batch.of([], rejects)


def identify(
    articles: pl.DataFrame,
    *,
    threshold: float,
    story_threshold: float,
    sketch: pl.DataFrame | None = None,
) -> tuple[pl.DataFrame, Batch]:
    """Corpus-level identity: exact duplicates kept once, near-copies and stories marked.

    ``articles`` may be whole articles or just their keys (``article_id``, ``path``,
    ``published``) with precomputed sketches, as the distributed engine passes them.
    """
    kept, rejects = dedupe.drop_exact_duplicates(articles)
    marked = dedupe.mark_copies(
        kept, threshold=threshold, story_threshold=story_threshold, sketch=sketch
    )
    columns = [c for c in ARTICLE_COLUMNS if c in marked.columns]
    return marked.select(columns).sort("path"), Batch.of([], rejects)
