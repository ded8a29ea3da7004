"""Document type, title, outgoing number and date, quotations and cited web sites."""
from __future__ import annotations

import re

from ..document import Document
from ..model import Inquiry
from .structure import Letter

KK_MONTHS = ["қаңтар", "ақпан", "наурыз", "сәуір", "мамыр", "маусым", "шілде", "тамыз",
             "қыркүйек", "қазан", "қараша", "желтоқсан"]
RU_MONTHS = ["январ", "феврал", "март", "апрел", "ма[яй]", "июн", "июл", "август", "сентябр",
             "октябр", "ноябр", "декабр"]
_MONTH = "|".join(KK_MONTHS + RU_MONTHS)
DATE_PATTERNS = [
    # 2023 жылғы 15 наурыз / 2023 жылғы «15» наурыздағы
    re.compile(rf"\b((?:19|20)\d\d)\s*ж(?:ылғы|\.)\s*«?(\d{{1,2}})»?\s*({_MONTH})\w*", re.I),
    # «15» наурыз 2023 ж. / 15 марта 2023 года
    re.compile(rf"«?\b(\d{{1,2}})»?\s+({_MONTH})\w*\s+((?:19|20)\d\d)", re.I),
    # 15.03.2023
    re.compile(r"\b(\d{1,2})\.(\d{1,2})\.((?:19|20)\d\d)\b"),
]
NUMBER = re.compile(r"№\s*([\w\-/.]*\d[\w\-/.]*)")
INQUIRY_TITLE = re.compile(r"депутат(?:т[ыі][қк]|ский)\s+(?:сауал|запрос)|^\s*(?:сауал|запрос)\b",
                           re.I)
REPLY = re.compile(
    r"(?:депутаттық\s+)?сауал(?:ыңыз|ыңызды|ыңызға|ға)\b.{0,80}(?:қарап|жауап|хабарлаймыз)|"
    r"(?:на\s+)?ваш(?:\s+депутатский)?\s+запрос|депутатск\w+\s+запрос\w*\s+(?:от|№)|"
    r"рассмотрев\s+(?:Ваш\s+)?(?:депутатский\s+)?запрос|сауалыңызды\s+қарап|"
    r"депутаттық\s+сауалыңыз", re.I)
REQUEST = re.compile(r"сұраймыз|сұраймын|өтінеміз|просим|прошу|ұсынамыз|предлагаем", re.I)
SOURCE = re.compile(r"\b(?:https?://)?(?:www\.)?[a-z0-9][a-z0-9-]*(?:\.[a-z0-9-]+)*\.(?:kz|ru|com|org|"
                    r"net|gov|info|io|uz|kg)(?:/[^\s,;)»]*)?", re.I)
QUOTE = re.compile(r"«([^«»]{25,600})»")
_CAP = "[А-ЯӘҒҚҢӨҰҮҺІ][а-яәғқңөұүһі]+(?:-[А-ЯӘҒҚҢӨҰҮҺІ][а-яәғқңөұүһі]+)?"
#: "Мемлекет Басшысы Қасым-Жомарт Кемелұлы Тоқаев … «…»": a title and the name that follows it.
SPEAKER_BEFORE = re.compile(
    rf"((?:Мемлекет Басшысы|Президент|Премьер-Министр|Глава государства)(?:\s+{_CAP}){{0,3}})"
    r"[^«]{0,160}$")
#: "«…», – деп Сабыр Адай айтқандай" / "«…», — заявил Иван Петров".
SPEAKER_AFTER = re.compile(
    rf"^[»\s,–—-]*(?:деп\s+({_CAP}(?:\s+{_CAP})?)\s+(?:айтқандай|айтқан|атап|мәлімдеді|деген)|"
    rf"(?:сказал|отметил|заявил|подчеркнул)\w*\s+({_CAP}(?:\s+{_CAP})?))")


def find_date(text: str) -> str | None:
    """The first date written in `text`, as ISO 8601."""
    best: tuple[int, str] | None = None
    for i, pattern in enumerate(DATE_PATTERNS):
        m = pattern.search(text)
        if not m:
            continue
        if i == 0:
            year, day, month = m.group(1), m.group(2), m.group(3)
        elif i == 1:
            day, month, year = m.group(1), m.group(2), m.group(3)
        else:
            day, month, year = m.group(1), m.group(2), m.group(3)
        if not month.isdigit():
            month = str(_month_number(month))
        try:
            iso = f"{int(year):04d}-{int(month):02d}-{int(day):02d}"
        except ValueError:
            continue
        if 1 <= int(month) <= 12 and 1 <= int(day) <= 31 and (best is None or m.start() < best[0]):
            best = (m.start(), iso)
    return best[1] if best else None


def _month_number(word: str) -> int:
    word = word.lower()
    for i, stem in enumerate(KK_MONTHS):
        if word.startswith(stem):
            return i + 1
    for i, stem in enumerate(RU_MONTHS):
        if re.match(stem, word):
            return i + 1
    return 0


def doc_type(doc: Document, letter: Letter) -> str:
    """inquiry, reply (an answer to an inquiry) or other."""
    head = " ".join(b.text for b in doc.blocks[:12])
    if letter.title is not None and INQUIRY_TITLE.search(letter.title.text):
        return "inquiry"
    if REPLY.search(head):
        return "reply"
    body = " ".join(b.text for b in letter.body)
    if letter.salutation is not None and REQUEST.search(body) and letter.signature:
        return "inquiry"
    return "other"


def fill(inquiry: Inquiry, doc: Document, letter: Letter) -> None:
    """Set doc_type, title, date, number, quotes and sources of `inquiry`."""
    inquiry.doc_type = doc_type(doc, letter)
    if letter.title is not None:
        inquiry.title = " ".join(letter.title.text.split())
    places = letter.header + letter.signature + letter.footer
    for block in places:
        if inquiry.number is None and (m := NUMBER.search(block.text)):
            inquiry.number = m.group(1).rstrip(".")
        if inquiry.date is None:
            inquiry.date = find_date(block.text)
    inquiry.sources = sorted({m.group(0).rstrip(".") for m in SOURCE.finditer(doc.text)
                              if not m.group(0)[0].isdigit()})
    for m in QUOTE.finditer(doc.text):
        before = doc.text[max(0, m.start() - 160):m.start()]
        after = doc.text[m.end():m.end() + 80]
        speaker = None
        if s := SPEAKER_AFTER.search(after):
            speaker = s.group(1) or s.group(2)
        elif s := SPEAKER_BEFORE.search(before):
            speaker = s.group(1)
        inquiry.quotes.append({"text": m.group(1), "start": m.start(1), "end": m.end(1),
                               "speaker": speaker})
