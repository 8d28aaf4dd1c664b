"""Who works on which case: the caseworkers a supervisor may assign and their load."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import Count, Q

from waspada.accounts.models import User
from waspada.accounts.roles import Role
from waspada.cases.models import CaseStatus

# Roles that work on cases and can be assigned to one.
ASSIGNABLE_ROLES = (Role.CASEWORKER, Role.SUPERVISOR, Role.LEGAL_OFFICER, Role.DUTY_OFFICER)


@dataclass(frozen=True)
class Load:
    user: User
    open_cases: int


def caseworker_load(*, organisation_id: Any) -> list[Load]:
    """The organisation's active assignable users with how many open cases of the organisation
    each holds, lightest first (one grouped query)."""
    users = (
        User.objects.filter(
            organisation_id=organisation_id, is_active=True, role__in=ASSIGNABLE_ROLES
        )
        .annotate(
            open_cases=Count(
                "cases",
                filter=Q(cases__organisation_id=organisation_id)
                & ~Q(cases__status=CaseStatus.CLOSED),
            )
        )
        .order_by("open_cases", "username")
    )
    return [Load(user=user, open_cases=user.open_cases) for user in users]
