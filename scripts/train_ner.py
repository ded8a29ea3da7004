#!/usr/bin/env python
"""Train the kzdocs Kazakh NER pipeline on KazNERD (reproducible).

    OMP_NUM_THREADS=1 python scripts/train_ner.py \
        --data ../shared/data/kaznerd/IOB2_valid.txt \
        --config configs/ner_tagger64.cfg --group 3 --output kzdocs/models/kk_ner

The DocBin files and spaCy's checkpoints live in a temporary directory (or
``--work-dir``); only the final pipeline is written to ``--output``.  The dev set is
the fixed seeded 10 % of KazNERD (kzdocs.train_ner.split_kaznerd), never trained on.
"""
from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

os.environ.setdefault("OMP_NUM_THREADS", "1")
os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
os.environ.setdefault("MKL_NUM_THREADS", "1")

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kzdocs.train_ner import DEFAULT_CONFIG, DEFAULT_DATA, train_ner  # noqa: E402


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default=str(DEFAULT_DATA), help="KazNERD IOB2 file")
    ap.add_argument("--config", default=str(DEFAULT_CONFIG), help="spaCy config (path or name in configs/)")
    ap.add_argument("--output", default="kzdocs/models/kk_ner", help="where to write the pipeline")
    ap.add_argument("--max-sentences", type=int, default=None)
    ap.add_argument("--max-steps", type=int, default=None)
    ap.add_argument("--eval-frequency", type=int, default=None)
    ap.add_argument("--group", type=int, default=3,
                    help="join runs of 1..N training sentences into one document")
    ap.add_argument("--work-dir", default=None, help="keep DocBins and checkpoints here")
    ap.add_argument("--checkpoint", choices=("last", "best"), default="last",
                    help="the model to write: the last one (shipped) or the best on the dev set")
    ap.add_argument("--set", action="append", default=[], metavar="KEY=VALUE",
                    help="config override, e.g. --set training.dropout=0.2")
    args = ap.parse_args(argv)
    overrides = {}
    for item in args.set:
        key, _, value = item.partition("=")
        try:
            import json
            overrides[key] = json.loads(value)
        except ValueError:
            overrides[key] = value
    out = train_ner(args.data, args.output, config=args.config, max_sentences=args.max_sentences,
                    max_steps=args.max_steps, eval_frequency=args.eval_frequency,
                    work_dir=args.work_dir, overrides=overrides, group=args.group,
                    checkpoint=args.checkpoint)
    print(f"model written to {out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
