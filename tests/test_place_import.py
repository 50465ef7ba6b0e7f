"""GeoJSON import of curated places: validated, atomic, with errors naming feature and problem."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Place, PlaceOrigin
from articles.place_import import PlaceImportError, parse_place_features


def feature(name, geometry, **props):
    return {"type": "Feature", "geometry": geometry, "properties": {"name": name, **props}}


def collection(*features):
    return json.dumps({"type": "FeatureCollection", "features": list(features)})


CAMP = feature(
    "Example camp",
    {"type": "Point", "coordinates": [38.5, 33.4]},
    kind="site",
    country_code="sy",
    feature_code="CMPRF",
    alternate_names=["Camp X", "مخيم"],
)
ZONE = feature(
    "55 km zone",
    {
        "type": "Polygon",
        "coordinates": [[[38.2, 33.2], [39.0, 33.2], [39.0, 33.8], [38.2, 33.8], [38.2, 33.2]]],
    },
    id="tanf-zone",
)


def test_it_reads_points_and_areas():
    camp, zone = parse_place_features(collection(CAMP, ZONE))
    assert (camp.name, camp.kind, camp.country_code, camp.lat, camp.lon) == (
        "Example camp",
        "site",
        "SY",
        33.4,
        38.5,
    )
    assert camp.geometry is None and camp.alternate_names == ("Camp X", "مخيم")
    assert camp.source_id == "example-camp"
    assert zone.source_id == "tanf-zone" and zone.kind == "other"
    assert zone.bbox == (38.2, 33.2, 39.0, 33.8)
    assert 33.2 < zone.lat < 33.8 and 38.2 < zone.lon < 39.0


BOWTIE = {"type": "Polygon", "coordinates": [[[0, 0], [1, 1], [1, 0], [0, 1], [0, 0]]]}


@pytest.mark.parametrize(
    ("raw", "message"),
    [
        ("{not json", "not valid JSON"),
        (json.dumps({"type": "Feature"}), "must be a GeoJSON FeatureCollection"),
        (collection(), "has no features"),
        (
            collection(feature("", {"type": "Point", "coordinates": [1, 2]})),
            "feature 0: properties.name is required",
        ),
        (
            collection(CAMP, feature("Swapped", {"type": "Point", "coordinates": [33.4, 138.5]})),
            "feature 1 ('Swapped'): geometry: position [33.4, 138.5] is outside",
        ),
        (
            collection(feature("Bow", BOWTIE)),
            "feature 0 ('Bow'): invalid geometry: Self-intersection",
        ),
        (
            collection(feature("Odd", {"type": "Circle", "coordinates": [1, 2]})),
            "geometry must be one of",
        ),
        (
            collection(feature("K", {"type": "Point", "coordinates": [1, 2]}, kind="castle")),
            "kind 'castle'",
        ),
        (collection(CAMP, CAMP), "feature 1 ('Example camp'): id 'example-camp' repeats feature 0"),
    ],
)
def test_problems_name_the_feature_and_what_is_wrong(raw, message):
    with pytest.raises(PlaceImportError) as excinfo:
        parse_place_features(raw)
    assert any(message in problem for problem in excinfo.value.problems), excinfo.value.problems


@pytest.mark.django_db
def test_the_command_imports_and_updates(tmp_path):
    path = tmp_path / "places.geojson"
    path.write_text(collection(CAMP, ZONE), encoding="utf-8")
    out = StringIO()
    call_command("import_places", str(path), stdout=out)
    assert "2 places created, 0 updated" in out.getvalue()
    camp = Place.objects.get(origin=PlaceOrigin.CURATED, source_id="example-camp")
    assert set(camp.names.values_list("name", flat=True)) == {"Example camp", "Camp X", "مخيم"}
    call_command("import_places", str(path), stdout=out)
    camp.refresh_from_db()
    assert camp.version == 2


@pytest.mark.django_db
def test_one_bad_feature_imports_nothing(tmp_path):
    path = tmp_path / "places.geojson"
    path.write_text(collection(CAMP, feature("Bow", BOWTIE)), encoding="utf-8")
    err = StringIO()
    with pytest.raises(CommandError, match="nothing imported"):
        call_command("import_places", str(path), stderr=err)
    assert "feature 1 ('Bow')" in err.getvalue()
    assert not Place.objects.filter(source_id="example-camp").exists()


@pytest.mark.django_db
def test_dry_run_stores_nothing(tmp_path):
    path = tmp_path / "places.geojson"
    path.write_text(collection(CAMP), encoding="utf-8")
    out = StringIO()
    call_command("import_places", str(path), "--dry-run", stdout=out)
    assert "1 places are valid" in out.getvalue()
    assert not Place.objects.filter(origin=PlaceOrigin.CURATED, source_id="example-camp").exists()
