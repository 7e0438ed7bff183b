import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import mentions
from framescope.framing import statements
from tests.framing.conftest import EMPTY_MENTIONS, EMPTY_SENTENCES, FILLER, PROFILE, make_sentences


def run_quotes(*texts: str) -> list[tuple[int, str, str]]:
    sentences = make_sentences(*texts)
    found = statements.quotes(sentences, mentions.extract(sentences, PROFILE), PROFILE)
    return found.select("sentence_idx", "speaker", "verb").rows()


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # Seed 004: a surname resolves to the latest Wang mentioned; "he" to the last speaker.
        (
            (
                "We are in communication with all parties, spokesman Wang Wenbin said during "
                "a regular briefing.",
                "Wang said Xi’s visit to Russia was for peace.",
                "We have always believed that political dialogue is the only way out of the "
                "conflict, he said.",
            ),
            [(0, "wang_wenbin", "say"), (1, "wang_wenbin", "say"), (2, "wang_wenbin", "say")],
        ),
        # Seed 000: the statement and the agency that relayed it.
        (
            (
                "As you know, Putin has invited Xi on an official visit this spring,” the "
                "Russian Foreign Ministry said in a statement on Monday, according to the "
                "Russian News Agency.",
            ),
            [(0, "russian_foreign_ministry", "say"), (0, "tass", "according to")],
        ),
        # Seed 002: "X quoted Y as saying" between two quotations that continue it.
        (
            (
                "“This year, Russia and China will work together to strengthen relations.”",
                "Russian state news agency TASS quoted the Russian Ministry of Foreign Affairs "
                "as saying.",
                "“Putin has invited Xi for an official visit this spring.”",
            ),
            [
                (0, "russian_foreign_ministry", "say"),
                (1, "tass", "quote"),
                (1, "russian_foreign_ministry", "say"),
                (2, "russian_foreign_ministry", "say"),
            ],
        ),
        (
            ("Xi’s trip will likely cement that, said Ian Bremmer, chairman of Eurasia Group.",),
            [(0, "ian_bremmer", "say")],
        ),
        # The speaker named in a relative clause after an inverted verb.
        (
            (
                "“It is time for Beijing to distance itself from Putin’s disastrous "
                "incursion,” said the former diplomat, who signed himself Shi Jiangtao.",
            ),
            [(0, "shi_jiangtao", "say")],
        ),
        (
            (
                "According to a Chinese official, Mr Putin did not tell the truth to his "
                "Chinese counterpart Xi Jinping, reported the Financial Times.",
            ),
            [(0, "a Chinese official", "according to"), (0, "financial_times", "report")],
        ),
        # Seed 001: a place hyphened to a word modifies the speaker, it is not the speaker.
        (
            (
                "China has emerged as a supplier of some of Russia’s key technologies, "
                "according to a report by the Washington-based Free Russia Foundation that "
                "analyzed 40 million Russian customs record entries.",
            ),
            [(0, "free_russia_foundation", "according to")],
        ),
        # Not attributions: a conditional, a negation.
        (
            (
                "If he had told us, we wouldn’t have been in such a difficult position, the "
                "official revealed in November.",
                "The Russian Foreign Ministry did not say that Xi Jinping had accepted "
                "Putin’s invitation.",
            ),
            [(0, "the official", "reveal")],
        ),
        # Seed 003: an aside that is not a name, then an apposition that is.
        (
            (
                "Beijing, for its part, also confirmed the visit: the spokesman for the "
                "Chinese Ministry of Foreign Affairs, Wang Wenbin, revealed that Xi "
                "Jinping’s trip to Moscow aims to “deepen bilateral trust”.",
            ),
            [(0, "china", "confirm"), (0, "wang_wenbin", "reveal")],
        ),
        # A relative clause is skipped: Blinken is not the speaker.
        (
            (
                "Ukrainian Foreign Minister Dmytro Kuleba, who also spoke with State "
                "Secretary Antony Blinken earlier on Thursday, said on Twitter that he and "
                "Qin had discussed the importance of territorial integrity.",
            ),
            [(0, "dmytro_kuleba", "say")],
        ),
        # Seed 004: a closing quote whose opening mark was lost in scraping.
        (
            (
                "The Kremlin also confirmed the visit, saying the talks would focus on "
                "comprehensive partnership.”",
            ),
            [(0, "kremlin", "confirm")],
        ),
        (
            (
                "In a statement, cited by Reuters, the Kremlin revealed that Xi Jinping will "
                "be in Russia between March 20 and 22.",
            ),
            [(0, "reuters", "cite"), (0, "kremlin", "reveal")],
        ),
        (
            (
                "Chinese Foreign Ministry spokeswoman Mao Ning declined to confirm Xi "
                "Jinping’s alleged visit to Moscow.",
            ),
            [(0, "mao_ning", "decline")],
        ),
        # "He" after an institution is its unnamed spokesperson: left unresolved.
        (
            (
                "Xi is expected to visit Russia, the Russian Foreign Ministry said Monday.",
                "He added that the Kremlin was assuming that would be the central event.",
            ),
            [(0, "russian_foreign_ministry", "say"), (1, "unresolved", "add")],
        ),
        # "the ministry" is the ministry mentioned last; the quotation runs across sentences.
        (
            (
                "The Russian Foreign Ministry praised the ties.",
                "“Over the past decade, heads of state have held forty meetings.",
                "These include bilateral visits,” the ministry said.",
            ),
            [(1, "russian_foreign_ministry", "say"), (2, "russian_foreign_ministry", "say")],
        ),
        (("But she declined to confirm the visit.",), [(0, "unresolved", "decline")]),
    ],
)
def test_quotes(texts: tuple[str, ...], expected: list[tuple[int, str, str]]) -> None:
    assert run_quotes(*texts) == expected


def test_quote_rows_carry_kind_voice_quote_and_direct() -> None:
    sentences = make_sentences(
        "Beijing denies the allegations, Wang Wenbin said on Friday.",
        "“China’s stance has been consistent,” he said.",
        "Officials said the two leaders hailed a boundless alliance.",
    )
    result = statements.quotes(sentences, mentions.extract(sentences, PROFILE), PROFILE)
    expected = pl.DataFrame(
        [
            ("a", 0, "china", "government", "chinese_official", "deny",
             "Beijing denies the allegations, Wang Wenbin said on Friday.", "Beijing", False),
            ("a", 0, "wang_wenbin", "government", "chinese_official", "say",
             "Beijing denies the allegations, Wang Wenbin said on Friday.", "Wang Wenbin",
             False),
            ("a", 1, "wang_wenbin", "government", "chinese_official", "say",
             "China’s stance has been consistent", "he", True),
            ("a", 2, "Officials", "other", "other", "say",
             "Officials said the two leaders hailed a boundless alliance.", "Officials", False),
        ],
        schema=statements.QUOTE_SCHEMA,
        orient="row",
    )  # fmt: skip
    assert_frame_equal(result, expected)


def test_quotes_empty_inputs() -> None:
    result = statements.quotes(EMPTY_SENTENCES, EMPTY_MENTIONS, PROFILE)
    assert_frame_equal(result, pl.DataFrame(schema=statements.QUOTE_SCHEMA))
    no_mentions = statements.quotes(make_sentences("Officials said so."), EMPTY_MENTIONS, PROFILE)
    assert no_mentions.select("speaker", "verb").rows() == [("Officials", "say")]


def test_seed_quoted_voices(seeds: dict[str, pl.DataFrame]) -> None:
    speakers = set(seeds["quotes"]["speaker"])
    assert {"russian_foreign_ministry", "tass", "wang_wenbin", "mao_ning"} <= speakers
    chinese = seeds["quotes"].filter(pl.col("voice") == "chinese_official")
    assert {"wang_wenbin", "mao_ning", "chinese_foreign_ministry"} <= set(chinese["speaker"])


def test_quotes_in_a_long_sentence() -> None:
    # The speaker is found beside the verb, and a verb inside a quotation opened 1,300
    # characters before is not an attribution.
    assert run_quotes(f"“{FILLER}” {FILLER}, Wang Wenbin said.") == [(0, "wang_wenbin", "say")]
    assert run_quotes(f"“{FILLER}, Wang Wenbin said {FILLER}”") == []
