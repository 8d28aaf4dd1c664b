"""Default reporting periods that follow the clock, not a year written in the code."""

from __future__ import annotations

from django.utils import timezone

DEFAULT_SPAN = 3  # years shown by default on the dashboards


def last_complete_years(span: int = DEFAULT_SPAN) -> tuple[int, int]:
    """The last ``span`` complete calendar years (in December 2026: 2023–2025)."""
    last = timezone.localdate().year - 1
    return last - span + 1, last


def last_complete_year() -> int:
    return timezone.localdate().year - 1
