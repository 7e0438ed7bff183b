"""Bytes to text, or a reason why not: BOMs, UTF-16 without a BOM, legacy code pages, binary."""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

# charset-normalizer tells scripts apart well (Cyrillic, Greek, ...) but not the Latin code
# pages from each other: on short or mixed texts it read cp1252 French and Spanish as cp1257
# ("déją", "seńor"), Lithuanian as cp1252 and Czech as latin-1. When it names a Latin page,
# the page is chosen here instead (_LATIN_PAGES, by _plausibility).
_LATIN_GUESSES = {
    "cp1250", "cp1252", "cp1254", "cp1257", "cp1258", "latin_1", "iso8859_2", "iso8859_3",
    "iso8859_4", "iso8859_9", "iso8859_10", "iso8859_13", "iso8859_14", "iso8859_15",
    "iso8859_16", "mac_roman", "mac_latin2", "mac_iceland", "mac_turkish", "cp437", "cp775",
    "cp850", "cp852", "cp857", "cp858", "cp860", "cp861", "cp863", "cp865",
}  # fmt: skip
# The Windows pages the web wrote Latin text in, Western first (it wins a tie: most text in a
# Latin page is Western), and latin-1, which decodes any bytes, last.
_LATIN_PAGES = ("cp1252", "cp1250", "cp1257", "cp1254", "iso8859_2", "latin_1")
# The letters beyond ASCII of languages written in those pages (lowercase).
_ALPHABETS = (
    "àâæçéèêëîïôœùûüÿ",  # French
    "áéíñóúü",  # Spanish
    "áâãàçéêíóôõú",  # Portuguese
    "àèéìíîòóùú",  # Italian
    "àçèéíïòóúü",  # Catalan
    "äöüß",  # German
    "áéëíïóöúü",  # Dutch
    "åäæéöø",  # Danish, Norwegian, Swedish
    "áðéíóöúýþæ",  # Icelandic
    "äåöšžõü",  # Finnish, Estonian
    "ąćęłńóśźż",  # Polish
    "áčďéěíňóřšťúůýž",  # Czech
    "áäčďéíĺľňóôŕšťúýž",  # Slovak
    "áéíóöőúüű",  # Hungarian
    "ăâîșțşţ",  # Romanian
    "čćđšž",  # Croatian, Bosnian, Serbian (Latin), Slovene
    "ąčęėįšųūž",  # Lithuanian
    "āčēģīķļņšūž",  # Latvian
    "âçğıîöşûü",  # Turkish
    "çë",  # Albanian
)
# Non-letters that stand next to letters in real text; any other (¹ ³ ¿ º µ ...) against a
# letter is a letter of another code page ("przyjecha³" is "przyjechał" read as cp1252).
_BESIDE_LETTERS = set("“”‘’„‚«»‹›–—…·•\u00a0\u00ad€£$%°×™®©")
_OPENING = set("¿¡")  # Spanish: before a word, never inside one
_NON_ASCII_WORD = re.compile(rb"[^\s\x80-\xff]{0,20}[\x80-\xff]\S{0,40}")
_SAMPLE_WORDS = 5_000
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


def _plausibility(text: str) -> int:
    """How much ``text`` reads like one Latin-script language: its letters beyond ASCII that
    one alphabet of :data:`_ALPHABETS` holds, less the others and the misplaced symbols.

    Examples
    --------
    >>> _plausibility("Café déjà vu"), _plausibility("Café déją vu"), _plausibility("przyjecha³")
    (3, 1, -1)
    """
    letters = [ch.lower() for ch in text if ord(ch) > 127 and ch.isalpha()]
    known = max((sum(ch in alphabet for ch in letters) for alphabet in _ALPHABETS), default=0)
    misplaced = 0
    for at, ch in enumerate(text):
        if ord(ch) < 128 or ch.isalpha():
            continue
        before = text[at - 1].isalpha() if at else False
        after = text[at + 1].isalpha() if at + 1 < len(text) else False
        control = 0x80 <= ord(ch) <= 0x9F
        opening_ok = ch in _OPENING and not before
        if control or (ch not in _BESIDE_LETTERS and not opening_ok and (before or after)):
            misplaced += 1
    return known - (len(letters) - known) - misplaced


def _latin_page(data: bytes) -> str:
    """The Latin code page of :data:`_LATIN_PAGES` whose reading of ``data`` is the most
    plausible (:func:`_plausibility`), the first of them on a tie.

    Examples
    --------
    >>> _latin_page("Prezydent przyjechał do Moskwy.".encode("cp1250"))
    'cp1250'
    """
    # The pages differ only beyond ASCII: the words holding such bytes decide, and a sample
    # of them keeps the Python scoring cheap on a 20 MB file.
    sample = b" ".join(_NON_ASCII_WORD.findall(data, 0, len(data))[:_SAMPLE_WORDS])
    best, best_score = "latin_1", None
    for page in _LATIN_PAGES:
        try:
            data.decode(page)  # a page with no character for some byte is out
            score = _plausibility(sample.decode(page))
        except UnicodeDecodeError:
            continue
        if best_score is None or score > best_score:
            best, best_score = page, score
    return best


def _legacy(data: bytes, utf8_error: UnicodeDecodeError) -> Decoded:
    best = charset_normalizer.from_bytes(data).best()
    if best is None:
        return Decoded(
            None, reason="encoding", detail=f"not UTF-8 ({utf8_error}) nor a known code page"
        )
    encoding = best.encoding
    # UTF-16/32 without a BOM or NULs is a misguess on short input: Latin text too.
    if encoding in _LATIN_GUESSES or encoding.startswith(("utf_16", "utf_32")):
        encoding = _latin_page(data)
    try:
        return _checked(data.decode(encoding), encoding)
    except UnicodeDecodeError:
        return _checked(data.decode("latin_1"), "latin_1")
