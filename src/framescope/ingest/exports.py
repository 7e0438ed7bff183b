"""Article exports from other tools (JSON Lines, JSON, CSV/TSV, Parquet) -> raw records.

News-please, Media Cloud, GDELT and home-grown scrapers name the same fields differently:
:data:`COLUMN_ALIASES` maps their names onto framescope's and ``--map field=column`` covers the
rest. Files go through polars' readers so millions of rows stay fast; only when a reader fails
does a slower record-by-record pass find the bad records, so one broken line costs that line,
not the file. A large export is read a :class:`~framescope.ingest.pieces.Piece` at a time (see
:mod:`framescope.ingest.pieces`), each piece on its own and numbered as in the whole file.
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
from framescope.ingest.dates import URL_DATE, parse_dates
from framescope.ingest.decode import Decoded, decode_bytes
from framescope.ingest.pieces import Piece, csv_reader
from framescope.ingest.records import RAW_SCHEMA, REJECT_SCHEMA, Batch, reject

COLUMN_ALIASES: dict[str, tuple[str, ...]] = {
    "external_id": ("id", "stories_id", "GKGRECORDID", "GLOBALEVENTID"),
    "source": (
        "source",
        "outlet",
        "publisher",
        "media_name",
        "source_domain",
        "SourceCommonName",
        "domain",
    ),
    "published": (
        "published",
        "date_publish",
        "publish_date",
        "pubdate",
        "date",
        "seendate",
        "SQLDATE",
    ),
    "title": ("title", "headline"),
    "text": ("text", "maintext", "story_text", "body", "content", "article_text", "full_text"),
    "url": ("url", "link", "DocumentIdentifier", "SOURCEURL"),
    "language": ("language", "lang"),
    "translated": ("translated", "is_translated"),
}
"""Column names other tools use for each field, best first, matched case-insensitively.

Generic names come first, then news-please (``maintext``, ``date_publish``, ``source_domain``),
Media Cloud (``stories_id``, ``media_name``, ``publish_date``, ``story_text``) and GDELT
(``GKGRECORDID``, ``GLOBALEVENTID``, ``DATE`` via ``date``, ``SQLDATE``, ``seendate``,
``SourceCommonName``, ``domain``, ``DocumentIdentifier``, ``SOURCEURL``). news-please's
``description`` is a teaser, not the article, so it is deliberately not a text alias.
"""

_ROW = "__record__"
_PARAGRAPH = "\n\n"
_JSON_SPACE = " \t\r"
_TRUE = ("true", "yes", "1")
_FALSE = ("false", "no", "0")
_URL_HOST = r"^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]+)"
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


def parse_mapping(specs: list[str]) -> dict[str, str]:
    """``--map field=column`` options as a field -> column mapping.

    Parameters
    ----------
    specs
        Strings of the form ``field=column``; ``field`` is one of :data:`COLUMN_ALIASES`.

    Returns
    -------
    dict
        The column to read each named field from.

    Raises
    ------
    ValueError
        For a spec without ``=`` or a column, an unknown field or a field given twice.

    Examples
    --------
    >>> parse_mapping(["text=body_html", "published=pub"])
    {'text': 'body_html', 'published': 'pub'}
    """
    mapping: dict[str, str] = {}
    for spec in specs:
        name, equals, column = (part.strip() for part in spec.partition("="))
        if not equals or not column:
            msg = f"--map expects field=column, got {spec!r}; fields are {_field_list()}"
            raise ValueError(msg)
        _check_field(name)
        if name in mapping:
            msg = f"--map gives field {name!r} twice ({mapping[name]!r} and {column!r})"
            raise ValueError(msg)
        mapping[name] = column
    return mapping


def read_export(
    path: Path, *, mapping: Mapping[str, str] | None = None, piece: Piece | None = None
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
        the whole file (no text column) is reported once per piece, naming its records.

    Returns
    -------
    Batch
        Records numbered ``path#n`` (n: the line for JSON Lines, else the record, from 1) and
        rejects for bad records (``path#n``) or a bad file (``path``). Bad input never raises.

    Raises
    ------
    ValueError
        If ``mapping`` names an unknown field (a wrong option, not bad data), or ``piece`` is
        given for a ``.json`` file, which is only read whole.

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
        _check_field(name)
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
        parsed = reader(path, piece)
    except OSError as error:
        return _file_reject(path, "unreadable", f"cannot read: {error.strerror or error}")
    if isinstance(parsed, Batch):
        return parsed
    return _to_batch(path, parsed, mapping, whole=piece is None)


def _field_list() -> str:
    return ", ".join(COLUMN_ALIASES)


def _check_field(name: str) -> None:
    if name not in COLUMN_ALIASES:
        msg = f"unknown field {name!r} in --map; fields are {_field_list()}"
        raise ValueError(msg)


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
    return frame.with_row_index(_ROW, offset=before + 1)


def _jsonl_frame(source: Path | bytes, before: int) -> pl.DataFrame:
    # The whole file (or piece) sets the schema: a field first seen late would otherwise be
    # dropped.
    frame = pl.read_ndjson(source, infer_schema_length=None)
    numbers = (
        pl.scan_lines(source, row_index_name=_ROW, row_index_offset=before + 1)
        .filter(pl.col("line").str.strip_chars(_JSON_SPACE) != "")
        .select(_ROW)
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
    row_numbers = pl.DataFrame({_ROW: numbers}, schema={_ROW: pl.Int64()})
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
            detail = f"row {number} has {len(row)} field(s); the header has {len(names)}"
            bad.append((number, detail))
            continue
        rows.append({_ROW: number, **{n: v or None for n, v in zip(names, row, strict=True)}})
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
    return {**{key: _value_text(value) for key, value in item.items()}, _ROW: number}


def _value_text(value: Any) -> str | None:
    """A JSON value as text, rendered as :func:`_as_text` renders polars' columns."""
    if value is None or isinstance(value, str):
        return value
    if isinstance(value, list) and value and all(isinstance(item, str) for item in value):
        return _PARAGRAPH.join(value)
    return json.dumps(value, ensure_ascii=False, separators=(",", ":"))


def _json_type(value: Any) -> str:
    return _JSON_TYPES.get(type(value), "an object")


def _rows_frame(rows: list[dict[str, Any]], names: list[str] | None = None) -> pl.DataFrame:
    columns = names if names is not None else list(dict.fromkeys(k for r in rows for k in r))
    schema = {_ROW: pl.Int64(), **{name: pl.String() for name in columns if name != _ROW}}
    return pl.from_dicts(rows, schema=schema)


def _read_jsonl(path: Path, piece: Piece | None) -> _Parsed | Batch:
    return _read(path, piece, _jsonl_frame, _jsonl_rows)


def _read_json(path: Path, piece: Piece | None) -> _Parsed | Batch:
    return _read(path, piece, _json_frame, _json_rows)


def _read_csv(path: Path, piece: Piece | None, *, separator: str) -> _Parsed | Batch:
    fast = partial(_csv_frame, separator=separator)
    return _read(path, piece, fast, partial(_csv_rows, separator=separator))


_READERS: dict[str, Callable[[Path, Piece | None], _Parsed | Batch]] = {
    ".jsonl": _read_jsonl,
    ".ndjson": _read_jsonl,
    ".json": _read_json,
    ".csv": partial(_read_csv, separator=","),
    ".tsv": partial(_read_csv, separator="\t"),
    ".parquet": _read_parquet,
}


# Fields: the file's columns -> framescope's raw records, all vectorised.


def _resolve_columns(columns: list[str], mapping: Mapping[str, str]) -> dict[str, str | None]:
    """The file column for each field: the mapped one, else the first alias present."""
    by_folded: dict[str, str] = {}
    for column in columns:
        by_folded.setdefault(column.casefold(), column)
    resolved: dict[str, str | None] = {}
    for name, aliases in COLUMN_ALIASES.items():
        if name in mapping:
            wanted = mapping[name]
            resolved[name] = wanted if wanted in columns else by_folded.get(wanted.casefold())
        else:
            found = (by_folded.get(alias.casefold()) for alias in aliases)
            resolved[name] = next((column for column in found if column is not None), None)
    return resolved


def _to_batch(path: Path, parsed: _Parsed, mapping: Mapping[str, str], *, whole: bool) -> Batch:
    bad = _bad_rejects(path, parsed.bad)
    columns = [column for column in parsed.frame.columns if column != _ROW]
    if parsed.frame.height == 0:
        if bad.height or not whole:
            # Blank lines in a piece are nothing to report; the file has records elsewhere.
            return Batch(rejects=bad.drop(_ROW))
        return _file_reject(path, "empty", "the file holds no records")
    resolved = _resolve_columns(columns, mapping)
    found = f"columns found: {', '.join(repr(c) for c in columns) or 'none'}"
    if not whole:
        numbers = parsed.frame[_ROW]
        found = f"{found} in records #{numbers.min()} to #{numbers.max()}"
    absent = [f"{name}={mapping[name]!r}" for name in mapping if resolved[name] is None]
    if absent:
        detail = f"--map names columns the file does not have ({', '.join(absent)}); {found}"
        return _whole_file_and(path, detail, bad)
    text_column = resolved["text"]
    if text_column is None:
        detail = f"no column holds the article text; {found}; use --map text=COLUMN to name it"
        return _whole_file_and(path, detail, bad)
    fields = parsed.frame.select(
        pl.col(_ROW).cast(pl.Int64()),
        *(_as_text(parsed.frame.schema, resolved[name]).alias(name) for name in COLUMN_ALIASES),
    ).with_columns(_text_problem().alias("problem"))
    problems = fields.filter(pl.col("problem").is_not_null())
    text_rejects = problems.select(
        _ROW,
        _record_path(path),
        pl.col("problem").alias("reason"),
        _problem_detail(text_column).alias("detail"),
    )
    rejects = pl.concat([bad, text_rejects]).sort(_ROW, maintain_order=True).drop(_ROW)
    kept = fields.filter(pl.col("problem").is_null())
    return Batch(_records(kept, path, parsed.warning), rejects)


def _whole_file_and(path: Path, detail: str, bad: pl.DataFrame) -> Batch:
    whole = pl.DataFrame([reject(str(path), "unparseable", detail)], schema=REJECT_SCHEMA)
    return Batch(rejects=pl.concat([whole, bad.drop(_ROW)]))


def _bad_rejects(path: Path, bad: list[tuple[int, str]]) -> pl.DataFrame:
    rows = [{_ROW: n, **reject(f"{path}#{n}", "unparseable", detail)} for n, detail in bad]
    return pl.DataFrame(rows, schema={_ROW: pl.Int64(), **REJECT_SCHEMA})


def _as_text(schema: pl.Schema, column: str | None) -> pl.Expr:
    """A column as strings, the way :func:`_value_text` renders JSON values."""
    if column is None:
        return pl.lit(None, pl.String())
    dtype = schema[column]
    values = pl.col(column)
    if dtype == pl.String():
        return values
    if dtype == pl.List(pl.String()):
        return values.list.join(_PARAGRAPH)
    if dtype.is_nested():
        # Nested values have no string cast; their JSON is the most faithful text.
        encoded = pl.struct(values.alias("v")).struct.json_encode()
        return pl.when(values.is_not_null()).then(
            encoded.str.strip_prefix('{"v":').str.strip_suffix("}")
        )
    return values.cast(pl.String(), strict=False)


def _text_problem() -> pl.Expr:
    """``no_text`` or ``too_large`` for a record that cannot be an article, else null."""
    text = pl.col("text")
    return (
        pl.when(text.is_null() | ~text.str.contains(r"\S"))
        .then(pl.lit("no_text"))
        .when(text.str.len_chars() > config.MAX_ARTICLE_CHARS)
        .then(pl.lit("too_large"))
    )


def _problem_detail(column: str) -> pl.Expr:
    return (
        pl.when(pl.col("problem") == "no_text")
        .then(pl.format("record {} has no text in column '{}'", pl.col(_ROW), pl.lit(column)))
        .otherwise(
            pl.format(
                "record {} has {} characters of text, over the {}-character limit",
                pl.col(_ROW),
                pl.col("text").str.len_chars(),
                pl.lit(config.MAX_ARTICLE_CHARS),
            )
        )
    )


def _record_path(path: Path) -> pl.Expr:
    return pl.format("{}#{}", pl.lit(str(path)), pl.col(_ROW)).alias("path")


def _records(fields: pl.DataFrame, path: Path, warning: str | None) -> pl.DataFrame:
    """Fields -> :data:`RAW_SCHEMA`: dates, date origins, sources, flags and warnings."""
    date_given = pl.col("published").str.contains(r"\S").fill_null(False)
    source_given = pl.col("source").str.contains(r"\S").fill_null(False)
    parsed = pl.col("parsed_date")
    # The URL is parsed only where it is needed: regexes over every URL cost more than the rest.
    records = fields.with_columns(
        parse_dates(pl.col("published")).alias("parsed_date"),
        _url_date(pl.when(~date_given).then(pl.col("url"))).alias("url_date"),
        _url_host(pl.when(~source_given).then(pl.col("url"))).alias("url_host"),
    ).with_columns(
        _record_path(path),
        pl.when(parsed.is_not_null())
        .then(pl.lit("metadata"))
        .when(~date_given & pl.col("url_date").is_not_null())
        .then(pl.lit("inferred"))
        .otherwise(pl.lit("unknown"))
        .alias("date_origin"),
        pl.when(date_given).then(parsed).otherwise(pl.col("url_date")).alias("published"),
        pl.when(source_given).then(pl.col("source")).otherwise(pl.col("url_host")).alias("source"),
        _boolean(pl.col("translated")).alias("translated"),
        pl.lit(None, pl.String()).alias("section"),
        pl.lit(None, pl.String()).alias("dateline"),
        pl.concat_list(
            pl.lit(warning, pl.String()),
            pl.when(date_given & parsed.is_null()).then(
                pl.format("could not parse date '{}'", pl.col("published"))
            ),
            pl.when(~source_given & pl.col("url_host").is_not_null()).then(
                pl.lit("source taken from the URL host")
            ),
        )
        .list.drop_nulls()
        .alias("warnings"),
    )
    return records.select(pl.col(name).cast(dtype) for name, dtype in RAW_SCHEMA.items())


def _url_date(url: pl.Expr) -> pl.Expr:
    """:func:`dates.date_from_url`, vectorised with the same pattern."""
    parts = url.str.extract_groups(URL_DATE.pattern)
    stamp = pl.concat_str(
        parts.struct.field("year"), parts.struct.field("mnum"), parts.struct.field("day")
    )
    return stamp.str.to_date("%Y%m%d", strict=False)


def _url_host(url: pl.Expr) -> pl.Expr:
    host = url.str.strip_chars().str.extract(_URL_HOST, 1).str.to_lowercase()
    return host.str.strip_prefix("www.")


def _boolean(values: pl.Expr) -> pl.Expr:
    folded = values.str.strip_chars().str.to_lowercase()
    return pl.when(folded.is_in(_TRUE)).then(True).when(folded.is_in(_FALSE)).then(False)
