"""Regression snapshot of the claim extractor: every claim of the dev set, TR-News and the demo.

Claims depend on the geoparser's mentions, which may change for reasons of their own; to compare
only the claim stage, the mentions are computed once and pickled (`--mentions`), and every later
run extracts claims from those same mentions with the lexicon of the database:

    DATABASE_URL=sqlite:////tmp/cm-run.sqlite3 python scripts/claims_snapshot.py \\
        --mentions /tmp/claims-mentions.pickle --out /tmp/claims-before.json
    (change the extractor)
    DATABASE_URL=... python scripts/claims_snapshot.py \\
        --mentions /tmp/claims-mentions.pickle --out /tmp/claims-after.json \\
        --compare /tmp/claims-before.json

Without an existing mentions file the geoparser runs and writes it. `--live` ignores the pickle
and runs the whole pipeline (services.run_pipeline), to check the two stages together.
`--bench N` then times extract_claims alone over the fixed mentions, N passes (process and wall
time), and `--profile` prints cProfile's top functions for one pass.
"""

from __future__ import annotations

import argparse
import cProfile
import dataclasses
import json
import os
import pickle
import pstats
import sys
import tempfile
import time
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(BASE_DIR))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings")

import django  # noqa: E402

django.setup()

from articles import services  # noqa: E402
from articles.actor_store import get_actor_lexicon  # noqa: E402
from articles.claims import extract_claims  # noqa: E402
from articles.readers import iter_input_files, read_articles  # noqa: E402

DEV_SET = BASE_DIR / "tests" / "data" / "conflict_dev.jsonl"
TR_NEWS = BASE_DIR.parent / "shared" / "eval" / "tr-news.jsonl"
DEMO_DIR = BASE_DIR / "articles" / "data" / "demo"


def corpus() -> list[tuple[str, str]]:
    """Return (key, text) for every text of the demo, the dev set and TR-News, in a fixed order."""
    out: list[tuple[str, str]] = []
    for path in iter_input_files([DEMO_DIR]):
        for k, article in enumerate(read_articles(path, max_chars=10**7)):
            out.append((f"demo/{path.name}#{k}", article.text))
    for name, path in (("dev", DEV_SET), ("trnews", TR_NEWS)):
        lines = path.read_text(encoding="utf-8").splitlines()
        for k, line in enumerate(line for line in lines if line.strip()):
            doc = json.loads(line)
            out.append((f"{name}/{doc.get('id', k)}#{k}", doc["text"]))
    return out


def load_mentions(path: Path, texts: list[tuple[str, str]]) -> dict[str, tuple]:
    """Return the pickled mentions per text key, geoparsing (and writing the file) if needed."""
    if path.exists():
        with path.open("rb") as fh:
            stored = pickle.load(fh)  # noqa: S301 - our own file
        missing = [key for key, _ in texts if key not in stored]
        if not missing:
            return stored
        print(f"{len(missing)} texts missing from {path}; geoparsing all", file=sys.stderr)
    from articles.gazetteer_cache import get_gazetteer
    from articles.geoparse import geoparse_text

    lexicon = get_actor_lexicon()
    gazetteer = get_gazetteer()
    stored = {
        key: geoparse_text(text, gazetteer, metonym_names=lexicon.metonym_names())
        for key, text in texts
    }
    with path.open("wb") as fh:
        pickle.dump(stored, fh)
    return stored


def claim_rows(claims: tuple, mentions: tuple) -> list[dict[str, Any]]:
    rows = []
    for claim in claims:
        row = dataclasses.asdict(claim)
        index = claim.mention_index
        if index is not None:
            mention = mentions[index]
            row["place"] = [mention.start, mention.end, mention.text]
        rows.append(row)
    return rows


def compare(before: dict[str, list], after: dict[str, list]) -> int:
    """Print the texts whose claims differ; return how many differ."""
    differing = 0
    for key in sorted(set(before) | set(after)):
        old, new = before.get(key), after.get(key)
        if old == new:
            continue
        differing += 1
        print(f"--- {key}")
        old_set = {json.dumps(r, sort_keys=True) for r in old or []}
        new_set = {json.dumps(r, sort_keys=True) for r in new or []}
        for row in sorted(old_set - new_set):
            print(f"  - {row}")
        for row in sorted(new_set - old_set):
            print(f"  + {row}")
        if old_set == new_set:
            print("  (same claims, different order)")
    return differing


def bench(texts: list[tuple[str, str]], mentions: dict[str, tuple], passes: int) -> None:
    lexicon = get_actor_lexicon()
    size = sum(len(text.encode("utf-8")) for _, text in texts)
    for text_key, text in texts:  # warm caches (compiled patterns, word tables)
        extract_claims(text, mentions[text_key], lexicon)
    rates = []
    for _ in range(passes):
        cpu, wall = time.process_time(), time.perf_counter()
        for text_key, text in texts:
            extract_claims(text, mentions[text_key], lexicon)
        cpu, wall = time.process_time() - cpu, time.perf_counter() - wall
        rates.append((size / 1e6 / cpu, size / 1e6 / wall))
        print(f"extract_claims: {size / 1e6:.3f} MB in {cpu:.3f} s CPU, {wall:.3f} s wall")
    best_cpu = max(r[0] for r in rates)
    best_wall = max(r[1] for r in rates)
    print(f"best of {passes}: {best_cpu:.2f} MB/s process time, {best_wall:.2f} MB/s wall")


def profile(texts: list[tuple[str, str]], mentions: dict[str, tuple], top: int) -> None:
    lexicon = get_actor_lexicon()
    profiler = cProfile.Profile()
    profiler.enable()
    for text_key, text in texts:
        extract_claims(text, mentions[text_key], lexicon)
    profiler.disable()
    stats = pstats.Stats(profiler).sort_stats("tottime")
    stats.print_stats(top)
    stats.sort_stats("cumulative").print_stats(top)


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "--mentions", type=Path, default=Path(tempfile.gettempdir()) / "claims-mentions.pickle"
    )
    parser.add_argument("--out", type=Path, help="write the claims here (JSON)")
    parser.add_argument("--compare", type=Path, help="print the differences from this snapshot")
    parser.add_argument("--live", action="store_true", help="run the whole pipeline instead")
    parser.add_argument("--bench", type=int, default=0, help="time extract_claims, N passes")
    parser.add_argument("--profile", type=int, default=0, help="print the top N functions")
    args = parser.parse_args()

    texts = corpus()
    result: dict[str, list] = {}
    if args.live:
        for key, text in texts:
            found, claims = services.run_pipeline(text)
            result[key] = claim_rows(claims, found)
        mentions: dict[str, tuple] = {}
    else:
        mentions = load_mentions(args.mentions, texts)
        lexicon = get_actor_lexicon()
        for key, text in texts:
            result[key] = claim_rows(extract_claims(text, mentions[key], lexicon), mentions[key])
    total = sum(len(rows) for rows in result.values())
    print(f"{len(texts)} texts, {total} claims", file=sys.stderr)
    if args.out:
        args.out.write_text(json.dumps(result, indent=1, ensure_ascii=False), encoding="utf-8")
    status = 0
    if args.compare:
        before = json.loads(args.compare.read_text(encoding="utf-8"))
        differing = compare(before, result)
        print(f"{differing} of {len(texts)} texts differ from {args.compare}", file=sys.stderr)
        status = 1 if differing else 0
    if args.bench and not args.live:
        bench(texts, mentions, args.bench)
    if args.profile and not args.live:
        profile(texts, mentions, args.profile)
    return status


if __name__ == "__main__":
    sys.exit(main())
