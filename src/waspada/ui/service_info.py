"""Who runs this service, how the public reaches it, and the national hotlines: reference data
in ``ui/data/service.json`` that each deployment edits, shown on the public pages."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from waspada.reference_data import ReferenceFile, active_language

_FILE = ReferenceFile(Path(__file__).resolve().parent / "data" / "service.json")


@dataclass(frozen=True)
class Hotline:
    name: str
    number: str
    url: str

    @property
    def tel(self) -> str:
        """The number as a ``tel:`` target (digits and a leading +)."""
        return "".join(ch for ch in self.number if ch.isdigit() or ch == "+")


@dataclass(frozen=True)
class Contact:
    label: str
    value: str
    href: str


def hotlines() -> list[Hotline]:
    language = active_language()
    return [
        Hotline(entry[language], entry.get("number", ""), entry.get("url", ""))
        for entry in _FILE.data["hotlines"]
    ]


def contacts() -> list[Contact]:
    language = active_language()
    return [
        Contact(entry[language], entry["value"], entry.get("href", ""))
        for entry in _FILE.data["contacts"]
    ]


def operator() -> dict[str, str]:
    entry = _FILE.data["operator"]
    return {"name": entry[active_language()], "url": entry.get("url", "")}
