"""Reads on referrals and the service directory."""

from __future__ import annotations

from typing import Any

from django.db.models import QuerySet
from django.shortcuts import get_object_or_404

from waspada.accounts.permissions import Perm, can
from waspada.cases.models import Case, ConsentKind
from waspada.referrals.models import Referral, ReferralStatus, ServiceOffering


def sharing_consent_given(case: Case) -> bool:
    """Whether the person's latest word on sharing their data with other organisations is yes."""
    latest = case.consents.filter(kind=ConsentKind.SHARING).order_by("-recorded_at", "-pk").first()
    return bool(latest and latest.granted)


def incoming_referrals(*, viewer: Any) -> QuerySet[Referral]:
    """Referrals sent to the viewer's organisation that still wait for an answer.

    Only the case code, sending organisation and service are shown before acceptance.
    """
    if not can(viewer, Perm.REFERRAL_RESPOND):
        return Referral.objects.none()
    return (
        Referral.objects.filter(
            to_organisation_id=viewer.organisation_id, status=ReferralStatus.PENDING
        )
        .select_related("case__person__data_key", "from_organisation")
        .order_by("requested_at")
    )


def get_incoming_referral_for(viewer: Any, pk: int) -> Referral:
    return get_object_or_404(incoming_referrals(viewer=viewer), pk=pk)


def service_directory(*, service_type: str = "", region: str = "") -> QuerySet[ServiceOffering]:
    offerings = ServiceOffering.objects.filter(
        is_active=True, organisation__is_active=True
    ).select_related("organisation")
    if service_type:
        offerings = offerings.filter(service_type=service_type)
    if region:
        offerings = offerings.filter(regions__icontains=region)
    return offerings


def ended_referrals_received(*, viewer: Any) -> QuerySet[Referral]:
    """Referrals to the viewer's organisation that ended (or are ending after a closed case's
    grace period): the recipient is told, with when and why, and keeps no access after."""
    if not can(viewer, Perm.PROTECTION_MANAGE):
        return Referral.objects.none()
    return (
        Referral.objects.filter(
            to_organisation_id=viewer.organisation_id, status=ReferralStatus.ENDED
        )
        .select_related("case", "from_organisation")
        .order_by("-ended_at")[:50]
    )
