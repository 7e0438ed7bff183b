"""Dates as news text writes them: ISO, "February 1, 2023", "Jan. 31, 2023", "17 March 2023".

Only explicit dates with a year are parsed; relative ones ("this Friday") are left to the
sidecar, because guessing them silently would put an article on the wrong day.
"""

from __future__ import annotations

import re
from datetime import date

import polars as pl

from framescope.rules.words import MONTH_NUMBERS

_MONTH = r"(?P<month>" + "|".join(sorted(MONTH_NUMBERS, key=len, reverse=True)) + r")\.?"
_DAY = r"(?P<day>[0-3]?\d)(?:st|nd|rd|th)?"
_YEAR = r"(?P<year>(?:19|20)\d\d)"

DATE_PATTERNS = [
    re.compile(rf"(?<!\d){_YEAR}-(?P<mnum>[01]\d)-(?P<day>[0-3]\d)(?!\d)"),
    re.compile(rf"\b{_MONTH}\s+{_DAY},?\s+{_YEAR}\b", re.IGNORECASE),
    re.compile(rf"\b{_DAY}\s+{_MONTH},?\s+{_YEAR}\b", re.IGNORECASE),
]
URL_DATE = re.compile(
    r"/(?P<year>(?:19|20)\d\d)[/-]?(?P<mnum>[01]\d)[/-]?(?P<day>[0-3]\d)(?:/|-|$)"
)


def _to_date(match: re.Match[str]) -> date | None:
    groups = match.groupdict()
    month = int(groups["mnum"]) if groups.get("mnum") else MONTH_NUMBERS[groups["month"].lower()]
    try:
        return date(int(groups["year"]), month, int(groups["day"]))
    except ValueError:  # "February 30, 2023" looks like a date but is not one
        return None


def find_date(text: str) -> tuple[date, re.Match[str]] | None:
    """The first valid explicit date in ``text`` and where it stands, else None.

    Examples
    --------
    >>> find_date("- International - February 1, 2023")[0]
    datetime.date(2023, 2, 1)
    >>> find_date("this Friday") is None
    True
    """
    found = []
    for pattern in DATE_PATTERNS:
        for match in pattern.finditer(text):
            value = _to_date(match)
            if value is not None:
                found.append((match.start(), value, match))
                break
    if not found:
        return None
    _, value, match = min(found, key=lambda item: item[0])
    return value, match


def parse_date(text: str | None) -> date | None:
    """A date from a string that should hold one (a metadata field), else None.

    Examples
    --------
    >>> parse_date("2023-03-17T10:00:00Z")
    datetime.date(2023, 3, 17)
    >>> parse_date("Fri, 17 Mar 2023 10:00:00 GMT")
    datetime.date(2023, 3, 17)
    >>> parse_date("20230317103000")
    datetime.date(2023, 3, 17)
    >>> parse_date("soon") is None
    True
    """
    if text is None:
        return None
    text = text.strip()
    compact = re.fullmatch(r"((?:19|20)\d\d)([01]\d)([0-3]\d)(?:T?\d{4,6}Z?)?", text)
    if compact:
        try:
            return date(int(compact[1]), int(compact[2]), int(compact[3]))
        except ValueError:
            return None
    found = find_date(text)
    return found[0] if found else None


def date_from_url(url: str | None) -> date | None:
    """The date a URL path carries, as many news sites put it there (``/2023/03/17/``).

    Examples
    --------
    >>> date_from_url("https://example.com/world/2023/03/17/xi-visit")
    datetime.date(2023, 3, 17)
    """
    if not url:
        return None
    match = URL_DATE.search(url)
    return _to_date(match) if match else None


def parse_dates(column: pl.Expr) -> pl.Expr:
    """Dates from a string column of mixed formats (exports), vectorised for common ones.

    ISO dates and datetimes and GDELT's compact stamps parse in polars; anything else goes
    through :func:`parse_date` once per distinct value.

    Examples
    --------
    >>> s = pl.Series(["2023-03-17 10:00:00", "20230318", "March 19, 2023", "x"])
    >>> pl.select(parse_dates(pl.lit(s))).to_series().to_list()[:2]
    [datetime.date(2023, 3, 17), datetime.date(2023, 3, 18)]
    """
    text = column.cast(pl.String).str.strip_chars()
    head10 = text.str.slice(0, 10)
    head8 = text.str.slice(0, 8)
    fast = pl.coalesce(
        pl.when(text.str.contains(r"^\d{4}-\d{2}-\d{2}(?:$|[T ])")).then(
            head10.str.to_date("%Y-%m-%d", strict=False)
        ),
        pl.when(text.str.contains(r"^\d{8}(?:$|T?\d{4,6}Z?$)")).then(
            head8.str.to_date("%Y%m%d", strict=False)
        ),
    )
    slow = text.map_elements(parse_date, return_dtype=pl.Date(), skip_nulls=True)
    return pl.when(fast.is_not_null()).then(fast).otherwise(slow)
