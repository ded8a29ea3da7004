"""Smoke test of kzdocs.train_ner: a tiny training run must produce a loadable pipeline."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

from kzdocs.train_ner import read_iob2, split_kaznerd, train_ner

KAZNERD = Path(__file__).parents[1].parent / "shared" / "data" / "kaznerd" / "IOB2_valid.txt"


@pytest.fixture(scope="module")
def kaznerd():
    if not KAZNERD.exists():
        pytest.skip("KazNERD not available")
    return KAZNERD


def test_split_is_fixed_and_disjoint(kaznerd):
    sents = read_iob2(kaznerd)
    assert len(sents) == 11167
    train, dev = split_kaznerd(sents)
    assert len(dev) == round(0.1 * len(sents))
    assert len(train) + len(dev) == len(sents)
    train2, dev2 = split_kaznerd(read_iob2(kaznerd))
    assert dev == dev2
    ids = {id(s) for s in dev}
    assert not any(id(s) in ids for s in train)


def test_train_smoke(kaznerd, tmp_path):
    out = train_ner(kaznerd, tmp_path / "model", max_sentences=200, max_steps=12,
                    eval_frequency=6, work_dir=tmp_path / "work", verbose=False)
    nlp = spacy.load(out)
    assert nlp.lang == "kk"
    assert "ner" in nlp.pipe_names
    assert "sentencizer" in nlp.pipe_names
    ner = nlp.get_pipe("ner")
    assert len(getattr(ner, "entity_labels", ner.labels)) >= 10
    doc = nlp("Мемлекет Басшысы Қасым-Жомарт Тоқаев Астанада сөз сөйледі.")
    assert len(doc) == 8
    # nothing but the pipeline is written
    assert not (Path(out) / "training").exists()
