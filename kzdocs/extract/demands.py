"""What an inquiry asks for: the items of a list of requests ("сұраймыз:", "просим:") and the
request sentences of the text, with the deadline and the form of the answer where stated."""
from __future__ import annotations

import re

from ..document import Block, Document
from ..model import Demand
from ..sentences import split
from .structure import Letter

REQUEST = re.compile(
    r"сұраймыз|сұраймын|өтінеміз|өтінемін|(?:жауап|\w+(?:ыңызды|іңізді))\s+күте(?:міз|мін)|"
    r"(?:қажет|орынды|маңызды)\s+деп\s+(?:санаймыз|санаймын|есептейміз|есептеймін|білеміз)|"
    r"ұсынамыз|ұсынамын|талап\s+етеміз|тапсыруды|қарастыруды|"
    r"\bпрошу\b|\bпросим\b|(?:считаю|считаем|полагаю|полагаем)\s+(?:\w+\s+)?"
    r"(?:необходимым|целесообразным)|\bпредлагаем\b|\bпредлагаю\b|"
    r"требуем|\bпоручить\b",
    re.IGNORECASE)
#: A paragraph that opens a list of requests ("…сұраймыз:", "Сізден:", "просим:", "предлагаем:").
LIST_INTRO = re.compile(
    r"(?:сұраймыз|сұраймын|өтінеміз|өтінемін|ұсынамыз|ұсынамын|Сізден|санаймыз|санаймын|мына|"
    r"просим|прошу|предлагаем|предлагаю|считаем\s+необходимым|считаю\s+необходимым|"
    r"необходимо|қажет|Вас|требуем|мыналарды|следующ\w+)[^:]{0,120}:\s*$", re.IGNORECASE)
ITEM = re.compile(r"^\s*(?:\d{1,2}[.)]|[а-яә][)]|[-–—•·*])\s+")
WRITTEN = re.compile(r"жазбаша|письменн", re.IGNORECASE)
ORAL = re.compile(r"ауызша|устн|пленарл\w+\s+отырыс|пленарном\s+заседании", re.IGNORECASE)
DEADLINE = re.compile(
    r"(заңнам\w*\s+белгіленген\s+мерзім\w*|белгіленген\s+мерзім\w*|"
    r"\d+\s+(?:күн|жұмыс\s+күні)\w*\s+ішінде|в\s+(?:установленн\w+|предусмотренн\w+)[^.]{0,60}?срок\w*|"
    r"в\s+срок\w*,?\s+установленн\w+[^.]{0,80}|в\s+течение\s+\d+\s+\w+\s+дн\w+|"
    r"до\s+\d{1,2}\s+\w+\s+20\d\d\s+года|\d{4}\s+жылғы\s+\d{1,2}\s+\w+\s+дейін)",
    re.IGNORECASE)


def _demand(text: str, start: int) -> Demand:
    """A Demand over text[start:…], trimmed of spaces, with deadline and answer form."""
    lead = len(text) - len(text.lstrip())
    text = text.strip()
    form = "written" if WRITTEN.search(text) else "oral" if ORAL.search(text) else None
    deadline = m.group(1) if (m := DEADLINE.search(text)) else None
    return Demand(text, start + lead, start + lead + len(text), deadline, form)


def _items(block: Block) -> Demand:
    m = ITEM.match(block.text)
    offset = m.end() if m else 0
    return _demand(block.text[offset:], block.start + offset)


def extract(doc: Document, letter: Letter) -> list[Demand]:
    """Each separate request, in order: list items after a request intro, request sentences."""
    demands: list[Demand] = []
    body = letter.body
    in_list = False
    for i, block in enumerate(body):
        if in_list and ITEM.match(block.text):
            demands.append(_items(block))
            continue
        in_list = False
        if LIST_INTRO.search(block.text) and i + 1 < len(body) and ITEM.match(body[i + 1].text):
            in_list = True
            # The intro sentence asks nothing by itself; its items are the demands.
            sentences = split(block.text, block.start)[:-1]
        else:
            sentences = split(block.text, block.start)
        for start, end in sentences:
            sentence = doc.text[start:end]
            if REQUEST.search(sentence):
                demands.append(_demand(sentence, start))
    return demands
