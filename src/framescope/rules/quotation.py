"""Quotation marks: whether a span of a sentence is inside a quotation, and the quoted words.

A span is quoted when, in its sentence, it stands after an opening “ that is not yet closed,
inside a pair of straight double quotes, after an opening ‘ with a closing ’ later
(apostrophes between letters are not quote marks), or, with ``carried``, before a closing ”
when the sentence began inside a quotation opened in an earlier sentence. Limits: a sentence
in the middle of a multi-sentence quotation with no quote mark of its own is not seen as
quoted.

Used by war naming (a quoted term), speakers (a reporting verb inside quotes attributes
nothing) and quotes (antecedents, the quoted words).
"""

from __future__ import annotations

import polars as pl
import polars.selectors as cs

from framescope.rules.spans import KEYS

MARKS = '“”"‘’'
"""The quote marks, curly and straight."""

QUOTE_SPAN = r'“[^“”]*”|"[^"]*"|^[^“”]*”|“[^“”]*$'
"""A quoted span: a closed pair, or the open end of a quotation at either end of a sentence."""


def quote_marks(sentences: pl.LazyFrame) -> pl.LazyFrame:
    """The quote marks of each sentence, with the quotation state before and after each.

    Returns ``article_id, sentence_idx, _at`` (the mark's offset in the sentence) and: for
    the text up to and including the mark, ``_last_curly`` (the last “ or ”),
    ``_last_single`` (the last ‘ or closing ’) and ``_straight`` (how many "); for the text
    from the mark on, ``_next_curly`` (the first “ or ”), ``_closing`` (whether a closing ’
    comes) and ``_straight_on`` (how many "). A ’ between letters is an apostrophe
    ("Russia’s", "don’t"), not a mark. Sentences with no “, ”, " or ‘ are left out: nothing
    in them is quoted.

    Each finding then reads its state from the marks next to it (:func:`quoted`), instead of
    searching its own copy of the text before and after it: that took memory and time growing
    with the sentence for every finding, gigabytes on one long sentence.

    Examples
    --------
    >>> s = pl.LazyFrame({"article_id": ["a"], "sentence_idx": [0],
    ...                   "text": ["“Yes,” Xi’s aide said"]})
    >>> quote_marks(s).select("_at", "_last_curly", "_next_curly").collect().rows()
    [(0, '“', '“'), (5, '”', '”')]
    """
    # Per sentence, lists over the pieces of text ending at each mark (and the text after the
    # last one): list operations, not windows over an exploded frame, which took twice as long.
    piece = pl.element()
    mark = piece.str.slice(-1)
    letter = r"^\p{L}"
    apostrophe = (
        (mark == "’")
        & piece.str.slice(-2, 1).str.contains(letter)
        & piece.str.slice(0, 1).shift(-1).str.contains(letter).fill_null(False)
    )
    kind = pl.when(mark.is_in(list(MARKS)) & ~apostrophe).then(mark)
    kinds = pl.col("_kind")
    curly = pl.when(piece.is_in(["“", "”"])).then(piece)
    single = pl.when(piece.is_in(["‘", "’"])).then(piece)
    straight = (piece == '"').cast(pl.Int64)
    return (
        sentences.filter(pl.col("text").str.contains('[“”"‘]'))
        .select(
            *KEYS,
            pl.col("text").str.extract_all(f"[^{MARKS}]*[{MARKS}]|[^{MARKS}]+$").alias("_piece"),
        )
        .select(
            *KEYS,
            pl.col("_piece")
            .list.eval(piece.str.len_chars().cast(pl.Int64).cum_sum() - 1)
            .alias("_at"),
            pl.col("_piece").list.eval(kind).alias("_kind"),
        )
        .select(
            *KEYS,
            "_at",
            "_kind",
            kinds.list.eval(curly.forward_fill()).alias("_last_curly"),
            kinds.list.eval(single.forward_fill()).alias("_last_single"),
            kinds.list.eval(straight.cum_sum()).alias("_straight"),
            kinds.list.eval(curly.backward_fill()).alias("_next_curly"),
            kinds.list.eval((piece == "’").fill_null(False).cum_max(reverse=True)).alias(
                "_closing"
            ),
            kinds.list.eval(straight.cum_sum(reverse=True)).alias("_straight_on"),
        )
        .explode(cs.exclude(KEYS))
        .filter(kinds.is_not_null())
        .drop("_kind")
    )


def quoted(
    rows: pl.LazyFrame,
    marks: pl.LazyFrame,
    *,
    start: str = "start",
    end: str = "end",
    carried: bool = True,
) -> pl.LazyFrame:
    """``rows`` (in their order) with ``_quoted``: whether the text between the offsets
    ``start`` and ``end`` in its sentence is inside quotation marks (module docstring).

    ``marks`` are the sentences' :func:`quote_marks`. With ``carried``, text before a
    closing ” with no opening “ before it counts as quoted: the quotation began in an earlier
    sentence.

    Examples
    --------
    >>> s = pl.LazyFrame({"article_id": ["a"], "sentence_idx": [0], "text": ["a “war” and war"]})
    >>> rows = pl.LazyFrame({"article_id": ["a", "a"], "sentence_idx": [0, 0],
    ...                      "start": [3, 12], "end": [6, 15]})
    >>> quoted(rows, quote_marks(s)).collect()["_quoted"].to_list()
    [True, False]
    """
    before = marks.select(*KEYS, "_at", "_last_curly", "_last_single", "_straight")
    after = marks.select(
        *KEYS, pl.col("_at").alias("_at_after"), "_next_curly", "_closing", "_straight_on"
    )
    n_before = pl.col("_straight").fill_null(0)
    curly = pl.col("_last_curly") == "“"
    straight = n_before % 2 == 1
    if carried:
        curly = curly | (pl.col("_last_curly").is_null() & (pl.col("_next_curly") == "”"))
        straight = straight | ((n_before == 0) & (pl.col("_straight_on").fill_null(0) % 2 == 1))
    single = (pl.col("_last_single") == "‘") & pl.col("_closing")
    inside = curly.fill_null(False) | straight.fill_null(False) | single.fill_null(False)
    flags = (
        rows.select(
            *KEYS,
            pl.col(start).cast(pl.Int64).alias("_from"),
            pl.col(end).cast(pl.Int64).alias("_to"),
        )
        .with_row_index("_order")
        .sort(*KEYS, "_from")
        # The state before the text: at the last mark before it; after it: at the first
        # mark from its end on.
        .join_asof(
            before,
            left_on="_from",
            right_on="_at",
            by=list(KEYS),
            strategy="backward",
            allow_exact_matches=False,
            check_sortedness=False,
        )
        .sort(*KEYS, "_to")
        .join_asof(
            after,
            left_on="_to",
            right_on="_at_after",
            by=list(KEYS),
            strategy="forward",
            check_sortedness=False,
        )
        .sort("_order")
        .select(inside.alias("_quoted"))
    )
    # Set beside the rows rather than joined to them: a join or a sort copies each row's
    # sentence text (see framescope.rules.spans).
    return pl.concat([rows, flags], how="horizontal")


def quote_spans(text: pl.Expr) -> pl.Expr:
    """The quoted words of a sentence, quote marks removed, spans joined by " … ".

    Examples
    --------
    >>> text = pl.DataFrame({"t": ['“We agree,” he said, "fully".']})
    >>> text.select(quote_spans(pl.col("t"))).item()
    'We agree … fully'
    """
    return (
        text.str.extract_all(QUOTE_SPAN)
        .list.eval(
            pl.element()
            .str.strip_chars('“”" ')
            .str.strip_chars_end(",")
            .filter(pl.element().str.contains(r"\w"))
        )
        .list.join(" … ")
    )
