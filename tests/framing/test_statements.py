import functools
from collections import Counter
from dataclasses import dataclass

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
            [
                (0, "russian_foreign_ministry", "praise"),
                (1, "russian_foreign_ministry", "say"),
                (2, "russian_foreign_ministry", "say"),
            ],
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


@dataclass(frozen=True)
class Limit:
    """What a documented limit of the rules leaves out (``missed``) or adds (``extra``) in a
    collected case; the case's gold keeps what the sentence says."""

    missed: list[tuple[object, ...]]
    extra: list[tuple[object, ...]]
    why: str


# Issue 15: real sentence shapes from wire copy and other outlets (59 cases, 103 sentences, 30
# outlets), shortened or reworded where long, the attribution (speaker phrase, verb,
# punctuation) kept as the outlet wrote it; annotated by reading, before the rules were
# written. Gold rows are (sentence, speaker): the profile actor who speaks (an organ of a
# government with no actor of its own, named through its country, is that country), a data
# source as (sentence, phrase, "data"), anyone else as the phrase the rules keep. On this set
# the rules went from recall 39% / precision 54% to 87% / 95% (speaker rows); the set was
# written to hold the errors issue 15 counted, so the first numbers are low by design.
COLLECTED_QUOTES = [
    # --------------------------------------------------------------------------------------
    # Roles as speakers: a role is its actor where the article names it, never another actor.
    # Reuters
    (
        (
            "In a written speech released upon arrival, Xi noted that the partnership is at "
            "its best in history.",
            "The Chinese leader said the two countries have engaged in aligning the Belt and "
            "Road Initiative with the Eurasian Economic Union.",
        ),
        [(0, "xi_jinping"), (1, "xi_jinping")],
        None,
    ),
    # Ukrainska Pravda
    (
        (
            "Russian President Vladimir Putin and Chinese leader Xi Jinping have started "
            "talks in the Kremlin.",
            "The president of the aggressor country also said that he had carefully studied "
            "China's plan regarding Ukraine.",
            "He said Beijing's plan could be discussed, because \"Russia is always open to "
            'the negotiation process."',
        ),
        [(1, "vladimir_putin"), (2, "vladimir_putin")],
        None,
    ),
    # AP
    (
        (
            "Putin congratulated Xi on his re-election and voiced hope for building even "
            "stronger ties.",
            "The Kremlin leader welcomed China's proposals for a political settlement in "
            "Ukraine and noted Russia is open for talks.",
        ),
        # A verb coordinated with an elided subject is the sentence subject's (issue 15), and
        # "voiced hope" reports speech.
        [(0, "vladimir_putin"), (1, "vladimir_putin")],
        None,
    ),
    # TASS
    (
        (
            "Russian-Chinese relations remain strong as tested by time, says Xi Jinping",
            "Throughout history, they have experienced difficult periods, said the Chinese leader.",
        ),
        [(0, "xi_jinping"), (1, "xi_jinping")],
        None,
    ),
    # TASS
    (
        (
            "“China and Russia have found a right path of state-to-state interactions,” Xi stated.",
            "“My upcoming visit to Russia will be a journey of friendship, cooperation and "
            "peace,” the Chinese president said.",
        ),
        [(0, "xi_jinping"), (1, "xi_jinping")],
        None,
    ),
    # Xinhua
    (
        (
            "Xi said that it was his first visit to Moscow after a lapse of over three years.",
            "He and Putin reviewed the achievements of the bilateral relationship over the "
            "last 10 years, the Chinese president stressed, adding that the relationship has "
            "gone far beyond the bilateral scope.",
        ),
        [(0, "xi_jinping"), (1, "xi_jinping")],
        None,
    ),
    # Xinhua
    (
        (
            "China and Russia are comprehensive strategic partners of coordination, said Xi, "
            "who had a tete-a-tete with Putin in the Kremlin shortly after his arrival in "
            "Moscow.",
            "The two sides should strengthen cooperation and support each other in defending "
            "their respective sovereignty, added the Chinese president.",
        ),
        [(0, "xi_jinping"), (1, "xi_jinping")],
        None,
    ),
    # Daily Mail
    (
        (
            "Xi Jinping said he was ready to ‘stand guard over a world order based on "
            "international law’ as he met Vladimir Putin in Moscow today.",
            "‘We are always open to negotiations,’ the Russian leader said, welcoming "
            "China's plan to settle his ‘acute crisis’ in Ukraine.",
        ),
        [(0, "xi_jinping"), (1, "vladimir_putin")],
        None,
    ),
    # Izvestia
    (
        (
            "An informal meeting between Russian President Vladimir Putin and Chinese "
            "President Xi Jinping began in the Kremlin, as reported by the press service of "
            "the Russian leader on March 20.",
            "“Dear friend! Welcome to Russia, to Moscow,” the Russian leader greeted Mr. Xi "
            "Jinping.",
            "In response, the Chinese President recalled that he always calls the President "
            "of the Russian Federation his dear friend.",
            "The Chinese leader noted that exactly 10 years ago, when he first became the "
            "chairman of the PRC, he also chose Russia for his first foreign visit.",
        ),
        [(0, "kremlin"), (1, "vladimir_putin"), (2, "xi_jinping"), (3, "xi_jinping")],
        Limit(
            missed=[(0, "kremlin"), (1, "vladimir_putin"), (2, "xi_jinping")],
            extra=[
                (0, "the press service of the Russian leader"),
                (1, "the press service of the Russian leader"),
            ],
            why=(
                "'greeted' and 'recalled' are no reporting verbs; a press service named by its "
                "holder's role is no actor, and the quotation after it continues its row"
            ),
        ),
    ),
    # RT
    (
        (
            "Russian President Vladimir Putin hosted his Chinese counterpart Xi Jinping in "
            "the Kremlin for official talks on Tuesday.",
            "It can be implemented only when West and Kiev are “ready” for it, Russian "
            "president said after talks with his Chinese counterpart.",
        ),
        [(1, "vladimir_putin")],
        None,
    ),
    # RT
    (
        ("During that meeting, Xi revealed he had invited Putin to visit later this year.",),
        [(0, "xi_jinping")],
        None,
    ),
    # CNN
    (
        (
            "Putin on Tuesday backed the Chinese leader's proposal for a “peaceful "
            "settlement in Ukraine,” a move that drew unanimity in the Kremlin.",
            "The Russian president said China's plan “can be taken as a basis for a peaceful "
            "settlement in Ukraine, when the West and Kyiv are ready for it.”",
        ),
        [(1, "vladimir_putin")],
        None,
    ),
    # RegTrends
    (
        (
            "Russian President Vladimir Putin welcomed the growing trade with Chinese "
            "President Xi Jinping in the Kremlin on Tuesday.",
            "“I am convinced that our multifaceted, mutually beneficial cooperation will "
            "continue to strengthen,” the Russian head of state said during the talks.",
            "In a press statement, the Chinese leader also noted that Beijing supports a "
            "diplomatic solution to the war in Ukraine.",
        ),
        [(1, "vladimir_putin"), (2, "xi_jinping")],
        None,
    ),
    # AP
    (
        (
            "“We are ready to see Xi Jinping. I want to talk to him,” Zelensky said in an "
            "interview with Associated Press.",
            "The Ukrainian President said that before the full-scale war, he was in contact "
            "with the President of the People's Republic of China, but there have been no "
            "contacts since the beginning of the Russian invasion.",
        ),
        [(0, "volodymyr_zelensky"), (1, "volodymyr_zelensky")],
        None,
    ),
    # Politico
    (
        (
            "Ukrainian President Volodymyr Zelenskyy on Wednesday invited his Chinese "
            "counterpart Xi Jinping to Ukraine, according to Politico.",
            "“I think some of the Chinese proposals respect international law,” the "
            "Ukrainian president said earlier this month.",
        ),
        [(0, "Politico"), (1, "volodymyr_zelensky")],
        None,
    ),
    # Ukrainian outlet, in translation
    (
        (
            "Zelensky invited Xi Jinping, who spent three days in Moscow last week, to Ukraine.",
            "In an interview with AP, the head of Ukraine said that he had not been in "
            "contact with the Chinese leader since the beginning of the full-scale invasion.",
        ),
        [(1, "volodymyr_zelensky")],
        None,
    ),
    # Reuters
    (
        (
            "Xi Jinping met Putin in the Kremlin.",
            "“There was a very thorough exchange of views, a serious conversation in the "
            "informal part,” the Kremlin spokesperson said, referring to Monday's meeting.",
        ),
        [(1, "kremlin")],
        None,
    ),
    # constructed from Reuters (the head-word bug)
    (
        (
            "Putin met the visiting delegation in the Kremlin.",
            "The Chinese President said the talks were frank.",
        ),
        [(1, "The Chinese President")],
        None,
    ),
    # --------------------------------------------------------------------------------------
    # Coordinated subjects: one row per speaker; a name inside what is said is no speaker.
    # Xinhua
    (
        (
            "As for the US deployment of the THAAD system in South Korea, Xi and Putin said "
            "the move concerns the strategic balance in the region.",
        ),
        [(0, "xi_jinping"), (0, "vladimir_putin")],
        None,
    ),
    # TASS digest
    (
        (
            "Putin and Xi Jinping declared their rejection of the US policy of interference "
            "in the internal affairs of other countries.",
            "Putin and Chinese President Xi Jinping stressed the importance of creating a "
            "joint reliable financial infrastructure.",
        ),
        [(0, "vladimir_putin"), (0, "xi_jinping"), (1, "vladimir_putin"), (1, "xi_jinping")],
        None,
    ),
    # VOA
    (
        (
            "Chinese President Xi Jinging is making a state visit next week to Russia where "
            "he will meet with Russian leader Vladimir Putin from Monday to Wednesday, China "
            "and the Kremlin said Friday.",
        ),
        [(0, "china"), (0, "kremlin")],
        None,
    ),
    # Russian Foreign Ministry
    (
        (
            "Sergey Lavrov and Wang Yi agreed to continue coordinating their countries' "
            "positions on this issue.",
        ),
        [(0, "Sergey Lavrov"), (0, "wang_yi")],
        Limit(
            missed=[(0, "Sergey Lavrov"), (0, "wang_yi")],
            extra=[],
            why=(
                "'agreed to <verb>' is read as an undertaking: the evaluation set's annotators "
                "did not count it as speech four times out of five (batches 2 and 3)"
            ),
        ),
    ),
    # AP
    (
        (
            "Kremlin spokesman Dmitry Peskov said that over dinner, Putin and Xi will likely "
            "include a “detailed explanation” of Moscow's actions in Ukraine.",
        ),
        [(0, "dmitry_peskov")],
        None,
    ),
    # RFE/RL
    (
        (
            "White House National Security Council spokesman John Kirby told reporters in "
            'Washington that Xi and Putin seem to be connected in "a marriage of '
            'convenience".',
        ),
        [(0, "john_kirby")],
        None,
    ),
    # China Daily
    (
        (
            "The two countries also stressed that responsible dialogue is the best way to "
            "solve problems.",
        ),
        [(0, "russia"), (0, "china")],
        Limit(
            missed=[(0, "china"), (0, "russia")],
            extra=[],
            why="a plural description names no actor",
        ),
    ),
    # China Daily
    (
        (
            "Russia reiterated its commitment to restarting peace talks as early as "
            "possible, and China expressed its appreciation for that, according to the joint "
            "statement.",
        ),
        [(0, "the joint statement")],
        None,
    ),
    # --------------------------------------------------------------------------------------
    # Data sources: speaker_kind "data", never the country they name; bare "data" names none.
    # Sputnik
    (
        (
            "China-Russia trade in January-September 2023 grew 29.5% to $176.4 billion, "
            "China's General Administration of Customs said.",
        ),
        [(0, "China's General Administration of Customs", "data")],
        None,
    ),
    # Sputnik
    (
        (
            "Trade between Russia and China in January-June 2023 has increased by 40.6% "
            "year-on-year to $114.547 billion, the data of the Chinese General "
            "Administration of Customs showed on Thursday.",
        ),
        [(0, "the data of the Chinese General Administration of Customs", "data")],
        None,
    ),
    # CNN
    (
        (
            "Bilateral trade between Russia and China totaled more than $93.8 billion from "
            "January to May in 2023, a 40.7% increase compared to the same period last year, "
            "data from China's General Administration of Customs showed.",
            "The data published on Wednesday also showed that China's exports to Russia have "
            "reached $42.96 billion since January 2023.",
        ),
        [
            (0, "data from China's General Administration of Customs", "data"),
            (1, "The data published", "data"),
        ],
        None,
    ),
    # Reuters
    (
        (
            "China's 2023 two-way trade with Russia hit $240 billion, setting yet another "
            "new record, Chinese customs data showed on Friday, as the two countries pushed "
            "for closer economic ties.",
            "China-Russia dollar-denominated trade hit $240.1 billion in 2023, growing 26.3% "
            "from a year earlier, according to the data by China's General Administration of "
            "Customs.",
            "Half of Russia's oil and petroleum exports in 2023 have been shipped to China, "
            "Russia's state news agencies cited Russian Deputy Prime Minister Alexander "
            "Novak as saying in late December.",
        ),
        [
            (0, "Chinese customs data", "data"),
            (1, "the data by China's General Administration of Customs", "data"),
            (2, "Russia's state news agencies"),
            (2, "Alexander Novak"),
        ],
        None,
    ),
    # The Moscow Times
    (
        (
            "Trade between China and Russia reached a record $240 billion in 2023, official "
            "Chinese data showed on Friday.",
            "China's General Administration of Customs Data said two-way with Russia in 2023 "
            "grew by 26.3% from the year earlier.",
            "Officials in Moscow say China received half of Russia's oil and petroleum "
            "shipments in 2023.",
        ),
        [
            (0, "official Chinese data", "data"),
            (1, "China's General Administration of Customs Data", "data"),
            (2, "russia"),
        ],
        None,
    ),
    # The Moscow Times
    (
        (
            "Presidents Vladimir Putin and Xi Jinping had originally pledged to boost "
            "bilateral trade in 2023 to $200 billion, a target that Russia's customs agency "
            "said had already been reached in the fall.",
            "Chinese imports of Russian oil surged in May, reaching their highest level "
            "since Moscow invaded neighboring Ukraine in February 2022, Beijing's customs "
            "data showed Tuesday.",
        ),
        [(0, "Russia's customs agency", "data"), (1, "Beijing's customs data", "data")],
        None,
    ),
    # The Moscow Times, citing Reuters
    (
        (
            "Russian exports to China dropped in July, the first time since steadily rising "
            "in the months following Moscow's invasion of Ukraine, Reuters reported Tuesday, "
            "citing Chinese customs data.",
            "It was the first monthly decline of Chinese imports from Russia since February "
            "2022, the news agency said.",
        ),
        [(0, "reuters"), (0, "Chinese customs data", "data"), (1, "reuters")],
        None,
    ),
    # Reuters
    (
        (
            "The rouble's share dropped to 27% from 29%, the bank said.",
            "The share of dollar-rouble exchange trading in Russia fell to 36% in February, "
            "its lowest in recent years, the central bank said in a report on financial "
            "market risks.",
        ),
        [(0, "the bank"), (1, "the central bank")],
        None,
    ),
    # IBTimes
    (
        (
            "The latest data from the Bank of Russia shows the yuan has become a major "
            "player in Moscow's foreign trade.",
        ),
        [(0, "The latest data from the Bank of Russia", "data")],
        None,
    ),
    # TASS
    (
        (
            "Trade turnover between Russia and China rose by 32% in January-August 2023 "
            "year-on-year to $155.1 bln, the General Administration of Customs of China "
            "reported.",
            "China's exports to Russia soared by 63.2% in the reporting period to $71.8 bln, "
            "while supplies from Russia to China gained 13.3% to $83.3 bln, according to "
            "released figures.",
            "The General Administration of Customs of China reported earlier that trade "
            "turnover between Russia and China rose by 26.7% in January-November 2023.",
        ),
        [
            (0, "the General Administration of Customs of China", "data"),
            (1, "released figures", "data"),
            (2, "The General Administration of Customs of China", "data"),
        ],
        None,
    ),
    # Vestnik Kavkaza
    (
        (
            "It is an all-time record for the two countries, the General Administration of "
            "Customs of the People's Republic of China said.",
            '"The volume of Chinese-Russian trade shows steady growth", Liu Dalian, a '
            "spokesperson for the department, said at a press conference.",
        ),
        [
            (0, "the General Administration of Customs of the People's Republic of China", "data"),
            (1, "Liu Dalian"),
        ],
        None,
    ),
    # PortNews
    (
        (
            "In the first half of 2022, trade turnover between Russia and China rose by "
            "27.2% to $80.67 billion, according to China's General Administration of Customs.",
            "Exports from Russia rose by 48.2% to $51.12 billion, according to the Trade "
            "Representation of the Russian Federation to the People's Republic of China.",
        ),
        [(0, "China's General Administration of Customs", "data"), (1, "russia")],
        Limit(
            missed=[(1, "russia")],
            extra=[],
            why="a speaker after the verb has at most 12 words (this office's name has 13)",
        ),
    ),
    # AFP
    (
        (
            "According to customs data, trade between China and Russia has reached over $240 "
            "billion, exceeding the target of $200 billion.",
            "According to official data released by Beijing today (Friday), trade between "
            "China and Russia reached a record level in 2023, according to the French news "
            "agency.",
        ),
        [
            (0, "customs data", "data"),
            (1, "official data released by Beijing", "data"),
            (1, "the French news agency"),
        ],
        None,
    ),
    # AFP
    (
        (
            "China's imports of oil from Russia in May rose 55pc year on year, customs data "
            "showed on Monday, with the West sanctioning fuel imports from Moscow.",
            "The latest number was a spike from the 5.44m tonnes China imported in May 2021, "
            "according to figures from the Customs Administration, helping Russia to "
            "overtake Saudi Arabia as China's main source of oil.",
        ),
        [(0, "customs data", "data"), (1, "figures from the Customs Administration", "data")],
        None,
    ),
    # RT
    (
        (
            "China's trade with Russia has continued to rise, with both exports and imports "
            "jumping by double digits in the first two months of the year, customs data "
            "shows.",
            "Official statistics show that Russia was the leader among China's 20 largest "
            "partners in terms of trade growth in 2022.",
        ),
        [(0, "customs data", "data"), (1, "Official statistics", "data")],
        None,
    ),
    # AFP
    (
        (
            "According to official Chinese customs figures released Tuesday, China's imports "
            "of Russian oil reached a record level in May.",
        ),
        [(0, "official Chinese customs figures released Tuesday", "data")],
        None,
    ),
    # The Washington Post, seed 002
    (
        ("Data show that China sold drones worth $3.3 million to Russia last year.",),
        [],
        None,
    ),
    # --------------------------------------------------------------------------------------
    # Not speakers: a noun with a relative clause, a plural description, a prepositional phrase;
    # outlets named by a word ("the newspaper", "the news agency").
    # AP
    (
        (
            "The discussions were meant to solidify the “no limits” alliance the two "
            "presidents declared in February of last year, fewer than three weeks before "
            "Russia invaded Ukraine.",
        ),
        [],
        None,
    ),
    # Xinhua
    (
        (
            "Xi Jinping held talks with Putin in the Kremlin, during which the two heads of "
            "state stressed that the ties go far beyond the bilateral scope.",
        ),
        # A plural description of two leaders is the pair named last.
        [(0, "xi_jinping"), (0, "vladimir_putin")],
        None,
    ),
    # RFE/RL
    (
        (
            "The meeting ended after more than four hours, including a dinner at which "
            'Kremlin spokesman Dmitry Peskov said Putin would likely offer Xi a "detailed '
            "explanation\" of Moscow's actions in Ukraine.",
        ),
        [(0, "dmitry_peskov")],
        None,
    ),
    # Al Jazeera
    (
        (
            "Chinese leader Xi Jinping is preparing to visit Moscow for a summit with "
            "Russian President Vladimir Putin in the coming months, according to the Wall "
            "Street Journal.",
            "Citing people familiar with the plan, the newspaper said on Tuesday that the "
            "Xi-Putin summit was part of a Chinese effort to play a more active role.",
            "Preparations for the trip are at an early stage, the Journal said, adding that "
            "Xi's visit might take place in April.",
        ),
        # "Citing" an unnamed source relays it (issue 15): the newspaper and its sources.
        [
            (0, "wall_street_journal"),
            (1, "wall_street_journal"),
            (1, "people familiar with the plan"),
            (2, "wall_street_journal"),
        ],
        None,
    ),
    # Bangladesh Daily Online, from AFP
    (
        (
            "In an article published in the Russian newspaper Rossiyskaya Gazeta, Xi wrote "
            "about the growing friendship between China and Russia.",
            "In the newspaper he also noted his anticipation for working with Putin.",
        ),
        [(0, "xi_jinping"), (1, "xi_jinping")],
        None,
    ),
    # BBC
    (
        (
            "Until now, Beijing has sought to show a neutral stance on the Russian invasion.",
            'China confirmed the call, adding that it "always stood on the side of peace".',
        ),
        [(1, "china")],
        None,
    ),
    # --------------------------------------------------------------------------------------
    # Place metonymy: a capital or country is the country actor (its government's voice).
    # Reuters
    (
        (
            "Kyiv, which says the war cannot end until Russia pulls out its troops, "
            "cautiously welcomed Beijing's peace proposal when it was unveiled last month.",
        ),
        [(0, "ukraine")],
        None,
    ),
    # AP
    (
        (
            "China has said the sovereignty and territorial integrity of all countries "
            "should be respected, while condemning Western sanctions.",
        ),
        [(0, "china")],
        None,
    ),
    # AP
    (
        (
            "China has refused to condemn Moscow's aggression and sought to project itself "
            "as neutral in the conflict even while Beijing declared last year that it had a "
            "“no-limits” friendship with Russia.",
        ),
        [(0, "china")],
        None,
    ),
    # AFP
    (
        (
            "Washington has accused Beijing of mulling arms exports to Moscow -- claims "
            "China has vociferously denied.",
        ),
        # "accused" reports what Washington said (issue 15's stance verbs).
        [(0, "united_states"), (0, "china")],
        Limit(
            missed=[(0, "china")],
            extra=[],
            why="an adverb that is no listed adverb ends the phrase",
        ),
    ),
    # Reuters
    (
        (
            "However the Kremlin said it still needed to achieve the aims of what it calls "
            'its "special military operation" in Ukraine.',
        ),
        [(0, "kremlin")],
        None,
    ),
    # Ukrainska Pravda
    (
        (
            "Background: Ukraine's Ministry of Foreign Affairs said they would be following "
            "the visit of Chinese President Xi Jinping to Russia.",
        ),
        [(0, "ukraine")],
        None,
    ),
    # AFP
    (
        (
            "Chinese President Xi Jinping will visit Russia next week, Beijing's foreign "
            "ministry said Friday, his first trip to Moscow in nearly four years.",
            "“At the invitation of President Vladimir Putin of the Russian Federation, "
            "President Xi Jinping will pay a state visit to Russia from March 20 to 22,” the "
            "ministry said in a statement.",
        ),
        # A ministry named through its capital is the ministry, and so is "the ministry".
        [(0, "chinese_foreign_ministry"), (1, "chinese_foreign_ministry")],
        None,
    ),
    # BBC
    (
        (
            'Ukraine\'s Volodymr Zelensky says he has had a "long and meaningful" phone call '
            "with China's Xi Jinping, their first contact since Russia's war began.",
            'He said on Twitter he believed the call would "give a powerful impetus to the '
            'development of our bilateral relations".',
        ),
        [(0, "volodymyr_zelensky"), (1, "volodymyr_zelensky")],
        None,
    ),
    # The Guardian
    (
        (
            "Speaking at the Kremlin after the second day of talks with China's president, "
            "Xi Jinping, Putin said Beijing's peace plan “correlates to the point of view of "
            "the Russian Federation”.",
        ),
        [(0, "vladimir_putin")],
        None,
    ),
    # Reuters
    (
        (
            "Talks between Russian President Vladimir Putin and his Chinese counterpart Xi "
            "Jinping concluded on Monday after nearly 4-1/2 hours, Russian news agencies "
            "reported.",
            '"The Chinese leader has left the Kremlin," TASS news agency said, describing '
            "their meeting as informal.",
        ),
        [(0, "Russian news agencies"), (1, "tass")],
        None,
    ),
]


# Collected after the rules above were written (14 cases, 41 sentences, 12 outlets) and scored
# before anyone read the output: recall 59% / precision 73% at the start of issue 15, 71% / 81%
# with those rules. Four general rules came from its misses (a passive "stated by X", a
# country's possessive before an outlet, "he" after a named person who is no actor, a person
# named earlier in the pronoun's own sentence and not after a preposition): 93% / 97% now.
COLLECTED_AFTER = [
    # Le Monde via Pledge Times
    (
        (
            "This was stated by the Russian president, Vladimir Putin, when he welcomed his "
            "Chinese counterpart, Xi Jinping, to Moscow.",
            "“We have carefully studied China’s plan for a peaceful solution in Ukraine”, "
            "added the Kremlin leader.",
            "For his part, Xi said that he will “always consider Putin a friend”.",
        ),
        [(0, "vladimir_putin"), (1, "vladimir_putin"), (2, "xi_jinping")],
        None,
    ),
    # BBC
    (
        (
            "China’s peace plan for Ukraine could serve as a basis for ending the war, "
            "Vladimir Putin said.",
            "But Mr Putin said the plan could only be presented if they were ready “in the "
            "West and in Kiev”.",
            "The Russian leader met Chinese President Xi Jinping in Moscow on Tuesday to "
            "discuss the conflict.",
            "Standing next to the Russian leader, Mr Xi said his government is pro-peace and "
            "dialogue.",
            "He again claimed that China has an “impartial position” on the conflict in Ukraine.",
            "“China is Russia’s leading foreign trade partner,” President Putin said.",
            "On Wednesday, Moscow-backed authorities in annexed Crimea said an attack by "
            "three sea drones had been repelled.",
            "US Secretary of State Antony Blinken said Monday that calling for a ceasefire "
            "would effectively assist in ratifying the Russian conquest.",
        ),
        [
            (0, "vladimir_putin"),
            (1, "vladimir_putin"),
            (3, "xi_jinping"),
            (4, "xi_jinping"),
            (5, "vladimir_putin"),
            (6, "Moscow-backed authorities in annexed Crimea"),
            (7, "antony_blinken"),
        ],
        None,
    ),
    # UPI
    (
        (
            "Chinese President Xi Jinping discussed peace proposals for Ukraine during one "
            "on one meeting with Russian President Vladimir Putin in Moscow Monday, Kremlin "
            "spokesperson Dmitry Peskov said Tuesday.",
            "Peskov told Russia's TASS news agency he wouldn't \"make any assessments\" on "
            "whether progress had been made.",
            '"Let\'s wait for the statements for the news media," Peskov said when asked if '
            "any progress had been made.",
            'Xi also invited Putin to visit China during an "informal meeting" with the '
            "Russian president, China's Xinhua news agency reported.",
        ),
        [
            (0, "dmitry_peskov"),
            (1, "dmitry_peskov"),
            (2, "dmitry_peskov"),
            (3, "xinhua"),
        ],
        None,
    ),
    # Reuters
    (
        (
            "Putin said on Monday he had carefully studied China's ideas, viewed them with "
            "respect and would discuss them with Xi.",
        ),
        [(0, "vladimir_putin")],
        None,
    ),
    # Global Times
    (
        (
            "Trade of goods between China and Russia reached $53.85 billion in the first "
            "quarter of 2023, rising 38.7 percent year-on-year, according to data released "
            "by China's General Administration of Customs (GAC) on Thursday.",
            "In energy cooperation, Russia became China's largest oil supplier in the first "
            "two months of 2023, said GAC in March.",
            "Simon Huang, managing director of Ozon China under Ozon Holdings, said in an "
            "interview with the Global Times in March that the company is promoting trade "
            "settlement.",
            "Industry observers said that the two countries are expected to achieve annual "
            "bilateral trade of $200 billion ahead of schedule.",
        ),
        [
            (0, "data released by China's General Administration of Customs", "data"),
            (1, "GAC", "data"),
            (2, "Simon Huang"),
            (3, "Industry observers"),
        ],
        Limit(
            missed=[(1, "GAC", "data")], extra=[(1, "GAC")], why="an acronym names no data source"
        ),
    ),
    # Novye Izvestia
    (
        (
            "According to the data of the General Customs Administration of China, the trade "
            "turnover between China and Russia is growing - by 38.7% in the first quarter of "
            "this year.",
            "Russian President Vladimir Putin and Chinese President Xi Jinping have "
            "expressed a desire to double trade turnover to $200 billion by 2024.",
            "After the talks between the leaders of Russia and China in Beijing on February "
            "4, 2022, Kremlin spokesman Dmitry Peskov said that the Chinese president had "
            "put forward a new goal.",
        ),
        [
            (0, "the data of the General Customs Administration of China", "data"),
            (2, "dmitry_peskov"),
        ],
        None,
    ),
    # Global Times
    (
        (
            "China's trade with Russia maintained a growing trend in the first quarter, "
            "according to data released by China's General Administration of Customs on "
            "Wednesday.",
            "Trade between Russia and China stood at 243 billion yuan ($38.2 billion) in the "
            "first quarter, customs spokesperson Li Kuiwen said at a press conference on "
            "Wednesday.",
            "In general, China-Russia trade grew by 26.6 percent in yuan terms last year, "
            "customs data showed.",
            "“Chinese customs will continue to serve China's normal trade cooperation with "
            "countries including Russia and Ukraine,” Li noted.",
        ),
        [
            (0, "data released by China's General Administration of Customs", "data"),
            (1, "Li Kuiwen"),
            (2, "customs data", "data"),
            (3, "Li"),
        ],
        None,
    ),
    # TASS relay
    (
        (
            "This was announced on Tuesday, May 9, by the General Administration of Customs "
            "of the People's Republic of China.",
        ),
        [(0, "the General Administration of Customs of the People's Republic of China", "data")],
        Limit(
            missed=[
                (
                    0,
                    "the General Administration of Customs of the People's Republic of China",
                    "data",
                )
            ],
            extra=[],
            why='a source named after the time ("announced on Tuesday, May 9, by")',
        ),
    ),
    # Interfax relay
    (
        (
            "Russian Prime Minister Mikhail Mishustin, speaking at a Russia-China business "
            "forum in Shanghai, stated, “I am confident that this year we will raise mutual "
            "trade to $200 billion.”",
            "China-Russia bilateral trade increased by “almost a quarter to approximately "
            "$52 billion” in the first quarter of the year, he said.",
            "China has been Russia's main trading partner for more than a decade already, he "
            "noted.",
        ),
        [
            (0, "Mikhail Mishustin"),
            (1, "Mikhail Mishustin"),
            (2, "Mikhail Mishustin"),
        ],
        None,
    ),
    # RT
    (
        (
            "Earlier, Russian Foreign Minister Sergei Lavrov said that half of the trade "
            "turnover between Russia and China is serviced in yuan and rubles.",
        ),
        [(0, "Sergei Lavrov")],
        None,
    ),
    # VOA
    (
        (
            "After two days of talks with Xi at the Kremlin, Putin accused the United States "
            "of fighting “to the last Ukrainian,” but praised what he said was China’s "
            "“neutral position” on the war.",
            "China’s foreign ministry said in a statement that Beijing and Moscow believe "
            "that the United Nations Charter “must be observed,” but made no demand that "
            "Russia withdraw its troops.",
            "Kyiv has welcomed Beijing’s diplomatic overture but says that Russia must first "
            "withdraw its troops from Ukraine.",
        ),
        [
            (0, "vladimir_putin"),
            (1, "chinese_foreign_ministry"),
            (1, "china"),
            (1, "russia"),
            (2, "ukraine"),
        ],
        None,  # "but says": the elided subject is Kyiv's
    ),
    # People's Daily
    (
        (
            "Xi said that he looks forward to staying in close touch with Putin through "
            "various means.",
        ),
        [(0, "xi_jinping")],
        None,
    ),
    # Reuters
    (
        (
            "White House spokesman John Kirby said Xi should use his influence to press "
            "Putin to withdraw troops from Ukraine.",
            "In televised comments, Putin told Xi he viewed China's proposals for resolution "
            "of the Ukraine conflict with respect.",
            'Putin and Xi greeted one another as "dear friend" when they met in the Kremlin '
            "on Monday, and Russian state news agencies later reported they held informal "
            "talks for nearly 4-1/2 hours.",
        ),
        [
            (0, "john_kirby"),
            (1, "vladimir_putin"),
            (2, "Russian state news agencies"),
        ],
        None,
    ),
    # The Guardian
    (
        (
            "Vladimir Putin has been speaking at a news conference following talks with Xi "
            "Jinping, where he says the pair have signed statements that “fully reflect the "
            "nature of Russia-China relations”.",
            "Russia and China are “tied together” and enjoy “good neighbourly relations”, he "
            "said, adding that Moscow was in “constant contact” with Beijing.",
        ),
        [(0, "vladimir_putin"), (1, "vladimir_putin")],
        None,
    ),
]


COLLECTED_DEV = [
    # Issue 15's error analysis of the evaluation set's dev half (e01-e26): each rule with
    # the dev sentence's shape and a real sentence of the same shape from another outlet.
    # --------------------------------------------------------------------------------------
    # A person's name ending the phrase beats an institution in his title or an apposition;
    # a person outside the profile is kept by name.
    # The Daily Guardian (dev)
    (
        (
            "Kremlin aide Yury Ushakov told the media that Presidents Xi and Putin will hold "
            "face-to-face talks followed by their delegations later.",
        ),
        [(0, "Yury Ushakov")],
        None,
    ),
    # TASS
    (
        (
            "The potential phone talks between Chinese President Xi Jinping and Ukrainian "
            "President Vladimir Zelensky are unlikely to take place today or tomorrow as the "
            "Chinese leader is now busy with his visit to Moscow, Kremlin Aide Yury Ushakov "
            "told reporters.",
        ),
        [(0, "Yury Ushakov")],
        None,
    ),
    # Reuters (dev)
    (
        (
            "Russia and China are ready to resume mutual travel as soon as possible, Zhang "
            "Hanhui, China’s ambassador to Russia, said this week.",
        ),
        [(0, "Zhang Hanhui")],
        None,
    ),
    # TASS
    (
        (
            "Beijing is planning to work on raising the level of its relations with Russia, "
            "China’s new Ambassador to Russia Zhang Hanhui told reporters on Wednesday.",
            '"We should open a new page," the ambassador said.',
        ),
        [(0, "Zhang Hanhui"), (1, "Zhang Hanhui")],
        None,
    ),
    # Xinhua
    (
        (
            "“The deal reflects not only the interests and demands of the U.S. side but also "
            "those of the Chinese side,” Zhang Yuejiao, former chair of the Appellate Body of "
            "the World Trade Organization (WTO), told Xinhua.",
        ),
        [(0, "Zhang Yuejiao")],
        None,
    ),
    # A description with a proper name in apposition is that name; people who speak for no
    # government are not the places they come from.
    # Reuters (dev)
    (
        (
            "China’s imports of Russian natural gas are set to have risen by at least 50 "
            "percent in 2022, according to Russia’s top producer, Gazprom.",
        ),
        [(0, "Gazprom")],
        None,
    ),
    # Global Times (dev)
    (
        (
            "Experts from both China and Russia said the visit will be symbolic and have "
            "global significance.",
        ),
        [(0, "Experts from both China and Russia")],
        None,
    ),
    # --------------------------------------------------------------------------------------
    # "the official", "the spokesperson": the person who spoke last; a lone surname is the
    # person of that surname named as a speaker in the article.
    # TASS (dev)
    (
        (
            "Chinese leader Xi Jinping’s visit to Russia is a state one, Presidential Aide Yuri "
            "Ushakov told reporters Friday.",
            '"It was agreed upon in advance," the official said.',
            '"The exchange of presents is indeed included," Ushakov said.',
        ),
        [(0, "Yuri Ushakov"), (1, "Yuri Ushakov"), (2, "Yuri Ushakov")],
        None,
    ),
    # TASS (dev): a role speaking in between is not "the official".
    (
        (
            "Chinese leader Xi Jinping’s visit is business-like, Presidential Aide Yuri Ushakov "
            "told reporters.",
            "Ushakov pointed out that the Russian President said earlier that metro "
            "construction has reached a high level.",
            '"I do not know, maybe some of them will go down in the metro," the official said.',
        ),
        [
            (0, "Yuri Ushakov"),
            (1, "Yuri Ushakov"),
            (1, "the Russian President"),
            (2, "Yuri Ushakov"),
        ],
        None,
    ),
    # TASS
    (
        (
            "The potential phone talks are unlikely to take place today or tomorrow, Kremlin "
            "Aide Yury Ushakov told reporters.",
            '"I know the reaction of the Americans to the possibility of this contact," '
            "Ushakov said.",
        ),
        [(0, "Yury Ushakov"), (1, "Yury Ushakov")],
        None,
    ),
    # Xinhua (dev)
    (
        (
            "Xi's upcoming visit to Russia will be a trip of friendship, Chinese Foreign "
            "Ministry spokesperson Wang Wenbin said on March 17.",
            "During his visit, Xi will have an in-depth exchange of views with Putin, the "
            "spokesperson said.",
        ),
        [(0, "wang_wenbin"), (1, "wang_wenbin")],
        None,
    ),
    # --------------------------------------------------------------------------------------
    # "he" after a person named as a subject since the last speaker is that person.
    # Reuters (dev)
    (
        (
            "The Kremlin said on Tuesday that Putin and Xi had held a thorough exchange of views.",
            "Kremlin spokesman Dmitry Peskov declined to give further details.",
            '"There was a very thorough exchange of views," he said.',
        ),
        [(0, "kremlin"), (2, "dmitry_peskov")],
        None,
    ),
    # TASS
    (
        (
            "The Kremlin will not comment on the agenda of possible talks until their meeting "
            "is officially announced, Russian Presidential Spokesman Dmitry Peskov told TASS.",
            '"I don’t know. Once we make an announcement, we will be able to say something," he '
            "said.",
        ),
        [(0, "dmitry_peskov"), (1, "dmitry_peskov")],
        None,
    ),
    # --------------------------------------------------------------------------------------
    # Verbs of stance and appeal report speech (the evaluation guide's list), a document's
    # never; "by" names the speaker of a passive one.
    # SCMP (dev)
    (
        (
            "Chinese President Xi Jinping and Russian President Vladimir Putin pledged on "
            'Tuesday to "significantly increase" trade between their two countries by 2030.',
            "Russia and China have long decried the inordinate strength of the US dollar.",
        ),
        [(0, "xi_jinping"), (0, "vladimir_putin"), (1, "russia"), (1, "china")],
        None,
    ),
    # CNN via exbulletin
    (
        (
            "Chinese leader Xi Jinping and Russian President Vladimir Putin pledged Thursday to "
            "deepen their strategic partnership in Beijing.",
        ),
        [(0, "xi_jinping"), (0, "vladimir_putin")],
        None,
    ),
    # Reuters via The Globe and Mail
    (
        (
            "Chinese President Xi Jinping and Russian President Vladimir Putin condemned what "
            "they cast as increasingly aggressive U.S. behavior on May 16.",
        ),
        [(0, "xi_jinping"), (0, "vladimir_putin")],
        None,
    ),
    # VOA
    (
        (
            "After two days of talks with Xi at the Kremlin, Putin accused the United States "
            "and Western countries of fighting “to the last Ukrainian,” but praised what he "
            "said was China’s “neutral position” on the war.",
        ),
        [(0, "vladimir_putin")],
        None,
    ),
    # SCMP (dev)
    (
        ("US urges China and Russia to ‘respect Ukraine’s sovereignty and territorial integrity’",),
        [(0, "united_states")],
        None,
    ),
    # The Hill (dev)
    (
        (
            "Kirby called for Xi to reach out to Ukrainian President Volodymyr Zelensky if the "
            "Chinese are serious about being a neutral arbiter.",
        ),
        [(0, "john_kirby")],
        None,
    ),
    # SB.by
    (
        (
            "In addition, Mr. Kirby urged Chinese President Xi Jinping to contact Ukrainian "
            "leader Volodymyr Zelenskyy and listen to his point of view.",
            "Mr. Kirby called on the leadership of China to get in touch on this issue not only "
            "with Moscow, but also with Kiev.",
        ),
        [(0, "john_kirby"), (1, "john_kirby")],
        None,
    ),
    # Kyiv Independent (dev)
    (
        (
            "Beijing's statement was criticized by U.S. President Joe Biden, who claimed that "
            "it would likely only work in Russia's favor.",
        ),
        [(0, "joe_biden")],
        None,
    ),
    # AP (dev)
    (
        (
            "China and Russia have described Xi's trip as part of efforts to further deepen "
            "their no-limits friendship.",
        ),
        [(0, "china"), (0, "russia")],
        None,
    ),
    # Kyiv Post, from AFP
    (
        ('Ukraine\'s foreign ministry described the trip as "historic".',),
        [(0, "ukraine")],
        None,
    ),
    # TASS (dev)
    (
        (
            "Chinese leader Xi Jinping’s visit is business-like, Presidential Aide Yuri Ushakov "
            "told reporters.",
            "Ushakov pointed out that metro construction has reached a high level.",
        ),
        [(0, "Yuri Ushakov"), (1, "Yuri Ushakov")],
        None,
    ),
    # TASS
    (
        (
            '"We haven’t made any announcements," Peskov pointed out, adding that the two '
            "sides usually announced such visits simultaneously.",
        ),
        [(0, "dmitry_peskov")],
        None,
    ),
    # The Epoch Times
    (
        (
            "WASHINGTON—White House National Security Council spokesman John Kirby, who has "
            "voiced concerns about Beijing’s growing ties with Moscow, says he doubts that the "
            "Chinese proposal to end the fighting would work.",
            "The paper also urged “abandoning the Cold War mentality,” a phrase frequently used "
            "by Chinese officials to criticize the United States and its allies.",
        ),
        [(0, "john_kirby")],
        None,
    ),
    # Kyiv Post, from AFP: a passive with no agent reports nobody.
    (
        (
            "Kishida visited Bucha, a town where Russian forces were accused of committing "
            "atrocities during their occupation last year.",
        ),
        [],
        None,
    ),
    # --------------------------------------------------------------------------------------
    # A quotation of several sentences in straight quotes: a lone ," closes it, and the
    # attribution after it is outside the quotation.
    # Sputnik (dev)
    (
        (
            "Russia-China trade can reach $200 billion already this year, Russian President "
            "Vladimir Putin said on Tuesday.",
            '"Our countries maintain the high dynamics of mutual trade, which grew by 30% last '
            "year.",
            'And we are able to overcome the mark of $200 billion this year," Putin said.',
        ),
        [(0, "vladimir_putin"), (1, "vladimir_putin"), (2, "vladimir_putin")],
        None,
    ),
    # TASS
    (
        (
            "The Kremlin will not comment on the agenda of possible talks until their meeting "
            "is officially announced, Russian Presidential Spokesman Dmitry Peskov told TASS.",
            '"I don’t know.',
            'Once we make an announcement, we will be able to say something," he said, when '
            "asked if Putin and Xi could discuss China’s plan.",
        ),
        [(0, "dmitry_peskov"), (1, "dmitry_peskov"), (2, "dmitry_peskov")],
        None,
    ),
    # --------------------------------------------------------------------------------------
    # A participle of saying after a comma, and a verb whose subject is elided after "and",
    # are the sentence subject's; a participle after an attribution adds nobody.
    # Reuters (dev)
    (
        (
            "Kremlin spokesman Dmitry Peskov declined to give further details, telling "
            "reporters to wait for a joint statement later on Tuesday.",
        ),
        [(0, "dmitry_peskov")],
        None,
    ),
    # AP (dev)
    (
        (
            "ON A TRAIN FROM SUMY TO KYIV, Ukraine (AP) — Ukraine's president invited his "
            "powerful Chinese counterpart, Xi Jinping, to visit the war-torn nation, saying "
            "they haven't been in contact since the war began.",
            "“I want to speak with him,” Volodymyr Zelenskyy told The Associated Press on Tuesday.",
        ),
        [(0, "volodymyr_zelensky"), (1, "volodymyr_zelensky")],
        None,
    ),
    # AP, via The Boston Courier
    (
        (
            "Early on Wednesday, Gazprom completely halted the flow of gas through Nord Stream "
            "1, in line with an earlier announcement, adding that the stoppage would last for "
            "three days.",
        ),
        [(0, "Gazprom")],
        None,
    ),
    # Xinhua (dev)
    (
        (
            "He and Putin reviewed the achievements of the growing bilateral relationship, "
            "the Chinese president stressed, adding that they shared the view.",
            "Xi Jinping arrived in Moscow.",
        ),
        [(0, "xi_jinping")],
        None,
    ),
    # Reuters via The Globe and Mail
    (
        (
            "Chinese President Xi Jinping and Russian President Vladimir Putin condemned what "
            "they cast as increasingly aggressive U.S. behavior on May 16 and pledged to deepen "
            "their countries' already close defense and military ties.",
        ),
        [(0, "xi_jinping"), (0, "vladimir_putin")],
        None,
    ),
    # Kyiv Post, from AFP
    (
        (
            "Xi earlier met with Prime Minister Mikhail Mishustin and hailed Russia and China as "
            '"great neighbouring powers" on the second day of his visit to Russia.',
        ),
        [(0, "xi_jinping")],
        None,
    ),
    # Reuters via RTE
    (
        (
            "The European Union has accused Russia of resorting to energy blackmail, while the "
            "Kremlin says the gas disruption has been caused by maintenance issues.",
        ),
        [(0, "The European Union"), (0, "kremlin")],
        None,
    ),
    # --------------------------------------------------------------------------------------
    # Coordination: "its allies" is a speaker of its own; two nationality words share the
    # noun; an event before the speakers goes; a place before "officials"/"leaders" is only
    # their modifier.
    # SCMP (dev)
    (
        (
            "The US and its allies have argued that China is hardly a neutral party.",
            "Xi and Putin met for more than four hours on Monday in Moscow, according to "
            "Russian and Chinese state media.",
        ),
        [
            (0, "united_states"),
            (0, "its allies"),
            (1, "Russian state media"),
            (1, "Chinese state media"),
        ],
        None,
    ),
    # Reuters (dev)
    (
        (
            'Beijing and Moscow struck a "no limits" partnership shortly before the invasion '
            "and U.S. and European leaders have said they are concerned Beijing may send arms "
            "to Russia.",
        ),
        [(0, "U.S. leaders"), (0, "European leaders")],
        None,
    ),
]


COLLECTED_BATCHES = [
    # Issue 15's error analysis of batches 2 and 3 of the evaluation set (e53-e106), after
    # each one's blind run: each rule with the batch's sentence, as the outlet wrote it.
    # --------------------------------------------------------------------------------------
    # An owner is not the speaker; a country's ministry speaks as the country (above).
    # AFP via The Daily Tribune
    (
        (
            'Ukraine\'s air force said Russia attacked Ukraine with 21 "Iranian-made" drones '
            "overnight, and 16 were shot down.",
        ),
        [(0, "Ukraine's air force")],
        None,
    ),
    # TRT World: a document before its maker; a country's document is the country.
    (
        (
            "The new route would cut through eastern Mongolia and into northern China, "
            "according to a map by Russia's Gazprom .",
            'Putin said Russia, China and Mongolia had completed "all agreements" on '
            "finishing the pipeline, although a subsequent Russian statement said pipeline "
            "details still need to be resolved.",
        ),
        [(0, "Russia's Gazprom"), (1, "vladimir_putin"), (1, "russia")],
        None,
    ),
    # ANI: a place starting a longer name is not the place.
    (
        (
            "Xi on Tuesday continued talks with senior Russian officials, even as the Russian "
            "leader comes under mounting criticism, Washington Post reported.",
        ),
        [(0, "Washington Post")],
        None,
    ),
    # CNBC: the name ending the phrase is its head; "the ministry" is the ministry that spoke.
    (
        (
            "“There are many more documents in completely different areas of cooperation,” "
            "Ushakov said, according to a report by Russia state news agency TASS.",
            "Japan’s foreign ministry confirmed that Prime Minister Fumio Kishida is visiting "
            "Ukraine.",
            "“As the G-7 [chair], Prime Minister Kishida will directly convey our solidarity "
            "and unwavering support for Ukraine,” a statement from the ministry said.",
            "Kishida will visit Poland on Wednesday after his trip and return to Japan on "
            "Thursday, the ministry said.",
        ),
        [
            (0, "Ushakov"),
            (0, "tass"),
            (1, "Japan’s foreign ministry"),
            (2, "Japan’s foreign ministry"),
            (3, "Japan’s foreign ministry"),
        ],
        None,
    ),
    # Censor.NET: a title is the person the article names with it; "reports with reference
    # to" names its source.
    (
        (
            "This was stated by NATO Secretary General Jens Stoltenberg, Censor.NET reports "
            "with reference to LIGA.",
            "Therefore, the meeting in Moscow is part of a model in which China and Russia are "
            'working more and more closely," NATO Secretary General said.',
        ),
        [(0, "Jens Stoltenberg"), (0, "Censor.NET"), (0, "LIGA"), (1, "Jens Stoltenberg")],
        None,
    ),
    # Interfax-Ukraine: an owner and its body end a title ("President's Office").
    (
        (
            "A conversation between President of Ukraine Volodymyr Zelenskyy and leader of the "
            "People's Republic of China Xi Jinping is planned, adviser to the head of the "
            "President's Office Mykhailo Podoliak has said.",
            "At the same time, as the adviser to the head of the President's Office noted, "
            "there are certain difficulties in organizing negotiations between the two leaders.",
        ),
        [(0, "Mykhailo Podoliak"), (1, "Mykhailo Podoliak")],
        None,
    ),
    # Business Insider: a former official speaks for no government; named later by title.
    (
        (
            "Putin 'humiliated' China's Xi Jinping a week after their summit, a former US "
            "ambassador said.",
            'Russian President Vladimir Putin "humiliated" China\'s President Xi Jinping by '
            "revealing plans to station nuclear weapons in Belarus, according to former US "
            "Ambassador to Russia Michael McFaul.",
        ),
        [(0, "Michael McFaul"), (1, "Michael McFaul")],
        None,
    ),
    # Global Times ("believe" there, "said" here): nationality words after a quantifier share
    # their noun; the apposition's name beats the owner of the title.
    (
        (
            "Some Chinese and Russian observers said the question is whether the US wants a "
            "mediator now.",
            "The two leaders will also sign important bilateral documents, some Russian media "
            "reported, citing the Kremlin's foreign policy adviser, Yury Ushakov.",
        ),
        [
            (0, "Chinese observers"),
            (0, "Russian observers"),
            (1, "some Russian media"),
            (1, "Yury Ushakov"),
        ],
        None,
    ),
    # Republic World: "X quoted Y as telling" gives Y too.
    (
        (
            'The Chinese leader\'s visit to Russia has made the "world safer", FT quoted EU’s '
            "foreign policy chief Josep Borrell as telling reporters in Brussels.",
            'They are not engaged militarily," Borrell was quoted as saying by the paper.',
        ),
        [
            (0, "financial_times"),
            (0, "josep_borrell"),
            (1, "josep_borrell"),
            (1, "financial_times"),
        ],
        Limit(
            missed=[(1, "josep_borrell")],
            extra=[],
            why="a passive 'was quoted as saying by' gives its relay, not its subject",
        ),
    ),
    # Newsweek (batch 3), China Daily (dev): after a person who spoke, "he" is that person,
    # not a person named in between (inside the speaker's words or a clause of his).
    (
        (
            '"The Chinese top leader is likely to use this trip to grasp his counterpart’s '
            'intention," Zhang Xin, an associate professor at the East China Normal University '
            "in Shanghai, told Newsweek.",
            'Zhang was skeptical that Xi or any top Chinese officials harbored "the illusion '
            'that the trip would lead to a peace deal."',
            'But he noted that the Chinese leader\'s "intention to de-escalate is sincere."',
        ),
        [(0, "Zhang Xin"), (0, "Newsweek"), (2, "Zhang Xin")],
        Limit(
            missed=[(0, "Newsweek")],
            extra=[],
            why="the addressee of 'told' is no speaker (the annotators count the outlet here)",
        ),
    ),
    (
        (
            "The visit will be a trip of friendship, cooperation and peace, ministry "
            "spokesperson Wang Wenbin said during a daily news briefing.",
            "In recent years, President Xi has maintained close contact with President Putin.",
            "Under their leadership and guidance, the partnership has achieved steady "
            "development, he said.",
        ),
        [(0, "wang_wenbin"), (2, "wang_wenbin")],
        None,
    ),
    # Associated Press (batch 3): a role of the actor the article names.
    (
        (
            "China's foreign minister says Beijing is concerned about the conflict spinning "
            "out of control.",
            "Qin Gang told Ukrainian Foreign Minister Dmytro Kuleba that China hopes all sides "
            "remain calm.",
        ),
        [(0, "qin_gang"), (1, "qin_gang")],
        None,
    ),
    # Daily Observer, Sloboden Pečat (batch 3): "the two men", "the two leaders" are the pair
    # named last; with no pair named, nobody.
    (
        (
            "Russian President Vladimir Putin and Chinese President Xi Jinping met in Beijing.",
            'The two men announced a "no limits" partnership where no areas of cooperation were '
            '"forbidden".',
        ),
        [(1, "vladimir_putin"), (1, "xi_jinping")],
        None,
    ),
    (
        ('The two leaders called for "responsible dialogue" to resolve the Ukraine crisis.',),
        [],
        None,
    ),
    # Batch 3 (The National, Euro Weekly News, AFP via The Moscow Times, RFE/RL): outlets
    # of a place are not its government; a source after "cited by"; "claims to"; a name
    # given in someone's words; a verb after "but" with the subject elided.
    (
        ("US outlets have reported that China is considering delivering artillery to Russia.",),
        [(0, "US outlets")],
        None,
    ),
    (
        (
            "“Another step has been taken,” Shoigu told reporters in remarks cited by "
            "domestic agencies.",
        ),
        [(0, "Shoigu"), (0, "domestic agencies")],
        None,
    ),
    (
        (
            "Russia claims to have annexed the regions of Donetsk, Luhansk, Zaporizhzhia and "
            "Kherson.",
        ),
        [(0, "russia")],
        None,
    ),
    (
        (
            "Russian President Vladimir Putin and his Chinese counterpart, Xi Jinping, called "
            "each other “dear friend” and exchanged compliments at the Kremlin.",
            "Putin and Xi Jinping called the meeting a success.",
        ),
        [(0, "vladimir_putin"), (0, "xi_jinping")],
        None,
    ),
    (
        (
            "The Russian Foreign Ministry on Friday thanked Chinese efforts but said that any "
            "settlement needed to recognize Russia's control.",
        ),
        [(0, "russian_foreign_ministry")],
        None,
    ),
    # The Week: an adverb before the verb is not part of the speaker.
    (
        (
            "They implicitly criticized the West and especially NATO, declaring that the "
            'partnership is "superior".',
        ),
        [(0, "unresolved")],
        None,
    ),
]


def speakers_of(*texts: str) -> list[tuple[object, ...]]:
    sentences = make_sentences(*texts)
    found = statements.quotes(sentences, mentions.extract(sentences, PROFILE), PROFILE)
    return [
        (index, speaker, "data") if kind == "data" else (index, speaker)
        for index, speaker, kind in found.select("sentence_idx", "speaker", "speaker_kind").rows()
    ]


COLLECTED = COLLECTED_QUOTES + COLLECTED_AFTER + COLLECTED_DEV + COLLECTED_BATCHES


@functools.cache
def _collected_speakers() -> list[list[tuple[object, ...]]]:
    """:func:`speakers_of` for every collected case, each its own article, in one run (a run
    per case cost 20 s of the fast tier)."""
    sentences = pl.concat(
        make_sentences(*texts, article_id=str(i)) for i, (texts, _, _) in enumerate(COLLECTED)
    )
    found = statements.quotes(sentences, mentions.extract(sentences, PROFILE), PROFILE)
    rows: list[list[tuple[object, ...]]] = [[] for _ in COLLECTED]
    for article, index, speaker, kind in found.select(
        "article_id", "sentence_idx", "speaker", "speaker_kind"
    ).rows():
        rows[int(article)].append((index, speaker, "data") if kind == "data" else (index, speaker))
    return rows


@pytest.mark.parametrize(
    ("case", "texts", "gold", "limit"), [(i, *case) for i, case in enumerate(COLLECTED)]
)
def test_collected_speakers(
    case: int, texts: tuple[str, ...], gold: list[tuple[object, ...]], limit: Limit | None
) -> None:
    expected = Counter(gold)
    if limit is not None:
        expected = expected - Counter(limit.missed) + Counter(limit.extra)
    assert Counter(_collected_speakers()[case]) == expected


def test_collected_cases_at_once_are_each_case_alone() -> None:
    # What _collected_speakers relies on: an article's quotes depend on it alone.
    for case in range(0, len(COLLECTED), 25):
        texts = COLLECTED[case][0]
        assert Counter(speakers_of(*texts)) == Counter(_collected_speakers()[case])


def test_collected_data_rows_are_never_an_actor() -> None:
    sentences = make_sentences(
        "Trade rose 32%, according to China's customs data.",
        "Beijing's customs data showed Tuesday that imports surged.",
    )
    result = statements.quotes(sentences, mentions.extract(sentences, PROFILE), PROFILE)
    expected = [
        ("China's customs data", "data", "other", "according to"),
        ("Beijing's customs data", "data", "other", "show"),
    ]
    assert result.select("speaker", "speaker_kind", "voice", "verb").rows() == expected


def test_a_pair_then_a_title_resolves_the_same_in_any_batch() -> None:
    # "the two leaders" gives two rows of one clause; "the official" after them took whichever
    # row came last, which changed with the articles built beside it.
    texts = (
        "Putin met Xi Jinping in Moscow.",
        "The two leaders said the talks were frank.",
        "“We agreed on everything,” the official said.",
    )
    other = ("Biden spoke to reporters.", "“Nothing changed,” he said.")
    alone = speakers_of(*texts)
    for batch in ([texts, other], [other, texts]):
        sentences = pl.concat(
            make_sentences(*t, article_id="a" if t is texts else "b") for t in batch
        )
        found = statements.quotes(sentences, mentions.extract(sentences, PROFILE), PROFILE)
        result = found.filter(pl.col("article_id") == "a").select("sentence_idx", "speaker").rows()
        assert sorted(result) == sorted(alone)
