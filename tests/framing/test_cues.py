import polars as pl
from polars.testing import assert_frame_equal

from framescope import profile
from framescope.framing import cues
from tests.framing.conftest import EMPTY_SENTENCES, PROFILE, make_sentences


def test_frames_give_the_first_cue_of_each_frame_per_sentence() -> None:
    sentences = make_sentences(
        "Sanctions hit oil exports, and trade fell.",
        "Xi has largely refused to leave Beijing since the Chinese coronavirus pandemic began.",
        "Nothing here.",
    )
    result = cues.frames(sentences, PROFILE)
    expected = pl.DataFrame(
        [
            ("a", 0, "economic_ties", "economic", "oil"),
            ("a", 0, "sanctions_law", "legality", "sanctions"),
            ("a", 1, "pandemic", "health_and_safety", "coronavirus"),
        ],
        schema=cues.FRAME_SCHEMA,
        orient="row",
    )
    assert_frame_equal(result, expected)


def test_frame_exclusions_and_case() -> None:
    topic = profile.parse(
        '[profile]\nid = "t"\ntitle = "T"\nevent_date = 2023-03-20\n'
        '[[actors]]\nid = "a"\nname = "A"\naliases = ["A"]\n'
        '[[frames]]\nid = "conflict"\ncategory = "security_and_defense"\n'
        'terms = ["war", "Covid"]\nexclusions = ["trade war"]\n'
    )
    sentences = make_sentences("A trade war.", "A trade war, then a WAR.", "covid spread.")
    result = cues.frames(sentences, topic).select("sentence_idx", "cue").rows()
    assert result == [(1, "war"), (2, "Covid")]


def test_frames_empty_input() -> None:
    assert_frame_equal(
        cues.frames(EMPTY_SENTENCES, PROFILE), pl.DataFrame(schema=cues.FRAME_SCHEMA)
    )
