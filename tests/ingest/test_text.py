import time
from datetime import date

import pytest

from framescope.ingest.text import parse_article
from tests.conftest import seed_path


def _parse(prefix: str) -> dict:
    path = seed_path(prefix)
    return parse_article(path.name, path.read_text(encoding="utf-8"))


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("000", (date(2023, 2, 1), "header", None, None, None)),
        (
            "001",
            (
                date(2023, 1, 31),
                "header",
                "Politics",
                None,
                "Xi Jinping likely to visit Moscow around anniversary of Ukraine invasion",
            ),
        ),
        (
            "002",
            (
                date(2023, 2, 1),
                "byline",
                "International",
                None,
                "Russian Foreign Ministry: Xi Jinping will visit Moscow and Beijing on the "
                "anniversary of the Russo-Ukrainian war: No information to share",
            ),
        ),
        (
            "003",
            (
                None,
                "unknown",
                None,
                None,
                "Putin invited and Xi accepted.  What we already know about the visit of the "
                "Chinese president to Russia",
            ),
        ),
        ("004", (date(2023, 3, 18), "header", None, "HONG KONG", None)),
    ],
)
def test_seed_shapes(prefix, expected):
    record = _parse(prefix)
    result = tuple(record[k] for k in ("published", "date_origin", "section", "dateline", "title"))
    assert result == expected


def test_repeated_title_and_byline_are_not_body():
    result = _parse("002")["text"]
    assert result.startswith("At the invitation of Russian President Vladimir Putin")
    assert "No information to share\n" not in result
    assert "- International -" not in result


def test_header_lead_starts_the_body():
    result = _parse("004")["text"]
    assert result.startswith("Chinese PresidentXi Jinpingwill visitRussiaearly next week")


def test_body_only_file_has_no_title():
    result = _parse("000")
    assert result["title"] is None
    assert result["text"].startswith("The Russian Foreign Ministry appeared to confirm")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Title\n\nMarch 17, 2023\n\nBody sentence.", ("Title", date(2023, 3, 17), "byline")),
        (
            "By Jane Doe | 17 March 2023\nTitle here\nBody sentence.",
            ("Title here", date(2023, 3, 17), "byline"),
        ),
        ("Body sentence one. Body two.", (None, None, "unknown")),
        ("A heading line\nBody.", ("A heading line", None, "unknown")),
    ],
)
def test_title_and_byline_variants(text, expected):
    record = parse_article("x.txt", text)
    result = (record["title"], record["published"], record["date_origin"])
    assert result == expected


def test_sentence_mentioning_a_date_is_not_a_byline():
    text = "Title\nOn February 24, 2022, Russia launched a full-scale invasion of Ukraine.\n"
    result = parse_article("x.txt", text)
    assert (result["published"], result["date_origin"]) == (None, "unknown")
    assert result["text"].startswith("On February 24, 2022")


def test_unparseable_header_date_is_a_warning():
    result = parse_article("x.txt", " date 2023-02-30 Politics\nTitle\nBody.")
    assert result["published"] is None
    assert result["warnings"] == ["could not parse the header date '2023-02-30'"]


def test_single_line_file_is_body_text():
    result = parse_article("x.txt", "Xi arrives in Moscow\n")
    assert (result["title"], result["text"], result["warnings"]) == (
        None,
        "Xi arrives in Moscow",
        [],
    )


def test_repeated_headline_without_body_keeps_the_headline_as_text():
    result = parse_article("x.txt", "Xi arrives in Moscow\nXi arrives in Moscow\n")
    assert (result["title"], result["text"]) == (None, "Xi arrives in Moscow")
    assert result["warnings"] == ["no body text: the headline is used as the text"]


def test_crlf_line_ends():
    result = parse_article("x.txt", " date 2023-01-31 Politics\r\nTitle\r\nBody one.\r\nBody two.")
    assert (result["title"], result["text"]) == ("Title", "Body one.\nBody two.")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Each line used to rescan every line after it for text: minutes for 100 KB.
        ("Xi arrives in Moscow\n" + "\n" * 100_000, (None, "Xi arrives in Moscow")),
        ("Xi arrives in Moscow\n" + "\n" * 100_000 + "Body.", ("Xi arrives in Moscow", "Body.")),
    ],
)
def test_blank_lines_after_a_title_parse_in_linear_time(text, expected):
    started = time.perf_counter()
    result = parse_article("x.txt", text)
    seconds = time.perf_counter() - started
    assert (result["title"], result["text"]) == expected
    assert seconds < 2
