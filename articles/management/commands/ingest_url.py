"""Fetch and ingest article pages, or every page an RSS/Atom feed links to."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles import services


class Command(BaseCommand):
    help = (
        "Fetch article pages (main text extracted) and ingest them; with --feed, treat each URL "
        "as an RSS/Atom feed and ingest the pages it links to. Uses the network: run it yourself."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("urls", nargs="+")
        parser.add_argument("--feed", action="store_true", help="the URLs are RSS/Atom feeds")
        parser.add_argument("--limit", type=int, default=None, help="at most N entries per feed")

    def handle(self, *args: object, **options: object) -> None:
        summary = services.ingest_urls(
            options["urls"],  # type: ignore[arg-type]
            feed=bool(options["feed"]),
            limit=options["limit"],  # type: ignore[arg-type]
        )
        for error in summary.errors:
            self.stderr.write(self.style.ERROR(f"skipped {error}"))
        self.stdout.write(
            f"{summary.created} articles added ({summary.mentions} mentions, "
            f"{summary.claims} claims), {summary.unchanged} already present, "
            f"{summary.failed} failed"
        )
        if summary.failed and not summary.created and not summary.unchanged:
            raise CommandError("no article could be fetched")
