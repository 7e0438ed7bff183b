import html
import re
from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import safe
from framescope.dashboard import reader
from framescope.dashboard.state import DataStore
from tests.dashboard.conftest import STORED

PARAGRAPH = re.compile(r'<p class="fs-paragraph"[^>]*>(.*?)</p>', re.DOTALL)


def shown_paragraphs(rendered: str) -> list[str]:
    """The text a browser shows in each paragraph of the reader."""
    return [html.unescape(re.sub(r"<[^>]+>", "", body)) for body in PARAGRAPH.findall(rendered)]


@pytest.fixture(scope="module")
def hostile(hostile_build):
    return reader.Articles(store=DataStore(hostile_build))


@pytest.fixture(scope="module")
def seeds(seed_build):
    return reader.Articles(store=DataStore(seed_build))


def read(view: reader.Articles, article_id: str) -> tuple[dict, str]:
    view.read(article_id)
    article = view.store.tables["articles"].filter(pl.col("article_id") == article_id)
    return article.row(0, named=True), view.reader.object


def test_article_reader_escapes_untrusted_text(hostile):
    found = hostile.store.tables["articles"].filter(pl.col("text").str.contains("<script>"))
    article, rendered = read(hostile, found["article_id"].item())
    assert "<script>" not in rendered and "<img" not in rendered
    assert "&lt;script&gt;" in rendered
    assert 'title="Xi Jinping"' in rendered
    assert re.search(r'<mark [^>]*title="Xi Jinping"[^>]*>Xi Jinping</mark>', rendered)
    # Markup in the text stays text, in its lines, none of it lost between sentences.
    expected = [part.strip() for part in re.split(r"\n\s*\n", article["text"]) if part.strip()]
    assert shown_paragraphs(rendered) == expected


def test_the_reader_keeps_paragraphs_and_the_text_between_sentences(seeds):
    articles = seeds.store.tables["articles"]
    with_paragraphs = articles.filter(pl.col("text").str.contains("\n\n"))
    assert with_paragraphs.height >= 2
    for article_id in with_paragraphs["article_id"]:
        article, rendered = read(seeds, article_id)
        result = shown_paragraphs(rendered)
        expected = [part.strip() for part in article["text"].split("\n\n") if part.strip()]
        assert len(result) > 1
        assert result == expected


def test_a_single_newline_stays_a_line_break_in_its_paragraph():
    result = reader.highlight("One.\nTwo.", [], [(0, 4, 0.5), (5, 9, -0.5)])
    assert result.count('<p class="fs-paragraph"') == 1
    assert "white-space:pre-wrap" in result
    assert "</span>\n<span" in result  # the newline between the sentences is kept


def test_highlight_marks_mentions_and_tints_sentences():
    result = reader.highlight(
        "Xi met Putin. Bad.",
        [(0, 2, "xi_jinping")],
        [(0, 13, 0.5), (14, 18, -0.5)],
        styles={"xi_jinping": "3px solid red"},
        names={"xi_jinping": "Xi Jinping"},
    )
    assert result.count('class="fs-sentence"') == 2
    assert 'title="Xi Jinping"' in result and "border-bottom:3px solid red" in result
    assert ">Xi</mark> met Putin.</span> <span" in result  # the space between sentences kept
    assert "rgba(214,39,40" in result  # negative sentence in red
    assert "rgba(44,160,44" in result  # positive in green


def test_a_sentence_across_a_blank_line_is_tinted_in_both_paragraphs():
    result = reader.highlight("Xi said\n\nno.", [(0, 2, "xi")], [(0, 12, -0.8)])
    assert shown_paragraphs(result) == ["Xi said", "no."]
    assert result.count("rgba(214,39,40") == 2


@pytest.mark.parametrize(
    ("score", "expected"),
    [(None, None), (0.0, None), (0.049, None), (-0.049, None), (1.0, "rgba(44,160,44,0.40)"),
     (-2.0, "rgba(214,39,40,0.40)"), (-0.05, "rgba(214,39,40,0.08)")],
)  # fmt: skip
def test_tint_follows_the_neutral_threshold(score, expected):
    assert reader.tint(score) == expected


def test_stronger_tone_is_a_stronger_tint():
    weak, strong = reader.tint(0.2), reader.tint(0.8)
    opacity = lambda colour: float(colour.rsplit(",", 1)[1].rstrip(")"))  # noqa: E731
    assert opacity(weak) < opacity(strong)


def test_the_tone_legend_names_the_method_and_follows_it(seeds):
    article_id = seeds.store.tables["articles"]["article_id"][0]
    _, rendered = read(seeds, article_id)
    assert "(multilex score" in rendered and "strongly negative" in rendered
    assert "neutral (|score| &lt; 0.05)" in rendered
    seeds.store.method = "vader"
    try:
        assert "(VADER score" in seeds.reader.object  # the open article is drawn again
    finally:
        seeds.store.method = "multilex"


def test_the_tone_legend_says_when_nothing_is_scored():
    result = reader.tone_legend("<b>x</b>", scored=False)
    assert "&lt;b&gt;x&lt;/b&gt; score" in result and "none is tinted" in result


def test_each_actor_is_marked_in_its_profile_colour_with_a_legend_by_name(seeds):
    store = seeds.store
    mentions = store.tables["mentions"]
    article_id = (
        mentions.filter(pl.col("actor").is_in(["xi_jinping", "vladimir_putin"]))
        .group_by("article_id")
        .agg(pl.col("actor").n_unique())
        .filter(pl.col("actor") == 2)["article_id"][0]
    )
    _, rendered = read(seeds, article_id)
    colours = store.category_colours("actor")
    assert colours["xi_jinping"] != colours["vladimir_putin"]
    for actor, name in (("xi_jinping", "Xi Jinping"), ("vladimir_putin", "Vladimir Putin")):
        assert f"border-bottom:3px solid {colours[actor]}" in rendered
        assert re.search(rf'<mark [^>]*title="{name}"', rendered)
        assert re.search(rf'class="fs-actor-key"[^>]*>.*?</span>{name} \(\d+\)', rendered)
    legend = rendered.split('class="fs-article"')[0]
    assert "xi_jinping" not in re.sub(r'data-actor="[^"]*"', "", legend)  # names, not ids


def test_actors_sharing_a_colour_get_different_lines():
    result = reader.mark_styles(["a", "b", "c", "d"], {"a": "red", "b": "red", "c": "red"})
    assert result["a"] == "3px solid red"
    assert result["b"] == "3px dashed red"
    assert result["c"] == "3px dotted red"
    assert result["d"].startswith("3px solid ")  # not in the map: a palette colour by hash


def test_reader_uses_the_one_escape(hostile):
    stored = hostile.store.tables["articles"].filter(pl.col("source") == STORED)
    _, rendered = read(hostile, stored["article_id"].item())
    assert f"<p><i>{safe.escape(STORED)} · 2023-03-20" in rendered


def test_listing_reads_as_outlet_date_title_and_names_copies():
    build = pl.DataFrame(
        {
            "article_id": ["a1", "b2", "c3", "d4"],
            "source": ["AP", "NBC", "<b>Wire</b>", "AP"],
            "published": [date(2023, 3, 20), date(2023, 3, 21), None, None],
            "title": ["Xi in Moscow", None, "  ", "Talks"],
            "n_words": [100, 90, 80, 70],
            "language": ["en", "en", "en", "zh"],
            "translated": [False, None, False, True],
            "duplicate_of": [None, "a1", None, None],
            "syndicated_from": [None, "a1", "a1", "c3"],
            "wire": [None, "AP", None, None],
        }
    )
    result = reader.listing(build, reader.copies(build))
    expected = pl.DataFrame(
        {
            "source": ["AP", "NBC", "<b>Wire</b>", "AP"],
            "published": ["2023-03-20", "2023-03-21", None, None],
            "title": ["Xi in Moscow", "(untitled)", "(untitled)", "Talks"],
            "n_words": [100, 90, 80, 70],
            "language": ["en", "en", "en", "zh"],
            "translated": ["no", "", "no", "yes"],
            "copies": [
                "original, 2 copies",
                "near-copy of AP, 2023-03-20",
                "same story as AP, 2023-03-20",
                "same story as <b>Wire</b>, undated",
            ],
            "wire": ["", "AP", "", ""],
            "article_id": ["a1", "b2", "c3", "d4"],
        }
    )
    assert_frame_equal(result, expected)


def test_a_copy_names_its_original_when_a_filter_hides_it():
    build = pl.DataFrame(
        {
            "article_id": ["a1", "b2"],
            "source": ["AP", "NBC"],
            "published": [date(2023, 3, 20), date(2023, 3, 21)],
            "title": ["Xi", "Xi"],
            "n_words": [1, 1],
            "language": ["en", "en"],
            "translated": [None, None],
            "duplicate_of": [None, "a1"],
            "syndicated_from": [None, "a1"],
            "wire": [None, None],
        }
    )
    result = reader.listing(build.filter(pl.col("source") == "NBC"), reader.copies(build))
    assert result["copies"].to_list() == ["near-copy of AP, 2023-03-20"]


def test_the_list_hides_ids_and_the_csv_keeps_them_and_raw_nulls(seeds):
    seeds.update()
    table = seeds.table
    assert list(table.value.columns[:3]) == ["source", "published", "title"]
    assert table.hidden_columns == ["article_id"]
    assert table.titles["source"] == "Outlet"
    assert "(untitled)" in table.value["title"].tolist()
    csv = pl.read_csv(seeds._csv())
    assert csv.columns[:3] == ["source", "published", "title"]
    assert csv.columns[-1] == "article_id"
    assert csv["title"].null_count() == (table.value["title"] == "(untitled)").sum()


def test_selecting_a_row_opens_its_article(seeds):
    seeds.update()
    row = seeds.table.value.iloc[2]
    seeds.table.selection = [2]
    article = seeds.store.tables["articles"].filter(pl.col("article_id") == row["article_id"])
    assert seeds.article_id == row["article_id"]
    assert f"<h3>{safe.escape(article['title'].item() or '(untitled)')}</h3>" in (
        seeds.reader.object
    )
