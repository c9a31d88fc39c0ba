"""Tables, passages and the map."""

import json
import re
import pandas as pd

from geo.views.maps import (FEATURE_STYLES, STATIC_DIR, Legend, PlaceLayer, build_map, declared_assets, initial_view,
                            inline_assets, place_id_from_tooltip, place_rows)
from geo.views.passages import article_html, highlight, passages_for
from geo.pipeline import extract_places
from geo.views.tables import MENTION_COLUMNS, mentions_table, place_row, places_table


def tables(doc, gazetteer, text):
    document = doc(text)
    mentions = mentions_table(extract_places([document], gazetteer))
    return document, mentions, places_table(mentions)


def test_tables_have_fixed_columns(doc, gazetteer):
    _, mentions, places = tables(doc, gazetteer, "Almaty liegt in Kasachstan. In Almaty wird protestiert.")
    assert list(mentions.columns[: len(MENTION_COLUMNS)]) == MENTION_COLUMNS
    almaty = place_row(places, "geonames:1526384")
    assert almaty["mentions"] == 2 and almaty["articles"] == 1 and almaty["names"] == ["Almaty"]
    assert place_row(places, "nope") is None


def test_passages_escape_text_and_mark_mentions(doc, gazetteer):
    document, mentions, _ = tables(doc, gazetteer, "<script>x</script> Truppen landeten in Almaty. Sonst nichts.")
    [article] = passages_for(mentions, "geonames:1526384", {document.id: document})
    [passage] = article.passages
    assert "<script>" not in passage and "&lt;script&gt;" in passage
    assert "<mark>Almaty</mark>" in passage
    assert "<mark>Almaty</mark>" in article_html(document, mentions, "geonames:1526384")


def test_highlight_ignores_overlaps():
    assert highlight("a&b", [(0, 1), (0, 3)]) == "<mark>a</mark>&amp;b"


def test_map_declares_only_local_assets(doc, gazetteer):
    _, _, places = tables(doc, gazetteer, "Almaty liegt in Kasachstan.")
    fmap = build_map(places)
    urls = declared_assets(fmap)
    assert urls and not [u for u in urls if u.startswith(("http:", "https:", "//"))]
    for url in urls:
        assert (STATIC_DIR / url.removeprefix("../../app/static/")).is_file()


def test_tooltip_carries_label_and_place_key(doc, gazetteer):
    _, _, places = tables(doc, gazetteer, "Die Hauptstadt Nur-Sultan liegt in <b>Kasachstan</b>.")
    page = build_map(places).get_root().render()
    assert json.dumps("Astana (Nur-Sultan) — 1 mention in 1 article")[1:-1] in page  # inside the layer's JSON
    assert place_id_from_tooltip("Astana (Nur-Sultan) — 1 mention in 1 article|place:geonames:1526273") == "geonames:1526273"
    assert place_id_from_tooltip(None) is None


def test_inline_assets_make_a_standalone_page(doc, gazetteer):
    _, _, places = tables(doc, gazetteer, "Almaty liegt in Kasachstan.")
    page = inline_assets(build_map(places, asset_url="static/").get_root().render(), asset_url="static/")
    assert 'src="static/' not in page and 'href="static/' not in page
    assert "https://cdn" not in page


def test_empty_tables():
    places = places_table(mentions_table([]))
    assert places.empty and isinstance(places, pd.DataFrame)
    assert build_map(places) is not None


def test_initial_view_frames_the_places():
    places = pd.DataFrame({"lat": [43.25, 51.18], "lon": [76.91, 71.45]})
    center, zoom = initial_view(places)
    assert center == [47.215, 74.18]
    assert 4 <= zoom <= 6
    assert initial_view(places.iloc[:0]) == ([30.0, 20.0], 2)


def map_places() -> pd.DataFrame:
    """Places of three kinds (no region), mentioned 1 to 16 times, as :func:`geo.views.queries.places` gives them."""
    return pd.DataFrame([
        ("geonames:1522867", "Kazakhstan", ["Kasachstan"], "country", 48.0, 68.0, 16, 5),
        ("geonames:1526384", "Almaty", ["Almaty"], "city", 43.25, 76.91, 4, 2),
        ("geonames:610612", "Aktau", ["Aktau"], "city", 43.66, 51.17, 1, 1),
        ("curated:caspian-sea", "Caspian Sea", ["Kaspischen Meer"], "water", 41.7, 50.6, 2, 1),
    ], columns=["place_id", "name", "names", "feature", "lat", "lon", "mentions", "articles"])


def test_circles_grow_with_mentions():
    places = map_places()
    radii = {row[4].removeprefix("|place:"): row[2] for _, rows in place_rows(places) for row in json.loads(rows)}
    by_mentions = places.sort_values("mentions")["place_id"].tolist()
    assert sorted(radii, key=radii.get) == by_mentions
    assert len(set(radii.values())) == len(radii)  # strictly: each count its own size


def test_each_kind_has_its_colour_its_layer_and_its_legend_entry():
    """One layer per kind on the map (Regions has no place here, so neither layer nor legend entry)."""
    fmap = build_map(map_places())
    layers = [child for child in fmap._children.values() if isinstance(child, PlaceLayer)]
    kinds = ["country", "city", "water"]
    assert [(layer.colour, layer.layer_name) for layer in layers] == [
        (FEATURE_STYLES[kind][0], f"{FEATURE_STYLES[kind][1]} ({n})") for kind, n in zip(kinds, [1, 2, 1])]
    assert [{row[3].split(" — ")[0] for row in json.loads(layer.rows_json)} for layer in layers] == [
        {"Kazakhstan"}, {"Almaty", "Aktau"}, {"Caspian Sea"}]
    assert len({layer.colour for layer in layers}) == len(layers)
    [legend] = [child for child in fmap._children.values() if isinstance(child, Legend)]
    entries = re.findall(r"background:(#\w+);[^>]*></span>([^<]+)</div>", legend.html)
    assert entries == [FEATURE_STYLES[kind] for kind in kinds]


def test_the_map_opens_framed_on_the_places_it_shows():
    places = map_places()
    cities = places[places.feature == "city"]  # what a type filter leaves
    for shown in (places, cities):
        fmap = build_map(shown)
        assert (fmap.location, fmap.options["zoom"]) == tuple(initial_view(shown))
    assert build_map(places).location != build_map(cities).location
    fmap = build_map(places, view=([10.0, 20.0], 7))  # a shared link's view wins
    assert (fmap.location, fmap.options["zoom"]) == ([10.0, 20.0], 7)


def test_the_map_needs_no_network(doc, gazetteer):
    """Every script and stylesheet is local; the basemap is a local file, OpenStreetMap only a layer to switch to."""
    _, _, places = tables(doc, gazetteer, "Almaty liegt in Kasachstan.")
    page = build_map(places).get_root().render()
    external = re.findall(r'<(?:script|link)[^>]+(?:src|href)="((?:https?:)?//[^"]+)"', page)
    assert external == []
    assert "@font-face" not in page and "fonts.googleapis" not in page
    assert "../../app/static/basemap/countries-50m.json" in page
    assert (STATIC_DIR / "basemap" / "countries-50m.json").is_file()


def test_a_standalone_map_carries_its_basemap(doc, gazetteer):
    from geo.views.maps import standalone_html

    _, _, places = tables(doc, gazetteer, "Almaty liegt in Kasachstan.")
    page = standalone_html(places, {})
    assert '"type":"Topology"' in page and "fetch(" not in page
    assert '"name":"Lake Balkhash"' in page  # the lakes, inlined too
    assert not re.findall(r'<(?:script|link)[^>]+(?:src|href)="(?:https?:)?//', page)
    assert len(page.encode()) < 2_000_000


def test_the_standalone_article_list_escapes_titles_and_links_only_web_pages(doc, gazetteer):
    from geo.views.maps import ArticleList

    articles = pd.DataFrame({
        "doc": ["a.txt", "b.txt"], "title": ["<img src=x onerror=alert(1)>", "Plain"], "date": ["2022-01", None],
        "url": ["javascript:alert(1)", "https://example.org/b"], "mentions": [1, 2]})
    listing = ArticleList(articles).html
    assert "<img" not in listing and "&lt;img src=x" in listing
    assert "javascript:" not in listing and 'href="https://example.org/b"' in listing
    assert "2 articles" in listing


TEMPLATE_LIKE = "{% if 1 %}{{ 7 * 7 }}{# never closed"


def test_text_that_reads_like_a_template_stays_text_on_the_map(doc, gazetteer):
    """Jinja syntax in a passage or a title must neither break the map nor run (branca would compile it)."""
    from geo.views.maps import standalone_html

    _, _, places = tables(doc, gazetteer, "Almaty liegt in Kasachstan.")
    popups = {places.place_id.iloc[0]: [(TEMPLATE_LIKE + " in ", "Almaty", " " + TEMPLATE_LIKE)]}
    articles = pd.DataFrame({"doc": ["a.txt"], "title": [TEMPLATE_LIKE], "date": [None], "url": [None]})
    for page in (build_map(places, place_rows(places, popups)).get_root().render(), standalone_html(places, popups, articles)):
        rows = re.search(r"L\.placeKind\((\[\[.*?\]\]\]\]), ", page).group(1)
        assert json.loads(rows)[0][5] == [[TEMPLATE_LIKE + " in ", "Almaty", " " + TEMPLATE_LIKE]]
        assert "{% if 1 %}{{ 7 * 7 }}" in page and ">49<" not in page


def test_the_water_is_a_small_feature_collection_with_its_source():
    from geo.views.maps import WATER

    water = json.loads((STATIC_DIR / WATER).read_text(encoding="utf-8"))
    assert water["source"].startswith("Natural Earth 1:50m lakes and rivers")
    names = {(f["properties"]["kind"], f["properties"]["name"]): f["properties"]["name_de"] for f in water["features"]}
    assert names["lake", "Lake Balkhash"] == "Balchaschsee" and ("lake", "Lake Victoria") in names
    assert names["river", "Ertis"] == "Irtysch" and ("river", "Rhône") in names
    assert (STATIC_DIR / WATER).stat().st_size < 700_000

