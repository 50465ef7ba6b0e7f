"""Synthetic benchmark claims: realistic, marked by their outlet, and removable."""

from __future__ import annotations

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Actor, Article, Claim, PlaceKind
from articles.services import SYNTHETIC_OUTLET
from tests.factories import make_actor, make_place

pytestmark = pytest.mark.django_db


def test_it_generates_marked_claims_and_deletes_them():
    make_actor(name="Russia")
    make_actor(name="Ukraine")
    make_place(name="Kharkiv", kind=PlaceKind.POPULATED, country_code="UA", population=1_400_000)
    make_place(name="Kharkiv Oblast", kind=PlaceKind.ADMIN1, country_code="UA")
    out = StringIO()
    call_command("generate_claims", "250", stdout=out)
    assert "250 synthetic claims stored" in out.getvalue()
    claims = Claim.objects.filter(article__outlet=SYNTHETIC_OUTLET).select_related("mention__place")
    assert claims.count() == 250
    expected = {PlaceKind.COUNTRY: {6}, PlaceKind.ADMIN1: {4}, PlaceKind.ADMIN2: {3}}
    for claim in claims:
        assert claim.mention.precision in expected.get(claim.mention.place.kind, {1, 2})
        assert claim.valid_from.year >= 2014
    assert len({c.relation for c in claims}) > 5
    call_command("generate_claims", "--delete", stdout=out)
    assert not Article.objects.filter(outlet=SYNTHETIC_OUTLET).exists()
    assert not Claim.objects.filter(article__outlet=SYNTHETIC_OUTLET).exists()


def test_it_needs_a_gazetteer_and_actors():
    Actor.objects.filter(claims__isnull=True, second_claims__isnull=True).delete()
    with pytest.raises(CommandError, match="load the gazetteer"):
        call_command("generate_claims", "10", stdout=StringIO())
