"""Topic classification with the CAP major topics: a linear model stored as plain arrays.

The shipped model (models/topics/) is a vocabulary, idf weights and one-vs-rest logistic
regression coefficients in an .npz file, loaded without pickle; prediction needs only NumPy.
"""
from __future__ import annotations

import functools
import json
import math
from pathlib import Path

from ..model import Topic
from .features import BLOCKS, terms, weigh
from .taxonomy import BY_CODE

MODEL_DIR = Path(__file__).resolve().parents[1] / "models" / "topics"


class TopicModel:
    """Vocabulary, idf and coefficients of a trained topic classifier."""

    def __init__(self, path: Path = MODEL_DIR) -> None:
        import numpy as np

        meta = json.loads((path / "meta.json").read_text(encoding="utf-8"))
        arrays = np.load(path / "weights.npz", allow_pickle=False)
        self.classes: list[int] = meta["classes"]
        self.block_weights: dict[str, float] = meta["block_weights"]
        self.index = {b: {t: i for i, t in enumerate(meta["vocabulary"][b])} for b in BLOCKS}
        self.offsets = {b: meta["offsets"][b] for b in BLOCKS}
        self.idf = {b: arrays[f"idf_{b}"].tolist() for b in BLOCKS}
        self.coef = arrays["coef"]
        self.intercept = arrays["intercept"]
        self.meta = meta
        # Platt scaling fitted in cross-validation: scores then mean "right this often".
        self.scale = meta.get("cross_validation", {}).get("calibration", {}).get("scale", [1.0, 0.0])

    def vector(self, text: str, lang: str | None) -> dict[int, float]:
        """The sparse feature vector of a text: column -> weight."""
        out: dict[int, float] = {}
        for block, counts in terms(text, lang).items():
            weight = self.block_weights[block]
            for i, v in weigh(counts, self.index[block], self.idf[block]).items():
                out[self.offsets[block] + i] = v * weight
        return out

    def scores(self, text: str, lang: str | None) -> list[tuple[int, float]]:
        """(code, probability) for every topic, best first."""
        import numpy as np

        vec = self.vector(text, lang)
        cols = np.fromiter(vec.keys(), dtype=np.int64, count=len(vec))
        vals = np.fromiter(vec.values(), dtype=np.float64, count=len(vec))
        logits = self.coef[:, cols] @ vals + self.intercept
        a, b = self.scale
        probs = [1 / (1 + math.exp(-(a * z + b))) for z in logits.tolist()]
        return sorted(zip(self.classes, probs), key=lambda x: -x[1])


@functools.lru_cache(maxsize=1)
def load_model(path: str | None = None) -> TopicModel | None:
    """The shipped topic model, or None when it is not installed."""
    directory = Path(path) if path else MODEL_DIR
    return TopicModel(directory) if (directory / "weights.npz").exists() else None


def classify(text: str, lang: str | None, *, threshold: float = 0.5, top: int = 3) -> list[Topic]:
    """CAP topics of a text sorted by score: the best one always, others above `threshold`.
    Labels are CAP's English ones, the same for every language, so archives compare."""
    model = load_model()
    if model is None:
        return []
    ranked = model.scores(text, lang)
    keep = [ranked[0]] + [(c, p) for c, p in ranked[1:top] if p >= threshold]
    return [Topic(code, BY_CODE[code].en, round(p, 4)) for code, p in keep]
