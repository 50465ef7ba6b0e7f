"""Regression snapshot of the geoparser: every mention of every corpus text, as JSON.

Runs `geoparse_text` over the demo articles, the conflict development set and TR-News (the
bench corpus) and writes each mention's span, text, role, place, precision, method, point,
candidates, region (key, name, point and a hash of its geometry) and flags. The corpus is
parsed twice and both passes must agree, so a memo that leaks between texts shows up too.

    DATABASE_URL=sqlite:////tmp/cm-run.sqlite3 python scripts/geoparse_snapshot.py out.json
    python scripts/geoparse_snapshot.py --diff before.json after.json

Optimisations of the geoparser must leave the file byte-identical (or explain each change),
also with --shuffle SEED (the texts in another order, as memos fill differently), compared
with the old code's snapshot in the same order: a border region is cached under an
order-free key ("border:JO:SY") but built from the first mention that needs it, so its name
and geometry depend on the order of the texts.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import os
import random
import sys
from pathlib import Path
from typing import Any

BASE_DIR = Path(__file__).resolve().parent.parent


def corpus() -> list[tuple[str, str]]:
    """Return (name, text) for every text of the bench corpus, in a fixed order."""
    from articles.readers import iter_input_files, read_articles

    demo = BASE_DIR / "articles" / "data" / "demo"
    texts = [
        (f"demo/{path.name}#{n}", article.text)
        for path in iter_input_files([demo])
        for n, article in enumerate(read_articles(path, max_chars=10**7))
    ]
    for label, path in (
        ("dev", BASE_DIR / "tests" / "data" / "conflict_dev.jsonl"),
        ("trnews", BASE_DIR.parent / "shared" / "eval" / "tr-news.jsonl"),
    ):
        lines = path.read_text(encoding="utf-8").splitlines()
        for n, line in enumerate(line for line in lines if line.strip()):
            doc = json.loads(line)
            texts.append((f"{label}/{doc.get('id', n)}", doc["text"]))
    return texts


def mention_record(mention: Any) -> dict[str, Any]:
    region = mention.region
    return {
        "span": [mention.start, mention.end],
        "text": mention.text,
        "role": mention.role,
        "place": mention.place_id,
        "precision": mention.precision,
        "method": mention.method,
        "point": [mention.lat, mention.lon],
        "candidates": [[c.place_id, c.name, c.score] for c in mention.candidates],
        "region": None
        if region is None
        else {
            "key": region.key,
            "name": region.name,
            "point": [region.lat, region.lon],
            "country": region.country_code,
            "geometry_sha": hashlib.sha256(
                json.dumps(region.geometry, sort_keys=True).encode()
            ).hexdigest()[:16],
        },
        "anchor": mention.anchor_place_id,
        "dateline": mention.is_dateline,
        "demonym": mention.is_demonym,
    }


def snapshot(seed: int | None = None) -> dict[str, list[dict[str, Any]]]:
    from articles.actor_store import get_actor_lexicon
    from articles.gazetteer_cache import get_gazetteer
    from articles.geoparse import geoparse_text

    gazetteer = get_gazetteer()
    metonyms = get_actor_lexicon().metonym_names()
    texts = corpus()
    if seed is not None:  # another order: memos filled by earlier texts must not matter
        random.Random(seed).shuffle(texts)
    passes = [
        {
            name: [
                mention_record(m) for m in geoparse_text(text, gazetteer, metonym_names=metonyms)
            ]
            for name, text in texts
        }
        for _ in range(2)
    ]
    if passes[0] != passes[1]:
        changed = [name for name in passes[0] if passes[0][name] != passes[1][name]]
        sys.exit(f"second pass differs from the first (memo leak?): {changed[:10]}")
    return passes[0]


def diff(before_path: Path, after_path: Path) -> int:
    before = json.loads(before_path.read_text())
    after = json.loads(after_path.read_text())
    changed = 0
    for name in sorted(set(before) | set(after)):
        old, new = before.get(name), after.get(name)
        if old == new:
            continue
        changed += 1
        print(f"== {name}")
        old_by_span = {tuple(m["span"]): m for m in old or []}
        new_by_span = {tuple(m["span"]): m for m in new or []}
        for span in sorted(set(old_by_span) | set(new_by_span)):
            a, b = old_by_span.get(span), new_by_span.get(span)
            if a != b:
                print(f"  - {json.dumps(a, ensure_ascii=False)}")
                print(f"  + {json.dumps(b, ensure_ascii=False)}")
    total = sum(len(v) for v in after.values())
    print(f"{changed} of {len(after)} texts differ; {total} mentions in the new snapshot")
    return 1 if changed else 0


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", nargs="?", type=Path, help="where to write the snapshot JSON")
    parser.add_argument("--diff", nargs=2, type=Path, metavar=("BEFORE", "AFTER"))
    parser.add_argument("--shuffle", type=int, metavar="SEED", help="parse the texts in an order")
    args = parser.parse_args()
    if args.diff:
        sys.exit(diff(*args.diff))
    if args.out is None:
        parser.error("give an output path or --diff BEFORE AFTER")
    sys.path.insert(0, str(BASE_DIR))
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "conflictmap.settings")
    import django

    django.setup()
    result = snapshot(args.shuffle)
    args.out.write_text(json.dumps(result, ensure_ascii=False, indent=1, sort_keys=True) + "\n")
    print(f"{sum(len(v) for v in result.values())} mentions in {len(result)} texts -> {args.out}")


if __name__ == "__main__":
    main()
