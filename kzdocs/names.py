"""Personal names as official letters write them: initials, surnames, and their case forms.

Kazakh attaches case suffixes to a surname (Смайыловқа, Тоқаевтың, Маминге); Russian
declines it (Смаилову, Смаиловой). Both are taken back to the nominative here.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

UPPER = "А-ЯЁӘҒҚҢӨҰҮҺІ"
LOWER = "а-яёәғқңөұүһі"
INITIAL = rf"[{UPPER}](?:[{LOWER}]{{0,2}})?\."
INITIALS = rf"{INITIAL}(?:\s?-?{INITIAL})?"
WORD = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}]?[{LOWER}]+)?"

#: "Е. Бейсенбаев", "Е.Қ.Бейсенбаев", "Бейсенбаев Е.Қ.", "Ерлан Бейсенбаев", "Бейсенбаев Ерлан Қайратұлы".
_INITIALS_FIRST = re.compile(rf"(?<![{UPPER}{LOWER}])({INITIALS})\s?({WORD})")
_INITIALS_AFTER = re.compile(rf"({WORD})\s({INITIALS})(?![{LOWER}])")

#: Kazakh case endings a surname may carry, longest first.
_KK_CASES = sorted(
    ["ға", "ге", "қа", "ке", "на", "не", "тың", "тің", "дың", "дің", "ның", "нің", "ты", "ті", "ды",
     "ді", "ны", "ні", "ын", "ін", "мен", "бен", "пен", "дан", "ден", "тан", "тен", "нан", "нен",
     "да", "де", "та", "те", "ның", "ке", "ға"], key=len, reverse=True)
_KK_SURNAME_STEM = re.compile(
    rf"(?:ов|ев|ёв|ин|ын|ова|ева|ина|ына|ұлы|қызы|баев|бай|бек|ли|ский|ская|ко|ук|юк|ич|"
    rf"[{LOWER}])$")
_RU_DECLINED = [
    (re.compile(r"(ов|ев|ёв|ин|ын)(у|ым)$"), r"\1"),
    (re.compile(r"(ов|ев|ёв|ин|ын)(ой|ою|у)$"), r"\1а"),
    (re.compile(r"(ск|цк)(ому|ого|им|ом)$"), r"\1ий"),
    (re.compile(r"(ск|цк)(ой|ую)$"), r"\1ая"),
    (re.compile(r"([бвгджзклмнпрстфхцчшщ])у$"), r"\1"),
]
_KK_NOMINATIVE_ENDS = re.compile(r"(?:ов|ев|ин|ын|ова|ева|ина|ына|ұлы|қызы|ский|ская)$")


def surname_nominative(word: str, lang: str | None = None) -> str:
    """The nominative of a surname in a Kazakh or Russian case form.

    Смайыловқа -> Смайылов, Тоқаевтың -> Тоқаев, Маминге -> Мамин, Смаилову -> Смаилов,
    Гиният -> Гиният (a surname Russian does not decline stays as it is). Only for names in
    an oblique case: a nominative "Ергалиева" would read as a genitive.
    """
    if lang != "ru" and not _KK_NOMINATIVE_ENDS.search(word):
        for ending in _KK_CASES:
            stem = word[: -len(ending)]
            if word.endswith(ending) and len(stem) >= 3:
                if _KK_NOMINATIVE_ENDS.search(stem):
                    return stem
        for ending in ("ға", "ге", "қа", "ке", "на", "не"):
            stem = word[: -len(ending)]
            if word.endswith(ending) and len(stem) >= 3:
                return stem
    if lang != "kk":
        for pattern, repl in _RU_DECLINED:
            if pattern.search(word) and len(word) > 4:
                return pattern.sub(repl, word)
    return word


@dataclass
class Name:
    text: str
    surname: str | None
    initials: str | None
    given_name: str | None
    start: int
    end: int


def _tidy_initials(initials: str) -> str:
    return re.sub(r"\s+", "", initials)


def find_names(text: str, lang: str | None = None, oblique: bool = False) -> list[Name]:
    """Names written with initials before or after the surname, in order of appearance.

    `oblique`: the names stand in a case form (an addressee's dative) to take back to the
    nominative; signatures are in the nominative and are kept as written."""
    found: list[Name] = []
    taken: list[tuple[int, int]] = []
    for pattern, first in ((_INITIALS_FIRST, True), (_INITIALS_AFTER, False)):
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            initials, surname = (m.group(1), m.group(2)) if first else (m.group(2), m.group(1))
            found.append(Name(m.group(0),
                              surname_nominative(surname, lang) if oblique else surname,
                              _tidy_initials(initials), None, m.start(), m.end()))
            taken.append((m.start(), m.end()))
    return sorted(found, key=lambda n: n.start)


_CAPITAL = rf"[{UPPER}][{LOWER}]+(?:-[{UPPER}][{LOWER}]+)?"
#: A full name at the end of a signature line or comma piece: two or three capitalised words.
_TRAILING_NAME = re.compile(rf"(?:^|[\s,])({_CAPITAL}(?:\s+{_CAPITAL}){{1,2}})\s*$")
_SURNAME_END = re.compile(r"(?:ов|ев|ёв|ин|ын|ова|ева|ёва|ина|ына|ский|ская|ко|ук|юк|енко|ян|дзе)$")
#: Endings that mark the first of two words as the surname ("Бейсенбаев Ерлан"); -ин/-ина are
#: left out: Ирина, Марина, Алина are given names far more often than they are surnames.
_SURNAME_FIRST = re.compile(r"(?:ов|ев|ёв|ова|ева|ёва|ский|ская|цкий|цкая|енко)$")
_PATRONYMIC_END = re.compile(r"(?:ұлы|улы|қызы|кызы|вич|вна)$")
_ROLE = re.compile(r"^(?:Қазақстан|Казахстан|Республика\w*|Парламент\w*|Мәжіліс\w*|Мажилис\w*|"
                   r"Сенат\w*|Депутат\w*|Министр\w*|Вице\w*|Фракци\w*|Парти\w*|Член\w*|"
                   r"Мүше\w*|Төраға\w*|Председател\w*|Комитет\w*|Хатшы\w*|Секретар\w*|"
                   r"Халық\w*|Народн\w*|Демократ\w*|Ауыл|Respublica|Аппарат\w*|Басшы\w*|"
                   r"Руководител\w*|Әкім\w*|Аким\w*|Орынбасар\w*|Заместител\w*)$")


def _full_name(words: list[str]) -> Name | None:
    """A signatory from 2-3 capitalised words: given name and surname in either order."""
    if any(_ROLE.match(w) for w in words):
        return None
    text = " ".join(words)
    if len(words) == 3 and _PATRONYMIC_END.search(words[2]):
        return Name(text, words[0], None, words[1], 0, len(text))  # Сейдахметов Әділбек Төлеуұлы
    if len(words) == 3:
        surname_first = bool(_SURNAME_FIRST.search(words[0]))
        return Name(text, words[0] if surname_first else words[2], None,
                    words[1] if surname_first else words[0], 0, len(text))
    if _SURNAME_FIRST.search(words[0]) and not _SURNAME_END.search(words[1]):
        return Name(text, words[0], None, words[1], 0, len(text))  # Бейсенбаев Ерлан
    return Name(text, words[1], None, words[0], 0, len(text))  # Ерлан Бейсенбаев


def people_in(piece: str, lang: str | None = None) -> list[Name]:
    """Names in one cell, line or comma-separated piece of a signature block: names with
    initials, or else a full name (2-3 capitalised words) ending the piece."""
    names = find_names(piece, lang)
    if names:
        return names
    m = _TRAILING_NAME.search(piece.strip().rstrip(".,;"))
    if m and (found := _full_name(m.group(1).split())):
        return [found]
    return []
