"""The referrals tab of the case page."""

from __future__ import annotations

from typing import Any

from waspada.accounts.requests import AuthenticatedRequest
from waspada.cases import reference
from waspada.cases.models import Case
from waspada.cases.selectors import is_owner_side
from waspada.referrals import services
from waspada.referrals.forms import ReferralForm
from waspada.referrals.selectors import service_directory, sharing_consent_given


def context(request: AuthenticatedRequest, case: Case) -> dict[str, Any]:
    owner_side = is_owner_side(request.user, case)
    referrals = case.referrals.select_related(
        "to_organisation", "from_organisation", "case__person__data_key"
    )
    if not owner_side:  # a recipient sees only what was sent to it
        referrals = referrals.filter(to_organisation_id=request.user.organisation_id)
    service_type = request.GET.get("layanan", "")
    return {
        "referrals": [
            (
                r,
                reference.label("service_types", r.service_type),
                services.referral_request(r),
                services.referral_decline_reason(r) if r.sealed_decline_reason else "",
            )
            for r in referrals
        ],
        "referral_form": ReferralForm(
            own_organisation_id=case.organisation_id, initial={"service_type": service_type}
        ),
        "sharing_consent": sharing_consent_given(case),
        "directory": service_directory(service_type=service_type)[:30] if service_type else [],
        "service_type": service_type,
    }
