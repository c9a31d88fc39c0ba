"""The Folium map: one circle per place, sized by mentions, served offline.

Folium declares Leaflet, jQuery, Bootstrap and Font Awesome from CDNs; with
no internet the map stays blank.  :func:`build_map` replaces the declared
assets with the files in ``geo/static/`` (Leaflet 1.9.4 and jQuery 3.7.1 from
npm, see ``geo/static/README.md``) and declares only what a circle-marker map
needs.  streamlit-folium loads whatever ``default_js``/``default_css`` declare,
so the app serves them through Streamlit's static file serving
(``static/`` beside ``app.py``, a link to ``geo/static``); for a standalone
HTML file :func:`inline_assets` embeds them instead.
"""

from __future__ import annotations

import html
import math
import re
from pathlib import Path

import folium
import pandas as pd

STATIC_DIR = Path(__file__).resolve().parent / "static"
# (name, path under STATIC_DIR), in load order.
JS_ASSETS = [("leaflet", "leaflet/leaflet.js"), ("jquery", "jquery/jquery.min.js")]
CSS_ASSETS = [("leaflet_css", "leaflet/leaflet.css")]
# Relative to the streamlit-folium iframe (/component/<name>/index.html), so a
# server.baseUrlPath still works.
STREAMLIT_STATIC_URL = "../../app/static/"
_KEY_MARK = "|place:"
_KEY_PATTERN = re.compile(re.escape(_KEY_MARK) + r"(\S+)\s*$")
_TILES = "OpenStreetMap"


def build_map(places: pd.DataFrame, *, asset_url: str = STREAMLIT_STATIC_URL) -> folium.Map:
    """A map of ``places`` (see :func:`geo.tables.places_table`) with local assets.

    Parameters
    ----------
    places : DataFrame
        One row per place with ``place_id``, ``name``, ``names``, ``lat``,
        ``lon``, ``mentions``, ``articles``.
    asset_url : str
        URL prefix under which ``geo/static/`` is served.
    """
    center, zoom = initial_view(places)
    fmap = folium.Map(location=center, zoom_start=zoom, tiles=_TILES, control_scale=True)
    fmap.default_js = [(name, asset_url + path) for name, path in JS_ASSETS]
    fmap.default_css = [(name, asset_url + path) for name, path in CSS_ASSETS]
    largest = max(places["mentions"].max(), 1) if len(places) else 1
    for row in places.itertuples(index=False):
        folium.CircleMarker(
            location=[row.lat, row.lon],
            radius=6 + 18 * math.sqrt(row.mentions / largest),
            color="#1f4e79",
            weight=1,
            fill=True,
            fill_color="#3182bd",
            fill_opacity=0.7,
            tooltip=folium.Tooltip(tooltip_html(row)),
        ).add_to(fmap)
    return fmap


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
    mentions = f"{row.mentions} mention{'s' if row.mentions != 1 else ''}"
    articles = f"{row.articles} article{'s' if row.articles != 1 else ''}"
    return f"{shown} — {mentions} in {articles}"


def tooltip_html(row) -> str:
    """The escaped label plus a hidden place key, which a marker click returns."""
    key = html.escape(f"{_KEY_MARK}{row.place_id}")
    return f'{html.escape(tooltip_label(row))}<span style="display:none">{key}</span>'


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


def inline_assets(page: str, *, asset_url: str) -> str:
    """Embed the local assets in a rendered HTML page, for a file that works offline."""
    for _, path in JS_ASSETS:
        code = (STATIC_DIR / path).read_text(encoding="utf-8")
        page = page.replace(f'<script src="{asset_url}{path}"></script>', f"<script>{code}</script>")
    for _, path in CSS_ASSETS:
        css = (STATIC_DIR / path).read_text(encoding="utf-8")
        page = re.sub(rf'<link rel="stylesheet" href="{re.escape(asset_url + path)}"\s*/>', lambda _: f"<style>{css}</style>", page)
    return page


def _walk(element):
    yield element
    for child in getattr(element, "_children", {}).values():
        yield from _walk(child)
