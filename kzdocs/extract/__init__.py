"""From a PDF or pasted text to an `Inquiry`: read, segment, and run each field extractor.

Data flows one way: bytes -> Document (text + layout) -> Letter (structure) -> fields.
Extractors read the Document and the Letter; none of them opens the PDF again.
"""
from __future__ import annotations

from pathlib import Path

from ..document import Document
from ..errors import InputError
from ..langid import label
from ..model import Inquiry, Source
from ..normalize import normalize
from ..pdf import MAX_PAGES, read_pdf
from . import addressee, demands, gazetteer, metadata, signatories, structure

TEXT_SUFFIXES = {".txt", ".text", ".md"}


def _is_path(value: str | Path) -> bool:
    if isinstance(value, Path):
        return True
    if "\n" in value or len(value) > 1024:
        return False
    return value.lower().endswith((".pdf", *TEXT_SUFFIXES)) or Path(value).exists()


def load(path_or_text: str | Path, *, ocr: str = "auto", max_pages: int = MAX_PAGES) -> Document:
    """A Document from a PDF path, a text file path, or the text itself."""
    if not _is_path(path_or_text):
        return text_document(str(path_or_text))
    path = Path(path_or_text)
    if path.suffix.lower() in TEXT_SUFFIXES and path.is_file():
        try:
            doc = text_document(path.read_text(encoding="utf-8"))
        except UnicodeDecodeError:
            raise InputError(path, "text file is not UTF-8") from None
        doc.path = str(path)
        return doc
    return read_pdf(path, ocr=ocr, max_pages=max_pages)


def text_document(text: str) -> Document:
    """A Document from plain text: paragraphs are split at blank lines, or at line ends
    that close a sentence when the text (like pdftotext output) has a blank after every line."""
    lines = [line.strip() for line in normalize(text).replace("\r", "").split("\n")]
    blank_after = sum(1 for a, b in zip(lines, lines[1:]) if a and not b)
    nonblank = sum(1 for line in lines if line)
    paragraphs: list[str] = []
    current: list[str] = []
    loose = nonblank and blank_after > 0.6 * nonblank
    for line in lines:
        if not line:
            if not loose and current:
                paragraphs.append(" ".join(current))
                current = []
            continue
        if loose and current and (current[-1].endswith((".", "!", "?", ":")) and
                                  (line[:1].isupper() or line[:1].isdigit() or line[:1] in "«–-")
                                  or len(current[-1]) < 45):
            paragraphs.append(" ".join(current))
            current = []
        current.append(line)
    if current:
        paragraphs.append(" ".join(current))
    doc = Document.from_blocks([(p, 1, (0.0, 0.0, 0.0, 0.0), "left") for p in paragraphs])
    label(doc)
    return doc


def extract(path_or_text: str | Path, *, lang: str | None = None, ocr: str = "auto",
            max_pages: int = MAX_PAGES, topics: bool = True, entities: bool = True) -> Inquiry:
    """Extract an Inquiry from a PDF path, a text file path, or the text itself.

    `lang` forces "kk" or "ru"; by default the language is detected. `topics` and `entities`
    can be turned off to save the time of their models. Raises InputError with a one-line
    reason for a file that cannot be read.
    """
    doc = load(path_or_text, ocr=ocr, max_pages=max_pages)
    doc.language = lang or doc.language
    letter = structure.segment(doc)
    inquiry = Inquiry(
        source=Source(doc.path, doc.sha256, doc.pages, doc.ocr_pages),
        language=doc.language, text=doc.text)
    metadata.fill(inquiry, doc, letter)
    inquiry.addressee = addressee.extract(doc, letter)
    if inquiry.addressee is not None:
        inquiry.addressee.resolved = gazetteer.resolve(inquiry.addressee, date=inquiry.date,
                                                       text=doc.text, lang=doc.language)
    inquiry.signatories = signatories.extract(doc, letter)
    inquiry.chamber, inquiry.faction = signatories.chamber_and_faction(doc, letter)
    inquiry.demands = demands.extract(doc, letter) if inquiry.doc_type == "inquiry" else []
    from .figures import extract_figures

    inquiry.figures = extract_figures(doc.text, doc.language)
    if topics:
        from ..classify import classify

        inquiry.topics = classify(doc.text, doc.language)
    if entities:
        inquiry.entities = _entities(doc)
    return inquiry


def _entities(doc: Document) -> list:
    """Named entities by the pipeline of the document's language (of each paragraph's, when
    the document mixes them)."""
    from .. import nlp

    if doc.language in ("kk", "ru"):
        parts = [(doc.language, doc.text, 0)]
    else:
        parts = [(b.language or "kk", b.text, b.start) for b in doc.blocks]
    found = []
    for lang, text, offset in parts:
        try:
            ents = nlp.entities(text, lang)
        except FileNotFoundError:  # the Kazakh model is not installed: no entities, no guess
            continue
        found.extend(type(e)(e.text, e.label, e.start + offset, e.end + offset) for e in ents)
    return found
