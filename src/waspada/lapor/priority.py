"""How urgent a public report is, and why: plain rules, explained by their reasons.

- an SOS with any *urgent* situation (confinement, violence, ransom, injury or sickness, a
  minor; the list is reference data) is **urgent**, and so is an SOS whose person is under 18
  by the age given, even when "a child" was not ticked;
- any other SOS is **high**;
- suspicious offers and other reports are **normal**.

Each result carries its reasons (codes of ``reference.json``), so the queue can say why.
"""

from __future__ import annotations

from collections.abc import Collection, Iterable
from dataclasses import dataclass

URGENT, HIGH, NORMAL = "urgent", "high", "normal"
RANK = {URGENT: 0, HIGH: 1, NORMAL: 2}
ADULT_AGE = 18


@dataclass(frozen=True)
class Priority:
    level: str
    reasons: tuple[str, ...]

    @property
    def rank(self) -> int:
        return RANK[self.level]


def assess(
    *, kind: str, situations: Iterable[str], age: int | None, urgent: Collection[str]
) -> Priority:
    """The priority of a report of ``kind`` with the ticked ``situations`` and the person's
    ``age`` (None when unknown); ``urgent`` names the situations that make an SOS urgent."""
    if kind != "sos":
        return Priority(NORMAL, (kind,))
    reasons = [code for code in situations if code in urgent]
    if age is not None and age < ADULT_AGE and "minor" not in reasons:
        reasons.append("minor_by_age")
    if reasons:
        return Priority(URGENT, tuple(reasons))
    return Priority(HIGH, ("sos",))
