"""Build the bundled gazetteer files and the offline basemap from GeoNames and Natural Earth."""

from __future__ import annotations

import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.gazetteer_files import LAYERS, GazetteerFileError, build_bundle

DATA_DIR = Path(__file__).resolve().parents[2] / "data"


class Command(BaseCommand):
    help = (
        "Build articles/data/gazetteer/*.jsonl.gz and static/basemap/*.geojson from the raw "
        "GeoNames and Natural Earth dumps (default ../shared/data) and the curated site table "
        "articles/data/sources/conflict_sites.csv."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--source",
            type=Path,
            default=Path(settings.BASE_DIR).parent / "shared" / "data",
            help="Folder with geonames/ and naturalearth/ (see its SOURCES.md).",
        )
        parser.add_argument(
            "--out", type=Path, default=DATA_DIR / "gazetteer", help="Where the layers go."
        )
        parser.add_argument(
            "--sites",
            type=Path,
            default=DATA_DIR / "sources" / "conflict_sites.csv",
            help="The curated conflict-site CSV.",
        )
        parser.add_argument(
            "--aliases",
            type=Path,
            default=DATA_DIR / "sources" / "name_aliases.csv",
            help="The curated table of extra names for GeoNames records (by geonameid).",
        )
        parser.add_argument(
            "--points",
            type=Path,
            default=DATA_DIR / "sources" / "geonames_points.csv",
            help="GeoNames' points for countries and admin units (by geonameid).",
        )
        parser.add_argument(
            "--basemap",
            type=Path,
            default=Path(settings.BASE_DIR) / "static" / "basemap",
            help="Where the browser basemap layers go.",
        )
        parser.add_argument("--no-basemap", action="store_true", help="Skip the basemap layers.")
        parser.add_argument(
            "--layers",
            default="",
            help=(
                "Comma-separated layers to rebuild (default all): "
                + ", ".join(name for name, _ in LAYERS)
                + ". '--layers sites --no-basemap' needs no raw dumps."
            ),
        )

    def handle(self, *args: object, **options: object) -> None:
        layers = [x.strip() for x in str(options["layers"]).split(",") if x.strip()] or None
        started = time.monotonic()
        try:
            report = build_bundle(
                options["source"],  # type: ignore[arg-type]
                options["out"],  # type: ignore[arg-type]
                sites_csv=options["sites"],  # type: ignore[arg-type]
                aliases_csv=options["aliases"],  # type: ignore[arg-type]
                points_csv=options["points"],  # type: ignore[arg-type]
                basemap_dir=None if options["no_basemap"] else options["basemap"],  # type: ignore[arg-type]
                layers=layers,
            )
        except (GazetteerFileError, ValueError) as exc:
            raise CommandError(str(exc)) from exc
        for name, size in report.file_sizes.items():
            self.stdout.write(f"  {name}: {size / 1e6:.2f} MB")
        if report.population_refreshed:
            self.stdout.write(
                f"  populations refreshed from the newer cities15000: {report.population_refreshed}"
            )
        if report.at_geonames_point:
            counts = ", ".join(f"{k} {v}" for k, v in report.at_geonames_point.items())
            self.stdout.write(f"  located at GeoNames' own point: {counts}")
        if report.unlocated_admin1:
            self.stdout.write(f"  admin-1 units skipped (no location): {report.unlocated_admin1}")
        if report.unlocated_admin2:
            self.stdout.write(f"  admin-2 units skipped (no town): {report.unlocated_admin2}")
        if report.countries_without_polygon:
            located = ", ".join(report.countries_without_polygon)
            self.stdout.write(f"  countries located at their capital: {located}")
        if report.countries_skipped:
            self.stdout.write(f"  countries skipped: {', '.join(report.countries_skipped)}")
        if not report.sites_csv_found and (layers is None or "sites" in layers):
            self.stdout.write(self.style.WARNING(f"  no curated sites: {options['sites']} missing"))
        rows = ", ".join(f"{name} {count}" for name, count in report.rows.items())
        total = sum(report.file_sizes.values()) / 1e6
        self.stdout.write(
            self.style.SUCCESS(
                f"Built gazetteer: {rows}; {total:.1f} MB in {time.monotonic() - started:.0f} s"
            )
        )
