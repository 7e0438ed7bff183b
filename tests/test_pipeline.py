import codecs
import shutil
from datetime import date

import polars as pl
import pytest
from polars.testing import assert_frame_equal

from framescope import config, pipeline, sentiment, stages, store
from framescope.ingest import dedupe
from tests.conftest import SEEDS


@pytest.fixture
def raw(tmp_path):
    """A writable copy of the seed corpus."""
    folder = tmp_path / "raw"
    shutil.copytree(SEEDS, folder)
    return folder


def _build(raw, out, **options):
    return pipeline.build([raw], out=out, progress=False, **options)


def test_seed_corpus_articles(seed_build):
    articles = store.read("articles", seed_build).sort("path")
    result = articles.select(
        "source", "published", "date_origin", "title", "translated", "language"
    )
    expected = pl.DataFrame(
        {
            "source": [
                "Breitbart News",
                "Unnamed UK outlet",
                "Chinese-language outlet (translated)",
                "Portuguese-language outlet (translated repost)",
                "NBC News",
            ],
            "published": [
                date(2023, 2, 1),
                date(2023, 1, 31),
                date(2023, 2, 1),
                date(2023, 3, 17),
                date(2023, 3, 18),
            ],
            "date_origin": ["sidecar"] * 5,
            "title": [
                None,
                "Xi Jinping likely to visit Moscow around anniversary of Ukraine invasion",
                "Russian Foreign Ministry: Xi Jinping will visit Moscow and Beijing on the "
                "anniversary of the Russo-Ukrainian war: No information to share",
                "Putin invited and Xi accepted. What we already know about the visit of the "
                "Chinese president to Russia",
                None,
            ],
            "translated": [False, False, True, True, False],
            "language": ["en"] * 5,
        }
    )
    assert_frame_equal(result, expected)
    assert articles["duplicate_of"].null_count() == 5
    assert articles["article_id"].n_unique() == 5
    assert articles["warnings"].to_list() == [[]] * 5


def test_seed_corpus_text_is_clean(seed_build):
    texts = dict(store.read("articles", seed_build).select("path", "text").iter_rows())
    by_prefix = {path.rsplit("/", 1)[-1][:3]: text for path, text in texts.items()}
    for boilerplate in ("Leave a Reply", "1 comment", "Disclaimer", "t.co/", "Follow Frances"):
        assert all(boilerplate not in text for text in by_prefix.values()), boilerplate
    nbc = by_prefix["004"]
    assert nbc.startswith(
        "Chinese President Xi Jinping will visit Russia early next week for interviews with "
        "President Vladimir Putin a trip"
    )
    assert "the war in ukraine is entering" in nbc
    assert "Volodymyr Zelensky with whom" in nbc
    assert by_prefix["002"].startswith("At the invitation of Russian President Vladimir Putin")


def test_seed_corpus_sentences_have_valid_offsets(seed_build):
    articles = store.read("articles", seed_build)
    sentences = store.read("sentences", seed_build)
    texts = dict(articles.select("article_id", "text").iter_rows())
    assert sentences["article_id"].n_unique() == 5
    for article_id, start, end, text in sentences.select(
        "article_id", "start", "end", "text"
    ).iter_rows():
        assert texts[article_id][start:end] == text


def test_seed_build_writes_manifest(seed_build):
    manifest = store.read_manifest(seed_build)
    assert len(manifest["inputs"]) == 5
    assert manifest["tables"]["articles"] == {"rows": 5}
    assert manifest["settings"]["profile_sha256"]


def test_rebuild_on_unchanged_input_is_a_no_op(raw, tmp_path):
    out = tmp_path / "out"
    first = _build(raw, out)
    before = (out / "articles.parquet").stat().st_mtime_ns
    second = _build(raw, out)
    assert (first.status, second.status, second.read) == ("built", "up_to_date", 0)
    assert "nothing to do" in second.summary()
    assert (out / "articles.parquet").stat().st_mtime_ns == before


@pytest.mark.slow  # several builds of the seeds: make test, not make test-fast
def test_adding_files_reads_only_the_new_ones(raw, tmp_path, monkeypatch):
    out = tmp_path / "out"
    added = raw.parent / "later"
    added.mkdir()
    shutil.move(raw / "004_74b1209bc91239a9.txt", added / "004_74b1209bc91239a9.txt")
    (raw / "sources.csv").replace(tmp_path / "sources.csv")
    sidecar = tmp_path / "sources.csv"
    assert _build(raw, out, sources=sidecar).read == 4
    shutil.move(added / "004_74b1209bc91239a9.txt", raw / "004_74b1209bc91239a9.txt")
    sketched = []
    sketches = dedupe.sketches
    monkeypatch.setattr(
        dedupe, "sketches", lambda a, **k: sketched.append(a.height) or sketches(a, **k)
    )
    result = _build(raw, out, sources=sidecar)
    monkeypatch.undo()
    assert (result.status, result.read, result.tables["articles"]) == ("updated", 1, 5)
    assert sum(sketched) == 1  # the old articles' sketches are read from the build
    full = tmp_path / "full"
    _build(raw, full, sources=sidecar)
    tables = store.read_manifest(full)["tables"]
    assert {"articles", "rejects", "sentences", "mentions", "sentiment"} <= set(tables)
    for name in tables:
        assert_frame_equal(store.read(name, out), store.read(name, full))


@pytest.mark.slow  # several builds of the seeds: make test, not make test-fast
def test_changed_file_rebuilds_everything(raw, tmp_path):
    out = tmp_path / "out"
    _build(raw, out)
    path = next(raw.glob("001_*.txt"))
    path.write_text(path.read_text() + "\nA new closing sentence.\n")
    result = _build(raw, out)
    assert (result.status, result.read) == ("built", 5)
    assert store.read("articles", out)["text"].str.contains("A new closing sentence.").sum() == 1


@pytest.mark.slow  # several builds of the seeds: make test, not make test-fast
def test_force_rebuilds(raw, tmp_path):
    out = tmp_path / "out"
    _build(raw, out)
    assert _build(raw, out, force=True).read == 5


BAD_INPUTS = {
    "empty.txt": b"",
    "blank.txt": b"  \n\n ",
    "binary.txt": bytes(range(256)) * 2,
    "report.pdf": b"%PDF-1.7\n" + bytes(range(256)),
    "only_boilerplate.txt": b"1 comment\nLeave a Reply",
}
GOOD_INPUTS = {
    "cp1252.txt": "Putin’s “visit” — café.\nXi arrived in Moscow on Monday.".encode("cp1252"),
    "utf16.txt": codecs.BOM_UTF16_LE + "Xi arrived in Moscow.\nTalks began.".encode("utf-16-le"),
    "crlf.txt": b" date 2023-03-20 World\r\nXi arrives\r\nXi arrived in Moscow on Monday.\r\n",
    "baddate.txt": b" date 2023-02-30 World\nXi arrives\nXi landed in Moscow on Monday.\n",
}


def test_bad_input_never_aborts_and_nothing_is_lost(tmp_path, monkeypatch):
    raw = tmp_path / "raw"
    raw.mkdir()
    for name, data in {**BAD_INPUTS, **GOOD_INPUTS}.items():
        (raw / name).write_bytes(data)
    (raw / "huge.txt").write_text("Xi visited Moscow. " * 100)
    (raw / "sources.csv").write_text("file,source\ncp1252.txt,Outlet\nghost.txt,Nobody\n")
    monkeypatch.setattr(config, "MAX_FILE_BYTES", 1000)
    out = tmp_path / "out"
    report = _build(raw, out)
    articles = store.read("articles", out)
    rejects = store.read("rejects", out)
    reasons = dict(rejects.select(pl.col("path").str.split("/").list.last(), "reason").iter_rows())
    assert reasons == {
        "empty.txt": "empty",
        "blank.txt": "empty",
        "binary.txt": "binary",
        "report.pdf": "binary",
        "only_boilerplate.txt": "empty",
        "huge.txt": "too_large",
        "ghost.txt": "missing_file",
    }
    assert rejects["detail"].str.len_chars().min() > 10
    names = {p.rsplit("/", 1)[-1] for p in articles["path"]}
    assert names == set(GOOD_INPUTS)
    assert report.status == "built"
    warnings = dict(
        articles.select(pl.col("path").str.split("/").list.last(), "warnings").iter_rows()
    )
    assert warnings["cp1252.txt"] == ["decoded as cp1252 (not plain UTF-8)"]
    assert warnings["baddate.txt"][0] == "could not parse the header date '2023-02-30'"
    texts = dict(articles.select(pl.col("path").str.split("/").list.last(), "text").iter_rows())
    assert texts["cp1252.txt"].startswith("Putin’s “visit” — café.")
    assert texts["crlf.txt"] == "Xi arrived in Moscow on Monday."


def test_exact_duplicate_is_kept_once(raw, tmp_path):
    original = next(raw.glob("001_*.txt"))
    shutil.copy(original, raw / "zz_copy.txt")
    (raw / "sources.csv").write_text(
        (raw / "sources.csv").read_text()
        + "zz_copy.txt,Unnamed UK outlet,GB,en,false,2023-01-31,,copy\n"
    )
    out = tmp_path / "out"
    _build(raw, out)
    rejects = store.read("rejects", out)
    assert rejects.select("reason").to_series().to_list() == ["duplicate"]
    assert original.name in rejects["detail"].item()
    assert store.read("articles", out).height == 5


def test_syndicated_copy_is_marked_not_deleted(raw, tmp_path):
    original = next(raw.glob("003_*.txt"))
    (raw / "zz_repost.txt").write_text(original.read_text() + "\nRepublished by a partner.\n")
    out = tmp_path / "out"
    _build(raw, out)
    articles = store.read("articles", out)
    assert articles.height == 6
    copy = articles.filter(pl.col("path").str.ends_with("zz_repost.txt"))
    head = articles.filter(pl.col("path").str.ends_with(original.name))["article_id"].item()
    assert copy["duplicate_of"].item() == head


def test_trimmed_wire_copy_carries_the_story(raw, tmp_path):
    original = next(raw.glob("003_*.txt"))
    body = original.read_text().split("\n\n")
    trimmed = "MOSCOW (Reuters) - " + "\n\n".join(body[2:6])  # about half the words
    (raw / "zz_trimmed.txt").write_text(trimmed)
    out = tmp_path / "out"
    _build(raw, out)
    articles = store.read("articles", out)
    copy = articles.filter(pl.col("path").str.ends_with("zz_trimmed.txt"))
    head = articles.filter(pl.col("path").str.ends_with(original.name))["article_id"].item()
    result = copy.select("duplicate_of", "syndicated_from", "wire").row(0)
    assert result == (None, head, "Reuters")
    assert articles["syndicated_from"].is_not_null().sum() == 1


def test_nothing_built(tmp_path):
    raw = tmp_path / "raw"
    raw.mkdir()
    (raw / "empty.txt").write_bytes(b"")
    report = _build(raw, tmp_path / "out")
    assert report.status == "nothing_built"
    assert "no input became an article" in report.summary()
    assert store.read("rejects", tmp_path / "out").height == 1


def test_missing_inputs_are_errors(tmp_path):
    with pytest.raises(FileNotFoundError, match="does not exist"):
        pipeline.build([tmp_path / "nope"], out=tmp_path / "out", progress=False)
    with pytest.raises(FileNotFoundError, match="sidecar"):
        pipeline.build([SEEDS], sources=tmp_path / "no.csv", out=tmp_path / "o", progress=False)


def test_seed_sentiment_scores_every_sentence_with_every_method(seed_build):
    sentences = store.read("sentences", seed_build)
    scored = store.read("sentiment", seed_build)
    counts = scored.group_by("method").len().sort("method")
    assert counts.rows() == [("multilex", sentences.height), ("vader", sentences.height)]
    assert scored["compound"].is_between(-1, 1).all()


def _assert_same_tables(left, right, *, but=()):
    """Every table of two builds equal, in canonical order, except the tables in ``but``."""
    names = set(store.read_manifest(left)["tables"])
    assert names == set(store.read_manifest(right)["tables"])
    for name in sorted(names - set(but)):
        result = stages.canonical_order(store.read(name, left))
        expected = stages.canonical_order(store.read(name, right))
        assert result.equals(expected), name  # names the table that differs
        assert_frame_equal(result, expected)


@pytest.mark.slow  # several builds of the seeds: make test, not make test-fast
def test_a_file_reached_twice_is_read_once(raw, tmp_path):
    # Issue 13 #4: it was rejected as a duplicate "kept once" and kept twice anyway.
    (raw / "sub").mkdir()
    shutil.move(next(raw.glob("002_*.txt")), raw / "sub")
    clean = _build(raw, tmp_path / "clean")
    (raw / "link_to_001.txt").symlink_to(next(raw.glob("001_*.txt")))
    report = pipeline.build([raw, raw / "sub"], out=tmp_path / "out", progress=False)
    assert report.tables["articles"] == clean.tables["articles"] == 5
    assert "note: 1 file under more than one --raw path was read once" in report.summary()
    _assert_same_tables(tmp_path / "out", tmp_path / "clean", but=["rejects"])
    rejects = store.read("rejects", tmp_path / "out")
    link = rejects.filter(pl.col("reason") == "symlink")
    assert link["path"].to_list() == [(raw / "link_to_001.txt").as_posix()]
    assert_frame_equal(
        rejects.filter(pl.col("reason") != "symlink"), store.read("rejects", tmp_path / "clean")
    )


@pytest.mark.slow  # several builds of the seeds: make test, not make test-fast
def test_an_incremental_build_equals_a_force_build(tmp_path):
    # Issue 13 #5: a copy that sorts before the kept file doubled every per-sentence row.
    raw = tmp_path / "raw"
    raw.mkdir()
    shutil.copy(next(SEEDS.glob("001_*.txt")), raw / "m_new.txt")
    shutil.copy(next(SEEDS.glob("001_*.txt")), raw / "z_copy.txt")
    shutil.copy(next(SEEDS.glob("003_*.txt")), raw / "c.txt")
    (raw / "sources.csv").write_text("file,source\nghost.txt,Ghost Gazette\n")
    out = tmp_path / "out"
    assert _build(raw, out).rejects_by_reason == {"duplicate": 1, "missing_file": 1}
    shutil.copy(raw / "m_new.txt", raw / "a_same_as_m_new.txt")
    shutil.copy(next(SEEDS.glob("004_*.txt")), raw / "ghost.txt")  # the sidecar's missing file
    (raw / "dangling.txt").symlink_to(raw / "gone.txt")
    report = _build(raw, out)
    assert (report.status, report.read) == ("updated", 2)
    force = _build(raw, tmp_path / "force", force=True)
    assert report.tables == force.tables
    _assert_same_tables(out, tmp_path / "force")
    rejects = store.read("rejects", out).select(pl.col("path").str.split("/").list.last(), "reason")
    assert sorted(rejects.rows()) == [
        ("dangling.txt", "symlink"),
        ("m_new.txt", "duplicate"),
        ("z_copy.txt", "duplicate"),
    ]
    assert "a_same_as_m_new.txt" in store.read("rejects", out)["detail"][2]
    assert _build(raw, out).status == "up_to_date"


@pytest.mark.slow  # several builds of the seeds: make test, not make test-fast
def test_changed_size_limits_rebuild(raw, tmp_path, monkeypatch):
    # Issue 13 #9: a lower limit said "up to date" while the tables still held the large file.
    out = tmp_path / "out"
    _build(raw, out)
    largest = max(raw.glob("*.txt"), key=lambda path: path.stat().st_size)
    monkeypatch.setattr(config, "MAX_FILE_BYTES", largest.stat().st_size - 1)
    report = _build(raw, out)
    assert (report.status, report.rejects_by_reason) == ("built", {"too_large": 1})
    _build(raw, tmp_path / "force", force=True)
    _assert_same_tables(out, tmp_path / "force")


@pytest.mark.slow  # several builds of the seeds: make test, not make test-fast
def test_a_build_killed_between_renames_is_never_read_and_is_rebuilt(raw, tmp_path, monkeypatch):
    # Issue 13 #6: a sidecar edit keeps row counts; the new articles (new ids) and the old
    # mentions passed the manifest's row-count check together.
    out = tmp_path / "out"
    _build(raw, out)
    sidecar = raw / "sources.csv"
    sidecar.write_text(sidecar.read_text().replace("NBC News", "NBC"))
    replace = type(out).replace

    def killed_after_articles(self, target):
        result = replace(self, target)
        if type(out)(target) == out / "articles.parquet":
            raise KeyboardInterrupt  # a kill right after the first table is renamed
        return result

    monkeypatch.setattr(type(out), "replace", killed_after_articles)
    with pytest.raises(KeyboardInterrupt):
        _build(raw, out)
    monkeypatch.undo()
    with pytest.raises(store.StoreError, match="tables from two builds"):
        store.read("articles", out)
    assert _build(raw, out).status == "built"  # whole: the mixed tables are not extended
    _build(raw, tmp_path / "force", force=True)
    _assert_same_tables(out, tmp_path / "force")


def test_links_outside_the_raw_folder_are_rejects_not_articles(raw, tmp_path):
    # Issue 13 #8: a link to a system file was read as an article.
    secret = tmp_path / "secret.txt"
    secret.write_text("Xi Jinping's private notes on Putin, never to be ingested.")
    (raw / "notes.txt").symlink_to(secret)
    out = tmp_path / "out"
    report = _build(raw, out)
    assert (report.tables["articles"], report.rejects_by_reason) == (5, {"symlink": 1})
    assert not store.read("articles", out)["text"].str.contains("private notes").any()


def test_what_a_killed_build_left_is_removed_by_the_next(raw, tmp_path):
    out = tmp_path / "out"
    _build(raw, out)
    (out / ".staging-0123" / "prepared").mkdir(parents=True)
    (out / ".staging-0123" / "prepared" / "part-000000-00000.parquet").write_bytes(b"x" * 100)
    (out / ".sentences.parquet.tmp").write_bytes(b"x" * 100)
    report = _build(raw, out)
    assert report.status == "up_to_date"
    assert f"note: removed what an interrupted build left in {out}" in report.summary()
    assert not list(out.glob(".staging-*")) + list(out.glob(".*.tmp"))


@pytest.mark.slow  # several builds of the seeds: make test, not make test-fast
def test_sentiment_is_scored_by_the_methods_chosen(raw, tmp_path):
    out = tmp_path / "out"
    _build(raw, out, methods=["vader"])
    result = store.read("sentiment", out)["method"].unique().to_list()
    assert result == ["vader"]
    assert store.read_manifest(out)["settings"]["sentiment_methods"] == ["vader"]
    assert _build(raw, out, methods="vader,vader").status == "up_to_date"
    assert _build(raw, out).status == "built"  # the default: multilex and vader
    assert _build(raw, out, methods=["vader", "multilex"]).status == "up_to_date"
    _build(raw, tmp_path / "force", force=True)
    _assert_same_tables(out, tmp_path / "force")


def test_an_unknown_sentiment_method_stops_the_build_before_any_work(tmp_path):
    with pytest.raises(
        ValueError, match=r"unknown sentiment method 'vadr'; known methods: .*vader"
    ):
        pipeline.build([SEEDS], out=tmp_path / "out", progress=False, methods=["vader", "vadr"])
    with pytest.raises(ValueError, match="methods is empty"):
        pipeline.build([SEEDS], out=tmp_path / "out", progress=False, methods=[])
    assert not (tmp_path / "out").exists()


class _Flat:
    """A sentiment method registered at run time: everything is neutral."""

    name = "flat"

    def score_texts(self, texts):
        return pl.DataFrame({"compound": [0.0] * len(texts)}).with_columns(
            pl.lit(None, pl.Float64()).alias(column) for column in ("pos", "neu", "neg")
        )


def test_a_method_registered_at_run_time_runs_only_in_this_process(raw, tmp_path, monkeypatch):
    monkeypatch.setitem(sentiment.METHODS, "flat", _Flat)
    with pytest.raises(ValueError, match="registered at run time, so worker processes"):
        _build(raw, tmp_path / "two", methods=["flat"], workers=2)
    _build(raw, tmp_path / "one", methods=["flat"], workers=1)
    result = store.read("sentiment", tmp_path / "one").select("method", "compound").unique()
    expected = pl.DataFrame({"method": ["flat"], "compound": [0.0]})
    assert_frame_equal(result, expected)


def test_code_sha256_covers_every_file_but_readers_and_caches(tmp_path):
    (tmp_path / "mentions.py").write_text("ALIASES = 1\n")
    (tmp_path / "dashboard").mkdir()
    (tmp_path / "dashboard" / "views.py").write_text("")
    before = pipeline.code_sha256(tmp_path)
    (tmp_path / "dashboard" / "views.py").write_text("COLOURS = 2\n")  # a reader's change
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "trade.py").write_text("")
    (tmp_path / "__pycache__").mkdir()
    (tmp_path / "__pycache__" / "mentions.cpython-311.pyc").write_bytes(b"\0")
    (tmp_path / ".mentions.py.swp").write_bytes(b"\0")
    unchanged = pipeline.code_sha256(tmp_path)
    (tmp_path / "rules").mkdir()  # a new package, named nowhere
    (tmp_path / "rules" / "war.py").write_text("")
    added = pipeline.code_sha256(tmp_path)
    (tmp_path / "mentions.py").write_text("ALIASES = 2\n")
    edited = pipeline.code_sha256(tmp_path)
    (tmp_path / "rules" / "war.py").rename(tmp_path / "rules" / "naming.py")
    renamed = pipeline.code_sha256(tmp_path)
    assert unchanged == before
    assert len({before, added, edited, renamed}) == 4


@pytest.mark.slow  # several builds of the seeds: make test, not make test-fast
def test_a_change_of_analysis_code_rebuilds(raw, tmp_path, monkeypatch):
    # Issue 14: after an analysis function changed, the next build said "up to date".
    package = tmp_path / "framescope"
    shutil.copytree(pipeline.PACKAGE, package, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(pipeline, "PACKAGE", package)  # the code the build fingerprints
    out = tmp_path / "out"
    _build(raw, out)
    views = package / "dashboard" / "views.py"
    views.write_text(views.read_text() + "\n# a dashboard change\n")
    unchanged = _build(raw, out).status
    mentions = package / "mentions.py"
    mentions.write_text(mentions.read_text().replace("def extract(", "def extract(  ", 1))
    changed = _build(raw, out).status
    assert (unchanged, changed) == ("up_to_date", "built")


def test_the_second_corpus_builds_with_its_profile(tmp_path):
    # Issue 16: a second real event (the OPEC+ cut of April 2023) and its edited profile.
    root = config.ROOT / "data"
    report = pipeline.build(
        [root / "raw" / "opec_cut_2023"],
        profile=root / "profiles" / "opec_cut_2023.toml",
        out=tmp_path / "out",
        progress=False,
    )
    assert (report.tables["articles"], report.tables["rejects"]) == (20, 0)
    assert report.profile == (root / "profiles" / "opec_cut_2023.toml").resolve()
    mentions = store.read("mentions", tmp_path / "out")
    top = mentions.group_by("actor").len().sort("len", descending=True)["actor"].head(4)
    assert set(top) == {"opec", "russia", "saudi_arabia", "iraq"}
    figures = store.read("figures", tmp_path / "out")
    assert {"output_cut", "oil_price"} <= set(figures["metric"])
