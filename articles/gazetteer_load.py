"""Load the bundled gazetteer (or a GeoNames dump) into Place and PlaceName.

Loading is one transaction: a bad file leaves the previous gazetteer as it was. Rows are
upserted by (origin, source_id); a place a curator edited (version > 1) is never overwritten
and nothing is ever deleted, so curated places and places from a full dump survive a reload
of the bundle. On an empty table no look-ups are made and every row is a bulk insert.

New rows are written over the model's own columns, values adapted by the model fields where
the backend needs it (JSON, datetimes), with `executemany` on SQLite and COPY on PostgreSQL:
`bulk_create` spends most of its time preparing 23 fields per object in Python and took 64 s
for the bundle on SQLite here, the plain batched insert about half of that.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from itertools import islice
from pathlib import Path
from typing import Any

from django.db import connection, models, transaction
from django.db.models import Max
from django.utils import timezone
from tqdm import tqdm

from articles.gazetteer_files import (
    LAYERS,
    MAX_NAME_LENGTH,
    GazetteerRecord,
    read_geonames,
    read_header,
    read_layer,
)
from articles.geoparse.normalize import normalize_name
from articles.models import Place, PlaceKind, PlaceName, PlaceOrigin

BUNDLE_DIR = Path(__file__).resolve().parent / "data" / "gazetteer"
CHUNK = 5000  # records per round of look-ups and bulk inserts
LOOKUP_CHUNK = 500  # ids per IN (...) query, under SQLite's old 999-variable limit
# After this many new rows the planner statistics are refreshed: without them PostgreSQL
# scanned the whole table for each look-up of the next reload (118 s instead of 30 s).
ANALYZE_AFTER = 10_000

# Place columns the files set; anything else (version, timestamps) belongs to the database.
_VALUE_FIELDS = (
    "name",
    "kind",
    "feature_code",
    "country_code",
    "admin1_code",
    "admin2_code",
    "population",
    "lat",
    "lon",
    "geometry",
    "min_lon",
    "min_lat",
    "max_lon",
    "max_lat",
    "geonameid",
    "attribution",
    "source_note",
)


@dataclass(frozen=True, slots=True)
class LoadSummary:
    created: int
    updated: int
    unchanged: int
    kept_curated: int  # rows not written because a curator edited the place
    skipped: int  # dump rows that duplicate a bundled country or admin-1 place
    names_created: int
    names_deleted: int
    by_kind: Mapping[str, int]  # rows read per place kind
    seconds: float

    def line(self) -> str:
        """Return the one-line summary the command prints."""
        kinds = ", ".join(f"{kind} {count}" for kind, count in sorted(self.by_kind.items()))
        return (
            f"{self.created} created, {self.updated} updated, {self.unchanged} unchanged, "
            f"{self.kept_curated} kept (curator-edited), {self.skipped} skipped; "
            f"{self.names_created} names added, {self.names_deleted} removed; "
            f"by kind: {kinds or 'none'}; {self.seconds:.1f} s"
        )


@dataclass(slots=True)
class _Tally:
    created: int = 0
    updated: int = 0
    unchanged: int = 0
    kept_curated: int = 0
    skipped: int = 0
    names_created: int = 0
    names_deleted: int = 0
    by_kind: Counter[str] = field(default_factory=Counter)

    def summary(self, seconds: float) -> LoadSummary:
        return LoadSummary(
            created=self.created,
            updated=self.updated,
            unchanged=self.unchanged,
            kept_curated=self.kept_curated,
            skipped=self.skipped,
            names_created=self.names_created,
            names_deleted=self.names_deleted,
            by_kind=dict(self.by_kind),
            seconds=round(seconds, 2),
        )


def gazetteer_is_loaded() -> bool:
    """Return whether a bundled gazetteer (its country layer at least) is in the database."""
    return Place.objects.filter(origin=PlaceOrigin.NATURAL_EARTH, kind=PlaceKind.COUNTRY).exists()


def load_bundled_gazetteer(
    *,
    countries: set[str] | None = None,
    progress: bool = False,
    data_dir: Path | None = None,
) -> LoadSummary:
    """Return the counts of loading the bundled layers (only `countries`' rows of the per-country
    layers when given; countries, disputed areas, rivers and lakes always load whole)."""
    directory = data_dir or BUNDLE_DIR
    paths = [(directory / f"{name}.jsonl.gz", by_country) for name, by_country in LAYERS]
    wanted = {code.upper() for code in countries} if countries is not None else None
    # Headers first: a missing or foreign file fails before anything is written.
    total = sum(read_header(path).rows for path, _ in paths)

    def records() -> Iterator[GazetteerRecord]:
        for path, by_country in paths:
            yield from read_layer(path, wanted if by_country else None)

    return _load(records(), progress=progress, total=None if wanted else total)


def load_geonames_dump(
    path: Path, *, countries: set[str] | None = None, progress: bool = False
) -> LoadSummary:
    """Return the counts of loading a GeoNames main-table dump (19 columns, plain or gzip),
    only the rows of `countries` when given."""
    records = read_geonames(path)
    if countries is not None:
        wanted = {code.upper() for code in countries}
        records = (record for record in records if record.country_code in wanted)
    return _load(records, progress=progress, total=None, from_dump=True)


def _load(
    records: Iterable[GazetteerRecord],
    *,
    progress: bool,
    total: int | None,
    from_dump: bool = False,
) -> LoadSummary:
    """Upsert the records chunk by chunk in one transaction.

    The bundle's keys are unique (the build makes them so); a user's dump may repeat a row
    (two overlapping country files joined), so for a dump a repeated key within a chunk keeps
    its last row and later chunks always look up what earlier ones wrote.
    """
    started = time.monotonic()
    tally = _Tally()
    with (
        transaction.atomic(),
        tqdm(total=total, disable=not progress, unit=" places", unit_scale=True) as bar,
    ):
        # Empty table: no look-ups at all, every row is new.
        may_exist = Place.objects.exists()
        iterator = iter(records)
        while chunk := list(islice(iterator, CHUNK)):
            size = len(chunk)
            if from_dump:
                chunk = list({(r.origin, r.source_id): r for r in chunk}.values())
            _load_chunk(chunk, tally, may_exist=may_exist, skip_bundled_ids=from_dump)
            may_exist = may_exist or from_dump
            bar.update(size)
        if tally.created >= ANALYZE_AFTER:
            _analyze()
    return tally.summary(time.monotonic() - started)


def _analyze() -> None:
    """Refresh the planner statistics of the place tables (the same statement on both backends)."""
    with connection.cursor() as cursor:
        for model in (Place, PlaceName):
            cursor.execute(f"ANALYZE {connection.ops.quote_name(model._meta.db_table)}")


def _values(record: GazetteerRecord) -> dict[str, Any]:
    min_lon, min_lat, max_lon, max_lat = record.envelope()
    return {
        "name": record.name[:MAX_NAME_LENGTH],
        "kind": record.kind,
        "feature_code": record.feature_code[:10],
        "country_code": record.country_code[:2],
        "admin1_code": record.admin1_code[:20],
        "admin2_code": record.admin2_code[:80],
        "population": record.population,
        "lat": record.lat,
        "lon": record.lon,
        "geometry": record.geometry,
        "min_lon": min_lon,
        "min_lat": min_lat,
        "max_lon": max_lon,
        "max_lat": max_lat,
        "geonameid": record.geonameid,
        "attribution": record.attribution[:300],
        "source_note": record.source_note,
    }


def _names(record: GazetteerRecord) -> dict[str, tuple[str, str]]:
    """Return normalized -> (name, language) for every name of a place, its main name first."""
    names: dict[str, tuple[str, str]] = {}
    for name, language in ((record.name, ""), *record.names):
        name = name[:MAX_NAME_LENGTH]
        key = normalize_name(name)[:MAX_NAME_LENGTH]
        if key and key not in names:
            names[key] = (name, language[:12])
    return names


def _chunks(items: list[Any], size: int = LOOKUP_CHUNK) -> Iterator[list[Any]]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _existing(chunk: list[GazetteerRecord]) -> dict[tuple[str, str], dict[str, Any]]:
    by_origin: dict[str, list[str]] = {}
    for record in chunk:
        by_origin.setdefault(record.origin, []).append(record.source_id)
    found: dict[tuple[str, str], dict[str, Any]] = {}
    for origin, source_ids in by_origin.items():
        for part in _chunks(source_ids):
            rows = Place.objects.filter(origin=origin, source_id__in=part).values(
                "id", "version", "origin", "source_id", *_VALUE_FIELDS
            )
            found.update({(row["origin"], row["source_id"]): row for row in rows})
    return found


def _bundled_geonameids(chunk: list[GazetteerRecord]) -> set[int]:
    """Return the GeoNames ids in the chunk that another place (a bundled country or admin-1
    unit) already carries, so a full dump does not add a second Syria or a second Idlib."""
    ids = [r.geonameid for r in chunk if r.geonameid is not None]
    taken: set[int] = set()
    for part in _chunks(ids):
        rows = Place.objects.filter(geonameid__in=part).values_list(
            "geonameid", "origin", "source_id"
        )
        taken.update(
            gid for gid, origin, source_id in rows if (origin, source_id) != ("geonames", str(gid))
        )
    return taken


def _load_chunk(
    chunk: list[GazetteerRecord], tally: _Tally, *, may_exist: bool, skip_bundled_ids: bool
) -> None:
    existing = _existing(chunk) if may_exist else {}
    taken = _bundled_geonameids(chunk) if skip_bundled_ids and may_exist else set()
    new_places: list[tuple[str, str]] = []
    new_values: list[dict[str, Any]] = []
    new_names: list[dict[str, tuple[str, str]]] = []
    changed: list[Place] = []
    to_check: dict[int, dict[str, tuple[str, str]]] = {}
    now = timezone.now()
    for record in chunk:
        tally.by_kind[record.kind] += 1
        if record.geonameid in taken:
            tally.skipped += 1
            continue
        values = _values(record)
        row = existing.get((record.origin, record.source_id))
        if row is None:
            new_places.append((record.origin, record.source_id))
            new_values.append(values)
            new_names.append(_names(record))
            continue
        if row["version"] > 1:
            tally.kept_curated += 1
            continue
        if any(row[name] != value for name, value in values.items()):
            changed.append(Place(id=row["id"], updated_at=now, **values))
            tally.updated += 1
        else:
            tally.unchanged += 1
        to_check[row["id"]] = _names(record)

    if new_places:
        ids = _insert_places(new_places, new_values, now)
        tally.created += len(new_places)
        name_rows = [
            (ids[key], name, normalized, language)
            for key, names in zip(new_places, new_names, strict=True)
            for normalized, (name, language) in names.items()
        ]
        _insert_names(name_rows)
        tally.names_created += len(name_rows)
    if changed:
        Place.objects.bulk_update(changed, [*_VALUE_FIELDS, "updated_at"])
    if to_check:
        _sync_names(to_check, tally)


def _sync_names(wanted: dict[int, dict[str, tuple[str, str]]], tally: _Tally) -> None:
    """Make the names of existing places match the files, touching only places that differ."""
    current: dict[int, dict[str, tuple[str, str]]] = {place_id: {} for place_id in wanted}
    for part in _chunks(list(wanted)):
        rows = PlaceName.objects.filter(place_id__in=part).values_list(
            "place_id", "normalized", "name", "language"
        )
        for place_id, key, name, language in rows:
            current[place_id][key] = (name, language)
    stale = [place_id for place_id, names in wanted.items() if current[place_id] != names]
    for part in _chunks(stale):
        deleted, _ = PlaceName.objects.filter(place_id__in=part).delete()
        tally.names_deleted += deleted
    rows = [
        (place_id, name, key, language)
        for place_id in stale
        for key, (name, language) in wanted[place_id].items()
    ]
    _insert_names(rows)
    tally.names_created += len(rows)


def _insert_rows(model: type[models.Model], columns: list[models.Field], rows: list[tuple]) -> None:
    """Insert rows with one prepared INSERT run for each (`executemany`)."""
    quote = connection.ops.quote_name
    names = ", ".join(quote(column.column) for column in columns)
    marks = ", ".join(["%s"] * len(columns))
    # Identifiers come from the model, quoted by the backend; values go as parameters.
    sql = f"INSERT INTO {quote(model._meta.db_table)} ({names}) VALUES ({marks})"  # noqa: S608
    with connection.cursor() as cursor:
        if connection.vendor == "postgresql":
            # COPY is PostgreSQL's bulk path: the bundle loaded in 167 s row by row, far less
            # this way. Same columns and adapted values as the INSERT below.
            table = quote(model._meta.db_table)
            with cursor.cursor.copy(f"COPY {table} ({names}) FROM STDIN") as copy:
                for row in rows:
                    copy.write_row(row)
        else:
            # sqlite3 reuses one prepared statement; multi-row VALUES measured slower here.
            cursor.executemany(sql, rows)


def _adapts(column: models.Field) -> bool:
    # Strings, numbers and None go to every driver as they are; JSON and datetimes need the
    # field's conversion (a JSON string on SQLite, a Jsonb wrapper on PostgreSQL).
    return isinstance(column, models.JSONField | models.DateTimeField)


def _insert_places(
    keys: list[tuple[str, str]], values: list[dict[str, Any]], now: Any
) -> dict[tuple[str, str], int]:
    """Insert new places and return their ids by (origin, source_id)."""
    columns = [f for f in Place._meta.concrete_fields if not f.primary_key]
    # Defaults cover the database's own columns (version) and any column added later; the
    # timestamps are the same for every row, so they are adapted once.
    base = {column.attname: column.get_default() for column in columns}
    base.update(created_at=now, updated_at=now)
    constant = {
        column.attname: column.get_db_prep_save(base[column.attname], connection)
        for column in columns
        if column.attname not in _VALUE_FIELDS and _adapts(column)
    }
    base.update(constant)
    adapted = [column.attname in _VALUE_FIELDS and _adapts(column) for column in columns]
    rows = []
    for (origin, source_id), row_values in zip(keys, values, strict=True):
        row = {**base, **row_values, "origin": origin, "source_id": source_id}
        rows.append(
            tuple(
                column.get_db_prep_save(row[column.attname], connection)
                if adapt and row[column.attname] is not None
                else row[column.attname]
                for column, adapt in zip(columns, adapted, strict=True)
            )
        )
    # Ids come from the sequence after this point, so a range scan on the primary key finds
    # the new rows whatever the planner's statistics say (a look-up by (origin, source_id)
    # right after a bulk insert ran at 0.1 s a query on PostgreSQL with stale statistics).
    floor = Place.objects.aggregate(top=Max("id"))["top"] or 0
    _insert_rows(Place, columns, rows)
    wanted = set(keys)
    ids = {
        (origin, source_id): pk
        for origin, source_id, pk in Place.objects.filter(id__gt=floor).values_list(
            "origin", "source_id", "id"
        )
        if (origin, source_id) in wanted
    }
    if len(ids) != len(wanted):  # pragma: no cover - would mean the insert lost rows
        raise RuntimeError(f"inserted {len(wanted)} places but found {len(ids)}")
    return ids


def _insert_names(rows: list[tuple[int, str, str, str]]) -> None:
    """Insert (place_id, name, normalized, language) rows."""
    columns = [PlaceName._meta.get_field(name) for name in ("place", "name", "normalized")]
    columns.append(PlaceName._meta.get_field("language"))
    others = [f for f in PlaceName._meta.concrete_fields if not f.primary_key and f not in columns]
    extra = tuple(f.get_db_prep_save(f.get_default(), connection) for f in others)
    _insert_rows(PlaceName, columns + others, [row + extra for row in rows])
