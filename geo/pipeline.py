"""The whole pipeline in one call: documents in, resolved mentions out."""

from __future__ import annotations

from collections.abc import Iterable

from geo.documents import Document
from geo.gazetteer import Gazetteer
from geo.languages import detect_language
from geo.resolve import ResolvedMention, resolve_mentions
from geo.toponyms import recognize_toponyms


def extract_places(
    documents: Iterable[Document],
    gazetteer: Gazetteer,
    *,
    language: str | None = None,
    include_adjectives: bool = False,
    include_organisations: bool = False,
) -> list[ResolvedMention]:
    """Recognise and resolve the places of every document, in document order.

    ``language`` (ISO 639-1) applies to every document; ``None`` detects each
    document's own.  The options are those of
    :func:`geo.toponyms.recognize_toponyms`.

    Examples
    --------
    >>> resolved = extract_places(load_documents(["seeds"]), Gazetteer.load())  # doctest: +SKIP
    >>> mentions_table(resolved).head()  # doctest: +SKIP
    """
    resolved: list[ResolvedMention] = []
    for document in documents:
        mentions = recognize_toponyms(
            document,
            gazetteer,
            language=language or detect_language(document.text),
            include_adjectives=include_adjectives,
            include_organisations=include_organisations,
        )
        resolved.extend(resolve_mentions(mentions, gazetteer))
    return resolved
