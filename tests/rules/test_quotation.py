import polars as pl
import pytest

from framescope.rules import quotation

FILLER = "and the talks went on " * 60


def is_quoted(text: str, word: str, *, carried: bool = True) -> bool:
    start = text.rindex(word)
    sentences = pl.LazyFrame({"article_id": ["a"], "sentence_idx": [0], "text": [text]})
    rows = pl.LazyFrame(
        {"article_id": ["a"], "sentence_idx": [0], "start": [start], "end": [start + len(word)]}
    )
    marks = quotation.quote_marks(sentences)
    return quotation.quoted(rows, marks, carried=carried).collect()["_quoted"].item()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the “special military operation” began", True),
        ('the "special military operation" began', True),
        ("what Moscow calls its ‘special military operation’", True),
        ("Russia’s special military operation", False),
        ("the ‘war’s special military operation", False),
        ("It will end the special military operation,” he said.", True),
        (f"“{FILLER}the special military operation", True),
        (f"“a” {FILLER}the special military operation", False),
    ],
)
def test_quoted(text: str, expected: bool) -> None:
    assert is_quoted(text, "special military operation") is expected


def test_a_quotation_carried_from_before_counts_only_when_asked() -> None:
    text = "It will end the war,” he said."
    assert is_quoted(text, "war")
    assert not is_quoted(text, "war", carried=False)


def test_quote_spans() -> None:
    texts = pl.DataFrame({"text": ["“We agree,” he said, “fully.”", "No quotes.", "“Open end"]})
    result = texts.select(quotation.quote_spans(pl.col("text")))["text"].to_list()
    assert result == ["We agree … fully.", "", "Open end"]
