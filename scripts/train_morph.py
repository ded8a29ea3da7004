#!/usr/bin/env python
"""Train or cross-validate the kzdocs Kazakh lemmatizer + UPOS tagger on UD Kazakh-KTB.

    # 5-fold cross-validation (seeded) of a configuration; per-fold and mean accuracy
    OMP_NUM_THREADS=1 python scripts/train_morph.py --cv --config configs/morph.cfg \
        --results /tmp/morph_cv_A.json

    # the shipped model, trained on all 863 sentences (spaCy pipeline + linear model)
    OMP_NUM_THREADS=1 python scripts/train_morph.py --config configs/morph.cfg \
        --output kzdocs/models/kk_morph

    # the linear model (lookup + logistic regressions) only: CV, or (re)build it
    OMP_NUM_THREADS=1 python scripts/train_morph.py --linear --cv
    OMP_NUM_THREADS=1 python scripts/train_morph.py --linear --output kzdocs/models/kk_morph

    # the shipped linear model on other gold text (CoNLL-U), e.g. the corpus sentences
    python scripts/train_morph.py --evaluate corpus/morph/kk-upos.conllu

The treebank (CC BY-SA 4.0) is read from ../shared/data/ud_kk_ktb and never copied into
the repository; DocBins and spaCy's checkpoints live in a temporary directory and only the
final pipeline is written to --output.  Accuracy is measured on gold tokens, lemma as an
exact string match; "fallback" rows back the model up with kzdocs.stemming.kk_stem
(kzdocs.morph.apply_fallback).
"""
from __future__ import annotations

import argparse
import json
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kzdocs.morph import (  # noqa: E402
    DEFAULT_CONFIG, DEFAULT_DATA, MODEL_DIR, N_FOLDS, LinearMorph, cross_validate, cross_validate_linear,
    evaluate_linear, read_conllu, train_linear, train_morph,
)

COLUMNS = (("upos", "UPOS"), ("lemma[none]", "lemma"), ("lemma[unchanged_nominal]", "lemma+stem(nominal)"),
           ("lemma[unchanged]", "lemma+stem(all)"), ("lemma[oov_unchanged]", "lemma+stem(OOV)"), ("lemma[oov_unchanged_nominal]", "lemma+stem(OOV,nominal)"),
           ("lemma[kk_stem]", "kk_stem only"), ("lemma_ci[oov_unchanged]", "lemma+stem(OOV), ci"))


def summarize(results: list[dict]) -> dict:
    keys = [k for k in results[0] if k not in ("fold", "tokens")]
    return {k: sum(r[k] for r in results) / len(results) for k in keys}


def print_table(results: list[dict]) -> None:
    print("fold  " + "  ".join(f"{h:>10}" for _, h in COLUMNS))
    for r in results:
        print(f"{r['fold']:>4}  " + "  ".join(f"{r[k]:>10.4f}" for k, _ in COLUMNS))
    mean = summarize(results)
    print("mean  " + "  ".join(f"{mean[k]:>10.4f}" for k, _ in COLUMNS))


def evaluate_file(path: str, model_dir: str) -> int:
    """Accuracy of the linear model of ``model_dir`` on the gold tokens of a CoNLL-U file."""
    from collections import Counter

    model = LinearMorph.load(model_dir)
    if model is None:
        raise SystemExit(f"{model_dir}: no linear model (linear.json.gz + linear.npz)")
    sents = read_conllu(path)
    res = evaluate_linear(model, sents)
    print(f"{path}: {len(sents)} sentences, {res['tokens']} tokens: UPOS {res['upos']:.3f}  "
          f"lemma {res['lemma']:.3f}  lemma (ignoring case) {res['lemma_ci']:.3f}")
    per, ok, errors = Counter(), Counter(), []
    for s in sents:
        for w, (lemma, upos), gl, gu in zip(s.words, model.tag(s.words), s.lemmas, s.upos):
            per[gu] += 1
            ok[gu] += upos == gu
            if upos != gu or lemma.lower() != gl.lower():
                errors.append(f"  {w}: {lemma}/{upos}, gold {gl}/{gu}")
    print("UPOS accuracy per gold tag: " + ", ".join(f"{u} {ok[u]}/{n}" for u, n in per.most_common()))
    print("errors (UPOS or lemma):", *errors, sep="\n")
    return 0


def parse_overrides(items: list[str]) -> dict:
    out = {}
    for item in items:
        key, _, value = item.partition("=")
        try:
            out[key] = json.loads(value)
        except ValueError:
            out[key] = value
    return out


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="UD Kazakh-KTB .conllu file")
    ap.add_argument("--config", default=str(DEFAULT_CONFIG), help="spaCy config (path or name in configs/)")
    ap.add_argument("--output", default=str(MODEL_DIR), help="where to write the pipeline")
    ap.add_argument("--cv", action="store_true", help="k-fold cross-validation instead of training")
    ap.add_argument("--folds", type=int, default=N_FOLDS)
    ap.add_argument("--only-fold", type=int, action="append", default=None, help="run only these folds")
    ap.add_argument("--results", default=None, help="write the CV results (JSON) here")
    ap.add_argument("--max-sentences", type=int, default=None, help="train on the first N sentences")
    ap.add_argument("--max-steps", type=int, default=None)
    ap.add_argument("--work-dir", default=None, help="keep DocBins and checkpoints here")
    ap.add_argument("--quiet", action="store_true")
    ap.add_argument("--linear", action="store_true",
                    help="the linear model only (lookup + logistic regressions): with --cv, "
                         "cross-validate it; otherwise write linear.json.gz/.npz into --output "
                         "(which must hold the spaCy pipeline, used for tokenization)")
    ap.add_argument("--no-linear", action="store_true", help="train the spaCy pipeline only")
    ap.add_argument("--evaluate", metavar="CONLLU", default=None,
                    help="score the linear model in --output on this gold CoNLL-U file, print per-UPOS "
                         "accuracy and the errors, and stop")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="config override, e.g. --set training.dropout=0.2")
    args = ap.parse_args(argv)
    overrides = parse_overrides(args.set)
    if args.max_steps is not None:
        overrides["training.max_steps"] = args.max_steps
        overrides["training.eval_frequency"] = max(1, min(200, args.max_steps))
    t0 = time.time()
    if args.evaluate:
        return evaluate_file(args.evaluate, args.output)
    if args.linear:
        if args.cv:
            results = cross_validate_linear(args.data, k=args.folds, folds_to_run=args.only_fold)
            mean = {k: sum(r[k] for r in results) / len(results) for k in ("upos", "lemma", "lemma_ci")}
            print("mean: " + "  ".join(f"{k} {v:.4f}" for k, v in mean.items()))
            if args.results:
                Path(args.results).write_text(json.dumps(
                    {"model": "linear", "folds": results, "mean": mean, "seconds": time.time() - t0},
                    indent=1), encoding="utf-8")
        else:
            sents = read_conllu(args.data)
            if args.max_sentences is not None:
                sents = sents[:args.max_sentences]
            train_linear(sents).save(args.output)
            print(f"linear model written to {args.output} ({time.time() - t0:.0f} s)")
        return 0
    if args.cv:
        results = cross_validate(args.data, args.config, k=args.folds, overrides=overrides,
                                 folds_to_run=args.only_fold)
        print_table(results)
        if args.results:
            Path(args.results).write_text(json.dumps(
                {"config": str(args.config), "overrides": overrides, "folds": results,
                 "mean": summarize(results), "seconds": time.time() - t0}, indent=1), encoding="utf-8")
    else:
        out = train_morph(args.data, args.output, config=args.config, max_sentences=args.max_sentences,
                          overrides=overrides, work_dir=args.work_dir, verbose=not args.quiet,
                          linear=not args.no_linear)
        print(f"model written to {out} ({time.time() - t0:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
