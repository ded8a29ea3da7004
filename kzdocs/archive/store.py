"""The SQLite file of an archive: its schema, and the writes the indexer makes.

One file (stdlib sqlite3, WAL journal). Only the indexing process writes, one document per
transaction, so a run killed at any moment leaves every committed document whole and nothing
half-written. Rows of a document's parts cascade from `documents`; the full-text table `fts`
is an external-content FTS5 index of `documents` (title, text, stems) kept in step by triggers.
"""
from __future__ import annotations

import json
import os
import sqlite3
import time
from pathlib import Path
from typing import Any

from ..errors import KzdocsError
from ..extract.signatories import faction_group

SCHEMA_VERSION = 1

SCHEMA = """
CREATE TABLE IF NOT EXISTS meta (
    key TEXT PRIMARY KEY,
    value TEXT
);
CREATE TABLE IF NOT EXISTS documents (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL UNIQUE,
    sha256 TEXT NOT NULL,
    size INTEGER,
    mtime REAL,
    pipeline TEXT NOT NULL,
    indexed_at TEXT NOT NULL,
    seconds REAL,
    removed INTEGER NOT NULL DEFAULT 0,
    removed_at TEXT,
    pages INTEGER,
    ocr_pages TEXT,
    language TEXT,
    doc_type TEXT,
    title TEXT,
    date TEXT,
    year INTEGER,
    number TEXT,
    chamber TEXT,
    faction TEXT,
    quotes TEXT,
    sources TEXT,
    text TEXT NOT NULL DEFAULT '',
    stems TEXT NOT NULL DEFAULT ''
);
CREATE INDEX IF NOT EXISTS documents_year ON documents(year);
CREATE INDEX IF NOT EXISTS documents_sha ON documents(sha256);
CREATE TABLE IF NOT EXISTS addressees (
    document_id INTEGER PRIMARY KEY REFERENCES documents(id) ON DELETE CASCADE,
    name TEXT, surname TEXT, initials TEXT, salutation_name TEXT, position TEXT,
    organization TEXT, resolved TEXT
);
CREATE TABLE IF NOT EXISTS signatories (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    name TEXT NOT NULL, surname TEXT, initials TEXT, given_name TEXT
);
CREATE INDEX IF NOT EXISTS signatories_doc ON signatories(document_id);
CREATE TABLE IF NOT EXISTS figures (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    text TEXT NOT NULL, start INTEGER, "end" INTEGER, value REAL, kind TEXT, unit TEXT,
    currency TEXT, approximate INTEGER, qualifier TEXT, year INTEGER, sentence TEXT,
    change_direction TEXT, change_from REAL, change_to REAL
);
CREATE INDEX IF NOT EXISTS figures_doc ON figures(document_id);
CREATE TABLE IF NOT EXISTS demands (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    text TEXT NOT NULL, start INTEGER, "end" INTEGER, deadline TEXT, answer_form TEXT
);
CREATE INDEX IF NOT EXISTS demands_doc ON demands(document_id);
CREATE TABLE IF NOT EXISTS topics (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    code INTEGER NOT NULL, label TEXT, score REAL
);
CREATE INDEX IF NOT EXISTS topics_doc ON topics(document_id);
CREATE INDEX IF NOT EXISTS topics_code ON topics(code);
CREATE TABLE IF NOT EXISTS entities (
    id INTEGER PRIMARY KEY,
    document_id INTEGER NOT NULL REFERENCES documents(id) ON DELETE CASCADE,
    ord INTEGER NOT NULL,
    text TEXT NOT NULL, label TEXT, start INTEGER, "end" INTEGER
);
CREATE INDEX IF NOT EXISTS entities_doc ON entities(document_id);
CREATE TABLE IF NOT EXISTS failures (
    path TEXT PRIMARY KEY,
    sha256 TEXT,
    settings TEXT,
    kind TEXT NOT NULL,
    error TEXT NOT NULL,
    failed_at TEXT NOT NULL,
    attempts INTEGER NOT NULL DEFAULT 1,
    removed_at TEXT
);
CREATE TABLE IF NOT EXISTS runs (
    id INTEGER PRIMARY KEY,
    started_at TEXT NOT NULL,
    finished_at TEXT,
    roots TEXT,
    pipeline TEXT,
    backend TEXT,
    indexed INTEGER, skipped INTEGER, failed INTEGER, removed INTEGER, seconds REAL
);
CREATE VIRTUAL TABLE IF NOT EXISTS fts USING fts5(
    title, text, stems,
    content='documents', content_rowid='id',
    tokenize='unicode61 remove_diacritics 0'
);
CREATE TRIGGER IF NOT EXISTS documents_ai AFTER INSERT ON documents BEGIN
    INSERT INTO fts(rowid, title, text, stems) VALUES (new.id, new.title, new.text, new.stems);
END;
CREATE TRIGGER IF NOT EXISTS documents_ad AFTER DELETE ON documents BEGIN
    INSERT INTO fts(fts, rowid, title, text, stems)
    VALUES ('delete', old.id, old.title, old.text, old.stems);
END;
CREATE TRIGGER IF NOT EXISTS documents_au AFTER UPDATE OF title, text, stems ON documents BEGIN
    INSERT INTO fts(fts, rowid, title, text, stems)
    VALUES ('delete', old.id, old.title, old.text, old.stems);
    INSERT INTO fts(rowid, title, text, stems) VALUES (new.id, new.title, new.text, new.stems);
END;
"""


class ArchiveError(KzdocsError):
    """An archive file that cannot be opened or used (missing, not an archive, too new)."""


def now() -> str:
    """The current UTC time, ISO 8601 to the second."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


def _fold(value: object) -> str | None:
    return value.casefold() if isinstance(value, str) else None


def connect(path: str | os.PathLike, *, create: bool = False) -> sqlite3.Connection:
    """Open an archive; with `create`, make the file and its schema when missing.

    Raises ArchiveError with a one-line reason instead of sqlite3's errors."""
    path = Path(path)
    if create and not path.parent.is_dir():
        raise ArchiveError(f"{path}: cannot create the archive: no folder {path.parent}")
    if not create and not path.is_file():
        raise ArchiveError(f"{path}: no archive there "
                           f"(make one with `kzdocs index DIR --db {path}`)")
    try:
        con = sqlite3.connect(str(path), timeout=60, isolation_level=None,
                              check_same_thread=False)
        con.execute("PRAGMA foreign_keys = ON")
        con.execute("PRAGMA busy_timeout = 60000")
        con.create_function("fold", 1, _fold, deterministic=True)
        con.create_function("faction_group", 1, faction_group, deterministic=True)
        if create:
            con.execute("PRAGMA journal_mode = WAL")
            # WAL + NORMAL: a commit survives the death of the process (kill -9); only a
            # power cut can lose the last commits, never corrupt the file.
            con.execute("PRAGMA synchronous = NORMAL")
            con.executescript(SCHEMA)
            con.execute("INSERT OR IGNORE INTO meta VALUES ('schema_version', ?)",
                        (str(SCHEMA_VERSION),))
        version = con.execute("SELECT value FROM meta WHERE key = 'schema_version'").fetchone()
    except sqlite3.DatabaseError as exc:
        raise ArchiveError(f"{path}: not a kzdocs archive ({exc})") from None
    if version is None:
        raise ArchiveError(f"{path}: not a kzdocs archive (no schema version)")
    if int(version[0]) > SCHEMA_VERSION:
        raise ArchiveError(f"{path}: archive schema {version[0]} is newer than this kzdocs "
                           f"({SCHEMA_VERSION}); upgrade kzdocs")
    con.row_factory = sqlite3.Row
    return con


def _json(value: Any) -> str | None:
    return json.dumps(value, ensure_ascii=False) if value else None


def write_document(con: sqlite3.Connection, result: dict[str, Any], *, pipeline: str) -> int:
    """Store one extracted document in its own transaction, replacing an older version of the
    same path (same id, its parts and index entries replaced). Returns the document id."""
    data = result["data"]
    path = result["path"]
    source = data.get("source") or {}
    date = data.get("date")
    year = int(date[:4]) if date and date[:4].isdigit() else None
    con.execute("BEGIN IMMEDIATE")
    try:
        row = con.execute("SELECT id FROM documents WHERE path = ?", (path,)).fetchone()
        if row is not None:
            con.execute("DELETE FROM documents WHERE id = ?", (row[0],))
        cur = con.execute(
            "INSERT INTO documents (id, path, sha256, size, mtime, pipeline, indexed_at, seconds,"
            " pages, ocr_pages, language, doc_type, title, date, year, number, chamber, faction,"
            " quotes, sources, text, stems)"
            " VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)",
            (row[0] if row else None, path, result["sha256"], result.get("size"),
             result.get("mtime"), pipeline, now(), result.get("seconds"),
             source.get("pages"), _json(source.get("ocr_pages")), data.get("language"),
             data.get("doc_type"), data.get("title"), date, year, data.get("number"),
             data.get("chamber"), data.get("faction"), _json(data.get("quotes")),
             _json(data.get("sources")), data.get("text") or "", result.get("stems") or ""))
        doc_id = cur.lastrowid
        addressee = data.get("addressee")
        if addressee:
            con.execute("INSERT INTO addressees VALUES (?,?,?,?,?,?,?,?)",
                        (doc_id, addressee.get("name"), addressee.get("surname"),
                         addressee.get("initials"), addressee.get("salutation_name"),
                         addressee.get("position"), addressee.get("organization"),
                         _json(addressee.get("resolved"))))
        con.executemany(
            "INSERT INTO signatories (document_id, ord, name, surname, initials, given_name)"
            " VALUES (?,?,?,?,?,?)",
            [(doc_id, i, s.get("name") or "", s.get("surname"), s.get("initials"),
              s.get("given_name")) for i, s in enumerate(data.get("signatories") or [])])
        figures = []
        for i, f in enumerate(data.get("figures") or []):
            change = f.get("change") or {}
            figures.append((doc_id, i, f.get("text") or "", f.get("start"), f.get("end"),
                            f.get("value"), f.get("kind"), f.get("unit"), f.get("currency"),
                            int(bool(f.get("approximate"))), f.get("qualifier"), f.get("year"),
                            f.get("sentence"), change.get("direction"), change.get("from"),
                            change.get("to")))
        con.executemany(
            "INSERT INTO figures (document_id, ord, text, start, \"end\", value, kind, unit,"
            " currency, approximate, qualifier, year, sentence, change_direction, change_from,"
            " change_to) VALUES (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)", figures)
        con.executemany(
            "INSERT INTO demands (document_id, ord, text, start, \"end\", deadline, answer_form)"
            " VALUES (?,?,?,?,?,?,?)",
            [(doc_id, i, d.get("text") or "", d.get("start"), d.get("end"), d.get("deadline"),
              d.get("answer_form")) for i, d in enumerate(data.get("demands") or [])])
        con.executemany(
            "INSERT INTO topics (document_id, code, label, score) VALUES (?,?,?,?)",
            [(doc_id, t.get("code"), t.get("label"), t.get("score"))
             for t in data.get("topics") or []])
        con.executemany(
            "INSERT INTO entities (document_id, ord, text, label, start, \"end\")"
            " VALUES (?,?,?,?,?,?)",
            [(doc_id, i, e.get("text") or "", e.get("label"), e.get("start"), e.get("end"))
             for i, e in enumerate(data.get("entities") or [])])
        con.execute("DELETE FROM failures WHERE path = ?", (path,))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise
    return doc_id


def write_failure(con: sqlite3.Connection, result: dict[str, Any], *, settings: str) -> None:
    """Record a file that could not be indexed, in its own transaction. An older document of
    the same path whose content has since changed is dropped: it no longer says what the file
    says."""
    path = result["path"]
    con.execute("BEGIN IMMEDIATE")
    try:
        con.execute("DELETE FROM documents WHERE path = ? AND sha256 IS NOT ?",
                    (path, result.get("sha256")))
        con.execute(
            "INSERT INTO failures (path, sha256, settings, kind, error, failed_at) "
            "VALUES (?,?,?,?,?,?) ON CONFLICT(path) DO UPDATE SET sha256 = excluded.sha256, "
            "settings = excluded.settings, kind = excluded.kind, error = excluded.error, "
            "failed_at = excluded.failed_at, attempts = failures.attempts + 1, removed_at = NULL",
            (path, result.get("sha256"), settings, result.get("kind") or "error",
             result.get("error") or "unknown error", now()))
        con.execute("COMMIT")
    except BaseException:
        con.execute("ROLLBACK")
        raise


def under(column: str, roots: list[str]) -> tuple[str, list[str]]:
    """An SQL condition: `column` is one of `roots` or a path below one (no LIKE wildcards)."""
    parts, params = [], []
    for root in roots:
        prefix = root.rstrip(os.sep) + os.sep
        parts.append(f"({column} = ? OR substr({column}, 1, ?) = ?)")
        params += [root, len(prefix), prefix]
    return "(" + " OR ".join(parts) + ")", params


def mark_removed(con: sqlite3.Connection, roots: list[str], present: set[str]) -> int:
    """Flag the documents and failures below `roots` whose file is gone. Returns how many
    documents were newly flagged."""
    cond, params = under("path", roots)
    stamp = now()
    gone = [row[0] for row in con.execute(
        f"SELECT path FROM documents WHERE removed = 0 AND {cond}", params)
        if row[0] not in present]
    failed = [row[0] for row in con.execute(
        f"SELECT path FROM failures WHERE removed_at IS NULL AND {cond}", params)
        if row[0] not in present]
    if gone or failed:
        con.execute("BEGIN IMMEDIATE")
        try:
            con.executemany("UPDATE documents SET removed = 1, removed_at = ? WHERE path = ?",
                            [(stamp, p) for p in gone])
            con.executemany("UPDATE failures SET removed_at = ? WHERE path = ?",
                            [(stamp, p) for p in failed])
            con.execute("COMMIT")
        except BaseException:
            con.execute("ROLLBACK")
            raise
    return len(gone)


def restore(con: sqlite3.Connection, path: str) -> None:
    """A removed file is back with the same content: clear its flag."""
    con.execute("UPDATE documents SET removed = 0, removed_at = NULL WHERE path = ?", (path,))
