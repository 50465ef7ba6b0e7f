"""The admin map widget in headless Chromium: move a point, draw an area, save, see it mapped."""

from __future__ import annotations

import json

import pytest

from articles.models import Place, Precision
from tests.factories import make_claim, make_mention, make_place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

PASSWORD = "correct-horse-battery-staple-42"


@pytest.fixture
def curator(django_user_model):
    return django_user_model.objects.create_superuser("curator", "c@example.org", PASSWORD)


def log_in(page, live_server) -> None:
    page.goto(f"{live_server.url}/admin/login/")
    page.fill("#id_username", "curator")
    page.fill("#id_password", PASSWORD)
    page.click("input[type=submit]")
    page.wait_for_selector("#site-name")


def test_a_curator_moves_a_point_and_draws_an_area_that_the_public_map_shows(
    page, live_server, curator, watch, screenshot
):
    place = make_place(name="Example camp", lat=33.40, lon=38.50, kind="other")
    claim = make_claim(mention=make_mention(place=place, precision=Precision.ADMIN1, text="camp"))
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/articles/place/{place.pk}/change/")
    page.wait_for_selector("[data-place-map][data-ready=true]")
    page.locator("[data-place-map]").scroll_into_view_if_needed()

    # Drag the marker about 60 px to the right: the lon input follows.
    marker = page.locator(".leaflet-marker-icon").first.bounding_box()
    x, y = marker["x"] + marker["width"] / 2, marker["y"] + marker["height"] - 4
    page.mouse.move(x, y)
    page.mouse.down()
    page.mouse.move(x + 30, y, steps=5)
    page.mouse.move(x + 60, y, steps=5)
    page.mouse.up()
    assert float(page.input_value("#id_lon")) > 38.5

    # Draw a triangle with Leaflet.draw's polygon tool, closing it on the first vertex.
    page.click(".leaflet-draw-draw-polygon")
    box = page.locator("[data-place-map]").bounding_box()
    cx, cy = box["x"] + box["width"] / 2, box["y"] + box["height"] / 2
    # Away from the toolbar and its "Finish / Delete last point / Cancel" bar (top left).
    for dx, dy in ((60, 0), (260, 0), (160, 140), (60, 0)):
        page.mouse.click(cx + dx, cy + dy)
        page.wait_for_timeout(150)
    screenshot(page, "admin-place-widget-drawn")
    geometry = json.loads(page.input_value("#id_geometry"))
    assert geometry["type"] == "Polygon" and len(geometry["coordinates"][0]) == 4
    screenshot(page, "admin-place-widget")

    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    place.refresh_from_db()
    assert place.lon > 38.5 and place.geometry["type"] == "Polygon"
    assert place.version == 2
    assert place.min_lon < place.max_lon

    # The public map serves and draws the claim with the curator's polygon.
    page.goto(f"{live_server.url}/")
    page.wait_for_function("document.body.dataset.ready === 'true'")
    features = page.evaluate("fetch('/claims.geojson').then(r => r.json()).then(d => d.features)")
    [feature] = [f for f in features if f["id"] == claim.pk]
    assert feature["geometry"] == place.geometry
    assert int(page.evaluate("document.body.dataset.featureCount")) == len(features)
    assert not watch.errors, watch.errors
    assert Place.objects.get(pk=place.pk).geometry == geometry


def test_a_curator_picks_a_mentions_place_on_the_map_and_names_stay_text(
    page, live_server, curator, watch, screenshot
):
    hostile = make_place(name='Camp "><img src=x onerror=alert(1)>', lat=-54.30, lon=-36.50)
    mention = make_mention(place=make_place(name="Wrong place", lat=-54.0, lon=-36.0))
    log_in(page, live_server)
    page.goto(f"{live_server.url}/admin/articles/mention/{mention.pk}/change/")
    page.wait_for_selector("[data-mention-map][data-ready=true]")
    page.locator("[data-mention-map]").scroll_into_view_if_needed()
    page.evaluate(
        "document.querySelector('[data-mention-map]').conflictmap.map.setView([-54.3, -36.5], 9)"
    )
    box = page.locator("[data-mention-map]").bounding_box()
    page.mouse.click(box["x"] + box["width"] / 2, box["y"] + box["height"] / 2)
    page.wait_for_selector("#mention-map-choices button")
    first = page.locator("#mention-map-choices button").first
    assert first.text_content().startswith('Camp "><img src=x onerror=alert(1)>')
    first.click()
    screenshot(page, "admin-mention-pick")
    page.click("input[name=_save]")
    page.wait_for_selector(".messagelist .success")
    mention.refresh_from_db()
    assert mention.place_id == hostile.pk
    assert not watch.dialogs
