"""What a reader takes away: the corpus the filters show, in formats other tools read.

Three formats, each for a different reader of the result:

- :func:`mentions_csv` — one row per mention, for a spreadsheet; cells that a
  spreadsheet would run as a formula are neutralised.
- :func:`places_geojson_with_passages` — the ``extract --format geojson``
  collection with each place's passages as plain text, for QGIS, geojson.io
  or a web map of one's own.
- :func:`linked_places` — Linked Places Format (LPF) v1.1, the interchange
  format of World Historical Gazetteer and Recogito: every form the texts use
  for a place, cited by the articles that use it.

:func:`export` reads what a workspace's filters show and writes one of these,
or the standalone HTML map: the text ``python -m geo export`` writes and the
app hands out as a download (:data:`FORMATS` names each file).

All three take the two tables the workspace returns for what the filters show
(``mentions``: one row per mention, see ``MENTION_INPUT_COLUMNS``;
``places``: :data:`geo.views.tables.PLACE_COLUMNS`).  The JSON outputs hold only
Python numbers, strings, lists, dicts and ``None`` (never NaN or a numpy
scalar), so ``json.dumps(..., allow_nan=False)`` accepts them.  Text stays
text: nothing here is HTML, so whoever renders a passage escapes it.
"""

from __future__ import annotations

import csv
import datetime
import io
import json
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import quote

import numpy as np
import pandas as pd

from geo.views import queries
from geo.errors import GeoError
from geo.views.maps import standalone_html
from geo.views.tables import places_geojson
from geo.views.queries import Filters
from geo.workspace.store import Workspace

# The columns of the ``mentions`` table the functions here read.
MENTION_INPUT_COLUMNS = [
    "doc", "title", "date", "url", "start", "end", "text", "kind", "place_id", "name", "lat", "lon",
    "country_code", "feature", "geonameid", "score", "corrected", "excerpt", "excerpt_start",
]
# The header of :func:`mentions_csv`, in order: keep stable, spreadsheets and scripts rely on it.
MENTION_EXPORT_COLUMNS = [
    "article", "title", "date", "url", "start", "end", "text", "place", "place_id", "lat", "lon",
    "country_code", "feature", "geonameid", "score", "corrected", "kind",
]
_EXPORT_SOURCES = {"article": "doc", "place": "name"}

# A cell starting with one of these is a formula to Excel, LibreOffice Calc or
# Google Sheets (OWASP "CSV Injection"; ASVS 5.0 1.2.10 adds NUL).
_FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r", "\0")

LPF_CONTEXT = "https://raw.githubusercontent.com/LinkedPasts/linked-places/master/linkedplaces-context-v1.1.jsonld"
# Our own records have no web page, so their @id is a URN made from the place id.
URN_PREFIX = "urn:geo-news-map:"
# Each feature type as a concept of the Getty Art & Architecture Thesaurus, from
# World Historical Gazetteer's subset of AAT place types (aat_whg-subset.tsv in
# LinkedPasts/linked-places-format).  "city" is any populated place of 500+
# people, so it maps to "inhabited place", not to AAT's narrower "city".
# "other" has no concept that fits all it holds, so it gets no type.
_AAT_TYPES = {
    "country": ("http://vocab.getty.edu/aat/300387506", "country"),
    "region": ("http://vocab.getty.edu/aat/300182722", "region (geographic)"),
    "city": ("http://vocab.getty.edu/aat/300008347", "inhabited place"),
    "water": ("http://vocab.getty.edu/aat/300266059", "bodies of water (natural)"),
}
# Country adjectives and demonyms ("russische") count as mentions of a country
# but are not names of it, so they are no toponyms in a gazetteer.
_NOT_A_NAME = frozenset({"adjective"})
_ISO_DATE = re.compile(r"^\d{4}(-\d{2}(-\d{2})?)?$")


@dataclass(frozen=True)
class ExportFormat:
    """How one export reaches a reader: its button's label, the file's name and its media type."""

    label: str
    file_name: str
    mime: str


FORMATS = {
    "csv": ExportFormat("Mentions (CSV)", "mentions.csv", "text/csv"),
    "geojson": ExportFormat("Places (GeoJSON)", "places.geojson", "application/geo+json"),
    "lpf": ExportFormat("Linked Places Format (JSON)", "places.lpf.json", "application/ld+json"),
    "html": ExportFormat("Map (standalone HTML)", "map.html", "text/html"),
}


def export(workspace: Workspace, filters: Filters, kind: str) -> str:
    """What ``filters`` show of ``workspace`` as one of :data:`FORMATS`.

    The tables are read here, when a format is asked for, not before: an
    archive's GeoJSON takes seconds, and a reader who only looks at the map
    should not wait for it.
    """
    places = queries.places(workspace, filters)
    if kind == "html":
        return standalone_html(places, queries.popup_passages(workspace, filters), queries.articles(workspace, filters))
    mentions = queries.mentions(workspace, filters)
    if kind == "csv":
        return mentions_csv(mentions)
    if kind == "geojson":
        return dumps(places_geojson_with_passages(places, mentions))
    if kind == "lpf":
        return dumps(linked_places(places, mentions))
    raise GeoError(f"there is no export format {kind!r}: choose one of {', '.join(FORMATS)}.")


def mentions_csv(mentions: pd.DataFrame) -> str:
    """One CSV row per mention, columns :data:`MENTION_EXPORT_COLUMNS`, safe to open in a spreadsheet.

    A spreadsheet runs a cell that starts with ``=``, ``+``, ``-``, ``@``, a
    tab, a carriage return or NUL as a formula, and article titles and texts
    come from anywhere ('=HYPERLINK("http://evil", "click")').  So every
    *text* cell starting with one of them gets a leading apostrophe, which
    spreadsheets read as "this is text" (OWASP's advice).  Numbers are left
    alone, so a negative longitude stays a number.  ``None`` and missing
    values are empty cells.

    Parameters
    ----------
    mentions : pandas.DataFrame
        One row per mention with the columns ``MENTION_INPUT_COLUMNS``
        (``doc`` becomes ``article``, ``name`` becomes ``place``).

    Returns
    -------
    str
        The CSV text with a header row (RFC 4180: comma, double quotes, CRLF).
        Encode it as UTF-8; use ``"utf-8-sig"`` for Excel, which reads a file
        without a byte-order mark in the local code page.

    Raises
    ------
    GeoError
        If ``mentions`` lacks a column it needs.

    Examples
    --------
    >>> rows = pd.DataFrame([{"doc": "a.txt", "title": "=1+1", "date": None, "url": None, "start": 0,
    ...     "end": 6, "text": "Almaty", "kind": "name", "place_id": "geonames:1526384", "name": "Almaty",
    ...     "lat": 43.25, "lon": 76.91, "country_code": "KZ", "feature": "city", "geonameid": 1526384,
    ...     "score": 0.9, "corrected": False, "excerpt": "Almaty.", "excerpt_start": 0}])
    >>> mentions_csv(rows).splitlines()[1]
    "a.txt,'=1+1,,,0,6,Almaty,Almaty,geonames:1526384,43.25,76.91,KZ,city,1526384,0.9,False,name"
    """
    _require(mentions, [_EXPORT_SOURCES.get(c, c) for c in MENTION_EXPORT_COLUMNS], "mentions")
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(MENTION_EXPORT_COLUMNS)
    columns = [_EXPORT_SOURCES.get(c, c) for c in MENTION_EXPORT_COLUMNS]
    for row in mentions[columns].itertuples(index=False, name=None):
        writer.writerow([_csv_cell(value) for value in row])
    return out.getvalue()


def places_geojson_with_passages(places: pd.DataFrame, mentions: pd.DataFrame) -> dict:
    """The places as GeoJSON, each with the sentences that mention it, as plain text.

    This is :func:`geo.views.tables.places_geojson` (the ``extract --format
    geojson`` contract, unchanged) with two properties added to each
    feature: ``place_id``, and ``passages``, so the evidence travels with the
    map.  A passage is one sentence, once, however many mentions it holds::

        {"article": doc, "title": ..., "date": ..., "url": ...,
         "text": the sentence,
         "mention": [start, end],         # the first mention, offsets into "text"
         "mentions": [[start, end], ...]} # all of this place's mentions in it

    Offsets count Unicode code points (Python ``str`` indices), so
    ``text[start:end]`` is the mention as written.  Passages are in article
    order (by article id), then by offset.  ``text`` is plain text, not HTML:
    a renderer must escape it.  A place without coordinates gets
    ``"geometry": null``, which RFC 7946 allows; coordinates are
    ``[lon, lat]``.

    Parameters
    ----------
    places : pandas.DataFrame
        One row per place, columns :data:`geo.views.tables.PLACE_COLUMNS`.
    mentions : pandas.DataFrame
        One row per mention, columns ``MENTION_INPUT_COLUMNS``; rows whose
        ``place_id`` is not in ``places`` are ignored.

    Returns
    -------
    dict
        A GeoJSON FeatureCollection, ready for ``json.dumps(..., allow_nan=False)``.

    Raises
    ------
    GeoError
        If a table lacks a column it needs.
    """
    _require(mentions, ["doc", "title", "date", "url", "start", "end", "place_id", "excerpt", "excerpt_start"],
             "mentions")
    collection = places_geojson(places)
    by_place = _by_place(mentions)
    for feature, place_id in zip(collection["features"], places["place_id"]):
        feature["properties"]["place_id"] = place_id
        feature["properties"]["passages"] = _passages(by_place.get(place_id, []))
        if any(_missing(c) for c in feature["geometry"]["coordinates"]):
            feature["geometry"] = None
    return _plain(collection)


def linked_places(places: pd.DataFrame, mentions: pd.DataFrame) -> dict:
    """The places as a Linked Places Format (LPF) v1.1 FeatureCollection.

    LPF is GeoJSON-LD: World Historical Gazetteer takes it as a dataset and
    Recogito as a gazetteer, and both reconcile it against GeoNames.  Each
    place becomes one feature with

    - ``@id``: ``urn:geo-news-map:<place_id>`` — a stable name for *this*
      record; GeoNames' own URI is the match in ``links``, not our id, so our
      names and citations are never mistaken for GeoNames' record;
    - ``properties``: ``title`` (the gazetteer's name) and ``ccodes``;
    - ``names``: one entry per form the texts use, most frequent first
      (country adjectives such as "russische" are left out: they mention a
      country but do not name it), each cited by the articles that use it
      (label: the title, ``@id``: the URL if known); no ``lang``, since an
      article's language is not a name's;
    - ``types``: the feature type as a Getty AAT concept (``label`` the AAT
      term, ``sourceLabels`` our own), none for ``"other"``;
    - ``geometry``: a Point ``[lon, lat]``, ``null`` without coordinates;
    - ``when``: one timespan from the earliest to the latest date of the
      articles that mention it, left out when none has a date;
    - ``links``: a ``closeMatch`` to ``gn:<geonameid>`` (the prefix World
      Historical Gazetteer requires for GeoNames) when there is one.

    ``places`` and ``mentions`` are those of :func:`places_geojson_with_passages`.
    Returns the FeatureCollection with its ``@context``, ready for
    ``json.dumps(..., allow_nan=False)``.

    Raises
    ------
    GeoError
        If a table lacks a column it needs.
    """
    _require(places, ["place_id", "name", "names", "feature", "country_code", "lat", "lon", "geonameid"], "places")
    _require(mentions, ["doc", "title", "date", "url", "start", "text", "kind", "place_id"], "mentions")
    by_place = _by_place(mentions)
    features = [_lpf_feature(place, by_place.get(place["place_id"], [])) for place in places.to_dict(orient="records")]
    return _plain({"type": "FeatureCollection", "@context": LPF_CONTEXT, "features": features})


def _lpf_feature(place: dict, rows: list) -> dict:
    place_id = str(place["place_id"])
    code = place["country_code"]
    feature = {
        "@id": URN_PREFIX + quote(place_id, safe=":-._~"),
        "type": "Feature",
        "properties": {
            "title": place["name"],
            "ccodes": [] if _missing(code) or not str(code).strip() else [str(code).strip().upper()],
        },
        "names": _lpf_names(place, rows),
        "types": _lpf_types(place["feature"]),
        "geometry": _point(place["lon"], place["lat"]),
    }
    dates = [str(row.date) for row in rows if not _missing(row.date) and _ISO_DATE.match(str(row.date))]
    if dates:
        # "2022-01" runs to the end of January: compare starts and ends as such.
        start = min(dates, key=lambda d: d + "-00")
        end = max(dates, key=lambda d: d + "-99")
        feature["when"] = {"timespans": [{"start": {"in": start}, "end": {"in": end}}]}
    if not _missing(place["geonameid"]):
        feature["links"] = [{"type": "closeMatch", "identifier": f"gn:{int(place['geonameid'])}"}]
    return feature


def _lpf_names(place: dict, rows: list) -> list[dict]:
    """One name per written form: the places table's order, then forms only the mentions have."""
    by_form: dict[str, list] = {}
    for row in rows:
        by_form.setdefault(row.text, []).append(row)
    adjectives_only = {text for text, form_rows in by_form.items() if {r.kind for r in form_rows} <= _NOT_A_NAME}
    citations = {text: _citations(form_rows) for text, form_rows in by_form.items() if text not in adjectives_only}
    names = [] if _missing_list(place["names"]) else [str(n) for n in place["names"]]
    forms = _unique(f for f in [*names, *citations] if f and f not in adjectives_only)
    if not forms:  # no written form left: the gazetteer's name, cited by every article
        return [{"toponym": place["name"], "citations": _citations(rows)}]
    return [{"toponym": form, "citations": citations.get(form, [])} for form in forms]


def _citations(rows: Iterable) -> list[dict]:
    seen, cited = set(), []
    for row in rows:
        label = row.title if not _missing(row.title) and str(row.title).strip() else row.doc
        url = None if _missing(row.url) or not str(row.url).strip() else str(row.url)
        if (label, url) in seen:
            continue
        seen.add((label, url))
        cited.append({"label": str(label)} | ({"@id": url} if url else {}))
    return cited


def _lpf_types(feature: str) -> list[dict]:
    if feature not in _AAT_TYPES:
        return []
    identifier, label = _AAT_TYPES[feature]
    return [{"identifier": identifier, "label": label, "sourceLabels": [{"label": feature, "lang": "en"}]}]


def _passages(rows: list) -> list[dict]:
    """The sentences of one place's mentions, each once, its mentions as offsets into it."""
    sentences: dict[tuple, list] = {}
    for row in rows:
        sentences.setdefault((row.doc, int(row.excerpt_start), row.excerpt), []).append(row)
    passages = []
    for (doc, excerpt_start, excerpt), sentence in sorted(sentences.items(), key=lambda item: item[0]):
        spans = sorted({(int(r.start) - excerpt_start, int(r.end) - excerpt_start) for r in sentence})
        first = sentence[0]
        passages.append({
            "article": doc,
            "title": first.title,
            "date": first.date,
            "url": first.url,
            "text": excerpt,
            "mention": list(spans[0]),
            "mentions": [list(span) for span in spans],
        })
    return passages


def _by_place(mentions: pd.DataFrame) -> dict[str, list]:
    """The mentions of each place as rows (named tuples), in article and offset order; mentions without
    a place are left out.  Plain lists, since a pandas group per place costs milliseconds each, and an
    archive has tens of thousands of places."""
    placed = mentions[mentions["place_id"].notna()].sort_values(["doc", "start"], kind="stable")
    grouped: dict[str, list] = {}
    for row in placed.itertuples(index=False):
        grouped.setdefault(row.place_id, []).append(row)
    return grouped


def _point(lon, lat) -> dict | None:
    if _missing(lon) or _missing(lat):
        return None
    return {"type": "Point", "coordinates": [float(lon), float(lat)]}


def _csv_cell(value) -> object:
    if _missing(value):
        return ""
    if isinstance(value, (bool, np.bool_)):
        return bool(value)
    if isinstance(value, (int, float, np.integer, np.floating)):
        return value.item() if isinstance(value, np.generic) else value
    text = str(value)
    return "'" + text if text.startswith(_FORMULA_TRIGGERS) else text


def _plain(value):
    """``value`` with numpy scalars as Python numbers and NaN, NA and NaT as ``None``, recursively."""
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    if isinstance(value, (list, tuple, np.ndarray)):
        return [_plain(item) for item in value]
    if isinstance(value, np.generic):
        value = value.item()
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()
    return value


def _missing(value) -> bool:
    """``None``, NaN, ``pd.NA`` or ``pd.NaT``; never true of a list."""
    if value is None or value is pd.NA or value is pd.NaT:
        return True
    return isinstance(value, (float, np.floating)) and math.isnan(value)


def _missing_list(value) -> bool:
    return not isinstance(value, (list, tuple, np.ndarray)) and _missing(value)


def _unique(items: Iterable[str]) -> list[str]:
    return list(dict.fromkeys(items))


def _require(table: pd.DataFrame, columns: list[str], what: str) -> None:
    missing = [c for c in columns if c not in table.columns]
    if missing:
        raise GeoError(f"the {what} table lacks the columns {', '.join(missing)}: "
                       f"pass the table geo.views.queries returns, which has them.")


def dumps(collection: dict) -> str:
    """A JSON export as text: UTF-8 names kept readable, and no NaN, which JSON does not allow."""
    return json.dumps(collection, ensure_ascii=False, allow_nan=False)
