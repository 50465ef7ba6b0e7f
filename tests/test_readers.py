"""Article files in every ingest format, and the clear errors bad ones get."""

from __future__ import annotations

import datetime as dt
import json

import pytest

from articles.readers import ReaderError, read_articles

LIMIT = 10_000

TXT_WITH_HEADER = """Title: Troops at the crossing
URL: https://example.org/a/1
Outlet: Example Wire
Published: 2024-03-12
Language: en

RAQQA, March 12 – Turkish troops moved closer to the crossing.

A second paragraph."""

HTML_PAGE = """<!doctype html><html><head><title>Page title | Site</title>
<meta property="og:title" content="Strike on the dam">
<meta property="og:url" content="https://news.example.org/strike">
<meta property="og:site_name" content="Example News">
<meta property="article:published_time" content="2023-07-01T10:00:00Z">
<script>var tracking = "not article text";</script></head>
<body><nav>Home | World | Sport</nav>
<article><h1>Strike on the dam</h1><p>Drones struck the Tishrin Dam on Saturday, officials said,
in an attack that the Syrian Democratic Forces blamed on Turkey.</p>
<p>Residents of Manbij reported explosions through the night. &amp; more.</p>
<aside>Related: other stories</aside></article><footer>© Example</footer></body></html>"""


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_it_reads_a_text_file_with_a_header(tmp_path):
    [article] = read_articles(write(tmp_path, "a.txt", TXT_WITH_HEADER), max_chars=LIMIT)
    assert article.title == "Troops at the crossing"
    assert article.url == "https://example.org/a/1"
    assert article.outlet == "Example Wire"
    assert article.published == dt.date(2024, 3, 12)
    assert article.text.startswith("RAQQA, March 12")
    assert article.text.endswith("A second paragraph.")


def test_a_text_file_without_header_is_all_body_titled_by_its_first_line(tmp_path):
    [article] = read_articles(
        write(tmp_path, "b.txt", "Lavrov says\n\nMore text."), max_chars=LIMIT
    )
    assert article.title == "Lavrov says"
    assert article.text == "Lavrov says\n\nMore text."


def test_it_extracts_the_main_text_and_metadata_of_html(tmp_path):
    [article] = read_articles(write(tmp_path, "p.html", HTML_PAGE), max_chars=LIMIT)
    assert article.title == "Strike on the dam"
    assert article.url == "https://news.example.org/strike"
    assert article.outlet == "Example News"
    assert article.published == dt.date(2023, 7, 1)
    assert "Tishrin Dam" in article.text and "& more." in article.text
    for noise in ("tracking", "Home | World", "Related:", "© Example"):
        assert noise not in article.text


def test_it_reads_json_objects_lists_and_lines(tmp_path):
    record = {
        "url": "https://e.org/1",
        "title": "T",
        "outlet": "O",
        "published": "2020-01-02",
        "text": "Body one.",
    }
    other = {**record, "url": "https://e.org/2", "text": "Body two."}
    single = list(read_articles(write(tmp_path, "a.json", json.dumps(record)), max_chars=LIMIT))
    listed = list(
        read_articles(write(tmp_path, "b.json", json.dumps([record, other])), max_chars=LIMIT)
    )
    lines = list(
        read_articles(
            write(tmp_path, "c.jsonl", json.dumps(record) + "\n\n" + json.dumps(other) + "\n"),
            max_chars=LIMIT,
        )
    )
    assert [a.text for a in single] == ["Body one."]
    assert [a.text for a in listed] == ["Body one.", "Body two."]
    assert [a.url for a in lines] == ["https://e.org/1", "https://e.org/2"]


def test_it_decodes_a_legacy_encoding(tmp_path):
    text = (
        "Title: Al Ḩasakah\n\n"
        "Les forces françaises ont quitté la base près de Gao, a déclaré l'état-major."
    )
    path = write(tmp_path, "latin.txt", text.replace("Ḩ", "H").encode("cp1252"))
    [article] = read_articles(path, max_chars=LIMIT)
    assert "françaises" in article.text


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("empty.txt", "Title: Nothing\n\n   \n", "text is empty"),
        ("broken.json", '{"text": "unclosed', "invalid JSON"),
        ("notext.json", '{"title": "no text"}', "missing 'text'"),
        ("list.json", '[{"text": "ok"}, 5]', "expected a JSON object"),
        ("badline.jsonl", '{"text": "fine"}\n{oops}\n', "badline.jsonl:2"),
        ("baddate.json", '{"text": "x", "published": "last Tuesday"}', "not an ISO date"),
        ("badurl.json", '{"text": "x", "url": "javascript:alert(1)"}', "http(s) URL"),
        ("badheader.txt", "Title: x\nAuthor: y\n\nbody", "expected a header line"),
        ("huge.txt", "word " * 5000, "the limit is 10,000"),
        ("image.png", "not an article", "unsupported file type"),
        ("binary.txt", b"\xff\xfe\x00\x00\xde\xad\xbe\xef\x00\x81\x8d\x8f\x90\x9d" * 3, "encoding"),
    ],
)
def test_bad_input_gets_a_clear_error(tmp_path, name, content, message):
    path = write(tmp_path, name, content)
    with pytest.raises(ReaderError) as excinfo:
        list(read_articles(path, max_chars=LIMIT))
    assert message in str(excinfo.value)
    assert name in str(excinfo.value)
