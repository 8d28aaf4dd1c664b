"""Which reports a duty officer may see, the triage queue, and possible duplicates.

- duty officers (``lapor.triage``) of any organisation see the reports nobody has claimed yet
  (the shared public inbox), the reports their organisation claimed, and the reports referred
  to their organisation;
- nobody else sees any report (aggregates only, on the dashboard).

Duplicates are found through blind indexes only; a match held by another organisation names
that organisation, never its report, case or person.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from django.db.models import Q, QuerySet
from django.http import Http404
from django.utils import timezone

from waspada.accounts.permissions import Perm, can
from waspada.cases.models import Case
from waspada.cases.selectors import case_queryset_for
from waspada.lapor import contacts, reference
from waspada.lapor.models import ContactKind, PublicReport, ReportContact, ReportStatus
from waspada.lapor.services import INDEXED_CONTACTS, normalise_code
from waspada.privacy import services as privacy


def report_queryset_for(user: Any) -> QuerySet[PublicReport]:
    if not can(user, Perm.LAPOR_TRIAGE):
        return PublicReport.objects.none()
    org = user.organisation_id
    return PublicReport.objects.filter(
        Q(organisation__isnull=True) | Q(organisation_id=org) | Q(referred_to_id=org)
    )


def get_report_for(user: Any, code: str) -> PublicReport:
    """The report with this code if the user may see it; 404 otherwise."""
    report = (
        report_queryset_for(user)
        .select_related("data_key", "organisation", "claimed_by", "referred_to", "case")
        .filter(tracking_code=normalise_code(code))
        .first()
    )
    if report is None:
        raise Http404
    return report


@dataclass(frozen=True)
class Timing:
    """Elapsed time against the priority's target for the first response."""

    target_hours: int
    deadline: datetime
    elapsed: timedelta
    responded: bool
    overdue: bool

    @property
    def elapsed_hours(self) -> float:
        return round(self.elapsed.total_seconds() / 3600, 1)

    @property
    def late_hours(self) -> float:
        return round(max(self.elapsed.total_seconds() / 3600 - self.target_hours, 0), 1)


def timing(report: PublicReport, now: datetime | None = None) -> Timing:
    now = now or timezone.now()
    hours = reference.target_hours(report.priority)
    deadline = report.created_at + timedelta(hours=hours)
    until = report.first_response_at or now
    return Timing(
        target_hours=hours,
        deadline=deadline,
        elapsed=until - report.created_at,
        responded=report.first_response_at is not None,
        overdue=until > deadline,
    )


QUEUE_VIEWS = ("open", "received", "mine", "referred", "closed")


@dataclass(frozen=True)
class QueueFilters:
    view: str = "open"  # open (received or in progress), received, mine, referred, closed
    kind: str = ""
    priority: str = ""
    contact: str = ""  # a recruiter's phone, account, e-mail, handle, link or company
    code: str = ""


def queue(*, viewer: Any, filters: QueueFilters) -> QuerySet[PublicReport]:
    """The triage queue: most urgent first, newest first within a priority."""
    reports = report_queryset_for(viewer).select_related("organisation", "claimed_by")
    view = filters.view if filters.view in QUEUE_VIEWS else "open"
    if view == "open":
        reports = reports.exclude(status=ReportStatus.CLOSED)
    elif view == "received":
        reports = reports.filter(status=ReportStatus.RECEIVED)
    elif view == "mine":
        reports = reports.filter(claimed_by=viewer).exclude(status=ReportStatus.CLOSED)
    elif view == "referred":
        reports = reports.filter(referred_to_id=viewer.organisation_id)
    else:
        reports = reports.filter(status=ReportStatus.CLOSED)
    if filters.kind:
        reports = reports.filter(kind=filters.kind)
    if filters.priority:
        reports = reports.filter(priority=filters.priority)
    if filters.code:
        reports = reports.filter(tracking_code=normalise_code(filters.code))
    if filters.contact:
        reports = reports.filter(pk__in=contact_matches(filters.contact).values("report_id"))
    ordering = ["-closed_at"] if view == "closed" else ["priority_rank", "-created_at"]
    return reports.order_by(*ordering, "-pk")


def contact_matches(text: str) -> QuerySet[ReportContact]:
    """Recruiter contacts equal to ``text`` (by blind index or normalised text), any report."""
    kind = contacts.classify(text)
    conditions = Q(pk__in=[])
    if kind in INDEXED_CONTACTS:
        conditions |= Q(kind=kind, value_index=privacy.index(INDEXED_CONTACTS[kind], text))
        if kind == ContactKind.PHONE:  # a number typed as a phone may be an e-wallet account
            conditions |= Q(kind=ContactKind.ACCOUNT, value_index=privacy.index("account", text))
    elif kind:
        conditions |= Q(kind=kind, value=contacts.normalised(kind, text))
    return ReportContact.objects.filter(conditions)


@dataclass(frozen=True)
class Match:
    """A possible duplicate: another report or a registered case."""

    what: str  # "report" or "case"
    code: str | None  # only when the viewer may open it
    organisation_name: str  # who holds it ("" for a report nobody has claimed)
    matched_on: tuple[str, ...]
    created_at: datetime | None = None


def _approximate_birth_year(case: Case) -> int | None:
    age = case.person.age_at_identification
    return case.created_at.year - age if age is not None else None


def duplicates_for(
    *, viewer: Any, report: PublicReport, opened: dict[str, Any] | None
) -> list[Match]:
    """Earlier reports and cases that may be about the same person or recruiter."""
    found_reports: dict[int, set[str]] = {}
    found_cases: dict[int, set[str]] = {}
    others = PublicReport.objects.exclude(pk=report.pk).filter(erased_at__isnull=True)
    if report.person_phone_index:
        for pk in others.filter(person_phone_index=report.person_phone_index).values_list(
            "pk", flat=True
        ):
            found_reports.setdefault(pk, set()).add("person_phone")
        for pk in Case.objects.filter(person__phone_index=report.person_phone_index).values_list(
            "pk", flat=True
        ):
            found_cases.setdefault(pk, set()).add("person_phone")
    if report.person_name_birth_index:
        for pk in others.filter(person_name_birth_index=report.person_name_birth_index).values_list(
            "pk", flat=True
        ):
            found_reports.setdefault(pk, set()).add("person_name_birth_year")
    year = (opened or {}).get("person_birth_year")
    if report.person_name_index and year:
        named = Case.objects.filter(person__name_index=report.person_name_index).select_related(
            "person"
        )
        for case in named:
            approximate = _approximate_birth_year(case)
            if approximate is not None and abs(approximate - int(year)) <= 1:
                found_cases.setdefault(case.pk, set()).add("person_name_birth_year")
    own = report.contacts.all()
    if own:
        condition = Q(pk__in=[])
        for contact in own:
            if contact.value_index:
                condition |= Q(kind=contact.kind, value_index=contact.value_index)
            elif contact.value:
                condition |= Q(kind=contact.kind, value=contact.value)
        matching = ReportContact.objects.filter(condition).exclude(report=report)
        for report_id, kind in matching.values_list("report_id", "kind"):
            found_reports.setdefault(report_id, set()).add(f"recruiter_{kind}")
    found_cases.pop(report.case_id or 0, None)  # the case this report became is no duplicate
    return _matches(viewer, found_reports, found_cases)


def _matches(
    viewer: Any, found_reports: dict[int, set[str]], found_cases: dict[int, set[str]]
) -> list[Match]:
    matches = []
    visible_reports = set(
        report_queryset_for(viewer).filter(pk__in=found_reports).values_list("pk", flat=True)
    )
    for other in (
        PublicReport.objects.filter(pk__in=found_reports)
        .select_related("organisation")
        .order_by("created_at")
    ):
        matches.append(
            Match(
                what="report",
                code=other.tracking_code if other.pk in visible_reports else None,
                organisation_name=other.organisation.name if other.organisation else "",
                matched_on=tuple(sorted(found_reports[other.pk])),
                created_at=other.created_at,
            )
        )
    visible_cases = set(
        case_queryset_for(viewer).filter(pk__in=found_cases).values_list("pk", flat=True)
    )
    for case in Case.objects.filter(pk__in=found_cases).select_related("organisation"):
        matches.append(
            Match(
                what="case",
                code=case.code if case.pk in visible_cases else None,
                organisation_name=case.organisation.name,
                matched_on=tuple(sorted(found_cases[case.pk])),
                created_at=case.created_at,
            )
        )
    return matches
