#!/usr/bin/env python
"""Throughput of the shipped language pipelines on one core, in words per second: the Kazakh
NER, the Kazakh lemmatiser and tagger (kzdocs.morph), Natasha for Russian.

    OMP_NUM_THREADS=1 python benchmarks/bench_ner.py [--model kzdocs/models/kk_ner]

Text: the held-out KazNERD dev sentences (detokenised with spaces) followed by the
founding inquiry, repeated to at least ``--min-words`` words.  Times ``nlp.pipe`` of the
full pipeline and, on the same text, the plain ``spacy.blank("kk")`` tokenizer; then
``kzdocs.morph.analyze`` on the first ``--morph-words`` words of it (a fresh process would
start with empty caches: the first pass over the text is timed, not the best of several).
"""
from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

for var in ("OMP_NUM_THREADS", "OPENBLAS_NUM_THREADS", "MKL_NUM_THREADS"):
    os.environ.setdefault(var, "1")

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import spacy  # noqa: E402

import kzdocs  # noqa: E402,F401
from kzdocs.train_ner import DEFAULT_DATA, read_iob2, split_kaznerd  # noqa: E402

SEED = ROOT.parent / "shared" / "seed" / "000_a3c8e8d5e1867429.txt"
DEFAULT_MODEL = ROOT / "kzdocs" / "models" / "kk_ner"


def load_texts(min_words: int) -> list[str]:
    texts: list[str] = []
    if Path(DEFAULT_DATA).exists():
        _, dev = split_kaznerd(read_iob2(DEFAULT_DATA))
        texts += [" ".join(words) for words, _ in dev]
    if SEED.exists():
        seed = SEED.read_text(encoding="utf-8")
        texts += [" ".join(p.split()) for p in seed.split("\n\n") if p.strip()]
    if not texts:
        raise SystemExit("no text to benchmark (KazNERD and the founding inquiry are absent)")
    out: list[str] = []
    n = 0
    while n < min_words:
        for t in texts:
            out.append(t)
            n += len(t.split())
    return out


def bench(fn, texts, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn(texts)
        best = min(best, time.perf_counter() - t0)
    return best


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__)
    ap.add_argument("--model", default=str(DEFAULT_MODEL))
    ap.add_argument("--min-words", type=int, default=100_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--batch-size", type=int, default=256)
    ap.add_argument("--morph-words", type=int, default=20_000)
    args = ap.parse_args(argv)

    try:
        import torch  # noqa: F401

        torch.set_num_threads(1)
    except ImportError:
        pass

    texts = load_texts(args.min_words)
    n_words = sum(len(t.split()) for t in texts)
    blank = spacy.blank("kk")
    nlp = spacy.load(args.model)

    # warm-up
    list(nlp.pipe(texts[:200], batch_size=args.batch_size))
    list(blank.pipe(texts[:200]))

    t_tok = bench(lambda ts: list(blank.pipe(ts, batch_size=args.batch_size)), texts, args.repeat)
    t_ner = bench(lambda ts: list(nlp.pipe(ts, batch_size=args.batch_size)), texts, args.repeat)
    n_ents = sum(len(d.ents) for d in nlp.pipe(texts[:1000], batch_size=args.batch_size))

    print(f"text: {len(texts)} texts, {n_words} words (whitespace-separated)")
    print(f"model: {args.model}  pipeline: {nlp.pipe_names}")
    print(f"spacy.blank('kk') tokenizer: {n_words / t_tok:12,.0f} words/s  ({t_tok:.2f} s)")
    print(f"kk_ner full pipeline:       {n_words / t_ner:12,.0f} words/s  ({t_ner:.2f} s)")
    print(f"(entities found in the first 1000 texts: {n_ents})")
    bench_morph(texts, args.morph_words, blank)
    bench_russian(args.repeat)
    return 0


def bench_morph(texts: list[str], min_words: int, blank) -> None:
    """kzdocs.morph.analyze (lemma + UPOS of every token), first pass, next to the tokenizer."""
    from kzdocs import morph

    part, n = [], 0
    for t in texts:
        if n >= min_words:
            break
        part.append(t)
        n += len(t.split())
    morph.analyze("Қазақстан Республикасының Үкіметіне")  # loads the model
    t_tok = bench(lambda ts: list(blank.pipe(ts)), part, 1)
    t0 = time.perf_counter()
    for t in part:
        morph.analyze(t)
    t_morph = time.perf_counter() - t0
    print(f"Kazakh morphology: {len(part)} texts, {n} words")
    print(f"spacy.blank('kk') tokenizer: {n / t_tok:12,.0f} words/s  ({t_tok:.2f} s)")
    print(f"kzdocs.morph.analyze:        {n / t_morph:12,.0f} words/s  ({t_morph:.2f} s)")


def bench_russian(repeat: int) -> None:
    """Natasha (segmenter, morphology, lemmas, NER), and its NER alone as `kzdocs extract`
    runs it (kzdocs.nlp.entities), on the Russian corpus documents, next to a plain
    spacy.blank("ru") tokenizer on the same texts."""
    import sys
    from pathlib import Path

    from kzdocs import nlp as kz_nlp

    corpus = Path(__file__).resolve().parents[1] / "corpus"
    sys.path.insert(0, str(corpus))
    from check import plain_text

    texts = [plain_text(p.read_text(encoding="utf-8")) for p in sorted((corpus / "src").glob("ru-*.txt"))]
    n_words = sum(len(t.split()) for t in texts)
    blank = spacy.blank("ru")
    russian = kz_nlp.load("ru")
    russian.doc(texts[0])
    t_tok = bench(lambda ts: list(blank.pipe(ts)), texts, repeat)
    t_nat = bench(lambda ts: [russian.doc(t) for t in ts], texts, repeat)
    t_ner = bench(lambda ts: [kz_nlp.entities(t, "ru") for t in ts], texts, repeat)
    print(f"Russian: {len(texts)} corpus documents, {n_words} words")
    print(f"spacy.blank('ru') tokenizer: {n_words / t_tok:12,.0f} words/s  ({t_tok:.2f} s)")
    print(f"Natasha full pipeline:       {n_words / t_nat:12,.0f} words/s  ({t_nat:.2f} s)")
    print(f"Natasha NER (entities):      {n_words / t_ner:12,.0f} words/s  ({t_ner:.2f} s)")


if __name__ == "__main__":
    raise SystemExit(main())
