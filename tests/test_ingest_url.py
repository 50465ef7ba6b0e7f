"""Articles from a page URL or an RSS/Atom feed, served by a local HTTP server on 127.0.0.1."""

from __future__ import annotations

import datetime as dt
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from io import StringIO

import pytest
from django.core.management import call_command

from articles import services
from articles.models import Article

pytestmark = pytest.mark.usefixtures("reference_data")

PAGE = """<!doctype html><html><head><title>Site | Drones hit dam</title>
<meta property="og:title" content="Drones hit the Tishrin Dam">
<meta property="og:site_name" content="Local Test News">
<meta property="article:published_time" content="2024-12-20T08:00:00Z"></head>
<body><nav>Home | World</nav><article><h1>Drones hit the Tishrin Dam</h1>
<p>Turkish drones struck the Tishrin Dam on Friday, the Syrian Democratic Forces said, the third
attack on the dam this month.</p><p>Residents of Manbij reported heavy fighting on the road to the
dam through the night, according to local officials.</p></article>
<footer>© test</footer></body></html>"""

SECOND = PAGE.replace("Tishrin Dam", "Tabqa Dam").replace("Manbij", "Raqqa")

FEED = """<?xml version="1.0"?><rss version="2.0"><channel><title>Test feed</title>
<item><title>Feed title for the dam story</title><link>{base}/dam</link>
<pubDate>Fri, 20 Dec 2024 08:00:00 GMT</pubDate></item>
<item><title>Second story</title><link>{base}/second</link></item>
<item><title>Broken link</title><link>{base}/missing</link></item>
</channel></rss>"""


class Handler(BaseHTTPRequestHandler):
    routes: dict[str, tuple[str, str]] = {}

    def do_GET(self) -> None:
        if self.path not in self.routes:
            self.send_error(404)
            return
        content_type, body = self.routes[self.path]
        data = body.encode("utf-8")
        self.send_response(200)
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, *args) -> None:
        pass


@pytest.fixture
def server():
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    base = f"http://127.0.0.1:{httpd.server_port}"
    Handler.routes = {
        "/dam": ("text/html; charset=utf-8", PAGE),
        "/second": ("text/html; charset=utf-8", SECOND),
        "/feed.xml": ("application/rss+xml", FEED.format(base=base)),
        "/data.json": ("application/json", "{}"),
    }
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield base
    httpd.shutdown()
    httpd.server_close()


def test_it_ingests_a_page_by_url(server):
    summary = services.ingest_urls([f"{server}/dam"])
    assert summary.created == 1
    article = Article.objects.get(url=f"{server}/dam")
    assert article.title == "Drones hit the Tishrin Dam"
    assert article.outlet == "Local Test News"
    assert article.published == dt.date(2024, 12, 20)
    assert "Home | World" not in article.text and article.text.startswith("Turkish drones")
    assert article.mentions.filter(text__contains="Tishrin").exists()


def test_it_ingests_the_pages_of_a_feed_and_reports_a_broken_one(server):
    out, err = StringIO(), StringIO()
    call_command("ingest_url", f"{server}/feed.xml", "--feed", stdout=out, stderr=err)
    assert "2 articles added" in out.getvalue() and "1 failed" in out.getvalue()
    assert "HTTP 404" in err.getvalue()
    dam = Article.objects.get(url=f"{server}/dam")
    assert dam.title == "Feed title for the dam story"
    out = StringIO()
    call_command("ingest_url", f"{server}/feed.xml", "--feed", "--limit", "2", stdout=out)
    assert "0 articles added" in out.getvalue() and "2 already present" in out.getvalue()


@pytest.mark.parametrize(
    ("path", "message"),
    [("/missing", "HTTP 404"), ("/data.json", "not an HTML page")],
)
def test_bad_pages_get_a_clear_error(server, path, message):
    summary = services.ingest_urls([f"{server}{path}"])
    assert summary.failed == 1 and message in summary.errors[0]
    assert not Article.objects.exists()


def test_only_http_urls_are_fetched():
    summary = services.ingest_urls(["file:///etc/passwd"])
    assert summary.failed == 1 and "http(s) URL" in summary.errors[0]
