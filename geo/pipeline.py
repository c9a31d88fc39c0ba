"""The whole pipeline in one call: documents in, resolved mentions out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from geo.documents import Document
from geo.gazetteer import Gazetteer
from geo.languages import detect_language
from geo.resolve import ResolvedMention, resolve_mentions
from geo.toponyms import Mention, recognize_toponyms


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
    return [r for resolved, _ in analyse_all(documents, gazetteer, language=language,
                                             include_adjectives=include_adjectives,
                                             include_organisations=include_organisations) for r in resolved]


def analyse_all(documents: Iterable[Document], gazetteer: Gazetteer, *, language: str | None = None,
                **options) -> Iterator[tuple[list[ResolvedMention], list[Mention]]]:
    """:func:`analyse` for each document in turn: its resolved mentions and its unplaced names."""
    for document in documents:
        yield analyse(document, gazetteer, language=language, **options)


def analyse(document: Document, gazetteer: Gazetteer, *, language: str | None = None,
            **options) -> tuple[list[ResolvedMention], list[Mention]]:
    """One document's resolved mentions, and the recognised names the gazetteer does not know.

    The second list matters to evaluation (a street the gazetteer lacks is
    still a place name recognised) and to a reader fixing resolutions.  A
    name the resolver judged not to be a place here ("Tass", a village far
    from the story) is in neither.
    """
    mentions = recognize_toponyms(document, gazetteer, language=language or detect_language(document.text), **options)
    resolved = resolve_mentions(mentions, gazetteer)
    placed = {id(r.mention) for r in resolved}
    return resolved, [m for m in mentions if id(m) not in placed and (m.tagged or not gazetteer.candidates(m.query))]
