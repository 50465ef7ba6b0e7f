"""`manage.py ingest`: every format in, idempotent, bad files reported without losing the rest."""

from __future__ import annotations

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from articles.models import Article

pytestmark = pytest.mark.usefixtures("reference_data")

GOOD_TXT = """Title: Drone strike near Kharkiv
URL: https://example.org/kharkiv-strike
Outlet: Example Wire
Published: 2024-05-02

KYIV, May 2 – Russian drones struck an energy facility near Kharkiv overnight, the regional
governor said."""


def ingest(*paths) -> tuple[str, str]:
    out, err = StringIO(), StringIO()
    call_command("ingest", *map(str, paths), stdout=out, stderr=err)
    return out.getvalue(), err.getvalue()


def test_it_ingests_a_folder_and_reports_a_summary(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_TXT, encoding="utf-8")
    (tmp_path / "b.jsonl").write_text(
        json.dumps(
            {
                "url": "https://example.org/b",
                "title": "B",
                "outlet": "Wire",
                "published": "2024-06-01",
                "text": "Turkish troops shelled positions near Tal Abyad, the SDF said.",
            }
        )
        + "\n",
        encoding="utf-8",
    )
    out, _ = ingest(tmp_path)
    assert "2 articles added" in out
    article = Article.objects.get(url="https://example.org/kharkiv-strike")
    assert article.processed_at is not None
    assert article.mentions.filter(text="Kharkiv").exists()


def test_ingesting_twice_changes_nothing(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_TXT, encoding="utf-8")
    ingest(tmp_path)
    article = Article.objects.get()
    before = (article.mentions.count(), article.claims.count(), article.processed_at)
    out, _ = ingest(tmp_path)
    assert "0 articles added" in out and "1 already present" in out
    article.refresh_from_db()
    assert (article.mentions.count(), article.claims.count(), article.processed_at) == before


def test_the_same_text_under_another_url_is_recognised(tmp_path):
    (tmp_path / "a.txt").write_text(GOOD_TXT, encoding="utf-8")
    (tmp_path / "b.txt").write_text(
        GOOD_TXT.replace("kharkiv-strike", "mirror-copy").replace("struck an", "struck  an"),
        encoding="utf-8",
    )
    ingest(tmp_path)
    assert Article.objects.count() == 1


def test_a_bad_file_is_reported_and_the_others_are_stored(tmp_path):
    (tmp_path / "good.txt").write_text(GOOD_TXT, encoding="utf-8")
    (tmp_path / "bad.jsonl").write_text(
        json.dumps({"url": "https://example.org/first", "text": "Valid first line near Aleppo."})
        + "\n{not json}\n",
        encoding="utf-8",
    )
    out, err = ingest(tmp_path)
    assert "1 articles added" in out and "1 files failed" in out
    assert "bad.jsonl:2" in err
    # The bad file is atomic: its valid first line was not stored either.
    assert not Article.objects.filter(url="https://example.org/first").exists()
    assert Article.objects.filter(url="https://example.org/kharkiv-strike").exists()


def test_it_fails_when_nothing_could_be_read(tmp_path):
    (tmp_path / "empty.json").write_text('{"text": ""}', encoding="utf-8")
    with pytest.raises(CommandError, match="no article could be read"):
        ingest(tmp_path / "empty.json")


def test_a_missing_path_is_an_error(tmp_path):
    with pytest.raises(CommandError, match="no such file"):
        ingest(tmp_path / "nope.txt")
