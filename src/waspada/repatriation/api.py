"""Repatriation sub-resources of a case and the awaiting-return list (``/api/v1/``).

Cases are fetched with ``get_case_for``: a case outside the caller's scope is a 404.
"""

from __future__ import annotations

from datetime import date

from django.core.exceptions import PermissionDenied, ValidationError
from ninja import Router, Schema, Status

from waspada.accounts.permissions import Perm, can
from waspada.accounts.requests import AuthenticatedRequest
from waspada.cases.selectors import get_case_for
from waspada.repatriation import reference, selectors, services
from waspada.repatriation.models import StageEntry
from waspada.ui.api_kit import Code, ErrorOut, Id, Int64, invalid

router = Router(tags=["protection"])

# Service field names that the API spells differently.
_API_FIELDS = {"organisation": "organisation_id"}


class StageOut(Schema):
    id: int
    stage: str
    stage_label: str
    order: int
    reached_on: date
    organisation_id: int | None
    organisation_name: str
    responsible_party: str
    cost_idr: int | None
    cost_payer: str
    has_note: bool
    note: str | None = None  # only with ?include_notes=true, for those who may read it


class RepatriationOut(Schema):
    case: str
    reference_version: str
    current_stage: str | None
    current_stage_label: str
    started_on: date | None
    departed: bool
    total_cost_idr: int
    stages: list[StageOut]
    next_stages: list[str]


class RepatriationStageIn(Schema):
    stage: str = ""
    reached_on: str = ""
    organisation_id: Id | None = None
    responsible_party: str = ""
    cost_idr: Int64 | str | None = None
    cost_payer: str = ""
    note: str = ""


class WaitingOut(Schema):
    code: str
    current_stage: str
    current_stage_label: str
    started_on: date | None
    days_waiting: int | None


class CountryOut(Schema):
    country: str
    name: str
    count: int
    cases: list[WaitingOut]


class AwaitingOut(Schema):
    total: int
    countries: list[CountryOut]


def _stage_out(entry: StageEntry, note: str | None = None) -> dict[str, object]:
    return {
        "id": entry.pk,
        "stage": entry.stage,
        "stage_label": reference.stage_label(entry.stage),
        "order": entry.order,
        "reached_on": entry.reached_on,
        "organisation_id": entry.organisation_id,
        "organisation_name": entry.organisation.name if entry.organisation else "",
        "responsible_party": entry.responsible_party,
        "cost_idr": entry.cost_idr,
        "cost_payer": entry.cost_payer,
        "has_note": bool(entry.sealed_note),
        "note": note,
    }


@router.get(
    "/cases/{code}/repatriation",
    response={200: RepatriationOut, 404: ErrorOut},
    summary="A case's repatriation: stages, current stage, total cost",
)
def repatriation_detail(
    request: AuthenticatedRequest, code: Code, include_notes: bool = False
) -> Status:
    """Stages in order. ``include_notes=true`` decrypts the notes the caller may read (audited)."""
    case = get_case_for(request.user, code)
    summary = selectors.summary(case)
    notes: dict[int, str | None] = {}
    if include_notes:
        notes = services.stage_notes_open(
            viewer=request.user,
            case=case,
            entries=summary.entries,
            request=request,
        )
    return Status(
        200,
        {
            "case": case.code,
            "reference_version": reference.version(),
            "current_stage": summary.current.code if summary.current else None,
            "current_stage_label": summary.current.label if summary.current else "",
            "started_on": summary.started_on,
            "departed": summary.departed,
            "total_cost_idr": summary.total_cost_idr,
            "stages": [_stage_out(entry, notes.get(entry.pk)) for entry in summary.entries],
            "next_stages": [stage.code for stage in summary.next_stages],
        },
    )


@router.post(
    "/cases/{code}/repatriation/stages",
    response={201: StageOut, 400: ErrorOut, 403: ErrorOut, 404: ErrorOut},
    summary="Record the next repatriation stage of a case",
)
def repatriation_stage_create(
    request: AuthenticatedRequest, code: Code, payload: RepatriationStageIn
) -> Status:
    """Stages follow the reference order (skipping allowed) and dates never go backwards.

    Referral recipients may record only stages with their own organisation as
    ``organisation_id`` (400 on that field otherwise, as on the page). Recording ``arrival``
    sets the case's return date if it was empty.
    """
    case = get_case_for(request.user, code)
    data = payload.dict()
    data["organisation"] = data.pop("organisation_id")
    try:
        entry = services.repatriation_stage_record(
            actor=request.user,
            case=case,
            data=data,
            request=request,
        )
    except PermissionDenied as exc:
        raise PermissionDenied("You may not record repatriation stages of this case.") from exc
    except ValidationError as exc:
        return invalid(exc, rename=_API_FIELDS)
    return Status(201, _stage_out(entry))


@router.get(
    "/repatriation/awaiting",
    response={200: AwaitingOut, 403: ErrorOut},
    summary="People awaiting return, by destination country",
)
def repatriation_awaiting(request: AuthenticatedRequest) -> Status:
    """Visible open cases whose repatriation has not reached departure: counts and codes."""
    if not can(request.user, Perm.PROTECTION_VIEW):
        raise PermissionDenied("This account may not see victims' cases.")
    groups = selectors.awaiting_return(viewer=request.user)
    return Status(
        200,
        {
            "total": sum(group.count for group in groups),
            "countries": [
                {
                    "country": group.country,
                    "name": group.name,
                    "count": group.count,
                    "cases": [
                        {
                            "code": item.code,
                            "current_stage": item.stage.code if item.stage else "",
                            "current_stage_label": item.stage.label if item.stage else "",
                            "started_on": item.started_on,
                            "days_waiting": item.days_waiting,
                        }
                        for item in group.cases
                    ],
                }
                for group in groups
            ],
        },
    )
