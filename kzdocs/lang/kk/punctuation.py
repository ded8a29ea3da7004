"""Tokenizer punctuation rules for official Kazakh (Cyrillic script).

Differences from spaCy's defaults:

* hyphenated words stay whole ("Қасым-Жомарт", "көші-қон", "Сондай-ақ") and so do
  numbers with attached case suffixes ("120-дан", "3-і", "2020-жылы"), as in KazNERD;
* a percent sign after a number is split off together with its suffix:
  "12,4%-ға" -> "12,4" "%-ға" (KazNERD writes "%-ға" as one token);
* an initial glued to a surname is split after its dot: "Е.Бейсенбаев" -> "Е." "Бейсенбаев",
  "Ә.А.Бейсенбаев" -> "Ә.А." "Бейсенбаев";
* en and em dashes are split off words and numbers.
"""
from spacy.lang.char_classes import ALPHA as _BASE_ALPHA
from spacy.lang.char_classes import ALPHA_LOWER as _BASE_ALPHA_LOWER
from spacy.lang.char_classes import ALPHA_UPPER as _BASE_ALPHA_UPPER
from spacy.lang.char_classes import (
    CONCAT_QUOTES,
    CURRENCY,
    LIST_ELLIPSES,
    LIST_ICONS,
    LIST_PUNCT,
    LIST_QUOTES,
    PUNCT,
    UNITS,
)
from spacy.lang.punctuation import TOKENIZER_PREFIXES as BASE_PREFIXES

# spaCy's character classes (3.8) miss three Kazakh letters: Ғ ғ, Қ қ, Ұ ұ.
ALPHA_LOWER = _BASE_ALPHA_LOWER + "ғқұ"
ALPHA_UPPER = _BASE_ALPHA_UPPER + "ҒҚҰ"
ALPHA = _BASE_ALPHA + "ғқұҒҚҰ"

_dashes = "–—―"

# "%" is not a prefix: KazNERD writes "70 , 3 %-ы" with "%-ы" as one token
TOKENIZER_PREFIXES = [p for p in BASE_PREFIXES if p != "%"] + ["―", "‒", "„"]

TOKENIZER_SUFFIXES = (
    [
        # "%", "%-ға", "%-ы" after a number
        r"(?<=[0-9])%(?:-[^\W\d_]+)?",
        r"(?<=[0-9])‰(?:-[^\W\d_]+)?",
        "―",
    ]
    + LIST_PUNCT
    + LIST_ELLIPSES
    + LIST_QUOTES
    + LIST_ICONS
    + ["—", "–"]
    + [
        r"(?<=[0-9])\+",
        r"(?<=°[FfCcKk])\.",
        r"(?<=[0-9])(?:{c})".format(c=CURRENCY),
        r"(?<=[0-9])(?:{u})".format(u=UNITS),
        r"(?<=[0-9{al}{e}{p}(?:{q})])\.".format(
            al=ALPHA_LOWER, e=r"%²\-\+", q=CONCAT_QUOTES, p=PUNCT
        ),
        r"(?<=[{au}][{au}])\.".format(au=ALPHA_UPPER),
    ]
)

TOKENIZER_INFIXES = (
    LIST_ELLIPSES
    + LIST_ICONS
    + [
        # "Е.Бейсенбаев", "Ә.А.Бейсенбаев": empty infix right after the initial(s)
        r"(?<=\b[{au}]\.)(?=[{au}][{al}])".format(au=ALPHA_UPPER, al=ALPHA_LOWER),
        # "деді.Бұл" (missing space after a full stop)
        r"(?<=[{al}{q}])\.(?=[{au}{q}])".format(
            al=ALPHA_LOWER, au=ALPHA_UPPER, q=CONCAT_QUOTES
        ),
        r"(?<=[{a}])[,!?;()]+(?=[{a}])".format(a=ALPHA),
        r"(?<=[{a}0-9])[:<>=](?=[{a}])".format(a=ALPHA),
        r"(?<=[{a}])--(?=[{a}])".format(a=ALPHA),
        # en/em dashes between words or numbers: "2019–2020", "миграциясы—бұл"
        r"(?<=[{a}0-9])[{d}](?=[{a}0-9])".format(a=ALPHA, d=_dashes),
        # closing quote or bracket followed by a suffix: «Nur Otan»-ның -> » -ның
        r"(?<=[{a}0-9])([{q}\)\]\(\[])(?=[\-{a}])".format(a=ALPHA, q=CONCAT_QUOTES),
    ]
)

__all__ = [
    "ALPHA", "ALPHA_LOWER", "ALPHA_UPPER",
    "TOKENIZER_PREFIXES", "TOKENIZER_SUFFIXES", "TOKENIZER_INFIXES",
]
