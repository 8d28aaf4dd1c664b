"""Which legal cases a user may see, and how. Every read goes through ``legal_case_queryset_for``.

- legal officers and supervisors of the owning organisation: see and manage;
- legal officers and supervisors of an organisation the case was shared with: read only;
- caseworkers: the *legal status* only (code, stage, verdict, next hearing) of legal cases
  linked to victims' cases they can see (``waspada.cases.selectors.case_queryset_for``);
- analysts, administrators, programme officers, anonymous: none (aggregates only).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.db.models import Prefetch, Q, QuerySet
from django.http import Http404
from django.utils import timezone

from waspada.accounts.permissions import Perm, can
from waspada.accounts.roles import Role
from waspada.cases.selectors import case_queryset_for
from waspada.legal.models import Hearing, LegalCase, LegalCaseShare

_LEGAL_ROLES = (Role.LEGAL_OFFICER, Role.SUPERVISOR)


def legal_case_queryset_for(user: Any) -> QuerySet[LegalCase]:
    if not can(user, Perm.PROSECUTION_VIEW):
        return LegalCase.objects.none()
    if user.role in _LEGAL_ROLES:
        return LegalCase.objects.filter(
            Q(organisation_id=user.organisation_id)
            | Q(shares__organisation_id=user.organisation_id, shares__ended_at__isnull=True)
        ).distinct()
    if user.role == Role.CASEWORKER:
        visible = case_queryset_for(user).values("pk")
        return LegalCase.objects.filter(victim_cases__in=visible).distinct()
    return LegalCase.objects.none()


def get_legal_case_for(user: Any, code: str) -> LegalCase:
    """The legal case with this code if the user may see it; 404 otherwise (never 403, so
    that a code's existence in another organisation is not revealed)."""
    legal_case = (
        legal_case_queryset_for(user)
        .select_related("organisation", "data_key")
        .filter(code=code)
        .first()
    )
    if legal_case is None:
        raise Http404
    return legal_case


def can_manage_legal_case(user: Any, legal_case: LegalCase) -> bool:
    """Legal officers and supervisors of the owning organisation."""
    return bool(
        can(user, Perm.PROSECUTION_MANAGE)
        and user.role in _LEGAL_ROLES
        and user.organisation_id == legal_case.organisation_id
    )


def status_only(user: Any, legal_case: LegalCase) -> bool:
    """True when the user may see only the legal status (code, stage, verdict, next hearing):
    caseworkers, or anyone who is not a legal officer/supervisor of the owner or a sharee."""
    if user.role not in _LEGAL_ROLES:
        return True
    if user.organisation_id == legal_case.organisation_id:
        return False
    viewer_shares = getattr(legal_case, "viewer_shares", None)  # prefetched by legal_case_list
    if viewer_shares is not None:
        return not viewer_shares
    return not legal_case.shares.filter(
        organisation_id=user.organisation_id, ended_at__isnull=True
    ).exists()


@dataclass(frozen=True)
class LegalCaseFilters:
    stage: str = ""
    year: int | None = None  # year of the police report
    query: str = ""  # a legal-case code (exact, case-insensitive)


def legal_case_list(*, viewer: Any, filters: LegalCaseFilters) -> QuerySet[LegalCase]:
    """The viewer's legal cases, newest first. A page of it comes with the next hearings and
    the viewer's shares prefetched, so ``next_hearing`` and ``status_only`` cost no query per
    row."""
    upcoming = Hearing.objects.filter(scheduled_at__gte=timezone.now())
    prefetches: list[Prefetch[Any, Any, Any]] = [
        Prefetch("hearings", queryset=upcoming, to_attr="upcoming_hearings")
    ]
    if getattr(viewer, "role", None) in _LEGAL_ROLES:  # only they can be more than status-only
        mine = LegalCaseShare.objects.filter(
            organisation_id=viewer.organisation_id, ended_at__isnull=True
        )
        prefetches.append(Prefetch("shares", queryset=mine, to_attr="viewer_shares"))
    cases = (
        legal_case_queryset_for(viewer).select_related("organisation").prefetch_related(*prefetches)
    )
    if filters.stage:
        cases = cases.filter(stage=filters.stage)
    if filters.year:
        cases = cases.filter(police_report_date__year=filters.year)
    if filters.query:
        cases = cases.filter(code__iexact=filters.query.strip())
    return cases.order_by("-created_at")


def upcoming_hearings(*, viewer: Any, days: int | None = None) -> QuerySet[Hearing]:
    """Hearings from now on (within ``days`` when given) of the legal cases the viewer sees."""
    now = timezone.now()
    hearings = Hearing.objects.filter(
        legal_case__in=legal_case_queryset_for(viewer).values("pk"), scheduled_at__gte=now
    )
    if days is not None:
        hearings = hearings.filter(scheduled_at__lt=now + timedelta(days=days))
    return hearings.select_related("legal_case").order_by("scheduled_at", "pk")


def next_hearing(legal_case: LegalCase) -> Hearing | None:
    upcoming = getattr(legal_case, "upcoming_hearings", None)  # prefetched by legal_case_list
    if upcoming is not None:
        return upcoming[0] if upcoming else None
    return legal_case.hearings.filter(scheduled_at__gte=timezone.now()).first()


def ended_shares_received(*, viewer: Any) -> QuerySet[LegalCaseShare]:
    """Shares with the viewer's organisation that ended: the recipient is told when and why."""
    if getattr(viewer, "role", None) not in _LEGAL_ROLES or not can(viewer, Perm.PROSECUTION_VIEW):
        return LegalCaseShare.objects.none()
    return (
        LegalCaseShare.objects.filter(
            organisation_id=viewer.organisation_id, ended_at__isnull=False
        )
        .select_related("legal_case", "legal_case__organisation")
        .order_by("-ended_at")[:50]
    )
