"""API of the identification interview, under ``/api/v1/cases/{code}/interviews``.

Scoped like the pages: the case is fetched with ``get_case_for`` (404 outside the caller's
scope), only the owning organisation's side reads or writes interviews (403 otherwise).
"""

from __future__ import annotations

from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied
from ninja import Router, Schema, Status

from waspada.accounts.requests import AuthenticatedRequest
from waspada.cases.selectors import get_case_for
from waspada.identification import explain, facts, selectors, services
from waspada.identification.models import Interview
from waspada.ui.api_kit import Code, ErrorOut, Id, Version

router = Router(tags=["protection"])


class InterviewIn(Schema):
    interviewed_on: str | None = None  # ISO date; today when absent
    process: list[str] = []
    means: list[str] = []
    purpose: list[str] = []
    ilo: list[str] = []
    summary: str = ""
    promised_job: str = ""  # stored encrypted
    actual_job: str = ""  # stored encrypted
    promised_pay_usd: int | None = None
    actual_pay_usd: int | None = None
    fees_paid_idr: int | None = None
    fees_paid_to: str = ""
    visa_type: str = ""
    exit_method: str = ""
    return_risks: list[str] = []
    recruiter_contacts: str = ""  # one per line; sealed with the summary


class DecisionIn(Schema):
    status: str
    reason: str
    version: Version | None = None


class ReviewIn(Schema):
    note: str = ""
    version: Version | None = None


class ReasonOut(Schema):
    condition: str
    met: bool
    codes: list[str]
    text: str


class InterviewOut(Schema):
    id: int
    case: str
    interviewed_on: date
    interviewer: str
    process: list[str]
    means: list[str]
    purpose: list[str]
    ilo: list[str]
    indicators_version: str
    proposed_status: str
    reasons: list[ReasonOut]
    conclusion: str
    state: str
    decided_status: str
    decided_by: str | None
    decided_at: datetime | None
    requires_approval: bool
    approved_by: str | None
    approved_at: datetime | None
    rejected_by: str | None
    rejected_at: datetime | None
    facts: dict[str, Any]
    cross_check: list[str]
    version: int


class InterviewDetailOut(InterviewOut):
    summary: str
    reason: str
    rejection_note: str
    erased: bool
    promised_job: str
    actual_job: str


def _username(user: Any) -> str | None:
    return user.get_username() if user is not None else None


def _out(interview: Interview) -> dict[str, Any]:
    return {
        "id": interview.pk,
        "case": interview.case.code,
        "interviewed_on": interview.interviewed_on,
        "interviewer": _username(interview.interviewer),
        **{name: interview.codes(name) for name in ("process", "means", "purpose", "ilo")},
        "indicators_version": interview.indicators_version,
        "proposed_status": interview.proposed_status,
        "reasons": explain.reasons(interview.proposed_reasons),
        "conclusion": explain.conclusion(interview.proposed_status),
        "state": interview.state,
        "decided_status": interview.decided_status,
        "decided_by": _username(interview.decided_by),
        "decided_at": interview.decided_at,
        "requires_approval": interview.requires_approval,
        "approved_by": _username(interview.approved_by),
        "approved_at": interview.approved_at,
        "rejected_by": _username(interview.rejected_by),
        "rejected_at": interview.rejected_at,
        "facts": interview.facts,
        "cross_check": facts.cross_check(interview.facts, interview.case),
        "version": interview.version,
    }


FORBIDDEN = "Only the organisation that owns the case may do this."
WRITE_RESPONSES = {200: InterviewOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut, 409: ErrorOut}


@router.get(
    "/cases/{code}/interviews",
    response={200: list[InterviewOut], 403: ErrorOut, 404: ErrorOut},
    summary="List a case's identification interviews",
)
def interview_list(request: AuthenticatedRequest, code: Code) -> Status:
    """Newest first, without the sealed texts. Referral recipients get 403."""
    case = get_case_for(request.user, code)
    try:
        interviews = selectors.interviews_for(viewer=request.user, case=case)
    except PermissionDenied as exc:
        raise PermissionDenied(FORBIDDEN) from exc
    for interview in interviews:
        interview.case = case
    return Status(200, [_out(interview) for interview in interviews])


@router.post(
    "/cases/{code}/interviews",
    response={201: InterviewOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Record an identification interview",
)
def interview_create(request: AuthenticatedRequest, code: Code, payload: InterviewIn) -> Status:
    """Codes per set (``process``, ``means``, ``purpose``, ``ilo``), a summary and the
    recruiter contacts the person gave (one per line; both stored encrypted). Returns the
    proposed status (``actual``, ``possible``, ``not_victim``) and the reasons behind it."""
    case = get_case_for(request.user, code)
    try:
        interview = services.interview_record(
            actor=request.user,
            case=case,
            data=payload.dict(),
            request=request,
        )
    except PermissionDenied as exc:
        raise PermissionDenied(FORBIDDEN) from exc
    return Status(201, _out(interview))


@router.get(
    "/cases/{code}/interviews/{interview_id}",
    response={200: InterviewDetailOut, 403: ErrorOut, 404: ErrorOut},
    summary="One interview with its summary and decision reason (an audited read)",
)
def interview_detail(request: AuthenticatedRequest, code: Code, interview_id: Id) -> Status:
    case = get_case_for(request.user, code)
    try:
        interview = selectors.get_interview_for(request.user, case, interview_id)
        texts = services.interview_texts(
            viewer=request.user,
            interview=interview,
            request=request,
        )
    except PermissionDenied as exc:
        raise PermissionDenied(FORBIDDEN) from exc
    return Status(
        200,
        {
            **_out(interview),
            "summary": texts.summary,
            "reason": texts.reason,
            "rejection_note": texts.rejection,
            "erased": texts.erased,
            "promised_job": texts.promised_job,
            "actual_job": texts.actual_job,
        },
    )


def _act(
    request: AuthenticatedRequest, code: Code, interview_id: Id, action: Any, **kwargs: Any
) -> Status:
    case = get_case_for(request.user, code)
    try:
        interview = selectors.get_interview_for(request.user, case, interview_id)
        interview = action(actor=request.user, interview=interview, request=request, **kwargs)
    except PermissionDenied as exc:
        raise PermissionDenied(FORBIDDEN) from exc
    return Status(200, _out(interview))


@router.post(
    "/cases/{code}/interviews/{interview_id}/decision",
    response=WRITE_RESPONSES,
    summary="Record the decision on an interview",
)
def interview_decide(
    request: AuthenticatedRequest, code: Code, interview_id: Id, payload: DecisionIn
) -> Status:
    """``status`` is ``possible``, ``actual`` or ``not_victim``; ``reason`` is required.
    Where the organisation requires approval the decision waits for a supervisor."""
    return _act(request, code, interview_id, services.decision_record, status=payload.status,
                reason=payload.reason, version=payload.version)  # fmt: skip


@router.post(
    "/cases/{code}/interviews/{interview_id}/approve",
    response=WRITE_RESPONSES,
    summary="Approve a pending decision (supervisors)",
)
def interview_approve(
    request: AuthenticatedRequest, code: Code, interview_id: Id, payload: ReviewIn | None = None
) -> Status:
    """The approver must be another supervisor than the decider. Sets the case's status."""
    version = payload.version if payload else None
    return _act(request, code, interview_id, services.decision_approve, version=version)


@router.post(
    "/cases/{code}/interviews/{interview_id}/reject",
    response=WRITE_RESPONSES,
    summary="Send a pending decision back (supervisors)",
)
def interview_reject(
    request: AuthenticatedRequest, code: Code, interview_id: Id, payload: ReviewIn | None = None
) -> Status:
    """The interview waits for a new decision; ``note`` is stored encrypted."""
    note, version = (payload.note, payload.version) if payload else ("", None)
    return _act(request, code, interview_id, services.decision_reject, note=note,
                version=version)  # fmt: skip
