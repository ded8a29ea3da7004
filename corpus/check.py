"""Check corpus documents against corpus/FORMAT.md.

    python corpus/check.py [ID ...]     # no ids: every document

Prints one line per problem and exits 1 when there is any. The same checks run in the
test suite (tests/test_corpus.py), so a document that passes here passes there.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
SECTIONS = {"right", "left", "center", "body", "closing", "signatures:table",
            "signatures:right", "signatures:list", "signatures:inline", "footer"}
KINDS = {"money", "percent", "quantity"}
UNITS = {"person", "family", "year", "month", "day", "hour", "times", "tonne", "kg", "litre",
         "hectare", "km", "m", "sq_m", "cubic_m", "kwh", "mw", "unit"}
QUALIFIERS = {None, "about", "more_than", "less_than", "at_least", "up_to"}
TOPICS = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 13, 14, 15, 16, 17, 18, 19, 20, 21, 23}
SCALES = {"мың": 1e3, "тыс": 1e3, "млн": 1e6, "миллион": 1e6, "млрд": 1e9, "миллиард": 1e9,
          "трлн": 1e12, "триллион": 1e12}
HEADER = re.compile(r"^\[([a-z:]+)\]\s*$")


def fold(text: str) -> str:
    """Fold runs of white space to one space, as the gold comparison does."""
    return re.sub(r"\s+", " ", text).strip()


def plain_text(source: str) -> str:
    """The document's plain text: the source without section headers, table bars as spaces."""
    lines = []
    for line in source.splitlines():
        if HEADER.match(line):
            continue
        lines.append(line.replace(" | ", " ").replace("|", " ").strip())
    return "\n".join(lines)


def sections(source: str) -> list[str]:
    return [m.group(1) for line in source.splitlines() if (m := HEADER.match(line))]


def digit_value(span: str) -> float | None:
    """The value a span written in digits implies (None when it has no digits)."""
    m = re.search(r"\d[\d\s\u00a0.]*(?:,\d+)?", span)
    if not m:
        return None
    num = re.sub(r"[\s\u00a0]", "", m.group(0)).rstrip(".")
    if num.count(".") >= 1 and "," not in num and re.fullmatch(r"\d{1,3}(\.\d{3})+", num):
        num = num.replace(".", "")
    num = num.replace(",", ".")
    try:
        value = float(num)
    except ValueError:
        return None
    rest = span[m.end():].lower()
    for word, scale in SCALES.items():
        if re.match(r"\s*" + word, rest):
            value *= scale
            break
    return value


def check(doc_id: str) -> list[str]:
    problems = []
    src_path, gold_path = ROOT / "src" / f"{doc_id}.txt", ROOT / "gold" / f"{doc_id}.json"
    if not src_path.exists() or not gold_path.exists():
        return [f"{doc_id}: src or gold file missing"]
    source = src_path.read_text(encoding="utf-8")
    for name in sections(source):
        if name not in SECTIONS:
            problems.append(f"{doc_id}: unknown section [{name}]")
    text = fold(plain_text(source))
    try:
        gold = json.loads(gold_path.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        return [f"{doc_id}: gold is not JSON: {exc}"]
    words = len(text.split())
    if not 150 <= words <= 1400:
        problems.append(f"{doc_id}: {words} words")

    def need(cond: bool, what: str) -> None:
        if not cond:
            problems.append(f"{doc_id}: {what}")

    def occurs(span: str | None, what: str) -> None:
        if span is not None and fold(span) not in text:
            problems.append(f"{doc_id}: {what} not in text: {span!r}")

    need(gold.get("id") == doc_id, "id differs from the file name")
    need(gold.get("language") in {"kk", "ru", "mixed"}, "language")
    need(gold.get("doc_type") in {"inquiry", "reply", "other"}, "doc_type")
    need(gold.get("chamber") in {"mazhilis", "senate", None}, "chamber")
    need(gold.get("date") is None or bool(re.fullmatch(r"\d{4}-\d\d-\d\d", gold["date"])), "date")
    occurs(gold.get("title"), "title")
    occurs(gold.get("number"), "number")
    occurs(gold.get("faction"), "faction")
    addressee = gold.get("addressee")
    if addressee is not None:
        for key in ("name", "salutation_name", "position", "organization", "initials"):
            occurs(addressee.get(key), f"addressee.{key}")
        need(set(addressee) == {"name", "surname", "initials", "salutation_name", "position",
                                "organization"}, "addressee keys")
    for signer in gold.get("signatories", []):
        need(set(signer) == {"name", "surname", "initials", "given_name"}, "signatory keys")
        occurs(signer.get("name"), "signatory name")
    for fig in gold.get("figures", []):
        occurs(fig.get("text"), "figure")
        need(fig.get("kind") in KINDS, f"figure kind {fig}")
        need(isinstance(fig.get("value"), (int, float)), f"figure value {fig}")
        need(fig.get("qualifier") in QUALIFIERS, f"figure qualifier {fig}")
        if fig.get("kind") == "money":
            need(bool(re.fullmatch(r"[A-Z]{3}", fig.get("currency") or "")), f"money currency {fig}")
        if fig.get("kind") == "quantity":
            need(fig.get("unit") in UNITS, f"quantity unit {fig}")
        implied = digit_value(fig.get("text", ""))
        if implied is not None and isinstance(fig.get("value"), (int, float)) and implied > 0:
            ratio = fig["value"] / implied
            need(any(abs(ratio - s) / s < 0.005 for s in (1, 1e3, 1e6, 1e9, 1e12)),
                 f"figure value {fig['value']} does not fit {fig['text']!r}")
    for demand in gold.get("demands", []):
        occurs(demand.get("text"), "demand")
    topics = gold.get("topics") or {}
    need(topics.get("primary") in TOPICS, "topics.primary")
    need(all(t in TOPICS for t in topics.get("secondary", [])), "topics.secondary")
    if gold.get("doc_type") == "inquiry":
        need(bool(gold.get("demands")), "an inquiry without demands")
    return problems


def main(ids: list[str]) -> int:
    if not ids:
        ids = sorted(p.stem for p in (ROOT / "gold").glob("*.json"))
    problems = [p for doc_id in ids for p in check(doc_id)]
    for problem in problems:
        print(problem)
    print(f"{len(ids)} documents, {len(problems)} problems")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
