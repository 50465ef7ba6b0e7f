"""Exports of a claim queryset: streamed GeoJSON and CSV, and a standalone offline HTML map.

Every export takes the queryset the map's filter produced (queries.filtered_claims), so a file
holds exactly what the map shows. GeoJSON and CSV are generators over `QuerySet.iterator()`,
so memory stays flat however many claims match.
"""

from __future__ import annotations

import csv
import json
from collections.abc import Iterable, Iterator, Mapping
from pathlib import Path
from typing import Any

from django.conf import settings
from django.contrib.staticfiles import finders

from articles.geojson import ClaimRow, acled_types, build_feature_collection, feature_from_row
from articles.models import Claim

CHUNK = 2000
# Features per piece of a streamed response: few enough to keep memory flat, enough that
# the per-piece overhead of the WSGI server does not dominate.
STREAM_BATCH = 500

# ACLED-like columns first (names as in ACLED exports), then what only Conflictmap knows.
CSV_COLUMNS = (
    "event_id_cnty",
    "event_date",
    "year",
    "event_type",
    "sub_event_type",
    "actor1",
    "actor2",
    "country_code",
    "location",
    "latitude",
    "longitude",
    "geo_precision",
    "source",
    "source_url",
    "notes",
    "relation",
    "claimant",
    "claim_status",
    "review_status",
    "where_prec",
    "confidence",
    "article_title",
    "valid_to",
)


def _cell(value: Any) -> str:
    """Return a CSV cell that a spreadsheet will not run as a formula (OWASP CSV injection)."""
    text = "" if value is None else str(value)
    if text[:1] in ("=", "+", "-", "@", "\t", "\r"):
        return "'" + text
    return text


def claim_csv_row(claim: Claim) -> list[str]:
    """Return one claim as CSV cells in CSV_COLUMNS order."""
    mention = claim.mention
    place = mention.place if mention else None
    precision = mention.precision if mention else None
    event_type, sub_event_type = acled_types(claim.relation)
    article = claim.article
    values = (
        f"CM{claim.pk}",
        claim.valid_from.isoformat() if claim.valid_from else "",
        claim.valid_from.year if claim.valid_from else "",
        event_type,
        sub_event_type,
        claim.actor.name,
        claim.second_actor.name if claim.second_actor else "",
        place.country_code if place else "",
        place.name if place else (mention.text if mention else ""),
        f"{place.lat:.5f}" if place else "",
        f"{place.lon:.5f}" if place else "",
        # ACLED's geo_precision: 1 the place, 2 near it, 3 a larger region.
        "" if precision is None else min(precision, 3),
        article.outlet,
        article.url or "",
        claim.quote,
        claim.relation,
        claim.claimant,
        claim.status,
        claim.review_status,
        "" if precision is None else precision,
        f"{claim.confidence:.3f}",
        article.title,
        claim.valid_to.isoformat() if claim.valid_to else "",
    )
    return [_cell(v) for v in values]


class _Line:
    """A file-like object whose write returns the line, for csv.writer in a generator."""

    def write(self, value: str) -> str:
        return value


def stream_csv(claims: Iterable[Claim]) -> Iterator[str]:
    """Yield the CSV export line by line, header first."""
    writer = csv.writer(_Line())
    yield "\ufeff" + writer.writerow(CSV_COLUMNS)  # the BOM lets spreadsheets read UTF-8
    for claim in _iterate(claims):
        yield writer.writerow(claim_csv_row(claim))


def stream_feature_collection(
    rows: Iterable[ClaimRow], geometries: Mapping[int, Any]
) -> Iterator[str]:
    """Yield an RFC 7946 FeatureCollection in pieces of a few hundred features.

    `rows` and `geometries` are what queries.claim_rows returns; claims without a place are
    counted in the `skipped` foreign member.
    """
    encode = json.JSONEncoder(ensure_ascii=False, separators=(",", ":")).encode
    yield '{"type":"FeatureCollection","features":['
    skipped = 0
    first = True
    batch: list[str] = []
    for row in rows:
        place_id = row["place_id"]
        feature = feature_from_row(row, geometries.get(place_id)) if place_id is not None else None
        if feature is None:
            skipped += 1
            continue
        batch.append(encode(feature))
        if len(batch) == STREAM_BATCH:
            yield ("" if first else ",") + ",".join(batch)
            first = False
            batch = []
    if batch:
        yield ("" if first else ",") + ",".join(batch)
    yield f'],"skipped":{skipped}}}'


def _ungrouped(claim: Claim) -> Claim:
    # Corroboration counts may include claims this viewer may not see (queries.groups_shown_to).
    claim.group_id = None
    return claim


def _iterate(claims: Iterable[Claim]) -> Iterator[Claim]:
    iterator = getattr(claims, "iterator", None)
    return iterator(chunk_size=CHUNK) if iterator else iter(claims)


def _json_for_script(value: Any) -> str:
    """Return JSON safe inside a <script> element (no "</script>", no HTML comment openers)."""
    text = json.dumps(value, ensure_ascii=False, separators=(",", ":"))
    return text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")


def _json_block(element_id: str, value: Any) -> str:
    return f'<script type="application/json" id="{element_id}">{_json_for_script(value)}</script>'


def _static_text(path: str) -> str:
    found = finders.find(path)
    if not found:
        raise FileNotFoundError(f"static file {path} not found")
    return Path(found).read_text(encoding="utf-8")


# Draws the claims from an inert JSON block; popups are built from DOM nodes and textContent,
# never from HTML strings, so nothing in the data can run.
_CLAIMS_SCRIPT = """
(function () {
  var map = %(map)s;
  var data = JSON.parse(document.getElementById("conflictmap-claims").textContent);
  var basemap = JSON.parse(document.getElementById("conflictmap-basemap").textContent);
  L.geoJSON(basemap, {interactive: false, style: {color: "#8a8f98", weight: 0.8,
    fillColor: "#eef0f2", fillOpacity: 1}}).addTo(map);
  function row(list, label, value) {
    if (value === null || value === undefined || value === "") { return; }
    var dt = document.createElement("dt"); dt.textContent = label;
    var dd = document.createElement("dd"); dd.textContent = String(value);
    list.appendChild(dt); list.appendChild(dd);
  }
  function popup(p) {
    var box = document.createElement("div");
    var title = document.createElement("strong");
    title.textContent = p.actor + " \\u2014 " + p.relation +
      (p.second_actor ? " \\u2192 " + p.second_actor : "");
    box.appendChild(title);
    var list = document.createElement("dl");
    row(list, "Place", p.place_name); row(list, "Precision", p.precision);
    row(list, "Claimant", p.claimant); row(list, "Status", p.status);
    row(list, "Review", p.review_status); row(list, "Date", p.valid_from);
    row(list, "Source", p.article_outlet + (p.article_title ? ": " + p.article_title : ""));
    box.appendChild(list);
    var quote = document.createElement("blockquote"); quote.textContent = p.quote;
    box.appendChild(quote);
    return box;
  }
  var layer = L.geoJSON(data, {
    style: function (f) { return {color: f.properties.actor_colour, weight: 2, fillOpacity: 0.15,
      dashArray: f.properties.status === "denied" ? "6 4" : null}; },
    pointToLayer: function (f, latlng) {
      var style = {color: f.properties.actor_colour, weight: 2, fillOpacity: 0.35,
        dashArray: f.properties.status === "denied" ? "6 4" : null};
      if (f.properties.radius_m) {
        return L.circle(latlng, Object.assign({radius: f.properties.radius_m}, style));
      }
      return L.circleMarker(latlng, Object.assign({radius: 6}, style));
    },
    onEachFeature: function (f, l) { l.bindPopup(function () { return popup(f.properties); }); }
  }).addTo(map);
  if (data.features.length) { map.fitBounds(layer.getBounds(), {maxZoom: 9}); }
})();
"""


def build_html_map(claims: Iterable[Claim], *, title: str, show_groups: bool = True) -> str:
    """Return a standalone HTML page (folium) with the claims, working offline: Leaflet inlined."""
    import folium
    from branca.element import Element, MacroElement
    from jinja2 import Template

    class OfflineMap(folium.Map):
        # No CDN: Leaflet comes inline from django-leaflet's static files below.
        default_js: list = []
        default_css: list = []

    claims = _iterate(claims)
    if not show_groups:
        claims = (_ungrouped(claim) for claim in claims)
    collection = build_feature_collection(claims)
    features = collection["features"]
    basemap_file = settings.BASE_DIR / "static" / "basemap" / "countries.geojson"
    basemap = (
        json.loads(basemap_file.read_text(encoding="utf-8"))
        if basemap_file.exists()
        else {"type": "FeatureCollection", "features": []}
    )

    fmap = OfflineMap(location=[34.8, 38.9], zoom_start=5, tiles=None, control_scale=True)
    header = fmap.get_root().header
    header.add_child(Element(f"<style>{_static_text('leaflet/leaflet.css')}</style>"))
    header.add_child(Element(f"<script>{_static_text('leaflet/leaflet.js')}</script>"))
    header.add_child(Element(f"<title>{_escape(title)}</title>"))
    html = fmap.get_root().html
    html.add_child(
        Element(
            _json_block("conflictmap-claims", collection)
            + _json_block("conflictmap-basemap", basemap)
        )
    )
    attribution = (
        "Place names © GeoNames (geonames.org), CC BY 4.0; Natural Earth. "
        f"Conflictmap export, {len(features)} claims: {title}"
    )
    html.add_child(
        Element(
            '<div style="position:absolute;bottom:0;left:0;z-index:1000;background:#fff;'
            f'font:12px sans-serif;padding:2px 6px">{_escape(attribution)}</div>'
        )
    )

    class ClaimsLayer(MacroElement):
        _template = Template(
            "{% macro script(this, kwargs) %}"
            + _CLAIMS_SCRIPT.replace("%(map)s", "{{ this._parent.get_name() }}")
            + "{% endmacro %}"
        )

    fmap.add_child(ClaimsLayer())
    return fmap.get_root().render()


def _escape(text: str) -> str:
    from django.utils.html import escape

    return str(escape(text))
