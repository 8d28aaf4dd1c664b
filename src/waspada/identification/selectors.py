"""Who may read identification interviews, and the reads themselves.

Only the owning organisation's side reads interviews. Referral recipients see the case's
decided trafficking status (on the case itself), never the interview; analysts see nothing.
The case is always fetched first with ``waspada.cases.selectors.get_case_for``.
"""

from __future__ import annotations

from typing import Any

from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import Http404

from waspada.accounts.permissions import Perm, can
from waspada.accounts.roles import Role
from waspada.cases.models import Case
from waspada.cases.selectors import case_queryset_for, is_owner_side
from waspada.identification.models import IdentificationPolicy, Interview


def may_read_interviews(user: Any, case: Case) -> bool:
    return (
        can(user, Perm.PROTECTION_VIEW) and user.role != Role.ANALYST and is_owner_side(user, case)
    )


def interview_queryset_for(user: Any) -> QuerySet[Interview]:
    """The interviews ``user`` may read: those of cases it sees on the owning side (the rule
    of ``may_read_interviews`` as a query, for derived data such as intelligence)."""
    if not can(user, Perm.PROTECTION_VIEW) or user.role == Role.ANALYST:
        return Interview.objects.none()
    cases = case_queryset_for(user).filter(organisation_id=user.organisation_id)
    return Interview.objects.filter(case__in=cases.values("pk"))


def may_record(user: Any, case: Case) -> bool:
    return can(user, Perm.PROTECTION_MANAGE) and is_owner_side(user, case)


def may_approve(user: Any, case: Case) -> bool:
    return can(user, Perm.PROTECTION_APPROVE) and is_owner_side(user, case)


def interviews_for(*, viewer: Any, case: Case) -> QuerySet[Interview]:
    """The case's interviews, newest first; PermissionDenied outside the owning side."""
    if not may_read_interviews(viewer, case):
        raise PermissionDenied
    return Interview.objects.filter(case=case).select_related(
        "interviewer", "decided_by", "approved_by", "rejected_by"
    )


def get_interview_for(viewer: Any, case: Case, pk: int) -> Interview:
    interview = interviews_for(viewer=viewer, case=case).filter(pk=pk).first()
    if interview is None:
        raise Http404
    interview.case = case  # already loaded with the person and data key
    return interview


def requires_approval(organisation_id: int) -> bool:
    """An organisation's decisions need a supervisor's approval unless its policy says not."""
    policy = IdentificationPolicy.objects.filter(organisation_id=organisation_id).first()
    return True if policy is None else policy.requires_approval
