"""Speed of reading and extraction, next to pdftotext on the same files in the same run.

    python benchmarks/bench_extract.py [--runs 5]

Prints a Markdown table for docs/benchmarks.md: cold `kzdocs extract` of a 2-page PDF as a
fresh process, `kzdocs --help`, warm per-document latency, reader pages/s against
`pdftotext`, and OCR seconds per page (tesseract, one thread per page).
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SAMPLE = ROOT / "kzdocs" / "data" / "sample.pdf"


def _timed(cmd: list[str], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    import pypdfium2 as pdfium

    from kzdocs.extract import extract
    from kzdocs.pdf import read_pdf

    kzdocs = shutil.which("kzdocs") or sys.exit("install kzdocs first (pip install .)")
    rows = []
    cold = _timed([kzdocs, "extract", str(SAMPLE)], args.runs)
    rows.append(("cold `kzdocs extract` of a 2-page PDF (fresh process)", f"{cold:.3f} s", "<= 1.5 s"))
    help_time = _timed([kzdocs, "--help"], args.runs)
    rows.append(("`kzdocs --help`", f"{help_time:.3f} s", "<= 0.3 s"))

    typed = sorted((ROOT / "corpus" / "pdf").glob("*.pdf"))
    pages = sum(len(pdfium.PdfDocument(str(p))) for p in typed)
    extract(typed[0])  # warm up
    start = time.perf_counter()
    for path in typed:
        extract(path)
    warm = (time.perf_counter() - start) / len(typed)
    rows.append((f"warm `extract()` per document ({len(typed)} typed corpus PDFs, "
                 f"{pages / len(typed):.1f} pages each)", f"{warm * 1000:.1f} ms", "<= 100 ms"))

    from kzdocs.classify import classify

    docs = [extract(path, topics=False, entities=False) for path in typed]
    classify(docs[0].text, docs[0].language)
    start = time.perf_counter()
    for doc in docs:
        classify(doc.text, doc.language)
    per_doc = (time.perf_counter() - start) / len(docs)
    rows.append(("topic prediction per document (lemmas, lexicon, 21 classifiers)",
                 f"{per_doc * 1000:.1f} ms", "<= 10 ms"))

    start = time.perf_counter()
    for path in typed:
        read_pdf(path)
    reader = pages / (time.perf_counter() - start)
    if shutil.which("pdftotext"):
        start = time.perf_counter()
        for path in typed:
            subprocess.run(["pdftotext", "-layout", str(path), os.devnull], check=True)
        reference = pages / (time.perf_counter() - start)
        ratio = f"{reader / reference:.2f}x pdftotext ({reference:.0f} pages/s)"
    else:
        ratio = "pdftotext not installed"
    rows.append(("`read_pdf` pages/s (text layer + layout)", f"{reader:.0f} pages/s", ratio))

    scans = sorted((ROOT / "corpus" / "pdf" / "scan").glob("*.pdf"))[:4]
    if scans and shutil.which("tesseract"):
        scan_pages = sum(len(pdfium.PdfDocument(str(p))) for p in scans)
        start = time.perf_counter()
        for path in scans:
            read_pdf(path)
        per_page = (time.perf_counter() - start) / scan_pages
        rows.append((f"OCR, wall time per page ({scan_pages} scanned pages, {os.cpu_count()} "
                     "cores, one tesseract per page)", f"{per_page:.2f} s",
                     f"{per_page * (os.cpu_count() or 1):.2f} s per page per core"))

    print(f"Machine: {os.cpu_count()} cores, Python {sys.version.split()[0]}\n")
    print("| measure | result | reference / target |\n| --- | --- | --- |")
    for name, value, ref in rows:
        print(f"| {name} | {value} | {ref} |")


if __name__ == "__main__":
    main()
