"""Claims as an RFC 7946 GeoJSON FeatureCollection ([lon, lat], WGS84).

The geometry is chosen by precision (UCDP GED where_prec) so that a vague place is never drawn
as a crisp point: 1 is a Point; 2 is a Point with a `radius_m` property (about 25 km); 3 to 7
are the place's own area (a relative region such as "east of the Euphrates" is a Place with its
derived polygon), else its bounding box, else a Point with a radius that says how vague it is.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
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


def build_feature_collection(claims: Iterable[Claim]) -> FeatureCollection:
    """Return the claims as a FeatureCollection; claims without a place are counted as skipped."""
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
    precision = mention.precision
    geometry, radius = place_geometry(place, precision)
    event_type, sub_event_type = acled_types(claim.relation, claim.actor.kind)
    article = claim.article
    properties: ClaimProperties = {
        "actor": claim.actor.name,
        "actor_id": claim.actor.pk,
        "actor_colour": claim.actor.colour,
        "relation": claim.relation,
        "second_actor": claim.second_actor.name if claim.second_actor else None,
        "claimant": claim.claimant,
        "status": claim.status,
        "review_status": claim.review_status,
        "confidence": round(claim.confidence, 3),
        "precision": precision,
        "place_name": place.name,
        "place_id": place.pk,
        "mention_text": mention.text,
        "quote": claim.quote,
        "article_id": article.pk,
        "article_title": article.title,
        "article_url": article.url or None,
        "article_outlet": article.outlet,
        "article_published": _iso(article.published),
        "valid_from": _iso(claim.valid_from),
        "valid_to": _iso(claim.valid_to),
        "acled_event_type": event_type,
        "acled_sub_event_type": sub_event_type,
    }
    if radius is not None:
        properties["radius_m"] = radius
    return {"type": "Feature", "id": claim.pk, "geometry": geometry, "properties": properties}


def place_geometry(place: Place, precision: int | None) -> tuple[Geometry, int | None]:
    """Return the geometry drawn for a place at a precision, and a radius in metres if any."""
    point: PointGeometry = {"type": "Point", "coordinates": [_r(place.lon), _r(place.lat)]}
    if precision == 1:
        return point, None
    if precision == 2:
        return point, RADIUS_BY_PRECISION[2]
    stored = place.geometry
    if isinstance(stored, dict) and stored.get("type") in AREA_TYPES and stored.get("coordinates"):
        return {"type": stored["type"], "coordinates": stored["coordinates"]}, None
    envelope = _envelope_polygon(place)
    if envelope is not None:
        return envelope, None
    return point, RADIUS_BY_PRECISION.get(precision, RADIUS_BY_PRECISION[None])


def _envelope_polygon(place: Place) -> PolygonGeometry | None:
    """Return the place's bbox as a counter-clockwise polygon, or None if it is a point."""
    bounds = (place.min_lon, place.min_lat, place.max_lon, place.max_lat)
    if any(v is None for v in bounds):
        return None
    w, s, e, n = (_r(v) for v in bounds)  # type: ignore[arg-type]
    if w >= e or s >= n:
        return None
    return {"type": "Polygon", "coordinates": [[[w, s], [e, s], [e, n], [w, n], [w, s]]]}


def acled_types(relation: str, actor_kind: str = "") -> tuple[str, str]:
    """Return the nearest ACLED (event type, sub-event type) for a relation by such an actor."""
    return acled_type(relation, actor_kind)


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def _r(value: float) -> float:
    # Six decimals is ~0.1 m: more would only bloat the download.
    return round(value, 6)
