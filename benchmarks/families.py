"""What real coverage repeats, for the benchmark's corpus families: outlet boilerplate, bylines,
syndicated copies with wire credits, and bot-wall and paywall stub pages.

Real coverage is not a set of distinct articles. Each outlet wraps every article in the same
header and footer lines (a newsletter pitch, "Follow us on ...", a copyright line, a box of
related links); wire stories run at many outlets, trimmed, retitled and bylined anew, sometimes
crediting the agency ("MOSCOW (Reuters) -", "— AFP", "Xinhua contributed reporting"); and a
scraper collects the pages that stood in front of the article ("Please enable JavaScript and
cookies to continue"). :data:`FAMILIES` names the corpora :mod:`benchmarks.generate` builds from
these pieces; this module holds the pieces, and :func:`containment` measures how much of a copy
its original holds.

Everything here is made up, and every name says so ("Synthetic Outlet 7",
``outlet-7.synthetic.invalid``).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date
from functools import cache


@dataclass(frozen=True)
class Family:
    """How the corpora of one family are generated.

    ``perturbation`` is ``dense``, ``light`` (see :func:`benchmarks.generate.perturb`) or
    ``none``; ``copies`` is the share of the ``n`` original articles added as syndicated copies;
    ``stubs`` the share of originals plus copies added as stub pages; ``outlets`` how many
    outlets the articles are spread over.
    """

    name: str
    perturbation: str
    outlets: int = 20
    boilerplate: bool = False
    copies: float = 0.0
    stubs: float = 0.0

    def counts(self, n: int) -> tuple[int, int, int]:
        """Originals, syndicated copies and stub pages of a corpus of ``n`` originals.

        Examples
        --------
        >>> FAMILIES["stubs"].counts(10_000)
        (10000, 3000, 3900)
        """
        copies = round(n * self.copies)
        return n, copies, round((n + copies) * self.stubs)


FAMILIES = {
    family.name: family
    for family in (
        Family("dense", "dense"),
        Family("light", "light"),
        Family("realistic", "dense", outlets=50, boilerplate=True, copies=0.3),
        Family("stubs", "dense", outlets=50, boilerplate=True, copies=0.3, stubs=0.3),
        Family("sampled", "none"),
    )
}
"""The families: ``dense`` and ``light`` perturb every sentence (distinct articles);
``realistic`` adds outlet boilerplate, bylines and 30% syndicated copies; ``stubs`` adds stub
pages to that (23% of all pages); ``sampled`` assembles articles from the seed sentences
unchanged, so every article shares whole sentences with thousands of others."""

STUB_OUTLETS = 200
"""Stub pages come from this many outlets: a scraper meets bot walls at many more sites than
the ones whose articles it keeps."""
WINDOW = 2_000
"""A copy's original is one of the last this many articles (originals or copies), so the
generator holds a bounded number of texts however large the corpus."""
COPY_DAYS = (0, 2)
"""A copy runs the same day as its original or up to two days later."""
EXTRA_TRIM = 0.25
"""Share of copies that drop a second paragraph from the end (the last is always dropped)."""
LEDE_REWRITE = 0.3
"""Share of copies whose first sentence is rewritten (a new sentence in its place)."""
KEEP_CREDIT = 0.9
"""Share of copies of a wire-credited article that credit the same agency."""
NEW_CREDIT = 0.4
"""Share of copies of an uncredited article that credit an agency."""
SHINGLE_WORDS = 5

AGENCIES = ("Reuters", "AP", "AFP", "Xinhua", "TASS")

_CITIES = ("MOSCOW", "BEIJING", "WASHINGTON", "LONDON", "HONG KONG", "BRUSSELS", "NEW DELHI")
_MONTHS = (
    "Jan", "Feb", "March", "April", "May", "June", "July", "Aug", "Sept", "Oct", "Nov", "Dec",
)  # fmt: skip
_FIRST = ("Anna", "Tom", "Maria", "David", "Elena", "James", "Sofia", "Olga", "Sam", "Priya")
_LAST = ("Keller", "Brandt", "Novak", "Reyes", "Fischer", "Okafor", "Larsen", "Moreau", "Hughes")

# Each agency's ways of being credited: a dateline before the first paragraph ("lead") or a
# line after the last ("trailer"). ", TASS reports." closing a sentence is left out: outlets
# write it when they cite TASS, so it does not say the article is TASS's copy.
_CREDITS = {
    "Reuters": (("lead", "{city} (Reuters) - "), ("trailer", "Reuters contributed reporting.")),
    "AP": (
        ("lead", "{city} (AP) — "),
        ("trailer", "The Associated Press contributed to this report."),
    ),
    "AFP": (("trailer", "— AFP"), ("lead", "{city} (AFP) - ")),
    "Xinhua": (
        ("trailer", "Xinhua contributed reporting."),
        ("lead", "{city}, {month} {day} (Xinhua) -- "),
    ),
    "TASS": (
        ("lead", "{city}, {month} {day}. /TASS/. "),
        ("trailer", "TASS contributed reporting."),
    ),
}

_HEADERS = (
    "Skip to main content",
    "Listen to this article · {minutes} min",
    "Advertisement",
    "World › Asia-Pacific",
    "Home / News / World",
    "Get breaking news alerts on the {brand} app",
)
_NEWSLETTERS = (
    "Sign up for the {brand} {edition} newsletter for the day's top stories, delivered to "
    "your inbox.",
    "Get our free {edition} briefing: the news you need, every weekday morning. Subscribe now.",
    "Enjoying {brand}? Subscribe to our {edition} newsletter and never miss a story.",
    "Want more stories like this? The {edition} newsletter from {brand} is free. Sign up today.",
)
_EDITIONS = ("Morning", "Evening", "World", "Daily", "Weekend", "Asia")
_SOCIAL = ("Facebook", "X", "Instagram", "LinkedIn", "Telegram", "YouTube")
_FOLLOWS = (
    "Follow us on {s1}, {s2} and {s3}.",
    "Follow {brand} on {s1} and {s2} for the latest news.",
    "Stay informed: follow us on {s1} and {s2}.",
)
_COPYRIGHTS = (
    "© 2023 {brand}. All rights reserved.",
    "Copyright © 2023 {brand} Media Group. All rights reserved. This material may not be "
    "redistributed without permission.",
    "© {brand} 2023. Reproduction in whole or in part without written permission is prohibited.",
)
_RELATED_HEADINGS = ("Related articles:", "Related stories", "More from {brand}", "Most read")
_RELATED_LINKS = (
    "Markets brace for another volatile week",
    "Opinion: what the summit means for Europe",
    "In pictures: the week in world news",
    "Five things to know before the vote",
    "Explainer: how sanctions work",
    "Live: the latest on the war in Ukraine",
    "Analysis: a new chapter for the grain deal",
    "Weather warning issued for the weekend",
    "The podcast: inside the negotiations",
    "Energy prices: what comes next",
    "Interview: the diplomat who stayed",
    "Video: scenes from the capital",
)
_STUBS = (
    "Please enable JavaScript and cookies to continue.",
    "Please enable JavaScript and cookies to continue.\n\nRay ID: {ref}",
    "Checking your browser before accessing {domain}.\n\nThis process is automatic. Your "
    "browser will redirect to your requested content shortly.\n\nPlease allow up to 5 seconds…",
    "Subscribe to continue reading.\n\nAlready a subscriber? Log in.",
    "This article is for subscribers only. Subscribe to {brand} for unlimited access to our "
    "journalism.",
    "You have reached your limit of free articles this month. Subscribe now to keep reading.",
    "Access Denied\n\nYou don't have permission to access this page on this server.\n\n"
    "Reference #{ref}",
    "We've detected unusual activity from your computer network. To continue, please click the "
    "box below to let us know you're not a robot.\n\nBlock reference ID: {ref}",
    "Verifying you are human. This may take a few seconds.\n\n{domain} needs to review the "
    "security of your connection before proceeding.",
    "JavaScript is disabled in your browser. Please enable JavaScript to proceed.",
)
_WORD = re.compile(r"\w+")


def brand(outlet: str) -> str:
    """How an outlet names itself in its boilerplate.

    Examples
    --------
    >>> brand("synthetic outlet 7")
    'Synthetic Outlet 7'
    """
    return outlet.title()


def domain(outlet: str) -> str:
    """An outlet's (reserved, unreachable) web domain.

    Examples
    --------
    >>> domain("synthetic outlet 7")
    'outlet-7.synthetic.invalid'
    """
    return f"outlet-{outlet.rsplit(' ', 1)[-1]}.synthetic.invalid"


@dataclass(frozen=True)
class Boilerplate:
    """An outlet's fixed lines: ``header`` above every article, ``footer`` paragraphs below."""

    header: tuple[str, ...]
    footer: tuple[str, ...]


@cache
def boilerplate(outlet: str) -> Boilerplate:
    """The lines ``outlet`` puts on every one of its articles: fixed for the outlet, whatever
    the corpus seed.

    One or two header lines; below the article a related-links box (a heading and three or four
    headline lines), a newsletter pitch and a "Follow us" line in the outlet's order (each left
    out by a fifth of the outlets), then the copyright line. About 40 to 80 words in all.

    Examples
    --------
    >>> boilerplate("synthetic outlet 3").footer[-1].startswith(("©", "Copyright"))
    True
    """
    rng = random.Random(f"boilerplate of {outlet}")
    fields = {
        "brand": brand(outlet),
        "edition": rng.choice(_EDITIONS),
        "minutes": rng.randint(2, 9),
        **dict(zip(("s1", "s2", "s3"), rng.sample(_SOCIAL, 3), strict=True)),
    }
    header = [line.format(**fields) for line in rng.sample(_HEADERS, rng.randint(1, 2))]
    heading = rng.choice(_RELATED_HEADINGS).format(**fields)
    related = "\n".join([heading, *rng.sample(_RELATED_LINKS, rng.randint(3, 4))])
    blocks = [related, rng.choice(_NEWSLETTERS), rng.choice(_FOLLOWS)]
    blocks = [block.format(**fields) for block in blocks if rng.random() >= 0.2]
    rng.shuffle(blocks)
    return Boilerplate(tuple(header), (*blocks, rng.choice(_COPYRIGHTS).format(**fields)))


def byline(rng: random.Random, outlet: str) -> str:
    """A made-up byline: one or two authors, or a correspondent of ``outlet``."""
    first, second = (f"{rng.choice(_FIRST)} {rng.choice(_LAST)}" for _ in range(2))
    return rng.choice(
        (f"By {first}", f"By {first} and {second}", f"{first}, {brand(outlet)} correspondent")
    )


def headline(rng: random.Random, sentence: str) -> str:
    """An original's headline: the first six to ten words of a sentence, without the final
    punctuation."""
    words = sentence.split()[: rng.randint(6, 10)]
    return " ".join(words).strip(".,;:!?“”‘’\"'")


def edited_headline(rng: random.Random, title: str) -> str:
    """A copy's headline: the original's with words dropped, a desk prefix or a suffix."""
    words = title.split()
    return rng.choice(
        (
            " ".join(words[: max(3, len(words) - rng.randint(1, 2))]),
            f"{rng.choice(('UPDATE 1-', 'UPDATE 2-', 'WRAPUP-', 'ANALYSIS-'))}{title}",
            f"{title} - report",
        )
    )


@dataclass(frozen=True)
class Credit:
    """How an article credits a wire agency: ``lead`` opens its first paragraph, ``trailer`` is
    a last line of its own."""

    agency: str
    lead: str = ""
    trailer: str = ""


def credit(rng: random.Random, agency: str, published: date) -> Credit:
    """One of ``agency``'s credit forms, with a dateline city and the date where it has them.

    Examples
    --------
    >>> credit(random.Random(0), "AFP", date(2023, 3, 21)).lead
    'NEW DELHI (AFP) - '
    """
    place, form = rng.choice(_CREDITS[agency])
    text = form.format(
        city=rng.choice(_CITIES), month=_MONTHS[published.month - 1], day=published.day
    )
    return Credit(agency, **{place: text})


def page(
    paragraphs: list[list[str]],
    *,
    furniture: Boilerplate | None = None,
    byline: str | None = None,
    credit: Credit | None = None,
) -> str:
    """An article's text: header lines, byline, paragraphs of sentences with the wire credit
    in place, footer paragraphs; paragraphs and boxes separated by blank lines.

    Examples
    --------
    >>> page([["It rained.", "It stopped."], ["Then sun."]], credit=Credit("AFP", trailer="— AFP"))
    'It rained. It stopped.\\n\\nThen sun.\\n\\n— AFP'
    """
    body = [" ".join(sentences) for sentences in paragraphs]
    if credit and credit.lead:
        body[0] = credit.lead + body[0]
    if credit and credit.trailer:
        body.append(credit.trailer)
    top = [*(furniture.header if furniture else ()), *([byline] if byline else ())]
    blocks = ["\n".join(top)] if top else []
    return "\n\n".join([*blocks, *body, *(furniture.footer if furniture else ())])


def trim(rng: random.Random, paragraphs: list[list[str]]) -> list[list[str]]:
    """A copy's paragraphs: the last dropped (when three or more are left), a second one from
    the end in a quarter of the copies (when five or more)."""
    kept = list(paragraphs)
    if len(kept) >= 3:
        kept.pop()
    if len(kept) >= 5 and rng.random() < EXTRA_TRIM:
        kept.pop()
    return kept


def stub(rng: random.Random, outlet: str) -> str:
    """A bot-wall or paywall page of ``outlet``: a few dozen words at most."""
    template = rng.choice(_STUBS)
    return template.format(
        brand=brand(outlet), domain=domain(outlet), ref=f"{rng.getrandbits(64):016x}"
    )


def shingles(text: str) -> set[tuple[str, ...]]:
    """The word 5-shingles of ``text`` (lower-cased runs of word characters).

    Examples
    --------
    >>> len(shingles("One two three four five six."))
    2
    """
    words = _WORD.findall(text.lower())
    return set(zip(*(words[i:] for i in range(SHINGLE_WORDS)), strict=False))


def containment(a: str, b: str) -> tuple[float, float]:
    """How much of the shorter text the longer holds, and their Jaccard similarity, over word
    5-shingles.

    Examples
    --------
    >>> containment("one two three four five six", "one two three four five six seven eight")
    (1.0, 0.5)
    """
    first, second = shingles(a), shingles(b)
    shared = len(first & second)
    smaller = min(len(first), len(second))
    union = len(first | second)
    return (shared / smaller if smaller else 0.0, shared / union if union else 0.0)
