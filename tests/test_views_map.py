"""The map page and the article page, rendered server-side."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest
from django.test import override_settings
from django.urls import reverse

from articles.models import Precision, Role
from articles.views import safe_http_url, text_segments
from tests.factories import make_actor, make_article, make_claim, make_mention, make_place

ATTRIBUTION = "Place names © GeoNames (geonames.org), CC BY 4.0; Natural Earth"


def map_config(html: str) -> dict:
    match = re.search(r'<script id="map-config" type="application/json">(.*?)</script>', html, re.S)
    assert match, "the map page carries its config in a json_script block"
    return json.loads(match.group(1))


@pytest.mark.django_db
def test_the_map_renders_with_the_attribution_and_no_cdn(client):
    response = client.get(reverse("articles-map"))
    html = response.content.decode()
    assert response.status_code == 200
    assert ATTRIBUTION in html
    assert map_config(html)["attribution"] == ATTRIBUTION
    assert 'src="/static/leaflet/leaflet' in html
    assert 'type="module" src="/static/articles/map.js"' in html
    assert f'data-geojson-url="{reverse("articles-geojson")}"' in html
    # Offline first: no third-party script, stylesheet or tile URL in the page.
    assert not re.search(r'(src|href)="https?://', html)
    assert map_config(html)["tileUrl"] == ""


@override_settings(
    CONFLICTMAP_TILE_URL="https://tiles.example.org/{z}/{x}/{y}.png",
    CONFLICTMAP_TILE_ATTRIBUTION="Tiles © Example",
)
@pytest.mark.django_db
def test_an_online_tile_layer_is_configured_with_its_attribution(client):
    config = map_config(client.get(reverse("articles-map")).content.decode())
    assert config["tileUrl"] == "https://tiles.example.org/{z}/{x}/{y}.png"
    assert config["attribution"] == f"{ATTRIBUTION}; Tiles © Example"


@pytest.mark.django_db
def test_the_map_lists_actors_with_claims_and_every_relation(client):
    us = make_actor(name="United States", colour="#1f5fbf")
    idle = make_actor(name="Actor without claims")
    make_claim(actor=us)
    html = client.get(reverse("articles-map")).content.decode()
    assert f'name="actor" value="{us.pk}"' in html
    assert f'name="actor" value="{idle.pk}"' not in html
    for relation in ("presence", "base", "control", "support", "strike", "patrol"):
        assert f'name="relation" value="{relation}"' in html


@pytest.mark.django_db
def test_the_map_form_and_download_link_carry_the_current_filters(client):
    us = make_actor(name="United States")
    make_claim(actor=us)
    html = client.get(
        reverse("articles-map"), {"actor": "united states", "relation": "base", "q": "Tanf"}
    ).content.decode()
    assert re.search(rf'name="actor" value="{us.pk}" checked', html)
    assert 'name="relation" value="base" checked' in html
    assert 'value="Tanf"' in html
    link = re.search(r'id="download-geojson"[^>]*href="([^"]+)"', html)
    assert link, "the page has a Download GeoJSON link"
    assert link.group(1) == "/claims.geojson?actor=united+states&amp;relation=base&amp;q=Tanf"
    for export in ("/claims.csv", "/claims.html"):
        assert f'href="{export}?actor=united+states&amp;relation=base&amp;q=Tanf"' in html


@pytest.mark.django_db
def test_an_invalid_colour_never_reaches_a_style_attribute(client):
    make_claim(actor=make_actor(colour="red;}"))
    html = client.get(reverse("articles-map")).content.decode()
    assert "red;}" not in html
    assert "--swatch: #555555" in html


@pytest.mark.django_db
def test_the_article_page_shows_text_mentions_claims_and_a_map_link(client):
    article = make_article(
        title="Lavrov on US bases",
        outlet="Example Wire",
        published=dt.date(2018, 4, 5),
        text="MOSCOW. US forces keep a base near Al Tanf, Lavrov said.",
    )
    tanf = make_place(name="Al Tanf")
    mention = make_mention(article=article, text="Al Tanf", place=tanf, precision=Precision.NEAR)
    make_mention(article=article, text="MOSCOW", place=make_place(name="Moscow"))
    make_claim(
        article=article,
        mention=mention,
        actor=make_actor(name="United States"),
        sentence_start=8,
        sentence_end=len(article.text),
        quote=article.text[8:],
    )
    response = client.get(article.get_absolute_url())
    html = response.content.decode()
    assert response.status_code == 200
    assert "Lavrov on US bases" in html and "Example Wire" in html and "5 April 2018" in html
    assert re.search(r'<mark class="mention in-claim[^"]*"[^>]*>Al Tanf</mark>', html)
    assert re.search(r'<mark class="mention [^"]*"[^>]*>MOSCOW</mark>', html)
    assert "United States" in html
    assert f'href="/?article={article.pk}"' in html
    assert 'href="https://news.example.org/' in html


@pytest.mark.django_db
def test_the_article_page_is_404_for_an_unknown_article(client):
    assert client.get(reverse("articles-detail", args=[999999])).status_code == 404


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://example.org/a", "https://example.org/a"),
        ("http://example.org/a?b=1", "http://example.org/a?b=1"),
        ("HTTPS://EXAMPLE.ORG/", "HTTPS://EXAMPLE.ORG/"),
        ("javascript:alert(1)", None),
        (" javascript:alert(1)", None),
        ("data:text/html,<script>alert(1)</script>", None),
        ("//example.org/a", None),
        ("ftp://example.org/a", None),
        ("", None),
        (None, None),
    ],
)
def test_only_http_links_are_rendered(url, expected):
    assert safe_http_url(url) == expected


@pytest.mark.django_db
def test_a_non_http_article_url_is_shown_but_not_linked(client):
    article = make_article(url="javascript:alert(1)")
    html = client.get(article.get_absolute_url()).content.decode()
    assert 'href="javascript:' not in html
    assert "Source: javascript:alert(1)" in html


class FakeMention:
    def __init__(self, pk, start, end, role=Role.LITERAL):
        self.pk, self.start, self.end, self.role = pk, start, end, role


class FakeClaim:
    def __init__(self, pk, start, end):
        self.pk, self.sentence_start, self.sentence_end = pk, start, end


@pytest.mark.parametrize(
    ("mentions", "claims", "expected"),
    [
        ([], [], [("abcdefghij", None, ())]),
        ([(1, 2, 4)], [], [("ab", None, ()), ("cd", 1, ()), ("efghij", None, ())]),
        (
            [(1, 2, 4)],
            [(7, 0, 6)],
            [("ab", None, (7,)), ("cd", 1, (7,)), ("ef", None, (7,)), ("ghij", None, ())],
        ),
        # Overlapping mentions: the first one wins, the other is not highlighted.
        ([(1, 2, 6), (2, 4, 8)], [], [("ab", None, ()), ("cdef", 1, ()), ("ghij", None, ())]),
        # Spans outside the text are ignored rather than crashing the page.
        ([(1, 8, 40)], [(7, 5, 99)], [("abcdefghij", None, ())]),
        ([(1, 0, 10)], [], [("abcdefghij", 1, ())]),
    ],
)
def test_text_segments_cut_at_mentions_and_claims(mentions, claims, expected):
    segments = text_segments(
        "abcdefghij",
        [FakeMention(*m) for m in mentions],  # type: ignore[misc]
        [FakeClaim(*c) for c in claims],  # type: ignore[misc]
    )
    got = [(s.text, s.mention.pk if s.mention else None, s.claim_ids) for s in segments]
    assert got == expected
    assert "".join(s.text for s in segments) == "abcdefghij"


@pytest.mark.django_db
def test_visitors_do_not_see_rejected_claims_on_the_article_page(client, admin_client):
    article = make_article()
    make_claim(article=article, actor=make_actor(name="Kept actor"))
    make_claim(article=article, actor=make_actor(name="Rejected actor"), review_status="rejected")
    public = client.get(article.get_absolute_url()).content.decode()
    staff = admin_client.get(article.get_absolute_url()).content.decode()
    assert "Kept actor" in public and "Rejected actor" not in public
    assert "Kept actor" in staff and "Rejected actor" in staff
    assert (
        'name="review" value="rejected"' not in client.get(reverse("articles-map")).content.decode()
    )


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("dates", "expected"),
    [
        ([], None),
        ([(dt.date(2018, 4, 5), dt.date(2018, 4, 5))], ["2018-04-05", "2018-04-05"]),
        (
            [(dt.date(2017, 1, 2), None), (dt.date(2018, 4, 5), dt.date(2019, 6, 1))],
            ["2017-01-02", "2019-06-01"],
        ),
        ([(None, dt.date(2018, 3, 1))], ["2018-03-01", "2018-03-01"]),
    ],
)
def test_the_time_slider_spans_the_claim_dates(client, dates, expected):
    for valid_from, valid_to in dates:
        make_claim(valid_from=valid_from, valid_to=valid_to)
    make_claim(valid_from=dt.date(1990, 1, 1), review_status="rejected")  # hidden: not counted
    config = map_config(client.get(reverse("articles-map")).content.decode())
    assert config["timeExtent"] == expected
