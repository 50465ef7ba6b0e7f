"""`/claims.geojson`: an RFC 7946 FeatureCollection of the filtered claims."""

from __future__ import annotations

import datetime as dt
import itertools
import json

import pytest
from django.urls import reverse
from django.utils import timezone

from articles.filters import ClaimFilter
from articles.geojson import RADIUS_BY_PRECISION, build_feature_collection
from articles.models import Claim, PlaceKind, Precision, Relation, ReviewStatus
from articles.queries import filtered_claims
from tests.factories import make_actor, make_article, make_claim, make_mention, make_place
from tests.http import body_json

URL = reverse("articles-geojson")

EUPHRATES_EAST = {
    "type": "Polygon",
    "coordinates": [[[38.0, 34.4], [42.4, 34.4], [42.4, 37.3], [38.0, 37.3], [38.0, 34.4]]],
}

PROPERTIES = {
    "actor",
    "actor_colour",
    "relation",
    "second_actor",
    "claimant",
    "status",
    "review_status",
    "precision",
    "place_name",
    "place_id",
    "quote",
    "article_id",
    "article_title",
    "article_url",
    "article_published",
    "valid_from",
    "valid_to",
    "acled_event_type",
    "acled_sub_event_type",
}


def get_collection(client, query: str = "") -> dict:
    response = client.get(f"{URL}?{query}" if query else URL)
    assert response.status_code == 200
    return body_json(response)


def claim_at(precision: int | None, **place_fields) -> Claim:
    place = make_place(**place_fields)
    return make_claim(mention=make_mention(place=place, precision=precision))


@pytest.mark.django_db
def test_it_serves_geojson_as_a_dated_download(client):
    make_claim()
    response = client.get(URL)
    assert response["Content-Type"] == "application/geo+json; charset=utf-8"
    stamp = timezone.now().strftime("%Y%m%d")
    assert response["Content-Disposition"] == (
        f'attachment; filename="conflictmap-claims-{stamp}.geojson"'
    )


@pytest.mark.django_db
def test_it_returns_a_feature_collection_with_every_property(client):
    us = make_actor(name="United States", colour="#1f5fbf")
    sdf = make_actor(name="Syrian Democratic Forces", colour="#d4a017")
    article = make_article(
        title="Lavrov: US keeps a base near Al Tanf",
        url="https://wire.example.org/lavrov-tanf",
        published=dt.date(2018, 4, 5),
    )
    place = make_place(name="Al Tanf", lat=33.506, lon=38.618)
    claim = make_claim(
        article=article,
        mention=make_mention(article=article, place=place, precision=Precision.NEAR),
        actor=us,
        second_actor=sdf,
        relation=Relation.BASE,
        claimant="Lavrov",
        valid_from=dt.date(2018, 4, 5),
        valid_to=dt.date(2018, 4, 30),
    )
    collection = get_collection(client)
    assert collection["type"] == "FeatureCollection"
    assert collection["skipped"] == 0
    [feature] = collection["features"]
    assert feature["type"] == "Feature"
    assert feature["id"] == claim.pk
    props = feature["properties"]
    assert props.keys() >= PROPERTIES
    assert props["actor"] == "United States"
    assert props["actor_colour"] == "#1f5fbf"
    assert props["second_actor"] == "Syrian Democratic Forces"
    assert props["relation"] == "base"
    assert props["claimant"] == "Lavrov"
    assert (props["status"], props["review_status"]) == ("asserted", "machine")
    assert (props["place_name"], props["place_id"]) == ("Al Tanf", place.pk)
    assert props["quote"] == claim.quote
    assert props["article_id"] == article.pk
    assert props["article_url"] == "https://wire.example.org/lavrov-tanf"
    assert props["article_published"] == "2018-04-05"
    assert (props["valid_from"], props["valid_to"]) == ("2018-04-05", "2018-04-30")
    assert props["acled_sub_event_type"] == "Headquarters or base established"
    # RFC 7946: positions are [longitude, latitude].
    assert feature["geometry"] == {"type": "Point", "coordinates": [38.618, 33.506]}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("precision", "place_fields", "geometry_type", "radius"),
    [
        (Precision.EXACT, {}, "Point", None),
        (Precision.NEAR, {}, "Point", 25_000),
        (Precision.PART_OF_COUNTRY, {"geometry": EUPHRATES_EAST}, "Polygon", None),
        (
            Precision.ADMIN1,
            {"min_lon": 37.0, "min_lat": 35.0, "max_lon": 39.0, "max_lat": 36.5},
            "Polygon",
            None,
        ),
        (Precision.COUNTRY, {}, "Point", RADIUS_BY_PRECISION[6]),
        (None, {}, "Point", RADIUS_BY_PRECISION[None]),
    ],
    ids=["exact-pin", "near-circle", "area-polygon", "area-from-bbox", "area-fallback", "unknown"],
)
def test_geometry_follows_precision(client, precision, place_fields, geometry_type, radius):
    claim_at(precision, **place_fields)
    [feature] = get_collection(client)["features"]
    assert feature["geometry"]["type"] == geometry_type
    assert feature["properties"].get("radius_m") == radius
    assert feature["properties"]["precision"] == precision


@pytest.mark.django_db
def test_a_relative_region_is_drawn_with_its_own_polygon(client):
    region = make_place(
        name="Syria east of the Euphrates",
        kind=PlaceKind.RELATIVE,
        lat=35.8,
        lon=40.5,
        geometry=EUPHRATES_EAST,
        min_lon=38.0,
        min_lat=34.4,
        max_lon=42.4,
        max_lat=37.3,
    )
    make_claim(mention=make_mention(place=region, precision=Precision.PART_OF_COUNTRY))
    [feature] = get_collection(client)["features"]
    assert feature["geometry"] == EUPHRATES_EAST
    ring = feature["geometry"]["coordinates"][0]
    assert ring[0] == ring[-1]


@pytest.mark.django_db
def test_a_bbox_polygon_is_closed_and_counter_clockwise(client):
    claim_at(Precision.ADMIN1, min_lon=37.0, min_lat=35.0, max_lon=39.0, max_lat=36.5)
    [feature] = get_collection(client)["features"]
    ring = feature["geometry"]["coordinates"][0]
    assert ring[0] == ring[-1] == [37.0, 35.0]
    signed_area = sum(x1 * y2 - x2 * y1 for (x1, y1), (x2, y2) in itertools.pairwise(ring))
    assert signed_area > 0  # RFC 7946 right-hand rule for exterior rings


@pytest.mark.django_db
def test_claims_without_a_place_are_left_out_and_counted(client):
    make_claim()
    make_claim(mention=None)
    make_claim(mention=make_mention(place=None, precision=None))
    collection = get_collection(client)
    assert len(collection["features"]) == 1
    assert collection["skipped"] == 2


@pytest.mark.django_db
def test_rejected_claims_are_hidden_unless_staff_ask_for_them(client, admin_client):
    kept = make_claim(review_status=ReviewStatus.VERIFIED)
    rejected = make_claim(review_status=ReviewStatus.REJECTED)
    assert [f["id"] for f in get_collection(client)["features"]] == [kept.pk]
    assert [f["id"] for f in get_collection(admin_client)["features"]] == [kept.pk]
    assert get_collection(client, "review=rejected")["features"] == []
    shown = get_collection(admin_client, "review=rejected")["features"]
    assert [f["id"] for f in shown] == [rejected.pk]


@pytest.mark.django_db
def test_the_builder_and_the_endpoint_agree(client):
    for _ in range(3):
        make_claim()
    built = build_feature_collection(filtered_claims(ClaimFilter()))
    assert json.loads(json.dumps(built)) == get_collection(client)


def add_claims(count: int) -> None:
    for i in range(count):
        article = make_article()
        make_claim(
            article=article,
            mention=make_mention(article=article, precision=1 + i % 6),
            second_actor=make_actor(),
        )


@pytest.mark.django_db
def test_the_query_count_does_not_grow_with_the_claims(client, django_assert_num_queries):
    # Two queries: the claim rows, then the polygons of the area places they use.
    add_claims(3)
    with django_assert_num_queries(2):
        assert len(get_collection(client)["features"]) == 3
    add_claims(20)
    with django_assert_num_queries(2):
        assert len(get_collection(client, "q=tanf&precision=1&precision=2")["features"]) > 0
    with django_assert_num_queries(2):
        assert len(get_collection(client)["features"]) == 23


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("relation", "actor_kind", "sub_event_type"),
    [
        ("base", "state", "Headquarters or base established"),
        ("control", "state", "Government regains territory"),
        ("control", "rebel", "Non-state actor overtakes territory"),
        ("clash", "militia", "Armed clash"),
    ],
)
def test_it_gives_the_nearest_acled_sub_event_type(client, relation, actor_kind, sub_event_type):
    make_claim(relation=relation, actor=make_actor(kind=actor_kind))
    [feature] = get_collection(client)["features"]
    assert feature["properties"]["acled_sub_event_type"] == sub_event_type


def cluster_world(count: int = 40) -> None:
    """Claims at ten places two degrees apart, plus one claim without a place."""
    places = [make_place(name=f"P{i}", lat=30 + 2 * i, lon=35 + 2 * i) for i in range(10)]
    for i in range(count):
        make_claim(mention=make_mention(place=places[i % 10], precision=1 + i % 6))
    make_claim(mention=None)


@pytest.mark.django_db
@pytest.mark.parametrize("zoom", [0, 3, 6, 9, 14])
def test_cluster_counts_add_up_to_the_matching_claims(client, zoom):
    cluster_world()
    plain = get_collection(client)
    clustered = get_collection(client, f"zoom={zoom}&cluster_above=10")
    assert clustered["clustered"] is True
    counts = [f["properties"]["count"] for f in clustered["features"]]
    assert sum(counts) == clustered["total"] == len(plain["features"]) == 40
    assert all(f["properties"]["cluster"] is True for f in clustered["features"])
    assert len({f["id"] for f in clustered["features"]}) == len(counts)


@pytest.mark.django_db
def test_clusters_get_finer_as_the_map_zooms_in(client):
    cluster_world()
    sizes = [
        len(get_collection(client, f"zoom={zoom}&cluster_above=10")["features"])
        for zoom in (0, 4, 8)
    ]
    assert sizes[0] < sizes[1] <= sizes[2] == 10


@pytest.mark.django_db
def test_clusters_honour_the_filters_and_the_bbox(client):
    cluster_world()
    query = "precision=1&bbox=34,29,42,37&zoom=8&cluster_above=2"
    clustered = get_collection(client, query)
    expected = get_collection(client, "precision=1&bbox=34,29,42,37")["features"]
    assert clustered["total"] == len(expected) > 2
    for feature in clustered["features"]:
        w, s, e, n = feature["properties"]["bbox"]
        lon, lat = feature["geometry"]["coordinates"]
        assert w <= lon <= e and s <= lat <= n


@pytest.mark.django_db
def test_few_claims_come_back_as_features_even_when_clustering_is_asked(client):
    cluster_world(count=5)
    collection = get_collection(client, "zoom=5&cluster_above=10")
    assert "clustered" not in collection
    assert len(collection["features"]) == 5


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("zoom=5", "cluster_above"),
        ("cluster_above=10", "zoom"),
        ("zoom=23&cluster_above=10", "zoom"),
        ("zoom=-1&cluster_above=10", "zoom"),
        ("zoom=5&cluster_above=0", "cluster_above"),
        ("zoom=5&cluster_above=99999", "cluster_above"),
        ("zoom=²&cluster_above=10", "zoom"),
        ("zoom=5&cluster_above=" + "9" * 5000, "cluster_above"),
    ],
)
def test_bad_cluster_parameters_give_400(client, query, parameter):
    response = client.get(f"{URL}?{query}")
    assert response.status_code == 400
    assert response.json()["parameter"] == parameter


@pytest.mark.django_db
def test_clustering_costs_a_constant_number_of_queries(client, django_assert_num_queries):
    cluster_world()
    with django_assert_num_queries(1):  # claims per point (the claims' copy of their place)
        assert get_collection(client, "zoom=4&cluster_above=10")["clustered"]
    with django_assert_num_queries(3):  # the same one, then rows and polygons
        assert len(get_collection(client, "zoom=4&cluster_above=100")["features"]) == 40
