"""Receivers of the case kernel's signals (connected in ``LaporConfig.ready``)."""

from __future__ import annotations

from typing import Any

from waspada.lapor import erasure


def on_person_erased(sender: Any, *, case: Any, **kwargs: Any) -> None:
    """A report turned into a case holds the same person's data under its own key: erasing
    the person erases the report too."""
    erasure.reports_of_case_erase(case=case)
