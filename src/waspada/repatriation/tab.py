"""Context for this app's tab on the case page (see waspada.cases.tabs)."""

from __future__ import annotations

from typing import Any

from waspada.accounts.requests import AuthenticatedRequest
from waspada.cases.models import Case
from waspada.repatriation import reference, selectors, services
from waspada.repatriation.display import rupiah, timeline
from waspada.repatriation.forms import stage_form_for


def context(request: AuthenticatedRequest, case: Case) -> dict[str, Any]:
    summary = selectors.summary(case)
    can_record = selectors.may_record(request.user, case)
    form = None
    if can_record and summary.next_stages:
        form = stage_form_for(request.user, case, summary.next_stages)
    return {
        "repatriation": summary,
        "repatriation_rows": timeline(summary),
        "repatriation_total": rupiah(summary.total_cost_idr),
        "repatriation_form": form,
        "repatriation_has_notes": any(entry.sealed_note for entry in summary.entries),
        "repatriation_can_void": can_record,
        "repatriation_voided": [
            (entry, reference.stage_label(entry.stage), services.stage_void_reason(entry))
            for entry in selectors.voided_entries(case)
        ],
    }
