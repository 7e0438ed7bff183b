import polars as pl

from framescope import safe
from framescope.dashboard import reader
from framescope.dashboard.state import DataStore
from tests.dashboard.conftest import STORED


def test_article_reader_escapes_untrusted_text(hostile_build):
    articles = reader.Articles(store=DataStore(hostile_build))
    hostile = articles.store.tables["articles"].filter(pl.col("text").str.contains("<script>"))
    articles.read(hostile["article_id"].item())
    rendered = articles.reader.object
    assert "<script>" not in rendered and "<img" not in rendered
    assert "&lt;script&gt;" in rendered
    assert '<mark title="xi_jinping">Xi Jinping</mark>' in rendered


def test_highlight_marks_mentions_and_tints_sentences():
    result = reader.highlight(
        "Xi met Putin. Bad.", [(0, 2, "xi_jinping")], [(0, 13, 0.5), (14, 18, -0.5)]
    )
    assert result.count('class="fs-sentence"') == 2
    assert '<mark title="xi_jinping">Xi</mark> met Putin.' in result
    assert "rgba(214,39,40" in result  # negative sentence in red


def test_reader_uses_the_one_escape(hostile_build):
    articles = reader.Articles(store=DataStore(hostile_build))
    stored = articles.store.tables["articles"].filter(pl.col("source") == STORED)
    articles.read(stored["article_id"].item())
    assert f"<p><i>{safe.escape(STORED)} · 2023-03-20" in articles.reader.object
