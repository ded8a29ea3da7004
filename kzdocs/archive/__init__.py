"""Archives of many inquiries: index folders of PDFs into SQLite, search them, count, export.

    from kzdocs.archive import Archive, index

    index("archive.sqlite", ["scans/2021", "scans/2022"], jobs=2)   # or `kzdocs index`
    with Archive("archive.sqlite") as archive:
        hits = archive.search("миграция", lang="kk", limit=5)
        by_year = archive.stats("year", sum_figures=True)

See docs/archive.md. Names are imported lazily: `kzdocs.archive` itself loads nothing heavy,
so that worker processes and `kzdocs --help` start fast.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

_API = {
    "Archive": ("kzdocs.archive.core", "Archive"),
    "DocumentRow": ("kzdocs.archive.core", "DocumentRow"),
    "FigureRow": ("kzdocs.archive.core", "FigureRow"),
    "StatRow": ("kzdocs.archive.core", "StatRow"),
    "FailureRow": ("kzdocs.archive.core", "FailureRow"),
    "MissingDependency": ("kzdocs.archive.core", "MissingDependency"),
    "SearchHit": ("kzdocs.archive.search", "SearchHit"),
    "QueryError": ("kzdocs.archive.search", "QueryError"),
    "ArchiveError": ("kzdocs.archive.store", "ArchiveError"),
    "index": ("kzdocs.archive.indexer", "index"),
    "Indexer": ("kzdocs.archive.indexer", "Indexer"),
    "IndexSummary": ("kzdocs.archive.indexer", "IndexSummary"),
    "pipeline_version": ("kzdocs.archive.indexer", "pipeline_version"),
    "lemmatize": ("kzdocs.archive.stem", "lemmatize"),
    "stem": ("kzdocs.archive.stem", "stem"),
}
__all__ = list(_API)

if TYPE_CHECKING:
    from .core import (Archive, DocumentRow, FailureRow, FigureRow, MissingDependency,
                       StatRow)
    from .indexer import Indexer, IndexSummary, index, pipeline_version
    from .search import QueryError, SearchHit
    from .stem import lemmatize, stem
    from .store import ArchiveError


def __getattr__(name: str) -> Any:
    from ..lazy import resolve

    return resolve("kzdocs.archive", _API, globals(), name)
