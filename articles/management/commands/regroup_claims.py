"""Rebuild the corroboration groups of all claims (same actor, relation, place, nearby dates)."""

from __future__ import annotations

import time

from django.core.management.base import BaseCommand, CommandParser
from django.db import transaction

from articles import services


class Command(BaseCommand):
    help = (
        "Regroup every claim: claims with the same actor, relation and place whose dates come "
        f"within {services.CLAIM_GROUP_WINDOW.days} days are one group. Idempotent."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--dry-run", action="store_true", help="report what would change, store nothing"
        )

    def handle(self, *args: object, **options: object) -> None:
        started = time.perf_counter()
        with transaction.atomic():
            summary = services.rebuild_claim_groups()
            if options["dry_run"]:
                transaction.set_rollback(True)
        seconds = time.perf_counter() - started
        verb = "would be" if options["dry_run"] else "are"
        self.stdout.write(
            f"Claim groups: {summary.groups:,} {verb} stored ({summary.created:,} created, "
            f"{summary.updated:,} updated, {summary.deleted:,} deleted), "
            f"{summary.contested:,} contested; {summary.claims_moved:,} claims moved; "
            f"{seconds:.1f} s"
        )
