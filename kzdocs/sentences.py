"""Rule-based sentence splitting for official Kazakh and Russian: fast, offset-exact, and
aware of the abbreviations and initials after which a full stop does not end a sentence."""
from __future__ import annotations

import re

ABBREVIATIONS = {
    # Kazakh
    "млн", "млрд", "трлн", "мың", "т.б", "т.с.с", "ж", "жж", "ғ", "б", "бб", "т", "тармақ", "қ",
    "обл", "ауд", "көш", "мкр", "тел", "бет", "сағ", "мин", "см", "мм", "км", "кг", "га",
    # Russian
    "тыс", "руб", "г", "гг", "ст", "п", "пп", "ч", "чч", "т.е", "т.д", "т.п", "др", "пр", "им",
    "ул", "д", "кв", "стр", "рис", "табл", "исх", "вх", "гр", "сов", "млн.тенге", "ред", "см",
}
_END = re.compile(r"[.!?…]+[»\"”)]*(?=\s+|$)")
_WORD_BEFORE = re.compile(r"([\w.]+)[.!?…]+[»\"”)]*$")
_INITIAL = re.compile(r"^[A-ZА-ЯЁӘҒҚҢӨҰҮҺІ]$")


def split(text: str, offset: int = 0) -> list[tuple[int, int]]:
    """(start, end) of each sentence of `text`, shifted by `offset`."""
    spans = []
    start = 0
    for m in _END.finditer(text):
        end = m.end()
        if m.group(0).startswith("."):
            before = _WORD_BEFORE.search(text[start:end])
            word = before.group(1) if before else ""
            stem = word.rstrip(".").lower()
            if _INITIAL.match(word.rstrip(".").split(".")[-1]) or stem in ABBREVIATIONS:
                continue
            nxt = text[end:].lstrip()[:1]
            if nxt and (nxt.islower() or nxt.isdigit() and stem.isdigit()):
                continue
        while start < end and text[start].isspace():
            start += 1
        if start < end:
            spans.append((start + offset, end + offset))
        start = end
    while start < len(text) and text[start].isspace():
        start += 1
    if start < len(text):
        spans.append((start + offset, len(text) + offset))
    return spans
