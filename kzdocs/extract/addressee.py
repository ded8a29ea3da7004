"""Whom an inquiry asks: the addressee block (position, name in the dative) and the
salutation ("Құрметті Әлихан Асханұлы!" / "Уважаемый Алихан Асханович!")."""
from __future__ import annotations

import re

from ..document import Document
from ..model import Addressee
from ..names import Name, find_names, people_in, surname_nominative
from .structure import SALUTATION_WORDS, Letter

_SALUTATION_NAME = re.compile(rf"^\s*(?:{SALUTATION_WORDS})\s+([^!\n]+?)\s*!", re.IGNORECASE)
_OFFICE = re.compile(
    r"(?:министр|төраға|агентт|әкім|аким|прокурор|председател|господин|госпож|вице|депутат|"
    r"сенатор|басшы|руководител)", re.IGNORECASE)
_TITLE_WORDS = re.compile(r"\s+(?:мырза|ханым|господин|госпожа)$", re.IGNORECASE)
_ORGANIZATION = re.compile(
    r"[А-ЯӘҒҚҢӨҰҮҺІ][^,\n]*?(?:министрлігі|агенттігі|комитеті|әкімдігі|прокуратурасы|"
    r"министерств[оа]|агентств[оа]|комитет[аы]?|акимат[аы]?|прокуратур[аы])"
    r"(?:[^,\n]*?(?:Республикасы(?:ның)?|Республики Казахстан))?", re.IGNORECASE)


def salutation_name(text: str) -> str | None:
    """The name in a salutation, without "мырза"/"ханым": "Құрметті Әлихан Асханұлы!" -> "Әлихан Асханұлы"."""
    m = _SALUTATION_NAME.match(text)
    if not m:
        return None
    name = _TITLE_WORDS.sub("", m.group(1).strip())
    words = name.split()
    if not words or not all(w[:1].isupper() for w in words) or len(words) > 4:
        return None
    if any(_OFFICE.match(w) for w in words):  # "Құрметті Агенттік Төрағасы!", "Уважаемый господин Министр!"
        return None
    return name


def _full_name_line(text: str, lang: str | None) -> list[Name]:
    """The block's last line when it is a full name in the dative ("Асқар Ұзақбайұлы Маминге")."""
    last = text.rsplit("\n", 1)[-1].strip()
    found = people_in(last, lang)
    if len(found) != 1 or found[0].text != last:
        return []
    start = len(text) - len(last)
    return [Name(last, surname_nominative(found[0].surname, lang), None, None, start, len(text))]


def extract(doc: Document, letter: Letter) -> Addressee | None:
    """The addressee from the addressee block and the salutation, or None when neither exists."""
    lang = doc.language if doc.language in ("kk", "ru") else None
    result = Addressee()
    if letter.salutation is not None:
        result.salutation_name = salutation_name(letter.salutation.text)
    # A line broken after a hyphen ("Премьер-" / "Министрі") is one word again.
    lines = [line.strip() for b in letter.addressee
             for line in re.sub(r"(\w-)\n(\w)", r"\1\2", b.text).split("\n") if line.strip()]
    if lines:
        text = "\n".join(lines)
        names = find_names(text, lang, oblique=True) or _full_name_line(text, lang)
        if names:
            name = names[-1]
            result.name = name.text
            result.surname = name.surname
            result.initials = name.initials
            position = " ".join(text[: name.start].split()).rstrip(",")
        else:
            position = " ".join(text.split())
        result.position = position or None
        if position and (m := _ORGANIZATION.search(position)) and m.group(0) != position:
            result.organization = m.group(0)
    if result.name is None and result.salutation_name is None and result.position is None:
        return None
    return result
