"""Streamlit map explorer: ``streamlit run app.py`` (from the project folder).

Only wiring: every computation lives in ``geo/``.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
from streamlit_folium import st_folium

from geo.documents import Document, load_documents
from geo.errors import GeoError
from geo.gazetteer import Gazetteer
from geo.maps import build_map, place_id_from_tooltip
from geo.passages import article_html, passages_for
from geo.pipeline import extract_places
from geo.sources import load_or_build
from geo.tables import mentions_table, place_row, places_table

SEEDS = Path(__file__).resolve().parent / "seeds"

st.set_page_config(page_title="Places in the news", page_icon="🗺️", layout="wide")


@st.cache_resource(show_spinner="Opening the gazetteer…")
def gazetteer() -> Gazetteer:
    return load_or_build()


@st.cache_data(show_spinner="Finding places…")
def process(folder: str, include_adjectives: bool, include_organisations: bool):
    documents = load_documents([folder])
    resolved = extract_places(documents, gazetteer(), include_adjectives=include_adjectives,
                              include_organisations=include_organisations)
    return {d.id: d for d in documents}, mentions_table(resolved)


def show_passages(place: dict, mentions, documents: dict[str, Document]) -> None:
    st.subheader(place["name"])
    st.caption(f"{place['mentions']} mentions in {place['articles']} articles · written as: {', '.join(place['names'])}")
    for article in passages_for(mentions, place["place_id"], documents):
        st.markdown(f"**{article.title}**")
        st.caption(" · ".join(filter(None, [article.date, article.doc_id])))
        for passage in article.passages:
            st.markdown(f'<blockquote class="passage">{passage}</blockquote>', unsafe_allow_html=True)
        with st.expander("Read the whole article"):
            st.markdown(article_html(documents[article.doc_id], mentions, place["place_id"]), unsafe_allow_html=True)


st.title("Places in the news")
if not st.get_option("server.enableStaticServing"):
    st.error("The map's scripts are served from static/: start the app from the project folder with `streamlit run app.py`.")
    st.stop()

with st.sidebar:
    st.header("Articles")
    include_adjectives = st.checkbox("Count country adjectives (“russische” → Russia)", value=False)
    include_organisations = st.checkbox("Count places in organisation names (“University of Kansas”)", value=False)
try:
    documents, mentions = process(str(SEEDS), include_adjectives, include_organisations)
except GeoError as error:
    st.error(str(error))
    st.stop()
places = places_table(mentions)
with st.sidebar:
    st.write(f"{len(documents)} articles · {len(places)} places · {len(mentions)} mentions")
    for document in documents.values():
        st.caption(f"{document.date or '—'} · {document.title}")

map_column, passage_column = st.columns([3, 2])
with map_column:
    clicked = st_folium(
        build_map(places),
        height=560,
        use_container_width=True,
        returned_objects=["last_object_clicked_tooltip"],
        key="map",
    )
clicked_id = place_id_from_tooltip((clicked or {}).get("last_object_clicked_tooltip"))
if clicked_id:
    st.query_params["place"] = clicked_id
chosen = place_row(places, st.query_params.get("place"))
with passage_column:
    if chosen is None:
        st.info("Click a circle on the map to read the passages that mention the place.")
    else:
        show_passages(chosen, mentions, documents)

st.subheader("All places")
st.dataframe(
    places[["name", "names", "feature", "country_code", "mentions", "articles"]],
    hide_index=True,
    use_container_width=True,
)
