"""Topic discovery across an archive: NMF over lemmatised TF-IDF, for themes beyond CAP.

Each discovered topic comes with its top terms (shown as the most frequent surface word of
each lemma, so a Kazakh stem reads as a word) and its most typical documents.
"""
from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field

from ..nlp import lemmas
from ..stemming import WORD
#: Words every inquiry has, whatever it is about.
LETTER_WORDS = {
    "депутат", "сауал", "запрос", "құрмет", "уважаемый", "министр", "министрлік", "министерство",
    "республика", "қазақстан", "казахстан", "үкімет", "правительство", "сұраймыз", "просить",
    "мәселе", "вопрос", "жыл", "год", "осы", "этот", "который", "также", "сондай-ақ", "және",
    "бойынша", "туралы", "үшін", "бұл", "для", "при", "что", "как", "это", "мен", "деп",
}


@dataclass
class DiscoveredTopic:
    number: int
    terms: list[str]
    documents: list[tuple[str, float]] = field(default_factory=list)


def _stop_words() -> set[str]:
    """Function words of both languages (spaCy's Russian list, kzdocs' Kazakh one) and the
    words every letter has."""
    from spacy.lang.ru.stop_words import STOP_WORDS as RU

    from ..lang.kk.stop_words import STOP_WORDS as KK

    return set(RU) | set(KK) | LETTER_WORDS


def _analyse(text: str, lang: str | None, stop: set[str]) -> tuple[list[str], Counter]:
    words = WORD.findall(text)
    lems = lemmas(text, lang)
    surface: Counter = Counter()
    out = []
    for word, lemma in zip(words, lems):
        if len(lemma) > 3 and lemma not in stop and word.lower() not in stop:
            out.append(lemma)
            surface[(lemma, word.lower())] += 1
    return out, surface


def discover(docs: list[tuple[str, str, str | None]], k: int, *, top_terms: int = 10,
             top_docs: int = 3, seed: int = 0) -> tuple[list[DiscoveredTopic], list[int]]:
    """Fit NMF with `k` topics on (doc_id, text, lang) triples.

    Returns the topics and, for each document, the number of its strongest topic.
    """
    from sklearn.decomposition import NMF
    from sklearn.feature_extraction.text import TfidfVectorizer

    stop = _stop_words()
    analysed = [_analyse(text, lang, stop) for _, text, lang in docs]
    surface: dict[str, Counter] = defaultdict(Counter)
    for _, counts in analysed:
        for (lemma, word), n in counts.items():
            surface[lemma][word] += n
    vectorizer = TfidfVectorizer(analyzer=lambda tokens: tokens, min_df=2, max_df=0.5,
                                 sublinear_tf=True)
    x = vectorizer.fit_transform([tokens for tokens, _ in analysed])
    model = NMF(n_components=k, init="nndsvd", random_state=seed, max_iter=500)
    weights = model.fit_transform(x)
    vocab = vectorizer.get_feature_names_out()
    topics = []
    for t, row in enumerate(model.components_):
        best = row.argsort()[::-1][:top_terms]
        terms = [surface[vocab[i]].most_common(1)[0][0] if surface[vocab[i]] else vocab[i]
                 for i in best]
        ranked = weights[:, t].argsort()[::-1][:top_docs]
        topics.append(DiscoveredTopic(t + 1, terms, [(docs[i][0], round(float(weights[i, t]), 4))
                                                     for i in ranked if weights[i, t] > 0]))
    assignment = [int(w.argmax()) + 1 if w.max() > 0 else 0 for w in weights]
    return topics, assignment
