"""Wire credits, on sentence shapes from real agency copy and its reprints."""

import polars as pl
import pytest

from framescope.ingest import wire

BODY = "Chinese President Xi Jinping arrived in Moscow on Monday for talks with Vladimir Putin."


def _credited(texts: list[str]) -> list[str | None]:
    return (
        pl.select(wire.credited(pl.lit(pl.Series(texts, dtype=pl.String())))).to_series().to_list()
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (f"MOSCOW, March 21 (Reuters) - {BODY}", "Reuters"),
        (f"MOSCOW (AP) — {BODY}", "AP"),
        (f"BEIJING, March 20 (Xinhua) -- {BODY}", "Xinhua"),
        (f"MOSCOW, March 21. /TASS/. {BODY}", "TASS"),
        (f"MOSCOW (Sputnik) - {BODY}", "Sputnik"),
        (f"{BODY}\n\n— AFP", "AFP"),
        (f"{BODY}\n\n(With inputs from Reuters)", "Reuters"),
        (f"{BODY}\n\nSOURCE: REUTERS", "Reuters"),
        (f"{BODY}\n\nAssociated Press writer Ken Moritsugu in Beijing contributed.", "AP"),
        (f"{BODY}\n\nThe Associated Press contributed to this report.", "AP"),
        (f"{BODY}\n\nReuters contributed reporting.", "Reuters"),
        (f"{BODY}\n\nCopyright 2023 The Associated Press. All rights reserved.", "AP"),
        (f"{BODY}\n\n© Agence France-Presse", "AFP"),
        (f"MOSCOW (Reuters) - {BODY}\n\nAFP contributed to this report.", "Reuters, AFP"),
        (f"AFP | | Posted by A Staff Writer\n{BODY}", "AFP"),
        (f"PTI | Updated: Mar 20, 2023\n{BODY}", "PTI"),
        (f"By The Associated Press\nPublished: Mar. 20, 2023\nMOSCOW (AP) — {BODY}", "AP"),
    ],
)
def test_credits_are_found(text, expected):
    assert _credited([text]) == [expected]


@pytest.mark.parametrize(
    "text",
    [
        f"{BODY} Putin told Reuters that the deal contributed to growth.",
        f"{BODY} According to Xinhua, the two leaders signed 14 documents.",
        f"Reuters reported on Monday that {BODY[0].lower()}{BODY[1:]}",
        f"{BODY}\n\n(AP Photo/Alexander Zemlianichenko)",
        f"{BODY}\n\nSOURCE: AL JAZEERA AND NEWS AGENCIES",
        f"{BODY}\n\nCNN's Anna Chernova contributed reporting.",
        f"By Anna Keller\n{BODY}",
        f"{BODY} By AFP's count, 14 documents were signed.",
        "",
    ],
)
def test_citations_and_captions_are_not_credits(text):
    assert _credited([text]) == [None]


def test_a_credit_in_the_middle_of_a_long_text_is_a_citation():
    text = (
        f"{BODY}\n\n" + "Talks went on. " * 40 + "(Reuters) - said a source.\n\n" + "More. " * 120
    )
    assert _credited([text]) == [None]
