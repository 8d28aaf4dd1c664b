"""Data-sharing API: list releases, request one, read one, download an approved one's file.
Access is decided by ``sharing.access`` and the rules by ``sharing.services``, as on the
pages. Approval stays on the pages (a second person, signed in)."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import FileResponse, HttpResponseBase
from django.utils.http import content_disposition_header
from ninja import Router, Schema, Status

from waspada.accounts.permissions import Perm, can
from waspada.accounts.requests import AuthenticatedRequest
from waspada.sharing import services
from waspada.sharing.access import agreements_for, get_release_for, releases_for
from waspada.sharing.models import Release
from waspada.ui.api_kit import ErrorOut, Id, Mapped, invalid, paginated

router = Router(tags=["data sharing"])
FORBIDDEN = "Your role cannot use data-sharing releases."


class ReleaseIn(Schema):
    agreement_id: Id
    kind: str
    year_from: int | None = None
    year_to: int | None = None
    k: int | None = None
    quasi_identifiers: list[str] = []
    epsilon: float | None = None
    rows: int | None = None
    tables: list[str] = []
    reason: str = ""


class ReleaseOut(Schema):
    id: int
    kind: str
    status: str
    agreement_id: int
    partner: str
    year_from: int
    year_to: int
    parameters: dict[str, Any]
    requested_by: str | None
    requested_at: datetime
    decided_by: str | None
    decided_at: datetime | None
    checks: dict[str, Any]
    sha256: str
    rows: int | None


def _release(release: Release) -> dict[str, Any]:
    return {
        "id": release.pk, "kind": release.kind, "status": release.status,
        "agreement_id": release.agreement_id, "partner": release.agreement.partner,
        "year_from": release.year_from, "year_to": release.year_to,
        "parameters": release.parameters,
        "requested_by": release.requested_by.username if release.requested_by else None,
        "requested_at": release.requested_at,
        "decided_by": release.decided_by.username if release.decided_by else None,
        "decided_at": release.decided_at, "checks": release.checks,
        "sha256": release.sha256, "rows": release.rows,
    }  # fmt: skip


def _allowed(request: AuthenticatedRequest) -> None:
    if not can(request.user, Perm.SHARING_REQUEST):
        raise PermissionDenied(FORBIDDEN)


@router.get(
    "/releases",
    response={200: list[ReleaseOut], 403: ErrorOut},
    summary="Data-sharing releases the caller may see (newest first)",
)
@paginated
def release_index(request: AuthenticatedRequest) -> Mapped:
    _allowed(request)
    return Mapped(releases_for(request.user), _release)


@router.post(
    "/releases",
    response={201: ReleaseOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Request a release (HTCDS, CTDC or synthetic) under an agreement in force",
)
def release_create(request: AuthenticatedRequest, payload: ReleaseIn) -> Status:
    """400 names the field: ``agreement`` (not in force), ``kind``, ``k`` (< 2),
    ``quasi_identifiers`` (unknown), ``epsilon`` (≤ 0, > 20 or over the remaining budget),
    ``tables``, ``year_to``. The release waits for another supervisor's or administrator's
    approval on the pages."""
    _allowed(request)
    agreement = agreements_for(request.user).filter(pk=payload.agreement_id).first()
    if agreement is None:
        return Status(404, {"detail": "No such agreement in your scope."})
    data = payload.dict()
    data["quasi_identifiers"] = ",".join(payload.quasi_identifiers)
    try:
        release = services.release_request(
            actor=request.user, agreement=agreement, data=data, request=request
        )
    except ValidationError as exc:
        return invalid(exc)
    return Status(201, _release(release))


@router.get(
    "/releases/{release_id}",
    response={200: ReleaseOut, 403: ErrorOut, 404: ErrorOut},
    summary="One release with its parameters, checks and file hash",
)
def release_read(request: AuthenticatedRequest, release_id: Id) -> Status:
    _allowed(request)
    return Status(200, _release(get_release_for(request.user, release_id)))


@router.get(
    "/releases/{release_id}/file",
    response={403: ErrorOut, 404: ErrorOut, 409: ErrorOut},
    summary="Download an approved release's file (recorded and audited)",
)
def release_file(request: AuthenticatedRequest, release_id: Id) -> HttpResponseBase | Status:
    """The file (CSV or ZIP) with ``X-Content-Sha256``; 409 while not approved, after the
    agreement ended, or when the stored file is missing."""
    _allowed(request)
    release = get_release_for(request.user, release_id)
    try:
        path, content_type = services.release_download(
            actor=request.user, release=release, channel="api", request=request
        )
    except ValidationError as exc:
        return Status(409, {"detail": " ".join(exc.messages)})
    response = FileResponse(path.open("rb"), content_type=content_type)
    response["Content-Disposition"] = content_disposition_header(True, release.file_name)
    response["X-Content-Sha256"] = release.sha256
    response["Cache-Control"] = "no-store"
    return response
