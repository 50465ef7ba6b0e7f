"""The map shows the server's corroboration groups: N sources, contested, claim beside denial."""

from __future__ import annotations

import datetime as dt

import pytest

from articles import services
from articles.models import ClaimStatus, Precision
from tests.factories import make_actor, make_article, make_claim, make_mention, make_place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

READY = "document.body.dataset.ready === 'true'"
SCRIPT = "<script>alert(1)</script>"


def contested_base() -> dict:
    """Two outlets assert a Russian base at Hmeimim, a third (hostile name) denies it."""
    actor = make_actor(name="Russia", colour="#c0392b")
    place = make_place(name="Hmeimim", lat=35.401, lon=35.948)
    claims = {}
    for key, outlet, status, day in (
        ("ria", "RIA Novosti", ClaimStatus.ASSERTED, 1),
        ("tass", "TASS", ClaimStatus.ASSERTED, 9),
        ("denial", f"Wire {SCRIPT}", ClaimStatus.DENIED, 20),
    ):
        article = make_article(outlet=outlet, published=dt.date(2020, 5, day))
        claims[key] = make_claim(
            article=article,
            mention=make_mention(article=article, place=place, precision=Precision.EXACT),
            actor=actor,
            relation="base",
            status=status,
        )
    services.rebuild_claim_groups()
    return claims


def test_a_contested_claim_shows_its_sources_and_its_denial_side_by_side(
    page, live_server, watch, screenshot
):
    claims = contested_base()
    page.goto(live_server.url + "/")
    page.wait_for_function(READY)
    assert page.evaluate("document.body.dataset.featureCount") == "3"

    items = page.locator("#claim-list .claim-item")
    assert items.locator(".tag--sources").all_inner_texts() == ["3 sources"] * 3
    assert items.locator(".tag--contested").count() == 3

    page.locator(f"#claim-list button[data-claim-id='{claims['ria'].pk}']").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    versus = popup.locator(".claim-popup__versus")
    assert versus.count() == 1
    claimed = versus.locator(".claim-popup__side--claimed .claim-popup__claim")
    denied = versus.locator(".claim-popup__side--denied .claim-popup__claim")
    assert claimed.count() == 2 and denied.count() == 1
    assert denied.get_attribute("data-claim-id") == str(claims["denial"].pk)
    assert denied.locator(".tag--denied").inner_text() == "denied"
    # Both columns fit next to each other on a desktop screen.
    left, right = (box.bounding_box() for box in versus.locator(".claim-popup__side").all())
    assert left and right and right["x"] > left["x"] + left["width"] - 1
    text = popup.inner_text()
    assert "3 sources" in text and "RIA Novosti" in text and f"Wire {SCRIPT}" in text
    screenshot(page, "map-contested-claim")
    assert watch.dialogs == []
    assert watch.errors == []


def test_a_lone_denial_still_says_it_is_contested(page, live_server, watch):
    claims = contested_base()
    page.goto(f"{live_server.url}/?article={claims['denial'].article_id}")
    page.wait_for_function(READY)
    assert page.evaluate("document.body.dataset.featureCount") == "1"
    page.locator(f"#claim-list button[data-claim-id='{claims['denial'].pk}']").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert popup.locator(".claim-popup__versus").count() == 0
    assert popup.locator(".tag--contested").count() == 1
    assert "3 sources: RIA Novosti, TASS" in popup.inner_text()
    assert watch.errors == []


def test_on_a_phone_the_sides_stack(phone_page, live_server, watch, screenshot):
    claims = contested_base()
    phone_page.goto(live_server.url + "/")
    phone_page.wait_for_function(READY)
    phone_page.evaluate(
        f"document.querySelector('.claim-{claims['ria'].pk}')"
        ".dispatchEvent(new MouseEvent('click', {bubbles: true}))"
    )
    versus = phone_page.locator(".leaflet-popup-content .claim-popup__versus")
    versus.wait_for()
    left, right = (box.bounding_box() for box in versus.locator(".claim-popup__side").all())
    assert left and right and right["y"] >= left["y"] + left["height"] - 1
    screenshot(phone_page, "map-contested-claim-phone")
    assert watch.errors == []
