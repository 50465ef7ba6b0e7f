"""The curated conflict-site table: shape, coordinates and the sites users expect to find."""

from __future__ import annotations

import csv
import gzip
import math
import re
from collections import Counter
from functools import cache
from pathlib import Path

import pytest

from articles.geoparse.normalize import normalize_name

ROOT = Path(__file__).resolve().parent.parent
SITES_CSV = ROOT / "articles" / "data" / "sources" / "conflict_sites.csv"
REGIONAL_PLACES = ROOT.parent / "shared" / "data" / "geonames" / "cities500_middle_east.txt.gz"

HEADER = ["slug", "name", "alternate_names", "feature_code", "country_code", "lat", "lon",
          "source_note"]  # fmt: skip
# GeoNames feature codes the table may use (classes S, H, T, L, R and P's PPLX).
FEATURE_CODES = frozenset(
    {
        "MILB", "AIRB", "AIRP", "AIRF", "AIRH", "NVB", "INSM", "PSTB", "PSTP", "DAM", "OILF",
        "GASF", "OILR", "OILT", "CMPRF", "CMP", "PRT", "PRN", "PS", "PSN", "BDG", "MT", "HLL",
        "PASS", "MFG", "ISL", "STRT", "RD", "AREA", "PPLX", "CSTL", "HSP", "TUNL", "CNL",
    }
)  # fmt: skip
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
FOUR_DECIMALS = re.compile(r"^-?\d{1,3}\.\d{4}$")
AL_TANF = (33.506, 38.618)

# Bare names that are also a populated place in the same country but that news uses for the
# site (the air base next to the moshav of Nevatim; Belbek is an old name of Fruktove).
BARE_NAMES_MEANING_THE_SITE = frozenset({"nevatim", "belbek", "бельбек"})


def read_rows() -> list[dict[str, str]]:
    """Return the table's rows as dicts keyed by the header."""
    with SITES_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


ROWS = read_rows()


@cache
def regional_places() -> tuple[tuple[str, ...], ...]:
    """Return the rows of the regional GeoNames extract (shared/ beside the project)."""
    if not REGIONAL_PLACES.exists():
        pytest.fail(f"the regional GeoNames extract is expected at {REGIONAL_PLACES}")
    with gzip.open(REGIONAL_PLACES, "rt", encoding="utf-8") as handle:
        return tuple(tuple(line.rstrip("\n").split("\t")) for line in handle)


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points in kilometres."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    h = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(h))


def names_of(row: dict[str, str]) -> list[str]:
    """Return the row's name followed by its alternate names."""
    return [row["name"], *row["alternate_names"].split("|")]


def rows_named(name: str) -> list[dict[str, str]]:
    """Return the rows whose name or an alternate name normalises like ``name``."""
    key = normalize_name(name)
    return [row for row in ROWS if key in {normalize_name(n) for n in names_of(row)}]


def test_it_is_utf8_without_bom_and_has_the_exact_header() -> None:
    raw = SITES_CSV.read_bytes()
    text = raw.decode("utf-8")  # raises on any non-UTF-8 byte
    assert not text.startswith("\ufeff")
    assert text.splitlines()[0] == ",".join(HEADER)


def test_it_has_at_least_150_rows() -> None:
    assert len(ROWS) >= 150


def test_every_row_has_every_column_filled() -> None:
    for row in ROWS:
        assert None not in row, f"extra columns in {row['slug']}"
        empty = [column for column in HEADER if not (row[column] or "").strip()]
        assert not empty, f"{row['slug']}: empty {empty}"


def test_slugs_are_unique_lowercase_ascii_with_hyphens() -> None:
    slugs = [row["slug"] for row in ROWS]
    assert [s for s, n in Counter(slugs).items() if n > 1] == []
    assert [s for s in slugs if not SLUG.match(s)] == []


def test_coordinates_are_in_range_with_four_decimals() -> None:
    for row in ROWS:
        assert FOUR_DECIMALS.match(row["lat"]) and FOUR_DECIMALS.match(row["lon"]), row["slug"]
        assert -90 <= float(row["lat"]) <= 90, row["slug"]
        assert -180 <= float(row["lon"]) <= 180, row["slug"]


def test_no_two_sites_share_coordinates() -> None:
    points = Counter((row["lat"], row["lon"]) for row in ROWS)
    assert [p for p, n in points.items() if n > 1] == []


def test_feature_codes_are_known_geonames_codes() -> None:
    assert {row["slug"]: row["feature_code"] for row in ROWS
            if row["feature_code"] not in FEATURE_CODES} == {}  # fmt: skip


def test_country_codes_are_two_uppercase_letters() -> None:
    assert [row["slug"] for row in ROWS if not re.fullmatch(r"[A-Z]{2}", row["country_code"])] == []


def test_every_row_has_a_source_note_of_a_sentence() -> None:
    assert [row["slug"] for row in ROWS if len(row["source_note"].strip()) < 20] == []


def test_alternate_names_are_clean_and_not_repeated_within_a_row() -> None:
    for row in ROWS:
        alternates = row["alternate_names"].split("|")
        assert all(a and a == a.strip() for a in alternates), row["slug"]
        keys = [a.casefold() for a in alternates]
        assert len(keys) == len(set(keys)), row["slug"]


def test_no_name_points_at_two_different_sites() -> None:
    owners: dict[str, set[str]] = {}
    for row in ROWS:
        for name in names_of(row):
            owners.setdefault(normalize_name(name), set()).add(row["slug"])
    assert {key: slugs for key, slugs in owners.items() if len(slugs) > 1} == {}


@pytest.mark.parametrize(
    ("name", "country", "feature_code"),
    [
        ("Al Tanf", "SY", "MILB"),
        ("At Tanf", "SY", "MILB"),
        ("Hmeimim", "SY", "AIRB"),
        ("Khmeimim air base", "SY", "AIRB"),
        ("Tartus naval facility", "SY", "NVB"),
        ("Rmeilan airfield", "SY", "AIRB"),
        ("Rumaylan airfield", "SY", "AIRB"),
        ("Ain al-Asad", "IQ", "AIRB"),
        ("Incirlik Air Base", "TR", "AIRB"),
        ("Erbil International Airport", "IQ", "AIRP"),
        ("Erbil air base", "IQ", "AIRP"),
        ("Rukban", "SY", "CMPRF"),
        ("Nasib border crossing", "SY", "PSTB"),
        ("Bab al-Hawa", "SY", "PSTB"),
        ("Bab al-Salama", "SY", "PSTB"),
        ("Tabqa Dam", "SY", "DAM"),
        ("Tishrin Dam", "SY", "DAM"),
        ("al-Omar oil field", "SY", "OILF"),
        ("Conoco gas field", "SY", "GASF"),
        ("al-Watiya air base", "LY", "AIRB"),
        ("al-Jufra air base", "LY", "AIRB"),
        ("Kuweires air base", "SY", "AIRB"),
        ("T4", "SY", "AIRB"),
        ("Shayrat air base", "SY", "AIRB"),
        ("al-Hol camp", "SY", "CMPRF"),
        ("Semalka crossing", "SY", "PSTB"),
        ("Mosul Dam", "IQ", "DAM"),
        ("Mitiga airport", "LY", "AIRP"),
        ("Kerem Shalom crossing", "IL", "PSTB"),
        ("Rafah crossing", "PS", "PSTB"),
        ("Zaporizhzhia Nuclear Power Plant", "UA", "PS"),
        ("Kakhovka dam", "UA", "DAM"),
        ("Antonov Airport", "UA", "AIRP"),
        ("Crimean Bridge", "UA", "BDG"),
        ("Azovstal", "UA", "MFG"),
        ("Engels air base", "RU", "AIRB"),
        ("Air Base 201", "NE", "AIRB"),
        ("Tower 22", "JO", "MILB"),
        ("Camp Lemonnier", "DJ", "MILB"),
        ("Wadi Seidna air base", "SD", "AIRB"),
    ],
)
def test_it_has_the_site_news_names(name: str, country: str, feature_code: str) -> None:
    matches = rows_named(name)
    assert len(matches) == 1, f"{name!r} matched {[r['slug'] for r in matches]}"
    assert (matches[0]["country_code"], matches[0]["feature_code"]) == (country, feature_code)


@pytest.mark.parametrize(
    ("name", "script_form"),
    [
        ("Al Tanf", "التنف"),
        ("Hmeimim", "حميميم"),
        ("Hmeimim", "Хмеймим"),
        ("Rukban", "الركبان"),
        ("Bab al-Hawa", "باب الهوى"),
        ("Zaporizhzhia NPP", "Запорізька АЕС"),
        ("Zaporizhzhia NPP", "Запорожская АЭС"),
        ("Kakhovka dam", "Каховська ГЕС"),
        ("Crimean Bridge", "Крымский мост"),
    ],
)
def test_it_names_sites_in_the_local_scripts(name: str, script_form: str) -> None:
    assert rows_named(name) == rows_named(script_form) != []


def test_al_tanf_is_within_5_km_of_the_garrison() -> None:
    (row,) = rows_named("Al Tanf")
    assert haversine_km(float(row["lat"]), float(row["lon"]), *AL_TANF) <= 5.0


@pytest.mark.parametrize(
    ("site", "town", "max_km"),
    [
        ("Hmeimim", "Jablah", 10),
        ("Tartus naval facility", "Tartus", 5),
        ("Tabqa Dam", "Ath Thawrah", 10),
        ("Qamishli airport", "Al Qamishli", 10),
        ("al-Hol camp", "Al Hawl", 5),
        ("Deir ez-Zor airport", "Deir ez-Zor", 10),
        ("Bab al-Salama", "I`zaz", 10),
        ("Kakhovka dam", "Nova Kakhovka", 5),
        ("Zaporizhzhia NPP", "Enerhodar", 10),
        ("Azovstal", "Mariupol", 8),
    ],
)
def test_sites_lie_near_their_namesake_towns(site: str, town: str, max_km: float) -> None:
    (row,) = rows_named(site)
    towns = [place for place in regional_places() if place[2] == town]
    assert towns, f"{town} missing from the regional extract"
    distance = min(
        haversine_km(float(row["lat"]), float(row["lon"]), float(t[4]), float(t[5])) for t in towns
    )
    assert distance <= max_km


def test_no_bare_town_name_is_an_alternate_name_of_a_site_in_the_same_country() -> None:
    towns = {
        (normalize_name(name), place[8])
        for place in regional_places()
        for name in (place[1], place[2], *place[3].split(","))
        if name
    }
    clashes = {
        (row["slug"], name)
        for row in ROWS
        for name in names_of(row)
        if (normalize_name(name), row["country_code"]) in towns
        and normalize_name(name) not in BARE_NAMES_MEANING_THE_SITE
    }
    assert clashes == set()
