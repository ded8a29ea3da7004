"""Small rule components for Kazakh pipelines (registered on import of kzdocs.lang.kk).

``kk_ent_cleanup``
    Runs after a statistical ``ner``: an entity may not cross a sentence boundary
    (it is cut at the sentence start) and may not begin or end with punctuation or
    whitespace ("Еңбек миграциясы –" becomes "Еңбек миграциясы"; a lone "–" is dropped).

``kk_initials_patterns()``
    ``entity_ruler`` patterns for signatures written as initials and a surname
    ("Е. Бейсенбаев", "Ә.А. Сарым", "Е.Бейсенбаев" after tokenisation): PERSON.
"""
from __future__ import annotations

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
    while start < end and (doc[start].is_punct or doc[start].is_space) and doc[start].text not in "«\"(":
        start += 1
    while end > start and (doc[end - 1].is_punct or doc[end - 1].is_space) and doc[end - 1].text not in "»\")":
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
