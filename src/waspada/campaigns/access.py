"""Who may see and who may manage campaigns. The only place in this app that decides it.

- **view**: everyone holding ``Perm.PREVENTION_VIEW`` (every role); campaigns of every
  organisation, since a campaign holds no personal data.
- **manage**: ``Perm.CAMPAIGNS_MANAGE`` in the permission matrix, for campaigns owned by the
  user's organisation (``can_manage_campaigns``).
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from waspada.accounts.permissions import Perm, can
from waspada.campaigns.models import Campaign


def can_view_campaigns(user: Any) -> bool:
    return can(user, Perm.PREVENTION_VIEW)


def can_manage_campaigns(user: Any, campaign: Campaign | None = None) -> bool:
    """True for holders of ``Perm.CAMPAIGNS_MANAGE`` (programme officers and supervisors).

    With ``campaign``: only when the campaign is owned by the user's organisation. Without
    it: whether the user may record new campaigns (always owned by their organisation).
    Everyone else (caseworkers, legal officers, analysts, administrators) only views.
    """
    if not can(user, Perm.CAMPAIGNS_MANAGE):
        return False
    return campaign is None or campaign.organisation_id == user.organisation_id


def get_campaign_for(user: Any, pk: int) -> Campaign:
    """The campaign if the user may see it; 404 otherwise."""
    if not can_view_campaigns(user):
        raise Http404
    campaign = Campaign.objects.select_related("organisation").filter(pk=pk).first()
    if campaign is None:
        raise Http404
    return campaign
