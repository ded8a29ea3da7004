"""Features for topic classification, computed the same way when training and predicting.

Two blocks, each TF-IDF weighted (sublinear term frequency, smoothed idf) and L2-normalised:
lemmas (Kazakh stems, Russian lemmas: an agglutinative word's many forms count as one) and
the hits of each topic's hand-written Kazakh and Russian lexicon (lexicon.py). Character
n-grams were tried as a third block: they added nothing in cross-validation and cost most
of the prediction time (models/README.md).
The code is plain Python so that prediction needs neither scikit-learn nor SciPy.
"""
from __future__ import annotations

import math
from collections import Counter

from ..nlp import lemmas
from .lexicon import hits

BLOCKS = ("lemma", "lexicon")


def terms(text: str, lang: str | None) -> dict[str, Counter]:
    """The two bags of a text: its lemmas, and the hits of each topic's lexicon
    (the lexicon block is shared by both languages, which is what lets few examples teach)."""
    lems = lemmas(text, lang)
    return {"lemma": Counter(f"l:{x}" for x in lems if len(x) > 2),
            "lexicon": Counter({f"x:{code}": n for code, n in hits(lems, lang).items() if n})}


def weigh(counts: Counter, index: dict[str, int], idf: list[float]) -> dict[int, float]:
    """Sublinear TF-IDF of one block, L2-normalised, over the known terms."""
    vec = {index[t]: (1 + math.log(c)) * idf[index[t]] for t, c in counts.items() if t in index}
    norm = math.sqrt(sum(v * v for v in vec.values())) or 1.0
    return {i: v / norm for i, v in vec.items()}
