import polars as pl
from polars.testing import assert_series_equal

from framescope.ingest.language import detect


def test_detect_languages():
    texts = pl.Series(
        "text",
        [
            "Chinese President Xi Jinping will visit Russia early next week for talks.",
            "A presidência russa confirmou esta sexta-feira a visita do presidente chinês.",
            "Президент России Владимир Путин пригласил председателя КНР посетить Москву.",
            "",
            None,
        ],
    )
    result = detect(texts)
    expected = pl.Series("text", ["en", "pt", "ru", None, None])
    assert_series_equal(result, expected)
