"""What the map page tells its script before any fetch: where the claims are, their dates."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.urls import reverse

from articles import queries
from articles.models import ReviewStatus
from tests.factories import make_actor, make_claim, make_mention, make_place

pytestmark = pytest.mark.django_db


def page_config(client, query: str = "") -> dict:
    html = client.get(reverse("articles-map") + (f"?{query}" if query else "")).content.decode()
    match = re.search(r'<script id="map-config" type="application/json">(.*?)</script>', html, re.S)
    assert match
    return json.loads(match.group(1))


def claim_at(lat: float, lon: float, **fields):
    return make_claim(mention=make_mention(place=make_place(lat=lat, lon=lon)), **fields)


def test_the_page_sends_the_extent_of_the_matching_claims(client):
    russia = make_actor(name="Russia")
    claim_at(49.98, 36.25, actor=russia)  # Kharkiv
    claim_at(12.79, 45.03, actor=russia)  # Aden
    claim_at(16.27, -0.04)  # Gao, another actor
    claim_at(60.0, 100.0, review_status=ReviewStatus.REJECTED)  # hidden from visitors
    make_claim(mention=None)  # no place: not in the extent
    assert page_config(client)["claimsExtent"] == [12.79, -0.04, 49.98, 45.03]
    assert page_config(client, f"actor={russia.pk}")["claimsExtent"] == [12.79, 36.25, 49.98, 45.03]
    assert page_config(client, "bbox=-10,10,10,20")["claimsExtent"] == [16.27, -0.04, 16.27, -0.04]
    assert page_config(client, "relation=clash")["claimsExtent"] is None


def test_staff_get_the_extent_of_what_they_may_see(admin_client):
    claim_at(30.0, 40.0)
    claim_at(60.0, 100.0, review_status=ReviewStatus.REJECTED)
    config = page_config(admin_client, "review=machine&review=rejected")
    assert config["claimsExtent"] == [30.0, 40.0, 60.0, 100.0]


def test_the_time_extent_skips_hidden_claims_at_either_end(client, monkeypatch):
    """The date ends are read from the date indexes; hidden claims there are stepped over."""
    monkeypatch.setattr(queries, "_EDGE_ROWS", 2)  # the fallback query after two hidden rows
    for day in (1, 2, 3):
        make_claim(
            valid_from=dt.date(2010, 1, day),
            valid_to=dt.date(2030, 1, day),
            review_status=ReviewStatus.REJECTED,
        )
    make_claim(valid_from=dt.date(2015, 6, 1), valid_to=dt.date(2016, 6, 1))
    make_claim(valid_from=dt.date(2017, 6, 1), valid_to=None)
    assert page_config(client)["timeExtent"] == ["2015-06-01", "2017-06-01"]
    monkeypatch.setattr(queries, "_EDGE_ROWS", 64)
    assert page_config(client)["timeExtent"] == ["2015-06-01", "2017-06-01"]
