"""Extension points of the job-offer check, filled by higher layers from ``AppConfig.ready()``.

Contact checks: ``register_contact_check(check)``. After the screening engine (which imports
nothing of Django) has assessed a text, each check gets the engine's ``entities`` and returns
the spans ``(start, end)`` of contacts that were *reported before* (recruitment intelligence
registers one). Any span turns into the red flag ``REPORTED_BEFORE``: only the fact, never
where or by whom.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

ContactCheck = Callable[[Mapping[str, Any]], list[tuple[int, int]]]

_checks: list[ContactCheck] = []


def register_contact_check(check: ContactCheck) -> None:
    if check not in _checks:
        _checks.append(check)


def reported_spans(entities: Mapping[str, Any]) -> list[tuple[int, int]]:
    """Spans of contacts any registered check knows as reported before (sorted, distinct)."""
    spans: set[tuple[int, int]] = set()
    for check in _checks:
        spans.update(check(entities))
    return sorted(spans)
