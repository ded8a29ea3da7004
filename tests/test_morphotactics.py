"""kzdocs.lang.kk.morphotactics: Kazakh suffix chains over the hunspell-derived stem lexicon."""
from __future__ import annotations

import gzip
import importlib.util
import re
from pathlib import Path

import pytest

from kzdocs.lang.kk import morphotactics as mt

ROOT = Path(__file__).resolve().parents[1]
SEED_TXT = ROOT.parent / "shared" / "seed" / "000_a3c8e8d5e1867429.txt"
HUNSPELL_DIC = Path("/usr/share/hunspell/kk_KZ.dic")


@pytest.fixture(scope="module")
def lexicon():
    verbs, nominals = mt.stems()
    assert len(verbs) > 10_000 and len(nominals) > 40_000
    return verbs, nominals


def kinds(word, lexicon):
    return {r for r, n in mt.readings(word, *lexicon) if n < len(word)}


def test_stem_lexicon(lexicon):
    verbs, nominals = lexicon
    assert {"кел", "қара", "оқы", "жолық", "сүй", "баста"} <= verbs  # келу, қарау, оқу, жолығу, сүю
    assert {"мектеп", "қала", "жол"} <= nominals
    assert "басталған" not in nominals  # a participle in the dictionary is not a nominal stem


@pytest.mark.parametrize("word, reading, stem", [
    ("келді", "fin", "кел"),
    ("оқиды", "fin", "оқы"),  # оқы + йды, written with и
    ("басталғаннан", "part", "баста"),  # баста + л + ған + нан
    ("қатынасатын", "part", "қатынас"),
    ("қарауға", "vnoun", "қара"),
    ("жолыққаннан", "part", "жолық"),
    ("жазып", "conv", "жаз"),
    ("мектептерінде", "nom", "мектеп"),
    ("білімді", "adj", "білім"),
])
def test_readings(word, reading, stem, lexicon):
    assert (reading, len(stem)) in mt.readings(word, *lexicon)


def test_nominal_words_do_not_read_as_verbs(lexicon):
    verbs, _ = lexicon
    for word in ("мектептерінде", "қаласының", "министрлігіне"):
        assert not mt.is_verb_form(word, verbs)
    assert mt.is_verb_form("жасалған", verbs) and mt.is_verb_form("шешілмей", verbs)


def test_seed_verbs_and_nominals(lexicon):
    """On the founding inquiry most words get a reading, and its verbs read as verbs."""
    if not SEED_TXT.exists():
        pytest.skip("../shared/seed is not present")
    words = [w.lower() for w in re.findall(r"[^\W\d_]{3,}", SEED_TXT.read_text(encoding="utf-8"))
             if re.search("[әғқңөұүһі]", w.lower())]  # Kazakh words
    covered = [w for w in words if kinds(w, lexicon)]
    assert len(covered) >= 0.7 * len(words), (len(covered), len(words))
    verbal = {w for w in words if kinds(w, lexicon) & mt.VERBAL}
    assert verbal and all(not w.endswith(("лігі", "лығы", "ның", "нің")) or len(kinds(w, lexicon)) > 1
                          for w in verbal)


def test_build_script_reproduces_the_shipped_lexicon(tmp_path):
    """scripts/build_kk_stems.py rebuilds kzdocs/data/kk_stems.tsv.gz byte for byte from the
    Debian hunspell-kk dictionary."""
    if not HUNSPELL_DIC.exists():
        pytest.skip("hunspell-kk is not installed")
    spec = importlib.util.spec_from_file_location("build_kk_stems", ROOT / "scripts" / "build_kk_stems.py")
    script = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(script)
    out = tmp_path / "stems.tsv.gz"
    assert script.main(["--dic", str(HUNSPELL_DIC), "--output", str(out)]) == 0
    with gzip.open(out) as new, gzip.open(mt.STEMS) as shipped:
        assert new.read() == shipped.read()
