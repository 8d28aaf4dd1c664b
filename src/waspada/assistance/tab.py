"""Context for this app's tab on the case page (see waspada.cases.tabs).

Opening the tab is a deliberate act (it is never the default tab), so the free text the
viewer may read is decrypted here, and that read is audited (``assistance.notes.viewed``).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

from waspada.accounts.requests import AuthenticatedRequest
from waspada.assistance import rules, selectors, services
from waspada.assistance.forms import FollowUpForm, GoalForm
from waspada.cases import reference
from waspada.cases.models import Case


@dataclass(frozen=True)
class Row:
    item: Any
    text: str  # "" when none, or when hidden / erased (see the flags)
    hidden: bool  # the viewer may not read this text (a referral recipient)
    erased: bool
    overdue: bool = False
    editable: bool = False
    label: str = ""
    reason: str = ""  # why a voided record was voided


def context(request: AuthenticatedRequest, case: Case) -> dict[str, Any]:
    user = request.user
    goals = selectors.goals_of(case)
    follow_ups = selectors.follow_ups_of(case)
    delivered = selectors.services_of(case)
    voided_follow_ups = selectors.voided_follow_ups_of(case)
    voided_services = selectors.voided_services_of(case)
    texts = services.notes_open(
        viewer=user,
        case=case,
        items=[*goals, *follow_ups, *delivered, *voided_follow_ups, *voided_services],
        request=request,
    )
    can_plan = rules.can_edit_plan(user, case)

    def row(item: Any, **extra: Any) -> Row:
        key = (item._meta.model_name, item.pk)
        text = texts.get(key, "")
        return Row(item=item, text=text or "", hidden=key not in texts, erased=text is None,
                   **extra)  # fmt: skip

    def voided(item: Any, **extra: Any) -> Row:
        # The reason is shown to those who may read the record's own text (opened above,
        # in the same audited read).
        base = row(item, **extra)
        reason = "" if base.hidden else services.void_reason_open(case=case, item=item) or ""
        return replace(base, reason=reason)

    follow_up_rows = [
        row(f, overdue=selectors.is_overdue(f), editable=can_plan and f.done_at is None)
        for f in follow_ups
    ]
    return {
        "assistance": {
            "goals": [row(g, editable=can_plan) for g in goals],
            "follow_ups": follow_up_rows,
            "overdue_count": sum(1 for r in follow_up_rows if r.overdue),
            "services": [
                row(
                    s,
                    editable=rules.can_edit_service(user, s),
                    label=reference.label("service_types", s.service_type),
                )
                for s in delivered
            ],  # fmt: skip
            "voided_follow_ups": [voided(f) for f in voided_follow_ups],
            "voided_services": [
                voided(s, label=reference.label("service_types", s.service_type))
                for s in voided_services
            ],
            "can_plan": can_plan,
            "can_record_service": rules.can_record_service(user, case),
            "goal_form": GoalForm(auto_id="goal_%s"),
            "follow_up_form": FollowUpForm(auto_id="followup_%s"),
        }
    }
