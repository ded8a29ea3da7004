"""Small rule components for Kazakh pipelines (registered on import of kzdocs.lang.kk).

``kk_ent_cleanup``
    Runs after a statistical ``ner``: an entity may not cross a sentence boundary
    (it is cut at the sentence start) and may not begin or end with punctuation or
    whitespace ("Еңбек миграциясы –" becomes "Еңбек миграциясы"; a lone "–" is dropped;
    an unmatched quote is cut off); "%", "!" and paired quotes may stay, as in KazNERD.

``kk_initials_patterns()``
    ``entity_ruler`` patterns for signatures written as initials and a surname
    ("Е. Бейсенбаев", "Ә.А. Сарым", "Е.Бейсенбаев" after tokenisation): PERSON.
"""
from __future__ import annotations

import re

from spacy.language import Language
from spacy.tokens import Doc, Span
from spacy.util import filter_spans

_UPPER = "А-ЯЁӘҒҚҢӨҰҮІҺ"


def kk_initials_patterns(label: str = "PERSON") -> list[dict]:
    one = {"TEXT": {"REGEX": rf"^[{_UPPER}]\.$"}}
    two = {"TEXT": {"REGEX": rf"^[{_UPPER}]\.[{_UPPER}]\.$"}}
    surname = {"IS_TITLE": True, "IS_ALPHA": True, "LENGTH": {">=": 2}}
    surname_h = {"TEXT": {"REGEX": rf"^[{_UPPER}][а-яёәғқңөұүіһ]+-[{_UPPER}][а-яёәғқңөұүіһ]+$"}}
    pats = []
    for init in ([one], [two], [one, one]):
        for sur in (surname, surname_h):
            pats.append({"label": label, "pattern": init + [sur], "id": "initials"})
    return pats


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
