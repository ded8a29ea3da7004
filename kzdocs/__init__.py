"""kzdocs: read deputy inquiries of the Parliament of Kazakhstan from PDF into structured data.

The public API is imported lazily so that `kzdocs --help` and `import kzdocs` stay fast.
"""
from __future__ import annotations

__version__ = "0.1.0"
