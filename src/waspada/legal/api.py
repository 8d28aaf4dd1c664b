"""Legal-cases API, scoped exactly like the pages.

Reads go through ``get_legal_case_for`` (404 outside the caller's scope); caseworkers get the
legal status only. Writes need a legal officer or supervisor of the owning organisation (403);
bad fields are 400 with ``errors`` per field (and ``missing`` for a refused stage change); a
stale ``version`` is 409.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime
from typing import Any

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Query, Router, Schema, Status

from waspada.accounts.requests import AuthenticatedRequest
from waspada.legal import procedure, records, selectors, services, stages
from waspada.legal.models import LegalCase
from waspada.privacy import services as privacy
from waspada.ui.api_kit import Code, ErrorOut, Int64, Mapped, Version, Year, invalid, paginated

router = Router(tags=["prosecution"])


class LegalCaseIn(Schema):
    title: str = ""
    police_report_number: str = ""
    police_unit: str = ""
    police_report_date: date | None = None
    court: str = ""
    verdict: str = ""
    verdict_date: date | None = None
    sentence_months: Int64 | None = None
    fine_idr: Int64 | None = None
    restitution_requested_idr: Int64 | None = None
    restitution_requested_on: date | None = None
    restitution_awarded_idr: Int64 | None = None
    restitution_awarded_on: date | None = None
    restitution_paid_idr: Int64 | None = None
    restitution_paid_on: date | None = None
    lpsk_requested: bool = False
    lpsk_granted: bool = False
    legal_aid_provider: str = ""
    lawyer: str = ""
    notes: str = ""


class LegalCasePatch(Schema):
    """Only the fields sent are changed; ``version`` is the one read."""

    version: Version
    title: str | None = None
    police_report_number: str | None = None
    police_unit: str | None = None
    police_report_date: date | None = None
    court: str | None = None
    verdict: str | None = None
    verdict_date: date | None = None
    sentence_months: Int64 | None = None
    fine_idr: Int64 | None = None
    restitution_requested_idr: Int64 | None = None
    restitution_requested_on: date | None = None
    restitution_awarded_idr: Int64 | None = None
    restitution_awarded_on: date | None = None
    restitution_paid_idr: Int64 | None = None
    restitution_paid_on: date | None = None
    lpsk_requested: bool | None = None
    lpsk_granted: bool | None = None
    legal_aid_provider: str | None = None
    lawyer: str | None = None
    notes: str | None = None


class LegalStageIn(Schema):
    to_stage: str
    reason: str = ""
    version: Version


class ChargeIn(Schema):
    article_key: str
    offence_date: date | None = None


class SuspectIn(Schema):
    full_name: str = ""
    aliases: str = ""
    nationality: str = ""
    identifiers: str = ""
    role: str = ""


class HearingIn(Schema):
    scheduled_at: datetime
    court: str = ""
    agenda: str = ""


class HearingOut(Schema):
    id: int
    scheduled_at: datetime
    court: str
    agenda: str


class ChargeOut(Schema):
    id: int
    article_key: str
    instrument: str
    article: str
    offence_id: str
    offence_en: str
    penalty_before_2026: str
    penalty_from_2026: str
    reference_version: str
    offence_date: date | None
    warnings: list[str] = []  # the article does not fit the offence date (2026 KUHP)

    @staticmethod
    def resolve_warnings(obj: Any) -> list[str]:
        return procedure.charge_warnings(obj)


class VictimOut(Schema):
    """A linked victim's case as the legal side sees it: its trafficking status and whether
    the victim is also reported or charged (the non-punishment principle applies)."""

    code: str
    trafficking_status: str
    also_suspect: bool


class SuspectOut(Schema):
    id: int
    role: str
    personal: dict[str, Any] | None = None
    erased: bool = False


class StageSpanOut(Schema):
    stage: str
    started_at: datetime
    ended_at: datetime | None
    days: float


class LegalCaseOut(Schema):
    code: str
    stage: str
    verdict: str
    next_hearing: HearingOut | None
    status_only: bool
    version: int | None = None
    title: str | None = None
    organisation: str | None = None
    fields: dict[str, Any] | None = None
    charges: list[ChargeOut] | None = None
    suspects: list[SuspectOut] | None = None
    hearings: list[HearingOut] | None = None
    stage_history: list[StageSpanOut] | None = None
    victim_cases: list[str] | None = None
    victims: list[VictimOut] | None = None
    accused_label: str | None = None
    restitution_due: date | None = None
    shared_with: list[str] | None = None


class StageRefusedOut(ErrorOut):
    """A refused stage change: ``missing`` names the case data the target stage needs."""

    missing: list[str] = []


FIELDS = [name for name in LegalCaseIn.model_fields if name not in ("title", "notes")]
_STAGE_FIELDS = ("to_stage", "reason")


FORBIDDEN = "Only the owning organisation's legal officers may change it."


def _record_added(
    request: AuthenticatedRequest, code: Code, add: Callable[..., Any], payload: Schema
) -> Any:
    """Add a charge, suspect or hearing through ``records``."""
    legal_case = selectors.get_legal_case_for(request.user, code)
    try:
        return add(actor=request.user, legal_case=legal_case, data=payload.dict(), request=request)
    except PermissionDenied as exc:
        raise PermissionDenied(FORBIDDEN) from exc


def _out(
    request: AuthenticatedRequest, legal_case: LegalCase, *, detail: bool = False
) -> dict[str, Any]:
    status_only = selectors.status_only(request.user, legal_case)
    out: dict[str, Any] = {
        "code": legal_case.code,
        "stage": legal_case.stage,
        "verdict": legal_case.verdict,
        "next_hearing": selectors.next_hearing(legal_case),
        "status_only": status_only,
    }
    if status_only:
        return out
    out.update(
        version=legal_case.version,
        title=legal_case.title,
        organisation=legal_case.organisation.name,
        fields={field: getattr(legal_case, field) for field in FIELDS},
    )
    if detail:
        changes = list(legal_case.stage_changes.all())
        out.update(
            charges=list(legal_case.charges.all()),
            suspects=[{"id": s.pk, "role": s.role} for s in legal_case.suspects.all()],
            hearings=list(legal_case.hearings.all()),
            stage_history=[span.__dict__ for span in stages.spans(changes)],
            victim_cases=[case.code for case in legal_case.victim_cases.all()],
            victims=[
                {
                    "code": case.code,
                    "trafficking_status": case.trafficking_status,
                    "also_suspect": case.also_suspect,
                }
                for case in legal_case.victim_cases.all()
            ],  # fmt: skip
            accused_label=procedure.accused_label(legal_case),
            restitution_due=procedure.restitution_due(legal_case),
            shared_with=[
                share.organisation.name
                for share in legal_case.shares.filter(ended_at__isnull=True).select_related(
                    "organisation"
                )
            ],
        )
    return out


@router.post(
    "/legal-cases",
    response={201: LegalCaseOut, 400: ErrorOut, 403: ErrorOut},
    summary="Open a legal case",
)
def legal_case_create(request: AuthenticatedRequest, payload: LegalCaseIn) -> Status:
    """Opens a legal case in the caller's organisation at stage ``report``. Only ``title``
    is required."""
    try:
        legal_case = services.legal_case_create(
            actor=request.user, data=payload.dict(), request=request
        )
    except PermissionDenied as exc:
        raise PermissionDenied("Your role cannot open legal cases.") from exc
    return Status(201, _out(request, legal_case, detail=True))


class LegalCaseListQuery(Schema):
    stage: str = ""
    year: Year | None = None
    q: str = ""


@router.get(
    "/legal-cases", response={200: list[LegalCaseOut]}, summary="Legal cases the caller may see"
)
@paginated
def legal_case_index(request: AuthenticatedRequest, filters: Query[LegalCaseListQuery]) -> Mapped:
    cases = selectors.legal_case_list(
        viewer=request.user,
        filters=selectors.LegalCaseFilters(stage=filters.stage, year=filters.year, query=filters.q),
    )
    return Mapped(cases, lambda legal_case: _out(request, legal_case))


@router.get("/legal-cases/{code}", response={200: LegalCaseOut}, summary="One legal case")
def legal_case_get(request: AuthenticatedRequest, code: Code, personal: bool = False) -> Status:
    """404 outside the caller's scope; caseworkers get the legal status only.
    ``personal=true`` adds suspects' decrypted personal fields (each read is audited)."""
    legal_case = selectors.get_legal_case_for(request.user, code)
    out = _out(request, legal_case, detail=True)
    if personal and not out["status_only"]:
        suspects = []
        for suspect in legal_case.suspects.select_related("data_key", "legal_case"):
            opened = records.suspect_personal_data(
                viewer=request.user, suspect=suspect, request=request
            )
            erased = opened is privacy.ERASED
            suspects.append(
                {
                    "id": suspect.pk,
                    "role": suspect.role,
                    "erased": erased,
                    "personal": None if erased else opened,
                }
            )
        out["suspects"] = suspects
    return Status(200, out)


@router.patch(
    "/legal-cases/{code}",
    response={200: LegalCaseOut, 400: ErrorOut, 403: ErrorOut, 409: ErrorOut},
    summary="Change a legal case",
)
def legal_case_patch(request: AuthenticatedRequest, code: Code, payload: LegalCasePatch) -> Status:
    """Change the fields sent (not the stage). A stale ``version`` is 409."""
    legal_case = selectors.get_legal_case_for(request.user, code)
    data = payload.dict(exclude_unset=True)
    version = data.pop("version")
    try:
        legal_case = services.legal_case_update(
            actor=request.user,
            legal_case=legal_case,
            data=data,
            version=version,
            request=request,
        )
    except PermissionDenied as exc:
        raise PermissionDenied(FORBIDDEN) from exc
    return Status(200, _out(request, legal_case, detail=True))


@router.post(
    "/legal-cases/{code}/stage",
    response={200: LegalCaseOut, 400: StageRefusedOut, 403: ErrorOut, 409: ErrorOut},
    summary="Move a legal case to another stage",
)
def legal_case_stage(request: AuthenticatedRequest, code: Code, payload: LegalStageIn) -> Status:
    """400 names the missing data (``missing``: e.g. ``court``, ``verdict``, ``charges``)
    or a move that is not allowed; 409 when ``version`` is stale."""
    legal_case = selectors.get_legal_case_for(request.user, code)
    try:
        services.stage_change(
            actor=request.user,
            legal_case=legal_case,
            to_stage=payload.to_stage,
            reason=payload.reason,
            version=payload.version,
            request=request,
        )
    except PermissionDenied as exc:
        raise PermissionDenied(FORBIDDEN) from exc
    except ValidationError as exc:
        # ``missing``: the case data the target stage needs (every field but the form's own)
        errors = exc.message_dict if hasattr(exc, "error_dict") else {}
        missing = [field for field in errors if field not in _STAGE_FIELDS and field != "__all__"]
        return invalid(exc, missing=missing)
    return Status(200, _out(request, legal_case, detail=True))


@router.post(
    "/legal-cases/{code}/charges",
    response={201: ChargeOut, 400: ErrorOut, 403: ErrorOut},
    summary="Add a charge",
)
def charge_create(request: AuthenticatedRequest, code: Code, payload: ChargeIn) -> Status:
    """``article_key`` from the reference list (``data/articles.json``)."""
    return Status(201, _record_added(request, code, records.charge_add, payload))


@router.post(
    "/legal-cases/{code}/suspects",
    response={201: SuspectOut, 400: ErrorOut, 403: ErrorOut},
    summary="Add a suspect",
)
def suspect_create(request: AuthenticatedRequest, code: Code, payload: SuspectIn) -> Status:
    """Personal fields are stored encrypted and not echoed back."""
    suspect = _record_added(request, code, records.suspect_add, payload)
    return Status(201, {"id": suspect.pk, "role": suspect.role})


@router.post(
    "/legal-cases/{code}/hearings",
    response={201: HearingOut, 400: ErrorOut, 403: ErrorOut},
    summary="Schedule a hearing",
)
def hearing_create(request: AuthenticatedRequest, code: Code, payload: HearingIn) -> Status:
    return Status(201, _record_added(request, code, records.hearing_add, payload))
