// Conflictmap: the claims map. Offline basemap, claims drawn by precision, filters kept in the URL.
// Untrusted text (quotes, names) only ever reaches the page through textContent.

const L = window.L;
const config = JSON.parse(document.getElementById("map-config").textContent);
const mapEl = document.getElementById("map");
const form = document.getElementById("filters");
const statusEl = document.getElementById("map-status");
const panel = document.getElementById("panel");
const panelToggle = document.getElementById("panel-toggle");
const listEl = document.getElementById("claim-list");
const listCountEl = document.getElementById("claim-list-count");
const listPanel = document.getElementById("listpanel");
const listToggle = document.getElementById("list-toggle");
// The data attribute may carry a fixed query (the article page's small map shows one article).
const sourceUrl = new URL(mapEl.dataset.geojsonUrl, location.href);
const geojsonUrl = sourceUrl.pathname;
const fixedParams = sourceUrl.searchParams;
const LIST_LIMIT = 300;
const POPUP_LIMIT = 40;

const HEX = /^#(?:[0-9a-f]{3}){1,2}$/i;
const LABELS = {
  status: { asserted: "Asserted", denied: "Denied", planned: "Planned", alleged: "Alleged" },
  review: { machine: "Machine", verified: "Verified", corrected: "Corrected", rejected: "Rejected" },
};
const DASH = { denied: "7 5", alleged: "1 5", planned: "10 4 2 4" };
const BASEMAP_STYLE = {
  countries: { color: "#8c959e", weight: 0.9, fillColor: "#f3f1ea", fillOpacity: 1 },
  admin1: { color: "#b7bcc1", weight: 0.6, dashArray: "3 3", fill: false },
  lakes: { color: "#9dbbd3", weight: 0.6, fillColor: "#cfdce6", fillOpacity: 1 },
  rivers: { color: "#8fb0cc", weight: 1.1, fill: false },
};
const BASEMAP_ORDER = ["countries", "admin1", "lakes", "rivers"];

setBodyState(false, 0);

const map = L.map(mapEl, {
  center: config.center,
  zoom: config.zoom,
  minZoom: config.minZoom,
  maxZoom: config.maxZoom,
  worldCopyJump: true,
  attributionControl: false,
});
// Leaflet only hears window resizes; panels opening or stylesheets settling change the map's
// box too, and a stale size clips shapes at the old edges.
new ResizeObserver(() => map.invalidateSize({ pan: false })).observe(mapEl);
const attribution = L.control.attribution({ prefix: false }).addTo(map);
attribution.addAttribution(escapeHtml(config.attribution));
L.control.scale({ imperial: false, position: "bottomright" }).addTo(map);

// Panes fix the drawing order: basemap under tiles (tiles cover it once loaded), then areas,
// circles and pins, so a precise pin is never hidden under a country-sized polygon.
makePane("basemap", 150, false);
makePane("labels", 390, false);
makePane("claimAreas", 410, true);
makePane("claimCircles", 420, true);
makePane("claimPins", 430, true);
const basemapRenderer = L.canvas({ pane: "basemap", padding: 0.3 });

const overlays = {};
if (config.tileUrl) {
  overlays["Online tiles"] = L.tileLayer(config.tileUrl, { maxZoom: config.maxZoom }).addTo(map);
}
const layerControl = L.control.layers(null, overlays, { collapsed: true, position: "topright" });
const claimsLayer = L.featureGroup().addTo(map);
let inflight = null;
const byId = new Map();
let entries = [];
let pendingFocus = null; // claim id picked in the list, for the popup about to open
let drawnCount = 0;
// Past config.clusterAbove matching claims the server sends counted clusters; from then on the
// map asks for its current view only, refetching as it moves.
let viewportMode = false;
let clustered = false;

async function main() {
  if (form) restoreViewFromHash();
  // The page knows where the matching claims are: opening there at once draws the basemap a
  // single time and asks for the claims at the zoom they are shown at, in parallel with it.
  const prefitted = !location.hash && fitExtent(config.claimsExtent);
  const basemap = loadBasemap();
  const fit = location.hash ? false : prefitted ? "features" : true;
  const claims = refreshClaims(currentParams(), { fit, markReady: false });
  await Promise.all([basemap, claims]);
  // Too many claims for one drawing: the first answer was clusters. Unless the map already
  // stood on all the claims when it asked, fetch the view it now shows.
  if (viewportMode && !prefitted) await refreshClaims(currentParams(), { markReady: false });
  setBodyState(true, drawnCount);
  wireFilters();
  wireList();
  wireTimeline();
  if (form) map.on("moveend", saveViewToHash);
  map.on("moveend", debounce(renderList, 120));
  const refetchView = debounce(() => refreshClaims(currentParams()), 250);
  map.on("moveend", () => {
    if (!viewportMode) return;
    setBodyState(false, drawnCount);
    refetchView();
  });
}

// ---- basemap ----------------------------------------------------------------

async function loadBasemap() {
  const fetched = await Promise.all(
    BASEMAP_ORDER.filter((name) => config.basemap[name]).map(async (name) => {
      try {
        const response = await fetch(config.basemap[name], { credentials: "same-origin" });
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return [name, await response.json()];
      } catch (error) {
        // A missing layer leaves the map usable; say so in the console, not in an alert.
        console.warn(`Basemap layer ${name} not loaded:`, error.message);
        return [name, null];
      }
    }),
  );
  const labels = L.layerGroup();
  const regionLabels = L.layerGroup();
  let loaded = 0;
  for (const [name, data] of fetched) {
    if (!data) continue;
    const layer = L.geoJSON(data, {
      style: BASEMAP_STYLE[name],
      renderer: basemapRenderer,
      pane: "basemap",
      interactive: false,
    }).addTo(map);
    loaded += 1;
    if (name === "countries") addLabels(data, labels, "basemap-label");
    if (name === "admin1") {
      addLabels(data, regionLabels, "basemap-label basemap-label--admin1");
      layerControl.addOverlay(layer, "First-level regions");
    }
    if (name === "rivers") layerControl.addOverlay(layer, "Rivers");
  }
  const showLabels = () => {
    const zoom = map.getZoom();
    toggle(labels, zoom >= 4 && zoom <= 9);
    toggle(regionLabels, zoom >= 7);
  };
  map.on("zoomend", showLabels);
  showLabels();
  layerControl.addTo(map);
  return loaded;
}

function addLabels(data, group, className) {
  for (const feature of data.features || []) {
    const name = feature.properties && (feature.properties.name_en || feature.properties.name);
    const at = labelPoint(feature);
    if (!name || !at) continue;
    const span = document.createElement("span");
    span.textContent = name;
    span.dir = "auto";
    const icon = L.divIcon({ className, html: span, iconSize: null });
    L.marker(at, { icon, pane: "labels", interactive: false, keyboard: false }).addTo(group);
  }
}

function labelPoint(feature) {
  const p = feature.properties || {};
  if (Number.isFinite(p.label_y) && Number.isFinite(p.label_x)) return [p.label_y, p.label_x];
  // Otherwise the centre of the largest ring's envelope: good enough for a label.
  const geometry = feature.geometry;
  if (!geometry) return null;
  const polygons = geometry.type === "Polygon" ? [geometry.coordinates]
    : geometry.type === "MultiPolygon" ? geometry.coordinates : [];
  let best = null;
  let bestArea = -1;
  for (const polygon of polygons) {
    const ring = polygon[0] || [];
    let [w, s, e, n] = [180, 90, -180, -90];
    for (const [x, y] of ring) {
      w = Math.min(w, x); e = Math.max(e, x); s = Math.min(s, y); n = Math.max(n, y);
    }
    const area = (e - w) * (n - s);
    if (area > bestArea) { bestArea = area; best = [(s + n) / 2, (w + e) / 2]; }
  }
  return best;
}

// ---- claims -----------------------------------------------------------------

async function refreshClaims(params, { fit = false, markReady = true } = {}) {
  setBodyState(false, Number(document.body.dataset.featureCount || 0));
  updateDownloadLink(params);
  if (inflight) inflight.abort();
  const controller = new AbortController();
  inflight = controller;
  showStatus("Loading claims…");
  let data;
  const request = new URLSearchParams(params);
  request.set("zoom", String(map.getZoom()));
  request.set("cluster_above", String(config.clusterAbove));
  if (viewportMode) request.set("bbox", viewBbox(params.get("bbox")));
  try {
    const response = await fetch(`${geojsonUrl}?${request}`, {
      signal: controller.signal,
      headers: { Accept: "application/geo+json" },
    });
    const body = await response.json();
    if (!response.ok) throw new Error(body.error || `HTTP ${response.status}`);
    data = body;
  } catch (error) {
    if (error.name === "AbortError") return;
    drawClaims({ features: [] });
    renderList();
    showStatus(`Could not load claims: ${error.message}`, true);
    if (markReady) setBodyState(true, 0);
    return;
  }
  if (inflight !== controller) return;
  inflight = null;
  clustered = Boolean(data.clustered);
  if (clustered) viewportMode = true;
  const drawn = clustered ? drawClusters(data) : drawClaims(data);
  // fit "features": only drawn claims (circles and areas reach past their points), not clusters.
  if (fit && !(fit === "features" && clustered) && claimsLayer.getLayers().length > 0) {
    // No animation: the readiness flag must mean "drawn where it will stay".
    map.fitBounds(claimsLayer.getBounds(), { padding: [30, 30], maxZoom: 8, animate: false });
  }
  renderList(); // after any fit: the list holds what is in the final view
  const skipped = Number(data.skipped || 0);
  const plural = (n, word) => `${n.toLocaleString("en")} ${word}${n === 1 ? "" : "s"}`;
  showStatus(
    clustered
      ? `${plural(drawn, "claim")} in ${plural(data.features.length, "cluster")} · zoom in for each claim`
      : `${plural(drawn, "claim")} on the map${viewportMode ? " (this view)" : ""}` +
          (skipped ? ` · ${skipped} without a place` : ""),
  );
  updateActorCounts(clustered ? [] : data.features);
  if (markReady) setBodyState(true, drawn);
}

// Fit the map to [south, west, north, east] without animation; false when there is none.
function fitExtent(extent) {
  if (!Array.isArray(extent) || extent.length !== 4 || !extent.every(Number.isFinite)) return false;
  const [s, w, n, e] = extent;
  map.fitBounds([[s, w], [n, e]], { padding: [30, 30], maxZoom: 8, animate: false });
  return true;
}

function viewBbox(filterBbox) {
  const b = map.getBounds();
  let [w, s, e, n] = [
    Math.max(-180, b.getWest()),
    Math.max(-90, b.getSouth()),
    Math.min(180, b.getEast()),
    Math.min(90, b.getNorth()),
  ];
  if (filterBbox) {
    // A bbox in the filters narrows the view further; an empty overlap keeps the filter's.
    const [fw, fs, fe, fn] = filterBbox.split(",").map(Number);
    const overlap = [Math.max(w, fw), Math.max(s, fs), Math.min(e, fe), Math.min(n, fn)];
    [w, s, e, n] = overlap[0] <= overlap[2] && overlap[1] <= overlap[3] ? overlap : [fw, fs, fe, fn];
  }
  return [w, s, e, n].map((v) => v.toFixed(5)).join(",");
}

function drawClusters(data) {
  map.closePopup();
  claimsLayer.clearLayers();
  byId.clear();
  entries = [];
  let total = 0;
  for (const feature of data.features || []) {
    const count = Number(feature.properties.count) || 0;
    const [lon, lat] = feature.geometry.coordinates;
    const marker = L.circleMarker([lat, lon], {
      radius: Math.min(26, 11 + 4 * Math.log10(Math.max(count, 1))),
      color: "#ffffff",
      weight: 2,
      fillColor: "#1d2530",
      fillOpacity: 0.82,
      pane: "claimPins",
      className: "cluster",
    });
    marker.bindTooltip(compactCount(count), {
      permanent: true,
      direction: "center",
      className: "claim-count claim-count--cluster",
      pane: "claimPins",
      interactive: false,
    });
    const [w, s, e, n] = feature.properties.bbox;
    marker.on("click", () => {
      // Into the cluster: its claims' envelope, or two levels closer when they share a point.
      if (e - w > 1e-6 || n - s > 1e-6) {
        map.fitBounds([[s, w], [n, e]], { padding: [40, 40], maxZoom: config.maxZoom });
      } else {
        map.setView([lat, lon], Math.min(map.getZoom() + 2, config.maxZoom));
      }
    });
    marker.addTo(claimsLayer);
    total += count;
  }
  document.body.dataset.clusterCount = String((data.features || []).length);
  drawnCount = total;
  return total;
}

function drawClaims(data) {
  document.body.dataset.clusterCount = "0";
  map.closePopup();
  claimsLayer.clearLayers();
  byId.clear();
  let drawn = 0;
  for (const group of groupByPlace(data.features || [])) {
    const layer = claimLayer(group);
    if (!layer) continue;
    layer.addTo(claimsLayer);
    for (const feature of group) byId.set(feature.id, layer);
    drawn += group.length;
  }
  // Server order (newest first) for the list, not the grouped drawing order.
  entries = (data.features || []).filter((f) => byId.has(f.id)).map((f) => ({
    feature: f,
    layer: byId.get(f.id),
  }));
  drawnCount = drawn;
  return drawn;
}

// Claims about the same place at the same precision share one shape (and one popup listing
// them all); drawn apart they would sit exactly on top of each other and hide all but one.
function groupByPlace(features) {
  const groups = new Map();
  for (const feature of features) {
    if (!feature.geometry) continue;
    const p = feature.properties || {};
    const key = [feature.geometry.type, p.place_id, p.precision, p.radius_m || 0].join("|");
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(feature);
  }
  const rank = (f) => (isVerified(f.properties) ? 0 : 2) + (f.properties.status === "asserted" ? 0 : 1);
  const sorted = [...groups.values()].map((group) => group.sort((a, b) => rank(a) - rank(b)));
  for (const group of sorted) countSources(group);
  return sorted;
}

// The server groups the same claim across articles (same actor, relation, place, nearby
// dates) and sends `sources` (articles), `outlets` and `contested`. Claims it has not grouped
// yet (stored before `manage.py regroup_claims` ran) fall back to counting the outlets that
// make the same claim about this place here.
function countSources(group) {
  const outlets = new Map();
  const keyOf = (p) => `${p.actor_id}|${p.relation}|${p.status}`;
  for (const f of group) {
    const p = f.properties;
    if (p.group_id !== null && p.group_id !== undefined) continue;
    const source = p.article_outlet || `article #${p.article_id}`;
    if (!outlets.has(keyOf(p))) outlets.set(keyOf(p), new Set());
    outlets.get(keyOf(p)).add(source);
  }
  for (const f of group) {
    const p = f.properties;
    if (p.group_id !== null && p.group_id !== undefined) {
      f.sources = { count: Number(p.sources) || 1, names: (p.outlets || []).map(String) };
    } else {
      const names = [...outlets.get(keyOf(p))].sort();
      f.sources = { count: names.length, names };
    }
  }
}

function isContested(feature) {
  return feature.properties.contested === true;
}

function claimLayer(group) {
  const lead = group[0];
  const p = lead.properties || {};
  const geometry = lead.geometry;
  const style = claimStyle(group);
  let layer;
  if (geometry.type === "Point") {
    const [lon, lat] = geometry.coordinates;
    const latlng = L.latLng(lat, lon);
    layer = p.radius_m
      ? L.circle(latlng, { ...style, radius: Number(p.radius_m), pane: "claimCircles" })
      : L.circleMarker(latlng, {
          ...style,
          // Grows slowly with the number of claims so that the count label fits.
          radius: group.length > 1 ? Math.min(14, 7 + 2.4 * Math.log10(group.length)) : 6,
          pane: "claimPins",
        });
    if (!p.radius_m && group.length > 1) {
      layer.bindTooltip(compactCount(group.length), {
        permanent: true,
        direction: "center",
        className: "claim-count",
        pane: "claimPins",
        interactive: false,
      });
    }
  } else {
    layer = L.geoJSON(lead, { style: () => ({ ...style, pane: "claimAreas" }), pane: "claimAreas" });
  }
  // An asserted and a denied version of one claim sit side by side: room for two columns,
  // unless the screen is narrow (a phone), where the columns stack.
  const wide = group.some(isContested) ? Math.min(480, map.getSize().x - 80) : 0;
  layer.bindPopup(() => popupContent(group), {
    maxWidth: wide > 240 ? wide + 20 : 360,
    minWidth: Math.max(240, wide),
    autoPanPadding: [20, 20],
  });
  layer.cmWeight = style.weight;
  layer.cmIds = group.map((f) => String(Number(f.id)));
  layer.on("mouseover", () => {
    setHighlight(layer, style.weight + 2);
    markListItems(layer.cmIds, true);
  });
  layer.on("mouseout", () => {
    setHighlight(layer, style.weight);
    markListItems(layer.cmIds, false);
  });
  layer.on("popupopen", () => focusPopupClaim(layer));
  return layer;
}

function isVerified(p) {
  return p.review_status === "verified" || p.review_status === "corrected";
}

function actorColour(p) {
  return HEX.test(p.actor_colour || "") ? p.actor_colour : "#555555";
}

function claimStyle(group) {
  const lead = group[0];
  const p = lead.properties || {};
  const colour = actorColour(p);
  const mixedActors = group.some((f) => f.properties.actor_id !== p.actor_id);
  const verified = isVerified(p);
  const isPin = lead.geometry.type === "Point" && !p.radius_m;
  const isCircle = lead.geometry.type === "Point" && Boolean(p.radius_m);
  const denied = p.status === "denied";
  let fillOpacity = verified ? 0.22 : 0.1;
  if (isCircle) fillOpacity = verified ? 0.28 : 0.14;
  if (isPin) fillOpacity = verified ? 0.95 : 0.4;
  if (denied) fillOpacity = isPin ? 0.12 : 0.05;
  let stroke = colour;
  if (mixedActors) stroke = "#1d2530";
  else if (isPin && verified) stroke = "#ffffff";
  const ids = group.map((f) => `claim-${Number(f.id)}`).join(" ");
  return {
    color: stroke,
    weight: verified ? 2.6 : isPin ? 2 : 1.6,
    opacity: 0.95,
    dashArray: DASH[p.status] || null,
    lineCap: p.status === "alleged" ? "round" : "butt",
    fillColor: colour,
    fillOpacity,
    className: `claim ${ids} claim--${p.status} claim--${p.review_status}${
      group.some(isContested) ? " claim--contested" : ""
    }`,
  };
}

function setHighlight(layer, weight) {
  if (layer.eachLayer) layer.eachLayer((child) => child.setStyle && child.setStyle({ weight }));
  else layer.setStyle({ weight });
}

function popupContent(group) {
  const root = el("div", "claim-popup");
  if (group.length > 1) {
    const place = group[0].properties.place_name;
    root.append(el("p", "claim-popup__group", `${group.length} claims about ${place}`));
  }
  const wanted = pendingFocus && group.find((f) => String(f.id) === pendingFocus);
  const shown = group.slice(0, POPUP_LIMIT);
  if (wanted && !shown.includes(wanted)) shown.unshift(wanted);
  for (const members of byClaimGroup(shown)) {
    if (members.length === 1) {
      root.append(claimSection(members[0]));
      continue;
    }
    // Several articles making one claim: the sources are said once, above their claims.
    const block = el("div", "claim-popup__corroborated");
    block.dataset.groupId = String(Number(members[0].properties.group_id));
    block.append(el("p", "claim-popup__sources", sourcesText(members[0])));
    const denied = members.filter((f) => f.properties.status === "denied");
    const others = members.filter((f) => f.properties.status !== "denied");
    if (!denied.length || !others.length) {
      for (const feature of members) block.append(claimSection(feature, { sources: false }));
    } else {
      // Contested: the claim and its denial next to each other, neither shown as the fact.
      const versus = el("div", "claim-popup__versus");
      const side = (label, features, kind) => {
        const column = el("div", `claim-popup__side claim-popup__side--${kind}`);
        column.append(el("p", "claim-popup__side-head", label));
        for (const feature of features) column.append(claimSection(feature, { sources: false }));
        return column;
      };
      versus.append(side("Claimed", others, "claimed"), side("Denied", denied, "denied"));
      block.append(
        el("p", "claim-popup__contested", "Contested: some sources claim it, others deny it"),
        versus,
      );
    }
    root.append(block);
  }
  if (group.length > shown.length) {
    const more = group.length - shown.length;
    root.append(el("p", "claim-popup__more", `${more} more here: narrow the filters to see them.`));
  }
  return root;
}

// Claims of one server group stay together, in the order of their first member.
function byClaimGroup(features) {
  const groups = new Map();
  for (const feature of features) {
    const id = feature.properties.group_id;
    const key = id === null || id === undefined ? `claim:${feature.id}` : `group:${id}`;
    if (!groups.has(key)) groups.set(key, []);
    groups.get(key).push(feature);
  }
  return [...groups.values()];
}

function compactCount(n) {
  return n >= 1000 ? `${Math.floor(n / 1000)}k` : String(n);
}

function sourcesText(feature) {
  const { count, names } = feature.sources || { count: 1, names: [] };
  const grouped = feature.properties.group_id !== null && feature.properties.group_id !== undefined;
  const unit = grouped ? (count === 1 ? "source" : "sources") : "outlets";
  return `${count} ${unit}${names.length ? `: ${names.join(", ")}` : ""}`;
}

function claimSection(feature, { sources: showSources = true } = {}) {
  const p = feature.properties || {};
  const root = el("section", "claim-popup__claim");
  root.dataset.claimId = String(Number(feature.id));
  const head = el("div", "claim-popup__head");
  const swatch = el("span", "swatch");
  swatch.style.setProperty("--swatch", actorColour(p));
  const actor = el("strong", null, p.actor);
  actor.dir = "auto";
  head.append(swatch, actor, el("span", "tag", p.relation));
  if (p.status === "denied") head.append(el("span", "tag tag--denied", "denied"));
  if (isContested(feature)) head.append(el("span", "tag tag--contested", "contested"));
  root.append(head);

  const facts = el("dl", "claim-popup__facts");
  const fact = (label, value, className) => {
    if (value === null || value === undefined || value === "") return;
    const dd = el("dd", className, String(value));
    dd.dir = "auto"; // Arabic and Hebrew names run right to left
    facts.append(el("dt", null, label), dd);
  };
  fact("Second actor", p.second_actor);
  fact("Claimant", p.claimant || "—");
  fact("Status", LABELS.status[p.status] || p.status, `status--${p.status}`);
  fact("Review", LABELS.review[p.review_status] || p.review_status, `review--${p.review_status}`);
  const place =
    p.mention_text && p.mention_text !== p.place_name
      ? `${p.place_name} (“${p.mention_text}”)`
      : p.place_name;
  fact("Place", place);
  fact("Precision", config.precisionLabels[String(p.precision)] || "unknown");
  if (p.valid_from || p.valid_to) fact("Valid", `${p.valid_from || "…"} – ${p.valid_to || "…"}`);
  fact("Source", [p.article_outlet, p.article_published].filter(Boolean).join(", "));
  if (showSources && feature.sources && feature.sources.count > 1) {
    fact("Corroborated", sourcesText(feature), "corroborated");
  }
  fact("ACLED", p.acled_sub_event_type);
  root.append(facts);

  if (p.quote) {
    const quote = el("blockquote");
    quote.dir = "auto";
    // The words that named the place, marked inside the sentence (text nodes only).
    const at = p.mention_text ? p.quote.indexOf(p.mention_text) : -1;
    if (at >= 0) {
      quote.append(
        document.createTextNode(p.quote.slice(0, at)),
        el("mark", null, p.mention_text),
        document.createTextNode(p.quote.slice(at + p.mention_text.length)),
      );
    } else {
      quote.textContent = p.quote;
    }
    root.append(quote);
  }
  const articleId = Number(p.article_id);
  if (Number.isInteger(articleId) && articleId > 0) {
    const link = el("a", "claim-popup__link", `Article: ${p.article_title || `#${articleId}`}`);
    link.href = config.articleUrl.replace(/\/0\/$/, `/${articleId}/`);
    root.append(link);
  }
  return root;
}

function updateActorCounts(features) {
  const counts = new Map();
  for (const f of features || []) {
    const id = String(f.properties && f.properties.actor_id);
    counts.set(id, (counts.get(id) || 0) + 1);
  }
  for (const span of document.querySelectorAll("[data-actor-count]")) {
    const n = counts.get(span.dataset.actorCount) || 0;
    span.textContent = n ? String(n) : "";
  }
}

// ---- the list beside the map ----------------------------------------------

function layerInView(layer, bounds) {
  if (layer.getLatLng && !layer.getBounds) return bounds.contains(layer.getLatLng());
  const own = layer.getBounds ? layer.getBounds() : null;
  return Boolean(own && own.isValid() && bounds.intersects(own));
}

function renderList() {
  if (!listEl) return;
  if (clustered) {
    const text = `${drawnCount.toLocaleString("en")} claims here are counted in clusters: zoom in or click a cluster to list them.`;
    listEl.replaceChildren(el("li", "claim-list__empty", text));
    if (listCountEl) listCountEl.textContent = "clustered";
    return;
  }
  const bounds = map.getBounds();
  const seen = new Map(); // many claims share one layer: test each layer once
  const visible = (layer) => {
    if (!seen.has(layer)) seen.set(layer, layerInView(layer, bounds));
    return seen.get(layer);
  };
  const inView = entries.filter((entry) => visible(entry.layer));
  listEl.replaceChildren();
  for (const { feature } of inView.slice(0, LIST_LIMIT)) listEl.append(listItem(feature));
  if (listCountEl) {
    listCountEl.textContent =
      inView.length > LIST_LIMIT
        ? `${LIST_LIMIT} of ${inView.length} in view`
        : `${inView.length} in view of ${entries.length}`;
  }
  if (!inView.length) {
    const text = entries.length
      ? "No claims in this view: zoom out or pan."
      : "No claims match the filters.";
    listEl.append(el("li", "claim-list__empty", text));
  }
}

function listItem(feature) {
  const p = feature.properties || {};
  const item = el("li", `claim-item claim-item--${p.status} claim-item--${p.review_status}`);
  const button = el("button", "claim-item__button");
  button.type = "button";
  button.dataset.claimId = String(Number(feature.id));
  const head = el("span", "claim-item__head");
  const swatch = el("span", "swatch");
  swatch.style.setProperty("--swatch", actorColour(p));
  head.append(swatch, el("strong", null, p.actor), el("span", "tag", p.relation));
  if (p.status !== "asserted") head.append(el("span", `tag tag--${p.status}`, p.status));
  if (feature.sources && feature.sources.count > 1) {
    const tag = el("span", "tag tag--sources", `${feature.sources.count} sources`);
    tag.title = feature.sources.names.join(", ");
    head.append(tag);
  }
  if (isContested(feature)) head.append(el("span", "tag tag--contested", "contested"));
  const where = el("span", "claim-item__where", p.place_name);
  where.dir = "auto";
  const meta = el(
    "span",
    "claim-item__meta",
    [p.claimant ? `per ${p.claimant}` : null, p.valid_from, `p${p.precision ?? "?"}`]
      .filter(Boolean)
      .join(" · "),
  );
  button.append(head, where, meta);
  item.append(button);
  return item;
}

function wireList() {
  if (!listEl) return;
  listEl.addEventListener("click", (event) => {
    const button = event.target.closest("button[data-claim-id]");
    if (!button) return;
    const layer = byId.get(Number(button.dataset.claimId));
    if (!layer) return;
    pendingFocus = button.dataset.claimId;
    layer.openPopup();
  });
  const hover = (on) => (event) => {
    const button = event.target.closest("button[data-claim-id]");
    if (!button) return;
    const layer = byId.get(Number(button.dataset.claimId));
    if (layer) setHighlight(layer, layer.cmWeight + (on ? 2 : 0));
    button.classList.toggle("is-hot", on);
  };
  listEl.addEventListener("mouseover", hover(true));
  listEl.addEventListener("mouseout", hover(false));
  listEl.addEventListener("focusin", hover(true));
  listEl.addEventListener("focusout", hover(false));
  if (listToggle && listPanel) {
    listToggle.addEventListener("click", () => {
      const open = listPanel.classList.toggle("is-open");
      listToggle.setAttribute("aria-expanded", String(open));
    });
  }
}


function focusPopupClaim(layer) {
  // A popup listing several claims scrolls to the one picked in the list.
  const wanted = pendingFocus;
  pendingFocus = null;
  if (!wanted || !layer.cmIds.includes(wanted)) return;
  const popup = layer.getPopup();
  const node = popup && popup.getElement();
  const section = node && node.querySelector(`[data-claim-id="${wanted}"]`);
  if (section) {
    section.classList.add("is-picked");
    section.scrollIntoView({ block: "nearest" });
  }
}

function markListItems(ids, on) {
  if (!listEl) return;
  for (const id of ids) {
    const button = listEl.querySelector(`button[data-claim-id="${id}"]`);
    if (button) button.classList.toggle("is-hot", on);
  }
}

// ---- the time slider ---------------------------------------------------------
// A window of whole months ending at the slider's month; it writes the date filters, so the
// URL, the list and the downloads follow it like any other filter.

const timeline = document.getElementById("timeline");
const timeSlider = document.getElementById("time-slider");
const timeWindow = document.getElementById("time-window");
const timeLabel = document.getElementById("time-label");
const timePlay = document.getElementById("time-play");
const timeAll = document.getElementById("time-all");
const months = monthList(config.timeExtent);
let playing = false;

function monthList(extent) {
  if (!extent || !extent[0] || !extent[1]) return [];
  let [y, m] = extent[0].split("-").map(Number);
  const [endY, endM] = extent[1].split("-").map(Number);
  const list = [];
  while ((y < endY || (y === endY && m <= endM)) && list.length < 1200) {
    list.push([y, m]);
    m += 1;
    if (m > 12) { m = 1; y += 1; }
  }
  return list;
}

const pad = (n) => String(n).padStart(2, "0");
const monthName = ([y, m]) =>
  new Date(Date.UTC(y, m - 1, 1)).toLocaleDateString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });

function windowAt(index) {
  const length = Number(timeWindow.value) || 1;
  const [endY, endM] = months[index];
  let startY = endY;
  let startM = endM - (length - 1);
  while (startM < 1) { startM += 12; startY -= 1; }
  const lastDay = new Date(Date.UTC(endY, endM, 0)).getUTCDate();
  return {
    from: `${startY}-${pad(startM)}-01`,
    to: `${endY}-${pad(endM)}-${pad(lastDay)}`,
    label: length === 1 ? monthName(months[index]) : `${monthName([startY, startM])} – ${monthName(months[index])}`,
  };
}

function setWindow(index) {
  const win = windowAt(index);
  form.elements.date_from.value = win.from;
  form.elements.date_to.value = win.to;
}

function syncTimeline() {
  if (!timeline || !months.length || !form) return;
  const from = form.elements.date_from.value;
  const to = form.elements.date_to.value;
  if (!from && !to) {
    timeLabel.textContent = "All dates";
    timeSlider.value = String(months.length - 1);
    timeline.classList.remove("is-windowed");
    return;
  }
  timeline.classList.add("is-windowed");
  const [y, m] = (to || from).split("-").map(Number);
  const index = months.findIndex(([my, mm]) => my === y && mm === m);
  if (index >= 0) timeSlider.value = String(index);
  timeLabel.textContent = `${from || "…"} – ${to || "…"}`;
  const win = index >= 0 ? windowAt(index) : null;
  if (win && win.from === from && win.to === to) timeLabel.textContent = win.label;
}

function stopPlaying() {
  playing = false;
  if (timePlay) {
    timePlay.setAttribute("aria-pressed", "false");
    timePlay.textContent = "▶ Play";
  }
}

async function play() {
  playing = true;
  timePlay.setAttribute("aria-pressed", "true");
  timePlay.textContent = "❚❚ Pause";
  let index = Number(timeSlider.value);
  const windowed = form.elements.date_from.value || form.elements.date_to.value;
  if (!windowed || index >= months.length - 1) index = Math.min(Number(timeWindow.value) - 1, months.length - 1);
  else index += 1;
  while (playing && index < months.length) {
    setWindow(index);
    await applyFilters({ replace: true });
    await new Promise((resolve) => setTimeout(resolve, 900));
    index += 1;
  }
  stopPlaying();
}

function wireTimeline() {
  if (!timeline || !form) return;
  if (!months.length) return; // no dated claims: nothing to slide through
  timeline.hidden = false;
  timeSlider.max = String(months.length - 1);
  timeSlider.min = "0";
  const slide = debounce(() => applyFilters({ replace: true }), 150);
  timeSlider.addEventListener("input", () => {
    stopPlaying();
    // Not ready from the first step: the refetch waits for the slider to settle.
    setBodyState(false, drawnCount);
    setWindow(Number(timeSlider.value));
    timeLabel.textContent = windowAt(Number(timeSlider.value)).label;
    timeline.classList.add("is-windowed");
    slide();
  });
  timeWindow.addEventListener("change", () => {
    if (!form.elements.date_from.value && !form.elements.date_to.value) return;
    setWindow(Number(timeSlider.value));
    applyFilters({ replace: true });
  });
  timePlay.addEventListener("click", () => (playing ? stopPlaying() : play()));
  timeAll.addEventListener("click", () => {
    stopPlaying();
    form.elements.date_from.value = "";
    form.elements.date_to.value = "";
    applyFilters();
  });
  syncTimeline();
}

// ---- filters and URL state --------------------------------------------------

function currentParams() {
  const params = new URLSearchParams(fixedParams);
  if (!form) return params;
  for (const [key, value] of new FormData(form)) {
    if (typeof value === "string" && value.trim() !== "") params.append(key, value.trim());
  }
  return params;
}

// Push the form's filters to the URL and refetch; a slider being dragged replaces the history
// entry instead of adding one per step.
function applyFilters({ replace = false } = {}) {
  const params = currentParams();
  const query = params.toString();
  const url = `${location.pathname}${query ? `?${query}` : ""}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) {
    if (replace) history.replaceState({ query }, "", url);
    else history.pushState({ query }, "", url);
  }
  syncTimeline();
  return refreshClaims(params);
}

function wireFilters() {
  if (!form) return;
  let timer = null;
  const apply = () => {
    clearTimeout(timer);
    applyFilters();
  };
  form.addEventListener("change", (event) => {
    if (event.target.matches("input[type=text], input[type=search]")) return;
    if (event.target.matches("input[type=date]")) stopPlaying();
    apply();
  });
  form.addEventListener("input", (event) => {
    if (!event.target.matches("input[type=text], input[type=search]")) return;
    clearTimeout(timer);
    timer = setTimeout(apply, 350);
  });
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    apply();
  });
  const reset = document.getElementById("reset-filters");
  if (reset) {
    reset.addEventListener("click", (event) => {
      event.preventDefault();
      stopPlaying();
      fillForm(new URLSearchParams());
      apply();
    });
  }
  window.addEventListener("popstate", () => {
    stopPlaying();
    const params = new URLSearchParams(location.search);
    fillForm(params);
    syncTimeline();
    refreshClaims(currentParams());
  });
  if (panelToggle && panel) {
    panelToggle.addEventListener("click", () => {
      const open = panel.classList.toggle("is-open");
      panelToggle.setAttribute("aria-expanded", String(open));
    });
  }
}

function fillForm(params) {
  for (const input of form.elements) {
    if (!input.name) continue;
    const values = params.getAll(input.name);
    if (input.type === "checkbox") {
      // The "only this article" box is dropped on reset rather than left dangling.
      input.checked = values.includes(input.value);
    } else if (input.type !== "submit" && input.type !== "button") {
      input.value = values[0] || "";
    }
  }
}

function updateDownloadLink(params) {
  // Every export link carries the filters the map shows (DESIGN decision 6).
  const query = params.toString();
  for (const link of document.querySelectorAll("a[data-export]")) {
    link.href = query ? `${link.dataset.export}?${query}` : link.dataset.export;
  }
}

function saveViewToHash() {
  const c = map.getCenter();
  const hash = `#${map.getZoom()}/${c.lat.toFixed(4)}/${c.lng.toFixed(4)}`;
  history.replaceState(history.state, "", `${location.pathname}${location.search}${hash}`);
}

function restoreViewFromHash() {
  const match = /^#(\d{1,2})\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)$/.exec(location.hash);
  if (match) map.setView([Number(match[2]), Number(match[3])], Number(match[1]));
}

// ---- small helpers ----------------------------------------------------------

function makePane(name, zIndex, interactive) {
  const pane = map.createPane(name);
  pane.style.zIndex = String(zIndex);
  if (!interactive) pane.style.pointerEvents = "none";
  return pane;
}

function debounce(fn, ms) {
  let timer = null;
  return (...args) => {
    clearTimeout(timer);
    timer = setTimeout(() => fn(...args), ms);
  };
}

function toggle(layer, on) {
  if (on && !map.hasLayer(layer)) layer.addTo(map);
  if (!on && map.hasLayer(layer)) map.removeLayer(layer);
}

function el(tag, className, text) {
  const node = document.createElement(tag);
  if (className) node.className = className;
  if (text !== undefined && text !== null) node.textContent = String(text);
  return node;
}

// The one escaping helper: Leaflet's attribution control only takes HTML.
function escapeHtml(text) {
  const span = document.createElement("span");
  span.textContent = String(text);
  return span.innerHTML;
}

function showStatus(text, isError = false) {
  if (!statusEl) return;
  statusEl.textContent = text;
  statusEl.classList.toggle("is-error", isError);
}

function setBodyState(ready, count) {
  document.body.dataset.featureCount = String(count);
  document.body.dataset.ready = ready ? "true" : "false";
}

// Other scripts on the page (the article page) ask for a claim's popup with this event.
document.addEventListener("conflictmap:show-claim", (event) => {
  const id = String(Number(event.detail && event.detail.id));
  const layer = byId.get(Number(id));
  if (!layer) return;
  pendingFocus = id;
  layer.openPopup();
});

// Last, so that every module-level binding above exists before anything runs.
main();
