"""Loading the gazetteer into Place/PlaceName: bundle, subsets, upserts, curators, bad input."""

from __future__ import annotations

import dataclasses
import gzip
from io import StringIO
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.db import connection

from articles.gazetteer_files import (
    LAYERS,
    GazetteerFileError,
    GazetteerRecord,
    read_sites_csv,
    write_layer,
)
from articles.gazetteer_load import gazetteer_is_loaded, load_bundled_gazetteer
from articles.geoparse.normalize import normalize_name
from articles.models import Mention, Place, PlaceName
from tests.factories import make_place

FIXTURES = Path(__file__).resolve().parent / "fixtures"

# User-assigned ISO codes (XA, XB) and test-only ids, so the fixture never meets the
# regional gazetteer the session loads into the test database.
SQUARE = {"type": "Polygon", "coordinates": [[[10, 10], [12, 10], [12, 12], [10, 12], [10, 10]]]}


def _record(**fields: object) -> GazetteerRecord:
    values: dict[str, object] = {"origin": "geonames", "lat": 11.0, "lon": 11.0}
    values.update(fields)
    return GazetteerRecord(**values)  # type: ignore[arg-type]


def fixture_layers() -> dict[str, list[GazetteerRecord]]:
    sites = [
        dataclasses.replace(site, source_id=f"test-{site.source_id}", country_code="XA")
        for site in read_sites_csv(FIXTURES / "gazetteer_sites.csv")
    ]
    return {
        "countries": [
            _record(
                origin="naturalearth",
                source_id="XA",
                kind="country",
                name="Testland",
                country_code="XA",
                geometry=SQUARE,
                bbox=(10.0, 10.0, 12.0, 12.0),
                names=(("Republic of Testland", ""), ("تستلاند", "ar")),
                attribution="Natural Earth, public domain",
            ),
            _record(
                origin="naturalearth",
                source_id="XB",
                kind="country",
                name="Otherland",
                country_code="XB",
                lat=20.0,
                lon=20.0,
            ),
        ],
        "disputed": [
            _record(
                origin="naturalearth",
                source_id="disputed:TEST",
                kind="other",
                feature_code="TERR",
                name="Test Heights",
                geometry=SQUARE,
                bbox=(10.0, 10.0, 12.0, 12.0),
            ),
        ],
        "rivers": [
            _record(
                origin="naturalearth",
                source_id="river:test",
                kind="river",
                name="Test River",
                geometry={"type": "LineString", "coordinates": [[10, 10], [12, 12]]},
                bbox=(10.0, 10.0, 12.0, 12.0),
            ),
        ],
        "lakes": [
            _record(
                origin="naturalearth",
                source_id="lake:test",
                kind="lake",
                name="Test Lake",
                geometry=SQUARE,
                bbox=(10.0, 10.0, 12.0, 12.0),
                country_code="XA",
            ),
        ],
        "admin1": [
            _record(
                source_id="XA.01",
                kind="admin1",
                name="North Province",
                country_code="XA",
                admin1_code="01",
                geonameid=990000001,
                geometry=SQUARE,
                bbox=(10.0, 10.0, 12.0, 12.0),
            ),
        ],
        "populated": [
            _record(
                source_id="990000010",
                kind="populated",
                name="Al Qaryah",
                country_code="XA",
                admin1_code="01",
                geonameid=990000010,
                population=1200,
                lat=11.5,
                lon=10.5,
                names=(("Al-Qarya", ""), ("Qarya", ""), ("القرية", "")),
            ),
            _record(
                source_id="990000011",
                kind="populated",
                name="Farville",
                country_code="XB",
                geonameid=990000011,
                lat=20.1,
                lon=20.1,
            ),
        ],
        "airports": [
            _record(
                origin="naturalearth",
                source_id="airport:XTST",
                kind="site",
                feature_code="AIRP",
                name="Testland International Airport",
                country_code="XA",
            ),
        ],
        "sites": sites,
    }


def write_bundle(directory: Path, layers: dict[str, list[GazetteerRecord]]) -> Path:
    for name, _ in LAYERS:
        write_layer(directory / f"{name}.jsonl.gz", name, layers.get(name, []))
    return directory


@pytest.fixture
def bundle(tmp_path: Path) -> Path:
    return write_bundle(tmp_path / "v1", fixture_layers())


def fixture_places():
    return Place.objects.filter(country_code__in=["XA", "XB"]) | Place.objects.filter(
        source_id__in=["disputed:TEST", "river:test"]
    )


def test_it_loads_every_layer_of_a_bundle(db, bundle: Path) -> None:
    summary = load_bundled_gazetteer(data_dir=bundle)

    assert summary.created == 11
    assert dict(summary.by_kind) == {
        "country": 2,
        "other": 1,
        "river": 1,
        "lake": 1,
        "admin1": 1,
        "populated": 2,
        "site": 3,
    }
    assert fixture_places().count() == 11
    village = Place.objects.get(origin="geonames", source_id="990000010")
    assert (village.name, village.kind, village.population, village.geonameid) == (
        "Al Qaryah",
        "populated",
        1200,
        990000010,
    )
    # A point place's envelope is its point; an area's is its bbox.
    assert (village.min_lon, village.min_lat, village.max_lon, village.max_lat) == (
        10.5,
        11.5,
        10.5,
        11.5,
    )
    country = Place.objects.get(origin="naturalearth", source_id="XA")
    assert country.geometry == SQUARE
    assert (country.min_lon, country.max_lat) == (10.0, 12.0)
    assert country.attribution == "Natural Earth, public domain"


def test_it_stores_every_name_with_its_normalised_form(db, bundle: Path) -> None:
    load_bundled_gazetteer(data_dir=bundle)

    village = Place.objects.get(origin="geonames", source_id="990000010")
    names = {n.name: n.normalized for n in village.names.all()}
    assert names == {n: normalize_name(n) for n in ["Al Qaryah", "Al-Qarya", "Qarya", "القرية"]}
    country = Place.objects.get(origin="naturalearth", source_id="XA")
    assert country.names.get(name="تستلاند").language == "ar"


def test_it_loads_the_curated_sites_with_their_notes(db, bundle: Path) -> None:
    load_bundled_gazetteer(data_dir=bundle)

    tiyas = Place.objects.get(origin="curated", source_id="test-tiyas-air-base")
    assert (tiyas.kind, tiyas.feature_code, tiyas.attribution) == (
        "site",
        "AIRB",
        "Conflictmap curated",
    )
    assert tiyas.source_note == "Fixture: the T-4 airbase west of Palmyra"
    assert tiyas.names.filter(normalized="t 4").exists()


def test_a_second_load_changes_nothing(db, bundle: Path) -> None:
    load_bundled_gazetteer(data_dir=bundle)
    before = list(fixture_places().order_by("id").values_list("id", "updated_at"))
    names_before = PlaceName.objects.count()

    again = load_bundled_gazetteer(data_dir=bundle)

    assert (again.created, again.updated, again.unchanged) == (0, 0, 11)
    assert (again.names_created, again.names_deleted) == (0, 0)
    assert list(fixture_places().order_by("id").values_list("id", "updated_at")) == before
    assert PlaceName.objects.count() == names_before


def test_it_updates_changed_rows_and_their_names(db, bundle: Path, tmp_path: Path) -> None:
    load_bundled_gazetteer(data_dir=bundle)
    layers = fixture_layers()
    village = layers["populated"][0]
    layers["populated"][0] = dataclasses.replace(
        village, population=1500, names=(("Qarya", ""), ("Karya", ""))
    )

    summary = load_bundled_gazetteer(data_dir=write_bundle(tmp_path / "v2", layers))

    assert (summary.created, summary.updated, summary.unchanged) == (0, 1, 10)
    place = Place.objects.get(origin="geonames", source_id="990000010")
    assert place.population == 1500
    assert set(place.names.values_list("name", flat=True)) == {"Al Qaryah", "Qarya", "Karya"}


def test_a_curator_edited_place_survives_a_reload(db, bundle: Path, tmp_path: Path) -> None:
    load_bundled_gazetteer(data_dir=bundle)
    Place.objects.filter(origin="geonames", source_id="990000010").update(
        name="Al Qaryah (checked)", lat=11.52, version=2
    )
    layers = fixture_layers()
    layers["populated"][0] = dataclasses.replace(layers["populated"][0], lat=99.0 / 9, names=())

    summary = load_bundled_gazetteer(data_dir=write_bundle(tmp_path / "v2", layers))

    assert summary.kept_curated == 1
    place = Place.objects.get(origin="geonames", source_id="990000010")
    assert (place.name, place.lat, place.version) == ("Al Qaryah (checked)", 11.52, 2)
    assert place.names.count() == 4


def test_places_missing_from_the_bundle_are_never_deleted(db, bundle: Path, tmp_path: Path) -> None:
    load_bundled_gazetteer(data_dir=bundle)
    checkpoint = make_place(name="Checkpoint 7", origin="curated", source_id="test-checkpoint-7")
    layers = fixture_layers()
    layers["sites"] = []

    load_bundled_gazetteer(data_dir=write_bundle(tmp_path / "v2", layers))

    assert Place.objects.filter(pk=checkpoint.pk).exists()
    assert Place.objects.filter(origin="curated", source_id="test-tiyas-air-base").exists()


@pytest.mark.parametrize(
    ("countries", "populated"),
    [
        ({"XA"}, {"Al Qaryah"}),
        ({"XB"}, {"Farville"}),
        ({"XA", "XB"}, {"Al Qaryah", "Farville"}),
        (set(), set()),
    ],
)
def test_it_loads_only_the_requested_countries(
    db, bundle: Path, countries: set[str], populated: set[str]
) -> None:
    load_bundled_gazetteer(countries=countries, data_dir=bundle)

    loaded = set(fixture_places().values_list("name", flat=True))
    assert loaded & {"Al Qaryah", "Farville"} == populated
    # Countries, disputed areas, rivers and lakes load whole on any subset.
    assert {"Testland", "Otherland", "Test Heights", "Test River", "Test Lake"} <= loaded
    assert ("North Province" in loaded) is ("XA" in countries)


def test_a_damaged_file_loads_nothing(db, tmp_path: Path) -> None:
    bundle = write_bundle(tmp_path / "bad", fixture_layers())
    populated = bundle / "populated.jsonl.gz"
    text = gzip.decompress(populated.read_bytes()).decode()
    populated.write_bytes(gzip.compress((text + 'XA\t["geonames"]\n').encode()))

    with pytest.raises(GazetteerFileError, match=r"populated\.jsonl\.gz, line 4"):
        load_bundled_gazetteer(data_dir=bundle)

    # The countries and rivers before the bad line were rolled back with everything else.
    assert not fixture_places().exists()


def test_a_missing_layer_fails_before_anything_is_written(db, bundle: Path) -> None:
    (bundle / "lakes.jsonl.gz").unlink()

    with pytest.raises(GazetteerFileError, match=r"lakes\.jsonl\.gz: cannot open"):
        load_bundled_gazetteer(data_dir=bundle)

    assert not fixture_places().exists()


def _empty_gazetteer() -> None:
    """Empty the place tables with plain SQL: the ORM's cascade collector takes seconds here.

    The test's transaction is rolled back, so the foreign keys (checked at commit) never see it.
    """
    with connection.cursor() as cursor:
        cursor.execute(f"UPDATE {Mention._meta.db_table} SET place_id = NULL")  # noqa: S608
        cursor.execute(f"DELETE FROM {PlaceName._meta.db_table}")  # noqa: S608
        cursor.execute(f"DELETE FROM {Place._meta.db_table}")  # noqa: S608


def test_it_fills_an_empty_table_in_one_pass(db, bundle: Path) -> None:
    _empty_gazetteer()
    assert not gazetteer_is_loaded()

    summary = load_bundled_gazetteer(data_dir=bundle)

    assert summary.created == Place.objects.count() == 11
    assert PlaceName.objects.count() == summary.names_created
    assert gazetteer_is_loaded()


# --- the command and GeoNames dumps -------------------------------------------------------


def _call(*args: str) -> str:
    out = StringIO()
    call_command("load_gazetteer", *args, stdout=out, stderr=StringIO(), verbosity=0)
    return out.getvalue()


def test_the_command_loads_a_geonames_dump_without_duplicating_bundled_units(
    reference_data,
) -> None:
    # The bundled Deir ez-Zor governorate (SY.07) carries GeoNames id 170792, as the dump's does.
    assert Place.objects.get(origin="geonames", source_id="SY.07").geonameid == 170792

    output = _call("--geonames", str(FIXTURES / "gazetteer_geonames.txt"))

    assert "Loaded GeoNames dump" in output
    assert "1 skipped" in output
    assert Place.objects.filter(geonameid=170792).count() == 1  # the governorate, once
    manbij = Place.objects.get(origin="geonames", source_id="167357")
    assert manbij.names.filter(normalized="منبج").exists()
    assert Place.objects.filter(geonameid=173377).count() == 1


def test_the_command_loads_only_the_requested_countries_of_a_dump(db, tmp_path: Path) -> None:
    lines = (FIXTURES / "gazetteer_geonames.txt").read_text(encoding="utf-8").splitlines()
    columns = lines[0].split("\t")
    columns[0], columns[8] = "990000098", "IQ"  # a copy of Manbij filed under Iraq
    path = tmp_path / "two.txt"
    path.write_text("\t".join(columns) + "\n" + lines[1] + "\n", encoding="utf-8")

    output = _call("--geonames", str(path), "--countries", "IQ")

    assert "by kind: populated 1;" in output
    assert Place.objects.filter(origin="geonames", source_id="990000098").exists()


def test_a_dump_that_repeats_a_row_keeps_the_last_one(db, tmp_path: Path) -> None:
    line = (FIXTURES / "gazetteer_geonames.txt").read_text(encoding="utf-8").splitlines()[0]
    columns = line.split("\t")
    columns[0] = "990000097"
    first = "\t".join(columns)
    columns[14] = "123456"  # the second copy has a newer population
    path = tmp_path / "joined.txt"
    path.write_text(first + "\n" + "\t".join(columns) + "\n", encoding="utf-8")

    _call("--geonames", str(path))
    _call("--geonames", str(path))

    place = Place.objects.get(origin="geonames", source_id="990000097")
    assert place.population == 123456


def test_the_command_names_the_file_and_line_of_bad_input_and_loads_nothing(
    db, tmp_path: Path
) -> None:
    lines = (FIXTURES / "gazetteer_geonames.txt").read_text(encoding="utf-8").splitlines()
    first = lines[0].split("\t")
    first[0] = "990000099"  # an id nothing else has, to see it was not kept
    path = tmp_path / "SY.txt"
    path.write_text("\t".join(first) + "\n" + lines[1][:40] + "\n", encoding="utf-8")

    with pytest.raises(CommandError, match=r"SY\.txt, line 2: expected 19 .*Nothing was loaded"):
        _call("--geonames", str(path))

    assert not Place.objects.filter(source_id="990000099").exists()


def test_the_command_reports_a_corrupt_gzip(db, tmp_path: Path) -> None:
    path = tmp_path / "allCountries.txt.gz"
    path.write_bytes(b"\x1f\x8b\x08\x00garbage")

    with pytest.raises(CommandError, match=r"allCountries\.txt\.gz, line 1: corrupt"):
        _call("--geonames", str(path))


def test_the_command_reports_a_missing_dump(db, tmp_path: Path) -> None:
    with pytest.raises(CommandError, match=r"missing\.txt: cannot open"):
        _call("--geonames", str(tmp_path / "missing.txt"))


def test_the_command_rejects_bad_country_codes(db) -> None:
    with pytest.raises(CommandError, match="not: SYRIA"):
        _call("--countries", "SY,syria")


def test_the_command_does_nothing_if_a_gazetteer_is_loaded(reference_data) -> None:
    count = Place.objects.count()

    output = _call("--if-empty")

    assert "already loaded" in output
    assert Place.objects.count() == count


def test_the_bundled_subset_reloads_without_changes(reference_data) -> None:
    summary = load_bundled_gazetteer(countries={"SY"})

    assert summary.created == 0 and summary.updated == 0
    assert summary.by_kind["populated"] == 290 + 2  # cities500 + curated Baghuz, Sheikh Maqsoud
    qamishli = Place.objects.get(origin="geonames", source_id="173377")
    assert qamishli.names.filter(normalized=normalize_name("القامشلي")).exists()
