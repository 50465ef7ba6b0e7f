"""The online geocoder fallback: off by default, rate-limited, cached, faked here (no network)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

import pytest
from django.core.exceptions import ImproperlyConfigured

from articles import services
from articles.geocoders import GeopyGeocoder, geocoder_from_settings, precision_for_bbox
from articles.geoparse.types import ResolvedMention
from articles.models import Article, GeocoderCacheEntry, Method, PlaceOrigin


@dataclass
class FakeLocation:
    address: str
    latitude: float
    longitude: float
    raw: dict = field(default_factory=dict)


class FakeGeopy:
    """Stands in for a geopy geocoder: answers from a table and counts the calls."""

    def __init__(self, answers: dict[str, FakeLocation]) -> None:
        self.answers = answers
        self.calls: list[tuple[str, dict]] = []

    def geocode(self, query: str, **kwargs):
        self.calls.append((query, kwargs))
        return self.answers.get(query)


def no_wait(func, **_kwargs):
    return func


KOBANE_VILLAGE = FakeLocation(
    "Tell Ghazal, Ain al-Arab, Aleppo, Syria",
    36.801,
    38.412,
    {"boundingbox": ["36.79", "36.81", "38.40", "38.42"]},
)


def test_it_is_off_by_default(settings):
    settings.CONFLICTMAP_GEOCODER = ""
    assert geocoder_from_settings() is None


def test_it_requires_an_identifying_user_agent(settings):
    settings.CONFLICTMAP_GEOCODER = "nominatim"
    settings.CONFLICTMAP_GEOCODER_USER_AGENT = ""
    with pytest.raises(ImproperlyConfigured, match="USER_AGENT"):
        geocoder_from_settings()


def test_it_builds_a_named_geopy_geocoder_without_calling_it(settings):
    settings.CONFLICTMAP_GEOCODER = "nominatim"
    settings.CONFLICTMAP_GEOCODER_USER_AGENT = "conflictmap-test (ops@example.org)"
    geocoder = geocoder_from_settings()
    assert geocoder is not None and geocoder.provider == "nominatim"


def test_an_unknown_provider_is_a_configuration_error(settings):
    settings.CONFLICTMAP_GEOCODER = "no-such-geocoder"
    settings.CONFLICTMAP_GEOCODER_USER_AGENT = "conflictmap-test"
    with pytest.raises(ImproperlyConfigured, match="unknown geopy geocoder"):
        geocoder_from_settings()


def test_requests_go_through_a_one_per_second_rate_limiter():
    seen: dict = {}

    def recording_limiter(func, **kwargs):
        seen.update(kwargs)
        return func

    GeopyGeocoder(FakeGeopy({}), provider="nominatim", rate_limiter=recording_limiter)
    assert seen["min_delay_seconds"] == 1.0


def test_it_maps_a_location_and_its_bounding_box():
    geocoder = GeopyGeocoder(
        FakeGeopy({"Tell Ghazal": KOBANE_VILLAGE}), provider="nominatim", rate_limiter=no_wait
    )
    result = geocoder.lookup("Tell Ghazal", ["sy"])
    assert result is not None
    assert (result.lat, result.lon) == (36.801, 38.412)
    assert result.bbox == (38.40, 36.79, 38.42, 36.81)


@pytest.mark.parametrize(
    ("bbox", "precision"),
    [
        (None, 2),
        ((38.40, 36.79, 38.42, 36.81), 1),
        ((38.0, 36.5, 38.4, 36.9), 3),
        ((37.0, 35.0, 39.0, 37.0), 4),
        ((35.7, 32.3, 42.4, 37.3), 6),
    ],
)
def test_precision_follows_the_size_of_the_answer(bbox, precision):
    assert precision_for_bbox(bbox) == precision


@pytest.mark.django_db
def test_answers_and_misses_are_cached_in_the_database():
    fake = FakeGeopy({"Tell Ghazal": KOBANE_VILLAGE})
    geocoder = GeopyGeocoder(fake, provider="nominatim", rate_limiter=no_wait)
    first = services.geocode_online("Tell Ghazal", ["SY"], geocoder)
    second = services.geocode_online("Tell Ghazal", ["SY"], geocoder)
    assert services.geocode_online("Nowhere Hill", ["SY"], geocoder) is None
    assert services.geocode_online("Nowhere Hill", ["SY"], geocoder) is None
    assert first is not None and second is not None
    assert first[0].pk == second[0].pk and first[0].origin == PlaceOrigin.GEOCODER
    assert first[1] == 1
    assert [query for query, _ in fake.calls] == ["Tell Ghazal", "Nowhere Hill"]
    assert GeocoderCacheEntry.objects.filter(found=False).count() == 1


@pytest.mark.django_db
def test_processing_sends_only_unresolved_literal_names_to_the_geocoder(monkeypatch):
    text = "Fighting was reported in Tell Ghazal, Washington said."
    found = (
        ResolvedMention(start=25, end=36, text="Tell Ghazal"),
        ResolvedMention(start=38, end=48, text="Washington", role="metonym"),
    )
    monkeypatch.setattr(services, "run_pipeline", lambda text, outlet="": (found, ()))
    fake = FakeGeopy({"Tell Ghazal": KOBANE_VILLAGE})
    article = Article.objects.create(
        text=text, content_hash="x" * 64, published=dt.date(2024, 1, 1)
    )
    services.process_article(
        article, geocoder=GeopyGeocoder(fake, provider="fake", rate_limiter=no_wait)
    )
    mention = article.mentions.get(text="Tell Ghazal")
    assert mention.method == Method.GEOCODER
    assert mention.place is not None and mention.place.lat == pytest.approx(36.801)
    assert [query for query, _ in fake.calls] == ["Tell Ghazal"]
    assert article.mentions.get(text="Washington").place is None
