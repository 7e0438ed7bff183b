import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import mentions, profile, store

PROFILE = profile.load()


def _mentions(*texts: str) -> pl.DataFrame:
    sentences = pl.DataFrame(
        {
            "article_id": ["a"] * len(texts),
            "sentence_idx": list(range(len(texts))),
            "start": [0] * len(texts),
            "text": list(texts),
        },
        schema={
            "article_id": pl.String,
            "sentence_idx": pl.Int32,
            "start": pl.Int64,
            "text": pl.String,
        },
    )
    return mentions.extract(sentences, PROFILE)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("President Xi Jinping arrived.", [("xi_jinping", "President Xi Jinping")]),
        ("Chinese President Xi Jinping arrived.", [("xi_jinping", "President Xi Jinping")]),
        ("Xinhua reported it.", [("xinhua", "Xinhua")]),  # no Xi inside Xinhua
        ("XI is a numeral; Xi is a name.", [("xi_jinping", "Xi")]),
        ("Putin's plan and Putin’s plan.", [("vladimir_putin", "Putin")] * 2),
        (
            "Mr Putin and Mr. Putin.",
            [("vladimir_putin", "Mr Putin"), ("vladimir_putin", "Mr. Putin")],
        ),
        (
            "Olena Zelenska met Zelensky.",
            [("olena_zelenska", "Olena Zelenska"), ("volodymyr_zelensky", "Zelensky")],
        ),
        ("said Zelenska.", [("olena_zelenska", "Zelenska")]),
        (
            "Zelenskyy and Zelenskiy",
            [("volodymyr_zelensky", "Zelenskyy"), ("volodymyr_zelensky", "Zelenskiy")],
        ),
        ("Xi’an is a city.", []),
        (
            "the South China Morning Post said",
            [("south_china_morning_post", "South China Morning Post")],
        ),
        ("in the South China Sea", []),
        ("the US and us", [("united_states", "US")]),
        ("the U.S. Army", [("united_states", "U.S.")]),
        ("It cost US$3 billion.", []),
        (
            "Russian Foreign Ministry and the Russian ministry",
            [
                ("russian_foreign_ministry", "Russian Foreign Ministry"),
                ("russian_foreign_ministry", "Russian ministry"),
            ],
        ),
        ("Russian troops and Chinese firms", []),
        ("Путин и Си Цзиньпин", [("vladimir_putin", "Путин"), ("xi_jinping", "Си Цзиньпин")]),
        ("习近平和普京会谈", [("xi_jinping", "习近平"), ("vladimir_putin", "普京")]),
        ("Wang said so.", []),
        ("Wang Yi and Wang Wenbin", [("wang_yi", "Wang Yi"), ("wang_wenbin", "Wang Wenbin")]),
    ],
)
def test_alias_rules(text, expected):
    result = _mentions(text).select("actor", "alias").rows()
    assert result == expected


def test_offsets_point_into_the_article():
    sentences = pl.DataFrame(
        {"article_id": ["a"], "sentence_idx": [3], "start": [100], "text": ["Then Xi met Putin."]}
    )
    result = mentions.extract(sentences, PROFILE)
    expected = pl.DataFrame(
        {
            "article_id": ["a", "a"],
            "sentence_idx": [3, 3],
            "actor": ["xi_jinping", "vladimir_putin"],
            "alias": ["Xi", "Putin"],
            "start": [105, 112],
            "end": [107, 117],
        },
        schema=mentions.MENTION_SCHEMA,
    )
    assert_frame_equal(result, expected)


def test_no_sentences_and_no_aliases():
    empty = _mentions()
    assert empty.schema == pl.Schema(mentions.MENTION_SCHEMA)
    assert empty.is_empty()


# Counted by hand, reading each article: every "Xi", "Putin" and "Zelensky" form, including
# possessives and titles; "Olena Zelenska" and "said Zelenska" are not Volodymyr Zelensky.
HAND_COUNTS = {
    "000": {"xi_jinping": 11, "vladimir_putin": 8, "volodymyr_zelensky": 3},
    "001": {"xi_jinping": 8, "vladimir_putin": 7, "volodymyr_zelensky": 0},
    "002": {"xi_jinping": 12, "vladimir_putin": 9, "volodymyr_zelensky": 0},
    "003": {"xi_jinping": 6, "vladimir_putin": 5, "volodymyr_zelensky": 1},
    "004": {"xi_jinping": 9, "vladimir_putin": 5, "volodymyr_zelensky": 2},
}


def test_seed_counts_match_the_hand_count(seed_build):
    found = store.read("mentions", seed_build)
    files = store.read("articles", seed_build).select(
        "article_id", pl.col("path").str.split("/").list.last().str.slice(0, 3).alias("file")
    )
    counts = found.join(files, on="article_id").group_by("file", "actor").len()
    result = {
        file: {
            actor: counts.filter((pl.col("file") == file) & (pl.col("actor") == actor))["len"].sum()
            for actor in actors
        }
        for file, actors in HAND_COUNTS.items()
    }
    assert result == HAND_COUNTS
    zelensky = found.filter(pl.col("actor") == "volodymyr_zelensky")
    assert not zelensky["alias"].str.contains("Zelenska").any()


def test_seed_mentions_spell_their_alias(seed_build):
    texts = dict(store.read("articles", seed_build).select("article_id", "text").iter_rows())
    found = store.read("mentions", seed_build)
    for article_id, alias, start, end in found.select("article_id", "alias", "start", "end").rows():
        assert texts[article_id][start:end] == alias
