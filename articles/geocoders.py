"""Online geocoder fallback (geopy), off by default.

One small interface: `lookup(query, country_codes) -> GeocodeResult | None`. `GeopyGeocoder`
wraps any geopy geocoder behind geopy's RateLimiter (at most one request a second), and
`services` puts the persistent database cache in front, so a name reaches the network once.
Tests pass fake geopy geocoders; nothing here runs unless settings name a provider.
"""

from __future__ import annotations

import logging
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any, Protocol

from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.utils.module_loading import import_string

logger = logging.getLogger(__name__)


@dataclass(frozen=True, slots=True)
class GeocodeResult:
    name: str
    lat: float
    lon: float
    bbox: tuple[float, float, float, float] | None = None  # (min_lon, min_lat, max_lon, max_lat)


class Geocoder(Protocol):
    provider: str

    def lookup(self, query: str, country_codes: Sequence[str] = ()) -> GeocodeResult | None: ...


def precision_for_bbox(bbox: tuple[float, float, float, float] | None) -> int:
    """Return the UCDP precision code that the size of a geocoder's bounding box suggests."""
    if bbox is None:
        return 2
    span = max(bbox[2] - bbox[0], bbox[3] - bbox[1])
    if span < 0.15:
        return 1
    if span < 0.6:
        return 3
    if span < 4:
        return 4
    return 6


def _bbox_from_raw(raw: Any) -> tuple[float, float, float, float] | None:
    # Nominatim: "boundingbox": [south, north, west, east] as strings.
    try:
        south, north, west, east = (float(v) for v in raw["boundingbox"])
    except (KeyError, TypeError, ValueError):
        return None
    return (west, south, east, north)


class GeopyGeocoder:
    """A geopy geocoder behind a one-request-a-second rate limiter."""

    def __init__(
        self,
        geocoder: Any,
        *,
        provider: str,
        min_delay_seconds: float = 1.0,
        rate_limiter: Callable[..., Callable[..., Any]] | None = None,
    ) -> None:
        if rate_limiter is None:
            from geopy.extra.rate_limiter import RateLimiter

            rate_limiter = RateLimiter
        self.provider = provider
        self._geocode = rate_limiter(
            geocoder.geocode,
            min_delay_seconds=min_delay_seconds,
            max_retries=1,
            swallow_exceptions=True,
            return_value_on_exception=None,
        )

    def lookup(self, query: str, country_codes: Sequence[str] = ()) -> GeocodeResult | None:
        kwargs: dict[str, Any] = {"exactly_one": True}
        if country_codes and self.provider == "nominatim":
            kwargs["country_codes"] = list(country_codes)
        location = self._geocode(query, **kwargs)
        if location is None:
            return None
        return GeocodeResult(
            name=str(location.address)[:300],
            lat=float(location.latitude),
            lon=float(location.longitude),
            bbox=_bbox_from_raw(getattr(location, "raw", None)),
        )


def geocoder_from_settings() -> Geocoder | None:
    """Return the configured online geocoder, or None when the fallback is off (the default)."""
    name = settings.CONFLICTMAP_GEOCODER.strip()
    if not name:
        return None
    user_agent = settings.CONFLICTMAP_GEOCODER_USER_AGENT.strip()
    if not user_agent:
        raise ImproperlyConfigured(
            "CONFLICTMAP_GEOCODER_USER_AGENT must identify your deployment (name and contact) "
            "when CONFLICTMAP_GEOCODER is set"
        )
    if "." in name:
        geocoder_class = import_string(name)
        provider = geocoder_class.__name__.lower()
    else:
        from geopy.exc import GeocoderNotFound
        from geopy.geocoders import get_geocoder_for_service

        try:
            geocoder_class = get_geocoder_for_service(name)
        except GeocoderNotFound as exc:
            raise ImproperlyConfigured(f"unknown geopy geocoder {name!r}") from exc
        provider = name.lower()
    return GeopyGeocoder(geocoder_class(user_agent=user_agent, timeout=10), provider=provider)
