"""Who may see and who may manage campaigns. The only place in this app that decides it.

- **view**: everyone holding ``Perm.PREVENTION_VIEW`` (every role); campaigns of every
  organisation, since a campaign holds no personal data.
- **manage**: see ``can_manage_campaigns``.
"""

from __future__ import annotations

from typing import Any

from django.http import Http404

from waspada.accounts.permissions import Perm, can
from waspada.accounts.roles import Role
from waspada.campaigns.models import Campaign

MANAGER_ROLES = frozenset({Role.PROGRAMME_OFFICER, Role.SUPERVISOR})


def can_view_campaigns(user: Any) -> bool:
    return can(user, Perm.PREVENTION_VIEW)


def can_manage_campaigns(user: Any, campaign: Campaign | None = None) -> bool:
    """True for programme officers and supervisors (active, in an active organisation).

    With ``campaign``: only when the campaign is owned by the user's organisation. Without
    it: whether the user may record new campaigns (always owned by their organisation).
    Everyone else (caseworkers, legal officers, analysts, administrators) only views.
    """
    if not can_view_campaigns(user) or user.role not in MANAGER_ROLES:
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
