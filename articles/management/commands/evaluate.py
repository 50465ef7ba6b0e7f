"""Print the DESIGN evaluation metrics of predictions against a gold JSON Lines file."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from django.core.management.base import BaseCommand, CommandError, CommandParser

from articles.evaluation import EvaluationInputError, evaluate, read_jsonl


class Command(BaseCommand):
    help = (
        "Score predictions against gold documents (DESIGN evaluation format) and print the "
        "metrics as one JSON object. Without --predictions, run the pipeline on the gold texts."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("gold", help="Gold JSON Lines file")
        parser.add_argument("--predictions", "-p", help="Predictions JSON Lines file")
        parser.add_argument(
            "--no-claims",
            action="store_true",
            help="Skip claim extraction when running the pipeline",
        )
        parser.add_argument(
            "--demonyms",
            action="store_true",
            help="Count adjectives of nationality as toponyms (TR-News convention)",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        gold_path = Path(options["gold"])
        if not gold_path.exists():
            raise CommandError(f"{gold_path}: no such file")
        try:
            gold = list(read_jsonl(gold_path))
            if options["predictions"]:
                predictions_path = Path(options["predictions"])
                if not predictions_path.exists():
                    raise CommandError(f"{predictions_path}: no such file")
                predicted = list(read_jsonl(predictions_path, require_text=False))
            else:
                from articles.evaluation import parse_line
                from articles.management.commands.geoparse import Predictor

                predictor = Predictor(claims=not options["no_claims"], demonyms=options["demonyms"])
                predicted = [
                    parse_line(
                        json.dumps(predictor.predict(document)),
                        where=f"prediction for {document.id}",
                        require_text=False,
                    )
                    for document in gold
                ]
        except EvaluationInputError as error:
            raise CommandError(str(error)) from error
        self.stdout.write(json.dumps(evaluate(gold, predicted), indent=2))
