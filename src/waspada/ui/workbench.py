"""The sections of the staff workbench, registered by the apps that own the work.

An app adds a section from ``AppConfig.ready()`` (the workbench page never names the apps
below it, and an app of another lane adds intelligence alerts or transfers the same way).
A section's ``queryset(user)`` is the single source of truth: the page and the API count it
and show its first rows, so the number and the list can never disagree, and its scope is
whatever the owning app's selector allows that user.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet


@dataclass(frozen=True)
class Item:
    text: str  # codes, dates, services: never a person's name
    link: str
    meta: str = ""
    overdue: bool = False


@dataclass(frozen=True)
class Section:
    key: str
    title: Any
    empty: Any  # the one line shown when nothing is waiting
    applies: Callable[[Any], bool]
    # A queryset, or a short list for a section that is not rows of the database (the
    # screening model's last evaluation): counted with len() then.
    queryset: Callable[[Any], QuerySet[Any] | Sequence[Any]]
    item: Callable[[Any], Item]
    more_url: Callable[[Any], str] | None = None
    order: int = 100
    # False for a section that is information, not work waiting (no count badge on the page).
    counted: bool = True


@dataclass(frozen=True)
class Filled:
    section: Section
    count: int
    items: list[Item]
    more: str  # where all of them are handled, if there is such a list
    capped: bool = False  # count is COUNT_CAP and more are waiting (shown as "1000+")


# Counting stops here: "1000+" tells a supervisor as much as 101,932 does, and counting every
# row of a section that large costs the page a second at a million cases (performance.md).
COUNT_CAP = 1000


_sections: dict[str, Section] = {}


def register_section(section: Section) -> None:
    """Add (or replace, by key) a section of the workbench."""
    _sections[section.key] = section


def sections() -> list[Section]:
    return sorted(_sections.values(), key=lambda section: (section.order, section.key))


def sections_for(user: Any, *, limit: int = 5) -> list[Filled]:
    """The user's sections with the count (up to ``COUNT_CAP``) and the first ``limit`` items."""
    filled = []
    for section in sections():
        if not section.applies(user):
            continue
        rows = section.queryset(user)
        items = [section.item(row) for row in rows[:limit]]
        if isinstance(rows, QuerySet):
            # The same query, unordered and cut at the cap: PostgreSQL stops reading there.
            count = len(items) if len(items) < limit else rows.order_by()[: COUNT_CAP + 1].count()
        else:
            count = len(rows)
        capped = count > COUNT_CAP
        more = section.more_url(user) if section.more_url else ""
        filled.append(Filled(section, min(count, COUNT_CAP), items, more, capped))
    return filled
