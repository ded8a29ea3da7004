"""The spaCy training configs (kzdocs/data/configs, also configs/ at the repository root),
shipped with the package so that `kzdocs train` works from an installed kzdocs."""
from __future__ import annotations

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
