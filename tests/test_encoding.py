"""framescope.encoding: colours that do not move when filters change."""

import polars as pl

from framescope import encoding, plots
from framescope import profile as profiles


def test_an_outlet_keeps_its_colour_when_others_are_filtered_out():
    articles = pl.DataFrame({"source": ["Breitbart", "NBC", "NBC", "UK Outlet", "Zeit"]})
    colours = encoding.assign(encoding.ranked_outlets(articles), encoding.OUTLET_PALETTE)
    every = pl.DataFrame(
        {"period": ["w1"] * 4, "source": ["Breitbart", "NBC", "UK Outlet", "Zeit"]}
    )
    fewer = every.filter(pl.col("source") != "Breitbart")
    result = {
        trace.name: trace.marker.color for trace in plots.coverage(fewer, colours=colours).data
    }
    expected = {
        trace.name: trace.marker.color
        for trace in plots.coverage(every, colours=colours).data
        if trace.name != "Breitbart"
    }
    assert result == expected
    assert colours["NBC"] == encoding.OUTLET_PALETTE[0]  # the most articles: the first colour


def test_categories_follow_the_profile_and_not_the_outlets_palette():
    order = encoding.category_order(profiles.load())
    colours = encoding.category_colours(order["label"], ["president", "not in the profile"])
    result = (colours["dictator"], colours["president"])
    expected = encoding.CATEGORY_PALETTE[:2]
    assert result == expected
    assert colours["not in the profile"] in encoding.CATEGORY_PALETTE
    assert not set(encoding.CATEGORY_PALETTE) & set(encoding.OUTLET_PALETTE)


def test_a_value_the_map_lacks_gets_the_same_colour_every_time():
    result = {encoding.colour({}, "Some Outlet") for _ in range(3)}
    assert len(result) == 1
