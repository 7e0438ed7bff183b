"""Tests for framescope.report.show: the build's colours and names, tables as HTML."""

from __future__ import annotations

import re
from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import display, encoding, plots
from framescope import profile as profiles
from framescope.report import show


@pytest.fixture(scope="module")
def seed() -> profiles.Profile:
    return profiles.load()


def _cells(html: str) -> list[list[str]]:
    """The text of each body row's cells, tags stripped (entities kept)."""
    body = html.split("<tbody>", 1)[1].split("</tbody>", 1)[0]
    rows = re.findall(r"<tr>(.*?)</tr>", body)
    return [[re.sub(r"<[^>]+>", "", cell) for cell in re.findall(r"<td[^>]*>(.*?)</td>", row)]
            for row in rows]  # fmt: skip


def _headers(html: str) -> list[str]:
    return re.findall(r"<th\b[^>]*>(.*?)</th>", html)


def test_table_shows_values_as_written_without_quotes_or_dtypes() -> None:
    frame = pl.DataFrame(
        {
            "source": ['<img src=x onerror="alert(1)">'],
            "published": [date(2023, 3, 17)],
            "translated": [True],
            "warnings": [["late", "odd"]],
            "duplicate_of": [None],
        },
        schema_overrides={"duplicate_of": pl.String},
    )
    html = show.table(frame)._repr_html_()
    result = _cells(html)
    expected = [
        [
            "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;",
            "2023-03-17",
            "true",
            "late, odd",
            show.MISSING,
        ]
    ]
    assert result == expected
    assert "<img" not in html
    assert "str" not in _cells(html)[0]  # no dtype row
    assert _headers(html) == ["source", "published", "translated", "warnings", "duplicate of"]
    assert html.endswith("<small>1 row</small>")


def test_table_rounds_floats_alike_within_a_column() -> None:
    frame = pl.DataFrame(
        {
            "share": [0.5, 0.125, 1 / 3],
            "usd_bn": [190.27115, 240.1, 107.0],
            "whole": [2.0, 3.0, None],
            "year": [2022, 2023, 12345],
        }
    )
    result = _cells(show.table(frame, digits={"usd_bn": 2})._repr_html_())
    expected = [
        ["0.500", "190.27", "2", "2022"],
        ["0.125", "240.10", "3", "2023"],
        ["0.333", "107.00", show.MISSING, "12,345"],
    ]
    assert result == expected


def test_table_cuts_long_text_and_counts_rows_it_does_not_draw() -> None:
    frame = pl.DataFrame({"text": ["x" * 50, "short", "third"]})
    html = show.table(frame, rows=2, chars=10)._repr_html_()
    assert _cells(html) == [["x" * 9 + "…"], ["short"]]
    assert html.endswith("<small>the first 2 of 3 rows</small>")
    with pytest.raises(ValueError, match="rows=0"):
        show.table(frame, rows=0)


def test_empty_table_says_so() -> None:
    html = show.table(pl.DataFrame(schema={"path": pl.String, "reason": pl.String}))._repr_html_()
    assert _cells(html) == [["no rows"]]
    assert _headers(html) == ["path", "reason"]
    assert html.endswith("<small>0 rows</small>")


def test_named_replaces_ids_of_named_columns_only(seed: profiles.Profile) -> None:
    names = display.for_profile(seed)
    frame = pl.DataFrame(
        {
            "actor": ["xi_jinping", "li_unlisted"],
            "term": ["special_military_operation", "war"],
            "method": ["vader", "multilex"],
            "reason": ["too_large", "empty"],
        }
    )
    result = show.named(frame, names)
    expected = pl.DataFrame(
        {
            "actor": ["Xi Jinping", "li unlisted"],
            "term": ["special military operation", "war"],
            "method": ["VADER", "multilex"],
            "reason": ["too_large", "empty"],
        }
    )
    assert_frame_equal(result, expected)


def test_named_names_speakers_their_kinds_and_omitted_items(seed: profiles.Profile) -> None:
    names = display.for_profile(seed)
    quotes = pl.DataFrame(
        {
            "speaker": ["wang_wenbin", "the report"],
            "speaker_kind": ["government", "independent_media"],
        }
    )
    result = show.named(quotes, names)
    expected = pl.DataFrame(
        {
            "speaker": ["Wang Wenbin", "the report"],
            "speaker_kind": ["government", "independent media"],
        }
    )
    assert_frame_equal(result, expected)
    omitted = pl.DataFrame(
        {
            "kind": ["actor", "voice", "figure", "frame"],
            "item": ["vladimir_putin", "li_unlisted", "bilateral_trade", "economic_ties"],
        }
    )
    result = show.named(omitted, names)["item"].to_list()
    expected = [
        "Vladimir Putin",
        "li unlisted",
        names.name("metric", "bilateral_trade"),
        "economic ties and trade",
    ]
    assert result == expected
    assert "_" not in expected[2]
    ledger = pl.DataFrame({"divergences": [["period_differs", "value_differs"], []]})
    result = show.named(ledger, names)["divergences"].to_list()
    assert result == [["period differs", "value differs"], []]


def test_table_with_names_names_values_and_pivoted_headers(seed: profiles.Profile) -> None:
    names = display.for_profile(seed)
    frame = pl.DataFrame(
        {"source": ["X"], "voice": ["western_official"], "xi_jinping": [3], "n_source": [4]}
    )
    html = show.table(frame, names=names)._repr_html_()
    assert _headers(html) == ["source", "voice", "Xi Jinping", "n source"]
    assert _cells(html) == [["X", "Western officials", "3", "4"]]
    assert not re.search(r"\b[a-z]+_[a-z_]+\b", html.split("<tbody>")[1])


def test_look_colours_outlets_by_rank_and_categories_by_profile(seed: profiles.Profile) -> None:
    articles = pl.DataFrame({"source": ["Small", "Big", "Big", "Mid", "Mid", "Big"]})
    shown = show.look(articles, seed)
    palette = encoding.OUTLET_PALETTE
    assert shown.outlets == {"Big": palette[0], "Mid": palette[1], "Small": palette[2]}
    terms = shown.colours("term")
    assert terms["special_military_operation"] == terms["special military operation"]
    assert terms == {
        **terms,
        **encoding.category_colours(encoding.category_order(seed)["term"]),
    }
    assert set(shown.colours("hedge")) == set(seed.hedges)
    with pytest.raises(ValueError, match="'tone'"):
        shown.colours("tone")


def test_a_label_keeps_its_colour_in_every_chart(seed: profiles.Profile) -> None:
    # Regression: notebook 02 drew "president" orange for Xi and red for Putin, because a
    # chart without colours hands them out by the labels it shows.
    shown = show.look(pl.DataFrame({"source": ["X", "Y"]}), seed)
    xi = pl.DataFrame(
        {"source": ["X", "X"], "label": ["dictator", "president"], "share": [0.5, 0.5], "n": [1, 1]}
    )
    putin = pl.DataFrame({"source": ["Y"], "label": ["president"], "share": [1.0], "n": [2]})

    def president(table: pl.DataFrame) -> str:
        figure = plots.stacked_shares(
            table, category="label", title="t", colours=shown.colours("label")
        )
        return next(trace.marker.color for trace in figure.data if trace.name == "president")

    assert president(xi) == president(putin)


def test_look_names_frames_for_charts(seed: profiles.Profile) -> None:
    shown = show.look(pl.DataFrame({"source": ["X"]}), seed)
    shares = pl.DataFrame({"source": ["X"], "voice": ["russian_official"], "n": [2]})
    figure = plots.stacked_shares(
        shown.named(shares).with_columns(share=pl.lit(1.0)),
        category="voice",
        title="t",
        colours=shown.colours("voice"),
    )
    result = [(trace.name, trace.marker.color) for trace in figure.data]
    expected = [("Russian officials", shown.colours("voice")["russian_official"])]
    assert result == expected
