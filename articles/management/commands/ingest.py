"""Ingest article files (.txt with header, .html, .json, .jsonl) and process them."""

from __future__ import annotations

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from articles import services
from articles.readers import iter_input_files


class Command(BaseCommand):
    help = (
        "Ingest articles from files or folders (.txt with a header, .html, .json, .jsonl). "
        "Articles already stored (same URL or same text) are left as they are."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("paths", nargs="+", type=Path, help="files or folders")
        parser.add_argument(
            "--no-process", action="store_true", help="store articles without geoparsing them"
        )

    def handle(self, *args: object, **options: object) -> None:
        paths: list[Path] = options["paths"]  # type: ignore[assignment]
        missing = [str(p) for p in paths if not p.exists()]
        if missing:
            raise CommandError(f"no such file or folder: {', '.join(missing)}")
        files = list(iter_input_files(paths))
        bar = tqdm(total=len(files), unit="file", disable=len(files) < 20, file=self.stderr)
        summary = services.ingest_paths(
            files, process=not options["no_process"], on_file=lambda _path: bar.update()
        )
        bar.close()
        for error in summary.errors:
            self.stderr.write(self.style.ERROR(f"skipped {error}"))
        self.stdout.write(
            f"{summary.created} articles added ({summary.mentions} mentions, "
            f"{summary.claims} claims), {summary.unchanged} already present, "
            f"{summary.failed} files failed"
        )
        if summary.failed and not summary.created and not summary.unchanged:
            raise CommandError("no article could be read")
