"""Number words of Kazakh and Russian: recognise them in all case forms and give their value.

`WORD_NUMBER` is a regex (source string) for one run of number words; `parse_words(run)`
gives its value (or None when the run is not a number). Pure standard library, no state.

    parse_words("он миллиард үш жүз миллион")  -> 10300000000.0
    parse_words("төрт бүтін оннан бір")         -> 4.1
    parse_words("полтора миллиона")             -> 1500000.0
"""
from __future__ import annotations

import re

# --- Kazakh ---------------------------------------------------------------------------
KK_UNITS = {"бір": 1, "екі": 2, "үш": 3, "төрт": 4, "бес": 5, "алты": 6, "жеті": 7,
            "сегіз": 8, "тоғыз": 9}
KK_TENS = {"он": 10, "жиырма": 20, "отыз": 30, "қырық": 40, "қырқ": 40, "елу": 50,
           "алпыс": 60, "жетпіс": 70, "сексен": 80, "тоқсан": 90}
KK_COLLECTIVE = {"екеу": 2, "үшеу": 3, "төртеу": 4, "бесеу": 5, "алтау": 6, "жетеу": 7,
                 "сегізеу": 8, "тоғызау": 9, "онау": 10}
KK_HUNDRED = {"жүз": 100}
SCALE_WORDS = {"мың": 1e3, "миллион": 1e6, "миллиард": 1e9, "триллион": 1e12,
               "млн": 1e6, "млрд": 1e9, "трлн": 1e12, "тыс": 1e3}

# Kazakh case and possessive endings a number word (or a digit after a hyphen) may take.
_KK_CASE = ["", "ы", "і", "сы", "сі", "ның", "нің", "дың", "дің", "тың", "тің", "ға", "ге",
            "қа", "ке", "на", "не", "а", "е", "ны", "ні", "ды", "ді", "ты", "ті", "н", "да",
            "де", "та", "те", "нда", "нде", "дан", "ден", "тан", "тен", "нан", "нен", "мен",
            "бен", "пен", "дай", "дей", "тай", "тей", "дайы", "дейі", "тайы", "тейі",
            "дайын", "дейін", "тайын", "тейін", "ғa", "ша", "ше", "дағы", "дегі", "тағы", "тегі"]
_KK_POSS = ["ы", "і", "сы", "сі", "ын", "ін", "сын", "сін", "ына", "іне", "сына", "сіне",
            "ында", "інде", "сында", "сінде", "ынан", "інен", "сынан", "сінен", "ының", "інің",
            "сының", "сінің", "ымен", "імен", "сымен", "сімен", "ынша", "інше"]
KK_SUFFIXES = frozenset(_KK_CASE + _KK_POSS
                        + ["еу" + s for s in ["", "і", "ін", "іне", "інде", "інен", "інің", "імен"]]
                        + ["ау" + s for s in ["", "ы", "ын", "ына", "ында", "ынан", "ының", "ымен"]]
                        + ["ғa"])
ORDINAL_SUFFIX = re.compile(r"^(?:ш[ыі]|[ыі]?нш[ыі]|сынш[ыі]|сінш[ыі]|шы|ші)\w*$")
RU_DIGIT_SUFFIXES = frozenset(["ти", "ми", "х", "и", "ью", "ю", "м"])  # "5-ти", "2-х"

# --- Russian --------------------------------------------------------------------------
_RU = {}


def _ru(value: float, *forms: str) -> None:
    for f in forms:
        _RU[f] = value


_ru(1, "один", "одна", "одно", "одного", "одной", "одному", "одним", "одном", "одну")
_ru(2, "два", "две", "двух", "двум", "двумя")
_ru(3, "три", "трех", "трёх", "трем", "трём", "тремя")
_ru(4, "четыре", "четырех", "четырёх", "четырем", "четырём", "четырьмя")
_ru(5, "пять", "пяти", "пятью")
_ru(6, "шесть", "шести", "шестью")
_ru(7, "семь", "семи")  # «семью» is the family
_ru(8, "восемь", "восьми", "восемью", "восьмью")
_ru(9, "девять", "девяти", "девятью")
_ru(10, "десять", "десяти", "десятью")
for _w, _v in [("одиннадцат", 11), ("двенадцат", 12), ("тринадцат", 13), ("четырнадцат", 14),
               ("пятнадцат", 15), ("шестнадцат", 16), ("семнадцат", 17), ("восемнадцат", 18),
               ("девятнадцат", 19), ("двадцат", 20), ("тридцат", 30)]:
    _ru(_v, _w + "ь", _w + "и", _w + "ью")
_ru(40, "сорок", "сорока")
_ru(50, "пятьдесят", "пятидесяти", "пятьюдесятью")
_ru(60, "шестьдесят", "шестидесяти", "шестьюдесятью")
_ru(70, "семьдесят", "семидесяти", "семьюдесятью")
_ru(80, "восемьдесят", "восьмидесяти", "восемьюдесятью")
_ru(90, "девяносто", "девяноста")
_ru(100, "сто", "ста")
_ru(200, "двести", "двухсот", "двумстам", "двумястами", "двухстах")
_ru(300, "триста", "трехсот", "трёхсот", "тремстам", "тремястами", "трехстах", "трёхстах")
_ru(400, "четыреста", "четырехсот", "четырёхсот", "четыремстам", "четырьмястами", "четырехстах")
for _w, _v in [("пят", 500), ("шест", 600), ("сем", 700), ("восем", 800), ("девят", 900)]:
    _ru(_v, _w + "ьсот", _w + "исот", _w + "истам", _w + "ьюстами", _w + "истах")
_ru(800, "восьмисот", "восьмистам", "восьмистах")
RU_HALF = {"полтора": 1.5, "полторы": 1.5, "полутора": 1.5}
RU_SCALES = {}
for _stem, _v in [("тысяч", 1e3), ("миллион", 1e6), ("миллиард", 1e9), ("триллион", 1e12)]:
    for _end in (["а", "и", "у", "е", "ей", "ам", "ами", "ах", ""] if _stem == "тысяч" else
                 ["", "а", "у", "ом", "е", "ы", "ов", "ам", "ами", "ах"]):
        RU_SCALES[_stem + _end] = _v
RU_SCALES["полмиллиона"] = 5e5
RU_SCALES["полмиллиарда"] = 5e8
RU_RATIO = {"вдвое": 2, "втрое": 3, "вчетверо": 4, "впятеро": 5, "вшестеро": 6, "всемеро": 7,
            "вдесятеро": 10}
# plural forms of scale words used alone are vague («тысячи», «миллионы»)
RU_VAGUE_ALONE = {"тысячи", "тысяч", "тысячами", "тысячах", "тысячам", "миллионы", "миллионов",
                  "миллиарды", "миллиардов", "миллионами", "миллиардами"}

RU_WORDS = frozenset(list(_RU) + list(RU_HALF) + list(RU_SCALES) + list(RU_RATIO))

# --- one regex for a run of number words ------------------------------------------------
# The regex only finds words that begin like a number word; `word_value` decides.
_PREFIXES = ["бір", "екі", "екеу", "үш", "төрт", "бес", "алты", "алта", "жеті", "жете", "сегіз",
             "тоғыз", "он", "жиырма", "отыз", "қырық", "қырқ", "елу", "алпыс", "жетпіс", "сексен",
             "тоқсан", "жүз", "мың", "миллион", "миллиард", "триллион", "жарым", "жарты", "бүтін",
             "од", "дв", "тр", "четыр", "пят", "шест", "сем", "восем", "восьм", "девя", "десят",
             "сорок", "сто", "ста", "тысяч", "полтор", "полутор", "пол"]
_LETTER = "[а-яёәғқңөұүһі]"
ONE_WORD = r"(?:%s)%s*" % ("|".join(sorted(_PREFIXES, key=len, reverse=True)), _LETTER)
# words joined by spaces («он миллиард үш жүз миллион») or hyphens in ranges («екі-үш»)
WORD_NUMBER = r"(?<![\w])(?<![^\W\d_]-)%s(?:(?:\s+|-)%s)*(?![\w])" % (ONE_WORD, ONE_WORD)

# words that look like inflected number words but are not numbers
NOT_NUMBERS = frozenset("""
оны оның онда онан ондай ондағы онша оған ондан онымен оныкі
бірі бірге бірде бірден біреу біреуі бірақ бірін бірінен бірінде бірінің біріне бірімен
жүзі жүзін жүзіне жүзінде жүзінен жүзде жүзеге жүзінің жүзімен жүзге
үшін үші елі алтын бесте жетіде елде еле ела
""".split())

_SPLIT = re.compile(r"\s+|-")
_KK_STEM_RE = re.compile(r"^(%s)(.*)$" % "|".join(sorted(
    list(KK_UNITS) + list(KK_TENS) + list(KK_COLLECTIVE) + ["жүз", "мың", "миллион", "миллиард",
                                                          "триллион", "жарым", "жарты", "бүтін"],
    key=len, reverse=True)))


def word_value(word: str) -> tuple[str, float] | None:
    """(role, value) of one number word; role is unit|hundred|scale|half|point|denominator."""
    w = word.lower()
    if w in _RU:
        v = _RU[w]
        return ("hundred_ru" if v >= 100 else "unit", v)
    if w in RU_HALF:
        return ("unit", 1.5)
    if w in RU_SCALES:
        return ("scale", RU_SCALES[w])
    if w in NOT_NUMBERS:
        return None
    m = _KK_STEM_RE.match(w)
    if not m:
        return None
    stem, suffix = m.groups()
    if suffix and suffix not in KK_SUFFIXES:
        return None
    if stem in KK_UNITS:
        return ("unit", KK_UNITS[stem])
    if stem in KK_TENS:
        return ("unit", KK_TENS[stem])
    if stem in KK_COLLECTIVE:
        return ("unit", KK_COLLECTIVE[stem])
    if stem == "жүз":
        return ("hundred", 100)
    if stem == "жарты":
        return ("half", 0.5) if not suffix else None
    if stem == "жарым":
        return ("half", 0.5)
    if stem == "бүтін":
        return ("point", 0)
    return ("scale", SCALE_WORDS[stem])


def _decimal_denominator(numerator: float) -> float:
    return 10.0 ** len(str(int(numerator))) if numerator >= 1 else 10.0


def parse_words(run: str) -> float | None:
    """The value of a run of number words, or None when it is not one number."""
    words = [w for w in _SPLIT.split(run.strip()) if w]
    total = 0.0
    current = 0.0
    seen = False
    frac_mode = 0  # 0: integer part, 1: after «бүтін» waiting for a denominator, 2: numerator
    int_part = 0.0
    denom = 1.0
    for w in words:
        wv = word_value(w)
        if wv is None:
            return None
        role, v = wv
        if frac_mode == 1:
            if w.endswith(("нан", "нен", "ден", "дан")) and (
                    role == "unit" and v == 10 or role == "hundred" or (role == "scale" and v == 1e3)):
                denom = 10.0 if role == "unit" else v
                frac_mode = 2
                continue
            if role == "unit":  # «отыз төрт бүтін бес миллиард»: no denominator word
                denom = 0.0
                frac_mode = 2
            else:
                return None
        if role == "point":
            if not seen or frac_mode:
                return None
            int_part = total + current
            total = current = 0.0
            frac_mode = 1
            continue
        if role == "unit":
            current += v
        elif role == "hundred_ru":
            current += v
        elif role == "hundred":
            current = (current or 1) * 100
        elif role == "half":
            current = (current or 0) + 0.5
        elif role == "scale":
            if frac_mode == 2:
                value = (int_part + (total + current) / (denom or _decimal_denominator(total + current))) * v
                int_part = 0.0
                total, current, frac_mode = value, 0.0, 3
                continue
            total += (current or 1) * v
            current = 0.0
        seen = True
    if frac_mode == 1:
        return None
    if frac_mode == 2:
        return int_part + (total + current) / (denom or _decimal_denominator(total + current))
    if not seen:
        return None
    return total + current
