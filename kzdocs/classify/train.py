"""Train and cross-validate the topic classifier on the annotated corpus (`kzdocs train topics`).

The corpus gold gives each document a primary CAP code and secondary codes. The model is
one-vs-rest logistic regression, one classifier per code; the top score is the primary
topic, and the other scores rank the rest. Stratified 5-fold cross-validation reports top-1 accuracy and macro F1 over
the primary topic per language, and compares one model for both languages with one per
language. The result is stored as plain arrays (weights.npz + meta.json), no pickle.
"""
from __future__ import annotations

import json
import math
import sys
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from .features import BLOCKS, terms, weigh
from .taxonomy import CODES

BLOCK_WEIGHTS = {"lemma": 1.0, "lexicon": 0.7}


@dataclass
class Example:
    doc_id: str
    lang: str
    text: str
    primary: int
    codes: list[int]


def load_corpus(corpus: Path) -> list[Example]:
    """Documents of the corpus with their gold topics (inquiries and other documents)."""
    sys.path.insert(0, str(corpus))
    from check import plain_text

    examples = []
    for gold_path in sorted((corpus / "gold").glob("*.json")):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        text = plain_text((corpus / "src" / f"{gold_path.stem}.txt").read_text(encoding="utf-8"))
        topics = gold["topics"]
        codes = [topics["primary"], *[c for c in topics.get("secondary", []) if c != topics["primary"]]]
        examples.append(Example(gold_path.stem, gold["language"], text, topics["primary"], codes))
    return examples


def _vocabulary(bags: list[dict[str, Counter]], min_df: int) -> tuple[dict, dict]:
    vocab, idf = {}, {}
    n = len(bags)
    for block in BLOCKS:
        df = Counter(t for bag in bags for t in bag[block])
        kept = sorted(t for t, d in df.items() if d >= min_df)
        vocab[block] = kept
        idf[block] = [math.log((1 + n) / (1 + df[t])) + 1 for t in kept]
    return vocab, idf


def _matrix(bags: list[dict[str, Counter]], vocab: dict, idf: dict, weights: dict):
    from scipy.sparse import csr_matrix

    offsets, total = {}, 0
    for block in BLOCKS:
        offsets[block] = total
        total += len(vocab[block])
    index = {b: {t: i for i, t in enumerate(vocab[b])} for b in BLOCKS}
    rows, cols, vals = [], [], []
    for r, bag in enumerate(bags):
        for block in BLOCKS:
            for i, v in weigh(bag[block], index[block], idf[block]).items():
                rows.append(r)
                cols.append(offsets[block] + i)
                vals.append(v * weights[block])
    return csr_matrix((vals, (rows, cols)), shape=(len(bags), total)), offsets


def fit(examples: list[Example], bags: list[dict[str, Counter]] | None = None, *,
        min_df: int = 2, c: float = 100.0, secondary: bool = False) -> dict[str, Any]:
    """Train on `examples`; returns the arrays and metadata of a TopicModel.

    Each code's classifier learns from the documents whose primary topic it is (with
    `secondary`, also from those that name it as a secondary topic: that lowered top-1
    accuracy in cross-validation, models/README.md)."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.preprocessing import MultiLabelBinarizer

    bags = bags or [terms(e.text, e.lang) for e in examples]
    vocab, idf = _vocabulary(bags, min_df)
    x, offsets = _matrix(bags, vocab, idf, BLOCK_WEIGHTS)
    binarizer = MultiLabelBinarizer(classes=list(CODES))
    y = binarizer.fit_transform([e.codes if secondary else [e.primary] for e in examples])
    present = y.sum(axis=0) > 0
    clf = OneVsRestClassifier(LogisticRegression(C=c, class_weight="balanced", solver="liblinear"))
    clf.fit(x, y[:, present])
    coef = np.zeros((len(CODES), x.shape[1]), dtype=np.float32)
    intercept = np.full(len(CODES), -20.0, dtype=np.float32)  # codes never seen score ~0
    for j, est in zip(np.flatnonzero(present), clf.estimators_):
        coef[j] = est.coef_[0]
        intercept[j] = est.intercept_[0]
    return {"vocabulary": vocab, "idf": idf, "offsets": offsets, "coef": coef,
            "intercept": intercept, "classes": list(CODES), "block_weights": BLOCK_WEIGHTS}


def save(model: dict[str, Any], directory: Path, info: dict[str, Any]) -> None:
    import numpy as np

    directory.mkdir(parents=True, exist_ok=True)
    np.savez_compressed(directory / "weights.npz", coef=model["coef"], intercept=model["intercept"],
                        **{f"idf_{b}": np.asarray(model["idf"][b], dtype=np.float32) for b in BLOCKS})
    meta = {k: model[k] for k in ("vocabulary", "offsets", "classes", "block_weights")}
    meta.update(info)
    (directory / "meta.json").write_text(json.dumps(meta, ensure_ascii=False), encoding="utf-8")


def _predict(model: dict[str, Any], bags: list[dict[str, Counter]]):
    x, _ = _matrix(bags, model["vocabulary"], model["idf"], model["block_weights"])
    return x @ model["coef"].T + model["intercept"]


def cross_validate(examples: list[Example], *, folds: int = 5, per_language: bool = False,
                   seed: int = 13) -> dict[str, Any]:
    """Stratified k-fold CV over the primary topic; scores per language."""
    import numpy as np
    from sklearn.metrics import f1_score
    from sklearn.model_selection import StratifiedKFold

    bags = [terms(e.text, e.lang) for e in examples]
    primary = np.array([e.primary for e in examples])
    counts = Counter(primary.tolist())
    strata = np.array([p if counts[p] >= folds else 0 for p in primary])
    predicted = np.zeros(len(examples), dtype=int)
    top_logit = np.zeros(len(examples))
    splitter = StratifiedKFold(n_splits=folds, shuffle=True, random_state=seed)
    for train_idx, test_idx in splitter.split(np.zeros(len(examples)), strata):
        groups = ({lang: [i for i in train_idx if examples[i].lang == lang]
                   for lang in {examples[i].lang for i in test_idx}} if per_language
                  else {None: list(train_idx)})
        models = {lang: fit([examples[i] for i in idx], [bags[i] for i in idx])
                  for lang, idx in groups.items()}
        for i in test_idx:
            model = models[examples[i].lang if per_language else None]
            scores = _predict(model, [bags[i]])[0]
            predicted[i] = model["classes"][int(np.argmax(scores))]
            top_logit[i] = float(np.max(scores))
    report: dict[str, Any] = {}
    for lang in sorted({e.lang for e in examples}) + ["all"]:
        idx = [i for i, e in enumerate(examples) if lang in ("all", e.lang)]
        gold, pred = primary[idx], predicted[idx]
        report[lang] = {"documents": len(idx),
                        "top1_accuracy": round(float((gold == pred).mean()), 4),
                        "macro_f1": round(float(f1_score(gold, pred, average="macro",
                                                         labels=sorted(set(gold)))), 4)}
    correct = primary == predicted
    raw = 1 / (1 + np.exp(-top_logit))
    scale = platt(top_logit, correct)
    report["calibration"] = {"raw": _calibration(raw, correct),
                             "platt": _calibration(_sigmoid(top_logit, scale), correct),
                             "scale": scale}
    confusion = Counter((int(g), int(p)) for g, p in zip(primary, predicted) if g != p)
    report["confusions"] = [{"gold": g, "predicted": p, "count": n}
                            for (g, p), n in confusion.most_common(10)]
    report["predictions"] = {e.doc_id: int(p) for e, p in zip(examples, predicted)}
    return report


def platt(logits, correct) -> list[float]:
    """Platt scaling: a and b of sigmoid(a * logit + b) fitted to whether the top topic
    was right, on cross-validated predictions."""
    from sklearn.linear_model import LogisticRegression

    lr = LogisticRegression(C=1e6).fit(logits.reshape(-1, 1), correct.astype(int))
    return [round(float(lr.coef_[0][0]), 6), round(float(lr.intercept_[0]), 6)]


def _sigmoid(logits, scale: list[float]):
    import numpy as np

    return 1 / (1 + np.exp(-(scale[0] * logits + scale[1])))


def _calibration(confidence, correct, bins: int = 10) -> dict[str, float]:
    """How well the top score predicts being right: expected calibration error over
    equal-width bins, and the Brier score of the top score."""
    import numpy as np

    correct = correct.astype(float)
    edges = np.linspace(0, 1, bins + 1)
    ece = 0.0
    for low, high in zip(edges[:-1], edges[1:]):
        inside = (confidence > low) & (confidence <= high)
        if inside.any():
            ece += inside.mean() * abs(confidence[inside].mean() - correct[inside].mean())
    return {"ece": round(float(ece), 4),
            "brier": round(float(((confidence - correct) ** 2).mean()), 4),
            "mean_top_score": round(float(confidence.mean()), 4)}
