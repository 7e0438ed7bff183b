"""framescope.plots.time."""

from datetime import date

import polars as pl
import pytest

from framescope import plots


def test_mentions_over_time_labels_raw_and_normalised():
    series = pl.DataFrame(
        {
            "period": [date(2023, 3, 13), date(2023, 3, 20)],
            "source": ["A", "A"],
            "actor": ["xi_jinping", "xi_jinping"],
            "mentions": [2, 3],
            "articles": [1, 2],
            "words": [100, 300],
            "mentions_per_1k_words": [20.0, 10.0],
        }
    )
    raw = plots.mentions_over_time(series)
    normalised = plots.mentions_over_time(series, value="mentions_per_1k_words")
    assert raw.layout.yaxis.title.text == "mentions (raw count)"
    assert "normalised" in normalised.layout.yaxis.title.text
    assert list(normalised.data[0].y) == [20.0, 10.0]
    assert raw.data[0].name == "xi_jinping · A"
    with pytest.raises(ValueError, match="value 'bogus' is not one of"):
        plots.mentions_over_time(series, value="bogus")
