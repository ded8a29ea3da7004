"""Score extraction against gold annotations (corpus/gold/*.json), per field and language.

Matching rules (docs/quality.md repeats them):
- addressee exact: surname, initials, salutation name and position all equal (case and
  white space folded; a field gold leaves empty must be empty);
- signatories: F1 over (surname, initials or given name), order-free;
- figures: a predicted figure matches a gold one when values agree within 0.5% and kind and
  currency agree (one-to-one, in document order);
- demands: one-to-one, a match when the word sets overlap by Jaccard >= 0.5;
- topics: top-1 accuracy of the primary CAP code.
"""
from __future__ import annotations

import json
import re
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any, Callable, Iterable

from .model import Inquiry

FIELDS = ("language", "doc_type", "chamber", "faction", "addressee", "signatories", "figures",
          "demands", "topics")


def _fold(text: str | None) -> str:
    return " ".join((text or "").replace("ё", "е").split()).casefold().strip(" ,.")


def _initials(text: str | None) -> str:
    return re.sub(r"[\s.]", "", text or "").casefold()


def addressee_match(pred: dict | None, gold: dict | None) -> bool:
    if gold is None:
        return pred is None or not any(pred.get(k) for k in ("name", "salutation_name"))
    pred = pred or {}
    return (_fold(pred.get("surname")) == _fold(gold.get("surname"))
            and _initials(pred.get("initials")) == _initials(gold.get("initials"))
            and _fold(pred.get("salutation_name")) == _fold(gold.get("salutation_name"))
            and _fold(pred.get("position")) == _fold(gold.get("position")))


def _signer_key(s: dict) -> tuple[str, str]:
    return _fold(s.get("surname") or s.get("name")), _initials(s.get("initials") or
                                                               (s.get("given_name") or "")[:1])


def _match(pred: list, gold: list, same: Callable[[Any, Any], bool]) -> int:
    """Greedy one-to-one matches, in order."""
    used = [False] * len(pred)
    hits = 0
    for g in gold:
        for i, p in enumerate(pred):
            if not used[i] and same(p, g):
                used[i] = True
                hits += 1
                break
    return hits


def figure_same(p: dict, g: dict) -> bool:
    value, gold_value = float(p["value"]), float(g["value"])
    close = abs(value - gold_value) <= 0.005 * max(abs(gold_value), 1e-9)
    return close and p.get("kind") == g.get("kind") and (p.get("currency") or None) == (
        g.get("currency") or None)


def _words(text: str) -> set[str]:
    return set(re.findall(r"\w+", text.casefold()))


def demand_same(p: dict, g: dict) -> bool:
    a, b = _words(p["text"]), _words(g["text"])
    return bool(a | b) and len(a & b) / len(a | b) >= 0.5


class Counts:
    """True positives, predictions and gold items of one set-valued field."""

    def __init__(self) -> None:
        self.tp = self.pred = self.gold = 0

    def add(self, tp: int, pred: int, gold: int) -> None:
        self.tp += tp
        self.pred += pred
        self.gold += gold

    def scores(self) -> dict[str, float | int]:
        p = self.tp / self.pred if self.pred else (1.0 if not self.gold else 0.0)
        r = self.tp / self.gold if self.gold else (1.0 if not self.pred else 0.0)
        f = 2 * p * r / (p + r) if p + r else 0.0
        return {"precision": round(p, 4), "recall": round(r, 4), "f1": round(f, 4),
                "gold": self.gold, "predicted": self.pred}


def compare(pred: dict, gold: dict) -> dict[str, Any]:
    """Per-field outcome for one document: booleans for single fields, counts for lists."""
    out: dict[str, Any] = {
        "language": pred.get("language") == gold.get("language"),
        "doc_type": pred.get("doc_type") == gold.get("doc_type"),
        "chamber": pred.get("chamber") == gold.get("chamber"),
        "faction": _fold(pred.get("faction")) == _fold(gold.get("faction")),
        "addressee": addressee_match(pred.get("addressee"), gold.get("addressee")),
    }
    gs, ps = [_signer_key(s) for s in gold.get("signatories", [])], \
        [_signer_key(s) for s in pred.get("signatories", [])]
    out["signatories"] = (_match(ps, gs, lambda a, b: a == b), len(ps), len(gs))
    gf, pf = gold.get("figures", []), pred.get("figures", [])
    out["figures"] = (_match(pf, gf, figure_same), len(pf), len(gf))
    gd, pd = gold.get("demands", []), pred.get("demands", [])
    out["demands"] = (_match(pd, gd, demand_same), len(pd), len(gd))
    if pred.get("topics") and gold.get("topics"):
        out["topics"] = pred["topics"][0]["code"] == gold["topics"]["primary"]
    return out


def summarise(rows: Iterable[tuple[str, dict[str, Any]]]) -> dict[str, Any]:
    """Aggregate per-document outcomes into scores per group."""
    acc: dict[str, dict[str, list[bool]]] = defaultdict(lambda: defaultdict(list))
    sets: dict[str, dict[str, Counts]] = defaultdict(lambda: defaultdict(Counts))
    docs: dict[str, int] = defaultdict(int)
    for group, outcome in rows:
        for g in (group, "all"):
            docs[g] += 1
            for name, value in outcome.items():
                if isinstance(value, tuple):
                    sets[g][name].add(*value)
                else:
                    acc[g][name].append(bool(value))
    report = {}
    for g in docs:
        report[g] = {"documents": docs[g]}
        for name, values in acc[g].items():
            report[g][name] = {"accuracy": round(sum(values) / len(values), 4), "n": len(values)}
        for name, counts in sets[g].items():
            report[g][name] = counts.scores()
    return report


def _pairs(directory: Path, gold_dir: Path | None, scans: bool,
           exclude: set[str] = frozenset(),
           only: set[str] | None = None) -> list[tuple[Path, Path, str]]:
    """(pdf, gold json, variant) for every document with both: those in `only` when given,
    but none in `exclude`."""
    pdf_dir = directory / "pdf" if (directory / "pdf").is_dir() else directory
    gold_dir = gold_dir or (directory / "gold" if (directory / "gold").is_dir() else pdf_dir)
    pairs = []
    for gold in sorted(gold_dir.glob("*.json")):
        if gold.stem in exclude or (only is not None and gold.stem not in only):
            continue
        for variant, folder in (("typed", pdf_dir), ("scanned", pdf_dir / "scan")):
            pdf = folder / f"{gold.stem}.pdf"
            if pdf.exists() and (scans or variant == "typed"):
                pairs.append((pdf, gold, variant))
    return pairs


def evaluate_dir(directory: Path, *, gold_dir: Path | None = None, ocr: str = "auto",
                 scans: bool = True, progress: bool = False, exclude: Iterable[str] = (),
                 only: Iterable[str] | None = None,
                 extractor: Callable[..., Inquiry] | None = None) -> dict[str, Any]:
    """Run extraction over the PDFs of `directory` and score it against the gold JSON
    (only the document ids in `only` when given, leaving out those in `exclude`)."""
    from tqdm import tqdm

    from .extract import extract

    extractor = extractor or extract
    pairs = _pairs(Path(directory), gold_dir, scans, set(exclude),
                   set(only) if only is not None else None)
    rows = []
    failures = []
    for pdf, gold_path, variant in tqdm(pairs, disable=not progress, unit="doc",
                                        desc="evaluate", file=sys.stderr):
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
        try:
            pred = extractor(pdf, ocr=ocr, entities=False).to_dict()
        except Exception as exc:  # a failure is scored as an empty prediction, and listed
            failures.append(f"{pdf}: {type(exc).__name__}: {exc}")
            pred = {}
        outcome = compare(pred, gold)
        lang = gold.get("language", "?")
        rows.append((f"{lang}" if variant == "typed" else f"{lang}/scanned", outcome))
    report = summarise(rows)
    report["failures"] = failures
    return report


def format_table(report: dict[str, Any]) -> str:
    """The report as a table: one row per field, one column per group."""
    groups = [g for g in ("kk", "ru", "mixed", "kk/scanned", "ru/scanned", "all") if g in report]
    lines = ["field".ljust(14) + "".join(g.rjust(14) for g in groups)]
    lines.append("documents".ljust(14) + "".join(str(report[g]["documents"]).rjust(14)
                                                  for g in groups))
    for name in FIELDS:
        cells = []
        for g in groups:
            s = report[g].get(name)
            if s is None:
                cells.append("–")
            elif "accuracy" in s:
                cells.append(f"{s['accuracy']:.3f}")
            else:
                cells.append(f"F1 {s['f1']:.3f}")
        metric = "exact" if name == "addressee" else ""
        lines.append(f"{name} {metric}".strip().ljust(14) + "".join(c.rjust(14) for c in cells))
    for name in ("figures", "demands", "signatories"):
        for g in groups:
            s = report[g].get(name)
            if s:
                lines.append(f"  {name} {g}: P {s['precision']:.3f} R {s['recall']:.3f} "
                             f"F1 {s['f1']:.3f} (gold {s['gold']}, predicted {s['predicted']})")
    if report.get("failures"):
        lines.append(f"failures: {len(report['failures'])}")
        lines.extend(f"  {f}" for f in report["failures"])
    return "\n".join(lines)
