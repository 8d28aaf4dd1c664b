"""The status a case's records imply, proposed to the caseworker — never applied by itself.

Satellites register what their records imply (``extensions.register_status_hint``): the
identification decision, the repatriation stage. A hint is proposed only when it is a move the
workflow allows from the current status and a move forward (one click); closing is proposed as
a link to the closing page, which asks its reason and summary.
"""

from __future__ import annotations

from dataclasses import dataclass

from waspada.cases import extensions
from waspada.cases.models import Case, CaseStatus
from waspada.cases.services import TRANSITIONS, transition_needs_reason


@dataclass(frozen=True)
class Proposal:
    to_status: str
    label: str
    because: str
    closes: bool  # closing: a link to the closing page rather than a one-click form


def status_proposals(case: Case) -> list[Proposal]:
    proposals: dict[str, Proposal] = {}
    for hint in extensions.status_hints(case):
        target = hint.to_status
        if target == case.status or target in proposals:
            continue
        closes = target == CaseStatus.CLOSED
        allowed = closes or target in TRANSITIONS.get(case.status, ())
        if not allowed or transition_needs_reason(case.status, target):
            continue
        label = str(CaseStatus(target).label)
        proposals[target] = Proposal(target, label, hint.because, closes)
    return list(proposals.values())
