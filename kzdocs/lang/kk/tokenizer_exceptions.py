"""Tokenizer exceptions for official Kazakh: abbreviations and initials kept whole."""
from spacy.lang.tokenizer_exceptions import BASE_EXCEPTIONS
from spacy.symbols import NORM, ORTH
from spacy.util import update_exc

_exc = {}

# Abbreviations written with a full stop.  Each is also accepted capitalised.
_abbrev_exc = [
    # numbers and money
    {ORTH: "млн.", NORM: "миллион"},
    {ORTH: "млрд.", NORM: "миллиард"},
    {ORTH: "трлн.", NORM: "триллион"},
    {ORTH: "мың.", NORM: "мың"},
    {ORTH: "тең.", NORM: "теңге"},
    {ORTH: "теңг.", NORM: "теңге"},
    {ORTH: "дол.", NORM: "доллар"},
    {ORTH: "долл.", NORM: "доллар"},
    {ORTH: "руб.", NORM: "рубль"},
    {ORTH: "сом.", NORM: "сом"},
    # "and so on"
    {ORTH: "т.б.", NORM: "тағы басқа"},
    {ORTH: "т.с.с.", NORM: "тағы сол сияқты"},
    {ORTH: "т.с.", NORM: "тағы сол"},
    {ORTH: "т.т.", NORM: "тағы тағы"},
    {ORTH: "т.с.о.", NORM: "тағы солай олай"},
    {ORTH: "мыс.", NORM: "мысалы"},
    {ORTH: "қ.", NORM: "қараңыз"},
    {ORTH: "қар.", NORM: "қараңыз"},
    # time
    {ORTH: "ж.", NORM: "жыл"},
    {ORTH: "жж.", NORM: "жылдар"},
    {ORTH: "ғ.", NORM: "ғасыр"},
    {ORTH: "ғғ.", NORM: "ғасырлар"},
    {ORTH: "б.з.б.", NORM: "біздің заманымызға дейін"},
    {ORTH: "б.з.д.", NORM: "біздің заманымызға дейін"},
    {ORTH: "б.з.", NORM: "біздің заманымыз"},
    {ORTH: "сағ.", NORM: "сағат"},
    {ORTH: "мин.", NORM: "минут"},
    {ORTH: "сек.", NORM: "секунд"},
    {ORTH: "қаң.", NORM: "қаңтар"},
    {ORTH: "ақп.", NORM: "ақпан"},
    {ORTH: "нау.", NORM: "наурыз"},
    {ORTH: "сәу.", NORM: "сәуір"},
    {ORTH: "мам.", NORM: "мамыр"},
    {ORTH: "мау.", NORM: "маусым"},
    {ORTH: "шіл.", NORM: "шілде"},
    {ORTH: "там.", NORM: "тамыз"},
    {ORTH: "қыр.", NORM: "қыркүйек"},
    {ORTH: "қаз.", NORM: "қазан"},
    {ORTH: "қар.", NORM: "қараша"},
    {ORTH: "жел.", NORM: "желтоқсан"},
    # places and addresses
    {ORTH: "б.", NORM: "бап"},
    {ORTH: "тар.", NORM: "тармақ"},
    {ORTH: "тармақш.", NORM: "тармақша"},
    {ORTH: "бет.", NORM: "бет"},
    {ORTH: "обл.", NORM: "облыс"},
    {ORTH: "қ.", NORM: "қала"},
    {ORTH: "к.", NORM: "көше"},
    {ORTH: "көш.", NORM: "көшесі"},
    {ORTH: "ауд.", NORM: "аудан"},
    {ORTH: "а.", NORM: "ауыл"},
    {ORTH: "даң.", NORM: "даңғыл"},
    {ORTH: "ш.", NORM: "шағын аудан"},
    {ORTH: "үй.", NORM: "үй"},
    {ORTH: "пәт.", NORM: "пәтер"},
    {ORTH: "№.", NORM: "нөмір"},
    # quantities
    {ORTH: "шақ.", NORM: "шақырым"},
    {ORTH: "га.", NORM: "гектар"},
    {ORTH: "мм.", NORM: "миллиметр"},
    {ORTH: "см.", NORM: "сантиметр"},
    {ORTH: "км.", NORM: "километр"},
    {ORTH: "кг.", NORM: "килограмм"},
    {ORTH: "т.", NORM: "тонна"},
    {ORTH: "л.", NORM: "литр"},
    # titles and degrees
    {ORTH: "проф.", NORM: "профессор"},
    {ORTH: "акад.", NORM: "академик"},
    {ORTH: "доц.", NORM: "доцент"},
    {ORTH: "э.ғ.д.", NORM: "экономика ғылымдарының докторы"},
    {ORTH: "э.ғ.к.", NORM: "экономика ғылымдарының кандидаты"},
    {ORTH: "т.ғ.д.", NORM: "техника ғылымдарының докторы"},
    {ORTH: "т.ғ.к.", NORM: "техника ғылымдарының кандидаты"},
    {ORTH: "з.ғ.д.", NORM: "заң ғылымдарының докторы"},
    {ORTH: "з.ғ.к.", NORM: "заң ғылымдарының кандидаты"},
    {ORTH: "ф.ғ.д.", NORM: "филология ғылымдарының докторы"},
    {ORTH: "ф.ғ.к.", NORM: "филология ғылымдарының кандидаты"},
    {ORTH: "п.ғ.д.", NORM: "педагогика ғылымдарының докторы"},
    {ORTH: "п.ғ.к.", NORM: "педагогика ғылымдарының кандидаты"},
    {ORTH: "т.ғ.", NORM: "тарих ғылымдары"},
    # Russian abbreviations common in Kazakh official texts
    {ORTH: "г.", NORM: "год"},
    {ORTH: "гг.", NORM: "годы"},
    {ORTH: "т.д.", NORM: "и так далее"},
    {ORTH: "т.п.", NORM: "и тому подобное"},
    {ORTH: "и т.д.", NORM: "и так далее"},
    {ORTH: "т.е.", NORM: "то есть"},
    {ORTH: "ст.", NORM: "статья"},
    {ORTH: "п.", NORM: "пункт"},
    {ORTH: "пп.", NORM: "подпункт"},
    {ORTH: "стр.", NORM: "страница"},
    {ORTH: "тыс.", NORM: "тысяча"},
    {ORTH: "руб.", NORM: "рубль"},
    {ORTH: "ул.", NORM: "улица"},
    {ORTH: "обл.", NORM: "область"},
]

for abbr in _abbrev_exc:
    orth = abbr[ORTH]
    if " " in orth:
        continue
    for form in {orth, orth[:1].upper() + orth[1:]}:
        _exc[form] = [{ORTH: form, NORM: abbr[NORM]}]

# Acronyms written without dots: the tokenizer keeps them whole anyway; the exceptions
# give them a normal form (and cover variants with a trailing dot inside a sentence).
_acronyms = {
    "ҚР": "Қазақстан Республикасы",
    "АҚШ": "Америка Құрама Штаттары",
    "ТМД": "Тәуелсіз Мемлекеттер Достастығы",
    "БҰҰ": "Біріккен Ұлттар Ұйымы",
    "ЕАЭО": "Еуразиялық экономикалық одақ",
    "ЕАЭС": "Евразийский экономический союз",
    "ҰҚШҰ": "Ұжымдық қауіпсіздік туралы шарт ұйымы",
    "ШЫҰ": "Шанхай ынтымақтастық ұйымы",
    "ЕҚЫҰ": "Еуропадағы қауіпсіздік және ынтымақтастық ұйымы",
    "ЖІӨ": "жалпы ішкі өнім",
    "ЖОО": "жоғары оқу орны",
    "ҰБТ": "ұлттық бірыңғай тестілеу",
    "ҚҚС": "қосылған құн салығы",
    "ЖШС": "жауапкершілігі шектеулі серіктестік",
    "АҚ": "акционерлік қоғам",
    "ҰК": "ұлттық компания",
    "ҚТЖ": "Қазақстан темір жолы",
    "ІІМ": "Ішкі істер министрлігі",
    "СІМ": "Сыртқы істер министрлігі",
    "ТЖМ": "Төтенше жағдайлар министрлігі",
    "ҰҚК": "Ұлттық қауіпсіздік комитеті",
    "ҰБ": "Ұлттық Банк",
    "ҚРҰБ": "Қазақстан Республикасының Ұлттық Банкі",
    "ҚазҰУ": "Қазақ ұлттық университеті",
    "ЕО": "Еуропалық Одақ",
    "ЭЫДҰ": "Экономикалық ынтымақтастық және даму ұйымы",
    "ДСҰ": "Дүниежүзілік сауда ұйымы",
    "ДДҰ": "Дүниежүзілік денсаулық сақтау ұйымы",
    "ХВҚ": "Халықаралық валюта қоры",
    "ЖЭО": "жылу электр орталығы",
    "МСАК": "медициналық-санитариялық алғашқы көмек",
    "МӘМС": "міндетті әлеуметтік медициналық сақтандыру",
    "ЖАО": "жергілікті атқарушы орган",
    "ҚХР": "Қытай Халық Республикасы",
    "РФ": "Ресей Федерациясы",
}
for orth, norm in _acronyms.items():
    _exc[orth] = [{ORTH: orth, NORM: norm}]

# Initials: "Е.", "Ә.", "Ә.А." are single tokens (the full stop of a capital letter
# would otherwise be kept anyway, but the exceptions make two-letter initials safe).
_upper = "АӘБВГҒДЕЁЖЗИЙКҚЛМНҢОӨПРСТУҰҮФХҺЦЧШЩЪЫІЬЭЮЯ"
for a in _upper:
    _exc.setdefault(a + ".", [{ORTH: a + "."}])
    for b in _upper:
        _exc.setdefault(a + "." + b + ".", [{ORTH: a + "." + b + "."}])

TOKENIZER_EXCEPTIONS = update_exc(BASE_EXCEPTIONS, _exc)
