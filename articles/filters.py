"""The one claim filter (DESIGN decision 6): parsed once from query parameters, used everywhere.

The map page, `/claims.geojson` and any other export read the same `ClaimFilter`, so a download
holds exactly what the map shows. Parsing validates every value and raises `FilterError` with a
message meant for the user; views turn it into a 400 response.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Protocol
from urllib.parse import urlencode

from articles.models import ClaimStatus, Precision, Relation, ReviewStatus

# Bounds on user input: enough for any real use, small enough that a crafted URL cannot build
# a query with thousands of OR terms.
MAX_VALUES_PER_PARAMETER = 50
MAX_TEXT_LENGTH = 200

# Without an explicit `review` filter, claims a curator rejected stay hidden.
DEFAULT_REVIEW_STATUSES: tuple[str, ...] = tuple(
    s for s in ReviewStatus.values if s != ReviewStatus.REJECTED
)

PARAMETERS = (
    "actor",
    "relation",
    "claimant",
    "outlet",
    "review",
    "status",
    "precision",
    "date_from",
    "date_to",
    "bbox",
    "q",
    "article",
)


class QueryParams(Protocol):
    """What the parser reads: Django's QueryDict or any mapping of lists."""

    def getlist(self, key: str) -> list[str]: ...


class FilterError(ValueError):
    """A query parameter has a value the filter cannot use."""

    def __init__(self, parameter: str, message: str) -> None:
        super().__init__(f"{parameter}: {message}")
        self.parameter = parameter
        self.message = message


@dataclass(frozen=True, slots=True)
class BBox:
    min_lon: float
    min_lat: float
    max_lon: float
    max_lat: float

    @property
    def crosses_antimeridian(self) -> bool:
        return self.min_lon > self.max_lon

    def as_param(self) -> str:
        return ",".join(_format_float(v) for v in self.as_tuple())

    def as_tuple(self) -> tuple[float, float, float, float]:
        return (self.min_lon, self.min_lat, self.max_lon, self.max_lat)


@dataclass(frozen=True, slots=True)
class ClaimFilter:
    """Which claims to show; empty fields do not filter.

    `actors` holds database ids or names (case-insensitive); an empty `review` means every
    status except rejected. Dates select claims whose validity interval overlaps the range; a claim
    without `valid_from`/`valid_to` is open on that side.
    """

    actors: tuple[str, ...] = ()
    relations: tuple[str, ...] = ()
    claimant: str = ""
    outlet: str = ""
    review: tuple[str, ...] = ()
    statuses: tuple[str, ...] = ()
    precisions: tuple[int, ...] = ()
    date_from: dt.date | None = None
    date_to: dt.date | None = None
    bbox: BBox | None = None
    q: str = ""
    article: int | None = None

    @classmethod
    def from_params(cls, params: QueryParams | Mapping[str, Sequence[str]]) -> ClaimFilter:
        """Return the filter described by query parameters, or raise FilterError."""
        get = _getter(params)
        actors = _unique(_values(get, "actor"))
        for actor in actors:
            if len(actor) > MAX_TEXT_LENGTH:
                raise FilterError("actor", f"an actor name is longer than {MAX_TEXT_LENGTH}")
        relations = _choices(get, "relation", Relation.values)
        review = _choices(get, "review", ReviewStatus.values)
        statuses = _choices(get, "status", ClaimStatus.values)
        precisions = tuple(sorted({_precision(v) for v in _values(get, "precision")}))
        date_from = _date(get, "date_from")
        date_to = _date(get, "date_to")
        if date_from and date_to and date_from > date_to:
            raise FilterError("date_to", "must not be before date_from")
        return cls(
            actors=actors,
            relations=relations,
            claimant=_text(get, "claimant"),
            outlet=_text(get, "outlet"),
            review=review,
            statuses=statuses,
            precisions=precisions,
            date_from=date_from,
            date_to=date_to,
            bbox=_bbox(get),
            q=_text(get, "q"),
            article=_article(get),
        )

    @property
    def actor_ids(self) -> tuple[int, ...]:
        return tuple(int(a) for a in self.actors if _is_id(a))

    @property
    def actor_names(self) -> tuple[str, ...]:
        return tuple(a for a in self.actors if not _is_id(a))

    @property
    def review_statuses(self) -> tuple[str, ...]:
        """Return the review statuses shown: the chosen ones, else all but rejected."""
        return self.review or DEFAULT_REVIEW_STATUSES

    def to_params(self) -> list[tuple[str, str]]:
        """Return the query parameters that parse back to this filter (defaults left out)."""
        pairs: list[tuple[str, str]] = []
        pairs += [("actor", a) for a in self.actors]
        pairs += [("relation", r) for r in self.relations]
        if self.claimant:
            pairs.append(("claimant", self.claimant))
        if self.outlet:
            pairs.append(("outlet", self.outlet))
        pairs += [("review", r) for r in self.review]
        pairs += [("status", s) for s in self.statuses]
        pairs += [("precision", str(p)) for p in self.precisions]
        if self.date_from:
            pairs.append(("date_from", self.date_from.isoformat()))
        if self.date_to:
            pairs.append(("date_to", self.date_to.isoformat()))
        if self.bbox:
            pairs.append(("bbox", self.bbox.as_param()))
        if self.q:
            pairs.append(("q", self.q))
        if self.article is not None:
            pairs.append(("article", str(self.article)))
        return pairs

    def querystring(self) -> str:
        """Return `to_params()` URL-encoded, without a leading "?"."""
        return urlencode(self.to_params())


# Largest `cluster_above` a client may ask for: past this many shapes a browser map crawls.
MAX_CLUSTER_ABOVE = 5000
MAX_ZOOM = 22


@dataclass(frozen=True, slots=True)
class ClusterRequest:
    """How the map wants the filtered claims drawn: not a filter, so downloads never carry it.

    With `zoom` and `cluster_above` given, more than `cluster_above` matching claims come back
    as counted grid cells sized for that zoom instead of one feature per claim.
    """

    zoom: int
    cluster_above: int

    @classmethod
    def from_params(
        cls, params: QueryParams | Mapping[str, Sequence[str]]
    ) -> ClusterRequest | None:
        """Return the request, None when the parameters are absent, or raise FilterError."""
        get = _getter(params)
        zoom = _single(get, "zoom")
        above = _single(get, "cluster_above")
        if not zoom and not above:
            return None
        if not (_is_id(zoom) and int(zoom) <= MAX_ZOOM):
            raise FilterError("zoom", f"must be a whole number from 0 to {MAX_ZOOM}")
        if not (_is_id(above) and 1 <= int(above) <= MAX_CLUSTER_ABOVE):
            raise FilterError(
                "cluster_above", f"must be a whole number from 1 to {MAX_CLUSTER_ABOVE}"
            )
        return cls(zoom=int(zoom), cluster_above=int(above))


def _is_id(value: str) -> bool:
    """Return whether the text is a whole number that int() reads and a database key fits."""
    # isdecimal, not isdigit: "²" is a digit that int() rejects. 18 digits fit a bigint.
    return value.isdecimal() and len(value) <= 18


def _getter(params: QueryParams | Mapping[str, Sequence[str]]):
    if hasattr(params, "getlist"):
        return params.getlist  # type: ignore[union-attr]
    mapping = params

    def getlist(key: str) -> list[str]:
        value = mapping.get(key, [])  # type: ignore[union-attr]
        return [value] if isinstance(value, str) else list(value)

    return getlist


def _values(get, name: str) -> list[str]:
    """Return the non-empty values of a repeatable parameter (also comma-separated)."""
    values: list[str] = []
    for raw in get(name):
        _refuse_nul(name, raw)
        # Comma lists are accepted for hand-written URLs; names with commas are rare enough
        # among armed actors that ids are the documented way to be exact.
        values += [v.strip() for v in raw.split(",") if v.strip()]
    if len(values) > MAX_VALUES_PER_PARAMETER:
        raise FilterError(name, f"at most {MAX_VALUES_PER_PARAMETER} values")
    return values


def _unique(values: Sequence[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(values))


def _choices(get, name: str, allowed: Sequence[str]) -> tuple[str, ...]:
    values = _unique([v.lower() for v in _values(get, name)])
    for value in values:
        if value not in allowed:
            raise FilterError(
                name, f"unknown value {value[:40]!r}; expected one of {', '.join(allowed)}"
            )
    return values


def _refuse_nul(name: str, value: str) -> None:
    # PostgreSQL cannot hold NUL in a text parameter; refuse it here rather than fail there.
    if "\x00" in value:
        raise FilterError(name, "must not contain NUL characters")


def _single(get, name: str) -> str:
    values = [v for v in get(name) if v.strip()]
    for value in values:
        _refuse_nul(name, value)
    if len(values) > 1:
        raise FilterError(name, "give it once")
    return values[0].strip() if values else ""


def _text(get, name: str) -> str:
    value = _single(get, name)
    if len(value) > MAX_TEXT_LENGTH:
        raise FilterError(name, f"at most {MAX_TEXT_LENGTH} characters")
    return value


def _precision(value: str) -> int:
    if not _is_id(value) or int(value) not in Precision.values:
        raise FilterError("precision", f"must be a whole number from 1 to 7, got {value[:20]!r}")
    return int(value)


def _date(get, name: str) -> dt.date | None:
    value = _single(get, name)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise FilterError(name, f"must be a date as YYYY-MM-DD, got {value[:20]!r}") from None


def _article(get) -> int | None:
    value = _single(get, "article")
    if not value:
        return None
    if not _is_id(value):
        raise FilterError("article", f"must be an article id, got {value[:20]!r}")
    return int(value)


def _bbox(get) -> BBox | None:
    value = _single(get, "bbox")
    if not value:
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise FilterError("bbox", "must be four numbers: min_lon,min_lat,max_lon,max_lat")
    try:
        min_lon, min_lat, max_lon, max_lat = (float(p) for p in parts)
    except ValueError:
        raise FilterError("bbox", "must be four numbers: min_lon,min_lat,max_lon,max_lat") from None
    if not all(math.isfinite(v) for v in (min_lon, min_lat, max_lon, max_lat)):
        raise FilterError("bbox", "must be finite numbers")
    if not (-180 <= min_lon <= 180 and -180 <= max_lon <= 180):
        raise FilterError("bbox", "longitudes must lie between -180 and 180")
    if not (-90 <= min_lat <= 90 and -90 <= max_lat <= 90):
        raise FilterError("bbox", "latitudes must lie between -90 and 90")
    if min_lat > max_lat:
        raise FilterError("bbox", "min_lat must not exceed max_lat")
    # min_lon > max_lon is a box across the antimeridian (RFC 7946 section 5.2), not an error.
    return BBox(min_lon, min_lat, max_lon, max_lat)


def _format_float(value: float) -> str:
    return f"{value:.6f}".rstrip("0").rstrip(".")
