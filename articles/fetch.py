"""Fetch articles from the web: a page URL or an RSS/Atom feed (ORM-free I/O).

Only run when a user asks (`manage.py ingest_url`); nothing else in the app touches the network.
Pages go through `readers.read_html_article` (trafilatura) and feeds through feedparser.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Any

import requests
from django.conf import settings

from articles.readers import ArticleInput, ReaderError, check_url, decode_bytes, read_html_article

MAX_PAGE_BYTES = 10 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class FeedEntry:
    url: str
    title: str
    published: dt.date | None


def fetch_bytes(url: str, *, session: Any = None) -> tuple[bytes, str]:
    """Return the body and content type at `url`, refusing non-http(s) URLs and huge bodies."""
    checked = check_url(url, url)
    if checked is None:
        raise ReaderError(url, "empty URL")
    http = session or requests
    try:
        response = http.get(
            checked,
            headers={"User-Agent": settings.CONFLICTMAP_FETCH_USER_AGENT},
            timeout=settings.CONFLICTMAP_FETCH_TIMEOUT,
            stream=True,
        )
    except requests.RequestException as exc:
        raise ReaderError(url, f"could not fetch: {exc.__class__.__name__}") from exc
    with response:
        if response.status_code != 200:
            raise ReaderError(url, f"the server answered HTTP {response.status_code}")
        chunks: list[bytes] = []
        size = 0
        for chunk in response.iter_content(64 * 1024):
            size += len(chunk)
            if size > MAX_PAGE_BYTES:
                raise ReaderError(url, f"the page is larger than {MAX_PAGE_BYTES:,} bytes")
            chunks.append(chunk)
        return b"".join(chunks), response.headers.get("Content-Type", "")


def fetch_article(url: str, *, session: Any = None) -> ArticleInput:
    """Return the article at a page URL (main text extracted)."""
    body, content_type = fetch_bytes(url, session=session)
    if "html" not in content_type and not body.lstrip()[:15].lower().startswith(
        (b"<!doctype", b"<html")
    ):
        raise ReaderError(url, f"not an HTML page (Content-Type {content_type or 'missing'})")
    return read_html_article(
        decode_bytes(body, url), url, settings.CONFLICTMAP_MAX_ARTICLE_CHARS, url=url
    )


def parse_feed(body: bytes, source: str) -> list[FeedEntry]:
    """Return the entries of an RSS or Atom feed that link to a page."""
    import feedparser

    parsed = feedparser.parse(body)
    if parsed.bozo and not parsed.entries:
        raise ReaderError(source, f"not a readable RSS/Atom feed: {parsed.bozo_exception}")
    entries = []
    for entry in parsed.entries:
        link = entry.get("link")
        if not link:
            continue
        when = entry.get("published_parsed") or entry.get("updated_parsed")
        entries.append(
            FeedEntry(
                url=link,
                title=" ".join(str(entry.get("title", "")).split()),
                published=dt.date(when.tm_year, when.tm_mon, when.tm_mday) if when else None,
            )
        )
    return entries


def fetch_feed(url: str, *, session: Any = None) -> list[FeedEntry]:
    """Return the page entries of the RSS/Atom feed at `url`."""
    body, _ = fetch_bytes(url, session=session)
    return parse_feed(body, url)
