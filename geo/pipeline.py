"""The whole pipeline in one call: documents in, resolved mentions out."""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import replace

from geo.documents import Document
from geo.gazetteer.index import Gazetteer
from geo.recognition.languages import detect_language
from geo.resolution.resolve import ResolvedMention, resolve_mentions
from geo.recognition.toponyms import Mention, recognize_toponyms


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
    :func:`geo.recognition.toponyms.recognize_toponyms`.

    Examples
    --------
    >>> resolved = extract_places(load_documents(["seeds"]), Gazetteer.load())  # doctest: +SKIP
    >>> mentions_table(resolved).head()  # doctest: +SKIP
    """
    return [r for resolved, _ in analyse_all(documents, gazetteer, language=language,
                                             include_adjectives=include_adjectives,
                                             include_organisations=include_organisations) for r in resolved]


PART_CHARACTERS = 100_000  # a longer text (a dump of many articles) is read a part at a time


def analyse_all(documents: Iterable[Document], gazetteer: Gazetteer, *, language: str | None = None,
                **options) -> Iterator[tuple[list[ResolvedMention], list[Mention]]]:
    """:func:`analyse` for each document in turn, a long one a part at a time (:func:`analyse_parts`):
    resolved mentions and unplaced names, in text order, never more than a part's at once."""
    for document in documents:
        yield from analyse_parts(document, gazetteer, language=language, **options)


def analyse(document: Document, gazetteer: Gazetteer, *, language: str | None = None,
            **options) -> tuple[list[ResolvedMention], list[Mention]]:
    """One document's resolved mentions, and the recognised names the gazetteer does not know.

    The second list matters to evaluation (a street the gazetteer lacks is
    still a place name recognised) and to a reader fixing resolutions.  A
    name the resolver judged not to be a place here ("Tass", a village far
    from the story) is in neither.
    """
    resolved, unplaced = [], []
    for placed, names in analyse_parts(document, gazetteer, language=language, **options):
        resolved += placed
        unplaced += names
    return resolved, unplaced


def analyse_parts(document: Document, gazetteer: Gazetteer, *, language: str | None = None,
                  **options) -> Iterator[tuple[list[ResolvedMention], list[Mention]]]:
    """:func:`analyse`, one part of the text at a time, offsets still into the whole text.

    A text longer than :data:`PART_CHARACTERS` is cut at paragraph breaks
    (else line breaks, else spaces): the words, tags and candidates of a
    17 MB dump would otherwise all be held at once.  Each part is resolved
    with its own context, as a dump's articles are stories of their own.
    """
    if len(document.text) - document.body_start <= PART_CHARACTERS:
        yield _analyse_text(document, gazetteer, language, options)
        return
    for start, end in text_parts(document.text, document.body_start, PART_CHARACTERS):
        part = replace(document, text=document.text[start:end], body_start=0)
        resolved, unplaced = _analyse_text(part, gazetteer, language, options)
        yield ([replace(r, mention=_shifted(r.mention, start)) for r in resolved],
               [_shifted(m, start) for m in unplaced])


def text_parts(text: str, start: int = 0, size: int = PART_CHARACTERS) -> Iterator[tuple[int, int]]:
    """``(start, end)`` of consecutive parts of ``text[start:]``, each at most ``size`` long, cut
    where a paragraph, else a line, else a word ends (in the part's second half)."""
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            for separator in ("\n\n", "\n", " "):
                cut = text.rfind(separator, start + size // 2, end)
                if cut != -1:
                    end = cut + len(separator)
                    break
        yield start, end
        start = end


def _shifted(mention: Mention, offset: int) -> Mention:
    sentence = replace(mention.sentence, start=mention.sentence.start + offset, end=mention.sentence.end + offset)
    return replace(mention, start=mention.start + offset, end=mention.end + offset, sentence=sentence)


def _analyse_text(document: Document, gazetteer: Gazetteer, language: str | None,
                  options: dict) -> tuple[list[ResolvedMention], list[Mention]]:
    wanted = dict(options)
    adjectives = wanted.pop("include_adjectives", False)
    # Country adjectives say which country a story is in ("French police in Chamonix") even when they
    # are not to be reported, so they are always read and given to the resolver as context.
    mentions = recognize_toponyms(document, gazetteer, language=language or detect_language(document.text),
                                  include_adjectives=True, **wanted)
    resolved = resolve_mentions(mentions, gazetteer)
    if not adjectives:
        mentions = [m for m in mentions if m.kind != "adjective"]
        resolved = [r for r in resolved if r.mention.kind != "adjective"]
    placed = {id(r.mention) for r in resolved}
    # Names known to be places that no candidate fits: tagged ones, unknown ones, and "the Guadalupe River"
    # where the gazetteer has only far-off towns of the name.
    return resolved, [m for m in mentions if id(m) not in placed
                      and (m.tagged or m.only_feature or not gazetteer.candidates(m.query))]
