"""The spaCy training configs (kzdocs/data/configs, also configs/ at the repository root),
shipped with the package so that `kzdocs train` works from an installed kzdocs."""
from __future__ import annotations

import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

CONFIG_DIR = Path(__file__).resolve().parent / "data" / "configs"


def resolve_config(config: str | Path, kind: str) -> Path:
    """A config given as a path, a file name in configs/, or a short name ("cnn96" for
    configs/ner_cnn96.cfg when `kind` is "ner")."""
    path = Path(config)
    if path.exists():
        return path
    for candidate in (CONFIG_DIR / path, CONFIG_DIR / f"{path}.cfg",
                      CONFIG_DIR / f"{kind}_{path}.cfg"):
        if candidate.exists():
            return candidate
    raise FileNotFoundError(f"no {kind} config {config!r} (looked in {CONFIG_DIR})")


@contextmanager
def work_directory(path: str | Path | None, prefix: str) -> Iterator[Path]:
    """A folder for training files: `path` when given (kept afterwards), else a temporary one
    (removed afterwards)."""
    if path is None:
        with tempfile.TemporaryDirectory(prefix=prefix, ignore_cleanup_errors=True) as tmp:
            yield Path(tmp)
    else:
        work = Path(path)
        work.mkdir(parents=True, exist_ok=True)
        yield work
