"""Views: the map, the GeoJSON download and the article page."""

from __future__ import annotations

import itertools
import json
import re
from dataclasses import dataclass
from urllib.parse import urlsplit

from django.conf import settings
from django.http import Http404, HttpRequest, HttpResponse, JsonResponse, StreamingHttpResponse
from django.shortcuts import render
from django.templatetags.static import static
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.http import require_GET

from articles.exports import build_html_map, stream_csv, stream_feature_collection
from articles.filters import ClaimFilter, ClusterRequest, FilterError
from articles.geojson import cluster_collection
from articles.models import (
    Actor,
    Article,
    Claim,
    ClaimStatus,
    Mention,
    Precision,
    Relation,
    ReviewStatus,
)
from articles.queries import (
    article_for_page,
    claim_clusters,
    claim_date_extent,
    claim_extent,
    claim_rows,
    filtered_claims,
    groups_shown_to,
    map_actors,
    visible_review_statuses,
)

ATTRIBUTION = "Place names © GeoNames (geonames.org), CC BY 4.0; Natural Earth"
BASEMAP_LAYERS = ("countries", "admin1", "lakes", "rivers")
HEX_COLOUR = re.compile(r"#(?:[0-9a-fA-F]{3}){1,2}")
# Above this many matching claims the map asks for counted clusters of the view instead.
MAP_CLUSTER_ABOVE = 2000


@require_GET
def map_view(request: HttpRequest) -> HttpResponse:
    try:
        claim_filter = ClaimFilter.from_params(request.GET)
    except FilterError as exc:
        return render(request, "articles/bad_filter.html", {"error": exc}, status=400)
    geojson_url = reverse("articles-geojson")
    query = claim_filter.querystring()
    config = map_config()
    config["timeExtent"] = claim_date_extent(request.user)
    # Where the matching claims are: the map opens there and fetches them once, at that zoom.
    config["claimsExtent"] = claim_extent(claim_filter, user=request.user)
    visible = visible_review_statuses(request.user)
    actors = [
        ActorChoice(a.pk, a.name, safe_colour(a.colour), _actor_selected(a, claim_filter))
        for a in map_actors()
    ]
    context = {
        "filter": claim_filter,
        "actors": actors,
        "relations": Relation.choices,
        "statuses": ClaimStatus.choices,
        "review_statuses": [
            (value, label) for value, label in ReviewStatus.choices if value in visible
        ],
        "precisions": Precision.choices,
        "geojson_url": geojson_url,
        "download_url": f"{geojson_url}?{query}" if query else geojson_url,
        "query": query,
        "config": config,
        "attribution": config["attribution"],
    }
    return render(request, "articles/map.html", context)


def map_config() -> dict[str, object]:
    """Return the settings the map script reads (through json_script)."""
    attribution = ATTRIBUTION
    if settings.CONFLICTMAP_TILE_URL and settings.CONFLICTMAP_TILE_ATTRIBUTION:
        attribution = f"{ATTRIBUTION}; {settings.CONFLICTMAP_TILE_ATTRIBUTION}"
    return {
        "articleUrl": reverse("articles-detail", args=[0]),
        "basemap": {name: static(f"basemap/{name}.geojson") for name in BASEMAP_LAYERS},
        "tileUrl": settings.CONFLICTMAP_TILE_URL,
        "attribution": attribution,
        "center": list(settings.LEAFLET_CONFIG["DEFAULT_CENTER"]),
        "zoom": settings.LEAFLET_CONFIG["DEFAULT_ZOOM"],
        "minZoom": settings.LEAFLET_CONFIG["MIN_ZOOM"],
        "maxZoom": settings.LEAFLET_CONFIG["MAX_ZOOM"],
        "precisionLabels": {str(v): label for v, label in Precision.choices},
        "clusterAbove": MAP_CLUSTER_ABOVE,
    }


@dataclass(frozen=True, slots=True)
class ActorChoice:
    pk: int
    name: str
    colour: str
    selected: bool


def _actor_selected(actor: Actor, claim_filter: ClaimFilter) -> bool:
    names = {n.casefold() for n in claim_filter.actor_names}
    return actor.pk in claim_filter.actor_ids or actor.name.casefold() in names


def safe_colour(value: str) -> str:
    """Return the colour if it is a #rgb/#rrggbb hex colour, else a neutral grey."""
    return value if HEX_COLOUR.fullmatch(value or "") else "#555555"


@require_GET
def claims_geojson(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    try:
        claim_filter = ClaimFilter.from_params(request.GET)
    except FilterError as exc:
        return JsonResponse({"error": str(exc), "parameter": exc.parameter}, status=400)
    try:
        cluster = ClusterRequest.from_params(request.GET)
    except FilterError as exc:
        return JsonResponse({"error": str(exc), "parameter": exc.parameter}, status=400)
    content_type = "application/geo+json; charset=utf-8"
    response: HttpResponse | StreamingHttpResponse | None = None
    if cluster:
        # The grid is also the count: one pass decides between clusters and features.
        clusters = claim_clusters(claim_filter, cluster.zoom, user=request.user)
        if sum(c.count for c in clusters) > cluster.cluster_above:
            body = json.dumps(
                cluster_collection(clusters), ensure_ascii=False, separators=(",", ":")
            )
            response = HttpResponse(body, content_type=content_type)
    if response is None:
        # Streamed feature by feature, so memory stays flat however many claims match.
        rows, geometries = claim_rows(claim_filter, user=request.user)
        response = StreamingHttpResponse(
            stream_feature_collection(rows, geometries), content_type=content_type
        )
    stamp = timezone.now().strftime("%Y%m%d")
    response["Content-Disposition"] = f'attachment; filename="conflictmap-claims-{stamp}.geojson"'
    return response


@require_GET
def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    try:
        article = article_for_page(pk, user=request.user)
    except Article.DoesNotExist:
        raise Http404("No such article") from None
    mentions = list(article.mentions.all())
    claims = list(article.claims.all())
    context = {
        "article": article,
        "external_url": safe_http_url(article.url),
        "segments": text_segments(article.text, mentions, claims),
        "mentions": mentions,
        "claims": claims,
        "map_url": f"{reverse('articles-map')}?article={article.pk}",
        "geojson_url": f"{reverse('articles-geojson')}?article={article.pk}",
        "config": map_config(),
        "show_groups": groups_shown_to(request.user),
    }
    return render(request, "articles/article_detail.html", context)


def safe_http_url(url: str | None) -> str | None:
    """Return the URL if it is an http(s) link, else None (no javascript: or data: links)."""
    if not url:
        return None
    try:
        parts = urlsplit(url.strip())
    except ValueError:
        return None
    if parts.scheme.lower() in ("http", "https") and parts.netloc:
        return url.strip()
    return None


@dataclass(frozen=True, slots=True)
class Segment:
    """A run of article text with the mention and claims that cover it."""

    text: str
    mention: Mention | None = None
    claim_ids: tuple[int, ...] = ()

    @property
    def in_claim(self) -> bool:
        return bool(self.claim_ids)


def text_segments(text: str, mentions: list[Mention], claims: list[Claim]) -> list[Segment]:
    """Return the text cut at every mention and claim-sentence boundary.

    The template renders each segment with autoescaping, so no markup is ever built from the
    article text. Overlapping mentions keep the one that starts first.
    """
    size = len(text)
    kept: list[Mention] = []
    for mention in sorted(mentions, key=lambda m: (m.start, -m.end)):
        if 0 <= mention.start < mention.end <= size and (not kept or mention.start >= kept[-1].end):
            kept.append(mention)
    spans = [
        (c.pk, c.sentence_start, c.sentence_end)
        for c in claims
        if 0 <= c.sentence_start < c.sentence_end <= size
    ]
    cuts = {0, size}
    cuts.update(p for m in kept for p in (m.start, m.end))
    cuts.update(p for _, start, end in spans for p in (start, end))
    bounds = sorted(cuts)
    segments: list[Segment] = []
    index = 0
    for start, end in itertools.pairwise(bounds):
        while index < len(kept) and kept[index].end <= start:
            index += 1
        mention = kept[index] if index < len(kept) and kept[index].start <= start else None
        claim_ids = tuple(pk for pk, s, e in spans if s <= start and end <= e)
        segments.append(Segment(text[start:end], mention, claim_ids))
    return segments


def _export_response(request: HttpRequest, kind: str):
    """Return the filtered claims as a CSV or HTML-map download (400 on a bad filter)."""
    try:
        claim_filter = ClaimFilter.from_params(request.GET)
    except FilterError as exc:
        return JsonResponse({"error": str(exc), "parameter": exc.parameter}, status=400)
    claims = filtered_claims(claim_filter, user=request.user)
    stamp = timezone.now().strftime("%Y%m%d")
    if kind == "csv":
        response: HttpResponse | StreamingHttpResponse = StreamingHttpResponse(
            stream_csv(claims), content_type="text/csv; charset=utf-8"
        )
    else:
        title = claim_filter.querystring() or "all claims"
        html = build_html_map(claims, title=title, show_groups=groups_shown_to(request.user))
        response = HttpResponse(html, content_type="text/html")
    response["Content-Disposition"] = f'attachment; filename="conflictmap-claims-{stamp}.{kind}"'
    return response


@require_GET
def claims_csv(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    return _export_response(request, "csv")


@require_GET
def claims_html_map(request: HttpRequest) -> HttpResponse | StreamingHttpResponse:
    return _export_response(request, "html")
