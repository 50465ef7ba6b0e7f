"""Benchmarks: print figures for ingest, geoparsing and the GeoJSON endpoint.

Run through `make bench`, which points DATABASE_URL at a throwaway SQLite file so the figures
never touch your own database. Nothing here asserts; it measures and prints.
"""

from __future__ import annotations

import json
import resource
import statistics
import time
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.urls import reverse

from articles import services
from articles.models import Article, Claim
from articles.readers import ArticleInput, iter_input_files, read_articles

DEMO_DIR = settings.BASE_DIR / "articles" / "data" / "demo"
DEV_SET = settings.BASE_DIR / "tests" / "data" / "conflict_dev.jsonl"
TR_NEWS = settings.BASE_DIR.parent / "shared" / "eval" / "tr-news.jsonl"


def rss_mb() -> float:
    """Return the peak resident memory of this process in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def read_jsonl(path: Path) -> list[dict]:
    return [
        json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()
    ]


class Command(BaseCommand):
    help = "Print benchmark figures (use `make bench`: it runs on a throwaway database)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument("--articles", type=int, default=1000, help="articles to ingest")
        parser.add_argument(
            "--claims", type=int, default=10_000, help="claims for the GeoJSON timing"
        )
        parser.add_argument("--text-mb", type=float, default=2.0, help="text to geoparse, in MB")

    def handle(self, *args: object, **options: object) -> None:
        if Article.objects.exists():
            raise CommandError(
                "the database holds articles; run the benchmark on an empty one (make bench)"
            )
        self.figures: dict[str, object] = {"database": connection.vendor}
        self.bench_gazetteer()
        texts = self.corpus_texts()
        self.bench_geoparser(texts, float(options["text_mb"]))  # type: ignore[arg-type]
        self.bench_geotext(texts)
        self.bench_ingest(int(options["articles"]))  # type: ignore[arg-type]
        self.bench_geojson(int(options["claims"]))  # type: ignore[arg-type]
        self.stdout.write(json.dumps(self.figures, indent=2))

    def say(self, key: str, value: object, label: str) -> None:
        self.figures[key] = value
        self.stdout.write(f"{label}: {value}")

    def bench_gazetteer(self) -> None:
        from articles.actor_store import load_bundled_actors
        from articles.gazetteer_cache import get_gazetteer
        from articles.gazetteer_load import gazetteer_is_loaded, load_bundled_gazetteer

        if not gazetteer_is_loaded():
            started = time.perf_counter()
            load_bundled_gazetteer()
            self.say(
                "gazetteer_db_load_s",
                round(time.perf_counter() - started, 1),
                "Gazetteer load into the database (s)",
            )
        load_bundled_actors()
        started = time.perf_counter()
        get_gazetteer()
        self.say(
            "gazetteer_cache_load_s",
            round(time.perf_counter() - started, 2),
            "Gazetteer cache load, first in this process (s)",
        )
        self.say(
            "rss_after_cache_mb", round(rss_mb()), "Peak resident memory after cache load (MB)"
        )

    def corpus_texts(self) -> list[str]:
        texts = [
            a.text
            for path in iter_input_files([DEMO_DIR])
            for a in read_articles(path, max_chars=10**7)
        ]
        for path in (DEV_SET, TR_NEWS):
            if path.exists():
                texts += [doc["text"] for doc in read_jsonl(path)]
        return texts

    def bench_geoparser(self, texts: list[str], text_mb: float) -> None:
        target = int(text_mb * 1_000_000)
        size = 0
        started = time.perf_counter()
        rounds = 0
        while size < target:
            for text in texts:
                services.run_pipeline(text)
                size += len(text.encode("utf-8"))
            rounds += 1
        seconds = time.perf_counter() - started
        self.say(
            "pipeline_mb_per_s",
            round(size / 1_000_000 / seconds, 2),
            f"Geoparsing + claim extraction, one core ({size / 1e6:.1f} MB) (MB/s)",
        )
        self.say("rss_peak_mb", round(rss_mb()), "Peak resident memory (MB)")

    def bench_geotext(self, texts: list[str]) -> None:
        from geotext import GeoText

        GeoText("warm up Paris")
        size = sum(len(t.encode("utf-8")) for t in texts)
        started = time.perf_counter()
        for text in texts:
            GeoText(text)
        seconds = time.perf_counter() - started
        self.say(
            "geotext_mb_per_s",
            round(size / 1_000_000 / seconds, 2),
            "geotext (PyPI) on the same texts (MB/s)",
        )
        try:
            from articles.evaluation import geotext_comparison
        except ImportError:
            return
        for name, path in (("dev", DEV_SET), ("trnews", TR_NEWS)):
            if path.exists():
                for key, value in geotext_comparison(read_jsonl(path)).items():
                    self.say(f"{name}_{key}", value, f"{name}: {key}")

    def bench_ingest(self, count: int) -> None:
        demo = [
            a for path in iter_input_files([DEMO_DIR]) for a in read_articles(path, max_chars=10**7)
        ]
        if not demo:
            raise CommandError(f"no demo articles in {DEMO_DIR}")
        durations = []
        started = time.perf_counter()
        for index in range(count):
            base = demo[index % len(demo)]
            # A distinct text and URL per copy, so idempotency does not skip the work.
            copy = ArticleInput(
                text=f"{base.text}\n\nBenchmark copy {index}.",
                title=base.title,
                url=f"https://bench.conflictmap.invalid/{index}",
                outlet=base.outlet,
                published=base.published,
            )
            one = time.perf_counter()
            services.ingest_article(copy)
            durations.append(time.perf_counter() - one)
        seconds = time.perf_counter() - started
        self.say(
            "ingest_articles_per_s",
            round(count / seconds, 1),
            f"Ingest of {count} demo articles (articles/s)",
        )
        self.say(
            "ingest_p95_ms",
            round(statistics.quantiles(durations, n=20)[18] * 1000, 1),
            "Ingest p95 per article (ms)",
        )

    def bench_geojson(self, count: int) -> None:
        existing = list(Claim.objects.exclude(mention__place=None).order_by("pk")[:500])
        if not existing:
            raise CommandError("no claims with places to copy for the GeoJSON benchmark")
        missing = count - Claim.objects.count()
        copies = []
        for index in range(max(missing, 0)):
            claim = existing[index % len(existing)]
            claim.pk = None
            copies.append(
                Claim(
                    **{
                        f.attname: getattr(claim, f.attname)
                        for f in Claim._meta.concrete_fields
                        if f.attname != "id"
                    }
                )
            )
        Claim.objects.bulk_create(copies, batch_size=2000)
        client = Client(HTTP_HOST="127.0.0.1")
        url = reverse("articles-geojson")
        timings = []
        for _ in range(3):
            started = time.perf_counter()
            response = client.get(url)
            body = b"".join(response.streaming_content) if response.streaming else response.content
            timings.append(time.perf_counter() - started)
        features = len(json.loads(body)["features"])
        self.say("geojson_claims", features, "Features in /claims.geojson")
        self.say(
            "geojson_s", round(min(timings), 2), "Time to serve /claims.geojson, best of 3 (s)"
        )
        self.say("geojson_mb", round(len(body) / 1e6, 1), "Size of /claims.geojson (MB)")
