"""What the repatriation's current stage implies for the case's status (a proposal, see
``waspada.cases.proposals``), read from the ``case_status`` of the stage in ``stages.json``."""

from __future__ import annotations

from typing import Any

from django.utils.translation import gettext as _

from waspada.cases.extensions import StatusHint
from waspada.repatriation import reference
from waspada.repatriation.models import Repatriation


def status_hint(case: Any) -> StatusHint | None:
    current = Repatriation.objects.filter(case=case).values_list("current_stage", flat=True).first()
    stage = reference.stage(current or "")
    if stage is None or not stage.case_status:
        return None
    return StatusHint(stage.case_status, _("Tahap pemulangan: %(stage)s") % {"stage": stage.label})
