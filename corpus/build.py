"""Render the corpus sources as typed letters (PDF) and as scans of them.

    python corpus/build.py [ID ...]        # no ids: every source newer than its PDF

Each `src/ID.txt` (see FORMAT.md) becomes a flat ODF text document, which LibreOffice
renders to `pdf/ID.pdf`: Liberation Serif 14pt, addressee block at the top right, centred
bold title, justified paragraphs with a first-line indent, signatures as a borderless
two-column table, a right-aligned column, a list, or one line. Every tenth Kazakh document
(the founding inquiry first) and every fifth Russian one is also printed and "scanned" to `pdf/scan/ID.pdf`: rasterised at 200 dpi,
turned by a fraction of a degree, with paper noise, stored as image-only pages.
Needs: libreoffice-writer, fonts-liberation (Debian), pypdfium2 and Pillow.
"""
from __future__ import annotations

import random
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
from check import HEADER  # noqa: E402

HEAD = """<?xml version="1.0" encoding="UTF-8"?>
<office:document xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"
 xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0"
 xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"
 xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0"
 xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0"
 xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"
 office:version="1.2" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'"
  style:font-family-generic="roman" style:font-pitch="variable"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0cm"/>
  <style:text-properties style:font-name="Liberation Serif" fo:font-size="14pt"
   fo:language="ru" fo:country="RU" fo:hyphenate="false"/>
 </style:default-style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="pm1">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm"
   fo:margin-top="1.5cm" fo:margin-bottom="1.5cm" fo:margin-left="2cm" fo:margin-right="1cm"/>
 </style:page-layout>
 <style:style style:name="Body" style:family="paragraph">
  <style:paragraph-properties fo:text-align="justify" fo:text-indent="1.25cm"
   fo:margin-bottom="0.2cm"/>
 </style:style>
 <style:style style:name="Right" style:family="paragraph">
  <style:paragraph-properties fo:text-align="end" fo:margin-left="8cm" fo:margin-bottom="0.4cm"/>
 </style:style>
 <style:style style:name="RightLine" style:family="paragraph">
  <style:paragraph-properties fo:text-align="end" fo:margin-bottom="0.2cm"/>
 </style:style>
 <style:style style:name="Left" style:family="paragraph">
  <style:paragraph-properties fo:text-align="start" fo:margin-bottom="0.4cm"/>
 </style:style>
 <style:style style:name="Line" style:family="paragraph">
  <style:paragraph-properties fo:text-align="start" fo:margin-bottom="0.1cm"/>
 </style:style>
 <style:style style:name="Closing" style:family="paragraph">
  <style:paragraph-properties fo:text-align="start" fo:text-indent="1.25cm"
   fo:margin-top="0.3cm" fo:margin-bottom="0.3cm"/>
 </style:style>
 <style:style style:name="Center" style:family="paragraph">
  <style:paragraph-properties fo:text-align="center" fo:margin-top="0.3cm"
   fo:margin-bottom="0.4cm"/>
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Footer" style:family="paragraph">
  <style:paragraph-properties fo:text-align="start" fo:margin-top="0.6cm"/>
  <style:text-properties fo:font-size="10pt"/>
 </style:style>
 <style:style style:name="Cell" style:family="paragraph">
  <style:paragraph-properties fo:text-align="start"/>
 </style:style>
 <style:style style:name="CellRight" style:family="paragraph">
  <style:paragraph-properties fo:text-align="end"/>
 </style:style>
 <style:style style:name="Sig" style:family="table">
  <style:table-properties style:width="18cm" table:align="left"/>
 </style:style>
 <style:style style:name="SigRow" style:family="table-row">
  <style:table-row-properties fo:min-row-height="0.75cm"/>
 </style:style>
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="pm1"/>
</office:master-styles>
<office:body><office:text>
"""
TAIL = "</office:text></office:body></office:document>\n"


def _p(style: str, lines: list[str]) -> str:
    inner = "<text:line-break/>".join(escape(line) for line in lines)
    return f'<text:p text:style-name="{style}">{inner}</text:p>\n'


def _table(rows: list[str]) -> str:
    out = ['<table:table table:name="Signatures" table:style-name="Sig">'
           '<table:table-column table:number-columns-repeated="2"/>']
    for row in rows:
        left, _, right = row.partition("|")
        out.append('<table:table-row table:style-name="SigRow"><table:table-cell>'
                   + _p("Cell", [left.strip()]) + "</table:table-cell><table:table-cell>"
                   + _p("CellRight", [right.strip()]) + "</table:table-cell></table:table-row>")
    out.append("</table:table>\n")
    return "".join(out)


def to_fodt(source: str) -> str:
    """The flat ODF document of one corpus source."""
    sections: list[tuple[str, list[str]]] = []
    for line in source.splitlines():
        if m := HEADER.match(line):
            sections.append((m.group(1), []))
        elif sections:
            sections[-1][1].append(line.rstrip())
    parts = [HEAD]
    for name, lines in sections:
        lines = [line for line in lines if line.strip()]
        if not lines:
            continue
        if name == "right":
            parts.append(_p("Right", lines))
        elif name == "left":
            parts.append(_p("Left", lines))
        elif name == "center":
            parts.append(_p("Center", lines))
        elif name in ("body", "signatures:inline"):
            parts.extend(_p("Body", [line]) for line in lines)
        elif name == "closing":
            parts.append(_p("Closing", lines))
        elif name == "signatures:table":
            parts.append(_table(lines))
        elif name == "signatures:right":
            parts.extend(_p("RightLine", [line]) for line in lines)
        elif name == "signatures:list":
            parts.extend(_p("Line", [line]) for line in lines)
        elif name == "footer":
            parts.append(_p("Footer", lines))
    parts.append(TAIL)
    return "".join(parts)


def is_scanned(doc_id: str) -> bool:
    """Kazakh documents numbered 0, 10, 20, … (the founding inquiry first), and Russian ones
    numbered 5, 10, 15, … (the smaller half of the corpus gets as many scans) are also scanned."""
    lang, number = doc_id.split("-")
    return int(number) % (10 if lang == "kk" else 5) == 0


def scan(pdf: Path, out: Path, seed: int) -> None:
    """Print-and-scan a PDF: 200 dpi greyscale, a slight turn, paper noise, image-only pages."""
    import pypdfium2 as pdfium
    from PIL import Image, ImageChops, ImageFilter

    rng = random.Random(seed)
    pages = []
    doc = pdfium.PdfDocument(str(pdf))
    for page in doc:
        image = page.render(scale=200 / 72, grayscale=True).to_pil().convert("L")
        image = image.rotate(rng.uniform(-0.7, 0.7), resample=Image.BICUBIC, expand=False,
                             fillcolor=255)
        specks = Image.effect_noise(image.size, 24).point(lambda v: 150 if v < 62 else 255)
        image = ImageChops.darker(image, specks).filter(ImageFilter.GaussianBlur(0.6))
        pages.append(image)
    doc.close()
    out.parent.mkdir(parents=True, exist_ok=True)
    pages[0].save(out, "PDF", resolution=200, save_all=True, append_images=pages[1:], quality=60)


def build(ids: list[str]) -> None:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        sys.exit("build.py: LibreOffice is not installed (apt-get install libreoffice-writer)")
    pdf_dir = ROOT / "pdf"
    pdf_dir.mkdir(exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        files = []
        for doc_id in ids:
            path = Path(tmp) / f"{doc_id}.fodt"
            path.write_text(to_fodt((ROOT / "src" / f"{doc_id}.txt").read_text(encoding="utf-8")),
                            encoding="utf-8")
            files.append(str(path))
        for start in range(0, len(files), 40):
            subprocess.run([soffice, "--headless", "--convert-to", "pdf", "--outdir", str(pdf_dir),
                            *files[start:start + 40]], check=True, capture_output=True)
    for doc_id in ids:
        if is_scanned(doc_id):
            scan(pdf_dir / f"{doc_id}.pdf", pdf_dir / "scan" / f"{doc_id}.pdf",
                 seed=sum(map(ord, doc_id)))
        print(doc_id, "scanned" if is_scanned(doc_id) else "typed")


def main(argv: list[str]) -> None:
    if argv:
        ids = argv
    else:
        ids = [p.stem for p in sorted((ROOT / "src").glob("*.txt"))
               if (ROOT / "gold" / f"{p.stem}.json").exists() and (
                   not (ROOT / "pdf" / f"{p.stem}.pdf").exists()
                   or (ROOT / "pdf" / f"{p.stem}.pdf").stat().st_mtime < p.stat().st_mtime)]
    if ids:
        build(ids)


if __name__ == "__main__":
    main(sys.argv[1:])
