"""The whole pipeline in one call: documents in, resolved mentions out."""

from __future__ import annotations

from collections.abc import Iterable

from geo.documents import Document
from geo.gazetteer import Gazetteer
from geo.resolve import ResolvedMention, resolve_mentions
from geo.toponyms import recognize_toponyms


def extract_places(
    documents: Iterable[Document],
    gazetteer: Gazetteer,
    *,
    language: str = "de",
    include_adjectives: bool = False,
) -> list[ResolvedMention]:
    """Recognise and resolve the places of every document, in document order.

    Examples
    --------
    >>> resolved = extract_places(load_documents(["seeds"]), Gazetteer.load())  # doctest: +SKIP
    >>> mentions_table(resolved).head()  # doctest: +SKIP
    """
    resolved: list[ResolvedMention] = []
    for document in documents:
        mentions = recognize_toponyms(document, gazetteer, language=language, include_adjectives=include_adjectives)
        resolved.extend(resolve_mentions(mentions, gazetteer))
    return resolved
