"""The admin as curation tool: review queue, bulk review with history, no lost updates, login."""

from __future__ import annotations

import pytest
from django.contrib.admin.models import LogEntry
from django.urls import reverse

from articles.models import Claim, Place, ReviewStatus
from tests.factories import make_claim, make_place

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("model", ["place", "article", "mention", "claim", "actor"])
def test_changelists_render(admin_client, model):
    make_claim()
    response = admin_client.get(reverse(f"admin:articles_{model}_changelist"))
    assert response.status_code == 200


def test_the_admin_requires_login(client):
    response = client.get(reverse("admin:articles_claim_changelist"))
    assert response.status_code == 302 and "/login/" in response["Location"]


def test_machine_claims_come_first_in_the_review_queue(admin_client):
    verified = make_claim(review_status=ReviewStatus.VERIFIED)
    machine = make_claim()
    response = admin_client.get(reverse("admin:articles_claim_changelist"))
    ids = [obj.pk for obj in response.context["cl"].result_list]
    assert ids.index(machine.pk) < ids.index(verified.pk)


def test_bulk_verify_records_who_and_writes_history(admin_client, admin_user):
    claims = [make_claim(), make_claim()]
    response = admin_client.post(
        reverse("admin:articles_claim_changelist"),
        {"action": "mark_verified", "_selected_action": [c.pk for c in claims]},
    )
    assert response.status_code == 302
    for claim in claims:
        claim.refresh_from_db()
        assert claim.review_status == ReviewStatus.VERIFIED
        assert claim.changed_by == admin_user
        assert LogEntry.objects.filter(object_id=str(claim.pk), user=admin_user).exists()


def change_form_data(admin_client, url: str) -> dict:
    form = admin_client.get(url).context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form.initial.get(name, field.initial)
        if value is None:
            continue
        data[name] = value.pk if hasattr(value, "pk") else value
    return data


def test_an_edit_on_a_stale_copy_is_refused(admin_client):
    claim = make_claim(claimant="Lavrov")
    url = reverse("admin:articles_claim_change", args=[claim.pk])
    data = change_form_data(admin_client, url)
    # Another curator saves first.
    other = Claim.objects.get(pk=claim.pk)
    other.claimant = "Russian Foreign Ministry"
    other.save()
    data["claimant"] = "My stale edit"
    response = admin_client.post(url, data)
    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    claim.refresh_from_db()
    assert claim.claimant == "Russian Foreign Ministry"


def test_a_fresh_edit_is_saved_marked_corrected_and_attributed(admin_client, admin_user):
    claim = make_claim(claimant="Lavrov")
    url = reverse("admin:articles_claim_change", args=[claim.pk])
    data = change_form_data(admin_client, url)
    data["claimant"] = "Sergey Lavrov"
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    claim.refresh_from_db()
    assert claim.claimant == "Sergey Lavrov"
    assert claim.review_status == ReviewStatus.CORRECTED
    assert claim.changed_by == admin_user


def test_editing_a_place_bumps_its_version(admin_client):
    place = make_place(name="Al Tanf garrison")
    url = reverse("admin:articles_place_change", args=[place.pk])
    data = change_form_data(admin_client, url)
    data.update({"names-TOTAL_FORMS": "0", "names-INITIAL_FORMS": "0", "lat": "33.51"})
    response = admin_client.post(url, data)
    assert response.status_code == 302, response.context["adminform"].form.errors
    place.refresh_from_db()
    assert place.version == 2 and place.lat == pytest.approx(33.51)
    assert Place.objects.get(pk=place.pk).version == 2


@pytest.mark.parametrize(
    ("group", "can_change"),
    [("Curators", True), ("Viewers", False)],
)
def test_roles_edit_or_only_read(client, django_user_model, group, can_change):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("someone", password="pw-unused", is_staff=True)
    user.groups.add(Group.objects.get(name=group))
    client.force_login(user)
    claim = make_claim()
    assert client.get(reverse("admin:articles_claim_changelist")).status_code == 200
    response = client.get(reverse("admin:articles_claim_change", args=[claim.pk]))
    assert response.status_code == 200
    assert response.context["has_change_permission"] is can_change
    response = client.post(
        reverse("admin:articles_claim_changelist"),
        {"action": "mark_verified", "_selected_action": [claim.pk]},
    )
    claim.refresh_from_db()
    assert (claim.review_status == ReviewStatus.VERIFIED) is can_change


def test_curators_upload_article_files_and_bad_ones_are_reported(admin_client):
    from django.core.files.uploadedfile import SimpleUploadedFile

    from articles.models import Article

    good = SimpleUploadedFile(
        "good.json",
        b'{"url": "https://example.org/up", "title": "Up", "text": "Russian troops left Kherson."}',
    )
    bad = SimpleUploadedFile("bad.jsonl", b"{broken\n")
    response = admin_client.post(
        reverse("admin:articles_article_upload"), {"files": [good, bad]}, follow=True
    )
    assert response.status_code == 200
    text = response.content.decode()
    assert "1 articles added" in text and "bad.jsonl:1" in text
    assert Article.objects.filter(url="https://example.org/up").exists()


def test_an_upload_without_files_is_refused_with_422(admin_client):
    response = admin_client.post(reverse("admin:articles_article_upload"), {})
    assert response.status_code == 422


def test_viewers_cannot_upload(client, django_user_model):
    from django.contrib.auth.models import Group

    user = django_user_model.objects.create_user("viewer", password="pw-unused", is_staff=True)
    user.groups.add(Group.objects.get(name="Viewers"))
    client.force_login(user)
    assert client.get(reverse("admin:articles_article_upload")).status_code == 403


SQUARE = {
    "type": "Polygon",
    "coordinates": [[[38.2, 33.2], [39.0, 33.2], [39.0, 33.8], [38.2, 33.8], [38.2, 33.2]]],
}


def place_form(admin_client, place, **changes) -> dict:
    url = reverse("admin:articles_place_change", args=[place.pk])
    data = change_form_data(admin_client, url)
    data.update({"names-TOTAL_FORMS": "0", "names-INITIAL_FORMS": "0", **changes})
    return data


def test_a_drawn_area_is_saved_with_its_bounding_box(admin_client):
    import json

    place = make_place(name="Deconfliction zone")
    url = reverse("admin:articles_place_change", args=[place.pk])
    response = admin_client.post(url, place_form(admin_client, place, geometry=json.dumps(SQUARE)))
    assert response.status_code == 302
    place.refresh_from_db()
    assert place.geometry["type"] == "Polygon"
    assert (place.min_lon, place.min_lat, place.max_lon, place.max_lat) == (38.2, 33.2, 39.0, 33.8)


@pytest.mark.parametrize(
    ("geometry", "message"),
    [
        (
            '{"type": "Polygon", "coordinates": [[[0,0],[1,1],[1,0],[0,1],[0,0]]]}',
            "Self-intersection",
        ),
        ('{"type": "Point", "coordinates": [1, 2]}', "must be a GeoJSON Polygon"),
        ("not json", "Enter a valid JSON"),
    ],
)
def test_an_invalid_area_is_refused_with_a_reason(admin_client, geometry, message):
    place = make_place()
    url = reverse("admin:articles_place_change", args=[place.pk])
    response = admin_client.post(url, place_form(admin_client, place, geometry=geometry))
    assert response.status_code == 200
    assert message in response.content.decode()
    place.refresh_from_db()
    assert place.geometry is None


def test_a_place_added_in_the_admin_is_curated_and_findable_by_name(admin_client):
    response = admin_client.post(
        reverse("admin:articles_place_add"),
        {
            "name": "Outpost Kilo",
            "kind": "site",
            "feature_code": "MILB",
            "country_code": "JO",
            "population": "0",
            "lat": "33.3194",
            "lon": "38.6894",
            "geometry": "",
            "names-TOTAL_FORMS": "1",
            "names-INITIAL_FORMS": "0",
            "names-0-name": "Kilo Outpost",
            "names-0-language": "en",
        },
    )
    assert response.status_code == 302, response.context["adminform"].form.errors
    place = Place.objects.get(name="Outpost Kilo")
    assert place.origin == "curated" and place.source_id.startswith("curated-")
    assert set(place.names.values_list("normalized", flat=True)) == {"outpost kilo", "kilo outpost"}
    assert (place.min_lon, place.max_lat) == (place.lon, place.lat)


def test_merging_duplicates_moves_mentions_and_names(admin_client):
    from tests.factories import make_mention

    keep = make_place(name="Al Tanf garrison")
    duplicate = make_place(name="At Tanf base")
    make_mention(place=keep)
    moved = make_mention(place=duplicate)
    response = admin_client.post(
        reverse("admin:articles_place_changelist"),
        {"action": "merge_places", "_selected_action": [keep.pk, duplicate.pk]},
    )
    assert response.status_code == 302
    assert not Place.objects.filter(pk=duplicate.pk).exists()
    moved.refresh_from_db()
    assert moved.place_id == keep.pk
    assert "at tanf base" in set(keep.names.values_list("normalized", flat=True))


def test_nearest_places_answer_a_map_click(admin_client, client):
    # In the South Atlantic, where the gazetteer has nothing else.
    near = make_place(name="Test buoy", lat=-55.506, lon=-38.618)
    make_place(name="Far buoy", lat=-56.2, lon=-37.16)
    url = reverse("admin:articles_place_nearest")
    body = admin_client.get(url, {"lat": "-55.5", "lon": "-38.6"}).json()
    assert body["places"][0]["id"] == near.pk and body["places"][0]["distance_km"] < 3
    assert [p["label"].split(",")[0] for p in body["places"][:2]] == ["Test buoy", "Far buoy"]
    assert admin_client.get(url, {"lat": "north", "lon": "1"}).status_code == 400
    assert client.get(url, {"lat": "33.5", "lon": "38.6"}).status_code == 302  # login first
