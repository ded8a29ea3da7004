"""The lemmatised column of the archive's full-text index: a light Kazakh/Russian stemmer.

`lemmatize(text, lang)` fills the `stems` column of the index, `query_forms(word)` gives the
forms a word typed by a user is looked up under, and the snippet highlighter uses the same:
all three go through one function, `lemma(word, lang)`, the place to swap in another
lemmatiser (`_nlp_lemma`, on kzdocs.nlp.lemmas, is ready). Bump `STEMMER` with it: the
archive's pipeline version includes it, so the next `kzdocs index` re-extracts every document
with the new forms.

The fallback strips Kazakh inflection (case, number, possession, a few derivations) repeatedly,
then one Russian ending, so that the Kazakh and Russian forms of a loanword meet:
"миграция", "миграции", "миграцией", "миграциясы", "миграциясын", "миграциясының" all give
"миграц"; "мигранттардың", "мигрантов" give "мигрант". Documents are stemmed under the rules
of their language (Russian words lose only their ending: "мигранты" is not "мигран" + "ты");
a query word is looked up under both. The stem is always a prefix of the
lower-cased word, which the snippet highlighter relies on.
"""
from __future__ import annotations

import re
from functools import lru_cache

from ..stemming import VOWELS

STEMMER = "suffix-1"

# unicode61 splits on everything that is not a letter, a digit or a private-use character;
# underscores are separators too.
TOKEN = re.compile(r"[^\W_]+")

_KK_SUFFIXES = """
лар лер дар дер тар тер
ларға лерге дарға дерге тарға терге ларды лерді дарды дерді тарды терді
лардың лердің дардың тардың тердің ларда лерде дарда дерде тарда терде
лардан лерден дардан дерден тардан терден лармен лермен дармен дермен тармен термен
ның нің дың дің тың тің
ға ге қа ке на не
ны ні ды ді ты ті
да де та те нда нде ында інде
дан ден тан тен нан нен ынан інен
мен бен пен ымен імен
ым ім ың ің ыңыз іңіз ңыз ңіз мыз міз ымыз іміз ымның імнің ыңның іңнің
ы і ын ін ына іне
сы сі сын сін сына сіне сында сінде сынан сінен сының сінің сымен сімен
дағы дегі тағы тегі ндағы ндегі
лық лік дық дік тық тік лығы лігі дығы дігі тығы тігі
сыз сіз
""".split()

# Forms that start with the possessive "с" follow a vowel (миграция-сы) but not ы/і: "облысы"
# is облыс + ы, not облы + сы.
_AFTER_VOWEL = {s for s in _KK_SUFFIXES if s.startswith("с") and s not in ("сыз", "сіз")}

_RU_ENDINGS = """
иями ями ами иях ях ах иям ям ам ией ей ой ов ев ёв
ия ие ий ии ию ье ья ью ьи ьё
ого его ому ему ыми ими ых их ым им ом ем ую юю ая яя ое ее ые ие ый ой
ость ости остью остей
а я о е и ы у ю ь й
""".split()


def _by_length(suffixes: list[str]) -> list[tuple[int, frozenset[str]]]:
    lengths = sorted({len(s) for s in suffixes}, reverse=True)
    return [(n, frozenset(s for s in suffixes if len(s) == n)) for n in lengths]


_KK = _by_length(_KK_SUFFIXES)
_RU = _by_length(_RU_ENDINGS)
MIN_STEM = 3


def _strip_kk(word: str) -> str | None:
    for n, group in _KK:
        if len(word) - n < MIN_STEM:
            continue
        suffix = word[-n:]
        if suffix in group:
            rest = word[:-n]
            if suffix in _AFTER_VOWEL and (rest[-1] not in VOWELS or rest[-1] in "ыі"):
                continue
            return rest
    return None


def _strip_ru(word: str) -> str:
    for n, group in _RU:
        if len(word) - n >= MIN_STEM and word[-n:] in group:
            return word[:-n]
    return word


@lru_cache(maxsize=200_000)
def stem(word: str, lang: str | None = "kk") -> str:
    """The stem of one word: lower-cased; in Kazakh ("kk", "mixed" or None) its suffixes are
    stripped, then one Russian ending (Russian loanwords in Kazakh text meet their Russian
    forms); in Russian ("ru") only the ending."""
    word = word.lower().replace("ё", "е")
    if len(word) <= MIN_STEM or word.isdigit():
        return word
    for _ in range(5 if lang != "ru" else 0):
        shorter = _strip_kk(word)
        if shorter is None:
            break
        word = shorter
    return _strip_ru(word)


def tokens(text: str) -> list[str]:
    """The words of a text as the FTS5 unicode61 tokenizer splits them."""
    return TOKEN.findall(text)


def lemma(word: str, lang: str | None = None) -> str:
    """The form a word is indexed and looked up under: THE swap point for a lemmatiser.

    To use kzdocs.nlp.lemmas instead of the suffix stripper: `lemma = _nlp_lemma` below this
    function and STEMMER = "nlp-1" (the new STEMMER re-indexes every archive on its next run).
    """
    return stem(word, "ru" if lang == "ru" else "kk")


@lru_cache(maxsize=500_000)
def _nlp_lemma(word: str, lang: str | None = None) -> str:
    """kzdocs.nlp.lemmas word by word (pymorphy2 for Russian, kzdocs.stemming for Kazakh).

    Not the default: it leaves "облыс" / "облысы" and "бюджет" / "бюджета" (in a Kazakh text)
    apart, which the suffix stripper joins; cached, as the index calls it per word."""
    from ..nlp import lemmas

    found = lemmas(word, lang)
    return found[0].lower() if found else word.lower()


def lemmatize(text: str, lang: str | None = None) -> str:
    """The text of the `stems` column: `lemma` of each word, separated by spaces.
    `lang` is the document's: "kk", "ru", "mixed" or None."""
    return " ".join(lemma(t, lang) for t in TOKEN.findall(text))


def query_forms(word: str) -> set[str]:
    """The forms a word typed by a user is looked up under in the `stems` column: its lemma
    in each language, since a query has no language of its own."""
    return {lemma(word, "kk"), lemma(word, "ru")}
