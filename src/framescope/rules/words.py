"""Word lists shared by the analyses: stop words, determiners and month names.

Kept here so that labels (words that cannot be a descriptor), speakers (phrases that are only a
determiner), quotes (name words that are too common to identify an actor) and distinctive
words (tokens left out) read the same lists, and so that dates (ingest), sentence breaks and
figure periods know the same months. Plain data: importing it costs nothing.
"""

from __future__ import annotations

STOP_WORDS = frozenset(
    {
        "a", "about", "above", "after", "again", "against", "all", "almost", "also", "although",
        "am", "among", "an", "and", "another", "any", "anyone", "anything", "are", "aren't",
        "around", "as", "at", "be", "became", "because", "been", "before", "being", "below",
        "between", "both", "but", "by", "can", "can't", "cannot", "could", "couldn't", "did",
        "didn't", "do", "does", "doesn't", "doing", "don't", "down", "during", "each", "either",
        "else", "even", "ever", "every", "few", "for", "from", "further", "had", "hadn't", "has",
        "hasn't", "have", "haven't", "having", "he", "he'd", "he'll", "he's", "her", "here",
        "here's", "hers", "herself", "him", "himself", "his", "how", "how's", "however", "i",
        "i'd", "i'll", "i'm", "i've", "if", "in", "into", "is", "isn't", "it", "it's", "its",
        "itself", "just", "let's", "may", "me", "might", "mine", "more", "most", "much", "must",
        "mustn't", "my", "myself", "neither", "no", "nor", "not", "now", "of", "off", "on", "once",
        "one", "only", "or", "other", "others", "ought", "our", "ours", "ourselves", "out", "over",
        "own", "per", "rather", "same", "shall", "shan't", "she", "she'd", "she'll", "she's",
        "should", "shouldn't", "since", "so", "some", "such", "than", "that", "that's", "the",
        "their", "theirs", "them", "themselves", "then", "there", "there's", "these", "they",
        "they'd", "they'll", "they're", "they've", "this", "those", "though", "through", "thus",
        "to", "too", "toward", "towards", "under", "until", "up", "upon", "us", "very", "via",
        "was", "wasn't", "we", "we'd", "we'll", "we're", "we've", "were", "weren't", "what",
        "what's", "whatever", "when", "when's", "where", "where's", "whether", "which", "while",
        "who", "who's", "whom", "whose", "why", "why's", "will", "with", "within", "without",
        "won't", "would", "wouldn't", "yet", "you", "you'd", "you'll", "you're", "you've", "your",
        "yours", "yourself", "yourselves", "s", "t", "d", "ll", "m", "re", "ve", "mr", "mrs", "ms",
        "dr",
    }
)  # fmt: skip
"""English stop words (lowercase, straight apostrophes): function words only, so content
words such as "said" or "war" stay in. Distinctive words leave them out, a discovered label
may not hold one, and a name word that is one does not identify an actor."""

DETERMINER = r"(?:the|a|an|his|her|its|their|our|The|A|An|His|Her|Its|Their|Our)"
"""A determiner, as a pattern (lowercase or capitalised): what may open a speaker phrase or
an apposition ("the spokesman", "his counterpart")."""

MONTHS = (
    "January", "February", "March", "April", "May", "June", "July", "August", "September",
    "October", "November", "December",
)  # fmt: skip
"""Month names, in calendar order."""

MONTH_ABBREVIATIONS = (
    "Jan", "Feb", "Mar", "Apr", "Jun", "Jul", "Aug", "Sep", "Sept", "Oct", "Nov", "Dec",
)  # fmt: skip
"""Month abbreviations as news text writes them, without their period ("Dec. 30")."""

MONTH_NUMBERS = {
    name.lower(): number
    for number, month in enumerate(MONTHS, 1)
    for name in (month, *(a for a in MONTH_ABBREVIATIONS if month.startswith(a)))
}
"""Each month name and abbreviation, lowercase ("march", "mar", "sept"), with the month's
number."""
