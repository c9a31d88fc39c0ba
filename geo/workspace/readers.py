"""Readers: the files a reader drops in, as documents.

Plain text and Markdown are read as they are; an HTML page gives its
article's text (scripts, styles, navigation and forms dropped, one blank line
between blocks); a PDF its text layer; a CSV or JSON Lines export of a news
archive one document per row (a ``text`` column; ``title``, ``date``,
``url`` where present).  A file that cannot be read is one
:class:`~geo.documents.DocumentError` whose message names the file, says
what is wrong and what to do; :func:`read_paths` yields it in place of the
file's documents so that a batch goes on.
"""

from __future__ import annotations

import codecs
import csv
import io
import json
import os
import re
from collections.abc import Iterable, Iterator
from dataclasses import replace
from html.parser import HTMLParser
from pathlib import Path

from charset_normalizer import from_bytes

from geo.documents import Document, DocumentError, parse_document

SUPPORTED_SUFFIXES = (".txt", ".md", ".html", ".htm", ".pdf", ".csv", ".jsonl")
_TEXT_COLUMNS = ("text", "body", "content", "article")
_TITLE_COLUMNS = ("title", "headline")
_DATE_COLUMNS = ("date", "published", "published_at", "pubdate")
_ISO_DATE = re.compile(r"^(\d{4}-\d{2}(?:-\d{2})?)")
_SKIPPED_TAGS = frozenset("script style noscript nav header footer aside form template svg button select".split())
_BLOCK_TAGS = frozenset(
    "p div article section main h1 h2 h3 h4 h5 h6 li ul ol blockquote pre table tr td th figcaption br hr dd dt".split())
_SPACES = re.compile(r"[ \t\r\f\v\u00a0]+")
_BYTE_ORDER_MARKS = ((codecs.BOM_UTF8, "utf-8"), (codecs.BOM_UTF16_LE, "utf-16-le"), (codecs.BOM_UTF16_BE, "utf-16-be"))
_ARCHIVES = frozenset(".zip .gz .tgz .tar .bz2 .xz .7z .rar".split())
_ARCHIVE_MAGIC = (b"PK\x03\x04", b"\x1f\x8b", b"7z\xbc\xaf", b"Rar!")


def max_file_bytes() -> int:
    """The largest file a reader may add: ``$GEO_MAX_FILE_MB`` megabytes, 50 by default."""
    try:
        return int(float(os.environ.get("GEO_MAX_FILE_MB", "50")) * 2**20)
    except ValueError:
        return 50 * 2**20


def read_bytes(name: str, data: bytes, *, max_bytes: int | None = None) -> list[Document]:
    """The documents in one file, given its name and content (an upload).

    Examples
    --------
    >>> [d.title for d in read_bytes("a.txt", "Proteste in Almaty halten an.".encode())]
    ['Proteste in Almaty halten an.']
    """
    suffix = Path(name).suffix.lower()
    limit = max_file_bytes() if max_bytes is None else max_bytes
    if suffix in _ARCHIVES or data.startswith(_ARCHIVE_MAGIC):
        raise DocumentError(f"{name}: is an archive; unpack it and add the files inside.")
    if suffix not in SUPPORTED_SUFFIXES:
        kind = f"a {suffix} file" if suffix else "a file without an ending"
        raise DocumentError(f"{name}: is {kind}; the app reads .txt, .md, .html, .pdf, .csv and .jsonl files.")
    if len(data) > limit:
        raise DocumentError(f"{name}: is {len(data) / 2**20:.0f} MB, more than the {limit / 2**20:.0f} MB a file may "
                            "have; split it, or raise the limit with GEO_MAX_FILE_MB.")
    if not data.strip():
        raise DocumentError(f"{name}: the file is empty; choose the file that holds the article.")
    if suffix == ".pdf":
        return [replace(parse_document(name, _pdf_text(name, data)), source=name)]
    text, encoding = _decode(name, data)
    if suffix in (".html", ".htm"):
        documents = [_html_document(name, text)]
    elif suffix == ".csv":
        documents = _table_documents(name, _csv_rows(name, text))
    elif suffix == ".jsonl":
        documents = _table_documents(name, _jsonl_rows(name, text))
    else:
        documents = [replace(parse_document(name, text), source=name)]
    return [replace(d, encoding=encoding) for d in documents]


def read_path(path: Path) -> list[Document]:
    """The documents in one file on disk."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise DocumentError(f"{path}: no such file; check the path.") from None
    except OSError as exc:
        raise DocumentError(f"{path}: cannot be read ({exc.strerror}).") from None
    return read_bytes(Path(path).name, data)


def read_paths(paths: Iterable[Path | str]) -> Iterator[Document | DocumentError]:
    """Every document in files and folders (a folder's supported files, sorted by name).

    A file that cannot be read yields its :class:`DocumentError` instead, so
    a batch goes on.
    """
    for path in map(Path, paths):
        if path.is_dir():
            files = sorted(f for f in path.iterdir() if f.is_file() and f.suffix.lower() in SUPPORTED_SUFFIXES)
            if not files:
                yield DocumentError(f"{path}: the folder holds no {', '.join(SUPPORTED_SUFFIXES)} files.")
        else:
            files = [path]
        for file in files:
            try:
                yield from read_path(file)
            except DocumentError as error:
                yield error


def _decode(name: str, data: bytes) -> tuple[str, str]:
    """The text and the encoding it was read with; offsets later index this text.

    A byte order mark decides (UTF-8, UTF-16); then UTF-8; then the
    detector chooses between Windows-1252 and Latin-1, the encodings of
    Western European archives' exports.  Bytes it cannot read as text in any
    of them are a binary file.
    """
    for mark, encoding in _BYTE_ORDER_MARKS:
        if data.startswith(mark):
            try:
                return data[len(mark):].decode(encoding), encoding
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError:
        pass
    best = from_bytes(data, cp_isolation=["cp1252", "latin_1"]).best() if b"\0" not in data else None
    if best is None:
        raise DocumentError(f"{name}: not a text file (binary data); save the article as text, HTML or PDF.")
    return str(best), best.encoding


def _pdf_text(name: str, data: bytes) -> str:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        reader = PdfReader(io.BytesIO(data))
        if reader.is_encrypted:
            raise DocumentError(f"{name}: the PDF is encrypted; save an unprotected copy and try again.")
        pages = [page.extract_text() or "" for page in reader.pages]
    except (PdfReadError, ValueError, KeyError, OSError):
        raise DocumentError(f"{name}: not a readable PDF; open it and save it again, or paste its text into a .txt file.") from None
    text = "\n\n".join(p.strip() for p in pages if p.strip())
    if not text:
        raise DocumentError(f"{name}: the PDF has no text layer (a scan?); run it through OCR first or paste its text into a .txt file.")
    return text


class _ArticleText(HTMLParser):
    """Collects an HTML page's readable text by blocks, and its title, date and address."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.blocks: list[str] = []
        self.current: list[str] = []
        self.skipping = 0
        self.meta: dict[str, str] = {}
        self.in_title = False
        self.title_tag = ""
        self.h1 = ""
        self.in_h1 = False

    def handle_starttag(self, tag: str, attrs) -> None:
        attributes = {k: v or "" for k, v in attrs}
        if tag in _SKIPPED_TAGS:
            self.skipping += 1
        elif tag == "meta":
            key = (attributes.get("property") or attributes.get("name") or "").lower()
            self.meta.setdefault(key, attributes.get("content", ""))
        elif tag == "link" and "canonical" in attributes.get("rel", "").lower():
            self.meta.setdefault("canonical", attributes.get("href", ""))
        elif tag == "time" and attributes.get("datetime"):
            self.meta.setdefault("time", attributes["datetime"])
        elif tag == "title":
            self.in_title = True
        if tag in _BLOCK_TAGS:
            self._close_block()
        self.in_h1 = self.in_h1 or tag == "h1"

    def handle_endtag(self, tag: str) -> None:
        if tag in _SKIPPED_TAGS and self.skipping:
            self.skipping -= 1
        elif tag == "title":
            self.in_title = False
        if tag in _BLOCK_TAGS:
            self._close_block()
        if tag == "h1":
            self.in_h1 = False

    def handle_data(self, data: str) -> None:
        if self.in_title:
            self.title_tag += data
        elif not self.skipping:
            self.current.append(data)
            if self.in_h1 and not self.h1:
                self.h1 = data.strip()

    def _close_block(self) -> None:
        block = _SPACES.sub(" ", " ".join("".join(self.current).split("\n"))).strip()
        if block:
            self.blocks.append(block)
        self.current = []


def _html_document(name: str, page: str) -> Document:
    parser = _ArticleText()
    parser.feed(page)
    parser.close()
    parser._close_block()
    text = "\n\n".join(parser.blocks)
    if not text:
        raise DocumentError(f"{name}: the page holds no text; save the article's page itself, not a frame or a script.")
    meta = parser.meta
    title = meta.get("og:title") or parser.title_tag.strip() or parser.h1
    date = _date(meta.get("article:published_time") or meta.get("time") or meta.get("date"))
    url = meta.get("canonical") or meta.get("og:url") or None
    parsed = parse_document(name, text)
    return Document(name, _SPACES.sub(" ", title).strip() or parsed.title, date, text, 0, name, url)


def _date(value: str | None) -> str | None:
    """An ISO date kept to the day ("2022-01-05T10:00" → "2022-01-05"); another form is kept as given."""
    if not value or not value.strip():
        return None
    found = _ISO_DATE.match(value.strip())
    return found.group(1) if found else value.strip()


def _csv_rows(name: str, text: str) -> list[dict[str, str]]:
    csv.field_size_limit(1 << 30)
    try:
        dialect = csv.Sniffer().sniff(text[:20_000], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel
    try:
        return list(csv.DictReader(io.StringIO(text, newline=""), dialect=dialect))
    except csv.Error as exc:
        raise DocumentError(f"{name}: not a readable CSV file ({exc}); export it again as CSV.") from None


def _jsonl_rows(name: str, text: str) -> list[dict]:
    rows = []
    for number, line in enumerate(text.split("\n"), start=1):  # not splitlines(): U+2028 and U+0085 sit inside strings
        if not line.strip():
            continue
        try:
            row = json.loads(line)
        except json.JSONDecodeError:
            raise DocumentError(f"{name}: line {number} is not JSON; each line must be one JSON object.") from None
        if not isinstance(row, dict):
            raise DocumentError(f"{name}: line {number} is not a JSON object; each line must be one article.")
        rows.append(row)
    return rows


def _table_documents(name: str, rows: list[dict]) -> list[Document]:
    """One document per row with text; ids are "file#row" (or "file#id" with an ``id`` column)."""
    columns = {str(key).strip().lower(): key for row in rows[:1] for key in row if key is not None}
    text_column = next((columns[c] for c in _TEXT_COLUMNS if c in columns), None)
    if text_column is None:
        found = ", ".join(sorted(columns)) or "none"
        raise DocumentError(f"{name}: no text column (columns found: {found}); name the column that holds "
                            "the article's text 'text'.")
    title_column = next((columns[c] for c in _TITLE_COLUMNS if c in columns), None)
    date_column = next((columns[c] for c in _DATE_COLUMNS if c in columns), None)
    documents = []
    for number, row in enumerate(rows, start=1):
        text = str(row.get(text_column) or "")
        if not text.strip():
            continue
        key = str(row.get(columns.get("id", ""), "") or "").strip() or str(number)
        parsed = parse_document(f"{name}#{key}", text)
        title = str(row.get(title_column) or "").strip() if title_column else ""
        date = _date(str(row.get(date_column) or "")) if date_column else None
        url = str(row.get(columns.get("url", ""), "") or "").strip() or None
        documents.append(Document(parsed.id, title or parsed.title, date or parsed.date, text, parsed.body_start,
                                  name, url))
    if not documents:
        raise DocumentError(f"{name}: every row's text is empty; check the text column.")
    return documents
