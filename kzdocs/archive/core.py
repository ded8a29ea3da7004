"""`Archive`: the library face of an archive file — search, listings, statistics, exports."""
from __future__ import annotations

import csv
import json
import os
import sqlite3
from dataclasses import asdict, dataclass, field
from typing import IO, Any, Iterator

from ..errors import KzdocsError
from . import store
from .search import QueryError, SearchHit, addressee_label, filters_sql, search

STATS_BY = ("topic", "year", "addressee", "faction", "signatory", "language", "doc_type")
EXPORT_TABLES = ("documents", "figures", "signatories", "demands", "topics", "addressees",
                 "entities", "failures")
EXPORT_FORMATS = ("csv", "jsonl", "parquet")


@dataclass
class DocumentRow:
    id: int
    path: str
    sha256: str
    language: str | None
    doc_type: str | None
    title: str | None
    date: str | None
    year: int | None
    number: str | None
    chamber: str | None
    faction: str | None
    pages: int | None
    addressee: str | None
    indexed_at: str
    removed: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class FigureRow:
    document_id: int
    path: str
    text: str
    value: float | None
    kind: str | None
    unit: str | None
    currency: str | None
    approximate: bool
    qualifier: str | None
    year: int | None
    sentence: str | None

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class StatRow:
    """One group of `Archive.stats`: its key, how many documents, and with `sum_figures` the
    sums of the money figures of those documents by currency."""

    key: str | None
    documents: int
    sums: dict[str, float] = field(default_factory=dict)
    figures: int = 0

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


@dataclass
class FailureRow:
    path: str
    kind: str
    error: str
    failed_at: str
    attempts: int
    removed: bool

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


# key of each document (or documents: a letter has several signatories) for `stats --by`
_GROUPS = {
    "year": "SELECT d.id AS doc, CAST(d.year AS TEXT) AS key FROM documents d",
    "faction": "SELECT d.id AS doc, faction_group(d.faction) AS key FROM documents d",
    "language": "SELECT d.id AS doc, d.language AS key FROM documents d",
    "doc_type": "SELECT d.id AS doc, d.doc_type AS key FROM documents d",
    "addressee": (
        "SELECT d.id AS doc, CASE WHEN a.surname IS NOT NULL "
        "THEN trim(a.surname || ' ' || coalesce(a.initials, '')) "
        "ELSE coalesce(a.salutation_name, a.position) END AS key "
        "FROM documents d LEFT JOIN addressees a ON a.document_id = d.id"),
    "signatory": (
        "SELECT DISTINCT d.id AS doc, CASE WHEN s.surname IS NOT NULL "
        "THEN trim(s.surname || ' ' || coalesce(s.initials, '')) ELSE s.name END AS key "
        "FROM documents d LEFT JOIN signatories s ON s.document_id = d.id"),
    "topic": (
        "SELECT DISTINCT d.id AS doc, CASE WHEN t.code IS NOT NULL "
        "THEN t.code || ' ' || coalesce(t.label, '') END AS key "
        "FROM documents d LEFT JOIN topics t ON t.document_id = d.id"),
}

_EXPORTS = {
    "documents": (
        "SELECT d.id AS document_id, d.path, d.sha256, d.pages, d.language, d.doc_type, d.title,"
        " d.date, d.year, d.number, d.chamber, d.faction, a.name AS addressee_name,"
        " a.surname AS addressee_surname, a.initials AS addressee_initials,"
        " a.salutation_name AS addressee_salutation_name, a.position AS addressee_position,"
        " a.organization AS addressee_organization,"
        " (SELECT count(*) FROM signatories s WHERE s.document_id = d.id) AS signatories,"
        " (SELECT count(*) FROM figures f WHERE f.document_id = d.id) AS figures,"
        " (SELECT count(*) FROM demands m WHERE m.document_id = d.id) AS demands,"
        " d.indexed_at, d.pipeline, d.removed, d.removed_at{text}"
        " FROM documents d LEFT JOIN addressees a ON a.document_id = d.id"),
    "addressees": (
        "SELECT a.document_id, d.path, a.name, a.surname, a.initials, a.salutation_name,"
        " a.position, a.organization FROM addressees a JOIN documents d ON d.id = a.document_id"),
    "signatories": (
        "SELECT s.document_id, d.path, s.ord, s.name, s.surname, s.initials, s.given_name"
        " FROM signatories s JOIN documents d ON d.id = s.document_id"),
    "figures": (
        "SELECT f.document_id, d.path, f.ord, f.text, f.start, f.\"end\", f.value, f.kind,"
        " f.unit, f.currency, f.approximate, f.qualifier, f.year, f.sentence,"
        " f.change_direction, f.change_from, f.change_to"
        " FROM figures f JOIN documents d ON d.id = f.document_id"),
    "demands": (
        "SELECT m.document_id, d.path, m.ord, m.text, m.start, m.\"end\", m.deadline,"
        " m.answer_form FROM demands m JOIN documents d ON d.id = m.document_id"),
    "topics": (
        "SELECT t.document_id, d.path, t.code, t.label, t.score"
        " FROM topics t JOIN documents d ON d.id = t.document_id"),
    "entities": (
        "SELECT e.document_id, d.path, e.ord, e.text, e.label, e.start, e.\"end\""
        " FROM entities e JOIN documents d ON d.id = e.document_id"),
}
_INT_COLUMNS = {"document_id", "pages", "year", "ord", "start", "end", "code", "removed",
                "approximate", "attempts", "signatories", "figures", "demands"}
_FLOAT_COLUMNS = {"value", "score", "change_from", "change_to"}


class Archive:
    """An archive file made by `kzdocs index` (or by `Archive(path, create=True).index(...)`).

    >>> with Archive("archive.sqlite") as archive:          # doctest: +SKIP
    ...     for hit in archive.search("миграция", year=2021):
    ...         print(hit.path, hit.snippet)
    """

    def __init__(self, path: str | os.PathLike, *, create: bool = False) -> None:
        self.path = os.fspath(path)
        self.con = store.connect(self.path, create=create)

    def close(self) -> None:
        self.con.close()

    def __enter__(self) -> "Archive":
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def __repr__(self) -> str:
        return f"Archive({self.path!r})"

    # -- building

    def index(self, roots: Any, **options: Any):
        """Index the PDFs below `roots` into this archive (see `kzdocs.archive.index`)."""
        from .indexer import index

        return index(self.path, roots, **options)

    # -- reading

    def search(self, query: str, *, limit: int = 20, topic: int | str | None = None,
               year: int | None = None, lang: str | None = None, addressee: str | None = None,
               signatory: str | None = None, faction: str | None = None,
               doc_type: str | None = None, include_removed: bool = False,
               mark: tuple[str, str] = ("[", "]")) -> list[SearchHit]:
        """Documents matching `query`, best first (bm25), each with a snippet whose matched
        words are wrapped in `mark`. Raises QueryError (one line) for a query with nothing to
        look for; never an SQL error, whatever the query holds."""
        return search(self.con, query, limit=limit, mark=mark, topic=topic, year=year,
                      lang=lang, addressee=addressee, signatory=signatory, faction=faction,
                      doc_type=doc_type, include_removed=include_removed)

    def documents(self, *, limit: int | None = None, **filters: Any) -> list[DocumentRow]:
        """The documents, filtered like `search` (year, lang, topic, addressee, signatory,
        faction, doc_type, include_removed), in path order."""
        where, params = filters_sql(**filters)
        sql = ("SELECT d.*, a.surname, a.initials, a.salutation_name, a.position "
               "FROM documents d LEFT JOIN addressees a ON a.document_id = d.id"
               + (" WHERE " + " AND ".join(where) if where else "") + " ORDER BY d.path")
        if limit is not None:
            sql += " LIMIT ?"
            params.append(int(limit))
        return [DocumentRow(id=r["id"], path=r["path"], sha256=r["sha256"],
                            language=r["language"], doc_type=r["doc_type"], title=r["title"],
                            date=r["date"], year=r["year"], number=r["number"],
                            chamber=r["chamber"], faction=r["faction"], pages=r["pages"],
                            addressee=addressee_label(r), indexed_at=r["indexed_at"],
                            removed=bool(r["removed"]))
                for r in self.con.execute(sql, params)]

    def text(self, doc: int | str) -> str | None:
        """The full text of a document, by id or path."""
        column = "id" if isinstance(doc, int) else "path"
        row = self.con.execute(f"SELECT text FROM documents WHERE {column} = ?",
                               (doc,)).fetchone()
        return row[0] if row else None

    def figures(self, *, kind: str | None = None, currency: str | None = None,
                **filters: Any) -> list[FigureRow]:
        """The figures of the documents (filtered like `documents`), optionally of one `kind`
        ("money", "percent", "quantity", …) or `currency` ("KZT", "USD", …)."""
        where, params = filters_sql(**filters)
        if kind:
            where.append("f.kind = ?")
            params.append(kind)
        if currency:
            where.append("f.currency = ?")
            params.append(currency.upper())
        sql = ("SELECT f.*, d.path FROM figures f JOIN documents d ON d.id = f.document_id"
               + (" WHERE " + " AND ".join(where) if where else "")
               + " ORDER BY d.path, f.ord")
        return [FigureRow(document_id=r["document_id"], path=r["path"], text=r["text"],
                          value=r["value"], kind=r["kind"], unit=r["unit"],
                          currency=r["currency"], approximate=bool(r["approximate"]),
                          qualifier=r["qualifier"], year=r["year"], sentence=r["sentence"])
                for r in self.con.execute(sql, params)]

    def failures(self, *, include_removed: bool = False) -> list[FailureRow]:
        """The files that could not be indexed, with the reason."""
        sql = "SELECT * FROM failures"
        if not include_removed:
            sql += " WHERE removed_at IS NULL"
        return [FailureRow(path=r["path"], kind=r["kind"], error=r["error"],
                           failed_at=r["failed_at"], attempts=r["attempts"],
                           removed=r["removed_at"] is not None)
                for r in self.con.execute(sql + " ORDER BY path")]

    def stats(self, by: str | None = None, *, sum_figures: bool = False,
              **filters: Any) -> list[StatRow]:
        """Document counts per `by` group (one of STATS_BY), most documents first; with
        `sum_figures`, the sums of money figures by currency in each group. Without `by`, a
        single row for the whole archive. Documents without a value are counted under None."""
        if by is not None and by not in _GROUPS:
            raise QueryError(f"cannot group by {by!r}: choose one of {', '.join(STATS_BY)}")
        where, params = filters_sql(**filters)
        base = _GROUPS.get(by) or "SELECT d.id AS doc, NULL AS key FROM documents d"
        if where:
            base += (" WHERE " if " WHERE " not in base else " AND ") + " AND ".join(where)
        rows: dict[Any, StatRow] = {}
        for r in self.con.execute(f"SELECT key, count(DISTINCT doc) AS n FROM ({base}) "
                                  "GROUP BY key ORDER BY n DESC, key", params):
            rows[r["key"]] = StatRow(key=r["key"], documents=r["n"])
        if sum_figures:
            for r in self.con.execute(
                    f"SELECT g.key, f.currency, sum(f.value) AS total, count(*) AS n "
                    f"FROM ({base}) g JOIN figures f ON f.document_id = g.doc "
                    "WHERE f.currency IS NOT NULL AND f.value IS NOT NULL "
                    "GROUP BY g.key, f.currency ORDER BY g.key, f.currency", params):
                row = rows.get(r["key"])
                if row is not None:
                    row.sums[r["currency"]] = r["total"]
                    row.figures += r["n"]
        return list(rows.values())

    def overview(self) -> dict[str, Any]:
        """Totals of the archive: documents, removed, failures, figures, and the last run."""
        one = lambda sql: self.con.execute(sql).fetchone()[0]  # noqa: E731
        last = self.con.execute("SELECT * FROM runs WHERE finished_at IS NOT NULL "
                                "ORDER BY id DESC LIMIT 1").fetchone()
        return {
            "path": self.path,
            "documents": one("SELECT count(*) FROM documents WHERE removed = 0"),
            "removed": one("SELECT count(*) FROM documents WHERE removed = 1"),
            "failures": one("SELECT count(*) FROM failures WHERE removed_at IS NULL"),
            "figures": one("SELECT count(*) FROM figures f JOIN documents d "
                           "ON d.id = f.document_id WHERE d.removed = 0"),
            "signatories": one("SELECT count(*) FROM signatories s JOIN documents d "
                               "ON d.id = s.document_id WHERE d.removed = 0"),
            "demands": one("SELECT count(*) FROM demands m JOIN documents d "
                           "ON d.id = m.document_id WHERE d.removed = 0"),
            "languages": dict(self.con.execute(
                "SELECT coalesce(language, '?'), count(*) FROM documents WHERE removed = 0 "
                "GROUP BY 1 ORDER BY 2 DESC").fetchall()),
            "last_run": dict(last) if last else None,
        }

    # -- exports

    def rows(self, table: str, *, include_text: bool = True,
             include_removed: bool = False) -> tuple[list[str], Iterator[sqlite3.Row]]:
        """The column names and rows of one export table (see EXPORT_TABLES)."""
        if table not in EXPORT_TABLES:
            raise QueryError(f"no table {table!r} to export: choose one of "
                             f"{', '.join(EXPORT_TABLES)}")
        if table == "failures":
            sql = ("SELECT path, sha256, kind, error, failed_at, attempts, removed_at "
                   "FROM failures" + ("" if include_removed else " WHERE removed_at IS NULL")
                   + " ORDER BY path")
        else:
            sql = _EXPORTS[table].replace("{text}", ", d.text" if include_text else "")
            if not include_removed:
                sql += " WHERE d.removed = 0"
            sql += " ORDER BY d.path" + (", 3" if table not in ("documents", "addressees") else "")
        cur = self.con.execute(sql)
        return [c[0] for c in cur.description], cur

    def export(self, table: str, fmt: str, output: IO | str | os.PathLike, *,
               include_text: bool = True, include_removed: bool = False) -> int:
        """Write one table as csv, jsonl or parquet to a file (a path, or an open file: text
        for csv/jsonl, binary for parquet). Returns the number of rows."""
        if fmt not in EXPORT_FORMATS:
            raise QueryError(f"no export format {fmt!r}: choose one of "
                             f"{', '.join(EXPORT_FORMATS)}")
        columns, cursor = self.rows(table, include_text=include_text,
                                    include_removed=include_removed)
        if fmt == "parquet":
            return _write_parquet(columns, cursor, output)
        handle, opened = output, False
        if isinstance(output, (str, os.PathLike)):
            handle = open(output, "w", encoding="utf-8", newline="")
            opened = True
        try:
            count = 0
            if fmt == "csv":
                writer = csv.writer(handle)
                writer.writerow(columns)
                for row in cursor:
                    writer.writerow(tuple(row))
                    count += 1
            else:
                for row in cursor:
                    handle.write(json.dumps(dict(zip(columns, row)), ensure_ascii=False) + "\n")
                    count += 1
        finally:
            if opened:
                handle.close()
        return count


class MissingDependency(KzdocsError):
    """An optional extra that an export or backend needs is not installed."""


def _write_parquet(columns: list[str], cursor, output) -> int:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise MissingDependency("parquet export needs pyarrow: pip install 'kzdocs[parquet]' "
                                "(or export csv or jsonl)") from None

    def kind(name: str):
        if name in _INT_COLUMNS:
            return pa.int64()
        if name in _FLOAT_COLUMNS:
            return pa.float64()
        return pa.string()

    schema = pa.schema([(name, kind(name)) for name in columns])
    count = 0
    writer = pq.ParquetWriter(output, schema)
    try:
        while True:
            batch = cursor.fetchmany(5000)
            if not batch:
                break
            count += len(batch)
            table = pa.Table.from_pylist([dict(zip(columns, row)) for row in batch],
                                         schema=schema)
            writer.write_table(table)
    finally:
        writer.close()
    return count
