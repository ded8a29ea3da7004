"""Kazakh suffix chains: the readings a word can have over a lexicon of verb and nominal stems.

Kazakh inflection is agglutinative and regular: a verb is stem + voice + negation + one
verbal ending (finite, participle, verbal noun, converb), a participle or verbal noun can go on
with nominal endings, and a nominal is stem + plural + possessive + case.  :func:`readings`
lists every split of a word into a known stem and an ending this grammar accepts.  Vowel
harmony is not checked: the UPOS tagger (kzdocs.morph) weighs the readings, it does not trust
them.  The stems come from the Kazakh hunspell dictionary (:data:`STEMS`, see kzdocs/data/README.md).
"""
from __future__ import annotations

import gzip
import re
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path

STEMS = Path(__file__).resolve().parents[2] / "data" / "kk_stems.tsv.gz"
VERBAL = frozenset({"fin", "part", "vnoun", "conv"})
RESTORE = {"ғ": "қ", "г": "к", "б": "п"}  # a stem's final consonant, voiced before a vowel


def _alt(*endings: str) -> str:
    return "(?:" + "|".join(sorted(set(endings), key=len, reverse=True)) + ")"


PLURAL = _alt("лар", "лер", "дар", "дер", "тар", "тер")
POSSESSIVE = _alt("ым", "ім", "м", "ың", "ің", "ң", "ыңыз", "іңіз", "ңыз", "ңіз", "ы", "і", "сы", "сі",
                  "мыз", "міз", "ымыз", "іміз", "ңдар", "ңдер", "ыңдар", "іңдер")
CASE = _alt("ның", "нің", "дың", "дің", "тың", "тің", "на", "не", "ға", "ге", "қа", "ке", "а", "е",
            "ны", "ні", "ды", "ді", "ты", "ті", "н", "да", "де", "та", "те", "нда", "нде", "дан", "ден",
            "тан", "тен", "нан", "нен", "мен", "бен", "пен", "менен", "бенен", "пенен")
# what can close a nominal: -ғы/-дай/-ша, particles, predicative person endings
CLITIC = _alt("ғы", "гі", "қы", "кі", "дай", "дей", "тай", "тей", "ша", "ше", "ғана", "ақ", "-ақ", "ма", "ме",
              "ба", "бе", "па", "пе", "мыз", "міз", "сыз", "сіз", "мын", "мін", "сың", "сің")
NOMINAL = f"{PLURAL}?{POSSESSIVE}?{CASE}?{CLITIC}?{CLITIC}?"
PERSON = _alt("мын", "мін", "сың", "сің", "сыз", "сіз", "мыз", "міз", "быз", "біз", "пыз", "піз",
              "м", "ң", "қ", "к", "ңыз", "ңіз", "ңдар", "ңдер", "ңыздар", "ңіздер")
VOICE = _alt("ыл", "іл", "л", "ын", "ін", "н", "ыс", "іс", "с", "дыр", "дір", "тыр", "тір", "ғыз", "гіз",
             "қыз", "кіз", "т", "ар", "ер", "ыр", "ір")
NEGATION = _alt("ма", "ме", "ба", "бе", "па", "пе")
PARTICIPLE = _alt("ған", "ген", "қан", "кен", "атын", "етін", "йтын", "йтін", "ар", "ер", "р",
                  "мақ", "мек", "бақ", "бек", "пақ", "пек", "йтұғын", "атұғын", "етұғын")
VERBAL_NOUN = _alt("у", "ю", "уы", "уі")
CONVERB = _alt("ып", "іп", "п", "а", "е", "й", "ғалы", "гелі", "қалы", "келі", "ғанша", "генше",
               "қанша", "кенше", "майынша", "мейінше", "пайынша", "пейінше", "байынша", "бейінше",
               "ғасын", "гесін", "қасын", "кесін")
FINITE = "|".join((
    _alt("ды", "ді", "ты", "ті") + f"{PERSON}?",  # past: келді, келдім
    _alt("а", "е", "й") + _alt("ды", "ді", "мын", "мін", "сың", "сің", "сыз", "сіз", "мыз", "міз",
                               "сыңдар", "сіңдер", "тын", "тін"),  # present-future: келеді
    _alt("ар", "ер", "р", "мас", "мес", "бас", "бес", "пас", "пес") + f"{PERSON}?",  # келер, келмес
    _alt("са", "се") + f"{PERSON}?" + _alt("шы", "ші") + "?",  # conditional: келсе, келсеңші
    _alt("сын", "сін", "ыңыз", "іңіз", "ңыз", "ңіз", "ыңдар", "іңдер", "ңдар", "ңдер", "айын", "ейін",
         "йын", "йін", "айық", "ейік", "йық", "йік", "шы", "ші"),  # imperative, optative
    _alt("ып", "іп", "п") + _alt("ты", "ті", "пын", "пін", "сың", "сің", "сыз", "сіз", "пыз", "піз"),  # келіпті
    _alt("мақ", "мек", "бақ", "бек", "пақ", "пек") + _alt("шы", "ші") + f"{PERSON}?",  # келмекші
    _alt("ған", "ген", "қан", "кен") + PERSON,  # келгенмін
    _alt("атын", "етін", "йтын", "йтін") + PERSON,  # келетінмін (bare -атын is a participle)
    _alt("ғай", "гей", "қай", "кей") + f"{PERSON}?",  # келгей
))
_VERB_PREFIX = f"(?:{VOICE}){{0,2}}(?:{NEGATION})?"
_VERB_ENDINGS = {reading: re.compile(_VERB_PREFIX + f"(?:{pattern})") for reading, pattern in (
    ("fin", FINITE), ("part", f"(?:{PARTICIPLE}){NOMINAL}"), ("vnoun", f"(?:{VERBAL_NOUN}){NOMINAL}"),
    ("conv", CONVERB))}
_NOMINAL_ENDING = re.compile(NOMINAL)
# derivational endings that make adjectives of nominals: -лы, -сыз, -ғы, -дағы, -лық, -шыл, -дай, ...
_ADJECTIVE_ENDING = re.compile(_alt(
    "лы", "лі", "ды", "ді", "ты", "ті", "сыз", "сіз", "ғы", "гі", "қы", "кі", "дағы", "дегі", "тағы", "тегі",
    "ндағы", "ндегі", "лық", "лік", "дық", "дік", "тық", "тік", "шыл", "шіл", "дай", "дей", "тай", "тей",
    "шақ", "шек", "ғыш", "гіш", "қыш", "кіш", "ңқы", "ңгі") + NOMINAL)


def back_vowel(stem: str) -> str:
    """ы after a back-vowel stem, і after a front one (vowel harmony of the linking vowel)."""
    for c in reversed(stem):
        if c in "аоұы":
            return "ы"
        if c in "әеөүіи":
            return "і"
    return "ы"


def _verb_readings(ending: str) -> list[str]:
    return [reading for reading, pattern in _VERB_ENDINGS.items() if pattern.fullmatch(ending)]


def stem_variants(stem: str) -> tuple[str, ...]:
    """The stem, and with a final ғ/г/б also the stem with its unvoiced қ/к/п (жолығ -> жолық)."""
    return (stem, stem[:-1] + RESTORE[stem[-1]]) if stem[-1] in RESTORE else (stem,)


def fused_verb_stems(word: str, verbs: frozenset[str] | set[str]) -> Iterator[tuple[int, str]]:
    """(position of и, verb stem) where a stem's final ы/і and the й of the ending fused into и
    (оқы + йды is written оқиды)."""
    for i in range(2, len(word)):
        if word[i] == "и" and (stem := word[:i] + back_vowel(word[:i])) in verbs:
            yield i, stem


def readings(word: str, verbs: frozenset[str] | set[str], nominals: frozenset[str] | set[str]
             ) -> set[tuple[str, int]]:
    """(reading, stem length) of every split of lowercased ``word`` into a stem of ``verbs`` or
    ``nominals`` (final ғ/г/б also read as қ/к/п) and an ending the grammar accepts.  Readings:
    ``fin`` ``part`` ``vnoun`` ``conv`` (verb + ending), ``vstem`` (a bare verb stem), ``nom``
    (nominal + inflection, ending possibly empty), ``adj`` (nominal + adjective derivation)."""
    out = set()
    for i, _ in fused_verb_stems(word, verbs):
        out.update((r, i + 1) for r in _verb_readings("й" + word[i + 1:]))
    for i in range(len(word), 1, -1):
        rest = word[i:]
        for stem in stem_variants(word[:i]):
            if stem in verbs and rest:
                out.update((r, i) for r in _verb_readings(rest))
            elif stem in verbs:
                out.add(("vstem", i))
            if stem in nominals:
                if _NOMINAL_ENDING.fullmatch(rest):
                    out.add(("nom", i))
                if rest and _ADJECTIVE_ENDING.fullmatch(rest):
                    out.add(("adj", i))
    return out


def is_verb_form(word: str, verbs: frozenset[str] | set[str]) -> bool:
    """Whether lowercased ``word`` reads as a verb stem of three letters or more with a verbal
    ending of two or more (басталған, келді; not қала = қал + а, first of all a noun)."""
    return any(r in VERBAL and 3 <= n <= len(word) - 2 for r, n in readings(word, verbs, ()))


@lru_cache(maxsize=1)
def stems(path: str | None = None) -> tuple[frozenset[str], frozenset[str]]:
    """(verb stems, nominal stems) of :data:`STEMS` (empty sets when the file is absent)."""
    p = Path(path) if path else STEMS
    if not p.exists():
        return frozenset(), frozenset()
    verbs, nominals = set(), set()
    with gzip.open(p, "rt", encoding="utf-8") as fh:
        for line in fh:
            kind, _, stem = line.rstrip("\n").partition("\t")
            (verbs if kind == "V" else nominals).add(stem)
    return frozenset(verbs), frozenset(nominals)
