"""External benchmark corpora, read into documents and gold mentions.

The field measures geoparsers on a few public corpora; reading them here lets
``python -m geo evaluate`` put our figures beside published ones:

- GermEval 2014 (German NER, CoNLL-style TSV): one document a sentence, the
  tokens joined by single spaces; the outer ``LOC`` spans are gold,
  ``LOCderiv``/``LOCpart`` spans are optional (neither right nor wrong).
- LGL and TR-News (English news, XML with character offsets and GeoNames
  coordinates).  TR-News has offsets shifted by a few characters; each span
  is re-aligned on its phrase near the given offset.

The corpora live outside the repository (``../shared/eval/``, see
:data:`EVAL_DIR`); a user's clone may not have them, so readers raise
:class:`CorpusError` with what to do.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zlib
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path

from geo.documents import Document
from geo.errors import GeoError
from geo.evaluation.scores import GoldMention

EVAL_DIR = Path(__file__).resolve().parents[3] / "shared" / "eval"
SPLITS = ("dev", "test", "all")  # "all": the whole corpus, as published figures are
_REALIGN_WINDOW = 40


class CorpusError(GeoError, FileNotFoundError):
    """A benchmark corpus is missing or malformed."""


@dataclass(frozen=True)
class Corpus:
    """Documents with their gold mentions, the language they are written in, and
    whether its guidelines count demonyms and places inside organisation names."""

    name: str
    language: str
    documents: list[Document]
    gold: list[GoldMention]
    demonyms: bool = False
    organisations: bool = False


def read_germeval(path: Path) -> Corpus:
    """Read a GermEval 2014 TSV file: each sentence becomes a document."""
    documents: list[Document] = []
    gold: list[GoldMention] = []
    for document, spans in germeval_spans(path):
        documents.append(document)
        gold.extend(
            _gold(document.id, start, end, document.text[start:end], optional=label != "LOC")
            for start, end, label in spans
            if label.startswith("LOC")
        )
    return Corpus("germeval", "de", documents, gold)


def germeval_spans(path: Path) -> list[tuple[Document, list[tuple[int, int, str]]]]:
    """Each GermEval sentence as a document with all its outer entity spans (``LOC``, ``PERderiv``…)."""
    result = []
    for number, rows in enumerate(_germeval_sentences(_read_text(path))):
        offsets, position = [], 0
        for token, _ in rows:
            offsets.append((position, position + len(token)))
            position += len(token) + 1
        document = Document(id=f"{path.stem}:{number}", title="", date=None, text=" ".join(token for token, _ in rows))
        spans = [(offsets[first][0], offsets[last][1], label) for first, last, label in _iob_spans([t for _, t in rows])]
        result.append((document, spans))
    return result


def _germeval_sentences(text: str) -> list[list[tuple[str, str]]]:
    sentences: list[list[tuple[str, str]]] = []
    current: list[tuple[str, str]] = []
    for line in text.splitlines():
        if line.startswith("#") and "\t" in line and not current:
            continue
        fields = line.split("\t")
        if len(fields) >= 3:
            current.append((fields[1], fields[2]))
        elif current:
            sentences.append(current)
            current = []
    if current:
        sentences.append(current)
    return sentences


def _iob_spans(tags: list[str]) -> list[tuple[int, int, str]]:
    """``(first, last, label)`` token spans of IOB2 tags."""
    spans: list[tuple[int, int, str]] = []
    for index, tag in enumerate(tags):
        if tag.startswith("B-") or (tag.startswith("I-") and (not spans or spans[-1][1] != index - 1 or spans[-1][2] != tag[2:])):
            spans.append((index, index, tag[2:]))
        elif tag.startswith("I-"):
            first, _, label = spans[-1]
            spans[-1] = (first, index, label)
    return spans


def read_geoparsing_xml(path: Path, name: str) -> Corpus:
    """Read LGL or TR-News: ``<article docid>`` with ``<text>`` and ``<toponym>`` offsets."""
    try:
        root = ET.fromstring(_read_text(path))
    except ET.ParseError as exc:
        raise CorpusError(f"{path}: not valid XML ({exc}); restore the file from its source.") from None
    documents, gold = [], []
    for article in root.iter("article"):
        doc_id = article.get("docid", "")
        text = article.findtext("text") or ""
        documents.append(Document(id=doc_id, title=article.findtext("title") or "", date=None, text=text))
        for toponym in article.iter("toponym"):
            phrase = toponym.findtext("phrase") or ""
            start = _realign(text, phrase, int(toponym.findtext("start") or 0))
            tag = toponym.find("gaztag")
            lat = lon = geonameid = None
            if tag is not None and tag.findtext("lat"):
                lat, lon = float(tag.findtext("lat")), float(tag.findtext("lon"))
                geonameid = int(tag.get("geonameid") or 0) or None
            gold.append(_gold(doc_id, start, start + len(phrase), phrase, lat=lat, lon=lon, geonameid=geonameid))
    return Corpus(name, "en", documents, gold, demonyms=True, organisations=True)


def _realign(text: str, phrase: str, start: int) -> int:
    """The offset of ``phrase`` nearest ``start`` (TR-News offsets drift by a few characters)."""
    if text[start : start + len(phrase)] == phrase:
        return start
    low = max(0, start - _REALIGN_WINDOW)
    found = [i for i in _occurrences(text, phrase, low, start + _REALIGN_WINDOW + len(phrase))]
    return min(found, key=lambda i: abs(i - start)) if found else start


def _occurrences(text: str, phrase: str, low: int, high: int) -> list[int]:
    found, index = [], text.find(phrase, low, high)
    while index >= 0:
        found.append(index)
        index = text.find(phrase, index + 1, high)
    return found


def _gold(doc_id: str, start: int, end: int, text: str, *, optional: bool = False,
          lat: float | None = None, lon: float | None = None, geonameid: int | None = None) -> GoldMention:
    return GoldMention(doc_id, start, end, text, optional, "", "", lat, lon, geonameid)


def split(corpus: Corpus, part: str) -> Corpus:
    """The fixed half of a corpus without its own dev split, chosen by a hash of the article id.

    ``dev`` is for tuning, ``test`` for reporting; the halves never change.  ``all`` is the whole.
    """
    if part == "all":
        return corpus
    keep = {d.id for d in corpus.documents if (zlib.crc32(d.id.encode()) % 2 == 0) == (part == "dev")}
    return replace(corpus, documents=[d for d in corpus.documents if d.id in keep], gold=[g for g in corpus.gold if g.doc in keep])


def _read_text(path: Path) -> str:
    try:
        return path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise CorpusError(
            f"{path}: benchmark file not found; the evaluation corpora live in ../shared/eval/ beside the "
            "repository (see docs/evaluation.md), or pass --eval-dir."
        ) from None


def load_corpus(name: str, part: str, eval_dir: Path = EVAL_DIR) -> Corpus:
    """One of :data:`CORPORA` by name, its ``dev`` or ``test`` part, or ``all`` of it."""
    return CORPORA[name](eval_dir, part)


def _germeval(eval_dir: Path, part: str) -> Corpus:
    if part == "all":
        raise CorpusError("GermEval 2014 is reported by its own dev and test files, not as a whole: "
                          "the German tagger is trained on dev. Use --split test.")
    return read_germeval(eval_dir / "germeval2014" / f"NER-de-{part}.tsv")


def _lgl(eval_dir: Path, part: str) -> Corpus:
    return split(read_geoparsing_xml(eval_dir / "lgl" / "lgl.xml", "lgl"), part)


def _trnews(eval_dir: Path, part: str) -> Corpus:
    return split(read_geoparsing_xml(eval_dir / "tr-news" / "TR-News.xml", "trnews"), part)


CORPORA: dict[str, Callable[[Path, str], Corpus]] = {"germeval": _germeval, "lgl": _lgl, "trnews": _trnews}
