#!/usr/bin/env python
"""Build kzdocs/data/kk_stems.tsv.gz, the verb and nominal stems of kzdocs.lang.kk.morphotactics,
from the Kazakh hunspell dictionary (Debian package hunspell-kk: apt-get install hunspell-kk).

    python scripts/build_kk_stems.py [--dic /usr/share/hunspell/kk_KZ.dic]

The dictionary lists verbs by their verbal noun in -у/-ю with the affix flags M..Z
(оқу, келу, қарау, сүю); the stem is the verbal noun without -у (оқы, кел, қара, сүй).  Every
other entry that does not itself read as a verb form is a nominal stem.  The dictionary
(Akmaral Mussayeva, László Németh, Rail Aliev, 2009) is licensed GPL-2+ or LGPL-2.1+ or
MPL-1.1+; the derived list is distributed under MPL-1.1 (see kzdocs/data/README.md).
"""
from __future__ import annotations

import argparse
import gzip
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from kzdocs.lang.kk.morphotactics import STEMS, back_vowel, is_verb_form, stem_variants  # noqa: E402
from kzdocs.stemming import VOWELS  # noqa: E402


def read_dic(path: Path) -> tuple[set[str], set[str]]:
    """(verb stems, other entries) of a hunspell .dic file."""
    verbs, entries = set(), set()
    lines = path.read_text(encoding="utf-8-sig").splitlines()
    for line in lines[1:]:  # the first line is the entry count
        word, _, flags = line.strip().partition("/")
        word = word.lower()
        if not word:
            continue
        if flags.startswith("M") and len(word) > 2 and word[-1] in "ую":
            stem = word[:-1]
            if word[-1] == "ю":  # сүю = сүй + у, жию = жи + у
                verbs.update((stem + "й", stem))
            else:  # келу = кел + у, оқу = оқы + у, жолығу = жолық + у
                verbs.update(stem_variants(stem))
                if stem[-1] not in VOWELS:
                    verbs.add(stem + back_vowel(stem))
        else:
            entries.add(word)
    return verbs, entries


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--dic", default="/usr/share/hunspell/kk_KZ.dic", type=Path)
    ap.add_argument("--output", default=STEMS, type=Path)
    args = ap.parse_args(argv)
    if not args.dic.exists():
        ap.error(f"{args.dic}: not found (apt-get install hunspell-kk)")
    verbs, entries = read_dic(args.dic)
    nominals = {w for w in entries if not is_verb_form(w, verbs)}
    with gzip.GzipFile(args.output, "wb", mtime=0) as raw:
        raw.write("".join(f"V\t{v}\n" for v in sorted(verbs)).encode())
        raw.write("".join(f"N\t{n}\n" for n in sorted(nominals)).encode())
    print(f"{args.output}: {len(verbs)} verb stems, {len(nominals)} nominal stems")
    return 0


if __name__ == "__main__":
    sys.exit(main())
