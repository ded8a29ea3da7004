"""Throughput of kzdocs.extract.figures.extract_figures on one core.

    python benchmarks/bench_figures.py [--mb 2] [--repeat 3]

Takes the corpus documents (plain text), repeats them to about `--mb` megabytes
(UTF-8), runs the extractor document by document and prints the best MB/s of `--repeat`
runs, plus the import time of the module. Target: >= 1 MB/s.
"""
from __future__ import annotations

import argparse
import glob
import os
import subprocess
import sys
import time

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "corpus"))


def corpus_texts() -> list[str]:
    from check import plain_text
    texts = []
    for path in sorted(glob.glob(os.path.join(ROOT, "corpus", "src", "*.txt"))):
        try:
            with open(path, encoding="utf-8") as fh:
                texts.append(plain_text(fh.read()))
        except (OSError, UnicodeDecodeError):
            continue
    return texts or ["Мысалы 2014 жылдан бері 359 адамнан 2019 жылы 12 мың адамға дейін күрт өсті. "
                     "Расходы выросли с 120 до 340 млн тенге, то есть почти втрое. " * 20]


def import_ms() -> float:
    code = ("import time,sys; sys.path.insert(0, %r); t=time.perf_counter(); "
            "import kzdocs.lang.numbers, kzdocs.model; t1=time.perf_counter(); "
            "from kzdocs.extract import figures; print((time.perf_counter()-t1)*1000)" % ROOT)
    try:
        out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
        return float(out.stdout.strip().splitlines()[-1])
    except Exception:  # noqa: BLE001
        return float("nan")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("--mb", type=float, default=2.0)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)
    from kzdocs.extract.figures import extract_figures
    texts = corpus_texts()
    docs, size = [], 0
    while size < args.mb * 1e6:
        for t in texts:
            docs.append(t)
            size += len(t.encode("utf-8"))
    best = 0.0
    n_fig = 0
    for _ in range(args.repeat):
        t0 = time.perf_counter()
        n_fig = sum(len(extract_figures(d)) for d in docs)
        dt = time.perf_counter() - t0
        best = max(best, size / 1e6 / dt)
    print(f"documents {len(docs)}, {size / 1e6:.2f} MB, {n_fig} figures")
    print(f"throughput {best:.2f} MB/s (one core, best of {args.repeat})")
    print(f"import of kzdocs.extract.figures (after kzdocs.model): {import_ms():.1f} ms")
    return 0


if __name__ == "__main__":
    sys.exit(main())
