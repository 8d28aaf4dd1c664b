"""Reference data of public reports, shipped as an editable, versioned data file
(``data/reference.json``): situations (and which make an SOS urgent), response targets, where
an offer was seen, the reporter's relation to the person, and the embassies shown to the public
(the national hotlines are the service's own, in ``ui/data/service.json``). Administrators change
them there, without a code change."""

from __future__ import annotations

from pathlib import Path

from waspada.reference_data import ReferenceFile, active_language
from waspada.ui import service_info
from waspada.ui.service_info import Hotline

_FILE = ReferenceFile(Path(__file__).resolve().parent / "data" / "reference.json")
version = _FILE.version
codes = _FILE.codes
choices = _FILE.choices
label = _FILE.label
item = _FILE.item


def urgent_situations() -> frozenset[str]:
    """The situations that make an SOS urgent."""
    return frozenset(entry["code"] for entry in _FILE.data["situations"] if entry.get("urgent"))


def target_hours(priority: str) -> int:
    """Hours within which a report of this priority should get its first response."""
    found = _FILE.item("targets", priority)
    return int(found["hours"]) if found else 72


def reason_label(code: str) -> str:
    """A priority reason: a situation's label or one of the ``reasons`` list."""
    for list_name in ("situations", "reasons"):
        if _FILE.item(list_name, code):
            return _FILE.label(list_name, code)
    return code


def hotlines(country: str = "") -> list[Hotline]:
    """The embassy of ``country`` first (when listed), then the national hotlines."""
    language = active_language()
    found: list[Hotline] = []
    embassy = _FILE.item("embassies", country.upper()) if country else None
    if embassy:
        found.append(Hotline(embassy[language], embassy.get("number", ""), embassy.get("url", "")))
    return found + service_info.hotlines()
