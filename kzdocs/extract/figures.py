"""Figures: every number an inquiry cites as a measure, normalised (Kazakh and Russian).

`extract_figures(text, lang=None)` returns `Figure`s in document order. The rules are
those of corpus/FORMAT.md («Figures: what counts and how to write it»):

* a figure is a number in digits («12 мың адамға», «15%-ға», «1 500», «1.500.000»,
  «12,4%») or in words («он миллиард үш жүз миллион теңге», «полтора миллиона», «вдвое»)
  with its scale word and the unit or currency word attached to it;
* `value` is fully normalised (scale applied), percentages are in percent;
* calendar years, dates, law/article/item numbers, ordinals, phone and document numbers,
  names with digits («COVID-19», «Е-9») and vague words («мыңдаған», «тысячи») are not
  figures;
* in a range or a change the first number takes the scale, unit and currency of the
  second when it has none of its own;
* qualifier words (шамамен, астам, около, более …) are left out of `text` and recorded in
  `qualifier`.

The module is pure standard library with regexes compiled at import, and scans about
1-2 MB of text per second on one core.
"""
from __future__ import annotations

import re
from bisect import bisect_right

from ..lang.numbers import (KK_SUFFIXES, ORDINAL_SUFFIX, RU_DIGIT_SUFFIXES, RU_RATIO,
                            RU_VAGUE_ALONE, RU_WORDS, WORD_NUMBER, parse_words, word_value)
from ..model import Change, Figure
from ..sentences import split as split_sentences

__all__ = ["extract_figures"]

L = r"[^\W\d_]"  # a letter
SP = r"[ \u00a0\u202f\t]"  # a space inside a line

# --- spans that never hold a figure (masked before the number scan) ----------------------
_KK_MONTHS = r"(?:қаңтар|ақпан|наурыз|сәуір|мамыр|маусым|шілде|тамыз|қыркүйек|қазан|қараша|желтоқсан)"
_RU_MONTHS = r"(?:январ|феврал|март|апрел|ма[йяе]|июн|июл|август|сентябр|октябр|ноябр|декабр)"
_YEAR = r"(?:1[89]\d\d|20\d\d)"
_MASKS = [
    r"(?:https?://|www\.)\S+",
    r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    r"\b[\w-]+\.(?:kz|ru|com|org|net|gov|edu|info)\b(?:/\S*)?",
    # dates
    r"(?<!\d)\d{1,2}[./]\d{1,2}[./]\d{2,4}(?!\d)",
    r"(?<![\d,])\d{1,2}(?:\s*[-–—]\s*\d{1,2})?[»\"”]?(?:-|\s+)?(?:%s|%s)%s*" % (_KK_MONTHS, _RU_MONTHS, L),
    # calendar years, single or in a span («2019 жылы», «2020–2025 жылдары», «2023 г.»)
    r"(?<![\d,.])%s(?:\s*[-–—]\s*%s|(?:\s*(?:,|және|мен|и)\s*%s)+)?(?:-?%s+)?%s*(?:жыл%s*|ж\.|жж\.?|год%s*|гг?\.|гг?\b)" % (
        _YEAR, _YEAR, _YEAR, L, SP, L, L),
    r"(?:жыл|год)%s*%s+%s(?!\d)" % (L, SP, _YEAR),
    "(?:%s)" % "|".join(r"(?<=\b%s\s)" % w for w in ("в", "с", "до", "к", "по", "на", "от", "за")) + r"%s(?![\d\s\u00a0]*(?:%%|процент|тенге|тонн|млн|млрд|тыс))" % _YEAR,
    r"(?<![\d,.])%s/%s(?!\d)" % (_YEAR, r"\d{2,4}"),
    # phone numbers
    r"(?:\+7|(?<!\d)8)\s?[(-]?\s?\d{3,5}\s?[)-]?\s?\d{1,3}[\s-]?\d{2}[\s-]?\d{2}(?!\d)",
    r"(?<![\d-])\d{2,3}-\d{2}-\d{2}(?![\d-])",
    r"(?:тел|факс|тел\.|ұялы)\.?:?\s*[\d\s()+-]{5,}",
    # document numbers and codes
    r"(?:№|\bn\s?(?=\d)|\bno\.)\s*[\w\-/.]*\d[\w\-/.]*(?:\s*[-–]\s*[\w\-/.]*\d[\w/.]*)?",
    r"(?<![\w-])[\w]*\d[\w]*(?:[-/][\w]*\d[\w]*)*/[\w-]*\d[\w-]*",
    r"(?<![\w-])\d+(?:-\d+){2,}",
    r"\b\d{1,2}:\d{2}\b",
    # names containing digits («COVID-19», «Е-9», «ТЭЦ-2», «G20», «5G»)
    # (they start where a run of letters starts: trying every letter inside a word was a
    # fifth of the masking time)
    r"(?<!%s)%s[\w]*\s?-\s?\d[\w.-]*" % (L, L),
    r"(?<!%s)%s+\d[\w-]*" % (L, L),
    r"\b\d+[a-z]+\b",
    # law, article and paragraph numbers
    r"\b(?:стать(?:я|и|е|ю|ей|ями|ях)|ст\.|(?:под)?пункт(?:а|у|е|ом|ы|ов|ами|ах)?|п\.|пп\.|подп\.|"
    r"част(?:ь|и|ью|ей)|ч\.|глав(?:а|ы|е|у|ой)|гл\.|раздел(?:а|е|у|ом)?|приложени(?:е|я|ю|и|ем)|"
    r"абзац(?:а|е|ем)?|стр\.|страниц(?:а|е|ы)|том(?:а|е)?|протокол(?:а|е|ом)?|тармақ|бап|"
    r"(?:даңғылы|көшесі|даңғ\.|көш\.|ул\.|улица|улицы|пр\.|проспект|пр-т|мкр\.?|шағын\s+аудан|д\.|дом|үй)\s*,?)"
    r"\s*\d+(?:[.,/]\d+)*(?:\s*(?:,|и|және|мен|[-–])\s*\d+(?:\.\d+)*)*",
    r"\d+(?:\.\d+)*(?:\s*(?:,|и|және|мен|[-–])\s*\d+(?:\.\d+)*)*\s?-?(?:бап|баб|тармақ|бөлім|бөлік|тарау|қосымша|сынып|курс|"
    r"абзац|бет|тармақша|шақырылым|статья|стать|пункт|класс|созыв|тип|топ|дәреже|разряд|категори|санат|"
    r"групп|степен|сесси)%s*" % L,
    # numbers that name things («150» сенім телефоны, postal codes)
    r"«\d[\d\s]*»",
    r"(?<![\d,.])0\d{3,}(?!\d|,\d)",
    # list-item numbers
    r"(?:^|(?<=\n))[ \t]*\(?\d{1,2}(?:\.\d{1,2})*[.)](?=\s|$)",
    r"(?<=[\s(;:])\d{1,2}\)(?=\s)",
    r"\(\d{1,2}\)",
]
_MASK = re.compile("|".join("(?:%s)" % m for m in _MASKS))

# --- the number scan ---------------------------------------------------------------------
_DIGITS = (r"(?:\d{1,3}(?:[ \u00a0\u202f]\d{3})+(?!\d)(?!,\d{3})|\d{1,3}(?:\.\d{3})+(?![\d.])|\d+)"
           r"(?:,\d+|\.\d{1,2}(?![\d.]))?")
_SCALE = (r"(?:мың(?!даған|дар)%s*|тыс\.?|тысяч%s*|миллион%s*|миллиард%s*|триллион%s*|"
          r"млн\.?|млрд\.?|трлн\.?)(?:-%s+)?" % ((L,) * 6))
_SCAN = re.compile(
    r"(?P<cur0>[$€₸]\s?)?"
    r"(?:(?P<dig>(?<![\w.,])(?<!%s-)(?<!%s\s-)%s)(?P<dsuf>-%s+)?" % (L, L, _DIGITS, L)
    + r"|(?P<words>%s)|(?P<ratio>\b(?:%s)\b))" % (WORD_NUMBER, "|".join(RU_RATIO))
    + r"(?:(?P<pct0>%s?%%)(?P<psuf>-%s+)?)?" % (SP, L)
    + r"(?:%s+(?P<scale>%s)(?![\w]))?" % (SP, _SCALE))
_SCALE_VALUE = [("мың", 1e3), ("тыс", 1e3), ("млн", 1e6), ("миллион", 1e6), ("млрд", 1e9),
                ("миллиард", 1e9), ("трлн", 1e12), ("триллион", 1e12)]

_CURRENCIES = [
    (r"ақш%s+доллар%s*|доллар%s*%s+сша|доллар%s*|\$|usd" % (SP, L, L, SP, L), "USD"),
    (r"теңге%s*|тенге|₸|kzt" % L, "KZT"),
    (r"еуро%s*|евро|€|eur" % L, "EUR"),
    (r"рубл%s*|руб\.|rub" % L, "RUB"),
    (r"юан%s*|cny" % L, "CNY"),
    (r"фунт%s*(?:%s+стерлинг%s*)?" % (L, SP, L), "GBP"),
    (r"швейцар%s*%s+франк%s*" % (L, SP, L), "CHF"),
    (r"манат%s*" % L, "AZN"),
    (r"сом%s*" % L, "KGS"),
]
_UNITS_MULTI = [
    (r"шаршы%s+(?:метр%s*|шақырым%s*|км)|кв\.?%s*(?:м|км)\b\.?|м2|м²|квадратн%s*%s+метр%s*" % (SP, L, L, SP, L, SP, L), "sq_m"),
    (r"текше%s+метр%s*|куб\.?%s*м\b\.?|м3|м³|кубометр%s*|кубическ%s*%s+метр%s*|куб%s*" % (SP, L, SP, L, L, SP, L, L), "cubic_m"),
    (r"квт\s?[·*⋅/.-]?\s?(?:сағ|ч)%s*\.?|киловатт%s*[\s-]сағат%s*|киловатт%s*[\s-]час%s*" % (L, L, L, L, L), "kwh"),
    (r"мвт%s*|мегаватт%s*" % (L, L), "mw"),
]
_TAIL = re.compile(
    r"(?P<sp>%s*)(?:(?P<pct>(?:%%|пайыз%s*|процент%s*|проц\.)(?:-%s+)?)|" % (SP, L, L, L)
    + "|".join(r"(?P<cur%d>%s)" % (i, c) for i, (c, _) in enumerate(_CURRENCIES))
    + r"|(?P<times>(?:есе(?:ге|ден|сі|сіне|лік|лей)?|рет|раза?|разов)(?!\w))|"
    + "|".join(r"(?P<unit%d>%s)" % (i, u) for i, (u, _) in enumerate(_UNITS_MULTI))
    + r")(?![\w])")
_WORD_AFTER = re.compile(r"%s*(%s[\w-]*\.?)" % (SP, L))

# unit nouns, looked up by prefix (stems) or as exact forms
_UNIT_STEMS = {
    "person": """адам кісі азамат тұрғын жолаушы оқушы студент бала мұғалім дәрігер маман қызметкер
        жұмысшы зейнеткер кәсіпкер шетелдік отандас мигрант қазақстандық науқас түлек әйел
        жасөспірім сарбаз фермер пациент тәрбиеленуші талапкер жұмыссыз мүгедек шопан малшы
        қатысушы волонтер ерікті жұмыскер салымшы тұтынушы қолданушы оралман депутат турист
        кандас қандас тұлға
        человек граждан жител работник сотрудник выпускник казахстанц иностранц пенсионер ребен
        ребён учащ школьник врач учител педагог пассажир безработн специалист военнослужащ мужчин
        женщин предпринимател получател инвалид заключенн осужденн родител абитуриент участник
        жертв погибш пострадавш больн медик соотечественник воспитанник сирот вкладчик клиент
        заемщик заёмщик абонент потребител пользовател оралман мигрант фермер""",
    "family": "отбасы семей семь",
    "year": "жыл жас",
    "day": "күн тәулік сутк суток",
    "hour": "сағат",
    "tonne": "тонна тонн",
    "kg": "килограм центнер",
    "litre": "литр",
    "hectare": "гектар",
    "km": "шақырым километр",
    "m": "метр",
    "month": "месяц",
}
_UNIT_EXACT = {
    "person": "ана аналар анаға дет детей дети детям детьми лиц лица чел. чел",
    "year": "лет год года годов году годам годами",
    "month": "ай айы айға айдан айда айдың айын айында айынан айына айының айымен айлар айдай "
             "айлық айлықта айлыққа айларда айлардың",
    "day": "дня дней дням днями днях день",
    "hour": "час часа часов часам часах",
    "tonne": "т т.",
    "kg": "кило кг кг.",
    "litre": "л.",
    "hectare": "га га.",
    "km": "км км.",
    "m": "м м.",
}
_UNIT_NOT = ("балабақша", "баламал", "жасау", "жасал", "жасап", "жасай", "жасыр", "жасыл", "жасқар",
             "күндел", "күнін", "жылдам", "жылжы", "жылу", "жылы ", "метрополит", "литрлік ")
_UNIT_PREFIX = {stem: unit for unit, stems in _UNIT_STEMS.items() for stem in stems.split()}
_UNIT_FORMS = {form: unit for unit, forms in _UNIT_EXACT.items() for form in forms.split()}
# counted things whose noun goes into `text` («15 мемлекет», «125 вокзал кешенінде»)
_COUNT_STEMS = frozenset("""
мемлекет мектеп мекеме объект нысан ауыл село аудан район облыс област қала город кәсіпорын
кәсіпорн предприяти жоба проект вокзал ғимарат здани кітапхана библиотек орын мест аурухана
больниц емхана поликлиник балабақша детск мәдениет клуб үй дом пәтер квартир автобус автомобил
көлік машин вагон округ кент поселк пункт нүкте тауар товар голов овец қой жылқы сиыр мал
хозяйств шаруашылы қожалы ферм кепілдік гарант тексеру провер келісімшарт договор контракт өтініш
обращени заявлени шағым жалоб жағдай случа қылмыс преступлени нарушени бұзушылық акт свалк
полигон колодц құдық ұңғыма скважин кешен комплекс станц бекет шахт завод зауыт фабрик цех
компани ұйым организац банк филиал учреждени школ колледж университет вуз жатақхана общежити
ошақ очаг пожар өрт апат авари рейс пойыз поезд ұшақ самолет самолёт учаск выезд выпуск посещени
алаң площадк бағдарлам программ позиц мекенжай адрес лицензи рұқсат разрешени кітап книг дана
штук бірлік единиц пән предмет срок градус факт займ заем бағыт направлени көрме выставк
экспорттаушы тайник ресурс теплоэлектроцентрал перевозчик тармақ бас сел""".split())
_COUNT_EXACT = frozenset("ел елге елде елден елдің елді елі елін елінде сел села селах селам селами шт.".split())
_MAX_STEM = 16
_QUAL_BEFORE = re.compile(
    r"(?<!\w)(?:(?P<about>шамамен|шамасы|шам\.|около|почти|порядка|примерно|приблизительно|ориентировочно|"
    r"приблизил%s*\s+к|приближа%s*\s+к)|"
    r"(?P<at_least>кем\s+дегенде|кемінде|ең\s+кемі|кемі|не\s+менее|не\s+меньше|как\s+минимум|минимум|от)|"
    r"(?P<up_to>не\s+более|не\s+свыше|не\s+больше|не\s+превыша%s*|не\s+превысил%s*|максимум|ең\s+көбі|"
    r"достига%s*|доходит\s+до|доходят\s+до|до)|"
    r"(?P<more_than>более\s+чем|более|свыше|больше|превышает|превышают|превысил%s*|превысит|превышать|"
    r"превышающ%s*|сверх)|"
    r"(?P<less_than>менее\s+чем|менее|меньше|не\s+достигает|ниже))"
    r"(?:\s+(?:чем|в|на|до|с|от))?\s+$" % ((L,) * 7))
_QUAL_AFTER = re.compile(
    r"\s*(?:(?P<about>жуы[қғ]%s*|шамасында|шамасы|төңірегінде|шақты|қарай|тарта|маңында)|" % L
    + r"(?P<at_least>кем\s+емес|кем\s+болма%s*)|" % L
    + r"(?P<more_than>астам%s*|арты[қғ]%s*|ас(?:а|ады|атын%s*|қан|са|ып|ты|уы|ар|пақ)|жоғары|көп|алыс)|" % (L, L, L)
    + r"(?P<less_than>(?:да\s+|де\s+)?жетпе%s*|толма%s*|кем|аз|төмен)|" % (L, L)
    + r"(?P<up_to>дейін|шейін|дейінгі|аспа%s*))(?![\w])" % L)
_CHANGE_WORD_BEFORE_DO = re.compile(
    r"(?:уменьш|сниж|сниз|довест|доведен|довед|увелич|вырас|выро|сократ|сокращ|повыс|повыш|рост|"
    r"подня|упа|опусти|трансферт|переработ|довес)%s*(?:\s+%s+){0,3}\s+до\s+$" % (L, L))
_APPROX_SUFFIX = re.compile(r"(?:д|т)(?:ай|ей)%s*$" % L)
_ABLATIVE = re.compile(r"(?:нан|нен|дан|ден|тан|тен)$")
_DATIVE = re.compile(r"(?:ға|ге|қа|ке|на|не|а|е|ына|іне|сына|сіне)$")
_CHANGE_UP = re.compile(
    r"өс(?:ті|кен|іп|уі|у|се|ті|етін)|көтеріл%s*|" % L + r"арт(?:ты|қан|ып|уы|ады|атын)|ұлғай%s*|көбей%s*|"
    r"қымбатта%s*|жоғарыла%s*|вырос%s*|выросл%s*|увеличи%s*|увеличен%s*|повыси%s*|повышен%s*|"
    r"возрос%s*|подорожа%s*|рост\b|прирост" % ((L,) * 12))
_CHANGE_DOWN = re.compile(
    r"азай%s*|төменде%s*|қысқар%s*|кеміг%s*|кеміді|кеміп|арзанда%s*|сократи%s*|сокращ%s*|"
    r"снизи%s*|снижен%s*|уменьши%s*|уменьшен%s*|упал%s*|упад%s*|подешев%s*" % ((L,) * 14))
_CONNECT = re.compile(r"\s*(?:[-–—]|\.\.\.?|…|мен|бен|пен|және|немесе|или|и|до|дейін|to)\s*$")
_YEAR_IN_SENT = re.compile(r"(?<![\d,.])(%s)(?:\s*[-–—]\s*%s)?(?:-?%s+)?%s*(?:жыл|ж\.|год|г\.)" % (
    _YEAR, _YEAR, L, SP))


class _Cand:
    __slots__ = ("start", "end", "value", "raw", "scale", "kind", "unit", "currency", "qual",
                 "has_own", "has_scale", "last_word", "is_word", "suffix", "ratio")

    def __init__(self, is_word: bool = False) -> None:
        """A candidate number: a quantity with no unit, qualifier or suffix until shown otherwise."""
        self.qual = self.unit = self.currency = None
        self.kind = "quantity"
        self.has_own = self.ratio = False
        self.is_word = is_word
        self.suffix = ""


def _lower(text: str) -> str:
    low = text.lower()
    if len(low) != len(text):
        low = "".join(c if len(c.lower()) != 1 else c.lower() for c in text)
    return low


def _digits_value(s: str) -> float | None:
    s = s.replace(" ", "").replace("\u00a0", "").replace("\u202f", "")
    if "," in s:
        s = s.replace(".", "").replace(",", ".")
    elif s.count(".") >= 1 and re.fullmatch(r"\d{1,3}(?:\.\d{3})+", s):
        s = s.replace(".", "")
    try:
        return float(s)
    except ValueError:
        return None


def _scale_of(word: str) -> float:
    for stem, v in _SCALE_VALUE:
        if word.startswith(stem):
            return v
    return 1.0


def _unit_of_word(word: str) -> str | None:
    unit = _UNIT_FORMS.get(word)
    if unit is not None:
        return unit
    if word.startswith(_UNIT_NOT):
        return None
    for k in range(min(len(word), _MAX_STEM), 2, -1):
        unit = _UNIT_PREFIX.get(word[:k])
        if unit is not None:
            return unit
    return None


def _is_count_noun(word: str) -> bool:
    if word in _COUNT_EXACT:
        return True
    for k in range(min(len(word), _MAX_STEM), 2, -1):
        if word[:k] in _COUNT_STEMS:
            return True
    return False


# What a masked span needs: a digit or a web / e-mail address.
_MASKABLE = re.compile(r"\d|@|www\.|https?:|\.(?:kz|ru|com|org|net|gov|edu|info)\b")


def _blank(m: re.Match) -> str:
    return "\x00" * (m.end() - m.start())


def _mask(low: str) -> str:
    """``low`` with the spans of _MASKS blanked out (same length). The long alternation is tried
    at every position it runs over, which was most of the time of extract_figures; so it runs
    only over the lines that hold something maskable and the lines either side of them (a span
    may cross a line break), each run of them preceded by a newline as in the whole text."""
    lines = low.splitlines(keepends=True)
    hit = [_MASKABLE.search(line) is not None for line in lines]
    near = [hit[i] or (i > 0 and hit[i - 1]) or (i + 1 < len(hit) and hit[i + 1])
            for i in range(len(lines))]
    out, i = [], 0
    while i < len(lines):
        j = i
        while j < len(lines) and near[j] == near[i]:
            j += 1
        run = "".join(lines[i:j])
        out.append(_MASK.sub(_blank, "\n" + run)[1:] if near[i] else run)
        i = j
    return "".join(out)


def _split_runs(low: str, start: int, end: int) -> list[tuple[int, int]]:
    """Sub-runs of valid number words inside a word-number match."""
    runs = []
    cur = None
    for m in re.finditer(r"[^\s-]+", low[start:end]):
        ok = word_value(m.group(0)) is not None
        s, e = start + m.start(), start + m.end()
        if ok:
            if cur and low[cur[1]:s].strip() == "":
                cur[1] = e
            else:
                if cur:
                    runs.append(tuple(cur))
                cur = [s, e]
        else:
            if cur:
                runs.append(tuple(cur))
            cur = None
    if cur:
        runs.append(tuple(cur))
    return runs


def _word_run_value(run: str) -> tuple[float, float] | None:
    """(value, trailing scale) of a number-word run; None when not a number."""
    v = parse_words(run)
    if v is None:
        return None
    last = run.split()[-1]
    wv = word_value(last)
    scale = wv[1] if wv and wv[0] == "scale" else 1.0
    return v, scale


def _tail(low: str, c: _Cand) -> None:
    """Read the unit, percent or currency after the number and extend the span."""
    if c.kind == "percent":
        return
    m = _TAIL.match(low, c.end)
    if m and m.lastgroup and m.lastgroup != "sp":
        g = m.lastgroup
        if g == "pct":
            c.kind = "percent"
        elif g.startswith("cur"):
            c.kind, c.currency = "money", _CURRENCIES[int(g[3:])][1]
        elif g == "times":
            word = m.group(g)
            if word.startswith("раз") and c.is_word and low[c.start:c.end].strip() in ("один", "одного"):
                pass
            if c.is_word and c.value == 1 and not c.has_scale:
                c.end = c.start  # «бір рет», «один раз»: not a measure
                return
            c.kind, c.unit = "quantity", "times"
        else:
            c.kind, c.unit = "quantity", _UNITS_MULTI[int(g[4:])][1]
        c.end = m.end()
        c.has_own = True
        c.last_word = m.group(g)
        return
    w = _WORD_AFTER.match(low, c.end)
    if w:
        word = w.group(1)
        if word.endswith(".") and not re.fullmatch(r"(?:т|кг|га|км|м|л|чел|шт|тыс|руб)\.", word):
            word = word[:-1]
        unit = _unit_of_word(word)
        if unit is not None:
            if c.is_word and c.value == 1 and not c.has_scale and unit not in ("year", "month", "day", "hour"):
                return
            nxt = _WORD_AFTER.match(low, w.end(1))
            if unit == "person" and nxt and nxt.group(1).startswith(("орн", "орын", "үй", "берушi", "беруші")):
                # «740 мың оқушы орнына», «тұрғын үй», «жұмыс берушіге»: the second noun counts
                c.kind, c.unit, c.has_own = "quantity", "unit", True
                c.end = nxt.start(1) + len(nxt.group(1).rstrip("."))
                c.last_word = nxt.group(1).rstrip(".")
                return
            if c.is_word and word in ("ел", "елі") :
                return
            c.kind, c.unit = "quantity", unit
            c.end = w.start(1) + len(word)
            c.has_own = True
            c.last_word = word
            return
        if _is_count_noun(word.rstrip(".")):
            word = word.rstrip(".")
            if c.is_word and ((c.value == 1 and not c.has_scale) or word.startswith("ел")):
                return
            c.kind, c.unit = "quantity", "unit"
            c.end = w.start(1) + len(word)
            c.has_own = True
            c.last_word = word
            return


def _lookahead_unit(low: str, pos: int, limit: int) -> str | None:
    """The unit of a noun a few words after the figure («10 мыңға жуық отандасымыз»)."""
    n = 0
    for m in re.finditer(r"[\w.·-]+|[^\w\s]", low[pos:min(limit, pos + 60)]):
        tok = m.group(0)
        if not tok[0].isalpha():
            return None
        u = _unit_of_word(tok)
        if u:
            return u
        if _is_count_noun(tok):
            return None
        n += 1
        if n >= 3:
            return None
    return None


def extract_figures(text: str, lang: str | None = None) -> list[Figure]:
    """Every figure of `text` in document order (see the module docstring)."""
    if not text:
        return []
    low = _lower(text)
    masked = _mask(low)
    if lang not in ("kk", "ru"):
        lang = _guess_lang(low)
    cands: list[_Cand] = []
    for m in _SCAN.finditer(masked):
        c = _Cand()
        scale = 1.0
        if m.group("dig") is not None:
            raw = m.group("dig")
            v = _digits_value(raw)
            if v is None:
                continue
            after = masked[m.end("dig"):m.end("dig") + 2]
            if re.match(r"[.,]\d", after):
                continue  # a dotted code such as 3.2.1
            dsuf = (m.group("dsuf") or "")[1:]
            if dsuf:
                if ORDINAL_SUFFIX.match(dsuf):
                    continue
                if dsuf not in KK_SUFFIXES and not (dsuf in RU_DIGIT_SUFFIXES and v < 10):
                    continue
                c.suffix = dsuf
            c.start, c.end = m.start("dig"), m.end("dig") + len(m.group("dsuf") or "")
            c.raw = raw
        elif m.group("ratio") is not None:
            v = float(RU_RATIO[m.group("ratio")])
            c.start, c.end = m.start("ratio"), m.end("ratio")
            c.kind, c.unit, c.has_own, c.ratio, c.is_word = "quantity", "times", True, True, True
            c.raw = m.group("ratio")
        else:
            # a run of number words, possibly with non-number words inside: take sub-runs
            runs = _split_runs(masked, m.start("words"), m.end("words"))
            main = None
            for rs, re_ in runs:
                rv = _word_run_value(masked[rs:re_])
                if rv is None:
                    continue
                if re_ == m.end("words"):
                    main = (rs, re_, rv)
                else:
                    _add_word_cand(cands, masked, rs, re_, rv)
            if main is None:
                continue
            rs, re_, (v, scale) = main
            if lang == "ru" and not any(w in RU_WORDS for w in masked[rs:re_].split()):
                continue  # «он», «она» are pronouns in Russian
            c.start, c.end = rs, re_
            c.raw = masked[rs:re_]
            c.is_word = True
        if m.group("pct0") is not None and not c.ratio and m.start("pct0") == _core_end(m):
            c.kind = "percent"
            c.has_own = True
            c.end = m.end("psuf") if m.group("psuf") else m.end("pct0")
        if m.group("scale") and not c.has_own and c.end == _core_end(m):
            sw = m.group("scale")
            s = _scale_of(sw)
            v *= s
            scale = s
            c.end = m.end("scale")
            if sw.endswith(".") and _ends_sentence(text, c.end) and not _TAIL.match(masked, c.end):
                c.end -= 1
        c.value = v
        c.scale = scale
        c.has_scale = scale != 1.0
        c.last_word = masked[c.start:c.end].split()[-1] if c.end > c.start else ""
        if m.group("cur0"):
            c.start = m.start("cur0")
            c.kind, c.currency, c.has_own = "money", {"$": "USD", "€": "EUR", "₸": "KZT"}[m.group("cur0")[0]], True
        if not c.has_own:
            _tail(masked, c)
        cands.append(c)
    cands.sort(key=lambda c: c.start)
    return _finish(text, low, masked, cands)


def _core_end(m: re.Match) -> int:
    if m.group("dig") is not None:
        return m.end("dsuf") if m.group("dsuf") else m.end("dig")
    if m.group("ratio") is not None:
        return m.end("ratio")
    return m.end("words")


_KK_LETTERS = re.compile(r"[әғқңөұүһі]")
_RU_ONLY = re.compile(r"\b(?:и|в|на|что|не|по|для|с|от|это|года|году)\b")


def _guess_lang(low: str) -> str:
    sample = low[:20000]
    kk = len(_KK_LETTERS.findall(sample))
    ru = len(_RU_ONLY.findall(sample))
    if kk > 3 * ru:
        return "kk"
    if ru > 3 * kk:
        return "ru"
    return "mixed"


def _ends_sentence(text: str, pos: int) -> bool:
    rest = text[pos:pos + 3].lstrip()
    return not rest or rest[0].isupper() or rest[0] in "\n«\"("


def _add_word_cand(cands, masked, rs, re_, rv) -> None:
    c = _Cand(is_word=True)
    c.start, c.end = rs, re_
    c.raw = masked[rs:re_]
    c.value, c.scale = rv
    c.has_scale = c.scale != 1.0
    c.last_word = c.raw.split()[-1]
    _tail(masked, c)
    cands.append(c)


def _finish(text: str, low: str, masked: str, cands: list[_Cand]) -> list[Figure]:
    # 1. drop what is not a figure
    kept: list[_Cand] = []
    for c in cands:
        if c.end <= c.start:
            continue
        raw = c.raw
        if c.is_word:
            words = raw.split()
            if not c.ratio:
                if len(words) == 1 and not c.has_scale:
                    w = words[0]
                    if w in ("бір", "один", "одна", "одно", "одного", "одной", "одному", "одну",
                             "одним", "одном") and not (c.has_own and c.unit not in (None, "unit")):
                        if not (c.kind in ("money", "percent")):
                            c.unit = "__bare_word__"
                    if w in ("жүз", "сто") and not c.has_own:
                        continue
                if len(words) == 1 and words[0] in RU_VAGUE_ALONE:
                    continue
                if not c.has_own and not c.has_scale:
                    # a lone number word: keep collective forms («екеу ғана») and range members
                    if not (re.match(r"(?:екеу|үшеу|төртеу|бесеу|алтау|жетеу|сегізеу|тоғызау|онау)", words[-1])
                            and not re.match(r"\s+(?:де|да)\b", masked[c.end:c.end + 4])):
                        c.unit = "__bare_word__"
        else:
            if (re.fullmatch(r"(?:1[89]\d\d|20\d\d)", raw) and not c.has_own and not c.has_scale
                    and c.kind == "quantity" and not c.suffix):
                continue  # a calendar year
            if re.fullmatch(r"(?:1[89]\d\d|20\d\d)", raw) and not c.has_scale and (
                    c.suffix or c.unit == "unit") and c.kind == "quantity":
                continue
            if masked[c.start - 1:c.start] == "«" and c.kind == "quantity":
                continue  # «100 нақты қадам»: a name
        kept.append(c)
    cands = kept

    # 2. ranges and changes: the first number takes the second's scale, unit and currency
    pairs: dict[int, int] = {}
    for i in range(len(cands) - 1):
        a, b = cands[i], cands[i + 1]
        gap = masked[a.end:b.start]
        if not _connected(a, b, gap):
            continue
        if a.unit == "__bare_word__":
            a.unit = None
        if not a.has_own:
            a.kind, a.unit, a.currency = b.kind, b.unit, b.currency
            if not a.has_scale and b.has_scale and (a.value < b.value / b.scale * 10 or gap.strip() in ("-", "–", "—")):
                a.value *= b.scale
                a.has_scale = True
        elif a.kind == "quantity" and a.unit is None and b.kind == "money" and a.has_scale:
            a.kind, a.currency = "money", b.currency
        elif a.kind == b.kind == "quantity" and a.unit == "unit" and not a.has_own:
            a.unit = b.unit
        pairs[i] = i + 1
    cands = [c for c in cands if c.unit != "__bare_word__"]

    # 3. sentences, qualifiers, units, years and changes
    spans = split_sentences(text) or [(0, len(text))]
    sent_starts = [a for a, _ in spans]
    figures: list[Figure] = []
    paired_to = {}
    # recompute pairs on the filtered list
    for i in range(len(cands) - 1):
        if _connected(cands[i], cands[i + 1], masked[cands[i].end:cands[i + 1].start]):
            paired_to[i] = i + 1
    paired_from = {v: k for k, v in paired_to.items()}
    for i, c in enumerate(cands):
        k = max(0, bisect_right(sent_starts, c.start) - 1)
        s_start, s_end = spans[k]
        if c.start >= s_end:  # between sentences (should not happen): take the gap
            s_start, s_end = s_end, spans[k + 1][0] if k + 1 < len(spans) else len(text)
        s_low = low[s_start:s_end]
        qual, ma = _qualifier(c, i, cands, paired_to, paired_from, low, masked, s_start)
        # unit of a bare quantity from the nouns that follow
        if c.kind == "quantity" and c.unit is None:
            end = ma.end() if ma else c.end
            c.unit = _lookahead_unit(low, end, s_end)
            sent = text[s_start:s_end].strip()
            prev = next((f for f in reversed(figures) if f.kind == "money" and f.sentence == sent), None)
            if c.unit is None and c.has_scale and prev is not None and re.match(r"\s*(?:[,.;:)]|$)", low[c.end:c.end + 3]):
                c.kind, c.currency = "money", prev.currency
            c.unit = c.unit or "unit"
            if i in paired_to and cands[i + 1].kind == "quantity" and cands[i + 1].unit:
                c.unit = cands[i + 1].unit
        # year of reference
        year = None
        best = None
        for ym in _YEAR_IN_SENT.finditer(s_low):
            ys = s_start + ym.start()
            if ys < c.start:
                best = int(ym.group(1))
            elif best is None:
                best = int(ym.group(1))
                break
        year = best
        fig = Figure(text=text[c.start:c.end], start=c.start, end=c.end, value=float(c.value),
                     kind=c.kind, unit=c.unit if c.kind == "quantity" else None,
                     currency=c.currency if c.kind == "money" else None,
                     approximate=qual is not None, qualifier=qual, year=year,
                     sentence=text[s_start:s_end].strip())
        figures.append(fig)
    for i, j in paired_to.items():
        a, b = figures[i], figures[j]
        gap = masked[a.end:b.start]
        if len(gap) <= 12 and _CONNECT.match(gap) and not re.match(r"\s*(?:до|дейін)\s*$", gap):
            # a range «27–29 мың теңге төңірегінде», «достигает 30–40%»: one qualifier for both
            q = a.qualifier or b.qualifier
            if q and not (a.qualifier and b.qualifier):
                a.qualifier = b.qualifier = q
                a.approximate = b.approximate = True
        if not cands[i].has_own and a.kind == "quantity" and b.kind == "money":
            a.kind, a.unit, a.currency = "money", None, b.currency
    _changes(figures, cands, paired_to, low)
    return figures


_GAP_WORDS = re.compile(r"(?:\s+%s+){0,2}\s+$" % L)
_NOT_GAP = re.compile(r"астам|артық|аса|кем|аз|көп|жоғары|төмен|более|менее|свыше")


def _connected(a: _Cand, b: _Cand, gap: str) -> bool:
    """Are a and b the two ends of one range or change («5–7», «20 мен 35», «12 мыңнан биыл 16 мың»)?"""
    if "\x00" in gap or len(gap) > 30:
        return False
    if len(gap) <= 12 and _CONNECT.match(gap):
        return True
    if _ABLATIVE.search(a.last_word or "") or (a.suffix and _ABLATIVE.search(a.suffix)):
        if gap.strip() == "":
            return True
        return not a.has_own and bool(_GAP_WORDS.match(gap)) and not _NOT_GAP.search(gap)
    return False


def _qualifier(c, i, cands, paired_to, paired_from, low, masked, s_start):
    """The qualifier of candidate i from the words just before or after it."""
    qual = None
    before = low[max(s_start, c.start - 40):c.start]
    mb = _QUAL_BEFORE.search(before)
    ablative = bool(_ABLATIVE.search(c.last_word or "") or _ABLATIVE.search(c.suffix or ""))
    dative = bool(_DATIVE.search(c.last_word or "") or _DATIVE.search(c.suffix or ""))
    if mb:
        qual = mb.lastgroup
        word = mb.group(0).split()[0]
        if word == "до" and (i in paired_from or _CHANGE_WORD_BEFORE_DO.search(before)):
            qual = None  # «с 120 до 340», «снижена до 2 трлн»: a range or change end
        elif word == "от" and i in paired_to:
            qual = None  # «от 5 до 7»
    ma = _QUAL_AFTER.match(low, c.end)
    if qual is None and ma:
        q = ma.lastgroup
        word = ma.group(q).split()[0]
        if q == "up_to" and word in ("дейін", "шейін", "дейінгі") and (
                i in paired_from or _pair_change(cands, i, masked, low)
                or _CHANGE_UP.match(low, ma.end() + 1) or _CHANGE_DOWN.match(low, ma.end() + 1)):
            q = None
        elif q in ("more_than", "less_than") and word in ("жоғары", "көп", "төмен", "аз", "кем", "алыс") and not ablative:
            q = None
        elif q == "less_than" and word in ("да", "де", "жетпе") and not dative:
            q = None
        elif q == "more_than" and c.unit == "times":
            q = None  # «2 есе артық» is a ratio
        qual = q
    if qual is None and (_APPROX_SUFFIX.search(c.suffix or "") or (
            c.last_word and len(c.last_word) > 4 and re.search(r"(?:дай|дей|тай|тей)$", c.last_word)
            and not c.last_word.endswith(("бастай", "дейін")))):
        qual = "about"
    return qual, ma


def _next_is_noun(masked: str, pos: int) -> bool:
    m = _WORD_AFTER.match(masked, pos)
    if not m:
        return False
    w = m.group(1)
    return bool(_unit_of_word(w) or _is_count_noun(w))


def _pair_change(cands, i, masked, low) -> bool:
    """Is candidate i the end of a «from … to» change (ablative earlier in the sentence)?"""
    if i == 0:
        return False
    a = cands[i - 1]
    gap = low[a.end:cands[i].start]
    if len(gap) > 60 or re.search(r"[.!?;]", gap):
        return False
    return bool(_ABLATIVE.search(a.last_word or "") or (a.suffix and _ABLATIVE.search(a.suffix))) and not re.match(
        r"\s*(?:астам|артық|аса|кем|аз|көп|жоғары|төмен)", gap)


def _changes(figures: list[Figure], cands, paired_to, low: str) -> None:
    for i, f in enumerate(figures):
        c = cands[i]
        # «A-дан … B-ға (дейін)», «с A до B», «от A до B» with a change verb
        if i + 1 < len(figures):
            b = figures[i + 1]
            gap = low[f.end:b.start]
            is_from = (_ABLATIVE.search(c.last_word or "") or (c.suffix and _ABLATIVE.search(c.suffix))
                       or re.search(r"(?:^|\s)(?:с|со|от)\s+$", low[max(0, f.start - 4):f.start]))
            if (is_from and f.sentence == b.sentence and len(gap) <= 60 and not re.search(r"[.!?;:]", gap)
                    and not re.match(r"\s*(?:астам|артық|аса|кем|аз|көп|жоғары|төмен|более|менее)", gap)
                    and f.kind == b.kind and f.currency == b.currency and f.qualifier is None):
                sent = f.sentence.lower()
                verb_up, verb_down = _CHANGE_UP.search(sent), _CHANGE_DOWN.search(sent)
                ru_from_to = re.search(r"(?:^|\s)(?:с|со)\s+$", low[max(0, f.start - 4):f.start]) and \
                    re.search(r"(?:^|\s)до\s+$", low[max(0, b.start - 4):b.start])
                kk_ablative = bool(_ABLATIVE.search(c.last_word or "") or (c.suffix and _ABLATIVE.search(c.suffix)))
                if verb_up or verb_down or ru_from_to or (kk_ablative and not re.match(
                        r"\s*(?:дейін|аралығ)", low[b.end:b.end + 12])):
                    if f.value != b.value:
                        direction = "up" if b.value > f.value else "down"
                    else:
                        direction = "up" if verb_up else "down" if verb_down else "none"
                    ch = Change(direction, f.value, b.value)
                    f.change = ch
                    b.change = ch
                    continue
        if f.change is not None:
            continue
        # «15%-ға өсті», «сократилось на 15%», «60 есеге ұлғайған», «в 2 раза выросло»
        after = low[f.end:f.end + 60]
        before = low[max(0, f.start - 40):f.start]
        kk_delta = bool(re.search(r"(?:ға|ге|қа|ке|на|не|а|е)$", (cands[i].last_word or "") + "")) or f.unit == "times"
        ru_delta = bool(re.search(r"(?:^|\s)(?:на|в)\s+$", before))
        if kk_delta or ru_delta:
            sent_after = after.split(".")[0]
            up = _CHANGE_UP.search(sent_after) or (ru_delta and _CHANGE_UP.search(before))
            down = _CHANGE_DOWN.search(sent_after) or (ru_delta and _CHANGE_DOWN.search(before))
            if up and (not down or up.start() < down.start()):
                f.change = Change("up")
            elif down:
                f.change = Change("down")
