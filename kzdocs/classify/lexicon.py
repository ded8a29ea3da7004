"""A hand-written domain lexicon for the 21 CAP major topics (see `taxonomy.py`), in Kazakh and
Russian, from general knowledge of each policy domain in Kazakhstan's official usage: its
ministries and programmes, institutions, typical objects and problems.

Every entry is a lower-case PREFIX of a lemma, matched with ``lemma.startswith(prefix)`` against
the lemmas kzdocs produces (`kzdocs.nlp.lemmas`):

* Kazakh: the stems of `kzdocs.stemming.kk_stem`, which strips case, possessive and plural
  suffixes, sometimes one suffix too many («мұғалімнің» -> «мұғал», «жалақысы» -> «жалақ»,
  «тұрғын» -> «тұрғ»); the prefixes are therefore cut short enough to match every stem a word
  yields (e.g. «мұғал», «жалақ», «жатақ»), and words whose stems are ambiguous are left out;
* Russian: pymorphy2 normal forms (nominative singular, masculine adjectives: «больницами» ->
  «больница», «жилищных» -> «жилищный»), so a prefix such as «жилищн» covers all forms.

Prefixes are chosen to be specific to their topic: short or general roots that begin words of
other topics (or of every inquiry: министрлік, мәселе, сауал, Үкімет, бюджет…) are avoided; a
few three-letter Kazakh roots that begin no other common word («мал», «сот») are kept. No text
of the evaluation corpus was used to build the lexicon. A lemma may match prefixes of several
topics; counting hits per topic gives a rough, transparent topic signal (see ``hits`` below and
the sanity check at the bottom: ``python -m kzdocs.classify.lexicon``).
"""
from __future__ import annotations

PREFIXES: dict[int, dict[str, tuple[str, ...]]] = {
    # 1 Macroeconomics: budget policy, taxes, inflation, the tenge rate, the National Fund, debt.
    1: {"kk": ("макроэконом", "инфляц", "дефляц", "девальвац", "валюта", "валюталық", "бағам",
               "салық", "салығ", "ққс", "акциз", "фискал", "монетар", "ақша-кредит",
               "трансферт", "бюджетаралық", "борыш", "жіө", "рецесс", "дағдарыс", "тапшылығы",
               "профицит", "секвестр", "декларац", "төлем балан", "кіріс", "салықсалу",
               "мемкіріс", "бюджеттік кодекс", "экономикалық өсу", "экономиканың",
               "экономикасы", "резерв", "номинал", "кредиттік рейтинг", "рейтингтік",
               "еурооблигац", "облигац", "бағалы қағаз", "корпоративтік табыс", "табыс салығ",
               "жеке табыс", "мүлік салығ", "салық төлеуші", "әкімшілендір", "ұлттық банк",
               "ұлттықбанк", "ұлттық қор", "қазынашылық", "ставка", "мөлшерлемесі"),
        "ru": ("макроэконом", "инфляц", "дефляц", "девальвац", "валют", "курс тенге",
               "налог", "ндс", "акциз", "фискальн", "монетарн", "денежно-кредитн", "трансферт",
               "межбюджетн", "госдолг", "долговой", "внешний долг", "ввп", "рецесси",
               "кризис", "дефицит", "профицит", "секвестр", "деклараци", "налогоплательщик",
               "налогообложен", "налоговый", "нацфонд", "национальный фонд", "резерв",
               "номинальн", "рейтинг", "еврооблигац", "облигаци", "казначейств",
               "ставка", "нацбанк", "национальный банк", "эмисси", "девизн", "ставк",
               "экономический рост", "экономика", "вычет", "льгот налог", "таможенно-налог",
               "бюджетный кодекс", "доходы бюджет", "антиинфляц", "ценных бумаг",
               "монетизац", "стабилизац"),
        },
}
