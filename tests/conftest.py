"""Shared paths and fixtures: the repository, the corpus, and ../shared (seed and data sets)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
SHARED = ROOT.parent / "shared"
SEED = SHARED / "seed"
CORPUS = ROOT / "corpus"
DATA = Path(__file__).resolve().parent / "data"
sys.path.insert(0, str(CORPUS))


@pytest.fixture(scope="session")
def seed_pdf() -> Path:
    path = SEED / "seed.pdf"
    if not path.exists():
        pytest.skip("../shared/seed is not present")
    return path


@pytest.fixture(scope="session")
def seed_scan() -> Path:
    path = SEED / "seed.scan.pdf"
    if not path.exists():
        pytest.skip("../shared/seed is not present")
    return path


@pytest.fixture(scope="session")
def seed_text() -> str:
    """The founding inquiry as the corpus keeps it (paragraphs on one line each)."""
    from check import plain_text

    return plain_text((CORPUS / "src" / "kk-0000.txt").read_text(encoding="utf-8"))
