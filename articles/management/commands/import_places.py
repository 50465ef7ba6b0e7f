"""Import curated places and areas from a GeoJSON FeatureCollection."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles import services
from articles.place_import import PlaceImportError, parse_place_features


class Command(BaseCommand):
    help = (
        "Import curated places from a GeoJSON FeatureCollection (properties: name, kind, "
        "country_code, feature_code, alternate_names, source_note; feature id = place id). "
        "All or nothing: any problem imports no feature."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("path", type=Path)
        parser.add_argument("--dry-run", action="store_true", help="validate only")

    def handle(self, *args: object, **options: object) -> None:
        path: Path = options["path"]  # type: ignore[assignment]
        try:
            raw = path.read_bytes()
        except OSError as exc:
            raise CommandError(f"{path}: cannot read file: {exc.strerror or exc}") from exc
        try:
            places = parse_place_features(raw)
        except PlaceImportError as exc:
            for problem in exc.problems:
                self.stderr.write(f"{path}: {problem}")
            raise CommandError(f"{path}: {len(exc.problems)} problems; nothing imported") from exc
        if options["dry_run"]:
            self.stdout.write(f"{len(places)} places are valid (dry run, nothing imported)")
            return
        summary = services.import_places(places)
        self.stdout.write(f"{summary.created} places created, {summary.updated} updated")
