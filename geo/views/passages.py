"""The evidence view: passages that mention a place, with the mention marked.

All document text is HTML-escaped here, and only the ``<mark>`` tags this
module adds are markup, so a passage is safe to render as HTML.
"""

from __future__ import annotations

import html
from dataclasses import dataclass

import pandas as pd

from geo.documents import Document


@dataclass(frozen=True)
class ArticlePassages:
    """The passages of one article that mention a place, as safe HTML."""

    doc_id: str
    title: str
    date: str | None
    passages: tuple[str, ...]


def highlight(text: str, spans: list[tuple[int, int]]) -> str:
    """Escape ``text`` and wrap each ``(start, end)`` span in ``<mark>``.

    Examples
    --------
    >>> highlight("In <b>Almaty</b>", [(7, 13)])
    'In &lt;b&gt;<mark>Almaty</mark>&lt;/b&gt;'
    """
    pieces = []
    cursor = 0
    for start, end in sorted(spans):
        if start < cursor:
            continue
        pieces += [html.escape(text[cursor:start]), "<mark>", html.escape(text[start:end]), "</mark>"]
        cursor = end
    pieces.append(html.escape(text[cursor:]))
    return "".join(pieces)


def passages_for(mentions: pd.DataFrame, place_id: str, documents: dict[str, Document]) -> list[ArticlePassages]:
    """Every sentence that mentions ``place_id``, grouped by article in document order."""
    rows = mentions[mentions["place_id"] == place_id]
    articles = []
    for doc_id, doc_rows in rows.groupby("doc", sort=True):
        document = documents[doc_id]
        passages = []
        for (excerpt_start, excerpt), sentence_rows in doc_rows.groupby(["excerpt_start", "excerpt"], sort=True):
            spans = [(s - excerpt_start, e - excerpt_start) for s, e in zip(sentence_rows["start"], sentence_rows["end"])]
            passages.append(highlight(excerpt, spans))
        articles.append(ArticlePassages(doc_id, document.title, document.date, tuple(passages)))
    return articles


def article_html(document: Document, mentions: pd.DataFrame, place_id: str) -> str:
    """The whole article as safe HTML, paragraphs kept, this place's mentions marked."""
    rows = mentions[(mentions["doc"] == document.id) & (mentions["place_id"] == place_id)]
    marked = highlight(document.text, list(zip(rows["start"], rows["end"])))
    paragraphs = [p.strip() for p in marked.split("\n\n") if p.strip()]
    return "".join(f"<p>{p.replace(chr(10), '<br>')}</p>" for p in paragraphs)
