"""A readable plain-text summary of an Inquiry, for clerks at the terminal."""
from __future__ import annotations

import textwrap

from .model import Figure, Inquiry


def _value(fig: Figure) -> str:
    number = f"{fig.value:,.2f}".rstrip("0").rstrip(".").replace(",", " ")
    what = fig.currency or ("%" if fig.kind == "percent" else fig.unit or "")
    qualifier = f" ({fig.qualifier})" if fig.qualifier else ""
    return f"{number} {what}{qualifier}".strip()


def table(inquiry: Inquiry, width: int = 100) -> str:
    """The fields of an inquiry as labelled lines; empty fields show as '–'."""
    src = inquiry.source
    ocr = f", OCR pages {','.join(map(str, src.ocr_pages))}" if src.ocr_pages else ""
    lines = [f"{src.path or '<text>'}  ({inquiry.language}, {inquiry.doc_type}, "
             f"{src.pages} page{'s' if src.pages != 1 else ''}{ocr})"]

    def row(label: str, value: object) -> None:
        lines.append(f"  {label:<12} {value if value not in (None, '', []) else '–'}")

    row("Title", inquiry.title)
    row("Number", inquiry.number)
    row("Date", inquiry.date)
    row("Chamber", inquiry.chamber)
    row("Faction", inquiry.faction)
    a = inquiry.addressee
    if a is not None:
        who = ", ".join(x for x in (a.position, a.name) if x)
        if a.salutation_name:
            who = f"{who} (salutation: {a.salutation_name})" if who else a.salutation_name
        if a.resolved:
            who += f" → {a.resolved.get('name')}, {a.resolved.get('position')}"
        row("Addressee", who)
    else:
        row("Addressee", None)
    row("Signatories", ", ".join(s.name for s in inquiry.signatories))
    if inquiry.topics:
        row("Topics", ", ".join(f"{t.code} {t.label} ({t.score:.2f})" for t in inquiry.topics[:3]))
    lines.append(f"  Figures ({len(inquiry.figures)})")
    for fig in inquiry.figures:
        lines.append(f"    {fig.text:<32.32} {_value(fig)}")
    lines.append(f"  Demands ({len(inquiry.demands)})")
    for i, demand in enumerate(inquiry.demands, 1):
        wrapped = textwrap.wrap(demand.text, width - 8) or [""]
        lines.append(f"    {i}. {wrapped[0]}")
        lines.extend(f"       {part}" for part in wrapped[1:])
    return "\n".join(lines)
