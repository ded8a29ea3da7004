"""spaCy language class for Kazakh (``lang = "kk"``).

Registered through the ``spacy_languages`` entry point of kzdocs, so that
``spacy.blank("kk")`` works once kzdocs is installed.  Shaped like spaCy's own
``spacy/lang/ky`` and ``spacy/lang/tr``.

A sentence splitter that respects abbreviations ("млн.", "т.б.") and initials
("Е. Бейсенбаев") is spaCy's rule-based ``sentencizer``: abbreviations and initials are
single tokens ending in a full stop, so they are never taken for sentence-final
punctuation::

    nlp = spacy.blank("kk")
    nlp.add_pipe("sentencizer")

or simply ``kzdocs.lang.kk.make_nlp()``, which also adds ``kk_merge_thousands``: the
tokenizer always splits at whitespace, so numbers with a space or no-break space as
thousands separator ("1 500", "1\u00a0500") are merged by that pipeline step.
"""
from functools import partial

from spacy.attrs import PREFIX, SUFFIX
from spacy.language import BaseDefaults, Language
from spacy.util import registry

from . import pipeline  # noqa: F401  (registers the kk_ent_cleanup component)
from .lex_attrs import LEX_ATTRS
from .punctuation import TOKENIZER_INFIXES, TOKENIZER_PREFIXES, TOKENIZER_SUFFIXES
from .stop_words import STOP_WORDS
from .tokenizer_exceptions import TOKENIZER_EXCEPTIONS


class KazakhDefaults(BaseDefaults):
    tokenizer_exceptions = TOKENIZER_EXCEPTIONS
    prefixes = TOKENIZER_PREFIXES
    suffixes = TOKENIZER_SUFFIXES
    infixes = TOKENIZER_INFIXES
    lex_attr_getters = LEX_ATTRS
    stop_words = STOP_WORDS


class Kazakh(Language):
    lang = "kk"
    Defaults = KazakhDefaults


def make_nlp(sentences: bool = True, merge_thousands: bool = True) -> Language:
    """A blank Kazakh pipeline: ``kk_merge_thousands`` ("1 500" as one token) and the
    rule-based sentence splitter, each if asked for."""
    nlp = Kazakh()
    if merge_thousands:
        nlp.add_pipe("kk_merge_thousands")
    if sentences:
        nlp.add_pipe("sentencizer")
    return nlp


def _head(n: int, string: str) -> str:
    return string[:n]


def _tail(n: int, string: str) -> str:
    return string[-n:]


@registry.callbacks("kzdocs.kk_affix_lengths.v1")
def create_affix_lengths(prefix: int = 1, suffix: int = 3):
    """``[nlp.after_creation]`` callback: change the lengths of ``Token.prefix_`` and
    ``Token.suffix_`` (spaCy's defaults are 1 and 3 characters).

    Kazakh is agglutinative: the first 4-5 characters of a word approximate its root
    ("Корея", "Кореяда", "Кореядан" share "Коре"), so a longer PREFIX gives the
    hash-embedding tok2vec of the NER pipeline a cheap stem feature.
    """

    def set_affix_lengths(nlp: Language) -> Language:
        getters = dict(nlp.vocab.lex_attr_getters)
        getters[PREFIX] = partial(_head, prefix)
        getters[SUFFIX] = partial(_tail, suffix)
        nlp.vocab.lex_attr_getters = getters
        for lex in nlp.vocab:  # lexemes created before the callback ran
            lex.prefix_ = lex.orth_[:prefix]
            lex.suffix_ = lex.orth_[-suffix:]
        return nlp

    return set_affix_lengths


__all__ = ["Kazakh", "make_nlp", "create_affix_lengths"]
