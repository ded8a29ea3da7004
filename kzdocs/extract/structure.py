"""The parts of an official letter: header (addressee block, number and date, letterhead),
title, salutation, body, closing, signature block and footer.

With a PDF the layout decides (a right-aligned block at the top is the addressee block);
with pasted text the same parts are found from their wording alone.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..document import Block, Document
from ..names import find_names, people_in

#: Kazakh words are matched with the letters OCR confuses them with (қ/к, ұ/у, і/!/1).
SALUTATION_WORDS = (r"(?:Аса\s+)?[ҚК][ұу]рметт[іi!1l]|Қадірлі|Уважаем(?:ый|ая|ые)|"
                    r"Глубокоуважаем(?:ый|ая)")
SALUTATION = re.compile(rf"^\s*(?:{SALUTATION_WORDS})(?!\w)[^!\n]{{2,80}}!", re.IGNORECASE)
TITLE = re.compile(
    r"^\s*(?:депутат(?:т[ыі][қк]|ский)\s+(?:сауал|запрос)|сауал|запрос|баспасөз\s+хабарламасы|"
    r"пресс-релиз|ақпараттық\s+хабарлама|информационное\s+сообщение|түсіндірме\s+жазба|"
    r"пояснительная\s+записка|жауап|ответ)\b", re.IGNORECASE)
CLOSING = re.compile(r"^\s*(?:Құрметпен|С\s+уважением|Құрметпен,)\s*,?\s*$", re.IGNORECASE)
FOOTER = re.compile(r"^\s*(?:Орынд(?:аушы)?\.?|Исп(?:олнитель|\.)|Тел\.?|тел\.?|8\s?\(\d)",
                    re.IGNORECASE)
NUMBER_OR_DATE = re.compile(
    r"№|\b\d{1,2}\.\d{1,2}\.\d{4}\b|\b(?:19|20)\d\d\s*ж(?:ылғы|\.)|\b\d{1,2}»?\s+[а-яәіөүұқғң]+\s+"
    r"(?:19|20)\d\d|\bИсх\.|\bШығ\.", re.IGNORECASE)
ROLE_WORDS = re.compile(
    r"депутат|сенатор|фракци|партия|мүшелері|члены|Мәжіліс|Мажилис|Сенат|Парламент|Республика|"
    r"министр|вице|әкім|аким|төраға|председател|руководител|басшы", re.IGNORECASE)


@dataclass
class Letter:
    """Blocks of a document sorted into the parts of a letter (each part may be empty)."""

    header: list[Block] = field(default_factory=list)
    addressee: list[Block] = field(default_factory=list)
    title: Block | None = None
    salutation: Block | None = None
    body: list[Block] = field(default_factory=list)
    closing: Block | None = None
    signature: list[Block] = field(default_factory=list)
    footer: list[Block] = field(default_factory=list)


def _names(text: str) -> list:
    """Names with initials, or a full name ending the text or its last comma piece."""
    return find_names(text) or people_in(text.rsplit(",", 1)[-1])


def _looks_like_signature(block: Block) -> bool:
    """A short block of names and roles, as signature blocks are."""
    text = block.text
    names = _names(text)
    if len(text) > 600 or block.align == "justify" and not names:
        return False
    if block.align in ("row", "right"):
        return True
    if names:
        words = len(text.split())
        return words <= 8 * max(1, len(find_names(text))) + 12
    return len(text) < 160 and bool(ROLE_WORDS.search(text)) and not text.rstrip().endswith((";", "."))


def _running_text(block: Block) -> bool:
    """A paragraph of the letter's text rather than a header line."""
    if block.align == "justify":
        return True
    return block.align in ("left", "body") and len(block.text) > 160 and "\n" not in block.text


def _ends_sentence(block: Block) -> bool:
    return block.text.rstrip().endswith((".", "!", "?", ":", ";"))


def segment(doc: Document) -> Letter:
    """Sort the blocks of a document into the parts of a letter."""
    blocks = doc.blocks
    letter = Letter()
    if not blocks:
        return letter
    # The header runs until the salutation, or else until the first paragraph of running text.
    head_end = None
    for i, block in enumerate(blocks[:12]):
        if SALUTATION.match(block.text):
            letter.salutation = block
            head_end = i
            break
    if head_end is None:
        head_end = next((i for i, b in enumerate(blocks[:12]) if _running_text(b)), 0)
    title_at = None
    for i, block in enumerate(blocks[:head_end + 1]):
        if TITLE.match(block.text) and len(block.text) < 120 or (
                block.align == "center" and len(block.text) < 200 and i < head_end):
            title_at = i  # letterhead lines are centred too: the title is the last of them
    if title_at is not None:
        letter.title = blocks[title_at]
    start = head_end + 1 if letter.salutation else head_end
    letter.header = [b for b in blocks[:head_end] if b is not letter.title]
    letter.addressee = _addressee_blocks(letter.header, letter.title)

    # From the end: footer lines, then the signature block, then the closing.
    end = len(blocks)
    while end > start and len(blocks[end - 1].text) < 120 and (
            FOOTER.match(blocks[end - 1].text) or NUMBER_OR_DATE.search(blocks[end - 1].text)
            and not people_in(blocks[end - 1].text)):
        end -= 1  # executor and phone lines, and a date, place and number under the signatures
    letter.footer = blocks[end:]
    closing_at = None
    for i in range(end - 1, max(start, end - 25) - 1, -1):
        if CLOSING.match(blocks[i].text):
            closing_at = i
            break
    if closing_at is not None:
        letter.closing = blocks[closing_at]
        letter.signature = blocks[closing_at + 1:end]
        body_end = closing_at
    else:
        sig_start = end

        def signs(i: int) -> bool:
            block = blocks[i]
            return _looks_like_signature(block) and (
                not _ends_sentence(block) or bool(_names(block.text)))

        while sig_start > start + 1 and (signs(sig_start - 1) or (
                # one short line OCR garbled ("ЖЛ. Молдабекова") between two signature lines
                sig_start < end and sig_start - 2 > start and len(blocks[sig_start - 1].text) < 40
                and not _ends_sentence(blocks[sig_start - 1]) and signs(sig_start - 2))):
            sig_start -= 1
        letter.signature = blocks[sig_start:end]
        body_end = sig_start
    letter.body = [b for b in blocks[start:body_end] if b is not letter.title]
    return letter


def _addressee_blocks(header: list[Block], title: Block | None) -> list[Block]:
    """The addressee block: right-aligned header blocks, or (pasted text) header lines that are
    neither a number/date line nor a letterhead."""
    right = [b for b in header if b.align == "right"]
    if right:
        return right
    if any(b.align in ("left", "justify") and b.bbox != (0.0, 0.0, 0.0, 0.0) for b in header):
        return []  # A laid-out PDF whose header has no right-aligned block.
    return [b for b in header if not NUMBER_OR_DATE.search(b.text) and find_names(b.text)]
