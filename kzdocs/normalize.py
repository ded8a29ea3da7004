"""Text normalisation: Unicode NFC, Latin look-alikes in Cyrillic words, legacy "KZ" fonts.

Legacy Kazakh fonts of the 1990s and 2000s ("KZ Times New Roman", "Times/Kazakh", …) drew the
Kazakh letters in the slots of Windows-1251 that hold Serbian, Macedonian, Belarusian and
Ukrainian letters, the layout standardised as KZ-1048 (СТ РК 1048-2002). A PDF typed in such a
font stores "Ј" where the page shows "Ә", "ќ" where it shows "қ", and so on. The letters in
those slots never occur in Kazakh or Russian text, so their presence inside Cyrillic words,
with no genuine Kazakh letter beside them, identifies the font, and the table below repairs it.
"""
from __future__ import annotations

import re
import unicodedata

#: Windows-1251 slot letter -> the Kazakh letter KZ-1048 puts there.
KZ1048_REPAIR = {
    "Ў": "Ұ", "ў": "ұ",  # 0xA1 0xA2
    "Ј": "Ә", "ј": "ә",  # 0xA3 0xBC
    "Ґ": "Ө", "ґ": "ө",  # 0xA5 0xB4
    "Є": "Ғ", "є": "ғ",  # 0xAA 0xBA
    "Ї": "Ү", "ї": "ү",  # 0xAF 0xBF
    "Ѕ": "Ң", "ѕ": "ң",  # 0xBD 0xBE
    "Ќ": "Қ", "ќ": "қ",  # 0x8D 0x9D
    "Ћ": "Һ", "ћ": "һ",  # 0x8E 0x9E
}
KAZAKH_LETTERS = "ӘәҒғҚқҢңӨөҰұҮүҺһІі"
#: Kazakh letters without і/І, which Ukrainian and legacy fonts share with Kazakh.
KAZAKH_SPECIFIC = "ӘәҒғҚқҢңӨөҰұҮүҺһ"

_KZ_TABLE = str.maketrans(KZ1048_REPAIR)
#: Slot letters Ukrainian text never has (it has і ї є ґ): their presence rules Ukrainian out.
_NOT_UKRAINIAN = "ЌќЅѕЈјЎўЋћ"
_LEGACY_IN_WORD = re.compile(
    r"[А-Яа-яЁё]*[" + "".join(KZ1048_REPAIR) + r"][А-Яа-яЁёІі" + "".join(KZ1048_REPAIR) + r"]*")

#: Latin letters that look like Cyrillic ones, as typists and OCR mix them up.
LATIN_LOOKALIKES = str.maketrans({
    "A": "А", "B": "В", "C": "С", "E": "Е", "H": "Н", "K": "К", "M": "М", "O": "О",
    "P": "Р", "T": "Т", "X": "Х", "Y": "У", "a": "а", "c": "с", "e": "е", "o": "о",
    "p": "р", "x": "х", "y": "у", "i": "і", "I": "І", "h": "һ",
})
#: Words that mix Cyrillic and Latin letters: the only ones look-alikes can hide in.
_WORD = re.compile(r"[^\W\d_]*(?:[\u0400-\u04FF][A-Za-z]|[A-Za-z][\u0400-\u04FF])[^\W\d_]*")
_CYRILLIC = re.compile(r"[\u0400-\u04FF]")
_LATIN = re.compile(r"[A-Za-z]")


def looks_kz_legacy(text: str) -> bool:
    """True when the text stores Kazakh letters in the KZ-1048 slots of Windows-1251."""
    legacy = sum(len(m.group(0)) > 1 for m in _LEGACY_IN_WORD.finditer(text))
    if legacy < 3 or sum(text.count(ch) for ch in _NOT_UKRAINIAN) < 2:
        return False
    genuine = sum(text.count(ch) for ch in KAZAKH_SPECIFIC)
    return legacy > 2 * genuine


def repair_kz_legacy(text: str) -> str:
    """Map KZ-1048 slot letters back to the Kazakh letters they stand for."""
    return text.translate(_KZ_TABLE)


def _fix_word(match: re.Match[str]) -> str:
    word = match.group(0)
    if not _LATIN.search(word):
        return word
    cyrillic = len(_CYRILLIC.findall(word))
    latin = len(_LATIN.findall(word))
    if cyrillic == 0 or cyrillic < latin:
        return word
    fixed = word.translate(LATIN_LOOKALIKES)
    return word if _LATIN.search(fixed) else fixed


def fix_lookalikes(text: str) -> str:
    """Replace Latin look-alike letters inside words that are otherwise Cyrillic."""
    return _WORD.sub(_fix_word, text)


def normalize(text: str, legacy: bool | None = None) -> str:
    """NFC, legacy KZ font repaired (detected when `legacy` is None), look-alikes fixed."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00ad", "").replace("\ufb01", "fi").replace("\ufb02", "fl")
    if legacy is None:
        legacy = looks_kz_legacy(text)
    if legacy:
        text = repair_kz_legacy(text)
    return fix_lookalikes(text)
