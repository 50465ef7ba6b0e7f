"""The seed article meets every row of shared/seed/README.md once stored and processed."""

from __future__ import annotations

import datetime as dt
import math

import pytest
from shapely.geometry import Point, shape

from articles import services
from articles.models import Claim, Mention, PlaceKind, Role
from articles.readers import ArticleInput

pytestmark = pytest.mark.usefixtures("reference_data")


def km_between(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 6371.0 * 2 * math.asin(math.sqrt(a))


@pytest.fixture
def seed_article(seed_text):
    result = services.ingest_article(
        ArticleInput(
            text=seed_text,
            title="Russia, US can do a lot more for Syrian settlement",
            outlet="TASS",
            published=dt.date(2018, 4, 5),
            url="https://tass.com/seed",
        )
    )
    return result.article


def mention_containing(article, fragment: str) -> Mention:
    found = [m for m in article.mentions.select_related("place") if fragment in m.text]
    assert found, f"no mention containing {fragment!r}: {[m.text for m in article.mentions.all()]}"
    return found[0]


def test_moscow_dateline_is_a_literal_place_but_no_claim_location(seed_article):
    moscow = mention_containing(seed_article, "MOSCOW")
    assert moscow.role == Role.LITERAL
    assert moscow.place is not None and moscow.place.country_code == "RU"
    assert not Claim.objects.filter(mention=moscow).exists()


def test_al_tanf_is_the_garrison_near_precision_two(seed_article):
    tanf = mention_containing(seed_article, "Al Tanf")
    assert tanf.place is not None
    assert km_between(tanf.place.lat, tanf.place.lon, 33.506, 38.618) <= 5
    assert tanf.precision == 2


@pytest.mark.parametrize(
    ("fragment", "inside", "outside"),
    [
        ("southeastern Syria", (33.6, 38.7), (36.2, 37.16)),  # Al Tanf area in, Aleppo out
        ("northern Syria", (36.5, 38.0), (33.5, 36.3)),  # Manbij area in, Damascus out
        ("Euphrates", (36.5, 40.75), (36.2, 37.16)),  # Hasakah in, Aleppo (west bank) out
    ],
)
def test_relative_regions_are_areas_in_the_right_part_of_syria(
    seed_article, fragment, inside, outside
):
    mention = mention_containing(seed_article, fragment)
    assert mention.precision == 5
    assert mention.place is not None and mention.place.kind == PlaceKind.RELATIVE
    area = shape(mention.place.geometry)
    assert area.contains(Point(inside[1], inside[0]))
    assert not area.contains(Point(outside[1], outside[0]))


def test_washington_is_always_a_metonym_and_never_a_pin(seed_article):
    washington = [m for m in seed_article.mentions.all() if m.text == "Washington"]
    assert len(washington) >= 4  # four in the body, one more in the standfirst
    assert all(m.role == Role.METONYM for m in washington)
    assert not Claim.objects.filter(mention__in=washington).exists()


def claims_of(article, relation: str) -> list[Claim]:
    return list(
        article.claims.filter(actor__name="United States", relation=relation).select_related(
            "mention", "second_actor"
        )
    )


@pytest.mark.parametrize(
    ("relation", "fragment"),
    [
        ("base", "Al Tanf"),
        ("presence", "southeastern Syria"),
        ("control", "northern Syria"),
        ("control", "Euphrates"),
    ],
)
def test_it_finds_the_us_claims_with_lavrov_as_claimant(seed_article, relation, fragment):
    claims = [
        c for c in claims_of(seed_article, relation) if c.mention and fragment in c.mention.text
    ]
    assert claims, [(c.relation, c.mention and c.mention.text) for c in seed_article.claims.all()]
    assert all("Lavrov" in c.claimant for c in claims)
    assert all(c.status == "asserted" for c in claims)


def test_it_finds_us_support_for_the_sdf_in_that_area(seed_article):
    [support, *_] = claims_of(seed_article, "support")
    assert support.second_actor is not None
    assert support.second_actor.name == "Syrian Democratic Forces"
    assert "Lavrov" in support.claimant
    assert support.mention is not None
    assert "Syria" in support.mention.text or "Euphrates" in support.mention.text
