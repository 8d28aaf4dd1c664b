"""The status the system proposes from an interview's answers (plain Python, no Django).

UU 21/2007 Art. 1(1) defines trafficking by three elements: a process, a means and an
exploitative purpose. For a child (under 18) the means need not be shown (Palermo Protocol
Art. 3(c)). The proposal is advice for the person who decides, never the decision itself.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import Any

ACTUAL = "actual"
POSSIBLE = "possible"
NOT_VICTIM = "not_victim"
ADULT_AGE = 18


@dataclass(frozen=True)
class Proposal:
    status: str
    # One entry per condition: {"condition", "met", "codes"} (+ "child_age" for means).
    reasons: list[dict[str, Any]]


def propose(*, answers: Mapping[str, Sequence[str]], age: int | None) -> Proposal:
    """``actual`` when a process, a means (or the person is a child) and a purpose are present;
    ``possible`` when some elements or ILO indicators are but not all three; ``not_victim``
    when none is."""
    found = {name: list(answers.get(name) or []) for name in ("process", "means", "purpose", "ilo")}
    child = age is not None and age < ADULT_AGE
    means_reason: dict[str, Any] = {
        "condition": "means",
        "met": bool(found["means"]) or child,
        "codes": found["means"],
        "child_age": age if child else None,
    }
    reasons = [
        {"condition": "process", "met": bool(found["process"]), "codes": found["process"]},
        means_reason,
        {"condition": "purpose", "met": bool(found["purpose"]), "codes": found["purpose"]},
        {"condition": "ilo", "met": bool(found["ilo"]), "codes": found["ilo"]},
    ]
    if all(reason["met"] for reason in reasons[:3]):
        status = ACTUAL
    elif any(found.values()):
        status = POSSIBLE
    else:
        status = NOT_VICTIM
    return Proposal(status=status, reasons=reasons)
