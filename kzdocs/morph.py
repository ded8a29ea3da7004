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

When the model directory also holds ``linear.json.gz`` + ``linear.npz`` (:class:`LinearMorph`:
a lookup of the training forms, a two-pass (stacked) logistic-regression UPOS tagger and a
reranker of lemma candidates, better than the spaCy components in the same cross-validation), :func:`analyze` and
:func:`lemmas` use it instead, on text split by the kzdocs.lang.kk tokenizer.  Besides the
treebank it reads two lexicons: the verb and nominal stems of the Kazakh hunspell dictionary,
through the suffix-chain grammar of :mod:`kzdocs.lang.kk.morphotactics`, and the hand-written
word lists of :mod:`kzdocs.lang.kk.pos_lexicon`.

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
from typing import Callable, Iterable, Sequence

from .configs import CONFIG_DIR, resolve_config, work_directory
from .lang.kk import morphotactics
from .lang.kk.pos_lexicon import AUX_FORMS, LIGHT_VERB_COMPOUNDS, POS_LEXICON
from .stemming import VOWELS, WORD, kk_stem

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
# kzdocs/models/README.md).  UPOS comes from two passes of multinomial logistic regression
# over sparse features.  The first pass: a form seen in training (exactly, or else
# lowercased) gets its training UPOS, the regression choosing when there were several; other
# words get the regression's best UPOS from suffixes 1-5, prefixes 1-3, shape, length,
# kk_stem's stem and stripped suffix, the two words on each side with their 1-3 letter
# suffixes, the word's frequency in unlabeled text, whether verbal or nominal endings follow
# its stems there, and which cuts of the word are training lemmas with which UPOS.  The
# second pass sees the same features plus the first pass's tags of the word and its
# neighbours (some crossed with the word and its ending) and the form's training UPOS counts;
# its training tags come from first passes fitted on the other parts of the training data
# (stacking), so it learns from realistic first-pass errors.  Words seen in training get the
# most frequent lemma of the form; for the others the lemma is chosen among candidates by a
# reranker:
#
# * candidates: the lemmas made by the best edit classes ("strip|append": strip the ending,
#   append letters) of a second logistic regression over the same features, kk_stem's stem,
#   the word cut by 0-8 letters, and those cuts with a final ғ/г/б restored to қ/к/п;
# * reranker: a binary logistic regression over features of each candidate (the edit
#   regression's log-probability and rank, whether it is a lemma or form seen in training,
#   how often it occurs as a word in unlabeled Kazakh text, how much was cut, the predicted
#   UPOS and whether the candidate is a training lemma of that UPOS), trained by
#   cross-fitting: the regressions are fitted on one half of the training sentences and the
#   reranker learns from the unseen words of the other half, and back;
# * a word unseen as spelt but seen lowercased (sentence-initial capitals) gets the lemma of
#   the lowercased form;
# * case: proper nouns (predicted PROPN) are capitalised, abbreviations keep their capitals,
#   everything else is lowercased (so is the treebank, with few exceptions).
#
# Stored as plain data: ``linear.json.gz`` (gzip-compressed JSON: feature names per
# regression, classes, lookup table, training lemma counts and UPOS, the unlabeled word
# frequencies, reranker feature names) and ``linear.npz`` (pruned weights, CSR by feature, and the reranker weights).

LINEAR_META = "linear.json.gz"  # gzip-compressed JSON
LINEAR_WEIGHTS = "linear.npz"
LINEAR_FORMAT = 5
LINEAR_C = 1.0
LINEAR_PRUNE = 0.02  # weights with |w| below this are dropped (sparse storage)
EDIT_MIN_COUNT = 2  # edit classes seen less often in training are not learnt
EDIT_TOP = 10  # edit classes that apply to the word, best first, offered to the reranker
EDIT_TRIED = 40  # ... looked for among this many best classes
MAX_CUT = 8  # the word cut by up to this many letters is a candidate too
LEX_SHARE = 0.2  # a training lemma "has" a UPOS that makes up at least this share of its tokens
LEX_MAX_CUT = 6  # lexicon features look up the word cut by up to this many letters
STACK_FOLDS = 5  # inner folds that give the second UPOS pass realistic first-pass tags
# a number with a case or possessive suffix; the treebank's lemma is the number (and its unit)
_NUMBER_WITH_SUFFIX = re.compile(r"(\d[^-%]*)%?-[^\W\d_]{1,5}")
_PERCENT_WITH_SUFFIX = re.compile(r"%-[^\W\d_]{1,5}")
_CLITICS = frozenset({"ақ", "ау", "ай", "ей", "мыс", "міс"})  # жасаған-ау, ертең-ақ: the lemma drops them
UPOS_GROUP = {"NOUN": "N", "PROPN": "P", "VERB": "V", "AUX": "V", "ADJ": "A", "ADV": "D"}
# unlabeled Kazakh text for the word frequencies: KazNERD's tokens (CC BY 4.0) and the Kazakh
# documents of the corpus (CC BY 4.0)
UNLABELED = (ROOT.parent / "shared" / "data" / "kaznerd" / "IOB2_valid.txt", ROOT / "corpus" / "src")
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


def _cuts(lw: str) -> Iterable[tuple[int, str, tuple[str, ...]]]:
    """(letters cut, the ending cut off, the stem left and its unvoiced variant) for cuts of
    0 to LEX_MAX_CUT letters that leave two letters or more."""
    for k in range(min(LEX_MAX_CUT, len(lw) - 2) + 1):
        yield k, lw[len(lw) - k:], morphotactics.stem_variants(lw[:len(lw) - k])


def _lexicon_features(lw: str, lemma_upos: Callable[[str], Sequence[str] | None]) -> list[str]:
    """Which cuts of the word (0-6 letters, final ғ/г/б also restored to қ/к/п) are training
    lemmas, with their UPOS (``lemma_upos``: lemma -> its UPOS), and the ending cut off."""
    f: dict[str, None] = {}
    for k, ending, cands in _cuts(lw):
        for cand in cands:
            for u in lemma_upos(cand) or ():
                f.update(dict.fromkeys((f"lx={u}", f"lx{min(k, 4)}={u}", f"lxe={ending}|{u}")))
    return list(f)


@lru_cache(maxsize=100_000)
def _dictionary_features(lw: str) -> tuple[str, ...]:
    """What the stem lexicon (:mod:`kzdocs.lang.kk.morphotactics`) says of the word: whether it
    is a nominal entry, which cuts of 0-6 letters are verb stems (with the ending cut off), and
    the readings of its suffix chain (verbal, nominal or both; those of the longest stem)."""
    verbs, nominals = morphotactics.stems()
    f = dict.fromkeys(["hw"] if lw in nominals else [])
    for k, ending, cands in _cuts(lw):
        if any(c in verbs for c in cands):
            f.update(dict.fromkeys(("hv", f"hv{min(k, 4)}", f"hve={ending}")))
    found = sorted((r, n) for r, n in morphotactics.readings(lw, verbs, nominals) if 2 <= n < len(lw))
    f["mtk=" + "".join(sorted({"V" if r in morphotactics.VERBAL else "N" for r, _ in found}))] = None
    if found:
        longest = max(n for _, n in found)
        f.update(dict.fromkeys(f"mt={r}" for r, _ in found))
        f.update(dict.fromkeys(f"mtL={r}" for r, n in found if n == longest))
    else:
        f["mt=none"] = None
    return tuple(f)


@lru_cache(maxsize=1)
def _compound_verbs() -> dict[str, tuple[str, ...]]:
    """First word of a light-verb compound -> the verb stems it goes with."""
    out: dict[str, tuple[str, ...]] = {}
    for first, _, verb in sorted(c.rpartition(" ") for c in LIGHT_VERB_COMPOUNDS):
        out[first] = out.get(first, ()) + (verb,)
    return out


def _compound(first: str, second: str) -> bool:
    """Whether ``first`` + ``second`` (lowercased) open a light-verb compound (жұмыс істеді)."""
    return any(second.startswith(v) for v in _compound_verbs().get(first, ()))


def _closed_class_features(words: Sequence[str], i: int) -> list[str]:
    """The hand-written word lists (:mod:`kzdocs.lang.kk.pos_lexicon`) holding the word, and
    whether it is the first (``lvc1``) or the verb (``lvc2``) of a light-verb compound."""
    lw = words[i].lower()
    f = ["pl=" + tag for tag, listed in POS_LEXICON.items() if lw in listed]
    if lw in AUX_FORMS:
        f.append("pl=AUXF")
    if i + 1 < len(words) and _compound(lw, words[i + 1].lower()):
        f.append("lvc1")
    if i and _compound(words[i - 1].lower(), lw):
        f.append("lvc2")
    return f


def sentence_features(words: Sequence[str], frequencies: dict[str, int] | None = None,
                      lemma_upos: Callable[[str], Sequence[str] | None] | None = None) -> list[list[str]]:
    """The binary feature names of every token of a sentence (see the section comment);
    with ``frequencies`` (unlabeled word counts) also :func:`_corpus_features`, with
    ``lemma_upos`` (training lemma -> its UPOS) also :func:`_lexicon_features`."""
    out = []
    n = len(words)
    for i, w in enumerate(words):
        f = _token_features(w) + _closed_class_features(words, i)
        if _LETTER.search(w):
            lw = w.lower()
            f += _dictionary_features(lw)
            if frequencies is not None:
                f += _corpus_features(lw, frequencies)
            if lemma_upos is not None:
                f += _lexicon_features(lw, lemma_upos)
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


def stack_features(words: Sequence[str], feats: Sequence[list[str]], tags: Sequence[str],
                   form_upos: Callable[[str], dict[str, int] | None]) -> list[list[str]]:
    """Features of the second UPOS pass: the first pass's features, its tags of the word and
    the two words either side (and pairs of them), the word and its ending crossed with the
    neighbours' tags, and the UPOS counts of the form in training (``form_upos``)."""
    out = []
    n = len(tags)
    for i, (w, fs) in enumerate(zip(words, feats)):
        lw = w.lower()
        tp = tags[i - 1] if i else "BOS"
        tn = tags[i + 1] if i + 1 < n else "EOS"
        pw = words[i - 1].lower() if i else "BOS"
        g = list(fs)
        g += ["t0=" + tags[i], "t-1=" + tp, "t1=" + tn,
              "t-2=" + (tags[i - 2] if i > 1 else "BOS"), "t2=" + (tags[i + 2] if i + 2 < n else "BOS"),
              f"t-1t1={tp}|{tn}", f"t-1t0={tp}|{tags[i]}", f"t0t1={tags[i]}|{tn}",
              f"wt-1={lw}|{tp}", f"wt1={lw}|{tn}", f"wps2={lw}|{pw[-2:]}", f"wps1={lw}|{pw[-1:]}",
              f"s3t1={lw[-3:]}|{tn}", f"s3t-1={lw[-3:]}|{tp}", f"s2t1={lw[-2:]}|{tn}",
              # light verbs and auxiliaries: the word with the next word's start, the previous
              # word's ending (a converb?) and tag
              f"wn3={lw}|{words[i + 1].lower()[:3] if i + 1 < n else 'EOS'}", f"wps3={lw}|{pw[-3:]}",
              f"p3cv={lw[:3]}|{'CV' if pw.endswith(('п', 'а', 'е', 'й')) else 'O'}", f"p3t-1={lw[:3]}|{tp}"]
        counts = form_upos(w)
        if counts:
            g += ["lk=" + u for u in counts]
            g += ["lk1=" + max(counts, key=counts.get), "lkn=%d" % min(sum(counts.values()), 3)]
        else:
            g.append("unseen")
        out.append(g)
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

    from .train_ner import read_iob2

    counts: Counter = Counter()
    for src in map(Path, sources):
        if src.is_dir():
            for doc in sorted(src.glob("kk-*.txt")):
                counts.update(w.lower() for w in WORD.findall(doc.read_text(encoding="utf-8")))
        elif src.is_file():
            for words, _ in read_iob2(src):
                counts.update(w.lower() for w in words if WORD.fullmatch(w))
    return dict(counts)


class LinearMorph:
    """Lookup + two-pass linear UPOS tagger + lemma candidates chosen by a linear reranker;
    NumPy only at prediction time."""

    def __init__(self, features: dict[str, list[str]], upos_classes: list[str], edit_classes: list[str],
                 weights: dict, lookup: dict[str, list], lemma_counts: dict[str, int],
                 frequencies: dict[str, int], lemma_upos: dict[str, list[str]],
                 rerank_features: list[str] | None = None):
        import numpy as np

        self.features = {k: list(v) for k, v in features.items()}  # per classifier: feature names
        self.index = {k: {f: i for i, f in enumerate(v)} for k, v in self.features.items()}
        self.upos_classes = list(upos_classes)
        self.upos_pos = {u: i for i, u in enumerate(self.upos_classes)}
        self.edit_classes = list(edit_classes)
        self.w = {k: np.asarray(v) for k, v in weights.items()}
        self.lookup = lookup  # form -> [most frequent lemma, {UPOS: count}]
        self.lemma_counts = lemma_counts  # lowercased training lemma -> count
        self.lemma_upos = lemma_upos  # lowercased training lemma -> its UPOS (LEX_SHARE)
        self.frequencies = frequencies  # lowercased word -> count in unlabeled text
        self.rerank_features = list(rerank_features or [])
        self.rerank_index = {f: i for i, f in enumerate(self.rerank_features)}
        # lowercased form -> [lowercased lemma of its most frequent spelling, {UPOS: count}]
        self.lc_lookup: dict[str, list] = {}
        for w, (lemma, counts) in sorted(lookup.items(), key=lambda kv: -sum(kv[1][1].values())):
            hit = self.lc_lookup.setdefault(w.lower(), [lemma.lower(), {}])
            for u, n in counts.items():
                hit[1][u] = hit[1].get(u, 0) + n
        self.forms = set(self.lc_lookup)

    # weights: for name in ("upos", "upos2", "edit"): <name>_indptr, <name>_cols, <name>_vals
    # (CSR, one row per feature of self.features[name]), <name>_bias; "rerank": one weight per
    # reranker feature

    def _scores(self, name: str, feats: list[str]):
        """Bias + the weights of the features present, summed per class in one pass over
        their CSR rows (a per-feature loop took most of the tagging time)."""
        import numpy as np

        w = self.w
        scores = w[name + "_bias"].astype("float64")
        rows = np.fromiter((i for i in map(self.index[name].get, feats) if i is not None), dtype="int64")
        if not len(rows):
            return scores
        starts, ends = w[name + "_indptr"][rows], w[name + "_indptr"][rows + 1]
        lengths = ends - starts
        # the positions of the rows' weights, concatenated: start of its row + offset in it
        pos = np.arange(lengths.sum()) + np.repeat(starts - np.cumsum(lengths) + lengths, lengths)
        return scores + np.bincount(w[name + "_cols"][pos], weights=w[name + "_vals"][pos], minlength=len(scores))

    def form_upos(self, word: str) -> dict[str, int] | None:
        """The UPOS counts of ``word`` in training (of its lowercased form when the exact
        spelling was not seen), or None for an unseen word."""
        hit = self.lookup.get(word) or self.lc_lookup.get(word.lower())
        return hit[1] if hit else None

    def _first_pass(self, words: Sequence[str], feats: Sequence[list[str]]) -> list[str]:
        """UPOS of the first pass: a form's training UPOS, the tagger choosing among several
        or (unseen form) among all."""
        tags = []
        for w, f in zip(words, feats):
            counts = self.form_upos(w)
            if counts and len(counts) == 1:
                tags.append(next(iter(counts)))
                continue
            scores = self._scores("upos", f)
            if counts:
                tags.append(max(counts, key=lambda u: scores[self.upos_pos[u]]))
            else:
                tags.append(self.upos_classes[int(scores.argmax())])
        return tags

    def _upos(self, words: Sequence[str], feats: Sequence[list[str]]) -> list[str]:
        """UPOS of the second pass over the first pass's tags (:func:`stack_features`)."""
        tags = self._first_pass(words, feats)
        return [self.upos_classes[int(self._scores("upos2", g).argmax())]
                for g in stack_features(words, feats, tags, self.form_upos)]

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
            for cand in morphotactics.stem_variants(cut):
                found.setdefault(cand, (None, EDIT_TOP))
        found.setdefault(stem, (None, EDIT_TOP))
        for _, cand in morphotactics.fused_verb_stems(lw, morphotactics.stems()[0]):  # оқиды -> оқы
            found.setdefault(cand, (None, EDIT_TOP))
        head, hyphen, last = lw.rpartition("-")
        if hyphen and head and last not in _CLITICS and not word[:len(head)].isupper():
            # a paired or compound word inflects on its last part: жай-күйіне -> жай-күй, not жай
            found = {c: v for c, v in found.items() if c.startswith(head + "-") and len(c) > len(head) + 2}
        floor = min((lp for lp, _ in found.values() if lp is not None), default=0.0) - 1.0
        cands = list(found)
        return cands, [self._candidate_features(lw, c, *found[c], floor, c == stem, upos) for c in cands]

    def _candidate_features(self, lw: str, cand: str, logp: float | None, rank: int, floor: float,
                            is_stem: bool, upos: str) -> dict[str, float]:
        import math

        p = _common_prefix(lw, cand)
        cut, added = min(len(lw) - p, 6), cand[p:]
        group = UPOS_GROUP.get(upos, "O")
        verbs, nominals = morphotactics.stems()
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
             f"{group}_attested": freq > 0, f"{group}_seen_lemma": lemma_n > 0,
             "lemma_has_upos": upos in self.lemma_upos.get(cand, ()),
             f"{group}_verb_stem": cand in verbs, f"{group}_nominal_stem": cand in nominals}
        return {k: float(v) for k, v in f.items()}

    def _rerank(self, feats: list[dict]):
        import numpy as np

        w, index = self.w["rerank"], self.rerank_index
        return np.array([sum(v * w[index[k]] for k, v in f.items() if k in index) for f in feats])

    def tag(self, words: Sequence[str]) -> list[tuple[str, str]]:
        """(lemma, UPOS) of each word of one sentence."""
        import numpy as np

        feats = sentence_features(words, self.frequencies, self.lemma_upos.get)
        out = []
        for w, f, upos in zip(words, feats, self._upos(words, feats)):
            hit = self.lookup.get(w)
            if hit is not None:
                lemma = hit[0]
            elif (hit := self.lc_lookup.get(w.lower())) is not None:
                lemma = cased_lemma(w, hit[0], upos)
            elif m := _NUMBER_WITH_SUFFIX.fullmatch(w):
                lemma = m.group(1)  # 200-ге -> 200, 90%-ына -> 90, 19,4°С-қа -> 19,4°С
            elif _PERCENT_WITH_SUFFIX.fullmatch(w):  # the tokenizer splits 45%-ы into 45 + %-ы
                lemma, upos = "%", "SYM"
            elif _LETTER.search(w):
                cands, cand_feats = self.candidates(w, upos, f)
                lemma = cased_lemma(w, cands[int(np.argmax(self._rerank(cand_feats)))], upos)
            else:
                lemma = w
            out.append((lemma, upos))
        return out

    # ------------------------------------------------------------------ persistence

    def save(self, directory: str | Path) -> None:
        """Write ``linear.json.gz`` and ``linear.npz`` into ``directory``."""
        import gzip
        import json

        import numpy as np

        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        meta = {"format": LINEAR_FORMAT,
                "license": "CC BY-SA 4.0 (derived from UD Kazakh-KTB); word frequencies from "
                           "KazNERD (CC BY 4.0) and the kzdocs corpus (CC BY 4.0)",
                "features": self.features, "upos_classes": self.upos_classes,
                "edit_classes": self.edit_classes, "lookup": self.lookup,
                "lemma_counts": self.lemma_counts, "lemma_upos": self.lemma_upos,
                "rerank_features": self.rerank_features,
                "frequencies": self.frequencies, "stems_digest": _stems_digest()}
        with gzip.open(directory / LINEAR_META, "wt", encoding="utf-8") as fh:
            json.dump(meta, fh, ensure_ascii=False, separators=(",", ":"))
        np.savez_compressed(directory / LINEAR_WEIGHTS, **self.w)

    @classmethod
    def load(cls, directory: str | Path) -> "LinearMorph | None":
        """The model saved in ``directory``, or None when its files are absent."""
        import gzip
        import json

        import numpy as np

        directory = Path(directory)
        if not (directory / LINEAR_META).exists() or not (directory / LINEAR_WEIGHTS).exists():
            return None
        with gzip.open(directory / LINEAR_META, "rt", encoding="utf-8") as fh:
            meta = json.load(fh)
        if meta.get("format") != LINEAR_FORMAT:
            raise ValueError(f"{directory / LINEAR_META}: format {meta.get('format')}, expected "
                             f"{LINEAR_FORMAT}; retrain with scripts/train_morph.py --linear")
        if meta.get("stems_digest") != _stems_digest():
            raise ValueError(f"{directory / LINEAR_META}: trained with another {morphotactics.STEMS.name} "
                             "than the installed one; retrain with scripts/train_morph.py --linear")
        with np.load(directory / LINEAR_WEIGHTS, allow_pickle=False) as z:
            weights = {k: z[k] for k in z.files}
        return cls(meta["features"], meta["upos_classes"], meta["edit_classes"], weights, meta["lookup"],
                   meta["lemma_counts"], meta["frequencies"], meta["lemma_upos"], meta["rerank_features"])


@lru_cache(maxsize=1)
def _stems_digest() -> str:
    """SHA-256 of the stem lexicon the features read (a model is tied to its lexicon)."""
    import hashlib

    path = morphotactics.STEMS
    return hashlib.sha256(path.read_bytes()).hexdigest() if path.exists() else ""


def _sparse_weights(coef, names: Sequence[str], prune: float):
    """(kept feature names, indptr, cols, vals): the transposed coefficient matrix (features x
    classes) as CSR, weights with |w| < prune dropped and so are features left without any."""
    import numpy as np

    wt = np.asarray(coef, dtype="float32").T  # features x classes
    keep = np.abs(wt) >= prune
    rows_kept = np.flatnonzero(keep.any(axis=1))
    wt, keep = wt[rows_kept], keep[rows_kept]
    indptr = np.concatenate([[0], np.cumsum(keep.sum(axis=1))]).astype("int64")
    rows, cols = np.nonzero(keep)
    return [str(names[i]) for i in rows_kept], indptr, cols.astype("int32"), wt[rows, cols].astype("float32")


def _held_out(counts: dict, pairs: Iterable[tuple[str, str]]) -> Callable[[str], dict[str, int] | None]:
    """``counts`` (key -> Counter of UPOS) without the (key, UPOS) ``pairs`` of one sentence,
    as a look-up function (None for a key left without counts)."""
    from collections import Counter

    own = Counter(pairs)
    keys = {k for k, _ in own}

    def get(key: str) -> dict[str, int] | None:
        c = counts.get(key)
        if c is not None and key in keys:
            c = {u: n - own[(key, u)] for u, n in c.items() if n > own[(key, u)]}
        return c or None

    return get


def _lexicon_tags(counts: dict[str, int] | None) -> list[str] | None:
    """The UPOS that make up at least LEX_SHARE of a lemma's tokens."""
    if not counts:
        return None
    total = sum(counts.values())
    return sorted(u for u, n in counts.items() if n >= LEX_SHARE * total)


def _fit_classifiers(train: Sequence[Sentence], frequencies: dict[str, int], C: float, prune: float,
                     second_pass: bool = True, edit: bool = True) -> LinearMorph:
    """The lookup table and the regressions: first-pass UPOS, the edit classes (``edit``) and
    the second UPOS pass (``second_pass``; its training tags come from first passes fitted on
    the other STACK_FOLDS - 1 parts of ``train``).  No reranker yet."""
    from collections import Counter, defaultdict

    from sklearn.feature_extraction import DictVectorizer
    from sklearn.linear_model import LogisticRegression

    lem: dict = defaultdict(Counter)
    forms: dict = defaultdict(Counter)
    lowered: dict = defaultdict(Counter)
    lex: dict = defaultdict(Counter)
    for s in train:
        for w, l, u in zip(s.words, s.lemmas, s.upos):
            lem[w][l] += 1
            forms[w][u] += 1
            lowered[w.lower()][u] += 1
            lex[l.lower()][u] += 1
    # features of each training sentence as an unseen sentence would get them: the lexicon
    # without the sentence's own lemmas
    sent_feats = []
    for s in train:
        held = _held_out(lex, ((l.lower(), u) for l, u in zip(s.lemmas, s.upos)))
        sent_feats.append(sentence_features(s.words, frequencies, lambda k, held=held: _lexicon_tags(held(k))))
    X_names = [fs for F in sent_feats for fs in F]
    y_upos = [u for s in train for u in s.upos]
    dv = DictVectorizer()
    X = dv.fit_transform(dict.fromkeys(fs, 1) for fs in X_names)
    names = dv.feature_names_
    fits = [("upos", X, y_upos, names)]
    if edit:
        y_edit = [edit_class(w, l) for s in train for w, l in zip(s.words, s.lemmas)]
        edit_counts = Counter(y_edit)
        learnt = [i for i, y in enumerate(y_edit) if edit_counts[y] >= EDIT_MIN_COUNT]
        fits.append(("edit", X[learnt], [y_edit[i] for i in learnt], names))
    if second_pass:
        tags: list = [None] * len(train)
        for h in range(STACK_FOLDS):
            inner = [s for i, s in enumerate(train) if i % STACK_FOLDS != h]
            sub = _fit_classifiers(inner, frequencies, C, prune, second_pass=False, edit=False)
            for i in range(h, len(train), STACK_FOLDS):
                words = train[i].words
                tags[i] = sub._first_pass(words, sentence_features(words, frequencies, sub.lemma_upos.get))
        G = []
        for s, F, t in zip(train, sent_feats, tags):
            exact = _held_out(forms, zip(s.words, s.upos))
            lower = _held_out(lowered, ((w.lower(), u) for w, u in zip(s.words, s.upos)))
            G += stack_features(s.words, F, t, lambda w, exact=exact, lower=lower: exact(w) or lower(w.lower()))
        dv2 = DictVectorizer()
        fits.append(("upos2", dv2.fit_transform(dict.fromkeys(g, 1) for g in G), y_upos, dv2.feature_names_))
    weights, classes, features = {}, {}, {}
    for name, Xn, y, fnames in fits:
        clf = LogisticRegression(C=C, max_iter=300).fit(Xn, y)
        features[name], indptr, cols, vals = _sparse_weights(clf.coef_, fnames, prune)
        weights.update({name + "_indptr": indptr, name + "_cols": cols, name + "_vals": vals,
                        name + "_bias": clf.intercept_.astype("float32")})
        classes[name] = [str(c) for c in clf.classes_]
    if second_pass and classes["upos2"] != classes["upos"]:
        raise ValueError("the two UPOS passes have different classes")
    lookup = {w: [lem[w].most_common(1)[0][0], dict(forms[w])] for w in lem}
    lemma_counts = {l: sum(c.values()) for l, c in lex.items()}
    lemma_upos = {l: _lexicon_tags(c) for l, c in lex.items()}
    return LinearMorph(features, classes["upos"], classes.get("edit", []), weights, lookup,
                       lemma_counts, frequencies, lemma_upos)


def _rerank_examples(model: LinearMorph, sents: Sequence[Sentence]):
    """(candidate features, is gold) of the unseen words of ``sents`` whose gold lemma is
    among the candidates."""
    for s in sents:
        feats = sentence_features(s.words, model.frequencies, model.lemma_upos.get)
        for w, f, upos, gold in zip(s.words, feats, model._upos(s.words, feats), s.lemmas):
            if model.form_upos(w) is not None or not _LETTER.search(w):
                continue
            cands, cand_feats = model.candidates(w, upos, f)
            if gold.lower() in cands:
                yield from ((cf, c == gold.lower()) for c, cf in zip(cands, cand_feats))


def train_linear(train: Sequence[Sentence], C: float = LINEAR_C, prune: float = LINEAR_PRUNE,
                 frequencies: dict[str, int] | None = None) -> LinearMorph:
    """Fit the lookup table, the regressions (two UPOS passes, edit classes) and
    (cross-fitted on halves of ``train``) the lemma reranker; ``frequencies`` defaults to
    :func:`unlabeled_frequencies`."""
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
    """The linear lemma/UPOS model (cached), or None when ``linear.json.gz``/``.npz`` are absent
    (then the spaCy components and the kk_stem fallback are used)."""
    return LinearMorph.load(Path(path) if path else MODEL_DIR)


def model_available() -> bool:
    return load_model() is not None


def analyze(text: str, fallback: str = FALLBACK) -> list[tuple[str, str, str]]:
    """(token, lemma, UPOS) for every token of a Kazakh text (whitespace excluded).

    Lemmas are as in UD Kazakh-KTB (proper nouns keep their capital).  Without the model,
    tokens are the words and numbers of the text, lemmas come from kk_stem and UPOS is "".
    """
    lin = load_linear()
    if lin is not None:
        return [(w, lemma, upos) for words in _linear_sents(text)
                for w, (lemma, upos) in zip(words, lin.tag(words))]
    nlp = load_model()
    if nlp is None:
        return [(w, kk_stem(w) if _LETTER.search(w) else w, "")
                for w in re.findall(r"\w+|[^\w\s]", text)]
    known = known_forms()
    return [(t.text, apply_fallback(t.text, t.lemma_, t.pos_, fallback, known), t.pos_)
            for doc in _docs(nlp, text) for t in doc if not t.is_space]


def lemmas(text: str, fallback: str = FALLBACK) -> list[str]:
    """Lowercased lemmas of the words of a Kazakh text (tokens with a letter, in order):
    a drop-in for ``kzdocs.nlp.lemmas(text, "kk")``."""
    lin = load_linear()
    if lin is not None:
        return [lemma.lower() for words in _linear_sents(text)
                for w, (lemma, _) in zip(words, lin.tag(words)) if _LETTER.search(w)]
    nlp = load_model()
    if nlp is None:
        return [kk_stem(w) for w in re.findall(r"[^\W\d_]+", text)]
    known = known_forms()
    out = []
    for doc in _docs(nlp, text):
        for t in doc:
            if _LETTER.search(t.text):
                out.append(apply_fallback(t.text, t.lemma_, t.pos_, fallback, known).lower())
    return out


@lru_cache(maxsize=1)
def _tokenizer():
    """The Kazakh tokenizer of kzdocs.lang.kk (a blank pipeline loads in a fraction of the
    time of the spaCy morphology model)."""
    import spacy

    import kzdocs.lang.kk  # noqa: F401  (registers lang "kk")

    return spacy.blank("kk").tokenizer


def _linear_sents(text: str):
    """The token texts of ``text`` (the Kazakh tokenizer), cut into pieces at sentence-final
    punctuation and newlines (the linear model looks two words either side)."""
    words: list[str] = []
    for t in _tokenizer()(text):
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
