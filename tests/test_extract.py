"""Extraction of the letter's fields from the founding inquiry, typed and scanned, and from text."""
from __future__ import annotations

import re
import shutil

import pytest

from kzdocs.extract import extract
from kzdocs.extract.metadata import find_date
from kzdocs.names import find_names, people_in, surname_nominative

SIGNERS = ["Е. Бейсенбаев", "Ю. Жулин", "М. Ахметов", "Е. Сайыров", "А. Сарым", "В. Ким",
           "Ж. Тәжмағамбетова", "Д. Әлімбаев"]
DEMANDS = ["Осыған байланысты, Үкімет бұл мәселені ерекше бақылауға алып",
           "Қабылданған шаралар туралы заңнамамен белгіленген мерзімде"]


def _check_seed(inquiry):
    assert inquiry.language == "kk" and inquiry.doc_type == "inquiry"
    assert inquiry.title == "Депутаттық сауал"
    assert inquiry.chamber == "mazhilis" and inquiry.faction == "Nur Otan"
    assert inquiry.addressee.salutation_name == "Мұхтар Бескенұлы"
    assert [s.name for s in inquiry.signatories] == SIGNERS
    assert [s.surname for s in inquiry.signatories][-1] == "Әлімбаев"
    assert len(inquiry.demands) == 2
    for demand, start in zip(inquiry.demands, DEMANDS):
        # OCR may add a stray mark ("белгіленген. мерзімде"); the words must all be there.
        assert set(re.findall(r"\w+", start)) <= set(re.findall(r"\w+", demand.text))
        assert inquiry.text[demand.start:demand.end] == demand.text
    assert inquiry.demands[1].answer_form == "written"


def test_seed_pdf(seed_pdf):
    _check_seed(extract(seed_pdf))


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_seed_scan(seed_scan):
    _check_seed(extract(seed_scan))


def test_seed_as_pasted_pdftotext_output(seed_pdf):
    raw = (seed_pdf.parent / "000_a3c8e8d5e1867429.txt").read_text(encoding="utf-8")
    _check_seed(extract(raw))


def test_addressee_block_and_russian_salutation():
    text = ("Премьер-Министру\nРеспублики Казахстан\nСмаилову А.А.\n\nДепутатский запрос\n\n"
            "Уважаемый Алихан Асханович!\n\nВ 2022 году цены на уголь выросли. Просим Вас "
            "поручить Правительству принять меры.\n\nС уважением,\n\nДепутат Мажилиса\nИ. Петров")
    inquiry = extract(text)
    a = inquiry.addressee
    assert (a.name, a.surname, a.initials) == ("Смаилову А.А.", "Смаилов", "А.А.")
    assert a.salutation_name == "Алихан Асханович"
    assert a.position == "Премьер-Министру Республики Казахстан"
    assert inquiry.language == "ru" and inquiry.chamber == "mazhilis"
    assert [s.name for s in inquiry.signatories] == ["И. Петров"]


@pytest.mark.parametrize("oblique,nominative,lang", [
    ("Смайыловқа", "Смайылов", "kk"), ("Тоқаевтың", "Тоқаев", "kk"), ("Маминге", "Мамин", "kk"),
    ("Бектеновке", "Бектенов", "kk"), ("Ахметовтің", "Ахметов", "kk"),
    ("Смаилову", "Смаилов", "ru"), ("Бектенову", "Бектенов", "ru"), ("Гиният", "Гиният", "ru"),
    ("Смаиловой", "Смаилова", "ru")])
def test_surname_nominative(oblique, nominative, lang):
    assert surname_nominative(oblique, lang) == nominative


def test_name_forms():
    names = find_names("Е.Бейсенбаев, Бейсенбаев Е.Қ., Е. Бейсенбаев")
    assert [(n.surname, n.initials) for n in names] == [("Бейсенбаев", "Е."),
                                                        ("Бейсенбаев", "Е.Қ."), ("Бейсенбаев", "Е.")]
    full = people_in("Ерлан Бейсенбаев")[0]
    assert (full.given_name, full.surname) == ("Ерлан", "Бейсенбаев")
    assert people_in("Қазақстан Республикасы") == []


@pytest.mark.parametrize("text,iso", [
    ("2023 жылғы 15 наурыз", "2023-03-15"), ("2016 жылғы «14» қараша", "2016-11-14"),
    ("15.03.2023 г. № 12", "2023-03-15"), ("15 марта 2023 года", "2023-03-15"),
    ("№ ДС-12 без даты", None)])
def test_dates(text, iso):
    assert find_date(text) == iso


def test_output_validates_against_the_schema(seed_pdf):
    import json

    import jsonschema

    from conftest import ROOT

    schema = json.loads((ROOT / "docs" / "schema.json").read_text(encoding="utf-8"))
    data = extract(seed_pdf).to_dict()
    jsonschema.validate(data, schema)
    for fig in data["figures"]:
        assert data["text"][fig["start"]:fig["end"]] == fig["text"]


@pytest.mark.parametrize("text,lang", [
    ("Қабылданған шаралар туралы заңнамамен белгіленген мерзімде хабарлауыңызды сұраймыз.", "kk"),
    ("Просим Вас рассмотреть вопрос о выделении средств на ремонт школы в селе.", "ru"),
    ("Мемлекет Басшысы бұл мәселені шешуді тапсырды.", "kk"),
    ("В связи с этим считаем необходимым поручить Министерству здравоохранения.", "ru")])
def test_paragraph_language(text, lang):
    from kzdocs.langid import paragraph_language

    assert paragraph_language(text) == lang


def test_document_language_mixed_and_corpus():
    from kzdocs.langid import detect

    kk = "Бұл мәселе бойынша Үкіметке депутаттық сауал жолдаймыз және жауап күтеміз. " * 3
    ru = "По данному вопросу направляем депутатский запрос и просим дать ответ в срок. " * 3
    assert detect([kk, ru]) == "mixed"
    assert detect([kk, kk, kk, kk, kk, ru]) == "kk"
    assert detect([ru, ru, ru, ru, ru, kk]) == "ru"


def test_faction_spellings_share_one_group():
    from kzdocs.extract.signatories import faction_group

    assert faction_group("Нұр Отан") == faction_group("Nur Otan") == "Nur Otan"
    assert faction_group("КНПК") == faction_group("Қазақстан Халық партиясы")
    assert faction_group("Зелёные") == "Зелёные" and faction_group(None) is None
