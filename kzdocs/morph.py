"""Kazakh lemmas and parts of speech: a small spaCy pipeline trained on UD Kazakh-KTB.

    >>> from kzdocs.morph import analyze, lemmas
    >>> analyze("Еңбек миграциясы")          # [(token, lemma, UPOS), ...]
    >>> lemmas("азаматтарымыз үшін")        # lowercased lemmas of the words

The pipeline (``kzdocs/models/kk_morph``: ``tok2vec`` + ``tagger`` for UPOS +
``trainable_lemmatizer`` with edit trees) is trained on the UD Kazakh-KTB treebank
(Tyers and Washington 2015; Makazhanov et al. 2015; CC BY-SA 4.0), so the shipped model is
a derivative work under CC BY-SA 4.0; see ``kzdocs/models/README.md``.  The treebank is
read from ``../shared/data/ud_kk_ktb`` and never copied into the repository.

It is loaded lazily, once, with ``spacy.load`` after ``import kzdocs.lang.kk``; nothing
is downloaded.  When the model directory is missing, :func:`analyze` and :func:`lemmas`
fall back to the rule-based suffix stripper :func:`kzdocs.stemming.kk_stem` (UPOS is then
``""``).  The same stripper backs the model up where cross-validation showed it helps
(:data:`FALLBACK`, see :func:`apply_fallback`).

When the model directory also holds ``linear.json`` + ``linear.npz`` (:class:`LinearMorph`:
a lookup of the training forms, a logistic-regression UPOS tagger and a reranker of lemma
candidates, better than the spaCy components in the same cross-validation), :func:`analyze` and
:func:`lemmas` use it instead, with the spaCy pipeline serving only as the tokenizer.

Training and the 5-fold cross-validation live here too (``scripts/train_morph.py``).
"""
from __future__ import annotations

import random
import re
import shutil
import tempfile
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Sequence

from .configs import CONFIG_DIR, resolve_config, work_directory
from .stemming import kk_stem

ROOT = Path(__file__).resolve().parents[1]
MODEL_DIR = Path(__file__).resolve().parent / "models" / "kk_morph"
DEFAULT_CONFIG = CONFIG_DIR / "morph.cfg"
DEFAULT_DATA = ROOT.parent / "shared" / "data" / "ud_kk_ktb" / "kk_ktb-ud.conllu"
N_FOLDS = 5
FOLD_SEED = 0

# Where the trained lemmatizer is backed up by kk_stem (chosen by cross-validation, see
# kzdocs/models/README.md): "none", "unchanged" (the model left the word as it is),
# "unchanged_nominal" (same, and the predicted UPOS is nominal), "oov_unchanged" (the model
# left unchanged a word that was not in its training data: the shipped choice).
FALLBACK = "oov_unchanged"
KNOWN_FORMS = "known_forms.txt"  # in the model directory: the training forms, lowercased
FALLBACK_MODES = ("none", "unchanged", "unchanged_nominal", "oov_unchanged", "oov_unchanged_nominal")
NOMINAL = frozenset({"NOUN", "PROPN", "ADJ", "NUM", "PRON"})
_LETTER = re.compile(r"[^\W\d_]")


# --------------------------------------------------------------------------- data


@dataclass
class Sentence:
    """One treebank sentence on the level of surface tokens (multiword tokens merged)."""

    sent_id: str
    words: list[str] = field(default_factory=list)
    spaces: list[bool] = field(default_factory=list)
    lemmas: list[str] = field(default_factory=list)
    upos: list[str] = field(default_factory=list)


def read_conllu(path: str | Path = DEFAULT_DATA) -> list[Sentence]:
    """Read a CoNLL-U file into :class:`Sentence` objects.

    A multiword token ("Баласыз" = бала + сыз, "қуаныштымын" = қуанышты + мын) becomes one
    token, as the spaCy tokenizer sees it, with the lemma and UPOS of its first word (the
    host: бала/NOUN); empty nodes are skipped.
    """
    sents: list[Sentence] = []
    cur = Sentence("")
    skip_until = 0
    with open(path, encoding="utf-8") as fh:
        for line in fh:
            line = line.rstrip("\n")
            if not line:
                if cur.words:
                    sents.append(cur)
                cur, skip_until = Sentence(""), 0
                continue
            if line.startswith("#"):
                if line.startswith("# sent_id"):
                    cur.sent_id = line.split("=", 1)[1].strip()
                continue
            cols = line.split("\t")
            tid = cols[0]
            if "." in tid:
                continue
            space = "SpaceAfter=No" not in cols[9]
            if "-" in tid:
                first, last = (int(x) for x in tid.split("-"))
                skip_until = last
                cur.words.append(cols[1])
                cur.spaces.append(space)
                cur.lemmas.append(None)  # filled from the first word
                cur.upos.append(None)
                continue
            idx = int(tid)
            if skip_until and idx <= skip_until:
                if cur.lemmas[-1] is None:
                    cur.lemmas[-1], cur.upos[-1] = cols[2], cols[3]
                continue
            cur.words.append(cols[1])
            cur.spaces.append(space)
            cur.lemmas.append(cols[2])
            cur.upos.append(cols[3])
    if cur.words:
        sents.append(cur)
    for s in sents:
        if s.spaces:
            s.spaces[-1] = False
    return sents


def folds(n: int, k: int = N_FOLDS, seed: int = FOLD_SEED) -> list[list[int]]:
    """The k test folds (lists of sentence indices) of a seeded shuffle of ``range(n)``."""
    order = list(range(n))
    random.Random(seed).shuffle(order)
    return [sorted(order[i::k]) for i in range(k)]


def split_fold(sents: Sequence[Sentence], fold: int, k: int = N_FOLDS, seed: int = FOLD_SEED):
    """(train, test) of cross-validation fold ``fold``."""
    test_idx = set(folds(len(sents), k, seed)[fold])
    train = [s for i, s in enumerate(sents) if i not in test_idx]
    test = [s for i, s in enumerate(sents) if i in test_idx]
    return train, test


def to_doc(vocab, sent: Sentence, annotated: bool = True):
    from spacy.tokens import Doc

    if annotated:
        return Doc(vocab, words=sent.words, spaces=sent.spaces, lemmas=sent.lemmas, pos=sent.upos)
    return Doc(vocab, words=sent.words, spaces=sent.spaces)


def write_docbin(nlp, sents: Iterable[Sentence], path: Path) -> Path:
    from spacy.tokens import DocBin

    db = DocBin(attrs=["ORTH", "LEMMA", "POS", "SPACY"], store_user_data=False)
    for s in sents:
        db.add(to_doc(nlp.vocab, s))
    path.parent.mkdir(parents=True, exist_ok=True)
    db.to_disk(path)
    return path


# --------------------------------------------------------------------------- fallback


def _stem_like(word: str, model_lemma: str) -> str:
    """kk_stem(word), with the first letter cased like the model's lemma."""
    stem = kk_stem(word)
    if model_lemma[:1].isupper():
        stem = stem[:1].upper() + stem[1:]
    return stem


def apply_fallback(word: str, lemma: str, upos: str, mode: str = FALLBACK,
                   known: frozenset | set | None = None) -> str:
    """The lemma after backing the model up with kk_stem.

    ``mode``: ``"none"`` keeps the model's lemma; ``"unchanged"`` uses kk_stem where the
    model left the word unchanged (or set no lemma); ``"unchanged_nominal"`` only does so
    where the predicted UPOS is nominal (kk_stem strips case, possessive and plural
    suffixes, which verbs do not have); ``"oov_unchanged"`` only for words not in
    ``known`` (the training forms, lowercased).
    """
    if mode == "none" or not _LETTER.search(word):
        return lemma or word
    unchanged = not lemma or lemma.lower() == word.lower()
    if not unchanged:
        return lemma
    if mode == "unchanged_nominal" and upos not in NOMINAL:
        return lemma or word
    if mode.startswith("oov_") and known is not None and word.lower() in known:
        return lemma or word
    if mode == "oov_unchanged_nominal" and upos not in NOMINAL:
        return lemma or word
    return _stem_like(word, lemma or word)


# --------------------------------------------------------------------------- linear model
#
# A cheaper model that beat the spaCy pipeline in the same 5-fold cross-validation (see
# kzdocs/models/README.md).  Words seen in training get the most frequent (lemma, UPOS) of
# the form (a form seen with several UPOS gets the tagger's best among them).  For the
# others, a multinomial logistic regression over sparse features (suffixes 1-5, prefixes
# 1-3, shape, length, kk_stem's stem and stripped suffix, the two words on each side with
# their 1-3 letter suffixes, the word's frequency in unlabeled text and whether verbal or
# nominal endings follow its stems there) gives the UPOS, and the lemma is chosen among
# candidates by a reranker:
#
# * candidates: the lemmas made by the best edit classes ("strip|append": strip the ending,
#   append letters) of a second logistic regression over the same features, kk_stem's stem,
#   the word cut by 0-8 letters, and those cuts with a final ғ/г/б restored to қ/к/п;
# * reranker: a binary logistic regression over features of each candidate (the edit
#   regression's log-probability and rank, whether it is a lemma or form seen in training,
#   how often it occurs as a word in unlabeled Kazakh text, how much was cut, the predicted
#   UPOS), trained by cross-fitting: the regressions are fitted on one half of the training
#   sentences and the reranker learns from the unseen words of the other half, and back;
# * case: proper nouns (predicted PROPN) are capitalised, abbreviations keep their capitals,
#   everything else is lowercased (so is the treebank, with few exceptions).
#
# Stored as plain data: ``linear.json`` (feature names, classes, lookup table, training
# lemma counts, the unlabeled word frequencies, reranker feature names) and ``linear.npz``
# (pruned weights, CSR by feature, and the reranker weights).

LINEAR_META = "linear.json"
LINEAR_WEIGHTS = "linear.npz"
LINEAR_FORMAT = 3
LINEAR_C = 1.0
LINEAR_PRUNE = 0.02  # weights with |w| below this are dropped (sparse storage)
EDIT_MIN_COUNT = 2  # edit classes seen less often in training are not learnt
EDIT_TOP = 10  # edit classes that apply to the word, best first, offered to the reranker
EDIT_TRIED = 40  # ... looked for among this many best classes
MAX_CUT = 8  # the word cut by up to this many letters is a candidate too
RESTORE = {"ғ": "қ", "г": "к", "б": "п"}  # final consonants voiced before a vowel suffix
VOWELS = frozenset("аәеиоөуұүыіэюя")
UPOS_GROUP = {"NOUN": "N", "PROPN": "P", "VERB": "V", "AUX": "V", "ADJ": "A", "ADV": "D"}
# unlabeled Kazakh text for the word frequencies: KazNERD's tokens (CC BY 4.0) and the Kazakh
# documents of the corpus (CC BY 4.0)
UNLABELED = (ROOT.parent / "shared" / "data" / "kaznerd" / "IOB2_valid.txt", ROOT / "corpus" / "src")
_WORD = re.compile(r"[^\W\d_]+(?:-[^\W\d_]+)*")
# endings whose frequency after a stem in unlabeled text tells verbs from nominals (UPOS features)
VERB_ENDINGS = ("ды", "ді", "ты", "ті", "ған", "ген", "қан", "кен", "ып", "іп", "у", "ады", "еді",
                "атын", "етін", "са", "се", "ма", "ме", "уі", "уға", "йды", "йді")
NOUN_ENDINGS = ("ның", "нің", "дың", "дің", "ға", "ге", "лар", "лер", "дар", "дер", "да", "де", "ны",
                "ні", "ы", "і", "сы", "сі", "мен", "ын", "ін")


def _shape(w: str) -> str:
    if not any(c.isalnum() for c in w):
        return "P"
    if any(c.isdigit() for c in w):
        return "D"
    if w.isupper() and len(w) > 1:
        return "U"
    if w[:1].isupper():
        return "C"
    return "l"


def _token_features(w: str) -> list[str]:
    lw = w.lower()
    f = ["w=" + lw, "sh=" + _shape(w), "len=%d" % min(len(lw), 12)]
    f += ["s%d=%s" % (k, lw[-k:]) for k in range(1, 6) if len(lw) > k]
    f += ["p%d=%s" % (k, lw[:k]) for k in range(1, 4) if len(lw) > k]
    stem = kk_stem(lw) if _LETTER.search(lw) else lw
    f += ["stemsuf=" + lw[len(stem):], "stem=" + stem]
    return f


def _corpus_features(lw: str, frequencies: dict[str, int]) -> list[str]:
    """How the word and the stems left by cutting 0-4 letters occur in unlabeled text: the
    word's frequency class and, per cut, whether verbal or nominal endings follow the stem."""
    import math

    f = []
    for k in range(5):
        stem = lw[:len(lw) - k]
        if len(stem) < 3:
            break
        verbal = sum(frequencies.get(stem + e, 0) for e in VERB_ENDINGS)
        nominal = sum(frequencies.get(stem + e, 0) for e in NOUN_ENDINGS)
        if verbal + nominal == 0:
            f.append(f"vn{k}=none")
            continue
        r = math.log((verbal + 1) / (nominal + 1))
        f.append(f"vn{k}=" + ("V2" if r > 1.5 else "V1" if r > 0.3 else "N2" if r < -1.5 else "N1" if r < -0.3 else "0"))
    freq = frequencies.get(lw, 0)
    f.append("fq=%d" % min(int(math.log2(freq + 1)), 8) if freq else "fq=none")
    return f


def sentence_features(words: Sequence[str], frequencies: dict[str, int] | None = None) -> list[list[str]]:
    """The binary feature names of every token of a sentence (see the section comment);
    with ``frequencies`` (unlabeled word counts) also :func:`_corpus_features`."""
    out = []
    n = len(words)
    for i, w in enumerate(words):
        f = _token_features(w)
        if frequencies is not None and _LETTER.search(w):
            f += _corpus_features(w.lower(), frequencies)
        if i == 0:
            f.append("first")
        for off in (-2, -1, 1, 2):
            j = i + off
            if 0 <= j < n:
                lw = words[j].lower()
                f += ["%d:w=%s" % (off, lw), "%d:sh=%s" % (off, _shape(words[j]))]
                f += ["%d:s%d=%s" % (off, k, lw[-k:]) for k in (1, 2, 3) if len(lw) > k]
            else:
                f.append("%d:BOS" % off)
        out.append(f)
    return out


def _common_prefix(a: str, b: str) -> int:
    p = 0
    while p < min(len(a), len(b)) and a[p] == b[p]:
        p += 1
    return p


def edit_class(form: str, lemma: str) -> str:
    """The edit turning ``form`` into ``lemma``, ignoring case: "strip|append"."""
    lf, ll = form.lower(), lemma.lower()
    p = _common_prefix(lf, ll)
    return f"{lf[p:]}|{ll[p:]}"


def apply_edit(form: str, cls: str) -> str | None:
    """The lowercased lemma that :func:`edit_class` ``cls`` makes of ``form``; None when
    the ending does not match or nothing would be left."""
    strip, app = cls.split("|")
    lf = form.lower()
    if strip and not lf.endswith(strip):
        return None
    return (lf[:len(lf) - len(strip)] + app) or None


def cased_lemma(form: str, lemma: str, upos: str) -> str:
    """``lemma`` (lowercase) cased as in the treebank: an abbreviation keeps the capitals of
    ``form`` (АҚШ-пен → АҚШ), a proper noun is capitalised, anything else stays lowercase."""
    p = _common_prefix(form.lower(), lemma)
    kept = form[:p]
    if len(kept) > 1 and kept.isupper():
        return kept + lemma[p:]
    if upos == "PROPN":
        return lemma[:1].upper() + lemma[1:]
    return lemma


def unlabeled_frequencies(sources: Iterable[str | Path] = UNLABELED) -> dict[str, int]:
    """Lowercased word counts of unlabeled Kazakh text: ``token TAG`` files (KazNERD) and
    the ``kk-*.txt`` documents of directories; missing sources are skipped."""
    from collections import Counter

    counts: Counter = Counter()
    for src in map(Path, sources):
        if src.is_dir():
            for doc in sorted(src.glob("kk-*.txt")):
                counts.update(w.lower() for w in _WORD.findall(doc.read_text(encoding="utf-8")))
        elif src.is_file():
            with open(src, encoding="utf-8") as fh:
                for line in fh:
                    parts = line.split()
                    if len(parts) == 2 and _WORD.fullmatch(parts[0]):
                        counts[parts[0].lower()] += 1
    return dict(counts)


class LinearMorph:
    """Lookup + linear UPOS tagger + lemma candidates chosen by a linear reranker; NumPy
    only at prediction time."""

    def __init__(self, features: list[str], upos_classes: list[str], edit_classes: list[str],
                 weights: dict, lookup: dict[str, list[str]], lemma_counts: dict[str, int],
                 frequencies: dict[str, int], ambiguous: dict[str, list[str]],
                 rerank_features: list[str] | None = None):
        import numpy as np

        self.index = {f: i for i, f in enumerate(features)}
        self.upos_classes = list(upos_classes)
        self.edit_classes = list(edit_classes)
        self.w = {k: np.asarray(v) for k, v in weights.items()}
        self.lookup = lookup  # form -> [lemma, upos]
        self.ambiguous = ambiguous  # form -> the UPOS it had in training, when more than one
        self.lemma_counts = lemma_counts  # lowercased training lemma -> count
        self.frequencies = frequencies  # lowercased word -> count in unlabeled text
        self.rerank_features = list(rerank_features or [])
        self.rerank_index = {f: i for i, f in enumerate(self.rerank_features)}
        self.forms = {w.lower() for w in lookup}

    # weights: for name in ("upos", "edit"): <name>_indptr, <name>_cols, <name>_vals (CSR,
    # one row per feature), <name>_bias; "rerank": one weight per reranker feature

    def _scores(self, name: str, feats: list[str]):
        w = self.w
        scores = w[name + "_bias"].astype("float64")
        indptr, cols, vals = w[name + "_indptr"], w[name + "_cols"], w[name + "_vals"]
        for f in feats:
            i = self.index.get(f)
            if i is not None:
                a, b = indptr[i], indptr[i + 1]
                if b > a:
                    scores[cols[a:b]] += vals[a:b]
        return scores

    def candidates(self, word: str, upos: str, feats: list[str]) -> tuple[list[str], list[dict]]:
        """The lowercased candidate lemmas of an unseen ``word`` and their reranker features."""
        import numpy as np

        lw = word.lower()
        scores = self._scores("edit", feats)
        logp = scores - scores.max()
        logp -= np.log(np.exp(logp).sum())
        found: dict[str, tuple[float | None, int]] = {}  # candidate -> (log-probability, rank)
        for j in np.argsort(-logp)[:EDIT_TRIED]:
            cand = apply_edit(lw, self.edit_classes[int(j)])
            if cand and cand not in found:
                found[cand] = (float(logp[j]), len(found))
                if len(found) == EDIT_TOP:
                    break
        stem = kk_stem(lw)
        for i in range(len(lw), max(2, len(lw) - MAX_CUT) - 1, -1):
            cut = lw[:i]
            found.setdefault(cut, (None, EDIT_TOP))
            if cut[-1] in RESTORE:
                found.setdefault(cut[:-1] + RESTORE[cut[-1]], (None, EDIT_TOP))
        found.setdefault(stem, (None, EDIT_TOP))
        floor = min((lp for lp, _ in found.values() if lp is not None), default=0.0) - 1.0
        cands = list(found)
        return cands, [self._candidate_features(lw, c, *found[c], floor, c == stem, upos) for c in cands]

    def _candidate_features(self, lw: str, cand: str, logp: float | None, rank: int, floor: float,
                            is_stem: bool, upos: str) -> dict[str, float]:
        import math

        p = _common_prefix(lw, cand)
        cut, added = min(len(lw) - p, 6), cand[p:]
        group = UPOS_GROUP.get(upos, "O")
        lemma_n = self.lemma_counts.get(cand, 0)
        freq = self.frequencies.get(cand, 0)
        f = {"logp": logp if logp is not None else floor, "edit": logp is not None,
             "rank0": rank == 0, "rank1": rank == 1, "rank2": rank == 2, "stem": is_stem,
             "same": cand == lw, "seen_lemma": lemma_n > 0, "log_lemma": math.log1p(lemma_n),
             "seen_form": cand in self.forms, "attested": freq > 0, "log_freq": math.log1p(freq),
             "rel_freq": math.log1p(freq) - math.log1p(self.frequencies.get(lw, 0)),
             f"cut{cut}": 1, "added": bool(added), "restored": bool(added) and added in "қкп",
             "short": len(cand) <= 2, "len3": len(cand) == 3,
             f"{group}_cut{cut}": 1, f"{group}_vowel": cand[-1] in VOWELS,
             f"{group}_attested": freq > 0, f"{group}_seen_lemma": lemma_n > 0}
        return {k: float(v) for k, v in f.items()}

    def _rerank(self, feats: list[dict]):
        import numpy as np

        w = self.w["rerank"]
        return np.array([sum(v * w[self.rerank_index[k]] for k, v in f.items() if k in self.rerank_index)
                         for f in feats])

    def tag(self, words: Sequence[str]) -> list[tuple[str, str]]:
        """(lemma, UPOS) of each word of one sentence."""
        import numpy as np

        out = []
        for w, feats in zip(words, sentence_features(words, self.frequencies)):
            hit = self.lookup.get(w)
            if hit is not None:
                upos = hit[1]
                if w in self.ambiguous:  # the tagger chooses among the form's training UPOS
                    scores = self._scores("upos", feats)
                    upos = max(self.ambiguous[w], key=lambda u: scores[self.upos_classes.index(u)])
                out.append((hit[0], upos))
                continue
            upos = self.upos_classes[int(np.argmax(self._scores("upos", feats)))]
            lemma = w
            if _LETTER.search(w):
                cands, cand_feats = self.candidates(w, upos, feats)
                lemma = cased_lemma(w, cands[int(np.argmax(self._rerank(cand_feats)))], upos)
            out.append((lemma, upos))
        return out

    # ------------------------------------------------------------------ persistence

    def save(self, directory: str | Path) -> None:
        import json

        import numpy as np

        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        features = [None] * len(self.index)
        for f, i in self.index.items():
            features[i] = f
        meta = {"format": LINEAR_FORMAT,
                "license": "CC BY-SA 4.0 (derived from UD Kazakh-KTB); word frequencies from "
                           "KazNERD (CC BY 4.0) and the kzdocs corpus (CC BY 4.0)",
                "features": features, "upos_classes": self.upos_classes,
                "edit_classes": self.edit_classes, "lookup": self.lookup,
                "lemma_counts": self.lemma_counts, "ambiguous": self.ambiguous,
                "rerank_features": self.rerank_features,
                "frequencies": self.frequencies}
        (directory / LINEAR_META).write_text(json.dumps(meta, ensure_ascii=False, separators=(",", ":")),
                                             encoding="utf-8")
        np.savez_compressed(directory / LINEAR_WEIGHTS, **self.w)

    @classmethod
    def load(cls, directory: str | Path) -> "LinearMorph | None":
        import json

        import numpy as np

        directory = Path(directory)
        if not (directory / LINEAR_META).exists() or not (directory / LINEAR_WEIGHTS).exists():
            return None
        meta = json.loads((directory / LINEAR_META).read_text(encoding="utf-8"))
        if meta.get("format") != LINEAR_FORMAT:
            raise ValueError(f"{directory / LINEAR_META}: format {meta.get('format')}, expected "
                             f"{LINEAR_FORMAT}; retrain with scripts/train_morph.py --linear")
        with np.load(directory / LINEAR_WEIGHTS, allow_pickle=False) as z:
            weights = {k: z[k] for k in z.files}
        return cls(meta["features"], meta["upos_classes"], meta["edit_classes"], weights, meta["lookup"],
                   meta["lemma_counts"], meta["frequencies"], meta["ambiguous"], meta["rerank_features"])


def _csr_by_feature(coef, prune: float):
    """(indptr, cols, vals) of the transposed coefficient matrix (features x classes),
    weights with |w| < prune dropped."""
    import numpy as np

    wt = np.asarray(coef, dtype="float32").T  # features x classes
    keep = np.abs(wt) >= prune
    counts = keep.sum(axis=1)
    indptr = np.concatenate([[0], np.cumsum(counts)]).astype("int64")
    rows, cols = np.nonzero(keep)
    return indptr, cols.astype("int32"), wt[rows, cols].astype("float32")


def _fit_classifiers(train: Sequence[Sentence], frequencies: dict[str, int], C: float,
                     prune: float) -> LinearMorph:
    """The lookup table and the UPOS and edit-class regressions (no reranker yet)."""
    from collections import Counter, defaultdict

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    X_names, y_upos, y_edit = [], [], []
    lem = defaultdict(Counter)
    pos = defaultdict(Counter)
    for s in train:
        X_names += sentence_features(s.words, frequencies)
        y_upos += s.upos
        for w, l, u in zip(s.words, s.lemmas, s.upos):
            y_edit.append(edit_class(w, l))
            lem[w][l] += 1
            pos[w][u] += 1
    dv = DictVectorizer()
    X = dv.fit_transform({f: 1 for f in fs} for fs in X_names)
    edit_counts = Counter(y_edit)
    learnt = [i for i, y in enumerate(y_edit) if edit_counts[y] >= EDIT_MIN_COUNT]
    weights = {}
    classes = {}
    for name, rows, y in (("upos", slice(None), y_upos), ("edit", learnt, [y_edit[i] for i in learnt])):
        clf = LogisticRegression(C=C, max_iter=300).fit(X[rows], y)
        indptr, cols, vals = _csr_by_feature(clf.coef_, prune)
        weights.update({name + "_indptr": indptr, name + "_cols": cols, name + "_vals": vals,
                        name + "_bias": clf.intercept_.astype("float32")})
        classes[name] = [str(c) for c in clf.classes_]
    lookup = {w: [lem[w].most_common(1)[0][0], pos[w].most_common(1)[0][0]] for w in lem}
    lemma_counts = dict(Counter(l.lower() for s in train for l in s.lemmas))
    ambiguous = {w: sorted(pos[w]) for w in pos if len(pos[w]) > 1}
    return LinearMorph(list(dv.feature_names_), classes["upos"], classes["edit"], weights, lookup,
                       lemma_counts, frequencies, ambiguous)


def _rerank_examples(model: LinearMorph, sents: Sequence[Sentence]):
    """(candidate features, is gold) of the unseen words of ``sents`` whose gold lemma is
    among the candidates."""
    import numpy as np

    for s in sents:
        for w, feats, gold in zip(s.words, sentence_features(s.words, model.frequencies), s.lemmas):
            if w in model.lookup or not _LETTER.search(w):
                continue
            upos = model.upos_classes[int(np.argmax(model._scores("upos", feats)))]
            cands, cand_feats = model.candidates(w, upos, feats)
            if gold.lower() in cands:
                yield from ((f, c == gold.lower()) for c, f in zip(cands, cand_feats))


def train_linear(train: Sequence[Sentence], C: float = LINEAR_C, prune: float = LINEAR_PRUNE,
                 frequencies: dict[str, int] | None = None) -> LinearMorph:
    """Fit the lookup table, the two regressions and (cross-fitted on halves of ``train``)
    the lemma reranker; ``frequencies`` defaults to :func:`unlabeled_frequencies`."""
    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    if frequencies is None:
        frequencies = unlabeled_frequencies()
    halves = (train[0::2], train[1::2])
    examples = []
    for h in (0, 1):
        examples += _rerank_examples(_fit_classifiers(halves[h], frequencies, C, prune), halves[1 - h])
    dv = DictVectorizer()
    X = dv.fit_transform(f for f, _ in examples)
    reranker = LogisticRegression(C=1.0, max_iter=1000).fit(X, [y for _, y in examples])
    model = _fit_classifiers(train, frequencies, C, prune)
    model.w["rerank"] = reranker.coef_[0].astype("float32")
    model.rerank_features = [str(f) for f in dv.feature_names_]
    model.rerank_index = {f: i for i, f in enumerate(model.rerank_features)}
    return model


def evaluate_linear(model: LinearMorph, sents: Sequence[Sentence]) -> dict:
    """Token-level accuracy (``upos``, ``lemma`` exact, ``lemma_ci``) on gold tokens."""
    n = upos_ok = lem_ok = ci_ok = 0
    for s in sents:
        for (lemma, upos), gl, gu in zip(model.tag(s.words), s.lemmas, s.upos):
            n += 1
            upos_ok += upos == gu
            lem_ok += lemma == gl
            ci_ok += lemma.lower() == gl.lower()
    return {"tokens": n, "upos": upos_ok / n, "lemma": lem_ok / n, "lemma_ci": ci_ok / n}


def cross_validate_linear(data: str | Path = DEFAULT_DATA, k: int = N_FOLDS, seed: int = FOLD_SEED,
                          C: float = LINEAR_C, prune: float = LINEAR_PRUNE,
                          folds_to_run: Sequence[int] | None = None, verbose: bool = True) -> list[dict]:
    """k-fold cross-validation of :func:`train_linear`; one :func:`evaluate_linear` dict per fold."""
    sents = read_conllu(data)
    frequencies = unlabeled_frequencies()
    results = []
    for fold in (folds_to_run if folds_to_run is not None else range(k)):
        train, test = split_fold(sents, fold, k, seed)
        res = evaluate_linear(train_linear(train, C, prune, frequencies), test)
        res["fold"] = fold
        results.append(res)
        if verbose:
            print(f"fold {fold}: upos {res['upos']:.4f}  lemma {res['lemma']:.4f}  "
                  f"lemma_ci {res['lemma_ci']:.4f}", flush=True)
    return results


# --------------------------------------------------------------------------- runtime


@lru_cache(maxsize=4)
def load_model(path: str | None = None):
    """The trained pipeline (cached), or None when it is not installed."""
    model_dir = Path(path) if path else MODEL_DIR
    if not (model_dir / "config.cfg").exists():
        return None
    import spacy

    import kzdocs.lang.kk  # noqa: F401  (registers lang "kk" and its callbacks)

    return spacy.load(model_dir)


@lru_cache(maxsize=4)
def known_forms(path: str | None = None) -> frozenset:
    """The word forms the shipped model was trained on (lowercased); empty if not shipped."""
    f = (Path(path) if path else MODEL_DIR) / KNOWN_FORMS
    if not f.exists():
        return frozenset()
    return frozenset(f.read_text(encoding="utf-8").split())


@lru_cache(maxsize=4)
def load_linear(path: str | None = None) -> "LinearMorph | None":
    """The linear lemma/UPOS model (cached), or None when ``linear.json``/``.npz`` are absent
    (then the spaCy components and the kk_stem fallback are used)."""
    return LinearMorph.load(Path(path) if path else MODEL_DIR)


def model_available() -> bool:
    return load_model() is not None


def analyze(text: str, fallback: str = FALLBACK) -> list[tuple[str, str, str]]:
    """(token, lemma, UPOS) for every token of a Kazakh text (whitespace excluded).

    Lemmas are as in UD Kazakh-KTB (proper nouns keep their capital).  Without the model,
    tokens are the words and numbers of the text, lemmas come from kk_stem and UPOS is "".
    """
    nlp = load_model()
    if nlp is None:
        return [(w, kk_stem(w) if _LETTER.search(w) else w, "")
                for w in re.findall(r"\w+|[^\w\s]", text)]
    lin = load_linear()
    if lin is not None:
        return [(w, lemma, upos) for words in _linear_sents(nlp, text)
                for w, (lemma, upos) in zip(words, lin.tag(words))]
    known = known_forms()
    return [(t.text, apply_fallback(t.text, t.lemma_, t.pos_, fallback, known), t.pos_)
            for doc in _docs(nlp, text) for t in doc if not t.is_space]


def lemmas(text: str, fallback: str = FALLBACK) -> list[str]:
    """Lowercased lemmas of the words of a Kazakh text (tokens with a letter, in order):
    a drop-in for ``kzdocs.nlp.lemmas(text, "kk")``."""
    nlp = load_model()
    if nlp is None:
        return [kk_stem(w) for w in re.findall(r"[^\W\d_]+", text)]
    lin = load_linear()
    if lin is not None:
        return [lemma.lower() for words in _linear_sents(nlp, text)
                for w, (lemma, _) in zip(words, lin.tag(words)) if _LETTER.search(w)]
    known = known_forms()
    out = []
    for doc in _docs(nlp, text):
        for t in doc:
            if _LETTER.search(t.text):
                out.append(apply_fallback(t.text, t.lemma_, t.pos_, fallback, known).lower())
    return out


def _linear_sents(nlp, text: str):
    """The token texts of ``text`` (spaCy tokenizer only), cut into pieces at sentence-final
    punctuation and newlines (the linear model looks two words either side)."""
    words: list[str] = []
    for t in nlp.tokenizer(text):
        if t.is_space or not t.text.strip():
            if "\n" in t.text and words:
                yield words
                words = []
            continue
        words.append(t.text)
        if t.text in (".", "!", "?", "…") or "\n" in t.whitespace_:
            yield words
            words = []
    if words:
        yield words


def _docs(nlp, text: str, max_chars: int = 100_000):
    """Long texts in pieces at paragraph breaks (a CNN tagger needs no long context)."""
    if len(text) <= max_chars:
        yield nlp(text)
        return
    pieces, buf = [], ""
    for para in re.split(r"(\n\s*\n)", text):
        if buf and len(buf) + len(para) > max_chars:
            pieces.append(buf)
            buf = ""
        buf += para
    if buf:
        pieces.append(buf)
    yield from nlp.pipe(pieces, batch_size=4)


# --------------------------------------------------------------------------- evaluation


def kk_stem_lemma(word: str) -> str:
    return kk_stem(word) if _LETTER.search(word) else word


def evaluate(nlp, sents: Sequence[Sentence], modes: Sequence[str] = FALLBACK_MODES,
             known: set | None = None) -> dict:
    """Token-level accuracy on gold tokens: ``upos``, ``lemma[<mode>]`` (exact) and
    ``lemma_ci[<mode>]`` (case-insensitive) for each fallback mode, and the kk_stem
    baseline (``lemma[kk_stem]``)."""
    n = 0
    upos_ok = 0
    exact = {m: 0 for m in list(modes) + ["kk_stem"]}
    ci = dict(exact)
    docs = nlp.pipe((to_doc(nlp.vocab, s, annotated=False) for s in sents), batch_size=64)
    for sent, doc in zip(sents, docs):
        for tok, gold_lemma, gold_pos in zip(doc, sent.lemmas, sent.upos):
            n += 1
            upos_ok += tok.pos_ == gold_pos
            preds = {m: apply_fallback(tok.text, tok.lemma_, tok.pos_, m, known) for m in modes}
            preds["kk_stem"] = kk_stem_lemma(tok.text)
            for m, p in preds.items():
                exact[m] += p == gold_lemma
                ci[m] += p.lower() == gold_lemma.lower()
    res = {"tokens": n, "upos": upos_ok / n}
    for m in exact:
        res[f"lemma[{m}]"] = exact[m] / n
        res[f"lemma_ci[{m}]"] = ci[m] / n
    return res


# --------------------------------------------------------------------------- training


def train_pipeline(train: Sequence[Sentence], dev: Sequence[Sentence], work: Path,
                   config: str | Path = DEFAULT_CONFIG, overrides: dict | None = None,
                   verbose: bool = False):
    """Train on ``train`` (``dev`` is only logged, never used to pick a checkpoint: the
    last model is returned) and return the loaded pipeline."""
    import spacy
    from spacy.cli.train import train as spacy_train

    import kzdocs.lang.kk  # noqa: F401

    nlp = spacy.blank("kk")
    ov = {"paths.train": str(write_docbin(nlp, train, work / "train.spacy")),
          "paths.dev": str(write_docbin(nlp, dev, work / "dev.spacy"))}
    ov.update(overrides or {})
    out = work / "training"
    if verbose:
        spacy_train(resolve_config(config, "morph"), out, use_gpu=-1, overrides=ov)
    else:
        import contextlib
        import io

        with contextlib.redirect_stdout(io.StringIO()):
            spacy_train(resolve_config(config, "morph"), out, use_gpu=-1, overrides=ov)
    return spacy.load(out / "model-last")


def cross_validate(data: str | Path = DEFAULT_DATA, config: str | Path = DEFAULT_CONFIG,
                   k: int = N_FOLDS, seed: int = FOLD_SEED, overrides: dict | None = None,
                   folds_to_run: Sequence[int] | None = None, verbose: bool = True) -> list[dict]:
    """k-fold cross-validation; one result dict (see :func:`evaluate`) per fold."""
    sents = read_conllu(data)
    results = []
    for fold in (folds_to_run if folds_to_run is not None else range(k)):
        train, test = split_fold(sents, fold, k, seed)
        known = {w.lower() for s in train for w in s.words}
        with tempfile.TemporaryDirectory(prefix="kzdocs-morph-") as tmp:
            nlp = train_pipeline(train, test[:50], Path(tmp), config, overrides)
            res = evaluate(nlp, test, modes=FALLBACK_MODES, known=known)
        res["fold"] = fold
        results.append(res)
        if verbose:
            print(f"fold {fold}: upos {res['upos']:.4f}  lemma {res['lemma[none]']:.4f}  "
                  f"+fallback {res['lemma[' + FALLBACK + ']']:.4f}  kk_stem {res['lemma[kk_stem]']:.4f}",
                  flush=True)
    return results


def train_morph(data: str | Path = DEFAULT_DATA, output_dir: str | Path = MODEL_DIR,
                config: str | Path = DEFAULT_CONFIG, max_sentences: int | None = None,
                overrides: dict | None = None, work_dir: str | Path | None = None,
                verbose: bool = True, linear: bool = True) -> Path:
    """Train the shipped pipeline on all sentences (or the first ``max_sentences``) and
    write it to ``output_dir`` without training-only files."""
    from spacy.language import create_tokenizer

    sents = read_conllu(data)
    if max_sentences is not None:
        sents = sents[:max_sentences]
    with work_directory(work_dir, "kzdocs-morph-") as work:
        nlp = train_pipeline(sents, sents[:20], work, config, overrides, verbose=verbose)
        nlp.tokenizer = create_tokenizer()(nlp)  # the rules of kzdocs.lang.kk, as shipped
        nlp.meta["name"] = "morph"
        nlp.meta["version"] = "0.1.0"
        nlp.meta["description"] = (
            "Kazakh UPOS tagger and edit-tree lemmatizer trained by kzdocs on UD Kazakh-KTB "
            "(Tyers and Washington 2015; Makazhanov et al. 2015). Derivative of the treebank, "
            "licensed CC BY-SA 4.0.")
        nlp.meta["license"] = "CC BY-SA 4.0"
        nlp.meta["sources"] = [{
            "name": "UD Kazakh-KTB",
            "url": "https://github.com/UniversalDependencies/UD_Kazakh-KTB",
            "license": "CC BY-SA 4.0",
            "author": "Tyers and Washington 2015; Makazhanov, Sultangazina, Makhambetov, Yessenbayev 2015",
        }]
        nlp.meta["performance"] = {}
        output_dir = Path(output_dir)
        if output_dir.exists():
            shutil.rmtree(output_dir)
        output_dir.parent.mkdir(parents=True, exist_ok=True)
        nlp.to_disk(output_dir)
        forms = sorted({w.lower() for s in sents for w in s.words if _LETTER.search(w)})
        (output_dir / KNOWN_FORMS).write_text("\n".join(forms) + "\n", encoding="utf-8")
        if linear:
            train_linear(sents).save(output_dir)
        load_model.cache_clear()
        load_linear.cache_clear()
        known_forms.cache_clear()
        return output_dir


__all__ = ["analyze", "lemmas", "load_model", "model_available", "read_conllu", "folds",
           "split_fold", "evaluate", "cross_validate", "train_morph", "apply_fallback",
           "LinearMorph", "load_linear", "train_linear", "evaluate_linear", "cross_validate_linear"]
