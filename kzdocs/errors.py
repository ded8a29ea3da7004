"""Errors kzdocs reports to its users: each names the file and the reason in one line."""
from __future__ import annotations


class KzdocsError(Exception):
    """Base of every error kzdocs raises on purpose."""


class InputError(KzdocsError):
    """A file kzdocs cannot read: missing, not a PDF, damaged, encrypted, too long, …"""

    def __init__(self, path: object, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = str(path)
        self.reason = reason


class OCRUnavailable(KzdocsError):
    """Tesseract (or one of its language packs) is not installed."""
