import codecs

import pytest
from hypothesis import given
from hypothesis import strategies as st

from framescope.ingest.decode import decode_bytes
from framescope.ingest.records import REJECT_REASONS

TEXT = "The minister said “we are ready” — naïve résumé, café."


@pytest.mark.parametrize(
    ("data", "encoding"),
    [
        (TEXT.encode("utf-8"), "utf-8"),
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), "utf-8"),
        (TEXT.encode("utf-16"), "utf-16"),
        (TEXT.encode("utf-16-le"), "utf-16"),
        (TEXT.encode("utf-16-be"), "utf-16"),
        (TEXT.encode("utf-32"), "utf-32"),
        (TEXT.encode("cp1252"), "cp1252"),
    ],
)
def test_decodes_text(data, encoding):
    result = decode_bytes(data)
    assert (result.text, result.encoding) == (TEXT, encoding)


def test_latin1_decodes():
    text = "Le président a dit: café à Moscou."
    assert decode_bytes(text.encode("latin-1")).text == text


@pytest.mark.parametrize(
    ("text", "encoding"),
    [
        ("Café déjà vu — señor", "cp1252"),
        # Read as cp1257 before ("déją vu — seńor").
        (
            "The new café near the Kremlin is called “Café déjà vu — señor”, its owner said on "
            "Tuesday. Guests ordered crème brûlée.",
            "cp1252",
        ),
        (
            "Der chinesische Präsident Xi Jinping ist zu einem dreitägigen Besuch in Moskau "
            "eingetroffen. Er trifft Putin für Gespräche über die Ukraine.",
            "cp1252",
        ),
        (
            "El presidente chino llegó a Moscú el lunes. ¿Qué significa la visita para España? "
            "«Es una señal», dijo un diplomático.",
            "cp1252",
        ),
        (
            "Prezydent Chin Xi Jinping przyjechał do Moskwy na trzydniową wizytę. Spotkał się z "
            "Władimirem Putinem, który powiedział, że rozmowy były owocne.",
            "cp1250",
        ),
        # Read as latin-1 before ("Èínský", "pøiletìl").
        (
            "Čínský prezident Si Ťin-pching přiletěl do Moskvy na třídenní státní návštěvu. "
            "Setkal se s Vladimirem Putinem.",
            "cp1250",
        ),
        (
            "Hszi Csin-ping kínai elnök háromnapos állami látogatásra érkezett Moszkvába, ahol "
            "Putyinnal tárgyal a békéről.",
            "cp1250",
        ),
        # Read as cp1252 before ("atvyko á Maskvà").
        (
            "Kinijos prezidentas Xi Jinpingas atvyko į Maskvą trijų dienų vizito. Jis susitiko "
            "su Vladimiru Putinu ir aptarė karą Ukrainoje.",
            "cp1257",
        ),
        # Read as cp1258 before ("Íînas prezidents").
        (
            "Ķīnas prezidents Si Dzjiņpins ieradās Maskavā trīs dienu vizītē. Viņš tikās ar "
            "Vladimiru Putinu un apsprieda karu.",
            "cp1257",
        ),
        (
            "Си Цзиньпин прибыл в Москву с трёхдневным государственным визитом.",
            "cp1251",
        ),
    ],
)
def test_latin_code_pages_are_told_apart(text, encoding):
    result = decode_bytes(text.encode(encoding))
    assert (result.text, result.encoding) == (text, encoding)


def test_cyrillic_code_page_decodes():
    text = "Министр иностранных дел России заявил, что визит Си Цзиньпина состоится весной."
    result = decode_bytes(text.encode("cp1251"))
    assert (result.text, result.encoding) == (text, "cp1251")
    assert result.warning == "decoded as cp1251 (not plain UTF-8)"


@pytest.mark.parametrize(
    ("data", "reason"),
    [
        (b"", "empty"),
        (b" \n\t ", "empty"),
        (bytes(range(256)), "binary"),
        (b"%PDF-1.7 ...", "binary"),
        (b"PK\x03\x04zipdata", "binary"),
        (b"text with a \x00 NUL inside and more", "binary"),
    ],
)
def test_rejects(data, reason):
    result = decode_bytes(data)
    assert (result.text, result.reason) == (None, reason)
    assert result.detail


def test_utf8_has_no_warning():
    assert decode_bytes(b"plain").warning is None


@given(st.binary(max_size=2000))
def test_any_bytes_give_text_or_a_known_reason(data):
    result = decode_bytes(data)
    assert (result.text is None) == (result.reason is not None)
    if result.text is None:
        assert result.reason in REJECT_REASONS
        assert result.detail
