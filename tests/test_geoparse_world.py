"""A small hand-made gazetteer for the geoparser tests, and tests of the Gazetteer itself.

Countries are boxes and rivers straight lines, so expected regions are easy to reason about:
Syria is lon 36–42, lat 32–37; Turkey sits on top of it (lat 37–41); Iraq east of it (lon 42–48);
the Euphrates enters Syria from Turkey at (38, 37) and leaves for Iraq at (42, 34).
"""

from __future__ import annotations

import pickle
from functools import cache

import pytest

from articles.geoparse import Gazetteer, PlaceRecord


def _box(min_lon: float, min_lat: float, max_lon: float, max_lat: float) -> dict:
    ring = [
        [min_lon, min_lat],
        [max_lon, min_lat],
        [max_lon, max_lat],
        [min_lon, max_lat],
        [min_lon, min_lat],
    ]
    return {"type": "Polygon", "coordinates": [ring]}


# id, name, kind, feature code, country, admin1, population, lat, lon, alternate names
PLACES = [
    (1, "Syria", "country", "PCLI", "SY", "", 17_000_000, 35.0, 38.0, ["Syrian Arab Republic"]),
    (2, "Turkey", "country", "PCLI", "TR", "", 80_000_000, 39.0, 35.0, ["Türkiye"]),
    (3, "Iraq", "country", "PCLI", "IQ", "", 38_000_000, 33.0, 44.0, []),
    (4, "Lebanon", "country", "PCLI", "LB", "", 6_000_000, 33.8, 35.8, []),
    (5, "Libya", "country", "PCLI", "LY", "", 6_000_000, 28.0, 17.0, []),
    (6, "United States", "country", "PCLI", "US", "", 327_000_000, 39.8, -98.5, []),
    (7, "Russia", "country", "PCLI", "RU", "", 144_000_000, 60.0, 100.0, []),
    (8, "Ukraine", "country", "PCLI", "UA", "", 44_000_000, 49.0, 32.0, []),
    (9, "Jordan", "country", "PCLI", "JO", "", 10_000_000, 31.0, 36.0, []),
    (20, "Aleppo", "admin1", "ADM1", "SY", "09", 4_000_000, 36.2, 37.5, ["Halab Governorate"]),
    (21, "Idlib", "admin1", "ADM1", "SY", "10", 1_500_000, 35.8, 36.6, []),
    (23, "Kharkiv", "admin1", "ADM1", "UA", "07", 2_600_000, 49.6, 36.6, ["Kharkivs'ka Oblast'"]),
    (24, "Muhafazat Dayr az Zawr", "admin1", "ADM1", "SY", "07", 1_200_000, 35.0, 40.3, []),
    (22, "Kentucky", "admin1", "ADM1", "US", "KY", 4_400_000, 37.5, -85.0, []),
    (26, "New York", "admin1", "ADM1", "US", "NY", 19_274_244, 43.00035, -75.4999, []),
    (30, "Euphrates", "river", "STM", "", "", 0, 35.0, 40.0, ["Euphrates River"]),
    (31, "Al Furat", "river", "STM", "", "", 0, 35.5, 39.5, []),
    (32, "Jordan", "river", "STM", "", "", 0, 32.5, 35.56, []),
    (100, "Aleppo", "populated", "PPLA", "SY", "09", 1_602_264, 36.20124, 37.16117,
     ["Halab", "حلب", "Alep"]),
    (101, "Al Qāmishlī", "populated", "PPLA2", "SY", "08", 0, 37.05215, 41.23142,
     ["Al Qamishli", "Al-Qamishli", "Kamishli", "القامشلي"]),
    (102, "Manbij", "populated", "PPLA2", "SY", "09", 99_497, 36.52815, 37.95495,
     ["Manbej", "منبج"]),
    (103, "‘Ayn al ‘Arab", "populated", "PPLA2", "SY", "09", 44_821, 36.89095, 38.35347,
     ["Kobani", "Kobane", "Ain al-Arab"]),
    (104, "Ra’s al ‘Ayn", "populated", "PPLA2", "SY", "08", 29_347, 36.85048, 40.07032, []),
    (105, "Tall Abyaḑ", "populated", "PPLA2", "SY", "11", 14_825, 36.6975, 38.95667, []),
    (106, "Dayr az Zawr", "populated", "PPLA", "SY", "07", 242_565, 35.33588, 40.14084,
     ["Deir ez-Zor", "Deir al-Zor"]),
    (107, "Ar Raqqah", "populated", "PPLA", "SY", "04", 177_636, 35.95283, 39.00788,
     ["Raqqa"]),
    (108, "Damascus", "populated", "PPLC", "SY", "13", 1_569_394, 33.5102, 36.29128,
     ["Dimashq"]),
    (109, "Tadmur", "populated", "PPL", "SY", "12", 51_323, 34.56041, 38.26765, ["Palmyra"]),
    (110, "Tripoli", "populated", "PPLA", "LB", "03", 229_398, 34.43667, 35.84972,
     ["Trablous"]),
    (111, "Tripoli", "populated", "PPLC", "LY", "77", 1_150_989, 32.88743, 13.18733,
     ["Tarabulus"]),
    (112, "Washington", "populated", "PPLC", "US", "DC", 689_545, 38.89511, -77.03637, []),
    (113, "Moscow", "populated", "PPLC", "RU", "48", 10_381_222, 55.75222, 37.61556,
     ["Moskva", "Москва"]),
    (114, "Kharkiv", "populated", "PPLA", "UA", "07", 1_430_885, 49.98081, 36.25272,
     ["Kharkov", "Харків", "Харьков"]),
    (115, "Kyiv", "populated", "PPLC", "UA", "12", 2_797_553, 50.45466, 30.5238,
     ["Kiev", "Київ"]),
    (116, "Ankara", "populated", "PPLC", "TR", "68", 3_517_182, 39.91987, 32.85427, []),
    (117, "Assads", "populated", "PPL", "MA", "00", 800, 30.23, -8.86, []),
    (118, "Police", "populated", "PPL", "PL", "00", 33_000, 53.55214, 14.57182, []),
    (119, "Of", "populated", "PPLA2", "TR", "61", 23_000, 40.94667, 40.26417, []),
    (120, "Tripoli", "populated", "PPL", "US", "IA", 1_300, 42.80804, -92.25822, []),
    (121, "Tall Tamr", "populated", "PPL", "SY", "08", 3_000, 36.65, 40.37, ["Tell Tamer"]),
    (123, "Glasgow", "populated", "PPLA2", "GB", "SCT", 626_410, 55.86515, -4.25763, []),
    (124, "Glasgow", "populated", "PPLA2", "US", "KY", 14_028, 36.99588, -85.91192, []),
    (125, "Baghdad", "populated", "PPLC", "IQ", "07", 5_672_513, 33.34058, 44.40088, []),
    (126, "Hajīn", "populated", "PPL", "SY", "07", 37_935, 34.69548, 40.83221, ["Hajin"]),
    (127, "Al Qā’im", "populated", "PPLA2", "IQ", "01", 74_100, 34.36881, 41.09454, ["al-Qaim"]),
    (122, "Gao", "populated", "PPLA", "ML", "07", 86_633, 16.27167, -0.04472, []),
    (128, "Laval", "populated", "PPLA", "FR", "52", 49_733, 48.0706, -0.77328, []),
    (129, "Latina", "populated", "PPLA2", "IT", "07", 110_000, 41.46614, 12.9043, []),
    (130, "Gen", "populated", "PPL", "FR", "52", 1_500, 47.99, -1.12, []),
    (131, "New York", "populated", "PPL", "US", "NY", 8_804_190, 40.71427, -74.00597,
     ["New York City", "NYC"]),
    (200, "Al Tanf garrison", "site", "MILB", "SY", "", 0, 33.506, 38.618,
     ["Al Tanf", "At Tanf", "al-Tanf"]),
    (202, "Nasib border crossing", "site", "PSTB", "SY", "", 0, 32.544, 36.206, ["Nasib crossing"]),
    (204, "Qamishli airport", "site", "AIRP", "SY", "", 0, 37.02, 41.19, []),
    (203, "Tall Tamr airfield", "site", "AIRF", "SY", "", 0, 36.66, 40.36, []),
    (201, "Hmeimim Air Base", "site", "AIRB", "SY", "", 0, 35.401, 35.948,
     ["Hmeimim", "Khmeimim"]),
]  # fmt: skip

GEOMETRIES = {
    1: _box(36, 32, 42, 37),
    2: _box(36, 37, 44, 41),
    3: _box(42, 29, 48, 37),
    4: _box(35, 33, 36, 34.6),
    5: _box(10, 20, 25, 33),
    6: _box(-125, 25, -67, 49),
    7: _box(28, 45, 180, 75),
    8: _box(22, 45, 40, 52),
    20: _box(36.5, 35.6, 38.5, 37),
    21: _box(36, 35.3, 36.9, 36.4),
    # The Turkish and Syrian stretches of one river under two names, as Natural Earth has it.
    30: {"type": "LineString", "coordinates": [[40.5, 34.7], [42, 34], [44, 32]]},
    31: {"type": "LineString", "coordinates": [[38, 38], [38, 37], [39, 36], [40.5, 34.7]]},
}

METONYMS = frozenset(
    {"Washington", "Moscow", "Ankara", "Damascus", "the Kremlin", "the Pentagon", "Kyiv"}
)


@cache
def small_gazetteer() -> Gazetteer:
    """Return the test gazetteer (built once; tests must not mutate it)."""
    records = [PlaceRecord(*row[:9]) for row in PLACES]
    names = [(row[0], name) for row in PLACES for name in row[9]]
    return Gazetteer.build(records, names, GEOMETRIES)


@pytest.mark.parametrize(
    ("name", "place_id"),
    [
        ("aleppo", 100),
        ("halab", 100),
        ("حلب", 100),
        ("al qamishli", 101),
        ("харків", 114),
        ("us", 6),  # a country short form from the lexicon
        ("u s", 6),
    ],
)
def test_it_indexes_names_and_alternate_names(name: str, place_id: int) -> None:
    assert place_id in small_gazetteer().lookup(name)


@pytest.mark.parametrize(
    ("variant", "place_id"),
    [
        ("qamishli", 101),
        ("deir al zor", 106),
        ("deir el zor", 106),
        ("tal abyad", 105),
        ("ras al ain", 104),
        ("ain al arab", 103),
        ("tell tamr", 121),
        ("at tanf", 200),
        ("ar raqqa", 107),
    ],
)
def test_it_finds_spelling_variants(variant: str, place_id: int) -> None:
    assert place_id in small_gazetteer().lookup_folded(variant)


def test_it_joins_a_river_split_under_several_names() -> None:
    gazetteer = small_gazetteer()
    assert set(gazetteer.lookup("euphrates")) == {30, 31}
    line = gazetteer.shape(30)
    assert line.bounds[1] <= 32 and line.bounds[3] >= 38  # both stretches


def test_it_survives_pickling_with_its_indexes() -> None:
    copy = pickle.loads(pickle.dumps(small_gazetteer()))  # noqa: S301 (our own bytes)
    assert copy.lookup("halab") == (100,)
    assert copy.places[101].name == "Al Qāmishlī"
    assert copy.shape(1).bounds == (36.0, 32.0, 42.0, 37.0)
    assert copy.country("SY").id == 1


def test_it_repairs_an_invalid_polygon_when_drawing_it() -> None:
    bowtie = {"type": "Polygon", "coordinates": [[[0, 0], [2, 2], [2, 0], [0, 2], [0, 0]]]}
    place = PlaceRecord(1, "Bowtie", "admin1", "ADM1", "XX", "01", 0, 1.0, 1.0)
    gazetteer = Gazetteer.build([place], [], {1: bowtie})
    assert 1 not in gazetteer._valid
    assert gazetteer.shape(1).is_valid


def test_a_designator_left_bare_by_a_dropped_article_is_not_a_name() -> None:
    # Norway's "Ås District": with "as" read as an Arabic article, the variant key would be
    # "district", and every "School District" in US news a pin in Norway.
    from articles.geoparse import geoparse_text

    places = [
        PlaceRecord(1, "Ås District", "admin2", "ADM2", "NO", "44", 0, 59.66, 10.79),
        PlaceRecord(2, "Al Bab District", "admin2", "ADM2", "SY", "09", 0, 36.37, 37.51),
    ]
    gazetteer = Gazetteer.build(places, [], {})

    text = "The Box Elder School District is pleased to announce a new superintendent."
    assert [m.text for m in geoparse_text(text, gazetteer)] == []
    (bab,) = geoparse_text("Fighting in Bab District went on.", gazetteer)
    assert bab.place_id == 2  # a real name without its article is still a variant


@pytest.mark.parametrize(
    ("direction", "inside"),
    [("south", (2.5, 43.5)), ("west", (-1.0, 46.0)), ("central", (2.5, 46.5))],
)
def test_a_direction_part_leaves_overseas_parts_out(direction: str, inside: tuple) -> None:
    # France as Natural Earth draws it: the mainland, Corsica nearby and French Guiana far
    # away. "The south of France" is Provence, not Guiana at the bottom of the bounding box.
    from shapely.geometry import MultiPolygon, Point, box

    from articles.geoparse.regions import direction_part, home_parts

    mainland, corsica, guiana = (
        box(-4.8, 42.3, 8.2, 51.1),
        box(8.5, 41.4, 9.6, 43.0),
        box(-54.6, 2.1, -51.6, 5.8),
    )
    part = direction_part(home_parts(MultiPolygon([mainland, corsica, guiana])), direction)

    assert not part.intersects(guiana)
    assert part.contains(Point(*inside))
    if direction == "south":
        assert part.intersects(corsica)  # near parts stay


def test_a_replaced_gazetteer_is_not_kept_alive_by_the_pipeline() -> None:
    # After a curator's edit the gazetteer is rebuilt; the old one (hundreds of MB in a real
    # process) must be freed once nothing but the pipeline's caches could still hold it.
    import gc
    import weakref

    from articles.geoparse import geoparse_text

    def build() -> Gazetteer:
        place = PlaceRecord(1, "Manbij", "populated", "PPLA2", "SY", "09", 100000, 36.5, 37.9)
        return Gazetteer.build([place], [], {})

    old = build()
    geoparse_text("Shelling in Manbij.", old, metonym_names={"Moscow"})
    gone = weakref.ref(old)
    new = build()
    geoparse_text("Shelling in Manbij.", new, metonym_names={"Moscow"})
    del old
    gc.collect()

    assert gone() is None
