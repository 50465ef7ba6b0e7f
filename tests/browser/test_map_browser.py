"""The map in headless Chromium: it draws every claim, popups show text, filters refetch."""

from __future__ import annotations

import datetime as dt
import json
from urllib.parse import parse_qs, urlsplit

import pytest

from articles.models import ClaimStatus, Precision, ReviewStatus
from tests.factories import make_actor, make_article, make_claim, make_mention, make_place

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'
READY = "document.body.dataset.ready === 'true'"

EUPHRATES_EAST = {
    "type": "Polygon",
    "coordinates": [[[38.3, 34.6], [42.2, 34.6], [42.2, 37.2], [38.3, 37.2], [38.3, 34.6]]],
}


def build_world() -> dict:
    """Claims at every precision, a hostile one, one without a place, one rejected."""
    us = make_actor(name="United States", colour="#1f5fbf")
    russia = make_actor(name="Russia", colour="#c0392b")
    hostile_actor = make_actor(name=f"Militia {SCRIPT}", colour="#2e8b57")
    article = make_article(
        title="Lavrov: US keeps a base near Al Tanf",
        outlet="Example Wire",
        published=dt.date(2018, 4, 5),
    )
    hostile_article = make_article(
        title=f"Report {IMG}", outlet=f"Outlet {SCRIPT}", text=f"Text {SCRIPT} {IMG}"
    )
    tanf = make_place(name="Al Tanf", lat=33.506, lon=38.618)
    hmeimim = make_place(name="Hmeimim", lat=35.401, lon=35.948)
    region = make_place(
        name="Syria east of the Euphrates",
        kind="relative",
        lat=35.8,
        lon=40.5,
        geometry=EUPHRATES_EAST,
        min_lon=38.3,
        min_lat=34.6,
        max_lon=42.2,
        max_lat=37.2,
    )
    governorate = make_place(
        name="Idlib Governorate",
        kind="admin1",
        lat=35.8,
        lon=36.6,
        min_lon=36.2,
        min_lat=35.4,
        max_lon=37.1,
        max_lat=36.3,
    )
    hostile_place = make_place(name=f"Place {IMG}", lat=34.9, lon=35.9)

    def claim(article, place, precision, actor, **fields):
        return make_claim(
            article=article,
            mention=make_mention(article=article, place=place, precision=precision, text="x"),
            actor=actor,
            **fields,
        )

    claims = {
        "pin": claim(article, hmeimim, Precision.EXACT, russia, relation="base"),
        "circle": claim(article, tanf, Precision.NEAR, us, relation="base", claimant="Lavrov"),
        "area": claim(
            article, region, Precision.PART_OF_COUNTRY, us, relation="control", claimant="Lavrov"
        ),
        "bbox": claim(
            article,
            governorate,
            Precision.ADMIN1,
            russia,
            relation="strike",
            status=ClaimStatus.DENIED,
            review_status=ReviewStatus.VERIFIED,
        ),
        "hostile": claim(
            hostile_article,
            hostile_place,
            Precision.EXACT,
            hostile_actor,
            relation="presence",
            claimant=f"Claimant {IMG}",
            quote=f"Quote {SCRIPT} and {IMG}",
        ),
    }
    make_claim(article=article, mention=None, actor=us)  # no place: not drawn
    claim(article, tanf, Precision.NEAR, us, relation="patrol", review_status="rejected")
    return {"claims": claims, "us": us, "russia": russia}


def geojson(page, base_url: str, query: str = "") -> dict:
    response = page.request.get(f"{base_url}/claims.geojson{'?' + query if query else ''}")
    assert response.ok
    return json.loads(response.body())


def wait_ready(page) -> int:
    page.wait_for_function(READY)
    return int(page.evaluate("document.body.dataset.featureCount"))


def test_it_draws_every_feature_of_the_geojson(page, live_server, watch, screenshot):
    world = build_world()
    page.goto(live_server.url + "/")
    drawn = wait_ready(page)
    features = geojson(page, live_server.url)["features"]
    assert drawn == len(features) == len(world["claims"])
    for claim in world["claims"].values():
        assert page.locator(f"path.claim-{claim.pk}").count() == 1, claim
    assert (
        page.locator(".leaflet-control-attribution")
        .inner_text()
        .startswith("Place names © GeoNames")
    )
    # The offline basemap drew (canvas) and nothing tried to reach the internet.
    assert page.locator(".leaflet-basemap-pane canvas").count() >= 1
    assert watch.blocked == []
    assert watch.errors == []
    screenshot(page, "map-desktop")


def test_a_popup_shows_hostile_strings_as_plain_text(page, live_server, watch, screenshot):
    world = build_world()
    hostile = world["claims"]["hostile"]
    page.goto(live_server.url + "/")
    wait_ready(page)
    page.locator(f"path.claim-{hostile.pk}").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    text = popup.inner_text()
    for expected in (
        f"Militia {SCRIPT}",
        f"Quote {SCRIPT} and {IMG}",
        f"Claimant {IMG}",
        f"Place {IMG}",
        f"Outlet {SCRIPT}",
    ):
        assert expected in text
    assert popup.locator("img, script").count() == 0
    assert page.locator("img[src='x']").count() == 0
    link = popup.locator("a.claim-popup__link")
    assert link.get_attribute("href") == f"/articles/{hostile.article_id}/"
    page.wait_for_timeout(300)  # an onerror handler would have fired by now
    assert watch.dialogs == []
    screenshot(page, "map-popup-xss")


def test_a_filter_change_refetches_and_updates_the_url(page, live_server, watch, screenshot):
    world = build_world()
    page.goto(live_server.url + "/")
    total = wait_ready(page)
    us = world["us"]
    expected = len(geojson(page, live_server.url, f"actor={us.pk}")["features"])
    assert 0 < expected < total

    # Keyboard only: focus the checkbox and press Space.
    page.locator(f"input[name=actor][value='{us.pk}']").focus()
    page.keyboard.press("Space")
    page.wait_for_function(f"{READY} && document.body.dataset.featureCount === '{expected}'")
    query = parse_qs(urlsplit(page.url).query)
    assert query["actor"] == [str(us.pk)]
    download = page.locator("#download-geojson").get_attribute("href")
    assert download == f"/claims.geojson?actor={us.pk}"
    assert page.locator("a[data-export='/claims.csv']").get_attribute("href") == (
        f"/claims.csv?actor={us.pk}"
    )
    screenshot(page, "map-filtered")

    page.locator("input[name=relation][value=control]").check()
    controls = len(geojson(page, live_server.url, f"actor={us.pk}&relation=control")["features"])
    page.wait_for_function(f"{READY} && document.body.dataset.featureCount === '{controls}'")
    assert controls == 1

    # Back restores the previous filter and its features.
    page.go_back()
    page.wait_for_function(f"{READY} && document.body.dataset.featureCount === '{expected}'")
    assert not page.locator("input[name=relation][value=control]").is_checked()
    assert watch.errors == []


def test_a_permalink_restores_the_filters(page, live_server):
    world = build_world()
    russia = world["russia"]
    page.goto(f"{live_server.url}/?actor={russia.pk}&status=denied")
    drawn = wait_ready(page)
    assert drawn == len(
        geojson(page, live_server.url, f"actor={russia.pk}&status=denied")["features"]
    )
    assert drawn == 1
    assert page.locator(f"input[name=actor][value='{russia.pk}']").is_checked()
    assert page.locator("input[name=status][value=denied]").is_checked()


def test_a_missing_basemap_layer_does_not_stop_the_map(page, live_server):
    build_world()
    page.route("**/static/basemap/rivers.geojson", lambda route: route.fulfill(status=404))
    page.goto(live_server.url + "/")
    assert wait_ready(page) == 5


def test_the_map_works_on_a_phone_sized_screen(phone_page, live_server, watch, screenshot):
    build_world()
    phone_page.goto(live_server.url + "/")
    assert wait_ready(phone_page) == 5
    panel = phone_page.locator("#panel")
    map_box = phone_page.locator("#map").bounding_box()
    assert map_box and map_box["width"] >= 380  # the map takes the whole width
    assert not panel.evaluate("el => el.getBoundingClientRect().right > 0")
    screenshot(phone_page, "map-phone")
    phone_page.locator("#panel-toggle").click()
    phone_page.wait_for_function(
        "document.getElementById('panel').getBoundingClientRect().left >= 0"
    )
    assert phone_page.locator("#panel-toggle").get_attribute("aria-expanded") == "true"
    screenshot(phone_page, "map-phone-filters")
    assert watch.errors == []


def test_the_article_page_renders_the_payload_as_text(page, live_server, watch, screenshot):
    world = build_world()
    article = world["claims"]["hostile"].article
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    # The small map draws this article's claims only.
    assert wait_ready(page) == 1
    assert f"Outlet {SCRIPT}" in page.locator(".article__outlet").text_content()
    assert page.locator(".article__text img, .article__text script").count() == 0
    page.wait_for_timeout(300)
    assert watch.dialogs == []
    assert watch.errors == []
    screenshot(page, "article-page")


def test_the_list_follows_the_view_and_opens_popups(page, live_server, watch, screenshot):
    world = build_world()
    page.goto(live_server.url + "/")
    drawn = wait_ready(page)
    items = page.locator("#claim-list button[data-claim-id]")
    assert items.count() == drawn
    assert page.locator("#claim-list-count").inner_text() == f"{drawn} in view of {drawn}"

    circle = world["claims"]["circle"]
    page.locator(f"#claim-list button[data-claim-id='{circle.pk}']").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "Al Tanf" in popup.inner_text()
    assert "Lavrov" in popup.inner_text()

    # Zoomed into Hmeimim, the list keeps only what is in view.
    page.goto("about:blank")  # a new document: a hash-only navigation would not reload
    page.goto(live_server.url + "/#11/35.401/35.948")
    wait_ready(page)
    page.wait_for_function(
        f"document.querySelectorAll('#claim-list button[data-claim-id]').length < {drawn}"
    )
    ids = page.locator("#claim-list button[data-claim-id]").evaluate_all(
        "nodes => nodes.map(n => Number(n.dataset.claimId))"
    )
    assert world["claims"]["pin"].pk in ids
    assert circle.pk not in ids
    screenshot(page, "map-list-zoomed")
    assert watch.errors == []


def dated_claims() -> dict:
    """Three claims a year apart or more, at the same kind of place."""
    actor = make_actor(name="United States", colour="#1f5fbf")
    dates = {"old": dt.date(2017, 1, 15), "mid": dt.date(2018, 4, 5), "new": dt.date(2019, 6, 20)}
    claims = {}
    for key, day in dates.items():
        article = make_article(published=day)
        place = make_place(name=f"Place {key}", lat=34 + len(claims), lon=38)
        claims[key] = make_claim(
            article=article,
            mention=make_mention(article=article, place=place, precision=Precision.EXACT),
            actor=actor,
        )
    return claims


def feature_count(page) -> int:
    page.wait_for_function(READY)
    return int(page.evaluate("document.body.dataset.featureCount"))


def test_the_time_slider_changes_what_is_shown(page, live_server, watch, screenshot):
    claims = dated_claims()
    page.goto(live_server.url + "/")
    assert wait_ready(page) == 3
    slider = page.locator("#time-slider")
    assert slider.is_visible()
    assert slider.get_attribute("max") == "29"  # Jan 2017 .. Jun 2019

    slider.focus()
    page.keyboard.press("Home")  # window of 3 months ending Jan 2017
    page.wait_for_function(f"{READY} && document.body.dataset.featureCount === '1'")
    assert page.locator("#time-label").inner_text() == "Nov 2016 – Jan 2017"
    query = parse_qs(urlsplit(page.url).query)
    assert query["date_from"] == ["2016-11-01"] and query["date_to"] == ["2017-01-31"]
    ids = page.locator("#claim-list button[data-claim-id]").evaluate_all(
        "nodes => nodes.map(n => Number(n.dataset.claimId))"
    )
    assert ids == [claims["old"].pk]

    page.keyboard.press("End")  # Apr–Jun 2019
    page.wait_for_function(
        f"{READY} && document.body.dataset.featureCount === '1'"
        " && document.getElementById('time-label').textContent.includes('Jun 2019')"
    )
    assert page.locator(f"path.claim-{claims['new'].pk}").count() == 1
    screenshot(page, "map-time-window")

    page.locator("#time-all").click()
    page.wait_for_function(f"{READY} && document.body.dataset.featureCount === '3'")
    assert "date_from" not in page.url

    # Play steps through the months from the start.
    page.locator("#time-play").click()
    page.wait_for_function("new URL(location.href).searchParams.get('date_to') === '2017-03-31'")
    page.locator("#time-play").click()
    assert page.locator("#time-play").get_attribute("aria-pressed") == "false"
    page.wait_for_function(READY)
    assert watch.errors == []


def test_a_dated_permalink_puts_the_slider_in_place(page, live_server):
    dated_claims()
    page.goto(f"{live_server.url}/?date_from=2018-02-01&date_to=2018-04-30")
    assert wait_ready(page) == 1
    assert page.locator("#time-label").inner_text() == "Feb 2018 – Apr 2018"
    assert page.locator("#time-slider").input_value() == "15"


def test_corroborating_outlets_are_counted(page, live_server):
    actor = make_actor(name="Russia", colour="#c0392b")
    place = make_place(name="Hmeimim", lat=35.401, lon=35.948)
    for outlet in ("Wire A", "Wire B", "Wire B"):
        article = make_article(outlet=outlet)
        make_claim(
            article=article,
            mention=make_mention(article=article, place=place, precision=Precision.EXACT),
            actor=actor,
            relation="base",
        )
    page.goto(live_server.url + "/")
    assert wait_ready(page) == 3
    tags = page.locator("#claim-list .tag--sources").all_inner_texts()
    assert tags == ["2 sources"] * 3
    page.locator("#claim-list button[data-claim-id]").first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "3 claims about Hmeimim" in popup.inner_text()
    assert "2 outlets: Wire A, Wire B" in popup.inner_text()


def zoom_of(page) -> int:
    fragment = urlsplit(page.url).fragment
    return int(fragment.split("/")[0]) if fragment else -1


def test_many_claims_become_clusters_that_zoom_in(page, live_server, monkeypatch, screenshot):
    monkeypatch.setattr("articles.views.MAP_CLUSTER_ABOVE", 10)
    actor = make_actor(name="Russia", colour="#c0392b")
    places = [make_place(name=f"P{i}", lat=30 + 2 * i, lon=35 + 2 * i) for i in range(10)]
    for i in range(40):
        make_claim(mention=make_mention(place=places[i % 10], precision=1), actor=actor)
    page.goto(live_server.url + "/")
    assert wait_ready(page) == 40 == len(geojson(page, live_server.url)["features"])
    clusters = int(page.evaluate("document.body.dataset.clusterCount"))
    assert 0 < clusters < 10
    assert "clustered" in page.locator("#claim-list-count").inner_text()
    screenshot(page, "map-clusters")

    for _ in range(5):
        if page.evaluate("document.body.dataset.clusterCount") == "0":
            break
        before = zoom_of(page)
        page.locator("path.cluster").first.click()
        page.wait_for_function(
            f"document.body.dataset.ready === 'true' && location.hash && "
            f"Number(location.hash.slice(1).split('/')[0]) > {before}"
        )
        page.wait_for_function(READY)
    assert page.evaluate("document.body.dataset.clusterCount") == "0"
    drawn = int(page.evaluate("document.body.dataset.featureCount"))
    assert 0 < drawn <= 10
    assert page.locator("#claim-list button[data-claim-id]").count() == drawn


def test_the_first_view_fits_far_apart_claims_and_lists_them_all(page, live_server):
    actor = make_actor(name="Russia", colour="#c0392b")
    far_apart = (("Kharkiv", 49.98, 36.25), ("Gao", 16.27, -0.04), ("Aden", 12.79, 45.03))
    for name, lat, lon in far_apart:
        make_claim(mention=make_mention(place=make_place(name=name, lat=lat, lon=lon)), actor=actor)
    page.goto(live_server.url + "/")
    assert wait_ready(page) == 3
    assert page.locator("#claim-list button[data-claim-id]").count() == 3
    assert page.locator("#claim-list-count").inner_text() == "3 in view of 3"


def test_arabic_and_cyrillic_names_display_in_their_direction(page, live_server):
    actor = make_actor(name="هيئة تحرير الشام", colour="#2e8b57")
    arabic = make_place(name="التنف", lat=33.5, lon=38.6)
    cyrillic = make_place(name="Харків", lat=49.98, lon=36.25)
    arabic_claim = make_claim(mention=make_mention(place=arabic), actor=actor, quote="قاعدة التنف")
    make_claim(mention=make_mention(place=cyrillic), actor=make_actor(name="Росія"))
    page.goto(live_server.url + "/")
    assert wait_ready(page) == 2
    where = page.locator(f"button[data-claim-id='{arabic_claim.pk}'] .claim-item__where")
    assert where.inner_text() == "التنف"
    assert where.evaluate("el => getComputedStyle(el).direction") == "rtl"
    page.locator(f"button[data-claim-id='{arabic_claim.pk}']").click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "هيئة تحرير الشام" in popup.inner_text()
    quote = popup.locator("blockquote")
    assert quote.evaluate("el => getComputedStyle(el).direction") == "rtl"
    assert "Харків" in page.locator("#claim-list").inner_text()


def test_a_place_in_the_article_text_opens_its_claim_on_the_small_map(page, live_server, watch):
    text = "MOSCOW. US forces keep a base near Al Tanf, Lavrov said."
    article = make_article(text=text, title="Lavrov on Al Tanf")
    tanf = make_place(name="Al Tanf", lat=33.506, lon=38.618)
    mention = make_mention(article=article, place=tanf, text="Al Tanf", precision=Precision.NEAR)
    claim = make_claim(
        article=article,
        mention=mention,
        actor=make_actor(name="United States"),
        sentence_start=8,
        sentence_end=len(text),
        quote=text[8:],
    )
    page.goto(f"{live_server.url}/articles/{article.pk}/")
    assert wait_ready(page) == 1
    page.locator(f"mark.mention[data-mention-id='{mention.pk}']").first.click()
    popup = page.locator(".leaflet-popup-content")
    popup.wait_for()
    assert "United States" in popup.inner_text()
    assert "is-picked" in page.locator(f"#claim-{claim.pk}").get_attribute("class")
    page.locator(".leaflet-popup-close-button").dispatch_event("click")  # still panning
    page.wait_for_function("!document.querySelector('.leaflet-popup')")
    page.locator(f"button[data-show-claim='{claim.pk}']").focus()
    page.keyboard.press("Enter")
    popup.wait_for()
    assert watch.errors == []


def test_many_claims_open_on_their_clusters_with_one_request(page, live_server, monkeypatch):
    """The page sends where the claims are: the map opens there and fetches them only once."""
    monkeypatch.setattr("articles.views.MAP_CLUSTER_ABOVE", 10)
    actor = make_actor(name="Russia", colour="#c0392b")
    places = [make_place(name=f"P{i}", lat=12 + 4 * i, lon=-5 + 5 * i) for i in range(10)]
    for i in range(40):
        make_claim(mention=make_mention(place=places[i % 10], precision=1), actor=actor)
    requests: list[str] = []
    page.on(
        "request",
        lambda request: requests.append(request.url) if "claims.geojson" in request.url else None,
    )
    page.goto(live_server.url + "/")
    assert wait_ready(page) == 40
    assert len(requests) == 1
    assert page.evaluate("document.body.dataset.clusterCount") != "0"
    # Every cluster lies inside the first view.
    inside = page.evaluate(
        """() => {
          const box = document.getElementById('map').getBoundingClientRect();
          return [...document.querySelectorAll('path.cluster')].map((p) => {
            const r = p.getBoundingClientRect();
            const x = r.left + r.width / 2, y = r.top + r.height / 2;
            return x >= box.left && x <= box.right && y >= box.top && y <= box.bottom;
          });
        }"""
    )
    assert inside and all(inside)
