"""Evidence API: upload to a legal case, metadata and custody, content, hand-over.

Scoped exactly like the pages: 404 for what the caller may not even list, 403 for what they
may list but not handle. Every read of content is recorded in the chain of custody.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import Http404, HttpResponseBase, StreamingHttpResponse
from django.utils.http import content_disposition_header
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from waspada.accounts.requests import AuthenticatedRequest
from waspada.evidence import selectors, services
from waspada.evidence.models import EvidenceItem, EvidenceKind
from waspada.evidence.validation import is_too_large
from waspada.legal.selectors import can_manage_legal_case, get_legal_case_for
from waspada.ui.api_kit import Code, ErrorOut, Id, invalid

router = Router(tags=["prosecution"])


class EvidenceCreatedOut(Schema):
    id: int
    sha256: str
    size: int
    content_type: str


class ItemSummaryOut(Schema):
    id: int
    case: str
    kind: str
    content_type: str
    size: int
    sha256: str
    uploaded_at: datetime
    last_verified_at: datetime | None
    last_verified_ok: bool | None


class CustodyOut(Schema):
    id: int
    at: datetime
    action: str
    actor: str | None
    institution: str
    recipient: str
    reason: str
    ok: bool | None


class ItemOut(ItemSummaryOut):
    file_name: str
    description: str
    custody: list[CustodyOut]


class HandoverIn(Schema):
    recipient: str
    institution: str
    reason: str


def _summary(item: EvidenceItem) -> dict[str, Any]:
    return {
        "id": item.pk,
        "case": item.case_code,
        "kind": item.kind,
        "content_type": item.content_type,
        "size": item.size,
        "sha256": item.sha256,
        "uploaded_at": item.uploaded_at,
        "last_verified_at": item.last_verified_at,
        "last_verified_ok": item.last_verified_ok,
    }


def _custody(row: services.CustodyRow) -> dict[str, Any]:
    event = row.event
    return {
        "id": event.pk,
        "at": event.at,
        "action": event.action,
        "actor": event.actor.get_username() if event.actor else None,
        "institution": event.institution,
        "recipient": row.recipient,
        "reason": row.reason,
        "ok": event.ok,
    }


FORBIDDEN = "You may not handle this evidence."


@router.post(
    "/legal-cases/{code}/evidence",
    response={201: EvidenceCreatedOut, 400: ErrorOut, 403: ErrorOut, 413: ErrorOut},
    summary="Upload an evidence file to a legal case",
)
def evidence_upload(
    request: AuthenticatedRequest,
    code: Code,
    file: File[UploadedFile] = None,  # type: ignore[assignment]
    kind: Form[str] = EvidenceKind.OTHER.value,
    description: Form[str] = "",
) -> Status:
    """Multipart: the file in ``file``, optional ``kind`` and ``description``. The type is
    checked by content and extension (executables, scripts and archives refused; 400) and
    the size against ``WASPADA_EVIDENCE_MAX_MB`` (413). Returns the item's ``id`` and the
    SHA-256 of the content as received."""
    legal_case = get_legal_case_for(request.user, code)
    if not can_manage_legal_case(request.user, legal_case):
        raise PermissionDenied(FORBIDDEN)
    try:
        item = services.item_upload(
            actor=request.user,
            upload=file,
            kind=kind,
            description=description,
            legal_case=legal_case,
            request=request,
        )
    except ValidationError as exc:
        return invalid(exc, status=413 if is_too_large(exc) else 400)
    return Status(201, {"id": item.pk, "sha256": item.sha256, "size": item.size,
                        "content_type": item.content_type})  # fmt: skip


@router.get(
    "/legal-cases/{code}/evidence",
    response={200: list[ItemSummaryOut]},
    summary="Evidence metadata of a legal case",
)
def evidence_index(request: AuthenticatedRequest, code: Code) -> Status:
    """Metadata only (no names, descriptions or content), for legal officers and supervisors
    who can see the legal case, including organisations it is shared with."""
    legal_case = get_legal_case_for(request.user, code)
    if not selectors.can_list_legal_case(request.user, legal_case):
        raise Http404
    return Status(200, [_summary(i) for i in selectors.items_for_legal_case(legal_case)])


@router.get(
    "/evidence/{item_id}",
    response={200: ItemOut, 403: ErrorOut},
    summary="An evidence item with its chain of custody",
)
def evidence_get(request: AuthenticatedRequest, item_id: Id) -> Status:
    """Recorded as a ``viewed`` custody event."""
    try:
        item = selectors.get_item_for(request.user, item_id)
    except PermissionDenied as exc:
        raise PermissionDenied(FORBIDDEN) from exc
    opened = services.item_view(actor=request.user, item=item, request=request)
    return Status(
        200,
        {
            **_summary(item),
            "file_name": opened.file_name,
            "description": opened.description,
            "custody": [_custody(row) for row in services.custody_log(item)],
        },
    )


@router.get(
    "/evidence/{item_id}/content",
    response={403: ErrorOut, 409: ErrorOut},
    summary="The decrypted content of an evidence item",
)
def evidence_content(request: AuthenticatedRequest, item_id: Id) -> HttpResponseBase | Status:
    """The file's bytes (200, streamed), recorded as a ``downloaded`` custody event. 409
    when the stored file is missing or cannot be decrypted."""
    try:
        item = selectors.get_item_for(request.user, item_id)
        chunks = services.item_content(actor=request.user, item=item, request=request)
    except PermissionDenied as exc:
        raise PermissionDenied(FORBIDDEN) from exc
    except services.EvidenceUnavailable:
        return Status(409, {"detail": "The stored file is missing or cannot be decrypted."})
    response = StreamingHttpResponse(chunks, content_type=item.content_type)
    response["Content-Length"] = str(item.size)
    response["Content-Disposition"] = content_disposition_header(
        True, f"evidence-{item.pk}.{item.extension}"
    )
    response["X-Content-Sha256"] = item.sha256
    return response


@router.post(
    "/evidence/{item_id}/handover",
    response={201: CustodyOut, 400: ErrorOut, 403: ErrorOut},
    summary="Record a hand-over of an evidence item",
)
def evidence_handover(request: AuthenticatedRequest, item_id: Id, payload: HandoverIn) -> Status:
    """To whom (``recipient``, sealed), which ``institution``, and why (``reason``, sealed)."""
    try:
        item = selectors.get_item_for(request.user, item_id)
        event = services.item_handover(
            actor=request.user, item=item, data=payload.dict(), request=request
        )
    except PermissionDenied as exc:
        raise PermissionDenied(FORBIDDEN) from exc
    row = services.CustodyRow(event, payload.recipient.strip(), payload.reason.strip())
    return Status(201, _custody(row))
