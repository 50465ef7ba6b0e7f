/* Admin map widgets on django-leaflet's Leaflet and Leaflet.draw (no GDAL, no build step).
 *
 * Place form: drag the marker to move the point (lat/lon inputs follow), draw or edit the
 * place's area (the geometry input holds GeoJSON). Mention form: click the map to list the
 * nearest gazetteer places and pick one. Values are only ever written to form inputs or
 * textContent, never parsed as HTML.
 */
(function () {
  "use strict";

  function addBasemap(map, url) {
    if (!url) { return; }
    fetch(url).then(function (r) { return r.ok ? r.json() : null; }).then(function (data) {
      if (!data) { return; }
      L.geoJSON(data, {
        interactive: false,
        style: { color: "#8a8f98", weight: 0.8, fillColor: "#eef0f2", fillOpacity: 1 },
      }).addTo(map).bringToBack();
    }).catch(function () { /* the widget still works without a basemap */ });
  }

  // Leaflet treats a string tooltip as HTML; a node keeps a place name as plain text.
  function textNode(text) {
    var span = document.createElement("span");
    span.textContent = String(text);
    return span;
  }

  function readNumber(input) {
    var value = input ? parseFloat(input.value) : NaN;
    return isFinite(value) ? value : null;
  }

  function initPlaceMap(container) {
    var geometryInput = document.getElementById(container.dataset.geometryInput);
    var latInput = document.getElementById("id_lat");
    var lonInput = document.getElementById("id_lon");
    var lat = readNumber(latInput), lon = readNumber(lonInput);
    var hasPoint = lat !== null && lon !== null;
    var map = L.map(container, { attributionControl: true })
      .setView(hasPoint ? [lat, lon] : [34.8, 38.9], hasPoint ? 9 : 5);
    map.attributionControl.setPrefix("Place names © GeoNames, CC BY 4.0; Natural Earth");
    addBasemap(map, container.dataset.basemapUrl);

    var marker = L.marker(hasPoint ? [lat, lon] : map.getCenter(), { draggable: true }).addTo(map);
    function writePoint(latlng) {
      latInput.value = latlng.lat.toFixed(6);
      lonInput.value = latlng.lng.toFixed(6);
    }
    marker.on("dragend", function () { writePoint(marker.getLatLng()); });
    [latInput, lonInput].forEach(function (input) {
      if (!input) { return; }
      input.addEventListener("change", function () {
        var a = readNumber(latInput), b = readNumber(lonInput);
        if (a !== null && b !== null) { marker.setLatLng([a, b]); }
      });
    });

    var drawn = new L.FeatureGroup().addTo(map);
    if (geometryInput.value.trim()) {
      try {
        L.geoJSON(JSON.parse(geometryInput.value), { style: { color: "#c0392b" } })
          .eachLayer(function (layer) { drawn.addLayer(layer); });
        if (drawn.getLayers().length) { map.fitBounds(drawn.getBounds(), { maxZoom: 10 }); }
      } catch (error) {
        container.dataset.error = "the stored geometry is not valid GeoJSON";
      }
    }
    function syncGeometry() {
      var geometries = drawn.getLayers().map(function (layer) { return layer.toGeoJSON().geometry; });
      if (!geometries.length) {
        geometryInput.value = "";
      } else if (geometries.length === 1) {
        geometryInput.value = JSON.stringify(geometries[0]);
      } else if (geometries.every(function (g) { return g.type === "Polygon"; })) {
        geometryInput.value = JSON.stringify({
          type: "MultiPolygon",
          coordinates: geometries.map(function (g) { return g.coordinates; }),
        });
      } else {
        geometryInput.value = JSON.stringify({ type: "GeometryCollection", geometries: geometries });
      }
    }
    map.addControl(new L.Control.Draw({
      edit: { featureGroup: drawn },
      draw: { polygon: { allowIntersection: false }, rectangle: true, polyline: true,
              marker: false, circle: false, circlemarker: false },
    }));
    map.on(L.Draw.Event.CREATED, function (event) { drawn.addLayer(event.layer); syncGeometry(); });
    map.on(L.Draw.Event.EDITED, syncGeometry);
    map.on(L.Draw.Event.DELETED, syncGeometry);

    container.conflictmap = { map: map, marker: marker, drawn: drawn };
    container.dataset.ready = "true";
  }

  function initMentionMap(container) {
    var select = document.getElementById("id_place");
    var list = document.getElementById(container.id + "-choices");
    var lat = parseFloat(container.dataset.lat), lon = parseFloat(container.dataset.lon);
    var hasPoint = isFinite(lat) && isFinite(lon);
    var map = L.map(container).setView(hasPoint ? [lat, lon] : [34.8, 38.9], hasPoint ? 8 : 5);
    map.attributionControl.setPrefix("Place names © GeoNames, CC BY 4.0; Natural Earth");
    addBasemap(map, container.dataset.basemapUrl);
    if (hasPoint) { L.circleMarker([lat, lon], { radius: 7, color: "#c0392b" }).addTo(map); }
    var picked = L.layerGroup().addTo(map);

    function choose(place) {
      // The place field may be a plain select or the admin's autocomplete (select2 on jQuery).
      var option = Array.prototype.find.call(select.options, function (o) { return o.value === String(place.id); });
      if (!option) {
        option = new Option(place.label, String(place.id), true, true);
        select.appendChild(option);
      }
      select.value = String(place.id);
      select.dispatchEvent(new Event("change", { bubbles: true }));
      if (window.django && window.django.jQuery) { window.django.jQuery(select).trigger("change"); }
      container.dataset.chosen = String(place.id);
    }

    map.on("click", function (event) {
      var url = container.dataset.nearestUrl + "?lat=" + event.latlng.lat.toFixed(5) +
        "&lon=" + event.latlng.lng.toFixed(5);
      fetch(url, { credentials: "same-origin" }).then(function (r) { return r.json(); }).then(function (data) {
        picked.clearLayers();
        list.replaceChildren();
        data.places.forEach(function (place) {
          L.circleMarker([place.lat, place.lon], { radius: 5, color: "#2c3e50" })
            .bindTooltip(textNode(place.label)).on("click", function () { choose(place); })
            .addTo(picked);
          var item = document.createElement("li");
          var button = document.createElement("button");
          button.type = "button";
          button.textContent = place.label + " (" + place.distance_km + " km)";
          button.addEventListener("click", function () { choose(place); });
          item.appendChild(button);
          list.appendChild(item);
        });
        container.dataset.choices = String(data.places.length);
      });
    });
    container.conflictmap = { map: map };
    container.dataset.ready = "true";
  }

  function init() {
    document.querySelectorAll("[data-place-map]").forEach(initPlaceMap);
    document.querySelectorAll("[data-mention-map]").forEach(initMentionMap);
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
