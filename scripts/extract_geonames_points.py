"""Write articles/data/sources/geonames_points.csv: GeoNames' own point for countries and
first- and second-level administrative units.

The bundled GeoNames files name every country (countryInfo.txt), province (admin1CodesASCII)
and district (admin2Codes) with its GeoNames id but give no coordinates for them. GeoNames
has a point for each; the OpenWeatherMap city list, which the pyowm package ships as
`pyowm/commons/cityids/cities.db.bz2`, carries many of those records (id, name, lat, lon).
This script keeps the rows whose id is one of the bundled units' ids.

That list is an older GeoNames snapshot: for a few dozen countries GeoNames has since moved
the point (Libya from 25N to 28N, India from 20N 77E to 22N 79E). Rows of the existing table
whose `source` is not pyowm's - the country points of GeoNames as of 2020, read from the
CC BY 4.0 `countries` table of the GitHub repository gvenzl/sample-data - are kept as they
are and win over pyowm's.

Usage (pyowm need not be installed; the wheel is a zip file):

    pip download pyowm==3.5.0 --no-deps -d /tmp/pyowm
    python scripts/extract_geonames_points.py /tmp/pyowm/pyowm-3.5.0-py3-none-any.whl

The table is data, reviewed in git; `build_gazetteer` reads it (see its README).
"""

from __future__ import annotations

import argparse
import bz2
import csv
import gzip
import sqlite3
import sys
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = ROOT.parent / "shared" / "data"
DEFAULT_OUT = ROOT / "articles" / "data" / "sources" / "geonames_points.csv"
DB_MEMBER = "pyowm/commons/cityids/cities.db.bz2"
COLUMNS = ("geonameid", "level", "code", "name", "lat", "lon", "source")
PYOWM_SOURCE = "pyowm 3.5.0 city list"


def _units(source: Path) -> list[tuple[int, str, str, str]]:
    """Return (geonameid, level, code, name) of every country, admin-1 and admin-2 unit."""
    units: list[tuple[int, str, str, str]] = []
    geonames = source / "geonames"
    with (geonames / "countryInfo.txt").open(encoding="utf-8") as stream:
        for line in stream:
            columns = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(columns) < 17 or not columns[16].isdigit():
                continue
            units.append((int(columns[16]), "country", columns[0], columns[4]))
    with (geonames / "admin1CodesASCII.txt").open(encoding="utf-8") as stream:
        for line in stream:
            columns = line.rstrip("\n").split("\t")
            if line.startswith("#") or len(columns) != 4 or not columns[3].isdigit():
                continue
            units.append((int(columns[3]), "admin1", columns[0], columns[1]))
    with gzip.open(geonames / "admin2Codes.txt.gz", "rt", encoding="utf-8") as stream:
        for line in stream:
            columns = line.rstrip("\n").split("\t")
            if len(columns) != 4 or not columns[3].strip().isdigit():
                continue
            units.append((int(columns[3]), "admin2", columns[0], columns[1]))
    return units


def _points(wheel_or_db: Path) -> dict[int, tuple[float, float]]:
    """Return {geonameid: (lat, lon)} from pyowm's wheel, its cities.db.bz2 or cities.db."""
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "cities.db"
        if wheel_or_db.suffix == ".whl":
            with zipfile.ZipFile(wheel_or_db) as wheel:
                db.write_bytes(bz2.decompress(wheel.read(DB_MEMBER)))
        elif wheel_or_db.suffix == ".bz2":
            db.write_bytes(bz2.decompress(wheel_or_db.read_bytes()))
        else:
            db = wheel_or_db
        connection = sqlite3.connect(db)
        try:
            rows = connection.execute("SELECT city_id, lat, lon FROM city").fetchall()
        finally:
            connection.close()
    return {int(gid): (float(lat), float(lon)) for gid, lat, lon in rows}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pyowm", type=Path, help="pyowm wheel, cities.db.bz2 or cities.db")
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(argv)

    kept: dict[int, tuple[str, ...]] = {}
    if args.out.exists():
        with args.out.open(encoding="utf-8", newline="") as stream:
            for row in csv.DictReader(stream):
                if row.get("source") and row["source"] != PYOWM_SOURCE:
                    kept[int(row["geonameid"])] = tuple(row[c] for c in COLUMNS)
    points = _points(args.pyowm)
    order = {"country": 0, "admin1": 1, "admin2": 2}
    rows: list[tuple[object, ...]] = []
    for gid, level, code, name in _units(args.source):
        if gid in kept:
            rows.append((gid, *kept.pop(gid)[1:]))
        elif gid in points:
            lat, lon = points[gid]
            rows.append((gid, level, code, name, f"{lat:.5f}", f"{lon:.5f}", PYOWM_SOURCE))
    rows.sort(key=lambda row: (order[str(row[1])], str(row[2]), int(str(row[0]))))
    seen: set[object] = set()
    with args.out.open("w", encoding="utf-8", newline="") as stream:
        writer = csv.writer(stream, lineterminator="\n")
        writer.writerow(COLUMNS)
        for row in rows:
            if row[0] not in seen:  # a few admin-2 ids repeat under two codes
                seen.add(row[0])
                writer.writerow(row)
    counts = {level: sum(1 for row in rows if row[1] == level) for level in order}
    print(f"{args.out}: {len(seen)} points ({counts})", file=sys.stderr)
    return 0


if __name__ == "__main__":
    sys.exit(main())
