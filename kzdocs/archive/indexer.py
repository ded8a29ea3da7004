"""`kzdocs index`: walk folders for PDFs, extract the new and changed ones in worker processes
(or on a Dask cluster), and store each result in the archive as it arrives.

Incremental: a file whose content (SHA-256) and pipeline version are those already stored is
skipped; a changed file is extracted again and its rows replaced; a file gone from the folders
is flagged `removed` (its rows stay). A file that failed is not tried again until its content,
the pipeline or the limits change (or with `retry_failed`). Only this process writes the
database, one document per transaction: a run killed at any moment loses nothing committed,
and the next run goes on from there.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from . import store

ARCHIVE_PIPELINE = 1  # bump when what the archive stores from an Inquiry changes
DEFAULT_TIMEOUT = 120.0
DEFAULT_MAX_PAGES = 200
PDF_SUFFIXES = (".pdf",)


def default_jobs() -> int:
    try:
        return len(os.sched_getaffinity(0)) or 1
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def pipeline_version(*, ocr: str = "auto", lang: str | None = None, topics: bool = True,
                     entities: bool = True) -> str:
    """What produced a stored document: kzdocs's version, this module's pipeline constant, the
    stemmer of the search column, the extraction options that change the result, and the
    models they use (a digest of their meta.json: a retrained model re-extracts too)."""
    from .. import __version__
    from .stem import STEMMER

    models = [name for name, used in (("kk_ner", entities), ("topics", topics)) if used]
    return (f"kzdocs {__version__}; archive {ARCHIVE_PIPELINE}; stems {STEMMER}; ocr {ocr}; "
            f"lang {lang or 'auto'}; topics {'on' if topics else 'off'}; "
            f"entities {'on' if entities else 'off'}; models {_models_digest(tuple(models))}")


@functools.lru_cache(maxsize=None)
def _models_digest(names: tuple[str, ...]) -> str:
    from ..nlp import MODELS

    digest = hashlib.sha256()
    for name in names:
        meta = MODELS / name / "meta.json"
        digest.update(name.encode() + (meta.read_bytes() if meta.exists() else b"absent"))
    return digest.hexdigest()[:12]


def find_pdfs(roots: list[str]) -> list[str]:
    """Absolute paths of the PDFs below `roots` (a root that is a file is taken as it is),
    sorted, without duplicates. Hidden folders are not entered."""
    found: set[str] = set()
    for root in roots:
        root = os.path.abspath(root)
        if os.path.isfile(root):
            found.add(root)
            continue
        for folder, dirs, files in os.walk(root):
            dirs[:] = [d for d in dirs if not d.startswith(".")]
            for name in files:
                if name.lower().endswith(PDF_SUFFIXES) and not name.startswith("."):
                    found.add(os.path.join(folder, name))
    return sorted(found)


def sha256_file(path: str) -> str:
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for chunk in iter(lambda: handle.read(1 << 20), b""):
            digest.update(chunk)
    return digest.hexdigest()


@dataclass
class IndexSummary:
    """What one `kzdocs index` run did."""

    indexed: int = 0
    skipped: int = 0
    failed: int = 0
    removed: int = 0
    restored: int = 0
    known_failures: int = 0
    found: int = 0
    seconds: float = 0.0
    backend: str = "local"
    jobs: int = 1
    peak_worker_rss: int | None = None
    worker_cpu: float = 0.0
    interrupted: bool = False
    failures: list[tuple[str, str]] = field(default_factory=list)

    @property
    def rate(self) -> float:
        """Documents extracted (indexed or failed) per second of the run."""
        done = self.indexed + self.failed
        return done / self.seconds if self.seconds > 0 else 0.0

    def to_dict(self) -> dict[str, Any]:
        return {"indexed": self.indexed, "skipped": self.skipped, "failed": self.failed,
                "removed": self.removed, "restored": self.restored,
                "known_failures": self.known_failures, "found": self.found,
                "seconds": round(self.seconds, 3), "documents_per_second": round(self.rate, 2),
                "backend": self.backend, "jobs": self.jobs,
                "peak_worker_rss": self.peak_worker_rss,
                "worker_cpu_seconds": round(self.worker_cpu, 3), "interrupted": self.interrupted,
                "failures": [{"path": p, "error": e} for p, e in self.failures]}

    def __str__(self) -> str:
        parts = [f"indexed {self.indexed}", f"skipped {self.skipped}", f"failed {self.failed}",
                 f"removed {self.removed}"]
        extra = []
        if self.known_failures:
            extra.append(f"{self.known_failures} skipped as known failures")
        if self.restored:
            extra.append(f"{self.restored} restored")
        line = ", ".join(parts) + (f" ({'; '.join(extra)})" if extra else "")
        line += f" of {self.found} PDFs in {self.seconds:.1f} s"
        if self.indexed + self.failed:
            line += f", {self.rate:.1f} documents/s"
        if self.interrupted:
            line += " (interrupted)"
        return line


class Indexer:
    """One indexing run; `summary` is kept up to date while it runs."""

    def __init__(self, db: str | os.PathLike, roots: list[str | os.PathLike], *,
                 jobs: int | None = None, timeout: float | None = DEFAULT_TIMEOUT,
                 max_pages: int = DEFAULT_MAX_PAGES, ocr: str = "auto", lang: str | None = None,
                 force: bool = False, retry_failed: bool = False, scheduler: str | None = None,
                 progress: bool | None = None, recycle_after: int = 1000,
                 topics: bool = True, entities: bool = True) -> None:
        self.db = db
        self.roots = [os.path.abspath(os.fspath(r)) for r in roots]
        self.jobs = jobs or default_jobs()
        self.timeout = timeout if timeout and timeout > 0 else None
        self.max_pages = max_pages
        self.ocr = ocr
        self.lang = lang
        self.force = force
        self.retry_failed = retry_failed
        self.scheduler = scheduler
        self.progress = sys.stderr.isatty() if progress is None else progress
        self.recycle_after = recycle_after
        self.topics = topics
        self.entities = entities
        self.pipeline = pipeline_version(ocr=ocr, lang=lang, topics=topics, entities=entities)
        self.settings = f"{self.pipeline}; max_pages {max_pages}; timeout {self.timeout}"
        self.summary = IndexSummary(backend="dask" if scheduler else "local",
                                    jobs=1 if scheduler else self.jobs)

    # -- planning

    def plan(self, con) -> list[dict[str, Any]]:
        """Flag removed files, skip unchanged ones, and return the tasks for the rest."""
        files = find_pdfs(self.roots)
        self.summary.found = len(files)
        self.summary.removed = store.mark_removed(con, self.roots, set(files))
        cond, params = store.under("path", self.roots)
        docs = {row["path"]: row for row in con.execute(
            f"SELECT path, sha256, pipeline, removed FROM documents WHERE {cond}", params)}
        fails = {row["path"]: row for row in con.execute(
            f"SELECT path, sha256, settings, removed_at FROM failures WHERE {cond}", params)}
        tasks = []
        for path in files:
            try:
                stat = os.stat(path)
                sha = sha256_file(path)
            except OSError as exc:
                self._record({"path": path, "ok": False, "kind": "input",
                              "error": f"cannot read ({exc.strerror or exc})"}, {}, con)
                continue
            doc = docs.get(path)
            if (not self.force and doc is not None and doc["sha256"] == sha
                    and doc["pipeline"] == self.pipeline):
                if doc["removed"]:
                    store.restore(con, path)
                    self.summary.restored += 1
                self.summary.skipped += 1
                continue
            fail = fails.get(path)
            if (not self.force and not self.retry_failed and fail is not None
                    and fail["sha256"] == sha and fail["settings"] == self.settings):
                if fail["removed_at"]:
                    con.execute("UPDATE failures SET removed_at = NULL WHERE path = ?", (path,))
                self.summary.skipped += 1
                self.summary.known_failures += 1
                continue
            tasks.append({"path": path, "source_path": path, "sha256": sha,
                          "size": stat.st_size, "mtime": stat.st_mtime, "lang": self.lang,
                          "ocr": self.ocr, "max_pages": self.max_pages,
                          "topics": self.topics, "entities": self.entities})
        return tasks

    # -- running

    def _backend(self):
        if self.scheduler:
            from .dask_backend import DaskPool

            return DaskPool(self.scheduler, timeout=self.timeout, warmup=self._warmup())
        from .worker import LocalPool

        return LocalPool(self.jobs, timeout=self.timeout, recycle_after=self.recycle_after,
                         warmup=self._warmup())

    def _warmup(self) -> dict[str, Any]:
        return {"lang": self.lang, "topics": self.topics, "entities": self.entities}

    def _record(self, result: dict[str, Any], task: dict[str, Any], con) -> None:
        self.summary.worker_cpu += result.get("cpu") or 0.0
        if result.get("rss"):
            self.summary.peak_worker_rss = max(self.summary.peak_worker_rss or 0, result["rss"])
        if result.get("ok"):
            source = result["data"].get("source") or {}
            result["sha256"] = source.get("sha256") or task.get("sha256")
            result["size"] = task.get("size")
            result["mtime"] = task.get("mtime")
            store.write_document(con, result, pipeline=self.pipeline)
            self.summary.indexed += 1
        else:
            result["sha256"] = task.get("sha256")
            store.write_failure(con, result, settings=self.settings)
            self.summary.failed += 1
            self.summary.failures.append((result["path"], result.get("error") or "failed"))

    def run(self) -> IndexSummary:
        start = time.perf_counter()
        con = store.connect(self.db, create=True)
        run_id = con.execute(
            "INSERT INTO runs (started_at, roots, pipeline, backend) VALUES (?,?,?,?)",
            (store.now(), json.dumps(self.roots, ensure_ascii=False), self.pipeline,
             self.scheduler or f"local -j {self.jobs}")).lastrowid
        bar = None
        try:
            tasks = self.plan(con)
            by_path = {t["source_path"]: t for t in tasks}
            if tasks:
                from tqdm import tqdm

                bar = tqdm(total=len(tasks), unit="doc", desc="indexing", file=sys.stderr,
                           disable=not self.progress, dynamic_ncols=True, smoothing=0.05)
                bar.set_postfix(failed=0)
                for result in self._backend().run(tasks):
                    self._record(result, by_path.get(result["path"], {}), con)
                    bar.update(1)
                    if not result.get("ok"):
                        bar.set_postfix(failed=self.summary.failed)
        except BaseException:
            self.summary.interrupted = True
            raise
        finally:
            if bar is not None:
                bar.close()
            self.summary.seconds = time.perf_counter() - start
            s = self.summary
            try:
                con.execute("UPDATE runs SET finished_at = ?, indexed = ?, skipped = ?, failed = ?,"
                            " removed = ?, seconds = ? WHERE id = ?",
                            (store.now(), s.indexed, s.skipped, s.failed, s.removed, s.seconds,
                             run_id))
            finally:
                con.close()
        return self.summary


def index(db: str | os.PathLike, roots: list[str | os.PathLike] | str | os.PathLike,
          **options: Any) -> IndexSummary:
    """Index the PDFs below `roots` into the archive `db`; see `Indexer` for the options."""
    if isinstance(roots, (str, os.PathLike)):
        roots = [roots]
    return Indexer(db, list(roots), **options).run()


def display_path(path: str) -> str:
    """A path relative to the current folder when it is below it."""
    try:
        return str(Path(path).relative_to(Path.cwd()))
    except ValueError:
        return path
