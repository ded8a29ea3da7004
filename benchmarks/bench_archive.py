"""Speed of `kzdocs index` and `kzdocs search` on an archive of 1,000 typed PDFs.

    python benchmarks/bench_archive.py [--documents 1000] [--no-dask]

Copies the typed corpus PDFs (corpus/pdf/*.pdf) under new names into a temporary folder until
there are N files, then measures, each on a fresh archive:

- documents/s of `index` with -j 1, with -j 2, and on a Dask LocalCluster of 2 worker
  processes (one thread each), and the peak memory of one worker process;
- the time of a second run on the unchanged archive, against the first (-j 2);
- search latency (median, p95) of a set of single words, phrases and filtered queries;
- the reference: `pdftotext` plus a blank spaCy Kazakh tokenizer over the same files, in one
  process (documents/s).

Prints a Markdown table for docs/benchmarks.md. Not a test: run it by hand on a quiet machine.
"""
from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

QUERIES = ["миграция", "бюджет", "депутат", "қаражат", "мектеп", "денсаулық", "тариф",
           "электр энергиясы", '"Nur Otan"', "жол", "пенсия", "инфляция", "су", "ауыл",
           "Премьер-Министр", "министрлік", "білім беру", "халық", "жұмыссыздық", "қарыз",
           "здравоохранение", "пенсионный", "тенге", "миграц*", "бюджет -миграция",
           "цифровизация OR цифрландыру", "облыс", "коррупция", "экология", "дороги"]


def build(folder: Path, count: int) -> list[Path]:
    sources = sorted((ROOT / "corpus" / "pdf").glob("*.pdf"))
    folder.mkdir(parents=True)
    files = []
    for i in range(count):
        source = sources[i % len(sources)]
        # a few sub-folders, as a real archive has
        target = folder / f"{2013 + i % 12}" / f"{i:05d}-{source.stem}.pdf"
        target.parent.mkdir(exist_ok=True)
        shutil.copyfile(source, target)
        files.append(target)
    return files


LOADS: dict[int, float] = {}


def run_index(db: Path, folder: Path, **options):
    from kzdocs.archive import index

    start, cpu = time.perf_counter(), time.process_time()
    summary = index(db, [folder], progress=False, **options)
    LOADS[id(summary)] = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    PARENT_CPU[id(summary)] = time.process_time() - cpu
    return time.perf_counter() - start, summary


PARENT_CPU: dict[int, float] = {}


def cpu_per_doc(summary) -> float:
    """CPU seconds per document: the workers' extraction plus this process's writes."""
    done = max(1, summary.indexed + summary.failed)
    return (summary.worker_cpu + PARENT_CPU[id(summary)]) / done


def detail(seconds: float, summary) -> str:
    """Wall time, workers' CPU per document, how many cores they kept busy, load after."""
    done = max(1, summary.indexed + summary.failed)
    return (f"{seconds:.1f} s; CPU {1000 * cpu_per_doc(summary):.0f} ms/doc of which writer "
            f"{1000 * PARENT_CPU[id(summary)] / done:.1f}; workers kept "
            f"{summary.worker_cpu / seconds:.2f} cores busy; load {LOADS[id(summary)]:.1f}")


def _children_cpu() -> float:
    import resource

    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def reference(files: list[Path]) -> tuple[float, float]:
    """Documents/s and CPU seconds per document of pdftotext + a blank spaCy tokenizer."""
    import spacy

    nlp = spacy.blank("kk")
    start, cpu, children = time.perf_counter(), time.process_time(), _children_cpu()
    for path in files:
        text = subprocess.run(["pdftotext", "-enc", "UTF-8", str(path), "-"], check=True,
                              capture_output=True).stdout.decode("utf-8")
        len(nlp(text))
    wall = time.perf_counter() - start
    used = time.process_time() - cpu + _children_cpu() - children
    return len(files) / wall, used / len(files)


def search_latency(db: Path, rounds: int) -> tuple[float, float, int]:
    from kzdocs.archive import Archive

    times = []
    hits = 0
    with Archive(db) as archive:
        archive.search("депутат")  # warm the page cache and the stemmer
        for _ in range(rounds):
            for query in QUERIES:
                for filters in ({}, {"lang": "kk"}, {"year": 2020}):
                    start = time.perf_counter()
                    hits += len(archive.search(query, limit=10, **filters))
                    times.append(time.perf_counter() - start)
    times.sort()
    return statistics.median(times), times[int(0.95 * (len(times) - 1))], len(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--documents", type=int, default=1000)
    parser.add_argument("--no-dask", action="store_true")
    parser.add_argument("--rounds", type=int, default=5, help="search rounds over the queries")
    args = parser.parse_args()
    cores = os.cpu_count()
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    tmp = Path(tempfile.mkdtemp(prefix="kzdocs-bench-"))
    rows: list[tuple[str, str, str]] = []
    try:
        files = build(tmp / "pdf", args.documents)
        n = len(files)
        mb = sum(f.stat().st_size for f in files) / 2**20

        t1, s1 = run_index(tmp / "j1.sqlite", tmp / "pdf", jobs=1)
        rate1 = s1.indexed / t1
        print(f"-j 1: {s1} ({t1:.1f} s)", file=sys.stderr)
        t1n, s1n = run_index(tmp / "j1n.sqlite", tmp / "pdf", jobs=1, entities=False)
        print(f"-j 1 --no-entities: {s1n} ({t1n:.1f} s)", file=sys.stderr)
        t2, s2 = run_index(tmp / "j2.sqlite", tmp / "pdf", jobs=2)
        rate2 = s2.indexed / t2
        print(f"-j 2: {s2} ({t2:.1f} s)", file=sys.stderr)

        again, s_again = run_index(tmp / "j2.sqlite", tmp / "pdf", jobs=2)
        assert s_again.indexed == 0 and s_again.skipped == n, s_again
        start = time.perf_counter()
        subprocess.run([sys.executable, "-m", "kzdocs.cli", "index", str(tmp / "pdf"), "--db",
                        str(tmp / "j2.sqlite"), "--no-progress"], check=True,
                       capture_output=True, cwd=ROOT)
        again_cli = time.perf_counter() - start

        rows.append((f"`index -j 1`, {n} typed PDFs ({mb:.0f} MB, fresh archive)",
                     f"{rate1:.1f} documents/s ({detail(t1, s1)})", ""))
        rows.append(("`index -j 1 --no-entities` (no NER models), same files",
                     f"{s1n.indexed / t1n:.1f} documents/s ({detail(t1n, s1n)})",
                     f"{s1n.indexed / t1n / rate1:.2f}x -j 1"))
        rows.append(("`index -j 2`, same files",
                     f"{rate2:.1f} documents/s ({detail(t2, s2)})",
                     f"{rate2 / rate1:.2f}x -j 1 (target >= 1.7x)"))
        if not args.no_dask:
            try:
                from distributed import LocalCluster
            except ImportError:
                rows.append(("`index --scheduler` (Dask)", "dask.distributed not installed", ""))
            else:
                with LocalCluster(n_workers=2, threads_per_worker=1, processes=True,
                                  dashboard_address=None) as cluster:
                    td, sd = run_index(tmp / "dask.sqlite", tmp / "pdf",
                                       scheduler=cluster.scheduler_address)
                print(f"dask: {sd} ({td:.1f} s)", file=sys.stderr)
                rows.append(("`index --scheduler`, Dask LocalCluster, 2 worker processes "
                             "x 1 thread",
                             f"{sd.indexed / td:.1f} documents/s ({detail(td, sd)})",
                             f"{sd.indexed / td / rate1:.2f}x -j 1"))
        peak = max(s.peak_worker_rss or 0 for s in (s1, s2))
        rows.append(("peak memory of one worker process (VmHWM; --no-entities)",
                     f"{peak / 2**20:.0f} MiB; {(s1n.peak_worker_rss or 0) / 2**20:.0f} MiB",
                     ""))
        rows.append(("second run, unchanged archive (library / `kzdocs index` CLI)",
                     f"{again:.2f} s / {again_cli:.2f} s",
                     f"{100 * again_cli / t2:.1f}% of the first -j 2 run (target <= 5%)"))

        median, p95, count = search_latency(tmp / "j2.sqlite", args.rounds)
        rows.append((f"`Archive.search`, {len(QUERIES)} queries x 3 filter sets x "
                     f"{args.rounds} ({count} searches, top 10 with snippets)",
                     f"median {median * 1000:.1f} ms, p95 {p95 * 1000:.1f} ms",
                     "target p95 <= 50 ms"))

        if shutil.which("pdftotext"):
            ref, ref_cpu = reference(files)
            rows.append(("reference: `pdftotext` + `spacy.blank(\"kk\")` tokenizer, "
                         "1 process", f"{ref:.1f} documents/s (CPU {1000 * ref_cpu:.0f} ms/doc)",
                         f"-j 1 = {rate1 / ref:.2f}x, -j 1 --no-entities = "
                         f"{s1n.indexed / t1n / ref:.2f}x, -j 2 = {rate2 / ref:.2f}x "
                         "(target >= 0.33x)"))
            rows.append(("the same per CPU second (load-independent): reference CPU/doc over "
                         "index CPU/doc", f"-j 1: {ref_cpu / cpu_per_doc(s1):.2f}x; "
                         f"--no-entities: {ref_cpu / cpu_per_doc(s1n):.2f}x; "
                         f"-j 2: {ref_cpu / cpu_per_doc(s2):.2f}x", "(target >= 0.33x)"))
        else:
            rows.append(("reference: pdftotext", "not installed", ""))
        size = (tmp / "j2.sqlite").stat().st_size / 2**20
        rows.append(("archive file size", f"{size:.1f} MiB for {n} documents", ""))
    finally:
        shutil.rmtree(tmp, ignore_errors=True)

    print(f"\n{cores} cores, 1-minute load average {load:.2f} at the start, Python "
          f"{sys.version.split()[0]}, SQLite {__import__('sqlite3').sqlite_version}\n")
    print("| measure | result | against |")
    print("| --- | --- | --- |")
    for row in rows:
        print("| " + " | ".join(row) + " |")


if __name__ == "__main__":
    main()
