"""Generate realistic synthetic claims for benchmarks (marked by their outlet)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles import services
from articles.models import Article


class Command(BaseCommand):
    help = (
        "Store N synthetic claims on gazetteer places for benchmarks; their articles have the "
        f"outlet {services.SYNTHETIC_OUTLET!r}. --delete removes them again."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("count", type=int, nargs="?", default=10_000)
        parser.add_argument("--seed", type=int, default=1)
        parser.add_argument("--delete", action="store_true", help="delete all synthetic data")

    def handle(self, *args: object, **options: object) -> None:
        if options["delete"]:
            deleted, _ = Article.objects.filter(outlet=services.SYNTHETIC_OUTLET).delete()
            self.stdout.write(f"{deleted} synthetic rows deleted")
            return
        count = int(options["count"])  # type: ignore[arg-type]
        if count < 1:
            raise CommandError("count must be at least 1")
        try:
            created = services.generate_synthetic_claims(count, seed=int(options["seed"]))  # type: ignore[arg-type]
        except ValueError as exc:
            raise CommandError(str(exc)) from exc
        summary = services.rebuild_claim_groups()
        self.stdout.write(
            f"{created} synthetic claims stored; {summary.created} claim groups created"
        )
