"""Resolve a letter's addressee to a person and office with a gazetteer of office holders.

The gazetteer is `kzdocs/data/officeholders.tsv` (one row per person and office, with Kazakh
and Russian spellings and dates of office; see kzdocs/data/README.md). An addressee named only
by salutation («Құрметті Мұхтар Бескенұлы!», «Уважаемый Алихан Асханович!») or by surname and
initials («Смайыловқа Ә.А.» -> Смайылов, Ә.А.) is resolved when the document's date, the years
its text mentions, the position in the addressee block or the ministries the text names leave
exactly one person.

    resolve(addressee, date="2021-05-12", text=body, lang="kk") -> dict | None

Standard library only: the import is cheap.
"""
from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta
from functools import lru_cache
from pathlib import Path
from typing import Any

DATA = Path(__file__).parents[1] / "data" / "officeholders.tsv"
SLACK = timedelta(days=60)

# Kazakh letters to their nearest Russian letter; ё to е. Used only to compare names.
_FOLD = str.maketrans({"ә": "а", "ғ": "г", "қ": "к", "ң": "н", "ө": "о", "ұ": "у", "ү": "у",
                       "һ": "х", "і": "и", "ы": "и", "ё": "е", "й": "", "ь": "", "ъ": ""})
_PATRONYMIC_END = re.compile(r"(?:ұлы|улы|ули|қызы|кызы|кизи|ович|евич|ьевич|овна|евна|ична|ич)$")

# Words that name an office's domain (ministry, agency, city), Kazakh and Russian, lower case.
DOMAINS: dict[str, tuple[str, ...]] = {
    "prime_minister": (r"премьер-министр(?!\w*\s+орынбасар|\w*\s+бірінші)(?!а\b)",
                       r"премьер-министру\b"),
    "first_deputy_prime_minister": (r"премьер-министр\w*\s+бірінші\s+орынбасар",
                                    r"первому\s+заместителю\s+премьер"),
    "deputy_prime_minister": (r"премьер-министр\w*\s+орынбасар", r"заместител\w+\s+премьер"),
    "minister_of_foreign_affairs": (r"сыртқы\s+істер", r"иностранных\s+дел", r"\bмид\b"),
    "minister_of_finance": (r"қаржы\s+министр", r"министр\w*\s+финансов", r"минфин"),
    "minister_of_health": (r"денсаулық\s+сақтау", r"здравоохранени", r"минздрав"),
    "minister_of_health_and_social_development": (r"денсаулық\s+сақтау", r"здравоохранени",
                                                  r"әлеуметтік\s+даму", r"социального\s+развития"),
    "minister_of_labour": (r"еңбек\s+және\s+халықты", r"еңбек\s+министр", r"министр\w*\s+труда",
                           r"минтруд"),
    "minister_of_energy": (r"энергетика\s+министр", r"министр\w*\s+энергетики", r"минэнерго"),
    "minister_of_agriculture": (r"ауыл\s+шаруашылығы\s+министр",
                                r"министр\w*\s+сельского\s+хозяйства", r"минсельхоз"),
    "minister_of_investment_and_development": (r"инвестициялар\s+және\s+даму",
                                               r"по\s+инвестициям\s+и\s+развитию"),
    "minister_of_industry_and_new_technologies": (r"жаңа\s+технологиялар",
                                                  r"индустрии\s+и\s+новых\s+технологий"),
    "minister_of_industry_and_infrastructure_development": (
        r"инфрақұрылымдық\s+даму", r"инфраструктурного\s+развития"),
    "minister_of_transport": (r"көлік\s+министр", r"министр\w*\s+транспорта", r"минтранс"),
    "minister_of_digital_development": (r"цифрлық\s+даму", r"цифрового\s+развития", r"мцриап"),
    "minister_of_information_and_communications": (r"ақпарат\s+және\s+коммуникация",
                                                   r"информации\s+и\s+коммуникаций"),
    "minister_of_ecology": (r"экология,?\s+геология", r"экологии,?\s+геологии", r"экология\s+министр",
                            r"министр\w*\s+экологии"),
    "minister_of_economic_development_and_trade": (r"экономикалық\s+даму\s+және\s+сауда",
                                                   r"экономического\s+развития\s+и\s+торговли"),
    "chair_national_bank": (r"ұлттық\s+банк", r"национальн\w+\s+банк"),
    "akim_kyzylorda": (r"қызылорда", r"кызылорд"),
    "minister_of_education_and_science": (r"білім\s+және\s+ғылым", r"образования\s+и\s+науки"),
    "minister_of_enlightenment": (r"оқу-ағарту", r"просвещени"),
    "minister_of_trade_and_integration": (r"сауда\s+және\s+интеграция",
                                          r"торговли\s+и\s+интеграции"),
    "minister_of_internal_affairs": (r"ішкі\s+істер", r"внутренних\s+дел", r"\bмвд\b"),
    "minister_of_justice": (r"әділет\s+министр", r"министр\w*\s+юстиции", r"минюст"),
    "minister_of_defence": (r"қорғаныс\s+министр", r"министр\w*\s+обороны", r"минобороны"),
    "prosecutor_general": (r"бас\s+прокурор", r"генеральн\w+\s+прокур"),
    "chair_competition_agency": (r"бәсекелестікті\s+қорғау", r"защите\s+и\s+развитию\s+конкуренции"),
    "chair_national_security_committee": (r"ұлттық\s+қауіпсіздік\s+комитет",
                                          r"комитет\w*\s+национальной\s+безопасности"),
    "head_presidential_administration": (r"президент\s+әкімшілі", r"администраци\w+\s+президента"),
    "akim_astana": (r"\bастана", r"нұр-сұлтан", r"нур-султан", r"\bелорда", r"\bстолиц"),
    "akim_almaty": (r"алматы\s+қала", r"\bалматы\b(?!\s+облы)", r"города\s+алматы"),
    "akim_pavlodar": (r"павлодар",),
    "akim_karaganda": (r"қарағанды", r"караганд"),
    "akim_mangystau": (r"маңғыстау", r"мангистау", r"жаңаөзен", r"жанаозен", r"ақтау", r"актау"),
    "akim_aktobe": (r"ақтөбе", r"актюбинск", r"актобе"),
    "akim_north_kazakhstan": (r"солтүстік\s+қазақстан", r"северо-казахстанск", r"петропавл"),
    "akim_kostanay": (r"қостанай", r"костанай"),
    "akim_east_kazakhstan": (r"шығыс\s+қазақстан", r"восточно-казахстанск", r"өскемен",
                             r"усть-каменогорск"),
}
_DOMAIN_RE = {office: re.compile("|".join(pats), re.IGNORECASE) for office, pats in DOMAINS.items()}
_RANK = {"prime_minister": 0, "first_deputy_prime_minister": 1, "deputy_prime_minister": 2}

# A year the text mentions, unless it is a target ("2025 жылға дейін", "до 2025 года").
_YEAR = re.compile(r"(?<![\d.])(20[0-3]\d)(?![\d.,])")
_TARGET_AFTER = re.compile(r"^\s*(?:-|–|—)?\s*(?:ж\.?\s*)?(?:жылға|жылдарға|жылдың\s+соңына|"
                           r"жылға\s+дейін|-\s*20\d\d)", re.IGNORECASE)
_TARGET_BEFORE = re.compile(r"(?:\bдо|\bк|\bна|\bпо|\bв\s+течение|-|–|—)\s*$", re.IGNORECASE)
# The date of a law or decree the text cites: "от 22 июля 2011 года", "2004 жылғы 5 шілдедегі".
_LAW_BEFORE = re.compile(r"\bот\s+\d{1,2}\s+[а-я]+\s*$", re.IGNORECASE)
_LAW_AFTER = re.compile(r"^\s*жылғы\s+\d{1,2}\s+\w+(?:дағы|дегі|тағы|тегі)", re.IGNORECASE)


@dataclass(frozen=True)
class Office:
    surname_kk: str
    given_kk: str
    patronymic_kk: str
    surname_ru: str
    given_ru: str
    patronymic_ru: str
    position_kk: str
    position_ru: str
    office: str
    start: str
    end: str

    @property
    def person(self) -> tuple[str, str, str]:
        return (fold(self.surname_ru), fold(self.given_ru), fold(self.patronymic_ru))

    @property
    def first(self) -> Date:
        return _parse(self.start, last=False) or Date(1991, 1, 1)

    @property
    def last(self) -> Date:
        return _parse(self.end, last=True) or Date.today()


@lru_cache(maxsize=50_000)
def fold(word: str) -> str:
    """A name folded for comparison: case-folded, Kazakh letters as Russian, ё as е,
    й/ь/ъ dropped, doubled letters single ("Смайылов" and "Смаилов" -> "смаилов");
    cached, as every look-up folds the gazetteer's names again."""
    word = word.casefold().replace("-", "").translate(_FOLD)
    return re.sub(r"(.)\1+", r"\1", word)


@lru_cache(maxsize=50_000)
def patronymic_stem(word: str) -> str:
    """The father's name inside a patronymic: "Бескенұлы", "Бескенович" -> "бескен"."""
    word = word.casefold().replace("ё", "е")
    word = _PATRONYMIC_END.sub("", word)
    return fold(word)


def _parse(value: str, *, last: bool) -> Date | None:
    parts = [int(p) for p in value.strip()[:10].split("-") if p.isdigit()] if value else []
    if not parts or not 1900 < parts[0] < 2100 or (len(parts) > 1 and not 1 <= parts[1] <= 12):
        return None
    year, month = parts[0], parts[1] if len(parts) > 1 else (12 if last else 1)
    if len(parts) > 2:
        try:
            return Date(year, month, parts[2])
        except ValueError:
            return None
    if not last:
        return Date(year, month, 1)
    nxt = Date(year + (month == 12), month % 12 + 1, 1)
    return nxt - timedelta(days=1)


@lru_cache(maxsize=1)
def load(path: str | None = None) -> tuple[Office, ...]:
    """The gazetteer rows, read once."""
    fields = Office.__dataclass_fields__
    with open(path or DATA, encoding="utf-8", newline="") as handle:
        rows = csv.DictReader(handle, delimiter="\t")
        return tuple(Office(**{k: (row.get(k) or "").strip() for k in fields}) for row in rows)


def _name_matches(words: list[str], row: Office) -> bool:
    """Do the salutation's words (given name, patronymic) name this row's person?"""
    if len(words) < 2:
        return False
    given, patronymic = fold(words[-2]), patronymic_stem(words[-1])
    givens = {fold(row.given_kk), fold(row.given_ru)} - {""}
    stems = {patronymic_stem(row.patronymic_kk), patronymic_stem(row.patronymic_ru)} - {""}
    return given in givens and patronymic in stems


def _initials_match(initials: str | None, row: Office) -> bool:
    letters = [fold(c) for c in re.findall(r"\w", initials or "")]
    if not letters:
        return True
    for given, patronymic in ((row.given_kk, row.patronymic_kk), (row.given_ru, row.patronymic_ru)):
        own = [fold(given[:1]), fold(patronymic[:1]) if patronymic else None]
        if letters[0] == own[0] and (len(letters) < 2 or own[1] in (None, letters[1])):
            return True
    return False


def _surname_matches(surname: str, row: Office) -> bool:
    return fold(surname) in {fold(row.surname_kk), fold(row.surname_ru)} - {""}


def text_years(text: str) -> list[int]:
    """Years the text mentions as past or present (not targets such as "2025 жылға дейін")."""
    years = []
    for m in _YEAR.finditer(text):
        if _TARGET_AFTER.match(text[m.end():m.end() + 30]):
            continue
        before = text[max(0, m.start() - 25):m.start()]
        if _TARGET_BEFORE.search(before) or _LAW_BEFORE.search(before):
            continue
        if _LAW_AFTER.match(text[m.end():m.end() + 40]):
            continue
        years.append(int(m.group(1)))
    return years


def _domain_hits(office: str, text: str) -> list[str]:
    pattern = _DOMAIN_RE.get(office)
    return [m.group(0) for m in pattern.finditer(text)] if pattern else []


def _overlaps(row: Office, lo: Date, hi: Date) -> bool:
    return row.first - SLACK <= hi and row.last + SLACK >= lo


def resolve(addressee: Any, *, date: str | None = None, text: str = "",
            lang: str | None = None) -> dict[str, Any] | None:
    """The person and office the addressee names, or None unless exactly one person fits.

    `addressee` is a kzdocs.model.Addressee (salutation_name, surname, initials, position);
    `date` the document's date (YYYY-MM-DD) when known; `text` the letter's text.
    """
    if addressee is None:
        return None
    rows = load()
    salutation = (getattr(addressee, "salutation_name", None) or "").split()
    surname = getattr(addressee, "surname", None)
    initials = getattr(addressee, "initials", None)
    position = getattr(addressee, "position", None) or ""
    evidence: list[str] = []

    by_name = [r for r in rows if _name_matches(salutation, r)] if salutation else []
    by_surname = ([r for r in rows if _surname_matches(surname, r) and _initials_match(initials, r)]
                  if surname else [])
    if surname and salutation:
        both = [r for r in by_name if r in by_surname]
        if not both:
            return None
        candidates = both
        evidence.append("salutation name matches given name + patronymic")
        evidence.append("surname and initials match the addressee block")
    elif salutation:
        candidates = by_name
        evidence.append("salutation name matches given name + patronymic")
    elif surname and (initials or date):
        candidates = by_surname
        evidence.append("surname and initials match the addressee block" if initials
                        else "surname matches the addressee block")
    else:
        return None
    if not candidates:
        return None

    # When: the document's date; else the latest year the text mentions (+2 years), which only
    # narrows the candidates when some office fits it (texts also cite old years).
    when = _parse(date, last=False) if date else None
    lo = hi = when
    if when:
        timed = [r for r in candidates if _overlaps(r, when, when)]
        if not timed:
            return None
        evidence.append(f"in office on {when.isoformat()}")
        candidates = timed
    elif (years := text_years(text)):
        year = max(years)
        lo, hi = Date(year, 1, 1), Date(year + 2, 12, 31)
        timed = [r for r in candidates if _overlaps(r, lo, hi)]
        if timed:
            if len(timed) < len(candidates):
                evidence.append(f"in office in {lo.year}–{hi.year} (the text mentions {year})")
            candidates = timed
        else:
            lo = hi = None

    # Which domain: the addressee block's position first, then the text.
    def score(row: Office) -> tuple[int, int]:
        return (len(_domain_hits(row.office, position)), len(_domain_hits(row.office, text)))

    people = {r.person for r in candidates}
    if len(people) > 1:
        best: dict[tuple[str, str, str], tuple[int, int]] = {}
        for r in candidates:
            best[r.person] = max(best.get(r.person, (0, 0)), score(r))
        top = max(best.values())
        winners = [p for p, s in best.items() if s == top]
        if top == (0, 0) or len(winners) != 1:
            return None
        candidates = [r for r in candidates if r.person == winners[0]]

    # The office (or concurrent offices) the letter most likely addresses.
    scored = sorted(candidates, key=lambda r: (score(r), r.last), reverse=True)
    primary = scored[0]
    concurrent = [r for r in candidates if r is primary or _concurrent(r, primary)]
    if score(primary) == (0, 0) and len(concurrent) < len(candidates):
        evidence.append("office uncertain: the latest one"
                        + (" in the window" if lo and not when else ""))
    if position and not any(_domain_hits(r.office, position) for r in candidates) and any(
            p.search(position) for p in _DOMAIN_RE.values()):
        evidence.append("the addressee block's position matches none of the person's offices here")
    pos_hits = _domain_hits(primary.office, position)
    txt_hits = _domain_hits(primary.office, text)
    if pos_hits:
        evidence.append(f"position mentions «{pos_hits[0].strip()}»")
    elif txt_hits:
        evidence.append(f"text mentions «{_words_at(text, txt_hits[0])}»")
    if when:
        concurrent = [r for r in concurrent if _overlaps(r, when, when)]
    concurrent.sort(key=lambda r: (_RANK.get(r.office, 9), r.office))
    kk = lang == "kk" or (lang is None and bool(re.search(r"[әғқңөұүһі]", text.lower())))
    name_kk = " ".join(p for p in (primary.given_kk, primary.patronymic_kk, primary.surname_kk) if p)
    name_ru = " ".join(p for p in (primary.given_ru, primary.patronymic_ru, primary.surname_ru) if p)
    position_kk = " – ".join(r.position_kk for r in concurrent)
    position_ru = " – ".join(r.position_ru for r in concurrent)
    return {
        "name": name_kk if kk else name_ru,
        "surname": primary.surname_kk if kk else primary.surname_ru,
        "name_kk": name_kk,
        "name_ru": name_ru,
        "position": position_kk if kk else position_ru,
        "position_kk": position_kk,
        "position_ru": position_ru,
        "office": primary.office,
        "offices": [r.office for r in concurrent],
        "start": max(concurrent, key=lambda r: r.first).start,
        "end": min(concurrent, key=lambda r: r.last).end or None,
        "evidence": evidence,
    }


def _concurrent(a: Office, b: Office) -> bool:
    """Held at the same time for more than a month (Deputy PM and Minister of Foreign Affairs),
    not merely one after the other."""
    return min(a.last, b.last) - max(a.first, b.first) > timedelta(days=31)


def _words_at(text: str, hit: str) -> str:
    """A domain hit to the end of its word, with the ministry word after it: «Сыртқы істер
    министрлігінің»."""
    i = text.find(hit)
    if i < 0:
        return hit
    m = re.match(re.escape(hit) + r"[\w\-]*(?:\s+(?:министр|министерств|агентт|агентств|комитет)"
                 r"[\w\-]*)?", text[i:])
    return m.group(0) if m else hit
