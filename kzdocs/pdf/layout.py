"""Page layout: text segments with boxes -> lines -> blocks in reading order.

Coordinates are PDF points with the origin at the top left of the page (y grows downwards).
The same code lays out the text layer of a typed PDF and the words tesseract finds on a scan.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cached_property
from statistics import median

Box = tuple[float, float, float, float]


@dataclass
class Segment:
    """A run of text on one line, as the PDF text layer or OCR gives it."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str


@dataclass
class Line:
    cells: list[Segment]
    page: int

    @cached_property
    def x0(self) -> float:
        return self.cells[0].x0

    @cached_property
    def x1(self) -> float:
        return self.cells[-1].x1

    @cached_property
    def top(self) -> float:
        return min(c.top for c in self.cells)

    @cached_property
    def bottom(self) -> float:
        return max(c.bottom for c in self.cells)

    @property
    def height(self) -> float:
        return self.bottom - self.top

    @cached_property
    def text(self) -> str:
        return "\t".join(c.text for c in self.cells)


@dataclass
class Page:
    number: int
    width: float
    height: float
    lines: list[Line]


def group_lines(segments: list[Segment], page: int) -> list[Line]:
    """Group segments whose vertical extents overlap into lines; split lines at wide gaps."""
    lines: list[list[Segment]] = []
    for seg in sorted(segments, key=lambda s: (s.top, s.x0)):
        if not seg.text.strip():
            continue
        middle = (seg.top + seg.bottom) / 2
        for line in reversed(lines[-3:]):
            top, bottom = min(s.top for s in line), max(s.bottom for s in line)
            if top <= middle <= bottom:
                line.append(seg)
                break
        else:
            lines.append([seg])
    out = []
    for segs in lines:
        segs.sort(key=lambda s: s.x0)
        height = median(s.bottom - s.top for s in segs)
        cells = [segs[0]]
        for seg in segs[1:]:
            last = cells[-1]
            if seg.x0 - last.x1 < 2.5 * height:
                sep = "" if last.text.endswith(" ") or seg.text.startswith(" ") else " "
                cells[-1] = Segment(last.x0, min(last.top, seg.top), seg.x1,
                                    max(last.bottom, seg.bottom), last.text + sep + seg.text)
            else:
                cells.append(seg)
        out.append(Line([Segment(c.x0, c.top, c.x1, c.bottom, " ".join(c.text.split()))
                         for c in cells], page))
    return out


_PAGE_NUMBER = re.compile(
    r"^[-–—\s]*(?:(?:бет|стр\.?|страница|page)\s*)?\d{1,4}(?:\s*(?:-?бет|/\s*\d{1,4}))?[-–—\s]*$",
    re.IGNORECASE)


def _shape(text: str) -> str:
    return re.sub(r"\d+", "#", text.strip().lower())


def drop_running_lines(pages: list[Page]) -> None:
    """Remove page numbers and headers/footers that repeat at the same place on several pages."""
    zone = 0.09
    seen: dict[str, int] = {}
    for page in pages:
        for line in page.lines:
            if line.top < page.height * zone or line.bottom > page.height * (1 - zone):
                seen[_shape(line.text)] = seen.get(_shape(line.text), 0) + 1
    for page in pages:
        kept = []
        for line in page.lines:
            in_margin = line.top < page.height * zone or line.bottom > page.height * (1 - zone)
            running = len(pages) > 1 and seen.get(_shape(line.text), 0) >= 2
            if in_margin and (running or _PAGE_NUMBER.match(line.text)):
                continue
            kept.append(line)
        page.lines = kept


def _text_area(pages: list[Page]) -> tuple[float, float]:
    """Left and right margins of the body text, from the lines of all pages."""
    lefts = sorted(line.x0 for p in pages for line in p.lines)
    rights = sorted(line.x1 for p in pages for line in p.lines)
    if not lefts:
        return 0.0, 1.0
    left = lefts[len(lefts) // 10]
    right = rights[min(len(rights) - 1, len(rights) * 9 // 10)]
    return left, max(right, left + 1)


def _kind(line: Line, left: float, right: float) -> str:
    width = right - left
    if len(line.cells) > 1:
        return "row"
    tol = 0.03 * width
    if line.x1 >= right - tol and line.x0 >= left + 0.4 * width:
        return "right"
    middle = (line.x0 + line.x1) / 2
    if (abs(middle - (left + right) / 2) < 0.05 * width and line.x0 > left + 0.1 * width
            and line.x1 < right - 0.1 * width):
        return "center"
    return "body"


def _join_lines(lines: list[str], words: set[str]) -> str:
    """Join the lines of a paragraph, re-joining words broken at a line end."""
    text = lines[0]
    for nxt in lines[1:]:
        m = re.search(r"(\w+)([-\u00ad\u2010])$", text)
        if m and (nxt[:1].islower() or nxt[:1].isdigit()):
            head, tail = m.group(1), re.match(r"\w*", nxt).group(0)
            soft = m.group(2) != "-" or (head + tail).lower() in words
            text = text[: m.start(2)] + ("" if soft else "-") + nxt
        else:
            text = text + " " + nxt
    return text


def _union(lines: list[Line]) -> Box:
    return (min(x.x0 for x in lines), min(x.top for x in lines),
            max(x.x1 for x in lines), max(x.bottom for x in lines))


def blocks(pages: list[Page]) -> list[tuple[str, int, Box, str]]:
    """Lay out the lines of all pages as (text, page, bbox, align) blocks in reading order."""
    left, right = _text_area(pages)
    width = right - left
    words = {w.lower() for p in pages for line in p.lines for w in re.findall(r"\w+", line.text)}
    heights = [line.height for p in pages for line in p.lines] or [12.0]
    line_height = median(heights)
    gaps = [b.top - a.bottom for p in pages for a, b in zip(p.lines, p.lines[1:])
            if 0 <= b.top - a.bottom < 2 * line_height]
    usual_gap = median(gaps) if gaps else 0.3 * line_height
    para_gap = max(1.5 * usual_gap, usual_gap + 0.35 * line_height)

    out: list[tuple[str, int, Box, str]] = []
    group: list[Line] = []
    group_kind = ""

    def flush() -> None:
        nonlocal group
        if not group:
            return
        if group_kind == "body":
            text = _join_lines([x.text for x in group], words)
            full = sum(x.x1 >= right - 0.03 * width for x in group)
            align = "justify" if full >= max(1, len(group) - 1) and len(group) > 1 else "left"
        else:
            text = "\n".join(x.text for x in group)
            align = group_kind
        out.append((text, group[0].page, _union(group), align))
        group = []

    for page in pages:
        previous: Line | None = None
        for line in page.lines:
            kind = _kind(line, left, right)
            new = True
            if group and previous is not None and kind == group_kind and kind != "row":
                gap = line.top - previous.bottom
                if kind == "body":
                    indented = line.x0 > left + 0.02 * width and previous.x0 <= line.x0
                    short = previous.x1 < right - 0.12 * width
                    new = gap > para_gap or indented or short
                else:
                    new = gap > para_gap
            elif group and previous is None and kind == group_kind == "body":
                # A paragraph running on from the previous page.
                last = group[-1]
                new = line.x0 > left + 0.02 * width or last.x1 < right - 0.12 * width
            if new:
                flush()
                group_kind = kind
            group.append(line)
            previous = line
    flush()
    return out
