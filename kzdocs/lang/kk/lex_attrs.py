"""Lexical attributes for Kazakh: ``like_num`` knows Kazakh number words."""
import re

from spacy.attrs import LIKE_NUM

_num_words = [
    "нөл", "бір", "екі", "үш", "төрт", "бес", "алты", "жеті", "сегіз", "тоғыз",
    "он", "жиырма", "отыз", "қырық", "елу", "алпыс", "жетпіс", "сексен", "тоқсан",
    "жүз", "мың", "миллион", "миллиард", "триллион", "квадриллион",
    "млн", "млрд", "трлн",
    # collective and approximate numerals
    "біреу", "екеу", "үшеу", "төртеу", "бесеу", "алтау", "жетеу", "сегізеу", "тоғызау",
    "онау", "жарты", "ширек",
]

_ordinal_words = [
    "бірінші", "екінші", "үшінші", "төртінші", "бесінші", "алтыншы", "жетінші",
    "сегізінші", "тоғызыншы", "оныншы", "жиырмасыншы", "отызыншы", "қырқыншы",
    "елуінші", "алпысыншы", "жетпісінші", "сексенінші", "тоқсаныншы", "жүзінші",
    "мыңыншы", "миллионыншы", "миллиардыншы",
]

# words that merely begin like a number word
_not_numbers = {
    "бірақ", "бірге", "біраз", "бірден", "бірде", "бірер", "біреудің", "жүзеге", "жүзде",
    "мыңғырған", "ондай", "ондағы", "онсыз", "алтын", "алтынның", "жетіл", "жетім",
    "жетек", "сегізкөз", "қырықтық",
}

_num_stems = tuple(sorted(set(_num_words + _ordinal_words), key=len, reverse=True))
# a digit string with an attached suffix: "120-дан", "3-і", "2020-жылы", "1-інші"
_digits_suffix = re.compile(r"^[+\-±~]?\d+(?:[.,]\d+)?-[^\W\d_]+$")


def like_num(text: str) -> bool:
    if text.startswith(("+", "-", "±", "~")):
        text = text[1:]
    text = text.replace(",", "").replace(".", "").replace("\u00a0", "").replace(" ", "")
    if text.isdigit():
        return True
    if text.count("/") == 1:
        num, denom = text.split("/")
        if num.isdigit() and denom.isdigit():
            return True
    if _digits_suffix.match(text):
        return True
    lower = text.lower()
    if lower in _num_words or lower in _ordinal_words:
        return True
    if lower in _not_numbers:
        return False
    # inflected number words: "мыңнан", "миллионнан", "бірінші", "екеуі", "оныншы"
    for stem in _num_stems:
        if len(stem) >= 3 and lower.startswith(stem) and len(lower) - len(stem) <= 4:
            return True
    return False


LEX_ATTRS = {LIKE_NUM: like_num}
