"""Referrals API: list and create a case's referrals; answer incoming ones."""

from __future__ import annotations

from datetime import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404
from ninja import Router, Schema, Status

from waspada.accounts.requests import AuthenticatedRequest
from waspada.cases.selectors import get_case_for, is_owner_side
from waspada.referrals import selectors, services
from waspada.referrals.models import Referral
from waspada.ui.api_kit import Code, ErrorOut, Id, invalid

router = Router(tags=["protection"])


class ReferralIn(Schema):
    to_organisation_id: Id
    service_type: str
    needs: str = ""
    contact: str = ""
    urgency: str = "routine"
    override_reason: str = ""


class ReferralOut(Schema):
    id: int
    case: str
    from_organisation: str
    to_organisation: str
    service_type: str
    status: str
    consent_overridden: bool
    urgency: str
    needs: str
    contact: str
    decline_reason: str
    requested_at: datetime
    responded_at: datetime | None
    turnaround_hours: float | None
    ended_at: datetime | None
    end_cause: str


class EndIn(Schema):
    reason: str


class AnswerIn(Schema):
    accept: bool
    decline_reason: str = ""


def _out(referral: Referral) -> dict[str, object]:
    return {
        "id": referral.pk,
        "case": referral.case.code,
        "from_organisation": referral.from_organisation.name,
        "to_organisation": referral.to_organisation.name,
        "service_type": referral.service_type,
        "status": referral.status,
        "consent_overridden": referral.consent_overridden,
        "urgency": referral.urgency,
        **services.referral_request(referral),
        "decline_reason": services.referral_decline_reason(referral),
        "requested_at": referral.requested_at,
        "responded_at": referral.responded_at,
        "turnaround_hours": referral.turnaround_hours,
        "ended_at": referral.ended_at,
        "end_cause": referral.end_cause,
    }


@router.get("/cases/{code}/referrals", response={200: list[ReferralOut], 404: ErrorOut})
def referral_list(request: AuthenticatedRequest, code: Code) -> Status:
    case = get_case_for(request.user, code)
    referrals = case.referrals.select_related(
        "case__person__data_key", "from_organisation", "to_organisation"
    )
    if not is_owner_side(request.user, case):
        referrals = referrals.filter(to_organisation_id=request.user.organisation_id)
    return Status(200, [_out(r) for r in referrals])


@router.post(
    "/cases/{code}/referrals",
    response={201: ReferralOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def referral_create(request: AuthenticatedRequest, code: Code, payload: ReferralIn) -> Status:
    """Blocked (400, field ``consent``) unless consent to share is recorded or a supervisor
    gives an ``override_reason``."""
    case = get_case_for(request.user, code)
    try:
        referral = services.referral_create(
            actor=request.user,
            case=case,
            to_organisation=payload.to_organisation_id,
            service_type=payload.service_type,
            override_reason=payload.override_reason,
            needs=payload.needs,
            contact=payload.contact,
            urgency=payload.urgency,
            request=request,
        )
    except PermissionDenied as exc:
        raise PermissionDenied("You cannot refer this case.") from exc
    except ValidationError as exc:
        return invalid(exc, rename={"to_organisation": "to_organisation_id"})
    return Status(201, _out(referral))


@router.get("/referrals/incoming", response={200: list[ReferralOut]})
def referral_incoming(request: AuthenticatedRequest) -> Status:
    return Status(200, [_out(r) for r in selectors.incoming_referrals(viewer=request.user)])


@router.post(
    "/referrals/{referral_id}/answer", response={200: ReferralOut, 400: ErrorOut, 404: ErrorOut}
)
def referral_answer(request: AuthenticatedRequest, referral_id: Id, payload: AnswerIn) -> Status:
    """Declining needs a ``decline_reason`` (400 naming it otherwise), which the sender reads."""
    referral = selectors.get_incoming_referral_for(request.user, referral_id)
    try:
        services.referral_respond(
            actor=request.user,
            referral=referral,
            accept=payload.accept,
            decline_reason=payload.decline_reason,
            request=request,
        )
    except ValidationError as exc:
        return invalid(exc)
    return Status(200, _out(referral))


@router.post(
    "/cases/{code}/referrals/{referral_id}/end",
    response={200: ReferralOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
)
def referral_end(
    request: AuthenticatedRequest, code: Code, referral_id: Id, payload: EndIn
) -> Status:
    """The owning organisation ends a referral with a ``reason``; the recipient's access ends."""
    case = get_case_for(request.user, code)
    referral = get_object_or_404(case.referrals, pk=referral_id)
    try:
        services.referral_end(
            actor=request.user, referral=referral, reason=payload.reason, request=request
        )
    except PermissionDenied as exc:
        raise PermissionDenied("Only the owning organisation ends a referral.") from exc
    except ValidationError as exc:
        return invalid(exc)
    return Status(200, _out(referral))


@router.get("/referrals/ended", response={200: list[ReferralOut]})
def referral_ended(request: AuthenticatedRequest) -> Status:
    """Referrals to the caller's organisation that ended, with when and why."""
    return Status(200, [_out(r) for r in selectors.ended_referrals_received(viewer=request.user)])
