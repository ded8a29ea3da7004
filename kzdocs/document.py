"""The document model the PDF reader produces and every extractor reads.

A `Document` is one normalised text with character offsets; its `blocks` keep the layout
(page, box, alignment) of each paragraph, line group or table row.
"""
from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Block:
    """A paragraph, a group of short lines, or one row of a table, with its place on the page.

    `align` is "justify" for body paragraphs, "left", "right" or "center" for line groups,
    and "row" for a table row, whose cells are joined by a tab in `text`.
    """

    text: str
    start: int
    end: int
    page: int
    bbox: tuple[float, float, float, float]
    align: str
    language: str | None = None

    @property
    def lines(self) -> list[str]:
        return self.text.split("\n")

    @property
    def cells(self) -> list[str]:
        return self.text.split("\t")


@dataclass
class Document:
    """Normalised text of a PDF (or pasted text) with its layout blocks."""

    text: str
    blocks: list[Block]
    path: str | None = None
    sha256: str | None = None
    pages: int = 0
    ocr_pages: list[int] = field(default_factory=list)
    language: str | None = None
    kz_font_repaired: bool = False

    @classmethod
    def from_blocks(cls, blocks: list[tuple[str, int, tuple[float, float, float, float], str]],
                    **meta) -> "Document":
        """Join (text, page, bbox, align) tuples into one text, blocks separated by a blank line."""
        parts: list[str] = []
        out: list[Block] = []
        pos = 0
        for text, page, bbox, align in blocks:
            if not text.strip():
                continue
            if parts:
                parts.append("\n\n")
                pos += 2
            out.append(Block(text, pos, pos + len(text), page, bbox, align))
            parts.append(text)
            pos += len(text)
        return cls("".join(parts), out, **meta)
