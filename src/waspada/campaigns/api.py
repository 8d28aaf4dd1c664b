"""Campaigns API: list and record campaigns, read one with the screening numbers of its
period. Access is decided by ``waspada.campaigns.access``, exactly as on the pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import ValidationError
from django.http import Http404, HttpRequest
from ninja import Query, Router, Schema, Status

from waspada.campaigns import selectors, services
from waspada.campaigns.access import can_manage_campaigns, can_view_campaigns, get_campaign_for
from waspada.campaigns.models import Campaign

router = Router(tags=["prevention"])


class Error(Schema):
    detail: str


class ValidationOut(Schema):
    detail: str
    errors: dict[str, list[str]]


class CampaignIn(Schema):
    title: str
    channel: str
    province: str
    start_date: date
    end_date: date
    audience_type: str
    people_reached: int
    reached_female: int | None = None
    reached_male: int | None = None
    regency: str = ""
    materials: str = ""
    partners: list[int] = []


class PartnerOut(Schema):
    id: int
    name: str


class CampaignOut(Schema):
    id: int
    title: str
    channel: str
    province: str
    regency: str
    start_date: date
    end_date: date
    audience_type: str
    people_reached: int
    reached_female: int | None
    reached_male: int | None
    materials: str
    organisation: str
    organisation_id: int
    partners: list[PartnerOut]


class ScreeningOut(Schema):
    high: int
    medium: int
    low: int
    total: int


class CampaignDetailOut(CampaignOut):
    screening: ScreeningOut


class CampaignListOut(Schema):
    count: int
    results: list[CampaignOut]


class CreatedOut(Schema):
    id: int


def _campaign(campaign: Campaign) -> dict[str, Any]:
    return {
        **{
            name: getattr(campaign, name)
            for name in (
                "title",
                "channel",
                "province",
                "regency",
                "start_date",
                "end_date",
                "audience_type",
                "people_reached",
                "reached_female",
                "reached_male",
                "materials",
                "organisation_id",
            )  # fmt: skip
        },
        "id": campaign.pk,
        "organisation": campaign.organisation.name,
        "partners": [{"id": p.pk, "name": p.name} for p in campaign.partners.all()],
    }


class ListFilters(Schema):
    year: int | None = None
    channel: str = ""
    province: str = ""
    limit: int = 50
    offset: int = 0


@router.get(
    "/campaigns",
    response={200: CampaignListOut, 403: Error},
    summary="Campaign and outreach activities (all organisations)",
)
def campaign_index(request: HttpRequest, filters: Query[ListFilters]) -> Status:
    if not can_view_campaigns(request.user):
        return Status(403, {"detail": "Your role cannot see campaigns."})
    campaigns = selectors.campaign_list(
        viewer=request.user,
        filters=selectors.CampaignFilters(
            year=filters.year, channel=filters.channel, province=filters.province
        ),
    ).prefetch_related("partners")
    limit = max(1, min(filters.limit, 200))
    offset = max(0, filters.offset)
    page = campaigns[offset : offset + limit]
    return Status(200, {"count": campaigns.count(), "results": [_campaign(c) for c in page]})


@router.post(
    "/campaigns",
    response={201: CreatedOut, 400: ValidationOut, 403: Error},
    summary="Record a campaign owned by the caller's organisation",
)
def campaign_create(request: HttpRequest, payload: CampaignIn) -> Status:
    if not can_manage_campaigns(request.user):
        return Status(403, {"detail": "Your role cannot record campaigns."})
    try:
        campaign = services.campaign_create(
            actor=request.user,  # type: ignore[arg-type]
            data=payload.dict(),
            request=request,
        )
    except ValidationError as exc:
        errors = exc.message_dict if hasattr(exc, "error_dict") else {"__all__": exc.messages}
        return Status(400, {"detail": "validation failed", "errors": errors})
    return Status(201, {"id": campaign.pk})


@router.get(
    "/campaigns/{campaign_id}",
    response={200: CampaignDetailOut, 404: Error},
    summary="One campaign, with the offers screened during its period",
)
def campaign_read(request: HttpRequest, campaign_id: int) -> Status:
    try:
        campaign = get_campaign_for(request.user, campaign_id)
    except Http404:
        return Status(404, {"detail": "Not found."})
    screening = selectors.screening_during(campaign)
    return Status(
        200,
        {**_campaign(campaign), "screening": {**screening.by_verdict, "total": screening.total}},
    )
