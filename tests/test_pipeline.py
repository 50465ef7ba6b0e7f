"""Ingest → mentions → claims → GeoJSON, and re-processing that respects curators."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from articles import services
from articles.models import Claim, Mention, ReviewStatus
from articles.readers import ArticleInput
from tests.http import body_json

pytestmark = pytest.mark.usefixtures("reference_data")

TEXT = (
    "BEIRUT, June 3 – Turkish troops shelled positions near Tal Abyad on Monday, the Syrian "
    "Democratic Forces said. Russian military police patrolled the road between Manbij and "
    "Kobani, according to the Russian Defence Ministry."
)


@pytest.fixture
def article():
    return services.ingest_article(
        ArticleInput(
            text=TEXT,
            title="Shelling near Tal Abyad",
            outlet="Example Wire",
            published=dt.date(2024, 6, 3),
            url="https://example.org/tal-abyad",
        )
    ).article


def test_an_ingested_article_reaches_the_geojson(client, article):
    assert article.mentions.filter(text="Tal Abyad", place__country_code="SY").exists()
    claims = list(article.claims.select_related("actor"))
    assert any(c.actor.name == "Turkey" and c.relation == "strike" for c in claims)
    body = body_json(client.get(reverse("articles-geojson")))
    assert body["type"] == "FeatureCollection"
    ids = {feature["id"] for feature in body["features"]}
    assert {c.pk for c in claims if c.mention and c.mention.place_id} <= ids
    tal_abyad = next(
        f
        for f in body["features"]
        if f["properties"]["place_name"]
        and "Tal Abyad" in f["properties"]["quote"]
        and f["properties"]["actor"] == "Turkey"
    )
    lon, lat = tal_abyad["geometry"]["coordinates"]
    assert 36.5 < lat < 36.8 and 38.8 < lon < 39.1


def test_reprocessing_keeps_curated_claims_and_does_not_revive_rejected_ones(article):
    claims = list(article.claims.order_by("pk"))
    assert len(claims) >= 2
    verified, rejected = claims[0], claims[1]
    Claim.objects.filter(pk=verified.pk).update(review_status=ReviewStatus.VERIFIED)
    Claim.objects.filter(pk=rejected.pk).update(review_status=ReviewStatus.REJECTED)
    machine_before = article.claims.filter(review_status=ReviewStatus.MACHINE).count()

    services.process_article(article)

    assert Claim.objects.get(pk=verified.pk).review_status == ReviewStatus.VERIFIED
    assert Claim.objects.get(pk=rejected.pk).review_status == ReviewStatus.REJECTED
    assert article.claims.filter(review_status=ReviewStatus.MACHINE).count() == machine_before
    keys = [
        (c.actor_id, c.relation, c.mention.start if c.mention else None)
        for c in article.claims.select_related("mention")
    ]
    assert len(keys) == len(set(keys)), "re-processing duplicated a claim"


def test_reprocessing_keeps_a_corrected_mention(article):
    mention = article.mentions.get(text="Tal Abyad")
    Mention.objects.filter(pk=mention.pk).update(review_status=ReviewStatus.CORRECTED, precision=1)
    services.process_article(article)
    kept = Mention.objects.get(pk=mention.pk)
    assert kept.review_status == ReviewStatus.CORRECTED and kept.precision == 1
    assert article.mentions.filter(start=mention.start).count() == 1


def test_processing_is_idempotent(article):
    before = sorted(article.claims.values_list("actor__name", "relation", "claimant", "status"))
    services.process_article(article)
    after = sorted(article.claims.values_list("actor__name", "relation", "claimant", "status"))
    assert before == after
