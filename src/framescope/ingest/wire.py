"""Wire credits: which news agency an article says it comes from.

Only credits count, never citations: "MOSCOW (Reuters) -", "BEIJING, March 20 (Xinhua) --",
"/TASS/", "— AFP" or "AFP" closing the text, "Reuters contributed reporting", "Associated Press
writer X contributed", "Copyright 2023 The Associated Press", "(With inputs from Reuters)".
"Reuters reported that ..." in a paragraph is an outlet citing an agency, not running its copy,
so agency names count only in those places: the dateline at the start and the sign-off lines at
the end.
"""

from __future__ import annotations

import polars as pl

AGENCIES: dict[str, tuple[str, ...]] = {
    "Reuters": ("Reuters", "Thomson Reuters"),
    "AP": ("AP", "Associated Press", "The Associated Press"),
    "AFP": ("AFP", "Agence France-Presse", "Agence France Presse"),
    "Xinhua": ("Xinhua", "Xinhua News Agency"),
    "TASS": ("TASS", "ITAR-TASS"),
    "RIA Novosti": ("RIA Novosti", "RIA"),
    "Interfax": ("Interfax",),
    "Sputnik": ("Sputnik",),
    "Bloomberg": ("Bloomberg",),
    "dpa": ("dpa", "DPA"),
    "EFE": ("EFE",),
    "ANSA": ("ANSA",),
    "Kyodo": ("Kyodo", "Kyodo News"),
    "Yonhap": ("Yonhap",),
    "ANI": ("ANI",),
    "PTI": ("PTI",),
    "IANS": ("IANS",),
    "UPI": ("UPI",),
    "Anadolu": ("Anadolu", "Anadolu Agency", "AA"),
    "CNA": ("CNA",),
}
"""Each agency's canonical name and the names it is credited under (case-sensitive: "ap" and
"aa" are words, "AP" and "AA" are credits)."""

# Sign-offs are often in capitals ("SOURCE: REUTERS").
_CANONICAL = {
    spelling: canonical
    for canonical, names in AGENCIES.items()
    for name in names
    for spelling in (name, name.upper())
}
_NAMES = sorted(_CANONICAL, key=len, reverse=True)
_AGENCY = "(?:" + "|".join(name.replace(" ", r"\s+") for name in _NAMES) + ")"
_DASH = r"(?:--|—|–|-)"
# "MOSCOW (Reuters) -", "BEIJING, March 20 (Xinhua) --", "(AP) —": a parenthesised credit
# followed by a dash; "MOSCOW, March 21. /TASS/." in TASS's own style; bylines "By The
# Associated Press" and "AFP | | Posted by ..." (Indian outlets' agency bylines).
_DATELINE = (
    rf"\(\s*{_AGENCY}\s*\)\s*{_DASH}|/TASS/"
    rf"|(?m)^[ ]*(?:By[ ]+{_AGENCY}[ ]*$|{_AGENCY}[ ]*\|)"
)
# Lines closing the text: "— AFP", "AFP", "(Reuters)", "Source: Reuters", "With AFP", "(With
# inputs from Reuters)"; "Reuters contributed reporting", "Associated Press writers ... contributed
# to this report"; "Copyright 2023 The Associated Press", "© Agence France-Presse".
_CONTRIBUTORS = (
    r"(?:'s)?(?:,? +(?:writers?|reporters?|correspondents?|staff|and|in|from|[A-Z][\w.'’-]*))*"
)
_SIGN_OFF = (
    rf"(?m)^[ (]*(?:{_DASH} *|(?:[Ss]ource|SOURCE): *|[Ww]ith +(?:inputs +from +)?)?{_AGENCY}"
    r"[ )]*\.?$"
    rf"|{_AGENCY}{_CONTRIBUTORS} +contributed\b"
    rf"|(?:[Cc]opyright|©) *(?:\d{{4}} *)?{_AGENCY}\b"
)
_HEAD_CHARS = 400  # a dateline sits in the first lines
_TAIL_CHARS = 600  # sign-offs, contributor lines and copyright notes close the text


def credited(text: pl.Expr) -> pl.Expr:
    """The agencies an article credits, canonical names joined by ", " in order of appearance,
    else null.

    Examples
    --------
    >>> texts = pl.Series(["MOSCOW (Reuters) - Xi met Putin.", "Reuters reported a meeting.",
    ...     "Xi met Putin.\\n\\nAssociated Press writer Jo Li contributed to this report.",
    ...     "BEIJING, March 20 (Xinhua) -- Xi left.\\n— AFP"])
    >>> pl.select(credited(pl.lit(texts))).to_series().to_list()
    ['Reuters', None, 'AP', 'Xinhua, AFP']
    """
    return text.map_batches(_credited, return_dtype=pl.String())


def _credited(texts: pl.Series) -> pl.Series:
    head, tail = texts.str.head(_HEAD_CHARS), texts.str.tail(_TAIL_CHARS)
    # Most texts name no agency near their edges: the patterns run only on those that do.
    named = (head.str.contains_any(_NAMES) | tail.str.contains_any(_NAMES)).fill_null(value=False)
    credits = pl.concat_list(
        head.filter(named).str.extract_all(_DATELINE),
        tail.filter(named).str.extract_all(_SIGN_OFF),
    ).list.join("\n")
    names = credits.str.extract_all(rf"\b{_AGENCY}\b|TASS").list.eval(
        pl.element()
        .str.replace_all(r"\s+", " ")
        .replace_strict(_CANONICAL, default=None, return_dtype=pl.String())
    )
    unique = names.list.drop_nulls().list.unique(maintain_order=True)
    found = pl.select(pl.when(unique.list.len() > 0).then(unique.list.join(", "))).to_series()
    return pl.repeat(None, len(texts), dtype=pl.String(), eager=True).scatter(
        named.arg_true(), found
    )
