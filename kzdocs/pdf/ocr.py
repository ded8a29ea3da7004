"""OCR with tesseract: one single-threaded tesseract process per page, pages in parallel.

Tesseract's own OpenMP threads slow it down five-fold on two cores (15 s/page against 2.7 s
with OMP_THREAD_LIMIT=1), so each process gets one thread and pages run side by side.
"kaz+rus+eng" reads official letters best: without "eng" URLs and Latin party names break.
"""
from __future__ import annotations

import csv
import functools
import io
import os
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor

from ..errors import OCRUnavailable
from .layout import Segment

WANTED_LANGUAGES = ("kaz", "rus", "eng")
_PUNCTUATION = {"–", "—", "-", "«", "»", "(", ")", "%", "№", "!", "?", ":", ";", ",", ".", "...",
                "*", "/"}
DPI = 200  # the resolution of a typical office scan; upsampling to 300 dpi reads worse here


@functools.lru_cache(maxsize=1)
def tesseract_languages() -> tuple[str, ...]:
    """The wanted languages tesseract has; raises OCRUnavailable when it cannot OCR Kazakh."""
    exe = shutil.which("tesseract")
    if exe is None:
        raise OCRUnavailable(
            "tesseract is not installed (apt-get install tesseract-ocr tesseract-ocr-kaz "
            "tesseract-ocr-rus), or run with --ocr never")
    out = subprocess.run([exe, "--list-langs"], capture_output=True, text=True, check=False)
    have = set(out.stdout.split())
    langs = tuple(lang for lang in WANTED_LANGUAGES if lang in have)
    if "kaz" not in langs and "rus" not in langs:
        raise OCRUnavailable("tesseract has neither Kazakh nor Russian (apt-get install "
                             "tesseract-ocr-kaz tesseract-ocr-rus)")
    return langs


def _ocr_image(png: bytes, scale: float, timeout: float) -> list[Segment]:
    """Words tesseract reads on one page image, grouped by its lines, in PDF points."""
    env = dict(os.environ, OMP_THREAD_LIMIT="1")
    cmd = ["tesseract", "stdin", "stdout", "-l", "+".join(tesseract_languages()), "--psm", "3",
           "tsv"]
    out = subprocess.run(cmd, input=png, capture_output=True, env=env, timeout=timeout,
                         check=False)
    if out.returncode != 0:
        raise OCRUnavailable(f"tesseract failed: {out.stderr.decode(errors='replace').strip()}")
    rows = csv.DictReader(io.StringIO(out.stdout.decode("utf-8", errors="replace")),
                          delimiter="\t", quoting=csv.QUOTE_NONE)
    words: dict[tuple[str, str, str], list[Segment]] = {}
    for row in rows:
        text = (row.get("text") or "").strip()
        if row.get("level") != "5" or _is_speck(text, float(row.get("conf") or -1)):
            continue
        left, top = int(row["left"]) / scale, int(row["top"]) / scale
        key = (row["block_num"], row["par_num"], row["line_num"])
        words.setdefault(key, []).append(Segment(
            left, top, left + int(row["width"]) / scale, top + int(row["height"]) / scale, text))
    segments = [seg for line in words.values() for seg in _runs(line)]
    if not any("”" in seg.text for seg in segments):
        # Kazakh and Russian letters quote with «»: a lone “ is a speck read as a quote.
        for seg in segments:
            seg.text = seg.text.replace("“", "").strip()
    return [seg for seg in segments if seg.text]


def _is_speck(word: str, confidence: float) -> bool:
    """Scanner noise read as a word: rules, quotes and marks standing alone."""
    if confidence < 0 or not word:
        return True
    if any(ch.isalnum() for ch in word):
        return False
    return word not in _PUNCTUATION or confidence < 50


def _runs(words: list[Segment]) -> list[Segment]:
    """Split one OCR line into runs of words at gaps wider than a few letters."""
    words.sort(key=lambda w: w.x0)
    height = sorted(w.bottom - w.top for w in words)[len(words) // 2]
    runs = [[words[0]]]
    for word in words[1:]:
        if word.x0 - runs[-1][-1].x1 > 2.5 * height:
            runs.append([word])
        else:
            runs[-1].append(word)
    return [Segment(run[0].x0, min(w.top for w in run), run[-1].x1, max(w.bottom for w in run),
                    " ".join(w.text for w in run)) for run in runs]


def ocr_images(pngs: list[bytes], scale: float, workers: int | None = None,
               timeout: float = 120.0) -> list[list[Segment]]:
    """OCR page images in parallel, one single-threaded tesseract per page."""
    tesseract_languages()
    workers = workers or os.cpu_count() or 1
    with ThreadPoolExecutor(max_workers=max(1, min(workers, len(pngs)))) as pool:
        return list(pool.map(lambda png: _ocr_image(png, scale, timeout), pngs))
