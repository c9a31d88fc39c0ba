"""pandas tables at the edge of the pipeline, one function a table, fixed columns.

The CLI, the map builder and the app read these tables, never the dataclasses,
so each column's name and order is a contract (see ``python -m geo extract``).
"""

from __future__ import annotations

import pandas as pd

from geo.resolution.resolve import ResolvedMention
from geo.recognition.toponyms import Mention

# The keys of `python -m geo extract --format jsonl`, in order: keep stable.
MENTION_COLUMNS = [
    "doc", "start", "end", "text", "name", "lat", "lon", "country_code",
    "feature", "geonameid", "score", "excerpt", "candidates",
]
# Extra columns the app needs; not part of the CLI output.
_MENTION_EXTRAS = ["place_id", "excerpt_start"]
PLACE_COLUMNS = [
    "place_id", "name", "names", "feature", "country_code", "lat", "lon",
    "geonameid", "mentions", "articles",
]


def mention_rows(resolved: list[ResolvedMention], unplaced: list[Mention] = ()) -> list[dict]:
    """The rows of :func:`mentions_table` as plain dicts, in the same order: what ``python -m geo extract``
    writes as JSON Lines, a document at a time, without a DataFrame in the way."""
    rows = [
        {
            "doc": r.mention.doc_id,
            "start": r.mention.start,
            "end": r.mention.end,
            "text": r.mention.text,
            "name": r.place.name,
            "lat": r.place.lat,
            "lon": r.place.lon,
            "country_code": r.place.country_code or None,
            "feature": r.place.feature,
            "geonameid": r.place.geonameid,
            "score": r.score,
            "excerpt": r.mention.sentence.text,
            "candidates": [
                {
                    "id": c.place.id,
                    "name": c.place.name,
                    "country_code": c.place.country_code or None,
                    "feature": c.place.feature,
                    "population": c.place.population,
                    "score": c.score,
                }
                for c in r.candidates
            ],
            "place_id": r.place.id,
            "excerpt_start": r.mention.sentence.start,
        }
        for r in resolved
    ]
    rows += [
        {"doc": m.doc_id, "start": m.start, "end": m.end, "text": m.text, "name": None, "lat": None, "lon": None,
         "country_code": None, "feature": None, "geonameid": None, "score": None, "excerpt": m.sentence.text,
         "candidates": [], "place_id": None, "excerpt_start": m.sentence.start}
        for m in unplaced
    ]
    if unplaced:
        order = {doc: i for i, doc in enumerate(dict.fromkeys(row["doc"] for row in rows))}
        rows.sort(key=lambda row: (order[row["doc"]], row["start"]))
    return rows


def mentions_table(resolved: list[ResolvedMention], unplaced: list[Mention] = ()) -> pd.DataFrame:
    """One row per resolved mention, columns :data:`MENTION_COLUMNS` plus ``place_id``.

    ``excerpt`` is the sentence around the mention and ``excerpt_start`` its
    offset, so ``start - excerpt_start`` indexes the mention in the excerpt.
    ``unplaced`` names (recognised as places, not resolved: a street, a village
    the gazetteer lacks) get rows of their own with no place, in text order
    among the others, so a reader can place them.
    """
    table = pd.DataFrame(mention_rows(resolved, unplaced), columns=MENTION_COLUMNS + _MENTION_EXTRAS)
    return table.astype({"geonameid": "Int64", "start": "int64", "end": "int64", "excerpt_start": "int64"})


def places_table(mentions: pd.DataFrame) -> pd.DataFrame:
    """One row per place: how often and in how many articles it is mentioned.

    ``names`` lists the forms the texts use, most frequent first
    ("Nur-Sultan" for Astana), so the map can show the text's own name.
    Sorted by mentions, most first.
    """
    if mentions.empty:
        return pd.DataFrame(columns=PLACE_COLUMNS)
    grouped = mentions.groupby("place_id", sort=False)
    places = grouped.agg(
        name=("name", "first"),
        feature=("feature", "first"),
        country_code=("country_code", "first"),
        lat=("lat", "first"),
        lon=("lon", "first"),
        geonameid=("geonameid", "first"),
        mentions=("doc", "size"),
        articles=("doc", "nunique"),
        names=("text", lambda texts: list(texts.value_counts().index)),
    ).reset_index()
    return places.sort_values(["mentions", "name"], ascending=[False, True], ignore_index=True)[PLACE_COLUMNS]


def places_geojson(places: pd.DataFrame) -> dict:
    """A GeoJSON FeatureCollection, one Point feature per place with its counts."""
    features = [
        {
            "type": "Feature",
            "geometry": {"type": "Point", "coordinates": [row.lon, row.lat]},
            "properties": {
                "name": row.name,
                "names": list(row.names),
                "feature": row.feature,
                "country_code": row.country_code,
                "geonameid": None if pd.isna(row.geonameid) else int(row.geonameid),
                "mentions": int(row.mentions),
                "articles": int(row.articles),
            },
        }
        for row in places.itertuples(index=False)
    ]
    return {"type": "FeatureCollection", "features": features}


def counted(number: int, noun: str) -> str:
    """ "1 mention", "12 mentions": a count with its noun (English plurals in -s).

    Examples
    --------
    >>> counted(1, "article"), counted(3, "sentence")
    ('1 article', '3 sentences')
    """
    return f"{number} {noun}{'' if number == 1 else 's'}"


def place_row(places: pd.DataFrame, place_id: str | None) -> dict | None:
    """The row of ``places`` for ``place_id`` as a dict, or ``None`` if there is none."""
    rows = places[places["place_id"] == place_id]
    return rows.iloc[0].to_dict() if len(rows) else None
