"""Value types of the geoparser (ORM-free)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

RoleName = Literal["literal", "metonym"]
MethodName = Literal["gazetteer", "relative", "geocoder"]


@dataclass(frozen=True, slots=True)
class PlaceRecord:
    """One gazetteer place as the in-memory matcher sees it (a row of the Place table)."""

    id: int
    name: str
    kind: str  # a PlaceKind value: populated, admin1, admin2, country, site, river, lake, sea, …
    feature_code: str
    country_code: str
    admin1_code: str
    population: int
    lat: float
    lon: float
    bbox: tuple[float, float, float, float] | None = None  # (min_lon, min_lat, max_lon, max_lat)


@dataclass(frozen=True, slots=True)
class Candidate:
    place_id: int
    name: str
    score: float


@dataclass(frozen=True, slots=True)
class Region:
    """A geometry derived for a relative or vague place ("northern Syria", "east of the Euphrates").

    `key` is stable for the same region (e.g. "part:north:SY"), so the service stores each
    region once as a Place with origin "derived" and source_id = key.
    """

    key: str
    name: str
    geometry: dict[str, Any]  # GeoJSON geometry, [lon, lat]
    lat: float  # representative point inside the geometry
    lon: float
    country_code: str = ""


@dataclass(frozen=True, slots=True)
class ResolvedMention:
    start: int
    end: int
    text: str
    role: RoleName = "literal"
    place_id: int | None = None  # None when unresolved, or when `region` is set
    precision: int | None = None  # UCDP where_prec 1..7
    method: MethodName = "gazetteer"
    lat: float | None = None
    lon: float | None = None
    candidates: tuple[Candidate, ...] = field(default_factory=tuple)
    region: Region | None = None
    anchor_place_id: int | None = None  # the named place a region or "near X" is built on
    is_dateline: bool = False
    # An adjective or plural of nationality ("Turkish", "the Syrians") read as a mention of the
    # country (precision 6). It is never a claim location: it names who, not where.
    is_demonym: bool = False
