"""The shipped Kazakh NER pipeline (kzdocs/models/kk_ner) on held-out KazNERD and the
founding inquiry."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

import kzdocs  # noqa: F401
from kzdocs.train_ner import evaluate_ner, read_iob2, split_kaznerd

ROOT = Path(__file__).parents[1]
MODEL = ROOT / "kzdocs" / "models" / "kk_ner"
SHARED = Path(__file__).parents[1].parent / "shared"
KAZNERD = SHARED / "data" / "kaznerd" / "IOB2_valid.txt"
SEED = SHARED / "seed" / "000_a3c8e8d5e1867429.txt"


@pytest.fixture(scope="module")
def nlp():
    if not (MODEL / "config.cfg").exists():
        pytest.skip("kk_ner model not shipped")
    return spacy.load(MODEL)


@pytest.fixture(scope="module")
def seed_text():
    if not SEED.exists():
        pytest.skip(f"founding inquiry not found at {SEED}")
    return " ".join(SEED.read_text(encoding="utf-8").split())


def test_model_loads_and_is_small(nlp):
    assert nlp.lang == "kk"
    assert nlp.pipe_names[-1] == "ner"
    assert "sentencizer" in nlp.pipe_names
    assert len(nlp.get_pipe("ner").labels) >= 24
    size = sum(p.stat().st_size for p in MODEL.rglob("*") if p.is_file())
    assert size <= 40 * 1024 * 1024


def test_dev_micro_f1(nlp):
    """Micro F1 on a sample of the fixed held-out 10 % of KazNERD (never trained on)."""
    if not KAZNERD.exists():
        pytest.skip("KazNERD not available")
    _, dev = split_kaznerd(read_iob2(KAZNERD))
    sample = dev[::2]  # every second dev sentence: ~560 sentences
    scores = evaluate_ner(nlp, sample)
    assert scores["ents_f"] >= 0.85, scores["ents_f"]


def _ents(nlp, text):
    return {(e.text, e.label_) for e in nlp(text).ents}


def sentence_with(text: str, needle: str) -> str:
    i = text.index(needle)
    start = max(text.rfind(". ", 0, i) + 2, 0)
    end = text.find(". ", i)
    return text[start : end + 1 if end != -1 else len(text)]


def test_seed_president(nlp, seed_text):
    sent = sentence_with(seed_text, "Қасым-Жомарт Кемелұлы Тоқаев")
    assert ("Қасым-Жомарт Кемелұлы Тоқаев", "PERSON") in _ents(nlp, sent)
