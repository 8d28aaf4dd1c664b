"""Who sees which data on the 3P dashboard, and the dashboard's filters.

- **supervisors**: their own organisation's data (the organisation filter cannot widen it),
  with exact numbers on screen;
- **analysts, programme officers, administrators**: aggregates over all organisations (or
  the one they pick), de-identified by small-cell suppression (``suppression``);
- everyone else: nothing (PermissionDenied).

Screening counts and shared texts belong to no organisation: every viewer sees them whole.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from django.core.exceptions import PermissionDenied

from waspada import regions
from waspada.accounts.permissions import Perm, can
from waspada.accounts.roles import Role
from waspada.ui.periods import last_complete_years

MIN_YEAR, MAX_YEAR = 2000, 2100
MAX_SPAN = 30


def _province_code(text: str) -> str:
    """A Kemendagri province code from a code, a name or a short form ("jabar" → "32");
    the text as given when it names none (it then matches nothing)."""
    text = text.strip()
    return (regions.province_code_for(text) or text) if text else ""


@dataclass(frozen=True)
class DashboardFilters:
    # By default the last three complete years, following the clock.
    year_from: int = field(default_factory=lambda: last_complete_years()[0])
    year_to: int = field(default_factory=lambda: last_complete_years()[1])
    organisation: int | None = None  # an Organisation id; None = all the viewer may see
    # Kemendagri code of the province of origin (protection) or of the campaign (prevention)
    province: str = ""

    @classmethod
    def coerce(cls, value: DashboardFilters | Mapping[str, Any] | None) -> DashboardFilters:
        """Filters from themselves, a mapping of the query parameters, or None (defaults).
        Raises ValueError for a year outside 2000–2100, a reversed or too long range."""
        if value is None:
            value = cls()
        if isinstance(value, Mapping):
            org: Any = value.get("organisation") or None
            start, end = last_complete_years()
            value = cls(
                year_from=int(value.get("year_from") or start),
                year_to=int(value.get("year_to") or end),
                organisation=int(getattr(org, "pk", org)) if org else None,
                province=_province_code(str(value.get("province") or "")),
            )
        for year in (value.year_from, value.year_to):
            if not MIN_YEAR <= year <= MAX_YEAR:
                raise ValueError("year out of range")
        if value.year_from > value.year_to or value.year_to - value.year_from >= MAX_SPAN:
            raise ValueError("bad year range")
        return value

    @property
    def years(self) -> list[int]:
        return list(range(self.year_from, self.year_to + 1))


@dataclass(frozen=True)
class Scope:
    organisation_id: int | None  # None: every organisation
    exact: bool  # may see exact small numbers on screen (has personal-data access)


def sees_personal_data(viewer: Any) -> bool:
    return can(viewer, Perm.PROTECTION_VIEW) and viewer.role != Role.ANALYST


def scope_for(viewer: Any, filters: DashboardFilters) -> Scope:
    """The organisations counted and whether numbers are exact; PermissionDenied otherwise."""
    if not can(viewer, Perm.REPORTS_VIEW):
        raise PermissionDenied
    if viewer.role == Role.SUPERVISOR:
        return Scope(organisation_id=viewer.organisation_id, exact=sees_personal_data(viewer))
    return Scope(organisation_id=filters.organisation, exact=sees_personal_data(viewer))
