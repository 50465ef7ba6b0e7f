"""Geometries of relative and vague places, built with shapely over the gazetteer's shapes."""

from __future__ import annotations

import json
import math
from typing import Any

import shapely
from shapely import affinity
from shapely.geometry import LineString, MultiLineString, Point, Polygon, box
from shapely.ops import split, unary_union

from .types import Region

KM_PER_DEGREE = 111.32
# Unit vectors (east, north) of the direction words.
DIRECTIONS = {
    "north": (0.0, 1.0),
    "south": (0.0, -1.0),
    "east": (1.0, 0.0),
    "west": (-1.0, 0.0),
    "northeast": (1.0, 1.0),
    "northwest": (-1.0, 1.0),
    "southeast": (1.0, -1.0),
    "southwest": (-1.0, -1.0),
}
_SIMPLIFY = 0.01  # degrees (~1 km): enough for a map, keeps stored geometries small


def region_from_geometry(key: str, name: str, geometry: Any, country_code: str = "") -> Region:
    """Return a Region for a shapely geometry, with a point inside it."""
    geometry = shapely.set_precision(geometry.simplify(_SIMPLIFY, preserve_topology=True), 0.00001)
    # The centroid is the natural centre; for a crescent or a river bank it can fall outside,
    # and then a point guaranteed inside it is used.
    point = geometry.centroid
    if not geometry.buffer(1e-9).contains(point):
        point = geometry.representative_point()
    return Region(
        key=key,
        name=name,
        geometry=json.loads(shapely.to_geojson(geometry)),
        lat=round(point.y, 5),
        lon=round(point.x, 5),
        country_code=country_code,
    )


# Parts of a country further than this (degrees) from its main land mass and the parts near it
# are overseas: "the south of France" is not French Guiana, "western US" not Hawaii.
_OVERSEAS_DEGREES = 5.0


def home_parts(shape: Any) -> Any:
    """Return the main land mass of an area and the parts chained to it within a few degrees
    (Corsica with France, an archipelago's islands), without overseas parts."""
    parts = list(getattr(shape, "geoms", ()))
    if len(parts) < 2:
        return shape
    tree = shapely.STRtree(parts)
    home = {max(range(len(parts)), key=lambda i: parts[i].area)}
    frontier = list(home)
    while frontier:
        near = tree.query(
            [parts[i] for i in frontier], predicate="dwithin", distance=_OVERSEAS_DEGREES
        )[1]
        frontier = [int(i) for i in set(near.tolist()) - home]
        home.update(frontier)
    # The parts of one multipolygon are already disjoint: no union needed.
    return shape if len(home) == len(parts) else type(shape)([parts[i] for i in sorted(home)])


def direction_part(shape: Any, direction: str) -> Any:
    """Return the part of an area lying in a direction ("north", "southeast", "central").

    A cardinal direction keeps the half of the bounding box on that side; an intercardinal one
    keeps the 60 % on each of its two sides, so "southeastern Syria" still reaches Al Tanf.
    """
    min_x, min_y, max_x, max_y = shape.bounds
    width, height = max_x - min_x, max_y - min_y
    if direction == "central":
        clip = box(
            min_x + width * 0.25, min_y + height * 0.25, max_x - width * 0.25, max_y - height * 0.25
        )
        return shape.intersection(clip)
    dx, dy = DIRECTIONS[direction]
    share = 0.5 if dx == 0 or dy == 0 else 0.6
    x0, x1 = min_x, max_x
    y0, y1 = min_y, max_y
    if dx > 0:
        x0 = max_x - width * share
    elif dx < 0:
        x1 = min_x + width * share
    if dy > 0:
        y0 = max_y - height * share
    elif dy < 0:
        y1 = min_y + height * share
    part = shape.intersection(box(x0, y0, x1, y1))
    return part if not part.is_empty else shape


def _ordered_line(line: Any) -> LineString | None:
    # A river clipped to a country can come in pieces (lakes, islands, side channels): order its
    # vertices along the river's overall direction to get one line that crosses the country.
    coords = list({c[:2] for part in _line_parts(line) for c in part.coords})
    if len(coords) < 2:
        return None
    span_x = max(c[0] for c in coords) - min(c[0] for c in coords)
    span_y = max(c[1] for c in coords) - min(c[1] for c in coords)
    ends = sorted(coords, key=lambda c: c[0] if span_x >= span_y else c[1])
    vx, vy = ends[-1][0] - ends[0][0], ends[-1][1] - ends[0][1]
    ordered = sorted(coords, key=lambda c: c[0] * vx + c[1] * vy)
    return LineString(ordered).simplify(0.05)


def _line_parts(line: Any) -> list[LineString]:
    if isinstance(line, LineString):
        return [line]
    if isinstance(line, MultiLineString):
        return list(line.geoms)
    if hasattr(line, "geoms"):
        return [part for geom in line.geoms for part in _line_parts(geom)]
    return []


def river_side(area: Any, river: Any, direction: str) -> Any | None:
    """Return the part of an area on one side of a river ("east" of the Euphrates in Syria)."""
    clipped = river.intersection(area.buffer(0.2))
    line = _ordered_line(clipped)
    if line is None:
        return None
    coords = list(line.coords)
    # Extend both ends far outside the area so the line cuts it in two.
    (ax, ay), (bx, by) = coords[0], coords[1]
    (cx, cy), (dx, dy) = coords[-2], coords[-1]
    start = _extend((bx, by), (ax, ay), 100.0)
    end = _extend((cx, cy), (dx, dy), 100.0)
    cutter = LineString([start, *coords, end])
    min_x, min_y, max_x, max_y = area.bounds
    frame = box(min_x - 20, min_y - 20, max_x + 20, max_y + 20)
    pieces = list(split(frame, cutter).geoms)
    if len(pieces) < 2:
        return None
    ux, uy = DIRECTIONS[direction]
    chosen = []
    for piece in pieces:
        point = piece.representative_point()
        nearest = line.interpolate(line.project(point))
        if (point.x - nearest.x) * ux + (point.y - nearest.y) * uy > 0:
            chosen.append(piece)
    if not chosen:
        return None
    side = area.intersection(unary_union(chosen))
    return side if not side.is_empty else None


def _extend(a: tuple[float, float], b: tuple[float, float], length: float) -> tuple[float, float]:
    # The point `length` degrees beyond b on the ray a -> b.
    vx, vy = b[0] - a[0], b[1] - a[1]
    norm = math.hypot(vx, vy) or 1.0
    return (b[0] + vx / norm * length, b[1] + vy / norm * length)


def circle(lat: float, lon: float, radius_km: float) -> Polygon:
    """Return a circle of a radius in km around a point (an ellipse in degrees)."""
    radius = radius_km / KM_PER_DEGREE
    shape = Point(lon, lat).buffer(radius, 32)
    return affinity.scale(shape, xfact=1 / max(math.cos(math.radians(lat)), 0.05), yfact=1.0)


def offset_point(lat: float, lon: float, distance_km: float, direction: str) -> tuple[float, float]:
    """Return the point a distance in km away from (lat, lon) in a direction word's bearing."""
    dx, dy = DIRECTIONS[direction]
    norm = math.hypot(dx, dy)
    north_km, east_km = distance_km * dy / norm, distance_km * dx / norm
    new_lat = lat + north_km / KM_PER_DEGREE
    new_lon = lon + east_km / (KM_PER_DEGREE * max(math.cos(math.radians(lat)), 0.05))
    return new_lat, new_lon


def border_band(first: Any, second: Any, width_km: float = 10.0) -> Any | None:
    """Return a band along the shared border of two areas, `width_km` wide on each side."""
    width = width_km / KM_PER_DEGREE
    tolerance = 0.02
    # Most pairs tried are not neighbours, and the simplifying and buffering below are costly
    # for a large country. Simplifying moves a boundary by at most the tolerance and a buffer
    # stays inside the true one, so areas further apart than the width plus twice the tolerance
    # cannot touch below: bounding boxes first, then the exact (indexed) distance test.
    a0, a1, a2, a3 = first.bounds
    b0, b1, b2, b3 = second.bounds
    if a0 - width > b2 or b0 - width > a2 or a1 - width > b3 or b1 - width > a3:
        return None
    if not shapely.dwithin(first, second, width + 2 * tolerance + 1e-6):
        return None
    a = first.simplify(tolerance, preserve_topology=True)
    b = second.simplify(tolerance, preserve_topology=True)
    a_band = a.buffer(width)
    if not a_band.intersects(b):
        return None
    band = a_band.intersection(b.buffer(width))
    band = band.intersection(unary_union([a, b]).buffer(0))
    return band if not band.is_empty else None


def between_band(lat1: float, lon1: float, lat2: float, lon2: float) -> Any:
    """Return the corridor between two points: their segment buffered by a fifth of its length."""
    line = LineString([(lon1, lat1), (lon2, lat2)])
    return line.buffer(max(line.length * 0.2, 5 / KM_PER_DEGREE))


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 6371.0088 * 2 * math.asin(min(1.0, math.sqrt(a)))
