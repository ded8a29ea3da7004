"""kzdocs: read deputy inquiries of the Parliament of Kazakhstan from PDF into structured data.

The public API is imported lazily so that `kzdocs --help` and `import kzdocs` stay fast.
"""
from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.2.0"

_API = {
    "extract": ("kzdocs.extract", "extract"),
    "read_pdf": ("kzdocs.pdf", "read_pdf"),
    "extract_figures": ("kzdocs.extract.figures", "extract_figures"),
    "Archive": ("kzdocs.archive", "Archive"),
    "Inquiry": ("kzdocs.model", "Inquiry"),
    "Document": ("kzdocs.document", "Document"),
    "KzdocsError": ("kzdocs.errors", "KzdocsError"),
    "InputError": ("kzdocs.errors", "InputError"),
}
__all__ = [*_API, "__version__"]

if TYPE_CHECKING:
    from .archive import Archive
    from .document import Document
    from .errors import InputError, KzdocsError
    from .extract import extract
    from .extract.figures import extract_figures
    from .model import Inquiry
    from .pdf import read_pdf


def __getattr__(name: str) -> Any:
    from .lazy import resolve

    return resolve("kzdocs", _API, globals(), name)
