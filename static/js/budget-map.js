// Maps of civic-budget proposals (Leaflet, static/vendor/leaflet): markers from the page's
// JSON (json_script), tiles from the server's MAP_TILE_URL (none: markers on a plain
// background), and on the proposal form a click that fills the hidden latitude and
// longitude inputs. Without this file the pages still work: the point is optional.
(function () {
  "use strict";

  function cityBounds(element) {
    const [south, west, north, east] = element.dataset.bounds.split(",").map(Number);
    return L.latLngBounds([south, west], [north, east]);
  }

  function popup(point) {
    const link = document.createElement("a");
    link.href = point.url;
    link.textContent = point.title;
    return link;
  }

  function setUpPicker(element, map) {
    const form = element.closest("form");
    const latitude = form.querySelector("input[name=latitude]");
    const longitude = form.querySelector("input[name=longitude]");
    const chosen = document.querySelector(`[data-map-chosen="${element.id}"]`);
    const clear = document.querySelector(`[data-map-clear="${element.id}"]`);
    const city = cityBounds(element);
    let marker = null;

    function choose(point) {
      if (!point) {
        if (marker) marker.remove();
        marker = null;
        latitude.value = longitude.value = "";
        chosen.textContent = gettext("Nie wskazano punktu na mapie.");
        clear.hidden = true;
        return;
      }
      latitude.value = point.lat.toFixed(6);
      longitude.value = point.lng.toFixed(6);
      if (marker) marker.setLatLng(point);
      else marker = L.marker(point, { alt: gettext("Wybrany punkt"), keyboard: false }).addTo(map);
      chosen.textContent = interpolate(
        gettext("Wybrany punkt: %(lat)s, %(lon)s"),
        { lat: latitude.value, lon: longitude.value },
        true
      );
      clear.hidden = false;
    }

    function chooseInCity(point) {
      if (city.contains(point)) choose(point);
      else chosen.textContent = gettext("Ten punkt leży poza granicami miasta. Wskaż miejsce w mieście.");
    }

    map.on("click", (event) => chooseInCity(event.latlng));
    // From the keyboard: arrows move the map, Enter marks its centre.
    map.on("keydown", (event) => {
      if (event.originalEvent.key === "Enter") chooseInCity(map.getCenter());
    });
    clear.addEventListener("click", () => choose(null));
    if (latitude.value && longitude.value) {
      const point = L.latLng(Number(latitude.value), Number(longitude.value));
      choose(point);
      map.setView(point, 15);
    } else {
      choose(null);
    }
  }

  function setUp(element) {
    const data = document.getElementById(element.dataset.points);
    const points = (data && JSON.parse(data.textContent)) || [];
    element.replaceChildren();  // the note shown without JavaScript
    const map = L.map(element, { zoomControl: false, attributionControl: false });
    L.control.zoom({ zoomInTitle: gettext("Przybliż"), zoomOutTitle: gettext("Oddal") }).addTo(map);
    if (element.dataset.tiles) {
      L.control.attribution({ prefix: false }).addTo(map);
      L.tileLayer(element.dataset.tiles, {
        attribution: element.dataset.attribution,
        maxZoom: 19,
      }).addTo(map);
    }
    const markers = points.map((point) =>
      L.marker([point.lat, point.lon], { alt: point.title, title: point.title })
        .bindPopup(popup(point))
        .addTo(map)
    );
    if (markers.length) {
      map.fitBounds(L.featureGroup(markers).getBounds().pad(0.2), { maxZoom: 15 });
    } else {
      map.fitBounds(cityBounds(element));
    }
    if (element.dataset.pick) setUpPicker(element, map);
  }

  document.addEventListener("DOMContentLoaded", () => {
    if (!window.L) return;
    document.querySelectorAll("[data-map]").forEach(setUp);
  });
})();
