"""The bundled actor lexicon: canonical names, aliases, demonym phrases, metonyms, colours."""

from __future__ import annotations

import json
import re

import pytest

from articles.claims import ActorEntry, ActorLexicon, load_bundled_lexicon
from articles.claims.lexicon import BUNDLED_ACTORS
from articles.models import ActorKind

CANONICAL = (
    "United States", "Russia", "Turkey", "Iran", "Israel", "United Kingdom", "France", "Jordan",
    "Iraq", "Ukraine", "Saudi Arabia", "United Arab Emirates", "Syrian government",
    "Syrian transitional government", "Syrian Democratic Forces", "People's Defense Units (YPG)",
    "Syrian National Army", "Hayat Tahrir al-Sham", "Islamic State", "Hezbollah", "Hamas",
    "Popular Mobilization Forces", "Kataib Hezbollah", "Kurdistan Regional Government", "PKK",
    "Wagner Group", "Africa Corps", "Libyan National Army", "Government of National Unity",
    "Houthis", "Saudi-led coalition", "Southern Transitional Council", "Yemeni government",
    "Mali", "Burkina Faso", "Niger", "JNIM", "Islamic State Sahel",
    "Global Coalition against Daesh", "UNDOF", "UNIFIL", "NATO",
)  # fmt: skip


@pytest.fixture(scope="module")
def rows():
    return json.loads(BUNDLED_ACTORS.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def lexicon():
    return load_bundled_lexicon()


def actor_in(lexicon, text):
    found = lexicon.find_mentions(text)
    return found[0].actor if found else None


def test_it_bundles_at_least_sixty_actors_with_valid_kinds(rows):
    assert len(rows) >= 60
    assert {row["kind"] for row in rows} <= set(ActorKind.values)
    assert len({row["name"] for row in rows}) == len(rows)


@pytest.mark.parametrize("name", CANONICAL)
def test_it_has_every_canonical_actor_spelt_exactly(lexicon, name):
    assert lexicon.get(name) is not None


def test_every_actor_has_a_hex_colour_and_major_actors_differ(rows):
    assert all(re.fullmatch(r"#[0-9a-f]{6}", row["colour"]) for row in rows)
    canonical_colours = [row["colour"] for row in rows if row["name"] in CANONICAL]
    assert len(set(canonical_colours)) == len(canonical_colours)


def test_it_covers_every_theatre(rows):
    codes = {row["country_code"] for row in rows}
    assert {"SY", "IQ", "UA", "LY", "YE", "IL", "LB", "PS", "ML", "BF", "NE"} <= codes
    kinds = {row["kind"] for row in rows}
    assert {"pmc", "coalition", "militia", "rebel", "jihadist", "state"} <= kinds


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("the SDF", "Syrian Democratic Forces"),
        ("HTS", "Hayat Tahrir al-Sham"),
        ("ISIS", "Islamic State"),
        ("ISIL", "Islamic State"),
        ("Daesh", "Islamic State"),
        ("the PMF", "Popular Mobilization Forces"),
        ("Hashd al-Shaabi", "Popular Mobilization Forces"),
        ("the LNA", "Libyan National Army"),
        ("the GNA", "Government of National Unity"),
        ("IRGC", "Iran"),
        ("Ansar Allah", "Houthis"),
        ("the YPG", "People's Defense Units (YPG)"),
        ("the Peshmerga", "Kurdistan Regional Government"),
        ("the US-led coalition", "Global Coalition against Daesh"),
    ],
)
def test_it_knows_aliases_and_abbreviations(lexicon, text, actor):
    assert actor_in(lexicon, f"Officials said {text} moved.") == actor


@pytest.mark.parametrize(
    ("text", "actor"),
    [
        ("American military", "United States"),
        ("US forces", "United States"),
        ("US troops", "United States"),
        ("U.S. troops", "United States"),
        ("Turkish troops", "Turkey"),
        ("Russian military police", "Russia"),
        ("Israeli jets", "Israel"),
        ("Emirati-led troops", "United Arab Emirates"),
    ],
)
def test_it_knows_demonym_phrases(lexicon, text, actor):
    assert actor_in(lexicon, f"Witnesses said {text} arrived.") == actor


@pytest.mark.parametrize(
    "text",
    [
        "A Turkish journalist arrived.",
        "Let us go.",
        "It is what it is.",
        "Russian officials spoke.",
    ],
)
def test_a_bare_adjective_or_pronoun_is_no_actor(lexicon, text):
    assert lexicon.find_mentions(text) == []


def test_a_demonym_with_a_model_name_is_an_actor(lexicon):
    found = lexicon.find_modified_mentions("Iraqi F-16 jets bombed the hideouts.")
    assert [(m.text, m.actor) for m in found] == [("Iraqi F-16 jets", "Iraq")]


@pytest.mark.parametrize(
    ("metonym", "actor"),
    [
        ("Washington", "United States"),
        ("the Pentagon", "United States"),
        ("the White House", "United States"),
        ("the Kremlin", "Russia"),
        ("Moscow", "Russia"),
        ("Ankara", "Turkey"),
        ("Tehran", "Iran"),
        ("Damascus", "Syrian government"),
    ],
)
def test_metonyms_stand_for_actors(lexicon, metonym, actor):
    assert metonym in lexicon.metonym_names()
    assert lexicon.actor_for_metonym(metonym) == actor


def test_an_earlier_actor_keeps_a_form_two_actors_share():
    lexicon = ActorLexicon.build(
        [
            ActorEntry(name="First", kind="state", aliases=("Shared Name",)),
            ActorEntry(name="Second", kind="state", aliases=("Shared Name",)),
        ]
    )
    assert actor_in(lexicon, "Shared Name struck.") == "First"


def test_the_longest_form_wins(lexicon):
    found = lexicon.find_mentions("the Syrian Democratic Forces advanced")
    assert [(m.text, m.actor) for m in found] == [
        ("the Syrian Democratic Forces", "Syrian Democratic Forces")
    ]
