"""Corroboration groups: the same claim across articles, and asserted vs denied (issue 4)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.management import call_command
from django.urls import reverse

from articles import services
from articles.models import Claim, ClaimGroup, ClaimStatus, Relation, ReviewStatus
from articles.readers import ArticleInput
from tests.factories import make_actor, make_article, make_claim, make_mention, make_place
from tests.http import body_json

URL = reverse("articles-geojson")
DAY = dt.date(2024, 3, 1)


def report(actor, place, *, outlet="Example Wire", day=DAY, **fields) -> Claim:
    """Return a claim about `place` by `actor` in a new article of `outlet` published on `day`."""
    article = make_article(outlet=outlet, published=day)
    return make_claim(
        article=article, actor=actor, mention=make_mention(article=article, place=place), **fields
    )


def features_by_id(client, query: str = "") -> dict[int, dict]:
    response = client.get(f"{URL}?{query}" if query else URL)
    assert response.status_code == 200
    return {f["id"]: f["properties"] for f in body_json(response)["features"]}


@pytest.fixture
def base():
    return make_actor(name="Test force base"), make_place(name="Al Tanf")


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("second", "same_group"),
    [
        ({}, True),
        ({"day": DAY + dt.timedelta(days=services.CLAIM_GROUP_WINDOW.days)}, True),
        ({"day": DAY + dt.timedelta(days=services.CLAIM_GROUP_WINDOW.days + 1)}, False),
        ({"day": DAY - dt.timedelta(days=400)}, False),
        ({"other_place": True}, False),
        ({"other_actor": True}, False),
        ({"relation": Relation.PRESENCE}, False),
        ({"status": ClaimStatus.DENIED}, True),
        ({"status": ClaimStatus.ALLEGED}, True),
    ],
)
def test_it_groups_the_same_claim_only_with_the_same_actor_relation_place_and_near_dates(
    base, second, same_group
):
    actor, place = base
    first = report(actor, place, outlet="Reuters")
    second = dict(second)
    if second.pop("other_place", False):
        place = make_place(name="Deir ez-Zor", lat=35.33, lon=40.14)
    if second.pop("other_actor", False):
        actor = make_actor()
    other = report(actor, place, outlet="Al-Monitor", **second)
    services.rebuild_claim_groups()
    first.refresh_from_db()
    other.refresh_from_db()
    assert first.group_id is not None and other.group_id is not None
    assert (first.group_id == other.group_id) is same_group


@pytest.mark.django_db
def test_two_articles_asserting_the_same_base_make_one_group_with_two_sources(client, base):
    actor, place = base
    a = report(actor, place, outlet="Reuters")
    b = report(actor, place, outlet="Al-Monitor", day=DAY + dt.timedelta(days=12))
    services.assign_claim_groups(Claim.objects.filter(pk__in=[a.pk, b.pk]))
    group = ClaimGroup.objects.get()
    assert (group.n_claims, group.n_articles, group.n_outlets) == (2, 2, 2)
    assert (group.first_date, group.last_date) == (DAY, DAY + dt.timedelta(days=12))
    props = features_by_id(client)
    assert props[a.pk]["group_id"] == props[b.pk]["group_id"] == group.pk
    assert props[a.pk]["sources"] == 2
    assert props[a.pk]["outlets"] == ["Al-Monitor", "Reuters"]
    assert props[a.pk]["contested"] is False


@pytest.mark.django_db
def test_an_asserted_and_a_denied_claim_are_contested_and_both_served(client, base):
    actor, place = base
    asserted = report(actor, place, outlet="RIA Novosti")
    denied = report(actor, place, outlet="CENTCOM", status=ClaimStatus.DENIED)
    services.rebuild_claim_groups()
    props = features_by_id(client)
    assert props[asserted.pk]["group_id"] == props[denied.pk]["group_id"] is not None
    assert props[asserted.pk]["contested"] is props[denied.pk]["contested"] is True
    assert {props[asserted.pk]["status"], props[denied.pk]["status"]} == {"asserted", "denied"}


@pytest.mark.django_db
@pytest.mark.parametrize(
    ("statuses", "contested"),
    [
        ((ClaimStatus.ASSERTED, ClaimStatus.ASSERTED), False),
        ((ClaimStatus.DENIED, ClaimStatus.DENIED), False),
        ((ClaimStatus.ASSERTED, ClaimStatus.ALLEGED), False),
        ((ClaimStatus.PLANNED, ClaimStatus.DENIED), False),
        ((ClaimStatus.ALLEGED, ClaimStatus.DENIED, ClaimStatus.ASSERTED), True),
    ],
)
def test_only_asserted_against_denied_is_contested(base, statuses, contested):
    actor, place = base
    for status in statuses:
        report(actor, place, status=status)
    services.rebuild_claim_groups()
    assert ClaimGroup.objects.get().contested is contested


@pytest.mark.django_db
def test_a_rejected_claim_neither_counts_nor_contests(client, admin_client, base):
    actor, place = base
    kept = report(actor, place, outlet="Reuters")
    rejected = report(
        actor, place, outlet="Fake News Daily", status=ClaimStatus.DENIED, review_status="rejected"
    )
    services.rebuild_claim_groups()
    group = ClaimGroup.objects.get()
    assert (group.n_articles, group.outlet_names, group.contested) == (1, ["Reuters"], False)
    rejected.refresh_from_db()
    assert rejected.group_id is None
    # Staff can ask for rejected claims on the map: ungrouped, a single source of their own.
    props = features_by_id(admin_client, "review=rejected&review=machine")
    assert props[rejected.pk]["group_id"] is None
    assert props[rejected.pk]["sources"] == 1
    assert props[kept.pk]["sources"] == 1


@pytest.mark.django_db
def test_rejecting_a_claim_takes_it_out_of_its_group(base):
    actor, place = base
    a = report(actor, place, outlet="Reuters")
    b = report(actor, place, outlet="TASS", status=ClaimStatus.DENIED)
    services.rebuild_claim_groups()
    assert ClaimGroup.objects.get().contested
    Claim.objects.filter(pk=b.pk).update(review_status=ReviewStatus.REJECTED)
    services.assign_claim_groups(Claim.objects.filter(pk=b.pk))
    group = ClaimGroup.objects.get()
    assert (group.n_articles, group.contested) == (1, False)
    b.refresh_from_db()
    a.refresh_from_db()
    assert b.group_id is None and a.group_id == group.pk


@pytest.mark.django_db
def test_a_claim_between_two_groups_joins_them(base):
    actor, place = base
    early = report(actor, place, day=DAY)
    late = report(actor, place, day=DAY + dt.timedelta(days=100))
    services.rebuild_claim_groups()
    assert ClaimGroup.objects.count() == 2
    bridge = report(actor, place, day=DAY + dt.timedelta(days=50))
    services.assign_claim_groups(Claim.objects.filter(pk=bridge.pk))
    group = ClaimGroup.objects.get()
    assert group.n_claims == 3
    assert {c.group_id for c in Claim.objects.filter(pk__in=[early.pk, late.pk, bridge.pk])} == {
        group.pk
    }


@pytest.mark.django_db
def test_claims_without_a_place_are_not_grouped(base):
    actor, _ = base
    lone = make_claim(actor=actor, mention=None)
    services.rebuild_claim_groups()
    lone.refresh_from_db()
    assert lone.group_id is None
    assert not ClaimGroup.objects.exists()


@pytest.mark.django_db
def test_the_outlet_list_is_capped_but_the_sources_are_all_counted(client, base):
    actor, place = base
    count = services.CLAIM_GROUP_OUTLETS + 3
    claims = [report(actor, place, outlet=f"Outlet {i:02d}") for i in range(count)]
    services.rebuild_claim_groups()
    props = features_by_id(client)[claims[0].pk]
    assert props["sources"] == count
    assert len(props["outlets"]) == services.CLAIM_GROUP_OUTLETS
    assert ClaimGroup.objects.get().n_outlets == count


@pytest.mark.django_db
def test_regrouping_is_idempotent_and_keeps_group_ids(base):
    actor, place = base
    for day in (DAY, DAY + dt.timedelta(days=5), DAY + dt.timedelta(days=300)):
        report(actor, place, day=day)
    report(actor, place, status=ClaimStatus.DENIED)
    first = services.rebuild_claim_groups()
    assert (first.groups, first.created, first.contested) == (2, 2, 1)
    before = dict(Claim.objects.values_list("pk", "group_id"))
    again = services.rebuild_claim_groups()
    assert (again.groups, again.created, again.updated, again.deleted) == (2, 0, 0, 0)
    assert again.claims_moved == 0
    assert dict(Claim.objects.values_list("pk", "group_id")) == before


@pytest.mark.django_db
def test_the_regroup_command_prints_a_one_line_summary(base, capsys):
    actor, place = base
    report(actor, place)
    report(actor, place, outlet="TASS", status=ClaimStatus.DENIED)
    call_command("regroup_claims", "--dry-run")
    out = capsys.readouterr().out.strip()
    assert out.startswith("Claim groups: 1 would be stored (1 created")
    assert "1 contested" in out
    assert not ClaimGroup.objects.exists()
    call_command("regroup_claims")
    call_command("regroup_claims")
    lines = capsys.readouterr().out.strip().splitlines()
    assert len(lines) == 2
    assert lines[1].startswith("Claim groups: 1 are stored (0 created, 0 updated, 0 deleted)")


@pytest.mark.django_db
def test_the_query_count_stays_constant_with_groups(client, base, django_assert_num_queries):
    actor, place = base
    for i in range(3):
        report(actor, place, outlet=f"Outlet {i}")
    services.rebuild_claim_groups()
    with django_assert_num_queries(2):
        assert len(features_by_id(client)) == 3
    for i in range(20):
        report(make_actor(), make_place(lat=30 + i / 10), status=ClaimStatus.DENIED)
        report(actor, place, outlet=f"More {i}")
    services.rebuild_claim_groups()
    with django_assert_num_queries(2):
        assert len(features_by_id(client)) == 43


@pytest.mark.django_db
def test_processing_two_articles_groups_their_claims(reference_data, client):
    text = "US forces keep a base near Al Tanf, according to Lavrov."
    results = [
        services.ingest_article(
            ArticleInput(
                text=f"{text} Report {n}.",
                url=f"https://news.example.org/{outlet}",
                outlet=outlet,
                published=DAY,
            )
        )
        for n, outlet in enumerate(("Reuters", "TASS"))
    ]
    claims = Claim.objects.filter(article__in=[r.article for r in results], relation="base")
    assert claims.count() == 2
    [group_id] = {c.group_id for c in claims}
    assert group_id is not None
    group = ClaimGroup.objects.get(pk=group_id)
    assert (group.n_articles, group.outlet_names) == (2, ["Reuters", "TASS"])
    # Re-processing the same article does not count it twice.
    services.process_article(results[0].article)
    group = ClaimGroup.objects.get(actor=group.actor, relation="base", place=group.place)
    assert group.n_articles == 2


@pytest.mark.django_db
@pytest.mark.parametrize(("contested", "shown"), [("1", {"Outlet A", "Outlet B"}), ("0", {"Lone"})])
def test_curators_can_list_the_contested_claims(admin_client, base, contested, shown):
    actor, place = base
    for outlet, status in (("Outlet A", "asserted"), ("Outlet B", "denied")):
        report(actor, place, outlet=outlet, status=status, quote=f"Said by {outlet}")
    report(make_actor(), place, outlet="Lone", quote="Said by Lone")
    services.rebuild_claim_groups()
    url = reverse("admin:articles_claim_changelist")
    response = admin_client.get(url, {"group__contested__exact": contested})
    assert response.status_code == 200
    listed = {c.article.outlet for c in response.context["cl"].result_list}
    assert listed == shown
    page = admin_client.get(
        reverse("admin:articles_claim_change", args=[response.context["cl"].result_list[0].pk])
    )
    assert page.status_code == 200
    assert b'name="group"' not in page.content  # computed, never picked from a list


@pytest.mark.django_db
def test_the_article_page_says_how_many_sources_and_whether_contested(client, base):
    actor, place = base
    mine = report(actor, place, outlet="Reuters")
    report(actor, place, outlet="<b>Wire</b>", status=ClaimStatus.DENIED)
    services.rebuild_claim_groups()
    response = client.get(reverse("articles-detail", args=[mine.article_id]))
    html = response.content.decode()
    assert "2 articles: &lt;b&gt;Wire&lt;/b&gt;, Reuters" in html
    assert ">contested</span>" in html
    assert "<b>Wire</b>" not in html


@pytest.mark.django_db
@pytest.mark.parametrize(("deleted", "left"), [(["tass"], 1), (["tass", "ria"], 0)])
def test_the_groups_of_deleted_claims_are_refreshed_when_named(base, deleted, left):
    actor, place = base
    claims = {
        "ria": report(actor, place, outlet="RIA"),
        "tass": report(actor, place, outlet="TASS", status=ClaimStatus.DENIED),
    }
    services.rebuild_claim_groups()
    former = [ClaimGroup.objects.get().pk]
    Claim.objects.filter(pk__in=[claims[k].pk for k in deleted]).delete()
    services.assign_claim_groups(Claim.objects.none(), former_groups=former)
    groups = list(ClaimGroup.objects.all())
    assert len(groups) == left
    if groups:
        assert (groups[0].n_articles, groups[0].contested) == (1, False)


def test_rejecting_in_the_admin_takes_the_claim_out_of_its_group(admin_client):
    place = make_place(name="Group test camp")
    first = make_claim(mention=make_mention(place=place))
    second = make_claim(mention=make_mention(place=place), actor=first.actor)
    services.assign_claim_groups(Claim.objects.filter(pk__in=[first.pk, second.pk]))
    first.refresh_from_db()
    assert first.group is not None and first.group.n_articles == 2
    admin_client.post(
        reverse("admin:articles_claim_changelist"),
        {"action": "mark_rejected", "_selected_action": [second.pk]},
    )
    first.refresh_from_db()
    assert first.group.n_articles == 1


def test_visitors_do_not_see_counts_of_claims_hidden_from_them(client, admin_client, settings):
    settings.CONFLICTMAP_PUBLIC_REVIEW_STATUSES = ["verified"]
    place = make_place(name="Hidden count camp")
    shown = make_claim(mention=make_mention(place=place), review_status=ReviewStatus.VERIFIED)
    make_claim(mention=make_mention(place=place), actor=shown.actor)
    services.assign_claim_groups(Claim.objects.filter(mention__place=place))
    public = body_json(client.get(reverse("articles-geojson")))["features"]
    staff = body_json(admin_client.get(reverse("articles-geojson")))["features"]
    assert [(f["id"], f["properties"]["sources"]) for f in public] == [(shown.pk, 1)]
    assert {f["properties"]["sources"] for f in staff} == {2}
    page = client.get(shown.article.get_absolute_url()).content.decode()
    assert "2 articles" not in page
    html_map = client.get(reverse("articles-html-map")).content.decode()
    assert '"sources":2' not in html_map
