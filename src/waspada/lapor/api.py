"""Public reports API.

Public (no token, rate-limited per client address):
- ``POST /public-reports``: JSON, or multipart form data with ``files`` for attachments;
  201 ``{"tracking_code", "pin"}``. Bad fields: 400 with ``errors`` per field.
- ``GET /public-reports/status?code=…&pin=…`` (or ``POST`` with a JSON body, which keeps the
  PIN out of proxy logs): status and staff messages only; a wrong code or PIN is 404 and counts
  toward the attempt limits (429 once reached).

Staff (Bearer token of a duty officer or supervisor, scoped like the pages): the queue, one
report, messages, and ``/convert`` (to a case, a referral or intelligence).
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Query, Router, Schema, Status
from pydantic import ValidationError as SchemaError

from waspada.accounts.permissions import Perm, can
from waspada.audit.services import client_ip
from waspada.lapor import reference, selectors, services, triage
from waspada.lapor.models import Channel, PublicReport
from waspada.referrals.models import ServiceOffering
from waspada.ui.api_kit import OFFSET_MAX, PAGE_DEFAULT, PAGE_MAX, ErrorOut

router = Router(tags=["public reports"])


class PublicReportIn(Schema):
    kind: str
    description: str
    person_name: str = ""
    person_age: int | None = None
    person_birth_year: int | None = None
    person_sex: str = ""
    person_phone: str = ""
    person_contacts: str = ""
    country: str = ""
    city: str = ""
    place: str = ""
    landmark: str = ""
    location_link: str = ""
    since: str = ""
    situations: list[str] = []
    reporter_name: str = ""
    reporter_contact: str = ""
    reporter_relation: str = ""
    reporter_province: str = ""
    anonymous: bool = False
    recruiter_contacts: list[str] = []
    company: str = ""
    seen_on: str = ""


class SubmittedOut(Schema):
    tracking_code: str
    pin: str
    priority: str


_MULTIPART_SCHEMA = {
    "type": "object",
    "required": ["kind", "description"],
    "properties": {
        **{
            name: {"type": "string"}
            for name in PublicReportIn.model_fields
            if name not in ("situations", "recruiter_contacts")
        },
        "situations": {"type": "array", "items": {"type": "string"}},
        "recruiter_contacts": {"type": "array", "items": {"type": "string"}},
        "files": {"type": "array", "items": {"type": "string", "format": "binary"}},
    },
}
_SUBMIT_BODY = {
    "requestBody": {
        "required": True,
        "content": {
            "application/json": {"schema": PublicReportIn.model_json_schema()},
            "multipart/form-data": {"schema": _MULTIPART_SCHEMA},
        },
    }
}


def _validation(errors: dict[str, list[str]]) -> Status:
    return Status(400, {"detail": "validation failed", "errors": errors})


def _schema_errors(exc: SchemaError) -> dict[str, list[str]]:
    errors: dict[str, list[str]] = {}
    for error in exc.errors():
        field = str(error["loc"][0]) if error["loc"] else "__all__"
        errors.setdefault(field, []).append(str(error["msg"]))
    return errors


def _submitted_data(request: HttpRequest) -> tuple[dict[str, Any], list[Any]]:
    """The report's fields and files from a JSON or a multipart body; SchemaError if bad."""
    if request.content_type == "multipart/form-data":
        data: dict[str, Any] = {
            key: request.POST.get(key) for key in request.POST if key not in ("situations",)
        }
        data["situations"] = request.POST.getlist("situations")
        data["recruiter_contacts"] = request.POST.getlist("recruiter_contacts")
        data["anonymous"] = str(data.get("anonymous", "")).lower() in ("1", "true", "on", "yes")
        for key in ("person_age", "person_birth_year"):
            if data.get(key) in ("", None):
                data.pop(key, None)
        parsed = PublicReportIn.model_validate(data)
        return parsed.dict(), request.FILES.getlist("files")
    try:
        body = json.loads(request.body or b"{}")
    except ValueError:
        body = None
    if not isinstance(body, dict):
        raise SchemaError.from_exception_data("PublicReportIn", [])
    return PublicReportIn.model_validate(body).dict(), []


@router.post(
    "/public-reports",
    auth=None,
    url_name="public_report_submit",
    response={201: SubmittedOut, 400: ErrorOut, 429: ErrorOut},
    summary="Send a public report (SOS, suspicious offer, other)",
    openapi_extra=_SUBMIT_BODY,
)
def submit(request: HttpRequest) -> Status:
    """Public and rate-limited per client address. ``kind`` is ``sos``, ``suspicious_offer``
    or ``other``; ``country`` an ISO 3166-1 alpha-2 code. The PIN is shown only in this
    answer: give it to the reporter, do not store it."""
    limit = settings.WASPADA_LAPOR_RATE_PER_HOUR
    if not services.submission_allowed(client_ip(request) or "-"):
        return Status(429, {"detail": f"Too many reports: at most {limit} an hour per client."})
    try:
        data, uploads = _submitted_data(request)
    except SchemaError as exc:
        errors = _schema_errors(exc) or {"__all__": ["Send a JSON object or form data."]}
        return _validation(errors)
    try:
        submitted = services.report_submit(
            data=data, uploads=uploads, channel=Channel.API, client=client_ip(request) or ""
        )
    except ValidationError as exc:
        return _validation(exc.message_dict)
    return Status(
        201,
        {
            "tracking_code": submitted.tracking_code,
            "pin": submitted.pin,
            "priority": submitted.report.priority,
        },
    )


class MessageOut(Schema):
    body: str
    sent_at: datetime


class StatusOut(Schema):
    tracking_code: str
    kind: str
    status: str
    status_label: str
    received_at: datetime
    target_hours: int
    messages: list[MessageOut]


class StatusIn(Schema):
    code: str
    pin: str


def _status(request: HttpRequest, code: str, pin: str) -> Status:
    try:
        report = services.report_for_reporter(code=code, pin=pin, client=client_ip(request) or "-")
    except services.TooManyAttempts:
        return Status(429, {"detail": "Too many wrong attempts; try again in an hour."})
    except services.NotFound:
        return Status(404, {"detail": "No report with this code and PIN."})
    return Status(
        200,
        {
            "tracking_code": report.tracking_code,
            "kind": report.kind,
            "status": report.status,
            "status_label": str(report.get_status_display()),
            "received_at": report.created_at,
            "target_hours": reference.target_hours(report.priority),
            "messages": [
                {"body": m.body, "sent_at": m.sent_at}
                for m in services.messages_for_reporter(report)
            ],
        },
    )


@router.get(
    "/public-reports/status",
    auth=None,
    url_name="public_report_status",
    response={200: StatusOut, 404: ErrorOut, 429: ErrorOut},
    summary="A reporter's view of their report",
)
def status(request: HttpRequest, code: str, pin: str) -> Status:
    """Status and staff messages only. Prefer ``POST`` (query strings end up in logs)."""
    return _status(request, code, pin)


@router.post(
    "/public-reports/status",
    auth=None,
    url_name="public_report_status",
    response={200: StatusOut, 404: ErrorOut, 429: ErrorOut},
    summary="A reporter's view of their report (code and PIN in the body)",
)
def status_post(request: HttpRequest, payload: StatusIn) -> Status:
    return _status(request, payload.code, payload.pin)


class QueueItemOut(Schema):
    tracking_code: str
    kind: str
    priority: str
    priority_reasons: list[str]
    priority_explained: list[str]
    status: str
    outcome: str
    country: str
    created_at: datetime
    first_response_at: datetime | None
    target_hours: int
    overdue: bool
    organisation: str | None


class QueueOut(Schema):
    count: int
    results: list[QueueItemOut]


class QueueFiltersIn(Schema):
    view: str = "open"
    kind: str = ""
    priority: str = ""
    contact: str = ""
    limit: int = Field(PAGE_DEFAULT, ge=1, le=PAGE_MAX)
    offset: int = Field(0, ge=0, le=OFFSET_MAX)


def _item(report: PublicReport) -> dict[str, Any]:
    timing = selectors.timing(report)
    return {
        "tracking_code": report.tracking_code,
        "kind": report.kind,
        "priority": report.priority,
        "priority_reasons": list(report.priority_reasons),
        "priority_explained": [reference.reason_label(r) for r in report.priority_reasons],
        "status": report.status,
        "outcome": report.outcome,
        "country": report.country,
        "created_at": report.created_at,
        "first_response_at": report.first_response_at,
        "target_hours": timing.target_hours,
        "overdue": timing.overdue,
        "organisation": report.organisation.name if report.organisation else None,
    }


@router.get(
    "/public-reports",
    response={200: QueueOut, 403: ErrorOut},
    summary="The triage queue (duty officers, supervisors)",
)
def queue(request: HttpRequest, filters: Query[QueueFiltersIn]) -> Status:
    """Most urgent first, newest first within a priority, with the reasons of each priority."""
    if not can(request.user, Perm.LAPOR_TRIAGE):
        return Status(403, {"detail": "Your role cannot triage public reports."})
    reports = selectors.queue(
        viewer=request.user,
        filters=selectors.QueueFilters(
            view=filters.view, kind=filters.kind, priority=filters.priority, contact=filters.contact
        ),
    )
    page = reports[filters.offset : filters.offset + filters.limit]
    return Status(200, {"count": reports.count(), "results": [_item(r) for r in page]})


class ThreadOut(Schema):
    body: str
    to_reporter: bool
    author: str
    created_at: datetime


class MatchOut(Schema):
    what: str
    code: str | None
    organisation_name: str
    matched_on: list[str]


class ReportOut(QueueItemOut):
    personal: dict[str, Any] | None
    contacts: list[dict[str, str]]
    thread: list[ThreadOut]
    duplicates: list[MatchOut]
    case_code: str | None
    attachments: int


@router.get(
    "/public-reports/{tracking_code}",
    response={200: ReportOut, 404: ErrorOut},
    summary="One report with its personal fields (the read is audited)",
)
def report_get(request: HttpRequest, tracking_code: str) -> Status:
    report = selectors.get_report_for(request.user, tracking_code)
    opened = triage.report_open(viewer=request.user, report=report, request=request)  # type: ignore[arg-type]
    return Status(
        200,
        {
            **_item(report),
            "personal": opened,
            "contacts": [
                {"kind": c.kind, "value": c.value or "(index)"} for c in report.contacts.all()
            ],
            "thread": [note.__dict__ for note in triage.thread(report)],
            "duplicates": [
                {**match.__dict__, "matched_on": list(match.matched_on)}
                for match in selectors.duplicates_for(
                    viewer=request.user, report=report, opened=opened
                )
            ],
            "case_code": report.case.code if report.case else None,
            "attachments": report.attachments.count(),
        },
    )


class MessageIn(Schema):
    body: str
    to_reporter: bool = False


class Done(Schema):
    status: str
    outcome: str


@router.post(
    "/public-reports/{tracking_code}/messages",
    response={201: Done, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="A note (staff only) or a message the reporter reads on the status page",
)
def message(request: HttpRequest, tracking_code: str, payload: MessageIn) -> Status:
    report = selectors.get_report_for(request.user, tracking_code)
    send = triage.report_message if payload.to_reporter else triage.report_note
    try:
        send(actor=request.user, report=report, body=payload.body, request=request)  # type: ignore[arg-type]
    except PermissionDenied:
        return Status(403, {"detail": "Another organisation handles this report."})
    except ValidationError as exc:
        return _validation(exc.message_dict)
    return Status(201, {"status": report.status, "outcome": report.outcome})


class ConvertIn(Schema):
    to: str
    case: dict[str, Any] = {}
    offering: int | None = None


class ConvertedOut(Schema):
    status: str
    outcome: str
    case_code: str | None = None
    referred_to: str | None = None


@router.post(
    "/public-reports/{tracking_code}/convert",
    response={201: ConvertedOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Close a report as a case, a referral or recruitment intelligence",
)
def convert(request: HttpRequest, tracking_code: str, payload: ConvertIn) -> Status:
    """``{"to": "case"}`` registers a case pre-filled from the report (``case`` overrides any
    registration field, e.g. ``{"sex": "female"}``) and answers its ``case_code``;
    ``{"to": "referral", "offering": <service directory id>}``; ``{"to": "intelligence"}``."""
    report = selectors.get_report_for(request.user, tracking_code)
    actor: Any = request.user
    try:
        if payload.to == "case":
            if not can(actor, Perm.PROTECTION_MANAGE):
                return Status(403, {"detail": "Your role cannot register cases."})
            opened = triage.report_open(viewer=actor, report=report, request=request) or {}
            data = {**triage.case_prefill(report, opened), **payload.case}
            case = triage.report_convert_to_case(
                actor=actor, report=report, data=data, request=request
            )
            return Status(201, {"status": "closed", "outcome": "case", "case_code": case.code})
        if payload.to == "referral":
            offering = get_object_or_404(ServiceOffering, pk=payload.offering or 0)
            triage.report_refer(actor=actor, report=report, offering=offering, request=request)
            return Status(
                201,
                {
                    "status": "closed",
                    "outcome": "referral",
                    "referred_to": offering.organisation.name,
                },
            )
        if payload.to == "intelligence":
            triage.report_close_intelligence(actor=actor, report=report, request=request)
            return Status(201, {"status": "closed", "outcome": "intelligence"})
    except PermissionDenied:
        return Status(403, {"detail": "Another organisation handles this report."})
    except ValidationError as exc:
        return _validation(exc.message_dict)
    return _validation({"to": ["Use case, referral or intelligence."]})
