import math
import subprocess
import sys
from pathlib import Path

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import config, framing, mentions, pipeline, profile, store

PROFILE = profile.load()
SENTENCE_SCHEMA = {
    "article_id": pl.String,
    "sentence_idx": pl.Int32,
    "start": pl.Int64,
    "end": pl.Int64,
    "text": pl.String,
}
ARTICLE_SCHEMA = {
    "article_id": pl.String,
    "source": pl.String,
    "n_words": pl.Int64,
    "duplicate_of": pl.String,
}
EMPTY_SENTENCES = pl.DataFrame(schema=SENTENCE_SCHEMA)
EMPTY_MENTIONS = pl.DataFrame(schema=mentions.MENTION_SCHEMA)


def make_sentences(*texts: str, article_id: str = "a") -> pl.DataFrame:
    """One article's sentences with offsets as if joined by single spaces."""
    rows, start = [], 0
    for idx, text in enumerate(texts):
        rows.append((article_id, idx, start, start + len(text), text))
        start += len(text) + 1
    return pl.DataFrame(rows, schema=SENTENCE_SCHEMA, orient="row")


def make_articles(rows: list[tuple[str, str, int, str | None]]) -> pl.DataFrame:
    return pl.DataFrame(rows, schema=ARTICLE_SCHEMA, orient="row")


def run_labels(*texts: str) -> list[tuple[str, str, bool]]:
    sentences = make_sentences(*texts)
    found = mentions.extract(sentences, PROFILE)
    return framing.labels(sentences, found, PROFILE).select("actor", "label", "listed").rows()


def run_quotes(*texts: str) -> list[tuple[int, str, str]]:
    sentences = make_sentences(*texts)
    found = framing.quotes(sentences, mentions.extract(sentences, PROFILE), PROFILE)
    return found.select("sentence_idx", "speaker", "verb").rows()


# --------------------------------------------------------------------------- labels


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
        # Plurals are reported in the listed form.
        ("The Russian leaders Putin and Medvedev met.", [("vladimir_putin", "leader", True)]),
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
    result = framing.labels(EMPTY_SENTENCES, EMPTY_MENTIONS, PROFILE)
    assert_frame_equal(result, pl.DataFrame(schema=framing.LABEL_SCHEMA))


# --------------------------------------------------------------------------- war naming


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # Seed 001: unquoted but attributed by "which Russia still describes as".
        (
            "Mr Xi was caught off guard by the invasion of Ukraine, which Russia still "
            "describes as a special military operation, according to four people briefed on "
            "the February meeting between the two leaders.",
            [
                ("invasion", "invasion", False, False),
                ("special_military_operation", "special military operation", False, True),
            ],
        ),
        # Seed 002: scare quotes.
        (
            "At the invitation of Russian President Vladimir Putin, Chinese President Xi "
            "Jinping may visit Moscow this month on the first anniversary of Russia’s “special "
            "military operation” against Ukraine, the Russian foreign ministry said.",
            [("special_military_operation", "special military operation", True, True)],
        ),
        (
            "Putin's so-called special military operation",
            [("special_military_operation", "special military operation", False, True)],
        ),
        (
            "what Moscow calls its ‘special military operation’",
            [("special_military_operation", "special military operation", True, True)],
        ),
        (
            'the "special military operation" began',
            [("special_military_operation", "special military operation", True, True)],
        ),
        (
            "the conflict, as the Kremlin calls it, goes on",
            [("conflict", "conflict", False, True)],
        ),
        # The quotation began in the previous sentence and closes here.
        (
            "It will end the conflict,” he said.",
            [("conflict", "conflict", True, True)],
        ),
        # Apostrophes are not quote marks, also right after the term: "war’s" closes nothing.
        ("Russia’s war in Ukraine", [("war", "war in Ukraine", False, False)]),
        ("the ‘war’s cost", [("war", "war", False, False)]),
        ("the ‘war’s cost’ rose", [("war", "war", True, True)]),
        # Exclusions hide the term inside them; case does not matter.
        ("Trump’s trade war and the Cold War are not the WAR.", [("war", "WAR", False, False)]),
        ("they appear to be returning to their pre-war status", []),
        ("She refrained from calling it an invasion.", [("invasion", "invasion", False, True)]),
    ],
)
def test_war_naming(text: str, expected: list[tuple[str, str, bool, bool]]) -> None:
    result = framing.war_naming(make_sentences(text), PROFILE)
    assert result.select("term", "surface", "quoted", "attributed").rows() == expected


def test_war_naming_empty_input() -> None:
    result = framing.war_naming(EMPTY_SENTENCES, PROFILE)
    assert_frame_equal(result, pl.DataFrame(schema=framing.WAR_SCHEMA))


# --------------------------------------------------------------------------- frames, hedges


def test_frames_give_the_first_cue_of_each_frame_per_sentence() -> None:
    sentences = make_sentences(
        "Sanctions hit oil exports, and trade fell.",
        "Xi has largely refused to leave Beijing since the Chinese coronavirus pandemic began.",
        "Nothing here.",
    )
    result = framing.frames(sentences, PROFILE)
    expected = pl.DataFrame(
        [
            ("a", 0, "economic_ties", "economic", "oil"),
            ("a", 0, "sanctions_law", "legality", "sanctions"),
            ("a", 1, "pandemic", "health_and_safety", "coronavirus"),
        ],
        schema=framing.FRAME_SCHEMA,
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
    result = framing.frames(sentences, topic).select("sentence_idx", "cue").rows()
    assert result == [(1, "war"), (2, "Covid")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Xi may visit in May, reportedly.", ["may", "reportedly"]),
        ("May Xi visit Moscow?", ["may"]),
        ("Theresa May said it is likely.", ["likely"]),
        (
            "The Russian Foreign Ministry appeared to confirm the visit; Beijing declined to "
            "confirm it.",
            ["appeared to", "declined to confirm"],
        ),
        ("It is expected to happen.", ["is expected"]),
    ],
)
def test_hedges(text: str, expected: list[str]) -> None:
    assert framing.hedges(make_sentences(text), PROFILE)["hedge"].to_list() == expected


def test_frames_and_hedges_empty_input() -> None:
    assert_frame_equal(
        framing.frames(EMPTY_SENTENCES, PROFILE), pl.DataFrame(schema=framing.FRAME_SCHEMA)
    )
    assert_frame_equal(
        framing.hedges(EMPTY_SENTENCES, PROFILE), pl.DataFrame(schema=framing.HEDGE_SCHEMA)
    )


# --------------------------------------------------------------------------- quotes


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
    result = framing.quotes(sentences, mentions.extract(sentences, PROFILE), PROFILE)
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
        schema=framing.QUOTE_SCHEMA,
        orient="row",
    )  # fmt: skip
    assert_frame_equal(result, expected)


def test_quotes_empty_inputs() -> None:
    result = framing.quotes(EMPTY_SENTENCES, EMPTY_MENTIONS, PROFILE)
    assert_frame_equal(result, pl.DataFrame(schema=framing.QUOTE_SCHEMA))
    no_mentions = framing.quotes(make_sentences("Officials said so."), EMPTY_MENTIONS, PROFILE)
    assert no_mentions.select("speaker", "verb").rows() == [("Officials", "say")]


def test_voice_shares_per_source_with_every_voice() -> None:
    quotes = pl.DataFrame(
        {
            "article_id": ["a", "a", "a", "b", "dup"],
            "voice": ["russian_official", "russian_official", "other", "independent", "other"],
        }
    )
    articles = make_articles([("a", "X", 100, None), ("b", "Y", 100, None), ("dup", "Y", 100, "b")])
    result = framing.voice_shares(quotes, articles, min_n=2).filter(pl.col("n") > 0)
    expected = pl.DataFrame(
        [
            ("X", "other", 1, 3, 1 / 3, False),
            ("X", "russian_official", 2, 3, 2 / 3, False),
            ("Y", "independent", 1, 1, 1.0, True),
        ],
        schema=framing.VOICE_SHARE_SCHEMA,
        orient="row",
    )
    assert_frame_equal(result, expected)
    assert framing.voice_shares(quotes, articles).height == 2 * len(profile.VOICES)


# --------------------------------------------------------------------------- distinctive words


def two_outlets(x: str, y: str) -> tuple[pl.DataFrame, pl.DataFrame]:
    sentences = pl.concat([make_sentences(x, article_id="x1"), make_sentences(y, article_id="y1")])
    articles = make_articles([("x1", "X", 3, None), ("y1", "Y", 4, None)])
    return sentences, articles


def test_log_odds_uniform_prior_worked_example() -> None:
    # X says "oil oil gas" (n_X = 3), Y says "oil gas gas gas" (n_Y = 4). Prior a_w = 1 for
    # both words, so a_0 = 2. For X against the rest (Y):
    #   oil: delta = log((2+1)/(3+2-2-1)) - log((1+1)/(4+2-1-1)) = log(3/2) - log(2/4) = log 3
    #        var   = 1/(2+1) + 1/(1+1) = 5/6
    #   gas: delta = log((1+1)/(3+2-1-1)) - log((3+1)/(4+2-3-1)) = log(2/3) - log(4/2) = -log 3
    #        var   = 1/(1+1) + 1/(3+1) = 3/4
    # and for Y the same numbers with the signs and variances swapped between the words.
    sentences, articles = two_outlets("Oil, oil and gas.", "Oil and gas, gas, gas.")
    result = framing.distinctive_terms(
        sentences, articles, ngram=(1, 1), prior=1.0, min_count=1, small_sample_tokens=0
    )
    log3 = math.log(3)
    expected = pl.DataFrame(
        [
            ("X", 1, "oil", 2, 1, log3, log3 / math.sqrt(5 / 6), False),
            ("X", 1, "gas", 1, 3, -log3, -log3 / math.sqrt(3 / 4), False),
            ("Y", 1, "gas", 3, 1, log3, log3 / math.sqrt(3 / 4), False),
            ("Y", 1, "oil", 1, 2, -log3, -log3 / math.sqrt(5 / 6), False),
        ],
        schema=framing.DISTINCTIVE_SCHEMA,
        orient="row",
    )
    assert_frame_equal(result, expected)


def test_log_odds_informative_prior_worked_example() -> None:
    # Same counts; corpus: oil 3, gas 4 of n = 7. With alpha0 = 7 the prior is the corpus
    # counts: a_oil = 7 * 3/7 = 3, a_gas = 7 * 4/7 = 4, a_0 = 7. For X:
    #   oil: delta = log((2+3)/(3+7-2-3)) - log((1+3)/(4+7-1-3)) = log(5/5) - log(4/7)
    #              = log(7/4);                var = 1/(2+3) + 1/(1+3) = 1/5 + 1/4
    #   gas: delta = log((1+4)/(3+7-1-4)) - log((3+4)/(4+7-3-4)) = log(5/5) - log(7/4)
    #              = -log(7/4);               var = 1/(1+4) + 1/(3+4) = 1/5 + 1/7
    sentences, articles = two_outlets("Oil, oil and gas.", "Oil and gas, gas, gas.")
    result = framing.distinctive_terms(
        sentences, articles, ngram=(1, 1), alpha0=7.0, min_count=1, small_sample_tokens=0
    ).filter(pl.col("source") == "X")
    delta = math.log(7 / 4)
    expected = pl.DataFrame(
        [
            ("X", 1, "oil", 2, 1, delta, delta / math.sqrt(1 / 5 + 1 / 4), False),
            ("X", 1, "gas", 1, 3, -delta, -delta / math.sqrt(1 / 5 + 1 / 7), False),
        ],
        schema=framing.DISTINCTIVE_SCHEMA,
        orient="row",
    )
    assert_frame_equal(result, expected)


def test_tokens_drop_stop_words_and_form_bigrams_of_adjacent_content_words() -> None:
    sentences = make_sentences("The invasion of Ukraine and Russia’s Foreign Ministry.")
    result = framing.tokens(sentences).collect().select("ngram", "term").rows()
    assert result == [
        (1, "invasion"),
        (1, "ukraine"),
        (1, "russia"),
        (1, "foreign"),
        (1, "ministry"),
        (2, "russia foreign"),
        (2, "foreign ministry"),
    ]


def test_distinctive_terms_one_vs_rest_with_five_outlets() -> None:
    texts = {
        "A": "Sanctions, sanctions and more sanctions on oil.",
        "B": "Oil trade and gas trade grew.",
        "C": "The summit praised the partnership.",
        "D": "Peace talks and a peace plan.",
        "E": "Oil and peace at the summit.",
    }
    sentences = pl.concat(
        [make_sentences(text, article_id=name.lower()) for name, text in texts.items()]
    )
    articles = make_articles([(name.lower(), name, 10, None) for name in texts])
    with pytest.warns(UserWarning, match="5 source"):
        result = framing.distinctive_terms(sentences, articles, min_count=1)
    assert result["source"].unique().sort().to_list() == list(texts)
    unigrams = result.filter(pl.col("ngram") == 1)
    # Every source gets every term, and its rest is the other four pooled.
    totals = unigrams.group_by("term").agg((pl.col("n_source") + pl.col("n_rest")).n_unique())
    assert totals["n_source"].to_list() == [1] * totals.height
    top = unigrams.group_by("source", maintain_order=True).first()
    assert dict(top.select("source", "term").rows())["A"] == "sanctions"
    assert result["small_sample"].all()
    # One-vs-rest equals a two-outlet comparison of A against the others merged.
    merged = articles.with_columns(
        pl.when(pl.col("source") == "A").then(pl.lit("A")).otherwise(pl.lit("rest")).alias("source")
    )
    with pytest.warns(UserWarning):
        pairwise = framing.distinctive_terms(sentences, merged, min_count=1)
    assert_frame_equal(
        result.filter(pl.col("source") == "A"), pairwise.filter(pl.col("source") == "A")
    )


def test_distinctive_terms_needs_two_sources_and_valid_options() -> None:
    sentences = make_sentences("Oil and gas.")
    articles = make_articles([("a", "Only", 3, None)])
    with pytest.raises(ValueError, match="'Only'"):
        framing.distinctive_terms(sentences, articles)
    with pytest.raises(ValueError, match=r"\(2, 1\)"):
        framing.distinctive_terms(sentences, articles, ngram=(2, 1))
    with pytest.raises(ValueError, match="-1"):
        framing.distinctive_terms(sentences, articles, prior=-1)
    empty = framing.distinctive_terms(EMPTY_SENTENCES, articles)
    assert_frame_equal(empty, pl.DataFrame(schema=framing.DISTINCTIVE_SCHEMA))


# --------------------------------------------------------------------------- comparisons


ARTICLES = make_articles(
    [
        ("a1", "X", 1000, None),
        ("a2", "X", 1000, None),
        ("b1", "Y", 500, None),
        ("b2", "Y", 500, "b1"),  # a near-duplicate of b1
        ("c1", "Z", 200, None),
    ]
)
WAR = pl.DataFrame(
    [("a1", 0, "war"), ("a1", 3, "invasion"), ("a2", 1, "war"), ("b1", 0, "war"),
     ("b2", 0, "war")],
    schema={"article_id": pl.String, "sentence_idx": pl.Int32, "term": pl.String},
    orient="row",
)  # fmt: skip


def test_shares_per_source_and_value_with_zeros_and_no_duplicates() -> None:
    result = framing.shares(WAR, ARTICLES, by="term", min_n=2)
    expected = pl.DataFrame(
        [
            ("X", "invasion", 1, 3, 1 / 3, 1, 2, 2000, 0.5, False),
            ("X", "war", 2, 3, 2 / 3, 2, 2, 2000, 1.0, False),
            ("Y", "invasion", 0, 1, 0.0, 0, 1, 500, 0.0, True),
            ("Y", "war", 1, 1, 1.0, 1, 1, 500, 2.0, True),
            ("Z", "invasion", 0, 0, None, 0, 1, 200, 0.0, True),
            ("Z", "war", 0, 0, None, 0, 1, 200, 0.0, True),
        ],
        schema={
            "source": pl.String,
            "term": pl.String,
            "n": pl.Int64,
            "n_source": pl.Int64,
            "share": pl.Float64,
            "articles_with": pl.Int64,
            "n_articles": pl.Int64,
            "n_words": pl.Int64,
            "per_1k_words": pl.Float64,
            "small_sample": pl.Boolean,
        },
        orient="row",
    )
    assert_frame_equal(result, expected)


def test_shares_totals_duplicates_and_errors() -> None:
    result = framing.shares(WAR, ARTICLES, by=None, include_duplicates=True)
    assert result.select("source", "n", "n_words").rows() == [
        ("X", 3, 2000),
        ("Y", 2, 1000),
        ("Z", 0, 200),
    ]
    with pytest.raises(ValueError, match="'frame'"):
        framing.shares(WAR, ARTICLES, by="frame")
    empty = framing.shares(WAR.clear(), ARTICLES, by="term")
    assert empty.height == 0


def test_evidence_returns_the_sentences_behind_a_number() -> None:
    sentences = pl.concat(
        [
            make_sentences("It is a war.", "x", "y", "An invasion.", article_id="a1"),
            make_sentences("Another war.", article_id="b1"),
        ]
    )
    result = framing.evidence(WAR, sentences, articles=ARTICLES, source="X", term=["invasion"])
    assert result.select("article_id", "sentence_idx", "sentence").rows() == [
        ("a1", 3, "An invasion.")
    ]
    with pytest.raises(ValueError, match="'frame'"):
        framing.evidence(WAR, sentences, frame="x")


def test_omissions_per_source_and_kind() -> None:
    found_mentions = pl.DataFrame(
        {"article_id": ["a1", "b1", "b2"], "actor": ["tass", "china", "tass"]}
    )
    found_frames = pl.DataFrame({"article_id": ["a1", "c1"], "frame": ["economic_ties"] * 2})
    found_quotes = pl.DataFrame(
        {"article_id": ["a1", "b1"], "speaker": ["russian_foreign_ministry", "unresolved"]}
    )
    figures = pl.DataFrame({"article_id": ["c1", "c1"], "metric": ["bilateral_trade", "other"]})
    result = framing.omissions(
        ARTICLES,
        mentions=found_mentions,
        frames=found_frames,
        quotes=found_quotes,
        figures=figures,
    )
    expected = pl.DataFrame(
        [
            ("X", "actor", "china", False, 0, 1, 3),
            ("Y", "actor", "china", True, 1, 1, 3),
            ("Z", "actor", "china", False, 0, 1, 3),
            ("X", "actor", "tass", True, 1, 1, 3),  # b2 is a duplicate: Y has no TASS
            ("Y", "actor", "tass", False, 0, 1, 3),
            ("Z", "actor", "tass", False, 0, 1, 3),
            ("X", "figure", "bilateral_trade", False, 0, 1, 3),
            ("Y", "figure", "bilateral_trade", False, 0, 1, 3),
            ("Z", "figure", "bilateral_trade", True, 1, 1, 3),  # "other" is not a metric
            ("X", "frame", "economic_ties", True, 1, 2, 3),
            ("Y", "frame", "economic_ties", False, 0, 2, 3),
            ("Z", "frame", "economic_ties", True, 1, 2, 3),
            ("X", "voice", "russian_foreign_ministry", True, 1, 1, 3),
            ("Y", "voice", "russian_foreign_ministry", False, 0, 1, 3),
            ("Z", "voice", "russian_foreign_ministry", False, 0, 1, 3),
        ],
        schema=framing.OMISSION_SCHEMA,
        orient="row",
    )
    assert_frame_equal(result, expected)
    assert_frame_equal(framing.omissions(ARTICLES), pl.DataFrame(schema=framing.OMISSION_SCHEMA))


# --------------------------------------------------------------------------- the seeds


@pytest.fixture(scope="module")
def seeds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, pl.DataFrame]:
    out: Path = tmp_path_factory.mktemp("b")
    pipeline.build([config.ROOT / "data/raw/xi_moscow_2023"], out=out, progress=False)
    tables = {name: store.read(name, out) for name in ("articles", "sentences", "mentions")}
    tables |= framing.extract_all(tables["sentences"], tables["mentions"], PROFILE)
    prefixes = (
        tables["articles"]
        .select("article_id", pl.col("path").str.extract(r"(\d{3})_[0-9a-f]+\.txt$", 1))
        .rows()
    )
    tables["prefix"] = pl.DataFrame(prefixes, schema=["article_id", "prefix"], orient="row")
    return tables


def by_prefix(table: pl.DataFrame, seeds: dict[str, pl.DataFrame]) -> pl.DataFrame:
    return table.join(seeds["prefix"], on="article_id")


def test_seed_tables_have_their_schemas(seeds: dict[str, pl.DataFrame]) -> None:
    for name, schema in [
        ("labels", framing.LABEL_SCHEMA),
        ("war_terms", framing.WAR_SCHEMA),
        ("frames", framing.FRAME_SCHEMA),
        ("hedges", framing.HEDGE_SCHEMA),
        ("quotes", framing.QUOTE_SCHEMA),
    ]:
        assert seeds[name].schema == pl.Schema(schema), name
        assert seeds[name].height > 0, name


def test_seed_labels_for_xi(seeds: dict[str, pl.DataFrame]) -> None:
    xi = by_prefix(seeds["labels"], seeds).filter(pl.col("actor") == "xi_jinping")
    labels = {p: set(g["label"]) for (p,), g in xi.group_by("prefix")}
    assert "dictator" in labels["000"]  # Breitbart
    for prefix in ("001", "002", "004"):
        assert labels[prefix] & {"president", "leader"}, prefix
        assert "dictator" not in labels[prefix], prefix
    # The Portuguese repost names Xi only as "the Chinese president", which is not a mention.
    assert "003" not in labels


def test_seed_special_military_operation_is_attributed(seeds: dict[str, pl.DataFrame]) -> None:
    smo = by_prefix(seeds["war_terms"], seeds).filter(
        pl.col("term") == "special_military_operation"
    )
    assert sorted(smo["prefix"]) == ["001", "002"]
    assert smo["attributed"].all()
    assert smo.filter(pl.col("prefix") == "002")["quoted"].all()


def test_seed_quoted_voices(seeds: dict[str, pl.DataFrame]) -> None:
    speakers = set(seeds["quotes"]["speaker"])
    assert {"russian_foreign_ministry", "tass", "wang_wenbin", "mao_ning"} <= speakers
    chinese = seeds["quotes"].filter(pl.col("voice") == "chinese_official")
    assert {"wang_wenbin", "mao_ning", "chinese_foreign_ministry"} <= set(chinese["speaker"])


def test_seed_distinctive_terms_for_all_five_outlets(seeds: dict[str, pl.DataFrame]) -> None:
    with pytest.warns(UserWarning, match="fewer than 1000 tokens"):
        result = framing.distinctive_terms(seeds["sentences"], seeds["articles"])
    assert result["source"].n_unique() == 5
    assert set(result["ngram"]) == {1, 2}
    assert result["small_sample"].all()


def test_seed_shares_trace_back_to_sentences(seeds: dict[str, pl.DataFrame]) -> None:
    war = seeds["war_terms"]
    result = framing.shares(war, seeds["articles"], by="term")
    assert result["n"].sum() == war.height
    nbc = result.filter(pl.col("source") == "NBC News", pl.col("term") == "conflict")
    behind = framing.evidence(
        war, seeds["sentences"], articles=seeds["articles"], source="NBC News", term="conflict"
    )
    assert behind.height == nbc["n"].item() == 5
    assert behind["sentence"].str.contains("(?i)conflict").all()


# --------------------------------------------------------------------------- long sentences

FILLER = "and the talks went on " * 60  # 1,320 characters, past every context window


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # The quotation opens far before the term and stays open, or closes far after it.
        (f"“{FILLER}the war", [("war", True, True)]),
        (f"the war {FILLER}”", [("war", True, True)]),
        (f"“a” {FILLER}the war", [("war", False, False)]),
        (
            f'"{FILLER}the war {FILLER}" and the invasion',
            [("war", True, True), ("invasion", False, False)],
        ),
        (f"‘{FILLER}the war {FILLER}’", [("war", True, True)]),
        (f"the so-called {FILLER}war", [("war", False, False)]),
    ],
)
def test_war_naming_quote_marks_count_across_a_long_sentence(
    text: str, expected: list[tuple[str, bool, bool]]
) -> None:
    result = framing.war_naming(make_sentences(text), PROFILE)
    assert result.select("term", "quoted", "attributed").rows() == expected


def test_locate_offsets_hold_in_a_long_sentence() -> None:
    text = "the war, the invasion and the conflict " * 200
    sentences = make_sentences(text).lazy()
    result = framing._locate(
        sentences, {"war": framing._alternation(["war", "conflict"])}
    ).collect()
    assert result.height == 400
    assert all(
        text[start:end] == surface
        for start, end, surface in result.select("start", "end", "surface").iter_rows()
    )
    assert result["start"].to_list()[-1] == len(text) - len("conflict ")


def test_quotes_in_a_long_sentence() -> None:
    # The speaker is found beside the verb, and a verb inside a quotation opened 1,300
    # characters before is not an attribution.
    assert run_quotes(f"“{FILLER}” {FILLER}, Wang Wenbin said.") == [(0, "wang_wenbin", "say")]
    assert run_quotes(f"“{FILLER}, Wang Wenbin said {FILLER}”") == []


# The child's own peak (VmHWM): Linux carries the parent's peak across exec into ru_maxrss.
_FRAMING_PEAK = """
import re, sys
from pathlib import Path
import polars as pl
from framescope import framing, mentions, profile, sentences

def peak():
    status = Path("/proc/self/status").read_text()
    return int(re.search(r"VmHWM:\\s+(\\d+) kB", status).group(1)) * 1024

unit = sys.argv[1]
topic = profile.load()
text = unit * (400_000 // len(unit))
split = sentences.split(pl.DataFrame({"article_id": ["a"], "text": [text]}))
found = mentions.extract(split, topic)
start = peak()
framing.extract_all(split, found, topic)
print(peak() - start)
"""


@pytest.mark.parametrize("unit", ["“war” said Putin ", "Putin said Xi told "])
def test_framing_memory_does_not_grow_with_findings_per_sentence(unit: str) -> None:
    # 400,000 characters in 200 sentences of 2,000, with a finding every few words: each
    # finding searched its own copy of its sentence (and every clause met every mention of
    # the sentence), 600 MB and 1.1 GB; now about 50 MB.
    command = [sys.executable, "-c", _FRAMING_PEAK, unit]
    growth = int(subprocess.run(command, capture_output=True, text=True, check=True).stdout)
    assert growth < 250 * 1024**2
