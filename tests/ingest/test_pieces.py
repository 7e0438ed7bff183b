"""Where exports are cut: the pieces' boundaries, line counts and the files left whole.

That pieces read as the whole file does is tested in test_exports.py, with the readers.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import polars as pl
import pyarrow.parquet as pq
import pytest

from framescope import config
from framescope.ingest.pieces import Piece, cut, file_delimiter, sniff_delimiter


def write(folder: Path, name: str, content: str | bytes) -> Path:
    path = folder / name
    path.write_bytes(content.encode() if isinstance(content, str) else content)
    return path


def test_cut_jsonl_after_line_ends_counting_the_lines_before(tmp_path: Path) -> None:
    lines = [json.dumps({"text": f"article {n}"}) + "\n" for n in range(6)]  # 22 bytes each
    path = write(tmp_path, "a.jsonl", "".join(lines[:3]) + "\n" + "".join(lines[3:]))
    result = cut(path, size=40)
    # 133 bytes make round(133 / 40) = 3 pieces of 45 bytes: each ends at the first line end
    # 45 bytes or more after its start. The blank fourth line counts in the numbering.
    expected = [Piece(0, 66, 0), Piece(66, 111, 3), Piece(111, 133, 6)]
    assert result == expected


def test_cut_jsonl_starts_after_a_bom_and_keeps_a_last_line_without_newline(
    tmp_path: Path,
) -> None:
    path = write(tmp_path, "b.jsonl", codecs.BOM_UTF8 + b'{"text": "a"}\r\n{"text": "b"}')
    result = cut(path, size=5)
    expected = [Piece(3, 18, 0), Piece(18, 31, 1)]
    assert result == expected


def test_cut_csv_never_inside_a_quoted_field(tmp_path: Path) -> None:
    content = 'id,text\n1,"first\nline\n\nand more"\n\n2,two\n3,"x"\n'
    path = write(tmp_path, "c.csv", content)
    result = cut(path, size=1)
    header = len("id,text\n")
    first = header + len('1,"first\nline\n\nand more"\n')
    second = first + len("\n2,two\n")
    expected = [
        Piece(header, first, 0, header),
        Piece(first, second, 1, header),
        Piece(second, len(content), 2, header),
    ]
    assert result == expected


def test_cut_csv_with_the_delimiter_of_its_header(tmp_path: Path) -> None:
    # Read at commas, the quote after "1;" is no quote and the row ends inside the field.
    content = '\ufeffid;text\n1;"Xi; Putin\nmeet"\n2;two\n'
    path = write(tmp_path, "s.csv", content)
    result = cut(path, size=1)
    header = len("\ufeffid;text\n".encode())
    first = header + len('1;"Xi; Putin\nmeet"\n')
    expected = [Piece(header, first, 0, header), Piece(first, len(content.encode()), 1, header)]
    assert result == expected
    assert cut(path, size=1, delimiter=";") == expected


@pytest.mark.parametrize(
    ("header", "default", "expected"),
    [
        ("id,title,text", ",", ","),
        ("id;title;text", ",", ";"),
        ("id\ttitle\ttext", ",", "\t"),
        ("id|title|text", "\t", "|"),
        ('"id";"title, short";"text"', ",", ";"),
        ("text", "\t", "\t"),
        ("id;title,text", ",", ","),  # a tie: the suffix's default
        ("id;title,text", "\t", "\t"),
        ("", ",", ","),
    ],
)
def test_sniff_delimiter(header: str, default: str, expected: str) -> None:
    result = sniff_delimiter(header, default=default)
    assert result == expected


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.csv", codecs.BOM_UTF8 + b"\r\n\nid;text\r\n1;x\r\n", ";"),
        ("a.tsv", b"id\ttext\n1\tx, y, z\n", "\t"),
        ("a.tsv", b"text\nx, y, z\n", "\t"),
        ("a.csv", "id;titre;texte\n1;café;x\n".encode("cp1252"), ";"),
    ],
)
def test_file_delimiter_reads_the_first_line_after_a_bom(
    tmp_path: Path, name: str, content: bytes, expected: str
) -> None:
    result = file_delimiter(write(tmp_path, name, content))
    assert result == expected


def test_cut_csv_keeps_the_rest_whole_from_the_first_invalid_row(tmp_path: Path) -> None:
    content = 'id,text\n1,one\n2,"two"x\n3,three\n4,four\n'
    path = write(tmp_path, "d.csv", content)
    result = cut(path, size=1)
    header = len("id,text\n")
    expected = [
        Piece(header, header + 6, 0, header),
        Piece(header + 6, len(content), 1, header),
    ]
    assert result == expected


def test_cut_parquet_by_rows_holding_size_bytes_decompressed(tmp_path: Path) -> None:
    path = tmp_path / "e.parquet"
    pl.DataFrame({"text": [f"article {n}" for n in range(10)]}).write_parquet(path)
    decoded = pq.ParquetFile(path).metadata.row_group(0).total_byte_size
    result = cut(path, size=decoded // 3)
    expected = [Piece(0, 3, 0), Piece(3, 6, 3), Piece(6, 10, 6)]
    assert result == expected


@pytest.mark.parametrize(
    ("name", "content"),
    [
        ("small.jsonl", '{"text": "a"}\n'),
        ("legacy.jsonl", '{"text": "Café"}\n{"text": "Thé"}\n'.encode("cp1252")),
        ("utf16.jsonl", '{"text": "a"}\n{"text": "b"}\n'.encode("utf-16")),
        ("blank.jsonl", "\n \n\t\n" * 5),
        ("array.json", json.dumps([{"text": "a"}, {"text": "b"}])),
        ("header.csv", "id,text\n\n\n"),
        ("badheader.tsv", 'id\t"text\n1\tone\n'),
        ("corrupt.parquet", b"PAR1 not really parquet PAR1"),
        ("notes.txt", "one\ntwo\nthree\n"),
    ],
)
def test_cut_leaves_whole_what_cannot_be_cut(
    tmp_path: Path, name: str, content: str | bytes
) -> None:
    path = write(tmp_path, name, content)
    result = cut(path, size=1)
    assert result == []


def test_cut_leaves_whole_an_export_over_the_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path, "big.jsonl", '{"text": "a"}\n' * 10)
    monkeypatch.setattr(config, "MAX_EXPORT_BYTES", 100)
    result = cut(path, size=1)
    assert result == []


def test_cut_refuses_a_size_that_is_not_positive(tmp_path: Path) -> None:
    path = write(tmp_path, "a.jsonl", '{"text": "a"}\n')
    with pytest.raises(ValueError, match="size=0"):
        cut(path, size=0)
