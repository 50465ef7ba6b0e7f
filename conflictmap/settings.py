"""Settings for Conflictmap, read from the environment.

Every variable read here is documented in `.env.example` (tests/test_settings_docs.py checks it).
Defaults are safe for local use: SQLite in the project folder, DEBUG on, no network geocoder.
"""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

BASE_DIR = Path(__file__).resolve().parent.parent

_TRUE = {"1", "true", "yes", "on"}
_FALSE = {"0", "false", "no", "off", ""}


def envstr(name: str, default: str) -> str:
    return os.environ.get(name, default)


def envbool(name: str, default: bool) -> bool:
    value = os.environ.get(name)
    if value is None:
        return default
    if value.strip().lower() in _TRUE:
        return True
    if value.strip().lower() in _FALSE:
        return False
    raise ImproperlyConfigured(f"{name} must be a boolean (1/0, true/false), got {value!r}")


def envint(name: str, default: int) -> int:
    value = os.environ.get(name)
    if value is None or value.strip() == "":
        return default
    try:
        return int(value)
    except ValueError as exc:
        raise ImproperlyConfigured(f"{name} must be an integer, got {value!r}") from exc


def envlist(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = envbool("DEBUG", True)

SECRET_KEY = envstr("SECRET_KEY", "")
if not SECRET_KEY:
    if not DEBUG:
        raise ImproperlyConfigured("SECRET_KEY must be set when DEBUG is off")
    # Only for local development; check --deploy flags it, and DEBUG=0 refuses to start without one.
    SECRET_KEY = "django-insecure-local-development-only"  # noqa: S105

ALLOWED_HOSTS = envlist("ALLOWED_HOSTS", "127.0.0.1,localhost,[::1]")
CSRF_TRUSTED_ORIGINS = envlist("CSRF_TRUSTED_ORIGINS", "")

INSTALLED_APPS = [
    # SimpleAdminConfig: django-leaflet's own leaflet/admin.py imports GeoDjango (GDAL), so
    # admin autodiscovery must stay off; articles/apps.py imports our admin module itself.
    "django.contrib.admin.apps.SimpleAdminConfig",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.forms",
    "leaflet",
    "ninja",
    "articles",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
]

ROOT_URLCONF = "conflictmap.urls"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [BASE_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
            ],
        },
    },
]

# Widget templates (the admin map widget) come from the project's templates/ too.
FORM_RENDERER = "django.forms.renderers.TemplatesSetting"

WSGI_APPLICATION = "conflictmap.wsgi.application"

DATABASES = {
    "default": dj_database_url.parse(
        envstr("DATABASE_URL", f"sqlite:///{BASE_DIR / 'db.sqlite3'}"),
        conn_max_age=envint("DB_CONN_MAX_AGE", 0),
    )
}
if DATABASES["default"]["ENGINE"] == "django.db.backends.sqlite3":
    # WAL lets the map read while an ingest writes; the timeout rides out short write locks.
    DATABASES["default"].setdefault("OPTIONS", {}).update(
        {"timeout": 20, "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;"}
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {"NAME": "django.contrib.auth.password_validation.MinimumLengthValidator"},
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]

LANGUAGE_CODE = "en-us"
TIME_ZONE = "UTC"
USE_I18N = True
USE_TZ = True

STATIC_URL = "static/"
STATICFILES_DIRS = [BASE_DIR / "static"]
STATIC_ROOT = Path(envstr("STATIC_ROOT", str(BASE_DIR / "staticfiles")))

LOGIN_URL = "admin:login"

# Security: strict by default once DEBUG is off; each can be relaxed behind a TLS proxy.
SECURE_SSL_REDIRECT = envbool("SECURE_SSL_REDIRECT", not DEBUG)
SESSION_COOKIE_SECURE = envbool("SESSION_COOKIE_SECURE", not DEBUG)
CSRF_COOKIE_SECURE = envbool("CSRF_COOKIE_SECURE", not DEBUG)
SECURE_HSTS_SECONDS = envint("SECURE_HSTS_SECONDS", 0 if DEBUG else 31536000)
SECURE_HSTS_INCLUDE_SUBDOMAINS = SECURE_HSTS_SECONDS > 0
SECURE_HSTS_PRELOAD = envbool("SECURE_HSTS_PRELOAD", SECURE_HSTS_SECONDS > 0)
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"
if envbool("USE_X_FORWARDED_PROTO", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")

DATA_UPLOAD_MAX_MEMORY_SIZE = envint("DATA_UPLOAD_MAX_MEMORY_SIZE", 10 * 1024 * 1024)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": envstr("LOG_LEVEL", "INFO")},
}

# --- Conflictmap ---

# Largest article text accepted by ingest, in characters; longer texts are refused, not cut.
CONFLICTMAP_MAX_ARTICLE_CHARS = envint("CONFLICTMAP_MAX_ARTICLE_CHARS", 2_000_000)

# Review statuses of the claims that visitors who are not logged in to the admin see on the map,
# in the API and in every export ("verified" = only what a curator approved). Staff see all.
CONFLICTMAP_PUBLIC_REVIEW_STATUSES = envlist(
    "CONFLICTMAP_PUBLIC_REVIEW_STATUSES", "machine,verified,corrected"
)
_unknown = set(CONFLICTMAP_PUBLIC_REVIEW_STATUSES) - {
    "machine",
    "verified",
    "corrected",
    "rejected",
}
if _unknown:
    raise ImproperlyConfigured(
        "CONFLICTMAP_PUBLIC_REVIEW_STATUSES takes machine, verified, corrected or rejected; "
        f"got {', '.join(sorted(_unknown))}"
    )

# How often (seconds) a process checks whether the gazetteer tables changed and its in-memory
# matcher must be rebuilt; curator edits to places reach geoparsing within this delay.
CONFLICTMAP_GAZETTEER_CHECK_SECONDS = envint("CONFLICTMAP_GAZETTEER_CHECK_SECONDS", 10)

# Online geocoder fallback (geopy). Off by default: the app never touches the network unless
# a deployment names a provider here and gives a user agent that identifies it.
CONFLICTMAP_GEOCODER = envstr("CONFLICTMAP_GEOCODER", "")
CONFLICTMAP_GEOCODER_USER_AGENT = envstr("CONFLICTMAP_GEOCODER_USER_AGENT", "")

# Fetching articles by URL or feed (only when a user runs ingest_url): identify yourself.
CONFLICTMAP_FETCH_USER_AGENT = envstr(
    "CONFLICTMAP_FETCH_USER_AGENT", "Conflictmap/0.1 (news geoparsing; self-hosted)"
)
CONFLICTMAP_FETCH_TIMEOUT = envint("CONFLICTMAP_FETCH_TIMEOUT", 20)

# Optional online tile layer drawn over the bundled offline basemap ("" = offline only).
CONFLICTMAP_TILE_URL = envstr("CONFLICTMAP_TILE_URL", "")
CONFLICTMAP_TILE_ATTRIBUTION = envstr("CONFLICTMAP_TILE_ATTRIBUTION", "")

LEAFLET_CONFIG = {
    "DEFAULT_CENTER": (34.8, 38.9),
    "DEFAULT_ZOOM": 6,
    "MIN_ZOOM": 2,
    "MAX_ZOOM": 16,
    # No tiles by default: the map draws the bundled Natural Earth layers itself.
    "TILES": [],
    "ATTRIBUTION_PREFIX": "Place names © GeoNames (geonames.org), CC BY 4.0; Natural Earth",
    "RESET_VIEW": False,
}
