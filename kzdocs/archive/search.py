"""Full-text search over an archive: a user's query made into a safe FTS5 expression, filters,
bm25 ranking and highlighted snippets.

Whatever a user types is never passed to FTS5 as syntax. The query is read with a small
grammar of its own: words, "quoted phrases", `OR` between words, `-word` or `NOT word` to
exclude, `word*` for a prefix. Every word that reaches FTS5 is made of letters and digits only
and sits inside double quotes; any other character (quotes, brackets, `:`, `^`, `NEAR(`, `;`)
is a separator. A query with nothing left to look for raises QueryError with a plain message.

Each word matches its exact form in the title or the text, or any of its stems
(`stem.query_forms`) in the `stems` column, so "миграция" finds "миграциясы", "миграциясын"
and "миграции". Exact matches rank above stem matches (bm25 column weights).
"""
from __future__ import annotations

import re
import sqlite3
from dataclasses import dataclass, field
from typing import Any

from ..errors import KzdocsError
from .stem import TOKEN, lemma, query_forms

MAX_ITEMS = 64
WEIGHTS = (2.0, 1.0, 0.5)  # title, text, stems
_LEXER = re.compile(r'"([^"]*)"?|(\S+)')


class QueryError(KzdocsError):
    """A search query that has nothing to look for, or a filter that makes no sense."""


@dataclass
class Item:
    words: list[str]
    prefix: bool = False
    negated: bool = False


@dataclass
class Query:
    """A parsed user query: groups of items joined by OR, the items of a group by AND."""

    groups: list[list[Item]] = field(default_factory=list)
    excluded: list[Item] = field(default_factory=list)

    def fts(self) -> str:
        ors = []
        for group in self.groups:
            ands = [_item_fts(item) for item in group]
            ors.append(ands[0] if len(ands) == 1 else "(" + " AND ".join(ands) + ")")
        expr = ors[0] if len(ors) == 1 else "(" + " OR ".join(ors) + ")"
        if self.excluded:
            expr += " NOT (" + " OR ".join(_item_fts(item) for item in self.excluded) + ")"
        return expr

    def highlighter(self) -> "Highlighter":
        items = [item for group in self.groups for item in group]
        return Highlighter(items)


def _quoted(words: list[str]) -> str:
    # words are TOKEN matches (letters and digits only): nothing inside needs escaping
    return '"' + " ".join(words) + '"'


def _item_fts(item: Item) -> str:
    if item.prefix:
        return _quoted(item.words) + " *"
    exact = "{title text} : " + _quoted(item.words)
    stemmed = {" ".join(lemma(w, lang) for w in item.words) for lang in ("kk", "ru")}
    if len(item.words) == 1:
        stemmed = query_forms(item.words[0])
    parts = [exact] + [f"stems : {_quoted(s.split())}" for s in sorted(stemmed)]
    return "(" + " OR ".join(parts) + ")"


def parse(text: str) -> Query:
    """Read a user's query; raises QueryError when nothing is left to look for."""
    query = Query()
    group: list[Item] = []
    negate_next = False
    count = 0
    for match in _LEXER.finditer(text or ""):
        phrase, bare = match.group(1), match.group(2)
        if phrase is not None:
            words = TOKEN.findall(phrase)
            prefix = negated = False
        else:
            if bare == "OR":
                if group:
                    query.groups.append(group)
                    group = []
                continue
            if bare in ("AND", "+"):
                continue
            if bare == "NOT":
                negate_next = True
                continue
            negated = bare.startswith("-") and len(bare) > 1
            prefix = bare.rstrip('"').endswith("*")
            words = TOKEN.findall(bare)
        if not words:
            continue
        count += 1
        if count > MAX_ITEMS:
            raise QueryError(f"query too long: at most {MAX_ITEMS} words or phrases")
        item = Item(words, prefix=prefix and len(words) == 1,
                    negated=negated or negate_next)
        negate_next = False
        if item.negated:
            query.excluded.append(item)
        else:
            group.append(item)
    if group:
        query.groups.append(group)
    if not query.groups:
        if query.excluded:
            raise QueryError("nothing to search for: a query needs at least one word that is "
                             "not excluded")
        raise QueryError("nothing to search for: type one or more words "
                         "(quotes, brackets and operators alone do not make a query)")
    return query


class Highlighter:
    """Marks the words of a text that a query matched and cuts a snippet around them."""

    def __init__(self, items: list[Item]) -> None:
        self.exact = {w.lower() for item in items if not item.prefix for w in item.words}
        self.prefixes = tuple(item.words[0].lower() for item in items if item.prefix)
        self.stems = set()
        for item in items:
            if not item.prefix:
                for w in item.words:
                    self.stems |= query_forms(w)

    def matches(self, word: str, lang: str | None) -> bool:
        low = word.lower()
        if low in self.exact or (self.prefixes and low.startswith(self.prefixes)):
            return True
        return lemma(low, lang) in self.stems

    def snippet(self, text: str, lang: str | None, *, width: int = 30,
                mark: tuple[str, str] = ("[", "]")) -> str:
        tokens = list(TOKEN.finditer(text))
        hits = [i for i, t in enumerate(tokens) if self.matches(t.group(), lang)]
        if not tokens:
            return ""
        if hits:  # the window of `width` words holding the most matches
            best, best_count, j = hits[0], 0, 0
            for i, h in enumerate(hits):
                while hits[j] < h - width + 1:
                    j += 1
                if i - j + 1 > best_count:
                    best_count, best = i - j + 1, hits[j]
            first = max(0, best - 3)
        else:
            first = 0
        last = min(len(tokens), first + width) - 1
        start, end = tokens[first].start(), tokens[last].end()
        hit_set = set(hits)
        pieces, pos = [], start
        for i in range(first, last + 1):
            tok = tokens[i]
            if i in hit_set:
                pieces += [text[pos:tok.start()], mark[0], tok.group(), mark[1]]
                pos = tok.end()
        pieces.append(text[pos:end])
        body = " ".join("".join(pieces).split())
        return ("…" if start > 0 else "") + body + ("…" if end < len(text.rstrip()) else "")


# ---------------------------------------------------------------- filters


def filters_sql(*, topic: int | str | None = None, year: int | None = None,
                lang: str | None = None, addressee: str | None = None,
                signatory: str | None = None, faction: str | None = None,
                doc_type: str | None = None, include_removed: bool = False,
                alias: str = "d") -> tuple[list[str], list[Any]]:
    """SQL conditions on documents (table alias `alias`) for the search and listing filters.

    Text filters match case-insensitively on every word's stem, so "Смайыловқа" finds the
    addressee "Смайылов", and "министру финансов" a position "Министру финансов …"."""
    d = alias
    where: list[str] = []
    params: list[Any] = []
    if not include_removed:
        where.append(f"{d}.removed = 0")
    if year is not None:
        where.append(f"{d}.year = ?")
        params.append(int(year))
    if lang:
        where.append(f"{d}.language = ?")
        params.append(lang)
    if doc_type:
        where.append(f"{d}.doc_type = ?")
        params.append(doc_type)
    if topic is not None and str(topic) != "":
        try:
            code = int(topic)
        except (TypeError, ValueError):
            raise QueryError(f"--topic takes a topic code (a number), not {topic!r}") from None
        where.append(f"EXISTS (SELECT 1 FROM topics t WHERE t.document_id = {d}.id "
                     "AND t.code = ?)")
        params.append(code)

    def words(value: str, what: str) -> list[str]:
        found = [min(query_forms(w), key=len).casefold() for w in TOKEN.findall(value)]
        if not found:
            raise QueryError(f"--{what} needs at least one letter or digit")
        return found

    if faction:
        for w in words(faction, "faction"):
            where.append(f"instr(fold({d}.faction), ?) > 0")
            params.append(w)
    if addressee:
        hay = ("fold(coalesce(a.name, '') || ' ' || coalesce(a.surname, '') || ' ' || "
               "coalesce(a.initials, '') || ' ' || coalesce(a.salutation_name, '') || ' ' || "
               "coalesce(a.position, '') || ' ' || coalesce(a.organization, ''))")
        conds = " AND ".join(f"instr({hay}, ?) > 0" for _ in words(addressee, "addressee"))
        where.append(f"EXISTS (SELECT 1 FROM addressees a WHERE a.document_id = {d}.id "
                     f"AND {conds})")
        params += words(addressee, "addressee")
    if signatory:
        hay = ("fold(coalesce(s.name, '') || ' ' || coalesce(s.surname, '') || ' ' || "
               "coalesce(s.given_name, ''))")
        conds = " AND ".join(f"instr({hay}, ?) > 0" for _ in words(signatory, "signatory"))
        where.append(f"EXISTS (SELECT 1 FROM signatories s WHERE s.document_id = {d}.id "
                     f"AND {conds})")
        params += words(signatory, "signatory")
    return where, params


# ---------------------------------------------------------------- the search


@dataclass
class SearchHit:
    """One document found by a search, best first."""

    id: int
    path: str
    score: float
    title: str | None
    date: str | None
    language: str | None
    doc_type: str | None
    faction: str | None
    addressee: str | None
    signatories: list[str]
    snippet: str

    def to_dict(self) -> dict[str, Any]:
        from dataclasses import asdict

        return asdict(self)


def addressee_label(row: sqlite3.Row | dict | None) -> str | None:
    """How a document's addressee is shown: surname and initials, else the salutation name,
    else the position."""
    if row is None:
        return None
    if row["surname"]:
        return f"{row['surname']} {row['initials'] or ''}".strip()
    return row["salutation_name"] or row["position"] or None


def search(con: sqlite3.Connection, text: str, *, limit: int = 20,
           mark: tuple[str, str] = ("[", "]"), snippet_words: int = 30,
           **filters: Any) -> list[SearchHit]:
    query = parse(text)
    where, params = filters_sql(**filters)
    sql = (f"SELECT d.id, d.path, d.title, d.date, d.language, d.doc_type, d.faction, "
           f"bm25(fts, {WEIGHTS[0]}, {WEIGHTS[1]}, {WEIGHTS[2]}) AS rank "
           "FROM fts JOIN documents d ON d.id = fts.rowid WHERE fts MATCH ?"
           + "".join(f" AND {w}" for w in where) + " ORDER BY rank, d.id LIMIT ?")
    try:
        rows = con.execute(sql, [query.fts(), *params, max(1, int(limit))]).fetchall()
    except sqlite3.OperationalError as exc:  # should not happen: the expression is ours
        raise QueryError(f"cannot search for {text!r}: {exc}") from None
    if not rows:
        return []
    ids = [row["id"] for row in rows]
    marks = ",".join("?" * len(ids))
    addressees = {r["document_id"]: r for r in con.execute(
        f"SELECT * FROM addressees WHERE document_id IN ({marks})", ids)}
    signers: dict[int, list[str]] = {}
    for r in con.execute(f"SELECT document_id, name FROM signatories WHERE document_id IN "
                         f"({marks}) ORDER BY document_id, ord", ids):
        signers.setdefault(r["document_id"], []).append(r["name"])
    texts = dict(con.execute(f"SELECT id, text FROM documents WHERE id IN ({marks})", ids))
    light = query.highlighter()
    return [SearchHit(id=row["id"], path=row["path"], score=round(-row["rank"], 4),
                      title=row["title"], date=row["date"], language=row["language"],
                      doc_type=row["doc_type"], faction=row["faction"],
                      addressee=addressee_label(addressees.get(row["id"])),
                      signatories=signers.get(row["id"], []),
                      snippet=light.snippet(texts.get(row["id"]) or "", row["language"],
                                            width=snippet_words, mark=mark))
            for row in rows]
