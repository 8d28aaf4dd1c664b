"""The sections of the main navigation, registered by the apps that own them.

Each app adds its section from ``AppConfig.ready()``, so the toolkit never names the apps above
it. A section is shown to a user who holds its permission (see ``context_processors.shell``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from waspada.accounts.permissions import Perm


@dataclass(frozen=True)
class Section:
    url_name: str
    label: Any
    perm: Perm
    order: int


_sections: dict[str, Section] = {}


def register_section(url_name: str, label: Any, perm: Perm, *, order: int) -> None:
    """Add (or replace, by url name) a section of the main navigation."""
    _sections[url_name] = Section(url_name, label, perm, order)


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda section: (section.order, section.url_name))
