"""The pure parts of benchmarks.evaluate: speaker matching and mapping built sentences back to
the annotated ones (no build here; ``make evaluate`` runs the real one)."""

from __future__ import annotations

import sys

import pytest

from framescope import config

sys.path.insert(0, str(config.ROOT))  # benchmarks/ lives beside src/, not inside it

from benchmarks import evaluate


@pytest.mark.parametrize(
    ("system", "gold", "expected"),
    [
        ("xi_jinping", "xi_jinping", True),
        ("The Kremlin", "kremlin", True),
        ("Kirby", "John Kirby", True),
        ("Mr. Biden", "Joe Biden", True),
        ("Kremlin spokesman Dmitry Peskov", "Dmitry Peskov", True),
        ("Russian state media", "russian state media", True),
        ("US", "Russian state media", False),  # words, not letters: "us" is not in "russian"
        ("Yuri Ushakov", "Yury Ushakov", False),
        ("the", "the Kremlin", False),  # nothing left to compare
        ("vladimir_putin", "xi_jinping", False),
    ],
)
def test_speaker_matches(system, gold, expected):
    result = evaluate.speaker_matches(system, gold)
    assert result == expected


def test_joined_gives_each_sentence_its_span():
    text, spans = evaluate.joined(["Xi arrived.", "Putin said: “Welcome.”", "Talks began."])
    result = [text[start:end] for start, end in spans]
    expected = ["Xi arrived.", "Putin said: “Welcome.”", "Talks began."]
    assert result == expected


def test_offsets_of_a_cleaned_text_map_back_to_the_excerpt():
    # The build may change the text a little (a dash, a doubled space): offsets still map.
    reference, _ = evaluate.joined(["Xi – Putin met.", "Trade rose 30%."])
    built = "Xi — Putin  met. Trade rose 30%."
    at = evaluate.offset_map(built, reference)
    result = [(at(0), at(16)), (at(17), at(len(built)))]
    expected = [(0, 15), (16, 31)]
    assert result == expected
    assert reference[16:31] == "Trade rose 30%."


def test_a_merged_built_sentence_covers_both_and_a_split_piece_one():
    _, spans = evaluate.joined(["He said: “We agree.", "We will sign.”", "Then he left."])
    merged = evaluate.covered((0, spans[1][1]), spans)
    piece = evaluate.covered((spans[2][0], spans[2][0] + 4), spans)
    sliver = evaluate.covered((spans[0][1] - 2, spans[1][0] + 2), spans)
    result = (merged, piece, sliver)
    expected = ([0, 1], [2], [])
    assert result == expected


def test_pearson_is_undefined_for_a_constant_side():
    result = (evaluate.pearson([0, 0, 0], [0.1, 0.2, 0.3]), evaluate.pearson([1.0], [1.0]))
    expected = (None, None)
    assert result == expected


def test_restrict_keeps_one_half_of_the_set_and_of_its_build():
    import polars as pl

    row = {"article_id": "e01", "sentence_no": "0", "speaker": "x", "kind": "person"}
    gold = evaluate.Gold(
        articles=[{"article_id": "e01"}, {"article_id": "e27"}],
        sentences={"e01": ["A."], "e27": ["B."]},
        speakers=[row, {**row, "article_id": "e27"}],
        labels=[],
        figures=[],
        headlines=[],
        tones={"tones_a": {("e01", 0): 1.0, ("e27", 0): -1.0}},
    )
    quotes = pl.DataFrame({"article_id": ["b1", "b2"], "sentence_idx": [0, 0]})
    built = evaluate.Built(
        tables={"quotes": quotes, "rejects": pl.DataFrame({"r": [1]})},
        titles=None,
        ids={"b1": "e01", "b2": "e27"},
        covers={("b1", 0): [0], ("b2", 0): [0]},
        rejects=1,
    )
    part, cut = evaluate.restrict(gold, built, range(27, 53))
    result = (
        [a["article_id"] for a in part.articles],
        [s["article_id"] for s in part.speakers],
        part.tones,
        cut.tables["quotes"]["article_id"].to_list(),
        cut.ids,
        cut.covers,
    )
    expected = (["e27"], ["e27"], {"tones_a": {("e27", 0): -1.0}}, ["b2"], {"b2": "e27"},
                {("b2", 0): [0]})  # fmt: skip
    assert result == expected


def test_mean_tones_is_the_gold_over_the_sentences_every_annotator_scored():
    annotators = {"tones_a": {("e01", 0): 2.0, ("e01", 1): 0.0}, "tones_b": {("e01", 0): 1.0}}
    result = evaluate.mean_tones(annotators)
    expected = {"tones": {("e01", 0): 1.5}, **annotators}
    assert result == expected
    assert evaluate.mean_tones({}) == {}
