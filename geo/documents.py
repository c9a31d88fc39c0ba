"""Documents: the texts a reader drops in, with their id, title and date.

Character offsets everywhere in :mod:`geo` are offsets into :attr:`Document.text`,
the file's full text as read with UTF-8, so ``text[start:end]`` is what the
article says, date header included.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from geo.errors import GeoError

# Seed articles start with " date 2022-01 " before the lead sentence.
_DATE_HEADER = re.compile(r"^\s*date\s+(\d{4}(?:-\d{2}){0,2})\s+")
_FIRST_SENTENCE = re.compile(r"^(.+?[.!?])(?:\s|$)")
_TITLE_MAX = 140


@dataclass(frozen=True)
class Document:
    """One article: ``id`` is the file name, ``text`` the file's full text.

    ``body_start`` is where the article begins after a date header;
    ``source`` is the file it came from (several articles share one file in a
    CSV or JSON Lines export, so it is not always ``id``), ``url`` where the
    article was published, if known; ``encoding`` the one its bytes were
    decoded with (offsets index the decoded text).
    """

    id: str
    title: str
    date: str | None
    text: str
    body_start: int = 0
    source: str | None = None
    url: str | None = None
    encoding: str | None = None


class DocumentError(GeoError, ValueError):
    """A document could not be read (missing, not UTF-8, not a text file)."""


def parse_document(doc_id: str, text: str) -> Document:
    """Build a :class:`Document` from raw text, keeping the text untouched.

    The title is the first sentence of the first line that reads like a
    headline (four words or more), so breadcrumbs such as "1. Startseite" are
    skipped; the date comes from a leading ``date YYYY-MM`` header.

    Examples
    --------
    >>> parse_document("a.txt", " date 2022-01 Die Lage ist ruhig. Mehr.").date
    '2022-01'
    """
    header = _DATE_HEADER.match(text)
    date = header.group(1) if header else None
    body_start = header.end() if header else 0
    return Document(id=doc_id, title=_title(text[body_start:]) or doc_id, date=date, text=text, body_start=body_start)


def _title(body: str) -> str:
    for line in body.splitlines():
        line = line.strip()
        if len(line.split()) >= 4:
            sentence = _FIRST_SENTENCE.match(line)
            title = sentence.group(1) if sentence else line
            return title if len(title) <= _TITLE_MAX else title[: _TITLE_MAX - 1] + "…"
    return ""


def read_document(path: Path) -> Document:
    """Read one UTF-8 text file; raise :class:`DocumentError` with a clear message."""
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file; check the path.") from None
    except UnicodeDecodeError as exc:
        raise DocumentError(
            f"{path}: not UTF-8 text (byte {exc.start}); save it as UTF-8 and try again."
        ) from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror}).") from None
    return parse_document(path.name, text)


def load_documents(paths: list[Path] | list[str]) -> list[Document]:
    """Read files and folders of ``.txt`` files, folders sorted by file name.

    Examples
    --------
    >>> docs = load_documents(["seeds"])  # doctest: +SKIP
    """
    documents = []
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(path.glob("*.txt"))
            if not files:
                raise DocumentError(f"{path}: folder holds no .txt files.")
            documents.extend(read_document(file) for file in files)
        else:
            documents.append(read_document(path))
    return documents
