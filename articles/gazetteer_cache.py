"""The process-wide in-memory gazetteer: a derived cache of the Place and PlaceName tables.

The tables are the source of truth (DESIGN decision 3). A cheap fingerprint query (row counts,
newest edit, highest ids) tells when they changed; the built matcher is also pickled under a
cache directory keyed by that fingerprint, so a new process loads it in about a second instead
of rebuilding it from a million name rows. A pickle never outlives the fingerprint it was
built for, so it can never disagree with the tables.
"""

from __future__ import annotations

import functools
import gc
import hashlib
import logging
import os
import pickle
import tempfile
import threading
import time
from pathlib import Path

import shapely
from django.conf import settings
from django.db.models import Count, Max
from shapely.geometry import shape

from articles.geoparse import Gazetteer, PlaceRecord
from articles.models import Place, PlaceName

logger = logging.getLogger(__name__)

# Bump when the cache's own layout changes; changes to the geoparser's code that builds the
# indexes are caught by _code_version() below.
CACHE_FORMAT = "gazetteer-v6"
# Kinds whose geometry the geoparser reads (regions, river banks, borders); points need none.
_GEOMETRY_KINDS = ("country", "admin1", "admin2", "river", "lake", "other", "sea")

# Places the pipeline itself creates (relative regions, online geocoder answers) are not in the
# matcher; leaving them out of the fingerprint keeps processing an article from invalidating it.
_NOT_MATCHED_ORIGINS = ("derived", "geocoder")

_lock = threading.Lock()
_cached: tuple[str, Gazetteer] | None = None
# The fingerprint query scans the name table (~0.2 s on the full gazetteer), too much to run for
# every article; within this many seconds of the last check the cached matcher is trusted.
_checked_at = 0.0


def cache_dir() -> Path:
    """Return the directory of the pickled gazetteers: GAZETTEER_CACHE_DIR or the temp dir."""
    configured = getattr(settings, "GAZETTEER_CACHE_DIR", None)
    return Path(configured) if configured else Path(tempfile.gettempdir()) / "conflictmap-gazetteer"


@functools.cache
def _code_version() -> str:
    """Return a hash of the modules whose code shapes the pickled gazetteer."""
    import articles.geoparse as package

    digest = hashlib.sha256()
    for name in ("gazetteer.py", "lexicon.py", "normalize.py", "types.py"):
        digest.update((Path(package.__file__).parent / name).read_bytes())
    return digest.hexdigest()[:12]


def fingerprint() -> str:
    """Return a short hash that changes whenever the Place or PlaceName tables change."""
    places = Place.objects.exclude(origin__in=_NOT_MATCHED_ORIGINS).aggregate(
        n=Count("id"), top=Max("id"), edited=Max("updated_at")
    )
    names = PlaceName.objects.exclude(place__origin__in=_NOT_MATCHED_ORIGINS).aggregate(
        n=Count("id"), top=Max("id")
    )
    database = settings.DATABASES["default"]
    raw = "|".join(
        str(part)
        for part in (
            CACHE_FORMAT,
            _code_version(),
            database.get("ENGINE"),
            database.get("NAME"),
            places["n"],
            places["top"],
            places["edited"],
            names["n"],
            names["top"],
        )
    )
    return hashlib.sha256(raw.encode()).hexdigest()[:20]


def get_gazetteer() -> Gazetteer:
    """Return the gazetteer of the current tables, rebuilt or reloaded when they changed.

    Changes are noticed within settings.CONFLICTMAP_GAZETTEER_CHECK_SECONDS.
    """
    global _cached, _checked_at
    cached = _cached
    now = time.monotonic()
    if cached is not None and now - _checked_at < settings.CONFLICTMAP_GAZETTEER_CHECK_SECONDS:
        return cached[1]
    key = fingerprint()
    _checked_at = now
    if cached is not None and cached[0] == key:
        return cached[1]
    with _lock:
        if _cached is not None and _cached[0] == key:
            return _cached[1]
        # The gazetteer is a few million long-lived objects: the cyclic garbage collector would
        # walk them all on every full collection (while loading, and later in the middle of
        # geoparsing), so it is paused while they are made and they are then frozen out of it.
        gc.disable()
        try:
            gazetteer = _read_pickle(key)
            if gazetteer is None:
                gazetteer = build_from_database()
                _write_pickle(key, gazetteer)
        finally:
            gc.enable()
        gc.freeze()
        _cached = (key, gazetteer)
        return gazetteer


def clear_gazetteer_cache() -> None:
    """Forget the in-process gazetteer (tests; the fingerprint normally makes this unneeded)."""
    global _cached, _checked_at
    with _lock:
        _cached = None
        _checked_at = 0.0


def build_from_database() -> Gazetteer:
    """Return a gazetteer built from the Place and PlaceName tables."""
    rows = (
        Place.objects.exclude(origin__in=_NOT_MATCHED_ORIGINS)
        .values_list(
            "id",
            "name",
            "kind",
            "feature_code",
            "country_code",
            "admin1_code",
            "population",
            "lat",
            "lon",
            "min_lon",
            "min_lat",
            "max_lon",
            "max_lat",
        )
        .iterator(chunk_size=20_000)
    )
    places = (
        PlaceRecord(
            id=pid,
            name=name,
            kind=kind,
            feature_code=feature_code,
            country_code=country_code,
            admin1_code=admin1_code,
            population=population or 0,
            lat=lat,
            lon=lon,
            bbox=(min_lon, min_lat, max_lon, max_lat) if min_lon is not None else None,
        )
        for (
            pid,
            name,
            kind,
            feature_code,
            country_code,
            admin1_code,
            population,
            lat,
            lon,
            min_lon,
            min_lat,
            max_lon,
            max_lat,
        ) in rows
    )
    names = (
        PlaceName.objects.exclude(place__origin__in=_NOT_MATCHED_ORIGINS)
        .values_list("place_id", "name")
        .iterator(chunk_size=50_000)
    )
    # Converted row by row to WKB, so the GeoJSON of every country is never all in memory.
    geometries = {
        pid: shapely.to_wkb(shape(geometry))
        for pid, geometry in Place.objects.filter(kind__in=_GEOMETRY_KINDS, geometry__isnull=False)
        .exclude(origin__in=_NOT_MATCHED_ORIGINS)
        .values_list("id", "geometry")
        .iterator(chunk_size=200)
        if geometry
    }
    return Gazetteer.build(places, names, geometries)


def _database_tag() -> str:
    database = settings.DATABASES["default"]
    raw = f"{database.get('ENGINE')}|{database.get('NAME')}|{database.get('HOST', '')}"
    return hashlib.sha256(raw.encode()).hexdigest()[:8]


def _pickle_path(key: str) -> Path:
    return cache_dir() / f"{CACHE_FORMAT}-{_database_tag()}-{key}.pickle"


def _read_pickle(key: str) -> Gazetteer | None:
    path = _pickle_path(key)
    try:
        with path.open("rb") as handle:
            # The file is written by this process's code under the project's own cache dir.
            unpickler = pickle.Unpickler(handle)  # noqa: S301
            count = unpickler.load()
            gazetteer = Gazetteer.from_state(dict(unpickler.load() for _ in range(count)))
    except FileNotFoundError:
        return None
    except (
        OSError,
        pickle.UnpicklingError,
        EOFError,
        AttributeError,
        ImportError,
        TypeError,
        ValueError,
    ) as error:
        logger.warning("Ignoring unreadable gazetteer cache %s: %s", path, error)
        return None
    return gazetteer if isinstance(gazetteer, Gazetteer) else None


def _write_pickle(key: str, gazetteer: Gazetteer) -> None:
    directory = cache_dir()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        # Stale fingerprints of this database: its tables changed since.
        for old in directory.glob(f"{CACHE_FORMAT}-{_database_tag()}-*.pickle"):
            old.unlink(missing_ok=True)
        handle, temporary = tempfile.mkstemp(dir=directory, suffix=".tmp")
        with os.fdopen(handle, "wb") as out:
            # One part at a time, forgetting the pickler's memo in between: a single dump
            # would keep a reference to every one of the millions of objects at once.
            pickler = pickle.Pickler(out, protocol=pickle.HIGHEST_PROTOCOL)
            state = gazetteer.__getstate__()
            pickler.dump(len(state))
            for item in state.items():
                pickler.dump(item)
                pickler.clear_memo()
        os.replace(temporary, _pickle_path(key))
    except OSError as error:
        # A read-only checkout still works: it rebuilds from the tables in each process.
        logger.warning("Could not write the gazetteer cache in %s: %s", directory, error)
