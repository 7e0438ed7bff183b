from datetime import date

import pytest

from framescope import profile

MINIMAL = """
[profile]
id = "t"
title = "Test"
event_date = 2023-03-20

[[actors]]
id = "xi_jinping"
name = "Xi Jinping"
kind = "person"
aliases = ["Xi Jinping", "Xi"]
"""


def test_seed_profile_loads_with_the_required_actors():
    result = profile.load()
    ids = {a.id for a in result.actors}
    required = {
        "xi_jinping",
        "vladimir_putin",
        "volodymyr_zelensky",
        "wang_yi",
        "wang_wenbin",
        "mao_ning",
        "qin_gang",
        "dmytro_kuleba",
        "antony_blinken",
        "ian_bremmer",
        "china",
        "russia",
        "ukraine",
        "united_states",
        "the_west",
        "kremlin",
        "russian_foreign_ministry",
        "chinese_foreign_ministry",
        "tass",
        "sco",
    }
    assert required <= ids
    assert [m.date for m in result.milestones] == [
        date(2023, 1, 30),
        date(2023, 2, 22),
        date(2023, 3, 17),
        date(2023, 3, 20),
    ]
    zelensky = next(a for a in result.actors if a.id == "volodymyr_zelensky")
    assert "Olena Zelenska" in zelensky.exclusions


def test_minimal_profile():
    result = profile.parse(MINIMAL)
    assert (result.id, result.event_date, result.languages) == ("t", date(2023, 3, 20), ("en",))
    assert result.name_words() == {"xi", "jinping"}


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (lambda t: t + "\n[extra]\nx = 1\n", r"unknown key\(s\) \['extra'\]"),
        (
            lambda t: t.replace('kind = "person"', 'kind = "person"\nnickname = "x"'),
            r"actors\[0\] \(xi_jinping\): unknown key\(s\) \['nickname'\]",
        ),
        (
            lambda t: t.replace('aliases = ["Xi Jinping", "Xi"]', "aliases = []"),
            r"aliases: the list is empty",
        ),
        (lambda t: t.replace('id = "xi_jinping"', 'id = "Xi Jinping"'), "is not snake_case"),
        (lambda t: t.replace("2023-03-20", '"2023-13-40"'), "is not a date"),
        (lambda t: t.replace('kind = "person"', 'kind = "alien"'), "'alien' is not one of"),
        (lambda t: t + t[t.index("[[actors]]") :], "duplicate id 'xi_jinping'"),
        (
            lambda t: t + '\n[[actors]]\nid = "xi2"\nname = "X"\naliases = ["Xi"]\n',
            "'Xi' is already an alias of 'xi_jinping'",
        ),
        (
            lambda t: (
                t + '\n[[milestones]]\nid = "m"\ndate = 2023-03-22\nend = 2023-03-20\nlabel = "x"\n'
            ),
            "is before the date",
        ),
        (lambda t: t.replace('name = "Xi Jinping"\n', ""), "missing required key 'name'"),
        # Issue 15: roles are validated like aliases.
        (
            lambda t: t.replace('kind = "person"', 'kind = "person"\nroles = "Chinese leader"'),
            r"actors\[0\] \(xi_jinping\).roles: expected a list of non-empty strings",
        ),
        (
            lambda t: t.replace('kind = "person"', 'kind = "person"\nroles = ["", "x"]'),
            r"roles: expected a list of non-empty strings",
        ),
        (
            lambda t: (
                t.replace('kind = "person"', 'kind = "person"\nroles = ["Chinese leader"]')
                + '\n[[actors]]\nid = "li"\nname = "Li"\naliases = ["Li"]\n'
                'roles = ["the  chinese Leader"]\n'
            ),
            r"actors \(li\).roles: 'the  chinese Leader' is already a role of 'xi_jinping'",
        ),
        (
            lambda t: t.replace('kind = "person"', 'kind = "person"\nroles = ["the Xi"]'),
            r"actors \(xi_jinping\).roles: 'the Xi' is an alias of 'xi_jinping'",
        ),
        (lambda t: t + "\nbroken = [", "not valid TOML"),
    ],
)
def test_validation_errors_name_the_key(edit, message):
    with pytest.raises(profile.ProfileError, match=message):
        profile.parse(edit(MINIMAL))


def test_load_missing_file(tmp_path):
    with pytest.raises(profile.ProfileError, match="cannot read profile"):
        profile.load(tmp_path / "none.toml")


def test_seed_profile_framing_and_metric_sections():
    result = profile.load()
    assert {"dictator", "president", "leader"} <= set(result.descriptors)
    assert "declined to confirm" in result.hedges
    war = {g.id: g for g in result.war_terms}
    assert "special military operation" in war["special_military_operation"].terms
    assert "trade war" in war["war"].exclusions
    assert {f.category for f in result.frames} <= set(profile.FRAME_CATEGORIES)
    assert "bilateral_trade" in {m.id for m in result.metrics}
    assert (result.actor("tass").speaker_kind, result.actor("tass").voice) == (
        "state_media",
        "russian_official",
    )


GROUPS = MINIMAL + '\n[[frames]]\nid = "econ"\ncategory = "economic"\nterms = ["trade"]\n'


@pytest.mark.parametrize(
    ("text", "message"),
    [
        (GROUPS.replace('"economic"', '"vibes"'), r"frames\[0\] \(econ\).category: 'vibes'"),
        (GROUPS.replace('terms = ["trade"]', "terms = []"), r"frames\[0\] \(econ\).terms"),
        (GROUPS.replace('terms = ["trade"]', 'terms = ["trade"]\ncues = ["x"]'), "'cues'"),
        (GROUPS + GROUPS[len(MINIMAL) :], "frames: duplicate id 'econ'"),
        (MINIMAL.replace('kind = "person"', 'kind = "person"\nvoice = "martian"'), "'martian'"),
        ('descriptors = "dictator"\n' + MINIMAL, "^descriptors: expected a list"),
    ],
)
def test_section_validation(text, message):
    with pytest.raises(profile.ProfileError, match=message):
        profile.parse(text)


def test_unknown_actor():
    with pytest.raises(KeyError, match="no actor 'nobody'"):
        profile.parse(MINIMAL).actor("nobody")


def test_seed_profile_roles():
    result = profile.load()
    assert {"Chinese leader", "Chinese president"} <= set(result.actor("xi_jinping").roles)
    putin = set(result.actor("vladimir_putin").roles)
    assert {"Kremlin chief", "president of the aggressor country"} <= putin
    assert "Ukrainian president" in result.actor("volodymyr_zelensky").roles
    # "the Chinese side" is the government, not Xi.
    assert "Chinese side" in result.actor("china").roles
    assert result.actor("tass").roles == ()


def test_role_key():
    assert profile.role_key("The  Kremlin’s chief") == "kremlin's chief"
    assert profile.role_key("the") == "the"
    assert "data" in profile.SPEAKER_KINDS
