"""The shapes every reader produces: raw records (one per candidate article) and rejects.

Readers differ in what they parse; they all hand back a :class:`Batch` in these schemas so
cleaning, identity and writing never need to know where an article came from.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from typing import Any

import polars as pl

DATE_ORIGINS = ("header", "byline", "metadata", "sidecar", "inferred", "unknown")
"""Where ``published`` came from: a `` date ...`` header line, a byline/dateline line in the
text, a structured field (export column, HTML metadata), the sidecar, the URL, or nowhere."""

REJECT_REASONS = {
    "empty": "the input holds no text",
    "binary": "the input is not text (binary content)",
    "encoding": "the bytes could not be decoded as text in any known encoding",
    "too_large": "the input is over the size limit",
    "unparseable": "the input could not be parsed in its format",
    "unsupported": "the file type is not one framescope reads",
    "unreadable": "the file could not be read from disk",
    "no_text": "the record has no article text",
    "missing_file": "the sidecar names a file that does not exist",
    "duplicate": "the same source and text were already ingested",
    "stub": "a bot wall, paywall, consent or error page, not the article",
    "symlink": "a symbolic link not followed: dangling, a loop, a folder, outside the raw "
    "folders, or another path to a file read under its own path",
}

RAW_SCHEMA = pl.Schema(
    {
        "path": pl.String(),
        "external_id": pl.String(),
        "source": pl.String(),
        "published": pl.Date(),
        "date_origin": pl.String(),
        "title": pl.String(),
        "text": pl.String(),
        "url": pl.String(),
        "language": pl.String(),
        "translated": pl.Boolean(),
        "section": pl.String(),
        "dateline": pl.String(),
        "warnings": pl.List(pl.String()),
    }
)

REJECT_SCHEMA = pl.Schema(
    {
        "path": pl.String(),
        "reason": pl.String(),
        "detail": pl.String(),
    }
)


def raw_record(path: str, text: str, **fields: Any) -> dict[str, Any]:
    """One raw record with every column present; unknown columns are an error.

    Examples
    --------
    >>> raw_record("a.txt", "Body.", title="T")["date_origin"]
    'unknown'
    """
    unknown = set(fields) - set(RAW_SCHEMA)
    if unknown:
        msg = f"unknown record fields {sorted(unknown)}; expected some of {list(RAW_SCHEMA)}"
        raise ValueError(msg)
    record: dict[str, Any] = dict.fromkeys(RAW_SCHEMA)
    record.update(path=path, text=text, date_origin="unknown", warnings=[])
    record.update(fields)
    if record["published"] is not None and not isinstance(record["published"], date):
        msg = f"published must be a date, got {record['published']!r} for {path}"
        raise TypeError(msg)
    return record


def reject(path: str, reason: str, detail: str) -> dict[str, str]:
    """One rejects row; ``reason`` must be a known code so users can filter on it.

    Examples
    --------
    >>> reject("x.bin", "binary", "contains NUL bytes")["reason"]
    'binary'
    """
    if reason not in REJECT_REASONS:
        msg = f"unknown reject reason {reason!r}; expected one of {sorted(REJECT_REASONS)}"
        raise ValueError(msg)
    return {"path": path, "reason": reason, "detail": detail}


def records_frame(rows: list[dict[str, Any]]) -> pl.DataFrame:
    """Raw records as a frame in :data:`RAW_SCHEMA` (an empty list gives an empty frame)."""
    return pl.DataFrame(rows, schema=RAW_SCHEMA, orient="row" if not rows else None)


def rejects_frame(rows: list[dict[str, str]]) -> pl.DataFrame:
    """Rejects as a frame in :data:`REJECT_SCHEMA`."""
    return pl.DataFrame(rows, schema=REJECT_SCHEMA, orient="row" if not rows else None)


@dataclass(frozen=True)
class Batch:
    """What one reader call yields: candidate articles and the inputs that could not be."""

    records: pl.DataFrame = field(default_factory=lambda: records_frame([]))
    rejects: pl.DataFrame = field(default_factory=lambda: rejects_frame([]))

    @classmethod
    def of(cls, records: list[dict[str, Any]], rejects: list[dict[str, str]]) -> Batch:
        """A batch from plain rows."""
        return cls(records_frame(records), rejects_frame(rejects))

    @classmethod
    def concat(cls, batches: list[Batch]) -> Batch:
        """All batches in order, as one."""
        if not batches:
            return cls()
        return cls(
            pl.concat([b.records for b in batches], how="vertical"),
            pl.concat([b.rejects for b in batches], how="vertical"),
        )
