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
