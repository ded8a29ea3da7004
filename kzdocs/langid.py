"""Language of a text or paragraph: Kazakh, Russian or mixed, from letters and function words.

Kazakh has nine letters Russian lacks (ә ғ қ ң ө ұ ү һ і) and its own function words; Russian has
its own (и, в, на, не, что, для, …). Both counts together settle a paragraph with no model.
"""
from __future__ import annotations

import re

KK_LETTERS = "әғқңөұүһі"
KK_WORDS = frozenset(
    "және мен бен пен үшін туралы бойынша деп осы бұл бар жоқ емес жылы қажет сұраймыз біз сіз "
    "оның олар сондай-ақ алайда дейін кейін арқылы сәйкес тиіс болып болады".split())
RU_WORDS = frozenset(
    "и в во на не что для по от до из с со как это также который которые при или просим года "
    "году является были было будет их его".split())
_WORDS = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
_CYRILLIC = re.compile(r"[а-яё]")

LANGUAGES = ("kk", "ru")


def scores(text: str) -> tuple[float, float]:
    """Evidence for Kazakh and for Russian in a text: letters only Kazakh has, and function
    words of each language (one pass over the words, membership in two sets)."""
    low = text.lower()
    kk_letters = sum(low.count(c) for c in KK_LETTERS)
    words = _WORDS.findall(low)
    kk = 2 * sum(w in KK_WORDS for w in words) + kk_letters
    ru = 2 * sum(w in RU_WORDS for w in words)
    if kk_letters == 0:
        ru += 0.02 * len(_CYRILLIC.findall(low))
    return kk, ru


def paragraph_language(text: str) -> str | None:
    """'kk' or 'ru' for a paragraph, None when it has too little Cyrillic text to tell."""
    kk, ru = scores(text)
    if kk + ru < 2:
        return None
    return "kk" if kk >= ru else "ru"


def detect(paragraphs: list[str]) -> str:
    """Language of a document: 'kk', 'ru', or 'mixed' when each holds a fifth of its text."""
    return _overall([(p, paragraph_language(p)) for p in paragraphs])


def _overall(labelled: list[tuple[str, str | None]]) -> str:
    size = {"kk": 0, "ru": 0}
    for para, lang in labelled:
        if lang:
            size[lang] += len(para)
    total = size["kk"] + size["ru"]
    if total == 0:
        joined = " ".join(p for p, _ in labelled).lower()
        return "kk" if any(c in joined for c in KK_LETTERS) else "ru"
    if min(size.values()) >= 0.2 * total:
        return "mixed"
    return max(size, key=size.get)


def label(doc) -> None:
    """Set the language of each block of a Document and of the document itself."""
    for block in doc.blocks:
        block.language = paragraph_language(block.text)
    doc.language = _overall([(b.text, b.language) for b in doc.blocks])
