"""What the identification decision implies for the case's status (a proposal, see
``waspada.cases.proposals``): a person identified as a victim, or possibly one, needs
assistance; a person found not to be a victim leaves the programme (the case is closed)."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from waspada.cases.extensions import StatusHint
from waspada.cases.models import CaseStatus, TraffickingStatus

IMPLIED = {
    TraffickingStatus.ACTUAL: CaseStatus.ASSISTANCE,
    TraffickingStatus.POSSIBLE: CaseStatus.ASSISTANCE,
    TraffickingStatus.NOT_VICTIM: CaseStatus.CLOSED,
}


def status_hint(case: Any) -> StatusHint | None:
    implied = IMPLIED.get(case.trafficking_status)
    # Only while the case has not moved past identification: later moves were deliberate.
    if implied is None or case.status not in (CaseStatus.REGISTERED, CaseStatus.IDENTIFICATION):
        return None
    because = _("Keputusan identifikasi: %(decision)s") % {
        "decision": case.get_trafficking_status_display()
    }
    return StatusHint(implied, because)
