"""Markdown and number formatting shared by the report's sections."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

MB = 1e6


def table(header: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """A markdown table.

    Examples
    --------
    >>> print(table(["a", "b"], [[1, 2]]))
    | a | b |
    |---|---|
    | 1 | 2 |
    """
    lines = ["| " + " | ".join(header) + " |", "|" + "|".join("---" for _ in header) + "|"]
    lines += ["| " + " | ".join(str(cell) for cell in row) + " |" for row in rows]
    return "\n".join(lines)


def number(value: float, digits: int = 0) -> str:
    """Thousands separated.

    Examples
    --------
    >>> number(12345.678, 1)
    '12,345.7'
    """
    return f"{value:,.{digits}f}"


def seconds(value: float) -> str:
    """Two decimals below ten, one above.

    Examples
    --------
    >>> seconds(1.234), seconds(123.45)
    ('1.23', '123.5')
    """
    return f"{value:,.2f}" if value < 10 else f"{value:,.1f}"


def megabytes(value: float) -> str:
    """Bytes in MB (10^6), or a dash for nothing measured.

    Examples
    --------
    >>> megabytes(3.28e9), megabytes(0)
    ('3,280', '—')
    """
    return number(value / MB) if value else "—"


def milliseconds(value: float) -> str:
    """Seconds as milliseconds.

    Examples
    --------
    >>> milliseconds(0.0531)
    '53 ms'
    """
    return f"{1000 * value:,.0f} ms"


def share(value: float | None, digits: int = 3) -> str:
    """A ratio such as a recall, or a dash when there was nothing to divide.

    Examples
    --------
    >>> share(0.98765), share(None)
    ('0.988', '—')
    """
    return "—" if value is None else f"{value:.{digits}f}"


def verdict(met: bool | None) -> str:
    """A target's verdict.

    Examples
    --------
    >>> verdict(True), verdict(None)
    ('**met**', 'not measured')
    """
    return {True: "**met**", False: "**not met**", None: "not measured"}[met]
