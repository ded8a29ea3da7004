"""Is a page's text layer worth reading, or must the page be OCR'd?"""
from __future__ import annotations

import re

from ..normalize import KAZAKH_SPECIFIC, KZ1048_REPAIR

_GARBAGE = re.compile(r"[\ufffd\ue000-\uf8ff\x00-\x08\x0b\x0c\x0e-\x1f]")
_SPACE = re.compile(r"\s")
_LETTER = re.compile(r"[^\W\d_]")
_CYRILLIC = re.compile(r"[\u0400-\u04ff]")
_LATIN = re.compile(r"[A-Za-z]")
#: Kazakh words written without Kazakh-specific letters: their presence with no ә ғ қ ң ө ұ ү һ
#: anywhere shows a font whose Kazakh letters were lost.
_KAZAKH_MARKERS = re.compile(r"\b(?:және|мен|бойынша|туралы|жылы|осы|деп|мемлекет\w*|жыл\w*)\b",
                             re.IGNORECASE)
_QUESTION_IN_WORD = re.compile(r"\w\?\w")


def text_problem(text: str) -> str | None:
    """Why the text layer fails the quality check, or None when it is good."""
    chars = len(text) - len(_SPACE.findall(text))
    if chars < 20:
        return "no text layer"
    letters = len(_LETTER.findall(text))
    if letters < 0.5 * chars:
        return "few letters"
    if len(_GARBAGE.findall(text)) > 0.02 * chars:
        return "unmapped glyphs"
    cyrillic, latin = len(_CYRILLIC.findall(text)), len(_LATIN.findall(text))
    if cyrillic + latin < 0.9 * letters:
        return "unknown script"
    if len(_QUESTION_IN_WORD.findall(text)) >= 3:
        return "letters replaced by '?'"
    if cyrillic > latin and len(_KAZAKH_MARKERS.findall(text)) >= 5:
        kazakh = sum(text.count(c) for c in KAZAKH_SPECIFIC + "".join(KZ1048_REPAIR))
        if kazakh == 0:
            return "Kazakh letters missing"
    return None
