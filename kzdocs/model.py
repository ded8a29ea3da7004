"""The typed result of extraction: an `Inquiry` and its parts, with a stable JSON form.

`to_dict()` gives the JSON that `kzdocs extract --format json` prints and that
docs/schema.json describes; fields an extractor could not fill stay empty (None or []).
"""
from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

SCHEMA = "kzdocs/inquiry/v1"


class Record:
    """A part of the result; `to_dict()` is its JSON form."""

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)  # type: ignore[call-overload]


@dataclass
class Source(Record):
    path: str | None = None
    sha256: str | None = None
    pages: int = 0
    ocr_pages: list[int] = field(default_factory=list)


@dataclass
class Addressee(Record):
    """Whom the letter asks: the position and name as written, the surname in the nominative."""

    name: str | None = None
    surname: str | None = None
    initials: str | None = None
    salutation_name: str | None = None
    position: str | None = None
    organization: str | None = None
    resolved: dict[str, Any] | None = None


@dataclass
class Signatory(Record):
    name: str
    surname: str | None = None
    initials: str | None = None
    given_name: str | None = None


@dataclass
class Change(Record):
    """A change the text states: from one value to another, or a direction only."""

    direction: str
    from_value: float | None = None
    to_value: float | None = None

    def to_dict(self) -> dict[str, Any]:
        return {"from": self.from_value, "to": self.to_value, "direction": self.direction}


@dataclass
class Figure(Record):
    """A number the text cites, normalised: `value` is a float in `unit` or `currency`."""

    text: str
    start: int
    end: int
    value: float
    kind: str
    unit: str | None = None
    currency: str | None = None
    approximate: bool = False
    qualifier: str | None = None
    year: int | None = None
    sentence: str | None = None
    change: Change | None = None

    def to_dict(self) -> dict[str, Any]:
        return dict(asdict(self), change=self.change.to_dict() if self.change else None)


@dataclass
class Demand(Record):
    text: str
    start: int
    end: int
    deadline: str | None = None
    answer_form: str | None = None


@dataclass
class Topic(Record):
    code: int
    label: str
    score: float


@dataclass
class Entity(Record):
    text: str
    label: str
    start: int
    end: int


@dataclass
class Inquiry(Record):
    """Everything kzdocs extracts from one document."""

    source: Source = field(default_factory=Source)
    language: str | None = None
    doc_type: str | None = None
    title: str | None = None
    date: str | None = None
    number: str | None = None
    chamber: str | None = None
    faction: str | None = None
    addressee: Addressee | None = None
    signatories: list[Signatory] = field(default_factory=list)
    figures: list[Figure] = field(default_factory=list)
    demands: list[Demand] = field(default_factory=list)
    topics: list[Topic] = field(default_factory=list)
    entities: list[Entity] = field(default_factory=list)
    quotes: list[dict[str, Any]] = field(default_factory=list)
    sources: list[str] = field(default_factory=list)
    text: str = ""

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of docs/schema.json (schema version first, text last)."""
        data = asdict(self)
        data["figures"] = [f.to_dict() for f in self.figures]
        return {"schema": SCHEMA, **data}
