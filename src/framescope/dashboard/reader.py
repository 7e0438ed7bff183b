"""The article reader: a searchable list of the filtered articles, and one article's cleaned
text with its actor mentions marked and its sentences tinted by tone. Article text is
untrusted web content: every segment is escaped before it is marked up.
"""

from __future__ import annotations

from typing import Any

import panel as pn
import param
import polars as pl

from framescope import safe
from framescope.dashboard.views import FILTERS, View, pagination, tabulator


def highlight(
    text: str, spans: list[tuple[int, int, str]], tones: list[tuple[int, int, float]]
) -> str:
    """Article text as escaped HTML with mention spans marked and sentences tinted by tone.

    Examples
    --------
    >>> highlight("<b>Xi</b> met Putin.", [(14, 19, "vladimir_putin")], [(0, 20, -0.5)])[:40]
    '<span class="fs-sentence" style="backgro'
    """
    out: list[str] = []
    marks = sorted(spans)
    for start, end, score in tones:
        colour = (
            f"rgba(214,39,40,{min(abs(score), 1) * 0.35:.2f})"
            if score < 0
            else f"rgba(44,160,44,{min(score, 1) * 0.35:.2f})"
        )
        out.append(
            f'<span class="fs-sentence" style="background:{colour}" title="tone {score:+.2f}">'
        )
        cursor = start
        for m_start, m_end, actor in marks:
            if m_start >= start and m_end <= end:
                out.append(safe.escape(text[cursor:m_start]))
                out.append(
                    f'<mark title="{safe.escape(actor)}">{safe.escape(text[m_start:m_end])}</mark>'
                )
                cursor = m_end
        out.append(safe.escape(text[cursor:end]) + "</span> ")
    return "".join(out)


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
        self.table = tabulator(self.store.article_list().clear(), selectable=1)
        self.table.param.watch(self._selected, "selection")
        self.reader = pn.pane.HTML("Select an article to read it.", sizing_mode="stretch_width")
        self.refresh()

    def data(self) -> pl.DataFrame:
        return self.store.article_list()

    def update(self) -> None:
        found = self.store.article_list()
        self.table.pagination = pagination(found)
        self.table.value = found.with_columns(pl.col(pl.Date).cast(pl.String)).to_pandas()

    def _selected(self, event: param.parameterized.Event) -> None:
        if event.new:
            article_id = self.table.value.iloc[event.new[0]]["article_id"]
            self.read(article_id)

    def read(self, article_id: str) -> None:
        """Render one article: escaped text, mentions marked, sentences tinted by tone."""
        store = self.store
        rows = store.tables["articles"].filter(pl.col("article_id") == article_id)
        if rows.is_empty():
            self.reader.object = "No such article."
            return
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
            .select("start", "end", pl.col("compound").fill_null(0.0))
            .rows()
        )
        body = highlight(article["text"], mentions.select("start", "end", "actor").rows(), tones)
        meta = " · ".join(safe.escape(article[k]) for k in ("source", "published", "language"))
        title = safe.escape(article["title"] or "(no title)")
        self.reader.object = (
            f"<h3>{title}</h3><p><i>{meta}</i></p><div style='white-space:pre-wrap'>{body}</div>"
        )

    def layout(self) -> pn.viewable.Viewable:
        return pn.Column(
            self.search, self.table, self.download, self.reader, sizing_mode="stretch_width"
        )
