"""Read-only JSON API (django-ninja): claims, places, articles and actors, with an OpenAPI schema.

Claims take exactly the map's filter parameters (articles/filters.py) and go through the same
query, so the API, the map and the downloads agree. Pages are limit/offset.
"""

import datetime as dt

from django.db.models import Count, Q, QuerySet
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import NinjaAPI, Query, Schema
from ninja.pagination import LimitOffsetPagination, paginate

from articles.filters import ClaimFilter, FilterError
from articles.geoparse.normalize import normalize_name
from articles.models import Actor, Article, Claim, Place, PlaceKind
from articles.queries import filtered_claims, visible_claims

api = NinjaAPI(
    title="Conflictmap API",
    version="1",
    description=(
        "Read-only access to claims (who is present where, doing what, according to whom), "
        "the gazetteer, articles and actors. Claim filters are the map's."
    ),
    urls_namespace="api",
)

MAX_PAGE = 500
# Text parameters may not hold NUL characters: PostgreSQL text cannot store them, so a query
# with one would fail in the database instead of being refused here with a 422.
NO_NUL = r"^[^\x00]*$"


class Pagination(LimitOffsetPagination):
    class Input(Schema):
        limit: int = Query(100, ge=1, le=MAX_PAGE)  # type: ignore[assignment]
        offset: int = Query(0, ge=0, le=10_000_000)  # type: ignore[assignment]


class Error(Schema):
    detail: str


@api.exception_handler(FilterError)
def bad_filter(request: HttpRequest, exc: FilterError):
    return api.create_response(request, {"detail": str(exc)}, status=400)


class ActorRef(Schema):
    id: int
    name: str


class ActorOut(ActorRef):
    kind: str
    country_code: str
    colour: str
    aliases: list[str]
    demonyms: list[str]
    metonyms: list[str]


class PlaceRef(Schema):
    id: int
    name: str
    kind: str
    lat: float
    lon: float


class PlaceOut(PlaceRef):
    feature_code: str
    country_code: str
    admin1_code: str
    population: int
    bbox: list[float] | None
    origin: str
    geonameid: int | None
    attribution: str

    @staticmethod
    def resolve_bbox(obj: Place) -> list[float] | None:
        values = (obj.min_lon, obj.min_lat, obj.max_lon, obj.max_lat)
        return None if any(v is None for v in values) else list(values)  # type: ignore[arg-type]


class PlaceDetail(PlaceOut):
    names: list[str]
    geometry: dict | None

    @staticmethod
    def resolve_names(obj: Place) -> list[str]:
        return [name.name for name in obj.names.all()]


class ClaimOut(Schema):
    id: int
    actor: ActorRef
    relation: str
    second_actor: ActorRef | None
    claimant: str
    status: str
    review_status: str
    confidence: float
    precision: int | None
    place: PlaceRef | None
    mention_text: str | None
    quote: str
    article_id: int
    valid_from: dt.date | None
    valid_to: dt.date | None

    @staticmethod
    def resolve_precision(obj: Claim) -> int | None:
        return obj.mention.precision if obj.mention else None

    @staticmethod
    def resolve_place(obj: Claim) -> Place | None:
        return obj.mention.place if obj.mention else None

    @staticmethod
    def resolve_mention_text(obj: Claim) -> str | None:
        return obj.mention.text if obj.mention else None


class ArticleOut(Schema):
    id: int
    url: str | None
    outlet: str
    title: str
    published: dt.date | None
    language: str
    processed_at: dt.datetime | None
    pipeline_version: str


class ArticleDetail(ArticleOut):
    text: str


class ClaimParams(Schema):
    """The map's filter parameters (each repeatable one may also be comma-separated)."""

    actor: list[str] = []
    relation: list[str] = []
    claimant: str = ""
    outlet: str = ""
    review: list[str] = []
    status: list[str] = []
    precision: list[str] = []
    date_from: str = ""
    date_to: str = ""
    bbox: str = ""
    q: str = ""
    article: str = ""


@api.get("/claims", response=list[ClaimOut], tags=["claims"])
@paginate(Pagination)
def list_claims(request: HttpRequest, filters: Query[ClaimParams]):
    # The declared parameters document the API; the one filter parser reads them.
    return filtered_claims(ClaimFilter.from_params(request.GET), user=request.user)


@api.get("/claims/{claim_id}", response={200: ClaimOut, 404: Error}, tags=["claims"])
def get_claim(request: HttpRequest, claim_id: int):
    return get_object_or_404(visible_claims(request.user), pk=claim_id)


@api.get("/places", response=list[PlaceOut], tags=["places"])
@paginate(Pagination)
def list_places(
    request: HttpRequest,
    q: str = Query("", max_length=200, pattern=NO_NUL, description="a name, any spelling"),
    kind: PlaceKind | None = None,
    country: str = Query("", pattern=r"^([A-Za-z]{2})?$", description="ISO 3166-1 alpha-2"),
) -> QuerySet[Place]:
    places = Place.objects.order_by("-population", "id")
    if q.strip():
        places = places.filter(names__normalized=normalize_name(q)).distinct()
    if kind:
        places = places.filter(kind=kind)
    if country:
        places = places.filter(country_code=country.upper())
    return places


@api.get("/places/{place_id}", response={200: PlaceDetail, 404: Error}, tags=["places"])
def get_place(request: HttpRequest, place_id: int):
    return get_object_or_404(Place.objects.prefetch_related("names"), pk=place_id)


@api.get("/articles", response=list[ArticleOut], tags=["articles"])
@paginate(Pagination)
def list_articles(
    request: HttpRequest,
    q: str = Query("", max_length=200, pattern=NO_NUL, description="words in the title"),
    outlet: str = Query("", max_length=200, pattern=NO_NUL),
) -> QuerySet[Article]:
    articles = Article.objects.defer("text").order_by("-published", "-id")
    for word in q.split():
        articles = articles.filter(title__icontains=word)
    if outlet:
        articles = articles.filter(outlet__icontains=outlet)
    return articles


@api.get("/articles/{article_id}", response={200: ArticleDetail, 404: Error}, tags=["articles"])
def get_article(request: HttpRequest, article_id: int):
    return get_object_or_404(Article, pk=article_id)


@api.get("/actors", response=list[ActorOut], tags=["actors"])
@paginate(Pagination)
def list_actors(
    request: HttpRequest,
    q: str = Query("", max_length=200, pattern=NO_NUL, description="part of the name"),
) -> QuerySet[Actor]:
    actors = Actor.objects.annotate(claim_count=Count("claims")).order_by("name")
    if q.strip():
        actors = actors.filter(Q(name__icontains=q.strip()))
    return actors
