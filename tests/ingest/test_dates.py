from datetime import date

import polars as pl
import pytest
from polars.testing import assert_series_equal

from framescope.ingest.dates import date_from_url, find_date, parse_date, parse_dates


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("- International - February 1, 2023", date(2023, 2, 1)),
        ("on Jan. 31, 2023 in Moscow", date(2023, 1, 31)),
        ("17 March 2023", date(2023, 3, 17)),
        ("March 17th, 2023", date(2023, 3, 17)),
        ("2023-03-17", date(2023, 3, 17)),
        ("Sept. 9, 2022", date(2022, 9, 9)),
        ("February 30, 2023", None),
        ("this Friday", None),
        ("in 2023", None),
    ],
)
def test_find_date(text, expected):
    found = find_date(text)
    result = found[0] if found else None
    assert result == expected


def test_find_date_takes_the_first():
    result = find_date("March 1, 2022 and then 2023-03-17")[0]
    assert result == date(2022, 3, 1)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2023-03-17T10:00:00Z", date(2023, 3, 17)),
        ("20230317103000", date(2023, 3, 17)),
        ("20230317T101500Z", date(2023, 3, 17)),
        ("Fri, 17 Mar 2023 10:00:00 GMT", date(2023, 3, 17)),
        ("20231399", None),
        ("", None),
        (None, None),
    ],
)
def test_parse_date(text, expected):
    assert parse_date(text) == expected


def test_parse_dates_mixed_column():
    frame = pl.DataFrame({"d": ["2023-03-17 10:00:00", "20230318", "March 19, 2023", "x", None]})
    result = frame.select(parse_dates(pl.col("d"))).to_series()
    expected = pl.Series("d", [date(2023, 3, 17), date(2023, 3, 18), date(2023, 3, 19), None, None])
    assert_series_equal(result, expected)


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://x.com/world/2023/03/17/xi-visit", date(2023, 3, 17)),
        ("https://x.com/news/20230317-xi", date(2023, 3, 17)),
        ("https://x.com/news/xi", None),
        (None, None),
    ],
)
def test_date_from_url(url, expected):
    assert date_from_url(url) == expected
