"""Language of a text or paragraph: Kazakh, Russian or mixed, from letters and function words.

Kazakh has nine letters Russian lacks (ә ғ қ ң ө ұ ү һ і) and its own function words; Russian has
its own (и, в, на, не, что, для, …). Both counts together settle a paragraph with no model.
"""
from __future__ import annotations

import re

_KK_LETTERS = re.compile(r"[әғқңөұүһіӘҒҚҢӨҰҮҺІ]")
_CYRILLIC = re.compile(r"[а-яёА-ЯЁ]")
_KK_WORDS = re.compile(
    r"\b(?:және|мен|бен|пен|үшін|туралы|бойынша|деп|осы|бұл|бар|жоқ|емес|жылы|қажет|сұраймыз|"
    r"біз|сіз|оның|олар|сондай-ақ|алайда|дейін|кейін|арқылы|сәйкес|тиіс|болып|болады)\b",
    re.IGNORECASE)
_RU_WORDS = re.compile(
    r"\b(?:и|в|во|на|не|что|для|по|от|до|из|с|со|как|это|также|который|которые|при|или|"
    r"просим|года|году|является|были|было|будет|их|его)\b", re.IGNORECASE)

LANGUAGES = ("kk", "ru")


def scores(text: str) -> tuple[float, float]:
    """Evidence for Kazakh and for Russian in a text."""
    kk_letters = len(_KK_LETTERS.findall(text))
    cyrillic = len(_CYRILLIC.findall(text)) + kk_letters
    kk = len(_KK_WORDS.findall(text)) * 2 + kk_letters
    ru = len(_RU_WORDS.findall(text)) * 2 + (0.02 * cyrillic if kk_letters == 0 else 0)
    return kk, ru


def paragraph_language(text: str) -> str | None:
    """'kk' or 'ru' for a paragraph, None when it has too little Cyrillic text to tell."""
    kk, ru = scores(text)
    if kk + ru < 2:
        return None
    return "kk" if kk >= ru else "ru"


def detect(paragraphs: list[str]) -> str:
    """Language of a document: 'kk', 'ru', or 'mixed' when each holds a fifth of its text."""
    size = {"kk": 0, "ru": 0}
    for para in paragraphs:
        lang = paragraph_language(para)
        if lang:
            size[lang] += len(para)
    total = size["kk"] + size["ru"]
    if total == 0:
        return "kk" if _KK_LETTERS.search(" ".join(paragraphs)) else "ru"
    if min(size.values()) >= 0.2 * total:
        return "mixed"
    return max(size, key=size.get)


def label(doc) -> None:
    """Set the language of each block of a Document and of the document itself."""
    for block in doc.blocks:
        block.language = paragraph_language(block.text)
    doc.language = detect([b.text for b in doc.blocks])
