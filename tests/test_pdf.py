"""PDF reading: text layer, layout blocks, running lines, normalisation, OCR."""
from __future__ import annotations

import difflib
import shutil

import pytest

from kzdocs.document import Block
from kzdocs.normalize import KZ1048_REPAIR, fix_lookalikes, looks_kz_legacy, normalize
from kzdocs.pdf import read_pdf
from kzdocs.pdf.layout import Line, Page, Segment, _join_lines, drop_running_lines
from kzdocs.pdf.quality import text_problem

from conftest import CORPUS, DATA

KAZAKH = "әғқңөұүһі"


def _similarity(a: str, b: str) -> float:
    return difflib.SequenceMatcher(None, " ".join(a.split()), " ".join(b.split()),
                                   autojunk=False).ratio()


def test_seed_pdf_text_is_exact(seed_pdf, seed_text):
    doc = read_pdf(seed_pdf)
    assert doc.pages == 2 and doc.ocr_pages == []
    assert doc.text.split() == seed_text.split()
    for block in doc.blocks:
        assert doc.text[block.start:block.end] == block.text


def test_seed_pdf_layout(seed_pdf):
    doc = read_pdf(seed_pdf)
    aligns = [b.align for b in doc.blocks]
    assert doc.blocks[0].text == "Депутаттық сауал" and aligns[0] == "center"
    # Paragraphs broken by the layout are re-joined: the 15 paragraphs after the salutation.
    assert aligns.count("justify") == 15
    rows = [b for b in doc.blocks if b.align == "row"]
    assert [r.cells for r in rows][0] == ["Қазақстан Республикасы", "Е. Бейсенбаев"]
    assert len(rows) == 4
    assert [b.text for b in doc.blocks if b.align == "right"] == [
        "А. Сарым", "В. Ким", "Ж. Тәжмағамбетова", "Д. Әлімбаев"]


def test_paragraph_running_over_a_page_break_is_one_block(seed_pdf):
    doc = read_pdf(seed_pdf)
    para = next(b for b in doc.blocks if b.text.startswith("Осыған байланысты, Мемлекет"))
    assert para.text.endswith("тапсырған болатын.")


@pytest.mark.skipif(shutil.which("tesseract") is None, reason="tesseract is not installed")
def test_seed_scan_is_read_by_ocr(seed_scan, seed_text):
    doc = read_pdf(seed_scan)
    assert doc.ocr_pages == [1, 2]
    assert _similarity(doc.text, seed_text) > 0.985
    for letter in KAZAKH:  # every Kazakh letter read, about as often as the page has it
        assert abs(doc.text.count(letter) - seed_text.count(letter)) <= 0.05 * seed_text.count(
            letter) + 1, letter
    assert sum(b.align == "justify" for b in doc.blocks) >= 15
    assert [b.cells[-1] for b in doc.blocks if b.align == "row"][:2] == ["Е. Бейсенбаев", "Ю. Жулин"]


def test_ocr_never_leaves_a_scan_empty(seed_scan):
    doc = read_pdf(seed_scan, ocr="never")
    assert doc.text == "" and doc.ocr_pages == []


def test_addressee_block_is_a_right_aligned_block():
    doc = read_pdf(CORPUS / "pdf" / "kk-0008.pdf")
    first = doc.blocks[0]
    assert first.align == "right"
    assert first.lines == ["Қазақстан Республикасының", "Премьер-Министрі", "Б.Ә. Сағынтаевқа"]


def test_kz1048_legacy_font_is_repaired():
    doc = read_pdf(DATA / "kz1048.pdf")
    expected = (DATA / "kz1048.txt").read_text(encoding="utf-8")
    assert doc.kz_font_repaired
    assert "Қазақстан Республикасының" in doc.text and "Ќ" not in doc.text
    assert _similarity(doc.text, "\n".join(l for l in expected.splitlines()
                                           if not l.startswith("["))) > 0.99


def test_kz1048_detection_needs_the_legacy_letters_in_words():
    real = "Қазақстан Республикасының Үкіметі ғылым министрлігі"
    legacy = real.translate(str.maketrans({v: k for k, v in KZ1048_REPAIR.items()}))
    assert legacy.startswith("Ќазаќстан Республикасыныѕ Їкіметі єылым")
    assert looks_kz_legacy(legacy)
    assert normalize(legacy) == real
    assert not looks_kz_legacy("Қазақстан Республикасының Үкіметі")
    assert not looks_kz_legacy("Україна, Київ, Ґрунт: три слова")  # Ukrainian stays


def test_kz1048_table_maps_to_kazakh_letters():
    assert sorted(set(KZ1048_REPAIR.values())) == sorted("ӘәҒғҚқҢңӨөҰұҮүҺһ")


def test_latin_lookalikes_inside_cyrillic_words_are_fixed():
    assert fix_lookalikes("Kазақстан Pеспубликасы") == "Казақстан Республикасы"
    assert fix_lookalikes("eadaily.com, Nur Otan") == "eadaily.com, Nur Otan"
    assert fix_lookalikes("мiндеттi") == "міндетті"


def test_hyphenated_line_ends_are_rejoined():
    words = {"денсаулық", "сақтау"}
    assert _join_lines(["мемлекеттік бағдар\u00ad", "ламасы бойынша"], words) == \
        "мемлекеттік бағдарламасы бойынша"
    assert _join_lines(["соның бірден-", "бірі"], words) == "соның бірден-бірі"
    assert _join_lines(["денсау-", "лық сақтау"], words) == "денсаулық сақтау"


def _page(number: int, lines: list[tuple[float, str]]) -> Page:
    return Page(number, 595, 842, [Line([Segment(57, top, 566 if len(t) > 40 else 57 + 6 * len(t),
                                                  top + 12, t)], number) for top, t in lines])


def test_page_numbers_and_running_headers_are_dropped():
    body = "Мәтін жолы, ол беттің бүкіл енін алады және абзацтың ішінде тұр."
    pages = [_page(n, [(20, "Қазақстан Республикасы Парламенті Мәжілісі"), (100, body),
                       (116, body), (820, f"- {n} -")]) for n in (1, 2, 3)]
    drop_running_lines(pages)
    texts = [line.text for p in pages for line in p.lines]
    assert texts == [body] * 6


def test_text_quality_check():
    assert text_problem("") == "no text layer"
    assert text_problem("\ue001\ue002\ue003 " * 20) is not None
    assert text_problem("Қ?зақстан Р?спубликасы ж?не б?л мәселе ?лі шешілмеген " * 3) is not None
    assert text_problem("Депутаттық сауал. Құрметті Мұхтар Бескенұлы! " * 3) is None
    garbled = "Казакстан Республикасы жане осы мемлекет туралы деп жылы бойынша мен " * 2
    assert text_problem(garbled) == "Kazakh letters missing"


def test_block_helpers():
    block = Block("Қазақстан Республикасы\tЕ. Бейсенбаев", 0, 36, 1, (0, 0, 1, 1), "row")
    assert block.cells == ["Қазақстан Республикасы", "Е. Бейсенбаев"]


def test_document_and_paragraph_language(seed_pdf):
    doc = read_pdf(seed_pdf)
    assert doc.language == "kk"
    assert all(b.language == "kk" for b in doc.blocks if b.align == "justify")
