"""Reads of the plan, follow-ups and services, scoped through ``case_queryset_for``.

A follow-up is *overdue* when its due date is before today (local time) and it is not done.
Nothing here decrypts: free text is opened, and audited, by ``services.notes_open``.
"""

from __future__ import annotations

from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from waspada.assistance.models import FollowUp, Goal, ServiceDelivery
from waspada.cases.models import Case
from waspada.cases.selectors import case_queryset_for


def _overdue_follow_ups() -> QuerySet[FollowUp]:
    return FollowUp.objects.filter(due_on__lt=timezone.localdate(), done_at__isnull=True)


def is_overdue(follow_up: FollowUp) -> bool:
    return follow_up.done_at is None and follow_up.due_on < timezone.localdate()


def overdue_follow_ups(*, viewer: Any) -> QuerySet[FollowUp]:
    """Overdue follow-ups of every case the viewer may see, the longest overdue first."""
    visible = case_queryset_for(viewer).values("pk")
    return (
        _overdue_follow_ups()
        .filter(case__in=visible)
        .select_related("case", "case__organisation")
        .order_by("due_on", "pk")
    )


def overdue_cases_q() -> Q:
    """A filter on Case: has at least one overdue follow-up (combine with a scoped queryset)."""
    return Q(pk__in=_overdue_follow_ups().values("case_id"))


def overdue_case_ids(viewer: Any) -> set[int]:
    """Ids of the viewer's visible cases that have an overdue follow-up."""
    return set(overdue_follow_ups(viewer=viewer).values_list("case_id", flat=True))


def goals_of(case: Case) -> list[Goal]:
    return _attach(case, Goal.objects.filter(case=case).order_by("created_at", "pk"))


def follow_ups_of(case: Case) -> list[FollowUp]:
    return _attach(
        case, FollowUp.objects.filter(case=case).select_related("done_by").order_by("due_on", "pk")
    )


def services_of(case: Case) -> list[ServiceDelivery]:
    services = ServiceDelivery.objects.filter(case=case).select_related("provider_organisation")
    return _attach(case, services.order_by("-started_on", "-pk"))


def voided_follow_ups_of(case: Case) -> list[FollowUp]:
    """Follow-ups voided as entered by mistake: the history the tab shows, counted nowhere."""
    voided = FollowUp.all_objects.filter(case=case, voided_at__isnull=False)
    return _attach(case, voided.select_related("voided_by").order_by("voided_at", "pk"))


def voided_services_of(case: Case) -> list[ServiceDelivery]:
    voided = ServiceDelivery.all_objects.filter(case=case, voided_at__isnull=False)
    return _attach(case, voided.select_related("voided_by").order_by("voided_at", "pk"))


def _attach(case: Case, queryset: QuerySet[Any]) -> list[Any]:
    # Reuse the case the viewer fetched (with its person and data key) instead of reloading it.
    items = list(queryset)
    for item in items:
        item.case = case
    return items


def get_goal(case: Case, pk: int) -> Goal:
    return _get(case, Goal.objects.filter(case=case, pk=pk))


def get_follow_up(case: Case, pk: int) -> FollowUp:
    return _get(case, FollowUp.objects.filter(case=case, pk=pk))


def get_service(case: Case, pk: int) -> ServiceDelivery:
    return _get(case, ServiceDelivery.objects.filter(case=case, pk=pk))


def _get(case: Case, queryset: QuerySet[Any]) -> Any:
    """The row of this case (already fetched with ``get_case_for``), or 404."""
    item = queryset.first()
    if item is None:
        raise Http404
    item.case = case
    return item
