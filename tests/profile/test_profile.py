from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from framescope import config, profile

SINGLE = config.ROOT / "tests" / "fixtures" / "profiles" / "xi_moscow_2023_single.toml"
"""The seed profile as one file, before it extended the base (commit 37cc905)."""

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
        ('descriptors = "dictator"\n' + MINIMAL, "^<profile>: descriptors: expected a list"),
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


# --- the base profile and profiles that extend it (issue 16) -----------------------------


def test_base_profile_alone():
    result = profile.load_base()
    assert (result.id, result.title, result.event_date) == (
        "base",
        "Any event (base profile)",
        None,
    )
    assert result.milestones == ()
    assert result.war_terms == ()
    assert result.metrics == ()
    assert result.reference == profile.Reference()
    assert {"reuters", "associated_press", "tass", "xinhua", "china"} <= {
        a.id for a in result.actors
    }
    assert not {"xi_jinping", "vladimir_putin"} & {a.id for a in result.actors}
    assert profile.load("base") == result


def test_base_profile_is_installed_with_the_package():
    assert profile.BASE.is_file()
    assert profile.BASE.parent == Path(profile.__file__).parent


def _actor_fields(actor: profile.Actor) -> tuple:
    """An actor with its lists as sets: their order changes no match."""
    return (
        actor.name,
        actor.kind,
        frozenset(actor.aliases),
        frozenset(actor.roles),
        frozenset(actor.exclusions),
        actor.speaker_kind,
        actor.voice,
    )


def test_seed_profile_extending_the_base_equals_the_single_file_it_was():
    result = profile.load()
    expected = profile.load(SINGLE)
    result_actors = {a.id: _actor_fields(a) for a in result.actors}
    assert result_actors == {a.id: _actor_fields(a) for a in expected.actors}
    # The base's actors, then the event's, each in the single file's order: first-come
    # choices (nation words, head words) follow actor order, and the seed build is unchanged.
    order = [a.id for a in expected.actors]
    inherited = {a.id for a in profile.load_base().actors}
    assert [a.id for a in result.actors] == sorted(order, key=lambda a: a not in inherited)
    for section in ("descriptors", "hedges", "war_terms", "frames", "metrics", "milestones"):
        assert getattr(result, section) == getattr(expected, section), section
    assert (result.id, result.title, result.event_date, result.languages) == (
        expected.id,
        expected.title,
        expected.event_date,
        expected.languages,
    )
    assert result.reference.annual == "china_russia_trade_annual.csv"


def test_seed_profile_file_is_short():
    assert len(config.PROFILE.read_text(encoding="utf-8").splitlines()) < 200


EVENT = """extends = "base"
descriptors = ["minister", "mayor"]

[profile]
id = "flood"
title = "The flood"

[[actors]]
id = "reuters"
name = "Reuters news agency"
kind = "media"
aliases = ["Reuters news agency"]

[[actors]]
id = "jane_doe"
name = "Jane Doe"
kind = "person"
aliases = ["Jane Doe", "Doe"]

[[frames]]
id = "pandemic"
label = "disease"
category = "health_and_safety"
terms = ["cholera"]
"""


def test_an_event_profile_extends_lists_and_replaces_entries_by_id():
    base = profile.load_base()
    result = profile.parse(EVENT, source="flood.toml")
    assert (result.id, result.title, result.event_date) == ("flood", "The flood", None)
    assert result.descriptors == (*base.descriptors, "mayor")
    assert result.hedges == base.hedges
    ids = [a.id for a in result.actors]
    assert ids == [*(a.id for a in base.actors), "jane_doe"]
    # Replaced whole, in the base's place: nothing of the base's Reuters is kept.
    assert result.actor("reuters").aliases == ("Reuters news agency",)
    assert result.actor("reuters").speaker_kind == "other"
    frames = {f.id: f for f in result.frames}
    assert frames["pandemic"].terms == ("cholera",)
    assert [f.id for f in result.frames] == [f.id for f in base.frames]


def test_extends_a_path_relative_to_the_extending_file(tmp_path: Path):
    (tmp_path / "shared").mkdir()
    (tmp_path / "shared" / "region.toml").write_text(
        EVENT.replace('id = "flood"', 'id = "region"'), encoding="utf-8"
    )
    event = tmp_path / "event.toml"
    event.write_text(
        'extends = "shared/region.toml"\nhedges = ["rumoured"]\n'
        '[profile]\nid = "e"\nevent_date = 2024-05-01\n'
        '[reference]\nannual = "e_annual.csv"\n',
        encoding="utf-8",
    )
    result = profile.load(event)
    assert (result.id, result.event_date) == ("e", date(2024, 5, 1))
    assert result.hedges[-1] == "rumoured"
    assert "jane_doe" in {a.id for a in result.actors}
    assert result.reference == profile.Reference(annual="e_annual.csv")
    assert result.reference.path("annual", folder=tmp_path) == tmp_path / "e_annual.csv"


def test_a_profile_fingerprint_follows_every_file_it_is_made_of(tmp_path: Path):
    shared = tmp_path / "shared.toml"
    shared.write_text(EVENT, encoding="utf-8")
    event = tmp_path / "event.toml"
    event.write_text('extends = "shared.toml"\n[profile]\nid = "e"\n', encoding="utf-8")
    before = profile.load(event).sha256
    shared.write_text(EVENT.replace('"mayor"', '"governor"'), encoding="utf-8")
    assert profile.load(event).sha256 != before
    assert profile.parse(MINIMAL).sha256 == profile.parse(MINIMAL).sha256


def test_an_extends_cycle_is_refused(tmp_path: Path):
    a, b = tmp_path / "a.toml", tmp_path / "b.toml"
    a.write_text('extends = "b.toml"\n[profile]\nid = "a"\n', encoding="utf-8")
    b.write_text('extends = "a.toml"\n[profile]\nid = "b"\n', encoding="utf-8")
    with pytest.raises(profile.ProfileError, match=r"b.toml: extends: 'a.toml' makes a cycle"):
        profile.load(a)
    a.write_text('extends = "a.toml"\n[profile]\nid = "a"\n', encoding="utf-8")
    with pytest.raises(profile.ProfileError, match="makes a cycle"):
        profile.load(a)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        (
            lambda t: t.replace('kind = "person"', 'kind = "persn"'),
            r"^flood.toml: actors\[1\] \(jane_doe\).kind: 'persn' is not one of \['person'",
        ),
        (
            lambda t: t.replace('"base"', '"missing.toml"'),
            r"cannot read profile '.*missing.toml'",
        ),
        (lambda t: t.replace('"base"', "3"), r"^flood.toml: extends: expected \"base\" or a path"),
        (
            lambda t: t + "[reference]\nmonthly = 'm.csv'\n",
            r"^flood.toml: reference: unknown key\(s\) \['monthly'\]",
        ),
        (lambda t: t + "[reference]\nannual = 3\n", r"^flood.toml: reference.annual: expected"),
        (
            # Checked with what it extends: the alias is the base's Reuters'.
            lambda t: t.replace('aliases = ["Jane Doe", "Doe"]', 'aliases = ["AP"]'),
            r"^flood.toml \(extending .*base.toml\): actors \(jane_doe\).aliases: 'AP' is "
            "already an alias of 'associated_press'",
        ),
        (lambda t: t.replace('id = "flood"', ""), r"^flood.toml: profile: missing required key"),
        (lambda t: t.replace("[profile]", "[profil]"), r"^flood.toml: top level: unknown key"),
    ],
)
def test_event_profile_errors_name_the_file_and_the_key(edit, message):
    with pytest.raises(profile.ProfileError, match=message):
        profile.parse(edit(EVENT), source="flood.toml")


def test_a_profile_without_extends_needs_actors():
    with pytest.raises(profile.ProfileError, match="missing required key 'actors'"):
        profile.parse('[profile]\nid = "t"\n', source="t.toml")


def test_reference_paths_default_to_the_reference_folder(monkeypatch, tmp_path: Path):
    monkeypatch.setattr(config, "REFERENCE", tmp_path)
    reference = profile.load().reference
    assert reference.path("targets") == tmp_path / "trade_targets.csv"
    assert replace(reference, targets=None).path("targets") is None
    with pytest.raises(ValueError, match="'monthly' is not one of"):
        reference.path("monthly")


def test_auto_is_a_build_mode_not_a_file() -> None:
    with pytest.raises(profile.ProfileError, match="profile 'auto' is drafted by a build"):
        profile.load("auto")


@pytest.mark.parametrize(
    ("environment", "expected"),
    [
        ({}, "xi_moscow_2023.toml"),
        ({"FRAMESCOPE_RAW": "/corpus"}, "auto"),
        ({"FRAMESCOPE_RAW": "/corpus", "FRAMESCOPE_PROFILE": "/p.toml"}, "p.toml"),
        ({"FRAMESCOPE_PROFILE": "base"}, "base"),
    ],
)
def test_the_default_profile_follows_the_environment(monkeypatch, environment, expected) -> None:
    for name in ("FRAMESCOPE_RAW", "FRAMESCOPE_PROFILE"):
        monkeypatch.delenv(name, raising=False)
    for name, value in environment.items():
        monkeypatch.setenv(name, value)
    result = config._profile()
    assert (result.name if isinstance(result, Path) else result) == expected
