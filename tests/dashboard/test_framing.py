"""framescope.dashboard.framing, and the evidence tables the views share (evidence_table)."""

import re
from types import SimpleNamespace

import polars as pl
import pytest

from framescope import encoding, safe
from framescope.dashboard import views
from framescope.dashboard.framing import OTHER_CLICKED, Framing
from framescope.dashboard.state import DataStore
from tests.dashboard.conftest import STORED_OG

SNAKE = re.compile(r"[a-z]+_[a-z_]+")


def _click(**point):
    return SimpleNamespace(new={"points": [point]})


def _shown_text(figure):
    """Everything a chart writes on screen: title, trace names, axis ticks and titles."""
    texts = [figure.layout.title.text or ""]
    for axis in (figure.layout.xaxis, figure.layout.yaxis):
        texts += [axis.title.text or "", *(str(t) for t in axis.ticktext or ())]
    for trace in figure.data:
        texts += [trace.name or ""]
        texts += [str(v) for v in (trace.x if trace.type == "heatmap" else trace.y) or ()]
    return texts


@pytest.fixture(scope="module")
def seed_framing(seed_build):
    return Framing(store=DataStore(seed_build))


def test_charts_show_names_not_ids(seed_framing):
    for name, pane in seed_framing.panes.items():
        result = [text for text in _shown_text(pane.object) if SNAKE.search(text)]
        assert result == [], name
    war = {trace.name for trace in seed_framing.panes["war"].object.data}
    assert "special military operation" in war
    voices = {trace.name for trace in seed_framing.panes["voices"].object.data}
    assert "Western officials" in voices
    frames = seed_framing.panes["frames"].object.data[0].x
    assert "partnership and<br>diplomacy" in frames
    assert seed_framing.panes["labels"].object.layout.title.text.startswith(
        "Labels attached to Xi Jinping"
    )


def test_category_colours_are_the_builds_whatever_outlets_are_shown(seed_build):
    store = DataStore(seed_build)
    view = Framing(store=store)
    expected = store.category_colours("term")

    def colours():
        return {t.meta: t.marker.color for t in view.panes["war"].object.data}

    before = colours()
    store.sources = ["Breitbart News"]
    after = colours()
    assert before and after
    assert all(before[term] == after[term] == expected[term] for term in after)
    assert set(before.values()) <= set(encoding.CATEGORY_PALETTE)


def test_a_heatmap_click_finds_the_frame_by_its_id(seed_framing):
    trace = seed_framing.panes["frames"].object.data[0]
    column = list(trace.meta["x"]).index("partnership_diplomacy")
    seed_framing._clicked("frames", _click(curveNumber=0, x=trace.x[column], y="NBC News"))
    header, table = seed_framing.evidence
    assert seed_framing.shown_area == "frames"
    assert header.object.startswith(
        "<b>10 sentences</b>: frame <b>partnership and diplomacy</b> in <i>NBC News</i> · "
        "10 of its 29 frame cues (34%)"
    )
    found = table.value
    assert found["source"].unique().tolist() == ["NBC News"]
    # One row per sentence, the cues found in it beside it.
    assert not found.duplicated(["article_id", "sentence_idx"]).any()
    assert "state visit" in found["cue"].tolist()


def test_a_bar_click_opens_under_its_own_chart_and_closes_the_others(seed_framing):
    seed_framing.show_evidence("frames", source="NBC News", item="economic_ties")
    data = seed_framing.panes["voices"].object.data
    curve = [trace.meta for trace in data].index("chinese_official")
    seed_framing._clicked("voices", _click(curveNumber=curve, y="NBC News"))
    assert {name: len(area) for name, area in seed_framing.areas.items()} == {
        "frames": 0,
        "labels": 0,
        "war": 0,
        "voices": 2,
    }
    header, table = seed_framing.evidence
    assert "<b>Chinese officials</b> quoted in <i>NBC News</i>" in header.object
    assert "chinese_official" not in header.object
    assert not any(SNAKE.fullmatch(name) for name in table.value["speaker"])


def test_the_summed_rest_says_what_it_is(seed_build):
    view = Framing(store=DataStore(seed_build))
    figure = view.panes["labels"].object
    figure.data[0].meta = None  # as the grey bar of the rest carries
    view._clicked("labels", _click(curveNumber=0, y="NBC News"))
    assert [part.object for part in view.areas["labels"]] == [OTHER_CLICKED]


def test_clicks_the_charts_did_not_draw_are_ignored(seed_framing):
    seed_framing.show_evidence("war", source="NBC News", item="war")
    for point in ({}, {"curveNumber": 99, "y": "NBC News"}, {"curveNumber": 0, "y": None}):
        seed_framing._clicked("war", _click(**point))
    assert seed_framing.evidence[0].object.startswith("<b>")  # still the war's evidence


def test_a_click_on_a_hostile_outlets_cell_finds_its_sentences(hostile_build):
    view = Framing(store=DataStore(hostile_build))
    trace = view.panes["frames"].object.data[0]
    row = list(trace.y).index(safe.escape(STORED_OG))
    column = next(i for i, share in enumerate(trace.z[row]) if share)
    view._clicked("frames", _click(curveNumber=0, x=trace.x[column], y=trace.y[row]))
    header, table = view.evidence
    assert table.value["source"].unique().tolist() == [STORED_OG]
    assert "<img" not in header.object and safe.escape(STORED_OG) in header.object


def test_a_filter_change_closes_the_evidence(seed_build):
    store = DataStore(seed_build)
    view = Framing(store=store)
    view.show_evidence("war", source="NBC News", item="war")
    store.sources = ["NBC News"]
    assert all(len(area) == 0 for area in view.areas.values())


# -- views.evidence_table: the evidence every view shows -------------------------------------


def test_evidence_reads_outlet_date_title_sentence_then_ids():
    frame = pl.DataFrame(
        {"article_id": ["a"], "sentence_idx": [3], "cue": ["allies"], "text": ["It is."],
         "title": ["T"], "published": ["2023-03-20"], "source": ["NBC News"]}
    )  # fmt: skip
    table = views.evidence_table(frame)
    result = list(table.value.columns)
    expected = ["source", "published", "title", "text", "cue", "article_id", "sentence_idx"]
    assert result == expected
    assert [table.titles[c] for c in expected[:4]] == [
        "outlet",
        "date",
        "article title",
        "sentence",
    ]
    assert not any(SNAKE.fullmatch(title) for title in table.titles.values())


def test_evidence_wraps_the_sentence_in_the_room_left():
    long_title = "A headline long enough to need more than one line in its column " * 2
    frame = pl.DataFrame(
        {"source": ["NBC News"], "title": [long_title], "text": ["word " * 80],
         "article_id": ["0123456789abcdef"], "sentence_idx": [12]}
    )  # fmt: skip
    table = views.evidence_table(frame)
    assert table.layout == "fit_columns"
    assert "text" not in table.widths  # it takes what the others leave
    shares = {column: int(width.rstrip("%")) for column, width in table.widths.items()}
    assert sum(shares.values()) <= 100 * views.OTHERS_SHARE
    assert shares["source"] < shares["title"]
    # Text wraps where its column is narrower than it; an id does not.
    assert table.formatters["text"] == {"type": "textarea"}
    assert table.formatters["title"] == {"type": "textarea"}
    assert "article_id" not in table.formatters


def test_fitted_widths_give_way_ids_and_title_first():
    widths = {"source": 180, "published": 118, "title": 200, "article_id": 172}
    result = views.fitted_widths(widths, floors={"article_id": 100, "title": 150}, table=1000,
                                 share=0.55)  # fmt: skip
    # 670 px into 550: the id gives 72, the title 48; outlet and date keep theirs.
    assert result == {"source": "18%", "published": "11%", "title": "15%", "article_id": "10%"}
    assert views.fitted_widths({"source": 100}, table=1000) == {"source": "10%"}  # fits
    result = views.fitted_widths({"a": 800, "b": 400}, floors={}, table=1000, share=0.6)
    assert result == {"a": "40%", "b": "20%"}  # no floors: in proportion


def test_a_hidden_column_takes_no_room():
    frame = pl.DataFrame({"source": ["NBC News"], "text": ["s"], "cue": ["allies"]})
    table = views.evidence_table(frame, hidden_columns=["source"])
    assert list(table.value.columns) == ["source", "text", "cue"]
    assert list(table.widths) == ["cue"]


def test_evidence_leaves_out_empty_columns_but_not_from_an_empty_table():
    frame = pl.DataFrame({"source": ["X"], "title": [None], "text": ["s"]}, schema_overrides={
        "title": pl.String
    })  # fmt: skip
    assert list(views.evidence_table(frame).value.columns) == ["source", "text"]
    assert list(views.evidence_table(frame.clear()).value.columns) == ["source", "title", "text"]


def test_evidence_takes_a_callers_widths_and_titles():
    frame = pl.DataFrame({"source": ["X"], "sentence": ["s"], "kind": ["target"]})
    table = views.evidence_table(frame, text="sentence", titles={"kind": "claim kind"},
                                 widths={"kind": 90})  # fmt: skip
    assert list(table.value.columns) == ["source", "sentence", "kind"]
    assert (table.titles["kind"], table.widths["kind"]) == ("claim kind", 90)
    assert table.formatters["sentence"] == {"type": "textarea"}
