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
from html.parser import HTMLParser
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


class _MainTextParser(HTMLParser):
    """Collect an HTML page's metadata and the text of its main content blocks."""

    SKIP = frozenset(
        {
            "script",
            "style",
            "noscript",
            "template",
            "nav",
            "header",
            "footer",
            "aside",
            "form",
            "button",
            "svg",
            "figure",
            "iframe",
            "select",
        }
    )
    BLOCKS = frozenset(
        {
            "p",
            "h1",
            "h2",
            "h3",
            "h4",
            "h5",
            "h6",
            "li",
            "blockquote",
            "pre",
            "div",
            "section",
            "article",
            "main",
            "br",
            "tr",
            "td",
            "dd",
            "dt",
        }
    )

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.meta: dict[str, str] = {}
        self.title_parts: list[str] = []
        self.skip_depth = 0
        self.in_title = False
        # Text blocks per container: everything, inside <article>, inside <main>.
        self.blocks: dict[str, list[str]] = {"body": [], "article": [], "main": []}
        self.open_containers: list[str] = []
        self.current: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = {key: value or "" for key, value in attrs}
        if tag == "meta":
            key = (values.get("property") or values.get("name") or "").lower()
            if key and values.get("content"):
                self.meta.setdefault(key, values["content"])
        elif tag == "link" and "canonical" in values.get("rel", "").lower():
            self.meta.setdefault("canonical", values.get("href", ""))
        elif tag == "title":
            self.in_title = True
        if tag in self.SKIP:
            self.skip_depth += 1
        if tag in self.BLOCKS:
            self._flush()
        if tag in ("article", "main"):
            self.open_containers.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag == "title":
            self.in_title = False
        if tag in self.SKIP and self.skip_depth:
            self.skip_depth -= 1
        if tag in self.BLOCKS:
            self._flush()
        if tag in ("article", "main") and tag in self.open_containers:
            self.open_containers.reverse()
            self.open_containers.remove(tag)
            self.open_containers.reverse()

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_parts.append(data)
        elif not self.skip_depth:
            self.current.append(data)

    def _flush(self) -> None:
        text = " ".join("".join(self.current).split())
        self.current = []
        if not text:
            return
        self.blocks["body"].append(text)
        for container in set(self.open_containers):
            self.blocks[container].append(text)

    def close(self) -> None:
        super().close()
        self._flush()

    def main_text(self) -> str:
        for container in ("article", "main", "body"):
            if sum(len(block) for block in self.blocks[container]) >= 200 or container == "body":
                return "\n\n".join(self.blocks[container])
        return ""


def read_html_article(raw: str, source: str, max_chars: int) -> ArticleInput:
    """Return the article of an HTML page: main text of <article>, <main> or <body>; <meta> data."""
    parser = _MainTextParser()
    parser.feed(raw)
    parser.close()
    meta = parser.meta
    url = meta.get("og:url") or meta.get("canonical") or ""
    try:
        checked_url = check_url(url, source) if url else None
    except ReaderError:
        checked_url = None  # a relative canonical link is not an article URL; keep the text
    record = {
        "title": meta.get("og:title") or " ".join("".join(parser.title_parts).split()),
        "outlet": meta.get("og:site_name", ""),
        "published": meta.get("article:published_time") or meta.get("date") or None,
        "language": "",
        "text": parser.main_text(),
        "url": checked_url,
    }
    try:
        return build_article(record, source, max_chars)
    except ReaderError as exc:
        if record["published"] and "published" in exc.message:
            return build_article({**record, "published": None}, source, max_chars)
        raise


def read_articles(path: Path, *, max_chars: int) -> Iterator[ArticleInput]:
    """Yield the articles in one file; raise ReaderError for a file that cannot be read at all.

    A JSON Lines file yields what it can and raises at the first bad line, naming it; the caller
    decides whether a partly bad file is stored (services.ingest_paths stores none of it).
    """
    source = str(path)
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise ReaderError(
            source, f"unsupported file type {suffix or '(none)'}; use {', '.join(SUFFIXES)}"
        )
    try:
        size = path.stat().st_size
        if size > MAX_FILE_BYTES:
            raise ReaderError(source, f"file is {size:,} bytes; the limit is {MAX_FILE_BYTES:,}")
        data = path.read_bytes()
    except OSError as exc:
        raise ReaderError(source, f"cannot read file: {exc.strerror or exc}") from exc
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
