"""Small rule components for Kazakh pipelines (registered on import of kzdocs.lang.kk).

``kk_ent_cleanup``
    Runs after a statistical ``ner``: an entity may not cross a sentence boundary
    (it is cut at the sentence start) and may not begin or end with punctuation or
    whitespace ("Еңбек миграциясы –" becomes "Еңбек миграциясы"; a lone "–" is dropped;
    an unmatched quote is cut off); "%", "!" and paired quotes may stay, as in KazNERD.

``kk_iob_ner``
    Named entities by token classification: a trainable ``tagger`` over IOB2 tags
    ("B-PERSON", "I-PERSON", "O") decoded into the best valid sequence, instead of spaCy's
    transition-based ``ner``, whose per-token action loop over KazNERD's 25 labels costs
    more than the whole CNN (models/README.md).

``kk_initials_patterns()``
    ``entity_ruler`` patterns for signatures written as initials and a surname
    ("Е. Бейсенбаев", "Ә.А. Сарым", "Е.Бейсенбаев" after tokenisation): PERSON.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Sequence

import numpy as np
from spacy.language import Language
from spacy.pipeline.tagger import DEFAULT_TAGGER_MODEL, Tagger
from spacy.tokens import Doc, Span
from spacy.util import filter_spans
from thinc.api import Model


def kk_initials_patterns(label: str = "PERSON") -> list[dict]:
    """An initial or two ("Е.", "Ә.А.", "Е. Ә.") and a capitalised word: token shapes and
    flags only, which the matcher compares in C (regular expressions on the text cost twice
    the time and found the same names in the corpus)."""
    surname = {"IS_TITLE": True, "LENGTH": {">=": 2}}
    return [{"label": label, "pattern": [{"SHAPE": shape} for shape in initials] + [surname],
             "id": "initials"} for initials in (["X."], ["X.X."], ["X.", "X."])]


# punctuation that never begins or ends an entity ("%" and "!" may: "5 %", «Алға!»)
_EDGE_PUNCT = {"–", "—", "―", "‒", "-", "--", ",", ".", ":", ";", "…", "...", "/", "(", ")"}


def _trim_left(doc: Doc, start: int, end: int) -> bool:
    tok = doc[start]
    if tok.is_space or tok.text in _EDGE_PUNCT:
        return True
    # an opening quote whose closing quote is not in the span
    if tok.text in ("«", '"', "“", "„"):
        return not any(t.text in ("»", '"', "”", "“") for t in doc[start + 1 : end])
    return False


def _trim_right(doc: Doc, start: int, end: int) -> bool:
    tok = doc[end - 1]
    if tok.is_space or tok.text in _EDGE_PUNCT:
        return True
    if tok.text in ("»", '"', "”", "“"):
        return not any(t.text in ("«", '"', "“", "„") for t in doc[start : end - 1])
    return False


def _trim(span: Span) -> Span | None:
    doc = span.doc
    start, end = span.start, span.end
    # cut at a sentence start inside the span (keep the part holding most tokens)
    if doc.has_annotation("SENT_START"):
        cuts = [i for i in range(start + 1, end) if doc[i].is_sent_start]
        if cuts:
            bounds = [start] + cuts + [end]
            parts = [(bounds[k], bounds[k + 1]) for k in range(len(bounds) - 1)]
            start, end = max(parts, key=lambda p: sum(not doc[i].is_punct for i in range(*p)))
    while start < end and _trim_left(doc, start, end):
        start += 1
    while end > start and _trim_right(doc, start, end):
        end -= 1
    if start >= end:
        return None
    return Span(doc, start, end, label=span.label_)


@Language.component("kk_ent_cleanup")
def kk_ent_cleanup(doc: Doc) -> Doc:
    if not doc.ents:
        return doc
    new = [s for s in (_trim(e) for e in doc.ents) if s is not None]
    doc.ents = filter_spans(new)
    return doc


class IobTransitions:
    """Which IOB2 tag may follow which ("I-X" only after "B-X" or "I-X"), and the entities
    of a valid tag sequence."""

    def __init__(self, tags: Sequence[str]):
        prefix = [t.partition("-")[0] for t in tags]
        label = [t.partition("-")[2] for t in tags]
        self.labels = label
        self.begin = np.array([p == "B" for p in prefix])
        self.inside = np.array([p == "I" for p in prefix])
        allowed = np.ones((len(tags), len(tags)), dtype=bool)  # previous x next
        for j in np.flatnonzero(self.inside):
            allowed[:, j] = [prefix[i] in ("B", "I") and label[i] == label[j] for i in range(len(tags))]
        self.allowed = allowed
        self.penalty = np.where(allowed, 0.0, -np.inf)

    def is_valid(self, seq: np.ndarray) -> bool:
        return not self.inside[seq[0]] and bool(self.allowed[seq[:-1], seq[1:]].all())

    def spans(self, seq: np.ndarray) -> list[tuple[int, int, str]]:
        """(start, end, label) of the entities of a valid tag sequence."""
        seq = np.asarray(seq, dtype=int).reshape(-1)  # a batch of empty docs gives (0, n) scores
        out = []
        for start in np.flatnonzero(self.begin[seq]):
            end = start + 1
            while end < len(seq) and self.inside[seq[end]]:
                end += 1
            out.append((int(start), int(end), self.labels[seq[start]]))
        return out

    def decode(self, scores: np.ndarray) -> np.ndarray:
        """The valid tag sequence with the highest total log-probability: the per-token
        argmax when it is valid (the usual case), Viterbi otherwise."""
        best = scores.argmax(axis=1)
        if len(best) == 0 or self.is_valid(best):
            return best
        logp = scores - scores.max(axis=1, keepdims=True)
        logp -= np.log(np.exp(logp).sum(axis=1, keepdims=True))
        value = np.where(self.inside, -np.inf, logp[0])
        back = np.zeros(logp.shape, dtype=int)
        for i in range(1, len(logp)):
            candidates = value[:, None] + self.penalty
            back[i] = candidates.argmax(axis=0)
            value = candidates.max(axis=0) + logp[i]
        seq = [int(value.argmax())]
        for i in range(len(logp) - 1, 0, -1):
            seq.append(int(back[i, seq[-1]]))
        return np.array(seq[::-1])


class IobNer(Tagger):
    """Named entities by token classification: a spaCy ``Tagger`` over IOB2 tags whose
    predictions are decoded into valid tag sequences (:class:`IobTransitions`) and written
    to ``token.tag_`` and ``doc.ents``. Its ``labels`` are the IOB2 tags."""

    _transitions: IobTransitions | None = None
    _transitions_for: tuple[str, ...] = ()

    def _iob(self) -> IobTransitions:
        tags = tuple(self.labels)
        if self._transitions is None or self._transitions_for != tags:
            self._transitions, self._transitions_for = IobTransitions(tags), tags
        return self._transitions

    @property
    def entity_labels(self) -> tuple[str, ...]:
        """The entity labels behind the IOB2 tags ("PERSON" for "B-PERSON" and "I-PERSON")."""
        return tuple(sorted(set(self._iob().labels) - {""}))

    def _scores2guesses(self, scores):
        return [self._iob().decode(self.model.ops.to_numpy(s)) for s in scores]

    def set_annotations(self, docs, batch_tag_ids) -> None:
        super().set_annotations(docs, batch_tag_ids)
        iob = self._iob()
        for doc, seq in zip([docs] if isinstance(docs, Doc) else docs, batch_tag_ids):
            doc.set_ents([Span(doc, start, end, label=label) for start, end, label in iob.spans(seq)],
                         default="outside")


@Language.factory("kk_iob_ner",
                  default_config={"model": DEFAULT_TAGGER_MODEL, "overwrite": True,
                                  "scorer": {"@scorers": "spacy.ner_scorer.v1"},
                                  "neg_prefix": "!", "label_smoothing": 0.0},
                  default_score_weights={"ents_f": 1.0, "ents_p": 0.0, "ents_r": 0.0,
                                         "ents_per_type": None})
def make_iob_ner(nlp: Language, name: str, model: Model, overwrite: bool, scorer: Callable | None,
                 neg_prefix: str, label_smoothing: float) -> IobNer:
    return IobNer(nlp.vocab, model, name, overwrite=overwrite, scorer=scorer,
                  neg_prefix=neg_prefix, label_smoothing=label_smoothing)


_GROUP_HEAD = re.compile(r"^[+\-−]?\d{1,3}$")
_GROUP = re.compile(r"^\d{3}$")
_GROUP_LAST = re.compile(r"^\d{3}(?:[.,]\d+)?(?:-[^\W\d_]+)?$")


@Language.component("kk_merge_thousands")
def kk_merge_thousands(doc: Doc) -> Doc:
    """Merge numbers written with a space or no-break space as thousands separator:
    "1 500", "1\u00a0500", "12 000 000", "1 500-ден", "2 345,6" become one token.

    spaCy's tokenizer always splits at whitespace, so this is a pipeline step that
    runs right after the tokenizer (``make_nlp()`` adds it).  A number is merged only
    when the head has 1-3 digits and every following group exactly 3 (the last may
    carry a decimal part or a suffix), so years ("2019 100") are left alone.
    """
    spans = []
    i = 0
    n = len(doc)
    while i < n:
        tok = doc[i]
        if not _GROUP_HEAD.match(tok.text) or (i > 0 and doc[i - 1].text[-1:].isdigit()
                                               and not doc[i - 1].whitespace_):
            i += 1
            continue
        j = i  # index of the last merged group
        while True:
            k = j + 1
            if doc[j].whitespace_ == " " and k < n:
                nxt = k
            elif not doc[j].whitespace_ and k + 1 < n and doc[k].text == "\u00a0" and not doc[k].whitespace_:
                nxt = k + 1
            else:
                break
            if _GROUP.match(doc[nxt].text):
                j = nxt
                continue
            if _GROUP_LAST.match(doc[nxt].text):
                j = nxt
            break
        if j > i:
            spans.append(doc[i : j + 1])
        i = j + 1
    if spans:
        with doc.retokenize() as retok:
            for span in spans:
                retok.merge(span)
    return doc
