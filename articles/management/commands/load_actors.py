"""Load the bundled actor lexicon (articles/data/actors.json) into the Actor table."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.actor_store import sync_bundled_actors
from articles.claims.lexicon import BUNDLED_ACTORS


class Command(BaseCommand):
    help = (
        "Create the bundled actors that are missing and update the others, except actors a "
        "curator added or changed in the admin."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--file", type=Path, default=BUNDLED_ACTORS, help="actors JSON (default: bundled)"
        )
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change, change nothing"
        )

    def handle(self, *args: object, **options: object) -> None:
        path: Path = options["file"]  # type: ignore[assignment]
        if not path.exists():
            raise CommandError(f"no such file: {path}")
        try:
            summary = sync_bundled_actors(path, dry_run=bool(options["dry_run"]))
        except (ValueError, KeyError) as exc:
            raise CommandError(f"{path}: not a valid actors file ({exc})") from exc
        for name in summary.kept_curated:
            self.stdout.write(f"kept curator's version of {name}")
        prefix = "would have: " if options["dry_run"] else ""
        self.stdout.write(
            f"{prefix}{len(summary.created)} actors created, {len(summary.updated)} updated, "
            f"{len(summary.kept_curated)} kept as curated, {summary.unchanged} unchanged"
        )
