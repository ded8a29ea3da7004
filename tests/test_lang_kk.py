"""Tests of the Kazakh spaCy language (kzdocs.lang.kk) on real text."""
from __future__ import annotations

from pathlib import Path

import pytest
import spacy

import kzdocs.lang.kk  # noqa: F401

SEED_DIR = Path(__file__).parents[1].parent / "shared" / "seed"
SEED = SEED_DIR / "000_a3c8e8d5e1867429.txt"
KAZNERD = Path(__file__).parents[1].parent / "shared" / "data" / "kaznerd" / "IOB2_valid.txt"


@pytest.fixture(scope="module")
def nlp():
    nlp = spacy.blank("kk")
    nlp.add_pipe("sentencizer")
    return nlp


@pytest.fixture(scope="module")
def seed_text():
    if not SEED.exists():
        pytest.skip(f"founding inquiry not found at {SEED}")
    return SEED.read_text(encoding="utf-8")


def toks(nlp, text):
    return [t.text for t in nlp(text) if not t.is_space]


def test_blank_kk_is_kazakh():
    nlp = spacy.blank("kk")
    assert nlp.lang == "kk"
    assert type(nlp).__name__ == "Kazakh"
    assert spacy.util.get_lang_class("kk") is kzdocs.lang.kk.Kazakh


@pytest.mark.parametrize(
    "abbr", ["млн.", "млрд.", "трлн.", "т.б.", "т.с.с.", "ж.", "жж.", "ғ.", "б.", "ҚР", "АҚШ", "ТМД"]
)
def test_abbreviations_are_one_token(nlp, abbr):
    words = toks(nlp, f"Бұл 2020 {abbr} туралы")
    assert abbr in words
    assert words == ["Бұл", "2020", abbr, "туралы"]


def test_abbreviation_before_comma(nlp):
    assert toks(nlp, "мектептер, ауруханалар т.б., сондай-ақ") == [
        "мектептер", ",", "ауруханалар", "т.б.", ",", "сондай-ақ",
    ]


def test_abbreviation_norms(nlp):
    doc = nlp("614 млн. доллар, ҚР Үкіметі")
    assert doc[1].norm_ == "миллион"
    assert doc[4].norm_ == "Қазақстан Республикасы"


@pytest.mark.parametrize(
    "text,expected",
    [
        ("Е. Бейсенбаев", ["Е.", "Бейсенбаев"]),
        ("Е.Бейсенбаев", ["Е.", "Бейсенбаев"]),
        ("Ә.А.Бейсенбаев", ["Ә.А.", "Бейсенбаев"]),
        ("Ә.А. Бейсенбаев", ["Ә.А.", "Бейсенбаев"]),
        ("Ж. Тәжмағамбетова", ["Ж.", "Тәжмағамбетова"]),
    ],
)
def test_initials(nlp, text, expected):
    assert toks(nlp, text) == expected


@pytest.mark.parametrize(
    "text,expected",
    [
        ("12,4%-ға", ["12,4", "%-ға"]),
        ("12,4%", ["12,4", "%"]),
        ("70,3 %-ы", ["70,3", "%-ы"]),
        ("120-дан", ["120-дан"]),
        ("3-і", ["3-і"]),
        ("2020-жылы", ["2020-жылы"]),
        ("1,7 миллионнан", ["1,7", "миллионнан"]),
        ("(5%-ы).", ["(", "5", "%-ы", ")", "."]),
        ("Е-9 визасын", ["Е-9", "визасын"]),
    ],
)
def test_numbers_with_suffixes(nlp, text, expected):
    assert toks(nlp, text) == expected


def test_hyphenated_words_stay_whole(nlp):
    assert toks(nlp, "Қасым-Жомарт көші-қонын әлеуметтік-мәдени Сондай-ақ") == [
        "Қасым-Жомарт", "көші-қонын", "әлеуметтік-мәдени", "Сондай-ақ",
    ]


def test_quotes_and_dashes(nlp):
    assert toks(nlp, "«Еңбек миграциясы – бұл процесс» – деді.") == [
        "«", "Еңбек", "миграциясы", "–", "бұл", "процесс", "»", "–", "деді", ".",
    ]
    assert toks(nlp, "2019–2020 жж.") == ["2019", "–", "2020", "жж."]
    assert toks(nlp, "миграциясы—бұл") == ["миграциясы", "—", "бұл"]
    assert toks(nlp, "«Nur Otan»-ның") == ["«", "Nur", "Otan", "»", "-ның"]


@pytest.mark.parametrize(
    "word", ["бір", "екі", "он", "жиырма", "қырық", "жүз", "мың", "миллион", "миллиард",
             "бірінші", "төртінші", "мыңнан", "миллионнан", "12", "1,7", "120-дан", "3-і"],
)
def test_like_num_true(nlp, word):
    assert nlp(word)[0].like_num


@pytest.mark.parametrize("word", ["бірақ", "бірге", "үшін", "онда", "адам", "ел"])
def test_like_num_false(nlp, word):
    assert not nlp(word)[0].like_num


def test_stop_words(nlp):
    doc = nlp("және бұл үшін біздің азаматтарымыз")
    assert [t.is_stop for t in doc] == [True, True, True, True, False]


# --- the founding inquiry -------------------------------------------------------------


def test_seed_figures(nlp, seed_text):
    words = toks(nlp, seed_text)
    assert "млн." in words
    assert words.count("млн.") == 2
    i = words.index("614")
    assert words[i : i + 3] == ["614", "млн.", "долларын"]
    i = words.index("1,7")
    assert words[i : i + 2] == ["1,7", "миллионнан"]
    assert "АҚШ" in words
    assert "Қасым-Жомарт" in words
    assert "Е-9" in words
    assert "«" in words and "»" in words and "–" in words


def test_seed_signatories_are_initial_plus_surname(nlp, seed_text):
    tail = seed_text[seed_text.index("Құрметпен") :]
    words = toks(nlp, tail)
    for initial, surname in [("Е.", "Бейсенбаев"), ("Ю.", "Жулин"), ("М.", "Ахметов"),
                             ("Е.", "Сайыров"), ("А.", "Сарым"), ("В.", "Ким"),
                             ("Ж.", "Тәжмағамбетова"), ("Д.", "Әлімбаев")]:
        i = words.index(surname)
        assert words[i - 1] == initial


def test_seed_sentences_do_not_break_at_millions(nlp, seed_text):
    text = " ".join(seed_text.split())  # undo the PDF line breaks
    sents = [s.text for s in nlp(text).sents]
    joined = [s for s in sents if "614 млн." in s]
    assert len(joined) == 1
    assert "614 млн. долларын құрады." in joined[0]
    assert "105 млн. АҚШ долларына дейін өсті" in " ".join(sents)
    assert any("105 млн. АҚШ долларына дейін өсті" in s for s in sents)
    # the speech in quotes ends with «…» – деді. and the next sentence starts anew
    assert any(s.startswith("Дегенмен, ақпарат беттерінде") for s in sents)
    # no sentence ends with an initial
    for s in sents:
        assert not s.rstrip().endswith((" Е.", " Ю.", " М.", " А.", " В.", " Ж.", " Д."))


def test_initials_do_not_end_sentences(nlp):
    doc = nlp("Хатқа Е. Бейсенбаев қол қойды. Оны Ә.А. Сарым қолдады.")
    assert [s.text for s in doc.sents] == [
        "Хатқа Е. Бейсенбаев қол қойды.", "Оны Ә.А. Сарым қолдады."
    ]


def test_millions_do_not_end_sentences(nlp):
    doc = nlp("Көлемі 614 млн. долларды құрады. Бұл т.б. елдерден көп.")
    assert [s.text for s in doc.sents] == [
        "Көлемі 614 млн. долларды құрады.", "Бұл т.б. елдерден көп."
    ]


# --- KazNERD ----------------------------------------------------------------------------


def test_kaznerd_tokenisation_mostly_reproduced(nlp):
    """Our tokenizer re-splits KazNERD's detokenised sentences into its own tokens."""
    if not KAZNERD.exists():
        pytest.skip("KazNERD not available")
    from kzdocs.train_ner import read_iob2

    sents = read_iob2(KAZNERD)[:2000]
    same = 0
    for words, _ in sents:
        same += toks(nlp, " ".join(words)) == words
    assert same / len(sents) > 0.97


@pytest.mark.parametrize(
    "text,expected",
    [
        # spaCy's own character classes miss Ғ ғ, Қ қ, Ұ ұ: full stops after them
        ("баратыны анық.", ["баратыны", "анық", "."]),
        ("мүмкіндік жоқ.", ["мүмкіндік", "жоқ", "."]),
        ("Қ.Бейсенбаев", ["Қ.", "Бейсенбаев"]),
        ("Ұ.Ғ.Бейсенбаев", ["Ұ.Ғ.", "Бейсенбаев"]),
    ],
)
def test_kazakh_letters_outside_spacy_classes(nlp, text, expected):
    assert toks(nlp, text) == expected


def test_seed_sentence_after_qaf(nlp, seed_text):
    text = " ".join(seed_text.split())
    sents = [s.text for s in nlp(text).sents]
    assert any(s.startswith("Сонымен қатар, бұл елмен") for s in sents)


@pytest.mark.parametrize(
    "text,expected",
    [
        ("1 500 адам", ["1 500", "адам"]),
        ("1\u00a0500 адам", ["1\u00a0500", "адам"]),
        ("12 000 000 теңге", ["12 000 000", "теңге"]),
        ("1 500-ден астам", ["1 500-ден", "астам"]),
        ("2 345,6 млн.", ["2 345,6", "млн."]),
        ("2019 100 адам", ["2019", "100", "адам"]),
        ("20 мен 35", ["20", "мен", "35"]),
    ],
)
def test_thousands_separator(text, expected):
    from kzdocs.lang.kk import make_nlp

    nlp = make_nlp()
    assert [t.text for t in nlp(text)] == expected


def test_seed_numbers_not_merged_wrongly(seed_text):
    from kzdocs.lang.kk import make_nlp

    nlp = make_nlp()
    words = [t.text for t in nlp(" ".join(seed_text.split()))]
    i = words.index("359")
    assert words[i : i + 5] == ["359", "адамнан", "2019", "жылы", "12"]
