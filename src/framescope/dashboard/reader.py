"""The article reader: a searchable list of the filtered articles, and one article's cleaned
text in its paragraphs, with each actor's mentions marked in that actor's colour and its
sentences tinted by tone, under legends saying what the marks and the tint mean.

Article text is untrusted web content: every piece of it (sentences, the text between them,
titles, outlet names) is escaped before it is marked up. Colours and line styles come from
fixed palettes, never from the data.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from typing import Any

import panel as pn
import param
import polars as pl

from framescope import encoding, safe, sentiment
from framescope.dashboard.views import FILTERS, View, pagination, tabulator

UNTITLED = "(untitled)"
COPIES_SCHEMA = {"article_id": pl.String, "copies": pl.String}
"""What :func:`copies` returns."""
"""What the list shows for an article without a title (its CSV keeps the null)."""
# Column headers of the list; ``article_id`` is hidden but kept: a selected row names its article.
TITLES = {
    "source": "Outlet",
    "published": "Date",
    "title": "Title",
    "n_words": "Words",
    "language": "Language",
    "translated": "Translated",
    "copies": "Copies",
    "wire": "Wire",
    "article_id": "Article id",
}
WIDTHS = {
    "source": "13%", "published": "10%", "title": "26%", "n_words": "9%", "language": "12%",
    "translated": "13%", "copies": "9%", "wire": "8%",
}  # fmt: skip
# Long outlet names, titles and copies wrap (dates and numbers stay on one line); so do headers.
WRAPPED = "\n".join(
    [
        ", ".join(
            f'.tabulator-cell[tabulator-field="{c}"]' for c in ("source", "title", "copies", "wire")
        )
        + " { white-space: normal !important; overflow-wrap: anywhere; }",
        ".tabulator-col-title { white-space: normal !important; padding-right: 18px !important; }",
    ]
)
# The CSV's order: what a person reads first, the ids that join it to the other tables last.
CSV_ORDER = (
    "source", "published", "title", "n_words", "language", "translated", "duplicate_of",
    "syndicated_from", "wire", "article_id",
)  # fmt: skip
# Two actors of one article may share a palette colour (a profile names more actors than the
# palette has colours): the second is told apart by its line.
LINES = ("solid", "dashed", "dotted", "double")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n\s*")
_STRONGEST = 0.4  # tint opacity at |score| = 1
_FAINTEST = 0.08  # tint opacity at the neutral threshold: a weak tone still shows


def copies(build: pl.DataFrame) -> pl.DataFrame:
    """Each article of ``build`` (every article, so a copy's original is named when a filter
    hides it) with its copies in words: the original's outlet and date for a near-copy or a
    story syndicated from another article, the number of its copies for an original, "" else.

    Examples
    --------
    >>> from datetime import date
    >>> build = pl.DataFrame({"article_id": ["a", "b"], "source": ["AP", "NBC"],
    ...     "published": [date(2023, 3, 20), None], "duplicate_of": [None, "a"],
    ...     "syndicated_from": [None, "a"]})
    >>> copies(build)["copies"].to_list()
    ['original, 1 copy', 'near-copy of AP, 2023-03-20']
    """
    origins = build.select(
        pl.col("article_id").alias("origin"),
        pl.concat_str(
            pl.col("source"),
            pl.col("published").cast(pl.String).fill_null("undated"),
            separator=", ",
        ).alias("origin_name"),
    )
    copied = pl.concat(
        [
            build.select("article_id", pl.col(column).alias("origin"))
            for column in ("duplicate_of", "syndicated_from")
        ]
    ).drop_nulls("origin")
    counts = copied.unique().group_by("origin").len("n_copies")
    named = pl.col("origin_name").fill_null("another article")
    described = (
        pl.when(pl.col("duplicate_of").is_not_null())
        .then(pl.lit("near-copy of ") + named)
        .when(pl.col("syndicated_from").is_not_null())
        .then(pl.lit("same story as ") + named)
        .when(pl.col("n_copies") > 0)
        .then(
            pl.format(
                "original, {} {}",
                pl.col("n_copies"),
                pl.when(pl.col("n_copies") == 1).then(pl.lit("copy")).otherwise(pl.lit("copies")),
            )
        )
        .otherwise(pl.lit(""))
    )
    return (
        build.select(
            "article_id",
            "duplicate_of",
            "syndicated_from",
            pl.coalesce("duplicate_of", "syndicated_from").alias("origin"),
        )
        .join(origins, on="origin", how="left")
        .join(counts, left_on="article_id", right_on="origin", how="left")
        .select("article_id", described.alias("copies"))
    )


def listing(found: pl.DataFrame, copied: pl.DataFrame) -> pl.DataFrame:
    """The article list as a person reads it: outlet, date and title first, "(untitled)" for
    a missing title, copies in words (``copied``: :func:`copies` of the build), ``article_id``
    last.

    Examples
    --------
    >>> from datetime import date
    >>> build = pl.DataFrame({"article_id": ["a", "b"], "source": ["AP", "NBC"],
    ...     "published": [date(2023, 3, 20), date(2023, 3, 21)], "title": ["Xi", None],
    ...     "n_words": [10, 10], "language": ["en", "en"], "translated": [False, None],
    ...     "duplicate_of": [None, "a"], "syndicated_from": [None, "a"], "wire": [None, "AP"]})
    >>> listing(build, copies(build)).select("title", "translated", "copies").rows()
    [('Xi', 'no', 'original, 1 copy'), ('(untitled)', '', 'near-copy of AP, 2023-03-20')]
    """
    title = pl.col("title").str.strip_chars()
    return found.join(copied, on="article_id", how="left", maintain_order="left").select(
        "source",
        pl.col("published").cast(pl.String),
        pl.when(title.fill_null("") == "").then(pl.lit(UNTITLED)).otherwise(title).alias("title"),
        "n_words",
        "language",
        pl.col("translated")
        .cast(pl.Boolean)
        .replace_strict({True: "yes", False: "no"}, default="", return_dtype=pl.String),
        pl.col("copies").fill_null(""),
        pl.col("wire").fill_null(""),
        "article_id",
    )


def tint(score: float | None, *, threshold: float = sentiment.THRESHOLD) -> str | None:
    """A sentence's background for its tone: red when negative, green when positive, the
    stronger the tone the stronger the tint; none when neutral (``|score| < threshold``, as
    ``sentiment.classify`` cuts) or not scored.

    Examples
    --------
    >>> tint(-1.0), tint(0.05), tint(0.01), tint(None)
    ('rgba(214,39,40,0.40)', 'rgba(44,160,44,0.08)', None, None)
    """
    if score is None or abs(score) < threshold:
        return None
    strength = (min(abs(score), 1.0) - threshold) / (1.0 - threshold)
    opacity = _FAINTEST + (_STRONGEST - _FAINTEST) * strength
    rgb = "214,39,40" if score < 0 else "44,160,44"
    return f"rgba({rgb},{opacity:.2f})"


def paragraphs(text: str) -> list[tuple[int, int]]:
    """The paragraphs of ``text`` as (start, end) offsets: split at blank lines, without the
    whitespace around them. A single newline stays inside its paragraph (a line break).

    Examples
    --------
    >>> paragraphs("One.\\nTwo.\\n\\n  Three.\\n")
    [(0, 9), (13, 19)]
    """
    found = []
    start = 0
    for brk in [*_PARAGRAPH_BREAK.finditer(text), None]:
        end = brk.start() if brk else len(text)
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            lead = len(piece) - len(piece.lstrip())
            found.append((start + lead, start + lead + len(stripped)))
        if brk:
            start = brk.end()
    return found


def mark_styles(actors: Sequence[str], colours: Mapping[str, str]) -> dict[str, str]:
    """Each actor's underline (CSS ``border-bottom``) in its colour (``colours``, the
    profile's fixed actor colours); an actor whose colour an earlier one of ``actors`` already
    has gets the next line style, so no two actors of one article look alike.

    Examples
    --------
    >>> mark_styles(["xi", "putin", "biden"], {"xi": "red", "putin": "blue", "biden": "red"})
    {'xi': '3px solid red', 'putin': '3px solid blue', 'biden': '3px dashed red'}
    """
    shades = {
        actor: encoding.colour(colours, actor, palette=encoding.CATEGORY_PALETTE)
        for actor in actors
    }
    rank = encoding.repeats(actors, shades)
    return {actor: f"3px {LINES[rank[actor] % len(LINES)]} {shades[actor]}" for actor in rank}


def _marked(
    text: str,
    start: int,
    end: int,
    marks: Sequence[tuple[int, int, str]],
    *,
    styles: Mapping[str, str],
    names: Mapping[str, str],
) -> str:
    # text[start:end] escaped, with the parts of mentions inside it marked.
    out = []
    cursor = start
    for mention_start, mention_end, actor in marks:
        # A mention across a paragraph or sentence edge is marked on each side of it.
        m_start, m_end = max(mention_start, cursor), min(mention_end, end)
        if m_start >= m_end:
            continue
        line = styles.get(actor, "3px solid #e6c700")
        out.append(safe.escape(text[cursor:m_start]))
        out.append(
            f'<mark class="fs-actor" data-actor="{safe.escape(actor)}" '
            f'title="{safe.escape(names.get(actor, actor))}" '
            f'style="background:none;color:inherit;padding:0;border-bottom:{line}">'
            f"{safe.escape(text[m_start:m_end])}</mark>"
        )
        cursor = m_end
    out.append(safe.escape(text[cursor:end]))
    return "".join(out)


def highlight(
    text: str,
    spans: Sequence[tuple[int, int, str]],
    tones: Sequence[tuple[int, int, float | None]],
    *,
    styles: Mapping[str, str] | None = None,
    names: Mapping[str, str] | None = None,
) -> str:
    """Article text as escaped HTML: a ``<p>`` per paragraph (:func:`paragraphs`), the text
    between sentences kept, each sentence (``tones``: start, end, score) tinted by
    :func:`tint`, each mention (``spans``: start, end, actor) underlined in ``styles[actor]``
    (:func:`mark_styles`) with ``names[actor]`` as its title.

    Examples
    --------
    >>> html = highlight("<b>Xi</b> met Putin.\\n\\nBad.", [(14, 19, "putin")],
    ...                  [(0, 20, -0.5), (22, 26, None)], names={"putin": "Vladimir Putin"})
    >>> html.count("<p "), "&lt;b&gt;Xi" in html, 'title="Vladimir Putin"' in html
    (2, True, True)
    """
    styles = styles or {}
    names = names or {}
    marks = sorted(spans)
    sentences = sorted(tones, key=lambda tone: (tone[0], tone[1]))
    out = []
    for p_start, p_end in paragraphs(text):
        out.append('<p class="fs-paragraph" style="white-space:pre-wrap;margin:0 0 0.9em">')
        cursor = p_start
        inside = [mark for mark in marks if mark[0] < p_end and mark[1] > p_start]
        for s_start, s_end, score in sentences:
            # A sentence across a blank line is tinted in both paragraphs.
            start, end = max(s_start, cursor), min(s_end, p_end)
            if start >= end:
                continue
            out.append(_marked(text, cursor, start, inside, styles=styles, names=names))
            colour = tint(score)
            background = f"background:{colour}" if colour else "background:none"
            said = "not scored" if score is None else f"tone {score:+.2f}"
            out.append(f'<span class="fs-sentence" style="{background}" title="{said}">')
            out.append(_marked(text, start, end, inside, styles=styles, names=names))
            out.append("</span>")
            cursor = end
        out.append(_marked(text, cursor, p_end, inside, styles=styles, names=names))
        out.append("</p>")
    return "".join(out)


def _swatch(style: str) -> str:
    base = "display:inline-block;width:2.2em;margin:0 0.3em;vertical-align:middle"
    return f'<span style="{base};{style}"></span>'


def tone_legend(method: str, *, scored: bool, threshold: float = sentiment.THRESHOLD) -> str:
    """What the sentence tint means, for the method (its display name) that scored it.

    Examples
    --------
    >>> "multilex" in tone_legend("multilex", scored=True)
    True
    """
    method = safe.escape(method)
    if not scored:
        return (
            f'<div class="fs-tone-legend"><b>Tone:</b> no sentence of this article has a '
            f"{method} score, so none is tinted.</div>"
        )
    steps = [
        (tint(-1.0), "strongly negative"),
        (tint(-0.3), "negative"),
        (None, f"neutral (|score| &lt; {threshold:g}) or not scored: no tint"),
        (tint(0.3), "positive"),
        (tint(1.0), "strongly positive"),
    ]
    keys = "".join(
        '<span style="white-space:nowrap;margin-right:0.8em">'
        + _swatch(f"height:1em;background:{colour or 'none'};border:1px solid #bbb")
        + f"{label}</span>"
        for colour, label in steps
    )
    return (
        f'<div class="fs-tone-legend"><b>Tone of each sentence</b> ({method} score, '
        f"-1 to +1; hover a sentence for its score): {keys}<br>"
        f"Red is negative, green positive; the stronger the tint, the stronger the tone.</div>"
    )


def actor_legend(
    counts: Sequence[tuple[str, int]], styles: Mapping[str, str], names: Mapping[str, str]
) -> str:
    """The actors marked in an article, by name, each with its underline and its number of
    mentions (``counts``, most first).

    Examples
    --------
    >>> legend = actor_legend([("xi", 2)], {"xi": "3px solid red"}, {"xi": "Xi Jinping"})
    >>> "Xi Jinping (2)" in legend, "border-bottom:3px solid red" in legend
    (True, True)
    """
    if not counts:
        return (
            '<div class="fs-actor-legend"><b>Actors marked:</b> none of the profile\'s actors '
            "is named in this text.</div>"
        )
    keys = "".join(
        f'<span class="fs-actor-key" data-actor="{safe.escape(actor)}" '
        'style="white-space:nowrap;margin-right:0.8em">'
        + _swatch(f"border-bottom:{styles[actor]};height:0.8em")
        + f"{safe.escape(names.get(actor, actor))} ({n})</span>"
        for actor, n in counts
    )
    return f'<div class="fs-actor-legend"><b>Actors marked:</b> {keys}</div>'


class Articles(View):
    """A searchable article list; selecting one shows its cleaned text, highlighted."""

    title = "Articles"
    depends = (*FILTERS, "search", "method")

    def __init__(self, **params: Any) -> None:
        super().__init__(**params)
        self.search = pn.widgets.TextInput.from_param(
            self.store.param.search, placeholder="search text"
        )
        # Empty until the view is shown: the list is read when someone looks at it.
        empty = listing(self.store.article_list().clear(), pl.DataFrame(schema=COPIES_SCHEMA))
        self.table = tabulator(
            empty,
            selectable=1,
            titles=TITLES,
            hidden_columns=["article_id"],
            # Every column in view, long titles and outlet names wrapped.
            layout="fit_columns",
            widths=WIDTHS,
            stylesheets=[WRAPPED],
        )
        self.table.param.watch(self._selected, "selection")
        self.reader = pn.pane.HTML("Select an article to read it.", sizing_mode="stretch_width")
        self.article_id: str | None = None  # the article being read
        self.refresh()

    def data(self) -> pl.DataFrame:
        return self.store.article_list().select(CSV_ORDER)

    def shown(self) -> pl.DataFrame:
        """The filtered articles as the list shows them (:func:`listing`)."""
        # Copies are the build's: worked out once, shared by every session.
        copied = self.store.tables.derived(
            ("article copies",), lambda: copies(self.store.tables.slim("articles"))
        )
        return listing(self.store.article_list(), copied)

    def update(self) -> None:
        found = self.shown()
        self.table.pagination = pagination(found)
        self.table.value = found.to_pandas()
        if self.article_id is not None:
            self.read(self.article_id)  # the tint follows the method

    def _selected(self, event: param.parameterized.Event) -> None:
        if event.new:
            self.read(self.table.value.iloc[event.new[0]]["article_id"])

    def read(self, article_id: str) -> None:
        """Render one article: legends, then its escaped text in paragraphs, mentions marked
        in their actors' colours, sentences tinted by tone."""
        store = self.store
        rows = store.tables["articles"].filter(pl.col("article_id") == article_id)
        if rows.is_empty():
            self.reader.object = "No such article."
            return
        self.article_id = article_id
        article = rows.row(0, named=True)
        mentions = store.tables["mentions"].filter(pl.col("article_id") == article_id)
        tones = (
            store.tables["sentences"]
            .filter(pl.col("article_id") == article_id)
            .join(
                store.tables["sentiment"].filter(pl.col("method") == store.method),
                on=["article_id", "sentence_idx"],
                how="left",
            )
            .sort("sentence_idx")
            .select("start", "end", "compound")
            .rows()
        )
        counts = (
            mentions.group_by("actor")
            .agg(pl.len(), pl.col("start").min())
            .sort(["len", "start"], descending=[True, False])
            .select("actor", "len")
            .rows()
        )
        actors = [actor for actor, _ in counts]
        names = {actor: store.names.name("actor", actor) for actor in actors}
        styles = mark_styles(actors, store.category_colours("actor"))
        body = highlight(
            article["text"],
            mentions.select("start", "end", "actor").rows(),
            tones,
            styles=styles,
            names=names,
        )
        known = {**article, "published": article["published"] or "undated"}
        meta = " · ".join(
            safe.escape(known[k]) for k in ("source", "published", "language") if known[k]
        )
        title = safe.escape(article["title"] or UNTITLED)
        legends = tone_legend(
            store.names.name("measure", store.method),
            scored=any(score is not None for *_, score in tones),
        ) + actor_legend(counts, styles, names)
        self.reader.object = (
            f"<h3>{title}</h3><p><i>{meta}</i></p>"
            f'<div class="fs-legends" style="font-size:0.85em;line-height:1.9;margin-bottom:1em;'
            f'padding:0.4em 0.6em;border:1px solid #ddd;border-radius:4px">{legends}</div>'
            f'<div class="fs-article" style="max-width:60em;line-height:1.6">{body}</div>'
        )

    def layout(self) -> pn.viewable.Viewable:
        return pn.Column(
            self.search, self.table, self.download, self.reader, sizing_mode="stretch_width"
        )
