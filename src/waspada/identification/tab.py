"""Context for this app's tab on the case page (see waspada.cases.tabs).

The owning organisation's side sees the interviews, each with the proposed status and why,
and the decision's stage. Others who may see the case (referral recipients) see only the
decided trafficking status. Nothing sealed is opened here, so showing the tab reads no
personal data.
"""

from __future__ import annotations

from typing import Any

from waspada.accounts.requests import AuthenticatedRequest
from waspada.cases.models import Case
from waspada.identification import explain, selectors


def context(request: AuthenticatedRequest, case: Case) -> dict[str, Any]:
    user = request.user
    owner_side = selectors.may_read_interviews(user, case)
    result: dict[str, Any] = {
        "owner_side": owner_side,
        "trafficking_status_label": case.get_trafficking_status_display(),
    }
    if not owner_side:
        return result
    result["interviews"] = [
        {
            "interview": interview,
            "reasons": explain.reasons(interview.proposed_reasons),
            "conclusion": explain.conclusion(interview.proposed_status),
        }
        for interview in selectors.interviews_for(viewer=user, case=case)
    ]
    result["can_record"] = selectors.may_record(user, case)
    result["can_approve"] = selectors.may_approve(user, case)
    result["requires_approval"] = selectors.requires_approval(case.organisation_id)
    return result
