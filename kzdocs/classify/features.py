"""Features for topic classification, computed the same way when training and predicting.

Three blocks, each TF-IDF weighted (sublinear term frequency, smoothed idf) and L2-normalised:
lemmas (Kazakh stems, Russian lemmas: an agglutinative word's many forms count as one),
character 3- to 5-grams inside word boundaries (they catch what the lemmatiser misses), and
the hits of each topic's hand-written Kazakh and Russian lexicon (lexicon.py).
The code is plain Python so that prediction needs neither scikit-learn nor SciPy.
"""
from __future__ import annotations

import math
import re
from collections import Counter

from ..nlp import lemmas
from .lexicon import hits

_SPACES = re.compile(r"\s+")
_NOT_WORD = re.compile(r"[^\w\s-]|\d")
CHAR_RANGE = (3, 5)
BLOCKS = ("lemma", "char", "lexicon")


def char_terms(text: str) -> list[str]:
    """Character n-grams of each word padded with spaces (scikit-learn's "char_wb")."""
    text = _SPACES.sub(" ", _NOT_WORD.sub(" ", text.lower()))
    low, high = CHAR_RANGE
    out = []
    for word in text.split():
        word = f" {word} "
        for n in range(low, high + 1):
            if len(word) < n:
                break
            out.extend("c:" + word[i:i + n] for i in range(len(word) - n + 1))
    return out


def terms(text: str, lang: str | None) -> dict[str, Counter]:
    """The three bags of a text: lemmas, character n-grams, and hits of each topic's lexicon
    (the lexicon block is shared by both languages, which is what lets few examples teach)."""
    lems = lemmas(text, lang)
    return {"lemma": Counter(f"l:{x}" for x in lems if len(x) > 2),
            "char": Counter(char_terms(text)),
            "lexicon": Counter({f"x:{code}": n for code, n in hits(lems, lang).items() if n})}


def weigh(counts: Counter, index: dict[str, int], idf: list[float]) -> dict[int, float]:
    """Sublinear TF-IDF of one block, L2-normalised, over the known terms."""
    vec = {index[t]: (1 + math.log(c)) * idf[index[t]] for t, c in counts.items() if t in index}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {i: v / norm for i, v in vec.items()}
