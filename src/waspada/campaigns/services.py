"""Writes on campaigns. Every write is audited inside its transaction.

Each service checks the permission first (``access.can_manage_campaigns``), validates every
field before writing (``ValidationError({field: [message]})``, nothing written on error) and
records one audit event. Campaigns hold no personal data.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.http import HttpRequest
from django.utils.translation import gettext as _

from waspada.accounts.models import User
from waspada.audit import services as audit
from waspada.campaigns.access import can_manage_campaigns
from waspada.campaigns.models import Campaign
from waspada.campaigns.validation import CAMPAIGN_FIELDS, validate_campaign
from waspada.validation import ConflictError


def campaign_create(
    *, actor: User, data: Mapping[str, Any], request: HttpRequest | None = None
) -> Campaign:
    """Record a campaign owned by the actor's organisation. Raises PermissionDenied for
    non-managers and ValidationError per field before anything is written."""
    if not can_manage_campaigns(actor):
        raise PermissionDenied
    clean = validate_campaign(data)
    partners = clean.pop("partners")
    assert actor.organisation_id is not None  # managers always belong to an organisation
    with transaction.atomic():
        campaign = Campaign.objects.create(
            organisation_id=actor.organisation_id, created_by=actor, **clean
        )
        campaign.partners.set(partners)
        audit.record(
            "campaigns.campaign.created", actor=actor, obj=campaign, request=request,
            details={"channel": campaign.channel, "year": campaign.start_date.year,
                     "people_reached": campaign.people_reached},
        )  # fmt: skip
    return campaign


def campaign_update(
    *,
    actor: User,
    campaign: Campaign,
    data: Mapping[str, Any],
    version: int,
    request: HttpRequest | None = None,
) -> Campaign:
    """Update the given fields (others keep their value). ``version`` is what the editor
    loaded: if the campaign changed since, ConflictError is raised and nothing is written."""
    if not can_manage_campaigns(actor, campaign):
        raise PermissionDenied
    current: dict[str, Any] = {name: getattr(campaign, name) for name in CAMPAIGN_FIELDS}
    current["partners"] = sorted(campaign.partners.values_list("pk", flat=True))
    clean = validate_campaign({**current, **data})
    changed = sorted(name for name in clean if clean[name] != current[name])
    partners = clean.pop("partners")
    with transaction.atomic():
        if not Campaign.objects.filter(pk=campaign.pk, version=version).update(version=version + 1):
            raise ConflictError(_("Kampanye ini sudah diubah orang lain. Muat ulang lalu ulangi."))
        for name, value in clean.items():
            setattr(campaign, name, value)
        campaign.version = version + 1
        campaign.save()
        campaign.partners.set(partners)
        audit.record(
            "campaigns.campaign.updated", actor=actor, obj=campaign, request=request,
            details={"fields": changed},
        )  # fmt: skip
    return campaign
