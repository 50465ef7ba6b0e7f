"""Views (being written)."""

from django.http import HttpRequest, HttpResponse


def map_view(request: HttpRequest) -> HttpResponse:
    return HttpResponse("map")


def claims_geojson(request: HttpRequest) -> HttpResponse:
    return HttpResponse("{}")


def article_detail(request: HttpRequest, pk: int) -> HttpResponse:
    return HttpResponse("article")
