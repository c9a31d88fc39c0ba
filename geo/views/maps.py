"""The Folium map: one circle per place, sized by mentions, served offline.

Folium declares Leaflet, jQuery, Bootstrap and Font Awesome from CDNs; with
no internet the map stays blank.  :func:`build_map` replaces the declared
assets with the files in ``geo/static/`` (Leaflet 1.9.4 and topojson-client
from npm, and our ``places/places.js`` that draws the circles, see
``geo/static/README.md``) and declares only what this map
needs: its popups and tooltips are built with Leaflet alone, so jQuery (which
folium's own popups call) is not loaded at all.  streamlit-folium loads whatever ``default_js``/``default_css`` declare,
so the app serves them through Streamlit's static file serving
(``static/`` beside ``app.py``, a link to ``geo/static``); for a standalone
HTML file :func:`inline_assets` embeds them instead.
"""

from __future__ import annotations

import base64
import html
import math
import re
from collections import namedtuple
from pathlib import Path

import folium
import pandas as pd
from branca.element import Element, MacroElement
from folium.map import Layer
from jinja2 import Template
from jinja2.utils import htmlsafe_json_dumps

from geo.gazetteer.index import FEATURE_LABELS, FEATURES
from geo.views.tables import counted

STATIC_DIR = Path(__file__).resolve().parents[1] / "static"
# (name, path under STATIC_DIR), in load order.
JS_ASSETS = [("leaflet", "leaflet/leaflet.js"), ("topojson", "topojson/topojson-client.min.js"),
             ("places", "places/places.js")]
BASEMAP = "basemap/countries-50m.json"
WATER = "basemap/water-50m.json"  # built by `python -m geo water` (geo/views/water.py)
CSS_ASSETS = [("leaflet_css", "leaflet/leaflet.css")]
# Relative to the streamlit-folium iframe (/component/<name>/index.html), so a
# server.baseUrlPath still works.
STREAMLIT_STATIC_URL = "../../app/static/"
_KEY_MARK = "|place:"
_KEY_PATTERN = re.compile(re.escape(_KEY_MARK) + r"(\S+)\s*$")
_TILES = "OpenStreetMap"
_INLINED = "geo-static/"  # a placeholder prefix, replaced by the files themselves


# Colour and legend label per kind of place (geo.gazetteer.index.FEATURES), in legend order.
_COLOURS = {"country": "#6a3d9a", "region": "#e6850e", "city": "#2171b5", "water": "#17becf", "other": "#4d9221"}
FEATURE_STYLES = {feature: (_COLOURS[feature], FEATURE_LABELS[feature]) for feature in FEATURES}


def build_map(
    places: pd.DataFrame,
    rows: list[tuple[str, str]] | None = None,
    *,
    asset_url: str = STREAMLIT_STATIC_URL,
    view: tuple[list[float], int] | None = None,
    inline_basemap: bool = False,
) -> folium.Map:
    """A map of ``places`` (see :func:`geo.views.tables.places_table`) with local assets.

    One circle per place, sized by mentions and coloured by kind, in one
    layer per kind (compact rows drawn on a canvas, not a marker object per
    place, so 10,000 places stay light), with a legend and a layer switch.

    Parameters
    ----------
    places : DataFrame
        One row per place with ``place_id``, ``name``, ``names``, ``feature``,
        ``lat``, ``lon``, ``mentions``, ``articles``.
    rows : list, optional
        The circles' data from :func:`place_rows`, with the passages their
        popups show; by default ``place_rows(places)``, without passages.
    asset_url : str
        URL prefix under which ``geo/static/`` is served.
    view : (centre, zoom), optional
        Where the map opens; by default framed on the places.
    inline_basemap : bool
        Put the country outlines into the page (a standalone file) instead
        of fetching them from ``asset_url`` (the browser caches that file).
    """
    center, zoom = view or initial_view(places)
    fmap = folium.Map(location=center, zoom_start=zoom, tiles=None, control_scale=True)
    fmap.default_js = [(name, asset_url + path) for name, path in JS_ASSETS]
    fmap.default_css = [(name, asset_url + path) for name, path in CSS_ASSETS]
    Basemap(asset_url, inline=inline_basemap).add_to(fmap)
    folium.TileLayer(_TILES, name="OpenStreetMap (online)", show=False, overlay=False).add_to(fmap)
    counts = places["feature"].value_counts() if len(places) else {}
    shown = []
    for feature, rows_json in place_rows(places) if rows is None else rows:
        colour, label = FEATURE_STYLES[feature]
        PlaceLayer(rows_json, colour=colour, name=f"{label} ({counts[feature]})").add_to(fmap)
        shown.append((colour, label))
    if shown:
        Legend(shown).add_to(fmap)
    folium.LayerControl(collapsed=True).add_to(fmap)
    return fmap


_Row = namedtuple("_Row", "place_id name names feature lat lon mentions articles")
"""The columns a circle's row is built from."""


def place_rows(places: pd.DataFrame, popups: dict[str, list[tuple[str, str, str]]] | None = None) -> list[tuple[str, str]]:
    """Each kind of place with its circles as the JSON rows the browser draws (see :func:`_point`).

    Apart from :func:`build_map` because it is the costly part (a quarter of
    a second for 10,000 places), and depends only on the places and their
    passages: the app keeps it with them, so a new reader's map is built
    without it.  ``popups`` holds each place's passages ``(before, mention,
    after)``, shown in its popup at once on a click (see
    :func:`geo.views.queries.popup_passages`).
    """
    largest = max(places["mentions"].max(), 1) if len(places) else 1
    layers = []
    for feature in FEATURE_STYLES:
        kind = places[places["feature"] == feature] if len(places) else places
        if len(kind):
            # Plain Python values: iterating a DataFrame's Arrow columns row by row took most of the time.
            rows = map(_Row._make, zip(*(kind[column].tolist() for column in _Row._fields)))
            points = [_point(row, largest, (popups or {}).get(row.place_id, [])) for row in rows]
            # Serialised once: streamlit-folium renders a map two or three times per rerun.
            layers.append((feature, htmlsafe_json_dumps(points)))
    return layers



def _point(row, largest: int, passages: list[tuple[str, str, str]]) -> list:
    """A place as a compact row the browser draws: latitude, longitude, radius, label, key, passages.

    Plain text only: the browser builds the tooltip and the popup from it with
    ``textContent``, so nothing from a document is ever parsed as HTML, and a
    map of 10,000 places stays a few megabytes.
    """
    return [round(float(row.lat), 5), round(float(row.lon), 5), round(6 + 18 * math.sqrt(row.mentions / largest), 1),
            tooltip_label(row), f"{_KEY_MARK}{row.place_id}", [list(p) for p in passages]]


class Verbatim(Element):
    """Text that goes into the page as it is."""

    def __init__(self, text: str) -> None:
        super().__init__()
        self.text = text

    def render(self, **kwargs) -> str:
        return self.text


class DataScript(MacroElement):
    """A map element whose script carries data: place rows, passages, titles, the basemap.

    branca adds an element's rendered script to the page as ``Element(script)``,
    which compiles it as a Jinja template once more.  For data that is wrong
    twice over: a document whose text reads like a template (``{%``, ``{{``,
    ``{#``) would break the map or run as a template, and compiling the rows of
    10,000 places takes half a second per render.  So the rendered script goes
    in verbatim.  Only a ``script`` macro is supported (all these elements have).
    """

    def render(self, **kwargs) -> None:
        script = self._template.module.script(self, kwargs)
        self.get_root().script.add_child(Verbatim(script), name=self.get_name())
        for element in self._children.values():
            element.render(**kwargs)


class PlaceLayer(Layer, DataScript):
    """One kind of place: its circles, drawn from compact rows (see :func:`_point`) by
    ``geo/static/places/places.js`` on one canvas per map, not as a Leaflet marker each.

    The tooltip carries the place key hidden after its label (a click
    returns it through streamlit-folium); the popup is built when it opens:
    the label, then each passage with its mention in ``<mark>``.
    """

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.placeKind({{ this.rows_json }}, {{ this.colour|tojson }});
        {% endmacro %}
    """)

    def __init__(self, rows_json: str, *, colour: str, name: str) -> None:
        super().__init__(name=name, overlay=True, control=True, show=True)
        self._name = "PlaceLayer"
        self.rows_json = rows_json
        self.colour = colour


class Basemap(Layer, DataScript):
    """Countries (world-atlas TopoJSON), lakes and rivers (geo/views/water.py) from Natural Earth beneath the circles:
    a map that reads with no network.  Their names show where they fit at the current zoom."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.layerGroup();
        (function (layer, map) {
            var pane = map.createPane("basemap");
            pane.style.zIndex = 150;  // below tiles (200), so switching OpenStreetMap on covers it
            map.getContainer().style.background = "#cfe2f0";
            var labels = [];
            function fit() {
                labels.forEach(function (label) {
                    var size = map.latLngToLayerPoint(label.bounds.getNorthEast())
                        .subtract(map.latLngToLayerPoint(label.bounds.getSouthWest()));
                    var width = label.name.length * 6.5 + 8, x = Math.abs(size.x), y = Math.abs(size.y);
                    // An area holds its name; a river is long enough for it in either direction.
                    var fits = label.line ? Math.max(x, y) > width : x > width && y > 14;
                    if (fits && !layer.hasLayer(label.marker)) layer.addLayer(label.marker);
                    if (!fits && layer.hasLayer(label.marker)) layer.removeLayer(label.marker);
                });
            }
            // A name on a feature's largest part, shown where it fits (see fit): at the middle of a
            // polygon's outline, at the middle point of a line.
            function label(feature, name, kind, colour, italic) {
                var g = feature.geometry, line = g && /LineString$/.test(g.type);
                var parts = !g ? [] : g.type === "Polygon" ? [g.coordinates[0]]
                    : g.type === "MultiPolygon" ? g.coordinates.map(function (p) { return p[0]; })
                    : g.type === "LineString" ? [g.coordinates] : g.coordinates;
                var largest = null, area = -1, middle = null;
                parts.forEach(function (part) {
                    var bounds = L.latLngBounds(part.map(function (c) { return [c[1], c[0]]; }));
                    var size = (bounds.getEast() - bounds.getWest()) * (bounds.getNorth() - bounds.getSouth())
                        + (line ? bounds.getNorthEast().distanceTo(bounds.getSouthWest()) : 0);
                    if (size > area) { area = size; largest = bounds; middle = part[Math.floor(part.length / 2)]; }
                });
                if (!largest || !name) return;
                var at = line ? L.latLng(middle[1], middle[0]) : largest.getCenter();
                var marker = L.marker(at, {pane: "basemap", interactive: false, keyboard: false,
                    icon: L.divIcon({className: kind + "-label", html: "", iconSize: null})});
                marker.on("add", function () {
                    var text = document.createElement("span");
                    text.textContent = name;
                    text.style.cssText = "display:inline-block;transform:translate(-50%,-50%);white-space:nowrap;"
                        + "font:" + (italic ? "italic " : "") + "11px sans-serif;color:" + colour
                        + ";text-shadow:0 0 2px #fff";
                    marker.getElement().replaceChildren(text);
                });
                labels.push({name: name, bounds: largest, marker: marker, line: line});
            }
            function countries(topology) {
                var shapes = topojson.feature(topology, topology.objects.countries);
                // Rings that cross the antimeridian continue past 180° instead of jumping back.
                function unwrap(line) {
                    var shift = 0, previous = null;
                    return line.map(function (c) {
                        if (previous !== null && c[0] + shift - previous > 180) shift -= 360;
                        if (previous !== null && c[0] + shift - previous < -180) shift += 360;
                        previous = c[0] + shift;
                        return [previous, c[1]];
                    });
                }
                shapes.features.forEach(function (feature) {
                    var g = feature.geometry;
                    if (g && g.type === "Polygon") g.coordinates = g.coordinates.map(unwrap);
                    if (g && g.type === "MultiPolygon") g.coordinates = g.coordinates.map(function (p) { return p.map(unwrap); });
                });
                L.geoJSON(shapes, {pane: "basemap", interactive: false,
                    style: {stroke: false, fillColor: "#f5f2eb", fillOpacity: 1}}).addTo(layer);
                // Borders and coasts once each, cut where a line jumps across the antimeridian.
                var lines = [];
                topojson.mesh(topology, topology.objects.countries).coordinates.forEach(function (line) {
                    var piece = [line[0]];
                    for (var i = 1; i < line.length; i++) {
                        if (Math.abs(line[i][0] - line[i - 1][0]) > 180) {
                            if (piece.length > 1) lines.push(piece);
                            piece = [];
                        }
                        piece.push(line[i]);
                    }
                    if (piece.length > 1) lines.push(piece);
                });
                L.geoJSON({type: "MultiLineString", coordinates: lines}, {pane: "basemap", interactive: false,
                    style: {color: "#8c8c8c", weight: 0.7}}).addTo(layer);
                shapes.features.forEach(function (feature) { label(feature, feature.properties.name, "country", "#6b6b6b"); });
                fit();
            }
            function water(collection) {
                L.geoJSON(collection, {pane: "basemap", interactive: false, style: function (feature) {
                    return feature.properties.kind === "lake"
                        ? {color: "#9cbfd9", weight: 0.5, fillColor: "#cfe2f0", fillOpacity: 1}
                        : {color: "#9cbfd9", weight: 1, fill: false};
                }}).addTo(layer);
                collection.features.forEach(function (feature) {
                    label(feature, feature.properties.name, feature.properties.kind, "#3f6f94", true);
                });
                fit();
            }
            map.on("zoomend", fit);
            {% if this.inline %}
            countries({{ this.topology }});
            water({{ this.water }});
            {% else %}
            // Countries first, then lakes and rivers over them.
            var waters = fetch({{ this.water_url|tojson }}).then(function (r) { return r.json(); });
            fetch({{ this.url|tojson }}).then(function (r) { return r.json(); }).then(countries)
                .then(function () { return waters; }).then(water);
            {% endif %}
        })({{ this.get_name() }}, {{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, asset_url: str, *, inline: bool = False) -> None:
        super().__init__(name="Countries, lakes and rivers (offline, Natural Earth)", overlay=False, control=True, show=True)
        self._name = "Basemap"
        self.url = asset_url + BASEMAP
        self.water_url = asset_url + WATER
        self.inline = inline
        self.topology = (STATIC_DIR / BASEMAP).read_text(encoding="utf-8") if inline else ""
        self.water = (STATIC_DIR / WATER).read_text(encoding="utf-8") if inline else ""


class CornerBox(DataScript):
    """A white box in a corner of the map holding ``html`` (already safe), which the map's clicks and
    scrolls do not go through."""

    _template = Template("""
        {% macro script(this, kwargs) %}
        var {{ this.get_name() }} = L.control({position: {{ this.position|tojson }}});
        {{ this.get_name() }}.onAdd = function () {
            var box = L.DomUtil.create("div", {{ this.css_class|tojson }});
            box.style.cssText = "background:white;padding:6px 10px;border-radius:4px;font:12px sans-serif;"
                + "box-shadow:0 1px 4px rgba(0,0,0,.3);" + {{ this.style|tojson }};
            box.innerHTML = {{ this.html|tojson }};
            L.DomEvent.disableClickPropagation(box);
            L.DomEvent.disableScrollPropagation(box);
            return box;
        };
        {{ this.get_name() }}.addTo({{ this._parent.get_name() }});
        {% endmacro %}
    """)

    def __init__(self, html_text: str, *, position: str, css_class: str, style: str = "") -> None:
        super().__init__()
        self._name = "CornerBox"
        self.html, self.position, self.css_class, self.style = html_text, position, css_class, style


class ArticleList(CornerBox):
    """A folding list of the map's articles (date, title, a link where the address is a web page)."""

    def __init__(self, articles: pd.DataFrame) -> None:
        items = []
        for row in articles.itertuples(index=False):
            title = html.escape(row.title if isinstance(row.title, str) and row.title else row.doc)
            if isinstance(row.url, str) and row.url.lower().startswith(("https://", "http://")):
                title = f'<a href="{html.escape(row.url)}" target="_blank" rel="noopener noreferrer">{title}</a>'
            date = html.escape(row.date) + " · " if isinstance(row.date, str) and row.date else ""
            items.append(f"<li>{date}{title}</li>")
        listing = (f"<details><summary>{html.escape(counted(len(articles), 'article'))}</summary>"
                   f'<ol style="padding-left:18px;margin:4px 0">{"".join(items)}</ol></details>')
        super().__init__(listing, position="topleft", css_class="article-list",
                         style="max-width:340px;max-height:60vh;overflow:auto")


class Legend(CornerBox):
    """A corner box that says which colour is which kind of place."""

    def __init__(self, entries: list[tuple[str, str]]) -> None:
        rows = "".join(
            f'<div><span style="display:inline-block;width:11px;height:11px;border-radius:50%;'
            f'background:{colour};margin-right:6px"></span>{html.escape(label)}</div>'
            for colour, label in entries
        )
        super().__init__(rows, position="bottomright", css_class="map-legend", style="line-height:18px")


def initial_view(places: pd.DataFrame, *, width_px: int = 500, height_px: int = 500) -> tuple[list[float], int]:
    """Centre and zoom that show every place in a map of about this size.

    Computed here because streamlit-folium draws the map at its initial view
    and does not apply ``fit_bounds``.
    """
    if places.empty:
        return [30.0, 20.0], 2
    south, north = places["lat"].min(), places["lat"].max()
    west, east = places["lon"].min(), places["lon"].max()
    y_span = abs(_mercator_y(north) - _mercator_y(south)) or 1e-6
    x_span = (east - west) / 360 or 1e-6
    zoom = math.floor(min(math.log2(width_px / 256 / x_span), math.log2(height_px / 256 / y_span)))
    return [float(south + north) / 2, float(west + east) / 2], max(1, min(zoom, 8))


def _mercator_y(lat: float) -> float:
    """Web Mercator y of a latitude, as a fraction of the world's height."""
    phi = math.radians(max(min(lat, 85.0), -85.0))
    return math.log(math.tan(math.pi / 4 + phi / 2)) / (2 * math.pi)


def tooltip_label(row) -> str:
    """ "Almaty — 10 mentions in 5 articles", with the text's own name if it differs."""
    shown = row.name
    written = [n for n in row.names if n != row.name]
    if written and row.feature == "city":
        shown = f"{row.name} ({written[0]})"
    return f"{shown} — {counted(row.mentions, 'mention')} in {counted(row.articles, 'article')}"


def place_id_from_tooltip(text: str | None) -> str | None:
    """The place id inside a clicked tooltip's text, or ``None``.

    Examples
    --------
    >>> place_id_from_tooltip("Almaty — 1 mention in 1 article|place:geonames:1526384")
    'geonames:1526384'
    """
    match = _KEY_PATTERN.search(text or "")
    return match.group(1) if match else None


def declared_assets(fmap: folium.Map) -> list[str]:
    """Every JS and CSS URL the map's elements declare, as streamlit-folium collects them."""
    urls = []
    for element in _walk(fmap):
        urls += [url for _, url in getattr(element, "default_js", [])]
        urls += [url for _, url in getattr(element, "default_css", [])]
    return list(dict.fromkeys(urls))


def standalone_html(places: pd.DataFrame, popups: dict[str, list[tuple[str, str, str]]] | None = None,
                    articles: pd.DataFrame | None = None) -> str:
    """One HTML file of the map with its assets, basemap and the list of its ``articles`` (doc, title,
    date, url) inlined: it opens from disk with no server and no network, small enough to e-mail."""
    fmap = build_map(places, place_rows(places, popups), asset_url=_INLINED, inline_basemap=True)
    if articles is not None and len(articles):
        ArticleList(articles).add_to(fmap)
    return inline_assets(fmap.get_root().render(), asset_url=_INLINED)


def inline_assets(page: str, *, asset_url: str) -> str:
    """Embed the local assets in a rendered HTML page, for a file that works offline."""
    for _, path in JS_ASSETS:
        code = (STATIC_DIR / path).read_text(encoding="utf-8")
        page = page.replace(f'<script src="{asset_url}{path}"></script>', f"<script>{code}</script>")
    for _, path in CSS_ASSETS:
        css = _CSS_IMAGE.sub(lambda m: _data_uri(STATIC_DIR / Path(path).parent / m.group(1)),
                             (STATIC_DIR / path).read_text(encoding="utf-8"))
        page = re.sub(rf'<link rel="stylesheet" href="{re.escape(asset_url + path)}"\s*/>', lambda _: f"<style>{css}</style>", page)
    return page


_CSS_IMAGE = re.compile(r"url\((images/[\w.-]+\.png)\)")


def _data_uri(path: Path) -> str:
    """A stylesheet's image as a data URI, so the layer switch shows its icon in a standalone file."""
    return f"url(data:image/png;base64,{base64.b64encode(path.read_bytes()).decode('ascii')})"


def _walk(element):
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)
