"""Time the geoparser and the whole pipeline over the bench corpus, once the gazetteer is loaded.

Prints MB/s by process CPU time (what the code costs, robust on a shared machine) and by wall
clock, best of several repeats, for `geoparse_text` alone and for `services.run_pipeline`
(geoparsing + claim extraction), and optionally the top functions under cProfile.

    DATABASE_URL=sqlite:////tmp/cm-run.sqlite3 python scripts/profile_pipeline.py [--repeat 5]
        [--mb 2.0] [--profile geoparse|pipeline] [--top 30] [--only geoparse|pipeline --cold]

With --cold the first repeat is what `make bench` measures: a fresh process, whose first pass
also builds the relative regions' geometries.
"""

from __future__ import annotations

import argparse
import cProfile
import os
import pstats
import sys
import time
from collections.abc import Callable
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def timed(run: Callable[[str], object], texts: list[str], target: int) -> tuple[int, float, float]:
    """Run over the texts until `target` bytes are done; return (bytes, cpu s, wall s)."""
    size = 0
    cpu, wall = time.process_time(), time.perf_counter()
    while size < target:
        for text in texts:
            run(text)
            size += len(text.encode("utf-8"))
    return size, time.process_time() - cpu, time.perf_counter() - wall


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5, help="repeats; the best is reported")
    parser.add_argument("--mb", type=float, default=2.0, help="text per repeat, MB")
    parser.add_argument("--profile", choices=("geoparse", "pipeline"), help="cProfile one part")
    parser.add_argument("--top", type=int, default=30, help="functions to list under --profile")
    parser.add_argument("--sort", default="tottime", help="pstats sort key")
    parser.add_argument("--only", choices=("geoparse", "pipeline"), help="time one part only")
    parser.add_argument(
        "--cold",
        action="store_true",
        help="no warm-up pass: the first repeat starts with empty memos and region caches, "
        "as `make bench` does (use with --only)",
    )
    args = parser.parse_args()

    sys.path.insert(0, str(BASE_DIR))
    sys.path.insert(0, str(BASE_DIR / "scripts"))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings")
    import django

    django.setup()
    from geoparse_snapshot import corpus

    from articles import services
    from articles.actor_store import get_actor_lexicon
    from articles.gazetteer_cache import clear_gazetteer_cache, get_gazetteer
    from articles.geoparse import geoparse_text

    clear_gazetteer_cache()
    started = time.perf_counter()
    gazetteer = get_gazetteer()
    print(f"gazetteer cache load: {time.perf_counter() - started:.2f} s")
    metonyms = get_actor_lexicon().metonym_names()
    texts = [text for _, text in corpus()]
    print(f"corpus: {len(texts)} texts, {sum(len(t.encode()) for t in texts) / 1e6:.2f} MB")

    def geoparse(text: str) -> object:
        return geoparse_text(text, gazetteer, metonym_names=metonyms)

    parts = {"geoparse": geoparse, "pipeline": services.run_pipeline}
    if args.only:
        parts = {args.only: parts[args.only]}
    if not args.cold:
        for run in parts.values():  # warm the memos, as a long-running process has them
            for text in texts:
                run(text)
    target = int(args.mb * 1e6)
    for name, run in parts.items():
        results = [timed(run, texts, target) for _ in range(args.repeat)]
        if args.cold:
            size, cpu_s, wall_s = results[0]
            print(
                f"{name:9s} first repeat: {size / 1e6 / cpu_s:.2f} MB/s CPU, "
                f"{size / 1e6 / wall_s:.2f} MB/s wall"
            )
        cpu = max(size / 1e6 / c for size, c, _ in results)
        wall = max(size / 1e6 / w for size, _, w in results)
        print(f"{name:9s} best of {args.repeat}: {cpu:.2f} MB/s CPU, {wall:.2f} MB/s wall")
    if args.profile:
        run = {"geoparse": geoparse, "pipeline": services.run_pipeline}[args.profile]
        profiler = cProfile.Profile()
        profiler.enable()
        timed(run, texts, target)
        profiler.disable()
        pstats.Stats(profiler).sort_stats(args.sort).print_stats(args.top)


if __name__ == "__main__":
    main()
