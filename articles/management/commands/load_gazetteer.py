"""Load the bundled gazetteer, or a GeoNames dump, into the Place table."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.gazetteer_files import GazetteerFileError
from articles.gazetteer_load import gazetteer_is_loaded, load_bundled_gazetteer, load_geonames_dump


class Command(BaseCommand):
    help = (
        "Load the bundled gazetteer (GeoNames cities500, Natural Earth countries, admin-1 units, "
        "rivers, lakes, airports, disputed areas and the curated conflict sites) into the "
        "database, or with --geonames a GeoNames dump in the same 19-column format "
        "(allCountries.txt, a country file such as SY.txt; plain or .gz). Re-running updates "
        "changed rows and never overwrites a place a curator edited."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--if-empty",
            action="store_true",
            help="Do nothing when a bundled gazetteer is already loaded.",
        )
        parser.add_argument(
            "--countries",
            default="",
            help="Comma-separated ISO codes (SY,IQ): load only their places (from the bundle: "
            "plus every country, disputed area, river and lake).",
        )
        parser.add_argument(
            "--geonames",
            type=Path,
            metavar="PATH",
            help="Load this GeoNames dump instead of the bundle.",
        )

    def handle(self, *args: object, **options: object) -> None:
        if options["if_empty"] and gazetteer_is_loaded():
            self.stdout.write("Gazetteer already loaded; nothing to do (--if-empty).")
            return
        codes = {c.strip().upper() for c in str(options["countries"]).split(",") if c.strip()}
        bad = sorted(code for code in codes if len(code) != 2 or not code.isalpha())
        if bad:
            raise CommandError(f"--countries takes two-letter ISO codes, not: {', '.join(bad)}")
        progress = int(options["verbosity"]) > 0  # type: ignore[call-overload]
        dump: Path | None = options["geonames"]  # type: ignore[assignment]
        try:
            if dump is not None:
                summary = load_geonames_dump(dump, countries=codes or None, progress=progress)
            else:
                summary = load_bundled_gazetteer(countries=codes or None, progress=progress)
        except GazetteerFileError as exc:
            raise CommandError(f"{exc}. Nothing was loaded.") from exc
        what = f"GeoNames dump {dump}" if dump else "bundled gazetteer"
        self.stdout.write(self.style.SUCCESS(f"Loaded {what}: {summary.line()}"))
