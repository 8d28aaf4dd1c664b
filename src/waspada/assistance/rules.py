"""Who may do what in the assistance tab. Pure predicates: the case was already fetched
through ``get_case_for``, so the user may see it; these decide the rest.

- the owning organisation's side, with PROTECTION_MANAGE: the plan (goals, follow-ups) and
  every service of the case;
- a referral recipient with PROTECTION_MANAGE: only services its own organisation delivers,
  never the plan;
- free text is readable by the owning side, and by a recipient for its own services only.
"""

from __future__ import annotations

from typing import Any

from waspada.accounts.permissions import Perm, can
from waspada.accounts.roles import Role
from waspada.assistance.models import FollowUp, Goal, ServiceDelivery
from waspada.cases.models import Case
from waspada.cases.selectors import is_owner_side


def can_edit_plan(user: Any, case: Case) -> bool:
    return can(user, Perm.PROTECTION_MANAGE) and is_owner_side(user, case)


def can_record_service(user: Any, case: Case) -> bool:
    return can(user, Perm.PROTECTION_MANAGE)


def can_edit_service(user: Any, service: ServiceDelivery) -> bool:
    if not can(user, Perm.PROTECTION_MANAGE):
        return False
    return is_owner_side(user, service.case) or _provides(user, service)


def can_read_text(user: Any, case: Case, item: Goal | FollowUp | ServiceDelivery) -> bool:
    if not can(user, Perm.PROTECTION_VIEW) or user.role == Role.ANALYST:
        return False
    if is_owner_side(user, case):
        return True
    return isinstance(item, ServiceDelivery) and _provides(user, item)


def _provides(user: Any, service: ServiceDelivery) -> bool:
    return bool(
        service.provider_organisation_id is not None
        and service.provider_organisation_id == user.organisation_id
    )
