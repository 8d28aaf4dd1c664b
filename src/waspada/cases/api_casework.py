"""API of case work: transfers between organisations, assignment, notes and closure.

Scoped like the pages: the case comes from ``get_case_for`` (404 outside the caller's scope)
and the services decide who may do what (403) and what is valid (400, per field).
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from ninja import Router, Schema, Status
from pydantic import Field

from waspada.accounts.models import User
from waspada.accounts.permissions import Perm, can
from waspada.accounts.requests import AuthenticatedRequest
from waspada.cases import casenotes, closure, proposals, selectors, services, transfers
from waspada.cases.models import CaseTransfer
from waspada.ui.api_kit import Code, ErrorOut, Id, invalid

router = Router(tags=["protection"])


class TransferIn(Schema):
    to_organisation_id: Id
    items: list[str] = Field(default=["case_file"], max_length=20)
    note: str = ""


class TransferOut(Schema):
    id: int
    case: str
    from_organisation_id: int
    to_organisation_id: int
    status: str
    items: list[str]
    requested_at: datetime
    answered_at: datetime | None
    bast_number: str


class TransferAnswerIn(Schema):
    accept: bool


def _transfer_out(transfer: CaseTransfer) -> dict[str, Any]:
    return {
        "id": transfer.pk,
        "case": transfer.case.code,
        "from_organisation_id": transfer.from_organisation_id,
        "to_organisation_id": transfer.to_organisation_id,
        "status": transfer.status,
        "items": transfer.items,
        "requested_at": transfer.requested_at,
        "answered_at": transfer.answered_at,
        "bast_number": transfer.bast_number,
    }


@router.post(
    "/cases/{code}/transfer",
    response={201: TransferOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Ask another organisation to take over a case",
)
def transfer_create(request: AuthenticatedRequest, code: Code, payload: TransferIn) -> Status:
    """Only the owning organisation asks; the person must have consented to sharing (400,
    ``__all__``); one pending transfer per case. The answer carries the transfer ``id``."""
    case = selectors.get_case_for(request.user, code)
    try:
        transfer = transfers.transfer_request(
            actor=request.user,
            case=case,
            to_organisation_id=payload.to_organisation_id,
            items=payload.items,
            note=payload.note,
            request=request,
        )
    except PermissionDenied as exc:
        raise PermissionDenied("Only the owning organisation can transfer this case.") from exc
    except ValidationError as exc:
        return invalid(exc, rename={"to_organisation": "to_organisation_id"})
    return Status(201, _transfer_out(transfer))


@router.get(
    "/transfers/incoming",
    response={200: list[TransferOut]},
    summary="Transfers waiting for the caller's organisation to answer",
)
def transfer_incoming(request: AuthenticatedRequest) -> Status:
    return Status(200, [_transfer_out(t) for t in transfers.incoming_for(request.user)[:200]])


@router.post(
    "/transfers/{transfer_id}/answer",
    response={200: TransferOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Accept or decline a transfer",
)
def transfer_answer(
    request: AuthenticatedRequest, transfer_id: Id, payload: TransferAnswerIn
) -> Status:
    """Accepting makes the caller's organisation the owner and the caller the assignee; the
    sender keeps read access for ``WASPADA_TRANSFER_READ_DAYS`` days. 404 for a transfer that is
    not pending for the caller's organisation."""
    transfer = transfers.get_incoming_for(request.user, transfer_id)
    try:
        answered = transfers.transfer_answer(
            actor=request.user, transfer=transfer, accept=payload.accept, request=request
        )
    except ValidationError as exc:
        return invalid(exc)
    return Status(200, _transfer_out(answered))


class CaseAssignIn(Schema):
    username: str = Field(min_length=1, max_length=150)


class CaseAssignOut(Schema):
    code: str
    assigned: list[str]


@router.post(
    "/cases/{code}/assign",
    response={200: CaseAssignOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Assign a case to one user of the owning organisation",
)
def case_assign(request: AuthenticatedRequest, code: Code, payload: CaseAssignIn) -> Status:
    """Supervisors of the owning organisation only (403 otherwise). The named user replaces the
    current assignees; an unknown user or one of another organisation is a 400 on
    ``username``."""
    case = selectors.get_case_for(request.user, code)
    if not can(request.user, Perm.PROTECTION_APPROVE) or not selectors.is_owner_side(
        request.user, case
    ):
        raise PermissionDenied("Only a supervisor of the owning organisation assigns.")
    user = User.objects.filter(username=payload.username, is_active=True).first()
    if user is None:
        return invalid(ValidationError({"username": ["Unknown user."]}))
    try:
        services.case_assign(actor=request.user, case=case, users=[user], request=request)
    except PermissionDenied as exc:
        raise PermissionDenied("Only a supervisor of the owning organisation assigns.") from exc
    except ValidationError as exc:
        return invalid(exc, rename={"assigned": "username"})
    return Status(200, {"code": case.code, "assigned": [user.username]})


class CaseNoteIn(Schema):
    text: str
    confidential: bool = False


class CaseNoteOut(Schema):
    id: int
    created_at: datetime
    author: str
    organisation: str
    confidential: bool
    text: str | None


@router.get(
    "/cases/{code}/notes",
    response={200: list[CaseNoteOut], 404: ErrorOut},
    summary="Notes on a case the caller may read (the read is audited)",
)
def note_list(request: AuthenticatedRequest, code: Code) -> Status:
    case = selectors.get_case_for(request.user, code)
    notes = casenotes.notes_for(viewer=request.user, case=case, request=request)
    return Status(200, [note.__dict__ for note in notes])


@router.post(
    "/cases/{code}/notes",
    response={201: CaseNoteOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Add a note to a case",
)
def note_create(request: AuthenticatedRequest, code: Code, payload: CaseNoteIn) -> Status:
    """``confidential`` notes are read only by the caller's organisation."""
    case = selectors.get_case_for(request.user, code)
    try:
        note = casenotes.note_add(
            actor=request.user, case=case, data=payload.dict(), request=request
        )
    except PermissionDenied as exc:
        raise PermissionDenied("Your organisation may only read this case.") from exc
    except ValidationError as exc:
        return invalid(exc)
    return Status(
        201,
        {
            "id": note.pk,
            "created_at": note.created_at,
            "author": request.user.username,
            "organisation": str(note.organisation),
            "confidential": note.confidential,
            "text": payload.text.strip(),
        },
    )


class CaseCloseIn(Schema):
    reason: str
    summary: str


class CaseCloseOut(Schema):
    code: str
    status: str
    reason: str
    closed_at: datetime


@router.post(
    "/cases/{code}/close",
    response={200: CaseCloseOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Close a case with a reason and a summary",
)
def case_close(request: AuthenticatedRequest, code: Code, payload: CaseCloseIn) -> Status:
    """Supervisors of the owning organisation; ``reason`` from the reference list
    ``closure_reasons`` (reintegrated, transferred, lost_contact, deceased, declined_services,
    other)."""
    case = selectors.get_case_for(request.user, code)
    try:
        with transaction.atomic():
            closed = closure.case_close(
                actor=request.user, case=case, data=payload.dict(), request=request
            )
    except PermissionDenied as exc:
        raise PermissionDenied("Only a supervisor of the owning organisation closes.") from exc
    except ValidationError as exc:
        return invalid(exc)
    return Status(
        200,
        {"code": case.code, "status": case.status, "reason": closed.reason,
         "closed_at": closed.closed_at},
    )  # fmt: skip


class CaseStatusIn(Schema):
    status: str
    reason: str = ""


class CaseStatusOut(Schema):
    code: str
    status: str
    proposed: list[str]  # statuses the case's records imply (never applied by themselves)


@router.post(
    "/cases/{code}/status",
    response={200: CaseStatusOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Move a case along its workflow",
)
def case_status(request: AuthenticatedRequest, code: Code, payload: CaseStatusIn) -> Status:
    """The owning organisation. A move back or a reopening needs ``reason`` (400 naming it,
    as the page asks it); closing is ``POST /cases/{code}/close``."""
    case = selectors.get_case_for(request.user, code)
    if not selectors.is_owner_side(request.user, case) or payload.status == "closed":
        raise PermissionDenied("Only the owning organisation moves a case; close it with /close.")
    try:
        services.case_transition(actor=request.user, case=case, to_status=payload.status,
                                 reason=payload.reason, request=request)  # fmt: skip
    except ValidationError as exc:
        return invalid(exc)
    proposed = [p.to_status for p in proposals.status_proposals(case)]
    return Status(200, {"code": case.code, "status": case.status, "proposed": proposed})
