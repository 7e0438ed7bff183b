"""Plain-text articles as scrapers save them: optional header, title, byline, body.

The shapes, learned from the seed files:

- a header line `` date 2023-01-31 Politics`` (date plus section), or `` date 2023-03-18 HONG
  KONG Chinese President...`` (date, dateline and the lead on one line);
- a title line, sometimes repeated two or three times around a byline;
- a byline such as ``- International - February 1, 2023``;
- or none of these: the body starts on the first line and the date is unknown.
"""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from framescope.ingest.dates import find_date
from framescope.ingest.records import raw_record

_HEADER = re.compile(r"^\s*date\s+(?P<date>\S+)\s*(?P<rest>.*)$", re.IGNORECASE)
# A dateline is the all-caps place name news style puts before the lead ("HONG KONG").
_DATELINE = re.compile(
    r"^(?P<place>[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+){0,3})\s*[—–:,-]?\s+(?=\S)"
)
_SENTENCE_END = re.compile(r"[.:;,]\W*$")
_TITLE_MAX_WORDS = 30
_BYLINE_MAX_WORDS = 12


def _words(line: str) -> int:
    return len(line.split())


def _is_title_like(line: str) -> bool:
    # Headlines are short and carry no final full stop; body paragraphs end with one.
    return (
        0 < _words(line) <= _TITLE_MAX_WORDS
        and len(line) <= 250
        and not _SENTENCE_END.search(line)
        and (line[0].isupper() or line[0].isdigit() or line[0] in "“\"'‘")
    )


def _parse_byline(line: str) -> tuple[date, str | None] | None:
    """A short line that is mostly a date: its date and the words beside it (the section)."""
    if _words(line) > _BYLINE_MAX_WORDS:
        return None
    found = find_date(line)
    if found is None:
        return None
    value, match = found
    rest = (line[: match.start()] + " " + line[match.end() :]).strip(" -–—|·,")
    rest = re.sub(r"\s*[-–—|·]\s*", " ", rest).strip()
    if _words(rest) > 4:  # a sentence that mentions a date, not a byline
        return None
    return value, rest or None


def _parse_header(line: str) -> dict[str, Any] | None:
    """The `` date YYYY-MM-DD ...`` header: date, and a section or a dateline plus lead."""
    match = _HEADER.match(line)
    if not match:
        return None
    found = find_date(match["date"])
    parsed: dict[str, Any] = {"published": found[0] if found else None, "raw_date": match["date"]}
    rest = match["rest"].strip()
    if not rest:
        return parsed
    if _words(rest) <= 3 and not re.search(r"[.!?]", rest):
        parsed["section"] = rest
        return parsed
    dateline = _DATELINE.match(rest)
    if dateline and _words(dateline["place"]) < _words(rest):
        parsed["dateline"] = dateline["place"]
        rest = rest[dateline.end() :]
    parsed["lead"] = rest
    return parsed


def parse_article(path: str, text: str) -> dict[str, Any]:
    """One raw record from the text of a plain-text article file.

    Parameters
    ----------
    path
        Where the text came from, kept on the record.
    text
        The decoded file content.

    Examples
    --------
    >>> record = parse_article("a.txt", " date 2023-01-31 Politics\\nXi to visit Moscow\\nBody.")
    >>> record["published"], record["section"], record["title"], record["text"]
    (datetime.date(2023, 1, 31), 'Politics', 'Xi to visit Moscow', 'Body.')
    """
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    fields: dict[str, Any] = {"warnings": []}
    body_start: list[str] = []
    position = 0
    while position < len(lines) and not lines[position].strip():
        position += 1

    header = _parse_header(lines[position]) if position < len(lines) else None
    if header is not None:
        position += 1
        if header["published"] is None:
            fields["warnings"].append(f"could not parse the header date {header['raw_date']!r}")
        else:
            fields.update(published=header["published"], date_origin="header")
        fields.update({key: header[key] for key in ("section", "dateline") if key in header})
        if "lead" in header:
            body_start.append(header["lead"])

    if not body_start:
        position = _parse_head(lines, position, fields)
    body = "\n".join([*body_start, *lines[position:]]).strip()
    if not body and fields.get("title"):
        # A file that is only a headline still says something; keep it rather than lose it.
        body = fields.pop("title")
        fields["warnings"].append("no body text: the headline is used as the text")
    return raw_record(path, body, **fields)


def _parse_head(lines: list[str], position: int, fields: dict[str, Any]) -> int:
    """Read title and byline lines at the top; return where the body starts."""
    # Found once: asking at every line whether any text follows made a title followed by
    # 100,000 blank lines take minutes.
    last_text = next((i for i in range(len(lines) - 1, -1, -1) if lines[i].strip()), -1)
    while position < len(lines):
        line = lines[position].strip()
        rest_has_text = last_text > position
        if not line:
            position += 1
        elif fields.get("title") and line == fields["title"]:
            position += 1  # the title repeated above the body
        elif "published" not in fields and (byline := _parse_byline(line)):
            fields.update(published=byline[0], date_origin="byline")
            if byline[1] and "section" not in fields:
                fields["section"] = byline[1]
            position += 1
        elif not fields.get("title") and rest_has_text and _is_title_like(line):
            fields["title"] = line
            position += 1
        else:
            break
    return position
