"""The language interface (kzdocs.nlp) and OCR's message when tesseract is missing."""
from __future__ import annotations

import subprocess
import sys

from kzdocs import nlp


def test_lemmas_join_the_forms_of_a_word():
    assert nlp.lemmas("миграциясы миграциясын миграция", "kk") == ["миграция"] * 3
    assert nlp.lemmas("миграции миграцией", "ru") == ["миграция", "миграция"]
    assert nlp.lemmas("Еңбек миграциясы және миграции", None)[1:] == ["миграция", "және", "миграция"]


def test_trained_kazakh_lemmatiser_is_available():
    words = "Мемлекет Басшысы азаматтарымыздың құқықтарын қорғауды тапсырды"
    trained = nlp.lemmas(words, "kk", trained=True)
    assert len(trained) == len(words.split()) and {"мемлекет", "қорғау"} <= set(trained)


def test_russian_entities_through_natasha():
    text = "Министр посетил Алматы и Шымкент вместе с Асетом Исекешевым."
    ents = nlp.entities(text, "ru")
    assert {(e.text, e.label) for e in ents} >= {("Алматы", "LOC"), ("Шымкент", "LOC")}
    assert all(text[e.start:e.end] == e.text for e in ents)


def test_kazakh_entities_have_offsets_in_the_whole_text(seed_text):
    ents = nlp.entities(seed_text, "kk")
    assert any(e.text == "Оңтүстік Корея" and e.label == "GPE" for e in ents)
    assert all(seed_text[e.start:e.end] == e.text for e in ents)


def test_missing_tesseract_gives_one_clear_line(seed_scan, tmp_path):
    """With no tesseract on PATH, a scan fails with the reason and what to install."""
    proc = subprocess.run([sys.executable, "-m", "kzdocs.cli", "extract", str(seed_scan)],
                          capture_output=True, text=True, env={"PATH": str(tmp_path)})
    assert proc.returncode == 1
    lines = proc.stderr.strip().splitlines()
    assert len(lines) == 1 and str(seed_scan) in lines[0]
    assert "tesseract is not installed" in lines[0] and "--ocr never" in lines[0]
