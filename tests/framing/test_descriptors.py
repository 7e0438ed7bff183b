from collections import Counter

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import mentions
from framescope.framing import descriptors
from tests.framing.conftest import (
    EMPTY_MENTIONS,
    EMPTY_SENTENCES,
    PROFILE,
    by_prefix,
    make_sentences,
)


def run_labels(*texts: str) -> list[tuple[str, str, bool]]:
    sentences = make_sentences(*texts)
    found = mentions.extract(sentences, PROFILE)
    return descriptors.labels(sentences, found, PROFILE).select("actor", "label", "listed").rows()


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Seed 000 (Breitbart): a premodifier before a possessive name.
        (
            "The Russian Foreign Ministry appeared to confirm Chinese dictator Xi Jinping’s "
            "visit to Moscow on Monday.",
            [("xi_jinping", "dictator", True)],
        ),
        (
            "Xi and Russian leader Vladimir Putin are each other’s closest allies.",
            [("vladimir_putin", "leader", True)],
        ),
        # The alias itself carries the title.
        ("Chinese President Xi Jinping will visit Russia.", [("xi_jinping", "president", True)]),
        ("Xi, China's president, arrived.", [("xi_jinping", "president", True)]),
        (
            "We are in communication with all parties, spokesman Wang Wenbin said.",
            [("wang_wenbin", "spokesman", True)],
        ),
        (
            "Putin invited Xi for a state visit, and China’s top diplomat, Wang Yi, laid the "
            "groundwork for the trip.",
            [("wang_yi", "top diplomat", True)],
        ),
        # Seed 004: the apposition before "China’s" belongs to the whole phrase, not China.
        (
            "In a rare Thursday call with his Ukrainian counterpart, China’s new foreign "
            "minister, Qin Gang said Beijing feared the conflict was spiraling out of control.",
            [("qin_gang", "foreign minister", True)],
        ),
        # Seed 001: "a Chinese official" is the source, not Putin's apposition.
        (
            "According to a Chinese official, Mr Putin did not tell the truth to his Chinese "
            "counterpart Xi Jinping, reported the Financial Times.",
            [("xi_jinping", "counterpart", True)],
        ),
        (
            "Although relations are good, said Ian Bremmer, chairman of Eurasia Group.",
            [("ian_bremmer", "chairman", True)],
        ),
        (
            "said Yan Zhang, a senior fellow at the Council on Foreign Relations.",
            [("zhang_yan", "senior fellow", True)],
        ),
        # Discovered: lowercase words after a nationality, not in the descriptor list.
        (
            "According to a report by Russian state news agency TASS, it was so.",
            [("tass", "state news agency", False)],
        ),
        ("the planned visit by ally Moscow", [("russia", "ally", True)]),
        ("the Putin regime and the Kremlin", [("vladimir_putin", "regime", True)]),
        # Plurals are reported in the listed form; a plural title before two names is both
        # names' (issue 15).
        (
            "The Russian leaders Putin and Medvedev met.",
            [("vladimir_putin", "leader", True), ("dmitry_medvedev", "leader", True)],
        ),
        # Not labels: a verb before a name, a plural compound after it, no name at all.
        ("Putin invited Xi to Moscow.", []),
        ("Xi and Putin last met at the SCO leaders’ summit in Uzbekistan.", []),
        ("Moscow’s invasion of Ukraine was condemned by the Chinese president.", []),
    ],
)
def test_labels(text: str, expected: list[tuple[str, str, bool]]) -> None:
    assert run_labels(text) == expected


def test_labels_are_one_row_per_sentence_actor_and_label() -> None:
    result = run_labels("President Xi Jinping met Xi, China's president, and Xi Jinping.")
    assert result == [("xi_jinping", "president", True)]


def test_labels_empty_inputs() -> None:
    result = descriptors.labels(EMPTY_SENTENCES, EMPTY_MENTIONS, PROFILE)
    assert_frame_equal(result, pl.DataFrame(schema=descriptors.LABEL_SCHEMA))


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Issue 14: a capitalised word ending like a nationality is no nationality.
        ("Morgan senior economist Wang Wenbin said so.", []),
        ("Munich security adviser Wang Wenbin left.", []),
        ("Which security adviser Wang Wenbin meant is unclear.", []),
        ("Brian press aide Wang Wenbin left.", []),
        # Nationalities the old suffix pattern missed.
        ("Swiss private banker Wang Wenbin left.", [("wang_wenbin", "private banker", False)]),
        ("Greek ship owner Wang Wenbin left.", [("wang_wenbin", "ship owner", False)]),
        # Compounds and abbreviations still count.
        (
            "Sino-Russian trade negotiator Wang Wenbin left.",
            [("wang_wenbin", "trade negotiator", False)],
        ),
        ("US trade negotiator Wang Wenbin left.", [("wang_wenbin", "trade negotiator", False)]),
    ],
)
def test_discovered_labels_follow_a_nationality_word(
    text: str, expected: list[tuple[str, str, bool]]
) -> None:
    assert run_labels(text) == expected


def test_seed_labels_for_xi(seeds: dict[str, pl.DataFrame]) -> None:
    xi = by_prefix(seeds["labels"], seeds).filter(pl.col("actor") == "xi_jinping")
    labels = {p: set(g["label"]) for (p,), g in xi.group_by("prefix")}
    assert "dictator" in labels["000"]  # Breitbart
    for prefix in ("001", "002", "004"):
        assert labels[prefix] & {"president", "leader"}, prefix
        assert "dictator" not in labels[prefix], prefix
    # The Portuguese repost names Xi in full, then as "the Chinese president" and "the Chinese
    # head of state": his roles (issue 15; before, a description without a name gave none),
    # and "Putin and Xi will discuss ... and the two leaders will sign" (a plural of the pair).
    assert labels["003"] == {"president", "head of state", "leader"}


MAIN_ACTORS = {"xi_jinping", "vladimir_putin", "volodymyr_zelensky"}

# Issue 15: labels of Xi, Putin and Zelensky in real sentence shapes (25 cases, 56 sentences,
# 21 outlets), shortened or reworded where long, the descriptions kept as written; annotated
# by reading first. Gold rows are (sentence, actor, label): each listed descriptor that
# describes one of the three, named or not. On this set the labels went from recall 33% to
# 98% (precision 100% both times). The third item is what a documented limit leaves out.
COLLECTED_LABELS = [
    # Reuters
    (
        (
            "In a written speech released upon arrival, Xi noted that the partnership is at "
            "its best in history.",
            "The Chinese leader said the two countries have engaged in aligning the Belt and "
            "Road Initiative with the Eurasian Economic Union.",
        ),
        [(1, "xi_jinping", "leader")],
        [],
    ),
    # Ukrainska Pravda
    (
        (
            "Russian President Vladimir Putin and Chinese leader Xi Jinping have started "
            "talks in the Kremlin.",
            "The president of the aggressor country also said that he had carefully studied "
            "China's plan regarding Ukraine.",
        ),
        [
            (0, "vladimir_putin", "president"),
            (0, "xi_jinping", "leader"),
            (1, "vladimir_putin", "president"),
        ],
        [],
    ),
    # AP
    (
        (
            "Putin congratulated Xi on his re-election and voiced hope for building even "
            "stronger ties.",
            "The Kremlin leader welcomed China's proposals for a political settlement in "
            "Ukraine and noted Russia is open for talks.",
            "Xi's trip showed off Beijing's new diplomatic swagger and gave a political lift "
            "to Putin just days after an international arrest warrant was issued for the "
            "Kremlin leader on war crimes charges.",
        ),
        [(1, "vladimir_putin", "leader"), (2, "vladimir_putin", "leader")],
        [],
    ),
    # Reuters
    (
        (
            "It was Xi's first trip abroad since he obtained an unprecedented third term "
            "last month.",
            "The Chinese leader has been trying to portray Beijing as a potential peacemaker "
            "in Ukraine, even as he deepens economic ties with his closest ally.",
        ),
        [(1, "xi_jinping", "leader")],
        [],
    ),
    # TASS
    (
        (
            "Russian-Chinese relations remain strong as tested by time, says Xi Jinping",
            "Throughout history, they have experienced difficult periods, said the Chinese leader.",
            "“My upcoming visit to Russia will be a journey of friendship, cooperation and "
            "peace,” the Chinese president said.",
        ),
        [(1, "xi_jinping", "leader"), (2, "xi_jinping", "president")],
        [],
    ),
    # Xinhua
    (
        (
            "Xi said that it was his first visit to Moscow after a lapse of over three years.",
            "He and Putin reviewed the achievements of the bilateral relationship over the "
            "last 10 years, the Chinese president stressed.",
        ),
        [(1, "xi_jinping", "president")],
        [],
    ),
    # Daily Mail
    (
        (
            "Xi Jinping said he was ready to ‘stand guard over a world order based on "
            "international law’ as he met Vladimir Putin in Moscow today.",
            "‘We are always open to negotiations,’ the Russian leader said, welcoming "
            "China's plan to settle his ‘acute crisis’ in Ukraine.",
        ),
        [(1, "vladimir_putin", "leader")],
        [],
    ),
    # Izvestia
    (
        (
            "An informal meeting between Russian President Vladimir Putin and Chinese "
            "President Xi Jinping began in the Kremlin, as reported by the press service of "
            "the Russian leader on March 20.",
            "The motorcade of the President of the People's Republic of China arrived at the "
            "presidential residence.",
            "“Dear friend! Welcome to Russia, to Moscow,” the Russian leader greeted Mr. Xi "
            "Jinping.",
            "In response, the Chinese President recalled that he always calls the President "
            "of the Russian Federation his dear friend.",
            "The Chinese leader noted that exactly 10 years ago, when he first became the "
            "chairman of the PRC, he also chose Russia for his first foreign visit.",
            "On March 20, the plane with the Chinese leader landed at the capital's "
            "Vnukovo-2 airport.",
        ),
        [
            (0, "vladimir_putin", "president"),
            (0, "xi_jinping", "president"),
            (0, "vladimir_putin", "leader"),
            (1, "xi_jinping", "president"),
            (2, "vladimir_putin", "leader"),
            (3, "xi_jinping", "president"),
            (3, "vladimir_putin", "president"),
            (4, "xi_jinping", "leader"),
            (4, "xi_jinping", "chairman"),
            (5, "xi_jinping", "leader"),
        ],
        [],
    ),
    # RT
    (
        (
            "Russian President Vladimir Putin hosted his Chinese counterpart Xi Jinping in "
            "the Kremlin for official talks on Tuesday.",
            "It can be implemented only when West and Kiev are “ready” for it, Russian "
            "president said after talks with his Chinese counterpart.",
            "The negotiations come as a part of the Chinese leader's three-day visit to "
            "Russia, which began on Monday.",
            "The Chinese president also invited Mishustin to visit China.",
        ),
        [
            (0, "vladimir_putin", "president"),
            (0, "xi_jinping", "counterpart"),
            (1, "vladimir_putin", "president"),
            (1, "xi_jinping", "counterpart"),
            (2, "xi_jinping", "leader"),
            (3, "xi_jinping", "president"),
        ],
        # "his Chinese counterpart" said of the Russian president is Xi (issue 15: before, a
        # relative description gave none).
        [],
    ),
    # CNN
    (
        (
            "Putin on Tuesday backed the Chinese leader's proposal for a “peaceful "
            "settlement in Ukraine,” a move that drew unanimity in the Kremlin.",
            "The Russian president said China's plan “can be taken as a basis for a peaceful "
            "settlement in Ukraine, when the West and Kyiv are ready for it.”",
            "Xi Jinping and Vladimir Putin posed as peace brokers during a summit visit to "
            "Moscow on Tuesday.",
        ),
        [(0, "xi_jinping", "leader"), (1, "vladimir_putin", "president")],
        [],
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
        [
            (0, "vladimir_putin", "president"),
            (0, "xi_jinping", "president"),
            (1, "vladimir_putin", "head of state"),
            (2, "xi_jinping", "leader"),
        ],
        [],
    ),
    # AP
    (
        (
            "“We are ready to see Xi Jinping. I want to talk to him,” Zelensky said in an "
            "interview with Associated Press.",
            "The Ukrainian President said that before the full-scale war, he was in contact "
            "with the President of the People's Republic of China.",
        ),
        [(1, "volodymyr_zelensky", "president"), (1, "xi_jinping", "president")],
        [],
    ),
    # Politico
    (
        (
            "Ukrainian President Volodymyr Zelenskyy on Wednesday invited his Chinese "
            "counterpart Xi Jinping to Ukraine, according to Politico.",
            "“I think some of the Chinese proposals respect international law,” the "
            "Ukrainian president said earlier this month.",
        ),
        [
            (0, "volodymyr_zelensky", "president"),
            (0, "xi_jinping", "counterpart"),
            (1, "volodymyr_zelensky", "president"),
        ],
        [],
    ),
    # Ukrainian outlet, in translation
    (
        (
            "Zelensky invited Xi Jinping, who spent three days in Moscow last week, to Ukraine.",
            "In an interview with AP, the head of Ukraine said that he had not been in "
            "contact with the Chinese leader since the beginning of the full-scale invasion.",
        ),
        [(1, "xi_jinping", "leader")],
        [],
    ),
    # AFP
    (
        (
            "Xi Jinping and Vladimir Putin applauded on Monday the solidity of their "
            "alliance as the Chinese leader headed to Moscow for a summit with the "
            "internationally isolated Russian president.",
        ),
        [(0, "xi_jinping", "leader"), (0, "vladimir_putin", "president")],
        [],
    ),
    # AFP
    (
        (
            'Xi Jinping hailed his landmark visit to Moscow Monday as giving "new momentum" '
            "to Chinese-Russian ties ahead of talks with Vladimir Putin.",
            "The summit between the Russian president and the Chinese leader comes as China "
            "seeks to portray itself as a neutral party in the Ukraine conflict.",
        ),
        [(1, "vladimir_putin", "president"), (1, "xi_jinping", "leader")],
        [],
    ),
    # AP
    (
        (
            "Russian President Vladimir Putin warmly welcomed Chinese leader Xi Jinping to "
            "the Kremlin on Monday, sending a powerful message to Western leaders.",
        ),
        [(0, "vladimir_putin", "president"), (0, "xi_jinping", "leader")],
        [],
    ),
    # VOA
    (
        (
            "Russian President Vladimir Putin greeted his Chinese counterpart Xi Jinping at "
            "the Kremlin Monday.",
            "The Chinese leader's three-day visit to Moscow gives both Xi and Putin a public "
            "show of partnership in opposing what both see as American domination of global "
            "affairs.",
        ),
        [
            (0, "vladimir_putin", "president"),
            (0, "xi_jinping", "counterpart"),
            (1, "xi_jinping", "leader"),
        ],
        [],
    ),
    # RFE/RL
    (
        (
            "Russian President Vladimir Putin and his Chinese counterpart, Xi Jinping, are "
            "due to hold a second day of talks in Moscow, where the Chinese leader is on his "
            "first visit in four years.",
        ),
        [
            (0, "vladimir_putin", "president"),
            (0, "xi_jinping", "counterpart"),
            (0, "xi_jinping", "leader"),
        ],
        [],
    ),
    # WION
    (
        (
            "Russian President Vladimir Putin and Chinese Xi Jinping will resume their talks "
            "on the second day on Tuesday.",
            "According to Chinese official Xinhua News agency, on Tuesday reported that Xi "
            "has invited the Russian president to China this year.",
        ),
        [(0, "vladimir_putin", "president"), (1, "vladimir_putin", "president")],
        [],
    ),
    # Sputnik
    (
        (
            "\"President of Russia Vladimir Vladimirovich Putin and President of the People's "
            'Republic of China Xi Jinping sign a joint statement," the Kremlin said in a '
            "statement.",
        ),
        [(0, "vladimir_putin", "president"), (0, "xi_jinping", "president")],
        [],
    ),
    # The Guardian
    (
        (
            "Speaking at the Kremlin after the second day of talks with China's president, "
            "Xi Jinping, Putin said Beijing's peace plan “correlates to the point of view of "
            "the Russian Federation”.",
        ),
        [(0, "xi_jinping", "president")],
        [],
    ),
    # BBC
    (
        (
            "But it has never condemned the invasion and last month President Xi paid a "
            "two-day state visit to Russia.",
            "Within days of the visit, President Zelensky invited the Chinese leader to "
            "visit Kyiv for talks.",
        ),
        [
            (0, "xi_jinping", "president"),
            (1, "volodymyr_zelensky", "president"),
            (1, "xi_jinping", "leader"),
        ],
        [],
    ),
    # Russian Foreign Ministry
    (
        (
            "Sergey Lavrov extended gratitude for the warm reception of President Vladimir "
            "Putin in Beijing and Harbin on May 16-17.",
            "In return, the Chinese side expressed appreciation for the selection of the "
            "People's Republic of China as the destination for the Russian leader's first "
            "state visit after assuming office.",
        ),
        [(0, "vladimir_putin", "president"), (1, "vladimir_putin", "leader")],
        [],
    ),
    # Al Jazeera
    (
        (
            "Putin met Xi Jinping in Moscow.",
            "China's top diplomat Wang Yi is currently in Moscow and expected to meet his "
            "Russian counterpart Sergey Lavrov on Wednesday.",
            "Former Russian president Dmitry Medvedev, now deputy chairman of Putin's "
            "Security Council, met Xi on a visit to Beijing last week.",
        ),
        [],
        [],
    ),
]


# Collected after the rules were written and scored before reading (6 cases, 13 sentences, 6
# outlets): recall 53% at the start of issue 15, 100% with the roles.
COLLECTED_AFTER = [
    # Le Monde via Pledge Times
    (
        (
            "This was stated by the Russian president, Vladimir Putin, when he welcomed his "
            "Chinese counterpart, Xi Jinping, to Moscow.",
            "“We have carefully studied China’s plan for a peaceful solution in Ukraine”, "
            "added the Kremlin leader.",
        ),
        [
            (0, "vladimir_putin", "president"),
            (0, "xi_jinping", "counterpart"),
            (1, "vladimir_putin", "leader"),
        ],
        [],
    ),
    # BBC
    (
        (
            "China’s peace plan for Ukraine could serve as a basis for ending the war, "
            "Vladimir Putin said.",
            "The Russian leader met Chinese President Xi Jinping in Moscow on Tuesday to "
            "discuss the conflict.",
            "Standing next to the Russian leader, Mr Xi said his government is pro-peace and "
            "dialogue.",
            "“China is Russia’s leading foreign trade partner,” President Putin said.",
        ),
        [
            (1, "vladimir_putin", "leader"),
            (1, "xi_jinping", "president"),
            (2, "vladimir_putin", "leader"),
            (3, "vladimir_putin", "president"),
        ],
        [],
    ),
    # UPI
    (
        (
            "Chinese President Xi Jinping discussed peace proposals for Ukraine during one "
            "on one meeting with Russian President Vladimir Putin in Moscow Monday, Kremlin "
            "spokesperson Dmitry Peskov said Tuesday.",
            'Xi also invited Putin to visit China during an "informal meeting" with the '
            "Russian president, China's Xinhua news agency reported.",
        ),
        [
            (0, "xi_jinping", "president"),
            (0, "vladimir_putin", "president"),
            (1, "vladimir_putin", "president"),
        ],
        [],
    ),
    # Novye Izvestia
    (
        (
            "Russian President Vladimir Putin and Chinese President Xi Jinping have "
            "expressed a desire to double trade turnover to $200 billion by 2024.",
            "After the talks between the leaders of Russia and China in Beijing on February "
            "4, 2022, Kremlin spokesman Dmitry Peskov said that the Chinese president had "
            "put forward a new goal.",
        ),
        # "the leaders of Russia and China" was left out when this was annotated; the
        # evaluation guide gives a plural that names both leaders a row for each.
        [
            (0, "vladimir_putin", "president"),
            (0, "xi_jinping", "president"),
            (1, "xi_jinping", "president"),
            (1, "vladimir_putin", "leader"),
            (1, "xi_jinping", "leader"),
        ],
        [],
    ),
    # PortNews
    (
        (
            "While meeting with China’s leader, Xi Jinping at the Shanghai Cooperation "
            "Organization (SCO) summit in September 2022, Russian President Vladimir Putin "
            "expressed confidence that the annual trade turnover would reach new record "
            "levels.",
        ),
        [(0, "xi_jinping", "leader"), (0, "vladimir_putin", "president")],
        [],
    ),
    # Reuters
    (
        (
            "Vladimir Putin and Chinese leader Xi Jinping planned more talks on Tuesday "
            "after a Kremlin dinner.",
            "The Chinese leader has been trying to portray Beijing as a potential peacemaker "
            "in Ukraine.",
        ),
        [(0, "xi_jinping", "leader"), (1, "xi_jinping", "leader")],
        [],
    ),
]


# Issue 15, error analysis of the evaluation set's dev half (e01-e26): each shape as the dev
# article has it (shortened), then the same shape from other outlets (public pages, not the
# evaluation set). Gold as the evaluation guide gives it; the third item is what a documented
# limit leaves out.
PLURAL_AND_APPOSITION_SHAPES = [
    # Plural of the pair in its own sentence. Dev: SCMP (e03).
    (
        (
            "“We encourage President Xi to press President Putin directly on the need to respect "
            "Ukraine’s sovereignty,” Pentagon spokesman John Kirby said as the two leaders met.",
        ),
        [
            (0, "xi_jinping", "president"),
            (0, "vladimir_putin", "president"),
            (0, "xi_jinping", "leader"),
            (0, "vladimir_putin", "leader"),
        ],
        [],
    ),
    # SBS (AAP)
    (
        (
            "Chinese President Xi Jinping and Russian President Vladimir Putin have described "
            "each other as ‘dear friends' as the two leaders put on a show of unity in Moscow.",
        ),
        [
            (0, "xi_jinping", "president"),
            (0, "vladimir_putin", "president"),
            (0, "xi_jinping", "leader"),
            (0, "vladimir_putin", "leader"),
        ],
        [],
    ),
    # The pair named in an earlier sentence. Dev: Reuters (e05).
    (
        (
            "The Kremlin said on Tuesday that Russian President Vladimir Putin and Chinese "
            "leader Xi Jinping had held a “thorough” exchange of views.",
            "Kremlin spokesman Dmitry Peskov declined to give further details, telling reporters "
            "to wait for a joint statement after the two leaders meet for a second day of talks.",
        ),
        [
            (0, "vladimir_putin", "president"),
            (0, "xi_jinping", "leader"),
            (1, "vladimir_putin", "leader"),
            (1, "xi_jinping", "leader"),
        ],
        [],
    ),
    # CNN
    (
        (
            "Russian President Vladimir Putin and Chinese President Xi Jinping had a "
            "“thorough” exchange of views during a face-to-face meeting in Moscow on Monday, "
            "the Kremlin said.",
            "Kremlin spokesperson Dmitry Peskov refrained from commenting on the outcome of the "
            "first of Xi’s three-day visit to Russia, during which the presidents are expected to "
            "discuss Beijing’s proposition on resolving the conflict in Ukraine.",
            "“A thorough exchange of views took place,” Peskov told reporters, saying that the "
            "leaders will elaborate during their press statements on Tuesday.",
        ),
        [
            (0, "vladimir_putin", "president"),
            (0, "xi_jinping", "president"),
            (1, "vladimir_putin", "president"),
            (1, "xi_jinping", "president"),
            (2, "vladimir_putin", "leader"),
            (2, "xi_jinping", "leader"),
        ],
        [],
    ),
    # NHK World
    (
        (
            "Putin earlier said that he would explain the situation in Ukraine to Xi.",
            "The two leaders are expected to move to another venue and discuss the issue further.",
        ),
        [(1, "vladimir_putin", "leader"), (1, "xi_jinping", "leader")],
        [],
    ),
    # The Kremlin's joint statement (as republished on Substack)
    (
        (
            "On March 20-22, 2023, President of the People's Republic of China Xi Jinping, at "
            "the invitation of President of the Russian Federation Vladimir Putin, paid a state "
            "visit to the Russian Federation.",
            "The heads of state held talks in Moscow.",
        ),
        [
            (0, "xi_jinping", "president"),
            (0, "vladimir_putin", "president"),
            (1, "xi_jinping", "head of state"),
            (1, "vladimir_putin", "head of state"),
        ],
        [],
    ),
    # The last sentence naming leaders names three: "both leaders" is nobody's (EFE via
    # Breaking Latest; it means Xi and Putin, the pair named two sentences before).
    (
        (
            "Ukrainian President Volodimir Zelensky said he had a phone call with Chinese "
            "President Xi Jinping on Wednesday.",
            "Xi had not spoken to Zelensky since the beginning of Russia's invasion, but he has "
            "spoken on several occasions with the Russian ruler, Vladimir Putin.",
            "Before the February 2022 invasion, both leaders issued a joint statement.",
        ),
        [
            (0, "volodymyr_zelensky", "president"),
            (0, "xi_jinping", "president"),
            (2, "xi_jinping", "leader"),
            (2, "vladimir_putin", "leader"),
        ],
        # ... and "President Volodimir Zelensky": the spelling is no alias, so no title.
        [
            (0, "volodymyr_zelensky", "president"),
            (2, "xi_jinping", "leader"),
            (2, "vladimir_putin", "leader"),
        ],
    ),
    # Two roles joined in one plural. Dev: Ukrainian outlet (e01).
    (
        (
            "Chinese leader Xi Jinping plans to speak with President Volodymyr Zelensky after he "
            "meets with Russian dictator Vladimir Putin in Moscow next week.",
            "The first conversation between the Chinese and Ukrainian leaders since the "
            "beginning of Russia's full-scale invasion is expected to occur online, WSJ wrote.",
        ),
        [
            (0, "xi_jinping", "leader"),
            (0, "volodymyr_zelensky", "president"),
            (0, "vladimir_putin", "dictator"),
            (1, "xi_jinping", "leader"),
            (1, "volodymyr_zelensky", "leader"),
        ],
        [],
    ),
    # Voz (the country form of the role)
    (
        (
            "The leaders of China and Russia talked about a 12-point peace plan on the war in "
            "Ukraine.",
            "This Monday Chinese leader Xi Jinping had the first meeting in the Kremlin with "
            "Vladimir Putin as part of a three-day visit.",
        ),
        [
            (0, "xi_jinping", "leader"),
            (0, "vladimir_putin", "leader"),
            (1, "xi_jinping", "leader"),
        ],
        [],
    ),
    # A plural title before two names. Dev: e06.
    (
        (
            "Kremlin aide Yury Ushakov told the media that Presidents Xi and Putin will hold "
            "face-to-face talks followed by their delegations later.",
        ),
        [(0, "xi_jinping", "president"), (0, "vladimir_putin", "president")],
        [],
    ),
    # All India Radio
    (
        (
            "At a joint news briefing, both leaders Xi and Putin praised a strategic "
            "relationship between their two countries.",
        ),
        [(0, "xi_jinping", "leader"), (0, "vladimir_putin", "leader")],
        [],
    ),
    # Table.Media
    (
        (
            "The three-way meeting between EU Commission President von der Leyen and Presidents "
            "Xi and Macron is worthy of a special edition on Maundy Thursday.",
        ),
        [(0, "xi_jinping", "president")],
        [],
    ),
    # Two descriptors joined before a name. Dev: e06 (no other outlet's sentence found).
    (
        (
            "Chinese President Xi Jinping and his Russian counterpart and ally Vladimir Putin "
            "held crucial talks in Moscow on Monday.",
        ),
        [
            (0, "xi_jinping", "president"),
            (0, "vladimir_putin", "counterpart"),
            (0, "vladimir_putin", "ally"),
        ],
        [],
    ),
    # An apposition after a preposition that the name closes. Dev: EFE (e25).
    (
        (
            "In Moscow, Xi will meet with his Russian counterpart, Vladimir Putin, on Tuesday as "
            "the two countries look to strengthen the bilateral ties.",
        ),
        [(0, "vladimir_putin", "counterpart")],
        [],
    ),
    # Current PH
    (
        (
            "Chinese President Xi Jinping met with his Russian counterpart, Vladimir Putin, at "
            "the Kremlin on his arrival in Moscow on Monday.",
        ),
        [(0, "xi_jinping", "president"), (0, "vladimir_putin", "counterpart")],
        [],
    ),
    # An apposition after the name, ended by "who" or a preposition. Dev: AP (e26).
    (
        (
            "Xi, a powerful leader who commands the resources of the world's most populous "
            "nation, is an important player in the Russia-Ukraine conflict.",
        ),
        [(0, "xi_jinping", "leader")],
        [],
    ),
    # A Breitbart-style report (via michaelsavage.com)
    (
        (
            "Zelensky used the opportunity to request a personal discussion with Xi, a "
            "genocidal communist dictator who is largely bankrolling the invasion of Ukraine.",
        ),
        [(0, "xi_jinping", "dictator")],
        [],
    ),
    # PerthNow (AAP/Reuters): three modifiers
    (
        (
            "Xi, the most powerful world leader to have refrained from denouncing Russia's "
            "invasion, made a state visit to Moscow last month.",
        ),
        [(0, "xi_jinping", "leader")],
        [],
    ),
    # A quoted descriptor before a name (the guide's "his 'dear friend' Xi Jinping"). CSE
    # India; Daily Mail (via a blog).
    (
        (
            "Russian President Vladimir Putin held talks with ‘dear friend’ Xi Jinping and "
            "hailed deepening ties between Russia and China.",
        ),
        [(0, "vladimir_putin", "president"), (0, "xi_jinping", "dear friend")],
        [],
    ),
    (
        (
            "Xi Jinping said he was ready to ‘stand guard over a world order based on "
            "international law’ as he met Vladimir Putin in Moscow today.",
            "In his first state visit to Russia since the invasion of Ukraine, the Chinese leader "
            "spent more than four hours in talks with his ‘dear friend’ Putin.",
        ),
        [(1, "xi_jinping", "leader"), (1, "vladimir_putin", "dear friend")],
        [],
    ),
    # "his Chinese counterpart" with no name after it, said of a head of state: the other
    # country's leader (no dev case; the RT case above). Voz; The Union Journal (the
    # counterpart is not "his" own: the last other person named); ZeroHedge (via Kolozeg).
    (
        (
            "This Monday Chinese leader Xi Jinping had the first meeting in the Kremlin with "
            "Vladimir Putin as part of a three-day visit.",
            "At the start of the four-and-a-half-hour meeting, Putin congratulated his Chinese "
            "counterpart on his re-election and praised him for his 12-point plan.",
        ),
        [(0, "xi_jinping", "leader"), (1, "xi_jinping", "counterpart")],
        [],
    ),
    (
        (
            "Russian President Vladimir Putin welcomed Chinese leader Xi Jinping to the Kremlin "
            "on Monday.",
            "During the first visit from the Chinese leader since Moscow's invasion of Ukraine, "
            "Xi called Putin his 'dear friend' and praised his Russian counterpart in turn.",
        ),
        [
            (0, "vladimir_putin", "president"),
            (0, "xi_jinping", "leader"),
            (1, "xi_jinping", "leader"),
            (1, "vladimir_putin", "dear friend"),
            (1, "vladimir_putin", "counterpart"),
        ],
        [],
    ),
    (
        (
            "Just before Wednesday's Putin-Xi virtual summit, the Kremlin described the meeting.",
            "“A new model of cooperation has been formed between our countries,” Putin told his "
            "Chinese counterpart.",
        ),
        [(1, "xi_jinping", "counterpart")],
        [],
    ),
    # Not a head of state's counterpart, or another full name between (Al Jazeera; made up).
    (
        (
            "Putin met Xi Jinping in Moscow.",
            "China's top diplomat Wang Yi met his Russian counterpart on Wednesday.",
            "Putin said Sergey Lavrov had met his Chinese counterpart.",
        ),
        [],
        [],
    ),
    # A predicate of the name: a verb of calling before it (no dev case; The Union Journal
    # above). One News Page; NBC's TODAY; Reuters (via bdnews24). Not when negated.
    (
        ("President Joe Biden called Russian President Vladimir Putin a “war criminal.”",),
        [(0, "vladimir_putin", "president"), (0, "vladimir_putin", "war criminal")],
        [],
    ),
    (
        (
            "Biden also blasted Russian President Putin again after new attacks, calling Putin "
            'a "murderous dictator, a pure thug."',
        ),
        [(0, "vladimir_putin", "president"), (0, "vladimir_putin", "dictator")],
        [],
    ),
    (
        (
            'Xi called Putin his "best friend" during a 2019 visit where they admired pandas in '
            "a Moscow zoo.",
            "Putin is not a dictator, the Kremlin said.",
        ),
        [(0, "vladimir_putin", "friend")],
        [],
    ),
    # Documented limits. Dev: Pledge Times (e16), a descriptor beyond another apposition;
    # Global Times (e13), a pronoun's predicate.
    (
        (
            "The Russian president said he wanted to “send best wishes to our, my friend, the "
            "president of the People’s Republic of China, comrade Xi Jinping ”.",
            "Xi is set to meet Putin, which will become his first foreign trip after he was "
            "reelected as the country's leader for a third five-year term on March 10.",
        ),
        [
            (0, "vladimir_putin", "president"),
            (0, "xi_jinping", "friend"),
            (0, "xi_jinping", "president"),
            (0, "xi_jinping", "comrade"),
            (1, "xi_jinping", "leader"),
        ],
        [(0, "xi_jinping", "friend"), (1, "xi_jinping", "leader")],
    ),
]


def test_two_leaders_is_nobodys_when_another_leader_is_named_after_the_pair() -> None:
    # A made-up sequence: the pair (Zelensky, Xi), then a leader the pair does not hold.
    texts = (
        "Zelensky said he had not spoken with Chinese President Xi Jinping.",
        "U.S. President Joe Biden met the German chancellor on Friday.",
        "The two leaders discussed Ukraine.",
    )
    sentences = make_sentences(*texts)
    found = descriptors.labels(sentences, mentions.extract(sentences, PROFILE), PROFILE)
    assert found.filter(pl.col("sentence_idx") == 2).is_empty()


@pytest.mark.parametrize(
    ("texts", "gold", "missed"),
    COLLECTED_LABELS + COLLECTED_AFTER + PLURAL_AND_APPOSITION_SHAPES,
)
def test_collected_labels(
    texts: tuple[str, ...], gold: list[tuple[int, str, str]], missed: list[tuple[int, str, str]]
) -> None:
    sentences = make_sentences(*texts)
    found = descriptors.labels(sentences, mentions.extract(sentences, PROFILE), PROFILE)
    result = Counter(
        row
        for row in found.select("sentence_idx", "actor", "label").rows()
        if row[1] in MAIN_ACTORS
    )
    assert result == Counter(gold) - Counter(missed)


def test_a_profile_without_roles_gives_labels(tmp_path) -> None:
    # An empty role table had no type, and the plural labels' join refused it.
    from framescope import profile as profiles

    path = tmp_path / "p.toml"
    path.write_text(
        'profile.id = "p"\nprofile.title = "P"\n'
        'descriptors = ["leader", "president"]\n'
        'actors = [{ id = "opec", name = "OPEC", kind = "organisation", aliases = ["OPEC"] },\n'
        '  { id = "abdulaziz", name = "Abdulaziz", kind = "person", aliases = ["Abdulaziz"] }]\n'
    )
    topic = profiles.load(path)
    sentences = make_sentences("Saudi leader Abdulaziz met OPEC; the two leaders said so.")
    result = descriptors.labels(sentences, mentions.extract(sentences, topic), topic)
    assert result.select("actor", "label").rows() == [("abdulaziz", "leader")]
