"""Extension points of the case kernel, filled by the satellite apps from ``AppConfig.ready()``.

The kernel never names its satellites: identification, assistance, referrals, repatriation,
legal and any later app register what they add to a case here (a tab on the case page, a
filter or a shortcut on the case list), as pretix's plug-ins register through signals.
Registration is idempotent by key, so a ``ready()`` that runs twice (tests) adds nothing twice.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from django.db.models import QuerySet

if TYPE_CHECKING:  # apps.py imports this module before models may be imported
    from waspada.accounts.requests import AuthenticatedRequest

TabContext = Callable[["AuthenticatedRequest", Any], dict[str, Any]]  # (request, case)


@dataclass(frozen=True)
class Tab:
    """A tab of the case page: ``context(request, case)`` gets a case the viewer may see."""

    slug: str
    label: Any
    template: str
    context: TabContext
    order: int


@dataclass(frozen=True)
class ListFilter:
    """A yes/no filter of the case list: ``case_ids(viewer)`` returns the ids to keep."""

    name: str
    label: Any
    case_ids: Callable[[Any], Iterable[int] | QuerySet[Any]]


@dataclass(frozen=True)
class ListLink:
    """A shortcut above the case list to another list about cases (url name, label)."""

    url_name: str
    label: Any
    order: int
    needs_manage: bool = False  # shown only to users who may manage cases
    perm: str = ""  # when set, shown only to users with this permission


@dataclass(frozen=True)
class StatusHint:
    """The case status a satellite's record implies (an identification decision, a
    repatriation stage): proposed on the case page, never applied by itself. ``because`` says
    why, in the reader's language ("Keputusan identifikasi: Korban")."""

    to_status: str
    because: str


StatusHintSource = Callable[[Any], "StatusHint | None"]  # (case) -> hint or None

_tabs: dict[str, Tab] = {}
_status_hints: dict[str, StatusHintSource] = {}
_filters: dict[str, ListFilter] = {}
_links: dict[str, ListLink] = {}


def register_tab(slug: str, label: Any, template: str, context: TabContext, *, order: int) -> None:
    _tabs[slug] = Tab(slug, label, template, context, order)


def register_list_filter(
    name: str, label: Any, case_ids: Callable[[Any], Iterable[int] | QuerySet[Any]]
) -> None:
    _filters[name] = ListFilter(name, label, case_ids)


def register_list_link(
    url_name: str, label: Any, *, order: int, needs_manage: bool = False, perm: str = ""
) -> None:
    _links[url_name] = ListLink(url_name, label, order, needs_manage, perm)


def register_status_hint(key: str, source: StatusHintSource) -> None:
    _status_hints[key] = source


def status_hints(case: Any) -> list[StatusHint]:
    """What each registered source implies for ``case`` (unfiltered; see selectors)."""
    hints = (source(case) for _key, source in sorted(_status_hints.items()))
    return [hint for hint in hints if hint is not None]


def tabs() -> list[Tab]:
    return sorted(_tabs.values(), key=lambda tab: (tab.order, tab.slug))


def list_filters() -> list[ListFilter]:
    return sorted(_filters.values(), key=lambda f: f.name)


def list_links() -> list[ListLink]:
    return sorted(_links.values(), key=lambda link: (link.order, link.url_name))
