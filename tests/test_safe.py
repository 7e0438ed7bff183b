from html.parser import HTMLParser

import polars as pl
import pytest

from framescope import safe

HOSTILE = [
    "<img src=x onerror=alert('stored')>",
    '"><script>alert(1)</script>',
    "AT&T &amp; &#39; &lt;",
    "plain outlet",
    "",
]


class _Tags(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.tags: list[str] = []
        self.text = ""

    def handle_starttag(self, tag: str, attrs: list) -> None:
        self.tags.append(tag)

    def handle_data(self, data: str) -> None:
        self.text += data


def test_escape_turns_markup_into_text():
    result = safe.escape("<img src=x onerror=alert('x')>")
    expected = "&lt;img src=x onerror=alert(&#39;x&#39;)&gt;"
    assert result == expected


def test_escape_quotes_as_numeric_references_plotly_decodes():
    result = safe.escape('"AT&T"')
    expected = "&#34;AT&amp;T&#34;"
    assert result == expected


def test_escape_takes_any_value():
    assert safe.escape(None) == "None"
    assert safe.escape(12) == "12"


@pytest.mark.parametrize("text", HOSTILE)
def test_an_escaped_value_parses_as_the_same_text_and_no_tag(text):
    parser = _Tags()
    parser.feed(f'<p title="{safe.escape(text)}">{safe.escape(text)}</p>')
    parser.close()
    assert parser.tags == ["p"]
    assert parser.text == text


def test_escape_expr_equals_escape():
    frame = pl.DataFrame({"s": [*HOSTILE, None]})
    result = frame.select(safe.escape_expr("s"))["s"].to_list()
    expected = [safe.escape(text) for text in HOSTILE] + [None]
    assert result == expected


@pytest.mark.parametrize("text", HOSTILE)
def test_unescape_inverts_escape(text):
    assert safe.unescape(safe.escape(text)) == text
