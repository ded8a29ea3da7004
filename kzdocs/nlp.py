"""One interface to the language pipelines: Kazakh through kzdocs' own spaCy models, Russian
through Natasha, whose models ship inside its PyPI packages. Pipelines load once, on first use.

    kzdocs.nlp.load("kk")            # the spaCy NER pipeline of models/kk_ner
    kzdocs.nlp.entities(text, "ru")  # [Entity(text, label, start, end), …]
    kzdocs.nlp.lemmas(text, "kk")    # lemmas (stems for unknown Kazakh words)
"""
from __future__ import annotations

import functools
import re
from pathlib import Path
from typing import Any

from .model import Entity
from .stemming import WORD

MODELS = Path(__file__).resolve().parent / "models"
_KAZAKH = re.compile("[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC = re.compile("[\u0400-\u04ff]")


@functools.lru_cache(maxsize=None)
def load(lang: str) -> Any:
    """The pipeline of a language, loaded once: a spaCy Language for "kk", Natasha for "ru"."""
    if lang == "kk":
        import spacy

        import kzdocs.lang.kk  # noqa: F401  (registers the language and its components)

        path = MODELS / "kk_ner"
        if not (path / "config.cfg").exists():
            raise FileNotFoundError(f"{path}: the Kazakh NER model is not installed")
        return spacy.load(path)
    if lang == "ru":
        return _Russian()
    raise ValueError(f"no pipeline for language {lang!r} (kk or ru)")


class _Russian:
    """Natasha's segmenter, morphology, lemmatiser and NER (PER, LOC, ORG)."""

    def __init__(self) -> None:
        from natasha import (MorphVocab, NewsEmbedding, NewsMorphTagger, NewsNERTagger,
                             Segmenter)

        embedding = NewsEmbedding()
        self.segmenter = Segmenter()
        self.morph_vocab = MorphVocab()
        self.morph = NewsMorphTagger(embedding)
        self.ner = NewsNERTagger(embedding)

    def doc(self, text: str, *, morph: bool = True, ner: bool = True):
        from natasha import Doc

        doc = Doc(text)
        doc.segment(self.segmenter)
        if morph:
            doc.tag_morph(self.morph)
            for token in doc.tokens:
                token.lemmatize(self.morph_vocab)
        if ner:
            doc.tag_ner(self.ner)
        return doc


def entities(text: str, lang: str) -> list[Entity]:
    """Named entities of a text with character offsets (KazNERD's 25 labels for Kazakh,
    PER/LOC/ORG for Russian)."""
    if not text.strip():
        return []
    if lang == "ru":  # Natasha's NER tokenizes by itself: no need to segment the Doc first
        return [Entity(text[start:stop], label, start, stop)
                for start, stop, label in load("ru").ner(text).spans]
    # Kazakh: paragraph by paragraph (the model was trained on sentences), offsets shifted back.
    starts, paragraphs, offset = [], [], 0
    for para in text.split("\n"):
        if para.strip():
            starts.append(offset)
            paragraphs.append(para)
        offset += len(para) + 1
    return [Entity(e.text, e.label_, e.start_char + start, e.end_char + start)
            for start, doc in zip(starts, load("kk").pipe(paragraphs)) for e in doc.ents]


@functools.lru_cache(maxsize=1)
def _morph_vocab():
    from natasha import MorphVocab

    return MorphVocab()


@functools.lru_cache(maxsize=200_000)
def _ru_lemma(word: str) -> str:
    """pymorphy2's normal form of a Cyrillic word; other words as they are (pymorphy2 fails
    on letters Unicode gives no name)."""
    if not _CYRILLIC.search(word):
        return word
    return _morph_vocab().parse(word)[0].normal_form


def lemmas(text: str, lang: str | None, *, trained: bool = False) -> list[str]:
    """Lemmas of the words of a text: pymorphy2 (through Natasha) for Russian, suffix stripping
    for Kazakh; in a mixed text (lang None or "mixed") each word by its letters and the Russian dictionary.

    `trained` uses the Kazakh lemmatiser trained on UD-KTB (kzdocs.morph: 0.92 lemma accuracy
    against 0.59 for suffix stripping, but 0.7 s to load and ~4,000 words/s); topic features
    and search use the fast rules, which give one stable stem to all forms of a word."""
    from .stemming import kk_stem

    if trained and lang == "kk":
        from .morph import lemmas as trained_lemmas

        return trained_lemmas(text)
    out = []
    for word in WORD.findall(text):
        kazakh = lang == "kk" or (lang != "ru" and (
            _KAZAKH.search(word) is not None or not _known_russian(word.lower())))
        out.append(kk_stem(word) if kazakh else _ru_lemma(word.lower()))
    return out


@functools.lru_cache(maxsize=200_000)
def _known_russian(word: str) -> bool:
    """Whether pymorphy2's dictionary knows a word (a Kazakh word written without Kazakh
    letters, "миграциясы", is not known)."""
    return bool(_CYRILLIC.search(word)) and _morph_vocab().word_is_known(word)
