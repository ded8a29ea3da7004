"""Statistics of the corpus, written into README.md between its STATS markers.

    python corpus/stats.py          # rewrite the statistics section of corpus/README.md
"""
from __future__ import annotations

import json
import re
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT))
from check import HEADER, plain_text  # noqa: E402

sys.path.insert(0, str(ROOT.parent))
from kzdocs.classify.taxonomy import BY_CODE  # noqa: E402


def _table(head: list[str], rows: list[list[object]]) -> str:
    lines = ["| " + " | ".join(head) + " |", "|" + " --- |" * len(head)]
    lines += ["| " + " | ".join(str(c) for c in row) + " |" for row in rows]
    return "\n".join(lines)


def _office(position: str | None) -> str:
    p = (position or "").lower()
    for key, label in (("премьер-министрінің орынбасары", "Deputy Prime Minister"),
                       ("заместител", "Deputy Prime Minister"), ("орынбасары", "Deputy Prime Minister"),
                       ("премьер", "Prime Minister"), ("бас прокурор", "Prosecutor General"),
                       ("генеральн", "Prosecutor General"), ("әкім", "akim"), ("аким", "akim"),
                       ("агентт", "agency chair"), ("агентств", "agency chair"),
                       ("депутат", "deputy (replies)"), ("министр", "minister")):
        if key in p:
            return label
    return "by salutation only" if not p else "other"


def stats() -> str:
    golds = [json.loads(p.read_text(encoding="utf-8")) for p in sorted((ROOT / "gold").glob("*.json"))]
    sources = {g["id"]: (ROOT / "src" / f"{g['id']}.txt").read_text(encoding="utf-8") for g in golds}
    words = {i: len(plain_text(s).split()) for i, s in sources.items()}
    kinds = Counter((g["language"], g["doc_type"]) for g in golds)
    inquiries = [g for g in golds if g["doc_type"] == "inquiry"]
    out = [f"{len(golds)} documents: {len(inquiries)} inquiries "
           f"({sum(g['language'] == 'kk' for g in inquiries)} Kazakh, "
           f"{sum(g['language'] == 'ru' for g in inquiries)} Russian) and "
           f"{len(golds) - len(inquiries)} other documents; "
           f"{sum(words.values()):,} words ({min(words.values())} to {max(words.values())} a "
           f"document); {sum(len(g['figures']) for g in golds):,} annotated figures "
           f"({sum(len(g['figures']) for g in golds) / len(golds):.1f} a document), "
           f"{sum(len(g['demands']) for g in golds):,} demands, "
           f"{sum(len(g['signatories']) for g in golds):,} signatories; "
           f"{len(list((ROOT / 'pdf' / 'scan').glob('*.pdf')))} documents also scanned.\n"]
    out.append("### By language and type\n")
    out.append(_table(["language", "type", "documents"],
                      [[lang, kind, n] for (lang, kind), n in sorted(kinds.items())]))
    topics = Counter((g["topics"]["primary"], g["language"]) for g in inquiries)
    out.append("\n### Inquiries by primary CAP topic\n")
    out.append(_table(["code", "topic", "kk", "ru", "all"],
                      [[c, t.en, topics[(c, "kk")], topics[(c, "ru")],
                        topics[(c, "kk")] + topics[(c, "ru")]] for c, t in BY_CODE.items()]))
    offices = Counter(_office((g.get("addressee") or {}).get("position")) for g in golds)
    out.append("\n### Addressee (office named in the addressee block)\n")
    out.append(_table(["addressee", "documents"], offices.most_common()))
    years = Counter((g.get("date") or "undated")[:4] for g in golds)
    out.append("\n### Year of the document (where it is dated)\n")
    out.append(_table(["year", "documents"], sorted(years.items())))
    chambers = Counter(g.get("chamber") or "none" for g in golds)
    factions = Counter(g.get("faction") or "none" for g in inquiries)
    layouts = Counter(next((m.group(1).split(":")[1] for line in s.splitlines()
                            if (m := HEADER.match(line)) and m.group(1).startswith("signatures")),
                           "none") for s in sources.values())
    signers = Counter(min(len(g["signatories"]), 10) for g in inquiries)
    out.append("\n### Chamber, faction, signature layout, number of signers\n")
    out.append(_table(["chamber", "documents"], chambers.most_common()))
    out.append("")
    out.append(_table(["faction (inquiries, as written)", "documents"], factions.most_common()))
    out.append("")
    out.append(_table(["signature layout", "documents"], layouts.most_common()))
    out.append("")
    out.append(_table(["signers (10 = ten or more)", "inquiries"], sorted(signers.items())))
    return "\n".join(out) + "\n"


def main() -> None:
    readme = ROOT / "README.md"
    text = readme.read_text(encoding="utf-8")
    new = re.sub(r"(<!-- STATS -->\n).*(<!-- /STATS -->)", lambda m: m.group(1) + stats() + m.group(2),
                 text, flags=re.S)
    readme.write_text(new, encoding="utf-8")


if __name__ == "__main__":
    main()
