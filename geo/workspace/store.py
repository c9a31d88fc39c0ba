"""The workspace: one DuckDB file that holds a reader's corpus.

Documents, their sentences, every mention with its offsets, resolved place,
score and top-5 candidates, the places, and the reader's corrections live in
one embedded database (default ``data/workspace.duckdb``; the environment
variable ``GEO_WORKSPACE`` or ``--workspace FILE`` chooses another).  The
command line writes it, the app reads aggregates from it (:mod:`geo.views.queries`)
and loads passages on demand, so nothing reruns extraction.

Every mention is stored, whatever the reader's options: country adjectives
and places inside organisation names carry their ``kind`` and the app filters
them, and names recognised as places but not placed are kept with no place,
so a reader can place them.  Corrections are stored apart from what the
parser said and applied when the workspace is read, so each one can be undone
and applies to documents added later.

Each document is written in one transaction: an interrupted ``add`` leaves
the workspace as it was before that document.  A mention keeps what the
resolver needs (the name to look up, the kind of place the words before it
name, whether the tagger found it), so ``reresolve`` can resolve it again
after a gazetteer rebuild without recognising it again.
"""

from __future__ import annotations

import hashlib
import json
import os
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from functools import partial
from pathlib import Path

import duckdb
import pandas as pd

from geo.documents import Document
from geo.errors import GeoError
from geo.gazetteer.index import Gazetteer, Place, data_dir
from geo.recognition.languages import detect_language, language_rules
from geo.pipeline import analyse
from geo.resolution.resolve import resolve_mentions
from geo.recognition.sentences import Sentence, split_sentences
from geo.storage import move_aside
from geo.recognition.toponyms import Mention

ENVIRONMENT_VARIABLE = "GEO_WORKSPACE"
SCHEMA_VERSION = "1"
SCOPES = ("mention", "article", "everywhere")
ACTIONS = ("place", "not_place", "add")
_LOCK_WAIT_SECONDS = 10.0
# Documents written in one transaction by an add, at most, and the seconds a transaction waits to fill:
# each transaction closes the file, and DuckDB's checkpoint then costs about 0.1 s whatever it holds
# (5,000 analysed articles stored in 17.6 s 50 at a time, in 4.0 s 500 at a time).  Between two
# transactions another program (the app) can open the file.
WRITE_TOGETHER = 500
WRITE_EVERY_SECONDS = 2.0

_SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (key VARCHAR, value VARCHAR);
CREATE TABLE IF NOT EXISTS documents (
    doc VARCHAR, title VARCHAR, date VARCHAR, day DATE, language VARCHAR, source VARCHAR, url VARCHAR,
    content_hash VARCHAR, text VARCHAR, body_start INTEGER, added_at TIMESTAMP, encoding VARCHAR);
CREATE TABLE IF NOT EXISTS sentences (doc VARCHAR, idx INTEGER, start INTEGER, "end" INTEGER);
ALTER TABLE documents ADD COLUMN IF NOT EXISTS encoding VARCHAR;
CREATE SEQUENCE IF NOT EXISTS mention_ids;
CREATE TABLE IF NOT EXISTS mentions (
    id BIGINT DEFAULT nextval('mention_ids'), doc VARCHAR, start INTEGER, "end" INTEGER, text VARCHAR,
    kind VARCHAR, sentence INTEGER, place_id VARCHAR, score DOUBLE, candidates VARCHAR, correction INTEGER);
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS query VARCHAR;
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS country_code VARCHAR;
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS hint VARCHAR;
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS tagged BOOLEAN;
ALTER TABLE mentions ADD COLUMN IF NOT EXISTS spellings BOOLEAN;
CREATE TABLE IF NOT EXISTS places (
    place_id VARCHAR, name VARCHAR, feature VARCHAR, country_code VARCHAR, lat DOUBLE, lon DOUBLE,
    geonameid BIGINT, population BIGINT);
CREATE SEQUENCE IF NOT EXISTS correction_ids;
CREATE TABLE IF NOT EXISTS corrections (
    id INTEGER DEFAULT nextval('correction_ids'), created_at TIMESTAMP, scope VARCHAR, action VARCHAR,
    text VARCHAR, doc VARCHAR, start INTEGER, "end" INTEGER, place_id VARCHAR, previous VARCHAR,
    undone_at TIMESTAMP);
"""

# What a mention means once the reader's corrections are applied: the most
# specific active correction wins (this mention, then this name in this
# article, then this name everywhere), the newest among equals.
_EFFECTIVE_VIEW = """
CREATE OR REPLACE VIEW effective AS
WITH matched AS (
    SELECT m.id, c.action, c.place_id, c.id AS correction,
           row_number() OVER (PARTITION BY m.id ORDER BY
               CASE c.scope WHEN 'mention' THEN 3 WHEN 'article' THEN 2 ELSE 1 END DESC, c.id DESC) AS rank
    FROM mentions m JOIN corrections c ON c.undone_at IS NULL AND c.action IN ('place', 'not_place') AND (
        (c.scope = 'mention' AND c.doc = m.doc AND c.start = m.start AND c."end" = m."end")
        OR (c.scope = 'article' AND c.doc = m.doc AND c.text = m.text)
        OR (c.scope = 'everywhere' AND c.text = m.text))
)
SELECT m.id, m.doc, m.start, m."end", m.text, m.kind, m.sentence, m.candidates,
       CASE WHEN x.action = 'place' THEN x.place_id WHEN x.action = 'not_place' THEN NULL ELSE m.place_id END
           AS place_id,
       CASE WHEN x.action IS NOT NULL OR m.correction IS NOT NULL THEN 1.0 ELSE m.score END AS score,
       coalesce(x.action = 'not_place', false) AS rejected,
       x.action IS NOT NULL OR m.correction IS NOT NULL AS corrected,
       m.place_id AS parsed_place_id
FROM mentions m LEFT JOIN (SELECT * FROM matched WHERE rank = 1) x ON x.id = m.id
"""


class WorkspaceError(GeoError, RuntimeError):
    """The workspace file cannot be opened or written."""


class WorkspaceDamaged(WorkspaceError):
    """The file is not a workspace DuckDB can read: damaged, or something else entirely."""


@dataclass(frozen=True)
class Correction:
    """A reader's decision about a name.

    ``scope`` says where it holds: ``"mention"`` (the one at ``doc``,
    ``start``, ``end``), ``"article"`` (``text`` wherever it stands in
    ``doc``) or ``"everywhere"`` (``text`` in every document, also in those
    added later).  ``action`` is ``"place"`` (the name means ``place``),
    ``"not_place"`` or ``"add"`` (a name the parser missed: each occurrence
    of ``text`` in the scope becomes a mention of ``place``).
    """

    scope: str
    action: str
    text: str
    place: Place | None = None
    doc: str | None = None
    start: int | None = None
    end: int | None = None

    def __post_init__(self) -> None:
        if self.scope not in SCOPES or self.action not in ACTIONS:
            raise ValueError(f"scope must be one of {SCOPES} and action one of {ACTIONS}")
        if self.action != "not_place" and self.place is None:
            raise ValueError("a correction that places a name needs the place")
        if self.scope != "everywhere" and self.doc is None:
            raise ValueError("a correction in one article needs the article")
        if self.action == "add" and self.scope == "mention":
            raise ValueError("an added name holds for an article or everywhere")


@dataclass
class AddReport:
    """What :meth:`Workspace.add` did, file by file."""

    added: list[str] = field(default_factory=list)
    replaced: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def summary(self) -> str:
        """ "3 added, 1 replaced, 2 unchanged, 1 error" """
        parts = [f"{len(self.added)} added", f"{len(self.replaced)} replaced", f"{len(self.skipped)} unchanged"]
        if self.errors:
            parts.append(f"{len(self.errors)} error{'s' if len(self.errors) != 1 else ''}")
        return ", ".join(parts)


@dataclass
class ReresolveReport:
    """What :meth:`Workspace.reresolve` did."""

    documents: int = 0
    mentions: int = 0
    moved: int = 0
    dropped: int = 0

    def summary(self) -> str:
        """ "412 mentions in 30 documents: 12 moved, 1 no longer a place" """
        return (f"{self.mentions} mentions in {self.documents} documents: {self.moved} moved, "
                f"{self.dropped} no longer a place")


@dataclass(frozen=True)
class Analysis:
    """One document as the workspace stores it: what a worker sends back to the one process that writes.
    Plain rows and places, so it pickles small."""

    document: Document
    language: str
    sentences: list[tuple]
    mentions: list[tuple]
    places: list[Place]


# Analyses documents: drawing them from an iterable as it goes, yields one Analysis each, in any order.
Runner = Callable[[Iterable[Document]], Iterable[Analysis]]


def analyse_document(document: Document, gazetteer: Gazetteer) -> Analysis:
    """Recognise and resolve one document's places, ready to store (see :meth:`Workspace.add`)."""
    language = detect_language(document.text)
    resolved, unplaced = analyse(document, gazetteer, language=language, include_adjectives=True,
                                 include_organisations=True)
    sentences = split_sentences(document.text, start=document.body_start)
    sentence_index = {s.start: i for i, s in enumerate(sentences)}
    rows = [_mention_row(r.mention, sentence_index, r.place.id, r.score, r.candidates) for r in resolved]
    rows += [_mention_row(m, sentence_index, None, None, ()) for m in unplaced]
    places = {r.place.id: r.place for r in resolved}
    places.update((c.place.id, c.place) for r in resolved for c in r.candidates)
    return Analysis(document, language, [(document.id, i, s.start, s.end) for i, s in enumerate(sentences)], rows,
                    list(places.values()))


def _analyse_here(documents: Iterable[Document], gazetteer: Gazetteer) -> Iterator[Analysis]:
    return (analyse_document(document, gazetteer) for document in documents)


def default_workspace_path() -> Path:
    """``$GEO_WORKSPACE`` if set, else ``data/workspace.duckdb``."""
    configured = os.environ.get(ENVIRONMENT_VARIABLE)
    return Path(configured) if configured else data_dir() / "workspace.duckdb"


def content_hash(text: str) -> str:
    """The SHA-256 of a document's text: the same article twice is stored once."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


# DuckDB's settings for a process that only writes, as ``geo add`` does: closing the file after each group
# of documents checkpoints them into it, and with DuckDB's defaults (80 % of the memory, a thread per core)
# that briefly took 500 MB more at 100,000 articles, memory the extraction workers beside it need.  With
# these the writes take no longer (a writer keeps an eighth of a core busy).
LEAN = {"memory_limit": "128MB", "threads": "1"}

_WRITERS: dict[Path, threading.RLock] = {}
_WRITERS_GUARD = threading.Lock()
# DuckDB shares one database instance per file among a process's connections, and two threads that
# open the same file at the same moment can both try to attach it ("Unique file handle conflict"):
# connections are opened one at a time.
_CONNECTING = threading.Lock()


def _writer_lock(path: Path) -> threading.RLock:
    """The lock a process's writers of one workspace file take turns with.

    DuckDB lets two connections of one process write at once, and every write
    updates the revision, so the second of two simultaneous saves (two readers
    of a shared dashboard) would fail with a conflict and be lost.
    """
    with _WRITERS_GUARD:
        return _WRITERS.setdefault(path.resolve(), threading.RLock())


class Workspace:
    """A corpus in a DuckDB file.

    Each call opens the file for as long as it needs it, so the app and the
    command line can take turns with the same workspace.

    Examples
    --------
    >>> workspace = Workspace("data/workspace.duckdb")  # doctest: +SKIP
    >>> workspace.add(read_paths(["seeds"]), gazetteer).summary()  # doctest: +SKIP
    '5 added, 0 replaced, 0 unchanged'
    """

    def __init__(self, path: Path | str | None = None, *, settings: dict[str, str] | None = None) -> None:
        self.path = Path(path) if path else default_workspace_path()
        self.settings = settings or {}  # DuckDB's, for every connection (LEAN for a writing process)
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self._local = threading.local()
        self.moved_aside: Path | None = None
        try:
            self._prepare()
        except WorkspaceDamaged:
            self.moved_aside = move_aside(self.path)
            self._prepare()

    def _prepare(self) -> None:
        with self.connect() as db:
            try:
                db.execute(_SCHEMA)
                db.execute(_EFFECTIVE_VIEW)
            except duckdb.Error as exc:
                raise WorkspaceDamaged(f"{self.path}: {_first_line(exc)}") from None
            if not db.execute("SELECT value FROM meta WHERE key = 'schema'").fetchone():
                db.execute("INSERT INTO meta VALUES ('schema', ?), ('revision', '0')", [SCHEMA_VERSION])

    def recovery_note(self) -> str | None:
        """What to tell the reader when a damaged file was moved aside at start, else ``None``."""
        if self.moved_aside is None:
            return None
        return (f"{self.path} was damaged or not a workspace; it was moved to {self.moved_aside} (nothing was "
                "deleted) and a fresh workspace started. Add your articles again, or restore a backup.")

    @contextmanager
    def connect(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """A connection to the file, waiting a little while another program holds it.

        Re-entrant within a thread: an inner ``connect()`` reuses the open
        connection, so a caller that reads a lot (an app rerun) opens the file
        once, and releases it when done, so that another program can write.
        """
        shared = getattr(self._local, "db", None)
        if shared is not None:
            yield shared
            return
        db = self._open()
        self._local.db = db
        try:
            yield db
        finally:
            self._local.db = None
            db.close()

    def _open(self) -> duckdb.DuckDBPyConnection:
        deadline = time.monotonic() + _LOCK_WAIT_SECONDS
        while True:
            try:
                with _CONNECTING:
                    db = duckdb.connect(str(self.path))
                for name, value in self.settings.items():
                    db.execute(f"SET {name} = '{value}'")
                return db
            except duckdb.IOException as exc:
                if "lock" not in str(exc).lower():
                    raise WorkspaceDamaged(f"{self.path}: {_first_line(exc)}") from None
                if time.monotonic() > deadline:
                    raise WorkspaceError(
                        f"{self.path}: another program holds the workspace; close it (the app, another add) "
                        "and try again, or choose another file with --workspace."
                    ) from None
                time.sleep(0.2)
            except duckdb.Error as exc:
                raise WorkspaceDamaged(f"{self.path}: {_first_line(exc)}") from None

    @contextmanager
    def transaction(self) -> Iterator[duckdb.DuckDBPyConnection]:
        """One transaction: everything in it is written, or nothing; each one counts as a revision.

        Writers of one process take turns (see :func:`_writer_lock`); another process cannot open the
        file meanwhile (DuckDB locks it), so two readers saving at the same moment both keep their work.
        """
        with _writer_lock(self.path), self.connect() as db:
            db.begin()
            try:
                yield db
                db.execute("UPDATE meta SET value = CAST(CAST(value AS INTEGER) + 1 AS VARCHAR) WHERE key = 'revision'")
            except BaseException:
                db.rollback()
                raise
            db.commit()

    def revision(self) -> int:
        """A number that changes with every write, so readers can cache what they read until then."""
        with self.connect() as db:
            return int(db.execute("SELECT value FROM meta WHERE key = 'revision'").fetchone()[0])

    def is_empty(self) -> bool:
        with self.connect() as db:
            return db.execute("SELECT count(*) FROM documents").fetchone()[0] == 0

    def add(
        self,
        documents: Iterable[Document | GeoError],
        gazetteer: Gazetteer | None = None,
        *,
        progress: Callable[[Document | GeoError], None] | None = None,
        runner: Runner | None = None,
        together: int = WRITE_TOGETHER,
    ) -> AddReport:
        """Recognise, resolve and store each document.

        An item that is an error (a file that could not be read, from
        :func:`geo.workspace.readers.read_paths`) is reported and the rest go on.  A
        document whose text is stored already is skipped after hashing it; one
        whose id is stored with another text replaces it.  ``runner`` does the
        analysis (by default here, with ``gazetteer``; :class:`geo.workspace.parallel.DaskRunner`
        in other processes or on a cluster).  It draws documents as it needs them,
        so while this process writes what came back, the runner's workers already
        analyse the next ones, and memory holds only what is in flight.  Up to
        ``together`` analysed documents, or what came in a couple of seconds, are
        written in one transaction: an interrupted add keeps the documents written
        before and never holds half of one.
        """
        if runner is None:
            if gazetteer is None:
                raise ValueError("Workspace.add needs a gazetteer or a runner")
            runner = partial(_analyse_here, gazetteer=gazetteer)
        report = AddReport()
        with self.connect() as db:
            stored = dict(db.execute("SELECT doc, content_hash FROM documents").fetchall())
        hashes = set(stored.values())

        def fresh() -> Iterator[Document]:
            for item in documents:
                if isinstance(item, GeoError):
                    report.errors.append(str(item))
                elif (digest := content_hash(item.text)) in hashes:
                    report.skipped.append(item.id)
                else:
                    (report.replaced if item.id in stored else report.added).append(item.id)
                    stored[item.id] = digest
                    hashes.add(digest)
                    yield item
                    continue
                if progress:
                    progress(item)

        for group in _groups(runner(fresh()), together, WRITE_EVERY_SECONDS):
            # The same id twice in a run: the later text wins, in whatever order the analyses come back.
            latest = [a for a in group if stored[a.document.id] == content_hash(a.document.text)]
            self._write(latest)
            for analysis in group:
                if progress:
                    progress(analysis.document)
        return report

    def _write(self, analyses: list[Analysis]) -> None:
        """Store analysed documents in one transaction, one insert per table.

        What is stored is read again inside the transaction: another add (the app's warm-up and
        its first reader both filling an empty workspace) may have stored the same documents
        since this one began.  The same text is then left as it is, and another is replaced."""
        with self.transaction() as db:
            present = dict(db.execute("SELECT doc, content_hash FROM documents WHERE doc IN (SELECT unnest(?))",
                                      [[a.document.id for a in analyses]]).fetchall())
            analyses = [a for a in analyses if present.get(a.document.id) != content_hash(a.document.text)]
            documents = [a.document for a in analyses]
            ids = [d.id for d in documents]
            # Only documents stored already have rows: a delete scans every table, so none for new ones.
            _delete_documents(db, [doc for doc in ids if doc in present])
            _insert_frame(db, "documents", pd.DataFrame(
                [(d.id, d.title, d.date, _day(d.date), a.language, d.source, d.url, content_hash(d.text), d.text,
                  d.body_start, d.encoding) for d, a in zip(documents, analyses)],
                columns=_DOCUMENT_INSERT_COLUMNS), added_at="now()")
            _insert_frame(db, "sentences", pd.DataFrame(
                [row for a in analyses for row in a.sentences], columns=["doc", "idx", "start", "end"]))
            _insert_frame(db, "mentions", pd.DataFrame(
                [row for a in analyses for row in a.mentions], columns=_MENTION_INSERT_COLUMNS + _RESOLVER_COLUMNS))
            _store_places(db, [place for a in analyses for place in a.places])
            added_names = _added_names(db)
            for doc in ids:
                for correction_id, added in added_names:
                    if added.scope == "everywhere" or added.doc == doc:
                        _add_occurrences(db, correction_id, added, [doc])

    def reresolve(self, gazetteer: Gazetteer, *, together: int = WRITE_TOGETHER) -> ReresolveReport:
        """Resolve every stored mention again, without recognising it again: after a gazetteer
        rebuild or retrained weights.  Names a reader added are left as they are, and the
        reader's corrections still apply over the new answers (they are stored apart).  A name
        the resolver no longer takes for a place anywhere is removed, as a fresh ``add`` would
        not store it; an unplaced name the gazetteer now knows gets its place."""
        with self.connect() as db:
            doc_ids = [row[0] for row in db.execute("SELECT doc FROM documents ORDER BY doc").fetchall()]
        report = ReresolveReport()
        for first in range(0, len(doc_ids), together):
            with self.transaction() as db:
                for doc in doc_ids[first : first + together]:
                    _reresolve_document(db, doc, gazetteer, report)
        return report

    def remove(self, doc_ids: Iterable[str]) -> list[str]:
        """Remove documents (with their mentions); returns the ids that were there."""
        doc_ids = list(doc_ids)
        with self.transaction() as db:
            present = [row[0] for row in db.execute(
                "SELECT doc FROM documents WHERE doc IN (SELECT unnest(?))", [doc_ids]).fetchall()]
            _delete_documents(db, present)
        return present

    def documents(self) -> pd.DataFrame:
        """One row per document: doc, title, date, language, source, url, encoding, mentions, added_at."""
        with self.connect() as db:
            return db.execute("""
                SELECT d.doc, d.title, d.date, d.language, d.source, d.url, d.encoding,
                       (SELECT count(*) FROM mentions m WHERE m.doc = d.doc AND m.place_id IS NOT NULL) AS mentions,
                       d.added_at
                FROM documents d ORDER BY d.date NULLS LAST, d.doc""").df()

    def document(self, doc_id: str) -> Document | None:
        """The stored document, text exactly as it was read."""
        with self.connect() as db:
            row = db.execute("SELECT doc, title, date, text, body_start, source, url, encoding FROM documents "
                             "WHERE doc = ?", [doc_id]).fetchone()
        return Document(*row) if row else None

    def place(self, place_id: str) -> Place | None:
        """A place the workspace knows (resolved, a candidate, or chosen by a reader)."""
        with self.connect() as db:
            row = db.execute(
                "SELECT place_id, name, feature, lat, lon, country_code, population, geonameid FROM places "
                "WHERE place_id = ?", [place_id]).fetchone()
        if row is None:
            return None
        place_id, name, feature, lat, lon, country_code, population, geonameid = row
        return Place(place_id, name, feature, lat, lon, country_code or "", population or 0, geonameid)

    def correct(self, correction: Correction) -> int:
        """Store a correction and apply it; returns its id (for :meth:`undo`)."""
        with self.transaction() as db:
            if correction.place is not None:
                _store_places(db, [correction.place])
            previous = None
            if correction.scope == "mention":
                found = db.execute('SELECT place_id FROM effective WHERE doc = ? AND start = ? AND "end" = ?',
                                   [correction.doc, correction.start, correction.end]).fetchone()
                previous = found[0] if found else None
            else:
                found = db.execute(
                    "SELECT place_id FROM effective WHERE text = ? AND (? IS NULL OR doc = ?) AND place_id IS NOT NULL "
                    "GROUP BY place_id ORDER BY count(*) DESC LIMIT 1",
                    [correction.text, correction.doc if correction.scope == "article" else None,
                     correction.doc if correction.scope == "article" else None]).fetchone()
                previous = found[0] if found else None
            correction_id = db.execute(
                "INSERT INTO corrections (created_at, scope, action, text, doc, start, \"end\", place_id, previous) "
                "VALUES (now(), ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
                [correction.scope, correction.action, correction.text, correction.doc, correction.start,
                 correction.end, correction.place.id if correction.place else None, previous],
            ).fetchone()[0]
            if correction.action == "add":
                docs = [correction.doc] if correction.scope == "article" else [
                    row[0] for row in db.execute("SELECT doc FROM documents").fetchall()]
                _add_occurrences(db, correction_id, correction, docs)
        return correction_id

    def undo(self, correction_id: int) -> None:
        """Take a correction back; names it added stop being mentions."""
        with self.transaction() as db:
            db.execute("UPDATE corrections SET undone_at = now() WHERE id = ? AND undone_at IS NULL", [correction_id])
            db.execute("DELETE FROM mentions WHERE correction = ?", [correction_id])

    def corrections(self) -> pd.DataFrame:
        """Every correction, newest first: when, what, from which place to which, undone or not."""
        with self.connect() as db:
            return db.execute("""
                SELECT c.id, c.created_at, c.scope, c.action, c.text, c.doc, d.title, c.start, c."end",
                       c.previous, prev.name AS previous_name, c.place_id, p.name AS place_name, c.undone_at
                FROM corrections c
                LEFT JOIN places p ON p.place_id = c.place_id
                LEFT JOIN places prev ON prev.place_id = c.previous
                LEFT JOIN documents d ON d.doc = c.doc
                ORDER BY c.id DESC""").df()


_MENTION_INSERT_COLUMNS = ["doc", "start", "end", "text", "kind", "sentence", "place_id", "score", "candidates"]
_DOCUMENT_INSERT_COLUMNS = ["doc", "title", "date", "day", "language", "source", "url", "content_hash", "text",
                            "body_start", "encoding"]


_RESOLVER_COLUMNS = ["query", "country_code", "hint", "tagged", "spellings"]


def _mention_row(mention: Mention, sentence_index: dict[int, int], place_id: str | None, score: float | None,
                 candidates) -> tuple:
    return (mention.doc_id, mention.start, mention.end, mention.text, mention.kind,
            sentence_index.get(mention.sentence.start), place_id, score, _ranked_json(candidates),
            mention.query, mention.country_code, mention.feature, mention.tagged, mention.spellings)


def _ranked_json(candidates) -> str:
    return json.dumps([
        {"id": c.place.id, "name": c.place.name, "country_code": c.place.country_code or None,
         "feature": c.place.feature, "population": c.place.population, "score": round(c.score, 4)}
        for c in candidates
    ], ensure_ascii=False)


def _reresolve_document(db: duckdb.DuckDBPyConnection, doc: str, gazetteer: Gazetteer,
                        report: ReresolveReport) -> None:
    """Resolve one document's stored mentions again and update them in place (their ids stay)."""
    text, language = db.execute("SELECT text, language FROM documents WHERE doc = ?", [doc]).fetchone()
    sentences = {idx: Sentence(start, end, text[start:end]) for idx, start, end in db.execute(
        'SELECT idx, start, "end" FROM sentences WHERE doc = ?', [doc]).fetchall()}
    rows = db.execute(
        'SELECT id, start, "end", text, kind, sentence, place_id, query, country_code, hint, tagged, spellings '
        "FROM mentions WHERE doc = ? AND correction IS NULL ORDER BY start, id", [doc]).fetchall()
    spellings = language_rules(language or "en")[0].SPELLING_VARIANTS  # mentions stored before these columns
    mentions = [
        Mention(doc, start, end, surface, query or surface, sentences.get(sentence) or Sentence(start, end, surface),
                kind, country_code, spellings if spelled is None else spelled, hint, bool(tagged))
        for _, start, end, surface, kind, sentence, _, query, country_code, hint, tagged, spelled in rows
    ]
    resolved = {(r.mention.start, r.mention.end): r for r in resolve_mentions(mentions, gazetteer)}
    updates, gone = [], []
    for row, mention in zip(rows, mentions):
        mention_id, old_place = row[0], row[6]
        found = resolved.get((mention.start, mention.end))
        if found is not None:
            updates.append((mention_id, found.place.id, found.score, _ranked_json(found.candidates)))
            report.moved += found.place.id != old_place
        elif mention.tagged or not gazetteer.candidates(mention.query, spellings=mention.spellings):
            updates.append((mention_id, None, None, "[]"))
            report.moved += old_place is not None
        else:
            gone.append(mention_id)
    frame = pd.DataFrame(updates, columns=["id", "place_id", "score", "candidates"])
    if not frame.empty:
        _execute_with(db, frame, "UPDATE mentions SET place_id = r.place_id, score = r.score, "
                                 "candidates = r.candidates FROM incoming r WHERE mentions.id = r.id")
    if gone:
        db.execute("DELETE FROM mentions WHERE id IN (SELECT unnest(?))", [gone])
    _store_places(db, {c.place.id: c.place for r in resolved.values() for c in (r, *r.candidates)}.values())
    report.documents += 1
    report.mentions += len(rows)
    report.dropped += len(gone)


def _insert_frame(db: duckdb.DuckDBPyConnection, table: str, frame: pd.DataFrame, **expressions: str) -> None:
    """Insert a frame's rows; ``expressions`` fill further columns with SQL (``added_at="now()"``)."""
    if frame.empty:
        return
    columns = ", ".join([*(f'"{c}"' for c in frame.columns), *expressions])
    values = ", ".join([*(f'"{c}"' for c in frame.columns), *expressions.values()])
    _execute_with(db, frame, f"INSERT INTO {table} ({columns}) SELECT {values} FROM incoming")


def _execute_with(db: duckdb.DuckDBPyConnection, frame: pd.DataFrame, sql: str) -> None:
    """Run ``sql`` with ``frame`` as the table ``incoming``: one statement for many rows."""
    db.register("incoming", frame)
    try:
        db.execute(sql)
    finally:
        db.unregister("incoming")


def _store_places(db: duckdb.DuckDBPyConnection, places: Iterable[Place]) -> None:
    """Add the places the workspace does not know yet."""
    frame = pd.DataFrame(
        [(p.id, p.name, p.feature, p.country_code or None, p.lat, p.lon, p.geonameid, p.population) for p in places],
        columns=["place_id", "name", "feature", "country_code", "lat", "lon", "geonameid", "population"],
    )
    if frame.empty:
        return
    frame = frame.drop_duplicates("place_id").astype({"geonameid": "Int64", "population": "Int64"})
    _execute_with(db, frame, "INSERT INTO places SELECT * FROM incoming i "
                             "WHERE NOT EXISTS (SELECT 1 FROM places p WHERE p.place_id = i.place_id)")


def _groups(analyses: Iterable[Analysis], size: int, seconds: float) -> Iterator[list[Analysis]]:
    """Analyses in groups of ``size``, or fewer once a group has waited ``seconds`` for the next one."""
    group: list[Analysis] = []
    started = time.monotonic()
    for analysis in analyses:
        group.append(analysis)
        if len(group) >= size or time.monotonic() - started >= seconds:
            yield group
            group, started = [], time.monotonic()
    if group:
        yield group


def _delete_documents(db: duckdb.DuckDBPyConnection, doc_ids: list[str]) -> None:
    if not doc_ids:
        return
    for table in ("mentions", "sentences", "documents"):
        db.execute(f"DELETE FROM {table} WHERE doc IN (SELECT unnest(?))", [doc_ids])


def _added_names(db: duckdb.DuckDBPyConnection) -> list[tuple[int, Correction]]:
    """The active "add this name" corrections, read once for a group of documents."""
    rows = db.execute(
        "SELECT id, scope, text, doc, place_id FROM corrections WHERE action = 'add' AND undone_at IS NULL "
        "ORDER BY id").fetchall()
    return [(correction_id, Correction(scope, "add", text, _place_row(db, place_id), doc))
            for correction_id, scope, text, doc, place_id in rows]


def _place_row(db: duckdb.DuckDBPyConnection, place_id: str) -> Place:
    row = db.execute("SELECT place_id, name, feature, lat, lon, country_code, population, geonameid FROM places "
                     "WHERE place_id = ?", [place_id]).fetchone()
    return Place(row[0], row[1], row[2], row[3], row[4], row[5] or "", row[6] or 0, row[7])


def _add_occurrences(db: duckdb.DuckDBPyConnection, correction_id: int, correction: Correction,
                     doc_ids: list[str]) -> None:
    """Every whole-word occurrence of the added name becomes a mention, unless one stands there already."""
    for doc_id in doc_ids:
        text = db.execute("SELECT text FROM documents WHERE doc = ?", [doc_id]).fetchone()[0]
        taken = db.execute('SELECT start, "end" FROM mentions WHERE doc = ?', [doc_id]).fetchall()
        sentences = db.execute('SELECT idx, start, "end" FROM sentences WHERE doc = ? ORDER BY idx',
                               [doc_id]).fetchall()
        rows = []
        for start in occurrences(text, correction.text):
            end = start + len(correction.text)
            if any(s < end and start < e for s, e in taken):
                continue
            sentence = next((i for i, s, e in sentences if s <= start < e), None)
            rows.append((doc_id, start, end, correction.text, "added", sentence, correction.place.id, 1.0, "[]",
                         correction_id))
        _insert_frame(db, "mentions", pd.DataFrame(rows, columns=[*_MENTION_INSERT_COLUMNS, "correction"]))


def occurrences(text: str, name: str) -> list[int]:
    """Where ``name`` stands in ``text`` as a whole word (a genitive "s" may follow).

    Examples
    --------
    >>> occurrences("Kosh-Agach und Kosh-Agachs Markt, nicht Kosh-Agachstan", "Kosh-Agach")
    [0, 15]
    """
    found = []
    start = text.find(name)
    while start >= 0 and name:
        end = start + len(name)
        before = text[start - 1] if start else " "
        after = text[end : end + 2]
        tail_ok = not after[:1].isalnum() or (after[:1] == "s" and not after[1:2].isalnum())
        if not before.isalnum() and tail_ok:
            found.append(start)
        start = text.find(name, start + 1)
    return found


def _day(date: str | None) -> str | None:
    """The first day a partial ISO date stands for: "2022-01" → "2022-01-01"; other forms → ``None``."""
    if not date:
        return None
    parts = date[:10].split("-")
    if not all(p.isdigit() for p in parts) or len(parts[0]) != 4:
        return None
    year, month, day = (parts + ["01", "01"])[:3]
    try:
        return pd.Timestamp(int(year), int(month), int(day)).date().isoformat()
    except ValueError:
        return None


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
