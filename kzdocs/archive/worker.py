"""Extraction in separate worker processes that can be stopped at any moment.

Each worker is a fresh Python process (`python -m kzdocs.archive.worker IN OUT [OPTIONS]`) in
its own process group, talking to its parent over two pipes. It loads the models it will need
(on two small sample letters) before it reports ready, so their loading does not count against
the first document's time limit. A worker that overruns the time limit is
killed with its whole group (tesseract included) and replaced; one that dies (a crash in a
PDF library, the kernel's OOM killer) costs only the file it was reading. A worker exits by
itself when its parent goes away, even in the middle of a document.

`LocalPool` runs N workers for `kzdocs index -j N`; `Sandbox.run` runs one task in one worker
and is what each Dask worker uses (a daemonic Dask worker may not fork children of its own
through multiprocessing, but may start a subprocess).

For tests, the environment variable KZDOCS_ARCHIVE_FAULT makes a worker misbehave on purpose:
`delay=SECONDS` (every document), `hang=TEXT` (sleep forever on a file whose name contains
TEXT), `crash=TEXT` (exit at once on such a file); several are separated by `;`.
"""
from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
from collections import deque
from collections.abc import Iterable, Iterator
from multiprocessing.connection import Connection, wait
from pathlib import Path
from typing import Any

READY = "ready"
BOOT_TIMEOUT = 120.0


# ---------------------------------------------------------------- the worker process


def _faults() -> dict[str, str]:
    spec = os.environ.get("KZDOCS_ARCHIVE_FAULT", "")
    return dict(part.split("=", 1) for part in spec.split(";") if "=" in part)


def _apply_faults(faults: dict[str, str], name: str) -> None:
    if "delay" in faults:
        time.sleep(float(faults["delay"]))
    if faults.get("hang") and faults["hang"] in name:
        while True:
            time.sleep(3600)
    if faults.get("crash") and faults["crash"] in name:
        os._exit(3)


def _peak_rss() -> int | None:
    """Peak resident memory of this process in bytes (None where unknown)."""
    try:  # Linux: VmHWM is this program's own peak (ru_maxrss keeps the forking parent's)
        with open("/proc/self/status", encoding="ascii") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    try:
        import resource
    except ImportError:  # Windows
        return None
    rss = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return rss if sys.platform == "darwin" else rss * 1024


def extract_one(task: dict[str, Any], faults: dict[str, str] | None = None) -> dict[str, Any]:
    """Extract one file: a result dict with the Inquiry's JSON and its stems, or the reason it
    failed. Never raises for a bad file."""
    from ..errors import InputError
    from ..extract import extract
    from .stem import lemmatize

    source_path = task.get("source_path") or task["path"]
    result: dict[str, Any] = {"path": source_path, "ok": False}
    start, cpu = time.perf_counter(), time.process_time()
    try:
        _apply_faults(faults or {}, os.path.basename(source_path))
        options = {k: task[k] for k in ("topics", "entities") if k in task}
        inquiry = extract(Path(task["path"]), lang=task.get("lang"), ocr=task.get("ocr", "auto"),
                          max_pages=task.get("max_pages", 200), **options)
        inquiry.source.path = source_path
        data = inquiry.to_dict()
        result.update(ok=True, data=data, stems=lemmatize(data.get("text") or "",
                                                         data.get("language")))
    except InputError as exc:
        result.update(kind="input", error=exc.reason)
    except MemoryError:
        result.update(kind="memory", error="out of memory")
    except Exception as exc:  # a bug in an extractor must not stop the archive
        result.update(kind="error", error=f"internal error: {type(exc).__name__}: {exc}")
    result["seconds"] = time.perf_counter() - start
    result["cpu"] = time.process_time() - cpu
    result["rss"] = _peak_rss()
    return result


WARMUP = {
    "kk": "Қазақстан Республикасының Премьер-Министрі А.Ұ. Маминге\n\nДепутаттық сауал\n\n"
          "Құрметті Асқар Ұзақбайұлы!\nБиыл Алматы облысында баға 30 пайызға өсті. "
          "Үкіметтен шара қабылдауды сұраймыз.\n\nМәжіліс депутаты Е. Бейсенбаев",
    "ru": "Премьер-Министру Республики Казахстан А.У. Мамину\n\nДепутатский запрос\n\n"
          "Уважаемый Аскар Узакбаевич!\nВ Алматинской области цены выросли на 30 процентов. "
          "Просим принять меры.\n\nДепутат Мажилиса Е. Бейсенбаев",
}


def warm_up(options: dict[str, Any]) -> None:
    """Load the models a document will need (NER, topics) before the first document, so that
    their loading time does not count against the first document's time limit."""
    from ..extract import extract

    for lang, text in WARMUP.items():
        if options.get("lang") not in (None, lang):
            continue
        try:
            extract(text, lang=lang, **{k: options[k] for k in ("topics", "entities")
                                        if k in options})
        except Exception:  # a missing model shows up again, as the documents' failure
            pass


def _watch_parent(parent: int) -> None:
    while True:
        time.sleep(1.0)
        if os.getppid() != parent:
            os._exit(0)


def main(argv: list[str] | None = None) -> None:
    argv = sys.argv[1:] if argv is None else argv
    inbox = Connection(int(argv[0]), writable=False)
    outbox = Connection(int(argv[1]), readable=False)
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch_parent, args=(os.getppid(),), daemon=True).start()
    faults = _faults()
    warm_up(json.loads(argv[2]) if len(argv) > 2 else {})
    outbox.send((READY, os.getpid()))
    while True:
        try:
            task = inbox.recv()
        except (EOFError, OSError):
            break
        if task is None:
            break
        result = extract_one(task, faults)
        try:
            outbox.send(result)
        except (BrokenPipeError, OSError):
            break


# ---------------------------------------------------------------- the parent's side


def _describe_exit(code: int | None) -> str:
    if code is None:
        return "still running"
    if code < 0:
        try:
            return f"killed by {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with status {code}"


#: One thread per worker for the numeric libraries under spaCy and Natasha: with their default
#: thread pools a single worker kept 1.2 cores busy, and two workers could not scale on two.
SINGLE_THREAD = {name: "1" for name in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS",
                                        "MKL_NUM_THREADS", "NUMEXPR_NUM_THREADS")}


def _child_env() -> dict[str, str]:
    env = dict(os.environ, **SINGLE_THREAD)
    root = str(Path(__file__).resolve().parents[2])
    env["PYTHONPATH"] = os.pathsep.join(p for p in (root, env.get("PYTHONPATH")) if p)
    return env


class Sandbox:
    """One worker process, started at once; it announces itself when ready."""

    def __init__(self, warmup: dict[str, Any] | None = None) -> None:
        to_child_r, to_child_w = os.pipe()
        from_child_r, from_child_w = os.pipe()
        try:
            self.proc = subprocess.Popen(
                [sys.executable, "-m", "kzdocs.archive.worker", str(to_child_r),
                 str(from_child_w), json.dumps(warmup or {})],
                pass_fds=(to_child_r, from_child_w), stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL, start_new_session=True, env=_child_env(),
                close_fds=True)
        finally:
            os.close(to_child_r)
            os.close(from_child_w)
        self.inbox = Connection(to_child_w, readable=False)
        self.conn = Connection(from_child_r, writable=False)
        self.ready = False
        self.done = 0
        self.started = time.monotonic()
        self.task: dict[str, Any] | None = None
        self.task_started = 0.0

    def send(self, task: dict[str, Any]) -> None:
        self.task = task
        self.task_started = time.monotonic()
        self.inbox.send(task)

    def recv(self) -> Any:
        return self.conn.recv()

    def kill(self) -> int | None:
        """Stop the worker and everything it started, now. Returns its exit status."""
        try:
            os.killpg(self.proc.pid, signal.SIGKILL)
        except (ProcessLookupError, PermissionError, AttributeError):
            try:
                self.proc.kill()
            except ProcessLookupError:
                pass
        return self._reap()

    def close(self) -> None:
        """Let the worker finish and exit; kill it if it does not within a few seconds."""
        try:
            self.inbox.send(None)
        except OSError:
            pass
        try:
            self.proc.wait(timeout=5)
        except subprocess.TimeoutExpired:
            self.kill()
        self._reap()

    def _reap(self) -> int | None:
        for conn in (self.inbox, self.conn):
            try:
                conn.close()
            except OSError:
                pass
        try:
            return self.proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            return None

    def wait_ready(self, timeout: float = BOOT_TIMEOUT) -> None:
        while not self.ready:
            if not self.conn.poll(timeout):
                self.kill()
                raise RuntimeError(f"worker did not start within {timeout:g} s")
            try:
                message = self.recv()
            except (EOFError, OSError):
                code = self.kill()
                raise RuntimeError(f"worker could not start ({_describe_exit(code)})") from None
            if isinstance(message, tuple) and message[0] == READY:
                self.ready = True

    def run(self, task: dict[str, Any], timeout: float | None) -> tuple[dict[str, Any], bool]:
        """Run one task; returns (result, alive): `alive` is False when the worker had to be
        killed or died, and a new Sandbox is needed."""
        self.send(task)
        if not self.conn.poll(timeout):
            self.kill()
            return failure(task, "timeout", timeout_reason(timeout)), False
        try:
            return self.recv(), True
        except (EOFError, OSError):
            code = self.kill()
            return failure(task, "crash", f"worker died ({_describe_exit(code)})"), False


def failure(task: dict[str, Any], kind: str, error: str) -> dict[str, Any]:
    return {"path": task.get("source_path") or task["path"], "ok": False, "kind": kind,
            "error": error, "task": task}


def timeout_reason(timeout: float | None) -> str:
    return f"took longer than the limit of {timeout:g} s (--timeout); worker stopped"


class LocalPool:
    """N worker processes on this machine, each given one file at a time.

    `run(tasks)` yields one result per task in the order they finish; the next file is handed
    to a worker before the previous result is given back, so writing it overlaps extraction.
    """

    def __init__(self, jobs: int, *, timeout: float | None = 120.0,
                 recycle_after: int = 1000, warmup: dict[str, Any] | None = None) -> None:
        self.jobs = max(1, jobs)
        self.warmup = warmup
        self.timeout = timeout
        self.recycle_after = recycle_after
        self.workers: list[Sandbox] = []
        self.boot_failures = 0

    def _replace(self, old: Sandbox | None) -> None:
        if old is not None:
            self.workers.remove(old)
        self.workers.append(Sandbox(self.warmup))

    def run(self, tasks: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        queue = deque(tasks)
        if not queue:
            return
        try:
            while len(self.workers) < min(self.jobs, len(queue)):
                self.workers.append(Sandbox(self.warmup))
            while queue or any(w.task is not None for w in self.workers):
                self._dispatch(queue)
                out = self._collect(queue)
                self._dispatch(queue)
                yield from out
        finally:
            self.shutdown()

    def _dispatch(self, queue: deque) -> None:
        for worker in self.workers:
            if queue and worker.ready and worker.task is None:
                try:
                    worker.send(queue[0])
                except OSError:  # died between tasks: noticed by _collect
                    worker.task = None
                    continue
                queue.popleft()

    def _collect(self, queue: deque) -> list[dict[str, Any]]:
        out: list[dict[str, Any]] = []
        busy = [w for w in self.workers if w.task is not None]
        now = time.monotonic()
        timeout = None
        if self.timeout is not None and busy:
            timeout = max(0.0, min(w.task_started + self.timeout for w in busy) - now)
        by_conn = {w.conn: w for w in self.workers}
        for conn in wait(list(by_conn), timeout=timeout):
            worker = by_conn[conn]
            try:
                message = worker.recv()
            except (EOFError, OSError):
                code = worker.kill()
                if worker.task is not None:
                    out.append(failure(worker.task, "crash",
                                       f"worker died ({_describe_exit(code)})"))
                elif not worker.ready:
                    self.boot_failures += 1
                    if self.boot_failures >= 3:
                        raise RuntimeError(
                            f"kzdocs worker processes cannot start ({_describe_exit(code)}); "
                            f"try `{sys.executable} -m kzdocs.archive.worker` by hand")
                self._replace(worker)
                continue
            if not worker.ready:
                worker.ready = True
                self.boot_failures = 0
                continue
            worker.task = None
            worker.done += 1
            out.append(message)
            if worker.done >= self.recycle_after and queue:
                worker.close()
                self._replace(worker)
        if self.timeout is not None:
            now = time.monotonic()
            for worker in list(self.workers):
                if worker.task is not None and now - worker.task_started >= self.timeout:
                    task = worker.task
                    worker.kill()
                    out.append(failure(task, "timeout", timeout_reason(self.timeout)))
                    self._replace(worker)
        return out

    def shutdown(self) -> None:
        """Stop every worker at once: results are only ever written by this process, so a
        worker has nothing left to save (and unloading the models takes longer than a kill)."""
        for worker in self.workers:
            worker.kill()
        self.workers = []


if __name__ == "__main__":
    main()
