"""Profile terms in text: the one matching rule for aliases, descriptors, war terms, frame
cues, hedges and reporting verbs.

A term matches on word edges ("war" is not in "award", "Xi" is not in "Xinhua"): an ASCII
word boundary where the term starts or ends with an ASCII letter, digit or underscore, a
Unicode one where it starts or ends with another letter (Cyrillic names), none where it
starts or ends with punctuation or a character of a script written without spaces (Chinese).
Several terms form one alternation, longest first, so where two overlap the longest surface
wins ("all-out war" is one hit, not two). Profile terms match case-insensitively with any run
of whitespace between their words; actor aliases match as written (``ignore_case=False,
any_space=False``), because "US" is not "us". A group's exclusions are matched like its terms
and then dropped, so "trade war" hides the "war" inside it (:func:`group_matches`).

The patterns are written for polars (Rust regex); :func:`compiled` gives the same rule to
Python's ``re`` for code that reads one text at a time.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence

import polars as pl

from framescope.profile import TermGroup
from framescope.rules.spans import sentence_frame


def word_edge(char: str, *, python: bool = False) -> str:
    """The word-boundary assertion for a pattern that starts or ends with ``char``.

    ``python`` gives it in Python ``re`` syntax.

    Examples
    --------
    >>> word_edge("X"), word_edge("."), word_edge("习"), word_edge("X", python=True)
    ('(?-u:\\\\b)', '', '', '(?a:\\\\b)')
    """
    # An ASCII word boundary where the term edge is an ASCII word character keeps the regex on
    # its fast engine; Unicode letters (Cyrillic names) need the Unicode boundary; scripts
    # written without spaces (Chinese) take none.
    if char.isascii() and (char.isalnum() or char == "_"):
        return r"(?a:\b)" if python else r"(?-u:\b)"
    if char.isalpha() and not ("\u2e80" <= char <= "\u9fff"):
        return r"\b"
    return ""


def bounded(term: str, *, any_space: bool = True, edges: bool = True, python: bool = False) -> str:
    """One term as a pattern: its words escaped, ``any_space`` any run of whitespace between
    them (else the term as written), within word edges.

    Examples
    --------
    >>> bounded("trade war")
    '(?-u:\\\\b)trade\\\\s+war(?-u:\\\\b)'
    >>> bounded("U.S.", any_space=False)
    '(?-u:\\\\b)U\\\\.S\\\\.'
    """
    body = r"\s+".join(re.escape(word) for word in term.split()) if any_space else re.escape(term)
    if not edges:
        return body
    return word_edge(term[0], python=python) + body + word_edge(term[-1], python=python)


def longest_first(terms: Iterable[str]) -> list[str]:
    """Distinct terms, longest first (ties alphabetical): the order that makes an alternation
    prefer the longest of overlapping surfaces.

    Examples
    --------
    >>> longest_first(["war", "all-out war", "war"])
    ['all-out war', 'war']
    """
    return sorted(set(terms), key=lambda t: (-len(t), t))


def alternation(
    terms: Iterable[str],
    *,
    ignore_case: bool = True,
    any_space: bool = True,
    edges: bool = True,
    python: bool = False,
) -> str:
    """One group matching any of ``terms``, longest first, each :func:`bounded`.

    ``edges=False`` leaves out the word edges (number words inside larger patterns).

    Examples
    --------
    >>> s = pl.Series(["An award, a war, an all-out war."])
    >>> s.str.extract_all(alternation(["war", "all-out war"])).to_list()
    [['war', 'all-out war']]
    """
    body = "|".join(
        bounded(t, any_space=any_space, edges=edges, python=python) for t in longest_first(terms)
    )
    return ("(?i:" if ignore_case else "(?:") + body + ")"


def compiled(terms: Iterable[str], *, ignore_case: bool = True) -> re.Pattern[str]:
    """:func:`alternation` for Python's ``re``: the same matches, one text at a time.

    Examples
    --------
    >>> [m.group() for m in compiled(["may", "might"]).finditer("It MAY rain; mayor.")]
    ['MAY']
    """
    return re.compile(alternation(terms, ignore_case=ignore_case, python=True))


def normalised(surface: pl.Expr) -> pl.Expr:
    """A matched surface as a lookup key: lowercase, whitespace runs as one space.

    Examples
    --------
    >>> pl.DataFrame({"s": ["Trade\\n War"]}).select(normalised(pl.col("s"))).item()
    'trade war'
    """
    return surface.str.replace_all(r"\s+", " ").str.to_lowercase()


def group_pattern(group: TermGroup) -> str:
    """A group's terms and exclusions in one :func:`alternation`: where an exclusion overlaps
    a term ("trade war" over "war") the longer surface wins, to be dropped by its
    :func:`listed_forms` entry.

    Examples
    --------
    >>> war = TermGroup(id="war", terms=("war",), exclusions=("trade war",))
    >>> pl.Series(["a trade war"]).str.extract_all(group_pattern(war)).to_list()
    [['trade war']]
    """
    return alternation([*group.terms, *group.exclusions])


def listed_forms(group: TermGroup) -> dict[str, str | None]:
    """A group's lowercase surfaces and the term as listed; exclusions map to None.

    The first listing of a surface wins; an exclusion wins over a term.

    Examples
    --------
    >>> listed_forms(TermGroup(id="war", terms=("War", "war"), exclusions=("trade war",)))
    {'war': 'War', 'trade war': None}
    """
    forms: dict[str, str | None] = {}
    for term in group.terms:
        forms.setdefault(term.lower(), term)
    for term in group.exclusions:
        forms[term.lower()] = None
    return forms


def locate(
    sentences: pl.LazyFrame, patterns: Mapping[str, str], *, sparse: bool = True
) -> pl.LazyFrame:
    """Every match of each named pattern, with character offsets within the sentence.

    ``sentences`` has a ``text`` column; its columns are kept, and ``group`` (the pattern's
    name), ``surface``, ``start`` and ``end`` are added, one row per match in text order.
    The matches and the text between them (a split on the same pattern) interleave, so the
    cumulative lengths of gap + match give each match's end without a Python loop.
    ``sparse``: most sentences hold no match, so each is tested for one before the slower
    extraction (twice the speed for war terms and hedges, a fifth slower for actor aliases,
    which most sentences hold).

    Examples
    --------
    >>> s = pl.LazyFrame({"text": ["War, war and an award."]})
    >>> locate(s, {"war": alternation(["war"])}).select("surface", "start", "end").collect().rows()
    [('War', 0, 3), ('war', 5, 8)]
    """
    columns = sentences.collect_schema().names()
    frames = [
        (sentences.filter(pl.col("text").str.contains(pattern)) if sparse else sentences)
        .with_columns(
            pl.col("text").str.extract_all(pattern).alias("surface"),
            pl.col("text").str.split(pattern, literal=False).alias("_gap"),
        )
        .with_columns(pl.col("_gap").list.head(pl.col("surface").list.len()))
        .with_row_index("_row")
        .explode("surface", "_gap")
        .filter(pl.col("surface").is_not_null())
        .with_columns(
            (pl.col("_gap").str.len_chars() + pl.col("surface").str.len_chars())
            .cum_sum()
            .over("_row")
            .cast(pl.Int64)
            .alias("end")
        )
        .select(
            *columns,
            pl.lit(group, dtype=pl.String).alias("group"),
            "surface",
            (pl.col("end") - pl.col("surface").str.len_chars()).alias("start"),
            "end",
        )
        for group, pattern in patterns.items()
    ]
    if not frames:
        schema = sentences.collect_schema()
        return pl.LazyFrame(
            schema={
                **schema,
                "group": pl.String,
                "surface": pl.String,
                "start": pl.Int64,
                "end": pl.Int64,
            }
        )
    return pl.concat(frames, how="vertical")


def group_matches(sentences: pl.DataFrame, groups: Sequence[TermGroup]) -> pl.LazyFrame:
    """Located hits of each term group, exclusions dropped, with ``term`` as listed.

    Returns ``article_id, sentence_idx, text, group, surface, start, end, term``.

    Examples
    --------
    >>> s = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0],
    ...                   "text": ["A trade war, then a WAR."]})
    >>> war = TermGroup(id="war", terms=("war",), exclusions=("trade war",))
    >>> group_matches(s, [war]).select("surface", "term").collect().rows()
    [('WAR', 'war')]
    """
    patterns = {g.id: group_pattern(g) for g in groups}
    # A lookup, not a join: see the note in framescope.rules.spans.
    lookup = {
        f"{g.id}\x1f{surface}": term for g in groups for surface, term in listed_forms(g).items()
    }
    key = pl.concat_str(pl.col("group"), normalised(pl.col("surface")), separator="\x1f")
    return (
        locate(sentence_frame(sentences), patterns)
        .with_columns(
            key.replace_strict(lookup, default=None, return_dtype=pl.String).alias("term")
        )
        .filter(pl.col("term").is_not_null())
    )
