"""The workbench's own reads. Each returns a queryset scoped through the owning app's
selector (``case_queryset_for``, ``legal_case_queryset_for``…), so a section's count and its
list are the same query, seen exactly as that user may see it."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from datetime import timedelta
from typing import Any

from django.db import connection, transaction
from django.db.models import Case as CaseExpression  # the model Case is imported too
from django.db.models import (
    Count,
    DateTimeField,
    DurationField,
    ExpressionWrapper,
    F,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce
from django.utils import timezone

from waspada.accounts.models import User
from waspada.accounts.permissions import Perm, can
from waspada.accounts.roles import Role
from waspada.assistance.models import FollowUp
from waspada.cases.models import Case, CaseStatus
from waspada.cases.selectors import case_queryset_for
from waspada.identification.models import DecisionState, Interview
from waspada.lapor.models import ReportStatus
from waspada.lapor.selectors import report_queryset_for
from waspada.legal.models import Hearing, LegalCase, LegalCaseShare, StageChange
from waspada.legal.selectors import legal_case_queryset_for
from waspada.prevention.models import SharedOffer
from waspada.referrals.models import Referral, ReferralStatus
from waspada.workbench.settings_data import days, stage_deadlines

OPEN = ~Q(status=CaseStatus.CLOSED)


@contextmanager
def reads_without_jit() -> Iterator[None]:
    """Run the workbench's reads with PostgreSQL's JIT compiler off (``SET LOCAL``: this
    transaction only; nothing on SQLite).

    JIT starts on a query's estimated cost, not its real time: at 1,000,000 cases the stage
    deadlines' first five (a top-5 of a few thousand index reads, ~30 ms) is estimated over
    the threshold and spent ~27 ms compiling code to save nothing. Every workbench read is a
    short index read; none gains from JIT.
    """
    if connection.vendor != "postgresql":
        yield
        return
    with transaction.atomic():
        with connection.cursor() as cursor:
            cursor.execute("SET LOCAL jit = off")
        yield


def _my_cases(user: Any) -> QuerySet[Case]:
    """The owning side's share of what the user may see (``case_queryset_for``'s own branch):
    the organisation's cases for supervisors, those assigned to the user for the others.

    Follow-ups, referrals sent and idle cases are the owning organisation's work (only its side
    plans follow-ups and refers), so the branch of cases opened to the user's organisation by
    a referral is left out here; leaving it out also lets PostgreSQL use the organisation and
    assignment indexes instead of scanning every case for an OR.
    """
    if not case_queryset_for(user).query.is_empty() and can(user, Perm.PROTECTION_VIEW):
        own = Case.objects.filter(organisation_id=user.organisation_id)
        return own if user.role == Role.SUPERVISOR else own.filter(assigned=user)
    return Case.objects.none()


def follow_ups_due_soon(user: Any) -> QuerySet[FollowUp]:
    today = timezone.localdate()
    return (
        FollowUp.objects.filter(
            done_at__isnull=True,
            due_on__gte=today,
            due_on__lte=today + timedelta(days=days("due_soon_days")),
            case__in=_my_cases(user).values("pk"),
        )
        .select_related("case")
        .order_by("due_on", "pk")
    )


def follow_ups_overdue(user: Any) -> QuerySet[FollowUp]:
    return (
        FollowUp.objects.filter(
            done_at__isnull=True,
            due_on__lt=timezone.localdate(),
            case__in=_my_cases(user).values("pk"),
        )
        .select_related("case")
        .order_by("due_on", "pk")
    )


def stale_cases(user: Any) -> QuerySet[Case]:
    since = timezone.now() - timedelta(days=days("stale_case_days"))
    return _my_cases(user).filter(OPEN, updated_at__lt=since).order_by("updated_at", "pk")


def referrals_incoming(user: Any) -> QuerySet[Referral]:
    if not can(user, Perm.PROTECTION_MANAGE):
        return Referral.objects.none()
    return (
        Referral.objects.filter(
            to_organisation_id=user.organisation_id, status=ReferralStatus.PENDING
        )
        .select_related("case", "from_organisation")
        .order_by("requested_at", "pk")
    )


def referrals_sent_unanswered(user: Any) -> QuerySet[Referral]:
    if not can(user, Perm.PROTECTION_MANAGE):
        return Referral.objects.none()
    return (
        Referral.objects.filter(
            from_organisation_id=user.organisation_id,
            status=ReferralStatus.PENDING,
            case__in=_my_cases(user).values("pk"),
        )
        .select_related("case", "to_organisation")
        .order_by("requested_at", "pk")
    )


def decisions_awaiting_approval(user: Any) -> QuerySet[Interview]:
    if not can(user, Perm.PROTECTION_APPROVE):
        return Interview.objects.none()
    return (
        Interview.objects.filter(
            state=DecisionState.PENDING_APPROVAL, case__organisation_id=user.organisation_id
        )
        .select_related("case")
        .order_by("decided_at", "pk")
    )


def hearings_soon(user: Any) -> QuerySet[Hearing]:
    if not can(user, Perm.PROSECUTION_MANAGE):
        return Hearing.objects.none()
    now = timezone.now()
    return (
        Hearing.objects.filter(
            scheduled_at__gte=now,
            scheduled_at__lt=now + timedelta(days=days("hearing_window_days")),
            legal_case__in=LegalCase.objects.filter(_legal_scope(user)).values("pk"),
        )
        .select_related("legal_case")
        .order_by("scheduled_at", "pk")
    )


def _legal_scope(user: Any) -> Q:
    """``legal_case_queryset_for``'s branch for those who manage legal cases (legal officers
    and supervisors: the organisation's cases and those shared with it, share not ended),
    written without its join and DISTINCT so PostgreSQL reads the (organisation, stage) index
    (tests check both give the same cases)."""
    if user.role not in (Role.LEGAL_OFFICER, Role.SUPERVISOR):
        return Q(pk__in=legal_case_queryset_for(user).values("pk"))
    shared = LegalCaseShare.objects.filter(
        organisation_id=user.organisation_id, ended_at__isnull=True
    ).values("legal_case_id")
    return Q(organisation_id=user.organisation_id) | Q(pk__in=shared)


def stage_deadlines_due(user: Any) -> QuerySet[LegalCase]:
    """Legal cases whose stage deadline has passed or falls within the window, soonest first.

    A stage's deadline is the day the case entered it (its last change to that stage, else its
    creation) plus that stage's days in ``data/stage_deadlines.json``; stages without days have
    none. Annotated ``deadline`` and ``entered_at``; scoped like the hearings
    (``legal_case_queryset_for`` of a user who manages legal cases).
    """
    if not can(user, Perm.PROSECUTION_MANAGE):
        return LegalCase.objects.none()
    reference = stage_deadlines()
    limits = {stage: int(row["days"]) for stage, row in reference["stages"].items()}
    if not limits:
        return LegalCase.objects.none()
    entered = StageChange.objects.filter(
        legal_case=OuterRef("pk"), to_stage=OuterRef("stage")
    ).order_by("-changed_at")
    allowed = CaseExpression(
        *[When(stage=stage, then=Value(timedelta(days=n))) for stage, n in limits.items()],
        output_field=DurationField(),
    )
    horizon = timezone.now() + timedelta(days=int(reference["window_days"]))
    return (
        LegalCase.objects.filter(_legal_scope(user), stage__in=list(limits))
        .annotate(
            entered_at=Coalesce(
                Subquery(entered.values("changed_at")[:1]), F("created_at"),
                output_field=DateTimeField(),
            )
        )
        .annotate(
            deadline=ExpressionWrapper(F("entered_at") + allowed, output_field=DateTimeField())
        )
        .filter(deadline__lt=horizon)
        .order_by("deadline", "pk")
    )  # fmt: skip


def texts_to_review(user: Any) -> QuerySet[SharedOffer]:
    if not can(user, Perm.SCREENING_REVIEW):
        return SharedOffer.objects.none()
    return SharedOffer.objects.filter(label="").order_by("created_at", "pk")


def public_reports_waiting(user: Any) -> QuerySet[Any]:
    return (
        report_queryset_for(user)
        .filter(status=ReportStatus.RECEIVED)
        .order_by("priority_rank", "created_at")
    )


def caseworker_load(user: Any) -> list[User]:
    """The organisation's caseworkers with their open cases, busiest first (supervisors).

    Counted on the assignment table alone (a caseworker is only ever assigned cases of their
    own organisation: ``case_assign``), grouped once: no join from users to every case.
    """
    if not can(user, Perm.PROTECTION_APPROVE):
        return []
    workers = list(
        User.objects.filter(
            organisation_id=user.organisation_id,
            is_active=True,
            role__in=[Role.CASEWORKER, Role.DUTY_OFFICER],
        )
    )
    # Restricting to the organisation's cases changes nothing (see above) and lets
    # PostgreSQL read its open case ids from the index ``case_open_org_id`` alone.
    assignments = Case.assigned.through.objects.filter(
        user_id__in=[w.pk for w in workers], case__organisation_id=user.organisation_id
    )
    counts = dict(
        assignments.exclude(case__status=CaseStatus.CLOSED)
        .values_list("user_id")
        .annotate(n=Count("case_id"))
        .order_by()
    )
    for worker in workers:
        worker.open_cases = counts.get(worker.pk, 0)  # type: ignore[attr-defined]
    return sorted(workers, key=lambda w: (-w.open_cases, w.username))  # type: ignore[attr-defined]
