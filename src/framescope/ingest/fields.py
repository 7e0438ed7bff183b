"""Export fields: the columns other tools write -> framescope's raw records, all vectorised.

News-please, Media Cloud, GDELT and home-grown scrapers name the same fields differently:
:data:`COLUMN_ALIASES` maps their names onto framescope's and ``--map field=column`` covers the
rest. :mod:`framescope.ingest.exports` parses the files; this module turns their columns into
records in :data:`~framescope.ingest.records.RAW_SCHEMA`.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

import polars as pl

from framescope import config
from framescope.ingest.dates import URL_DATE, parse_dates
from framescope.ingest.records import RAW_SCHEMA

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

ROW = "__record__"
"""The record-number column readers add (1-based: the line for JSON Lines, else the record)."""
PARAGRAPH = "\n\n"
"""What joins a list of strings (paragraphs) into one text."""
_TRUE = ("true", "yes", "1")
_FALSE = ("false", "no", "0")
_URL_HOST = r"^[A-Za-z][A-Za-z0-9+.-]*://(?:[^/?#@]*@)?([^/?#:]+)"


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
        check_field(name)
        if name in mapping:
            msg = f"--map gives field {name!r} twice ({mapping[name]!r} and {column!r})"
            raise ValueError(msg)
        mapping[name] = column
    return mapping


def _field_list() -> str:
    return ", ".join(COLUMN_ALIASES)


def check_field(name: str) -> None:
    """Refuse a ``--map`` field that is not one of :data:`COLUMN_ALIASES`, naming them."""
    if name not in COLUMN_ALIASES:
        msg = f"unknown field {name!r} in --map; fields are {_field_list()}"
        raise ValueError(msg)


_DELIMITER_NAMES = {"tab": "\t", "\\t": "\t", "comma": ",", "semicolon": ";", "pipe": "|"}


def parse_delimiter(value: str | None) -> str | None:
    """A ``--delimiter`` value as the character it names (``tab`` or ``\\t`` for a tab, as a
    shell passes it); None stays None (sniffed from each file's header line).

    Examples
    --------
    >>> parse_delimiter(";"), parse_delimiter("tab"), parse_delimiter(None)
    (';', '\\t', None)
    """
    if value is None:
        return None
    delimiter = _DELIMITER_NAMES.get(value.lower(), value)
    if len(delimiter) != 1 or delimiter in '"\r\n':
        msg = (
            "a CSV delimiter is one character other than a quote or a line break "
            f"(or tab, comma, semicolon, pipe), got {value!r}"
        )
        raise ValueError(msg)
    return delimiter


def resolve_columns(columns: list[str], mapping: Mapping[str, str]) -> dict[str, str | None]:
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


def as_text(schema: pl.Schema, column: str | None) -> pl.Expr:
    """A column as strings, the way ``exports._value_text`` renders JSON values."""
    if column is None:
        return pl.lit(None, pl.String())
    dtype = schema[column]
    values = pl.col(column)
    if dtype == pl.String():
        return values
    if dtype == pl.List(pl.String()):
        return values.list.join(PARAGRAPH)
    if dtype.is_nested():
        # Nested values have no string cast; their JSON is the most faithful text.
        encoded = pl.struct(values.alias("v")).struct.json_encode()
        return pl.when(values.is_not_null()).then(
            encoded.str.strip_prefix('{"v":').str.strip_suffix("}")
        )
    return values.cast(pl.String(), strict=False)


def text_problem() -> pl.Expr:
    """``no_text`` or ``too_large`` for a record that cannot be an article, else null."""
    text = pl.col("text")
    return (
        pl.when(text.is_null() | ~text.str.contains(r"\S"))
        .then(pl.lit("no_text"))
        .when(text.str.len_chars() > config.MAX_ARTICLE_CHARS)
        .then(pl.lit("too_large"))
    )


def problem_detail(column: str) -> pl.Expr:
    return (
        pl.when(pl.col("problem") == "no_text")
        .then(pl.format("record {} has no text in column '{}'", pl.col(ROW), pl.lit(column)))
        .otherwise(
            pl.format(
                "record {} has {} characters of text, over the {}-character limit",
                pl.col(ROW),
                pl.col("text").str.len_chars(),
                pl.lit(config.MAX_ARTICLE_CHARS),
            )
        )
    )


def record_path(path: Path) -> pl.Expr:
    """The ``path`` of each record: ``file#n``, ``n`` from the :data:`ROW` column."""
    return pl.format("{}#{}", pl.lit(str(path)), pl.col(ROW)).alias("path")


def raw_records(fields: pl.DataFrame, path: Path, warning: str | None) -> pl.DataFrame:
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
        record_path(path),
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
