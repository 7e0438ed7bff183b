from __future__ import annotations

import re

from textblob import _text as pattern_text
from textblob.en import sentiment as pattern_sentiment

from framescope.sentiment import textblob_lexicon

LEXICON = dict(pattern_sentiment.items())  # loads the package's lexicon on first use


def test_lexicon_is_the_packages() -> None:
    lexicon = textblob_lexicon.lexicon()
    for word in ("good", "really", "extremely", "terribly", "very"):
        polarity, _, intensity = LEXICON[word][None]
        assert lexicon.polarity[lexicon.ids[word]] == polarity
        assert lexicon.intensity[lexicon.ids[word]] == intensity


def test_emoticon_variants_keep_the_regex_order() -> None:
    rules = textblob_lexicon.rules()
    closed = list(dict.fromkeys(emoticon.strip() for emoticon in rules.emoticon_closed))
    escaped = [r" ?".join(re.escape(char) for char in emoticon) for emoticon in closed]
    assert escaped == pattern_text.TEMP_RE_EMOTICONS


def test_lexicon_equals_the_packages() -> None:
    # textblob/_text.py is loaded on its own (no NLTK import): same lexicon, same rules.
    loaded = textblob_lexicon.package_sentiment()
    result = (dict(loaded.items()), loaded.negations, loaded.modifiers)
    expected = (LEXICON, pattern_sentiment.negations, pattern_sentiment.modifiers)
    assert result == expected
    assert textblob_lexicon.package_text().EMOTICONS == pattern_text.EMOTICONS
