"""Bytes to text, or a reason why not: BOMs, UTF-16 without a BOM, legacy code pages, binary."""

from __future__ import annotations

import codecs
from dataclasses import dataclass

import charset_normalizer

# Western single-byte guesses are unreliable on short texts (charset-normalizer calls cp1252
# English "cp1250"); cp1252 decodes all of them as the web writes them.
_WESTERN = {"cp1250", "cp1252", "latin_1", "iso8859_15", "iso8859_2", "mac_roman", "cp850"}
_CENTRAL_EUROPEAN = {"Polish", "Czech", "Slovak", "Hungarian", "Slovene", "Croatian", "Romanian"}
_BOMS = [
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
]
_BINARY_MAGIC = (b"%PDF", b"PK\x03\x04", b"\x1f\x8b", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PAR1")


@dataclass(frozen=True)
class Decoded:
    """Text and the encoding it was read with, or the reject reason and a sentence why."""

    text: str | None
    encoding: str | None = None
    reason: str | None = None
    detail: str | None = None

    @property
    def warning(self) -> str | None:
        """A note for the article when the bytes were not plain UTF-8."""
        if self.encoding in (None, "utf-8"):
            return None
        return f"decoded as {self.encoding} (not plain UTF-8)"


def _utf16_without_bom(data: bytes) -> str | None:
    # ASCII-heavy UTF-16 has a NUL in every other byte; which half says the byte order.
    if len(data) < 4 or len(data) % 2:
        return None
    even, odd = data[0::2], data[1::2]
    for zeros, codec in ((odd, "utf-16-le"), (even, "utf-16-be")):
        if zeros.count(0) > 0.9 * len(zeros):
            try:
                return data.decode(codec)
            except UnicodeDecodeError:
                return None
    return None


def _looks_binary(text: str) -> bool:
    controls = sum(1 for ch in text if ord(ch) < 32 and ch not in "\t\n\r\f")
    return "\x00" in text or controls > max(2, len(text) // 100)


def decode_bytes(data: bytes) -> Decoded:
    """Decode article bytes, or say why they are not text.

    Examples
    --------
    >>> decode_bytes("café".encode("cp1252")).text
    'café'
    >>> decode_bytes(b"\\x00\\x01\\x02binary").reason
    'binary'
    >>> decode_bytes(b"   \\n ").reason
    'empty'
    """
    if not data.strip():
        return Decoded(None, reason="empty", detail="the file is empty or holds only whitespace")
    if data.startswith(_BINARY_MAGIC):
        return Decoded(None, reason="binary", detail=f"starts with {data[:4]!r}, a binary format")
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                return _checked(data.decode(codec), codec.replace("-sig", ""))
            except UnicodeDecodeError as error:
                return Decoded(None, reason="encoding", detail=f"has a {codec} BOM but {error}")
    try:
        return _checked(data.decode("utf-8"), "utf-8")
    except UnicodeDecodeError as utf8_error:
        utf16 = _utf16_without_bom(data)
        if utf16 is not None:
            return _checked(utf16, "utf-16")
        if b"\x00" in data:
            return Decoded(None, reason="binary", detail="contains NUL bytes, so it is not text")
        return _legacy(data, utf8_error)


def _checked(text: str, encoding: str) -> Decoded:
    if _looks_binary(text):
        return Decoded(None, reason="binary", detail="holds control characters, so it is not text")
    if not text.strip():
        return Decoded(None, reason="empty", detail="holds only whitespace")
    return Decoded(text, encoding)


def _legacy(data: bytes, utf8_error: UnicodeDecodeError) -> Decoded:
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return Decoded(
            None, reason="encoding", detail=f"not UTF-8 ({utf8_error}) nor a known code page"
        )
    encoding = best.encoding
    # UTF-16/32 without a BOM or NULs is a misguess on short input; treat it as Western too.
    misguess = encoding.startswith(("utf_16", "utf_32"))
    if misguess or (encoding in _WESTERN and best.language not in _CENTRAL_EUROPEAN):
        encoding = "cp1252"
    try:
        return _checked(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        return _checked(data.decode("latin_1"), "latin_1")
