"""Rule-based Kazakh suffix stripping, for words no trained lemmatiser knows.

Kazakh stacks suffixes in a fixed order: stem + plural + possessive + case. Peeling them off
from the end, while the stem stays long enough to be a word, gives the stem search and topic
features need: «миграциясын» -> «миграция», «мектептерінде» -> «мектеп».
"""
from __future__ import annotations

import re
from functools import lru_cache

# Case endings, then possessive, then plural: each group is tried once, in this order.
_CASE = ("ның", "нің", "дың", "дің", "тың", "тің", "ға", "ге", "қа", "ке", "на", "не", "ны", "ні",
         "ды", "ді", "ты", "ті", "да", "де", "та", "те", "нда", "нде", "дан", "ден", "тан", "тен",
         "нан", "нен", "мен", "бен", "пен", "ша", "ше", "дағы", "дегі", "тағы", "тегі",
         "ндағы", "ндегі", "н")
_POSSESSIVE = ("ымыз", "іміз", "мыз", "міз", "ыңыз", "іңіз", "ңыз", "ңіз", "сы", "сі", "ы", "і",
               "ың", "ің", "ң", "ым", "ім", "м")
_PLURAL = ("лар", "лер", "дар", "дер", "тар", "тер")
# Longest ending first, so that -ның is tried before -н.
_CASE, _POSSESSIVE, _PLURAL = (tuple(sorted(group, key=len, reverse=True))
                               for group in (_CASE, _POSSESSIVE, _PLURAL))
VOWELS = frozenset("аәеиоөуұүыіэюяё")
WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")  # a word; a hyphenated compound stays whole
_WORD = re.compile(r"[^\W\d_]+")
_UNVOICE = re.compile(r"([лдтн][ыі])([ғг])$")


def _strip(word: str, endings: tuple[str, ...], min_stem: int) -> str:
    for ending in endings:
        stem = word[: -len(ending)]
        if word.endswith(ending) and len(stem) >= min_stem and any(c in VOWELS for c in stem):
            # The possessive -сы/-сі follows a vowel other than ы/і: облысы is облыс + ы.
            if ending[0] == "с" and (stem[-1] not in VOWELS or stem[-1] in "ыі"):
                continue
            return stem
    return word


@lru_cache(maxsize=200_000)
def kk_stem(word: str, min_stem: int = 4) -> str:
    """The stem of a Kazakh word with its case, possessive and plural suffixes removed
    (cached: a document repeats its words)."""
    word = word.lower()
    for endings in (_CASE, _POSSESSIVE, _PLURAL):
        word = _strip(word, endings, min_stem)
    # -лық/-лік and kin voice their final consonant before a vowel: министрлігі -> министрлік.
    return _UNVOICE.sub(lambda m: m.group(1) + {"ғ": "қ", "г": "к"}[m.group(2)], word)


def kk_stems(text: str) -> list[str]:
    return [kk_stem(w) for w in _WORD.findall(text)]
