"""Small-cell suppression: the one place that decides how a figure about people is shown.

Rule (k = 11, as IOM's CTDC uses): a count of people from 1 to 10 is shown as ``"<11"``, and
a median, share or sum derived from fewer than 11 people (or cases) is blanked (``None``).
Zero stays zero: it reveals nobody.

When it applies: on screen and in the API for every role without access to personal data
(analyst, programme officer, administrator); in every export (CSV, XLSX, the printable
annual report and its PDF) whatever the role. Supervisors, who may already open their
organisation's cases, see exact numbers on screen.

Complementary suppression (``protection``) then hides as ``"≥11"`` whatever other counts
would let a reader work a ``"<11"`` cell out by subtraction from totals, rows or columns, in
the same table or across tables. Comparing two downloads with slightly different filters is
still not covered: publishing these tables outside the partner organisations calls for a
de-identified release built for that purpose (``waspada.sharing``).
"""

from __future__ import annotations

from typing import TypeVar

K = 11
SMALL = "<11"

T = TypeVar("T")


def people(count: int | None, *, suppress: bool) -> int | str | None:
    """A count of people as it may be shown: ``"<11"`` for 1–10 when suppressing."""
    if count is None:
        return None
    if suppress and 0 < count < K:
        return SMALL
    return count


def derived(value: T | None, *, basis: int, suppress: bool) -> T | None:
    """A median, share or sum computed from ``basis`` people: blanked below k when
    suppressing (and always when there is no basis at all)."""
    if value is None or basis == 0:
        return None
    if suppress and basis < K:
        return None
    return value
