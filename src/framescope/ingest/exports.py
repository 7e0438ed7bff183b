"""Article exports from other tools (JSON Lines, JSON, CSV/TSV, Parquet) -> raw records.

Which column holds which field is :mod:`framescope.ingest.fields`' work (column aliases,
``--map``). Files go through polars' readers so millions of rows stay fast; only when a reader fails
does a slower record-by-record pass find the bad records, so one broken line costs that line,
not the file. A large export is read a :class:`~framescope.ingest.pieces.Piece` at a time (see
:mod:`framescope.ingest.pieces`), each piece on its own and numbered as in the whole file. A
CSV/TSV file's delimiter (comma, semicolon, tab or pipe) is sniffed from its header line
unless given.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path
from typing import Any

import polars as pl
from polars.exceptions import PanicException

from framescope import config
from framescope.ingest.decode import Decoded, decode_bytes
from framescope.ingest.fields import (
    COLUMN_ALIASES,
    PARAGRAPH,
    ROW,
    as_text,
    check_field,
    parse_delimiter,
    problem_detail,
    raw_records,
    record_path,
    resolve_columns,
    text_problem,
)
from framescope.ingest.pieces import CSV_DEFAULTS, Piece, csv_reader, file_delimiter
from framescope.ingest.records import REJECT_SCHEMA, Batch, reject

_JSON_SPACE = " \t\r"
_JSON_TYPES = {
    list: "an array",
    str: "a string",
    int: "a number",
    float: "a number",
    bool: "a boolean",
    type(None): "null",
}


class _RowByRowError(Exception):
    """The fast reader's result cannot be trusted record by record: parse in Python instead."""


@dataclass(frozen=True)
class _Problem:
    """Why a whole file yields no records; the caller knows the path."""

    reason: str
    detail: str


@dataclass(frozen=True)
class _Parsed:
    """A file's own columns plus its record numbers, and the records that did not parse."""

    frame: pl.DataFrame
    bad: list[tuple[int, str]] = field(default_factory=list)
    warning: str | None = None


def read_export(
    path: Path,
    *,
    mapping: Mapping[str, str] | None = None,
    piece: Piece | None = None,
    delimiter: str | None = None,
) -> Batch:
    """Every article in an export file, or in one piece of it, as raw records; every problem
    as a reject.

    Parameters
    ----------
    path
        A ``.jsonl``/``.ndjson``, ``.json`` (an array of objects, one object or JSON Lines),
        ``.csv``, ``.tsv`` or ``.parquet`` file.
    mapping
        Field -> column choices (see :func:`parse_mapping`) that override
        :data:`COLUMN_ALIASES`.
    piece
        Read only this piece of the file (see :func:`framescope.ingest.pieces.cut`); the
        pieces of a file together give the records and rejects of the whole file, except
        that a piece of JSON Lines resolves the columns it holds on its own and a problem of
        the whole file (no text column) is reported once per piece, naming its records. Cut
        a CSV file with the same ``delimiter``.
    delimiter
        The field delimiter of a ``.csv``/``.tsv`` file, one character; default: sniffed from
        its header line (comma, semicolon, tab or pipe, whichever it holds most; else comma
        for ``.csv``, tab for ``.tsv``; see :func:`framescope.ingest.pieces.file_delimiter`).
        Ignored for other files.

    Returns
    -------
    Batch
        Records numbered ``path#n`` (n: the line for JSON Lines, else the record, from 1) and
        rejects for bad records (``path#n``) or a bad file (``path``). Bad input never raises.

    Raises
    ------
    ValueError
        If ``mapping`` names an unknown field (a wrong option, not bad data), ``delimiter`` is
        not one character other than a quote or a line break, or ``piece`` is given for a
        ``.json`` file, which is only read whole.

    Examples
    --------
    >>> import tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> _ = (folder / "a.jsonl").write_text('{"id": 7, "maintext": "Xi arrives."}\\n')
    >>> read_export(folder / "a.jsonl").records.select("external_id", "text").row(0)
    ('7', 'Xi arrives.')
    """
    mapping = dict(mapping or {})
    for name in mapping:
        check_field(name)
    delimiter = parse_delimiter(delimiter)
    reader = _READERS.get(path.suffix.lower())
    if reader is None:
        detail = f"not an export; framescope reads exports ending {', '.join(sorted(_READERS))}"
        return _file_reject(path, "unsupported", detail)
    if piece is not None and path.suffix.lower() == ".json":
        msg = f"{path} is read whole: a .json file has no pieces, got {piece}"
        raise ValueError(msg)
    try:
        size = path.stat().st_size
        with path.open("rb"):
            pass  # a folder or a file without read permission fails here, not in a parser
        if size == 0:
            return _file_reject(path, "empty", "the file is empty")
        if size > config.MAX_EXPORT_BYTES:
            detail = f"{size:,} bytes is over the {config.MAX_EXPORT_BYTES:,}-byte export limit"
            return _file_reject(path, "too_large", detail)
        if delimiter is not None and path.suffix.lower() in CSV_DEFAULTS:
            reader = partial(_read_csv, separator=delimiter)
        parsed = reader(path, piece)
    except OSError as error:
        return _file_reject(path, "unreadable", f"cannot read: {error.strerror or error}")
    if isinstance(parsed, Batch):
        return parsed
    return _to_batch(path, parsed, mapping, whole=piece is None)


def _file_reject(path: Path, reason: str, detail: str) -> Batch:
    return Batch.of([], [reject(str(path), reason, detail)])


# Reading: a fast polars pass, and a Python pass that isolates bad records when it fails.


def _read(
    path: Path,
    piece: Piece | None,
    fast: Callable[[Path | bytes, int], pl.DataFrame],
    slow: Callable[[str, int], _Parsed | _Problem],
) -> _Parsed | Batch:
    """``fast`` and ``slow`` number the records after the ``before`` lines or records that
    precede the bytes they are given."""
    before = 0 if piece is None else piece.before
    source = path if piece is None else _piece_bytes(path, piece)
    try:
        return _Parsed(fast(source, before))
    except (Exception, PanicException):  # polars signals bad input with many error types
        pass
    data = source if isinstance(source, bytes) else path.read_bytes()
    decoded = _decode(data)
    if decoded.text is None:
        return _file_reject(path, decoded.reason or "encoding", decoded.detail or "")
    utf8 = decoded.text.encode()
    if utf8 != data:
        # Decoding changed the bytes (a BOM, a legacy code page): polars may now read them.
        try:
            return _Parsed(fast(utf8, before), warning=decoded.warning)
        except (Exception, PanicException):
            pass
    parsed = slow(decoded.text, before)
    if isinstance(parsed, _Problem):
        return _file_reject(path, parsed.reason, parsed.detail)
    return _Parsed(parsed.frame, parsed.bad, decoded.warning)


def _piece_bytes(path: Path, piece: Piece) -> bytes:
    """A piece's bytes, after the file's header bytes (CSV) that it is read with."""
    with path.open("rb") as stream:
        header = stream.read(piece.header)
        stream.seek(piece.start)
        body = stream.read(piece.stop - piece.start)
    return header + body if header else body


def _decode(data: bytes) -> Decoded:
    # A valid UTF-8 export with a stray control character still holds mostly good records:
    # reject it line by line rather than calling the whole file binary.
    try:
        return Decoded(data.decode("utf-8-sig"), "utf-8")
    except UnicodeDecodeError:
        return decode_bytes(data)


def _numbered(frame: pl.DataFrame, before: int) -> pl.DataFrame:
    return frame.with_row_index(ROW, offset=before + 1)


def _jsonl_frame(source: Path | bytes, before: int) -> pl.DataFrame:
    # The whole file (or piece) sets the schema: a field first seen late would otherwise be
    # dropped.
    frame = pl.read_ndjson(source, infer_schema_length=None)
    numbers = (
        pl.scan_lines(source, row_index_name=ROW, row_index_offset=before + 1)
        .filter(pl.col("line").str.strip_chars(_JSON_SPACE) != "")
        .select(ROW)
        .collect()
    )
    if numbers.height != frame.height:
        msg = f"{numbers.height} non-blank lines but {frame.height} records"
        raise _RowByRowError(msg)
    return pl.concat([numbers, frame], how="horizontal")


def _json_frame(source: Path | bytes, before: int) -> pl.DataFrame:
    try:
        return _numbered(pl.read_json(source, infer_schema_length=None), before)
    except (Exception, PanicException):
        # Some tools write JSON Lines under a .json name.
        return _jsonl_frame(source, before)


def _csv_frame(source: Path | bytes, before: int, *, separator: str) -> pl.DataFrame:
    frame = pl.read_csv(source, separator=separator, infer_schema=False)
    # polars pads short rows and blank lines with nulls, which land in the last column; only
    # then is a check of every row's field count worth its cost.
    suspect = frame.height > 0 and frame[frame.columns[-1]].null_count() > 0
    if suspect and not _widths_match(source, separator=separator, width=frame.width):
        msg = "rows with the wrong number of fields"
        raise _RowByRowError(msg)
    return _numbered(frame, before)


def _widths_match(source: Path | bytes, *, separator: str, width: int) -> bool:
    if isinstance(source, Path):
        with source.open(encoding="utf-8-sig", newline="") as stream:
            return all(len(row) == width for row in csv_reader(stream, separator))
    text = io.StringIO(source.decode(), newline="")
    return all(len(row) == width for row in csv_reader(text, separator))


def _read_parquet(path: Path, piece: Piece | None) -> _Parsed | Batch:
    try:
        if piece is None:
            return _Parsed(_numbered(pl.read_parquet(path), 0))
        rows = pl.scan_parquet(path).slice(piece.start, piece.stop - piece.start).collect()
        return _Parsed(_numbered(rows, piece.before))
    except (Exception, PanicException) as error:
        return _file_reject(path, "unparseable", f"not a readable Parquet file ({error})")


def _jsonl_rows(text: str, before: int) -> _Parsed:
    lines: list[str] = []
    numbers: list[int] = []
    bad: list[tuple[int, str]] = []
    for number, line in enumerate(text.split("\n"), start=before + 1):
        if not line.strip(_JSON_SPACE):
            continue
        try:
            value = json.loads(line)
        except (ValueError, RecursionError) as error:
            bad.append((number, f"line {number} is not valid JSON ({error})"))
            continue
        if isinstance(value, dict):
            lines.append(line)
            numbers.append(number)
        else:
            bad.append((number, f"line {number} holds {_json_type(value)}, not a JSON object"))
    return _Parsed(_objects_frame(lines, numbers), bad)


def _objects_frame(lines: list[str], numbers: list[int]) -> pl.DataFrame:
    """JSON object lines as a frame: polars' types when it can read them, else text."""
    row_numbers = pl.DataFrame({ROW: numbers}, schema={ROW: pl.Int64()})
    try:
        frame = pl.read_ndjson("\n".join(lines).encode(), infer_schema_length=None)
        return pl.concat([row_numbers, frame], how="horizontal")
    except (Exception, PanicException):  # e.g. a field that is a number here, text there
        return _rows_frame(
            [_row(n, json.loads(line)) for n, line in zip(numbers, lines, strict=True)]
        )


def _json_rows(text: str, before: int) -> _Parsed | _Problem:
    try:
        value = json.loads(text)
    except (ValueError, RecursionError) as error:
        if text.lstrip().startswith("["):
            return _Problem("unparseable", f"not valid JSON ({error})")
        return _jsonl_rows(text, before)
    if isinstance(value, dict):
        value = [value]
    if not isinstance(value, list):
        return _Problem("unparseable", f"holds {_json_type(value)}, not an array of objects")
    rows: list[dict[str, Any]] = []
    bad: list[tuple[int, str]] = []
    for number, item in enumerate(value, start=before + 1):
        if isinstance(item, dict):
            rows.append(_row(number, item))
        else:
            bad.append((number, f"item {number} is {_json_type(item)}, not a JSON object"))
    return _Parsed(_rows_frame(rows), bad)


def _csv_rows(text: str, before: int, *, separator: str) -> _Parsed | _Problem:
    reader = csv_reader(io.StringIO(text, newline=""), separator)
    try:
        header = next((row for row in reader if row), None)
    except csv.Error as error:
        return _Problem("unparseable", f"the header row is not valid CSV ({error})")
    if header is None:
        return _Problem("empty", "the file holds no rows")
    names = _unique_names(header)
    rows: list[dict[str, Any]] = []
    bad: list[tuple[int, str]] = []
    number = before
    while True:
        try:
            row = next(reader)
        except StopIteration:
            break
        except csv.Error as error:
            number += 1
            bad.append((number, f"row {number} is not valid CSV ({error})"))
            continue
        if not row:
            continue
        number += 1
        if len(row) != len(names):
            detail = (
                f"row {number} has {len(row)} field(s); the header has {len(names)} (fields "
                f"split at {separator!r}; if the file uses another delimiter, name it with "
                "--delimiter)"
            )
            bad.append((number, detail))
            continue
        rows.append({ROW: number, **{n: v or None for n, v in zip(names, row, strict=True)}})
    return _Parsed(_rows_frame(rows, names), bad)


def _unique_names(header: list[str]) -> list[str]:
    # Same scheme as polars' reader, so a column is named alike on either path.
    seen: dict[str, int] = {}
    names = []
    for name in header:
        count = seen.get(name, 0)
        seen[name] = count + 1
        names.append(name if count == 0 else f"{name}_duplicated_{count - 1}")
    return names


def _row(number: int, item: dict[str, Any]) -> dict[str, Any]:
    return {**{key: _value_text(value) for key, value in item.items()}, ROW: number}


def _value_text(value: Any) -> str | None:
    """A JSON value as text, rendered as :func:`as_text` renders polars' columns."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        return PARAGRAPH.join(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), "an object")


def _rows_frame(rows: list[dict[str, Any]], names: list[str] | None = None) -> pl.DataFrame:
    columns = names if names is not None else list(dict.fromkeys(k for r in rows for k in r))
    schema = {ROW: pl.Int64(), **{name: pl.String() for name in columns if name != ROW}}
    return pl.from_dicts(rows, schema=schema)


def _read_jsonl(path: Path, piece: Piece | None) -> _Parsed | Batch:
    return _read(path, piece, _jsonl_frame, _jsonl_rows)


def _read_json(path: Path, piece: Piece | None) -> _Parsed | Batch:
    return _read(path, piece, _json_frame, _json_rows)


def _read_csv(path: Path, piece: Piece | None, *, separator: str | None = None) -> _Parsed | Batch:
    # Sniffed from the file's own header, so every piece of it agrees (pieces.cut does too).
    separator = separator or file_delimiter(path)
    fast = partial(_csv_frame, separator=separator)
    return _read(path, piece, fast, partial(_csv_rows, separator=separator))


_READERS: dict[str, Callable[[Path, Piece | None], _Parsed | Batch]] = {
    ".jsonl": _read_jsonl,
    ".ndjson": _read_jsonl,
    ".json": _read_json,
    ".csv": _read_csv,
    ".tsv": _read_csv,
    ".parquet": _read_parquet,
}


# Fields: the file's columns -> framescope's raw records, all vectorised.


def _to_batch(path: Path, parsed: _Parsed, mapping: Mapping[str, str], *, whole: bool) -> Batch:
    bad = _bad_rejects(path, parsed.bad)
    columns = [column for column in parsed.frame.columns if column != ROW]
    if parsed.frame.height == 0:
        if bad.height or not whole:
            # Blank lines in a piece are nothing to report; the file has records elsewhere.
            return Batch(rejects=bad.drop(ROW))
        return _file_reject(path, "empty", "the file holds no records")
    resolved = resolve_columns(columns, mapping)
    found = f"columns found: {', '.join(repr(c) for c in columns) or 'none'}"
    if not whole:
        first, last = parsed.frame.select(
            pl.col(ROW).min().alias("first"), pl.col(ROW).max().alias("last")
        ).row(0)
        found = f"{found} in records #{first} to #{last}"
    absent = [f"{name}={mapping[name]!r}" for name in mapping if resolved[name] is None]
    if absent:
        detail = f"--map names columns the file does not have ({', '.join(absent)}); {found}"
        return _whole_file_and(path, detail, bad)
    text_column = resolved["text"]
    if text_column is None:
        detail = f"no column holds the article text; {found}; use --map text=COLUMN to name it"
        return _whole_file_and(path, detail, bad)
    fields = parsed.frame.select(
        pl.col(ROW).cast(pl.Int64()),
        *(as_text(parsed.frame.schema, resolved[name]).alias(name) for name in COLUMN_ALIASES),
    ).with_columns(text_problem().alias("problem"))
    problems = fields.filter(pl.col("problem").is_not_null())
    text_rejects = problems.select(
        ROW,
        record_path(path),
        pl.col("problem").alias("reason"),
        problem_detail(text_column).alias("detail"),
    )
    rejects = pl.concat([bad, text_rejects]).sort(ROW, maintain_order=True).drop(ROW)
    kept = fields.filter(pl.col("problem").is_null())
    return Batch(raw_records(kept, path, parsed.warning), rejects)


def _whole_file_and(path: Path, detail: str, bad: pl.DataFrame) -> Batch:
    whole = pl.DataFrame([reject(str(path), "unparseable", detail)], schema=REJECT_SCHEMA)
    return Batch(rejects=pl.concat([whole, bad.drop(ROW)]))


def _bad_rejects(path: Path, bad: list[tuple[int, str]]) -> pl.DataFrame:
    rows = [{ROW: n, **reject(f"{path}#{n}", "unparseable", detail)} for n, detail in bad]
    return pl.DataFrame(rows, schema={ROW: pl.Int64(), **REJECT_SCHEMA})
