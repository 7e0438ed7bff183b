"""Tests for framescope.profile.draft: the drafted profile as data and as TOML, on literal
articles, on the seed corpus and on the 106 real articles of tests/evaluation."""

from __future__ import annotations

import tomllib
from datetime import date
from pathlib import Path

import polars as pl
import pytest

from framescope import config, profile
from framescope.profile import draft
from framescope.profile.corpus import count

EVALUATION = Path(__file__).parents[1] / "evaluation"


def _articles(*texts: str, sources: tuple[str, ...] | None = None) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "source": list(sources or [f"outlet{i}" for i in range(len(texts))]),
            "published": [date(2023, 3, 20)] * len(texts),
            "text": list(texts),
        }
    )


def _by_name(drafted: draft.Draft) -> dict[str, draft.Candidate]:
    return {actor.name: actor for actor in drafted.actors}


@pytest.fixture(scope="module")
def seeds() -> draft.Draft:
    return draft.draft([config.RAW])


@pytest.fixture(scope="module")
def evaluation(tmp_path_factory: pytest.TempPathFactory) -> draft.Draft:
    """The evaluation set's sentences joined per article, as a JSON Lines export."""
    sentences = pl.read_csv(EVALUATION / "sentences.csv")
    articles = pl.read_csv(EVALUATION / "articles.csv")
    texts = (
        sentences.sort("article_id", "sentence_no")
        .group_by("article_id", maintain_order=True)
        .agg(pl.col("text").str.join(" "))
    )
    table = articles.join(texts, on="article_id").select(
        pl.col("outlet").alias("source"), "published", "title", "text"
    )
    folder = tmp_path_factory.mktemp("evaluation")
    table.write_ndjson(folder / "articles.jsonl")
    return draft.draft([folder])


def test_propose_groups_full_name_surname_and_title() -> None:
    articles = _articles(
        "Chinese leader Xi Jinping met President Putin in Moscow.",
        "Russian President Vladimir Putin greeted Xi. Putin smiled.",
        "Vladimir Putin’s talks with President Xi went on.",
    )
    result = _by_name(draft.propose(count(articles)))
    expected = {"Xi Jinping", "Xi", "President Xi"}
    assert set(result["Xi Jinping"].aliases) == expected
    assert result["Xi Jinping"].roles == ("Chinese leader",)
    assert {"Vladimir Putin", "Putin", "President Putin"} <= set(result["Vladimir Putin"].aliases)
    assert result["Vladimir Putin"].n_articles == 3


def test_propose_counts_articles_and_outlets() -> None:
    articles = _articles(
        "Wang Yi spoke.", "Wang Yi left.", "Wang Yi came.", sources=("A", "A", "B")
    )
    result = _by_name(draft.propose(count(articles)))["Wang Yi"]
    assert (result.n_articles, result.n_outlets) == (3, 2)


def test_propose_leaves_a_shared_surname_out_and_says_so() -> None:
    articles = _articles("Wang Yi met Wang Wenbin.", "Wang Yi and Wang Wenbin spoke. Wang left.")
    result = _by_name(draft.propose(count(articles)))
    assert "Wang" not in result["Wang Yi"].aliases
    assert "Wang" not in result["Wang Wenbin"].aliases
    assert any("'Wang' alone" in note for note in result["Wang Yi"].notes)


def test_propose_groups_transliterations_and_excludes_a_similar_name() -> None:
    articles = _articles(
        "Volodymyr Zelensky spoke. Zelenskyy said so.",
        "Volodymyr Zelensky and Olena Zelenska came. Zelenskiy left.",
    )
    result = _by_name(draft.propose(count(articles)))["Volodymyr Zelensky"]
    assert {"Zelenskyy", "Zelenskiy"} <= set(result.aliases)
    assert "Zelenska" not in result.aliases


def test_propose_excludes_a_longer_name_holding_an_alias() -> None:
    articles = _articles("China said the South China Sea is calm.", "China agreed.")
    result = _by_name(draft.propose(count(articles), top=1))["China"]
    assert result.exclusions == ("South China Sea",)


def test_a_role_written_before_two_actors_is_not_proposed() -> None:
    articles = _articles(
        "Chinese Foreign Minister Wang Yi met Chinese Foreign Minister Qin Gang.",
        "Chinese leader Xi Jinping spoke.",
    )
    result = _by_name(draft.propose(count(articles)))
    assert result["Wang Yi"].roles == ()
    assert result["Xi Jinping"].roles == ("Chinese leader",)


def test_event_date_is_the_coverage_peak() -> None:
    articles = pl.DataFrame(
        {
            "source": ["A", "B", "C", "D"],
            "published": [date(2023, 1, 30), date(2023, 3, 20), date(2023, 3, 21), None],
            "text": ["Xi Jinping."] * 4,
        }
    )
    result = draft.propose(count(articles))
    assert (result.event_date, result.peak_articles) == (date(2023, 3, 20), 2)


def test_metrics_are_the_words_next_to_figures() -> None:
    articles = _articles(
        "Bilateral trade rose 29% to $190 billion.", "Trade reached $240 billion last year."
    )
    result = {m.term: m for m in draft.propose(count(articles)).metrics}
    assert result["trade"].n_articles == 2
    assert "USD" in result["trade"].units


def test_render_is_toml_that_extends_the_base() -> None:
    drafted = draft.propose(count(_articles("Xi Jinping met Xi.", "Xi Jinping left.")))
    result = tomllib.loads(draft.render(drafted, profile_id="t", title="T"))
    assert result["extends"] == "base"
    assert result["profile"] == {
        "id": "t",
        "title": "T",
        "event_date": "2023-03-20",
        "languages": ["en"],
    }
    assert result["actors"][0]["aliases"] == ["Xi Jinping", "Xi"]


def test_render_comments_each_candidate_with_its_counts() -> None:
    drafted = draft.propose(count(_articles("Xi Jinping met Xi.", "Xi Jinping left.")))
    assert '# 2 articles, 2 outlets\nid = "xi_jinping"' in draft.render(drafted)


def test_with_base_takes_the_base_actor_id_and_keeps_its_aliases() -> None:
    candidate = draft.Candidate("us", "US", "country", 4, 4, ("US", "Washington", "Biden"))
    (result,) = draft.with_base([candidate], profile.load_base())
    base = next(a for a in profile.load_base().actors if a.id == "united_states")
    assert result.id == "united_states"
    assert result.aliases == (*base.aliases, "Biden")


def test_seed_draft_proposes_the_main_actors(seeds: draft.Draft) -> None:
    result = _by_name(seeds)
    for name in (
        "Xi Jinping",
        "Vladimir Putin",
        "Volodymyr Zelensky",
        "Wang Yi",
        "Russian Foreign Ministry",
        "Chinese Foreign Ministry",
    ):
        assert name in result, name
    assert {"Xi", "Xi Jinping", "President Xi Jinping"} <= set(result["Xi Jinping"].aliases)
    assert "Chinese leader" in result["Xi Jinping"].roles
    assert seeds.event_date is not None and seeds.event_date.year == 2023


def test_seed_draft_loads_as_a_profile(seeds: draft.Draft, tmp_path: Path) -> None:
    path = tmp_path / "draft.toml"
    path.write_text(draft.render(seeds, profile_id="xi_draft"), encoding="utf-8")
    result = profile.load(path)
    assert result.id == "xi_draft"
    assert {"xi_jinping", "vladimir_putin", "wang_yi"} <= {a.id for a in result.actors}


def test_evaluation_draft_proposes_its_main_actors(evaluation: draft.Draft, tmp_path: Path) -> None:
    assert evaluation.articles == 106
    top = [actor.name for actor in evaluation.actors[:15]]
    for name in ("Xi Jinping", "Vladimir Putin", "Volodymyr Zelensky", "China", "Russia"):
        assert name in top, name
    assert evaluation.event_date is not None and evaluation.event_date.year == 2023
    path = tmp_path / "draft.toml"
    path.write_text(draft.render(evaluation), encoding="utf-8")
    assert profile.load(path).id == "draft"


def test_draft_names_a_folder_without_articles(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="no article could be read"):
        draft.draft([tmp_path])


def test_second_corpus_draft_proposes_its_main_actors(tmp_path: Path) -> None:
    # The OPEC+ cut of April 2023 (data/raw/opec_cut_2023): the producers, OPEC and Novak.
    drafted = draft.draft([config.ROOT / "data" / "raw" / "opec_cut_2023"])
    result = _by_name(drafted)
    top = [actor.name for actor in drafted.actors[:10]]
    for name in ("OPEC", "Saudi Arabia", "Iraq", "Russia"):
        assert name in top, name
    assert {"Alexander Novak", "Novak"} <= set(result["Alexander Novak"].aliases)
    assert drafted.event_date == date(2023, 4, 2)
    path = tmp_path / "draft.toml"
    path.write_text(draft.render(drafted, profile_id="opec_draft"), encoding="utf-8")
    assert profile.load(path).id == "opec_draft"


def test_a_draft_is_the_same_text_for_the_same_corpus() -> None:
    # A build with no profile fingerprints the draft: ties must not reorder it between runs.
    raw = [config.ROOT / "data" / "raw" / "opec_cut_2023"]
    first, second = (draft.render(draft.draft(raw)) for _ in range(2))
    assert first == second
