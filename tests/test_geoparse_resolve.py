"""Resolution in context: qualifiers, country focus, nearby mentions, rank and kind cues."""

from __future__ import annotations

import pytest

from articles.geoparse import ResolvedMention, geoparse_text
from tests.test_geoparse_world import METONYMS, small_gazetteer


def find(text: str, surface: str, occurrence: int = 0) -> ResolvedMention:
    mentions = geoparse_text(text, small_gazetteer(), metonym_names=METONYMS)
    matches = [m for m in mentions if m.text == surface]
    assert len(matches) > occurrence, [m.text for m in mentions]
    return matches[occurrence]


@pytest.mark.parametrize(
    ("text", "surface", "place_id"),
    [
        # explicit qualifiers
        ("Gunmen attacked a checkpoint in Tripoli, Lebanon.", "Tripoli", 110),
        ("Gunmen attacked a checkpoint in Tripoli, Libya.", "Tripoli", 111),
        ("TRIPOLI, Lebanon — Gunmen attacked a checkpoint.", "TRIPOLI", 110),
        ("A fire broke out in Glasgow, Ky., on Monday.", "Glasgow", 124),
        ("A fire broke out in Glasgow on Monday.", "Glasgow", 123),
        # a metropolis before the same-named state it is not the seat of
        ("Protesters marched in New York on Monday.", "New York", 131),
        ("Troopers patrolled New York state highways.", "New York state", 26),
        # country focus: the rest of the text is about one country
        (
            "Lebanon's army deployed on Monday. In Tripoli, troops closed roads to stop "
            "fighting. Lebanon has asked for help.",
            "Tripoli",
            110,
        ),
        ("Libya's rival governments met. Tripoli rejected the plan.", "Tripoli", 111),
        # one sense per text: the qualified mention settles the later bare one
        ("Tripoli, Lebanon, was calm. Later, Tripoli saw protests.", "Tripoli", 110),
        # population and rank when nothing else speaks
        ("Tripoli was quiet.", "Tripoli", 111),
        # a city over the same-named region it is the seat of
        ("Shelling hit Aleppo overnight.", "Aleppo", 100),
        # kind cues
        ("Fighting spread across Aleppo province.", "Aleppo province", 20),
        ("Fighting spread across Aleppo governorate.", "Aleppo governorate", 20),
        ("Jets flew from Hmeimim air base.", "Hmeimim air base", 201),
        ("Shelling hit Kharkiv overnight.", "Kharkiv", 114),
        ("Shelling hit Kharkiv oblast overnight.", "Kharkiv oblast", 23),
        ("Shelling hit the Kharkiv region overnight.", "Kharkiv region", 23),
        ("Boats crossed the Euphrates river.", "Euphrates river", 30),
        ("Jordan said rain flooded the Jordan River valley.", "Jordan River", 32),
        ("Jordan said rain flooded the Jordan River valley.", "Jordan", 9),
        # the governorate of the same-named city, however the gazetteer spells it
        ("Drones hit the Conoco field in Deir al-Zor province.", "Deir al-Zor province", 24),
        # a curated site is found by its core name, but a town of that name comes first
        ("Jordan reopened the border town of Nasib.", "Nasib", 202),
        ("Shelling hit Tall Tamr.", "Tall Tamr", 121),
        # news-style abbreviations of states and provinces, period included
        ("A fire broke out in Glasgow, Ky., on Monday.", "Ky.", 22),
    ],
)
def test_it_resolves_ambiguous_names_in_context(text: str, surface: str, place_id: int) -> None:
    assert find(text, surface).place_id == place_id


def test_the_same_name_is_resolved_consistently_in_a_text() -> None:
    text = "Tripoli, Lebanon, was calm. Later, Tripoli saw protests."
    assert find(text, "Tripoli", 1).place_id == 110


def test_nearby_mentions_pull_a_reading_their_way() -> None:
    # Without Lebanon named, the Syrian towns around make the Lebanese Tripoli (200 km away)
    # likelier than the Libyan capital (2,000 km away).
    text = "Refugees from Aleppo, Manbij and Kobani reached Tripoli by bus."
    assert find(text, "Tripoli").place_id == 110


@pytest.mark.parametrize(
    ("text", "surface", "precision"),
    [
        ("Shelling hit Manbij.", "Manbij", 1),
        ("Shelling hit Aleppo province.", "Aleppo province", 4),
        ("Shelling hit Syria.", "Syria", 6),
        ("Jets flew from Hmeimim air base.", "Hmeimim air base", 1),
        ("US forces keep a base near the community of Al Tanf.", "Al Tanf", 2),
        ("Clashes broke out on the outskirts of Manbij.", "Manbij", 2),
        ("Clashes broke out close to Manbij.", "Manbij", 2),
    ],
)
def test_it_sets_the_precision_code(text: str, surface: str, precision: int) -> None:
    assert find(text, surface).precision == precision


def test_near_keeps_the_named_place_as_anchor() -> None:
    tanf = find("US forces keep a base near the community of Al Tanf.", "Al Tanf")
    assert tanf.place_id == 200
    assert abs(tanf.lat - 33.506) < 0.05 and abs(tanf.lon - 38.618) < 0.05


def test_a_small_place_far_from_everything_else_is_left_unresolved() -> None:
    # "Assads" is only a Moroccan hamlet; in a Syrian story it is a place the gazetteer lacks.
    text = "Fighting in Manbij and Kobani spread to Qamishli, near Assads, officials in Raqqa said."
    assads = find(text, "Assads")
    assert assads.place_id is None
    assert [c.place_id for c in assads.candidates] == [117]  # kept for curators


def test_a_curated_site_is_never_a_stray() -> None:
    text = "MOSCOW, April 5. Washington says US troops stay near Al Tanf."
    assert find(text, "Al Tanf").place_id == 200


@pytest.mark.parametrize("text", ["", "   \n\n", "!!! ??? ...", "no names in lower case at all"])
def test_texts_without_places_give_no_mentions(text: str) -> None:
    assert geoparse_text(text, small_gazetteer(), metonym_names=METONYMS) == ()


def test_a_river_side_is_taken_in_the_country_of_the_towns_named_around_it() -> None:
    text = (
        "BAGHDAD, Dec. 9 – Iraqi forces hold al-Qaim and Baghdad says the border is calm. "
        "Across the frontier, near Hajin, east of the Euphrates, fighting went on."
    )
    mentions = geoparse_text(text, small_gazetteer(), metonym_names=METONYMS)
    bank = next(m for m in mentions if m.region is not None)
    assert bank.region.key.endswith(":SY")


def test_a_repeated_name_is_not_its_own_witness() -> None:
    # Four bare "Glasgow"s in a story set in the United States: the repetitions of one name
    # must not outvote the story's other names as if each were new evidence for Scotland.
    text = (
        "Fire crews in Glasgow worked through the night. In Glasgow, roads were closed. "
        "Schools in Glasgow stayed open, and Glasgow shops too, as storms crossed the "
        "United States."
    )
    assert {find(text, "Glasgow", n).place_id for n in range(4)} == {124}
