"""Cases API: register, read and list victims' cases (scoped exactly like the pages)."""

from __future__ import annotations

import re
from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from ninja import Query, Router, Schema, Status

from waspada.accounts.permissions import Perm, can
from waspada.accounts.requests import AuthenticatedRequest
from waspada.cases import selectors, services, validation
from waspada.cases.models import Case
from waspada.ui.api_kit import Code, ErrorOut, Mapped, Year, paginated

router = Router(tags=["protection"])


class CaseIn(Schema):
    full_name: str
    sex: str
    birth_date: date | None = None
    nik: str = ""
    passport_number: str = ""
    phone: str = ""
    aliases: str = ""
    address: str = ""
    family_contact: str = ""
    narrative: str = ""
    recruiter_contacts: str = ""
    province_of_origin: str = ""
    regency_of_origin: str = ""
    education: str = ""
    destination_country: str = ""
    destination_city: str = ""
    compound: str = ""
    recruitment_channel: str = ""
    recruiter_relation: str = ""
    scam_typology: str = ""
    exploitation_types: list[str] = []
    means_of_control: list[str] = []
    recruited_on: date | None = None
    departed_on: date | None = None
    arrived_on: date | None = None
    exited_on: date | None = None
    returned_on: date | None = None
    recruitment_channels: list[str] = []
    recruitment_place: str = ""
    transit_countries: list[str] = []
    recruiter_kind: str = ""
    recruiter_agency: str = ""
    recruiter_licence: str = ""
    exploitation_platforms: list[str] = []
    vulnerabilities: list[str] = []
    case_source: str = ""
    also_suspect: bool = False
    deceased: bool = False
    consent_services: bool | None = None
    consent_sharing: bool | None = None
    consent_statistics: bool | None = None


class DuplicateOut(Schema):
    organisation_name: str
    case_code: str | None
    matched_on: list[str]


class CaseCreatedOut(Schema):
    code: str
    duplicates: list[DuplicateOut]
    nik_warnings: list[str] = []


class CaseOut(Schema):
    code: str
    organisation: str
    status: str
    trafficking_status: str
    sex: str
    age_at_identification: int | None
    destination_country: str
    destination_city: str
    recruitment_channel: str
    scam_typology: str
    exploitation_types: list[str]
    means_of_control: list[str]
    recruited_on: date | None
    departed_on: date | None
    arrived_on: date | None
    exited_on: date | None
    returned_on: date | None
    recruitment_channels: list[str]
    recruitment_place: str
    transit_countries: list[str]
    recruiter_kind: str
    recruiter_agency: str
    recruiter_licence: str
    exploitation_platforms: list[str]
    vulnerabilities: list[str]
    case_source: str
    also_suspect: bool
    deceased: bool
    created_at: Any
    erased: bool
    personal: dict[str, Any] | None = None


def _out(case: Case, personal: dict[str, Any] | None = None) -> dict[str, Any]:
    return {
        "code": case.code,
        "organisation": case.organisation.name,
        "status": case.status,
        "trafficking_status": case.trafficking_status,
        "sex": case.person.sex,
        "age_at_identification": case.person.age_at_identification,
        **{
            field: getattr(case, field)
            for field in services.CASE_FIELDS
            if field in CaseOut.model_fields
        },
        "deceased": case.person.deceased,
        "created_at": case.created_at,
        "erased": case.person.erased_at is not None,
        "personal": personal,
    }


@router.post(
    "/cases",
    response={201: CaseCreatedOut, 400: ErrorOut, 403: ErrorOut},
    summary="Register a victim's case",
)
def case_create(request: AuthenticatedRequest, payload: CaseIn) -> Status:
    """Registers the person (personal fields encrypted) and the case in the caller's
    organisation, assigned to the caller. Possible duplicates are returned as warnings;
    matches in other organisations name only the organisation. ``nik_warnings`` says where
    the NIK disagrees with the regency list, the date of birth or the sex (not a refusal)."""
    if not can(request.user, Perm.PROTECTION_MANAGE):
        raise PermissionDenied("Your role cannot register cases.")
    data = payload.dict()
    consents = {
        kind: data.pop(f"consent_{kind}")
        for kind in ("services", "sharing", "statistics")
        if data.get(f"consent_{kind}") is not None
    }
    for kind in ("services", "sharing", "statistics"):
        data.pop(f"consent_{kind}", None)
    # The case is registered whatever the answer: audited, not rate-limited (no oracle).
    duplicates = services.duplicates_find(
        viewer=request.user, data=data, request=request, limited=False
    )
    case = services.case_register(
        actor=request.user,
        data=data,
        consents=consents,
        request=request,
    )
    found = [
        {"organisation_name": d.organisation_name, "case_code": d.case_code,
         "matched_on": d.matched_on}
        for d in duplicates
    ]  # fmt: skip
    return Status(
        201,
        {"code": case.code, "duplicates": found, "nik_warnings": validation.nik_warnings(data)},
    )


class CaseFoundOut(CaseOut):
    """A case found by ``POST /cases/search`` (its own name: one schema per paged list)."""


class CaseSearchIn(Schema):
    q: str
    status: str = ""
    mine: bool = False


@router.post(
    "/cases/search",
    response={200: list[CaseFoundOut]},
    summary="Search cases by code, NIK, passport, phone, full name or words of a name",
)
@paginated
def case_search(request: AuthenticatedRequest, payload: CaseSearchIn) -> Mapped:
    """The identifiers travel in the body, never in the URL; each search is audited."""
    cases = selectors.case_list(
        viewer=request.user,
        filters=selectors.CaseFilters(status=payload.status, mine=payload.mine, query=payload.q),
    )
    if payload.q.strip():
        services.case_search_audit(viewer=request.user, found=cases.count(), request=request)
    return Mapped(cases, _out)


@router.get("/cases/{code}", response={200: CaseOut}, summary="One case")
def case_get(request: AuthenticatedRequest, code: Code, personal: bool = False) -> Status:
    """404 for a case outside the caller's scope. ``personal=true`` adds the decrypted
    personal fields for the owning organisation (the read is audited)."""
    case = selectors.get_case_for(request.user, code)
    fields = None
    if personal and selectors.is_owner_side(request.user, case):
        try:
            opened = services.person_personal_data(
                viewer=request.user,
                case=case,
                request=request,
            )
        except PermissionDenied:
            opened = None
        fields = opened if isinstance(opened, dict) else None  # None once erased
    return Status(200, _out(case, fields))


CASE_CODE = re.compile(r"WSP-\d{4}-[0-9A-Z]{4,10}")


class CaseListQuery(Schema):
    status: str = ""
    destination: str = ""
    year: Year | None = None
    mine: bool = False
    q: str = ""


@router.get("/cases", response={200: list[CaseOut]}, summary="Cases the caller may see")
@paginated
def case_index(request: AuthenticatedRequest, filters: Query[CaseListQuery]) -> Mapped:
    """``q`` here matches case codes only: search by NIK, passport, phone or name with
    ``POST /cases/search``, so that no identifier travels in a URL."""
    identifier = bool(filters.q) and not CASE_CODE.fullmatch(filters.q.strip().upper())
    cases = selectors.case_list(
        viewer=request.user,
        filters=selectors.CaseFilters(
            status=filters.status,
            destination=filters.destination,
            year=filters.year,
            mine=filters.mine,
            query=filters.q,
        ),
    )
    return Mapped(cases.none() if identifier else cases, _out)
