"""Evaluate kzdocs.extract.figures against the corpus gold and KazNERD.

    python scripts/eval_figures.py [--errors] [--kaznerd PATH] [--no-kaznerd]

Corpus: every `corpus/gold/*.json` with its `corpus/src/*.txt` (plain text as
corpus/check.py makes it). A predicted figure matches a gold one when the values agree
within 0.5 % and kind and currency agree; matching is one-to-one in document order (the
longest common subsequence of the two lists). Prints precision, recall and F1 per
language and overall.

KazNERD: MONEY, PERCENTAGE and QUANTITY spans of the held-out development sentences
(the seeded split of `kzdocs.train_ner.split_kaznerd` when that module exists, else every
10th sentence, i % 10 == 0). Tokens are joined with spaces, except that the tokenizer's
split decimals («70 , 3») are joined back. A gold span is recalled when a predicted figure
overlaps it; its value is right when the predicted figure that overlaps the span's last
number agrees with the span's value (computed independently below) within 0.5 %.
"""
from __future__ import annotations

import argparse
import glob
import json
import os
import re
import sys
from collections import defaultdict

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, ROOT)
sys.path.insert(0, os.path.join(ROOT, "corpus"))
from kzdocs.train_ner import read_iob2  # noqa: E402

from kzdocs.extract.figures import extract_figures  # noqa: E402

KAZNERD = os.path.join(os.path.dirname(ROOT), "shared", "data", "kaznerd", "IOB2_valid.txt")
if not os.path.exists(KAZNERD):
    KAZNERD = "/work/shared/data/kaznerd/IOB2_valid.txt"


def plain_text(source: str) -> str:
    try:
        from check import plain_text as pt  # corpus/check.py
        return pt(source)
    except ImportError:  # pragma: no cover
        lines = []
        for line in source.splitlines():
            if re.match(r"^\[([a-z:]+)\]\s*$", line):
                continue
            lines.append(line.replace(" | ", " ").replace("|", " ").strip())
        return "\n".join(lines)


def same(p_value, p_kind, p_cur, g_value, g_kind, g_cur) -> bool:
    if p_kind != g_kind or (p_cur or None) != (g_cur or None):
        return False
    g = float(g_value)
    return abs(float(p_value) - g) <= 0.005 * abs(g) + 1e-9


def align(pred: list, gold: list) -> list[tuple[int, int]]:
    """One-to-one matching in document order: the longest common subsequence."""
    n, m = len(pred), len(gold)
    dp = [[0] * (m + 1) for _ in range(n + 1)]
    for i in range(n - 1, -1, -1):
        for j in range(m - 1, -1, -1):
            p, g = pred[i], gold[j]
            if same(p.value, p.kind, p.currency, g["value"], g["kind"], g.get("currency")):
                dp[i][j] = dp[i + 1][j + 1] + 1
            else:
                dp[i][j] = max(dp[i + 1][j], dp[i][j + 1])
    pairs, i, j = [], 0, 0
    while i < n and j < m:
        p, g = pred[i], gold[j]
        if same(p.value, p.kind, p.currency, g["value"], g["kind"], g.get("currency")) \
                and dp[i][j] == dp[i + 1][j + 1] + 1:
            pairs.append((i, j))
            i += 1
            j += 1
        elif dp[i + 1][j] >= dp[i][j + 1]:
            i += 1
        else:
            j += 1
    return pairs


def corpus_scores(corpus_dir: str | None = None, show_errors: bool = False) -> dict[str, dict]:
    """{lang: {tp, pred, gold, p, r, f1}} and an "all" row over the corpus present now."""
    corpus_dir = corpus_dir or os.path.join(ROOT, "corpus")
    counts: dict[str, list[int]] = defaultdict(lambda: [0, 0, 0])
    for gpath in sorted(glob.glob(os.path.join(corpus_dir, "gold", "*.json"))):
        doc_id = os.path.basename(gpath)[:-5]
        spath = os.path.join(corpus_dir, "src", doc_id + ".txt")
        if not os.path.exists(spath):
            continue
        try:
            with open(gpath, encoding="utf-8") as fh:
                gold = json.load(fh)
            with open(spath, encoding="utf-8") as fh:
                text = plain_text(fh.read())
        except (OSError, json.JSONDecodeError, UnicodeDecodeError):
            continue  # a document being written right now
        lang = gold.get("language") or doc_id[:2]
        gfigs = gold.get("figures") or []
        pred = extract_figures(text, lang if lang in ("kk", "ru") else None)
        pairs = align(pred, gfigs)
        for key in (lang, "all"):
            counts[key][0] += len(pairs)
            counts[key][1] += len(pred)
            counts[key][2] += len(gfigs)
        if show_errors:
            mp = {i for i, _ in pairs}
            mg = {j for _, j in pairs}
            for i, p in enumerate(pred):
                if i not in mp:
                    ctx = text[max(0, p.start - 40):p.end + 30].replace("\n", " ")
                    print(f"FP {doc_id}: {p.text!r} {p.value:g} {p.kind} {p.currency or ''} | …{ctx}…")
            for j, g in enumerate(gfigs):
                if j not in mg:
                    k = re.sub(r"\s+", " ", text).find(g["text"])
                    flat = re.sub(r"\s+", " ", text)
                    ctx = flat[max(0, k - 40):k + len(g["text"]) + 30] if k >= 0 else "?"
                    print(f"FN {doc_id}: {g['text']!r} {g['value']:g} {g['kind']} {g.get('currency') or ''} | …{ctx}…")
    out = {}
    for key, (tp, npred, ngold) in counts.items():
        p = tp / npred if npred else 1.0
        r = tp / ngold if ngold else 1.0
        f = 2 * p * r / (p + r) if p + r else 0.0
        out[key] = {"tp": tp, "pred": npred, "gold": ngold, "p": p, "r": r, "f1": f}
    return out


# --- KazNERD ---------------------------------------------------------------------------
def dev_split(sents):
    """The NER model's development split, and how it was chosen."""
    try:
        from kzdocs.train_ner import split_kaznerd
        _, dev = split_kaznerd(sents)
        return dev, "kzdocs.train_ner.split_kaznerd (seeded 10 %)"
    except Exception:  # noqa: BLE001 - the module may not exist yet
        return [s for i, s in enumerate(sents) if i % 10 == 0], "every 10th sentence (i % 10 == 0)"


def detokenize(words: list[str]) -> tuple[str, list[tuple[int, int]]]:
    """Join tokens with spaces, joining split decimals «70 , 3» back to «70,3»."""
    parts, offsets, pos = [], [], 0
    glue_next = False
    for k, w in enumerate(words):
        decimal_mark = (w in (",", ".") and 0 < k < len(words) - 1 and words[k - 1].isdigit()
                        and words[k + 1][:1].isdigit())
        if k > 0 and not (decimal_mark or glue_next):
            parts.append(" ")
            pos += 1
        glue_next = decimal_mark
        offsets.append((pos, pos + len(w)))
        parts.append(w)
        pos += len(w)
    return "".join(parts), offsets


_KK_NUM = {"бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7, "сегіз": 8,
           "тоғыз": 9, "он": 10, "жиырма": 20, "отыз": 30, "қырық": 40, "елу": 50, "алпыс": 60,
           "жетпіс": 70, "сексен": 80, "тоқсан": 90}
_SC = {"жүз": 100, "мың": 1e3, "миллион": 1e6, "млн": 1e6, "миллиард": 1e9, "млрд": 1e9,
       "триллион": 1e12, "трлн": 1e12}


def reference_value(tokens: list[str]) -> float | None:
    """An independent reading of a gold span's value: its last number with its scale."""
    text = " ".join(tokens).lower()
    text = re.sub(r"(\d) , (\d)", r"\1,\2", text)
    text = re.sub(r"(\d) \. (\d)", r"\1.\2", text)
    # the last number of a range «5 – 6 тонна», «он-он бес мың»
    chunks = re.split(r"\s[–—-]\s|(?<=[а-яәіңғүұқөһ])-(?=[а-яәіңғүұқөһ])|\sмен\s|\sдан\s", text)
    for chunk in reversed(chunks):
        m = re.search(r"\d[\d\s]*(?:[.,]\d+)?", chunk)
        words = re.findall(r"[а-яәіңғүұқөһё]+", chunk)
        if m:
            v = float(m.group(0).replace(" ", "").replace(",", "."))
            rest = chunk[m.end():]
            for w in re.findall(r"[а-яәіңғүұқөһё]+", rest)[:1]:
                for k, s in _SC.items():
                    if w.startswith(k) and k != "жүз":
                        v *= s
            return v
        total, cur, seen, point, denom, frac = 0.0, 0.0, False, None, 1.0, False
        for w in words:
            stem = next((k for k in sorted(_KK_NUM, key=len, reverse=True) if w.startswith(k)
                         and len(w) - len(k) <= 5), None)
            if w.startswith("бүтін"):
                point = total + cur
                total = cur = 0.0
                frac = True
                denom = 0
                continue
            if frac and denom == 0:
                if w.endswith(("нан", "нен", "ден", "дан")):
                    denom = 10.0 if w.startswith("он") else 100.0 if w.startswith("жүз") else 1000.0
                    continue
                denom = 10.0  # «отыз төрт бүтін бес»: one decimal digit
            if w.startswith("жарым"):
                cur += 0.5
                seen = True
                continue
            sc = next((s for k, s in _SC.items() if w.startswith(k)), None)
            if sc == 100:
                cur = (cur or 1) * 100
                seen = True
            elif sc:
                if point is not None:
                    total = (point + (total + cur) / denom) * sc
                    point, cur = None, 0.0
                else:
                    total += (cur or 1) * sc
                    cur = 0.0
                seen = True
            elif stem and not w.startswith(("онда", "оны", "бірақ")):
                cur += _KK_NUM[stem]
                seen = True
        if seen:
            if point is not None:
                return point + (total + cur) / denom
            return total + cur
    return None


def kaznerd_scores(path: str = KAZNERD, show_errors: bool = False) -> dict:
    sents = read_iob2(path)
    dev, how = dev_split(sents)
    n_gold = recalled = n_val = right = 0
    for words, tags in dev:
        text, offsets = detokenize(words)
        spans = []
        for k, tag in enumerate(tags):
            label = tag[2:]
            if label not in ("MONEY", "PERCENTAGE", "QUANTITY"):
                continue
            if tag.startswith("B-") or not spans or spans[-1][2] != label or spans[-1][1] != k - 1:
                spans.append([k, k, label])
            else:
                spans[-1][1] = k
        if not spans:
            continue
        figs = extract_figures(text, "kk")
        for a, b, label in spans:
            n_gold += 1
            s, e = offsets[a][0], offsets[b][1]
            hit = [f for f in figs if f.start < e and f.end > s]
            if hit:
                recalled += 1
                ref = reference_value(words[a:b + 1])
                if ref is not None:
                    n_val += 1
                    f = hit[-1]
                    if abs(f.value - ref) <= 0.005 * abs(ref) + 1e-9:
                        right += 1
                    elif show_errors:
                        print(f"VAL {label}: {text[s:e]!r} ref={ref:g} got {f.text!r}={f.value:g}")
            elif show_errors:
                print(f"MISS {label}: {text[s:e]!r} | {text[:160]}")
    return {"split": how, "spans": n_gold, "recall": recalled / n_gold if n_gold else 1.0,
            "value_accuracy": right / n_val if n_val else 1.0, "valued": n_val}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    ap.add_argument("--errors", action="store_true", help="print every error")
    ap.add_argument("--kaznerd", default=KAZNERD)
    ap.add_argument("--no-kaznerd", action="store_true")
    ap.add_argument("--founding", action="store_true", help="compare kk-0000 field by field")
    args = ap.parse_args(argv)
    scores = corpus_scores(show_errors=args.errors)
    print(f"{'corpus':<10}{'gold':>6}{'pred':>6}{'tp':>6}{'P':>8}{'R':>8}{'F1':>8}")
    for key in sorted(scores, key=lambda k: (k == "all", k)):
        s = scores[key]
        print(f"{key:<10}{s['gold']:>6}{s['pred']:>6}{s['tp']:>6}{s['p']:>8.3f}{s['r']:>8.3f}{s['f1']:>8.3f}")
    if not args.no_kaznerd and os.path.exists(args.kaznerd):
        k = kaznerd_scores(args.kaznerd, show_errors=args.errors)
        print(f"\nKazNERD dev ({k['split']}): {k['spans']} MONEY/PERCENTAGE/QUANTITY spans")
        print(f"{'recall':<16}{k['recall']:.3f}")
        print(f"{'value accuracy':<16}{k['value_accuracy']:.3f}  (over {k['valued']} recalled spans)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
