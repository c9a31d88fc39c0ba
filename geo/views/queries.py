"""What the app and the exports read from a workspace: only what the filters keep.

Each function is one query over the workspace's ``effective`` view (the
parser's mentions with the reader's corrections applied) and returns a pandas
table with fixed columns.  The map reads per-place aggregates; passages are
loaded for one place at a time, so the app stays quick at archive scale.
"""

from __future__ import annotations

import html
import json
import math
import re
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import TYPE_CHECKING
from urllib.parse import urlencode

import pandas as pd

from geo.gazetteer.index import FEATURES
from geo.views.passages import highlight
from geo.views.tables import PLACE_COLUMNS, counted
from geo.workspace.store import Workspace

if TYPE_CHECKING:
    import altair as alt

# The columns of :func:`mentions`, the input of geo.views.exports.
MENTION_VIEW_COLUMNS = [
    "doc", "title", "date", "url", "start", "end", "text", "kind", "place_id", "name", "lat", "lon",
    "country_code", "feature", "geonameid", "score", "corrected", "excerpt", "excerpt_start",
]
POPUP_PASSAGES = 3
_POPUP_WINDOW = 70  # characters either side of a mention in a popup


@dataclass(frozen=True)
class Filters:
    """What the reader narrowed the corpus to; the defaults keep everything.

    ``documents`` and ``features`` empty mean all; ``date_from``/``date_to``
    (inclusive) keep only articles with a date in the range; ``search``
    keeps places whose name or a name the texts use contains it;
    ``adjectives`` and ``organisations`` add the mentions that are options
    ("russische" for Russia, "University of Kansas").
    """

    documents: tuple[str, ...] = ()
    date_from: date | None = None
    date_to: date | None = None
    features: tuple[str, ...] = ()
    min_mentions: int = 1
    min_score: float = 0.0
    search: str = ""
    adjectives: bool = False
    organisations: bool = False

    def to_query(self) -> dict[str, str | list[str]]:
        """The filters that differ from the defaults, as URL query parameters, so a link opens the same view.

        Examples
        --------
        >>> Filters(features=("city",), min_mentions=2).to_query()
        {'type': ['city'], 'min': '2'}
        """
        query: dict[str, str | list[str]] = {}
        if self.documents:
            query["doc"] = list(self.documents)
        if self.date_from:
            query["from"] = self.date_from.isoformat()
        if self.date_to:
            query["to"] = self.date_to.isoformat()
        if self.features:
            query["type"] = list(self.features)
        if self.min_mentions > 1:
            query["min"] = str(self.min_mentions)
        if self.min_score > 0:
            query["conf"] = f"{self.min_score:g}"
        if self.search:
            query["q"] = self.search
        if self.adjectives:
            query["adj"] = "1"
        if self.organisations:
            query["org"] = "1"
        return query

    @classmethod
    def from_query(cls, query) -> Filters:
        """Filters from URL query parameters (``get_all(key)`` gives a key's values); a value that does
        not parse is ignored, so a mangled link still opens."""
        def one(key: str) -> str:
            values = query.get_all(key)
            return values[-1] if values else ""

        def parsed(key: str, parse, default):
            try:
                return parse(one(key)) if one(key) else default
            except ValueError:
                return default

        return cls(
            documents=tuple(query.get_all("doc")),
            date_from=parsed("from", date.fromisoformat, None),
            date_to=parsed("to", date.fromisoformat, None),
            features=tuple(f for f in query.get_all("type") if f in FEATURES),
            min_mentions=max(parsed("min", int, 1), 1),
            min_score=min(max(parsed("conf", float, 0.0), 0.0), 1.0),
            search=one("q"),
            adjectives=one("adj") == "1",
            organisations=one("org") == "1",
        )

    def where(self, *, placed: bool = True) -> tuple[str, list]:
        """The SQL condition on ``effective e`` joined with ``places p`` and ``documents d``;
        with ``placed=False``, on the names that have no place (and so no type or score) instead."""
        kinds = ["name", "part", "added"] + ["adjective"] * self.adjectives + ["organisation"] * self.organisations
        clauses = ["NOT e.rejected", "e.kind IN (SELECT unnest(?))"]
        params: list = [kinds]
        clauses.append("e.place_id IS NOT NULL AND e.score >= ?" if placed else "e.place_id IS NULL")
        params += [self.min_score] if placed else []
        if self.documents:
            clauses.append("e.doc IN (SELECT unnest(?))")
            params.append(list(self.documents))
        if placed and self.features and set(self.features) != set(FEATURES):
            clauses.append("p.feature IN (SELECT unnest(?))")
            params.append(list(self.features))
        if self.date_from:
            clauses.append("d.day >= ?")
            params.append(self.date_from)
        if self.date_to:
            clauses.append("d.day <= ?")
            params.append(self.date_to)
        return " AND ".join(clauses), params


_KEPT = """
    FROM effective e JOIN places p ON p.place_id = e.place_id JOIN documents d ON d.doc = e.doc
    WHERE {where}
"""


def _kept(filters: Filters, *, place_id: str | None = None, docs_of: str | None = None) -> tuple[str, list]:
    """The filtered mentions as a CTE ``kept``, with the place-level filters applied too.

    ``place_id`` keeps only that place's mentions, ``docs_of`` only the mentions in articles that
    mention that place: a panel reads a few thousand rows, not an archive's millions.  The place-level
    filters (minimum mentions, search) still count over everything the filters keep, and are left
    out when they keep every place.
    """
    where, params = filters.where()
    narrow, narrowed = "", []
    if place_id is not None:
        narrow, narrowed = narrow + " AND e.place_id = ?", [*narrowed, place_id]
    if docs_of is not None:
        narrow, narrowed = narrow + " AND e.doc IN (SELECT doc FROM effective WHERE place_id = ?)", [*narrowed, docs_of]
    kept = f"SELECT e.*, p.name, p.feature {_KEPT.format(where=where + narrow)}"
    search = filters.search.strip()
    if filters.min_mentions <= 1 and not search:
        return f"WITH kept AS ({kept})", [*params, *narrowed]
    sql = f"""
    WITH base AS (SELECT e.*, p.name, p.feature {_KEPT.format(where=where)}),
    place_ok AS (
        SELECT place_id FROM base GROUP BY place_id
        HAVING count(*) >= ? AND (? = '' OR bool_or(contains(lower(text), lower(?)))
                                         OR contains(lower(any_value(name)), lower(?)))
    ),
    kept AS ({kept} AND e.place_id IN (SELECT place_id FROM place_ok))
    """
    return sql, [*params, max(filters.min_mentions, 1), search, search, search, *params, *narrowed]


def places(workspace: Workspace, filters: Filters = Filters()) -> pd.DataFrame:
    """One row per place the filters keep, most mentioned first: :data:`geo.views.tables.PLACE_COLUMNS` plus
    ``corrected`` (a reader's correction placed some of its mentions) and ``score`` (mean confidence)."""
    kept, params = _kept(filters)
    sql = kept + """
    , forms AS (SELECT place_id, text, count(*) AS n FROM kept GROUP BY place_id, text)
    SELECT k.place_id, p.name, f.names, p.feature, p.country_code, p.lat, p.lon, p.geonameid,
           count(*) AS mentions, count(DISTINCT k.doc) AS articles,
           bool_or(k.corrected) AS corrected, avg(k.score) AS score
    FROM kept k JOIN places p ON p.place_id = k.place_id
    JOIN (SELECT place_id, list(text ORDER BY n DESC, text) AS names FROM forms GROUP BY place_id) f
      ON f.place_id = k.place_id
    GROUP BY k.place_id, p.name, f.names, p.feature, p.country_code, p.lat, p.lon, p.geonameid
    ORDER BY mentions DESC, p.name
    """
    with workspace.connect() as db:
        table = db.execute(sql, params).df()
    table["names"] = table["names"].map(list)
    return table.astype({"geonameid": "Int64", "mentions": "int64", "articles": "int64"})[
        [*PLACE_COLUMNS, "corrected", "score"]]


@dataclass(frozen=True)
class Counts:
    """How much of the corpus the filters keep."""

    articles: int
    places: int
    mentions: int
    total_articles: int

    def sentence(self) -> str:
        """ "5 of 5 articles · 31 places · 168 mentions" """
        return (f"{self.articles} of {counted(self.total_articles, 'article')} · {counted(self.places, 'place')} · "
                f"{counted(self.mentions, 'mention')}")


def counts(workspace: Workspace, filters: Filters = Filters()) -> Counts:
    """Articles, places and mentions the filters keep, and all articles."""
    kept, params = _kept(filters)
    with workspace.connect() as db:
        row = db.execute(kept + "SELECT count(DISTINCT doc), count(DISTINCT place_id), count(*) FROM kept",
                         params).fetchone()
        total = db.execute("SELECT count(*) FROM documents").fetchone()[0]
    return Counts(row[0], row[1], row[2], total)


LIST_LIMIT = 500  # the most entries a list in the app offers: an archive's lists are searched or cut


@dataclass(frozen=True)
class ArticleList:
    """The articles a list in the app offers (document id → title, in the corpus's order), of ``total``."""

    titles: dict[str, str]
    total: int


def article_list(workspace: Workspace, search: str = "", chosen: tuple[str, ...] | list[str] = (),
                 limit: int = LIST_LIMIT) -> ArticleList:
    """Every article of a corpus of up to ``limit``; in a larger one the ``chosen`` articles and at most
    ``limit`` whose title or file name contains ``search`` (any case).

    An archive's lists are searched because each list sends its titles to the browser with every page:
    100,000 titles in three lists were megabytes the next reader's page waited for.
    """
    order = "ORDER BY date NULLS LAST, doc"
    with workspace.connect() as db:
        total = db.execute("SELECT count(*) FROM documents").fetchone()[0]
        if total <= limit:
            rows = db.execute(f"SELECT doc, coalesce(title, doc) FROM documents {order}").fetchall()
        else:
            words = search.strip().lower()
            rows = db.execute(f"SELECT doc, coalesce(title, doc) FROM documents WHERE doc IN (SELECT unnest(?)) {order}",
                              [list(chosen)]).fetchall()
            rows += db.execute(
                f"SELECT doc, coalesce(title, doc) FROM documents WHERE contains(lower(coalesce(title, '')), ?) "
                f"OR contains(lower(doc), ?) {order} LIMIT ?", [words, words, limit]).fetchall()
    return ArticleList(dict(rows), total)


def mentions(workspace: Workspace, filters: Filters = Filters(), place_id: str | None = None) -> pd.DataFrame:
    """One row per mention the filters keep (all of one place if ``place_id``), columns
    :data:`MENTION_VIEW_COLUMNS`, in article and text order."""
    kept, params = _kept(filters, place_id=place_id)
    sql = kept + """
    SELECT k.doc, d.title, d.date, d.url, k.start, k."end", k.text, k.kind, k.place_id, p.name, p.lat, p.lon,
           p.country_code, p.feature, p.geonameid, k.score, k.corrected,
           substr(d.text, s.start + 1, s."end" - s.start) AS excerpt, s.start AS excerpt_start
    FROM kept k JOIN places p ON p.place_id = k.place_id JOIN documents d ON d.doc = k.doc
    LEFT JOIN sentences s ON s.doc = k.doc AND s.idx = k.sentence
    ORDER BY d.date NULLS LAST, k.doc, k.start
    """
    with workspace.connect() as db:
        table = db.execute(sql, params).df()
    return table.astype({"geonameid": "Int64"})[MENTION_VIEW_COLUMNS]


def articles(workspace: Workspace, filters: Filters = Filters()) -> pd.DataFrame:
    """The articles the filters keep: doc, title, date, url, mentions (of kept places), by date."""
    kept, params = _kept(filters)
    with workspace.connect() as db:
        return db.execute(kept + """
            SELECT k.doc, d.title, d.date, d.url, count(*) AS mentions
            FROM kept k JOIN documents d ON d.doc = k.doc
            GROUP BY k.doc, d.title, d.date, d.url ORDER BY d.date NULLS LAST, k.doc""", params).df()


def popup_passages(workspace: Workspace, filters: Filters = Filters(),
                   per_place: int = POPUP_PASSAGES) -> dict[str, list[tuple[str, str, str]]]:
    """The first passages of every kept place, short, as plain text ``(before, mention, after)``.

    They go into the map itself, so a click shows them at once, before the
    app has answered; the browser puts them on the page as text, never as
    HTML.  A passage cut short inside its sentence carries "…" at the cut.
    """
    kept, params = _kept(filters)
    sql = kept + f"""
    , ranked AS (
        SELECT k.*, row_number() OVER (PARTITION BY k.place_id ORDER BY d.date NULLS LAST, k.doc, k.start) AS n
        FROM kept k JOIN documents d ON d.doc = k.doc),
    windows AS (
        SELECT r.place_id, r.n, r.start, r."end", d.text, s.start AS s_start, s."end" AS s_end,
               greatest(r.start - {_POPUP_WINDOW}, s.start) AS w_start, least(r."end" + {_POPUP_WINDOW}, s."end") AS w_end
        FROM ranked r JOIN documents d ON d.doc = r.doc JOIN sentences s ON s.doc = r.doc AND s.idx = r.sentence
        WHERE r.n <= ?)
    SELECT place_id,
           CASE WHEN w_start > s_start THEN '…' ELSE '' END || substr(text, w_start + 1, start - w_start),
           substr(text, start + 1, "end" - start),
           substr(text, "end" + 1, w_end - "end") || CASE WHEN w_end < s_end THEN '…' ELSE '' END
    FROM windows ORDER BY place_id, n
    """
    passages: dict[str, list[tuple[str, str, str]]] = {}
    with workspace.connect() as db:
        for place_id, before, mention, after in db.execute(sql, [*params, per_place]).fetchall():
            passages.setdefault(place_id, []).append((before.lstrip(), mention, after.rstrip()))
    return passages


@dataclass(frozen=True)
class Passage:
    """A sentence that mentions a place, with one sentence of context either side, as safe HTML."""

    html: str
    start: int
    end: int
    mentions: tuple[tuple[int, int, str], ...] = field(default=())  # (start, end, text) of the place's mentions


@dataclass(frozen=True)
class ArticlePassages:
    """An article's passages about one place."""

    doc: str
    title: str
    date: str | None
    url: str | None
    passages: tuple[Passage, ...]


def passages(workspace: Workspace, place_id: str, filters: Filters = Filters(), *, offset: int = 0,
             limit: int | None = None) -> list[ArticlePassages]:
    """The passages that mention ``place_id``, grouped by article (dated articles first, by date):
    ``limit`` articles from the ``offset``-th on, or all of them.

    Mentions in neighbouring sentences share one passage, so no sentence
    is shown twice.  Only the page's articles are read: a capital of an
    archive is named in tens of thousands.
    """
    kept, params = _kept(filters, place_id=place_id)
    page = "" if limit is None else f"LIMIT {int(limit)}"
    sql = kept + f"""
    , page AS (SELECT k.doc, any_value(d.date) AS date FROM kept k JOIN documents d ON d.doc = k.doc
               GROUP BY k.doc ORDER BY date NULLS LAST, k.doc {page} OFFSET {int(offset)})
    SELECT k.doc, d.title, d.date, d.url, k.start, k."end", k.text
    FROM kept k JOIN page ON page.doc = k.doc JOIN documents d ON d.doc = k.doc
    ORDER BY d.date NULLS LAST, k.doc, k.start
    """
    with workspace.connect() as db:
        rows = db.execute(sql, params).df()
        if rows.empty:
            return []
        docs = rows["doc"].unique().tolist()
        sentences = db.execute(
            'SELECT doc, idx, start, "end" FROM sentences WHERE doc IN (SELECT unnest(?)) ORDER BY doc, idx',
            [docs]).df()
        texts = dict(db.execute("SELECT doc, text FROM documents WHERE doc IN (SELECT unnest(?))", [docs]).fetchall())
    by_doc = {doc: group for doc, group in sentences.groupby("doc", sort=False)}
    articles = []
    for doc, group in rows.groupby("doc", sort=False):
        spans = list(zip(group["start"], group["end"], group["text"]))
        windows = _windows(by_doc.get(doc), spans)
        text = texts[doc]
        built = []
        for start, end in windows:
            inside = [(s - start, e - start) for s, e, _ in spans if start <= s < end]
            built.append(Passage(highlight(text[start:end], inside), start, end,
                                 tuple((s, e, t) for s, e, t in spans if start <= s < end)))
        first = group.iloc[0]
        articles.append(ArticlePassages(doc, first["title"], _or_none(first["date"]), _or_none(first["url"]),
                                        tuple(built)))
    return articles


def _windows(sentences: pd.DataFrame | None, spans: list[tuple[int, int, str]]) -> list[tuple[int, int]]:
    """The passage ranges: each mention's sentence with one either side, overlapping ones merged."""
    if sentences is None or sentences.empty:
        return [(s, e) for s, e, _ in spans]
    starts, ends = sentences["start"].tolist(), sentences["end"].tolist()
    windows: list[tuple[int, int]] = []
    for start, end, _ in spans:
        index = max((i for i, s in enumerate(starts) if s <= start), default=0)
        window = (starts[max(index - 1, 0)], ends[min(index + 1, len(ends) - 1)])
        if windows and window[0] <= windows[-1][1]:
            windows[-1] = (windows[-1][0], max(windows[-1][1], window[1]))
        else:
            windows.append(window)
    return windows


def co_mentioned(workspace: Workspace, place_id: str, filters: Filters = Filters(), limit: int = 10) -> pd.DataFrame:
    """The places mentioned most often together with ``place_id``: place_id, name, feature,
    sentences (how many sentences name both), articles (how many articles)."""
    kept, params = _kept(filters, docs_of=place_id)
    sql = kept + """
    , mine AS (SELECT DISTINCT doc, sentence FROM kept WHERE place_id = ?)
    SELECT k.place_id, any_value(k.name) AS name, any_value(k.feature) AS feature,
           count(DISTINCT CASE WHEN m.sentence = k.sentence THEN k.doc || ':' || k.sentence END) AS sentences,
           count(DISTINCT k.doc) AS articles
    FROM kept k JOIN (SELECT DISTINCT doc FROM mine) md ON md.doc = k.doc
    LEFT JOIN mine m ON m.doc = k.doc AND m.sentence = k.sentence
    WHERE k.place_id <> ?
    GROUP BY k.place_id ORDER BY sentences DESC, articles DESC, name LIMIT ?
    """
    with workspace.connect() as db:
        return db.execute(sql, [*params, place_id, place_id, limit]).df()


def timeline(workspace: Workspace, filters: Filters = Filters()) -> pd.DataFrame:
    """Mentions per article date (``day``: the first day of a partial date), for dated articles."""
    kept, params = _kept(filters)
    with workspace.connect() as db:
        return db.execute(kept + """
            SELECT d.day, count(*) AS mentions, count(DISTINCT k.doc) AS articles
            FROM kept k JOIN documents d ON d.doc = k.doc WHERE d.day IS NOT NULL
            GROUP BY d.day ORDER BY d.day""", params).df()


TIMELINE_SELECTION = "dates"


def timeline_chart(table: pd.DataFrame) -> alt.Chart:
    """Bars of mentions per date; dragging across them selects a date range (see :func:`selected_dates`).

    The days go to the browser as dates alone ("2022-01-05"), which it reads as UTC midnight, on a UTC
    scale: a date and time would be the reader's local midnight, and a reader east of Greenwich who
    drags up to the last bar would lose its day.  Altair is imported here, not with the module: it
    takes a third of a second, which the app's first page would otherwise wait for before its map."""
    import altair as alt

    days = table.assign(day=[day.strftime("%Y-%m-%d") for day in table["day"]])
    return (
        alt.Chart(days, height=130)
        .mark_bar()
        .encode(x=alt.X("day:T", title=None, scale=alt.Scale(type="utc")), y=alt.Y("mentions:Q", title="mentions"),
                tooltip=[alt.Tooltip("day:T", title="date", format="%Y-%m-%d", formatType="utc"),
                         "mentions:Q", "articles:Q"])
        .add_params(alt.selection_interval(name=TIMELINE_SELECTION, encodings=["x"]))
    )


def selected_dates(selection: dict) -> tuple[date, date] | None:
    """The days whose bars a drag across :func:`timeline_chart` covers, or ``None`` when it covers none.

    Vega-Lite reports a time interval as two epoch milliseconds; each bar stands at its day's UTC
    midnight, so a drag that starts in the evening of the 5th begins with the 6th.

    Examples
    --------
    >>> selected_dates({"dates": {"day": [1641340800000, 1641772800000]}})
    (datetime.date(2022, 1, 5), datetime.date(2022, 1, 10))
    >>> selected_dates({"dates": {"day": [1641380000000, 1641400000000]}}) is None  # between two bars
    True
    """
    bounds = (selection or {}).get(TIMELINE_SELECTION, {}).get("day")
    if not bounds or len(bounds) != 2:
        return None
    start, end = sorted(ms / _DAY_MS for ms in bounds)
    first, last = math.ceil(start - _EDGE_DAYS), math.floor(end + _EDGE_DAYS)
    return (_EPOCH + timedelta(days=first), _EPOCH + timedelta(days=last)) if first <= last else None


_DAY_MS = 86_400_000
_EDGE_DAYS = 1e-6  # a bound a tenth of a second from midnight, as a drag clamped at the last bar reports it, is on it
_EPOCH = date(1970, 1, 1)


def within_dates(picked, bounds: tuple[date, date]):
    """A picked date range (or the one date picked so far) moved inside the workspace's ``bounds``: a
    drag beyond the timeline's last bar, a link from a larger corpus or a removed article would
    otherwise ask the date filter for a day it does not offer.  A range that misses the bounds keeps
    them all.

    Examples
    --------
    >>> within_dates((date(2022, 3, 4), date(2022, 3, 9)), (date(2022, 3, 5), date(2022, 3, 7)))
    (datetime.date(2022, 3, 5), datetime.date(2022, 3, 7))
    """
    if not isinstance(picked, (tuple, list)):
        return picked
    first, last = bounds
    if len(picked) == 2 and (picked[0] > last or picked[1] < first):
        return bounds
    return tuple(min(max(day, first), last) for day in picked)


def date_range(workspace: Workspace) -> tuple[date, date] | None:
    """The first and last article date of the workspace, or ``None`` when no article has one."""
    with workspace.connect() as db:
        first, last = db.execute("SELECT min(day), max(day) FROM documents").fetchone()
    return (first, last) if first else None


def unplaced(workspace: Workspace, filters: Filters = Filters()) -> pd.DataFrame:
    """Names recognised as places that have no place yet: text, doc, title, occurrences, first start/end."""
    where, params = filters.where(placed=False)
    with workspace.connect() as db:
        return db.execute(f"""
            SELECT e.text, e.doc, any_value(d.title) AS title, count(*) AS occurrences,
                   min(e.start) AS start, arg_min(e."end", e.start) AS "end"
            FROM effective e JOIN documents d ON d.doc = e.doc
            WHERE {where}
            GROUP BY e.text, e.doc ORDER BY occurrences DESC, e.text""", params).df()


def article_html(workspace: Workspace, doc_id: str, selected: str | None, link) -> str:
    """The whole article as safe HTML, paragraphs kept, every placed mention a link.

    ``link(place_id)`` gives the URL that selects a place; the mentions of
    ``selected`` are also marked.
    """
    document = workspace.document(doc_id)
    with workspace.connect() as db:
        spans = db.execute(
            'SELECT e.start, e."end", e.place_id, p.name FROM effective e JOIN places p ON p.place_id = e.place_id '
            "WHERE e.doc = ? AND NOT e.rejected AND e.kind IN ('name', 'part', 'added') ORDER BY e.start",
            [doc_id]).fetchall()
    pieces, cursor = [], 0
    for start, end, place_id, name in spans:
        if start < cursor:
            continue
        surface = html.escape(document.text[start:end])
        if place_id == selected:
            surface = f"<mark>{surface}</mark>"
        pieces += [html.escape(document.text[cursor:start]),
                   f'<a class="place" href="{html.escape(link(place_id))}" target="_self" '
                   f'title="{html.escape(name)}">{surface}</a>']
        cursor = end
    pieces.append(html.escape(document.text[cursor:]))
    paragraphs = [p.strip() for p in "".join(pieces).split("\n\n") if p.strip()]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)


def mention_candidates(workspace: Workspace, doc: str, start: int) -> list[dict]:
    """The parser's top five places for the mention at ``start`` in ``doc``, best first, with their scores."""
    with workspace.connect() as db:
        row = db.execute("SELECT candidates FROM mentions WHERE doc = ? AND start = ? ORDER BY id LIMIT 1",
                         [doc, start]).fetchone()
    return json.loads(row[0]) if row and row[0] else []


def place_label(name: str, feature: str, country_code: str | None, population: int | None = None,
                score: float | None = None) -> str:
    """ "Almaty · city · KZ · 1,977,011 people · 93 %": enough to tell namesakes apart."""
    parts = [name, feature, country_code or "", f"{population:,} people" if population else "",
             f"{score:.0%}" if score is not None else ""]
    return " · ".join(p for p in parts if p)


def view_from_query(query) -> tuple[list[float], int] | None:
    """The map view a link carries (``lat``, ``lon``, ``z``), or ``None``."""
    try:
        lat, lon, zoom = float(query.get("lat")), float(query.get("lon")), int(query.get("z"))
    except (TypeError, ValueError):
        return None
    return ([lat, lon], zoom) if -90 <= lat <= 90 and -180 <= lon <= 180 and 0 <= zoom <= 19 else None


def view_to_query(center: dict, zoom: int) -> dict[str, str]:
    """The map view as query parameters, rounded so that a link stays short."""
    return {"lat": f"{center['lat']:.4f}", "lon": f"{center['lng']:.4f}", "z": str(int(zoom))}


def link_query(query, place_id: str) -> str:
    """The query string of the current view (``get_all(key)`` gives a key's values) with ``place_id``
    selected, for the links in the article view."""
    return urlencode({**{key: query.get_all(key) for key in query}, "place": place_id}, doseq=True)


def share_url(base: str | None, query) -> str:
    """The address that opens this view: the app's address (``None`` where the server cannot tell
    it; then the query string alone, which opens the view relative to the app) and the view's query."""
    base = (base or "").split("?", 1)[0]
    values = {key: query.get_all(key) for key in query}
    return f"{base}?{urlencode(values, doseq=True)}" if values else base


_ASCII_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def markdown_text(text: str) -> str:
    """Text from a document made inert for ``st.markdown``: every ASCII punctuation mark is
    backslash-escaped (CommonMark allows it for all of them), so no link, image, heading, HTML tag,
    entity, ``:emoji:`` or ``$math$`` survives.

    Examples
    --------
    >>> print(markdown_text("# [x](javascript:y) &amp;"))
    \\# \\[x\\]\\(javascript\\:y\\) \\&amp\\;
    """
    return _ASCII_PUNCTUATION.sub(r"\\\1", text or "")


def correction_sentence(row) -> str:
    """A correction as a reader would say it: "24.11. 11:02 — “Aktau” everywhere: Aktau (Karaganda) → Aktau"."""
    where = {"mention": "this mention of", "article": "in one article:", "everywhere": "everywhere:"}[row.scope]
    what = {
        "place": f"{_name(row.previous_name)} → {_name(row.place_name)}",
        "not_place": f"{_name(row.previous_name)} → not a place",
        "add": f"added as {_name(row.place_name)}",
    }[row.action]
    title = f" ({row.title})" if isinstance(row.title, str) and row.scope != "everywhere" else ""
    undone = " — undone" if row.undone_at is not None and row.undone_at == row.undone_at else ""
    return f"{row.created_at:%Y-%m-%d %H:%M} — {where} “{row.text}”{title}: {what}{undone}"


def _name(value) -> str:
    return value if isinstance(value, str) else "no place"


def _or_none(value):
    return None if value is None or (isinstance(value, float) and value != value) else value
