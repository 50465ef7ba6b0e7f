"""Benchmarks: print figures for the gazetteer, the pipeline, geotext, ingest, the map and exports.

Run through `make bench`, which points DATABASE_URL at a throwaway SQLite file so the figures
never touch your own database. Nothing here asserts; it measures and prints, then prints all
figures again as one JSON object.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import resource
import socket
import statistics
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.db import connection
from django.test import Client
from django.urls import reverse

from articles import services
from articles.models import Article, Claim, Place
from articles.readers import ArticleInput, iter_input_files, read_articles

DEMO_DIR = settings.BASE_DIR / "articles" / "data" / "demo"
DEV_SET = settings.BASE_DIR / "tests" / "data" / "conflict_dev.jsonl"
TR_NEWS = settings.BASE_DIR.parent / "shared" / "eval" / "tr-news.jsonl"


def rss_mb() -> float:
    """Return the peak resident memory of this process so far, in MB."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


def high_water_rss_mb() -> float:
    """Return the peak resident memory of this process image, in MB (Linux /proc VmHWM).

    Unlike ru_maxrss, which a child started by fork and exec inherits from its parent, VmHWM
    starts again with the new program."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return rss_mb()


def current_rss_mb() -> float:
    """Return the resident memory of this process now, in MB (Linux /proc)."""
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return rss_mb()


class Command(BaseCommand):
    help = "Print benchmark figures (use `make bench`: it runs on a throwaway database)."

    def add_arguments(self, parser: CommandParser) -> None:
        parser.add_argument(
            "--articles", type=int, default=1000, help="articles to ingest (0: skip)"
        )
        parser.add_argument("--text-mb", type=float, default=2.0, help="text to geoparse, MB")
        parser.add_argument("--map-claims", type=int, default=100_000, help="claims for the map")
        parser.add_argument(
            "--export-claims", type=int, default=1_000_000, help="claims for the export memory test"
        )
        parser.add_argument(
            "--reuse",
            action="store_true",
            help="run on a benchmark database that already holds data (skips the empty check)",
        )
        parser.add_argument(
            "--no-accuracy", action="store_true", help="skip geoparsing speed and accuracy"
        )
        parser.add_argument(
            "--pipeline-only",
            action="store_true",
            help=(
                "time only the pipeline, in this process, after loading the gazetteer cache "
                "and actor lexicon (the full bench runs this in a fresh process)"
            ),
        )

    def handle(self, *args: object, **options: Any) -> None:
        if options["pipeline_only"]:
            self.figures = {}
            self.pipeline_in_this_process(options["text_mb"])
            self.stdout.write(json.dumps(self.figures, indent=2))
            return
        if Article.objects.exists() and not options["reuse"]:
            raise CommandError(
                "the database holds articles; run the benchmark on an empty one (make bench)"
            )
        self.figures: dict[str, object] = {"database": connection.vendor}
        self.bench_gazetteer()
        if not options["no_accuracy"]:
            texts = self.corpus_texts()
            self.bench_pipeline_in_new_process(options["text_mb"])
            self.say("rss_peak_mb", round(rss_mb()), "Peak resident memory of this process (MB)")
            self.bench_geotext(texts)
            self.bench_accuracy()
        # A count of 0 skips that part.
        if options["articles"]:
            self.bench_ingest(options["articles"])
        if options["map_claims"]:
            self.bench_geojson(10_000)
            self.bench_map(options["map_claims"])
            self.bench_first_paint(options["map_claims"])
        if options["export_claims"]:
            self.bench_export_memory(options["export_claims"])
        self.stdout.write(json.dumps(self.figures, indent=2))

    def say(self, key: str, value: object, label: str) -> None:
        self.figures[key] = value
        self.stdout.write(f"{label}: {value}", ending="\n")
        self.stdout.flush()

    # --- gazetteer and pipeline -------------------------------------------------------------

    def bench_gazetteer(self) -> None:
        from articles.actor_store import load_bundled_actors
        from articles.gazetteer_cache import cache_dir, clear_gazetteer_cache, get_gazetteer
        from articles.gazetteer_load import gazetteer_is_loaded, load_bundled_gazetteer

        if not gazetteer_is_loaded():
            started = time.perf_counter()
            load_bundled_gazetteer()
            self.say(
                "gazetteer_db_load_s",
                round(time.perf_counter() - started, 1),
                "Gazetteer load into the database, full bundle (s)",
            )
        load_bundled_actors()
        started = time.perf_counter()
        get_gazetteer()
        self.say(
            "gazetteer_cache_build_s",
            round(time.perf_counter() - started, 2),
            "Gazetteer cache, first build from the tables (s)",
        )
        # What every later process pays: the derived cache read back from its file.
        clear_gazetteer_cache()
        started = time.perf_counter()
        get_gazetteer()
        self.say(
            "gazetteer_cache_load_s",
            round(time.perf_counter() - started, 2),
            f"Gazetteer cache load in a new process, from {cache_dir()} (s)",
        )
        # The actor lexicon (its patterns compiled once per Actor table) is loading too: a
        # server builds it on its first article, not on every one.
        from articles.actor_store import get_actor_lexicon

        started = time.perf_counter()
        get_actor_lexicon().metonym_names()
        self.say(
            "actor_lexicon_build_s",
            round(time.perf_counter() - started, 2),
            "Actor lexicon build from the table, once per process (s)",
        )
        self.say(
            "rss_after_cache_mb",
            round(current_rss_mb()),
            "Resident memory with the gazetteer and actor lexicon loaded (MB)",
        )

    def corpus_texts(self) -> list[str]:
        texts = [
            a.text
            for path in iter_input_files([DEMO_DIR])
            for a in read_articles(path, max_chars=10**7)
        ]
        for path in (DEV_SET, TR_NEWS):
            if path.exists():
                texts += [doc["text"] for doc in self.read_jsonl(path)]
        return texts

    @staticmethod
    def read_jsonl(path: Path) -> list[dict]:
        return [
            json.loads(line)
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()
        ]

    def bench_pipeline_in_new_process(self, text_mb: float) -> None:
        """Time the pipeline in a new process, as a server or worker runs it: one that loaded
        the gazetteer from its cache file, not one that also built it from the tables."""
        manage = Path(settings.BASE_DIR) / "manage.py"
        child = subprocess.run(  # noqa: S603 - our own interpreter and manage.py
            [sys.executable, str(manage), "bench", "--pipeline-only", "--text-mb", str(text_mb)],
            capture_output=True,
            text=True,
            env=os.environ.copy(),
            check=False,
        )
        if child.returncode != 0:
            raise CommandError(f"the pipeline benchmark failed:\n{child.stderr[-2000:]}")
        figures = json.loads(child.stdout[child.stdout.rindex("\n{") :])
        for line in child.stdout[: child.stdout.rindex("\n{")].splitlines():
            self.stdout.write(line)
        self.figures.update(figures)

    def pipeline_in_this_process(self, text_mb: float) -> None:
        from articles.actor_store import get_actor_lexicon
        from articles.gazetteer_cache import get_gazetteer

        started = time.perf_counter()
        get_gazetteer()
        get_actor_lexicon().metonym_names()
        self.say(
            "pipeline_process_load_s",
            round(time.perf_counter() - started, 2),
            "New process: gazetteer from its cache file and actor lexicon (s)",
        )
        self.say(
            "rss_serving_mb",
            round(current_rss_mb()),
            "New process: resident memory once loaded (MB)",
        )
        self.bench_pipeline(self.corpus_texts(), text_mb)
        self.say(
            "rss_serving_peak_mb",
            round(high_water_rss_mb()),
            "New process: peak resident memory after the pipeline (MB)",
        )

    def bench_pipeline(self, texts: list[str], text_mb: float) -> None:
        target = int(text_mb * 1_000_000)
        size = 0
        first_pass: float | None = None
        started = time.perf_counter()
        while size < target:
            for text in texts:
                services.run_pipeline(text)
                size += len(text.encode("utf-8"))
            if first_pass is None:
                first_pass = size / 1e6 / (time.perf_counter() - started)
        seconds = time.perf_counter() - started
        self.say(
            "pipeline_mb_per_s",
            round(size / 1e6 / seconds, 2),
            f"Geoparsing + claim extraction, one core, {size / 1e6:.1f} MB, the corpus "
            "cycled (MB/s)",
        )
        self.say(
            "pipeline_first_pass_mb_per_s",
            round(first_pass or 0.0, 2),
            "  of which the first pass, every name and region seen for the first time (MB/s)",
        )

    def bench_geotext(self, texts: list[str]) -> None:
        from geotext import GeoText

        GeoText("warm up in Paris")
        size = sum(len(t.encode("utf-8")) for t in texts)
        started = time.perf_counter()
        for text in texts:
            GeoText(text)
        seconds = time.perf_counter() - started
        self.say(
            "geotext_mb_per_s",
            round(size / 1e6 / seconds, 2),
            "geotext 0.4 (PyPI) on the same texts, recognition only (MB/s)",
        )

    def bench_accuracy(self) -> None:
        """Print our metrics and geotext's side by side on the dev set and TR-News."""
        from articles.evaluation import evaluate, read_jsonl
        from articles.management.commands.geoparse import Predictor

        predictor = Predictor()
        for name, path in (("dev", DEV_SET), ("trnews", TR_NEWS)):
            if not path.exists():
                continue
            gold = list(read_jsonl(path))
            ours = evaluate(gold, [self.as_document(predictor.predict(doc)) for doc in gold])
            theirs = evaluate(gold, [self.as_document(self.geotext_predict(doc)) for doc in gold])
            for key in ("toponym_f1", "acc161_end_to_end", "acc161_resolution"):
                if key in ours:
                    self.say(f"{name}_{key}", ours[key], f"{name}: Conflictmap {key}")
                    self.say(
                        f"{name}_geotext_{key}",
                        theirs.get(key),
                        f"{name}: geotext + most populous GeoNames match {key}",
                    )

    @staticmethod
    def as_document(prediction: dict) -> Any:
        from articles.evaluation import parse_line

        return parse_line(json.dumps(prediction), where="bench", require_text=False)

    def geotext_predict(self, document: Any) -> dict:
        """Return geotext's places as predictions: every occurrence, most populous match."""
        from geotext import GeoText

        found = GeoText(document.text)
        toponyms = []
        for name in set(found.cities) | set(found.countries):
            place = (
                Place.objects.filter(names__normalized=name.casefold())
                .order_by("-population")
                .only("lat", "lon")
                .first()
            )
            for match in re.finditer(rf"\b{re.escape(name)}\b", document.text):
                toponyms.append(
                    {
                        "start": match.start(),
                        "end": match.end(),
                        "text": name,
                        "lat": place.lat if place else None,
                        "lon": place.lon if place else None,
                        "role": "literal",
                    }
                )
        return {"id": document.id, "toponyms": toponyms, "claims": []}

    # --- ingest and serving ------------------------------------------------------------------

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
            f"Ingest of {count} demo articles, processed and stored (articles/s)",
        )
        self.say(
            "ingest_p95_ms",
            round(statistics.quantiles(durations, n=20)[18] * 1000, 1),
            "Ingest p95 per article (ms)",
        )

    def top_up_claims(self, count: int) -> None:
        missing = count - Claim.objects.count()
        if missing > 0:
            services.generate_synthetic_claims(missing, seed=count)

    def get(self, url: str, params: dict | None = None) -> tuple[float, bytes]:
        client = Client(HTTP_HOST="127.0.0.1")
        started = time.perf_counter()
        response = client.get(url, params or {})
        body = b"".join(response.streaming_content) if response.streaming else response.content
        return time.perf_counter() - started, body

    def bench_geojson(self, count: int) -> None:
        self.top_up_claims(count)
        seconds, body = min(self.get(reverse("articles-geojson")) for _ in range(3))
        features = len(json.loads(body)["features"])
        self.say(
            "geojson_10k_s",
            round(seconds, 2),
            f"/claims.geojson with {features} features, best of 3 (s)",
        )

    def bench_map(self, count: int) -> None:
        self.top_up_claims(count)
        url = reverse("articles-geojson")
        seconds, body = self.get(url)
        self.say(
            "geojson_100k_s",
            round(seconds, 2),
            f"/claims.geojson download, {len(json.loads(body)['features'])} features (s)",
        )
        views = [
            {"bbox": "34,29,44,38", "zoom": "6"},  # Syria and Iraq
            {"bbox": "22,44,40,53", "zoom": "6"},  # Ukraine
            {"bbox": "36,35,38.5,37", "zoom": "8"},  # northern Syria
            {"bbox": "-10,10,45,40", "zoom": "4"},  # the whole region
        ]
        for view in views:  # one untimed round: first-request imports and cold caches
            self.get(url, {**view, "cluster_above": "2000"})
        timings, sizes = [], []
        for _ in range(10):
            for view in views:
                seconds, body = self.get(url, {**view, "cluster_above": "2000"})
                timings.append(seconds)
                sizes.append(len(body))
        self.say(
            "viewport_p95_ms",
            round(statistics.quantiles(timings, n=20)[18] * 1000),
            f"Map viewport query at {count} claims, p95 over {len(timings)} (ms)",
        )
        self.say("viewport_max_kb", round(max(sizes) / 1024), "Largest viewport payload (KB)")

    def bench_first_paint(self, count: int, loads: int = 5) -> None:
        """Time from navigation start to the map showing data, in headless Chromium.

        `manage.py runserver` (what `make run` serves) on this database; each load in a fresh
        browser context (empty cache) after one untimed load; the median is reported. The map
        page sets body[data-ready] to "true" once the basemap and the claims are drawn, and
        body[data-feature-count] to the number of claims shown.
        """
        self.top_up_claims(count)
        chromium = os.environ.get("CONFLICTMAP_CHROMIUM", "/usr/bin/chromium")
        label = f"First paint with data at {count} claims, headless Chromium"
        if not Path(chromium).exists():
            self.say("first_paint_ms", None, f"{label}: not measured, no Chromium at {chromium}")
            return
        from playwright.sync_api import sync_playwright

        with _live_server() as base_url, sync_playwright() as playwright:
            browser = playwright.chromium.launch(
                executable_path=chromium,
                args=[
                    "--headless",
                    "--no-sandbox",
                    "--disable-gpu",
                    "--disable-background-networking",
                ],
            )
            try:
                runs = [self.first_paint_ms(browser, base_url) for _ in range(loads + 1)][1:]
            finally:
                browser.close()
        self.say(
            "first_paint_ms",
            round(statistics.median(runs)),
            f"{label}, median of {loads} cold loads (ms)",
        )
        self.say("first_paint_runs_ms", [round(r) for r in runs], "First paint, each load (ms)")

    @staticmethod
    def first_paint_ms(browser: Any, base_url: str) -> float:
        context = browser.new_context(viewport={"width": 1280, "height": 800})
        try:
            page = context.new_page()
            page.add_init_script(_READY_PROBE)
            page.goto(f"{base_url}/", wait_until="commit", timeout=60_000)
            page.wait_for_function("window.__cmReady !== undefined", timeout=60_000)
            ready_ms, features = page.evaluate("[window.__cmReady, window.__cmFeatures]")
        finally:
            context.close()
        if not features:
            raise CommandError("the map became ready without showing any claim")
        return float(ready_ms)

    def bench_export_memory(self, count: int) -> None:
        self.top_up_claims(count)
        before = current_rss_mb()
        peak = before
        started = time.perf_counter()
        body_size = 0
        client = Client(HTTP_HOST="127.0.0.1")
        response = client.get(reverse("articles-geojson"))
        for index, chunk in enumerate(response.streaming_content):
            body_size += len(chunk)
            if index % 50 == 0:  # every 25,000 features
                peak = max(peak, current_rss_mb())
        seconds = time.perf_counter() - started
        peak = max(peak, current_rss_mb())
        self.say("export_claims", Claim.objects.count(), "Claims in the database for the export")
        self.say("export_geojson_s", round(seconds, 1), "Streaming GeoJSON export (s)")
        self.say("export_geojson_mb", round(body_size / 1e6), "Export size (MB)")
        self.say("export_rss_before_mb", round(before), "Resident memory before the export (MB)")
        self.say(
            "export_rss_growth_mb",
            round(peak - before),
            "Largest resident memory growth sampled during it (MB)",
        )


# Runs in the page before its own scripts: notes when the map first says it shows its data.
# performance.now() counts from the navigation start.
_READY_PROBE = """
new MutationObserver((changes, observer) => {
  const body = document.body;
  if (body && body.dataset.ready === "true") {
    window.__cmReady = performance.now();
    window.__cmFeatures = Number(body.dataset.featureCount || 0);
    observer.disconnect();
  }
}).observe(document, { subtree: true, attributes: true, attributeFilter: ["data-ready"] });
"""


@contextlib.contextmanager
def _live_server() -> Iterator[str]:
    """Serve this project with `runserver` on a free local port; yield its base URL."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "manage.py", "runserver", "--noreload", "--insecure"]
    server = subprocess.Popen(  # noqa: S603 - our own interpreter and manage.py
        [*command, f"127.0.0.1:{port}"],
        cwd=settings.BASE_DIR,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    base_url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                with urllib.request.urlopen(f"{base_url}/", timeout=10):  # noqa: S310 - local
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise CommandError("the benchmark web server did not start") from None
                time.sleep(0.25)
        yield base_url
    finally:
        server.terminate()
        server.wait(timeout=30)
