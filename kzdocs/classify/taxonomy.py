"""The 21 major topics of the Comparative Agendas Project (CAP), with labels in English, Kazakh
and Russian and a note on what belongs where in the Kazakhstan context."""
from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class CapTopic:
    code: int
    en: str
    kk: str
    ru: str
    scope: str

    def label(self, lang: str | None = "en") -> str:
        return {"kk": self.kk, "ru": self.ru}.get(lang or "en", self.en)


TOPICS: tuple[CapTopic, ...] = (
    CapTopic(1, "Macroeconomics", "Макроэкономика", "Макроэкономика",
             "budget, taxes, inflation, the tenge rate, the National Fund, public debt, "
             "the National Bank's policy"),
    CapTopic(2, "Civil rights", "Азаматтық құқықтар", "Гражданские права",
             "rights of persons with disabilities, minorities, gender equality, privacy and "
             "personal data, freedom of speech and assembly, state language rights"),
    CapTopic(3, "Health", "Денсаулық сақтау", "Здравоохранение",
             "hospitals and clinics, medicines, compulsory health insurance (ОСМС/МӘМС), "
             "epidemics, doctors' pay and shortages"),
    CapTopic(4, "Agriculture", "Ауыл шаруашылығы", "Сельское хозяйство",
             "crops and grain, livestock, farm subsidies and loans, veterinary matters, "
             "pastures, food security"),
    CapTopic(5, "Labour", "Еңбек және жұмыспен қамту", "Труд и занятость",
             "wages and arrears, employment programmes, labour disputes, occupational safety, "
             "trade unions, labour migration of citizens"),
    CapTopic(6, "Education", "Білім беру", "Образование",
             "schools, kindergartens, colleges, universities, teachers, textbooks, "
             "school construction (e.g. «Жайлы мектеп»)"),
    CapTopic(7, "Environment", "Қоршаған орта", "Окружающая среда",
             "air and water pollution, waste and landfills, ecology code, emissions, "
             "the Aral and Caspian seas' ecology, forests' protection"),
    CapTopic(8, "Energy", "Энергетика", "Энергетика",
             "electricity and heat, power plants (ТЭЦ/ЖЭО), gasification, coal, fuel prices, "
             "oil and gas production, tariffs for utilities' energy"),
    CapTopic(9, "Immigration", "Көші-қон", "Миграция",
             "immigration and emigration, returning ethnic Kazakhs (қандастар/оралмандар), "
             "foreign labour, illegal migration, citizenship"),
    CapTopic(10, "Transportation", "Көлік", "Транспорт",
             "roads, railways, aviation, public transport, road safety, logistics"),
    CapTopic(12, "Law and crime", "Құқық және қылмыс", "Право и преступность",
             "police, courts, prosecution, crime, drugs, corruption cases, prisons, "
             "domestic violence, fraud"),
    CapTopic(13, "Social welfare", "Әлеуметтік қамсыздандыру", "Социальное обеспечение",
             "pensions, benefits, large families, the poor, social assistance, "
             "care for the elderly and persons with disabilities"),
    CapTopic(14, "Housing", "Тұрғын үй", "Жилье",
             "housing construction and queues, mortgages, rent, communal services (ЖКХ), "
             "dilapidated and emergency housing"),
    CapTopic(15, "Domestic commerce", "Ішкі сауда және кәсіпкерлік", "Внутренняя торговля",
             "small and medium business, banks, credit and microcredit, consumer protection, "
             "prices and competition, public procurement, tourism business"),
    CapTopic(16, "Defence", "Қорғаныс", "Оборона",
             "armed forces, conscription, servicemen and veterans, military housing, "
             "defence industry"),
    CapTopic(17, "Technology", "Технология және байланыс", "Технологии и связь",
             "internet and mobile coverage, digitalisation and e-government, science, "
             "space, telecom, cybersecurity"),
    CapTopic(18, "Foreign trade", "Сыртқы сауда", "Внешняя торговля",
             "exports and imports, customs, the Eurasian Economic Union, WTO, tariffs, "
             "trade barriers"),
    CapTopic(19, "International affairs", "Халықаралық қатынастар", "Международные отношения",
             "foreign policy, citizens abroad, embassies and consular matters, transboundary "
             "rivers with neighbours, international aid"),
    CapTopic(20, "Government operations", "Мемлекеттік басқару", "Государственное управление",
             "civil service, ministries' work, public administration, elections, local "
             "self-government, state property and quasi-state companies"),
    CapTopic(21, "Public lands", "Жер және су ресурстары", "Земельные и водные ресурсы",
             "land allocation and use, water management and irrigation, national parks, "
             "subsoil and natural resources"),
    CapTopic(23, "Culture", "Мәдениет", "Культура",
             "culture, language policy, media, sport, heritage and monuments, libraries, "
             "religion and tourism as culture"),
)
BY_CODE = {t.code: t for t in TOPICS}
CODES = tuple(t.code for t in TOPICS)
