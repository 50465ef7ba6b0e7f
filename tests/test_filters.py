"""The one claim filter: parsing, validation (400, never 500) and what each parameter selects."""

from __future__ import annotations

import datetime as dt
from types import SimpleNamespace

import pytest
from django.http import QueryDict
from django.urls import reverse

from articles.filters import ClaimFilter, FilterError
from articles.models import ClaimStatus, Precision, Relation, ReviewStatus
from articles.queries import filtered_claims
from tests.factories import make_actor, make_article, make_claim, make_mention, make_place
from tests.http import body_json

AREA = Precision.PART_OF_COUNTRY
STAFF = SimpleNamespace(is_authenticated=True, is_staff=True)


def parse(query: str) -> ClaimFilter:
    return ClaimFilter.from_params(QueryDict(query))


@pytest.mark.parametrize(
    ("query", "attribute", "expected"),
    [
        ("actor=1&actor=2", "actors", ("1", "2")),
        ("actor=1,2&actor=2", "actors", ("1", "2")),
        ("actor=United+States", "actor_names", ("United States",)),
        ("actor=3&actor=SDF", "actor_ids", (3,)),
        ("actor=²&actor=" + "7" * 30, "actor_ids", ()),
        ("actor=٣", "actor_ids", (3,)),
        ("relation=base&relation=Presence", "relations", ("base", "presence")),
        ("precision=5&precision=1&precision=5", "precisions", (1, 5)),
        ("status=denied", "statuses", ("denied",)),
        ("review=verified", "review_statuses", ("verified",)),
        ("", "review_statuses", ("machine", "verified", "corrected")),
        ("date_from=2018-04-01", "date_from", dt.date(2018, 4, 1)),
        ("q=+Al+Tanf+", "q", "Al Tanf"),
        ("article=12", "article", 12),
        ("actor=&relation=&q=", "actors", ()),
    ],
)
def test_it_parses_query_parameters(query, attribute, expected):
    assert getattr(parse(query), attribute) == expected


def test_it_parses_a_bbox():
    box = parse("bbox=35.5,32.1,42.4,37.3").bbox
    assert box is not None
    assert box.as_tuple() == (35.5, 32.1, 42.4, 37.3)
    assert not box.crosses_antimeridian


def test_it_round_trips_through_the_query_string():
    original = parse(
        "actor=2&actor=Russia&relation=base&claimant=Lavrov&outlet=Wire&review=verified"
        "&status=denied&precision=2&date_from=2018-01-01&date_to=2018-12-31"
        "&bbox=35,32,42,37&q=tanf&article=4"
    )
    assert parse(original.querystring()) == original


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("relation=invasion", "relation"),
        ("status=maybe", "status"),
        ("review=approved", "review"),
        ("precision=0", "precision"),
        ("precision=8", "precision"),
        ("precision=two", "precision"),
        ("date_from=05/04/2018", "date_from"),
        ("date_to=2018-02-30", "date_to"),
        ("date_from=2018-05-01&date_to=2018-04-01", "date_to"),
        ("bbox=1,2,3", "bbox"),
        ("bbox=a,b,c,d", "bbox"),
        ("bbox=0,0,200,10", "bbox"),
        ("bbox=0,50,10,40", "bbox"),
        ("bbox=nan,0,1,1", "bbox"),
        ("article=abc", "article"),
        ("article=²", "article"),
        ("article=" + "9" * 5000, "article"),
        ("precision=²", "precision"),
        ("precision=" + "1" * 5000, "precision"),
        ("article=-1", "article"),
        ("q=" + "x" * 201, "q"),
        ("claimant=a&claimant=b", "claimant"),
        ("q=%00", "q"),
        ("actor=a%00b", "actor"),
        ("outlet=x%00", "outlet"),
        ("actor=" + ",".join(str(i) for i in range(51)), "actor"),
    ],
)
def test_it_rejects_bad_values_with_the_parameter_named(query, parameter):
    with pytest.raises(FilterError) as info:
        parse(query)
    assert info.value.parameter == parameter


@pytest.mark.django_db
@pytest.mark.parametrize("url_name", ["articles-geojson", "articles-map"])
@pytest.mark.parametrize(
    "query", ["relation=invasion", "precision=9", "date_from=yesterday", "bbox=1,2", "article=x"]
)
def test_bad_parameters_give_400_not_500(client, url_name, query):
    response = client.get(f"{reverse(url_name)}?{query}")
    assert response.status_code == 400
    if url_name == "articles-geojson":
        assert response["Content-Type"].startswith("application/json")
        assert response.json()["parameter"] == query.split("=")[0]
    else:
        assert b"cannot be used" in response.content


@pytest.fixture
def world(db):
    """Five claims that differ in one attribute each from the first."""
    us = make_actor(name="United States", colour="#1f5fbf")
    russia = make_actor(name="Russia", colour="#c0392b")
    sdf = make_actor(name="Syrian Democratic Forces", colour="#d4a017")
    tanf = make_place(name="Al Tanf", lat=33.506, lon=38.618)
    syria_east = make_place(
        name="East of the Euphrates",
        kind="relative",
        lat=35.8,
        lon=40.5,
        min_lon=38.0,
        min_lat=34.4,
        max_lon=42.4,
        max_lat=37.3,
    )
    hmeimim = make_place(name="Hmeimim", lat=35.401, lon=35.948)
    wire = make_article(
        outlet="Example Wire", title="Lavrov on Al Tanf", published=dt.date(2018, 4, 5)
    )
    daily = make_article(outlet="Kyiv Daily", title="Airbase news", published=dt.date(2019, 6, 1))
    claims = {
        "base": make_claim(
            actor=us,
            mention=make_mention(article=wire, place=tanf, precision=Precision.NEAR),
            relation=Relation.BASE,
            claimant="Sergei Lavrov",
            quote="US forces keep a base near Al Tanf.",
        ),
        "control": make_claim(
            actor=us,
            second_actor=sdf,
            mention=make_mention(
                article=wire, place=syria_east, precision=Precision.PART_OF_COUNTRY
            ),
            relation=Relation.CONTROL,
            claimant="Russian Foreign Ministry",
            quote="They control the eastern bank of the Euphrates.",
        ),
        "denied": make_claim(
            actor=russia,
            mention=make_mention(article=daily, place=hmeimim, precision=Precision.EXACT),
            relation=Relation.DEPLOYMENT,
            status=ClaimStatus.DENIED,
            claimant="Kremlin",
            quote="No new jets were sent to Hmeimim.",
            review_status=ReviewStatus.VERIFIED,
        ),
        "rejected": make_claim(
            actor=russia,
            mention=make_mention(article=daily, place=hmeimim, precision=Precision.EXACT),
            relation=Relation.STRIKE,
            review_status=ReviewStatus.REJECTED,
            quote="A strike near Hmeimim.",
        ),
        "open": make_claim(
            actor=sdf,
            mention=make_mention(
                article=daily, place=syria_east, precision=Precision.PART_OF_COUNTRY
            ),
            relation=Relation.PATROL,
            claimant="",
            quote="SDF patrols continue.",
            valid_from=dt.date(2017, 1, 1),
            valid_to=None,
        ),
    }
    return {"claims": claims, "us": us, "russia": russia, "wire": wire}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", {"base", "control", "denied", "open"}),
        ("actor={us}", {"base", "control"}),
        ("actor={us}&actor={russia}", {"base", "control", "denied"}),
        ("actor=russia", {"denied"}),
        ("actor=Syrian+Democratic+Forces&actor={us}", {"base", "control", "open"}),
        ("relation=base&relation=patrol", {"base", "open"}),
        ("claimant=lavrov", {"base"}),
        ("outlet=kyiv", {"denied", "open"}),
        ("review=verified", {"denied"}),
        ("review=rejected", {"rejected"}),
        ("status=denied", {"denied"}),
        ("precision=5", {"control", "open"}),
        ("precision=1&precision=2", {"base", "denied"}),
        ("date_from=2019-01-01", {"denied", "open"}),
        ("date_to=2018-12-31", {"base", "control", "open"}),
        ("date_from=2018-04-05&date_to=2018-04-05", {"base", "control", "open"}),
        ("date_to=2016-12-31", set()),
        ("bbox=38.5,33.4,38.7,33.6", {"base"}),
        ("bbox=41,36,41.5,36.5", {"control", "open"}),
        ("bbox=170,36,39,38", {"control", "open"}),
        ("bbox=35.9,35.3,36.0,35.5", {"denied"}),
        ("bbox=-10,0,10,10", set()),
        ("q=euphrates", {"control", "open"}),
        ("q=tanf+lavrov", {"base", "control"}),
        ("q=jets+kremlin", {"denied"}),
        ("q=democratic", {"control", "open"}),
        ("q=airbase", {"denied", "open"}),
        ("article={wire}", {"base", "control"}),
    ],
)
def test_each_parameter_selects_the_expected_claims(world, query, expected):
    query = query.format(us=world["us"].pk, russia=world["russia"].pk, wire=world["wire"].pk)
    names = {v.pk: k for k, v in world["claims"].items()}
    got = {names[c.pk] for c in filtered_claims(parse(query), user=STAFF)}
    assert got == expected


@pytest.mark.parametrize(("user", "expected"), [(None, set()), (STAFF, {"rejected"})])
def test_only_staff_see_rejected_claims_even_when_asking(world, user, expected):
    names = {v.pk: k for k, v in world["claims"].items()}
    got = {names[c.pk] for c in filtered_claims(parse("review=rejected"), user=user)}
    assert got == expected


def test_the_download_holds_exactly_what_the_filter_selects(client, world):
    query = f"actor={world['us'].pk}&precision=5"
    response = client.get(f"{reverse('articles-geojson')}?{query}")
    ids = {f["id"] for f in body_json(response)["features"]}
    assert ids == {world["claims"]["control"].pk}
