import polars as pl

from framescope.rules import words


def test_stop_words_are_function_words_only() -> None:
    assert {"the", "of", "don't", "mr"} <= words.STOP_WORDS
    assert not {"said", "war", "president"} & words.STOP_WORDS
    assert all(w == w.lower() and "’" not in w for w in words.STOP_WORDS)


def test_determiner_matches_lowercase_and_capitalised_whole_words() -> None:
    result = pl.Series(["the", "The", "THE", "a", "An", "their", "then"]).str.contains(
        f"^{words.DETERMINER}$"
    )
    assert result.to_list() == [True, True, False, True, True, True, False]
