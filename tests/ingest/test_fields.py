"""Export fields: column aliases and --map options."""

from __future__ import annotations

import pytest

from framescope.ingest.fields import COLUMN_ALIASES, parse_delimiter, parse_mapping


def test_parse_mapping_reads_field_column_pairs() -> None:
    result = parse_mapping(["text=body_html", " published = pub "])
    expected = {"text": "body_html", "published": "pub"}
    assert result == expected


@pytest.mark.parametrize("spec", ["text", "text=", "=body", "txt=body", "body_html=text"])
def test_parse_mapping_names_the_bad_spec_and_the_fields(spec: str) -> None:
    with pytest.raises(ValueError, match="external_id, source, published") as error:
        parse_mapping([spec])
    assert repr(spec) in str(error.value) or repr(spec.partition("=")[0]) in str(error.value)


def test_parse_mapping_refuses_a_field_given_twice() -> None:
    with pytest.raises(ValueError, match="'text' twice"):
        parse_mapping(["text=a", "text=b"])


def test_aliases_cover_every_target_field() -> None:
    assert list(COLUMN_ALIASES) == [
        "external_id",
        "source",
        "published",
        "title",
        "text",
        "url",
        "language",
        "translated",
    ]
    assert "description" not in COLUMN_ALIASES["text"]


def test_parse_delimiter_names_and_refusals():
    result = [parse_delimiter(v) for v in (None, ";", "tab", "\\t", "PIPE", "comma")]
    expected = [None, ";", "\t", "\t", "|", ","]
    assert result == expected
    for bad in ("", ";;", '"', "\n"):
        with pytest.raises(ValueError, match="one character"):
            parse_delimiter(bad)
