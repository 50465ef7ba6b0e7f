"""Prepare a fresh database for the demo: gazetteer, actors and demo articles, each once."""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth import get_user_model
from django.core.management import call_command
from django.core.management.base import BaseCommand

from articles import services
from articles.actor_store import load_bundled_actors
from articles.gazetteer_load import gazetteer_is_loaded

DEMO_DIR = settings.BASE_DIR / "articles" / "data" / "demo"


class Command(BaseCommand):
    help = (
        "Load the bundled gazetteer, the actor lexicon and the demo articles when they are missing."
    )

    def handle(self, *args: object, **options: object) -> None:
        if gazetteer_is_loaded():
            self.stdout.write("Gazetteer already loaded.")
        else:
            self.stdout.write("Loading the bundled gazetteer (first run only, under a minute)…")
            call_command("load_gazetteer", stdout=self.stdout, stderr=self.stderr)
        created = load_bundled_actors()
        self.stdout.write(f"Actor lexicon: {created} actors added.")
        summary = services.ingest_paths([DEMO_DIR])
        self.stdout.write(
            f"Demo articles: {summary.created} added, {summary.unchanged} already present."
        )
        for error in summary.errors:
            self.stderr.write(self.style.ERROR(error))
        if not get_user_model().objects.filter(is_superuser=True).exists():
            self.stdout.write(
                self.style.WARNING(
                    "No admin account yet. Create one to curate at http://127.0.0.1:8000/admin/ :\n"
                    "    make admin        (runs: .venv/bin/python manage.py createsuperuser)"
                )
            )
        else:
            self.stdout.write("Admin: log in at http://127.0.0.1:8000/admin/ with your account.")
