"""Relative and vague places become Regions with geometries (shapely over the test boxes)."""

from __future__ import annotations

import pytest
from shapely.geometry import Point, shape

from articles.geoparse import ResolvedMention, geoparse_text
from tests.test_geoparse_world import METONYMS, small_gazetteer


def regions(text: str) -> dict[str, ResolvedMention]:
    mentions = geoparse_text(text, small_gazetteer(), metonym_names=METONYMS)
    return {m.text: m for m in mentions if m.region is not None}


def region_of(text: str, surface: str) -> ResolvedMention:
    found = regions(text)
    assert surface in found, list(found)
    mention = found[surface]
    assert mention.region is not None
    # The representative point lies inside the geometry and is the mention's point.
    area = shape(mention.region.geometry)
    assert area.buffer(1e-6).contains(Point(mention.lon, mention.lat))
    assert (mention.lat, mention.lon) == (mention.region.lat, mention.region.lon)
    assert mention.place_id is None and mention.method == "relative"
    return mention


@pytest.mark.parametrize(
    ("text", "surface", "inside", "outside"),
    [
        ("US troops are in northern Syria.", "northern Syria", (38, 36.5), (38, 33)),
        ("US troops are in southern Syria.", "southern Syria", (38, 33), (38, 36.5)),
        ("US troops are in eastern Syria.", "eastern Syria", (41, 34.5), (37, 34.5)),
        # Al Tanf (38.6 E, 33.5 N) is in what reports call south-eastern Syria.
        ("US troops are in southeastern Syria.", "southeastern Syria", (38.6, 33.5), (37, 36.5)),
        ("US troops are in south-eastern Syria.", "south-eastern Syria", (41, 33), (37, 36.5)),
        ("US troops are in north-east Syria.", "north-east Syria", (41, 36.5), (37, 33)),
        ("Fighting in central Syria went on.", "central Syria", (39, 34.5), (36.2, 32.2)),
        (
            "Shelling hit northern Aleppo province.",
            "northern Aleppo province",
            (37.5, 36.8),
            (37.5, 35.7),
        ),
        ("Troops stayed in the north of Syria.", "north of Syria", (38, 36.5), (38, 33)),
    ],
)
def test_it_builds_parts_of_areas(
    text: str, surface: str, inside: tuple[float, float], outside: tuple[float, float]
) -> None:
    mention = region_of(text, surface)
    area = shape(mention.region.geometry)
    assert area.contains(Point(*inside))
    assert not area.contains(Point(*outside))
    assert mention.precision == 5
    assert mention.region.key.startswith("part:")


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("The US controls the eastern Euphrates River bank.", "eastern Euphrates River bank"),
        ("SDF areas east of the Euphrates in Syria.", "east of the Euphrates"),
        ("SDF areas on the east bank of the Euphrates in Syria.", "east bank of the Euphrates"),
        ("SDF areas on the eastern bank of the Euphrates, Syria.", "eastern bank of the Euphrates"),
    ],
)
def test_it_builds_the_side_of_a_river_inside_the_country(text: str, surface: str) -> None:
    # The river runs (38, 37) -> (40.5, 34.7) -> (42, 34) across Syria.
    mention = region_of(f"Syria: {text}", surface)
    area = shape(mention.region.geometry)
    assert area.contains(Point(41, 36))  # the Jazira, east of the river
    assert not area.contains(Point(37, 34))  # Damascus side
    assert not area.contains(Point(43, 36))  # Iraq: the side is clipped to the country
    assert mention.precision == 5
    assert mention.anchor_place_id in (30, 31)


def test_west_of_the_river_is_the_other_side() -> None:
    mention = region_of(
        "In Syria, regime forces hold areas west of the Euphrates.", "west of the Euphrates"
    )
    area = shape(mention.region.geometry)
    assert area.contains(Point(37, 34))
    assert not area.contains(Point(41, 36))


def test_it_builds_a_circle_n_km_away_in_a_direction() -> None:
    mention = region_of("A drone struck 30 km north of Manbij.", "30 km north of Manbij")
    # Manbij is at 36.53 N; 30 km north is about 0.27 degrees further.
    assert 36.70 < mention.lat < 36.90
    assert abs(mention.lon - 37.955) < 0.05
    assert mention.precision == 2
    assert mention.anchor_place_id == 102


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Raids hit the Manbij countryside.", "Manbij countryside"),
        ("Raids hit the countryside of Manbij.", "countryside of Manbij"),
        ("Raids hit rural Manbij.", "rural Manbij"),
    ],
)
def test_it_builds_the_countryside_of_a_town(text: str, surface: str) -> None:
    mention = region_of(text, surface)
    area = shape(mention.region.geometry)
    assert area.contains(Point(37.955, 36.528))
    assert area.bounds[2] - area.bounds[0] < 1.0  # tens of km, not the governorate
    assert mention.anchor_place_id == 102


@pytest.mark.parametrize(
    ("text", "surface"),
    [
        ("Syria: troops massed at the border with Turkey.", "border with Turkey"),
        ("Troops massed on the Syria-Turkey border.", "Syria-Turkey border"),
        ("Troops massed on the Syrian–Turkish border.", "Syrian–Turkish border"),
        ("Syria says troops massed on the Turkish border.", "Turkish border"),
    ],
)
def test_it_builds_a_band_along_a_border(text: str, surface: str) -> None:
    mention = region_of(text, surface)
    area = shape(mention.region.geometry)
    assert area.contains(Point(39, 37.02))  # on the shared edge at lat 37
    assert not area.contains(Point(39, 34))
    assert mention.region.key == "border:SY:TR"
    assert mention.precision == 5


def test_it_builds_the_corridor_between_two_places() -> None:
    mentions = geoparse_text(
        "Clashes on the road between Manbij and Kobani.", small_gazetteer(), metonym_names=()
    )
    by_text = {m.text: m for m in mentions}
    corridor = by_text["between Manbij and Kobani"]
    area = shape(corridor.region.geometry)
    assert area.contains(Point(38.15, 36.71))  # half-way
    # The two towns stay mentions of their own.
    assert by_text["Manbij"].place_id == 102
    assert by_text["Kobani"].place_id == 103


def test_regions_have_stable_keys() -> None:
    first = region_of("US troops are in northern Syria.", "northern Syria").region
    second = region_of("Russia says northern Syria is calm.", "northern Syria").region
    assert first.key == second.key == "part:north:1"
