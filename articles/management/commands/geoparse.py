"""Geoparse a JSON Lines file of {"id", "text"} documents into predictions, storing nothing."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser
from tqdm import tqdm

from articles.evaluation import (
    Document,
    EvaluationInputError,
    prediction_claims,
    prediction_toponyms,
    read_jsonl,
)


class Command(BaseCommand):
    help = (
        "Read {id, text} JSON Lines, geoparse each text and extract its claims, and write "
        "predictions in the DESIGN evaluation format. Nothing is stored."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("input", help="JSON Lines file with one {id, text} object per line")
        parser.add_argument("--output", "-o", help="Predictions file (default: standard output)")
        parser.add_argument("--limit", type=int, help="Only the first N documents")
        parser.add_argument(
            "--no-claims", action="store_true", help="Skip claim extraction (toponyms only)"
        )
        parser.add_argument(
            "--demonyms",
            action="store_true",
            help='Also output adjectives of nationality ("Turkish", "US forces") as mentions of '
            "their country, as TR-News annotates them",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        path = Path(options["input"])
        if not path.exists():
            raise CommandError(f"{path}: no such file")
        try:
            documents = list(read_jsonl(path))
        except EvaluationInputError as error:
            raise CommandError(str(error)) from error
        if options["limit"]:
            documents = documents[: options["limit"]]
        predictor = Predictor(claims=not options["no_claims"], demonyms=options["demonyms"])
        out = open(options["output"], "w", encoding="utf-8") if options["output"] else sys.stdout  # noqa: SIM115
        try:
            progress = tqdm(
                documents,
                desc="Geoparsing",
                unit="doc",
                file=sys.stderr,
                disable=len(documents) < 50 or not sys.stderr.isatty(),
            )
            for document in progress:
                out.write(json.dumps(predictor.predict(document), ensure_ascii=False) + "\n")
        finally:
            if out is not sys.stdout:
                out.close()
        claims_note = "" if predictor.claims_available else " (claim extractor unavailable)"
        self.stderr.write(
            f"Geoparsed {len(documents)} documents: {predictor.toponyms} toponyms, "
            f"{predictor.claims} claims{claims_note}."
        )


class Predictor:
    """Run the geoparser (and the claim extractor when present) on evaluation documents."""

    def __init__(self, *, claims: bool = True, demonyms: bool = False) -> None:
        from articles.gazetteer_cache import get_gazetteer

        self.gazetteer = get_gazetteer()
        self.lexicon = None
        self.extract = None
        self.metonym_names: frozenset[str] = frozenset()
        if claims:
            try:
                from articles.actor_store import get_actor_lexicon
                from articles.claims import extract_claims
            except ImportError:
                pass
            else:
                self.lexicon = get_actor_lexicon()
                self.extract = extract_claims
                self.metonym_names = self.lexicon.metonym_names()
        self.claims_available = self.extract is not None
        self.demonyms = demonyms
        self.toponyms = 0
        self.claims = 0

    def predict(self, document: Document) -> dict[str, Any]:
        """Return the prediction line of one document."""
        from articles.geoparse import geoparse_text
        from articles.models import Place

        mentions = list(
            geoparse_text(document.text, self.gazetteer, metonym_names=self.metonym_names)
        )
        place_ids = {m.place_id for m in mentions if m.place_id is not None}
        geonameids = dict(
            Place.objects.filter(id__in=place_ids, geonameid__isnull=False).values_list(
                "id", "geonameid"
            )
        )
        # Demonyms are mentions (the claim extractor reads them) but not toponyms by default.
        shown = [m for m in mentions if self.demonyms or not m.is_demonym]
        toponyms = prediction_toponyms(shown, geonameids)
        claims: list[dict[str, Any]] = []
        if self.extract is not None:
            extracted = self.extract(document.text, tuple(mentions), self.lexicon)
            claims = prediction_claims(extracted, mentions)
        self.toponyms += len(toponyms)
        self.claims += len(claims)
        return {"id": document.id, "toponyms": toponyms, "claims": claims}
