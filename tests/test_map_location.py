"""The map reads each claim's copy of its place's location: it follows every edit.

`Claim.place_*` are kept by database triggers (articles/claim_location.py); these tests make the
edits curators and the services make, then check what `/claims.geojson` returns for a viewport
and that every claim's copy still equals its mention's place (on SQLite and on PostgreSQL).
"""

from __future__ import annotations

import json

import pytest
from django.urls import reverse

from articles import services
from articles.models import Claim, Mention, Place, ReviewStatus
from articles.place_import import PlaceInput
from tests.factories import make_article, make_claim, make_mention, make_place
from tests.http import body_json

pytestmark = pytest.mark.django_db

URL = reverse("articles-geojson")
# Two viewports far apart: around Al Tanf (Syria) and around Kherson (Ukraine).
SYRIA = "37,32,40,35"
UKRAINE = "31,45,35,48"


def ids_in(client, bbox: str, query: str = "") -> set[int]:
    response = client.get(f"{URL}?bbox={bbox}&{query}")
    assert response.status_code == 200
    return {f["id"] for f in body_json(response)["features"]}


def clustered_total(client, bbox: str) -> int:
    """Return how many claims the map's cluster request counts in the viewport."""
    response = client.get(f"{URL}?bbox={bbox}&zoom=6&cluster_above=1")
    collection = body_json(response)
    if not collection.get("clustered"):
        return len(collection["features"])
    assert sum(f["properties"]["count"] for f in collection["features"]) == collection["total"]
    return collection["total"]


def assert_copies_match() -> None:
    """Every claim's location columns equal its mention's place (point, envelope or point)."""
    for claim in Claim.objects.select_related("mention__place"):
        place = claim.mention.place if claim.mention else None
        got = (
            claim.place_lat,
            claim.place_lon,
            claim.place_min_lon,
            claim.place_min_lat,
            claim.place_max_lon,
            claim.place_max_lat,
        )
        if place is None:
            assert got == (None,) * 6, claim.pk
        elif place.min_lon is None:
            assert got == (place.lat, place.lon, place.lon, place.lat, place.lon, place.lat)
        else:
            expected = (place.lat, place.lon, place.min_lon, place.min_lat)
            assert got == (*expected, place.max_lon, place.max_lat), claim.pk


def admin_place_form(admin_client, place: Place, **changes: str) -> dict:
    url = reverse("admin:articles_place_change", args=[place.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        data[name] = value.pk if hasattr(value, "pk") else value
    data.update({"names-TOTAL_FORMS": "0", "names-INITIAL_FORMS": "0", **changes})
    return data


def test_a_curator_moving_a_place_in_the_admin_moves_its_claims_on_the_map(admin_client, client):
    place = make_place(name="Al Tanf garrison", lat=33.506, lon=38.618)
    claims = {make_claim(mention=make_mention(place=place)).pk for _ in range(3)}
    assert ids_in(client, SYRIA) == claims and clustered_total(client, SYRIA) == 3

    url = reverse("admin:articles_place_change", args=[place.pk])
    data = admin_place_form(admin_client, place, lat="46.64", lon="32.61")  # dragged to Kherson
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors

    assert ids_in(client, SYRIA) == set() and clustered_total(client, SYRIA) == 0
    assert ids_in(client, UKRAINE) == claims and clustered_total(client, UKRAINE) == 3
    [cluster] = body_json(client.get(f"{URL}?bbox={UKRAINE}&zoom=6&cluster_above=1"))["features"]
    assert cluster["geometry"]["coordinates"] == [32.61, 46.64]
    assert_copies_match()


def test_an_area_drawn_in_the_admin_widens_what_the_viewport_finds(admin_client, client):
    place = make_place(name="Badia", lat=33.5, lon=38.6)
    claim = make_claim(mention=make_mention(place=place, precision=5))
    east_of_it = "39.5,33,41,34"
    assert ids_in(client, east_of_it) == set()
    area = {
        "type": "Polygon",
        "coordinates": [[[38.0, 33.0], [40.0, 33.0], [40.0, 34.0], [38.0, 34.0], [38.0, 33.0]]],
    }
    url = reverse("admin:articles_place_change", args=[place.pk])
    response = admin_client.post(
        url, admin_place_form(admin_client, place, geometry=json.dumps(area))
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert ids_in(client, east_of_it) == {claim.pk}
    assert_copies_match()


def test_a_mention_given_another_place_in_the_admin_moves_its_claims(admin_client, client):
    kherson = make_place(name="Kherson", lat=46.64, lon=32.61, country_code="UA")
    mention = make_mention()  # Al Tanf
    claim = make_claim(mention=mention)
    url = reverse("admin:articles_mention_change", args=[mention.pk])
    form = admin_client.get(url).context["adminform"].form
    data = {
        name: form.initial.get(name, field.initial)
        for name, field in form.fields.items()
        if form.initial.get(name, field.initial) is not None
    }
    data["place"] = kherson.pk
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    assert ids_in(client, UKRAINE) == {claim.pk} and ids_in(client, SYRIA) == set()
    assert_copies_match()


def test_a_claim_pointed_at_another_mention_moves(client):
    claim = make_claim()  # Al Tanf
    claim.mention = make_mention(place=make_place(name="Kherson", lat=46.64, lon=32.61))
    claim.save()
    assert ids_in(client, UKRAINE) == {claim.pk} and ids_in(client, SYRIA) == set()
    assert_copies_match()


def test_saving_a_stale_copy_of_a_claim_keeps_the_new_location(client):
    claim = make_claim()
    stale = Claim.objects.get(pk=claim.pk)  # read while the place is at Al Tanf
    Place.objects.filter(pk=claim.mention.place_id).update(lat=46.64, lon=32.61)
    Place.objects.filter(pk=claim.mention.place_id).update(
        min_lon=32.61, max_lon=32.61, min_lat=46.64, max_lat=46.64
    )
    stale.claimant = "Another claimant"
    stale.save()
    assert ids_in(client, UKRAINE) == {claim.pk}
    assert_copies_match()


def test_merging_places_moves_the_duplicates_claims(client):
    keep = make_place(name="Kherson", lat=46.64, lon=32.61, country_code="UA")
    duplicate = make_place(name="Kherson (typo)", lat=33.5, lon=38.6)
    claim = make_claim(mention=make_mention(place=duplicate))
    assert services.merge_places(keep, [duplicate]) == 1
    assert ids_in(client, UKRAINE) == {claim.pk} and ids_in(client, SYRIA) == set()
    assert_copies_match()


def test_reimporting_a_curated_place_moves_its_claims(client):
    def item(lat: float, lon: float) -> PlaceInput:
        return PlaceInput(
            source_id="outpost", name="Outpost", kind="site", lat=lat, lon=lon, geometry=None,
            bbox=(lon, lat, lon, lat),
        )  # fmt: skip

    services.import_places([item(33.5, 38.6)])
    place = Place.objects.get(source_id="outpost")
    claim = make_claim(mention=make_mention(place=place))
    assert ids_in(client, SYRIA) == {claim.pk}
    services.import_places([item(46.64, 32.61)])
    assert ids_in(client, UKRAINE) == {claim.pk} and ids_in(client, SYRIA) == set()
    assert_copies_match()


def test_a_bulk_update_of_places_moves_their_claims(client):
    """A gazetteer reload writes places with bulk_update; the claims follow that too."""
    places = [make_place(name=f"P{i}", lat=33.0 + i / 10, lon=38.0) for i in range(3)]
    claims = {make_claim(mention=make_mention(place=p)).pk for p in places}
    for place in places:
        place.lon, place.min_lon, place.max_lon = 33.0, 33.0, 33.0
        place.lat, place.min_lat, place.max_lat = 46.0, 46.0, 46.0
    Place.objects.bulk_update(places, ["lat", "lon", "min_lon", "min_lat", "max_lon", "max_lat"])
    assert ids_in(client, UKRAINE) == claims
    assert_copies_match()


def test_deleting_a_place_or_a_mention_takes_the_claims_off_the_viewport(client):
    by_place = make_claim()
    by_mention = make_claim()
    by_place.mention.place.delete()
    by_mention.mention.delete()
    assert ids_in(client, SYRIA) == set() and clustered_total(client, SYRIA) == 0
    # Still listed without a viewport, as claims without a place.
    response = body_json(client.get(URL))
    assert response["skipped"] == 2
    assert_copies_match()


def test_processing_an_article_stores_located_claims(client, reference_data, seed_text):
    article = make_article(text=seed_text, url="https://example.org/seed")
    services.process_article(article)
    claims = Claim.objects.filter(article=article).exclude(mention__place=None)
    assert claims.exists()
    assert_copies_match()


def test_synthetic_claims_are_located(reference_data):
    services.generate_synthetic_claims(50, seed=3)
    assert Claim.objects.filter(place_lat__isnull=False).count() == 50
    assert_copies_match()


@pytest.mark.parametrize("staff", [False, True])
def test_viewport_clusters_add_up_to_the_viewport_claims_for_each_visitor(
    client, admin_user, staff
):
    if staff:
        client.force_login(admin_user)
    ring = [[36.0, 32.0], [41.0, 32.0], [41.0, 35.0], [36.0, 35.0], [36.0, 32.0]]
    area = make_place(
        name="Badia", lat=33.5, lon=38.6, geometry={"type": "Polygon", "coordinates": [ring]},
        min_lon=36.0, min_lat=32.0, max_lon=41.0, max_lat=35.0,
    )  # fmt: skip
    statuses = [ReviewStatus.MACHINE, ReviewStatus.VERIFIED, ReviewStatus.REJECTED]
    for i in range(30):
        place = area if i % 5 == 0 else make_place(name=f"S{i}", lat=32 + i / 10, lon=36 + i / 8)
        make_claim(mention=make_mention(place=place), review_status=statuses[i % 3])
    make_claim(mention=make_mention(place=make_place(lat=46.6, lon=32.6)))  # outside
    make_claim(mention=None)
    query = "review=machine&review=verified&review=rejected"
    for bbox in ("38.9,32.5,40.5,34", SYRIA, "-10,10,45,40", "170,-10,-170,10"):
        expected = ids_in(client, bbox, query)
        response = client.get(f"{URL}?bbox={bbox}&{query}&zoom=7&cluster_above=1")
        collection = body_json(response)
        if expected:
            assert collection["clustered"] is True
            counts = [f["properties"]["count"] for f in collection["features"]]
            assert sum(counts) == collection["total"] == len(expected)
        else:
            assert collection["features"] == []
    rejected = set(
        Claim.objects.filter(review_status=ReviewStatus.REJECTED).values_list("id", flat=True)
    )
    visible = ids_in(client, "-10,10,45,40", query)
    assert bool(visible & rejected) is staff
    assert Mention.objects.count() == 31


def test_a_migration_run_drops_the_triggers_then_reinstalls_them_and_refreshes(client):
    from django.apps import apps
    from django.db import connection

    from articles.claim_location import after_migrate, before_migrate, installed_triggers

    app = apps.get_app_config("articles")
    claim = make_claim()  # Al Tanf
    expected = installed_triggers(connection)
    assert len(expected) >= 3
    before_migrate(sender=app, using="default", plan=[("a migration", False)])
    assert installed_triggers(connection) == set()
    # Written while a migration runs: nothing follows it yet...
    Place.objects.filter(pk=claim.mention.place_id).update(
        lat=46.64, lon=32.61, min_lon=32.61, min_lat=46.64, max_lon=32.61, max_lat=46.64
    )
    assert ids_in(client, UKRAINE) == set()
    after_migrate(sender=app, using="default", plan=[("a migration", False)])
    # ...until the run ends: triggers back, every copy recomputed.
    assert installed_triggers(connection) == expected
    assert ids_in(client, UKRAINE) == {claim.pk}
    assert_copies_match()
    # Nothing to migrate (or a flush): they are left alone, and put back if missing.
    after_migrate(sender=app, using="default", plan=[])
    assert installed_triggers(connection) == expected


SQLITE_REBUILD = """
from django.apps import apps
from django.db import connection, models
from articles.claim_location import after_migrate, before_migrate, installed_triggers
from articles.models import Place

app = apps.get_app_config("articles")
wider = models.CharField(max_length=250)
wider.set_attributes_from_name("name")
old = Place._meta.get_field("name")
before_migrate(sender=app, using="default", plan=[("0099_wider_names", False)])
with connection.schema_editor() as editor:
    editor.alter_field(Place, old, wider)  # SQLite rebuilds articles_place for this
after_migrate(sender=app, using="default", plan=[("0099_wider_names", False)])
print(sorted(installed_triggers(connection)))
"""


def test_a_table_rebuild_on_sqlite_runs_between_the_hooks(tmp_path):
    """Django rebuilds a SQLite table for most AlterField operations; the triggers allow it."""
    import os
    import subprocess
    import sys

    from django.conf import settings

    env = {**os.environ, "DATABASE_URL": f"sqlite:///{tmp_path / 'rebuild.sqlite3'}"}
    manage = [sys.executable, str(settings.BASE_DIR / "manage.py")]
    subprocess.run([*manage, "migrate", "-v", "0"], env=env, check=True, timeout=300)
    done = subprocess.run(
        [*manage, "shell", "-c", SQLITE_REBUILD],
        env=env,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr
    assert "articles_place_location_claims" in done.stdout
