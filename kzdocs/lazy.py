"""Lazy public names: a package lists where each lives and imports it on first use."""
from __future__ import annotations

import importlib
from typing import Any


def resolve(package: str, api: dict[str, tuple[str, str]], namespace: dict[str, Any],
            name: str) -> Any:
    """The object `name` of `package`, imported from the module `api` names for it and kept
    in the package's `namespace` so later lookups are plain attribute reads."""
    if name not in api:
        raise AttributeError(f"module {package!r} has no attribute {name!r}")
    module, attr = api[name]
    value = getattr(importlib.import_module(module), attr)
    namespace[name] = value
    return value
