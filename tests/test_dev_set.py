"""The conflict development set and the demo articles are well formed."""

from __future__ import annotations

import datetime as dt
import gzip
import json
import math
import re
from collections import Counter
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from articles.claims.types import RELATIONS, STATUSES
from articles.readers import read_text_article

ROOT = Path(__file__).resolve().parent.parent
DEV_SET = ROOT / "tests" / "data" / "conflict_dev.jsonl"
DEMO_DIR = ROOT / "articles" / "data" / "demo"
CITIES500 = ROOT.parent / "shared" / "data" / "geonames" / "cities500.txt.gz"

# The canonical actor names of the shared actor/relation contract (the lexicon has more).
CANONICAL_ACTORS = frozenset(
    {
        "United States", "Russia", "Turkey", "Iran", "Israel", "United Kingdom", "France",
        "Jordan", "Iraq", "Ukraine", "Saudi Arabia", "United Arab Emirates", "Syrian government",
        "Syrian transitional government", "Syrian Democratic Forces",
        "People's Defense Units (YPG)", "Syrian National Army", "Hayat Tahrir al-Sham",
        "Islamic State", "Hezbollah", "Hamas", "Popular Mobilization Forces", "Kataib Hezbollah",
        "Kurdistan Regional Government", "PKK", "Wagner Group", "Africa Corps",
        "Libyan National Army", "Government of National Unity", "Houthis", "Saudi-led coalition",
        "Southern Transitional Council", "Yemeni government", "Mali", "Burkina Faso", "Niger",
        "JNIM", "Islamic State Sahel", "Global Coalition against Daesh", "UNDOF", "UNIFIL", "NATO",
    }
)  # fmt: skip

# Conflict theatres as lat/lon boxes; each must hold gold toponyms and claims.
THEATRES = {
    "Syria": (32.3, 35.5, 37.4, 42.5),
    "Iraq": (29.0, 38.7, 37.4, 48.7),
    "Ukraine and western Russia": (44.3, 22.0, 52.5, 40.3),
    "Libya": (19.5, 9.3, 33.2, 25.2),
    "Yemen": (12.0, 41.8, 19.0, 54.6),
    "Sahel (Mali, Burkina Faso, Niger)": (9.4, -12.3, 23.6, 16.0),
    "Israel, Lebanon and Gaza": (29.4, 34.2, 34.7, 36.7),
}
# Every claim location ties to these theatres, with this many claims at least.
MIN_CLAIMS_PER_THEATRE = 8

# Places the set must exercise: spelling variants, ambiguous names, regions and relative regions.
REQUIRED_SURFACES = [
    "Qamishli", "Ras al-Ain", "Tal Abyad", "Deir ez-Zor", "Deir al-Zor province", "Kharkiv",
    "Kherson", "Zaporizhzhia", "Al Tanf", "At Tanf", "northern Mali", "east of the Euphrates",
    "the Donbas", "eastern Libya", "southern Lebanon",
]  # fmt: skip
REQUIRED_METONYMS = ["Washington", "Moscow", "Ankara", "the Kremlin", "the Pentagon", "Damascus"]
# Organisations and people whose names contain a place: none of them may be a gold toponym.
NON_PLACE_PHRASES = [
    "Manbij Military Council", "Syrian Democratic Forces", "Islamic Resistance in Iraq",
    "Black Sea Fleet", "Bashar al-Assad", "Deir ez-Zor Military Council", "Islamic State Sahel",
    "Kurdistan Regional Government",
]  # fmt: skip

HEADER_LINE = re.compile(r"^(Title|URL|Outlet|Published|Language): (.+)$")
DEMO_NAME = re.compile(r"^\d{2}-[a-z0-9]+(?:-[a-z0-9]+)*\.txt$")


def load_dev_set() -> list[dict]:
    """Return the documents of the development set, one per JSON line."""
    with DEV_SET.open(encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


DOCS = load_dev_set()
DEMO_FILES = sorted(DEMO_DIR.glob("*.txt"))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dlat, dlon = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dlat / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dlon / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


def theatre_of(lat: float, lon: float) -> str | None:
    """Return the theatre whose box holds the point, if any."""
    for name, (south, west, north, east) in THEATRES.items():
        if south <= lat <= north and west <= lon <= east:
            return name
    return None


def test_it_has_enough_documents_toponyms_and_claims() -> None:
    toponyms = [t for doc in DOCS for t in doc["toponyms"]]
    claims = [c for doc in DOCS for c in doc["claims"]]
    assert len(DOCS) >= 45
    assert len(toponyms) >= 170
    assert len(claims) >= 90
    roles = Counter(t["role"] for t in toponyms)
    kinds = Counter(t["kind"] for t in toponyms)
    assert roles["metonym"] >= 25
    assert kinds["region"] >= 40
    statuses = Counter(c["status"] for c in claims)
    assert all(statuses[status] >= 5 for status in STATUSES), statuses


def test_the_readme_quotes_the_current_counts() -> None:
    readme = (DEV_SET.parent / "README.md").read_text(encoding="utf-8")
    match = re.search(
        r"\*\*(\d+)\s+documents,\s+(\d+)\s+gold\s+toponyms.*?(\d+)\s+gold\s+claims\*\*",
        readme,
        re.DOTALL,
    )
    assert match, "README states the counts"
    toponyms = sum(len(doc["toponyms"]) for doc in DOCS)
    claims = sum(len(doc["claims"]) for doc in DOCS)
    assert tuple(map(int, match.groups())) == (len(DOCS), toponyms, claims)


def test_its_ids_are_unique_and_documents_have_the_evaluation_keys() -> None:
    ids = [doc["id"] for doc in DOCS]
    assert len(ids) == len(set(ids))
    for doc in DOCS:
        assert set(doc) == {"id", "text", "toponyms", "claims"}, doc["id"]
        assert isinstance(doc["text"], str) and doc["text"].strip()


@pytest.mark.parametrize("doc", DOCS, ids=[doc["id"] for doc in DOCS])
def test_its_toponym_offsets_match_the_text_and_do_not_overlap(doc: dict) -> None:
    previous_end = 0
    for top in sorted(doc["toponyms"], key=lambda t: t["start"]):
        assert doc["text"][top["start"] : top["end"]] == top["text"]
        assert top["start"] >= previous_end, f"overlapping span {top['text']!r}"
        previous_end = top["end"]
        assert top["role"] in {"literal", "metonym"}
        assert top["kind"] in {"point", "region"}
        assert -90 <= top["lat"] <= 90 and -180 <= top["lon"] <= 180
        assert top["geonameid"] is None or isinstance(top["geonameid"], int)


@pytest.mark.parametrize("doc", DOCS, ids=[doc["id"] for doc in DOCS])
def test_every_repeat_of_a_gold_name_is_annotated(doc: dict) -> None:
    text, spans = doc["text"], [(t["start"], t["end"]) for t in doc["toponyms"]]
    for surface in {t["text"] for t in doc["toponyms"]}:
        for match in re.finditer(rf"(?<![\w-]){re.escape(surface)}(?!\w)", text):
            inside_phrase = any(
                text.startswith(phrase, match.start()) and surface in phrase
                for phrase in NON_PLACE_PHRASES
            )
            covered = any(start <= match.start() < end for start, end in spans)
            assert covered or inside_phrase, f"{surface!r} at {match.start()} is not annotated"


@pytest.mark.parametrize("doc", DOCS, ids=[doc["id"] for doc in DOCS])
def test_its_claims_use_the_contract(doc: dict) -> None:
    literal = {t["text"] for t in doc["toponyms"] if t["role"] == "literal"}
    for claim in doc["claims"]:
        assert set(claim) <= {"actor", "relation", "location", "claimant", "status", "second_actor"}
        assert claim["actor"] in CANONICAL_ACTORS
        assert claim.get("second_actor", "United States") in CANONICAL_ACTORS
        assert claim["relation"] in RELATIONS
        assert claim["status"] in STATUSES
        assert claim["location"] in literal, "a claim location is a literal gold toponym"
        assert claim["claimant"].strip()
        if claim["relation"] in {"support", "clash"} and "second_actor" in claim:
            assert claim["second_actor"] != claim["actor"]


@pytest.mark.parametrize("theatre", sorted(THEATRES))
def test_each_conflict_theatre_is_covered(theatre: str) -> None:
    docs_here, claims_here = set(), 0
    for doc in DOCS:
        by_text = {t["text"]: t for t in doc["toponyms"] if t["role"] == "literal"}
        for top in by_text.values():
            if theatre_of(top["lat"], top["lon"]) == theatre:
                docs_here.add(doc["id"])
        for claim in doc["claims"]:
            top = by_text[claim["location"]]
            claims_here += theatre_of(top["lat"], top["lon"]) == theatre
    assert len(docs_here) >= 5
    assert claims_here >= MIN_CLAIMS_PER_THEATRE


@pytest.mark.parametrize("surface", REQUIRED_SURFACES)
def test_it_exercises_required_place_names(surface: str) -> None:
    assert any(t["text"] == surface and t["role"] == "literal" for d in DOCS for t in d["toponyms"])


@pytest.mark.parametrize("surface", REQUIRED_METONYMS)
def test_it_exercises_required_metonyms(surface: str) -> None:
    assert any(
        t["text"].lower() == surface.lower() and t["role"] == "metonym"
        for doc in DOCS
        for t in doc["toponyms"]
    )


@pytest.mark.parametrize("phrase", NON_PLACE_PHRASES)
def test_organisations_and_people_are_never_toponyms(phrase: str) -> None:
    occurrences = 0
    for doc in DOCS:
        for match in re.finditer(re.escape(phrase), doc["text"]):
            occurrences += 1
            start, end = match.span()
            assert not any(t["start"] < end and start < t["end"] for t in doc["toponyms"])
    assert occurrences, f"{phrase!r} never appears, so the set does not test it"


def test_tripoli_resolves_to_lebanon_or_libya_by_context() -> None:
    seen = {"LB": 0, "LY": 0}
    for doc in DOCS:
        for top in doc["toponyms"]:
            if top["text"].lower() == "tripoli":
                country = "LB" if top["lon"] > 30 else "LY"
                seen[country] += 1
    assert seen["LB"] and seen["LY"]


def test_populated_places_carry_their_geonames_coordinates() -> None:
    if not CITIES500.exists():
        pytest.fail(f"the shared GeoNames data is expected at {CITIES500}")
    wanted = {t["geonameid"]: t for doc in DOCS for t in doc["toponyms"] if t["kind"] == "point"}
    wanted.pop(None, None)
    found = {}
    with gzip.open(CITIES500, "rt", encoding="utf-8") as handle:
        for line in handle:
            geonameid, rest = line.split("\t", 1)
            if int(geonameid) in wanted:
                cols = rest.split("\t")
                found[int(geonameid)] = (float(cols[3]), float(cols[4]))
    assert set(found) == set(wanted), "every point geonameid is a cities500 record"
    for geonameid, (lat, lon) in found.items():
        top = wanted[geonameid]
        assert haversine_km(lat, lon, top["lat"], top["lon"]) < 1.0, top["text"]


def test_there_are_at_least_twelve_demo_articles() -> None:
    assert len(DEMO_FILES) >= 12
    assert all(DEMO_NAME.match(path.name) for path in DEMO_FILES)


@pytest.mark.parametrize("path", DEMO_FILES, ids=[p.name for p in DEMO_FILES])
def test_each_demo_article_has_the_ingest_header(path: Path) -> None:
    raw = path.read_bytes().decode("utf-8")  # raises when a file is not UTF-8
    head, separator, body = raw.partition("\n\n")
    assert separator, "a blank line separates the header from the body"
    keys = [HEADER_LINE.match(line).group(1) for line in head.splitlines()]
    assert keys == ["Title", "URL", "Outlet", "Published", "Language"]
    article = read_text_article(raw, str(path), max_chars=1_000_000)
    assert article.outlet == "Conflictmap demo desk"
    assert article.language == "en"
    assert urlsplit(article.url).hostname.endswith(".invalid")
    assert dt.date(2018, 1, 1) <= article.published <= dt.date(2025, 12, 31)
    assert 150 <= len(body.split()) <= 400


def test_demo_articles_span_several_years_and_unique_urls() -> None:
    articles = [read_text_article(p.read_text("utf-8"), str(p), 1_000_000) for p in DEMO_FILES]
    assert len({a.published.year for a in articles}) >= 5
    assert len({a.url for a in articles}) == len(articles)
    assert len({a.title for a in articles}) == len(articles)
