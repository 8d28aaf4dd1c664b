"""Services delivered and follow-ups of a case, and the caller's overdue follow-ups.

Scoped like the pages: a case outside the caller's scope is 404; a write the caller may not
make is 403; bad fields are 400 with ``errors`` per field; a stale ``version`` is 409.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from django.utils import timezone
from ninja import Router, Schema, Status

from waspada.accounts.permissions import Perm, can
from waspada.accounts.requests import AuthenticatedRequest
from waspada.assistance import selectors, services
from waspada.assistance.models import FollowUp, ServiceDelivery
from waspada.cases import reference
from waspada.cases.models import Case
from waspada.cases.selectors import get_case_for
from waspada.ui.api_kit import Code, ErrorOut, Id, Int64, Version

router = Router(tags=["protection"])


class ServiceIn(Schema):
    service_type: str
    provider_organisation_id: Id | None = None
    provider_name: str = ""
    started_on: date | None = None
    ended_on: date | None = None
    status: str = "planned"
    outcome: str = ""
    note: str = ""
    cost_idr: Int64 | None = None


class ServicePatch(Schema):
    version: Version
    service_type: str | None = None
    provider_organisation_id: Id | None = None
    provider_name: str | None = None
    started_on: date | None = None
    ended_on: date | None = None
    status: str | None = None
    outcome: str | None = None
    note: str | None = None
    cost_idr: Int64 | None = None


class ServiceOut(Schema):
    id: int
    service_type: str
    service_type_label: str
    provider_organisation_id: int | None
    provider_organisation_name: str | None
    provider_name: str
    started_on: date | None
    ended_on: date | None
    status: str
    outcome: str
    cost_idr: int | None
    note: str | None  # null when the caller may not read it or the data was erased
    version: int
    created_at: datetime
    voided_at: datetime | None = None  # set when voided as entered by mistake


class VoidIn(Schema):
    reason: str


class FollowUpIn(Schema):
    due_on: date
    note: str


class FollowUpOut(Schema):
    id: int
    case_code: str
    due_on: date
    note: str | None
    done_at: datetime | None
    overdue: bool
    voided_at: datetime | None = None


class OverdueOut(Schema):
    id: int
    case_code: str
    due_on: date
    days_overdue: int


def _service_out(
    service: ServiceDelivery, texts: Mapping[tuple[str, int], str | None]
) -> dict[str, Any]:
    provider = service.provider_organisation
    return {
        "id": service.pk,
        "service_type": service.service_type,
        "service_type_label": reference.label("service_types", service.service_type),
        "provider_organisation_id": service.provider_organisation_id,
        "provider_organisation_name": provider.name if provider else None,
        "provider_name": service.provider_name,
        "started_on": service.started_on,
        "ended_on": service.ended_on,
        "status": service.status,
        "outcome": service.outcome,
        "cost_idr": service.cost_idr,
        "note": texts.get(("servicedelivery", service.pk)),
        "version": service.version,
        "created_at": service.created_at,
        "voided_at": service.voided_at,
    }


def _follow_up_out(
    follow_up: FollowUp, case: Case, texts: Mapping[tuple[str, int], str | None]
) -> dict[str, Any]:
    return {
        "id": follow_up.pk,
        "case_code": case.code,
        "due_on": follow_up.due_on,
        "note": texts.get(("followup", follow_up.pk)),
        "done_at": follow_up.done_at,
        "overdue": selectors.is_overdue(follow_up),
        "voided_at": follow_up.voided_at,
    }


def _service_data(payload: Schema, *, partial: bool) -> dict[str, Any]:
    data = payload.model_dump(exclude_unset=partial)
    data.pop("version", None)
    for field in ("service_type", "status", "provider_name", "note"):
        if data.get(field, "") is None:  # null on a field that cannot be empty: leave it as is
            del data[field]
    if "provider_organisation_id" in data:
        data["provider_organisation"] = data.pop("provider_organisation_id")
    return data


@router.get("/cases/{code}/services", response={200: list[ServiceOut], 404: ErrorOut},
            url_name="assistance_services")  # fmt: skip
def services_list(request: AuthenticatedRequest, code: Code) -> Status:
    """Services delivered; reading their notes is audited (``assistance.notes.viewed``)."""
    case = get_case_for(request.user, code)
    delivered = selectors.services_of(case)
    texts = services.notes_open(viewer=request.user, case=case, items=delivered, request=request)
    return Status(200, [_service_out(s, texts) for s in delivered])


@router.post("/cases/{code}/services", response={201: ServiceOut, 400: ErrorOut, 403: ErrorOut,
             404: ErrorOut})  # fmt: skip
def services_create(request: AuthenticatedRequest, code: Code, payload: ServiceIn) -> Status:
    """Record a service. A referral recipient records only services its organisation gives
    (``provider_organisation_id`` defaults to it)."""
    case = get_case_for(request.user, code)
    service = services.service_record(
        actor=request.user,
        case=case,
        data=_service_data(payload, partial=False),
        request=request,
    )
    return Status(
        201, _service_out(service, {("servicedelivery", service.pk): payload.note.strip()})
    )


@router.patch("/cases/{code}/services/{service_id}", response={200: ServiceOut, 400: ErrorOut,
              403: ErrorOut, 404: ErrorOut, 409: ErrorOut})  # fmt: skip
def services_update(
    request: AuthenticatedRequest, code: Code, service_id: Id, payload: ServicePatch
) -> Status:
    """Change the fields given. ``version`` is the one read: if it changed since, 409."""
    case = get_case_for(request.user, code)
    service = selectors.get_service(case, service_id)
    service = services.service_update(
        actor=request.user,
        service=service,
        data=_service_data(payload, partial=True),
        version=payload.version,
        request=request,
    )
    texts = services.notes_open(viewer=request.user, case=case, items=[service], request=request)
    return Status(200, _service_out(service, texts))


@router.post("/cases/{code}/services/{service_id}/void", response={200: ServiceOut,
             400: ErrorOut, 403: ErrorOut, 404: ErrorOut})  # fmt: skip
def services_void(
    request: AuthenticatedRequest, code: Code, service_id: Id, payload: VoidIn
) -> Status:
    """Void a service entered by mistake: ``reason`` is required (400 naming it). The service
    stays in the history (the case page shows it as voided) and leaves every count."""
    case = get_case_for(request.user, code)
    service = selectors.get_service(case, service_id)
    service = services.service_void(
        actor=request.user, service=service, reason=payload.reason, request=request
    )
    texts = services.notes_open(viewer=request.user, case=case, items=[service], request=request)
    return Status(200, _service_out(service, texts))


@router.get("/cases/{code}/follow-ups", response={200: list[FollowUpOut], 404: ErrorOut},
            url_name="assistance_follow_ups")  # fmt: skip
def follow_ups_list(request: AuthenticatedRequest, code: Code) -> Status:
    """Follow-ups of the case, earliest first; notes only for the owning organisation."""
    case = get_case_for(request.user, code)
    follow_ups = selectors.follow_ups_of(case)
    texts = services.notes_open(viewer=request.user, case=case, items=follow_ups, request=request)
    return Status(200, [_follow_up_out(f, case, texts) for f in follow_ups])


@router.post("/cases/{code}/follow-ups", response={201: FollowUpOut, 400: ErrorOut, 403: ErrorOut,
             404: ErrorOut})  # fmt: skip
def follow_ups_create(request: AuthenticatedRequest, code: Code, payload: FollowUpIn) -> Status:
    """Plan a follow-up (the owning organisation only)."""
    case = get_case_for(request.user, code)
    follow_up = services.follow_up_create(
        actor=request.user,
        case=case,
        data=payload.model_dump(),
        request=request,
    )
    texts = {("followup", follow_up.pk): payload.note.strip()}
    return Status(201, _follow_up_out(follow_up, case, texts))


@router.post("/cases/{code}/follow-ups/{follow_up_id}/void", response={200: FollowUpOut,
             400: ErrorOut, 403: ErrorOut, 404: ErrorOut})  # fmt: skip
def follow_ups_void(
    request: AuthenticatedRequest, code: Code, follow_up_id: Id, payload: VoidIn
) -> Status:
    """Void a follow-up entered by mistake (the owning organisation): ``reason`` is required;
    it leaves the overdue lists and reminders and stays in the history."""
    case = get_case_for(request.user, code)
    follow_up = selectors.get_follow_up(case, follow_up_id)
    follow_up = services.follow_up_void(
        actor=request.user, follow_up=follow_up, reason=payload.reason, request=request
    )
    texts = services.notes_open(viewer=request.user, case=case, items=[follow_up],
                                request=request)  # fmt: skip
    return Status(200, _follow_up_out(follow_up, case, texts))


@router.get("/follow-ups/overdue", response={200: list[OverdueOut], 403: ErrorOut},
            url_name="assistance_overdue")  # fmt: skip
def follow_ups_overdue(request: AuthenticatedRequest) -> Status:
    """Overdue follow-ups (due before today, not done) of every case the caller may see.
    No notes: open the case for those."""
    if not can(request.user, Perm.PROTECTION_VIEW):
        raise PermissionDenied("This account cannot see cases.")
    today = timezone.localdate()
    return Status(200, [
        {"id": f.pk, "case_code": f.case.code, "due_on": f.due_on,
         "days_overdue": (today - f.due_on).days}
        for f in selectors.overdue_follow_ups(viewer=request.user)
    ])  # fmt: skip
