"""Who signs: every name of the signature block in order, from any layout (a table of role and
names, a right-aligned column, a list, names on one line separated by commas), and the
chamber and faction the signature block (or the letter) names."""
from __future__ import annotations

import difflib
import re

from ..document import Document
from ..model import Signatory
from ..names import people_in
from .structure import Letter

CHAMBERS = (("mazhilis", re.compile(r"Мәжіліс|Мажилис", re.I)),
            ("senate", re.compile(r"Сенат|сенатор", re.I)))
FACTIONS = ["Nur Otan", "Нұр Отан", "Нур Отан", "AMANAT", "Amanat", "Ақ жол", "Ак жол", "Ак Жол",
            "Ақ Жол", "Ауыл", "Auyl", "Respublica", "Республика", "ҚХКП", "КНПК", "ҚХП",
            "Қазақстан халық партиясы", "Қазақстан Халық партиясы",
            "Қазақстан халық коммунистік партиясы", "Коммунистическая народная партия Казахстана", "Народная партия Казахстана", "Халық партиясы", "ЖСДП",
            "ОСДП", "People's Party"]
#: The chamber a draft law is before, in an explanatory note or a release. Drafts go from the
#: Mazhilis to the Senate, so a draft sent to the Senate is the Senate's.
_DRAFT_AT = (
    ("senate", re.compile(r"Сенат\w*\s+(?:қарау\w*|жолдан\w*|жібер\w*)|(?:направлен|поступил|"
                          r"внесен|рассматрива|на\s+рассмотрение)\w*\s+(?:в\s+)?Сенат", re.I)),
    ("mazhilis", re.compile(r"Мәжіліс\w*\s+(?:қарау\w*|енгізіл\w*|жолдан\w*)|(?:направлен|"
                            r"поступил|внесен|на\s+рассмотрение)\w*\s+(?:в\s+)?Мажилис", re.I)),
)
_QUOTED = re.compile(r"«([^«»]{2,60})»")
_FACTION_NEAR = re.compile(r"фракци|партия|партии|партиясы", re.I)
#: A faction named without quotes next to the word "faction": "Қазақстан Халық партиясы фракциясының".
_NAMED_FACTION = re.compile(
    r"(" + "|".join(re.escape(f) for f in sorted(FACTIONS, key=len, reverse=True)) +
    r")\s*(?:партиясы(?:ның)?\s+)?(?:фракци|ҚДП фракци|ДПК фракци)|фракци\w*\s+(?:партии\s+)?("
    + "|".join(re.escape(f) for f in sorted(FACTIONS, key=len, reverse=True)) + r")\b")


def _people(piece: str, lang: str | None) -> list[Signatory]:
    return [Signatory(n.text, n.surname, n.initials, n.given_name) for n in people_in(piece, lang)]


def extract(doc: Document, letter: Letter) -> list[Signatory]:
    """Every signer in the order the signature block gives them."""
    lang = doc.language if doc.language in ("kk", "ru") else None
    signers: list[Signatory] = []
    for block in letter.signature:
        # A table row holds the role on the left and the names on the right: cells in order.
        for cell in block.text.split("\t"):
            for line in cell.split("\n"):
                for piece in line.split(","):
                    signers.extend(_people(piece, lang))
    seen: set[str] = set()
    unique = []
    for s in signers:
        if s.name not in seen:
            seen.add(s.name)
            unique.append(s)
    return unique


#: Spellings of one faction (the Latin, Kazakh and Russian forms, and a party's renaming), under
#: one name for statistics: `kzdocs stats --by faction` groups with `faction_group`.
FACTION_GROUPS = {
    "Nur Otan": ("Nur Otan", "Нұр Отан", "Нур Отан"),
    "AMANAT": ("AMANAT", "Amanat"),
    "Ak Zhol": ("Ақ жол", "Ак жол", "Ак Жол", "Ақ Жол"),
    "Auyl": ("Ауыл", "Auyl"),
    "Respublica": ("Respublica", "Республика"),
    "People's Party of Kazakhstan": (
        "ҚХКП", "КНПК", "ҚХП", "Қазақстан халық партиясы", "Қазақстан Халық партиясы",
        "Қазақстан халық коммунистік партиясы", "Коммунистическая народная партия Казахстана",
        "Народная партия Казахстана", "Халық партиясы", "People's Party"),
    "OSDP": ("ЖСДП", "ОСДП"),
}
_GROUP_OF = {spelling.casefold(): name for name, spellings in FACTION_GROUPS.items()
             for spelling in spellings}


def faction_group(faction: str | None) -> str | None:
    """The faction's common name across spellings ("Нұр Отан" -> "Nur Otan"), or as written."""
    if faction is None:
        return None
    return _GROUP_OF.get(" ".join(faction.split()).casefold(), faction)


#: Cyrillic capitals that look like Latin ones: OCR reads «AMANAT» as «АМАМАТ».
_SKELETON = str.maketrans("АВЕКМНОРСТХУ", "ABEKMHOPCTXY")


def _skeleton(name: str) -> str:
    return name.upper().translate(_SKELETON)


def _canonical_faction(name: str) -> str | None:
    """The faction as written, or the nearest known name when OCR garbled it ("Миг Otan",
    "АМАМАТ"), compared letter shape to letter shape."""
    name = " ".join(name.split())
    if name in FACTIONS:
        return name
    shapes: dict[str, str] = {}
    for known in FACTIONS:  # the first spelling of a shape is the usual one
        shapes.setdefault(_skeleton(known), known)
    close = difflib.get_close_matches(_skeleton(name), list(shapes), n=1, cutoff=0.6)
    return shapes[close[0]] if close else None


def chamber_and_faction(doc: Document, letter: Letter) -> tuple[str | None, str | None]:
    """The chamber (mazhilis or senate) and the faction the signers (or the addressee) name."""
    places = [" ".join(b.text for b in letter.signature),
              " ".join(b.text for b in letter.addressee), doc.text]
    chamber = None
    for text in places:
        if text is doc.text and (at := next((c for c, p in _DRAFT_AT if p.search(text)), None)):
            chamber = at
            break
        hits = [(m.start(), name) for name, pattern in CHAMBERS if (m := pattern.search(text))]
        if hits:
            chamber = min(hits)[1]
            break
    faction = None
    signature, whole = places[0], doc.text
    for text in (signature, whole):
        for m in _QUOTED.finditer(text):
            near = text[max(0, m.start() - 80):m.end() + 80]
            if _FACTION_NEAR.search(near if text is signature else near.replace("парти", ""))\
                    and (found := _canonical_faction(m.group(1))):
                faction = found
                break
        if faction is None and (m := _NAMED_FACTION.search(text)):
            faction = m.group(1) or m.group(2)
        if faction:
            break
    if chamber is None and faction is not None:
        chamber = "mazhilis"  # only the Mazhilis has party factions
    return chamber, faction
