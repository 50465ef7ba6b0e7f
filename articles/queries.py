"""Reads for the map, the exports and the article page.

Every claim list goes through `filtered_claims`, so the map and the downloads agree
(DESIGN decision 6). The querysets load their related rows in the same query, which keeps
`/claims.geojson` at a constant number of queries whatever the number of claims.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator, Sequence
from typing import Any, cast

from django.conf import settings
from django.db.models import Count, Exists, Max, Min, OuterRef, Prefetch, Q, QuerySet

from articles.filters import BBox, ClaimFilter
from articles.geojson import ROW_LOOKUPS, ClaimCluster, ClaimRow
from articles.models import Actor, Article, Claim, Mention, Place, PlaceKind, ReviewStatus

# The columns the GeoJSON builder and the map popups read; `only()` keeps article texts
# (which can be megabytes) out of the map query.
CLAIM_FIELDS = (
    "id",
    "relation",
    "claimant",
    "status",
    "quote",
    "confidence",
    "valid_from",
    "valid_to",
    "review_status",
    "actor__id",
    "actor__name",
    "actor__kind",
    "actor__colour",
    "second_actor__id",
    "second_actor__name",
    "article__id",
    "article__title",
    "article__url",
    "article__outlet",
    "article__published",
    "mention__id",
    "mention__text",
    "mention__precision",
    "mention__role",
    "mention__place__id",
    "mention__place__name",
    "mention__place__kind",
    "mention__place__country_code",
    "mention__place__lat",
    "mention__place__lon",
    "mention__place__geometry",
    "mention__place__min_lon",
    "mention__place__min_lat",
    "mention__place__max_lon",
    "mention__place__max_lat",
    "group__id",
    "group__n_articles",
    "group__outlets",
    "group__contested",
)


def visible_review_statuses(user: Any = None) -> tuple[str, ...]:
    """Return the review statuses `user` may see: all for staff, the public ones otherwise."""
    if user is not None and getattr(user, "is_authenticated", False) and user.is_staff:
        return tuple(ReviewStatus.values)
    return tuple(settings.CONFLICTMAP_PUBLIC_REVIEW_STATUSES)


def groups_shown_to(user: Any = None) -> bool:
    """Return whether `user` may see corroboration counts, which count every unrejected claim.

    When the public may not see some statuses, a visitor's counts and outlet lists would
    reveal claims hidden from them, so visitors then get each claim on its own.
    """
    unrejected = set(ReviewStatus.values) - {ReviewStatus.REJECTED}
    return unrejected <= set(visible_review_statuses(user))


def _without_groups(rows: Iterator[ClaimRow]) -> Iterator[ClaimRow]:
    for row in rows:
        row["group_id"] = None
        row["group_sources"] = None
        row["group_outlets"] = None
        row["group_contested"] = None
        yield row


def visible_claims(user: Any = None) -> QuerySet[Claim]:
    """Return every claim `user` may see, before any filter."""
    return Claim.objects.filter(review_status__in=visible_review_statuses(user)).select_related(
        "actor", "second_actor", "mention__place"
    )


def filtered_claims(f: ClaimFilter, *, user: Any = None) -> QuerySet[Claim]:
    """Return the claims matching the filter that `user` may see, with related rows joined.

    Without a user the public rule applies (settings.CONFLICTMAP_PUBLIC_REVIEW_STATUSES).
    """
    qs = Claim.objects.select_related(
        "actor", "second_actor", "article", "mention", "mention__place", "group"
    ).only(*CLAIM_FIELDS)
    return qs.filter(claim_filter_q(f, visible_review_statuses(user))).order_by(
        "-valid_from", "-id"
    )


def claim_rows(f: ClaimFilter, *, user: Any = None) -> tuple[Iterator[ClaimRow], dict[int, Any]]:
    """Return the filtered claims as flat rows, and the stored geometries of their area places.

    Two queries whatever the number of claims; a polygon shared by many claims is read once.
    """
    claims = filtered_claims(f, user=user)
    keys = list(ROW_LOOKUPS)
    lookups = [ROW_LOOKUPS[k] for k in keys]
    rows = (
        cast(ClaimRow, dict(zip(keys, values, strict=True)))
        for values in claims.values_list(*lookups).iterator(chunk_size=2000)
    )
    if not groups_shown_to(user):
        rows = _without_groups(rows)
    # Points (precision 1 and 2) never use the stored geometry, so only areas are fetched.
    area_places = (
        claims.exclude(mention__precision__in=(1, 2)).order_by().values("mention__place_id")
    )
    geometries = dict(
        Place.objects.filter(pk__in=area_places, geometry__isnull=False).values_list(
            "pk", "geometry"
        )
    )
    return rows, geometries


def claim_clusters(f: ClaimFilter, zoom: int, *, user: Any = None) -> list[ClaimCluster]:
    """Return the matching claims with a place counted in grid cells sized for a map zoom.

    A cell is a quarter of a web-map tile at that zoom (64 px), keyed by the place's point, so
    every claim with a place falls in exactly one cell: the counts add up to the matches.
    One query counts the claims per point from the claim rows' own copy of their place's
    location (no join; with the default filters it reads the claim_viewport_idx index alone);
    the few thousand distinct points are then binned here.
    """
    per_point = (
        _placed_claims(f, user)
        .values_list("place_lat", "place_lon")
        .annotate(n=Count("*"))
        .order_by()
    )
    cell = 360.0 / (2**zoom * 4)
    cells: dict[tuple[int, int], _Cell] = {}
    for lat, lon, count in per_point:
        key = (math.floor(lon / cell), math.floor(lat / cell))
        cells.setdefault(key, _Cell()).add(lat, lon, count)
    return [
        cells[key].cluster(f"{key[0]}:{key[1]}")
        for key in sorted(cells, key=lambda k: (k[1], k[0]))
    ]


class _Cell:
    """Running count, weighted mean point and envelope of the places binned in one cell."""

    __slots__ = ("count", "east", "lat_sum", "lon_sum", "north", "south", "west")

    def __init__(self) -> None:
        self.count = 0
        self.lat_sum = self.lon_sum = 0.0
        self.west = self.south = math.inf
        self.east = self.north = -math.inf

    def add(self, lat: float, lon: float, count: int) -> None:
        self.count += count
        self.lat_sum += lat * count
        self.lon_sum += lon * count
        self.west, self.east = min(self.west, lon), max(self.east, lon)
        self.south, self.north = min(self.south, lat), max(self.north, lat)

    def cluster(self, key: str) -> ClaimCluster:
        return ClaimCluster(
            key=key,
            count=self.count,
            lat=self.lat_sum / self.count,
            lon=self.lon_sum / self.count,
            bbox=(self.west, self.south, self.east, self.north),
        )


def _placed_claims(f: ClaimFilter, user: Any) -> QuerySet[Claim]:
    # place_lat is set exactly when the claim's mention has a place (articles/claim_location.py).
    q = claim_filter_q(f, visible_review_statuses(user))
    return Claim.objects.filter(q, place_lat__isnull=False)


def claim_filter_q(f: ClaimFilter, visible: Sequence[str] | None = None) -> Q:
    """Return the WHERE clause of the filter as a Q object on Claim.

    With `visible`, only those review statuses of the filter's are kept: one IN list rather
    than two (the map's count reads every matching index entry, so each test costs).
    """
    statuses = f.review_statuses
    if visible is not None:
        statuses = tuple(s for s in statuses if s in visible)
    q = Q(review_status__in=statuses)
    if f.actors:
        actor_q = Q(actor_id__in=f.actor_ids) if f.actor_ids else Q()
        for name in f.actor_names:
            actor_q |= Q(actor__name__iexact=name)
        q &= actor_q
    if f.relations:
        q &= Q(relation__in=f.relations)
    if f.claimant:
        q &= Q(claimant__icontains=f.claimant)
    if f.outlet:
        q &= Q(article__outlet__icontains=f.outlet)
    if f.statuses:
        q &= Q(status__in=f.statuses)
    if f.precisions:
        q &= Q(mention__precision__in=f.precisions)
    if f.date_from:
        # Overlap test; an open end (NULL) reaches any date.
        q &= Q(valid_to__gte=f.date_from) | Q(valid_to__isnull=True)
    if f.date_to:
        q &= Q(valid_from__lte=f.date_to) | Q(valid_from__isnull=True)
    if f.bbox:
        q &= _bbox_q(f.bbox)
    if f.q:
        q &= _text_q(f.q)
    if f.article is not None:
        q &= Q(article_id=f.article)
    return q


def _bbox_q(box: BBox) -> Q:
    """Return claims whose place's envelope overlaps the box (points: lie inside it).

    It reads the claim's copy of its place's envelope (the point for a place without one),
    kept by triggers (articles/claim_location.py): no join, and claim_viewport_idx serves it.
    Claims without a place never match; saying so lets the database use that partial index.
    """
    q = Q(place_lat__isnull=False, place_max_lat__gte=box.min_lat, place_min_lat__lte=box.max_lat)
    if box.crosses_antimeridian:
        return q & (Q(place_max_lon__gte=box.min_lon) | Q(place_min_lon__lte=box.max_lon))
    return q & Q(place_max_lon__gte=box.min_lon, place_min_lon__lte=box.max_lon)


def _text_q(text: str) -> Q:
    """Return claims where every word of `text` occurs in the quote, place, actor or source."""
    q = Q()
    for word in text.split():
        q &= (
            Q(quote__icontains=word)
            | Q(mention__text__icontains=word)
            | Q(mention__place__name__icontains=word)
            | Q(actor__name__icontains=word)
            | Q(second_actor__name__icontains=word)
            | Q(claimant__icontains=word)
            | Q(article__title__icontains=word)
        )
    return q


def claim_date_extent(user: Any = None) -> tuple[str, str] | None:
    """Return the first and last validity dates (ISO) of the claims `user` may see, if any.

    Each end walks a date index from that end (claim_valid_idx, claim_valid_to_idx) and stops
    at the first visible claim: ~1 ms at 100k claims, where one aggregate took ~120 ms.
    """
    visible = visible_review_statuses(user)
    first = _date_edge("valid_from", visible, last=False)
    ends = [d for d in (_date_edge(f, visible, last=True) for f in ("valid_from", "valid_to")) if d]
    first = first or (min(ends) if ends else None)
    if first is None or not ends:
        return None
    return (first.isoformat(), max(ends).isoformat())


# Rows read from a date index end before falling back to a query filtered on review status.
_EDGE_ROWS = 64


def _date_edge(field: str, visible: tuple[str, ...], *, last: bool) -> dt.date | None:
    dated = Claim.objects.filter(**{f"{field}__isnull": False}).order_by(
        f"-{field}" if last else field
    )
    # No review-status condition here: with one, a database without statistics (a fresh SQLite
    # file) sorts every visible claim instead of walking the date index.
    for value, status in dated.values_list(field, "review_status")[:_EDGE_ROWS]:
        if status in visible:
            return value
    return dated.filter(review_status__in=visible).values_list(field, flat=True).first()


def claim_extent(f: ClaimFilter, *, user: Any = None) -> tuple[float, float, float, float] | None:
    """Return (south, west, north, east) around the points of the matching claims, if any.

    The map page sends it so that the map opens on the claims at once and asks for them at the
    zoom they are shown at. One pass over claim_viewport_idx for the default filters.
    """
    extent = _placed_claims(f, user).aggregate(
        south=Min("place_lat"), west=Min("place_lon"), north=Max("place_lat"), east=Max("place_lon")
    )
    if extent["south"] is None:
        return None
    return (extent["south"], extent["west"], extent["north"], extent["east"])


def map_actors() -> QuerySet[Actor]:
    """Return the actors that have at least one claim, by name.

    An EXISTS probe per actor (claim_actor_relation_idx), not a count of every claim.
    """
    has_claims = Exists(Claim.objects.filter(actor=OuterRef("pk")))
    return Actor.objects.only("id", "name", "colour").filter(has_claims).order_by("name")


def article_for_page(pk: int, *, user: Any = None) -> Article:
    """Return the article with its mentions, places and the claims `user` may see loaded.

    Raises Article.DoesNotExist for an unknown id.
    """
    claims = (
        Claim.objects.filter(review_status__in=visible_review_statuses(user))
        .select_related("actor", "second_actor", "mention__place", "group")
        .order_by("sentence_start", "id")
    )
    mentions = Mention.objects.select_related("place").order_by("start", "end")
    return Article.objects.prefetch_related(
        Prefetch("mentions", queryset=mentions), Prefetch("claims", queryset=claims)
    ).get(pk=pk)


def nearest_places(lat: float, lon: float, *, limit: int = 8) -> list[tuple[Place, float]]:
    """Return the gazetteer places nearest a point with their distances in km, nearest first.

    A box around the point narrows the search through the lat/lon index; it widens until
    `limit` places are found or the box spans about 1,000 km.
    """
    scored: list[tuple[Place, float]] = []
    for degrees in (0.25, 1.0, 4.0, 9.0):
        lon_span = degrees / max(math.cos(math.radians(lat)), 0.1)
        candidates = (
            Place.objects.exclude(kind=PlaceKind.RELATIVE)
            .filter(
                lat__range=(lat - degrees, lat + degrees),
                lon__range=(lon - lon_span, lon + lon_span),
            )
            .only("id", "name", "kind", "country_code", "lat", "lon")[:5000]
        )
        scored = sorted(
            ((place, haversine_km(lat, lon, place.lat, place.lon)) for place in candidates),
            key=lambda pair: pair[1],
        )
        if len(scored) >= limit:
            break
    return scored[:limit]


def haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Return the great-circle distance between two points in km."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    a = (
        math.sin((p2 - p1) / 2) ** 2
        + math.cos(p1) * math.cos(p2) * math.sin(math.radians(lon2 - lon1) / 2) ** 2
    )
    return 6371.0088 * 2 * math.asin(math.sqrt(min(1.0, a)))
