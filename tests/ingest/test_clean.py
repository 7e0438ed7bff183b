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
        ("soft\u00adhyphen", "softhyphen"),
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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # A zero-width space between words is a word break (removing it glued the name).
        (
            "Chinese President Xi\u200bJinping arrived in\u200b\u200bMoscow on Monday.",
            "Chinese President Xi Jinping arrived in Moscow on Monday.",
        ),
        ("a\u200bb\u200bc, 2023\u200bvisit", "a b c, 2023 visit"),
        # Elsewhere it goes, as do soft hyphens, word joiners and a stray U+FEFF.
        (
            "Xi \u200bJinping\u200b. \ufeffThe Bundes\u00adkanzler said",
            "Xi Jinping. The Bundeskanzler said",
        ),
        ("Wi\u2060Fi and X\ufeffi", "WiFi and Xi"),
        # In Thai and Chinese the zero-width space is the only word break: no space added.
        ("สี\u200bจิ้นผิง", "สีจิ้นผิง"),
        ("习近平\u200b访问", "习近平访问"),
        # Direction controls only change display: "\u202e" showed the rest of a line reversed.
        (
            "Putin said \u202ethe talks were useful\u202c, and \u2066Xi\u2069 agreed\u200f.",
            "Putin said the talks were useful, and Xi agreed.",
        ),
        ("\u200eMoscow\u200f \u202aMoscou\u202c \u202bموسكو\u202c", "Moscow Moscou موسكو"),
        # Joiners carry meaning in Persian, Indic scripts and emoji, and mean nothing in Latin.
        ("می\u200cخواهم", "می\u200cخواهم"),
        ("क्\u200dष", "क्\u200dष"),
        ("👨\u200d👩\u200d👧", "👨\u200d👩\u200d👧"),
        ("Xi\u200d Jinping and Putin\u200c said", "Xi Jinping and Putin said"),
        ("\u200cMoscow \u200dنشست", "Moscow نشست"),
    ],
)
def test_normalise_characters_invisible_and_direction(text, expected):
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


ARTICLE = (
    "Xi Jinping arrived in Moscow on Monday for a three-day state visit, his first trip abroad "
    "since he secured a third term as president.\n\n"
    "The two leaders are expected to sign agreements on energy and trade, officials said."
)


@pytest.mark.parametrize(
    "tail",
    [
        pytest.param("\n\n12 Comments\n\nLeave a Reply", id="counter"),
        pytest.param("\n1 comment\nLeave a Reply Cancel reply", id="counter-and-form"),
        pytest.param(
            "\n\nDisclaimer: If you need to update/edit/remove this news or article then please "
            "contact our support team Learn more\n\nDeborah Acker\n\nI write epic fantasy.\n\n"
            "Leave a Reply",
            id="disclaimer-and-bio",
        ),
        pytest.param(
            "\n\nShare this:\nTwitter\nFacebook\n\nLike this:\nLike Loading...", id="share-box"
        ),
        pytest.param(
            "\n\nRelated articles:\nXi arrives in Moscow for talks with Putin\nWhat China wants",
            id="related-links",
        ),
        pytest.param(
            "  \n \n  Related Posts \n  Putin hails “new era” of ties  \n\n", id="odd-spacing"
        ),
    ],
)
def test_boilerplate_tail_removed(tail):
    result = _apply(clean.remove_boilerplate, [ARTICLE + tail])
    expected = [ARTICLE]
    assert result == expected


@pytest.mark.parametrize(
    "text",
    [
        # One-line texts (every JSONL export has them) have no tail: their first line is text.
        pytest.param(
            "Disclaimer: the author holds no shares in Gazprom. Xi Jinping arrived in Moscow on "
            "Monday for talks with Vladimir Putin, his first trip abroad since his third term.",
            id="one-line-disclaimer",
        ),
        pytest.param(
            "300 comments poured in to the embassy's page within an hour of the announcement "
            "that Xi Jinping would visit Moscow.",
            id="one-line-counter-sentence",
        ),
        pytest.param(
            "The energy commission opened a consultation on the Power of Siberia 2 pipeline.\n\n"
            "1200 comments were filed with the commission before the deadline, most opposed.\n\n"
            "The ministry said it would respond in May.\n\n"
            "Environmental groups called for a hearing.\n\n"
            "The company declined to comment.",
            id="counter-sentence-then-short-paragraphs",
        ),
        # Related links end without a full stop; sentences after the box are the article's.
        pytest.param(
            ARTICLE + "\n\nRelated articles: What China wants from Russia\n\n"
            "Putin called the talks frank and friendly.\n\n"
            "He said: “Our ties are at their best ever.”\n\n"
            "The visit ends on Wednesday.",
            id="related-box-then-paragraphs",
        ),
        pytest.param(
            ARTICLE + "\n\nDisclaimer: the author advised Russia's energy ministry in 2019.\n\n"
            "The talks began at noon.\n\nXi spoke first.\n\nPutin replied.\n\n"
            "No journalists were allowed in.\n\nThe visit ends on Wednesday.",
            id="more-than-four-lines-after-trigger",
        ),
        pytest.param(
            "\n\nDisclaimer: reposted from Xinhua.\nXi arrived in Moscow on Monday.",
            id="first-line-after-blank-lines",
        ),
    ],
)
def test_boilerplate_tail_rule_keeps_article_text(text):
    result = _apply(clean.remove_boilerplate, [text])
    expected = [text]
    assert result == expected


def test_boilerplate_tail_is_at_most_half_the_text():
    tail = "\n\nDisclaimer: Reposted from another site; contact us to remove it.\n\nJane Doe"
    short = "Xi met Putin in Moscow on Monday."
    long = short + " They talked for four hours over dinner and agreed to meet again in Beijing."
    result = _apply(clean.remove_boilerplate, [short + tail, long + tail])
    expected = [short + tail, long]
    assert result == expected


def test_boilerplate_tail_in_a_column():
    texts = pl.Series(
        "t", [ARTICLE + "\n\n3 comments", None, ARTICLE, "1 comment\nLeave a Reply", "Share this:"]
    )
    result = pl.select(clean.remove_boilerplate(pl.lit(texts)))["t"]
    expected = pl.Series("t", [ARTICLE, None, ARTICLE, "", ""])
    assert_series_equal(result, expected)


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


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Please enable JavaScript and cookies to continue", True),
        ("Are you a robot? Please confirm you are a human by completing the captcha.", True),
        ("Checking if the site connection is secure. example.com needs to review", True),
        ("Subscribe to continue reading. Already a subscriber? Log in.", True),
        ("404 Not Found", True),
        ("Verifying you are human. This may take a few seconds.", True),
        ("We've detected unusual activity from your computer network.", True),
        ("You have reached your limit of free articles this month. Subscribe for $1.", True),
        ("Xi Jinping arrived in Moscow on Monday.", False),
        (
            "Russian regulators told sites to enable cookies consent banners. " + "Words " * 80,
            False,
        ),
    ],
)
def test_stub_pages_are_recognised(text, expected):
    result = pl.select(clean.is_stub(pl.lit(text))).item()
    assert result is expected
