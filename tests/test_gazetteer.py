"""The gazetteer of office holders: an addressee named by salutation or by surname and
initials resolves to a person and office only when the date or the text leaves one person."""
from __future__ import annotations

import csv
import json
import re
import sys
from pathlib import Path

from kzdocs.extract import gazetteer
from kzdocs.extract.gazetteer import DATA, fold, load, patronymic_stem, resolve, text_years
from kzdocs.model import Addressee

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


def _plain_text(source: str) -> str:
    sys.path.insert(0, str(CORPUS))
    try:
        from check import plain_text
    finally:
        sys.path.remove(str(CORPUS))
    return plain_text(source)


def test_data_file_is_well_formed():
    with open(DATA, encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle, delimiter="\t"))
    assert rows
    date = re.compile(r"^\d{4}-\d{2}(-\d{2})?$")
    for row in rows:
        assert row["surname_kk"] and row["surname_ru"] and row["given_kk"] and row["given_ru"]
        assert re.fullmatch(r"[a-z_]+", row["office"]), row
        assert date.match(row["start"]), row
        assert not row["end"] or date.match(row["end"]), row
        assert not row["end"] or row["end"] >= row["start"], row
        assert not row["patronymic_kk"] or re.search(r"(ұлы|қызы|ич|овна|евна)$",
                                                     row["patronymic_kk"]), row
    assert len(load()) == len(rows)


def test_name_folding():
    assert fold("Смайылов") == fold("Смаилов")
    assert fold("Әлихан") == fold("Алихан")
    assert patronymic_stem("Асханұлы") == patronymic_stem("Асханович")
    assert patronymic_stem("Босымбекқызы") == patronymic_stem("Босымбековна")


def test_seed_inquiry_resolves_to_tileuberdi():
    text = _plain_text((CORPUS / "src" / "kk-0000.txt").read_text(encoding="utf-8"))
    gold = json.loads((CORPUS / "gold" / "kk-0000.json").read_text(encoding="utf-8"))
    addressee = Addressee(salutation_name=gold["addressee"]["salutation_name"])
    resolved = resolve(addressee, date=gold["date"], text=text, lang="kk")
    assert resolved is not None
    assert resolved["name"] == "Мұхтар Бескенұлы Тілеуберді"
    assert resolved["surname"] == "Тілеуберді"
    assert resolved["offices"] == ["deputy_prime_minister", "minister_of_foreign_affairs"]
    assert resolved["position"] == "Премьер-Министрдің орынбасары – Сыртқы істер министрі"
    assert resolved["position_ru"] == "Заместитель Премьер-Министра – Министр иностранных дел"
    assert "salutation name matches given name + patronymic" in resolved["evidence"]
    assert any("Сыртқы істер" in e for e in resolved["evidence"])


def test_ambiguous_salutation_without_date_stays_unresolved():
    # Several Nurlans are in the gazetteer: a given name alone names no one.
    assert resolve(Addressee(salutation_name="Нұрлан"), date=None, text="", lang="kk") is None
    # A given name + patronymic nobody in the gazetteer has.
    assert resolve(Addressee(salutation_name="Нұрлан Серікұлы"), date=None, text="",
                   lang="kk") is None
    # A unique given name + patronymic resolves even without a date.
    assert resolve(Addressee(salutation_name="Ерлан Әбілфайызұлы"), date=None, text="",
                   lang="kk")["surname"] == "Ыдырысов"


def test_ambiguous_salutation_is_broken_only_by_evidence(monkeypatch, tmp_path):
    rows = [
        ["surname_kk", "given_kk", "patronymic_kk", "surname_ru", "given_ru", "patronymic_ru",
         "position_kk", "position_ru", "office", "start", "end", "note"],
        ["Бірінші", "Асқар", "Серікұлы", "Первый", "Аскар", "Серикович",
         "Денсаулық сақтау министрі", "Министр здравоохранения", "minister_of_health",
         "2015-01", "2018-01", ""],
        ["Екінші", "Асқар", "Серікұлы", "Второй", "Аскар", "Серикович",
         "Энергетика министрі", "Министр энергетики", "minister_of_energy",
         "2016-01", "2020-01", ""],
    ]
    path = tmp_path / "officeholders.tsv"
    path.write_text("".join("\t".join(row) + "\n" for row in rows), encoding="utf-8")
    original = gazetteer.load.__wrapped__
    monkeypatch.setattr(gazetteer, "load", lambda: original(str(path)))
    addressee = Addressee(salutation_name="Асқар Серікұлы")
    assert resolve(addressee, date=None, text="Бір мәселе.", lang="kk") is None
    assert resolve(addressee, date="2017-03-01", text="", lang="kk") is None
    assert resolve(addressee, date="2019-03-01", text="", lang="kk")["surname"] == "Екінші"
    hit = resolve(addressee, date=None, text="Денсаулық сақтау министрлігінің деректері", lang="kk")
    assert hit["surname"] == "Бірінші"
    assert any("Денсаулық сақтау" in e for e in hit["evidence"])


def test_russian_salutation_with_date():
    resolved = resolve(Addressee(salutation_name="Алихан Асханович"), date="2023-05-10",
                       text="Уважаемый Алихан Асханович!", lang="ru")
    assert resolved["name"] == "Алихан Асханович Смаилов"
    assert resolved["office"] == "prime_minister"
    assert resolved["position"] == "Премьер-Министр"
    assert "in office on 2023-05-10" in resolved["evidence"]
    # the same person in 2020: First Deputy Prime Minister – Minister of Finance
    earlier = resolve(Addressee(salutation_name="Алихан Асханович"), date="2020-06-24", text="",
                      lang="ru")
    assert earlier["offices"] == ["first_deputy_prime_minister", "minister_of_finance"]
    # Kazakh salutation, Russian-spelled data variants
    assert resolve(Addressee(salutation_name="Әлихан Асханұлы"), date="2023-05-10", text="",
                   lang="kk")["name"] == "Әлихан Асханұлы Смайылов"


def test_surname_and_initials():
    addressee = Addressee(name="Ә.А. Смайыловқа", surname="Смайылов", initials="Ә.А.",
                          position="Қазақстан Республикасының Премьер-Министрі")
    resolved = resolve(addressee, date=None, text="", lang="kk")
    assert resolved["surname"] == "Смайылов"
    assert resolved["office"] == "prime_minister"
    assert any("Премьер-Министр" in e for e in resolved["evidence"])
    # Russian spelling and initials
    ru = resolve(Addressee(surname="Смаилов", initials="А.А."), date="2019-11-06", text="",
                 lang="ru")
    assert ru["name"] == "Алихан Асханович Смаилов"
    # initials that do not fit, and a surname not in the gazetteer
    assert resolve(Addressee(surname="Смаилов", initials="Б.А."), date=None, text="",
                   lang="ru") is None
    assert resolve(Addressee(surname="Жолдасбаев", initials="Н.С."), date="2017-06-14",
                   text="", lang="kk") is None
    # a surname alone without a date is too weak
    assert resolve(Addressee(surname="Ахметов"), date=None, text="", lang="kk") is None


def test_out_of_office_date_does_not_resolve():
    assert resolve(Addressee(salutation_name="Мұхтар Бескенұлы"), date="2015-01-01", text="",
                   lang="kk") is None


def test_text_years_skip_targets_and_law_dates():
    assert text_years("2020 жылы 10 мың, 2025 жылға дейінгі бағдарлама") == [2020]
    assert text_years("Закон от 22 июля 2011 года; в 2019 году; до 2030 года") == [2019]


def _gold_addressees():
    for gold_path in sorted((CORPUS / "gold").glob("*.json")):
        src = CORPUS / "src" / f"{gold_path.stem}.txt"
        if not src.exists():
            continue
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        addressee = gold.get("addressee")
        if addressee and (addressee.get("surname") or addressee.get("salutation_name")):
            yield gold_path.stem, gold, addressee, src


def test_no_false_resolution_on_corpus():
    fields = ("name", "surname", "initials", "salutation_name", "position", "organization")
    resolved_count = 0
    for doc_id, gold, addressee, src in _gold_addressees():
        text = _plain_text(src.read_text(encoding="utf-8"))
        result = resolve(Addressee(**{k: addressee.get(k) for k in fields}),
                         date=gold.get("date"), text=text, lang=gold.get("language"))
        if result is None:
            continue
        resolved_count += 1
        if addressee.get("surname"):
            surnames = {fold(result["name_kk"].split()[-1]), fold(result["name_ru"].split()[-1])}
            assert fold(addressee["surname"]) in surnames, (doc_id, addressee, result)
    assert resolved_count > 0
