"""CSV and standalone HTML-map exports: the map's filter, ACLED-like columns, safe content."""

from __future__ import annotations

import csv
import io
import json
import re

import pytest
from django.urls import reverse

from articles.exports import CSV_COLUMNS
from tests.factories import make_actor, make_article, make_claim, make_mention, make_place

pytestmark = pytest.mark.django_db

SCRIPT = "<script>alert(1)</script>"
IMG = '"><img src=x onerror=alert(1)>'


def read_csv(response) -> list[dict[str, str]]:
    body = b"".join(response.streaming_content).decode("utf-8")
    assert body.startswith("\ufeff")
    return list(csv.DictReader(io.StringIO(body.lstrip("\ufeff"))))


def test_csv_has_acled_like_columns_and_one_row_per_claim(client):
    claim = make_claim(relation="base", claimant="Sergey Lavrov")
    response = client.get(reverse("articles-csv"))
    assert response["Content-Type"].startswith("text/csv")
    assert 'filename="conflictmap-claims-' in response["Content-Disposition"]
    [row] = read_csv(response)
    assert list(row) == list(CSV_COLUMNS)
    assert row["event_id_cnty"] == f"CM{claim.pk}"
    assert row["event_type"] == "Strategic developments"
    assert row["sub_event_type"] == "Headquarters or base established"
    assert row["actor1"] == claim.actor.name
    assert row["location"] == claim.mention.place.name
    assert float(row["latitude"]) == pytest.approx(claim.mention.place.lat)
    assert row["notes"] == claim.quote and row["claimant"] == "Sergey Lavrov"


def test_csv_follows_the_map_filter(client):
    russia = make_actor(name="Russia")
    make_claim(relation="base")
    make_claim(relation="strike", actor=russia)
    rows = read_csv(client.get(reverse("articles-csv"), {"relation": "strike"}))
    assert [row["actor1"] for row in rows] == ["Russia"]
    assert client.get(reverse("articles-csv"), {"relation": "nope"}).status_code == 400


def test_csv_cells_cannot_become_spreadsheet_formulas(client):
    make_claim(claimant='=HYPERLINK("http://evil.example")')
    [row] = read_csv(client.get(reverse("articles-csv")))
    assert row["claimant"].startswith("'=")


def payload_claim():
    place = make_place(name=f"Camp {IMG}")
    article = make_article(title=f"Title {SCRIPT}", outlet=f"Outlet {IMG}", text=f"Quote {SCRIPT}")
    mention = make_mention(article=article, place=place, text="Camp", start=0, end=4)
    return make_claim(
        article=article,
        mention=mention,
        actor=make_actor(name=f"Actor {SCRIPT}"),
        claimant=f"Claimant {IMG}",
        quote=f"Quote {SCRIPT} and {IMG}",
    )


def test_the_html_map_is_standalone_and_offline(client):
    payload_claim()
    response = client.get(reverse("articles-html-map"))
    assert response.status_code == 200
    html = response.content.decode()
    assert "L.map(" in html and "Place names © GeoNames" in html
    # No asset is loaded from anywhere: Leaflet is inlined.
    assert not re.findall(r'<(?:script|link)[^>]+(?:src|href)="https?:', html)


def test_the_html_map_carries_payloads_only_as_inert_data(client):
    claim = payload_claim()
    html = client.get(reverse("articles-html-map")).content.decode()
    assert SCRIPT not in html and "<img src=x" not in html
    block = re.search(
        r'<script type="application/json" id="conflictmap-claims">(.*?)</script>', html, re.S
    )
    data = json.loads(block.group(1))
    [feature] = data["features"]
    assert feature["id"] == claim.pk
    assert feature["properties"]["quote"] == claim.quote  # the text survives, as data


def test_the_geojson_streams_in_pieces_that_join_to_valid_json(client, monkeypatch):
    from articles import exports
    from tests.http import body_json

    monkeypatch.setattr(exports, "STREAM_BATCH", 2)
    claims = [make_claim() for _ in range(5)]
    response = client.get(reverse("articles-geojson"))
    assert response.streaming
    pieces = list(response.streaming_content)
    assert len(pieces) >= 4  # opening, three batches of at most two, closing
    body = json.loads(b"".join(pieces))
    assert sorted(f["id"] for f in body["features"]) == sorted(c.pk for c in claims)
    assert (
        body_json(client.get(reverse("articles-geojson"), {"relation": "strike"}))["features"] == []
    )
