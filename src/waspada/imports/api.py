"""Case import API: a multipart upload, checked (dry run) or committed all-or-nothing."""

from __future__ import annotations

import json

from django.core.exceptions import PermissionDenied, ValidationError
from django.http import HttpResponse
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from waspada import downloads
from waspada.accounts.requests import AuthenticatedRequest
from waspada.imports import exporting, services
from waspada.ui.api_kit import ErrorOut, invalid

router = Router(tags=["protection"])


class ImportRowErrorOut(Schema):
    line: int
    field: str
    message: str


class CaseImportOut(Schema):
    dry_run: bool
    rows: int
    mapping: dict[str, str]
    errors: list[ImportRowErrorOut]
    created: list[str]


@router.post(
    "/imports/cases",
    response={200: CaseImportOut, 400: ErrorOut, 403: ErrorOut},
    summary="Import cases from a CSV/XLSX file or a KoboToolbox export",
)
def cases_import(
    request: AuthenticatedRequest,
    file: File[UploadedFile],
    dry_run: Form[bool] = True,
    mapping: Form[str] = "",
) -> Status:
    """``dry_run`` (default true) checks every row and reports each bad one by ``line`` (the
    header is line 1) and ``field``. With ``dry_run=false`` the rows are registered in the
    caller's organisation only if none is bad; otherwise nothing is written and the answer is
    the same report (``created`` empty). ``mapping`` is an optional JSON object
    ``{"column header": "case field"}`` overriding the guessed columns."""
    try:
        chosen = json.loads(mapping) if mapping else None
        if chosen is not None and not (
            isinstance(chosen, dict)
            and all(isinstance(k, str) and isinstance(v, str) for k, v in chosen.items())
        ):
            raise ValueError
    except ValueError:
        return invalid(ValidationError({"mapping": ["A JSON object of header to field."]}))
    try:
        result = services.cases_import(
            actor=request.user,
            content=file.read(),
            filename=file.name or "",
            mapping=chosen,
            dry_run=dry_run,
            request=request,
        )
    except PermissionDenied as exc:
        raise PermissionDenied("Your role cannot import cases.") from exc
    except ValidationError as exc:
        return invalid(exc)
    return Status(
        200,
        {
            "dry_run": dry_run,
            "rows": len(result.sheet.rows),
            "mapping": result.sheet.mapping,
            "errors": [e.__dict__ for e in result.errors],
            "created": result.created,
        },
    )


class CaseExportIn(Schema):
    format: str = "csv"  # csv or xlsx
    status: str = ""
    year: int | None = None
    personal: bool = False
    reason: str = ""  # required (10+ characters) when personal is true; audited


@router.post(
    "/exports/cases",
    response={200: None, 400: ErrorOut, 403: ErrorOut},
    summary="Export the organisation's own cases as CSV or XLSX (supervisors)",
)
def cases_export(request: AuthenticatedRequest, payload: CaseExportIn) -> HttpResponse:
    """The file itself (``text/csv`` or the XLSX type) with the cases the caller's organisation
    owns, optionally filtered by ``status`` and registration ``year``. Personal fields only
    with ``personal=true`` and a ``reason``. Each export is audited."""
    try:
        exported = exporting.cases_export(
            actor=request.user,
            data=exporting.ExportRequest(
                fmt=payload.format, status=payload.status, year=payload.year,
                personal=payload.personal, reason=payload.reason,
            ),
            request=request,
        )  # fmt: skip
    except PermissionDenied as exc:
        raise PermissionDenied("Only supervisors export their organisation's cases.") from exc
    return downloads.download_response(exported)
