"""Validate a GeoJSON FeatureCollection of curated places and areas (ORM-free).

`parse_place_features` returns every feature as a `PlaceInput` or raises `PlaceImportError`
listing every problem, each naming the feature (index and name) and what is wrong, so a curator
can fix the whole file in one pass. `services.import_places` stores the result atomically.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from shapely.geometry import shape
from shapely.validation import explain_validity

PLACE_KINDS = ("populated", "admin1", "admin2", "country", "site", "river", "lake", "sea", "other")
GEOMETRY_TYPES = ("Point", "LineString", "MultiLineString", "Polygon", "MultiPolygon")
MAX_FEATURES = 50_000


class PlaceImportError(Exception):
    def __init__(self, problems: list[str]) -> None:
        super().__init__("; ".join(problems[:20]) + (" …" if len(problems) > 20 else ""))
        self.problems = problems


@dataclass(frozen=True, slots=True)
class PlaceInput:
    source_id: str
    name: str
    kind: str
    lat: float
    lon: float
    geometry: dict[str, Any] | None  # None for a point: the point columns hold it
    bbox: tuple[float, float, float, float]
    country_code: str = ""
    feature_code: str = ""
    alternate_names: tuple[str, ...] = ()
    source_note: str = ""


def slugify_name(name: str) -> str:
    """Return an ascii slug for a place name, used as its id when the feature has none."""
    ascii_name = unicodedata.normalize("NFKD", name).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_name.lower()).strip("-")
    return slug or "place"


def _check_positions(coords: Any, problems: list[str], where: str) -> None:
    if isinstance(coords, (list, tuple)) and coords and isinstance(coords[0], (int, float)):
        if len(coords) < 2 or not all(
            isinstance(v, (int, float)) and math.isfinite(v) for v in coords
        ):
            problems.append(f"{where}: a position must be [longitude, latitude] numbers")
            return
        lon, lat = coords[0], coords[1]
        if not (-180 <= lon <= 180 and -90 <= lat <= 90):
            problems.append(
                f"{where}: position [{lon}, {lat}] is outside longitude -180..180 / "
                "latitude -90..90 (GeoJSON is [longitude, latitude])"
            )
    elif isinstance(coords, (list, tuple)) and coords:
        for item in coords:
            _check_positions(item, problems, where)
    else:
        problems.append(f"{where}: coordinates are missing or empty")


def _feature(index: int, feature: Any, problems: list[str]) -> PlaceInput | None:
    props = feature.get("properties") if isinstance(feature, dict) else None
    label = (
        props.get("name") if isinstance(props, dict) and isinstance(props.get("name"), str) else ""
    )
    where = f"feature {index}" + (f" ({label!r})" if label else "")
    if not isinstance(feature, dict) or feature.get("type") != "Feature":
        problems.append(f"{where}: not a GeoJSON Feature")
        return None
    if not isinstance(props, dict):
        problems.append(f"{where}: properties must be an object")
        return None
    before = len(problems)
    name = " ".join(label.split())
    if not name:
        problems.append(f"{where}: properties.name is required")
    elif len(name) > 200:
        problems.append(f"{where}: properties.name is longer than 200 characters")
    geometry = feature.get("geometry")
    if not isinstance(geometry, dict) or geometry.get("type") not in GEOMETRY_TYPES:
        kind_name = geometry.get("type") if isinstance(geometry, dict) else geometry
        problems.append(
            f"{where}: geometry must be one of {', '.join(GEOMETRY_TYPES)}, got {kind_name!r}"
        )
        return None
    _check_positions(geometry.get("coordinates"), problems, f"{where}: geometry")
    kind = props.get("kind") or ("site" if geometry["type"] == "Point" else "other")
    if kind not in PLACE_KINDS:
        problems.append(f"{where}: kind {kind!r} is not one of {', '.join(PLACE_KINDS)}")
    country = props.get("country_code") or ""
    if country and not (isinstance(country, str) and re.fullmatch(r"[A-Za-z]{2}", country)):
        problems.append(f"{where}: country_code must be two letters (ISO 3166-1), got {country!r}")
    alternates = props.get("alternate_names") or []
    if not isinstance(alternates, list) or not all(isinstance(n, str) for n in alternates):
        problems.append(f"{where}: alternate_names must be a list of strings")
        alternates = []
    if len(problems) > before:
        return None
    try:
        geom = shape(geometry)
    except (ValueError, TypeError, AttributeError, IndexError) as exc:
        problems.append(f"{where}: geometry cannot be read: {exc}")
        return None
    if geom.is_empty:
        problems.append(f"{where}: geometry is empty")
        return None
    if not geom.is_valid:
        problems.append(f"{where}: invalid geometry: {explain_validity(geom)}")
        return None
    point = geom if geometry["type"] == "Point" else geom.representative_point()
    raw_id = feature.get("id", props.get("id"))
    source_id = str(raw_id) if raw_id not in (None, "") else slugify_name(name)
    return PlaceInput(
        source_id=source_id[:120],
        name=name,
        kind=kind,
        lat=point.y,
        lon=point.x,
        geometry=None if geometry["type"] == "Point" else geometry,
        bbox=tuple(geom.bounds),  # type: ignore[arg-type]
        country_code=country.upper(),
        feature_code=str(props.get("feature_code") or "")[:10],
        alternate_names=tuple(" ".join(n.split())[:200] for n in alternates if n.strip()),
        source_note=str(props.get("source_note") or ""),
    )


def parse_place_features(raw: str | bytes) -> list[PlaceInput]:
    """Return the places of a GeoJSON FeatureCollection; raise PlaceImportError on any problem."""
    try:
        data = json.loads(raw)
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise PlaceImportError([f"not valid JSON: {exc}"]) from exc
    if not isinstance(data, dict) or data.get("type") != "FeatureCollection":
        raise PlaceImportError(["the file must be a GeoJSON FeatureCollection"])
    features = data.get("features")
    if not isinstance(features, list) or not features:
        raise PlaceImportError(["the FeatureCollection has no features"])
    if len(features) > MAX_FEATURES:
        raise PlaceImportError([f"{len(features):,} features; the limit is {MAX_FEATURES:,}"])
    problems: list[str] = []
    places = [_feature(index, feature, problems) for index, feature in enumerate(features)]
    seen: dict[str, int] = {}
    for index, place in enumerate(places):
        if place is None:
            continue
        if place.source_id in seen:
            problems.append(
                f"feature {index} ({place.name!r}): id {place.source_id!r} "
                f"repeats feature {seen[place.source_id]}"
            )
        seen[place.source_id] = index
    if problems:
        raise PlaceImportError(problems)
    return [place for place in places if place is not None]
