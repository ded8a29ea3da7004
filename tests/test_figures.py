"""Tests of kzdocs.extract.figures (corpus/FORMAT.md, «Figures: what counts and how to write it»)."""
from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest

from kzdocs.extract.figures import extract_figures
from kzdocs.lang.numbers import parse_words

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
sys.path.insert(0, str(ROOT / "scripts"))
sys.path.insert(0, str(CORPUS))


def _plain(doc_id: str) -> str:
    from check import plain_text
    return plain_text((CORPUS / "src" / f"{doc_id}.txt").read_text(encoding="utf-8"))


def _one(text: str, lang: str | None = None):
    figs = extract_figures(text, lang)
    assert len(figs) == 1, [(f.text, f.value) for f in figs]
    return figs[0]


# --- the founding inquiry ------------------------------------------------------------------
@pytest.mark.skipif(not (CORPUS / "gold" / "kk-0000.json").exists(), reason="no founding inquiry")
def test_founding_inquiry_exactly():
    gold = json.loads((CORPUS / "gold" / "kk-0000.json").read_text(encoding="utf-8"))["figures"]
    text = _plain("kk-0000")
    figs = extract_figures(text, "kk")
    got = [{"text": f.text, "value": f.value, "kind": f.kind, "unit": f.unit, "currency": f.currency,
            "approximate": f.approximate, "qualifier": f.qualifier} for f in figs]
    assert got == gold
    for f in figs:
        assert text[f.start:f.end] == f.text
        assert f.sentence and f.text in f.sentence


def test_founding_inquiry_changes_and_years():
    text = ("Мысалы 2014 жылдан бері Оңтүстік Корея еліне заңсыз еңбек ету үшін баратын "
            "мигранттардың саны 359 адамнан 2019 жылы 12 мың адамға дейін күрт өсті.")
    a, b = extract_figures(text, "kk")
    assert (a.value, b.value) == (359, 12000)
    assert b.year == 2019
    assert b.change is not None and b.change.direction == "up"
    assert (b.change.from_value, b.change.to_value) == (359, 12000)
    assert b.qualifier is None  # «дейін» ends the change, it is no limit


# --- written forms ------------------------------------------------------------------------
FORMS = [
    # (text, lang, literal span, value, kind, unit, currency, qualifier)
    ("Саны 12 мың адамға жетті.", "kk", "12 мың адамға", 12000, "quantity", "person", None, None),
    ("Бағасы 120-дан асты.", "kk", "120-дан", 120, "quantity", "unit", None, "more_than"),
    ("Тариф 15%-ға өсті.", "kk", "15%-ға", 15, "percent", None, None, None),
    ("Оның 12,4%-ы ауылда.", "kk", "12,4%-ы", 12.4, "percent", None, None, None),
    ("Барлығы 1 500 тонна астық.", "kk", "1 500 тонна", 1500, "quantity", "tonne", None, None),
    ("Барлығы 1\u00a0500 тонна астық.", "kk", "1\u00a0500 тонна", 1500, "quantity", "tonne", None, None),
    ("Қаражат 1.500.000 теңге болды.", "kk", "1.500.000 теңге", 1.5e6, "money", None, "KZT", None),
    ("Бюджетке 4,7 млрд теңге бөлінді.", "kk", "4,7 млрд теңге", 4.7e9, "money", None, "KZT", None),
    ("Аударым 614 млн. долларын құрады.", "kk", "614 млн. долларын", 614e6, "money", None, "USD", None),
    ("Қарыз 105 млн. АҚШ долларына жетті.", "kk", "105 млн. АҚШ долларына", 105e6, "money", None, "USD", None),
    ("Бұл үшін он миллиард үш жүз миллион теңге керек.", "kk", "он миллиард үш жүз миллион теңге",
     10.3e9, "money", None, "KZT", None),
    ("Өсім төрт бүтін оннан бір пайыз болды.", "kk", "төрт бүтін оннан бір пайыз", 4.1, "percent", None, None, None),
    ("Бағасы бір жарым есеге өсті.", "kk", "бір жарым есеге", 1.5, "quantity", "times", None, None),
    ("Шығын екі есе артты.", "kk", "екі есе", 2, "quantity", "times", None, None),
    ("Мемлекет 60 есеге ұлғайған көмек берді.", "kk", "60 есеге", 60, "quantity", "times", None, None),
    ("Жоба 2,3 трлн теңгеге бағаланды.", "kk", "2,3 трлн теңгеге", 2.3e12, "money", None, "KZT", None),
    ("Аймақта 300-дей мұғалім жетіспейді.", "kk", "300-дей мұғалім", 300, "quantity", "person", None, "about"),
    ("Шамамен 40 пайызы тозған.", "kk", "40 пайызы", 40, "percent", None, None, "about"),
    ("Кем дегенде 25 пайызға жетуі тиіс.", "kk", "25 пайызға", 25, "percent", None, None, "at_least"),
    ("Жалақысы 5 жылдан астам өспеген.", "kk", "5 жылдан", 5, "quantity", "year", None, "more_than"),
    ("Ауданда 200 гектар жер бар.", "kk", "200 гектар", 200, "quantity", "hectare", None, None),
    ("Ұзындығы 40 шақырым жол.", "kk", "40 шақырым", 40, "quantity", "km", None, None),
    ("Пәтер 45 шаршы метр ғана.", "kk", "45 шаршы метр", 45, "quantity", "sq_m", None, None),
    ("Тұтыну 12 мың кВт·сағ болды.", "kk", "12 мың кВт·сағ", 12000, "quantity", "kwh", None, None),
    ("Қаржы 50 мың еуро болды.", "kk", "50 мың еуро", 50000, "money", None, "EUR", None),
    ("Қаржы 3 млн рубль болды.", "kk", "3 млн рубль", 3e6, "money", None, "RUB", None),
    ("Мыңнан астам кәсіпорын жабылды.", "kk", "Мыңнан", 1000, "quantity", "unit", None, "more_than"),
    ("В области проживает двадцать пять тысяч человек.", "ru", "двадцать пять тысяч человек", 25000,
     "quantity", "person", None, None),
    ("На это ушло полтора миллиона тенге.", "ru", "полтора миллиона тенге", 1.5e6, "money", None, "KZT", None),
    ("Цены выросли вдвое.", "ru", "вдвое", 2, "quantity", "times", None, None),
    ("Выделено 1,5 трлн тенге.", "ru", "1,5 трлн тенге", 1.5e12, "money", None, "KZT", None),
    ("Выделено 12 тыс. тенге на человека.", "ru", "12 тыс. тенге", 12000, "money", None, "KZT", None),
    ("Кредит составил 2 500 долларов США.", "ru", "2 500 долларов США", 2500, "money", None, "USD", None),
    ("Доля выросла до 12,4%.", "ru", "12,4%", 12.4, "percent", None, None, None),  # a change end
    ("Наценка доходит до 12,4%.", "ru", "12,4%", 12.4, "percent", None, None, "up_to"),
    ("Өсім 39 пайызға жуығы.", "kk", "39 пайызға", 39, "percent", None, None, "about"),
    ("Ол 12 мыңға да жетпеді.", "kk", "12 мыңға", 12000, "quantity", "unit", None, "less_than"),
    ("Тұтыну 1,7 млн тоннадан аспаған.", "kk", "1,7 млн тоннадан", 1.7e6, "quantity", "tonne", None, "up_to"),
    ("Около 800 человек остались без работы.", "ru", "800 человек", 800, "quantity", "person", None, "about"),
    ("Свыше 3,5 млн гектаров не орошается.", "ru", "3,5 млн гектаров", 3.5e6, "quantity", "hectare", None,
     "more_than"),
    ("Не менее 50 голов скота.", "ru", "50 голов", 50, "quantity", "unit", None, "at_least"),
    ("Менее 30 процентов сел газифицированы.", "ru", "30 процентов", 30, "percent", None, None, "less_than"),
    ("Добыча составила 26,7 млн тонн.", "ru", "26,7 млн тонн", 26.7e6, "quantity", "tonne", None, None),
    ("Очередь длится шести месяцев.", "ru", "шести месяцев", 6, "quantity", "month", None, None),
    ("Стоимость выросла в 4 раза.", "ru", "4 раза", 4, "quantity", "times", None, None),
    ("Потребление 300 кВт·ч в месяц.", "ru", "300 кВт·ч", 300, "quantity", "kwh", None, None),
    ("Мощность станции 1 000 МВт.", "ru", "1 000 МВт", 1000, "quantity", "mw", None, None),
    ("Тариф $5 млн.", "ru", "$5 млн", 5e6, "money", None, "USD", None),
]


@pytest.mark.parametrize("text,lang,span,value,kind,unit,currency,qualifier", FORMS)
def test_written_forms(text, lang, span, value, kind, unit, currency, qualifier):
    f = _one(text, lang)
    assert f.text == span
    assert text[f.start:f.end] == f.text
    assert f.value == pytest.approx(value)
    assert (f.kind, f.unit, f.currency, f.qualifier) == (kind, unit, currency, qualifier)
    assert f.approximate == (qualifier is not None)


RANGES = [
    ("Олардың көбі 20 мен 35 жас аралығындағы жастар.", "kk", [(20, "year"), (35, "year")]),
    ("Будет построено от 5 до 7 тысяч человек.", "ru", [(5000, "person"), (7000, "person")]),
    ("На это нужно 2–3 млрд тенге.", "ru", [(2e9, "KZT"), (3e9, "KZT")]),
    ("Аударымдар 279 миллионнан 614 млн. долларын құрады.", "kk", [(279e6, "USD"), (614e6, "USD")]),
    ("Жолақы 25-30 мың теңгеге жетеді.", "kk", [(25000, "KZT"), (30000, "KZT")]),
    ("Баға екі-үш есе өсті.", "kk", [(2, "times"), (3, "times")]),
    ("Срок от одного до трех месяцев.", "ru", [(1, "month"), (3, "month")]),
]


@pytest.mark.parametrize("text,lang,expected", RANGES)
def test_ranges_carry_scale_unit_currency(text, lang, expected):
    figs = extract_figures(text, lang)
    got = [(f.value, f.currency or f.unit) for f in figs]
    assert got == expected


def test_changes():
    (a, b) = extract_figures("Расходы выросли с 120 до 340 млн тенге.", "ru")
    assert a.value == 120e6 and b.value == 340e6
    assert b.change.direction == "up" and b.change.from_value == 120e6
    (f,) = extract_figures("Число преступлений сократилось на 15%.", "ru")
    assert f.change is not None and f.change.direction == "down"
    (f,) = extract_figures("Баға 20 пайызға төмендеді.", "kk")
    assert f.change.direction == "down"
    (f,) = extract_figures("Тариф 8,9%-ға өсті.", "kk")
    assert f.change.direction == "up"


def test_year_of_reference():
    (f,) = extract_figures("2022 жылы 4 200 адам жұмыссыз қалды.", "kk")
    assert f.year == 2022
    (f,) = extract_figures("В 2023 году выдано 150 кредитов.", "ru")
    assert f.year == 2023


# --- not figures --------------------------------------------------------------------------
NOT_FIGURES = [
    ("2019 жылы заң қабылданды.", "kk"),
    ("2025 жылға дейінгі бағдарлама бекітілді.", "kk"),
    ("2020–2025 жылдарға арналған жоспар.", "kk"),
    ("Указ подписан 15 марта 2023 года.", "ru"),
    ("Хат 15.03.2023 жіберілді.", "kk"),
    ("Заң 2023 жылғы 15 наурызда қабылданды.", "kk"),
    ("Кодекстің 5-бабы бұзылды.", "kk"),
    ("Конституцияның 33-бабының 1-тармағы.", "kk"),
    ("Согласно статьи 12 Кодекса.", "ru"),
    ("В соответствии с пунктом 3 статьи 45 Закона.", "ru"),
    ("Шығыс № 123 хат.", "kk"),
    ("Исх. № 01-02/345 от 12.04.2022.", "ru"),
    ("Ұлттық Кеңестің төртінші отырысы.", "kk"),
    ("Третье заседание комиссии.", "ru"),
    ("Бұл 5-ші мектеп.", "kk"),
    ("Тел.: 8 (7172) 74-55-66", "kk"),
    ("Телефон +7 701 123 45 67.", "ru"),
    ("Е-9 визасы беріледі.", "kk"),
    ("Пандемия COVID-19 кезінде.", "kk"),
    ("Авария на ТЭЦ-2 произошла ночью.", "ru"),
    ("ЖЭО-2 жөнделмеген.", "kk"),
    ("Мыңдаған адам зардап шекті.", "kk"),
    ("Тысячи людей пострадали.", "ru"),
    ("Бірнеше мектеп жабылды.", "kk"),
    ("Бұл бір мәселе ғана емес.", "kk"),
    ("Он заявил, что она не выплачена.", "ru"),
    ("Оның айтуынша, онда ештеңе жоқ.", "kk"),
    ("1) мектептер салу;\n2) жолдарды жөндеу.", "kk"),
    ("Қабылдау 9:00-ден басталады.", "kk"),
    ("Екеуі де Қытайдан бастау алады.", "kk"),
]


@pytest.mark.parametrize("text,lang", NOT_FIGURES)
def test_not_figures(text, lang):
    assert extract_figures(text, lang) == [], [(f.text, f.value) for f in extract_figures(text, lang)]


def test_number_words():
    assert parse_words("он миллиард үш жүз миллион") == 10.3e9
    assert parse_words("төрт бүтін оннан бір") == pytest.approx(4.1)
    assert parse_words("бір жарым") == 1.5
    assert parse_words("төрт жарым мың") == 4500
    assert parse_words("жарты триллион") == 5e11
    assert parse_words("двадцать пять тысяч") == 25000
    assert parse_words("полтора миллиона") == 1.5e6
    assert parse_words("двухсот") == 200
    assert parse_words("онда") is None


# --- robustness ---------------------------------------------------------------------------
def test_empty_and_whitespace():
    assert extract_figures("") == []
    assert extract_figures(" \n\t") == []


try:
    from hypothesis import given, settings
    from hypothesis import strategies as st
except ImportError:  # pragma: no cover
    given = None

if given is not None:
    _ALPHABET = st.sampled_from(list("0123456789 ,.-–%₸$№\n\u00a0«»()") + list("абвмлнрдтыс")
                                + list("мыңтеңгеадамжылпайызесеәғқңөұүһі") + ["İ", "ß", "\u0301"])
    _PIECES = st.sampled_from(["12 мың", " млн. ", "теңге", "%-ға", "2019 жылы", " тыс. ", "долларов США",
                               "бір жарым", "вдвое", "от 5 до 7", " мен ", "-дан", "астам", "около ",
                               "бүтін оннан", "COVID-19", "№ 5", "1.500.000", "15.03.2023"])

    @settings(max_examples=300, deadline=None)
    @given(st.one_of(st.text(), st.lists(st.one_of(_ALPHABET, _PIECES), max_size=40).map("".join)))
    def test_random_text_never_raises(text):
        for lang in (None, "kk", "ru"):
            for f in extract_figures(text, lang):
                assert text[f.start:f.end] == f.text
                assert f.start < f.end
                assert f.kind in ("money", "percent", "quantity")


# --- the corpus ---------------------------------------------------------------------------
@pytest.mark.skipif(not list((CORPUS / "gold").glob("*.json")), reason="no corpus")
def test_corpus_gold_f1():
    from eval_figures import corpus_scores
    scores = corpus_scores(str(CORPUS))
    assert scores["all"]["f1"] >= 0.95, scores


def test_spans_are_literal_on_corpus():
    for path in sorted((CORPUS / "src").glob("*.txt"))[:40]:
        text = _plain(path.stem)
        for f in extract_figures(text):
            assert text[f.start:f.end] == f.text


def test_mask_skips_only_lines_with_nothing_to_mask():
    """Masking line runs gives the same result as masking the whole text, on the corpus
    sources and on a span that crosses a line break."""
    from kzdocs.extract.figures import _MASK, _blank, _mask

    texts = [p.read_text(encoding="utf-8").lower() for p in sorted((CORPUS / "src").glob("*.txt"))]
    texts.append("құжат\nтел.:\n8 (7172) 55-59-17\nжәне 5 мың\n\n1) бірінші\nсоңы")
    assert len(texts) > 100
    for text in texts:
        assert _mask(text) == _MASK.sub(_blank, text)
