"""The legal-case workflow: which stage moves are allowed, what each stage needs, and how long
a case spent in each stage (derived from the recorded changes, never typed in).

Moves go forward one or more steps. The only way back is from appeal/cassation to a new
verdict. Reaching a stage needs the data of that stage and of every stage passed on the way.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from django.utils import timezone

from waspada.legal.models import STAGE_ORDER, Stage

if TYPE_CHECKING:
    from waspada.legal.models import LegalCase, StageChange

# What must be recorded before a case may reach a stage ("charges" = at least one charge).
REQUIRES: dict[str, tuple[str, ...]] = {
    Stage.PROSECUTION: ("charges",),
    Stage.TRIAL: ("court",),
    Stage.VERDICT: ("court", "verdict"),
    Stage.APPEAL: ("verdict",),
    Stage.FINAL: ("verdict",),
}
# An SP3 set aside (pretrial ruling, new evidence) reopens the investigation.
BACKWARD_EXCEPTIONS = {
    (Stage.APPEAL.value, Stage.VERDICT.value),
    (Stage.SP3.value, Stage.INVESTIGATION.value),
}
# Outcomes off the line and the stages they may end: SP3 terminates an investigation
# (penyidikan) before the suspect and the file are handed to the prosecutor.
OUTCOMES: dict[str, tuple[str, ...]] = {
    Stage.SP3.value: (Stage.INVESTIGATION.value, Stage.P21.value),
}


def position(stage: str) -> int:
    """Place on the line; an outcome off the line counts as the last stage it may end."""
    if stage in OUTCOMES:
        return STAGE_ORDER.index(OUTCOMES[stage][-1])
    return STAGE_ORDER.index(stage)


def allowed_targets(current: str) -> list[str]:
    """Stages the case may move to from ``current``."""
    back = [to for (frm, to) in BACKWARD_EXCEPTIONS if frm == current]
    if current in OUTCOMES:
        return back
    ahead = list(STAGE_ORDER[position(current) + 1 :])
    ends = [outcome for outcome, during in OUTCOMES.items() if current in during]
    return back + ahead + ends


def is_allowed(current: str, target: str) -> bool:
    return target in Stage.values and target in allowed_targets(current)


def _stages_passed(current: str, target: str) -> Sequence[str]:
    if target in OUTCOMES or current in OUTCOMES or position(target) <= position(current):
        return (target,)
    return STAGE_ORDER[position(current) + 1 : position(target) + 1]


def missing_fields(legal_case: LegalCase, target: str) -> list[str]:
    """Names of the fields (or ``charges``) still empty that ``target`` needs."""
    needed: list[str] = []
    for stage in _stages_passed(legal_case.stage, target):
        for field in REQUIRES.get(stage, ()):
            if field not in needed:
                needed.append(field)
    missing = []
    for field in needed:
        if field == "charges":
            if not legal_case.charges.exists():
                missing.append(field)
        elif not getattr(legal_case, field):
            missing.append(field)
    return missing


@dataclass(frozen=True)
class StageSpan:
    stage: str
    started_at: datetime
    ended_at: datetime | None  # None while the case is still in this stage
    days: float

    @property
    def label(self) -> str:
        return str(Stage(self.stage).label)


def spans(changes: Iterable[StageChange], *, now: datetime | None = None) -> list[StageSpan]:
    """Time spent in each stage, one span per change, from the ordered stage changes."""
    now = now or timezone.now()
    ordered = sorted(changes, key=lambda change: (change.changed_at, change.pk))
    result = []
    for index, change in enumerate(ordered):
        end = ordered[index + 1].changed_at if index + 1 < len(ordered) else None
        days = ((end or now) - change.changed_at).total_seconds() / 86400
        result.append(StageSpan(change.to_stage, change.changed_at, end, round(days, 1)))
    return result


def furthest_stage(changes: Iterable[StageChange]) -> str:
    """The furthest stage a case ever reached (an appeal back to verdict does not undo it)."""
    reached = [change.to_stage for change in changes if change.to_stage in STAGE_ORDER]
    return max(reached, key=position) if reached else Stage.REPORT.value
