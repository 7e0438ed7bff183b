from __future__ import annotations

from pathlib import Path

import polars as pl
import pytest
import wordsegment
from hypothesis import given, settings
from hypothesis import strategies as st
from polars.testing import assert_frame_equal, assert_series_equal

from framescope.ingest import glue

SEEDS = Path(__file__).parents[2] / "data" / "raw" / "xi_moscow_2023"
NAMES = ["Xi Jinping", "Vladimir Putin", "Volodymyr Zelensky", "Wang Wenbin", "Qin Gang"]

GLUED = {
    "PresidentXi": "President Xi",
    "Jinpingwill": "Jinping will",
    "visitRussiaearly": "visit Russia early",
    "withPresident": "with President",
    "Putina": "Putin a",
    "closertensions": "closer tensions",
    "Statesand": "States and",
    "thewar": "the war",
    "ukraineis": "ukraine is",
    "sinceinvasionand": "since invasion and",
    "ofimportant": "of important",
    "presidentVolodymyr": "president Volodymyr",
    "Zelenskywith": "Zelensky with",
    "Armyposted": "Army posted",
    "videoit": "video it",
    "demandsChinese": "demands Chinese",
    "sharesin": "shares in",
    "thedeal": "the deal",
    "Arabiato": "Arabia to",
    "whichdeclared": "which declared",
    "limitswith": "limits with",
    "considersending": "consider sending",
    "usein": "use in",
    "Gangsaid": "Gang said",
    "Twitterthat": "Twitter that",
    "Putinalready": "Putin already",
    "Uzbekistanlast": "Uzbekistan last",
    "onFacebookandTwitter.": "on Facebook and Twitter.",
    "FinancialTimes.": "Financial Times.",
    "proposalBeijing’s": "proposal Beijing’s",
    "counterpart,China’s": "counterpart, China’s",
    "Thursday,said": "Thursday, said",
}

KEPT = [
    # words and names in the dictionary
    "Medvedev", "Bremmer", "Xinhua", "TASS", "Dmytro", "Breitbart", "belligerence",
    "videoconference", "geostrategic", "oligopolistic", "semiconductors", "Uzbekistan",
    # brands
    "TikToks", "McDonald's", "iPhone", "iPhones", "YouTube", "BlackRock", "PhD", "WhatsApp",
    "LinkedIn", "JPMorgan", "OpenAI",
    # unknown names the segmenter would cut into words or syllables
    "Guanzhong", "Jiangtao", "Kuleba", "Zelenska", "Zelenskyy", "Tencent", "Navalny", "Sunak",
    "Rosatom", "Covid", "Donbas", "Landsbergis", "Milei", "Xiaomi", "Peskov",
    # derived words the tables lack, short tokens, capitals, numbers with commas
    "antiwestern", "Partygate", "wokeness", "Putins", "Xis", "HONGKONG", "190,27", "1,000",
    "$3.3", "A12",
]  # fmt: skip


@pytest.fixture(scope="module")
def repairer() -> glue.Repairer:
    return glue.Repairer.from_names(NAMES)


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@pytest.mark.parametrize(("token", "expected"), GLUED.items())
def test_repair_token_glued(repairer: glue.Repairer, token: str, expected: str) -> None:
    result = repairer.repair_token(token)
    assert result == expected


@pytest.mark.parametrize("token", KEPT)
@pytest.mark.parametrize("names", [NAMES, []], ids=["names", "no-names"])
def test_repair_keeps_normal_tokens(token: str, names: list[str]) -> None:
    result = glue.repair(token, names=names)
    assert result == token


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # pinyin given names stay whole, also when glued to the next word
        ("Jinping", "Jinping"),
        ("Jinpingwill", "Jinping will"),
        ("Wenbin", "Wenbin"),
        ("PresidentXi", "President Xi"),
        ("withBremmer", "with Bremmer"),
    ],
)
def test_repair_without_names(text: str, expected: str) -> None:
    result = glue.repair(text)
    assert result == expected


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("(proposalBeijing’s)", "(proposal Beijing’s)"),
        ("“thewar,”", "“the war,”"),
        ("sharesin.", "shares in."),
        ("[Armyposted]:", "[Army posted]:"),
        ("THEWAR thewar Thewar", "THEWAR the war The war"),
    ],
)
def test_repair_keeps_case_and_punctuation(text: str, expected: str) -> None:
    result = glue.repair(text, names=NAMES)
    assert result == expected


@pytest.mark.parametrize(
    "text",
    [
        "thewar2023",
        "thewar-era",
        "@thewarzone",
        "#thewar",
        "https://t.co/thewarvideo",
        "www.thewar.com",
        "and/thewar",
        "éthewar",
        "example.com/a,b",
        "1,thewar",
    ],
)
def test_repair_leaves_links_digits_and_hyphens(text: str) -> None:
    result = glue.repair(text)
    assert result == text


def test_repair_keeps_whitespace() -> None:
    text = "  thewar\n\nthedeal\tvideoit \u00a0ofimportant "
    result = glue.repair(text)
    expected = "  the war\n\nthe deal\tvideo it \u00a0of important "
    assert result == expected


def test_repair_nbc_seed() -> None:
    first, *_ = glue.repair(seed("004"), names=NAMES).split("\n")
    result = first.removeprefix(" date 2023-03-18 ")
    expected = (
        "HONG KONG Chinese President Xi Jinping will visit Russia early next week for interviews"
        " with President Vladimir Putin a trip that will highlight the countries closer and"
        " closer tensions escalate with the United States and the war in ukraine is entering a"
        " second year."
    )
    assert result == expected


def test_glued_tokens_nbc_seed() -> None:
    result = glue.glued_tokens(pl.Series([seed("004")]), names=NAMES)
    expected = {**GLUED}
    for token in ("onFacebookandTwitter.", "FinancialTimes."):
        del expected[token]
    assert dict(zip(result["token"], result["repaired"], strict=True)) == expected


@pytest.mark.parametrize(
    ("prefix", "expected"),
    [
        ("000", {"onFacebookandTwitter.": "on Facebook and Twitter."}),
        ("001", {"FinancialTimes.": "Financial Times."}),
        ("002", {}),
        ("003", {}),
    ],
)
def test_repair_other_seeds_changes_only_glued_tokens(
    prefix: str, expected: dict[str, str]
) -> None:
    text = seed(prefix)
    changes = glue.glued_tokens(pl.Series([text]), names=NAMES)
    assert dict(zip(changes["token"], changes["repaired"], strict=True)) == expected
    result = glue.repair(text, names=NAMES)
    for token, repaired in expected.items():
        text = text.replace(token, repaired)
    assert result == text


def test_repair_texts() -> None:
    texts = pl.Series(
        "text", ["thewar #thewar thewar-era thewar", None, "", "nothing to do", "Putinalready,"]
    )
    result = glue.repair_texts(texts, names=NAMES)
    expected = pl.Series(
        "text", ["the war #thewar thewar-era the war", None, "", "nothing to do", "Putin already,"]
    )
    assert_series_equal(result, expected)


def test_repair_texts_without_changes() -> None:
    texts = pl.Series(["a normal sentence", None])
    result = glue.repair_texts(texts)
    assert_series_equal(result, texts)


def test_repair_texts_matches_repair_on_seeds() -> None:
    texts = [path.read_text(encoding="utf-8") for path in sorted(SEEDS.glob("*.txt"))]
    result = glue.repair_texts(pl.Series(texts), names=NAMES).to_list()
    expected = [glue.repair(text, names=NAMES) for text in texts]
    assert result == expected


def test_glued_tokens() -> None:
    texts = pl.Series(["Follow onFacebookandTwitter.", "thewar, thewar thewar", None])
    result = glue.glued_tokens(texts)
    expected = pl.DataFrame(
        {
            "token": ["thewar", "onFacebookandTwitter.", "thewar,"],
            "repaired": ["the war", "on Facebook and Twitter.", "the war,"],
            "count": [2, 1, 1],
        },
        schema={"token": pl.String, "repaired": pl.String, "count": pl.UInt32},
    )
    assert_frame_equal(result, expected)


def test_glued_tokens_empty() -> None:
    result = glue.glued_tokens(pl.Series([], dtype=pl.String))
    assert result.columns == ["token", "repaired", "count"]
    assert result.is_empty()


def test_segmenter_loads_once_and_leaves_wordsegment_alone() -> None:
    glue.repair("thewar", names=["Xi Jinping"])
    glue.repair("thewar", names=["Qin Gang"])
    result = glue._base_segmenter.cache_info().misses
    assert result == 1
    assert "jinping" not in wordsegment.UNIGRAMS


def test_name_words() -> None:
    result = glue.name_words(["Xi Jinping", "Mr. Xi", "O'Brien", "Путин", "U.S."])
    assert result == frozenset({"xi", "jinping", "mr", "brien"})


def test_name_words_rejects_a_string() -> None:
    with pytest.raises(TypeError, match="not the string 'Xi Jinping'"):
        glue.repair("thewar", names="Xi Jinping")


def test_repair_texts_rejects_non_strings() -> None:
    with pytest.raises(TypeError, match="got Int64"):
        glue.repair_texts(pl.Series([1, 2]))


# Property tests draw from the unigram table (the dictionary) and from glued pairs of it.
_WORDS = sorted(w for w in glue._base_segmenter().unigrams if w.isalpha())
_CASED = st.sampled_from(_WORDS).flatmap(
    lambda word: st.sampled_from([word, word.title(), word.upper()])
)
_GLUED = st.lists(_CASED, min_size=2, max_size=3).map("".join)
_NAMED = st.sampled_from(["Putin", "Zelensky", "Jinping", "Guanzhong", "Wenbin", "TikToks"])
_TOKEN = st.one_of(_CASED, _GLUED, _NAMED, st.sampled_from(["1,000", "A12", "#tag", "x@y.z"]))
_DECORATED = st.tuples(
    st.sampled_from(["", "(", "“", "'"]),
    _TOKEN,
    st.sampled_from(["", "’s", "'s"]),
    st.sampled_from(["", ".", ",", ")", "”", ":"]),
).map("".join)
_COMMA_GLUED = st.lists(_DECORATED, min_size=2, max_size=3).map(",".join)
_TEXT = st.lists(
    st.tuples(st.one_of(_DECORATED, _COMMA_GLUED), st.sampled_from([" ", "\n", "  ", "\t"])),
    max_size=8,
).map(lambda parts: "".join(token + space for token, space in parts))


@settings(max_examples=150, deadline=None)
@given(st.lists(_CASED, max_size=12).map(" ".join))
def test_repair_never_changes_dictionary_words(text: str) -> None:
    result = glue.repair(text, names=NAMES)
    assert result == text


@settings(max_examples=150, deadline=None)
@given(_TEXT)
def test_repair_is_idempotent_and_matches_repair_texts(text: str) -> None:
    once = glue.repair(text, names=NAMES)
    assert glue.repair(once, names=NAMES) == once
    assert glue.repair_texts(pl.Series([text]), names=NAMES).to_list() == [once]
