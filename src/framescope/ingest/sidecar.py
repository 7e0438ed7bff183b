"""The ``sources.csv`` sidecar: per-file metadata that wins over what the text says."""

from __future__ import annotations

from pathlib import Path

import polars as pl

from framescope.ingest.dates import parse_dates
from framescope.ingest.decode import decode_bytes

SIDECAR_COLUMNS = (
    "file",
    "source",
    "source_country",
    "original_language",
    "translated",
    "published",
    "url",
    "note",
)
_TRUE = ("true", "yes", "1", "y", "t")
_FALSE = ("false", "no", "0", "n", "f")


class SidecarError(ValueError):
    """A sidecar that cannot be used at all; the message says what to fix."""


def read(path: Path) -> pl.DataFrame:
    """The sidecar as strings plus parsed ``published_date`` and ``translated_flag``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "sources.csv"
    >>> _ = p.write_text("file,source,published\\na.txt,Outlet,2023-03-17\\n")
    >>> read(p).select("file", "source", "published_date").row(0)
    ('a.txt', 'Outlet', datetime.date(2023, 3, 17))
    """
    try:
        decoded = decode_bytes(path.read_bytes())
    except OSError as error:
        msg = f"cannot read sidecar {str(path)!r}: {error.strerror}"
        raise SidecarError(msg) from None
    if decoded.text is None:
        msg = f"sidecar {str(path)!r} is unusable: {decoded.detail}"
        raise SidecarError(msg)
    try:
        table = pl.read_csv(decoded.text.encode(), infer_schema=False)
    except pl.exceptions.PolarsError as error:
        msg = f"sidecar {str(path)!r} is not a readable CSV: {error}"
        raise SidecarError(msg) from None
    table = table.rename({c: c.strip().lower() for c in table.columns})
    if "file" not in table.columns:
        msg = f"sidecar {str(path)!r} has no 'file' column; found {table.columns}"
        raise SidecarError(msg)
    table = table.with_columns(
        pl.lit(None, pl.String()).alias(c) for c in SIDECAR_COLUMNS if c not in table.columns
    )
    flag = pl.col("translated").str.strip_chars().str.to_lowercase()
    return table.select(
        *(pl.col(c).str.strip_chars().replace("", None) for c in SIDECAR_COLUMNS),
        parse_dates(pl.col("published")).alias("published_date"),
        pl.when(flag.is_in(_TRUE))
        .then(True)
        .when(flag.is_in(_FALSE))
        .then(False)
        .alias("translated_flag"),
    ).filter(pl.col("file").is_not_null())


def file_key(path: pl.Expr) -> pl.Expr:
    """The file name a record came from (export rows carry ``#n`` after it)."""
    return path.str.split("#").list.first().str.split("/").list.last()


def apply(records: pl.DataFrame, sidecar: pl.DataFrame) -> pl.DataFrame:
    """Records with sidecar values filled in; the sidecar wins, and disagreements are warned.

    Adds ``source_country``, ``original_language`` and ``note`` columns.
    """
    side = sidecar.select(
        file_key(pl.col("file")).alias("_key"),
        pl.col("source").alias("_source"),
        pl.col("url").alias("_url"),
        "source_country",
        "original_language",
        "note",
        pl.col("published").alias("_published_raw"),
        pl.col("published_date").alias("_published"),
        pl.col("translated_flag").alias("_translated"),
    ).unique("_key", keep="first", maintain_order=True)
    joined = records.with_columns(file_key(pl.col("path")).alias("_key")).join(
        side, on="_key", how="left", maintain_order="left"
    )
    differs = (
        pl.col("_published").is_not_null()
        & pl.col("published").is_not_null()
        & (pl.col("_published") != pl.col("published"))
    )
    bad_date = pl.col("_published_raw").is_not_null() & pl.col("_published").is_null()
    warning = (
        pl.when(differs)
        .then(
            pl.format(
                "sidecar date {} differs from the {} date {}; the sidecar wins",
                pl.col("_published"),
                pl.col("date_origin"),
                pl.col("published"),
            )
        )
        .when(bad_date)
        .then(pl.format("sidecar date {} could not be parsed; ignored", pl.col("_published_raw")))
    )
    return joined.with_columns(
        pl.coalesce("_source", "source").alias("source"),
        pl.coalesce("_url", "url").alias("url"),
        pl.coalesce("_translated", "translated").alias("translated"),
        pl.coalesce("_published", "published").alias("published"),
        pl.when(pl.col("_published").is_not_null())
        .then(pl.lit("sidecar"))
        .otherwise(pl.col("date_origin"))
        .alias("date_origin"),
        pl.when(warning.is_not_null())
        .then(pl.col("warnings").list.concat(pl.concat_list(warning)))
        .otherwise(pl.col("warnings"))
        .alias("warnings"),
    ).drop(c for c in joined.columns if c.startswith("_"))
