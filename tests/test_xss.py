"""Hostile strings in articles, places and actors reach pages as text and the GeoJSON as data."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import make_actor, make_article, make_claim, make_mention, make_place
from tests.http import body_json

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
PAYLOADS = [SCRIPT, IMG]
# What would show that a payload became markup rather than text.
DANGEROUS = ["<script>alert", "<img src=x", "onerror=alert(1)>"]


def hostile_claim(payload: str):
    text = f"{payload} US forces stay near {payload} says {payload}."
    article = make_article(
        title=f"Title {payload}",
        outlet=f"Outlet {payload}",
        text=text,
        url=f"https://example.org/{payload}",
    )
    place = make_place(name=f"Place {payload}")
    start = text.index(payload, 1)
    mention = make_mention(article=article, place=place, text=payload, start=start)
    return make_claim(
        article=article,
        mention=mention,
        actor=make_actor(name=f"Actor {payload}"),
        second_actor=make_actor(name=f"Second {payload}"),
        claimant=f"Claimant {payload}",
        quote=text,
    )


def assert_no_markup_from_data(html: str) -> None:
    for fragment in DANGEROUS:
        assert fragment not in html, f"unescaped {fragment!r} in the page"


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_map_page_escapes_actor_names_and_filter_values(client, payload):
    hostile_claim(payload)
    html = client.get(reverse("articles-map"), {"q": payload, "claimant": payload}).content.decode()
    assert_no_markup_from_data(html)
    assert "Actor &lt;script&gt;" in html or "Actor &quot;&gt;&lt;img" in html


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_article_page_escapes_every_field(client, payload):
    claim = hostile_claim(payload)
    html = client.get(claim.article.get_absolute_url()).content.decode()
    assert_no_markup_from_data(html)
    escaped = payload.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
    escaped = escaped.replace('"', "&quot;")
    for label in ("Title", "Outlet", "Place", "Actor", "Second", "Claimant"):
        assert f"{label} {escaped}" in html, f"{label} is shown (escaped)"
    # The mention highlight wraps the escaped text, not markup built from it.
    assert f">{escaped}</mark>" in html


@pytest.mark.django_db
@pytest.mark.parametrize("payload", PAYLOADS)
def test_the_geojson_carries_payloads_as_plain_strings(client, payload):
    claim = hostile_claim(payload)
    response = client.get(reverse("articles-geojson"))
    assert response["X-Content-Type-Options"] == "nosniff"
    [feature] = body_json(response)["features"]
    props = feature["properties"]
    assert props["actor"] == f"Actor {payload}"
    assert props["second_actor"] == f"Second {payload}"
    assert props["claimant"] == f"Claimant {payload}"
    assert props["place_name"] == f"Place {payload}"
    assert props["article_title"] == f"Title {payload}"
    assert props["article_outlet"] == f"Outlet {payload}"
    assert props["quote"] == claim.quote
    assert props["mention_text"] == payload


@pytest.mark.django_db
def test_a_payload_in_a_bad_parameter_is_escaped_in_the_error_page(client):
    response = client.get(reverse("articles-map"), {"relation": SCRIPT})
    assert response.status_code == 400
    assert_no_markup_from_data(response.content.decode())
