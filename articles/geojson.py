"""Claims as an RFC 7946 GeoJSON FeatureCollection ([lon, lat], WGS84).

The geometry is chosen by precision (UCDP GED where_prec) so that a vague place is never drawn
as a crisp point: 1 is a Point; 2 is a Point with a `radius_m` property (about 25 km); 3 to 7
are the place's own area (a relative region such as "east of the Euphrates" is a Place with its
derived polygon), else its bounding box, else a Point with a radius that says how vague it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal, NotRequired, TypedDict

from articles.claims import acled_type
from articles.models import Claim, Place

Position = list[float]


class PointGeometry(TypedDict):
    type: Literal["Point"]
    coordinates: Position


class PolygonGeometry(TypedDict):
    type: Literal["Polygon"]
    coordinates: list[list[Position]]


class OtherGeometry(TypedDict):
    """A stored place geometry passed through (MultiPolygon, LineString, …)."""

    type: str
    coordinates: Any


Geometry = PointGeometry | PolygonGeometry | OtherGeometry


class ClaimProperties(TypedDict):
    actor: str
    actor_id: int
    actor_colour: str
    relation: str
    second_actor: str | None
    claimant: str
    status: str
    review_status: str
    confidence: float
    precision: int | None
    place_name: str
    place_id: int
    mention_text: str
    quote: str
    article_id: int
    article_title: str
    article_url: str | None
    article_outlet: str
    article_published: str | None
    valid_from: str | None
    valid_to: str | None
    acled_event_type: str
    acled_sub_event_type: str
    # Corroboration: the claim's group (same actor, relation, place and nearby dates).
    group_id: int | None
    sources: int
    outlets: list[str]
    contested: bool
    radius_m: NotRequired[int]


class Feature(TypedDict):
    type: Literal["Feature"]
    id: int
    geometry: Geometry
    properties: ClaimProperties


class FeatureCollection(TypedDict):
    type: Literal["FeatureCollection"]
    features: list[Feature]
    # Foreign member (RFC 7946 section 6.1): matching claims left out because no place is known.
    skipped: int


class ClusterProperties(TypedDict):
    cluster: Literal[True]
    count: int
    bbox: list[float]


class ClusterFeature(TypedDict):
    type: Literal["Feature"]
    id: str
    geometry: PointGeometry
    properties: ClusterProperties


class ClusterCollection(TypedDict):
    type: Literal["FeatureCollection"]
    features: list[ClusterFeature]
    # Foreign members: the map draws counts instead of claims when `clustered` is true.
    clustered: Literal[True]
    total: int
    skipped: int


@dataclass(frozen=True, slots=True)
class ClaimCluster:
    """Claims whose places fall in one grid cell: their number, mean point and envelope."""

    key: str
    count: int
    lat: float
    lon: float
    bbox: tuple[float, float, float, float]


# Radius (metres) of the circle drawn when a place is vaguer than a point but has no area.
RADIUS_BY_PRECISION: dict[int | None, int] = {
    2: 25_000,
    3: 50_000,
    4: 100_000,
    5: 200_000,
    6: 300_000,
    7: 100_000,
    None: 25_000,
}
AREA_TYPES = frozenset({"Polygon", "MultiPolygon", "LineString", "MultiLineString"})


class ClaimRow(TypedDict):
    """One claim flattened with its actor, article, mention and place: what a Feature needs."""

    id: int
    relation: str
    claimant: str
    status: str
    review_status: str
    confidence: float
    quote: str
    valid_from: dt.date | None
    valid_to: dt.date | None
    actor_id: int
    actor: str
    actor_kind: str
    actor_colour: str
    second_actor: str | None
    article_id: int
    article_title: str
    article_url: str | None
    article_outlet: str
    article_published: dt.date | None
    mention_text: str | None
    precision: int | None
    place_id: int | None
    place_name: str | None
    lat: float | None
    lon: float | None
    min_lon: float | None
    min_lat: float | None
    max_lon: float | None
    max_lat: float | None
    group_id: int | None
    group_sources: int | None
    group_outlets: str | None  # one name a line (ClaimGroup.outlets)
    group_contested: bool | None


# Row key -> ORM lookup from Claim; queries.claim_rows reads exactly these columns.
ROW_LOOKUPS: dict[str, str] = {
    "id": "id",
    "relation": "relation",
    "claimant": "claimant",
    "status": "status",
    "review_status": "review_status",
    "confidence": "confidence",
    "quote": "quote",
    "valid_from": "valid_from",
    "valid_to": "valid_to",
    "actor_id": "actor_id",
    "actor": "actor__name",
    "actor_kind": "actor__kind",
    "actor_colour": "actor__colour",
    "second_actor": "second_actor__name",
    "article_id": "article_id",
    "article_title": "article__title",
    "article_url": "article__url",
    "article_outlet": "article__outlet",
    "article_published": "article__published",
    "mention_text": "mention__text",
    "precision": "mention__precision",
    "place_id": "mention__place_id",
    "place_name": "mention__place__name",
    "lat": "mention__place__lat",
    "lon": "mention__place__lon",
    "min_lon": "mention__place__min_lon",
    "min_lat": "mention__place__min_lat",
    "max_lon": "mention__place__max_lon",
    "max_lat": "mention__place__max_lat",
    "group_id": "group_id",
    "group_sources": "group__n_articles",
    "group_outlets": "group__outlets",
    "group_contested": "group__contested",
}


def build_feature_collection(claims: Iterable[Claim]) -> FeatureCollection:
    """Return model claims (with related rows loaded) as a FeatureCollection."""
    features: list[Feature] = []
    skipped = 0
    for claim in claims:
        feature = claim_feature(claim)
        if feature is None:
            skipped += 1
        else:
            features.append(feature)
    return {"type": "FeatureCollection", "features": features, "skipped": skipped}


def claim_feature(claim: Claim) -> Feature | None:
    """Return the claim as a Feature, or None when its mention has no place."""
    mention = claim.mention
    place = mention.place if mention is not None else None
    if mention is None or place is None:
        return None
    article = claim.article
    row: ClaimRow = {
        "id": claim.pk,
        "relation": claim.relation,
        "claimant": claim.claimant,
        "status": claim.status,
        "review_status": claim.review_status,
        "confidence": claim.confidence,
        "quote": claim.quote,
        "valid_from": claim.valid_from,
        "valid_to": claim.valid_to,
        "actor_id": claim.actor.pk,
        "actor": claim.actor.name,
        "actor_kind": claim.actor.kind,
        "actor_colour": claim.actor.colour,
        "second_actor": claim.second_actor.name if claim.second_actor else None,
        "article_id": article.pk,
        "article_title": article.title,
        "article_url": article.url,
        "article_outlet": article.outlet,
        "article_published": article.published,
        "mention_text": mention.text,
        "precision": mention.precision,
        "place_id": place.pk,
        "place_name": place.name,
        "lat": place.lat,
        "lon": place.lon,
        "min_lon": place.min_lon,
        "min_lat": place.min_lat,
        "max_lon": place.max_lon,
        "max_lat": place.max_lat,
        "group_id": claim.group_id,
        "group_sources": None,
        "group_outlets": None,
        "group_contested": None,
    }
    # `filtered_claims` joins the group; other callers may not have it loaded.
    group = claim.group if claim.group_id and Claim.group.is_cached(claim) else None
    if group is not None:
        row["group_sources"] = group.n_articles
        row["group_outlets"] = group.outlets
        row["group_contested"] = group.contested
    return feature_from_row(row, place.geometry)


def feature_from_row(row: ClaimRow, stored_geometry: Any) -> Feature | None:
    """Return the Feature of one flat claim row, or None when it has no place."""
    if row["place_id"] is None or row["lat"] is None or row["lon"] is None:
        return None
    precision = row["precision"]
    geometry, radius = place_geometry(row, stored_geometry, precision)
    event_type, sub_event_type = acled_types(row["relation"], row["actor_kind"])
    properties: ClaimProperties = {
        "actor": row["actor"],
        "actor_id": row["actor_id"],
        "actor_colour": row["actor_colour"],
        "relation": row["relation"],
        "second_actor": row["second_actor"],
        "claimant": row["claimant"],
        "status": row["status"],
        "review_status": row["review_status"],
        "confidence": round(row["confidence"], 3),
        "precision": precision,
        "place_name": row["place_name"] or "",
        "place_id": row["place_id"],
        "mention_text": row["mention_text"] or "",
        "quote": row["quote"],
        "article_id": row["article_id"],
        "article_title": row["article_title"],
        "article_url": row["article_url"] or None,
        "article_outlet": row["article_outlet"],
        "article_published": _iso(row["article_published"]),
        "valid_from": _iso(row["valid_from"]),
        "valid_to": _iso(row["valid_to"]),
        "acled_event_type": event_type,
        "acled_sub_event_type": sub_event_type,
        **_corroboration(row),
    }
    if radius is not None:
        properties["radius_m"] = radius
    return {"type": "Feature", "id": row["id"], "geometry": geometry, "properties": properties}


class _Corroboration(TypedDict):
    group_id: int | None
    sources: int
    outlets: list[str]
    contested: bool


def _corroboration(row: ClaimRow) -> _Corroboration:
    """Return the group properties of a row; an ungrouped claim is its own single source."""
    if row["group_id"] is None or row["group_sources"] is None:
        outlet = row["article_outlet"]
        return {
            "group_id": None,
            "sources": 1,
            "outlets": [outlet] if outlet else [],
            "contested": False,
        }
    return {
        "group_id": row["group_id"],
        "sources": row["group_sources"],
        "outlets": row["group_outlets"].split("\n") if row["group_outlets"] else [],
        "contested": bool(row["group_contested"]),
    }


def place_geometry(
    place: ClaimRow | Place, stored: Any, precision: int | None
) -> tuple[Geometry, int | None]:
    """Return the geometry drawn for a place at a precision, and a radius in metres if any.

    `place` is a claim row or a Place (anything with lat/lon and the envelope columns).
    """
    get = place.get if isinstance(place, dict) else place.__getattribute__
    point: PointGeometry = {"type": "Point", "coordinates": [_r(get("lon")), _r(get("lat"))]}
    if precision == 1:
        return point, None
    if precision == 2:
        return point, RADIUS_BY_PRECISION[2]
    if isinstance(stored, dict) and stored.get("type") in AREA_TYPES and stored.get("coordinates"):
        return {"type": stored["type"], "coordinates": stored["coordinates"]}, None
    envelope = _envelope_polygon(get("min_lon"), get("min_lat"), get("max_lon"), get("max_lat"))
    if envelope is not None:
        return envelope, None
    return point, RADIUS_BY_PRECISION.get(precision, RADIUS_BY_PRECISION[None])


def _envelope_polygon(
    w: float | None, s: float | None, e: float | None, n: float | None
) -> PolygonGeometry | None:
    """Return a bbox as a counter-clockwise polygon, or None if it is missing or a point."""
    if w is None or s is None or e is None or n is None:
        return None
    w, s, e, n = _r(w), _r(s), _r(e), _r(n)
    if w >= e or s >= n:
        return None
    return {"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]}


def cluster_collection(clusters: Iterable[ClaimCluster]) -> ClusterCollection:
    """Return grid clusters as a FeatureCollection of counted points (RFC 7946)."""
    features: list[ClusterFeature] = [
        {
            "type": "Feature",
            "id": f"cluster:{c.key}",
            "geometry": {"type": "Point", "coordinates": [_r(c.lon), _r(c.lat)]},
            "properties": {"cluster": True, "count": c.count, "bbox": [_r(v) for v in c.bbox]},
        }
        for c in clusters
    ]
    total = sum(f["properties"]["count"] for f in features)
    return {
        "type": "FeatureCollection",
        "features": features,
        "clustered": True,
        "total": total,
        "skipped": 0,
    }


def acled_types(relation: str, actor_kind: str = "") -> tuple[str, str]:
    """Return the nearest ACLED (event type, sub-event type) for a relation by such an actor."""
    return acled_type(relation, actor_kind)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _r(value: float) -> float:
    # Six decimals is ~0.1 m: more would only bloat the download.
    return round(value, 6)
