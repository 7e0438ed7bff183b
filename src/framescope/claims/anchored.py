"""Regex scans tried only where a match can start.

Python's ``re`` tries a pattern at every position of a sentence; with lookbehinds and long
alternations that was most of the time spent reading one. So the slow patterns are tried only
where one of their possible first words starts, found with ``str.find`` in the lowercased
sentence (faster here than any ``re`` scan for them), or for many sentences at once ahead of
time (:func:`searched`). The matches stay exactly those of ``finditer``/``search``;
tests/claims/test_anchored.py checks this on random text.
"""

from __future__ import annotations

import bisect
import contextlib
import functools
import re
import threading
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field

import numpy as np
import polars as pl


def search_end(pattern: re.Pattern[str], before: str, width: int) -> re.Match[str] | None:
    """``pattern.search(before)`` for a pattern that only matches a word of at most ``width``
    characters and the whitespace that ends ``before``: only the last characters are tried.

    Examples
    --------
    >>> search_end(re.compile(r"(?i)by\\s+$"), "Trade rose by ", len("by")).group()
    'by '
    """
    return pattern.search(before, max(0, len(before.rstrip()) - width))


_NON_ASCII = re.compile(r"[^\x00-\x7f]")


@functools.lru_cache(maxsize=4096)
def lowered(text: str) -> str | None:
    """The text lowercased, every character in place, or None when lowercasing could hide a
    match: "ſ", "ı" and "İ" match ASCII letters under IGNORECASE without lowercasing to them,
    and other digits than 0-9 match ``\\d``.

    Examples
    --------
    >>> lowered("Trade ROSE"), lowered("ſix")
    ('trade rose', None)
    """
    for char in _NON_ASCII.findall(text):
        if char in "ſıİ" or char.isdecimal():
            return None
    return text.lower()


def _prefixes(words: Iterable[str]) -> set[str]:
    """The words that no other word starts with ("six", not "sixty")."""
    words = set(words)
    return {w for w in words if not any(w != v and w.startswith(v) for v in words)}


def leading_words(alternation: str) -> set[str]:
    """The words the alternatives of a simple pattern start with, lowercase:
    "goals?|(?:is|are)\\s+set\\s+to" -> {"goal", "is", "are"}."""
    words: set[str] = set()
    depth, alternative = 0, ""
    for char in alternation + "|":
        depth += (char == "(") - (char == ")")
        if char != "|" or depth:
            alternative += char
            continue
        if alternative.startswith("(?:"):
            words |= leading_words(alternative[3 : alternative.index(")")])
        else:
            word = re.match(r"[a-z]*", alternative).group()  # type: ignore[union-attr]
            word = word[:-1] if alternative[len(word) : len(word) + 1] == "?" else word
            if not word:
                msg = f"no leading word in {alternative!r}"
                raise ValueError(msg)
            words.add(word)
        alternative = ""
    return words


@dataclass(frozen=True)
class Anchored:
    """A pattern tried only where one of ``words`` (lowercase) starts, at the "a" of an "a"
    and whitespace before one of ``after_a`` ("a dozen", "a year"), or at a whitespace
    character before one of ``after_space``. These must cover every way a match can start.

    Examples
    --------
    >>> scan = Anchored.of(re.compile(r"(?i)\\b(?:five|six)\\b"), ["five", "six"])
    >>> scan.starts("Five or sixty"), [m.group() for m in scan.finditer("Five or sixty")]
    ([0, 8], ['Five'])
    """

    pattern: re.Pattern[str]
    words: tuple[str, ...] | None
    after_a: tuple[str, ...] = ()
    after_space: tuple[str, ...] = ()
    # Where ``words`` start in texts searched ahead of time: ``ahead.found`` is (row of each
    # text, all offsets, each row's bounds in them) while :func:`searched` runs. Per thread:
    # the scans are module-level, and two threads may extract at once.
    ahead: threading.local = field(default_factory=threading.local, compare=False, repr=False)

    @classmethod
    def of(
        cls,
        pattern: re.Pattern[str],
        words: Iterable[str],
        *,
        after_a: Iterable[str] = (),
        after_space: Iterable[str] = (),
    ) -> Anchored:
        literals = _prefixes(words)
        # Cased letters must be ASCII and lowercase to be found in the lowercased text; other
        # words (a profile's) leave the pattern tried everywhere.
        if any(c.upper() != c.lower() and not "a" <= c <= "z" for w in literals for c in w):
            return cls(pattern, None)
        return cls(pattern, tuple(sorted(literals)), tuple(after_a), tuple(after_space))

    def starts(self, text: str) -> list[int] | None:
        """Where a match may start, in order; None when every position must be tried."""
        low = lowered(text) if self.words is not None else None
        if low is None:
            return None
        ahead = getattr(self.ahead, "found", None)
        row = ahead[0].get(text) if ahead is not None else None
        if ahead is not None and row is not None:
            starts = ahead[1][ahead[2][row] : ahead[2][row + 1]].tolist()
        else:
            starts = []
            for word in self.words or ():
                at = low.find(word)
                while at >= 0:
                    starts.append(at)
                    at = low.find(word, at + 1)
        for word in self.after_a:
            at = low.find(word)
            while at >= 0:
                article = at
                while article and text[article - 1].isspace():
                    article -= 1
                if 0 < article < at and low[article - 1] == "a":
                    starts.append(article - 1)
                at = low.find(word, at + 1)
        for word in self.after_space:
            at = text.find(word, 1)
            while at >= 0:
                if text[at - 1].isspace():
                    starts.append(at - 1)
                at = text.find(word, at + 1)
        return sorted(set(starts))

    def search(
        self, text: str, position: int = 0, starts: list[int] | None = None
    ) -> re.Match[str] | None:
        """``pattern.search(text, position)``, given ``starts(text)``."""
        if starts is None:
            return self.pattern.search(text, position)
        match = self.pattern.match
        for start in starts[bisect.bisect_left(starts, position) :]:
            found = match(text, start)
            if found is not None:
                return found
        return None

    def finditer(self, text: str) -> Iterator[re.Match[str]]:
        # None of the anchored patterns matches the empty string, so no match is skipped.
        starts = self.starts(text)
        position = 0
        while (found := self.search(text, position, starts)) is not None:
            yield found
            position = found.end()


_CODES = "".join(chr(c) for c in range(1, 32) if not 9 <= c <= 13)


def _one_byte(text: pl.Expr, symbols: str) -> pl.Expr:
    """``text`` with the n-th character of ``symbols`` replaced by the n-th of ``_CODES`` and
    any other character beyond ASCII by NUL: one byte per character, so the byte offsets of
    the words (``symbols`` replaced alike) are character offsets. A code already in the text
    can only add a position to try.

    Examples
    --------
    >>> pl.select(_one_byte(pl.lit("“$5” €6"), "€")).item()
    '\\x00$5\\x00 \\x016'
    """
    for symbol, code in zip(symbols, _CODES, strict=False):
        text = text.str.replace_all(symbol, code, literal=True)
    return text.str.replace_all(r"[^\x00-\x7f]", "\x00")


LOWERS_TO_ASCII = "\u0130\u212a"
"""Characters other than ASCII that lowercase to ASCII letters (İ, the Kelvin sign): where one
occurs, ``str.lower`` and an ASCII case-insensitive search for the words would disagree.
Written out, as computing it from every code point took 0.44 s at each import
(tests/claims/test_anchored.py computes it and compares)."""


@contextlib.contextmanager
def searched(scans: Iterable[Anchored], texts: pl.Series) -> Iterator[None]:
    """Find the words of every scan in all ``texts`` at once, before the texts are read one
    by one: one Aho-Corasick pass per scan in polars instead of one ``str.find`` per word and
    text in Python (the same offsets: tests/claims/test_anchored.py checks). Forgotten on
    exit."""
    scans = [scan for scan in scans if scan.words]
    symbols = "".join(sorted({c for scan in scans for w in scan.words or () for c in w} - {
        chr(c) for c in range(128)
    }))  # fmt: skip
    if len(symbols) > len(_CODES):
        yield  # more symbols than codes: every text is searched in Python
        return
    folded = str.maketrans(symbols, _CODES[: len(symbols)])
    texts = texts.filter(~texts.str.contains(f"[{LOWERS_TO_ASCII}]"))
    offsets = (
        pl.DataFrame({"text": texts})
        .select("text", _one_byte(pl.col("text"), symbols).alias("_folded"))
        .select(
            "text",
            *(
                pl.col("_folded")
                .str.find_many(
                    [w.translate(folded) for w in scan.words or ()],
                    ascii_case_insensitive=True,
                    overlapping=True,
                )
                .alias(f"_{n}")
                for n, scan in enumerate(scans)
            ),
        )
    )
    # Kept as arrays: most texts need only some scans, and a Python list per text and scan
    # cost more than the search.
    rows = {text: row for row, text in enumerate(offsets["text"].to_list())}
    try:
        for n, scan in enumerate(scans):
            found = offsets[f"_{n}"]
            bounds = np.concatenate([[0], found.list.len().cum_sum().to_numpy()])
            scan.ahead.found = (rows, found.explode().drop_nulls().to_numpy(), bounds)
        yield
    finally:
        for scan in scans:
            scan.ahead.found = None
