"""The annotated corpus: every document passes corpus/check.py, no near-duplicates, and the
extractors reach their quality targets on it."""
from __future__ import annotations

import json
from itertools import combinations

import pytest

from conftest import CORPUS

GOLD = sorted((CORPUS / "gold").glob("*.json"))


def test_every_document_passes_the_checks():
    from check import check

    problems = [p for path in GOLD for p in check(path.stem)]
    assert problems == []


def test_every_document_has_its_pdf_and_scans_exist():
    missing = [p.stem for p in GOLD if not (CORPUS / "pdf" / f"{p.stem}.pdf").exists()]
    assert missing == []
    scans = list((CORPUS / "pdf" / "scan").glob("*.pdf"))
    assert len(scans) >= 0.10 * len(GOLD)


def test_no_near_duplicates():
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.metrics.pairwise import cosine_similarity

    from check import plain_text

    texts = [plain_text((CORPUS / "src" / f"{p.stem}.txt").read_text(encoding="utf-8"))
             for p in GOLD]
    sims = cosine_similarity(TfidfVectorizer(analyzer="word").fit_transform(texts))
    close = [(GOLD[i].stem, GOLD[j].stem, round(float(sims[i, j]), 3))
             for i, j in combinations(range(len(GOLD)), 2) if sims[i, j] > 0.7]
    assert close == []


def test_gold_schema_fields():
    for path in GOLD:
        gold = json.loads(path.read_text(encoding="utf-8"))
        assert gold["doc_type"] in ("inquiry", "reply", "other")
        assert gold["language"] in ("kk", "ru", "mixed")
        if gold["doc_type"] != "inquiry":
            assert gold["demands"] == []


@pytest.fixture(scope="module")
def typed_report():
    from kzdocs.evaluate import evaluate_dir

    return evaluate_dir(CORPUS, scans=False)


@pytest.mark.parametrize("lang", ["kk", "ru"])
def test_extraction_quality_on_typed_corpus(typed_report, lang):
    r = typed_report[lang]
    assert r["doc_type"]["accuracy"] >= 0.97
    assert r["chamber"]["accuracy"] >= 0.95
    assert r["addressee"]["accuracy"] >= 0.95
    assert r["signatories"]["f1"] >= 0.97
    assert r["demands"]["f1"] >= 0.90
    assert r["figures"]["f1"] >= 0.95
    assert r["language"]["accuracy"] >= 0.97
