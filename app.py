"""Streamlit map explorer: ``streamlit run app.py`` (from the project folder).

Only wiring: every computation lives in ``geo/``.  The app reads a workspace
(``data/workspace.duckdb``; the ``workspace`` setting in
``.streamlit/secrets.toml`` or ``GEO_WORKSPACE`` chooses another) and fills an
empty one with the bundled seed articles.
"""

from __future__ import annotations

from functools import partial
from pathlib import Path

import streamlit as st

from geo.views import queries
from geo.errors import GeoError
from geo.gazetteer.index import FEATURE_LABELS, FEATURES, Gazetteer
from geo.workspace.readers import SUPPORTED_SUFFIXES, read_bytes, read_paths
from geo.gazetteer.sources import load_or_build
from geo.views.tables import counted, place_row
from geo.views.queries import Filters
from geo.settings import Settings
from geo.workspace.store import Correction, Workspace

SEEDS = Path(__file__).resolve().parent / "seeds"
ARTICLES_PER_PAGE = 5
TABLE_ROWS = 1_000
MAP_DRAWN = "map_drawn"  # session state: the browser has drawn the map once
FILTER_KEYS = ("f_docs", "f_dates", "f_types", "f_min", "f_conf", "f_search", "f_adj", "f_org")

st.set_page_config(page_title="Places in the news", page_icon="🗺️", layout="wide")
st.markdown("""<style>
blockquote.passage, blockquote.popup-passage {margin: .3em 0; padding: .2em .8em; border-left: 3px solid #bbb}
div.article a.place {color: inherit; text-decoration: none; background: #dbe9f6; border-radius: 3px; padding: 0 2px}
div.article a.place mark {background: #ffe066}
</style>""", unsafe_allow_html=True)


@st.cache_resource(show_spinner="Opening the gazetteer…")
def gazetteer() -> Gazetteer:
    return load_or_build()


def settings() -> Settings:
    """The deployment's settings: ``.streamlit/secrets.toml``, then the environment (see geo.settings)."""
    try:
        secrets = dict(st.secrets)
    except FileNotFoundError:
        secrets = {}
    return Settings.load(secrets)


def may_edit(chosen: Settings) -> bool:
    """On a read-only dashboard, the editor password (in the sidebar) unlocks editing for this session."""
    if chosen.read_only:
        st.sidebar.caption("Read-only dashboard: filter, read and export; editing needs the editor password.")
        if chosen.editor_password:
            entered = st.sidebar.text_input("Editor password", type="password", key="editor_password")
            if entered and not chosen.may_edit(entered):
                st.sidebar.error("That is not the editor password.")
    return chosen.may_edit(st.session_state.get("editor_password"))


@st.cache_resource(show_spinner="Opening the workspace and adding the seed articles…")
def open_workspace(path: str) -> Workspace:
    workspace = Workspace(path)
    if workspace.is_empty():
        workspace.add(read_paths([SEEDS]), gazetteer())
    return workspace


@st.cache_data(show_spinner=False, max_entries=32)
def read_places(path: str, revision: int, filters: Filters):
    """The places the filters keep, their circles as the map draws them (with the popups' passages), and
    the counts: what every reader of these filters needs first, made once per workspace revision."""
    from geo.views.maps import place_rows

    workspace = Workspace(path)
    places = queries.places(workspace, filters)
    return places, place_rows(places, queries.popup_passages(workspace, filters)), queries.counts(workspace, filters)


def place_link(place_id: str) -> str:
    return "?" + queries.link_query(st.query_params, place_id)


def select(place_id: str | None) -> None:
    st.session_state.place = place_id


def pick_dates() -> None:
    picked = queries.selected_dates(st.session_state.timeline.selection)
    if picked:
        st.session_state.f_dates = picked


def load_link_state() -> None:
    """On a session's first run, the URL's filters, place and map view become the widgets' state."""
    if "place" in st.session_state:
        return
    query = st.query_params
    linked = Filters.from_query(query)
    st.session_state.place = query.get("place")
    st.session_state.link_filters = linked
    st.session_state.link_view = queries.view_from_query(query)
    st.session_state.clicks = 0
    st.session_state.update({
        "f_docs": list(linked.documents), "f_types": list(linked.features), "f_min": linked.min_mentions,
        "f_conf": linked.min_score, "f_search": linked.search, "f_adj": linked.adjectives,
        "f_org": linked.organisations,
    })
    if linked.date_from and linked.date_to:
        st.session_state.f_dates = (linked.date_from, linked.date_to)


def current_filters(workspace: Workspace) -> Filters:
    """The sidebar's filters as the reader left them, read before the sidebar is drawn: the map, the
    page's slowest part, is then on its way to the browser before the sidebar's widgets."""
    state = st.session_state
    dates = queries.date_range(workspace)
    date_from = date_to = None
    if dates:
        if state.get("f_dates") in (None, state.get("f_dates_range")):
            state.f_dates = dates  # not narrowed by the reader: it follows the corpus as it grows
        state.f_dates_range = dates
        picked = state.f_dates = queries.within_dates(state.f_dates, dates)
        if isinstance(picked, (tuple, list)) and len(picked) == 2 and tuple(picked) != tuple(dates):
            date_from, date_to = picked
    return Filters(tuple(state.f_docs), date_from, date_to, tuple(state.f_types), int(state.f_min),
                   float(state.f_conf), state.f_search, state.f_adj, state.f_org)


def article_options(workspace: Workspace, key: str, chosen) -> dict[str, str]:
    """The articles the list ``key`` offers (document id → title); in an archive, a search box above the
    list narrows it (see queries.article_list), and the articles already chosen stay in it."""
    found = queries.article_list(workspace, st.session_state.get(f"{key}-find", ""), [c for c in chosen if c],
                               limit=queries.LIST_LIMIT)
    if found.total > queries.LIST_LIMIT:
        st.text_input(f"Find among {found.total:,} articles", key=f"{key}-find",
                      placeholder="A word of the title or the file name")
    return found.titles


def sidebar_filters(workspace: Workspace) -> None:
    """The filter widgets, holding the state :func:`current_filters` read."""
    titles = article_options(workspace, "f_docs", st.session_state.get("f_docs", []))
    st.multiselect("Articles", list(titles), format_func=lambda d: titles.get(d, d), key="f_docs",
                   placeholder="All articles")
    dates = st.session_state.get("f_dates_range")
    if dates:
        st.date_input("Article dates", min_value=dates[0], max_value=dates[1], key="f_dates")
    st.multiselect("Place types", list(FEATURES), format_func=FEATURE_LABELS.get, key="f_types",
                   placeholder="All types")
    st.number_input("Minimum mentions", min_value=1, step=1, key="f_min")
    st.slider("Minimum confidence", 0.0, 1.0, step=0.05, key="f_conf")
    st.text_input("Search place names", key="f_search", placeholder="e.g. Alma")
    st.checkbox("Count country adjectives (“russische” → Russia)", key="f_adj")
    st.checkbox("Count places in organisation names (“University of Kansas”)", key="f_org")


def manage_articles(workspace: Workspace, current: Settings) -> None:
    with st.sidebar.expander("Remove articles"):
        remove_articles(workspace)
    with st.sidebar.expander("Add articles"):
        files = st.file_uploader(
            "Articles: " + ", ".join(SUPPORTED_SUFFIXES) + " (CSV and JSON Lines: one article per row, a text column)",
            type=[s.lstrip(".") for s in SUPPORTED_SUFFIXES], accept_multiple_files=True, key="uploads")
        if "upload_report" in st.session_state:  # from the run that added them, before the map showed them
            summary, errors = st.session_state.pop("upload_report")
            st.success(summary)
            for message in errors:
                st.error(queries.markdown_text(message))
        if not files or not st.button("Add to the workspace", type="primary"):
            return
        allowance = st.session_state.setdefault("allowance", current.upload_allowance())
        taken, refused = allowance.take([(file.name, file.size) for file in files])
        items = [item for file in files if file.name in taken for item in read_upload(file.name, file.getvalue())]
        bar = st.progress(0.0, text="Finding places…")
        done = []

        def advance(item) -> None:
            done.append(item)
            bar.progress(len(done) / len(items), text=f"Finding places… {len(done)} of {len(items)}")

        report = workspace.add(items, gazetteer(), progress=advance)
        st.session_state.upload_report = (report.summary(), refused + report.errors)
        st.rerun()


def remove_articles(workspace: Workspace) -> None:
    titles = article_options(workspace, "remove-docs", st.session_state.get("remove-docs", []))
    doomed = st.multiselect("Articles to remove", list(titles), format_func=lambda d: titles.get(d, d), key="remove-docs",
                            placeholder="Choose articles to remove")
    if doomed and st.button(f"Remove {counted(len(doomed), 'article')}", key="remove-apply"):
        workspace.remove(doomed)
        st.session_state.pop("remove-docs")
        st.rerun()


def read_upload(name: str, data: bytes) -> list:
    try:
        return read_bytes(name, data)
    except GeoError as error:
        return [error]


@st.fragment
def explorer(workspace: Workspace, places, rows, counts, filters: Filters, editing: bool) -> None:
    """The map and the panel beside it.  A fragment: a click on a circle, a pan or a zoom reruns these
    two, not the whole page (the sidebar, the table, the lists), so a dashboard keeps answering when
    many read it at once."""
    with workspace.connect():
        took_click()
        map_column, panel_column = st.columns([3, 2])
        with map_column:
            show_map(places, rows, counts, filters)
        selected = place_row(places, st.session_state.place)
        if selected:
            st.query_params["place"] = selected["place_id"]
        elif "place" in st.query_params:
            del st.query_params["place"]
        with panel_column:
            if selected is None:
                st.info("Click a circle on the map, or a row of the table below, to read the passages that "
                        "mention the place.")
            else:
                show_place(workspace, selected, filters, editing)
            # In a popover: the code block's highlighter, loaded with the page, delayed the map by half a second.
            with st.popover("Copy link", help="A link to this view: the filters, the place and the map position"):
                st.code(queries.share_url(st.context.url, st.query_params), language=None)


def show_map(places, rows, counts, filters: Filters) -> None:
    """The map, which keeps its view in the URL.

    Folium and streamlit-folium are imported here, not at the top: they take most of a second, and on a
    session's first run the browser loads the sidebar's widgets meanwhile."""
    from streamlit_folium import st_folium

    from geo.views.maps import build_map

    st.caption(counts.sentence())
    if places.empty:
        st.info("No place matches the filters: widen them in the sidebar.")
    link_view = st.session_state.link_view if filters == st.session_state.link_filters else None
    result = st_folium(
        build_map(places, rows, view=link_view),
        height=560,
        use_container_width=True,
        returned_objects=["last_object_clicked_tooltip", "last_object_clicked_count", "center", "zoom"],
        key="map",
    ) or {}
    if result.get("center") and result.get("zoom"):
        st.query_params.update(queries.view_to_query(result["center"], result["zoom"]))
    if result.get("center") and not st.session_state.get(MAP_DRAWN):
        # The map has drawn and reports its view (the default value has no centre): now the sidebar, the
        # table and the lists.  Sent with the map, they kept the browser busy while it started the map.
        st.session_state[MAP_DRAWN] = True
        st.rerun()


def took_click() -> None:
    """If the map's latest value is a new click on a circle, select its place.

    A redrawn map (other filters) starts its click count again with no tooltip: that is no click."""
    from geo.views.maps import place_id_from_tooltip

    value = st.session_state.get("map") or {}
    clicks = value.get("last_object_clicked_count") or 0
    if clicks != st.session_state.clicks:
        st.session_state.clicks = clicks
        place_id = place_id_from_tooltip(value.get("last_object_clicked_tooltip"))
        if place_id is not None:
            select(place_id)


def show_place(workspace: Workspace, place: dict, filters: Filters, editing: bool) -> None:
    st.subheader(place["name"])
    st.caption(f"{counted(place['mentions'], 'mention')} in {counted(place['articles'], 'article')} · "
               f"written as: {queries.markdown_text(', '.join(place['names']))}"
               + (" · corrected" if place["corrected"] else ""))
    st.button("Clear selection", on_click=select, args=(None,), key="clear")
    together = queries.co_mentioned(workspace, place["place_id"], filters, limit=8)
    if len(together):
        st.markdown("**Mentioned together with**")
        columns = st.columns(2)
        for i, row in enumerate(together.itertuples(index=False)):
            label = f"{row.name} · {counted(row.sentences, 'sentence')}, {counted(row.articles, 'article')}"
            columns[i % 2].button(label, key=f"with-{row.place_id}", type="tertiary", on_click=select,
                                  args=(row.place_id,))
    pages = max(1, -(-int(place["articles"]) // ARTICLES_PER_PAGE))
    page = st.number_input(f"Page (of {pages})", 1, pages, key=f"page-{place['place_id']}") if pages > 1 else 1
    articles = queries.passages(workspace, place["place_id"], filters, offset=(page - 1) * ARTICLES_PER_PAGE,
                              limit=ARTICLES_PER_PAGE)
    for article in articles:
        st.markdown(f"**{queries.markdown_text(article.title)}**")
        st.caption(queries.markdown_text(" · ".join(filter(None, [article.date, article.doc, article.url]))))
        for passage in article.passages:
            st.html(f'<blockquote class="passage">{passage.html}</blockquote>')  # HTML only: no Markdown
        if st.toggle("Read the article", key=f"read-{article.doc}"):  # built only when asked for
            st.html(f'<div class="article">{queries.article_html(workspace, article.doc, place["place_id"], place_link)}</div>')
    if editing:
        correction_form(workspace, place, articles)


def form_section(label: str, key: str):
    """An expander holding a form, its open state kept on the server: a reader's click that lands while
    the rerun of their previous one is still drawing must not find the form rebuilt closed."""
    return st.expander(label, key=key, on_change="rerun")


def correction_form(workspace: Workspace, place: dict, articles) -> None:
    with form_section("Correct this place", "fix-open"):
        mentions = [(a, m) for a in articles for p in a.passages for m in p.mentions]
        if not mentions:
            return
        article, (start, end, text) = st.selectbox(
            "Which mention", mentions, key="fix-mention", help="A mention in the articles this page of passages shows",
            format_func=lambda am: f"“{am[1][2]}” in {am[0].title} (at {am[1][0]})")
        scope = st.radio("Correct", ["mention", "article", "everywhere"], horizontal=True, key="fix-scope",
                         format_func=lambda s: {"mention": "only this mention", "article": f"“{text}” in this article",
                                                "everywhere": f"“{text}” everywhere"}[s])
        ready, target = choose_place(workspace, queries.mention_candidates(workspace, article.doc, start), "fix")
        if st.button("Apply the correction", key="fix-apply", type="primary", disabled=not ready):
            apply(workspace, Correction(scope, "place" if target else "not_place", text, target,
                                        None if scope == "everywhere" else article.doc,
                                        start if scope == "mention" else None, end if scope == "mention" else None))


def apply(workspace: Workspace, correction: Correction) -> None:
    """Store a correction and show the place it chose."""
    workspace.correct(correction)
    select(correction.place.id if correction.place else None)
    st.rerun()


def choose_place(workspace: Workspace, candidates: list[dict], key: str, *, not_a_place: bool = True):
    """(chosen, place): a candidate, a place found in the gazetteer, or ``None`` for "not a place";
    ``chosen`` is false while the reader is still searching."""
    options = [c["id"] for c in candidates] + ["search"] + ["none"] * not_a_place
    labels = {c["id"]: queries.place_label(c["name"], c["feature"], c["country_code"], c["population"], c["score"])
              for c in candidates}
    labels.update(search="another place: search the gazetteer…", none="not a place")
    choice = st.radio("It is", options, format_func=labels.get, key=f"{key}-choice")
    if choice == "none":
        return True, None
    if choice != "search":
        return True, workspace.place(choice)
    query = st.text_input("Search the gazetteer", key=f"{key}-search", placeholder="at least 2 letters")
    found = gazetteer().search(query) if len(query.strip()) >= 2 else []
    if not found:
        st.caption("No place by that name yet: type at least two letters of it." if query.strip() else
                   "Type the place's name.")
        return False, None
    return True, st.selectbox("Place", found, key=f"{key}-found", format_func=lambda p: queries.place_label(
        p.name, p.feature, p.country_code, p.population))


def missing_names(workspace: Workspace, filters: Filters) -> None:
    unplaced = queries.unplaced(workspace, filters)
    with form_section(f"Names not placed yet ({len(unplaced)})", "unplaced-open"):
        if unplaced.empty:
            st.caption("Every name the parser recognised has a place.")
        else:
            if len(unplaced) > queries.LIST_LIMIT:  # an archive's: the list goes to the browser with every page
                st.caption(f"The {queries.LIST_LIMIT:,} names found most often; the filters narrow the list.")
            index = st.selectbox("Name", range(min(len(unplaced), queries.LIST_LIMIT)), key="unplaced-name",
                                 format_func=lambda i: f"“{unplaced.text[i]}” in {unplaced.title[i]} ({unplaced.occurrences[i]}×)")
            row = unplaced.iloc[index]
            scope = st.radio("Place it", ["article", "everywhere"], horizontal=True, key="unplaced-scope",
                             format_func=lambda s: "in this article" if s == "article" else "everywhere")
            ready, target = choose_place(workspace, [], "unplaced")
            if st.button("Place it", key="unplaced-apply", type="primary", disabled=not ready):
                apply(workspace, Correction(scope, "place" if target else "not_place", row.text, target,
                                            row.doc if scope == "article" else None))
    with form_section("Add a name the parser missed", "add-open"):
        titles = article_options(workspace, "add-doc", [st.session_state.get("add-doc")])
        doc = st.selectbox("Article", list(titles), key="add-doc", format_func=lambda d: titles.get(d, d))
        name = st.text_input("The name as the article writes it", key="add-name")
        scope = st.radio("Where", ["article", "everywhere"], horizontal=True, key="add-scope",
                         format_func=lambda s: "in this article" if s == "article" else "in every article")
        ready, target = choose_place(workspace, [], "add", not_a_place=False) if name.strip() else (False, None)
        if st.button("Add the name", key="add-apply", type="primary", disabled=not ready):
            apply(workspace, Correction(scope, "add", name.strip(), target, doc))


def corrections_list(workspace: Workspace, editing: bool) -> None:
    corrections = workspace.corrections()
    with st.expander(f"Corrections ({len(corrections)})"):
        if corrections.empty:
            st.caption("No corrections yet: select a place and open “Correct this place”.")
        for row in corrections.itertuples(index=False):
            columns = st.columns([5, 1])
            columns[0].markdown(queries.markdown_text(queries.correction_sentence(row)))
            if editing and (row.undone_at is None or row.undone_at != row.undone_at):
                columns[1].button("Undo", key=f"undo-{row.id}", on_click=workspace.undo, args=(int(row.id),))


def places_table(places) -> None:
    """The places as a table linked to the map: selecting a row selects the place.  The most mentioned
    first, and no more than ``TABLE_ROWS``: the browser builds the table while it starts the map, and
    10,000 rows held the map back by half a second."""
    st.subheader("Places")
    shown = places.head(TABLE_ROWS)
    if len(places) > TABLE_ROWS:
        st.caption(f"The {TABLE_ROWS:,} most mentioned of {len(places):,} places: narrow the filters or search a "
                   "name in the sidebar to list the others; the exports hold them all.")
    table = st.dataframe(
        shown[["name", "names", "feature", "country_code", "mentions", "articles", "score", "corrected"]],
        hide_index=True, width="stretch", on_select="rerun", selection_mode="single-row", key="places-table")
    rows = table.selection.rows if table else []
    if not rows:  # deselected: picking the same row again must select its place again
        st.session_state.pop("table-row", None)
    elif st.session_state.get("table-row") != rows[0]:
        st.session_state["table-row"] = rows[0]
        select(shown.place_id.iloc[rows[0]])
        st.rerun()


def export_buttons(workspace: Workspace, filters: Filters) -> None:
    """Downloads of what the filters show, each made when its button is clicked (an archive's GeoJSON
    takes seconds: the page should not wait for files nobody asked for)."""
    from geo.views.exports import FORMATS

    with st.expander("Export what the map shows"):
        for kind, form in FORMATS.items():
            st.download_button(form.label, partial(export_file, workspace, filters, kind), form.file_name, form.mime,
                               on_click="ignore", key=f"export-{kind}")


def export_file(workspace: Workspace, filters: Filters, kind: str) -> bytes:
    from geo.views import exports

    with workspace.connect():
        return exports.export(workspace, filters, kind).encode("utf-8")


def explore(workspace: Workspace, current: Settings) -> None:
    """One run of the page, on one open connection to the workspace."""
    load_link_state()
    path = str(workspace.path)
    filters = current_filters(workspace)
    editing = may_edit(current)
    revision = workspace.revision()
    places, rows, counts = read_places(path, revision, filters)
    st.query_params.clear()
    st.query_params.update(filters.to_query())

    explorer(workspace, places, rows, counts, filters, editing)
    st.sidebar.header("Filters")  # on a session's first run too: the map keeps its place when the rest comes
    if not st.session_state.get(MAP_DRAWN):
        return  # a session's first run sends the map alone; the rest follows when it has drawn (show_map)
    with st.sidebar:
        sidebar_filters(workspace)
        st.caption(counts.sentence())
    if editing:
        manage_articles(workspace, current)
    timeline = queries.timeline(workspace, filters)
    if len(timeline) > 1:
        with st.expander("Timeline: mentions per article date"):
            st.caption("Drag across the bars to keep only that range.")
            st.altair_chart(queries.timeline_chart(timeline), width="stretch", key="timeline",
                            on_select=pick_dates, selection_mode=queries.TIMELINE_SELECTION)

    places_table(places)
    if editing:
        missing_names(workspace, filters)
    corrections_list(workspace, editing)
    export_buttons(workspace, filters)



st.title("Places in the news")
if not st.get_option("server.enableStaticServing"):
    st.error("The map's scripts are served from static/: start the app from the project folder with `streamlit run app.py`.")
    st.stop()
try:
    current = settings()
    workspace = open_workspace(str(current.workspace))
except GeoError as error:
    st.error(queries.markdown_text(str(error)))
    st.stop()
if workspace.recovery_note():
    st.warning(queries.markdown_text(workspace.recovery_note()))
with workspace.connect():
    explore(workspace, current)
