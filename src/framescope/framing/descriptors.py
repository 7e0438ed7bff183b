"""Labels: the descriptors outlets attach to actors ("dictator", "president", "state news
agency").

A descriptor is attached to an actor mention when it stands (1) inside the alias ("President
Xi Jinping" gives "president"), (2) right before the name ("Chinese dictator Xi Jinping",
"spokesman Wang Wenbin"), (3) in an apposition after the name ("Xi, China's president", "Ian
Bremmer, chairman of Eurasia Group") or before it ("China's top diplomat, Wang Yi"), or (4)
after the name in "the <name> <descriptor>" ("the Putin regime"); and (5) as the descriptor
in an actor's role, where the role stands for the actor (:mod:`framescope.rules.roles`: "the
Chinese leader said" gives Xi "leader", "the president of the aggressor country" gives Putin
"president", in an article that names them). Listed descriptors
(``profile.descriptors``) are matched with their plurals and reported in their listed,
lowercased form (``listed=True``). Unlisted descriptors are *discovered* in the premodifier
slot only: the 1-3 lowercase words right before a name that follow a nationality word
(:mod:`framescope.rules.nationalities`: "Russian", "Swiss", "Sino-Russian", "US") or a
possessive ("Russian state news agency TASS" gives "state news agency"; "Morgan senior
economist Wang Wenbin" gives nothing, since "Morgan" is no nationality), unless one of the
words is a stop word or a reporting verb or the last ends in -ed/-ing/-ly
(``listed=False``). One row per sentence x actor x label. Limits: discovered labels are
not lemmatised; a role gives a label only when the article names its actor, and relative
descriptions ("his Chinese counterpart") are no roles, so they give none.
"""

from __future__ import annotations

from collections.abc import Iterable

import polars as pl

from framescope.profile import Profile
from framescope.rules import roles
from framescope.rules.nationalities import PATTERN as NATIONALITY
from framescope.rules.spans import KEYS, in_sentence
from framescope.rules.speakers import REPORTING_VERBS
from framescope.rules.terms import alternation, normalised
from framescope.rules.words import DETERMINER, STOP_WORDS

LABEL_SCHEMA = pl.Schema(
    {
        "article_id": pl.String(),
        "sentence_idx": pl.Int32(),
        "actor": pl.String(),
        "label": pl.String(),
        "listed": pl.Boolean(),
    }
)
"""Columns of the labels table: ``label`` is a lowercased descriptor; ``listed`` says
whether it is in the profile's descriptor list (False: discovered)."""

_POSS = r"[A-Z][\p{L}.-]*['’]s"
_PREPOSITION = r"(?:of|for|at|to|in|with|from|on)"
_DISCOVERY_WINDOW = 120  # characters before a mention searched for premodifiers
_AFTER_WINDOW = 160  # characters after a mention searched for an apposition


def _unique(values: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(values))


def _plural_forms(terms: Iterable[str]) -> dict[str, str]:
    """Each lowercase term and its regular plurals, mapped to the term."""
    forms: dict[str, str] = {}
    for term in terms:
        forms.setdefault(term, term)
        if term[-1].isalpha():
            if term.endswith("y") and term[-2:-1] not in ("a", "e", "o", "u"):
                forms.setdefault(term[:-1] + "ies", term)
            else:
                forms.setdefault(term + "s", term)
                forms.setdefault(term + "es", term)
    return forms


def labels(sentences: pl.DataFrame, mentions: pl.DataFrame, profile: Profile) -> pl.DataFrame:
    """Descriptors attached to actor mentions, listed and discovered.

    Parameters
    ----------
    sentences
        ``article_id``, ``sentence_idx``, ``start`` and ``text`` of each sentence.
    mentions
        The mentions table of those sentences (:func:`framescope.mentions.extract`).
    profile
        Its ``descriptors`` are the listed labels.

    Returns
    -------
    DataFrame in :data:`LABEL_SCHEMA`, one row per sentence x actor x label, sorted by
    sentence. The rules are in the module docstring.

    Examples
    --------
    >>> from framescope import mentions as mention_table
    >>> from framescope.profile import load
    >>> text = "Chinese dictator Xi Jinping met Russian state news agency TASS."
    >>> s = pl.DataFrame({"article_id": ["a"], "sentence_idx": [0], "start": [0], "text": [text]})
    >>> found = labels(s, mention_table.extract(s, load()), load())
    >>> found.select("actor", "label", "listed").rows()
    [('xi_jinping', 'dictator', True), ('tass', 'state news agency', False)]
    """
    descriptors = _unique(d.lower() for d in profile.descriptors)
    if mentions.is_empty() or sentences.is_empty():
        return pl.DataFrame(schema=LABEL_SCHEMA)
    forms = _plural_forms(descriptors) if descriptors else {}
    # A pattern that never matches keeps the plan the same when the profile lists nothing.
    any_form = alternation(forms) if forms else r"[^\s\S]"
    singular = alternation(descriptors) if descriptors else r"[^\s\S]"
    named = f"({any_form})"
    between = rf"(?:(?:[a-z][\w-]*|{NATIONALITY})\s+){{0,2}}?"
    title = rf"^{named}\s"
    premodifier = rf"{named}\s+$"
    apposition_after = (
        rf"^,\s+(?:{DETERMINER}\s+|{_POSS}\s+)?{between}{named}"
        rf'(?:\s+{_PREPOSITION}(?-u:\b)|\s*[,.;:)”’"]|\s*$)'
    )
    apposition_before = (
        rf"(?:^|(?P<word>\S+)\s+)(?:{DETERMINER}|{_POSS}|{NATIONALITY})\s+{between}"
        rf"(?P<label>{any_form})"
        rf'(?:\s+{_PREPOSITION}\s+[^,;:“”"]{{1,60}}?)?,\s*$'
    )
    discovered = (
        rf"(?:^|\s)(?:{NATIONALITY}|{_POSS}|his|her|its|their)\s+((?:[a-z][a-z-]*\s+){{1,3}})$"
    )
    rel_start = pl.col("start") - pl.col("_sentence_start")
    rel_end = pl.col("end") - pl.col("_sentence_start")
    window = pl.max_horizontal(rel_start - _DISCOVERY_WINDOW, pl.lit(0))
    before = pl.col("text").str.slice(window, rel_start - window)
    after = pl.col("text").str.slice(rel_end, _AFTER_WINDOW)
    possessive = after.str.contains(r"^['’]s(?-u:\b)")
    aside = before.str.extract_groups(apposition_before)
    # "According to a Chinese official, Mr Putin": a phrase after a preposition is not an
    # apposition; nor is one before a possessive ("his counterpart, China's new minister").
    aside_ok = ~possessive & ~aside.struct.field("word").str.to_lowercase().is_in(
        ["to", "of", "by", "from", "with", "for", "in", "at", "on", "about", "against", "than"]
    ).fill_null(False)
    found = in_sentence(
        mentions.lazy().select(*KEYS, "actor", "alias", "start", "end"), sentences.lazy()
    ).select(
        *KEYS,
        "actor",
        "start",
        pl.col("alias").str.extract(title, 1).alias("title"),
        before.str.extract(premodifier, 1).alias("premodifier"),
        after.str.extract(apposition_after, 1).alias("apposition_after"),
        pl.when(aside_ok).then(aside.struct.field("label")).alias("apposition_before"),
        # "the Putin regime"; singular only: "the SCO leaders' summit" is about members.
        pl.when(before.str.contains(r"(?i:(?-u:\b)the)\s+$"))
        .then(after.str.extract(rf"^\s+({singular})(?:$|[^\p{{L}}’'])", 1))
        .alias("postmodifier"),
        before.str.extract(discovered, 1).str.strip_chars().alias("discovered"),
    )
    words = pl.col("label").str.split(" ")
    rejected = _unique([*STOP_WORDS, *REPORTING_VERBS, *(f.split()[0] for f in REPORTING_VERBS)])
    listed = (
        found.unpivot(
            index=[*KEYS, "actor", "start"],
            on=["title", "premodifier", "apposition_after", "apposition_before", "postmodifier"],
            variable_name="rule",
            value_name="label",
        )
        .filter(pl.col("label").is_not_null())
        .select(
            *KEYS,
            "actor",
            "start",
            normalised(pl.col("label")).replace_strict(forms, default=None).alias("label"),
            pl.lit(True).alias("listed"),
        )
    )
    described = (
        roles.occurrences(sentences.lazy(), mentions.lazy(), profile)
        .filter(pl.col("label").is_not_null())
        .select(*KEYS, "actor", "start", "label", pl.lit(True).alias("listed"))
    )
    unlisted = (
        found.filter(pl.col("premodifier").is_null() & pl.col("discovered").is_not_null())
        .select(
            *KEYS,
            "actor",
            "start",
            normalised(pl.col("discovered")).alias("label"),
            pl.lit(False).alias("listed"),
        )
        .filter(
            ~words.list.eval(pl.element().is_in(rejected)).list.any()
            & ~pl.col("label").str.contains(r"(?:ed|ing|ly)$")
        )
    )
    return (
        pl.concat([listed, described, unlisted])
        .filter(pl.col("label").is_not_null())
        .sort(*KEYS, "start", maintain_order=True)
        .unique(subset=[*KEYS, "actor", "label"], keep="first", maintain_order=True)
        .select(list(LABEL_SCHEMA))
        .cast(LABEL_SCHEMA)
        .collect()
    )
