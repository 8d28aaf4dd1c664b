"""The "Penegakan hukum" tab of a victim's case page: the legal status of linked legal cases.

Only what the viewer may see of each legal case (``legal_case_queryset_for``) and only its
status: code, stage, verdict and next hearing. Never suspects or evidence.
"""

from __future__ import annotations

from typing import Any

from waspada.accounts.requests import AuthenticatedRequest
from waspada.cases.models import Case
from waspada.legal.selectors import legal_case_queryset_for, next_hearing


def context(request: AuthenticatedRequest, case: Case) -> dict[str, Any]:
    linked = legal_case_queryset_for(request.user).filter(victim_cases=case).order_by("created_at")
    return {"legal_statuses": [(legal_case, next_hearing(legal_case)) for legal_case in linked]}
