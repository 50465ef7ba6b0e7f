"""The Actor table: loading actors.json, respecting curators, and the lexicon cache over it."""

from __future__ import annotations

from io import StringIO

import pytest
from django.contrib.admin.models import CHANGE, LogEntry
from django.contrib.auth import get_user_model
from django.contrib.contenttypes.models import ContentType
from django.core.management import call_command

from articles.actor_store import (
    clear_actor_lexicon_cache,
    get_actor_lexicon,
    load_bundled_actors,
    sync_bundled_actors,
)
from articles.claims import read_bundled_actors
from articles.models import Actor

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def fresh_cache():
    clear_actor_lexicon_cache()
    yield
    clear_actor_lexicon_cache()


def log_curator_change(actor: Actor) -> None:
    user = get_user_model().objects.create_user("curator", password="x-" * 8)
    LogEntry.objects.create(
        user=user,
        content_type=ContentType.objects.get_for_model(Actor),
        object_id=str(actor.pk),
        object_repr=str(actor),
        action_flag=CHANGE,
        change_message="edited aliases",
    )


def test_it_loads_every_bundled_actor():
    load_bundled_actors()
    names = set(Actor.objects.values_list("name", flat=True))
    assert {entry.name for entry in read_bundled_actors()} <= names
    us = Actor.objects.get(name="United States")
    assert "Washington" in us.metonyms
    assert us.kind == "state"
    assert us.colour.startswith("#")


def test_a_second_load_changes_nothing():
    load_bundled_actors()
    assert load_bundled_actors() == 0


def test_it_recreates_a_missing_actor():
    load_bundled_actors()
    Actor.objects.filter(name="Wagner Group").delete()
    assert load_bundled_actors() == 1
    assert Actor.objects.filter(name="Wagner Group").exists()


def test_it_restores_an_actor_nobody_curated():
    load_bundled_actors()
    Actor.objects.filter(name="Hamas").update(colour="#000001")
    assert load_bundled_actors() == 1
    assert Actor.objects.get(name="Hamas").colour != "#000001"


def test_it_never_overwrites_an_actor_a_curator_changed():
    load_bundled_actors()
    actor = Actor.objects.get(name="Hezbollah")
    actor.aliases = ["Party of God"]
    actor.save()
    log_curator_change(actor)
    summary = sync_bundled_actors()
    assert "Hezbollah" in summary.kept_curated
    assert Actor.objects.get(name="Hezbollah").aliases == ["Party of God"]


def test_a_dry_run_stores_nothing():
    Actor.objects.all().delete()
    summary = sync_bundled_actors(dry_run=True)
    assert summary.created
    assert not Actor.objects.exists()


def test_the_command_prints_a_summary():
    out = StringIO()
    call_command("load_actors", stdout=out)
    assert "actors created" in out.getvalue()
    assert Actor.objects.filter(name="JNIM").exists()


def test_the_lexicon_is_reused_while_the_table_is_unchanged():
    load_bundled_actors()
    assert get_actor_lexicon() is get_actor_lexicon()


def test_a_curator_alias_takes_effect_without_a_restart():
    load_bundled_actors()
    before = get_actor_lexicon()
    assert before.find_mentions("Desert Hawks seized Tabqa.") == []
    actor = Actor.objects.get(name="Syrian government")
    actor.aliases = [*actor.aliases, "Desert Hawks"]
    actor.save()
    after = get_actor_lexicon()
    assert [m.actor for m in after.find_mentions("Desert Hawks seized Tabqa.")] == [
        "Syrian government"
    ]


def test_a_curator_added_actor_is_recognised():
    load_bundled_actors()
    get_actor_lexicon()
    Actor.objects.create(name="Lions of the Valley", kind="militia", aliases=["Valley Lions"])
    found = get_actor_lexicon().find_mentions("The Valley Lions patrolled Dara.")
    assert [m.actor for m in found] == ["Lions of the Valley"]


def test_an_empty_table_falls_back_to_the_bundled_lexicon():
    Actor.objects.all().delete()
    assert get_actor_lexicon().get("United States") is not None
