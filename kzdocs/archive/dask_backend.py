"""`kzdocs index --scheduler tcp://HOST:8786`: extraction on a Dask cluster, writes here.

The client (this process) walks the folders, reads each PDF that needs extracting and sends
its bytes with the task, so the workers need kzdocs installed but no access to the files.
Each Dask worker thread extracts in a worker subprocess of its own (`worker.Sandbox`), which
is killed and replaced when a document overruns the time limit, exactly as with local
workers. Results come back through `as_completed` and are written by this process only, one
document per transaction. At most a few tasks per worker thread are in flight, so memory stays
flat on archives of any size.

dask.distributed is an optional extra (`pip install 'kzdocs[dask]'`), imported only here.
"""
from __future__ import annotations

import os
import tempfile
import threading
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from .core import MissingDependency
from .store import ArchiveError
from .worker import Sandbox, failure

_local = threading.local()


def remote_extract(task: dict[str, Any], data: bytes, timeout: float | None,
                   warmup: dict[str, Any] | None = None) -> dict[str, Any]:
    """Runs on a Dask worker: extract one PDF given as bytes, in a killable subprocess."""
    fd, tmp = tempfile.mkstemp(suffix=".pdf", prefix="kzdocs-")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
        sandbox = getattr(_local, "sandbox", None)
        if sandbox is None:
            sandbox = Sandbox(warmup)
            sandbox.wait_ready()
            _local.sandbox = sandbox
        result, alive = sandbox.run(dict(task, path=tmp), timeout)
        if not alive:
            _local.sandbox = None
        result.pop("task", None)
        result["path"] = task["source_path"]
        if result.get("ok"):
            result["data"]["source"]["path"] = task["source_path"]
        return result
    finally:
        try:
            os.unlink(tmp)
        except OSError:
            pass


class DaskPool:
    """The same interface as `worker.LocalPool`, on an existing Dask cluster."""

    def __init__(self, scheduler: str, *, timeout: float | None = 120.0,
                 per_thread: int = 2, warmup: dict[str, Any] | None = None) -> None:
        self.scheduler = scheduler
        self.warmup = warmup
        self.timeout = timeout
        self.per_thread = per_thread

    def _client(self):
        try:
            from distributed import Client
        except ImportError:
            raise MissingDependency("--scheduler needs dask.distributed: "
                                    "pip install 'kzdocs[dask]'") from None
        try:
            return Client(self.scheduler, timeout="10s", set_as_default=False)
        except (OSError, TimeoutError) as exc:
            raise ArchiveError(f"cannot reach the Dask scheduler at {self.scheduler}: "
                               f"{exc}") from None

    def run(self, tasks: Iterable[dict[str, Any]]) -> Iterator[dict[str, Any]]:
        from distributed import as_completed

        client = self._client()
        try:
            threads = sum(client.nthreads().values()) or 1
            window = max(4, self.per_thread * threads)
            pending = iter(tasks)
            owner: dict[Any, dict[str, Any]] = {}
            completed = None
            started: list[Any] = []
            early: list[dict[str, Any]] = []

            def submit() -> bool:
                for task in pending:
                    try:
                        with open(task["path"], "rb") as handle:
                            data = handle.read()
                    except OSError as exc:
                        early.append(failure(task, "input",
                                             f"cannot read ({exc.strerror or exc})"))
                        continue
                    future = client.submit(remote_extract, task, data, self.timeout,
                                           self.warmup, pure=False,
                                           key=f"kzdocs-extract-{uuid.uuid4().hex}")
                    owner[future] = task
                    if completed is None:
                        started.append(future)
                    else:
                        completed.add(future)
                    return True
                return False

            for _ in range(window):
                if not submit():
                    break
            yield from early
            early.clear()
            if not started:
                return
            completed = as_completed(started, loop=client.loop)
            for future in completed:
                task = owner.pop(future)
                try:
                    result = future.result()
                except Exception as exc:  # KilledWorker, a lost worker, a cancelled task
                    result = failure(task, "crash", f"Dask task failed: "
                                                    f"{type(exc).__name__}: {exc}")
                    result.pop("task", None)
                future.release()
                submit()
                yield result
                yield from early
                early.clear()
        finally:
            client.close()
