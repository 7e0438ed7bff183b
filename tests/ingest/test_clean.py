import polars as pl
import pytest
from polars.testing import assert_series_equal

from framescope.ingest import clean
from framescope.ingest.text import parse_article
from tests.conftest import seed_path


def _apply(step, texts: list[str | None]) -> list[str | None]:
    frame = pl.DataFrame({"t": texts}, schema={"t": pl.String()})
    return frame.select(step(pl.col("t")).alias("t"))["t"].to_list()


def _seed_body(prefix: str) -> str:
    path = seed_path(prefix)
    return parse_article(path.name, path.read_text(encoding="utf-8"))["text"]


def _cleaned(prefix: str) -> str:
    steps = (
        clean.normalise_newlines,
        clean.normalise_characters,
        clean.remove_boilerplate,
        clean.normalise_whitespace,
    )
    text = [_seed_body(prefix)]
    for step in steps:
        text = _apply(step, text)
    return text[0]


def test_normalise_newlines():
    assert _apply(clean.normalise_newlines, ["a\r\nb\rc\n", None]) == ["a\nb\nc\n", None]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("a\u00a0b\u2009c\td", "a b c d"),
        ("in\u200bvisible soft\u00adhyphen", "invisible softhyphen"),
        ("«Oui» „ja“ ‚so‘", "“Oui” “ja“ ‘so‘"),
        ("Putin’s and Putin's", "Putin’s and Putin's"),
        ("war – said", "war — said"),
        ("2022–2023 range", "2022–2023 range"),
        ("−2.9%", "-2.9%"),
        ("non\u2011breaking", "non-breaking"),
        ("ＸＩ ２０２３！", "XI 2023!"),
    ],
)
def test_normalise_characters(text, expected):
    assert _apply(clean.normalise_characters, [text]) == [expected]


def test_normalise_whitespace():
    result = _apply(clean.normalise_whitespace, ["  one   two \n\n\n\n three \n four  "])
    assert result == ["one two\n\nthree\nfour"]


def test_boilerplate_comment_tail():
    result = _cleaned("002")
    assert result.endswith("who is the aggressor in Russia’s war with Ukraine.”")
    assert "Leave a Reply" not in result
    assert "1 comment" not in result


def test_boilerplate_disclaimer_and_author_bio():
    result = _cleaned("003")
    assert result.endswith("a key source of revenue for Moscow.")
    for gone in ("Disclaimer", "Deborah Acker", "#amwriting", "Leave a Reply"):
        assert gone not in result


def test_boilerplate_tweet_embed_and_follow_line():
    result = _cleaned("000")
    assert "t.co" not in result
    assert "(@BreitbartNews)" not in result
    assert "Follow Frances Martel" not in result
    # the tweet's own sentence is article text and stays
    assert (
        "a Lithuanian MP has told Breitbart News. The Russian Foreign Ministry did not say"
        in result
    )
    assert result.endswith("said Zelenska.")


def test_boilerplate_stray_full_stop():
    result = _cleaned("000")
    assert "fossil fuels. Chinese Foreign Ministry spokeswoman Mao Ning" in result


def test_boilerplate_keeps_clean_articles_whole():
    assert _cleaned("001") == clean_whitespace_only("001")
    assert _cleaned("004") == clean_whitespace_only("004")


def clean_whitespace_only(prefix: str) -> str:
    return _apply(clean.normalise_whitespace, [_seed_body(prefix)])[0]


@pytest.mark.parametrize(
    "line",
    [
        "Advertisement",
        "Sign up for our daily newsletter here",
        "Read more: Xi lands in Moscow",
        "Share on Facebook",
    ],
)
def test_boilerplate_furniture_lines(line):
    result = _apply(clean.remove_boilerplate, [f"First.\n{line}\nSecond."])
    assert _apply(clean.normalise_whitespace, result) == ["First.\nSecond."]


def test_boilerplate_keeps_comment_words_inside_sentences():
    text = "Officials declined to comment. Leave a reply to the ministry, he said."
    assert _apply(clean.remove_boilerplate, [text]) == [text]


def test_drop_repeated_title():
    frame = pl.DataFrame(
        {
            "text": ["T\nT\nBody.", "T is how the body starts.", "Body.", "T\nBody."],
            "title": ["T", "T", None, "Other"],
        }
    )
    result = frame.select(clean.drop_repeated_title(pl.col("text"), pl.col("title")))["text"]
    expected = pl.Series("text", ["Body.", "T is how the body starts.", "Body.", "T\nBody."])
    assert_series_equal(result, expected)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("This article was machine translated from Chinese.", True),
        ("Translated from the Portuguese by our desk.", True),
        ("This story has been automatically translated.", True),
        ("The translated documents were signed.", None),
        ("Xi visits Moscow.", None),
    ],
)
def test_says_translated(text, expected):
    assert _apply(clean.says_translated, [text]) == [expected]
