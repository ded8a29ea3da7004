"""The shipped Kazakh NER pipeline (kzdocs/models/kk_ner) on held-out KazNERD and the
founding inquiry.

Set KZDOCS_KK_NER to a pipeline directory to run these tests on another model.
"""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

import kzdocs  # noqa: F401
from kzdocs.train_ner import evaluate_ner, read_iob2, split_kaznerd

ROOT = Path(__file__).parents[1]
import os

MODEL = Path(os.environ.get("KZDOCS_KK_NER", ROOT / "kzdocs" / "models" / "kk_ner"))
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
    assert nlp.pipe_names == ["sentencizer", "tok2vec", "ner", "kk_ent_cleanup", "entity_ruler"]
    assert "sentencizer" in nlp.pipe_names
    ner = nlp.get_pipe("ner")
    assert len(getattr(ner, "entity_labels", ner.labels)) == 25  # all of KazNERD's labels
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


@pytest.fixture(scope="module")
def seed_ents(nlp, seed_text):
    return {(e.text, e.label_) for e in nlp(seed_text).ents}


@pytest.mark.parametrize(
    "text,label",
    [
        ("Қасым-Жомарт Кемелұлы Тоқаев", "PERSON"),
        ("Мұхтар Бескенұлы", "PERSON"),
        ("Оңтүстік Корея", "GPE"),
        ("Оңтүстік Кореяға", "GPE"),
        ("Ұлттық Банктің", "ORGANISATION"),
        ("Қырғызстан", "GPE"),
        ("Моңғолия", "GPE"),
        ("Өзбекстан", "GPE"),
        ("Nur Otan", "ORGANISATION"),
        ("Мемлекет Басшысы", "POSITION"),
        ("2020 жылдың қазан айында", "DATE"),
        ("105 млн. АҚШ долларына дейін", "MONEY"),
        ("60 есеге", "CARDINAL"),
    ],
)
def test_seed_entities(seed_ents, text, label):
    assert (text, label) in seed_ents


@pytest.mark.parametrize(
    "name",
    ["Е. Бейсенбаев", "Ю. Жулин", "М. Ахметов", "Е. Сайыров", "А. Сарым", "В. Ким",
     "Ж. Тәжмағамбетова", "Д. Әлімбаев"],
)
def test_seed_signatories_are_persons(seed_ents, name):
    """The eight signatories (initial + surname): the entity_ruler after the ner."""
    assert (name, "PERSON") in seed_ents


def test_no_entity_is_bare_punctuation(nlp, seed_text):
    for ent in nlp(seed_text).ents:
        assert not ent[0].is_punct or ent[0].text in "«%"
        assert not ent[-1].is_punct or ent[-1].text in "»%!?"
        assert all(not t.is_sent_start for t in ent[1:])


def test_initials_glued_to_surname(nlp):
    doc = nlp("Сауалға Е.Бейсенбаев қол қойды.")
    assert ("Е.Бейсенбаев", "PERSON") in {(e.text, e.label_) for e in doc.ents}


def test_iob_decoding_repairs_invalid_sequences():
    """kk_iob_ner keeps a valid argmax sequence and otherwise finds the best valid one:
    an "I-X" never follows "O" or another label."""
    import numpy as np

    from kzdocs.lang.kk.pipeline import IobTransitions

    tags = ["O", "B-PERSON", "I-PERSON", "B-GPE", "I-GPE"]
    transitions = IobTransitions(tags)
    valid = np.log(np.array([[.1, .8, .05, .03, .02], [.1, .05, .8, .03, .02], [.9, .02, .04, .02, .02]]))
    assert list(transitions.decode(valid)) == [1, 2, 0]
    # "O I-PERSON": the sentence cannot open with I-, and I-PERSON cannot follow O
    invalid = np.log(np.array([[.1, .3, .5, .05, .05], [.2, .1, .6, .05, .05]]))
    decoded = transitions.decode(invalid)
    assert transitions.is_valid(decoded)
    assert list(decoded) == [1, 2]  # B-PERSON I-PERSON beats O O and O B-PERSON
    # I-GPE after B-PERSON is repaired too
    mixed = np.log(np.array([[.05, .9, .01, .02, .02], [.3, .01, .05, .04, .6]]))
    assert list(transitions.decode(mixed)) == [1, 0]
    assert transitions.spans(np.array([1, 2, 0, 3, 4, 4])) == [(0, 2, "PERSON"), (3, 6, "GPE")]


def test_empty_texts(nlp):
    """A batch of empty texts gives empty scores, not tag ids: no entities, no error."""
    assert nlp("").ents == ()
    assert [len(d.ents) for d in nlp.pipe(["", " ", "Алматы қаласы"])][:2] == [0, 0]
