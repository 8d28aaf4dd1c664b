"""Reads of campaigns, and the screening numbers of a campaign's period."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db.models import QuerySet, Sum
from django.db.models.functions import ExtractYear

from waspada.campaigns.access import can_view_campaigns
from waspada.campaigns.models import Campaign
from waspada.prevention.models import ScreeningCount

VERDICTS = ("high", "medium", "low")


@dataclass(frozen=True)
class CampaignFilters:
    year: int | None = None
    channel: str = ""
    province: str = ""


def campaign_queryset_for(viewer: Any) -> QuerySet[Campaign]:
    if not can_view_campaigns(viewer):
        return Campaign.objects.none()
    return Campaign.objects.all()


def campaign_list(*, viewer: Any, filters: CampaignFilters) -> QuerySet[Campaign]:
    """Campaigns of every organisation (none for a viewer without the right), newest first."""
    campaigns = campaign_queryset_for(viewer).select_related("organisation")
    if filters.year:
        campaigns = campaigns.filter(start_date__year=filters.year)
    if filters.channel:
        campaigns = campaigns.filter(channel=filters.channel)
    if filters.province:
        campaigns = campaigns.filter(province=filters.province)
    return campaigns.order_by("-start_date", "-pk")


def campaign_years() -> list[int]:
    """Years in which at least one campaign started, newest first (for filter choices)."""
    years = (
        Campaign.objects.annotate(year=ExtractYear("start_date"))
        .values_list("year", flat=True)
        .distinct()
    )
    return sorted(set(years), reverse=True)


@dataclass(frozen=True)
class ScreeningPeriod:
    """Offers screened (all channels) between a campaign's dates, inclusive."""

    by_verdict: dict[str, int]

    @property
    def total(self) -> int:
        return sum(self.by_verdict.values())

    @property
    def flagged(self) -> int:
        return self.by_verdict.get("high", 0) + self.by_verdict.get("medium", 0)


def screening_during(campaign: Campaign) -> ScreeningPeriod:
    """Sum of ``prevention.ScreeningCount`` from the start to the end date, by verdict."""
    rows = (
        ScreeningCount.objects.filter(day__gte=campaign.start_date, day__lte=campaign.end_date)
        .values("verdict")
        .annotate(total=Sum("count"))
    )
    counts = {verdict: 0 for verdict in VERDICTS}
    for row in rows:
        counts[row["verdict"]] = counts.get(row["verdict"], 0) + (row["total"] or 0)
    return ScreeningPeriod(by_verdict=counts)
