"""Read articles from files: plain text with a header, HTML, JSON and JSON Lines (ORM-free).

Every reader yields `ArticleInput` values or raises `ReaderError` naming the file and, for JSON
Lines, the line. Nothing here touches the database; `services.ingest_paths` stores what it gets.
"""

from __future__ import annotations

import datetime as dt
import json
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import charset_normalizer

SUFFIXES = (".txt", ".html", ".htm", ".json", ".jsonl")
# Header keys of the .txt format, in the order the README documents them.
TEXT_HEADER_KEYS = ("title", "url", "outlet", "published", "language")
MAX_FILE_BYTES = 50 * 1024 * 1024


class ReaderError(Exception):
    """A file or record that cannot be read as an article."""

    def __init__(self, source: str, message: str) -> None:
        super().__init__(f"{source}: {message}")
        self.source = source
        self.message = message


@dataclass(frozen=True, slots=True)
class ArticleInput:
    text: str
    title: str = ""
    url: str | None = None
    outlet: str = ""
    published: dt.date | None = None
    language: str = "en"
    source: str = ""  # where it came from, for messages: "path" or "path:line"


def decode_bytes(data: bytes, source: str) -> str:
    """Return the text of `data`: UTF-8 (with or without BOM), else the detected encoding."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError:
        pass
    best = charset_normalizer.from_bytes(data).best()
    if best is None or best.encoding is None:
        raise ReaderError(source, "unknown text encoding (not UTF-8 and could not be detected)")
    return str(best)


def clean_text(text: str) -> str:
    """Return `text` with normalised newlines, NFC and no control characters or trailing spaces."""
    text = unicodedata.normalize("NFC", text.replace("\r\n", "\n").replace("\r", "\n"))
    text = "".join(ch for ch in text if ch in "\n\t" or unicodedata.category(ch) != "Cc")
    lines = [line.rstrip() for line in text.split("\n")]
    return re.sub(r"\n{3,}", "\n\n", "\n".join(lines)).strip()


def parse_date(value: Any, source: str) -> dt.date | None:
    """Return the date of an ISO date or date-time string (None for empty)."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ReaderError(source, f"published must be an ISO date string, got {value!r}")
    text = value.strip()
    try:
        return dt.date.fromisoformat(text[:10])
    except ValueError:
        pass
    try:
        return dt.datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError as exc:
        raise ReaderError(source, f"published is not an ISO date (YYYY-MM-DD): {value!r}") from exc


def check_url(value: Any, source: str) -> str | None:
    """Return a valid http(s) URL or None for empty; anything else is an error."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    if not isinstance(value, str):
        raise ReaderError(source, f"url must be a string, got {value!r}")
    url = value.strip()
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        raise ReaderError(source, f"url must be an http(s) URL, got {url!r}")
    if len(url) > 1000:
        raise ReaderError(source, "url is longer than 1000 characters")
    return url


def build_article(record: dict[str, Any], source: str, max_chars: int) -> ArticleInput:
    """Return a validated `ArticleInput` from a mapping with the ingest fields."""
    if not isinstance(record, dict):
        raise ReaderError(source, f"expected a JSON object, got {type(record).__name__}")
    text = record.get("text")
    if not isinstance(text, str):
        raise ReaderError(source, "missing 'text' (a string)")
    text = clean_text(text)
    if not text:
        raise ReaderError(source, "the article text is empty")
    if len(text) > max_chars:
        raise ReaderError(
            source, f"the article text has {len(text):,} characters; the limit is {max_chars:,}"
        )
    fields: dict[str, str] = {}
    for key in ("title", "outlet", "language"):
        value = record.get(key) or ""
        if not isinstance(value, str):
            raise ReaderError(source, f"{key} must be a string, got {value!r}")
        fields[key] = " ".join(value.split())
    return ArticleInput(
        text=text,
        title=fields["title"][:500],
        url=check_url(record.get("url"), source),
        outlet=fields["outlet"][:200],
        published=parse_date(record.get("published"), source),
        language=(fields["language"] or "en")[:12],
        source=source,
    )


def read_text_article(raw: str, source: str, max_chars: int) -> ArticleInput:
    """Return the article of a .txt file: `Key: value` header lines, a blank line, the body.

    The header is recognised only when the first line is a known key; otherwise the whole file
    is the body and its first line the title.
    """
    lines = raw.lstrip("\ufeff").split("\n")
    header: dict[str, str] = {}
    first = re.match(r"^([A-Za-z]+):\s*(.*)$", lines[0].strip()) if lines else None
    if first and first.group(1).lower() in TEXT_HEADER_KEYS:
        index = 0
        while index < len(lines) and lines[index].strip():
            match = re.match(r"^([A-Za-z]+):\s*(.*)$", lines[index].strip())
            if not match or match.group(1).lower() not in TEXT_HEADER_KEYS:
                raise ReaderError(
                    source,
                    f"line {index + 1}: expected a header line 'Key: value' with a key among "
                    f"{', '.join(TEXT_HEADER_KEYS)}, or a blank line before the body",
                )
            header[match.group(1).lower()] = match.group(2).strip()
            index += 1
        body = "\n".join(lines[index:])
    else:
        body = raw
        title = next((line.strip() for line in lines if line.strip()), "")
        header["title"] = title
    return build_article({**header, "text": body}, source, max_chars)


def read_html_article(
    raw: str, source: str, max_chars: int, url: str | None = None
) -> ArticleInput:
    """Return the article of an HTML page: its main text and metadata, extracted by trafilatura."""
    import trafilatura

    document = trafilatura.bare_extraction(
        raw, url=url, with_metadata=True, include_comments=False, include_tables=False
    )
    if document is None or not (document.text or "").strip():
        raise ReaderError(source, "no article text found in the HTML page")
    title = " ".join((document.title or "").split())
    paragraphs = [line.strip() for line in document.text.split("\n") if line.strip()]
    if paragraphs and title and paragraphs[0] == title:
        paragraphs = paragraphs[1:]  # the headline is the title, not part of the body
    try:
        page_url = check_url(url or document.url, source)
    except ReaderError:
        page_url = None  # a relative canonical link is not an article URL; keep the text
    try:
        published = parse_date(document.date, source)
    except ReaderError:
        published = None
    record = {
        "title": title,
        "outlet": document.sitename or "",
        "language": document.language or "",
        "text": "\n\n".join(paragraphs),
        "url": None,
    }
    article = build_article(record, source, max_chars)
    return ArticleInput(
        text=article.text,
        title=article.title,
        url=page_url,
        outlet=article.outlet,
        published=published,
        language=article.language,
        source=source,
    )


def read_articles(path: Path, *, max_chars: int) -> Iterator[ArticleInput]:
    """Yield the articles in one file; raise ReaderError for a file that cannot be read at all.

    A JSON Lines file yields what it can and raises at the first bad line, naming it; the caller
    decides whether a partly bad file is stored (services.ingest_paths stores none of it).
    """
    source = str(path)
    check_suffix(source)
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReaderError(source, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        data = path.read_bytes()
    except OSError as exc:
        raise ReaderError(source, f"cannot read file: {exc.strerror or exc}") from exc
    yield from read_article_bytes(data, source, max_chars=max_chars)


def check_suffix(name: str) -> str:
    """Return the lower-case suffix of a file name, or raise ReaderError for an unknown type."""
    suffix = Path(name).suffix.lower()
    if suffix not in SUFFIXES:
        raise ReaderError(
            name, f"unsupported file type {suffix or '(none)'}; use {', '.join(SUFFIXES)}"
        )
    return suffix


def read_article_bytes(data: bytes, source: str, *, max_chars: int) -> Iterator[ArticleInput]:
    """Yield the articles in the bytes of a file named `source` (its suffix gives the format)."""
    suffix = check_suffix(source)
    if len(data) > MAX_FILE_BYTES:
        raise ReaderError(source, f"file is {len(data):,} bytes; the limit is {MAX_FILE_BYTES:,}")
    raw = decode_bytes(data, source)
    if suffix == ".txt":
        yield read_text_article(raw, source, max_chars)
    elif suffix in (".html", ".htm"):
        yield read_html_article(raw, source, max_chars)
    elif suffix == ".json":
        try:
            payload = json.loads(raw)
        except json.JSONDecodeError as exc:
            raise ReaderError(source, f"invalid JSON at line {exc.lineno}: {exc.msg}") from exc
        records = payload if isinstance(payload, list) else [payload]
        for index, record in enumerate(records, start=1):
            where = f"{source}[{index}]" if isinstance(payload, list) else source
            yield build_article(record, where, max_chars)
    else:
        for number, line in enumerate(raw.split("\n"), start=1):
            if not line.strip():
                continue
            where = f"{source}:{number}"
            try:
                record = json.loads(line)
            except json.JSONDecodeError as exc:
                raise ReaderError(where, f"invalid JSON: {exc.msg}") from exc
            yield build_article(record, where, max_chars)


def iter_input_files(paths: list[Path]) -> Iterator[Path]:
    """Yield the article files named, expanding directories (sorted, recursive)."""
    for path in paths:
        if path.is_dir():
            yield from sorted(
                p for p in path.rglob("*") if p.is_file() and p.suffix.lower() in SUFFIXES
            )
        else:
            yield path
