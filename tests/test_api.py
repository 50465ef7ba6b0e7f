"""The read-only JSON API: pages, filters shared with the map, visibility, OpenAPI schema."""

from __future__ import annotations

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from articles.models import PlaceKind, ReviewStatus
from tests.factories import make_actor, make_claim, make_place
from tests.http import body_json

pytestmark = pytest.mark.django_db


def test_it_lists_claims_with_place_and_actor(client):
    claim = make_claim(claimant="Sergey Lavrov")
    body = client.get("/api/claims").json()
    assert body["count"] == 1
    [item] = body["items"]
    assert item["id"] == claim.pk and item["claimant"] == "Sergey Lavrov"
    assert item["actor"]["name"] == claim.actor.name
    assert item["place"]["name"] == claim.mention.place.name


def test_claims_take_the_map_filters(client):
    russia = make_actor(name="Russia")
    make_claim(relation="base")
    make_claim(relation="strike", actor=russia)
    body = client.get("/api/claims", {"actor": "Russia", "relation": "strike"}).json()
    assert [item["actor"]["name"] for item in body["items"]] == ["Russia"]


@pytest.mark.parametrize(
    "params",
    [{"relation": "teleport"}, {"precision": "9"}, {"date_from": "yesterday"}, {"bbox": "1,2,3"}],
)
def test_a_bad_filter_is_a_400_with_a_message(client, params):
    response = client.get("/api/claims", params)
    assert response.status_code == 400
    assert next(iter(params)) in response.json()["detail"]


def test_pages_are_limited(client):
    for _ in range(3):
        make_claim()
    body = client.get("/api/claims", {"limit": 2, "offset": 1}).json()
    assert body["count"] == 3 and len(body["items"]) == 2
    assert client.get("/api/claims", {"limit": 100_000}).status_code == 422


def test_the_claim_list_runs_a_constant_number_of_queries(client):
    make_claim()
    with CaptureQueriesContext(connection) as few:
        client.get("/api/claims")
    for _ in range(5):
        make_claim()
    with CaptureQueriesContext(connection) as many:
        client.get("/api/claims")
    assert len(many) == len(few)


def test_visitors_see_only_public_review_statuses_and_staff_see_all(client, admin_client, settings):
    settings.CONFLICTMAP_PUBLIC_REVIEW_STATUSES = ["verified"]
    verified = make_claim(review_status=ReviewStatus.VERIFIED)
    machine = make_claim()
    public = [item["id"] for item in client.get("/api/claims").json()["items"]]
    staff = [item["id"] for item in admin_client.get("/api/claims").json()["items"]]
    assert public == [verified.pk]
    assert set(staff) == {verified.pk, machine.pk}
    assert client.get(f"/api/claims/{machine.pk}").status_code == 404
    geojson = body_json(client.get("/claims.geojson"))
    assert [feature["id"] for feature in geojson["features"]] == [verified.pk]


def test_places_are_found_by_any_spelling(client):
    place = make_place(name="Al Qāmishlī", kind=PlaceKind.POPULATED, population=184231)
    place.names.create(name="Qamishli", normalized="qamishli")
    body = client.get("/api/places", {"q": "QAMISHLI"}).json()
    assert [item["id"] for item in body["items"]] == [place.pk]
    detail = client.get(f"/api/places/{place.pk}").json()
    assert "Qamishli" in detail["names"] and detail["bbox"] == [place.lon, place.lat] * 2


def test_articles_and_actors_are_listed(client):
    claim = make_claim()
    articles = client.get("/api/articles").json()
    assert articles["items"][0]["id"] == claim.article_id and "text" not in articles["items"][0]
    assert client.get(f"/api/articles/{claim.article_id}").json()["text"] == claim.article.text
    names = [item["name"] for item in client.get("/api/actors").json()["items"]]
    assert claim.actor.name in names


def test_the_openapi_schema_describes_every_endpoint(client):
    schema = client.get("/api/openapi.json").json()
    assert schema["openapi"].startswith("3.")
    assert {"/api/claims", "/api/places", "/api/articles", "/api/actors"} <= set(schema["paths"])
    parameters = {p["name"] for p in schema["paths"]["/api/claims"]["get"]["parameters"]}
    assert {"actor", "relation", "bbox", "date_from", "limit", "offset"} <= parameters


def test_the_api_is_read_only(client):
    assert client.post("/api/claims", {}).status_code == 405


@pytest.mark.parametrize(
    ("path", "params"),
    [
        ("/api/articles", {"outlet": "a\x00b"}),
        ("/api/articles", {"q": "\x00"}),
        ("/api/places", {"q": "x\x00"}),
        ("/api/places", {"country": "S\x00"}),
        ("/api/actors", {"q": "\x00"}),
        ("/api/claims", {"claimant": "\x00"}),
    ],
)
def test_nul_characters_are_refused_not_a_server_error(client, path, params):
    assert client.get(path, params).status_code in (400, 422)
