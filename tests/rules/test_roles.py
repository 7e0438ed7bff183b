import polars as pl
import pytest

from framescope import mentions, profile
from framescope.rules import roles
from tests.framing.conftest import PROFILE, make_sentences


def occurrences(*texts: str) -> list[tuple[int, str, str | None]]:
    sentences = make_sentences(*texts)
    found = roles.occurrences(
        sentences.lazy(), mentions.extract(sentences, PROFILE).lazy(), PROFILE
    )
    return found.select("sentence_idx", "actor", "label").collect().rows()


def test_forms_add_the_country_forms_of_a_leading_nationality_word() -> None:
    result = roles.forms(PROFILE)
    xi = {key for key, role in result.items() if role.role == "Chinese leader"}
    expected = {
        "chinese leader",
        "china's leader",
        "leader of china",
        "leader of the people's republic of china",
        "prc's leader",
        "beijing's leader",
    }
    assert expected <= xi
    assert result["president of the russian federation"].actor == "vladimir_putin"
    assert result["kremlin chief"].label == "chief"
    assert result["chinese head of state"].label == "head of state"
    # No descriptor in it: a speaker, but no label.
    assert result["head of the kremlin"].label is None
    assert result["chinese side"].actor == "china"


def test_a_profile_without_roles_matches_nothing() -> None:
    minimal = profile.parse(
        '[profile]\nid = "t"\ntitle = "T"\nevent_date = 2023-03-20\n'
        '[[actors]]\nid = "a"\nname = "A"\naliases = ["A"]'
    )
    assert roles.pattern(minimal) is None
    sentences = make_sentences("A said so.")
    found = roles.occurrences(
        sentences.lazy(), pl.LazyFrame(schema=mentions.MENTION_SCHEMA), minimal
    )
    assert found.collect().is_empty()


@pytest.mark.parametrize(
    ("texts", "expected"),
    [
        # Any case, any article, possessive and "of" forms (Reuters, Izvestia, The Guardian).
        (
            ("Xi Jinping landed.", "The Chinese President and the president of Russia met."),
            [(1, "xi_jinping", "president")],
        ),
        (
            ("Putin and Xi met.", "China’s president and the Kremlin chief spoke."),
            [(1, "xi_jinping", "president"), (1, "vladimir_putin", "chief")],
        ),
        # The article must name the actor: no Xi here.
        (("Putin met the Chinese leader.",), []),
        # Someone else's office, or another name's title (Al Jazeera, Reuters).
        (
            ("Putin met Xi.", "Former Russian president Dmitry Medvedev met Xi."),
            [],
        ),
        (
            (
                "Putin met Xi.",
                "Wang Yi met his Russian counterpart Sergey Lavrov and the then-Chinese leader.",
            ),
            [],
        ),
        # A title before the actor's own name is its label too (Sputnik); a weekday is no name.
        (
            ("President of Russia Vladimir Putin signed.", "The Russian leader Monday left."),
            [(0, "vladimir_putin", "president"), (1, "vladimir_putin", "leader")],
        ),
        # Roles with no descriptor give rows without a label.
        (("Putin spoke.", "The head of the Kremlin left."), [(1, "vladimir_putin", None)]),
        # Issue 15: a country's possessive is not the end of the role (a Breitbart-style
        # report via michaelsavage.com: "... with the leader of Russia’s closest ally, Xi
        # Jinping"); the role itself may take one ("the Chinese leader's visit").
        (
            (
                "Putin spoke.",
                "He would like to discuss the war with the leader of Russia’s closest ally, Xi "
                "Jinping, directly.",
                "The leader of Russia's visit and the Russian leader's visit were short.",
            ),
            [(2, "vladimir_putin", "leader")],
        ),
    ],
)
def test_occurrences(texts: tuple[str, ...], expected: list[tuple[int, str, str | None]]) -> None:
    assert occurrences(*texts) == expected


@pytest.mark.parametrize(
    ("phrase", "expected"),
    [
        ("The Chinese President", "xi_jinping"),
        ("the visiting Chinese leader", "xi_jinping"),
        ("Russian president", "vladimir_putin"),
        ("The president of the aggressor country", "vladimir_putin"),
        ("the head of Ukraine", "volodymyr_zelensky"),
        ("the Chinese side", "china"),
        # Not the role's holder: a preposition, a former office, a longer phrase.
        ("an adviser to the Chinese president", None),
        ("the press service of the Russian leader", None),
        ("the former Russian president", None),
        ("the Chinese leadership", None),
        ("Chinese leader Xi Jinping", None),
    ],
)
def test_actor_of(phrase: str, expected: str | None) -> None:
    assert pl.select(roles.actor_of(pl.lit(phrase), PROFILE)).item() == expected
