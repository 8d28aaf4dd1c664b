"""Campaigns API: list and record campaigns, read one with the screening numbers of its
period. Access is decided by ``waspada.campaigns.access``, exactly as on the pages."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.core.exceptions import PermissionDenied
from ninja import Query, Router, Schema, Status

from waspada.accounts.requests import AuthenticatedRequest
from waspada.campaigns import selectors, services
from waspada.campaigns.access import can_manage_campaigns, can_view_campaigns, get_campaign_for
from waspada.campaigns.models import Campaign
from waspada.ui.api_kit import ErrorOut, Id, Int64, Mapped, Year, paginated

router = Router(tags=["prevention"])


class CampaignIn(Schema):
    title: str
    channel: str
    province: str
    start_date: date
    end_date: date
    audience_type: str
    people_reached: Int64
    reached_female: Int64 | None = None
    reached_male: Int64 | None = None
    regency: str = ""
    materials: str = ""
    partners: list[Id] = []


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


class CampaignCreatedOut(Schema):
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


class CampaignListQuery(Schema):
    year: Year | None = None
    channel: str = ""
    province: str = ""


@router.get(
    "/campaigns",
    response={200: list[CampaignOut], 403: ErrorOut},
    summary="Campaign and outreach activities (all organisations)",
)
@paginated
def campaign_index(request: AuthenticatedRequest, filters: Query[CampaignListQuery]) -> Mapped:
    if not can_view_campaigns(request.user):
        raise PermissionDenied("Your role cannot see campaigns.")
    campaigns = selectors.campaign_list(
        viewer=request.user,
        filters=selectors.CampaignFilters(
            year=filters.year, channel=filters.channel, province=filters.province
        ),
    ).prefetch_related("partners")
    return Mapped(campaigns, _campaign)


@router.post(
    "/campaigns",
    response={201: CampaignCreatedOut, 400: ErrorOut, 403: ErrorOut},
    summary="Record a campaign owned by the caller's organisation",
)
def campaign_create(request: AuthenticatedRequest, payload: CampaignIn) -> Status:
    if not can_manage_campaigns(request.user):
        raise PermissionDenied("Your role cannot record campaigns.")
    campaign = services.campaign_create(
        actor=request.user,
        data=payload.dict(),
        request=request,
    )
    return Status(201, {"id": campaign.pk})


@router.get(
    "/campaigns/{campaign_id}",
    response={200: CampaignDetailOut},
    summary="One campaign, with the offers screened during its period",
)
def campaign_read(request: AuthenticatedRequest, campaign_id: Id) -> Status:
    campaign = get_campaign_for(request.user, campaign_id)
    screening = selectors.screening_during(campaign)
    return Status(
        200,
        {**_campaign(campaign), "screening": {**screening.by_verdict, "total": screening.total}},
    )
