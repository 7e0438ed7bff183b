"""Person names and titles in speaker phrases: whether a phrase ends with a person's name
("Kremlin spokesman Dmitry Peskov" is Dmitry Peskov, not the Kremlin; "the Russian Foreign
Ministry" ends with none), and whether it is "the" and a title alone ("the official said",
resolved as a pronoun is). Used by :mod:`framescope.framing.resolve` and the quotes table.

Examples
--------
>>> s = pl.Series(["Kremlin aide Yury Ushakov", "the spokesperson"])
>>> s.to_frame("p").select(person_name(pl.col("p")), titled(pl.col("p")).alias("t")).rows()
[('Yury Ushakov', False), (None, True)]
"""

from __future__ import annotations

import re

import polars as pl

from framescope.rules.nationalities import BY_COUNTRY
from framescope.rules.nationalities import PATTERN as NATIONALITY

_INSTITUTION_WORDS = (
    "Ministry|Department|Office|Council|Committee|Administration|Service|Agency|Bank|"
    "Foundation|Group|Institute|Center|Centre|Organisation|Organization|Union|Party|Government|"
    "Times|Post|Journal|News|Daily|Gazette|Press|Television|Kremlin|House|Court|Fund|"
    "Association|Commission|Bureau|Customs|Review|Assembly|Parliament|Duma|Forum|Company|"
    "Corporation|Holdings|University|College|School|Representation|Embassy|Mission|Statistics|"
    "Media|Network|Radio|Agency|Ministries|Palace|Square|Street|Today|Online|Insider|Channel|"
    "Affairs|Relations|Policy|Security|Defence|Defense|Trade|Finance|Economy|Development|Energy|"
    "Justice|Interior|Studies|Affairs|Initiative|Program|Programme|Project|Council"
)
_TITLES = (
    "President|Premier|Minister|Secretary|Spokesman|Spokeswoman|Spokesperson|Ambassador|Envoy|"
    "Chairman|Chairwoman|Chair|Chancellor|Leader|Aide|Adviser|Advisor|Director|General|Governor|"
    "Senator|Sen\\.|Rep\\.|Representative|Congressman|Congresswoman|Mayor|King|Queen|Prince|Pope|"
    "Judge|Prosecutor|Commissioner|Councillor|Councilor|Counsellor|Counselor|Speaker|Deputy|"
    "Head|Chief|Professor|Prof\\.|Dr\\.?|Mr\\.?|Mrs\\.?|Ms\\.?|Comrade|Colonel|Col\\.|Gen\\.|"
    "Lieutenant|Lt\\.|Major|Captain|Admiral|Marshal|Commander|Officer|Official|Analyst|Expert|"
    "Economist|Researcher|Fellow|Editor|Correspondent|Ombudsman|Patriarch|Lawmaker|Diplomat|"
    "spokesman|spokeswoman|spokesperson|aide|adviser|advisor|envoy|ambassador|official|minister|"
    "secretary|director|chief|head|president|premier|leader|analyst|expert|economist|professor|"
    "researcher|fellow|editor|correspondent|diplomat|lawmaker|chairman|chairwoman|commander|"
    "governor|deputy|speaker|mayor|senator|counsellor|counselor|councillor|chancellor"
)
_COUNTRIES = "|".join(
    re.escape(name)
    for name in sorted(
        {name for name in BY_COUNTRY if " " not in name}
        | {"Russia", "Syria", "Vietnam", "Korea", "Britain", "Laos", "Turkey", "America"},
        key=len,
        reverse=True,
    )
)
_NAME_WORD = r"\p{Lu}[\p{Ll}'’-]+(?:\p{Lu}[\p{Ll}'’-]+)?"  # "McFaul", "DeSantis" too
_PARTICLES = r"(?:von|van|der|den|de|da|di|du|del|dos|la|le|bin|al|el|ibn)"
PERSON_NAME = (
    rf"(?:^|\s)((?:(?:{_TITLES})\s+)+{_NAME_WORD}(?:\s+(?:{_PARTICLES}\s+)*{_NAME_WORD})*"
    rf"|{_NAME_WORD}(?:\s+(?:{_PARTICLES}\s+)*{_NAME_WORD})+)$"
)
"""A speaker phrase that ends with a person's name: a capitalised word after a title
("spokesman Dmitry Peskov", "Foreign Minister Lavrov", "Secretary Nikolai Patrushev"), or two
or more capitalised words ("Zhang Hanhui", "Ursula von der Leyen"), as a pattern whose group
1 holds the name with the titles before it; :func:`person_name` reads the name out of it."""


def person_name(phrase: pl.Expr) -> pl.Expr:
    """The person's name a speaker phrase ends with, without the titles and the nationality
    before it (null when it ends with none): "Kremlin spokesman Dmitry Peskov" is "Dmitry
    Peskov", "Russian Foreign Minister Sergei Lavrov" "Sergei Lavrov"; "the Russian Foreign
    Ministry", "Russia Today", "the Chinese President" and "Eurasia Group" end with no name.

    Examples
    --------
    >>> s = pl.Series(["Kremlin spokesman Dmitry Peskov", "Russian Foreign Minister Sergei Lavrov",
    ...                "the Russian Foreign Ministry", "the Chinese President", "Russia Today",
    ...                "Zhang Hanhui", "European Commission President Ursula von der Leyen",
    ...                "Putin", "Security Council Secretary Nikolai Patrushev",
    ...                "adviser to the head of the President's Office Mykhailo Podoliak"])
    >>> s.to_frame("p").select(person_name(pl.col("p"))).to_series().to_list()
    ... # doctest: +NORMALIZE_WHITESPACE
    ['Dmitry Peskov', 'Sergei Lavrov', None, None, None, 'Zhang Hanhui', 'Ursula von der Leyen',
     None, 'Nikolai Patrushev', 'Mykhailo Podoliak']
    """
    # Only phrases ending with two capitalised words or a title and one are read (a regex on
    # null is free).
    maybe = pl.when(phrase.str.contains(rf"\p{{Lu}}\S*\s+(?:{_PARTICLES}\s+)*{_NAME_WORD}$")).then(
        phrase
    )
    run = maybe.str.extract(PERSON_NAME, 1)
    # "Ambassador to Russia Zhang Hanhui": a country ending a title is not the name.
    found = (
        run.str.replace(rf"^.*(?:^|\s)(?:{_TITLES})\s+", "")
        # "adviser to the head of the President's Office Mykhailo Podoliak": an owner and the
        # body it owns are the end of the title, not the start of the name.
        .str.replace(r"^.*['’]s\s+", "")
        .str.replace(rf"^(?:(?:{_INSTITUTION_WORDS})\s+)+", "")
        .str.replace(
            rf"^(?:(?:{_COUNTRIES}|{NATIONALITY}|State|Foreign|Defence|Defense|Security)\s+)+", ""
        )
    )
    last = found.str.extract(r"(\S+)$", 1)
    return (
        pl.when(
            # One word is a name only right after a title ("Minister Lavrov"; not "Minister
            # of Foreign Affairs").
            (found.str.contains(r"\S\s+\S") | run.str.contains(rf"(?:{_TITLES})\s+\S+$"))
            & ~last.str.contains(rf"^(?:{_INSTITUTION_WORDS}|{_TITLES})$")
            & ~found.str.contains(rf"^(?:{NATIONALITY})(?:\s|$)")
        )
        .then(found)
        .otherwise(None)
    )


TITLE_WORDS = (
    "official", "spokesman", "spokeswoman", "spokesperson", "diplomat", "aide", "adviser",
    "advisor", "envoy", "ambassador", "minister", "analyst", "expert", "economist", "professor",
    "researcher",
)  # fmt: skip
"""Titles that, after "the" and alone ("the official said", "the spokesperson added"), name
the person who spoke last: they are resolved as a pronoun is, from earlier speakers only."""


def titled(phrase: pl.Expr) -> pl.Expr:
    """Whether a speaker phrase is "the" and a title (:data:`TITLE_WORDS`).

    Examples
    --------
    >>> s = pl.Series(["the official", "The spokesperson", "the Chinese official", "officials"])
    >>> s.to_frame("p").select(titled(pl.col("p"))).to_series().to_list()
    [True, True, False, False]
    """
    return phrase.str.contains(rf"^[Tt]he\s+(?:{'|'.join(TITLE_WORDS)})$")


# The name right after the title, no comma between ("According to a Chinese official, Mr
# Putin did not ..." names no official); "to Russia" may come between ("Ambassador to Russia
# Michael McFaul"); a name word may have capitals inside ("McFaul") but ends lowercase.
_NAMED_AFTER = (
    r"^(?:\s+(?:to|of|for|in|at)\s+(?:the\s+)?\p{Lu}[\p{L}.'’-]*)?\s+"
    r"(\p{Lu}[\p{L}'’-]*\p{Ll}(?:\s+\p{Lu}[\p{L}'’-]*\p{Ll}){1,2})(?:[\s,.;:)]|$)"
)
MAX_TITLES = 20
"""Title phrases looked up per article at most: the lookup pairs each with every sentence of
its article, so the cap keeps that work linear in the article."""


def _title_key(phrase: pl.Expr) -> pl.Expr:
    return (
        phrase.str.replace_all("’", "'")
        .str.replace_all(r"\s+", " ")
        .str.to_lowercase()
        .str.replace(r"^(?:the|a|an) ", "")
    )


def titles_named(phrases: pl.LazyFrame, sentences: pl.LazyFrame) -> pl.LazyFrame:
    """The person an article names with a speaker phrase's title: "NATO Secretary General
    said" is Jens Stoltenberg in an article that writes "NATO Secretary General Jens
    Stoltenberg" (before or after), "a former US ambassador said" Michael McFaul after
    "former US Ambassador to Russia Michael McFaul". Only when the article puts that title
    before one name; else no row.

    ``phrases`` has ``_cid``, ``article_id`` and ``speaker_text``; ``sentences`` the article's
    ``article_id`` and ``text``. Returns ``_cid, _titled``.

    Examples
    --------
    >>> p = pl.LazyFrame({"_cid": [0, 1], "article_id": ["a", "a"],
    ...                   "speaker_text": ["NATO Secretary General", "the ambassador"]})
    >>> s = pl.LazyFrame({"article_id": ["a", "a"], "text": [
    ...     "The remark was made by NATO Secretary General Jens Stoltenberg.",
    ...     "NATO Secretary General said so."]})
    >>> titles_named(p, s).collect().rows()
    [(0, 'Jens Stoltenberg')]
    """
    key = _title_key(pl.col("speaker_text"))
    asked = (
        phrases.filter(
            pl.col("speaker_text").str.contains(rf"(?i)(?-u:\b)(?:{_TITLES})(?-u:\b)")
            # "the ambassador" alone is resolved as a pronoun is (:func:`titled`); a title
            # lookup needs words enough to name one post.
            & (key.str.count_matches(" ") >= 1)
        )
        .select("_cid", "article_id", key.alias("_key"))
        .filter(pl.int_range(pl.len()).over("article_id") < MAX_TITLES)
    )
    # Same length as the text, so that offsets found in it hold in the text.
    lower = pl.col("text").str.replace_all("’", "'").str.to_lowercase()
    # Every occurrence of the title in a sentence: the text between occurrences, exploded;
    # an occurrence ends where the pieces before it and their titles end.
    piece = pl.col("_piece").str.len_chars() + pl.col("_key").str.len_chars()
    at = piece.cum_sum().over("_row") - piece
    return (
        asked.join(sentences.select("article_id", "text"), on="article_id", how="inner")
        .filter(lower.str.contains(pl.col("_key"), literal=True))
        .with_row_index("_row")
        .with_columns(lower.str.split(pl.col("_key")).alias("_piece"))
        .with_columns(pl.int_ranges(0, pl.col("_piece").list.len()).alias("_n"))
        .explode("_piece", "_n")
        .with_columns(at.alias("_at"))
        .filter(pl.col("_n") > 0)
        .select(
            "_cid",
            pl.col("text").str.slice("_at", 80).str.extract(_NAMED_AFTER, 1).alias("_titled"),
        )
        .drop_nulls("_titled")
        .filter(~pl.col("_titled").str.contains(r"^(?:Mr|Mrs|Ms|Dr)\s").fill_null(True))
        .unique()
        .filter(pl.len().over("_cid") == 1)
    )
